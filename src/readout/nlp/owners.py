"""Whose a nameless group is ("its troops", "Russian specialists and medical workers", "the Modi government",
"North Korea sent troops"): the country a group noun with no country of its own takes from the words around it."""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Doc, Token

from readout.nlp.gazetteer import Hit
from readout.nlp.people import Mention


def its_country(doc: Doc, head: Token, mentions: list[Mention]) -> str | None:
    """The country "its" refers to in "its armed forces": the last state named in this sentence or the one
    before; "his" or "her" in "his administration": the country of the person it refers to."""
    poss = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in ("its", "his", "her")), None)
    if poss is None:
        return None
    if poss.lower_ != "its":
        person = antecedent(doc, poss, mentions)
        return person.actor.country if person is not None else None
    return last_state(doc, head, mentions)  # "Sudan's army said its troops"


def last_state(doc: Doc, tok: Token, mentions: list[Mention]) -> str | None:
    """The country of the last state, organisation or body named before ``tok`` in its sentence or the one before
    (what "its" or "it" stands for); a person is not it."""
    sent = tok.sent
    since = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    named = [m for m in mentions if m.kind in ("country", "igo", "agent") and m.actor.country and since <= m.start
             and m.end <= tok.i and not m.actor.person]
    return named[-1].actor.country if named else None


def conjunct_country(head: Token, actor_at: dict[int, Mention]) -> str | None:
    """The country of the noun a group noun is coordinated with, when a country word modifies that noun."""
    if head.dep_ != "conj" or head.head.i >= head.i:
        return None
    if any(c.dep_ in ("amod", "compound") and (c.ent_type_ or c.pos_ == "PROPN") for c in head.children):
        return None  # "an Iranian official and Rakhine rebels": the rebels have their own modifier
    first = head.head
    m = actor_at.get(first.i)
    if m is not None and m.actor.country and m.kind == "agent":
        return m.actor.country
    for c in first.children:
        mm = actor_at.get(c.i)
        if c.dep_ in ("amod", "compound", "poss") and mm is not None and mm.actor.country:
            return mm.actor.country
    return None


def persons_country(doc: Doc, h: Hit, actor_at: dict[int, Mention]) -> str | None:
    """The country of the person a group is named after: "the Biden-Harris Administration", "Erdogan's government",
    "the Modi government"."""
    k = h.start - 1
    while k >= max(0, h.start - 5) and (doc[k].text in ("'s", "’s", "-", "–", "the", "The") or (
            k > 0 and doc[k - 1].text in ("-", "–") and doc[k].pos_ == "PROPN" and k not in actor_at)):
        k -= 1  # "the Biden-Harris Administration": the first of the names
    m = actor_at.get(k) if k >= 0 else None
    if m is None or m.kind != "person" or not m.actor.country or m.end != k + 1:
        return None
    return m.actor.country


def sender_country(head: Token, actor_at: dict[int, Mention], verbs: Collection[str],
                   mentions: list[Mention]) -> str | None:
    """The country of whoever sends, deploys or withdraws the group: "North Korea sent troops", "Russia withdrew its
    soldiers" (``verbs``: cue ``own_forces_verb``), "it had sent troops" (the state "it" stands for); also the first
    of coordinated verbs' subject ("massed and then deployed troops")."""
    if head.dep_ != "dobj" or head.head.lemma_.lower() not in verbs:
        return None
    verb = head.head
    while not any(c.dep_ == "nsubj" for c in verb.children) and verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.lower_ == "it":
        return last_state(subject.doc, subject, mentions)
    m = actor_at.get(subject.i) if subject is not None else None
    return m.actor.country if m is not None and m.actor.country else None


def antecedent(doc: Doc, t: Token, mentions: list[Mention] | None = None) -> Mention | None:
    """The person a "he" or "she" refers to: the subject of its own sentence where a person is subject before it,
    else the person who was subject of the nearest sentence before, else the person named last ("Sullivan spoke
    with President Saied. He conveyed ...": Sullivan). ``mentions``: those found so far, where the actor stage asks."""
    prior = [m for m in (doc._.actors or [] if mentions is None else mentions)
             if m.kind == "person" and m.end <= t.i and m.actor.country]
    if not prior:
        return None

    def subject(m: Mention) -> bool:
        return doc[m.head].dep_ in ("nsubj", "nsubjpass")

    first = t.sent.start
    here = next((m for m in reversed(prior) if m.start >= first and subject(m)), None)
    if here is not None:
        return here
    earlier = next((m for m in reversed(prior) if m.start < first and subject(m)), None)
    if earlier is not None and first - doc[earlier.start].sent.start < 120:  # within a paragraph or so
        return earlier
    return prior[-1]
