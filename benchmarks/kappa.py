"""Agreement of two annotators on the same candidates (``docs/candidates.md``): Cohen's kappa on the CAMEO root,
with ``none`` as a class, and on event / no event; the share of candidates labelled alike. Written examples
(``data/written``) count as the candidates they make: every ordered pair of their mentions, and each mention alone.

    .venv/bin/python benchmarks/kappa.py data/candidates/annotated-01-*.jsonl \
        --second data/candidates/overlap-01-*.jsonl
    .venv/bin/python benchmarks/kappa.py data/written/w1-*.jsonl --second data/written/overlap-w1.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def root(cameo: str | None) -> str:
    return "none" if not cameo or cameo == "none" else cameo[:2]


def written(row: dict) -> dict[str, str]:
    """A written example as candidates: every ordered pair of its mentions, and each mention alone, with the root
    of the event listed for it or none."""
    listed = {(e["source"], e["target"]): root(e["cameo"]) for e in row["events"]}
    return {f"{row['id']}:{m}>{o}": listed.get((m, o), "none")
            for m in row["mentions"] for o in [*row["mentions"], None] if o != m}


def labels(path: Path) -> dict[str, str]:
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    out: dict[str, str] = {}
    for r in rows:
        if "mentions" in r:
            out.update(written(r))
        elif r.get("cameo"):
            out[r["key"]] = root(r["cameo"])
    return out


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
