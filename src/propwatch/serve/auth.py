"""Authentication (STUB: the full version, with argon2 passwords, sessions, CSRF and API
tokens, is being written)."""

from __future__ import annotations

from fastapi import Request

from propwatch.serve.deps import User
from propwatch.store import Store

__all__ = ["authenticate"]


def authenticate(request: Request, store: Store) -> User | None:
    """The user of this request (API token or session cookie), or None."""
    return None
