"""Built-in stages: text normalization, script detection, language identification."""

from __future__ import annotations

from propwatch.analyze.pipeline import Stage, register
from propwatch.model import Message
from propwatch.normalize import detect_script, identify, match_key, normalize

__all__: list[str] = []

_VERSION = "1"
_NORMALIZED = frozenset({"norm_text", "match_key"})


def _normalize(batch: list[Message]) -> None:
    for message in batch:
        source = message.item.text
        if message.item.title and message.item.title not in source:
            source = f"{message.item.title}\n{source}"
        message.norm_text = normalize(source)
        message.match_key = match_key(message.norm_text, normalized=True)


def _script(batch: list[Message]) -> None:
    for message in batch:
        message.script = detect_script(message.norm_text)


def _language(batch: list[Message]) -> None:
    for message in batch:
        guess = identify(message.item.text)
        message.language = guess.lang
        message.language_confidence = guess.confidence
        # Language ID counts letters per script anyway; only texts in none of the
        # Latin, Cyrillic and Arabic scripts need the full script profile.
        message.script = (
            guess.script if guess.script != "Zyyy" else detect_script(message.norm_text)
        )


def _detect(batch: list[Message]) -> None:
    from propwatch.detect.detector import default_detector, to_annotations

    detector = default_detector()
    results = detector.analyze(
        [_text_of(m) for m in batch],
        languages=[(m.language, m.script, m.language_confidence) for m in batch],
        # The normalize stage's output is normalize() and match_key() of the same text.
        forms=[(m.norm_text, m.match_key) if m.assigned >= _NORMALIZED else None for m in batch],
    )
    for message, result in zip(batch, results, strict=True):
        message.annotations.extend(to_annotations(result))


def _text_of(message: Message) -> str:
    item = message.item
    return item.text if not item.title or item.title in item.text else f"{item.title}\n{item.text}"


def _extract(batch: list[Message]) -> None:
    from propwatch.extract.extractor import default_extractor, forwarded_relation, to_annotations
    from propwatch.extract.model import Extraction

    extractor = default_extractor()
    for message in batch:
        item = message.item
        found = (
            extractor.extract(_text_of(message), message.language, doc_date=item.date)
            if item.text or item.title
            else Extraction()
        )
        if item.forwarded_from and item.forwarded_from != item.channel_name:
            found.relations.append(
                forwarded_relation(item.channel_name or item.channel_key, item.forwarded_from)
            )
        message.annotations.extend(to_annotations(found))


register(
    Stage(
        "normalize",
        _VERSION,
        requires=frozenset({"text"}),
        assigns=frozenset({"norm_text", "match_key"}),
        run=_normalize,
        doc="NFKC, invisible characters, homoglyphs, Arabic-script folding, case; match key.",
    )
)
register(
    Stage(
        "script",
        _VERSION,
        requires=frozenset({"norm_text"}),
        assigns=frozenset({"script"}),
        run=_script,
        doc="Dominant writing system (ISO 15924).",
    )
)
register(
    Stage(
        "language",
        _VERSION,
        requires=frozenset({"text", "norm_text"}),
        assigns=frozenset({"language", "language_confidence", "script"}),
        run=_language,
        doc="Language with confidence and the text's script; Dari from vocabulary.",
    )
)
register(
    Stage(
        "detect",
        _VERSION,
        requires=frozenset({"text", "language"}),
        assigns=frozenset({"annotations"}),
        run=_detect,
        doc="Lexicon, stance cues, signals and the trained model; item-level judgement.",
    )
)
register(
    Stage(
        "extract",
        _VERSION,
        requires=frozenset({"text", "language"}),
        assigns=frozenset({"annotations"}),
        run=_extract,
        doc="Entities (gazetteer, patterns, Russian NER), attack events and relations.",
    )
)
