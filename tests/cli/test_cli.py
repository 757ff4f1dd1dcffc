"""The command line as a user drives it: exit codes, JSON shapes, idempotence, help."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result

from propwatch.cli.main import cli


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def export(messages: list[Any], chat_id: int = 555, name: str = "Demo channel") -> dict[str, Any]:
    return {"name": name, "type": "public_channel", "id": chat_id, "messages": messages}


def msg(mid: int, text: Any, ts: int = 1704268800, **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": mid,
        "type": "message",
        "date": "2024-01-03T11:00:00",
        "date_unixtime": str(ts + mid),
        "from": "Demo channel",
        "from_id": "channel555",
        "text": text,
        "text_entities": [{"type": "plain", "text": text}] if isinstance(text, str) else [],
    }
    out.update(extra)
    return out


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "result.json"
    messages = [
        msg(1, "Рофизийлар ва яҳудийлар бир тангасининг икки томони"),
        msg(2, "Bugun Toshkentda havo issiq bo'ladi"),
        msg(3, "Вилояти Хуросон"),
    ]
    path.write_text(json.dumps(export(messages), ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


def summary(result: Result) -> dict[str, Any]:
    value: dict[str, Any] = json.loads(result.stdout)
    return value


def test_help_lists_commands() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for command in ("ingest", "search", "demo", "stats", "eval"):
        assert command in result.output


@pytest.mark.parametrize("command", ["ingest", "search", "demo", "stats", "eval"])
def test_each_command_has_help(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0 and "Usage:" in result.output


def test_ingest_then_again_adds_nothing(good: Path, db: str) -> None:
    first = run("ingest", str(good), "--db", db, "--json")
    assert first.exit_code == 0, first.output
    assert summary(first)["ingested"] == 3
    second = run("ingest", str(good), "--db", db, "--json")
    body = summary(second)
    assert (second.exit_code, body["ingested"], body["duplicates"], body["rejected"]) == (
        0,
        0,
        3,
        0,
    )


def test_newer_export_adds_new_and_records_edits(good: Path, db: str, tmp_path: Path) -> None:
    run("ingest", str(good), "--db", db)
    newer = tmp_path / "newer" / "result.json"
    newer.parent.mkdir()
    messages = [
        msg(1, "Рофизийлар ва яҳудийлар бир тангасининг икки томони"),
        msg(
            2,
            "Bugun Toshkentda havo sovuq",
            edited="2024-01-04T10:00:00",
            edited_unixtime="1704362400",
        ),
        msg(3, "Вилояти Хуросон"),
        msg(4, "Yangi xabar"),
    ]
    newer.write_text(json.dumps(export(messages), ensure_ascii=False), encoding="utf-8")
    body = summary(run("ingest", str(newer), "--db", db, "--json"))
    assert (body["ingested"], body["edits"], body["duplicates"]) == (1, 1, 2)
    hits = summary(run("search", "sovuq", "--db", db, "--json"))["hits"]
    assert [h["message_id"] for h in hits] == ["2"]


def test_rejected_items_exit_3_and_are_kept(tmp_path: Path, db: str) -> None:
    path = tmp_path / "result.json"
    messages = [msg(1, "ok one"), {"type": "message", "text": "no id"}, msg(3, 12345), msg(4, "ok")]
    path.write_text(json.dumps(export(messages)), encoding="utf-8")
    result = run("ingest", str(path), "--db", db, "--json")
    body = summary(result)
    assert result.exit_code == 3
    assert (body["ingested"], body["rejected"]) == (2, 2)
    stats = summary(run("stats", "--db", db, "--json"))
    assert stats["rejected"] == 2 and stats["messages"] == 2


def test_truncated_file_keeps_items_before_damage_and_exits_1(tmp_path: Path, db: str) -> None:
    path = tmp_path / "result.json"
    text = json.dumps(export([msg(i, f"message number {i}") for i in range(1, 50)]))
    path.write_text(text[: len(text) * 2 // 3], encoding="utf-8")
    result = run("ingest", str(path), "--db", db, "--json")
    body = summary(result)
    assert result.exit_code == 1
    assert body["ingested"] >= 25
    error = body["errors"][0]
    assert error["code"] == "PW103" and str(path) in error["message"] and error["position"]
    assert str(path) in result.stderr


def test_missing_file_is_exit_1_and_others_still_ingested(good: Path, db: str) -> None:
    result = run("ingest", "/no/such/file.json", str(good), "--db", db, "--json")
    body = summary(result)
    assert result.exit_code == 1
    assert body["ingested"] == 3 and body["errors"][0]["code"] == "PW101"


def test_usage_errors_exit_2(good: Path, db: str) -> None:
    assert run("ingest", str(good), "--db", db, "--map", "nonsense").exit_code == 2
    assert run("ingest").exit_code == 2
    assert run("search", "x", "--since", "yesterday", "--db", db).exit_code == 2


def test_search_json_shape(good: Path, db: str) -> None:
    run("ingest", str(good), "--db", db)
    result = run("search", "rofiziylar", "--db", db, "--json")
    assert result.exit_code == 0
    body = summary(result)
    assert body["total"] == 1
    hit = body["hits"][0]
    assert hit["message_id"] == "1" and hit["channel"] == "telegram:555"
    assert hit["language"] == "uz" and hit["date"].startswith("2024-01-03T")
    assert "[Рофизийлар]" in hit["snippet"]


def test_search_human_output(good: Path, db: str) -> None:
    run("ingest", str(good), "--db", db)
    result = run("search", "xuroson", "--db", db)
    assert result.exit_code == 0
    assert "1 matching item" in result.output and "Хуросон" in result.output


def test_demo_builds_database_and_summarises(tmp_path: Path) -> None:
    target = tmp_path / "demo.db"
    result = run("demo", "--db", str(target), "--json")
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    stats = body["stats"]
    assert stats["channels"] >= 6 and stats["messages"] >= 100
    for lang in ("tg", "uz", "ky", "ru", "fa", "prs", "ps", "ar", "tr", "en"):
        assert stats["by_language"].get(lang, 0) > 0, lang
    assert stats["forwards"] > 0 and stats["versions"] > 0
    assert all(search["total"] > 0 for search in body["searches"])


def test_binary_file_renamed_json_is_a_clear_error(tmp_path: Path, good: Path, db: str) -> None:
    fake = tmp_path / "photo.json"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    result = run("ingest", str(fake), str(good), "--db", db, "--json")
    body = summary(result)
    assert result.exit_code == 1
    assert body["ingested"] == 3
    assert body["errors"][0]["code"] == "PW102" and str(fake) in body["errors"][0]["message"]


def test_empty_file_is_a_clear_error(tmp_path: Path, db: str) -> None:
    empty = tmp_path / "empty.json"
    empty.write_bytes(b"")
    result = run("ingest", str(empty), "--db", db, "--json")
    assert result.exit_code == 1
    assert "empty" in summary(result)["errors"][0]["message"]


def test_cp1251_csv_with_column_map(tmp_path: Path, db: str) -> None:
    path = tmp_path / "posts.csv"
    path.write_bytes("ид;сообщение;когда\n1;Вилаят Хорасан заявил;2024-03-23\n".encode("cp1251"))
    result = run(
        "ingest",
        str(path),
        "--db",
        db,
        "--json",
        "--map",
        "id=ид",
        "--map",
        "text=сообщение",
        "--map",
        "date=когда",
    )
    assert result.exit_code == 0, result.output
    hits = summary(run("search", "хорасан", "--db", db, "--json"))["hits"]
    assert [h["text"] for h in hits] == ["Вилаят Хорасан заявил"]


def test_ten_megabyte_message_is_stored_whole(tmp_path: Path, db: str) -> None:
    path = tmp_path / "result.json"
    big = ("Хуросон " * 1_300_000)[:10_000_000]
    path.write_text(json.dumps(export([msg(1, big), msg(2, "small one")])), encoding="utf-8")
    result = run("ingest", str(path), "--db", db, "--json")
    assert result.exit_code == 0 and summary(result)["ingested"] == 2
    hits = summary(run("search", "xuroson", "--db", db, "--json", "--limit", "1"))["hits"]
    assert len(hits[0]["text"]) == 10_000_000


def test_deeply_nested_message_is_rejected_and_the_rest_kept(tmp_path: Path, db: str) -> None:
    path = tmp_path / "result.json"
    before = json.dumps(export([msg(1, "first"), {"id": 2, "text": "PLACEHOLDER"}, msg(3, "last")]))
    nested = "[" * 50_000 + "]" * 50_000
    path.write_text(before.replace('"PLACEHOLDER"', nested), encoding="utf-8")
    result = run("ingest", str(path), "--db", db, "--json")
    body = summary(result)
    assert result.exit_code == 3
    assert (body["ingested"], body["rejected"]) == (2, 1)


def test_dates_that_do_not_parse_are_rejected_with_reason(tmp_path: Path, db: str) -> None:
    path = tmp_path / "posts.jsonl"
    path.write_text(
        '{"id": 1, "text": "ok", "date": "2024-01-03"}\n'
        '{"id": 2, "text": "bad", "date": "the day after the storm"}\n',
        encoding="utf-8",
    )
    result = run("ingest", str(path), "--db", db, "--json")
    assert result.exit_code == 3
    assert summary(result)["rejected"] == 1


def test_every_listed_command_loads_under_its_name_and_has_help() -> None:
    names = cli.list_commands(click.Context(cli))
    assert {"ingest", "search", "eval", "export", "serve"} <= set(names)
    for name in names:
        result = run(name, "--help")
        assert result.exit_code == 0, name
        assert result.output.startswith(f"Usage: cli {name} "), name
    assert {"detection", "extraction"} <= set(run("eval", "--help").output.split())


def test_starting_the_command_does_not_import_every_subcommand() -> None:
    # Ingest workers re-import the command's module; each paid 0.5 s for the web server's,
    # the exports' and the store's imports before it read a message.
    code = (
        "import sys, propwatch.cli.main; "
        "print(sorted({'sqlalchemy', 'fastapi', 'networkx'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
