"""Curated knowledge as data: countries, organisations, titles and agents, officials with dated terms, event patterns,
sector words and grammatical cues. Every file lives under ``knowledge/data`` and is loaded once per process.

Every entry has an id; the evidence of an event names the entries that decided it.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path


def _split(value: str) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def read_table(name: str, folder: Path | None = None) -> list[dict[str, str]]:
    """Rows of a TSV data file (header line first), from the package or from ``folder``."""
    if folder is not None and (folder / name).exists():  # a table the folder lacks is the package's own
        text = (folder / name).read_text(encoding="utf-8")
    else:
        text = resources.files("readout.knowledge").joinpath("data", name).read_text(encoding="utf-8")
    rows = csv.DictReader((line for line in text.splitlines() if line.strip()), delimiter="\t", quoting=csv.QUOTE_NONE)
    return [{k: (v or "") for k, v in row.items()} for row in rows]


@dataclass(frozen=True)
class Country:
    iso3: str
    cameo: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    seats: tuple[str, ...]


@dataclass(frozen=True)
class Organisation:
    id: str
    cameo: str
    name: str
    aliases: tuple[str, ...]
    members: tuple[str, ...]


@dataclass(frozen=True)
class Agent:
    """A title ("Foreign Minister") or a group noun ("enterprises") with the sector it implies."""

    id: str
    phrases: tuple[str, ...]
    sector: str
    role: str
    kind: str  # title | group
    flags: frozenset[str] = frozenset()  # monarch (a title only a government with a monarch holds), posted, rank


@dataclass(frozen=True)
class Official:
    id: str
    name: str
    aliases: tuple[str, ...]
    country: str
    sector: str
    role: str
    start: str
    end: str

    def holds_on(self, date: str | None) -> bool:
        """True when the office was held on ``date`` (an unknown date matches every term)."""
        if not date:
            return True
        return self.start[: len(date)] <= date and (not self.end or date[: len(self.end)] <= self.end)


@dataclass(frozen=True)
class Name:
    """A named actor that is not a person, a country or an organisation of states: an armed group, a party, an
    authority ("Hamas", "the Donetsk People's Republic"), with its country and sector, dated where that changed."""

    id: str
    name: str
    aliases: tuple[str, ...]
    country: str | None
    sector: str | None
    start: str = ""
    end: str = ""

    def holds_on(self, date: str | None) -> bool:
        if not date:
            return not self.end  # undated text: the current entry
        return self.start[: len(date)] <= date and (not self.end or date[: len(self.end)] <= self.end)


@dataclass(frozen=True)
class Pattern:
    """A predicate pattern: a trigger lemma (with an optional particle and object) and the CAMEO code it yields."""

    id: str
    pos: str
    lemmas: tuple[str, ...]
    particles: tuple[str, ...]
    objects: tuple[str, ...]
    cameo: str
    target: tuple[str, ...]  # routes through the parse, tried in order
    mutual: bool
    values: tuple[tuple[str, str], ...]  # (name, route)
    modals: frozenset[str] = frozenset()  # "~must|should": a modal the clause a speech verb reports must carry
    flags: frozenset[str] = frozenset()  # walkout, visit: conventions of the coder (docs/patterns.md)


@dataclass(frozen=True)
class Context:
    id: str
    plover: str
    phrases: tuple[str, ...]


@dataclass
class KnowledgeBase:
    countries: dict[str, Country] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    agents: list[Agent] = field(default_factory=list)
    officials: list[Official] = field(default_factory=list)
    names: list[Name] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)
    contexts: list[Context] = field(default_factory=list)
    cues: dict[str, frozenset[str]] = field(default_factory=dict)
    publishers: list[dict[str, str]] = field(default_factory=list)
    gatherings: list[dict[str, str]] = field(default_factory=list)

    def publisher(self, source: str) -> dict[str, str] | None:
        """The government that publishes from ``source`` (a domain, URL or name), if it is a known one."""
        low = (source or "").lower()
        for p in self.publishers:
            if any(m in low for m in p["match"].split("|")):
                return p
        return None

    def cue(self, kind: str) -> frozenset[str]:
        return self.cues.get(kind, frozenset())


def _countries(rows: list[dict[str, str]]) -> dict[str, Country]:
    return {
        r["iso3"]: Country(
            r["iso3"], r["cameo"] or r["iso3"], r["name"], tuple(_split(r["aliases"])), tuple(_split(r["demonyms"])),
            tuple(_split(r["capitals"])), tuple(_split(r["seats"])),
        )
        for r in rows
    }


def _organisations(rows: list[dict[str, str]]) -> dict[str, Organisation]:
    return {
        r["id"]: Organisation(r["id"], r["cameo"], r["name"], tuple(_split(r["aliases"])), tuple(_split(r["members"])))
        for r in rows
    }


def _patterns(rows: list[dict[str, str]]) -> list[Pattern]:
    out = []
    for r in rows:
        values = tuple(tuple(v.split("=", 1)) for v in _split(r.get("value", "")))
        objects = tuple(o for o in _split(r["object"]) if o != "0")
        if objects and objects[0].startswith("!"):  # "!statement|report": none of these
            objects = tuple("!" + o.lstrip("!") for o in objects)
        modals: frozenset[str] = frozenset()
        if objects and objects[0].startswith("~"):  # "~must|should": a modal in the clause the verb reports
            modals, objects = frozenset(o.lstrip("~") for o in objects), ()
        out.append(
            Pattern(
                r["id"], r["pos"], tuple(_split(r["lemma"])), tuple(_split(r["particle"])), objects,
                r["cameo"], tuple(_split(r["target"])), r["mutual"].strip() == "1", values,  # type: ignore[arg-type]
                modals, frozenset(_split(r.get("flags", ""))),
            )
        )
    return out


@cache
def load(folder: str | None = None) -> KnowledgeBase:
    """Load every knowledge file once; ``folder`` overrides the package's data folder (for users' own tables)."""
    path = Path(folder) if folder else None
    return KnowledgeBase(
        countries=_countries(read_table("countries.tsv", path)),
        organisations=_organisations(read_table("igos.tsv", path)),
        agents=[
            Agent(r["id"], tuple(_split(r["phrases"])), r["sector"], r["role"], r["kind"],
                  frozenset(_split(r.get("flags", ""))))
            for r in read_table("agents.tsv", path)
        ],
        officials=[
            Official(r["id"], r["name"], tuple(_split(r["aliases"])), r["country"], r["sector"], r["role"],
                     r["start"], r["end"])
            for r in read_table("officials.tsv", path)
        ],
        names=[Name(r["id"], r["name"], tuple(_split(r["aliases"])), r["country"] or None, r["sector"] or None,
                    r.get("start", ""), r.get("end", "")) for r in read_table("names.tsv", path)],
        patterns=_patterns(read_table("events.tsv", path)),
        contexts=[Context(r["id"], r["plover"], tuple(_split(r["phrases"]))) for r in read_table("contexts.tsv", path)],
        cues={r["kind"]: frozenset(_split(r["phrases"])) for r in read_table("cues.tsv", path)},
        publishers=read_table("publishers.tsv", path),
        gatherings=read_table("gatherings.tsv", path),
    )


def load_folder(folder: str) -> KnowledgeBase:
    """The tables of ``folder``, read now (not cached: the folder may go away)."""
    return load.__wrapped__(folder)


def table_texts(folder: str | None = None) -> dict[str, str]:
    """File name -> text of every table ``load(folder)`` reads: the package's, with those ``folder`` holds instead."""
    data = resources.files("readout.knowledge").joinpath("data")
    texts = {p.name: p.read_text(encoding="utf-8") for p in data.iterdir() if p.name.endswith(".tsv")}
    if folder is not None:
        texts.update({p.name: p.read_text(encoding="utf-8") for p in Path(folder).glob("*.tsv")})
    return dict(sorted(texts.items()))


def country_code(value: str) -> str:
    """The code readout stores for a country or organisation a user names: ``CHN`` from "chn", "China", "Chinese",
    "CN"; unknown values come back upper-cased, so that codes this table lacks still match what is stored."""
    v = value.strip()
    kb = load()
    up = v.upper()
    if up in kb.countries or up in kb.organisations:
        return up
    low = v.lower()
    for c in kb.countries.values():
        if low in (n.lower() for n in (c.name, *c.aliases, *c.demonyms)) or up == c.cameo:
            return c.iso3
    for o in kb.organisations.values():
        if low in (n.lower() for n in (o.name, *o.aliases)):
            return o.id
    if len(up) == 2:
        import pycountry

        found = pycountry.countries.get(alpha_2=up)
        if found is not None:
            return found.alpha_3
    return up


def country_name(code: str | None) -> str:
    """The name of a country or organisation code (``CHN`` -> "China"); the code itself where it is unknown."""
    if not code:
        return ""
    kb = load()
    if code in kb.countries:
        return kb.countries[code].name
    if code in kb.organisations:
        return kb.organisations[code].name
    return code
