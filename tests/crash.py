"""Kill an ingest with SIGKILL at a chosen point and check what it left: shared by tests/test_ingest_crash.py (one
kill per database, in CI) and benchmarks/reliability.py (20 random points per database)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text

from readout.store.database import connect

ROOT = Path(__file__).resolve().parents[1]

CONSISTENCY = text("""
SELECT (SELECT COALESCE(SUM(n_events), 0) FROM documents) - (SELECT COUNT(*) FROM mentions),
       (SELECT COUNT(*) FROM events e WHERE e.n_mentions <> (SELECT COUNT(*) FROM mentions m WHERE m.event_id = e.id)),
       (SELECT COUNT(*) FROM mentions m WHERE NOT EXISTS (SELECT 1 FROM evidence x WHERE x.mention_id = m.id)),
       (SELECT COUNT(*) FROM documents)
""")


class Torn(AssertionError):
    """A reader saw a document stored in part."""


def consistent(engine) -> int:
    """Check, in one statement (one snapshot), that every stored document is whole; returns how many there are."""
    with engine.connect() as conn:
        missing_mentions, miscounted_events, bare_mentions, n_docs = conn.execute(CONSISTENCY).one()
    if (missing_mentions, miscounted_events, bare_mentions) != (0, 0, 0):
        raise Torn(f"{missing_mentions} mentions missing, {miscounted_events} events miscounted, "
                   f"{bare_mentions} mentions without evidence")
    return n_docs


def sample(corpus: Path, out: Path, n: int = 24) -> str:
    """The first ``n`` short records of a corpus file, written to ``out``."""
    lines = [line for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    short = [line for line in lines if len(line) < 2500][:n]
    out.write_text("\n".join(short) + "\n", encoding="utf-8")
    return str(out)


@dataclass
class Killed:
    stored: int  # whole documents in the database after the kill
    reads: int  # consistency checks made while the ingest wrote
    seconds: float  # from the start of the process to the kill
    finished: bool  # the ingest ended before the kill point


def ingest_then_kill(src: str, db: str, kill_when: Callable[[int, float], bool], chunk: int = 2,
                     timeout: float = 300) -> Killed:
    """Run ``readout ingest`` in a process of its own, checking the database while it writes, and SIGKILL it the
    first time ``kill_when(stored documents, seconds since start)`` is true."""
    engine = connect(db)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "readout.cli", "ingest", src, "--db", db, "--chunk", str(chunk),
                             "--no-progress"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    reads, stored = 0, 0
    try:
        while proc.poll() is None and time.monotonic() - started < timeout:
            stored = consistent(engine)  # a reader during the ingest sees only whole documents
            reads += 1
            if kill_when(stored, time.monotonic() - started):
                break
            time.sleep(0.02)
    finally:
        finished = proc.poll() is not None
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    seconds = time.monotonic() - started
    stored = consistent(engine)
    engine.dispose()
    return Killed(stored, reads, seconds, finished)


def run_statuses(db: str) -> list[str]:
    engine = connect(db)
    with engine.connect() as conn:
        statuses = [s for (s,) in conn.execute(text("SELECT status FROM ingest_runs ORDER BY id"))]
    engine.dispose()
    return statuses
