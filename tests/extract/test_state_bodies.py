"""Ministries in every language, named in English with the country the text gives, so that
mentions in different languages are one entity."""

from __future__ import annotations

import pytest

from propwatch.extract import state_bodies
from propwatch.extract.entities import EntityExtractor
from propwatch.extract.model import Entity
from propwatch.knowledge.gazetteer import default_gazetteer


@pytest.fixture(scope="module")
def extractor() -> EntityExtractor:
    return EntityExtractor(default_gazetteer(), use_ner=False)


def ministries(extractor: EntityExtractor, text: str, lang: str) -> list[Entity]:
    return [e for e in extractor.extract(text, lang)
            if e.type == "organization" and "Ministry" in e.name]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "lang", "name", "span"),
    [
        ("A spokesman for Iraq's interior ministry said five people died.", "en",
         "Ministry of Interior of Iraq", "Iraq's interior ministry"),
        ("The Pakistani health ministry gave a higher toll.", "en",
         "Ministry of Health of Pakistan", "Pakistani health ministry"),
        ("МИД Таджикистана выразил соболезнования семьям погибших.", "ru",
         "Ministry of Foreign Affairs of Tajikistan", "МИД Таджикистана"),
        ("Вазорати мудофиаи Тоҷикистон хабар дод, ки ду сарбоз захмӣ шуданд.", "tg",
         "Ministry of Defence of Tajikistan", "Вазорати мудофиаи Тоҷикистон"),
        ("وقالت وزارة الصحة العراقية إن عدد القتلى ارتفع إلى ثلاثين.", "ar",
         "Ministry of Health of Iraq", "وزارة الصحة العراقية"),
        ("Pakistan İçişleri Bakanlığı saldırıyı kınadı.", "tr",
         "Ministry of Interior of Pakistan", "Pakistan İçişleri Bakanlığı"),
        ("Le ministère de la Défense du Mali a annoncé la mort de dix soldats.", "fr",
         "Ministry of Defence of Mali", "ministère de la Défense du Mali"),
        ("Kyrgyzstan Sog'liqni saqlash vazirligi ma'lumotiga ko'ra, uch kishi yaralangan.", "uz",
         "Ministry of Health of Kyrgyzstan", "Kyrgyzstan Sog'liqni saqlash vazirligi"),
    ],
)  # fmt: skip
def test_a_ministry_is_named_in_english_with_its_country(
    extractor: EntityExtractor, text: str, lang: str, name: str, span: str
) -> None:
    found = ministries(extractor, text, lang)
    assert [(e.name, e.text) for e in found] == [(name, span)]
    assert found[0].attributes.get("country")


def test_without_a_country_in_the_text_none_is_guessed(extractor: EntityExtractor) -> None:
    found = ministries(extractor, "Interior ministry spokesman Tariq Arian said 16 were hurt.",
                       "en")  # fmt: skip
    assert [(e.name, e.text) for e in found] == [("Ministry of Interior", "Interior ministry")]
    assert "country" not in found[0].attributes


def test_the_same_ministry_in_three_languages_is_one_name(extractor: EntityExtractor) -> None:
    texts = [
        ("Afghanistan's foreign ministry condemned the attack.", "en"),
        ("د افغانستان د بهرنیو چارو وزارت دا برید وغانده.", "ps"),
        ("Вазорати корҳои хориҷии Афғонистон ҳамларо маҳкум кард.", "tg"),
    ]
    names = {e.name for text, lang in texts for e in ministries(extractor, text, lang)}
    assert names == {"Ministry of Foreign Affairs of Afghanistan"}


def test_a_ministry_the_gazetteer_knows_is_linked_to_it(extractor: EntityExtractor) -> None:
    # written lower-case, which the gazetteer's own forms do not match
    found = ministries(extractor, "Russia's defence ministry said the drones were downed.", "en")
    assert [(e.name, e.gazetteer_id) for e in found] == [
        ("Ministry of Defence of Russia", "russia_mod")
    ]


def test_a_ministers_title_is_not_a_ministry(extractor: EntityExtractor) -> None:
    assert ministries(extractor, "The interior minister visited the wounded.", "en") == []


def test_a_ministry_in_portuguese_with_an_accent_is_found(extractor: EntityExtractor) -> None:
    found = ministries(extractor, "O Ministério dos Negócios Estrangeiros confirmou.", "pt")
    assert [e.name for e in found] == ["Ministry of Foreign Affairs"]


@pytest.mark.parametrize(
    ("text", "language", "names"),
    [
        ("The Nigerian military said two soldiers died in the ambush.", "en",
         ["Nigerian military"]),
        ("The Kenyan army said it repelled the attack; Ugandan police made arrests.", "en",
         ["Kenyan army", "Ugandan police"]),
        ("قال الجيش الكيني إن المسلحين فروا إلى غابة مجاورة.", "ar", ["Kenyan army"]),
        ("وأعلن الجيش المالي أن الهجوم استهدف المطار.", "ar", ["Malian army"]),
        # soldiers, troops and "security forces" are people or a description, not a body
        ("Malian troops and Iranian security forces were deployed.", "en", []),
    ],
)
def test_national_armies_and_police(text: str, language: str, names: list[str]) -> None:
    found = state_bodies.forces(text, language)
    assert [c.name for c in found] == names
    assert all(c.attributes["kind"] == "state_body" for c in found)


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("The Niger army said 28 soldiers were killed.", "en", "Niger Armed Forces"),
        ("Pakistan's army said the attackers were killed.", "en", "Pakistan Army"),
        ("Afghan intelligence services said the bomber was arrested.", "en",
         "Afghan intelligence service"),
        ("اردوی پاکستان گفت که مهاجمان کشته شدند.", "prs", "Pakistan Army"),
    ],
)
def test_a_force_named_by_its_country_s_name(text: str, language: str, name: str) -> None:
    """ "the Niger army", "Pakistan's army", Dari "اردوی پاکستان": a force after its country's
    name (the extractor links it to the gazetteer's entry when there is one)."""
    from propwatch.extract.extractor import default_extractor

    orgs = [e.name for e in default_extractor().extract(text, language).entities
            if e.type == "organization"]  # fmt: skip
    assert name in orgs


def test_an_army_that_reports_a_claim_is_not_the_claimant() -> None:
    from propwatch.extract.extractor import default_extractor

    text = ("The Kenyan army said al-Shabaab claimed the attack on the base in Lamu, in which "
            "two soldiers were killed.")  # fmt: skip
    found = default_extractor().extract(text, "en")
    assert "Kenyan army" in {e.name for e in found.entities if e.type == "organization"}
    assert [e.claimed_by for e in found.events] == [["al-Shabaab"]]


@pytest.mark.parametrize(
    ("text", "language", "names"),
    [
        ("L'armée malienne a repoussé l'attaque, selon l'armée nationale afghane.", "fr",
         ["Malian army", "Afghan army"]),
        ("La gendarmerie burkinabè et l'armée nigérienne ont riposté.", "fr",
         ["Burkinabe gendarmerie", "Nigerien army"]),
        ("Les forces armées maliennes (FAMa) ont perdu dix soldats.", "fr",
         ["Malian armed forces"]),
        ("El ejército nigeriano informó de que la policía afgana detuvo a dos.", "es",
         ["Nigerian army", "Afghan police"]),
        ("L'esercito nigerino e la polizia pakistana hanno confermato.", "it",
         ["Nigerien army", "Pakistani police"]),
        ("O exército moçambicano e a polícia afegã confirmaram.", "pt",
         ["Mozambican army", "Afghan police"]),
        ("Die afghanische Armee und Soldaten der pakistanischen Armee.", "de",
         ["Afghan army", "Pakistani army"]),
        ("Die nigerianischen Streitkräfte und die Polizei in Berlin.", "de",
         ["Nigerian armed forces"]),
        # "Nigerian" and "Nigerien" are two countries in every language
        ("l'armée nigériane et l'armée nigérienne", "fr", ["Nigerian army", "Nigerien army"]),
        # soldiers are people; a police force named by its city is not a national force
        ("Des soldats maliens ont été tués ; la police de Paris enquête.", "fr", []),
    ],
)
def test_national_forces_named_by_an_adjective_in_european_languages(
    text: str, language: str, names: list[str]
) -> None:
    found = state_bodies.forces(text, language)
    assert [c.name for c in found] == names
    assert {c.attributes["country"] for c in found} <= {"ML", "AF", "BF", "NE", "NG", "PK", "MZ"}


def test_a_french_national_army_is_an_entity_of_the_text(extractor: EntityExtractor) -> None:
    text = "Mali : l'armée malienne affirme avoir repoussé une attaque près de Ménaka."
    orgs = [e for e in extractor.extract(text, "fr") if e.type == "organization"]
    assert [(e.name, e.text) for e in orgs] == [("Malian army", "armée malienne")]
