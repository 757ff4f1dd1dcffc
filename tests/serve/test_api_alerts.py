"""``/api/alerts``, ``/api/alert-rules``, ``/api/trends`` and ``/api/reference-events`` on the
demo data: roles, pagination, status changes, trends with spikes and reference events,
user events with their audit trail."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from tests.serve.served import DEMO, role_tokens

from propwatch.api import ingest
from propwatch.serve.app import create_app
from propwatch.serve.settings import ServeSettings
from propwatch.store import open_store, schema
from propwatch.watch.rules import evaluate_new, load_rules

RULES = """\
webhook: {url: "https://hooks.example.org/p/secret-path?token=t0ken", secret_env: PW_HOOK}
rules:
  - name: anti-shia
    when: {label: anti_shia, min_score: 0.8}
    severity: high
  - name: kerman
    when: {entity: ir_kerman}
    deliver: [inbox, webhook]
"""


class Served:
    def __init__(self, client: TestClient, url: str, tokens: dict[str, str], rules: Path) -> None:
        self.client, self.url, self.tokens, self.rules = client, url, tokens, rules

    def call(self, method: str, path: str, role: str | None = "viewer", **kw: Any) -> Any:
        headers = {"Authorization": f"Bearer {self.tokens[role]}"} if role else {}
        return self.client.request(method, path, headers=headers, **kw)

    def get(self, path: str, role: str | None = "viewer", **kw: Any) -> Any:
        return self.call("GET", path, role, **kw)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("alerts")
    url = f"sqlite:///{folder / 'demo.db'}"
    rules = folder / "rules.yaml"
    rules.write_text(RULES, encoding="utf-8")
    with open_store(url) as store:
        ingest([DEMO / "result.json"], store, workers=0)
        with store.engine.connect() as conn:
            pks = list(conn.execute(select(schema.messages.c.id)).scalars())
        evaluate_new(store, pks, load_rules(rules))
        tokens = role_tokens(store)
    settings = ServeSettings(db=url, alert_rules=rules)
    with TestClient(create_app(url, settings=settings)) as client:
        yield Served(client, url, tokens, rules)


@pytest.mark.parametrize(
    "path",
    ["/api/alerts", "/api/alert-rules", "/api/trends", "/api/reference-events",
     "/api/trends/before-after?date=2024-01-03"],
)  # fmt: skip
def test_every_route_needs_sign_in_and_viewers_may_read(served: Served, path: str) -> None:
    assert served.get(path, role=None).status_code == 401
    assert served.get(path).status_code == 200


def test_alerts_are_listed_newest_first_with_pagination(served: Served) -> None:
    body = served.get("/api/alerts", params={"limit": 5}).json()
    assert body["limit"] == 5 and body["offset"] == 0 and len(body["alerts"]) == 5
    assert body["total"] > 20
    ids = [a["id"] for a in body["alerts"]]
    assert ids == sorted(ids, reverse=True)
    kerman = served.get("/api/alerts", params={"rule": "kerman", "limit": 500}).json()
    # 20 demo messages name Kerman (two of them in Cyrillic Uzbek, "Кермон")
    assert kerman["total"] == 20 and {a["rule"] for a in kerman["alerts"]} == {"kerman"}
    assert kerman["alerts"][0]["detail"]["message"]["channel"].startswith("telegram:")
    assert served.get("/api/alerts", params={"limit": 501}).status_code == 422
    assert served.get("/api/alerts", params={"status": "gone"}).status_code == 422


def test_analysts_change_an_alerts_status(served: Served) -> None:
    first = served.get("/api/alerts", params={"limit": 1}).json()["alerts"][0]
    path = f"/api/alerts/{first['id']}"
    assert served.call("PATCH", path, json={"status": "seen"}).status_code == 403
    changed = served.call("PATCH", path, "analyst", json={"status": "seen"})
    assert changed.status_code == 200 and changed.json()["status"] == "seen"
    assert served.get(path).json()["status"] == "seen"
    seen = served.get("/api/alerts", params={"status": "seen"}).json()
    assert [a["id"] for a in seen["alerts"]] == [first["id"]]
    assert served.call("PATCH", path, "analyst", json={"status": "gone"}).status_code == 422
    assert served.call("PATCH", "/api/alerts/99999", "analyst",
                       json={"status": "seen"}).status_code == 404  # fmt: skip


def test_alert_rules_are_shown_without_secrets(served: Served) -> None:
    body = served.get("/api/alert-rules").json()
    assert [r["name"] for r in body["rules"]] == ["anti-shia", "kerman"]
    assert body["rules"][0]["when"] == {"label": "anti_shia", "min_score": 0.8}
    assert body["webhook"]["url"] == "https://hooks.example.org/..."
    assert "t0ken" not in str(body) and "secret-path" not in str(body)
    assert body["problems"] == []


def test_a_broken_rules_file_is_reported(served: Served, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("rules:\n  - name: x\n    when: {colour: red}\n", encoding="utf-8")
    settings = served.client.app.state.settings  # type: ignore[attr-defined]
    settings.alert_rules = broken
    try:
        body = served.get("/api/alert-rules").json()
    finally:
        settings.alert_rules = served.rules
    assert body["rules"] == [] and body["problems"][0]["line"] == 3
    assert "unknown field 'colour'" in body["problems"][0]["message"]


def test_trends_carry_series_spikes_and_reference_events(served: Served) -> None:
    body = served.get("/api/trends", params={"by": "label", "top": 5, "min_count": 4}).json()
    assert body["days"][0] == "2023-10-01" and len(body["days"]) == len(body["all"])
    assert body["series"][0]["key"] == "propaganda"
    assert all(len(s["counts"]) == len(body["days"]) for s in body["series"])
    assert {"key": "propaganda", "day": "2024-01-04"}.items() <= body["spikes"][0].items()
    titles = {e["date"]: e["title"] for e in body["reference_events"]}
    assert titles["2024-01-03"] == "Kerman bombings"
    assert "2021-08-15" not in titles  # outside the period of the data
    narrow = served.get("/api/trends", params={"by": "language", "since": "2024-01-01",
                                               "until": "2024-01-31"}).json()  # fmt: skip
    assert len(narrow["days"]) == 31
    assert served.get("/api/trends", params={"since": "2024-02-31"}).status_code == 422
    assert served.get("/api/trends", params={"by": "colour"}).status_code == 422


def test_before_after_around_a_reference_event(served: Served) -> None:
    body = served.get("/api/trends/before-after",
                      params={"date": "2024-01-03", "by": "entity", "days": 14}).json()  # fmt: skip
    rows = {r["key"]: r for r in body["rows"]}
    assert rows["gaz:ir_kerman"]["before"] == 0 and rows["gaz:ir_kerman"]["after"] > 10
    assert body["reference_events"][0]["title"] == "Kerman bombings"
    assert served.get("/api/trends/before-after", params={"date": "x"}).status_code == 422


def test_reference_events_are_edited_by_analysts_and_audited(served: Served) -> None:
    new = {"date": "2024-01-05", "title": "Follow-up arrests reported", "note": "demo"}
    assert served.call("POST", "/api/reference-events", json=new).status_code == 403
    made = served.call("POST", "/api/reference-events", "analyst", json=new)
    assert made.status_code == 201
    event = made.json()
    assert event["builtin"] is False and event["created_by"] == "analyst1"
    listed = served.get("/api/reference-events",
                        params={"since": "2024-01-01", "until": "2024-01-31"}).json()  # fmt: skip
    assert [e["title"] for e in listed["events"]] == ["Kerman bombings", new["title"]]
    path = f"/api/reference-events/{event['id']}"
    changed = served.call("PATCH", path, "analyst", json={"title": "Arrests reported"})
    assert changed.status_code == 200 and changed.json()["title"] == "Arrests reported"
    bad = dict(new, date="2024-02-31")
    assert served.call("POST", "/api/reference-events", "analyst", json=bad).status_code == 422
    assert served.call("DELETE", path).status_code == 403
    assert served.call("DELETE", path, "analyst").status_code == 204
    assert served.call("DELETE", path, "analyst").status_code == 404
    with open_store(served.url) as store, store.engine.connect() as conn:
        a = schema.audit_log
        rows = conn.execute(
            select(a.c.user_name, a.c.target, a.c.detail)
            .where(a.c.action == "reference_event_change")
            .order_by(a.c.id)
        ).all()
    assert [(r.user_name, r.detail["op"]) for r in rows] == [
        ("analyst1", "add"), ("analyst1", "change"), ("analyst1", "delete"),
    ]  # fmt: skip
    assert all(r.target == str(event["id"]) for r in rows)
