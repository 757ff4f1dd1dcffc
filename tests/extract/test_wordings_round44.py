"""Wordings of the forty-fourth real-page check (tests/extract/real_check/round44: mixed
regions and languages), scored blind, written as short statements of the kind the pages
report."""

from __future__ import annotations

from datetime import date

from tests.extract.conftest import one_event

from propwatch.extract.extractor import Extractor


def test_efe_s_day_first_dateline_is_where_the_report_was_filed(extractor: Extractor) -> None:
    text = ("Niamey, 16 may (EFE).- El grupo terrorista Estado Islámico reivindicó hoy la "
            "emboscada tendida ayer a una patrulla del Ejército nigerino en la localidad de "
            "Tongo-Tongo, que se saldó con la muerte de 28 soldados.")
    event = one_event(extractor, text, "es", date(2019, 5, 16))
    assert event.place[0] == "Tongo Tongo"
    assert event.date is not None and event.date.value == "2019-05-15"


def test_kyrgyz_mined_car_dates_the_bombing(extractor: Extractor) -> None:
    text = ("Афганистандын Вардак провинциясында болгон терактыдан жети киши каза болду. "
            "Миналанган автоунаа ишемби күнү Вардак провинциясында болгон.")
    event = one_event(extractor, text, "ky", date(2018, 10, 27))
    assert event.date is not None and event.date.value == "2018-10-27"


def test_uzbek_terrorist_act_took_place_in_jalalabad(extractor: Extractor) -> None:
    text = ("Афғонистонда худкуш террорчи ҳужуми натижасида 6 киши ҳалок бўлди. Террорчилик "
            "ҳаракати 3 декабрь, якшанба куни Афғонистон шарқидаги Жалолобод шаҳрида юз берди.")
    event = one_event(extractor, text, "uz", date(2017, 12, 4))
    assert event.date is not None and event.date.value == "2017-12-03"


def test_helmand_and_kandahar_districts_in_pashto_and_dari(extractor: Extractor) -> None:
    text = ("د هلمند ولایت د موسی کلا ولسوالۍ کې تېره شپه طالبانو پر پوليسو برید وکړ چې اوولس "
            "پوليس وژل شوي دي.")
    event = one_event(extractor, text, "ps", date(2015, 6, 13))
    assert event.place[:2] == ["Musa Qala", "Helmand province"]
    text = "در انفجار در ولسوالی دامان کندهار ۳۱ تن زخم برداشتند."
    assert one_event(extractor, text, "prs").place[0] == "Daman (Kandahar)"


def test_tajik_suicide_attack_and_kyrgyz_last_night(extractor: Extractor) -> None:
    """Round 47 (Central Asian languages): Tajik "суъиқасди интиҳорӣ" (a suicide attack) and
    Kyrgyz "Кече кечинде" (yesterday evening)."""
    text = ("Волии Толибон дар вилояти Балх дар як суъиқасди интиҳорӣ дар дафтари кораш кушта "
            "шуд.")
    assert one_event(extractor, text, "tg").type == "suicide_bombing"
    text = ("Кече кечинде Түркиянын Стамбул шаарындагы Ататүрк аэропортунда болгон жардырууда 36 "
            "адам өлүп, 147 адам жабыркаган.")
    event = one_event(extractor, text, "ky", date(2016, 6, 29))
    assert event.date is not None and event.date.value == "2016-06-28"
