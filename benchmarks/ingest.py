"""Ingest throughput: coding alone, and ingest into SQLite and into PostgreSQL, on all of ../shared/corpus.

    .venv/bin/python benchmarks/ingest.py [--limit N] [--pg URL] [--workdir DIR]

In one run: (1) every document is read and coded once, timing the coder alone (the coded documents are kept as
``readout code --format jsonl`` output); (2) that output is ingested into a new SQLite file and (3) into a new
PostgreSQL database with ``readout.store.ingest``, which stores coded input without coding it again, timing the
database work alone; (4) the SQLite ingest is run again, which must add nothing. An ingest of raw text costs coding
plus storing, so its rate is documents / (coding time + storing time); the overhead column is storing time over
coding time (the bar is 10%). PostgreSQL is started with scripts/postgres.sh unless --pg names a server.
Timings are noisy on shared machines: compare within one run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import CORPUS, corpus_files  # benchmarks/corpus.py

HERE = Path(__file__).resolve().parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents of each file (0: all)")
    ap.add_argument("--pg", help="PostgreSQL server URL (default: start one with scripts/postgres.sh)")
    ap.add_argument("--workdir", type=Path, help="folder for the coded JSONL and the SQLite file (default: temp)")
    ap.add_argument("--reuse", action="store_true", help="reuse the coded JSONL and its coding time that an earlier "
                    "run left in --workdir (to measure storage again without coding again)")
    args = ap.parse_args()
    files = corpus_files(args.corpus)
    from readout.coder import Coder
    from readout.errors import InputError
    from readout.formats.readers import read
    from readout.store.database import create_database, drop_database
    from readout.store.ingest import ingest

    work = args.workdir or Path(tempfile.mkdtemp(prefix="readout-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    docs = []
    for f in files:
        taken = 0
        for item in read(f):
            if isinstance(item, InputError):
                continue
            docs.append(item)
            taken += 1
            if args.limit and taken >= args.limit:
                break
    words = sum(len(d.text.split()) for d in docs)

    coded_path, timing_path = work / "coded.jsonl", work / "coding.json"
    if args.reuse and coded_path.exists() and timing_path.exists():
        timing = json.loads(timing_path.read_text())
        assert timing["documents"] == len(docs), "the coded file is of another selection of documents"
        code_s, n_events = timing["seconds"], timing["events"]
        print(f"reusing {coded_path}: coded in {code_s:.1f} s by an earlier run", file=sys.stderr)
    else:
        coder = Coder()
        list(coder.code_many(docs[:4]))  # load lazily built parts before timing
        code_s, n_events = 0.0, 0
        with open(coded_path, "w", encoding="utf-8") as out:
            stream = coder.code_many(docs)
            while True:
                t0 = time.perf_counter()
                c = next(stream, None)
                code_s += time.perf_counter() - t0
                if c is None:
                    break
                n_events += len(c.events)
                out.write(c.to_json() + "\n")
        timing_path.write_text(json.dumps({"documents": len(docs), "words": words, "events": n_events,
                                           "seconds": round(code_s, 1)}))
        print(f"coded {len(docs)} documents ({words} words, {n_events} events) in {code_s:.1f} s", file=sys.stderr)

    pg = args.pg or _start_postgres()
    rows = [("coding alone", len(docs), n_events, code_s, 0.0, None)]
    if not args.reuse:
        del coder
    targets = [("SQLite", str(work / "bench.db"))]
    if pg:
        targets.append(("PostgreSQL", create_database(pg, f"readout_bench_{os.getpid()}")))
    for name, db in targets:
        s = ingest([str(coded_path)], db, coder=None, chunk=64)
        assert s.stored + s.duplicates == len(docs), s.line()  # the same text twice is stored once
        rows.append((f"ingest into {name}", s.stored, s.events, code_s, s.store_seconds, s))
    again = ingest([str(coded_path)], targets[0][1], coder=None)
    assert again.stored == 0 and again.unchanged + again.duplicates == len(docs), again.line()

    print(f"\n{'':<26}{'documents':>10}{'events':>9}{'coding s':>10}{'storing s':>11}{'docs/s':>9}{'overhead':>10}")
    for label, n, ev, c_s, s_s, _ in rows:
        rate = n / (c_s + s_s) if c_s + s_s else 0.0
        over = f"{100 * s_s / c_s:.1f}%" if s_s else "-"
        print(f"{label:<26}{n:>10}{ev:>9}{c_s:>10.1f}{s_s:>11.1f}{rate:>9.2f}{over:>10}")
    print(f"{'second ingest (SQLite)':<26}{again.read:>10}{'0':>9}{'-':>10}{again.seconds:>11.1f}"
          f"{again.read / again.seconds:>9.0f}{'-':>10}")
    print(f"\n{len(docs)} documents, {words} words; coding alone {words / code_s:.0f} words/s on one process; "
          f"{rows[1][1]} stored (the rest repeat a stored text under another id)")
    print("command: .venv/bin/python benchmarks/ingest.py" + "".join(f" {a}" for a in sys.argv[1:]))
    if pg:
        drop_database(targets[1][1])
    return 0


def _start_postgres() -> str | None:
    try:
        done = subprocess.run(["bash", str(HERE.parent / "scripts" / "postgres.sh")], capture_output=True, text=True,
                              check=True, timeout=600)
    except (subprocess.SubprocessError, OSError) as err:
        print(f"PostgreSQL not available ({err}); measuring SQLite only", file=sys.stderr)
        return None
    return done.stdout.strip().splitlines()[-1]


if __name__ == "__main__":
    sys.exit(main())
