"""The mood of an event: asserted, intended ("will", "is ready to", "agreed to"), hypothetical ("if", "could"),
negated ("did not", "refused to"); and the clauses that are not events at all (what an appeal asks for).

A mixin of the events stage: it reads the cues that ``EventCoder`` loads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from readout.nlp import grammar as g

if TYPE_CHECKING:
    from readout.nlp.events import Found


class Mood:
    def modality(self, tok: Token, gov: Token, f_code: str = "") -> str:
        start = gov if tok.pos_ not in ("VERB", "AUX") else tok
        if start.pos_ not in ("VERB", "AUX") and start.dep_ in ("nsubj", "nsubjpass"):
            start = start.head  # "a meeting will take place", "talks will be held": the noun's own predicate
        chain = list(g.clause_chain(start))
        if tok is not gov and gov.lemma_.lower() in self.intent_gov and not g.has_child(gov, ("neg",), self.negation) \
                and not f_code.startswith("05"):  # (but "pledged full support" is support expressed now)
            return "intended"  # "pledged support", "reaffirmed the commitment", "agreed on a visit"
        for t in chain:
            if g.has_child(t, ("mark",), frozenset({"whether"})):
                return "hypothetical"  # "as to whether a meeting will take place"
            if g.has_child(t, ("neg",), self.negation):
                return "negated"
            if t is not chain[0] and t.lemma_.lower() in self.refusal:
                return "negated"  # "refused to remove sanctions": the refusal is the event
        for t in chain:
            if g.has_child(t, ("aux",), self.intent_aux) and t.lemma_.lower() not in ("like", "love"):
                return "intended"  # (not the politeness of "I would like to thank you")
            if t.tag_ == "VBG" and t.lemma_.lower() in ("come", "go", "travel", "visit", "head", "fly") and \
                    g.has_child(t, ("aux",), frozenset({"is", "are", "am", "'s", "'re"})):
                return "intended"  # "President Putin is coming to China": an announced visit
            if t is not chain[0] and (t.lemma_.lower() in self.intent_verb or t.lower_ in self.intent_adj) and not (
                    t.lemma_.lower() == "continue" and t.tag_ in ("VBD", "VBN")):  # "has continued to yield": a fact
                return "intended"
            if t is chain[0] and t.dep_ == "xcomp" and t.head.lemma_.lower() in self.intent_verb:
                return "intended"
            if t.dep_ in ("acl", "xcomp", "pobj", "prep") and t.head.lemma_.lower() in self.intent_noun:
                return "intended"  # "a mutual readiness to closely cooperate", "plans for a visit"
            if t is not chain[0] and any(c.dep_ in ("acomp", "xcomp") and (c.lower_ in self.intent_adj)
                                         for c in t.children):
                return "intended"  # "X is ready to ..., strengthen ... and expand ...": the list shares the mood
        for t in chain:
            if g.has_child(t, ("aux",), self.hypothetical):
                return "hypothetical"
            if t.dep_ == "advcl" and g.has_child(t, ("mark",), frozenset({"if", "unless"})):
                return "hypothetical"
        return "asserted"

    # -- events ----------------------------------------------------------------------------------------------------
    def agentless_passive(self, tok: Token, gov: Token) -> bool:
        """The predicate (or one governing it) is passive with no "by" agent."""
        for t in g.clause_chain(gov if tok.pos_ not in ("VERB", "AUX") else tok):
            deps = {c.dep_ for c in t.children}
            if ("auxpass" in deps or "nsubjpass" in deps) and "agent" not in deps:
                return True
        return False

    def inside_appeal(self, f: Found, by_token: dict[int, Found]) -> bool:
        """What an appeal asks for or a threat holds out is not an event: "urged Russia to withdraw", "hope that X
        can work with Y", "threatened to cut gas supplies"."""
        for anc in f.tok.ancestors:
            outer = by_token.get(anc.i)
            if outer is not None and outer is not f and outer.pattern.cameo.startswith(("02", "10", "13")) and (
                    outer.source or not outer.pattern.modals):
                return True  # (a "must" that appeals to no one else is the speaker's own intention: its act stays)
        return False
