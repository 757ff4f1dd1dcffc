"""What extraction finds in one text: entities, attack events and relations, with evidence.

Offsets are Python string indices into the item's *original* text (as in detection), so
``text[start:end]`` is what the analyst sees. ``to_json`` gives the shapes printed by
``propwatch analyze --json`` (``entities``, ``events``, ``relations``): a public interface.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "ENTITY_TYPES",
    "EVENT_TYPES",
    "QUALIFIERS",
    "RELATION_TYPES",
    "DateValue",
    "Entity",
    "Event",
    "Extraction",
    "Figure",
    "Relation",
    "Span",
]

ENTITY_TYPES: tuple[str, ...] = (
    "organization", "media_outlet", "channel", "publication", "person", "place",
)  # fmt: skip

#: ``killed``/``injured`` qualifiers: "15" exact, "at least 15" at_least, "more than 15" /
#: "over 15" over, "about 15" / "nearly 15" about, "up to 15" up_to.
QUALIFIERS: tuple[str, ...] = ("exact", "at_least", "over", "about", "up_to")

EVENT_TYPES: tuple[str, ...] = (
    "attack", "bombing", "suicide_bombing", "shooting", "stabbing", "rocket_attack",
    "hostage_taking", "arson", "foiled_attack", "stampede", "vehicle_ramming",
)  # fmt: skip

RELATION_TYPES: tuple[str, ...] = (
    "claimed_by", "published_by", "issue_of", "alias_of", "member_of", "located_in",
    "targets", "forwarded_from", "mentions",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of the original text that supports a finding."""

    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True)
class Entity:
    type: str  # one of ENTITY_TYPES
    #: Canonical name: the gazetteer name when known, else the cleaned surface form.
    name: str
    text: str  # as written
    start: int
    end: int
    gazetteer_id: str | None = None
    aliases: list[str] = field(default_factory=list)
    #: e.g. publication ``issue`` (int), ``volume``, ``headline``; person ``kunya``;
    #: channel ``handle``/``url``; place ``kind``/``country``.
    attributes: dict[str, Any] = field(default_factory=dict)
    #: What found it: ``gazetteer``, ``pattern:<name>``, ``ner:natasha``.
    method: str = "gazetteer"
    confidence: float = 1.0

    def to_json(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "name": self.name,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "gazetteer_id": self.gazetteer_id,
            "aliases": list(self.aliases),
            "attributes": dict(self.attributes),
            "method": self.method,
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True, slots=True)
class DateValue:
    """A date as precise as the text gives it: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``."""

    value: str
    text: str
    start: int
    end: int
    #: ``gregorian``, ``jalali`` or ``hijri`` (what the text used; ``value`` is Gregorian).
    calendar: str = "gregorian"
    #: ``explicit``; ``weekday`` or ``relative`` (resolved against the document date).
    resolution: str = "explicit"


@dataclass(frozen=True, slots=True)
class Figure:
    """A casualty figure as one source gives it; conflicting figures stay separate."""

    value: int
    qualifier: str  # one of QUALIFIERS
    text: str
    start: int
    end: int
    #: Who gave the figure when the text says ("state TV", "IRNA"); None otherwise.
    attribution: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "qualifier": self.qualifier,
            "attribution": self.attribution,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }


@dataclass(slots=True)
class Event:
    type: str  # one of EVENT_TYPES
    date: DateValue | None = None
    #: Most specific first: ["Shah Cheragh shrine", "Shiraz", "Fars province"].
    place: list[str] = field(default_factory=list)
    country: str | None = None
    target: str | None = None
    #: Every figure the text gives, in text order; the first is the headline figure.
    killed: list[Figure] = field(default_factory=list)
    injured: list[Figure] = field(default_factory=list)
    perpetrators: list[str] = field(default_factory=list)
    claimed_by: list[str] = field(default_factory=list)
    claim_outlet: list[str] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)
    #: Gazetteer ids of the place entities, most specific first (for linking).
    place_ids: list[str] = field(default_factory=list)
    confidence: float = 1.0

    def to_json(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "date": self.date.value if self.date else None,
            "date_text": self.date.text if self.date else None,
            "date_calendar": self.date.calendar if self.date else None,
            "date_resolution": self.date.resolution if self.date else None,
            "place": list(self.place),
            "place_ids": list(self.place_ids),
            "country": self.country,
            "target": self.target,
            "killed": [f.to_json() for f in self.killed],
            "injured": [f.to_json() for f in self.injured],
            "perpetrators": list(self.perpetrators),
            "claimed_by": list(self.claimed_by),
            "claim_outlet": list(self.claim_outlet),
            "evidence": [s.to_json() for s in self.evidence],
            "confidence": round(self.confidence, 3),
        }


@dataclass(slots=True)
class Relation:
    type: str  # one of RELATION_TYPES
    #: Canonical names of the two ends (entity ``name``; for events ``event:<index>``).
    source: str
    target: str
    evidence: list[Span] = field(default_factory=list)
    source_type: str = ""
    target_type: str = ""
    source_id: str | None = None  # gazetteer ids when known
    target_id: str | None = None
    #: ``text`` (stated in this text), ``gazetteer`` (known, and both ends occur here).
    basis: str = "text"

    def to_json(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "source": self.source,
            "target": self.target,
            "source_type": self.source_type,
            "target_type": self.target_type,
            "source_id": self.source_id,
            "target_id": self.target_id,
            "basis": self.basis,
            "evidence": [s.to_json() for s in self.evidence],
        }


@dataclass(slots=True)
class Extraction:
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "entities": [e.to_json() for e in self.entities],
            "events": [e.to_json() for e in self.events],
            "relations": [r.to_json() for r in self.relations],
        }
