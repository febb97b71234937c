"""The rules against the annotated candidates (``docs/candidates.md``): for each labelled candidate, whether the
rules code an event from its first mention to its second (``readout.training.candidates.rule_code``), scored as
event detection and at CAMEO root level. The baseline a trained classifier has to beat.

    .venv/bin/python benchmarks/candidates.py data/candidates/annotated-01-*.jsonl
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "corpus"


def prf(tp: int, predicted: int, gold: int) -> str:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"{p:9.3f} {r:7.3f} {f:6.3f} {tp:5d} {gold:5d} {predicted:6d}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", type=Path, nargs="+")
    args = ap.parse_args()
    if not CORPUS.exists():
        print(f"{CORPUS} is absent: this benchmark reads ../shared/corpus", file=sys.stderr)
        return 2
    from readout.coder import Coder
    from readout.nlp.build import doc_for
    from readout.records import Document
    from readout.training.candidates import candidates

    labelled = [json.loads(line) for p in args.files for line in p.open(encoding="utf-8") if line.strip()]
    wanted = {(r["corpus"], r["doc"]) for r in labelled}
    rules: dict[str, str | None] = {}
    nlp = Coder().nlp
    for name in sorted({c for c, _ in wanted}):
        opener = gzip.open if name.endswith(".gz") else open
        with opener(CORPUS / name, "rt", encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                if (name, r["id"]) in wanted:
                    doc = nlp(doc_for(nlp, Document(text=r["text"], id=r["id"], date=r.get("date"),
                                                    title=r.get("title") or "", source=r.get("source") or "")))
                    rules.update((c.key, c.rule_cameo) for c in candidates(doc, r["id"]))
    found = [r for r in labelled if r["key"] in rules]
    gold = [r for r in found if r["cameo"] != "none"]
    coded = [r for r in found if rules[r["key"]]]
    both = [r for r in gold if rules[r["key"]]]
    same_root = [r for r in both if str(rules[r["key"]])[:2] == r["cameo"][:2]]
    print(f"candidates: {len(labelled)}  found again: {len(found)}  events: {len(gold)}")
    print("rules            precision  recall     f1    tp  gold  coded")
    print(f"  event          {prf(len(both), len(coded), len(gold))}")
    print(f"  + CAMEO root   {prf(len(same_root), len(coded), len(gold))}")
    print("command: .venv/bin/python benchmarks/candidates.py " + " ".join(str(p) for p in args.files))
    return 0


if __name__ == "__main__":
    sys.exit(main())
