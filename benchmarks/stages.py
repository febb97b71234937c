"""Where the coder's time goes: each component of the pipeline timed on its own, over every White House readout.

    .venv/bin/python benchmarks/stages.py [--limit N] [--knowledge DIR]

Runs the documents through the full pipeline one component at a time (each component over all documents, in
pipeline order), and prints the seconds each took and its share of the whole; readout's own stages are marked.
The actors stage is actor resolution. Timings are noisy on shared machines: compare shares within one run.
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
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--knowledge", help="knowledge folder (e.g. one made by readout kb import)")
    args = ap.parse_args()
    if not args.corpus.exists():
        print(f"{args.corpus} is absent: this benchmark reads ../shared/corpus", file=sys.stderr)
        return 2
    from readout.coder import Coder
    from readout.records import Document

    docs = [json.loads(line) for line in args.corpus.open(encoding="utf-8")]
    if args.limit:
        docs = docs[: args.limit]
    coder = Coder(knowledge=args.knowledge)
    nlp = coder.nlp
    list(coder.code_many(Document(text=d["text"]) for d in docs[:4]))  # warm up
    t0 = time.perf_counter()
    made = [coder.make_doc(Document(text=d["text"], date=d.get("date"), source=d["source"])) for d in docs]
    timings = [("tokenizer (make_doc)", time.perf_counter() - t0, False)]
    for name, proc in nlp.pipeline:
        t0 = time.perf_counter()
        made = list(proc.pipe(made, batch_size=32)) if hasattr(proc, "pipe") else [proc(doc) for doc in made]
        timings.append((name, time.perf_counter() - t0, name.startswith("readout_")))
    total = sum(t for _, t, _ in timings)
    words = sum(len(d["text"].split()) for d in docs)
    print(f"corpus: {args.corpus.name}  documents: {len(docs)}  words: {words}")
    print(f"{'component':<24}{'seconds':>9}{'share':>8}")
    for name, t, ours in timings:
        print(f"{name + (' *' if ours else ''):<24}{t:>9.2f}{100 * t / total:>7.1f}%")
    ours = sum(t for _, t, o in timings if o)
    actors = sum(t for n, t, _ in timings if n in ("readout_gazetteer", "readout_actors"))
    print(f"{'total':<24}{total:>9.2f}")
    print(f"readout's stages (*): {100 * ours / total:.1f}% of the whole; actor resolution (gazetteer + actors): "
          f"{100 * actors / (total - actors):.1f}% on top of the rest")
    print("command: .venv/bin/python benchmarks/stages.py" + "".join(f" {a}" for a in sys.argv[1:]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
