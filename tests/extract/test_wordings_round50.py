"""Wordings of the fiftieth real-page check (tests/extract/real_check/round50: dated pages in
Dari, Pashto, Persian, Tajik, Uzbek, Kyrgyz and Russian), scored blind, then fixed."""

from __future__ import annotations

from datetime import date

from tests.extract.conftest import one_event

from propwatch.extract.dates import find_dates
from propwatch.extract.extractor import Extractor


def test_pashto_this_morning_and_last_evening() -> None:
    day = date(2016, 4, 19)
    assert [d.value for d in find_dates("دغه پېښه نن سهار شاوخوا ۹ بجې وشوه", "ps", day)] == [
        "2016-04-19"]  # fmt: skip
    assert [d.value for d in find_dates("ولسوال تېر ماښام ووژل شو", "ps", day)] == ["2016-04-18"]
    assert find_dates("د ننګرهار ولایت", "ps", day) == []  # "ننګرهار" is no "نن"


def test_persian_sprayed_with_gunfire_is_a_shooting(extractor: Extractor) -> None:
    text = ("صبح امروز در جریان برگزاری رژه نیروهای مسلح در اهواز، چند فرد مسلح مراسم رژه را به "
            "رگبار بستند.")
    event = one_event(extractor, text, "fa", date(2018, 9, 22))
    assert event.type == "shooting"
    assert event.date is not None and event.date.value == "2018-09-22"
    assert event.place[0] == "Ahvaz"
