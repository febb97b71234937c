"""The API under concurrent clients (uvicorn on 127.0.0.1 over a SQLite file ingested by the real coder): a few
clients for a few seconds sending the mix of tests/load.py. No answer is a 5xx, every answer is one its kind may give
(413 for an oversized body, 422 or 400 with a message for a bad query or body, 200 or 422 for injection strings), and
the tables are unchanged. ``benchmarks/load.py`` runs 50 clients for a minute."""

from __future__ import annotations

import pytest

from readout.store.ingest import ingest
from tests.load import hammer
from tests.test_store import REPORTS, table_dump, write_jsonl


@pytest.fixture(scope="module")
def served(tmp_path_factory, coder):
    from readout.web import create_app
    from readout.web.background import serve_in_background

    folder = tmp_path_factory.mktemp("load")
    db = str(folder / "corpus.db")
    ingest([write_jsonl(folder / "reports.jsonl", REPORTS)], db, coder=coder)
    base, server = serve_in_background(create_app(db, coder=coder, max_body=200_000))
    assert server.started
    yield base, db
    server.should_exit = True


def test_eight_clients_get_no_5xx_and_only_the_answers_their_requests_may_get(served):
    base, db = served
    before = table_dump(db)
    out = hammer(base, clients=8, seconds=4, seed=7, documents=[r["id"] for r in REPORTS], oversized=300_000)
    assert out.requests > 50
    assert out.server_errors() == 0
    assert out.unexpected == []
    kinds = {kind for kind, _ in out.statuses}
    assert {"read", "code", "injection", "malformed", "oversized", "broken body"} <= kinds
    assert out.statuses["oversized", 413] > 0 and out.statuses["malformed", 422] > 0
    assert table_dump(db) == before
