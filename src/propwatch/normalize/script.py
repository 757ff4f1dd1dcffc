"""Writing-system (script) detection by Unicode block, with ISO 15924 codes.

``script_of(ch)`` maps one character to its script code by code-point range (a compact subset of
Unicode ``Scripts.txt`` covering the blocks that matter for the corpus and the common others).
``script_profile(text)`` counts *letters* (``str.isalpha``) by script; ``detect_script(text)``
returns the script with the most letters, ``"Zyyy"`` (common) when the text has no letter and
``"Zzzz"`` (unknown) for letters outside the table. Ties go to the script seen first.

Han, Hiragana and Katakana are reported separately (``Hani``/``Hira``/``Kana``); the caller can
merge them into ``Jpan`` if it needs to. Run on normalized text so that homoglyph-spoofed words
(``рaфидиты``) count for their real script.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter

__all__ = ["SCRIPT_RANGES", "detect_script", "script_of", "script_profile"]

#: ``(first, last, code)`` code-point ranges, inclusive, sorted and non-overlapping.
SCRIPT_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0041, 0x005A, "Latn"),
    (0x0061, 0x007A, "Latn"),
    (0x00AA, 0x00AA, "Latn"),
    (0x00BA, 0x00BA, "Latn"),
    (0x00C0, 0x024F, "Latn"),
    (0x0250, 0x02AF, "Latn"),
    (0x0370, 0x03FF, "Grek"),
    (0x0400, 0x052F, "Cyrl"),
    (0x0530, 0x058F, "Armn"),
    (0x0590, 0x05FF, "Hebr"),
    (0x0600, 0x06FF, "Arab"),
    (0x0700, 0x074F, "Syrc"),
    (0x0750, 0x077F, "Arab"),
    (0x0780, 0x07BF, "Thaa"),
    (0x07C0, 0x07FF, "Nkoo"),
    (0x0860, 0x086F, "Syrc"),
    (0x0870, 0x08FF, "Arab"),
    (0x0900, 0x097F, "Deva"),
    (0x0980, 0x09FF, "Beng"),
    (0x0A00, 0x0A7F, "Guru"),
    (0x0A80, 0x0AFF, "Gujr"),
    (0x0B00, 0x0B7F, "Orya"),
    (0x0B80, 0x0BFF, "Taml"),
    (0x0C00, 0x0C7F, "Telu"),
    (0x0C80, 0x0CFF, "Knda"),
    (0x0D00, 0x0D7F, "Mlym"),
    (0x0D80, 0x0DFF, "Sinh"),
    (0x0E00, 0x0E7F, "Thai"),
    (0x0E80, 0x0EFF, "Laoo"),
    (0x0F00, 0x0FFF, "Tibt"),
    (0x1000, 0x109F, "Mymr"),
    (0x10A0, 0x10FF, "Geor"),
    (0x1100, 0x11FF, "Hang"),
    (0x1200, 0x139F, "Ethi"),
    (0x13A0, 0x13FF, "Cher"),
    (0x1400, 0x167F, "Cans"),
    (0x1680, 0x169F, "Ogam"),
    (0x16A0, 0x16FF, "Runr"),
    (0x1780, 0x17FF, "Khmr"),
    (0x1800, 0x18AF, "Mong"),
    (0x1C80, 0x1C8F, "Cyrl"),
    (0x1C90, 0x1CBF, "Geor"),
    (0x1D00, 0x1D7F, "Latn"),
    (0x1E00, 0x1EFF, "Latn"),
    (0x1F00, 0x1FFF, "Grek"),
    (0x2C60, 0x2C7F, "Latn"),
    (0x2D00, 0x2D2F, "Geor"),
    (0x2D30, 0x2D7F, "Tfng"),
    (0x2D80, 0x2DDF, "Ethi"),
    (0x2DE0, 0x2DFF, "Cyrl"),
    (0x2E80, 0x2FDF, "Hani"),
    (0x3005, 0x3007, "Hani"),
    (0x3021, 0x3029, "Hani"),
    (0x3038, 0x303B, "Hani"),
    (0x3040, 0x309F, "Hira"),
    (0x30A0, 0x30FF, "Kana"),
    (0x3100, 0x312F, "Bopo"),
    (0x3130, 0x318F, "Hang"),
    (0x31F0, 0x31FF, "Kana"),
    (0x3400, 0x4DBF, "Hani"),
    (0x4E00, 0x9FFF, "Hani"),
    (0xA000, 0xA4CF, "Yiii"),
    (0xA640, 0xA69F, "Cyrl"),
    (0xA720, 0xA7FF, "Latn"),
    (0xA960, 0xA97F, "Hang"),
    (0xAB30, 0xAB6F, "Latn"),
    (0xAC00, 0xD7FF, "Hang"),
    (0xF900, 0xFAFF, "Hani"),
    (0xFB00, 0xFB06, "Latn"),
    (0xFB13, 0xFB17, "Armn"),
    (0xFB1D, 0xFB4F, "Hebr"),
    (0xFB50, 0xFDFF, "Arab"),
    (0xFE70, 0xFEFF, "Arab"),
    (0xFF21, 0xFF3A, "Latn"),
    (0xFF41, 0xFF5A, "Latn"),
    (0xFF66, 0xFF9F, "Kana"),
    (0x10E60, 0x10E7F, "Arab"),
    (0x1EE00, 0x1EEFF, "Arab"),
    (0x20000, 0x3FFFF, "Hani"),
)

_STARTS = [first for first, _, _ in SCRIPT_RANGES]
_CACHE: dict[str, str] = {}


def script_of(ch: str) -> str:
    """ISO 15924 code of one character's block: ``Zyyy`` for non-letters, ``Zzzz`` if unknown.

    >>> script_of("ж"), script_of("ش"), script_of("q"), script_of("7")
    ('Cyrl', 'Arab', 'Latn', 'Zyyy')
    """
    code = _CACHE.get(ch)
    if code is None:
        code = _lookup(ch)
        if len(_CACHE) < 65536:
            _CACHE[ch] = code
    return code


def _lookup(ch: str) -> str:
    if not ch.isalpha():
        return "Zyyy"
    cp = ord(ch)
    i = bisect_right(_STARTS, cp) - 1
    if i >= 0:
        first, last, code = SCRIPT_RANGES[i]
        if first <= cp <= last:
            return code
    return "Zzzz"


def script_profile(text: str) -> dict[str, int]:
    """Letter counts by script, in order of first appearance (non-letters are not counted)."""
    profile: dict[str, int] = {}
    for ch, n in Counter(text).items():
        code = script_of(ch)
        if code != "Zyyy":
            profile[code] = profile.get(code, 0) + n
    return profile


def detect_script(text: str) -> str:
    """The script with the most letters in ``text``; ``Zyyy`` if it has no letter.

    >>> detect_script("Хуросон вилояти"), detect_script("خراسان"), detect_script("2024!")
    ('Cyrl', 'Arab', 'Zyyy')
    """
    profile = script_profile(text)
    if not profile:
        return "Zyyy"
    return max(profile, key=profile.__getitem__)
