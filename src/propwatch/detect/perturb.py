"""Deterministic obfuscations, for robustness tests and the evaluation.

Each perturbation ``(text, rng) -> text`` imitates a trick propaganda channels use to slip
past keyword filters while a human still reads the same words: look-alike letters from another
script, invisible characters, leetspeak, letter spacing, apostrophe variants, Arabic vowel
marks and tatweel, random capitals. None of them changes what a reader understands; each is
local to words (punctuation, digits, spaces between words stay as they are).

``perturb(text, kind, seed)`` is reproducible: the same input, kind and seed always give the
same output (a fresh ``random.Random(seed)``; no global state).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from propwatch.normalize.homoglyph import CONFUSABLES
from propwatch.normalize.unicode import APOSTROPHES

__all__ = ["PERTURBATIONS", "Perturbation", "perturb"]

Perturbation = Callable[[str, random.Random], str]

_WORD = re.compile(r"[^\W\d_]+")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_ARABIC_LETTER = re.compile(r"[\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff]")

#: Latin letter → Cyrillic look-alike, and back (from the normalizer's confusables table, so
#: every swap is one the homoglyph folding knows).
_TO_CYRILLIC: dict[str, str] = {}
_TO_LATIN: dict[str, str] = {}
for _latin, _cyrillic, _greek in CONFUSABLES:
    if _latin and _cyrillic:
        _TO_CYRILLIC.setdefault(_latin, _cyrillic)
        _TO_LATIN.setdefault(_cyrillic, _latin)

_ZERO_WIDTH = ("\u200b", "\u200c", "\u200d", "\u2060")
_LEET_LATIN = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "5", "A": "4", "E": "3", "I": "1",
               "O": "0", "S": "5"}  # fmt: skip
_LEET_CYRILLIC = {"а": "4", "о": "0", "е": "3", "А": "4", "О": "0", "Е": "3"}
_APOSTROPHE_CHOICES = ("\u02bb", "\u2018", "'", "`", "\u2019", "\u02bc", "")
_APOSTROPHE = re.compile(f"(?<=[^\\W\\d_])[{re.escape(APOSTROPHES)}'](?=[^\\W\\d_])")
_HARAKAT = tuple(chr(cp) for cp in range(0x064B, 0x0653))
_TATWEEL = "\u0640"
#: Arabic letters that do not join to the next letter: no tatweel after them.
_NON_JOINING = frozenset("اأإآٱدذرزژوؤةءړډږۀ")
_SEPARATORS = (" ", ".", "-", "_")


def _words(text: str) -> list[re.Match[str]]:
    return list(_WORD.finditer(text))


def _replace_words(text: str, rewrite: Callable[[str], str]) -> str:
    return _WORD.sub(lambda m: rewrite(m.group()), text)


def _substitute(
    word: str, table: dict[str, str], slots: list[int], budget: int, rng: random.Random
) -> str:
    """Replace between 1 and ``budget`` of the letters at ``slots`` through ``table``."""
    chosen = rng.sample(slots, min(len(slots), rng.randint(1, budget)))
    chars = list(word)
    for i in chosen:
        chars[i] = table[chars[i]]
    return "".join(chars)


def homoglyph(text: str, rng: random.Random) -> str:
    """Swap some letters of Latin and Cyrillic words for the other script's look-alikes.

    At most a minority of a word's letters change, so the word keeps its majority script
    (what a reader sees, and what the homoglyph folding restores).
    """

    def rewrite(word: str) -> str:
        latin = len(_LATIN.findall(word))
        cyrillic = len(_CYRILLIC.findall(word))
        table = _TO_CYRILLIC if latin > cyrillic else _TO_LATIN if cyrillic > latin else {}
        slots = [i for i, ch in enumerate(word) if ch in table]
        budget = (len(word) - 1) // 2
        if not slots or budget < 1 or rng.random() < 0.3:
            return word
        return _substitute(word, table, slots, budget, rng)

    return _replace_words(text, rewrite)


def zero_width(text: str, rng: random.Random) -> str:
    """Insert zero-width characters (ZWSP, ZWNJ, ZWJ, word joiner) inside words."""

    def rewrite(word: str) -> str:
        if len(word) < 2:
            return word
        out = [word[0]]
        for ch in word[1:]:
            if rng.random() < 0.35:
                out.append(rng.choice(_ZERO_WIDTH))
            out.append(ch)
        return "".join(out)

    return _replace_words(text, rewrite)


def leet(text: str, rng: random.Random) -> str:
    """Leetspeak: ``a→4 e→3 i→1 o→0 s→5`` in Latin words, ``а→4 о→0 е→3`` in Cyrillic ones.

    Words keep at least half of their letters, so they still read as words (``r4f1da``).
    """

    def rewrite(word: str) -> str:
        if len(word) < 3:
            return word
        table = _LEET_CYRILLIC if _CYRILLIC.search(word) else _LEET_LATIN
        slots = [i for i, ch in enumerate(word) if ch in table]
        budget = len(word) // 2
        if not slots:
            return word
        return _substitute(word, table, slots, budget, rng)

    return _replace_words(text, rewrite)


def spacing(text: str, rng: random.Random) -> str:
    """Letter-space one word of at least 3 letters (``r a f i d a``, ``r.a.f.i.d.a``).

    Only a word that stands alone (not glued to an apostrophe, digit or mark) is spaced.
    """
    candidates = [
        m
        for m in _words(text)
        if len(m.group()) >= 3
        and (m.start() == 0 or not (text[m.start() - 1].isalnum() or text[m.start() - 1] in "'"))
        and (m.end() == len(text) or text[m.end()].isspace() or text[m.end()] in '.,!?:;»"')
    ]
    if not candidates:
        return text
    match = rng.choice(candidates)
    sep = rng.choice(_SEPARATORS)
    return text[: match.start()] + sep.join(match.group()) + text[match.end() :]


def apostrophe(text: str, rng: random.Random) -> str:
    """Swap the apostrophe of Uzbek ``oʻ``/``gʻ`` (and the tutuq belgisi) for another variant
    (``ʻ ‘ ' ` ’ ʼ``), or drop it, as writers do."""
    return _APOSTROPHE.sub(lambda m: rng.choice(_APOSTROPHE_CHOICES), text)


def arabic_marks(text: str, rng: random.Random) -> str:
    """Insert harakat (U+064B–U+0652) and tatweel (U+0640) into Arabic-script words."""

    def rewrite(word: str) -> str:
        if not _ARABIC_LETTER.search(word):
            return word
        out: list[str] = []
        for i, ch in enumerate(word):
            out.append(ch)
            if not _ARABIC_LETTER.match(ch):
                continue
            if rng.random() < 0.5:
                out.append(rng.choice(_HARAKAT))
            if i + 1 < len(word) and ch not in _NON_JOINING and rng.random() < 0.25:
                out.append(_TATWEEL * rng.randint(1, 3))
        return "".join(out)

    return _replace_words(text, rewrite)


def case(text: str, rng: random.Random) -> str:
    """Random capitals and lower-case letters (only letters whose case round-trips:
    Turkish ``ı``, ``ß``, final ``ς`` are left alone)."""
    out: list[str] = []
    for ch in text:
        swapped = ch.swapcase()
        if len(swapped) == 1 and swapped != ch and swapped.swapcase() == ch and rng.random() < 0.4:
            out.append(swapped)
        else:
            out.append(ch)
    return "".join(out)


#: Every perturbation by name.
PERTURBATIONS: dict[str, Perturbation] = {
    "homoglyph": homoglyph,
    "zero_width": zero_width,
    "leet": leet,
    "spacing": spacing,
    "apostrophe": apostrophe,
    "arabic_marks": arabic_marks,
    "case": case,
}


def perturb(text: str, kind: str, seed: int = 0) -> str:
    """Apply the perturbation ``kind`` (a key of :data:`PERTURBATIONS`) with a seeded RNG.

    >>> perturb("Rafida", "spacing", seed=1) == perturb("Rafida", "spacing", seed=1)
    True
    """
    try:
        function = PERTURBATIONS[kind]
    except KeyError:
        known = ", ".join(PERTURBATIONS)
        raise ValueError(f"unknown perturbation {kind!r}; known: {known}") from None
    return function(text, random.Random(seed))
