"""Wordings of the twenty-seventh real-page check (tests/extract/real_check/round27), scored
blind on round 26's fixes, written as short statements of the kind the pages report."""

from __future__ import annotations

from datetime import date

from tests.extract.conftest import one_event

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
    places = [e.name for e in extractor.extract(
        "Patlama kentin büyük bölümünde duyuldu.", "tr").entities if e.type == "place"]
    assert places == []
    places = [e.name for e in extractor.extract(
        "Saldırı Bursa kentinde meydana geldi.", "tr").entities if e.type == "place"]
    assert places == ["Bursa"]


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
