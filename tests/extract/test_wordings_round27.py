"""Wordings of the twenty-seventh real-page check (tests/extract/real_check/round27), scored
blind on round 26's fixes, written as short statements of the kind the pages report."""

from __future__ import annotations

from datetime import date

import pytest
from tests.extract.conftest import one_event, place_names

from propwatch.extract.dates import find_dates
from propwatch.extract.extractor import Extractor


def test_this_afternoon_after_a_comma_written_without_its_space(extractor: Extractor) -> None:
    """"فرحت،این انفجار": the anaphor after a comma with no space; "بعد از ظهر امروز" (this
    afternoon) is a time of day, its "از" no "since"."""
    text = ("در انفجار ماین کنار جاده در ولسوالی ژیری ولایت کندهار یک تن کشته شد. به گزارش "
            "آژانس خبری فرحت،این انفجار حوالی ساعت ۱:۳۰ بعد از ظهر امروز پنجشنبه یک موتر "
            "مسافربری را هدف گرفت.")
    event = one_event(extractor, text, "prs", date(2018, 10, 4))
    assert event.date is not None and event.date.value == "2018-10-04"


def test_a_turkish_genitive_city_is_no_town(extractor: Extractor) -> None:
    """"Patlama kentin büyük bölümünde duyuldu" (the blast was heard across much of the
    city): no town "Patlama"; "Kuetta kentinin merkezinde" still names Quetta's city."""
    assert place_names(extractor, "Patlama kentin büyük bölümünde duyuldu.", "tr") == []
    assert place_names(extractor, "Saldırı Bursa kentinde meydana geldi.", "tr") == ["Bursa"]


def test_shortly_before_dawn_on_a_weekday(extractor: Extractor) -> None:
    text = ("Seven soldiers were killed as heavily-armed terrorists stormed an army camp in "
            "Nagrota shortly before dawn on Tuesday, triggering a fierce gunbattle.")
    event = one_event(extractor, text, "en", date(2016, 11, 30))
    assert event.date is not None and event.date.value == "2016-11-29"


def test_romance_verbs_of_detonating(extractor: Extractor) -> None:
    """"O terrorista detonou um caminhão" (detonated a truck), "el suicida detonó": a bombing
    with its scene and toll."""
    text = ("O terrorista detonou um pequeno caminhão em um mercado no centro de Khan Bani Saad, "
            "na província de Diyala, matando 86 pessoas.")
    event = one_event(extractor, text, "pt", date(2015, 7, 17))
    assert event.place[0] == "Khan Bani Saad"
    assert [f.value for f in event.killed] == [86]
    text = "El suicida detonó el cinturón de explosivos en una mezquita de Bagdad, matando a seis."
    assert one_event(extractor, text, "es").type in ("bombing", "suicide_bombing")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("قتل سبعة جنود وأصيب أربعة آخرون الأحد، في اعتداء بقنبلة في العريش", ["2014-10-19"]),
        ("لا إله إلا الله الواحد الأحد، الفرد الصمد", []),  # "the One", no Sunday
        ("قتل الاثنين، ثم هرب", []),  # "the two"
    ],
)
def test_arabic_sunday_without_yawm_when_its_clause_ends_on_it(
    text: str, found: list[str]
) -> None:
    assert [d.value for d in find_dates(text, "ar", doc_date=date(2014, 10, 21))] == found


def test_an_earlier_attack_on_thursday_stays_apart(extractor: Extractor) -> None:
    text = ("قتل سبعة جنود من الجيش المصري وأصيب أربعة آخرون الأحد، في اعتداء بقنبلة استهدف "
            "مدرعة في مدينة العريش. وكان شرطيان قتلا الخميس في هجوم بقنابل على سيارتهما في "
            "العريش.")
    events = extractor.extract(text, "ar", doc_date=date(2014, 10, 21)).events
    assert [(e.date.value if e.date else None, [f.value for f in e.killed]) for e in events] == [
        ("2014-10-19", [7]), ("2014-10-16", [2])
    ]


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("شنت حركة الشباب هجوما على قاعدة عسكرية في منطقة دار نعمة بإقليم شبيلي الوسطى.",
         ["دار نعمة"]),
        ("وقع انفجار في منطقة عسكرية قرب الحدود.", []),  # "a military area"
        ("قتل خمسة في هجوم على منطقة سكنية.", []),  # "a residential area"
        ("ذهب الأولاد إلى منطقة بيت جدهم.", []),  # "the area of their grandfather's house"
    ],
)
def test_an_arabic_area_name_after_mintaqa(
    extractor: Extractor, text: str, places: list[str]
) -> None:
    assert place_names(extractor, text, "ar") == places


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("The Group to Support Islam and Muslims claimed the attack on the camp in Kidal.", "en",
         "Jama'at Nusrat al-Islam wal-Muslimin"),
        ("Jamaat Nusrat al-Islam wal-Muslimeen said it carried out the attack.", "en",
         "Jama'at Nusrat al-Islam wal-Muslimin"),
        ("El ataque fue repelido por milicianos del VDP (Voluntarios de Defensa de la Patria).",
         "es", "Volunteers for the Defence of the Homeland"),
    ],
)
def test_sahel_group_names(extractor: Extractor, text: str, lang: str, name: str) -> None:
    assert name in [e.name for e in extractor.extract(text, lang).entities]


def test_vdp_is_no_group_in_german(extractor: Extractor) -> None:
    assert extractor.extract("Der VDP zeichnet jedes Jahr Weingüter aus.", "de").entities == []


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("۱۱ نفر در انفجار بمب در کابل کشته شدند.", [11]),  # in the bomb blast: the cause
        ("۱۱ نفر در حمله طالبان در کابل کشته شدند.", [11]),
        ("در این حمله دو انفجار رخ داد و ۵ نفر کشته شدند.", [5]),  # two blasts: no people
    ],
)
def test_a_persian_toll_with_its_cause_between_number_and_verb(
    extractor: Extractor, text: str, killed: list[int]
) -> None:
    event = one_event(extractor, text, "prs", date(2017, 5, 19))
    assert [f.value for f in event.killed] == killed


def test_the_counts_of_a_persian_list_aside_are_no_toll(extractor: Extractor) -> None:
    """"۱۱ غیر نظامی شامل ۵ کودک، ۵ زن و یک مرد ... کشته": the toll is the eleven; "a man" is
    one of them, not a toll of one."""
    text = ("در لوگر ۱۱ غیر نظامی شامل ۵ کودک، ۵ زن و یک مرد در انفجار مین کنار جاده کشته "
            "شده‌اند.")
    event = one_event(extractor, text, "prs", date(2017, 5, 19))
    assert [f.value for f in event.killed] == [11]
    event = one_event(extractor, "در حمله ۱۰ نفر شامل دو کودک کشته شدند.", "prs")
    assert [f.value for f in event.killed] == [10]
