"""Russian new-entity patterns and the optional natasha NER.

Patterns: a head noun followed by a quoted (or Latin / capitalised) name types it
("группировка «X»", "агентство Reuters", "издания The New York Times и Al Arabiya",
"журнал «X»", "телеграм-канал «X»", "как писал «X»"); issue numbers ("выпуск № 35",
"номер 5", "пятый номер"); headlines ("под заголовком «...»"); aliases ("известный как",
"по прозвищу", "он же"); places ("в городе X").

NER: natasha (``NewsNERTagger``; the models ship inside the wheels, nothing is downloaded) finds
persons, organisations and places; names are brought to the nominative with natasha's
``MorphVocab`` ("в Кермане" → "Керман"). Loaded lazily once per process; if natasha cannot be
imported the NER step is skipped quietly.
"""

from __future__ import annotations

import importlib
import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

from propwatch.extract.patterns import (
    CAPSEQ,
    Candidate,
    Headline,
    IssueMarker,
    first_segment,
    issue_value,
    quoted,
    quoted_headlines,
    quoted_value,
)

__all__ = [
    "MAX_NER_CHARS",
    "MAX_NER_TOKENS",
    "candidates",
    "case_forms",
    "headlines",
    "inflect_case_forms",
    "issues",
    "natasha_available",
    "ner_candidates",
    "takes_case_forms",
]

#: natasha reads at most this many characters of a text (~0.1 s per 10k characters of prose)
MAX_NER_CHARS = 60_000
#: ... and at most this many tokens (its cost follows tokens: punctuation runs are costly).
MAX_NER_TOKENS = 10_000
_NAME_LIKE = re.compile(r"[A-ZА-ЯЁ][a-zа-яё]")
_TOKEN = re.compile(r"\w+|[^\w\s]")

_CYR_WORD = r"(?:[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)?|[А-ЯЁ]{2,8}(?:-[А-ЯЁа-яё][а-яё]+)?)"
_CYR_SEQ = rf"{_CYR_WORD}(?:[ \u00a0]{_CYR_WORD}){{0,3}}(?![\w-])"
_Q = quoted("q")

#: Head nouns (any case ending) → the type of the name that follows.
_HEADS: list[tuple[str, str]] = [
    (r"группировк|организаци|движени|террористическ\w+ группировк", "organization"),
    (r"информагентств|агентств|издани|телеканал|радиостанци|интернет-издани|портал|медиацентр",
     "media_outlet"),
    (r"журнал|газет|бюллетен|вестник|еженедельник", "publication"),
    (r"(?:телеграм|телеграмм|[Tt]elegram|Телеграм|ТГ)[- ]?канал|канал", "channel"),
]  # fmt: skip
_HEAD_RE = [
    (
        re.compile(
            rf"(?<![\w-])(?i:(?:{heads})[а-яё]*)\s+(?:под\s+названием\s+)?"
            rf"(?:{_Q}|(?P<c>{CAPSEQ})|(?P<r>{_CYR_SEQ}))"
        ),
        type_,
    )
    for heads, type_ in _HEADS
]
_CONTINUATION = re.compile(rf"(?:\s*,\s*|\s+и\s+)(?:{_Q}|(?P<c>{CAPSEQ})|(?P<r>{_CYR_SEQ}))")
_AS_WROTE = re.compile(
    r"(?i:как\s+(?:пишет|писал[аио]?|сообщ\w+|переда[её]т|передал[аио]?|отмечает|отмечал[аио]?))"
    rf"\s+{_Q}"
)
_TELEGRAM_AFTER = re.compile(r"\s+в\s+(?:Telegram|Телеграме?|телеграме?|Телеграмм?е?)")
_GENERIC_RU = frozenset(
    [
        "Telegram", "Телеграм", "Телеграмм", "Россия", "России", "Москва", "ИГ", "ИГИЛ",
    ]
)  # fmt: skip


def _name(m: re.Match[str]) -> tuple[str, int, int] | None:
    q = quoted_value(m, "q")
    if q:
        return q
    for group in ("c", "r"):
        if m.group(group):
            a, b = m.span(group)
            if group == "c":
                return first_segment(m.string, a, b)
            return m.group(group).strip(), a, b
    return None


def candidates(text: str) -> list[Candidate]:
    """Every Russian pattern candidate in ``text`` (NER is separate: :func:`ner_candidates`)."""
    out: list[Candidate] = []
    for regex, type_ in _HEAD_RE:
        for m in regex.finditer(text):
            found = _name(m)
            if found is None:
                continue
            name, a, b = found
            head = m.group(0)[: m.group(0).find(" ")].lower() if " " in m.group(0) else ""
            cand_type = type_
            if (
                type_ == "channel"
                and not re.search(r"телеграм|telegram|тг", head)
                and not _TELEGRAM_AFTER.match(text, m.end())
            ):
                continue
            if name in _GENERIC_RU and not quoted_value(m, "q"):
                continue
            if m.group("r") and type_ not in ("media_outlet",) and not m.group("r").isupper():
                continue  # "группировкам Мина Аль-Лами": unquoted Cyrillic names only for media
            out.append(Candidate(cand_type, name, a, b, f"pattern:ru_{cand_type}", 0.8))
            end = m.end()
            for _ in range(3):  # "издания The New York Times и Al Arabiya"
                more = _CONTINUATION.match(text, end)
                if not more:
                    break
                found = _name(more)
                if found is None:
                    break
                out.append(Candidate(cand_type, found[0], found[1], found[2],
                                     f"pattern:ru_{cand_type}", 0.75))  # fmt: skip
                end = more.end()
    for m in _AS_WROTE.finditer(text):
        q = quoted_value(m, "q")
        if q:
            out.append(Candidate("media_outlet", q[0], q[1], q[2], "pattern:ru_as_wrote", 0.8))
    out.extend(_alias_candidates(text))
    out.extend(_place_candidates(text))
    return out


#: A word of a person's name: capitalised, not an acronym ("ИГИЛ-Хорасан" is not a name), with
#: an Arabic article or "ибн" before it ("аль-Мухаджир", "ибн Ладен").
_PERSON_WORD = (
    r"(?:(?:аль|ал|ад|ас|ат|ан|аш|эль|уль|ибн|бин)[- ])?[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)?"
)
_PERSON_RU = rf"(?<![\w-])(?:Абу\s)?{_PERSON_WORD}(?:\s{_PERSON_WORD}){{1,2}}"
_ALIAS_RU = re.compile(
    rf"(?P<n>{_PERSON_RU}),?\s+\(?(?i:известн\w+\s+как|по\s+прозвищу|он\s+же|она\s+же|"
    rf"под\s+псевдонимом|по\s+кличке)\s+(?:{_Q}|(?P<a>(?:Абу\s)?{_PERSON_WORD}"
    rf"(?:\s{_PERSON_WORD}){{0,2}}))"
)


def _alias_candidates(text: str) -> list[Candidate]:
    out = []
    for m in _ALIAS_RU.finditer(text):
        q = quoted_value(m, "q")
        alias = q[0] if q else (m.group("a") or "")
        if alias:
            a, b = m.span("n")
            out.append(Candidate("person", m.group("n"), a, m.end(), "pattern:ru_alias", 0.8,
                                 name_start=a, name_end=b, aliases=[alias]))  # fmt: skip
    return out


_PLACE_RU = re.compile(
    r"(?<![\w-])(?P<kind>в\s+городе|в\s+г\.|город(?:[аеу]|ом)?|в\s+провинции|провинци[июя]|"
    r"в\s+посёлке|в\s+поселке|в\s+селе|в\s+районе|"
    # "рядом с дагестанским селом Джемикент", "жители аула Гимры": the name stays nominative
    r"сел(?:о|а|е|у|ом)|селени(?:е|я|ю|ем|и)|пос[её]л(?:ок|ка|ке|ку|ком)|деревн(?:я|и|е|ю|ей)|"
    r"аул(?:а|е|у|ом)?|станиц(?:а|ы|е|у|ей)|кишлак(?:а|е|у|ом)?|"
    # "пограничная застава «Ишкобод»", "заставу № 4 «Ишкобод»"
    r"застав(?:а|ы|е|у|ой)(?:\s+№\s?\d{1,3})?)\s+[«\"„“]?"
    rf"(?P<r>{_CYR_WORD}(?:[ -]{_CYR_WORD}){{0,2}})(?![\w-])"
)


def _place_candidates(text: str) -> list[Candidate]:
    out = []
    for m in _PLACE_RU.finditer(text):
        kind = m.group("kind")
        place_kind = "province" if "провинц" in kind else "district" if "район" in kind else "city"
        a, b = m.span("r")
        name = m.group("r")
        # "в городе Суровикино Волгоградской области": the region's adjective is not part of
        # the town's name
        while " " in name and _REGION_ADJECTIVE.search(name) and _REGION_NOUN.match(text, b):
            name = name.rsplit(" ", 1)[0]
            b = a + len(name)
        out.append(Candidate("place", name, a, b, "pattern:ru_place", 0.75,
                             attributes={"kind": place_kind}))  # fmt: skip
    return out


_REGION_ADJECTIVE = re.compile(r"\s\w+(?:ской|ского|ском|ская|ский|цкой|цкого|ной|ного)$")
_REGION_NOUN = re.compile(r"\s+(?:област|кра[яеюй]|район|республик|округ)\w*")


# -- issues and headlines -------------------------------------------------------------------------

_ORDINAL_STEMS = {
    "перв": 1, "втор": 2, "трет": 3, "четверт": 4, "четвёрт": 4, "пят": 5, "шест": 6,
    "седьм": 7, "восьм": 8, "девят": 9, "десят": 10,
}  # fmt: skip
_ISSUE_RU = re.compile(
    r"(?<![\w-])(?i:выпуск|номер)[а-яё]*\s+(?:№\s?)?(?P<num>\d{1,4})(?![\d])"
    r"|(?P<num2>\d{1,4})-(?:й|м|го|ом|ый|ой)\s+(?i:выпуск|номер)"
    r"|(?<![\w-])(?P<ord>(?i:перв|втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят|десят))[а-яё]{1,4}"
    r"\s+(?i:выпуск|номер)"
)
_NUMBER_SIGN = re.compile(r"№\s?(?P<num>\d{1,4})(?!\d)")


def issues(text: str) -> list[IssueMarker]:
    """ "выпуск № 35", "номер 5", "5-й выпуск", "пятый номер"; "№ 5" only next to a name."""
    out: list[IssueMarker] = []
    for m in _ISSUE_RU.finditer(text):
        raw = m.group("num") or m.group("num2")
        value = (
            issue_value(raw)
            if raw
            else _ORDINAL_STEMS.get(m.group("ord").lower().replace("ё", "е"))
        )
        if value is not None:
            out.append(IssueMarker(m.start(), m.end(), value))
    for m in _NUMBER_SIGN.finditer(text):
        value = issue_value(m.group("num"))
        if value is not None:
            out.append(IssueMarker(m.start(), m.end(), value, None, True))
    return out


_HEADLINE_RU = re.compile(
    rf"(?i:под\s+заголовком|стать[яеиюёй]\s+(?:под\s+названием\s+)?|материал[а-я]*\s+)\s*{_Q}"
)


def headlines(text: str) -> list[Headline]:
    """ "под заголовком «...»", "статья «...»"."""
    return quoted_headlines(_HEADLINE_RU, text)


# -- natasha --------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _morph() -> Any | None:
    """natasha's ``MorphVocab`` (pymorphy2 dictionaries), or None without natasha."""
    try:
        return importlib.import_module("natasha").MorphVocab()
    except Exception:
        return None


@lru_cache(maxsize=1)
def _natasha() -> tuple[Any, ...] | None:
    """``(Doc, segmenter, morph tagger, NER tagger, morph vocab)`` or None without natasha."""
    vocab = _morph()
    if vocab is None:
        return None
    try:
        natasha = importlib.import_module("natasha")
        embedding = natasha.NewsEmbedding()
        return (
            natasha.Doc,
            natasha.Segmenter(),
            natasha.NewsMorphTagger(embedding),
            natasha.NewsNERTagger(embedding),
            vocab,
        )
    except Exception:
        return None


_CASES = ("Gen", "Dat", "Acc", "Ins", "Loc")
_CYRILLIC_FORM = re.compile(r"[А-ЯЁа-яё-]+(?: [А-ЯЁа-яё-]+){1,5}")


#: The built-in gazetteer's case forms, computed ahead (``scripts/build_ru_case_forms.py``).
CASE_TABLE = "morph/ru_case_forms.json"


@lru_cache(maxsize=1)
def _case_table() -> dict[str, tuple[str, ...]]:
    """Form -> its case forms, for every multi-word Cyrillic form of the built-in gazetteer
    (empty if the table cannot be read: the forms are then inflected on the spot)."""
    try:
        source = resources.files("propwatch.knowledge").joinpath(CASE_TABLE)
        data = json.loads(source.read_text(encoding="utf-8"))
        forms = data["forms"]
        return {str(k): tuple(str(v) for v in vs) for k, vs in forms.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def takes_case_forms(form: str) -> bool:
    """Whether :func:`case_forms` inflects ``form`` (two to six Cyrillic words)."""
    return _CYRILLIC_FORM.fullmatch(form) is not None


def case_forms(form: str) -> list[str]:
    """The oblique cases of a multi-word Russian name: its leading adjectives and head noun
    are inflected, the rest stays ("Исламское государство" -> "Исламского государства",
    "Голос Хорасана" -> "Голоса Хорасана"), so the gazetteer matches declined names. Empty
    without natasha's morphology or for other forms.

    The built-in gazetteer's forms come from a table computed ahead, so that an analysis
    worker does not load natasha's morphology (about 30 MiB) just to build its matchers; a
    form the table lacks (a user's gazetteer) is inflected with natasha."""
    if not takes_case_forms(form):
        return []
    known = _case_table().get(form)
    if known is not None:
        return list(known)
    return inflect_case_forms(form)


def inflect_case_forms(form: str) -> list[str]:
    """:func:`case_forms` computed with natasha's morphology (what the table holds)."""
    if not takes_case_forms(form):
        return []
    vocab = _morph()
    if vocab is None:
        return []
    words = form.split()
    out: list[str] = []
    try:
        parses = [vocab.parse(w)[0] for w in words]
        for case in _CASES:
            result: list[str] = []
            head_done = False
            for word, parse in zip(words, parses, strict=True):
                tag = parse.tag
                if not head_done and tag.POS in ("NOUN", "ADJF") and tag.case == "nomn":
                    inflected = parse.inflect({case})
                    if inflected is None:
                        result = []
                        break
                    new = inflected.word
                    result.append(new[:1].upper() + new[1:] if word[:1].isupper() else new)
                    head_done = tag.POS == "NOUN"
                else:
                    head_done = head_done or tag.POS == "NOUN"
                    result.append(word)
            variant = " ".join(result)
            if result and variant.lower() != form.lower() and variant not in out:
                out.append(variant)
    except Exception:
        return []
    return out


def natasha_available() -> bool:
    """Whether natasha could be loaded (loads it on first call)."""
    return _natasha() is not None


_MEDIA_BEFORE = re.compile(
    r"(?i:агентств|информагентств|издани|телеканал|газет|радио|портал|сми|"
    r"как\s+(?:пишет|писал|сообщ|переда))[а-яё]*\s*[«\"„“]?\s*$"
)
_MEDIA_AFTER = re.compile(r"^\s*[»\"“”]?\*?\s*(?i:сообщ|пишет|писал|переда|отмечает)")
_TYPE = {"PER": "person", "ORG": "organization", "LOC": "place"}


#: Common nouns natasha tags as organisations.
_GENERIC_NER = frozenset([
    "СМИ", "спецназ", "Спецназ", "силовики", "Силовики", "ВС",
    # abbreviations of no one body ("ГУ МВД": a main directorate of some ministry; "ИА": a news
    # agency; "ДПС": the road patrol) and buildings or offices named like bodies
    "ГУ", "ИА", "ДПС", "Генконсульство", "Консульство", "Посольство", "Дом печати",
    "Дом правительства", "Новости", "Главное управление", "ИК", "СИЗО",
])  # fmt: skip
#: Buildings named like bodies: "Дом печати" (the Press House), "Дом правительства".
_BUILDING_NAME = re.compile(
    r"Дом\w* (?:печати|правительства|советов|профсоюзов)|Двор\w* спорта"
    # prisons and remand centres: "ИК-19", "СИЗО-1"
    r"|(?:ИК|СИЗО|ИВС)(?:[- ]?№?\s?\d+)?"
)
#: A preposition inside a span: natasha ran an organisation's name into the next words
#: ("Союз добровольцев России. На вокзале ...").
_INNER_PREPOSITION = re.compile(r"\s(?:на|в|во|по|к|у|с|со|от|до|из|за|при)\s", re.IGNORECASE)
#: Metro stations, streets and squares, places of worship, airports and other buildings are
#: named like organisations: "станции «Площадь Восстания»", "в шиитской мечети "Имам Заман"".
_STATION_BEFORE = re.compile(
    r"(?:станци\w*|метро|перегон\w*|улиц\w*|площад[иья]\w*|проспект\w*|мечет\w*|храм\w*|"
    r"церк\w*|собор\w*|синагог\w*|святилищ\w*|мавзоле\w*|"
    # "в аэропорту «Домодедово»", "в ТЦ «Зимняя вишня»", "в концертном зале «Крокус»"
    r"аэропорт\w*|вокзал\w*|ТЦ|ТРЦ|торгов\w+ (?:центр|комплекс)\w*|концертн\w+ зал\w*|"
    r"отел\w*|гостиниц\w*|стадион\w*|рын(?:ок|к\w*)|кафе|ресторан\w*|театр\w*)\s+"
    # "на перегоне между «...»", "на станциях синей ветки - «...» и «...»"
    r"(?:[а-яё-]+\s+){0,3}(?:[-—–]\s+)?"
    r"(?:[«\"„“][^»\"”]{1,40}[»\"”]\s*(?:,|и)\s*)?[«\"„“]?$",
    re.IGNORECASE,
)

def _ner_view(text: str) -> str:
    """``text`` with the lines that hold no capitalised word blanked (same length, so offsets
    hold), cut after :data:`MAX_NER_TOKENS` tokens."""
    lines = text.split("\n")
    view = "\n".join(line if _NAME_LIKE.search(line) else " " * len(line) for line in lines)
    for k, m in enumerate(_TOKEN.finditer(view)):
        if k >= MAX_NER_TOKENS:
            return view[: m.start()]
    return view


_NAME_GRAMMEMES = frozenset({"Geox", "Orgn", "Name", "Surn", "Patr", "Abbr", "Trad"})
_SENTENCE_START = re.compile(r"(?:^|[.!?…]\s+|\n\s*)[«\"„“(]?\s*$")


def _common_word_at_sentence_start(vocab: Any, text: str, start: int, surface: str) -> bool:
    """A capitalised dictionary word that opens a sentence ("Заявлениям об ...") is not a
    name unless the dictionary marks it as one (a place, an organisation, a first name)."""
    if " " in surface or not _SENTENCE_START.search(text[max(0, start - 5) : start]):
        return False
    try:
        word = surface.lower()
        if not vocab.word_is_known(word):
            return False
        tag = vocab.parse(word)[0].tag
        return not any(g in tag for g in _NAME_GRAMMEMES)
    except Exception:
        return False


#: What the NER model tags as an organisation but is a platform or a kind of channel.
_PLATFORM_NOUN = re.compile(
    r"(?i)(?:telegram|телеграмм?|тг|youtube|ютуб|vk|вконтакте|twitter|твиттер|x|facebook|"
    r"фейсбук|instagram|инстаграм|whatsapp|tiktok|тикток|rocket\.?chat|element|matrix)"
    r"(?:[- ]?(?:канал\w*|чат\w*|групп\w*|бот\w*|аккаунт\w*|сообществ\w*))?"
    r"|(?:телеграм|телеграмм|telegram)?[- ]?(?:канал\w*|чат\w*)"
)


#: Where a name natasha found runs on past its closing quote or into a parenthesis.
_SPAN_TAIL = re.compile(r"\s*(?:[»”\"]|\()")


def ner_candidates(text: str) -> list[Candidate]:
    """Persons, organisations and places natasha finds in (the first ``MAX_NER_CHARS`` of)
    ``text``; organisations introduced as media ("агентство X", "как писал X", "X сообщило")
    become media outlets. Empty if natasha is unavailable."""
    loaded = _natasha()
    if loaded is None or not text.strip():
        return []
    doc_cls, segmenter, morph, ner, vocab = loaded
    piece = _ner_view(text[:MAX_NER_CHARS])
    if not piece.strip():
        return []
    try:
        doc = doc_cls(piece)
        doc.segment(segmenter)
        doc.tag_morph(morph)
        doc.tag_ner(ner)
    except Exception:
        return []
    out: list[Candidate] = []
    previous_media_end = -10
    for span in doc.spans:
        type_ = _TYPE.get(span.type)
        if type_ is None:
            continue
        surface = piece[span.start : span.stop]
        stop = span.stop
        cut = _SPAN_TAIL.search(surface, 1)
        if cut is not None:
            # «Исламское государство» (ИГ, ИГИЛ): the span ran past the closing quote
            surface, stop = surface[: cut.start()], span.start + cut.start()
        if type_ == "person" and any(
            w.isupper() and len(w) > 1 for w in re.split(r"[\s-]", surface)
        ):
            continue  # "ИГИЛ-Хорасан" is not a person
        try:
            span.normalize(vocab)
            name = (span.normal or surface) if cut is None else surface
        except Exception:
            name = surface
        if type_ == "organization" and _STATION_BEFORE.search(
            piece, max(0, span.start - 60), span.start
        ):
            continue  # "между станциями «Сенная площадь» и «Технологический институт»"
        if type_ == "organization":
            before = piece[max(0, span.start - 40) : span.start]
            after = piece[span.stop : span.stop + 20]
            between = piece[previous_media_end : span.start] if previous_media_end >= 0 else ""
            if (
                _MEDIA_BEFORE.search(before)
                or _MEDIA_AFTER.match(after)
                or re.fullmatch(r"[»\"“”]?\*?\s*(?:,|и)\s*[«\"„“]?", between.strip() or "x")
            ):
                type_ = "media_outlet"
                previous_media_end = span.stop
        name = name.strip(' «»"“”*')
        if len(name) < 2 or _common_word_at_sentence_start(vocab, piece, span.start, surface):
            continue
        if _PLATFORM_NOUN.fullmatch(name):  # "Telegram-канал", "YouTube": a platform, not a group
            continue
        if name in _GENERIC_NER or surface in _GENERIC_NER:  # "ряд СМИ": the media in general
            continue
        if _BUILDING_NAME.fullmatch(surface):  # "в Доме печати": a building
            continue
        if type_ != "person" and _INNER_PREPOSITION.search(surface):
            continue
        if "  " in surface or "/" in surface or "\n" in surface:
            continue  # a span across a page's menu ("Народный репортер  Написавшие нам ...")
        out.append(Candidate(type_, name, span.start, stop, "ner:natasha", 0.65))
    return out
