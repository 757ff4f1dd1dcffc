"""Arabic new-entity patterns.

Arabic has no capital letters: a name is what follows a head noun (a quoted name, or the
first word and the definite words of its construct, generic adjectives dropped): "وكالة
تسنيم", "وكالة الأنباء الإيرانية الرسمية (إرنا)", "مؤسسة العزائم للإنتاج الإعلامي", "تنظيم
داعش", "قناة X على تلغرام", "صحيفة النبأ", "العدد 363", "بعنوان «...»", "وزير الداخلية
الإيراني أحمد وحيدي", "المكنى أبو X", "في مدينة X".
"""

from __future__ import annotations

import re

from propwatch.extract.patterns import (
    AR_LETTER,
    ARABIC_SCRIPT_STOP,
    Candidate,
    Headline,
    IssueMarker,
    ar_word,
    arabic_name_after,
    issue_value,
    quoted,
    quoted_headlines,
    quoted_value,
)

__all__ = ["alias_spans", "candidates", "headlines", "issues"]

_W = rf"[{AR_LETTER}]{{2,20}}"
_B = rf"(?<![{AR_LETTER}])"
_E = rf"(?![{AR_LETTER}])"
_Q = quoted("q")


def _alt(*words: str) -> str:
    return "(?:" + "|".join(ar_word(w) for w in words) + ")"


_GENERIC = frozenset(
    [
        "الأنباء", "الانباء", "أنباء", "انباء", "الإعلام", "الاعلام", "إعلامية", "اعلامية",
        "الإعلامية", "الرسمية", "رسمية", "الرسمي", "رسمي", "التابعة", "تابعة", "الإيرانية",
        "الايرانية", "الإيراني", "الدولية", "المحلية", "محلية", "فضائية", "الفضائية", "إخبارية",
        "اخبارية", "الإخبارية", "العربية", "الإرهابي", "الإرهابية", "الارهابي", "الارهابية",
        "المتطرف", "المتطرفة", "التكفيري", "التكفيرية", "المسلحة", "مسلحة", "رسميا", "أخرى",
        "المتشدد", "المتشددة", "المتشددين",
        "اخرى", "عدة", "بعض",
        # what a group is linked to ends its name: "حركة الشباب المرتبطة بتنظيم القاعدة"
        "المرتبطة", "المرتبط", "مرتبطة", "الموالية", "الموالي", "المقربة", "المقرب",
        "المتحالفة", "المتحالف", "المنشقة", "المنشق",
        # a shopping, health or police centre is no outlet: "في مركز تجاري"
        "تجاري", "التجاري", "تجارية", "التجارية", "للتسوق", "التسوق", "تسوق", "صحي", "الصحي",
        "طبي", "الطبي", "للشرطة", "الشرطة", "احتجاز", "الاحتجاز", "للاحتجاز", "اقتراع",
        # what a group does, not its name: "تبنى تنظيم داعش الهجوم"
        "الهجوم", "الهجمات", "هجوم", "العملية", "العمليات", "التفجير", "التفجيرات", "الاعتداء",
        "المسؤولية", "مسؤولية", "المسئولية", "مسئولية", "الحادث", "الحادثة", "المجزرة", "الانفجار",
        # when it did it: "تبنى تنظيم داعش الأربعاء الهجوم"
        "اليوم", "أمس", "امس", "الأحد", "الاحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء",
        "الاربعاء", "الخميس", "الجمعة", "السبت", "مساء", "صباح", "ليلة", "فجر",
        # "طلب عدم نشره اسمه" (asked that his name not be published): "نشره" is the verb
        # "to publish it", which folds to "نشرة" (a newsletter)
        "اسمه", "اسمها", "اسمهم", "هويته", "هويتها",
    ]
)  # fmt: skip
_TELEGRAM = _alt("تلغرام", "تيليغرام", "تليغرام", "تلجرام", "تيلجرام", "تيليجرام", "التلغرام",
                 "التيليغرام", "تلیگرام")  # fmt: skip

#: (head words, type, keep head in name, confidence)
_HEADS: list[tuple[str, str, bool, float]] = [
    (_alt("وكالة", "وكالات"), "media_outlet", True, 0.8),
    (_alt("مؤسسة"), "media_outlet", True, 0.75),
    (_alt("مركز"), "media_outlet", True, 0.6),
    (_alt("تنظيم"), "organization", False, 0.75),
    (_alt("جماعة", "حركة", "جبهة", "ميليشيا", "ميليشيات"), "organization", True, 0.65),
    (_alt("وزارة"), "organization", True, 0.7),
    (_alt("مجلة", "صحيفة", "نشرة", "جريدة", "مجلته", "صحيفته"), "publication", False, 0.75),
    (_alt("قناة", "قناه"), "media_outlet", True, 0.6),
]  # fmt: skip
_HEAD_RE = [
    (re.compile(rf"{_B}(?:[وفب]|ل|ك)?(?P<head>{head}){_E}"), type_, keep, conf)
    for head, type_, keep, conf in _HEADS
]
_PAREN_NAME = re.compile(rf"\s*\(({_W}(?:\s{_W})?)\)")
_NEARBY_PAREN = re.compile(rf"(?:\s+{_W}){{0,4}}?\s*\(({_W}(?:\s{_W})?)\)")
_CHANNEL_HEAD = re.compile(_alt("قناة", "قناه"))
_ON_TELEGRAM = re.compile(rf"{_B}(?:على|في|عبر)\s+(?:تطبيق\s+)?{_TELEGRAM}")
#: A centre that is a post or a facility, by the word after its name.
_NOT_OUTLET_CENTRE = re.compile(
    r"\s*(?:ال)?(?:امني|أمني|الأمني|امنية|أمنية|عسكري|عسكرية|شرطة|للشرطة|حدودي|تجاري|طبي|صحي)"
    rf"{_E}"
)
_MEDIA_WORDS = re.compile(_alt("إعلام", "الإعلامي", "الإعلامية", "للإعلام", "للإنتاج", "الإنتاج"))
_CENTRE_MEDIA_WORDS = re.compile(
    _alt("إعلام", "اعلام", "الإعلامي", "الاعلامي", "الإعلامية", "الاعلامية", "للإعلام", "للاعلام",
         "للإنتاج", "الإنتاج", "الأخبار", "الاخبار", "للأخبار", "الإخباري", "الإخبارية", "الصحفي",
         "الصحفية", "صحفي", "بيان", "بيانا", "نشر", "أفاد", "أعلن", "ذكر")
)  # fmt: skip


#: One word opening on "و" (and) and closing on a possessive pronoun ("وحرمانه", "وعناصرها").
_CONJOINED_PRONOUN = re.compile(r"[وف][\u0600-\u06ff]{2,}(?:ه|ها|هم|هما)")


def _head_candidates(text: str) -> list[Candidate]:
    out: list[Candidate] = []
    for regex, type_, keep, confidence in _HEAD_RE:
        for m in regex.finditer(text):
            head = m.group("head")
            found = arabic_name_after(text, m.end(), max_words=4, definite_tail=True,
                                      extra_stop=_GENERIC)  # fmt: skip
            cand_type = type_
            if head.startswith("وكال"):
                # "وكالة الأنباء الإيرانية الرسمية (إرنا)": the name is in parentheses.
                if found is None:
                    paren = _NEARBY_PAREN.match(text, m.end())
                    if paren:
                        a, b = paren.span(1)
                        out.append(Candidate("media_outlet", paren.group(1), a, b,
                                             "pattern:ar_agency", 0.8))  # fmt: skip
                    continue
                first = found[0].split()[0]
                found = (first, found[1], found[1] + len(first))
            if found is None:
                continue
            name, a, b = found
            if name in _GENERIC or len(name) < 2:
                continue
            if _CONJOINED_PRONOUN.fullmatch(name):
                # "تجفيف موارد تنظيم وحرمانه من ..." (... of an organisation and depriving it):
                # "and" + a noun with "it/them" is the sentence going on, no name
                continue
            if cand_type == "publication" and head.endswith("ه") and text[a - 1 : a] not in (
                "«", '"', "“"
            ):
                # "من خلال بيان نشره وذكر فيه": "نشره" is "published it", unless a quoted name
                # follows ("نشره «النبأ»")
                continue
            if head.startswith("مركز") and (
                _NOT_OUTLET_CENTRE.match(text, b)
                or any(_NOT_OUTLET_CENTRE.fullmatch(w) for w in name.split()[1:])
                or not _CENTRE_MEDIA_WORDS.search(text, a, b + 30)
            ):
                # "مركز الصفا الأمني": a security post; "مركز للجمارك اللبنانية": a customs post.
                # A centre is an outlet only with a word of media near its name.
                continue
            if _CHANNEL_HEAD.match(head) and _ON_TELEGRAM.search(text, b, b + 60):
                out.append(Candidate("channel", name, a, b, "pattern:ar_channel", 0.8))
                continue
            if head.startswith("مؤسس") and not _MEDIA_WORDS.search(text, a, b + 30):
                cand_type = "organization"
            quoted_name = text[a - 1 : a] in ("«", '"', "“")
            if keep and not quoted_name:
                a = m.start("head")
                name = re.sub(r"\s+", " ", text[a:b])
            paren = _PAREN_NAME.match(text, b)
            cand = Candidate(cand_type, name, a, b, f"pattern:ar_{cand_type}", confidence)
            if paren and cand_type in ("media_outlet", "organization"):
                cand.aliases.append(paren.group(1))
            out.append(cand)
    return out


_TITLES = _alt(
    "وزير",
    "الرئيس",
    "رئيس",
    "قائد",
    "زعيم",
    "أمير",
    "والي",
    "الخليفة",
    "الشيخ",
    "العميد",
    "اللواء",
    "الجنرال",
    "المرشد",
    "العقيد",
    "المتحدث",
    "الناطق",
    "مستشار",
)
_TITLED = re.compile(
    rf"{_B}(?:[وف])?(?P<title>{_TITLES}(?:\s+باسم)?(?:\s+ال{_W}){{0,3}})\s+(?P<n>{_W}\s+{_W}){_E}"
)
_PLACE_NOUN_BEFORE = re.compile(
    r"(?:مدينة|بلدة|قرية|منطقة|حي|مخيم|ناحية|محافظة|مديرية|ضاحية)\s+$"
)
_NOT_NAME = (
    ARABIC_SCRIPT_STOP
    | _GENERIC
    | frozenset(
        [
            "الذي",
            "التي",
            "يوم",
            "اليوم",
            "أمس",
            "مساء",
            "صباح",
            "عام",
            "سنة",
            "بعد",
            "كما",
            "حيث",
            "إنه",
            "انه",
            "أنه",
            "إنها",
            "أنها",
        ]
    )
)


def _persons(text: str) -> list[Candidate]:
    out = []
    for m in _TITLED.finditer(text):
        words = m.group("n").split()
        if words[0] in _NOT_NAME or words[0].startswith("ال"):
            continue
        if _PLACE_NOUN_BEFORE.search(text, max(0, m.start("title") - 12), m.start("title")):
            continue  # "بلدة الشيخ زويد": a town named after a sheikh, not a person
        if words[1] in _NOT_NAME or (
            words[1].startswith(("و", "ف")) and len(words[1]) > 3 and words[1][1:] in _NOT_NAME
        ):
            words = words[:1]
        name = " ".join(words)
        a = m.start("n")
        out.append(Candidate("person", name, a, a + len(name), "pattern:ar_title", 0.6,
                             attributes={"title": m.group("title")}))  # fmt: skip
    return out


_ALIAS = re.compile(
    rf"{_B}(?:المعروف|الملقب|المكنى|الشهير|المدعو|المعروفة|الملقبة|والمكنى|الملقّب|المكنّى)"
    rf"(?:\s+(?:أيضا|أيضاً|ايضا))?(?:\s+(?:باسم|بلقب|بكنية))?"
    rf"\s?(?:بـ\s?|ب(?=[{AR_LETTER}«\"“])|ب\s)?\s*(?:{_Q}|(?P<a>(?:أبو|ابو|أبي|أبا)\s+{_W}(?:\s+ال{_W})?"
    rf"|{_W}\s+ال{_W}))"
)


def _aliases(text: str, persons: list[Candidate]) -> None:
    """ "X المكنى أبو Y": Y becomes an alias of the person that ends right before."""
    for m in _ALIAS.finditer(text):
        q = quoted_value(m, "q")
        alias = q[0] if q else m.group("a")
        if not alias:
            continue
        for person in persons:
            if 0 <= m.start() - person.end <= 3:
                person.aliases.append(alias)


_PLACES = re.compile(
    rf"{_B}(?:[وفب]|ل)?(?P<kind>مدينة|محافظة|مقاطعة|بلدة|قرية|منطقة)\s+(?P<n>{_W}){_E}"
)
_PLACE_KIND = {"مدينة": "city", "محافظة": "province", "مقاطعة": "province", "بلدة": "city",
               "قرية": "city", "منطقة": "district"}  # fmt: skip
#: "منطقة" (area) is also the common noun before an adjective ("منطقة عسكرية", "منطقة سكنية",
#: "المنطقة الحدودية"): a name after it must not look like one.
_ADJECTIVE_END = ("ية", "يه", "يا")
#: What places an area right after its name: a province or state, a bearing, "near".
_AREA_LOCATED = re.compile(
    rf"(?:\s+{_W})?\s+(?:ب|في\s+)?(?:إقليم|اقليم|محافظة|ولاية|مديرية|مقاطعة|شمال|جنوب|شرق|غرب|"
    r"شمالي|جنوبي|شرقي|غربي|قرب|بالقرب|وسط)"
)


#: First words of two-word Arabic place names ("تل أبيض", "رأس العين", "الشيخ زويد").
_PLACE_PREFIX = frozenset({"تل", "رأس", "راس", "عين", "دير", "بئر", "جسر", "أبو", "ابو", "بني",
                           "أم", "ام", "ذي", "الشيخ", "سيدي", "بير", "خان", "حاسي", "كفر"})
#: Words that end a place name (directions, "located", "near").
_PLACE_END = frozenset({"شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي",
                        "الواقعة", "الواقع", "قرب", "بالقرب", "وسط", "حيث", "التي",
                        "الذي", "بولاية", "بمحافظة", "بمنطقة"})
_NEXT_WORD = re.compile(rf"\s+({_W}){_E}")


def _places(text: str) -> list[Candidate]:
    out = []
    for m in _PLACES.finditer(text):
        name = m.group("n")
        if name in _NOT_NAME:
            continue
        if m.group("kind") == "منطقة" and (
            name.startswith("ال") or name.endswith(_ADJECTIVE_END) or name in _PLACE_END
            or not _AREA_LOCATED.match(text, m.end("n"), m.end("n") + 40)
        ):
            # "منطقة عسكرية", "منطقة الشرق الأوسط": no name of a place; and since "منطقة" is
            # also any "area", the name counts only where the text places it ("في منطقة دار
            # نعمة بإقليم شبيلي الوسطى"), not in "منطقة هذا" or "منطقة بيت"
            continue
        a, b = m.span("n")
        # "بلدة مالام فاتوري", "بلدة الشيخ زويد": a second word that is no article-word,
        # stop word or direction belongs to the name
        nxt = _NEXT_WORD.match(text, b)
        if nxt is not None:
            word = nxt.group(1)
            bare_pair = not name.startswith("ال") and not word.startswith("ال")
            if (bare_pair or name in _PLACE_PREFIX) and word not in _NOT_NAME and (
                (word not in _PLACE_END and not word.startswith("و")) or name in _PLACE_PREFIX
            ):
                name, b = f"{name} {word}", nxt.end(1)
        out.append(Candidate("place", name, a, b, "pattern:ar_place", 0.7,
                             attributes={"kind": _PLACE_KIND[m.group("kind")]}))  # fmt: skip
    return out


def candidates(text: str) -> list[Candidate]:
    """Every Arabic pattern candidate in ``text`` (kunyas are found language-neutrally; their
    aliases are attached in :mod:`propwatch.extract.entities`)."""
    out = _head_candidates(text)
    persons = _persons(text)
    _aliases(text, persons)
    out.extend(persons)
    out.extend(_places(text))
    return out


def alias_spans(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, alias)`` of "المكنى أبو X"-style alias phrases."""
    out = []
    for m in _ALIAS.finditer(text):
        q = quoted_value(m, "q")
        alias = q[0] if q else m.group("a")
        if alias:
            out.append((m.start(), m.end(), alias))
    return out


_ORDINALS = {
    "الأول": 1, "الاول": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الخامس": 5,
    "السادس": 6, "السابع": 7, "الثامن": 8, "التاسع": 9, "العاشر": 10,
}  # fmt: skip
_ORD = "|".join(_ORDINALS)
_ISSUE = re.compile(
    rf"{_B}(?:[وفب]|ل|ك)?(?:العدد|عددها|عدده|الإصدار|الاصدار|الرقم)\s+(?:رقم\s+)?"
    rf"(?:(?P<num>\d{{1,4}})(?!\d)|(?P<ord>{_ORD}){_E})"
)


def issues(text: str) -> list[IssueMarker]:
    """ "العدد 363", "العدد رقم 5", "عددها 12", "العدد الأول"."""
    out = []
    for m in _ISSUE.finditer(text):
        value = issue_value(m.group("num")) if m.group("num") else _ORDINALS.get(m.group("ord"))
        if value is not None:
            out.append(IssueMarker(m.start(), m.end(), value))
    return out


_HEADLINE = re.compile(rf"(?:بعنوان|تحت\s+عنوان|عنوانها|عنوانه)\s*:?\s*{_Q}")


def headlines(text: str) -> list[Headline]:
    """ "بعنوان «...»", "تحت عنوان "...""."""
    return quoted_headlines(_HEADLINE, text)
