"""Readers: plain text, the corpus JSONL format (one JSON object a line), HTML pages, RSS/Atom feeds and CSV/TSV
tables, each optionally gzipped, from files, folders or stdin. Each yields Documents and, for what cannot be read, an
``InputError`` naming the file and line (or feed entry), so that one bad record never stops the rest.

HTML and feeds are read by :mod:`readout.formats.markup`, tables by :mod:`readout.formats.tables`; both are imported
only when such a file comes, so reading text or JSONL never loads trafilatura or feedparser.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO

from readout.errors import InputError, InputWarning
from readout.records import CodedDocument, Document

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: File suffix (lower case, without ``.gz``) -> the reader that takes it.
KINDS = {".txt": "text", ".md": "text", ".jsonl": "jsonl", ".ndjson": "jsonl", ".html": "html", ".htm": "html",
         ".xml": "feed", ".rss": "feed", ".atom": "feed", ".csv": "csv", ".tsv": "tsv"}
#: Document fields a field mapping may fill (``meta`` takes every column that is not one of them).
FIELDS = ("text", "id", "title", "url", "source", "date", "language")
_MARKUP_RE = re.compile(rb"<(rss|feed|rdf:rdf|!doctype\s+html|html)[\s>]", re.IGNORECASE)
_SNIFFED = {b"rss": "feed", b"feed": "feed", b"rdf:rdf": "feed"}
Item = Document | CodedDocument | InputError


def read(path: str, date: str | None = None, encoding: str = "utf-8",
         fields: Mapping[str, str] | None = None) -> Iterator[Item]:
    """Documents from ``path``: a file, a folder (every readable file under it, in sorted order), or ``-`` for stdin.

    The reader is chosen by suffix (``.txt .md .jsonl .ndjson .html .htm .xml .rss .atom .csv .tsv``, each also
    gzipped); stdin and other suffixes are sniffed. ``date`` (YYYY-MM-DD) is the date of documents that carry none.
    ``fields`` maps readout's field names to the key or column names of JSONL and CSV records, e.g.
    ``{"text": "body", "date": "published_at"}``; keys it does not name keep their own names.

    Raises ValueError at once (not on iteration) if ``fields`` names something that is not a Document field.
    """
    return _read(path, date, encoding, check_fields(fields))


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


def _read_stream(name: str, fh: BinaryIO, date: str | None, encoding: str, kind: str | None = None,
                 fields: dict[str, str] | None = None) -> Iterator[Item]:
    """Documents from an open binary stream, read as ``kind`` (sniffed from the first 4 KB if None)."""
    head = fh.read(4096)
    if kind is None:
        kind = sniff(head)
    stream = io.BufferedReader(_Prepend(head, fh))  # type: ignore[arg-type]
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

    def __init__(self, head: bytes, rest: BinaryIO):
        self.head, self.rest = head, rest

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:  # type: ignore[no-untyped-def]
        if self.head:
            n = min(len(b), len(self.head))
            b[:n] = self.head[:n]
            self.head = self.head[n:]
            return n
        chunk = self.rest.read(len(b))
        b[: len(chunk)] = chunk
        return len(chunk)


def is_utf8(encoding: str) -> bool:
    return encoding.lower().replace("_", "-") in ("utf-8", "utf8")


def _decode(name: str, data: bytes, encoding: str) -> str | InputError:
    if b"\x00" in data[:8192]:
        return InputError(name, "binary data, not text (a NUL byte); give a .txt or .jsonl file")
    try:
        return data.decode("utf-8-sig" if is_utf8(encoding) else encoding)
    except UnicodeDecodeError as err:
        return InputError(name, f"not {encoding} text: byte 0x{data[err.start]:02x} at offset {err.start}; "
                                "convert the file to UTF-8 or pass --encoding")
    except LookupError:
        return InputError(name, f"unknown encoding {encoding!r}")


def stem(name: str) -> str:
    """A document id from a file name: the name without folders, ``.gz`` and suffix; ``stdin`` for stdin."""
    if name == "<stdin>":
        return "stdin"
    return Path(name[:-3] if name.lower().endswith(".gz") else name).stem


def _text_document(name: str, data: bytes, date: str | None, encoding: str) -> Iterator[Item]:
    text = _decode(name, data, encoding)
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
        line = _decode(where, raw, encoding)
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


def record_document(where: str, record: Mapping[str, Any], default_id: str, date: str | None,
                    fields: Mapping[str, str], drop_empty: bool = False) -> Iterator[Item]:
    """The Document of one JSONL or CSV record, its keys renamed by ``fields``; an InputError if it has no text.

    A key that a mapped field shadows (``text`` when ``{"text": "body"}``) goes to ``meta`` under its own name, as do
    keys that are not Document fields. With ``drop_empty`` (CSV), empty strings in Document fields count as absent.
    """
    obj, shadowed = remap(record, fields)
    if drop_empty:
        obj = {k: v for k, v in obj.items() if not (v == "" and k in FIELDS and k != "text")}
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        column = fields.get("text", "text")
        mapped = " (mapped to \"text\")" if column != "text" else ""
        yield InputError(where, f"no \"{column}\" field{mapped}, or it is empty")
        return
    try:
        doc = Document.from_dict({**obj, "id": str(obj.get("id") or default_id)})
        doc.meta = {**shadowed, **doc.meta}
    except (TypeError, ValueError) as err:
        yield InputError(where, f"cannot make a document of this record: {err}")
        return
    doc.date = doc.date or date
    if doc.date is not None:
        normal = normalise_date(str(doc.date))
        if normal is None:
            yield InputWarning(where, f"unknown date format {doc.date!r} (expected YYYY-MM-DD); coded without it")
        doc.date = normal
    yield doc


def remap(record: Mapping[str, Any], fields: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """``record`` with its keys renamed by ``fields`` (readout name -> record key), and the keys a mapped field
    shadowed (kept apart so that they do not overwrite it)."""
    if not fields:
        return dict(record), {}
    renamed: dict[str, list[str]] = {}
    for name, column in fields.items():
        renamed.setdefault(column, []).append(name)
    out: dict[str, Any] = {}
    shadowed: dict[str, Any] = {}
    for key, value in record.items():
        if key in renamed:
            for name in renamed[key]:
                out[name] = value
        elif key in fields:
            shadowed[key] = value
        else:
            out[key] = value
    return out, shadowed


def normalise_date(value: str) -> str | None:
    """A document date as YYYY-MM-DD, from that form or from words ("April 25, 2025"); None if unreadable."""
    value = value.strip()
    if DATE_RE.match(value):
        return value
    if re.match(r"^\d{4}-\d{2}-\d{2}[T ]", value):
        return value[:10]
    from readout.nlp.dating import parse

    found = parse(value)
    return found.start if found is not None and found.precision == "day" else None
