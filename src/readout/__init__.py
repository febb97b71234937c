"""readout: political event data from diplomatic readouts and international news.

    >>> import readout
    >>> coded = readout.code("On May 3, 2024, Foreign Minister Wang Yi met with ...")
    >>> [e.cameo for e in coded.events]
"""

from __future__ import annotations

from functools import cache

from readout.records import Actor, CodedDocument, Document, Event, Evidence, Place, When
from readout.version import __version__


@cache
def _default_coder():
    from readout.coder import Coder

    return Coder()


def code(text: str, date: str | None = None) -> CodedDocument:
    """Code one text with the default Coder (built on first use). ``date``: the document's date, YYYY-MM-DD."""
    return _default_coder().code(Document(text=text, date=date))


def open(db: str | None = None):  # noqa: A001 - readout.open(db), as the issue and the README show it
    """The coded corpus in a database (a file path or URL; default ``$READOUT_DB`` or ``./readout.db``):
    ``readout.open("readout.db").events(dyad=("CHN", "TJK"))`` is a pandas DataFrame."""
    from readout.store import Corpus

    return Corpus(db)


def __getattr__(name: str):
    if name == "Coder":
        from readout.coder import Coder

        return Coder
    raise AttributeError(name)


__all__ = ["Actor", "CodedDocument", "Coder", "Document", "Event", "Evidence", "Place", "When", "__version__", "code",
           "open"]
