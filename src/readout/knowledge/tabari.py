"""Importing CAMEO actor and agent dictionaries in the TABARI / PETRARCH format into readout's own tables.

An ``.actors`` file holds entries: a name (words joined by ``_``; a trailing ``_`` ends a word), ``+`` lines with
other names for it, and codes, either on the name's line (``AFGHANISTAN_ [AFG]``) or on indented lines, each with an
optional date restriction: ``[RUSGOV 991231-080507]`` (from-to), ``[RUSGOV >080508]`` (from), ``[RUSELI <990809]``
(until); a code without dates holds whenever no dated code does. Dates are ``YYMMDD`` (years 30-99 are 19xx) or
``YYYYMMDD``. An ``.agents`` file holds nouns with the sector they stand for (``FARMER [~AGR]``), and macros
(``!PERSON! = MAN, MEN``) that expand in the nouns.

What comes out, as rows of readout's tables (written by ``readout kb import`` into a knowledge folder):

* people with dated codes -> ``officials`` rows, one per term, the undated code filling the gaps between terms;
* names with one undated code -> ``names`` rows (a group or institution: ``AFGHAN_NATIONAL_SECURITY_FORCES [AFGMIL]``);
  a bare country code or an organisation's CAMEO code adds the names to that country or organisation;
* agent nouns -> ``agents`` rows (kind ``group``).

Every row keeps where it came from (``file:line``); lines that cannot be read are reported with their line number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from readout.knowledge import KnowledgeBase
from readout.ontology.cameo import sector_of as cameo_sector

CODE_RE = re.compile(r"^\[([A-Z~-]+)(?:\s*([<>]?)\s*(\d{6}|\d{8})(?:\s*-\s*(\d{6}|\d{8}))?)?\]$")
BRACKET_RE = re.compile(r"\[[^\]]*[\]}]")
SMALL_WORDS = {"of", "the", "and", "for", "in", "on", "at", "to", "la", "le", "de", "du", "des", "al", "el", "da", "di",
               "van", "von", "bin", "ben", "y"}
MACRO_RE = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")


@dataclass
class Term:
    code: str
    start: str = ""  # ISO dates, "" for open
    end: str = ""


@dataclass
class Entry:
    line: int
    names: list[str]
    terms: list[Term] = field(default_factory=list)


@dataclass
class Imported:
    """What one file gave: rows for readout's tables, counts, and the lines that could not be read."""

    officials: list[dict[str, str]] = field(default_factory=list)
    names: list[dict[str, str]] = field(default_factory=list)
    country_aliases: dict[str, list[str]] = field(default_factory=dict)
    organisation_aliases: dict[str, list[str]] = field(default_factory=dict)
    agents: list[dict[str, str]] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    entries: int = 0
    skipped: int = 0  # entries whose codes name no country or organisation readout knows

    def counts(self) -> dict[str, int]:
        return {"entries": self.entries, "officials (dated terms)": len(self.officials),
                "people": len({r["name"] for r in self.officials}), "names (groups, institutions)": len(self.names),
                "country aliases": sum(map(len, self.country_aliases.values())),
                "organisation aliases": sum(map(len, self.organisation_aliases.values())),
                "agent nouns": len(self.agents), "skipped (unknown codes)": self.skipped,
                "bad lines": len(self.errors)}


def phrase(token: str) -> str:
    """``VLADIMIR_V._PUTIN_`` -> ``Vladimir V. Putin`` (dictionary names are upper case; readout matches case)."""
    words = [w for w in token.strip().strip("_").replace("_", " ").split() if w]
    out = []
    for k, w in enumerate(words):
        if w.lower() in SMALL_WORDS:
            out.append(w.lower() if k else w.title())
        else:
            out.append(w if any(c.isdigit() for c in w) else _title(w))
    return " ".join(out)


def _title(word: str) -> str:
    if len(word) <= 3 and word.isalpha() and word.isupper() or not any(c in "AEIOUY" for c in word):
        return word  # an acronym: UN, EU, CSTO (longer ones with vowels, NATO, get an upper-case alias: see names)
    return "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))


def parse_date(value: str) -> str:
    if len(value) == 6:
        yy = int(value[:2])
        value = f"{1900 + yy if yy >= 30 else 2000 + yy}{value[2:]}"
    return date(int(value[:4]), int(value[4:6]), int(value[6:8])).isoformat()


def parse_code(text: str) -> Term:
    """``[RUSGOV 991231-080507]`` -> Term("RUSGOV", "1999-12-31", "2008-05-07"); ValueError when unreadable."""
    m = CODE_RE.match(" ".join(text.split()))
    if not m:
        raise ValueError(f"unreadable code {text!r}")
    code, op, first, second = m.groups()
    if not first:
        return Term(code)
    if op == ">":
        return Term(code, start=parse_date(first))
    if op == "<":
        return Term(code, end=parse_date(first))
    if second is None:
        raise ValueError(f"a date range needs two dates or < or >: {text!r}")
    return Term(code, parse_date(first), parse_date(second))


def read_entries(lines: list[str]) -> tuple[list[Entry], list[tuple[int, str]]]:
    """The entries of an ``.actors`` file, and its bad lines as (line number, what is wrong)."""
    entries: list[Entry] = []
    errors: list[tuple[int, str]] = []
    current: Entry | None = None
    for lineno, raw in enumerate(lines, start=1):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        body = line.strip()
        codes = BRACKET_RE.findall(body)
        name_part = BRACKET_RE.sub("", body).strip()
        if body.startswith("+"):
            if current is None:
                errors.append((lineno, "an alias (+) before any entry"))
                continue
            current.names.append(name_part[1:].strip())
        elif name_part and not raw[:1].isspace():
            current = Entry(lineno, [name_part])
            entries.append(current)
        elif name_part:
            errors.append((lineno, f"unexpected text {name_part!r}"))
            continue
        for c in codes:
            if current is None:
                errors.append((lineno, "a code before any entry"))
                continue
            try:
                current.terms.append(parse_code(c.replace("}", "]")))
            except ValueError as err:
                errors.append((lineno, str(err)))
    return entries, errors


def split_code(code: str, kb: KnowledgeBase) -> tuple[str | None, str | None, str | None]:
    """A CAMEO actor code -> (ISO3 country or None, organisation id or None, sector or None)."""
    by_cameo, orgs = _code_tables(kb)
    if code[:3] in by_cameo:
        return by_cameo[code[:3]], None, cameo_sector(code[3:])
    for cameo, org in orgs:
        if code.startswith(cameo):
            return None, org, "IGO"
    return None, None, None


_TABLES: dict[int, tuple[dict[str, str], list[tuple[str, str]]]] = {}


def _code_tables(kb: KnowledgeBase) -> tuple[dict[str, str], list[tuple[str, str]]]:
    if id(kb) not in _TABLES:
        by_cameo = {c.cameo: c.iso3 for c in kb.countries.values()}
        orgs = sorted(((o.cameo, o.id) for o in kb.organisations.values() if o.cameo), key=lambda x: -len(x[0]))
        _TABLES[id(kb)] = (by_cameo, orgs)
    return _TABLES[id(kb)]


def gaps(terms: list[Term], default: Term | None) -> list[Term]:
    """Dated terms, with the undated code (if any) filling the time before, between and after them."""
    dated = sorted((t for t in terms if t.start or t.end), key=lambda t: t.start)
    if default is None:
        return dated
    out: list[Term] = []
    cursor = ""
    for t in dated:
        if t.start and (not cursor or cursor < t.start):
            out.append(Term(default.code, cursor, _shift(t.start, -1)))
        out.append(t)
        if not t.end:
            return out
        cursor = max(cursor, _shift(t.end, 1))
    out.append(Term(default.code, cursor, ""))
    return out


def _shift(iso: str, days: int) -> str:
    return (date.fromisoformat(iso) + timedelta(days=days)).isoformat()


def import_actors(path: Path, kb: KnowledgeBase) -> Imported:
    """The rows an ``.actors`` file adds to the knowledge base ``kb`` (whose countries and organisations its codes
    name)."""
    result = Imported()
    text = path.read_text(encoding="utf-8", errors="replace")
    entries, result.errors = read_entries(text.splitlines())
    source = path.name
    for e in entries:
        result.entries += 1
        names = list(dict.fromkeys(n for n in (phrase(x) for x in e.names) if n))
        names += [n.upper() for n in names if " " not in n and 4 <= len(n) <= 5 and n.upper() not in names]
        if not names or not e.terms:
            result.skipped += 1
            continue
        undated = [t for t in e.terms if not (t.start or t.end)]
        dated = [t for t in e.terms if t.start or t.end]
        if not dated:
            country, org, sector = split_code(undated[0].code, kb)
            if country and not sector:
                result.country_aliases.setdefault(country, []).extend(names)
            elif org and len(undated[0].code) == len(kb.organisations[org].cameo):
                result.organisation_aliases.setdefault(org, []).extend(names)
            elif country or org:
                result.names.append({"id": f"{source}:{e.line}", "name": names[0], "aliases": "|".join(names[1:]),
                                     "country": country or org or "", "sector": sector or "", "role": "",
                                     "start": "", "end": "", "kind": "name"})
            else:
                result.skipped += 1
            continue
        default = next((t for t in undated if t.code not in ("---",)), None)
        added = 0
        for k, t in enumerate(gaps(dated, default)):
            country, org, sector = split_code(t.code, kb)
            if not (country or org):
                continue
            added += 1
            result.officials.append({"id": f"{source}:{e.line}#{k + 1}", "name": names[0],
                                     "aliases": "|".join(names[1:]), "country": country or org or "",
                                     "sector": sector or "", "role": "", "start": t.start, "end": t.end,
                                     "kind": "person"})
        if not added:
            result.skipped += 1
    return result


def import_agents(path: Path) -> Imported:
    result = Imported()
    macros: dict[str, list[str]] = {}
    source = path.name
    for lineno, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        m = MACRO_RE.match(line)
        if m:
            macros[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        code = re.search(r"\[\s*(~?)([A-Z]{3,})(~?)\s*[\]}]", line)
        if code is None:
            result.errors.append((lineno, f"no agent code in {line!r}"))
            continue
        sector = cameo_sector(code.group(2))
        if sector is None:
            result.errors.append((lineno, f"unknown agent code {code.group(2)!r}"))
            continue
        noun = re.sub(r"\{[^}]*\}", "", line[: code.start()]).strip()
        if not noun:
            result.errors.append((lineno, "an agent code with no noun"))
            continue
        variants = [noun]
        for macro, words in macros.items():
            if macro in noun:
                variants = [v.replace(macro, w) for v in variants for w in words]
        if any("!" in v for v in variants):
            result.errors.append((lineno, f"unknown macro in {noun!r}"))
            continue
        result.entries += 1
        nouns = [phrase(v).lower() for v in variants]
        result.agents.append({"id": f"{source}:{lineno}", "phrases": "|".join(
            dict.fromkeys(n for v in nouns for n in (v, plural(v)))), "sector": sector, "role": "",
            "kind": "group"})
    return result


def plural(noun: str) -> str:
    """The regular plural the dictionaries leave to the coder: farmer -> farmers, militia -> militias."""
    last = noun.split()[-1] if noun.split() else noun
    if not last.isalpha() or last.endswith(("s", "men", "people")):
        return noun
    if last.endswith("y") and last[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    if last.endswith(("ch", "sh", "x")):
        return noun + "es"
    return noun + "s"


def import_file(path: Path, kb: KnowledgeBase) -> Imported:
    """Import an actors or agents dictionary (told apart by their contents: agents files code with ``~``)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.name.lower().endswith((".agents", ".agents.txt")) or re.search(r"\[~[A-Z]{3}", text):
        return import_agents(path)
    return import_actors(path, kb)
