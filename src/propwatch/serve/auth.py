"""Who is asking: an API token (``Authorization: Bearer pw_...``) or a browser session.

* A request with an ``Authorization: Bearer`` header is judged by that token alone (a bad or
  revoked token answers 401 even if a session cookie is present). Tokens need no CSRF token.
* Otherwise the session cookie :data:`SESSION_COOKIE` (HttpOnly, SameSite=Lax, Secure when
  ``settings.secure_cookies``) identifies the user. On unsafe methods (POST, PUT, PATCH,
  DELETE) a session must also send its CSRF token, in the header :data:`CSRF_HEADER` or the
  form field :data:`CSRF_FIELD`; otherwise :func:`authenticate` raises 403. The form is read
  through Starlette's ``request.form()``, which caches it, so the route can still read it.
  Pages get the token as ``csrf`` in their template context (``<meta name="csrf-token">``).
"""

from __future__ import annotations

import hmac

import anyio.from_thread
from fastapi import HTTPException, Request, Response
from starlette.datastructures import FormData

from propwatch.serve.accounts import session_user, user_for_token
from propwatch.serve.deps import User
from propwatch.serve.settings import ServeSettings
from propwatch.store import Store

__all__ = [
    "CSRF_FIELD",
    "CSRF_HEADER",
    "SESSION_COOKIE",
    "UNSAFE_METHODS",
    "authenticate",
    "clear_session_cookie",
    "client_ip",
    "set_session_cookie",
]

SESSION_COOKIE = "propwatch_session"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
#: Form bodies whose ``csrf_token`` field is read. Multipart bodies (uploads) are not: reading
#: one here would spool a whole upload before its size limit applies, so uploads from a
#: session send the token in the X-CSRF-Token header (the pages' fetch() calls do).
_FORM_TYPES = ("application/x-www-form-urlencoded",)


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if header is None:
        return None
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" else ""


async def _read_form(request: Request) -> FormData:
    return await request.form()


def _form_csrf(request: Request) -> str:
    """The ``csrf_token`` field of a form body ("" for other bodies)."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type not in _FORM_TYPES:
        return ""
    try:
        form = anyio.from_thread.run(_read_form, request)
    except RuntimeError:  # not called from a worker thread: cannot wait for the body here
        return ""
    value = form.get(CSRF_FIELD)
    return value if isinstance(value, str) else ""


def _check_csrf(request: Request, user: User) -> None:
    sent = request.headers.get(CSRF_HEADER) or _form_csrf(request)
    if not user.csrf or not hmac.compare_digest(sent.encode(), user.csrf.encode()):
        raise HTTPException(
            status_code=403,
            detail=f"Missing or wrong CSRF token: send the session's token in the {CSRF_HEADER} "
            f"header or the {CSRF_FIELD} field of a url-encoded form (pages carry it in "
            '<meta name="csrf-token">), or use an API token instead of the session.',
        )


def authenticate(request: Request, store: Store) -> User | None:
    """The user of this request (API token or session cookie), or None.

    Raises 403 for a session request with an unsafe method and no valid CSRF token. Call it
    from a plain ``def`` dependency or route (it may wait for the form body)."""
    token = _bearer(request)
    if token is not None:
        return user_for_token(store, token) if token else None
    cookie = request.cookies.get(SESSION_COOKIE)
    if not cookie:
        return None
    user = session_user(store, cookie)
    if user is not None and request.method.upper() in UNSAFE_METHODS:
        _check_csrf(request, user)
    return user


def client_ip(request: Request) -> str | None:
    """The peer address (for the audit log); proxies' forwarding headers are not trusted."""
    return request.client.host if request.client else None


def set_session_cookie(response: Response, value: str, settings: ServeSettings) -> None:
    """Put the session cookie on ``response`` (HttpOnly, SameSite=Lax, Secure if configured)."""
    response.set_cookie(
        SESSION_COOKIE,
        value,
        max_age=max(1, settings.session_hours) * 3600,
        path="/",
        httponly=True,
        samesite="lax",
        secure=settings.secure_cookies,
    )


def clear_session_cookie(response: Response, settings: ServeSettings) -> None:
    """Remove the session cookie."""
    response.delete_cookie(
        SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=settings.secure_cookies
    )
