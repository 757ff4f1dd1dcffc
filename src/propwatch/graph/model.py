"""The knowledge graph as read back from the store: what ``propwatch entities``, ``events``,
``graph`` and the exporters (STIX, GEXF, GraphML, CSV, NDJSON) work from.

Every entity, event and relation keeps the messages it came from (``message_pks`` /
``message_pk``), so each fact is traceable to its source item.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

__all__ = [
    "ChannelEdge",
    "GraphChannel",
    "GraphEntity",
    "GraphEvent",
    "GraphItem",
    "GraphRelation",
    "KnowledgeGraph",
]


@dataclass(slots=True)
class GraphEntity:
    id: int  # store primary key of the merged entity
    #: Merge key: ``gaz:<gazetteer id>`` or ``<type>:<cross-script match key of the name>``.
    key: str
    type: str
    name: str
    gazetteer_id: str | None
    aliases: list[str] = field(default_factory=list)  # every surface form seen + gazetteer
    attributes: dict[str, Any] = field(default_factory=dict)
    mention_count: int = 0
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    message_pks: list[int] = field(default_factory=list)  # capped sample, oldest first


@dataclass(slots=True)
class GraphEvent:
    id: int
    message_pk: int
    type: str
    date: str | None  # ISO, possibly partial
    date_text: str | None
    place: list[str]
    country: str | None
    data: dict[str, Any]  # the full ``Event.to_json()``


@dataclass(slots=True)
class GraphRelation:
    id: int
    type: str
    source_entity_id: int | None  # None when an end is not an entity (an event, a channel)
    target_entity_id: int | None
    source: str  # names, always set
    target: str
    message_pk: int | None
    evidence: list[dict[str, Any]] = field(default_factory=list)
    basis: str = "text"


@dataclass(slots=True)
class GraphChannel:
    id: int
    key: str
    name: str | None
    type: str | None
    messages: int = 0
    first_seen: datetime | None = None


@dataclass(slots=True)
class ChannelEdge:
    """Channel ``source`` forwarded from / mentioned / linked to ``target``."""

    source: str  # channel key (or name for channels known only from a forward)
    target: str
    kind: str  # ``forward``, ``mention`` or ``link``
    weight: int = 1
    first: datetime | None = None
    last: datetime | None = None


@dataclass(slots=True)
class GraphItem:
    """A source message, as referenced by exports (STIX ``report``)."""

    pk: int
    channel_key: str
    message_id: str
    date: datetime | None
    language: str
    text: str
    source: str
    propaganda: float | None = None
    labels: list[str] = field(default_factory=list)
    signals: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class KnowledgeGraph:
    entities: list[GraphEntity] = field(default_factory=list)
    events: list[GraphEvent] = field(default_factory=list)
    relations: list[GraphRelation] = field(default_factory=list)
    channels: list[GraphChannel] = field(default_factory=list)
    channel_edges: list[ChannelEdge] = field(default_factory=list)
    items: list[GraphItem] = field(default_factory=list)
