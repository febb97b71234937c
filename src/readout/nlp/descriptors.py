"""The words wire copy puts before a name to say what it names: "the Islamist Ennahda party", "the Palestinian group
Hamas", "the Iran-backed Harakat al-Nujaba militia" before a body; "journalist", "drug lord", "Belarusian rights
activist" before a person. They are the named one's mention (one actor, as the coding guide has it), not actors of
their own: a demonym or group word among them names no second actor, and the mention spans them all (for a body,
from the article to the kind noun after the name)."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from spacy.tokens import Doc

from readout.knowledge import Agent
from readout.nlp.gazetteer import COUNTRY_KINDS, Hit

ARTICLES = ("the", "a", "an")
# the kinds of gazetteer hit that may stand in a descriptor: "the Palestinian group", "the opposition", "Iran-backed"
DESCRIBING_HITS = ("group", "demonym", "country")


def body_span(doc: Doc, h: Hit, covered: Mapping[int, Hit], taken: Collection[int],
              kind_nouns: Collection[str]) -> tuple[int, int]:
    """(start, end) of a named body's mention with its descriptor: from an article before it whose words all modify
    the name or the kind noun after it ("party", "group", ``body_kind_noun`` in ``cues.tsv``), to that noun; the
    name's own span where no article opens such a run. ``taken``: tokens already another actor's (a person)."""
    end = h.end
    if end < len(doc) and doc[end].lower_ in kind_nouns and doc[end - 1].head.i == end and \
            doc[end].dep_ != "compound":
        end += 1  # "the Ennahda party"
    floor = doc[h.start].sent.start
    last = doc[h.end - 1]
    # "the Palestinian group Hamas": the parser hangs the name on the noun before it, in apposition
    noun = h.start - 1 if last.dep_ == "appos" and last.head.i == h.start - 1 else None
    i = h.start - 1
    while i >= floor and h.start - i <= 5 and i not in taken:
        tok = doc[i]
        if i != noun and not i < tok.head.i < end:  # each word modifies one after it ("Iran" of "Iran-backed")
            break
        if tok.lower_ in ARTICLES:
            return (i, end) if i < h.start - 1 else (h.start, end)
        hit = covered.get(i)
        if not (tok.is_lower and tok.pos_ in ("ADJ", "NOUN") or tok.text == "-" or tok.tag_ == "VBN" or
                tok.ent_type_ in ("NORP", "ORG") or hit is not None and hit.kind in DESCRIBING_HITS):
            break
        i -= 1
    return h.start, end


def person_noun(doc: Doc, start: int, covered: Mapping[int, Hit], agents: Mapping[str, Agent]) -> Hit | None:
    """A sector's noun for one person, in lower case, just before a name that starts at ``start``: "journalist",
    "drug lord", "businessman"."""
    hit = covered.get(start - 1) if start > 0 else None
    if hit is None or hit.kind != "group" or hit.end != start or not doc[hit.start].is_lower or \
            not doc[start - 1].is_lower or doc[start - 1].tag_ in ("NNS", "NNPS"):  # one person: not "soldiers"
        return None
    agent = agents[hit.key]
    return hit if agent.sector and not agent.flags else None


def noun_modifiers(doc: Doc, noun: Hit, covered: Mapping[int, Hit]) -> tuple[int, Hit | None]:
    """Where a person's noun and the words before it start ("rights activist", "Media tycoon"), and the country
    word that opens them, if one does ("Belarusian rights activist")."""
    i = noun.start - 1
    while i >= 0 and noun.start - i <= 2 and (covered[i].kind == "group" if i in covered else
                                              doc[i].is_lower and doc[i].pos_ in ("NOUN", "ADJ")):
        i = covered[i].start - 1 if i in covered else i - 1
    owner = covered.get(i)
    if owner is not None and owner.kind in COUNTRY_KINDS and owner.end == i + 1:
        return i + 1, owner
    return i + 1, None
