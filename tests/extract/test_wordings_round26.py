"""Wordings of the twenty-sixth real-page check (tests/extract/real_check/round26), scored
blind on round 25's fixes, written as short statements of the kind the pages report."""

from __future__ import annotations

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
