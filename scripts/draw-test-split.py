"""Draw the documents of the frozen test split (tests/gold/test.jsonl), with a fixed seed, none of them in the dev
gold or the negative control's checked sample, 300 to 6,000 characters long. First stage: 6 from each of five files
of ../shared/corpus; second stage: 7 from whitehouse-other and one more from each of the five. The split is annotated
by the coding guide, twice and apart, without running the coder on it, and only ever scored (``readout eval``),
never read for the coder's errors.

    .venv/bin/python scripts/draw-test-split.py > ids.tsv
"""

from __future__ import annotations

import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
FILES = ("whitehouse-readouts.jsonl", "state-dept-press-releases.jsonl", "kremlin-news.jsonl",
         "ukraine-president-news.jsonl", "fmprc-press-conferences.jsonl")
STAGES = ({name: 6 for name in FILES}, {"whitehouse-other.jsonl.gz": 7, **{name: 1 for name in FILES}})


def rows(name: str) -> list[dict]:
    from readout.evaluate import corpus_records

    return list(corpus_records(CORPUS / name))


def main() -> None:
    gold = ROOT / "tests" / "gold"
    seen = {json.loads(line)["id"] for line in (gold / "dev.jsonl").open(encoding="utf-8")}
    seen |= {json.loads(line)["doc"] for line in (gold / "negative-sample.jsonl").open(encoding="utf-8")}
    rng = random.Random(20261204)
    for stage in STAGES:
        for name, n in stage.items():
            fit = [r for r in rows(name) if r["id"] not in seen and 300 <= len(r.get("text") or "") <= 6000]
            for r in rng.sample(fit, n):
                seen.add(r["id"])
                print(name, r["id"], sep="\t")


if __name__ == "__main__":
    main()
