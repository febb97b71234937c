"""The corpus database: schema and migrations (``schema``, ``database``), writing coded documents once per fact
(``writing``), ingesting inputs (``ingest``), and queries (``queries``)."""

from __future__ import annotations

from readout.store.queries import Corpus, Filters


def open(db: str | None = None) -> Corpus:  # noqa: A001 - readout.open(db) reads like the builtin on purpose
    """The corpus in ``db`` (a file path or URL; default ``$READOUT_DB`` or ``./readout.db``)."""
    return Corpus(db)


__all__ = ["Corpus", "Filters", "open"]
