"""The record types that flow through readout: Document in, CodedDocument out.

Every record is a plain dataclass with ``to_dict`` / ``from_dict`` that round-trip through JSON without loss.
Derived values (CAMEO root, QuadClass, Goldstein score) are computed from the stored code, never stored twice.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field, fields
from datetime import date as _date
from typing import Any

Span = tuple[int, int]

MODALITIES = ("asserted", "reported", "intended", "hypothetical", "negated")
PRECISIONS = ("day", "week", "month", "year")


def calendar_day(value: Any) -> bool:
    """Whether ``value`` is a calendar day written YYYY-MM-DD ("2022-13-45" is not)."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    try:
        _date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _span(value: Any) -> Span | None:
    return None if value is None else _pair(value)


def _pair(value: Any) -> Span:
    return int(value[0]), int(value[1])


def _drop_empty(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v not in (None, [], (), {}, "")}


@dataclass(slots=True)
class Document:
    """One text to code, with what is known about where it came from."""

    text: str
    id: str = ""
    title: str = ""
    url: str = ""
    source: str = ""
    date: str | None = None  # publication date, YYYY-MM-DD
    language: str = "en"
    meta: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        """A Document from a record. A field of the wrong type is a TypeError that names it, except numbers where
        words belong (an ``id`` of 7 is "7"); ``meta`` must be an object."""
        names = {f.name for f in fields(cls)}
        known = {k: v for k, v in d.items() if k in names and v is not None}  # None: the field's default
        extra = {k: v for k, v in d.items() if k not in names}
        for k, v in known.items():
            if k == "meta":
                if not isinstance(v, dict):
                    raise TypeError(f"\"meta\" must be an object, not {type(v).__name__}")
            elif isinstance(v, (int, float)) and not isinstance(v, bool) and k != "text":
                known[k] = str(v)
            elif not isinstance(v, str):
                raise TypeError(f"\"{k}\" must be a string, not {type(v).__name__}")
        doc = cls(**known)
        doc.meta = {**extra, **doc.meta}
        return doc


@dataclass(slots=True)
class Actor:
    """An actor as the text names it, resolved as far as the evidence allows."""

    text: str
    name: str = ""
    country: str | None = None  # ISO3 for states, an IGO id ("SCO") for organisations, None if unknown
    sector: str | None = None  # CAMEO-style agent code: GOV, MIL, BUS, IGO, ...
    role: str | None = None  # "Foreign Minister"
    titles: tuple[str, ...] = ()  # as written before the name; a tuple, shared when empty (a long text has many)
    person: str | None = None
    span: Span | None = None
    resolved_by: str = ""  # the rule or knowledge entry that decided
    field: str = "text"  # which text ``span`` indexes: the document's "text" or its "title"

    def __post_init__(self) -> None:
        if not isinstance(self.titles, tuple):  # a list given: kept as a tuple
            self.titles = tuple(self.titles)

    @property
    def code(self) -> str:
        """CAMEO-style actor code: country (or IGO) plus sector, e.g. ``CHNGOV``."""
        return (self.country or "---") + (self.sector if self.sector and self.sector != "IGO" else "")

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["code"] = self.code
        if self.field == "text":
            del d["field"]  # the default: spans index the text
        return _drop_empty(d) | {"text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Actor:
        d = {k: v for k, v in d.items() if k != "code"}
        d["span"] = _span(d.get("span"))
        return cls(**d)


@dataclass(slots=True)
class Place:
    name: str
    country: str | None = None
    region: str | None = None  # geonames first-level division: "KZ.02", "US.VA"
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    text: str = ""
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return _drop_empty(asdict(self)) | {"name": self.name}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Place:
        return cls(**(d | {"span": _span(d.get("span"))}))


@dataclass(slots=True)
class When:
    start: str  # ISO date, first day of the interval
    end: str  # ISO date, last day of the interval
    precision: str = "day"  # day | week | month | year
    text: str = ""
    span: Span | None = None

    @property
    def value(self) -> str:
        """The date at its precision: ``2024-07`` for a month, ``2025-04-25`` for a day."""
        return {"year": self.start[:4], "month": self.start[:7]}.get(self.precision, self.start)

    def contains(self, other: When) -> bool:
        return self.start <= other.start and other.end <= self.end

    def to_dict(self) -> dict[str, Any]:
        return _drop_empty(asdict(self)) | {"start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> When:
        return cls(**(d | {"span": _span(d.get("span"))}))


@dataclass(slots=True)
class Evidence:
    """The words that show an event, and the rule that read them."""

    sentence: Span
    trigger: Span
    rule: str
    text: str = ""
    field: str = "text"  # which text the spans index: the document's "text" or its "title"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Evidence:
        return cls(sentence=_pair(d["sentence"]), trigger=_pair(d["trigger"]), rule=d["rule"], text=d.get("text", ""),
                   field=d.get("field", "text"))


@dataclass(slots=True)
class Event:
    source: list[Actor]
    target: list[Actor]
    cameo: str
    plover_type: str | None = None
    plover_mode: str | None = None
    contexts: list[str] = field(default_factory=list)
    when: When | None = None
    where: Place | None = None
    modality: str = "asserted"
    mutual: bool = False  # a reciprocal event: it holds in both directions (meetings, calls, "the two sides")
    attributed_to: Actor | None = None
    evidence: list[Evidence] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)  # e.g. {"partnership": "...", "areas": [...]}

    @property
    def root(self) -> str:
        return self.cameo[:2]

    @property
    def quad_class(self) -> int:
        from readout.ontology import cameo

        return cameo.quad_class(self.cameo)

    @property
    def goldstein(self) -> float | None:
        from readout.ontology import cameo

        return cameo.goldstein(self.cameo)

    def dyads(self) -> list[tuple[str, str]]:
        """(source, target) country pairs this event asserts; ``---`` stands for an unknown country."""
        return expand_dyads(
            [a.country for a in self.source], [a.country for a in self.target], mutual=self.mutual
        )

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "source": [a.to_dict() for a in self.source],
            "target": [a.to_dict() for a in self.target],
            "cameo": self.cameo,
            "root": self.root,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "plover": _drop_empty({"type": self.plover_type, "mode": self.plover_mode, "contexts": self.contexts}),
            "when": self.when.to_dict() if self.when else None,
            "where": self.where.to_dict() if self.where else None,
            "modality": self.modality,
            "mutual": self.mutual,
            "attributed_to": self.attributed_to.to_dict() if self.attributed_to else None,
            "evidence": [e.to_dict() for e in self.evidence],
            "values": self.values,
        }
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        plover = d.get("plover") or {}
        return cls(
            source=[Actor.from_dict(a) for a in d.get("source", [])],
            target=[Actor.from_dict(a) for a in d.get("target", [])],
            cameo=d["cameo"],
            plover_type=plover.get("type"),
            plover_mode=plover.get("mode"),
            contexts=list(plover.get("contexts", [])),
            when=When.from_dict(d["when"]) if d.get("when") else None,
            where=Place.from_dict(d["where"]) if d.get("where") else None,
            modality=d.get("modality", "asserted"),
            mutual=bool(d.get("mutual", False)),
            attributed_to=Actor.from_dict(d["attributed_to"]) if d.get("attributed_to") else None,
            evidence=[Evidence.from_dict(e) for e in d.get("evidence", [])],
            values=dict(d.get("values", {})),
        )


def expand_dyads(sources: list[str | None], targets: list[str | None], mutual: bool = False) -> list[tuple[str, str]]:
    """Expand compound actors into directed country pairs.

    Pairs of a country with itself are left out when either side is compound (``[CHN, TJK] -> [CHN, TJK]`` is the
    two directions between China and Tajikistan); a mutual event also yields every pair reversed.
    """
    src = [s or "---" for s in sources] or ["---"]
    tgt = [t or "---" for t in targets] or ["---"]
    compound = len(src) > 1 or len(tgt) > 1
    pairs: list[tuple[str, str]] = []
    for s in src:
        for t in tgt:
            if compound and s == t and s != "---":
                continue
            pairs.append((s, t))
            if mutual and (t, s) not in pairs and t != s:
                pairs.append((t, s))
    return list(dict.fromkeys(pairs))


@dataclass(slots=True)
class CodedDocument:
    document: Document
    events: list[Event] = field(default_factory=list)
    actors: Sequence[Actor] = field(default_factory=list)  # every actor mention found (packed in a long text)
    when: When | None = None  # the document's own date, with how it was found
    pipeline: str = ""  # the spaCy pipeline that coded it, name and version
    readout_version: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": self.document.to_dict(),
            "when": self.when.to_dict() if self.when else None,
            "events": [e.to_dict() for e in self.events],
            "actors": [a.to_dict() for a in self.actors],
            "pipeline": self.pipeline,
            "readout_version": self.readout_version,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> CodedDocument:
        return cls(
            document=Document.from_dict(d["document"]),
            events=[Event.from_dict(e) for e in d.get("events", [])],
            actors=[Actor.from_dict(a) for a in d.get("actors", [])],
            when=When.from_dict(d["when"]) if d.get("when") else None,
            pipeline=d.get("pipeline", ""),
            readout_version=d.get("readout_version", ""),
        )

    def to_json(self, **kw: Any) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kw)

    def json_pieces(self) -> Iterator[str]:
        """``to_json()`` (no indent) in pieces, one event or actor at a time: a long document's record is written
        without its whole dict or string in memory at once."""
        def dumps(value: Any) -> str:
            return json.dumps(value, ensure_ascii=False)

        yield '{"document": ' + dumps(self.document.to_dict()) + ', "when": '
        yield dumps(self.when.to_dict() if self.when else None) + ', "events": ['
        for i, e in enumerate(self.events):
            yield (", " if i else "") + dumps(e.to_dict())
        yield '], "actors": ['
        for i, a in enumerate(self.actors):
            yield (", " if i else "") + dumps(a.to_dict())
        yield '], "pipeline": ' + dumps(self.pipeline) + ', "readout_version": ' + dumps(self.readout_version) + "}"

    @classmethod
    def from_json(cls, s: str) -> CodedDocument:
        return cls.from_dict(json.loads(s))
