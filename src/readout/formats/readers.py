"""Readers: plain text and the corpus JSONL format (one JSON object a line, optionally gzipped), from files, folders
or stdin. Each yields Documents and, for what cannot be read, an ``InputError`` naming the file and line, so that one
bad record never stops the rest."""

from __future__ import annotations

import gzip
import io
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from readout.errors import InputError, InputWarning
from readout.records import Document

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
Item = Document | InputError


def read(path: str, date: str | None = None, encoding: str = "utf-8") -> Iterator[Item]:
    """Documents from ``path``: a file, a folder (every .txt and .jsonl under it), or ``-`` for stdin."""
    if path == "-":
        yield from _read_stream("<stdin>", sys.stdin.buffer, date, encoding)
        return
    p = Path(path)
    if p.is_dir():
        files = sorted(f for f in p.rglob("*") if f.is_file() and (f.suffix in (".txt", ".md")
                                                                    or f.name.endswith(JSONL_SUFFIXES)))
        for f in files:
            yield from read(str(f), date, encoding)
        return
    if not p.exists():
        yield InputError(path, "no such file")
        return
    try:
        if p.name.endswith(".gz"):
            with gzip.open(p, "rb") as fh:
                yield from _read_stream(path, fh, date, encoding, jsonl=p.name.endswith(JSONL_SUFFIXES))
        else:
            with open(p, "rb") as fh:
                yield from _read_stream(path, fh, date, encoding, jsonl=p.name.endswith(JSONL_SUFFIXES))
    except (OSError, EOFError) as err:
        yield InputError(path, f"cannot read: {err}")


def _read_stream(name: str, fh: BinaryIO, date: str | None, encoding: str, jsonl: bool | None = None) -> Iterator[Item]:
    head = fh.read(4096)
    if jsonl is None:
        jsonl = head.lstrip()[:1] == b"{"
    stream = io.BufferedReader(_Prepend(head, fh))  # type: ignore[arg-type]
    if jsonl:
        yield from _read_jsonl(name, stream, date, encoding)
    else:
        data = stream.read()
        yield from _text_document(name, data, date, encoding)


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


def _decode(name: str, data: bytes, encoding: str) -> str | InputError:
    if b"\x00" in data[:8192]:
        return InputError(name, "binary data, not text (a NUL byte); give a .txt or .jsonl file")
    try:
        return data.decode("utf-8-sig" if encoding.lower() in ("utf-8", "utf8") else encoding)
    except UnicodeDecodeError as err:
        return InputError(name, f"not {encoding} text: byte 0x{data[err.start]:02x} at offset {err.start}; "
                                "convert the file to UTF-8 or pass --encoding")
    except LookupError:
        return InputError(name, f"unknown encoding {encoding!r}")


def _text_document(name: str, data: bytes, date: str | None, encoding: str) -> Iterator[Item]:
    text = _decode(name, data, encoding)
    if isinstance(text, InputError):
        yield text
        return
    if not text.strip():
        yield InputError(name, "empty file: no text to code")
        return
    yield Document(text=text, id=Path(name).stem if name != "<stdin>" else "stdin", date=date, source=name)


def _read_jsonl(name: str, stream: BinaryIO, date: str | None, encoding: str) -> Iterator[Item]:
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
        text = obj.get("text")
        if not isinstance(text, str) or not text.strip():
            yield InputError(where, "no \"text\" field, or it is empty")
            continue
        doc = Document.from_dict({**obj, "id": str(obj.get("id") or f"{Path(name).name}:{lineno}")})
        doc.date = doc.date or date
        if doc.date is not None:
            normal = normalise_date(str(doc.date))
            if normal is None:
                yield InputWarning(where, f"unknown date format {doc.date!r} (expected YYYY-MM-DD); coded without it")
            doc.date = normal
        yield doc
    if not seen_any:
        yield InputError(name, "empty file: no JSON lines")


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
