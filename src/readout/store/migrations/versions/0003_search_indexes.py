"""Search indexes: evidence sentences, actor names and aliases (SQLite FTS5 trigram tables, PostgreSQL pg_trgm)

Revision: 0003, after 0002, written 2026-12-07

Searches for words in the evidence or for an actor by name scanned every row (``LIKE '%...%'``). SQLite gets an
FTS5 table with the trigram tokenizer beside each searched table, filled from the rows already there and kept in step
by triggers; PostgreSQL a trigram GIN index on the lower-cased column. Where the database lacks the means (an SQLite
without FTS5's trigram tokenizer, a PostgreSQL without the pg_trgm extension) the migration adds nothing and the
searches go on scanning (``readout.store.search``).
"""

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

SEARCHED = {"evidence": "text", "actors": "name", "actor_aliases": "alias"}  # as of this revision


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite" and _sqlite_has_trigram(bind):
        for table, col in SEARCHED.items():
            fts = f"{table}_fts"
            op.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5({col}, content='{table}', content_rowid='id', "
                       "tokenize='trigram')")
            op.execute(f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN "
                       f"INSERT INTO {fts}(rowid, {col}) VALUES (new.id, new.{col}); END")
            op.execute(f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN "
                       f"INSERT INTO {fts}({fts}, rowid, {col}) VALUES ('delete', old.id, old.{col}); END")
            op.execute(f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {col} ON {table} BEGIN "
                       f"INSERT INTO {fts}({fts}, rowid, {col}) VALUES ('delete', old.id, old.{col}); "
                       f"INSERT INTO {fts}(rowid, {col}) VALUES (new.id, new.{col}); END")
            op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")  # the rows already stored
    elif bind.dialect.name == "postgresql" and _postgres_has_trigram(bind):
        for table, col in SEARCHED.items():
            op.execute(f"CREATE INDEX ix_{table}_{col}_trgm ON {table} USING gin (lower({col}) gin_trgm_ops)")


def downgrade() -> None:
    bind = op.get_bind()
    for table, col in SEARCHED.items():
        if bind.dialect.name == "sqlite":
            for suffix in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_fts_{suffix}")
            op.execute(f"DROP TABLE IF EXISTS {table}_fts")
        else:
            op.execute(f"DROP INDEX IF EXISTS ix_{table}_{col}_trgm")


def _sqlite_has_trigram(bind: sa.Connection) -> bool:
    try:
        bind.exec_driver_sql("CREATE VIRTUAL TABLE temp.readout_probe USING fts5(x, tokenize='trigram')")
    except sa.exc.OperationalError:  # no FTS5, or an SQLite before 3.34
        return False
    bind.exec_driver_sql("DROP TABLE temp.readout_probe")
    return True


def _postgres_has_trigram(bind: sa.Connection) -> bool:
    available = bind.exec_driver_sql("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'").first()
    if available is None:
        return False
    try:
        with bind.begin_nested():  # a refusal (no right to create it) must not end the migration's transaction
            bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except sa.exc.DBAPIError:
        return False
    return True
