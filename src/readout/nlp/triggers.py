"""Triggers: the tokens that a predicate pattern of ``knowledge/data/events.tsv`` matches, verbal ("met",
"condemned") and nominal ("a state visit", "an exchange of views"), with the pattern's particle, object and modal
conditions (``docs/patterns.md``).
"""

from __future__ import annotations

from spacy.tokens import Token

from readout.knowledge import KnowledgeBase, Pattern
from readout.nlp import grammar as g

POS = {"VERB": "VERB", "AUX": "VERB", "NOUN": "NOUN", "PROPN": "NOUN", "ADJ": "ADJ"}


class Matcher:
    """Patterns by (part of speech, lemma); ``walkout``: the pattern flagged ``walkout`` (a labour strike), which
    takes a strike noun after ``walkout_preps`` ("went on strike") or under ``walkout_gov`` ("staged a strike")."""

    def __init__(self, patterns: list[Pattern], walkout_gov: frozenset[str], walkout_preps: frozenset[str]):
        self.by_lemma: dict[tuple[str, str], list[Pattern]] = {}
        for p in patterns:
            for lemma in p.lemmas:
                self.by_lemma.setdefault((p.pos, lemma.lower()), []).append(p)
        self.walkout = next((p for p in patterns if "walkout" in p.flags), None)
        self.walkout_gov, self.walkout_preps = walkout_gov, walkout_preps

    @classmethod
    def from_kb(cls, kb: KnowledgeBase) -> Matcher:
        return cls(kb.patterns, kb.cue("labour_strike_gov"), kb.cue("walkout_prep"))

    def match(self, tok: Token) -> Pattern | None:
        """The first pattern whose conditions ``tok`` meets, if any."""
        pos = POS.get(tok.pos_)
        if pos == "NOUN" and tok.dep_ == "ROOT" and any(c.dep_ == "dobj" for c in tok.children):
            pos = "VERB"  # "We, the ministers of A, B and C, condemn the attack": a verb the tagger took for a noun
        if pos is None or tok.ent_type_ in ("DATE", "TIME"):  # "March 3", "in May": a date, never a protest march
            return None
        # "the ceasefire line", "an attack helicopter": a modifier is no event, unless its pattern names the noun it
        # modifies ("a hunger strike", "air strikes", "mediation efforts")
        modifier = (pos == "NOUN" and tok.dep_ == "compound" or pos == "ADJ" and tok.dep_ == "amod") and \
            tok.head.pos_ == "NOUN"
        if pos == "VERB" and tok.dep_ == "amod" and not any(True for _ in tok.children):
            return None  # "pressing issues", "the agreed text": a bare participle ("Iran-backed" is no adjective)
        candidates = self.by_lemma.get((pos, tok.lemma_.lower())) or self.by_lemma.get((pos, tok.lower_))
        if not candidates:
            return None
        if self.is_walkout(tok, pos):
            return self.walkout  # "went on strike", "staged a strike": a walkout, not an air strike
        obj = g.the_object(tok)
        for p in candidates:
            if modifier and not any(not o.startswith("!") for o in p.objects):
                continue
            if "active" in p.flags and any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children):
                continue  # "they are expected to adopt ...": nobody's appeal
            if p.particles and not g.has_particle(tok, p.particles):
                continue  # "called on Friday" is no appeal
            if "voice" in p.flags and not g.main_clause_modal(tok):
                continue  # "Russia must withdraw" in the text's own voice; "if Russia should" is no appeal
            if p.modals and not p.modals & g.reported_modals(tok):
                continue  # "said that Israel must end the attacks": an appeal; "said that Israel ended them": not
            if p.objects:
                words = {obj.lemma_.lower(), obj.lower_} if obj is not None else set()
                banned = {o[1:] for o in p.objects if o.startswith("!")}
                wanted = {o for o in p.objects if not o.startswith("!")}
                if words & banned or (wanted and not words & wanted):
                    continue
            return p
        return None

    def is_walkout(self, tok: Token, pos: str) -> bool:
        """A strike noun that a labour strike's words govern (the walkout pattern's first lemma is its base form)."""
        w = self.walkout
        if w is None or pos != w.pos or tok.lemma_.lower() != w.lemmas[0].lower():
            return False
        return (tok.dep_ == "pobj" and tok.head.lower_ in self.walkout_preps) or \
            bool({(gov := g.governor(tok)).lemma_.lower(), gov.lower_} & self.walkout_gov)
