"""Every export format against its column list, and back: PLOVER JSONL, ICEWS and GDELT TSV, CSV, Parquet; and the
corpus commands of the CLI on a real database."""

from __future__ import annotations

import csv
import io
import json

import pytest

from readout.cli import main
from readout.formats.dyads import DYAD_COLUMNS, actor_pairs, dyad_rows
from readout.formats.exports import CSV_COLUMNS, EXTRA_COLUMNS, GDELT_COLUMNS, ICEWS_COLUMNS, export
from readout.knowledge import load
from readout.store import Corpus
from readout.store.ingest import ingest
from tests.test_store import REPORTS, write_jsonl


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory, coder) -> str:
    folder = tmp_path_factory.mktemp("exports")
    db = str(folder / "corpus.db")
    ingest([write_jsonl(folder / "reports.jsonl", REPORTS)], db, coder=coder)
    return db


def rows(db: str) -> list[dict]:
    with Corpus(db) as corpus:
        return list(corpus.iter_events())


def test_gdelt_tsv_has_the_61_columns_and_typed_values(corpus_db):
    out = io.StringIO()
    with Corpus(corpus_db) as corpus:
        n = export(corpus.iter_events(), "gdelt-tsv", out, kb=corpus.kb)
    lines = list(csv.reader(io.StringIO(out.getvalue()), delimiter="\t"))
    assert len(GDELT_COLUMNS) == 61 and lines[0] == GDELT_COLUMNS + EXTRA_COLUMNS  # GDELT's 61, then readout's
    assert n == len(lines) - 1 > 0
    assert all(len(r) == 61 + len(EXTRA_COLUMNS) for r in lines)
    recs = [dict(zip(GDELT_COLUMNS + EXTRA_COLUMNS, r, strict=True)) for r in lines[1:]]
    ids = [int(r["GLOBALEVENTID"]) for r in recs]
    assert len(set(ids)) == len(ids)
    visit = next(r for r in recs if r["EventCode"] == "042" and r["SQLDATE"] == "20250303")
    assert (visit["Actor1Code"], visit["Actor2Code"], visit["Actor1CountryCode"]) == ("KAZGOV", "CHNGOV", "KAZ")
    assert (visit["EventRootCode"], visit["EventBaseCode"], visit["QuadClass"]) == ("04", "042", "1")
    assert visit["NumArticles"] == "2" and visit["NumSources"] == "2"
    assert visit["ActionGeo_FullName"] == "Beijing, China" and visit["ActionGeo_CountryCode"] == "CN"
    assert float(visit["ActionGeo_Lat"]) == pytest.approx(39.9, abs=0.2)
    assert visit["ActionGeo_FeatureID"] == "1816670"  # Beijing's GeoNames id, wherever there are coordinates
    assert visit["Modality"] == "asserted" and visit["Date Precision"] == "day"
    assert visit["MonthYear"] == "202503" and float(visit["FractionDate"]) == pytest.approx(2025.17, abs=0.01)


def test_icews_tsv_has_its_columns_and_a_row_per_actor_pair(corpus_db):
    out = io.StringIO()
    export(rows(corpus_db), "icews-tsv", out, kb=load())
    lines = list(csv.reader(io.StringIO(out.getvalue()), delimiter="\t"))
    columns = ICEWS_COLUMNS + EXTRA_COLUMNS
    assert lines[0] == columns and all(len(r) == len(columns) for r in lines)
    recs = [dict(zip(columns, r, strict=True)) for r in lines[1:]]
    host = next(r for r in recs if r["CAMEO Code"] == "043" and r["Event Date"] == "2025-03-03")
    assert (host["Source Name"], host["Source Country"], host["Source Sectors"]) == ("Wang Yi", "China", "Government")
    assert (host["Target Name"], host["Target Country"]) == ("Murat Nurtleu", "Kazakhstan")
    assert host["Event Text"] == "Host a visit" and float(host["Intensity"]) == pytest.approx(2.8)
    assert host["City"] == "Beijing" and host["Story ID"] == "a-1"
    # a mutual event is written in both directions
    mutual = [r for r in rows(corpus_db) if r["mutual"]]
    for ev in mutual:
        written = [r for r in recs if r["Event ID"].split("-")[0] == str(ev["event_id"])]
        assert len(written) >= 2


def test_plover_jsonl_cites_every_reporting_document(corpus_db):
    out = io.StringIO()
    with Corpus(corpus_db) as corpus:
        n = export(corpus.iter_events(), "plover-jsonl", out, sources=corpus.sources, kb=corpus.kb)
        events = corpus.events()
    recs = [json.loads(line) for line in out.getvalue().splitlines()]
    assert n == len(recs) == len(events)
    required = {"id", "date", "actor", "recipient", "event", "mode", "context", "event_loc", "event_text",
                "cite_info", "quad_code", "num_sources", "num_articles"}
    assert all(required <= set(r) for r in recs)
    visit = next(r for r in recs if r["cameo"] == "042" and r["date"] == "2025-03-03")
    assert visit["event"] == ["CONSULT"] and visit["mode"] == ["visit"]
    assert sorted(c["doc_id"] for c in visit["cite_info"]) == ["a-1", "b-1"]
    assert visit["num_articles"] == 2 and visit["actor"][0]["code"] == "KAZ"


def test_csv_parquet_and_the_events_frame_share_one_typed_dyad_schema(corpus_db, tmp_path):
    import pandas as pd

    with Corpus(corpus_db) as corpus:
        frame = corpus.events()
    assert list(frame.columns) == DYAD_COLUMNS == CSV_COLUMNS
    assert str(frame["date"].dtype).startswith("datetime64") and frame["lat"].dtype == "Float64"
    assert frame["event_id"].dtype == "Int64" and frame["mutual"].dtype == "boolean"
    visit = frame[(frame["cameo"] == "042") & (frame["date"] == pd.Timestamp("2025-03-03"))]
    assert visit["source_country"].tolist() == ["KAZ"] and visit["target_country"].tolist() == ["CHN"]
    assert visit["source_name"].tolist() == ["Murat Nurtleu"] and visit["date_precision"].tolist() == ["day"]
    assert visit["source_actor_id"].tolist() == ["person:Murat Nurtleu|KAZ"]
    assert visit["place_kind"].tolist() == ["city"] and visit["geonames_id"].tolist() == [1816670]

    out = io.StringIO()
    export(rows(corpus_db), "csv", out, kb=load())
    back = pd.read_csv(io.StringIO(out.getvalue()), dtype=str, keep_default_na=False)
    assert list(back.columns) == DYAD_COLUMNS
    assert back["event_id"].astype(int).tolist() == frame["event_id"].tolist()
    assert back["cameo"].tolist() == frame["cameo"].tolist() and back["cameo"].str.startswith("0").all()
    assert back["target_country"].tolist() == frame["target_country"].fillna("").tolist()

    path = tmp_path / "events.parquet"
    assert export(rows(corpus_db), "parquet", path, kb=load()) == len(frame)
    table = pd.read_parquet(path)
    assert list(table.columns) == DYAD_COLUMNS
    assert table["cameo"].tolist() == frame["cameo"].tolist()
    assert table["n_documents"].tolist() == frame["n_documents"].tolist()
    assert [str(d) for d in table["date"]] == [d.date().isoformat() for d in frame["date"]]


def test_a_dyad_needs_two_different_actors_and_a_country_place_is_no_city():
    row = {"event_id": 7, "cameo": "057", "root": "05", "mutual": False, "date": "2024", "precision": "year",
           "place": "Kazakhstan", "place_country": "KAZ", "lat": 48.0, "lon": 68.0, "modality": "negated",
           "source_actors": [{"code": "CHNGOV", "country": "CHN", "sector": "GOV", "person": "Wang Yi"},
                             {"code": "KAZGOV", "country": "KAZ", "sector": "GOV"}],
           "target_actors": [{"code": "KAZGOV", "country": "KAZ", "sector": "GOV"}]}
    pairs = actor_pairs(row)
    assert [(s["country"], t["country"]) for s, t in pairs] == [("CHN", "KAZ")]  # not Kazakhstan on itself
    [dyad] = dyad_rows(row, load())
    assert dyad["compound"] and dyad["n_dyads"] == 1 and dyad["modality"] == "negated"
    assert dyad["place_kind"] == "country" and dyad["date_precision"] == "year"
    meeting = {**row, "mutual": True, "source_actors": row["source_actors"][:1]}
    assert [(d["dyad"], d["source_country"], d["target_country"]) for d in dyad_rows(meeting)] == \
        [(1, "CHN", "KAZ"), (2, "KAZ", "CHN")]  # a mutual event, one row each way, numbered within it
    same = {**row, "source_actors": row["target_actors"]}
    assert dyad_rows(same, load()) == []  # one actor on both sides says nothing of who acts on whom


def test_icews_city_is_empty_for_a_place_that_is_a_whole_country(corpus_db):
    from readout.formats.exports import icews_records

    row = next(r for r in rows(corpus_db) if r["place"])
    country_level = {**row, "place": "China", "place_country": "CHN", "lat": 35.0, "lon": 105.0}
    record = dict(zip(ICEWS_COLUMNS + EXTRA_COLUMNS, next(icews_records([country_level], load())), strict=True))
    assert record["City"] == "" and record["Country"] == "China"
    record = dict(zip(ICEWS_COLUMNS + EXTRA_COLUMNS, next(icews_records([row], load())), strict=True))
    assert record["City"] == row["place"] and record["Modality"] == row["modality"]


def test_cli_ingest_query_and_export(tmp_path, capsys):
    db = str(tmp_path / "cli.db")
    bad = REPORTS[:2] + [{"id": "x", "text": ""}] + REPORTS[2:]
    src = write_jsonl(tmp_path / "in.jsonl", bad)
    assert main(["ingest", src, "--db", db, "--no-progress"]) == 1  # one record could not be read
    err = capsys.readouterr().err
    assert f"{src}:3" in err and "read 3, coded 3, stored 3" in err and "skipped 1" in err
    assert main(["ingest", src, "--db", db, "--no-progress"]) == 1
    assert "stored 0, unchanged 3" in capsys.readouterr().err

    assert main(["events", "--db", db, "--dyad", "KAZ,CHN", "--cameo", "042", "--format", "csv"]) == 0
    table = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["date"], r["n_documents"]) for r in table] == [("2025-03-03", "2")]

    assert main(["dyad", "CHN", "KAZ", "--db", db, "--both", "--format", "jsonl"]) == 0
    months = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {m["month"] for m in months} == {"2025-03", "2025-06"}

    assert main(["actors", "--db", db, "--name", "nurtleu"]) == 0
    assert "Murat Nurtleu" in capsys.readouterr().out

    out = tmp_path / "events.tsv"
    assert main(["export", "--db", db, "--format", "icews-tsv", "--output", str(out), "--since", "2025-06"]) == 0
    exported = out.read_text(encoding="utf-8").splitlines()
    assert exported[0].split("\t") == ICEWS_COLUMNS + EXTRA_COLUMNS
    assert all("\t2025-06-10\t" in line for line in exported[1:])
    assert main(["export", "--db", db, "--format", "parquet"]) == 2
    assert "give --output" in capsys.readouterr().err
    assert main(["events", "--db", db, "--since", "last week"]) == 2
    assert "--since 'last week': not a date" in capsys.readouterr().err


def test_progress_bar_shows_rate_and_time_left(tmp_path, coder):
    bar = io.StringIO()
    ingest([write_jsonl(tmp_path / "in.jsonl", REPORTS)], str(tmp_path / "p.db"), coder=coder, progress=bar)
    shown = bar.getvalue()
    assert "3/3" in shown and "doc/s" in shown and "<" in shown  # done/total, the rate, and elapsed<left


def test_dyad_face_validity_shows_the_quad_mix_beside_the_events_behind_it(corpus_db, capsys):
    assert main(["dyad", "KAZ", "CHN", "--both", "--db", corpus_db, "--events", "2", "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    with Corpus(corpus_db) as corpus:
        plain = corpus.dyad("KAZ", "CHN", both=True)
        assert corpus.validity("KAZ", "CHN", both=True, events=1)["top_events"].map(len).tolist() == [1] * len(plain)
    assert len(rows) == len(plain) > 0
    for row in rows:
        shares = [row[f"q{q}_share"] for q in (1, 2, 3, 4)]
        assert sum(shares) == pytest.approx(1.0, abs=0.02)
        assert 0 < len(row["top_events"]) <= min(2, row["events"])
        assert all(e["source"] == row["source"] and e["date"].startswith(row["month"]) for e in row["top_events"])
    march = next(r for r in rows if r["month"] == "2025-03" and r["source"] == "KAZ")
    assert march["top_events"][0]["n_documents"] == 2 and march["top_events"][0]["cameo"] == "042"
    assert main(["dyad", "KAZ", "CHN", "--both", "--db", corpus_db, "--events", "1"]) == 0
    table = capsys.readouterr().out
    assert "Make a visit" in table and "doc(s)" in table and "Wang Yi" in table  # the evidence under its row
