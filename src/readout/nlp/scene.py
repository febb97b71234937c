"""The last stage: the document's scene. What is said and agreed at a meeting happens when and where the meeting is;
a government's release places its own unplaced meeting at home; a summit of known dates and city places what is
done at it (``readout.nlp.placing.set_the_scene``). It reads the whole document: where the Coder codes a very long
document in pieces (``doc._.piece``), each piece only notes what it saw (``doc._.scene``) and the Coder sets the
scene once over the merged events with ``Scene.apply``.

Reads ``doc._.events``, ``doc._.doc_when``, ``doc._.dates``, ``doc._.places``, ``doc._.dateline`` and the inputs
``doc._.publisher`` and ``doc._.location``; writes ``doc._.events``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from spacy.tokens import Doc

from readout.knowledge import KnowledgeBase
from readout.nlp.gatherings import Gatherings
from readout.nlp.placing import OPENING, RECENT_DAYS, PlaceWords, days_before, opening_place, set_the_scene
from readout.nlp.where import Geocoder
from readout.records import Event, Place, When


@dataclass
class Seen:
    """What a document (or the pieces of one, combined) shows of its scene."""

    dateline: Place | None = None  # the place its dateline names
    opening: Place | None = None  # the place of a gathering its opening frames itself with
    dated: bool = False  # it dates something on its own day or in the week before

    def add(self, other: Seen) -> Seen:
        """The scene of a document from that of its pieces, in order (the opening is the first piece's)."""
        return Seen(self.dateline or other.dateline, self.opening, self.dated or other.dated)


class Scene:
    def __init__(self, kb: KnowledgeBase, geo: Geocoder, gathered: Gatherings):
        self.kb, self.geo = kb, geo
        self.at_gathering = partial(gathered.at, geocode=geo.lookup)
        self.gathering_on = partial(gathered.on, geocode=geo.lookup)
        self.words = PlaceWords.of(kb)

    def __call__(self, doc: Doc) -> Doc:
        seen = self.seen(doc)
        if doc._.piece:
            doc._.scene = seen
        else:
            doc._.events = self.apply(doc._.events or [], doc._.doc_when, seen, doc._.publisher, doc._.location)
        doc._.learned = None  # an input only (readout.store.memory): the Doc keeps its results, not the corpus's memory
        return doc

    def seen(self, doc: Doc) -> Seen:
        date = doc._.doc_date
        opening = opening_place(doc, self.words) or (
            self.gathering_on(doc.text[:OPENING], date) if date else None)
        return Seen(doc._.dateline, opening, _dates_its_day(doc))

    def apply(self, events: list[Event], when: When | None, seen: Seen, publisher: str | None,
              location: str | None) -> list[Event]:
        """``events`` placed and dated in the document's scene. ``publisher``: the document's source (a known
        government's own release places its own meetings at home); ``location``: a place the document's metadata
        names ("Almaty, Kazakhstan"), which stands for a dateline."""
        fallback = None
        if isinstance(location, str) and location.strip() and location.strip().upper() != "NA":
            fallback = self.geo.lookup(location.split(",")[0].strip())
        return set_the_scene(events, when, self.words, fallback or seen.dateline, self.home(publisher),
                             self.at_gathering, seen.opening, seen.dated)

    def home(self, publisher: str | None) -> Place | None:
        """The country of the government that publishes the document, if it is a known one."""
        found = self.kb.publisher(publisher) if publisher else None
        country = self.kb.countries.get(found["country"]) if found else None
        return Place(name=country.name, country=country.iso3) if country else None


def _dates_its_day(doc: Doc) -> bool:
    """The text dates something on its day or in the week before: its own date in its words, "today", "on Monday",
    "on March 3"."""
    if doc._.doc_when is not None and doc._.doc_when.text:
        return True
    if doc._.doc_when is None:
        return False
    return any(w.precision == "day" and -1 <= days_before(w, doc._.doc_when) <= RECENT_DAYS
               for _, _, w in doc._.dates or [])
