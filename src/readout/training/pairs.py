"""Training examples for the pair classifier (``readout.nlp.linker``), from the two kinds of annotated data the
project keeps:

- ``data/candidates/annotated-*.jsonl``: candidates of documents of ``../shared/corpus``, kept as references and
  read back with their words (``readout.training.data``), each labelled with a CAMEO code or ``none``;
- ``data/written/*.jsonl``: short texts the project wrote itself, each listing every actor mention and every event
  between them (``docs/candidates.md``, "Written examples"); every ordered pair of its mentions, and each mention
  alone, is a candidate, labelled by the events listed (``none`` where none is).

Each document is coded by the pipeline, so that the features (``readout.nlp.pairs``) are the ones the pipeline will
compute: the same parse, the same trigger patterns, the same rule codes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span

from readout.errors import InputError
from readout.nlp.build import doc_for
from readout.nlp.linker import Linker, label_of, rule_code
from readout.records import Document
from readout.training.data import read_candidates

NONE = "none"


@dataclass
class Example:
    group: str  # the document it comes from: folds never split a document
    key: str
    features: list[str]
    label: str  # a CAMEO root ("04", "19") or "none"
    cameo: str  # the annotated code, or "none"
    source: str = "written"  # written | corpus
    vector: np.ndarray | None = None  # the dense part (``readout.nlp.pairs.pair_vector``)


def _features(linker: Linker, doc: Doc, sent: Span, source: tuple[int, int], target: tuple[int, int] | None,
              events: list) -> tuple[list[str], np.ndarray | None] | None:
    s = doc.char_span(*source, alignment_mode="expand")
    t = doc.char_span(*target, alignment_mode="expand") if target else None
    if s is None or (target and t is None) or (t is not None and s.start < t.end and t.start < s.end):
        return None
    where = (sent.start_char, sent.end_char)
    return linker.reading(s, t, rule_code(events, where, source, target), events, where)


def written_examples(nlp: Language, linker: Linker, paths: Iterable[Path]) -> Iterator[Example | InputError]:
    """The candidates of the written examples, labelled."""
    for path in paths:
        rows = [(n, line) for n, line in enumerate(Path(path).open(encoding="utf-8"), 1) if line.strip()]
        docs = nlp.pipe(doc_for(nlp, Document(text=json.loads(line)["text"])) for _, line in rows)
        for (n, line), doc in zip(rows, docs, strict=True):
            row = json.loads(line)
            if doc.text != row["text"]:
                yield InputError(f"{path}:{n}", "the pipeline changed the text (re-cased or unwrapped it)")
                continue
            yield from _written(linker, doc, row, Path(path).name)


def _spans(doc: Doc, row: dict) -> dict[str, tuple[int, int]]:
    """The annotated mentions by their words, and besides them each mention the pipeline finds that overlaps none
    of them (a place, a modifier, a title: no actor of any event, since the annotation lists every actor), under
    a key of its own."""
    spans = {m: (row["text"].find(m), row["text"].find(m) + len(m)) for m in row["mentions"]}
    taken = list(spans.values())
    for m in doc._.actors or []:
        span = doc[m.start:m.end]
        at = (span.start_char, span.end_char)
        if not any(at[0] < b and a < at[1] for a, b in taken):
            spans[f"~{span.text}@{at[0]}"] = at
            taken.append(at)
    return spans


def _written(linker: Linker, doc: Doc, row: dict, name: str) -> Iterator[Example]:
    """The candidates of one written example: every ordered pair of mentions in one sentence, each mention alone."""
    spans = _spans(doc, row)
    gold = {(e["source"], e["target"]): e["cameo"] for e in row["events"]}
    for m, span in spans.items():
        s = doc.char_span(*span, alignment_mode="expand")
        if s is None:
            continue
        for other in [*spans, None]:
            if other == m:
                continue
            target = spans[other] if other is not None else None
            t = doc.char_span(*target, alignment_mode="expand") if target is not None else None
            if target is not None and (t is None or t.sent.start != s.sent.start):
                continue  # the classifier reads pairs within a sentence
            feats = _features(linker, doc, s.sent, span, target, doc._.events or [])
            if feats is None:
                continue
            cameo = gold.get((m, other), NONE)
            yield Example(f"{name}#{row['id']}", f"{row['id']}:{m}>{other}", feats[0], label_of(cameo), cameo,
                          vector=feats[1])


def corpus_examples(nlp: Language, linker: Linker, paths: Iterable[Path],
                    dirs: list[Path] | None = None) -> Iterator[Example | InputError]:
    """The annotated candidates of the corpus, labelled; each document is coded once."""
    paths = list(paths)
    by_doc: dict[tuple[str, str], list[dict]] = {}
    for path in paths:
        for row in read_candidates(path, dirs):
            if isinstance(row, InputError):
                yield row
                continue
            by_doc.setdefault((row["corpus"], str(row["doc"])), []).append(row)
    from readout.evaluate import CorpusIndex, corpus_dirs

    index = CorpusIndex(dirs if dirs is not None else corpus_dirs(paths[0] if paths else Path(".")))
    keys = sorted(by_doc)
    documents = []
    for corpus, doc_id in keys:
        r = index.get(corpus, doc_id) or {}
        documents.append(Document(text=r.get("text", ""), id=doc_id, title=r.get("title") or "", date=r.get("date"),
                                  source=r.get("source", "")))
    for (corpus, doc_id), doc in zip(keys, nlp.pipe(doc_for(nlp, d) for d in documents), strict=True):
        for row in by_doc[(corpus, doc_id)]:
            s0, s1 = row["sentence"]
            sent = doc.char_span(s0, s1, alignment_mode="expand")
            source = (row["source"][0], row["source"][1])
            target = (row["target"][0], row["target"][1]) if row["target"] else None
            feats = None if sent is None else _features(linker, doc, sent.sent, source, target, doc._.events or [])
            if feats is None:
                yield InputError(row["key"], "its two mentions overlap, or its spans no longer fall on tokens of the "
                                             "coded document")
                continue
            yield Example(f"{corpus}#{doc_id}", row["key"], feats[0], label_of(row["cameo"]), row["cameo"], "corpus",
                          feats[1])
