"""The knowledge tables load, are consistent with each other, and agree with pycountry and the codebooks."""

from __future__ import annotations

import re
from collections import Counter

import pycountry

from readout.knowledge import load
from readout.ontology import cameo


def test_countries_are_valid_iso3_with_unique_names():
    kb = load()
    assert len(kb.countries) >= 200
    for iso3 in kb.countries:
        assert iso3 == "XKX" or pycountry.countries.get(alpha_3=iso3) is not None, iso3
    names = Counter(n for c in kb.countries.values() for n in (c.name, *c.aliases, *c.demonyms, *c.capitals))
    clashes = [n for n, k in names.items() if k > 1]
    assert not clashes


def test_organisation_members_are_known_countries():
    kb = load()
    for org in kb.organisations.values():
        assert not set(org.members) - set(kb.countries), org.id
    assert {"CHN", "KAZ", "KGZ", "TJK", "TKM", "UZB"} == set(kb.organisations["CCA"].members)


def test_officials_have_valid_dates_and_countries():
    kb = load()
    assert len(kb.officials) >= 500
    pattern = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
    for off in kb.officials:
        assert pattern.match(off.start), off.id
        assert not off.end or (pattern.match(off.end) and off.start[:4] <= off.end[:4]), off.id
        assert off.country in kb.countries or off.country in kb.organisations, off.id
    assert len({o.id for o in kb.officials}) == len(kb.officials)


def test_officials_hold_office_on_dates():
    kb = load()
    wang = [o for o in kb.officials if o.name == "Wang Yi" and o.role == "Foreign Minister"]
    assert any(o.holds_on("2025-04-25") for o in wang)
    assert not any(o.holds_on("2023-03-01") for o in wang)


def test_every_pattern_codes_a_known_cameo_code_and_every_root_has_patterns():
    kb = load()
    ids = [p.id for p in kb.patterns]
    assert len(ids) == len(set(ids))
    for p in kb.patterns:
        assert cameo.is_code(p.cameo), p.id
        assert p.pos in ("VERB", "NOUN", "ADJ") and p.lemmas and p.target, p.id
    roots = {p.cameo[:2] for p in kb.patterns}
    assert roots >= {f"{i:02d}" for i in range(1, 20)} - {"01"}


def test_contexts_and_agents_are_well_formed():
    kb = load()
    assert len({c.id for c in kb.contexts}) == len(kb.contexts)
    for a in kb.agents:
        assert a.kind in ("title", "group") and (a.sector or {"back", "many", "itself"} & a.flags) and a.phrases


def test_officials_table_is_well_formed_and_covers_the_world():
    import re
    from collections import Counter

    kb = load()
    ids = Counter(o.id for o in kb.officials)
    assert not [i for i, n in ids.items() if n > 1]
    day = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
    for o in kb.officials:
        assert o.country in kb.countries or o.country in kb.organisations, o.id
        assert day.match(o.start) and (not o.end or day.match(o.end)), o.id
        assert not o.end or o.start[:len(o.end)] <= o.end, o.id
    heads = {"President", "King", "Queen", "Emir", "Sultan", "Supreme Leader", "Grand Duke", "Head of State",
             "Emperor", "Prime Minister", "Premier", "Chancellor"}
    for date in ("2018-06-01", "2021-06-01", "2024-06-01", "2025-06-01"):
        held = {(o.country, o.role) for o in kb.officials if o.holds_on(date)}
        with_head = {c for c, r in held if r in heads}
        with_fm = {c for c, r in held if r in ("Foreign Minister", "Foreign Secretary", "Secretary of State")}
        assert len(with_head) >= 190, date
        assert len(with_fm) >= (160 if date < "2021" else 175), date  # of 193 UN members and a few others
        if date >= "2021":  # defence: every state with a minister of its own (many heads of state hold it)
            assert len({c for c, r in held if r in ("Defense Minister", "Defense Secretary")}) >= 115, date


def test_gatherings_have_dates_in_order_a_known_host_and_a_city_there():
    from datetime import date

    from readout.knowledge import read_table
    from readout.nlp.where import geocoder

    kb = load()
    rows = read_table("gatherings.tsv")
    assert len(rows) >= 100
    assert len({r["id"] for r in rows}) == len(rows)
    located = 0
    for r in rows:
        start, end = date.fromisoformat(r["start"]), date.fromisoformat(r["end"])
        assert start <= end and (end - start).days <= 21, r["id"]
        assert r["country"] in kb.countries and r["names"].strip(), r["id"]
        place = geocoder().lookup(r["city"], {r["country"]})
        located += place is not None and place.country == r["country"]
    # most host cities are geonames cities in that country (small resorts such as Carbis Bay or Elmau are not)
    assert located >= 0.85 * len(rows)
