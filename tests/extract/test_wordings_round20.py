"""Wordings of the twentieth real-page check (tests/extract/real_check/round20), scored blind
on round 19's fixes, written as short statements of the kind the pages report."""

from __future__ import annotations

from datetime import date

from propwatch.extract.extractor import Extractor
from propwatch.extract.model import Event


def _one(extractor: Extractor, text: str, lang: str, day: date | None = None) -> Event:
    (event,) = extractor.extract(text, lang, doc_date=day).events
    return event


def test_the_capital_named_after_its_country(extractor: Extractor) -> None:
    text = ("An Al-Qaeda affiliate has claimed responsibility for the terrorist attack on the "
            "French embassy in the capital of Burkina Faso, Ouagadougou, in which 16 people "
            "were killed.")
    assert _one(extractor, text, "en").place[0] == "Ouagadougou"


def test_a_dateline_with_a_colon(extractor: Extractor) -> None:
    text = ("Jakarta: A suicide bomber launched an attack on the Medan City police headquarters in "
            "North Sumatra, Indonesia, killing himself and injuring at least six people.")
    assert _one(extractor, text, "en").place[0] == "Medan"


def test_a_statements_date_and_a_claims_date_are_not_the_attacks(extractor: Extractor) -> None:
    text = ("Iran's Ministry of Intelligence has identified a Tajik national as the top suspect in "
            "twin blasts in the southern city of Kerman that killed at least 94 people. In a "
            "statement on Thursday, January 11, the ministry said the man, a bomb-maker, had left "
            "two days before the attack, IRNA reported. The blasts took place in the southeastern "
            "city of Kerman on Wednesday, January 3, along the road leading to the cemetery. On "
            "Thursday, January 4, Islamic State (ISIS) claimed "
            "responsibility for the blasts in Kerman.")
    event = _one(extractor, text, "en", date(2024, 1, 11))
    assert event.date is not None and event.date.value == "2024-01-03"
    assert event.claimed_by == ["Islamic State"]
