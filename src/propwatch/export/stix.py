"""A STIX 2.1 bundle of a knowledge graph, in the forms OpenCTI imports.

Mapping (details and reasons in ``docs/exports.md``):

* organizations of a group kind (``GROUP_KINDS``), or named as claiming an attack ->
  ``intrusion-set``; other organizations -> ``identity`` (``organization``);
* media outlets -> ``identity`` (``organization``, role ``media-outlet``);
* channels (store channels, extracted channels) and publications -> OpenCTI ``channel``;
* persons who are members of a group -> ``threat-actor`` (``resource_level: individual``,
  OpenCTI's Threat-Actor-Individual); other persons -> ``identity`` (``individual``);
* places -> ``location`` (``country`` code, ``x_opencti_location_type``); a place whose
  country is unknown is left out (STIX requires a country, region or coordinates);
* attack events -> ``incident`` (figures in the description and ``x_propwatch_killed``);
* detection labels -> OpenCTI ``narrative`` (definition, DISARM id);
* wallets and URLs found in items -> ``indicator`` + observable + ``based-on``;
* source items -> ``report`` (published = message date, ``object_refs`` = what it mentions);
* relations and channel edges -> ``relationship`` quoting the evidence.

Every id is a uuid5 of a stable key, so exporting again gives the same ids.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from propwatch.export.common import Ref, Resolver
from propwatch.export.stix_objects import (
    MAX_QUOTES,
    channel_object,
    incident_object,
    indicator_object,
    narrative_object,
    observable_object,
    quotes_of,
    report_object,
    sid,
    stamp,
)
from propwatch.export.stix_rules import (
    GROUP_KINDS,
    OPENCTI_SDO_EXTENSION,
    PROPWATCH_NAMESPACE,
    RELATION_TYPES,
    URL_SIGNALS,
    WALLET_SIGNALS,
    location_type,
    relationship_type,
)
from propwatch.graph.model import GraphChannel, GraphEntity, GraphEvent, GraphItem, KnowledgeGraph
from propwatch.knowledge.gazetteer_model import GazEntry, Gazetteer
from propwatch.knowledge.model import Label

__all__ = ["StixSummary", "to_stix_bundle", "write_stix"]

_CODE = re.compile(r"[A-Za-z]{2}\Z")


@dataclass(slots=True)
class StixSummary:
    """What :func:`write_stix` wrote."""

    objects: int
    by_type: dict[str, int]
    #: Things left out and why: ``place_without_country``, ``unresolved_relation``...
    skipped: dict[str, int] = field(default_factory=dict)


def to_stix_bundle(
    graph: KnowledgeGraph,
    *,
    narratives: Mapping[str, Label] | None = None,
    identity_name: str = "propwatch",
    gazetteer: Gazetteer | None = None,
    created: datetime | None = None,
    min_propaganda: float = 0.5,
) -> dict[str, Any]:
    """The graph as a STIX 2.1 bundle (a JSON-ready dict; ``stix2.parse(json.dumps(b),
    allow_custom=True)`` reads it back).

    ``narratives`` describes detection labels (default: the built-in taxonomy);
    ``gazetteer`` supplies organization kinds, countries and memberships the graph lacks
    (default: the built-in gazetteer; pass ``Gazetteer()`` for none); ``created`` stamps
    every object (default: now); a channel ``uses`` a narrative when one of its items carries
    the label and has a propaganda score of at least ``min_propaganda``.
    """
    return _Builder(graph, narratives, identity_name, gazetteer, created, min_propaganda).build()


def write_stix(
    graph: KnowledgeGraph,
    path: str | Path,
    *,
    narratives: Mapping[str, Label] | None = None,
    identity_name: str = "propwatch",
    gazetteer: Gazetteer | None = None,
    created: datetime | None = None,
    min_propaganda: float = 0.5,
) -> StixSummary:
    """Write :func:`to_stix_bundle` to ``path`` as UTF-8 JSON; say what was written."""
    builder = _Builder(graph, narratives, identity_name, gazetteer, created, min_propaganda)
    bundle = builder.build()
    Path(path).write_bytes(orjson.dumps(bundle, option=orjson.OPT_INDENT_2) + b"\n")
    by_type: dict[str, int] = {}
    for obj in bundle["objects"]:
        by_type[obj["type"]] = by_type.get(obj["type"], 0) + 1
    return StixSummary(len(bundle["objects"]), by_type, dict(builder.skipped))


@dataclass(slots=True)
class _Rel:
    """One relationship being gathered from every relation that says the same thing."""

    rtype: str
    source: str
    target: str
    relation: str
    pks: set[int] = field(default_factory=set)
    quotes: list[str] = field(default_factory=list)
    basis: set[str] = field(default_factory=set)
    weight: int = 0
    first: datetime | None = None
    last: datetime | None = None


class _Builder:
    """Builds the bundle: objects in order (author, channels, entities, events, narratives,
    indicators, relationships, reports), each added once by id."""

    def __init__(
        self,
        graph: KnowledgeGraph,
        narratives: Mapping[str, Label] | None,
        identity_name: str,
        gazetteer: Gazetteer | None,
        created: datetime | None,
        min_propaganda: float,
    ) -> None:
        self.graph = graph
        self.res = Resolver.of(graph)
        if narratives is None:
            from propwatch.knowledge.loader import default_pack

            narratives = default_pack().labels
        self.narratives = narratives
        if gazetteer is None:
            from propwatch.knowledge.gazetteer import default_gazetteer

            gazetteer = default_gazetteer()
        self.gazetteer = gazetteer
        self.now = stamp(created or datetime.now(UTC))
        self.min_propaganda = min_propaganda
        self.objects: dict[str, dict[str, Any]] = {}
        self.kind: dict[str, str] = {}  # stix id -> OpenCTI entity type
        self.names: dict[str, str] = {}  # stix id -> display name
        self.entity_ids: dict[int, str] = {}
        self.event_ids: dict[int, str] = {}
        self.channel_ids: dict[str, str] = {}
        self.narrative_ids: dict[str, str] = {}
        self.rels: dict[tuple[str, str, str, str], _Rel] = {}
        self.item_refs: dict[int, set[str]] = {}
        self.skipped: dict[str, int] = {}
        self._places: dict[str, list[GraphEntity]] = {}  # gazetteer id / folded name -> places
        self._orgs: dict[str, list[GraphEntity]] = {}  # folded name -> organizations
        for entity in graph.entities:
            if entity.type == "place":
                for key in filter(None, (entity.gazetteer_id, entity.name.casefold())):
                    self._places.setdefault(key, []).append(entity)
            elif entity.type == "organization":
                self._orgs.setdefault(entity.name.casefold(), []).append(entity)
        self._event_countries: dict[str, str] = {}  # folded place name -> event country
        for event in graph.events:
            if event.country:
                for place in event.place:
                    self._event_countries.setdefault(place.casefold(), event.country)
        self.author = sid("identity", "author", identity_name)
        self._add(
            {
                "type": "identity",
                "id": self.author,
                "name": identity_name,
                "identity_class": "system",
                "description": "propwatch: offline analysis of extremist propaganda; "
                "objects are machine-extracted and need an analyst's review.",
            },
            "Identity-System",
            identity_name,
            authored=False,
        )

    # -- plumbing --------------------------------------------------------------------------
    def _add(self, obj: dict[str, Any], kind: str, name: str, *, authored: bool = True) -> str:
        """Add ``obj`` with the common properties (empty values dropped); return its id."""
        ident = str(obj["id"])
        if ident in self.objects:
            return ident
        full: dict[str, Any] = {"type": obj["type"], "spec_version": "2.1", "id": ident}
        if kind != "Observable":  # cyber observables have no created/modified/author
            full["created"] = self.now
            full["modified"] = self.now
            if authored:
                full["created_by_ref"] = self.author
        full.update((k, v) for k, v in obj.items() if v not in (None, [], "", {}))
        self.objects[ident] = full
        self.kind[ident] = kind
        self.names[ident] = name
        return ident

    def _skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1

    def _refer(self, pks: Iterable[int], ident: str) -> None:
        """Items ``pks`` mention object ``ident`` (their reports will list it)."""
        for pk in pks:
            self.item_refs.setdefault(pk, set()).add(ident)

    def _gaz(self, entity: GraphEntity) -> GazEntry | None:
        return self.gazetteer.get(entity.gazetteer_id) if entity.gazetteer_id else None

    def _relate(
        self,
        wanted: str,
        source: str,
        target: str,
        relation: str,
        *,
        pks: Iterable[int] = (),
        quotes: Iterable[str] = (),
        basis: str | None = None,
        weight: int = 0,
        first: datetime | None = None,
        last: datetime | None = None,
    ) -> None:
        """Gather a relationship; the same (type, ends, relation) from many messages is one."""
        if source == target:
            return
        rtype = relationship_type(wanted, self.kind[source], self.kind[target])
        key = (rtype, source, target, relation)
        rel = self.rels.get(key)
        if rel is None:
            rel = self.rels[key] = _Rel(rtype, source, target, relation)
        rel.pks.update(pks)
        for text in quotes:
            if text and text not in rel.quotes and len(rel.quotes) < MAX_QUOTES:
                rel.quotes.append(text)
        if basis:
            rel.basis.add(basis)
        rel.weight += weight
        if first and (rel.first is None or first < rel.first):
            rel.first = first
        if last and (rel.last is None or last > rel.last):
            rel.last = last

    # -- build -----------------------------------------------------------------------------
    def build(self) -> dict[str, Any]:
        claimants = self._claimants()
        members = self._members(claimants)
        for channel in self.graph.channels:
            self._channel(channel)
        for entity in self.graph.entities:
            self._entity(entity, claimants, members)
        quotes = {event.id: self._event(event) for event in self.graph.events}
        self._narratives()
        self._signals()
        self._relations()
        for event in self.graph.events:
            self._event_links(event, quotes[event.id])
        self._channel_edges()
        self._uses_narratives()
        self._relationships()
        self._reports()
        ids = sorted(self.objects)
        bundle_id = f"bundle--{uuid.uuid5(PROPWATCH_NAMESPACE, '|'.join(ids))}"
        return {"type": "bundle", "id": bundle_id, "objects": list(self.objects.values())}

    def _claimants(self) -> set[int]:
        """Organizations some text says claimed an attack: groups whatever their kind."""
        return {
            rel.target_entity_id
            for rel in self.graph.relations
            if rel.type == "claimed_by" and rel.target_entity_id is not None
        }

    def _is_group(self, entity: GraphEntity, claimants: set[int]) -> bool:
        if entity.type != "organization":
            return False
        gaz = self._gaz(entity)
        kind = str(entity.attributes.get("kind") or (gaz.kind if gaz else "") or "")
        return kind in GROUP_KINDS or entity.id in claimants

    def _members(self, claimants: set[int]) -> set[int]:
        """Persons who are members of a group, by a relation in the graph or the gazetteer."""
        groups = {e.id for e in self.graph.entities if self._is_group(e, claimants)}
        group_gaz = {
            e.gazetteer_id for e in self.graph.entities if e.id in groups and e.gazetteer_id
        }
        found = {
            rel.source_entity_id
            for rel in self.graph.relations
            if rel.type == "member_of"
            and rel.source_entity_id is not None
            and rel.target_entity_id in groups
        }
        for entity in self.graph.entities:
            gaz = self._gaz(entity)
            if entity.type != "person" or gaz is None:
                continue
            for target in gaz.related("member_of"):
                group = self.gazetteer.get(target)
                if target in group_gaz or (group is not None and group.kind in GROUP_KINDS):
                    found.add(entity.id)
        return found

    def _channel(self, channel: GraphChannel) -> str:
        obj = channel_object(
            channel.key, channel.name, channel.type, channel.messages, channel.first_seen
        )
        ident = self._add(obj, "Channel", obj["name"])
        self.channel_ids[channel.key] = ident
        return ident

    def _channel_for(self, key: str) -> str:
        """The channel object of a channel key (made when the graph lacks the channel)."""
        ident = self.channel_ids.get(key)
        if ident is None:
            obj = channel_object(key, None)
            ident = self.channel_ids[key] = self._add(obj, "Channel", obj["name"])
        return ident

    def _entity(self, entity: GraphEntity, claimants: set[int], members: set[int]) -> None:
        gaz = self._gaz(entity)
        name = entity.name.strip() or entity.key
        aliases = sorted({a for a in entity.aliases if a and a != name})
        seen = {
            "first_seen": stamp(entity.first_seen) if entity.first_seen else None,
            "last_seen": stamp(entity.last_seen) if entity.last_seen else None,
        }
        if entity.first_seen and entity.last_seen and entity.last_seen < entity.first_seen:
            seen["last_seen"] = seen["first_seen"]
        custom: dict[str, Any] = {
            "x_propwatch_key": entity.key,
            "x_propwatch_gazetteer_id": entity.gazetteer_id,
            "x_propwatch_mentions": entity.mention_count,
        }
        kind = str(entity.attributes.get("kind") or (gaz.kind if gaz else "") or "")
        what = entity.type.replace("_", " ")
        desc = f"{what.capitalize()}" + (f" ({kind})" if kind else "")
        desc += f" named in {entity.mention_count} stored item(s)"
        if entity.gazetteer_id:
            desc += f"; gazetteer id `{entity.gazetteer_id}`"
        obj: dict[str, Any]
        if entity.type == "organization" and self._is_group(entity, claimants):
            obj = {"type": "intrusion-set", "aliases": aliases, **seen}
            kind_name = "Intrusion-Set"
        elif entity.type in ("organization", "media_outlet"):
            obj = {
                "type": "identity",
                "identity_class": "organization",
                "roles": ["media-outlet"] if entity.type == "media_outlet" else [],
                "x_opencti_aliases": aliases,
                "x_propwatch_first_seen": seen["first_seen"],
                "x_propwatch_last_seen": seen["last_seen"],
            }
            kind_name = "Identity-Organization"
        elif entity.type == "person" and entity.id in members:
            obj = {
                "type": "threat-actor",
                "threat_actor_types": ["terrorist"],
                "resource_level": "individual",
                "aliases": aliases,
                **seen,
            }
            kind_name = "Threat-Actor"
        elif entity.type == "person":
            obj = {
                "type": "identity",
                "identity_class": "individual",
                "x_opencti_aliases": aliases,
                "x_propwatch_first_seen": seen["first_seen"],
                "x_propwatch_last_seen": seen["last_seen"],
            }
            kind_name = "Identity-Individual"
        elif entity.type in ("channel", "publication"):
            self._entity_channel(entity, name, aliases, kind, desc, custom)
            return
        elif entity.type == "place":
            self._place(entity, name, aliases, kind, desc, custom)
            return
        else:
            self._skip(f"entity_type_{entity.type}")
            return
        obj.update(id=sid(obj["type"], entity.key), name=name, description=desc + ".", **custom)
        ident = self._add(obj, kind_name, name)
        self.entity_ids[entity.id] = ident
        self._refer(entity.message_pks, ident)

    def _entity_channel(
        self,
        entity: GraphEntity,
        name: str,
        aliases: list[str],
        kind: str,
        desc: str,
        custom: dict[str, Any],
    ) -> None:
        """A channel or publication named in text: the store channel when it is one."""
        for candidate in (name, *entity.aliases, str(entity.attributes.get("handle") or "")):
            key = self.res.channel_key(candidate) if candidate else None
            if key is not None:
                ident = self._channel_for(key)
                break
        else:
            channel_type = "Telegram" if entity.type == "channel" else (kind or "publication")
            ident = self._add(
                {
                    "type": "channel",
                    "id": sid("channel", entity.key),
                    "name": name,
                    "description": desc + ".",
                    "channel_types": [channel_type],
                    "aliases": aliases,
                    **custom,
                    "extensions": {OPENCTI_SDO_EXTENSION: {"extension_type": "new-sdo"}},
                },
                "Channel",
                name,
            )
        self.entity_ids[entity.id] = ident
        self._refer(entity.message_pks, ident)

    def _country_code(self, entity: GraphEntity) -> str | None:
        gaz = self._gaz(entity)
        for value in (entity.attributes.get("country"), gaz.country if gaz else None):
            if isinstance(value, str) and _CODE.match(value):
                return value.upper()
        if self.gazetteer is not None and entity.gazetteer_id:
            parent = self.gazetteer.country_of(entity.gazetteer_id)
            if parent is not None and _CODE.match(parent.country or ""):
                return parent.country.upper()
        for name in (entity.name, *entity.aliases):
            country = self._event_countries.get(name.casefold())
            if country is None:
                continue
            if _CODE.match(country):
                return country.upper()
            for other in self._places.get(country.casefold(), []):
                code = other.attributes.get("country")
                if isinstance(code, str) and _CODE.match(code):
                    return code.upper()
        return None

    def _place(
        self,
        entity: GraphEntity,
        name: str,
        aliases: list[str],
        kind: str,
        desc: str,
        custom: dict[str, Any],
    ) -> None:
        loc_type = location_type(kind)
        obj: dict[str, Any] = {
            "type": "location",
            "id": sid("location", entity.key),
            "name": name,
            "description": desc + ".",
            "x_opencti_location_type": loc_type,
            "x_opencti_aliases": aliases,
            **custom,
        }
        code = self._country_code(entity)
        if loc_type == "Region":
            obj["region"] = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or "region"
        if code:
            obj["country"] = code
        if loc_type == "City":
            obj["city"] = name
        elif loc_type == "Administrative-Area":
            obj["administrative_area"] = name
        if "country" not in obj and "region" not in obj:
            self._skip("place_without_country")
            return
        ident = self._add(obj, f"Location-{loc_type}", name)
        self.entity_ids[entity.id] = ident
        self._refer(entity.message_pks, ident)

    def _event(self, event: GraphEvent) -> list[str]:
        """The event's incident; returns its evidence quotes."""
        obj, quotes = incident_object(event, self.res.item_key(event.message_pk))
        ident = self._add(obj, "Incident", obj["name"])
        self.event_ids[event.id] = ident
        self._refer([event.message_pk], ident)
        return quotes

    def _event_links(self, event: GraphEvent, quotes: list[str]) -> None:
        """The event's place and claimants, linked even when the graph has no relation."""
        ident = self.event_ids[event.id]
        data = event.data
        place_ids = [str(p) for p in data.get("place_ids") or []]
        places = self._places.get(place_ids[0], []) if place_ids else []
        if not places and event.place:
            places = self._places.get(event.place[0].casefold(), [])
        claimants = [
            org
            for name in data.get("claimed_by") or []
            for org in self._orgs.get(str(name).casefold(), [])
        ]
        for wanted, relation, found in (
            ("targets", "located_in", places),
            ("attributed-to", "claimed_by", claimants),
        ):
            for entity in found:
                target = self.entity_ids.get(entity.id)
                if target is not None:
                    self._relate(
                        wanted,
                        ident,
                        target,
                        relation,
                        pks=[event.message_pk],
                        quotes=quotes[:1],
                        basis="event",
                    )

    def _narratives(self) -> None:
        for label_id in sorted({label for item in self.graph.items for label in item.labels}):
            obj = narrative_object(label_id, self.narratives.get(label_id))
            self.narrative_ids[label_id] = self._add(obj, "Narrative", obj["name"])

    def _signals(self) -> None:
        """Wallets and URLs of the items: one indicator and observable per value."""
        seen: dict[tuple[str, str], tuple[str, list[GraphItem]]] = {}
        for item in self.graph.items:
            for signal in item.signals:
                if not isinstance(signal, Mapping):
                    continue
                kind = str(signal.get("type") or signal.get("label") or "")
                value = signal.get("value")
                if not isinstance(value, str) or not value or len(value) > 2048:
                    continue
                if kind in WALLET_SIGNALS:
                    key, label = ("cryptocurrency-wallet", value), f"{WALLET_SIGNALS[kind]} wallet"
                elif kind in URL_SIGNALS:
                    key, label = ("url", value), "URL"
                else:
                    continue
                if any(ord(c) < 0x20 or ord(c) == 0x7F for c in value):
                    self._skip("signal_with_control_characters")
                    continue
                entry = seen.setdefault(key, (label, []))
                if not entry[1] or entry[1][-1] is not item:
                    entry[1].append(item)
        for (sco_type, value), (label, items) in seen.items():
            observable = self._add(observable_object(sco_type, value), "Observable", value)
            propaganda = any(
                i.propaganda is not None and i.propaganda >= self.min_propaganda for i in items
            )
            where = [self.res.item_key(i.pk) for i in items]
            obj = indicator_object(
                sco_type, value, label, items, where, now=self.now, propaganda=propaganda
            )
            indicator = self._add(obj, "Indicator", obj["name"])
            pks = [i.pk for i in items]
            self._refer(pks, observable)
            self._refer(pks, indicator)
            self._relate("based-on", indicator, observable, "based_on", pks=pks, basis="signal")

    def _ref_id(self, ref: Ref) -> str | None:
        kind, key = ref
        if kind == "entity":
            return self.entity_ids.get(int(key))
        if kind == "event":
            return self.event_ids.get(int(key))
        return self._channel_for(key)

    def _relations(self) -> None:
        for rel in self.graph.relations:
            ends = (self.res.end(rel, "source"), self.res.end(rel, "target"))
            if ends[0] is None or ends[1] is None:
                self._skip("unresolved_relation")
                continue
            source, target = self._ref_id(ends[0]), self._ref_id(ends[1])
            if source is None or target is None:
                self._skip("relation_to_left_out_object")
                continue
            wanted = RELATION_TYPES.get(rel.type, "related-to")
            if rel.type == "located_in" and self.kind[source] == "Incident":
                wanted = "targets"
            pks = [rel.message_pk] if rel.message_pk is not None else []
            pks += [
                int(e["message_pk"])
                for e in rel.evidence
                if isinstance(e, Mapping) and isinstance(e.get("message_pk"), int)
            ]
            self._relate(
                wanted,
                source,
                target,
                rel.type,
                pks=pks,
                quotes=quotes_of(rel.evidence),
                basis=rel.basis,
            )

    def _channel_edges(self) -> None:
        for edge in self.graph.channel_edges:
            source = self._channel_for(self.res.channel_key(edge.source) or edge.source)
            target = self._channel_for(self.res.channel_key(edge.target) or edge.target)
            self._relate(
                RELATION_TYPES.get(edge.kind, "related-to"),
                source,
                target,
                edge.kind,
                basis="channel",
                weight=edge.weight,
                first=edge.first,
                last=edge.last,
            )

    def _uses_narratives(self) -> None:
        """A channel uses a narrative its propaganda items carry."""
        found: dict[tuple[str, str], list[int]] = {}
        for item in self.graph.items:
            if item.propaganda is None or item.propaganda < self.min_propaganda:
                continue
            for label in item.labels:
                found.setdefault((item.channel_key, label), []).append(item.pk)
        for (key, label), pks in sorted(found.items()):
            narrative = self.narrative_ids.get(label)
            if narrative is not None:
                self._relate(
                    "uses",
                    self._channel_for(key),
                    narrative,
                    "detected",
                    pks=pks,
                    basis="detection",
                    weight=len(pks),
                )

    def _relationships(self) -> None:
        for rel in self.rels.values():
            source, target = self.names[rel.source], self.names[rel.target]
            desc = f"{source} — {rel.relation.replace('_', ' ')} — {target}"
            if rel.basis:
                desc += f" (basis: {', '.join(sorted(rel.basis))})"
            if rel.weight:
                desc += f"; {rel.weight} occurrence(s)"
            desc += "."
            if rel.quotes:
                desc += " Evidence: " + " / ".join(f"“{q}”" for q in rel.quotes)
            pks = sorted(rel.pks)
            obj: dict[str, Any] = {
                "type": "relationship",
                "id": sid("relationship", rel.rtype, rel.source, rel.target, rel.relation),
                "relationship_type": rel.rtype,
                "source_ref": rel.source,
                "target_ref": rel.target,
                "description": desc,
                "x_propwatch_relation": rel.relation,
                "x_propwatch_message_pks": pks[:200],
                "x_propwatch_evidence": rel.quotes,
            }
            if rel.first:
                obj["start_time"] = stamp(rel.first)
                if rel.last and rel.last > rel.first:  # STIX: stop_time after start_time
                    obj["stop_time"] = stamp(rel.last)
            self._refer(pks, self._add(obj, "Relationship", rel.relation))

    def _reports(self) -> None:
        for item in self.graph.items:
            channel = self._channel_for(item.channel_key)
            refs = {channel} | self.item_refs.get(item.pk, set())
            refs |= {self.narrative_ids[x] for x in item.labels if x in self.narrative_ids}
            obj = report_object(item, self.names[channel], refs, now=self.now)
            self._add(obj, "Report", obj["name"])
