"""Importing CAMEO/TABARI/PETRARCH dictionaries (a fixture written for these tests, and the four Phoenix files in
../shared/reference), dated roles that end when they ended, and ``readout kb show``."""

from __future__ import annotations

import json
import random

import pytest

from readout.cli import main
from readout.knowledge import load
from readout.knowledge.tabari import Term, gaps, import_file, parse_code, phrase, plural
from tests.conftest import need_shared

ACTORS = """\
+ORPHAN_ALIAS_
# a small dictionary in the TABARI format, written for these tests
FRANCE_ [FRA]
+LA_REPUBLIQUE_
GOVERNMENT_OF_RURITANIA_ [RURGOV]
JEAN_EXEMPLE_  # a minister, out of office, then president
+EXEMPLE_
\t[FRAGOV 990101-031231]
\t[FRAGOV >050101]
\t[FRAELI]
ANNA_SAMPLE_
\t[USAGOV 150301-170120]
\t[USAELI]
BROKEN_ENTRY_
\t[USAGOV 2015-2017]
"""


def test_codes_dates_and_names_are_read():
    assert parse_code("[RUSGOV 991231-080507]") == Term("RUSGOV", "1999-12-31", "2008-05-07")
    assert parse_code("[RUSGOV >080508]") == Term("RUSGOV", start="2008-05-08")
    assert parse_code("[RUSELI <990809]") == Term("RUSELI", end="1999-08-09")
    assert parse_code("[IGOUNO >20070101]") == Term("IGOUNO", start="2007-01-01")
    assert parse_code("[AFGGOV 331108-730717]") == Term("AFGGOV", "1933-11-08", "1973-07-17")
    with pytest.raises(ValueError):
        parse_code("[ARMUNR 9008223-911221]")
    assert phrase("VLADIMIR_V._PUTIN_") == "Vladimir V. Putin"
    assert phrase("UN_") == "UN" and phrase("NGO_") == "NGO" and phrase("NATO_") == "Nato"
    assert plural("farmer") == "farmers" and plural("party") == "parties" and plural("policemen") == "policemen"


def test_the_undated_code_fills_the_gaps_between_terms():
    terms = gaps([Term("X", "2000-01-01", "2003-12-31"), Term("Y", "2005-01-01", "")], Term("Z"))
    assert [(t.code, t.start, t.end) for t in terms] == [
        ("Z", "", "1999-12-31"), ("X", "2000-01-01", "2003-12-31"), ("Z", "2004-01-01", "2004-12-31"),
        ("Y", "2005-01-01", "")]


def test_a_small_dictionary_imports_with_its_bad_lines(tmp_path):
    path = tmp_path / "test.actors"
    path.write_text(ACTORS, encoding="utf-8")
    got = import_file(path, load())
    assert got.errors == [(1, "an alias (+) before any entry"), (15, "unreadable code '[USAGOV 2015-2017]'")]
    jean = [(r["country"], r["sector"], r["start"], r["end"]) for r in got.officials if r["name"] == "Jean Exemple"]
    assert jean == [("FRA", "ELI", "", "1998-12-31"), ("FRA", "GOV", "1999-01-01", "2003-12-31"),
                    ("FRA", "ELI", "2004-01-01", "2004-12-31"), ("FRA", "GOV", "2005-01-01", "")]
    anna = [(r["country"], r["sector"], r["start"], r["end"]) for r in got.officials if r["name"] == "Anna Sample"]
    assert anna == [("USA", "ELI", "", "2015-02-28"), ("USA", "GOV", "2015-03-01", "2017-01-20"),
                    ("USA", "ELI", "2017-01-21", "")]
    assert got.officials[0]["aliases"] == "Exemple"
    assert got.country_aliases == {"FRA": ["France", "La Republique"]}
    assert got.skipped == 2  # Ruritania is no country readout knows; the broken entry has no readable code


def test_cli_imports_the_phoenix_dictionaries_and_reports_bad_lines(tmp_path, capsys):
    files = [str(need_shared("reference", f"Phoenix.{n}.txt")) for n in ("Countries.actors", "International.actors",
                                                                         "MilNonState.actors", "agents")]
    target = tmp_path / "kb"
    assert main(["kb", "import", *files, "--into", str(target)]) == 1  # some lines cannot be read
    out, err = capsys.readouterr()
    assert "Phoenix.Countries.actors.txt:2039: unreadable code '[ARMUNR 9008223-911221]'" in err
    assert len(err.splitlines()) == 32
    kb = load(str(target))
    builtin = load()
    assert len(kb.officials) > len(builtin.officials) + 25_000
    assert len(kb.agents) > len(builtin.agents) + 2_000
    assert len(kb.names) > len(builtin.names) + 900
    assert "officials (dated terms) 29583" in out
    # a few hundred people with a term that ended: the term holds inside it, and not the day after it ended
    from readout.nlp.people import People

    stage = People(kb)
    ended = [o for o in kb.officials[len(builtin.officials):] if o.start and o.end and o.start < o.end]
    rng = random.Random(7)
    checked = 0
    for o in rng.sample(ended, 400):
        country, sector, _, entry = stage.office_on(o.name, o.start)
        assert (country, sector) in {(x.country, x.sector or None) for x in kb.officials
                                     if x.name == o.name and x.holds_on(o.start)}, (o.name, o.start)
        after = _next_day(o.end)
        if any(x.name == o.name and x.holds_on(after) for x in kb.officials):
            continue  # another term (or the undated code) goes on: nothing to check
        country, sector, role, entry = stage.office_on(o.name, after)
        assert (country, sector, role) == (o.country, "ELI", None), (o.name, after)  # the role is not applied
        checked += 1
    assert checked >= 100


def _next_day(iso: str) -> str:
    from datetime import date, timedelta

    return (date.fromisoformat(iso) + timedelta(days=1)).isoformat()


def test_kb_show_explains_how_a_phrase_resolves(capsys):
    assert main(["kb", "show", "Tajikistan's Foreign Minister Sirojiddin Muhriddin met the President of Russia.",
                 "--date", "2025-04-25", "--format", "json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    by_text = {a["text"]: a for a in shown["actors"]}
    tj = by_text["Tajikistan's Foreign Minister Sirojiddin Muhriddin"]
    assert (tj["code"], tj["person"], tj["role"]) == ("TJKGOV", "Sirojiddin Muhriddin", "Foreign Minister")
    assert tj["decided_by"].startswith("text:country")
    ru = next(a for a in shown["actors"] if a["text"].endswith("President of Russia"))
    assert ru["person"] == "Vladimir Putin" and "kb:vladimir-putin" in ru["decided_by"]
    for date, holder in (("2019-06-01", "Theresa May"), ("2020-06-01", "Boris Johnson")):
        assert main(["kb", "show", "the British Prime Minister", "--date", date]) == 0
        assert holder in capsys.readouterr().out  # the office holder on that date


def test_a_listed_person_out_of_office_keeps_the_country_not_the_role(capsys):
    for date, expected in (("2018-06-01", ("GBRGOV", "Prime Minister")), ("2021-06-01", ("GBRELI", None))):
        assert main(["kb", "show", "Theresa May spoke.", "--date", date, "--format", "json"]) == 0
        may = json.loads(capsys.readouterr().out)["actors"][0]
        assert (may["code"], may["role"]) == expected, date


def test_kb_unknown_lists_the_event_actors_with_no_country(tmp_path, capsys):
    """A real SQLite file: texts ingested, then the actors of their events that no table resolves, most first."""
    docs = tmp_path / "docs.jsonl"
    lines = [
        {"id": "a", "date": "2023-03-01", "text": "The Zorblat Collective attacked Canada. The Zorblat Collective "
                                                  "also threatened Canada."},
        {"id": "b", "date": "2023-03-02", "text": "The Zorblat Collective accused Germany of lying."},
        {"id": "c", "date": "2023-03-03", "text": "France praised Japan for its aid to Kenya."},
        {"id": "d", "date": "2023-03-04", "text": "Brazil urged the international community to help Haiti."},
    ]
    docs.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    db = str(tmp_path / "corpus.db")
    assert main(["ingest", str(docs), "--db", db]) == 0
    capsys.readouterr()
    assert main(["kb", "unknown", "--db", db, "--format", "json"]) == 0
    got = json.loads(capsys.readouterr().out)
    top = got["top"][0]
    assert top["name"].endswith("zorblat collective") and top["events"] >= 2 and top["document"] in ("a", "b")
    assert "Zorblat" in top["evidence"]
    assert all("france" not in r["name"] and "japan" not in r["name"] for r in got["top"])
    # no one country could be "the international community": counted apart, not a gap in the tables
    assert got["many_states"] == 1 and all("community" not in r["name"] for r in got["top"])
    assert 0 < got["unknown"] < got["actors"] and got["share"] == round(got["unknown"] / got["actors"], 4)
    assert main(["kb", "unknown", "--db", db, "--top", "1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"event actors with no country: {got['unknown']} of {got['actors']}")
    assert "zorblat collective" in out
