"""What the web pages show, read from the store: dashboard volumes, the labelling queue, one
item with everything found in it, entity timelines, events grouped across sources, alerts and
the admin listing.

Everything here returns plain data (dataclasses, strings, numbers); the templates render it
with autoescaping. Message text is cut into :class:`Segment` pieces (evidence or not, bidi
control or not) so that no markup ever comes from the data.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, distinct, exists, func, or_, select, union

from propwatch.graph.model import GraphEvent
from propwatch.normalize import match_key
from propwatch.report.common import as_date
from propwatch.store import Store, schema
from propwatch.store.counts import count_messages
from propwatch.store.graph_queries import LABEL_THRESHOLD, MessageRef

__all__ = [
    "ALERT_STATUSES",
    "MAX_EVENTS",
    "MAX_TEXT",
    "Dashboard",
    "EventGroup",
    "EventRow",
    "ItemDetail",
    "QueueItem",
    "Segment",
    "Series",
    "dashboard",
    "entity_timeline",
    "entity_types",
    "filter_options",
    "group_events",
    "item_detail",
    "label_queue",
    "list_alerts",
    "new_alert_count",
    "segments",
    "shown",
    "snippet_segments",
]

#: Characters of a message shown on its page (the rest is counted, not rendered).
MAX_TEXT = 100_000
#: Evidence spans highlighted per item (hostile input: bounded work).
MAX_SPANS = 2_000
#: Longest window (days) the dashboard shows when it falls back to the data's own range.
MAX_DAYS = 731
#: Series drawn per dashboard chart before the rest becomes "other".
TOP_SERIES = 8
#: Channels offered in the search form's channel filter.
MAX_CHANNEL_OPTIONS = 2_000
#: Events read for the events timeline (newest first).
MAX_EVENTS = 500

#: Bidi embeddings, overrides and isolates: shown as visible markers, never applied.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_BIDI_NAMES = {
    "\u202a": "LRE", "\u202b": "RLE", "\u202c": "PDF", "\u202d": "LRO", "\u202e": "RLO",
    "\u2066": "LRI", "\u2067": "RLI", "\u2068": "FSI", "\u2069": "PDI",
}  # fmt: skip
#: Longest token shown in a search snippet.
_SNIPPET_TOKEN = 200
#: Tokens of a message looked at to find the first hit.
_SNIPPET_SCAN = 5_000


# -- text segments ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of message text: plain, evidence (with the labels whose evidence covers it),
    or one bidi control character (``control`` holds its short name, ``text`` its code)."""

    text: str
    evidence: bool = False
    labels: tuple[str, ...] = ()
    control: str = ""

    @property
    def title(self) -> str:
        """A tooltip: the labels of evidence, the Unicode name of a control character."""
        if self.control:
            return self.text
        return ", ".join(self.labels)


def _inert(piece: str, evidence: bool, labels: tuple[str, ...]) -> Iterable[Segment]:
    """Split out bidi controls so that they are displayed, not obeyed."""
    last = 0
    for found in _BIDI_CONTROLS.finditer(piece):
        if found.start() > last:
            yield Segment(piece[last : found.start()], evidence, labels)
        ch = found.group()
        code = f"U+{ord(ch):04X} {unicodedata.name(ch, '')}".strip()
        yield Segment(code, evidence, labels, control=_BIDI_NAMES.get(ch, "CTL"))
        last = found.end()
    if last < len(piece):
        yield Segment(piece[last:], evidence, labels)


def shown(text: str) -> str:
    """``text`` with each bidi control written as ``[RLO]``: for places that cannot isolate
    text (``<option>``, SVG ``<title>``, attributes)."""
    return _BIDI_CONTROLS.sub(lambda m: f"[{_BIDI_NAMES.get(m.group(), 'CTL')}]", text)


def segments(text: str, spans: Iterable[tuple[int, int, str]]) -> list[Segment]:
    """``text`` cut at the evidence spans ``(start, end, label)`` (offsets into ``text``).

    Overlapping spans merge (a piece lists every label covering it); spans outside the text
    or empty are dropped; at most :data:`MAX_SPANS` spans count.
    """
    size = len(text)
    points: dict[int, list[tuple[int, str]]] = {}
    for n, (start, end, label) in enumerate(spans):
        if n >= MAX_SPANS:
            break
        start, end = max(0, int(start)), min(size, int(end))
        if start >= end:
            continue
        points.setdefault(start, []).append((1, label))
        points.setdefault(end, []).append((-1, label))
    active: dict[str, int] = {}
    out: list[Segment] = []
    cursor = 0
    for point in sorted(points):
        if point > cursor:
            labels = tuple(sorted(k for k, v in active.items() if v > 0))
            out.extend(_inert(text[cursor:point], bool(labels), labels))
            cursor = point
        for delta, label in points[point]:
            active[label] = active.get(label, 0) + delta
    if cursor < size:
        out.extend(_inert(text[cursor:], False, ()))
    return out


def _short(token: str) -> str:
    return token if len(token) <= _SNIPPET_TOKEN else token[:_SNIPPET_TOKEN] + "…"


def snippet_segments(text: str, words: Sequence[str], width: int = 12) -> list[Segment]:
    """A window of ``text`` around its first word matching a query word (match keys, as
    ``parse_query(...).positive_words`` gives them), matching words as evidence.

    Without words (or without a match), the start of the text. Long tokens are shortened.
    """
    parts = text.split(maxsplit=_SNIPPET_SCAN)
    more = len(parts) > _SNIPPET_SCAN
    tokens = parts[:_SNIPPET_SCAN]
    if not tokens:
        return []

    def hit(token: str) -> bool:
        key = str(match_key(token[:_SNIPPET_TOKEN]))
        return any(part.startswith(w) for w in words for part in key.split())

    first = next((i for i, tok in enumerate(tokens) if hit(tok)), None) if words else None
    if first is None:
        start, end = 0, min(len(tokens), 2 * width)
    else:
        start, end = max(0, first - width), min(len(tokens), first + width + 1)
    out: list[Segment] = []
    if start:
        out.append(Segment("… "))
    for i in range(start, end):
        token = _short(tokens[i])
        marked = bool(words) and hit(tokens[i])
        out.extend(_inert(token, marked, ()))
        if i < end - 1:
            out.append(Segment(" "))
    if end < len(tokens) or more:
        out.append(Segment(" …"))
    return out


# -- dates ------------------------------------------------------------------------------------


def _day_expr(store: Store, column: Any) -> ColumnElement[str]:
    if store.dialect == "sqlite":
        return func.strftime("%Y-%m-%d", column)
    return func.to_char(column, "YYYY-MM-DD")


def _month_expr(store: Store, column: Any) -> ColumnElement[str]:
    if store.dialect == "sqlite":
        return func.strftime("%Y-%m", column)
    return func.to_char(column, "YYYY-MM")


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


# -- dashboard --------------------------------------------------------------------------------


@dataclass(slots=True)
class Series:
    """Daily counts of one label, language or channel (``key`` for links)."""

    name: str
    key: str
    counts: list[int]

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(slots=True)
class Dashboard:
    start: date
    end: date  # inclusive
    days: list[date]
    labels: list[Series]
    languages: list[Series]
    channels: list[Series]
    totals: dict[str, int]
    #: The first and last message dates in the store.
    data_first: date | None = None
    data_last: date | None = None
    #: True when the window was moved to the data's own range (the data is older).
    shifted: bool = False


def _window(store: Store, days: int, today: date) -> tuple[date, date, bool, Any, Any]:
    m = schema.messages
    with store.engine.connect() as conn:
        first, last = conn.execute(select(func.min(m.c.date), func.max(m.c.date))).one()
    first_day, last_day = as_date(first), as_date(last)
    end = today
    start = end - timedelta(days=max(1, days) - 1)
    shifted = False
    if last_day is not None and first_day is not None and last_day < start:
        end = last_day
        start = max(first_day, end - timedelta(days=MAX_DAYS - 1))
        shifted = True
    return start, end, shifted, first_day, last_day


def _daily(conn: Connection, stmt: Any, index: dict[date, int]) -> dict[str, list[int]]:
    """Rows (day, key, count) into key -> counts aligned with ``index``."""
    out: dict[str, list[int]] = {}
    for day, key, n in conn.execute(stmt):
        when = as_date(day)
        if when is None or when not in index:
            continue
        counts = out.setdefault(str(key), [0] * len(index))
        counts[index[when]] += int(n)
    return out


def _top(counts: dict[str, list[int]], names: dict[str, str], top: int, size: int) -> list[Series]:
    ranked = sorted(counts.items(), key=lambda kv: (-sum(kv[1]), kv[0]))
    out = [Series(names.get(k, k), k, v) for k, v in ranked[:top]]
    rest = ranked[top:]
    if rest:
        other = [sum(v[i] for _, v in rest) for i in range(size)]
        out.append(Series(f"other ({len(rest)})", "", other))
    return out


def dashboard(store: Store, days: int = 90, today: date | None = None) -> Dashboard:
    """Daily volumes of the last ``days`` days (ending ``today``, UTC), or of the data's own
    range (at most :data:`MAX_DAYS` days, ending with the newest message) when every message
    is older than that: per label (items with a detection scoring >= 0.5), per language and
    per channel (the top 8, the rest as "other"), with totals."""
    today = today or datetime.now(UTC).date()
    start, end, shifted, first, last = _window(store, days, today)
    span = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    index = {d: i for i, d in enumerate(span)}
    lo, hi = _midnight(start), _midnight(end + timedelta(days=1))
    m, a, c = schema.messages, schema.annotations, schema.channels
    day = _day_expr(store, m.c.date)
    in_window = (m.c.date >= lo, m.c.date < hi)
    with store.engine.connect() as conn:
        by_label = _daily(
            conn,
            select(day, a.c.label, func.count(distinct(a.c.message_pk)))
            .select_from(a.join(m, m.c.id == a.c.message_pk))
            .where(a.c.kind == "detection", a.c.score >= LABEL_THRESHOLD, *in_window)
            .group_by(day, a.c.label),
            index,
        )
        by_language = _daily(
            conn,
            select(day, m.c.language, func.count()).where(*in_window).group_by(day, m.c.language),
            index,
        )
        by_channel = _daily(
            conn,
            select(day, m.c.channel_id, func.count())
            .where(*in_window)
            .group_by(day, m.c.channel_id),
            index,
        )
        channel_names = {
            str(pk): str(name or key)
            for pk, key, name in conn.execute(select(c.c.id, c.c.key, c.c.name))
        }
        totals = _totals(conn, in_window)
    return Dashboard(
        start=start,
        end=end,
        days=span,
        labels=_top(by_label, {}, TOP_SERIES, len(span)),
        languages=_top(by_language, {}, TOP_SERIES, len(span)),
        channels=_top(by_channel, channel_names, TOP_SERIES, len(span)),
        totals=totals,
        data_first=first,
        data_last=last,
        shifted=shifted,
    )


def _count(conn: Connection, stmt: Any) -> int:
    return int(conn.execute(stmt).scalar_one() or 0)


def _totals(conn: Connection, in_window: tuple[Any, ...]) -> dict[str, int]:
    m, a = schema.messages, schema.annotations
    joined = a.join(m, m.c.id == a.c.message_pk)
    return {
        "messages": _count(conn, select(func.count()).select_from(m).where(*in_window))
        if in_window
        else count_messages(conn),
        "propaganda": _count(
            conn,
            select(func.count())
            .select_from(joined)
            .where(a.c.kind == "stance", a.c.label == "endorse", *in_window),
        ),
        "detected": _count(
            conn,
            select(func.count(distinct(a.c.message_pk)))
            .select_from(joined)
            .where(a.c.kind == "detection", a.c.score >= LABEL_THRESHOLD, *in_window),
        ),
        "channels": _count(conn, select(func.count(distinct(m.c.channel_id))).where(*in_window)),
        "all_messages": count_messages(conn),
        "entities": _count(
            conn,
            select(func.count())
            .select_from(schema.entities)
            .where(schema.entities.c.mention_count > 0),
        ),
        "events": _count(conn, select(func.count()).select_from(schema.events)),
        "new_alerts": _count(
            conn,
            select(func.count()).select_from(schema.alerts).where(schema.alerts.c.status == "new"),
        ),
    }


def new_alert_count(store: Store) -> int:
    """Alerts still marked ``new`` (the inbox badge)."""
    al = schema.alerts
    with store.engine.connect() as conn:
        return _count(conn, select(func.count()).select_from(al).where(al.c.status == "new"))


def filter_options(store: Store) -> dict[str, list[tuple[str, str]]]:
    """(value, shown name) choices for the search filters: languages, channels, labels."""
    m, c, a = schema.messages, schema.channels, schema.annotations
    with store.engine.connect() as conn:
        languages = [
            (str(v), shown(str(v)))
            for v in conn.execute(select(m.c.language).distinct().order_by(m.c.language)).scalars()
        ]
        channels = [
            (str(key), shown(str(name or key)))
            for key, name in conn.execute(
                select(c.c.key, c.c.name).order_by(c.c.name, c.c.key).limit(MAX_CHANNEL_OPTIONS)
            )
        ]
        labels = [
            (str(v), shown(str(v)))
            for v in conn.execute(
                select(a.c.label).distinct().where(a.c.kind == "detection").order_by(a.c.label)
            ).scalars()
        ]
    return {"languages": languages, "channels": channels, "labels": labels}


# -- the labelling queue ----------------------------------------------------------------------


@dataclass(slots=True)
class QueueItem:
    pk: int
    channel: str
    channel_name: str | None
    message_id: str
    date: datetime | None
    language: str
    text: list[Segment]
    #: Labels detected (score >= threshold): (label, best score, components).
    detections: list[tuple[str, float, str]]
    #: This user's earlier decisions: label -> confirm | reject.
    decided: dict[str, str] = field(default_factory=dict)


def _evidence_spans(data: Any, label: str) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    evidence = data.get("evidence") if isinstance(data, dict) else None
    if not isinstance(evidence, list):
        return out
    for span in evidence[:100]:
        if not isinstance(span, dict):
            continue
        start, end = span.get("start"), span.get("end")
        if isinstance(start, int) and isinstance(end, int):
            out.append((start, end, label))
    return out


def label_queue(
    store: Store,
    user_name: str,
    *,
    threshold: float = LABEL_THRESHOLD,
    limit: int = 20,
    offset: int = 0,
) -> tuple[int, list[QueueItem]]:
    """Items that ``user_name`` has not yet confirmed or rejected on every label detected in
    them (detections scoring >= ``threshold``) or, when judged propaganda (stance
    ``endorse``), on ``propaganda``; newest first: (how many, this page). The same queue as
    ``GET /api/labels/queue``."""
    m, c, a, lab = schema.messages, schema.channels, schema.annotations, schema.item_labels

    def undecided(label: Any) -> ColumnElement[bool]:
        return ~exists().where(
            lab.c.message_pk == a.c.message_pk,
            lab.c.label == label,
            lab.c.user_name == user_name,
        )

    pending = union(
        select(a.c.message_pk).where(
            a.c.kind == "detection", a.c.score >= threshold, undecided(a.c.label)
        ),
        select(a.c.message_pk).where(
            a.c.kind == "stance", a.c.label == "endorse", undecided("propaganda")
        ),
    ).subquery()
    with store.engine.connect() as conn:
        total = _count(conn, select(func.count()).select_from(pending))
        rows = conn.execute(
            select(
                m.c.id,
                m.c.message_id,
                m.c.date,
                m.c.language,
                m.c.text,
                c.c.key,
                c.c.name,
            )
            .select_from(
                pending.join(m, m.c.id == pending.c.message_pk).join(c, c.c.id == m.c.channel_id)
            )
            .order_by(m.c.date.desc().nulls_last(), m.c.id.desc())
            .limit(max(0, limit))
            .offset(max(0, offset))
        ).all()
        pks = [int(r.id) for r in rows]
        found: dict[int, dict[str, tuple[float, set[str]]]] = {}
        spans: dict[int, list[tuple[int, int, str]]] = {}
        endorsed = set(
            conn.execute(
                select(a.c.message_pk).where(
                    a.c.message_pk.in_(pks), a.c.kind == "stance", a.c.label == "endorse"
                )
            ).scalars()
        )
        for row in conn.execute(
            select(a.c.kind, a.c.message_pk, a.c.label, a.c.score, a.c.component, a.c.data).where(
                a.c.message_pk.in_(pks),
                or_(
                    and_(a.c.kind == "detection", a.c.score >= threshold),
                    a.c.kind == "judgement",
                ),
            )
        ):
            pk = int(row.message_pk)
            if row.kind == "judgement":
                if pk in endorsed:
                    found.setdefault(pk, {})["propaganda"] = (float(row.score), {row.component})
                continue
            best, components = found.setdefault(pk, {}).get(row.label, (0.0, set()))
            components.add(str(row.component))
            found[pk][row.label] = (max(best, float(row.score)), components)
            spans.setdefault(pk, []).extend(_evidence_spans(row.data, row.label))
        decided: dict[int, dict[str, str]] = {}
        for pk, label, decision in conn.execute(
            select(lab.c.message_pk, lab.c.label, lab.c.decision).where(
                lab.c.message_pk.in_(pks), lab.c.user_name == user_name
            )
        ):
            decided.setdefault(int(pk), {})[str(label)] = str(decision)
    items = []
    for r in rows:
        pk = int(r.id)
        text = r.text[:MAX_TEXT]
        labels = sorted(found.get(pk, {}).items(), key=lambda kv: -kv[1][0])
        items.append(
            QueueItem(
                pk=pk,
                channel=r.key,
                channel_name=r.name,
                message_id=r.message_id,
                date=r.date,
                language=r.language,
                text=segments(text, spans.get(pk, [])),
                detections=[(k, s, ", ".join(sorted(comp))) for k, (s, comp) in labels],
                decided=decided.get(pk, {}),
            )
        )
    return total, items


# -- one item ---------------------------------------------------------------------------------


#: Media fields shown before the analyst reveals the media (never a path or file name).
SAFE_MEDIA_FIELDS = ("type", "mime_type", "width", "height", "duration_seconds", "file_size")


#: Message columns an item page shows (never ``media``: its path waits for a reveal).
_MESSAGE_FIELDS = (
    "id", "message_id", "kind", "date", "edited", "author", "author_id", "title", "language",
    "language_confidence", "script", "forwarded_from", "forwarded_from_id",
    "reply_to_message_id", "links", "mentions", "hashtags", "source", "source_format",
    "position", "raw_sha256", "content_sha256", "version", "ingested_at", "channel",
    "channel_name",
)  # fmt: skip


@dataclass(slots=True)
class ItemDetail:
    pk: int
    message: dict[str, Any]  # _MESSAGE_FIELDS of the message row
    text: list[Segment]
    truncated: int  # characters not shown (0: all of it)
    judgement: dict[str, Any] | None  # {"score", "label", "stance", "component"}
    detections: list[dict[str, Any]]  # label, score, component, version, evidence, strong
    signals: list[dict[str, Any]]
    entities: list[dict[str, Any]]  # type, name, text, entity_id, method, confidence
    events: list[GraphEvent]
    relations: list[dict[str, Any]]
    versions: list[dict[str, Any]]
    labels: list[dict[str, Any]]  # every decision on this item: label, decision, user, at
    media: dict[str, Any] | None  # SAFE_MEDIA_FIELDS only
    #: Labels an analyst can confirm or reject (detected >= threshold, plus "propaganda").
    labelable: list[str] = field(default_factory=list)


def _safe_media(media: Any) -> dict[str, Any] | None:
    if not isinstance(media, dict) or not media:
        return None
    shown = {k: media[k] for k in SAFE_MEDIA_FIELDS if isinstance(media.get(k), str | int | float)}
    shown.setdefault("type", "media")
    return shown


def _annotations(conn: Connection, pk: int) -> list[Any]:
    a = schema.annotations
    return list(
        conn.execute(
            select(a)
            .where(a.c.message_pk == pk)
            .order_by(a.c.kind, a.c.score.desc(), a.c.start.nulls_last(), a.c.id)
            .limit(5_000)
        ).all()
    )


def _entities(conn: Connection, notes: Sequence[Any]) -> list[dict[str, Any]]:
    e = schema.entities
    out = []
    for note in notes:
        data = note.data if isinstance(note.data, dict) else {}
        out.append(
            {
                "type": note.label,
                "name": str(data.get("name") or data.get("text") or ""),
                "text": str(data.get("text") or ""),
                "key": data.get("key"),
                "method": data.get("method"),
                "confidence": float(note.score),
                "entity_id": None,
            }
        )
    keys = sorted({str(x["key"]) for x in out if x["key"]})
    ids: dict[str, int] = {}
    for i in range(0, len(keys), 500):
        for pk, key in conn.execute(select(e.c.id, e.c.key).where(e.c.key.in_(keys[i : i + 500]))):
            ids[str(key)] = int(pk)
    for x in out:
        x["entity_id"] = ids.get(str(x["key"])) if x["key"] else None
    return out


def item_detail(store: Store, pk: int) -> ItemDetail | None:
    """Everything about one message: text with its evidence, detections, entities, events,
    relations, provenance and versions, decisions; None if there is no such message."""
    if not 0 < pk < 2**63:
        return None
    m, c, v = schema.messages, schema.channels, schema.message_versions
    ev, r, lab = schema.events, schema.relations, schema.item_labels
    with store.engine.connect() as conn:
        row = conn.execute(
            select(m, c.c.key.label("channel"), c.c.name.label("channel_name"))
            .select_from(m.join(c, c.c.id == m.c.channel_id))
            .where(m.c.id == pk)
        ).first()
        if row is None:
            return None
        notes = _annotations(conn, pk)
        by_kind: dict[str, list[Any]] = {}
        for note in notes:
            by_kind.setdefault(str(note.kind), []).append(note)
        entities = _entities(conn, by_kind.get("entity", []))
        events = [
            GraphEvent(
                id=int(e.id),
                message_pk=int(e.message_pk),
                type=e.type,
                date=e.date,
                date_text=e.date_text,
                place=[p for p in (e.place or []) if isinstance(p, str)],
                country=e.country,
                data=e.data if isinstance(e.data, dict) else {},
            )
            for e in conn.execute(select(ev).where(ev.c.message_pk == pk).order_by(ev.c.id))
        ]
        relations = [
            {
                "type": x.type,
                "source": x.source_name,
                "target": x.target_name,
                "source_id": x.source_entity_id,
                "target_id": x.target_entity_id,
                "basis": x.basis,
            }
            for x in conn.execute(select(r).where(r.c.message_pk == pk).order_by(r.c.id).limit(500))
        ]
        versions = [
            {
                "edited": x.edited,
                "ingested_at": x.ingested_at,
                "source": x.source,
                "position": x.position,
                "raw_sha256": x.raw_sha256,
                "content_sha256": x.content_sha256,
                "text": segments(str(x.text)[:MAX_TEXT], ()),
            }
            for x in conn.execute(
                select(v).where(v.c.message_pk == pk).order_by(v.c.ingested_at, v.c.id).limit(100)
            )
        ]
        labels = [
            {
                "label": x.label,
                "decision": x.decision,
                "user": x.user_name,
                "at": x.at,
                "note": x.note,
            }
            for x in conn.execute(select(lab).where(lab.c.message_pk == pk).order_by(lab.c.at))
        ]
    text = str(row.text)
    shown = text[:MAX_TEXT]
    detections = []
    spans: list[tuple[int, int, str]] = []
    for note in by_kind.get("detection", []):
        strong = float(note.score) >= LABEL_THRESHOLD
        evidence = [
            shown[s:e] for s, e, _ in _evidence_spans(note.data, note.label)[:10] if 0 <= s < e
        ]
        if strong:
            spans.extend(_evidence_spans(note.data, note.label))
        detections.append(
            {
                "label": note.label,
                "score": float(note.score),
                "component": note.component,
                "version": note.component_version,
                "evidence": [x for x in evidence if x],
                "strong": strong,
            }
        )
    judgement = None
    for note in by_kind.get("judgement", []):
        data = note.data if isinstance(note.data, dict) else {}
        judgement = {
            "score": float(note.score),
            "label": bool(data.get("label")),
            "stance": data.get("stance"),
            "component": note.component,
        }
        break
    signals = [
        {"type": s.label, "value": str((s.data or {}).get("value") or "")}
        for s in by_kind.get("signal", [])
    ]
    labelable = list(dict.fromkeys(d["label"] for d in detections if d["strong"]))
    if judgement is not None:
        labelable.append("propaganda")
    message = {k: getattr(row, k) for k in _MESSAGE_FIELDS}
    return ItemDetail(
        pk=pk,
        message=message,
        text=segments(shown, spans),
        truncated=max(0, len(text) - len(shown)),
        judgement=judgement,
        detections=detections,
        signals=signals,
        entities=entities,
        events=events,
        relations=relations,
        versions=versions,
        labels=labels,
        media=_safe_media(row.media),
        labelable=labelable,
    )


# -- entities ---------------------------------------------------------------------------------


def entity_types(store: Store) -> list[str]:
    """The entity types in the store (for the type filter)."""
    e = schema.entities
    with store.engine.connect() as conn:
        return [str(t) for t in conn.execute(select(e.c.type).distinct().order_by(e.c.type))
                .scalars()]  # fmt: skip


def entity_timeline(store: Store, entity_id: int) -> list[tuple[str, int]]:
    """Mentions of an entity per month (``YYYY-MM``, count), oldest first, gaps filled."""
    em, m = schema.entity_mentions, schema.messages
    month = _month_expr(store, m.c.date)
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(month, func.count())
            .select_from(em.join(m, m.c.id == em.c.message_pk))
            .where(em.c.entity_id == entity_id, m.c.date.is_not(None))
            .group_by(month)
            .order_by(month)
        ).all()
    counts = {str(k): int(n) for k, n in rows if k}
    if not counts:
        return []
    first, last = min(counts), max(counts)
    out: list[tuple[str, int]] = []
    year, mon = int(first[:4]), int(first[5:7])
    while len(out) < 600:
        key = f"{year:04d}-{mon:02d}"
        out.append((key, counts.get(key, 0)))
        if key >= last:
            break
        year, mon = (year + 1, 1) if mon == 12 else (year, mon + 1)
    return out


# -- events -----------------------------------------------------------------------------------


_QUALIFIERS = {
    "at_least": "at least", "at_most": "at most", "about": "about", "over": "over",
    "up_to": "up to", "exact": "exactly", "more_than": "more than", "nearly": "nearly",
}  # fmt: skip


@dataclass(slots=True)
class EventRow:
    """One source's account of an event: its figures side by side with the others'."""

    event: GraphEvent
    ref: MessageRef | None
    killed: str
    injured: str
    qualifier: str
    attribution: str
    claimed_by: list[str]


@dataclass(slots=True)
class EventGroup:
    """Reports of one event by different items: places in common, compatible dates."""

    type: str  # the reports' event types, comma-separated ("attack, shooting")
    date: str | None  # the most precise date a report gives (None: no report dates it)
    place: list[str]
    country: str | None
    rows: list[EventRow]
    #: The sources give different numbers of killed or injured.
    conflict: bool
    first_reported: datetime | None


def _figures(values: Any) -> list[dict[str, Any]]:
    if not isinstance(values, list):
        return []
    return [v for v in values[:20] if isinstance(v, dict) and isinstance(v.get("value"), int)]


def _figure_text(values: list[dict[str, Any]]) -> str:
    return " / ".join(str(v["value"]) for v in values)


def _row(event: GraphEvent, ref: MessageRef | None) -> EventRow:
    killed, injured = _figures(event.data.get("killed")), _figures(event.data.get("injured"))
    qualifiers: dict[str, None] = {}
    attributions: dict[str, None] = {}
    for figure in killed + injured:
        q = figure.get("qualifier")
        if isinstance(q, str) and q:
            qualifiers.setdefault(_QUALIFIERS.get(q, q.replace("_", " ")), None)
        who = figure.get("attribution")
        if isinstance(who, str) and who:
            attributions.setdefault(who, None)
    claimed = event.data.get("claimed_by")
    return EventRow(
        event=event,
        ref=ref,
        killed=_figure_text(killed),
        injured=_figure_text(injured),
        qualifier=", ".join(qualifiers),
        attribution=", ".join(attributions),
        claimed_by=[x for x in claimed[:10] if isinstance(x, str)]
        if isinstance(claimed, list)
        else [],
    )


def _max_figure(values: Any) -> int | None:
    found = [v["value"] for v in _figures(values)]
    return max(found) if found else None


#: A report without a date joins a dated event it follows within this many days.
REPORT_WINDOW = timedelta(days=14)
#: Reports without dates of the same place this close together are one event.
UNDATED_WINDOW = timedelta(days=3)


@dataclass(slots=True)
class _Report:
    row: EventRow
    places: frozenset[str]  # match keys of the places (the country's when none is finer)
    specific: bool  # places finer than a country
    prefix: str | None  # the event's (possibly partial) date
    day: date | None  # ... when it is a full date
    reported: datetime | None


def _report(event: GraphEvent, ref: MessageRef | None) -> _Report:
    country = str(match_key(event.country)) if event.country else ""
    keys = {str(match_key(p)) for p in event.place[:20] if p} - {country, ""}
    prefix = event.date if event.date and re.fullmatch(r"\d{4}(-\d{2}){0,2}", event.date) else None
    if event.data.get("date_resolution") == "reported":
        # the day a source spoke ("officials said on Saturday") is when it was reported, not
        # the attack's date: grouped as an undated report
        prefix = None
    return _Report(
        row=_row(event, ref),
        places=frozenset(keys) if keys else frozenset({"country:" + country} if country else ()),
        specific=bool(keys),
        prefix=prefix,
        day=as_date(prefix) if prefix and len(prefix) == 10 else None,
        reported=ref.date if ref else None,
    )


def _dates_agree(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def _same_time(a: _Report, b: _Report) -> bool:
    if a.prefix and b.prefix:
        return _dates_agree(a.prefix, b.prefix)
    if a.prefix or b.prefix:
        dated, other = (a, b) if a.prefix else (b, a)
        if other.reported is None or dated.prefix is None:
            return False
        if dated.day is None:
            return other.reported.date().isoformat().startswith(dated.prefix)
        after = other.reported.date() - dated.day
        return timedelta(days=-1) <= after <= REPORT_WINDOW
    if a.reported is None or b.reported is None:
        return False
    return abs(a.reported - b.reported) <= UNDATED_WINDOW


def _same_event(a: _Report, b: _Report) -> bool:
    if not a.places & b.places:
        return False
    if not (a.specific and b.specific):  # only the country in common: the same date, given
        return a.prefix is not None and a.prefix == b.prefix
    return _same_time(a, b)


def _frequent(values: Iterable[str], limit: int) -> list[str]:
    counts: dict[str, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return sorted(counts, key=lambda v: -counts[v])[:limit]


def group_events(events: Sequence[GraphEvent], refs: dict[int, MessageRef]) -> list[EventGroup]:
    """Reports grouped into events, newest first (by the event's date, else its first
    report). Two reports are one event when they share a place finer than a country and
    their dates agree (the same day or month; a report without a date up to 14 days after
    the dated one; two without dates within 3 days), or share the country and the very same
    date. Reports with dates that disagree never end up together. A group is a conflict when
    its sources give different highest figures of killed or of injured."""
    reports = [_report(e, refs.get(e.message_pk)) for e in events]
    parent = list(range(len(reports)))
    dates: list[set[str]] = [{r.prefix} if r.prefix else set() for r in reports]

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(reports):
        for j in range(i + 1, len(reports)):
            ra, rb = root(i), root(j)
            if ra == rb or not _same_event(a, reports[j]):
                continue
            if all(_dates_agree(x, y) for x in dates[ra] for y in dates[rb]):
                parent[rb] = ra
                dates[ra] |= dates[rb]
    members: dict[int, list[_Report]] = {}
    for i, r in enumerate(reports):
        members.setdefault(root(i), []).append(r)
    groups = [_group(rs, dates[k]) for k, rs in members.items()]

    def when(group: EventGroup) -> str:
        if group.date:
            return group.date
        return group.first_reported.isoformat() if group.first_reported else ""

    return sorted(groups, key=when, reverse=True)


def _group(reports: list[_Report], dates: set[str]) -> EventGroup:
    reports.sort(key=lambda r: r.reported or datetime.max)
    rows = [r.row for r in reports]
    killed = {_max_figure(r.event.data.get("killed")) for r in rows} - {None}
    injured = {_max_figure(r.event.data.get("injured")) for r in rows} - {None}
    reported = [r.reported for r in reports if r.reported is not None]
    return EventGroup(
        type=", ".join(_frequent((r.event.type for r in rows), 5)),
        date=max(dates, key=len) if dates else None,
        place=_frequent((p for r in rows for p in r.event.place[:20]), 5),
        country=next(iter(_frequent((r.event.country for r in rows if r.event.country), 1)), None),
        rows=rows,
        conflict=len(killed) > 1 or len(injured) > 1,
        first_reported=min(reported) if reported else None,
    )


# -- alerts and admin -------------------------------------------------------------------------


ALERT_STATUSES = ("new", "seen", "closed")


def list_alerts(
    store: Store, status: str | None = None, limit: int = 50, offset: int = 0
) -> tuple[int, list[dict[str, Any]]]:
    """Fired alerts, newest first (``status``: new, seen, closed, or None for all)."""
    al = schema.alerts
    where = [al.c.status == status] if status in ALERT_STATUSES else []
    with store.engine.connect() as conn:
        total = _count(conn, select(func.count()).select_from(al).where(*where))
        rows = conn.execute(
            select(al)
            .where(*where)
            .order_by(al.c.at.desc(), al.c.id.desc())
            .limit(max(0, limit))
            .offset(max(0, offset))
        ).all()
    return total, [
        {
            "id": int(x.id),
            "rule": x.rule,
            "at": x.at,
            "severity": x.severity,
            "title": x.title,
            "message_pk": None if x.message_pk is None else int(x.message_pk),
            "status": x.status,
            "detail": x.detail if isinstance(x.detail, dict) else {},
        }
        for x in rows
    ]
