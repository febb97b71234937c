"""The corpus the ingest and scale benchmarks read: the JSONL files of ../shared/corpus beside the project."""

from __future__ import annotations

import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def corpus_files(corpus: Path) -> list[str]:
    """The JSONL files (``.jsonl``, ``.jsonl.gz``) of the folder ``corpus``; where it has none, says so in one line
    and exits with status 2."""
    files = sorted(str(p) for p in corpus.glob("*.jsonl*")) if corpus.is_dir() else []
    if not files:
        print(f"{corpus} holds no JSONL files: this benchmark reads ../shared/corpus", file=sys.stderr)
        raise SystemExit(2)
    return files
