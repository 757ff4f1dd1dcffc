"""The one schema propwatch uses on SQLite and PostgreSQL (SQLAlchemy Core).

Dates are stored as naive UTC. JSON columns hold provenance (the raw record), links, media.
Full-text search is dialect-specific and created by the migrations (``migrations.py``):
an FTS5 table on SQLite, a generated ``tsvector`` column with a GIN index on PostgreSQL;
both index ``messages.match_key``, the cross-script key of the normalized text.
"""

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    DateTime,
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
from sqlalchemy.dialects.postgresql import JSONB

__all__ = [
    "annotations",
    "channels",
    "ingest_runs",
    "message_versions",
    "messages",
    "metadata",
    "rejected",
    "schema_migrations",
]

metadata = MetaData()

#: Integer primary keys: BIGINT on PostgreSQL, INTEGER (the rowid alias) on SQLite.
PK = BigInteger().with_variant(Integer(), "sqlite")
Json = JSON().with_variant(JSONB(), "postgresql")

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("name", String(200), nullable=False),
    Column("applied_at", DateTime, nullable=False),
)

channels = Table(
    "channels",
    metadata,
    Column("id", PK, primary_key=True),
    Column("key", String(512), nullable=False, unique=True),
    Column("name", Text),
    Column("type", String(64)),
    Column("first_seen", DateTime, nullable=False),
)

messages = Table(
    "messages",
    metadata,
    Column("id", PK, primary_key=True),
    Column("channel_id", PK, ForeignKey("channels.id"), nullable=False),
    Column("message_id", String(255), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("date", DateTime),
    Column("edited", DateTime),
    Column("author", Text),
    Column("author_id", String(255)),
    Column("title", Text),
    Column("text", Text, nullable=False),
    Column("norm_text", Text, nullable=False),
    Column("match_key", Text, nullable=False),
    #: Filter values as tokens (``zl<language> zc<channel id>``), indexed beside the match key
    #: on SQLite so the full-text index itself applies --lang and --channel.
    Column("facets", Text, nullable=False, server_default=""),
    Column("language", String(16), nullable=False),
    Column("language_confidence", Float, nullable=False),
    Column("script", String(8), nullable=False),
    Column("forwarded_from", Text),
    Column("forwarded_from_id", String(255)),
    Column("reply_to_message_id", String(255)),
    Column("links", Json),
    Column("mentions", Json),
    Column("hashtags", Json),
    Column("media", Json),
    Column("source", Text, nullable=False),
    Column("source_format", String(32), nullable=False),
    Column("position", Text, nullable=False),
    Column("raw_sha256", String(64), nullable=False),
    Column("content_sha256", String(64), nullable=False),
    Column("raw", Json),
    Column("version", Integer, nullable=False),
    Column("ingested_at", DateTime, nullable=False),
    UniqueConstraint("channel_id", "message_id", name="uq_messages_channel_message"),
    Index("ix_messages_date", "date"),
    Index("ix_messages_language", "language"),
    Index("ix_messages_channel_date", "channel_id", "date"),
)

#: Earlier (or out-of-order older) versions of edited messages; ``messages`` holds the newest.
message_versions = Table(
    "message_versions",
    metadata,
    Column("id", PK, primary_key=True),
    Column("message_pk", PK, ForeignKey("messages.id"), nullable=False),
    Column("text", Text, nullable=False),
    Column("title", Text),
    Column("media", Json),
    Column("edited", DateTime),
    Column("content_sha256", String(64), nullable=False),
    Column("raw_sha256", String(64), nullable=False),
    Column("raw", Json),
    Column("source", Text, nullable=False),
    Column("position", Text, nullable=False),
    Column("ingested_at", DateTime, nullable=False),
    UniqueConstraint("message_pk", "content_sha256", name="uq_versions_message_content"),
)

rejected = Table(
    "rejected",
    metadata,
    Column("id", PK, primary_key=True),
    Column("source", Text, nullable=False),
    Column("source_format", String(32), nullable=False),
    Column("position", String(255), nullable=False),
    Column("code", String(8), nullable=False),
    Column("reason", Text, nullable=False),
    Column("raw_excerpt", Text, nullable=False),
    Column("raw_sha256", String(64), nullable=False),
    Column("ingested_at", DateTime, nullable=False),
    UniqueConstraint("source", "position", "raw_sha256", name="uq_rejected_item"),
)

#: What analysis stages found (detections, entities ... in later versions), with provenance.
annotations = Table(
    "annotations",
    metadata,
    Column("id", PK, primary_key=True),
    Column("message_pk", PK, ForeignKey("messages.id"), nullable=False),
    Column("component", String(100), nullable=False),
    Column("component_version", String(32), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("label", String(200), nullable=False),
    Column("score", Float, nullable=False),
    Column("start", Integer),
    Column("end", Integer),
    Column("data", Json),
    Index("ix_annotations_message", "message_pk"),
    Index("ix_annotations_label", "label"),
)

ingest_runs = Table(
    "ingest_runs",
    metadata,
    Column("id", PK, primary_key=True),
    Column("started_at", DateTime, nullable=False),
    Column("finished_at", DateTime),
    Column("paths", Json),
    Column("summary", Json),
    Column("status", String(16), nullable=False),
)
