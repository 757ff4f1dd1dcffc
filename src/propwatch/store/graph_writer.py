"""Keep the knowledge graph tables in step with the ``entity``/``event``/``relation`` annotations.

The extraction stage stores, per message, one ``entity`` annotation per mention (``data`` is
``Entity.to_json()`` plus its merge ``key``), one ``event`` per event (``Event.to_json()``) and
one ``relation`` per relation (``Relation.to_json()`` plus ``source_key``/``target_key``).
:func:`insert_graph` turns a written batch into

- ``entities``: one row per merge key (``gaz:<gazetteer id>`` or ``<type>:<match key>``), so
  the same organisation written in Cyrillic in one item and in Latin letters in another is one
  entity; aliases are the union of the surface forms seen (capped), ``mention_count`` counts
  the mentions, ``first_seen``/``last_seen`` are the dates of the messages that mention it;
- ``entity_mentions``, ``events``, ``relations``: each row points at its message.

It runs inside the writer's transaction, with one statement per table per batch.
:func:`replace_graph` follows an edit: the message's rows are replaced and the counts and dates
of the entities it touched are recomputed from what remains.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import orjson
from sqlalchemy import Connection, case, func, or_, select
from sqlalchemy.dialects import postgresql, sqlite

from propwatch.normalize import match_key
from propwatch.store import schema

if TYPE_CHECKING:
    from propwatch.store.writer import Prepared

__all__ = [
    "GRAPH_KINDS",
    "MAX_ALIASES",
    "insert_graph",
    "iso_date",
    "keys_text",
    "max_figure",
    "name_key",
    "recount_entities",
    "replace_graph",
]

#: Annotation kinds that feed the graph.
GRAPH_KINDS = frozenset({"entity", "event", "relation"})
#: Surface forms kept per entity.
MAX_ALIASES = 50
MAX_NAME_CHARS = 500
MAX_ALIAS_CHARS = 200
MAX_KEY_CHARS = 512
MAX_PLACES = 20
MAX_EVIDENCE = 20
MAX_ATTRIBUTE_KEYS = 50
MAX_ATTRIBUTES_JSON = 8_000
#: Casualty figures above this are not believed (hostile or garbled input).
MAX_FIGURE = 10_000_000
#: Keys per ``IN (...)`` list, well below every driver's parameter limit.
CHUNK = 500

_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")

# Positions in ``Prepared.annotations`` tuples (writer.ANNOTATION_COLUMNS after message_pk).
_KIND, _LABEL, _START, _END, _DATA = 2, 3, 5, 6, 7


@lru_cache(maxsize=65_536)
def name_key(text: str) -> str:
    """The cross-script match key of a name (cached: names repeat across a corpus)."""
    return match_key(text[:MAX_ALIAS_CHARS])


def keys_text(names: Iterable[str]) -> str:
    """``|key1|key2|``: the distinct match keys of ``names``, searchable with LIKE."""
    seen: dict[str, None] = {}
    for name in names:
        key = name_key(name)
        if key:
            seen.setdefault(key.replace("|", " "), None)
    return "|" + "|".join(seen) + "|" if seen else ""


def _dumps(value: Any) -> str:
    try:
        return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS, default=str).decode()
    except (orjson.JSONEncodeError, TypeError):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


def _loads(text: Any) -> dict[str, Any] | None:
    if not isinstance(text, str | bytes):
        return None
    try:
        value = orjson.loads(text)
    except orjson.JSONDecodeError:
        try:
            value = json.loads(text)
        except ValueError:
            return None
    return value if isinstance(value, dict) else None


def _clean(value: Any, limit: int) -> str:
    """A stripped, bounded string; anything but a string gives ``""``."""
    if not isinstance(value, str):
        return ""
    return " ".join(value[: limit * 2].split())[:limit]


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def iso_date(value: Any) -> str | None:
    """A valid ``YYYY-MM-DD``/``YYYY-MM``/``YYYY`` string, or None (31 February, year 0...)."""
    if not isinstance(value, str):
        return None
    found = _ISO_DATE.fullmatch(value.strip())
    if not found:
        return None
    year, month, day = found.groups()
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    return found.group(0)


def max_figure(figures: Any) -> int | None:
    """The largest believable ``value`` in a list of ``Figure.to_json()`` dicts, or None."""
    if not isinstance(figures, list):
        return None
    values = [
        v
        for f in figures[:50]
        if isinstance(f, dict) and (v := _int(f.get("value"))) is not None and 0 <= v <= MAX_FIGURE
    ]
    return max(values, default=None)


def _strings(value: Any, limit: int, count: int) -> list[str]:
    if not isinstance(value, list):
        return []
    out = [_clean(v, limit) for v in value[: count * 2]]
    return [v for v in out if v][:count]


@dataclass(slots=True)
class _Entity:
    """What one batch says about one merge key."""

    type: str
    name: str
    gazetteer_id: str | None
    aliases: dict[str, None] = field(default_factory=dict)  # ordered set
    attributes: dict[str, Any] = field(default_factory=dict)
    count: int = 0
    first: datetime | None = None
    last: datetime | None = None

    def seen(self, when: datetime | None) -> None:
        self.count += 1
        if when is not None:
            self.first = when if self.first is None or when < self.first else self.first
            self.last = when if self.last is None or when > self.last else self.last


@dataclass(slots=True)
class _Batch:
    entities: dict[str, _Entity] = field(default_factory=dict)
    #: (key, message pk, start, end, text)
    mentions: list[tuple[str, int, int | None, int | None, str]] = field(default_factory=list)
    #: values of ``events`` after ``id``
    events: list[tuple[Any, ...]] = field(default_factory=list)
    #: (message pk, type, source key, target key, source name, target name, evidence, basis)
    relations: list[tuple[Any, ...]] = field(default_factory=list)

    def keys(self) -> set[str]:
        wanted = set(self.entities)
        for rel in self.relations:
            wanted.update(k for k in (rel[2], rel[3]) if k)
        return wanted


def _merge_attributes(into: dict[str, Any], new: Any) -> None:
    if not isinstance(new, dict):
        return
    for name, value in list(new.items())[:MAX_ATTRIBUTE_KEYS]:
        if len(into) >= MAX_ATTRIBUTE_KEYS:
            return
        into.setdefault(str(name)[:100], value)


def _add_aliases(into: dict[str, None], names: Iterable[str]) -> None:
    for name in names:
        if len(into) >= MAX_ALIASES:
            return
        if name:
            into.setdefault(name, None)


def _entity(batch: _Batch, pk: int, ann: tuple[Any, ...], data: dict[str, Any], when: Any) -> None:
    kind = _clean(data.get("type"), 32) or _clean(ann[_LABEL], 32)
    surface = _clean(data.get("text"), MAX_ALIAS_CHARS)
    name = _clean(data.get("name"), MAX_NAME_CHARS) or surface
    if not kind or not name:
        return
    gazetteer_id = _clean(data.get("gazetteer_id"), 200) or None
    key = _clean(data.get("key"), MAX_KEY_CHARS)
    if not key:
        key = f"gaz:{gazetteer_id}" if gazetteer_id else f"{kind}:{name_key(name) or name}"
    key = key[:MAX_KEY_CHARS]
    found = batch.entities.get(key)
    if found is None:
        found = batch.entities[key] = _Entity(kind, name, gazetteer_id)
    elif found.gazetteer_id is None:
        found.gazetteer_id = gazetteer_id
    _add_aliases(found.aliases, [surface, *_strings(data.get("aliases"), MAX_ALIAS_CHARS, 60)])
    _merge_attributes(found.attributes, data.get("attributes"))
    found.seen(when if isinstance(when, datetime) else None)
    start = _int(ann[_START]) if ann[_START] is not None else _int(data.get("start"))
    end = _int(ann[_END]) if ann[_END] is not None else _int(data.get("end"))
    batch.mentions.append((key, pk, start, end, surface or name))


def _event(batch: _Batch, pk: int, ann: tuple[Any, ...], data: dict[str, Any]) -> None:
    kind = _clean(data.get("type"), 32) or _clean(ann[_LABEL], 32)
    if not kind:
        return
    places = _strings(data.get("place"), MAX_ALIAS_CHARS, MAX_PLACES)
    country = _clean(data.get("country"), 100) or None
    claimed = _strings(data.get("claimed_by"), MAX_NAME_CHARS, MAX_PLACES)
    batch.events.append(
        (
            pk,
            kind,
            iso_date(data.get("date")),
            _clean(data.get("date_text"), MAX_NAME_CHARS) or None,
            _dumps(places),
            country,
            max_figure(data.get("killed")),
            max_figure(data.get("injured")),
            ann[_DATA],  # the stored annotation JSON: the full Event.to_json()
            keys_text([*places, *([country] if country else [])]),
            keys_text(claimed),
        )
    )


def _relation(batch: _Batch, pk: int, ann: tuple[Any, ...], data: dict[str, Any]) -> None:
    kind = _clean(data.get("type"), 32) or _clean(ann[_LABEL], 32)
    source = _clean(data.get("source"), MAX_NAME_CHARS)
    target = _clean(data.get("target"), MAX_NAME_CHARS)
    if not kind or not source or not target:
        return
    evidence = data.get("evidence")
    spans = (
        [s for s in evidence[:MAX_EVIDENCE] if isinstance(s, dict)]
        if isinstance(evidence, list)
        else []
    )
    batch.relations.append(
        (
            pk,
            kind,
            _clean(data.get("source_key"), MAX_KEY_CHARS) or None,
            _clean(data.get("target_key"), MAX_KEY_CHARS) or None,
            source,
            target,
            _dumps(spans),
            _clean(data.get("basis"), 32) or "text",
        )
    )


def _collect(rows: Sequence[tuple[int, Prepared]]) -> _Batch:
    batch = _Batch()
    for pk, prepared in rows:
        when = prepared.row.get("date")
        for ann in prepared.annotations:
            kind = ann[_KIND]
            if kind not in GRAPH_KINDS:
                continue
            data = _loads(ann[_DATA])
            if data is None:
                continue
            if kind == "entity":
                _entity(batch, int(pk), ann, data, when)
            elif kind == "event":
                _event(batch, int(pk), ann, data)
            else:
                _relation(batch, int(pk), ann, data)
    return batch


def _chunks(values: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(values), size):
        yield values[i : i + size]


def _entity_ids(conn: Connection, keys: Sequence[str]) -> dict[str, Any]:
    """Stored entities by key (rows with id, key, name, gazetteer_id, aliases, attributes)."""
    t = schema.entities
    found: dict[str, Any] = {}
    for chunk in _chunks(sorted(keys)):
        for row in conn.execute(
            select(t.c.id, t.c.key, t.c.name, t.c.gazetteer_id, t.c.aliases, t.c.attributes).where(
                t.c.key.in_(list(chunk))
            )
        ):
            found[row.key] = row
    return found


def _upsert_entities(conn: Connection, batch: _Batch) -> dict[str, int]:
    """Merge the batch's entities into ``entities``; return the ids of every key it names."""
    t = schema.entities
    stored = _entity_ids(conn, list(batch.keys()))
    values = []
    for key in sorted(batch.entities):
        new = batch.entities[key]
        old = stored.get(key)
        aliases: dict[str, None] = {}
        attributes: dict[str, Any] = {}
        name, gazetteer_id = new.name, new.gazetteer_id
        if old is not None:
            _add_aliases(aliases, [a for a in (old.aliases or []) if isinstance(a, str)])
            _merge_attributes(attributes, old.attributes)
            name = old.name or name
            gazetteer_id = old.gazetteer_id or gazetteer_id
        _add_aliases(aliases, new.aliases)
        _merge_attributes(attributes, new.attributes)
        if len(_dumps(attributes)) > MAX_ATTRIBUTES_JSON:
            attributes = {}
        values.append(
            {
                "key": key,
                "type": new.type,
                "name": name,
                "gazetteer_id": gazetteer_id,
                "aliases": list(aliases),
                "attributes": attributes,
                "mention_count": new.count,
                "first_seen": new.first,
                "last_seen": new.last,
                "search_key": keys_text([name, *aliases]),
            }
        )
    if values:
        insert: Any = (postgresql if conn.dialect.name == "postgresql" else sqlite).insert(t)
        new_row = insert.excluded
        stmt = insert.on_conflict_do_update(
            index_elements=[t.c.key],
            set_={
                "name": new_row.name,
                "gazetteer_id": new_row.gazetteer_id,
                "aliases": new_row.aliases,
                "attributes": new_row.attributes,
                "search_key": new_row.search_key,
                "mention_count": t.c.mention_count + new_row.mention_count,
                "first_seen": case(
                    (
                        or_(t.c.first_seen.is_(None), new_row.first_seen < t.c.first_seen),
                        new_row.first_seen,
                    ),
                    else_=t.c.first_seen,
                ),
                "last_seen": case(
                    (
                        or_(t.c.last_seen.is_(None), new_row.last_seen > t.c.last_seen),
                        new_row.last_seen,
                    ),
                    else_=t.c.last_seen,
                ),
            },
        )
        conn.execute(stmt, values)
    ids = {key: int(row.id) for key, row in stored.items()}
    missing = [key for key in batch.entities if key not in ids]
    ids.update({key: int(row.id) for key, row in _entity_ids(conn, missing).items()})
    return ids


def _marks(dialect: str, columns: Sequence[str], json_columns: frozenset[str]) -> str:
    if dialect == "sqlite":
        return ", ".join("?" for _ in columns)
    return ", ".join("%s::jsonb" if c in json_columns else "%s" for c in columns)


def _insert(
    conn: Connection,
    table: str,
    columns: Sequence[str],
    rows: Sequence[tuple[Any, ...]],
    json_columns: frozenset[str] = frozenset(),
) -> None:
    if not rows:
        return
    quoted = ", ".join(f'"{c}"' for c in columns)
    marks = _marks(conn.dialect.name, columns, json_columns)
    conn.exec_driver_sql(f"INSERT INTO {table} ({quoted}) VALUES ({marks})", list(rows))


_MENTION_COLUMNS = ("entity_id", "message_pk", "start", "end", "text")
_EVENT_COLUMNS = (
    "message_pk", "type", "date", "date_text", "place", "country", "killed_max", "injured_max",
    "data", "place_key", "claimed_key",
)  # fmt: skip
_RELATION_COLUMNS = (
    "message_pk", "type", "source_key", "target_key", "source_entity_id", "target_entity_id",
    "source_name", "target_name", "evidence", "basis",
)  # fmt: skip


def insert_graph(conn: Connection, rows: Sequence[tuple[int, Prepared]]) -> None:
    """Add what the annotations of newly written messages say to the graph tables.

    ``rows`` pairs each message's primary key with its prepared row (as for
    ``writer.insert_annotations``). Runs in the caller's transaction.
    """
    batch = _collect(rows)
    if not (batch.entities or batch.events or batch.relations):
        return
    ids = _upsert_entities(conn, batch) if batch.keys() else {}
    _insert(
        conn,
        "entity_mentions",
        _MENTION_COLUMNS,
        [(ids[key], pk, start, end, text) for key, pk, start, end, text in batch.mentions],
    )
    _insert(conn, "events", _EVENT_COLUMNS, batch.events, frozenset({"place", "data"}))
    _insert(
        conn,
        "relations",
        _RELATION_COLUMNS,
        [
            (pk, kind, sk, tk, ids.get(sk) if sk else None, ids.get(tk) if tk else None, *rest)
            for pk, kind, sk, tk, *rest in batch.relations
        ],
        frozenset({"evidence"}),
    )


def recount_entities(conn: Connection, entity_ids: Iterable[int]) -> None:
    """Recompute ``mention_count``, ``first_seen`` and ``last_seen`` from the stored mentions.

    An entity left without mentions keeps its row (relations elsewhere may point at it) with
    a count of 0; listings leave such entities out.
    """
    t, em, m = schema.entities, schema.entity_mentions, schema.messages
    mentions = em.join(m, m.c.id == em.c.message_pk)
    for chunk in _chunks(sorted(set(entity_ids))):
        conn.execute(
            t.update()
            .where(t.c.id.in_(list(chunk)))
            .values(
                mention_count=select(func.count(em.c.id))
                .where(em.c.entity_id == t.c.id)
                .scalar_subquery(),
                first_seen=select(func.min(m.c.date))
                .select_from(mentions)
                .where(em.c.entity_id == t.c.id)
                .scalar_subquery(),
                last_seen=select(func.max(m.c.date))
                .select_from(mentions)
                .where(em.c.entity_id == t.c.id)
                .scalar_subquery(),
            )
        )


def replace_graph(conn: Connection, message_pk: int, prepared: Prepared) -> None:
    """An edit became the current row: its mentions, events and relations follow the new text,
    and the entities either version mentions get their counts and dates recomputed."""
    em = schema.entity_mentions
    touched = set(
        conn.execute(
            select(em.c.entity_id).where(em.c.message_pk == message_pk).distinct()
        ).scalars()
    )
    for table in (em, schema.events, schema.relations):
        conn.execute(table.delete().where(table.c.message_pk == message_pk))
    insert_graph(conn, [(message_pk, prepared)])
    if touched:
        recount_entities(conn, touched)
