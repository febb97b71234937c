"""How far two annotations of the same documents agree, scored the way ``readout eval`` scores the coder: one
annotation stands as gold, the other as coded, directed dyads matched one to one at each level. F1 is symmetric, so
which one stands as gold changes only precision and recall.

    .venv/bin/python benchmarks/agreement.py tests/gold/test.jsonl tests/gold/test-second.jsonl
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("first", type=Path)
    ap.add_argument("second", type=Path)
    args = ap.parse_args()
    from readout.evaluate import LEVELS, Counts, gold_items, match, read_gold

    first = {d.id: d for d in read_gold(args.first) if hasattr(d, "events")}
    second = {d.id: d for d in read_gold(args.second) if hasattr(d, "events")}
    both = [i for i in first if i in second]
    if not both:
        print("the two files share no document", file=sys.stderr)
        return 2
    totals = {level: Counts() for level in LEVELS}
    for i in both:
        a, b = gold_items(first[i]), gold_items(second[i])
        for level in LEVELS:
            totals[level].add(match(a, b, level)[0])
    events = sum(len(first[i].events or []) for i in both), sum(len(second[i].events or []) for i in both)
    print(f"documents in both: {len(both)}  events: {events[0]} and {events[1]}")
    print("level            precision  recall     f1  matched  first  second")
    for level, c in totals.items():
        print(f"  {level:<14} {c.precision:9.3f} {c.recall:7.3f} {c.f1:6.3f} {c.tp:8d} {c.gold:6d} {c.pred:7d}")
    print(f"command: .venv/bin/python benchmarks/agreement.py {args.first} {args.second}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
