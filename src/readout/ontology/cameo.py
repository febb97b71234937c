"""CAMEO codes with labels and Goldstein scores, and the crosswalk to PLOVER, from the project's own tables."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Code:
    code: str
    label: str
    goldstein: float
    plover_type: str | None
    plover_mode: str | None
    plover_contexts: tuple[str, ...]


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("readout.ontology").joinpath("data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines(), delimiter="\t"))


@cache
def codes() -> dict[str, Code]:
    """Every CAMEO code the project knows, by code string."""
    out = {}
    for r in _rows("cameo.tsv"):
        contexts = tuple(c for c in r["plover_contexts"].split("|") if c)
        out[r["code"]] = Code(
            r["code"], r["label"], float(r["goldstein"]), r["plover_type"] or None, r["plover_mode"] or None, contexts
        )
    return out


@cache
def roots() -> dict[str, tuple[str, int]]:
    """Root code -> (label, QuadClass)."""
    return {r["root"]: (r["label"], int(r["quad_class"])) for r in _rows("roots.tsv")}


def is_code(code: str) -> bool:
    return code in codes()


def get(code: str) -> Code:
    try:
        return codes()[code]
    except KeyError:
        raise KeyError(f"unknown CAMEO code {code!r}") from None


def label(code: str) -> str:
    return get(code).label


def goldstein(code: str) -> float | None:
    c = codes().get(code)
    return c.goldstein if c else None


def quad_class(code: str) -> int:
    """1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict."""
    return roots()[code[:2]][1]


def plover_type(code: str) -> str | None:
    """The PLOVER event type of a CAMEO code (CAMEO 02 appeals map to REQUEST; 01 statements have none)."""
    c = codes().get(code)
    return c.plover_type if c else None


@cache
def _rules(name: str) -> list[tuple[str, frozenset[str], str]]:
    rules = [(r["from"], frozenset(c for c in r["context"].split("|") if c), r["code"]) for r in _rows(name)]
    return sorted(rules, key=lambda r: (-len(r[0]), -len(r[1])))


def _convert(name: str, code: str, contexts: frozenset[str] | set[str], default: str | None = None) -> str:
    for prefix, needs, target in _rules(name):
        if code.startswith(prefix) and (not needs or needs & set(contexts)):
            return target
    return code if default is None else default


def as_intention(code: str, contexts: frozenset[str] | set[str] = frozenset()) -> str:
    """The code for an announced or promised form of ``code``: "will meet" (040) is intent to meet (036).

    Codes of root 01-03 and verbal conflict are returned unchanged.
    """
    return _convert("intent.tsv", code, contexts)


def as_refusal(code: str, contexts: frozenset[str] | set[str] = frozenset()) -> str:
    """The code for refusing ``code``: "refused to lift sanctions" (085) is declining to ease sanctions (1244).

    Conflict codes are returned unchanged (not attacking is not an event of another kind)."""
    return _convert("refusal.tsv", code, contexts)


def as_threat(code: str) -> str:
    """The code for threatening ``code``: a threat to impose sanctions (163) is 1312, one of force (18-20) 138; what
    the crosswalk does not name is a threat in general (130)."""
    return _convert("threat.tsv", code, frozenset(), default="130")


@cache
def groups() -> dict[str, tuple[str, ...]]:
    """Group name -> the codes (prefixes) in it: codes that one rule of the coder treats alike (``groups.tsv``).

    A table of its own rather than a column of ``roots.tsv``: a group may hold codes below a root ("0841", "112")
    and a code may be in several groups."""
    return {r["id"]: tuple(c for c in r["codes"].split("|") if c) for r in _rows("groups.tsv")}


def group(name: str) -> tuple[str, ...]:
    """The codes of a group, for ``code.startswith(group(name))``; an unknown name is an error."""
    try:
        return groups()[name]
    except KeyError:
        raise KeyError(f"unknown CAMEO code group {name!r}") from None


@cache
def sectors() -> dict[str, str]:
    """CAMEO agent (sector) code -> label: ``GOV`` -> "Government"."""
    return {r["code"]: r["label"] for r in _rows("sectors.tsv")}


def sector_parts(code: str) -> list[str] | None:
    """The agent codes a sector is made of, CAMEO-style three letters each (``GOVMED`` -> GOV, MED: state media), or
    None when it is not such a code or a part is not in the codebook."""
    if not code or len(code) % 3 or len(code) > 9:
        return None
    parts = [code[i:i + 3] for i in range(0, len(code), 3)]
    known = sectors()
    return parts if all(p in known for p in parts) else None


def sector_of(tail: str) -> str | None:
    """The sector at the head of what follows the country in a CAMEO actor code: the known agent codes it starts with,
    two at most (``GOVMED`` of ``CHNGOVMED``, ``MILUAF`` of ``RUSMILUAF``); None where the first is not an
    agent code (``VGB`` of ``GBRVGB``, a territory)."""
    parts: list[str] = []
    for i in range(0, min(len(tail), 6), 3):
        if tail[i:i + 3] not in sectors():
            break
        parts.append(tail[i:i + 3])
    return "".join(parts) or None


def sector_label(code: str | None) -> str | None:
    """A sector's label, compound codes joined: ``GOVMED`` -> "Government / Media"; None for no or unknown code."""
    parts = sector_parts(code or "")
    return " / ".join(sectors()[p] for p in parts) if parts else None
