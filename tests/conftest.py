"""Shared fixtures: the real coder (the installed English spaCy pipeline with readout's stages), and ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "wang-yi-meets-sirojiddin-muhriddin-2025-04-25.txt"


def need_shared(*parts: str) -> Path:
    """A path under ../shared, or skip the test with the reason."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: ../shared (seed, corpus, reference) is not beside the project")
    return path


@pytest.fixture(scope="session")
def coder():
    from readout.coder import Coder

    return Coder()


@pytest.fixture(scope="session")
def code(coder):
    from readout.records import Document

    def run(text: str, date: str | None = None):
        return coder.code(Document(text=text, date=date))

    return run
