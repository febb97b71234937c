"""Ingest runs: each is a row of ``ingest_runs`` (who ran it, where, on what, how far it got), what it did
(``Summary``), and its progress bar."""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Protocol, TextIO

from sqlalchemy import Engine, insert, select, update

from readout.store import schema as t
from readout.version import __version__


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
    recoded: int = 0  # coded again: an earlier chunk, written meanwhile, taught a name they use
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
        if self.recoded:
            parts.append(f"recoded {self.recoded}")
        parts += [f"unchanged {self.unchanged}", f"duplicates {self.duplicates}", f"skipped {self.skipped}",
                  f"events {self.events}"]
        return ", ".join(parts) + f" in {self.seconds:.1f} s ({rate:.1f} documents/s)"

    def as_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if k != "errors"}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def start_run(engine: Engine, inputs: list[str]) -> int:
    host, pid = socket.gethostname()[:255], os.getpid()
    with engine.begin() as conn:
        running: Iterable[tuple[int, int | None]] = conn.execute(select(t.runs.c.id, t.runs.c.pid).where(
            (t.runs.c.status == "running") & (t.runs.c.host == host)))
        for run_id, run_pid in running:
            if run_pid is not None and not _alive(run_pid):
                conn.execute(update(t.runs).where(t.runs.c.id == run_id).values(status="interrupted"))
        inserted = conn.execute(insert(t.runs).values(
            started_at=_now(), status="running", host=host, pid=pid, inputs=inputs, read=0, coded=0, unchanged=0,
            duplicates=0, skipped=0, events=0, readout_version=__version__)).inserted_primary_key
        assert inserted is not None  # a single-row INSERT reports the key it gave
        return inserted[0]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def finish_run(engine: Engine, run_id: int, status: str, s: Summary) -> None:
    with engine.begin() as conn:
        conn.execute(update(t.runs).where(t.runs.c.id == run_id).values(
            finished_at=_now(), status=status, read=s.read, coded=s.coded, unchanged=s.unchanged,
            duplicates=s.duplicates, skipped=s.skipped, events=s.events))


class ProgressBar(Protocol):
    """What ingesting uses of a progress bar (tqdm's)."""

    def update(self, n: int = 1) -> object: ...

    def close(self) -> None: ...


def progress_bar(inputs: list[str], progress: bool | TextIO) -> ProgressBar | None:
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
