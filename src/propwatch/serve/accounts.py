"""Accounts of the workspace: users, passwords, API tokens, browser sessions, the audit log.

* **Passwords** are hashed with argon2id (``argon2-cffi``'s recommended parameters); only the
  hash is stored. :func:`verify_password` hashes a dummy when the name is unknown or the
  account disabled, so answering takes about as long either way.
* **API tokens** are ``pw_`` + 43 random URL-safe characters, shown once; only their SHA-256
  is stored. ``last_used`` is updated at most once a minute.
* **Sessions**: the cookie holds a random value; the database holds its SHA-256, the user, a
  per-session CSRF token and an expiry. Expired sessions are refused and deleted.
* **Audit log**: :func:`audit` appends one row (who, what, target, JSON detail, IP); searches
  are handed to a background writer (``defer=True``, :mod:`propwatch.serve.audit_queue`).
  :data:`AUDIT_ACTIONS` lists the actions propwatch writes.

Invalid values (unknown role, short password, duplicate name...) raise
:class:`~propwatch.errors.UsageError` subclasses with a clear message.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import unicodedata
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import ColumnElement, and_, delete, func, select, update
from sqlalchemy.exc import IntegrityError

from propwatch.errors import UsageError
from propwatch.serve import audit_queue
from propwatch.serve.deps import User
from propwatch.serve.settings import ROLES
from propwatch.store import Store, schema

__all__ = [
    "AUDIT_ACTIONS",
    "MAX_PASSWORD",
    "MIN_PASSWORD",
    "TOKEN_PREFIX",
    "UnknownAccount",
    "UserExists",
    "audit",
    "audit_rows",
    "create_session",
    "create_token",
    "create_user",
    "disable_user",
    "enable_user",
    "end_session",
    "issue_token",
    "iter_audit",
    "list_tokens",
    "list_users",
    "login_throttled",
    "revoke_token",
    "session_user",
    "set_password",
    "user_for_token",
    "verify_password",
]

#: Audit actions propwatch writes. Others may be added; the column holds up to 32 characters.
AUDIT_ACTIONS: tuple[str, ...] = (
    "login", "login_failed", "login_throttled", "logout", "search", "export", "media_reveal",
    "label", "ingest", "user_add", "user_disable", "user_enable", "user_password",
    "token_create", "token_revoke", "alert_rule_change", "reference_event_change",
)  # fmt: skip

MIN_PASSWORD = 8
#: Longer passwords are refused (hashing megabytes on every sign-in is a denial of service).
MAX_PASSWORD = 1024
TOKEN_PREFIX = "pw_"
_MAX_TOKEN = 200
_MAX_NAME = 100
_TOUCH_EVERY = timedelta(minutes=1)

#: Sign-in throttle: this many failures for one name within the window...
THROTTLE_FAILURES = 5
THROTTLE_WINDOW = timedelta(minutes=5)
#: ... refuse that name until this long after the last failure.
THROTTLE_LOCK = timedelta(minutes=1)

_hasher = PasswordHasher()  # argon2id, RFC 9106 low-memory profile
_DUMMY_HASH = _hasher.hash("propwatch-dummy-password")


class UserExists(UsageError):
    """A user of that name already exists."""


class UnknownAccount(UsageError):
    """No such user (or token)."""


def _now() -> datetime:
    """Naive UTC now (the store keeps naive UTC). Tests may replace it."""
    return datetime.now(UTC).replace(tzinfo=None)


def _iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat() + "Z"


def _naive(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


def _sha256(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()


def _bad_char(text: str) -> bool:
    """Control, format (bidi overrides, zero-width) or line/paragraph separator characters."""
    return any(unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Zl", "Zp"} for ch in text)


def _check_label(value: str, what: str) -> str:
    if not value or len(value) > _MAX_NAME:
        raise UsageError(f"{what} must be 1 to {_MAX_NAME} characters long")
    if _bad_char(value):
        raise UsageError(f"{what} must not contain control or invisible formatting characters")
    if value != value.strip():
        raise UsageError(f"{what} must not start or end with a space")
    return value


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise UsageError(f"unknown role {role!r}: use one of {', '.join(ROLES)}")
    return role


def _check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise UsageError(f"the password must have at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise UsageError(f"the password must have at most {MAX_PASSWORD} characters")
    return password


def _user_id(conn: Any, name: str) -> int:
    row = conn.execute(select(schema.users.c.id).where(schema.users.c.name == name)).first()
    if row is None:
        raise UnknownAccount(f"no user named {name!r}", hint="See `propwatch users list`.")
    return int(row[0])


# -- users ---------------------------------------------------------------------------------


def create_user(store: Store, name: str, role: str, password: str) -> int:
    """Add a user; return its id. Raises :class:`UserExists` or :class:`UsageError`."""
    _check_label(name, "the user name")
    _check_role(role)
    _check_password(password)
    hashed = _hasher.hash(password)
    u = schema.users
    try:
        with store.engine.begin() as conn:
            if conn.execute(select(u.c.id).where(u.c.name == name)).first() is not None:
                raise UserExists(f"a user named {name!r} already exists",
                                 hint="Pick another name, or `propwatch users passwd NAME`.")
            result = conn.execute(
                u.insert().values(
                    name=name, role=role, password_hash=hashed, created_at=_now(), disabled=0
                )
            )
            pk = result.inserted_primary_key
    except IntegrityError:  # created concurrently
        raise UserExists(f"a user named {name!r} already exists") from None
    return int(pk[0]) if pk else 0


def set_password(store: Store, name: str, password: str) -> None:
    """Change a user's password and end all of their sessions (their API tokens stay)."""
    _check_password(password)
    hashed = _hasher.hash(password)
    with store.engine.begin() as conn:
        user_id = _user_id(conn, name)
        conn.execute(
            update(schema.users).where(schema.users.c.id == user_id).values(password_hash=hashed)
        )
        conn.execute(delete(schema.sessions).where(schema.sessions.c.user_id == user_id))


def disable_user(store: Store, name: str) -> None:
    """Disable an account: its sessions end, its tokens stop working. The last enabled admin
    cannot be disabled (nobody could manage users any more)."""
    u = schema.users
    with store.engine.begin() as conn:
        user_id = _user_id(conn, name)
        row = conn.execute(select(u.c.role, u.c.disabled).where(u.c.id == user_id)).one()
        if row.role == "admin" and not row.disabled:
            admins = conn.execute(
                select(func.count()).select_from(u).where(u.c.role == "admin", u.c.disabled == 0)
            ).scalar_one()
            if admins <= 1:
                raise UsageError(f"{name!r} is the last enabled admin and cannot be disabled",
                                 hint="Add another admin first.")
        conn.execute(update(u).where(u.c.id == user_id).values(disabled=1))
        conn.execute(delete(schema.sessions).where(schema.sessions.c.user_id == user_id))


def enable_user(store: Store, name: str) -> None:
    """Enable a disabled account again."""
    with store.engine.begin() as conn:
        user_id = _user_id(conn, name)
        conn.execute(update(schema.users).where(schema.users.c.id == user_id).values(disabled=0))


def list_users(store: Store) -> list[dict[str, Any]]:
    """All users by name: ``{"id", "name", "role", "created_at", "disabled"}``."""
    u = schema.users
    stmt = select(u.c.id, u.c.name, u.c.role, u.c.created_at, u.c.disabled).order_by(u.c.name)
    with store.engine.connect() as conn:
        rows = conn.execute(stmt).all()
    return [
        {
            "id": int(r.id),
            "name": r.name,
            "role": r.role,
            "created_at": _iso(r.created_at),
            "disabled": bool(r.disabled),
        }
        for r in rows
    ]


def verify_password(store: Store, name: str, password: str) -> User | None:
    """The enabled user ``name`` if ``password`` is theirs, else None (``via="password"``).

    A dummy hash is checked when the user does not exist, so timing reveals little."""
    u = schema.users
    row = None
    if 0 < len(name) <= _MAX_NAME and len(password) <= MAX_PASSWORD:
        with store.engine.connect() as conn:
            row = conn.execute(
                select(u.c.id, u.c.name, u.c.role, u.c.password_hash, u.c.disabled).where(
                    u.c.name == name
                )
            ).first()
    stored = row.password_hash if row is not None else _DUMMY_HASH
    try:
        _hasher.verify(stored, password[:MAX_PASSWORD])
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if row is None or row.disabled:
        return None
    if _hasher.check_needs_rehash(stored):
        with store.engine.begin() as conn:
            conn.execute(
                update(u).where(u.c.id == row.id).values(password_hash=_hasher.hash(password))
            )
    return User(id=int(row.id), name=row.name, role=row.role, via="password")


def login_throttled(store: Store, name: str, now: datetime | None = None) -> bool:
    """True when ``name`` had :data:`THROTTLE_FAILURES` failed sign-ins within
    :data:`THROTTLE_WINDOW` and the last one is less than :data:`THROTTLE_LOCK` ago.

    Counts ``login_failed`` rows of the audit log, so it holds across server processes."""
    now = _naive(now) or _now()
    a = schema.audit_log
    with store.engine.connect() as conn:
        count, last = conn.execute(
            select(func.count(), func.max(a.c.at)).where(
                a.c.action == "login_failed",
                a.c.target == name[:_MAX_NAME],
                a.c.at > now - THROTTLE_WINDOW,
                a.c.at <= now,
            )
        ).one()
    return bool(count >= THROTTLE_FAILURES and last is not None and now - last < THROTTLE_LOCK)


# -- API tokens ----------------------------------------------------------------------------


def issue_token(store: Store, user_name: str, name: str | None = None) -> tuple[int, str]:
    """Create an API token for ``user_name``; return ``(token id, token)``. The token is not
    stored (only its SHA-256): show it once."""
    if name is not None:
        _check_label(name, "the token name")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    u = schema.users
    with store.engine.begin() as conn:
        row = conn.execute(select(u.c.id, u.c.disabled).where(u.c.name == user_name)).first()
        if row is None:
            raise UnknownAccount(f"no user named {user_name!r}", hint="See `propwatch users list`.")
        if row.disabled:
            raise UsageError(f"user {user_name!r} is disabled",
                             hint="Enable it first: `propwatch users enable NAME`.")
        result = conn.execute(
            schema.api_tokens.insert().values(
                user_id=row.id, token_sha256=_sha256(token), name=name, created_at=_now(),
                revoked=0,
            )
        )
        pk = result.inserted_primary_key
    return (int(pk[0]) if pk else 0), token


def create_token(store: Store, user_name: str, name: str | None = None) -> str:
    """Create an API token for ``user_name`` and return it (shown once; see :func:`issue_token`)."""
    return issue_token(store, user_name, name)[1]


def revoke_token(store: Store, token_id: int, *, owner: str | None = None) -> None:
    """Revoke token ``token_id`` (only if it belongs to ``owner``, when given).
    Raises :class:`UnknownAccount` when there is no such token."""
    t, u = schema.api_tokens, schema.users
    cond: list[ColumnElement[bool]] = [t.c.id == token_id]
    with store.engine.begin() as conn:
        if owner is not None:
            cond.append(t.c.user_id == select(u.c.id).where(u.c.name == owner).scalar_subquery())
        done = conn.execute(update(t).where(and_(*cond)).values(revoked=1))
        if done.rowcount == 0:
            raise UnknownAccount(f"no token with id {token_id}",
                                 hint="See `propwatch tokens list`.")


def list_tokens(store: Store, user_name: str | None = None) -> list[dict[str, Any]]:
    """Tokens (never their value), newest first: ``{"id", "user", "name", "created_at",
    "last_used", "revoked"}``; all users' when ``user_name`` is None."""
    t, u = schema.api_tokens, schema.users
    stmt = (
        select(t.c.id, u.c.name.label("user"), t.c.name, t.c.created_at, t.c.last_used,
               t.c.revoked)
        .join(u, u.c.id == t.c.user_id)
        .order_by(t.c.id.desc())
    )
    if user_name is not None:
        stmt = stmt.where(u.c.name == user_name)
    with store.engine.connect() as conn:
        rows = conn.execute(stmt).all()
    return [
        {
            "id": int(r.id),
            "user": r.user,
            "name": r.name,
            "created_at": _iso(r.created_at),
            "last_used": _iso(r.last_used),
            "revoked": bool(r.revoked),
        }
        for r in rows
    ]


def user_for_token(store: Store, token: str) -> User | None:
    """The enabled owner of a valid, unrevoked token (``via="token"``), else None."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > _MAX_TOKEN:
        return None
    t, u = schema.api_tokens, schema.users
    digest = _sha256(token)
    stmt = (
        select(t.c.id.label("tid"), t.c.token_sha256, t.c.last_used, u.c.id, u.c.name, u.c.role)
        .join(u, u.c.id == t.c.user_id)
        .where(t.c.token_sha256 == digest, t.c.revoked == 0, u.c.disabled == 0)
    )
    with store.engine.connect() as conn:
        row = conn.execute(stmt).first()
    if row is None or not hmac.compare_digest(row.token_sha256, digest):
        return None
    now = _now()
    if row.last_used is None or now - row.last_used >= _TOUCH_EVERY:
        with store.engine.begin() as conn:
            conn.execute(update(t).where(t.c.id == row.tid).values(last_used=now))
    return User(id=int(row.id), name=row.name, role=row.role, via="token")


# -- sessions ------------------------------------------------------------------------------


def create_session(store: Store, user_id: int, hours: int) -> tuple[str, str]:
    """Start a browser session for ``user_id`` lasting ``hours``; return ``(cookie value,
    CSRF token)``. Expired sessions of every user are cleaned up on the way."""
    cookie = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    now = _now()
    s = schema.sessions
    with store.engine.begin() as conn:
        conn.execute(delete(s).where(s.c.expires_at <= now))
        conn.execute(
            s.insert().values(
                id=_sha256(cookie), user_id=user_id, csrf=csrf, created_at=now,
                expires_at=now + timedelta(hours=max(1, hours)),
            )
        )
    return cookie, csrf


def session_user(store: Store, cookie_value: str) -> User | None:
    """The enabled user of a live session (``via="session"``, with its CSRF token), else None.
    An expired session is deleted."""
    if not cookie_value or len(cookie_value) > _MAX_TOKEN:
        return None
    s, u = schema.sessions, schema.users
    sid = _sha256(cookie_value)
    stmt = (
        select(s.c.csrf, s.c.expires_at, u.c.id, u.c.name, u.c.role, u.c.disabled)
        .join(u, u.c.id == s.c.user_id)
        .where(s.c.id == sid)
    )
    with store.engine.connect() as conn:
        row = conn.execute(stmt).first()
    if row is None:
        return None
    if row.expires_at <= _now() or row.disabled:
        end_session(store, cookie_value)
        return None
    return User(id=int(row.id), name=row.name, role=row.role, via="session", csrf=row.csrf)


def end_session(store: Store, cookie_value: str) -> None:
    """Delete the session of this cookie value (nothing happens when there is none)."""
    with store.engine.begin() as conn:
        conn.execute(delete(schema.sessions).where(schema.sessions.c.id == _sha256(cookie_value)))


# -- audit log -----------------------------------------------------------------------------


def audit(
    store: Store,
    action: str,
    *,
    user: User | str | None = None,
    target: str | int | None = None,
    detail: Any = None,
    ip: str | None = None,
    defer: bool = False,
) -> None:
    """Append a row to the audit log, in its own transaction.

    ``action``: one of :data:`AUDIT_ACTIONS` (or another name of at most 32 characters);
    ``user``: who (a :class:`User` or a name); ``target``: what (an id, a query, a file...);
    ``detail``: anything JSON-serializable; ``ip``: the client address. ``defer``: hand the
    row to a background writer (:mod:`propwatch.serve.audit_queue`) that writes within a
    fraction of a second, many rows per transaction (searches); the time recorded is now."""
    if not action or len(action) > 32:
        raise ValueError(f"audit action must be 1 to 32 characters: {action!r}")
    user_name = user.name if isinstance(user, User) else user
    row = {
        "at": _now(),
        "user_name": user_name[:_MAX_NAME] if user_name is not None else None,
        "action": action,
        "target": str(target)[:2000] if target is not None else None,
        "detail": detail,
        "ip": ip[:64] if ip else None,
    }
    if defer:
        audit_queue.queue_for(store).add(row)
        return
    with store.engine.begin() as conn:
        conn.execute(schema.audit_log.insert().values(**row))


def _audit_where(
    since: datetime | None, until: datetime | None, action: str | None, user: str | None
) -> list[ColumnElement[bool]]:
    a = schema.audit_log
    cond: list[ColumnElement[bool]] = []
    if since is not None:
        cond.append(a.c.at >= _naive(since))
    if until is not None:
        cond.append(a.c.at < _naive(until))
    if action:
        cond.append(a.c.action == action)
    if user:
        cond.append(a.c.user_name == user)
    return cond


def _audit_dict(row: Any) -> dict[str, Any]:
    return {
        "id": int(row.id),
        "at": _iso(row.at),
        "user": row.user_name,
        "action": row.action,
        "target": row.target,
        "detail": row.detail,
        "ip": row.ip,
    }


def _audit_select() -> Any:
    a = schema.audit_log
    return select(a.c.id, a.c.at, a.c.user_name, a.c.action, a.c.target, a.c.detail, a.c.ip)


def audit_rows(
    store: Store,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    action: str | None = None,
    user: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[int, list[dict[str, Any]]]:
    """``(total matching, one page newest first)``; ``until`` is exclusive. Rows are
    ``{"id", "at", "user", "action", "target", "detail", "ip"}``. Newest by ``at``: a deferred
    search row can be written (get its id) a moment after a later sign-in's."""
    audit_queue.flush(store)
    a = schema.audit_log
    cond = _audit_where(since, until, action, user)
    limit = max(0, min(limit, 10_000))
    offset = max(0, offset)
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(a).where(*cond)).scalar_one()
        rows = conn.execute(
            _audit_select()
            .where(*cond)
            .order_by(a.c.at.desc(), a.c.id.desc())
            .limit(limit)
            .offset(offset)
        ).all()
    return int(total), [_audit_dict(r) for r in rows]


def iter_audit(
    store: Store,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    action: str | None = None,
    user: str | None = None,
    batch: int = 1000,
) -> Iterator[dict[str, Any]]:
    """Every matching audit row, oldest first, fetched ``batch`` at a time (for exports)."""
    audit_queue.flush(store)
    a = schema.audit_log
    cond = _audit_where(since, until, action, user)
    last = 0
    while True:
        with store.engine.connect() as conn:
            rows = conn.execute(
                _audit_select().where(*cond, a.c.id > last).order_by(a.c.id).limit(batch)
            ).all()
        for row in rows:
            yield _audit_dict(row)
        if len(rows) < batch:
            return
        last = int(rows[-1].id)
