"""Homoglyph folding of words that mix Latin, Cyrillic and Greek letters.

Propaganda channels (and copy-paste accidents) spell words with look-alike letters from another
script (``рaфидиты`` with a Latin ``a``; ``Rаfidа`` with Cyrillic ``а``) so that keyword
filters miss them. In each word (``\\w+`` plus combining marks) that contains letters of at
least two of the three scripts, the letters of the minority script(s) are replaced by their
look-alikes in the majority script, when a look-alike exists (``CONFUSABLES``). Letters without
a look-alike stay.

When only one of the word's scripts has letters without a look-alike (``гopoдe``: Cyrillic
``г`` and ``д`` beside Latin ``o p o e``, a spelling copy-protected Russian sites use) and every
other letter has a look-alike in that script, the word is folded into it, whatever the counts:
it is the only script the whole word can be written in. Otherwise majority is by letter count.
On a tie, Cyrillic wins if the word has a Cyrillic-only letter (one with no Latin/Greek
look-alike: ``ф д и ы ш ...``), then Greek if it has a Greek-only letter, else Latin (else
Cyrillic). The only-script rule and the tie-break apply to words whose letters the match key
spells in ASCII, so that match keys stay idempotent (``eќ`` stays as it is: its key would
otherwise change on a second pass). Pure words (``ИГИЛ``, ``ISIS``) and digits are untouched
(leetspeak such as ``0`` for ``o`` is out of scope). Folding is idempotent: after one pass a
word is written in one script, or its majority only grew and the remaining minority letters
have no look-alike.

Candidates are found with one precompiled regex, so text without a mixed word costs one scan.
"""

from __future__ import annotations

import re

from propwatch.normalize.translit import KEY_TABLE

__all__ = ["CONFUSABLES", "fold_homoglyphs"]

#: Look-alike groups: ``(Latin, Cyrillic, Greek)``; ``""`` where a script has none.
CONFUSABLES: tuple[tuple[str, str, str], ...] = (
    ("a", "а", "α"),
    ("c", "с", ""),
    ("d", "ԁ", ""),
    ("e", "е", ""),
    ("ë", "ё", ""),
    ("h", "һ", ""),
    ("i", "і", "ι"),
    ("ï", "ї", ""),
    ("j", "ј", "ϳ"),
    ("k", "к", "κ"),
    ("o", "о", "ο"),
    ("p", "р", "ρ"),
    ("q", "ԛ", ""),
    ("s", "ѕ", ""),
    ("u", "", "υ"),
    ("v", "", "ν"),
    ("w", "ԝ", ""),
    ("x", "х", "χ"),
    ("y", "у", "γ"),
    ("y", "ү", ""),
    ("A", "А", "Α"),
    ("B", "В", "Β"),
    ("C", "С", ""),
    ("E", "Е", "Ε"),
    ("Ë", "Ё", ""),
    ("H", "Н", "Η"),
    ("I", "І", "Ι"),
    ("I", "Ӏ", ""),
    ("J", "Ј", ""),
    ("K", "К", "Κ"),
    ("M", "М", "Μ"),
    ("N", "", "Ν"),
    ("O", "О", "Ο"),
    ("P", "Р", "Ρ"),
    ("Q", "Ԛ", ""),
    ("S", "Ѕ", ""),
    ("T", "Т", "Τ"),
    ("W", "Ԝ", ""),
    ("X", "Х", "Χ"),
    ("Y", "У", "Υ"),
    ("Y", "Ү", ""),
    ("Z", "", "Ζ"),
)

_LATIN = "A-Za-z\u00aa\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02af\u1d00-\u1d7f\u1e00-\u1eff"
_CYRILLIC = "\u0400-\u0481\u048a-\u052f\u1c80-\u1c8f\ua640-\ua66e\ua680-\ua69d"
_GREEK = "\u0370-\u0373\u0376\u0377\u037b-\u037d\u037f\u0386\u0388-\u03ff\u1f00-\u1fff"

_IS = {
    "Latn": re.compile(f"[{_LATIN}]"),
    "Cyrl": re.compile(f"[{_CYRILLIC}]"),
    "Grek": re.compile(f"[{_GREEK}]"),
}
# A word: word characters plus the combining marks that compose with these scripts' letters
# (so that NFKC composing a folded letter with its mark never merges two words).
_W = "\\w\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_CANDIDATE = re.compile(
    rf"(?<![{_W}])(?:(?=[{_W}]*?[{_LATIN}])(?=[{_W}]*?[{_CYRILLIC}{_GREEK}])"
    rf"|(?=[{_W}]*?[{_CYRILLIC}])(?=[{_W}]*?[{_GREEK}]))[{_W}]+"
)
_CYR_OR_GREEK = re.compile(f"[{_CYRILLIC}{_GREEK}]")
_SCRIPTS = ("Latn", "Cyrl", "Grek")


def _tables() -> dict[str, dict[int, str]]:
    """For each target script, a translate table from the other scripts' look-alikes."""
    tables: dict[str, dict[int, str]] = {s: {} for s in _SCRIPTS}
    for group in CONFUSABLES:
        for target, dst in zip(_SCRIPTS, group, strict=True):
            if not dst:
                continue
            for src in group:
                if src and src != dst:
                    tables[target].setdefault(ord(src), dst)
    return tables


_TO = _tables()
#: Letters the match key spells in ASCII (``translit.KEY_TABLE``).
_KEYED = frozenset(
    chr(c) for c, v in KEY_TABLE.items() if isinstance(v, str) and v.isascii() and chr(c).isalpha()
)
#: Letters of each script that have a look-alike in another script.
_HAS_TWIN = {
    s: frozenset(chr(c) for t, tab in _TO.items() if t != s for c in tab) for s in _SCRIPTS
}


def _has_only_letter(word: str, script: str) -> bool:
    twins = _HAS_TWIN[script]
    return any(ch not in twins for ch in _IS[script].findall(word))


def _keyed(word: str) -> bool:
    """Whether every letter of ``word`` is ASCII or one the match key spells in ASCII (the
    Russian and Central Asian alphabets, Greek; not archaic or Macedonian Cyrillic such as
    "ѡ" or "ќ"): a match key then never holds a word the rules below would fold again, and
    keys stay idempotent."""
    return all(
        ch.isascii() or ch in _KEYED for s in _SCRIPTS for ch in _IS[s].findall(word)
    )


def _all_fold_into(word: str, script: str) -> bool:
    """Whether every letter of ``word`` outside ``script`` has a look-alike in it (Latin "v"
    has one in Greek only: in a Cyrillic word it would stay Latin)."""
    table = _TO[script]
    others = [s for s in _SCRIPTS if s != script]
    return all(ord(ch) in table for s in others for ch in _IS[s].findall(word))


def _majority(word: str) -> str:
    counts = {s: len(_IS[s].findall(word)) for s in _SCRIPTS}
    # "гopoдe" (Cyrillic г and д, Latin o, p, o, e): when one script alone has letters without
    # a look-alike, the word can only be written in it; the others' letters all fold into it
    only = [s for s in _SCRIPTS if counts[s] and _has_only_letter(word, s)]
    if len(only) == 1 and _all_fold_into(word, only[0]) and _keyed(word):
        return only[0]
    top = max(counts.values())
    tied = [s for s in _SCRIPTS if counts[s] == top]
    if len(tied) == 1:
        return tied[0]
    for script in ("Cyrl", "Grek"):
        # (not on a letter the match key keeps: "eќ" would key to "yeќ", then to itself no
        # more)
        if script in tied and _has_only_letter(word, script) and _keyed(word):
            return script
    return "Latn" if "Latn" in tied else "Cyrl"


def _fold_word(match: re.Match[str]) -> str:
    word = match.group()
    return word.translate(_TO[_majority(word)])


def fold_homoglyphs(text: str) -> str:
    """Rewrite mixed-script words into their majority script (see the module docstring).

    >>> fold_homoglyphs("рaфидиты"), fold_homoglyphs("Rаfidа"), fold_homoglyphs("ИГИЛ")
    ('рафидиты', 'Rafida', 'ИГИЛ')
    """
    if text.isascii() or not _CYR_OR_GREEK.search(text):
        return text
    if not _IS["Latn"].search(text) and not (_IS["Cyrl"].search(text) and _IS["Grek"].search(text)):
        return text
    return _CANDIDATE.sub(_fold_word, text)
