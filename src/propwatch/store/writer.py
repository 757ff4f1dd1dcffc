"""Write analysed messages and rejected items: idempotent, with edit versions.

For each incoming message, keyed by (channel, message id):
- unknown -> inserted;
- same content as the stored one or one of its earlier versions -> a duplicate, nothing written;
- different content -> an edit: the newer one (by ``edited`` time, else arrival) becomes the
  current row and the other is kept in ``message_versions``. Nothing is overwritten unkept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, and_, select, tuple_
from sqlalchemy.dialects import postgresql, sqlite

from propwatch.model import Message, Rejected
from propwatch.store import schema

__all__ = ["BatchCounts", "write_batch"]


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


def utc_naive(value: datetime | None) -> datetime | None:
    """Store datetimes as naive UTC."""
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class ChannelCache:
    """Maps channel keys to primary keys, creating channels on first sight."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}

    def resolve(self, conn: Connection, batch: Sequence[Message]) -> dict[str, int]:
        wanted: dict[str, tuple[str | None, str | None]] = {}
        for message in batch:
            item = message.item
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


def _row(message: Message, channel_pk: int, now: datetime) -> dict[str, Any]:
    item = message.item
    return {
        "channel_id": channel_pk,
        "message_id": item.message_id,
        "kind": item.kind,
        "date": utc_naive(item.date),
        "edited": utc_naive(item.edited),
        "author": item.author,
        "author_id": item.author_id,
        "title": item.title,
        "text": item.text,
        "norm_text": message.norm_text,
        "match_key": message.match_key,
        "language": message.language,
        "language_confidence": message.language_confidence,
        "script": message.script,
        "forwarded_from": item.forwarded_from,
        "forwarded_from_id": item.forwarded_from_id,
        "reply_to_message_id": item.reply_to_message_id,
        "links": item.links or None,
        "mentions": item.mentions or None,
        "hashtags": item.hashtags or None,
        "media": item.media,
        "source": item.source,
        "source_format": item.source_format,
        "position": item.position,
        "raw_sha256": item.raw_sha256,
        "content_sha256": item.content_sha256,
        "raw": item.raw,
        "version": 1,
        "ingested_at": now,
    }


_VERSION_FIELDS = ("text", "title", "media", "edited", "content_sha256", "raw_sha256", "raw")


def _version_row(row: dict[str, Any], message_pk: int, now: datetime) -> dict[str, Any]:
    out = {name: row[name] for name in _VERSION_FIELDS}
    out.update(
        message_pk=message_pk, source=row["source"], position=row["position"], ingested_at=now
    )
    return out


def _apply_edit(conn: Connection, stored: Any, incoming: dict[str, Any], now: datetime) -> bool:
    """Record an edit. Return False when the incoming content is a known older version."""
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
        return False
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
    return True


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
    batch: Sequence[Message],
    rejected_items: Sequence[Rejected] = (),
) -> BatchCounts:
    """Write one batch inside the caller's transaction and count what happened."""
    counts = BatchCounts(rejected=len(rejected_items))
    now = _now()
    if rejected_items:
        _insert_rejected(conn, rejected_items, now)
    if not batch:
        return counts
    channel_ids = channels.resolve(conn, batch)
    incoming: dict[tuple[int, str], dict[str, Any]] = {}
    later: list[dict[str, Any]] = []  # same key twice in one batch: handled after the first
    for message in batch:
        row = _row(message, channel_ids[message.item.channel_key], now)
        key = (row["channel_id"], row["message_id"])
        if key in incoming:
            later.append(row)
        else:
            incoming[key] = row
    table = schema.messages
    stored = {
        (r.channel_id, r.message_id): r
        for r in conn.execute(
            select(
                table.c.id,
                table.c.channel_id,
                table.c.message_id,
                table.c.content_sha256,
                table.c.edited,
                table.c.date,
                table.c.version,
            ).where(tuple_(table.c.channel_id, table.c.message_id).in_(list(incoming)))
        )
    }
    fresh = [row for key, row in incoming.items() if key not in stored]
    if fresh:
        conn.execute(table.insert(), fresh)
        counts.ingested += len(fresh)
    for key, row in incoming.items():
        if key in stored:
            _classify(conn, stored[key], row, now, counts)
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
        _classify(conn, current, row, now, counts)
    return counts


def _classify(
    conn: Connection, stored: Any, row: dict[str, Any], now: datetime, counts: BatchCounts
) -> None:
    if stored.content_sha256 == row["content_sha256"]:
        counts.duplicates += 1
    elif _apply_edit(conn, stored, row, now):
        counts.edits += 1
    else:
        counts.duplicates += 1
