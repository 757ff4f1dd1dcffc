"""Perturbations are deterministic, stay inside words and keep the text's meaning (its key)."""

from __future__ import annotations

import random
import unicodedata

import pytest

from propwatch.detect.perturb import PERTURBATIONS, perturb
from propwatch.detect.textview import deobfuscate
from propwatch.normalize import match_key, normalize

SENTENCES = [
    "Kanal rofiziylarni yahudiylar bilan bir deb da'vo qiladi.",
    "O‘zbekiston va G‘arb haqida 2024-yil 12 mart xabari.",
    "Бу гуруҳ рофизийлар ҳақида ёлғон тарқатади.",
    "Рофизиён душмани аҳли суннатанд, мегӯяд канал.",
    "Канал тагуттарга баш ийбөөгө чакырат.",
    "Пропаганда называет шиитов рафидитами.",
    "این کانال شیعیان را روافض می‌نامد.",
    "دا چینل صلیبیان دښمنان بولي.",
    "بيان يهاجم الرافضة والصليبيين.",
    "Kanal Şiileri Rafiziler olarak adlandırıyor.",
    "The post calls Christians worshippers of the cross.",
]


@pytest.mark.parametrize("kind", sorted(PERTURBATIONS))
def test_deterministic_and_seed_dependent(kind: str) -> None:
    outputs = set()
    for sentence in SENTENCES:
        assert perturb(sentence, kind, seed=3) == perturb(sentence, kind, seed=3)
        outputs.update(perturb(sentence, kind, seed=seed) for seed in range(6))
    assert len(outputs) > len(SENTENCES), f"{kind}: seeds make no difference"


def test_unknown_kind() -> None:
    with pytest.raises(ValueError, match="unknown perturbation"):
        perturb("text", "rot13")


@pytest.mark.parametrize("kind", ["homoglyph", "zero_width", "case", "apostrophe", "arabic_marks"])
def test_normalization_undoes_the_perturbation(kind: str) -> None:
    """A reader sees the same words: the cross-script key is unchanged."""
    for seed in range(10):
        for sentence in SENTENCES:
            assert match_key(perturb(sentence, kind, seed=seed)) == match_key(sentence)


@pytest.mark.parametrize("kind", ["zero_width", "arabic_marks"])
def test_invisible_additions_leave_the_normalized_text_alone(kind: str) -> None:
    for seed in range(10):
        for sentence in SENTENCES:
            assert normalize(perturb(sentence, kind, seed=seed)) == normalize(sentence)


def test_homoglyph_swaps_only_a_minority_of_letters_into_the_other_script() -> None:
    out = perturb("рафидиты rafidalar", "homoglyph", seed=2)
    assert out != "рафидиты rafidalar"
    assert normalize(out) == "рафидиты rafidalar"
    for word in out.split():
        scripts = [unicodedata.name(ch).split()[0] for ch in word]
        assert scripts.count("LATIN") != scripts.count("CYRILLIC")


def test_leet_replaces_vowels_and_keeps_letters() -> None:
    rng = random.Random(0)
    for sentence in SENTENCES:
        out = PERTURBATIONS["leet"](sentence, rng)
        assert len(out) == len(sentence)
        for before, after in zip(sentence, out, strict=True):
            assert before == after or after in "01345"
        # The de-obfuscated view gives back the original key.
        assert match_key(deobfuscate(out).text) == match_key(deobfuscate(sentence).text)
    assert perturb("rafida", "leet", seed=1) != "rafida"
    assert any(ch in "40" for ch in perturb("рафидиты ислом", "leet", seed=1))


def test_spacing_spaces_exactly_one_word() -> None:
    sentence = "The post calls Christians worshippers of the cross."
    for seed in range(10):
        out = perturb(sentence, "spacing", seed=seed)
        assert len(out.split()) >= len(sentence.split())
        assert match_key(deobfuscate(out).text) == match_key(sentence)
        changed = [w for w in sentence.split() if w not in out.split()]
        assert len(changed) == 1


def test_apostrophe_variants() -> None:
    text = "O‘zbekiston va G‘arb"
    outs = {perturb(text, "apostrophe", seed=s) for s in range(12)}
    assert len(outs) > 3
    assert any(len(o) < len(text) for o in outs), "dropping the apostrophe is one variant"
    assert perturb("no apostrophes here", "apostrophe", seed=1) == "no apostrophes here"


def test_arabic_marks_touch_only_arabic_script() -> None:
    out = perturb("بيان الرافضة and text", "arabic_marks", seed=4)
    assert out.endswith(" and text")
    assert any("\u064b" <= ch <= "\u0652" or ch == "\u0640" for ch in out)


def test_case_changes_only_case_and_skips_letters_that_do_not_round_trip() -> None:
    text = "Rafızi 2024 ßς İ"
    outs = {perturb(text, "case", seed=s) for s in range(8)}
    assert len(outs) > 1
    for out in outs:
        assert out.lower() == text.lower()
        assert "ı" in out and "ß" in out and "ς" in out and "İ" in out and "2024" in out
