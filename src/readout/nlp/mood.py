"""The mood of an event: asserted, intended ("will", "is ready to", "agreed to"), hypothetical ("if", "could"),
negated ("did not", "refused to"); and the clauses that are not events at all (what an appeal asks for).
"""

from __future__ import annotations

from spacy.tokens import Token

from readout.knowledge import KnowledgeBase
from readout.nlp import grammar as g
from readout.nlp.found import Found
from readout.ontology import cameo


class Mood:
    """Reads the mood of a trigger's clause from the cue words of the knowledge base."""

    def __init__(self, kb: KnowledgeBase):
        self.intent_gov, self.intent_noun = kb.cue("intent_gov"), kb.cue("intent_noun")
        self.intent_aux, self.intent_adj = kb.cue("intent_aux"), kb.cue("intent_adj")
        self.intent_verb, self.hypothetical = kb.cue("intent_verb"), kb.cue("hypothetical")
        self.negation, self.refusal = kb.cue("negation"), kb.cue("refusal")
        self.politeness, self.continuing = kb.cue("politeness_verb"), kb.cue("continuing")
        self.motion, self.progressive = kb.cue("motion_verb"), kb.cue("progressive_aux")
        self.question, self.condition = kb.cue("indirect_question"), kb.cue("condition")
        self.prospect = kb.cue("prospect_gov")  # "discussed working together": what is talked over is to come
        self.setting = kb.cue("setting_prep")  # "agreed during their talks": when and where, not what
        self.appeals = cameo.group("appeals")

    def modality(self, tok: Token, gov: Token, f_code: str = "") -> str:
        """asserted, intended, hypothetical or negated: what the clauses above the trigger say of it."""
        chain = list(g.clause_chain(_predicate(tok, gov)))
        if tok is not gov and gov.lemma_.lower() in self.intent_gov and not g.has_child(gov, ("neg",), self.negation) \
                and not f_code.startswith("05") and not (tok.dep_ == "pobj" and tok.head.lower_ in self.setting):
            # (but "pledged full support" is support expressed now; "agreed during the talks": the talks were held)
            return "intended"  # "pledged support", "reaffirmed the commitment", "agreed on a visit"
        for t in chain:
            if g.has_child(t, ("mark",), self.question):
                return "hypothetical"  # "as to whether a meeting will take place" (not coded at all)
            if g.has_child(t, ("neg",), self.negation):
                return "negated"
            if t is not chain[0] and t.lemma_.lower() in self.refusal:
                return "negated"  # "refused to remove sanctions": the refusal is the event
        if any(t.dep_ == "advcl" and g.has_child(t, ("mark",), self.condition) for t in chain):
            return "hypothetical"  # "if Iran should attack Israel, we would respond": no one says it happens
        if self.intended(chain):
            return "intended"
        if any(g.has_child(t, ("aux",), self.hypothetical) for t in chain):
            return "hypothetical"
        return "asserted"

    def indirect_question(self, tok: Token, gov: Token) -> bool:
        """An act an indirect question names ("as to whether a meeting will take place, I have not heard"): no one
        says it happens, or will."""
        return any(g.has_child(t, ("mark",), self.question) for t in g.clause_chain(_predicate(tok, gov)))

    def intended(self, chain: list[Token]) -> bool:
        """Whether the clause chain (the trigger's predicate first) announces or promises the act."""
        for t in chain:
            if g.has_child(t, ("aux",), self.intent_aux) and t.lemma_.lower() not in self.politeness:
                return True  # (not the politeness of "I would like to thank you")
            if t.tag_ == "VBG" and t.lemma_.lower() in self.motion and g.has_child(t, ("aux",), self.progressive):
                return True  # "President Putin is coming to China": an announced visit
            # (but "has continued to yield" is a fact)
            if t is not chain[0] and (t.lemma_.lower() in self.intent_verb or t.lower_ in self.intent_adj) and not (
                    t.lemma_.lower() in self.continuing and t.tag_ in ("VBD", "VBN")):
                return True
            if t is chain[0] and t.dep_ == "xcomp" and t.head.lemma_.lower() in self.intent_verb:
                return True
            if t.dep_ in ("acl", "advcl", "xcomp", "pobj", "prep") and t.head.lemma_.lower() in self.intent_noun:
                return True  # "a mutual readiness to closely cooperate", "plans for a visit"
            if t.tag_ == "VBG" and t.dep_ in ("dobj", "pcomp", "xcomp") and t.head.lemma_.lower() in self.prospect:
                return True  # "discussed working together": a prospect talked over, not a fact
            if t is not chain[0] and any(c.dep_ in ("acomp", "xcomp") and (c.lower_ in self.intent_adj)
                                         for c in t.children):
                return True  # "X is ready to ..., strengthen ... and expand ...": the list shares the mood
        return False

    @staticmethod
    def agentless_passive(tok: Token, gov: Token) -> bool:
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
            if outer is not None and outer is not f and outer.pattern.cameo.startswith(self.appeals) and (
                    outer.source or not outer.pattern.modals):
                return True  # (a "must" that appeals to no one else is the speaker's own intention: its act stays)
        for t in (f.tok, *f.tok.ancestors):  # "Russia must withdraw its forces": a modal the text's voice appeals by
            if any((outer := by_token.get(c.i)) is not None and outer is not f and "voice" in outer.pattern.flags
                   and outer.source for c in t.children if c.dep_ == "aux"):
                return True
        return False


def _predicate(tok: Token, gov: Token) -> Token:
    """Where a trigger's clause chain starts: a verb trigger itself, else the verb that governs a noun trigger, or
    the noun's own predicate ("a meeting will take place", "talks will be held")."""
    start = gov if tok.pos_ not in ("VERB", "AUX") else tok
    if start.pos_ not in ("VERB", "AUX") and start.dep_ in ("nsubj", "nsubjpass"):
        start = start.head
    return start
