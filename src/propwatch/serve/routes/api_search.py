"""Search and items: ``GET /api/search``, ``GET /api/items``, ``GET /api/items/{id}``,
``POST /api/items/{id}/reveal``.

``/api/search`` answers what ``propwatch search --json`` prints (``{"total", "sort",
"hits"}``, the same hit objects, from the same ``Store.search``) plus ``limit`` and
``offset``. ``/api/items`` browses with the same filters and no words, newest first. One item
(``/api/items/{id}``) comes with its provenance, detections and their evidence spans, the
judgement and stance, signals, entity mentions with offsets, events, relations and analyst
labels. Media are described but blurred: the file reference is only given by
``POST /api/items/{id}/reveal`` (analyst; audited as ``media_reveal``).

This module also holds what the other API route modules share: paging (:class:`Page`,
:func:`page_params`), date parameters (:func:`parse_when`) and audit records
(:func:`record`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

import orjson
from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from pydantic import AfterValidator
from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.exc import OperationalError

from propwatch.errors import UsageError
from propwatch.normalize.pipeline import TOKEN_KEYS
from propwatch.serve.deps import User, get_store, require
from propwatch.store import SearchHit, SearchQuery, Store, schema
from propwatch.store.counts import count_messages
from propwatch.store.search import snippet
from propwatch.store.store import page_of_hits
from propwatch.store.writer import utc_naive

__all__ = [
    "MAX_LIMIT",
    "MAX_QUERY_CHARS",
    "Analyst",
    "Channel",
    "Lang",
    "NoNul",
    "Page",
    "PageDep",
    "Since",
    "StoreDep",
    "Until",
    "Viewer",
    "blurred_media",
    "channel_condition",
    "client_ip",
    "hits_of",
    "item_detail",
    "label_json",
    "page_params",
    "parse_when",
    "record",
    "relation_json",
    "router",
]

router = APIRouter(tags=["search"])

#: Largest page any list route returns.
MAX_LIMIT = 500
#: Offsets beyond this are refused (a database would scan that far for nothing).
MAX_OFFSET = 10_000_000
#: Longest search query accepted.
MAX_QUERY_CHARS = 2000
#: Media fields shown before an analyst reveals the media (nothing that locates the file).
BLURRED_MEDIA_FIELDS = ("type", "mime_type", "width", "height", "duration_seconds", "file_size")
#: Caps for one item's detail (hostile items can carry thousands of annotations).
_MAX_NOTES = 500
_MAX_SPANS = 50


# -- shared by the API route modules ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a list: ``limit`` items from ``offset``."""

    limit: int
    offset: int

    def wrap(self, total: int, key: str, items: list[Any]) -> dict[str, Any]:
        """The paged response ``{"total", "limit", "offset", key: items}``."""
        return {"total": int(total), "limit": self.limit, "offset": self.offset, key: items}


async def page_params(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items skipped.")] = 0,
) -> Page:
    """The ``limit`` (default 50, at most 500) and ``offset`` query parameters."""
    return Page(limit, offset)


def parse_when(value: str | None, name: str = "date") -> datetime | None:
    """``YYYY-MM-DD`` or an ISO 8601 time (UTC unless it has an offset); 400 otherwise."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        if len(text) > 40:
            raise ValueError(text)
        if len(text) == 10:
            day = date.fromisoformat(text)
            return datetime(day.year, day.month, day.day, tzinfo=UTC)
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise HTTPException(
            status_code=400,
            detail=f"{name}: {text[:40]!r} is not a date; use YYYY-MM-DD or "
            "2024-01-03T10:00:00+00:00",
        ) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def client_ip(request: Request) -> str | None:
    """The peer address of the request (a proxy's, behind one)."""
    return request.client.host if request.client else None


def record(
    request: Request,
    store: Store,
    user: User,
    action: str,
    *,
    target: str | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    """Write an audit record of ``action`` by ``user`` (see ``serve.accounts.audit``);
    searches, the most frequent, are deferred to the background audit writer."""
    from propwatch.serve.accounts import audit

    audit(store, action, user=user.name, target=target, detail=detail, ip=client_ip(request),
          defer=action == "search")  # fmt: skip


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() + "Z" if value is not None else None


def channel_condition(wanted: str) -> ColumnElement[bool]:
    c = schema.channels
    return or_(c.c.key == wanted, c.c.name == wanted, c.c.key == f"telegram:{wanted}")


class FastJSON(Response):
    """JSON rendered with orjson, returned as a response so FastAPI skips its generic encoder
    (4 ms of a 15 ms search at a million messages went into ``jsonable_encoder``)."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, option=orjson.OPT_NON_STR_KEYS)


def strip_nul(value: Any) -> Any:
    """A text parameter without NUL characters (PostgreSQL text cannot hold them)."""
    return value.replace("\x00", "") if isinstance(value, str) else value


#: Validator for text query parameters: ``Annotated[str | None, Query(...), NoNul]``.
NoNul = AfterValidator(strip_nul)

StoreDep = Annotated[Store, Depends(get_store)]
PageDep = Annotated[Page, Depends(page_params)]
Viewer = Annotated[User, Depends(require("viewer"))]
Analyst = Annotated[User, Depends(require("analyst"))]

Lang = Annotated[
    str | None, Query(max_length=16, description="Only this language (tg, uz...)."), NoNul
]
Channel = Annotated[
    str | None,
    Query(max_length=512, description="Only this channel (name, key or Telegram id)."),
    NoNul,
]
Since = Annotated[
    str | None, Query(max_length=40, description="From this date (YYYY-MM-DD or ISO, UTC)."), NoNul
]
Until = Annotated[
    str | None, Query(max_length=40, description="Before this date (exclusive)."), NoNul
]
Label = Annotated[
    str | None,
    Query(
        max_length=200,
        description="Only items with a detection of this label (`propaganda`: judged "
        "propaganda).",
    ),
    NoNul,
]
MinScore = Annotated[
    float | None,
    Query(
        ge=0.0,
        le=1.0,
        description="With label: the detection's minimum score; alone: minimum propaganda score.",
    ),
]


# -- search -------------------------------------------------------------------------------------


@router.get("/api/search")
def search(
    request: Request,
    store: StoreDep,
    user: Viewer,
    page: PageDep,
    q: Annotated[str, Query(description="Words (ANDed, any script), \"phrases\", -not, OR.")] = "",
    lang: Lang = None,
    channel: Channel = None,
    since: Since = None,
    until: Until = None,
    label: Label = None,
    min_score: MinScore = None,
    sort: Literal["auto", "relevance", "newest", "oldest"] = "auto",
) -> Any:
    """Search stored items across scripts, as ``propwatch search --json`` does: ``{"total",
    "sort", "hits": [...], "limit", "offset"}``. Audited as ``search``."""
    if len(q) > MAX_QUERY_CHARS:
        raise HTTPException(
            status_code=400,
            detail=f"The query is {len(q)} characters long; the most is {MAX_QUERY_CHARS}.",
        )
    query = SearchQuery(
        text=q.replace("\x00", " "),
        language=lang or None,
        channel=channel or None,
        since=parse_when(since, "since"),
        until=parse_when(until, "until"),
        limit=page.limit,
        offset=page.offset,
        sort=sort,
        label=label or None,
        min_score=min_score,
    )
    try:
        result = store.search(query)
    except UsageError as exc:
        raise HTTPException(status_code=400, detail=f"{exc.message}. {exc.hint}") from None
    except OperationalError as exc:  # a query the full-text engine cannot run
        if "fts5" not in str(exc).lower() and "tsquery" not in str(exc).lower():
            raise
        raise HTTPException(
            status_code=400, detail="The full-text index cannot run this query; simplify it."
        ) from None
    out = result.to_json()
    out.update(limit=page.limit, offset=page.offset)
    filters = {
        "lang": lang, "channel": channel, "since": since, "until": until, "label": label,
        "min_score": min_score, "sort": sort, "offset": page.offset,
    }  # fmt: skip
    record(
        request,
        store,
        user,
        "search",
        target=q[:500],
        detail={
            "query": q[:MAX_QUERY_CHARS],
            "filters": {k: v for k, v in filters.items() if v not in (None, "")},
            "total": result.total,
        },
    )
    return FastJSON(out)


# -- browsing -----------------------------------------------------------------------------------


def _browse_filters(stmt: Select[Any], query: SearchQuery) -> Select[Any]:
    m, a = schema.messages, schema.annotations
    if query.language:
        stmt = stmt.where(m.c.language == query.language)
    if query.channel:  # by channel id: the (channel, date) index applies, no join needed
        c = schema.channels
        stmt = stmt.where(
            m.c.channel_id.in_(select(c.c.id).where(channel_condition(query.channel)))
        )
    if query.since:
        stmt = stmt.where(m.c.date >= utc_naive(query.since))
    if query.until:
        stmt = stmt.where(m.c.date < utc_naive(query.until))
    note = query.annotation_filter
    if note:
        kind, label, minimum = note
        stmt = stmt.where(
            select(a.c.id)
            .where(
                a.c.message_pk == m.c.id,
                a.c.kind == kind,
                a.c.label == label,
                a.c.score >= minimum,
            )
            .exists()
        )
    return stmt


def hits_of(store: Store, rows: list[Any]) -> list[dict[str, Any]]:
    """Search-hit JSON (as ``SearchHit.to_json``) of message rows from ``store.hit_rows``,
    with their judgement and strongest detections; the snippet is the text's start."""
    from propwatch.store.store import annotations_for_hits

    notes = annotations_for_hits(store.engine, [int(r.id) for r in rows])
    out = []
    for r in rows:
        hit = SearchHit(
            message_id=r.message_id, channel=r.channel, channel_name=r.channel_name, date=r.date,
            language=r.language, script=r.script,
            snippet=snippet(r.text, [], TOKEN_KEYS.__getitem__),
            text=r.text, author=r.author, source=r.source, position=r.position,
            raw_sha256=r.raw_sha256, pk=int(r.id), score=None,
        )  # fmt: skip
        for note in notes.get(hit.pk, []):
            if note.kind == "judgement":
                hit.propaganda = float(note.score)
                hit.stance = (note.data or {}).get("stance")
            elif len(hit.detections) < 8:
                hit.detections.append((note.label, float(note.score), note.component))
        out.append(hit.to_json())
    return out


@router.get("/api/items")
def list_items(
    store: StoreDep,
    user: Viewer,
    page: PageDep,
    lang: Lang = None,
    channel: Channel = None,
    since: Since = None,
    until: Until = None,
    label: Label = None,
    min_score: MinScore = None,
    sort: Literal["newest", "oldest"] = "newest",
) -> Any:
    """Browse stored items with the search filters (no words), newest first:
    ``{"total", "limit", "offset", "sort", "items": [<search hit>...]}``."""
    query = SearchQuery(
        text="", language=lang or None, channel=channel or None,
        since=parse_when(since, "since"), until=parse_when(until, "until"),
        label=label or None, min_score=min_score,
    )  # fmt: skip
    m = schema.messages
    base = _browse_filters(select(m.c.id).select_from(m), query)  # rows: page_of_hits
    if sort == "oldest":
        ordered = base.order_by(m.c.date.asc().nulls_last(), m.c.id.asc())
    else:
        ordered = base.order_by(m.c.date.desc().nulls_last(), m.c.id.desc())
    # Counted without the join: joining every matching message to its channel just to count
    # them cost 0.3 s for 160k items.
    count = _browse_filters(select(func.count()).select_from(m), query)
    by_language_only = not (query.channel or query.since or query.until or query.annotation_filter)
    with store.engine.connect() as conn:
        if by_language_only:  # kept totals (store.counts): no count of a million rows
            total = count_messages(conn, query.language)
        else:
            total = conn.execute(count).scalar_one()
        rows = page_of_hits(conn, ordered, page.limit, page.offset)
    out = page.wrap(total, "items", hits_of(store, rows))
    out["sort"] = sort
    return FastJSON(out)


# -- one item ---------------------------------------------------------------------------------


def _spans(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        return []
    return [s for s in value[:_MAX_SPANS] if isinstance(s, dict)]


def blurred_media(media: Any) -> dict[str, Any] | None:
    """What may be shown of an item's media before it is revealed (no path, no name)."""
    if not isinstance(media, dict):
        return None
    out = {k: media[k] for k in BLURRED_MEDIA_FIELDS if k in media}
    out["available"] = isinstance(media.get("path"), str) and bool(media.get("path"))
    out["blurred"] = True
    return out


def relation_json(row: Any, ref: dict[str, Any] | None = None) -> dict[str, Any]:
    """A stored relation (a ``relations`` row or a ``GraphRelation``) as ``propwatch
    entities ID --json`` prints it."""
    return {
        "id": int(row.id),
        "type": row.type,
        "source": row.source_name if hasattr(row, "source_name") else row.source,
        "target": row.target_name if hasattr(row, "target_name") else row.target,
        "source_entity_id": row.source_entity_id,
        "target_entity_id": row.target_entity_id,
        "basis": row.basis,
        "evidence": _spans(row.evidence),
        "message": ref,
    }


def _event_json(row: Any, ref: dict[str, Any]) -> dict[str, Any]:
    from propwatch.store.graph_writer import max_figure

    data = row.data if isinstance(row.data, dict) else {}
    out = dict(data)
    out.update(
        id=int(row.id),
        message=ref,
        type=row.type,
        date=row.date,
        date_text=row.date_text,
        place=[p for p in (row.place or []) if isinstance(p, str)],
        country=row.country,
        killed_max=max_figure(data.get("killed")),
        injured_max=max_figure(data.get("injured")),
    )
    return out


def _annotations(conn: Any, pk: int) -> dict[str, Any]:
    a = schema.annotations
    propaganda: dict[str, Any] | None = None
    stance: str | None = None
    detections: list[dict[str, Any]] = []
    signals: list[dict[str, Any]] = []
    for note in conn.execute(
        select(a)
        .where(a.c.message_pk == pk, a.c.kind.in_(["judgement", "stance", "detection", "signal"]))
        .order_by(a.c.score.desc(), a.c.id)
        .limit(_MAX_NOTES)
    ):
        data = note.data if isinstance(note.data, dict) else {}
        if note.kind == "judgement":
            propaganda = {
                "score": round(float(note.score), 4),
                "label": bool(data.get("label")),
                "stance": data.get("stance"),
                "stance_evidence": _spans(data.get("stance_evidence")),
                "component": note.component,
            }
        elif note.kind == "stance":
            stance = note.label
        elif note.kind == "detection":
            detections.append({
                "label": note.label,
                "score": round(float(note.score), 4),
                "component": note.component,
                "component_version": note.component_version,
                "start": note.start,
                "end": note.end,
                "evidence": _spans(data.get("evidence")),
            })  # fmt: skip
        else:
            extra = {k: v for k, v in data.items() if k not in ("type", "start", "end")}
            signals.append({"type": note.label, "start": note.start, "end": note.end, **extra})
    if propaganda is not None and stance is None:
        stance = propaganda["stance"]
    return {"propaganda": propaganda, "stance": stance, "detections": detections,
            "signals": signals}  # fmt: skip


def _mentions(conn: Any, pk: int) -> list[dict[str, Any]]:
    em, e = schema.entity_mentions, schema.entities
    rows = conn.execute(
        select(
            em.c.entity_id, em.c.start, em.c.end, em.c.text,
            e.c.key, e.c.type, e.c.name, e.c.gazetteer_id,
        )
        .select_from(em.join(e, e.c.id == em.c.entity_id))
        .where(em.c.message_pk == pk)
        .order_by(em.c.start.asc().nulls_last(), em.c.id)
        .limit(_MAX_NOTES)
    )  # fmt: skip
    return [
        {
            "entity_id": int(x.entity_id), "key": x.key, "type": x.type, "name": x.name,
            "gazetteer_id": x.gazetteer_id, "text": x.text, "start": x.start, "end": x.end,
        }
        for x in rows
    ]  # fmt: skip


def _labels(conn: Any, pk: int) -> list[dict[str, Any]]:
    lab = schema.item_labels
    rows = conn.execute(
        select(lab).where(lab.c.message_pk == pk).order_by(lab.c.at.desc(), lab.c.id)
    )
    return [label_json(x) for x in rows]


def label_json(row: Any) -> dict[str, Any]:
    """An ``item_labels`` row as JSON."""
    return {
        "id": int(row.id), "item": int(row.message_pk), "label": row.label,
        "decision": row.decision, "user": row.user_name, "at": _iso(row.at), "note": row.note,
    }  # fmt: skip


def item_detail(store: Store, pk: int) -> dict[str, Any] | None:
    """Everything stored about one message (media blurred), or None if there is none."""
    m, c, v = schema.messages, schema.channels, schema.message_versions
    ev, r = schema.events, schema.relations
    if not 0 < pk < 2**63:
        return None
    with store.engine.connect() as conn:
        row = conn.execute(
            select(m, c.c.key.label("channel_key"), c.c.name.label("channel_name"),
                   c.c.type.label("channel_type"))
            .select_from(m.join(c, c.c.id == m.c.channel_id))
            .where(m.c.id == pk)
        ).first()  # fmt: skip
        if row is None:
            return None
        versions = conn.execute(
            select(func.count()).select_from(v).where(v.c.message_pk == pk)
        ).scalar_one()
        ref = {
            "pk": pk, "channel": row.channel_key, "channel_name": row.channel_name,
            "message_id": row.message_id, "date": row.date.isoformat() if row.date else None,
        }  # fmt: skip
        notes = _annotations(conn, pk)
        mentions = _mentions(conn, pk)
        events = [
            _event_json(x, ref)
            for x in conn.execute(
                select(ev).where(ev.c.message_pk == pk).order_by(ev.c.id).limit(_MAX_NOTES)
            )
        ]
        relations = [
            relation_json(x, ref)
            for x in conn.execute(
                select(r).where(r.c.message_pk == pk).order_by(r.c.id).limit(_MAX_NOTES)
            )
        ]
        labels = _labels(conn, pk)
    return {
        "id": pk,
        "message_id": row.message_id,
        "channel": {"key": row.channel_key, "name": row.channel_name, "type": row.channel_type},
        "kind": row.kind,
        "date": _iso(row.date),
        "edited": _iso(row.edited),
        "author": row.author,
        "title": row.title,
        "text": row.text,
        "language": row.language,
        "language_confidence": row.language_confidence,
        "script": row.script,
        "forwarded_from": row.forwarded_from,
        "reply_to_message_id": row.reply_to_message_id,
        "links": row.links or [],
        "mentions": row.mentions or [],
        "hashtags": row.hashtags or [],
        "provenance": {
            "source": row.source,
            "format": row.source_format,
            "position": row.position,
            "raw_sha256": row.raw_sha256,
            "content_sha256": row.content_sha256,
            "ingested_at": _iso(row.ingested_at),
            "version": row.version,
            "versions": int(versions) + 1,
        },
        **notes,
        "entities": mentions,
        "events": events,
        "relations": relations,
        "labels": labels,
        "media": blurred_media(row.media),
    }


def _item_pk(item_id: int) -> int:
    if not 0 < item_id < 2**63:
        raise HTTPException(status_code=404, detail=f"No item {item_id}.")
    return item_id


@router.get("/api/items/{item_id}")
def get_item(item_id: int, store: StoreDep, user: Viewer) -> dict[str, Any]:
    """One stored message with its provenance, detections (with evidence spans), judgement,
    stance, signals, entities, events, relations, labels and blurred media."""
    found = item_detail(store, _item_pk(item_id))
    if found is None:
        raise HTTPException(status_code=404, detail=f"No item {item_id}.")
    return found


@router.post("/api/items/{item_id}/reveal")
def reveal_media(item_id: int, request: Request, store: StoreDep, user: Analyst) -> dict[str, Any]:
    """The item's media reference, unblurred (analyst). Audited as ``media_reveal``."""
    m = schema.messages
    with store.engine.connect() as conn:
        row = conn.execute(select(m.c.id, m.c.media).where(m.c.id == _item_pk(item_id))).first()
    if row is None:
        raise HTTPException(status_code=404, detail=f"No item {item_id}.")
    if not isinstance(row.media, dict):
        raise HTTPException(status_code=404, detail=f"Item {item_id} has no media.")
    record(request, store, user, "media_reveal", target=str(item_id),
           detail={"type": row.media.get("type")})  # fmt: skip
    return {"id": item_id, "media": {**row.media, "blurred": False}}
