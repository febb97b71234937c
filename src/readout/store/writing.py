"""Writing coded documents into the corpus database, one fact one event row.

An event reported by several documents is stored once: its ``event_key`` is built from what makes it the same fact
(the actor codes on each side, the CAMEO code, the date at its precision, and whether it happened or was only
intended, threatened or denied). Each document's report of it is a mention with its own evidence; the event carries
how many mentions, documents and distinct publishers report it, as GDELT's NumMentions, NumArticles and NumSources
do. An event with an unknown actor or no date cannot be matched across documents and stays local to its document.

Every write goes through ``INSERT ... ON CONFLICT DO NOTHING`` followed by a lookup, so two writers never create the
same event or actor twice; all of a document's rows are written in the caller's transaction, so a crash leaves either
the whole document or nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Insert, Table, and_, bindparam, delete, func, insert, select, update

from readout.formats.dyads import actor_key as dyad_actor_key
from readout.formats.rows import event_facts, side_code
from readout.knowledge import KnowledgeBase, country_name
from readout.ontology.cameo import sector_label
from readout.records import Actor, CodedDocument, Event
from readout.store import schema as t

FACTUAL = ("asserted", "reported")  # a recalled event is the same fact as one asserted elsewhere
STORED_AS = {"date": "date_start", "source": "source_code", "target": "target_code"}  # event_row name -> column
__all__ = ["Writer", "actor_key", "actor_name", "content_hash", "event_key", "side_code"]


def content_hash(title: str, text: str) -> str:
    return hashlib.sha256((title.strip() + "\n\n" + text).encode("utf-8")).hexdigest()


def event_key(e: Event, doc_key: str) -> str:
    """What makes two reports the same fact: actors, code, date at its precision and mood (a sha1, hex)."""
    src, tgt = side_code(e.source), side_code(e.target)
    if e.mutual:
        src, tgt = sorted((src, tgt))
    when = e.when.value if e.when else ""
    mood = "fact" if e.modality in FACTUAL else e.modality
    parts = [e.cameo, src, tgt, when, mood]
    if not when or "---" in src + tgt:
        parts.append("doc:" + doc_key)  # cannot be matched across documents
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()


def actor_key(a: Actor) -> str:
    """One row per person (with their country), and one per country-and-sector for actors that are not persons
    (``formats.dyads.actor_key``, which the dyad table's actor ids are too)."""
    return dyad_actor_key(a.person, a.country, a.code, a.name or a.text)


def fit(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    """The row with every string cut to its column's length (PostgreSQL refuses longer ones; SQLite would keep
    them), so that a stray run-on "name" never stops an ingest."""
    out = dict(row)
    for name, value in row.items():
        length = getattr(table.c[name].type, "length", None)
        if length and isinstance(value, str) and len(value) > length:
            out[name] = value[:length]
    return out


def actor_name(a: Actor, kb: KnowledgeBase) -> str:
    """A person's name; for a country-and-sector actor, the country (as ``kb`` names it) and the sector ("Russia
    (Military)")."""
    if a.person:
        return a.person
    if a.country:
        sector = sector_label(a.sector) if a.sector != "IGO" else None
        return country_name(a.country, kb) + (f" ({sector})" if sector else "")
    return a.name or a.text


class Writer:
    """Writes documents on one connection; the caller owns the transaction and calls ``flush`` before committing.
    ``kb`` names the countries of the actors it stores."""

    def __init__(self, conn: Connection, run_id: int | None, kb: KnowledgeBase):
        self.conn = conn
        self.kb = kb
        self.run_id = run_id
        self._insert = _insert_ignore_for(conn)
        self.actor_counts: Counter[int] = Counter()
        self.alias_counts: Counter[tuple[int, str]] = Counter()

    # -- looking up what is stored ------------------------------------------------------------------------------------

    def stored(self, keys: list[str]) -> dict[str, tuple[int, str, int | None]]:
        """``doc_key -> (id, content_hash, run_id)`` for the keys already stored."""
        d = t.documents.c
        rows: Iterable[tuple[str, int, str, int | None]] = self.conn.execute(
            select(d.doc_key, d.id, d.content_hash, d.run_id).where(d.doc_key.in_(keys)))
        return {k: (i, h, r) for k, i, h, r in rows}

    def hash_owners(self, hashes: list[str]) -> dict[str, str]:
        """``content_hash -> doc_key`` for texts already stored under some key."""
        rows: Iterable[tuple[str, str]] = self.conn.execute(select(t.documents.c.content_hash, t.documents.c.doc_key)
                                                            .where(t.documents.c.content_hash.in_(hashes)))
        return {h: k for h, k in rows}

    # -- writing ------------------------------------------------------------------------------------------------------

    def write(self, coded: CodedDocument, doc_key: str, digest: str, replace: int | None = None) -> int:
        """Store a coded document (replacing the stored document ``replace``); returns the number of events."""
        doc = coded.document
        row: dict[str, Any] = {
            "doc_key": doc_key, "content_hash": digest, "source": doc.source or None, "url": doc.url or None,
            "title": doc.title or None, "date": doc.date, "coded_date": coded.when.start if coded.when else None,
            "language": doc.language, "text": doc.text, "meta": doc.meta or None, "pipeline": coded.pipeline,
            "readout_version": coded.readout_version, "n_events": len(coded.events), "run_id": self.run_id,
        }
        if replace is not None:
            self.remove_events(replace)
            self.conn.execute(update(t.documents).where(t.documents.c.id == replace).values(**fit(t.documents, row)))
            doc_id = replace
        else:
            inserted = self.conn.execute(insert(t.documents).values(**fit(t.documents, row))).inserted_primary_key
            assert inserted is not None  # a single-row INSERT reports the key it gave
            doc_id = inserted[0]
        date = doc.date or row["coded_date"]
        everyone = list(coded.actors) + [a for e in coded.events for a in (*e.source, *e.target)]
        actor_ids = self._actors(everyone, coded.actors, doc_id, date)
        if coded.events:
            self._events(coded.events, doc_id, doc_key, actor_ids)
        return len(coded.events)

    def _actors(self, everyone: list[Actor], mentioned: Sequence[Actor], doc_id: int,
                date: str | None) -> dict[str, int]:
        """Store the document's actors (one statement a table); counts and aliases come from its mentions."""
        if not everyone:
            return {}
        first: dict[str, Actor] = {}
        for a in everyone:
            first.setdefault(actor_key(a), a)
        self._insert(t.actors, [{"actor_key": k, "name": actor_name(a, self.kb)[:512], "code": a.code,
                                 "country": a.country, "sector": a.sector, "role": a.role if a.person else None,
                                 "person": a.person, "n_mentions": 0}
                                for k, a in first.items()])
        ids: dict[str, int] = dict(self.conn.execute(select(t.actors.c.actor_key, t.actors.c.id)
                                     .where(t.actors.c.actor_key.in_(list(first)))).all())
        self.actor_counts.update(ids[actor_key(a)] for a in mentioned)
        aliases: Counter[tuple[int, str]] = Counter()
        how: dict[tuple[int, str], str | None] = {}
        for a in mentioned:
            alias = " ".join(a.text.split())[:512]
            if alias:
                key = (ids[actor_key(a)], alias)
                aliases[key] += 1
                how.setdefault(key, a.resolved_by or None)
        if aliases:
            self._insert(t.aliases, [{"actor_id": i, "alias": al, "resolved_by": how[(i, al)],
                                      "first_document_id": doc_id, "first_date": date, "n_mentions": 0}
                                     for i, al in aliases])
            self.alias_counts.update(aliases)
        return ids

    def flush(self) -> None:
        """Add up the mention counts of actors and aliases gathered since the last flush (call before commit)."""
        if self.actor_counts:
            self.conn.execute(update(t.actors).where(t.actors.c.id == bindparam("aid"))
                              .values(n_mentions=t.actors.c.n_mentions + bindparam("n")),
                              [{"aid": i, "n": n} for i, n in sorted(self.actor_counts.items())])
        if self.alias_counts:
            self.conn.execute(update(t.aliases).where(and_(t.aliases.c.actor_id == bindparam("aid"),
                                                           t.aliases.c.alias == bindparam("al")))
                              .values(n_mentions=t.aliases.c.n_mentions + bindparam("n")),
                              [{"aid": i, "al": al, "n": n} for (i, al), n in sorted(self.alias_counts.items())])
        self.actor_counts.clear()
        self.alias_counts.clear()

    def _events(self, coded_events: list[Event], doc_id: int, doc_key: str, actor_ids: dict[str, int]) -> None:
        """Store a document's events: new facts inserted, known ones found, one mention each, in a few statements."""
        keys = [event_key(e, doc_key) for e in coded_events]
        records = [json.loads(json.dumps(e.to_dict())) for e in coded_events]
        rows: dict[str, dict[str, Any]] = {}
        for key, e, rec in zip(keys, coded_events, records, strict=True):
            rows.setdefault(key, self.event_fields(e, rec, key, doc_id))
        self._insert(t.events, list(rows.values()))
        known: Iterable[tuple[str, int, str]] = self.conn.execute(
            select(t.events.c.event_key, t.events.c.id, t.events.c.modality).where(t.events.c.event_key.in_(keys)))
        found = {k: (i, m) for k, i, m in known}
        self.conn.execute(insert(t.mentions), [
            {"event_id": found[k][0], "document_id": doc_id, "ordinal": i, "modality": e.modality,
             "record": rec} for i, (k, e, rec) in enumerate(zip(keys, coded_events, records, strict=True))])
        mention_ids: dict[int, int] = dict(self.conn.execute(select(t.mentions.c.ordinal, t.mentions.c.id)
                                             .where(t.mentions.c.document_id == doc_id)).all())
        evidence, dyads, sides, asserted = [], set(), set(), set()
        for i, (k, e) in enumerate(zip(keys, coded_events, strict=True)):
            event_id = found[k][0]
            evidence += [{"mention_id": mention_ids[i], "field": x.field, "sentence_start": x.sentence[0],
                          "sentence_end": x.sentence[1], "trigger_start": x.trigger[0], "trigger_end": x.trigger[1],
                          "rule": x.rule, "text": x.text} for x in e.evidence]
            dyads |= {(event_id, src, tgt) for src, tgt in e.dyads()}
            sides |= {(event_id, actor_ids[actor_key(a)], side)
                      for side, group in (("source", e.source), ("target", e.target)) for a in group}
            if e.modality == "asserted" and found[k][1] != "asserted":
                asserted.add(event_id)
        if evidence:
            self.conn.execute(insert(t.evidence), [fit(t.evidence, x) for x in evidence])
        if dyads:
            self._insert(t.dyads, [{"event_id": i, "source": s, "target": g} for i, s, g in sorted(dyads)])
        if sides:
            self._insert(t.event_actors, [{"event_id": i, "actor_id": a, "side": s} for i, a, s in sorted(sides)])
        if asserted:
            self.conn.execute(update(t.events).where(t.events.c.id.in_(sorted(asserted))).values(modality="asserted"))
        self.recount(sorted({i for i, _ in found.values()}))

    @staticmethod
    def event_fields(e: Event, record: dict[str, Any], key: str, doc_id: int | None) -> dict[str, Any]:
        """The ``events`` row of an event (``record``: its ``to_dict``), before any document's counts."""
        facts = event_facts(e, record)
        row = {STORED_AS.get(k, k): v for k, v in facts.items() if k not in ("evidence", "rule")}
        row.update(event_key=key, n_mentions=0, n_documents=0, n_sources=0, first_document_id=doc_id)
        return row

    def recount(self, event_ids: list[int]) -> None:
        """Recompute the mention, document and publisher counts of events from their mentions (one statement)."""
        if not event_ids:
            return
        e, m, d = t.events, t.mentions, t.documents
        mine = m.c.event_id == e.c.id
        publishers = (select(func.count(func.distinct(func.coalesce(d.c.source, d.c.doc_key))))
                      .select_from(m.join(d, d.c.id == m.c.document_id)).where(mine).scalar_subquery())
        self.conn.execute(update(e).where(e.c.id.in_(event_ids)).values(
            n_mentions=select(func.count(m.c.id)).where(mine).scalar_subquery(),
            n_documents=select(func.count(func.distinct(m.c.document_id))).where(mine).scalar_subquery(),
            n_sources=publishers,
            first_document_id=select(func.min(m.c.document_id)).where(mine).scalar_subquery()))

    def remove_events(self, doc_id: int) -> None:
        """Take a document's mentions out (before it is coded again); events no other document reports go too."""
        m = t.mentions
        event_ids = sorted({r[0] for r in self.conn.execute(select(m.c.event_id).where(m.c.document_id == doc_id))})
        mention_ids = select(m.c.id).where(m.c.document_id == doc_id)
        self.conn.execute(delete(t.evidence).where(t.evidence.c.mention_id.in_(mention_ids)))
        self.conn.execute(delete(m).where(m.c.document_id == doc_id))
        self.conn.execute(update(t.aliases).where(t.aliases.c.first_document_id == doc_id)
                          .values(first_document_id=None))
        self.recount(event_ids)
        orphans = [r[0] for r in self.conn.execute(select(t.events.c.id).where(
            and_(t.events.c.id.in_(event_ids), t.events.c.n_mentions == 0)))]
        if orphans:
            for table in (t.dyads, t.event_actors):
                self.conn.execute(delete(table).where(table.c.event_id.in_(orphans)))
            self.conn.execute(delete(t.events).where(t.events.c.id.in_(orphans)))


def _insert_ignore_for(conn: Connection) -> Callable[[Table, list[dict[str, Any]]], None]:
    """``INSERT ... ON CONFLICT DO NOTHING`` in the connection's dialect."""
    postgresql = conn.dialect.name == "postgresql"

    def run(table: Table, rows: list[dict[str, Any]]) -> None:
        if rows:
            conn.execute(_insert_ignore(table, postgresql), [fit(table, r) for r in rows])

    return run


def _insert_ignore(table: Table, postgresql: bool) -> Insert:
    if postgresql:
        from sqlalchemy.dialects.postgresql import insert as postgresql_insert

        return postgresql_insert(table).on_conflict_do_nothing()
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table).on_conflict_do_nothing()
