"""Results of detection: evidence, detections, signals and the item-level judgement.

Offsets (``start``, ``end``) are Python string indices into the item's *original* text, so
``text[start:end]`` is the evidence the analyst sees.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Detection", "Evidence", "ItemResult", "Judgement", "Signal"]


@dataclass(frozen=True, slots=True)
class Evidence:
    start: int
    end: int
    text: str
    #: What fired: a lexicon term id, a cue id, or a model feature description.
    source: str = ""
    #: Which text view matched (``normalized``, ``key``, ``despaced``, ``leet``, ...).
    view: str = ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text}
        if self.source:
            out["source"] = self.source
        if self.view:
            out["view"] = self.view
        return out


@dataclass(slots=True)
class Detection:
    label: str
    score: float
    component: str
    version: str
    evidence: list[Evidence] = field(default_factory=list)
    #: How many evidence spans there were before the list was capped (0: not capped).
    evidence_total: int = 0

    def to_json(self) -> dict[str, Any]:
        out = {
            "label": self.label,
            "score": round(self.score, 4),
            "component": {"name": self.component, "version": self.version},
            "evidence": [e.to_json() for e in self.evidence],
        }
        if self.evidence_total > len(self.evidence):
            out["evidence_total"] = self.evidence_total
        return out


@dataclass(frozen=True, slots=True)
class Signal:
    """A typed, validated value found in text (wallet, link, handle, phone, ...)."""

    type: str
    value: str
    start: int
    end: int
    attributes: tuple[tuple[str, str], ...] = ()

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": self.type,
            "value": self.value,
            "start": self.start,
            "end": self.end,
        }
        if self.attributes:
            out["attributes"] = dict(self.attributes)
        return out


@dataclass(frozen=True, slots=True)
class Judgement:
    """Item-level verdict: is this propaganda, and how does the item relate to it."""

    score: float
    label: bool
    stance: str
    stance_evidence: tuple[Evidence, ...] = ()


@dataclass(slots=True)
class ItemResult:
    id: Any
    language: str
    script: str
    judgement: Judgement
    detections: list[Detection] = field(default_factory=list)
    signals: list[Signal] = field(default_factory=list)
    language_confidence: float = 0.0
    #: Characters of the text detection read, and the text's length (they differ only for
    #: texts longer than the detector's limit).
    analyzed_chars: int = 0
    text_chars: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "language": self.language,
            "script": self.script,
            "propaganda": {
                "score": round(self.judgement.score, 4),
                "label": self.judgement.label,
            },
            "stance": self.judgement.stance,
            "stance_evidence": [e.to_json() for e in self.judgement.stance_evidence],
            "detections": [d.to_json() for d in self.detections],
            "signals": [s.to_json() for s in self.signals],
            **(
                {"truncated": {"analyzed_chars": self.analyzed_chars,
                               "text_chars": self.text_chars}}
                if self.analyzed_chars < self.text_chars
                else {}
            ),
        }
