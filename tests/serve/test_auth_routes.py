"""Signing in and out over HTTP: 401 without credentials, sessions with CSRF, API tokens."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from propwatch.serve import accounts
from propwatch.serve.app import create_app
from propwatch.serve.settings import ServeSettings
from propwatch.store import Store

PASSWORD = "correct horse battery"


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(f"sqlite:///{tmp_path / 'ws.db'}")
    store: Store = app.state.store
    accounts.create_user(store, "alice", "analyst", PASSWORD)
    with TestClient(app) as test_client:
        yield test_client


def store_of(client: TestClient) -> Store:
    store: Store = client.app.state.store  # type: ignore[attr-defined]
    return store


def sign_in(client: TestClient, name: str = "alice", password: str = PASSWORD) -> str:
    """Sign in through the form; return the session's CSRF token."""
    assert client.get("/login").status_code == 200
    response = client.post("/login", data={"name": name, "password": password},
                           follow_redirects=False)
    assert response.status_code == 303, response.text
    me = client.get("/api/me").json()
    assert me["via"] == "session"
    csrf: str = me["csrf"]
    return csrf


def actions(client: TestClient) -> list[str]:
    _total, rows = accounts.audit_rows(store_of(client), limit=500)
    return [row["action"] for row in reversed(rows)]


def test_only_health_openapi_and_login_answer_without_credentials(client: TestClient) -> None:
    assert client.get("/health").status_code == 200
    assert client.get("/openapi.json").status_code == 200
    assert client.get("/login").status_code == 200
    response = client.get("/api/me")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    for path in ("/api/users", "/api/tokens", "/api/audit"):
        assert client.get(path).status_code == 401


def test_openapi_documents_the_account_routes(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/login", "/logout", "/api/me", "/api/users", "/api/users/{name}/disable",
                 "/api/tokens", "/api/tokens/{token_id}", "/api/audit", "/api/audit/export"):
        assert path in paths, path


def test_form_sign_in_sets_a_safe_cookie_and_redirects(client: TestClient) -> None:
    client.get("/login")
    response = client.post("/login", data={"name": "alice", "password": PASSWORD,
                                           "next": "/search?q=amaq"}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/search?q=amaq"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("propwatch_session=")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie
    me = client.get("/api/me").json()
    assert (me["name"], me["role"], me["via"]) == ("alice", "analyst", "session")
    assert len(me["csrf"]) >= 32
    assert actions(client) == ["login"]


def test_secure_cookies_setting_marks_the_cookie_secure(tmp_path: Path) -> None:
    settings = ServeSettings(secure_cookies=True)
    app = create_app(f"sqlite:///{tmp_path / 'ws.db'}", settings=settings)
    accounts.create_user(app.state.store, "alice", "viewer", PASSWORD)
    with TestClient(app) as client:
        response = client.post("/login", data={"name": "alice", "password": PASSWORD},
                               follow_redirects=False)
    assert response.status_code == 303 and "Secure" in response.headers["set-cookie"]


@pytest.mark.parametrize(
    "next_", ["//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:x"]
)
def test_sign_in_never_redirects_off_site(client: TestClient, next_: str) -> None:
    response = client.post("/login", data={"name": "alice", "password": PASSWORD,
                                           "next": next_}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/"


def test_failed_sign_in_is_generic_and_audited(client: TestClient) -> None:
    wrong = client.post("/login", data={"name": "alice", "password": "not it at all"})
    unknown = client.post("/login", data={"name": "mallory", "password": PASSWORD})
    assert wrong.status_code == unknown.status_code == 401
    assert "Wrong name or password." in wrong.text and "Wrong name or password." in unknown.text
    assert "propwatch_session" not in client.cookies
    assert client.get("/api/me").status_code == 401
    _total, rows = accounts.audit_rows(store_of(client), action="login_failed")
    assert sorted(r["target"] for r in rows) == ["alice", "mallory"]
    assert all(r["ip"] for r in rows)


def test_login_page_escapes_what_it_echoes(client: TestClient) -> None:
    page = client.get("/login", params={"next": '/x"><script>alert(1)</script>'})
    assert page.status_code == 200 and "<script>alert(1)" not in page.text
    failed = client.post("/login", data={"name": "<img src=x onerror=alert(1)>", "password": "x"})
    assert failed.status_code == 401 and "<img src=x" not in failed.text
    assert "&lt;img src=x" in failed.text


def test_session_needs_csrf_on_unsafe_methods(client: TestClient) -> None:
    csrf = sign_in(client)
    refused = client.post("/api/tokens", json={"name": "script"})
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    wrong = client.post("/api/tokens", json={"name": "script"}, headers={"X-CSRF-Token": "x"})
    assert wrong.status_code == 403
    created = client.post("/api/tokens", json={"name": "script"},
                          headers={"X-CSRF-Token": csrf})
    assert created.status_code == 201 and created.json()["token"].startswith("pw_")
    assert client.post("/logout", follow_redirects=False).status_code == 403
    assert client.get("/api/me").status_code == 200  # still signed in


def test_logout_with_form_csrf_field_ends_the_session(client: TestClient) -> None:
    csrf = sign_in(client)
    cookie = client.cookies["propwatch_session"]
    response = client.post("/logout", data={"csrf_token": csrf}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login"
    assert client.get("/api/me").status_code == 401
    client.cookies.set("propwatch_session", cookie)  # a stolen copy of the old cookie
    assert client.get("/api/me").status_code == 401
    assert actions(client) == ["login", "logout"]


def test_logout_with_csrf_header(client: TestClient) -> None:
    csrf = sign_in(client)
    assert client.post("/logout", headers={"X-CSRF-Token": csrf},
                       follow_redirects=False).status_code == 303
    assert client.get("/api/me").status_code == 401


def test_bearer_token_works_without_csrf_until_revoked(client: TestClient) -> None:
    token = accounts.create_token(store_of(client), "alice", "ci")
    auth = {"Authorization": f"Bearer {token}"}
    me = client.get("/api/me", headers=auth).json()
    assert (me["name"], me["via"]) == ("alice", "token") and "csrf" not in me
    created = client.post("/api/tokens", json={"name": "second"}, headers=auth)
    assert created.status_code == 201
    token_id = accounts.list_tokens(store_of(client), "alice")[-1]["id"]
    assert client.delete(f"/api/tokens/{token_id}", headers=auth).status_code == 204
    assert client.get("/api/me", headers=auth).status_code == 401
    assert client.get("/api/me", headers={"Authorization": "Bearer pw_madeup"}).status_code == 401


def test_a_bad_token_is_not_rescued_by_a_session_cookie(client: TestClient) -> None:
    sign_in(client)
    assert client.get("/api/me", headers={"Authorization": "Bearer pw_nope"}).status_code == 401
    assert client.get("/api/me", headers={"Authorization": "Basic YTpi"}).status_code == 401


def test_disabled_users_lose_their_session(client: TestClient) -> None:
    accounts.create_user(store_of(client), "root", "admin", PASSWORD)
    sign_in(client)
    accounts.disable_user(store_of(client), "alice")
    assert client.get("/api/me").status_code == 401
    response = client.post("/login", data={"name": "alice", "password": PASSWORD})
    assert response.status_code == 401


def test_sign_in_is_throttled_after_five_failures(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    for _ in range(5):
        assert client.post("/login", data={"name": "alice", "password": "bad guess"}
                           ).status_code == 401
    blocked = client.post("/login", data={"name": "alice", "password": PASSWORD},
                          follow_redirects=False)
    assert blocked.status_code == 429 and "Wait a minute" in blocked.text
    assert client.get("/api/me").status_code == 401
    other = client.post("/login", data={"name": "bob", "password": "whatever1"})
    assert other.status_code == 401  # other names are not blocked
    later = accounts._now() + timedelta(minutes=2)
    monkeypatch.setattr(accounts, "_now", lambda: later)
    allowed = client.post("/login", data={"name": "alice", "password": PASSWORD},
                          follow_redirects=False)
    assert allowed.status_code == 303
    assert "login_throttled" in actions(client)


def test_cross_site_sign_in_is_refused(client: TestClient) -> None:
    response = client.post("/login", data={"name": "alice", "password": PASSWORD},
                           headers={"Sec-Fetch-Site": "cross-site"}, follow_redirects=False)
    assert response.status_code == 403 and "propwatch_session" not in client.cookies


def test_signed_in_users_skip_the_login_form(client: TestClient) -> None:
    sign_in(client)
    response = client.get("/login", params={"next": "/alerts"}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/alerts"


    assert response.status_code == 303 and response.headers["location"] == "/alerts"


def test_every_response_tells_browsers_not_to_sniff_content_types(client: TestClient) -> None:
    # Uploaded or stored text must never be reinterpreted by a browser as HTML or script.
    for response in (
        client.get("/health"),
        client.get("/api/search?q=x"),  # 401 without credentials
        client.get("/static/app.css"),
        client.get("/no-such-page"),
    ):
        assert response.headers.get_list("x-content-type-options") == ["nosniff"], response.url
