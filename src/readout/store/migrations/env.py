"""Alembic environment for readout's corpus database.

readout runs these migrations itself when it opens a database (``readout.store.database.connect``), passing the open
connection in ``config.attributes["connection"]``. Developers changing the schema write a new revision under
``versions/`` (``alembic -c src/readout/store/alembic.ini revision --autogenerate -m "..."`` against a database at
head) and check it with ``tests/test_store.py``, which compares the migrated tables with ``schema.metadata``.
"""

from alembic import context
from sqlalchemy import Connection, create_engine

from readout.store.schema import metadata

config = context.config


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
elif config.attributes.get("connection") is not None:
    _run(config.attributes["connection"])
else:
    url = config.get_main_option("sqlalchemy.url")
    assert url is not None  # alembic.ini names the development database
    with create_engine(url).begin() as conn:
        _run(conn)
