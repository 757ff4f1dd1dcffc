"""Wordings of the thirtieth real-page check (tests/extract/real_check/round30), scored blind
on round 29's fixes, written as short statements of the kind the pages report."""

from __future__ import annotations

from datetime import date

from tests.extract.conftest import one_event

from propwatch.extract.extractor import Extractor


def test_a_dari_car_bomb_that_went_off(extractor: Extractor) -> None:
    """"یک موتر بمب ... منفجر شد" (a car bomb went off): Dari had no word for it."""
    text = "امروز یک موتر بمب در کابل منفجر شد و سه پولیس کشته شدند."
    event = one_event(extractor, text, "prs", date(2020, 7, 8))
    assert event.type == "bombing"
    assert event.date is not None and event.date.value == "2020-07-08"
    assert [f.value for f in event.killed] == [3]


def test_a_defused_bomb_is_no_event(extractor: Extractor) -> None:
    text = "پولیس بمب را پیش از آنکه منفجر شود خنثی کرد."
    assert extractor.extract(text, "prs").events == []


def test_a_quoted_city_after_its_place_noun_is_the_scene(extractor: Extractor) -> None:
    """"در شهر «پلخمری»" quotes the city itself; a quoted bank name ("«کابل بانک»") stays a
    bank."""
    text = ("گروه تروریستی داعش مسئولیت حمله به مسجد شیعیان در شهر «پلخمری» مرکز ولایت بغلان "
            "را برعهده گرفت.")
    event = one_event(extractor, text, "fa", date(2023, 10, 14))
    assert event.place == ["Pul-e Khumri", "Baghlan province"]
    text = "در انفجار مقابل «کابل بانک» در شهر قندوز ده نفر کشته شدند."
    assert one_event(extractor, text, "prs").place == ["Kunduz", "Kunduz province"]
