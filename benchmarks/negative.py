"""Negative control: White House statements, proclamations and fact sheets (mostly no international event).

    .venv/bin/python benchmarks/negative.py [--n 300] [--seed 5] [--sample 30] [--out FILE] [--only model:]

Codes N documents of ../shared/corpus/whitehouse-other.jsonl.gz drawn with a fixed seed, prints how many events per
document it found (mean, median, share of documents with none) by kind of document, and draws a fixed sample of the
events with their evidence, written to --out as JSONL for checking by hand (add "correct": true/false to each line;
then run with --score FILE to print the precision of the checked sample). ``--only model:`` draws the sample from
the events the pair classifier added alone (every piece of evidence under a rule starting with ``model:``).
``--recheck FILE [FILE ...]`` codes again the documents of checked samples and tells which of their checked events
the coder still codes (same document, code, sources and targets): the right and wrong ones kept and dropped, and the
precision of those kept (a sample drawn from an earlier coder: the events it did not code are not in it).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "corpus" / "whitehouse-other.jsonl.gz"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--sample", type=int, default=30)
    ap.add_argument("--out", type=Path, default=Path("negative-sample.jsonl"))
    ap.add_argument("--score", type=Path, help="a checked sample file: print its precision and stop")
    ap.add_argument("--only", help="draw only events all of whose evidence is under rules starting with this")
    ap.add_argument("--recheck", type=Path, nargs="+", help="checked sample files: which of their events remain")
    args = ap.parse_args()
    if args.score:
        checked = [json.loads(line) for line in args.score.open(encoding="utf-8") if line.strip()]
        judged = [c for c in checked if isinstance(c.get("correct"), bool)]
        right = sum(c["correct"] for c in judged)
        print(f"checked events: {len(judged)} of {len(checked)}  correct: {right}  precision: "
              f"{right / len(judged):.3f}" if judged else "no event is marked correct: true/false yet")
        return 0
    if not args.corpus.exists():
        print(f"{args.corpus} is absent: this benchmark reads ../shared/corpus", file=sys.stderr)
        return 2
    from readout.coder import Coder
    from readout.formats.writers import snippet
    from readout.records import Document

    with gzip.open(args.corpus, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    if args.recheck:
        return recheck(rows, args.recheck)
    rng = random.Random(args.seed)
    picked = rng.sample(rows, min(args.n, len(rows)))
    docs = [Document(text=r["text"], id=r["id"], date=r.get("date"), title=r.get("title", ""), source=r["source"],
                     meta={"kind": r.get("kind", "")}) for r in picked]
    coded = list(Coder().code_many(docs))
    counts = [len(c.events) for c in coded]
    print(f"documents: {len(coded)}  events: {sum(counts)}  per document: mean {statistics.mean(counts):.2f}, "
          f"median {statistics.median(counts):.1f}, none in {sum(1 for n in counts if n == 0) / len(counts):.0%}")
    by_kind: dict[str, list[int]] = {}
    for c, n in zip(coded, counts, strict=True):
        by_kind.setdefault(c.document.meta.get("kind") or "?", []).append(n)
    for kind, ns in sorted(by_kind.items()):
        print(f"  {kind:<16} documents {len(ns):4d}  events per document {statistics.mean(ns):.2f}")
    events = [(c, e) for c in coded for e in c.events
              if not args.only or all(x.rule.startswith(args.only) for x in e.evidence)]
    if args.only:
        print(f"events under {args.only}*: {len(events)} ({len(events) / len(coded):.2f} per document)")
    sample = random.Random(args.seed).sample(events, min(args.sample, len(events)))
    with open(args.out, "w", encoding="utf-8") as out:
        for c, e in sample:
            out.write(json.dumps({"doc": c.document.id, "cameo": e.cameo, "source": [a.code for a in e.source],
                                  "target": [a.code for a in e.target], "modality": e.modality,
                                  "evidence": snippet(c, e), "correct": None}, ensure_ascii=False) + "\n")
    print(f"{len(sample)} events drawn for checking by hand: {args.out}")
    print("command: .venv/bin/python benchmarks/negative.py" + "".join(f" {a}" for a in sys.argv[1:]))
    return 0


def recheck(rows: list[dict], files: list[Path]) -> int:
    """Which checked events of ``files`` today's coder still codes, and the precision of those it keeps."""
    from readout.coder import Coder
    from readout.records import Document

    checked = [json.loads(line) for f in files for line in f.open(encoding="utf-8") if line.strip()]
    checked = [c for c in checked if isinstance(c.get("correct"), bool)]
    wanted = {c["doc"] for c in checked}
    docs = [Document(text=r["text"], id=r["id"], date=r.get("date"), title=r.get("title", ""), source=r["source"])
            for r in rows if r["id"] in wanted]
    coded: set[tuple] = set()
    for c in Coder().code_many(docs):
        coded |= {(c.document.id, e.cameo, tuple(a.code for a in e.source), tuple(a.code for a in e.target))
                  for e in c.events}
    table = {(right, kept): 0 for right in (True, False) for kept in (True, False)}
    for c in checked:
        kept = (c["doc"], c["cameo"], tuple(c["source"]), tuple(c["target"])) in coded
        table[(c["correct"], kept)] += 1
    kept = table[(True, True)] + table[(False, True)]
    print("| checked events | kept | dropped |\n|---|---|---|")
    for right in (True, False):
        print(f"| {'right' if right else 'wrong'} | {table[(right, True)]} | {table[(right, False)]} |")
    print(f"precision of those kept: {table[(True, True)] / kept:.3f} ({table[(True, True)]} of {kept})" if kept
          else "none of the checked events is kept")
    print("command: .venv/bin/python benchmarks/negative.py --recheck " + " ".join(str(f) for f in files))
    return 0


if __name__ == "__main__":
    sys.exit(main())
