"""Wordings of the eighteenth real-page check (tests/extract/real_check/round18), scored blind
on round 17's fixes, written as short statements of the kind the pages report."""

from __future__ import annotations

from datetime import date

from tests.extract.conftest import one_event

from propwatch.extract.extractor import Extractor


def test_the_ministry_of_information_is_no_report_verb(extractor: Extractor) -> None:
    # "dell'informazione" once read as "informó": the day after it was taken for a report's
    text = ("L'affiliato afghano dell'Isis ha rivendicato l'attacco kamikaze compiuto ieri a "
            "Kabul presso la sede del ministero dell'informazione costato la vita a 7 persone.")
    event = one_event(extractor, text, "it", date(2019, 4, 21))
    assert event.date is not None and event.date.value == "2019-04-20"
    assert [f.value for f in event.killed] == [7]


def test_a_knife_attack_in_french_and_one_killed(extractor: Extractor) -> None:
    text = ("Une fonctionnaire de police a été tuée vendredi dans une attaque au couteau à "
            "Rambouillet, a annoncé Matignon.")
    event = one_event(extractor, text, "fr", date(2021, 4, 23))
    assert event.type == "stabbing"
    assert event.place[0] == "Rambouillet"
    assert [f.value for f in event.killed] == [1]


def test_a_frequent_word_after_a_preposition_is_a_town_where_nouns_are_lower_case(
    extractor: Extractor
) -> None:
    fr = "Un attentat a fait trois morts à Rambouillet."
    assert one_event(extractor, fr, "fr").place[0] == "Rambouillet"


def test_dresden(extractor: Extractor) -> None:
    text = "Nach der tödlichen Messerattacke in Dresden ermittelt die Bundesanwaltschaft."
    assert one_event(extractor, text, "de").place[0] == "Dresden"


def test_a_spanish_chain_of_attacks_is_a_series(extractor: Extractor) -> None:
    text = ("El Estado Islámico se ha atribuido este lunes la cadena de atentados en Siria. Un "
            "coche bomba estalló contra un puesto de control en Tartús y mató a 30 personas. Otro "
            "coche bomba explotó en Homs y mató a 4 personas.")
    events = extractor.extract(text, "es", doc_date=date(2016, 9, 5)).events
    assert {e.place[0] for e in events if e.claimed_by == ["Islamic State"]} >= {"Tartus"}


def test_kech_in_english_only_and_al_shabaab_in_turkish(extractor: Extractor) -> None:
    en = "BLA fighters targeted an army bomb disposal squad in Kech, killing two soldiers."
    assert one_event(extractor, en, "en").place[0] == "Kech District"
    uz = "Kech soat 10 da Toshkentda portlash sodir bo'ldi, 5 kishi halok bo'ldi."
    assert "Kech District" not in {e.name for e in extractor.extract(uz, "uz").entities}
    tr = ("Mogadişu'da 70'den fazla kişinin ölümüyle sonuçlanan saldırıyı Eşşebab örgütü "
          "üstlendi.")
    assert one_event(extractor, tr, "tr").claimed_by == ["al-Shabaab"]


def test_the_group_a_claimant_is_loyal_to_in_quotes_is_not_the_claimant(
    extractor: Extractor
) -> None:
    text = ('أعلن تنظيم "ولاية سيناء" الموالي لتنظيم "داعش" الإرهابي، مسؤوليته عن الهجوم الذي '
            "أسفر عن مقتل 14 عسكرياً في مدينة العريش.")
    assert one_event(extractor, text, "ar").claimed_by == ["Islamic State Sinai Province"]
