"""Users, tokens and the audit log over the API: roles enforced, pagination, exports."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from propwatch.serve import accounts
from propwatch.serve.app import create_app
from propwatch.store import Store

PASSWORD = "correct horse battery"


class Clients:
    def __init__(self, client: TestClient, store: Store) -> None:
        self.client = client
        self.store = store
        self.headers: dict[str, dict[str, str]] = {}
        for name, role in (("root", "admin"), ("ana", "analyst"), ("vic", "viewer")):
            accounts.create_user(store, name, role, PASSWORD)
            token = accounts.create_token(store, name, "tests")
            self.headers[role] = {"Authorization": f"Bearer {token}"}


@pytest.fixture
def api(tmp_path: Path) -> Iterator[Clients]:
    app = create_app(f"sqlite:///{tmp_path / 'ws.db'}")
    with TestClient(app) as client:
        yield Clients(client, app.state.store)


def test_viewers_and_analysts_cannot_manage_users_or_read_the_audit_log(api: Clients) -> None:
    c = api.client
    for role in ("viewer", "analyst"):
        h = api.headers[role]
        for path in ("/api/users", "/api/audit", "/api/audit/export?format=csv"):
            response = c.get(path, headers=h)
            assert response.status_code == 403, (role, path)
            assert "admin role" in response.json()["detail"]
        new = {"name": "eve", "role": "admin", "password": PASSWORD}
        assert c.post("/api/users", json=new, headers=h).status_code == 403
        assert c.post("/api/users/root/disable", headers=h).status_code == 403
    assert [u["name"] for u in accounts.list_users(api.store)] == ["ana", "root", "vic"]


def test_admin_adds_users_who_can_then_sign_in(api: Clients) -> None:
    c, h = api.client, api.headers["admin"]
    created = c.post("/api/users", json={"name": "nadia", "role": "viewer",
                                         "password": PASSWORD}, headers=h)
    assert created.status_code == 201 and created.json()["role"] == "viewer"
    duplicate = c.post("/api/users", json={"name": "nadia", "role": "admin",
                                           "password": PASSWORD}, headers=h)
    assert duplicate.status_code == 409 and "already exists" in duplicate.json()["detail"]
    for bad in ({"name": "x", "role": "owner", "password": PASSWORD},
                {"name": "x", "role": "viewer", "password": "short"},
                {"name": "bad\x00name", "role": "viewer", "password": PASSWORD}):
        assert c.post("/api/users", json=bad, headers=h).status_code == 422, bad
    listing = c.get("/api/users", headers=h).json()
    assert listing["total"] == 4 and listing["limit"] == 50 and listing["offset"] == 0
    assert {u["name"]: u["role"] for u in listing["users"]}["nadia"] == "viewer"
    assert "password_hash" not in listing["users"][0]
    signed_in = c.post("/login", data={"name": "nadia", "password": PASSWORD},
                       follow_redirects=False)
    assert signed_in.status_code == 303
    _total, rows = accounts.audit_rows(api.store, action="user_add")
    assert [(r["user"], r["target"]) for r in rows] == [("root", "nadia")]


def test_disabling_a_user_stops_their_token(api: Clients) -> None:
    c, h = api.client, api.headers["admin"]
    assert c.get("/api/me", headers=api.headers["viewer"]).status_code == 200
    response = c.post("/api/users/vic/disable", headers=h)
    assert response.status_code == 200 and response.json()["disabled"] is True
    assert c.get("/api/me", headers=api.headers["viewer"]).status_code == 401
    assert c.post("/api/users/nobody/disable", headers=h).status_code == 404
    assert c.post("/api/users/vic/enable", headers=h).status_code == 200
    assert c.get("/api/me", headers=api.headers["viewer"]).status_code == 200
    assert c.post("/api/users/root/disable", headers=h).status_code == 422  # last admin


def test_users_manage_only_their_own_tokens(api: Clients) -> None:
    c = api.client
    vic, ana, root = api.headers["viewer"], api.headers["analyst"], api.headers["admin"]
    made = c.post("/api/tokens", json={"name": "laptop"}, headers=vic)
    assert made.status_code == 201 and made.json()["user"] == "vic"
    mine = c.get("/api/tokens", headers=vic).json()
    assert mine["total"] == 2 and {t["user"] for t in mine["tokens"]} == {"vic"}
    assert all("token" not in t for t in mine["tokens"])
    assert c.get("/api/tokens", params={"user": "ana"}, headers=vic).status_code == 403
    assert c.post("/api/tokens", json={"user": "ana"}, headers=vic).status_code == 403
    ana_token = c.get("/api/tokens", headers=ana).json()["tokens"][0]["id"]
    assert c.delete(f"/api/tokens/{ana_token}", headers=vic).status_code == 404
    assert c.get("/api/me", headers=ana).status_code == 200
    assert c.get("/api/tokens", params={"user": "ana"}, headers=root).json()["total"] == 1
    for_ana = c.post("/api/tokens", json={"user": "ana", "name": "by admin"}, headers=root)
    assert for_ana.status_code == 201 and for_ana.json()["user"] == "ana"
    assert c.delete(f"/api/tokens/{ana_token}", headers=root).status_code == 204
    assert c.get("/api/me", headers=ana).status_code == 401
    new_ana = {"Authorization": f"Bearer {for_ana.json()['token']}"}
    assert c.get("/api/me", headers=new_ana).json()["name"] == "ana"


def test_audit_log_filters_and_paginates(api: Clients) -> None:
    for n in range(120):
        accounts.audit(api.store, "search", user="ana", target=f"q{n}")
    accounts.audit(api.store, "media_reveal", user="vic", target="message 7")
    c, h = api.client, api.headers["admin"]
    page = c.get("/api/audit", params={"action": "search", "limit": 50, "offset": 100},
                 headers=h).json()
    assert (page["total"], page["limit"], page["offset"]) == (120, 50, 100)
    assert [e["target"] for e in page["entries"]] == [f"q{n}" for n in range(19, -1, -1)]
    first = c.get("/api/audit", headers=h).json()
    assert first["total"] == 121 and len(first["entries"]) == 50
    assert first["entries"][0]["action"] == "media_reveal"
    by_user = c.get("/api/audit", params={"user": "vic"}, headers=h).json()
    assert [e["target"] for e in by_user["entries"]] == ["message 7"]
    future = c.get("/api/audit", params={"since": "2999-01-01"}, headers=h).json()
    assert future["total"] == 0
    assert c.get("/api/audit", params={"until": "2999-01-01"}, headers=h).json()["total"] == 121
    assert c.get("/api/audit", params={"limit": 501}, headers=h).status_code == 422
    assert c.get("/api/audit", params={"since": "2024-02-31"}, headers=h).status_code == 422


def test_audit_export_csv_is_guarded_and_itself_audited(api: Clients) -> None:
    c = api.client
    c.post("/login", data={"name": "=HYPERLINK(\"http://x\")", "password": "nothing1"})
    c.post("/login", data={"name": "ana", "password": PASSWORD}, follow_redirects=False)
    response = c.get("/api/audit/export", params={"format": "csv"}, headers=api.headers["admin"])
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert list(rows[0]) == ["id", "at", "user", "action", "target", "detail", "ip"]
    by_action = {r["action"]: r for r in rows}
    assert by_action["login_failed"]["target"].startswith("'=HYPERLINK")
    assert by_action["login"]["user"] == "ana"
    export_rows = accounts.audit_rows(api.store, action="export")[1]
    assert export_rows[0]["user"] == "root" and export_rows[0]["target"] == "audit"
    assert export_rows[0]["detail"]["format"] == "csv"


def test_audit_export_ndjson_streams_every_row(api: Clients) -> None:
    for n in range(1203):
        accounts.audit(api.store, "label", user="ana", target=str(n), detail={"n": n})
    response = api.client.get("/api/audit/export", params={"format": "ndjson", "action": "label"},
                              headers=api.headers["admin"])
    assert response.status_code == 200
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert [r["detail"]["n"] for r in lines] == list(range(1203))
    bad = api.client.get("/api/audit/export", params={"format": "xlsx"},
                         headers=api.headers["admin"])
    assert bad.status_code == 422
