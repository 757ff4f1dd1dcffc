"""Map records (a JSON object, a CSV row) to :class:`RawItem` fields: shared by JSONL and CSV.

Fields are found through ``options.column_map`` (propwatch field -> key) or, for fields it does
not name, the first key present from :data:`FIELD_DEFAULTS` (exact name first, then ignoring
case).

Ids: an ``id`` value (string or integer) becomes ``message_id``. A record without one gets a
*content id*, ``"sha256:" + the first 16 hex digits of its raw hash``: the same record always
gets the same id, so ingesting a file again does not duplicate it.

Dates: ISO 8601 with or without offset (naive means UTC) or epoch seconds / milliseconds
(numbers whose magnitude is at least 1e11 are milliseconds). A date that is present but does
not parse rejects the record (``R003``) instead of storing it undated.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from propwatch.ingest.base import ReaderOptions
from propwatch.model import RawItem, canonical_sha256

__all__ = ["FIELD_DEFAULTS", "RecordError", "parse_date", "record_to_item", "resolve_columns"]

#: Keys tried, in order, for each propwatch field when ``column_map`` does not name one.
FIELD_DEFAULTS: dict[str, tuple[str, ...]] = {
    "text": ("text", "message", "content", "body"),
    "id": ("id", "message_id", "msg_id"),
    "date": ("date", "timestamp", "created_at", "time"),
    "channel": ("channel", "channel_name", "chat", "source"),
    "author": ("author", "from", "user", "username"),
    "title": ("title",),
}

_EPOCH = re.compile(r"-?\d+(\.\d+)?")
_MS_THRESHOLD = 1e11


class RecordError(ValueError):
    """A record that cannot become an item; ``code`` is one of ``REJECT_CODES``."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


def resolve_columns(keys: Iterable[str], column_map: Mapping[str, str]) -> dict[str, str | None]:
    """Map each propwatch field to the key that holds it (None when absent)."""
    keys = list(keys)
    present = set(keys)
    folded: dict[str, str] = {}
    for key in keys:
        folded.setdefault(key.strip().casefold(), key)
    out: dict[str, str | None] = {}
    for name, candidates in FIELD_DEFAULTS.items():
        if name in column_map:
            out[name] = column_map[name]
            continue
        found = next((c for c in candidates if c in present), None)
        if found is None:
            found = next((folded[c] for c in candidates if c in folded), None)
        out[name] = found
    return out


def parse_date(value: Any) -> datetime | None:
    """Parse an ISO 8601 string or epoch seconds/ms into an aware UTC datetime (None if empty).

    Raises ``ValueError`` for anything else.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(f"not a date: {value!r}")
    if isinstance(value, str) and _EPOCH.fullmatch(value.strip()):
        value = float(value.strip())
    if isinstance(value, int | float):
        seconds = value / 1000 if abs(value) >= _MS_THRESHOLD else value
        try:
            return datetime.fromtimestamp(seconds, tz=UTC)
        except (OverflowError, OSError) as exc:
            raise ValueError(f"epoch out of range: {value!r}") from exc
    if not isinstance(value, str):
        raise ValueError(f"not a date: {value!r}")
    parsed = datetime.fromisoformat(value.strip())
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def _optional_str(record: Mapping[str, Any], key: str | None, field: str) -> str | None:
    value = record.get(key) if key is not None else None
    if value is None or isinstance(value, bool):
        return None if value is None else str(value).lower()
    if isinstance(value, str | int | float):
        return str(value) if str(value).strip() else None
    raise RecordError("R002", f"{field} ({key!r}) is a {type(value).__name__}, not a string")


def record_to_item(
    record: Mapping[str, Any],
    columns: Mapping[str, str | None],
    *,
    path: Path,
    source_format: str,
    position: str,
    options: ReaderOptions,
    raw: Any,
) -> RawItem:
    """Build a :class:`RawItem` from a mapped record, or raise :class:`RecordError`."""
    text_key = columns["text"]
    text = record.get(text_key) if text_key is not None else None
    if text is None:
        text = ""
    if not isinstance(text, str):
        raise RecordError("R002", f"text ({text_key!r}) is a {type(text).__name__}, not a string")
    if len(text) > options.max_item_bytes // 4 and len(text.encode()) > options.max_item_bytes:
        raise RecordError("R004", f"text is larger than {options.max_item_bytes} bytes")
    id_key = columns["id"]
    raw_id = record.get(id_key) if id_key is not None else None
    raw_sha = canonical_sha256(raw)
    if raw_id is None or (isinstance(raw_id, str) and not raw_id.strip()):
        message_id = "sha256:" + raw_sha[:16]
    elif isinstance(raw_id, str) or (isinstance(raw_id, int) and not isinstance(raw_id, bool)):
        message_id = str(raw_id).strip()
    else:
        raise RecordError("R001", f"id ({id_key!r}) is {raw_id!r}: not a string or integer")
    date_key = columns["date"]
    try:
        date = parse_date(record.get(date_key) if date_key is not None else None)
    except ValueError as exc:
        raise RecordError("R003", f"date ({date_key!r}) does not parse: {exc}") from None
    channel = _optional_str(record, columns["channel"], "channel")
    if channel is not None:
        channel_key = f"{source_format}:{channel}"
    else:
        channel_key = options.channel or f"file:{path.name}"
    return RawItem(
        source=str(path),
        source_format=source_format,
        position=position,
        channel_key=channel_key,
        message_id=message_id,
        channel_name=channel,
        date=date,
        author=_optional_str(record, columns["author"], "author"),
        text=text,
        title=_optional_str(record, columns["title"], "title"),
        raw=raw,
        raw_sha256=raw_sha,
    )
