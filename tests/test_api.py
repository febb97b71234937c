"""The HTTP API (``readout serve``) against a real SQLite file ingested by the real coder: documents with their
evidence spans, events with the CLI's filters and downloads, actors, a dyad's timeline, coding without storing, and
the guards: read-only by default, a token for ingestion, 413 for oversize bodies, no cross-origin access unless
configured, escaped text."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from readout.store.ingest import ingest
from tests.test_store import REPORTS, write_jsonl


@pytest.fixture(scope="module")
def db(tmp_path_factory, coder):
    folder = tmp_path_factory.mktemp("api")
    path = str(folder / "corpus.db")
    ingest([write_jsonl(folder / "reports.jsonl", REPORTS)], path, coder=coder)
    return path


@pytest.fixture(scope="module")
def client(db, coder):
    from readout.web import create_app

    return TestClient(create_app(db, coder=coder, max_body=20_000))


def test_documents_list_search_and_read_with_evidence_spans(client):
    listed = client.get("/api/documents").json()
    assert listed["total"] == 3 and [d["document"] for d in listed["items"]] == ["c-1", "b-1", "a-1"]
    assert client.get("/api/documents", params={"q": "astana"}).json()["total"] == 1
    doc = client.get("/api/documents/a-1").json()
    assert doc["title"] == "Wang Yi meets Murat Nurtleu" and doc["text"].startswith("On March 3, 2025")
    meeting = next(e for e in doc["events"] if e["cameo"].startswith("04"))
    x = meeting["evidence"][0]
    text = doc["title"] if x["field"] == "title" else doc["text"]
    assert "met" in text[x["trigger"][0]:x["trigger"][1]] or "meet" in text[x["trigger"][0]:x["trigger"][1]]
    assert {"CHN", "KAZ"} <= {a["country"] for a in meeting["source"] + meeting["target"]}
    assert client.get("/api/documents/no-such").status_code == 404


def test_events_filter_page_and_download_like_the_cli(client, db):
    from readout.store import Corpus

    everything = client.get("/api/events").json()
    with Corpus(db) as corpus:
        assert everything["total"] == len(corpus.event_rows())
        dyads = len(corpus.events())  # one row per directed dyad, as the CSV download
    dates = [e["date"] for e in everything["items"]]
    assert dates == sorted(dates, reverse=True)  # newest first
    oldest = [e["date"] for e in client.get("/api/events", params={"sort": "date"}).json()["items"]]
    assert oldest == sorted(dates)
    scores = [e["goldstein"] for e in client.get("/api/events", params={"sort": "-goldstein"}).json()["items"]]
    assert scores == sorted(scores, reverse=True)
    assert client.get("/api/events", params={"sort": "source_name"}).status_code == 422
    kaz = client.get("/api/events", params={"source": "CHN", "target": "KAZ", "cameo": "04"}).json()
    assert kaz["total"] >= 1 and all(e["cameo"].startswith("04") for e in kaz["items"])
    page = client.get("/api/events", params={"limit": 1, "offset": 1}).json()
    assert page["items"][0]["event_id"] == everything["items"][1]["event_id"]
    assert client.get("/api/events", params={"since": "2025-06-01"}).json()["total"] < everything["total"]
    rows = list(csv.DictReader(io.StringIO(client.get("/api/events", params={"format": "csv"}).text)))
    assert len(rows) == dyads and "evidence" in rows[0] and "source_country" in rows[0]
    lines = client.get("/api/events", params={"format": "jsonl"}).text.splitlines()
    assert len(lines) == everything["total"] and json.loads(lines[0])["event_id"]
    assert client.get("/api/events", params={"source": "CHN"}).status_code == 422  # a dyad needs both sides
    bad = client.get("/api/events", params={"since": "March"})
    assert bad.status_code == 422 and "'March': not a date" in bad.json()["detail"]


def test_actors_and_a_dyad_timeline(client):
    actors = client.get("/api/actors", params={"name": "wang"}).json()
    assert actors and actors[0]["country"] == "CHN"
    timeline = client.get("/api/dyads/CHN/KAZ", params={"both": True}).json()
    months = {r["month"] for r in timeline}
    assert {"2025-03", "2025-06"} <= months and all(r["events"] >= 1 for r in timeline)


def test_code_a_text_without_storing_it(client):
    before = client.get("/api/health").json()
    coded = client.post("/api/code", json={"text": "Russia and China signed an agreement on gas supplies.",
                                           "date": "2024-05-16"}).json()
    assert any(e["cameo"] == "057" for e in coded["events"])
    assert client.get("/api/health").json()["events"] == before["events"]


def test_read_only_unless_a_token_is_given(client, db, coder):
    from readout.web import create_app

    doc = {"id": "d-1", "date": "2025-07-01", "text": "Foreign Minister Wang Yi met Kazakh Foreign Minister Murat "
                                                      "Nurtleu in Almaty."}
    assert client.post("/api/ingest", json={"documents": [doc]}).status_code == 403
    writer = TestClient(create_app(db, coder=coder, ingest_token="s3cr3t"))
    assert writer.post("/api/ingest", json={"documents": [doc]}).status_code == 401
    assert writer.post("/api/ingest", json={"documents": [doc]},
                       headers={"Authorization": "Bearer wrong"}).status_code == 401
    done = writer.post("/api/ingest", json={"documents": [doc]}, headers={"Authorization": "Bearer s3cr3t"}).json()
    assert (done["read"], done["stored"]) == (1, 1)
    assert writer.get("/api/documents/d-1").json()["text"].startswith("Foreign Minister Wang Yi")


def test_an_oversize_body_gets_413_and_nothing_is_coded(client):
    big = client.post("/api/code", json={"text": "word " * 10_000})
    assert big.status_code == 413 and "over 20000 bytes" in big.json()["detail"]


def test_no_cross_origin_access_unless_configured(client, db, coder):
    from readout.web import create_app

    asked = client.get("/api/events", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in asked.headers
    open_to = TestClient(create_app(db, coder=coder, allow_origins=["https://lab.example"]))
    allowed = open_to.get("/api/events", headers={"Origin": "https://lab.example"})
    assert allowed.headers["access-control-allow-origin"] == "https://lab.example"
    other = open_to.get("/api/events", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in other.headers


def test_document_text_is_data_never_markup(client, db, coder):
    """A hostile document comes back as JSON strings: the API serves no HTML made from document text."""
    from readout.web import create_app

    hostile = {"id": "x-1", "date": "2025-07-02", "title": "<script>alert(1)</script>",
               "text": "<img src=x onerror=alert(1)> China and Russia signed an agreement."}
    writer = TestClient(create_app(db, coder=coder, ingest_token="t"))
    assert writer.post("/api/ingest", json={"documents": [hostile]}, headers={"Authorization": "Bearer t"}).json()[
        "stored"] == 1
    got = client.get("/api/documents/x-1")
    assert got.headers["content-type"].startswith("application/json")
    assert got.json()["title"] == "<script>alert(1)</script>"


def test_openapi_describes_every_route(client):
    spec = client.get("/api/openapi.json").json()
    assert {"/api/code", "/api/documents", "/api/documents/{key}", "/api/events", "/api/actors",
            "/api/dyads/{source}/{target}", "/api/ingest"} <= set(spec["paths"])


def test_the_chart_library_comes_from_the_installed_plotly_package(client):
    import plotly

    served = client.get("/lib/plotly.min.js")
    assert served.status_code == 200 and served.headers["content-type"].startswith("text/javascript")
    shipped = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    assert served.content == shipped.read_bytes()
    assert "script-src 'self';" in served.headers["content-security-policy"]  # no inline or foreign script
