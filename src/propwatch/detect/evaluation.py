"""Precision, recall, F1 and false-positive rate per head and per language.

Used by ``propwatch eval`` (a trained model or the whole detector on a labelled table),
``propwatch eval detection`` (the bundled test sets) and ``propwatch train`` (held-out split).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from propwatch.detect.classifier import TextClassifier
    from propwatch.detect.dataset import Dataset
    from propwatch.detect.detector import Detector

__all__ = [
    "Counts",
    "EvalReport",
    "evaluate_detector",
    "evaluate_model",
    "format_report",
    "score",
]


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, gold: bool, pred: bool) -> None:
        if gold and pred:
            self.tp += 1
        elif pred:
            self.fp += 1
        elif gold:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def n(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def fpr(self) -> float:
        return self.fp / (self.fp + self.tn) if self.fp + self.tn else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "positives": self.tp + self.fn,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "tn": self.tn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "fpr": round(self.fpr, 4),
        }


@dataclass(slots=True)
class EvalReport:
    """Counts per head (``overall``) and per head and language (``by_language``)."""

    overall: dict[str, Counts] = field(default_factory=dict)
    by_language: dict[str, dict[str, Counts]] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "overall": {h: c.to_json() for h, c in self.overall.items()},
            "by_language": {
                lang: {h: c.to_json() for h, c in heads.items()}
                for lang, heads in sorted(self.by_language.items())
            },
            **self.extra,
        }


def score(
    gold: Mapping[str, Sequence[bool]],
    predicted: Mapping[str, Sequence[bool]],
    languages: Sequence[str],
) -> EvalReport:
    """Compare predictions with gold labels for every head present in both."""
    report = EvalReport()
    for head, gold_values in gold.items():
        if head not in predicted:
            continue
        overall = report.overall.setdefault(head, Counts())
        for g, p, lang in zip(gold_values, predicted[head], languages, strict=True):
            overall.add(g, p)
            report.by_language.setdefault(lang, {}).setdefault(head, Counts()).add(g, p)
    return report


def format_report(report: EvalReport, heads: Sequence[str] | None = None) -> str:
    """Plain-text tables: per head overall, then per language for the first head."""
    names = list(heads or report.overall)
    lines = [f"{'head':30} {'n':>6} {'pos':>5} {'P':>6} {'R':>6} {'F1':>6} {'FPR':>6}"]
    for head in names:
        c = report.overall.get(head)
        if c is None:
            continue
        lines.append(
            f"{head:30} {c.n:6} {c.tp + c.fn:5} {c.precision:6.3f} {c.recall:6.3f} "
            f"{c.f1:6.3f} {c.fpr:6.3f}"
        )
    for head in names[:1]:
        lines += ["", f"per language ({head}):"]
        lines.append(f"{'language':12} {'n':>6} {'pos':>5} {'P':>6} {'R':>6} {'F1':>6} {'FPR':>6}")
        for lang, heads_counts in sorted(report.by_language.items()):
            c = heads_counts.get(head)
            if c is None:
                continue
            lines.append(
                f"{lang:12} {c.n:6} {c.tp + c.fn:5} {c.precision:6.3f} {c.recall:6.3f} "
                f"{c.f1:6.3f} {c.fpr:6.3f}"
            )
    langs = sorted(report.by_language)
    if len(langs) > 1 and len(names) > 1:
        lines += ["", "F1 per head and language:"]
        lines.append(f"{'head':30} " + " ".join(f"{lang[:7]:>7}" for lang in langs))
        for head in names:
            cells = []
            for lang in langs:
                c = report.by_language[lang].get(head)
                cells.append(f"{c.f1:7.3f}" if c is not None and c.tp + c.fn else f"{'-':>7}")
            lines.append(f"{head:30} " + " ".join(cells))
    for key, value in report.extra.items():
        if isinstance(value, (int, float, str)):
            lines.append(f"{key}: {value}")
    return "\n".join(lines)


def evaluate_model(model: TextClassifier, data: Dataset, threshold: float = 0.5) -> EvalReport:
    """A trained classifier alone, on every head it shares with ``data``."""
    probs = model.predict_proba(data.texts) if data.texts else None
    predicted: dict[str, list[bool]] = {}
    for j, head in enumerate(model.heads):
        if head in data.targets and probs is not None:
            predicted[head] = [bool(p >= threshold) for p in probs[:, j]]
    missing = sorted(set(data.targets) - set(model.heads))
    report = score(data.targets, predicted, data.languages)
    if missing:
        report.extra["heads_not_in_model"] = ", ".join(missing)
    return report


def evaluate_detector(
    detector: Detector, data: Dataset, threshold: float = 0.5, batch: int = 512
) -> EvalReport:
    """The whole detector: ``propaganda`` from the item-level judgement, ``stance_*`` from the
    stance, and each label from the strongest detection of that label (any component)."""
    results = []
    for start in range(0, len(data.texts), batch):
        results.extend(detector.analyze(data.texts[start : start + batch]))
    predicted: dict[str, list[bool]] = {"propaganda": [r.judgement.label for r in results]}
    for stance in ("report", "counter", "neutral"):
        predicted[f"stance_{stance}"] = [r.judgement.stance == stance for r in results]
    for head in data.targets:
        if head in predicted:
            continue
        if head in detector.pack.labels:
            predicted[head] = [
                max((d.score for d in r.detections if d.label == head), default=0.0) >= threshold
                for r in results
            ]
        else:
            # Another dataset's binary head (``radical``, ``OFF``) is compared with the
            # item-level judgement.
            predicted[head] = predicted["propaganda"]
    report = score(data.targets, predicted, data.languages)
    if "stance_report" in data.targets and results:
        stance_ok = sum(
            1 for i, r in enumerate(results) if _gold_stance(data, i) == r.judgement.stance
        )
        report.extra["stance_accuracy"] = round(stance_ok / len(results), 4)
    return report


def _gold_stance(data: Dataset, i: int) -> str | None:
    if "stance_report" not in data.targets:
        return None
    for stance in ("report", "counter", "neutral"):
        if data.targets[f"stance_{stance}"][i]:
            return stance
    return "endorse" if data.targets.get("propaganda", [False] * (i + 1))[i] else "neutral"
