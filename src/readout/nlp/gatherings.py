"""Summits and conferences a readout names without saying where they are held ("on the margins of the G20 Summit",
"President Xi's attendance at the BRICS Johannesburg Summit"): each is a row of ``knowledge/data/gatherings.tsv``
with its dates and host city, and the date of the event that names it picks the year's instance.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from readout.knowledge import load
from readout.records import Event, Place, When

SLACK = timedelta(days=2)  # an event this close to a gathering's dates is still at it (arrivals, bilateral days)
AHEAD = timedelta(days=366)  # an announced attendance is at the next instance within a year
NEAR = 12  # characters after a gathering's name in which its meeting noun stands ("G20 Leaders' Summit")
ATTENDANCE = 60  # characters before a gathering's name in which an announced attendance stands ("will attend")
BEHIND = timedelta(days=45)  # a summit a document recalls without a date ended at most this long before it


@dataclass(frozen=True)
class Gathering:
    id: str
    pattern: re.Pattern
    start: date
    end: date
    city: str
    country: str

    @property
    def when(self) -> When:
        return When(self.start.isoformat(), self.end.isoformat(), "day", "")


class Gatherings:
    def __init__(self, rows: list[dict[str, str]]):
        self.rows = [
            Gathering(r["id"], _names(r["names"]), date.fromisoformat(r["start"]), date.fromisoformat(r["end"]),
                      r["city"], r["country"])
            for r in rows
        ]

    def named(self, text: str, when: When, ahead: bool = False, behind: bool = False,
              near: int | None = None, lead: int = 0) -> tuple[Gathering, str] | None:
        """The gathering ``text`` names that ``when`` falls on (``ahead``: or the next one after it, for an
        announced attendance; ``behind``: or one that ended in the weeks before, for a summit recalled), with the
        words that name it. ``near``: an offset in ``text`` (the event's trigger) that the name must cover or stand
        just before, or follow by at most ``lead`` characters ("the NATO Summit": the summit itself; "will attend
        the BRICS Summit": the attendance), not an event beside it."""
        start, end = date.fromisoformat(when.start), date.fromisoformat(when.end)
        best = None
        for g in self.rows:
            if g.start - SLACK <= end and start <= g.end + SLACK or (ahead and start <= g.start <= start + AHEAD) \
                    or (behind and start - BEHIND <= g.end < start):
                m = g.pattern.search(text)
                if m and near is not None and not m.start() - lead <= near <= m.end() + NEAR:
                    continue
                if m and (best is None or g.start < best[0].start):
                    best = (g, m.group(0))
        return best

    def at(self, event: Event, day: When, geocode: Callable[..., Place | None]) -> Place | None:
        """The place of a summit or conference of known dates that the event's words name ("on the margins of the
        G20 Summit"). An announced attendance takes the gathering's dates, and so does a summit the text names as a
        meeting but does not date ("affirm that the NATO Summit in Vilnius ..."): it was held, not held today. The
        event's details name the gathering (``gathering``: its id in ``gatherings.tsv``)."""
        if not event.evidence or event.when is None:
            return None
        intended = event.modality == "intended"
        recalled = event.modality == "asserted" and event.cameo.startswith("04") and event.when == day
        x = event.evidence[0]
        at = x.trigger[0] - x.sentence[0]
        found = self.named(x.text, event.when)
        if found is None and intended:  # "will attend the BRICS Summit"
            found = self.named(x.text, event.when, ahead=True, near=at, lead=ATTENDANCE)
        if found is None and recalled:  # the summit itself, named as the meeting: "the NATO Summit in Vilnius"
            found = self.named(x.text, event.when, behind=True, near=at)
        if found is None:
            return None
        g, words = found
        if event.when == day and (g.end - g.start).days <= 14 and (
                (intended and g.start.isoformat() > day.end) or (recalled and g.end.isoformat() < day.start)):
            event.when = When(g.when.start, g.when.end, "day", words)
            event.modality = "reported" if recalled else event.modality
        event.values["gathering"] = g.id
        return self.place(g, words, geocode)

    def on(self, text: str, day: str, geocode: Callable[..., Place | None]) -> Place | None:
        """The place of a gathering of known dates that ``text`` names, held on ``day``."""
        found = self.named(text, When(day, day))
        return self.place(found[0], found[1], geocode) if found else None

    def place(self, g: Gathering, words: str, geocode: Callable[..., Place | None]) -> Place:
        """The host city, geocoded where geonames has it in that country; ``words``: the text that names it."""
        found = geocode(g.city, frozenset({g.country}))
        if found is None or found.country != g.country:
            found = Place(name=g.city, country=g.country)
        found.text = words
        return found


def _names(names: str) -> re.Pattern:
    """One pattern for the names of a gathering, as whole words, in any case."""
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names.split("|")) + r")(?!\w)", re.I)


@cache
def gatherings(knowledge: str | None = None) -> Gatherings:
    """The gatherings of the knowledge base of ``knowledge`` (a folder, or None for the built-in tables)."""
    return Gatherings(load(knowledge).gatherings)
