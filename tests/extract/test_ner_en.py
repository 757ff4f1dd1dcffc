"""English NER (spaCy): bodies and people no gazetteer entry or pattern knows, and the page
debris and gazetteer names it must leave alone."""

from __future__ import annotations

import pytest

from propwatch.extract.extractor import Extractor
from propwatch.extract.ner_en import ner_candidates, spacy_available
from propwatch.knowledge.gazetteer import default_gazetteer

pytestmark = pytest.mark.skipif(
    not spacy_available(), reason="spaCy's English model is not installed (propwatch[ner-en])"
)


@pytest.fixture(scope="module")
def with_ner() -> Extractor:
    return Extractor(default_gazetteer(), use_ner=True)


@pytest.fixture(scope="module")
def without_ner() -> Extractor:
    return Extractor(default_gazetteer(), use_ner=False)


def _found(extractor: Extractor, text: str) -> set[tuple[str, str]]:
    return {(e.type, e.name) for e in extractor.extract(text, "en").entities}


def test_a_body_without_a_head_word_is_found_only_by_the_model(
    with_ner: Extractor, without_ner: Extractor
) -> None:
    text = (
        "Protests followed the death of Mahsa Amini in custody, the Hengaw Organization for "
        "Human Rights said on Monday."
    )
    assert ("person", "Mahsa Amini") in _found(with_ner, text)
    assert ("organization", "Hengaw Organization for Human Rights") in _found(with_ner, text)
    assert ("person", "Mahsa Amini") not in _found(without_ner, text)


def test_the_model_s_names_lose_their_article_and_possessive() -> None:
    text = "The strike was confirmed by the US Air Force's central command, officials said."
    assert [(c.type, c.name, c.method) for c in ner_candidates(text)] == [
        ("organization", "US Air Force", "ner:spacy")
    ]


def test_a_name_the_model_runs_over_two_gazetteer_outlets_leaves_them_apart(
    with_ner: Extractor,
) -> None:
    text = "(MENAFN- Trend News Agency) BAKU, Azerbaijan, January 4. ISIS has claimed the attack."
    found = _found(with_ner, text)
    assert ("media_outlet", "MENAFN") in found
    assert ("media_outlet", "Trend News Agency") in found
    assert not any("MENAFN-" in name for _, name in found)


def test_headings_and_one_word_organisations_are_not_mentions(with_ner: Extractor) -> None:
    text = (
        "Chronology of Terror\n\n"
        "The attackers opened fire. The group's claim was posted on Telegram, and the "
        "Supreme Leader spoke on television."
    )
    found = {name for kind, name in _found(with_ner, text) if kind == "organization"}
    assert "Chronology of Terror" not in found
    assert "Telegram" not in found
    assert "Supreme" not in found


def test_buildings_places_and_happenings_are_not_organisations() -> None:
    text = (
        "Mass was under way at St. Francis Catholic Church in the Owo Local Government Area "
        "when the gunmen came; the bombing of the Cathedral of Our Lady of Mount Carmel in "
        "Jolo was recalled, as was the anniversary of the World Trade Center attacks."
    )
    assert [c.name for c in ner_candidates(text) if c.type == "organization"] == []


def test_an_attributed_organisation_is_a_media_outlet() -> None:
    text = "Two policemen were killed, the Frontier Post reported on Sunday."
    assert [(c.type, c.name) for c in ner_candidates(text)] == [("media_outlet", "Frontier Post")]


def test_only_english_texts_are_read_by_the_english_model(with_ner: Extractor) -> None:
    text = (
        "Le ministère a condamné l'attaque, selon la Hengaw Organization for Human Rights."
    )
    assert not any(e.method == "ner:spacy" for e in with_ner.extract(text, "fr").entities)


def test_hostile_input_is_read_without_error() -> None:
    assert ner_candidates("") == []
    assert ner_candidates("A" * 100_000) == []
    noisy = "[[" * 5_000 + " The Islamic Caliphate Army " + "]]" * 5_000
    assert all(c.method == "ner:spacy" for c in ner_candidates(noisy))


def test_two_places_joined_by_a_preposition_are_no_organisation(with_ner: Extractor) -> None:
    text = (
        "Abu Sayyaf militants from Lamitan on Basilan island were blamed for the bombing, "
        "the military said."
    )
    found = _found(with_ner, text)
    assert not any(kind == "organization" and " on " in name for kind, name in found)
    assert ("place", "Basilan") in found


def test_a_byline_is_no_organisation() -> None:
    text = (
        "by STEPHEN ASTARIKO Correspondent, North Eastern\n\nA police reservist was killed "
        "in an attack on a border post in Garissa county on Tuesday, officers said."
    )
    assert [c.name for c in ner_candidates(text) if c.type == "organization"] == []


def test_texts_read_from_several_threads_at_once_give_what_one_thread_gives() -> None:
    from concurrent.futures import ThreadPoolExecutor

    texts = [
        f"Protests followed the death of Mahsa Amini, the Hengaw Organization for Human Rights "
        f"said in report number {i}."
        for i in range(24)
    ]
    alone = [[(c.type, c.name) for c in ner_candidates(t)] for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(lambda t: [(c.type, c.name) for c in ner_candidates(t)], texts))
    assert together == alone
    assert ("person", "Mahsa Amini") in alone[0]


def test_platforms_language_names_and_other_scripts_are_no_names() -> None:
    text = (
        "Messages were exported with Telegram Desktop from channels that post in Cyrillic "
        "Uzbek and Tajik, among them ندای خراسان, analysts said."
    )
    assert ner_candidates(text) == []
