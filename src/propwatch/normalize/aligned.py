"""Offset-preserving twins of ``normalize_token`` and ``key_token``.

The detection matcher searches the normalized text and the cross-script key but must report
evidence as offsets into the *original* text. These functions return, next to the very same
string that :func:`propwatch.normalize.pipeline.normalize_token` / :func:`.translit.key_token`
produce, the span of the input each output character comes from.

How: the token is cut into clusters (a character plus the combining marks and invisible
characters that follow it), each cluster is folded on its own with the same tables and steps as
``normalize_token`` (translate, NFKC, case folding), the homoglyph folding (a one-to-one
character map) runs over the joined result, and whitespace is collapsed. The key is emulated
character by character (``е`` → ``ye`` rule, ``KEY_TABLE``, token boundaries at punctuation).

**Guarantee**: the returned text always equals the reference function's output, because the
result is compared with it; when the per-cluster emulation disagrees (scripts whose NFKC
composes across clusters, e.g. Hangul jamo), every output character is given the span of the
whole token. Offsets are then coarse but never wrong.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from propwatch.normalize.arabic import ARABIC_TABLE
from propwatch.normalize.homoglyph import fold_homoglyphs
from propwatch.normalize.pipeline import normalize_token
from propwatch.normalize.translit import KEY_TABLE, key_token
from propwatch.normalize.unicode import (
    INVISIBLE,
    UNICODE_TABLE,
    fold_case,
    nfkc,
    replace_surrogates,
)

__all__ = ["Aligned", "AlignedToken", "align_token", "key_token_aligned", "normalize_token_aligned"]


class Aligned(NamedTuple):
    """A derived string and, per character, the ``[start, end)`` span of the input it covers."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]


class AlignedToken(NamedTuple):
    """One whitespace token's normalized form and key, both aligned to the token itself."""

    norm: Aligned
    key: Aligned


_TABLE: dict[int, str | None] = {**ARABIC_TABLE, **UNICODE_TABLE}
_ASCII_NEEDS_TABLE = re.compile(r"[\x00-\x1f\x7f`]")
_LETTER = re.compile(r"[^\W\d_]")
#: Same as ``translit._VOWELS``: after these, Cyrillic ``е`` is keyed ``ye``.
_VOWELS = frozenset("аеёиоуыэюяўӯөүіӣъь")
_DROPPED_CATEGORIES = frozenset(("Mn", "Me", "Cf"))


def _coarse(text: str, length: int) -> Aligned:
    n = len(text)
    return Aligned(text, (0,) * n, (length,) * n)


def _clusters(token: str) -> list[tuple[int, int]]:
    """``[start, end)`` of each cluster: a character plus the marks that follow it.

    Invisibles between the character and a mark belong to the cluster (removing them lets NFKC
    compose the two, as ``normalize_token`` does); trailing invisibles form clusters of their
    own that produce no output, so no visible character's span reaches over them (evidence
    does not end in a zero-width character or a removed separator).
    """
    bounds: list[tuple[int, int]] = []
    start = 0
    for i in range(1, len(token) + 1):
        if i < len(token):
            ch = token[i]
            if ord(ch) in INVISIBLE or unicodedata.category(ch)[0] == "M":
                continue
        end = i
        while end - 1 > start and ord(token[end - 1]) in INVISIBLE:
            end -= 1
        bounds.append((start, end))
        if end < i:
            bounds.append((end, i))
        start = i
    return bounds if token else []


def _fold_cluster(cluster: str) -> str:
    text = nfkc(replace_surrogates(cluster).translate(_TABLE)).translate(_TABLE)
    return nfkc(fold_case(text))


def _collapse(chars: list[str], starts: list[int], ends: list[int]) -> Aligned:
    """Whitespace runs → one space (spanning the run), no leading/trailing space."""
    out: list[str] = []
    o_starts: list[int] = []
    o_ends: list[int] = []
    pending: tuple[int, int] | None = None
    for ch, s, e in zip(chars, starts, ends, strict=True):
        if ch.isspace():
            if out:
                pending = (pending[0], e) if pending else (s, e)
            continue
        if pending is not None:
            out.append(" ")
            o_starts.append(pending[0])
            o_ends.append(pending[1])
            pending = None
        out.append(ch)
        o_starts.append(s)
        o_ends.append(e)
    return Aligned("".join(out), tuple(o_starts), tuple(o_ends))


def normalize_token_aligned(token: str) -> Aligned:
    """``normalize_token(token)`` with the span of ``token`` behind each output character.

    >>> aligned = normalize_token_aligned("Ra\\u200bfida")
    >>> aligned.text, aligned.starts
    ('rafida', (0, 1, 3, 4, 5, 6))
    """
    if token.isascii() and not _ASCII_NEEDS_TABLE.search(token):
        n = len(token)
        return Aligned(token.lower(), tuple(range(n)), tuple(range(1, n + 1)))
    reference = normalize_token(token)
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for s, e in _clusters(token):
        for ch in _fold_cluster(token[s:e]):
            chars.append(ch)
            starts.append(s)
            ends.append(e)
    joined = "".join(chars)
    folded = nfkc(fold_homoglyphs(joined))
    if len(folded) != len(joined):
        return _coarse(reference, len(token))
    result = _collapse(list(folded), starts, ends)
    if result.text != reference:
        return _coarse(reference, len(token))
    return result


def key_token_aligned(token: str) -> Aligned:
    """``key_token(token)`` (``token``: one normalized token) with per-character spans.

    >>> key_token_aligned("шаҳид").text, key_token_aligned("шаҳид").starts
    ('shahid', (0, 0, 1, 2, 3, 4))
    """
    if token.isascii() and token.isalnum():
        n = len(token)
        return Aligned(token, tuple(range(n)), tuple(range(1, n + 1)))
    reference = key_token(token)
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for i, ch in enumerate(token):
        mapped: str
        if ch == "е":
            prev = token[i - 1] if i else ""
            ye = not prev or not _LETTER.match(prev) or prev in _VOWELS
            mapped = "ye" if ye else "e"
        else:
            value = KEY_TABLE.get(ord(ch), ch)
            mapped = value if value is not None else ""
        for out in mapped:
            if out.isalnum():
                if out.isdecimal() and not out.isascii():
                    out = str(unicodedata.decimal(out, 0))
            else:
                category = unicodedata.category(out)
                if category in _DROPPED_CATEGORIES:
                    continue
                if category != "Mc":
                    out = " "
            chars.append(out)
            starts.append(i)
            ends.append(i + 1)
    result = _collapse(chars, starts, ends)
    if result.text != reference:
        return _coarse(reference, len(token))
    return result


def align_token(token: str) -> AlignedToken:
    """Normalized form and key of one whitespace token, both aligned to ``token``.

    The key is ``key_from_normalized`` of the normalized token (which may hold spaces when the
    token contained control characters); its spans are composed back onto ``token``.
    """
    norm = normalize_token_aligned(token)
    k_chars: list[str] = []
    k_starts: list[int] = []
    k_ends: list[int] = []
    offset = 0
    for piece in norm.text.split(" "):
        if piece:
            key = key_token_aligned(piece)
            if key.text:
                if k_chars:
                    k_chars.append(" ")
                    k_starts.append(norm.starts[offset])
                    k_ends.append(norm.starts[offset])
                k_chars.extend(key.text)
                k_starts.extend(norm.starts[offset + s] for s in key.starts)
                k_ends.extend(norm.ends[offset + e - 1] for e in key.ends)
        offset += len(piece) + 1
    return AlignedToken(norm, Aligned("".join(k_chars), tuple(k_starts), tuple(k_ends)))
