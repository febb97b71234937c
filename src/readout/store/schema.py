"""The corpus database: tables for documents, events, their mentions and evidence, actors and the aliases they were
learned under, and ingest runs.

An *event* row is one fact, however many documents report it (deduplicated by ``event_key``: same actors, code, date
at its precision and mood); a *mention* row is one document's report of it, with the words that show it. Derived
values (root, QuadClass, Goldstein) are stored on the event for querying, computed from its code by the ontology.
The migrations under ``store/migrations`` create exactly these tables; a test checks that they agree.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

runs = Table(
    "ingest_runs", metadata,
    Column("id", Integer, primary_key=True),
    Column("started_at", String(32), nullable=False),
    Column("finished_at", String(32)),
    Column("status", String(16), nullable=False),  # running | done | failed | interrupted
    Column("host", String(255)),
    Column("pid", Integer),
    Column("inputs", JSON),
    Column("read", Integer, nullable=False, default=0),
    Column("coded", Integer, nullable=False, default=0),
    Column("unchanged", Integer, nullable=False, default=0),
    Column("duplicates", Integer, nullable=False, default=0),
    Column("skipped", Integer, nullable=False, default=0),
    Column("events", Integer, nullable=False, default=0),
    Column("pipeline", String(128)),
    Column("readout_version", String(32)),
)

documents = Table(
    "documents", metadata,
    Column("id", Integer, primary_key=True),
    Column("doc_key", String(512), nullable=False, unique=True),  # the input's id, else its file name
    Column("content_hash", String(64), nullable=False, index=True),  # sha256 of title and text
    Column("source", String(255)),
    Column("url", Text),
    Column("title", Text),
    Column("date", String(10), index=True),  # publication date as given, YYYY-MM-DD
    Column("coded_date", String(10)),  # the date the coder settled on (from the text where the input had none)
    Column("language", String(8)),
    Column("text", Text, nullable=False),
    Column("meta", JSON),
    Column("pipeline", String(128)),
    Column("readout_version", String(32)),
    Column("n_events", Integer, nullable=False, default=0),
    Column("run_id", Integer, ForeignKey("ingest_runs.id")),
)

events = Table(
    "events", metadata,
    Column("id", Integer, primary_key=True),
    Column("event_key", String(64), nullable=False, unique=True),
    Column("cameo", String(4), nullable=False, index=True),
    Column("root", String(2), nullable=False, index=True),
    Column("quad_class", Integer),
    Column("goldstein", Float),
    Column("plover_type", String(32), index=True),
    Column("plover_mode", String(32)),
    Column("contexts", JSON),
    Column("source_code", String(255), nullable=False),  # actor codes joined by ";", e.g. "CHNGOV"
    Column("target_code", String(255), nullable=False),
    Column("source_actors", JSON),
    Column("target_actors", JSON),
    Column("mutual", Boolean, nullable=False, default=False),
    Column("modality", String(16), nullable=False),
    Column("date_start", String(10), index=True),
    Column("date_end", String(10)),
    Column("precision", String(8)),
    Column("place", String(255)),
    Column("place_country", String(8)),
    Column("region", String(32)),
    Column("lat", Float),
    Column("lon", Float),
    Column("geonames_id", Integer),
    Column("attributed_to", JSON),
    Column("details", JSON),  # values the event carries: partnership names, areas of cooperation
    Column("n_mentions", Integer, nullable=False, default=1),
    Column("n_documents", Integer, nullable=False, default=1),
    Column("n_sources", Integer, nullable=False, default=1),
    Column("first_document_id", Integer, ForeignKey("documents.id")),
)

mentions = Table(
    "mentions", metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", Integer, ForeignKey("events.id"), nullable=False, index=True),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False, index=True),
    Column("ordinal", Integer, nullable=False),  # the event's place in its document's coded list
    Column("modality", String(16), nullable=False),
    Column("record", JSON, nullable=False),  # the event as coded from this document, in full
    UniqueConstraint("document_id", "ordinal", name="uq_mentions_document_ordinal"),
)

evidence = Table(
    "evidence", metadata,
    Column("id", Integer, primary_key=True),
    Column("mention_id", Integer, ForeignKey("mentions.id"), nullable=False, index=True),
    Column("field", String(8), nullable=False),  # which text the spans index: "text" or "title"
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("rule", String(128), nullable=False, index=True),
    Column("text", Text),
)

dyads = Table(
    "event_dyads", metadata,
    Column("event_id", Integer, ForeignKey("events.id"), primary_key=True),
    Column("source", String(8), primary_key=True),
    Column("target", String(8), primary_key=True),
    Index("ix_event_dyads_pair", "source", "target"),
)

actors = Table(
    "actors", metadata,
    Column("id", Integer, primary_key=True),
    Column("actor_key", String(512), nullable=False, unique=True),
    Column("name", String(512), nullable=False),
    Column("code", String(16), nullable=False, index=True),
    Column("country", String(8), index=True),
    Column("sector", String(8)),
    Column("role", String(255)),
    Column("person", String(255)),
    Column("n_mentions", Integer, nullable=False, default=0),
)

aliases = Table(
    "actor_aliases", metadata,
    Column("id", Integer, primary_key=True),
    Column("actor_id", Integer, ForeignKey("actors.id"), nullable=False),
    Column("alias", String(512), nullable=False),
    Column("resolved_by", String(255)),
    Column("first_document_id", Integer, ForeignKey("documents.id")),  # the document that taught it
    Column("first_date", String(10)),  # and its date
    Column("n_mentions", Integer, nullable=False, default=0),
    UniqueConstraint("actor_id", "alias", name="uq_actor_aliases_actor_alias"),
)

event_actors = Table(
    "event_actors", metadata,
    Column("event_id", Integer, ForeignKey("events.id"), primary_key=True),
    Column("actor_id", Integer, ForeignKey("actors.id"), primary_key=True, index=True),
    Column("side", String(8), primary_key=True),  # source | target
)
