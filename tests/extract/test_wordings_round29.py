"""Wordings of the twenty-ninth real-page check (tests/extract/real_check/round29), scored
blind on round 28's fixes, written as short statements of the kind the pages report."""

from __future__ import annotations

from datetime import date

import pytest
from tests.extract.conftest import one_event, place_names

from propwatch.extract.extractor import Extractor


@pytest.mark.parametrize(
    ("text", "lang", "village"),
    [
        ("O ataque ocorreu durante as orações da tarde no vilarejo de Fombita, na comuna rural "
         "de Kokorou, e matou pelo menos 44 civis.", "pt", "Fombita"),
        ("Une attaque djihadiste a tué 12 personnes dans le village de Tiéfora.", "fr",
         "Tiéfora"),
        ("Un ataque yihadista mató a 20 personas en el poblado de Kasuwan Daji.", "es",
         "Kasuwan Daji"),
        ("Un attacco jihadista ha ucciso 15 persone nella località di Tondobi.", "it", "Tondobi"),
    ],
)
def test_a_village_named_after_its_settlement_noun(
    extractor: Extractor, text: str, lang: str, village: str
) -> None:
    event = one_event(extractor, text, lang, date(2025, 3, 22))
    assert event.place[0] == village


def test_a_german_apposition_names_a_settlement(extractor: Extractor) -> None:
    text = ("Bei dem Anschlag starben 22 Menschen in Umarari, einer Siedlung am Rand der "
            "Millionenstadt Maiduguri.")
    assert place_names(extractor, text, "de")[:1] == ["Umarari"]


def test_two_turkish_villages(extractor: Extractor) -> None:
    text = ("Burkina Faso'nun Sahel bölgesinde yer alan Kourakou ve Tondobi köylerine saldırı "
            "düzenlendi. 44 kişi yaşamını yitirdi.")
    event = one_event(extractor, text, "tr", date(2023, 4, 9))
    assert event.place[:2] == ["Kourakou", "Tondobi"]
    assert [f.value for f in event.killed] == [44]
