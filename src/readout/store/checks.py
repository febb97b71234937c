"""Checking the values a user filters a corpus by, before any query runs: dates that are real calendar days, CAMEO
codes and PLOVER types the codebooks hold, modalities readout writes, and countries or actor codes that the
knowledge tables or the corpus itself know. A value that cannot match anything is an error that says so (a filter
that silently answers 0 rows reads as "no such events")."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable

from readout.errors import ReadoutError
from readout.knowledge import KnowledgeBase, country_code
from readout.ontology import cameo
from readout.records import MODALITIES, calendar_day

__all__ = ["filter_date", "plover_types", "check_cameo", "check_plover", "check_modality", "check_country"]


def filter_date(value: str, option: str, end: bool = False) -> str:
    """A filter date as YYYY-MM-DD; a year or month means its first (or, for an end, its last) day. A value that is
    no calendar date is an error naming the option."""
    v = value.strip()
    if calendar_day(v):
        return v
    if re.fullmatch(r"\d{4}-\d{2}", v) and 1 <= int(v[5:]) <= 12:
        y, mo = int(v[:4]), int(v[5:])
        return f"{v}-{calendar.monthrange(y, mo)[1]:02d}" if end else f"{v}-01"
    if re.fullmatch(r"\d{4}", v):
        return f"{v}-12-31" if end else f"{v}-01-01"
    raise ReadoutError(f"{option} {value!r}: not a date (expected YYYY, YYYY-MM or YYYY-MM-DD, with a month 01-12 "
                       "and a day that month has)")


def plover_types() -> set[str]:
    """The PLOVER event types the CAMEO crosswalk codes into."""
    return {c.plover_type for c in cameo.codes().values() if c.plover_type}


def check_cameo(value: str, option: str = "--cameo") -> str:
    """A CAMEO code or prefix that some code of the codebook starts with."""
    v = value.strip()
    if not v.isdigit() or not any(code.startswith(v) for code in cameo.codes()):
        raise ReadoutError(f"{option} {value!r}: no CAMEO code starts with it (codes are digits: 04, 042, 1383)")
    return v


def check_plover(value: str, option: str = "--plover") -> str:
    v = value.strip().upper()
    known = plover_types()
    if v not in known:
        raise ReadoutError(f"{option} {value!r}: not a PLOVER event type (one of {', '.join(sorted(known))})")
    return v


def check_modality(values: str | Iterable[str], option: str = "--modality") -> tuple[str, ...]:
    """One modality or several (a list, or a comma-separated string), each one readout writes."""
    items = values.split(",") if isinstance(values, str) else list(values)
    out = tuple(v.strip().lower() for v in items if v.strip())
    for v in out:
        if v not in MODALITIES:
            raise ReadoutError(f"{option} {v!r}: not a modality (one of {', '.join(MODALITIES)})")
    return out


def check_country(value: str, kb: KnowledgeBase, stored: Callable[[str], bool], option: str = "--country") -> str:
    """The code of a country or organisation a user names; a name or code that neither the knowledge tables nor
    the corpus (``stored``: whether a dyad holds the code) know is an error."""
    code = country_code(value, kb)
    if code in kb.countries or code in kb.organisations or stored(code):
        return code
    raise ReadoutError(f"{option} {value!r}: no country, organisation or actor code of that name in the knowledge "
                       "tables or the corpus (try a name such as \"China\" or a code such as CHN)")
