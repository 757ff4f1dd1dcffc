"""Wordings of the thirty-second real-page check (tests/extract/real_check/round32), scored
blind on the twelfth session's last fixes, written as short statements of the kind the pages
report."""

from __future__ import annotations

from propwatch.extract.extractor import Extractor


def _names(extractor: Extractor, text: str, lang: str) -> list[tuple[str, str]]:
    return [(e.type, e.name) for e in extractor.extract(text, lang).entities if e.type != "place"]


def test_a_dari_verb_after_a_ministry_is_not_its_name(extractor: Extractor) -> None:
    """"وزارت داخله میافزاید که ..." (the interior ministry adds that ...): the verb, written
    solid or with its half-space, ends the name, and the ministry is the gazetteer's."""
    for verb in ("میافزاید", "می\u200cافزاید", "افزود"):
        text = f"وزارت داخله {verb} که در این رویداد ۱۴ تن کشته شدند."
        assert _names(extractor, text, "prs") == [
            ("organization", "Ministry of Interior Affairs of Afghanistan")
        ], verb


def test_an_arabic_armed_group_with_a_shadda_is_no_name(extractor: Extractor) -> None:
    """"جماعة مسلّحة" (an armed group) is a description, with or without the shadda; a named
    group after "جماعة" stays a name."""
    for text in ("هاجمت جماعة مسلّحة مركزا للشرطة في سراوان.",
                 "هاجمت جماعة مسلحة مركزا للشرطة في سراوان."):
        assert _names(extractor, text, "ar") == [], text
    assert _names(extractor, "أعلنت جماعة جيش العدل مسؤوليتها.", "ar") == [
        ("organization", "Jaish al-Adl")
    ]
