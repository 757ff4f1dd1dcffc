"""``propwatch knowledge validate|stats`` as a pack author drives them: exit codes, messages
on stderr, JSON on stdout."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from propwatch.cli.knowledge_cmd import knowledge_group
from propwatch.knowledge import load_pack, pack_stats

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "knowledge"
USER = FIXTURES / "user"

BROKEN_TG = """\
language: tg
entries:
  - id: tg-rofizi
    term: рофизӣ
    labels: [derogatory_code_word, anti_shia]
    weight: high
    source: seed
"""


def run(*args: str) -> Result:
    return CliRunner().invoke(knowledge_group, list(args), catch_exceptions=False)


def body(result: Result) -> dict[str, Any]:
    value: dict[str, Any] = json.loads(result.stdout)
    return value


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    (tmp_path / "lexicon").mkdir()
    (tmp_path / "lexicon" / "tg.yaml").write_text(BROKEN_TG, encoding="utf-8")
    return tmp_path


def test_validate_builtin() -> None:
    pack = load_pack()
    result = run("validate")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().splitlines()[0] == (
        f"knowledge pack OK: {len(pack.labels)} labels, {len(pack.terms)} terms, "
        f"{len(pack.cues)} cues (sources: builtin)"
    )


def test_validate_with_user_pack_json() -> None:
    pack = load_pack([USER])
    result = run("validate", "--knowledge", str(USER), "--json")
    assert result.exit_code == 0, result.output
    data = body(result)
    assert data.pop("gazetteer_entries") > 200
    assert data == {
        "ok": True,
        "labels": len(pack.labels),
        "terms": len(pack.terms),
        "cues": len(pack.cues),
        "sources": ["builtin", str(USER)],
    }


def test_validate_broken_pack_names_file_line_field(broken: Path) -> None:
    result = run("validate", "--knowledge", str(broken))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "[PW400]" in result.stderr
    assert f"{broken}/lexicon/tg.yaml:6: entry 'tg-rofizi', field 'weight'" in result.stderr
    assert "what to do:" in result.stderr


def test_validate_broken_pack_json(broken: Path) -> None:
    result = run("validate", "--knowledge", str(broken), "--json")
    assert result.exit_code == 1
    error = body(result)["error"]
    assert body(result)["ok"] is False and error["code"] == "PW400"
    assert error["problems"] == [
        {
            "file": f"{broken}/lexicon/tg.yaml",
            "line": 6,
            "message": "entry 'tg-rofizi', field 'weight': must be a number between 0 and 1 "
            "(got 'high')",
        }
    ]
    assert "[PW400]" in result.stderr


def test_brackets_in_messages_survive(tmp_path: Path) -> None:
    """YAML quoted in a message may contain [...]: it must reach the user verbatim."""
    (tmp_path / "lexicon").mkdir()
    text = BROKEN_TG.replace("weight: high", "weight: '[/bold] [red]'")
    (tmp_path / "lexicon" / "tg.yaml").write_text(text, encoding="utf-8")
    result = run("validate", "--knowledge", str(tmp_path))
    assert result.exit_code == 1
    assert "(got '[/bold] [red]')" in result.stderr


def test_validate_missing_directory(tmp_path: Path) -> None:
    result = run("validate", "--knowledge", str(tmp_path / "missing"))
    assert result.exit_code == 1
    assert "does not exist" in result.stderr and "--knowledge path" in result.stderr


def test_stats_json_is_the_pack_stats() -> None:
    result = run("stats", "--knowledge", str(USER), "--json")
    assert result.exit_code == 0, result.output
    data = body(result)
    assert data.pop("gazetteer")["entries_per_type"]["organization"] > 0
    assert data == json.loads(json.dumps(pack_stats(load_pack([USER]))))
    assert data["terms_per_language_label"]["tg"]["regional_threat"] == 1


def test_stats_table() -> None:
    stats = pack_stats(load_pack([USER]))
    result = run("stats", "--knowledge", str(USER))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert f"{stats['totals']['terms']} terms" in out
    assert "Lexicon by language" in out and "Terms by label and language" in out
    total_row = next(line for line in out.splitlines() if line.strip().startswith("total"))
    assert str(stats["totals"]["terms"]) in total_row
    for label in ("palestine_aqsa_mobilisation", "derogatory_code_word", "regional_threat"):
        assert label in out  # not truncated when piped


def test_stats_on_broken_pack(broken: Path) -> None:
    result = run("stats", "--knowledge", str(broken))
    assert result.exit_code == 1 and "[PW400]" in result.stderr


@pytest.mark.parametrize("command", ["validate", "stats"])
def test_help(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0 and "--knowledge DIR" in result.output
