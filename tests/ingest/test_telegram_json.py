"""Telegram Desktop JSON reader: layouts, mapping, rejections, damage, memory."""

from __future__ import annotations

import json
import tracemalloc
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from propwatch.errors import InputDamaged, UnsupportedFormat
from propwatch.ingest.base import ReaderOptions, ReadResult
from propwatch.ingest.telegram_json import looks_like_telegram_json, read_telegram_json
from propwatch.model import RawItem, Rejected, canonical_sha256

FIXTURES = Path(__file__).parents[1] / "fixtures" / "telegram"
SHARED = Path(__file__).parents[3] / "shared" / "data" / "telegram"
OPTS = ReaderOptions()


def read_all(path: Path, options: ReaderOptions = OPTS) -> list[ReadResult]:
    return list(read_telegram_json(path, options))


def items(results: list[ReadResult]) -> dict[str, RawItem]:
    return {r.message_id: r for r in results if isinstance(r, RawItem)}


def rejected(results: list[ReadResult]) -> list[Rejected]:
    return [r for r in results if isinstance(r, Rejected)]


def message(i: int, text: Any = "A plain report.", **extra: Any) -> dict[str, Any]:
    msg = {"id": i, "type": "message", "date_unixtime": str(1709294400 + i), "text": text}
    msg.update(extra)
    return msg


def write_export(tmp_path: Path, messages: list[Any], name: str = "result.json") -> Path:
    path = tmp_path / name
    root = {"name": "Test Channel", "type": "public_channel", "id": 1234, "messages": messages}
    path.write_text(json.dumps(root, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


# --- layouts and shared samples -------------------------------------------------------------


def test_single_chat_fixture_maps_every_field() -> None:
    got = items(read_all(FIXTURES / "single_channel.json"))
    assert list(got) == ["10", "11", "12", "13", "14", "15", "16", "17"]
    post = got["11"]
    assert post.channel_key == "telegram:1700000001"
    assert post.channel_name == "Example Monitor Channel"
    assert post.channel_type == "public_channel"
    assert post.author == "Example Monitor Channel"
    assert post.author_id == "channel1700000001"
    assert post.raw["author"] == "Desk editor"
    assert post.text.startswith("The group's media office claimed")
    assert post.text.endswith("Full report: here and https://example.com/analysis")
    assert post.links == ["https://example.org/report/1", "https://example.com/analysis"]
    assert post.mentions == ["@example_news"]
    assert post.hashtags == ["#statement"]
    assert post.position.startswith("messages[1] (byte ~")


def test_date_comes_from_unixtime_not_local_date() -> None:
    post = items(read_all(FIXTURES / "single_channel.json"))["11"]
    # local "date" says 15:00; date_unixtime 1709294400 is 12:00 UTC.
    assert post.date == datetime(2024, 3, 1, 12, 0, tzinfo=UTC)


def test_forward_edit_reply_and_media() -> None:
    got = items(read_all(FIXTURES / "single_channel.json"))
    assert got["12"].forwarded_from == "Regional Observer"
    assert got["12"].forwarded_from_id == "channel1600000002"
    assert got["12"].edited == datetime(2024, 3, 1, 12, 20, tzinfo=UTC)
    assert got["13"].reply_to_message_id == "12"
    assert got["13"].media == {
        "type": "photo",
        "path": None,
        "note": "(File not included. Change data exporting settings to download.)",
        "width": 800,
        "height": 600,
    }
    assert got["14"].media == {
        "type": "file",
        "path": "files/report.pdf",
        "mime_type": "application/pdf",
    }
    poll = got["15"].media
    assert poll is not None and poll["type"] == "poll" and len(poll["answers"]) == 2


def test_service_and_unsupported_messages() -> None:
    got = items(read_all(FIXTURES / "single_channel.json"))
    assert got["10"].kind == "service"
    assert got["10"].text == "create_channel: Example Monitor Channel"
    assert got["16"].text.startswith("pin_message")
    assert got["16"].author_id == "channel1700000001"
    assert got["17"].kind == "unsupported"
    assert got["17"].date is None
    assert got["17"].text == ""


def test_full_account_layout_tracks_each_chat() -> None:
    results = read_all(FIXTURES / "full_account.json")
    assert not rejected(results)
    by_key = [(r.channel_key, r.message_id, r.channel_name) for r in items_list(results)]
    assert by_key == [
        ("telegram:4100000001", "1", "Research Desk"),
        ("telegram:4100000001", "2", "Research Desk"),
        ("telegram:4200000002", "7", "Watch Channel"),  # name and id come after messages
        ("telegram:4300000003", "3", "Old Bulletin"),
    ]
    positions = [r.position.split(" ")[0] for r in items_list(results)]
    assert positions == [
        "chats.list[0].messages[0]",
        "chats.list[0].messages[1]",
        "chats.list[1].messages[0]",
        "left_chats.list[0].messages[0]",
    ]


def items_list(results: list[ReadResult]) -> list[RawItem]:
    return [r for r in results if isinstance(r, RawItem)]


def test_metadata_after_messages_in_single_chat(tmp_path: Path) -> None:
    path = tmp_path / "late.json"
    body: dict[str, Any] = {"messages": [message(1), message(2)], "name": "Late"}
    body.update(type="public_channel", id=99)
    path.write_text(json.dumps(body), encoding="utf-8")
    got = items_list(read_all(path))
    assert [(r.channel_key, r.channel_name) for r in got] == [("telegram:99", "Late")] * 2


@pytest.mark.parametrize(
    ("name", "count", "first_text"),
    [
        ("real_public_channel_excerpt_TR_Facts_Deals.json", 4, "Kesh King Shampoo"),
        ("tgparser_fixture_personal_chat.json", 5, "Hello!"),
        ("tgparser_fixture_supergroup_with_topics.json", 7, "create_group: Test Group"),
    ],
)
def test_shared_samples(name: str, count: int, first_text: str) -> None:
    path = SHARED / name
    if not path.exists():
        pytest.skip("shared samples not present")
    results = read_all(path)
    assert not rejected(results)
    got = items_list(results)
    assert len(got) == count
    assert got[0].text.startswith(first_text)
    for item in got:
        assert item.raw_sha256 == canonical_sha256(item.raw)
        assert item.date is not None and item.date.tzinfo is not None


def test_shared_real_excerpt_details() -> None:
    path = SHARED / "real_public_channel_excerpt_TR_Facts_Deals.json"
    if not path.exists():
        pytest.skip("shared samples not present")
    got = items(read_all(path))
    edited = got["85096"]
    assert edited.edited == datetime.fromtimestamp(1686203533, UTC)
    assert edited.links == ["https://extp.in/LN4EW8"]
    assert edited.media is not None and edited.media["path"] is None


def test_text_string_and_array(tmp_path: Path) -> None:
    mixed = ["Officials ", {"type": "bold", "text": "rejected"}, " the report", ""]
    got = items(read_all(write_export(tmp_path, [message(1, "plain"), message(2, mixed)])))
    assert got["1"].text == "plain"
    assert got["2"].text == "Officials rejected the report"


# --- rejections ------------------------------------------------------------------------------


def test_every_rejection_code_and_the_rest_is_read(tmp_path: Path) -> None:
    big = "x" * 300
    msgs: list[Any] = [
        message(1),
        {"type": "message", "text": "no id"},
        message(3, {"not": "text"}),
        message(4, date_unixtime="soon"),
        message(5, big),
        "just a string",
        message(7),
    ]
    results = read_all(write_export(tmp_path, msgs), ReaderOptions(max_item_bytes=100))
    codes = [(r.code, r.position.split(" ")[0]) for r in rejected(results)]
    assert codes == [
        ("R001", "messages[1]"),
        ("R002", "messages[2]"),
        ("R003", "messages[3]"),
        ("R004", "messages[4]"),
        ("R009", "messages[5]"),
    ]
    assert sorted(items(results)) == ["1", "7"]
    assert '"no id"' in rejected(results)[0].raw_excerpt


def test_unparseable_unixtime_falls_back_to_date(tmp_path: Path) -> None:
    msg = message(1, date_unixtime="??", date="2024-05-01T08:30:00")
    got = items(read_all(write_export(tmp_path, [msg])))
    assert got["1"].date == datetime(2024, 5, 1, 8, 30, tzinfo=UTC)


def test_deeply_nested_message_is_rejected_not_crashing(tmp_path: Path) -> None:
    depth = 100_000
    path = tmp_path / "deep.json"
    deep = b"[" * depth + b"]" * depth
    first = json.dumps(message(1)).encode()
    last = json.dumps(message(3)).encode()
    head = b'{"name": "D", "type": "public_channel", "id": 5, "messages": ['
    path.write_bytes(head + first + b',{"id": 2, "text": ' + deep + b"}," + last + b"]}")
    results = read_all(path)
    assert [r.code for r in rejected(results)] == ["R005"]
    assert rejected(results)[0].position.startswith("messages[1]")
    assert [r.message_id for r in items_list(results)] == ["1", "3"]


def test_ten_megabyte_text_is_read(tmp_path: Path) -> None:
    text = "The statement was widely shared. " * 320_000
    got = items(read_all(write_export(tmp_path, [message(1, text), message(2)])))
    assert len(got["1"].text) == len(text)
    assert "2" in got


# --- damage ----------------------------------------------------------------------------------


def test_truncated_file_keeps_items_before_damage(tmp_path: Path) -> None:
    path = write_export(tmp_path, [message(i) for i in range(1, 6)])
    data = path.read_bytes()
    path.write_bytes(data[: data.index(b'"id": 5') - 5])
    seen: list[ReadResult] = []
    with pytest.raises(InputDamaged) as err:
        for result in read_telegram_json(path, OPTS):
            seen.append(result)
    assert sorted(items(seen)) == ["1", "2", "3", "4"]
    assert seen[-1].code == "R008"  # type: ignore[union-attr]
    assert str(path) in str(err.value)
    assert err.value.position is not None and err.value.position.startswith("messages[4]")
    assert "byte ~" in err.value.position


@pytest.mark.parametrize(
    "content", [b"", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe" * 50, b"   \n"]
)
def test_binary_or_empty_file_is_damage(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "image.json"
    path.write_bytes(content)
    seen: list[ReadResult] = []
    with pytest.raises(InputDamaged):
        seen.extend(read_telegram_json(path, OPTS))
    assert [getattr(r, "code", None) for r in seen] == ["R008"]


@pytest.mark.parametrize("body", [[1, 2, 3], {"rows": [{"id": 1}]}, {"messages": {"a": 1}}])
def test_valid_json_that_is_not_an_export(tmp_path: Path, body: Any) -> None:
    path = tmp_path / "other.json"
    path.write_text(json.dumps(body), encoding="utf-8")
    with pytest.raises(UnsupportedFormat):
        read_all(path)


def test_sniffing() -> None:
    assert looks_like_telegram_json((FIXTURES / "single_channel.json").read_bytes())
    assert looks_like_telegram_json((FIXTURES / "full_account.json").read_bytes()[:400])
    assert not looks_like_telegram_json(b'{"messages": [{"role": "user", "content": "hi"}]}')
    assert not looks_like_telegram_json(b'[{"id": 1, "text": "x"}]')
    assert not looks_like_telegram_json(b"\x89PNG\r\n")


# --- memory ----------------------------------------------------------------------------------


def _stream_export(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write('{"name": "Big", "type": "public_channel", "id": 7, "messages": [\n')
        for i in range(count):
            msg = message(i, f"Report {i}: the channel repeated an earlier claim. " * 80)
            out.write(("," if i else "") + json.dumps(msg) + "\n")
        out.write("]}\n")


def test_memory_stays_flat_on_a_large_file(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    _stream_export(path, 12_000)
    assert path.stat().st_size > 45_000_000
    count = 0
    tracemalloc.start()
    try:
        results: Iterator[ReadResult] = read_telegram_json(path, OPTS)
        for result in results:
            count += isinstance(result, RawItem)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 12_000
    assert peak < 50 * 1024 * 1024


def test_message_with_many_entities_after_fast_pass_gives_way(tmp_path: Path) -> None:
    entities = [{"type": "hashtag", "text": f"#tag{i}"} for i in range(4000)]
    msgs = [message(1), message(2, entities), message(3), message(4)]
    results = read_all(write_export(tmp_path, msgs))
    assert not rejected(results)
    got = items_list(results)
    assert [r.message_id for r in got] == ["1", "2", "3", "4"]
    assert len(got[1].hashtags) == 4000
    assert [r.position.split(" ")[0] for r in got] == [f"messages[{i}]" for i in range(4)]
    assert all(r.raw_sha256 == canonical_sha256(r.raw) for r in got)
