"""Wordings of the twenty-third real-page check (tests/extract/real_check/round23), scored
blind on this session's earlier fixes, written as short statements of the kind the pages
report."""

from __future__ import annotations

import pytest

from propwatch.extract.extractor import Extractor


@pytest.mark.parametrize(
    ("text", "lang", "killed", "injured"),
    [
        # Russian: a phrase between the verb and the number
        ("Взрыв на рынке в Назрани. Погибли при взрыве 12 человек.", "ru", [12], []),
        ("Теракт в Грозном: погибли в результате взрыва 8 человек, ранены при взрыве 20 "
         "человек.", "ru", [8], [20]),
        ("Нападение на клуб в Орландо. Стрелок убил в клубе 50 человек и ранил 53.", "ru", [50],
         [53]),
        # Uzbek: the cause before the verb
        ('10 iyun Kamerun shimolining Darak shahrida 37 kishi "Boko Xaram” guruhi '
         "jangarilarining hujumi oqibatida halok bo‘ldi.", "uz", [37], []),
        # German: one dead, one wounded
        ("Messerattacke in Hamburg: ein Toter und sechs Verletzte.", "de", [1], [6]),
        ("Bei dem Anschlag in Hamburg gab es einen Toten und einen Verletzten.", "de", [1], [1]),
    ],
)
def test_figures_of_round_23(
    extractor: Extractor, text: str, lang: str, killed: list[int], injured: list[int]
) -> None:
    (event,) = extractor.extract(text, lang).events
    assert [f.value for f in event.killed] == killed
    assert [f.value for f in event.injured] == injured


def test_a_number_after_a_phrase_without_a_casualty_verb_is_no_figure(
    extractor: Extractor,
) -> None:
    text = "Нападение на клуб в Орландо. Полиция в Орландо задержала 5 человек."
    assert all(not e.killed and not e.injured for e in extractor.extract(text, "ru").events)


def test_the_air_force_attacked_is_not_the_claimant(extractor: Extractor) -> None:
    text = ("An alliance of Kashmiri militant groups on Monday claimed the deadly attack on the "
            "Indian Air Force’s Pathankot airbase, in which seven soldiers were killed.")
    events = extractor.extract(text, "en").events
    assert events and all("Indian Air Force" not in e.claimed_by for e in events)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Al-Qaida claimed the mass shooting in Pensacola, in which three sailors were killed.",
         "Pensacola"),
        ("Two gunmen opened fire at an exhibition in Garland, Texas, and wounded a guard.",
         "Garland"),
    ],
)
def test_an_english_town_the_word_list_counts_frequent(
    extractor: Extractor, text: str, place: str
) -> None:
    (event,) = extractor.extract(text, "en").events
    assert event.place[:1] == [place]


def test_a_title_case_headline_stays_strict(extractor: Extractor) -> None:
    events = extractor.extract("Suicide Bomber Kills 12 In Mobile Market", "en").events
    assert all("Mobile" not in e.place for e in events)


@pytest.mark.parametrize(
    ("text", "lang", "kind", "name"),
    [
        ("Ответственность взял на себя сайт «Кавказ-Центр», рупор боевиков.", "ru",
         "media_outlet", "Kavkaz Center"),
        ("Al-Shabaab claimed the attack on the Calamada website.", "en", "media_outlet",
         "Calamada"),
        ("وذكرت الوكالة الوطنية للإعلام أن خمسة أشخاص قتلوا.", "ar", "media_outlet",
         "National News Agency (Lebanon)"),
        ("Wie der Tagesspiegel berichtete, wurden sechs Menschen verletzt.", "de",
         "media_outlet", "Der Tagesspiegel"),
        ("ریاست امنیت ملی اعلام کرد که دو مهاجم کشته شدند.", "prs", "organization",
         "National Directorate of Security"),
    ],
)
def test_outlets_and_bodies_the_gazetteer_now_knows(
    extractor: Extractor, text: str, lang: str, kind: str, name: str
) -> None:
    found = {(e.type, e.name) for e in extractor.extract(text, lang).entities}
    assert (kind, name) in found


@pytest.mark.parametrize(
    ("text", "town", "country"),
    [
        # the text's other places are in Pakistan: Narang Mandi (Punjab), not Narang (Kunar)
        ("انفجار بمب در شهر نارنگ در ایالت پنجاب پنج نفر را کشت.", "Narang Mandi", "PK"),
        ("انفجار بمب در شهر نارنگ پنج نفر را کشت.", "Narang", "AF"),
    ],
)
def test_a_town_of_two_countries_is_taken_where_the_texts_places_are(
    extractor: Extractor, text: str, town: str, country: str
) -> None:
    places = {(e.name, e.attributes.get("country")) for e in extractor.extract(text, "fa").entities
              if e.type == "place"}  # fmt: skip
    assert (town, country) in places


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("ISIS Claims Credit for Garland Shooting. Two gunmen were killed.", "Garland"),
        ("Al-Qaida claims credit for NAS Pensacola mass shooting. Three sailors were killed.",
         "Pensacola"),
    ],
)
def test_an_english_town_named_before_the_attack_noun(
    extractor: Extractor, text: str, place: str
) -> None:
    (event,) = extractor.extract(text, "en").events
    assert event.place[:1] == [place]


@pytest.mark.parametrize(
    "text",
    [
        "The Taliban attack killed 12 soldiers.",
        "A Christmas attack killed 12 people.",
        "Deadly Attack kills 12 in a market.",
    ],
)
def test_a_word_before_the_attack_noun_that_names_no_place(
    extractor: Extractor, text: str
) -> None:
    assert all(not e.place for e in extractor.extract(text, "en").events)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # a customs post is no media centre
        ("وقع الانفجار قرب مركز للجمارك اللبنانية في بلدة القاع.", "ar"),
        # the spokesman quoted is no outlet
        ("رسانه نزدیک به گروه طالبان پاکستان به نقل از سخنگوی این گروه مدعی حمله شد.", "fa"),
    ],
)
def test_no_outlet_where_the_text_names_none(extractor: Extractor, text: str, lang: str) -> None:
    entities = extractor.extract(text, lang).entities
    assert [e.name for e in entities if e.type == "media_outlet"] == []


def test_an_arabic_media_centre_is_still_an_outlet(extractor: Extractor) -> None:
    text = "وقال مركز الأخبار الإعلامي التابع للحركة إن مقاتليه نفذوا الهجوم."
    outlets = [e for e in extractor.extract(text, "ar").entities if e.type == "media_outlet"]
    assert outlets


def test_interfax_ukraine_is_an_outlet(extractor: Extractor) -> None:
    text = "Об этом сообщает Интерфакс-Украина со ссылкой на полицию."
    found = {(e.type, e.name) for e in extractor.extract(text, "ru").entities}
    assert ("media_outlet", "Interfax-Ukraine") in found
