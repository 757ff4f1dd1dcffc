"""Aligned text views: the strings the matcher searches, mapped back to the original text.

A :class:`View` is a derived string plus, for each of its characters, the ``[start, end)`` span
of the *original* text it comes from, so a match ``[i, j)`` in the view is reported as
``original[view.starts[i]:view.ends[j - 1]]``, obfuscation characters inside the word included.

Views (names are the ``view`` of :class:`propwatch.detect.model.Evidence`):

``normalized``
    Exactly :func:`propwatch.normalize.normalize` (NFKC, invisibles removed, Uzbek apostrophes,
    Arabic-script folding, case folding, homoglyph folding of mixed-script words, whitespace
    runs collapsed to one space). Not a re-implementation: the text is the per-token output of
    ``normalize_token`` and ``propwatch.normalize.aligned`` recovers the offsets.
``key``
    Exactly :func:`propwatch.normalize.match_key`: Cyrillic transliterated to the Latin key,
    apostrophes dropped (``oʻzbek`` = ``o'zbek`` = ``ozbek`` = ``ўзбек``), punctuation a word
    boundary.
``deobfuscated``
    The key of the text after :func:`deobfuscate` undid leetspeak and letter spacing. Built only
    when :func:`has_obfuscation` finds a candidate (most messages have none).

De-obfuscation rules (:func:`deobfuscate`; the output has the original's length, removed
separators become U+200B, which normalization deletes, so offsets need no extra bookkeeping):

* leetspeak ``0→o 1→i 3→e 4→a 5→s 7→t @→a $→s`` inside a run of letters/digits/``@$`` that
  holds at least one letter (``r4f1d4``, ``ISI$``, ``р4ф1ды``; the homoglyph folding then
  moves a Latin ``a`` in a Cyrillic word to Cyrillic). Runs without letters stay (``2024``,
  ``1``); a leading ``@`` is a handle, not a letter. Not undone: letters spaced *and* leeted
  (``r 4 f 1 d 4``: single digits are not letters).
* letter spacing: a run of ≥3 single letters, each separated by the same separator (one or two
  spaces, or one of ``. - _ * · •``): ``r a f i d a``, ``р.а.ф.и.д.ы``, ``r-a-f-i-d-a``. When the
  run of ≥4 letters starts with a letter that is a word of its own in our languages
  (``и в с к а о у я``, ``a i o u``, ``و``: ``STANDALONE_LETTERS``), the second letter is also
  a *soft start* (``View.soft_starts``): ``и р а ф и д ы`` is searched as ``ирафиды`` but may
  also match from ``р``. Likewise a final one-letter word is a *soft end* (``View.soft_ends``):
  in ``р а ф и д ы и`` a ``word`` pattern may end before the last ``и``.
* separators inside a word: ``. * _ · •`` between two letters are removed (``raf.ida``,
  ``раф*иды``); ``.`` only when the next letter is lower case, so a missing space after a full
  stop (``word.Next``) does not glue sentences. The hyphen is *not* removed inside words: it
  joins real compounds (``кто-то``, ``2024-yil``, ``al-Qaeda``) and the key view already splits
  there; chunked hyphenation (``раф-иды``) is therefore not undone.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress

from propwatch.normalize.aligned import Aligned, AlignedToken, align_token
from propwatch.normalize.pipeline import NORMALIZED_TOKENS, TOKEN_KEYS

__all__ = [
    "LEET",
    "STANDALONE_LETTERS",
    "VIEW_DEOBFUSCATED",
    "VIEW_KEY",
    "VIEW_NORMALIZED",
    "VIEW_ORDER",
    "Deobfuscated",
    "TextViews",
    "View",
    "build_views",
    "deobfuscate",
    "has_obfuscation",
    "views_for",
]

VIEW_NORMALIZED = "normalized"
VIEW_KEY = "key"
VIEW_DEOBFUSCATED = "deobfuscated"
#: Views from the most direct to the most transformed (the matcher prefers the first).
VIEW_ORDER: tuple[str, ...] = (VIEW_NORMALIZED, VIEW_KEY, VIEW_DEOBFUSCATED)

#: Leetspeak digits and symbols → letters.
LEET: dict[str, str] = {
    "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s",
}  # fmt: skip
#: Single letters that are words on their own (ru/uz/tg/ky conjunctions and prepositions,
#: en/uz/tr pronouns, the Persian/Arabic ``و``): a spaced run starting with one may also start
#: at its second letter.
STANDALONE_LETTERS = frozenset("авиксоуяёэ" + "aiouv" + "و")

_ZW = "\u200b"
# A letter and the combining marks / Arabic harakat written on it.
_L = r"[^\W\d_][\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670]*"
_SEP = r"(?: {1,2}|[.\-_*·•‧∙⋅])"
_SPACED = re.compile(rf"(?<!\w)({_L})({_SEP})(?:{_L}\2)+{_L}(?!\w)")
_INNER = re.compile(r"(?<=[^\W\d_])[.*_·•‧∙⋅](?=[^\W\d_])")
_LEET_RUN = re.compile(r"[\w@$]*[013457@$][\w@$]*")
_LEET_TABLE = str.maketrans(LEET)
# Cheap pre-filters (a literal or a small class first: a big Unicode class or a lookbehind at
# the start of a pattern makes ``re`` try it at every position, ~5x slower).
_HINT = re.compile(r"[013457@$*_·•‧∙⋅]|\.(?=[^\W\d_])|-[^\W\d_]-")
_MARK_CHARS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670"
_MARK = re.compile(f"[{_MARK_CHARS}]")
# A run's second and third one-letter words (letter spacing needs three: ``_SPACED``); the
# first is checked by hand, so the pattern can start with a literal space (fast) and two
# one-letter words, as in Russian "и в Москве", do not call for de-obfuscation.
_SPACE_PAIR = re.compile(  # a lookahead: overlapping pairs ("и в с") are all seen
    f" (?= ?[^\\W\\d_][{_MARK_CHARS}]* {{1,2}}[^\\W\\d_][{_MARK_CHARS}]*(?!\\w))"
)
#: A token starting like this is a link: a dot between letters in it is the domain's.
_URLISH = ("http://", "https://", "hxxp://", "hxxps://", "www.", "t.me/")


class View:
    """A derived string and, per character, the span of the original text it covers.

    Offsets are resolved lazily, token by token (a bisect over the tokens' view positions),
    because most texts never need them: ``span`` is what the matcher calls; ``starts`` and
    ``ends`` (the full per-character arrays) are built on first access.
    """

    __slots__ = (
        "_ends",
        "_keep",
        "_pieces",
        "_source",
        "_starts",
        "_vstarts",
        "_which",
        "name",
        "soft_ends",
        "soft_starts",
        "text",
    )

    def __init__(self, name: str, text: str, source: _Source, which: int) -> None:
        """``source``: the tokenized original; ``which``: 0 = normalized, 1 = key."""
        self.name = name
        self.text = text
        #: View positions where a match may start although the previous character is a
        #: letter (the second letter of a de-spaced run that began with a one-letter word).
        self.soft_starts = frozenset[int]()
        #: View positions of a de-spaced run's last letter when it is a one-letter word: a
        #: match may end just before it.
        self.soft_ends = frozenset[int]()
        parts = source.parts(which)
        self._source = source
        self._which = which
        #: Indices (into ``source.tokens``) of the tokens with a non-empty part in this view.
        self._keep = list(compress(range(len(parts)), parts))
        self._pieces: list[Aligned | None] = [None] * len(self._keep)
        lengths = map(len, filter(None, parts))
        self._vstarts = list(accumulate(map(_PLUS_ONE, lengths), initial=0))
        self._starts: tuple[int, ...] | None = None
        self._ends: tuple[int, ...] | None = None

    def __repr__(self) -> str:
        return f"View({self.name!r}, {self.text!r})"

    def _piece(self, k: int) -> Aligned:
        piece = self._pieces[k]
        if piece is None:
            token = self._source.tokens[self._keep[k]]
            piece = self._pieces[k] = _aligned_token(token)[self._which]
        return piece

    def _base(self, k: int) -> int:
        return self._source.base(self._keep[k])

    def _locate(self, i: int) -> tuple[int, int]:
        k = bisect_right(self._vstarts, i) - 1
        return k, i - self._vstarts[k]

    def start_of(self, i: int) -> int:
        """Original index where view character ``i`` starts."""
        k, rel = self._locate(i)
        piece = self._piece(k)
        if rel >= len(piece.text):  # the space joining token k and k + 1
            return self._base(k) + piece.ends[-1]
        return self._base(k) + piece.starts[rel]

    def end_of(self, i: int) -> int:
        """Original index where view character ``i`` ends."""
        k, rel = self._locate(i)
        piece = self._piece(k)
        if rel >= len(piece.text):
            return self._base(k + 1) + self._piece(k + 1).starts[0]
        return self._base(k) + piece.ends[rel]

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Original ``[start, end)`` of the view slice ``[i, j)`` (``i < j``)."""
        vstarts = self._vstarts
        k = bisect_right(vstarts, i) - 1
        piece = self._pieces[k] or self._piece(k)
        offset = vstarts[k]
        last = j - 1 - offset
        if last < len(piece.text):  # the usual case: inside one token
            base = self._source.base(self._keep[k])
            return base + piece.starts[i - offset], base + piece.ends[last]
        return self.start_of(i), self.end_of(j - 1)

    def position_of(self, original: int) -> int | None:
        """The view index of the character that starts at ``original``, if there is one."""
        bases = [self._base(k) for k in range(len(self._keep))]
        k = bisect_right(bases, original) - 1
        if k < 0:
            return None
        piece = self._piece(k)
        rel = original - bases[k]
        for r, start in enumerate(piece.starts):
            if start == rel:
                return self._vstarts[k] + r
        return None

    @property
    def starts(self) -> tuple[int, ...]:
        """Original start of every view character."""
        if self._starts is None:
            self._starts = tuple(self.start_of(i) for i in range(len(self.text)))
        return self._starts

    @property
    def ends(self) -> tuple[int, ...]:
        """Original end of every view character."""
        if self._ends is None:
            self._ends = tuple(self.end_of(i) for i in range(len(self.text)))
        return self._ends


@dataclass(frozen=True, slots=True)
class Deobfuscated:
    """Output of :func:`deobfuscate`: same length as the input."""

    text: str
    #: Original indices where a match may also start (see ``View.soft_starts``).
    soft_starts: tuple[int, ...] = ()
    #: Original indices of a run's final one-letter word (see ``View.soft_ends``).
    soft_ends: tuple[int, ...] = ()


def has_obfuscation(text: str) -> bool:
    """Whether ``text`` may hold something :func:`deobfuscate` changes (cheap pre-filter).

    False positives only cost a :func:`deobfuscate` call; false negatives are bugs, with one
    deliberate exception: dots and underscores inside links (``https://…``, ``www.…``,
    ``t.me/…``) and @handles are the address's, not a word's, and alone do not call for
    de-obfuscation (about one message in ten carries a link or a handle, and de-obfuscating
    costs ~70 µs).
    """
    n = len(text)
    checked = 0  # leet runs up to here were looked at whole
    link_end = 0  # end of the last link or handle token found (its other hints are skipped)
    for match in _HINT.finditer(text):
        p = match.start()
        if p < link_end:
            continue
        ch = text[p]
        before = p > 0 and text[p - 1].isalpha()
        if ch == "-" or (ch == "." and before):
            if ch == "." and (link_end := _link_end(text, p)):
                continue
            return True
        after = p + 1 < n and text[p + 1].isalpha()
        if ch in LEET:
            if before or (after and ch != "@"):
                return True
            if p >= checked:
                changes, checked = _leet_run(text, p)
                if changes:
                    return True
        elif before and after:
            if ch == "_" and (link_end := _link_end(text, p)):
                continue
            return True
    for pair in _SPACE_PAIR.finditer(text):
        # Is the word before the pair one letter too (its marks skipped)?
        j = pair.start() - 1
        while j >= 0 and _MARK.match(text, j):
            j -= 1
        if j >= 0 and text[j].isalpha() and (j == 0 or not _in_word(text[j - 1])):
            return True
    return False


def _in_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _in_run(ch: str) -> bool:
    return ch.isalnum() or ch in "_@$"


def _leet_run(text: str, p: int) -> tuple[bool, int]:
    """Whether the run of ``[\\w@$]`` around ``p`` is one :func:`deobfuscate` rewrites (it
    holds a letter somewhere: ``0_a``, ``12abc``, not only next to ``p``), and where it ends."""
    start, end = p, p + 1
    while start > 0 and _in_run(text[start - 1]):
        start -= 1
    while end < len(text) and _in_run(text[end]):
        end += 1
    run = text[start:end]
    body = run[1:] if run[0] == "@" else run
    return any(c.isalpha() for c in run) and any(c in LEET for c in body), end


_SPACE = re.compile(r"\s")


def _link_end(text: str, p: int) -> int:
    """If position ``p`` is inside a whitespace-delimited token that is a link or an @handle
    (``@some_channel``: the underscore is the name's), where that token ends; else 0."""
    start = p
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    if text[start] != "@" and not text[start : start + 8].lower().startswith(_URLISH):
        return 0
    space = _SPACE.search(text, p)
    return space.start() if space else len(text)


def _leet(match: re.Match[str]) -> str:
    run = match.group()
    if not any(ch.isalpha() for ch in run):
        return run
    head = "@" if run[0] == "@" else ""
    return head + run[len(head) :].translate(_LEET_TABLE)


def deobfuscate(text: str) -> Deobfuscated:
    """Undo leetspeak, letter spacing and in-word separators (see the module docstring).

    >>> deobfuscate("r a f i d a").text.replace("\\u200b", "")
    'rafida'
    >>> deobfuscate("r4f1d4 2024").text
    'rafida 2024'
    """
    out = _LEET_RUN.sub(_leet, text)
    chars: list[str] | None = None
    soft: list[int] = []
    soft_ends: list[int] = []
    for match in _SPACED.finditer(out):
        chars = chars if chars is not None else list(out)
        sep = match.group(2)
        start, end = match.span()
        i = start
        while i < end:
            if out.startswith(sep, i) and i > start:
                chars[i : i + len(sep)] = _ZW * len(sep)
                i += len(sep)
            else:
                i += 1
        letters = match.group().count(sep) + 1
        if letters >= 4 and match.group(1)[0].lower() in STANDALONE_LETTERS:
            soft.append(start + len(match.group(1)) + len(sep))
        last = start + match.group().rfind(sep) + len(sep)
        if letters >= 4 and out[last].lower() in STANDALONE_LETTERS:
            soft_ends.append(last)
    for match in _INNER.finditer(out):
        i = match.start()
        if out[i] == "." and out[i + 1].isupper():
            continue
        chars = chars if chars is not None else list(out)
        chars[i] = _ZW
    if chars is not None:
        out = "".join(chars)
    return Deobfuscated(out, tuple(soft), tuple(soft_ends))


_NORM = NORMALIZED_TOKENS
_KEY = TOKEN_KEYS
_PARTS = (_NORM, _KEY)
_PLUS_ONE = (1).__add__


@lru_cache(maxsize=65_536)
def _aligned_token(token: str) -> AlignedToken:
    return align_token(token)


class _Source:
    """One text split into whitespace tokens, with the per-token view strings.

    The per-message work runs at C speed (``map`` over the memo dicts); token start offsets,
    needed only to report a match, are found lazily, left to right (``str.find`` of each
    token after the previous one: the whitespace between them cannot contain it).
    """

    __slots__ = ("_bases", "_parts", "_pos", "text", "tokens")

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = text.split()
        self._parts: list[list[str] | None] = [None, None]
        self._bases: list[int] = []
        self._pos = 0

    def parts(self, which: int) -> list[str]:
        parts = self._parts[which]
        if parts is None:
            parts = self._parts[which] = list(map(_PARTS[which].__getitem__, self.tokens))
        return parts

    def view_text(self, which: int) -> str:
        return " ".join(filter(None, self.parts(which)))

    def base(self, index: int) -> int:
        """Original start offset of token ``index``."""
        bases = self._bases
        if index < len(bases):
            return bases[index]
        while len(bases) <= index:
            token = self.tokens[len(bases)]
            start = self.text.find(token, self._pos)
            bases.append(start)
            self._pos = start + len(token)
        return bases[index]


class TextViews:
    """The views of one text, each computed on first use.

    ``normalized_text`` / ``key_text`` / ``deobfuscated_text`` are the plain strings (per-token
    memoized, cheap); :meth:`view` gives the aligned :class:`View` (offsets), which the matcher
    only needs once a candidate match has passed its checks.
    """

    __slots__ = ("_deob", "_deob_done", "_deob_source", "_source", "_texts", "_views", "original")

    def __init__(
        self, text: str, normalized: str | None = None, key: str | None = None
    ) -> None:
        """``normalized`` and ``key``, when the caller has them, must be exactly
        ``normalize(text)`` and ``match_key(text)`` (ingest's ``normalize`` stage made them):
        they are then not computed again."""
        self.original = text
        self._source = _Source(text)
        self._deob: Deobfuscated | None = None
        self._deob_source: _Source | None = None
        self._deob_done = False
        self._texts: dict[str, str | None] = {}
        if normalized is not None:
            self._texts[VIEW_NORMALIZED] = normalized
        if key is not None:
            self._texts[VIEW_KEY] = key
        self._views: dict[str, View] = {}

    @property
    def normalized_text(self) -> str:
        """``normalize(original)``."""
        text = self._texts.get(VIEW_NORMALIZED)
        if text is None:
            text = self._texts[VIEW_NORMALIZED] = self._source.view_text(0)
        return text

    @property
    def key_text(self) -> str:
        """``match_key(original)``."""
        text = self._texts.get(VIEW_KEY)
        if text is None:
            text = self._texts[VIEW_KEY] = self._source.view_text(1)
        return text

    @property
    def deobfuscated(self) -> Deobfuscated | None:
        """:func:`deobfuscate` of the original, or ``None`` when nothing is obfuscated."""
        if not self._deob_done:
            self._deob_done = True
            if has_obfuscation(self.original):
                deob = deobfuscate(self.original)
                if deob.text != self.original:
                    self._deob = deob
                    self._deob_source = _Source(deob.text)
        return self._deob

    @property
    def deobfuscated_text(self) -> str | None:
        """The key of the de-obfuscated text, or ``None`` when there is nothing to undo."""
        if self.deobfuscated is None or self._deob_source is None:
            return None
        if VIEW_DEOBFUSCATED not in self._texts:
            self._texts[VIEW_DEOBFUSCATED] = self._deob_source.view_text(1)
        return self._texts[VIEW_DEOBFUSCATED]

    def view(self, name: str) -> View:
        """The aligned view ``name`` (one of :data:`VIEW_ORDER`).

        The ``deobfuscated`` view of a text with nothing to undo is its ``key`` view.
        """
        cached = self._views.get(name)
        if cached is not None:
            return cached
        if name == VIEW_NORMALIZED:
            view = View(name, self.normalized_text, self._source, 0)
        elif name == VIEW_KEY:
            view = View(name, self.key_text, self._source, 1)
        elif name == VIEW_DEOBFUSCATED:
            deob_text = self.deobfuscated_text
            if deob_text is None or self._deob is None or self._deob_source is None:
                return self.view(VIEW_KEY)
            view = View(name, deob_text, self._deob_source, 1)
            starts = (view.position_of(p) for p in self._deob.soft_starts)
            view.soft_starts = frozenset(p for p in starts if p is not None)
            ends = (view.position_of(p) for p in self._deob.soft_ends)
            view.soft_ends = frozenset(p for p in ends if p is not None)
        else:
            raise ValueError(f"unknown view {name!r}; expected one of {VIEW_ORDER}")
        self._views[name] = view
        return view


@functools.lru_cache(maxsize=8)
def views_for(text: str) -> TextViews:
    """The (lazily built) views of ``text``, shared by everyone who reads the same text in a
    row: detection's matcher, extraction's gazetteer matcher and number finder each need
    the normalized, cross-script and de-obfuscated views of one message."""
    return TextViews(text)


def build_views(text: str) -> dict[str, View]:
    """All aligned views of ``text`` (``deobfuscated`` only when something was undone)."""
    views = TextViews(text)
    out = {VIEW_NORMALIZED: views.view(VIEW_NORMALIZED), VIEW_KEY: views.view(VIEW_KEY)}
    if views.deobfuscated is not None:
        out[VIEW_DEOBFUSCATED] = views.view(VIEW_DEOBFUSCATED)
    return out
