"""Every API list route and every page answers on both backends (SQLite and PostgreSQL), on
the demo corpus with detection and extraction: date grouping, trends and graph queries use
dialect-specific SQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from propwatch.api import ingest
from propwatch.serve.accounts import create_session, create_token, create_user
from propwatch.serve.app import create_app
from propwatch.store import open_store

DEMO = Path(__file__).resolve().parents[2] / "src" / "propwatch" / "data" / "demo"

API = [
    "/api/search?q=xuroson", "/api/search?q=rofiziy&since=2024-01-01", "/api/items?lang=ru",
    "/api/items?channel=telegram:1900000101", "/api/entities", "/api/events",
    "/api/graph/channels", "/api/graph/clusters", "/api/alerts", "/api/trends?by=label",
    "/api/trends?by=entity", "/api/trends/before-after?date=2024-01-03", "/api/labels/queue",
    "/api/labels", "/api/reference-events", "/api/audit", "/api/jobs",
    "/api/exports/csv?what=events", "/api/labels/export?format=csv",
]  # fmt: skip
PAGES = ["/", "/search?q=xuroson", "/entities", "/events", "/network", "/alerts", "/labels",
         "/admin"]  # fmt: skip


@pytest.fixture
def served(db_url: str) -> Iterator[tuple[TestClient, TestClient]]:
    with open_store(db_url) as store:
        ingest([DEMO / "result.json", DEMO / "articles"], store)
        uid = create_user(store, "adm", "admin", "admin-pass-1234")
        token = create_token(store, "adm")
        cookie, _csrf = create_session(store, uid, 1)
    app = create_app(db_url)
    with TestClient(app) as api, TestClient(app, cookies={"propwatch_session": cookie}) as ui:
        api.headers["Authorization"] = f"Bearer {token}"
        yield api, ui


def test_api_and_pages_answer_on_this_backend(served: tuple[TestClient, TestClient]) -> None:
    api, ui = served
    for path in API:
        response = api.get(path)
        assert response.status_code == 200, (path, response.text[:300])
    assert api.get("/api/search?q=xuroson").json()["total"] > 0
    assert api.get("/api/events").json()["total"] > 0
    first = api.get("/api/items?limit=1").json()["items"][0]["id"]
    assert api.get(f"/api/items/{first}").status_code == 200
    for path in [*PAGES, f"/items/{first}"]:
        response = ui.get(path)
        assert response.status_code == 200, (path, response.text[:300])
