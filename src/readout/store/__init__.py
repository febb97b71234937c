"""The corpus database: schema and migrations (``schema``, ``database``), writing coded documents once per fact
(``writing``), ingesting inputs (``ingest``), and queries (``queries``)."""

from __future__ import annotations

from readout.store.queries import Corpus, Filters


def open(db: str | None = None, knowledge: str | None = None) -> Corpus:  # noqa: A001 - reads like the builtin
    """The corpus in ``db`` (a file path or URL; default ``$READOUT_DB`` or ``./readout.db``); ``knowledge``: the
    knowledge folder its country names and PLOVER contexts come from."""
    return Corpus(db, knowledge=knowledge)


__all__ = ["Corpus", "Filters", "open"]
