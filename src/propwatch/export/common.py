"""Pieces every exporter shares: ISO dates, relation-end resolution, safe text.

A :class:`~propwatch.graph.model.GraphRelation` names its two ends; an end is an entity (its
``*_entity_id``), an event (``event:<n>``: the n-th event, by id, of the relation's message,
as extraction numbers them; or the event with store id n), or a channel (its key or name).
:class:`Resolver` turns an end into a :data:`Ref` so that STIX and network exports agree on
what each relation connects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

from propwatch.graph.model import (
    GraphChannel,
    GraphEntity,
    GraphEvent,
    GraphItem,
    GraphRelation,
    KnowledgeGraph,
)

__all__ = ["Ref", "Resolver", "iso", "xml_safe"]

#: ``("entity", "12")``, ``("event", "7")``, ``("channel", "telegram:100")``.
Ref = tuple[Literal["entity", "event", "channel"], str]

_EVENT_REF = re.compile(r"event[:#](\d{1,12})\Z")
#: Characters XML 1.0 cannot hold (C0 controls but tab/newline/CR, surrogates, U+FFFE/FFFF).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def iso(value: datetime | None) -> str | None:
    """``2024-01-03T12:00:00Z`` (naive values are UTC, as the store keeps them)."""
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat() + "Z"


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (GEXF and GraphML are XML)."""
    return _XML_ILLEGAL.sub("", text)


@dataclass(slots=True)
class Resolver:
    """Indexes of a graph: entities, events, channels and items by their keys."""

    graph: KnowledgeGraph
    entities: dict[int, GraphEntity] = field(default_factory=dict)
    events: dict[int, GraphEvent] = field(default_factory=dict)
    events_of_message: dict[int, list[GraphEvent]] = field(default_factory=dict)
    channels: dict[str, GraphChannel] = field(default_factory=dict)
    items: dict[int, GraphItem] = field(default_factory=dict)
    _channel_names: dict[str, str] = field(default_factory=dict)
    _entity_names: dict[str, int | None] = field(default_factory=dict)

    @classmethod
    def of(cls, graph: KnowledgeGraph) -> Resolver:
        res = cls(graph)
        for entity in graph.entities:
            res.entities[entity.id] = entity
            name = entity.name.casefold()
            # An ambiguous name (two entities) resolves to nothing rather than a guess.
            res._entity_names[name] = None if name in res._entity_names else entity.id
        for event in sorted(graph.events, key=lambda e: e.id):
            res.events[event.id] = event
            res.events_of_message.setdefault(event.message_pk, []).append(event)
        for channel in graph.channels:
            res.channels[channel.key] = channel
            res._channel_names.setdefault(channel.key.casefold(), channel.key)
            if channel.name:
                res._channel_names.setdefault(channel.name.casefold(), channel.key)
                res._channel_names.setdefault(channel.name.casefold().lstrip("@"), channel.key)
        for item in graph.items:
            res.items[item.pk] = item
        return res

    def channel_key(self, name: str) -> str | None:
        """The key of the graph channel called ``name`` (key, name or @handle), if any."""
        if name in self.channels:
            return name
        folded = name.casefold()
        return self._channel_names.get(folded) or self._channel_names.get(folded.lstrip("@"))

    def end(self, relation: GraphRelation, side: Literal["source", "target"]) -> Ref | None:
        """What one end of ``relation`` is, or None when it names nothing in the graph."""
        entity_id = relation.source_entity_id if side == "source" else relation.target_entity_id
        if entity_id is not None and entity_id in self.entities:
            return ("entity", str(entity_id))
        name = relation.source if side == "source" else relation.target
        match = _EVENT_REF.match(name.strip())
        if match:
            number = int(match.group(1))
            own = (
                self.events_of_message.get(relation.message_pk, [])
                if relation.message_pk is not None
                else []
            )
            if number < len(own):
                return ("event", str(own[number].id))
            if number in self.events:
                return ("event", str(number))
            return None
        key = self.channel_key(name)
        if key is not None:
            return ("channel", key)
        by_name = self._entity_names.get(name.casefold())
        if by_name is not None:
            return ("entity", str(by_name))
        return None

    def item_key(self, pk: int) -> str:
        """A key for a message that survives re-ingest: ``<channel key>/<message id>``."""
        item = self.items.get(pk)
        return f"{item.channel_key}/{item.message_id}" if item else f"pk:{pk}"
