"""``propwatch watch``, ``propwatch alerts ...`` and ``propwatch trends`` as a user runs them."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from propwatch.cli.watch_cmd import alerts_group, trends_command, watch_command
from propwatch.store import open_store
from propwatch.watch.watcher import Watcher

GENESIS = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"
RULES = """\
rules:
  - name: wallets
    when: {wallet: any}
    severity: high
  - name: kerman
    when: {entity: Kerman}
"""


def invoke(command: Any, *args: str) -> Result:
    return CliRunner().invoke(command, list(args), catch_exceptions=False)


def msg(mid: int, text: str) -> dict[str, Any]:
    return {
        "id": mid,
        "type": "message",
        "date": "2024-01-03T11:00:00",
        "date_unixtime": str(1704268800 + mid * 60),
        "from": "Monitor (test)",
        "from_id": "channel777",
        "text": text,
        "text_entities": [{"type": "plain", "text": text}],
    }


def export(path: Path, *messages: dict[str, Any]) -> Path:
    data = {"name": "Monitor (test)", "type": "public_channel", "id": 777,
            "messages": list(messages)}  # fmt: skip
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, str, Path]:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    rules = tmp_path / "rules.yaml"
    rules.write_text(RULES, encoding="utf-8")
    return inbox, f"sqlite:///{tmp_path / 'watch.db'}", rules


def test_watch_once_ingests_a_dropped_file_and_fires_alerts(
    setup: tuple[Path, str, Path], tmp_path: Path
) -> None:
    inbox, db, rules = setup
    (inbox / "photos").mkdir()
    (inbox / "photos" / "a.jpg").write_bytes(b"\xff\xd8\xff")  # media: not looked at
    (inbox / "files").mkdir()  # an export's attachments folder: not looked at either
    (inbox / "files" / "attachment.txt").write_text("An attached text.", encoding="utf-8")
    export(
        inbox / "result.json",
        msg(1, "Weather in Dushanbe is sunny today."),
        msg(2, f"The post asked for donations to {GENESIS}, analysts said."),
    )
    log = tmp_path / "alerts.log"
    args = [str(inbox), "--db", db, "--rules", str(rules), "--once", "--settle", "0.1"]
    result = invoke(watch_command, *args, "--log", str(log))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"{inbox / 'result.json'}: 2 new, 0 already known, 0 edits, 0 rejected"
    assert lines[1].startswith("ALERT [high] wallets: a wallet (Monitor (test), 2024-01-03)")
    assert len(lines) == 2
    assert log.read_text(encoding="utf-8").count("ALERT [high] wallets") == 1

    # Nothing new: nothing fires again.
    again = invoke(watch_command, *args)
    assert again.stdout.splitlines() == [
        f"{inbox / 'result.json'}: 0 new, 2 already known, 0 edits, 0 rejected"
    ]

    # The export grows: only the new item is stored and evaluated.
    export(
        inbox / "result.json",
        msg(1, "Weather in Dushanbe is sunny today."),
        msg(2, f"The post asked for donations to {GENESIS}, analysts said."),
        msg(3, "Islamic State claimed the Kerman bombings through Amaq, the channel said."),
    )
    grown = invoke(watch_command, *args)
    out = grown.stdout.splitlines()
    assert out[0].endswith(": 1 new, 2 already known, 0 edits, 0 rejected")
    assert [line.split(":")[0] for line in out[1:]] == ["ALERT [medium] kerman"]

    listed = invoke(alerts_group, "list", "--db", db, "--json")
    body = json.loads(listed.stdout)
    assert body["total"] == 2 and {a["rule"] for a in body["alerts"]} == {"wallets", "kerman"}
    first = body["alerts"][-1]["id"]
    assert invoke(alerts_group, "mark", str(first), "--status", "seen", "--db", db).exit_code == 0
    new = json.loads(invoke(alerts_group, "list", "--db", db, "--status", "new", "--json").stdout)
    assert new["total"] == 1


def test_a_half_written_file_waits_until_it_stops_changing(
    setup: tuple[Path, str, Path],
) -> None:
    inbox, db, _ = setup
    path = inbox / "feed.jsonl"
    with open_store(db) as store:
        watcher = Watcher(store, inbox, settle=0.6)
        path.write_text('{"id": "1", "text": "First report on the region."}\n', encoding="utf-8")
        assert watcher.poll() == []  # just written: not read yet
        time.sleep(0.3)
        with path.open("a", encoding="utf-8") as handle:
            handle.write('{"id": "2", "text": "Second rep')  # still being written
        assert watcher.poll() == []
        with path.open("a", encoding="utf-8") as handle:
            handle.write('ort on the region."}\n')
        results = watcher.run_once(max_wait=10)
        assert [(r.ingested, r.rejected) for r in results] == [(2, 0)]
        assert watcher.poll() == []  # unchanged since: not read again


def test_alerts_check_names_the_line_of_each_problem(tmp_path: Path) -> None:
    bad = tmp_path / "rules.yaml"
    bad.write_text("rules:\n  - name: a\n    when: {label: anti_shia}\n    severity: urgent\n",
                   encoding="utf-8")  # fmt: skip
    result = invoke(alerts_group, "check", "--rules", str(bad))
    assert result.exit_code == 1
    assert f"{bad}:4: rule 1 ('a'): 'severity' must be one of" in " ".join(result.output.split())
    good = tmp_path / "good.yaml"
    good.write_text(RULES, encoding="utf-8")
    ok = invoke(alerts_group, "check", "--rules", str(good))
    assert ok.exit_code == 0 and f"{good}: 2 rule(s), valid" in ok.output


def test_trends_command_prints_series_spikes_and_reference_events(
    setup: tuple[Path, str, Path],
) -> None:
    inbox, db, _ = setup
    export(inbox / "result.json", *[msg(i, f"Agency report {i} on Kerman.") for i in range(1, 4)])
    invoke(watch_command, str(inbox), "--db", db, "--once", "--settle", "0")
    result = invoke(trends_command, "--db", db, "--by", "channel", "--json")
    body = json.loads(result.stdout)
    assert body["days"] == ["2024-01-03"]
    assert body["series"][0]["name"] == "Monitor (test)" and body["series"][0]["counts"] == [3]
    assert [e["title"] for e in body["reference_events"]] == ["Kerman bombings"]
    around = invoke(trends_command, "--db", db, "--by", "entity", "--before-after", "2024-01-03",
                    "--days", "7", "--json")  # fmt: skip
    rows = {r["key"]: r for r in json.loads(around.stdout)["rows"]}
    assert rows["gaz:ir_kerman"]["before"] == 0 and rows["gaz:ir_kerman"]["after"] == 3
    bad = CliRunner().invoke(trends_command, ["--db", db, "--since", "2024-02-31"])
    assert bad.exit_code == 2 and "not a day" in bad.output


def test_ingest_reports_the_new_items_of_each_batch(tmp_path: Path) -> None:
    from propwatch.api import ingest

    path = export(tmp_path / "result.json", *[msg(i, f"Agency report {i}.") for i in range(1, 6)])
    seen: list[list[int]] = []
    with open_store(f"sqlite:///{tmp_path / 'b.db'}") as store:
        ingest([path], store, workers=0, batch_size=2, on_batch=seen.append)
        assert [len(batch) for batch in seen] == [2, 2, 1]
        assert sorted(pk for batch in seen for pk in batch) == [1, 2, 3, 4, 5]
        seen.clear()
        ingest([path], store, workers=0, on_batch=seen.append)
        assert seen == [[]]  # nothing new
        edited = msg(2, "Agency report 2, corrected.")
        edited["edited"] = "2024-01-03T12:00:00"
        edited["edited_unixtime"] = "1704286800"
        export(path, msg(1, "Agency report 1."), edited, msg(6, "Agency report 6."))
        seen.clear()
        ingest([path], store, workers=0, on_batch=seen.append)
        assert seen == [[2, 6]]  # the edit that became current, and the new item
