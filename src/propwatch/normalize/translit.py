"""The cross-script match key: one Latin key alphabet for Cyrillic and Latin spellings.

``key_from_normalized(text)`` turns *normalized* text (see ``normalize``) into the key that the
full-text index is built over; ``propwatch.normalize.match_key`` normalizes first. The key is
token-wise: tokens are separated by single spaces, punctuation and symbols become a token
boundary, apostrophes and spacing modifier letters (U+02B0–U+02FF) are deleted *inside* a token
(``o'zbek`` → ``ozbek``), combining marks are deleted, all decimal digits become ASCII.

Cyrillic (Uzbek, Tajik, Kyrgyz, Russian) → Latin:

======================  ====================================================================
а б в г д з и й к л м   a b v g d z i y k l m
н о п р с т у ф         n o p r s t u f
е / э                   ``ye`` at the start of a word or after a vowel, ъ or ь
                        (``Европа`` → ``yevropa``, ``поезд`` → ``poyezd``), else ``e``; э → e
ё ю я                   yo yu ya
ж ҷ ј                   j (Russian ж, Tajik ҷ both meet Uzbek Latin j)
х                       x (Russian too, to meet Uzbek ``x``: ``Хуросон`` == ``Xuroson``)
ц ч ш щ                 ts ch sh sh
ъ ь                     deleted
ы ӣ і                   i
ў ө                     o (Uzbek ``ў`` == ``o'`` == ``o``; Kyrgyz ө)
ӯ ү ұ                   u (Tajik ӯ, Kyrgyz ү)
қ ғ ҳ һ                 q g h h (Uzbek/Tajik)
ң                       ng (Kyrgyz)
======================  ====================================================================

Latin: apostrophes deleted (``g'azot`` == ``gazot``); Turkish and new (2026) Uzbek Latin
``ş ç ğ ı ö ü`` → ``sh ch g i o u`` (``şahid`` == ``shahid`` == ``шаҳид``); ``ß æ œ ø ł đ ð þ ŋ``
→ ``ss ae oe o l d d th ng``; every other Latin letter loses its diacritics (``é`` → ``e``).
Greek is romanized (``α β γ δ ... θ χ ψ ω`` → ``a v g d ... th ch ps o``) so that no
Latin/Cyrillic/Greek look-alikes remain in the key (this keeps the key idempotent).
Arabic-script text stays in Arabic script (already folded by ``normalize``); other scripts are
kept as they are.

Keys are memoized per whitespace token (bounded cache): corpus text repeats its vocabulary,
so most tokens cost one dict look-up.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from propwatch.normalize.unicode import APOSTROPHES

__all__ = ["KEY_TABLE", "TokenCache", "key_from_normalized", "key_token"]

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "j", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "x", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "sh", "ъ": "", "ы": "i", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "ў": "o", "қ": "q", "ғ": "g", "ҳ": "h",
    "ҷ": "j", "ӣ": "i", "ӯ": "u",
    "ң": "ng", "ө": "o", "ү": "u",
    "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ј": "j", "ѕ": "s", "һ": "h", "ә": "a",
    "ұ": "u", "ҙ": "z", "ҫ": "s", "ђ": "dj", "ћ": "c", "љ": "lj", "њ": "nj", "џ": "dj",
    "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "",
}  # fmt: skip

_GREEK = {
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th",
    "ι": "i", "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p",
    "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps",
    "ω": "o", "ϳ": "j",
}  # fmt: skip

_LATIN_SPECIAL = {
    "ş": "sh", "ç": "ch", "ğ": "g", "ı": "i", "ö": "o", "ü": "u", "ß": "ss", "æ": "ae",
    "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ŋ": "ng", "ə": "a",
    "ɡ": "g", "ŀ": "l", "ħ": "h",
}  # fmt: skip


def _build_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for ranges in ((0x00C0, 0x0250), (0x1E00, 0x1F00)):
        for cp in range(*ranges):
            base = unicodedata.normalize("NFD", chr(cp))[0]
            if base.isascii() and base.isalpha():
                table[cp] = base.lower()
    for mapping in (_CYRILLIC, _GREEK, _LATIN_SPECIAL):
        for src, dst in mapping.items():
            if len(src) != 1:
                continue
            for variant in {src, src.upper()}:
                if len(variant) == 1 and not variant.isascii():
                    table[ord(variant)] = dst
    for ch in APOSTROPHES + "'":
        table[ord(ch)] = None
    for cp in range(0x02B0, 0x0300):
        table[cp] = None
    for cp in range(0x0370, 0x0400):  # accented Greek → base letter's romanization
        base = unicodedata.normalize("NFD", chr(cp))[0].lower()
        if cp not in table and base in _GREEK:
            table[cp] = _GREEK[base]
    for cp in range(0x1F00, 0x2000):
        base = unicodedata.normalize("NFD", chr(cp))[0].lower()
        if base in _GREEK:
            table[cp] = _GREEK[base]
    return table


#: ``str.translate`` table from normalized text to the key alphabet (see the module docstring).
KEY_TABLE: dict[int, str | None] = _build_table()

_VOWELS = "аеёиоуыэюяўӯөүіӣъь"
_YE = re.compile(f"(?<![^\\W\\d_])е|(?<=[{_VOWELS}])е")
_ASCII_WORD = re.compile(r"[0-9A-Za-z]+")
_WORD = re.compile(r"[^\W_]+")
_MAX_CACHED_TOKEN = 64


def _slow_class() -> str:
    """BMP characters the regex word split gets wrong: marks, format chars, non-ASCII digits."""
    cps = [
        cp
        for cp in range(0x80, 0x10000)
        if unicodedata.category(chr(cp)) in ("Mn", "Mc", "Me", "Cf", "Nd", "Cs")
    ]
    parts: list[str] = []
    start = prev = cps[0]
    for cp in [*cps[1:], -1]:
        if cp != prev + 1:
            parts.append(
                re.escape(chr(start)) + ("" if start == prev else "-" + re.escape(chr(prev)))
            )
            start = cp
        prev = cp
    return "[" + "".join(parts) + "]"


#: Tokens that need the per-character path (astral characters included, to be safe).
_SLOW = re.compile(_slow_class() + "|[\U00010000-\U0010ffff]")
#: Characters ``KEY_TABLE`` changes (all in the BMP).
_NEEDS_KEY = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(KEY_TABLE)) + "]")


def key_token(token: str) -> str:
    """Key of one token (no whitespace inside): may give several space-separated words or ``""``."""
    if "е" in token:
        token = _YE.sub("ye", token)
    if token.isascii():
        if "'" in token:
            token = token.replace("'", "")
        return " ".join(_ASCII_WORD.findall(token))
    if _NEEDS_KEY.search(token):
        token = token.translate(KEY_TABLE)
        if token.isascii():
            return " ".join(_ASCII_WORD.findall(token))
    if not _SLOW.search(token):
        return " ".join(_WORD.findall(token))
    out: list[str] = []
    for ch in token:
        if ch.isalnum():
            out.append(str(unicodedata.decimal(ch, 0)) if ch.isdecimal() else ch)
            continue
        cat = unicodedata.category(ch)
        if cat == "Mc":
            out.append(ch)
        elif cat not in ("Mn", "Me", "Cf"):
            out.append(" ")
    return " ".join("".join(out).split())


class TokenCache(dict[str, str]):
    """A bounded memo ``token → fn(token)``: look up with ``cache[token]``.

    Full, it starts again from empty. 50,000 tokens (~8 MiB) hold nearly all running text
    (word frequencies fall off fast); 200,000 cost each ingest worker ~25 MiB more per cache
    for a hit rate that hardly moved.
    """

    def __init__(self, fn: Callable[[str], str], max_size: int = 50_000) -> None:
        super().__init__()
        self._fn = fn
        self._max_size = max_size

    def __missing__(self, token: str) -> str:
        value = self._fn(token)
        if len(token) <= _MAX_CACHED_TOKEN:
            if len(self) >= self._max_size:
                self.clear()
            self[token] = value
        return value


_KEYS = TokenCache(key_token)


def key_from_normalized(text: str) -> str:
    """Match key of already-normalized ``text`` (tokens joined by single spaces)."""
    return " ".join(filter(None, map(_KEYS.__getitem__, text.split())))
