"""Tables for spreadsheets and scripts: messages, detections, entities, events as CSV or NDJSON.

``messages`` and ``detections`` stream from the store in primary-key order, a batch at a time
(keyset paging: memory stays flat for millions of rows, on SQLite and PostgreSQL alike);
``entities`` and ``events`` come from a loaded :class:`~propwatch.graph.model.KnowledgeGraph`.

CSV decisions (see ``docs/exports.md``):

* **Formula injection**: a text cell whose first visible character is ``=``, ``+``, ``-``,
  ``@`` (or their full-width forms), a tab or a carriage return gets a leading ``'``, so a
  spreadsheet shows it as text instead of running it (OWASP's advice). Numbers are written as
  numbers and never prefixed. ``formula_guard=False`` writes cells unchanged.
* **Encoding**: UTF-8; ``bom=True`` starts the file with a byte-order mark, which Excel needs
  to read UTF-8 (Cyrillic and Arabic text otherwise shows as mojibake). Off by default: other
  tools take the mark for part of the first column name.
* Newlines and quotes inside cells are quoted the standard way (RFC 4180); lists and objects
  are JSON strings; missing values are empty cells.

NDJSON is one JSON object per line, UTF-8, no guard (it is data, not a sheet); the line and
paragraph separators U+2028/U+2029 and NEL are escaped so no reader splits a record.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Any

import orjson
from sqlalchemy import ColumnElement, Select, or_, select

from propwatch.export.common import Resolver, iso
from propwatch.graph.model import KnowledgeGraph
from propwatch.store import Store, schema
from propwatch.store.writer import utc_naive

__all__ = [
    "COLUMNS",
    "DETECTION_KINDS",
    "TABLES",
    "TableFilter",
    "detection_rows",
    "entity_rows",
    "event_rows",
    "guard_cell",
    "message_rows",
    "write_csv",
    "write_ndjson",
]

TABLES: tuple[str, ...] = ("messages", "detections", "entities", "events")
#: Annotation kinds written by detection (``propwatch.detect.detector.to_annotations``).
DETECTION_KINDS: tuple[str, ...] = ("judgement", "stance", "detection", "signal")
BATCH = 2000

COLUMNS: dict[str, tuple[str, ...]] = {
    "messages": (
        "pk",
        "channel",
        "channel_name",
        "message_id",
        "kind",
        "date",
        "edited",
        "author",
        "title",
        "text",
        "language",
        "script",
        "forwarded_from",
        "reply_to_message_id",
        "links",
        "mentions",
        "hashtags",
        "propaganda",
        "stance",
        "source",
        "position",
        "raw_sha256",
        "version",
    ),
    "detections": (
        "id",
        "message_pk",
        "channel",
        "message_id",
        "date",
        "language",
        "kind",
        "label",
        "score",
        "component",
        "component_version",
        "start",
        "end",
        "value",
        "evidence",
        "data",
    ),
    "entities": (
        "id",
        "key",
        "type",
        "name",
        "gazetteer_id",
        "aliases",
        "attributes",
        "mention_count",
        "first_seen",
        "last_seen",
        "message_pks",
    ),
    "events": (
        "id",
        "message_pk",
        "channel",
        "message_id",
        "type",
        "date",
        "date_text",
        "place",
        "country",
        "target",
        "killed",
        "injured",
        "killed_figures",
        "injured_figures",
        "perpetrators",
        "claimed_by",
        "claim_outlet",
        "evidence",
        "confidence",
    ),
}

_TRIGGERS = frozenset("=+-@\t\r＝＋－＠")
#: Invisible characters a formula could hide behind (skipped when finding the first one).
_INVISIBLE = frozenset(
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2066\u2067\u2068\u2069\ufeff\u00a0 "
)
_NDJSON_ESCAPES = (
    ("\u2028".encode(), b"\\u2028"),
    ("\u2029".encode(), b"\\u2029"),
    ("\u0085".encode(), b"\\u0085"),
)


@dataclass(frozen=True, slots=True)
class TableFilter:
    """Which rows: a time window on the message date (``until`` exclusive), a channel (key,
    name or Telegram id), a language; for detections also a label, a minimum score and kinds."""

    since: datetime | None = None
    until: datetime | None = None
    channel: str | None = None
    language: str | None = None
    label: str | None = None
    min_score: float | None = None
    kinds: tuple[str, ...] = DETECTION_KINDS


def _message_filters(stmt: Select[Any], where: TableFilter) -> Select[Any]:
    m, c = schema.messages, schema.channels
    if where.since:
        stmt = stmt.where(m.c.date >= utc_naive(where.since))
    if where.until:
        stmt = stmt.where(m.c.date < utc_naive(where.until))
    if where.language:
        stmt = stmt.where(m.c.language == where.language)
    if where.channel:
        wanted = where.channel
        channel: ColumnElement[bool] = or_(
            c.c.key == wanted, c.c.name == wanted, c.c.key == f"telegram:{wanted}"
        )
        stmt = stmt.where(channel)
    return stmt


def _pages(store: Store, stmt: Select[Any], key: Any, batch: int) -> Iterator[Any]:
    """Rows of ``stmt`` in ``key`` order, fetched ``batch`` at a time after the last key."""
    last: int | None = None
    while True:
        page = stmt if last is None else stmt.where(key > last)
        with store.engine.connect() as conn:
            rows = conn.execute(page.order_by(key).limit(batch)).all()
        yield from rows
        if len(rows) < batch:
            return
        last = int(rows[-1][0])


def message_rows(
    store: Store, where: TableFilter = TableFilter(), *, batch: int = BATCH
) -> Iterator[dict[str, Any]]:
    """Stored messages (newest versions) with their propaganda score and stance."""
    m, c, a = schema.messages, schema.channels, schema.annotations
    propaganda = (
        select(a.c.score)
        .where(a.c.message_pk == m.c.id, a.c.kind == "judgement")
        .order_by(a.c.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    stance = (
        select(a.c.label)
        .where(a.c.message_pk == m.c.id, a.c.kind == "stance")
        .order_by(a.c.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    stmt = select(
        m.c.id,
        c.c.key,
        c.c.name,
        m.c.message_id,
        m.c.kind,
        m.c.date,
        m.c.edited,
        m.c.author,
        m.c.title,
        m.c.text,
        m.c.language,
        m.c.script,
        m.c.forwarded_from,
        m.c.reply_to_message_id,
        m.c.links,
        m.c.mentions,
        m.c.hashtags,
        propaganda.label("propaganda"),
        stance.label("stance"),
        m.c.source,
        m.c.position,
        m.c.raw_sha256,
        m.c.version,
    ).select_from(m.join(c, c.c.id == m.c.channel_id))
    for row in _pages(store, _message_filters(stmt, where), m.c.id, batch):
        values = list(row)
        values[5], values[6] = iso(row.date), iso(row.edited)
        yield dict(zip(COLUMNS["messages"], values, strict=True))


def detection_rows(
    store: Store, where: TableFilter = TableFilter(), *, batch: int = BATCH
) -> Iterator[dict[str, Any]]:
    """What detection stored per message: judgement, stance, one row per label and signal."""
    m, c, a = schema.messages, schema.channels, schema.annotations
    stmt = (
        select(
            a.c.id,
            a.c.message_pk,
            c.c.key,
            m.c.message_id,
            m.c.date,
            m.c.language,
            a.c.kind,
            a.c.label,
            a.c.score,
            a.c.component,
            a.c.component_version,
            a.c.start,
            a.c.end,
            a.c.data,
        )
        .select_from(a.join(m, m.c.id == a.c.message_pk).join(c, c.c.id == m.c.channel_id))
        .where(a.c.kind.in_(list(where.kinds)))
    )
    if where.label:
        stmt = stmt.where(a.c.label == where.label)
    if where.min_score is not None:
        stmt = stmt.where(a.c.score >= where.min_score)
    for row in _pages(store, _message_filters(stmt, where), a.c.id, batch):
        data = row.data if isinstance(row.data, dict) else {}
        evidence = data.get("evidence") or data.get("stance_evidence")
        quotes = [e.get("text") for e in evidence or [] if isinstance(e, dict)]
        yield {
            "id": row.id,
            "message_pk": row.message_pk,
            "channel": row.key,
            "message_id": row.message_id,
            "date": iso(row.date),
            "language": row.language,
            "kind": row.kind,
            "label": row.label,
            "score": row.score,
            "component": row.component,
            "component_version": row.component_version,
            "start": row.start,
            "end": row.end,
            "value": data.get("value"),
            "evidence": [q for q in quotes if isinstance(q, str)],
            "data": data,
        }


def entity_rows(graph: KnowledgeGraph) -> Iterator[dict[str, Any]]:
    """The graph's entities, most mentioned first (as the graph lists them)."""
    for e in graph.entities:
        yield {
            "id": e.id,
            "key": e.key,
            "type": e.type,
            "name": e.name,
            "gazetteer_id": e.gazetteer_id,
            "aliases": list(e.aliases),
            "attributes": dict(e.attributes),
            "mention_count": e.mention_count,
            "first_seen": iso(e.first_seen),
            "last_seen": iso(e.last_seen),
            "message_pks": list(e.message_pks),
        }


def _headline(figures: Any) -> int | None:
    """The first (headline) figure's value, as extraction orders them."""
    for fig in figures or []:
        if isinstance(fig, Mapping) and isinstance(fig.get("value"), int):
            return int(fig["value"])
    return None


def event_rows(graph: KnowledgeGraph) -> Iterator[dict[str, Any]]:
    """The graph's attack events with their source message and every figure."""
    res = Resolver.of(graph)
    for ev in graph.events:
        data = ev.data
        item = res.items.get(ev.message_pk)
        yield {
            "id": ev.id,
            "message_pk": ev.message_pk,
            "channel": item.channel_key if item else None,
            "message_id": item.message_id if item else None,
            "type": ev.type,
            "date": ev.date,
            "date_text": ev.date_text,
            "place": list(ev.place),
            "country": ev.country,
            "target": data.get("target"),
            "killed": _headline(data.get("killed")),
            "injured": _headline(data.get("injured")),
            "killed_figures": data.get("killed") or [],
            "injured_figures": data.get("injured") or [],
            "perpetrators": data.get("perpetrators") or [],
            "claimed_by": data.get("claimed_by") or [],
            "claim_outlet": data.get("claim_outlet") or [],
            "evidence": [
                s.get("text") for s in data.get("evidence") or [] if isinstance(s, Mapping)
            ],
            "confidence": data.get("confidence"),
        }


def guard_cell(text: str) -> str:
    """``text`` made safe to open in a spreadsheet (see the module doc)."""
    for char in text:
        if char in _INVISIBLE:
            continue
        return "'" + text if char in _TRIGGERS else text
    return text


def _cell(value: Any, guard: bool) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    if isinstance(value, list | dict | tuple):
        value = orjson.dumps(value, default=str).decode()
    text = str(value).replace("\x00", "")
    return guard_cell(text) if guard else text


def write_csv(
    rows: Iterable[Mapping[str, Any]],
    columns: tuple[str, ...],
    out: IO[str],
    *,
    formula_guard: bool = True,
    bom: bool = False,
) -> int:
    """Write ``rows`` as CSV with a header of ``columns`` to a text stream (open it with
    ``newline=""``); return the number of rows."""
    if bom:
        out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow([_cell(row.get(name), formula_guard) for name in columns])
        count += 1
    return count


def write_ndjson(rows: Iterable[Mapping[str, Any]], out: IO[bytes]) -> int:
    """Write one JSON object per line to a binary stream; return the number of rows."""
    count = 0
    for row in rows:
        line = orjson.dumps(dict(row), default=str)
        for raw, escaped in _NDJSON_ESCAPES:
            line = line.replace(raw, escaped)
        out.write(line + b"\n")
        count += 1
    return count
