"""The channel network: forwards, @mentions and t.me links between channels, centrality and
communities, on SQLite (and PostgreSQL when configured)."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime
from typing import Any

import pytest
from click.testing import CliRunner
from tests.conftest import make_item

from propwatch.analyze import Pipeline
from propwatch.cli.graph_cmd import graph_group
from propwatch.errors import UsageError
from propwatch.graph.network import channel_network, network_summary, telegram_link_target
from propwatch.model import Message, RawItem
from propwatch.store import Store, open_store

_ids = itertools.count(1)


def day(n: int) -> datetime:
    return datetime(2024, 1, n, 12, 0, tzinfo=UTC)


def post(peer: int, text: str = "Daily news summary", *, when: int = 1, **extra: Any) -> RawItem:
    return make_item(
        text, str(next(_ids)), f"telegram:{peer}", name=f"Channel {peer}", date=day(when), **extra
    )


def forward(peer: int, source: int, when: int = 2) -> RawItem:
    return post(
        peer, "Forwarded report", when=when,
        forwarded_from=f"Channel {source}", forwarded_from_id=f"channel{source}",
    )


def write(store: Store, *items: RawItem) -> None:
    store.write(Pipeline(("normalize", "language"))([Message(i) for i in items]))


def test_forwards_mentions_and_links_become_weighted_edges(store: Store) -> None:
    write(
        store,
        post(200, when=1),
        forward(100, 200, when=2),
        # Forward known only by name (no id): still resolves to the stored channel.
        post(100, "Repost", when=5, forwarded_from="Channel 200"),
        # Two mentions of the same handle in one message count once.
        post(100, "See @bee_news and @Bee_News", when=3, mentions=["@bee_news", "@Bee_News"]),
        post(100, "Source", when=4, links=["https://t.me/bee_news/5", "https://example.org/x"]),
        post(100, "From elsewhere", when=6, forwarded_from="Ghost Channel"),
    )
    graph = channel_network(store, aliases={"@bee_news": "telegram:200"})
    edge = graph.edges["telegram:100", "telegram:200"]
    assert (edge["forward"], edge["mention"], edge["link"], edge["weight"]) == (2, 1, 1, 4)
    assert edge["first"] == datetime(2024, 1, 2, 12, 0)
    assert edge["last"] == datetime(2024, 1, 5, 12, 0)
    ghost = graph.nodes["Ghost Channel"]
    assert ghost["known"] is False and ghost["messages"] == 0
    assert graph.nodes["telegram:100"]["known"] is True
    assert graph.nodes["telegram:100"]["messages"] == 5
    assert graph.has_edge("telegram:100", "Ghost Channel")
    assert not any("example.org" in str(n) for n in graph.nodes)

    # Without the alias, the handle is a channel of its own, seen only in references.
    plain = channel_network(store)
    assert plain.nodes["@bee_news"]["known"] is False
    assert plain.edges["telegram:100", "@bee_news"]["mention"] == 1
    assert plain.edges["telegram:100", "@bee_news"]["link"] == 1
    assert plain.edges["telegram:100", "telegram:200"]["weight"] == 2


def test_kinds_and_time_window(store: Store) -> None:
    write(
        store,
        post(200, when=1),
        forward(100, 200, when=2),
        forward(100, 200, when=20),
        post(100, "see @other_chan", when=3, mentions=["@other_chan"]),
    )
    only_forwards = channel_network(store, kinds=["forward"])
    assert only_forwards.has_edge("telegram:100", "telegram:200")
    assert "@other_chan" not in only_forwards
    early = channel_network(store, until=day(10))
    assert early.edges["telegram:100", "telegram:200"]["forward"] == 1
    late = channel_network(store, since=day(10))
    assert late.edges["telegram:100", "telegram:200"]["forward"] == 1
    assert not late.has_edge("telegram:100", "@other_chan")
    with pytest.raises(UsageError):
        channel_network(store, kinds=["reply"])


def test_self_forward_mention_and_link_are_ignored(store: Store) -> None:
    write(
        store,
        post(100, when=1),
        forward(100, 100, when=2),
        post(100, "Repost", when=3, forwarded_from="Channel 100"),
        post(100, "Our channel @own_chan", when=4, mentions=["@own_chan"],
             links=["t.me/own_chan/1", "https://t.me/c/100/7"]),
    )
    graph = channel_network(store, aliases={"own_chan": "Channel 100"})
    assert graph.number_of_edges() == 0
    assert list(graph.nodes) == ["telegram:100"]


def test_pagerank_ranks_the_hub_first(store: Store) -> None:
    items = [post(900, when=1)] + [post(p, when=1) for p in range(1, 7)]
    for peer in range(1, 7):
        items += [forward(peer, 900, when=2 + k) for k in range(1 + peer % 3)]
    items.append(forward(1, 2))  # one forward between two ordinary channels
    write(store, *items)
    summary = network_summary(channel_network(store), top=3)
    top = summary["channels"]
    assert top[0]["channel"] == "telegram:900"
    assert top[0]["in_degree"] == 6
    assert top[0]["weighted_in_degree"] == max(c["weighted_in_degree"] for c in top)
    assert top[0]["pagerank"] > top[1]["pagerank"]
    assert len(top) == 3
    assert summary["nodes"] == 7 and summary["edges"] == 7


def test_two_groups_form_two_communities(store: Store) -> None:
    left, right = [11, 12, 13, 14], [21, 22, 23, 24]
    items = [post(p) for p in left + right]
    for group in (left, right):
        for a, b in itertools.permutations(group, 2):
            items += [forward(a, b), forward(a, b, when=3)]
    items.append(forward(14, 21))  # a single bridge
    write(store, *items)
    summary = network_summary(channel_network(store), top=None)
    found = sorted(sorted(m["channel"] for m in c["members"]) for c in summary["communities"])
    assert found == [[f"telegram:{p}" for p in left], [f"telegram:{p}" for p in right]]
    bridge = {c["channel"]: c["betweenness"] for c in summary["channels"]}
    assert max(bridge, key=lambda k: bridge[k]) in ("telegram:14", "telegram:21")


def test_empty_database(store: Store) -> None:
    graph = channel_network(store)
    summary = network_summary(graph)
    assert (summary["nodes"], summary["edges"]) == (0, 0)
    assert summary["channels"] == [] and summary["communities"] == []


@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("https://t.me/Some_Channel/14", "@some_channel"),
        ("t.me/s/demo_chan", "@demo_chan"),
        ("telegram.me/demo_chan", "@demo_chan"),
        ("https://t.me/c/1900000101/5", "telegram:1900000101"),
        ("https://t.me/+AbCdEf123", "t.me/+AbCdEf123"),
        ("https://t.me/joinchat/AbCdEf123", "t.me/+AbCdEf123"),
        ("tg://resolve?domain=demo_chan", "@demo_chan"),
        ("https://t.me/share/url?url=x", None),
        ("https://example.org/t.me/demo_chan", None),
        ("https://t.me/", None),
        ("not a url at all", None),
    ],
)
def test_telegram_link_targets(url: str, target: str | None) -> None:
    assert telegram_link_target(url) == target


def test_cli_channels_json(db_url: str) -> None:
    with open_store(db_url) as store:
        write(store, post(200), forward(100, 200), forward(300, 200))
    result = CliRunner().invoke(graph_group, ["channels", "--db", db_url, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"nodes", "edges", "by_kind", "channels", "edges_top", "communities"} <= set(data)
    assert data["by_kind"] == {"forward": 2, "mention": 0, "link": 0}
    first = data["channels"][0]
    assert first["channel"] == "telegram:200" and first["name"] == "Channel 200"
    assert {"in_degree", "out_degree", "weighted_in_degree", "pagerank", "betweenness",
            "community", "known", "messages", "first_seen"} <= set(first)
    assert data["edges_top"][0]["first"].endswith("Z")

    human = CliRunner().invoke(graph_group, ["channels", "--db", db_url])
    assert human.exit_code == 0 and "Channel 200" in human.output

    bad = CliRunner().invoke(graph_group, ["channels", "--db", db_url, "--alias", "nohandle"])
    assert bad.exit_code == 2
