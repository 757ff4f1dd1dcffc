"""Wordings of the forty-third real-page check (tests/extract/real_check/round43: Africa and
Europe, in French, German, Spanish, Italian, Portuguese and English), scored blind, written as
short statements of the kind the pages report."""

from __future__ import annotations

from datetime import date

from tests.extract.conftest import one_event

from propwatch.extract.extractor import Extractor


def test_a_french_aside_with_dont_keeps_the_toll(extractor: Extractor) -> None:
    text = ("Au moins 11 personnes, dont trois soldats, ont été tuées samedi dans le nord du "
            "Burkina Faso, dans une attaque menée par des jihadistes présumés.")
    event = one_event(extractor, text, "fr", date(2022, 10, 16))
    (killed,) = event.killed
    assert (killed.value, killed.qualifier) == (11, "at_least")


def test_a_german_aside_with_darunter_keeps_the_toll(extractor: Extractor) -> None:
    text = "Mindestens 20 Menschen, darunter fünf Kinder, wurden bei dem Anschlag getötet."
    (killed,) = one_event(extractor, text, "de").killed
    assert killed.value == 20


def test_a_year_written_right_after_a_yearless_day(extractor: Extractor) -> None:
    """ "la sera del 13 novembre di 10 anni fa, nel 2015": the year follows the day; the page
    of 2025 does not make it 2025."""
    text = ("Gli attacchi coordinati che la sera del 13 novembre di 10 anni fa, nel 2015, presero "
            "di mira Parigi. Al Bataclan un commando jihadista aprì il fuoco sulla folla: vi "
            "morirono 92 persone.")
    event = one_event(extractor, text, "it", date(2025, 11, 13))
    assert event.date is not None and event.date.value == "2015-11-13"
    assert [f.value for f in event.killed] == [92]
