"""Opening a corpus database: where it is, the engine with the settings each backend needs, and migrations.

``--db`` (or ``$READOUT_DB``) takes a file path (SQLite; ``./readout.db`` by default) or a URL: ``sqlite:///x.db``,
``postgresql://user@host/name`` (driven by psycopg 3). Opening a database brings its schema to the newest migration.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event, inspect, text

from readout.errors import ReadoutError

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.engine import URL
    from sqlalchemy.engine.interfaces import DBAPIConnection

DEFAULT_DB = "readout.db"
MIGRATIONS = Path(__file__).with_name("migrations")


def resolve_url(db: str | None = None) -> str:
    """The SQLAlchemy URL for ``db``, ``$READOUT_DB`` or ``./readout.db``."""
    db = db or os.environ.get("READOUT_DB") or DEFAULT_DB
    if "://" not in db:
        return f"sqlite:///{Path(db).expanduser()}"
    for plain in ("postgresql://", "postgres://"):
        if db.startswith(plain):
            return "postgresql+psycopg://" + db[len(plain):]
    return db


def display_url(url: str) -> str:
    """The URL without a password, for messages."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


BACKENDS = ("sqlite", "postgresql")


def connect(db: str | None = None, migrate: bool = True, create: bool = True) -> Engine:
    """An engine on the database, its schema at the newest migration (unless ``migrate`` is False). With ``create``
    False (reading commands), an SQLite file that does not exist is an error, not a new empty database."""
    url = resolve_url(db)
    backend = url.split("://", 1)[0].split("+", 1)[0]
    if backend not in BACKENDS:
        raise ReadoutError(f"--db {display_url(url)}: readout stores its corpus in SQLite (a file path or "
                           f"sqlite:///path) or PostgreSQL (postgresql://user@host/name), not in {backend}")
    if backend == "sqlite":
        path = url.split("///", 1)[-1]
        if path and path != ":memory:" and not Path(path).parent.exists():
            raise ReadoutError(f"--db {path}: folder {Path(path).parent} does not exist")
        if path and path != ":memory:" and not create and not Path(path).is_file():
            raise ReadoutError(f"--db {path}: no such database (make one with `readout ingest FILE --db {path}`)")
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_settings)
    else:
        try:
            engine = create_engine(url, pool_pre_ping=True)
        except ImportError as err:  # the URL names a driver that is not installed
            raise ReadoutError(f"--db {display_url(url)}: its database driver is not installed ({err})") from None
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as err:  # the driver's own error types differ by backend
        raise ReadoutError(f"cannot open database {display_url(url)}: {str(err).splitlines()[0]}") from None
    if migrate:
        upgrade(engine)
    return engine


def _sqlite_settings(dbapi_conn: DBAPIConnection, _record: object) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")  # readers see the last commit while an ingest writes
    cur.execute("PRAGMA synchronous=NORMAL")  # durable at each checkpoint, never corrupt
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=60000")
    cur.close()


def _alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


def head() -> str:
    """The newest migration's revision id."""
    from alembic.script import ScriptDirectory

    cfg = _alembic_config(create_engine("sqlite://"))
    return ScriptDirectory.from_config(cfg).get_current_head() or ""


def current(engine: Engine) -> str | None:
    """The revision a database is at; None for an empty database."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine) -> None:
    """Bring the database's schema to the newest migration (nothing to do when it is there already)."""
    if current(engine) == head():
        return
    from alembic import command

    cfg = _alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def create_database(server: str, name: str) -> str:
    """Create (anew) the PostgreSQL database ``name`` on the server of the URL ``server``; its URL."""
    from sqlalchemy.engine import make_url

    url = make_url(resolve_url(server))
    _admin(url, f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"')
    return url.set(database=name).render_as_string(hide_password=False)


def drop_database(db: str) -> None:
    """Drop the PostgreSQL database of the URL ``db``, closing its sessions."""
    from sqlalchemy.engine import make_url

    url = make_url(resolve_url(db))
    _admin(url, f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)')


def _admin(url: URL, *statements: str) -> None:
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            for statement in statements:
                conn.execute(text(statement))
    finally:
        admin.dispose()
