"""Script-independent Unicode clean-up: surrogates, invisibles, controls, apostrophes, case.

Building blocks of :func:`propwatch.normalize.normalize`; each is usable on its own.

* ``replace_surrogates``: lone surrogates (from ``surrogateescape``/broken JSON) → U+FFFD.
* ``UNICODE_TABLE`` / ``strip_invisible``: a ``str.translate`` table that *removes* format
  characters (Unicode category Cf: ZWSP, ZWNJ, ZWJ, LRM/RLM, LRE/RLE/PDF/LRO/RLO, LRI/RLI/FSI/PDI,
  word joiner, BOM, soft hyphen, Arabic letter mark, tag characters, ...), the combining grapheme
  joiner and variation selectors; turns C0/C1 control characters into a space (``\\t`` and ``\\n``
  are whitespace anyway); unifies the apostrophes used in Uzbek Latin
  (``ʻ ʼ ‘ ’ ` ´ ′ ʹ ʽ ‛``) to ASCII ``'``.
* ``fold_case``: ``str.casefold`` with one Turkish rule. **Choice**: ``İ`` (U+0130) → ``i``
  (plain casefold would give ``i`` + U+0307), and ``ı`` (dotless) is kept distinct from ``i`` so
  that Turkish ``ılım``/``ilim`` stay apart in the normalized text; ``I`` folds to ``i`` as in
  every other language (we cannot know the text is Turkish). The *match key* folds ``ı`` → ``i``.
* ``nfkc``: NFKC with a fast already-normalized check.
* ``collapse_whitespace``: runs of whitespace (Unicode ``str.split`` semantics, newlines
  included) → one space, no leading/trailing space: the normalized form is a single line.

ZWNJ is removed everywhere by the table: inside a Persian word it joins the parts
(``می‌روم`` → ``میروم``), elsewhere it is invisible noise (or an evasion trick) and removing it
rejoins the word.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "APOSTROPHES",
    "INVISIBLE",
    "UNICODE_TABLE",
    "collapse_whitespace",
    "fold_case",
    "nfkc",
    "replace_surrogates",
    "strip_invisible",
]

#: Characters written for the Uzbek ``oʻ``/``gʻ`` and the tutuq belgisi, folded to ``'``.
APOSTROPHES = "\u02bb\u02bc\u2018\u2019\u0060\u00b4\u2032\u02b9\u02bd\u201b\uff07"

_INVISIBLE_RANGES: tuple[tuple[int, int], ...] = (
    (0x00AD, 0x00AD),  # soft hyphen
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x0600, 0x0605),  # Arabic number sign ... (prepended concatenation marks)
    (0x061C, 0x061C),  # Arabic letter mark
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x180B, 0x180F),  # Mongolian free variation selectors, vowel separator
    (0x200B, 0x200F),  # ZWSP, ZWNJ, ZWJ, LRM, RLM
    (0x202A, 0x202E),  # LRE, RLE, PDF, LRO, RLO
    (0x2060, 0x2064),  # word joiner, invisible operators
    (0x2066, 0x206F),  # LRI, RLI, FSI, PDI, deprecated format characters
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFEFF, 0xFEFF),  # BOM / ZWNBSP
    (0xFFF9, 0xFFFB),  # interlinear annotation
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),  # tag characters
    (0xE0100, 0xE01EF),  # variation selectors supplement
)

#: Code points removed outright.
INVISIBLE: frozenset[int] = frozenset(
    cp for first, last in _INVISIBLE_RANGES for cp in range(first, last + 1)
)


def _build_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {cp: None for cp in INVISIBLE}
    for cp in (*range(0x00, 0x20), *range(0x7F, 0xA0)):
        table[cp] = " "
    for ch in APOSTROPHES:
        table[ord(ch)] = "'"
    table[0x0130] = "i"  # Turkish capital dotted I (see fold_case)
    return table


#: ``str.translate`` table: invisibles removed, controls → space, apostrophes → ``'``, ``İ``.
UNICODE_TABLE: dict[int, str | None] = _build_table()

_SURROGATE = re.compile("[\ud800-\udfff]")


def replace_surrogates(text: str) -> str:
    """Replace lone surrogates (not encodable as UTF-8) with U+FFFD."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text


def strip_invisible(text: str) -> str:
    """Apply :data:`UNICODE_TABLE` (invisibles out, controls → space, apostrophes → ``'``)."""
    return text.translate(UNICODE_TABLE)


def nfkc(text: str) -> str:
    """NFKC, skipping the work when ``text`` is already normalized."""
    if unicodedata.is_normalized("NFKC", text):
        return text
    return unicodedata.normalize("NFKC", text)


def fold_case(text: str) -> str:
    """``str.casefold`` except ``İ`` → ``i``; ``ı`` stays (see the module docstring)."""
    if "\u0130" in text:
        text = text.replace("\u0130", "i")
    return text.casefold()


def collapse_whitespace(text: str) -> str:
    """Runs of whitespace → one space; strip both ends."""
    return " ".join(text.split())
