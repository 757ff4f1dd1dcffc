"""Store-ready values computed without the store: light enough for ingest worker processes
(no SQLAlchemy), which send annotations back as the rows the writer inserts."""

from __future__ import annotations

import json
from typing import Any

import orjson

from propwatch.model.records import Message

__all__ = ["annotation_params", "json_text"]


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
