"""Full-text search over the cross-script match key.

The query goes through the same ``match_key`` as the messages, so a Latin Uzbek query finds
Cyrillic Uzbek text, a Persian query finds words typed with Arabic letters, and a plain query
finds homoglyph-disguised words. Query syntax (documented in README.md, "propwatch search"):

- words are ANDed; a word of 4 or more letters also matches as a prefix (``rofiziy`` finds
  ``rofiziylar``), so Turkic and Persian suffixes do not hide a hit; end a word with ``=`` to
  match it exactly;
- ``"two words"`` matches a phrase; ``-word`` excludes; ``a OR b`` matches either;
- a Tajik, Uzbek or Kyrgyz Cyrillic word also matches as typed on a Russian keyboard
  (``ҷиҳод`` finds ``Чиход``: ҷ ҳ қ ғ ӣ ӯ ў ө ү ң written ч х к г и у у о у н).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from propwatch.normalize.keyboard import russian_keyboard

__all__ = ["SearchHit", "SearchQuery", "SearchResult", "parse_query", "snippet"]

PREFIX_MIN = 4
#: Arabic-script words match as prefixes from 3 letters: Persian and Arabic attach suffixes
#: (ها، ی، اند، ة) and many roots are three letters long.
PREFIX_MIN_ARABIC = 3

_ARABIC_WORD = re.compile(r"^[\u0600-\u06FF]+$")


def arabic_variants(word: str) -> tuple[str, ...]:
    """A word and its forms with an attached conjunction or preposition (و ف ب ک ل), so that
    ``الرافضة`` also finds ``والرافضة`` and ``بالرافضة``; ``لل`` replaces ``ال`` after ل."""
    if not _ARABIC_WORD.match(word) or len(word) < 3:
        return ()
    out = [word] + [clitic + word for clitic in ("و", "ف", "ب")]
    if word.startswith("ال"):
        out += ["ک" + word, "لل" + word[2:]]
    else:
        out.append("ل" + word)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class SearchQuery:
    text: str
    language: str | None = None
    channel: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    limit: int = 20
    offset: int = 0
    #: auto (relevance, or most recently stored first beyond ``store.RANK_LIMIT`` matches),
    #: relevance, newest, oldest (by message date).
    sort: str = "auto"
    #: Only items with a detection of this label (``propaganda``: the item-level judgement).
    label: str | None = None
    #: ... scoring at least this much (alone: the item-level propaganda score).
    min_score: float | None = None

    @property
    def annotation_filter(self) -> tuple[str, str, float] | None:
        """(kind, label, minimum score) of the annotation an item must have, if any."""
        if self.label is None and self.min_score is None:
            return None
        label = self.label or "propaganda"
        if label == "propaganda":
            if self.min_score is None:
                # Judged propaganda (at the model's own threshold): its stance is endorse.
                return ("stance", "endorse", 0.0)
            return ("judgement", label, self.min_score)
        return ("detection", label, 0.0 if self.min_score is None else self.min_score)


@dataclass(slots=True)
class SearchHit:
    message_id: str
    channel: str
    channel_name: str | None
    date: datetime | None
    language: str
    script: str
    snippet: str
    text: str
    author: str | None
    source: str
    position: str
    raw_sha256: str
    pk: int
    score: float | None = None
    propaganda: float | None = None
    stance: str | None = None
    #: Strongest detections: (label, score, component), best first.
    detections: list[tuple[str, float, str]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "message_id": self.message_id,
            "channel": self.channel,
            "channel_name": self.channel_name,
            "date": self.date.isoformat() + "Z" if self.date else None,
            "language": self.language,
            "script": self.script,
            "snippet": self.snippet,
            "text": self.text,
            "author": self.author,
            "source": self.source,
            "position": self.position,
            "raw_sha256": self.raw_sha256,
            "id": self.pk,
            "propaganda": None
            if self.propaganda is None
            else {"score": round(self.propaganda, 4), "label": self.stance == "endorse"},
            "stance": self.stance,
            "detections": [
                {"label": label, "score": round(score, 4), "component": component}
                for label, score, component in self.detections
            ],
        }


@dataclass(slots=True)
class SearchResult:
    total: int
    hits: list[SearchHit] = field(default_factory=list)
    query: SearchQuery | None = None
    #: The order the hits are in: relevance, recent (most recently stored), newest, oldest.
    sort: str = "relevance"

    def to_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "sort": self.sort,
            "hits": [hit.to_json() for hit in self.hits],
        }


@dataclass(frozen=True, slots=True)
class Term:
    """One query element: a word or phrase already in match-key form."""

    words: tuple[str, ...]
    prefix: bool
    negated: bool = False
    #: Spellings that also match the term, itself included: Arabic-script clitics of a word,
    #: or a word or phrase as typed on a Russian keyboard (space-separated words).
    variants: tuple[str, ...] = ()

    @property
    def spellings(self) -> tuple[str, ...]:
        """Every word that counts as a hit of this term (for snippets and highlighting)."""
        if not self.variants:
            return self.words
        return tuple(dict.fromkeys(w for v in self.variants for w in v.split()))


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    groups: tuple[tuple[Term, ...], ...]  # OR of ANDs

    @property
    def positive_words(self) -> list[str]:
        return [w for group in self.groups for t in group if not t.negated for w in t.spellings]


_TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')


def parse_query(text: str, key: Any) -> ParsedQuery:
    """Parse the query; ``key`` is the match-key function applied to each word or phrase."""
    groups: list[list[Term]] = [[]]
    for m in _TOKEN.finditer(text):
        if m.group(3) == "OR":
            groups.append([])
            continue
        if m.group(2) is not None:
            negated, body, prefix = bool(m.group(1)), m.group(2), False
        else:
            body = m.group(3)
            negated = body.startswith("-") and len(body) > 1
            body = body[1:] if negated else body
            exact = body.endswith("=")
            body = body.rstrip("=")
            prefix = not exact
        words = tuple(str(key(body)).split())
        if not words:
            continue
        single = len(words) == 1
        variants = arabic_variants(words[0]) if single else ()
        shortest = PREFIX_MIN_ARABIC if variants else PREFIX_MIN
        typed = russian_keyboard(body)
        if typed is not None and not variants:
            other = tuple(str(key(typed)).split())
            if len(other) == len(words) and other != words:
                variants = (" ".join(words), " ".join(other))
        is_prefix = prefix and single and len(words[0]) >= shortest
        groups[-1].append(Term(words, is_prefix, negated, variants))
    cleaned = tuple(tuple(g) for g in groups if any(not t.negated for t in g))
    return ParsedQuery(cleaned)


@functools.lru_cache(maxsize=512)
def _word_starts(words: tuple[str, ...]) -> re.Pattern[str]:
    """Finds a match key starting with one of ``words``: at the start of a token's key (keys
    are joined with newlines) or of a word inside it ("al-Qaeda" keys to "al qaeda")."""
    alternatives = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return re.compile(rf"(?<![^\n ])(?:{alternatives})")


def snippet(text: str, words: list[str], key: Any, width: int = 12) -> str:
    """A readable window of the original text around the first matching word, marked [..].

    ``key`` maps one token to its match key (``TOKEN_KEYS.__getitem__`` is the memoized
    ``match_key``). The tokens' keys are searched with one regular expression rather than
    token by token in Python (a result page of 50 long messages spent ~2 ms there).
    """
    tokens = text.split()
    if not tokens:
        return ""
    words = [w for w in words if w]
    hit = None
    if words:
        keys: list[str] = list(map(key, tokens))
        starts = _word_starts(tuple(words))
        joined = "\n".join(keys)
        first = starts.search(joined)
        if first is not None:
            hit = joined.count("\n", 0, first.start())
    if hit is None:  # nothing to find or not found: the text's start
        out = " ".join(tokens[: 2 * width])
        return out + (" …" if len(tokens) > 2 * width else "")
    start, end = max(0, hit - width), min(len(tokens), hit + width + 1)
    marked = [
        f"[{tok}]" if starts.search(k) else tok
        for tok, k in zip(tokens[start:end], keys[start:end], strict=True)
    ]
    return ("… " if start else "") + " ".join(marked) + (" …" if end < len(tokens) else "")
