"""Wordings of the thirty-second real-page check (tests/extract/real_check/round32), scored
blind on the twelfth session's last fixes, written as short statements of the kind the pages
report."""

from __future__ import annotations

from datetime import date

from tests.extract.conftest import one_event

from propwatch.extract.dates import find_dates
from propwatch.extract.extractor import Extractor


def _names(extractor: Extractor, text: str, lang: str) -> list[tuple[str, str]]:
    return [(e.type, e.name) for e in extractor.extract(text, lang).entities if e.type != "place"]


def test_a_dari_verb_after_a_ministry_is_not_its_name(extractor: Extractor) -> None:
    """"وزارت داخله میافزاید که ..." (the interior ministry adds that ...): the verb, written
    solid or with its half-space, ends the name, and the ministry is the gazetteer's."""
    for verb in ("میافزاید", "می\u200cافزاید", "افزود"):
        text = f"وزارت داخله {verb} که در این رویداد ۱۴ تن کشته شدند."
        assert _names(extractor, text, "prs") == [
            ("organization", "Ministry of Interior Affairs of Afghanistan")
        ], verb


def test_an_arabic_armed_group_with_a_shadda_is_no_name(extractor: Extractor) -> None:
    """"جماعة مسلّحة" (an armed group) is a description, with or without the shadda; a named
    group after "جماعة" stays a name."""
    for text in ("هاجمت جماعة مسلّحة مركزا للشرطة في سراوان.",
                 "هاجمت جماعة مسلحة مركزا للشرطة في سراوان."):
        assert _names(extractor, text, "ar") == [], text
    assert _names(extractor, "أعلنت جماعة جيش العدل مسؤوليتها.", "ar") == [
        ("organization", "Jaish al-Adl")
    ]


def test_the_day_before_yesterday_in_turkish_french_and_german() -> None:
    """"Bursa’da önceki gün meydana gelen ... saldırı" (two days before the page), "avant-hier",
    "vorgestern"; "saldırıdan önceki gün" is the day before the attack, no date of its own."""
    day = date(2016, 4, 30)
    cases = [
        ("Bursa’da önceki gün meydana gelen canlı bomba saldırısı", "tr", ["2016-04-28"]),
        ("L'attentat d'avant-hier à Paris", "fr", ["2016-04-28"]),
        ("Der Anschlag von vorgestern", "de", ["2016-04-28"]),
        ("Saldırıdan önceki gün kentte bir toplantı yapıldı", "tr", []),
    ]
    for text, lang, want in cases:
        assert [d.value for d in find_dates(text, lang, doc_date=day)] == want, text


def test_the_martyrdom_of_policemen_is_a_toll(extractor: Extractor) -> None:
    """"از شهادت 2 نیروی پولیس ... خبر دادند" (reported the martyrdom of 2 policemen): two
    killed; "شهادت دادند" (testified) counts no one."""
    text = ("منابع خبری از شهادت 2 نیروی پولیس و زخمی شدن 27 تن دیگر در حمله تروریستی شهر "
            "چابهار خبر دادند.")
    event = one_event(extractor, text, "prs")
    assert [f.value for f in event.killed] == [2]
    assert [f.value for f in event.injured] == [27]
    text = "در حمله تروریستی شهر چابهار دو شاهد شهادت دادند که 3 نفر زخمی شدند."
    assert one_event(extractor, text, "prs").killed == []


def test_a_base_named_after_jerusalem_is_no_scene(extractor: Extractor) -> None:
    """"قرارگاه منطقه‌ای قدس نیروی زمینی سپاه ... از یک حادثه تروریستی در شهرستان سراوان"
    (the IRGC's Quds regional headquarters reported an attack in Saravan): Quds names the
    base; the attack is in Saravan. A blast "در قدس" is still in Jerusalem."""
    text = ("قرارگاه منطقه‌ای قدس نیروی زمینی سپاه با انتشار اطلاعیه‌ای از یک حادثه تروریستی "
            "در شهرستان سراوان با یک کشته و سه مجروح خبر داد.")
    event = one_event(extractor, text, "fa")
    assert event.place == ["Saravan", "Sistan and Baluchestan province"]
    assert [f.value for f in event.killed] == [1]
    assert one_event(extractor, "انفجار در قدس دو کشته برجای گذاشت.", "fa").place == [
        "Jerusalem"
    ]


def test_harmed_is_injured_in_tajik_kyrgyz_and_persian(extractor: Extractor) -> None:
    """Tajik "ду нафари дигар осеб диданд", Persian "پنج نفر آسیب دیدند" (suffered harm),
    Kyrgyz "эки күзөт кызматкери жабыркаган" (were hurt): the wounded."""
    cases = [
        ("Дар ҳамлаи рӯзи 29-уми июл дар Данғара чаҳор сайёҳи хориҷӣ кушта шуда, ду нафари "
         "дигар осеб диданд.", "tg", 2),
        ("در انفجار بمب در زاهدان سه نفر کشته و پنج نفر آسیب دیدند.", "fa", 5),
        ("Бишкекте теракт болуп, эки күзөт кызматкери жабыркаган.", "ky", 2),
    ]  # fmt: skip
    for text, lang, injured in cases:
        assert [f.value for f in one_event(extractor, text, lang).injured] == [injured], text
