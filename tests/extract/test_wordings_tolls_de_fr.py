"""German and French tolls that rounds 37-39 of the real-page check left as found: a German
participle after a place phrase or after two nouns, French feminine "tuées", and "victimes"
beside a count of the wounded."""

from __future__ import annotations

from datetime import date

from tests.extract.conftest import one_event

from propwatch.extract.extractor import Extractor


def test_a_german_toll_reaches_its_participle_over_a_place_phrase(extractor: Extractor) -> None:
    text = ("Die JNIM hat sich zu einem Anschlag vom 11. Juni bekannt, bei dem mehr als 100 "
            "Soldaten in der Region Mansila getötet wurden.")
    (killed,) = one_event(extractor, text, "de").killed
    assert (killed.value, killed.qualifier) == (100, "over")


def test_a_german_toll_of_two_nouns_joined_by_und(extractor: Extractor) -> None:
    text = ("Bei dem Anschlag in Mansila, bei dem mehr als 100 Soldaten und Zivilisten getötet "
            "wurden, bekannte sich die JNIM.")
    (killed,) = one_event(extractor, text, "de").killed
    assert killed.value == 100


def test_a_german_place_phrase_keeps_killed_and_wounded_apart(extractor: Extractor) -> None:
    text = ("Bei dem Anschlag wurden 12 Menschen in einer Moschee in Kano getötet und 20 weitere "
            "verletzt.")
    event = one_event(extractor, text, "de")
    assert [f.value for f in event.killed] == [12]
    assert [f.value for f in event.injured] == [20]


def test_a_number_and_a_second_count_are_not_two_nouns(extractor: Extractor) -> None:
    """ "5 soldiers and 3 civilians": a digit after "and" opens its own count."""
    text = "Bei dem Angriff wurden 5 Soldaten und 3 Zivilisten getötet."
    (killed,) = one_event(extractor, text, "de").killed
    assert killed.value == 8


def test_french_feminine_tuees_is_a_toll(extractor: Extractor) -> None:
    text = ("Au moins douze personnes ont été tuées et plusieurs autres blessées mardi dans une "
            "attaque jihadiste contre un village du nord du Burkina Faso.")
    event = one_event(extractor, text, "fr", date(2023, 3, 5))
    (killed,) = event.killed
    assert (killed.value, killed.qualifier) == (12, "at_least")
    assert event.date is not None and event.date.value == "2023-02-28"


def test_french_victims_beside_the_wounded_are_the_dead(extractor: Extractor) -> None:
    """ "a fait 15 victimes et 20 blessés" was read as 35 wounded."""
    text = "L'attaque contre une église a fait 15 victimes et 20 blessés dimanche, selon la police."
    event = one_event(extractor, text, "fr", date(2023, 3, 5))
    assert [f.value for f in event.killed] == [15]
    assert [f.value for f in event.injured] == [20]
