"""Numbers in text: digits in any script and numbers written in words, with original offsets.

Used by event extraction for casualty figures ("15", "۱۵", "١٬٢٠٠", "fifteen",
"пятнадцать", "پانزده", "خمسة عشر", "on beş", "o'n besh", "понздаҳ", "пятерых").

How it works
------------
The text is searched in its :mod:`normalized <propwatch.normalize>` view (NFKC, invisibles
and ZWNJ removed, Arabic-script letters and digits folded, lower case), and every match is
mapped back to the *original* text through :class:`propwatch.detect.textview.View`, so
``text[span.start:span.end] == span.text`` always holds.

Digits
    ASCII, Arabic-Indic (``٠-٩``) and Persian (``۰-۹``) digits. Thousands groups: ``1,200``,
    ``١٬٢٠٠``, ``1 200`` (one space, no-break space or thin space between groups), and
    ``1.200`` in languages writing a decimal comma (tr, es, pt; ru/uz/ky/tg accept both).
    Not numbers: times (``15:50``), dates (``2024-01-03``, ``03.01.2024``), ``a/b``, versions
    and IP addresses, decimals (``2.5`` is neither 25 nor 2 and 5; ``2.5 million`` is
    2,500,000), identifiers glued to a letter (``F-16``, ``A320``, ``2nd``, ``1990s``).
    ``15-20`` gives two numbers. Runs of more than 12 digits (phone numbers, ids) are skipped.
    A year is a number too: drop numbers inside :func:`propwatch.extract.dates.find_dates`
    spans if you want counts only.
Words (``form="words"``)
    en, ru, fa/prs, ar, tr, tg, uz (Latin and Cyrillic), ky, ps; the table is chosen by
    ``language`` (``"prs"`` = ``"fa"``; ``"uz-Cyrl"`` = ``"uz"``), because a number word of
    one language is an ordinary word in another (Kyrgyz ``он`` 10, Russian "he"). Compounds
    follow each language's order: "two hundred and eighty-four", "ста сорока трёх",
    "دویست و هشتاد و چهار", Arabic and Pashto units before tens ("خمسة وعشرون", "پنځه
    ویشت"), Tajik ``-у`` joints ("бисту панҷ"), Uzbek ``-ta`` ("uchta"). A scale word after
    digits multiplies ("15 тысяч", "3 million", "۱۰ هزار"). Plurals of vague quantity
    ("dozens", "hundreds", "тысячи людей", "آلاف", "عشرات") are not numbers. Words that are
    also common non-number words (Persian ``یک``/``نه``/``ده``, Turkish ``bir``, Uzbek
    ``yuz`` "face", Pashto ``یو``, ...) count only inside a compound or right before a
    counted noun ("یک نفر", "bir kişi", "ikki nafar").

Bounded: linear scans with precompiled regexes and dict look-ups; text beyond
``MAX_CHARS`` is ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from propwatch.detect.textview import VIEW_NORMALIZED, View, views_for
from propwatch.normalize import normalize

__all__ = [
    "ABLATIVE_MORE",
    "DATIVE",
    "MAX_CHARS",
    "WORD_LANGUAGES",
    "NumberSpan",
    "canonical_language",
    "find_numbers",
    "parse_number",
]

#: Characters of a text that are searched; the rest is ignored (hostile-input bound).
MAX_CHARS = 1_000_000
#: Longest digit run taken as a number (longer ones are phone numbers or ids).
_MAX_DIGITS = 12


@dataclass(frozen=True, slots=True)
class NumberSpan:
    """One number found in a text: ``text == original[start:end]``."""

    value: int
    start: int
    end: int
    text: str
    #: ``digits`` or ``words``.
    form: str = "digits"


def canonical_language(language: str | None) -> str:
    """``"fa"`` for ``"prs"``/``"fa-AF"``, ``"uz"`` for ``"uz-Cyrl"``; lower-case base code."""
    if not language:
        return "und"
    base = re.split(r"[-_]", language.strip().lower(), maxsplit=1)[0]
    return _ALIASES.get(base, base)


_ALIASES = {
    "prs": "fa", "per": "fa", "fas": "fa", "pus": "ps", "ara": "ar", "rus": "ru", "tur": "tr",
    "tgk": "tg", "uzb": "uz", "kir": "ky", "eng": "en",
}  # fmt: skip


@lru_cache(maxsize=8)
def _view(text: str) -> View:
    """The normalized view of ``text`` (shared by numbers and dates; a few texts cached)."""
    return views_for(text[:MAX_CHARS]).view(VIEW_NORMALIZED)


# -- number word tables ------------------------------------------------------------------

_UNIT, _TEN, _TEEN, _HUND, _X100, _SCALE, _SCALED, _CONN = range(8)
#: Decimal slots a word fills: units 1, tens 2, hundreds 4 (a teen fills tens and units).
_BITS = {_UNIT: 1, _TEN: 2, _TEEN: 3, _HUND: 4}


@dataclass(frozen=True, slots=True)
class _Word:
    value: int
    kind: int
    #: Counts only inside a compound or before a counted noun.
    weak: bool = False
    #: A plural scale ("тысяч", "آلاف"): a number only after a count.
    needs_count: bool = False
    #: For ``_SCALED`` ("ألفين" 2000): the scale it closes.
    scale: int = 0


@dataclass(frozen=True, slots=True)
class _Lang:
    words: dict[str, _Word]
    #: Units may precede tens (Arabic "خمسة وعشرون", Pashto "پنځه ویشت").
    units_first: bool
    #: Suffixes joining a number to the next one (Tajik "бисту").
    joint_suffixes: tuple[str, ...]
    #: Counting suffixes (Uzbek "uchta").
    count_suffixes: tuple[str, ...]
    #: "and" glued to the next word (Arabic/Persian "وخمسة").
    glued_and: str
    #: Nouns after which a weak word counts ("یک نفر").
    counted: frozenset[str]
    #: Counting nouns written glued to a number word (Dari "چهارتن", "پنج‌نفر"): the number
    #: ends where the noun starts, and the noun is read after it as if spaced.
    glued_counters: tuple[str, ...] = ()


def _spec(text: str) -> list[str]:
    return text.split()


def _norm(word: str) -> str:
    return normalize(word)


def _table(
    groups: Iterable[tuple[int, int, str]],
    weak: str = "",
    needs_count: str = "",
    scaled: Iterable[tuple[str, int, int]] = (),
    variants: dict[str, str | int | None] | None = None,
) -> dict[str, _Word]:
    """``groups``: (value, kind, space-separated spellings)."""
    weak_set = {_norm(w) for w in weak.split()}
    plural = {_norm(w) for w in needs_count.split()}
    out: dict[str, _Word] = {}

    def put(spelling: str, word: _Word) -> None:
        key = _norm(spelling)
        out.setdefault(key, word)
        if variants:
            plain = key.translate(str.maketrans(variants))
            out.setdefault(plain, word)

    for value, kind, spellings in groups:
        for s in _spec(spellings):
            key = _norm(s)
            put(s, _Word(value, kind, key in weak_set, key in plural))
    for spelling, value, scale in scaled:
        put(spelling, _Word(value, _SCALED, scale=scale))
    return out


def _ru_soft(*stems: str) -> str:
    """Russian numerals in -ь: nominative, genitive/dative (-и), instrumental (-ью)."""
    return " ".join(f"{s}ь {s}и {s}ью" for s in stems)


_EN = _table([
    (1, _UNIT, "one"), (2, _UNIT, "two"), (3, _UNIT, "three"), (4, _UNIT, "four"),
    (5, _UNIT, "five"), (6, _UNIT, "six"), (7, _UNIT, "seven"), (8, _UNIT, "eight"),
    (9, _UNIT, "nine"), (10, _TEEN, "ten"), (11, _TEEN, "eleven"), (12, _TEEN, "twelve"),
    (13, _TEEN, "thirteen"), (14, _TEEN, "fourteen"), (15, _TEEN, "fifteen"),
    (16, _TEEN, "sixteen"), (17, _TEEN, "seventeen"), (18, _TEEN, "eighteen"),
    (19, _TEEN, "nineteen"), (20, _TEN, "twenty"), (30, _TEN, "thirty"), (40, _TEN, "forty"),
    (50, _TEN, "fifty"), (60, _TEN, "sixty"), (70, _TEN, "seventy"), (80, _TEN, "eighty"),
    (90, _TEN, "ninety"), (100, _X100, "hundred"), (1000, _SCALE, "thousand"),
    (10**6, _SCALE, "million"), (10**9, _SCALE, "billion"), (0, _CONN, "and"),
])  # fmt: skip

_RU = _table(
    [
        (1, _UNIT, "один одна одно одного одной одному одним одном одну одною"),
        (2, _UNIT, "два две двух двум двумя двое двоих двоим двоими"),
        (3, _UNIT, "три трёх трех трём трем тремя трое троих троим троими"),
        (4, _UNIT, "четыре четырёх четырех четырём четырем четырьмя"),
        (4, _UNIT, "четверо четверых четверым четверыми"),
        (5, _UNIT, "пять пяти пятью пятеро пятерых пятерым пятерыми"),
        (6, _UNIT, "шесть шести шестью шестеро шестерых шестерым шестерыми"),
        (7, _UNIT, "семь семи семью семеро семерых семерым семерыми"),
        (8, _UNIT, "восемь восьми восемью восьмью восьмеро восьмерых"),
        (9, _UNIT, "девять девяти девятью девятеро девятерых"),
        (10, _TEEN, _ru_soft("десят") + " десятеро десятерых"),
        (11, _TEEN, _ru_soft("одиннадцат")), (12, _TEEN, _ru_soft("двенадцат")),
        (13, _TEEN, _ru_soft("тринадцат")), (14, _TEEN, _ru_soft("четырнадцат")),
        (15, _TEEN, _ru_soft("пятнадцат")), (16, _TEEN, _ru_soft("шестнадцат")),
        (17, _TEEN, _ru_soft("семнадцат")), (18, _TEEN, _ru_soft("восемнадцат")),
        (19, _TEEN, _ru_soft("девятнадцат")), (20, _TEN, _ru_soft("двадцат")),
        (30, _TEN, _ru_soft("тридцат")), (40, _TEN, "сорок сорока"),
        (50, _TEN, "пятьдесят пятидесяти пятьюдесятью"),
        (60, _TEN, "шестьдесят шестидесяти шестьюдесятью"),
        (70, _TEN, "семьдесят семидесяти семьюдесятью"),
        (80, _TEN, "восемьдесят восьмидесяти восемьюдесятью восьмьюдесятью"),
        (90, _TEN, "девяносто девяноста"), (100, _HUND, "сто ста"),
        (200, _HUND, "двести двухсот двумстам двумястами двухстах"),
        (300, _HUND, "триста трёхсот трехсот трёмстам тремстам тремястами трёхстах трехстах"),
        (400, _HUND, "четыреста четырёхсот четырехсот четырёмстам четыремстам четырьмястами"),
        (400, _HUND, "четырёхстах четырехстах"),
        (500, _HUND, "пятьсот пятисот пятистам пятьюстами пятистах"),
        (600, _HUND, "шестьсот шестисот шестистам шестьюстами шестистах"),
        (700, _HUND, "семьсот семисот семистам семьюстами семистах"),
        (800, _HUND, "восемьсот восьмисот восьмистам восьмьюстами восемьюстами восьмистах"),
        (900, _HUND, "девятьсот девятисот девятистам девятьюстами девятистах"),
        (1000, _SCALE, "тысяча тысячу тысячей тысячею тысячи тысяч тысячам тысячами тысячах тыс"),
        (10**6, _SCALE, "миллион миллиона миллионов миллиону миллионом миллионе миллионам"),
        (10**6, _SCALE, "миллионами миллионах млн"),
        (10**9, _SCALE, "миллиард миллиарда миллиардов млрд"),
    ],
    weak="семью",
    needs_count="тысячи тысяч тысячам тысячами тысячах тыс миллиона миллионов миллионам "
    "миллионами миллионах млн миллиарда миллиардов млрд",
)  # fmt: skip

_FA = _table(
    [
        (1, _UNIT, "یک یه"), (2, _UNIT, "دو"), (3, _UNIT, "سه"), (4, _UNIT, "چهار"),
        (5, _UNIT, "پنج"), (6, _UNIT, "شش شیش"), (7, _UNIT, "هفت"), (8, _UNIT, "هشت"),
        (9, _UNIT, "نه"), (10, _TEEN, "ده"), (11, _TEEN, "یازده"), (12, _TEEN, "دوازده"),
        (13, _TEEN, "سیزده"), (14, _TEEN, "چهارده"), (15, _TEEN, "پانزده پونزده"),
        (16, _TEEN, "شانزده شونزده"), (17, _TEEN, "هفده هیفده"), (18, _TEEN, "هجده هیجده هژده"),
        (19, _TEEN, "نوزده"), (20, _TEN, "بیست"), (30, _TEN, "سی"), (40, _TEN, "چهل"),
        (50, _TEN, "پنجاه"), (60, _TEN, "شصت"), (70, _TEN, "هفتاد"), (80, _TEN, "هشتاد"),
        (90, _TEN, "نود"), (100, _X100, "صد"), (100, _HUND, "یکصد"), (200, _HUND, "دویست دوصد"),
        (300, _HUND, "سیصد"), (400, _HUND, "چهارصد"), (500, _HUND, "پانصد پنجصد"),
        (600, _HUND, "ششصد"), (700, _HUND, "هفتصد"), (800, _HUND, "هشتصد"), (900, _HUND, "نهصد"),
        (1000, _SCALE, "هزار"), (10**6, _SCALE, "میلیون ملیون"), (10**9, _SCALE, "میلیارد ملیارد"),
        (0, _CONN, "و"),
    ],
    weak="یک یه نه ده سی",
)  # fmt: skip

_AR = _table(
    [
        (1, _UNIT, "واحد واحدة احد احدى"),
        (2, _UNIT, "اثنان اثنين اثنتان اثنتين اثنا اثني اثنتا اثنتي إثنان إثنين"),
        # the dual of a noun is its count: "قتل رجل امرأتين" (a man killed two women); only
        # duals no plural is written like ("مدنيين" is also "civilians")
        (2, _UNIT, "شخصين شخصان امرأتين امرأتان طفلين طفلان جنديين جنديان رجلين رجلان "
                   "شرطيان شرطيين عنصرين عنصران سيدتين سيدتان شقيقين شقيقان"),
        (3, _UNIT, "ثلاث ثلاثة"), (4, _UNIT, "أربع أربعة"), (5, _UNIT, "خمس خمسة"),
        (6, _UNIT, "ست ستة"), (7, _UNIT, "سبع سبعة"), (8, _UNIT, "ثمان ثماني ثمانية"),
        (9, _UNIT, "تسع تسعة"), (10, _TEN, "عشر عشرة"), (20, _TEN, "عشرون عشرين"),
        (30, _TEN, "ثلاثون ثلاثين"), (40, _TEN, "أربعون أربعين"), (50, _TEN, "خمسون خمسين"),
        (60, _TEN, "ستون ستين"), (70, _TEN, "سبعون سبعين"), (80, _TEN, "ثمانون ثمانين"),
        (90, _TEN, "تسعون تسعين"), (100, _X100, "مئة مائة مئه مائه ميه"),
        (200, _HUND, "مئتان مئتين مائتان مائتين"), (300, _HUND, "ثلاثمئة ثلاثمائة"),
        (400, _HUND, "أربعمئة أربعمائة"), (500, _HUND, "خمسمئة خمسمائة"),
        (600, _HUND, "ستمئة ستمائة"), (700, _HUND, "سبعمئة سبعمائة"),
        (800, _HUND, "ثمانمئة ثمانمائة ثمانيمئة ثمانيمائة"), (900, _HUND, "تسعمئة تسعمائة"),
        (1000, _SCALE, "ألف آلاف ألفا"), (10**6, _SCALE, "مليون ملايين"),
        (10**9, _SCALE, "مليار مليارات"), (0, _CONN, "و"),
    ],
    weak="احد احدى ست سبع",
    needs_count="آلاف ملايين مليارات",
    scaled=[("ألفين", 2000, 1000), ("ألفان", 2000, 1000), ("مليونين", 2 * 10**6, 10**6),
            ("مليونان", 2 * 10**6, 10**6)],
)  # fmt: skip

_TR_VARIANTS: dict[str, str | int | None] = {"ı": "i"}
_TR = _table(
    [
        (1, _UNIT, "bir"), (2, _UNIT, "iki"), (3, _UNIT, "üç"), (4, _UNIT, "dört"),
        (5, _UNIT, "beş"), (6, _UNIT, "altı"), (7, _UNIT, "yedi"), (8, _UNIT, "sekiz"),
        (9, _UNIT, "dokuz"), (10, _TEN, "on"), (20, _TEN, "yirmi"), (30, _TEN, "otuz"),
        (40, _TEN, "kırk"), (50, _TEN, "elli"), (60, _TEN, "altmış"), (70, _TEN, "yetmiş"),
        (80, _TEN, "seksen"), (90, _TEN, "doksan"), (100, _X100, "yüz"), (1000, _SCALE, "bin"),
        (10**6, _SCALE, "milyon"), (10**9, _SCALE, "milyar"),
    ],
    weak="bir altı yüz",
    variants=_TR_VARIANTS,
)  # fmt: skip

_TG_VARIANTS: dict[str, str | int | None] = {
    "ҷ": "ч", "ҳ": "х", "ӯ": "у", "ӣ": "и", "қ": "к", "ғ": "г",
}  # fmt: skip
_TG = _table(
    [
        (1, _UNIT, "як"), (2, _UNIT, "ду"), (3, _UNIT, "се"), (4, _UNIT, "чор чаҳор"),
        (5, _UNIT, "панҷ"), (6, _UNIT, "шаш"), (7, _UNIT, "ҳафт"), (8, _UNIT, "ҳашт"),
        (9, _UNIT, "нӯҳ"), (10, _TEEN, "даҳ"), (11, _TEEN, "ёздаҳ"), (12, _TEEN, "дувоздаҳ"),
        (13, _TEEN, "сенздаҳ"), (14, _TEEN, "чордаҳ"), (15, _TEEN, "понздаҳ"),
        (16, _TEEN, "шонздаҳ"), (17, _TEEN, "ҳабдаҳ ҳафтдаҳ"), (18, _TEEN, "ҳаждаҳ ҳаштдаҳ"),
        (19, _TEEN, "нуздаҳ"), (20, _TEN, "бист"), (30, _TEN, "сӣ"), (40, _TEN, "чил"),
        (50, _TEN, "панҷоҳ"), (60, _TEN, "шаст"), (70, _TEN, "ҳафтод"), (80, _TEN, "ҳаштод"),
        (90, _TEN, "навад"), (100, _X100, "сад"), (200, _HUND, "дусад"), (300, _HUND, "сесад"),
        (400, _HUND, "чорсад"), (500, _HUND, "панҷсад"), (600, _HUND, "шашсад"),
        (700, _HUND, "ҳафтсад"), (800, _HUND, "ҳаштсад"), (900, _HUND, "нӯҳсад"),
        (1000, _SCALE, "ҳазор"), (10**6, _SCALE, "миллион"), (10**9, _SCALE, "миллиард"),
    ],
    weak="як сӣ",
    variants=_TG_VARIANTS,
)  # fmt: skip

_UZ_VARIANTS: dict[str, str | int | None] = {"'": "", "ў": "у", "қ": "к", "ғ": "г", "ҳ": "х"}
_UZ = _table(
    [
        (1, _UNIT, "bir бир"), (2, _UNIT, "ikki икки"), (3, _UNIT, "uch уч"),
        (4, _UNIT, "to'rt тўрт"), (5, _UNIT, "besh беш"), (6, _UNIT, "olti олти"),
        (7, _UNIT, "yetti etti етти"), (8, _UNIT, "sakkiz саккиз"), (9, _UNIT, "to'qqiz тўққиз"),
        (10, _TEN, "o'n ўн"), (20, _TEN, "yigirma йигирма"), (30, _TEN, "o'ttiz ўттиз"),
        (40, _TEN, "qirq қирқ"), (50, _TEN, "ellik эллик"), (60, _TEN, "oltmish олтмиш"),
        (70, _TEN, "yetmish etmish етмиш"), (80, _TEN, "sakson саксон"),
        (90, _TEN, "to'qson тўқсон"), (100, _X100, "yuz юз"), (1000, _SCALE, "ming минг"),
        (10**6, _SCALE, "million миллион mln млн"), (10**9, _SCALE, "milliard миллиард mlrd млрд"),
        (1, _UNIT, "bitta битта"),
    ],
    weak="bir бир yuz юз",
    needs_count="mln млн mlrd млрд",
    variants=_UZ_VARIANTS,
)  # fmt: skip

_KY_VARIANTS: dict[str, str | int | None] = {"ү": "у", "ө": "о", "ң": "н"}
_KY = _table(
    [
        (1, _UNIT, "бир"), (2, _UNIT, "эки"), (3, _UNIT, "үч"), (4, _UNIT, "төрт"),
        (5, _UNIT, "беш"), (6, _UNIT, "алты"), (7, _UNIT, "жети"), (8, _UNIT, "сегиз"),
        (9, _UNIT, "тогуз"), (10, _TEN, "он"), (20, _TEN, "жыйырма"), (30, _TEN, "отуз"),
        (40, _TEN, "кырк"), (50, _TEN, "элүү"), (60, _TEN, "алтымыш"), (70, _TEN, "жетимиш"),
        (80, _TEN, "сексен"), (90, _TEN, "токсон"), (100, _X100, "жүз"), (1000, _SCALE, "миң"),
        (10**6, _SCALE, "миллион млн"), (10**9, _SCALE, "миллиард"),
    ],
    weak="бир жүз",
    needs_count="млн",
    variants=_KY_VARIANTS,
)  # fmt: skip

def _ps_solid() -> list[tuple[int, int, str]]:
    """Pashto tens written solid with their unit ("یوویشت" 21, "یوډېرش" 31, "پنځوس" stays
    50): whole numbers below 100, filling tens and units as a teen does."""
    units = ((1, "یو"), (2, "دوه دو"), (3, "درې در"), (4, "څلور"), (5, "پنځه پنځ"),
             (6, "شپږ"), (7, "اووه اوه"), (8, "اته"), (9, "نهه نه"))  # fmt: skip
    tens = ((20, "ویشت"), (30, "دېرش دیرش ډېرش"), (40, "څلوېښت څلویښت"), (50, "پنځوس"),
            (60, "شپېته شپیته"), (70, "اویا"), (80, "اتیا"), (90, "نوي"))  # fmt: skip
    return [
        (u + t, _TEEN, " ".join(a + b for a in u_forms.split() for b in t_forms.split()))
        for u, u_forms in units
        for t, t_forms in tens
    ]


_PS = _table(
    [
        *_ps_solid(),
        (1, _UNIT, "یو"), (2, _UNIT, "دوه"), (3, _UNIT, "درې دری"), (4, _UNIT, "څلور"),
        (5, _UNIT, "پنځه"), (6, _UNIT, "شپږ"), (7, _UNIT, "اووه اوه"), (8, _UNIT, "اته"),
        (9, _UNIT, "نهه نه"), (10, _TEEN, "لس"), (11, _TEEN, "یوولس"), (12, _TEEN, "دولس"),
        (13, _TEEN, "دیارلس"), (14, _TEEN, "څوارلس"), (15, _TEEN, "پنځلس"), (16, _TEEN, "شپاړس"),
        (17, _TEEN, "اوولس"), (18, _TEEN, "اتلس"), (19, _TEEN, "نولس"), (20, _TEN, "شل ویشت"),
        (30, _TEN, "دېرش دیرش ډېرش"), (40, _TEN, "څلوېښت څلویښت"), (50, _TEN, "پنځوس"),
        (60, _TEN, "شپېته شپیته"), (70, _TEN, "اویا"), (80, _TEN, "اتیا"), (90, _TEN, "نوي"),
        (100, _X100, "سل سوه"), (1000, _SCALE, "زر"), (10**6, _SCALE, "میلیون ملیون"),
        (0, _CONN, "او"),
    ],
    weak="یو نه",
)  # fmt: skip

# Spanish, Portuguese, Italian, French and German: news about the attacks is written in them
# too. Units, teens, tens and hundreds; the articles ("un", "uma", "une", "ein") count only
# before a counted noun ("una persona"), and words that are also common words ("sei" is
# "you are", "neuf" is "new", "acht" is "attention") likewise.
_ES = _table([
    (1, _UNIT, "un una uno"), (2, _UNIT, "dos"), (3, _UNIT, "tres"), (4, _UNIT, "cuatro"),
    (5, _UNIT, "cinco"), (6, _UNIT, "seis"), (7, _UNIT, "siete"), (8, _UNIT, "ocho"),
    (9, _UNIT, "nueve"), (10, _TEEN, "diez"), (11, _TEEN, "once"), (12, _TEEN, "doce"),
    (13, _TEEN, "trece"), (14, _TEEN, "catorce"), (15, _TEEN, "quince"),
    (16, _TEEN, "dieciséis"), (17, _TEEN, "diecisiete"), (18, _TEEN, "dieciocho"),
    (19, _TEEN, "diecinueve"), (20, _TEN, "veinte"), (30, _TEN, "treinta"),
    (40, _TEN, "cuarenta"), (50, _TEN, "cincuenta"), (60, _TEN, "sesenta"),
    (70, _TEN, "setenta"), (80, _TEN, "ochenta"), (90, _TEN, "noventa"),
    (100, _X100, "cien ciento"), (1000, _SCALE, "mil"), (0, _CONN, "y"),
], weak="un una uno once")
_PT = _table([
    (1, _UNIT, "um uma"), (2, _UNIT, "dois duas"), (3, _UNIT, "três"), (4, _UNIT, "quatro"),
    (5, _UNIT, "cinco"), (6, _UNIT, "seis"), (7, _UNIT, "sete"), (8, _UNIT, "oito"),
    (9, _UNIT, "nove"), (10, _TEEN, "dez"), (11, _TEEN, "onze"), (12, _TEEN, "doze"),
    (13, _TEEN, "treze"), (14, _TEEN, "catorze quatorze"), (15, _TEEN, "quinze"),
    (16, _TEEN, "dezesseis dezasseis"), (17, _TEEN, "dezessete dezassete"),
    (18, _TEEN, "dezoito"), (19, _TEEN, "dezenove dezanove"), (20, _TEN, "vinte"),
    (30, _TEN, "trinta"), (40, _TEN, "quarenta"), (50, _TEN, "cinquenta"),
    (60, _TEN, "sessenta"), (70, _TEN, "setenta"), (80, _TEN, "oitenta"),
    (90, _TEN, "noventa"), (100, _X100, "cem cento"), (1000, _SCALE, "mil"), (0, _CONN, "e"),
], weak="um uma sete")
_IT = _table([
    (1, _UNIT, "un uno una"), (2, _UNIT, "due"), (3, _UNIT, "tre"), (4, _UNIT, "quattro"),
    (5, _UNIT, "cinque"), (6, _UNIT, "sei"), (7, _UNIT, "sette"), (8, _UNIT, "otto"),
    (9, _UNIT, "nove"), (10, _TEEN, "dieci"), (11, _TEEN, "undici"), (12, _TEEN, "dodici"),
    (13, _TEEN, "tredici"), (14, _TEEN, "quattordici"), (15, _TEEN, "quindici"),
    (16, _TEEN, "sedici"), (17, _TEEN, "diciassette"), (18, _TEEN, "diciotto"),
    (19, _TEEN, "diciannove"), (20, _TEN, "venti"), (30, _TEN, "trenta"),
    (40, _TEN, "quaranta"), (50, _TEN, "cinquanta"), (60, _TEN, "sessanta"),
    (70, _TEN, "settanta"), (80, _TEN, "ottanta"), (90, _TEN, "novanta"),
    (100, _X100, "cento"), (1000, _SCALE, "mille mila"),
], weak="un uno una sei")
_FR = _table([
    (1, _UNIT, "un une"), (2, _UNIT, "deux"), (3, _UNIT, "trois"), (4, _UNIT, "quatre"),
    (5, _UNIT, "cinq"), (6, _UNIT, "six"), (7, _UNIT, "sept"), (8, _UNIT, "huit"),
    (9, _UNIT, "neuf"), (10, _TEEN, "dix"), (11, _TEEN, "onze"), (12, _TEEN, "douze"),
    (13, _TEEN, "treize"), (14, _TEEN, "quatorze"), (15, _TEEN, "quinze"),
    (16, _TEEN, "seize"), (17, _TEEN, "dix-sept"), (18, _TEEN, "dix-huit"),
    (19, _TEEN, "dix-neuf"), (20, _TEN, "vingt"), (30, _TEN, "trente"),
    (40, _TEN, "quarante"), (50, _TEN, "cinquante"), (60, _TEN, "soixante"),
    (100, _X100, "cent cents"), (1000, _SCALE, "mille"), (0, _CONN, "et"),
], weak="un une neuf")
_DE = _table([
    (1, _UNIT, "ein eine einen einem einer eins"), (2, _UNIT, "zwei"), (3, _UNIT, "drei"),
    (4, _UNIT, "vier"), (5, _UNIT, "fünf"), (6, _UNIT, "sechs"), (7, _UNIT, "sieben"),
    (8, _UNIT, "acht"), (9, _UNIT, "neun"), (10, _TEEN, "zehn"), (11, _TEEN, "elf"),
    (12, _TEEN, "zwölf"), (13, _TEEN, "dreizehn"), (14, _TEEN, "vierzehn"),
    (15, _TEEN, "fünfzehn"), (16, _TEEN, "sechzehn"), (17, _TEEN, "siebzehn"),
    (18, _TEEN, "achtzehn"), (19, _TEEN, "neunzehn"), (20, _TEN, "zwanzig"),
    (30, _TEN, "dreißig dreissig"), (40, _TEN, "vierzig"), (50, _TEN, "fünfzig"),
    (60, _TEN, "sechzig"), (70, _TEN, "siebzig"), (80, _TEN, "achtzig"),
    (90, _TEN, "neunzig"), (100, _X100, "hundert"), (1000, _SCALE, "tausend"),
], weak="ein eine einen einem einer eins acht")

_LANGS: dict[str, _Lang] = {
    "en": _Lang(_EN, False, (), (), "", frozenset()),
    "ru": _Lang(_RU, False, (), (), "", frozenset()),
    "fa": _Lang(_FA, False, (), (), "و", frozenset(map(_norm, _spec(
        "نفر تن کشته زخمی مجروح شهید سرباز نیرو کودک زن مرد عضو فرد تا مهاجم"))),
        glued_counters=("تن", "نفر")),
    "ar": _Lang(_AR, True, (), (), "و", frozenset(map(_norm, _spec(
        "شخص أشخاص قتيل قتلى جريح جرحى جندي جنود عناصر مسلحين مسلحون نساء رجال أطفال")))),
    # "on birinin yaralandığını" (that eleven of them were wounded): a possessive and case on
    # the number word; suffixes of three letters or more, so that "onu", "onun" (him, his)
    # are no "ten"
    "tr": _Lang(_TR, False, (), (
        "inin", "ının", "unun", "ünün", "sinin", "sının", "sunun", "sünün", "isi", "ısı", "usu",
        "üsü", "ini", "ını", "unu", "ünü"), "", frozenset(_spec(
        "kişi kişinin kişiyi kişiye asker polis sivil çocuk kadın yaralı ölü saldırgan "
        "militan"))),
    "tg": _Lang(_TG, False, ("у", "ю"), (), "", frozenset(map(_norm, _spec(
        "нафар кас тан сарбоз кӯдак зан мард")))),
    "uz": _Lang(_UZ, False, (), ("ta", "та"), "", frozenset(map(_norm, _spec(
        "nafar kishi askar odam fuqaro bola ayol нафар киши аскар одам фуқаро бола аёл")))),
    "ky": _Lang(_KY, False, (), (), "", frozenset(map(_norm, _spec(
        "адам киши жоокер аскер бала аял жаран")))),
    "ps": _Lang(_PS, True, (), (), "", frozenset(map(_norm, _spec(
        "تنه تن کسان کسه کس سرتیري ماشومان ښځې نفر")))),
    "es": _Lang(_ES, False, (), (), "", frozenset(_spec(
        "persona personas muerto muertos herido heridos civil civiles niño niños mujer mujeres "
        "soldado soldados policía policías militar militares"))),
    "pt": _Lang(_PT, False, (), (), "", frozenset(_spec(
        "pessoa pessoas morto mortos ferido feridos civil civis criança crianças mulher mulheres "
        "soldado soldados policial policiais militar militares"))),
    "it": _Lang(_IT, False, (), (), "", frozenset(_spec(
        "persona persone morto morti ferito feriti civile civili bambino bambini donna donne "
        "soldato soldati poliziotto poliziotti agente agenti"))),
    "fr": _Lang(_FR, False, (), (), "", frozenset(_spec(
        "personne personnes mort morts blessé blessés civil civils enfant enfants femme femmes "
        "soldat soldats policier policiers"))),
    "de": _Lang(_DE, False, (), (), "", frozenset(map(_norm, _spec(
        "Mensch Menschen Person Personen Tote Toten Toter Verletzte Verletzten Verletzter "
        "Todesopfer Zivilist Zivilisten "
        "Kind Kinder Frau Frauen Soldat Soldaten Polizist Polizisten weitere weiteren "
        "verletzt getötet verwundet")))),
}  # fmt: skip

#: Languages with number-word tables (others get digits only).
WORD_LANGUAGES: tuple[str, ...] = tuple(_LANGS)


# -- digits ------------------------------------------------------------------------------

_NUMERIC = re.compile(r"\d+(?:[.,:/\-]\d+)*")
_LETTER = re.compile(r"[^\W\d_]")
_LATIN_CYR = re.compile(r"[a-zа-яёіїєґўқғҳҷӯӣүөңәұһ]")
_BAD_BEFORE = frozenset("_@#/\\+.&=")
_SPACE_SEPARATORS = frozenset(" \u00a0\u202f\u2009")
_DOT_THOUSANDS = frozenset({"tr", "es", "pt", "de", "it", "id", "ru", "uz", "ky", "tg"})
_COMMA_DECIMAL = frozenset({"tr", "es", "pt", "de", "it", "id"})
_DMY_DATE = re.compile(r"\d{1,2}\.\d{1,2}\.\d{2,4}")


@dataclass(slots=True)
class _Tok:
    """A candidate piece in view coordinates."""

    start: int
    end: int
    #: ``D`` integer digits, ``F`` decimal (needs a scale word), ``W`` number word(s),
    #: ``C`` connector, ``X`` other word.
    kind: str
    value: float = 0
    words: tuple[_Word, ...] = ()
    #: View offset where the number may start if the token opens a number (glued "و").
    open_at: int = -1


def _grouped(body: str, sep: str) -> bool:
    parts = body.split(sep)
    return 1 <= len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:])


def _classify(body: str, lang: str) -> list[tuple[int, int, float, bool]]:
    """(relative start, relative end, value, is_decimal) for one digits cluster."""
    if ":" in body or "/" in body:
        return []
    if "-" in body:
        parts = body.split("-")
        if len(parts) != 2 or any(len(p) > 6 or not p.isdigit() for p in parts):
            return []
        a, b = parts
        if len(a) == 4 and len(b) <= 2:  # "2023-24"
            return []
        return [(0, len(a), int(a), False), (len(a) + 1, len(body), int(b), False)]
    if body.isdigit():
        return [] if len(body) > _MAX_DIGITS else [(0, len(body), int(body), False)]
    seps = {c for c in body if not c.isdigit()}
    if len(seps) != 1:
        return []  # "1,200.50", mixed separators
    sep = seps.pop()
    if sep == "." and _DMY_DATE.fullmatch(body):
        return []
    thousands = (sep == "," and lang not in _COMMA_DECIMAL) or (
        sep == "." and lang in _DOT_THOUSANDS
    )
    if thousands and _grouped(body, sep):
        digits = body.replace(sep, "")
        return [] if len(digits) > _MAX_DIGITS else [(0, len(body), int(digits), False)]
    if body.count(sep) == 1 and len(body) <= 16:
        whole, frac = body.split(sep)
        return [(0, len(body), float(f"{whole}.{frac}"), True)]
    return []


#: An ablative suffix written onto the digits, then "more": Uzbek "30dan ortiq", "30dan
#: ko'p", Kyrgyz "500дөн ашык" ("more than N"). Matched on the number finder's view and, by
#: the event extractor, on the original text.
#: A Kyrgyz or Uzbek dative written onto the digits: "137ге жетти", "137ga yetdi" (reached 137).
DATIVE = re.compile(r"(?:ге|га|ка|ке|гө|го|ko|ga|ka|qa)(?!\w)", re.IGNORECASE)
ABLATIVE_MORE = re.compile(
    r"(?:дан|дөн|ден|тан|төн|тен|dan|den|tan|ten)\s+"
    r"(?:ашык|ашуун|ортиқ|зиёд|кўп|көп|ortiq|ziyod|ko['‘’ʻ]?p|fazla|ashyk)(?!\w)",
    re.IGNORECASE,
)


def _digit_tokens(view: str, original: View, text: str, lang: str) -> Iterator[_Tok]:
    pending: _Tok | None = None  # a plain 1-3 digit group that a "1 200" group may extend
    for m in _NUMERIC.finditer(view):
        s, e = m.span()
        before = view[s - 1] if s else " "
        if before in _BAD_BEFORE or _LATIN_CYR.match(before):
            continue
        if before == "-" and s >= 2 and _LETTER.match(view[s - 2]):
            continue  # "F-16", "Су-25"
        after = view[e] if e < len(view) else " "
        if "a" <= after <= "z" and not (ABLATIVE_MORE.match(view, e) or DATIVE.match(view, e)):
            continue  # "2nd", "1990s", "5km"; but Uzbek "30dan ortiq" is "more than 30"
        body = m.group()
        plain = body.isdigit()
        if (
            pending is not None
            and plain
            and len(body) == 3
            and s == pending.end + 1
            and _space_joined(original, text, pending.end, s)
        ):
            pending = _Tok(pending.start, e, "D", pending.value * 1000 + int(body))
            continue
        if pending is not None:
            yield pending
            pending = None
        pieces = _classify(body, lang)
        if plain and len(body) <= 3 and pieces:
            pending = _Tok(s, e, "D", pieces[0][2])
            continue
        for rs, re_, value, decimal in pieces:
            yield _Tok(s + rs, s + re_, "F" if decimal else "D", value)
    if pending is not None:
        yield pending


def _space_joined(original: View, text: str, left_end: int, right_start: int) -> bool:
    """The original characters between two digit groups are one space-like character."""
    a = original.span(left_end - 1, left_end)[1]
    b = original.span(right_start, right_start + 1)[0]
    return b - a == 1 and text[a] in _SPACE_SEPARATORS


# -- words -------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")


def _lookup(token: str, lang: str) -> tuple[tuple[_Word, ...], int] | None:
    """Number words of one view token and how many leading characters to skip (glued "و")."""
    spec = _LANGS[lang]
    words = spec.words
    hit = words.get(token)
    if hit is not None:
        return (hit,), 0
    for suffix in spec.count_suffixes:
        if token.endswith(suffix):
            hit = words.get(token[: -len(suffix)])
            if hit is not None and hit.kind in (_UNIT, _TEN, _TEEN):
                return (_Word(hit.value, hit.kind),), 0  # "uchta": never weak
    for suffix in spec.joint_suffixes:
        if token.endswith(suffix):
            hit = words.get(token[: -len(suffix)])
            if hit is not None and hit.kind in (_TEN, _HUND, _X100, _SCALE):
                return (hit, _Word(0, _CONN)), 0
    if spec.glued_and and spec.glued_and in token and len(token) <= 40:
        parts = _segment(token, lang)
        if parts is not None:
            return parts, (1 if parts[0].kind == _CONN else 0)
    return None


_AND = _Word(0, _CONN)


@lru_cache(maxsize=32_768)
def _segment(token: str, lang: str) -> tuple[_Word, ...] | None:
    """Split "چهارصدوپنجاه" / "وخمسة" into number words joined by the glued "and"."""
    spec = _LANGS[lang]
    words, glue = spec.words, spec.glued_and

    def rec(pos: int) -> tuple[_Word, ...] | None:
        for end in range(len(token), pos, -1):
            hit = words.get(token[pos:end])
            if hit is None or hit.kind == _CONN:
                continue
            if end == len(token):
                return (hit,)
            if token[end] == glue:
                rest = rec(end + 1)
                if rest is not None:
                    return (hit, _AND, *rest)
        return None

    if token.startswith(glue):
        inner = rec(1)
        return (_AND, *inner) if inner is not None else None
    return rec(0)


def _word_tokens(view: str, lang: str) -> Iterator[_Tok]:
    glued = _LANGS[lang].glued_counters
    for m in _WORD.finditer(view):
        found = _lookup(m.group(), lang)
        if found is None and glued:
            counter = _glued_counter(m.group(), lang)
            if counter:
                # "چهارتن": the number "چهار"; "تن" stays outside its span
                found = _lookup(m.group()[: -len(counter)], lang)
                if found is not None and found[0][0].kind != _CONN:
                    words, skip = found
                    end = m.end() - len(counter)
                    yield _Tok(m.start(), end, "W", words=words, open_at=m.start() + skip)
                    continue
                found = None
        if found is None:
            yield _Tok(m.start(), m.end(), "X")
            continue
        words, skip = found
        if len(words) == 1 and words[0].kind == _CONN:
            yield _Tok(m.start(), m.end(), "C")
        else:
            yield _Tok(m.start(), m.end(), "W", words=words, open_at=m.start() + skip)


def _glued_counter(token: str, lang: str) -> str:
    """The counting noun glued to the end of ``token`` ("تن" of "چهارتن"), or ""."""
    for counter in _LANGS[lang].glued_counters:
        if len(token) > len(counter) + 1 and token.endswith(counter):
            return counter
    return ""


def _merge(a: Iterable[_Tok], b: Iterable[_Tok]) -> list[_Tok]:
    out = [*a, *b]
    out.sort(key=lambda t: t.start)
    return out


# -- assembling numbers ------------------------------------------------------------------


class _Acc:
    """Builds one number from consecutive number words (and digits before a scale)."""

    __slots__ = ("bits", "current", "digits", "end", "last_scale", "start", "total", "units_first",
                 "weak_only", "words")  # fmt: skip

    def __init__(self, start: int, units_first: bool) -> None:
        self.start = start
        self.end = start
        self.total = 0
        self.current = 0.0
        self.bits = 0
        self.last_scale = 0
        self.units_first = units_first
        self.weak_only = True
        self.words = 0
        self.digits = False

    @property
    def value(self) -> float:
        return self.total + self.current

    def feed_digits(self, value: float) -> bool:
        if self.words or self.digits:
            return False
        self.digits = True
        self.weak_only = False
        self.current = value
        self.bits = 7  # no word may add to a digit number; only a scale may follow
        return True

    def feed(self, w: _Word) -> bool:
        kind = w.kind
        if kind in _BITS:
            new = _BITS[kind]
            if self.bits & new:
                return False
            # Larger slots first; only Arabic/Pashto put units before tens ("خمسة وعشرون").
            if (
                self.bits
                and new >= self.bits & -self.bits
                and not (self.units_first and kind == _TEN and self.bits & 1 and not self.bits & 2)
            ):
                return False
            self.current += w.value
            self.bits |= new
        elif kind == _X100:
            if self.digits or self.bits not in (0, 1):
                return False
            self.current = (self.current or 1) * 100
            self.bits = 4
        elif kind == _SCALE:
            if w.needs_count and not self.current:
                return False
            if self.last_scale and w.value >= self.last_scale:
                return False
            if self.digits and self.current != int(self.current):
                product = self.current * w.value
                if abs(product - round(product)) > 1e-6:
                    return False
            self.total += round((self.current or 1) * w.value)
            self.current = 0
            self.bits = 0
            self.last_scale = w.value
            self.digits = False
        elif kind == _SCALED:
            if self.words or self.digits:
                return False
            self.total = w.value
            self.last_scale = w.scale
        else:
            return False
        self.words += 1
        if not w.weak:
            self.weak_only = False
        return True


def find_numbers(text: str, language: str = "en") -> list[NumberSpan]:
    """Every number in ``text``, in text order (see the module docstring for what counts).

    >>> [(n.value, n.form) for n in find_numbers("15 killed, twenty-one injured", "en")]
    [(15, 'digits'), (21, 'words')]
    """
    if not text:
        return []
    lang = canonical_language(language)
    original = _view(text)
    view = original.text
    spec = _LANGS.get(lang)
    digits = list(_digit_tokens(view, original, text, lang))
    tokens = _merge(digits, _word_tokens(view, lang)) if spec is not None else digits
    spans: list[tuple[int, int, int, str]] = []
    units_first = spec.units_first if spec is not None else False
    counted = spec.counted if spec is not None else frozenset()

    acc: _Acc | None = None
    last_end = -1
    conn_pending = False

    def close(next_index: int) -> None:
        nonlocal acc
        if acc is None:
            return
        a, acc = acc, None
        value = a.value
        if a.digits and value != int(value):
            return  # a bare decimal
        if not a.digits and a.words == 0:
            return
        if a.weak_only and not _before_counted(tokens, next_index, view, a.end, counted):
            return
        if value <= 0 or value >= 10**_MAX_DIGITS:
            return
        form = "digits" if view[a.start].isdigit() else "words"
        spans.append((a.start, a.end, int(value), form))

    for i, tok in enumerate(tokens):
        kind = tok.kind
        adjacent = acc is not None and _gap_ok(view, last_end, tok.start)
        if kind == "X":
            close(i)
            conn_pending = False
            continue
        if kind == "C":
            if acc is not None and adjacent and not conn_pending and acc.words:
                conn_pending = True
                last_end = tok.end
            else:
                close(i)
                conn_pending = False
            continue
        if kind in "DF":
            close(i)
            conn_pending = False
            acc = _Acc(tok.start, units_first)
            acc.feed_digits(tok.value)
            acc.end = last_end = tok.end
            continue
        # number word(s)
        if acc is not None and adjacent and _feed_all(acc, tok.words):
            acc.end = last_end = tok.end
            conn_pending = False
            continue
        close(i)
        conn_pending = False
        acc = _Acc(tok.open_at if tok.open_at >= 0 else tok.start, units_first)
        words = tok.words[1:] if tok.words[0].kind == _CONN else tok.words
        if not _feed_all(acc, words):
            acc = None
            continue
        acc.end = last_end = tok.end
    close(len(tokens))

    out: list[NumberSpan] = []
    for vs, ve, value, form in spans:
        start, end = original.span(vs, ve)
        out.append(NumberSpan(value, start, end, text[start:end], form))
    collective = _COLLECTIVE.get(lang)
    if collective is not None:
        for m in collective.finditer(text):
            if not any(n.start < m.end() and m.start() < n.end for n in out):
                value = _COLLECTIVE_VALUES[m.group("noun").lower()]
                out.append(NumberSpan(value, m.start(), m.end(), m.group(), "collective"))
        out.sort(key=lambda n: n.start)
    return out


#: Round collective numbers: "un centenar" (es), "une centaine" (fr), "un centinaio" (it),
#: "uma centena" (pt): about 100; ``form="collective"``. Their plurals ("decenas",
#: "centaines") are vague and not numbers; "cuarentena" and "quarantaine" are quarantines.
_COLLECTIVE_VALUES: dict[str, int] = {
    "decena": 10, "veintena": 20, "treintena": 30, "cuarentena": 40, "cincuentena": 50,
    "centenar": 100, "centena": 100, "millar": 1000,
    "dizaine": 10, "quinzaine": 15, "vingtaine": 20, "trentaine": 30, "quarantaine": 40,
    "cinquantaine": 50, "soixantaine": 60, "centaine": 100, "millier": 1000,
    "decina": 10, "ventina": 20, "trentina": 30, "quarantina": 40, "cinquantina": 50,
    "centinaio": 100, "migliaio": 1000,
    "dezena": 10, "vintena": 20, "trintena": 30, "milhar": 1000,
}  # fmt: skip
_COLLECTIVE: dict[str, re.Pattern[str]] = {
    lang: re.compile(
        rf"(?<!\w)(?:{articles})\s+(?P<noun>{nouns})(?!\w)", re.IGNORECASE
    )
    for lang, articles, nouns in (
        ("es", "un|una", "decena|veintena|treintena|cincuentena|centenar|millar"),
        ("fr", "un|une", "dizaine|quinzaine|vingtaine|trentaine|cinquantaine|soixantaine|"
         "centaine|millier"),
        ("it", "un|una", "decina|ventina|trentina|quarantina|cinquantina|centinaio|migliaio"),
        ("pt", "um|uma", "dezena|vintena|trintena|centena|milhar"),
    )
}


def _feed_all(acc: _Acc, words: Iterable[_Word]) -> bool:
    """Feed every word or none (the accumulator is restored on failure)."""
    saved = (acc.total, acc.current, acc.bits, acc.last_scale, acc.weak_only, acc.words,
             acc.digits)  # fmt: skip
    for w in words:
        if w.kind == _CONN:
            continue
        if not acc.feed(w):
            (acc.total, acc.current, acc.bits, acc.last_scale, acc.weak_only, acc.words,
             acc.digits) = saved  # fmt: skip
            return False
    return True


_GAP = re.compile(r"[ \-]{0,3}")


def _gap_ok(view: str, last_end: int, start: int) -> bool:
    return 0 <= last_end <= start and _GAP.fullmatch(view, last_end, start) is not None


def _before_counted(
    tokens: list[_Tok], index: int, view: str, end: int, counted: frozenset[str]
) -> bool:
    """A weak number word counts when the next word is a counted noun ("یک نفر")."""
    if index >= len(tokens) or not counted:
        return False
    nxt = tokens[index]
    if nxt.kind != "X" or not _gap_ok(view, end, nxt.start):
        return False
    return view[nxt.start : nxt.end] in counted


def parse_number(text: str, language: str = "en") -> int | None:
    """The integer ``text`` spells ("15", "۱۵", "1,200", "fifteen", "пятнадцать",
    "دویست و هشتاد و چهار"), or None when it holds no number or several."""
    found = find_numbers(text, language)
    return found[0].value if len(found) == 1 else None
