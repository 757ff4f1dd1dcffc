"""Users, API tokens and the audit log over the API.

* ``GET/POST /api/users``, ``POST /api/users/{name}/disable`` and ``/enable``: admins only.
* ``GET/POST /api/tokens``, ``DELETE /api/tokens/{id}``: everyone manages their own tokens;
  admins may name another ``user``.
* ``GET /api/audit`` (paginated, newest first) and ``GET /api/audit/export`` (CSV or NDJSON,
  streamed, oldest first; itself audited as ``export``): admins only.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import datetime
from typing import Annotated, Any, Literal

import orjson
from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel, Field

from propwatch.errors import UsageError
from propwatch.export.tables import guard_cell
from propwatch.serve import accounts
from propwatch.serve.auth import client_ip
from propwatch.serve.deps import User, current_user, get_store, require
from propwatch.store import Store

__all__ = ["AUDIT_COLUMNS", "router"]

#: A row id in a path: anything outside 64-bit integers is simply not found (422).
RowId = Annotated[int, Path(ge=1, le=2**63 - 1)]

router = APIRouter(tags=["admin"])

StoreDep = Annotated[Store, Depends(get_store)]
AdminDep = Annotated[User, Depends(require("admin"))]
UserDep = Annotated[User, Depends(current_user)]
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]

#: Columns of the CSV audit export.
AUDIT_COLUMNS: tuple[str, ...] = ("id", "at", "user", "action", "target", "detail", "ip")
_NDJSON_ESCAPES = ((b"\xe2\x80\xa8", b"\\u2028"), (b"\xe2\x80\xa9", b"\\u2029"),
                   (b"\xc2\x85", b"\\u0085"))  # fmt: skip


class NewUser(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    role: Literal["viewer", "analyst", "admin"]
    password: str = Field(min_length=accounts.MIN_PASSWORD, max_length=accounts.MAX_PASSWORD)


class NewToken(BaseModel):
    name: str | None = Field(default=None, max_length=100, description="A label for the token.")
    user: str | None = Field(default=None, description="Owner (admins only; default: you).")


def _http(exc: UsageError) -> HTTPException:
    if isinstance(exc, accounts.UserExists):
        return HTTPException(status_code=409, detail=exc.message)
    if isinstance(exc, accounts.UnknownAccount):
        return HTTPException(status_code=404, detail=exc.message)
    return HTTPException(status_code=422, detail=exc.message)


def _page(items: list[dict[str, Any]], key: str, limit: int, offset: int) -> dict[str, Any]:
    return {"total": len(items), "limit": limit, "offset": offset,
            key: items[offset: offset + limit]}  # fmt: skip


# -- users ---------------------------------------------------------------------------------


@router.get("/api/users")
def users(_admin: AdminDep, store: StoreDep, limit: Limit = 50, offset: Offset = 0) -> Any:
    """All accounts (admin): ``{"total", "limit", "offset", "users": [...]}``."""
    return _page(accounts.list_users(store), "users", limit, offset)


@router.post("/api/users", status_code=201)
def add_user(body: NewUser, admin: AdminDep, store: StoreDep, request: Request) -> Any:
    """Create an account (admin). 409 if the name is taken, 422 if a value is invalid."""
    try:
        user_id = accounts.create_user(store, body.name, body.role, body.password)
    except UsageError as exc:
        raise _http(exc) from None
    accounts.audit(store, "user_add", user=admin, target=body.name, detail={"role": body.role},
                   ip=client_ip(request))
    return {"id": user_id, "name": body.name, "role": body.role}


def _set_enabled(store: Store, admin: User, name: str, enabled: bool, ip: str | None) -> Any:
    try:
        (accounts.enable_user if enabled else accounts.disable_user)(store, name)
    except UsageError as exc:
        raise _http(exc) from None
    accounts.audit(store, "user_enable" if enabled else "user_disable", user=admin, target=name,
                   ip=ip)
    return {"name": name, "disabled": not enabled}


@router.post("/api/users/{name}/disable")
def disable(name: str, admin: AdminDep, store: StoreDep, request: Request) -> Any:
    """Disable an account (admin): its sessions end and its tokens stop working."""
    return _set_enabled(store, admin, name, False, client_ip(request))


@router.post("/api/users/{name}/enable")
def enable(name: str, admin: AdminDep, store: StoreDep, request: Request) -> Any:
    """Enable a disabled account again (admin)."""
    return _set_enabled(store, admin, name, True, client_ip(request))


# -- tokens --------------------------------------------------------------------------------


def _owner(user: User, wanted: str | None) -> str:
    if wanted is None or wanted == user.name:
        return user.name
    if not user.can("admin"):
        raise HTTPException(status_code=403, detail="Only admins manage other users' tokens.")
    return wanted


@router.get("/api/tokens")
def tokens(
    user: UserDep, store: StoreDep, limit: Limit = 50, offset: Offset = 0,
    owner: Annotated[str | None, Query(alias="user")] = None,
) -> Any:
    """Your API tokens (admins: ``?user=NAME``), never their values:
    ``{"total", "limit", "offset", "tokens": [...]}``."""
    return _page(accounts.list_tokens(store, _owner(user, owner)), "tokens", limit, offset)


@router.post("/api/tokens", status_code=201)
def new_token(body: NewToken, user: UserDep, store: StoreDep, request: Request) -> Any:
    """Create an API token: ``{"id", "user", "name", "token"}``. The token is shown only now."""
    owner = _owner(user, body.user)
    try:
        token_id, token = accounts.issue_token(store, owner, body.name)
    except UsageError as exc:
        raise _http(exc) from None
    accounts.audit(store, "token_create", user=user, target=owner,
                   detail={"id": token_id, "name": body.name}, ip=client_ip(request))
    return {"id": token_id, "user": owner, "name": body.name, "token": token}


@router.delete("/api/tokens/{token_id}", status_code=204)
def delete_token(token_id: RowId, user: UserDep, store: StoreDep, request: Request) -> Response:
    """Revoke a token: your own, or anyone's for admins (404 otherwise)."""
    try:
        accounts.revoke_token(store, token_id, owner=None if user.can("admin") else user.name)
    except UsageError as exc:
        raise _http(exc) from None
    accounts.audit(store, "token_revoke", user=user, target=token_id, ip=client_ip(request))
    return Response(status_code=204)


# -- audit log -----------------------------------------------------------------------------


@router.get("/api/audit")
def audit_log(
    _admin: AdminDep, store: StoreDep, limit: Limit = 50, offset: Offset = 0,
    since: datetime | None = None, until: datetime | None = None,
    action: Annotated[str | None, Query(max_length=32)] = None,
    user: Annotated[str | None, Query(max_length=100)] = None,
) -> Any:
    """Audit rows, newest first (admin); ``since``/``until`` (exclusive) are ISO dates or
    times (UTC unless they carry an offset): ``{"total", "limit", "offset", "entries"}``."""
    total, rows = accounts.audit_rows(store, since=since, until=until, action=action, user=user,
                                      limit=limit, offset=offset)
    return {"total": total, "limit": limit, "offset": offset, "entries": rows}


def _guard(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, int):
        return value
    text = value if isinstance(value, str) else orjson.dumps(value, default=str).decode()
    return guard_cell(text.replace("\x00", ""))


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _csv_chunks(rows: Iterator[dict[str, Any]], size: int = 500) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(AUDIT_COLUMNS)
    for n, row in enumerate(rows, 1):
        writer.writerow([_guard(row.get(col)) for col in AUDIT_COLUMNS])
        if n % size == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _ndjson_chunks(rows: Iterator[dict[str, Any]], size: int = 500) -> Iterator[bytes]:
    lines: list[bytes] = []
    for row in rows:
        line = orjson.dumps(row, default=str)
        for raw, escaped in _NDJSON_ESCAPES:
            line = line.replace(raw, escaped)
        lines.append(line + b"\n")
        if len(lines) >= size:
            yield b"".join(lines)
            lines = []
    yield b"".join(lines)


@router.get("/api/audit/export")
def audit_export(
    admin: AdminDep, store: StoreDep, request: Request,
    format: Literal["csv", "ndjson"] = "csv",
    since: datetime | None = None, until: datetime | None = None,
    action: Annotated[str | None, Query(max_length=32)] = None,
    user: Annotated[str | None, Query(max_length=100)] = None,
) -> StreamingResponse:
    """The audit log as a CSV (formula-guarded cells) or NDJSON download, oldest first
    (admin); same filters as ``/api/audit``. Audited as ``export`` with target ``audit``."""
    accounts.audit(
        store, "export", user=admin, target="audit", ip=client_ip(request),
        detail={"format": format, "since": _iso(since), "until": _iso(until),
                "action": action, "user": user},
    )  # fmt: skip
    rows = accounts.iter_audit(store, since=since, until=until, action=action, user=user)
    if format == "csv":
        return StreamingResponse(
            _csv_chunks(rows), media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="propwatch-audit.csv"'},
        )
    return StreamingResponse(
        _ndjson_chunks(rows), media_type="application/x-ndjson",
        headers={"Content-Disposition": 'attachment; filename="propwatch-audit.ndjson"'},
    )
