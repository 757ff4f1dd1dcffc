"""Wordings of the twenty-second real-page check (tests/extract/real_check/round22), scored
blind on round 21's fixes, written as short statements of the kind the pages report."""

from __future__ import annotations

from propwatch.extract.extractor import Extractor


def test_arabic_soldiers_who_fell(extractor: Extractor) -> None:
    text = ("قال مسئولون إن 12 جندياً سقطوا السبت، في شمال غرب باكستان في كمين مسلح نصبته حركة "
            "طالبان باكستان، واستهدف قافلة عسكرية في وزيرستان الجنوبية.")
    (event,) = extractor.extract(text, "ar").events
    assert [f.value for f in event.killed] == [12]


def test_a_place_that_is_a_persons_first_name(extractor: Extractor) -> None:
    text = ("Bei einem Angriff auf einen Stützpunkt der Afrikanischen Union in Somalia sind 15 "
            "kenianische Soldaten getötet worden, sagte der Gouverneur Aden Ahmed Hersi.")
    events = extractor.extract(text, "de").events
    assert events and all(e.country == "Somalia" for e in events)

