"""Cheap patterns for Tajik, Uzbek (Latin and Cyrillic), Kyrgyz and Turkish.

Most names in these languages come from the gazetteer; the patterns add issue numbers
("12-son", "шумораи 5", "5-саны", "12. sayı", "№ 5") and names introduced by a quoted title
next to a head noun ("«X» jurnali", "маҷаллаи «X»", "X dergisi", "«X» telegram kanali",
"X Haber Ajansı", "X terör örgütü").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from propwatch.extract.patterns import (
    CAPSEQ,
    Candidate,
    IssueMarker,
    first_segment,
    issue_value,
    last_segment,
    quoted,
    quoted_value,
)

__all__ = ["CANDIDATES", "ISSUES"]

_Q = quoted("q")
_CYR_WORD = r"[А-ЯЁҚҒҲҶӮЎӨҮҢ][а-яёқғҳҷӯўөүң]+"
_CYR_SEQ = rf"{_CYR_WORD}(?:[ ]{_CYR_WORD}){{0,3}}"

# (regex, type, name comes before the head)
_Rule = tuple[re.Pattern[str], str, bool]


def _before(head: str, type_: str) -> _Rule:
    """A name (quoted, capitalised) right before ``head``."""
    return (re.compile(rf"(?:{_Q}|(?P<c>{CAPSEQ})|(?P<r>{_CYR_SEQ}))\s+(?:{head})"), type_, True)


def _after(head: str, type_: str) -> _Rule:
    """A quoted name right after ``head``."""
    return (re.compile(rf"(?<!\w)(?:{head})\s+{_Q}"), type_, False)


_RULES: dict[str, list[_Rule]] = {
    "uz": [
        _before(r"(?i:jurnal|журнал)\w*", "publication"),
        _after(r"(?i:jurnal|журнал)\w*", "publication"),
        _before(r"(?i:telegram|телеграм)[- ]?(?i:kanal|канал)\w*", "channel"),
        _after(r"(?i:telegram|телеграм)[- ]?(?i:kanal|канал)\w*", "channel"),
        _before(r"(?i:axborot\s+agentligi|ахборот\s+агентлиги)\w*", "media_outlet"),
    ],
    "tg": [
        _after(r"(?i:маҷалла|нашрия)[иӣ]?", "publication"),
        _before(r"(?i:маҷалла)\w*", "publication"),
        _after(r"(?i:канали\s+телеграмии|канали)", "channel"),
        _after(r"(?i:агентии\s+иттилоотии|агентии)", "media_outlet"),
        _after(r"(?i:гурӯҳи\s+террористии|гурӯҳи)", "organization"),
    ],
    "ky": [
        _before(r"(?i:журнал)\w*", "publication"),
        _after(r"(?i:журнал)\w*", "publication"),
        _before(r"(?i:телеграм)[- ]?(?i:канал)\w*", "channel"),
        _before(r"(?i:маалымат\s+агенттиги)\w*", "media_outlet"),
    ],
    "tr": [
        _before(r"(?i:dergi)(?:si|sinin|sinde|sini|sine)?", "publication"),
        _before(r"Telegram\s+(?i:kanal)\w*", "channel"),
        _after(r"Telegram\s+(?i:kanal)\w*", "channel"),
        # capitalised, as a name is ("Anadolu Haber Ajansı"; "Kürt haber ajansı" describes)
        _before(r"Haber\s+Ajans\w*", "media_outlet"),
        _before(r"Haber\s+Merkez\w*", "media_outlet"),  # "BİA Haber Merkezi"
        _before(r"(?i:terör\s+örgüt)\w*", "organization"),
        # a province's governorate and police: "Diyarbakır Valiliği", "Yalova Emniyet Müdürlüğü"
        _before(r"Valiliğ\w*", "state_body"),
        _before(r"Emniyet\s+Müdürlüğ\w*", "state_body"),
    ],
}


_LAT_WORD = r"[A-ZÇĞİÖŞÜ][a-zçğıöşü'ʻ’]+"
#: A Turkish noun in the accusative or genitive after a vowel ("saldırıyı", "örgütünü"): no name.
_TR_CASE_ENDING = re.compile(r"[a-zçğıöşü](?:y[ıiuü]|n[ıiuü]n?)$")
#: Places named by their kind: Tajik "ноҳияи Данғара" (head first), Uzbek "Dang'ara tumani",
#: Kyrgyz "Ноокат району", Turkish "Sarıyer ilçesi" (head after). (regex, kind)
_PLACE_RULES: dict[str, list[tuple[re.Pattern[str], str]]] = {
    "tg": [
        (re.compile(rf"(?<!\w)(?i:ноҳияи)\s+(?P<r>{_CYR_WORD})"), "district"),
        (re.compile(rf"(?<!\w)(?i:шаҳри)\s+(?P<r>{_CYR_WORD})"), "city"),
        (re.compile(rf"(?<!\w)(?i:деҳаи|шаҳраки)\s+(?P<r>{_CYR_WORD})"), "city"),
    ],
    "uz": [
        (re.compile(rf"(?P<r>{_LAT_WORD}|{_CYR_WORD})\s+(?:tumani|туман[и])\w*"), "district"),
        (re.compile(rf"(?P<r>{_LAT_WORD}|{_CYR_WORD})\s+(?:shahri|шаҳри)\w*"), "city"),
    ],
    "ky": [
        (re.compile(rf"(?P<r>{_CYR_WORD})\s+(?:район[уы])\w*"), "district"),
        (re.compile(rf"(?P<r>{_CYR_WORD})\s+(?:шаар[ыд])\w*"), "city"),
    ],
    "tr": [
        (re.compile(rf"(?P<r>{_LAT_WORD})\s+(?:ilçe(?:si|sinde|sindeki))(?!\w)"), "district"),
        # whole words: "Patlama kentin büyük bölümünde duyuldu" (the blast was heard across the
        # city) names no city "Patlama"
        (re.compile(rf"(?P<r>{_LAT_WORD})\s+(?:kent|şehr)(?:i|inde|indeki|ine|inden|inin)(?!\w)"),
         "city"),
        # "Kayamla köyüne", "Muna Gari kasabasında": a village or small town
        (re.compile(rf"(?P<r>{_LAT_WORD})\s+(?:köy(?:ü|ünde|üne|ünden|ündeki)|"
                    r"kasaba(?:sı|sında|sına|sındaki))(?!\w)"), "city"),
        # "Kourakou ve Tondobi köylerine": two villages
        (re.compile(rf"(?P<r>{_LAT_WORD})\s+ve\s+{_LAT_WORD}\s+köyler(?:i|inde|ine|inden)(?!\w)"),
         "city"),
        (re.compile(rf"(?P<r>{_LAT_WORD})\s+köyler(?:i|inde|ine|inden)(?!\w)"), "city"),
    ],
}


def _places(language: str, text: str) -> list[Candidate]:
    out: list[Candidate] = []
    for regex, kind in _PLACE_RULES.get(language, ()):
        for m in regex.finditer(text):
            name, (a, b) = m.group("r"), m.span("r")
            if len(name) >= 3:
                out.append(Candidate("place", name, a, b, f"pattern:{language}_place", 0.7,
                                     attributes={"kind": kind}))  # fmt: skip
    return out


def _rules_for(language: str) -> Callable[[str], list[Candidate]]:
    def find(text: str) -> list[Candidate]:
        out: list[Candidate] = _places(language, text)
        for regex, type_, before in _RULES[language]:
            for m in regex.finditer(text):
                q = quoted_value(m, "q")
                if q:
                    name, a, b = q
                elif m.groupdict().get("c"):
                    seg = (last_segment if before else first_segment)(text, *m.span("c"))
                    if seg is None:
                        continue
                    name, a, b = seg
                    while language == "tr" and _TR_CASE_ENDING.search(name.split(" ")[0]):
                        # "Saldırıyı (PKK) terör örgütü ...": "the attack" (accusative) is no name
                        first, _, name = name.partition(" ")
                        a += len(first) + 1
                    if not name:
                        continue
                elif m.groupdict().get("r"):
                    name, (a, b) = m.group("r"), m.span("r")
                else:
                    continue
                if len(name) < 3:
                    continue
                if type_ in ("media_outlet", "state_body") and before:
                    name, a = text[a : m.end()], a  # "Anadolu Haber Ajansı"
                    name = re.sub(r"(?<=ğ[ıiuü])(?:n[ıiuü]n|n[ae]|nd[ae]|nc[ae])$", "", name)
                kind = "organization" if type_ == "state_body" else type_
                out.append(Candidate(kind, name, a, max(b, a + len(name)),
                                     f"pattern:{language}_{type_}", 0.7))  # fmt: skip
        return out

    return find


#: Candidate functions per language.
CANDIDATES: dict[str, Callable[[str], list[Candidate]]] = {
    lang: _rules_for(lang) for lang in _RULES
}

_ISSUE_RES: dict[str, re.Pattern[str]] = {
    "uz": re.compile(
        r"(?<!\d)(?P<num>\d{1,4})[-‑](?:son|сон)(?:i|ida|ining|ini|и|ида|ининг|ини)?(?!\w)"
    ),
    "tg": re.compile(
        r"(?i:шумораи)\s+(?P<num>\d{1,4})(?!\d)|(?<!\d)(?P<num2>\d{1,4})[-‑](?:ум|юм|уми|юми)\s+(?i:шумора)"
    ),
    "ky": re.compile(r"(?<!\d)(?P<num>\d{1,4})[-‑](?:саны|санында|санынын|санын)(?!\w)"),
    "tr": re.compile(
        r"(?<!\d)(?P<num>\d{1,4})\.\s*(?i:sayı)(?:sı|sında|sını|sının)?(?!\w)"
        r"|(?i:sayı)(?:sı)?\s*:?\s*(?P<num2>\d{1,4})(?!\d)"
    ),
}
_NUMBER_SIGN = re.compile(r"№\s?(?P<num>\d{1,4})(?!\d)")


def _issues_for(language: str) -> Callable[[str], list[IssueMarker]]:
    regex = _ISSUE_RES[language]

    def find(text: str) -> list[IssueMarker]:
        out = []
        for m in regex.finditer(text):
            value = issue_value(m.group("num") or m.groupdict().get("num2") or "")
            if value is not None:
                out.append(IssueMarker(m.start(), m.end(), value))
        for m in _NUMBER_SIGN.finditer(text):
            value = issue_value(m.group("num"))
            if value is not None:
                out.append(IssueMarker(m.start(), m.end(), value, None, True))
        return out

    return find


#: Issue-marker functions per language.
ISSUES: dict[str, Callable[[str], list[IssueMarker]]] = {
    lang: _issues_for(lang) for lang in _ISSUE_RES
}
