"""Write analysed messages and rejected items: idempotent, with edit versions.

For each incoming message, keyed by (channel, message id):
- unknown -> inserted;
- same content as the stored one or one of its earlier versions -> a duplicate, nothing written;
- different content -> an edit: the newer one (by ``edited`` time, else arrival) becomes the
  current row and the other is kept in ``message_versions``. Nothing is overwritten unkept.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, select
from sqlalchemy.dialects import postgresql, sqlite

from propwatch.model import Rejected
from propwatch.model.rows import (
    MESSAGE_COLUMNS,
    Prepared,
    complete_row,
    now_utc,
    prepare,
    utc_naive,
)
from propwatch.store import schema
from propwatch.store.counts import count_inserted
from propwatch.store.facets import facets
from propwatch.store.graph_writer import insert_graph, replace_graph

__all__ = ["BatchCounts", "Prepared", "prepare", "utc_naive", "write_batch"]

_JSON_COLUMNS = frozenset({"links", "mentions", "hashtags", "media", "raw"})
_now = now_utc


@dataclass(slots=True)
class BatchCounts:
    ingested: int = 0
    duplicates: int = 0
    edits: int = 0
    rejected: int = 0

    def add(self, other: BatchCounts) -> None:
        self.ingested += other.ingested
        self.duplicates += other.duplicates
        self.edits += other.edits
        self.rejected += other.rejected


class ChannelCache:
    """Maps channel keys to primary keys, creating channels on first sight."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}

    def resolve(self, conn: Connection, batch: Sequence[Prepared]) -> dict[str, int]:
        wanted: dict[str, tuple[str | None, str | None]] = {}
        for item in batch:
            if item.channel_key not in self._ids:
                wanted.setdefault(item.channel_key, (item.channel_name, item.channel_type))
        if wanted:
            table = schema.channels
            rows = conn.execute(
                select(table.c.key, table.c.id).where(table.c.key.in_(list(wanted)))
            ).all()
            self._ids.update({key: pk for key, pk in rows})
            missing = [key for key in wanted if key not in self._ids]
            if missing:
                now = _now()
                conn.execute(
                    table.insert(),
                    [
                        {"key": k, "name": wanted[k][0], "type": wanted[k][1], "first_seen": now}
                        for k in missing
                    ],
                )
                rows = conn.execute(
                    select(table.c.key, table.c.id).where(table.c.key.in_(missing))
                ).all()
                self._ids.update({key: pk for key, pk in rows})
        return self._ids


#: Columns of ``annotations`` written by :func:`insert_annotations`, in order.
ANNOTATION_COLUMNS: tuple[str, ...] = (
    "message_pk", "component", "component_version", "kind", "label", "score", "start", "end",
    "data",
)


def insert_annotations(conn: Connection, rows: Sequence[tuple[int, Prepared]]) -> None:
    """Write the annotations of messages whose primary keys are now known."""
    values = [(pk, *params) for pk, prepared in rows for params in prepared.annotations]
    if not values:
        return
    quoted = ", ".join(f'"{c}"' for c in ANNOTATION_COLUMNS)
    if conn.dialect.name == "sqlite":
        marks = ", ".join("?" for _ in ANNOTATION_COLUMNS)
    else:
        marks = ", ".join("%s::jsonb" if c == "data" else "%s" for c in ANNOTATION_COLUMNS)
    conn.exec_driver_sql(f"INSERT INTO annotations ({quoted}) VALUES ({marks})", values)


def insert_messages(conn: Connection, rows: Sequence[Prepared]) -> list[int]:
    """Insert new messages through the driver's executemany, then index them.

    This is the hot path of ingest: going around SQLAlchemy's per-row parameter processing,
    and filling SQLite's full-text index with one statement per batch instead of a trigger
    per row, makes it several times faster. Values were converted by :func:`prepare` exactly
    as the column types would convert them, so reads through SQLAlchemy see the same.
    """
    sqlite_dialect = conn.dialect.name == "sqlite"
    if sqlite_dialect:
        marks = ", ".join("?" for _ in MESSAGE_COLUMNS)
    else:
        marks = ", ".join("%s::jsonb" if c in _JSON_COLUMNS else "%s" for c in MESSAGE_COLUMNS)
    quoted = ", ".join(f'"{c}"' for c in MESSAGE_COLUMNS)
    sql = f"INSERT INTO messages ({quoted}) VALUES ({marks})"
    conn.exec_driver_sql(sql, [(p.row["channel_id"], *p.params, p.row["facets"]) for p in rows])
    count_inserted(conn, Counter(p.row["language"] for p in rows))
    if sqlite_dialect:
        # We hold SQLite's write lock: the newest len(rows) ids are the rows just inserted.
        last = conn.exec_driver_sql("SELECT max(id) FROM messages").scalar_one()
        first = int(last) - len(rows)
        conn.exec_driver_sql(
            "INSERT INTO messages_fts(rowid, match_key, facets) "
            "SELECT id, match_key, facets FROM messages WHERE id > ?",
            (first,),
        )
        return list(range(first + 1, int(last) + 1))
    table = schema.messages
    keys: dict[tuple[int, str], int] = {}
    by_channel: dict[int, list[str]] = {}
    for p in rows:
        by_channel.setdefault(p.row["channel_id"], []).append(p.row["message_id"])
    for channel_pk, message_ids in by_channel.items():
        for r in conn.execute(
            select(table.c.id, table.c.message_id).where(
                table.c.channel_id == channel_pk, table.c.message_id.in_(message_ids)
            )
        ):
            keys[(channel_pk, r.message_id)] = int(r.id)
    return [keys[(p.row["channel_id"], p.row["message_id"])] for p in rows]


_VERSION_FIELDS = ("text", "title", "media", "edited", "content_sha256", "raw_sha256", "raw")


def _version_row(row: dict[str, Any], message_pk: int, now: datetime) -> dict[str, Any]:
    out = {name: row[name] for name in _VERSION_FIELDS}
    out.update(
        message_pk=message_pk, source=row["source"], position=row["position"], ingested_at=now
    )
    return out


def _apply_edit(
    conn: Connection, stored: Any, incoming: dict[str, Any], now: datetime
) -> bool | None:
    """Record an edit: True if the incoming version became the current row, False if it was
    kept as an older version, None when its content is already a known version."""
    versions = schema.message_versions
    known = conn.execute(
        select(versions.c.id).where(
            and_(
                versions.c.message_pk == stored.id,
                versions.c.content_sha256 == incoming["content_sha256"],
            )
        )
    ).first()
    if known is not None:
        return None
    stored_edited = stored.edited or stored.date
    incoming_edited = incoming["edited"] or incoming["date"]
    newer = stored_edited is None or (
        incoming_edited is not None and incoming_edited >= stored_edited
    )
    table = schema.messages
    if newer:
        old = conn.execute(select(table).where(table.c.id == stored.id)).mappings().one()
        conn.execute(versions.insert(), [_version_row(dict(old), stored.id, now)])
        update = {k: v for k, v in incoming.items() if k not in ("channel_id", "message_id")}
        update["version"] = stored.version + 1
        conn.execute(table.update().where(table.c.id == stored.id).values(**update))
    else:
        conn.execute(versions.insert(), [_version_row(incoming, stored.id, now)])
        conn.execute(
            table.update().where(table.c.id == stored.id).values(version=stored.version + 1)
        )
    return newer


def _insert_rejected(conn: Connection, items: Sequence[Rejected], now: datetime) -> None:
    rows = [
        {
            "source": r.source,
            "source_format": r.source_format,
            "position": r.position[:255],
            "code": r.code,
            "reason": r.reason,
            "raw_excerpt": r.raw_excerpt,
            "raw_sha256": r.raw_sha256,
            "ingested_at": now,
        }
        for r in items
    ]
    if conn.dialect.name == "postgresql":
        stmt: Any = postgresql.insert(schema.rejected).on_conflict_do_nothing()
    else:
        stmt = sqlite.insert(schema.rejected).on_conflict_do_nothing()
    conn.execute(stmt, rows)


def write_batch(
    conn: Connection,
    channels: ChannelCache,
    batch: Sequence[Prepared],
    rejected_items: Sequence[Rejected] = (),
) -> BatchCounts:
    """Write one prepared batch inside the caller's transaction and count what happened."""
    counts = BatchCounts(rejected=len(rejected_items))
    now = _now()
    if rejected_items:
        _insert_rejected(conn, rejected_items, now)
    if not batch:
        return counts
    channel_ids = channels.resolve(conn, batch)
    incoming: dict[tuple[int, str], Prepared] = {}
    later: list[dict[str, Any]] = []  # same key twice in one batch: handled after the first
    later_prepared: dict[int, Prepared] = {}
    for prepared in batch:
        row = prepared.row
        row["channel_id"] = channel_ids[prepared.channel_key]
        row["facets"] = facets(row["language"], row["channel_id"], row["date"])
        key = (row["channel_id"], row["message_id"])
        if key in incoming:
            row = complete_row(prepared)
            later.append(row)
            later_prepared[id(row)] = prepared
        else:
            incoming[key] = prepared
    table = schema.messages
    by_channel: dict[int, list[str]] = {}
    for channel_pk, message_id in incoming:
        by_channel.setdefault(channel_pk, []).append(message_id)
    stored: dict[tuple[int, str], Any] = {}
    for channel_pk, message_ids in by_channel.items():
        # One query per channel so the (channel_id, message_id) unique index is used.
        for r in conn.execute(
            select(
                table.c.id,
                table.c.channel_id,
                table.c.message_id,
                table.c.content_sha256,
                table.c.edited,
                table.c.date,
                table.c.version,
            ).where(table.c.channel_id == channel_pk, table.c.message_id.in_(message_ids))
        ):
            stored[(r.channel_id, r.message_id)] = r
    fresh = [prepared for key, prepared in incoming.items() if key not in stored]
    if fresh:
        pks = insert_messages(conn, fresh)
        written = list(zip(pks, fresh, strict=True))
        insert_annotations(conn, written)
        insert_graph(conn, written)
        counts.ingested += len(fresh)
    for key, prepared in incoming.items():
        if key in stored and _classify(conn, stored[key], complete_row(prepared), now, counts):
            _replace_annotations(conn, stored[key].id, prepared)
    for row in later:
        current = conn.execute(
            select(
                table.c.id,
                table.c.content_sha256,
                table.c.edited,
                table.c.date,
                table.c.version,
            ).where(
                and_(
                    table.c.channel_id == row["channel_id"], table.c.message_id == row["message_id"]
                )
            )
        ).one()
        if _classify(conn, current, row, now, counts):
            _replace_annotations(conn, current.id, later_prepared[id(row)])
    return counts


def _replace_annotations(conn: Connection, message_pk: int, prepared: Prepared) -> None:
    """The current row changed: its annotations follow the new text."""
    conn.execute(schema.annotations.delete().where(schema.annotations.c.message_pk == message_pk))
    insert_annotations(conn, [(int(message_pk), prepared)])
    replace_graph(conn, int(message_pk), prepared)


def _classify(
    conn: Connection, stored: Any, row: dict[str, Any], now: datetime, counts: BatchCounts
) -> bool:
    """Count a known message; return True when the incoming version became the current row."""
    if stored.content_sha256 == row["content_sha256"]:
        counts.duplicates += 1
    elif (became := _apply_edit(conn, stored, row, now)) is not None:
        counts.edits += 1
        return became
    else:
        counts.duplicates += 1
    return False
