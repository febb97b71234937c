"""Throughput: the bare spaCy pipeline against the full coder, on every White House readout in ../shared/corpus.

    .venv/bin/python benchmarks/throughput.py [--limit N] [--corpus PATH]

Prints documents/s and words/s for both, in one run, and the cost of readout's stages over the bare pipeline.
Timings are noisy on shared machines: compare the ratio, not the absolute numbers, and only within one run.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT = HERE.parent.parent / "shared" / "corpus" / "whitehouse-readouts.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=0, help="code only the first N documents (0: all)")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--repeat", type=int, default=2, help="runs of each, alternating; the fastest counts (default 2)")
    args = ap.parse_args()
    if not args.corpus.exists():
        print(f"{args.corpus} is absent: this benchmark reads ../shared/corpus", file=sys.stderr)
        return 2
    import spacy

    from readout.coder import Coder
    from readout.records import Document
    from readout.settings import pipeline_name

    docs = [json.loads(line) for line in args.corpus.open(encoding="utf-8")]
    if args.limit:
        docs = docs[: args.limit]
    texts = [d["text"] for d in docs]
    words = sum(len(t.split()) for t in texts)

    bare = spacy.load(pipeline_name())
    coder = Coder(batch_size=args.batch_size)
    # warm both up on a few documents so that lazy loading is not timed
    list(bare.pipe(texts[:8]))
    list(coder.code_many(Document(text=t) for t in texts[:8]))

    runs = (
        ("bare spaCy pipeline", lambda: sum(1 for _ in bare.pipe(texts, batch_size=args.batch_size))),
        ("readout coder", lambda: sum(len(c.events) for c in coder.code_many(
            Document(text=d["text"], id=d["id"], date=d.get("date")) for d in docs))),
    )
    best: dict[str, tuple[float, int]] = {}
    for _ in range(args.repeat):
        for name, run in runs:
            t0 = time.perf_counter()
            result = run()
            dt = time.perf_counter() - t0
            if name not in best or dt < best[name][0]:
                best[name] = (dt, result)
    rows = [(name, *best[name]) for name, _ in runs]
    base = rows[0][1]
    print(f"corpus: {args.corpus.name}  documents: {len(docs)}  words: {words}  pipeline: {pipeline_name()}")
    print(f"{'run':<22} {'seconds':>8} {'docs/s':>8} {'words/s':>9} {'vs bare':>8}")
    for name, dt, _ in rows:
        print(f"{name:<22} {dt:8.1f} {len(docs) / dt:8.1f} {words / dt:9.0f} {dt / base:8.2f}x")
    print(f"events coded: {rows[1][2]}   readout stages cost {100 * (rows[1][1] / base - 1):+.1f}% over the bare "
          "pipeline")
    print("sentences parsed: all of them (benchmarks/stages.py counts what parsing only some could save)")
    print("command: .venv/bin/python benchmarks/throughput.py" + (f" --limit {args.limit}" if args.limit else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
