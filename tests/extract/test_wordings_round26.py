"""Wordings of the twenty-sixth real-page check (tests/extract/real_check/round26), scored
blind on round 25's fixes, written as short statements of the kind the pages report."""

from __future__ import annotations

from datetime import date

import pytest
from tests.extract.conftest import one_event

from propwatch.extract.extractor import Extractor


def test_a_tajik_roadside_bomb_that_went_off(extractor: Extractor) -> None:
    """"бумб ... мунфаҷир шуд" (a bomb went off), its toll after an aside "аз ҷумла чанд
    кӯдак" (children among them) that runs on to the verb."""
    text = ("Бумби канориҷодаӣ дар наздикии Лашкаргоҳ мунфаҷир шуд ва дастикам ҳаждаҳ нафар, "
            "аз ҷумла чанд кӯдак кушта шуданд.")
    event = one_event(extractor, text, "tg")
    assert event.type == "bombing"
    assert "Lashkar Gah" in event.place
    assert [(f.value, f.qualifier) for f in event.killed] == [(18, "at_least")]


def test_a_tajik_toll_of_some_of_the_forces(extractor: Extractor) -> None:
    """"чаҳор тан аз нерӯҳои ҳукуматӣ" (four of the government forces): "аз" is "of"."""
    text = "Дар ин ҳамла чаҳор тан аз нерӯҳои ҳукуматӣ кушта ва се нафари дигар захмӣ шуданд."
    event = one_event(extractor, text, "tg")
    assert [f.value for f in event.killed] == [4]
    assert [f.value for f in event.injured] == [3]


@pytest.mark.parametrize("verb", ["набыт кетти", "набыт болду"])
def test_kyrgyz_perished(extractor: Extractor, verb: str) -> None:
    text = f"Нангархар чөлкөмүндө жанкечтинин жардыруусунан 5 киши {verb}."
    event = one_event(extractor, text, "ky")
    assert [f.value for f in event.killed] == [5]


def test_a_tajik_bomb_word_alone_is_no_attack(extractor: Extractor) -> None:
    """Hard negative: a bomb defused before it went off is no event."""
    text = "Нерӯҳои амниятӣ бумбро пеш аз инфиҷор безарар карданд; касе осеб надид."
    assert extractor.extract(text, "tg").events == []


@pytest.mark.parametrize(
    ("text", "lang", "village"),
    [
        ("Au moins onze soldats ont été tués mercredi soir dans l'attaque de leur position à "
         "Tiloua, dans la région d'Ouallam.", "fr", "Tiloua"),
        ("Al menos 15 muertos en un ataque yihadista en Kodyel, en la provincia de Komondjari.",
         "es", "Kodyel"),
        ("Almeno 10 morti in un attacco a Konkoro, nella regione di Boucle du Mouhoun.", "it",
         "Konkoro"),
        ("Homens armados atacaram em Quelimane Velha, na província de Cabo Delgado, matando 5 "
         "pessoas.", "pt", "Quelimane Velha"),
    ],
)
def test_a_village_named_by_its_region_is_the_scene(
    extractor: Extractor, text: str, lang: str, village: str
) -> None:
    """No list knows these villages; "à X, dans la région de Y" says X is a place, and the
    attack's most specific place."""
    event = one_event(extractor, text, lang)
    assert event.place[0] == village


def test_the_region_pattern_takes_no_article_and_stays_bounded(extractor: Extractor) -> None:
    text = "Le ministre a parlé à La Haye, dans la région de Hollande."
    assert "La Haye" not in [e.name for e in extractor.extract(text, "fr").entities]
    hostile = "à " + "Aa-" * 30_000 + ", dans la région " * 2_000
    assert isinstance(extractor.extract(hostile, "fr").entities, list)


def test_a_weekday_far_after_a_car_bomb_that_exploded(extractor: Extractor) -> None:
    """"car bomb" and "exploded" side by side are one mention: the weekday after a long place
    phrase still dates it, and an earlier attack at another checkpoint stays apart."""
    text = ("A car bomb exploded at a crowded checkpoint outside the city of Hilla, 80 "
            "kilometers south of the capital Baghdad, on Sunday, killing at least 47 people. "
            "A suicide bombing at another checkpoint outside Hilla two years ago killed 50 "
            "people.")
    events = extractor.extract(text, "en", doc_date=date(2016, 3, 6)).events
    assert [(e.date.value if e.date else None, [f.value for f in e.killed]) for e in events] == [
        ("2016-03-06", [47]), ("2014", [50])
    ]
