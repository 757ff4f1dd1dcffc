"""match_key(): Cyrillic and Latin spellings meet; Arabic script stays; key is index-friendly."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_unicode import load_cases

from propwatch.normalize import match_key, normalize, prepare


@pytest.mark.parametrize(("text", "expected"), load_cases("match_key"))
def test_match_key_cases(text: str, expected: str) -> None:
    assert match_key(text) == expected


@pytest.mark.parametrize(("one", "other"), load_cases("meet"))
def test_spellings_meet(one: str, other: str) -> None:
    assert match_key(one) == match_key(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("مدرسة", "مدرسه"),  # teh marbuta is kept
        ("ګل", "گل"),  # Pashto gaf vs Persian gaf
        ("ښ", "ش"),  # Pashto letter is not folded
        ("Хуросон", "Horasan"),  # different words, no fuzzy matching
        ("ўзбек", "узбек"),  # Uzbek ў (o) vs Russian у (u)
    ],
)
def test_distinct_words_stay_apart(one: str, other: str) -> None:
    assert match_key(one) != match_key(other)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Европа", "yevropa"), ("Тошкент", "toshkent"), ("поезд", "poyezd"), ("(ел)", "yel")],
)
def test_ye_rule(text: str, expected: str) -> None:
    assert match_key(text) == expected


def test_normalized_flag_skips_normalization() -> None:
    norm = normalize("Хуросон  ВИЛОЯТИ")
    assert match_key(norm, normalized=True) == match_key("Хуросон  ВИЛОЯТИ") == "xuroson viloyati"


def test_prepare_bundles_text_key_script() -> None:
    out = prepare("Xuroson OVOZI")
    assert (out.text, out.key, out.script) == ("xuroson ovozi", "xuroson ovozi", "Latn")


UZBEK_PAIRS = [
    ("Хуросон", "Xuroson"),
    ("ўзбек", "o'zbek"),
    ("шаҳид", "shahid"),
    ("Тошкент", "Toshkent"),
    ("ёшлар", "yoshlar"),
]


@given(st.lists(st.sampled_from(UZBEK_PAIRS), min_size=1, max_size=6), st.sampled_from(" ,.;!"))
def test_whole_sentences_meet(pairs: list[tuple[str, str]], sep: str) -> None:
    cyrillic = sep.join(c for c, _ in pairs)
    latin = sep.join(latin for _, latin in pairs)
    assert match_key(cyrillic) == match_key(latin)
    assert len(match_key(latin).split()) == len(pairs)
