"""Request dependencies: the store, the signed-in user, role checks.

Every route except ``/health``, ``/openapi.json``, the docs and the login page needs a session
(browser) or an API token (``Authorization: Bearer ...``): :func:`current_user` answers 401
without one. :func:`require` answers 403 when the user's role is too weak.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from propwatch.serve.settings import ROLES, ServeSettings
from propwatch.store import Store

__all__ = ["User", "current_user", "get_settings", "get_store", "require"]


@dataclass(frozen=True, slots=True)
class User:
    id: int
    name: str
    role: str
    #: ``session`` (browser: unsafe methods need the CSRF token) or ``token`` (API).
    via: str
    #: The session's CSRF token (empty for API tokens).
    csrf: str = ""

    def can(self, role: str) -> bool:
        return ROLES.index(self.role) >= ROLES.index(role)


# The trivial dependencies are ``async def``: FastAPI runs a plain ``def`` dependency in its
# thread pool, a round trip between the event loop and a worker thread for each one on every
# request. Only :func:`current_user` (a database read, sometimes a write, the CSRF form) stays
# a plain function.


async def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


async def get_settings(request: Request) -> ServeSettings:
    settings: ServeSettings = request.app.state.settings
    return settings


#: Declares the Bearer scheme in /openapi.json (and an Authorize button on /docs); the check
#: itself is :func:`propwatch.serve.auth.authenticate` (token or session cookie).
_bearer = HTTPBearer(auto_error=False, description="An API token from `propwatch tokens create`")


def current_user(
    request: Request,
    store: Store = Depends(get_store),  # noqa: B008
    _token: HTTPAuthorizationCredentials | None = Depends(_bearer),  # noqa: B008
) -> User:
    """The signed-in user, or 401. Also checks CSRF on unsafe methods for sessions."""
    from propwatch.serve.auth import authenticate

    user = authenticate(request, store)
    if user is None:
        raise HTTPException(
            status_code=401,
            detail="Sign in, or send an API token: Authorization: Bearer <token>",
            headers={"WWW-Authenticate": "Bearer"},
        )
    request.state.user = user
    return user


def require(role: str) -> Callable[..., Awaitable[User]]:
    """A dependency that lets only ``role`` or stronger through (403 otherwise)."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")

    async def check(user: User = Depends(current_user)) -> User:  # noqa: B008
        if not user.can(role):
            raise HTTPException(
                status_code=403, detail=f"This needs the {role} role (you are {user.role})."
            )
        return user

    return check
