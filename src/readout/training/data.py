"""Annotated candidates as the project keeps them: references into ``../shared/corpus`` (document id, corpus file,
character spans) and labels, never the corpus's words, which are read back from the corpus when the data is used.
Spans index the text the pipeline reads for the document (its title in front: ``readout.nlp.build.joined``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from readout.errors import InputError
from readout.evaluate import CorpusIndex, corpus_dirs
from readout.nlp.build import joined
from readout.records import Document

REFERENCE = ("key", "doc", "corpus", "date", "sentence", "source", "target", "cameo", "modality")
CONTEXT = 300  # characters before the sentence given with it


def reference(row: dict[str, Any]) -> dict[str, Any]:
    """What the project keeps of an annotated candidate: where it is, and its labels."""
    return {k: row.get(k) for k in REFERENCE}


def read_candidates(path: str | Path, dirs: list[Path] | None = None) -> Iterator[dict[str, Any] | InputError]:
    """The candidates of a reference file with their words read back from the corpus: ``text`` (the sentence),
    ``before`` (the context before it), ``source_text`` and ``target_text``. A line whose document is not in the
    corpus, or whose spans fall outside it, is an InputError."""
    path = Path(path)
    index = CorpusIndex(dirs if dirs is not None else corpus_dirs(path))
    texts: dict[str, str] = {}
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            key = f"{row['corpus']}/{row['doc']}"
            if key not in texts:
                found = index.get(row["corpus"], str(row["doc"]))
                if found is None:
                    yield InputError(f"{path}:{n}", f"document {row['doc']!r} not found in {row['corpus']!r}")
                    continue
                texts[key] = joined(Document(text=found["text"], title=found.get("title") or ""))[0]
            text = texts[key]
            spans = [s for s in (row["sentence"], row["source"], row["target"]) if s is not None]
            if any(not 0 <= s[0] <= s[1] <= len(text) for s in spans):
                yield InputError(f"{path}:{n}", f"a span of {row['key']!r} falls outside its document")
                continue
            s0, s1 = row["sentence"]
            yield {**row, "text": text[s0:s1], "before": text[max(0, s0 - CONTEXT):s0],
                   "source_text": text[row["source"][0]:row["source"][1]],
                   "target_text": text[row["target"][0]:row["target"][1]] if row["target"] else ""}
