"""Alembic environment for readout's corpus database.

readout runs these migrations itself when it opens a database (``readout.store.database.connect``), passing the open
connection in ``config.attributes["connection"]``. Developers changing the schema write a new revision under
``versions/`` (``alembic -c src/readout/store/alembic.ini revision --autogenerate -m "..."`` against a database at
head) and check it with ``tests/test_store.py``, which compares the migrated tables with ``schema.metadata``.
"""

from alembic import context
from sqlalchemy import Connection, create_engine

from readout.store.schema import metadata
from readout.store.search import is_search_object

config = context.config


def _own(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """Whether autogenerate compares the object: not the search indexes, which migrations make by hand (0003)."""
    return not is_search_object(name)


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True, include_object=_own)
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
