"""The channel network: who reposts, mentions and links to whom (``propwatch graph channels``).

An edge ``source -> target`` means "channel *source* reposted (forwarded), @mentioned or
t.me-linked channel *target*"; its attributes count each kind (``forward``, ``mention``,
``link``), their total (``weight``) and the first and last time it happened. Attention flows
along the edges, so PageRank ranks the channels whose content others spread.

Nodes are channel keys. Channels seen only as a forward source, an @mention or a t.me link
become nodes with ``known=False`` (their id: ``telegram:<peer id>`` when the export gives one,
``@handle`` for mentions and t.me links, ``t.me/+<hash>`` for invite links, else the forward
source's name). Messages are read with streaming, column-only queries (forwards aggregated in
SQL), so building the graph costs little memory whatever the size of the store.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

import networkx as nx  # type: ignore[import-untyped, unused-ignore]
import orjson
from sqlalchemy import Select, Text, cast, func, or_, select

from propwatch.errors import UsageError
from propwatch.store import Store, schema
from propwatch.store.writer import utc_naive

__all__ = [
    "KINDS",
    "channel_network",
    "network_summary",
    "telegram_link_target",
]

#: The relations an edge can stand for.
KINDS: tuple[str, ...] = ("forward", "mention", "link")

#: Exact betweenness up to this many nodes; above, it is estimated from ``BETWEENNESS_SAMPLES``.
EXACT_BETWEENNESS_NODES = 2000
BETWEENNESS_SAMPLES = 500

_BATCH = 5000
_MAX_REFS = 200  # mentions or links looked at per message (hostile input)
_HANDLE = re.compile(r"^[a-z][a-z0-9_]{2,31}$")
_PEER = re.compile(r"-?(\d{1,20})$")
_TME_HOSTS = frozenset({"t.me", "telegram.me", "telegram.dog"})
#: First path segments of t.me URLs that are not channels.
_RESERVED = frozenset(
    {
        "addemoji", "addlist", "addstickers", "addtheme", "bg", "boost", "confirmphone",
        "contact", "invoice", "iv", "login", "proxy", "setlanguage", "share", "socks",
        "joinchat",
    }
)


def _peer(value: str | None) -> str | None:
    """The bare Telegram peer id in ``channel1900000101``, ``-1001900000101``, ``12345``."""
    if not value:
        return None
    found = _PEER.search(value.strip())
    if not found:
        return None
    digits = found.group(1)
    if value.strip().startswith("-100") and len(digits) > 3 and digits.startswith("100"):
        digits = digits[3:]
    return digits.lstrip("0") or "0"


def _handle(value: str) -> str | None:
    """``@Name`` / ``name`` -> ``name`` (lower case) when it can be a Telegram username."""
    name = value.strip().lstrip("@").lower()
    return name if _HANDLE.match(name) else None


def _mention_target(mention: str) -> str | None:
    handle = _handle(mention)
    return f"@{handle}" if handle else None


def telegram_link_target(url: str) -> str | None:
    """What a Telegram link points to: ``@handle``, ``telegram:<peer id>`` (``t.me/c/...``),
    ``t.me/+<hash>`` (an invite), or None for other links.

    >>> telegram_link_target("https://t.me/Some_Channel/14")
    '@some_channel'
    >>> telegram_link_target("t.me/c/1900000101/5")
    'telegram:1900000101'
    """
    url = url.strip()[:2000]
    if not url:
        return None
    lowered = url.lower()
    if lowered.startswith("tg://"):
        query = parse_qs(urlsplit(url).query)
        domain = (query.get("domain") or [""])[0]
        handle = _handle(domain)
        return f"@{handle}" if handle else None
    if "://" not in url:
        url = "https://" + url
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    host = (parts.hostname or "").lower().removeprefix("www.")
    segments = [s for s in parts.path.split("/") if s]
    if host not in _TME_HOSTS:
        # ``handle.t.me`` (Telegram's subdomain links).
        for base in _TME_HOSTS:
            if host.endswith("." + base):
                handle = _handle(host[: -len(base) - 1])
                return f"@{handle}" if handle else None
        return None
    if not segments:
        return None
    first = segments[0]
    if first.startswith("+") and len(first) > 1:
        return f"t.me/{first}"
    head = first.lower()
    if head == "joinchat" and len(segments) > 1:
        return f"t.me/+{segments[1]}"
    if head == "c" and len(segments) > 1:
        peer = _peer(segments[1]) if segments[1].isdigit() else None
        return f"telegram:{peer}" if peer else None
    if head == "s" and len(segments) > 1:
        head = segments[1].lower()
    elif head in _RESERVED:
        return None
    handle = _handle(head)
    return f"@{handle}" if handle else None


@dataclass(slots=True)
class _Known:
    """The store's channels and every way a reference can name one."""

    keys: dict[int, str] = field(default_factory=dict)  # channel pk -> key
    attrs: dict[str, dict[str, Any]] = field(default_factory=dict)  # key -> node attributes
    by_peer: dict[str, str] = field(default_factory=dict)
    by_handle: dict[str, str] = field(default_factory=dict)
    by_name: dict[str, str] = field(default_factory=dict)

    def resolve(self, ref: str) -> str:
        """A node id for a reference (``@handle``, ``telegram:<peer>``, invite, name)."""
        if ref.startswith("@"):
            return self.by_handle.get(ref[1:], ref)
        if ref.startswith("telegram:"):
            peer = _peer(ref[len("telegram:") :])
            return self.by_peer.get(peer or "", ref)
        return ref

    def forward_source(self, name: str | None, source_id: str | None) -> tuple[str, str] | None:
        """(node id, display name) of a forward's original channel."""
        peer = _peer(source_id)
        if peer and peer in self.by_peer:
            return self.by_peer[peer], name or self.by_peer[peer]
        if name:
            key = self.by_name.get(name.strip().casefold())
            if key:
                return key, name
        if peer:
            return f"telegram:{peer}", name or f"telegram:{peer}"
        if name and name.strip():
            return name.strip(), name.strip()
        return None


def _load_known(store: Store, aliases: Mapping[str, str] | None) -> _Known:
    c = schema.channels
    known = _Known()
    names: dict[str, list[str]] = {}
    with store.engine.connect() as conn:
        for pk, key, name, type_ in conn.execute(select(c.c.id, c.c.key, c.c.name, c.c.type)):
            key = str(key)
            known.keys[int(pk)] = key
            known.attrs[key] = {
                "key": key, "name": name or key, "type": type_, "known": True,
                "messages": 0, "first_seen": None, "last_seen": None,
            }
            prefix, _, rest = key.partition(":")
            if prefix == "telegram" and rest:
                if rest.lstrip("-").isdigit():
                    known.by_peer[_peer(rest) or rest] = key
                elif handle := _handle(rest):
                    known.by_handle[handle] = key
            if name:
                names.setdefault(str(name).strip().casefold(), []).append(key)
    known.by_name = {n: keys[0] for n, keys in names.items() if len(keys) == 1}
    for alias, target in (aliases or {}).items():
        handle = _handle(alias)
        if handle is None:
            raise UsageError(
                f"{alias!r} is not a Telegram username",
                hint="Give aliases as @handle=CHANNEL (CHANNEL: a channel key or name).",
            )
        key = target if target in known.attrs else known.by_name.get(target.strip().casefold())
        if key is None:
            raise UsageError(
                f"alias {alias!r}: no channel {target!r} in the database",
                hint="Use a channel key (e.g. telegram:1900000101) or name as `propwatch stats` "
                "lists them.",
            )
        known.by_handle[handle] = key
    return known


def _window(stmt: Select[Any], since: datetime | None, until: datetime | None) -> Select[Any]:
    m = schema.messages
    if since is not None:
        stmt = stmt.where(m.c.date >= utc_naive(since))
    if until is not None:
        stmt = stmt.where(m.c.date < utc_naive(until))
    return stmt


def _json_list(value: str | None) -> list[str]:
    if not value or value in ("null", "[]"):
        return []
    try:
        parsed = orjson.loads(value)
    except orjson.JSONDecodeError:
        return []
    if not isinstance(parsed, list):
        return []
    return [v for v in parsed[:_MAX_REFS] if isinstance(v, str)]


@dataclass(slots=True)
class _Edge:
    counts: dict[str, int] = field(default_factory=dict)
    first: datetime | None = None
    last: datetime | None = None

    def add(self, kind: str, n: int, first: datetime | None, last: datetime | None) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + n
        if first is not None and (self.first is None or first < self.first):
            self.first = first
        if last is not None and (self.last is None or last > self.last):
            self.last = last


def _forward_rows(
    store: Store, since: datetime | None, until: datetime | None
) -> Iterator[tuple[int, str | None, str | None, int, datetime | None, datetime | None]]:
    """Forwards aggregated per (channel, source): one row per pair, not per message."""
    m = schema.messages
    stmt = _window(
        select(
            m.c.channel_id, m.c.forwarded_from, m.c.forwarded_from_id,
            func.count(), func.min(m.c.date), func.max(m.c.date),
        ).where(or_(m.c.forwarded_from.is_not(None), m.c.forwarded_from_id.is_not(None))),
        since, until,
    ).group_by(m.c.channel_id, m.c.forwarded_from, m.c.forwarded_from_id)
    with store.engine.connect() as conn:
        result = conn.execution_options(stream_results=True, yield_per=_BATCH).execute(stmt)
        for cid, name, sid, n, first, last in result:
            yield int(cid), name, sid, int(n), first, last


def _reference_rows(
    store: Store, since: datetime | None, until: datetime | None, kinds: Sequence[str]
) -> Iterator[tuple[int, datetime | None, list[str], list[str]]]:
    """(channel pk, date, mentions, links) of messages that mention or link anything."""
    m = schema.messages
    wanted = []
    if "mention" in kinds:
        wanted.append(m.c.mentions.is_not(None))
    if "link" in kinds:
        wanted.append(m.c.links.is_not(None))
    stmt = _window(
        select(
            m.c.channel_id, m.c.date, cast(m.c.mentions, Text), cast(m.c.links, Text)
        ).where(or_(*wanted)),
        since, until,
    )
    with store.engine.connect() as conn:
        result = conn.execution_options(stream_results=True, yield_per=_BATCH).execute(stmt)
        for cid, date, mentions, links in result:
            yield (
                int(cid),
                date,
                _json_list(mentions) if "mention" in kinds else [],
                _json_list(links) if "link" in kinds else [],
            )


def _channel_counts(
    store: Store, since: datetime | None, until: datetime | None
) -> Iterable[tuple[int, int, datetime | None, datetime | None]]:
    m = schema.messages
    stmt = _window(
        select(m.c.channel_id, func.count(), func.min(m.c.date), func.max(m.c.date)),
        since, until,
    ).group_by(m.c.channel_id)
    with store.engine.connect() as conn:
        return [(int(c), int(n), f, last) for c, n, f, last in conn.execute(stmt)]


def channel_network(
    store: Store,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    kinds: Iterable[str] = KINDS,
    aliases: Mapping[str, str] | None = None,
) -> nx.DiGraph:
    """The channel network of the messages dated in ``[since, until)`` (all when None).

    Nodes: channel keys, with ``key``, ``name``, ``type``, ``known`` (False for channels seen
    only as a forward source, @mention or t.me link), ``messages`` (in the window),
    ``first_seen`` and ``last_seen`` (message dates, naive UTC; for unknown channels, the
    first and last reference). Edges ``source -> target`` ("source reposted / mentioned /
    linked target") carry ``forward``, ``mention``, ``link`` (message counts), ``weight``
    (their sum), ``first`` and ``last``. Attributes without a value (``type``, dates) are
    absent rather than None. ``graph.graph`` holds ``kinds``, ``since`` and ``until``.
    A channel forwarding, mentioning or linking itself adds nothing. ``aliases`` maps
    @handles to channel keys or names (exports do not say a channel's own username, so
    mentions of a stored channel stay separate ``@handle`` nodes without it).
    """
    wanted = tuple(dict.fromkeys(kinds))
    bad = [k for k in wanted if k not in KINDS]
    if bad:
        raise UsageError(f"unknown edge kind(s) {bad}", hint=f"Use {', '.join(KINDS)}.")
    known = _load_known(store, aliases)
    nodes: dict[str, dict[str, Any]] = {k: dict(v) for k, v in known.attrs.items()}
    edges: dict[tuple[str, str], _Edge] = {}

    def touch(node: str, name: str, first: datetime | None, last: datetime | None) -> None:
        attrs = nodes.get(node)
        if attrs is None:
            attrs = nodes[node] = {
                "key": node, "name": name, "type": None, "known": False,
                "messages": 0, "first_seen": None, "last_seen": None,
            }
        if attrs["known"]:
            return
        if first is not None and (attrs["first_seen"] is None or first < attrs["first_seen"]):
            attrs["first_seen"] = first
        if last is not None and (attrs["last_seen"] is None or last > attrs["last_seen"]):
            attrs["last_seen"] = last

    def link(
        source: str, target: str, kind: str, n: int, first: datetime | None, last: datetime | None
    ) -> None:
        if source == target:
            return
        edge = edges.get((source, target))
        if edge is None:
            edge = edges[(source, target)] = _Edge()
        edge.add(kind, n, first, last)

    for cid, n, first, last in _channel_counts(store, since, until):
        key = known.keys.get(cid)
        if key is not None:
            nodes[key].update(messages=n, first_seen=first, last_seen=last)

    if "forward" in wanted:
        for cid, name, sid, n, first, last in _forward_rows(store, since, until):
            source = known.keys.get(cid)
            found = known.forward_source(name, sid)
            if source is None or found is None or found[0] == source:
                continue
            target, display = found
            touch(target, display, first, last)
            link(source, target, "forward", n, first, last)

    if "mention" in wanted or "link" in wanted:
        for cid, date, mentions, links in _reference_rows(store, since, until, wanted):
            source = known.keys.get(cid)
            if source is None:
                continue
            for kind, refs in (("mention", mentions), ("link", links)):
                targets: dict[str, None] = {}
                for ref in refs:
                    node = _mention_target(ref) if kind == "mention" else telegram_link_target(ref)
                    if node:
                        targets[known.resolve(node)] = None
                for target in targets:
                    if target != source:
                        touch(target, target, date, date)
                        link(source, target, kind, 1, date, date)

    # Attributes that are None (no type, no date) are left out: graph writers such as GEXF
    # cannot store None.
    graph = nx.DiGraph()
    for node, attrs in nodes.items():
        graph.add_node(node, **{k: v for k, v in attrs.items() if v is not None})
    for (source, target), edge in edges.items():
        counts = {kind: edge.counts.get(kind, 0) for kind in KINDS}
        times = {"first": edge.first, "last": edge.last}
        graph.add_edge(
            source, target, weight=sum(counts.values()), **counts,
            **{k: v for k, v in times.items() if v is not None},
        )
    window = {"since": utc_naive(since), "until": utc_naive(until)}
    graph.graph.update(kinds=list(wanted), **{k: v for k, v in window.items() if v is not None})
    return graph


def _iso(value: Any) -> str | None:
    return value.isoformat() + "Z" if isinstance(value, datetime) else None


def _undirected(graph: nx.DiGraph) -> nx.Graph:
    """The weighted undirected graph (a <-> b weights summed) of the nodes with edges."""
    out = nx.Graph()
    for source, target, weight in graph.edges(data="weight", default=1):
        if out.has_edge(source, target):
            out[source][target]["weight"] += weight
        else:
            out.add_edge(source, target, weight=weight)
    return out


def network_summary(graph: nx.DiGraph, top: int | None = 20) -> dict[str, Any]:
    """Centrality and communities of a :func:`channel_network` graph, as plain JSON values.

    ``channels``: the ``top`` nodes by PageRank (weighted, edge direction = attention), each
    with in/out degree, weighted in/out degree, PageRank, betweenness (unweighted shortest
    paths; estimated from ``BETWEENNESS_SAMPLES`` sources above ``EXACT_BETWEENNESS_NODES``
    nodes) and community. ``communities``: Louvain (seed 0) on the undirected weighted graph,
    largest first, members sorted by PageRank (at most ``top`` listed, ``size`` counts all);
    channels without edges belong to none. ``edges``: the ``top`` heaviest edges.
    """
    n = graph.number_of_nodes()
    limit = n if top is None else max(0, top)
    pagerank: dict[str, float] = nx.pagerank(graph, weight="weight") if n else {}
    sampled = n > EXACT_BETWEENNESS_NODES
    betweenness: dict[str, float] = (
        nx.betweenness_centrality(
            graph, k=min(BETWEENNESS_SAMPLES, n) if sampled else None, seed=0
        )
        if n
        else {}
    )
    undirected = _undirected(graph)
    groups: list[set[str]] = (
        nx.community.louvain_communities(undirected, weight="weight", seed=0)
        if undirected.number_of_nodes()
        else []
    )
    ranked_groups = sorted(
        (sorted(g, key=lambda x: (-pagerank.get(x, 0.0), x)) for g in groups if len(g) > 1),
        key=lambda members: (-len(members), -sum(pagerank.get(x, 0.0) for x in members)),
    )
    community = {node: i for i, members in enumerate(ranked_groups, 1) for node in members}
    w_in = dict(graph.in_degree(weight="weight"))
    w_out = dict(graph.out_degree(weight="weight"))
    order = sorted(graph.nodes, key=lambda x: (-pagerank.get(x, 0.0), x))

    def node_json(node: str) -> dict[str, Any]:
        attrs = graph.nodes[node]
        return {
            "channel": node,
            "name": attrs.get("name"),
            "known": bool(attrs.get("known", True)),
            "messages": int(attrs.get("messages", 0)),
            "first_seen": _iso(attrs.get("first_seen")),
            "in_degree": int(graph.in_degree(node)),
            "out_degree": int(graph.out_degree(node)),
            "weighted_in_degree": int(w_in.get(node, 0)),
            "weighted_out_degree": int(w_out.get(node, 0)),
            "pagerank": round(float(pagerank.get(node, 0.0)), 6),
            "betweenness": round(float(betweenness.get(node, 0.0)), 6),
            "community": community.get(node),
        }

    heaviest = sorted(
        graph.edges(data=True), key=lambda e: (-int(e[2].get("weight", 0)), e[0], e[1])
    )[:limit]
    by_kind = {
        kind: int(sum(d.get(kind, 0) for _, _, d in graph.edges(data=True))) for kind in KINDS
    }
    return {
        "nodes": n,
        "edges": graph.number_of_edges(),
        "known_channels": sum(1 for _, d in graph.nodes(data=True) if d.get("known", True)),
        "unknown_channels": sum(1 for _, d in graph.nodes(data=True) if not d.get("known", True)),
        "kinds": list(graph.graph.get("kinds", KINDS)),
        "since": _iso(graph.graph.get("since")),
        "until": _iso(graph.graph.get("until")),
        "by_kind": by_kind,
        "betweenness": {"sampled": sampled, "samples": BETWEENNESS_SAMPLES if sampled else None},
        "channels": [node_json(node) for node in order[:limit]],
        "edges_top": [
            {
                "source": s,
                "target": t,
                "source_name": graph.nodes[s].get("name"),
                "target_name": graph.nodes[t].get("name"),
                "weight": int(d.get("weight", 0)),
                **{kind: int(d.get(kind, 0)) for kind in KINDS},
                "first": _iso(d.get("first")),
                "last": _iso(d.get("last")),
            }
            for s, t, d in heaviest
        ],
        "communities": [
            {
                "id": i,
                "size": len(members),
                "members": [
                    {"channel": x, "name": graph.nodes[x].get("name"),
                     "pagerank": round(float(pagerank.get(x, 0.0)), 6)}
                    for x in members[:limit]
                ],
            }
            for i, members in enumerate(ranked_groups, 1)
        ],
    }
