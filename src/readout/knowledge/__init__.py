"""Curated knowledge as data: countries, organisations, titles and agents, officials with dated terms, event patterns,
sector words and grammatical cues, publishers and gatherings. Every table lives under ``knowledge/data``; a user's
folder adds to or overrides them table by table (``readout.knowledge.tables``). ``load(folder)`` reads them once per
process and checks them (``readout.knowledge.validate``); everything else takes the ``KnowledgeBase`` it gives.

Every entry has an id; the evidence of an event names the entries that decided it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from readout.errors import KnowledgeError
from readout.knowledge import tables, validate
from readout.knowledge.tables import SPECS, TABLES, Row
from readout.knowledge.validate import CUE_KINDS

__all__ = ["CUE_KINDS", "TABLES", "KnowledgeBase", "KnowledgeError", "Row", "country_code", "country_name", "load",
           "read_table", "read_tables"]


def _split(value: str) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def read_table(name: str, folder: Path | None = None) -> list[Row]:
    """The rows of one table file as it stands, from the package or from ``folder`` (not merged, not checked)."""
    return tables.read(name, folder).rows


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
    kind: str = ""  # organisations.tsv: party, military, intelligence, police, court, parliament, media, ...

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
    """Every knowledge table, read into entries. ``tables`` keeps the rows it was built from (the built-in tables
    with a user's merged over them), for ``to_disk``; ``gatherings`` and ``publishers`` are rows as read."""

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
    tables: dict[str, list[Row]] = field(default_factory=dict, repr=False)

    def publisher(self, source: str) -> dict[str, str] | None:
        """The government that publishes from ``source`` (a domain, URL or name), if it is a known one."""
        low = (source or "").lower()
        for p in self.publishers:
            if any(m in low for m in p["match"].split("|")):
                return p
        return None

    def cue(self, kind: str) -> frozenset[str]:
        return self.cues.get(kind, frozenset())

    def many_states(self) -> frozenset[str]:
        """The phrases, lowercase, of the agents that stand for many states (flag ``many``: "the international
        community", "all parties"): no one country could be them."""
        return frozenset(p.lower() for a in self.agents if "many" in a.flags for p in a.phrases)

    def plover_context(self, context: str) -> str:
        """The PLOVER context a context of ``contexts.tsv`` rolls up to (``trade`` -> ``economic``)."""
        for c in self.contexts:
            if c.id == context:
                return c.plover
        return context

    def texts(self) -> dict[str, str]:
        """File name -> text of every table this knowledge base was built from, each marked ``# replace``."""
        return {name: tables.to_tsv(tables.columns_of(name, rows), rows, replace=True)
                for name, rows in self.tables.items()}

    def to_disk(self, path: str | Path) -> None:
        """Write every table this knowledge base was built from into the folder ``path`` (created if missing), each
        marked ``# replace``, so that ``load(str(path))`` gives an equal knowledge base."""
        out = Path(path)
        out.mkdir(parents=True, exist_ok=True)
        for name, text in self.texts().items():
            (out / name).write_text(text, encoding="utf-8")

    @classmethod
    def from_tables(cls, rows: dict[str, list[Row]]) -> KnowledgeBase:
        """The knowledge base of checked table rows (``read_tables``)."""
        cues: dict[str, frozenset[str]] = {}
        for r in rows["cues.tsv"]:  # rows of one kind add up: a user's row adds phrases to a built-in kind
            cues[r["kind"]] = cues.get(r["kind"], frozenset()) | frozenset(_split(r["phrases"]))
        return cls(
            countries=_countries(rows["countries.tsv"]),
            organisations=_organisations(rows["igos.tsv"]),
            agents=[Agent(r["id"], tuple(_split(r["phrases"])), r["sector"], r["role"], r["kind"],
                          frozenset(_split(r.get("flags", "")))) for r in rows["agents.tsv"]],
            officials=[Official(r["id"], r["name"], tuple(_split(r["aliases"])), r["country"], r["sector"],
                                r["role"], r["start"], r["end"]) for r in rows["officials.tsv"]],
            names=[Name(r["id"], r["name"], tuple(_split(r["aliases"])), r["country"] or None, r["sector"] or None,
                        r.get("start", ""), r.get("end", ""), r.get("kind", ""))
                   for r in (*rows["names.tsv"], *rows["organisations.tsv"])],
            patterns=_patterns(rows["events.tsv"]),
            contexts=[Context(r["id"], r["plover"], tuple(_split(r["phrases"]))) for r in rows["contexts.tsv"]],
            cues=cues,
            publishers=list(rows["publishers.tsv"]),
            gatherings=list(rows["gatherings.tsv"]),
            tables=dict(rows),
        )


def _countries(rows: Sequence[Mapping[str, str]]) -> dict[str, Country]:
    return {
        r["iso3"]: Country(
            r["iso3"], r["cameo"] or r["iso3"], r["name"], tuple(_split(r["aliases"])), tuple(_split(r["demonyms"])),
            tuple(_split(r["capitals"])), tuple(_split(r["seats"])),
        )
        for r in rows
    }


def _organisations(rows: Sequence[Mapping[str, str]]) -> dict[str, Organisation]:
    return {
        r["id"]: Organisation(r["id"], r["cameo"], r["name"], tuple(_split(r["aliases"])), tuple(_split(r["members"])))
        for r in rows
    }


def _name_route(value: str) -> tuple[str, str]:
    """``NAME=ROUTE`` as (name, route); the checks at load hold every value to that form."""
    name, _, route = value.partition("=")
    return name, route


def _patterns(rows: Sequence[Mapping[str, str]]) -> list[Pattern]:
    out = []
    for r in rows:
        values = tuple(_name_route(v) for v in _split(r.get("value", "")))
        objects = tuple(o for o in _split(r["object"]) if o != "0")
        if objects and objects[0].startswith("!"):  # "!statement|report": none of these
            objects = tuple("!" + o.lstrip("!") for o in objects)
        modals: frozenset[str] = frozenset()
        if objects and objects[0].startswith("~"):  # "~must|should": a modal in the clause the verb reports
            modals, objects = frozenset(o.lstrip("~") for o in objects), ()
        out.append(
            Pattern(
                r["id"], r["pos"], tuple(_split(r["lemma"])), tuple(_split(r["particle"])), objects,
                r["cameo"], tuple(_split(r["target"])), r["mutual"].strip() == "1", values,
                modals, frozenset(_split(r.get("flags", ""))),
            )
        )
    return out


@cache
def load(folder: str | None = None) -> KnowledgeBase:
    """The knowledge base, read once per process: the built-in tables, with those of the user's ``folder`` (if
    given) merged over them table by table (``readout.knowledge.tables``). Raises ``KnowledgeError`` with every
    problem found."""
    return KnowledgeBase.from_tables(read_tables(Path(folder) if folder else None))


def read_tables(folder: Path | None = None) -> dict[str, list[Row]]:
    """The rows of every table: built-in, with ``folder``'s tables merged over them (or replacing them), checked."""
    if folder is not None and not folder.is_dir():
        raise KnowledgeError([f"{folder}: no such knowledge folder"])
    found: list[str] = []
    merged: dict[str, list[Row]] = {}
    for name, spec in SPECS.items():
        base = tables.read(name)
        found += validate.problems(name, base)
        rows = base.rows
        if folder is not None and (folder / name).is_file():
            try:
                mine = tables.read(name, folder)
            except UnicodeDecodeError as err:
                found.append(f"{folder / name}: not UTF-8 text (byte 0x{err.object[err.start]:02x} at offset "
                             f"{err.start})")
                continue
            mine_found = validate.problems(name, mine)
            found += mine_found
            if not mine_found:
                rows = mine.rows if mine.replace else tables.merge(rows, mine.rows, spec.id)
        merged[name] = rows
    if folder is not None:
        found += [f"{p}: not a knowledge table (the tables are {', '.join(TABLES)})"
                  for p in sorted(folder.glob("*.tsv")) if p.name not in SPECS]
    if found:
        raise KnowledgeError(found)
    return merged


def country_code(value: str, kb: KnowledgeBase) -> str:
    """The code readout stores for a country or organisation a user names: ``CHN`` from "chn", "China", "Chinese",
    "CN"; unknown values come back upper-cased, so that codes this table lacks still match what is stored."""
    v = value.strip()
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


def country_name(code: str | None, kb: KnowledgeBase) -> str:
    """The name of a country or organisation code (``CHN`` -> "China"); the code itself where it is unknown."""
    if not code:
        return ""
    if code in kb.countries:
        return kb.countries[code].name
    if code in kb.organisations:
        return kb.organisations[code].name
    return code
