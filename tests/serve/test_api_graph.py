"""``/api/entities``, ``/api/entities/{id}``, ``/api/events``, ``/api/graph/channels`` and
``/api/graph/clusters`` on the demo data, compared with what the CLI prints."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from tests.serve.served import ROLES, Served, cli_json, serve_demo


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    yield from serve_demo(tmp_path_factory.mktemp("graph"))


@pytest.mark.parametrize(
    "path",
    ["/api/entities", "/api/entities/1", "/api/events", "/api/graph/channels",
     "/api/graph/clusters"],
)  # fmt: skip
def test_every_route_needs_sign_in_and_any_role_may_read(served: Served, path: str) -> None:
    assert served.get(path, role=None).status_code == 401
    for role in ROLES:
        assert served.get(path, role=role).status_code == 200


def test_entities_list_as_the_cli_with_pages(served: Served) -> None:
    api = served.get("/api/entities", params={"limit": 500}).json()
    cli = cli_json("entities", "--db", served.url, "--json", "--limit", "500")
    assert api["total"] == cli["total"] > 10
    assert api["entities"] == cli["entities"]
    first = served.get("/api/entities", params={"limit": 5}).json()
    second = served.get("/api/entities", params={"limit": 5, "offset": 5}).json()
    assert (first["limit"], second["offset"]) == (5, 5)
    assert [e["id"] for e in first["entities"] + second["entities"]] == [
        e["id"] for e in cli["entities"][:10]
    ]
    places = served.get("/api/entities", params={"type": "place", "name": "Иран"}).json()
    assert places["total"] >= 1
    assert all(e["type"] == "place" for e in places["entities"])
    assert "Iran" in [e["name"] for e in places["entities"]]
    bad = served.get("/api/entities", params={"type": "spaceship"})
    assert bad.status_code == 400 and "place" in bad.json()["detail"]


def test_entity_detail_has_timeline_relations_and_mentions_in_context(served: Served) -> None:
    listed = served.get("/api/entities", params={"limit": 1}).json()["entities"][0]
    found = served.get(f"/api/entities/{listed['id']}", params={"mentions": 5}).json()
    assert found["entity"]["id"] == listed["id"]
    assert found["aliases"] == listed["aliases"]
    days = [d["date"] for d in found["timeline"]]
    assert days == sorted(days)
    assert sum(d["count"] for d in found["timeline"]) == found["total"] == listed["mention_count"]
    mentions = found["recent_mentions"]
    assert len(mentions) == 5
    dates = [m["message"]["date"] for m in mentions]
    assert dates == sorted(dates, reverse=True)
    assert all(m["context"]["text"] == m["text"] for m in mentions)
    by_key = served.get(f"/api/entities/{listed['key']}").json()
    assert by_key["entity"]["id"] == listed["id"]
    cli = cli_json("entities", str(listed["id"]), "--db", served.url, "--json")
    assert [r["id"] for r in found["relations"]] == [r["id"] for r in cli["relations"]]
    assert found["relations"] == cli["relations"]
    assert served.get("/api/entities/999999").status_code == 404
    assert served.get("/api/entities/" + "x" * 5000).status_code == 404


def test_events_as_the_cli_with_filters_and_pages(served: Served) -> None:
    api = served.get("/api/events", params={"limit": 500}).json()
    cli = cli_json("events", "--db", served.url, "--json", "--limit", "500")
    assert api["total"] == cli["total"] > 5
    assert api["events"] == cli["events"]
    iran = served.get("/api/events", params={"country": "Iran"}).json()
    cli_iran = cli_json("events", "--db", served.url, "--json", "--country", "Iran")
    assert iran["total"] == cli_iran["total"] > 0
    assert all(e["country"] == "Iran" for e in iran["events"])
    window = served.get("/api/events", params={"since": "2024-03-01", "until": "2024-04-01"})
    assert window.json()["total"] == cli_json(
        "events", "--db", served.url, "--json", "--since", "2024-03-01", "--until", "2024-04-01"
    )["total"]
    paged = served.get("/api/events", params={"limit": 2, "offset": 2}).json()
    assert [e["id"] for e in paged["events"]] == [e["id"] for e in cli["events"][2:4]]
    assert served.get("/api/events", params={"type": "picnic"}).status_code == 400


def test_channel_network_for_drawing(served: Served) -> None:
    api = served.get("/api/graph/channels", params={"top": 20}).json()
    cli = cli_json("graph", "channels", "--db", served.url, "--json", "--top", "20")
    assert api["summary"] == cli
    ids = [n["id"] for n in api["nodes"]]
    assert len(ids) == cli["nodes"] and not api["truncated"]
    assert set(api["nodes"][0]) == {"id", "name", "known", "messages", "pagerank", "community"}
    ranks = [n["pagerank"] for n in api["nodes"]]
    assert ranks == sorted(ranks, reverse=True)
    assert len(api["edges"]) == cli["edges"] > 0
    for edge in api["edges"]:
        assert edge["source"] in ids and edge["target"] in ids
        assert sum(edge["kinds"].values()) == edge["weight"]
    small = served.get("/api/graph/channels", params={"max_nodes": 3}).json()
    assert len(small["nodes"]) == 3 and small["truncated"]
    shown = {n["id"] for n in small["nodes"]}
    assert all(e["source"] in shown and e["target"] in shown for e in small["edges"])
    forwards = served.get("/api/graph/channels", params={"kind": "forward"}).json()
    assert forwards["summary"]["kinds"] == ["forward"]
    assert all(set(e["kinds"]) == {"forward"} for e in forwards["edges"])
    assert served.get("/api/graph/channels", params={"kind": "telepathy"}).status_code == 422


def test_clusters_as_the_cli_with_pages(served: Served) -> None:
    api = served.get("/api/graph/clusters", params={"limit": 100}).json()
    cli = cli_json("graph", "clusters", "--db", served.url, "--json", "--limit", "100")
    assert api["total"] == cli["total"] > 1
    assert api["clusters"] == cli["clusters"]
    second = served.get("/api/graph/clusters", params={"limit": 1, "offset": 1}).json()
    assert second["clusters"] == cli["clusters"][1:2]
    assert (second["limit"], second["offset"], second["total"]) == (1, 1, cli["total"])
    beyond = served.get("/api/graph/clusters", params={"offset": 1000}).json()
    assert beyond["clusters"] == [] and beyond["total"] == cli["total"]
