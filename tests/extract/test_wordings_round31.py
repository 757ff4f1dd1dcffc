"""Wordings of the thirty-first real-page check (tests/extract/real_check/round31), scored blind
on the twelfth session's code, written as short statements of the kind the pages report."""

from __future__ import annotations

from datetime import date

from tests.extract.conftest import one_event, place_names

from propwatch.extract.extractor import Extractor


def test_a_tajik_cause_after_its_preposition_between_count_and_verb(
    extractor: Extractor,
) -> None:
    """"ду судяи зан дар натиҷаи тирандозӣ кушта ва ду тани дигар захмӣ шуданд": Tajik puts
    the cause after "дар натиҷаи" (as a result of), between the count and "кушта"."""
    text = ("Дар Кобул рӯзи якшанбе ду судяи зан дар натиҷаи тирандозӣ кушта ва ду тани дигар "
            "захмӣ шуданд.")
    event = one_event(extractor, text, "tg", date(2021, 1, 18))
    assert event.type == "shooting"
    assert [f.value for f in event.killed] == [2]
    assert [f.value for f in event.injured] == [2]
    assert event.date is not None and event.date.value == "2021-01-17"


def test_a_kyrgyz_toll_of_people_who_closed_their_eyes(extractor: Extractor) -> None:
    """"терродук кол салууда 270 адам көз жумду": "көз жумду" (closed their eyes) is died,
    and "терродук" is the spelling of "террордук" (terrorist) the page used."""
    text = "Египеттин түндүгүндөгү Синай жарым аралындагы терродук кол салууда 270 адам көз жумду."
    event = one_event(extractor, text, "ky")
    assert [f.value for f in event.killed] == [270]


def test_kyrgyz_karaganda_is_according_to(extractor: Extractor) -> None:
    """Kyrgyz "билдиргенине караганда" is "according to what they said", not the Kazakh city
    (Kyrgyz writes it "Караганды"); in Russian "в Караганде" stays the city."""
    text = "Күбөлөрдүн билдиргенине караганда ооруканаларга жүздөгөн жарадарлар жеткирилген."
    assert "Karaganda" not in place_names(extractor, text, "ky")
    assert "Karaganda" in place_names(extractor, "Взрыв произошел в Караганде.", "ru")


def test_a_german_raid_on_villages(extractor: Extractor) -> None:
    """"Überfall" (a raid) and "massakriert" are attack words: "Allein in Warwara seien 20
    Menschen getötet worden ... Die Überlebenden des Überfalls"."""
    text = ("Boko-Haram-Kämpfer haben das Dorf Warwara überfallen. Allein in Warwara seien 20 "
            "Menschen getötet worden, die meisten mit Macheten massakriert.")
    event = one_event(extractor, text, "de")
    assert [f.value for f in event.killed] == [20]


def test_an_italian_and_a_spanish_massacre(extractor: Extractor) -> None:
    for text, lang in (
        ("Una strage a Mogadiscio: 12 morti in un mercato.", "it"),
        ("Una masacre en Mogadiscio dejó 12 muertos en un mercado.", "es"),
    ):
        event = one_event(extractor, text, lang)
        assert [f.value for f in event.killed] == [12], text


def test_victims_listed_with_including_keep_the_attack_date(extractor: Extractor) -> None:
    """"killed at least 20 people including women in Borno yesterday": "including" lists the
    victims, so the date after it is the attack's (an event after "including" is not)."""
    text = ("Boko Haram militants attacked and killed at least 20 people including women in "
            "Borno yesterday.")
    event = one_event(extractor, text, "en", date(2015, 6, 23))
    assert event.date is not None and event.date.value == "2015-06-22"


def test_russian_wounded_taken_to_hospital(extractor: Extractor) -> None:
    """"Еще двое полицейских доставлены в больницу с ранениями" (taken to hospital with
    wounds): two injured."""
    text = ("В Карабудахкенте в результате самоподрыва смертницы на полицейском посту погибли "
            "пять человек. Еще двое полицейских доставлены в больницу с ранениями.")
    event = one_event(extractor, text, "ru")
    assert [f.value for f in event.killed] == [5]
    assert [f.value for f in event.injured] == [2]


def test_a_dari_claim_by_ansar_al_furqan_written_solid(extractor: Extractor) -> None:
    """"گروهک تروریستی انصارالفرقان، مسئولیت حمله ... را به عهده گرفته است": the group's name
    is written without its space."""
    text = ("در حمله تروریستی شهر چابهار ۲ پولیس کشته شدند. گزارش شده که گروهک تروریستی "
            "انصارالفرقان، مسئولیت حمله تروریستی شهر چابهار را به عهده گرفته است.")
    event = one_event(extractor, text, "prs")
    assert event.claimed_by == ["Ansar al-Furqan"]


def test_a_kyrgyz_claim_with_the_responsibility_in_the_accusative(extractor: Extractor) -> None:
    """"жардыруунун жоопкерчилигин "Ислам мамлекети" ... моюндаганын": "жоопкерчилик" takes
    "г" before the accusative ending."""
    text = ('Багдаддын соода борборунун жанындагы болгон эки жардыруунун жоопкерчилигин "Ислам '
            'мамлекети" (ИМ) террордук тобу моюндаганын РИА Новости билдирди.')
    event = one_event(extractor, text, "ky")
    assert event.claimed_by == ["Islamic State"]


def test_outlets_and_police_forces_the_pages_named(extractor: Extractor) -> None:
    """Names the round's pages used that the gazetteer lacked: Scotland Yard, the Afghan
    national police in Pashto, Fars written "وكالة أنباء فارس", Tolo News in Tajik, PA."""
    cases = [
        ("Scotland Yard said the men were arrested in London.", "en",
         "Metropolitan Police Service"),
        ("The Press Association reported the arrests.", "en", "PA Media"),
        ("د ملي پولیس یو مامور ووژل شو.", "ps", "Afghan National Police"),
        ("ونقلت وكالة أنباء فارس عن مسؤول محلي أن الانفجار وقع صباحا.", "ar",
         "Fars News Agency"),
        ("Шабакаи телевизионии «Тулӯъ нюс» хабар дод.", "tg", "TOLOnews"),
    ]  # fmt: skip
    for text, lang, name in cases:
        names = {e.name for e in extractor.extract(text, lang).entities}
        assert name in names, (text, names)


def test_another_attack_with_its_own_day_and_place_is_an_attack(extractor: Extractor) -> None:
    """"Une autre attaque a été menée à Arbinda le 2 décembre" after an attack in Djibo: a
    second attack, though no casualty word is written; one feared is not."""
    text = ("Un attentat a tué trois soldats à Djibo le 21 décembre. Une autre attaque a été "
            "menée à Arbinda le 2 décembre.")
    events = extractor.extract(text, "fr", doc_date=date(2017, 12, 27)).events
    assert [(e.date.value if e.date else None, e.place[0]) for e in events] == [
        ("2017-12-21", "Djibo"), ("2017-12-02", "Arbinda"),
    ]
    text = "Officials fear another attack in Kabul on 2 December."
    assert extractor.extract(text, "en", doc_date=date(2017, 12, 27)).events == []


def test_a_vehicle_that_hit_a_mine(extractor: Extractor) -> None:
    """Mines and roadside devices are bombings: Turkish "mayına çarptı", French "détruit par
    une mine", English "hit a landmine"; French "une drôle de mine" (a face) is not."""
    cases = [
        ("Askerleri taşıyan araç, Bourzanga'da mayına çarptı ve 15 asker öldü.", "tr", 15),
        ("À Djibo, un véhicule de l'armée a été détruit par une mine, tuant deux soldats.",
         "fr", 2),
        ("Two soldiers were killed when their vehicle hit a landmine near Djibo.", "en", 2),
    ]  # fmt: skip
    for text, lang, killed in cases:
        event = one_event(extractor, text, lang)
        assert event.type == "bombing", text
        assert [f.value for f in event.killed] == [killed], text
    assert extractor.extract("Il a fait une drôle de mine.", "fr").events == []


def test_a_district_town_of_a_country_named_only_by_its_province(extractor: Extractor) -> None:
    """The text names "امریکا" (in "امریکا غږ", the Voice of America) and Badghis, never
    Afghanistan: Muqur ("د مقر ولسوالۍ") is still a town the text may name, as Badghis is in
    Afghanistan."""
    text = ("د بادغیس والي امریکا غږ ته وویل چې د طالبانو په برید کې چې د مقر ولسوالۍ په "
            "کمربندي سیمه کې شوی دی درې پولیس وژل شوي دي.")
    assert one_event(extractor, text, "ps").place == ["Muqer", "Badghis province"]
