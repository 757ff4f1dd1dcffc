"""Open a database from a URL: SQLite by default (WAL, no setup), PostgreSQL for teams."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

from propwatch.errors import StoreUnavailable
from propwatch.model.rows import json_text

__all__ = ["DEFAULT_DB", "make_engine", "resolve_url"]

#: Used when neither ``--db`` nor ``PROPWATCH_DB`` is given.
DEFAULT_DB = "sqlite:///propwatch.db"


def resolve_url(db: str | None) -> str:
    """Turn ``--db`` into a SQLAlchemy URL. A bare path means a SQLite file."""
    db = db or os.environ.get("PROPWATCH_DB") or DEFAULT_DB
    if "://" not in db:
        return f"sqlite:///{Path(db)}"
    if db.startswith(("postgresql://", "postgres://")):
        # psycopg 3 is the driver propwatch ships with its `postgres` extra.
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    return db


#: SQLite connections kept open per engine (process), and extra ones opened under bursts. The
#: web server runs up to 40 requests at once in its thread pool.
SQLITE_POOL_SIZE = 16
SQLITE_POOL_OVERFLOW = 32
#: WAL pages written before SQLite checkpoints (its default is 1,000).
WAL_AUTOCHECKPOINT_PAGES = 10_000


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    # The busy timeout first, so that the statements after it wait for a lock instead of
    # failing at once; switching a new database to WAL takes a lock that several processes
    # opening it together (``serve --workers N``) contend for, and SQLite may refuse it at once
    # rather than wait: try again for up to the same 30 s.
    cursor.execute("PRAGMA busy_timeout=30000")
    deadline = time.monotonic() + 30.0
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            break
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    cursor.execute("PRAGMA synchronous=NORMAL")
    # Checkpoint the WAL every ~40 MB instead of SQLite's default ~4 MB: an ingest batch of
    # 2,000 messages writes ~8 MB, and checkpointing after every batch cost its writer about
    # a third of its CPU time (``benchmarks/RESULTS.md``, 2026-12-01). Readers and other
    # writers are unaffected; the WAL file grows to ~40 MB before it is reused.
    cursor.execute(f"PRAGMA wal_autocheckpoint={WAL_AUTOCHECKPOINT_PAGES}")
    cursor.execute("PRAGMA foreign_keys=ON")
    # 16 MiB of page cache per connection: 64 MiB made ingest no faster and its main process
    # 52 MiB larger (200k-message benchmark, 2026-11-30).
    cursor.execute("PRAGMA cache_size=-16384")
    cursor.close()


def make_engine(db: str | None) -> Engine:
    """Create the engine for ``db`` and check that it answers."""
    url = resolve_url(db)
    try:
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
            parent = Path(parsed.database or "").expanduser().resolve().parent
            if not parent.is_dir():
                raise StoreUnavailable(f"folder {parent} for the SQLite database does not exist")
        options: dict[str, Any] = {}
        if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
            # Connections are kept, not closed and reopened: SQLAlchemy's default pool keeps 5
            # and closes the rest after each use, so a server answering more requests at once
            # opened a fresh connection (pragmas, schema, an empty page cache) for most of them.
            options.update(pool_size=SQLITE_POOL_SIZE, max_overflow=SQLITE_POOL_OVERFLOW)
        engine = create_engine(url, json_serializer=json_text, future=True, **options)
    except (ArgumentError, NoSuchModuleError) as exc:
        raise StoreUnavailable(f"cannot use database URL {url!r}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        with engine.connect():
            pass
    except OperationalError as exc:
        raise StoreUnavailable(f"cannot connect to {engine.url!r}: {exc.orig}") from exc
    return engine
