"""Wordings of the thirty-seventh real-page check (tests/extract/real_check/round37), scored
blind after rounds 35 and 36's fixes, written as short statements of the kind the pages
report."""

from __future__ import annotations

from datetime import date

from tests.extract.conftest import one_event

from propwatch.extract.extractor import Extractor


def test_an_iranian_clash_with_armed_bandits_at_the_border(extractor: Extractor) -> None:
    """"در درگیری مرزبانان ... با اشرار، ۹ نفر ... به شهادت رسیدند" (in a clash of border guards
    with armed bandits, 9 were killed) is an attack; "نوار مرزی میرجاوه" places it, and "نقطه
    صفر مرزی پاکستان" (the zero point of Pakistan's border) is a landmark, not the scene. A
    clash of parties is none."""
    text = ("در درگیری مرزبانان سیستان و بلوچستان با اشرار، ۹ نفر از مأموران نیروی انتظامی به "
            "شهادت رسیدند. درگیری در نوار مرزی میرجاوه روی داد. تروریست ها در نقطه صفر مرزی "
            "پاکستان به کمین نشسته بودند.")
    event = one_event(extractor, text, "fa")
    assert event.place[0] == "Mirjaveh"
    assert [f.value for f in event.killed] == [9]
    assert extractor.extract("درگیری سیاسی میان دو حزب در تهران بالا گرفت.", "fa").events == []


def test_uzbek_vehicle_ramming(extractor: Extractor) -> None:
    """"7 aprel kunduzi yuk mashinasi haydovchisi ... odamlarni bosib ketgan. Hujum oqibatida 4
    kishi halok bo‘ldi" (on 7 April a lorry driver ran people over; 4 died): a ramming, dated
    by its own sentence; the Cyrillic "одамларни машинасига бостириб" too."""
    text = ("7 aprel kunduzi yuk mashinasi haydovchisi Stokgolmdagi Drottninggatan ko‘chasida "
            "odamlarni bosib ketgan. Hujum oqibatida 4 kishi halok bo‘ldi.")
    event = one_event(extractor, text, "uz", date(2017, 4, 11))
    assert event.type == "vehicle_ramming"
    assert event.date is not None and event.date.value == "2017-04-07"
    text = ("Швециянинг Стокгольм шаҳрида 14 август куни одамларни машинасига бостириб террор "
            "акти уюштиришга уринган шахс қўлга олинди.")
    assert one_event(extractor, text, "uz", date(2019, 8, 15)).type == "vehicle_ramming"


def test_a_turkish_bearing_after_a_landmark(extractor: Extractor) -> None:
    """"başkent Mogadişu’nun kuzeybatısında bulunan Afgoye kentinde" (in Afgoye, northwest of
    the capital Mogadishu): the scene is Afgoye; "Mogadişu'da" alone stays Mogadishu."""
    text = ("Bombalı saldırı başkent Mogadişu’nun kuzeybatısında bulunan Afgoye kentinde "
            "gerçekleşti, 3 kişi öldü.")
    assert one_event(extractor, text, "tr").place[0] == "Afgoye"
    text = "Mogadişu'da bombalı saldırı: 3 kişi öldü."
    assert one_event(extractor, text, "tr").place[0] == "Mogadishu"


def test_beheadings_and_armed_men_in_romance_languages(extractor: Extractor) -> None:
    """"outras três pessoas foram decapitadas" (three more people were beheaded) is a toll;
    "Grupos armados ... ataques" and "Hombres armados atacaron" are attacks (armed men are
    context for a plain attack word); "las fuerzas armadas celebraron un desfile" is none."""
    text = ("Grupos armados mataram nove pessoas numa nova sequência de ataques a seis aldeias de "
            "Muidumbe. Em Mapate outras três pessoas foram decapitadas.")
    assert extractor.extract(text, "pt").events[0].place[0] == "Muidumbe"
    assert one_event(extractor, "Hombres armados atacaron el pueblo de Tillabéri.",
                     "es").place[0] == "Tillabéri Region"
    assert extractor.extract("Las fuerzas armadas celebraron un desfile en Madrid.",
                             "es").events == []
