"""Searching evidence words and actor names with an index where the database has one.

Migration 0003 indexes the evidence sentences (``evidence.text``), actor names (``actors.name``) and the aliases
they were learned under (``actor_aliases.alias``):

- SQLite: an FTS5 table with the trigram tokenizer beside each (``evidence_fts`` ...), kept in step by triggers. A
  quoted phrase of three or more characters matched against it finds every row holding that text anywhere, case
  folded, from the index.
- PostgreSQL: a trigram GIN index (``pg_trgm``) on ``lower(column)``, which the planner uses for the same
  ``lower(column) LIKE '%...%'`` a database without it scans.

Both find what a scan would: the text as written, anywhere in the value, without regard to case. A search shorter
than three characters, or a database without the index (an SQLite built without FTS5's trigram tokenizer, a
PostgreSQL server without pg_trgm), scans.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Engine, Select, Table, column, func, inspect, literal_column, select, table

INDEXED = {"evidence": "text", "actors": "name", "actor_aliases": "alias"}  # table -> the column searched
MIN_CHARS = 3  # a trigram index finds nothing shorter


def fts_table(name: str) -> str:
    """The FTS5 table that indexes the table ``name`` (SQLite)."""
    return f"{name}_fts"


def trigram_index(name: str) -> str:
    """The trigram index on the table ``name``'s searched column (PostgreSQL)."""
    return f"ix_{name}_{INDEXED[name]}_trgm"


def is_search_object(name: str | None) -> bool:
    """Whether a table or index of that name belongs to the search indexes (not to ``schema.metadata``): the FTS5
    tables and their shadow tables, and the trigram indexes."""
    return bool(name) and any(str(name) == trigram_index(t) or str(name).startswith(fts_table(t))
                              for t in INDEXED)


def contains(value: str) -> str:
    """A LIKE pattern (escape character ``\\``) for lower-cased text holding ``value`` as written: a ``%`` or ``_``
    the user typed is a character, not a wildcard."""
    v = value.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{v}%"


def phrase(value: str) -> str:
    """An FTS5 query for the text ``value`` as one phrase (its quotes doubled): with the trigram tokenizer, the rows
    holding it anywhere."""
    return '"' + value.strip().replace('"', '""') + '"'


@dataclass(frozen=True)
class Search:
    """How a database finds text: ``fts`` when it has the SQLite FTS5 tables (``search_of``)."""

    fts: bool = False

    def holds(self, searched: Table, value: str) -> ColumnElement[bool]:
        """The rows of ``searched`` (a table of ``INDEXED``) whose searched column holds ``value``, case folded."""
        if self.fts and len(value.strip()) >= MIN_CHARS:
            name = fts_table(searched.name)
            rowids: Select[Any] = select(column("rowid")).select_from(table(name)).where(
                literal_column(name).op("MATCH")(phrase(value)))
            return searched.c.id.in_(rowids)
        return func.lower(searched.c[INDEXED[searched.name]]).like(contains(value), escape="\\")


SCAN = Search()  # a database without the search index


def search_of(engine: Engine) -> Search:
    """How ``engine``'s database finds text: from the FTS5 tables where SQLite has them; PostgreSQL's planner uses
    its trigram indexes by itself."""
    if engine.dialect.name != "sqlite":
        return Search()
    with engine.connect() as conn:
        names = set(inspect(conn).get_table_names())
    return Search(fts=all(fts_table(t) in names for t in INDEXED))
