"""Asking a corpus database questions: events by actor, country, dyad, code, type, date and words; actors with the
aliases they were learned under; a dyad's events by month and QuadClass. Results are pandas DataFrames.

    >>> import readout
    >>> corpus = readout.open("readout.db")
    >>> corpus.events(dyad=("CHN", "TJK"), cameo="04", since="2025-01-01")
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from typing import Any

import pandas as pd
from sqlalchemy import Engine, Select, and_, case, func, literal, or_, select

from readout.errors import ReadoutError
from readout.formats.dyads import dyad_frame
from readout.formats.rows import EVENT_COLUMNS, event_row
from readout.knowledge import KnowledgeBase, load
from readout.store import schema as t
from readout.store.checks import check_country, filter_date
from readout.store.database import connect
from readout.store.filters import Filters
from readout.store.search import Search, contains, search_of

__all__ = ["EVENT_COLUMNS", "SORTS", "Corpus", "Filters", "event_row"]
SORTS = {"date": "date_start", "cameo": "cameo", "goldstein": "goldstein", "documents": "n_documents",
         "modality": "modality"}  # what events can be sorted by: a name the API takes -> the events table's column


class Corpus:
    """A coded corpus in a database (``readout.open(db)``). ``knowledge``: a knowledge folder (or a
    ``KnowledgeBase``) whose country names and PLOVER contexts its queries and exports use."""

    def __init__(self, db: str | None = None, engine: Engine | None = None,
                 knowledge: str | KnowledgeBase | None = None, create: bool = False):
        self.kb = knowledge if isinstance(knowledge, KnowledgeBase) else load(knowledge)
        self.engine = engine or connect(db, create=create)
        self.search: Search = search_of(self.engine)  # how its words and names are found (an index or a scan)

    def events_query(self, filters: Filters | None = None, limit: int | None = None, record: bool = False,
                     sort: str = "date", offset: int = 0) -> Select:
        """The events matching ``filters``, ordered by ``sort``: a column of ``SORTS`` (oldest or lowest first),
        ``-`` before it for newest or highest first; undated events last either way."""
        e, d, m, x = t.events, t.documents, t.mentions, t.evidence
        order = self._order(sort)  # an unknown sort is an error before any SQL is built
        m2 = t.mentions.alias("first_mention")
        first = select(func.min(m.c.id)).where(m.c.event_id == e.c.id).correlate(e).scalar_subquery()
        evidence_text = select(x.c.text).where(x.c.mention_id == first).order_by(x.c.id).limit(1).scalar_subquery()
        evidence_rule = select(x.c.rule).where(x.c.mention_id == first).order_by(x.c.id).limit(1).scalar_subquery()
        q = (select(
            e.c.id.label("event_id"), e.c.date_start.label("date"), e.c.date_end, e.c.precision, e.c.cameo,
            e.c.root, e.c.quad_class, e.c.goldstein, e.c.plover_type, e.c.plover_mode, e.c.contexts,
            e.c.source_code.label("source"), e.c.source_actors, e.c.target_code.label("target"), e.c.target_actors,
            e.c.mutual, e.c.modality, e.c.place, e.c.place_country, e.c.region, e.c.lat, e.c.lon, e.c.geonames_id,
            e.c.attributed_to,
            e.c.n_mentions, e.c.n_documents, e.c.n_sources, d.c.doc_key.label("document"), d.c.url,
            d.c.date.label("published"), d.c.source.label("publisher"), evidence_text.label("evidence"),
            evidence_rule.label("rule"),
            *([select(m2.c.record).where(m2.c.id == first).scalar_subquery().label("record")] if record else []))
             .select_from(e.outerjoin(d, d.c.id == e.c.first_document_id)).order_by(*order))
        where = self.checked(filters).clauses(self.kb, self.search)
        if not limit and not offset:
            return q.where(*where)
        # a page: its events chosen first from the events table alone, so that their evidence and documents are
        # looked up for those rows only, not for every match the sort (and the offset) passes over
        page = select(e.c.id).where(*where).order_by(*order).limit(limit).offset(offset or None)
        return q.where(e.c.id.in_(page))

    @staticmethod
    def _order(sort: str) -> list[Any]:
        e = t.events
        column = SORTS.get(sort.lstrip("-"))
        if column is None:
            raise ReadoutError(f"cannot sort by {sort!r}: one of {', '.join(SORTS)}, with - for descending")
        key = getattr(e.c, column)
        return [e.c.date_start.is_(None), key.desc() if sort.startswith("-") else key,
                e.c.id.desc() if sort.startswith("-") else e.c.id]

    def checked(self, filters: Filters | None) -> Filters:
        """``filters`` checked (see ``Filters.checked``) against this corpus's knowledge and codes."""
        return (filters or Filters()).checked(self.kb, self.stores)

    def stores(self, code: str) -> bool:
        """Whether some event of the corpus has ``code`` on a side (an actor code the knowledge tables lack)."""
        d = t.dyads
        with self.engine.connect() as conn:
            return conn.execute(select(literal(1)).where(or_(d.c.source == code, d.c.target == code)).limit(1)
                                ).first() is not None

    def events(self, limit: int | None = None, **filters: Any) -> pd.DataFrame:
        """Events matching ``filters`` (see ``Filters``), oldest first, as analysts load them: one row per directed
        dyad with typed columns (``readout.formats.dyads``: ``DYAD_COLUMNS``); ``limit`` counts events."""
        return dyad_frame((event_row(r, actors=True) for r in self._fetch(limit, filters)), self.kb)

    def event_rows(self, limit: int | None = None, **filters: Any) -> pd.DataFrame:
        """Events matching ``filters``, one row an event (``EVENT_COLUMNS``: both sides' codes joined by ";"), as
        ``readout events`` lists them."""
        return pd.DataFrame([event_row(r) for r in self._fetch(limit, filters)], columns=EVENT_COLUMNS)

    def _fetch(self, limit: int | None, filters: dict[str, Any]) -> Sequence[Any]:
        with self.engine.connect() as conn:
            return conn.execute(self.events_query(Filters(**filters), limit)).mappings().all()

    def iter_events(self, filters: Filters | None = None, chunk: int = 2000) -> Iterator[dict[str, Any]]:
        """Event rows as dicts (with the actor records), streamed for exports."""
        with self.engine.connect() as conn:
            result = conn.execution_options(stream_results=True, yield_per=chunk).execute(
                self.events_query(filters, record=True))
            for r in result.mappings():
                yield event_row(r, actors=True)

    def sources(self, event_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
        """The documents reporting each event: key, url, publisher and date, first reported first."""
        m, d = t.mentions, t.documents
        out: dict[int, list[dict[str, Any]]] = {i: [] for i in event_ids}
        with self.engine.connect() as conn:
            for i in range(0, len(event_ids), 500):
                q = (select(m.c.event_id, d.c.doc_key, d.c.url, d.c.source, d.c.date)
                     .select_from(m.join(d, d.c.id == m.c.document_id))
                     .where(m.c.event_id.in_(event_ids[i:i + 500])).order_by(m.c.event_id, m.c.id))
                for r in conn.execute(q).mappings():
                    docs = out[r["event_id"]]
                    if all(x["doc_id"] != r["doc_key"] for x in docs):
                        docs.append({"doc_id": r["doc_key"], "url": r["url"], "source": r["source"],
                                     "published": r["date"]})
        return out

    def mentions(self, event_id: int) -> pd.DataFrame:
        """The documents that report an event, with their evidence."""
        m, d, x = t.mentions, t.documents, t.evidence
        q = (select(d.c.doc_key.label("document"), d.c.url, d.c.date.label("published"), d.c.source.label("publisher"),
                    m.c.modality, x.c.field, x.c.trigger_start, x.c.trigger_end, x.c.rule, x.c.text.label("evidence"))
             .select_from(m.join(d, d.c.id == m.c.document_id).outerjoin(x, x.c.mention_id == m.c.id))
             .where(m.c.event_id == event_id).order_by(m.c.id, x.c.id))
        with self.engine.connect() as conn:
            return pd.DataFrame(conn.execute(q).mappings().all(), columns=list(q.selected_columns.keys()))

    def actors(self, name: str | None = None, country: str | None = None, limit: int | None = None) -> pd.DataFrame:
        """Actors with how often they were mentioned and the aliases (as written) that named them."""
        a, al = t.actors, t.aliases
        q = select(a.c.id, a.c.name, a.c.code, a.c.country, a.c.sector, a.c.role, a.c.person, a.c.n_mentions)
        if name:
            q = q.where(or_(self.search.holds(a, name),
                            a.c.id.in_(select(al.c.actor_id).where(self.search.holds(al, name)))))
        if country:
            q = q.where(a.c.country == check_country(country, self.kb, self.stores))
        q = q.order_by(a.c.n_mentions.desc(), a.c.name)
        if limit:
            q = q.limit(limit)
        with self.engine.connect() as conn:
            rows: list[dict[str, Any]] = [dict(r) for r in conn.execute(q).mappings()]
            ids = [r["id"] for r in rows]
            learned: dict[int, list[dict]] = {i: [] for i in ids}
            d = t.documents
            for chunk in range(0, len(ids), 500):
                aq = (select(al.c.actor_id, al.c.alias, al.c.n_mentions, al.c.first_date, al.c.resolved_by,
                             d.c.doc_key).select_from(al.outerjoin(d, d.c.id == al.c.first_document_id))
                      .where(al.c.actor_id.in_(ids[chunk:chunk + 500]))
                      .order_by(al.c.actor_id, al.c.n_mentions.desc(), al.c.alias))
                for r in conn.execute(aq).mappings():
                    learned[r["actor_id"]].append({"alias": r["alias"], "n": r["n_mentions"], "date": r["first_date"],
                                                   "document": r["doc_key"], "resolved_by": r["resolved_by"]})
        for row in rows:
            row["aliases"] = learned[row["id"]]
        return pd.DataFrame(rows, columns=["id", "name", "code", "country", "sector", "role", "person", "n_mentions",
                                           "aliases"])

    def dyad(self, source: str, target: str, both: bool = False, by: str = "month", since: str | None = None,
             until: str | None = None) -> pd.DataFrame:
        """Events from ``source`` to ``target`` (and back, with ``both``) counted by month (or year) and QuadClass,
        with the mean Goldstein score."""
        e, d = t.events, t.dyads
        src, tgt = (check_country(x, self.kb, self.stores, what) for x, what in ((source, "dyad source"),
                                                                                  (target, "dyad target")))
        width = {"month": 7, "year": 4, "day": 10}[by]
        period = func.substr(e.c.date_start, 1, width).label(by)
        pairs = [and_(d.c.source == src, d.c.target == tgt)]
        if both:
            pairs.append(and_(d.c.source == tgt, d.c.target == src))
        q = (select(period, d.c.source, d.c.target, e.c.quad_class, func.count().label("n"),
                    func.avg(e.c.goldstein).label("goldstein"))
             .select_from(e.join(d, d.c.event_id == e.c.id))
             .where(or_(*pairs), e.c.date_start.is_not(None), *Filters(since=since, until=until).clauses(self.kb))
             .group_by(period, d.c.source, d.c.target, e.c.quad_class))
        with self.engine.connect() as conn:
            rows = conn.execute(q).mappings().all()
        table: dict[tuple, dict] = {}
        for r in rows:
            key = (r[by], r["source"], r["target"])
            row = table.setdefault(key, {by: key[0], "source": key[1], "target": key[2], "events": 0, "q1": 0,
                                         "q2": 0, "q3": 0, "q4": 0, "_g": 0.0})
            row["events"] += r["n"]
            if r["quad_class"]:
                row[f"q{r['quad_class']}"] += r["n"]
            row["_g"] += (r["goldstein"] or 0.0) * r["n"]
        out = []
        for key in sorted(table):
            row = table[key]
            row["goldstein"] = round(row.pop("_g") / row["events"], 2) if row["events"] else None
            out.append(row)
        return pd.DataFrame(out, columns=[by, "source", "target", "events", "q1", "q2", "q3", "q4", "goldstein"])

    def validity(self, source: str, target: str, both: bool = False, by: str = "month", since: str | None = None,
                 until: str | None = None, events: int = 3) -> pd.DataFrame:
        """Face validity: ``dyad``'s table with each QuadClass's share and the events behind each row
        (``readout.store.validity``)."""
        from readout.store.validity import face_validity

        return face_validity(self, source, target, both, by, since, until, events,
                             Filters(since=since, until=until).clauses(self.kb))

    def documents(self, text: str | None = None, source: str | None = None, since: str | None = None,
                  until: str | None = None, limit: int = 50, offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
        """Documents (newest first) whose title or text holds ``text``, from ``source``, published in the dates
        given: how many there are, and one page of them."""
        d = t.documents
        where = []
        if text:
            pattern = contains(text)
            where.append(or_(func.lower(d.c.title).like(pattern, escape="\\"),
                             func.lower(d.c.text).like(pattern, escape="\\")))
        if source:
            where.append(func.lower(d.c.source).like(contains(source), escape="\\"))
        if since:
            where.append(d.c.date >= filter_date(since, "since"))
        if until:
            where.append(d.c.date <= filter_date(until, "until", end=True))
        q = (select(d.c.doc_key.label("document"), d.c.title, d.c.date, d.c.source, d.c.url, d.c.n_events)
             .where(*where).order_by(d.c.date.desc(), d.c.doc_key).limit(limit).offset(offset))
        with self.engine.connect() as conn:
            total = conn.execute(select(func.count()).select_from(d).where(*where)).scalar_one()
            return total, [dict(r) for r in conn.execute(q).mappings()]

    def document(self, key: str) -> dict[str, Any] | None:
        """One document as stored: its text and title, and every event coded from it as coded there (actors,
        dates, places and evidence with their character spans), with the corpus event it counts towards."""
        d, m, e = t.documents, t.mentions, t.events
        with self.engine.connect() as conn:
            row = conn.execute(select(d).where(d.c.doc_key == key)).mappings().first()
            if row is None:
                return None
            mentions: Sequence[tuple[int, dict[str, Any], str]] = conn.execute(
                select(m.c.event_id, m.c.record, e.c.event_key).select_from(m.join(e, e.c.id == m.c.event_id))
                .where(m.c.document_id == row["id"]).order_by(m.c.ordinal)).all()
        return {"document": row["doc_key"], "title": row["title"] or "", "text": row["text"], "date": row["date"],
                "coded_date": row["coded_date"], "source": row["source"], "url": row["url"], "meta": row["meta"],
                "pipeline": row["pipeline"], "readout_version": row["readout_version"],
                "events": [{"event_id": event_id, "event_key": key, **record} for event_id, record, key in mentions]}

    def network(self, since: str | None = None, until: str | None = None, countries_only: bool = True,
                min_events: int = 1) -> list[dict[str, Any]]:
        """Who deals with whom in a period: one row per directed country pair, with its number of events, the share
        of them that are conflict (QuadClass 3-4) and the mean Goldstein score."""
        e, d = t.events, t.dyads
        conflict = func.sum(case((e.c.quad_class >= 3, 1), else_=0))
        q = (select(d.c.source, d.c.target, func.count().label("events"), conflict.label("conflict"),
                    func.avg(e.c.goldstein).label("goldstein"))
             .select_from(e.join(d, d.c.event_id == e.c.id))
             .where(d.c.source != d.c.target, d.c.source != "---", d.c.target != "---",
                    *Filters(since=since, until=until).clauses(self.kb))
             .group_by(d.c.source, d.c.target).having(func.count() >= min_events))
        with self.engine.connect() as conn:
            rows = [dict(r) for r in conn.execute(q).mappings()]
        if countries_only:
            known = self.kb.countries
            rows = [r for r in rows if r["source"] in known and r["target"] in known]
        for r in rows:
            r["conflict"] = round((r["conflict"] or 0) / r["events"], 3)
            r["goldstein"] = round(r["goldstein"], 2) if r["goldstein"] is not None else None
        return sorted(rows, key=lambda r: (-r["events"], r["source"], r["target"]))

    def count_events(self, filters: Filters | None = None) -> int:
        """How many events ``filters`` select."""
        e = t.events
        with self.engine.connect() as conn:
            where = self.checked(filters).clauses(self.kb, self.search)
            return conn.execute(select(func.count()).select_from(e).where(*where)).scalar_one()

    def unknown_actors(self, limit: int | None = 30, apart: Collection[str] = ()) -> pd.DataFrame:
        """The event actors with no country, by how many events they are in (most first): where the knowledge tables
        are worth growing. One example (document and evidence) each; ``share``: of all the event actors' slots.
        Actors named by a phrase of ``apart`` (lowercase; "the international community", "all parties": no one
        country could be them) are counted apart (``many``), not listed."""
        a, ea, m, x, d = t.actors, t.event_actors, t.mentions, t.evidence, t.documents
        key = func.lower(a.c.name)
        names = sorted({p.lower() for p in apart} | {"the " + p.lower() for p in apart})
        many_ids = select(a.c.id).where(key.in_(names))
        unknown_slots = ea.join(a, a.c.id == ea.c.actor_id)
        q = (select(key.label("name"), func.count(func.distinct(ea.c.event_id)).label("events"),
                    func.min(a.c.code).label("code"), func.min(ea.c.event_id).label("example_event"))
             .select_from(unknown_slots).where(a.c.country.is_(None), a.c.id.not_in(many_ids))
             .group_by(key).order_by(func.count(func.distinct(ea.c.event_id)).desc(), key))
        if limit:
            q = q.limit(limit)
        with self.engine.connect() as conn:
            rows = [dict(r) for r in conn.execute(q).mappings()]
            total = conn.execute(select(func.count()).select_from(ea)).scalar_one()
            nowhere = conn.execute(select(func.count()).select_from(unknown_slots)
                                   .where(a.c.country.is_(None))).scalar_one()
            many = conn.execute(select(func.count()).select_from(unknown_slots)
                                .where(a.c.country.is_(None), a.c.id.in_(many_ids))).scalar_one()
            unknown = nowhere - many
            for r in rows:
                ex = conn.execute(select(d.c.doc_key, x.c.text).select_from(
                    m.join(d, d.c.id == m.c.document_id).outerjoin(x, x.c.mention_id == m.c.id))
                    .where(m.c.event_id == r["example_event"]).order_by(m.c.id, x.c.id).limit(1)).first()
                r["document"], r["evidence"] = (ex[0], ex[1]) if ex else (None, None)
        df = pd.DataFrame(rows, columns=["name", "events", "code", "document", "evidence"])
        df.attrs.update(slots=total, unknown=unknown, many=many, share=unknown / total if total else 0.0)
        return df

    def counts(self) -> dict[str, int]:
        """How many rows each table holds."""
        with self.engine.connect() as conn:
            return {name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                    for name, table in (("documents", t.documents), ("events", t.events), ("mentions", t.mentions),
                                        ("actors", t.actors), ("aliases", t.aliases), ("runs", t.runs))}

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
