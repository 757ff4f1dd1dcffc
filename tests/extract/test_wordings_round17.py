"""Wordings of the seventeenth real-page check (tests/extract/real_check/round17), scored blind
on round 16's fixes, written as short statements of the kind the pages report."""

from __future__ import annotations

from datetime import date

import pytest

from propwatch.extract.dates import find_dates
from propwatch.extract.events import _sentences
from propwatch.extract.extractor import Extractor
from propwatch.extract.model import Event


def _events(extractor: Extractor, text: str, lang: str, day: date | None = None) -> list[Event]:
    return extractor.extract(text, lang, doc_date=day).events


def test_german_tolls_in_den_tod_and_the_number_of_wounded(extractor: Extractor) -> None:
    text = ("Ein Sportclub in Kabul ist Ziel eines Doppelanschlags geworden. Zwei Bomben rissen "
            "mindestens 26 Menschen in den Tod. Die Zahl der Verletzten habe 91 erreicht.")
    (event,) = _events(extractor, text, "de")
    assert [f.value for f in event.killed] == [26]
    assert [f.value for f in event.injured] == [91]


def test_today_in_italian_french_and_german_but_not_to_this_day() -> None:
    day = date(2019, 1, 16)
    assert [d.value for d in find_dates("soldati uccisi oggi nel nord", "it", day)] == [
        "2019-01-16"]
    assert [d.value for d in find_dates("aujourd'hui à Paris", "fr", day)] == ["2019-01-16"]
    assert find_dates("ancora oggi non si sa chi fosse", "it", day) == []
    assert find_dates("Das Motiv ist bis heute unklar.", "de", day) == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # allegiance, not a claim of the group
        ("Un policier a été tué à Magnanville : un homme se réclamant du groupe État islamique "
         "a frappé lundi soir.", "fr"),
        ("Il se revendique de l'État islamique, a tué un policier à Magnanville.", "fr"),
        ("Nach der Messerattacke in Zürich bekennt sich der Täter in einem Video zur "
         "Terrororganisation IS.", "de"),
    ],
)
def test_a_pledge_of_allegiance_is_no_claim(extractor: Extractor, text: str, lang: str) -> None:
    assert [c for e in _events(extractor, text, lang) for c in e.claimed_by] == []


def test_a_town_near_a_city_is_not_the_city(extractor: Extractor) -> None:
    text = "Un homme a frappé lundi soir dans une commune près de Paris, tuant deux policiers."
    places = [p for e in _events(extractor, text, "fr", date(2016, 6, 14)) for p in e.place]
    assert "Paris" not in places


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("Ein Jugendlicher hat am Samstag in Zürich auf einen orthodoxen Juden eingestochen.",
         "de", "2024-03-02"),
        ("В субботу вечером он напал с ножом на прохожих в Париже.", "ru", "2024-03-02"),
    ],
)
def test_knife_attacks_named_by_their_verb(
    extractor: Extractor, text: str, lang: str, value: str
) -> None:
    (event,) = _events(extractor, text, lang, date(2024, 3, 4))
    assert event.type == "stabbing"
    assert event.date is not None and event.date.value == value


def test_a_call_for_attacks_is_no_attack(extractor: Extractor) -> None:
    text = "Французский террорист призывает сторонников к терактам в Германии"
    assert _events(extractor, text, "ru") == []


def test_an_arabic_full_stop_glued_to_the_next_sentence_ends_it() -> None:
    text = "خلف الهجوم 15 قتيلا في شمال مصر.وفي بيان أعلنت الجماعة مسؤوليتها."
    assert len(_sentences(text)) == 2


def test_north_of_the_capital_and_a_groups_stronghold_are_no_scene(
    extractor: Extractor
) -> None:
    text = ("أعلن تنظيم داعش مسؤوليته عن مقتل 12 عنصرا خلال كمين بمحافظة صلاح الدين شمالي "
            "العاصمة بغداد.")
    (event,) = _events(extractor, text, "ar")
    assert "Baghdad" not in event.place and event.place[0] == "Salahuddin Governorate"
    text = ("تبنت جماعة انصار بيت المقدس التي تتخذ من سيناء معقلا الاعتداء على مقر الشرطة الذي "
            "خلف 15 قتيلا في شمال مصر.")
    places = [p for e in _events(extractor, text, "ar") for p in e.place]
    assert "Sinai Peninsula" not in places


def test_the_saturday_before_last() -> None:
    day = date(2016, 12, 18)
    found = find_dates("بعد تفجير مماثل يوم السبت قبل الماضي", "ar", day)
    assert [d.value for d in found] == ["2016-12-10"]
    assert [d.value for d in find_dates("on Saturday before last", "en", day)] == [
        "2016-12-10"]


def test_today_in_a_quote_is_not_the_reports_day(extractor: Extractor) -> None:
    text = ("Gunmen attacked a university in Charsadda on Wednesday, killing 21 people. "
            "“Our four attackers carried out the attack on the university today,” said Mansoor.")
    (event,) = _events(extractor, text, "en", date(2016, 1, 21))
    assert event.date is not None and event.date.value == "2016-01-20"


def test_state_forces_claim_nothing_and_the_group_claims_again(extractor: Extractor) -> None:
    text = ("The Islamic State claimed an explosive attack on Sunday on an army patrol in "
            "Mocímboa da Praia. Another such attack claimed by the terrorist group took place "
            "on a road in Macomia. This is the second attack claimed by terrorists since the "
            "Mozambican Defense and Security Forces (FDS) intensified operations.")
    claims = {c for e in _events(extractor, text, "en") for c in e.claimed_by}
    assert claims == {"Islamic State"}


def test_a_count_inside_a_persian_aside_is_no_toll(extractor: Extractor) -> None:
    text = ("روز گذشته 7 عامل انتحاری با حمله به مدرسه ارتش در شهر پیشاور 141 نفر از جمله 132 "
            "دانش‌آموز را به قتل رساندند.")
    (event,) = _events(extractor, text, "fa", date(2014, 12, 17))
    assert [f.value for f in event.killed] == [141]


def test_a_town_of_a_country_the_text_never_names_is_not_taken(extractor: Extractor) -> None:
    text = ("Monday morning’s attack in Boma, Lac province, killed 92 soldiers and is part of a "
            "growing jihadist campaign in Chad.")
    (event,) = _events(extractor, text, "en")
    # Boma, the Chadian town the text places in Lac province, not the DR Congo's port
    assert event.place[:2] == ["Boma", "Lac Province (Chad)"]
    assert event.country == "Chad"


def test_jableh(extractor: Extractor) -> None:
    text = "قتل أكثر من 40 شخصا في انفجارات استهدفت مدينة جبلة بريف اللاذقية."
    (event,) = _events(extractor, text, "ar")
    assert event.place[0] == "Jableh"


def test_pashto_day_after_its_month_and_the_ordinal_is_no_may() -> None:
    found = find_dates("برید د فبرورۍ پر ۱۶مه د تاڼې پر دروازه شوی دی", "ps", date(2026, 2, 16))
    assert [d.value for d in found] == ["2026-02-16"]


def test_an_uzbek_toll_of_its_victims(extractor: Extractor) -> None:
    text = ("Покистоннинг Белужистон вилоятида содир этилган теракт қурбонлари сони 25 нафарни "
            "ташкил қилмоқда.")
    (event,) = _events(extractor, text, "uz")
    assert [f.value for f in event.killed] == [25]


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("Дар интихобот Таҳрики Инсоф пирӯз шуд.", "tg", "Pakistan Tehreek-e-Insaf"),
        ("Ответственность взяло Движение талибов Пакистана.", "ru", "Tehrik-i-Taliban Pakistan"),
        ("Кабулда Талибдер коопсуздукту күчөттү.", "ky", "Taliban"),
        ("Saldırıda Haşdi Şabi güçlerinden bir kişi öldü.", "tr", "Popular Mobilization Forces"),
        ("Le Groupe de soutien de l'islam et des musulmans a revendiqué l'attaque.", "fr",
         "Jama'at Nusrat al-Islam wal-Muslimin"),
        ("The Malaysiakini news website quoted the police chief.", "en", "Malaysiakini"),
    ],
)
def test_names_of_round_17(extractor: Extractor, text: str, lang: str, name: str) -> None:
    assert name in {e.name for e in extractor.extract(text, lang).entities}
