"""Read the knowledge graph back: entity and event listings, and the whole graph for exports.

Filters mirror ``propwatch search``: ``channel`` is a channel's key, name or Telegram id;
``since``/``until`` are times (UTC when naive; ``until`` exclusive). Names match as
substrings and across scripts (``Исламское государство`` finds an entity written in Latin
letters elsewhere, through the same match key ``search`` uses).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    false,
    func,
    or_,
    select,
)
from sqlalchemy import text as sql_text

from propwatch.graph.model import (
    ChannelEdge,
    GraphChannel,
    GraphEntity,
    GraphEvent,
    GraphItem,
    GraphRelation,
    KnowledgeGraph,
)
from propwatch.store import schema
from propwatch.store.graph_writer import name_key
from propwatch.store.store import Store
from propwatch.store.writer import utc_naive

__all__ = [
    "LABEL_THRESHOLD",
    "MESSAGE_SAMPLE",
    "EntityMention",
    "MessageRef",
    "count_entities",
    "count_events",
    "entity_mentions",
    "entity_relations",
    "get_entity",
    "list_entities",
    "list_events",
    "load_graph",
    "message_refs",
]

#: Message primary keys kept per entity (``GraphEntity.message_pks``), oldest first.
MESSAGE_SAMPLE = 25
#: Detections scoring at least this become an item's ``labels`` (as in ``detection_stats``).
LABEL_THRESHOLD = 0.5
_CHUNK = 500
#: Mentions and links read per message when building channel edges.
_MAX_REFS = 100

_TME = re.compile(
    r"^(?:https?://)?(?:www\.)?(?:t\.me|telegram\.me|telegram\.dog)/(?:s/)?"
    r"(?:c/(?P<private>\d{1,20})|(?P<handle>[A-Za-z][A-Za-z0-9_]{2,31}))(?:[/?#]|$)",
    re.IGNORECASE,
)
_NOT_HANDLES = frozenset(
    {
        "joinchat", "addstickers", "addemoji", "addlist", "addtheme", "share", "proxy", "socks",
        "iv", "login", "setlanguage", "confirmphone", "bg", "invoice", "boost", "contact",
    }
)  # fmt: skip
_PEER_ID = re.compile(r"^(?:channel|chat|user|peer)?(-?\d{1,20})$")


@dataclass(slots=True)
class MessageRef:
    """Where a fact comes from: enough to find the message again."""

    pk: int
    channel: str
    channel_name: str | None
    message_id: str
    date: datetime | None

    def to_json(self) -> dict[str, Any]:
        return {
            "pk": self.pk,
            "channel": self.channel,
            "channel_name": self.channel_name,
            "message_id": self.message_id,
            "date": self.date.isoformat() if self.date else None,
        }


@dataclass(slots=True)
class EntityMention:
    """One place a merged entity is written, in its message's original text."""

    entity_id: int
    message: MessageRef
    start: int | None
    end: int | None
    text: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "entity_id": self.entity_id,
            "message": self.message.to_json(),
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }


def _chunks(values: Sequence[Any], size: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(values), size):
        yield values[i : i + size]


def _channel_ids(conn: Connection, wanted: str) -> list[int]:
    c = schema.channels
    rows = conn.execute(
        select(c.c.id).where(
            (c.c.key == wanted) | (c.c.name == wanted) | (c.c.key == f"telegram:{wanted}")
        )
    )
    return [int(pk) for pk in rows.scalars()]


def _window(
    conn: Connection, channel: str | None, since: datetime | None, until: datetime | None
) -> list[ColumnElement[bool]]:
    """Conditions on ``messages`` for the channel and time filters."""
    m = schema.messages
    out: list[ColumnElement[bool]] = []
    if channel:
        ids = _channel_ids(conn, channel)
        out.append(m.c.channel_id.in_(ids) if ids else false())
    if since:
        out.append(m.c.date >= utc_naive(since))
    if until:
        out.append(m.c.date < utc_naive(until))
    return out


# -- entities ---------------------------------------------------------------------------------


def _entity(row: Any, message_pks: list[int] | None = None) -> GraphEntity:
    return GraphEntity(
        id=int(row.id),
        key=row.key,
        type=row.type,
        name=row.name,
        gazetteer_id=row.gazetteer_id,
        aliases=[a for a in (row.aliases or []) if isinstance(a, str)],
        attributes=dict(row.attributes or {}),
        mention_count=int(row.mention_count or 0),
        first_seen=row.first_seen,
        last_seen=row.last_seen,
        message_pks=message_pks or [],
    )


def _entity_conditions(
    conn: Connection,
    type: str | None,
    name: str | None,
    channel: str | None,
    since: datetime | None,
    until: datetime | None,
) -> list[ColumnElement[bool]]:
    e, em, m = schema.entities, schema.entity_mentions, schema.messages
    out: list[ColumnElement[bool]] = [e.c.mention_count > 0]
    if type:
        out.append(e.c.type == type.strip().lower())
    if name and name.strip():
        wanted = name.strip()
        options: list[ColumnElement[bool]] = [
            e.c.key == wanted,
            func.lower(e.c.name).contains(wanted.lower(), autoescape=True),
        ]
        key = name_key(wanted)
        if key:
            options.append(e.c.search_key.contains(key, autoescape=True))
        out.append(or_(*options))
    window = _window(conn, channel, since, until)
    if window:
        out.append(
            select(em.c.id)
            .select_from(em.join(m, m.c.id == em.c.message_pk))
            .where(em.c.entity_id == e.c.id, *window)
            .exists()
        )
    return out


def _samples(
    conn: Connection, entity_ids: Sequence[int], sample: int = MESSAGE_SAMPLE
) -> dict[int, list[int]]:
    """Up to ``sample`` distinct messages per entity, in the order they were stored.

    One statement per page: a UNION ALL of small indexed reads, one per entity (the
    ``entity_id`` index is ordered by row id within an entity). A window over every mention
    of the most mentioned entities took most of a second at a million messages, and one
    query per entity spent ~0.2 ms each in SQLAlchemy, most of an entity page's time."""
    out: dict[int, list[int]] = {}
    wanted = list(dict.fromkeys(int(e) for e in entity_ids))
    for chunk in _chunks(wanted, _SAMPLE_CHUNK):
        # Written as text: building the same statement with SQLAlchemy's expression language
        # cost ~0.2 ms per entity, more than running it.
        sql = " UNION ALL ".join(
            f"SELECT * FROM (SELECT entity_id, message_pk, id FROM entity_mentions "
            f"WHERE entity_id = :e{i} ORDER BY id LIMIT :n) AS s{i}"
            for i in range(len(chunk))
        )
        params: dict[str, int] = {f"e{i}": entity_id for i, entity_id in enumerate(chunk)}
        params["n"] = max(0, sample) * 4
        seen: dict[int, dict[int, None]] = {}
        rows = conn.execute(sql_text(sql), params).all()
        for entity_id, pk, _ in sorted(rows, key=lambda r: (r[0], r[2])):
            got = seen.setdefault(int(entity_id), {})
            if len(got) < sample:
                got.setdefault(int(pk), None)
        out.update({e: list(pks) for e, pks in seen.items() if pks})
    return out


#: Entities per statement in :func:`_samples` (SQLite allows 500 terms in a compound select).
_SAMPLE_CHUNK = 100


def list_entities(
    store: Store,
    *,
    type: str | None = None,
    name: str | None = None,
    channel: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 50,
    offset: int = 0,
    sample: int = MESSAGE_SAMPLE,
) -> list[GraphEntity]:
    """Merged entities, most mentioned first; each with a sample of up to ``sample`` of its
    messages (a page that shows ten reads fewer mentions).

    ``name`` matches the key exactly, or the name as a substring, or any name/alias across
    scripts; ``channel``/``since``/``until`` keep entities mentioned in those messages.
    Entities whose every mention was edited away are left out.
    """
    e = schema.entities
    with store.engine.connect() as conn:
        conditions = _entity_conditions(conn, type, name, channel, since, until)
        rows = conn.execute(
            select(e)
            .where(*conditions)
            .order_by(e.c.mention_count.desc(), e.c.id)
            .limit(max(0, limit))
            .offset(max(0, offset))
        ).all()
        samples = _samples(conn, [int(r.id) for r in rows], sample)
    return [_entity(r, samples.get(int(r.id))) for r in rows]


def count_entities(
    store: Store,
    *,
    type: str | None = None,
    name: str | None = None,
    channel: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> int:
    """How many entities :func:`list_entities` finds with these filters (for paging)."""
    e = schema.entities
    with store.engine.connect() as conn:
        conditions = _entity_conditions(conn, type, name, channel, since, until)
        return int(
            conn.execute(select(func.count()).select_from(e).where(*conditions)).scalar_one()
        )


def get_entity(store: Store, id_or_key: int | str) -> GraphEntity | None:
    """One entity by primary key (an int or a string of digits) or by merge key."""
    e = schema.entities
    wanted = id_or_key if isinstance(id_or_key, int) else id_or_key.strip()
    if isinstance(wanted, str) and wanted.isdigit() and len(wanted) <= 18:
        wanted = int(wanted)
    if isinstance(wanted, int):
        if not 0 < wanted < 2**63:
            return None
        where = e.c.id == wanted
    else:
        where = e.c.key == wanted
    with store.engine.connect() as conn:
        row = conn.execute(select(e).where(where)).first()
        if row is None:
            return None
        samples = _samples(conn, [int(row.id)])
    return _entity(row, samples.get(int(row.id)))


def _ref_columns() -> list[Any]:
    m, c = schema.messages, schema.channels
    return [
        m.c.id.label("pk"),
        c.c.key.label("channel"),
        c.c.name.label("channel_name"),
        m.c.message_id,
        m.c.date,
    ]


def _ref(row: Any) -> MessageRef:
    return MessageRef(int(row.pk), row.channel, row.channel_name, row.message_id, row.date)


def message_refs(store: Store, pks: Iterable[int]) -> dict[int, MessageRef]:
    """Channel, message id and date of the messages with these primary keys."""
    m, c = schema.messages, schema.channels
    wanted = sorted(set(pks))
    out: dict[int, MessageRef] = {}
    with store.engine.connect() as conn:
        for chunk in _chunks(wanted):
            for row in conn.execute(
                select(*_ref_columns())
                .select_from(m.join(c, c.c.id == m.c.channel_id))
                .where(m.c.id.in_(list(chunk)))
            ):
                out[int(row.pk)] = _ref(row)
    return out


def entity_mentions(
    store: Store, entity_id: int, limit: int = 100, offset: int = 0
) -> list[EntityMention]:
    """Where an entity is written: message, offsets and text, oldest message first."""
    em, m, c = schema.entity_mentions, schema.messages, schema.channels
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(*_ref_columns(), em.c.start, em.c.end, em.c.text)
            .select_from(em.join(m, m.c.id == em.c.message_pk).join(c, c.c.id == m.c.channel_id))
            .where(em.c.entity_id == entity_id)
            .order_by(m.c.date.asc().nulls_last(), em.c.message_pk, em.c.start, em.c.id)
            .limit(max(0, limit))
            .offset(max(0, offset))
        ).all()
    return [EntityMention(entity_id, _ref(r), r.start, r.end, r.text) for r in rows]


def _relation(row: Any, ids: dict[str, int] | None = None) -> GraphRelation:
    ids = ids or {}
    source_id = row.source_entity_id
    target_id = row.target_entity_id
    if source_id is None and row.source_key:
        source_id = ids.get(row.source_key)
    if target_id is None and row.target_key:
        target_id = ids.get(row.target_key)
    return GraphRelation(
        id=int(row.id),
        type=row.type,
        source_entity_id=None if source_id is None else int(source_id),
        target_entity_id=None if target_id is None else int(target_id),
        source=row.source_name,
        target=row.target_name,
        message_pk=None if row.message_pk is None else int(row.message_pk),
        evidence=[s for s in (row.evidence or []) if isinstance(s, dict)],
        basis=row.basis,
    )


def entity_relations(store: Store, entity_id: int, limit: int = 100) -> list[GraphRelation]:
    """Relations with the entity at either end, oldest first."""
    r = schema.relations
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(r)
            .where(or_(r.c.source_entity_id == entity_id, r.c.target_entity_id == entity_id))
            .order_by(r.c.id)
            .limit(max(0, limit))
        ).all()
    return [_relation(row) for row in rows]


# -- events ---------------------------------------------------------------------------------


def _event(row: Any) -> GraphEvent:
    data = row.data if isinstance(row.data, dict) else {}
    return GraphEvent(
        id=int(row.id),
        message_pk=int(row.message_pk),
        type=row.type,
        date=row.date,
        date_text=row.date_text,
        place=[p for p in (row.place or []) if isinstance(p, str)],
        country=row.country,
        data=data,
    )


def _claimant_keys(conn: Connection, wanted: str) -> tuple[str, list[str]]:
    """The match key of ``wanted`` and those of every name of the entities it names."""
    e = schema.entities
    key = name_key(wanted)
    if not key:
        return "", []
    rows = conn.execute(
        select(e.c.search_key)
        .where(or_(e.c.key == wanted, e.c.search_key.contains(f"|{key}|", autoescape=True)))
        .limit(20)
    ).scalars()
    aliases: dict[str, None] = {}
    for text in rows:
        for alias in (text or "").split("|"):
            if alias and len(aliases) < 200:
                aliases.setdefault(alias, None)
    aliases.pop(key, None)
    return key, list(aliases)


def _event_conditions(
    conn: Connection,
    type: str | None,
    country: str | None,
    place: str | None,
    since: datetime | None,
    until: datetime | None,
    claimed_by: str | None,
) -> list[ColumnElement[bool]]:
    ev, m = schema.events, schema.messages
    out: list[ColumnElement[bool]] = []
    if type:
        out.append(ev.c.type == type.strip().lower())
    if country and country.strip():
        wanted = country.strip()
        out.append(or_(ev.c.country == wanted, func.lower(ev.c.country) == wanted.lower()))
    if place and place.strip():
        key = name_key(place.strip())
        out.append(ev.c.place_key.contains(key, autoescape=True) if key else false())
    if claimed_by and claimed_by.strip():
        key, aliases = _claimant_keys(conn, claimed_by.strip())
        options = [ev.c.claimed_key.contains(key, autoescape=True)] if key else []
        options += [ev.c.claimed_key.contains(f"|{a}|", autoescape=True) for a in aliases]
        out.append(or_(*options) if options else false())
    # An event's own (possibly partial) date decides when it has one: "2024-03" overlaps
    # every window that touches March 2024. Otherwise the message date does.
    if since:
        start = utc_naive(since)
        assert start is not None
        out.append(
            or_(
                and_(ev.c.date.is_not(None), ev.c.date.concat("~") >= start.date().isoformat()),
                and_(ev.c.date.is_(None), m.c.date >= start),
            )
        )
    if until:
        end = utc_naive(until)
        assert end is not None
        day = end.date().isoformat()
        before = ev.c.date < day if end.time() == time(0) else ev.c.date <= day
        out.append(
            or_(
                and_(ev.c.date.is_not(None), before),
                and_(ev.c.date.is_(None), m.c.date < end),
            )
        )
    return out


def _events_select(columns: Sequence[Any]) -> Select[Any]:
    ev, m = schema.events, schema.messages
    return select(*columns).select_from(ev.join(m, m.c.id == ev.c.message_pk))


def list_events(
    store: Store,
    *,
    type: str | None = None,
    country: str | None = None,
    place: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    claimed_by: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[GraphEvent]:
    """Attack events, newest first (by event date, else message date).

    ``place`` matches any of the event's places or its country across scripts; ``claimed_by``
    matches a claimant's name or any alias of a stored entity of that name (``ISKP`` finds
    claims written as "Islamic State Khorasan Province" when the gazetteer links them).
    """
    ev, m = schema.events, schema.messages
    with store.engine.connect() as conn:
        conditions = _event_conditions(conn, type, country, place, since, until, claimed_by)
        rows = conn.execute(
            _events_select([ev])
            .where(*conditions)
            .order_by(ev.c.date.desc().nulls_last(), m.c.date.desc().nulls_last(), ev.c.id.desc())
            .limit(max(0, limit))
            .offset(max(0, offset))
        ).all()
    return [_event(r) for r in rows]


def count_events(
    store: Store,
    *,
    type: str | None = None,
    country: str | None = None,
    place: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    claimed_by: str | None = None,
) -> int:
    """How many events :func:`list_events` finds with these filters (for paging)."""
    with store.engine.connect() as conn:
        conditions = _event_conditions(conn, type, country, place, since, until, claimed_by)
        return int(conn.execute(_events_select([func.count()]).where(*conditions)).scalar_one())


# -- the whole graph --------------------------------------------------------------------------


def _propaganda(dialect: str) -> ColumnElement[bool]:
    """An annotation saying its message was judged propaganda."""
    a = schema.annotations
    if dialect == "sqlite":
        judged: ColumnElement[bool] = func.json_extract(a.c.data, "$.label") == 1
    else:
        judged = a.c.data.op("->>")("label") == "true"
    return or_(
        and_(a.c.kind == "stance", a.c.label == "endorse"),
        and_(a.c.kind == "judgement", judged),
    )


def _scope(
    conn: Connection,
    channel: str | None,
    since: datetime | None,
    until: datetime | None,
    max_items: int | None,
) -> Select[Any]:
    """Primary keys of the messages the graph is built from."""
    m, a = schema.messages, schema.annotations
    em, ev, r = schema.entity_mentions, schema.events, schema.relations
    relevant = or_(
        select(em.c.id).where(em.c.message_pk == m.c.id).exists(),
        select(ev.c.id).where(ev.c.message_pk == m.c.id).exists(),
        select(r.c.id).where(r.c.message_pk == m.c.id).exists(),
        select(a.c.id).where(a.c.message_pk == m.c.id, _propaganda(conn.dialect.name)).exists(),
    )
    scope = select(m.c.id).where(*_window(conn, channel, since, until), relevant)
    if max_items is not None:
        scope = scope.order_by(m.c.date.desc().nulls_last(), m.c.id.desc()).limit(max(0, max_items))
    return scope


def _graph_entities(conn: Connection, scope: Select[Any]) -> dict[int, GraphEntity]:
    em, m, e = schema.entity_mentions, schema.messages, schema.entities
    counts: dict[int, int] = {}
    samples: dict[int, dict[int, None]] = {}
    first: dict[int, datetime] = {}
    last: dict[int, datetime] = {}
    rows = conn.execute(
        select(em.c.entity_id, em.c.message_pk, m.c.date)
        .select_from(em.join(m, m.c.id == em.c.message_pk))
        .where(em.c.message_pk.in_(scope))
        .order_by(m.c.date.asc().nulls_last(), em.c.message_pk, em.c.id)
    )
    for entity_id, message_pk, when in rows:
        counts[entity_id] = counts.get(entity_id, 0) + 1
        sample = samples.setdefault(entity_id, {})
        if len(sample) < MESSAGE_SAMPLE:
            sample.setdefault(int(message_pk), None)
        if when is not None:
            first.setdefault(entity_id, when)
            last[entity_id] = when
    out: dict[int, GraphEntity] = {}
    for chunk in _chunks(sorted(counts)):
        for row in conn.execute(select(e).where(e.c.id.in_(list(chunk)))):
            entity = _entity(row, list(samples.get(row.id, {})))
            # Counted within the graph's messages (equal to the stored totals when unfiltered).
            entity.mention_count = counts[row.id]
            entity.first_seen = first.get(row.id)
            entity.last_seen = last.get(row.id)
            out[entity.id] = entity
    return out


def _graph_relations(
    conn: Connection, scope: Select[Any], entities: dict[int, GraphEntity]
) -> list[GraphRelation]:
    r, e = schema.relations, schema.entities
    rows = conn.execute(
        select(r).where(r.c.message_pk.in_(scope)).order_by(r.c.message_pk, r.c.id)
    ).all()
    ids = {entity.key: entity.id for entity in entities.values()}
    wanted = {
        key
        for row in rows
        for key, pk in (
            (row.source_key, row.source_entity_id),
            (row.target_key, row.target_entity_id),
        )
        if key and pk is None and key not in ids
    }
    for chunk in _chunks(sorted(wanted)):
        for pk, key in conn.execute(select(e.c.id, e.c.key).where(e.c.key.in_(list(chunk)))):
            ids[key] = int(pk)
    relations = [_relation(row, ids) for row in rows]
    # Ends stored elsewhere (mentioned only outside the graph's messages) join as nodes too.
    ends = {pk for rel in relations for pk in (rel.source_entity_id, rel.target_entity_id)}
    missing = sorted(pk for pk in ends if pk is not None and pk not in entities)
    for chunk in _chunks(missing):
        for row in conn.execute(select(e).where(e.c.id.in_(list(chunk)))):
            entity = _entity(row)
            entity.mention_count = 0
            entity.first_seen = entity.last_seen = None
            entities[entity.id] = entity
    return relations


def _graph_items(conn: Connection, scope: Select[Any]) -> list[GraphItem]:
    m, c, a = schema.messages, schema.channels, schema.annotations
    items: dict[int, GraphItem] = {}
    for row in conn.execute(
        select(m.c.id, c.c.key, m.c.message_id, m.c.date, m.c.language, m.c.text, m.c.source)
        .select_from(m.join(c, c.c.id == m.c.channel_id))
        .where(m.c.id.in_(scope))
        .order_by(m.c.date.asc().nulls_last(), m.c.id)
    ):
        items[int(row.id)] = GraphItem(
            pk=int(row.id),
            channel_key=row.key,
            message_id=row.message_id,
            date=row.date,
            language=row.language,
            text=row.text,
            source=row.source,
        )
    for row in conn.execute(
        select(a.c.message_pk, a.c.kind, a.c.label, a.c.score, a.c.start, a.c.end, a.c.data)
        .where(a.c.message_pk.in_(scope), a.c.kind.in_(["judgement", "detection", "signal"]))
        .order_by(a.c.message_pk, a.c.score.desc(), a.c.id)
    ):
        item = items.get(int(row.message_pk))
        if item is None:
            continue
        if row.kind == "judgement":
            item.propaganda = float(row.score)
        elif row.kind == "detection":
            if row.score >= LABEL_THRESHOLD and row.label not in item.labels:
                item.labels.append(row.label)
        else:
            extra = row.data if isinstance(row.data, dict) else {}
            item.signals.append({**extra, "type": row.label, "start": row.start, "end": row.end})
    return list(items.values())


def _channels(
    conn: Connection, window: list[ColumnElement[bool]]
) -> tuple[list[GraphChannel], dict[int, GraphChannel]]:
    m, c = schema.messages, schema.channels
    counts: dict[int, int] = {
        int(pk): int(n)
        for pk, n in conn.execute(
            select(m.c.channel_id, func.count()).where(*window).group_by(m.c.channel_id)
        )
    }
    known = {
        int(row.id): GraphChannel(int(row.id), row.key, row.name, row.type, 0, row.first_seen)
        for row in conn.execute(select(c).order_by(c.c.id))
    }
    for pk, n in counts.items():
        known[pk].messages = n
    listed = [ch for pk, ch in known.items() if pk in counts or not window]
    return listed, known


@dataclass(slots=True)
class _Edge:
    weight: int = 0
    first: datetime | None = None
    last: datetime | None = None

    def add(self, n: int, first: datetime | None, last: datetime | None) -> None:
        self.weight += n
        if first is not None and (self.first is None or first < self.first):
            self.first = first
        if last is not None and (self.last is None or last > self.last):
            self.last = last


def _forward_target(
    name: str | None, peer: str | None, keys: set[str], by_name: dict[str, str]
) -> str | None:
    """The channel key a forward came from when known, else its name (or id)."""
    found = _PEER_ID.match(peer.strip()) if peer else None
    if found:
        digits = found.group(1)
        for candidate in (digits, digits[4:] if digits.startswith("-100") else None):
            if candidate and f"telegram:{candidate}" in keys:
                return f"telegram:{candidate}"
    if name and name in by_name:
        return by_name[name]
    return name or peer or None


def _handle_targets(mentions: Any, links: Any, keys: set[str]) -> set[tuple[str, str]]:
    """(kind, target) for the @handles and t.me links of one message."""
    out: set[tuple[str, str]] = set()
    if isinstance(mentions, list):
        for value in mentions[:_MAX_REFS]:
            if isinstance(value, str) and value.startswith("@") and 1 < len(value) <= 64:
                out.add(("mention", value.lower()))
    if isinstance(links, list):
        for value in links[:_MAX_REFS]:
            found = _TME.match(value.strip()[:300]) if isinstance(value, str) else None
            if not found:
                continue
            if found.group("private"):
                out.add(("link", f"telegram:{found.group('private')}"))
            elif found.group("handle").lower() not in _NOT_HANDLES:
                out.add(("link", "@" + found.group("handle").lower()))
    return out


def _channel_edges(
    conn: Connection, window: list[ColumnElement[bool]], channels: dict[int, GraphChannel]
) -> list[ChannelEdge]:
    m = schema.messages
    keys = {ch.key for ch in channels.values()}
    names: dict[str, list[str]] = {}
    for ch in channels.values():
        if ch.name:
            names.setdefault(ch.name, []).append(ch.key)
    by_name = {name: found[0] for name, found in names.items() if len(found) == 1}
    edges: dict[tuple[str, str, str], _Edge] = {}

    def add(source_pk: int, target: str | None, kind: str, n: int, first: Any, last: Any) -> None:
        source = channels[source_pk]
        if not target or target == source.key or (kind == "forward" and target == source.name):
            return  # a channel forwarding (or linking) to itself is no edge
        edges.setdefault((source.key, target, kind), _Edge()).add(n, first, last)

    for row in conn.execute(
        select(
            m.c.channel_id,
            m.c.forwarded_from,
            m.c.forwarded_from_id,
            func.count(),
            func.min(m.c.date),
            func.max(m.c.date),
        )
        .where(*window, or_(m.c.forwarded_from.is_not(None), m.c.forwarded_from_id.is_not(None)))
        .group_by(m.c.channel_id, m.c.forwarded_from, m.c.forwarded_from_id)
    ):
        channel_pk, name, peer, n, first, last = row
        add(int(channel_pk), _forward_target(name, peer, keys, by_name), "forward", n, first, last)
    rows = conn.execute(
        select(m.c.channel_id, m.c.mentions, m.c.links, m.c.date)
        .where(*window, or_(m.c.mentions.is_not(None), m.c.links.is_not(None)))
        .execution_options(yield_per=2000)
    )
    for channel_pk, mentions, links, when in rows:
        for kind, target in _handle_targets(mentions, links, keys):
            add(int(channel_pk), target, kind, 1, when, when)
    return [
        ChannelEdge(source, target, kind, edge.weight, edge.first, edge.last)
        for (source, target, kind), edge in sorted(edges.items())
    ]


def load_graph(
    store: Store,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    channel: str | None = None,
    max_items: int | None = None,
) -> KnowledgeGraph:
    """The knowledge graph of the stored messages (in a window, a channel, or all).

    Items are the messages with an entity mention, event or relation, plus every message
    judged propaganda; ``max_items`` keeps the newest of them. Entities, events and
    relations are those of these items (an entity's ``mention_count``/``first_seen``/
    ``last_seen`` counted within them). Channels and channel edges (forwards, @mentions,
    t.me links) cover every message in the window, capped or not.
    """
    graph = KnowledgeGraph()
    ev = schema.events
    with store.engine.connect() as conn:
        scope = _scope(conn, channel, since, until, max_items)
        entities = _graph_entities(conn, scope)
        graph.relations = _graph_relations(conn, scope, entities)
        graph.entities = sorted(entities.values(), key=lambda x: (-x.mention_count, x.id))
        graph.events = [
            _event(row)
            for row in conn.execute(
                select(ev).where(ev.c.message_pk.in_(scope)).order_by(ev.c.message_pk, ev.c.id)
            )
        ]
        graph.items = _graph_items(conn, scope)
        window = _window(conn, channel, since, until)
        graph.channels, by_pk = _channels(conn, window)
        graph.channel_edges = _channel_edges(conn, window, by_pk)
    return graph
