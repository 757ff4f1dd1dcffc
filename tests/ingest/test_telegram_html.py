"""Telegram Desktop HTML export reader (messages.html, messages2.html, ...)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from propwatch.errors import InputNotFound
from propwatch.ingest.base import ReaderOptions, ReadResult
from propwatch.ingest.telegram_html import looks_like_telegram_html, read_telegram_html
from propwatch.model import RawItem, Rejected

EXPORT = Path(__file__).parents[1] / "fixtures" / "telegram" / "html_export"


def read(path: Path, options: ReaderOptions | None = None) -> list[ReadResult]:
    return list(read_telegram_html(path, options or ReaderOptions()))


def by_id(results: list[ReadResult]) -> dict[str, RawItem]:
    return {r.message_id: r for r in results if isinstance(r, RawItem)}


def test_folder_reads_pages_in_order_and_skips_date_separators() -> None:
    results = read(EXPORT)
    assert [r.message_id for r in results if isinstance(r, RawItem)] == [
        "10",
        "11",
        "12",
        "13",
        "14",
    ]
    assert [r.position for r in results][-1] == "messages2.html#message15"


def test_message_fields() -> None:
    got = by_id(read(EXPORT))
    post = got["11"]
    assert post.channel_key == "telegram_html:Example Monitor Channel"
    assert post.channel_name == "Example Monitor Channel"
    assert post.author == "Example Monitor Channel"
    assert post.date == datetime(2024, 3, 1, 12, 0, tzinfo=UTC)  # 15:00 at UTC+03:00
    assert post.text.startswith("The group's media office claimed")
    assert "@example_news.\n#statement" in post.text
    assert post.links == ["https://example.org/report/1"]
    assert post.mentions == ["@example_news"]
    assert post.hashtags == ["#statement"]
    assert post.raw["signature"] == "Desk editor"


def test_service_forward_edit_joined_reply_media() -> None:
    got = by_id(read(EXPORT))
    assert got["10"].kind == "service"
    assert got["10"].text == "Channel «Example Monitor Channel» created"
    forwarded = got["12"]
    assert forwarded.forwarded_from == "Regional Observer"
    assert forwarded.author == "Example Monitor Channel"  # joined: previous sender
    assert forwarded.text == "Observers said the video was recycled from an older broadcast."
    assert forwarded.edited == datetime(2024, 3, 1, 12, 20, tzinfo=UTC)
    reply = got["13"]  # first message of page 2, joined across pages
    assert reply.author == "Example Monitor Channel"
    assert reply.reply_to_message_id == "12"
    assert reply.media is not None and reply.media["path"] is None
    assert "Not included" in reply.media["note"]
    assert got["14"].media == {"type": "photo", "path": "photos/photo_1@01-03-2024_15-07-00.jpg"}


def test_bad_date_is_rejected_and_reading_goes_on() -> None:
    results = read(EXPORT / "messages2.html")
    rejected = [r for r in results if isinstance(r, Rejected)]
    assert [(r.code, r.position) for r in rejected] == [("R003", "messages2.html#message15")]
    assert "A message whose date cannot be read." in rejected[0].raw_excerpt
    assert sorted(by_id(results)) == ["13", "14"]


def test_single_page_and_channel_override() -> None:
    results = read(EXPORT / "messages.html", ReaderOptions(channel="telegram:1700000001"))
    assert {r.channel_key for r in results if isinstance(r, RawItem)} == {"telegram:1700000001"}
    assert sorted(by_id(results)) == ["10", "11", "12"]


def test_missing_path() -> None:
    with pytest.raises(InputNotFound):
        read(EXPORT / "messages9.html")


def test_sniffing() -> None:
    assert looks_like_telegram_html((EXPORT / "messages.html").read_bytes()[:65536])
    article = b'<html><head><title>News</title></head><body><div class="text">x</div></body>'
    assert not looks_like_telegram_html(article)
