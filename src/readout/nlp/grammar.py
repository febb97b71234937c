"""Reading the dependency parse for the events stage: who is the subject of a trigger, which tokens a target route
names, whether a predicate is intended, hypothetical or negated, and who said it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Span, Token

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
# Climbing from a predicate to the clause that supplies its subject ("ready to work", "supports ... and opposes").
SUBJECT_CLIMB = ("xcomp", "conj", "advcl", "acomp", "pcomp", "prep", "pobj", "dobj", "attr", "appos", "ccomp",
                 "oprd", "compound", "amod", "npadvmod", "relcl", "acl")
# Climbing from a noun to the verb it is an argument of ("paid a state visit", "had an exchange of views").
NOUN_CLIMB = ("dobj", "pobj", "prep", "attr", "conj", "appos", "compound", "pcomp", "oprd", "nsubjpass", "dative")
# Climbing from a date or place to the predicate it modifies.
ADJUNCT_CLIMB = ("pobj", "prep", "npadvmod", "advmod", "nummod", "amod", "compound", "appos", "nmod", "tmod", "pcomp",
                 "det", "quantmod", "conj", "cc", "punct", "case", "poss")


def governor(tok: Token) -> Token:
    """The verb whose argument a noun trigger is; the trigger itself for verbs."""
    cur = tok
    for _ in range(4):
        if cur.pos_ in ("VERB", "AUX") or cur.dep_ not in NOUN_CLIMB or cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


def children(tok: Token, dep: str, lemma: str | None = None) -> Iterator[Token]:
    for c in tok.children:
        if c.dep_ == dep and (lemma is None or c.lemma_.lower() == lemma or c.lower_ == lemma):
            yield c


def prep_objects(tok: Token, preps: Iterable[str]) -> Iterator[Token]:
    """Objects of prepositions ("with X", "to X") under ``tok``."""
    wanted = set(preps)
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative") and (c.lemma_.lower() in wanted or c.lower_ in wanted):
            for p in c.children:
                if p.dep_ in ("pobj", "pcomp"):
                    yield p
            if c.dep_ == "dative" and c.pos_ in ("NOUN", "PROPN", "PRON"):
                yield c


def reported_modals(verb: Token) -> set[str]:
    """The modal auxiliaries of the clauses a speech verb reports: "said that X must ..." -> {"must"}."""
    return {a.lower_ for c in verb.children if c.dep_ == "ccomp" for a in c.children if a.dep_ == "aux"}


def main_clause_modal(tok: Token) -> bool:
    """A modal that helps the verb of a sentence's main clause ("Russia must withdraw", "X should respect ... and
    must release ..."), not one in a clause another verb governs ("said that X must", "if X should")."""
    head = tok.head
    if tok.dep_ != "aux" or head.pos_ not in ("VERB", "AUX"):
        return False
    return head.dep_ == "ROOT" or (head.dep_ == "conj" and head.head.dep_ == "ROOT")


def dated_prep(prep: Token) -> bool:
    """A preposition whose object is a date or time: "on Friday", "in May"."""
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objs) and all(o.ent_type_ in ("DATE", "TIME") for o in objs)


CAUSATIVE = ("let", "help", "make")  # "X let free Y", "X helped end the war": X does it


def subject(tok: Token, max_steps: int = 6) -> tuple[Token | None, bool]:
    """The subject that acts in ``tok``'s predicate, and whether the clause is passive.

    A passive with a "by" agent yields the agent ("X was received by Y": Y).
    """
    cur, came_by = tok, ""
    for _ in range(max_steps):
        passive = any(c.dep_ == "nsubjpass" for c in cur.children)
        for c in cur.children:
            if c.dep_ == "agent":
                for p in c.children:
                    if p.dep_ == "pobj":
                        return p, True
        for c in cur.children:
            if c.dep_ in ("nsubj", "csubj") and not _label(c):
                return c, False
        if passive and came_by in ("xcomp", "to"):
            # "we are dedicated to working with ...", "Iran was urged to return": the passive's subject does it
            return next(c for c in cur.children if c.dep_ == "nsubjpass"), False
        if passive:
            return None, True
        if cur.dep_ not in SUBJECT_CLIMB or cur.head.i == cur.i:
            break
        if cur.dep_ == "ccomp" and cur.pos_ in ("VERB", "AUX") and not (
                cur.tag_ == "VB" and cur.head.lemma_.lower() in CAUSATIVE):
            break  # reported speech has its own subject (not "Ethiopia let free 74 leaders": Ethiopia frees them)
        if cur.dep_ == "acl" and cur.tag_ == "VB" and cur.head.pos_ == "NOUN":
            owner = [c for c in cur.head.children if c.dep_ in ("poss", "compound") and c.pos_ in ("PROPN", "PRON")]
            owner += [p for p in prep_objects(cur.head, ("by",)) if p.dep_ == "pobj"]  # "decisions by NATO to ..."
            if owner:  # "the US decision to sell arms", "Russia's plan to withdraw": whose decision it is
                return owner[0], False
        if cur.dep_ == "acl" and cur.tag_ == "VBG" and cur.head.pos_ in ("NOUN", "PROPN"):
            return cur.head, False  # "Macky Sall, calling on Russia to ...": the noun the participle modifies
        if cur.dep_ == "pcomp" and cur.tag_ == "VBG" and cur.head.dep_ == "prep":
            controller = [c for c in cur.head.head.children if c.dep_ == "dobj"]
            if controller:  # "supports Tajikistan in hosting ...": the object does the hosting
                return controller[0], False
        came_by = "to" if cur.dep_ == "prep" and cur.lower_ == "to" and came_by == "pcomp" else cur.dep_
        cur = cur.head
    return None, False


def left_tokens(tok: Token) -> list[Token]:
    """The tokens of the phrase to the left of its head: modifiers that can name actors ("China-Tajikistan")."""
    out: list[Token] = []
    for c in tok.lefts:
        out.extend(c.subtree)
    return out


def has_particle(tok: Token, particles: Iterable[str]) -> bool:
    """Whether a particle, preposition or completing adjective of ``particles`` goes with ``tok`` ("call on",
    "backed by", "hold accountable"), also where it opens the clause that follows ("calling for the regime to end",
    "our call for X to cooperate"), which the parse hangs elsewhere."""
    if any(c.lower_ in particles and not dated_prep(c) and (c.dep_ in ("prep", "prt", "agent", "advmod") or (
            c.dep_ in ("oprd", "ccomp", "acomp", "xcomp") and c.pos_ == "ADJ")) for c in tok.children):
        return True  # (an adjective that completes the verb counts too: "hold Russia accountable")
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return nxt is not None and nxt.dep_ == "mark" and nxt.lower_ in particles


def marked_subject(tok: Token) -> list[Token]:
    """The subject of the "for ... to" clause right after ``tok`` ("calling for the regime to end": the regime)."""
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is None or nxt.dep_ != "mark":
        return []
    return [s for s in nxt.head.children if s.dep_ in ("nsubj", "nsubjpass") and s.i > tok.i]


def route_tokens(trigger: Token, route: str, obj: Token | None, gov: Token) -> list[Token]:
    """The tokens a target route names. Routes: ``dobj``, ``dative``, ``prep:with``, ``agent``, ``poss``, ``amod``,
    ``compound`` and the same on the trigger's object: ``obj.poss``, ``obj.prep:on``, ``obj.compound``."""
    if route.startswith("obj."):
        if obj is None:
            return []
        return route_tokens(obj, route[4:], None, obj)
    if route == "dobj":
        found = list(children(trigger, "dobj")) or [c for c in trigger.children if c.dep_ == "nsubjpass"
                                                     and any(a.dep_ == "agent" for a in trigger.children)]
        return found
    if route == "dative":
        return list(children(trigger, "dative")) + list(prep_objects(trigger, ("to",)))
    if route.startswith("prep:"):
        preps = route[5:].split(",")
        found = list(prep_objects(trigger, preps))
        if not found and trigger.dep_ == "pobj" and trigger.head.lower_ == "of" and trigger.head.head.pos_ == "NOUN":
            found = list(prep_objects(trigger.head.head, preps))  # "a sense of solidarity with X": on the noun
        if not found and gov is not trigger:
            found = list(prep_objects(gov, preps))
        if not found and obj is not None and trigger.pos_ in ("VERB", "AUX") and obj.dep_ == "dobj":
            found = list(prep_objects(obj, preps))  # "shared evidence with X": the parse hangs the phrase on the object
        return found
    if route == "clause.obj":  # "agreed to accept refugees from Greece": the object of what is agreed
        found = []
        for c in trigger.children:
            if c.dep_ == "xcomp":
                found.extend(x for x in c.children if x.dep_ == "dobj")
                found.extend(prep_objects(c, ("with", "to", "in", "from", "for")))
        return found
    if route == "clause.subj":  # "welcomes Chinese enterprises to invest", "urged Russia to withdraw"
        return [s for c in trigger.children if c.dep_ in ("ccomp", "xcomp") for s in c.children
                if s.dep_ in ("nsubj", "nsubjpass")] or marked_subject(trigger)
    if route == "head.subj":  # "Russia must withdraw": the active subject of the verb a modal helps
        return [c for c in trigger.head.children if c.dep_ == "nsubj"] if trigger.head.i != trigger.i else []
    if route == "agent":  # "the role played by Saudi Arabia": also inside a participle phrase
        found = list(prep_objects(trigger, ("by",)))
        for c in trigger.children:
            if c.dep_ == "acl":
                found.extend(prep_objects(c, ("by",)))
        return found
    if route in ("poss", "amod", "nmod"):
        return list(children(trigger, route))
    if route == "compound":
        return left_tokens(trigger)
    return []


def the_object(trigger: Token) -> Token | None:
    """The object that a pattern's ``object`` condition looks at: the direct object of a verb (or the passive
    subject), the "of" object of a noun ("exchange of views")."""
    for c in trigger.children:
        if c.dep_ in ("dobj", "nsubjpass"):
            return c
    for p in prep_objects(trigger, ("of",)):
        return p
    if trigger.dep_ in ("compound", "amod") and trigger.head.pos_ in ("NOUN", "PROPN"):
        return trigger.head  # "a state visit", "joint exercises": the noun itself
    return None


def clause_chain(tok: Token, max_steps: int = 5) -> Iterator[Token]:
    """The trigger and the predicates above it that govern its mood: "ready to work", "agreed to jointly support"."""
    cur = tok
    yield cur
    for _ in range(max_steps):
        if cur.dep_ not in ("xcomp", "conj", "acomp", "advcl", "pcomp", "prep", "pobj", "dobj", "ccomp", "oprd") \
                or cur.head.i == cur.i:
            return
        if cur.dep_ == "ccomp":
            return
        cur = cur.head
        yield cur


def has_child(tok: Token, deps: Iterable[str], words: frozenset[str]) -> bool:
    d = set(deps)
    return any(c.dep_ in d and (c.lower_ in words or c.lemma_.lower() in words) for c in tok.children)


def attached_to(tok: Token) -> Token:
    """The predicate that a date or place phrase modifies."""
    cur = tok
    for _ in range(6):
        if cur.head.i == cur.i or cur.dep_ not in ADJUNCT_CLIMB:
            return cur
        if cur.pos_ in ("VERB", "AUX") and cur is not tok:
            return cur
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
    return cur


def date_attachment(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The predicate a date phrase dates and the phrase's head. A date in the possessive dates the noun after it
    ("discussed next month's summit": the summit is next month, not the talk)."""
    if end < len(doc) and doc[end].tag_ == "POS":
        noun = next((t for t in doc[end + 1:end + 5] if t.pos_ in ("NOUN", "PROPN") and t.dep_ not in
                     ("compound", "amod", "poss")), None)
        if noun is not None:
            return noun.i, noun.i
    root = doc[start:end].root
    return attached_to(root).i, root.head.i


def in_subtree(tok: Token, root: Token) -> bool:
    return root.left_edge.i <= tok.i <= root.right_edge.i and (tok is root or root in tok.ancestors)


def paragraph_starts(doc: Doc) -> list[int]:
    """Character offsets at which paragraphs begin: after a blank line, and after a line break that ends a
    sentence (a line ending in ".", "?", "!", ":" or a closing quote). A line break inside a sentence is a hard wrap,
    not a paragraph."""
    starts = [0]
    for m in PARAGRAPH_BREAK.finditer(doc.text):
        starts.append(m.end())
    return starts


PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*|(?<=[.?!:\"\u201d\u2019)])[ \t]*\n\s*")


def is_header(sent: Span) -> bool:
    """A short line of its own without a verb: "Office of the Spokesperson", "Begin Text:", a speaker's name."""
    words = [t for t in sent if not (t.is_space or t.is_punct)]
    return len(words) <= 8 and "\n" in sent[-1].text_with_ws and not any(t.pos_ in ("VERB", "AUX") for t in words)


def opening(doc: Doc, count: int = 2) -> list[Span]:
    """A document's first ``count`` sentences (its title one of them), header lines of its text not counted."""
    title = doc._.title_chars or 0
    return [s for s in doc.sents if s.start_char < title or not is_header(s)][:count]


def phrase(doc: Doc, t: Token, drop_det: bool = False, head_only: bool = False) -> str:
    """The words of the phrase ``t`` heads (``head_only``: up to the head, without what follows it)."""
    start = t.left_edge.i
    if drop_det and doc[start].dep_ == "det":
        start += 1
    end = t.i + 1 if head_only else t.right_edge.i + 1
    return doc[start:end].text


def agents_of(t: Token) -> list[Token]:
    """Who does what ``t`` names, by a "by" phrase on it or on a participle that modifies it ("the passage of the
    bill by the US Senate", "sanctions imposed by the US": the Senate, the US)."""
    bys = [c for c in t.children if c.dep_ == "prep" and c.lower_ == "by"]
    bys += [a for c in t.children if c.dep_ == "acl" for a in c.children if a.dep_ == "agent"]
    return [p for b in bys for p in b.children if p.dep_ == "pobj"]


def _label(t: Token) -> bool:
    """A transcript's speaker label the parse took for a subject: "Q: President Xi met ..." (a word at the start of
    its sentence, a colon after it)."""
    return t.i == t.sent.start and t.i + 1 < len(t.doc) and t.doc[t.i + 1].text == ":"
