"""Bad values get one clear line and cost nothing else: impossible dates on the command line, in a record and in
the API; a database URL readout cannot use; a mistyped database path for a reading command; filter values that
could match nothing. Run against a real SQLite file coded by the real pipeline."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from readout.cli import main
from readout.errors import ReadoutError

TEXT = "Wang Yi met Kazakh Foreign Minister Murat Nurtleu in Astana on Monday."


@pytest.fixture(scope="module")
def db(tmp_path_factory, coder):
    from readout.store.ingest import ingest

    folder = tmp_path_factory.mktemp("bad")
    path = folder / "docs.jsonl"
    path.write_text(json.dumps({"id": "bad-date", "text": TEXT, "date": "2022-13-45"}) + "\n"
                    + json.dumps({"id": "good", "text": "Joe Biden called Emmanuel Macron on Tuesday.",
                                  "date": "2022-03-01"}) + "\n", encoding="utf-8")
    db = str(folder / "corpus.db")
    summary = ingest([str(path)], db, coder=coder)
    assert summary.stored == 2  # the record with the impossible date is stored, coded without it
    return db


def err_of(capsys, *argv: str) -> tuple[int, str]:
    rc = main(list(argv))
    return rc, capsys.readouterr().err


def one_line(err: str) -> str:
    lines = [x for x in err.splitlines() if x.strip()]
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def test_impossible_dates_cost_only_the_date(db, capsys, tmp_path, coder):
    from readout.store import Corpus

    with Corpus(db) as corpus:
        docs = {d["document"]: d for d in corpus.documents()[1]}
    assert docs["bad-date"]["date"] is None and docs["good"]["date"] == "2022-03-01"
    stored = Corpus(db).document("bad-date")
    assert stored is not None and stored["meta"] == {"unread_date": "2022-13-45"} and stored["events"]
    text = tmp_path / "a.txt"
    text.write_text(TEXT, encoding="utf-8")
    rc, err = err_of(capsys, "code", str(text), "--date", "2022-13-45")
    assert rc == 2 and "--date '2022-13-45': not a date" in one_line(err)
    with pytest.raises(ReadoutError, match="'2022-02-30': not a calendar day"):
        coder.code(TEXT, date="2022-02-30")
    from readout.records import Document

    many = list(coder.code_many([Document(text=TEXT, date="2022-02-30", id="x"), Document(text=TEXT, id="y")]))
    assert [c.document.id for c in many] == ["x", "y"] and many[0].document.meta["unread_date"] == "2022-02-30"
    assert many[0].document.date is None and many[0].events


def test_api_code_with_an_impossible_date_is_422(db, coder):
    from readout.web import create_app

    client = TestClient(create_app(db, coder=coder))
    bad = client.post("/api/code", json={"text": TEXT, "date": "2022-13-45"})
    assert bad.status_code == 422 and "not a calendar day" in bad.json()["detail"]
    good = client.post("/api/code", json={"text": TEXT, "date": "2022-03-01"})
    assert good.status_code == 200 and good.json()["events"]


@pytest.mark.parametrize("command", [["events"], ["status"], ["actors"], ["export", "--format", "csv"],
                                     ["dyad", "CHN", "KAZ"], ["kb", "unknown"]])
def test_reading_commands_refuse_a_database_that_does_not_exist(command, tmp_path, capsys):
    missing = tmp_path / "mistyped.db"
    rc, err = err_of(capsys, *command, "--db", str(missing))
    assert rc == 2 and f"--db {missing}: no such database" in one_line(err)
    assert not missing.exists()


def test_open_refuses_a_missing_file_and_other_backends(tmp_path, capsys):
    import readout

    with pytest.raises(ReadoutError, match="no such database"):
        readout.open(str(tmp_path / "nothere.db"))
    assert not (tmp_path / "nothere.db").exists()
    rc, err = err_of(capsys, "events", "--db", "mysql://user:secret@localhost/news")
    line = one_line(err)
    assert rc == 2 and "not in mysql" in line and "secret" not in line


@pytest.mark.parametrize("option,value,says", [
    ("--since", "2022-13", "--since '2022-13': not a date"),
    ("--until", "2022-02-30", "--until '2022-02-30': not a date"),
    ("--plover", "MEET", "--plover 'MEET': not a PLOVER event type"),
    ("--cameo", "999", "--cameo '999': no CAMEO code starts with it"),
    ("--cameo", "04a", "--cameo '04a': no CAMEO code starts with it"),
    ("--country", "Atlantis", "--country 'Atlantis': no country, organisation or actor code"),
    ("--dyad", "CHN,XYZ", "dyad target 'XYZ': no country"),
    ("--modality", "asserted,certain", "--modality 'certain': not a modality"),
])
def test_filters_that_can_match_nothing_say_so(db, capsys, option, value, says):
    rc, err = err_of(capsys, "events", "--db", db, option, value)
    assert rc == 2 and says in one_line(err)


def test_good_filter_values_still_select(db, capsys):
    assert main(["events", "--db", db, "--country", "Kazakhstan", "--format", "csv"]) == 0
    rows = capsys.readouterr().out.strip().splitlines()
    assert len(rows) >= 2 and all("KAZ" in r for r in rows[1:])
    from readout.store import Corpus

    with Corpus(db) as corpus:
        every = corpus.events()
        some = corpus.events(modality="asserted,negated")
        assert len(some) == int(every["modality"].isin(["asserted", "negated"]).sum()) and len(some) >= 1
        assert corpus.events(plover="consult", since="2022-03").shape[0] >= 1
        with pytest.raises(ReadoutError, match="dyad source 'Narnia'"):
            corpus.dyad("Narnia", "CHN")


def test_a_document_over_the_limit_is_named_and_the_others_coded(tmp_path, capsys):
    path = tmp_path / "docs.jsonl"
    path.write_text("".join(json.dumps({"id": i, "text": text}) + "\n" for i, text in
                            (("a", TEXT), ("huge", TEXT * 20), ("b", TEXT))), encoding="utf-8")
    rc = main(["code", str(path), "--max-chars", "500", "--format", "jsonl"])
    out, err = capsys.readouterr()
    assert rc == 1 and [json.loads(x)["document"]["id"] for x in out.splitlines()] == ["a", "b"]
    assert f"{path}: document 'huge': {len(TEXT) * 20:,} characters, over the limit of 500" in one_line(err)


INJECTIONS = ["'; DROP TABLE events; --", "\" OR 1=1 --", "%' OR '1'='1", "CHN') UNION SELECT * FROM documents --",
              "\\x00", "%%%", "_"]


def test_sql_injection_strings_in_every_filter_are_harmless(db, coder):
    from readout.store import Corpus
    from readout.web import create_app

    client = TestClient(create_app(db, coder=coder))
    with Corpus(db) as corpus:
        before = corpus.counts()
    params = ["actor", "country", "cameo", "plover", "since", "until", "text", "modality", "document"]
    for value in INJECTIONS:
        for name in params:
            answer = client.get("/api/events", params={name: value})
            assert answer.status_code in (200, 422), (name, value, answer.status_code)
            if answer.status_code == 200:
                assert answer.json()["total"] == 0, (name, value)  # matched as words, never as SQL
            else:
                assert answer.json()["detail"], (name, value)
        assert client.get("/api/events", params={"source": value, "target": "CHN"}).status_code == 422
        assert client.get("/api/actors", params={"name": value}).status_code == 200
        assert client.get("/api/documents", params={"q": value}).status_code == 200
    with Corpus(db) as corpus:
        assert corpus.counts() == before and len(corpus.events()) > 0
