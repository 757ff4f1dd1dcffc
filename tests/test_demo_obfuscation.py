"""The demo corpus's obfuscation cases (listed in its README) are found by a plain search."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from propwatch.api import ingest
from propwatch.cli.demo_cmd import demo_corpus
from propwatch.store import SearchQuery, Store, open_store


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path: Path = tmp_path_factory.mktemp("demo") / "demo.db"
    with open_store(f"sqlite:///{path}") as store:
        ingest([demo_corpus() / "result.json"], store)
        yield store


CASES = [
    ("O1 Latin a inside Tajik рaфизӣ", "рафизӣ", "1900000101", "9"),
    ("O1 same, typed in Latin", "rafizi", "1900000101", "9"),
    ("O2 zero-width spaces inside a word", "рафидитам", "1900000103", "209"),
    ("O3 zero-width non-joiners inside a word", "mujohid", "1900000102", "10"),
    ("O4 Persian typed with Arabic ي and ك", "یک سکه", "1900000108", "2"),
    ("O4 second case", "موشک", "1900000108", "14"),
    ("O5 tatweel", "الجهاد", "1900000105", "6"),
    ("O6 full diacritics", "الرافضة", "1900000105", "3"),
    ("O7 Cyrillic о inside Latin Uzbek", "rofiziylar", "1900000102", "13"),
]


@pytest.mark.parametrize(("case", "query", "channel", "message_id"), CASES)
def test_obfuscated_spelling_is_found(
    demo: Store, case: str, query: str, channel: str, message_id: str
) -> None:
    hits = demo.search(SearchQuery(query, channel=channel, limit=100)).hits
    assert message_id in {h.message_id for h in hits}, case


@pytest.mark.parametrize("query", ["ҷиҳод", "ҳиҷрат", '"роҳи наҷот"'])
def test_russian_keyboard_tajik_is_found(demo: Store, query: str) -> None:
    # O8: message 17 is Tajik typed on a Russian keyboard (Чиход for Ҷиҳод, хичрат for ҳиҷрат).
    hits = demo.search(SearchQuery(query, channel="1900000101", limit=100)).hits
    assert "17" in {h.message_id for h in hits}, query
