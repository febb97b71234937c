"""Scale-out on Dask: coding across many processes and machines.

Two ways in:

* ``readout ingest ... --workers N`` (or ``--scheduler tcp://HOST:PORT``) codes the chunks of an ingest on Dask
  workers through ``DaskCoding``; the ingest still decides and writes every chunk in input order, so the database
  ends up exactly as one process leaves it (``readout.store.ingest``).
* For Dask pipelines of your own, ``code`` maps a bag (or dataframe) of texts to a bag of ``CodedDocument`` and
  ``events`` maps that to a dataframe of events, one row each::

      import dask.bag as db
      from readout.cluster import code, events

      docs = db.read_text("news/*.jsonl").map(json.loads)       # dicts with "text" (and "id", "date", "title"...)
      coded = code(docs)                                         # a bag of CodedDocument
      frame = events(coded)                                      # a dask DataFrame, EVENT_FRAME_COLUMNS
      frame.to_parquet("events/")

Each worker process loads the spaCy pipeline once (per thread it runs tasks on) and codes its partitions in batches.
A worker that dies costs time, not data: the scheduler runs its tasks again elsewhere, and a task whose workers keep
dying is sent again from here.
"""

from __future__ import annotations

import json
import logging
import threading
from typing import TYPE_CHECKING, Any

from readout.errors import ReadoutError
from readout.records import Actor, CodedDocument, Document

if TYPE_CHECKING:
    from readout.coder import Coder

RETRIES = 3  # times a partition is sent again after the workers running it died

EVENT_FRAME_COLUMNS = [
    "document", "ordinal", "published", "publisher", "url", "event_key", "date", "date_end", "precision", "cameo",
    "label", "root", "quad_class", "goldstein", "plover_type", "plover_mode", "contexts", "source", "source_name",
    "target", "target_name", "mutual", "modality", "place", "place_country", "region", "lat", "lon", "attributed_to",
    "evidence", "rule",
]
_NUMBERS = {"ordinal": "int64", "quad_class": "int64", "goldstein": "float64", "lat": "float64", "lon": "float64",
            "mutual": "bool"}


# -- on the workers -----------------------------------------------------------------------------------------------

_local = threading.local()


def _coder(pipeline: str | None, knowledge: str | None, batch_size: int) -> Coder:
    """The Coder of this worker thread, loaded on its first task and kept."""
    coders = _local.__dict__.setdefault("coders", {})
    key = (pipeline, knowledge, batch_size)
    if key not in coders:
        from readout.coder import Coder

        coders[key] = Coder(pipeline=pipeline, knowledge=knowledge, batch_size=batch_size)
    return coders[key]


def code_partition(documents: list[Any], memory: dict[str, Actor] | None, pipeline: str | None,
                   knowledge: str | None, batch_size: int, date: str | None = None,
                   note: bool = False) -> list[Any]:
    """Code a partition of documents (``Document``, dicts with a "text", or texts) on the worker it runs on. With
    ``note``: (coded document, the surnames it looked up in ``memory``) pairs, for the ingest to check."""
    from readout.store.memory import Noting

    coder = _coder(pipeline, knowledge, batch_size)
    docs = [as_document(d, date) for d in documents]
    if not note:
        coder.learned = memory or {}
        return list(coder.code_many(docs))
    coder.learned = noting = Noting(memory or {})
    try:
        return [(c, frozenset(noting.looked_up.get(id(d), ()))) for d, c in zip(docs, coder.code_many(docs),
                                                                                   strict=True)]
    finally:
        coder.learned = {}


def _same(value: Any) -> Any:
    return value


def as_document(item: Any, date: str | None = None) -> Document:
    """A Document from a Document, a dict (a readout or JSONL record: "text" required) or a text."""
    if isinstance(item, Document):
        doc = item
    elif isinstance(item, str):
        doc = Document(text=item)
    elif isinstance(item, dict):
        if not isinstance(item.get("text"), str):
            raise ValueError(f"a record without a text: {json.dumps(item, default=str)[:120]}")
        record = {k: v for k, v in item.items() if _present(v)}
        for k in ("id", "title", "url", "source"):
            if k in record and not isinstance(record[k], str):
                record[k] = str(record[k])
        if "date" in record and not isinstance(record["date"], str):
            record["date"] = str(record["date"])[:10]  # a datetime or Timestamp column
        doc = Document.from_dict(record)
    else:
        raise TypeError(f"cannot code a {type(item).__name__}: give texts, dicts with a 'text', or Documents")
    if date and not doc.date:
        doc.date = date
    return doc


def _present(value: Any) -> bool:
    """Not None, NaN or pandas' NA (a dataframe's empty cell)."""
    if value is None or (isinstance(value, float) and value != value):
        return False
    return type(value).__name__ not in ("NAType", "NaTType")


# -- ingest on a cluster --------------------------------------------------------------------------------------------


class DaskCoding:
    """Codes the chunks of an ingest on a Dask cluster: a new local one of ``workers`` processes, or the one whose
    scheduler is at ``scheduler`` (``tcp://host:8786``).

    ``partition``: documents per task; ``batch_size``: documents per spaCy batch on a worker; ``threads``: threads per
    local worker (spaCy holds the GIL for much of its work, so processes scale and threads mostly do not).
    """

    def __init__(self, workers: int | None = None, scheduler: str | None = None, *, pipeline: str | None = None,
                 knowledge: str | None = None, partition: int = 8, chunk: int = 64, batch_size: int = 32,
                 threads: int = 1, memory_limit: str | None = "auto", timeout: float = 20.0):
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise ReadoutError("coding on Dask needs the distributed package: pip install 'readout[dask]'") from None
        self.options = (pipeline, knowledge, batch_size)
        self.knowledge = knowledge
        self.partition = max(1, partition)
        self.chunk = max(1, chunk)
        self.cluster = None
        if scheduler:
            try:
                self.client = Client(scheduler, timeout=f"{timeout}s")
            except (OSError, TimeoutError) as err:
                raise ReadoutError(f"cannot reach the Dask scheduler at {scheduler}: {err}") from None
        else:
            if not workers or workers < 1:
                raise ReadoutError("--workers must be at least 1")
            import dask

            # Dask has its workers hand freed memory back to the system at every 64 KiB (MALLOC_TRIM_THRESHOLD_):
            # spaCy makes and frees many small objects, and coded 3-8% faster here with the C library's own threshold
            spawn_env = {k: v for k, v in dask.config.get("distributed.nanny.pre-spawn-environ", {}).items()
                         if k != "MALLOC_TRIM_THRESHOLD_"}
            with dask.config.set({"distributed.nanny.pre-spawn-environ": spawn_env}):
                self.cluster = LocalCluster(n_workers=workers, threads_per_worker=threads, processes=True,
                                            host="127.0.0.1", dashboard_address="127.0.0.1:0",
                                            memory_limit=memory_limit, silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
        self._memory: tuple[dict[str, Actor], Any] | None = None

    @property
    def threads(self) -> int:
        """Task slots across the cluster's workers now."""
        return max(1, sum(self.client.nthreads().values()))

    @property
    def window(self) -> int:
        """Chunks in flight beyond the one being written: enough that no worker waits for the next partition."""
        return max(1, -(-2 * self.threads * self.partition // self.chunk))

    def submit(self, documents: list[Document], memory: dict[str, Actor], urgent: bool = False) -> list[tuple]:
        """Send a chunk's documents to be coded, a partition a task (``urgent``: ahead of those waiting)."""
        ref = self._on_cluster(memory)
        handle = []
        size = 1 if urgent else self.partition  # documents coded again: spread over every worker at once
        for i in range(0, len(documents), size):
            args = (documents[i:i + size], ref, *self.options, None, True)
            handle.append((self.client.submit(code_partition, *args, pure=False, priority=int(urgent)), args))
        return handle

    def result(self, handle: list[tuple[Any, tuple]]) -> list[tuple[CodedDocument, frozenset[str] | None]]:
        from distributed import KilledWorker

        out: list[tuple[CodedDocument, frozenset[str] | None]] = []
        for future, args in handle:
            for attempt in range(RETRIES + 1):
                try:
                    out += future.result()
                    break
                except KilledWorker:
                    if attempt == RETRIES:
                        raise ReadoutError(f"the Dask workers coding a partition died {RETRIES + 1} times: "
                                           f"{len(args[0])} documents from {args[0][0].id or 'the input'}") from None
                    future = self.client.submit(code_partition, *args, pure=False, priority=1)
        return out

    def _on_cluster(self, memory: dict[str, Actor]) -> Any:
        """The corpus's memory on the cluster, sent once for each version of it, as the result of a task that carries
        it: if the worker holding it dies, the scheduler makes it again (scattered data would be lost)."""
        if self._memory is None or self._memory[0] is not memory:
            self._memory = (memory, self.client.submit(_same, memory, pure=False, priority=2))
        return self._memory[1]

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def __enter__(self) -> DaskCoding:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# -- for your own Dask pipelines ------------------------------------------------------------------------------------


def code(collection: Any, *, pipeline: str | None = None, knowledge: str | None = None, batch_size: int = 32,
         date: str | None = None, text: str = "text") -> Any:
    """A dask bag of ``CodedDocument`` from a dask bag of texts, dicts (readout's record: "text", "id", "title",
    "date", "source", "url", "meta") or ``Document``s, or from a dask DataFrame with those columns (``text``: the name
    of its text column). Lazy: nothing runs until you compute it. ``date``: the date of documents that carry none."""
    import dask.bag as db
    import dask.dataframe as dd

    if isinstance(collection, dd.DataFrame):
        if text not in collection.columns:
            raise ValueError(f"the dataframe has no column {text!r}; its columns: {', '.join(collection.columns)}")
        if text != "text":
            collection = collection.rename(columns={text: "text"})
        collection = collection.to_bag(format="dict")
    elif not isinstance(collection, db.Bag):
        raise TypeError("code() takes a dask bag or a dask DataFrame")
    return collection.map_partitions(code_partition, None, pipeline, knowledge, batch_size, date)


def events(coded: Any) -> Any:
    """A dask DataFrame of the events of a bag of ``CodedDocument`` (from ``code``): one row an event, the columns of
    ``EVENT_FRAME_COLUMNS`` (codes, labels, actor codes and names, date, place, the first evidence and its rule)."""
    import pandas as pd

    meta = pd.DataFrame({c: pd.Series(dtype=_NUMBERS.get(c, "object")) for c in EVENT_FRAME_COLUMNS})
    return coded.map_partitions(_event_records).to_dataframe(meta=meta)


def _event_records(coded: list[CodedDocument]) -> list[dict[str, Any]]:
    return [r for c in coded for r in event_records(c)]


def event_records(coded: CodedDocument) -> list[dict[str, Any]]:
    """The events of a coded document as rows, like ``readout events`` shows stored ones (without the counts a corpus
    adds up)."""
    from readout.formats.rows import event_row
    from readout.store.writing import event_key

    doc = coded.document
    rows = []
    for i, e in enumerate(coded.events):
        row = event_row(e, document=doc)
        row.update(ordinal=i, event_key=event_key(e, doc.id or ""), contexts=";".join(e.contexts or []))
        rows.append({c: row.get(c) for c in EVENT_FRAME_COLUMNS})
    return rows
