"""What a query of events selects: ``Filters``, each field a condition (actor, country, dyad, codes, dates, words,
modality, document), checked against the codebooks and the corpus, and turned into SQL."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from sqlalchemy import ColumnElement, and_, exists, func, literal, or_, select

from readout.knowledge import KnowledgeBase, country_code
from readout.store import schema as t
from readout.store.checks import check_cameo, check_country, check_modality, check_plover, filter_date
from readout.store.search import SCAN, Search


@dataclass
class Filters:
    """What ``events`` selects. Each field left empty selects everything."""

    actor: str | None = None  # a name, alias or actor code ("Wang Yi", "Muhriddin", "CHNGOV")
    country: str | None = None  # on either side
    dyad: tuple[str, str] | None = None  # source, target (directed)
    cameo: str | None = None  # a code or its prefix ("04", "042")
    plover: str | None = None  # a PLOVER type ("CONSULT")
    since: str | None = None  # events that end on or after this date
    until: str | None = None  # events that start on or before this date
    text: str | None = None  # words in the evidence
    modality: str | Sequence[str] | None = None  # one or several ("asserted,reported")
    document: str | None = None  # a document key

    def checked(self, kb: KnowledgeBase, stored: Callable[[str], bool]) -> Filters:
        """These filters with every value checked against the codebooks, the knowledge tables and the corpus
        (``stored``: whether a dyad holds a code), and normalised; a value that can match nothing is an error."""
        return replace(
            self, country=check_country(self.country, kb, stored) if self.country else None,
            dyad=(check_country(self.dyad[0], kb, stored, "dyad source"),
                  check_country(self.dyad[1], kb, stored, "dyad target")) if self.dyad else None,
            cameo=check_cameo(self.cameo) if self.cameo else None,
            plover=check_plover(self.plover) if self.plover else None,
            since=filter_date(self.since, "--since") if self.since else None,
            until=filter_date(self.until, "--until", end=True) if self.until else None,
            modality=check_modality(self.modality) if self.modality else None)

    def clauses(self, kb: KnowledgeBase, search: Search = SCAN) -> list[ColumnElement[bool]]:
        """The SQL conditions; ``kb`` turns the country names given into codes, ``search`` finds words and names
        (from the database's search index where it has one)."""
        e = t.events
        out: list[ColumnElement[bool]] = []
        if self.actor:
            a, al, ea = t.actors, t.aliases, t.event_actors
            # the actors that match, found once (not once per event), then the events they take part in
            matching = select(a.c.id).where(or_(search.holds(a, self.actor),
                                                a.c.code == self.actor.strip().upper())).union(
                select(al.c.actor_id).where(search.holds(al, self.actor)))
            out.append(e.c.id.in_(select(ea.c.event_id).where(ea.c.actor_id.in_(matching))))
        if self.country:
            d = t.dyads
            code = country_code(self.country, kb)
            out.append(exists(select(literal(1)).where(and_(d.c.event_id == e.c.id,
                                                            or_(d.c.source == code, d.c.target == code)))))
        if self.dyad:
            d = t.dyads
            src, tgt = (country_code(x, kb) for x in self.dyad)
            out.append(exists(select(literal(1)).where(and_(d.c.event_id == e.c.id, d.c.source == src,
                                                            d.c.target == tgt))))
        if self.cameo:
            out.append(e.c.cameo.like(self.cameo.strip() + "%"))
        if self.plover:
            out.append(e.c.plover_type == self.plover.strip().upper())
        if self.since:
            out.append(func.coalesce(e.c.date_end, e.c.date_start) >= filter_date(self.since, "--since"))
        if self.until:
            out.append(e.c.date_start <= filter_date(self.until, "--until", end=True))
        if self.modality:
            out.append(e.c.modality.in_(check_modality(self.modality)))
        if self.text:
            m, x = t.mentions, t.evidence
            # the sentences that hold the words, found once, then the events they are evidence of
            out.append(e.c.id.in_(select(m.c.event_id).select_from(x.join(m, m.c.id == x.c.mention_id))
                                  .where(search.holds(x, self.text))))
        if self.document:
            m, d = t.mentions, t.documents
            out.append(exists(select(literal(1)).select_from(m.join(d, d.c.id == m.c.document_id)).where(
                and_(m.c.event_id == e.c.id, d.c.doc_key == self.document))))
        return out
