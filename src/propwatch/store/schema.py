"""The one schema propwatch uses on SQLite and PostgreSQL (SQLAlchemy Core).

Dates are stored as naive UTC. JSON columns hold provenance (the raw record), links, media.
Full-text search is dialect-specific and created by the migrations (``migrations.py``):
an FTS5 table on SQLite, a generated ``tsvector`` column with a GIN index on PostgreSQL;
both index ``messages.match_key``, the cross-script key of the normalized text.

The knowledge graph tables (``entities``, ``entity_mentions``, ``events``, ``relations``;
migration 2) are derived from the extraction annotations by ``graph_writer``.
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
    "GRAPH_TABLES",
    "WORKSPACE_TABLES",
    "alerts",
    "annotations",
    "api_tokens",
    "audit_log",
    "channels",
    "entities",
    "entity_mentions",
    "events",
    "ingest_jobs",
    "ingest_runs",
    "item_labels",
    "message_counts",
    "message_versions",
    "messages",
    "metadata",
    "reference_events",
    "rejected",
    "relations",
    "schema_migrations",
    "sessions",
    "users",
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
    #: Filter values as tokens (``zl<language> zc<channel id> zy.. zm.. zd..``), indexed beside
    #: the match key on SQLite so the full-text index itself applies --lang, --channel and
    #: date windows (see ``propwatch.store.facets``).
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
    #: browsing one language newest first (``/api/items?lang=``) without sorting all of it;
    #: also serves lookups by language alone (an index on ``language`` was dropped, migration 7)
    Index("ix_messages_language_date", "language", "date"),
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


# -- The knowledge graph (migration 2), derived from the ``entity``/``event``/``relation``
# annotations by ``graph_writer``: entities merged across items by key, each mention, event
# and relation pointing at its message.

#: One merged entity per key (``gaz:<gazetteer id>`` or ``<type>:<match key of the name>``).
entities = Table(
    "entities",
    metadata,
    Column("id", PK, primary_key=True),
    Column("key", String(512), nullable=False, unique=True),
    Column("type", String(32), nullable=False),
    Column("name", Text, nullable=False),
    Column("gazetteer_id", String(200)),
    #: Every surface form seen plus the gazetteer's aliases (capped).
    Column("aliases", Json),
    Column("attributes", Json),
    Column("mention_count", Integer, nullable=False, server_default="0"),
    Column("first_seen", DateTime),
    Column("last_seen", DateTime),
    #: ``|key1|key2|``: cross-script match keys of the name and aliases (for name filters).
    Column("search_key", Text, nullable=False, server_default=""),
    Index("ix_entities_type", "type"),
    Index("ix_entities_mentions", "mention_count"),
)

entity_mentions = Table(
    "entity_mentions",
    metadata,
    Column("id", PK, primary_key=True),
    Column("entity_id", PK, ForeignKey("entities.id"), nullable=False),
    Column("message_pk", PK, ForeignKey("messages.id"), nullable=False),
    Column("start", Integer),
    Column("end", Integer),
    Column("text", Text),
    Index("ix_entity_mentions_entity", "entity_id"),
    Index("ix_entity_mentions_message", "message_pk"),
)

events = Table(
    "events",
    metadata,
    Column("id", PK, primary_key=True),
    Column("message_pk", PK, ForeignKey("messages.id"), nullable=False),
    Column("type", String(32), nullable=False),
    #: ISO date, possibly partial: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``.
    Column("date", String(10)),
    Column("date_text", Text),
    Column("place", Json),
    Column("country", String(100)),
    Column("killed_max", Integer),
    Column("injured_max", Integer),
    Column("data", Json),
    #: ``|key|...|``: match keys of the places and of the claimants (for filters).
    Column("place_key", Text, nullable=False, server_default=""),
    Column("claimed_key", Text, nullable=False, server_default=""),
    Index("ix_events_message", "message_pk"),
    Index("ix_events_date", "date"),
    Index("ix_events_country", "country"),
    Index("ix_events_type", "type"),
)

relations = Table(
    "relations",
    metadata,
    Column("id", PK, primary_key=True),
    Column("message_pk", PK, ForeignKey("messages.id")),
    Column("type", String(32), nullable=False),
    Column("source_key", String(512)),
    Column("target_key", String(512)),
    Column("source_entity_id", PK, ForeignKey("entities.id")),
    Column("target_entity_id", PK, ForeignKey("entities.id")),
    Column("source_name", Text, nullable=False),
    Column("target_name", Text, nullable=False),
    Column("evidence", Json),
    Column("basis", String(32), nullable=False),
    Index("ix_relations_message", "message_pk"),
    Index("ix_relations_source", "source_entity_id"),
    Index("ix_relations_target", "target_entity_id"),
    Index("ix_relations_type", "type"),
)

#: Tables added by migration 2, in creation order.
GRAPH_TABLES: tuple[Table, ...] = (entities, entity_mentions, events, relations)


# -- the analyst workspace (migration 3): accounts, audit, jobs, labels, alerts, timeline ----

users = Table(
    "users",
    metadata,
    Column("id", PK, primary_key=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("role", String(16), nullable=False),  # admin | analyst | viewer
    Column("password_hash", Text, nullable=False),  # argon2id
    Column("created_at", DateTime, nullable=False),
    Column("disabled", Integer, nullable=False, server_default="0"),
)

#: API tokens: only a SHA-256 of the token is stored; the token is shown once.
api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", PK, primary_key=True),
    Column("user_id", PK, ForeignKey("users.id"), nullable=False),
    Column("token_sha256", String(64), nullable=False, unique=True),
    Column("name", String(100)),
    Column("created_at", DateTime, nullable=False),
    Column("last_used", DateTime),
    Column("revoked", Integer, nullable=False, server_default="0"),
)

#: Browser sessions: the cookie holds the session id; CSRF token per session.
sessions = Table(
    "sessions",
    metadata,
    Column("id", String(64), primary_key=True),  # SHA-256 of the cookie value
    Column("user_id", PK, ForeignKey("users.id"), nullable=False),
    Column("csrf", String(64), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", PK, primary_key=True),
    Column("at", DateTime, nullable=False),
    Column("user_name", String(100)),
    #: login, login_failed, logout, search, export, media_reveal, label, ingest, user_add,
    #: token_create, alert_rule_change ...
    Column("action", String(32), nullable=False),
    Column("target", Text),
    Column("detail", Json),
    Column("ip", String(64)),
    Index("ix_audit_at", "at"),
    Index("ix_audit_action", "action"),
)

#: Uploaded files being ingested by the server (``POST /api/ingest``), polled by clients.
ingest_jobs = Table(
    "ingest_jobs",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("user_name", String(100)),
    Column("filename", Text, nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("status", String(16), nullable=False),  # queued | running | done | failed
    Column("created_at", DateTime, nullable=False),
    Column("finished_at", DateTime),
    Column("summary", Json),
    Column("error", Text),
)

#: Analyst decisions on detections (the labelling queue), exported for `propwatch train`.
item_labels = Table(
    "item_labels",
    metadata,
    Column("id", PK, primary_key=True),
    Column("message_pk", PK, ForeignKey("messages.id"), nullable=False),
    Column("label", String(200), nullable=False),  # a taxonomy label or "propaganda"
    Column("decision", String(16), nullable=False),  # confirm | reject
    Column("user_name", String(100), nullable=False),
    Column("at", DateTime, nullable=False),
    Column("note", Text),
    UniqueConstraint("message_pk", "label", "user_name", name="uq_item_label_user"),
    Index("ix_item_labels_message", "message_pk"),
)

#: How many messages each language has (migration 6; kept by the writer and triggers, see
#: ``store/counts.py``): counting a million rows takes 20 ms or more, and every unfiltered item
#: list and the dashboard ask for the total.
message_counts = Table(
    "message_counts",
    metadata,
    Column("language", String(16), primary_key=True),
    Column("n", BigInteger, nullable=False),
)

#: Fired alerts (the inbox); ``dedupe_key`` makes a rule fire once per thing.
alerts = Table(
    "alerts",
    metadata,
    Column("id", PK, primary_key=True),
    Column("rule", String(200), nullable=False),
    Column("dedupe_key", String(300), nullable=False, unique=True),
    Column("at", DateTime, nullable=False),
    Column("severity", String(16), nullable=False, server_default="medium"),
    Column("title", Text, nullable=False),
    Column("message_pk", PK, ForeignKey("messages.id")),
    Column("detail", Json),
    Column("status", String(16), nullable=False, server_default="new"),  # new | seen | closed
    Column("delivered", Json),  # {"webhook": "ok"|"failed: ...", "log": true}
    Index("ix_alerts_at", "at"),
)

#: Reference events drawn on trend charts (7 October 2023, the 2024 Iran-Israel strikes...).
reference_events = Table(
    "reference_events",
    metadata,
    Column("id", PK, primary_key=True),
    Column("date", String(10), nullable=False),
    Column("title", Text, nullable=False),
    Column("note", Text),
    Column("created_by", String(100)),
)

WORKSPACE_TABLES: tuple[Table, ...] = (
    users, api_tokens, sessions, audit_log, ingest_jobs, item_labels, alerts, reference_events,
)  # fmt: skip
