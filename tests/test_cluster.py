"""Coding on Dask: an ingest on two local worker processes (a real LocalCluster on 127.0.0.1, the real coder) leaves
exactly the database one process leaves, row for row, even when a worker is killed midway; the Python entry points map
a dask bag or dataframe of texts to coded documents and a dataframe of events."""

from __future__ import annotations

import faulthandler
import json
import os
import signal
import threading
import time

import pytest
from sqlalchemy import func, select

from readout.cli import main
from readout.records import Document
from readout.store import schema as t
from readout.store.database import connect
from readout.store.ingest import ingest
from tests.conftest import need_shared

distributed = pytest.importorskip("distributed", reason="Dask's distributed is not installed (readout[dask])")

# Written for these tests: a person only the first document names in full; a text repeated under a second id; an id
# whose text changes later in the same input.
FIRST = {"id": "m-1", "date": "2022-03-01", "text": "Secretary Blinken met with Ukraine's Ambassador to the United "
         "States Oksana Markarova in Washington."}
LATER = {"id": "m-2", "date": "2022-03-08", "text": "Markarova thanked the Secretary for the support of the United "
         "States."}
AGAIN = {**FIRST, "id": "m-1-copy"}
OLD = {"id": "z-1", "date": "2023-05-02", "text": "President Biden spoke with Prime Minister Kishida of Japan."}
NEW = {**OLD, "text": "President Biden met with Prime Minister Kishida of Japan in Hiroshima."}


@pytest.fixture(autouse=True)
def no_hang():
    """A cluster test that hangs fails the run with every thread's stack, instead of stalling it."""
    faulthandler.dump_traceback_later(600, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


def dump(db: str) -> dict[str, list[tuple]]:
    """Every row of every table but the runs, in id order, without the run that wrote it."""
    engine = connect(db)
    out = {}
    with engine.connect() as conn:
        for name, table in t.metadata.tables.items():
            if name != "ingest_runs":
                cols = [c for c in table.c if c.name != "run_id"]
                out[name] = [tuple(r) for r in conn.execute(select(*cols).order_by(*table.primary_key.columns))]
    engine.dispose()
    return out


def inputs(tmp_path, n: int = 16) -> tuple[str, str]:
    """Short real documents from ../shared/corpus with the written ones spread among them; and a later input that
    changes one text, repeats some and adds one."""
    real = []
    for name in ("whitehouse-readouts.jsonl", "kremlin-news.jsonl"):
        lines = need_shared("corpus", name).read_text(encoding="utf-8").splitlines()
        real += [json.loads(x) for x in lines if x.strip() and len(x) < 2500][: n // 2]
    first = [FIRST, *real[:5], OLD, *real[5:9], LATER, AGAIN, *real[9:], NEW]
    later = [NEW, *real[:3], {**LATER, "id": "m-3", "text": LATER["text"] + " He also met Markarova."}]
    paths = []
    for name, records in (("first.jsonl", first), ("later.jsonl", later)):
        path = tmp_path / name
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        paths.append(str(path))
    return paths[0], paths[1]


@pytest.fixture(scope="module")
def single(tmp_path_factory, coder):
    """The inputs, and the database one process leaves after each (chunks of 4)."""
    tmp = tmp_path_factory.mktemp("single")
    first, later = inputs(tmp)
    db = str(tmp / "one.db")
    coder.learned = {}
    one = ingest([first], db, coder=coder, chunk=4)
    # the same text under a second id is not stored twice; an id given again with another text keeps the first
    assert (one.stored, one.duplicates, one.skipped, one.replaced) == (one.read - 2, 1, 1, 0)
    after_first = dump(db)
    two = ingest([later], db, coder=coder, chunk=4)
    assert (two.stored, two.replaced, two.unchanged) == (2, 1, 3)
    return first, later, after_first, dump(db), one


def test_two_local_workers_leave_the_database_one_process_leaves(single, tmp_path, capsys):
    first, later, expected, expected_later, one = single
    db = str(tmp_path / "two.db")
    assert main(["ingest", first, "--db", db, "--workers", "2", "--chunk", "4", "--partition", "2",
                 "--no-progress"]) == 1  # one record skipped: z-1 again with another text
    line = capsys.readouterr().err
    assert f"stored {one.stored}, recoded " in line and "duplicates 1, skipped 1" in line
    # "Markarova" was coded before the document that introduces her was stored, then again once it was
    got = dump(db)
    assert {k: len(v) for k, v in got.items()} == {k: len(v) for k, v in expected.items()}
    assert got == expected
    with connect(db).connect() as conn:
        how = conn.execute(select(t.aliases.c.resolved_by).where(t.aliases.c.alias == "Markarova")).scalar_one()
    assert how == "store:Oksana Markarova@m-1,2022-03-01"
    # a later ingest on the cluster: the changed text replaces the old, nothing else is coded or stored twice
    assert main(["ingest", later, "--db", db, "--workers", "1", "--no-progress"]) == 0
    assert "coded 2, stored 2, replaced 1, unchanged 3" in capsys.readouterr().err
    assert dump(db) == expected_later
    with connect(db).connect() as conn:
        text = conn.execute(select(t.documents.c.text).where(t.documents.c.doc_key == "z-1")).scalar_one()
    assert "Hiroshima" in text


def test_a_worker_killed_midway_costs_time_not_data(single, tmp_path):
    from distributed import Client, LocalCluster

    from readout.cluster import DaskCoding

    src, _, expected, _, _ = single
    db = str(tmp_path / "killed.db")
    engine = connect(db)
    killed: dict[str, int] = {}
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address="127.0.0.1:0") as cluster, Client(cluster) as watcher:
        before = watcher.run(os.getpid)

        def kill_a_busy_worker() -> None:
            deadline = time.monotonic() + 240
            while time.monotonic() < deadline and not killed:
                busy = [w for w, tasks in watcher.processing().items() if tasks]
                with engine.connect() as conn:
                    stored = conn.execute(select(func.count()).select_from(t.documents)).scalar_one()
                if busy and stored >= 1:
                    killed["stored"] = stored
                    os.kill(before[busy[0]], signal.SIGKILL)
                    killed["pid"] = before[busy[0]]
                time.sleep(0.05)

        killer = threading.Thread(target=kill_a_busy_worker)
        killer.start()
        with DaskCoding(scheduler=cluster.scheduler_address, partition=2, chunk=4) as coding:
            summary = ingest([src], db, chunk=4, coding=coding)
        killer.join()
        after = watcher.run(os.getpid)
    assert killed, "no worker was killed: the ingest ended first"
    assert killed["stored"] < summary.stored  # it was killed midway
    assert killed["pid"] not in after.values()  # and it is gone (its nanny started another)
    assert dump(db) == expected


def test_a_dask_bag_and_dataframe_of_texts_to_coded_documents_and_events():
    import dask
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd

    from readout.cluster import EVENT_FRAME_COLUMNS, code, events

    texts = [FIRST, OLD["text"], Document(text=NEW["text"], id="z-2", date="2023-05-19")]
    with dask.config.set(scheduler="synchronous"):  # the same code a cluster runs, in this process
        coded = code(db.from_sequence(texts, npartitions=2), date="2023-05-02").compute()
        assert [c.document.id for c in coded] == ["m-1", "", "z-2"]
        assert [c.document.date for c in coded] == ["2022-03-01", "2023-05-02", "2023-05-19"]
        frame = events(code(db.from_sequence(texts, npartitions=2), date="2023-05-02")).compute()
        assert list(frame.columns) == EVENT_FRAME_COLUMNS
        assert len(frame) == sum(len(c.events) for c in coded)
        hiroshima = frame[frame["document"] == "z-2"].iloc[0]
        assert (hiroshima["cameo"][:2], hiroshima["place"], hiroshima["date"]) == ("04", "Hiroshima", "2023-05-19")
        assert {hiroshima["source"], hiroshima["target"]} == {"USAGOV", "JPNGOV"}
        table = pd.DataFrame({"body": [OLD["text"], FIRST["text"]], "id": [7, 8], "date": ["2023-05-02", None]})
        from_frame = code(dd.from_pandas(table, npartitions=1), text="body", date="2022-03-01").compute()
        assert [(c.document.id, c.document.date) for c in from_frame] == [("7", "2023-05-02"), ("8", "2022-03-01")]
        assert from_frame[0].events[0].cameo == coded[1].events[0].cameo
    with pytest.raises(ValueError, match="no column 'text'"):
        code(dd.from_pandas(table, npartitions=1))


def test_an_unreachable_scheduler_or_no_workers_is_one_clear_error(tmp_path, capsys):
    import socket

    from readout.cluster import DaskCoding
    from readout.errors import ReadoutError

    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(ReadoutError, match=f"cannot reach the Dask scheduler at tcp://127.0.0.1:{port}"):
        DaskCoding(scheduler=f"tcp://127.0.0.1:{port}", timeout=2)
    src = tmp_path / "one.jsonl"
    src.write_text(json.dumps(OLD) + "\n", encoding="utf-8")
    assert main(["ingest", str(src), "--db", str(tmp_path / "x.db"), "--workers", "0"]) == 2
    assert capsys.readouterr().err.strip().splitlines()[-1] == "readout: --workers must be at least 1"
