"""Named bodies by country (``organisations.tsv``): parties, forces and their units, agencies, parliaments, courts,
state media, armed and criminal groups. The table is checked for clashes, resolved by the real pipeline on sentences
written for these tests, and cross-checked against the Phoenix actor dictionaries in ``../shared/reference``."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from readout.knowledge import load, read_table
from tests.conftest import need_shared
from tests.test_actor_kinds import actor

KINDS = {"party", "military", "media", "armed-group", "police", "intelligence", "parliament", "court", "agency",
         "criminal-group", "company", "ministry"}


def test_every_organisation_is_one_row_with_a_known_country_and_kind():
    kb = load()
    rows = read_table("organisations.tsv")
    assert len(rows) >= 2000
    assert [r["id"] for r in rows] == sorted({r["id"] for r in rows})  # unique, sorted
    assert {r["kind"] for r in rows} <= KINDS
    assert all(not r["country"] or r["country"] in kb.countries for r in rows)
    assert len({r["country"] for r in rows}) >= 150
    assert {"USA", "CHN", "RUS", "UKR", "TUR", "IND", "BRA", "MEX", "ZAF", "SAU", "IDN", "KOR", "JPN", "DEU", "FRA",
            "GBR", "ITA", "CAN", "AUS", "ARG", "TJK"} <= {r["country"] for r in rows}  # the G20 and the seed's


def test_no_name_stands_for_two_entries():
    """A name or alias of an organisation is no other organisation's, named group's, country's or IGO's."""
    kb = load()
    seen: Counter[str] = Counter()
    for n in kb.names:
        for s in {n.name, *n.aliases}:
            seen[s] += 1
    for c in kb.countries.values():
        for s in {c.name, *c.aliases, *c.demonyms}:
            seen[s] += 1
    for o in kb.organisations.values():
        for s in {o.name, *o.aliases}:
            seen[s] += 1
    orgs = {s for n in kb.names if n.id.startswith("o.") for s in (n.name, *n.aliases)}
    assert sorted(s for s in orgs if seen[s] > 1) == []


@pytest.mark.parametrize("text,mention,expected", [
    ("The PRI lost the governorship to Morena.", "PRI", "MEXPTY"),
    ("The Institutional Revolutionary Party named a new leader.", "Institutional Revolutionary Party", "MEXPTY"),
    ("Los Zetas attacked a convoy near the border.", "Los Zetas", "MEXCRM"),
    ("The DEA arrested two suspects in Miami.", "DEA", "USACOP"),
    ("The Department of State announced new visa restrictions.", "Department of State", "USAGOV"),
    ("HUD has assigned disaster assistance providers to Hawaii.", "HUD", "USAGOV"),
    ("The Northern Fleet began exercises in the Barents Sea.", "Northern Fleet", "RUSMIL"),
    ("Mossad was accused of planning the operation.", "Mossad", "ISRSPY"),
    ("Xinhua said the talks were candid.", "Xinhua", "CHNGOVMED"),
    ("The Bundeswehr sent engineers to the flooded region.", "Bundeswehr", "DEUMIL"),
    # the Arabic article as news spells it, whichever way the table does
    ("Al Shabaab fighters attacked a base near Mogadishu.", "Al Shabaab", "SOMREB"),
    ("The army said al Shabaab had retreated.", "al Shabaab", "SOMREB"),
    # the country in front of a body the table names "... of <country>"
    ("Kyrgyzstan's State Committee for National Security detained a journalist.",
     "Kyrgyzstan's State Committee for National Security", "KGZSPY"),
])
def test_named_bodies_have_their_country_and_sector(code, text, mention, expected):
    assert actor(code, text, mention).code == expected


def _phoenix_names(path) -> dict[str, set[str]]:
    """Name (lowercase, words) -> the codes a TABARI-format actor file gives it, aliases ("+...") included."""
    out: dict[str, set[str]] = {}
    code = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.split("#")[0].rstrip()
        if not line.strip():
            continue
        m = re.search(r"\[~?([A-Z]{3,})\]", line)
        if not line.startswith("+"):
            code = m.group(1) if m else None
        name = re.sub(r"\(.*?\)", "", re.sub(r"\[.*?\]", "", line).lstrip("+")).replace("_", " ")
        if code and name.strip():
            out.setdefault(" ".join(name.lower().split()), set()).add(code)
    return out


def test_organisations_agree_with_phoenix_on_their_country():
    """Where Phoenix names an organisation of the table with a country code (not a region), the country agrees for
    most; the departures are namesakes ("SANA", "EPA") and states Phoenix predates (South Sudan's SPLA)."""
    kb = load()
    phoenix: dict[str, set[str]] = {}
    for f in ("Phoenix.MilNonState.actors.txt", "Phoenix.Countries.actors.txt"):
        for k, v in _phoenix_names(need_shared("reference", f)).items():
            phoenix.setdefault(k, set()).update(v)
    codes = {c.iso3: {c.iso3, c.cameo} for c in kb.countries.values()}
    known = set().union(*codes.values())
    compared = agree = 0
    for n in kb.names:
        if not n.id.startswith("o.") or not n.country:
            continue
        for s in (n.name, *n.aliases):
            theirs = {c[:3] for c in phoenix.get(s.lower(), ())} & known
            if theirs:
                compared += 1
                agree += bool(codes[n.country] & theirs)
                break
    assert compared >= 30
    assert agree / compared >= 0.85, (agree, compared)
