"""Wordings of the thirty-third real-page check (tests/extract/real_check/round33), scored
blind on the thirteenth session's starting extraction code, written as short statements of
the kind the pages report."""

from __future__ import annotations

from datetime import date

from tests.extract.conftest import one_event, place_names

from propwatch.extract.dates import find_dates
from propwatch.extract.extractor import Extractor


def test_arabic_marrakesh_is_the_city_and_persian_marakesh_the_country(
    extractor: Extractor,
) -> None:
    """Arabic "مراكش" is Marrakesh; Persian "مراکش" (the same letters once folded) is
    Morocco. Casablanca, Sharm el-Sheikh and Dahab are known by their Arabic names."""
    assert place_names(extractor, "وقع انفجار في مدينة مراكش.", "ar") == ["Marrakesh"]
    assert place_names(extractor, "سفیر مراکش در تهران گفت.", "fa") == ["Morocco", "Tehran"]
    event = one_event(
        extractor, "أسفرت ثلاثة تفجيرات في منتجع دهب عن مقتل 23 شخصا.", "ar"
    )
    assert event.place[0] == "Dahab" and event.country == "Egypt"
    assert place_names(extractor, "انفجار في الدار البيضاء وآخر في شرم الشيخ.", "ar") == [
        "Casablanca", "Sharm el-Sheikh",
    ]


def test_an_arabic_byline_from_a_city_is_where_the_report_was_filed(
    extractor: Extractor,
) -> None:
    """"نبيل شرف الدين من القاهرة : ... التفجيرات التي وقعت ... في منتجع دهب": the writer was
    in Cairo; the bombings were in Dahab."""
    text = ("نبيل شرف الدين من القاهرة : تضاربت الأنباء حول عدد الضحايا التي أسفرت عنها "
            "التفجيرات الثلاثة التي وقعت مساء اليوم في منتجع دهب المصري.")
    assert one_event(extractor, text, "ar").place[0] == "Dahab"


def test_a_killing_spree_is_an_attack_and_a_commemoration_day_is_not_its_date(
    extractor: Extractor,
) -> None:
    """French "tuerie" (also Spanish "matanza", Italian "eccidio") is an attack word; "3 ans
    jour pour jour après la tuerie ... ce jeudi soir" dates the tribute, not the killing."""
    text = ("3 ans jour pour jour après la tuerie de l'école Ozar-Hatorah, les familles rendent "
            "hommage ce jeudi soir à Toulouse aux victimes. Ce 19 mars 2015 marque le troisième "
            "anniversaire de la tuerie perpétrée à l'école juive à Toulouse le 19 mars 2012.")
    event = one_event(extractor, text, "fr", date(2015, 3, 19))
    assert event.date is not None and event.date.value == "2012-03-19"
    assert event.place[0] == "Toulouse"


def test_a_weekday_in_a_dateline_is_the_reports_day() -> None:
    """"JAKARTA, Indonesia, Sunday, Oct. 2 - ... on Saturday night": the attack was on the
    Saturday; the dateline's date, weekday written or not, is the report's."""
    text = ("JAKARTA, Indonesia, Sunday, Oct. 2 - A series of bomb blasts rocked tourist areas "
            "on the island of Bali on Saturday night, killing at least 25 people.")
    extractor = Extractor.from_options((), use_ner=False, use_geo=False)
    event = one_event(extractor, text, "en", date(2005, 10, 2))
    assert event.date is not None and event.date.value == "2005-10-01"
    assert event.place == ["Bali"]


def test_suicide_bombers_in_romance_languages_and_a_wire_dateline(extractor: Extractor) -> None:
    """"Kano (Nigéria) - ... um casal de terroristas suicidas ativou seus cintos explosivos no
    sábado ... em Bama": one suicide bombing, in Bama, on the Saturday; Kano is where the wire
    filed from."""
    text = ("Kano (Nigéria) - Pelo menos quatro fiéis morreram em um duplo atentado suicida "
            "numa mesquita no nordeste da Nigéria.\nUm casal de terroristas suicidas ativou "
            "seus cintos explosivos no sábado, durante as pregações matinais em Bama, estado "
            "de Borno.")
    event = one_event(extractor, text, "pt", date(2018, 4, 22))
    assert event.type == "suicide_bombing"
    assert event.place[:2] == ["Bama", "Borno State"]
    assert event.date is not None and event.date.value == "2018-04-21"


def test_a_yearless_day_after_the_page_takes_the_texts_year() -> None:
    """"1 сентября 2004 года ... 3 сентября силовики провели штурм" on a page of
    1 September 2025: 3 September is 2004's; before the page's day the page's year stands."""
    text = "1 сентября 2004 года захватили школу. 3 сентября силовики провели штурм."
    assert [d.value for d in find_dates(text, "ru", doc_date=date(2025, 9, 1))] == [
        "2004-09-01", "2004-09-03",
    ]
    text = "1 сентября 2004 года захватили школу. 30 августа прошла панихида."
    assert [d.value for d in find_dates(text, "ru", doc_date=date(2025, 9, 1))] == [
        "2004-09-01", "2025-08-30",
    ]


def test_a_scene_sentence_before_the_first_attack_word_places_and_dates_it(
    extractor: Extractor,
) -> None:
    """"1 сентября 2004 года в школе №1 Беслана произошла трагедия. Террористы взяли в
    заложники более 1100 человек": the hostage-taking was in Beslan on 1 September 2004."""
    text = ("1 сентября 2004 года, в школе №1 Беслана произошла одна из самых страшных "
            "трагедий. Террористы взяли в заложники более 1100 человек.")
    event = one_event(extractor, text, "ru", date(2025, 9, 1))
    assert event.type == "hostage_taking"
    assert event.place[0] == "Beslan"
    assert event.date is not None and event.date.value == "2004-09-01"


def test_names_the_pages_used_that_the_gazetteer_lacked(extractor: Extractor) -> None:
    """The Kurdistan Freedom Falcons (TAK) claim in Turkish and Uzbek; IRNA's full Arabic
    name; Radio Azadi in Pashto; MSF in Dari; France's SDAT; Turkey's RTÜK, TBMM, TUSAŞ."""
    cases = [
        ("Saldırıyı TAK üstlendi.", "tr", ("organization", "Kurdistan Freedom Falcons")),
        ("Hujum uchun javobgarlikni Kurdiston ozodligi qirg'iylari o'z zimmasiga oldi.", "uz",
         ("organization", "Kurdistan Freedom Falcons")),
        ("ذكرت وكالة أنباء الجمهورية الإسلامية أن الانفجار وقع صباح اليوم.", "ar",
         ("media_outlet", "IRNA")),
        ("ازادي راډیو ته یوه سرچینه وویل.", "ps", ("media_outlet", "Radio Azadi")),
        ("داکتران بدون سرحد گفتند که شفاخانه هدف قرار گرفت.", "prs",
         ("organization", "Médecins Sans Frontières")),
        ("La Sous-direction anti-terroriste a été saisie.", "fr",
         ("organization", "Sub-Directorate for Counter-Terrorism (SDAT)")),
        ("RTÜK yayın yasağı getirdi.", "tr",
         ("organization", "Radio and Television Supreme Council (RTÜK)")),
    ]
    for text, lang, want in cases:
        assert want in [(e.type, e.name) for e in extractor.extract(text, lang).entities], text
    # "так" (so) is no TAK
    assert not [e for e in extractor.extract("Так сообщили в полиции.", "ru").entities
                if e.name == "Kurdistan Freedom Falcons"]


def test_a_weekday_and_a_written_day_of_another_weekday_are_two_attacks(
    extractor: Extractor,
) -> None:
    """"The gunmen on Sunday attacked ... On March 15, fighters killed 66 people": on a page of
    22 March 2021, Sunday is 21 March and 15 March a Monday: a weekday may be a week off, not
    six days."""
    text = ("The gunmen on Sunday attacked the villages of Intazayene, Bakorat and Wistane.\n\n"
            "On March 15, fighters killed 66 people in the Tillaberi region, attacking a bus "
            "carrying shoppers from the market town of Banibangou.")
    events = extractor.extract(text, "en", doc_date=date(2021, 3, 22)).events
    assert [(e.date.value if e.date else None, e.place[0]) for e in events] == [
        ("2021-03-21", "Intazayene"), ("2021-03-15", "Banibangou"),
    ]


def test_a_tajik_lower_case_adjective_is_not_the_place(extractor: Extractor) -> None:
    """"9 коргари чини дар шимолу ғарби Покистон кушта шуд" (9 Chinese workers were killed in
    north-western Pakistan): the attack is in Pakistan; "Чин" and "Чини" (of China) stay
    China."""
    text = ("Дар як таркиши автобус 12 нафар, аз ҷумла 9 коргари чини дар шимолу ғарби Покистон "
            "кушта шуд.")
    assert one_event(extractor, text, "tg").place == ["Pakistan"]
    assert place_names(extractor, "Коргарони чинӣ дар Чин кор мекунанд. Сафири Чини гуфт.",
                       "tg") == ["China", "China"]
