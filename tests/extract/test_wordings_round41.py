"""Wordings of the forty-first real-page check (tests/extract/real_check/round41: Afghanistan
and Pakistan, in English, Persian, Dari, Pashto and Arabic), scored blind, written as short
statements of the kind the pages report."""

from __future__ import annotations

from datetime import date

from tests.extract.conftest import one_event, place_names

from propwatch.extract.dates import find_dates
from propwatch.extract.extractor import Extractor


def test_an_ani_dateline_is_where_the_report_was_filed(extractor: Extractor) -> None:
    text = ("Islamabad [Pakistan], January 31 (ANI): The toll from the deadly suicide bombing "
            "inside a crowded mosque in Peshawar rose to 63, while the number of injured persons "
            "was 150, Geo News reported.")
    event = one_event(extractor, text, "en", date(2023, 1, 31))
    assert event.place[0] == "Peshawar"
    assert [f.value for f in event.killed] == [63]
    assert [f.value for f in event.injured] == [150]


def test_the_day_officials_spoke_dates_a_lead_event_marked_as_reported(
    extractor: Extractor,
) -> None:
    text = ("QUETTA: At least 26 people were killed when a suicide bomber detonated himself among "
            "passengers at the railway station of Quetta, officials said on Saturday.")
    event = one_event(extractor, text, "en", date(2024, 11, 10))
    assert event.date is not None
    assert (event.date.value, event.date.resolution) == ("2024-11-09", "reported")
    # a day the attack has in the text is still the attack's own
    text = text.replace("killed when", "killed on Friday when")
    event = one_event(extractor, text, "en", date(2024, 11, 10))
    assert event.date is not None
    assert (event.date.value, event.date.resolution) == ("2024-11-08", "weekday")


def test_a_toll_s_rise_is_not_the_attack_s_day(extractor: Extractor) -> None:
    text = ("The death toll from a suicide bombing at a political rally in Bajaur rose to 45 on "
            "Monday. Dozens more were injured in the attack, which occurred when an explosive "
            "device was detonated at the gathering of supporters of the party, in the Bajaur "
            "tribal district of Khyber Pakhtunkhwa province on Sunday.")
    event = one_event(extractor, text, "en", date(2023, 7, 31))
    assert event.date is not None and event.date.value == "2023-07-30"


def test_a_persian_backer_and_the_reporting_city_are_no_scene(extractor: Extractor) -> None:
    text = ("به گزارش سرویس بین الملل خبرگزاری صدا و سیما از اسلام آباد، یک خودروی بمبگذاریشده "
            "در مقابل مقر ارتش پاکستان در شهر کویته منفجر شد. در جریان درگیری، دستکم ۶ تروریست "
            "تحت حمایت هند به هلاکت رسیدند. در این حمله ۱۰ نفر جان خود را از دست دادند و ۳۲ نفر "
            "دیگر زخمی شدند.")
    event = one_event(extractor, text, "fa", date(2025, 9, 30))
    assert event.place[0] == "Quetta"
    assert "Islamabad" not in event.place and "India" not in event.place
    assert [f.value for f in event.injured] == [32]


def test_the_past_two_years_is_no_date() -> None:
    text = "حملات تروریستی در پاکستان طی دو سال گذشته افزایش یافته است"
    assert find_dates(text, "fa", date(2024, 8, 22)) == []
    assert [d.value for d in find_dates("در حمله سال گذشته", "fa", date(2024, 8, 22))] == ["2023"]


def test_persian_quoted_place_names_after_their_place_nouns(extractor: Extractor) -> None:
    text = ("در این حمله که در منطقه «دهیری کوت» از نواحی شهر «اتک» در ایالت پنجاب رخ داده است، "
            "تروریستها یک ون را هدف حمله قرار دادند.")
    assert place_names(extractor, text, "fa")[:2] == ["دهیری کوت", "اتک"]


def test_pashto_tuesday_quetta_in_the_oblique_and_a_wounded_count(extractor: Extractor) -> None:
    text = ("د پاکستاني چارواکو په وینا نن سې شنبې د کوټې په جنوب لویدیځ کې د پوځ د مرکزي دفتر "
            "مخې ته ځان مرګی برید وشو. د بلوچستان روغتیا وزیر وویل چې برید کوونکو لس تنه وژلي دي "
            "او درې دیرش تنه نور د دې حملې په ترڅ کې ټپيان شوې دي.")
    event = one_event(extractor, text, "ps", date(2025, 9, 30))
    assert event.date is not None and event.date.value == "2025-09-30"
    assert event.place[0] == "Quetta"
    assert [f.value for f in event.injured] == [33]


def test_dera_ismail_khan_in_arabic(extractor: Extractor) -> None:
    text = ("قتل ما لا يقل عن 7 أشخاص وأصيب 25 آخرين، عندما فجر انتحاري نفسه في حفل زفاف في "
            "منطقة دير إسماعيل خان، إحدى مناطق إقليم خيبر بختونخوا.")
    assert one_event(extractor, text, "ar").place[0] == "Dera Ismail Khan"


def test_a_district_of_kandahar_is_not_a_town_of_india(extractor: Extractor) -> None:
    text = "در انفجار در ولسوالی دامان کندهار ۳۱ تن زخم برداشتند."
    event = one_event(extractor, text, "prs")
    assert event.country == "Afghanistan"
    assert "India" not in event.place


def test_a_suicide_bomber_of_a_group_is_its_perpetrator(extractor: Extractor) -> None:
    text = ("At least 26 people were killed when a suicide bomber of the Balochistan Liberation "
            "Army struck the railway station in Quetta.")
    assert one_event(extractor, text, "en").perpetrators == ["Balochistan Liberation Army"]
    text = "A suicide bomber from the Pakistani Taliban blew himself up at a police post in Bannu."
    assert one_event(extractor, text, "en").perpetrators == ["Tehrik-i-Taliban Pakistan"]
