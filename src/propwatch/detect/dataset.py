"""Labelled tables for training and evaluation (CSV or TSV), and propwatch's own sets.

``read_table`` turns a file with a text column and a label column into per-head boolean
targets:

* a label column holding only ``0/1``, ``true/false`` or ``yes/no`` is one binary head named
  after the column (``--label-col propaganda`` → head ``propaganda``);
* otherwise each cell is a comma- (or ``|``-) separated list of label names, and every name
  that is not a negative marker (``DEFAULT_NEGATIVES``: ``0``, ``none``, ``NOT``, ``non_radical``,
  ``NOT_OFF``, ``Neutral`` ...) becomes a head. A single-label column such as OffensEval's
  ``OFF``/``NOT`` therefore gives one head, ``OFF``.

propwatch's own sets live in ``propwatch/data/train/detection/`` and
``propwatch/data/eval/detection/`` (``id lang script propaganda stance labels text reason``);
:func:`own_set` reads them with heads ``propaganda``, ``stance_<stance>`` and one per label.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from propwatch.errors import InputNotFound, UsageError

__all__ = [
    "DEFAULT_NEGATIVES",
    "EVAL_DIR",
    "TRAIN_DIR",
    "Dataset",
    "own_set",
    "read_table",
]

_DATA = Path(str(resources.files("propwatch") / "data"))
EVAL_DIR = _DATA / "eval" / "detection"
TRAIN_DIR = _DATA / "train" / "detection"

DEFAULT_NEGATIVES = frozenset(
    {
        "",
        "0",
        "false",
        "no",
        "none",
        "not",
        "neutral",
        "normal",
        "clean",
        "non_radical",
        "not_off",
        "not_hs",
        "not_vio",
        "not_vlg",
        "negative",
        "other",
    }
)
_BINARY = frozenset({"0", "1", "true", "false", "yes", "no"})
#: Label values meaning "not labelled": such rows are skipped (counted in ``skipped``).
UNLABELLED = frozenset({"unlabeled", "unlabelled", "unknown", "?", "n/a"})


@dataclass(slots=True)
class Dataset:
    texts: list[str]
    targets: dict[str, list[bool]]
    languages: list[str]
    ids: list[str] = field(default_factory=list)
    source: str = ""
    skipped: int = 0

    def subset(self, rows: Sequence[int]) -> Dataset:
        return Dataset(
            [self.texts[i] for i in rows],
            {h: [v[i] for i in rows] for h, v in self.targets.items()},
            [self.languages[i] for i in rows],
            [self.ids[i] for i in rows] if self.ids else [],
            self.source,
        )


def _split_labels(cell: str) -> list[str]:
    return [p.strip() for p in cell.replace("|", ",").split(",") if p.strip()]


def read_table(
    path: str | Path,
    text_col: str = "text",
    label_col: str = "label",
    lang_col: str | None = None,
    *,
    negatives: Iterable[str] = DEFAULT_NEGATIVES,
) -> Dataset:
    """Read a labelled CSV/TSV (TSV when the name ends in ``.tsv``, read without quoting)."""
    file = Path(path)
    if not file.is_file():
        raise InputNotFound("no such file", source=str(file))
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    tsv = file.suffix.lower() == ".tsv"
    with file.open(encoding="utf-8-sig", newline="") as handle:
        reader = (
            csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            if tsv
            else csv.DictReader(handle)
        )
        columns = reader.fieldnames or []
        for needed in (text_col, label_col, *([lang_col] if lang_col else [])):
            if needed not in columns:
                raise UsageError(
                    f"{file}: no column {needed!r} (columns: {', '.join(columns)})",
                    hint="Name the columns with --text-col, --label-col and --lang-col.",
                )
        if lang_col is None and "lang" in columns:
            lang_col = "lang"
        rows = list(reader)
    negative = {n.casefold() for n in negatives}
    texts: list[str] = []
    cells: list[list[str]] = []
    langs: list[str] = []
    ids: list[str] = []
    skipped = 0
    for number, row in enumerate(rows, 2):
        text = row.get(text_col)
        if not text or not text.strip():
            skipped += 1
            continue
        cell = _split_labels(row.get(label_col) or "")
        if any(v.casefold() in UNLABELLED for v in cell):
            skipped += 1
            continue
        texts.append(text)
        cells.append(cell)
        langs.append((row.get(lang_col) or "und") if lang_col else "und")
        ids.append(row.get("id") or str(number))
    values = {v.casefold() for cell in cells for v in cell}
    targets: dict[str, list[bool]]
    if values and values <= _BINARY:
        targets = {label_col: [bool(c) and c[0].casefold() in {"1", "true", "yes"} for c in cells]}
    else:
        heads = sorted({v for cell in cells for v in cell if v.casefold() not in negative})
        targets = {h: [h in cell for cell in cells] for h in heads}
    return Dataset(texts, targets, langs, ids, str(file), skipped)


def own_set(kind: str = "eval", sets: Sequence[str] | None = None) -> Dataset:
    """propwatch's own written set (``kind`` ``eval`` or ``train``), all languages merged.

    ``languages`` holds the set name (``uz-Latn``, ``fa``, ...), so results can be reported per
    language and per Uzbek script; Dari items sit in the ``fa`` set.
    """
    directory = EVAL_DIR if kind == "eval" else TRAIN_DIR
    files = sorted(directory.glob("*.tsv"))
    if sets:
        files = [f for f in files if f.stem in set(sets)]
    if not files:
        raise InputNotFound(f"no {kind} sets found", source=str(directory))
    texts: list[str] = []
    langs: list[str] = []
    ids: list[str] = []
    rows: list[dict[str, str]] = []
    for file in files:
        with file.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                if not (row.get("text") or "").strip():
                    continue
                rows.append(row)
                texts.append(row["text"])
                langs.append(file.stem)
                ids.append(row.get("id") or "")
    labels = sorted({label for row in rows for label in _split_labels(row.get("labels") or "")})
    targets: dict[str, list[bool]] = {
        "propaganda": [(row.get("propaganda") or "0").strip() == "1" for row in rows]
    }
    for stance in ("report", "counter", "neutral"):
        targets[f"stance_{stance}"] = [(row.get("stance") or "") == stance for row in rows]
    for label in labels:
        targets[label] = [label in _split_labels(row.get("labels") or "") for row in rows]
    return Dataset(texts, targets, langs, ids, str(directory))
