"""A small store for the export tests: messages with hand-made detection and extraction
annotations in the shapes the detector and the extraction stage write, so the exports are
tested on the store alone (whatever the detector or extractor would find today)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from tests.conftest import make_item
from tests.export.graphs import GENESIS

from propwatch.extract.model import DateValue, Entity, Event, Figure, Relation, Span
from propwatch.model import Annotation, Message
from propwatch.normalize import match_key
from propwatch.store import Store

CLAIM = "Islamic State Khorasan Province claimed the bombing in Kerman through Amaq."
NEWS = "State TV said at least 95 people were killed in Kerman; ISKP claimed it."
#: Text a spreadsheet would run, split lines, quotes, right-to-left override, bidi, Arabic.
HOSTILE = (
    '=HYPERLINK("http://example.invalid","x")\nsecond line "quoted", comma\r\n'
    "\u202egnp.exe\u202c \u2028 next \u0085 عربي ‏=2+3"
)
PLAIN = "Bugun Toshkentda havo issiq bo'ladi."
TEXTS = [CLAIM, NEWS, HOSTILE, PLAIN, "-minus first", "+plus first", "@at first"]


def _entity(text: str, surface: str, etype: str, key: str, gid: str | None = None) -> Annotation:
    start = text.index(surface)
    ent = Entity(etype, surface, surface, start, start + len(surface), gid, [])
    return Annotation(
        "extract",
        "1",
        "entity",
        etype,
        1.0,
        start,
        start + len(surface),
        ent.to_json() | {"key": key},
    )


def _judged(score: float, label: str | None = None) -> list[Annotation]:
    stance = "endorse" if score >= 0.5 else "report"
    out = [
        Annotation(
            "detector",
            "1",
            "judgement",
            "propaganda",
            score,
            data={"label": score >= 0.5, "stance": stance, "stance_evidence": []},
        ),
        Annotation("detector", "1", "stance", stance, 1.0),
    ]
    if label:
        out.append(
            Annotation(
                "lexicon",
                "1",
                "detection",
                label,
                0.8,
                0,
                8,
                {"evidence": [{"start": 0, "end": 8, "text": "Islamic"}]},
            )
        )
    return out


def _message(text: str, mid: str, channel: str, day: int, *notes: Annotation) -> Message:
    item = make_item(
        text,
        mid,
        channel,
        name="Daily News" if channel == "telegram:200" else "Demo channel",
        date=datetime(2024, 1, day, 12, 0, tzinfo=UTC),
    )
    return Message(
        item,
        norm_text=text.lower(),
        match_key=match_key(text),
        script="Latn",
        language="en",
        language_confidence=1.0,
        annotations=list(notes),
    )


def fill(store: Store) -> dict[str, Any]:
    """Write the messages; return what the tests compare against."""
    iskp = "gaz:iskp"
    event = Event(
        "suicide_bombing",
        date=DateValue("2024-01-03", "3 January", 0, 1),
        place=["Kerman"],
        country="IR",
        killed=[Figure(95, "at_least", "at least 95", 0, 1, "state TV")],
        claimed_by=["Islamic State Khorasan Province"],
        evidence=[Span(0, 10, CLAIM)],
    )
    claim_rel = Relation(
        "claimed_by",
        "event:0",
        "Islamic State Khorasan Province",
        [Span(0, 31, CLAIM)],
        "event",
        "organization",
    )
    signal = Annotation(
        "signals", "1", "signal", "btc_address", 1.0, 0, 34, {"value": GENESIS, "network": "BTC"}
    )
    messages = [
        _message(
            CLAIM + " " + GENESIS,
            "10",
            "telegram:100",
            4,
            *_judged(0.93, "attack_claim"),
            signal,
            _entity(CLAIM, "Islamic State Khorasan Province", "organization", iskp, "iskp"),
            _entity(CLAIM, "Kerman", "place", "gaz:ir_kerman", "ir_kerman"),
            _entity(CLAIM, "Amaq", "media_outlet", "media_outlet:amaq"),
            Annotation("extract", "1", "event", "suicide_bombing", 1.0, 0, 10, event.to_json()),
            Annotation(
                "extract",
                "1",
                "relation",
                "claimed_by",
                1.0,
                0,
                31,
                claim_rel.to_json() | {"source_key": None, "target_key": iskp},
            ),
        ),
        _message(
            NEWS,
            "77",
            "telegram:200",
            5,
            *_judged(0.08, "attack_claim"),
            _entity(NEWS, "ISKP", "organization", iskp, "iskp"),
        ),
        _message(HOSTILE, "11", "telegram:100", 6, *_judged(0.2)),
        _message(PLAIN, "12", "telegram:100", 7, *_judged(0.01)),
        _message(TEXTS[4], "13", "telegram:100", 8),
        _message(TEXTS[5], "14", "telegram:100", 9),
        _message(TEXTS[6], "15", "telegram:100", 10),
    ]
    store.write(messages)
    return {"texts": TEXTS, "count": len(messages)}
