"""Alerts, alert rules, trends and reference events over the API.

* ``GET /api/alerts`` (paginated, newest first; ``status``, ``rule``, ``severity`` filters)
  and ``PATCH /api/alerts/{id}`` (``{"status": "new"|"seen"|"closed"}``, analyst).
* ``GET /api/alert-rules``: the active rules file (``settings.alert_rules``), parsed; its
  problems when it does not validate. The webhook URL is shown without path or query.
* ``GET /api/trends``: daily series by label/channel/language/entity, their spikes and the
  reference events of the period; ``GET /api/trends/before-after``: counts before and after
  a day.
* ``GET /api/reference-events`` (paginated, built-in and user events by date);
  ``POST``, ``PATCH /api/reference-events/{id}``, ``DELETE /api/reference-events/{id}``
  (analyst; audited as ``reference_event_change``). Built-in events cannot be changed.

Every route needs a signed-in user; viewers may read.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response
from pydantic import BaseModel, Field

from propwatch.serve.accounts import audit
from propwatch.serve.auth import client_ip
from propwatch.serve.deps import User, get_settings, get_store, require
from propwatch.serve.settings import ServeSettings
from propwatch.store import Store
from propwatch.watch import deliver as inbox
from propwatch.watch import reference
from propwatch.watch.rules import AlertRulesError, load_rules
from propwatch.watch.trends import By, before_after, daily_series, parse_day, spikes

__all__ = ["router"]

#: A row id in a path: anything outside 64-bit integers is simply not found (422).
RowId = Annotated[int, Path(ge=1, le=2**63 - 1)]

router = APIRouter(tags=["alerts"])


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[ServeSettings, Depends(get_settings)]
ViewerDep = Annotated[User, Depends(require("viewer"))]
AnalystDep = Annotated[User, Depends(require("analyst"))]
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
Day = Annotated[str | None, Query(max_length=40, description="YYYY-MM-DD")]
Status = Literal["new", "seen", "closed"]
Severity = Literal["low", "medium", "high", "critical"]


class StatusChange(BaseModel):
    status: Status


class NewEvent(BaseModel):
    date: str = Field(min_length=10, max_length=10, description="YYYY-MM-DD")
    title: str = Field(min_length=1, max_length=reference.MAX_TITLE)
    note: str | None = Field(default=None, max_length=reference.MAX_NOTE)


class EventChange(BaseModel):
    date: str | None = Field(default=None, min_length=10, max_length=10)
    title: str | None = Field(default=None, min_length=1, max_length=reference.MAX_TITLE)
    note: str | None = Field(default=None, max_length=reference.MAX_NOTE)


def _day(value: str | None, name: str) -> str | None:
    try:
        day = parse_day(value)
    except ValueError as exc:
        raise HTTPException(status_code=422, detail=f"{name}: {exc}") from None
    return day.isoformat() if day else None


# -- alerts --------------------------------------------------------------------------------


@router.get("/api/alerts")
def alerts(
    _user: ViewerDep,
    store: StoreDep,
    status: Status | None = None,
    rule: Annotated[str | None, Query(max_length=200)] = None,
    severity: Severity | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Any:
    """The inbox, newest first: ``{"total", "limit", "offset", "alerts": [...]}``."""
    total, page = inbox.list_alerts(
        store, status=status, rule=rule, severity=severity, limit=limit, offset=offset
    )
    return {
        "total": total,
        "limit": limit,
        "offset": offset,
        "alerts": [a.to_json() for a in page],
    }


@router.get("/api/alerts/{alert_id}")
def alert(alert_id: RowId, _user: ViewerDep, store: StoreDep) -> Any:
    """One alert."""
    found = inbox.get_alert(store, alert_id)
    if found is None:
        raise HTTPException(status_code=404, detail=f"no alert {alert_id}")
    return found.to_json()


@router.patch("/api/alerts/{alert_id}")
def change_alert(alert_id: RowId, body: StatusChange, _user: AnalystDep, store: StoreDep) -> Any:
    """Mark an alert new, seen or closed (analyst)."""
    changed = inbox.set_status(store, alert_id, body.status)
    if changed is None:
        raise HTTPException(status_code=404, detail=f"no alert {alert_id}")
    return changed.to_json()


@router.get("/api/alert-rules")
def alert_rules(_user: ViewerDep, settings: SettingsDep) -> Any:
    """The active rules: ``{"path", "webhook", "rules", "warnings", "problems"}``."""
    path = settings.alert_rules
    if path is None:
        return {"path": None, "webhook": None, "rules": [], "warnings": [], "problems": []}
    try:
        ruleset = load_rules(path)
    except AlertRulesError as exc:
        return {
            "path": str(path),
            "webhook": None,
            "rules": [],
            "warnings": [],
            "problems": [p.to_json() for p in exc.problems],
        }
    return {**ruleset.to_json(), "problems": []}


# -- trends --------------------------------------------------------------------------------


@router.get("/api/trends")
def trends(
    _user: ViewerDep,
    store: StoreDep,
    by: By = "label",
    since: Day = None,
    until: Day = None,
    top: Annotated[int, Query(ge=1, le=200)] = 10,
    min_score: Annotated[float, Query(ge=0, le=1)] = 0.5,
    window: Annotated[int, Query(ge=3, le=365)] = 14,
    z: Annotated[float, Query(ge=0.5, le=100)] = 3.0,
    min_count: Annotated[int, Query(ge=1)] = 5,
) -> Any:
    """Items per day for the ``top`` keys of ``by`` (zero-filled), the spikes found in them
    and the reference events of the period: ``{"by", "since", "until", "days", "all",
    "series": [{"key", "name", "total", "counts"}], "spikes", "reference_events"}``."""
    first, last = _day(since, "since"), _day(until, "until")
    series = daily_series(store, by=by, since=first, until=last, top=top, min_score=min_score)
    found = spikes(series, window=window, z=z, min_count=min_count)
    events = (
        reference.list_events(store, series["since"], series["until"]) if series["days"] else []
    )
    return {
        **series,
        "spikes": [s.to_json() for s in found],
        "reference_events": [e.to_json() for e in events],
    }


@router.get("/api/trends/before-after")
def trends_before_after(
    _user: ViewerDep,
    store: StoreDep,
    date: Annotated[str, Query(max_length=40, description="YYYY-MM-DD")],
    by: By = "label",
    days: Annotated[int, Query(ge=1, le=366)] = 14,
    top: Annotated[int, Query(ge=1, le=200)] = 10,
    min_score: Annotated[float, Query(ge=0, le=1)] = 0.5,
) -> Any:
    """Items per key in the ``days`` before ``date`` and from it, with ratios."""
    day = _day(date, "date")
    assert day is not None
    result = before_after(store, day, days, by, top=top, min_score=min_score)
    result["reference_events"] = [e.to_json() for e in reference.list_events(store, day, day)]
    return result


# -- reference events ----------------------------------------------------------------------


@router.get("/api/reference-events")
def reference_events(
    _user: ViewerDep,
    store: StoreDep,
    since: Day = None,
    until: Day = None,
    builtin: bool = True,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Any:
    """Built-in and user events by date: ``{"total", "limit", "offset", "events": [...]}``."""
    events = reference.list_events(
        store, _day(since, "since"), _day(until, "until"), builtin=builtin
    )
    return {
        "total": len(events),
        "limit": limit,
        "offset": offset,
        "events": [e.to_json() for e in events[offset : offset + limit]],
    }


def _audit(store: Store, user: User, request: Request, target: Any, detail: Any) -> None:
    audit(
        store,
        "reference_event_change",
        user=user,
        target=target,
        detail=detail,
        ip=client_ip(request),
    )


@router.post("/api/reference-events", status_code=201)
def add_reference_event(body: NewEvent, user: AnalystDep, store: StoreDep, request: Request) -> Any:
    """Add a reference event (analyst)."""
    try:
        event = reference.add_event(store, body.date, body.title, body.note, created_by=user.name)
    except reference.ReferenceEventError as exc:
        raise HTTPException(status_code=422, detail=exc.message) from None
    _audit(store, user, request, event.id, {"op": "add", **event.to_json()})
    return event.to_json()


@router.patch("/api/reference-events/{event_id}")
def change_reference_event(
    event_id: RowId, body: EventChange, user: AnalystDep, store: StoreDep, request: Request
) -> Any:
    """Change the date, title or note of a user event (analyst); ``note: ""`` clears it."""
    before = reference.get_event(store, event_id)
    if before is None:
        raise HTTPException(status_code=404, detail=f"no user reference event {event_id}")
    try:
        event = reference.update_event(
            store, event_id, day=body.date, title=body.title, note=body.note
        )
    except reference.ReferenceEventError as exc:
        raise HTTPException(status_code=422, detail=exc.message) from None
    assert event is not None
    _audit(
        store, user, request, event_id,
        {"op": "change", "before": before.to_json(), "after": event.to_json()},
    )  # fmt: skip
    return event.to_json()


@router.delete("/api/reference-events/{event_id}", status_code=204)
def delete_reference_event(
    event_id: RowId, user: AnalystDep, store: StoreDep, request: Request
) -> Response:
    """Delete a user event (analyst); built-in events have no id and cannot be deleted."""
    before = reference.get_event(store, event_id)
    if before is None or not reference.delete_event(store, event_id):
        raise HTTPException(status_code=404, detail=f"no user reference event {event_id}")
    _audit(store, user, request, event_id, {"op": "delete", **before.to_json()})
    return Response(status_code=204)
