"""Aligned text views: same strings as normalize/match_key, offsets that map back exactly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from propwatch.detect.textview import (
    VIEW_DEOBFUSCATED,
    VIEW_KEY,
    VIEW_NORMALIZED,
    TextViews,
    build_views,
    deobfuscate,
    has_obfuscation,
)
from propwatch.normalize import match_key, normalize
from propwatch.normalize.aligned import align_token, key_token_aligned, normalize_token_aligned

CASES = Path(__file__).resolve().parents[1] / "normalize" / "cases"
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|n|t|\\)")


def _unescape(text: str) -> str:
    def sub(m: re.Match[str]) -> str:
        code = m.group(1)
        return {"n": "\n", "t": "\t", "\\": "\\"}.get(code) or chr(int(code[1:], 16))

    return _ESCAPE.sub(sub, text)


def _case_inputs() -> list[str]:
    """First column of every normalization case file: a varied nine-language sample."""
    out: list[str] = []
    for path in sorted(CASES.glob("*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                out.append(_unescape(line.split("\t")[0]))
    return out


SAMPLE = [
    *_case_inputs(),
    "Рофизиён харҳои яҳудиён мебошанд. #Хуросон",
    "O‘zbekiston va G’arb: «rofiziylar» haqida",
    "يصف البيان الرافضة بأنهم أعداء",
    "این کانال شیعیان را روافض می‌نامد",
    "Kanal Şiileri Rafıziler olarak adlandırıyor",
    "ISKP’s  “Voice of Khurasan”\n\nissue 12",
]


@pytest.mark.parametrize("text", SAMPLE)
def test_views_equal_normalize_and_match_key(text: str) -> None:
    views = build_views(text)
    assert views[VIEW_NORMALIZED].text == normalize(text)
    assert views[VIEW_KEY].text == match_key(text)


def _check_alignment(text: str) -> None:
    for view in build_views(text).values():
        assert len(view.starts) == len(view.ends) == len(view.text)
        previous = 0
        for i, (start, end) in enumerate(zip(view.starts, view.ends, strict=True)):
            assert 0 <= start <= end <= len(text), (view.name, i)
            assert start >= previous, "spans go forward"
            previous = start
            if view.text[i] != " ":
                assert start < end


# Any code point, lone surrogates and controls included (as in the normalize property tests).
ANY_TEXT = st.text(st.characters(codec=None, min_codepoint=0, max_codepoint=0x10FFFF))
MIXED = st.text(
    st.sampled_from(
        "aeoprxyAOPRafidа рафидыҳӣӯқғўRАФИДА ʻ‘’`´' \u200b\u200c\u200d\u2060\u00ad"
        "ارفضةالوكيى\u064b\u064e\u0651\u0640 0134@$._-*\n\tßİıŞ"
    ),
    max_size=60,
)


@settings(max_examples=400, deadline=None)
@given(st.one_of(ANY_TEXT, MIXED))
@example("a\x00b\u200b c")
@example("\ud800x \u2028 ﬁ")
def test_views_agree_and_align_on_any_text(text: str) -> None:
    views = TextViews(text)
    assert views.normalized_text == normalize(text)
    assert views.key_text == match_key(text)
    assert views.view(VIEW_NORMALIZED).text == views.normalized_text
    assert views.view(VIEW_KEY).text == views.key_text
    _check_alignment(text)


def _span_of(text: str, view_name: str, needle: str) -> str:
    view = build_views(text)[view_name]
    i = view.text.index(needle)
    start, end = view.span(i, i + len(needle))
    return text[start:end]


@pytest.mark.parametrize(
    ("text", "view", "needle", "evidence"),
    [
        ("Это рa\u200bфидиты!", VIEW_NORMALIZED, "рафидиты", "рa\u200bфидиты"),
        (
            "Bu Ro\u200cfi\u2060ziylar haqida",
            VIEW_NORMALIZED,
            "rofiziylar",
            "Ro\u200cfi\u2060ziylar",
        ),
        ("Ular О‘ZBЕK emas", VIEW_KEY, "ozbek", "О‘ZBЕK"),
        ("Ular O‘zbek emas", VIEW_KEY, "ozbek", "O‘zbek"),
        ("Бу РОФИЗИЙЛАР ҳақида", VIEW_KEY, "rofiziylar", "РОФИЗИЙЛАР"),
        ("بيان الرَّافِضَة اليوم", VIEW_NORMALIZED, "الرافضة", "الرَّافِضَة"),
        ("جـــهاد", VIEW_NORMALIZED, "جهاد", "جـــهاد"),
        ("Die Straße hier", VIEW_NORMALIZED, "strasse", "Straße"),
        (
            "The  worshippers,\n of the cross",
            VIEW_KEY,
            "worshippers of the",
            "worshippers,\n of the",
        ),
        ("say r a f i d a now", VIEW_DEOBFUSCATED, "rafida", "r a f i d a"),
        ("say р.а.ф.и.д.ы now", VIEW_DEOBFUSCATED, "rafidi", "р.а.ф.и.д.ы"),
        ("say r4f1d4 now", VIEW_DEOBFUSCATED, "rafida", "r4f1d4"),
        ("say raf*ida now", VIEW_DEOBFUSCATED, "rafida", "raf*ida"),
    ],
)
def test_view_match_maps_back_to_the_obfuscated_word(
    text: str, view: str, needle: str, evidence: str
) -> None:
    assert _span_of(text, view, needle) == evidence


def test_aligned_tokens_match_the_reference_functions() -> None:
    for token in ("Rаfidа", "O‘zbekiston", "ИГИЛ\u200b-Хорасан", "ﻛﺘﺎﺏ", "Европа", "a\x00b"):
        aligned = align_token(token)
        assert aligned.norm.text == normalize(token)
        assert aligned.key.text == match_key(token)
    # 'ш' is two key letters, both mapped to the one Cyrillic letter.
    assert key_token_aligned("шаҳид").starts[:2] == (0, 0)
    # Hangul jamo compose across clusters: offsets fall back to the whole token, text stays exact.
    jamo = "\u1100\u1161\u11a8"
    assert normalize_token_aligned(jamo).text == normalize(jamo)
    assert set(normalize_token_aligned(jamo).ends) == {len(jamo)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("r a f i d a", "rafida"),
        ("r-a-f-i-d-a", "rafida"),
        ("r_a_f_i_d_a", "rafida"),
        ("р.а.ф.и.д.ы", "рафиды"),
        ("r4f1d4 2024 1", "rafida 2024 1"),
        ("ISI$ @handle", "ISIs @handle"),  # leet letters are lower case
        ("raf.ida", "rafida"),
        ("word.Next", "word.Next"),
        ("кто-то 2024-yil", "кто-то 2024-yil"),
        ("ا ل ر ا ف ض ة", "الرافضة"),
    ],
)
def test_deobfuscate(text: str, expected: str) -> None:
    out = deobfuscate(text).text
    assert len(out) == len(text)
    assert out.replace("\u200b", "") == expected


def test_soft_start_after_a_one_letter_word() -> None:
    text = "и р а ф и д ы"
    view = build_views(text)[VIEW_DEOBFUSCATED]
    assert view.text == "irafidi"
    assert view.soft_starts == frozenset({1})
    # A three-letter run keeps no soft start: "a b c" must not offer "bc".
    assert build_views("a b c")[VIEW_DEOBFUSCATED].soft_starts == frozenset()


@pytest.mark.parametrize(
    "text",
    [
        "Ҷумъа муборак! Намози ҷумъаро сари вақт хонед.",
        "Police said on 12 March 2024 that the suspects were detained.",
        "Толибон ва Эрон, 2024-yil, кто-то сказал: «нет».",
        "افغانستان ۱۴۰۳ کتاب",
    ],
)
def test_ordinary_text_has_no_deobfuscated_view(text: str) -> None:
    assert not has_obfuscation(text) or deobfuscate(text).text == text
    assert VIEW_DEOBFUSCATED not in build_views(text)


@pytest.mark.parametrize("text", ["r a f i d a", "r4fida", "раф*иды", "r.a.f.i.d.a", "x-a-b-c"])
def test_obfuscation_is_noticed(text: str) -> None:
    assert has_obfuscation(text)
    assert VIEW_DEOBFUSCATED in build_views(text)


# Letters, one-letter words, separators, leet digits and combining marks; no ":" "/" or "@",
# so no link or handle (the pre-filter's one deliberate exception) can be formed.
SPACED = st.text(
    st.sampled_from("rafidaиваyо و \u0301\u064e  .-_*·0134$\n«(İı"),
    max_size=40,
)


@settings(max_examples=600, deadline=None)
@given(st.one_of(SPACED, MIXED.filter(lambda t: "@" not in t)))
@example("r a f")
@example("a b c d")
@example("\u0438 \u0432 \u0441")
@example("и\u0301 в с")
@example("\nr a f")
@example("«r a f»")
@example("слово и в с")
def test_the_pre_filter_misses_nothing_deobfuscate_would_change(text: str) -> None:
    if not has_obfuscation(text):
        assert deobfuscate(text).text == text


@pytest.mark.parametrize(
    "text",
    [
        "Он пришёл и в Москве остался до вечера.",  # two one-letter words: ordinary Russian
        "Подробнее: https://example.org/news/item.html и www.example.com/a.b",
        "Пишите @some_channel_name или t.me/other.channel",
    ],
)
def test_links_handles_and_two_one_letter_words_need_no_deobfuscation(text: str) -> None:
    assert not has_obfuscation(text)
    assert VIEW_DEOBFUSCATED not in build_views(text)


def test_obfuscation_beside_a_link_is_still_noticed() -> None:
    text = "r a f i d a https://example.org/x.y"
    assert has_obfuscation(text)
    assert "rafida" in build_views(text)[VIEW_DEOBFUSCATED].text


def test_a_long_link_is_examined_once_not_per_dot(monkeypatch: pytest.MonkeyPatch) -> None:
    # A hostile 100k-character link of dots took minutes when each dot re-read its token.
    from propwatch.detect import textview

    calls: list[int] = []
    real = textview._link_end

    def counting(text: str, p: int) -> int:
        calls.append(p)
        return real(text, p)

    monkeypatch.setattr(textview, "_link_end", counting)
    assert not has_obfuscation("https://" + "a." * 50_000 + " и @" + "b_" * 50_000)
    assert len(calls) == 2
