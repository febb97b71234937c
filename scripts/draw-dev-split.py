"""Draw documents for a further dev set, with a fixed seed, none of them in the dev gold, the frozen test split, the
negative controls' checked samples or the gold files named with ``--exclude``. Unlike the test split, a dev set is
read for the coder's errors.

    # tests/gold/dev2.jsonl: 12 State Department releases
    .venv/bin/python scripts/draw-dev-split.py --seed 20261206 state-dept-press-releases.jsonl:12
    # tests/gold/dev3.jsonl: 3 each from four more files, at most 4,000 characters
    .venv/bin/python scripts/draw-dev-split.py --seed 202612062 --max-chars 4000 --exclude tests/gold/dev2.jsonl \\
        kremlin-news.jsonl:3 ukraine-president-news.jsonl:3 fmprc-press-conferences.jsonl:3 whitehouse-readouts.jsonl:3
    # tests/gold/dev4.jsonl: 10 White House statements, fact sheets and letters, at most 4,000 characters
    .venv/bin/python scripts/draw-dev-split.py --seed 202612063 --max-chars 4000 --exclude tests/gold/dev2.jsonl \
        --exclude tests/gold/dev3.jsonl whitehouse-other.jsonl.gz:10
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
GOLD = ROOT / "tests" / "gold"


def main() -> None:
    from readout.evaluate import corpus_records

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="+", help="FILE:N, a file of ../shared/corpus and how many to draw from it")
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--min-chars", type=int, default=300)
    ap.add_argument("--max-chars", type=int, default=6000)
    ap.add_argument("--exclude", action="append", default=[], help="a further gold file whose documents are taken")
    args = ap.parse_args()
    seen: set[str] = set()
    for path in [GOLD / "dev.jsonl", GOLD / "test.jsonl", *map(Path, args.exclude)]:
        seen |= {json.loads(line)["id"] for line in path.open(encoding="utf-8")}
    for name in ("negative-sample.jsonl", "negative-model-sample.jsonl"):
        seen |= {json.loads(line).get("doc") for line in (GOLD / name).open(encoding="utf-8")}
    rng = random.Random(args.seed)
    for spec in args.files:
        name, n = spec.rsplit(":", 1)
        fit = [r for r in corpus_records(CORPUS / name)
               if r["id"] not in seen and args.min_chars <= len(r.get("text") or "") <= args.max_chars]
        for r in rng.sample(fit, int(n)):
            print(name, r["id"], sep="\t")


if __name__ == "__main__":
    main()
