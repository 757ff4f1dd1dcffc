"""fold_homoglyphs(): mixed-script words are rewritten into their majority script."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_unicode import load_cases

from propwatch.normalize import fold_homoglyphs, match_key, normalize
from propwatch.normalize.homoglyph import CONFUSABLES


@pytest.mark.parametrize(("text", "expected"), load_cases("homoglyph"))
def test_homoglyph_cases(text: str, expected: str) -> None:
    assert fold_homoglyphs(text) == expected


@pytest.mark.parametrize(
    ("spoofed", "real"),
    [("рaфидиты", "рафидиты"), ("Rаfidа", "Rafida"), ("ИГИЛ-Хорaсан", "ИГИЛ-Хорасан")],
)
def test_normalize_folds_homoglyphs(spoofed: str, real: str) -> None:
    assert normalize(spoofed) == normalize(real)


@pytest.mark.parametrize("group", CONFUSABLES, ids=lambda g: "/".join(x for x in g if x))
def test_each_latin_look_alike_is_folded_into_latin_words(group: tuple[str, str, str]) -> None:
    latin, cyrillic, greek = group
    for other in (cyrillic, greek):
        if other:
            assert fold_homoglyphs(f"Xx{other}zz") == f"Xx{latin}zz"


CYRILLIC_WORDS = st.sampled_from(["рафидиты", "хуросон", "шаҳид", "жаңылык", "тоҷикӣ"])


@given(CYRILLIC_WORDS, st.data())
def test_one_latin_letter_in_a_cyrillic_word_is_undone(word: str, data: st.DataObject) -> None:
    swaps = {"а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x"}
    positions = [i for i, ch in enumerate(word) if ch in swaps]
    if not positions:
        return
    i = data.draw(st.sampled_from(positions))
    spoofed = word[:i] + swaps[word[i]] + word[i + 1 :]
    assert fold_homoglyphs(spoofed) == word


@given(st.text(st.characters(categories=["Lu", "Ll"], max_codepoint=0x052F)))
def test_pure_or_folded_output_is_stable(text: str) -> None:
    once = fold_homoglyphs(text)
    assert fold_homoglyphs(once) == once


def test_a_word_folds_into_the_only_script_that_can_write_it() -> None:
    # Cyrillic г and д have no Latin look-alike; the Latin letters all have Cyrillic ones
    assert fold_homoglyphs("гopoдe") == "городе"
    assert fold_homoglyphs("aфгaнcкoм") == "афганском"
    # ... but not when a letter would stay foreign: Latin "v" has a look-alike in Greek only
    assert fold_homoglyphs("ќyv") == "ќyv"
    assert fold_homoglyphs(fold_homoglyphs("ќyv")) == fold_homoglyphs("ќyv")
    # ... nor when a letter is one the match key keeps as it is (archaic "ѡ"): "ÆѠ" keys to
    # "aeѡ", which must key to itself
    assert match_key(match_key("ÆѠ")) == match_key("ÆѠ")
    # the same for a tie: "ÈЌ" keys to "eќ" (it keyed to "yeќ" on a second pass before)
    assert match_key(match_key("ÈЌ")) == match_key("ÈЌ")
