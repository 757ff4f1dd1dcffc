"""Store-ready values computed without the store: light enough for ingest worker processes
(no SQLAlchemy), which build the rows the writer inserts and send them back."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import orjson

from propwatch.model.records import Message

__all__ = [
    "MESSAGE_COLUMNS",
    "RAW_PARAM",
    "Prepared",
    "annotation_params",
    "complete_row",
    "json_text",
    "now_utc",
    "prepare",
    "slim",
    "sqlite_date",
    "utc_naive",
    "with_raw",
]


def json_text(value: Any) -> str:
    """Compact JSON text, UTF-8 characters unescaped (what JSON columns hold)."""
    try:
        return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS, default=str).decode()
    except (orjson.JSONEncodeError, TypeError):  # lone surrogates, integers beyond 64 bits
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


def annotation_params(message: Message) -> list[tuple[Any, ...]]:
    """Driver-ready values of ``message``'s annotations (``ANNOTATION_COLUMNS`` after
    ``message_pk``)."""
    if message.annotation_rows is not None:
        return message.annotation_rows
    return [
        (
            a.component[:100],
            a.version[:32],
            a.kind[:32],
            a.label[:200],
            float(a.score),
            a.start,
            a.end,
            json_text(a.data) if a.data else None,
        )
        for a in message.annotations
    ]


def utc_naive(value: datetime | None) -> datetime | None:
    """Store datetimes as naive UTC."""
    if value is None:
        return None
    tz = value.tzinfo
    if tz is UTC:
        return value.replace(tzinfo=None)
    if tz is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value


def now_utc() -> datetime:
    """Now, as stored: naive UTC."""
    return datetime.now(UTC).replace(tzinfo=None)


def sqlite_date(value: datetime | None) -> str | None:
    """The text form SQLAlchemy's SQLite DateTime type writes and reads back."""
    return None if value is None else value.isoformat(" ", "microseconds")


#: Columns written for a new message, in order (channel_id first).
MESSAGE_COLUMNS: tuple[str, ...] = (
    "channel_id",
    "message_id",
    "kind",
    "date",
    "edited",
    "author",
    "author_id",
    "title",
    "text",
    "norm_text",
    "match_key",
    "language",
    "language_confidence",
    "script",
    "forwarded_from",
    "forwarded_from_id",
    "reply_to_message_id",
    "links",
    "mentions",
    "hashtags",
    "media",
    "source",
    "source_format",
    "position",
    "raw_sha256",
    "content_sha256",
    "raw",
    "version",
    "ingested_at",
    "facets",
)

#: Where the raw record's JSON sits in ``Prepared.params`` (set by :func:`with_raw`).
RAW_PARAM = MESSAGE_COLUMNS.index("raw") - 1


@dataclass(slots=True)
class Prepared:
    """A message turned into column values, ready to write (built outside the writer)."""

    channel_key: str
    channel_name: str | None
    channel_type: str | None
    row: dict[str, Any]  # column -> Python value (used for edits and comparisons)
    params: tuple[Any, ...]  # driver-ready values of MESSAGE_COLUMNS between channel_id, facets
    #: driver-ready annotation values (ANNOTATION_COLUMNS after message_pk)
    annotations: list[tuple[Any, ...]] = field(default_factory=list)


def _json_or_none(value: Any) -> str | None:
    return None if value is None else json_text(value)


def prepare(batch: Sequence[Message], dialect: str) -> list[Prepared]:
    """Turn analysed messages into rows. Pure Python, no database: runs in an ingest worker
    or beside the writer. The raw record goes in as JSON when the item still carries it
    (worker processes get items without it: :func:`with_raw` adds it afterwards)."""
    now = now_utc()
    on_sqlite = dialect == "sqlite"
    stamp: Any = sqlite_date(now) if on_sqlite else now
    out = []
    for message in batch:
        item = message.item
        date, edited = utc_naive(item.date), utc_naive(item.edited)
        links, mentions, hashtags = item.links or None, item.mentions or None, item.hashtags or None
        content_sha256 = item.content_sha256
        row = {
            "channel_id": 0,
            "message_id": item.message_id,
            "kind": item.kind,
            "date": date,
            "edited": edited,
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
            "links": links,
            "mentions": mentions,
            "hashtags": hashtags,
            "media": item.media,
            "source": item.source,
            "source_format": item.source_format,
            "position": item.position,
            "raw_sha256": item.raw_sha256,
            "content_sha256": content_sha256,
            "raw": item.raw,
            "version": 1,
            "ingested_at": now,
        }
        # The same values in MESSAGE_COLUMNS order, as the driver takes them (JSON as text,
        # dates as SQLAlchemy writes them on SQLite).
        params = (
            item.message_id,
            item.kind,
            sqlite_date(date) if on_sqlite else date,
            sqlite_date(edited) if on_sqlite else edited,
            item.author,
            item.author_id,
            item.title,
            item.text,
            message.norm_text,
            message.match_key,
            message.language,
            message.language_confidence,
            message.script,
            item.forwarded_from,
            item.forwarded_from_id,
            item.reply_to_message_id,
            _json_or_none(links),
            _json_or_none(mentions),
            _json_or_none(hashtags),
            _json_or_none(item.media),
            item.source,
            item.source_format,
            item.position,
            item.raw_sha256,
            content_sha256,
            _json_or_none(item.raw),
            1,
            stamp,
        )
        out.append(
            Prepared(
                item.channel_key,
                item.channel_name,
                item.channel_type,
                row,
                params,
                annotation_params(message),
            )
        )
    return out


#: What the writer reads of a new message's row (``Prepared.row``); a striped worker sends
#: only these (``slim``), and :func:`complete_row` rebuilds the rest when an edit needs it.
_SLIM_KEYS = ("message_id", "language", "date", "edited", "content_sha256", "ingested_at")
_JSON_PARAMS = tuple(
    MESSAGE_COLUMNS.index(c) - 1 for c in ("links", "mentions", "hashtags", "media", "raw")
)


def slim(prepared: Prepared) -> Prepared:
    """``prepared`` with only the row values the writer reads for a new message (in place):
    the rest is in ``params``, and pickling it twice cost a striped worker and the ingest
    process about 25 µs a message together."""
    row = prepared.row
    prepared.row = {key: row[key] for key in _SLIM_KEYS}
    return prepared


def complete_row(prepared: Prepared) -> dict[str, Any]:
    """``prepared.row`` with every column (an edit writes them all), rebuilt from ``params``
    if :func:`slim` cut it: JSON columns decoded, dates as the row held them."""
    row = prepared.row
    if "text" not in row:
        full: dict[str, Any] = dict(zip(MESSAGE_COLUMNS[1:-1], prepared.params, strict=True))
        for i in _JSON_PARAMS:
            text = prepared.params[i]
            full[MESSAGE_COLUMNS[i + 1]] = None if text is None else json.loads(text)
        full.update(row)  # channel id, facets, dates and version as the writer holds them
        row.update(full)
    return row


def with_raw(prepared: Prepared, raw: Any) -> Prepared:
    """``prepared`` (built without the raw record) with ``raw`` added, in place."""
    prepared.row["raw"] = raw
    params = prepared.params
    prepared.params = (*params[:RAW_PARAM], _json_or_none(raw), *params[RAW_PARAM + 1 :])
    return prepared
