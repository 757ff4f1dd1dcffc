"""Entities the rounds 46-48 of the real-page check showed to be no bodies: prisons and sports
palaces natasha tags as organisations, a page's menu run into one span, Persian verbs and
clitics after a head noun, al-Qaeda's "network" as a TV network, a Pashto broadcast."""

from __future__ import annotations

import pytest

from propwatch.extract import patterns_fa
from propwatch.extract.patterns_ru import natasha_available, ner_candidates


def test_russian_prisons_palaces_and_menus_are_no_organisations() -> None:
    if not natasha_available():
        pytest.skip("natasha is not installed")
    text = ("Заключенные ИК-19 захватили заложников. В СИЗО-1 Ростова начался штурм. Взрыв "
            "произошел у Дворца спорта в Бишкеке. Народный репортер  Написавшие нам  Кыргызстан "
            "/ Происшествия")
    names = {c.name for c in ner_candidates(text) if c.type != "place"}
    assert not {n for n in names if n.startswith(("ИК", "СИЗО", "Двор", "Народный"))}


@pytest.mark.parametrize(
    "text",
    [
        "این حمله توسط یکی از عناصر این گروه تروریستی صورت گرفت.",
        "داعش در بیانیه ای که در کانال تلگرامی اش منتشر کرد، مسئولیت را پذیرفت.",
        "نظامیان آمریکایی علیه اعضای شبکه القاعده دست به عملیات زده اند.",
        "مقامات به نقل از«يکی از مهاجمان بازداشت شده» اعلام کردند.",
    ],
)
def test_persian_heads_do_not_take_verbs_clitics_or_known_groups(text: str) -> None:
    assert patterns_fa.candidates(text) == []


def test_a_pashto_broadcast_is_no_publication_without_a_quoted_name() -> None:
    text = "د ډزو له غږه وروسته دغه خپرونې وځنډول شوې"
    assert patterns_fa.candidates_ps(text) == []
    quoted = [(c.type, c.name) for c in patterns_fa.candidates_ps("د طالبانو خپرونه «الصمود» وايي")]
    assert quoted == [("publication", "الصمود")]
