"""Dates in text: Gregorian, Solar Hijri (Jalali) and lunar Hijri, weekdays and "yesterday".

:func:`find_dates` returns every date a text states as a :class:`DateValue` whose ``value`` is
Gregorian ISO, as precise as the text: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; ``calendar``
says what the text used and ``resolution`` how the value was reached. Offsets are into the
original text (the search runs in the normalized view, see :mod:`propwatch.extract.numbers`).

What is recognised (month names of en, ru, fa/prs, ar (Egyptian/Gulf, Levantine and Maghreb
names), tr, tg, uz Latin and Cyrillic, ky, ps, es, pt; digits of any script):

* day-month-year in any order the languages use: "3 January 2024", "January 3, 2024",
  "Jan. 3", "3rd of January", "3 января 2024 года", "۳ ژانویه ۲۰۲۴", "3 كانون الثاني/يناير
  2024", "3 Ocak 2024", "3 январи 2024", "2024-yil 3-yanvar", "3 de enero de 2024";
  numeric "2024-01-03", "03.01.2024", "03/01/2024" (day first; month first only when the day
  part is > 12; an ambiguous ``a/b/yyyy`` in English text is skipped), "۱۴۰۱/۰۸/۰۴" (Jalali
  in fa/ps text);
* month and year: "March 2024", "April (2022)", "в марте 2024 года" → ``YYYY-MM``;
* a year alone only in a date context: "in 2017", "since 1978", "в 2017 году", "2017-yilda",
  "سال ۱۴۰۱", "عام 2017" → ``YYYY``; not every 4-digit number;
* Jalali, with Iranian, Afghan (Dari zodiac) and Pashto month names: "4 Aban 1401",
  "۴ آبان ۱۴۰۱", "چهارم آبان ۱۴۰۱", "۲۵ حمل ۱۴۰۲" (``calendar="jalali"``), converted with
  the Borkowski arithmetic (``_jalali_year``; equal to ``convertdate.persian``'s astronomical
  calendar for 1279-1479, thousands of times faster);
* lunar Hijri: "Shawwal 1443", "Jumada al-Thani 1443", "Jamadius-Saani 1443",
  "١٥ رمضان ١٤٤٥" (``calendar="hijri"``), converted with ``hijridate`` (Umm al-Qura, years
  1343-1500 AH; others are skipped);
* without ``doc_date``, a weekday only when the same text states exactly one full date that
  falls on it ("Wednesday's attack ... October 26, 2022"), ``resolution="weekday"``;
* with ``doc_date`` only (never invented without it): weekdays ("on Wednesday", "Wednesday
  evening", "в среду", "روز چهارشنبه", "مساء الأربعاء", "Çarşamba günü", "chorshanba kuni")
  → the most recent such day on or before ``doc_date`` (``doc_date`` itself when it is that
  weekday; "last Wednesday" is strictly before), ``resolution="weekday"``; relative days
  ("yesterday", "last night", "today", "вчера", "دیروز", "شب گذشته", "أمس", "dün", "дирӯз")
  → ``resolution="relative"``; a day and month without a year ("on 22 March", "چهارم آبان
  ماه") → the year of ``doc_date`` (in that calendar), or the year before when that would put
  the date more than half a year after ``doc_date``, and a Gregorian day the text gives no
  year for either is of the year before when it would fall more than three days after
  ``doc_date`` (a report of 6 January 2024 on "12 March": 2023-03-12), ``resolution=
  "relative"``; relative
  months ("last month", "earlier this month", "в прошлом месяце", "الشهر الماضي") → ``YYYY-MM``,
  ``resolution="relative"``.

Choices:

* A month without day or year ("in March") is not a date. A day and month without a year and
  without ``doc_date`` are skipped.
* Month precision in another calendar ("Aban 1401", "Shawwal 1443") is the Gregorian month
  holding the 15th of that month; a Jalali year alone is the Gregorian year its 1 Farvardin
  falls in, a Hijri year alone the Gregorian year of its 1 Rajab.
* Month names that are also common words need a year next to them: Jalali ``تیر``, ``مهر``,
  ``دی`` ("bullet", "love", Pashto "is"), every Afghan/Pashto zodiac month (``حمل``,
  ``سرطان``, ``میزان``, ...) and every Hijri month (``صفر`` "zero", ``رجب``, ``رمضان`` names).
  English "May"/"March" must be capitalised. "March 15 people" is not March 15: a day after
  the month counts when "on" precedes, a year follows or punctuation closes it.
* Weekday names that are also common words need a context word: Turkish ``pazar`` "market",
  ``cuma``, ``salı`` need ``günü``/``akşamı``/...; Tajik ``душанбе`` (the capital), Uzbek/
  Kyrgyz ``juma``/``жума`` (a name) must be written in lower case or come with
  ``рӯзи``/``kuni``/``күнү``; Arabic ``الأحد``/``الاثنين`` ("one", "the two") need ``يوم``,
  ``مساء``, ... (``الأحد`` also counts when its clause ends on it: "آخرون الأحد، في اعتداء");
  Arabic ``اليوم`` "today" only with ``مساء``/``صباح`` or a weekday.
* Night words are resolved to the day named ("в ночь на среду", "شب چهارشنبه" → Wednesday),
  "last night" to the day before ``doc_date``.
* A weekday right next to an explicit date ("Wednesday, October 26, 2022") is not reported
  separately; the explicit date stands for it.
* Impossible dates are dropped quietly ("31 February 2024", "32.13.2024", "0000-00-00",
  years outside 1900-2100 Gregorian / 1279-1479 Jalali / 1343-1500 Hijri).

``dateparser`` is not used: its ``search_dates`` finds dates in ordinary words and is slow
per call, it has no Tajik, and the month tables here are small. Candidates are found with
precompiled regexes (month names as one trie regex), so a text costs a few linear scans.
"""

from __future__ import annotations

import contextlib
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from dateutil.easter import easter
from hijridate import Hijri

from propwatch.detect.textview import View
from propwatch.extract.model import DateValue
from propwatch.extract.numbers import _view, canonical_language
from propwatch.normalize import normalize

__all__ = ["CALENDARS", "RESOLUTIONS", "find_dates", "parse_date"]

CALENDARS: tuple[str, ...] = ("gregorian", "jalali", "hijri")
RESOLUTIONS: tuple[str, ...] = ("explicit", "weekday", "relative")

_YEARS = {"gregorian": (1900, 2100), "jalali": (1279, 1479), "hijri": (1343, 1500)}
_HALF_YEAR = timedelta(days=183)
#: How far after the document a yearless Gregorian day may fall (a dateline a day or two
#: early, time zones); a later one is of the year before: attacks are reported after they
#: happen.
_LATE_SLACK = timedelta(days=3)


# -- calendars ---------------------------------------------------------------------------


#: Borkowski's break years of the 2820-year-free Jalali arithmetic (as in jalaali-js and
#: jdatetime); it agrees with the astronomical calendar (``convertdate.persian``, checked for
#: every year 1279-1479) and costs microseconds instead of 0.1 s per conversion.
_JALALI_BREAKS = (
    -61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324,
    2394, 2456, 3178,
)  # fmt: skip


@lru_cache(maxsize=512)
def _jalali_year(jy: int) -> tuple[bool, date]:
    """(leap year?, Gregorian date of 1 Farvardin) for Jalali year ``jy`` (in range)."""
    gy = jy + 621
    leap_j, jp, jump = -14, _JALALI_BREAKS[0], 0
    for jm in _JALALI_BREAKS[1:]:
        jump = jm - jp
        if jy < jm:
            break
        leap_j += jump // 33 * 8 + jump % 33 // 4
        jp = jm
    n = jy - jp
    leap_j += n // 33 * 8 + (n % 33 + 3) // 4
    if jump % 33 == 4 and jump - n == 4:
        leap_j += 1
    leap_g = gy // 4 - (gy // 100 + 1) * 3 // 4 - 150
    nowruz = date(gy, 3, 20 + leap_j - leap_g)
    if jump - n < 6:
        n = n - jump + (jump + 4) // 33 * 33
    leap = (n + 1) % 33 != 0 and ((n + 1) % 33 - 1) % 4 == 0
    return leap, nowruz


def _jalali_month_length(jy: int, jm: int) -> int:
    if jm <= 6:
        return 31
    if jm <= 11:
        return 30
    return 30 if _jalali_year(jy)[0] else 29


def _jalali_to_date(jy: int, jm: int, jd: int) -> date | None:
    if not (1 <= jm <= 12 and 1 <= jd <= _jalali_month_length(jy, jm)):
        return None
    offset = (jm - 1) * 31 if jm <= 7 else 186 + (jm - 7) * 30
    return _jalali_year(jy)[1] + timedelta(days=offset + jd - 1)


def _date_to_jalali(day: date) -> tuple[int, int, int]:
    jy = day.year - 621
    nowruz = _jalali_year(jy)[1]
    if day < nowruz:
        jy -= 1
        nowruz = _jalali_year(jy)[1]
    doy = (day - nowruz).days
    if doy < 186:
        return jy, doy // 31 + 1, doy % 31 + 1
    doy -= 186
    return jy, doy // 30 + 7, doy % 30 + 1


def _to_gregorian(calendar: str, year: int, month: int, day: int) -> date | None:
    """The Gregorian date, or None when the date does not exist or is out of range."""
    low, high = _YEARS[calendar]
    if not (low <= year <= high and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    try:
        if calendar == "gregorian":
            return date(year, month, day)
        if calendar == "jalali":
            return _jalali_to_date(year, month, day)
        y, m, d = Hijri(year, month, day).to_gregorian().datetuple()
        return date(y, m, d)
    except (ValueError, OverflowError):
        return None


def _calendar_year(calendar: str, day: date) -> int:
    return _date_to_jalali(day)[0] if calendar == "jalali" else day.year


def _month_value(calendar: str, year: int, month: int) -> str | None:
    if calendar == "gregorian":
        low, high = _YEARS[calendar]
        return f"{year:04d}-{month:02d}" if low <= year <= high and 1 <= month <= 12 else None
    mid = _to_gregorian(calendar, year, month, 15)
    return f"{mid.year:04d}-{mid.month:02d}" if mid else None


def _year_value(calendar: str, year: int) -> str | None:
    if calendar == "gregorian":
        low, high = _YEARS[calendar]
        return f"{year:04d}" if low <= year <= high else None
    anchor = _to_gregorian(calendar, year, 1 if calendar == "jalali" else 7, 1)
    return f"{anchor.year:04d}" if anchor else None


# -- tables ------------------------------------------------------------------------------


def _words(spec: str) -> frozenset[str]:
    """Normalized spellings from a ``|``-separated list."""
    return frozenset(normalize(w) for w in spec.split("|"))


@dataclass(frozen=True, slots=True)
class _Month:
    calendar: str
    month: int
    #: Also a common word: only with a year next to it.
    needs_year: bool = False
    #: Only with a day before it (Persian ``مه``/``می``).
    needs_day: bool = False
    #: Only in text of these languages (empty: any).
    langs: frozenset[str] = frozenset()
    #: Must be capitalised in the original (English "May", "March").
    capital: bool = False
    #: An abbreviation ("Jan", "сент"): never a month on its own.
    short: bool = False
    #: A year-needing name that a day number before it makes a date ("۱۲ عقرب": Afghan month
    #: names are also zodiac signs and words, but not after a day number).
    day_is_enough: bool = False


_GREGORIAN_NAMES: tuple[str, ...] = (
    # en; es; pt; tr; uz Latin; it; fr; de
    "january jan|enero|janeiro|ocak|yanvar|gennaio|janvier|januar jänner",
    "february feb febr|febrero|fevereiro|şubat subat|fevral|febbraio|février fevrier|februar",
    "march mar|marzo|março marco|mart|marzo|mars|märz maerz",
    "april apr|abril|abril|nisan|aprel|aprile|avril|april",
    "may|mayo|maio|mayıs mayis|may|maggio|mai|mai",
    "june jun|junio|junho|haziran|iyun|giugno|juin|juni",
    "july jul|julio|julho|temmuz|iyul|luglio|juillet|juli",
    "august aug|agosto|agosto|ağustos agustos|avgust|agosto|août aout|august",
    "september sep sept|septiembre setiembre|setembro|eylül eylul|sentabr sentyabr|settembre|"
    "septembre|september",
    "october oct|octubre|outubro|ekim|oktabr oktyabr|ottobre|octobre|oktober",
    "november nov|noviembre|novembro|kasım kasim|noyabr|novembre|novembre|november",
    "december dec|diciembre|dezembro|aralık aralik|dekabr|dicembre|décembre decembre|dezember",
)
_GREGORIAN_CYRILLIC: tuple[str, ...] = (
    # ru (nominative, genitive, prepositional, abbreviation); tg (+izafa -и); uz; ky
    "январь января январе янв январ январи",
    "февраль февраля феврале фев февр феврал феврали",
    "март марта марте марти",
    "апрель апреля апреле апр апрел апрели",
    "май мая мае майи",
    "июнь июня июне июн июни",
    "июль июля июле июл июли",
    "август августа августе авг августи",
    "сентябрь сентября сентябре сен сент сентябр сентябри",
    "октябрь октября октябре окт октябр октябри",
    "ноябрь ноября ноябре ноя нояб ноябр ноябри",
    "декабрь декабря декабре дек декабр декабри",
)
_GREGORIAN_ARABIC_SCRIPT: tuple[str, ...] = (
    # fa (Iran); Dari/Pashto; Arabic (Egypt/Gulf); Levantine; Maghreb
    "ژانویه ژانوئیه|جنوری جنوري جنورۍ|يناير|كانون الثاني|جانفي",
    "فوریه|فبروری فبروري فبرورۍ|فبراير|شباط|فيفري",
    "مارس|مارچ|آذار",
    "آوریل|اپریل اپرېل|أبريل إبريل ابريل|نيسان|أفريل",
    "|مۍ|مايو|أيار",
    "ژوئن|جون|يونيو يونيه|حزيران|جوان",
    "ژوئیه ژوئیهٔ جولای|جولاى|يوليو يوليه|تموز|جويلية",
    "اوت آگوست|اگست اګست|أغسطس اغسطس|آب|أوت",
    "سپتامبر|سپتمبر سپټمبر|سبتمبر|أيلول",
    "اکتبر|اکتوبر|أكتوبر|تشرين الأول",
    "نوامبر|نومبر|نوفمبر|تشرين الثاني",
    "دسامبر|دسمبر ډسمبر|ديسمبر|كانون الأول",
)
_JALALI_NAMES: tuple[str, ...] = (
    # Iranian; Latin; Afghan (Dari zodiac); Latin zodiac; Pashto
    "فروردین|farvardin|حمل|hamal|وری",
    "اردیبهشت|ordibehesht|ثور|sawr saur|غویی",
    "خرداد|khordad|جوزا جوزاء جوزای|jawza jauza|غبرګولی غبرگولی",
    "تیر|tir|سرطان|saratan|چنګاښ چنگاښ",
    "مرداد امرداد|mordad amordad|اسد|asad|زمری",
    "شهریور|shahrivar|سنبله|sunbula sonbola|وږی",
    "مهر|mehr|میزان|mizan|تله",
    "آبان|aban|عقرب|aqrab aqrab|لړم",
    "آذر|azar|قوس|qaws qaus|لیندۍ",
    "دی|dey|جدی|jadi|مرغومی",
    "بهمن|bahman|دلو|dalw dalv|سلواغه",
    "اسفند|esfand|حوت|hut hoot|کب",
)
#: Jalali names that are common words: a year must follow.
_JALALI_COMMON = _words("تیر|مهر|دی|tir|mehr|dey|azar|bahman")
_HIJRI_ARABIC_SCRIPT: tuple[str, ...] = (
    "محرم",
    "صفر",
    "ربيع الأول|ربيع الاول|ربيع أول",
    "ربيع الثاني|ربيع الآخر|ربيع الاخر|ربيع ثاني|ربيع الثانی",
    "جمادى الأولى|جمادى الاولى|جمادى الأول|جمادى الاول|جمادی الاول|جمادی الاولی",
    "جمادى الآخرة|جمادى الاخرة|جمادى الثانية|جمادى الثاني|جمادى الآخر|جمادی الثانی",
    "رجب",
    "شعبان",
    "رمضان",
    "شوال",
    "ذو القعدة|ذي القعدة|ذی القعده|ذوالقعده",
    "ذو الحجة|ذي الحجة|ذی الحجه|ذوالحجه",
)
_HIJRI_PATTERNS: tuple[str, ...] = (
    r"m[uo]h?arr?am|мухаррам[аеу]?|мухаррем[аеу]?|муҳаррам",
    r"safar|сафар[аеу]?",
    r"rab[iīe]e?[ʿʾ']?(?:[ -]?[aeu]l)?[ -]?(?:aw+al|awal|aval|ula|oula)"
    r"|раби[ъ]?[ -]?(?:[аую]ль|ул)?[ -]?ав+ал[ья]?",
    r"rab[iīe]e?[ʿʾ']?(?:[ -]?[aeu](?:l|s|th|t|ss))?[ -]?(?:th?aa?ni|saa?ni|akh[ie]r(?:ah?)?)"
    r"|раби[ъ]?[ -]?(?:[аую]ль|[аую]с|ул|ас)?[ -]?(?:сани|ахир)",
    r"j[uoa]ma?d[aei]?y?(?:[ -]?[aeiu](?:l|s|th|t|ss))?[ -]?(?:[uo]o?la|aw+al|awal|oula)"
    r"|джумад[аы]?[ -]?(?:[аую]ль|ул)?[ -]?(?:уля|ула|авв?ал[ья]?)|ҷумодиулаввал",
    r"j[uoa]ma?d[aei]?y?(?:[ -]?[aeiu](?:l|s|th|t|ss))?[ -]?"
    r"(?:th?aa?ni(?:ya|yah)?|saa?ni|akh[ie]r(?:ah?)?)"
    r"|джумад[аы]?[ -]?(?:[аую]ль|[аую]с|ул|ас)?[ -]?(?:сани|ахира|ахир)|ҷумодиуссонӣ",
    r"rajab|раджаб[аеу]?|ражаб|раҷаб",
    r"sha[ʿʾ']?a?ban|шаабан[аеу]?|шаъбон|шабан[аеу]?",
    r"rama[dz]h?aa?n|ramzan|рамадан[аеу]?|рамазан[аеу]?|рамазон",
    r"shaw+aa?l|шавв?ал[ьяеюу]?|шаввол",
    r"(?:dh|z|th)[ui]l?[ -]?(?:[aeu]l[ -]?)?q[ai][ʿʾ']?a?dah?|zil?qad|зуль?[ -]?(?:л[ -])?каъ?да"
    r"|зулқаъда",
    r"(?:dh|z|th)[ui]l?[ -]?(?:[aeu]l[ -]?)?hij+ah?|zil?hajj?|зуль?[ -]?(?:л[ -])?хид?жж?а"
    r"|зулҳиҷҷа",
)
#: Names only taken in text of these languages (they are words elsewhere).
_GATED: dict[str, frozenset[str]] = {
    "آب": frozenset({"ar"}),
    "جوان": frozenset({"ar"}),
    "ماي": frozenset({"ar"}),
    # French and German: a planet and a word in other languages
    "mars": frozenset({"fr"}),
    "mai": frozenset({"fr", "de"}),
}
#: Names that need a day before them.
_NEEDS_DAY = frozenset({"مه", "می", "ماي", "مۍ", "mar"})
_CAPITAL = frozenset({"may", "march", "mar"})
_SHORT = _words(
    "jan|feb|febr|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|янв|фев|февр|апр|июн|июл|авг|сен|"
    "сент|окт|ноя|нояб|дек"
)


def _variants(name: str) -> set[str]:
    """Spellings of one name as the normalized view shows them (joined, ه for ة)."""
    base = normalize(name)
    out = {base}
    if " " in base:
        out.add(base.replace(" ", ""))
    for v in list(out):
        if v.endswith("ة"):
            out.add(v[:-1] + "ه")
    return out


def _build_months() -> dict[str, _Month]:
    table: dict[str, _Month] = {}

    def add(names: Iterable[str], calendar: str, month: int) -> None:
        for name in names:
            for key in _variants(name):
                info = _Month(
                    calendar,
                    month,
                    needs_year=calendar == "hijri"
                    or (calendar == "jalali" and (key in _JALALI_COMMON or not _is_iranian(name))),
                    needs_day=name in _NEEDS_DAY,
                    langs=_GATED.get(name, frozenset()),
                    capital=name in _CAPITAL,
                    short=key in _SHORT,
                    day_is_enough=calendar == "jalali"
                    and not _is_iranian(name)
                    and key not in _JALALI_COMMON,
                )
                old = table.setdefault(key, info)
                if (old.calendar, old.month) != (calendar, month):
                    raise ValueError(f"month name {key!r} is ambiguous")

    for i, spec in enumerate(_GREGORIAN_NAMES):
        add(spec.replace("|", " ").split(), "gregorian", i + 1)
    for i, spec in enumerate(_GREGORIAN_CYRILLIC):
        add(spec.split(), "gregorian", i + 1)
    for i, spec in enumerate(_GREGORIAN_ARABIC_SCRIPT):
        names = [n for part in spec.split("|") for n in _split_names(part)]
        add(names + (["مه", "می", "ماي"] if i == 4 else []), "gregorian", i + 1)
    for i, spec in enumerate(_JALALI_NAMES):
        add(spec.replace("|", " ").split(), "jalali", i + 1)
    for i, spec in enumerate(_HIJRI_ARABIC_SCRIPT):
        add(spec.split("|"), "hijri", i + 1)
    return table


_IRANIAN_JALALI = frozenset(
    normalize(n) for spec in _JALALI_NAMES for n in spec.split("|")[:2] for n in n.split()
)


def _is_iranian(name: str) -> bool:
    return normalize(name) in _IRANIAN_JALALI


def _split_names(part: str) -> list[str]:
    """Arabic-script names may have two words ("كانون الثاني"): split on known singles."""
    words = part.split()
    if len(words) == 2 and words[1].startswith("ال"):
        return [part]
    return words


_MONTHS: dict[str, _Month] = _build_months()


def _trie_regex(words: Iterable[str]) -> str:
    """A regex matching exactly ``words`` (greedy: the longest when several fit), as a trie."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + emit(node[ch]) for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            return body + "?" if len(alts) > 1 else f"(?:{body})?"
        return body

    return emit(trie)


_LB = r"(?<![^\W\d_])"  # not after a letter
_LA = r"(?![^\W\d_])"  # not before a letter
_MONTH_SUFFIX = (
    # "-dagi", "-daki", "-дагы" ("of"): "16 iyundagi portlash", "16-декабрдагы чабуул"
    r"(?P<msuf> ?ماه|'?(?:dagi|daki|deki|tagi|taki|teki|da|de|ta|te|dan|den|ında|inde)"
    r"|-?(?:даги|дагы|деги|таги|тагы|теги|ында|инде|унда|үндө|ундо|нда|нде|да|де|та|те|ы|и))?"
)
_MONTH_RE = re.compile(
    _LB
    + "(?:(?P<lit>"
    + _trie_regex(_MONTHS)
    + ")|"
    + "|".join(f"(?P<h{i + 1}>{p})" for i, p in enumerate(_HIJRI_PATTERNS))
    + ")"
    + _MONTH_SUFFIX
    + _LA
)


def _fa_ordinals() -> dict[str, int]:
    units = ["یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه"]
    teens = ["ده", "یازده", "دوازده", "سیزده", "چهارده", "پانزده", "شانزده", "هفده", "هجده"]
    teens.append("نوزده")

    def ordinal(word: str) -> list[str]:
        if word == "سه":
            return ["سوم"]
        if word == "یک":
            return ["یکم", "اول"]
        if word == "سی":
            return ["سیام", "سی ام", "سی‌ام"]
        return [word + "م"]

    out: dict[str, int] = {}
    for value, word in [*enumerate(units, 1), *enumerate(teens, 10), (20, "بیست"), (30, "سی")]:
        for o in ordinal(word):
            out[normalize(o)] = value
    for tens, word in ((20, "بیست"), (30, "سی")):
        for value, unit in enumerate(units[: 9 if tens == 20 else 1], 1):
            for o in ordinal(unit):
                if o != "اول":
                    out[normalize(f"{word} و {o}")] = tens + value
    out[normalize("نخست")] = 1
    return out


_FA_ORDINALS = _fa_ordinals()
_FA_ORDINAL_BEFORE = re.compile(_LB + "(" + _trie_regex(_FA_ORDINALS) + ") $")
#: Pashto "د جنورۍ په لومړۍ نېټه" ("on the first date of January"): an ordinal word after the
#: month (digits there are read by _DAY_AFTER).
_PS_ORDINALS = {
    normalize(word): value
    for value, words in enumerate(
        (
            "لومړۍ لومړی", "دوهمه دویمه", "دریمه درېیمه", "څلورمه", "پنځمه", "شپږمه", "اوومه",
            "اتمه", "نهمه", "لسمه",
        ),
        1,
    )
    for word in words.split()
}  # fmt: skip
_PS_ORDINAL_AFTER = re.compile(
    " په (" + _trie_regex(_PS_ORDINALS) + ") (?:" + normalize("نېټه") + "|" + normalize("نیټه")
    + r")(?![^\W\d_])"
)

_DAY_BEFORE = re.compile(
    # a slash after a word may come before the day: Dari "پنجشنبه/۱ثور/۱۴۰۱"
    r"(?<![\d.,:\-])(?<!\d/)(\d{1,2})"
    # ... Tajik "30-юми сентябр", "5-уми сентябр", "2-юм"
    r"(?:st|nd|rd|th|-?(?:го|е|ое|ого|чи|inchi|nchi|юми|уми|юм|ум|ми)|'?(?:inci|ıncı|uncu|üncü)"
    # French "1er octobre", Spanish/Portuguese/Italian "1º" (NFKC: "1o", "1.o")
    r"|er|re|ère|\.?o"
    r"|مه|مې|ام|م)?"
    r"(?: of the | of | de | del | د |\. |-| |\.|)$"
)
_DAY_AFTER = re.compile(r"\.? ?(?:the |په |پر )?(\d{1,2})(st|nd|rd|th|مه|مې)?(?![\d.,:/]\d|\d)")
#: What may follow a month-first day ("March 15") for it to count.
_AFTER_MD = re.compile(
    r"[,.;:)!?–—\-]| (?:at|in|and|when|to|as|after|before)\b|$"
    # "the March 15 attacks", "the July 7 bombings"
    r"| (?:attacks?|bombings?|blasts?|explosions?|shootings?|massacres?|assaults?|raids?)\b"
)
_YEAR_AFTER = re.compile(
    r"(?:,? ?|/|-)(?:(?:of|de|del|yılı|yil|sanat|سنة|عام|سال|соли|,) )?"
    r"(?:\((?P<py>\d{4})\)|(?P<y>\d{4}))(?![\d]|[.,:/\-]\d)"
)
_SOLAR_MARKER_WORDS = "هجری شمسی|شمسی|خورشیدی|ه.ش|ه ش|هش|ش|sh|h.sh."
_LUNAR_MARKER_WORDS = "هجری قمری|قمری|ه.ق|ه ق|هق|ه|هجری|هجرية|للهجرة|ah|a.h."
_GREG_MARKER_WORDS = "م|میلادی|ميلادي|ميلادية|ad|ce"
_YEAR_WORDS_AFTER = (
    "года|году|год|г.|гг.|yil|yilda|yilning|yili|yilida|йил|йилда|йилнинг|йили|йилида|"
    "yılı|yılında|yılının|жылы|жылдын|жыл|жылда|сол|соли|сола|с.|کال|کې"
)


_SOLAR_MARKERS = _words(_SOLAR_MARKER_WORDS)
_LUNAR_MARKERS = _words(_LUNAR_MARKER_WORDS)
_GREG_MARKERS = _words(_GREG_MARKER_WORDS)
_YEAR_SUFFIX = re.compile(
    r"(?:[ -]?(?P<w>"
    + _trie_regex(_SOLAR_MARKERS | _LUNAR_MARKERS | _GREG_MARKERS | _words(_YEAR_WORDS_AFTER))
    + r")(?![^\W\d_])|'(?P<tr>de|da|te|ta|den|dan|ten|tan)(?![^\W\d_]))"
)
_YEAR_WORD_BEFORE = re.compile(
    _LB
    + "(?:"
    + _trie_regex(_words("year|سال|سنة|عام|العام|السنة|год|соли|sal|año|ano|anno|yili|yılı"))
    + r")(?: of| de)? $"
)
#: "the 2022 attack", "the 2019 bombings": a year between "the" and an attack noun (English;
#: the view is lower case).
_THE_BEFORE = re.compile(r"(?<!\w)the $")
_EVENT_NOUN_AFTER = re.compile(
    r" (?P<between>(?:[a-z-]+ ){0,2}?)(?:attack|bombing|blast|explosion|shooting|massacre|"
    r"assault|siege|hostage crisis)(?P<plural>s)?(?!\w)"
)


def _names_an_event(view: str, starts: _Starts, window: int, ys: int, ye: int) -> bool:
    """ "the 2022 attack", "the 2019 Easter bombings": a year between "the" and an attack
    noun; a plural straight after the number reads as a count ("the 2000 attacks")."""
    if _THE_BEFORE.search(view, window, ys) is None:
        return False
    m = _EVENT_NOUN_AFTER.match(view, ye)
    if m is None:
        return False
    return not m.group("plural") or (bool(m.group("between")) and starts.upper(ye + 1))


_PREP_BEFORE = re.compile(
    _LB
    + "(?:"
    + _trie_regex(
        _words(
            "in|since|during|until|till|from|before|after|by|circa|mid|early|late|summer|spring|"
            "autumn|fall|winter|of|в|во|с|со|до|после|к|начале|конце|середине|en|em|desde|hasta|"
            "até|"
            "منذ|از|تا"
        )
    )
    + r")-? $"
)
_FOLLOW_FUNCTION_WORDS = _words(
    "the|a|an|and|when|as|after|before|it|its|they|he|she|we|his|their|this|that|isis|is|"
    "was|were|had|has|there|until|to|of|in|on|el|la|los|las|o|os|e|y|que"
)
_STANDALONE_YEAR = re.compile(r"(?<![\d.,:/\-])(\d{4})(?![\d]|[.,:/\-]\d)")

_NUM_YMD = re.compile(r"(?<![\d.,:/\-])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d:/]|[.,\-]\d)")
_NUM_DMY = re.compile(r"(?<![\d.,:/\-])(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?![\d:/]|[.,\-]\d)")

# -- weekdays and relative days ------------------------------------------------------------

#: Monday = 0 ... Sunday = 6; spellings by language (normalized before use).
_WEEKDAYS: tuple[str, ...] = (
    "monday|понедельник|دوشنبه|دو شنبه|دوشنبې|دوه شنبې|دوه شنبه|الاثنين|الإثنين|pazartesi|"
    "душанбе|душанбешаб|"
    "dushanba|душанба|"
    "дүйшөмбү|lunes|segunda-feira|segunda|lunedì|lunedi|lundi|"
    "montag|montagabend|montagmorgen|montagnacht|montagmittag|montagvormittag|montagnachmittag",
    "tuesday|вторник|سه‌شنبه|سه شنبه|سه شنبې|سه‌شنبې|سې شنبې|سې‌شنبې|سې شنبه|سي شنبې|الثلاثاء|"
    "salı|sali|сешанбе|сешанбешаб|"
    "seshanba|сешанба|шейшемби|"
    "martes|terça-feira|terça|terca-feira|terca|martedì|martedi|mardi|"
    "dienstag|dienstagabend|dienstagmorgen|dienstagnacht|dienstagmittag|dienstagvormittag|dienstagnachmittag",
    "wednesday|среду|чоршанбе|чоршанбешаб|чаҳоршанбе|چهارشنبه|چهار شنبه|چهارشنبې|چارشنبې|"
    "الأربعاء|çarşamba|carsamba|"
    "chorshanba|чоршанба|шаршемби|miércoles|miercoles|quarta-feira|quarta|mercoledì|mercoledi|"
    "mercredi|mittwoch|mittwochabend|mittwochmorgen|mittwochnacht|mittwochmittag|mittwochvormittag|mittwochnachmittag",
    "thursday|четверг|پنجشنبه|پنج شنبه|پنجشنبې|الخميس|perşembe|persembe|панҷшанбе|"
    "панҷшанбешаб|пайшанбе|пайшанбешаб|payshanba|"
    "пайшанба|бейшемби|jueves|quinta-feira|quinta|giovedì|giovedi|jeudi|"
    "donnerstag|donnerstagabend|donnerstagmorgen|donnerstagnacht|donnerstagmittag|donnerstagvormittag|donnerstagnachmittag",
    "friday|пятницу|пятничной молитвы|пятничной молитве|пятничную молитву|пятничного намаза|"
    "جمعه|جمعې|الجمعة|cuma|ҷумъа|ҷумъашаб|ҷума|juma|жума|viernes|sexta-feira|sexta|venerdì|"
    "venerdi|vendredi|freitag|freitagabend|freitagmorgen|freitagnacht|freitagmittag|freitagvormittag|freitagnachmittag",
    "saturday|субботу|شنبه|شنبې|السبت|cumartesi|шанбе|шанбешаб|shanba|шанба|ишемби|sábado|"
    "sabado|sabato|samedi|"
    "samstag|samstagabend|samstagmorgen|samstagnacht|samstagmittag|samstagvormittag|samstagnachmittag",
    "sunday|воскресенье|یکشنبه|یک شنبه|یکشنبې|الأحد|pazar|якшанбе|якшанбешаб|yakshanba|"
    "якшанба|жекшемби|domingo|"
    "domenica|dimanche|sonntag|sonntagabend|sonntagmorgen|sonntagnacht|sonntagmittag|sonntagvormittag|sonntagnachmittag",
)
#: Weekday spellings that need a context word (prefix or suffix) next to them.
_WEEKDAY_NEEDS_CONTEXT = _words(
    "الاثنين|الإثنين|الأحد|salı|sali|cuma|pazar|çarşamba|carsamba|perşembe|persembe|"
    "pazartesi|cumartesi|segunda|terça|terca|quarta|quinta|sexta|domingo"
)
#: Arabic "Sunday" is also "the One" (of God): without "يوم" it needs the clause to end on it
#: ("Monday", "الاثنين", is also "the two", as in "قتل الاثنين،": it keeps needing "يوم").
_AR_WEEKDAY_AMBIGUOUS = _words("الأحد")
#: Arabic weekdays that are also words ("the two", "the One") but a day between commas.
_AR_WEEKDAY_IN_COMMAS = _words("الاثنين|الإثنين|الأحد")
_COMMA_BEFORE = re.compile(r"[،,] ?$")
_ONE_GOD_BEFORE = re.compile(normalize("(?:الله|الواحد|الفرد|الصمد|احد) $"))
#: ... unless written in lower case (Tajik ``душанбе`` vs the city ``Душанбе``).
_WEEKDAY_LOWER_OK = _words("душанбе|juma|жума|ҷумъа|ҷума|domingo")
_WEEKDAY_PREFIXES = (
    "last|this|past|on|в|во|прошлую|минувшую|эту|в ночь на|ночь на|в прошлую|в минувшую|"
    "روز|عصر|غروب|شب|صبح|بامداد|ظهر|ظهر روز|غروب روز|عصر روز|صبح روز|"
    "يوم|مساء|صباح|ليلة|فجر|ظهر|عصر|مساء يوم|صباح يوم|ليل|"
    "geçen|bu|рӯзи|рузи|o'tgan|ўтган|өткөн|na|nesta|nessa|desta|na última|última|ultima|"
    "el|este|el pasado|pasado|am|le|ce|il|lo scorso|lo scorso|dans la nuit de|nella notte di"
)
#: Prefixes that are plain prepositions: no context for an ambiguous name, not in the span.
_WEAK_PREFIXES = _words("on|в|во|na|el|este|bu|this|nesta|nessa|desta|am|le|ce|il")
_WEEKDAY_SUFFIXES = (
    "evening|night|morning|afternoon|вечером|утром|днём|днем|ночью|"
    "شب|صبح|عصر|بعدازظهر|ظهر|günü|namazı|namazında|namazi|akşamı|sabahı|gecesi|"
    "öğleden sonra|akşam|sabah|gece|"
    "kuni|kechqurun|kechasi|ertalab|куни|кечқурун|кечаси|эрталаб|күнү|кечинде|түнү|"
    "бегоҳ|шаб|субҳ|à noite|de manhã|à tarde|por la noche|por la mañana|por la tarde|soir|"
    "matin|après-midi|dernier|sera|mattina|pomeriggio|scorso|notte|الماضي|الماضية|الماضى"
)
_STRICT_PREFIXES = _words(
    "last|past|прошлую|минувшую|в прошлую|в минувшую|geçen|o'tgan|ўтган|өткөн|"
    "na última|última|ultima|el pasado|pasado"
)
#: Suffixes that, like the strict prefixes, mean a past day: "الأحد الماضي" (last Sunday)
#: on a Sunday is a week before the document.
_STRICT_SUFFIXES = _words("الماضي|الماضية|الماضى|dernier|scorso")
def _spellings(*groups: tuple[int, str]) -> dict[str, int]:
    """``(value, "a|b|c")`` groups as one normalized spelling -> value table."""
    return {normalize(k): v for v, spec in groups for k in spec.split("|")}


#: Relative days: spelling -> days before ``doc_date``.
_RELATIVE: dict[str, int] = _spellings(
    (1, "yesterday|last night|yesterday evening|yesterday morning|вчера|прошлой ночью|"
        "минувшей ночью|вчера вечером|вчера утром|دیروز|دیشب|شب گذشته|روز گذشته|"
        "أمس|الأمس|يوم أمس|مساء أمس|صباح أمس|ليلة أمس|الليلة الماضية|مساء الأمس|"
        "dün|dünkü|dün gece|dün akşam|kecha|кеча|дирӯз|дируз|кечээ|кече|кече кечинде|"
        "кечээ кечинде|кече түнү|кечээ түнү|پرون|تېره ورځ|تیره ورځ|"
        "تېره شپه|تیره شپه|پرونۍ ورځ|تېر ماښام|تیر ماښام|پرون ماښام|پرون شپه|پرون سهار|"
        "ayer|anoche|ontem|"
        "hier|hier soir|hier matin|la veille|ieri|ieri sera|ieri mattina|gestern|"
        "gestern abend|накануне|the previous day|the day before|"
        # "за вчерашний теракт" (for yesterday's attack)
        "вчерашний|вчерашнего|вчерашнем|вчерашнему|вчерашним|вчерашняя|вчерашней|вчерашнюю"),
    (2, "day before yesterday|the day before yesterday|позавчера|پریروز|أول أمس|"
        "أول من أمس|أمس الأول|مساء أمس الأول|يوم أمس الأول|صباح أمس الأول|evvelsi gün|"
        "önceki gün|evvelki gün|avant-hier|l'altro ieri|l’altro ieri|ieri l'altro|vorgestern|"
        "anteayer|anteontem"),
    (0, "today|this morning|this evening|сегодня|امروز|نن|نن سهار|نن ماښام|نن ورځ|نن شپه|"
        "مساء اليوم|صباح اليوم|ظهر اليوم|"
        "bugün|bugun|бугун|имрӯз|имруз|бүгүн|hoy|hoje|oggi|aujourd'hui|aujourd’hui|heute|"
        # "hours ago": the day of the report
        "a few hours ago|several hours ago|earlier today|ساعاتی قبل|ساعاتی پیش|چند ساعت قبل|"
        "چند ساعت پیش|منذ ساعات|قبل ساعات|несколько часов назад|birkaç saat önce|"
        "il y a quelques heures|vor wenigen stunden|vor einigen stunden|hace unas horas|"
        "hace pocas horas|há poucas horas|poche ore fa|"
        # "Questa mattina un kamikaze ...", "esta mañana", "ce matin", "heute Morgen"
        "questa mattina|stamattina|stamane|questa sera|stasera|esta mañana|esta tarde|"
        "esta manhã|nesta manhã|hoje de manhã|ce matin|ce soir|heute morgen|heute früh"),
)  # fmt: skip
_RELATIVE_LANGS: dict[str, frozenset[str]] = {
    normalize("kecha"): frozenset({"uz"}),
    normalize("кеча"): frozenset({"uz"}),
    normalize("кече"): frozenset({"ky"}),
    normalize("hier"): frozenset({"fr"}),
    normalize("la veille"): frozenset({"fr"}),
    normalize("ieri"): frozenset({"it"}),
    normalize("gestern"): frozenset({"de"}),
}
#: Turkish "önceki gün" after a noun in the ablative is "the day before" that ("saldırıdan
#: önceki gün"), not the day before yesterday.
_BEFORE_SOMETHING = frozenset(normalize(w) for w in ("önceki gün", "evvelki gün"))
_ABLATIVE_BEFORE = re.compile(r"[^\W\d_]+['’]?(?:dan|den|tan|ten) $")
_TODAY_WORDS = frozenset(normalize(w) for w in ("oggi", "aujourd'hui", "aujourd’hui", "heute"))
#: "bis heute", "jusqu'à aujourd'hui", "ancora oggi", "fino ad oggi": "to this day".
_UNTIL_BEFORE = re.compile(r"(?:bis|jusqu['’]à|jusqu['’]|ancora|fino ad?|d['’]|di|noch) ?$")
#: "the day before" words that are "on the eve of" with a noun after them ("la veille du
#: scrutin", "накануне выборов"): a relative day only when no noun follows.
_EVE_OF = {
    normalize("la veille"): re.compile(r" (?:(?:de|du|des)(?![^\W\d_])|d['’])"),
    normalize("накануне"): re.compile(r" [^\W\d_]+(?:а|я|ы|и|ов|ев|ей|ий|ого|его)(?![^\W\d_])"),
    # "the day before the attack", "the day before his arrest"
    normalize("the day before"): re.compile(
        r" (?:the|a|an|his|her|its|their|this|that|yesterday)(?![^\W\d_])"),
    # "ساعاتی قبل از این انفجار": hours before the blast, not before the report
    **{normalize(w): re.compile(" از(?![^\\W\\d_])") for w in (
        "ساعاتی قبل", "ساعاتی پیش", "چند ساعت قبل", "چند ساعت پیش")},
}


def _weekday_table() -> dict[str, int]:
    out: dict[str, int] = {}
    for index, spec in enumerate(_WEEKDAYS):
        for name in spec.split("|"):
            for key in _variants(name):
                out[key] = index
                if "-" in key:
                    out[key.replace("-", " ")] = index
    return out


_WEEKDAY_NAMES = _weekday_table()
_WEEKDAY_RE = re.compile(
    _LB
    + "(?:(?P<pre>"
    + _trie_regex(normalize(w) for w in _WEEKDAY_PREFIXES.split("|"))
    + ") )?(?:(?P<rel>"
    + _trie_regex(normalize(w) for w in ("اليوم", "أمس", "يوم أمس"))
    + ") )?(?P<day>"
    + _trie_regex(_WEEKDAY_NAMES)
    + r")(?:'s)?(?: ?\((?P<dom>\d{1,2})\))?(?: (?P<suf>"
    + _trie_regex(normalize(w) for w in _WEEKDAY_SUFFIXES.split("|"))
    + "))?"
    + _LA
)
_RELATIVE_RE = re.compile(_LB + "(?:" + _trie_regex(_RELATIVE) + ")" + _LA)


# -- candidates ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Cand:
    start: int  # view offsets
    end: int
    value: str
    calendar: str = "gregorian"
    resolution: str = "explicit"
    #: Higher wins an overlap: full/month dates 3, numeric 3, year alone 2, weekday 1.
    priority: int = 3


def _lang_ok(info: _Month, lang: str) -> bool:
    return not info.langs or lang in info.langs


def _month_info(m: re.Match[str]) -> _Month | None:
    lit = m.group("lit")
    if lit is not None:
        return _MONTHS.get(lit)
    for i in range(12):
        if m.group(f"h{i + 1}") is not None:
            return _Month("hijri", i + 1, needs_year=True)
    return None


def _year_suffix(view: str, pos: int) -> tuple[int, str]:
    """End of a year marker/word right after ``pos`` and its normalized text ("" if none)."""
    m = _YEAR_SUFFIX.match(view, pos)
    if m is None:
        return pos, ""
    return m.end(), (m.group("w") or m.group("tr") or "")


def _marker_calendar(marker: str) -> str | None:
    if marker in _SOLAR_MARKERS:
        return "jalali"
    if marker in _LUNAR_MARKERS:
        return "hijri"
    if marker in _GREG_MARKERS:
        return "gregorian"
    return None


def _resolve_yearless(calendar: str, month: int, day: int, doc_date: date) -> date | None:
    year = _calendar_year(calendar, doc_date)
    found = _to_gregorian(calendar, year, month, day)
    if found is not None and found > doc_date + _HALF_YEAR:
        found = _to_gregorian(calendar, year - 1, month, day)
    return found


def _month_candidates(view: str, starts: _Starts, lang: str, doc_date: date | None) -> list[_Cand]:
    out: list[_Cand] = []
    matches = list(_MONTH_RE.finditer(view))
    skip_next = False
    for index, m in enumerate(matches):
        if skip_next:
            skip_next = False
            continue
        info = _month_info(m)
        if info is None or not _lang_ok(info, lang):
            continue
        ms, me = m.span()
        if lang == "ps" and m.group() == normalize("مه"):
            continue  # Pashto "۱۶مه" is "the 16th" (May is "مۍ"): "د فبرورۍ پر ۱۶مه"
        if info.capital and lang != "uz" and not starts.upper(ms):
            continue
        # "كانون الثاني/يناير", "كانون الثاني (يناير)": a second name for the same month.
        if index + 1 < len(matches):
            nxt = matches[index + 1]
            if view[me : nxt.start()] in ("/", " / ", " (", "(", " ( "):
                me = nxt.end()
                if view.startswith(")", me):
                    me += 1
                skip_next = True
        suffixed = m.group("msuf") is not None
        cand = _month_date(view, ms, me, info, lang, doc_date, suffixed, starts)
        if cand is not None:
            out.append(cand)
    return out


def _month_date(
    view: str, ms: int, me: int, info: _Month, lang: str, doc_date: date | None, suffixed: bool,
    starts: _Starts | None = None,
) -> _Cand | None:
    """The date around one month name at ``view[ms:me]``. A day or year across a paragraph
    break in the original text is not the month's ("killed at least 12" ending a title, "Jun
    7, 2017" opening the next paragraph)."""
    start, end = ms, me
    day: int | None = None
    window = max(0, ms - 30)
    d = _DAY_BEFORE.search(view, window, ms)
    if d is not None and starts is not None and starts.broken(d.end(1), ms):
        d = None
    if d is not None:
        day, start = int(d.group(1)), d.start()
    elif info.calendar == "jalali" or lang in ("fa", "ps"):
        o = _FA_ORDINAL_BEFORE.search(view, window, ms)
        if o is not None:
            day, start = _FA_ORDINALS[o.group(1)], o.start()
    if day is None and lang == "ps":
        p = _PS_ORDINAL_AFTER.match(view, me)
        if p is not None:
            day, end = _PS_ORDINALS[p.group(1)], p.end()
    if day is None:
        a = _DAY_AFTER.match(view, me)
        if a is not None and starts is not None and starts.broken(me, a.start(1)):
            a = None
        if a is not None:
            ordinal = a.group(2) is not None
            closed = _AFTER_MD.match(view, a.end()) is not None
            prefixed = view[max(0, ms - 3) : ms] == "on "
            dotted = view.startswith(".", me)
            year_next = _YEAR_AFTER.match(view, a.end()) is not None
            year_first = _YEAR_FIRST.search(view, max(0, ms - 30), ms) is not None
            if ordinal or closed or prefixed or dotted or year_next or year_first:
                day, end = int(a.group(1)), a.end()
    if info.needs_day and day is None:
        return None
    year: int | None = None
    y = _YEAR_AFTER.match(view, end)
    if y is not None and starts is not None and starts.broken(end, y.end()):
        y = None
    if y is not None:
        year = int(y.group("py") or y.group("y"))
        end = _year_suffix(view, y.end())[0]
    else:
        # Uzbek/Kyrgyz/Pashto order: the year (with its word) first.
        yb = _YEAR_FIRST.search(view, max(0, start - 30), start)
        if yb is not None:
            year, start = int(yb.group(1)), yb.start()
    # "۱۶ مهرماه", "۱۰ دی‌ماه": with the word for month the common word (seal, arrow) is
    # the month, and a day before it makes a date as it does for the Afghan names
    day_enough = info.day_is_enough or (
        info.calendar == "jalali" and suffixed and "ماه" in view[ms:me]
    )
    if year is None and info.needs_year and not (day_enough and d is not None):
        return None
    if year is None and day is None:
        return _month_only(view, ms, me, info, doc_date, suffixed)
    dated = _dated(info.calendar, year, info.month, day, doc_date)
    if dated is None:
        return None
    return _Cand(start, end, dated[0], info.calendar, dated[1])


_MONTH_CONTEXT_BEFORE = re.compile(
    _LB
    + "(?:"
    + _trie_regex(
        _words(
            "in|since|during|until|till|by|from|early|late|mid|last|this|of|в|с|до|к|начале|"
            "конце|середине|прошлом|этом|در|ماه|اواسط|اوایل|اواخر|از|في|خلال|شهر|منذ|مطلع|أواخر|"
            "منتصف|en|desde|em|дар|моҳи|im|seit|anfang|ende|mitte|ad|nel|dal|début|fin|mi|"
            "principios de|finales de|mediados de|comienzos de|fines de|inicios de|"
            "início de|inicio de|meados de|fim de|final de"
        )
    )
    + r")-? $"
)
_MONTH_CONTEXT_AFTER = re.compile(r" (?:oyida|ойида|ayında|айында|ayı|ойи)(?![^\W\d_])")


#: After a month: "of the year before the document's" ("January last year", "enero del año
#: pasado", "в январе прошлого года", "im Januar letzten Jahres", "دی ماه سال گذشته").
_MONTH_LAST_YEAR = re.compile(
    r",? (?:"
    + _trie_regex(
        _words(
            "last year|of last year|the previous year|of the previous year|del año pasado|"
            "de l'année dernière|de l'an dernier|dell'anno scorso|do ano passado|"
            "прошлого года|минувшего года|letzten jahres|vergangenen jahres|سال گذشته|"
            "من العام الماضي|من السنة الماضية|العام الماضي"
        )
    )
    + ")"
    + _LA
)


def _month_only(
    view: str, ms: int, me: int, info: _Month, doc_date: date | None, suffixed: bool
) -> _Cand | None:
    """ "in March", "в марте", "در آبان", "Mart'ta": the latest such month up to ``doc_date``;
    "January last year": that month of the year before."""
    if doc_date is None or info.short or info.calendar == "hijri":
        return None
    end = me
    after = _MONTH_CONTEXT_AFTER.match(view, me)
    last_year = _MONTH_LAST_YEAR.match(view, me)
    if after is not None:
        end = after.end()
    elif last_year is not None:
        end = last_year.end()
    elif _MONTH_CONTEXT_BEFORE.search(view, max(0, ms - 20), ms) is None and not suffixed:
        return None
    if info.calendar == "gregorian":
        year = doc_date.year if info.month <= doc_date.month else doc_date.year - 1
        if last_year is not None:
            year = doc_date.year - 1
        value = _month_value("gregorian", year, info.month)
    else:
        jy, jm, _ = _date_to_jalali(doc_date)
        jy = jy - 1 if last_year is not None or info.month > jm else jy
        value = _month_value("jalali", jy, info.month)
    if value is None:
        return None
    return _Cand(ms, end, value, info.calendar, "relative")


#: "январский теракт", "в мартовском нападении": the month as an adjective (Russian).
_RU_MONTH_ADJ = re.compile(
    r"(?<![^\W\d_])(январ|феврал|мартов|апрел|май|июн|июл|августов|сентябр|октябр|ноябр|декабр)"
    r"ь?ск(?:ий|ого|ому|им|ом|ая|ой|ую|ое|ие|их|ими)(?![^\W\d_])"
)
_RU_MONTH_ADJ_NUMBER = {
    "январ": 1, "феврал": 2, "мартов": 3, "апрел": 4, "май": 5, "июн": 6, "июл": 7,
    "августов": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
}  # fmt: skip


def _ru_month_adjectives(view: str, doc_date: date) -> list[_Cand]:
    """The latest such month up to ``doc_date`` ("январский теракт" in March 2024: 2024-01)."""
    out = []
    for m in _RU_MONTH_ADJ.finditer(view):
        month = _RU_MONTH_ADJ_NUMBER[m.group(1)]
        year = doc_date.year if month <= doc_date.month else doc_date.year - 1
        value = _month_value("gregorian", year, month)
        if value is not None:
            out.append(_Cand(m.start(), m.end(), value, "gregorian", "relative"))
    return out


_YEAR_FIRST = re.compile(
    r"(?<![\d.,:/\-])(\d{4})[ -]?(?:(?:هجري |هجری )?لمر[یيى]ز )?"
    r"(?:yil|йил|жылдын|жылы|жыл|года|г\.|کال د|کال|سال)(?: د)?,? ?$"
)


def _dated(
    calendar: str, year: int | None, month: int, day: int | None, doc_date: date | None
) -> tuple[str, str] | None:
    if year is not None and day is not None:
        found = _to_gregorian(calendar, year, month, day)
        return (found.isoformat(), "explicit") if found else None
    if year is not None:
        value = _month_value(calendar, year, month)
        return (value, "explicit") if value else None
    if day is not None and doc_date is not None:
        found = _resolve_yearless(calendar, month, day, doc_date)
        return (found.isoformat(), "relative") if found else None
    return None


class _Starts:
    """Original-case checks for view positions."""

    __slots__ = ("text", "view")

    def __init__(self, text: str, view: View) -> None:
        self.text = text
        self.view = view

    def char(self, pos: int) -> str:
        start = self.view.span(pos, pos + 1)[0]
        return self.text[start : start + 1]

    def upper(self, pos: int) -> bool:
        return self.char(pos).isupper()

    def lower(self, pos: int) -> bool:
        return self.char(pos).islower()

    def broken(self, start: int, end: int) -> bool:
        """Whether a paragraph break (a blank line) stands in the original text of
        ``view[start:end]``."""
        lo, hi = self.view.span(start, end)
        return _PARAGRAPH_BREAK.search(self.text, lo, hi) is not None


_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")


def _numeric_candidates(view: str, lang: str) -> list[_Cand]:
    out: list[_Cand] = []
    for m in _NUM_YMD.finditer(view):
        year, month, day = int(m[1]), int(m[3]), int(m[4])
        end, marker = _year_suffix(view, m.end())
        calendar = _numeric_calendar(year, marker, lang)
        if calendar is None:
            continue
        found = _to_gregorian(calendar, year, month, day)
        if found is not None:
            out.append(_Cand(m.start(), end, found.isoformat(), calendar))
    for m in _NUM_DMY.finditer(view):
        first, second, year, sep = int(m[1]), int(m[3]), int(m[4]), m[2]
        end, marker = _year_suffix(view, m.end())
        calendar = _numeric_calendar(year, marker, lang)
        if calendar is None:
            continue
        if first <= 12 and second > 12:
            day, month = second, first  # month first (US)
        elif sep == "/" and lang == "en" and first <= 12 and first != second:
            continue  # 03/01/2024 in English: ambiguous
        else:
            day, month = first, second
        found = _to_gregorian(calendar, year, month, day)
        if found is not None:
            out.append(_Cand(m.start(), end, found.isoformat(), calendar))
    return out


def _numeric_calendar(year: int, marker: str, lang: str) -> str | None:
    by_marker = _marker_calendar(marker)
    if 1900 <= year <= 2100:
        return "gregorian" if by_marker in (None, "gregorian") else None
    if 1279 <= year <= 1500:
        if by_marker in ("jalali", "hijri"):
            return by_marker
        if by_marker is None and lang in ("fa", "ps"):
            return "jalali"
        if by_marker is None and lang == "ar":
            return "hijri"
    return None


def _year_candidates(view: str, starts: _Starts, lang: str) -> list[_Cand]:
    out: list[_Cand] = []
    for m in _STANDALONE_YEAR.finditer(view):
        ys, ye = m.span()
        year = int(m.group(1))
        end, marker = _year_suffix(view, ye)
        window = max(0, ys - 25)
        word_before = _YEAR_WORD_BEFORE.search(view, window, ys) is not None
        strong = bool(marker) or word_before
        if not strong and not _names_an_event(view, starts, window, ys, ye):
            prep = _PREP_BEFORE.search(view, window, ys)
            if prep is None or not _free_after(view, ye, starts):
                continue
        calendar = _marker_calendar(marker)
        if calendar is None:
            if 1900 <= year <= 2100:
                calendar = "gregorian"
            elif lang in ("fa", "ps") and (word_before or marker):
                calendar = "jalali"
            else:
                continue
        value = _year_value(calendar, year)
        if value is not None:
            out.append(_Cand(ys, end, value, calendar, priority=2))
    return out


_NEXT_WORD = re.compile(r" ([^\W\d_]+)")
_CLOSERS = frozenset(",.;:)!?–—\"'»،؛")


def _free_after(view: str, pos: int, starts: _Starts) -> bool:
    """After a year with only a preposition before it: punctuation, end, or no counted noun."""
    if pos >= len(view) or view[pos] in _CLOSERS:
        return True
    if view[pos] == " " and (pos + 1 >= len(view) or view[pos + 1] in _CLOSERS):
        return True
    m = _NEXT_WORD.match(view, pos)
    if m is None:
        return False
    word = m.group(1)
    if word in _FOLLOW_FUNCTION_WORDS:
        return True
    return starts.upper(m.start(1))  # "In 2017 ISIS bombed", not "in 2000 attacks"


def _weekday_candidates(view: str, starts: _Starts, doc_date: date) -> list[_Cand]:
    out: list[_Cand] = []
    for m in _WEEKDAY_RE.finditer(view):
        name = m.group("day")
        pre, rel, dom = m.group("pre"), m.group("rel"), m.group("dom")
        strong_pre = pre is not None and pre not in _WEAK_PREFIXES
        context = strong_pre or bool(m.group("suf") or rel or dom)
        lower_ok = name in _WEEKDAY_LOWER_OK and starts.lower(m.start("day"))
        if name in _AR_WEEKDAY_AMBIGUOUS and not context:
            # "وأصيب أربعة آخرون الأحد، في اعتداء" (on Sunday): the clause ends on it; "الواحد
            # الأحد" (the One) does not count
            context = view.startswith(("،", ","), m.end("day")) and not _ONE_GOD_BEFORE.search(
                view, max(0, m.start("day") - 12), m.start("day")
            )
        if (
            not context
            and name in _AR_WEEKDAY_IN_COMMAS
            and _COMMA_BEFORE.search(view, max(0, m.start("day") - 2), m.start("day"))
            and view.startswith(("،", ","), m.end("day"))
        ):
            # "وقتل 22 شخصاً على الأقل، الاثنين، في هجوم": a day set off by commas (not "قتل
            # الاثنين،", killed the two)
            context = True
        if name in _WEEKDAY_NEEDS_CONTEXT and not (context or lower_ok):
            continue  # "domingo" needs context, unless written in lower case
        if name in _WEEKDAY_LOWER_OK and not (context or lower_ok):
            continue
        if _FEAST_BEFORE.search(view, max(0, m.start("day") - 12), m.start("day")) or (
            _FEAST_AFTER.match(view, m.end("day"))
        ):
            continue  # "Easter Sunday", "domingo de Páscoa": the feast (see _holiday_candidates)
        start = m.start("pre") if strong_pre else m.start("rel" if rel else "day")
        if rel is not None and _YESTERDAY_AR in rel:
            value = doc_date - timedelta(days=1)  # "يوم أمس الأربعاء"
            out.append(_Cand(start, m.end(), value.isoformat(), resolution="relative", priority=1))
            continue
        weekday = _WEEKDAY_NAMES[name]
        delta = (doc_date.weekday() - weekday) % 7
        if (pre in _STRICT_PREFIXES or m.group("suf") in _STRICT_SUFFIXES) and delta == 0:
            delta = 7
        value = doc_date - timedelta(days=delta)
        if dom is not None:
            value = _day_of_month_near(doc_date, int(dom), weekday) or value
        end = m.end()
        before_last = _BEFORE_LAST.match(view, end)
        last_week = _LAST_WEEK.match(view, end) if before_last is None else None
        if before_last is not None:  # "يوم السبت قبل الماضي", "Saturday before last"
            value -= timedelta(days=7 if delta else 14)
            end = before_last.end()
        elif last_week is not None:
            # "سه‌شنبه هفته گذشته" (Tuesday last week): that day of the week before the
            # document's (weeks start on Saturday in Iran and the Arab world, else Monday)
            first = 5 if _ARABIC_LETTER.search(last_week.group(0)) else 0
            if delta <= (doc_date.weekday() - first) % 7:
                value -= timedelta(days=7)
            end = last_week.end()
        out.append(_Cand(start, end, value.isoformat(), resolution="weekday", priority=1))
    return out


#: "the Saturday before last": a week before the last such day.
_BEFORE_LAST = re.compile(
    " (?:" + "|".join(normalize(w) for w in ("قبل الماضي", "قبل الماضى", "before last"))
    + r"|позапрошл\w*)(?![^\W\d_])"
)


#: "Tuesday last week", "سه‌شنبه هفته گذشته", "الثلاثاء من الأسبوع الماضي".
_LAST_WEEK = re.compile(
    " (?:" + "|".join(normalize(w) for w in (
        "هفته گذشته", "هفته قبل", "هفته پیش", "هفته ی گذشته", "هفتهٔ گذشته",
        "الأسبوع الماضي", "من الأسبوع الماضي", "الاسبوع الماضي", "من الاسبوع الماضي",
        "last week", "of last week", "geçen hafta", "на прошлой неделе", "прошлой недели",
    )) + r")(?![^\W\d_])"
)
_ARABIC_LETTER = re.compile("[\u0600-\u06ff]")

_YESTERDAY_AR = normalize("أمس")


def _yearless_dated_by_the_text(
    view: str, starts: _Starts, lang: str, found: list[_Cand]
) -> list[_Cand]:
    """Without a document date, "on 18 June" and "in March" take their year from the dates the
    text itself writes with one, as a reader does: a report names the year once ("On 3 January
    2024 ...") and then drops it ("... and on 18 June"). The reference is the nearest earlier
    day or month written with its year (a year standing alone, "since 2014", is none); without
    one, the date stays unresolved."""
    refs = sorted((c.start, int(c.value[:4])) for c in found
                  if c.resolution in {"explicit", "weekday"} and len(c.value) >= 7)  # fmt: skip
    if not refs:
        return []
    options: dict[tuple[int, int], dict[int, _Cand]] = {}
    for year in {y for _, y in refs}:
        for cand in _month_candidates(view, starts, lang, date(year, 12, 31)):
            if cand.resolution == "relative":
                options.setdefault((cand.start, cand.end), {})[year] = cand
    out: list[_Cand] = []
    for (start, _end), by_year in sorted(options.items()):
        earlier = [y for pos, y in refs if pos < start]
        if earlier and earlier[-1] in by_year:
            out.append(by_year[earlier[-1]])
    return out


#: A year written right after a yearless day: "la sera del 13 novembre di 10 anni fa, nel
#: 2015", "on 13 November, in 2015", "le 13 novembre, en 2015".
_YEAR_GLUED = re.compile(
    r"(?:\s*,?\s*(?:di|de|of|il y a)?\s*\d{1,2}\s+(?:anni|años|ans|years|anos|jahren)"
    r"(?:\s+(?:fa|ago|atrás))?)?"
    r"\s*,?\s*(?:nel|in|en|em|im|dans|del|no|в|во)\s+(?P<y>(?:19|20)\d{2})(?![\d./-])"
)


def _year_written_after(
    view: str, starts: _Starts, lang: str, cands: list[_Cand]
) -> list[_Cand]:
    """A day and month that the text gives its year right after ("13 novembre di 10 anni fa,
    nel 2015") take that year, with or without a document date."""
    years = {int(m["y"]) for m in _YEAR_GLUED.finditer(view)}
    if not years:
        return cands
    glued: dict[tuple[int, int], _Cand] = {}
    for year in years:
        for cand in _month_candidates(view, starts, lang, date(year, 12, 31)):
            m = _YEAR_GLUED.match(view, cand.end)
            if (cand.resolution == "relative" and len(cand.value) == 10 and m is not None
                    and int(m["y"]) == year):  # fmt: skip
                glued[(cand.start, cand.end)] = _Cand(
                    cand.start, cand.end, cand.value, cand.calendar, "explicit"
                )
    if not glued:
        return cands
    kept = [c for c in cands if (c.start, c.end) not in glued]
    return kept + list(glued.values())


def _not_after_the_document(cands: list[_Cand], doc_date: date) -> list[_Cand]:
    """A yearless Gregorian day still after the document ("12 March" in a report of 6 January
    2024, the text giving no year for it) is of the year before: 2023-03-12."""
    late = (doc_date + _LATE_SLACK).isoformat()
    out: list[_Cand] = []
    for c in cands:
        if c.resolution == "relative" and c.calendar == "gregorian" and len(c.value) == 10 and (
            c.value > late
        ):
            y, m, d = (int(x) for x in c.value.split("-"))
            if (m, d) == (2, 29):
                continue  # no 29 February the year before: no date rather than a wrong one
            c = _Cand(c.start, c.end, f"{y - 1:04d}-{m:02d}-{d:02d}", c.calendar, c.resolution,
                      c.priority)  # fmt: skip
        out.append(c)
    return out


def _no_later_than_the_text(
    view: str, starts: _Starts, lang: str, cands: list[_Cand], doc_date: date
) -> list[_Cand]:
    """A day and month without a year that the document's year would put after the document
    ("3 сентября" in a report of 1 September 2025) takes its year from the text when the text
    wrote one before it: "1 сентября 2004 года ... 3 сентября силовики провели штурм" is
    2004-09-03, not 2025-09-03."""
    late = doc_date.isoformat()
    if not any(c.resolution == "relative" and len(c.value) == 10 and c.value > late
               for c in cands):  # fmt: skip
        return cands
    anchored = {(c.start, c.end): c for c in _yearless_dated_by_the_text(view, starts, lang, cands)}
    return [
        anchored.get((c.start, c.end), c)
        if c.resolution == "relative" and len(c.value) == 10 and c.value > late
        else c
        for c in cands
    ]


#: What may stand between a weekday and the day it names: "lundi 13 mai", "Sunday, June 5",
#: "یکشنبه، ۱۱ جدی", "понедельник, 29 марта".
_WEEKDAY_GAP = re.compile(r"[\s,،]{1,3}")
#: How many years after the latest year a text writes a weekday's yearless day may fall.
_WEEKDAY_YEARS = 7


def _yearless_dated_by_weekday(
    view: str, starts: _Starts, lang: str, found: list[_Cand]
) -> list[_Cand]:
    """Without a document date, a yearless day with its weekday ("lundi 13 mai", "Sunday, June
    5", "یکشنبه، ۱۱ جدی") takes the first year, from the latest year the text writes
    (never after today), in which that day falls on that weekday: in a text that also says
    "En octobre 2017", "lundi 13 mai" is 2019-05-13. A text that writes no year leaves it
    unresolved, as does a weekday no year within seven fits."""
    years = [int(c.value[:4]) for c in found if c.resolution == "explicit"]
    if not years:
        return []
    named: dict[int, int] = {}  # view offset where a weekday ends -> its weekday
    for m in _WEEKDAY_RE.finditer(view):
        gap = _WEEKDAY_GAP.match(view, m.end("day"))
        if gap is not None:
            named[gap.end()] = _WEEKDAY_NAMES[m.group("day")]
    if not named:
        return []
    first, last = max(years), min(max(years) + _WEEKDAY_YEARS, date.today().year)
    out: dict[tuple[int, int], _Cand] = {}
    for year in range(first, last + 1):
        for cand in _month_candidates(view, starts, lang, date(year, 12, 31)):
            if cand.resolution != "relative" or len(cand.value) != 10 or cand.start not in named:
                continue
            if (cand.start, cand.end) in out or not first <= int(cand.value[:4]) <= last:
                continue
            with contextlib.suppress(ValueError):
                if date.fromisoformat(cand.value).weekday() == named[cand.start]:
                    out[cand.start, cand.end] = replace(cand, resolution="weekday")
    return list(out.values())


def _weekdays_named_by_the_text(view: str, starts: _Starts, found: list[_Cand]) -> list[_Cand]:
    """Without a document date, "Wednesday's attack" is the one full date the same text
    states that falls on a Wednesday ("... October 26, 2022"), if there is exactly one;
    otherwise it stays unresolved. "Last Wednesday" (strictly before) never matches one."""
    named: dict[tuple[int, int], set[str]] = {}
    for value in {c.value for c in found if c.resolution == "explicit" and len(c.value) == 10}:
        try:
            day = date.fromisoformat(value)
        except ValueError:
            continue
        for cand in _weekday_candidates(view, starts, day):
            if cand.resolution == "weekday" and cand.value == value:
                named.setdefault((cand.start, cand.end), set()).add(value)
    return [
        _Cand(start, end, values.pop(), resolution="weekday", priority=1)
        for (start, end), values in sorted(named.items())
        if len(values) == 1
    ]


def _day_of_month_near(doc_date: date, dom: int, weekday: int) -> date | None:
    """ "quarta (3)": the latest day ``dom`` on or before ``doc_date`` (weekday preferred)."""
    options = []
    for back in range(0, 62):
        day = doc_date - timedelta(days=back)
        if day.day == dom:
            options.append(day)
    for day in options:
        if day.weekday() == weekday:
            return day
    return options[0] if options else None


def _relative_candidates(view: str, starts: _Starts, lang: str, doc_date: date) -> list[_Cand]:
    out: list[_Cand] = []
    for m in _RELATIVE_RE.finditer(view):
        word = m.group()
        langs = _RELATIVE_LANGS.get(word)
        if langs is not None and lang not in langs:
            continue
        if word in _TODAY_WORDS and _UNTIL_BEFORE.search(view, max(0, m.start() - 12), m.start()):
            continue  # "bis heute", "jusqu'à aujourd'hui", "ancora oggi": to this day
        eve = _EVE_OF.get(word)
        if eve is not None and eve.match(view, m.end()):
            continue  # "накануне выборов", "la veille du scrutin": the eve of something
        if _title_case_word(view, starts, m.start()):
            continue  # "If You Look At Today, ..." (a headline, not a date)
        if word in _BEFORE_SOMETHING and _ABLATIVE_BEFORE.search(
            view, max(0, m.start() - 30), m.start()
        ):
            continue  # "saldırıdan önceki gün": the day before the attack, not before today
        value = doc_date - timedelta(days=_RELATIVE[word])
        out.append(_Cand(m.start(), m.end(), value.isoformat(), resolution="relative", priority=1))
    return out


#: Relative months: spelling -> months before ``doc_date`` ("last month": the one before).
_RELATIVE_MONTH: dict[str, int] = _spellings(
    (1, "last month|the previous month|в прошлом месяце|в минувшем месяце|ماه گذشته|"
        "ماه پیش|الشهر الماضي|geçen ay|o'tgan oyda|ўтган ойда|өткөн айда|моҳи гузашта|"
        "el mes pasado|le mois dernier|il mese scorso|no mês passado|letzten monat|"
        "vergangenen monat|im vergangenen monat|im letzten monat"),
    (0, "this month|earlier this month|в этом месяце|این ماه|هذا الشهر|bu ay|"
        "este mes|ce mois-ci|questo mese|este mês|diesen monat|in diesem monat"),
)  # fmt: skip
_RELATIVE_MONTH_RE = re.compile(_LB + "(?:" + _trie_regex(_RELATIVE_MONTH) + ")" + _LA)


def _relative_months(view: str, doc_date: date) -> list[_Cand]:
    """ "the mosque shootings in New Zealand last month": the month before ``doc_date``."""
    out: list[_Cand] = []
    for m in _RELATIVE_MONTH_RE.finditer(view):
        if view.endswith("the ", 0, m.start()) or view.startswith(" of", m.end()):
            continue  # "the last month of the year"
        if _SPAN_COUNT_BEFORE.search(view, max(0, m.start() - 12), m.start()):
            continue  # "در چند ماه گذشته": over the past few months
        back = _RELATIVE_MONTH[m.group()]
        year, month = doc_date.year, doc_date.month - back
        if month < 1:
            year, month = year - 1, month + 12
        out.append(_Cand(m.start(), m.end(), f"{year:04d}-{month:02d}", resolution="relative",
                         priority=1))  # fmt: skip
    return out


#: Relative years: spelling -> years before ``doc_date`` ("last year": the one before).
_RELATIVE_YEAR: dict[str, int] = _spellings(
    (1, "last year|the previous year|в прошлом году|в минувшем году|в прошлом году|سال گذشته|"
        "پارسال|سال پار|العام الماضي|السنة الماضية|geçen yıl|geçen sene|o'tgan yili|"
        "o'tgan yil|ўтган йили|ўтган йил|соли гузашта|соли гузаштаи|былтыр|өткөн жылы|"
        "تېر کال|پر کال|el año pasado|del año pasado|año pasado|l'année dernière|"
        "l'an dernier|de l'année dernière|l'anno scorso|dell'anno scorso|no ano passado|"
        "do ano passado|letztes jahr|vergangenes jahr|im vergangenen jahr|im letzten jahr|"
        "letzten jahres|vergangenen jahres"),
)  # fmt: skip
_RELATIVE_YEAR_RE = re.compile(_LB + "(?:" + _trie_regex(_RELATIVE_YEAR) + ")" + _LA)


#: A count before "سال گذشته" / "ماه گذشته" makes a span: "طی دو سال گذشته" (over the past
#: two years), "در چند ماه گذشته" (in the past few months).
_SPAN_COUNT_BEFORE = re.compile(
    r"(?:\d+|"
    + "|".join(normalize(w) for w in (
        "یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه", "ده", "چند", "چندین",
        "دوازده", "بیست", "سی", "چهل", "پنجاه"))
    + r")\s+$"
)  # fmt: skip


def _relative_years(view: str, doc_date: date) -> list[_Cand]:
    """ "the siege at the Westgate shopping mall in Nairobi last year": the year before
    ``doc_date`` (year precision)."""
    return [
        _Cand(m.start(), m.end(), f"{doc_date.year - _RELATIVE_YEAR[m.group()]:04d}",
              resolution="relative", priority=1)
        for m in _RELATIVE_YEAR_RE.finditer(view)
        if not view.endswith("the ", 0, m.start())  # "the last year of his life"
        and not _SPAN_COUNT_BEFORE.search(view, max(0, m.start() - 12), m.start())
    ]  # fmt: skip


#: "يوم 19 من الشهر الجاري", "the 19th of this month", "19-го числа прошлого месяца": a day
#: of the document's month (or of the month before it).
_DAY_OF_MONTH_RE = re.compile(
    _LB
    + f"(?:(?:{normalize('يوم')}|{normalize('في')}) )?(?P<ar>\\d{{1,2}}) "
    + f"(?:{normalize('من')} )?(?:{normalize('ال')})?{normalize('شهر')} "
    + "(?P<arw>" + "|".join(normalize(w) for w in ("الجاري", "الحالي", "الماضي", "المنصرم")) + ")"
    r"|(?:on )?the (?P<en>\d{1,2})(?:st|nd|rd|th)? of (?P<enw>this|last) month"
    r"|(?P<ru>\d{1,2})(?:-?го)? числа (?P<ruw>текущего|этого|прошлого) месяца"
    + _LA
)
_LAST_MONTH_WORDS = frozenset(normalize(w) for w in ("الماضي", "المنصرم", "last", "прошлого"))


def _days_of_the_month(view: str, doc_date: date) -> list[_Cand]:
    out: list[_Cand] = []
    for m in _DAY_OF_MONTH_RE.finditer(view):
        day = int(m["ar"] or m["en"] or m["ru"])
        year, month = doc_date.year, doc_date.month
        if (m["arw"] or m["enw"] or m["ruw"]) in _LAST_MONTH_WORDS:
            year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        try:
            found = date(year, month, day)
        except ValueError:
            continue
        if found <= doc_date + timedelta(days=1):
            out.append(_Cand(m.start(), m.end(), found.isoformat(), resolution="relative"))
    return out


#: "exactly a year ago", "two years ago", "ровно год назад", "три года назад".
_YEARS_AGO = re.compile(
    _LB
    + r"(?:(?P<exact>exactly|ровно) )?(?:(?P<n>a|one|two|three|four|five|\d{1,2}) years? ago"
    r"|(?:(?P<nr>\d{1,2}|два|три|четыре|пять) (?:года|лет)|год) назад)"
    + _LA
)
_SMALL_NUMBERS = {
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "два": 2, "три": 3,
    "четыре": 4, "пять": 5,
}  # fmt: skip


#: "a year ago today": the relative day after it is the date (see ``_years_ago``).
_TODAY_AFTER = re.compile(r"\s*,?\s*(?:today|сегодня|bugün|bugun|бугун|бүгүн|имрӯз|امروز|اليوم)")


def _years_ago_candidates(view: str, doc_date: date) -> list[_Cand]:
    """ "where exactly a year ago two bombers struck": ``doc_date`` that many years before,
    to the day with "exactly"/"ровно", else the year only."""
    out: list[_Cand] = []
    for m in _YEARS_AGO.finditer(view):
        if _TODAY_AFTER.match(view, m.end()):
            continue
        word = m.group("n") or m.group("nr") or "1"
        years = _SMALL_NUMBERS.get(word) or int(word)
        if m.group("exact"):
            try:
                value = doc_date.replace(year=doc_date.year - years).isoformat()
            except ValueError:  # 29 February
                value = doc_date.replace(year=doc_date.year - years, day=28).isoformat()
        else:
            value = f"{doc_date.year - years:04d}"
        out.append(_Cand(m.start(), m.end(), value, resolution="relative", priority=1))
    return out


#: Holidays with their year: "New Year's Eve 2016", "capodanno del 2017", "Easter Sunday
#: 2019", "Noël 2015". Without a year a holiday more often names a past attack ("the
#: Christmas market attack") than the day of this one, so it is left alone.
_HOLIDAY = re.compile(
    r"(?<!\w)(?:(?P<eve>new year'?s eve|nochevieja|saint-sylvestre|silvester(?:nacht)?|"
    r"réveillon(?: du nouvel an)?)"
    r"|(?P<ny>new year'?s day|capodanno|año nuevo|ano novo|nouvel an|neujahr)"
    r"|(?P<xeve>christmas eve|nochebuena|vigilia di natale|heiligabend)"
    r"|(?P<xmas>christmas(?: day)?|natale|navidad|noël|weihnachten)"
    r"|(?P<easter>easter(?: sunday)?|pasqua|pascua|páscoa|pâques|ostern|ostersonntag))"
    r"(?:,)?\s+(?:(?:del|de|of|di|du)\s+)?(?P<y>(?:19|20)\d\d)(?!\d)"
)


_FEAST_BEFORE = re.compile(r"(?:easter|palm|pentecost|whit|ostersonntag|oster)[ -]?$")
_FEAST_AFTER = re.compile(
    r" (?:de (?:páscoa|pascua|pascoa|resurrección|ramos)|di pasqua|delle palme|de pâques)"
)
#: Easter Sunday without a year: that day only when the document is of its week.
_EASTER = re.compile(
    r"(?<!\w)(?:easter sunday|easter|domingo de (?:páscoa|pascoa|pascua|resurrección)|"
    r"pasqua|pâques|ostersonntag|ostern)(?!\w)"
)


def _holiday_candidates(view: str, doc_date: date | None = None) -> list[_Cand]:
    out: list[_Cand] = []
    if doc_date is not None:
        sunday = easter(doc_date.year)
        if 0 <= (doc_date - sunday).days <= 7:
            for m in _EASTER.finditer(view):
                out.append(
                    _Cand(m.start(), m.end(), sunday.isoformat(), resolution="relative",
                          priority=2)
                )  # fmt: skip
    for m in _HOLIDAY.finditer(view):
        year = int(m.group("y"))
        if m.group("easter"):
            value = easter(year).isoformat()
        else:
            month_day = {"eve": "12-31", "ny": "01-01", "xeve": "12-24", "xmas": "12-25"}
            kind = next(k for k in month_day if m.group(k))
            value = f"{year:04d}-{month_day[kind]}"
        out.append(_Cand(m.start(), m.end(), value))
    return out


_PREVIOUS = re.compile(r"([^\W\d_]) $")


def _title_case_word(view: str, starts: _Starts, pos: int) -> bool:
    """A capitalised Latin word right after another word (not at a sentence start, nor at a
    line's: "By Reid Goodison & Matt Hodder\n\nToday's coordinated attacks")."""
    if not ("a" <= view[pos] <= "z") or not starts.upper(pos):
        return False
    if _PREVIOUS.search(view, max(0, pos - 2), pos) is None:
        return False
    lo, hi = starts.view.span(pos - 1, pos + 1)
    return "\n" not in starts.text[lo:hi]


def _select(cands: list[_Cand], view: str) -> list[_Cand]:
    """Non-overlapping candidates, best first; a weekday next to an explicit date goes.

    ``starts``/``ends`` hold the chosen (disjoint) spans sorted, so each overlap test is a
    bisection; explicit dates (priority 3) are all chosen before any weekday is looked at.
    """
    starts: list[int] = []
    ends: list[int] = []
    chosen: list[_Cand] = []
    explicit_starts: list[int] | None = None
    explicit_ends: list[int] = []
    for c in sorted(cands, key=lambda c: (-c.priority, -(c.end - c.start), c.start)):
        i = bisect_right(starts, c.start)
        if (i and ends[i - 1] > c.start) or (i < len(starts) and starts[i] < c.end):
            continue
        if c.priority == 1:
            if explicit_starts is None:
                picked = sorted((x.start, x.end) for x in chosen if x.priority >= 3)
                explicit_starts = [x[0] for x in picked]
                explicit_ends = [x[1] for x in picked]
            if _next_to_explicit(c, explicit_starts, explicit_ends, view):
                continue
        starts.insert(i, c.start)
        ends.insert(i, c.end)
        chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return chosen


_JOINER = re.compile(r"[ ,()،\-]{0,4}")


def _next_to_explicit(c: _Cand, starts: list[int], ends: list[int], view: str) -> bool:
    """An explicit date starts right after ``c`` or ends right before it."""
    i = bisect_left(starts, c.end)
    if i < len(starts) and _JOINER.fullmatch(view, c.end, starts[i]):
        return True
    j = bisect_right(ends, c.start) - 1
    return j >= 0 and _JOINER.fullmatch(view, ends[j], c.start) is not None


def _month_end(day: date) -> date:
    following = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return following - timedelta(days=1)


def find_dates(
    text: str, language: str = "en", doc_date: date | None = None, *, doc_precision: str = "day"
) -> list[DateValue]:
    """Every date ``text`` states, converted to Gregorian ISO (``YYYY-MM-DD``, ``YYYY-MM`` or
    ``YYYY``), weekday and relative dates resolved against ``doc_date`` when given.

    ``doc_precision="month"``: only the month of ``doc_date`` is known (a URL's ``/2022/08/``);
    yearless months and days ("in April", "on 3 May") are resolved against the end of that
    month, weekday and relative dates ("on Wednesday", "yesterday") are left out.

    >>> [d.value for d in find_dates("On 3 January 2024 and in March 2022", "en")]
    ['2024-01-03', '2022-03']
    """
    if not text:
        return []
    lang = canonical_language(language)
    if isinstance(doc_date, datetime):
        doc_date = doc_date.date()
    original = _view(text)
    view = original.text
    starts = _Starts(text, original)
    if doc_date is not None and doc_precision == "month":
        cands = _month_candidates(view, starts, lang, _month_end(doc_date))
        doc_date = None  # no day to count weekdays or "yesterday" from
    else:
        cands = _month_candidates(view, starts, lang, doc_date)
    cands += _numeric_candidates(view, lang)
    cands += _year_candidates(view, starts, lang)
    cands += _holiday_candidates(view, doc_date if doc_precision == "day" else None)
    if doc_date is not None:
        cands += _weekday_candidates(view, starts, doc_date)
        cands += _relative_candidates(view, starts, lang, doc_date)
        cands += _relative_months(view, doc_date)
        cands += _relative_years(view, doc_date)
        cands += _days_of_the_month(view, doc_date)
        cands += _years_ago_candidates(view, doc_date)
        if lang == "ru":
            cands += _ru_month_adjectives(view, doc_date)
        cands = _no_later_than_the_text(view, starts, lang, cands, doc_date)
        cands = _not_after_the_document(cands, doc_date)
        cands = _year_written_after(view, starts, lang, cands)
    elif doc_precision == "day":
        cands = _year_written_after(view, starts, lang, cands)
        by_weekday = _yearless_dated_by_weekday(view, starts, lang, cands)
        taken = {(c.start, c.end) for c in by_weekday}
        cands += by_weekday
        cands += [c for c in _yearless_dated_by_the_text(view, starts, lang, cands)
                  if (c.start, c.end) not in taken]  # fmt: skip
        cands += _weekdays_named_by_the_text(view, starts, cands)
    out: list[DateValue] = []
    for c in _select(cands, view):
        start, end = original.span(c.start, c.end)
        while end < len(text) and text[end] == "\u0640":  # tatweel after "هـ"
            end += 1
        value = c.value
        if c.resolution == "relative":
            shifted = _years_ago(text[max(0, start - 40) : start], value)
            if shifted is None:
                continue  # "… ago today" we cannot count: no date rather than a wrong one
            value = shifted
        out.append(DateValue(value, text[start:end], start, end, c.calendar, c.resolution))
    return out


#: "one year ago today", "два года назад сегодня", "bir yıl önce bugün", "یک سال پیش امروز"
_AGO = re.compile(
    r"(?:\b(?P<n>\d{1,3}|an?|one|two|three|four|five|ten|один|одн\w*|два|две|три|пять|десять)"
    r"\s+)?(?P<unit>years?|год\w*|лет|yil|йил|жыл|сол|سال|عام|سنة|سنوات|yıl)?"
    r"\s*(?:ago|назад|oldin|олдин|мурун|пеш|پیش|قبل|önce|مضت|مضى)\s*,?\s*$",
    re.IGNORECASE,
)
_AGO_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "ten": 10,
              "один": 1, "два": 2, "две": 2, "три": 3, "пять": 5, "десять": 10}  # fmt: skip


def _years_ago(before: str, value: str) -> str | None:
    """``value`` ("today", "yesterday" resolved) moved back by "N years ago" written just
    before it; None when an "ago" phrase is there but cannot be counted in years."""
    m = _AGO.search(before)
    if m is None:
        return value
    if not m.group("unit"):
        return None
    raw = (m.group("n") or "1").lower()
    years = int(raw) if raw.isdigit() else _AGO_WORDS.get(raw, 1 if raw.startswith("одн") else 0)
    if years <= 0 or len(value) != 10:
        return None
    try:
        day = date.fromisoformat(value)
        return day.replace(year=day.year - years).isoformat()
    except ValueError:  # 29 February minus a year
        return (date.fromisoformat(value) - timedelta(days=365 * years)).isoformat()


_BARE = re.compile(r"\W*(\d{4})(?:-(\d{1,2}))?\W*")


def parse_date(text: str, language: str = "en", doc_date: date | None = None) -> DateValue | None:
    """The date one expression states ("3 January 2024", "۴ آبان ۱۴۰۱", "Shawwal 1443",
    "2017", "yesterday" with ``doc_date``), or None. When the text holds several dates, the
    longest wins. A bare year (or ``YYYY-MM``) counts here, unlike in :func:`find_dates`."""
    found = find_dates(text, language, doc_date)
    if found:
        return max(found, key=lambda d: (d.end - d.start, -d.start))
    view = _view(text)
    m = _BARE.fullmatch(view.text)
    if m is None:
        return None
    year = int(m.group(1))
    value = _year_value("gregorian", year) if m.group(2) is None else (
        _month_value("gregorian", year, int(m.group(2))))  # fmt: skip
    if value is None:
        return None
    start, end = view.span(m.start(1), m.end(2) if m.group(2) else m.end(1))
    return DateValue(value, text[start:end], start, end)
