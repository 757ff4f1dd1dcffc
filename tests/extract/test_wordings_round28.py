"""Wordings of the twenty-eighth real-page check (tests/extract/real_check/round28), scored
blind on round 27's fixes, written as short statements of the kind the pages report."""

from __future__ import annotations

from tests.extract.conftest import one_event

from propwatch.extract.extractor import Extractor


def test_an_uzbek_bomb_that_went_off_with_its_toll_next_sentence(extractor: Extractor) -> None:
    """"бомба портлади" (a bomb went off) opens the event; its toll and its province
    ("Синд провинциясида") follow."""
    text = ("Покистоннинг Синд провинциясида байрам чоғида бомба портлади. Натижада 16 киши ҳалок "
            "бўлди, яна 40 киши яраланди.")
    event = one_event(extractor, text, "uz")
    assert event.place == ["Sindh"]
    assert [f.value for f in event.killed] == [16]
    assert [f.value for f in event.injured] == [40]


def test_uzbek_near_a_town_and_helmand_as_written(extractor: Extractor) -> None:
    """"Sangin yaqinidagi" (near Sangin) is a place cue; "G‘ilmon" is how one Uzbek outlet
    writes Helmand."""
    text = ("Afg‘onistonning G‘ilmon viloyatida toliblar hujumi oqibatida kamida 10 nafar "
            "polisiya xodimi halok bo‘ldi. Jangarilar Sangin yaqinidagi polisiya nazorat "
            "punktiga hujum qilgan.")
    event = one_event(extractor, text, "uz")
    assert event.place[:2] == ["Sangin", "Helmand province"]
    assert [f.value for f in event.killed] == [10]
