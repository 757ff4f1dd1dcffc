"""Accounts: hashed passwords, tokens, sessions, the audit log (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from propwatch.errors import UsageError
from propwatch.serve import accounts
from propwatch.store import Store, schema

PASSWORD = "correct horse battery"


def test_password_is_stored_as_argon2id_hash(store: Store) -> None:
    user_id = accounts.create_user(store, "alice", "analyst", PASSWORD)
    with store.engine.connect() as conn:
        stored = conn.execute(
            select(schema.users.c.password_hash).where(schema.users.c.id == user_id)
        ).scalar_one()
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored
    user = accounts.verify_password(store, "alice", PASSWORD)
    assert user is not None and (user.id, user.name, user.role) == (user_id, "alice", "analyst")


def test_wrong_password_unknown_user_and_disabled_user_are_rejected(store: Store) -> None:
    accounts.create_user(store, "admin1", "admin", PASSWORD)
    accounts.create_user(store, "bob", "viewer", PASSWORD)
    assert accounts.verify_password(store, "bob", "wrong password") is None
    assert accounts.verify_password(store, "nobody", PASSWORD) is None
    assert accounts.verify_password(store, "bob", PASSWORD + "x" * 5000) is None
    accounts.disable_user(store, "bob")
    assert accounts.verify_password(store, "bob", PASSWORD) is None
    accounts.enable_user(store, "bob")
    assert accounts.verify_password(store, "bob", PASSWORD) is not None


@pytest.mark.parametrize(
    ("name", "role", "password", "message"),
    [
        ("", "viewer", PASSWORD, "1 to 100"),
        ("x" * 101, "viewer", PASSWORD, "1 to 100"),
        ("evil\nname", "viewer", PASSWORD, "control"),
        ("rtl\u202ename", "viewer", PASSWORD, "control"),
        (" padded", "viewer", PASSWORD, "space"),
        ("carol", "superuser", PASSWORD, "unknown role"),
        ("carol", "viewer", "short", "at least 8"),
    ],
)
def test_invalid_accounts_are_refused_clearly(
    store: Store, name: str, role: str, password: str, message: str
) -> None:
    with pytest.raises(UsageError, match=message):
        accounts.create_user(store, name, role, password)
    assert accounts.list_users(store) == []


def test_duplicate_user_is_refused(store: Store) -> None:
    accounts.create_user(store, "dana", "viewer", PASSWORD)
    with pytest.raises(accounts.UserExists, match="already exists"):
        accounts.create_user(store, "dana", "admin", PASSWORD)
    assert [u["role"] for u in accounts.list_users(store)] == ["viewer"]


def test_last_admin_cannot_be_disabled(store: Store) -> None:
    accounts.create_user(store, "root", "admin", PASSWORD)
    with pytest.raises(UsageError, match="last enabled admin"):
        accounts.disable_user(store, "root")
    accounts.create_user(store, "root2", "admin", PASSWORD)
    accounts.disable_user(store, "root")
    assert {u["name"]: u["disabled"] for u in accounts.list_users(store)} == {
        "root": True, "root2": False,
    }  # fmt: skip


def test_set_password_changes_it_and_ends_sessions(store: Store) -> None:
    user_id = accounts.create_user(store, "erin", "viewer", PASSWORD)
    cookie, _ = accounts.create_session(store, user_id, 12)
    accounts.set_password(store, "erin", "a new password")
    assert accounts.verify_password(store, "erin", PASSWORD) is None
    assert accounts.verify_password(store, "erin", "a new password") is not None
    assert accounts.session_user(store, cookie) is None
    with pytest.raises(accounts.UnknownAccount):
        accounts.set_password(store, "nobody", "a new password")


def test_tokens_are_stored_hashed_and_can_be_revoked(store: Store) -> None:
    accounts.create_user(store, "frank", "analyst", PASSWORD)
    token = accounts.create_token(store, "frank", "nightly export")
    assert token.startswith("pw_") and len(token) > 40
    with store.engine.connect() as conn:
        digests = conn.execute(select(schema.api_tokens.c.token_sha256)).scalars().all()
    assert token not in digests and len(digests[0]) == 64
    user = accounts.user_for_token(store, token)
    assert user is not None and (user.name, user.role, user.via) == ("frank", "analyst", "token")
    assert accounts.user_for_token(store, token + "x") is None
    assert accounts.user_for_token(store, "not-a-token") is None
    (listed,) = accounts.list_tokens(store, "frank")
    assert listed["name"] == "nightly export" and listed["last_used"] is not None
    assert "token" not in listed
    accounts.revoke_token(store, listed["id"])
    assert accounts.user_for_token(store, token) is None
    assert accounts.list_tokens(store)[0]["revoked"] is True
    with pytest.raises(accounts.UnknownAccount):
        accounts.revoke_token(store, 9999)


def test_revoke_with_owner_only_touches_own_tokens(store: Store) -> None:
    accounts.create_user(store, "gina", "viewer", PASSWORD)
    accounts.create_user(store, "hank", "viewer", PASSWORD)
    token_id, token = accounts.issue_token(store, "gina")
    with pytest.raises(accounts.UnknownAccount):
        accounts.revoke_token(store, token_id, owner="hank")
    assert accounts.user_for_token(store, token) is not None
    accounts.revoke_token(store, token_id, owner="gina")
    assert accounts.user_for_token(store, token) is None


def test_tokens_of_disabled_users_stop_working(store: Store) -> None:
    accounts.create_user(store, "root", "admin", PASSWORD)
    accounts.create_user(store, "ivan", "viewer", PASSWORD)
    token = accounts.create_token(store, "ivan")
    accounts.disable_user(store, "ivan")
    assert accounts.user_for_token(store, token) is None
    with pytest.raises(UsageError, match="disabled"):
        accounts.create_token(store, "ivan")
    with pytest.raises(accounts.UnknownAccount):
        accounts.create_token(store, "nobody")


def test_sessions_expire_and_end(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    user_id = accounts.create_user(store, "jane", "viewer", PASSWORD)
    cookie, csrf = accounts.create_session(store, user_id, 2)
    user = accounts.session_user(store, cookie)
    assert user is not None and user.via == "session" and user.csrf == csrf
    with store.engine.connect() as conn:
        ids = conn.execute(select(schema.sessions.c.id)).scalars().all()
    assert cookie not in ids  # only a digest of the cookie is stored
    later = accounts._now() + timedelta(hours=3)
    monkeypatch.setattr(accounts, "_now", lambda: later)
    assert accounts.session_user(store, cookie) is None
    with store.engine.connect() as conn:
        assert conn.execute(select(schema.sessions.c.id)).all() == []  # expired: deleted
    monkeypatch.undo()
    cookie, _ = accounts.create_session(store, user_id, 2)
    accounts.end_session(store, cookie)
    assert accounts.session_user(store, cookie) is None


def test_audit_rows_filter_and_paginate(store: Store) -> None:
    for n in range(7):
        accounts.audit(store, "search", user="kim", target=f"query {n}", detail={"hits": n},
                       ip="10.0.0.1")
    accounts.audit(store, "export", user="lee", target="messages")
    total, page = accounts.audit_rows(store, action="search", limit=3, offset=0)
    assert total == 7 and [r["target"] for r in page] == ["query 6", "query 5", "query 4"]
    total, page = accounts.audit_rows(store, action="search", limit=3, offset=6)
    assert total == 7 and [r["detail"] for r in page] == [{"hits": 0}]
    total, page = accounts.audit_rows(store, user="lee")
    assert total == 1 and page[0]["action"] == "export" and page[0]["at"].endswith("Z")
    future = accounts._now() + timedelta(days=1)
    assert accounts.audit_rows(store, since=future) == (0, [])
    assert accounts.audit_rows(store, until=future)[0] == 8
    exported = list(accounts.iter_audit(store, action="search", batch=2))
    assert [r["target"] for r in exported] == [f"query {n}" for n in range(7)]


def test_login_throttle_counts_recent_failures(store: Store) -> None:
    now = accounts._now()
    for _ in range(4):
        accounts.audit(store, "login_failed", target="mona")
    assert not accounts.login_throttled(store, "mona")
    accounts.audit(store, "login_failed", target="mona")
    assert accounts.login_throttled(store, "mona")
    assert not accounts.login_throttled(store, "other")
    assert not accounts.login_throttled(store, "mona", now + timedelta(minutes=2))
