"""Persian (Farsi, Dari) and Pashto new-entity patterns.

Persian has no capital letters, so a name is what follows a head noun up to a stop word or
punctuation (at most three words): "خبرگزاری فارس", "به گزارش X", "به نقل از X", "گروه
تروریستی X", "کانال تلگرام X", "مجله X", "وزیر کشور احمد وحیدی", "در شهر X", "استان X".
Issue numbers: "شماره ۵", "پنجمین شماره"; headlines: "با عنوان «...»". Pashto: "ګڼه ۵",
"مجله X", "ټلګرام چینل X".
"""

from __future__ import annotations

import re

from propwatch.extract.patterns import (
    AR_LETTER,
    Candidate,
    Headline,
    IssueMarker,
    arabic_name_after,
    issue_value,
    quoted,
    quoted_headlines,
    quoted_value,
)

__all__ = ["candidates", "candidates_ps", "headlines", "issues", "issues_ps"]

_ZW = "\u200c"
_W = rf"[{AR_LETTER}]+"
_B = rf"(?<![{AR_LETTER}])"  # a word start
_E = rf"(?![{AR_LETTER}])"  # a word end
_Q = quoted("q")

#: Words after a head noun that are descriptions, not names.
_FA_GENERIC = frozenset(
    [
        "رسمی", "دولتی", "نیمه\u200cرسمی", "نیمه", "خبری", "های", "ها\u200cی", "خود", "ما", "شما",
        "آنها", "ایشان", "بین\u200cالمللی", "محلی", "منابع", "رسانه", "رسانه\u200cها",
        "رسانه\u200cهای", "خبرنگار", "خبرنگاران", "شاهدان", "مقامات", "مسئولان", "برخی", "یکی",
        "تروریستی", "تکفیری", "مسلح", "افراطی", "جهادی", "شبه\u200cنظامی", "مذکور", "یاد", "دیگر",
        "همین",
        # a kind of outlet or a news desk is no name: "به نقل از شبکه خبری العربیه", "به گزارش
        # گروه بین‌الملل دفاع پرس"
        "شبکه", "خبرگزاری", "روزنامه", "تلویزیون", "سایت", "گروه", "بین\u200cالملل", "بینالملل",
        "سرویس",
        # what a group did, not its name: "این گروه تروریستی مسوولیت حمله را ..."
        "مسوولیت", "مسئولیت", "مسؤولیت", "حمله", "حملات", "پایگاه", "سایت",
        # "تلویزیون خصوصی شمشاد" (the private TV Shamshad), "منابع مطلع" (informed sources)
        "خصوصی", "ملی", "مطلع", "کشته", "زخمی",
        # "شبکه تلویزیونی خصوصی طلوع" (the private TV network Tolo), "به گزارش بخش افغان رادیو
        # اروپای آزاد" (the Afghan desk of RFE/RL): a kind of network or a desk is no name
        "تلویزیونی", "خبری", "رادیویی", "ماهواره‌ای", "ماهوارهای", "بخش", "دفتر",
        # adverbs: "این گروه تروریستی همچنین مسئولیت ..." (the group also ...)
        "همچنین", "اکنون", "تاکنون", "امروز", "دیروز", "قبلا", "قبلاً", "اخیرا", "اخیراً",
        "بارها", "سپس", "بعدا", "بعداً", "پیشتر",
        # people quoted are no outlet: "به نقل از سخنگوی این گروه" (quoting its spokesman)
        "سخنگوی", "سخنگو", "وزیر", "رئیس", "فرمانده", "مقام", "منبع", "یک", "این", "آن",
        "پلیس", "والی", "فرماندار", "استاندار", "شاهد", "شاهدی",
        # "گروههای تروریستی موجود در منطقه" (the terrorist groups present in the region), "این
        # خبرگزاری شمار کشته‌شدگان را ..." (this agency [put] the number of dead ...)
        "موجود", "فعال", "مختلف", "شمار", "تعداد", "آمار",
        # when it spoke: "این گروه تروریستی چهارشنبه (17 تیر) در بیانیه‌ای ..."
        "شنبه", "یکشنبه", "یک‌شنبه", "دوشنبه", "سه‌شنبه", "سه", "چهارشنبه",
        "پنجشنبه", "پنج‌شنبه", "جمعه", "روز", "شب", "صبح", "عصر", "بامداد",
        # verbs' first halves and clitics: "... این گروه تروریستی صورت گرفت" (was carried out
        # by), "کانال تلگرامی اش" (its Telegram channel)
        "صورت", "انجام", "اش", "شان", "ام",
        # groups the gazetteer knows: "اعضای شبکه القاعده" is al-Qaeda's network, no outlet
        "القاعده", "داعش", "طالبان",
    ]
)  # fmt: skip
_FA_STOP = _FA_GENERIC | frozenset(["خود"])

#: (head regex, type, keep the head in the name, confidence, at most this many name words).
#: Persian has no capitals: a name of more than one word counts only when punctuation or a
#: stop word ends it ("به گزارش اسلام تایمز به نقل از ...").
_HEADS: list[tuple[str, str, bool, float, int]] = [
    (rf"خبرگزاری(?:\s+(?:رسمی|دولتی|نیمه{_ZW}?رسمی))?", "media_outlet", True, 0.8, 2),
    (r"به\s+گزارش", "media_outlet", False, 0.6, 3),
    (r"به\s+نقل\s+از", "media_outlet", False, 0.55, 3),
    (r"(?:شبکه|تلویزیون|روزنامه|پایگاه\s+خبری|سایت\s+خبری)", "media_outlet", True, 0.65, 2),
    # "رسانه «المرسلات»" (the media outlet "Al-Mursalat"): a quoted name only
    (r"(?:رسانه|بنیاد\s+رسانه{_ZW}?ای|موسسه\s+رسانه{_ZW}?ای)(?=\s*«)".replace("{_ZW}", _ZW),
     "media_outlet", False, 0.65, 3),
    (rf"گروه(?:{_ZW}?های)?\s+(?:تروریستی|تکفیری|شبه{_ZW}?\s?نظامی|جهادی|افراطی|مسلح)"
     rf"(?:\s+(?:تکفیری|تروریستی))?", "organization", False, 0.75, 2),
    (r"(?:سازمان|وزارت)", "organization", True, 0.6, 2),
    (r"کانال\s+(?:تلگرام|تلگرامی)(?:ی)?", "channel", False, 0.8, 3),
    (rf"(?:مجله|نشریه|ماهنامه|هفته{_ZW}?\s?نامه|گاهنامه)(?:{_ZW}?ی)?", "publication", False,
     0.75, 3),
]  # fmt: skip
_HEAD_RE = [
    (re.compile(rf"{_B}(?:{head}){_E}"), type_, keep, conf, most)
    for head, type_, keep, conf, most in _HEADS
]
_QUOTE_OPEN = ("«", '"', "“")
_BOUNDARY = re.compile(rf"\s*(?:[،,:؛;.!؟?()«»\"\n]|$|(?:به|از|در|با|که|و|را|تا|برای|نیز|هم){_E})")


#: An auxiliary right after a word makes it a verb: "افزوده است", "گفته اند", "کشته شد".
_VERB_AFTER = re.compile(rf"\s+(?:است|اند|بود|بودند|شد|شدند|شده|کرد|کردند|کرده|می{_ZW}?){_E}")


#: A name cannot start with an auxiliary verb.
_AUXILIARY = re.compile(rf"(?:است|اند|بود|بودند|شد|شدند|شده|کرد|کردند|کرده|می){_E}")


#: A verb that can follow a name without punctuation: "می‌" + any stem, "می" written solid
#: with a common stem ("میافزاید", "میگوید"), a reporting verb in the past.
_VERB_WORD = re.compile(
    "(?:ن?می\u200c[\u0600-\u06ff]{2,}"
    "|ن?می(?:گوید|گویند|افزاید|افزایند|نویسد|کند|کنند|شود|شوند|باشد|دهد|دهند|رود|خواهد)"
    "|افزود|افزوده|گفت|گفته|نوشت|اعلام|کرد|کردند|است|بود|شد|شدند|دارد)"
)


def _heads(
    text: str,
    heads: list[tuple[re.Pattern[str], str, bool, float, int]],
    generic: frozenset[str],
) -> list[Candidate]:
    out: list[Candidate] = []
    for regex, type_, keep, confidence, most in heads:
        for m in regex.finditer(text):
            found = None
            for words in range(most, 0, -1):
                found = arabic_name_after(text, m.end(), max_words=words, definite_tail=False,
                                          extra_stop=generic)  # fmt: skip
                if found is None:
                    break
                if " " in found[0] and _VERB_WORD.fullmatch(found[0].split()[-1]):
                    continue  # "وزارت داخله میافزاید" (the interior ministry adds): one less
                quoted_name = text[found[1] - 1 : found[1]] in _QUOTE_OPEN
                if quoted_name or " " not in found[0] or _BOUNDARY.match(text, found[2]):
                    break
            if found is None:
                continue
            name, a, b = found
            first = name.split()[0].replace("ي", "ی").replace("ك", "ک")
            if name in generic or first in generic or len(name) < 2:
                continue
            if _VERB_AFTER.match(text, b) or _AUXILIARY.match(name):
                # "این گروه تروریستی افزوده است" (has added), "... موجب خشم این گروه
                # تروریستی شده اند" (have angered): a verb, not a name
                continue
            if keep and text[a - 1 : a] not in _QUOTE_OPEN:
                name, a = re.sub(r"\s+", " ", text[m.start() : b]), m.start()
            out.append(Candidate(type_, name, a, b, f"pattern:fa_{type_}", confidence))
    return out


_TITLES = (
    rf"وزیر\s+(?:کشور|امور\s+خارجه|خارجه|اطلاعات|دفاع|کشور)|رئیس{_ZW}?\s?جمهور(?:ی)?|سخنگوی\s+{_W}"
    rf"|فرمانده(?:\s+کل)?\s+{_W}|رهبر(?:\s+انقلاب)?|آیت{_ZW}?\s?الله|سردار|سرلشکر|سرتیپ"
    rf"|حجت{_ZW}?\s?الاسلام|امیر|خلیفه|سرکرده|ملا|مولوی|قاری|مفتی|مولانا"
)
_COUNTRY = r"(?:ایران|افغانستان|روسیه|پاکستان|آمریکا|تاجیکستان|ازبکستان|عراق|سوریه)"
_TITLED = re.compile(rf"{_B}(?P<title>{_TITLES})(?:\s+{_COUNTRY})?\s+(?P<n>{_W}\s+{_W}){_E}")
_PERSON_STOP = _FA_STOP | frozenset(
    [
        "معروف",
        "ملقب",
        "مشهور",
        "از",
        "به",
        "در",
        "با",
        "که",
        "و",
        "را",
        "تا",
        "برای",
        "این",
        "آن",
        "بر",
        "یک",
        "هم",
        "نیز",
        "است",
        "شد",
        "کرد",
        "گفت",
        "می",
        "روز",
        "پس",
        "پیش",
        "اعلام",
        "گزارش",
        "نقل",
        "خبر",
        "علیه",
        "درباره",
        "اما",
        "یا",
        "وی",
        "او",
        "ایران",
        "کشور",
        # toll and count words: "وزیر کشور شمار کشته‌ها را ... اعلام کرد" names no one
        "شمار",
        "آمار",
        "تعداد",
        "کشته",
        "کشته‌ها",
        "زخمی",
        "شهدا",
        "قربانیان",
        "پیش‌تر",
        "پیشتر",
    ]
)


def _persons(text: str) -> list[Candidate]:
    out = []
    for m in _TITLED.finditer(text):
        words = m.group("n").split()
        if any(w in _PERSON_STOP or (w.startswith("می") and len(w) > 4) for w in words):
            if words[0] in _PERSON_STOP:
                continue
            words = words[:1]
            if words[0].startswith("می"):
                continue
        name = " ".join(words)
        a = m.start("n")
        out.append(Candidate("person", name, a, a + len(name), "pattern:fa_title", 0.6,
                             attributes={"title": m.group("title")}))  # fmt: skip
    return out


_PLACES = re.compile(
    # "ایالت شمالی کندوز" (All India Radio's Dari: "ایالت", a state or province)
    rf"{_B}(?:در)?(?P<kind>شهر|استان|شهرستان|روستای|ولایت|ایالت(?!\s+متحده)|ولسوالی|قریه|"
    rf"قریهٔ)\s+(?P<n>{_W})"
    r"(?:\s+(?P<m>رضوی|شمالی|جنوبی|شرقی|غربی))?"
)
#: A quoted name after its place noun: "منطقه «دهیری کوت» از نواحی شهر «اتک»" (the area of
#: «Dheri Kot», of the city of «Attock»).
_QUOTED_PLACES = re.compile(
    rf"{_B}(?:در)?(?P<kind>شهر|استان|شهرستان|روستای|ولایت|ایالت|ولسوالی|قریه|منطقه|منطقهٔ)"
    rf"(?:{_ZW}?ی)?\s*«(?P<n>{_W}(?:[\s{_ZW}]{_W}){{0,2}})»"
)
_PLACE_KIND = {"منطقه": "city", "منطقهٔ": "city", "شهر": "city", "استان": "province",
               "شهرستان": "district", "روستای": "city",
               "ولایت": "province", "ایالت": "province", "ولسوالی": "district", "قریه": "city",
               "قریهٔ": "city"}  # fmt: skip


#: Words that describe a city rather than name it: "شهر کوهستانی بامیان" (the mountain city
#: of Bamiyan), "شهر مرزی", "شهر مقدس".
_CITY_ADJECTIVES = frozenset(
    [
        "کوهستانی", "مرزی", "بندری", "ساحلی", "مقدس", "زیارتی", "تاریخی", "باستانی", "بزرگ",
        "کوچک", "صنعتی", "مرکزی", "جنوبی", "شمالی", "شرقی", "غربی", "جنوب", "شمال", "شرق",
        "غرب", "پرجمعیت",
    ]
)  # fmt: skip


#: "روی داد", "رخ داد", "روی می‌دهد": "happened", not a name after the place noun.
_HAPPENED = re.compile(rf"(?:روی|رخ)\s+(?:داد|دهد|داده|می{_ZW}?\s?دهد){_E}")


def _places(text: str) -> list[Candidate]:
    out = []
    for m in _PLACES.finditer(text):
        name = m.group("n")
        if name in _PERSON_STOP or name.startswith(("های", "ها")) or len(name) < 2:
            continue
        if name.replace("ي", "ی") in _CITY_ADJECTIVES or _HAPPENED.match(text, m.start("n")):
            continue  # "در نزدیکی فرودگاه شهر روی داد" (happened near the city's airport)
        end = m.end()
        full = text[m.start("n") : end]
        out.append(Candidate("place", full, m.start("n"), end, "pattern:fa_place", 0.7,
                             attributes={"kind": _PLACE_KIND[m.group("kind")]}))  # fmt: skip
    for m in _QUOTED_PLACES.finditer(text):
        name = m.group("n")
        if name.replace("ي", "ی") in _CITY_ADJECTIVES:
            continue
        out.append(Candidate("place", name, m.start("n"), m.end("n"), "pattern:fa_place", 0.7,
                             attributes={"kind": _PLACE_KIND[m.group("kind")]}))  # fmt: skip
    return out


_ALIAS = re.compile(rf"(?:معروف|ملقب|مشهور)\s+به\s+(?:{_Q}|(?P<a>(?:ابو|أبو)\s+{_W}(?:\s+{_W})?))")


def _aliases(text: str, persons: list[Candidate]) -> None:
    """ "X معروف به «Y»": Y becomes an alias of the person that ends right before."""
    for m in _ALIAS.finditer(text):
        q = quoted_value(m, "q")
        alias = q[0] if q else m.group("a")
        if not alias:
            continue
        for person in persons:
            if 0 <= m.start() - person.end <= 3:
                person.aliases.append(alias)


def candidates(text: str) -> list[Candidate]:
    """Every Persian pattern candidate in ``text``."""
    out = _heads(text, _HEAD_RE, _FA_GENERIC)
    persons = _persons(text)
    _aliases(text, persons)
    out.extend(persons)
    out.extend(_places(text))
    return out


_ORDINALS = {
    "نخست": 1, "اول": 1, "یکم": 1, "دوم": 2, "سوم": 3, "چهارم": 4, "پنجم": 5, "ششم": 6,
    "هفتم": 7, "هشتم": 8, "نهم": 9, "دهم": 10,
    "نخستین": 1, "اولین": 1, "دومین": 2, "سومین": 3, "چهارمین": 4, "پنجمین": 5,
    "ششمین": 6, "هفتمین": 7, "هشتمین": 8, "نهمین": 9, "دهمین": 10,
}  # fmt: skip
_ORD = "|".join(sorted(_ORDINALS, key=len, reverse=True))
_ISSUE = re.compile(
    rf"{_B}شماره(?:{_ZW}?ی)?\s*(?:(?P<num>\d{{1,4}})(?!\d)|(?P<ord>{_ORD}){_E})"
    rf"|(?P<num2>\d{{1,4}}){_ZW}?(?:مین|امین|ام)\s+شماره|{_B}(?P<ord2>{_ORD})\s+شماره"
)


def issues(text: str) -> list[IssueMarker]:
    """ "شماره ۵", "شماره‌ی ۱۲", "شماره نخست", "پنجمین شماره", "۱۲مین شماره"."""
    out = []
    for m in _ISSUE.finditer(text):
        raw = m.group("num") or m.group("num2")
        word = m.group("ord") or m.group("ord2")
        value = issue_value(raw) if raw else _ORDINALS.get(word or "")
        if value is not None:
            out.append(IssueMarker(m.start(), m.end(), value))
    return out


_HEADLINE = re.compile(rf"(?:با|تحت)\s+(?:عنوان|تیتر)\s*:?\s*{_Q}")


def headlines(text: str) -> list[Headline]:
    """ "با عنوان «...»", "تحت عنوان «...»"."""
    return quoted_headlines(_HEADLINE, text)


# -- Pashto ---------------------------------------------------------------------------------------

_PS_HEADS: list[tuple[str, str, bool, float, int]] = [
    # a quoted name only: "خپرونه" is any broadcast ("دغه خپرونې وځنډول شوې", the broadcasts
    # were cut off)
    (r"(?:مجله|مجلې|خپرونه|خپرونې)(?=\s*[«\"“])", "publication", False, 0.7, 3),
    (r"(?:ټلګرام|ټيليګرام|تلګرام|تلگرام)\s+(?:چینل|چېنل|کانال)", "channel", False, 0.75, 3),
    (r"(?:خبري\s+اژانس|اژانس)", "media_outlet", True, 0.65, 2),
]  # fmt: skip
_PS_HEAD_RE = [
    (re.compile(rf"{_B}(?:{head}){_E}"), type_, keep, conf, most)
    for head, type_, keep, conf, most in _PS_HEADS
]
_PS_GENERIC = _FA_GENERIC | frozenset(
    ["د", "په", "او", "چې", "له", "ته", "دا", "هغه", "یې", "ټولو"]
)


def candidates_ps(text: str) -> list[Candidate]:
    """Pashto pattern candidates (publications, channels, news agencies)."""
    return _heads(text, _PS_HEAD_RE, _PS_GENERIC)


_ISSUE_PS = re.compile(
    rf"{_B}(?:ګڼه|ګڼې|گڼه|شمېره|شماره)\s*(?P<num>\d{{1,4}})(?!\d)"
    rf"|(?P<num2>\d{{1,4}})(?:مه|م)\s+(?:ګڼه|ګڼې|گڼه)"
)


def issues_ps(text: str) -> list[IssueMarker]:
    """ "ګڼه ۵", "۵مه ګڼه"."""
    out = []
    for m in _ISSUE_PS.finditer(text):
        value = issue_value(m.group("num") or m.group("num2"))
        if value is not None:
            out.append(IssueMarker(m.start(), m.end(), value))
    return out
