"""CSV and TSV tables into Documents: a header row, then one Document a row.

Errors name the physical line where the row starts (a quoted cell may hold line breaks, so a row can span lines).
A bad row (no text, more cells than the header has columns, bytes not in the encoding) is reported and skipped;
the rows after it are still read. Columns that are not Document fields go into ``meta``.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

from readout.errors import InputError
from readout.formats.documents import Item, is_utf8, record_document

#: The largest cell the csv module reads (its default is 128 KB); a whole report in one cell is fine.
FIELD_SIZE_LIMIT = 2**31 - 1
_UNDECODED = re.compile("[\udc80-\udcff]")  # bytes that were not in the encoding, kept by "surrogateescape"


def read_table(name: str, stream: BinaryIO, date: str | None, encoding: str = "utf-8",
               fields: Mapping[str, str] | None = None, delimiter: str = ",") -> Iterator[Item]:
    """Documents from the rows of a CSV table (``delimiter="\\t"`` for TSV) with a header row.

    ``fields`` maps readout's field names to column names (``{"text": "body"}``); the text column is required.
    ``date`` is the date of rows that have none. A row without an id gets ``file:LINE``.
    """
    fields = fields or {}
    if csv.field_size_limit() < FIELD_SIZE_LIMIT:
        csv.field_size_limit(FIELD_SIZE_LIMIT)
    try:
        codec = codecs.lookup("utf-8-sig" if is_utf8(encoding) else encoding).name
    except LookupError:
        yield InputError(name, f"unknown encoding {encoding!r}")
        return
    if isinstance(stream, io.BufferedReader) and b"\x00" in stream.peek(4096)[:4096] and "16" not in codec \
            and "32" not in codec:
        yield InputError(name, "binary data, not text (a NUL byte); give a CSV file")
        return
    text = io.TextIOWrapper(stream, encoding=codec, errors="surrogateescape", newline="")
    reader = csv.reader(text, delimiter=delimiter)
    kind = "TSV" if delimiter == "\t" else "CSV"
    header: list[str] | None = None
    rows = 0
    while True:
        line = reader.line_num + 1  # the physical line this row starts on
        where = f"{name}:{line}"
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            yield InputError(where, f"bad {kind}: {err}")
            if reader.line_num < line:  # nothing more was read: stop rather than loop
                return
            continue
        if not row:  # a blank line
            continue
        bad = _undecoded(row)
        if bad is not None:
            yield InputError(where, f"not {encoding} text: byte 0x{bad:02x} in this row; convert the file to UTF-8 "
                                    "or pass --encoding")
            if header is None:
                return
            continue
        if header is None:
            header = [h.strip() or f"column_{i}" for i, h in enumerate(row, start=1)]
            problem = _header_problem(header, fields.get("text", "text"))
            if problem:
                yield InputError(where, problem)
                return
            continue
        rows += 1
        if len(row) > len(header):
            yield InputError(where, f"{len(row)} cells but the header has {len(header)} columns; "
                                    "is a quote missing or a delimiter in an unquoted cell?")
            continue
        record = dict(zip(header, row, strict=False))  # a short row: its missing cells are absent
        yield from record_document(where, record, f"{Path(name).name}:{line}", date, fields, drop_empty=True)
    if header is None:
        yield InputError(name, "empty file: no header row")
    elif rows == 0:
        yield InputError(name, "no rows after the header")


def _header_problem(header: list[str], text_column: str) -> str | None:
    seen: set[str] = set()
    for column in header:
        if column in seen:
            return f"column {column!r} appears twice in the header"
        seen.add(column)
    if text_column not in seen:
        return (f"the header has no {text_column!r} column for the text (its columns: {', '.join(header)}); "
                "name the text column \"text\" or map it with fields")
    return None


def _undecoded(row: list[str]) -> int | None:
    """The first byte in ``row`` that the encoding could not decode, if any."""
    for cell in row:
        found = _UNDECODED.search(cell)
        if found:
            return ord(found.group()) - 0xDC00
    return None
