"""detect_script() / script_profile(): ISO 15924 code of the dominant script among letters."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_unicode import load_cases

from propwatch.normalize import detect_script, script_profile
from propwatch.normalize.script import SCRIPT_RANGES, script_of


@pytest.mark.parametrize(("text", "expected"), load_cases("script"))
def test_script_cases(text: str, expected: str) -> None:
    assert detect_script(text) == expected


def test_script_profile_counts_letters_only() -> None:
    assert script_profile("ISKP: Хуросон, 2024 خراسان!") == {"Latn": 4, "Cyrl": 7, "Arab": 6}
    assert script_profile("") == {}


def test_unknown_letters_are_zzzz() -> None:
    assert script_of("ᚠ") == "Runr"
    assert script_of("\U00010330") == "Zzzz"  # Gothic: not in the table


def test_ranges_sorted_and_disjoint() -> None:
    for (_, last, _), (first, _, _) in itertools.pairwise(SCRIPT_RANGES):
        assert last < first


@given(st.text(st.sampled_from("abcабвخرا "), max_size=30))
def test_detected_script_has_the_most_letters(text: str) -> None:
    profile = script_profile(text)
    script = detect_script(text)
    if profile:
        assert profile[script] == max(profile.values())
    else:
        assert script == "Zyyy"
