"""Arabic-script folding for Persian/Dari, Pashto, Arabic (and Urdu-keyboard text).

Folding table (``ARABIC_TABLE``), chosen so that a Persian query meets text typed on an Arabic
keyboard (``کتاب یک`` == ``كتاب يك``) and vowelled text meets unvowelled text:

=====================================  ==============================================
Arabic yeh ``ي``, alef maksura ``ى``    Persian yeh ``ی``
yeh with hamza ``ئ``                    ``ی`` (hamza dropped)
Arabic kaf ``ك``, swash kaf ``ڪ``       keheh ``ک``
alef with hamza/madda ``أ إ آ ٱ``       bare alef ``ا``
waw with hamza ``ؤ``                    ``و``
Urdu heh forms ``ھ ہ``                  ``ه``
harakat, superscript alef, Quranic      removed (U+0610–U+061A, U+064B–U+065F, U+0670,
annotation marks, tatweel ``ـ``         U+06D6–U+06ED, U+08D3–U+08FF, U+0640)
Arabic-Indic ``٠-٩``, Persian ``۰-۹``   ASCII ``0-9``
``، ؛ ؟ ٪ ٫ ٬ ۔``                       ``, ; ? % . , .``
=====================================  ==============================================

Kept on purpose:

* teh marbuta ``ة`` is **not** folded to ``ه``: in Arabic it marks the feminine/ending and
  folding it merges distinct words; Persian rarely uses it.
* hamza ``ء`` and heh with yeh ``ۀ`` are kept (``ۀ`` is a Pashto letter).
* Pashto letters ``ټ ډ ړ ږ ښ ګ ڼ ې ۍ`` are left untouched, and Pashto ``ګ`` (U+06AB) stays
  distinct from Persian ``گ`` (U+06AF). Known loss: Pashto distinguishes ``ي`` and ``ئ`` from
  ``ی``; folding them (needed for Persian/Arabic search) merges a few Pashto inflections.

ZWNJ (U+200C) between two Arabic-script letters is removed (``می‌روم`` → ``میروم``).
:func:`propwatch.normalize.normalize` removes every ZWNJ (see ``unicode.py``).
"""

from __future__ import annotations

import re

__all__ = ["ARABIC_TABLE", "fold_arabic"]

_REMOVED_RANGES = (
    (0x0610, 0x061A),
    (0x0640, 0x0640),
    (0x064B, 0x065F),
    (0x0670, 0x0670),
    (0x06D6, 0x06ED),
    (0x08D3, 0x08E1),
    (0x08E3, 0x08FF),
)


def _build_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {
        cp: None for first, last in _REMOVED_RANGES for cp in range(first, last + 1)
    }
    mapping = {
        "ي": "ی",
        "ى": "ی",
        "ئ": "ی",
        "ك": "ک",
        "ڪ": "ک",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ٲ": "ا",
        "ٳ": "ا",
        "ؤ": "و",
        "ھ": "ه",
        "ہ": "ه",
        "،": ",",
        "؛": ";",
        "؟": "?",
        "٪": "%",
        "٫": ".",
        "٬": ",",
        "۔": ".",
    }
    table.update({ord(k): v for k, v in mapping.items()})
    for i in range(10):
        table[0x0660 + i] = str(i)
        table[0x06F0 + i] = str(i)
    return table


#: ``str.translate`` table for the letter, digit, punctuation and diacritic folding above.
ARABIC_TABLE: dict[int, str | None] = _build_table()

_ARABIC_LETTER = (
    "\u0621-\u063f\u0641-\u064a\u066e-\u066f\u0671-\u06d3\u06d5\u06ee-\u06ff\u0750-\u077f"
)
_ZWNJ_IN_WORD = re.compile(f"(?<=[{_ARABIC_LETTER}])\u200c+(?=[{_ARABIC_LETTER}])")
_ARABIC_BLOCK = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")


def fold_arabic(text: str) -> str:
    """Fold Arabic-script variants, drop diacritics/tatweel, ASCII digits, inner ZWNJ.

    >>> fold_arabic("كتاب يك") == fold_arabic("کتاب یک") == "کتاب یک"
    True
    >>> fold_arabic("اللَّه"), fold_arabic("جـــهاد"), fold_arabic("٢٠٢٤")
    ('الله', 'جهاد', '2024')
    """
    if not _ARABIC_BLOCK.search(text):
        return text
    text = text.translate(ARABIC_TABLE)
    if "\u200c" in text:
        text = _ZWNJ_IN_WORD.sub("", text)
    return text
