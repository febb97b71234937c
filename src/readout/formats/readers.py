"""Readers: plain text, the corpus JSONL format (one JSON object a line), HTML pages, RSS/Atom feeds and CSV/TSV
tables, each optionally gzipped, from files, folders or stdin. Each yields Documents and, for what cannot be read, an
``InputError`` naming the file and line (or feed entry), so that one bad record never stops the rest.

HTML and feeds are read by :mod:`readout.formats.markup`, tables by :mod:`readout.formats.tables`; both are imported
only when such a file comes, so reading text or JSONL never loads trafilatura or feedparser. What every reader shares
(the record -> Document step, decoding) is in :mod:`readout.formats.documents`.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Protocol

from readout.errors import InputError
from readout.formats.documents import (
    DATE_RE,
    FIELDS,
    Item,
    decode,
    is_utf8,
    normalise_date,
    record_document,
    remap,
    stem,
)
from readout.records import CodedDocument, Document
from readout.settings import MAX_DOCUMENT

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

__all__ = ["DATE_RE", "FIELDS", "Item", "check_fields", "decode", "is_utf8", "kind_of", "normalise_date", "read",
           "record_document", "remap", "sniff", "stem"]

#: File suffix (lower case, without ``.gz``) -> the reader that takes it.
KINDS = {".txt": "text", ".md": "text", ".jsonl": "jsonl", ".ndjson": "jsonl", ".html": "html", ".htm": "html",
         ".xml": "feed", ".rss": "feed", ".atom": "feed", ".csv": "csv", ".tsv": "tsv"}
#: Document fields a field mapping may fill (``meta`` takes every column that is not one of them).
_MARKUP_RE = re.compile(rb"<(rss|feed|rdf:rdf|!doctype\s+html|html)[\s>]", re.IGNORECASE)
_SNIFFED = {b"rss": "feed", b"feed": "feed", b"rdf:rdf": "feed"}


def read(path: str, date: str | None = None, encoding: str = "utf-8",
         fields: Mapping[str, str] | None = None, max_chars: int | None = MAX_DOCUMENT) -> Iterator[Item]:
    """Documents from ``path``: a file, a folder (every readable file under it, in sorted order), or ``-`` for stdin.

    The reader is chosen by suffix (``.txt .md .jsonl .ndjson .html .htm .xml .rss .atom .csv .tsv``, each also
    gzipped); stdin and other suffixes are sniffed. ``date`` (YYYY-MM-DD) is the date of documents that carry none.
    ``fields`` maps readout's field names to the key or column names of JSONL and CSV records, e.g.
    ``{"text": "body", "date": "published_at"}``; keys it does not name keep their own names.

    A document whose text is over ``max_chars`` characters is an InputError (the rest are read on).

    Raises ValueError at once (not on iteration) if ``fields`` names something that is not a Document field.
    """
    items = _read(path, date, encoding, check_fields(fields))
    return _bounded(path, items, max_chars) if max_chars else items


def _bounded(path: str, items: Iterator[Item], max_chars: int) -> Iterator[Item]:
    for item in items:
        if isinstance(item, Document) and len(item.text) > max_chars:
            yield InputError(f"{path}: document {item.id!r}", f"{len(item.text):,} characters, over the limit of "
                             f"{max_chars:,} a document may have (--max-chars); not coded")
        else:
            yield item


def check_fields(fields: Mapping[str, str] | None) -> dict[str, str]:
    """The field mapping, checked: keys must be Document fields, values non-empty key or column names."""
    if not fields:
        return {}
    for name, column in fields.items():
        if name not in FIELDS:
            raise ValueError(f"field mapping: {name!r} is not a document field; the fields are {', '.join(FIELDS)}")
        if not isinstance(column, str) or not column:
            raise ValueError(f"field mapping: {name!r} must map to a key or column name, not {column!r}")
    return dict(fields)


def kind_of(name: str) -> str | None:
    """The reader for a file name by its suffix (``text``, ``jsonl``, ``html``, ``feed``, ``csv``, ``tsv``), or None
    if the suffix is not known."""
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    return KINDS.get(Path(lower).suffix)


def sniff(head: bytes) -> str:
    """The reader for data that starts with ``head``: JSONL if it starts with ``{``, a feed or HTML if it starts with
    markup whose first telling tag is ``<rss``, ``<feed``, ``<rdf:RDF`` or ``<!doctype html``/``<html``; else text."""
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if start[:1] == b"{":
        return "jsonl"
    if start[:1] == b"<":
        found = _MARKUP_RE.search(start)
        if found:
            return _SNIFFED.get(found.group(1).lower(), "html")
    return "text"


def _read(path: str, date: str | None, encoding: str, fields: dict[str, str]) -> Iterator[Item]:
    if path == "-":
        yield from _read_stream("<stdin>", sys.stdin.buffer, date, encoding, fields=fields)
        return
    p = Path(path)
    if p.is_dir():
        for f in sorted(f for f in p.rglob("*") if f.is_file() and kind_of(f.name) is not None):
            yield from _read(str(f), date, encoding, fields)
        return
    if not p.exists():
        yield InputError(path, "no such file")
        return
    try:
        with (gzip.open(p, "rb") if p.name.lower().endswith(".gz") else open(p, "rb")) as fh:
            yield from _read_stream(path, fh, date, encoding, kind_of(p.name), fields)
    except (OSError, EOFError) as err:
        yield InputError(path, f"cannot read: {err}")


class Readable(Protocol):
    """A binary stream as reading uses it: stdin's buffer, an open file, a gzip file."""

    def read(self, size: int = -1, /) -> bytes: ...


def _read_stream(name: str, fh: Readable, date: str | None, encoding: str, kind: str | None = None,
                 fields: dict[str, str] | None = None) -> Iterator[Item]:
    """Documents from an open binary stream, read as ``kind`` (sniffed from the first 4 KB if None)."""
    head = fh.read(4096)
    if kind is None:
        kind = sniff(head)
    stream = io.BufferedReader(_Prepend(head, fh))
    if kind == "jsonl":
        yield from _read_jsonl(name, stream, date, encoding, fields or {})
    elif kind in ("csv", "tsv"):
        from readout.formats.tables import read_table

        yield from read_table(name, stream, date, encoding, fields or {}, delimiter="\t" if kind == "tsv" else ",")
    elif kind == "html":
        from readout.formats.markup import read_html

        yield from read_html(name, stream.read(), date, encoding)
    elif kind == "feed":
        from readout.formats.markup import read_feed

        yield from read_feed(name, stream.read(), date, encoding)
    else:
        yield from _text_document(name, stream.read(), date, encoding)


class _Prepend(io.RawIOBase):
    """A raw stream that first returns bytes already read."""

    def __init__(self, head: bytes, rest: Readable):
        self.head, self.rest = head, rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer, /) -> int:
        b = memoryview(buffer).cast("B")
        if self.head:
            n = min(len(b), len(self.head))
            b[:n] = self.head[:n]
            self.head = self.head[n:]
            return n
        chunk = self.rest.read(len(b))
        b[: len(chunk)] = chunk
        return len(chunk)


def _text_document(name: str, data: bytes, date: str | None, encoding: str) -> Iterator[Item]:
    text = decode(name, data, encoding)
    if isinstance(text, InputError):
        yield text
        return
    if not text.strip():
        yield InputError(name, "empty file: no text to code")
        return
    yield Document(text=text, id=stem(name), date=date, source=name)


def _read_jsonl(name: str, stream: BinaryIO, date: str | None, encoding: str,
                fields: dict[str, str]) -> Iterator[Item]:
    seen_any = False
    for lineno, raw in enumerate(stream, start=1):
        where = f"{name}:{lineno}"
        line = decode(where, raw, encoding)
        if isinstance(line, InputError):
            yield line
            continue
        if not line.strip():
            continue
        seen_any = True
        try:
            obj = json.loads(line.rstrip("\r\n"))
        except json.JSONDecodeError as err:
            yield InputError(where, f"invalid JSON at column {err.colno}: {err.msg}")
            continue
        except RecursionError:
            yield InputError(where, "JSON nested too deeply to read")
            continue
        if not isinstance(obj, dict):
            yield InputError(where, "a JSON line must be an object with a \"text\" field")
            continue
        if isinstance(obj.get("document"), dict) and isinstance(obj.get("events"), list) and "text" not in obj:
            yield _coded_document(where, obj)
            continue
        yield from record_document(where, obj, f"{Path(name).name}:{lineno}", date, fields)
    if not seen_any:
        yield InputError(name, "empty file: no JSON lines")


def _coded_document(where: str, obj: dict[str, Any]) -> CodedDocument | InputError:
    """A line of ``readout code --format jsonl`` output: a document with its events, coded already."""
    try:
        coded = CodedDocument.from_dict(obj)
    except (KeyError, TypeError, ValueError, IndexError) as err:
        return InputError(where, f"not a coded document ({type(err).__name__}: {err})")
    if not coded.document.text.strip():
        return InputError(where, "the coded document has no text")
    return coded


