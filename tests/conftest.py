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


def from_script(variable: str, script: str, what: str) -> str:
    """``$variable``, else the last line that ``scripts/<script>`` prints (it finds, installs or starts ``what``).

    Skips where it cannot be had, except under CI (``$CI`` set), where that is a failure."""
    import os
    import subprocess

    value = os.environ.get(variable)
    if not value:
        try:
            done = subprocess.run(["bash", str(ROOT / "scripts" / script)], capture_output=True, text=True,
                                  timeout=900, check=True)
            value = done.stdout.strip().splitlines()[-1]
        except (subprocess.SubprocessError, OSError, IndexError) as err:
            detail = getattr(err, "stderr", "") or str(err)
            if os.environ.get("CI"):
                pytest.fail(f"{what} is not available: {detail}")
            pytest.skip(f"{what} is not available (scripts/{script} failed: {detail.strip()[:200]})")
    return value


@pytest.fixture(scope="session")
def pg_server() -> str:
    """The URL of a real PostgreSQL server on 127.0.0.1 (``$READOUT_TEST_PG``, else started by scripts/postgres.sh)."""
    return from_script("READOUT_TEST_PG", "postgres.sh", "PostgreSQL")


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's chromium (``$READOUT_CHROMIUM``, else found or installed by scripts/chromium.sh), for Playwright."""
    return from_script("READOUT_CHROMIUM", "chromium.sh", "chromium")


_databases = iter(range(1, 10_000))


def fresh_pg(server_url: str) -> str:
    """A new, empty database on the test server; its URL."""
    import os

    from readout.store.database import create_database

    return create_database(server_url, f"readout_test_{os.getpid()}_{next(_databases)}")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """An empty corpus database, once as a SQLite file and once on the PostgreSQL server (dropped afterwards)."""
    if request.param == "sqlite":
        yield str(tmp_path / "corpus.db")
        return
    url = fresh_pg(request.getfixturevalue("pg_server"))
    yield url
    from readout.store.database import drop_database

    drop_database(url)
