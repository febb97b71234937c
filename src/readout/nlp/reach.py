"""Where an event's participants lie beyond the pattern's own routes: whom an appeal or a threat aims at (what it
asks for or threatens), the place an act with no named recipient falls on, the one thanked for an act, and which
nouns are topics of talks rather than events.
"""

from __future__ import annotations

from typing import TypeGuard

from spacy.tokens import Doc, Token

from readout.knowledge import KnowledgeBase
from readout.nlp import grammar as g
from readout.nlp.found import Found
from readout.nlp.people import Mention
from readout.nlp.where import PLACE_RULES
from readout.ontology import cameo
from readout.records import Actor


class Reach:
    """Reads the prepositions of places and topics from the knowledge base's cues, and which codes appeal and punish
    from the ontology's code groups."""

    def __init__(self, kb: KnowledgeBase):
        self.ground_preps, self.topic_preps = kb.cue("ground_prep"), kb.cue("topic_prep")
        self.appeals, self.punitive = cameo.group("appeals"), cameo.group("punitive")
        self.release = kb.cue("release_word")  # "called for the release of ...": of people someone holds
        self.act_containers = kb.cue("act_container")
        self.pair_number = kb.cue("pair_number")  # "trade between the two countries": theirs, no topic

    def beneficiary(self, tok: Token, actor_at: dict[int, Mention], anywhere: bool) -> list[Actor]:
        """Aid goes where its purpose lies: "gave 350 million euros to promote development in Ethiopia"; other acts
        fall on a place named deeper in their phrase: "declared a ceasefire effective from Sunday in Somalia"."""
        stack = [c for c in tok.children if c.dep_ not in g.SUBJECTS]
        while stack:
            c = stack.pop(0)
            m = actor_at.get(c.i)
            if _is_place(m) and (anywhere or (c.dep_ == "pobj" and c.head.lower_ in self.ground_preps)):
                return [m.actor]
            stack.extend(x for x in c.children if x.dep_ not in ("relcl", "ccomp", *g.SUBJECTS))
        return []

    def ground(self, doc: Doc, tok: Token, gov: Token, actor_at: dict[int, Mention]) -> list[Actor]:
        """Where an act with no named recipient falls on a place, the place stands for it: "declared a ceasefire in
        Tripoli", "sent troops into Syria"."""
        for head in dict.fromkeys((tok.i, gov.i)):
            for p in g.prep_objects(doc[head], self.ground_preps):
                m = actor_at.get(p.i)
                if _is_place(m):
                    return [m.actor]
        return []

    def thanked_for(self, tok: Token, by_token: dict[int, Found]) -> Found | None:
        """The thanks or praise whose "for" phrase holds ``tok`` ("thanked X for its condolences"), if filled."""
        head = tok.head
        if tok.dep_ in ("pobj", "pcomp") and head.lower_ == "for":
            outer = by_token.get(head.head.i)
            if outer is not None and outer.pattern.cameo.startswith("05") and outer.target:
                return outer
        return None

    def aim_appeal(self, f: Found, by_token: dict[int, Found]) -> None:
        """An appeal with no addressee takes the target of what it asks for: "called for sanctions against Moscow".
        A call to punish someone (sanctions, arrest, force) denounces them (CAMEO 111)."""
        if f.target or not f.pattern.cameo.startswith(self.appeals):
            return
        for t in f.tok.subtree:
            asked = by_token.get(t.i)
            if asked is None or asked is f or not asked.target or f.tok.i not in (t.head.i, t.head.head.i):
                continue
            f.target = list(asked.target)
            if asked.pattern.cameo.startswith(self.punitive) and f.pattern.cameo.startswith("02"):
                f.code = "111"
            elif f.pattern.cameo == "130":  # what is threatened makes the threat: sanctions 131x, force 138
                f.code = cameo.as_threat(asked.pattern.cameo)
            return

    def aim_release(self, f: Found, actor_at: dict[int, Mention]) -> None:
        """An appeal or demand for the release of people aims at whoever holds them: the agent of their detention
        ("the release of the journalist detained by the Iranian authorities"), else the state they are held in
        ("the release of all political prisoners in Belarus")."""
        if not f.pattern.cameo.startswith(self.appeals):
            return
        asked = [o for o in [f.obj, *g.prep_objects(f.tok, f.pattern.particles)] if o is not None]
        for held in (h for o in asked if o.lemma_.lower() in self.release for h in g.prep_objects(o, ("of",))):
            for p in [*g.agents_of(held), *g.prep_objects(held, ("in",))]:
                m = actor_at.get(p.i)
                if m is not None and m.actor.country and not m.actor.person:
                    f.target = [m.actor]
                    return

    def is_topic(self, tok: Token, by_token: dict[int, Found]) -> bool:
        """A noun that is the topic of talks, not an event: "exchange of views on multilateral cooperation"."""
        if tok.pos_ in ("VERB", "AUX"):
            return False
        head = tok.head
        if tok.dep_ == "pobj" and head.lower_ in self.topic_preps and (
                head.head.pos_ in ("NOUN", "PROPN") or head.head.i in by_token) and not self.has_own_actor(tok) \
                and head.head.lemma_.lower() not in self.act_containers:  # "a message of support": the support
            return True  # "talks on trade", "discussed cooperation on ...", but not "remained on alert"
        if any(c.i in by_token and (obj := by_token[c.i].obj) is not None and obj.i == tok.i
               for c in tok.children if c.dep_ in ("amod", "compound")):
            return True  # "joint drills": the modifier's pattern has coded the noun
        outer = by_token.get(g.governor(tok).i)
        if outer is None:
            return False
        words = {tok.lemma_.lower(), tok.lower_}
        if outer.obj is not None and outer.obj.i == tok.i and words & set(outer.pattern.objects):
            return True  # "lifted the sanctions", "suspended aid": the noun is part of the verb's pattern
        # ("welcome the United States' donation to South Africa": the donation is the United States' act)
        return outer.pattern.cameo.startswith("04") and tok.dep_ == "dobj" and not _names_state(tok, ("poss",))

    def has_own_actor(self, tok: Token) -> bool:
        """A noun that names who acts in it is an event, not a topic: "the intensification of cooperation between
        the two countries", "in the context of recent Russian-US talks", "Aliyev's recent visit to Ukraine"."""
        if _names_state(tok, ("poss", "amod", "compound", "nmod")):
            return True
        actor_at = tok.doc._.actor_at or {}
        return any((p.i in actor_at and actor_at[p.i].actor.country) or any(c.lower_ in self.pair_number
                                                                             for c in p.children)
                   for p in g.prep_objects(tok, ("between", "by")))


def _names_state(tok: Token, deps: tuple[str, ...]) -> bool:
    """Whether a child of ``tok`` in one of the relations ``deps`` is an actor of a known state ("Japan's visit")."""
    actor_at = tok.doc._.actor_at or {}
    return any(c.dep_ in deps and c.i in actor_at and actor_at[c.i].actor.country for c in tok.children)


def _is_place(m: Mention | None) -> TypeGuard[Mention]:
    """A mention of a country or of a geocoded place (a city, a region), which an act can fall on."""
    return m is not None and bool(m.actor.country) and (m.kind == "country" or
                                                        m.actor.resolved_by.startswith(PLACE_RULES))
