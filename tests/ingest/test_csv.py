"""CSV/TSV reader: delimiters, encodings (cp1251, UTF-8 BOM, UTF-16), mapping and rejects."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from propwatch.errors import UnsupportedFormat, UsageError
from propwatch.ingest.base import ReaderOptions
from propwatch.ingest.csvfile import read_csv, sniff_delimiter
from propwatch.model import RawItem, Rejected

FIXTURES = Path(__file__).parent.parent / "fixtures" / "docs"
CLAIM = "The group claimed responsibility for the attack, according to its agency."
NEGATIVE = "Khorasan Razavi province reported heavy snowfall on Tuesday."


def items(path: Path, options: ReaderOptions | None = None) -> list[RawItem]:
    results = list(read_csv(path, options or ReaderOptions()))
    assert all(isinstance(r, RawItem) for r in results), results
    return [r for r in results if isinstance(r, RawItem)]


def test_cp1251_semicolon_csv_from_excel() -> None:
    rows = items(FIXTURES / "posts_cp1251.csv")
    assert [r.message_id for r in rows] == ["1", "2", "3"]
    assert rows[0].text == (
        "Группировка взяла на себя ответственность за нападение, сообщило агентство."
    )
    assert rows[0].channel_key == "csv:Новости мониторинга"
    assert rows[1].date == datetime(2024, 3, 23, tzinfo=UTC)
    assert rows[0].position == "row 2"
    assert rows[0].raw == {
        "id": "1",
        "date": "2024-03-22",
        "channel": "Новости мониторинга",
        "text": rows[0].text,
    }


def test_utf8_bom_does_not_spoil_the_first_header(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_text(f'id,Text,Date\n7,"{CLAIM}",2024-01-03T10:00:00+05:00\n', encoding="utf-8-sig")
    (row,) = items(path)
    assert (row.message_id, row.text) == ("7", CLAIM)  # "Text"/"Date" matched ignoring case
    assert row.date == datetime(2024, 1, 3, 5, 0, tzinfo=UTC)


def test_utf16_tab_separated_unicode_text(tmp_path: Path) -> None:
    path = tmp_path / "excel.txt"
    path.write_text("id\tmessage\n1\tВилояти Хуросон\n2\tولایت خراسان\n", encoding="utf-16")
    rows = items(path)
    assert [r.text for r in rows] == ["Вилояти Хуросон", "ولایت خراسان"]


def test_custom_column_map_and_epoch_ms(tmp_path: Path) -> None:
    path = tmp_path / "custom.csv"
    path.write_text(
        f'post_no,posted_ms,outlet,what\n55,1704276000000,Monitor,"{NEGATIVE}"\n', encoding="utf-8"
    )
    options = ReaderOptions(
        column_map={"id": "post_no", "date": "posted_ms", "channel": "outlet", "text": "what"}
    )
    (row,) = items(path, options)
    assert (row.message_id, row.channel_key, row.text) == ("55", "csv:Monitor", NEGATIVE)
    assert row.date == datetime(2024, 1, 3, 10, 0, tzinfo=UTC)


def test_bad_rows_are_rejected_with_their_row_number(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "id,text,date\n"
        f'1,"{CLAIM}",2024-01-01\n'
        "2,only two\n"
        '3,"a quoted\nmulti-line field",2024-01-02\n'
        "4,undated text,sometime in spring\n"
        f'5,"{NEGATIVE}",\n',
        encoding="utf-8",
    )
    results = list(read_csv(path, ReaderOptions()))
    summary = [(r.position, r.code if isinstance(r, Rejected) else r.message_id) for r in results]
    assert summary == [
        ("row 2", "1"),
        ("row 3", "R007"),
        ("row 4", "3"),
        ("row 5", "R003"),
        ("row 6", "5"),
    ]
    assert isinstance(results[2], RawItem) and results[2].text == "a quoted\nmulti-line field"
    assert isinstance(results[4], RawItem) and results[4].date is None  # empty date: undated


def test_huge_field_is_read(tmp_path: Path) -> None:
    big = "statement " * 50_000  # 500 KB, above the csv module's default 128 KB limit
    path = tmp_path / "big.csv"
    path.write_text(f'id,text\n1,"{big}"\n2,short\n', encoding="utf-8")
    rows = items(path)
    assert [len(r.text) for r in rows] == [len(big), len("short")]


def test_line_over_the_item_limit_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "limit.csv"
    path.write_text(f"id,text\n1,{'x' * 5000}\n2,{NEGATIVE}\n", encoding="utf-8")
    results = list(read_csv(path, ReaderOptions(max_item_bytes=1000)))
    assert [getattr(r, "code", "item") for r in results] == ["R004", "item"]


def test_mapping_to_a_missing_column_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("id,text\n1,hello\n", encoding="utf-8")
    with pytest.raises(UsageError, match="'body'"):
        list(read_csv(path, ReaderOptions(column_map={"text": "body"})))


def test_file_without_text_column_says_how_to_map_one(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("id,caption\n1,hello\n", encoding="utf-8")
    with pytest.raises(UnsupportedFormat, match="no text column") as info:
        list(read_csv(path, ReaderOptions()))
    assert "--map text=" in str(info.value)


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        ("id,text\n1,a\n2,b\n", ","),
        ("id;text;date\n1;a, b;2024\n", ";"),
        ("id\ttext\n1\ta, b; c\n", "\t"),
        ("A plain sentence, with a comma.\nAnother line without one\n", None),
    ],
)
def test_sniff_delimiter(sample: str, expected: str | None) -> None:
    assert sniff_delimiter(sample) == expected
