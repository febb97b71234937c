"""Checking knowledge tables as they load, so that a mistake in a user's table is reported where it stands
(``file:line: what is wrong``) instead of failing later, or silently coding nothing.

Checked: the columns a table needs, ids used twice in one file, CAMEO event codes (``events.tsv``), cue kinds
(``cues.tsv``), the routes through the parse that ``events.tsv`` names (``target``, ``value``), and dates
(``officials.tsv``, ``names.tsv``, ``gatherings.tsv``), and sectors (CAMEO agent codes).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from readout.knowledge.tables import SPECS, Row, Table

# The cue kinds the coder reads (``KnowledgeBase.cue``); a row of another kind would be read by nothing.
CUE_KINDS = frozenset({
    "speech", "intent_aux", "intent_adj", "intent_verb", "intent_gov", "intent_noun", "hypothetical", "refusal",
    "negation", "remote", "reciprocal_head", "other_actor", "onlooker_gov", "labour_strike_gov", "gathering",
    "own_institution", "own_capitalised", "family_name_first", "joint_statement", "transcript_speaker", "former",
    "removed_adjective",
    "statement_authors", "sign_off", "signatory_word", "journalist_label", "release_word", "prospect_gov",
    "society_sector", "stateless_sector", "pair_adjective", "act_container", "setting_prep", "place_prefix",
    "state_homonym", "state_word", "own_forces_verb", "taken_place_verb", "body_kind_noun",
    "not_local",
    # people
    "honorific", "office_word", "lower_role", "title_joiner", "name_glue", "generic_role", "group_office_word",
    "given_name_title", "monarch_role",
    "head_of_state_role",
    # pronouns and the words that stand for the sides
    "pronoun_person", "pronoun_speaker", "pronoun_state", "pronoun_sides", "pronoun_side", "pronoun_group",
    "pronoun_addressee", "vocative", "pronoun_act",
    "state_noun", "pair_number", "reciprocal_plural", "list_joiner", "directional",
    # mood
    "politeness_verb", "motion_verb", "progressive_aux", "indirect_question", "condition", "continuing",
    # prepositions
    "topic_prep", "ground_prep", "place_prep", "frame_prep", "walkout_prep", "addressed_prep",
    # dates
    "recent", "anniversary", "today",
})

# The routes ``readout.nlp.grammar.route_tokens`` follows from a trigger (``prep:`` takes prepositions, joined by
# ","); ``obj.`` in front follows the same route from the trigger's object.
ROUTES = frozenset({"dobj", "dative", "agent", "poss", "amod", "nmod", "compound", "clause.obj", "clause.subj",
                    "head.subj"})
_PREPOSITIONS = re.compile(r"^prep:[a-z]+(?:[ -][a-z]+)*(?:,[a-z]+(?:[ -][a-z]+)*)*$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def route_problem(route: str) -> str | None:
    """What is wrong with a route through the parse (``obj.prep:with``), or None if ``route_tokens`` follows it."""
    inner = route[4:] if route.startswith("obj.") else route
    if inner in ROUTES or _PREPOSITIONS.match(inner):
        return None
    known = ", ".join(sorted(ROUTES))
    return f"unknown route {route!r} (known: {known}, prep:WORD[,WORD], each also after obj.)"


def date_problem(value: str) -> str | None:
    """What is wrong with a date of a knowledge table (YYYY, YYYY-MM or YYYY-MM-DD; empty for open), or None."""
    if not value:
        return None
    m = _DATE.match(value)
    try:
        if m is None:
            raise ValueError
        date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        return f"malformed date {value!r} (expected YYYY-MM-DD, YYYY-MM or YYYY)"
    return None


def _split(value: str) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def _events(r: Row) -> list[str]:
    from readout.ontology import cameo

    out = []
    if not cameo.is_code(r["cameo"].strip()):
        out.append(f"unknown CAMEO code {r['cameo']!r}")
    out += [p for route in _split(r["target"]) if (p := route_problem(route))]
    for value in _split(r.get("value", "")):
        name, sep, route = value.partition("=")
        if not (sep and name.strip()):
            out.append(f"value {value!r} is not NAME=ROUTE")
        elif p := route_problem(route.strip()):
            out.append(p)
    return out


def _cues(r: Row) -> list[str]:
    if r["kind"] in CUE_KINDS:
        return []
    return [f"unknown cue kind {r['kind']!r} (known: {', '.join(sorted(CUE_KINDS))})"]


def _dates(r: Row) -> list[str]:
    return [p for column in ("start", "end") if (p := date_problem(r.get(column, "").strip()))]


def sector_problem(value: str) -> str | None:
    """What is wrong with a sector (a CAMEO agent code, or two or three run together: ``GOVMED``), or None."""
    from readout.ontology import cameo

    if not value or cameo.sector_parts(value):
        return None
    return f"unknown sector {value!r} (CAMEO agent codes, e.g. GOV, MIL, COP, GOVMED)"


def _sector(r: Row) -> list[str]:
    p = sector_problem(r.get("sector", "").strip())
    return [p] if p else []


def _named(r: Row) -> list[str]:
    return _dates(r) + _sector(r)


def _gathering(r: Row) -> list[str]:
    if not (r["start"].strip() and r["end"].strip()):
        return ["a gathering needs a start and an end date"]
    return _dates(r)


ROW_CHECKS: dict[str, Callable[[Row], list[str]]] = {
    "events.tsv": _events, "cues.tsv": _cues, "officials.tsv": _named, "names.tsv": _named,
    "organisations.tsv": _named, "agents.tsv": _sector,
    "gatherings.tsv": _gathering,
}


def problems(name: str, table: Table) -> list[str]:
    """Every problem of one table file, as ``file:line: what is wrong``."""
    spec = SPECS[name]
    out = list(table.problems or [])
    missing = [c for c in spec.required if c not in table.columns]
    if missing:
        where = f"{table.path}:{table.header_line}"
        return out + [f"{where}: missing column {c!r} (a {name} needs {', '.join(spec.required)})" for c in missing]
    first: dict[str, str] = {}
    check = ROW_CHECKS.get(name)
    for r in table.rows:
        key = r[spec.id].strip()
        if not key:
            out.append(f"{r.where}: no {spec.id}")
        elif key in first:
            out.append(f"{r.where}: duplicate {spec.id} {key!r} (first at line {first[key].rsplit(':', 1)[1]})")
        else:
            first[key] = r.where
        if check is not None:
            out += [f"{r.where}: {p}" for p in check(r)]
    return out
