"""What every reader shares: the fields of a document record, the record -> ``Document`` step (with renamed fields
and dates read), decoding bytes, and the id a file's name gives. Readers of each kind (``readers``, ``markup``,
``tables``) import from here and not from each other.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from readout.errors import InputError, InputWarning
from readout.records import CodedDocument, Document, calendar_day

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FIELDS = ("text", "id", "title", "url", "source", "date", "language")
Item = Document | CodedDocument | InputError


def is_utf8(encoding: str) -> bool:
    return encoding.lower().replace("_", "-") in ("utf-8", "utf8")


def decode(name: str, data: bytes, encoding: str) -> str | InputError:
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
            yield InputWarning(where, f"unreadable date {doc.date!r} (expected a calendar day, YYYY-MM-DD); coded "
                                      "without it (kept as meta.unread_date)")
            doc.meta["unread_date"] = str(doc.date)
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
    if DATE_RE.match(value) or re.match(r"^\d{4}-\d{2}-\d{2}[T ]", value):
        return value[:10] if calendar_day(value[:10]) else None
    from readout.nlp.dating import parse

    found = parse(value)
    return found.start if found is not None and found.precision == "day" else None
