"""kill -9 at random points of an ingest, into SQLite and into PostgreSQL: each interrupted database, ingested again,
must equal the database of an uninterrupted run (every table compared, without surrogate ids), and a reader polling
while it writes must only ever see whole documents.

    .venv/bin/python benchmarks/crashes.py [--kills 20] [--docs 24] [--pg URL]

The documents are the first short records of ../shared/corpus/kremlin-news.jsonl, ingested in chunks of 2. One
uninterrupted run in a process of its own times a document; each kill point is drawn (seeded) as "a random delay of
up to two documents' time after the database first holds k documents", k uniform, so the kills land while the coder
works, inside transactions and at commits, all through the ingest. PostgreSQL is the server of
``--pg`` or the one scripts/postgres.sh starts. Also run by ``benchmarks/reliability.py --part kill``.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tests.crash import ingest_then_kill, run_statuses, sample  # noqa: E402
from tests.test_store import table_dump  # noqa: E402

CORPUS = HERE.parent.parent / "shared" / "corpus" / "kremlin-news.jsonl"


def kill_points(kills: int, docs: int, pg: str | None, seed: int, workdir: Path) -> None:
    from readout.coder import Coder
    from readout.store.database import create_database, drop_database
    from readout.store.ingest import ingest

    if not CORPUS.exists():
        print(f"{CORPUS} is absent: the kill benchmark ingests records of ../shared/corpus", file=sys.stderr)
        return
    if pg is None:
        pg = subprocess.run(["bash", str(HERE.parent / "scripts" / "postgres.sh")], capture_output=True, text=True,
                            check=True).stdout.strip().splitlines()[-1]
    coder = Coder()
    src = sample(CORPUS, workdir / "sample.jsonl", docs)
    reference = str(workdir / "reference.db")
    ingest([src], reference, coder=coder, chunk=2)
    expected = table_dump(reference)
    rng = random.Random(seed)
    print(f"\n## kill -9 at {kills} random points of an ingest of {docs} documents (seed {seed})\n")
    print("| database | kills | landed while writing | documents at the kill (min-max) | reads during the ingest | "
          "torn reads | reruns equal to an uninterrupted run | seconds |")
    print("|---|---|---|---|---|---|---|---|")
    for backend in ("sqlite", "postgresql"):
        started = time.perf_counter()
        fresh = _fresh(backend, workdir, pg, create_database)
        first: list[float] = []
        whole = ingest_then_kill(src, fresh, _noting_first_commit(first))
        _drop(backend, fresh, drop_database)
        per_doc = (whole.seconds - first[0]) / max(1, docs - 2)  # a chunk is 2 documents
        midway, at_kill, reads, equal, torn = 0, [], 0, 0, 0
        for k in range(kills):
            db = _fresh(backend, workdir, pg, create_database)
            after, delay = rng.randint(1, docs - 2), rng.uniform(0, 2 * per_doc)
            point = f"{delay:.2f} s after document {after}"
            try:
                killed = ingest_then_kill(src, db, _after(after, delay))
            except AssertionError as err:  # a reader saw a document in part
                torn += 1
                print(f"torn read at kill {k}: {err}", file=sys.stderr)
                _drop(backend, db, drop_database)
                continue
            midway += 0 < killed.stored < docs
            at_kill.append(killed.stored)
            reads += killed.reads
            again = ingest([src], db, coder=coder, chunk=2)
            statuses = run_statuses(db)
            same = (table_dump(db) == expected and again.unchanged == killed.stored
                    and statuses[-1] == "done" and "running" not in statuses)
            equal += same
            if not same:
                print(f"kill {k} at {point}: rerun differs (statuses {statuses})", file=sys.stderr)
            _drop(backend, db, drop_database)
        print(f"| {'SQLite' if backend == 'sqlite' else 'PostgreSQL'} | {kills} | {midway} | "
              f"{min(at_kill, default=0)}-{max(at_kill, default=0)} | {reads:,} | {torn} | {equal}/{kills} | "
              f"{time.perf_counter() - started:,.0f} |")


def _noting_first_commit(first: list[float]):
    """Never kill; note in ``first`` when the first documents are committed."""

    def when(stored: int, seconds: float) -> bool:
        if stored and not first:
            first.append(seconds)
        return False

    return when


def _after(documents: int, delay: float):
    """Kill ``delay`` seconds after the database first holds ``documents`` documents: inside the coding of the next
    chunk, its transaction, or the commit, as the delay falls."""
    reached: list[float] = []

    def when(stored: int, seconds: float) -> bool:
        if stored >= documents and not reached:
            reached.append(seconds)
        return bool(reached) and seconds >= reached[0] + delay

    return when


def _fresh(backend: str, workdir: Path, pg: str, create_database) -> str:
    if backend == "sqlite":
        path = workdir / f"kill-{time.monotonic_ns()}.db"
        return str(path)
    return create_database(pg, f"readout_kill_{time.monotonic_ns()}")


def _drop(backend: str, db: str, drop_database) -> None:
    if backend == "sqlite":
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(db + suffix).unlink(missing_ok=True)
    else:
        drop_database(db)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--docs", type=int, default=24)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--pg", help="a PostgreSQL server URL (default: the one scripts/postgres.sh starts)")
    args = ap.parse_args()
    print("command: .venv/bin/python benchmarks/crashes.py " + " ".join(sys.argv[1:]))
    with tempfile.TemporaryDirectory() as tmp:
        kill_points(args.kills, args.docs, args.pg, args.seed, Path(tmp))


if __name__ == "__main__":
    main()
