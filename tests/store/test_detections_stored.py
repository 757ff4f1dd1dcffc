"""Detections written at ingest, filtered by search, replaced on edits: on every backend.

A small Telegram export holds a propaganda message (the "Rafida" code word and the "two sides
of one coin" slogan), a news report quoting the same word with attribution, and an everyday
message. ``db_url`` (tests/conftest.py) runs each test on SQLite and, when
``PROPWATCH_TEST_PG`` is set, on PostgreSQL.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from click.testing import CliRunner, Result

from propwatch.cli.main import cli
from propwatch.store import open_store, schema

PROPAGANDA = (
    "Рофизийлар ва яҳудийлар бир тангасининг икки томони. Ҳақиқатни тарқатинг: t.me/example_channel"
)
REPORT = (
    "По данным МВД, группировка в своём заявлении назвала шиитов «рафидитами»; полиция "
    "задержала двух подозреваемых."
)
NEUTRAL = "Bugun Toshkentda havo issiq bo'ladi, kechqurun yomg'ir kutilmoqda."
EDITED = "Bugun kanalda yangi xabar yo'q, ertaga kuting."


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def body(result: Result) -> dict[str, Any]:
    value: dict[str, Any] = json.loads(result.stdout)
    return value


def msg(mid: int, text: str, **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": mid,
        "type": "message",
        "date": "2024-01-03T11:00:00",
        "date_unixtime": str(1704268800 + mid * 60),
        "from": "Demo channel",
        "from_id": "channel555",
        "text": text,
        "text_entities": [{"type": "plain", "text": text}],
    }
    out.update(extra)
    return out


def export(path: Path, *messages: dict[str, Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"name": "Demo channel", "type": "public_channel", "id": 555, "messages": messages}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def first_export(tmp_path: Path) -> Path:
    messages = (msg(1, PROPAGANDA), msg(2, REPORT), msg(3, NEUTRAL))
    return export(tmp_path / "v1" / "result.json", *messages)


def ingest(db_url: str, path: Path, *options: str) -> dict[str, Any]:
    result = run("ingest", str(path), "--db", db_url, "--json", *options)
    assert result.exit_code == 0, result.output
    return body(result)


def search(db_url: str, *args: str) -> dict[str, Any]:
    result = run("search", *args, "--db", db_url, "--json")
    assert result.exit_code == 0, result.output
    return body(result)


def listed(db_url: str, *args: str) -> list[str]:
    found = search(db_url, *args)
    assert found["total"] == len(found["hits"])
    return sorted(hit["message_id"] for hit in found["hits"])


def stored_annotations(db_url: str) -> list[tuple[str, str, str, float, str]]:
    """(message id, kind, label, score, component) of every stored annotation, sorted."""
    a, m = schema.annotations, schema.messages
    with open_store(db_url) as store, store.engine.connect() as conn:
        rows = conn.execute(
            sa.select(m.c.message_id, a.c.kind, a.c.label, a.c.score, a.c.component).select_from(
                a.join(m, m.c.id == a.c.message_pk)
            )
        ).all()
    return sorted((r[0], r[1], r[2], round(float(r[3]), 6), r[4]) for r in rows)


def test_ingest_stores_judgement_detections_and_signals(db_url: str, first_export: Path) -> None:
    assert ingest(db_url, first_export)["ingested"] == 3
    notes = stored_annotations(db_url)
    kinds = Counter((mid, kind) for mid, kind, *_ in notes)
    # One judgement per message, detections on the two that use the code word.
    assert {mid: kinds[(mid, "judgement")] for mid in "123"} == {"1": 1, "2": 1, "3": 1}
    assert kinds[("1", "detection")] > 0 and kinds[("2", "detection")] > 0
    assert kinds[("3", "detection")] == 0
    detected = {(mid, label, comp) for mid, kind, label, _, comp in notes if kind == "detection"}
    assert ("1", "anti_shia", "lexicon") in detected
    assert ("2", "anti_shia", "lexicon") in detected
    signals = {(mid, label) for mid, kind, label, *_ in notes if kind == "signal"}
    assert ("1", "telegram_link") in signals
    judgements = {mid: score for mid, kind, _, score, _ in notes if kind == "judgement"}
    assert judgements["1"] >= 0.5 > max(judgements["2"], judgements["3"])


def test_label_filters_browse_and_search(db_url: str, first_export: Path) -> None:
    ingest(db_url, first_export)
    # No query: browse everything carrying the label.
    assert listed(db_url, "--label", "anti_shia") == ["1", "2"]
    assert listed(db_url, "--label", "propaganda") == ["1"]
    assert listed(db_url, "--min-score", "0.5") == ["1"]
    assert listed(db_url, "--label", "anti_shia", "--min-score", "0.5") == ["1", "2"]
    assert listed(db_url, "--label", "no_such_label") == []
    # With words, the label still filters.
    assert listed(db_url, "rofiziylar", "--label", "anti_shia") == ["1"]
    assert listed(db_url, "рафидит", "--label", "anti_shia") == ["2"]
    assert listed(db_url, "рафидит", "--label", "propaganda") == []
    assert listed(db_url, "toshkent", "--label", "anti_shia") == []
    assert listed(db_url, "toshkent") == ["3"]


def test_search_hits_carry_propaganda_stance_and_detections(
    db_url: str, first_export: Path
) -> None:
    ingest(db_url, first_export)
    (hit,) = search(db_url, "rofiziylar", "--label", "anti_shia")["hits"]
    assert hit["propaganda"]["label"] is True and 0.5 <= hit["propaganda"]["score"] <= 1
    assert hit["stance"] == "endorse"
    labels = {(d["label"], d["component"]) for d in hit["detections"]}
    assert ("anti_shia", "lexicon") in labels
    assert all(0 <= d["score"] <= 1 for d in hit["detections"])
    assert "judgement" not in {d["component"] for d in hit["detections"]}

    (report,) = search(db_url, "рафидит", "--label", "anti_shia")["hits"]
    assert report["propaganda"]["label"] is False
    assert report["stance"] in {"report", "counter"}
    assert ("anti_shia", "lexicon") in {(d["label"], d["component"]) for d in report["detections"]}

    (plain,) = search(db_url, "toshkent")["hits"]
    assert plain["propaganda"]["label"] is False and plain["stance"] == "neutral"
    assert plain["detections"] == []


def test_reingesting_the_same_file_adds_no_annotations(db_url: str, first_export: Path) -> None:
    ingest(db_url, first_export)
    before = stored_annotations(db_url)
    again = ingest(db_url, first_export)
    assert (again["ingested"], again["duplicates"]) == (0, 3)
    assert stored_annotations(db_url) == before


def test_an_edit_replaces_the_annotations(db_url: str, first_export: Path, tmp_path: Path) -> None:
    ingest(db_url, first_export)
    newer = export(
        tmp_path / "v2" / "result.json",
        msg(1, EDITED, edited="2024-01-04T10:00:00", edited_unixtime="1704362400"),
        msg(2, REPORT),
        msg(3, NEUTRAL),
    )
    report = ingest(db_url, newer)
    assert (report["edits"], report["duplicates"]) == (1, 2)
    notes = stored_annotations(db_url)
    mine = [n for n in notes if n[0] == "1"]
    # The new text has no code word and no link: no detection or signal remains.
    assert not [n for n in mine if n[1] in ("detection", "signal")], mine
    (judgement,) = [n for n in mine if n[1] == "judgement"]
    assert judgement[3] < 0.5
    assert listed(db_url, "--label", "anti_shia") == ["2"]
    assert listed(db_url, "--label", "propaganda") == []
    # The other messages' annotations are untouched.
    assert [n for n in notes if n[0] != "1"] == [
        n for n in annotations_after_first(first_export, tmp_path) if n[0] != "1"
    ]


def annotations_after_first(first: Path, tmp_path: Path) -> list[Any]:
    """The annotations the first export alone gives, in a fresh SQLite database."""
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    ingest(fresh, first)
    return stored_annotations(fresh)


def test_no_detect_stores_no_annotations(db_url: str, first_export: Path) -> None:
    report = ingest(db_url, first_export, "--no-detect")
    assert report["ingested"] == 3
    assert "detect" not in " ".join(report["pipeline"])
    assert stored_annotations(db_url) == []
    assert listed(db_url, "--label", "anti_shia") == []
    (hit,) = search(db_url, "rofiziylar")["hits"]
    assert hit["propaganda"] is None and hit["stance"] is None and hit["detections"] == []


def test_ingest_with_a_user_knowledge_pack(db_url: str, tmp_path: Path) -> None:
    """`ingest --knowledge DIR` detects the pack's own labels and terms, and stores them."""
    import os

    from propwatch.detect.detector import KNOWLEDGE_ENV

    pack = Path(__file__).resolve().parents[1] / "fixtures" / "knowledge" / "user"
    path = export(tmp_path / "user" / "result.json", msg(1, "Имрӯз шиори санҷишӣ паҳн шуд."))
    ingest(db_url, path, "--knowledge", str(pack))
    assert listed(db_url, "--label", "regional_threat") == ["1"]
    assert KNOWLEDGE_ENV not in os.environ  # the setting ends with the command


def test_ingest_with_a_broken_pack_fails_before_reading(db_url: str, tmp_path: Path) -> None:
    broken = tmp_path / "pack" / "lexicon"
    broken.mkdir(parents=True)
    (broken / "en.yaml").write_text(
        "language: en\nentries:\n  - id: en-x\n    term: xyzzy\n    labels: [anti_shia]\n"
        "    weight: high\n    source: test\n",
        encoding="utf-8",
    )
    path = export(tmp_path / "b" / "result.json", msg(1, "hello"))
    result = run("ingest", str(path), "--db", db_url, "--knowledge", str(broken.parent))
    assert result.exit_code == 1
    assert "PW400" in result.stderr and "en.yaml:6" in result.stderr and "weight" in result.stderr
    with open_store(db_url) as store:
        assert store.stats()["messages"] == 0
