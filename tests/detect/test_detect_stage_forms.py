"""Ingest's detect stage reuses the normalize stage's text and key; results must not change."""

from __future__ import annotations

import pytest
from tests.conftest import make_item

from propwatch.analyze import Pipeline
from propwatch.analyze.stages import _text_of
from propwatch.detect.classifier import MAX_CHARS
from propwatch.detect.detector import default_detector, to_annotations
from propwatch.model import Message

TEXTS = [
    "Рофизиён харҳои яҳудиён мебошанд. Ҳиҷрат ба Хуросон фарз аст! #Хуросон",
    "Р а ф и д и т ы и их союзники — враги, пишите @some_channel или https://t.me/x.y",
    "r4f1d4 va yahudiylar bir, O‘zbekiston birodarlar hijrat qiling",
    "يصف البيان الرافضة بأنهم أعداء الأمة، والخلافة باقية",
    "Police said on 12 March 2024 that the suspects were detained after the attack.",
    "",
    # Longer than the model reads: it normalizes its own cut, not the stage's whole text.
    "Кофирон ва рофизиён душманони динанд. " * (MAX_CHARS // 30),
]


def _annotations(messages: list[Message]) -> list[list[tuple[object, ...]]]:
    def key(a: object) -> tuple[object, ...]:
        return tuple(getattr(a, f) for f in ("component", "kind", "label", "start", "end"))

    return [
        sorted(((*key(a), round(a.score, 9), str(a.data)) for a in m.annotations), key=str)
        for m in messages
    ]


@pytest.mark.parametrize("title", [None, "Хабари нав"])
def test_stage_results_equal_analysis_without_the_stage_forms(title: str | None) -> None:
    items = [make_item(text, str(i), title=title) for i, text in enumerate(TEXTS)]
    staged = Pipeline(("normalize", "language", "detect"))([Message(item) for item in items])
    assert all({"norm_text", "match_key"} <= m.assigned for m in staged)

    plain = [Message(item) for item in items]
    results = default_detector().analyze(
        [_text_of(m) for m in staged],
        languages=[(m.language, m.script, m.language_confidence) for m in staged],
    )
    for message, result in zip(plain, results, strict=True):
        message.annotations.extend(to_annotations(result))
    assert _annotations(staged) == _annotations(plain)
    assert any(a.kind == "detection" for a in staged[0].annotations)


def test_forms_must_match_the_texts() -> None:
    with pytest.raises(ValueError, match="2 forms for 1 texts"):
        default_detector().analyze(["a"], forms=[None, None])
