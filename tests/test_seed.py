"""The first acceptance test: every fact of the seed readout comes out coded, with the words that show it.

The seed is read from ../shared/seed (skipped with a reason where ../shared is absent). No date is given: the coder
must find it in the text.
"""

from __future__ import annotations

import pytest

from tests.conftest import SEED, need_shared


@pytest.fixture(scope="module")
def seed(coder):
    from readout.records import Document

    need_shared("seed", SEED.name)
    text = SEED.read_text(encoding="utf-8")
    return coder.code(Document(text=text, id="seed"))


def words(coded, span):
    return coded.document.text[span[0]:span[1]]


def find(coded, *, src=None, tgt=None, root=None, code=None, modality=None):
    """Events whose source and target countries include ``src``/``tgt`` and whose code matches."""
    out = []
    for e in coded.events:
        if src and src not in {a.country for a in e.source} | ({a.country for a in e.target} if e.mutual else set()):
            continue
        if tgt and tgt not in {a.country for a in e.target} | ({a.country for a in e.source} if e.mutual else set()):
            continue
        if root and not e.cameo.startswith(root):
            continue
        if code and e.cameo != code:
            continue
        if modality and e.modality != modality:
            continue
        out.append(e)
    return out


def one(coded, **kw):
    found = find(coded, **kw)
    coded_events = [(e.cameo, [a.country for a in e.source], [a.country for a in e.target]) for e in coded.events]
    assert found, f"no event {kw}; coded: {coded_events}"
    return found[0]


def evidence_text(coded, event):
    return " ".join(words(coded, x.sentence) for x in event.evidence)


def triggers(coded, event):
    return {words(coded, x.trigger).lower() for x in event.evidence}


def test_1_document_date_from_the_text(seed):
    assert seed.when is not None
    assert seed.when.start == "2025-04-25" and seed.when.precision == "day"
    assert words(seed, seed.when.span) == "April 25, 2025 local time"


def test_2_the_meeting_in_almaty(seed):
    e = one(seed, src="CHN", tgt="TJK", code="044")
    assert e.plover_type == "CONSULT" and e.plover_mode == "third-party"
    assert e.when.start == "2025-04-25"
    assert e.where.name == "Almaty" and e.where.country == "KAZ"
    wang = next(a for a in e.source if a.country == "CHN")
    assert wang.person == "Wang Yi" and wang.sector == "GOV" and wang.role == "Foreign Minister"
    assert any("Political Bureau" in t for t in wang.titles)
    muhriddin = next(a for a in e.target if a.country == "TJK")
    assert muhriddin.person == "Sirojiddin Muhriddin" and muhriddin.role == "Foreign Minister"
    assert "met" in triggers(seed, e)


def test_3_xi_state_visit_reported_with_host(seed):
    visit = one(seed, src="CHN", tgt="TJK", code="042")
    assert visit.modality == "reported"
    assert visit.when.value == "2024-07" and visit.when.precision == "month"
    xi = visit.source[0]
    assert xi.person == "Xi Jinping" and xi.role == "President" and xi.sector == "GOV"
    assert "visit" in triggers(seed, visit)
    host = one(seed, src="TJK", tgt="CHN", code="043")
    assert host.modality == "reported"


def test_4_elevation_of_relations(seed):
    e = one(seed, src="CHN", tgt="TJK", root="05", modality="reported")
    assert {a.country for a in e.source} == {"CHN", "TJK"}
    assert {a.person for a in e.source} == {"Xi Jinping", "Emomali Rahmon"}
    assert e.when.value == "2024-07"
    assert e.values["partnership"] == "comprehensive strategic cooperative partnership in the new era"


def test_5_support_for_development_path(seed):
    e = one(seed, src="CHN", tgt="TJK", root="05", modality="asserted")
    assert e.plover_type == "SUPPORT"
    assert "supports" in triggers(seed, e)
    assert "development path" in evidence_text(seed, e)


def test_6_opposition_to_external_forces_keeps_the_target_as_text(seed):
    e = one(seed, src="CHN", root="11")
    assert e.plover_type == "ACCUSE"
    assert [a.country for a in e.target] == [None]
    assert "external forces" in e.target[0].text


def test_7_china_intends_to_cooperate(seed):
    e = one(seed, src="CHN", tgt="TJK", root="03", modality="intended")
    assert not e.mutual and e.plover_type == "AGREE"
    areas = " ".join(e.values["areas"])
    for word in ("strategic mutual trust", "development", "friendly exchanges"):
        assert word in areas


def test_8_tajikistan_intends_to_cooperate_in_many_areas(seed):
    e = one(seed, src="TJK", tgt="CHN", root="03", modality="intended")
    assert not e.mutual
    assert e.attributed_to.person == "Sirojiddin Muhriddin"
    assert {"economic", "trade", "investment", "legislative", "subnational", "culture", "environment",
            "health"} <= set(e.contexts)
    areas = e.values["areas"]
    for phrase in ("Belt and Road Initiative", "legislative bodies", "sub-national", "people-to-people", "economy",
                   "trade", "investment", "connectivity", "e-commerce", "production capacity", "industry",
                   "green transformation", "healthcare", "pharmaceutical"):
        assert phrase in areas


def test_9_tajikistan_welcomes_chinese_investment(seed):
    found = [e for e in find(seed, src="TJK", tgt="CHN", root="05") if not e.mutual]
    assert found, "no support event from Tajikistan to China"
    e = found[0]
    assert "welcomes" in triggers(seed, e)
    assert e.source[0].country == "TJK" and e.target[0].country == "CHN"
    assert e.target[0].sector == "BUS"
    assert "investment" in e.contexts


def test_10_both_sides_support_sco_and_china_central_asia(seed):
    e = one(seed, src="CHN", tgt="SCO", root="03", modality="intended")
    assert {a.country for a in e.source} == {"CHN", "TJK"}
    assert {a.country for a in e.target} == {"SCO", "CCA"}
    assert all(a.sector == "IGO" for a in e.target)


def test_11_border_control_and_counter_terrorism(seed):
    events = [e for e in find(seed, src="CHN", tgt="TJK", root="03", modality="intended") if e.mutual]
    assert events, "no reciprocal intention between China and Tajikistan"
    assert any({"security", "terrorism", "border"} <= set(e.contexts) for e in events), [e.contexts for e in events]


def test_12_welcomes_larger_role_and_supports_glacier_conference(seed):
    e = one(seed, src="CHN", tgt="TJK", root="05", modality="asserted")
    text = evidence_text(seed, e)
    assert "greater role in international and regional affairs" in text
    assert "Glaciers' Preservation" in text
    assert e.attributed_to.person == "Wang Yi"


def test_13_exchange_of_views_on_tariffs(seed):
    e = one(seed, src="CHN", tgt="TJK", root="04", modality="asserted")
    assert "tariff issues" in evidence_text(seed, e)
    assert "exchange" in triggers(seed, e)


def test_14_criticism_of_us_bullying_and_countermeasures(seed):
    critic = one(seed, src="CHN", tgt="USA", root="11")
    assert critic.goldstein < 0
    assert critic.attributed_to.person == "Wang Yi"
    assert "bullying" in triggers(seed, critic)
    counter = one(seed, src="CHN", tgt="USA", root="16")
    assert "countermeasures" in triggers(seed, counter)


def test_15_free_trade_with_all_parties(seed):
    hits = [e for e in find(seed, src="CHN", root="03", modality="intended") if e.target[0].country is None]
    assert hits and "all parties" in hits[0].target[0].text
    assert "trade" in hits[0].contexts


def test_every_event_has_evidence_and_a_known_code(seed):
    from readout.ontology import cameo

    assert len(seed.events) >= 12
    for e in seed.events:
        assert cameo.is_code(e.cameo)
        assert e.evidence and all(x.rule for x in e.evidence)
        for x in e.evidence:
            assert words(seed, x.trigger).strip()
