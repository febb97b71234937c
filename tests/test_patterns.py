"""One test a pattern: a sentence of the kind a row of ``knowledge/data/events.tsv`` exists for, and the event it
must give, decided by that row (``docs/patterns.md``: adding a pattern is one row and a test). And the table's own
grammar: every route, flag and object condition is one the coder reads."""

from __future__ import annotations

import re

from readout.knowledge import load

ROUTE = re.compile(r"^(obj\.)?(dobj|dative|agent|poss|amod|nmod|compound|prep:[a-z]+(,[a-z]+)*)$"
                   r"|^clause\.(obj|subj)$|^head\.subj$")
FLAGS = {"walkout", "visit", "active", "charge", "voice"}


def coded(code, text: str, rule: str, date: str = "2024-03-14") -> list[tuple]:
    """(code, source countries, target countries, modality) of the events that ``rule`` decided in ``text``."""
    return [(e.cameo, [a.country for a in e.source], [a.country for a in e.target], e.modality)
            for e in code(text, date).events if any(x.rule == rule for x in e.evidence)]


def test_mediation_offer(code):
    found = coded(code, "Turkey offered mediation between Russia and Ukraine.", "mediation.offer")
    assert found == [("039", ["TUR"], ["RUS", "UKR"], "intended")]
    assert coded(code, "Egypt offered its good offices to Sudan.", "mediation.offer") == \
        [("039", ["EGY"], ["SDN"], "intended")]


def test_elevate_relations_keeps_the_partnership(code):
    text = "Vietnam and Australia upgraded their relations to a comprehensive strategic partnership."
    events = [e for e in code(text, "2024-03-14").events if e.evidence[0].rule == "elevate.verb"]
    assert [(e.cameo, e.mutual, e.values.get("partnership")) for e in events] == \
        [("050", True, "comprehensive strategic partnership")]


def test_provide_a_state_with_aid(code):
    assert coded(code, "Germany will provide Ukraine with additional air defense systems.", "provide.with") == \
        [("0332", ["DEU"], ["UKR"], "intended")]  # an intent to give military aid
    assert coded(code, "Poland was supplied with tanks by Germany.", "provide.with") == \
        [("070", ["DEU"], ["POL"], "asserted")]


def test_our_country_in_a_release_is_the_publisher(coder):
    from readout.records import Document

    text = "The President thanked Japan for its decision to provide our country with financial support."
    doc = coder.code(Document(text=text, date="2022-03-01", source="president.gov.ua"))
    assert [(e.cameo, [a.country for a in e.source], [a.country for a in e.target]) for e in doc.events
            if any(x.rule == "provide.with" for x in e.evidence)] == [("0331", ["JPN"], ["UKR"])]


def test_advise_and_encourage_are_appeals(code):
    assert coded(code, "Washington advised Israel to show restraint.", "urge.verb") == \
        [("020", ["USA"], ["ISR"], "asserted")]
    assert coded(code, "Germany encouraged Serbia to resume the dialogue.", "urge.verb") == \
        [("020", ["DEU"], ["SRB"], "asserted")]


def test_a_judgment_joined_to_another_shares_its_subject(code):
    text = "China is strongly dissatisfied with and firmly opposed to the US issuing the report."
    assert coded(code, text, "disapprove.adj") == [("111", ["CHN"], ["USA"], "asserted")]


def test_every_route_flag_and_condition_is_one_the_coder_reads():
    for p in load().patterns:
        routes = [*p.target, *(route for _, route in p.values)]
        assert all(ROUTE.match(r) for r in routes), (p.id, routes)
        assert p.flags <= FLAGS, (p.id, p.flags)
        assert p.pos in ("VERB", "NOUN", "ADJ"), p.id
        assert not any(o.startswith("~") for o in p.objects), p.id  # modals are read into Pattern.modals
        banned = [o.startswith("!") for o in p.objects]
        assert all(banned) or not any(banned), p.id  # "!a|b": none of these; never a mix


def test_the_flagged_conventions_have_their_patterns():
    flagged = {f: [p.id for p in load().patterns if f in p.flags] for f in FLAGS}
    assert len(flagged["walkout"]) == 1 and flagged["visit"] and flagged["active"] and flagged["voice"]


def test_engaged_with_is_a_consultation(code):
    assert coded(code, "China will continue to engage with ASEAN on the Code of Conduct.", "engage.with") == \
        [("036", ["CHN"], ["ASEAN"], "intended")]
    text = "The United States remains engaged with Israeli and Lebanese officials."
    assert [(c, s, sorted(t), m) for c, s, t, m in coded(code, text, "engaged.with")] == \
        [("040", ["USA"], ["ISR", "LBN"], "asserted")]  # both states of "Israeli and Lebanese officials"


def test_clash_verb(code):
    assert coded(code, "Armenian forces clashed with Azerbaijani troops on the border.", "clash.verb") == \
        [("190", ["ARM"], ["AZE"], "asserted")]
    both = coded(code, "Indian and Chinese troops clashed in the Galwan Valley.", "clash.verb")
    assert [(c, sorted(s), sorted(t)) for c, s, t, _ in both] == [("190", ["CHN", "IND"], ["CHN", "IND"])]


def test_concerned_that_is_disapproval(code):
    text = "Germany is deeply concerned that Hungary's parliament passed the law."
    assert coded(code, text, "concern.adj") == [("111", ["DEU"], ["HUN"], "asserted")]
    assert coded(code, "Japan is worried about Russia's troop buildup.", "concern.adj") == \
        [("111", ["JPN"], ["RUS"], "asserted")]


def test_abuse_of_people_not_of_a_concept(code):
    assert coded(code, "Russian guards abused Ukrainian prisoners.", "torture.verb") == \
        [("1822", ["RUS"], ["UKR"], "asserted")]
    assert coded(code, "The United States has abused the concept of national security against China.",
                 "torture.verb") == []


def test_an_active_only_appeal_is_none_in_the_passive(code):
    assert coded(code, "China expects the United States to keep its word.", "hope.that") == \
        [("020", ["CHN"], ["USA"], "asserted")]
    events = code("Russia and China are expected to adopt a joint statement.", "2022-02-02").events
    assert not [e for e in events if e.evidence[0].rule == "hope.that"]
    assert [(e.cameo, sorted({a.country for a in e.source})) for e in events
            if e.evidence[0].rule == "adopt.statement"] == [("032", ["CHN", "RUS"])]  # an intention to sign


def test_leaders_of_two_states_release_a_joint_statement(code):
    text = "In June last year, the DPRK and US leaders held a historic meeting and released a joint statement."
    found = coded(code, text, "adopt.statement")
    assert [(c, sorted(s), sorted(t)) for c, s, t, _ in found] == [("057", ["PRK", "USA"], ["PRK", "USA"])]


def test_holding_to_account_denounces(code):
    """ "hold X accountable" (the parse makes "accountable" a clause of X, or a complement after X) is a call to
    punish X: 111; an actor said to be accountable is not denounced."""
    text = "The United States and France agree on the need to hold Russia accountable for its aggression."
    assert coded(code, text, "hold.accountable") == [("111", ["USA", "FRA"], ["RUS"], "intended")]
    assert coded(code, "Pakistan will hold the Taliban accountable for these attacks.", "hold.accountable") == \
        [("111", ["PAK"], ["AFG"], "intended")]
    assert coded(code, "The government of Kenya is accountable to its people.", "hold.accountable") == []
