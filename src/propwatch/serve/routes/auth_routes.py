"""Signing in and out: ``GET/POST /login``, ``POST /logout``, ``GET /api/me``.

A successful sign-in sets the session cookie and redirects (303) to ``next`` when it is a
local path, else to ``/``. A failed one re-renders the form with a generic message (401) and
is audited as ``login_failed``; after 5 failures for one name within 5 minutes that name is
refused (429) until a minute after the last failure. Cross-site form posts
(``Sec-Fetch-Site: cross-site``) are refused, so another site cannot sign a browser in.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from propwatch.serve import accounts
from propwatch.serve.auth import (
    SESSION_COOKIE,
    authenticate,
    clear_session_cookie,
    client_ip,
    set_session_cookie,
)
from propwatch.serve.deps import User, current_user, get_settings, get_store
from propwatch.serve.settings import ServeSettings
from propwatch.store import Store

__all__ = ["router", "safe_next"]

router = APIRouter(tags=["auth"])
templates = Jinja2Templates(directory=Path(__file__).resolve().parents[1] / "templates")

_FAILED = "Wrong name or password."
_THROTTLED = "Too many failed sign-ins for this name. Wait a minute and try again."

StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[ServeSettings, Depends(get_settings)]


def safe_next(value: str | None) -> str:
    """``value`` if it is a path on this site (``/search?q=x``), else ``/``."""
    if not value or len(value) > 2000 or not value.startswith("/"):
        return "/"
    if value.startswith("//") or "\\" in value or any(ord(c) < 32 or c == "\x7f" for c in value):
        return "/"
    parts = urlsplit(value)
    return value if not parts.scheme and not parts.netloc else "/"


def _page(
    request: Request, *, next_: str, name: str = "", error: str = "", status: int = 200
) -> HTMLResponse:
    context: dict[str, Any] = {
        "user": None, "csrf": "", "next": next_, "name": name, "error": error,
    }  # fmt: skip
    response = templates.TemplateResponse(request, "login.html", context, status_code=status)
    response.headers["Cache-Control"] = "no-store"
    return response


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, store: StoreDep, next: str = "/") -> Response:
    """The sign-in form (no authentication needed). Signed-in users go straight to ``next``."""
    target = safe_next(next)
    if authenticate(request, store) is not None:
        return RedirectResponse(target, status_code=303)
    return _page(request, next_=target)


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    name: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    """Check name and password; on success set the session cookie and redirect (303)."""
    if request.headers.get("sec-fetch-site", "").lower() == "cross-site":
        raise HTTPException(status_code=403, detail="Cross-site sign-in refused.")
    target = safe_next(next)
    ip = client_ip(request)
    key = name[:100]
    if accounts.login_throttled(store, key):
        accounts.audit(store, "login_throttled", target=key, ip=ip)
        return _page(request, next_=target, name=key, error=_THROTTLED, status=429)
    user = accounts.verify_password(store, name, password)
    if user is None:
        accounts.audit(store, "login_failed", target=key, ip=ip)
        return _page(request, next_=target, name=key, error=_FAILED, status=401)
    old = request.cookies.get(SESSION_COOKIE)
    if old:
        accounts.end_session(store, old)
    cookie, _csrf = accounts.create_session(store, user.id, settings.session_hours)
    accounts.audit(store, "login", user=user, ip=ip)
    response = RedirectResponse(target, status_code=303)
    set_session_cookie(response, cookie, settings)
    return response


@router.post("/logout")
def logout(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    """End the session (CSRF-checked) and go to the sign-in page (303)."""
    user = authenticate(request, store)  # 403 without the session's CSRF token
    cookie = request.cookies.get(SESSION_COOKIE)
    if user is not None and user.via == "session" and cookie:
        accounts.end_session(store, cookie)
        accounts.audit(store, "logout", user=user, ip=client_ip(request))
    response = RedirectResponse("/login", status_code=303)
    clear_session_cookie(response, settings)
    return response


@router.get("/api/me")
def me(user: Annotated[User, Depends(current_user)]) -> dict[str, Any]:
    """The signed-in user: ``{"id", "name", "role", "via"}``, plus ``csrf`` for sessions."""
    out: dict[str, Any] = {"id": user.id, "name": user.name, "role": user.role, "via": user.via}
    if user.via == "session":
        out["csrf"] = user.csrf
    return out
