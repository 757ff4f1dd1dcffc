"""CSV and NDJSON tables: round trips of stored messages and detections, graph entities and
events; hostile text (formulas, newlines, quotes, RTL override, bidi, U+2028) exported safely;
paging that never repeats or drops a row; the ``propwatch export csv|ndjson`` commands."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from tests.export.graphs import sample_graph
from tests.export.stored import CLAIM, HOSTILE, TEXTS, fill

from propwatch.cli.export_cmd import export_group
from propwatch.export import (
    COLUMNS,
    TableFilter,
    detection_rows,
    entity_rows,
    event_rows,
    message_rows,
    write_csv,
    write_ndjson,
)
from propwatch.export.tables import guard_cell
from propwatch.store import open_store


@pytest.fixture
def filled(db_url: str) -> Iterator[str]:
    with open_store(db_url) as store:
        fill(store)
    yield db_url


def run(*args: str) -> Result:
    return CliRunner().invoke(export_group, list(args), catch_exceptions=False)


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def unguard(cell: str) -> str:
    return cell[1:] if cell.startswith("'") else cell


def test_messages_csv_round_trip_is_exact_apart_from_the_guard(filled: str, tmp_path: Path) -> None:
    out = tmp_path / "messages.csv"
    result = run("csv", "--db", filled, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert f"wrote {len(TEXTS)} messages rows to {out}" in result.stderr
    raw = out.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")  # no BOM unless asked
    rows = read_csv(raw.decode("utf-8"))
    assert list(rows[0]) == list(COLUMNS["messages"])
    texts = {r["message_id"]: r["text"] for r in rows}
    assert unguard(texts["11"]) == HOSTILE  # newlines, quotes, bidi, RTL: all kept
    assert texts["10"].startswith(CLAIM)
    by_id = {r["message_id"]: r for r in rows}
    assert by_id["10"]["propaganda"] == "0.93" and by_id["10"]["stance"] == "endorse"
    assert by_id["13"]["propaganda"] == "" and by_id["10"]["channel_name"] == "Demo channel"
    assert by_id["10"]["date"] == "2024-01-04T12:00:00Z"


def test_cells_a_spreadsheet_would_run_get_a_quote(filled: str, tmp_path: Path) -> None:
    out = tmp_path / "m.csv"
    run("csv", "--db", filled, "-o", str(out))
    texts = {r["message_id"]: r["text"] for r in read_csv(out.read_bytes().decode("utf-8"))}
    assert texts["11"].startswith("'=HYPERLINK(")
    assert texts["13"] == "'-minus first"
    assert texts["14"] == "'+plus first"
    assert texts["15"] == "'@at first"
    assert texts["12"] == "Bugun Toshkentda havo issiq bo'ladi."  # untouched
    # Opt out: cells exactly as stored.
    run("csv", "--db", filled, "-o", str(out), "--no-formula-guard")
    texts = {r["message_id"]: r["text"] for r in read_csv(out.read_bytes().decode("utf-8"))}
    assert texts["11"] == HOSTILE and texts["13"] == "-minus first"


@pytest.mark.parametrize(
    ("cell", "guarded"),
    [
        ("=1+1", "'=1+1"),
        ("\u200e=cmd|' /C calc'!A0", "'\u200e=cmd|' /C calc'!A0"),  # hidden behind an LRM
        ("  @SUM(A1)", "'  @SUM(A1)"),
        ("＝1+1", "'＝1+1"),  # full-width equals
        ("\tTAB", "'\tTAB"),
        ("a=b", "a=b"),
        ("", ""),
        ("عربي =1", "عربي =1"),
    ],
)
def test_guard_cell(cell: str, guarded: str) -> None:
    assert guard_cell(cell) == guarded


def test_numbers_are_never_prefixed() -> None:
    out = io.StringIO(newline="")
    write_csv(
        [{"a": -5, "b": -0.5, "c": "-5", "d": None, "e": True}], ("a", "b", "c", "d", "e"), out
    )
    assert out.getvalue().splitlines()[1] == "-5,-0.5,'-5,,true"


def test_bom_for_excel_and_stdout(filled: str) -> None:
    result = run(
        "csv", "--db", filled, "-o", "-", "--bom", "--lang", "en", "--channel", "Daily News"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("\ufeffpk,channel,")
    rows = read_csv(result.stdout.lstrip("\ufeff"))
    assert [r["message_id"] for r in rows] == ["77"]
    assert "wrote 1 messages rows to stdout" in result.stderr


def test_ndjson_round_trip_is_exact_and_one_record_a_line(filled: str, tmp_path: Path) -> None:
    out = tmp_path / "m.ndjson"
    assert run("ndjson", "--db", filled, "-o", str(out)).exit_code == 0
    raw = out.read_bytes()
    lines = raw.decode("utf-8").splitlines()  # splits on U+2028 and NEL too: must not matter
    assert len(lines) == len(TEXTS)
    records = [json.loads(line) for line in lines]
    assert {r["message_id"]: r["text"] for r in records}["11"] == HOSTILE
    assert "\u2028".encode() not in raw and b"\\u2028" in raw
    assert records[0]["links"] is None or isinstance(records[0]["links"], list)


def test_window_filters(filled: str) -> None:
    result = run(
        "ndjson", "--db", filled, "-o", "-", "--since", "2024-01-06", "--until", "2024-01-08"
    )
    ids = [json.loads(line)["message_id"] for line in result.stdout.splitlines()]
    assert ids == ["11", "12"]


def test_detections_table(filled: str) -> None:
    result = run("ndjson", "--db", filled, "--what", "detections", "-o", "-")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    kinds = {(r["message_id"], r["kind"], r["label"]) for r in rows}
    assert ("10", "judgement", "propaganda") in kinds
    assert ("10", "stance", "endorse") in kinds
    assert ("10", "detection", "attack_claim") in kinds
    assert not any(r["kind"] in ("entity", "event", "relation") for r in rows)
    [wallet] = [r for r in rows if r["kind"] == "signal"]
    assert wallet["value"] == "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"
    [claim] = [r for r in rows if r["kind"] == "detection" and r["message_id"] == "10"]
    assert claim["evidence"] == ["Islamic"] and claim["score"] == 0.8
    only = run(
        "csv",
        "--db",
        filled,
        "--what",
        "detections",
        "-o",
        "-",
        "--label",
        "attack_claim",
        "--min-score",
        "0.5",
    )
    assert [r["message_id"] for r in read_csv(only.stdout)] == ["10", "77"]


def test_paging_never_repeats_or_drops_a_row(filled: str) -> None:
    with open_store(filled) as store:
        everything = [r["pk"] for r in message_rows(store)]
        paged = [r["pk"] for r in message_rows(store, batch=2)]
        notes = [r["id"] for r in detection_rows(store, TableFilter(), batch=3)]
    assert paged == everything == sorted(everything) and len(paged) == len(TEXTS)
    assert notes == sorted(set(notes))


def test_entities_and_events_from_the_graph() -> None:
    graph = sample_graph()
    out = io.StringIO(newline="")
    assert write_csv(entity_rows(graph), COLUMNS["entities"], out) == len(graph.entities)
    rows = read_csv(out.getvalue())
    assert json.loads(rows[0]["aliases"]) == [
        "Islamic State Khorasan Province",
        "ISKP",
        "ИГИЛ-Хорасан",
    ]
    [event] = list(event_rows(graph))
    assert (event["channel"], event["message_id"], event["killed"]) == ("telegram:100", "10", 95)
    assert [f["value"] for f in event["killed_figures"]] == [95, 84]
    buffer = io.BytesIO()
    assert write_ndjson(event_rows(graph), buffer) == 1
    assert json.loads(buffer.getvalue())["claimed_by"] == ["Islamic State Khorasan Province"]


def test_entities_and_events_from_the_store(filled: str) -> None:
    entities = run("ndjson", "--db", filled, "--what", "entities", "-o", "-")
    names = {json.loads(line)["name"] for line in entities.stdout.splitlines()}
    assert names == {"Islamic State Khorasan Province", "Kerman", "Amaq"}
    events = run("csv", "--db", filled, "--what", "events", "-o", "-")
    [row] = read_csv(events.stdout)
    assert (row["type"], row["date"], row["killed"], row["message_id"]) == (
        "suicide_bombing",
        "2024-01-03",
        "95",
        "10",
    )


def test_bad_use_exits_2(filled: str, tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "dir" / "out.csv"
    result = run("csv", "--db", filled, "-o", str(missing))
    assert result.exit_code == 2 and "does not exist" in result.stderr
    assert run("csv", "--db", filled, "--what", "tweets", "-o", "-").exit_code == 2


def test_rows_stream_one_page_at_a_time(tmp_path: Path) -> None:
    """A generator over pages (one row a page here): the first row comes before the rest are
    read, and every row is written once."""
    calls: list[int] = []

    class Counting(io.StringIO):
        def write(self, s: str) -> int:
            calls.append(len(s))
            return super().write(s)

    with open_store(f"sqlite:///{tmp_path / 'big.db'}") as store:
        fill(store)
        rows: Any = message_rows(store, batch=1)
        first = next(rows)
        assert first["message_id"] == "10"
        assert write_csv(rows, COLUMNS["messages"], Counting()) == len(TEXTS) - 1
    assert len(calls) >= len(TEXTS)
