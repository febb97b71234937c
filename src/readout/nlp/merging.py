"""One event per fact per document: repeated mentions (the title, the first paragraph, a quotation) merge into one
event that keeps all their evidence, the finest code and the most precise date."""

from __future__ import annotations

from datetime import date

from readout.ontology import cameo
from readout.records import Actor, Event, When


def _specificity(code: str) -> tuple[int, int]:
    return (len(code), 0 if code.endswith("0") else 1)


def _compatible(a: When | None, b: When | None) -> bool:
    return a is None or b is None or a.contains(b) or b.contains(a)


def _same_dates(a: When | None, b: When | None) -> bool:
    """As dated as each other: a meeting today is not last year's visit ("the Pope's visit earlier this year")."""
    return a is None or b is None or (a.start, a.end) == (b.start, b.end)


def _family(code: str) -> str:
    """Codes that describe one fact when said twice: a root, except that an intention to meet (036) is not the same
    fact as an intention to cooperate (030-035)."""
    return "036" if code.startswith("036") else code[:2]


def _same_fact(a: Event, b: Event, title_end: int) -> bool:
    """Two mentions of one pair and kind of act are one fact, except statements: appeals, intentions, criticism
    and threats are many facts in one text ("agreed to expand trade", "agreed to open consulates"): those merge
    only where the title restates them or within one sentence; in different sentences they are separate events, the
    same predicate or not ("We urge that ... not sign the bill." ... "We urge the government to ...")."""
    if _family(a.cameo) not in cameo.group("statements"):  # said many times over, each time of something else
        return True
    if any(x.sentence[0] < title_end for x in (*a.evidence, *b.evidence)):
        return True
    if {x.sentence for x in a.evidence} & {x.sentence for x in b.evidence}:
        return True  # a list in one sentence is one statement: "is ready to work with China to ..., expand ..."
    return False


def _key(e: Event) -> tuple:
    return (tuple(sorted(e.dyads())), _family(e.cameo), e.modality == "intended")


def _finer(a: When | None, b: When | None) -> When | None:
    """The more precise of two compatible dates."""
    if a is None or b is None:
        return a or b
    span_a = date.fromisoformat(a.end) - date.fromisoformat(a.start)
    span_b = date.fromisoformat(b.end) - date.fromisoformat(b.start)
    return b if span_b < span_a else a


def _fold_generic_meetings(events: list[Event]) -> list[Event]:
    """A meeting coded without a place ("Readout of X's meeting with Y") and the same meeting coded as a visit
    (042 guest -> host, 043 host -> guest) are one meeting: the visit keeps the evidence."""
    visits: dict[tuple[str, str], list[tuple[int, Event]]] = {}  # by each dyad, with their order
    for n, e in enumerate(events):
        if e.cameo in ("042", "043"):
            for d in set(e.dyads()):
                visits.setdefault(d, []).append((n, e))
    out = []
    for e in events:
        if e.cameo in ("040", "044") and e.mutual and e.modality == "asserted":
            pairs = set(e.dyads())
            near = sorted({n: v for d in pairs for n, v in visits.get(d, [])}.items(), key=lambda nv: nv[0])
            covering = [v for _, v in near if set(v.dyads()) <= pairs and _same_dates(v.when, e.when)]
            if {d for v in covering for d in v.dyads()} >= pairs and covering:
                seen = {(x.trigger, x.rule) for x in covering[0].evidence}
                covering[0].evidence.extend(x for x in e.evidence if (x.trigger, x.rule) not in seen)
                continue
        out.append(e)
    return out


def _same_person(a: Actor, b: Actor) -> bool:
    """Two mentions of one person: the same name, or a person and the office they hold named alone ("Vladimir Putin"
    and "the President of Russia" on a day he held it)."""
    if a.person and b.person:
        return a.person == b.person
    named, office = (a, b) if a.person else (b, a)
    return bool(named.person and not office.person and office.role and office.country
                and office.role == named.role and office.country == named.country)


def _without_self(events: list[Event]) -> list[Event]:
    """A person never acts on themselves: a target that is the same person as a source is dropped, and the event
    with it when no target is left. (Mutual events name both sides on both sides and are left as they are.)"""
    out = []
    for e in events:
        if e.mutual:
            out.append(e)
            continue
        kept = [t for t in e.target if not any(_same_person(s, t) for s in e.source)]
        if e.target and not kept:
            continue
        e.target = kept
        out.append(e)
    return out


def merge_events(events: list[Event], title_end: int = 0) -> list[Event]:
    """``title_end``: where the document's title ends (a title restates what the text says)."""
    merged: list[Event] = []
    by_key: dict[tuple, list[Event]] = {}  # the merged events of each pair and kind (a merge keeps the key)
    cited: dict[int, set[tuple]] = {}  # the evidence of each merged event, by trigger and rule
    for e in _without_self(events):
        same = by_key.setdefault(_key(e), [])
        for m in same:
            if _compatible(m.when, e.when) and _same_fact(m, e, title_end):
                if _specificity(e.cameo) > _specificity(m.cameo) and "041" not in (e.cameo, m.cameo):
                    m.cameo = e.cameo  # (a call does not make a meeting remote, nor a meeting a call face to face)
                m.when = _finer(m.when, e.when)
                m.where = m.where or e.where
                m.attributed_to = m.attributed_to or e.attributed_to
                if m.modality != e.modality and "reported" in (m.modality, e.modality):
                    m.modality = "reported"
                m.contexts = sorted(set(m.contexts) | set(e.contexts))
                for k, v in e.values.items():
                    if k == "areas":
                        m.values["areas"] = list(dict.fromkeys([*m.values.get("areas", []), *v]))
                    else:
                        m.values.setdefault(k, v)
                seen = cited.setdefault(id(m), {(x.trigger, x.rule) for x in m.evidence})
                for x in e.evidence:
                    if (x.trigger, x.rule) not in seen:
                        seen.add((x.trigger, x.rule))
                        m.evidence.append(x)
                break
        else:
            merged.append(e)
            same.append(e)
    merged = _fold_generic_meetings(merged)
    for e in merged:
        code = cameo.codes().get(e.cameo)
        if code is not None:
            e.plover_type, e.plover_mode = code.plover_type, code.plover_mode
        else:
            e.plover_type = cameo.plover_type(e.cameo[:3])
    return merged
