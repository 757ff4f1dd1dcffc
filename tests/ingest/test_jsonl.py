"""JSON Lines and JSON array reader: mapping, dates, ids, rejects and damage."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from propwatch.errors import InputDamaged
from propwatch.ingest.base import ReaderOptions
from propwatch.ingest.fieldmap import parse_date
from propwatch.ingest.jsonl import read_jsonl
from propwatch.model import RawItem, Rejected

FIXTURES = Path(__file__).parent.parent / "fixtures" / "docs"
CLAIM = "The group claimed responsibility for the attack in a statement published by its agency."
NEGATIVE = "Khorasan Razavi province reported heavy snowfall on Tuesday."


def write_lines(path: Path, *records: object) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_default_field_names_and_utc_dates() -> None:
    results = list(read_jsonl(FIXTURES / "posts.jsonl", ReaderOptions()))
    assert all(isinstance(r, RawItem) for r in results)
    items = [r for r in results if isinstance(r, RawItem)]
    assert [i.message_id for i in items] == ["101", "102", "103"]
    assert [i.position for i in items] == ["line 1", "line 2", "line 4"]  # blank line 3 skipped
    assert items[0].date == datetime(2024, 3, 22, 15, 30, tzinfo=UTC)
    assert items[2].date == datetime(2024, 3, 23, 10, 15, tzinfo=UTC)  # naive -> UTC
    assert items[1].text.startswith("Группировка")
    assert items[0].channel_key == "jsonl:monitor_feed"
    assert items[0].channel_name == "monitor_feed"
    assert items[0].author == "desk"
    assert items[0].raw["id"] == 101


def test_custom_column_map(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "export.jsonl",
        {"uid": "a-1", "posted": "2024-01-03", "body_text": CLAIM, "src": "outlet", "id": 9},
    )
    options = ReaderOptions(
        column_map={"id": "uid", "date": "posted", "text": "body_text", "channel": "src"}
    )
    (item,) = read_jsonl(path, options)
    assert isinstance(item, RawItem)
    assert (item.message_id, item.text, item.channel_key) == ("a-1", CLAIM, "jsonl:outlet")
    assert item.date == datetime(2024, 1, 3, tzinfo=UTC)


def test_epoch_seconds_and_milliseconds_agree(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "e.jsonl",
        {"id": 1, "text": CLAIM, "timestamp": 1704276000},
        {"id": 2, "text": CLAIM, "timestamp": 1704276000000},
        {"id": 3, "text": CLAIM, "timestamp": "1704276000000"},
    )
    dates = {r.date for r in read_jsonl(path, ReaderOptions()) if isinstance(r, RawItem)}
    assert dates == {datetime(2024, 1, 3, 10, 0, tzinfo=UTC)}


def test_channel_falls_back_to_option_then_file_name(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "feed.jsonl", {"id": 1, "text": NEGATIVE})
    (plain,) = read_jsonl(path, ReaderOptions())
    (named,) = read_jsonl(path, ReaderOptions(channel="desk:weather"))
    assert isinstance(plain, RawItem) and isinstance(named, RawItem)
    assert plain.channel_key == "file:feed.jsonl"
    assert named.channel_key == "desk:weather"


def test_records_without_id_get_a_stable_content_id(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "n.jsonl", {"text": CLAIM}, {"text": NEGATIVE})
    first = [r.message_id for r in read_jsonl(path, ReaderOptions()) if isinstance(r, RawItem)]
    again = [r.message_id for r in read_jsonl(path, ReaderOptions()) if isinstance(r, RawItem)]
    assert first == again
    assert first[0] != first[1]
    assert all(m.startswith("sha256:") and len(m) == len("sha256:") + 16 for m in first)


def test_bad_lines_are_rejected_and_the_rest_kept(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "mixed.jsonl",
        {"id": 1, "text": CLAIM},
        "{not json",
        "[1, 2, 3]",
        {"id": 4, "text": ["not", "a", "string"]},
        {"id": 5, "text": CLAIM, "date": "last Tuesday"},
        {"id": 6, "text": CLAIM, "date": True},
        {"id": {"nested": 1}, "text": CLAIM},
        {"id": 8, "text": NEGATIVE},
    )
    results = list(read_jsonl(path, ReaderOptions()))
    summary = [(r.position, r.code if isinstance(r, Rejected) else r.message_id) for r in results]
    assert summary == [
        ("line 1", "1"),
        ("line 2", "R007"),
        ("line 3", "R009"),
        ("line 4", "R002"),
        ("line 5", "R003"),
        ("line 6", "R003"),
        ("line 7", "R001"),
        ("line 8", "8"),
    ]
    bad_json = results[1]
    assert isinstance(bad_json, Rejected) and bad_json.raw_excerpt == "{not json"


def test_line_longer_than_limit_is_rejected_and_reading_goes_on(tmp_path: Path) -> None:
    long_text = "word " * 5000
    path = write_lines(
        tmp_path / "big.jsonl", {"id": 1, "text": long_text}, {"id": 2, "text": NEGATIVE}
    )
    results = list(read_jsonl(path, ReaderOptions(max_item_bytes=10_000)))
    assert isinstance(results[0], Rejected) and results[0].code == "R004"
    assert len(results[0].raw_excerpt) <= 4096
    assert isinstance(results[1], RawItem) and results[1].text == NEGATIVE


def test_deep_nesting_is_rejected(tmp_path: Path) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    path = write_lines(tmp_path / "deep.jsonl", {"text": CLAIM}, deep, {"text": NEGATIVE})
    results = list(read_jsonl(path, ReaderOptions()))
    assert [type(r).__name__ for r in results] == ["RawItem", "Rejected", "RawItem"]
    assert isinstance(results[1], Rejected) and results[1].code == "R005"


def test_deep_nesting_inside_a_json_array_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    deep = '{"a": ' * 50_000 + "1" + "}" * 50_000
    path.write_text(f'[{{"id": 1, "text": "ok"}}, {deep}, {{"id": 3, "text": "ok"}}]')
    results = list(read_jsonl(path, ReaderOptions()))
    assert [(r.position, getattr(r, "code", "item")) for r in results] == [
        ("item 1", "item"),
        ("item 2", "R005"),
        ("item 3", "item"),
    ]


def test_data_after_a_json_array_is_damage(tmp_path: Path) -> None:
    path = tmp_path / "two.json"
    path.write_text('[{"id": 1, "text": "ok"}]\n{"id": 2, "text": "lost?"}\n')
    seen: list[object] = []
    with pytest.raises(InputDamaged):
        seen.extend(read_jsonl(path, ReaderOptions()))
    assert [type(r).__name__ for r in seen] == ["RawItem", "Rejected"]


def test_undecodable_line_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "enc.jsonl"
    path.write_bytes(b'{"id": 1, "text": "caf\xe9"}\n{"id": 2, "text": "ok"}\n')
    results = list(read_jsonl(path, ReaderOptions(encoding="utf-8")))
    assert isinstance(results[0], Rejected) and results[0].code == "R006"
    assert isinstance(results[1], RawItem) and results[1].text == "ok"


def test_truncated_last_line_is_damage_after_earlier_items(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl"
    path.write_text(json.dumps({"id": 1, "text": CLAIM}) + '\n{"id": 2, "te', encoding="utf-8")
    seen: list[object] = []
    with pytest.raises(InputDamaged) as info:
        seen.extend(read_jsonl(path, ReaderOptions()))
    assert isinstance(seen[0], RawItem) and seen[0].message_id == "1"
    assert isinstance(seen[1], Rejected) and (seen[1].code, seen[1].position) == ("R008", "line 2")
    assert "cut.jsonl" in str(info.value) and "line 2" in str(info.value)


def test_json_array_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "posts.json"
    path.write_text(json.dumps([{"id": 1, "text": CLAIM}, "x", {"id": 3, "text": NEGATIVE}]))
    results = list(read_jsonl(path, ReaderOptions()))
    assert [(r.position, type(r).__name__) for r in results] == [
        ("item 1", "RawItem"),
        ("item 2", "Rejected"),
        ("item 3", "RawItem"),
    ]
    assert isinstance(results[1], Rejected) and results[1].code == "R009"


def test_truncated_json_array_raises_after_earlier_items(tmp_path: Path) -> None:
    path = tmp_path / "cut.json"
    full = json.dumps([{"id": i, "text": CLAIM} for i in range(1, 4)])
    path.write_text(full[: full.rindex("{") + 12])
    seen: list[object] = []
    with pytest.raises(InputDamaged) as info:
        seen.extend(read_jsonl(path, ReaderOptions()))
    assert [r.message_id for r in seen if isinstance(r, RawItem)] == ["1", "2"]
    assert isinstance(seen[-1], Rejected) and seen[-1].code == "R008"
    assert info.value.position == "item 3"


def test_utf16_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "u16.jsonl"
    path.write_text('{"id": 1, "text": "Вилояти Хуросон"}\n', encoding="utf-16")
    (item,) = read_jsonl(path, ReaderOptions())
    assert isinstance(item, RawItem) and item.text == "Вилояти Хуросон"


@given(
    st.datetimes(
        min_value=datetime(1974, 1, 1),  # epoch ms below 1e11 (before 1973-03) read as seconds
        max_value=datetime(2100, 1, 1),
        timezones=st.sampled_from([UTC, timezone(timedelta(hours=4, minutes=30))]),
    )
)
def test_parse_date_round_trips_iso_and_epoch(moment: datetime) -> None:
    assert parse_date(moment.isoformat()) == moment
    assert parse_date(moment.isoformat()).tzinfo == UTC  # type: ignore[union-attr]
    millis = int(moment.timestamp() * 1000)
    assert parse_date(millis) == datetime.fromtimestamp(millis / 1000, tz=UTC)
