"""Composition: ``normalize`` (search/analysis form) and ``match_key`` (cross-script key).

``normalize`` applies, to each whitespace-separated token:

1. lone surrogates → U+FFFD (``unicode.replace_surrogates``);
2. one ``str.translate`` with the merged table (only if the token holds a character it changes):
   invisibles/format characters removed (ZWNJ included), controls → space, Uzbek apostrophes →
   ``'``, ``İ`` → ``i``, Arabic-script folding (``arabic.ARABIC_TABLE``). This runs *before*
   NFKC so that ``´`` becomes ``'`` rather than space + combining accent, and so that removing
   an invisible or a haraka between a letter and a mark lets NFKC compose them;
3. NFKC, then the table again if NFKC produced one of its characters (``ŉ`` → ``ʼn``);
4. case folding (``unicode.fold_case``: ``İ`` → ``i``, Turkish ``ı`` kept), NFKC again;
5. homoglyph folding of mixed-script words (``homoglyph.fold_homoglyphs``), both before case
   folding (capital look-alikes such as Latin ``H`` in ``Hила`` stop looking like ``Н`` once
   lower-cased) and after it (so that ``ß`` → ``ss`` cannot change a word's majority script on
   a second pass); NFKC again (a folded letter may compose with its combining mark);
6. whitespace collapsed: the result is one line, tokens separated by single spaces (the raw
   text keeps the line structure).

Every step is local to a whitespace token, so ``normalize(text)`` is the tokens' results joined
by spaces; results are memoized per token in a bounded cache (``translit.TokenCache``), so
corpus text, which repeats its vocabulary, costs mostly dict look-ups. Pure-ASCII text takes a
whole-string shortcut. ``normalize`` never raises on a ``str`` and is idempotent
(property-tested in ``tests/normalize/test_properties.py``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import NamedTuple

from propwatch.normalize.arabic import ARABIC_TABLE
from propwatch.normalize.homoglyph import fold_homoglyphs
from propwatch.normalize.script import detect_script
from propwatch.normalize.translit import TokenCache, key_from_normalized
from propwatch.normalize.unicode import UNICODE_TABLE, fold_case, nfkc, replace_surrogates

__all__ = [
    "NORMALIZED_TOKENS", "TOKEN_KEYS", "NormalizedText", "match_key", "normalize",
    "normalize_token", "prepare",
]

_TABLE: dict[int, str | None] = {**ARABIC_TABLE, **UNICODE_TABLE}
#: Characters ``_TABLE`` changes: translate only tokens that contain one (one C-speed scan).


def _char_class(code_points: Iterable[int]) -> str:
    """A regex character class for ``code_points``, as compact ranges."""
    parts: list[str] = []
    cps = sorted(code_points)
    i = 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        first, last = re.escape(chr(cps[i])), re.escape(chr(cps[j]))
        parts.append(first if i == j else f"{first}-{last}")
        i = j + 1
    return "[" + "".join(parts) + "]"


# BMP and astral parts apart: a class with astral members compiles to a slow linear range list.
# Any astral character (emoji, tag characters, ...) gets the full translate.
_NEEDS_TABLE = re.compile(
    _char_class(c for c in _TABLE if c <= 0xFFFF) + "|[\U00010000-\U0010ffff]"
)
_ASCII_NEEDS_TABLE = re.compile(r"[\x00-\x1f\x7f`]")


def _fold(token: str) -> str:
    if _NEEDS_TABLE.search(token):
        token = token.translate(_TABLE)
    if not unicodedata.is_normalized("NFKC", token):
        token = unicodedata.normalize("NFKC", token)
        if _NEEDS_TABLE.search(token):
            token = token.translate(_TABLE)
    # Homoglyphs are folded before case folding too: capital look-alikes (Latin H, B, M, T in a
    # Cyrillic word) lose their likeness once lower-cased (h is not н), and after it, so that
    # ß → ss cannot change a word's majority script unnoticed.
    token = nfkc(fold_case(fold_homoglyphs(token)))
    return nfkc(fold_homoglyphs(token))


def normalize_token(token: str) -> str:
    """Normalize one token (it may come out as several space-separated tokens, or ``""``)."""
    if token.isascii():
        if _ASCII_NEEDS_TABLE.search(token):
            return " ".join(token.translate(_TABLE).lower().split())
        return token.lower()
    text = _fold(replace_surrogates(token))
    return " ".join(text.split())


#: The memo of ``normalize_token`` (shared with the detector's text views: one cache, not two).
NORMALIZED_TOKENS = TokenCache(normalize_token)
#: ``match_key`` of one whitespace-free token, memoized (the detector's key view and search
#: snippets look up every token of a text).
TOKEN_KEYS = TokenCache(lambda token: key_from_normalized(NORMALIZED_TOKENS[token]))


def normalize(text: str) -> str:
    """The search/analysis form of ``text`` (see the module docstring).

    >>> normalize("  Ўзбек\\u200b  тилида\\n«Rаfidа»  ")
    'ўзбек тилида «rafida»'
    >>> normalize("كتاب يك") == normalize("کتاب یک")
    True
    """
    if text.isascii():
        if _ASCII_NEEDS_TABLE.search(text):
            text = text.translate(_TABLE)
        return " ".join(text.lower().split())
    return " ".join(filter(None, map(NORMALIZED_TOKENS.__getitem__, text.split())))


def match_key(text: str, normalized: bool = False) -> str:
    """Cross-script key of ``text``; pass ``normalized=True`` if ``text`` is ``normalize`` output.

    >>> match_key("Ўзбекистон") == match_key("O‘zbekiston") == "ozbekiston"
    True
    """
    return key_from_normalized(text if normalized else normalize(text))


class NormalizedText(NamedTuple):
    """Everything the analysis stages derive from one text."""

    text: str
    key: str
    script: str


def prepare(text: str) -> NormalizedText:
    """Normalize ``text`` once and derive its match key and dominant script."""
    norm = normalize(text)
    return NormalizedText(norm, key_from_normalized(norm), detect_script(norm))
