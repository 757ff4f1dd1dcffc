"""Gaps the real-page checks left open (tests/extract/real_check/README.md), closed before
round 23 was scored: a month without a year after German, Italian, French, Spanish and
Portuguese prepositions, and Portuguese verbs of killing. Short statements of the kind news
reports, with a document date."""

from __future__ import annotations

from datetime import date

import pytest

from propwatch.extract.extractor import Extractor

DOC = date(2024, 5, 10)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Bei einem Anschlag im April wurden in Kabul zwölf Menschen getötet.", "de"),
        ("Anfang April wurden bei einem Anschlag in Kabul 12 Menschen getötet.", "de"),
        ("Ad aprile un attentato a Kabul ha ucciso 12 persone.", "it"),
        ("Début avril, un attentat à Kaboul a fait 12 morts.", "fr"),
        ("A principios de abril, un atentado en Kabul dejó 12 muertos.", "es"),
        ("No início de abril, um atentado em Cabul deixou 12 mortos.", "pt"),
    ],
)
def test_a_month_without_its_year_is_the_latest_before_the_document(
    extractor: Extractor, text: str, lang: str
) -> None:
    (event,) = extractor.extract(text, lang, doc_date=DOC).events
    assert event.date is not None and event.date.value == "2024-04"
    assert [f.value for f in event.killed] == [12]


def test_a_month_after_the_document_is_last_years(extractor: Extractor) -> None:
    text = "Im Juni hatte der IS einen Anschlag in Kabul verübt, bei dem 12 Menschen starben."
    (event,) = extractor.extract(text, "de", doc_date=DOC).events
    assert event.date is not None and event.date.value == "2023-06"


def test_a_month_named_without_a_preposition_is_not_a_date(extractor: Extractor) -> None:
    text = "Der April war ruhig. Ein Anschlag in Kabul hat zwölf Menschen getötet."
    (event,) = extractor.extract(text, "de", doc_date=DOC).events
    assert event.date is None


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("Um atentado em Cabul matou 12 pessoas e feriu outras 30.", [12], [30]),
        ("O ataque em Cabul vitimou 12 pessoas.", [12], []),
        ("Homens armados mataram pelo menos 12 soldados numa emboscada em Cabul.", [12], []),
    ],
)
def test_portuguese_verbs_of_killing(
    extractor: Extractor, text: str, killed: list[int], injured: list[int]
) -> None:
    (event,) = extractor.extract(text, "pt", doc_date=DOC).events
    assert [f.value for f in event.killed] == killed
    assert [f.value for f in event.injured] == injured
