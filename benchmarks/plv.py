"""Event types across every PLOVER root: code each sentence of ../shared/dev-sets/plv-train.jsonl end to end and look
for an event from the marked source to the marked target; score its PLOVER root.

    .venv/bin/python benchmarks/plv.py [--limit N] [--confusion]

Prints macro F1 over the 15 roots (YIELD covers CONCEDE and RETREAT), over the four quad classes, and for the binary
cooperation / conflict split, plus per-root precision, recall and F1. A sentence where no event links the two marked
actors counts as a miss for its gold root.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT = HERE.parent.parent / "shared" / "dev-sets" / "plv-train.jsonl"
ROOTS = ("AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "YIELD", "REQUEST", "ACCUSE", "REJECT", "THREATEN",
         "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "COOPERATE": 2, "AID": 2, "YIELD": 2, "REQUEST": 3, "ACCUSE": 3,
        "REJECT": 3, "THREATEN": 3, "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4}


def root_of(plover_type: str | None) -> str | None:
    if plover_type in ("CONCEDE", "RETREAT"):
        return "YIELD"
    return plover_type


def locate(text: str, phrase: str) -> tuple[int, int] | None:
    i = text.find(phrase)
    if i < 0:
        i = text.lower().find(phrase.lower())
    return None if i < 0 else (i, i + len(phrase))


def overlaps(span, region) -> bool:
    return span is not None and region is not None and span[0] < region[1] and region[0] < span[1]


def predict(coded, row) -> str | None:
    """The PLOVER root of the event that best links the marked source to the marked target."""
    text = row["text"]
    src, tgt = locate(text, row["source"]), locate(text, row["target"])
    best, best_score = None, -1
    for e in coded.events:
        s_hit = any(overlaps(a.span, src) for a in e.source) or (e.mutual and any(overlaps(a.span, src)
                                                                                  for a in e.target))
        t_hit = any(overlaps(a.span, tgt) for a in e.target) or (e.mutual and any(overlaps(a.span, tgt)
                                                                                  for a in e.source))
        score = 2 * s_hit + 2 * t_hit
        if score > best_score and e.plover_type:
            best, best_score = e, score
    if best is None or best_score < 2:
        return None
    return root_of(best.plover_type)


Row = tuple[float, float, float, int]


def f1_table(gold: list[str], pred: list[str | None], labels) -> tuple[float, dict[str, Row]]:
    tp, fp, fn = Counter(), Counter(), Counter()
    for g, p in zip(gold, pred, strict=True):
        if p == g:
            tp[g] += 1
        else:
            fn[g] += 1
            if p is not None:
                fp[p] += 1
    rows = {}
    for lab in labels:
        p = tp[lab] / (tp[lab] + fp[lab]) if tp[lab] + fp[lab] else 0.0
        r = tp[lab] / (tp[lab] + fn[lab]) if tp[lab] + fn[lab] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        rows[lab] = (p, r, f, tp[lab] + fn[lab])
    return sum(v[2] for v in rows.values()) / len(rows), rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--confusion", action="store_true", help="print the confusion counts (gold -> predicted)")
    args = ap.parse_args()
    if not args.data.exists():
        print(f"{args.data} is absent: this benchmark reads ../shared/dev-sets", file=sys.stderr)
        return 2
    from readout.coder import Coder
    from readout.records import Document

    rows = [json.loads(line) for line in args.data.open(encoding="utf-8")]
    if args.limit:
        rows = rows[: args.limit]
    coder = Coder()
    gold = [root_of(r["plover_root"]) for r in rows]
    pred = [predict(c, r) for c, r in zip(coder.code_many(Document(text=r["text"]) for r in rows), rows,
                                           strict=True)]
    macro, table = f1_table(gold, pred, ROOTS)
    quad_macro, _ = f1_table([str(QUAD[g]) for g in gold], [str(QUAD[p]) if p else None for p in pred], "1234")
    binary = [("coop" if QUAD[g] <= 2 else "conf") for g in gold]
    bin_pred = [None if p is None else ("coop" if QUAD[p] <= 2 else "conf") for p in pred]
    bin_macro, _ = f1_table(binary, bin_pred, ("coop", "conf"))
    found = sum(p is not None for p in pred)
    print(f"sentences: {len(rows)}  with an event linking the marked actors: {found} ({found / len(rows):.1%})")
    print(f"macro F1  root: {macro:.3f}  quad: {quad_macro:.3f}  binary: {bin_macro:.3f}")
    print(f"{'root':<10} {'precision':>9} {'recall':>7} {'f1':>6} {'gold':>5}")
    for lab, (p, r, f, n) in table.items():
        print(f"{lab:<10} {p:9.3f} {r:7.3f} {f:6.3f} {n:5d}")
    if args.confusion:
        conf: dict[str, Counter] = defaultdict(Counter)
        for g, p in zip(gold, pred, strict=True):
            conf[g][p or "-"] += 1
        for g in ROOTS:
            print(g, dict(conf[g].most_common(5)))
    print("command: .venv/bin/python benchmarks/plv.py" + (f" --limit {args.limit}" if args.limit else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
