"""The records every stage reads and writes.

``RawItem`` is what a reader yields: one item with its provenance and its raw record.
``Message`` is a ``RawItem`` plus what the analysis stages assign (normalized text, match key,
script, language, annotations). ``Rejected`` is an item that could not be parsed; it is stored,
never dropped.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import orjson

__all__ = [
    "Annotation",
    "Message",
    "RawItem",
    "Rejected",
    "canonical_json",
    "canonical_sha256",
]


_CANONICAL = orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS


def canonical_json(value: Any) -> bytes:
    """Canonical JSON bytes: sorted keys, compact, UTF-8 (lone surrogates kept escaped)."""
    try:
        return orjson.dumps(value, option=_CANONICAL, default=str)
    except (orjson.JSONEncodeError, TypeError):
        # orjson refuses lone surrogates and integers beyond 64 bits: the slow path takes both.
        text = json.dumps(
            value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str
        )
        return text.encode("utf-8", "surrogatepass")


def canonical_sha256(raw: Any) -> str:
    """SHA-256 of a record's canonical JSON (sorted keys, UTF-8): stable across re-exports."""
    return hashlib.sha256(canonical_json(raw)).hexdigest()


@dataclass(slots=True)
class RawItem:
    """One item as read from a source, with full provenance.

    ``kind`` is one of message, service, unsupported (Telegram), article, document.

    ``channel_key`` identifies the channel across exports (``telegram:<peer id>`` for Telegram,
    ``file:<name>`` or a mapped column for other formats); ``message_id`` is the id inside the
    source (Telegram's message id, a CSV/JSONL id column, or a content hash for documents).
    Dates are timezone-aware UTC.
    """

    source: str
    source_format: str
    position: str
    channel_key: str
    message_id: str
    kind: str = "message"
    channel_name: str | None = None
    channel_type: str | None = None
    date: datetime | None = None
    author: str | None = None
    author_id: str | None = None
    text: str = ""
    title: str | None = None
    links: list[str] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)
    hashtags: list[str] = field(default_factory=list)
    forwarded_from: str | None = None
    forwarded_from_id: str | None = None
    reply_to_message_id: str | None = None
    edited: datetime | None = None
    media: dict[str, Any] | None = None
    raw: Any = None
    raw_sha256: str = ""

    def __post_init__(self) -> None:
        if not self.raw_sha256:
            self.raw_sha256 = canonical_sha256(self.raw)

    @property
    def content_sha256(self) -> str:
        """Hash of what a reader sees (text, title, media): decides whether an item was edited."""
        return canonical_sha256([self.text, self.title, self.media])


@dataclass(slots=True)
class Rejected:
    """An item (or the damaged tail of a file) that could not be parsed, kept with its reason."""

    source: str
    source_format: str
    position: str
    code: str
    reason: str
    raw_excerpt: str = ""
    raw_sha256: str = ""

    def __post_init__(self) -> None:
        if not self.raw_sha256:
            self.raw_sha256 = hashlib.sha256(
                self.raw_excerpt.encode("utf-8", "surrogatepass")
            ).hexdigest()


@dataclass(slots=True)
class Annotation:
    """Something a stage found in a message, with the component and version that found it."""

    component: str
    version: str
    kind: str
    label: str
    score: float = 1.0
    start: int | None = None
    end: int | None = None
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Message:
    """A ``RawItem`` travelling through the analysis pipeline."""

    item: RawItem
    norm_text: str = ""
    match_key: str = ""
    script: str = "Zyyy"
    language: str = "und"
    language_confidence: float = 0.0
    annotations: list[Annotation] = field(default_factory=list)
    assigned: set[str] = field(default_factory=set)
    #: The annotations as the store writes them (``propwatch.model.rows.annotation_params``),
    #: when an ingest worker analysed the message: tuples cross processes several times faster
    #: than ``Annotation`` objects, and the JSON is encoded in the worker. ``annotations`` is
    #: then empty in the ingest process.
    annotation_rows: list[tuple[Any, ...]] | None = None
