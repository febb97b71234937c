"""What the corpus teaches the coder: people earlier documents introduced with their country and office, so that a
later "Muhriddin" alone resolves to the Tajik foreign minister a document named in full before.

Only what stored documents stated is learned: persons with a country, by surname; a surname two people share
teaches nothing. Each learned person says where it was learned (``store:Sirojiddin Muhriddin@doc-key,2025-04-25``),
and a mention resolved this way carries that in its ``resolved_by``.

What is learned changes as documents are stored, so a coder that codes ahead of the store (on Dask workers) notes
which surnames each document looked up (``Noting``): if what the store knows of any of them changed by the time the
document is written, it is coded again, and the result is what coding in order gives.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, func, select

from readout.records import Actor
from readout.store import schema as t


def learned_people(conn: Connection) -> dict[str, Actor]:
    """Surname (lower case) -> the person stored documents introduced under it."""
    a, al, d = t.actors, t.aliases, t.documents
    first = (select(al.c.actor_id, func.min(al.c.first_document_id).label("doc_id"))
             .group_by(al.c.actor_id).subquery())
    rows: Sequence[tuple[str, str, str | None, str | None, str | None, str | None]] = conn.execute(
        select(a.c.person, a.c.country, a.c.sector, a.c.role, d.c.doc_key, d.c.date)
        .select_from(a.join(first, first.c.actor_id == a.c.id).outerjoin(d, d.c.id == first.c.doc_id))
        .where(a.c.person.is_not(None), a.c.country.is_not(None))
        .order_by(a.c.id)).all()
    people: dict[str, Actor] = {}
    shared: set[str] = set()
    for person, country, sector, role, doc_key, date in rows:
        words = person.split()
        if len(words) < 2:
            continue  # a single name teaches nothing safe
        key = words[-1].lower()
        known = people.get(key)
        if known is not None and (known.person != person or known.country != country):
            shared.add(key)
            continue
        people.setdefault(key, Actor(text=person, name=person, person=person, country=country, sector=sector,
                                     role=role, resolved_by=f"store:{person}@{doc_key},{date or ''}"))
    return {k: v for k, v in people.items() if k not in shared}


class Noting:
    """A memory handed to a Coder that notes, for each document, every surname the document looks up in it."""

    def __init__(self, memory: Mapping[str, Actor]):
        self.memory = memory
        self.looked_up: dict[int, set[str]] = {}  # id of the Document -> surnames

    def for_document(self, document: Any) -> Noted:
        return Noted(self.memory, self.looked_up.setdefault(id(document), set()))


class Noted(Mapping[str, Actor]):
    """The memory as one document sees it; every lookup (``get``, ``in``, ``[]``) is noted."""

    def __init__(self, memory: Mapping[str, Actor], seen: set[str]):
        self.memory, self.seen = memory, seen

    def __getitem__(self, key: str) -> Actor:
        self.seen.add(key)
        return self.memory[key]

    def __iter__(self) -> Iterator[str]:
        raise TypeError("a noted memory is looked up by surname, not gone through")

    def __len__(self) -> int:
        return len(self.memory)

    def __bool__(self) -> bool:
        return True  # ``learned or {}`` must still look up, and note, in an empty memory
