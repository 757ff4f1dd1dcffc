"""Wordings of the thirty-sixth real-page check (tests/extract/real_check/round36), scored
blind after round 35's fixes, written as short statements of the kind the pages report."""

from __future__ import annotations

from datetime import date

from tests.extract.conftest import one_event, place_names

from propwatch.extract.dates import find_dates
from propwatch.extract.extractor import Extractor


def test_an_arabic_weekday_between_commas_is_a_day() -> None:
    """"وقتل 22 شخصاً على الأقل، الاثنين، في هجوم" (killed on Monday): "الاثنين" is also "the
    two", so it needs "يوم" or, as here, commas around it; "قتل الاثنين،" stays no date."""
    day = date(2020, 11, 2)
    text = "وقتل 22 شخصاً على الأقل، الاثنين، في هجوم شنه مسلحون على جامعة كابول."
    assert [d.value for d in find_dates(text, "ar", day)] == ["2020-11-02"]
    assert find_dates("قتل الاثنين، في هجوم", "ar", day) == []


def test_a_country_aimed_at_is_no_scene_and_asserting_is_speaking(extractor: Extractor) -> None:
    """"L'organisation a affirmé ce mardi 17 octobre que l'attaque visait la Suède": Sweden is
    what the attack aimed at and Tuesday the day of the statement, so Monday's shooting in
    Brussels stays one event, dated Monday."""
    text = ("L'État islamique a revendiqué l'attentat qui a fait deux morts à Bruxelles. "
            "L'organisation terroriste a affirmé ce mardi 17 octobre 2023 dans la soirée que "
            "l'attaque visait la Suède. « Un combattant de l'État islamique a mené lundi une "
            "attaque contre » des ressortissants suédois, a indiqué l'EI.")
    event = one_event(extractor, text, "fr", date(2023, 10, 17))
    assert event.place == ["Brussels"]
    assert event.date is not None and event.date.value == "2023-10-16"


def test_a_russian_town_before_its_regions_adjective(extractor: Extractor) -> None:
    """"в городе Суровикино Волгоградской области": the town is Суровикино, not "Суровикино
    Волгоградской"."""
    names = place_names(extractor, "Террористы захватили колонию в городе Суровикино "
                        "Волгоградской области.", "ru")
    assert names[0] == "Surovikino"


def test_kyrgyz_cases_after_the_possessive(extractor: Extractor) -> None:
    """"Дагестандын Дербентинде согушкерлер ... кол салышкан" (in Dagestan's Derbent the
    militants attacked): the locative after the possessive ending, and "кол салышкан"."""
    text = ("Дагестандын Дербентинде согушкерлер чиркөө менен синагогага кол салышкан, 9 адам "
            "каза болду.")
    assert one_event(extractor, text, "ky").place[0] == "Derbent"


def test_names_the_pages_used(extractor: Extractor) -> None:
    """"DEAŞ’lı terörist" (a Daesh terrorist: the Turkish "-li" after an apostrophe), SITE
    Intelligence in Arabic ("سايت انتلجينس"), Russia's "Аргументы недели"."""
    def names(text: str, lang: str) -> list[str]:
        return [e.name for e in extractor.extract(text, lang).entities]

    assert names("saldırıyı DEAŞ’lı teröristler gerçekleştirdi", "tr") == ["Islamic State"]
    assert names("بحسب موقع «سايت انتلجينس» المتخصص", "ar") == ["SITE Intelligence Group"]
    assert names("как пишут «Аргументы недели»", "ru") == ["Argumenty Nedeli"]


def test_a_headlines_last_word_is_not_the_next_lines_ministrys_country(
    extractor: Extractor,
) -> None:
    """A headline ending "... аз Афғонистон" and a body opening "Вазорати корҳои хориҷии
    Тоҷикистон" name Tajikistan's foreign ministry, not Afghanistan's; a wrapped line ("the
    Ministry of Interior of\\nPakistan") still names its country."""
    def orgs(text: str, lang: str) -> list[str]:
        return [e.name for e in extractor.extract(text, lang).entities
                if e.type == "organization"]  # fmt: skip

    assert orgs("Кушта шудани се чиноӣ зимни ҳамлае аз Афғонистон\n\nВазорати корҳои хориҷии "
                "Тоҷикистон аз ҳамла хабар дод", "tg") == [
        "Ministry of Foreign Affairs of Tajikistan"]  # fmt: skip
    assert orgs("the Ministry of Interior of\nPakistan said", "en") == [
        "Ministry of Interior of Pakistan"]  # fmt: skip


def test_a_date_inside_what_was_said_dates_the_attack(extractor: Extractor) -> None:
    """"جیش العدل ... گفت نیروهایش ساعت دو بامداد جمعه ۲۴ آذر به این مقر حمله کرده‌اند" (said
    its forces attacked this headquarters at 2 a.m. on Friday 24 Azar): the date is the
    attack's, not the statement's; "officials said on Friday" stays the statement's."""
    text = ("در حمله به مقر فرماندهی انتظامی راسک دستکم ۱۱ نیروی پلیس کشته شدند. گروه جیش العدل "
            "در بیانیه‌ای مسئولیت این حمله را پذیرفته و گفت نیروهایش ساعت دو بامداد جمعه ۲۴ آذر "
            "به این مقر حمله کرده‌اند.")
    event = one_event(extractor, text, "fa", date(2023, 12, 16))
    assert event.date is not None and event.date.value == "2023-12-15"
    text = "Officials said on Friday that militants attacked a police station in Rask, killing 11."
    said = one_event(extractor, text, "en", date(2023, 12, 16)).date
    # only the day the officials spoke, marked as such
    assert said is not None and said.resolution == "reported"


def test_a_town_the_gazetteer_named_keeps_its_entry(extractor: Extractor) -> None:
    """"شهرستان راسک" is the gazetteer's Rask, so a bare "راسک" later is Rask too, not
    GeoNames' "Rasak" (one town: one event, not two)."""
    text = ("در حمله به مقر فرماندهی انتظامی شهرستان راسک دستکم ۱۱ نیروی پلیس کشته شدند. "
            "مهاجمان ساعت‌ها در راسک با نیروهای پلیس درگیر بودند و در راسک حمله کردند.")
    result = extractor.extract(text, "fa")
    assert {e.name for e in result.entities if e.type == "place" and e.text == "راسک"} == {"Rask"}
    assert [e.place[0] for e in result.events] == ["Rask"]


def test_arabic_parallel_counts_add_up_and_meeting_death(extractor: Extractor) -> None:
    """"مقتل اثنين من موظفي السفارة الروسية وأربعة من المدنيين الأفغان" (the killing of two
    embassy staff and four Afghan civilians) is six; "لقي 29 شخصا على الأقل حتفهم" (29 people
    met their death) is 29 killed. "5 soldiers and 3 of the attackers" stays 5."""
    def killed(text: str, lang: str) -> list[int]:
        return [f.value for f in one_event(extractor, text, lang).killed]

    assert killed("وكانت السلطات في كابول أكدت مقتل اثنين من موظفي السفارة الروسية وأربعة من "
                  "المدنيين الأفغان، في التفجير الانتحاري.", "ar") == [6]
    assert killed("الهجوم على سجن جلال آباد بدأ مساء يوم الاحد، فيما لقي 29 شخصا على الأقل حتفهم.",
                  "ar") == [29]
    assert killed("The attack on the base in Kabul killed 5 soldiers and 3 of the attackers.",
                  "en") == [5]


def test_a_capital_that_condemns_is_no_scene(extractor: Extractor) -> None:
    """"Бишкек Мазари-Шариф шаарындагы мечитте ... жардырууну айыптап" (Bishkek condemned the
    bombing at a mosque in Mazar-i-Sharif): the attack was in Mazar-i-Sharif; "Kabul was hit
    by a bombing ...; the UN condemned it" stays in Kabul."""
    text = ("Бишкек Мазари-Шариф шаарындагы мечитте ишке ашырылган жардырууну айыптап, Орозо "
            "айындагы бул террордук чабуулду мусулмандарды бөлүп-жаруу аракети деп мүнөздөгөн.")
    assert one_event(extractor, text, "ky").place[0] == "Mazar-i-Sharif"
    text = "Kabul was hit by a bombing that killed 10; the UN condemned it."
    assert one_event(extractor, text, "en").place[0] == "Kabul"


def test_a_wire_datelines_credit_is_an_outlet(extractor: Extractor) -> None:
    """"ДУШАНБЕ, 27 ноя — Sputnik." and "MOSCOW, March 23 – RIA Novosti.": the agency after
    the dateline's dash, even where its bare name is a common word the gazetteer leaves out;
    "KABUL, Afghanistan - Militants attacked a base." credits nobody."""
    def outlets(text: str, lang: str) -> list[str]:
        return [e.name for e in extractor.extract(text, lang).entities
                if e.type == "media_outlet"]  # fmt: skip

    assert outlets("ДУШАНБЕ, 27 ноя — Sputnik. Дар баёнияи вазорат гуфта шудааст.", "tg") == [
        "Sputnik"]  # fmt: skip
    assert outlets("MOSCOW, March 23 – RIA Novosti. Gunmen attacked a hall.", "en") == [
        "RIA Novosti"]  # fmt: skip
    assert outlets("KABUL, Afghanistan - Militants attacked a base.", "en") == []
