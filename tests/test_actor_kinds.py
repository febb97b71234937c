"""Actors beyond readouts, with the real pipeline on sentences written for these tests: every CAMEO sector from
nouns, modifiers and named bodies, transcript speakers, former officials, a title with a surname, one person one
country, and a person never acting on their own office. The agent table is cross-checked against the Phoenix
agents dictionary in ``../shared/reference``."""

from __future__ import annotations

import re

import pytest

from readout.knowledge import load
from readout.knowledge.tables import parse
from readout.knowledge.validate import problems
from readout.nlp.merging import merge_events
from readout.ontology import cameo
from readout.records import Actor, Event
from tests.conftest import need_shared


def actor(code, text: str, mention: str, date: str | None = "2023-06-01") -> Actor:
    found = {a.text: a for a in code(text, date).actors}
    assert mention in found, f"{mention!r} not among {sorted(found)}"
    return found[mention]


@pytest.mark.parametrize("text,mention,expected", [
    ("Riot police dispersed the crowd.", "Riot police", "---COP"),
    ("Riot police dispersed the crowd in Lima.", "Riot police", "PERCOP"),  # the one state its sentence names
    ("Kenyan prosecutors charged the suspects.", "Kenyan prosecutors", "KENJUD"),
    ("Opposition lawmakers walked out of the session.", "Opposition lawmakers", "---OPP"),
    ("Chinese state media said the talks were candid.", "Chinese state media", "CHNGOVMED"),
    ("Russian military intelligence was blamed for the attack.", "Russian military intelligence", "RUSMILSPY"),
    ("Mexican cartels smuggled the weapons.", "Mexican cartels", "MEXCRM"),
    ("Somali pirates seized a tanker.", "Somali pirates", "SOMCRM"),
    ("Iraqi militias fired rockets at the base.", "Iraqi militias", "IRQUAF"),
    ("Human rights groups condemned the verdict.", "Human rights groups", "---HRI"),
    ("Indian farmers blocked the highway.", "Indian farmers", "INDAGR"),
    ("The military police arrested two officers.", "military police", "---MILCOP"),
    ("Ukrainian intelligence services said the plot was foiled.", "Ukrainian intelligence services", "UKRSPY"),
    # a name no table knows, and the kind word that governs it
    ("In Chile, the new Horizonte party won four seats.", "Horizonte party", "CHLPTY"),
    ("Ghana's TUC union called a strike.", "Ghana's TUC union", "GHALAB"),
    ("Protesters in Nairobi stormed the National Assembly.", "the National Assembly", "KENLEG"),
    ("Malian soldiers and Burkinabe troops met at the border.", "Malian soldiers", "MLIMIL"),
    ("Niger's army command said the border was closed.", "Niger's army command", "NERMIL"),
    ("Senegal's Constitutional Council annulled the decree.", "Senegal's Constitutional Council", "SENJUD"),
    ("Poland's public broadcaster was taken off the air.", "Poland's public broadcaster", "POLGOVMED"),
    ("Canada's Governor General Mary Simon read the speech.", "Canada's Governor General Mary Simon", "CANGOV"),
])
def test_sector_nouns_and_modifiers(code, text, mention, expected):
    assert actor(code, text, mention).code == expected


def test_a_modifier_is_not_an_actor(code):
    found = {a.text for a in code("China never believes that military options will help. Putin will pay a state "
                                  "visit to India.", "2019-06-01").actors}
    assert "military" not in found and "state" not in found
    assert {"China", "Putin", "India"} <= found
    found = {a.text for a in code("Unions in Chile called a general strike before the general election.",
                                  "2019-06-01").actors}
    assert "general" not in found  # an adjective spelt like a title


def test_transcript_speakers_are_not_actors(code):
    text = ("Q: Will China respond to the sanctions?\nA: The Chinese side firmly opposes them.\n"
            "MODERATOR: Next question.")
    found = {a.text for a in code(text, "2021-03-01").actors}
    assert "Q" not in found and "A" not in found and "MODERATOR" not in found
    assert "Chinese side" in found


def test_a_speaker_label_is_never_an_event_actor(code):
    question = "Q: President Xi met Prime Minister Abe in Osaka yesterday. What did they discuss?"
    events = code("The briefing began.\n" + question, "2019-06-27").events
    assert events and [a.text for a in events[0].source] == ["President Xi"]
    assert all(a.text != "Q" for e in events for a in (*e.source, *e.target))


def test_a_former_official_is_an_elite(code):
    a = actor(code, "Former Prime Minister Boris Johnson visited Kyiv.", "Prime Minister Boris Johnson")
    assert (a.country, a.sector, a.role) == ("GBR", "ELI", None)
    b = actor(code, "Prime Minister Boris Johnson visited Kyiv.", "Prime Minister Boris Johnson", "2022-04-09")
    assert (b.country, b.sector, b.role) == ("GBR", "GOV", "Prime Minister")


def test_a_title_with_a_surname_is_the_one_holder(code):
    a = actor(code, "Secretary Blinken met Foreign Minister Wang in Bali.", "Foreign Minister Wang", "2022-07-09")
    assert (a.country, a.person) == ("CHN", "Wang Yi")
    # out of his term the surname fits no one: no guess
    b = actor(code, "Secretary Blinken met Foreign Minister Wang in Bali.", "Foreign Minister Wang", "2010-07-09")
    assert b.person != "Wang Yi"


def test_a_person_is_never_their_own_target():
    putin = Actor(text="Vladimir Putin", country="RUS", sector="GOV", role="President", person="Vladimir Putin")
    office = Actor(text="the President of Russia", country="RUS", sector="GOV", role="President")
    xi = Actor(text="Xi Jinping", country="CHN", sector="GOV", role="President", person="Xi Jinping")
    events = merge_events([Event(source=[putin], target=[office], cameo="040"),
                           Event(source=[putin], target=[office, xi], cameo="042"),
                           Event(source=[putin], target=[xi], cameo="036")])
    assert [(e.cameo, [t.text for t in e.target]) for e in events] == [("042", ["Xi Jinping"]),
                                                                       ("036", ["Xi Jinping"])]


def test_sectors_are_checked_where_they_stand():
    table = parse("id\tname\taliases\tcountry\tsector\tkind\n"
                  "o.x.one\tOne Party\t\tMEX\tPTY\tparty\n"
                  "o.x.two\tTwo Media\t\tCHN\tGOVMED\tmedia\n"
                  "o.x.bad\tBad\t\tCHN\tXYZ\tparty\n", "mine/organisations.tsv")
    found = problems("organisations.tsv", table)
    assert found == ["mine/organisations.tsv:4: unknown sector 'XYZ' (CAMEO agent codes, e.g. GOV, MIL, COP, GOVMED)"]


def test_compound_sectors_have_labels():
    assert cameo.sector_label("GOVMED") == "Government / Media"
    assert cameo.sector_of("VGB") is None and cameo.sector_of("MILSPYX") == "MILSPY"


def test_every_built_in_sector_is_a_cameo_agent_code():
    kb = load()
    sectors = {a.sector for a in kb.agents} | {n.sector for n in kb.names} | {o.sector for o in kb.officials}
    assert all(cameo.sector_parts(s) for s in sectors if s), sorted(s for s in sectors if s and
                                                                     not cameo.sector_parts(s))


def _phoenix_agents() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    path = need_shared("reference", "Phoenix.agents.txt")
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.split("#")[0].strip()
        m = re.search(r"\[\s*~?([A-Z]{3,})~?\s*[\]}]", line)
        if not m:
            continue
        noun = re.sub(r"\{[^}]*\}", "", line[:m.start()]).strip().rstrip("_").replace("_", " ").lower()
        if "!" not in noun:
            out.setdefault(noun, set()).add(m.group(1))
    return out


def test_agent_codes_cover_the_phoenix_codebook():
    """Every agent code the Phoenix dictionary uses is in readout's codebook (``sectors.tsv``)."""
    used = {code[i:i + 3] for codes in _phoenix_agents().values() for code in codes for i in range(0, len(code), 3)}
    assert used - set(cameo.sectors()) == set()


def test_agent_nouns_agree_with_phoenix():
    """Where a noun of ``agents.tsv`` is in the Phoenix dictionary, its primary sector agrees with it for most; the
    departures are conventions of the coding guide (militants are rebels, migrants refugees)."""
    phoenix = _phoenix_agents()
    agree = total = 0
    for a in load().agents:
        for p in a.phrases:
            k = p.lstrip("^").lower()
            codes = phoenix.get(k) or (phoenix.get(k[:-1]) if k.endswith("s") else None)
            if not codes or not a.sector:
                continue
            total += 1
            agree += a.sector[:3] in {c[:3] for c in codes}
    assert total >= 250
    assert agree / total >= 0.85, (agree, total)


def test_officials_agree_with_phoenix_on_their_country():
    """Every listed office holder the Phoenix country dictionary also names (by full name) is of the same country
    there, but for a few namesakes (two men called Albert II); officials of organisations take the organisation."""
    from pathlib import Path

    from readout.knowledge.tabari import import_file

    kb = load()
    got = import_file(Path(need_shared("reference", "Phoenix.Countries.actors.txt")), kb)
    phoenix: dict[str, set[str]] = {}
    for r in got.officials:
        phoenix.setdefault(r["name"].lower(), set()).add(r["country"])
    states = [o for o in kb.officials if o.country in kb.countries and o.name.lower() in phoenix]
    agree = [o for o in states if o.country in phoenix[o.name.lower()]]
    assert len(states) >= 250
    assert len(agree) / len(states) >= 0.95, sorted(o.id for o in states if o not in agree)


def test_a_country_name_inside_another_places_name_is_not_the_country(coder):
    from readout.records import Document

    coded = coder.code(Document(text="The President approved a disaster declaration for New Mexico.",
                                date="2022-05-04", source="https://www.whitehouse.gov/briefing-room/"))
    assert [(a.text, a.country) for a in coded.actors if "Mexico" in a.text] == [("New Mexico", "USA")]
    assert not coded.events
