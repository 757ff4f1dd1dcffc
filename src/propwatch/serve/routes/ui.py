"""The web pages: dashboard, search, items, entities, events, channel network, alert inbox,
labelling queue and admin listing, server-rendered with Jinja2 from the store.

Pages read the store directly (the query functions the CLI uses, plus
:mod:`propwatch.serve.ui_queries`); actions from the pages (reveal media, label, alert
status) go through the JSON API from ``static/app.js``. Every page needs a session: without
one it redirects (303) to ``/login?next=<the page>``; a missing page or a role that is too
weak gets an HTML error page (404, 403). Templates autoescape everything; message text is
rendered from :class:`~propwatch.serve.ui_queries.Segment` pieces, never from markup.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from math import ceil, log10
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.routing import APIRoute
from fastapi.templating import Jinja2Templates
from sqlalchemy.exc import OperationalError

from propwatch.errors import UsageError
from propwatch.normalize import detect_script, match_key
from propwatch.serve import accounts
from propwatch.serve import ui_queries as q
from propwatch.serve.deps import User, current_user, get_store, require
from propwatch.store import SearchQuery, Store
from propwatch.store.graph_queries import (
    count_entities,
    count_events,
    entity_mentions,
    entity_relations,
    get_entity,
    list_entities,
    list_events,
    message_refs,
)
from propwatch.store.search import parse_query

__all__ = [
    "SECURITY_HEADERS",
    "Chart",
    "PageRoute",
    "bar_chart",
    "router",
    "templates",
    "time_chart",
]

TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "templates"

#: Sent with every page: scripts, styles, images and connections from this server only.
SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
        "frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}

#: Colour-blind-safe series colours (Okabe-Ito and Tol), then grey for "other".
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#332288",
           "#882255")  # fmt: skip
OTHER_COLOUR = "#9aa0a6"
SCRIPT_NAMES = {
    "Latn": "Latin", "Cyrl": "Cyrillic", "Arab": "Arabic", "Hebr": "Hebrew", "Grek": "Greek",
    "Deva": "Devanagari", "Zyyy": "No letters", "Zzzz": "Other",
}  # fmt: skip
SORTS = ("auto", "relevance", "newest", "oldest")
SEARCH_PAGE = 20
LIST_PAGE = 50
MAX_OFFSET = 100_000
MAX_QUERY = 2000
#: Days covered by a daily chart before it switches to weekly bars.
DAILY_BUCKETS = 120


# -- templates --------------------------------------------------------------------------------


def _when(value: Any) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and value:
        return value[:16].replace("T", " ")
    return "—"


def _day(value: Any) -> str:
    return _when(value)[:10] if value else "—"


def _score(value: Any) -> str:
    return f"{float(value):.2f}" if isinstance(value, int | float) else "—"


def _qs(params: Mapping[str, Any], **changes: Any) -> str:
    """``?a=1&b=2`` of ``params`` updated with ``changes``, empty values left out."""
    merged = {**params, **changes}
    pairs = [(k, str(v)) for k, v in merged.items() if v is not None and str(v) not in ("", "0")]
    return "?" + urlencode(pairs)


templates = Jinja2Templates(directory=TEMPLATES_DIR)
templates.env.filters.update(when=_when, day=_day, score=_score, inert=lambda v: q.shown(str(v)))
templates.env.globals.update(qs=_qs, script_name=lambda code: SCRIPT_NAMES.get(code, code))


def render(
    request: Request, user: User | None, name: str, *, status: int = 200, **context: Any
) -> HTMLResponse:
    """Render template ``name`` with ``user``, ``csrf`` and the page's ``context``."""
    store: Store = request.app.state.store
    base: dict[str, Any] = {
        "user": user,
        "csrf": user.csrf if user else "",
        "can_label": bool(user and user.can("analyst")),
        "is_admin": bool(user and user.can("admin")),
        "new_alerts": q.new_alert_count(store) if user else 0,
        "active": name.removesuffix(".html"),
    }
    response = templates.TemplateResponse(request, name, {**base, **context}, status_code=status)
    response.headers.update(SECURITY_HEADERS)
    return response


def login_url(request: Request) -> str:
    """``/login?next=<this page>`` (path and query only)."""
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return "/login?next=" + quote(target[:2000], safe="")


_ERRORS = {403: "Not allowed", 404: "Not found"}


class PageRoute(APIRoute):
    """A page: no session -> 303 to the sign-in page; 403 and 404 -> an HTML error page."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def page(request: Request) -> Response:
            try:
                return await handler(request)
            except HTTPException as exc:
                if exc.status_code == 401:
                    return RedirectResponse(login_url(request), status_code=303)
                if exc.status_code in _ERRORS:
                    user = getattr(request.state, "user", None)
                    return render(
                        request, user, "error.html", status=exc.status_code,
                        title=_ERRORS[exc.status_code], detail=str(exc.detail),
                    )  # fmt: skip
                raise

        return page


router = APIRouter(route_class=PageRoute, include_in_schema=False, tags=["pages"])

UserDep = Annotated[User, Depends(current_user)]
AdminDep = Annotated[User, Depends(require("admin"))]
StoreDep = Annotated[Store, Depends(get_store)]


# -- charts (server-side SVG) -----------------------------------------------------------------


@dataclass(slots=True)
class ChartSeries:
    name: str
    colour: str
    total: int
    points: str = ""  # polyline points (line charts)
    bars: list[tuple[float, float, float, float, str]] = field(default_factory=list)


@dataclass(slots=True)
class Chart:
    """Geometry of one SVG chart; the template draws it (numbers and names only)."""

    width: int
    height: int
    kind: str  # lines | stacked | bars
    series: list[ChartSeries]
    x_ticks: list[tuple[float, str]]
    y_ticks: list[tuple[float, str]]
    left: int
    bottom: int
    bucket: str  # day | week | month
    empty: bool


def _nice(value: int) -> int:
    """The smallest 1, 2, 5 x 10^n at least ``value`` (at least 1)."""
    if value <= 1:
        return 1
    power = int(10 ** int(log10(value)))
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power


def _weekly(days: Sequence[date], counts: Sequence[int]) -> list[int]:
    out = [0] * ceil(len(days) / 7)
    for i, n in enumerate(counts):
        out[i // 7] += n
    return out


def time_chart(
    days: Sequence[date],
    series: Sequence[q.Series],
    *,
    stacked: bool,
    width: int = 880,
    height: int = 220,
) -> Chart:
    """Daily (or, over :data:`DAILY_BUCKETS` days, weekly) counts as lines or stacked bars."""
    weekly = len(days) > DAILY_BUCKETS
    labels = [d.isoformat() for d in (days[::7] if weekly else days)]
    values = [_weekly(days, s.counts) if weekly else list(s.counts) for s in series]
    n = max(1, len(labels))
    left, bottom, top = 44, 22, 8
    plot_w, plot_h = width - left - 8, height - bottom - top
    if stacked:
        peak = max((sum(col) for col in zip(*values, strict=True)), default=0)
    else:
        peak = max((max(v, default=0) for v in values), default=0)
    ymax = _nice(peak)
    step = plot_w / n

    def y(v: float) -> float:
        return round(top + plot_h - plot_h * v / ymax, 1)

    out: list[ChartSeries] = []
    base = [0] * n
    for i, (s, counts) in enumerate(zip(series, values, strict=True)):
        colour = OTHER_COLOUR if not s.key and s.name.startswith("other") else PALETTE[i % 8]
        cs = ChartSeries(q.shown(s.name), colour, s.total)
        if stacked:
            for j, v in enumerate(counts):
                if v:
                    x = round(left + j * step + step * 0.1, 1)
                    y0 = y(base[j] + v)
                    h = round(y(base[j]) - y0, 1)
                    cs.bars.append((x, y0, round(max(step * 0.8, 0.6), 1), h, f"{labels[j]}: {v}"))
                    base[j] += v
        else:
            cs.points = " ".join(
                f"{round(left + j * step + step / 2, 1)},{y(v)}" for j, v in enumerate(counts)
            )
        out.append(cs)
    tick_every = max(1, n // 6)
    x_ticks = [(round(left + j * step, 1), labels[j]) for j in range(0, n, tick_every)]
    y_ticks = [(y(v), str(v)) for v in (0, ymax // 2, ymax) if v or ymax == 1]
    return Chart(width, height, "stacked" if stacked else "lines", out, x_ticks, y_ticks,
                 left, bottom, "week" if weekly else "day", peak == 0)  # fmt: skip


def bar_chart(pairs: Sequence[tuple[str, int]], *, width: int = 640, height: int = 140) -> Chart:
    """One series of (label, count) bars, e.g. mentions per month."""
    n = max(1, len(pairs))
    left, bottom, top = 36, 22, 8
    plot_w, plot_h = width - left - 8, height - bottom - top
    peak = max((v for _, v in pairs), default=0)
    ymax = _nice(peak)
    step = min(plot_w / n, 48.0)
    cs = ChartSeries("mentions", PALETTE[0], sum(v for _, v in pairs))
    for j, (label, v) in enumerate(pairs):
        if v:
            h = round(plot_h * v / ymax, 1)
            x = round(left + j * step + step * 0.1, 1)
            cs.bars.append((x, round(top + plot_h - h, 1), round(max(step * 0.8, 0.6), 1), h,
                            f"{label}: {v}"))  # fmt: skip
    tick_every = max(1, n // 6)
    x_ticks = [(round(left + j * step, 1), pairs[j][0]) for j in range(0, len(pairs), tick_every)]
    y_ticks = [
        (round(top + plot_h - plot_h * v / ymax, 1), str(v))
        for v in (0, ymax // 2, ymax)
        if v or ymax == 1
    ]
    return Chart(width, height, "bars", [cs], x_ticks, y_ticks, left, bottom, "month", peak == 0)


# -- parameters -------------------------------------------------------------------------------


def _int(value: str | None, default: int, low: int, high: int) -> int:
    try:
        return min(high, max(low, int(value))) if value else default
    except ValueError:
        return default


def _float(value: str | None, low: float, high: float) -> float | None:
    try:
        number = float(value) if value else None
    except ValueError:
        return None
    if number is None or number != number:  # NaN
        return None
    return min(high, max(low, number))


def _date(value: str | None, errors: list[str], name: str) -> datetime | None:
    """``YYYY-MM-DD`` (or an ISO time) as aware UTC; a bad value adds to ``errors``."""
    text = (value or "").strip()
    if not text:
        return None
    try:
        if len(text) > 40:
            raise ValueError(text)
        if len(text) == 10:
            day = date.fromisoformat(text)
            return datetime(day.year, day.month, day.day, tzinfo=UTC)
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        errors.append(f"{name}: {text[:40]!r} is not a date (use YYYY-MM-DD).")
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _text(value: str | None, limit: int = 200) -> str:
    return (value or "").replace("\x00", " ").strip()[:limit]


def _pk(value: str) -> int:
    """A path id as a primary key, or 404."""
    if not value.isdigit() or len(value) > 18 or not 0 < int(value) < 2**63:
        raise HTTPException(status_code=404, detail=f"No such id: {value[:40]!r}.")
    return int(value)


# -- pages ------------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def dashboard_page(request: Request, user: UserDep, store: StoreDep) -> HTMLResponse:
    """Volumes by label, language and channel over time, with totals."""
    days = _int(request.query_params.get("days"), 90, 7, q.MAX_DAYS)
    data = q.dashboard(store, days)
    charts = {
        "labels": time_chart(data.days, data.labels, stacked=False),
        "languages": time_chart(data.days, data.languages, stacked=True),
        "channels": time_chart(data.days, data.channels, stacked=True),
    }
    return render(request, user, "dashboard.html", data=data, charts=charts, days=days)


def _labels(hit: Any) -> list[tuple[str, float, str]]:
    """A hit's detections scoring >= 0.5, one per label (the best), best first."""
    best: dict[str, tuple[str, float, str]] = {}
    for label, score, component in hit.detections:
        if score >= 0.5 and (label not in best or score > best[label][1]):
            best[label] = (label, score, component)
    return sorted(best.values(), key=lambda x: -x[1])


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, user: UserDep, store: StoreDep) -> HTMLResponse:
    """Full-text search with filters; hits with the matching words highlighted."""
    p = request.query_params
    errors: list[str] = []
    params: dict[str, Any] = {
        "q": _text(p.get("q"), MAX_QUERY),
        "lang": _text(p.get("lang"), 16),
        "channel": _text(p.get("channel"), 512),
        "label": _text(p.get("label"), 200),
        "since": _text(p.get("since"), 40),
        "until": _text(p.get("until"), 40),
        "min_score": _float(p.get("min_score"), 0.0, 1.0),
        "sort": p.get("sort") if p.get("sort") in SORTS else "auto",
    }
    offset = _int(p.get("offset"), 0, 0, MAX_OFFSET)
    since = _date(params["since"], errors, "since")
    until = _date(params["until"], errors, "until")
    searched = bool(params["q"] or params["label"] or params["min_score"] is not None)
    result = None
    hits: list[tuple[Any, list[q.Segment], list[tuple[str, float, str]]]] = []
    if searched and not errors:
        query = SearchQuery(
            text=params["q"], language=params["lang"] or None, channel=params["channel"] or None,
            since=since, until=until, limit=SEARCH_PAGE, offset=offset, sort=params["sort"],
            label=params["label"] or None, min_score=params["min_score"],
        )  # fmt: skip
        try:
            result = store.search(query)
        except UsageError as exc:
            errors.append(f"{exc.message}. {exc.hint or ''}".strip())
        except OperationalError as exc:
            if "fts5" not in str(exc).lower() and "tsquery" not in str(exc).lower():
                raise
            errors.append("The full-text index cannot run this query; simplify it.")
        if result is not None:
            words = parse_query(params["q"], match_key).positive_words
            hits = [(hit, q.snippet_segments(hit.text, words), _labels(hit)) for hit in result.hits]
            filters = {k: v for k, v in params.items() if k != "q" and v not in (None, "")}
            accounts.audit(
                store, "search", user=user, target=params["q"][:500],
                detail={"query": params["q"], "filters": {**filters, "offset": offset},
                        "total": result.total, "via": "page"},
                ip=request.client.host if request.client else None, defer=True,
            )  # fmt: skip
    return render(
        request, user, "search.html", params=params, offset=offset, result=result, hits=hits,
        errors=errors, options=q.filter_options(store), limit=SEARCH_PAGE, sorts=SORTS,
    )  # fmt: skip


@router.get("/items/{item_id}", response_class=HTMLResponse)
def item_page(request: Request, item_id: str, user: UserDep, store: StoreDep) -> HTMLResponse:
    """One item: its text with the evidence highlighted, detections, entities, events,
    provenance, blurred media, label buttons."""
    item = q.item_detail(store, _pk(item_id))
    if item is None:
        raise HTTPException(status_code=404, detail=f"No item {item_id}.")
    mine = {x["label"]: x["decision"] for x in item.labels if x["user"] == user.name}
    return render(request, user, "item.html", item=item, m=item.message, mine=mine)


@router.get("/entities", response_class=HTMLResponse)
def entities_page(request: Request, user: UserDep, store: StoreDep) -> HTMLResponse:
    """Merged entities, most mentioned first, filtered by type and name (any script)."""
    p = request.query_params
    params = {"type": _text(p.get("type"), 32), "name": _text(p.get("name"), 200)}
    offset = _int(p.get("offset"), 0, 0, MAX_OFFSET)
    kind, name = params["type"] or None, params["name"] or None
    entities = list_entities(store, type=kind, name=name, limit=LIST_PAGE, offset=offset)
    total = count_entities(store, type=kind, name=name)
    return render(
        request, user, "entities.html", entities=entities, total=total, params=params,
        offset=offset, limit=LIST_PAGE, types=q.entity_types(store),
    )  # fmt: skip


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: str, user: UserDep, store: StoreDep) -> HTMLResponse:
    """One entity: aliases by script, mentions over time, mentions, relations."""
    entity = get_entity(store, _pk(entity_id))
    if entity is None:
        raise HTTPException(status_code=404, detail=f"No entity {entity_id}.")
    by_script: dict[str, list[str]] = {}
    for alias in dict.fromkeys([entity.name, *entity.aliases]):
        by_script.setdefault(detect_script(alias), []).append(alias)
    mentions = entity_mentions(store, entity.id, limit=200)
    relations = entity_relations(store, entity.id, limit=300)
    refs = message_refs(store, [r.message_pk for r in relations if r.message_pk is not None])
    timeline = q.entity_timeline(store, entity.id)
    return render(
        request, user, "entity.html", entity=entity, by_script=by_script, mentions=mentions,
        relations=relations, refs=refs, chart=bar_chart(timeline) if timeline else None,
    )  # fmt: skip


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, user: UserDep, store: StoreDep) -> HTMLResponse:
    """Attack events as a timeline; each event's figures from every source side by side."""
    p = request.query_params
    errors: list[str] = []
    params = {
        "type": _text(p.get("type"), 32), "country": _text(p.get("country"), 100),
        "place": _text(p.get("place"), 200), "claimed_by": _text(p.get("claimed_by"), 200),
        "since": _text(p.get("since"), 40), "until": _text(p.get("until"), 40),
    }  # fmt: skip
    filters: dict[str, Any] = {
        "type": params["type"] or None, "country": params["country"] or None,
        "place": params["place"] or None, "claimed_by": params["claimed_by"] or None,
        "since": _date(params["since"], errors, "since"),
        "until": _date(params["until"], errors, "until"),
    }  # fmt: skip
    limit = q.MAX_EVENTS
    events = [] if errors else list_events(store, **filters, limit=limit)
    total = 0 if errors else count_events(store, **filters)
    refs = message_refs(store, [e.message_pk for e in events])
    groups = q.group_events(events, refs)
    return render(
        request, user, "events.html", groups=groups, total=total, shown=len(events),
        params=params, errors=errors,
    )  # fmt: skip


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, user: UserDep) -> HTMLResponse:
    """The interactive channel network (drawn by ``static/network.js``)."""
    p = request.query_params
    params = {k: _text(p.get(k), 40) for k in ("since", "until")}
    return render(request, user, "network.html", params=params)


@router.get("/alerts", response_class=HTMLResponse)
def alerts_page(request: Request, user: UserDep, store: StoreDep) -> HTMLResponse:
    """The alert inbox, newest first, by status."""
    p = request.query_params
    status = str(p.get("status")) if p.get("status") in q.ALERT_STATUSES else ""
    offset = _int(p.get("offset"), 0, 0, MAX_OFFSET)
    total, alerts = q.list_alerts(store, status or None, limit=LIST_PAGE, offset=offset)
    return render(
        request, user, "alerts.html", alerts=alerts, total=total, alert_status=status,
        statuses=q.ALERT_STATUSES, offset=offset, limit=LIST_PAGE, params={"status": status},
    )  # fmt: skip


@router.get("/labels", response_class=HTMLResponse)
def labels_page(request: Request, user: UserDep, store: StoreDep) -> HTMLResponse:
    """Items with detections this user has not yet confirmed or rejected."""
    offset = _int(request.query_params.get("offset"), 0, 0, MAX_OFFSET)
    total, items = q.label_queue(store, user.name, limit=SEARCH_PAGE, offset=offset)
    return render(
        request, user, "labels.html", items=items, total=total, offset=offset,
        limit=SEARCH_PAGE, params={},
    )  # fmt: skip


@router.get("/admin", response_class=HTMLResponse)
def admin_page(request: Request, user: AdminDep, store: StoreDep) -> HTMLResponse:
    """Users and their tokens, and the audit log (admin only, read-only)."""
    p = request.query_params
    params = {"action": _text(p.get("action"), 32), "who": _text(p.get("who"), 100)}
    offset = _int(p.get("offset"), 0, 0, MAX_OFFSET)
    total, audit = accounts.audit_rows(
        store, action=params["action"] or None, user=params["who"] or None,
        limit=LIST_PAGE, offset=offset,
    )  # fmt: skip
    return render(
        request, user, "admin.html", users=accounts.list_users(store),
        tokens=accounts.list_tokens(store), audit=audit, total=total, params=params,
        offset=offset, limit=LIST_PAGE, actions=accounts.AUDIT_ACTIONS,
    )  # fmt: skip
