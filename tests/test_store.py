"""The corpus database on a real SQLite file and a real PostgreSQL server: migrations, ingest (idempotent, with
replacement and duplicates), cross-document deduplication, queries and the Python API."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from sqlalchemy import create_engine, select

from readout.records import CodedDocument
from readout.store import Corpus
from readout.store import schema as t
from readout.store.database import connect, current, head
from readout.store.ingest import ingest

# Three short reports written for these tests: the first two tell the same meeting, from two publishers.
REPORTS = [
    {"id": "a-1", "source": "mfa.example.org", "date": "2025-03-03", "title": "Wang Yi meets Murat Nurtleu",
     "text": "On March 3, 2025, Foreign Minister Wang Yi met with Kazakh Foreign Minister Murat Nurtleu in Beijing. "
             "The two sides discussed trade and energy cooperation."},
    {"id": "b-1", "source": "wire.example.com", "date": "2025-03-04", "title": "China and Kazakhstan talk trade",
     "text": "Chinese Foreign Minister Wang Yi met Kazakhstan's Foreign Minister Murat Nurtleu in Beijing on Monday, "
             "March 3, 2025, officials said."},
    {"id": "c-1", "source": "wire.example.com", "date": "2025-06-11", "title": "Ministers meet again",
     "text": "On June 10, 2025, Foreign Minister Wang Yi met with Kazakh Foreign Minister Murat Nurtleu in Astana."},
]


def write_jsonl(path, records) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def table_dump(db: str) -> dict[str, list[tuple]]:
    """Every stored row that matters, without surrogate ids, so that two databases can be compared."""
    engine = connect(db)
    with engine.connect() as conn:
        docs = dict(conn.execute(select(t.documents.c.id, t.documents.c.doc_key)).all())
        events = sorted(
            (r.event_key, r.cameo, r.source_code, r.target_code, r.date_start, r.modality, r.n_mentions,
             r.n_documents, r.n_sources, docs[r.first_document_id])
            for r in conn.execute(select(t.events)))
        mentions = sorted((docs[r.document_id], r.ordinal, r.modality) for r in conn.execute(select(t.mentions)))
        documents = sorted((r.doc_key, r.content_hash, r.n_events) for r in conn.execute(select(t.documents)))
        actors = sorted((r.actor_key, r.n_mentions) for r in conn.execute(select(t.actors)))
    engine.dispose()
    return {"events": events, "mentions": mentions, "documents": documents, "actors": actors}


def test_migrations_create_exactly_the_schema(db_url):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from readout.store.search import is_search_object

    engine = connect(db_url)
    assert current(engine) == head() == "0003"
    with engine.connect() as conn:
        everything = compare_metadata(MigrationContext.configure(conn), t.metadata)
        diff = compare_metadata(MigrationContext.configure(
            conn, opts={"include_object": lambda o, name, *_: not is_search_object(name)}), t.metadata)
    assert diff == []
    # what schema.metadata does not hold is the search index, made by hand: FTS5 tables or trigram indexes
    extra = {d[1].name for d in everything if d[0] in ("remove_table", "remove_index")}
    assert extra and all(is_search_object(name) for name in extra), everything
    connect(db_url)  # opening again migrates nothing and fails on nothing
    assert current(engine) == "0003"


def test_ingest_dedups_across_documents_and_is_idempotent(db_url, tmp_path, coder):
    src = write_jsonl(tmp_path / "reports.jsonl", REPORTS)
    first = ingest([src], db_url, coder=coder)
    assert (first.read, first.coded, first.stored, first.unchanged, first.skipped) == (3, 3, 3, 0, 0)
    before = table_dump(db_url)

    again = ingest([src], db_url, coder=coder)
    assert (again.read, again.coded, again.stored, again.unchanged) == (3, 0, 0, 3)
    assert table_dump(db_url) == before

    corpus = Corpus(db_url)
    visits = corpus.events(dyad=("KAZ", "CHN"), cameo="042")
    # the visit of March 3 is told by a-1 and b-1 (two publishers): one event with two sources
    march = visits[visits["date"] == "2025-03-03"]
    assert len(march) == 1
    assert march.iloc[0][["n_mentions", "n_documents", "n_sources"]].tolist() == [2, 2, 2]
    assert march.iloc[0]["place"] == "Beijing"
    assert set(corpus.mentions(int(march.iloc[0]["event_id"]))["document"]) == {"a-1", "b-1"}
    # the June meeting in Astana is another event: the other way round, another date
    june = corpus.events(dyad=("CHN", "KAZ"), cameo="042", since="2025-06")
    assert [d.date().isoformat() for d in june["date"]] == ["2025-06-10"] and june.iloc[0]["n_documents"] == 1
    # the counts on every event agree with its mentions
    with corpus.engine.connect() as conn:
        for event_id, n in conn.execute(select(t.events.c.id, t.events.c.n_mentions)):
            stored = conn.execute(select(t.mentions.c.id).where(t.mentions.c.event_id == event_id)).all()
            assert len(stored) == n
    corpus.close()


def test_changed_text_replaces_the_document_and_same_text_elsewhere_is_a_duplicate(db_url, tmp_path, coder):
    ingest([write_jsonl(tmp_path / "one.jsonl", REPORTS[:2])], db_url, coder=coder)
    changed = dict(REPORTS[1], text="Chinese Foreign Minister Wang Yi telephoned Kazakhstan's Foreign Minister Murat "
                                    "Nurtleu on March 3, 2025.")
    copy = dict(REPORTS[0], id="a-1-mirror", source="mirror.example.net")
    s = ingest([write_jsonl(tmp_path / "two.jsonl", [changed, copy])], db_url, coder=coder)
    assert (s.stored, s.replaced, s.duplicates) == (1, 1, 1)
    corpus = Corpus(db_url)
    assert corpus.counts()["documents"] == 2
    visit = corpus.events(dyad=("KAZ", "CHN"), cameo="042")
    assert visit["n_documents"].tolist() == [1]  # b-1 no longer reports the visit
    call = corpus.events(cameo="041", document="b-1")
    assert call["event_id"].nunique() == 1 and len(call) == 2  # one call, mutual: a row each way
    assert call.iloc[0]["n_documents"] == 1
    corpus.close()


def test_queries_filter_by_actor_alias_text_and_dates(db_url, tmp_path, coder):
    ingest([write_jsonl(tmp_path / "reports.jsonl", REPORTS)], db_url, coder=coder)
    corpus = Corpus(db_url)
    every = corpus.events()
    assert len(every) >= 4
    by_alias = corpus.events(actor="nurtleu")
    sides = zip(by_alias["source_country"].fillna(""), by_alias["target_country"].fillna(""), strict=True)
    assert len(by_alias) >= 3 and all("KAZ" in (s, t) for s, t in sides)
    by_code = corpus.events(actor="KAZGOV")
    assert set(by_code["event_id"]) == set(by_alias["event_id"])
    assert {d.date().isoformat() for d in corpus.events(text="astana")["date"]} == {"2025-06-10"}
    assert corpus.events(until="2025-03")["date"].max() <= pd.Timestamp("2025-03-31")
    assert corpus.events(country="Kazakhstan")["event_id"].tolist() == corpus.events(country="KAZ")["event_id"].tolist()
    assert len(corpus.events(plover="consult")) == len(corpus.events(cameo="04"))
    actors = corpus.actors(name="Wang Yi")
    assert actors.iloc[0]["code"] == "CHNGOV"
    learned = {a["alias"]: a for a in actors.iloc[0]["aliases"]}
    assert "Foreign Minister Wang Yi" in learned
    assert learned["Foreign Minister Wang Yi"]["document"] == "a-1"
    assert learned["Foreign Minister Wang Yi"]["date"] == "2025-03-03"
    dyad = corpus.dyad("CHN", "KAZ", both=True)
    assert set(dyad["month"]) == {"2025-03", "2025-06"}
    assert (dyad["q1"] + dyad["q2"] + dyad["q3"] + dyad["q4"] == dyad["events"]).all()
    corpus.close()


def test_readout_open_returns_dataframes(tmp_path, coder):
    import pandas as pd

    import readout

    db = str(tmp_path / "api.db")
    ingest([write_jsonl(tmp_path / "reports.jsonl", REPORTS[:1])], db, coder=coder)
    with readout.open(db) as corpus:
        df = corpus.events(cameo="04")
        assert isinstance(df, pd.DataFrame) and len(df) >= 2
        assert set(df["label"]) >= {"Make a visit", "Host a visit"}


def test_precoded_jsonl_is_stored_without_coding(tmp_path, coder):
    from readout.records import Document

    coded = [coder.code(Document(**r)) for r in REPORTS]
    src = tmp_path / "coded.jsonl"
    src.write_text("".join(c.to_json() + "\n" for c in coded), encoding="utf-8")
    db = str(tmp_path / "precoded.db")

    class NoCoder:  # the coder must not be asked: the input is coded already
        def code_many(self, docs):
            raise AssertionError("pre-coded input was coded again")

    s = ingest([str(src)], db, coder=NoCoder())
    assert (s.read, s.coded, s.stored, s.events) == (3, 0, 3, sum(len(c.events) for c in coded))
    fresh = str(tmp_path / "fresh.db")
    ingest([write_jsonl(tmp_path / "reports.jsonl", REPORTS)], fresh, coder=coder)
    assert table_dump(db)["events"] == table_dump(fresh)["events"]


def test_malformed_line_in_a_10000_line_file_is_reported_and_the_rest_stored(tmp_path):
    from readout.records import Actor, Document, Event, When

    lines = []
    for i in range(1, 10_001):
        if i == 5_000:
            lines.append('{"document": {"text": "broken JSON, no closing brace"')
            continue
        doc = Document(text=f"Report {i}.", id=f"r-{i}", date="2024-01-01", source="synthetic")
        event = Event(source=[Actor(text="Ruritania", country="RUR")], target=[Actor(text="Freedonia", country="FRE")],
                      cameo="010", when=When(start="2024-01-01", end="2024-01-01"))
        lines.append(CodedDocument(document=doc, events=[event] if i % 10 == 0 else []).to_json())
    src = tmp_path / "big.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    errors = []
    s = ingest([str(src)], str(tmp_path / "big.db"), on_error=errors.append, chunk=500)
    assert [e.where for e in errors] == [f"{src}:5000"]
    assert "invalid JSON" in errors[0].what
    assert (s.read, s.stored, s.skipped) == (9_999, 9_999, 1)
    counts = Corpus(str(tmp_path / "big.db")).counts()
    assert counts["documents"] == 9_999
    # every tenth report tells the same event on the same day (the broken line 5,000 was one): one event, 999 reports
    assert counts["events"] == 1 and counts["mentions"] == 999


def test_bad_database_urls_are_one_line_errors(tmp_path):
    from readout.errors import ReadoutError

    with pytest.raises(ReadoutError, match="does not exist"):
        connect(str(tmp_path / "no" / "such" / "folder.db"))
    with pytest.raises(ReadoutError, match="cannot open database postgresql"):
        connect("postgresql://nobody@127.0.0.1:1/none")


def test_an_old_schema_is_brought_up_to_date(tmp_path):
    db = str(tmp_path / "old.db")
    engine = connect(db, migrate=False)
    assert current(engine) is None
    connect(db)
    assert current(create_engine(f"sqlite:///{db}")) == head()


def test_a_person_an_earlier_document_introduced_resolves_later(tmp_path, coder):
    # an ambassador: not in the built-in list of officials, so only the first document can teach who she is
    first = {"id": "m-1", "date": "2022-03-01", "text": "Secretary Blinken met with Ukraine's Ambassador to the "
             "United States Oksana Markarova in Washington."}
    later = {"id": "m-2", "date": "2022-03-08", "text": "Markarova thanked the Secretary for the support of the "
             "United States."}
    db = str(tmp_path / "memory.db")
    ingest([write_jsonl(tmp_path / "one.jsonl", [first])], db, coder=coder)
    coder.learned = {}
    ingest([write_jsonl(tmp_path / "two.jsonl", [later])], db, coder=coder)
    coder.learned = {}
    with Corpus(db) as corpus:
        found = corpus.actors(name="Markarova")
    assert found["name"].tolist() == ["Oksana Markarova"] and found.iloc[0]["code"] == "UKRGOV"
    aliases = {a["alias"]: a for a in found.iloc[0]["aliases"]}
    assert aliases["Markarova"]["document"] == "m-2"
    assert aliases["Markarova"]["resolved_by"] == "store:Oksana Markarova@m-1,2022-03-01"


def test_overlong_names_and_ids_are_stored_on_both_backends(db_url, tmp_path):
    from readout.records import Actor, Document, Event, When

    junk = "Helping Victims " * 40  # a run-on heading NER took for a name: 640 characters
    doc = Document(text=f"{junk} met Ruritania.", id="x" * 700, date="2024-01-01", source="s" * 300)
    person = Actor(text=junk, person=junk.strip(), country="USA", sector="GOV", span=(0, len(junk)))
    event = Event(source=[person], target=[Actor(text="Ruritania", country="USA")], cameo="040",
                  when=When(start="2024-01-01", end="2024-01-01"))
    src = tmp_path / "long.jsonl"
    src.write_text(CodedDocument(document=doc, events=[event], actors=[person]).to_json() + "\n", encoding="utf-8")
    first = ingest([str(src)], db_url)
    again = ingest([str(src)], db_url)
    assert (first.stored, again.unchanged) == (1, 1)
    with Corpus(db_url) as corpus:
        assert corpus.counts()["events"] == 1
        assert len(corpus.actors(country="USA")) == 2


def test_a_noted_memory_notes_every_surname_a_document_looks_up():
    from readout.records import Actor, Document
    from readout.store.memory import Noting

    person = Actor(text="Oksana Markarova", person="Oksana Markarova", country="UKR")
    noting = Noting({"markarova": person})
    one, two = Document(text="a"), Document(text="b")
    seen = noting.for_document(one)
    assert seen.get("markarova") is person and "lavrov" not in seen and seen.get("blinken") is None
    assert noting.for_document(one)["markarova"] is person  # the same document, another piece
    empty = Noting({}).for_document(two)
    assert empty and "markarova" not in empty  # an empty memory is still looked up, and noted
    assert noting.looked_up == {id(one): {"markarova", "lavrov", "blinken"}}
    assert empty.seen == {"markarova"}
    with pytest.raises(TypeError):
        list(seen)
