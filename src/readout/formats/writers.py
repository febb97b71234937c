"""Writers: a readable terminal table, the records as JSON or JSONL, and PLOVER JSONL (one event a line)."""

from __future__ import annotations

import json
import shutil
import textwrap
from collections.abc import Iterable
from typing import TextIO

from readout.knowledge import KnowledgeBase
from readout.ontology import cameo
from readout.records import Actor, CodedDocument, Event

FORMATS = ("table", "json", "jsonl", "plover")


def actor_label(actors: list[Actor]) -> str:
    parts = []
    for a in actors:
        who = a.person or ("" if a.country else a.text)
        code = a.code if a.country else "---"
        parts.append(f"{code} ({who})" if who else code)
    return " + ".join(dict.fromkeys(parts)) or "---"


def event_rows(coded: CodedDocument) -> list[list[str]]:
    rows = []
    for e in coded.events:
        arrow = "<->" if e.mutual else "->"
        label = cameo.label(e.cameo) if cameo.is_code(e.cameo) else ""
        when = e.when.value if e.when else ""
        where = ""
        if e.where:
            where = e.where.name + (f", {e.where.country}" if e.where.country and e.where.country != e.where.name
                                    else "")
        mode = f" [{e.modality}]" if e.modality != "asserted" else ""
        evidence = snippet(coded, e)
        rows.append([
            f"{e.cameo} {label}{mode}\n{e.plover_type or ''}",
            f"{actor_label(e.source)}\n{arrow} " + ("each other" if _reciprocal(e) else actor_label(e.target)),
            when,
            where,
            " ".join(evidence.split()),
        ])
    return rows


def _reciprocal(e: Event) -> bool:
    return len(e.source) > 1 and {a.country for a in e.source} == {a.country for a in e.target}


def snippet(coded: CodedDocument, e: Event, width: int = 150) -> str:
    """The words around the first trigger of an event, within its sentence, at most ``width`` characters."""
    if not e.evidence:
        return ""
    x = e.evidence[0]
    text = coded.document.title if x.field == "title" else coded.document.text
    s0, s1 = x.sentence
    if s1 - s0 <= width:
        return " ".join(text[s0:s1].split())
    t0, t1 = x.trigger
    start = max(s0, t0 - width // 2)
    end = min(s1, start + width)
    start = max(s0, end - width)
    if start > s0:
        start = text.find(" ", start) + 1 or start
    if end < s1:
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > t1 else end
    clip = " ".join(text[start:end].split())
    return ("… " if start > s0 else "") + clip + (" …" if end < s1 else "")


def write_table(coded: CodedDocument, out: TextIO, width: int | None = None) -> None:
    width = width or max(100, shutil.get_terminal_size((140, 20)).columns)
    doc = coded.document
    date = coded.when.value if coded.when else "unknown"
    how = f" (from \"{coded.when.text}\")" if coded.when and coded.when.text else ""
    out.write(f"{doc.id or doc.source or 'document'}  date {date}{how}  events {len(coded.events)}\n")
    if not coded.events:
        out.write("  (no events)\n\n")
        return
    fixed = [34, 40, 10, 18]
    ev_width = max(30, width - sum(fixed) - 2 * len(fixed))
    widths = [*fixed, ev_width]
    header = ["event", "source -> target", "date", "place", "evidence"]
    out.write("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for row in event_rows(coded):
        cells = [_wrap(c, w) for c, w in zip(row, widths, strict=True)]
        height = max(len(c) for c in cells)
        for i in range(height):
            line = "  ".join((c[i] if i < len(c) else "").ljust(w) for c, w in zip(cells, widths, strict=True))
            out.write(line.rstrip() + "\n")
        out.write("\n")


def _wrap(cell: str, width: int) -> list[str]:
    lines: list[str] = []
    for part in cell.split("\n"):
        lines.extend(textwrap.wrap(part, width) or [""])
    return lines


def plover_records(coded: CodedDocument, kb: KnowledgeBase) -> Iterable[dict]:
    """PLOVER JSON records (the manual's chapter 6 fields), one per event; ``kb`` rolls contexts up to PLOVER's."""
    doc = coded.document
    cite = {"doc_id": doc.id, "url": doc.url, "source": doc.source, "published": doc.date}
    coder = f"readout {coded.readout_version} ({coded.pipeline})"
    for i, e in enumerate(coded.events, start=1):
        yield plover_record(e, f"{doc.id or 'doc'}-{i}", [cite], coder, kb)


def plover_record(e: Event, event_id: str, cite_info: list[dict], coder: str, kb: KnowledgeBase) -> dict:
    """One event as a PLOVER record; ``cite_info`` lists the documents that report it (one, where a document is coded
    alone; every one, from a corpus), ``kb`` the PLOVER context each of readout's contexts rolls up to."""
    return {
        "id": event_id,
        "date": e.when.start if e.when else None,
        "enddate": e.when.end if e.when else None,
        "date_precision": e.when.precision if e.when else None,
        "actor": [_entity(a) for a in e.source],
        "recipient": [_entity(a) for a in e.target],
        "event": [e.plover_type] if e.plover_type else [],
        "mode": [e.plover_mode] if e.plover_mode else [],
        "context": plover_contexts(e, kb),
        "event_loc": e.where.to_dict() if e.where else None,
        "event_text": [x.text for x in e.evidence],
        "quad_code": e.quad_class,
        "cameo": e.cameo,
        "goldstein": e.goldstein,
        "modality": e.modality,
        "mutual": e.mutual,
        "attributed_to": _entity(e.attributed_to) if e.attributed_to else None,
        "cite_info": cite_info,
        "coder": coder,
    }


def plover_contexts(e: Event, kb: KnowledgeBase) -> list[str]:
    """The PLOVER contexts of an event: its contexts rolled up as ``kb``'s ``contexts.tsv`` says."""
    return sorted({kb.plover_context(c) for c in e.contexts})


def _entity(a: Actor) -> dict:
    return {k: v for k, v in {"code": a.country, "sector": a.sector, "entity_text": a.text, "office": a.role,
                              "identifier_text": a.person or a.name}.items() if v}


def write(coded_docs: Iterable[CodedDocument], fmt: str, out: TextIO, kb: KnowledgeBase) -> None:
    """Write coded documents to ``out`` in ``fmt`` (one of FORMATS), streaming where the format allows; ``kb``: the
    knowledge base they were coded with (PLOVER's contexts)."""
    if fmt == "json":
        out.write("[")
        for i, c in enumerate(coded_docs):
            out.write(("," if i else "") + "\n" + json.dumps(c.to_dict(), ensure_ascii=False, indent=2))
            out.flush()
        out.write("\n]\n")
        return
    for c in coded_docs:
        if fmt == "table":
            write_table(c, out)
        elif fmt == "jsonl":
            out.writelines(c.json_pieces())
            out.write("\n")
        elif fmt == "plover":
            for rec in plover_records(c, kb):
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        else:
            raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        out.flush()
