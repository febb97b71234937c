"""Turning the words of a date ("April 25, 2025", "July last year", "yesterday", "5-7 March") into an interval with a
precision, relative to the document's date. Own rules for the forms readouts use; dateparser for the rest.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache

from readout.records import When

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
MONTH_RE = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
DAY_RE = r"(\d{1,2})(?:st|nd|rd|th)?"
YEAR_RE = r"((?:19|20)\d\d)"
NOISE = re.compile(r"\b(local time|on|in|of|the|during|at|around|since|by|early|late|mid|this past)\b|[,.]", re.I)
DASH = r"\s*(?:-|–|—|to|through|until|and)\s*"


def _day(y: int, m: int, d: int, text: str) -> When | None:
    try:
        iso = date(y, m, d).isoformat()
    except ValueError:
        return None
    return When(iso, iso, "day", text)


def _month(y: int, m: int, text: str) -> When:
    last = calendar.monthrange(y, m)[1]
    return When(date(y, m, 1).isoformat(), date(y, m, last).isoformat(), "month", text)


def month_of(day: str, text: str = "") -> When:
    """The month of an ISO date, as an interval."""
    return _month(int(day[:4]), int(day[5:7]), text)


def _year(y: int, text: str) -> When:
    return When(f"{y:04d}-01-01", f"{y:04d}-12-31", "year", text)


def _week(d: date, text: str) -> When:
    monday = d - timedelta(days=d.weekday())
    return When(monday.isoformat(), (monday + timedelta(days=6)).isoformat(), "week", text)


def _range(y: int, m1: int, d1: int, m2: int, d2: int, text: str) -> When | None:
    try:
        a, b = date(y, m1, d1), date(y, m2, d2)
    except ValueError:
        return None
    if b < a:
        return None
    return When(a.isoformat(), b.isoformat(), "day", text)


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


@lru_cache(maxsize=20000)
def parse(text: str, base: str | None = None) -> When | None:
    """The interval that ``text`` names, relative to ``base`` (YYYY-MM-DD); None when it names no date."""
    raw = text.strip()
    t = " ".join(NOISE.sub(" ", raw.lower()).split())
    b = date.fromisoformat(base) if base else None
    if not t:
        return None
    found = _absolute(t, raw, b)
    if found is not None or b is None:
        return found
    found = _relative(t, raw, b) or _named_day(t, raw, b) or _ago(t, raw, b)
    if found is None and re.search(r"\d", t) and re.search(MONTH_RE, t):
        return _fallback(raw, base)
    return found


def _absolute(t: str, raw: str, b: date | None) -> When | None:
    """Dates that say their year (or ranges whose year the base gives): "April 25, 2025", "3-5 May", "May 2024"."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", t):
        year, month, day = map(int, t.split("-"))
        return _day(year, month, day, raw)
    for pattern, order in (
        (rf"{MONTH_RE} {DAY_RE} {YEAR_RE}", "mdy"),
        (rf"{DAY_RE} {MONTH_RE} {YEAR_RE}", "dmy"),
    ):
        m = re.fullmatch(pattern, t)
        if m:
            g = m.groups()
            mo, d, y = (g[0], g[1], g[2]) if order == "mdy" else (g[1], g[0], g[2])
            return _day(int(y), MONTHS[mo], int(d), raw)
    m = re.fullmatch(rf"{MONTH_RE} {DAY_RE}{DASH}{DAY_RE}(?: {YEAR_RE})?", t)
    y = _stated_year(m, 4, b)
    if m and y is not None:
        return _range(y, MONTHS[m.group(1)], int(m.group(2)), MONTHS[m.group(1)], int(m.group(3)), raw)
    m = re.fullmatch(rf"{DAY_RE}{DASH}{DAY_RE} {MONTH_RE}(?: {YEAR_RE})?", t)
    y = _stated_year(m, 4, b)
    if m and y is not None:
        return _range(y, MONTHS[m.group(3)], int(m.group(1)), MONTHS[m.group(3)], int(m.group(2)), raw)
    m = re.fullmatch(rf"{MONTH_RE} {DAY_RE}{DASH}{MONTH_RE} {DAY_RE}(?: {YEAR_RE})?", t)
    y = _stated_year(m, 5, b)
    if m and y is not None:
        return _range(y, MONTHS[m.group(1)], int(m.group(2)), MONTHS[m.group(3)], int(m.group(4)), raw)
    m = re.fullmatch(rf"{MONTH_RE} {YEAR_RE}", t)
    if m:
        return _month(int(m.group(2)), MONTHS[m.group(1)], raw)
    m = re.fullmatch(YEAR_RE, t)
    if m:
        return _year(int(m.group(1)), raw)
    return None


def _stated_year(m: re.Match[str] | None, group: int, b: date | None) -> int | None:
    """The year a range match says in `group`, else the base date's year, else None (no year to place it in)."""
    if m is None:
        return None
    if m.group(group):
        return int(m.group(group))
    return b.year if b else None


SIMPLE_DAYS = {"today": 0, "this morning": 0, "this afternoon": 0, "this evening": 0, "tonight": 0, "yesterday": -1,
               "tomorrow": 1, "day before yesterday": -2, "day after tomorrow": 2}
RELATIVE = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1,
            "earlier this": 0, "later this": 0}


def _relative(t: str, raw: str, b: date) -> When | None:
    """Dates relative to the base: "yesterday", "last month", "July last year", "last July", "March 3"."""
    if t in SIMPLE_DAYS:
        return _day(*(b + timedelta(days=SIMPLE_DAYS[t])).timetuple()[:3], raw)
    m = re.fullmatch(r"(last|past|previous|this|current|next|coming|earlier this|later this) (year|month|week)", t)
    if m:
        k, unit = RELATIVE[m.group(1)], m.group(2)
        if unit == "year":
            return _year(b.year + k, raw)
        if unit == "month":
            return _month(*_shift_month(b.year, b.month, k), raw)
        return _week(b + timedelta(weeks=k), raw)
    m = re.fullmatch(rf"{MONTH_RE} (last|this|next) year", t) or re.fullmatch(rf"(last|next) {MONTH_RE}", t)
    if m:
        g = m.groups()
        mo, which = (g[0], g[1]) if g[0] in MONTHS else (g[1], g[0])
        year = b.year + {"last": -1, "this": 0, "next": 1}[which]
        if g[0] not in MONTHS:  # "last July": the most recent July before the base date
            year = b.year if (which == "last") == (MONTHS[mo] < b.month) else b.year + (-1 if which == "last" else 1)
        return _month(year, MONTHS[mo], raw)
    m = re.fullmatch(rf"{MONTH_RE}(?: {DAY_RE})?", t)
    if m:
        if m.group(2):
            return _day(b.year, MONTHS[m.group(1)], int(m.group(2)), raw)
        return _month(b.year, MONTHS[m.group(1)], raw)
    m = re.fullmatch(rf"{DAY_RE} {MONTH_RE}", t)
    if m:
        return _day(b.year, MONTHS[m.group(2)], int(m.group(1)), raw)
    return None


def _named_day(t: str, raw: str, b: date) -> When | None:
    """ "Monday", "last Friday" (the one before the base), "next Tuesday"."""
    m = re.fullmatch(r"(last|next|this)? ?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)", t)
    if not m:
        return None
    wd = WEEKDAYS[m.group(2)]
    if m.group(1) == "next":
        delta = (wd - b.weekday()) % 7 or 7
    else:
        delta = -((b.weekday() - wd) % 7)
    return _day(*(b + timedelta(days=delta)).timetuple()[:3], raw)


def _ago(t: str, raw: str, b: date) -> When | None:
    """ "three days ago", "two years ago"."""
    m = re.fullmatch(r"(\w+) (day|week|month|year)s? ago", t)
    n = _number(m.group(1)) if m else None
    if m is None or n is None:
        return None
    if m.group(2) == "day":
        return _day(*(b - timedelta(days=n)).timetuple()[:3], raw)
    if m.group(2) == "week":
        return _week(b - timedelta(weeks=n), raw)
    if m.group(2) == "month":
        return _month(*_shift_month(b.year, b.month, -n), raw)
    return _year(b.year - n, raw)


NUMBER_WORDS = "zero one two three four five six seven eight nine ten eleven twelve"
WORD_NUMBERS = {w: i for i, w in enumerate(NUMBER_WORDS.split())}


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return WORD_NUMBERS.get(word)


def _fallback(raw: str, base: str | None) -> When | None:
    """dateparser, on a date span only (never free text), for forms the rules above do not know."""
    from datetime import datetime

    import dateparser

    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if base:
        settings["RELATIVE_BASE"] = datetime.fromisoformat(base)
    try:
        parsed = dateparser.parse(raw, languages=["en"], settings=settings)
    except Exception:  # dateparser raises a variety of errors on odd input
        return None
    if parsed is None:
        return None
    has_day = bool(re.search(r"\b\d{1,2}(st|nd|rd|th)?\b", raw))
    if has_day:
        return _day(parsed.year, parsed.month, parsed.day, raw)
    return _month(parsed.year, parsed.month, raw)


TENSE_SLACK = timedelta(days=31)  # a yearless date this near the document is in its year, whatever the tense


def in_tense(when: When, base: str, future: bool) -> When:
    """A date written without its year ("in February", "on 20 November") is read in the document's year; an
    intention dated more than a month before the document is for the next such day or month, an accomplished fact
    dated more than a month after it was in the last one. Dates with a year, relative dates and weeks are left as
    they are."""
    if when.precision not in ("day", "month") or re.search(YEAR_RE, when.text) \
            or not re.search(MONTH_RE, when.text.lower()):
        return when
    b = date.fromisoformat(base)
    shift = 1 if future and date.fromisoformat(when.end) < b - TENSE_SLACK \
        else -1 if not future and date.fromisoformat(when.start) > b + TENSE_SLACK else 0
    if not shift:
        return when
    try:
        start = date.fromisoformat(when.start).replace(year=int(when.start[:4]) + shift)
        end = date.fromisoformat(when.end).replace(year=int(when.end[:4]) + shift)
    except ValueError:  # 29 February
        return when
    if when.precision == "month":
        end = end.replace(day=calendar.monthrange(end.year, end.month)[1])
    return When(start.isoformat(), end.isoformat(), when.precision, when.text, when.span)
