"""Wordings of the thirty-fifth real-page check (tests/extract/real_check/round35), scored
blind on the session's starting code, written as short statements of the kind the pages
report."""

from __future__ import annotations

from datetime import date

from tests.extract.conftest import one_event, place_names

from propwatch.extract.dates import find_dates
from propwatch.extract.extractor import Extractor


def _values(text: str, lang: str, day: date | None = None) -> list[str]:
    return [d.value for d in find_dates(text, lang, day)]


def test_arabic_last_weekday_is_strictly_before_the_document() -> None:
    """"الأحد الماضي" (last Sunday) in a report of Thursday 15 December 2016 is the 11th; in a
    report written on a Sunday it is the Sunday a week before."""
    assert _values("في القاهرة الأحد الماضي، ما أسفر", "ar", date(2016, 12, 15)) == ["2016-12-11"]
    assert _values("قتل 5 في هجوم الجمعة الماضية", "ar", date(2016, 12, 16)) == ["2016-12-09"]
    assert _values("في القاهرة الأحد الماضي، ما أسفر", "ar", date(2016, 12, 18)) == ["2016-12-11"]


def test_a_date_in_commas_between_claimant_and_responsibility_is_the_claims(
    extractor: Extractor,
) -> None:
    """"أعلن تنظيم «داعش»، أول من أمس، مسؤوليته عن الاعتداء على الكنيسة ... الأحد الماضي":
    the day before yesterday is when IS claimed it; the attack was last Sunday."""
    text = ("أعلن تنظيم «داعش»، أول من أمس، مسؤوليته عن الاعتداء على الكنيسة البطرسية في "
            "القاهرة الأحد الماضي، ما أسفر عن مقتل 25 شخصاً.")
    event = one_event(extractor, text, "ar", date(2016, 12, 15))
    assert event.date is not None and event.date.value == "2016-12-11"
    assert event.place[0] == "Cairo"


def test_a_jalali_day_with_ezafe_and_the_year_word() -> None:
    """"۲۸ جوزای سال ۱۴۰۱ خورشیدی" (28 Jawza of the year 1401) and "۲۸ خرداد سال ۱۴۰۱"."""
    assert "2022-06-18" in _values("صبح روز شنبه ۲۸ جوزای سال ۱۴۰۱ خورشیدی", "prs")
    assert _values("۲۸ خرداد سال ۱۴۰۱", "fa") == ["2022-06-18"]


def test_dari_attacks_on_a_place_of_worship_and_with_a_planted_mine(extractor: Extractor) -> None:
    """"چندین مهاجم بر عبادتگاه ... حمله کردند" (attackers attacked the place of worship) and
    "هدف یک ماین جاسازی شده قرار گرفت" (was hit by a planted mine) are attacks."""
    event = one_event(extractor, "چندین مهاجم بر عبادتگاه سیک‌ها در کارته پروان حمله کردند.",
                      "prs")
    assert event.place[:2] == ["Karte Parwan", "Kabul"]
    event = one_event(extractor, "یک مسجد در قندوز هنگام ادای نماز جمعه هدف یک ماین جاسازی شده "
                      "قرار گرفت.", "prs")
    assert event.place[0] == "Kunduz"


def test_a_town_named_with_state_is_the_state(extractor: Extractor) -> None:
    """"an ancient town in Ondo State ... in Owo": Ondo State (named after the town of Ondo)
    holds Owo, so this is one attack, at Owo."""
    text = ("AKURE — An ancient town in Ondo State, on Sunday, June 5, 2022, witnessed a "
            "horrendous massacre of innocent worshippers. Over 50 worshippers were shot by "
            "terrorists, who stormed the Catholic Church in Owo.")
    event = one_event(extractor, text, "en")
    assert event.place[:2] == ["Owo", "Ondo"]
    assert event.date is not None and event.date.value == "2022-06-05"


def test_names_take_no_verb_endings(extractor: Extractor) -> None:
    """"indeed" is not "Inde" (India in French) + "ed"; the German adjective "Istanbuler" is
    still Istanbul."""
    assert place_names(extractor, "It was indeed a gory sight.", "en") == []
    assert place_names(extractor, "Er stürmte den Istanbuler Club Reina.", "de") == ["Istanbul"]


def test_german_storming_and_shooting_dead(extractor: Extractor) -> None:
    """"stürmte ... den Istanbuler Club Reina mit einem Gewehr. Bei dem Anschlag ... hatte der
    Täter 39 Menschen erschossen": an attack at Istanbul with 39 killed."""
    text = ("In der Silvesternacht stürmte der Täter den Istanbuler Club Reina mit einem "
            "Gewehr. Bei dem Anschlag auf den Club Reina hatte der Täter 39 Menschen erschossen.")
    event = one_event(extractor, text, "de")
    assert event.place == ["Istanbul"]
    assert [f.value for f in event.killed] == [39]


def test_a_weekday_dates_a_yearless_day_from_the_texts_years() -> None:
    """Without a document date, "lundi 13 mai" in a text that also writes "octobre 2017" is
    the first Monday 13 May from 2017 on: 2019. A text that writes no year leaves it
    unresolved; so does a weekday the day never falls on within seven years."""
    text = ("Tout est parti dans la matinée du lundi 13 mai dernier lorsque la prison a été "
            "attaquée. En octobre 2017, quatre soldats américains y avaient laissé la vie.")
    assert _values(text, "fr") == ["2019-05-13", "2017-10"]
    assert _values("в прошлый понедельник, 29 марта, взрывы в метро. В 2009 году", "ru") == [
        "2010-03-29", "2009"]  # fmt: skip
    assert _values("on Sunday, June 5, a massacre.", "en") == []
    assert _values("on Sunday, June 5, a massacre. In 2022 ...", "en") == ["2022-06-05", "2022"]
    # the yearless day after it takes its year too
    assert _values("le lundi 13 mai. En 2017, ... Le 20 mai, une autre attaque", "fr") == [
        "2019-05-13", "2017", "2019-05-20"]  # fmt: skip


def test_an_arabic_explosive_vest_in_sindh(extractor: Extractor) -> None:
    """"فجر سترته الناسفة ... في منطقة سيهون في ولاية السند" (detonated his explosive vest in
    Sehwan, in Sindh province)."""
    text = ("أكد مصدر أن أحد مقاتلي التنظيم فجر سترته الناسفة بتجمع في مزار في منطقة سيهون في "
            "ولاية السند جنوبي باكستان، مما أسفر عن مقتل 72 شخصا على الأقل.")
    event = one_event(extractor, text, "ar")
    assert event.place[:2] == ["Sehwan", "Sindh"]
    assert [f.value for f in event.killed] == [72]


def test_a_town_no_entry_places_may_lie_in_a_rural_district(extractor: Extractor) -> None:
    """"in Swat district ... in the town of Saidu Sharif": Swat is a district, not a city, so a
    town the gazetteer does not place may lie in it; one attack, with both places."""
    text = ("A suicide bomber attacked a police post in Swat district of Khyber Pakhtunkhwa on "
            "Sunday, killing five policemen. The bomber struck the post in the town of Saidu "
            "Sharif, police said.")
    event = one_event(extractor, text, "en")
    assert {"Swat", "Saidu Sharif"} <= set(event.place)


def test_an_actor_named_after_an_actorless_attack_is_its_own(extractor: Extractor) -> None:
    """"A suicide bombing ... killed five people. A statement from Islamic State said the
    bomber carried out an operation with an explosive vest": with no actor known yet, the
    group named next is not another event's (as "a bombing by ISPP" after an ISKP attack is)."""
    text = ("A suicide bombing in northern Somalia on Tuesday killed five people, including the "
            "bomber, and wounded 18 others.\n\nA statement from Islamic State, released through "
            "its Amaq news agency, said the bomber carried out a \"martyrdom-seeking operation "
            "with an explosive vest.\"\n\nThis is the first suicide bombing claimed by IS in "
            "Somalia, a country where it has operated since 2015.\n\nAccording to police, the "
            "attack targeted officers manning a security checkpoint in Bosaso, in Somalia's "
            "semi-autonomous Puntland region.")
    event = one_event(extractor, text, "en", date(2017, 5, 24))
    assert event.place[0] == "Bosaso"
    assert [f.value for f in event.killed] == [5]


def test_a_kind_of_group_gives_way_to_the_group_it_names(extractor: Extractor) -> None:
    """"an attack for which a Pakistani Taliban group claimed responsibility ... a Pakistani
    Taliban group, the Tahreek-e-Jihad Pakistan (TJP), ... said its militants carried out the
    attack": the claimant is the TJP, not the TTP ("Pakistani Taliban")."""
    first = ("Militants stormed a police station in Dera Ismail Khan on Tuesday, killing four "
             "security officials, in a bomb and gun attack for which a Pakistani Taliban group "
             "claimed responsibility.")
    second = ("In a statement, a Pakistani Taliban group, the Tahreek-e-Jihad Pakistan (TJP), "
              "which has emerged recently, said its militants carried out the attack.")
    event = one_event(extractor, first + "\n" + second, "en")
    assert event.claimed_by == ["Tehreek-e-Jihad Pakistan"]
    # alone, the kind of group is all there is
    assert one_event(extractor, first, "en").claimed_by == ["Tehrik-i-Taliban Pakistan"]


def test_dari_sustained_wounds(extractor: Extractor) -> None:
    """"سه تن جان باختند و ۱۸ تن دیگر زخم برداشتند" (three died and 18 others were wounded)."""
    text = ("بامداد امروز در یک انفجار ماین کنار جاده در شهر جلال آباد سه تن جان باختند و ۱۸ تن "
            "دیگر زخم برداشتند.")
    event = one_event(extractor, text, "prs")
    assert [f.value for f in event.injured] == [18]
    assert [f.value for f in event.killed] == [3]


def test_a_weekday_or_a_verb_is_no_name(extractor: Extractor) -> None:
    """"این گروه تروریستی چهارشنبه ... اعلام کرد" (this terrorist group on Wednesday announced):
    Wednesday is no group; "بيان نشره وذكر فيه" (a statement it published and said in it):
    "نشره" is the verb, not "a newsletter" called "وذكر"."""
    def names(text: str, lang: str) -> list[tuple[str, str]]:
        return [(e.type, e.name) for e in extractor.extract(text, lang).entities]

    assert names("این گروه تروریستی چهارشنبه (17 تیر) در بیانیه‌ای کوتاه اعلام کرد", "fa") == []
    assert ("publication", "وذكر") not in names("من خلال بيان نشره وذكر فيه أن المنفذ", "ar")
    assert names("في نشرة «النبأ» الأسبوعية", "ar") == [("publication", "Al-Naba")]


def test_names_the_pages_used(extractor: Extractor) -> None:
    """Names the gazetteer lacked: Karar (a Turkish daily), the SGDF (the youth federation
    bombed in Suruç), Austria's ÖVP, the TTP written in Pashto letters ("ټي ټي پي")."""
    def names(text: str, lang: str) -> list[str]:
        return [e.name for e in extractor.extract(text, lang).entities]

    assert names("Karar Gazetesi'nin haberine göre SGDF üyeleri", "tr") == [
        "Karar newspaper", "Federation of Socialist Youth Associations"]  # fmt: skip
    assert names("Die ÖVP verurteilte den Anschlag.", "de") == ["Austrian People's Party"]
    assert names("د ټي ټي پي ویاند وویل", "ps") == ["Tehrik-i-Taliban Pakistan"]


def test_spanish_conjoined_victims_add_up(extractor: Extractor) -> None:
    """"en el que fallecieron tres españoles y tres ciudadanos afganos": one toll of six (the
    words between the counts may carry accents: "españoles")."""
    text = ("El Estado Islámico ha reivindicado el atentado contra un grupo de turistas en "
            "Bamiyán, en el que fallecieron tres españoles y tres ciudadanos afganos.")
    assert [f.value for f in one_event(extractor, text, "es").killed] == [6]
