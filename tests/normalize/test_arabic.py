"""fold_arabic() and Arabic-script behaviour of normalize()."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_unicode import load_cases

from propwatch.normalize import fold_arabic, match_key, normalize


@pytest.mark.parametrize(("text", "expected"), load_cases("arabic"))
def test_arabic_cases(text: str, expected: str) -> None:
    assert fold_arabic(text) == expected


def test_persian_query_matches_arabic_keyboard_text() -> None:
    assert normalize("کتاب یک") == normalize("كتاب يك")
    assert match_key("کتاب") in match_key("كتاب يك").split()


@pytest.mark.parametrize("mark", [chr(c) for c in (*range(0x064B, 0x0660), 0x0670, 0x0640)])
def test_every_haraka_and_tatweel_is_removed(mark: str) -> None:
    assert normalize(f"جه{mark}اد") == "جهاد"


@pytest.mark.parametrize("pashto", list("ټډړږښګڼېۍځڅ"))
def test_pashto_letters_survive_normalize(pashto: str) -> None:
    assert normalize(pashto) == pashto
    assert match_key(pashto) == pashto


ARABIC_LETTERS = st.text(st.characters(min_codepoint=0x0600, max_codepoint=0x06FF), max_size=20)


@given(ARABIC_LETTERS)
def test_fold_arabic_idempotent(text: str) -> None:
    once = fold_arabic(text)
    assert fold_arabic(once) == once
    assert not any(ch in once for ch in "يىكأإآؤئـ٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹")
