"""Face validity of a dyad: for each period, the QuadClass mix and mean Goldstein score next to the events behind
them, so an analyst sees at a glance whether a war reads as a war and which events make it so.

    >>> corpus = readout.open("readout.db")
    >>> face_validity(corpus, "RUS", "UKR", both=True, by="year", events=3)

The mix counts events (one per event and direction, as ``Corpus.dyad`` does); the events listed for a period are the
ones reported by the most documents, then the most extreme by Goldstein score, with their modality and evidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, func, or_, select

from readout.ontology import cameo
from readout.store import schema as t
from readout.store.checks import check_country

if TYPE_CHECKING:
    import pandas as pd
    from sqlalchemy import ColumnElement

QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
EVENT_FIELDS = ["event_id", "date", "source", "target", "cameo", "label", "quad_class", "goldstein", "modality",
                "n_documents", "evidence"]


def face_validity(corpus: Any, source: str, target: str, both: bool = False, by: str = "month",
                  since: str | None = None, until: str | None = None, events: int = 3,
                  where: Sequence[ColumnElement[bool]] = ()) -> pd.DataFrame:
    """``Corpus.dyad``'s table (events by period and direction, counts per QuadClass, mean Goldstein) with each
    QuadClass's share of the period's events (``q1_share`` ... ``q4_share``) and, in ``top_events``, up to
    ``events`` of the events behind each row (``EVENT_FIELDS``). ``corpus``: a ``Corpus``; ``where``: the
    conditions of ``since`` and ``until`` on the events table (``Corpus.validity`` gives them)."""
    table = corpus.dyad(source, target, both=both, by=by, since=since, until=until)
    for q in QUADS:
        table[f"q{q}_share"] = (table[f"q{q}"] / table["events"]).round(2) if len(table) else []
    behind = _events_behind(corpus, source, target, both, by, where)
    table["top_events"] = [_top(behind.get((r[by], r["source"], r["target"]), []), events)
                           for r in table.to_dict(orient="records")]
    return table


def _events_behind(corpus: Any, source: str, target: str, both: bool, by: str,
                   where: Sequence[ColumnElement[bool]]) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    """The events of the dyad, by (period, source, target): the same events ``Corpus.dyad`` counts."""
    e, d, m, x = t.events, t.dyads, t.mentions, t.evidence
    src, tgt = (check_country(c, corpus.kb, corpus.stores, what) for c, what in ((source, "dyad source"),
                                                                                 (target, "dyad target")))
    width = {"month": 7, "year": 4, "day": 10}[by]
    first = select(func.min(m.c.id)).where(m.c.event_id == e.c.id).correlate(e).scalar_subquery()
    evidence = select(x.c.text).where(x.c.mention_id == first).order_by(x.c.id).limit(1).scalar_subquery()
    pairs = [and_(d.c.source == src, d.c.target == tgt)]
    if both:
        pairs.append(and_(d.c.source == tgt, d.c.target == src))
    q = (select(func.substr(e.c.date_start, 1, width).label("period"), d.c.source, d.c.target, e.c.id.label("event_id"),
                e.c.date_start.label("date"), e.c.cameo, e.c.quad_class, e.c.goldstein, e.c.modality, e.c.n_documents,
                evidence.label("evidence"))
         .select_from(e.join(d, d.c.event_id == e.c.id))
         .where(or_(*pairs), e.c.date_start.is_not(None), *where))
    out: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    with corpus.engine.connect() as conn:
        for r in conn.execute(q).mappings():
            row = dict(r)
            row["label"] = cameo.label(row["cameo"]) if cameo.is_code(row["cameo"]) else ""
            out.setdefault((row.pop("period"), row["source"], row["target"]), []).append(row)
    return out


def _top(rows: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    """The ``n`` events reported by the most documents, then the most extreme by Goldstein score, then the newest."""
    ranked = sorted(rows, key=lambda r: r["date"] or "", reverse=True)
    ranked.sort(key=lambda r: (-(r["n_documents"] or 0), -abs(r["goldstein"] or 0.0)))
    return [{k: r.get(k) for k in EVENT_FIELDS} for r in ranked[:n]]
