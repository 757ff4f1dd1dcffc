"""Property tests: normalize/match_key never raise, are idempotent and agree with each other."""

from __future__ import annotations

import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from propwatch.normalize import (
    detect_script,
    fold_arabic,
    fold_homoglyphs,
    match_key,
    normalize,
    script_profile,
)
from propwatch.normalize.pipeline import normalize_token

# Any code point, lone surrogates and controls included.
ANY_TEXT = st.text(st.characters(codec=None, min_codepoint=0, max_codepoint=0x10FFFF))
SURROGATES_AND_CONTROLS = st.text(
    st.one_of(
        st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
        st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Zp", "Mn"]),
        st.sampled_from("ab\u0430\u0627 '\u02bb\u00b4"),
    )
)
# Letters that are easy to confuse across scripts, Uzbek/Tajik/Kyrgyz/Turkish specials, Arabic
# letters and marks, invisibles and combining marks: the mixes the folding code must survive.
MIXED_ALPHABET = (
    "aceopxyiksdhjqwABCEHKMOPTXYIJSZNvuëïß"
    "аеорсухіјѕкԁһԛԝүӀАВЕКМНОРСТХУЁёїфдиышщъьқғҳўҷӣӯңөү"
    "αοριχυγνκΑΒΕΗΙΚΜΝΟΡΤΧΥΖςϳ"
    "يىكأإآٱؤئةهھہیکاوټډړږښګڼېۍۀ"
    "\u064b\u064e\u0651\u0654\u0670\u0640\u06d6\u200c\u200b\u200d\u00ad\u034f\u0301\u0307\u0327"
    "İıŞşĞğÇçÖöÜü'`ʻʼ‘’´′ŉ٠٩۰۹،؛؟ \n\t-.,!«»0123456789_"
)
MIXED = st.text(st.sampled_from(MIXED_ALPHABET), max_size=40)
WORDS = st.lists(
    st.sampled_from(
        ["Хуросон", "Xuroson", "o‘zbek", "ўзбек", "рaфидиты", "Rаfidа", "كتاب", "می‌روم",
         "اللَّه", "İstanbul", "ılım", "ИГИЛ", "şahid", "ҷиҳод", "туңгуч", "Европа", "αθήνα"]
    ),
    max_size=8,
).map(" ".join)  # fmt: skip


@settings(max_examples=1500)
@given(ANY_TEXT)
@example("\ud800\udfff\x00\x85\u2028")
@example("I\u034f\u0307")
@example("e\u06d6\u0301")
def test_normalize_total_and_idempotent(text: str) -> None:
    once = normalize(text)
    assert isinstance(once, str)
    assert normalize(once) == once


@settings(max_examples=1500)
@given(st.one_of(SURROGATES_AND_CONTROLS, MIXED, WORDS))
def test_normalize_idempotent_on_targeted_mixes(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@given(st.one_of(ANY_TEXT, MIXED))
def test_normalize_output_is_clean(text: str) -> None:
    out = normalize(text)
    assert out == " ".join(out.split())
    assert unicodedata.is_normalized("NFKC", out)
    assert not any(unicodedata.category(ch) in ("Cc", "Cf", "Cs") for ch in out)
    out.encode("utf-8")  # raises if a lone surrogate were left


@settings(max_examples=1500)
@given(st.one_of(ANY_TEXT, MIXED, WORDS))
def test_match_key_total_and_idempotent(text: str) -> None:
    key = match_key(text)
    assert match_key(key) == key
    assert match_key(normalize(text), normalized=True) == key
    assert key == " ".join(key.split())
    assert "'" not in key


@given(st.one_of(ANY_TEXT, MIXED))
def test_normalize_is_tokenwise(text: str) -> None:
    expected = " ".join(filter(None, (normalize_token(t) for t in text.split())))
    assert normalize(text) == expected


@given(st.one_of(ANY_TEXT, MIXED))
def test_folds_never_raise_and_are_idempotent(text: str) -> None:
    assert fold_homoglyphs(fold_homoglyphs(text)) == fold_homoglyphs(text)
    assert fold_arabic(fold_arabic(text)) == fold_arabic(text)


@given(st.one_of(ANY_TEXT, MIXED))
def test_script_profile_consistent(text: str) -> None:
    profile = script_profile(text)
    assert sum(profile.values()) == sum(ch.isalpha() for ch in text)
    script = detect_script(text)
    assert script == "Zyyy" if not profile else profile[script] == max(profile.values())


@given(st.text(st.sampled_from("абвгдежзийклмнопрстуфхцчшщъыьэюяўқғҳҷӣӯңөү "), max_size=30))
def test_cyrillic_key_is_ascii(text: str) -> None:
    assert match_key(text).isascii()
