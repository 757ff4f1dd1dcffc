"""Wordings of the fortieth real-page check (tests/extract/real_check/round40: Russia, the
North Caucasus and Central Asia, in Russian, English, Uzbek, Tajik, Kyrgyz and Turkish),
scored blind, written as short statements of the kind the pages report."""

from __future__ import annotations

from datetime import date

import pytest
from tests.extract.conftest import one_event

from propwatch.extract.extractor import Extractor
from propwatch.extract.patterns_ru import natasha_available, ner_candidates


def test_tajik_truck_driver_running_over_cyclists(extractor: Extractor) -> None:
    text = ("Рӯзи сешанбе 31 октябр, ронандаи боркаш дар Ню-Йорк чанде аз дучархасароёнро пахш "
            "карду ба автобуси мактабӣ бархӯрд. Дар натиҷа ҳашт кас кушта шуду ёздаҳ каси дигар "
            "захмӣ шуд.")
    event = one_event(extractor, text, "tg", date(2017, 11, 1))
    assert event.type == "vehicle_ramming"
    assert [f.value for f in event.killed] == [8]
    assert event.date is not None and event.date.value == "2017-10-31"


def test_kyrgyz_trampling_truck_and_the_wounded_before_their_count(extractor: Extractor) -> None:
    text = ("7-апрелде Стокгольмдо кылмышкер жүк ташуучу унаа менен элди тебелетип, анан соода "
            "борбордун имаратын сүздүргөн. Кол салуудан төрт адам өлгөн. Жараат алган 15 кишинин "
            "ону ооруканада.")
    event = one_event(extractor, text, "ky", date(2017, 4, 10))
    assert event.type == "vehicle_ramming"
    assert 15 in [f.value for f in event.injured]


def test_uzbek_shot_at_and_died(extractor: Extractor) -> None:
    text = ("Bugun Dog‘istonning Kizlyar shahrida noma’lum shaxs odamlarni o‘qqa tutdi. "
            "Dastlabki ma’lumotlarga ko‘ra, hujum oqibatida 4 kishi vafot etdi, 5 kishi "
            "yaralandi.")
    event = one_event(extractor, text, "uz", date(2018, 2, 18))
    assert event.type == "shooting"
    assert event.place[0] == "Kizlyar"
    assert [f.value for f in event.killed] == [4]


def test_russian_ner_leaves_out_buildings_stations_and_run_on_spans() -> None:
    if not natasha_available():
        pytest.skip("natasha is not installed")
    text = ("Взрыв произошел на перегоне между «Сенной площадью» и «Технологическим институтом». "
            "Боевики заняли позиции в Доме печати в Грозном. Об этом сообщает ИА «Интерфакс».")
    names = {c.name for c in ner_candidates(text) if c.type in ("organization", "media_outlet")}
    assert not names & {"Технологический институт", "Дом печать", "Дом печати", "ИА"}


def test_although_police_is_no_body(extractor: Extractor) -> None:
    text = "Although police said the blast was an act of terror, no group has claimed it."
    orgs = [e.name for e in extractor.extract(text, "en").entities if e.type == "organization"]
    assert "Although police" not in orgs


def test_a_list_s_commas_do_not_cut_the_attack_from_its_date(extractor: Extractor) -> None:
    text = ("Armed militants conducted coordinated attacks on Orthodox churches, synagogues, and a "
            "police station in Derbent and Makhachkala on Sunday, June 23, resulting in the deaths "
            "of at least seven police officers.")
    event = one_event(extractor, text, "en", date(2024, 6, 24))
    assert event.date is not None and event.date.value == "2024-06-23"


def test_a_bombing_years_before_the_report_is_not_the_shooting_it_reports(
    extractor: Extractor,
) -> None:
    text = ("In near simultaneous attacks, gunmen opened fire at a national guard base in "
            "Kazakhstan's industrial city of Aktobe, killing six people, the interior ministry "
            "said. Aktobe was the "
            "site of Kazakhstan's first suicide bombing in 2011 when a local man detonated an "
            "explosive device inside the building of the state security service.")
    events = extractor.extract(text, "en", doc_date=date(2016, 6, 6)).events
    assert [(e.type, e.date.value if e.date else None) for e in events] == [
        ("shooting", None), ("suicide_bombing", "2011")]  # fmt: skip
    assert [f.value for f in events[0].killed] == [6]
