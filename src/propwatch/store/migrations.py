"""Versioned schema migrations, one list for both dialects.

Each migration has a number, a name and a function run inside a transaction. The applied
numbers are recorded in ``schema_migrations``. A database made by a newer propwatch (a number
this version does not know) is refused with :class:`SchemaError` instead of being damaged.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, inspect, select
from sqlalchemy.exc import IntegrityError, OperationalError

from propwatch.errors import SchemaError
from propwatch.store import schema

__all__ = ["FTS_AUTOMERGE", "MIGRATIONS", "Migration", "current_version", "migrate"]


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    apply: Callable[[Connection], None]


# New rows are indexed by the writer, one statement per batch (writer.insert_messages);
# updates and deletes keep the index in step through triggers.
_SQLITE_FTS = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS messages_fts USING fts5("
    "match_key, facets, content='messages', content_rowid='id', "
    'tokenize="unicode61 remove_diacritics 0")',
    "CREATE TRIGGER IF NOT EXISTS messages_fts_ad AFTER DELETE ON messages BEGIN "
    "INSERT INTO messages_fts(messages_fts, rowid, match_key, facets) "
    "VALUES ('delete', old.id, old.match_key, old.facets); END",
    "CREATE TRIGGER IF NOT EXISTS messages_fts_au AFTER UPDATE OF match_key, facets ON messages "
    "BEGIN INSERT INTO messages_fts(messages_fts, rowid, match_key, facets) "
    "VALUES ('delete', old.id, old.match_key, old.facets); "
    "INSERT INTO messages_fts(rowid, match_key, facets) "
    "VALUES (new.id, new.match_key, new.facets); END",
]

_POSTGRES_FTS = [
    "ALTER TABLE messages ADD COLUMN IF NOT EXISTS match_tsv tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', match_key)) STORED",
    "CREATE INDEX IF NOT EXISTS ix_messages_match_tsv ON messages USING GIN (match_tsv)",
]


def _initial(conn: Connection) -> None:
    # Only the tables of version 1: later tables are created by their own migrations, so a
    # new database goes through exactly the steps an old one does.
    later = {table.name for table in (*schema.GRAPH_TABLES, *schema.WORKSPACE_TABLES)}
    later.add(schema.message_counts.name)
    tables = [t for t in schema.metadata.sorted_tables if t.name not in later]
    schema.metadata.create_all(conn, tables=tables)
    statements = _SQLITE_FTS if conn.dialect.name == "sqlite" else _POSTGRES_FTS
    for statement in statements:
        conn.exec_driver_sql(statement)


def _knowledge_graph(conn: Connection) -> None:
    """Merged entities, their mentions, events and relations (filled by ``graph_writer``)."""
    schema.metadata.create_all(conn, tables=list(schema.GRAPH_TABLES))


def _workspace(conn: Connection) -> None:
    """Accounts, sessions, tokens, audit log, ingest jobs, analyst labels, alerts, timeline."""
    schema.metadata.create_all(conn, tables=list(schema.WORKSPACE_TABLES))


def _language_date_index(conn: Connection) -> None:
    """Browsing one language newest first without sorting every message of it."""
    conn.exec_driver_sql(
        "CREATE INDEX IF NOT EXISTS ix_messages_language_date ON messages (language, date)"
    )


def _date_facets(conn: Connection) -> None:
    """Year, month and day tokens in ``facets`` (see ``propwatch.store.facets``).

    SQLite: the tokens are added in one statement and the full-text index rebuilt from the
    table (about a minute per million messages, once); the update trigger is dropped for the
    statement, so the index is not rewritten row by row. PostgreSQL does not read the column.
    """
    if conn.dialect.name != "sqlite":
        return
    conn.exec_driver_sql("DROP TRIGGER IF EXISTS messages_fts_au")
    conn.exec_driver_sql(
        "UPDATE messages SET facets = facets || ' zy' || strftime('%Y', date) "
        "|| ' zm' || strftime('%Y%m', date) || ' zd' || strftime('%Y%m%d', date) "
        "WHERE date IS NOT NULL AND strftime('%Y', date) IS NOT NULL"
    )
    conn.exec_driver_sql("INSERT INTO messages_fts(messages_fts) VALUES ('rebuild')")
    conn.exec_driver_sql(_SQLITE_FTS[2])


# New messages are counted by the writer, one statement per batch (writer.insert_messages):
# an insert trigger fires once per row on SQLite and cost ingest up to 20 µs a message.
# Deletes and language changes (rare, and possibly made by hand) are kept in step here.
_SQLITE_COUNTS = [
    "CREATE TRIGGER IF NOT EXISTS message_counts_ad AFTER DELETE ON messages BEGIN "
    "UPDATE message_counts SET n = n - 1 WHERE language = old.language; END",
    "CREATE TRIGGER IF NOT EXISTS message_counts_au AFTER UPDATE OF language ON messages "
    "WHEN old.language IS NOT new.language BEGIN "
    "UPDATE message_counts SET n = n - 1 WHERE language = old.language; "
    "INSERT INTO message_counts (language, n) VALUES (new.language, 1) "
    "ON CONFLICT (language) DO UPDATE SET n = n + 1; END",
]

# PostgreSQL: statement triggers with transition tables, one upsert per language per statement.
# (Transition tables cannot go with a column list, so every UPDATE statement recounts its rows;
# an update that keeps the language adds and removes the same number.) Inserts: as on SQLite.
_POSTGRES_COUNTS = [
    """CREATE OR REPLACE FUNCTION propwatch_message_counts() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            UPDATE message_counts c SET n = c.n - o.n
            FROM (SELECT language, count(*) AS n FROM old_rows GROUP BY language) o
            WHERE c.language = o.language;
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN
            INSERT INTO message_counts (language, n)
            SELECT language, count(*) FROM new_rows GROUP BY language
            ON CONFLICT (language) DO UPDATE SET n = message_counts.n + EXCLUDED.n;
        END IF;
        RETURN NULL;
    END $$""",
    "CREATE OR REPLACE TRIGGER message_counts_ad AFTER DELETE ON messages "
    "REFERENCING OLD TABLE AS old_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION propwatch_message_counts()",
    "CREATE OR REPLACE TRIGGER message_counts_au AFTER UPDATE ON messages "
    "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION propwatch_message_counts()",
]


def _message_counts(conn: Connection) -> None:
    """Messages per language (kept by the writer and triggers): totals without a count."""
    schema.metadata.create_all(conn, tables=[schema.message_counts])
    conn.exec_driver_sql("DELETE FROM message_counts")  # re-run safely: count from the rows
    conn.exec_driver_sql(
        "INSERT INTO message_counts (language, n) "
        "SELECT language, count(*) FROM messages GROUP BY language"
    )
    for statement in _SQLITE_COUNTS if conn.dialect.name == "sqlite" else _POSTGRES_COUNTS:
        conn.exec_driver_sql(statement)


def _drop_language_index(conn: Connection) -> None:
    """The index on ``language`` alone: ``(language, date)`` serves the same lookups, and each
    index costs every ingested message a B-tree insert (about 3.5 µs on SQLite)."""
    conn.exec_driver_sql("DROP INDEX IF EXISTS ix_messages_language")


#: Segments of one size SQLite's full-text index lets pile up before merging them (FTS5's
#: ``automerge``; its default is 4). Every committed batch writes a segment; merging fewer,
#: larger groups rewrites each posting fewer times over an ingest. Measured on 600k messages'
#: keys in batches of 2,000: 7.4-8.4 s of CPU against 8.5-10.2 s, queries unchanged at 1.1 ms
#: (benchmarks/RESULTS.md, 2026-12-02).
FTS_AUTOMERGE = 8


def _fts_automerge(conn: Connection) -> None:
    """SQLite's full-text index merges :data:`FTS_AUTOMERGE` segments at a time (a setting
    the index keeps in its own config table)."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(
            "INSERT INTO messages_fts(messages_fts, rank) VALUES ('automerge', ?)",
            (FTS_AUTOMERGE,),
        )


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema and full-text index", _initial),
    Migration(2, "knowledge graph: entities, mentions, events, relations", _knowledge_graph),
    Migration(3, "analyst workspace: users, tokens, sessions, audit, jobs, labels, alerts",
              _workspace),
    Migration(4, "index on messages (language, date)", _language_date_index),
    Migration(5, "date tokens in the full-text index", _date_facets),
    Migration(6, "message counts per language", _message_counts),
    Migration(7, "drop the index on messages (language), covered by (language, date)",
              _drop_language_index),
    Migration(8, "full-text index: merge segments eight at a time", _fts_automerge),
)


def current_version(conn: Connection) -> int:
    """The highest applied migration, 0 for an empty database."""
    if not inspect(conn).has_table("schema_migrations"):
        return 0
    found = conn.execute(select(schema.schema_migrations.c.version)).scalars().all()
    return max(found, default=0)


#: Tries when another process migrates the same new database at the same time.
_RACE_TRIES = 5


def migrate(engine: Engine) -> int:
    """Bring the database up to date; return its version.

    Several processes may open the same new database at once (``propwatch serve --workers
    N``): the one that loses the race to apply a migration fails on a table or version row the
    winner has just written, and reads the version again."""
    for attempt in range(_RACE_TRIES):
        try:
            return _migrate(engine)
        except (IntegrityError, OperationalError) as exc:
            raced = isinstance(exc, IntegrityError) or any(
                word in str(exc.orig).lower() for word in ("already exists", "locked")
            )
            if not raced or attempt == _RACE_TRIES - 1:
                raise
            time.sleep(0.1 * (attempt + 1))
    raise AssertionError("unreachable")  # pragma: no cover


def _migrate(engine: Engine) -> int:
    latest = MIGRATIONS[-1].version
    with engine.begin() as conn:
        version = current_version(conn)
        if version > latest:
            raise SchemaError(
                f"database schema version {version} is newer than this propwatch knows ({latest})"
            )
        for migration in MIGRATIONS:
            if migration.version <= version:
                continue
            migration.apply(conn)
            conn.execute(
                schema.schema_migrations.insert().values(
                    version=migration.version,
                    name=migration.name,
                    applied_at=datetime.now(UTC).replace(tzinfo=None),
                )
            )
            version = migration.version
    return version
