"""``/api/search``, ``/api/items``, ``/api/items/{id}`` and ``/api/items/{id}/reveal`` on the
demo data, signed in with real API tokens of each role."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from sqlalchemy import select
from tests.serve.served import ROLES, Served, cli_json, serve_demo

from propwatch.store import schema


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    yield from serve_demo(tmp_path_factory.mktemp("search"))


def media_item(served: Served, with_media: bool) -> int:
    m = schema.messages
    rows = served.rows(select(m.c.id, m.c.media).order_by(m.c.id))
    return next(int(r.id) for r in rows if isinstance(r.media, dict) == with_media)


@pytest.mark.parametrize(
    "path", ["/api/search?q=xuroson", "/api/items", "/api/items/1"]
)
def test_reading_needs_sign_in_and_any_role_may_read(served: Served, path: str) -> None:
    assert served.get(path, role=None).status_code == 401
    assert served.client.get(path, headers={"Authorization": "Bearer pw_wrong"}).status_code == 401
    for role in ROLES:
        assert served.get(path, role=role).status_code == 200


def test_search_answers_what_the_cli_prints(served: Served) -> None:
    api = served.get("/api/search", params={"q": "хуросон", "limit": 5}).json()
    cli = cli_json("search", "хуросон", "--db", served.url, "--json", "--limit", "5")
    assert set(api) == set(cli) | {"limit", "offset"}
    assert api["total"] == cli["total"] and api["sort"] == cli["sort"]
    assert [h["id"] for h in api["hits"]] == [h["id"] for h in cli["hits"]]
    assert [set(h) for h in api["hits"]] == [set(h) for h in cli["hits"]]
    assert api["hits"] == cli["hits"]
    assert (api["limit"], api["offset"]) == (5, 0)


def test_search_filters_match_the_cli(served: Served) -> None:
    params = {"q": "хуросон", "lang": "tg", "label": "anti_shia", "sort": "newest", "limit": 50}
    api = served.get("/api/search", params=params).json()
    cli = cli_json("search", "хуросон", "--db", served.url, "--json", "--lang", "tg",
                   "--label", "anti_shia", "--sort", "newest")  # fmt: skip
    assert api["total"] == cli["total"] > 0
    assert [h["id"] for h in api["hits"]] == [h["id"] for h in cli["hits"]]
    assert all(h["language"] == "tg" for h in api["hits"])
    window = served.get("/api/search", params={"q": "хуросон", "since": "2024-01-01",
                                               "until": "2024-06-01"}).json()  # fmt: skip
    assert window["total"] > 0
    assert all("2024-01-01" <= h["date"] < "2024-06-01" for h in window["hits"])


def test_search_pages(served: Served) -> None:
    first = served.get("/api/search", params={"q": "хуросон", "limit": 3}).json()
    second = served.get("/api/search", params={"q": "хуросон", "limit": 3, "offset": 3}).json()
    assert first["total"] == second["total"] > 6
    assert len(first["hits"]) == len(second["hits"]) == 3
    assert not {h["id"] for h in first["hits"]} & {h["id"] for h in second["hits"]}
    assert second["offset"] == 3
    assert served.get("/api/search", params={"q": "x", "limit": 501}).status_code == 422
    assert served.get("/api/search", params={"q": "x", "offset": -1}).status_code == 422


def test_search_is_audited(served: Served) -> None:
    served.get("/api/search", params={"q": "audited-word", "lang": "ru"}, role="analyst")
    a = schema.audit_log
    wanted = select(a).where(a.c.action == "search", a.c.target == "audited-word")
    # Searches are written by the server's background audit writer (within 0.2 s); another
    # connection sees the row once that transaction commits.
    deadline = time.monotonic() + 10
    while not (rows := served.rows(wanted)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(rows) == 1
    assert rows[0].user_name == "analyst1"
    assert rows[0].detail["filters"]["lang"] == "ru"


@pytest.mark.parametrize(
    ("q", "status"),
    [
        ("<script>alert(1)</script>", 200),
        ("x\x00y", 200),
        ('"unclosed NEAR(a b) *', 200),
        ("a" * 10_000, 400),
        ("((((", 400),
        ("-only", 400),
    ],
)
def test_hostile_queries_never_fail(served: Served, q: str, status: int) -> None:
    response = served.get("/api/search", params={"q": q})
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    if status == 400:
        assert response.json()["detail"]


@pytest.mark.parametrize(
    "params",
    [
        {"since": "2024-02-31"},
        {"since": "99999-01-01"},
        {"until": "yesterday"},
        {"min_score": "2"},
        {"sort": "random"},
        {"lang": "x" * 5000},
    ],
)
def test_impossible_filters_are_refused_clearly(served: Served, params: dict[str, str]) -> None:
    for path in ("/api/search", "/api/items"):
        response = served.get(path, params={"q": "xuroson", **params})
        assert response.status_code in (400, 422), (path, params)
        assert response.json()["detail"]


def test_items_browse_newest_first_with_filters_and_pages(served: Served) -> None:
    m = schema.messages
    count = len(served.rows(select(m.c.id)))
    page = served.get("/api/items", params={"limit": 10}).json()
    assert page["total"] == count and len(page["items"]) == 10
    dates = [h["date"] for h in page["items"]]
    assert dates == sorted(dates, reverse=True)
    following = served.get("/api/items", params={"limit": 10, "offset": 10}).json()
    assert not {h["id"] for h in page["items"]} & {h["id"] for h in following["items"]}
    labelled = served.get("/api/items", params={"label": "anti_shia", "limit": 500}).json()
    cli = cli_json("search", "--label", "anti_shia", "--db", served.url, "--json",
                   "--limit", "500")  # fmt: skip
    assert labelled["total"] == cli["total"] > 0
    assert {h["id"] for h in labelled["items"]} == {h["id"] for h in cli["hits"]}
    assert set(labelled["items"][0]) == set(cli["hits"][0])
    tg = served.get("/api/items", params={"lang": "tg", "sort": "oldest"}).json()
    assert tg["total"] > 0 and all(h["language"] == "tg" for h in tg["items"])


def test_item_detail_has_provenance_evidence_entities_and_events(served: Served) -> None:
    ev = schema.events
    pk = int(served.rows(select(ev.c.message_pk).limit(1))[0][0])
    item = served.get(f"/api/items/{pk}").json()
    text = item["text"]
    assert item["id"] == pk
    assert set(item["provenance"]) >= {"source", "position", "raw_sha256", "format",
                                       "ingested_at", "versions"}  # fmt: skip
    assert item["provenance"]["versions"] >= 1
    assert item["events"] and item["events"][0]["message"]["pk"] == pk
    assert item["entities"]
    for mention in item["entities"]:
        assert text[mention["start"] : mention["end"]] == mention["text"]
    judged = served.get("/api/items", params={"label": "anti_shia", "limit": 1}).json()
    detail = served.get(f"/api/items/{judged['items'][0]['id']}").json()
    assert detail["propaganda"]["score"] > 0.5 and detail["stance"] == "endorse"
    spans = [e for d in detail["detections"] for e in d["evidence"]]
    assert spans
    for span in spans:
        assert detail["text"][span["start"] : span["end"]] == span["text"]
    assert served.get("/api/items/999999999").status_code == 404
    assert served.get("/api/items/0").status_code == 404
    assert served.get("/api/items/abc").status_code == 422


def test_media_is_blurred_until_an_analyst_reveals_it(served: Served) -> None:
    pk = media_item(served, with_media=True)
    response = served.get(f"/api/items/{pk}")
    media = response.json()["media"]
    assert media["blurred"] is True and media["type"]
    assert "path" not in media and "note" not in media and "thumbnail" not in media
    assert "File not included" not in response.text
    assert served.post(f"/api/items/{pk}/reveal", role=None).status_code == 401
    assert served.post(f"/api/items/{pk}/reveal", role="viewer").status_code == 403
    revealed = served.post(f"/api/items/{pk}/reveal", role="analyst")
    assert revealed.status_code == 200
    assert revealed.json()["media"]["blurred"] is False
    assert "path" in revealed.json()["media"]
    a = schema.audit_log
    rows = served.rows(select(a).where(a.c.action == "media_reveal", a.c.target == str(pk)))
    assert [r.user_name for r in rows] == ["analyst1"]
    plain = media_item(served, with_media=False)
    assert served.get(f"/api/items/{plain}").json()["media"] is None
    assert served.post(f"/api/items/{plain}/reveal", role="admin").status_code == 404
