"""Wordings of the thirty-fourth real-page check (tests/extract/real_check/round34), scored
blind after round 33's fixes, written as short statements of the kind the pages report."""

from __future__ import annotations

from datetime import date

from tests.extract.conftest import one_event

from propwatch.extract.capitals import capitals
from propwatch.extract.extractor import Extractor


def test_a_capital_named_through_its_country_is_the_scene(extractor: Extractor) -> None:
    """"la capital de Burkina Faso", "Afganistan'ın başkentinde", "Somalia's capital", "the
    capital of Mali": the attack was in the capital city, not just the country."""
    cases = [
        ("Un ataque terrorista contra un restaurante de la capital de Burkina Faso ha dejado "
         "al menos 18 muertos.", "es", "Ouagadougou"),
        ("Afganistan'ın başkentinde bombalı saldırı: 20 ölü.", "tr", "Kabul"),
        ("A suicide bomber struck in Somalia's capital, killing 12 people.", "en", "Mogadishu"),
        ("Gunmen attacked a hotel in the capital of Mali, killing 20 people.", "en", "Bamako"),
        ("Un attentat dans la capitale du Niger a fait 10 morts.", "fr", "Niamey"),
    ]
    for text, lang, city in cases:
        assert one_event(extractor, text, lang).place[0] == city, text
    # the country alone stays the country
    event = one_event(extractor, "Gunmen attacked a hotel in Mali, killing 20 people.", "en")
    assert event.place == ["Mali"]


def test_the_capitals_table_is_shipped() -> None:
    """The table comes with the package (read through importlib.resources)."""
    table = capitals()
    assert len(table) > 200
    assert (table["AF"], table["IQ"], table["TJ"]) == ("Kabul", "Baghdad", "Dushanbe")


def test_an_embassy_of_a_country_is_no_scene_in_romance_languages(
    extractor: Extractor,
) -> None:
    """"el ataque previo a la Embajada de Israel" (in Buenos Aires), "l'ambassade d'Israël":
    the country names the target, not where it was."""
    for text, lang in (
        ("Al igual que el ataque previo a la Embajada de Israel, que dejó 22 muertos.", "es"),
        ("L'attaque contre l'ambassade d'Israël a fait 29 morts.", "fr"),
        ("L'attacco all'ambasciata di Israele ha fatto 29 morti.", "it"),
    ):
        assert one_event(extractor, text, lang).place == [], text


def test_a_dated_scene_sentence_dates_an_anniversarys_attack(extractor: Extractor) -> None:
    """"В десятую годовщину двойного теракта ... Ровно десять лет прошло со дня трагедии,
    которая произошла в Кизляре 31 марта 2010 года": the attack was on 31 March 2010."""
    text = ("В десятую годовщину двойного теракта мэр Кизляра возложил цветы к памятнику "
            "погибшим\n\nРовно десять лет прошло со дня чудовищной трагедии, которая "
            "произошла в Кизляре 31 марта 2010 года.")
    event = one_event(extractor, text, "ru", date(2020, 3, 31))
    assert event.place[0] == "Kizlyar"
    assert event.date is not None and event.date.value == "2010-03-31"


def test_kinds_of_outlet_words_and_verbs_are_no_names(extractor: Extractor) -> None:
    """Persian "شبکه تلویزیونی خصوصی" (a private TV network) and "بخش افغان" (the Afghan
    desk), Arabic "طلب عدم نشره اسمه" (asked that his name not be published), Spanish
    "dirigentes políticos" (not Politico): none is an outlet or a publication."""
    cases = [
        ("به کارمندان شبکه تلویزیونی خصوصی طلوع حمله شد.", "fa"),
        ("به گزارش بخش افغان رادیو اروپای آزاد، دو تن کشته شدند.", "fa"),
        ("يضيف الصحفي، الذي طلب عدم نشره اسمه، أن الانفجار كان قويا.", "ar"),
        ("Asistieron funcionarios y dirigentes políticos del oficialismo.", "es"),
    ]
    for text, lang in cases:
        names = [(e.type, e.name) for e in extractor.extract(text, lang).entities
                 if e.type in ("media_outlet", "publication")]
        wrong = [n for n in names if n[1] in ("شبکه تلویزیونی", "بخش", "اسمه", "Politico")]
        assert wrong == [], text


def test_a_tajik_toll_with_a_place_and_an_including_aside_before_the_verb(
    extractor: Extractor,
) -> None:
    """"12 нафар, аз ҷумла 9 коргари чинӣ дар шимолу ғарби Покистон кушта шуд" (12 people,
    9 Chinese workers among them, were killed in north-western Pakistan): 12 killed."""
    for text in (
        "Дар як таркиши автобус 12 нафар дар шимолу ғарби Покистон кушта шуданд.",
        "Дар як таркиши автобус 12 нафар, аз ҷумла 9 коргари чинӣ дар шимолу ғарби Покистон "
        "кушта шуд.",
    ):
        event = one_event(extractor, text, "tg")
        assert [f.value for f in event.killed] == [12], text
