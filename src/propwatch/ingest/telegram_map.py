"""Map one Telegram Desktop JSON message object to a :class:`RawItem` (or a :class:`Rejected`).

Used by :mod:`propwatch.ingest.telegram_json` for both export layouts. Field meanings follow
``export_output_json.cpp`` of Telegram Desktop (see the schema notes in the shared data folder).

Dates: ``date_unixtime`` (a string of epoch seconds) is authoritative. Only when it is missing
or unparseable is ``date`` used; that field is the exporting computer's *local* time without an
offset, and propwatch treats it as UTC (it may therefore be off by the exporter's UTC offset).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from propwatch.errors import REJECT_CODES
from propwatch.ingest.base import MAX_EXCERPT_CHARS
from propwatch.model import RawItem, Rejected, canonical_json

__all__ = ["MAX_NESTING", "SOURCE_FORMAT", "ChatContext", "excerpt", "map_message", "reject"]

SOURCE_FORMAT = "telegram_json"

#: Messages nested deeper than this (containers inside containers) are rejected with R005.
MAX_NESTING = 64

_KINDS = frozenset(("message", "service", "unsupported"))
_MEDIA_KEYS = frozenset(
    "photo file media_type poll location_information place_name contact_information "  # noqa: SIM905
    "game_title invoice_information".split()
)
_FILE_EXTRAS = tuple(
    "file_name file_size thumbnail mime_type duration_seconds width height sticker_emoji "  # noqa: SIM905
    "performer title".split()
)
#: Action keys shown verbatim in a service message's text; others are shown as ``key=value``.
_NAMED_DETAILS = ("title", "new_title", "members", "inviter", "information_text", "text_info")
_OTHER_DETAILS = tuple(
    "message_id duration_seconds discard_reason emoticon period schedule_date reason_domain "  # noqa: SIM905
    "reason_app_name amount currency cost months".split()
)


@dataclass(slots=True)
class ChatContext:
    """What every message of one chat shares."""

    source: str
    channel_key: str
    channel_name: str | None
    channel_type: str | None
    max_item_bytes: int


def _shallow(obj: Any, depth: int) -> Any:
    if depth <= 0 and isinstance(obj, dict | list):
        return "..."
    if isinstance(obj, dict):
        return {str(k): _shallow(v, depth - 1) for k, v in list(obj.items())[:50]}
    if isinstance(obj, list):
        return [_shallow(v, depth - 1) for v in obj[:50]]
    if isinstance(obj, str) and len(obj) > MAX_EXCERPT_CHARS:
        return obj[:MAX_EXCERPT_CHARS]
    return obj


def excerpt(obj: Any) -> str:
    """The first 4096 characters of ``obj`` as JSON (deep structures are cut, never recursed)."""
    try:
        return json.dumps(_shallow(obj, 8), ensure_ascii=False, default=str)[:MAX_EXCERPT_CHARS]
    except (ValueError, TypeError):  # pragma: no cover - _shallow output always serializes
        return repr(obj)[:MAX_EXCERPT_CHARS]


def reject(ctx: ChatContext, position: str, code: str, detail: str, obj: Any) -> Rejected:
    """A rejected record with the standard reason text for ``code`` plus ``detail``."""
    return Rejected(
        source=ctx.source,
        source_format=SOURCE_FORMAT,
        position=position,
        code=code,
        reason=f"{REJECT_CODES[code]}: {detail}",
        raw_excerpt=excerpt(obj),
    )


def _too_deep(obj: Any, limit: int) -> bool:
    """True when ``obj`` nests containers more than ``limit`` levels (iterative, no recursion)."""
    stack: list[tuple[Any, int]] = [(obj, 1)]
    while stack:
        value, depth = stack.pop()
        children = value.values() if type(value) is dict else value
        for child in children:
            if type(child) is dict or type(child) is list:
                if depth >= limit:
                    return True
                stack.append((child, depth + 1))
    return False


def _epoch(value: Any) -> datetime | None:
    if type(value) is str or type(value) is int:
        try:
            return datetime.fromtimestamp(int(value), UTC)
        except (ValueError, OverflowError, OSError):
            return None
    return None


def _iso(value: Any) -> datetime | None:
    if type(value) is not str:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _flatten(text: Any) -> str | None:
    """Plain text of a ``text`` field (string or list of strings and entity objects)."""
    if type(text) is str:
        return text
    if type(text) is not list:
        return None
    parts: list[str] = []
    for part in text:
        if type(part) is str:
            parts.append(part)
        elif type(part) is dict and type(part.get("text", "")) is str:
            parts.append(part.get("text", ""))
        else:
            return None
    return "".join(parts)


def _entities(msg: dict[str, Any]) -> tuple[list[str], list[str], list[str]]:
    entities = msg.get("text_entities")
    if type(entities) is not list:
        text = msg.get("text")
        entities = [p for p in text if type(p) is dict] if type(text) is list else []
    links: list[str] = []
    mentions: list[str] = []
    hashtags: list[str] = []
    for ent in entities:
        if type(ent) is not dict:
            continue
        kind = ent.get("type")
        if kind == "plain":
            continue
        value = ent.get("href") if kind == "text_link" else ent.get("text")
        if type(value) is not str or not value:
            continue
        if kind in ("link", "text_link", "url"):
            links.append(value)
        elif kind in ("mention", "mention_name"):
            mentions.append(value)
        elif kind == "hashtag":
            hashtags.append(value)
    return links, mentions, hashtags


def _file_ref(value: Any) -> dict[str, Any]:
    """``{"path": ...}``, or ``{"path": None, "note": ...}`` for "(File not included...)"."""
    if type(value) is str and value.startswith("(") and value.endswith(")"):
        return {"path": None, "note": value}
    return {"path": value if type(value) is str else None}


def _pick(msg: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {k: msg[k] for k in keys if msg.get(k) is not None}


def _media(msg: dict[str, Any]) -> dict[str, Any] | None:
    if msg.keys().isdisjoint(_MEDIA_KEYS):
        return None
    if "photo" in msg:
        extra = ("width", "height", "self_destruct_period_seconds")
        return {"type": "photo", **_file_ref(msg["photo"]), **_pick(msg, extra)}
    if "file" in msg or "media_type" in msg:
        kind = msg.get("media_type") if type(msg.get("media_type")) is str else "file"
        return {"type": kind, **_file_ref(msg.get("file")), **_pick(msg, _FILE_EXTRAS)}
    if type(msg.get("poll")) is dict:
        return {"type": "poll", **msg["poll"]}
    if "place_name" in msg or "location_information" in msg:
        loc = msg.get("location_information")
        kind = "venue" if "place_name" in msg else "location"
        extra = ("place_name", "address", "live_location_period_seconds")
        return {"type": kind, **(loc if type(loc) is dict else {}), **_pick(msg, extra)}
    if type(msg.get("contact_information")) is dict:
        vcard = _file_ref(msg.get("contact_vcard"))
        return {"type": "contact", **msg["contact_information"], "vcard": vcard["path"]}
    if "game_title" in msg:
        return {"type": "game", **_pick(msg, ("game_title", "game_description", "game_link"))}
    info = msg.get("invoice_information")
    return {"type": "invoice", **(info if type(info) is dict else {})}


def _service_text(msg: dict[str, Any], text: str) -> str:
    """A readable line for a service message, e.g. ``create_channel: <title>``."""
    action = msg.get("action")
    details: list[str] = []
    for key in _NAMED_DETAILS + _OTHER_DETAILS:
        value = msg.get(key)
        if value is None or value == "" or value == []:
            continue
        if type(value) is list:
            value = ", ".join(str(v) for v in value if v is not None)
        details.append(str(value) if key in _NAMED_DETAILS else f"{key}={value}")
    line = action if type(action) is str and action else "service"
    if details:
        line += ": " + "; ".join(details)
    return f"{line}\n{text}" if text else line


def _str_or_none(value: Any) -> str | None:
    return None if value is None else str(value)


def map_message(msg: Any, ctx: ChatContext, position: str) -> RawItem | Rejected:
    """One message object (as parsed) -> a ``RawItem``, or a ``Rejected`` with its code."""
    if type(msg) is not dict:
        return reject(ctx, position, "R009", f"got {type(msg).__name__}", msg)
    msg_id = msg.get("id")
    if type(msg_id) is not int:
        return reject(ctx, position, "R001", f"id is {msg_id!r}"[:200], msg)
    try:  # the same canonical JSON as model.canonical_sha256 (a test holds them equal)
        canonical = canonical_json(msg)
    except RecursionError:
        canonical = None
    if canonical is None or (
        canonical.count(b"[") + canonical.count(b"{") > MAX_NESTING and _too_deep(msg, MAX_NESTING)
    ):
        return reject(ctx, position, "R005", f"more than {MAX_NESTING} levels", msg)
    text = _flatten(msg.get("text", ""))
    if text is None:
        return reject(ctx, position, "R002", "text is neither a string nor a list", msg)
    if len(text) * 4 > ctx.max_item_bytes and len(text.encode("utf-8", "surrogatepass")) > (
        ctx.max_item_bytes
    ):
        return reject(ctx, position, "R004", f"text over {ctx.max_item_bytes} bytes", msg)
    date = _epoch(msg.get("date_unixtime"))
    if date is None:
        date = _iso(msg.get("date"))
        if date is None and ("date_unixtime" in msg or "date" in msg):
            return reject(ctx, position, "R003", f"date_unixtime {msg.get('date_unixtime')!r}", msg)
    kind = msg.get("type")
    if kind not in _KINDS:
        kind = "message" if "text" in msg else "unsupported"
    edited = _epoch(msg.get("edited_unixtime")) or _iso(msg.get("edited"))
    links, mentions, hashtags = _entities(msg)
    if kind == "service":
        text = _service_text(msg, text)
        author, author_id = msg.get("actor"), msg.get("actor_id")
    else:
        author, author_id = msg.get("from"), msg.get("from_id")
    return RawItem(
        source=ctx.source,
        source_format=SOURCE_FORMAT,
        position=position,
        channel_key=ctx.channel_key,
        message_id=str(msg_id),
        kind=kind,
        channel_name=ctx.channel_name,
        channel_type=ctx.channel_type,
        date=date,
        author=_str_or_none(author),
        author_id=_str_or_none(author_id),
        text=text,
        links=links,
        mentions=mentions,
        hashtags=hashtags,
        forwarded_from=_str_or_none(msg.get("forwarded_from")),
        forwarded_from_id=_str_or_none(msg.get("forwarded_from_id")),
        reply_to_message_id=_str_or_none(msg.get("reply_to_message_id")),
        edited=edited,
        media=_media(msg),
        raw=msg,
        raw_sha256=hashlib.sha256(canonical).hexdigest(),
    )
