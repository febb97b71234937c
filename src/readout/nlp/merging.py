"""One event per fact per document: repeated mentions (the title, the first paragraph, a quotation) merge into one
event that keeps all their evidence, the finest code and the most precise date."""

from __future__ import annotations

from datetime import date

from readout.ontology import cameo
from readout.records import Event, When


def _specificity(code: str) -> tuple[int, int]:
    return (len(code), 0 if code.endswith("0") else 1)


def _compatible(a: When | None, b: When | None) -> bool:
    return a is None or b is None or a.contains(b) or b.contains(a)


def _family(code: str) -> str:
    """Codes that describe one fact when said twice: a root, except that an intention to meet (036) is not the same
    fact as an intention to cooperate (030-035)."""
    return "036" if code.startswith("036") else code[:2]


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
    visits = [e for e in events if e.cameo in ("042", "043")]
    out = []
    for e in events:
        if e.cameo in ("040", "044") and e.mutual and e.modality == "asserted":
            pairs = set(e.dyads())
            covering = [v for v in visits if set(v.dyads()) <= pairs and _compatible(v.when, e.when)]
            if {d for v in covering for d in v.dyads()} >= pairs and covering:
                seen = {(x.trigger, x.rule) for x in covering[0].evidence}
                covering[0].evidence.extend(x for x in e.evidence if (x.trigger, x.rule) not in seen)
                continue
        out.append(e)
    return out


def merge_events(events: list[Event]) -> list[Event]:
    merged: list[Event] = []
    for e in events:
        for m in merged:
            if _key(m) == _key(e) and _compatible(m.when, e.when):
                if _specificity(e.cameo) > _specificity(m.cameo):
                    m.cameo = e.cameo
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
                seen = {(x.trigger, x.rule) for x in m.evidence}
                m.evidence.extend(x for x in e.evidence if (x.trigger, x.rule) not in seen)
                break
        else:
            merged.append(e)
    merged = _fold_generic_meetings(merged)
    for e in merged:
        code = cameo.codes().get(e.cameo)
        if code is not None:
            e.plover_type, e.plover_mode = code.plover_type, code.plover_mode
        else:
            e.plover_type = cameo.plover_type(e.cameo[:3])
    return merged
