"""Where an event happened, and what that says about a meeting: a meeting in a country of neither side is a
third-location meeting (CAMEO 044); one in a side's own country is a visit, guest (042) and host (043).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc, Token

from readout.knowledge import KnowledgeBase
from readout.nlp import grammar as g
from readout.nlp.dating import month_of
from readout.nlp.gazetteer import within
from readout.ontology import cameo
from readout.records import Event, Place, When


@dataclass(frozen=True)
class PlaceWords:
    """What placing reads of the knowledge base: the prepositions of a place ("in", "at"), those that frame a
    predicate with a gathering ("on the sidelines of"), the nouns that name a gathering, the ids of the patterns that
    name a visit (flagged ``visit`` in ``events.tsv``), and the names of countries and organisations."""

    place_preps: frozenset[str]
    frame_preps: frozenset[str]
    gatherings: frozenset[str]
    visits: frozenset[str]
    names: Mapping[str, str]

    @classmethod
    def of(cls, kb: KnowledgeBase) -> PlaceWords:
        return cls(kb.cue("place_prep"), kb.cue("frame_prep"), kb.cue("gathering"),
                   frozenset(p.id for p in kb.patterns if "visit" in p.flags),
                   {**{o.id: o.name for o in kb.organisations.values()},
                    **{c.iso3: c.name for c in kb.countries.values()}})

    def country(self, code: str) -> Place:
        return Place(name=self.names.get(code, code), country=code)


def place_event(doc: Doc, tok: Token, gov: Token, event: Event, words: PlaceWords, visit: bool = False) -> Place | None:
    """A place phrase attached to the event's predicate ("met ... in Almaty", "at the White House") or to a
    gathering it happens at ("on the sidelines of the COP26 Conference in Glasgow"), else a visit's destination
    (``visit``: the predicate names a visit, made or intended). (The place of the document's day is given later, by
    ``set_the_scene``.)"""
    place_preps = words.place_preps
    heads = {tok.i, gov.i} | _gathering_nouns((tok, gov), words.gatherings, words.frame_preps)
    # a meeting's "to": "welcomed the Chancellor to the White House"
    preps = place_preps | {"to"} if event.cameo.startswith("04") and tok.pos_ in ("VERB", "AUX") else place_preps
    if event.cameo == "036":
        # an intended meeting's destination: "ready to send a delegation to Minsk to hold talks", "invited Orban to
        # pay a visit to Ukraine"
        if gov.dep_ in ("xcomp", "advcl") and gov.head.pos_ == "VERB":
            heads.add(gov.head.i)
        for x in (c for p in {tok, gov} for c in p.children if c.dep_ == "xcomp"):
            heads.update([x.i, *(c.i for c in x.children if c.dep_ == "dobj")])
        preps = place_preps | {"to"}
    sent = tok.sent  # a phrase the parse attaches to the predicate is in its sentence
    for start, end, place in within(doc._.places or [], sent.start, sent.end, lambda p: p[0]):
        if start >= 0 and _in_place_phrase(doc, start, end, heads, preps):
            return place
    for h in within(doc._.gazetteer or [], sent.start, sent.end, lambda h: h.start):  # "at the White House"
        if h.kind == "seat" and _in_place_phrase(doc, h.start, h.end, heads, preps):
            span = doc[h.start:h.end]
            return Place(name=span.text, country=h.key, text=span.text, span=(span.start_char, span.end_char))
    t = event.target[0] if len(event.target) == 1 else None
    if (visit or event.cameo.startswith("042")) and t is not None and t.country:
        if t.sector != "IGO":  # the city the visit names ("visited Beijing"), else the host's country ("visited Xi")
            city = next((p for _, _, p in doc._.places or [] if t.span and p.span and p.country == t.country
                         and p.span[0] < t.span[1] and t.span[0] < p.span[1]), None)
            return replace(city) if city else replace(words.country(t.country), text=t.text, span=t.span)
    return None


def opening_place(doc: Doc, words: PlaceWords) -> Place | None:
    """The place of a gathering the text's first sentence frames itself with ("On the sidelines of the COP26
    Conference in Glasgow, ...", "At the summit in Bali, ..."), where the parse may not tie it to the predicate."""
    place_preps, gatherings = words.place_preps, words.gatherings
    first = next((s for s in doc.sents if s.start_char >= (doc._.title_chars or 0)), None)
    if first is None:
        return None
    for start, end, place in doc._.places or []:
        if start < first.start or end > first.end:
            continue
        _, prep = _object_of_preposition(doc, start, end)
        if prep is not None and prep.lower_ in place_preps and prep.head.pos_ in ("NOUN", "PROPN") and \
                (prep.head.lemma_.lower() in gatherings or prep.head.lower_ in gatherings):
            return place
    return None


def _gathering_nouns(preds: tuple[Token, ...], gatherings: frozenset[str], frame_preps: frozenset[str]) -> set[int]:
    """Nouns of gatherings that frame the predicates: "on the sidelines of the summit", "at the conference",
    "during the talks" (through "of" phrases, two deep)."""
    out: set[int] = set()
    frontier = [c for p in preds for c in p.children if c.dep_ == "prep" and c.lower_ in frame_preps]
    for _ in range(3):
        nouns = [c for prep in frontier for c in prep.children if c.dep_ == "pobj"]
        found = [n for n in nouns if n.lemma_.lower() in gatherings or n.lower_ in gatherings]
        out.update(n.i for n in found)
        frontier = [c for n in found for c in n.children if c.dep_ == "prep" and c.lower_ == "of"]
    return out


def _object_of_preposition(doc: Doc, start: int, end: int) -> tuple[Token, Token | None]:
    """The span's root and the preposition it is the object of, if it is one. "in Washington, D.C.": the parse may
    hang "D.C." elsewhere; the span's object of a preposition is its root."""
    span = doc[start:end]
    root = next((t for t in span if t.dep_ == "pobj" and not start <= t.head.i < end), span.root)
    return root, (root.head if root.dep_ == "pobj" else None)


def _in_place_phrase(doc: Doc, start: int, end: int, heads: set[int], preps: frozenset[str]) -> bool:
    """The span is the object of "in"/"at" (``preps``) in a phrase that modifies one of ``heads``."""
    root, prep = _object_of_preposition(doc, start, end)
    if prep is None or prep.lower_ not in preps:
        return False
    return (prep.head if prep.dep_ == "dative" else g.attached_to(root)).i in heads  # "send a delegation to Minsk"


OPENING = 600  # characters of text after the title in which a document names its principal meeting
RECENT_DAYS = 7  # a principal meeting dated this many days before the document still sets its day


def set_the_scene(events: list[Event], day: When | None, words: PlaceWords, fallback: Place | None = None,
                  home: Place | None = None, at: Callable[[Event, When], Place | None] | None = None,
                  opening_place: Place | None = None, dated_text: bool = True) -> list[Event]:
    """What is said and agreed at a meeting happens when and where the meeting is. The document's principal meeting
    is its first face-to-face meeting of the day named in the title or the opening; events that the text dates only
    by the document's own date take the meeting's date (when the text dates the meeting a few days earlier) and,
    with no place of their own, its place. The meeting's place is its own, else the document's dateline or location
    (``fallback``), else, for a government's own release on a meeting of its own (``home``, the publisher's
    country), that government's country: a readout names the place of a meeting abroad and seldom the one at home.
    ``opening_place``: the place of a gathering the opening frames itself with, tried before the fallback.
    A document that dates nothing (``dated_text`` false: no date of the day or the days before it in its words, and
    no meeting or call in its opening) shows only that the acts it reports had happened by its date: those get the
    document's month. Its own statements, appeals and criticism, and what its publisher's side does, are of its day.
    Calls, and events recalled or dated otherwise, keep no place. ``at``: the place of a gathering an event's words
    name (a summit of known dates and city, ``nlp.gatherings``), tried first. ``words``: what placing reads of the
    knowledge base. Returns the events (a meeting that gains a place may become a visit, guest and host)."""
    if day is None:
        return events
    unplaced = {id(e) for e in events if e.where is None}
    if at is not None:
        for e in events:
            if e.cameo != "041" and e.when is not None:
                found = at(e, day)  # may also date an announced or recalled summit
                e.where = e.where or found
    call = _opens_with_call(events)
    principal, opening = _principal_meeting(events, day) if not call else (None, [])
    scene_day = day
    if principal is not None and principal.when is not None and not _by_default(principal.when, day) \
            and principal.when.precision == "day" and days_before(principal.when, day) <= RECENT_DAYS:
        scene_day = principal.when
    # the principal meeting's place, or that of the same meeting named again in the opening
    place = next((m.where for m in (principal, *opening) if m is not None and m.where is not None
                  and _same_sides(m, principal)), None)
    remote = any(e.cameo == "041" and e.when is not None and e.when.start == day.start for e in events)
    if place is None and principal is not None:
        sides = _sides(principal)
        place = opening_place or fallback or _hosted(events, day, sides, home, words) or (
            home if home is not None and home.country in sides else None)
    elif place is None and not remote:
        place = fallback
    own = place is None and principal is None and not remote and home is not None  # a release on its own day
    undated = not dated_text and principal is None and not remote and not call
    _meet_where_visiting(events, words.visits)
    out: list[Event] = []
    for e in events:
        if e.when is not None and _by_default(e.when, day) and e.modality in ("asserted", "intended"):
            e.when = replace(scene_day)
            if undated and not e.cameo.startswith(cameo.group("own_day")) and not (
                    home is not None and {a.country for a in e.source} == {home.country}):
                e.when = month_of(day.start)
        if e.where is not None or e.cameo == "041" or (e.modality not in ("asserted", "intended") and e is not
                                                        principal) \
                or e.when is None or e.when.start != scene_day.start or e.when.precision != "day":
            pass
        elif place is not None and (e is principal or not e.cameo.startswith("04") or _shares_side(e, principal)):
            e.where = replace(place)
        elif own and home is not None and not e.cameo.startswith("036") and (
                any(a.country == home.country for a in e.source) or (
                e.cameo.startswith("04") and any(a.country == home.country for a in e.target))):
            # what the publisher's own side says, does or meets that day, unplaced (a meeting or visit it intends
            # may be abroad)
            e.where = replace(home)
        out += refine_consult(e) if id(e) in unplaced and e.where is not None else [e]
    return out


def _principal_meeting(events: list[Event], day: When) -> tuple[Event | None, list[Event]]:
    """The first face-to-face meeting (04, not a call) held on the document's day or the days just before it, named
    in the title or the opening (one the text dates itself first: "On April 13, X convened the first meeting" under
    a title that names the meeting). Returns it and the other meetings of its day, those of the opening first (a
    meeting the text names only further down, "a working visit to Japan", does not set the scene)."""
    meetings = [e for e in events if e.cameo.startswith("04") and e.cameo != "041"
                and e.modality in ("asserted", "reported")
                and e.when is not None and e.when.precision == "day" and 0 <= days_before(e.when, day) <= RECENT_DAYS
                and e.evidence]
    opening = [e for e in meetings if _in_opening(e)]
    opening.sort(key=lambda e: _opening_order(e, day))
    if opening:
        first = opening[0].when
        later = [e for e in meetings if e not in opening and e.when is not None and first is not None
                 and e.when.start == first.start]
        return opening[0], opening[1:] + later
    return None, []


def _opening_order(e: Event, day: When) -> tuple[bool, bool, int]:
    """A meeting of the opening dated by the text itself before one dated by the document; the title's first."""
    assert e.when is not None  # only dated meetings are ordered
    return _by_default(e.when, day), e.evidence[0].field != "title", e.evidence[0].trigger[0]


def _meet_where_visiting(events: list[Event], visits: frozenset[str]) -> None:
    """A meeting intended between two countries one of which visits the other, made or announced in the same text
    ("Vice President Wang attended the enthronement ceremony in Tokyo ... He will also be meeting the Japanese
    leadership"), is held where the visit goes."""
    visiting = [e for e in events if e.where is not None and e.evidence and e.evidence[0].rule in visits
                and e.cameo in ("036", "042")]
    for e in events:
        if e.cameo != "036" or e.where is not None:
            continue
        sides = _sides(e)
        for v in visiting:
            if v is not e and len(sides) == 2 and sides == _sides(v) \
                    and v.where is not None and v.where.country in sides:
                e.where = replace(v.where)
                break


def _hosted(events: list[Event], day: When, sides: set[str | None], home: Place | None,
            words: PlaceWords) -> Place | None:
    """The country of a side the text says hosts, these days ("thanked President Parmelin for hosting"), where it
    is not the publisher's own: the meeting is abroad, at the host's."""
    for e in events:
        if e.cameo == "043" and e.when is not None and abs(days_before(e.when, day)) <= 2:
            hosts = {a.country for a in e.source if a.country and a.sector != "IGO"}
            if len(hosts) == 1 and hosts <= sides and (home is None or hosts != {home.country}):
                country = next(iter(hosts))
                return e.where or words.country(country)
    return None


def _in_opening(e: Event) -> bool:
    return bool(e.evidence) and (e.evidence[0].field == "title" or e.evidence[0].sentence[0] < OPENING)


def _opens_with_call(events: list[Event]) -> bool:
    """The first meeting the title or the opening names is a call: the document is the readout of a call, and its
    "spoke with", "discussed" are the call too."""
    first = min((e for e in events if e.cameo.startswith("04") and _in_opening(e)), default=None,
                key=lambda e: (e.evidence[0].field != "title", e.evidence[0].trigger[0]))
    return first is not None and first.cameo == "041"


def _by_default(when: When, day: When) -> bool:
    """The event's date is the document's, given to it for want of a date of its own."""
    return (when.start, when.end, when.text, when.span) == (day.start, day.end, day.text, day.span)


def days_before(when: When, day: When) -> int:
    """How many days ``when`` starts before ``day`` (negative: after it)."""
    return (date.fromisoformat(day.start) - date.fromisoformat(when.start)).days


def _sides(e: Event) -> set[str | None]:
    """The countries on either side of an event."""
    return {a.country for a in (*e.source, *e.target)}


def _shares_side(e: Event, other: Event | None) -> bool:
    """Another meeting that day with one of the principal meeting's sides: held where it is."""
    return other is None or bool(_sides(other) & _sides(e))


def _same_sides(e: Event, other: Event | None) -> bool:
    return other is None or _sides(e) <= _sides(other)


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
        hosting = Event(source=event.target, target=event.source, cameo="043", contexts=list(event.contexts),
                        when=event.when, where=event.where, modality=event.modality, mutual=False,
                        attributed_to=event.attributed_to, evidence=list(event.evidence), values=dict(event.values))
        return [event, hosting]
    return [event]
