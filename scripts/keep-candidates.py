"""Keep annotated candidates in the project: from a labelled annotation batch (which quotes the corpus), write only
the references and labels (``readout.training.data.reference``), after checking that every line's words read back
from ../shared/corpus are the ones the annotator saw, and that every label is a CAMEO code or "none".

    .venv/bin/python scripts/keep-candidates.py BATCH-labelled.jsonl --out data/candidates/annotated-01-A.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from readout.errors import InputError
from readout.nlp.text import ODD_SPACES
from readout.ontology import cameo
from readout.records import MODALITIES
from readout.training.data import read_candidates, reference

WORDS = ("text", "source_text", "target_text")


def _same(words: str) -> str:
    """Words as the pipeline read them (re-cased, with plain spaces) compare with the corpus's as written."""
    return " ".join(ODD_SPACES.sub(" ", words).split()).lower()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("batch", type=Path, nargs="+")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    rows = [json.loads(line) for p in args.batch for line in p.open(encoding="utf-8") if line.strip()]
    problems = [f"{r['key']}: label {r.get('cameo')!r}" for r in rows
                if r.get("cameo") != "none" and not cameo.is_code(str(r.get("cameo")))]
    problems += [f"{r['key']}: modality {r.get('modality')!r}" for r in rows
                 if (r.get("cameo") == "none") != (r.get("modality") is None)
                 or (r.get("modality") is not None and r["modality"] not in MODALITIES)]
    kept = [reference(r) for r in rows]
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as tmp:
        tmp.write("".join(json.dumps(k, ensure_ascii=False) + "\n" for k in kept))
    back = list(read_candidates(tmp.name, [Path(__file__).resolve().parents[2] / "shared" / "corpus"]))
    Path(tmp.name).unlink()
    for r, b in zip(rows, back, strict=True):
        if isinstance(b, InputError):
            problems.append(str(b))
        elif [_same(b[k]) for k in WORDS] != [_same(r[k]) for k in WORDS]:
            problems.append(f"{r['key']}: the words read back differ from the batch's")
    if problems:
        print("\n".join(problems[:20]), file=sys.stderr)
        print(f"{len(problems)} problems; nothing written", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(json.dumps(k, ensure_ascii=False) + "\n" for k in kept), encoding="utf-8")
    print(f"{len(kept)} candidates ({sum(k['cameo'] != 'none' for k in kept)} events) -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
