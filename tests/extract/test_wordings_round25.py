"""Wordings of the twenty-fifth real-page check (tests/extract/real_check/round25), scored
blind on round 24's fixes, written as short statements of the kind the pages report."""

from __future__ import annotations

from datetime import date

import pytest
from tests.extract.conftest import one_event, place_names

from propwatch.extract.dates import find_dates
from propwatch.extract.extractor import Extractor
from propwatch.extract.numbers import find_numbers


def test_a_dari_province_with_its_direction_is_the_scene(extractor: Extractor) -> None:
    """"ایالت شرقی غزنی" is the eastern province of Ghazni, not a bearing from it; All India
    Radio's Dari writes "ایالت" for a province and "کندوز" for Kunduz."""
    text = "در یک حمله دیگر در ایالت شرقی غزنی، شش نفر کشته و سه نفر مجروح شدند."
    event = one_event(extractor, text, "prs")
    assert "Ghazni" in event.place
    assert [f.value for f in event.killed] == [6] and [f.value for f in event.injured] == [3]
    text = "در حمله طالبان در ایالت شمالی کندوز، ده سرباز افغان کشته شدند."
    assert "Kunduz" in one_event(extractor, text, "prs").place


def test_an_arabic_bearing_is_still_no_scene(extractor: Extractor) -> None:
    text = "قتل خمسة جنود في هجوم على حاجز جنوبي دمشق."
    event = one_event(extractor, text, "ar")
    assert "Damascus" not in event.place


def test_killed_at_the_hands_of_a_group(extractor: Extractor) -> None:
    """A passive killing with the group as its agent is an attack, with its toll: Dari "به
    دست طالبان ... کشته شدند", Tajik "аз дасти ҷангиёни Давлати исломӣ ба қатл расонида
    шуданд"."""
    text = "دیروز ده سرباز افغان به دست طالبان در ولایت کندز کشته شدند."
    event = one_event(extractor, text, "prs", date(2018, 6, 12))
    assert [f.value for f in event.killed] == [10]
    assert event.date is not None and event.date.value == "2018-06-11"
    text = ("Дар Афғонистон 30 нафар аҳолии ғайринизомӣ аз дасти ҷангиёни Давлати исломӣ ба "
            "қатл расонида шуданд.")
    event = one_event(extractor, text, "tg")
    assert [f.value for f in event.killed] == [30] and event.country == "Afghanistan"


def test_killed_at_the_hands_of_the_security_forces_is_no_attack(extractor: Extractor) -> None:
    text = "دیروز ده طالب به دست نیروهای امنیتی در ولایت کندز کشته شدند."
    assert extractor.extract(text, "prs", doc_date=date(2018, 6, 12)).events == []


def test_the_capital_named_by_its_country(extractor: Extractor) -> None:
    text = "Дар маркази пойтахти Афғонистон террористи худкуш таркише анҷом дод."
    assert "Kabul" in one_event(extractor, text, "tg").place


def test_a_pashto_capital_and_country_with_their_postpositions(extractor: Extractor) -> None:
    text = "داعش د یمن په پلازمېنه صنعا کې د څلورو موټر بمي چاودنو مسؤلیت په غاړه اخیستی دی."
    event = one_event(extractor, text, "ps")
    assert "Sanaa" in event.place and event.claimed_by == ["Islamic State"]


def test_a_persian_blessing_is_not_yemen(extractor: Extractor) -> None:
    text = "مردم به یمن این روز فرخنده جشن گرفتند."
    assert "Yemen" not in {e.name for e in extractor.extract(text, "fa").entities}


def test_a_russian_town_the_word_list_counts_frequent(extractor: Extractor) -> None:
    text = "Взрыв в жилом доме в Магнитогорске: погибли 39 человек."
    assert "Magnitogorsk" in {e.name for e in extractor.extract(text, "ru").entities}
    text = "Взрыв в метро: погибли 3 человека."
    assert one_event(extractor, text, "ru").place == []


def test_a_spanish_incursion_with_people_murdered(extractor: Extractor) -> None:
    text = ("Durante la incursión en la localidad de Kodyel, ocurrida en la madrugada de este "
            "lunes, habrían asesinado al menos a una decena de personas.")
    event = one_event(extractor, text, "es", date(2021, 5, 4))
    assert event.place[:1] == ["Kodyel"]
    assert event.date is not None and event.date.value == "2021-05-03"
    assert [f.value for f in event.killed] == [10]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Questa mattina un kamikaze si è fatto esplodere in una moschea di Kabul, causando "
         "la morte di 28 persone.", "it"),
        ("Esta mañana un atentado suicida en una mezquita de Kabul mató a 28 personas.", "es"),
        ("Ce matin, un kamikaze s'est fait exploser dans une mosquée de Kaboul, tuant 28 "
         "personnes.", "fr"),
    ],
)
def test_this_morning_is_the_day_of_the_report(
    extractor: Extractor, text: str, lang: str
) -> None:
    event = one_event(extractor, text, lang, date(2016, 11, 21))
    assert event.date is not None and event.date.value == "2016-11-21"


def test_a_turkish_attack_that_bathed_a_country_in_blood(extractor: Extractor) -> None:
    text = ("Öte yandan DAEŞ, Yemen'i de dün kana buladı. Yemen güçlerine yönelik üç ayrı "
            "bombalı saldırıda 22 kişi öldü.")
    event = one_event(extractor, text, "tr", date(2016, 3, 26))
    assert event.date is not None and event.date.value == "2016-03-25"
    assert "Yemen" in event.place and [f.value for f in event.killed] == [22]


def test_a_french_target_taken_earlier_in_the_month(extractor: Extractor) -> None:
    text = ("Plus tôt en juillet, des membres du JNIM avaient déjà pris pour cible "
            "l’université de Fada N’Gourma.")
    event = one_event(extractor, text, "fr", date(2025, 7, 30))
    assert event.date is not None and event.date.value == "2025-07"
    assert "Fada N'Gourma" in event.place


def test_the_killing_occurred_on_a_weekday(extractor: Extractor) -> None:
    text = ("Suspected ISWAP insurgents have killed eight farmers in Mafa LGA of Borno. The "
            "agency reports that the killing occurred in Shuwarin on Thursday at about 1 pm.")
    event = one_event(extractor, text, "en", date(2023, 6, 23))
    assert event.date is not None and event.date.value == "2023-06-22"
    assert [f.value for f in event.killed] == [8]


def test_the_villages_of_two_names(extractor: Extractor) -> None:
    text = "The rebels moved on to the villages of Matekelambi and Mabuo on Sunday."
    names = set(place_names(extractor, text, "en"))
    assert {"Matekelambi", "Mabuo"} <= names


def test_uzbek_wounded_with_an_aside_and_taken_to_hospital(extractor: Extractor) -> None:
    text = "Kermandagi portlashda 84 kishi halok bo‘ldi. 284 kishi, jumladan, bolalar yaralangan."
    event = one_event(extractor, text, "uz")
    assert [f.value for f in event.killed] == [84] and [f.value for f in event.injured] == [284]
    text = ("Пешовар шаҳридаги масжидда портлаш юз берди. Портлаш оқибатида камида 45 киши "
            "ҳалок бўлди, 65 га яқин киши шифохонага ётқизилди.")
    event = one_event(extractor, text, "uz")
    assert [f.value for f in event.killed] == [45] and [f.value for f in event.injured] == [65]


def test_a_german_agency_credit_in_small_letters(extractor: Extractor) -> None:
    text = "Das Urteil ist rechtskräftig. (afp)"
    names = {e.name for e in extractor.extract(text, "de").entities}
    assert "Agence France-Presse" in names
    names = {e.name for e in extractor.extract("Er sagte, afp sei gut.", "de").entities}
    assert "Agence France-Presse" not in names
    names = {e.name for e in extractor.extract("Der Titel ist Kursiv gesetzt.", "de").entities}
    assert "Kursiv" not in names


@pytest.mark.parametrize(
    ("text", "lang", "kind", "name"),
    [
        ('وأعلن التنظيم مسؤوليته عبر وكالة أنباء "أعماق" التابعة له.', "ar", "media_outlet",
         "Amaq News Agency"),
        ("وبسایت خبری اعماق اعلام کرد که حمله کار داعش بود.", "prs", "media_outlet",
         "Amaq News Agency"),
        ("Аввалроқ Пажвак агентлиги хабар қилганди.", "uz", "media_outlet",
         "Pajhwok Afghan News"),
        ("Eş-Şebab, Endülüs Radyosu'nun sitesinde saldırıyı üstlendi.", "tr", "media_outlet",
         "Radio Andalus"),
        ("Mogadişu'da patlama oldu. (DİHA)", "tr", "media_outlet", "Dicle News Agency"),
        ("BAGDAD, Irak, junio 28 (Notimex). Al menos 12 personas murieron.", "es",
         "media_outlet", "Notimex"),
        ("Según reporte del sitio Iraqinews, 12 personas murieron.", "es", "media_outlet",
         "IraqiNews"),
        ("Avvalroq, «Kursiv» Eron hukumati haqida yozgan edi.", "uz", "media_outlet", "Kursiv"),
        ("КТРдин облустагы кабарчысы билдирди.", "ky", "media_outlet",
         "Kyrgyz Public Broadcasting Corporation"),
        ('"Өзбекстандын ислам кыймылы" аттуу уюмдун мүчөлөрү кармалды.', "ky", "organization",
         "Islamic Movement of Uzbekistan"),
        ("Afg'oniston poytaxti Kobulda portlash yuz berdi.", "uz", "place", "Kabul"),
        ("پوليسو وويل د افغانستان پلازمېنه کې چاودنه شوې.", "ps", "place", "Kabul"),
    ],
)
def test_names_of_round_25(
    extractor: Extractor, text: str, lang: str, kind: str, name: str
) -> None:
    assert (kind, name) in {(e.type, e.name) for e in extractor.extract(text, lang).entities}


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("В результате утечки газа в жилом доме погибли два человека.", []),
        ("Взрыв бытового газа разрушил подъезд.", []),
        ("Удар по сектору Газа унёс жизни пяти человек.", ["Gaza Strip"]),
        ("Взрыв в Газа унёс жизни пяти человек.", ["Gaza"]),
        ("теракт в москве: погибли трое", ["Moscow"]),
    ],
)
def test_a_russian_place_in_small_letters_needs_a_place_word(
    extractor: Extractor, text: str, places: list[str]
) -> None:
    """Russian capitalises names: "газа" (of gas) is not Gaza; "в москве" still is Moscow."""
    assert place_names(extractor, text, "ru") == places


@pytest.mark.parametrize(
    ("words", "value"),
    [("یوډېرش", 31), ("یودېرش", 31), ("یو دېرش", 31), ("څلورویشت", 24), ("سل او یوویشت", 121)],
)
def test_pashto_tens_written_solid_with_their_unit(words: str, value: int) -> None:
    """Pashto writes 21-99 apart ("یو دېرش") or solid ("یودېرش", "یوډېرش"): both are read."""
    assert [n.value for n in find_numbers(f"{words} کسان", "ps")] == [value]


def test_a_pashto_toll_written_in_words(extractor: Extractor) -> None:
    text = "په صنعا کې په دغو بریدونو کې لږ تر لږه یوډېرش کسان ووژل شول."
    event = one_event(extractor, text, "ps")
    assert [(f.value, f.qualifier) for f in event.killed] == [(31, "at_least")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("(جمعه، ۱۶ مهرماه)", "2021-10-08"),  # with the word for month: the month Mehr
        ("۵ تیرماه", "2021-06-26"),
        ("۱۶ مهر", None),  # "مهر" alone is also a seal; "۱۲ تیر" also twelve bullets
        ("۱۲ تیر شلیک شد", None),
    ],
)
def test_a_yearless_jalali_day_with_the_word_for_month(text: str, value: str | None) -> None:
    found = [d.value for d in find_dates(text, "fa", doc_date=date(2021, 10, 15))]
    assert found == ([value] if value else [])


def test_a_sentence_opening_on_an_earlier_attack_is_dated_by_its_own_date(
    extractor: Extractor,
) -> None:
    text = ("پیش از این نیز (جمعه، ۱۶ مهرماه) یک حمله انتحاری به مسجد سیدآباد در قندوز "
            "صورت گرفت.")
    event = one_event(extractor, text, "fa", date(2021, 10, 15))
    assert event.date is not None and event.date.value == "2021-10-08"
    text = "Previously, in October 2022, gunmen attacked the shrine in Shiraz, killing 13."
    event = one_event(extractor, text, "en", date(2023, 8, 14))
    assert event.date is not None and event.date.value == "2022-10"
    # the earlier attack told after the reported one does not date it
    text = ("The shrine was attacked on Wednesday, killing 15. It was previously attacked in "
            "October 2022.")
    event = one_event(extractor, text, "en", date(2023, 8, 14))
    assert event.date is not None and event.date.value == "2023-08-09"
