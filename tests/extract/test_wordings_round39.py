"""Wordings of the thirty-ninth real-page check (tests/extract/real_check/round39), scored
blind after rounds 35-38's fixes, written as short statements of the kind the pages report."""

from __future__ import annotations

from tests.extract.conftest import one_event

from propwatch.extract.extractor import Extractor


def test_a_german_ordinal_day_does_not_end_the_sentence(extractor: Extractor) -> None:
    """"Die JNIM hat sich zu einem Anschlag vom 11. Juni bekannt, bei dem ... Soldaten in der
    Region Mansila getötet wurden": "11." is a day, not the end of a sentence, so the claim,
    the attack and its place stay one sentence."""
    text = ("Die JNIM hat sich zu einem Anschlag vom 11. Juni bekannt, bei dem mehr als 100 "
            "Soldaten in der Region Mansila getötet wurden.")
    event = one_event(extractor, text, "de")
    assert event.place[0] == "Mansila"
    assert event.claimed_by == ["Jama'at Nusrat al-Islam wal-Muslimin"]
