"""An ingest killed with SIGKILL at a random point, then run again, gives the same database as one that was never
interrupted; a reader querying while it writes always sees whole documents. Real documents from ../shared/corpus,
the real coder, a real SQLite file and a real PostgreSQL server. ``benchmarks/reliability.py --part kill`` does this
at 20 random points per database."""

from __future__ import annotations

import os
import random

from readout.store.ingest import ingest
from tests.conftest import need_shared
from tests.crash import ingest_then_kill, run_statuses, sample
from tests.test_store import table_dump


def test_kill_9_midway_then_rerun_equals_an_uninterrupted_ingest(db_url, tmp_path, coder):
    src = sample(need_shared("corpus", "kremlin-news.jsonl"), tmp_path / "sample.jsonl")
    reference = str(tmp_path / "reference.db")
    ingest([src], reference, coder=coder, chunk=2)

    stop_after = random.Random(os.getpid()).randint(2, 16)
    killed = ingest_then_kill(src, db_url, lambda stored, _: stored >= stop_after)
    assert killed.reads > 1 and not killed.finished
    assert 0 < killed.stored < 24, "the kill should land midway"

    again = ingest([src], db_url, coder=coder, chunk=2)
    assert again.unchanged == killed.stored and again.stored == 24 - killed.stored
    assert table_dump(db_url) == table_dump(str(reference))
    assert run_statuses(db_url) == ["interrupted", "done"]
