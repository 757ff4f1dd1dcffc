"""Evaluate :func:`propwatch.normalize.langid.identify` on a labelled TSV test set.

The committed set lives in ``propwatch/data/eval/langid.tsv`` with the columns
``lang<TAB>script<TAB>text<TAB>note``.  Uzbek rows are scored separately per script
(``uz-Latn``, ``uz-Cyrl``); a prediction is correct when both language and script
match.  Results are split into messages of at least five words and shorter ones.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from propwatch.normalize.langid import identify

__all__ = ["DEFAULT_PATH", "LangStats", "LangidReport", "Split", "evaluate", "format_report"]

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "eval" / "langid.tsv"
LONG_WORDS = 5


@dataclass(slots=True)
class Split:
    """Counts for one subset of messages."""

    n: int = 0
    correct: int = 0

    @property
    def accuracy(self) -> float:
        """Share of correct predictions (0.0 when the subset is empty)."""
        return self.correct / self.n if self.n else 0.0


@dataclass(slots=True)
class LangStats:
    """Per-language counts: all messages, >= 5 words, < 5 words."""

    all: Split = field(default_factory=Split)
    long: Split = field(default_factory=Split)
    short: Split = field(default_factory=Split)


@dataclass(slots=True)
class LangidReport:
    """Result of :func:`evaluate`."""

    per_lang: dict[str, LangStats]
    confusions: Counter[tuple[str, str]]
    total: Split
    seconds: float

    @property
    def messages_per_second(self) -> float:
        """Identification throughput measured during the evaluation."""
        return self.total.n / self.seconds if self.seconds > 0 else 0.0

    def to_json(self) -> dict[str, object]:
        """The report as plain JSON types (``propwatch eval langid --json``)."""

        def split(s: Split) -> dict[str, float | int]:
            return {"n": s.n, "correct": s.correct, "accuracy": round(s.accuracy, 4)}

        return {
            "languages": {
                lang: {
                    "all": split(st.all),
                    "min5words": split(st.long),
                    "under5words": split(st.short),
                }
                for lang, st in sorted(self.per_lang.items())
            },
            "total": split(self.total),
            "confusions": [
                {"expected": e, "predicted": p, "count": n}
                for (e, p), n in self.confusions.most_common()
            ],
            "messages_per_second": round(self.messages_per_second),
        }


def _key(lang: str, script: str) -> str:
    return f"uz-{script}" if lang == "uz" else lang


def _read(path: Path) -> list[tuple[str, str, str]]:
    rows: list[tuple[str, str, str]] = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh):
            parts = line.rstrip("\n").split("\t")
            if lineno == 0 and parts[0] == "lang":
                continue
            if len(parts) < 3 or not parts[2].strip():
                continue
            rows.append((parts[0], parts[1], parts[2]))
    return rows


def evaluate(path: Path | None = None) -> LangidReport:
    """Run ``identify`` over the test set at ``path`` (default: the committed set)."""
    rows = _read(path or DEFAULT_PATH)
    start = time.perf_counter()
    guesses = [identify(text) for _, _, text in rows]
    seconds = time.perf_counter() - start
    per_lang: dict[str, LangStats] = {}
    confusions: Counter[tuple[str, str]] = Counter()
    total = Split()
    for (lang, script, text), guess in zip(rows, guesses, strict=True):
        gold = _key(lang, script)
        pred = _key(guess.lang, guess.script)
        ok = pred == gold
        stats = per_lang.setdefault(gold, LangStats())
        subset = stats.long if len(text.split()) >= LONG_WORDS else stats.short
        for split in (stats.all, subset, total):
            split.n += 1
            split.correct += ok
        if not ok:
            confusions[(gold, pred)] += 1
    return LangidReport(per_lang, confusions, total, seconds)


def _cell(split: Split) -> str:
    return f"{split.correct:>3}/{split.n:<3} {split.accuracy:6.1%}" if split.n else f"{'-':>14}"


def format_report(report: LangidReport) -> str:
    """Render ``report`` as a plain-text table plus the confusion pairs."""
    head = f"{'lang':<8} {'all':>14}  {'>=5 words':>14}  {'<5 words':>14}"
    lines = [head, "-" * len(head)]
    for lang in sorted(report.per_lang):
        s = report.per_lang[lang]
        lines.append(f"{lang:<8} {_cell(s.all)}  {_cell(s.long)}  {_cell(s.short)}")
    lines.append("-" * len(head))
    lines.append(f"{'total':<8} {_cell(report.total)}")
    lines.append(f"throughput: {report.messages_per_second:,.0f} messages/s")
    if report.confusions:
        lines.append("confusions (gold -> predicted: count):")
        for (gold, pred), n in report.confusions.most_common():
            lines.append(f"  {gold} -> {pred}: {n}")
    return "\n".join(lines)
