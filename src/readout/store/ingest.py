"""Ingest: read documents, code them, store them, in chunks that each commit whole.

Idempotent: a document whose key (its id, else its file name) and text are already stored is not coded again; one
whose text changed is coded again and replaces the old version; the same text under a second key is a duplicate and
is counted, not stored twice. Resumable: each chunk of documents is written in one transaction, so after a crash
(even ``kill -9``) the database holds whole documents only, and running the same command again codes just the rest.
Already coded input (``readout code --format jsonl`` output) is stored without coding it again.
"""

from __future__ import annotations

import hashlib
import os
import socket
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from itertools import chain
from typing import TextIO

from sqlalchemy import Engine, insert, select, update

from readout import __version__
from readout.errors import InputError, InputWarning
from readout.records import CodedDocument, Document
from readout.store import schema as t
from readout.store.database import connect
from readout.store.memory import learned_people
from readout.store.writing import Writer, content_hash

Item = Document | CodedDocument | InputError


@dataclass
class Summary:
    """What an ingest did. ``code_seconds`` and ``store_seconds`` split the time between coding and the database."""

    read: int = 0
    coded: int = 0
    stored: int = 0
    unchanged: int = 0
    duplicates: int = 0
    replaced: int = 0
    skipped: int = 0
    warnings: int = 0
    events: int = 0
    seconds: float = 0.0
    code_seconds: float = 0.0
    store_seconds: float = 0.0
    run_id: int | None = None
    errors: list[str] = field(default_factory=list)

    def line(self) -> str:
        rate = self.read / self.seconds if self.seconds else 0.0
        parts = [f"read {self.read}", f"coded {self.coded}", f"stored {self.stored}"]
        if self.replaced:
            parts.append(f"replaced {self.replaced}")
        parts += [f"unchanged {self.unchanged}", f"duplicates {self.duplicates}", f"skipped {self.skipped}",
                  f"events {self.events}"]
        return ", ".join(parts) + f" in {self.seconds:.1f} s ({rate:.1f} documents/s)"

    def as_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if k != "errors"}


def ingest(inputs: Iterable[str], db: str | None = None, *, coder=None, date: str | None = None,  # type: ignore[no-untyped-def]
           encoding: str = "utf-8", fields: dict[str, str] | None = None, chunk: int = 64,
           progress: bool | TextIO = False, on_error: Callable[[InputError], None] | None = None,
           engine: Engine | None = None) -> Summary:
    """Read, code and store every document of ``inputs`` (files, folders, ``-``) into the database ``db``.

    ``coder``: a ``Coder`` (built on first need if None); ``on_error`` is called with each record that cannot be read
    (it is skipped); ``progress``: True (stderr) or a stream for a progress bar.
    """
    from readout.formats.readers import read

    inputs = list(inputs)
    engine = engine or connect(db)
    summary = Summary()
    started = time.perf_counter()
    run_id = _start_run(engine, inputs)
    summary.run_id = run_id
    options = {"fields": fields} if fields else {}
    items = chain.from_iterable(read(p, date=date, encoding=encoding, **options) for p in inputs)
    bar = _progress_bar(inputs, progress)
    status = "failed"
    try:
        coders = [coder] if coder is not None else []

        def get_coder():  # type: ignore[no-untyped-def]
            if not coders:
                coders.append(_default_coder())
            return coders[0]

        for batch in _chunks(items, chunk, summary, on_error, bar):
            _store_chunk(engine, batch, run_id, summary, get_coder, on_error)
            if bar is not None:
                bar.update(len(batch))  # counted once stored, so the rate and time left are the real ones
        status = "done"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        if bar is not None:
            bar.close()
        summary.seconds = time.perf_counter() - started
        _finish_run(engine, run_id, status, summary)
    return summary


def _default_coder():  # type: ignore[no-untyped-def]
    from readout.coder import Coder

    return Coder()


def _chunks(items: Iterator[Item], size: int, summary: Summary, on_error: Callable[[InputError], None] | None,
            bar) -> Iterator[list[Document | CodedDocument]]:  # type: ignore[no-untyped-def]
    batch: list[Document | CodedDocument] = []
    for item in items:
        if isinstance(item, InputError):
            if isinstance(item, InputWarning):
                summary.warnings += 1
            else:
                summary.skipped += 1
                summary.errors.append(str(item))
            if on_error:
                on_error(item)
            if not isinstance(item, InputWarning) and bar is not None:
                bar.update(1)
            continue
        summary.read += 1
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def document_key(doc: Document, digest: str) -> str:
    """The key a document is stored under: its id; a text read from stdin is known by its content."""
    if not doc.id or doc.id == "stdin":
        return "sha256:" + digest
    if len(doc.id) > 400:  # keys are indexed: a very long id is kept short and unique
        return doc.id[:320] + "#" + hashlib.sha256(doc.id.encode("utf-8")).hexdigest()
    return doc.id


def _store_chunk(engine: Engine, batch: list[Document | CodedDocument], run_id: int, summary: Summary,
                 coder_factory: Callable, on_error: Callable[[InputError], None] | None) -> None:
    docs = [b.document if isinstance(b, CodedDocument) else b for b in batch]
    digests = [content_hash(d.title, d.text) for d in docs]
    keys = [document_key(d, h) for d, h in zip(docs, digests, strict=True)]
    with engine.connect() as conn:
        writer = Writer(conn, run_id)
        stored = writer.stored(keys)
        owners = writer.hash_owners(digests)
    todo: list[tuple[int, int | None]] = []  # (position in batch, id of the document it replaces)
    seen: dict[str, str] = {}  # key -> text hash, for this chunk
    for i, (key, digest) in enumerate(zip(keys, digests, strict=True)):
        if key in seen:
            if seen[key] == digest:
                summary.unchanged += 1
            else:
                err = InputError(docs[i].source or key, f"id {key!r} appears twice with different texts; the "
                                 "first is kept")
                summary.skipped += 1
                summary.errors.append(str(err))
                if on_error:
                    on_error(err)
        elif key in stored and stored[key][1] == digest:
            summary.unchanged += 1
        elif digest in seen.values() or owners.get(digest, key) != key:
            summary.duplicates += 1
        else:
            seen[key] = digest
            todo.append((i, stored[key][0] if key in stored else None))
    if not todo:
        return
    t0 = time.perf_counter()
    if any(isinstance(batch[i], Document) for i, _ in todo):
        coder = coder_factory()
        if hasattr(coder, "learned"):  # people the stored documents introduced, as of this chunk
            with engine.connect() as conn:
                coder.learned = learned_people(conn)
    coded = _code([batch[i] for i, _ in todo], coder_factory)
    t1 = time.perf_counter()
    summary.code_seconds += t1 - t0
    with engine.begin() as conn:
        writer = Writer(conn, run_id)
        n_events = 0
        for (i, replace), c in zip(todo, coded, strict=True):
            n_events += writer.write(c, keys[i], digests[i], replace=replace)
        writer.flush()
        conn.execute(update(t.runs).where(t.runs.c.id == run_id).values(
            read=summary.read, coded=summary.coded + len(todo), events=summary.events + n_events))
    summary.store_seconds += time.perf_counter() - t1
    summary.coded += sum(1 for i, _ in todo if not isinstance(batch[i], CodedDocument))
    summary.stored += len(todo)
    summary.replaced += sum(1 for _, r in todo if r is not None)
    summary.events += n_events


def _code(items: list[Document | CodedDocument], coder_factory: Callable) -> list[CodedDocument]:
    """Coded documents for the chunk: pre-coded ones as they are, the others coded in one batch."""
    plain = [x for x in items if isinstance(x, Document)]
    fresh = iter(coder_factory().code_many(plain)) if plain else iter(())
    return [x if isinstance(x, CodedDocument) else next(fresh) for x in items]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _start_run(engine: Engine, inputs: list[str]) -> int:
    host, pid = socket.gethostname()[:255], os.getpid()
    with engine.begin() as conn:
        for run_id, run_pid in conn.execute(select(t.runs.c.id, t.runs.c.pid).where(
                (t.runs.c.status == "running") & (t.runs.c.host == host))):
            if run_pid is not None and not _alive(run_pid):
                conn.execute(update(t.runs).where(t.runs.c.id == run_id).values(status="interrupted"))
        return conn.execute(insert(t.runs).values(
            started_at=_now(), status="running", host=host, pid=pid, inputs=inputs, read=0, coded=0, unchanged=0,
            duplicates=0, skipped=0, events=0, readout_version=__version__)).inserted_primary_key[0]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _finish_run(engine: Engine, run_id: int, status: str, s: Summary) -> None:
    with engine.begin() as conn:
        conn.execute(update(t.runs).where(t.runs.c.id == run_id).values(
            finished_at=_now(), status=status, read=s.read, coded=s.coded, unchanged=s.unchanged,
            duplicates=s.duplicates, skipped=s.skipped, events=s.events))


def _progress_bar(inputs: list[str], progress: bool | TextIO):  # type: ignore[no-untyped-def]
    if not progress:
        return None
    from tqdm import tqdm

    return tqdm(total=_estimate(inputs), unit="doc", file=sys.stderr if progress is True else progress,
                dynamic_ncols=True, smoothing=0.05, mininterval=0.5)


def _estimate(inputs: list[str]) -> int | None:
    """How many records the inputs hold, counted cheaply (lines of JSONL and CSV, one a file otherwise)."""
    from pathlib import Path

    total = 0
    for p in inputs:
        if p == "-":
            return None
        path = Path(p)
        files = sorted(f for f in path.rglob("*") if f.is_file()) if path.is_dir() else [path]
        for f in files:
            if f.name.endswith((".jsonl", ".ndjson", ".csv", ".tsv")):
                with open(f, "rb") as fh:
                    total += sum(1 for line in fh if line.strip()) - f.name.endswith((".csv", ".tsv"))
            elif f.name.endswith(".gz"):
                return None
            else:
                total += 1
    return total
