"""The knowledge graph over HTTP: ``GET /api/entities``, ``/api/entities/{id}``,
``/api/events``, ``/api/graph/channels`` and ``/api/graph/clusters`` (any signed-in user).

Lists take the filters of ``propwatch entities`` / ``propwatch events`` and answer the CLI's
JSON objects, paged (``{"total", "limit", "offset", "entities"|"events": [...]}``). The channel
network and the near-duplicate clusters read every message, so their results are cached per
state of the store (message count, last id, last ingest time) and parameters.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, HTTPException, Query, Request
from sqlalchemy import case, func, select

from propwatch.cli.entities_cmd import entity_json, event_json
from propwatch.extract.model import ENTITY_TYPES, EVENT_TYPES
from propwatch.serve.routes.api_search import (
    Channel,
    FastJSON,
    NoNul,
    PageDep,
    Since,
    StoreDep,
    Until,
    Viewer,
    parse_when,
    relation_json,
)
from propwatch.store import Store, schema
from propwatch.store.graph_queries import (
    count_entities,
    count_events,
    entity_relations,
    get_entity,
    list_entities,
    list_events,
    message_refs,
)

__all__ = ["channel_drawing", "data_version", "router"]

router = APIRouter(tags=["graph"])

#: Message references listed per entity in lists (as the CLI).
_REFS_PER_ENTITY = 10
#: Days of an entity's timeline (the most recent ones with mentions).
_TIMELINE_DAYS = 3660
#: Characters of context shown on each side of a mention.
_CONTEXT = 80
#: Results kept in the per-app cache of network and cluster computations.
_CACHE_SIZE = 8

T = TypeVar("T")


def _check_type(value: str | None, allowed: tuple[str, ...], what: str) -> str | None:
    if not value:
        return None
    wanted = value.strip().lower()
    if wanted not in allowed:
        raise HTTPException(
            status_code=400,
            detail=f"Unknown {what} type {value[:40]!r}; use one of: {', '.join(allowed)}.",
        )
    return wanted


def data_version(store: Store) -> tuple[Any, ...]:
    """Changes whenever messages are added or edited: (count, last id, last ingest time)."""
    m = schema.messages
    with store.engine.connect() as conn:
        row = conn.execute(
            select(func.count(), func.max(m.c.id), func.max(m.c.ingested_at))
        ).one()
    return (int(row[0]), row[1], str(row[2]))


class _Cache:
    """A small LRU of expensive results, shared by the requests of one app."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.items: OrderedDict[Hashable, Any] = OrderedDict()

    def get(self, key: Hashable) -> Any:
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        return None

    def put(self, key: Hashable, value: Any) -> None:
        with self.lock:
            self.items[key] = value
            self.items.move_to_end(key)
            while len(self.items) > _CACHE_SIZE:
                self.items.popitem(last=False)


_CACHE_LOCK = threading.Lock()


def _cache(request: Request) -> _Cache:
    state = request.app.state
    with _CACHE_LOCK:
        cache = getattr(state, "graph_cache", None)
        if not isinstance(cache, _Cache):
            cache = _Cache()
            state.graph_cache = cache
    return cache


def _cached(request: Request, key: Hashable, compute: Callable[[], T]) -> T:
    cache = _cache(request)
    found = cache.get(key)
    if found is not None:
        return found  # type: ignore[no-any-return]
    value = compute()
    cache.put(key, value)
    return value


# -- entities -----------------------------------------------------------------------------------


@router.get("/api/entities")
def entities(
    store: StoreDep,
    user: Viewer,
    page: PageDep,
    type: Annotated[str | None, Query(max_length=32, description="Entity type."), NoNul] = None,
    name: Annotated[
        str | None, Query(max_length=300, description="Name or alias contains (any script)."), NoNul
    ] = None,
    channel: Channel = None,
    since: Since = None,
    until: Until = None,
) -> Any:
    """Merged entities, most mentioned first, as ``propwatch entities --json`` lists them:
    ``{"total", "limit", "offset", "entities": [...]}``."""
    filters: dict[str, Any] = {
        "type": _check_type(type, ENTITY_TYPES, "entity"),
        "name": name or None,
        "channel": channel or None,
        "since": parse_when(since, "since"),
        "until": parse_when(until, "until"),
    }
    total = count_entities(store, **filters)
    found = list_entities(
        store, **filters, limit=page.limit, offset=page.offset, sample=_REFS_PER_ENTITY
    )
    refs = message_refs(store, [pk for e in found for pk in e.message_pks[:_REFS_PER_ENTITY]])
    return FastJSON(page.wrap(total, "entities", [entity_json(e, refs) for e in found]))


def _timeline(store: Store, entity_id: int) -> list[dict[str, Any]]:
    em, m = schema.entity_mentions, schema.messages
    day = (
        func.date(m.c.date)
        if store.dialect == "sqlite"
        else func.to_char(m.c.date, "YYYY-MM-DD")
    )
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(day.label("day"), func.count().label("n"))
            .select_from(em.join(m, m.c.id == em.c.message_pk))
            .where(em.c.entity_id == entity_id, m.c.date.is_not(None))
            .group_by(day)
            .order_by(day.desc())
            .limit(_TIMELINE_DAYS)
        ).all()
    return [{"date": str(r.day), "count": int(r.n)} for r in reversed(rows)]


def _recent_mentions(store: Store, entity_id: int, limit: int) -> list[dict[str, Any]]:
    """The newest mentions, each with its message and the text around it."""
    em, m, c = schema.entity_mentions, schema.messages, schema.channels
    start = case((em.c.start > _CONTEXT, em.c.start - _CONTEXT), else_=0)
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(
                em.c.start, em.c.end, em.c.text, m.c.id, c.c.key, c.c.name, m.c.message_id,
                m.c.date, m.c.language, start.label("window"),
                func.substr(m.c.text, start + 1, 2 * _CONTEXT + 400).label("around"),
            )
            .select_from(em.join(m, m.c.id == em.c.message_pk).join(c, c.c.id == m.c.channel_id))
            .where(em.c.entity_id == entity_id)
            .order_by(m.c.date.desc().nulls_last(), em.c.message_pk.desc(), em.c.start)
            .limit(limit)
        ).all()  # fmt: skip
    out = []
    for r in rows:
        context: dict[str, str] | None = None
        if r.start is not None and r.end is not None and r.around is not None:
            a, b = int(r.start) - int(r.window), int(r.end) - int(r.window)
            text = str(r.around)
            context = {
                "before": text[max(0, a - _CONTEXT) : a],
                "text": text[a:b],
                "after": text[b : b + _CONTEXT],
            }
        out.append({
            "message": {
                "pk": int(r.id), "channel": r.key, "channel_name": r.name,
                "message_id": r.message_id, "date": r.date.isoformat() if r.date else None,
            },
            "language": r.language, "start": r.start, "end": r.end, "text": r.text,
            "context": context,
        })  # fmt: skip
    return out


@router.get("/api/entities/{entity_ref:path}")
def entity(
    entity_ref: str,
    store: StoreDep,
    user: Viewer,
    mentions: Annotated[int, Query(ge=0, le=500, description="Recent mentions listed.")] = 20,
    relations: Annotated[int, Query(ge=0, le=500, description="Relations listed.")] = 100,
) -> dict[str, Any]:
    """One entity (by id or merge key): ``{"entity", "aliases", "total", "timeline": [{"date",
    "count"}], "relations": [...], "recent_mentions": [...]}``."""
    if len(entity_ref) > 512:
        raise HTTPException(status_code=404, detail="No such entity.")
    found = get_entity(store, entity_ref)
    if found is None:
        raise HTTPException(status_code=404, detail=f"No entity {entity_ref[:80]!r}.")
    rels = entity_relations(store, found.id, limit=relations)
    refs = message_refs(
        store,
        [*found.message_pks[:_REFS_PER_ENTITY],
         *(r.message_pk for r in rels if r.message_pk is not None)],
    )  # fmt: skip
    return {
        "entity": entity_json(found, refs),
        "aliases": found.aliases,
        "total": found.mention_count,
        "timeline": _timeline(store, found.id),
        "relations": [
            relation_json(r, refs[r.message_pk].to_json() if r.message_pk in refs else None)
            for r in rels
        ],
        "recent_mentions": _recent_mentions(store, found.id, mentions) if mentions else [],
    }


# -- events -------------------------------------------------------------------------------------


@router.get("/api/events")
def events(
    store: StoreDep,
    user: Viewer,
    page: PageDep,
    type: Annotated[str | None, Query(max_length=32, description="Event type."), NoNul] = None,
    country: Annotated[str | None, Query(max_length=100), NoNul] = None,
    place: Annotated[
        str | None, Query(max_length=300, description="A place (any script)."), NoNul
    ] = None,
    claimed_by: Annotated[
        str | None, Query(max_length=300, description="Claimed by this group or an alias."), NoNul
    ] = None,
    since: Since = None,
    until: Until = None,
) -> Any:
    """Attack events, newest first, as ``propwatch events --json``: ``{"total", "limit",
    "offset", "events": [...]}``."""
    filters: dict[str, Any] = {
        "type": _check_type(type, EVENT_TYPES, "event"),
        "country": country or None,
        "place": place or None,
        "claimed_by": claimed_by or None,
        "since": parse_when(since, "since"),
        "until": parse_when(until, "until"),
    }
    total = count_events(store, **filters)
    found = list_events(store, **filters, limit=page.limit, offset=page.offset)
    refs = message_refs(store, [ev.message_pk for ev in found])
    return FastJSON(
        page.wrap(total, "events", [event_json(ev, refs.get(ev.message_pk)) for ev in found])
    )


# -- the channel network ------------------------------------------------------------------------

Kind = Literal["forward", "mention", "link"]


def channel_drawing(graph: Any, summary: dict[str, Any], max_nodes: int) -> dict[str, Any]:
    """Nodes (the ``max_nodes`` best by PageRank) and the edges between them, for drawing."""
    ranked = summary["channels"][:max_nodes]
    shown = {node["channel"] for node in ranked}
    nodes = [
        {
            "id": node["channel"], "name": node["name"], "known": node["known"],
            "messages": node["messages"], "pagerank": node["pagerank"],
            "community": node["community"],
        }
        for node in ranked
    ]  # fmt: skip
    edges = []
    for source, target, data in graph.edges(data=True):
        if source in shown and target in shown:
            kinds = {k: int(data.get(k, 0)) for k in ("forward", "mention", "link")}
            edges.append({
                "source": source, "target": target, "weight": int(data.get("weight", 0)),
                "kinds": {k: n for k, n in kinds.items() if n},
            })  # fmt: skip
    edges.sort(key=lambda e: (-e["weight"], e["source"], e["target"]))
    return {
        "nodes": nodes,
        "edges": edges,
        "truncated": len(ranked) < len(summary["channels"]),
    }


def _trim(summary: dict[str, Any], top: int) -> dict[str, Any]:
    """``network_summary(graph, top)`` from ``network_summary(graph, None)``."""
    out = dict(summary)
    out["channels"] = summary["channels"][:top]
    out["edges_top"] = summary["edges_top"][:top]
    out["communities"] = [
        {**group, "members": group["members"][:top]} for group in summary["communities"]
    ]
    return out


@router.get("/api/graph/channels")
def graph_channels(
    request: Request,
    store: StoreDep,
    user: Viewer,
    since: Since = None,
    until: Until = None,
    kind: Annotated[list[Kind] | None, Query(description="Edge kinds (repeatable).")] = None,
    top: Annotated[int, Query(ge=1, le=500, description="Channels, links listed.")] = 20,
    max_nodes: Annotated[int, Query(ge=1, le=2000, description="Nodes drawn.")] = 300,
) -> dict[str, Any]:
    """The channel network (forwards, @mentions, t.me links): ``{"summary": <propwatch graph
    channels --json>, "nodes": [{id, name, known, messages, pagerank, community}], "edges":
    [{source, target, weight, kinds}], "truncated"}``; nodes are the ``max_nodes`` best by
    PageRank, edges those between them."""
    from propwatch.graph.network import channel_network, network_summary

    start, end = parse_when(since, "since"), parse_when(until, "until")
    kinds = tuple(dict.fromkeys(kind or ("forward", "mention", "link")))

    def compute() -> tuple[Any, dict[str, Any]]:
        graph = channel_network(store, since=start, until=end, kinds=kinds)
        return graph, network_summary(graph, top=None)

    key = ("channels", data_version(store), start, end, kinds)
    graph, full = _cached(request, key, compute)
    return {"summary": _trim(full, top), **channel_drawing(graph, full, max_nodes)}


@router.get("/api/graph/clusters")
def graph_clusters(
    request: Request,
    store: StoreDep,
    user: Viewer,
    page: PageDep,
    since: Since = None,
    until: Until = None,
    threshold: Annotated[float, Query(ge=0.1, le=1.0, description="Similarity.")] = 0.7,
    min_words: Annotated[int, Query(ge=1, le=10_000)] = 8,
    all_channels: Annotated[bool, Query(description="Also clusters inside one channel.")] = False,
    num_perm: Literal[64, 128] = 64,
) -> dict[str, Any]:
    """Near-duplicate texts across channels (and scripts), as ``propwatch graph clusters
    --json``, paged: ``{"total", "limit", "offset", "clusters": [...], "parameters",
    "messages_scanned", "messages_hashed", "messages_in_clusters", "largest"}``."""
    from propwatch.graph.clusters import near_duplicate_clusters

    start, end = parse_when(since, "since"), parse_when(until, "until")
    needed = page.offset + page.limit
    key = ("clusters", data_version(store), start, end, threshold, min_words, all_channels,
           num_perm)  # fmt: skip
    cache = _cache(request)
    found = cache.get(key)
    if found is None or (len(found.clusters) < needed and len(found.clusters) < found.total):
        found = near_duplicate_clusters(
            store, since=start, until=end, threshold=threshold, min_words=min_words,
            num_perm=num_perm, cross_channel_only=not all_channels, limit=max(needed, 50),
        )  # fmt: skip
        cache.put(key, found)
    out = found.to_json()
    clusters = out.pop("clusters")[page.offset : needed]
    total = out.pop("total")
    return {**page.wrap(total, "clusters", clusters), **out}
