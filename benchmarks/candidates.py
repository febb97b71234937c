"""The rules against the annotated candidates (``docs/candidates.md``): for each labelled candidate, whether the
rules code an event from its first mention to its second (``readout.training.candidates.rule_code``), scored as
event detection and at CAMEO root level. The baseline a trained classifier has to beat.

    .venv/bin/python benchmarks/candidates.py data/candidates/annotated-01-*.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "corpus"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", type=Path, nargs="+")
    args = ap.parse_args()
    if not CORPUS.exists():
        print(f"{CORPUS} is absent: this benchmark reads ../shared/corpus", file=sys.stderr)
        return 2
    from readout.coder import Coder
    from readout.evaluate import Counts, corpus_records
    from readout.nlp.build import doc_for
    from readout.records import Document
    from readout.training.candidates import candidates

    labelled = [json.loads(line) for p in args.files for line in p.open(encoding="utf-8") if line.strip()]
    wanted = {(r["corpus"], r["doc"]) for r in labelled}
    rules: dict[str, str | None] = {}
    nlp = Coder().nlp
    for name in sorted({c for c, _ in wanted}):
        for r in corpus_records(CORPUS / name):
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
    print(f"  event          {Counts(len(both), len(gold), len(coded)).row()}")
    print(f"  + CAMEO root   {Counts(len(same_root), len(gold), len(coded)).row()}")
    print("command: .venv/bin/python benchmarks/candidates.py " + " ".join(str(p) for p in args.files))
    return 0


if __name__ == "__main__":
    sys.exit(main())
