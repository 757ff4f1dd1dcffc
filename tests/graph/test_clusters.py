"""Near-duplicate clusters across channels and scripts, with first-seen and spread order."""

from __future__ import annotations

import itertools
import json
import random
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner
from datasketch import MinHash
from tests.conftest import make_item

from propwatch.analyze import Pipeline
from propwatch.cli.graph_cmd import graph_group
from propwatch.errors import UsageError
from propwatch.graph.clusters import (
    lsh_params,
    minhash_signatures,
    near_duplicate_clusters,
    shingle_values,
)
from propwatch.model import Message, RawItem
from propwatch.store import Store, open_store

_ids = itertools.count(1)
T0 = datetime(2024, 1, 4, 8, 0, tzinfo=UTC)

#: The same news-style report in Latin-script and Cyrillic Uzbek (the second with a hashtag).
UZ_LATN = (
    "Islomiy davlat guruhi Kermandagi hujum uchun mas'uliyatni Amaq orqali o'z zimmasiga "
    "oldi, deb xabar berdi mahalliy matbuot."
)
UZ_CYRL = (
    "Исломий давлат гуруҳи Кермандаги ҳужум учун масъулиятни Амақ орқали ўз зиммасига олди, "
    "деб хабар берди маҳаллий матбуот. #Керман"
)
UNRELATED = [
    "The football club from Dushanbe won the regional cup after a long and difficult final.",
    "Prices for flour and cooking oil rose again at the central bazaar this week, traders said.",
    "Heavy snow closed the mountain pass between the two provinces for the third day in a row.",
    "The ministry announced new school holidays for the spring term starting next Monday.",
    "Local farmers expect a good cotton harvest thanks to the mild weather and early rain.",
]


def item(channel: int, text: str, minutes: int, **extra: Any) -> RawItem:
    return make_item(
        text, str(next(_ids)), f"telegram:{channel}", name=f"Channel {channel}",
        date=T0 + timedelta(minutes=minutes), **extra,
    )


def write(store: Store, *items: RawItem) -> None:
    store.write(Pipeline(("normalize", "language"))([Message(i) for i in items]))


def test_cross_script_repost_clusters_with_first_seen_and_order(store: Store) -> None:
    write(
        store,
        # Stored out of order: the Cyrillic copy first, the Latin original an hour earlier.
        item(2, UZ_CYRL, 60, forwarded_from="Channel 1"),
        item(1, UZ_LATN, 0),
        item(3, UZ_LATN + " #Kerman", 180),
        *(item(4 + i, text, 30 * i) for i, text in enumerate(UNRELATED)),
    )
    found = near_duplicate_clusters(store)
    assert found.total == 1
    cluster = found.clusters[0]
    assert cluster.size == 3
    assert (cluster.first_seen.channel, cluster.first_seen.date) == (
        "telegram:1", datetime(2024, 1, 4, 8, 0)
    )
    assert [m.channel for m in cluster.spread] == ["telegram:1", "telegram:2", "telegram:3"]
    assert cluster.spread[1].forwarded_from == "Channel 1"
    assert [c["channel"] for c in cluster.channels] == ["telegram:1", "telegram:2", "telegram:3"]
    assert cluster.excerpt.startswith("Islomiy davlat guruhi")
    assert cluster.last_seen == datetime(2024, 1, 4, 11, 0)
    data = found.to_json()["clusters"][0]
    assert data["first_seen"]["date"] == "2024-01-04T08:00:00Z"
    assert data["channel_count"] == 3 and data["spread_truncated"] is False


def test_unrelated_texts_stay_apart(store: Store) -> None:
    write(store, *(item(10 + i, text, i) for i, text in enumerate(UNRELATED)))
    write(store, item(30, UZ_LATN, 0), *(item(40 + i, t, 5) for i, t in enumerate(UNRELATED)))
    found = near_duplicate_clusters(store, cross_channel_only=True)
    # Each unrelated text appears in two channels: five clusters of two, nothing more.
    assert found.total == 5
    assert all(c.size == 2 for c in found.clusters)
    assert all(len({m.channel for m in c.spread}) == 2 for c in found.clusters)
    assert not any("Islomiy" in c.excerpt for c in found.clusters)


def test_single_channel_repeats_need_all_channels(store: Store) -> None:
    write(store, item(1, UZ_LATN, 0), item(1, UZ_CYRL, 1), item(2, UNRELATED[0], 2))
    assert near_duplicate_clusters(store).total == 0
    inside = near_duplicate_clusters(store, cross_channel_only=False)
    assert inside.total == 1 and inside.clusters[0].size == 2


def test_short_texts_are_skipped_unless_asked(store: Store) -> None:
    greeting = "Juma muborak aziz birodarlar"
    write(store, *(item(c, greeting, c) for c in (1, 2, 3)))
    assert near_duplicate_clusters(store).total == 0  # fewer than 8 words
    short = near_duplicate_clusters(store, min_words=3)  # character 5-grams
    assert short.total == 1 and short.clusters[0].size == 3


def test_time_window_and_limit(store: Store) -> None:
    write(
        store,
        item(1, UZ_LATN, 0), item(2, UZ_CYRL, 10),
        item(3, UNRELATED[1], 0), item(4, UNRELATED[1], 5000),
    )
    assert near_duplicate_clusters(store).total == 2
    assert near_duplicate_clusters(store, until=T0 + timedelta(days=1)).total == 1
    assert len(near_duplicate_clusters(store, limit=1).clusters) == 1
    with pytest.raises(UsageError):
        near_duplicate_clusters(store, threshold=0)


def test_planted_copies_among_many_random_texts(store: Store) -> None:
    rng = random.Random(5)
    vocab = [f"word{i}" for i in range(400)]
    items = [
        item(100 + n % 7, " ".join(rng.choices(vocab, k=rng.randint(10, 40))), n)
        for n in range(600)
    ]
    planted = " ".join(rng.choices(vocab, k=25))
    edited = planted.split()
    edited[-1] = "changed"  # a light edit: true similarity 22/24
    items += [item(201, planted, 900), item(202, " ".join(edited), 950)]
    write(store, *items)
    found = near_duplicate_clusters(store)
    assert found.total == 1
    assert [m.channel for m in found.clusters[0].spread] == ["telegram:201", "telegram:202"]


def test_empty_database(store: Store) -> None:
    found = near_duplicate_clusters(store)
    assert (found.total, found.scanned, found.hashed, found.clusters) == (0, 0, 0, [])


def test_huge_text_is_capped_quickly(store: Store) -> None:
    write(store, item(1, "slovo " * 200_000, 0), item(2, "slovo " * 200_000, 1))
    start = time.perf_counter()
    found = near_duplicate_clusters(store)
    assert time.perf_counter() - start < 5
    assert found.total == 1


def test_signatures_equal_datasketch_minhash() -> None:
    texts = [UZ_LATN.lower().split(), ["one", "two", "three", "four"], ["x"], []]
    signatures = minhash_signatures(texts, num_perm=64)
    values, owner = shingle_values(texts)
    assert signatures.shape == (3, 64)  # the empty text has no signature
    for row, index in enumerate(range(3)):
        sketch = MinHash(num_perm=64, seed=1, hashfunc=int)
        sketch.update_batch([int(v) for v in values[owner == index]])
        assert np.array_equal(sketch.hashvalues, signatures[row])


def test_lsh_params_favour_recall_at_the_threshold() -> None:
    for threshold, perms in ((0.5, 64), (0.7, 64), (0.7, 128), (0.9, 128)):
        bands, rows = lsh_params(threshold, perms)
        assert bands * rows <= perms
        assert 1 - (1 - threshold**rows) ** bands > 0.75  # P(candidate) at the threshold
        assert 1 - (1 - (threshold - 0.4) ** rows) ** bands < 0.2


def test_cli_clusters_json_and_text(db_url: str) -> None:
    with open_store(db_url) as store:
        write(store, item(1, UZ_LATN, 0), item(2, UZ_CYRL, 60))
    runner = CliRunner()
    result = runner.invoke(graph_group, ["clusters", "--db", db_url, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"parameters", "messages_scanned", "messages_hashed", "total", "clusters"} <= set(data)
    assert data["parameters"]["threshold"] == 0.7 and data["parameters"]["min_words"] == 8
    cluster = data["clusters"][0]
    assert {"id", "size", "channels", "first_seen", "spread", "excerpt"} <= set(cluster)
    assert cluster["first_seen"]["channel"] == "telegram:1"
    assert [m["channel"] for m in cluster["spread"]] == ["telegram:1", "telegram:2"]
    assert set(cluster["spread"][0]) >= {"channel", "message_id", "date", "forwarded_from"}

    text = runner.invoke(graph_group, ["clusters", "--db", db_url])
    assert text.exit_code == 0 and "first seen in Channel 1" in text.output
    bad = runner.invoke(graph_group, ["clusters", "--db", db_url, "--threshold", "3"])
    assert bad.exit_code == 2
