"""Agreement of two annotators on the same candidates (``docs/candidates.md``): Cohen's kappa on the CAMEO root,
with ``none`` as a class, and on event / no event; the share of candidates labelled alike.

    .venv/bin/python benchmarks/kappa.py data/candidates/annotated-01-A.jsonl data/candidates/overlap-01-A.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def root(cameo: str | None) -> str:
    return "none" if not cameo or cameo == "none" else cameo[:2]


def labels(path: Path) -> dict[str, str]:
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    return {r["key"]: root(r.get("cameo")) for r in rows if r.get("cameo")}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("first", type=Path, nargs="+")
    ap.add_argument("--second", type=Path, nargs="+", required=True)
    args = ap.parse_args()
    from readout.training.agreement import cohen_kappa

    first: dict[str, str] = {}
    second: dict[str, str] = {}
    for p in args.first:
        first.update(labels(p))
    for p in args.second:
        second.update(labels(p))
    keys = sorted(set(first) & set(second))
    if not keys:
        print("the files share no labelled candidate", file=sys.stderr)
        return 2
    a, b = [first[k] for k in keys], [second[k] for k in keys]
    events_a, events_b = [x != "none" for x in a], [x != "none" for x in b]
    print(f"candidates labelled twice: {len(keys)}  events: {sum(events_a)} and {sum(events_b)}")
    print(f"kappa on root (none a class): {cohen_kappa(a, b):.3f}   same label: "
          f"{sum(x == y for x, y in zip(a, b, strict=True)) / len(keys):.3f}")
    print(f"kappa on event / no event:    {cohen_kappa([str(x) for x in events_a], [str(x) for x in events_b]):.3f}")
    print("command: .venv/bin/python benchmarks/kappa.py " + " ".join(sys.argv[1:]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
