"""`propwatch analyze --json` carries entities, events and relations (issue 4, item 5)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from propwatch.cli.main import cli

ITEMS = Path(__file__).with_name("analyze_items.jsonl")


@pytest.fixture(scope="module")
def results() -> dict[str, dict[str, Any]]:
    out = CliRunner().invoke(cli, ["analyze", str(ITEMS), "--json"])
    assert out.exit_code == 0, out.output
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    return {row["id"]: row for row in rows}


def _names(row: dict[str, Any], kind: str) -> list[str]:
    return [e["name"] for e in row["entities"] if e["type"] == kind]


def test_publication_issue_headline_channels(results: dict[str, dict[str, Any]]) -> None:
    row = results["vok"]
    (pub,) = [e for e in row["entities"] if e["type"] == "publication"]
    assert pub["gazetteer_id"] == "voice_of_khurasan"
    assert pub["attributes"]["issue"] == 35
    assert pub["attributes"]["headline"] == "Sibling Quarrel"
    assert set(_names(row, "channel")) == {"khurasan_voice_demo", "azaim_demo"}
    rels = {(r["type"], r["source"], r["target"]) for r in row["relations"]}
    assert ("issue_of", "Voice of Khurasan #35", "Voice of Khurasan") in rels
    assert ("published_by", "Voice of Khurasan", "Al-Azaim Foundation") in rels


def test_event_weekday_resolved_against_the_item_date(results: dict[str, dict[str, Any]]) -> None:
    (event,) = results["kerman"]["events"]
    assert event["date"] == "2024-01-03" and event["date_text"] == "Wednesday"
    assert event["place"][0] == "Kerman" and event["country"] == "Iran"
    assert [(f["value"], f["qualifier"]) for f in event["killed"]] == [(84, "at_least")]
    assert [f["value"] for f in event["injured"]] == [284]
    assert event["claimed_by"] == ["Islamic State"]
    assert event["claim_outlet"] == ["Amaq News Agency"]
    text = json.loads(ITEMS.read_text(encoding="utf-8").splitlines()[1])["text"]
    for span in event["evidence"]:
        assert text[span["start"] : span["end"]] == span["text"]


def test_conflicting_figures_stay_separate(results: dict[str, dict[str, Any]]) -> None:
    (event,) = results["conflict"]["events"]
    figures = [(f["value"], f["attribution"]) for f in event["killed"]]
    assert figures == [(20, "Islamic Republic of Iran Broadcasting"), (15, "IRNA")]
    assert event["place"][:2] == ["Shah Cheragh shrine", "Shiraz"]


@pytest.mark.parametrize(
    ("item", "date", "killed", "injured"),
    [("ru", "2024-01-03", [95], [284]), ("fa", "2022-10-26", [15], [19]),
     ("ar", None, [15], [40])],
)  # fmt: skip
def test_events_in_russian_persian_arabic(
    results: dict[str, dict[str, Any]], item: str, date: str | None, killed: list[int],
    injured: list[int],
) -> None:
    (event,) = results[item]["events"]
    assert event["date"] == date
    assert [f["value"] for f in event["killed"]] == killed
    assert [f["value"] for f in event["injured"]] == injured
    assert event["claimed_by"] == ["Islamic State"]
    assert event["country"] == "Iran"


def test_persian_date_is_converted_from_jalali(results: dict[str, dict[str, Any]]) -> None:
    (event,) = results["fa"]["events"]
    assert event["date_calendar"] == "jalali" and event["date_text"] == "۴ آبان ۱۴۰۱"


def test_alias_and_membership(results: dict[str, dict[str, Any]]) -> None:
    row = results["alias"]
    (person,) = [e for e in row["entities"] if e["type"] == "person"]
    assert person["name"] == "Shahab al-Muhajir"
    assert "Sanaullah Ghafari" in person["text"]
    rels = {(r["type"], r["target"]) for r in row["relations"]}
    assert ("member_of", "Islamic State Khorasan Province") in rels


def test_no_extract_leaves_them_out() -> None:
    out = CliRunner().invoke(cli, ["analyze", str(ITEMS), "--json", "--no-extract"])
    assert out.exit_code == 0
    first = json.loads(out.stdout.splitlines()[0])
    assert "entities" not in first and "propaganda" in first
