"""Wordings of the forty-eighth real-page check (tests/extract/real_check/round48: Afghanistan,
Pakistan, Iran, Iraq and Syria in Dari, Pashto, Persian and Arabic), scored blind, written as
short statements of the kind the pages report."""

from __future__ import annotations

from tests.extract.conftest import place_names

from propwatch.extract.extractor import Extractor


def test_kandahar_s_maywand_district_keeps_the_district(extractor: Extractor) -> None:
    """ "د کندهار د میوند ولسوالۍ" (Kandahar's Maywand district): the provincial capital's name
    stands for its province; the district is the most specific place."""
    text = ("وسلهوالو مخالفانو نن سهار د کندهار د میوند ولسوالۍ د امنیې قومندانۍ پر ودانۍ له "
            "چاودېدونکيو توکو ډک مازدا ډوله موټر ته چاودنه ورکړه.\nد کندهار د امنيې قومندانۍ "
            "ویاند ویلي، موټربم برید کې ۳ پولیس او ۲ ملکیان وژل شوي دي.")
    (event,) = extractor.extract(text, "ps").events
    assert event.place[0] == "Maywand"


def test_kandahar_and_nangarhar_districts_in_pashto(extractor: Extractor) -> None:
    text = "د اچین ولسوالۍ اوسیدونکي د مهمند درې سیمې ته راغلي ول"
    assert place_names(extractor, text, "ps") == ["Achin District", "Mohmand Dara District"]
    text = "د ارغنداب ولسوالۍ کې چاودنه وشوه"
    assert "Arghandab (Kandahar)" in place_names(extractor, text, "ps")


def test_xinhua_s_arabic_dateline_and_a_source_label(extractor: Extractor) -> None:
    """ "انقرة 22 أغسطس 2016 /ارتفع ...": Xinhua's Arabic dateline is the report's city and day;
    "Source: Xinhua| ..." is a page label, not a dateline."""
    from datetime import date

    text = ("انقرة 22 أغسطس 2016 /ارتفع إجمالى عدد القتلى فى التفجير الانتحارى بحفل زفاف فى "
            "مقاطعة غازى عنتب بجنوب تركيا ليلة السبت إلى 54 شخصا.")
    (event,) = extractor.extract(text, "ar", doc_date=date(2016, 8, 23)).events
    assert event.place[0] == "Gaziantep"
    assert event.date is not None and event.date.value == "2016-08-20"
    text = ("IS attack kills 3 police\n\nSource: Xinhua| 2017-12-09 17:44:41|Editor: Mengjie\n\n"
            "KABUL, Dec. 9 (Xinhua) -- Up to three police were killed after militants targeted "
            "police checkpoints in the eastern Nuristan province.")
    (event,) = extractor.extract(text, "en", doc_date=date(2017, 12, 9)).events
    assert event.place[0] == "Nuristan province"
    assert event.date is None or event.date.text != "Dec. 9"  # the dateline's day is the report's


def test_a_base_named_after_its_place(extractor: Extractor) -> None:
    """Round 46: "detonated at the El Salini base"; "the Islamic State base" is a group's."""
    text = "A suicide bomber detonated at the El Salini base, killing 12 soldiers."
    (event,) = extractor.extract(text, "en").events
    assert event.place and event.place[0].endswith("Salini")
    text = "Troops attacked the Islamic State base, killing 12 militants."
    assert all(e.type != "place" for e in extractor.extract(text, "en").entities)
