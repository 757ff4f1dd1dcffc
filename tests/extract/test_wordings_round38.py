"""Wordings of the thirty-eighth real-page check (tests/extract/real_check/round38), scored
blind after rounds 35-37's fixes, written as short statements of the kind the pages report."""

from __future__ import annotations

from datetime import date

from tests.extract.conftest import one_event

from propwatch.extract.extractor import Extractor


def test_a_two_word_attack_phrase_reaches_back_like_one_word(extractor: Extractor) -> None:
    """"در ولایت هرات واقع درغرب افغانستان در یکی از مساجد شیعیان هنگام اجرای مراسم دینی ...
    حمله انتحاری انجام داده شد": "حمله انتحاری" (suicide attack) is one phrase, so the
    province named at the start of this verb-final sentence is the scene, not only the
    country."""
    text = ("در ولایت هرات واقع درغرب افغانستان در یکی از مساجد شیعیان هنگام اجرای مراسم دینی "
            "حدود ساعت 8 شب حمله انتحاری انجام داده شد که در نتیجه آن دست کم 29 تن کشته شدند.")
    assert one_event(extractor, text, "prs").place[0] == "Herat province"


def test_kuwait_city_in_french(extractor: Extractor) -> None:
    """"contre la mosquée chiite Al-Imam al-Sadeq à Koweït City"."""
    text = ("Un attentat suicide contre la mosquée chiite Al-Imam al-Sadeq à Koweït City a fait "
            "près de 200 blessés.")
    assert one_event(extractor, text, "fr").place[0] == "Kuwait City"


def test_there_takes_the_place_of_the_sentence_before(extractor: Extractor) -> None:
    """"... to hit Peshawar, a city of roughly 2 million people. In 2014, nine Taliban gunmen
    killed more than 140 people at the Army Public School there.": the earlier attack was in
    Peshawar too; "There were 5 killed" names no place."""
    text = ("A suicide bomber attacked a Shia mosque in Peshawar on Friday, killing 57 people. "
            "The attack was one of the deadliest in years to hit Peshawar, a city of roughly 2 "
            "million people near Pakistan's border with Afghanistan. In 2014, nine Taliban "
            "gunmen killed more than 140 people at the Army Public School and Degree College "
            "there.")
    events = extractor.extract(text, "en", doc_date=date(2022, 3, 5)).events
    earlier = [e for e in events if e.date is not None and e.date.value == "2014"]
    assert [e.place[0] for e in earlier] == ["Peshawar"]
    assert one_event(extractor, "Nobody knew what happened. There were 5 killed in an attack.",
                     "en").place == []
