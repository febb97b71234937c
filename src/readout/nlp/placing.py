"""Where an event happened, and what that says about a meeting: a meeting in a country of neither side is a
third-location meeting (CAMEO 044); one in a side's own country is a visit, guest (042) and host (043).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from readout.nlp import grammar as g
from readout.records import Event, Place, When

PLACE_PREPS = ("in", "at")


def place_event(doc: Doc, tok: Token, gov: Token, event: Event) -> Place | None:
    """A place phrase attached to the event's predicate ("met ... in Almaty", "at the White House"), else a visit's
    destination. (The place of the document's day is given later, by ``place_of_the_day``.)"""
    heads = {tok.i, gov.i}
    # a meeting's "to": "welcomed the Chancellor to the White House"
    preps = (*PLACE_PREPS, "to") if event.cameo.startswith("04") and tok.pos_ in ("VERB", "AUX") else PLACE_PREPS
    for start, end, place in doc._.places or []:
        if start >= 0 and _in_place_phrase(doc, start, end, heads, preps):
            return place
    for h in doc._.gazetteer or []:  # seats: "at the White House", "in the Kremlin"
        if h.kind == "seat" and _in_place_phrase(doc, h.start, h.end, heads, preps):
            span = doc[h.start:h.end]
            return Place(name=span.text, country=h.key, text=span.text, span=(span.start_char, span.end_char))
    if event.cameo.startswith("042") and len(event.target) == 1 and event.target[0].country:
        t = event.target[0]
        if t.sector != "IGO":
            return Place(name=t.name or t.text, country=t.country, text=t.text, span=t.span)
    return None


def _in_place_phrase(doc: Doc, start: int, end: int, heads: set[int], preps: tuple[str, ...] = PLACE_PREPS) -> bool:
    """The span is the object of "in"/"at" (``preps``) in a phrase that modifies one of ``heads``."""
    root = doc[start:end].root
    prep = root.head if root.dep_ == "pobj" else None
    return prep is not None and prep.lower_ in preps and g.attached_to(root).i in heads


def place_of_the_day(events: list[Event], day: When | None, fallback: Place | None = None) -> None:
    """What is said and agreed at a meeting happens where the meeting is: events of the document's own day with no
    place of their own take the place of the day's meeting (else ``fallback``, the document's dateline or location).
    Calls, and events recalled or dated otherwise, keep no place."""
    if day is None:
        return
    meeting = next((e.where for e in events if e.cameo.startswith("04") and e.cameo != "041" and e.where is not None
                    and e.when is not None and e.when.start == day.start and e.modality == "asserted"), None)
    remote = any(e.cameo == "041" and e.when is not None and e.when.start == day.start for e in events)
    place = meeting or (None if remote else fallback)
    if place is None:
        return
    for e in events:
        if e.where is None and e.cameo != "041" and e.modality in ("asserted", "intended") and e.when is not None \
                and e.when.start == day.start and e.when.precision == "day":
            e.where = place


def refine_consult(event: Event) -> list[Event]:
    """Use the place of a meeting to tell a visit from a third-location meeting. Returns the event, and for a visit
    the host's side of it as a second event."""
    code = event.cameo
    if not code.startswith("04") or code in ("041", "045", "046"):
        return [event]
    src = {a.country for a in event.source}
    tgt = {a.country for a in event.target}
    place = event.where.country if event.where else None
    sides_are_states = all(a.sector != "IGO" and a.country for a in (*event.source, *event.target))
    if code == "040" and place and sides_are_states:
        if place not in src | tgt:
            event.cameo = "044"
        elif event.mutual and len(src | tgt) == 2 and src == tgt:  # "the two presidents met in Kyiv"
            guest = [a for a in event.source if a.country != place]
            host = [a for a in event.source if a.country == place]
            event.source, event.target = guest, host
            event.cameo, event.mutual = "042", False
        elif len(src) == 1 and len(tgt) == 1 and src != tgt:
            if place in tgt:
                event.cameo, event.mutual = "042", False
            else:  # the source is at home: it hosts
                event.source, event.target = event.target, event.source
                event.cameo, event.mutual = "042", False
    if event.cameo == "042" and sides_are_states and len(src | tgt) >= 2:
        host = Event(source=event.target, target=event.source, cameo="043", contexts=list(event.contexts),
                     when=event.when, where=event.where, modality=event.modality, mutual=False,
                     attributed_to=event.attributed_to, evidence=list(event.evidence), values=dict(event.values))
        return [event, host]
    return [event]
