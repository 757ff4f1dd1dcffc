"""The knowledge graph as a networkx graph, written as GEXF or GraphML (opens in Gephi).

Nodes are ``entity:<id>``, ``event:<id>`` and ``channel:<key>`` (plus ``name:<name>`` for a
relation end that names nothing in the graph), each with ``label``, ``type`` (entity type,
``event``, ``channel`` or ``unresolved``) and ``category``. Edges are the graph's relations,
the links an event states (its place, its claimants) and the channel edges (forward,
mention, link), each with ``label``/``relation`` (the type), ``category`` and ``weight``.

Every attribute is a string, an int or a float, the same type on every node (or edge): lists
and dicts are JSON strings, missing values ``""`` or 0. Strings lose the characters XML 1.0
cannot hold. GEXF reserves edge attributes ``type``, ``id``, ``start`` and ``end``, hence
``relation``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

from propwatch.export.common import Ref, Resolver, iso, xml_safe
from propwatch.graph.model import GraphEntity, KnowledgeGraph

__all__ = ["to_networkx", "write_gexf", "write_graphml"]

_NODE_DEFAULTS: dict[str, Any] = {
    "label": "",
    "type": "",
    "category": "",
    "key": "",
    "kind": "",
    "gazetteer_id": "",
    "country": "",
    "aliases": "[]",
    "mentions": 0,
    "messages": 0,
    "first_seen": "",
    "last_seen": "",
    "date": "",
    "killed": -1,
    "injured": -1,
}
_EDGE_DEFAULTS: dict[str, Any] = {
    "label": "",
    "relation": "",
    "category": "",
    "basis": "",
    "weight": 1,
    "evidence": "[]",
    "message_pks": "[]",
    "first": "",
    "last": "",
}
_MAX_EVIDENCE = 5


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _clean(attrs: dict[str, Any], defaults: dict[str, Any]) -> dict[str, Any]:
    out = dict(defaults)
    for name, value in attrs.items():
        if value is None:
            continue
        if isinstance(value, list | dict | tuple):
            value = _json(value)
        if isinstance(value, bool):
            value = int(value)
        if isinstance(value, str):
            value = xml_safe(value)
        elif not isinstance(value, int | float):
            value = xml_safe(str(value))
        out[name] = value
    return out


def _max_figure(figures: Any) -> int:
    values = [
        f["value"] for f in figures or [] if isinstance(f, dict) and isinstance(f.get("value"), int)
    ]
    return max(values, default=-1)


def _entity_node(entity: GraphEntity) -> dict[str, Any]:
    attrs = entity.attributes
    return _clean(
        {
            "label": entity.name or entity.key,
            "type": entity.type,
            "category": "entity",
            "key": entity.key,
            "kind": str(attrs.get("kind") or ""),
            "gazetteer_id": entity.gazetteer_id,
            "country": str(attrs.get("country") or ""),
            "aliases": entity.aliases,
            "mentions": entity.mention_count,
            "first_seen": iso(entity.first_seen),
            "last_seen": iso(entity.last_seen),
        },
        _NODE_DEFAULTS,
    )


def to_networkx(graph: KnowledgeGraph) -> nx.MultiDiGraph:
    """The graph as a directed multigraph (one edge per relation; see the module doc)."""
    res = Resolver.of(graph)
    out = nx.MultiDiGraph(name="propwatch")
    for entity in graph.entities:
        out.add_node(xml_safe(f"entity:{entity.id}"), **_entity_node(entity))
    for event in graph.events:
        what = event.type.replace("_", " ")
        place = event.place[0] if event.place else event.country or "unknown place"
        out.add_node(
            f"event:{event.id}",
            **_clean(
                {
                    "label": f"{what} · {place} · {event.date or 'undated'}",
                    "type": "event",
                    "category": "event",
                    "kind": event.type,
                    "key": res.item_key(event.message_pk),
                    "country": event.country,
                    "date": event.date,
                    "killed": _max_figure(event.data.get("killed")),
                    "injured": _max_figure(event.data.get("injured")),
                },
                _NODE_DEFAULTS,
            ),
        )
    for channel in graph.channels:
        _channel_node(
            out, channel.key, channel.name, channel.type, channel.messages, iso(channel.first_seen)
        )

    for rel in graph.relations:
        source = _node_of(out, res.end(rel, "source"), rel.source)
        target = _node_of(out, res.end(rel, "target"), rel.target)
        evidence = [e for e in rel.evidence if isinstance(e, dict)][:_MAX_EVIDENCE]
        out.add_edge(
            source,
            target,
            **_clean(
                {
                    "label": rel.type,
                    "relation": rel.type,
                    "category": "relation",
                    "basis": rel.basis,
                    "evidence": evidence,
                    "message_pks": [rel.message_pk] if rel.message_pk is not None else [],
                },
                _EDGE_DEFAULTS,
            ),
        )
    _event_links(out, graph)
    for edge in graph.channel_edges:
        source = _channel_node(out, res.channel_key(edge.source) or edge.source)
        target = _channel_node(out, res.channel_key(edge.target) or edge.target)
        out.add_edge(
            source,
            target,
            **_clean(
                {
                    "label": edge.kind,
                    "relation": edge.kind,
                    "category": "channel",
                    "weight": edge.weight,
                    "first": iso(edge.first),
                    "last": iso(edge.last),
                },
                _EDGE_DEFAULTS,
            ),
        )
    return out


def _channel_node(
    out: nx.MultiDiGraph,
    key: str,
    name: str | None = None,
    kind: str | None = None,
    messages: int = 0,
    first_seen: str | None = None,
) -> str:
    node = xml_safe(f"channel:{key}")
    if node not in out:
        out.add_node(
            node,
            **_clean(
                {
                    "label": name or key,
                    "type": "channel",
                    "category": "channel",
                    "key": key,
                    "kind": kind,
                    "messages": messages,
                    "first_seen": first_seen,
                },
                _NODE_DEFAULTS,
            ),
        )
    return node


def _node_of(out: nx.MultiDiGraph, ref: Ref | None, name: str) -> str:
    if ref is None:
        node = xml_safe(f"name:{name.casefold()}")
        if node not in out:
            out.add_node(
                node,
                **_clean(
                    {"label": name, "type": "unresolved", "category": "unresolved"}, _NODE_DEFAULTS
                ),
            )
        return node
    kind, key = ref
    if kind == "channel":
        return _channel_node(out, key)
    return xml_safe(f"{kind}:{key}")


def _has_edge(out: nx.MultiDiGraph, source: str, target: str, relation: str) -> bool:
    data: dict[Any, dict[str, Any]] = out.get_edge_data(source, target) or {}
    return any(d.get("relation") == relation for d in data.values())


def _event_links(out: nx.MultiDiGraph, graph: KnowledgeGraph) -> None:
    """Each event to its most specific place and its claimants, unless a relation says so."""
    places: dict[str, list[str]] = {}
    orgs: dict[str, list[str]] = {}
    for entity in graph.entities:
        node = f"entity:{entity.id}"
        if entity.type == "place":
            for key in filter(None, (entity.gazetteer_id, entity.name.casefold())):
                places.setdefault(key, []).append(node)
        elif entity.type == "organization":
            orgs.setdefault(entity.name.casefold(), []).append(node)
    for event in graph.events:
        node = f"event:{event.id}"
        ids = [str(p) for p in event.data.get("place_ids") or []]
        found = places.get(ids[0], []) if ids else []
        if not found and event.place:
            found = places.get(event.place[0].casefold(), [])
        claimants = [
            n
            for name in event.data.get("claimed_by") or []
            for n in orgs.get(str(name).casefold(), [])
        ]
        for relation, targets in (("located_in", found), ("claimed_by", claimants)):
            for target in targets:
                if not _has_edge(out, node, target, relation):
                    out.add_edge(
                        node,
                        target,
                        **_clean(
                            {
                                "label": relation,
                                "relation": relation,
                                "category": "event",
                                "basis": "event",
                                "message_pks": [event.message_pk],
                            },
                            _EDGE_DEFAULTS,
                        ),
                    )


def write_gexf(graph: KnowledgeGraph, path: str | Path) -> tuple[int, int]:
    """Write the graph as GEXF 1.2 (Gephi's format); return (nodes, edges)."""
    net = to_networkx(graph)
    nx.write_gexf(net, str(path), encoding="utf-8", prettyprint=True)
    return net.number_of_nodes(), net.number_of_edges()


def write_graphml(graph: KnowledgeGraph, path: str | Path) -> tuple[int, int]:
    """Write the graph as GraphML; return (nodes, edges)."""
    net = to_networkx(graph)
    nx.write_graphml(net, str(path), encoding="utf-8", prettyprint=True)
    return net.number_of_nodes(), net.number_of_edges()
