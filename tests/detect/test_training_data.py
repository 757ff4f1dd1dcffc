"""The written training sets are well formed and share no statement with the test sets.

The shipped model learns only from ``data/train/detection``; ``propwatch eval detection``
measures it on ``data/eval/detection``. A training row that is a near copy of a test row
(same words, or the same Uzbek in the other script) would make that measurement a lie.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from propwatch.knowledge import default_pack
from propwatch.normalize import match_key

DATA = Path(__file__).resolve().parents[2] / "src" / "propwatch" / "data"
TRAIN = sorted((DATA / "train" / "detection").glob("*.tsv"))
EVAL = sorted((DATA / "eval" / "detection").glob("*.tsv"))
COLUMNS = ["id", "lang", "script", "propaganda", "stance", "labels", "text", "reason"]
STANCES = {"endorse", "report", "counter", "neutral"}


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        assert reader.fieldnames == COLUMNS, path.name
        return list(reader)


def _shingles(text: str, n: int = 3) -> set[tuple[str, ...]]:
    words = match_key(text).split()
    return {tuple(words[i : i + n]) for i in range(max(1, len(words) - n + 1))}


@pytest.mark.parametrize("path", TRAIN, ids=lambda p: p.stem)
def test_training_rows_are_well_formed(path: Path) -> None:
    labels = set(default_pack().labels)
    for row in _rows(path):
        where = f"{path.name} {row['id']}"
        assert row["text"].strip() and row["reason"].strip(), where
        assert row["propaganda"] in {"0", "1"}, where
        assert row["stance"] in STANCES, where
        assert (row["propaganda"] == "1") == (row["stance"] == "endorse"), where
        for label in filter(None, row["labels"].split(",")):
            assert label in labels, f"{where}: unknown label {label!r}"
        assert row["propaganda"] == "0" or row["labels"], f"{where}: propaganda without a label"


def test_training_ids_are_unique() -> None:
    ids = [row["id"] for path in TRAIN for row in _rows(path)]
    assert len(ids) == len(set(ids))


def test_no_training_statement_is_a_near_copy_of_a_test_statement() -> None:
    tests = [(row["id"], _shingles(row["text"])) for path in EVAL for row in _rows(path)]
    copies = []
    for path in TRAIN:
        for row in _rows(path):
            mine = _shingles(row["text"])
            for test_id, theirs in tests:
                overlap = len(mine & theirs) / max(1, min(len(mine), len(theirs)))
                if overlap >= 0.5:
                    copies.append((row["id"], test_id, round(overlap, 2)))
    assert not copies, copies
