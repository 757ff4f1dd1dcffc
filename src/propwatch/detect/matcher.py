"""Obfuscation-proof multi-pattern matcher over the aligned text views.

:class:`Matcher` compiles every form of every pattern (lexicon :class:`~propwatch.knowledge.
model.Term`, :class:`~propwatch.knowledge.model.StanceCue`, or anything shaped like
:class:`Pattern`) through the same folding as the text: ``normalize(form)`` is searched in the
``normalized`` view, ``match_key(form)`` in the ``key`` and ``deobfuscated`` views (see
:mod:`propwatch.detect.textview`). Each view is searched by one Aho-Corasick automaton
(``ahocorasick_rs``, overlapping ``Standard`` matching: every occurrence of every form);
candidates then pass the word-boundary checks below and are mapped to original offsets.

Boundaries (``match`` mode of the pattern):

* start: the previous view character is not part of a word (a letter or digit, or an
  apostrophe between two of them: ``g'arb`` is one word). Arabic-script forms may also follow
  the proclitics ``و ف ب ل ک`` and the article ``ال`` (with ``ال`` + ``ل`` → ``لل``) inside the
  same word; the article only when the form itself does not start with ``ال``
  (``والرافضة``, ``للرافضة``). A de-spaced run may also start at a soft start, and end at a
  soft end (a one-letter word glued to either end of a letter-spaced word; see textview).
* ``exact``: the form ends at a word end.
* ``word``: the form ends at a word end or the rest of the word is a chain of at most
  ``SUFFIX_DEPTH[lang]`` suffixes of the pattern's language (``SUFFIXES``), compared in the
  normalized view as written and in the key views transliterated (the key of each suffix after
  a consonant and after a vowel, for the ``е`` → ``ye`` rule). Arabic-script ``word`` forms that
  end in teh marbuta ``ة`` also match their nisba/plural forms (``الرافضة`` → ``الرافضي``,
  ``الرافضيين``) when the stem without ``ال`` has at least 4 letters (``دولة`` does not give
  ``دولي``).
* ``stem``: any continuation of the word.

Evidence spans cover the whole word(s): from the start of the word (a proclitic included) to
its end for ``word``/``stem`` (suffixes included), so ``text[start:end]`` is what an analyst
reads, zero-width characters, leet digits and spacing included.

Deduplication: one :class:`Match` per pattern and original span, from the most direct view
(``normalized`` > ``key`` > ``deobfuscated``); a match of a pattern inside a longer match of
the same pattern (``رافضة`` inside ``الرافضة``) is dropped.

Cost: the plain view strings are per-token memoized (``text.split`` + dict look-ups), each view
is one automaton call; offsets are only computed for texts with a candidate that passed the
boundary checks, and the de-obfuscated view only for texts with an obfuscation candidate.
Measured (2-core machine under load from other jobs, where ``match_key(normalize(t))`` alone
took 12 µs; 158-character messages, the 863 built-in terms): ~26 µs for a message without a
match, ~50 µs for a news sentence with a few matches, ~125 µs for a dense propaganda message
with ~6 matches (most of it mapping spans and building results).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, NamedTuple, Protocol, TypeVar

from ahocorasick_rs import AhoCorasick, MatchKind

from propwatch.detect.textview import (
    VIEW_DEOBFUSCATED,
    VIEW_KEY,
    VIEW_NORMALIZED,
    VIEW_ORDER,
    TextViews,
    View,
    views_for,
)
from propwatch.errors import KnowledgeError
from propwatch.normalize import match_key, normalize
from propwatch.normalize.keyboard import russian_keyboard
from propwatch.normalize.translit import key_token

__all__ = [
    "PROCLITICS",
    "SUFFIXES",
    "SUFFIX_DEPTH",
    "Match",
    "Matcher",
    "Pattern",
]


class Pattern(Protocol):
    """What the matcher needs of a pattern: ``Term`` and ``StanceCue`` both qualify."""

    @property
    def id(self) -> str: ...

    @property
    def language(self) -> str: ...

    @property
    def match(self) -> str: ...

    @property
    def forms(self) -> tuple[str, ...]: ...


P = TypeVar("P", bound=Pattern)


class Match(NamedTuple, Generic[P]):
    """One occurrence: ``text == original[start:end]``; ``form`` is the pattern form that hit.

    A named tuple (immutable, and cheap to build: matching runs on every message).
    """

    pattern: P
    start: int
    end: int
    text: str
    view: str
    form: str


#: Common inflectional suffixes per language, as written (both scripts for Turkic languages
#: written in Latin and Cyrillic). ``word`` patterns accept a chain of up to ``SUFFIX_DEPTH``
#: of these after the form. Kept short on purpose: agglutinative stems should use ``stem``.
SUFFIXES: dict[str, tuple[str, ...]] = {
    "uz": (
        # plural, case, possessive, predicative, derivational -chi/-lik (Latin, then Cyrillic)
        "lar", "ning", "ni", "ga", "ka", "qa", "da", "dan", "i", "si", "im", "ing", "imiz",
        "ingiz", "miz", "lari", "dir", "mi", "chi", "lik", "ligi", "dagi", "gi",
        "лар", "нинг", "ни", "га", "ка", "қа", "да", "дан", "и", "си", "им", "инг", "имиз",
        "ингиз", "миз", "лари", "дир", "ми", "чи", "лик", "лиги", "даги", "ги",
    ),
    "tg": (
        # plural -ҳо/-он/-ён/-гон, ezafe -и/-ӣ, object -ро, possessive, indefinite -е
        "ҳо", "он", "ён", "гон", "вон", "и", "ӣ", "ро", "ам", "ат", "аш", "амон", "атон",
        "ашон", "е", "ҳои", "у", "ю",  # and the glued "and": "Толибону ..."
        "ho", "on", "yon", "gon", "i", "ro", "am", "at", "ash",
    ),
    "ky": (
        # plural, genitive, dative, accusative, locative, ablative, 3rd person possessive
        "лар", "лер", "лор", "лөр", "дар", "дер", "дор", "дөр", "тар", "тер", "тор", "төр",
        "нын", "нин", "нун", "нүн", "дын", "дин", "дун", "дүн", "тын", "тин", "тун", "түн",
        "га", "ге", "го", "гө", "ка", "ке", "ко", "кө",
        "ны", "ни", "ну", "нү", "ды", "ди", "ду", "дү", "ты", "ти", "ту", "тү",
        "да", "де", "до", "дө", "та", "те", "то", "тө",
        "дан", "ден", "дон", "дөн", "тан", "тен", "тон", "төн",
        "ы", "и", "у", "ү", "сы", "си", "су", "сү",
        # relative -гы/-ки after the locative: "Москвадагы", "Красногорскидеги"
        "дагы", "деги", "догу", "дөгү", "тагы", "теги", "тогу", "төгү",
        # cases after the 3rd person possessive: "Дагестандын Дербентинде" (in Dagestan's
        # Derbent), "шаарына", "облусунан"
        "нда", "нде", "ндо", "ндө", "на", "не", "но", "нө", "нан", "нен", "нон", "нөн",
    ),
    "tr": (
        "lar", "ler", "ı", "i", "u", "ü", "ın", "in", "un", "ün", "nın", "nin", "nun", "nün",
        "yı", "yi", "yu", "yü", "a", "e", "ya", "ye", "da", "de", "ta", "te", "dan", "den",
        "tan", "ten", "la", "le", "yla", "yle", "sı", "si", "su", "sü", "ları", "leri",
        "dır", "dir", "lık", "lik", "cı", "ci",
        # "-li" (of, member of): "DEAŞ'lı terörist"
        "lı", "li", "lu", "lü",
        # relative -ki after the locative: "Kerman'daki", "Kabil'deki"
        "daki", "deki", "taki", "teki", "ndaki", "ndeki", "ki",
        # cases after a possessive with the buffer n: "Hürriyet gazetesine", "gazetesinde"
        "na", "ne", "nı", "ni", "nu", "nü", "nda", "nde", "ndan", "nden",
    ),
    "ru": (
        # noun and adjective endings (one ending: Russian does not chain them)
        "а", "я", "у", "ю", "е", "ы", "и", "о", "ь", "ов", "ев", "ей", "ам", "ям", "ами",
        "ями", "ах", "ях", "ом", "ем", "ой", "ою", "ью", "ых", "их", "ым", "им", "ыми", "ими",
        "ую", "юю", "ая", "яя", "ое", "ее", "ие", "ые", "ого", "его", "ому", "ему",
    ),
    "fa": (
        # plural -ها/-ان/-یان/-گان, ezafe/indefinite -ی, possessive clitics
        "ها", "های", "ان", "یان", "گان", "ی", "ای", "یی", "ه", "و", "م", "ت", "ش", "مان",
        "تان", "شان",
    ),
    "ps": ("و", "ونه", "انو", "ان", "ی", "ې", "ه", "ۍ", "یو", "ګان", "ګانو"),
    "ar": (
        "ون", "ين", "ات", "ة", "ه", "ها", "هم", "هما", "هن", "ي", "ية", "يون", "يين", "ان",
        "ا", "كم", "نا",
    ),
    "en": ("s", "es", "'s", "ed", "ing", "er", "ers"),
    # names (gazetteer forms) in English and other Latin-script text: no verb endings, so
    # that "Inde" (India in French) + "ed" is not "indeed"
    "en-names": ("s", "es", "'s", "er", "ers"),
}  # fmt: skip

#: How many suffixes may be chained (Turkic languages agglutinate; Russian takes one ending).
SUFFIX_DEPTH: dict[str, int] = {
    "uz": 3, "tg": 3, "ky": 3, "tr": 3, "ru": 1, "fa": 2, "ps": 2, "ar": 2, "en": 2,
    "en-names": 2,
}  # fmt: skip

_CONJUNCTIONS = ("", "و", "ف")
_PREPOSITIONS = ("", "ب", "ل", "ک")
_ARTICLE = "ال"


def _proclitics(with_article: bool) -> frozenset[str]:
    out: set[str] = set()
    for conj in _CONJUNCTIONS:
        for prep in _PREPOSITIONS:
            out.add(conj + prep)
            if with_article:
                out.add(conj + ("لل" if prep == "ل" else prep + _ARTICLE))
    out.discard("")
    return frozenset(out)


#: Prefixes allowed inside the word before an Arabic-script form: ``with_article`` (form does
#: not start with ``ال``) and ``bare`` (it does).
PROCLITICS: dict[str, frozenset[str]] = {
    "with_article": _proclitics(True),
    "bare": _proclitics(False),
}

#: The clitics that stand for li- + al- before a word whose article they replace.
_LAM_LAM = frozenset({"لل", "ولل", "فلل"})

#: Endings a teh-marbuta form's stem takes in nisba / plural forms (normalized spelling).
_NISBA = ("ی", "یة", "یین", "یون", "یه")
_MIN_NISBA_STEM = 4
_ARABIC_LETTER = re.compile("[\u0620-\u064a\u066e-\u06d3\u06d5\u06ee-\u06ff\u0750-\u077f]")


@dataclass(frozen=True, slots=True)
class _SuffixRule:
    suffixes: frozenset[str]
    depth: int
    allow_empty: bool = True


@dataclass(frozen=True, slots=True)
class _Entry:
    index: int
    form: str
    mode: str
    rule: _SuffixRule | None
    proclitics: frozenset[str]
    #: Matches only after one of ``proclitics`` ("للمجلس": the form without its article).
    needs_clitic: bool = False


@lru_cache(maxsize=16_384)
def _chain(rest: str, rule: _SuffixRule) -> bool:
    """Whether ``rest`` is a chain of at most ``rule.depth`` suffixes."""
    if not rest:
        return True
    if rule.depth <= 0:
        return False
    shorter = _SuffixRule(rule.suffixes, rule.depth - 1)
    return any(
        rest[:k] in rule.suffixes and _chain(rest[k:], shorter) for k in range(1, len(rest) + 1)
    )


def _key_suffixes(normalized: Iterable[str]) -> frozenset[str]:
    """Key forms of normalized suffixes, after a consonant and after a vowel."""
    out: set[str] = set()
    for suffix in normalized:
        for host, host_key in (("б", "b"), ("а", "a")):
            key = key_token(host + suffix)
            if key.startswith(host_key) and " " not in key:
                out.add(key[len(host_key) :])
    out.discard("")
    return frozenset(out)


def _rules() -> dict[tuple[str, str], _SuffixRule]:
    rules: dict[tuple[str, str], _SuffixRule] = {}
    for lang, suffixes in SUFFIXES.items():
        normalized = frozenset(filter(None, (normalize(s) for s in suffixes)))
        depth = SUFFIX_DEPTH.get(lang, 1)
        rules[lang, VIEW_NORMALIZED] = _SuffixRule(normalized, depth)
        rules[lang, VIEW_KEY] = _SuffixRule(_key_suffixes(normalized), depth)
    return rules


_RULES = _rules()
_RANK = {name: rank for rank, name in enumerate(VIEW_ORDER)}
_EMPTY_RULE = _SuffixRule(frozenset(), 0)
#: In a table shared by matchers of one language each: "the matcher's own suffix rule for
#: this view", looked up when a form hits (see :func:`_tables`).
_OWN_RULE = _SuffixRule(frozenset(), -1)
#: The table (and so the suffix rules) each view searches.
_TABLE_VIEW = {VIEW_NORMALIZED: VIEW_NORMALIZED, VIEW_KEY: VIEW_KEY, VIEW_DEOBFUSCATED: VIEW_KEY}
_NISBA_RULE = _SuffixRule(frozenset(_NISBA), 1, allow_empty=False)


def _is_word(text: str, k: int) -> bool:
    ch = text[k]
    if ch.isalnum():
        return True
    return ch == "'" and 0 < k < len(text) - 1 and text[k - 1].isalnum() and text[k + 1].isalnum()


#: The rest of a word from a position: letters and digits, and apostrophes between two of them
#: (``[^\W_]`` is exactly ``str.isalnum``).
_WORD_REST = re.compile(r"(?:[^\W_]|(?<=[^\W_])'(?=[^\W_]))*")


def _word_start(text: str, i: int) -> int:
    while i > 0 and _is_word(text, i - 1):
        i -= 1
    return i


def _ends_well(rule: _SuffixRule | None, rest: str) -> bool:
    """Whether ``rest`` (the word after the form) may follow a ``word``/``exact`` form whose
    suffix rule is ``rule`` (None: an exact form)."""
    if not rest:
        return rule is None or rule.allow_empty
    return rule is not None and _chain(rest, rule)


#: Shortest form (letters) whose Russian-keyboard spelling is also matched: shorter words
#: collide with other words once ҳ, қ, ҷ ... are dropped (``ҳар`` "every", ``хар`` "donkey").
_MIN_KEYBOARD_FORM = 5


def _with_keyboard_forms(forms: Iterable[str]) -> list[str]:
    """``forms`` and, for a Tajik/Uzbek/Kyrgyz Cyrillic form of 5+ letters, its spelling on a
    Russian keyboard (``ҷиҳод`` also as ``чиход``; see :mod:`propwatch.normalize.keyboard`)."""
    out: list[str] = []
    for form in forms:
        out.append(form)
        typed = russian_keyboard(form)
        if typed is not None and sum(ch.isalpha() for ch in form) >= _MIN_KEYBOARD_FORM:
            out.append(typed)
    return out


@lru_cache(maxsize=64)
def _automaton(strings: tuple[str, ...]) -> AhoCorasick:
    """An overlapping-capable automaton. The library's default (NFA) implementation: its DFA
    searches ~30% faster but takes ~3x longer to build (0.6 s for the built-in lexicon), which
    every worker process would pay.

    Cached by its strings: the key and de-obfuscated views search the same table."""
    return AhoCorasick(list(strings), matchkind=MatchKind.Standard)


#: One pattern as the tables see it: (language, match mode, forms); language "" when every
#: pattern of the matcher has the same language (its suffix rule is then the matcher's).
_Spec = tuple[str, str, tuple[str, ...]]
#: Per view: (view name, automaton or None, entries per automaton pattern, whether any entry
#: of that pattern may follow a proclitic).
_Searches = tuple[tuple[str, AhoCorasick | None, list[list[_Entry]], list[bool]], ...]


@lru_cache(maxsize=16)
def _tables(specs: tuple[_Spec, ...]) -> _Searches:
    """The automata and their entries for patterns ``specs``, cached by the specs.

    The gazetteer's matchers (one per language's suffixes) list the same forms; built with
    language "" they share one set of tables, entries and automata, and each matcher brings
    only its suffix rules. Built separately, each cost about 5.5 MiB of Python objects in every
    analysis worker (seven languages share the table; Russian adds its case forms)."""
    norm: dict[str, list[_Entry]] = {}
    key: dict[str, list[_Entry]] = {}
    for index, (language, mode, forms) in enumerate(specs):
        for form in dict.fromkeys(_with_keyboard_forms(forms)):
            _add(norm, key, index, language, mode, form)
    searches = []
    for name, table in ((VIEW_NORMALIZED, norm), (VIEW_KEY, key), (VIEW_DEOBFUSCATED, key)):
        automaton = _automaton(tuple(table)) if table else None
        buckets = list(table.values())
        clitic = [any(e.proclitics for e in bucket) for bucket in buckets]
        searches.append((name, automaton, buckets, clitic))
    return tuple(searches)


def _add(
    norm: dict[str, list[_Entry]],
    key: dict[str, list[_Entry]],
    index: int,
    language: str,
    mode: str,
    form: str,
) -> None:
    n_form = normalize(form)
    if not n_form:
        return
    k_form = match_key(n_form, normalized=True)
    arabic = bool(_ARABIC_LETTER.match(n_form))
    proclitics = frozenset[str]()
    if arabic:
        bare = n_form.startswith(_ARTICLE)
        proclitics = PROCLITICS["bare" if bare else "with_article"]
    for view, table, text in ((VIEW_NORMALIZED, norm, n_form), (VIEW_KEY, key, k_form)):
        if not text:
            continue
        rule = None
        if mode == "word":
            rule = _RULES.get((language, view), _EMPTY_RULE) if language else _OWN_RULE
        table.setdefault(text, []).append(_Entry(index, form, mode, rule, proclitics))
        if arabic and text.startswith(_ARTICLE) and len(text) - len(_ARTICLE) >= 4:
            # li- + al- is written "لل": "للمجلس الانتقالي" (to the ... Council)
            table.setdefault(text[len(_ARTICLE) :], []).append(
                _Entry(index, form, mode, rule, _LAM_LAM, needs_clitic=True)
            )
        stem = text[:-1]
        bare_stem = stem[len(_ARTICLE) :] if stem.startswith(_ARTICLE) else stem
        if (
            mode == "word"
            and arabic
            and text.endswith("ة")
            and len(bare_stem.split(" ")[-1]) >= _MIN_NISBA_STEM
        ):
            table.setdefault(stem, []).append(_Entry(index, form, mode, _NISBA_RULE, proclitics))


class Matcher(Generic[P]):
    """Find every pattern form in a text, whatever its obfuscation (see the module docstring).

    >>> from propwatch.knowledge.model import Term
    >>> t = Term("uz-rofiziy", "uz", "rofiziy", (), ("anti_shia",), 0.8, match="stem")
    >>> [(m.text, m.view) for m in Matcher([t]).find("Bu РОФИЗИЙЛАР haqida")]
    [('РОФИЗИЙЛАР', 'key')]
    """

    def __init__(self, patterns: Iterable[P]) -> None:
        self.patterns: tuple[P, ...] = tuple(patterns)
        for pattern in self.patterns:
            if pattern.match not in ("word", "stem", "exact"):
                raise KnowledgeError(
                    f"pattern {pattern.id!r}: match mode {pattern.match!r} is not word, stem "
                    "or exact"
                )
        languages = {pattern.language for pattern in self.patterns}
        #: The one language of all patterns (their suffix rules are this matcher's), or None.
        self.language = languages.pop() if len(languages) == 1 else None
        shared = self.language is not None
        self._searches = _tables(
            tuple(("" if shared else p.language, p.match, p.forms) for p in self.patterns)
        )
        #: The suffix rule per view for entries that take the matcher's own.
        # (the de-obfuscated view searches the key table)
        self._own_rules = {
            name: _RULES.get((self.language or "", _TABLE_VIEW[name]), _EMPTY_RULE)
            for name in VIEW_ORDER
        }

    def find(self, text: str, views: TextViews | None = None) -> list[Match[P]]:
        """Every pattern occurrence in ``text``, sorted by position; never raises on a ``str``.

        ``views``: the text's views if the caller built them (``TextViews(text, ...)``)."""
        if views is None or views.original != text:
            views = views_for(text)
        best: dict[tuple[int, int, int], tuple[str, str]] = {}
        for name, automaton, entries, clitic in self._searches:
            if automaton is None:
                continue
            if name == VIEW_NORMALIZED:
                view_text: str | None = views.normalized_text
            elif name == VIEW_KEY:
                view_text = views.key_text
            else:
                view_text = views.deobfuscated_text
            if not view_text:
                continue
            hits = automaton.find_matches_as_indexes(view_text, overlapping=True)
            if hits:
                self._collect(views, name, view_text, hits, entries, clitic, best)
        return self._results(text, best)

    def _collect(
        self,
        views: TextViews,
        name: str,
        text: str,
        hits: list[tuple[int, int, int]],
        entries: list[list[_Entry]],
        clitic: list[bool],
        best: dict[tuple[int, int, int], tuple[str, str]],
    ) -> None:
        """Check the automaton's hits in one view; add the survivors to ``best``.

        ``best`` maps (pattern index, original start, end) to (view, form); views come in
        preference order, so the first entry for a span is kept.

        Work per hit is shared by its entries (word start and end are computed once), and each
        view span is mapped to original offsets once (lexicons list the same romanization under
        several languages, so one word often matches many patterns).
        """
        view: View | None = None
        soft_starts = soft_ends = frozenset[int]()
        if name == VIEW_DEOBFUSCATED:
            view = views.view(name)
            soft_starts, soft_ends = view.soft_starts, view.soft_ends
        own_rule = self._own_rules[name]
        seen: set[tuple[int, int, int]] = set()
        mapped: dict[tuple[int, int], tuple[int, int]] = {}  # view span -> original span
        for pid, i, j in hits:
            at_start = i == 0 or i in soft_starts or not _is_word(text, i - 1)
            if not at_start and not clitic[pid]:
                continue
            match = _WORD_REST.match(text, j)
            b = match.end() if match else j
            rest = text[j:b]
            word_start = -1
            for entry in entries[pid]:
                if at_start and entry.needs_clitic:
                    continue
                a = i
                if not at_start:
                    if not entry.proclitics:
                        continue
                    if word_start < 0:
                        word_start = _word_start(text, i)
                    if text[word_start:i] not in entry.proclitics:
                        continue
                    a = word_start
                rule = own_rule if entry.rule is _OWN_RULE else entry.rule
                if entry.mode == "stem" or _ends_well(rule, rest):
                    end_v = b
                elif b - 1 in soft_ends and b - 1 >= j and _ends_well(rule, rest[:-1]):
                    end_v = b - 1
                else:
                    continue
                key = (entry.index, a, end_v)
                if key in seen:
                    continue
                seen.add(key)
                span = mapped.get((a, end_v))
                if span is None:
                    if view is None:
                        view = views.view(name)
                    span = mapped[a, end_v] = view.span(a, end_v)
                start, end = span
                if start < end and (entry.index, start, end) not in best:
                    best[entry.index, start, end] = (name, entry.form)

    def _results(
        self, text: str, best: dict[tuple[int, int, int], tuple[str, str]]
    ) -> list[Match[P]]:
        """Sort by position; drop a match inside a longer match of the same pattern."""
        if not best:
            return []
        kept: list[Match[P]] = []
        # Sorted by start, then longest first: a span lies inside an earlier span of the same
        # pattern exactly when it ends no later than the furthest end seen so far (linear time,
        # so a text repeating one term a million times stays fast).
        furthest: dict[int, int] = {}
        for (index, start, end), (view, form) in sorted(best.items(), key=_order):
            reach = furthest.get(index, -1)
            if end <= reach:
                continue
            furthest[index] = end
            kept.append(Match(self.patterns[index], start, end, text[start:end], view, form))
        return kept

    def __len__(self) -> int:
        return len(self.patterns)


def _order(item: tuple[tuple[int, int, int], tuple[str, str]]) -> tuple[int, int, int]:
    (_, start, end), (view, _) = item
    return start, -end, _RANK[view]
