"""Towns the gazetteer does not know, from the GeoNames list, where the text says they are
places; and the common words that must not become towns."""

from __future__ import annotations

import pytest

from propwatch.extract.entities import EntityExtractor
from propwatch.extract.extractor import Extractor
from propwatch.knowledge.gazetteer_model import GazEntry, Gazetteer


@pytest.fixture(scope="module")
def bare() -> EntityExtractor:
    """No gazetteer at all: every town below can only come from the GeoNames list."""
    return EntityExtractor(Gazetteer(), use_ner=False)


def towns(extractor: EntityExtractor, text: str, lang: str) -> list[tuple[str, str, str]]:
    return [
        (e.name, e.text, str(e.attributes.get("country")))
        for e in extractor.extract(text, lang)
        if e.type == "place" and "geonames_id" in e.attributes
    ]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("A suicide bomber struck an election rally in Mastung on Friday.", "en",
         ("Mastung", "Mastung", "PK")),
        ("MASTUNG, Pakistan (AP) — A bomb went off at a rally.", "en",
         ("Mastung", "MASTUNG", "PK")),
        ("Взрыв произошёл в Шымкенте во время праздника.", "ru",
         ("Shymkent", "Шымкенте", "KZ")),
        ("Боевики обстреляли позиции под Буйнакском.", "ru", ("Buynaksk", "Буйнакском", "RU")),
        ("Akçakale'de bombalı saldırı düzenlendi.", "tr", ("Akçakale", "Akçakale", "TR")),
        ("Une embuscade près de Djibo a visé un convoi.", "fr", ("Djibo", "Djibo", "BF")),
        ("Insurgentes atacaram em Macomia durante a noite.", "pt", ("Macomia", "Macomia", "MZ")),
        ("انفجار در شهر زاهدان رخ داد.", "fa", ("Zahedan", "زاهدان", "IR")),
        ("وقع انفجار في مدينة جرابلس شمال سوريا.", "ar", ("Jarabulus", "جرابلس", "SY")),
        ("Кечээ Баткенде жардыруу болду.", "ky", ("Batken", "Баткен", "KG")),
    ],
)
def test_a_town_after_a_locative_word_is_a_place_with_its_country(
    bare: EntityExtractor, text: str, lang: str, expected: tuple[str, str, str]
) -> None:
    assert expected in towns(bare, text, lang)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("In Man we trust, said nobody.", "en"),  # Man, Côte d'Ivoire: a common English word
        ("He is in Police custody now.", "en"),
        ("Fasting in Ramadan is an obligation.", "en"),  # an alternate name of Turabah
        ("The talks in Kosovo went on.", "en"),  # the country, not Kosovo Polje
        ("Дар шаҳри Душанбе ҳаво гарм аст.", "tg"),  # "Дар" is "in", not Dara (Senegal)
        ("Bundan keyin u uyga qaytdi.", "uz"),  # "from this", not Boone
        ("Взрыв произошёл в Дзержинском районе Волгограда.", "ru"),  # a district adjective
        ("مقام‌های محلی در ولایت کندز می‌گویند", "fa"),  # "ولایت" is province, not a town
        ("نحن في امان والحمد لله", "ar"),  # "safe", not Amman
        ("İBB'de toplantı yapıldı.", "tr"),  # Istanbul's council, not Ibb (Yemen)
    ],
)
def test_common_words_are_not_towns(bare: EntityExtractor, text: str, lang: str) -> None:
    # the real towns in these sentences (Dushanbe, Kunduz, Volgograd) may be found
    found = {name for name, _, _ in towns(bare, text, lang)}
    assert found <= {"Dushanbe", "Kunduz", "Volgograd"}


def test_the_gazetteer_wins_where_it_knows_the_place() -> None:
    gaz = Gazetteer({"mastung": GazEntry("mastung", "place", "Mastung District",
                                         {"en": ("Mastung",)}, kind="district", country="PK")})
    found = [e for e in EntityExtractor(gaz, use_ner=False).extract(
        "A bomb went off in Mastung.", "en") if e.type == "place"]  # fmt: skip
    assert [(e.name, e.gazetteer_id, e.method) for e in found] == [
        ("Mastung District", "mastung", "gazetteer")
    ]


def test_a_pattern_place_gets_the_english_name_and_country() -> None:
    found = [e for e in EntityExtractor(Gazetteer(), use_ner=False).extract(
        "انفجار در ولسوالی نرنگ رخ داد", "prs") if e.type == "place"]  # fmt: skip
    assert [(e.name, e.text, e.attributes.get("country")) for e in found] == [
        ("Narang", "نرنگ", "AF")
    ]
    assert "نرنگ" in found[0].aliases


def test_without_geo_no_town_is_found() -> None:
    off = EntityExtractor(Gazetteer(), use_ner=False, use_geo=False)
    assert towns(off, "A suicide bomber struck a rally in Mastung.", "en") == []


def test_an_event_in_a_town_names_its_country_not_its_code() -> None:
    extractor = Extractor(Gazetteer({"tr": GazEntry("tr", "place", "Turkey", {"en": ("Turkey",)},
                                                    kind="country", country="TR")}),
                          use_ner=False)  # fmt: skip
    events = extractor.extract("Akçakale'de bombalı saldırıda 3 kişi öldü.", "tr").events
    assert [(e.place, e.country) for e in events] == [(["Akçakale"], "Turkey")]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Insurgentes atacaram a aldeia de Naquitenge, matando cinco pessoas.", "pt"),
        ("Une embuscade a tué dix soldats près de Djibo.", "fr"),
        ("Hombres armados atacaron un puesto militar y mataron a doce soldados.", "es"),
    ],
)
def test_romance_attack_verbs_and_ambushes_are_attacks(text: str, lang: str) -> None:
    events = Extractor(Gazetteer(), use_ner=False).extract(text, lang).events
    assert [e.type for e in events] == ["attack"]



def test_english_tunis_is_the_city_and_uzbek_tunis_the_country() -> None:
    from propwatch.knowledge.gazetteer import default_gazetteer

    ex = EntityExtractor(default_gazetteer(), use_ner=False)
    en = [e.name for e in ex.extract("Gunmen struck a museum in the capital Tunis.", "en")
          if e.type == "place"]  # fmt: skip
    uz = [e.name for e in ex.extract("Tunisda hujum bo'ldi.", "uz") if e.type == "place"]
    assert (en, uz) == (["Tunis"], ["Tunisia"])


def test_a_small_town_abroad_is_not_taken_when_the_text_names_its_countries(
    bare: EntityExtractor,
) -> None:
    # a Persian report on Nigeria: "شهر باما" is Bama (Nigeria), which the list lacks, not
    # Pama (Burkina Faso); the country is named, so only a town there (or a large one) counts
    gaz = Gazetteer({"ng": GazEntry("ng", "place", "Nigeria", {"fa": ("نیجریه",)},
                                    kind="country", country="NG")})  # fmt: skip
    ex = EntityExtractor(gaz, use_ner=False)
    text = "حمله در نیجریه؛ ساکنان به شهر باما گریختند و حمله ادامه داشت."
    assert towns(ex, text, "fa") == []
    assert [n for n, _, _ in towns(bare, "حمله در شهر باما رخ داد.", "fa")] == ["Pama"]


@pytest.mark.parametrize("lang", ["ky", "uz", "tr", "en", "ru", "ar"])
def test_a_hostile_chain_of_capitalised_words_does_not_hang(lang: str) -> None:
    import time

    unit = {"ky": "Аа-", "ru": "Аа-", "ar": "بب "}.get(lang, "Aa-")
    text = "bomb attack взрыв انفجار in в في " + unit * 4000 + " в " + unit * 4000
    started = time.perf_counter()
    EntityExtractor(Gazetteer(), use_ner=False).extract(text, lang)
    # a guard against a hang (catastrophic backtracking took minutes; about 0.2 s now),
    # loose enough for a busy CI machine
    assert time.perf_counter() - started < 10.0
