"""Indexed search (migration 0003, ``readout.store.search``) on a real SQLite file and a real PostgreSQL server: it
finds exactly what a scan finds, the database really answers from the index, the index follows re-coded documents,
and a database made before the index gets it filled from its rows."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from readout.store import Corpus, Filters
from readout.store import schema as t
from readout.store.database import _alembic_config, connect, current
from readout.store.ingest import ingest
from readout.store.search import SCAN, fts_table, trigram_index
from tests.test_store import REPORTS, write_jsonl

ODD = {"id": "odd-1", "date": "2025-07-01", "source": "wire.example.com", "title": "Odd characters",
       "text": 'Foreign Minister Wang Yi met with Kazakh Foreign Minister Murat Nurtleu in Astana on July 1, 2025 '
               'to discuss the "Astana format", a 50% rise in trade and the under_score clause.'}
SEARCHES = ["wang yi", "WANG", "Nurtleu", "astana", "Yi", "%", "50%", "_", "under_score", '"Astana format"',
            '"', "Beijing.", "nurtleu in beijing", "zzzz", "Murat", "  astana  ", "ß"]


@pytest.fixture
def corpus(db_url, tmp_path, coder):
    ingest([write_jsonl(tmp_path / "reports.jsonl", [*REPORTS, ODD])], db_url, coder=coder)
    return Corpus(db_url)


def found(corpus: Corpus, **filters) -> list[int]:
    return sorted(corpus.event_rows(**filters)["event_id"])


def test_the_index_finds_exactly_what_a_scan_finds(corpus):
    scan = Corpus(engine=corpus.engine)
    scan.search = SCAN
    assert corpus.search.fts == (corpus.engine.dialect.name == "sqlite")  # PostgreSQL's planner picks its index
    hits = 0
    for q in SEARCHES:
        for field in ("text", "actor"):
            assert found(corpus, **{field: q}) == found(scan, **{field: q}), (field, q)
            hits += bool(found(corpus, **{field: q}))
        assert list(corpus.actors(name=q)["id"]) == list(scan.actors(name=q)["id"]), q
        assert corpus.count_events(Filters(text=q)) == len(found(scan, text=q))
    assert hits >= 15  # most searches find something, so that the comparison means something
    assert found(corpus, text="50%") and not found(corpus, text="zzzz")
    assert found(corpus, text='"Astana format"') and set(found(corpus, text='"Astana format"')) <= set(
        found(corpus, document="odd-1"))  # quotes are characters, as typed


def test_the_database_answers_from_the_index(corpus):
    with corpus.engine.connect() as conn:
        if corpus.engine.dialect.name == "sqlite":
            q = corpus.events_query(Filters(text="astana", actor="Nurtleu"))
            sql = str(q.compile(corpus.engine, compile_kwargs={"literal_binds": True}))
            plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
            for table in ("evidence", "actors", "actor_aliases"):
                assert f"SCAN {fts_table(table)} VIRTUAL TABLE INDEX" in plan, plan
            assert "SCAN evidence " not in plan + " "  # no scan of the sentences themselves
        else:
            conn.exec_driver_sql("SET enable_seqscan = off")  # a tiny table would be scanned anyway
            for table, column in (("evidence", "text"), ("actors", "name"), ("actor_aliases", "alias")):
                plan = " ".join(r[0] for r in conn.execute(text(
                    f"EXPLAIN SELECT id FROM {table} WHERE lower({column}) LIKE '%astana%' ESCAPE '\\'")))
                assert f"Bitmap Index Scan on {trigram_index(table)}" in plan, plan


def test_the_index_follows_a_document_coded_again(corpus, db_url, tmp_path, coder):
    assert found(corpus, text="under_score")
    changed = {**ODD, "text": ODD["text"].replace("under_score clause", "grain corridor")}
    ingest([write_jsonl(tmp_path / "again.jsonl", [changed])], db_url, coder=coder)
    assert not found(corpus, text="under_score") and found(corpus, text="grain corridor")
    with corpus.engine.connect() as conn:  # the index holds one entry a sentence, no leftovers
        stored = conn.execute(select(t.evidence.c.id)).scalars().all()
        if corpus.search.fts:
            indexed = conn.exec_driver_sql("SELECT rowid FROM evidence_fts").scalars().all()
            assert sorted(indexed) == sorted(stored)
            assert conn.exec_driver_sql("SELECT count(*) FROM evidence_fts WHERE evidence_fts MATCH "
                                        "'\"under_score\"'").scalar() == 0


def test_a_database_from_before_the_index_gets_it_filled(corpus, db_url):
    from alembic import command

    before = found(corpus, text="astana")
    cfg = _alembic_config(corpus.engine)
    with corpus.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0002")
    assert current(corpus.engine) == "0002"
    assert Corpus(engine=connect(db_url, migrate=False)).search.fts is False
    again = Corpus(db_url)  # opening it migrates: the index is made from the rows already there
    assert current(again.engine) == "0003" and before and found(again, text="astana") == before
    assert again.search.fts == (again.engine.dialect.name == "sqlite")
