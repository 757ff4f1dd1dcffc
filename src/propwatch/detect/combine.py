"""Item-level judgement: from lexicon, stance cues, model heads and signals to one verdict.

The combiner is a small multinomial logistic regression over a dozen explainable features
(:data:`FEATURES`) predicting the item's stance: ``endorse`` (the item is propaganda),
``report``, ``counter`` or ``neutral``. ``P(endorse)`` is the propaganda score; the stance is
the most probable class. It is trained by ``scripts/train_default_model.py`` on propwatch's
own written training examples, using *cross-validated* model probabilities so that it learns
how far to trust the model on text the model has not seen. Its coefficients ship as
``combiner.json`` next to the model and are printed in the model card.

Without a trained combiner (a user's own model, or no model at all) :func:`heuristic` applies
fixed, documented rules: the strongest propaganda evidence, damped by report and counter cues.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["CLASSES", "FEATURES", "Combiner", "heuristic"]

#: Stance classes, in the order of the combiner's output.
CLASSES: tuple[str, ...] = ("endorse", "report", "counter", "neutral")

#: Feature names, in order. All are in [0, 1].
FEATURES: tuple[str, ...] = (
    "lex_propaganda",  # noisy-OR of the weights of distinct matched terms with propaganda labels
    "lex_unquoted",  # the same, for terms outside quotation marks (used, not mentioned)
    "lex_max",  # the strongest single term
    "lex_labels",  # distinct labels matched, /4, capped at 1
    "lex_code_word",  # a derogatory code word of weight >= 0.5 matched
    "cue_report",  # noisy-OR of report cue weights
    "cue_counter",
    "cue_endorse",
    "model_propaganda",  # calibrated model head probabilities (0.5 when there is no model)
    "model_report",
    "model_counter",
    "model_neutral",
    "signal_contact",  # a wallet, Telegram link/invite/handle in the text
)


@dataclass(frozen=True, slots=True)
class Combiner:
    coef: tuple[tuple[float, ...], ...]  # (classes, features)
    intercept: tuple[float, ...]
    classes: tuple[str, ...] = CLASSES
    features: tuple[str, ...] = FEATURES
    #: P(endorse) from which an item is judged propaganda; chosen when training (the value
    #: maximizing F1 on cross-validated training predictions).
    threshold: float = 0.5

    def probabilities(self, values: Sequence[float]) -> dict[str, float]:
        """P(class) of one item from its feature values (in :data:`FEATURES` order)."""
        return self.probabilities_many([values])[0]

    def probabilities_many(self, rows: Sequence[Sequence[float]]) -> list[dict[str, float]]:
        """:meth:`probabilities` of many items at once (one matrix product for a batch)."""
        if not rows:
            return []
        logits = np.asarray(rows, dtype=np.float64) @ np.asarray(self.coef, dtype=np.float64).T
        logits += np.asarray(self.intercept, dtype=np.float64)
        logits -= logits.max(axis=1, keepdims=True)
        exps = np.exp(logits)
        probs = exps / exps.sum(axis=1, keepdims=True)
        return [dict(zip(self.classes, row, strict=True)) for row in probs.tolist()]

    def to_json(self) -> dict[str, Any]:
        return {
            "classes": list(self.classes),
            "features": list(self.features),
            "coef": [list(row) for row in self.coef],
            "intercept": list(self.intercept),
            "threshold": self.threshold,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Combiner:
        features = tuple(data["features"])
        classes = tuple(data["classes"])
        if features != FEATURES or set(classes) != set(CLASSES):
            raise ValueError("combiner features or classes differ from this propwatch")
        coef = tuple(tuple(float(v) for v in row) for row in data["coef"])
        threshold = float(data.get("threshold", 0.5))
        return cls(coef, tuple(float(v) for v in data["intercept"]), classes, features, threshold)

    @classmethod
    def load(cls, path: Path) -> Combiner | None:
        if not path.is_file():
            return None
        return cls.from_json(json.loads(path.read_text(encoding="utf-8")))


def heuristic(values: Mapping[str, float]) -> dict[str, float]:
    """Fixed rules used when no trained combiner is available (class -> pseudo-probability)."""
    evidence = max(
        values["lex_propaganda"],
        values["model_propaganda"] if values.get("has_model", 0.0) else 0.0,
    )
    damp = max(values["cue_report"], values["cue_counter"])
    endorse = evidence * (1.0 - 0.85 * damp)
    endorse = min(1.0, endorse + 0.15 * values["cue_endorse"] * evidence)
    rest = 1.0 - endorse
    report, counter = values["cue_report"], values["cue_counter"]
    weight = report + counter
    if weight == 0:
        return {"endorse": endorse, "report": 0.0, "counter": 0.0, "neutral": rest}
    return {
        "endorse": endorse,
        "report": rest * report / weight * min(1.0, weight),
        "counter": rest * counter / weight * min(1.0, weight),
        "neutral": rest * (1.0 - min(1.0, weight)),
    }
