"""Ingest: read documents, code them, store them, in chunks that each commit whole.

Idempotent: a document whose key (its id, else its file name) and text are already stored is not coded again; one
whose text changed since an earlier ingest is coded again and replaces the old version (within one ingest, the first
text of an id stands and a second is reported and skipped, wherever the chunks fall); the same text under a second
key is a duplicate and is counted, not stored twice. Resumable: each chunk of documents is written in one
transaction, so after a crash (even ``kill -9``) the database holds whole documents only, and running the same
command again codes just the rest. Already coded input (``readout code --format jsonl`` output) is stored without
coding it again. Coding may happen elsewhere (Dask workers, ``readout.cluster``): chunks are still decided and
written in input order, and come out as one process codes them.
"""

from __future__ import annotations

import hashlib
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from sqlalchemy import Engine, update

from readout.errors import InputError, InputWarning
from readout.knowledge import KnowledgeBase
from readout.records import Actor, CodedDocument, Document
from readout.settings import MAX_DOCUMENT
from readout.store import schema as t
from readout.store.database import connect
from readout.store.memory import learned_people
from readout.store.runs import ProgressBar, Summary, finish_run, progress_bar, start_run
from readout.store.writing import Writer, content_hash

if TYPE_CHECKING:
    from readout.coder import Coder

Item = Document | CodedDocument | InputError
__all__ = ["Coding", "LocalCoding", "Summary", "ingest"]


def ingest(inputs: Iterable[str], db: str | None = None, *, coder: Coder | None = None, date: str | None = None,
           encoding: str = "utf-8", fields: dict[str, str] | None = None, chunk: int = 64,
           progress: bool | TextIO = False, on_error: Callable[[InputError], None] | None = None,
           engine: Engine | None = None, coding: Coding | None = None, kb: KnowledgeBase | None = None,
           max_chars: int | None = MAX_DOCUMENT) -> Summary:
    """Read, code and store every document of ``inputs`` (files, folders, ``-``) into the database ``db``.

    ``coder``: a ``Coder`` (built on first need if None); ``coding``: where documents are coded instead of this
    process (``readout.cluster.DaskCoding``: Dask workers); ``on_error`` is called with each record that cannot be
    read (it is skipped); ``progress``: True (stderr) or a stream for a progress bar; ``kb``: the knowledge base
    that names the stored actors' countries (default: the one the documents are coded with); ``max_chars``: the
    most characters a document may have (a longer one is reported, like a bad record, and skipped).

    Chunks of ``chunk`` documents are decided (new, changed, unchanged, duplicate), coded and committed in input
    order. Coding elsewhere keeps several chunks in flight, but each is written, and what it learned from earlier
    chunks checked, exactly as one process would: the database ends up the same.
    """
    from readout.formats.readers import read

    inputs = list(inputs)
    engine = engine or connect(db)
    summary = Summary()
    started = time.perf_counter()
    run_id = start_run(engine, inputs)
    summary.run_id = run_id
    options = {"fields": fields} if fields else {}
    items = chain.from_iterable(read(p, date=date, encoding=encoding, max_chars=max_chars, **options)
                                for p in inputs)
    bar = progress_bar(inputs, progress)
    coding = coding or LocalCoding(coder)
    run = _Run(engine, run_id, summary, on_error, coding, kb if kb is not None else _knowledge(coding))
    status = "failed"
    try:
        flight: deque[_Chunk] = deque()
        for batch in _chunks(items, chunk, summary, on_error, bar):
            flight.append(run.start(batch))
            while len(flight) > run.coding.window:
                run.finish(flight.popleft(), bar)
        while flight:
            run.finish(flight.popleft(), bar)
        status = "done"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        if bar is not None:
            bar.close()
        summary.seconds = time.perf_counter() - started
        finish_run(engine, run_id, status, summary)
    return summary


def _knowledge(coding: Coding) -> KnowledgeBase:
    """The knowledge base documents are coded with: the coder's, or that of the coding's knowledge folder."""
    kb = getattr(getattr(coding, "coder", None), "kb", None)
    if kb is not None:
        return kb
    from readout.knowledge import load

    return load(coding.knowledge)


class Coding(Protocol):
    """Where the documents of a chunk are coded. ``window``: how many chunks may be in flight beyond the one being
    written (0: each is coded when it is started); ``knowledge``: the knowledge folder they are coded with.
    ``result`` gives each coded document with the surnames it looked up in ``memory`` (None: not noted; it was coded
    with the memory of the moment)."""

    knowledge: str | None

    @property
    def window(self) -> int: ...

    def submit(self, documents: list[Document], memory: dict[str, Actor], urgent: bool = False) -> Any: ...

    def result(self, handle: Any) -> list[tuple[CodedDocument, frozenset[str] | None]]: ...


class LocalCoding:
    """Coding in this process with one ``Coder`` (built on first need), a chunk at a time."""

    window = 0

    def __init__(self, coder: Coder | None = None) -> None:
        self.coder = coder
        self.knowledge: str | None = getattr(coder, "knowledge", None)

    def submit(self, documents: list[Document], memory: dict[str, Actor],
               urgent: bool = False) -> list[tuple[CodedDocument, frozenset[str] | None]]:
        if self.coder is None:
            from readout.coder import Coder

            self.coder = Coder()
        self.coder.learned = memory
        return [(c, None) for c in self.coder.code_many(documents)]

    def result(self, handle: list[tuple[CodedDocument, frozenset[str] | None]]
               ) -> list[tuple[CodedDocument, frozenset[str] | None]]:
        return handle


@dataclass
class _Chunk:
    """A chunk on its way: its documents, what was decided for each, and the coding under way."""

    items: list[Document | CodedDocument]
    keys: list[str]
    digests: list[str]
    todo: list[int]  # positions of the documents to store
    handle: Any = None
    memory: dict[str, Actor] | None = None  # what the corpus had taught when it was sent to be coded
    version: int = -1


class _Pending:
    """Documents decided on but not yet written, so that a later chunk is decided as if they were stored already.
    A key is pending once at most (a second text for it in the same ingest is skipped)."""

    def __init__(self) -> None:
        self.keys: dict[str, str] = {}  # key -> text hash
        self.owners: dict[str, str] = {}  # text hash -> key
        self.released: dict[str, str] = {}  # stored text hash -> its key, whose pending new text replaces it

    def add(self, key: str, digest: str, old: str | None) -> None:
        if old is not None:
            self.released[old] = key
        self.keys[key] = digest
        self.owners[digest] = key

    def written(self, key: str, digest: str) -> None:
        del self.keys[key], self.owners[digest]  # the store has them now; it no longer has the text they replaced


class _Run:
    """One ingest run: decides chunks, sends them to be coded, writes them in order."""

    def __init__(self, engine: Engine, run_id: int, summary: Summary,
                 on_error: Callable[[InputError], None] | None, coding: Coding, kb: KnowledgeBase):
        self.engine, self.run_id, self.summary, self.on_error, self.coding = engine, run_id, summary, on_error, coding
        self.kb = kb
        self.pending = _Pending()
        self.version = 0  # chunks written so far: what the corpus teaches changes with each
        self._memory: tuple[int, dict[str, Actor]] | None = None

    def memory(self) -> dict[str, Actor]:
        """People the stored documents introduced, as of the chunks written so far."""
        if self._memory is None or self._memory[0] != self.version:
            with self.engine.connect() as conn:
                self._memory = (self.version, learned_people(conn))
        return self._memory[1]

    def start(self, items: list[Document | CodedDocument]) -> _Chunk:
        docs = [b.document if isinstance(b, CodedDocument) else b for b in items]
        digests = [content_hash(d.title, d.text) for d in docs]
        keys = [document_key(d, h) for d, h in zip(docs, digests, strict=True)]
        chunk = _Chunk(items, keys, digests, self._decide(docs, keys, digests))
        plain = [item for item in (items[i] for i in chunk.todo) if isinstance(item, Document)]
        if plain:
            chunk.memory, chunk.version = self.memory(), self.version
            chunk.handle = self.coding.submit(plain, chunk.memory)
        return chunk

    def _decide(self, docs: list[Document], keys: list[str], digests: list[str]) -> list[int]:
        """Which documents of a chunk to store: not those unchanged, duplicated or repeated with another text."""
        s, pending = self.summary, self.pending
        with self.engine.connect() as conn:
            writer = Writer(conn, self.run_id, self.kb)
            rows = writer.stored(keys)
            owners = {h: k for h, k in writer.hash_owners(digests).items() if pending.released.get(h) != k}
        stored = {k: h for k, (_, h, _) in rows.items()}
        this_run = {k for k, (_, _, run) in rows.items() if run == self.run_id}
        for k in keys:
            if k in pending.keys:
                stored[k] = pending.keys[k]
                this_run.add(k)
        owners.update((h, pending.owners[h]) for h in digests if h in pending.owners)
        todo: list[int] = []
        seen: dict[str, str] = {}  # key -> text hash, for this chunk
        for i, (key, digest) in enumerate(zip(keys, digests, strict=True)):
            if seen.get(key, stored.get(key)) == digest:
                s.unchanged += 1
            elif key in seen or key in this_run:  # the same id twice in one input: the first text stands
                err = InputError(docs[i].source or key, f"id {key!r} appears twice with different texts; the "
                                 "first is kept")
                s.skipped += 1
                s.errors.append(str(err))
                if self.on_error:
                    self.on_error(err)
            elif digest in seen.values() or owners.get(digest, key) != key:
                s.duplicates += 1
            else:
                seen[key] = digest
                todo.append(i)
                pending.add(key, digest, stored.get(key))
        return todo

    def finish(self, chunk: _Chunk, bar: ProgressBar | None) -> None:
        """Collect a chunk's coding, check it against what the corpus teaches now, and write it in one transaction."""
        s = self.summary
        if chunk.todo:
            t0 = time.perf_counter()
            coded = self._coded(chunk)
            t1 = time.perf_counter()
            s.code_seconds += t1 - t0
            with self.engine.begin() as conn:
                writer = Writer(conn, self.run_id, self.kb)
                keys = [chunk.keys[i] for i in chunk.todo]
                stored = writer.stored(keys)
                n_events = 0
                for i, c in zip(chunk.todo, coded, strict=True):
                    key = chunk.keys[i]
                    replace = stored[key][0] if key in stored else None
                    n_events += writer.write(c, key, chunk.digests[i], replace=replace)
                writer.flush()
                fresh = sum(1 for i in chunk.todo if not isinstance(chunk.items[i], CodedDocument))
                conn.execute(update(t.runs).where(t.runs.c.id == self.run_id).values(
                    read=s.read, coded=s.coded + fresh, events=s.events + n_events))
            s.store_seconds += time.perf_counter() - t1
            s.coded += fresh
            s.stored += len(chunk.todo)
            s.replaced += len(stored)
            s.events += n_events
            for i in chunk.todo:
                self.pending.written(chunk.keys[i], chunk.digests[i])
            self.version += 1
        if bar is not None:
            bar.update(len(chunk.items))  # counted once stored, so the rate and time left are the real ones

    def _coded(self, chunk: _Chunk) -> list[CodedDocument]:
        """The chunk's coded documents in order. Coded while earlier chunks were still being written, a document that
        looked up a surname those chunks taught the corpus (or made ambiguous) is coded again with what the corpus
        knows now, so that the result is what one process, coding the chunks one after another, gets."""
        items = [chunk.items[i] for i in chunk.todo]
        if chunk.handle is None:
            return [x for x in items if isinstance(x, CodedDocument)]  # already coded input, every one
        fresh = self.coding.result(chunk.handle)
        if chunk.version != self.version and chunk.memory is not None:
            now, before = self.memory(), chunk.memory
            stale = [j for j, (_, seen) in enumerate(fresh)
                     if any(before.get(k) != now.get(k) for k in (before.keys() | now.keys() if seen is None
                                                                  else seen))]
            if stale:
                again = self.coding.result(self.coding.submit([fresh[j][0].document for j in stale], now, urgent=True))
                for j, pair in zip(stale, again, strict=True):
                    fresh[j] = pair
                self.summary.recoded += len(stale)
        out = iter(c for c, _ in fresh)
        return [x if isinstance(x, CodedDocument) else next(out) for x in items]


def _chunks(items: Iterator[Item], size: int, summary: Summary, on_error: Callable[[InputError], None] | None,
            bar: ProgressBar | None) -> Iterator[list[Document | CodedDocument]]:
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
