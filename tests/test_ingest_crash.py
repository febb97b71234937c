"""An ingest killed with SIGKILL at a random point, then run again, gives the same database as one that was never
interrupted; a reader querying while it writes always sees whole documents. Real documents from ../shared/corpus,
the real coder, a real SQLite file and a real PostgreSQL server."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

from sqlalchemy import text

from readout.store.database import connect
from readout.store.ingest import ingest
from tests.conftest import ROOT, need_shared
from tests.test_store import table_dump

CONSISTENCY = text("""
SELECT (SELECT COALESCE(SUM(n_events), 0) FROM documents) - (SELECT COUNT(*) FROM mentions),
       (SELECT COUNT(*) FROM events e WHERE e.n_mentions <> (SELECT COUNT(*) FROM mentions m WHERE m.event_id = e.id)),
       (SELECT COUNT(*) FROM mentions m WHERE NOT EXISTS (SELECT 1 FROM evidence x WHERE x.mention_id = m.id)),
       (SELECT COUNT(*) FROM documents)
""")


def consistent(engine) -> int:
    """Check, in one statement (one snapshot), that every stored document is whole; returns how many there are."""
    with engine.connect() as conn:
        missing_mentions, miscounted_events, bare_mentions, n_docs = conn.execute(CONSISTENCY).one()
    assert (missing_mentions, miscounted_events, bare_mentions) == (0, 0, 0)
    return n_docs


def sample(tmp_path, n: int = 24) -> str:
    corpus = need_shared("corpus", "kremlin-news.jsonl")
    lines = [line for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    short = [line for line in lines if len(line) < 2500][:n]
    path = tmp_path / "sample.jsonl"
    path.write_text("\n".join(short) + "\n", encoding="utf-8")
    return str(path)


def test_kill_9_midway_then_rerun_equals_an_uninterrupted_ingest(db_url, tmp_path, coder):
    src = sample(tmp_path)
    reference = str(tmp_path / "reference.db")
    ingest([src], reference, coder=coder, chunk=2)

    engine = connect(db_url)
    stop_after = random.Random(os.getpid()).randint(2, 16)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "readout.cli", "ingest", src, "--db", db_url, "--chunk", "2",
                             "--no-progress"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    reads, stored = 0, 0
    deadline = time.monotonic() + 300
    while proc.poll() is None and stored < stop_after and time.monotonic() < deadline:
        stored = consistent(engine)  # a reader during the ingest sees only whole documents
        reads += 1
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert reads > 1
    partial = consistent(engine)
    assert 0 < partial < 24, "the kill should land midway"

    again = ingest([src], db_url, coder=coder, chunk=2)
    assert again.unchanged == partial and again.stored == 24 - partial
    assert table_dump(db_url) == table_dump(reference)
    with engine.connect() as conn:
        statuses = [s for (s,) in conn.execute(text("SELECT status FROM ingest_runs ORDER BY id"))]
    assert statuses == ["interrupted", "done"]
    engine.dispose()
