"""Wordings of the forty-second real-page check (tests/extract/real_check/round42: the Middle
East and Turkey, in Arabic, Turkish, English and Persian), scored blind, written as short
statements of the kind the pages report."""

from __future__ import annotations

from datetime import date

from tests.extract.conftest import one_event

from propwatch.extract.extractor import Extractor


def test_the_attack_that_targeted_a_church_on_sunday(extractor: Extractor) -> None:
    """An abbreviation's dot ("St. Peter") ends no clause, and a relative clause after "the
    attack" carries its day."""
    text = ("On Tuesday evening, the Islamic State claimed responsibility for the attack that "
            "targeted the St. Peter and St. Paul Church in Cairo which left 25 dead and 49 injured "
            "during mass on Sunday.")
    event = one_event(extractor, text, "en", date(2016, 12, 14))
    assert event.date is not None and event.date.value == "2016-12-11"


def test_the_day_a_city_was_recaptured_is_not_the_attack_s_day(extractor: Extractor) -> None:
    text = ("A suicide bomber killed at least 25 police recruits in Mukalla on Sunday, medics "
            "said. The bomber detonated an explosives belt at a police recruitment centre on the "
            "outskirts of the city that government forces recaptured last month. Sixty people "
            "were also wounded in the attack.")
    event = one_event(extractor, text, "en", date(2016, 5, 15))
    assert event.date is not None and event.date.value == "2016-05-15"
    assert [f.value for f in event.injured] == [60]


def test_persian_members_of_the_police_as_the_counted(extractor: Extractor) -> None:
    text = ("این گروه مسئولیت حمله به یک پاسگاه نیروی انتظامی در راسک را برعهده گرفت. در این "
            "حمله یک عضو نیروی انتظامی کشته شد.")
    assert [f.value for f in one_event(extractor, text, "fa").killed] == [1]
    text = ("این گروه با حمله به یک مقر فرماندهی نیروی انتظامی در راسک، ۱۱ عضو این نیرو را کشت و "
            "چندین تن دیگر را زخمی کرد.")
    assert [f.value for f in one_event(extractor, text, "fa").killed] == [11]
