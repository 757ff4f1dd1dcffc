"""Wordings of the twentieth real-page check (tests/extract/real_check/round20), scored blind
on round 19's fixes, written as short statements of the kind the pages report."""

from __future__ import annotations

from datetime import date

from tests.extract.conftest import one_event

from propwatch.extract.extractor import Extractor


def test_the_capital_named_after_its_country(extractor: Extractor) -> None:
    text = ("An Al-Qaeda affiliate has claimed responsibility for the terrorist attack on the "
            "French embassy in the capital of Burkina Faso, Ouagadougou, in which 16 people "
            "were killed.")
    assert one_event(extractor, text, "en").place[0] == "Ouagadougou"


def test_a_dateline_with_a_colon(extractor: Extractor) -> None:
    text = ("Jakarta: A suicide bomber launched an attack on the Medan City police headquarters in "
            "North Sumatra, Indonesia, killing himself and injuring at least six people.")
    assert one_event(extractor, text, "en").place[0] == "Medan"


def test_a_statements_date_and_a_claims_date_are_not_the_attacks(extractor: Extractor) -> None:
    text = ("Iran's Ministry of Intelligence has identified a Tajik national as the top suspect in "
            "twin blasts in the southern city of Kerman that killed at least 94 people. In a "
            "statement on Thursday, January 11, the ministry said the man, a bomb-maker, had left "
            "two days before the attack, IRNA reported. The blasts took place in the southeastern "
            "city of Kerman on Wednesday, January 3, along the road leading to the cemetery. On "
            "Thursday, January 4, Islamic State (ISIS) claimed "
            "responsibility for the blasts in Kerman.")
    event = one_event(extractor, text, "en", date(2024, 1, 11))
    assert event.date is not None and event.date.value == "2024-01-03"
    assert event.claimed_by == ["Islamic State"]


def test_arabic_with_the_killing_of(extractor: Extractor) -> None:
    text = ("أفادت الشرطة الباكستانية بمقتل 7 أشخاص على الأقل وإصابة 25 آخرين، اليوم الجمعة، بعد "
            "أن فجر انتحاري سترته الناسفة في حفل زفاف في شمال غرب باكستان.")
    event = one_event(extractor, text, "ar", date(2026, 1, 23))
    assert [f.value for f in event.killed] == [7] and [f.value for f in event.injured] == [25]


def test_an_uzbek_armed_assault_and_where_it_took_place(extractor: Extractor) -> None:
    text = ("Нигерия шимоли-шарқида Боко Ҳарам жангарилари томонидан содир этилган қуролли хуруж "
            "оқибатида 65 киши қурбон бўлди. Ҳодиса Борно штатида дафн маросими чоғида рўй берган.")
    event = one_event(extractor, text, "uz")
    assert event.place[0] == "Borno State" and [f.value for f in event.killed] == [65]


def test_a_tajik_incident_that_took_place_in_a_province(extractor: Extractor) -> None:
    text = ("Мақомоти расмии Покистон мегӯянд, дар як ҳамлае ба зойирони шиъамазҳаб 26 нафар кушта "
            "шуданд. Ин ҳодиса рӯзи сешанбе ва дар вилояти Балуҷистон рух додааст.")
    assert one_event(extractor, text, "tg").place[0] == "Balochistan (Pakistan)"


def test_where_german_victims_came_from_is_no_scene(extractor: Extractor) -> None:
    text = ("Die Terrormiliz Islamischer Staat hat sich zu dem tödlichen Angriff auf eine "
            "Touristengruppe im zentralasiatischen Tadschikistan bekannt. Bei dem Angriff auf die "
            "Touristengruppe wurden am Sonntag mindestens vier Radfahrer aus der Schweiz, den USA "
            "und den Niederlanden getötet.")
    places = [e.place for e in extractor.extract(text, "de").events]
    assert places == [["Tajikistan"]]


def test_a_turkish_city_met_through_its_cyrillic_twin(extractor: Extractor) -> None:
    text = "Umman'ın başkenti Maskat'ın bir semtindeki camiye saldırıda 6 kişi hayatını kaybetti."
    assert one_event(extractor, text, "tr").place[0] == "Muscat"


def test_a_countrys_police_in_arabic_turkish_persian_and_russian(extractor: Extractor) -> None:
    cases = [
        ("أفادت الشرطة الباكستانية بمقتل 7 أشخاص.", "ar", "Pakistani police"),
        ("Suriye ordusu personeli saldırıda öldü.", "tr", "Syrian army"),
        ("پلیس پاکستان اعلام کرد که شش نفر کشته شدند.", "fa", "Pakistani police"),
        ("Как сообщила полиция Пакистана, погибли шесть человек.", "ru", "Pakistani police"),
    ]
    for text, lang, name in cases:
        orgs = {e.name: e.attributes for e in extractor.extract(text, lang).entities
                if e.type == "organization"}  # fmt: skip
        assert orgs.get(name, {}).get("kind") == "state_body", (lang, orgs)


def test_no_group_claimed_it_in_pashto(extractor: Extractor) -> None:
    text = ("په ټانک سیمه کې د بم چاودنې شپږ پولیس ووژل. تر اوسه هېڅ ډلې د دې چاودنې مسوولیت نه "
            "دی منلی، خو اسلام اباد تل ادعا لري چې دا ډول بریدونه د تحریک طالبان پاکستان له لوري "
            "ترسره کیږي.")
    events = extractor.extract(text, "ps").events
    assert events[0].place[0] == "Tank District"
    assert all(e.claimed_by == [] for e in events)


def test_a_distance_from_a_capital_in_french(extractor: Extractor) -> None:
    text = ("Un attentat-suicide perpétré dimanche au Pakistan a fait au moins 16 morts. La police "
            "a rapporté que 16 personnes sont mortes lors de l'attaque menée à Shadi Khan, un "
            "village situé à environ 70 kilomètres au nord-ouest de la capitale nationale "
            "Islamabad.")
    events = extractor.extract(text, "fr").events
    assert events and not any("Islamabad" in e.place for e in events)


def test_kyrgyz_tolls_and_a_distance_from_a_city(extractor: Extractor) -> None:
    text = ("Синд дубанында шииттердин мечитине кол салуудан набыт болгондордун саны 56га жетти. "
            "Жардыруу Карачи шаарынан 470 чакырым түндүктөгү Шикарпур шаарынын жанында болду. "
            "16-декабрдагы Пешевардын түндүгүндөгү талиптердин чабуулунан 151 адам жан берген.")
    events = {e.place[0]: [f.value for f in e.killed] for e in extractor.extract(text, "ky").events}
    assert events.get("Peshawar") == [151]
    assert "Karachi" not in events and events.get("Shikarpur", events.get("Sindh")) == [56]


def test_german_explosive_devices_went_off(extractor: Extractor) -> None:
    text = ("Bei einem Angriff auf eine Moschee sind in Ägypten mindestens 155 Menschen getötet "
            "worden. Nach dem Freitagsgebet explodierten Sprengsätze in dem Gebetshaus im "
            "Küstenort Bir al-Abed im Nordsinai.")
    assert one_event(extractor, text, "de").place[:2] == ["Bir al-Abd", "North Sinai Governorate"]
