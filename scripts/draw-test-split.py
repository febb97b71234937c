"""Draw the documents of the frozen test split (tests/gold/test.jsonl): 6 from each of five files of
../shared/corpus, with a fixed seed, none of them in tests/gold/dev.jsonl, 300 to 6,000 characters long. The split is
annotated by the coding guide without running the coder on it, and only ever scored (``readout eval``), never read
for the coder's errors.

    .venv/bin/python scripts/draw-test-split.py > ids.txt
"""

from __future__ import annotations

import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
FILES = ("whitehouse-readouts.jsonl", "state-dept-press-releases.jsonl", "kremlin-news.jsonl",
         "ukraine-president-news.jsonl", "fmprc-press-conferences.jsonl")
PER_FILE = 6


def main() -> None:
    dev = {json.loads(line)["id"] for line in (ROOT / "tests" / "gold" / "dev.jsonl").open(encoding="utf-8")}
    rng = random.Random(20261204)
    for name in FILES:
        rows = [json.loads(line) for line in (CORPUS / name).open(encoding="utf-8")]
        fit = [r for r in rows if r["id"] not in dev and 300 <= len(r.get("text") or "") <= 6000]
        for r in rng.sample(fit, PER_FILE):
            print(name, r["id"], sep="\t")


if __name__ == "__main__":
    main()
