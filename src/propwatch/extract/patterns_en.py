"""English new-entity patterns (also used for Latin-script names inside other texts).

Precision first: a capitalised phrase becomes an entity only when a head word names its kind
("Trend News Agency", "Al-Azaim Foundation for Media Production", "Ministry of Foreign
Affairs", "Islamic State Pakistan Province") or a trigger introduces it ("the militant group
X", "the X group", "a Sputnik correspondent", "the Telegram channel X", "issue 5 of X",
"Interior Minister Ahmad Vahidi", "X, also known as Abu Y"). Lines written in Title Case
(headlines) are skipped for unquoted names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from propwatch.extract.patterns import (
    CAPSEQ,
    GENERIC_WORDS,
    LOWER,
    UPPER,
    Candidate,
    Headline,
    IssueMarker,
    capseqs,
    first_segment,
    in_spans,
    issue_value,
    last_segment,
    quoted,
    quoted_headlines,
    quoted_value,
    sentence_bounds,
    title_case_lines,
    volume_value,
)

__all__ = ["DESCRIPTORS", "NUMBER_WORDS", "candidates", "headlines", "issues"]

#: Cardinal and ordinal number words (issue numbers: "Issue Five", "the first issue").
NUMBER_WORDS: dict[str, int] = {
    w: k
    for k, group in enumerate(
        [
            (),
            ("one", "first"), ("two", "second"), ("three", "third"), ("four", "fourth"),
            ("five", "fifth"), ("six", "sixth"), ("seven", "seventh"), ("eight", "eighth"),
            ("nine", "ninth"), ("ten", "tenth"), ("eleven", "eleventh"),
            ("twelve", "twelfth"), ("thirteen", "thirteenth"), ("fourteen", "fourteenth"),
            ("fifteen", "fifteenth"), ("sixteen", "sixteenth"), ("seventeen", "seventeenth"),
            ("eighteen", "eighteenth"), ("nineteen", "nineteenth"), ("twenty", "twentieth"),
        ]
    )
    for w in group
}  # fmt: skip
_NUMWORD = "(?i:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"
_ORDINAL = rf"(?:{_NUMWORD}|\d{{1,4}}(?:st|nd|rd|th))"
_NUM = rf"(?:\d{{1,4}}|{_NUMWORD})(?![\w-])"

#: Demonyms, languages and platforms: a "name" made only of these is a description.
DESCRIPTORS = frozenset(
    [
        "russian", "iranian", "tajik", "uzbek", "afghan", "pakistani", "syrian", "iraqi",
        "turkish", "kyrgyz", "kazakh", "american", "british", "french", "german", "chinese",
        "indian", "israeli", "saudi", "arab", "arabic", "western", "european", "ukrainian",
        "english", "pashto", "urdu", "dari", "persian", "farsi", "hindi", "bengali", "malay",
        "indonesian", "uyghur", "chechen", "dagestani", "caucasian", "sunni", "shia", "shiite",
        "islamic", "islamist", "muslim", "jihadi", "salafi", "central", "south", "north", "east",
        "west", "asian", "new", "latest", "official", "telegram", "whatsapp", "facebook",
        "twitter", "youtube", "tiktok", "instagram", "vk", "signal", "rocket", "chat", "local",
        "regional", "international", "global", "national", "state", "government",
    ]
)  # fmt: skip

_ORG_HEADS = frozenset(
    [
        "committee", "council", "service", "commission", "directorate", "bureau", "force",
        "forces", "corps", "guard", "guards", "army", "front", "movement", "party", "brigade",
        "brigades", "battalion", "battalions", "organization", "organisation", "group", "union",
        "nations", "police", "emirate", "intelligence", "association", "federation",
        "confederation", "observatory", "syndicate",
    ]
)  # fmt: skip
_NOT_NAMES = frozenset(
    [
        "assembly", "staff", "secretary", "directorate", "general", "office", "court", "said",
        "says", "told", "added", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december",
    ]
)  # fmt: skip

_Q = quoted("q")


def _name_or_quote(
    m: re.Match[str], cap_group: str, first: bool = True
) -> tuple[str, int, int, bool] | None:
    """The name a trigger regex captured: a quoted name (``q1``..``q6``) or a capitalised
    run in group ``cap_group`` (its first or last segment)."""
    q = quoted_value(m, "q")
    if q:
        return (*q, True)
    if cap_group not in m.re.groupindex or m.group(cap_group) is None:
        return None
    a, b = m.span(cap_group)
    seg = first_segment(m.string, a, b) if first else last_segment(m.string, a, b)
    if seg is None:
        return None
    return (*seg, False)


def _descriptive(name: str) -> bool:
    words = [w.lower().strip("'’") for w in re.findall(r"[\w'’-]+", name)]
    return not words or all(w in DESCRIPTORS or w in GENERIC_WORDS for w in words)


# -- head-word classification of capitalised runs -------------------------------------------------


def _classify(text: str, name: str, a: int, b: int) -> Candidate | None:
    words = name.split()
    low = [w.lower() for w in words]
    if len(words) < 2 or _descriptive(name):
        return None
    last = low[-1]
    if ("news" in low[:-1] and last in ("agency", "network", "service")) or (
        last == "press" and len(words) > 1
    ):
        return Candidate("media_outlet", name, a, b, "pattern:news_agency", 0.85)
    if "foundation" in low:
        media = (
            "media" in low
            or _MEDIA_BEFORE.search(text, max(0, a - 80), a)
            or _MEDIA_AFTER.match(text, b)
        )
        type_ = "media_outlet" if media else "organization"
        return Candidate(type_, name, a, b, "pattern:foundation", 0.8)
    if "media" in low and (last == "media" or last in _MEDIA_TAILS):
        if _descriptive(" ".join(words[: low.index("media")])):
            return None
        return Candidate("media_outlet", name, a, b, "pattern:media_center", 0.8)
    if "ministry" in low:
        if low[-1] == "ministry" and all(w in _MINISTRY_WORDS for w in low):
            # "Russia's Foreign Ministry": keep the possessor.
            owner = re.search(rf"([{UPPER}][\w-]{{1,30}})['’]s\s+$", text[max(0, a - 40) : a])
            if not owner:
                return None
            a = a - len(text[max(0, a - 40) : a]) + owner.start(1)
            name = text[a:b]
        return Candidate("organization", name, a, b, "pattern:ministry", 0.8)
    if last == "province":
        if {"islamic", "state", "is", "isis", "wilayat", "wilayah"} & set(low):
            return Candidate("organization", name, a, b, "pattern:province_org", 0.8)
        if _IS_OWNER.search(text[max(0, a - 40) : a]):
            # "the Islamic State's (ISIS) Khurasan Province": a province of the group
            return Candidate(
                "organization", "Islamic State " + name, a, b, "pattern:province_org", 0.75
            )
        return None
    if last in _ORG_HEADS and not all(w in _ORG_HEADS | DESCRIPTORS | GENERIC_WORDS for w in low):
        if any(w in _NOT_NAMES for w in low):
            return None
        return Candidate("organization", name, a, b, "pattern:org_head", 0.7)
    # "Syrian Observatory for Human Rights", "Committee for the Protection of Journalists"
    for i in range(1, len(low) - 1):
        if low[i] in _ORG_HEADS and low[i + 1] in ("for", "of") and not any(
            w in _NOT_NAMES for w in low
        ):
            return Candidate("organization", name, a, b, "pattern:org_head", 0.7)
    return None


_IS_OWNER = re.compile(
    r"(?:Islamic State|ISIS|ISIL|IS)['’]s?\s*(?:\((?:ISIS|ISIL|IS)\)\s*)?[\"“«']?$"
)
_MEDIA_BEFORE = re.compile(r"media\s+(?:wing|arm|outlet|foundation|unit)", re.I)
_MEDIA_AFTER = re.compile(
    r",?\s+(?:the|its|an?)\s+(?:\w+\s+){0,2}?(?:media|propaganda)\b"
    r"|,?\s+(?:the|its|an?)\s+(?:\w+\s+){0,2}?(?:outlet|publisher|news agency)\b",
    re.I,
)
_MEDIA_TAILS = frozenset(
    [
        "center", "centre", "office", "foundation", "production", "productions", "agency", "wing",
        "network", "group",
    ]
)  # fmt: skip
_MINISTRY_WORDS = frozenset(
    [
        "foreign", "interior", "defence", "defense", "intelligence", "justice", "emergency",
        "emergencies", "ministry", "affairs", "home", "security", "health",
    ]
)  # fmt: skip


def _head_candidates(text: str, skip: list[tuple[int, int]]) -> Iterator[Candidate]:
    for name, a, b in _split_pairs(text, capseqs(text)):
        if in_spans(a, b, skip):
            continue
        cand = _classify(text, name, a, b)
        if cand is not None:
            alias = _paren_alias(text, cand.end)
            if alias:
                cand.aliases.append(alias)
            yield cand


def _split_pairs(
    text: str, runs: Iterable[tuple[str, int, int]]
) -> Iterator[tuple[str, int, int]]:
    """ "Al-Furqan Media Foundation and Amaq News Agency": two names, when the words before
    "and" already make one (they end in a head word); "Ministry of Culture and Tourism" stays
    one name."""
    for name, a, b in runs:
        cut = name.find(" and ")
        if (
            cut > 0
            and name[:cut].rsplit(None, 1)[-1].lower() in _PAIR_HEADS
            and _classify(text, name[:cut], a, a + cut) is not None
        ):
            yield name[:cut], a, a + cut
            rest = a + cut + len(" and ")
            if b - rest >= 2:
                yield name[cut + len(" and ") :], rest, b
            continue
        yield name, a, b


_PAIR_HEADS = _ORG_HEADS | _MEDIA_TAILS | {"press"}


# -- trigger phrases ------------------------------------------------------------------------------

_NAME = rf"(?:{_Q}|(?P<c>{CAPSEQ}))"
_TRIGGERS: list[tuple[str, re.Pattern[str], str, bool, float]] = [
    # (type, regex, method, name is the first segment (else the last), confidence)
    ("organization", re.compile(
        r"\b(?:militant|terrorist|extremist|jihadist|jihadi|insurgent|armed|Islamist|rebel|"
        r"separatist|Salafi|Salafist)\s+(?:group|organi[sz]ation|outfit|network|faction|movement)"
        rf",?\s+(?:called\s+|named\s+|known\s+as\s+)?{_NAME}"),
        "pattern:militant_group", True, 0.8),
    ("organization", re.compile(
        rf"\bthe\s+(?P<c>{CAPSEQ})\s+(?:(?:militant|terrorist|jihadist|jihadi|extremist|insurgent|"
        r"armed|Islamist)\s+)?(?:group|organi[sz]ation|movement|outfit)\b"), "pattern:the_x_group",
        False, 0.75),
    ("media_outlet", re.compile(
        r"\bmedia\s+(?:wing|arm|outlet|unit|foundation|agency|office|center|centre)s?\s*[,:]?\s+"
        rf"(?:called\s+|named\s+|known\s+as\s+)?{_NAME}"), "pattern:media_wing", True, 0.8),
    ("media_outlet", re.compile(
        rf"\b(?:[Aa]n?|[Tt]he)\s+(?P<c>{CAPSEQ})\s+(?:correspondent|reporter|journalist)s?\b"),
        "pattern:correspondent", False, 0.75),
    ("media_outlet", re.compile(rf"(?P<c>{CAPSEQ})\s+[Pp]hoto\s*/"), "pattern:photo_credit",
        False, 0.7),
    ("media_outlet", re.compile(rf"\((?:Source|Credit|Photo|Image)s?:\s*(?P<c>{CAPSEQ})\s*[,)]"),
        "pattern:source_credit", True, 0.7),
    ("media_outlet", re.compile(rf"(?P<c>{CAPSEQ})\s+news\s+agency\b"), "pattern:news_agency",
        False, 0.8),
    ("media_outlet", re.compile(rf"\bnews\s+agency,?\s+(?P<c>{CAPSEQ})"), "pattern:news_agency",
        True, 0.8),
    ("channel", re.compile(
        rf"\bTelegram\s+channel\s*,?\s+(?:called\s+|named\s+|titled\s+)?{_NAME}"),
        "pattern:telegram_channel", True, 0.8),
    ("channel", re.compile(rf"\bthe\s+(?:{_Q}|(?P<c>{CAPSEQ}))\s+Telegram\s+channel\b"),
        "pattern:telegram_channel", False, 0.8),
    ("publication", re.compile(
        r"\b(?:[Mm]agazine|[Nn]ewsletter|[Jj]ournal|[Ww]eekly|[Pp]eriodical|[Bb]ulletin)s?\s*,?\s+"
        rf"(?:titled\s+|called\s+|named\s+|is\s+)?{_NAME}"), "pattern:magazine", True, 0.8),
    ("publication", re.compile(
        rf"(?:{_Q}|(?P<c>{CAPSEQ}))\s+(?:[Mm]agazine|[Nn]ewsletter|[Ww]eekly|[Bb]ulletin)\b"),
        "pattern:magazine", False, 0.8),
    ("place", re.compile(
        rf"\b(?:city|town|village|district|province|region|capital)\s+of\s+(?P<c>{CAPSEQ})"),
        "pattern:city_of", True, 0.75),
    # "the villages of Mbingi and Mapasana": the first and the last of the names
    ("place", re.compile(rf"\b(?:villages|towns)\s+of\s+(?P<c>{CAPSEQ})"),
        "pattern:city_of", True, 0.75),
    ("place", re.compile(rf"\b(?:villages|towns)\s+of\s+(?P<c>{CAPSEQ})"),
        "pattern:city_of", False, 0.75),
    ("place", re.compile(rf"(?P<c>{CAPSEQ})\s+(?:province|district|region|oblast)\b"),
        "pattern:province", False, 0.7),
    # "in a military camp in Indanan town", "in Makumo village"
    ("place", re.compile(rf"\b(?:in|near|at)\s+(?P<c>{CAPSEQ})\s+town\b"),
        "pattern:town", False, 0.7),
    ("place", re.compile(
        rf"(?P<c>{CAPSEQ})\s+village\b(?!\s+(?:head|chief|elder|council)s?\b)"),
        "pattern:town", False, 0.7),
    # "in Sehwan, in Sindh province": a town named before the province it lies in
    ("place", re.compile(
        rf"\bin\s+(?P<c>{CAPSEQ}),\s+(?:in\s+)?(?:the\s+)?(?:[A-Z][\w'-]+\s+){{1,2}}"
        r"(?:province|district|region|oblast)\b"), "pattern:town_in_province", True, 0.7),
    # "took place in Wadi Kabir, a district east of the capital": a place its apposition names
    ("place", re.compile(
        rf"\bin\s+(?P<c>{CAPSEQ}),\s+an?\s+(?:[\w-]+\s+){{0,2}}?(?:town|city|village|district|"
        r"suburb|neighbou?rhood|area|province|region)\b"), "pattern:town_appositive", True, 0.7),
    # "em Naquitenge, uma aldeia do interior", "à Grand-Bassam, une station balnéaire", "à
    # Mulolya, village situé à 8 km"
    ("place", re.compile(
        rf"\b(?:em|en|à|a|in)\s+(?P<c>{CAPSEQ}),\s+(?:(?:uma?|una?|une)\s+(?:[\w-]+\s+){{0,2}}?)?"
        r"(?:aldeia|vila|cidade|localidade|povoação|aldea|localidad|ciudad|pueblo|villa|"
        r"village|ville|localité|commune|station balnéaire|città|cittadina|località|villaggio|"
        r"paese|frazione)\b"), "pattern:town_appositive_romance", True, 0.7),
    # "à Tiloua, dans la région d'Ouallam", "en Kodyel, en la provincia de Komondjari", "a
    # Konkoro, nella regione di", "em Mucojo, na província de": a village no list holds, named
    # by the region it lies in (the region is left to the gazetteer and the town list)
    ("place", re.compile(
        rf"\b(?:à|a|en|em|no|na|nel|nella)\s+(?P<c>{CAPSEQ}),\s+"
        r"(?:dans\s+(?:la|le|l['’])\s*(?:région|province|commune|préfecture|localité|cercle|"
        r"département)|en\s+la\s+(?:provincia|región|comuna|localidad)"
        r"|en\s+el\s+(?:departamento|distrito|municipio|estado)"
        r"|nella\s+(?:provincia|regione)|nel\s+(?:distretto|dipartimento)"
        r"|na\s+(?:província|região|localidade)|no\s+(?:distrito|município|departamento))\b"),
        "pattern:place_in_region", True, 0.75),
    # German: "in Umarari, einer Siedlung am Rand der Millionenstadt Maiduguri"
    ("place", re.compile(
        rf"\bin\s+(?P<c>{CAPSEQ}),\s+(?:einer|einem)\s+(?:\w+\s+)?"
        r"(?:Siedlung|Dorf|Ortschaft|Kleinstadt|Stadt|Gemeinde|Vorort|Viertel)\b"),
        "pattern:town_appositive_de", True, 0.7),
    # "an attack in Mengaleuwa, reported on Sunday": where an attack took place, a name no
    # list knows (a known place is matched by the gazetteer first)
    ("place", re.compile(
        r"\b(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:attack|assault|raid|ambush|massacre|bombing)"
        rf"\s+in\s+(?:the\s+(?:village|town)\s+of\s+)?(?P<c>{CAPSEQ})"
        r"(?=\s*[,.;]|\s+(?:on|in|at|last|this|which|that|and|where|killing)\b)"),
        "pattern:attack_in", True, 0.6),
    # "l'attaque du camp militaire de Mondoro", "la localidad de Kafr", "im Distrikt Badschaur",
    # "le village voisin de Aveyi": a place named after the kind of place it is, in Western
    # languages
    ("place", re.compile(
        r"\b(?:camp(?:\s+militaire)?|base(?:\s+militaire|\s+militar|\s+militare)?|ville|village|"
        r"localité|commune|hameau|ciudad|"
        r"localidad|pueblo|aldea|poblado|caserío|comunidad|cidade|vila|aldeia|povoação|vilarejo|"
        r"povoado|localidade|comunidade|città|cittadina|villaggio|paese|località)"
        rf"(?:\s+(?:voisine?|natale?|vecino|vicino|vizinha))?"
        rf"\s+(?:de|d['’]|di|da|do|du)\s*(?P<c>{CAPSEQ})"), "pattern:town_of_romance", True, 0.7),
    # "le village Mantumbi", "la localité Kambi": French names a village without "de" too
    ("place", re.compile(
        rf"\b(?:le|du|au)\s+village\s+(?P<c>{CAPSEQ})"), "pattern:village_fr", True, 0.65),
    # "residents of Madjoari", "habitants de Tillabéri", "vecinos de", "moradores de": the
    # people of a place no list holds
    ("place", re.compile(
        r"\b(?:residents|inhabitants|villagers|habitants|résidents|residentes|habitantes|"
        r"vecinos|pobladores|moradores|abitanti|residenti)"
        rf"\s+(?:of|de|d['’]|di|do|da|du)\s*(?P<c>{CAPSEQ})"), "pattern:residents_of", True, 0.6),
    ("place", re.compile(
        rf"\b(?:Distrikt|Provinz|Bezirk|Stadt|Dorf|Ortschaft)\s+(?P<c>{CAPSEQ})"),
        "pattern:town_de", True, 0.7),
    # "the church in Saint-Etienne-du-Rouvray", "a mosque in Owo": where a building stands
    ("place", re.compile(
        r"\b(?i:church|mosque|shrine|temple|gurdwara|synagogue|cathedral|school|hospital|market|"
        rf"hotel|stadium|airport|police station|checkpoint)\s+in\s+(?P<c>{CAPSEQ})"),
        "pattern:building_in", True, 0.65),
    # "at the El Salini base", "the Inates military camp": a base named after its place
    ("place", re.compile(
        rf"\b(?:at|on|near|inside|in)\s+the\s+(?P<c>{CAPSEQ})\s+"
        r"(?:(?:military|army|air|naval|police|security)\s+)?(?:base|camp|barracks|outpost)\b"),
        "pattern:base_named", False, 0.6),
]  # fmt: skip

_TELEGRAM_CHANNEL = re.compile(r"Telegram\s+channel")
_PLACE_KIND = {"city": "city", "town": "city", "village": "city", "capital": "city",
               "district": "district", "province": "province", "region": "region",
               "oblast": "province"}  # fmt: skip


def _trigger_candidates(text: str, skip: list[tuple[int, int]]) -> Iterator[Candidate]:
    for type_, regex, method, first, confidence in _TRIGGERS:
        for m in regex.finditer(text):
            found = _name_or_quote(m, "c", first)
            if found is None:
                continue
            name, a, b, is_quoted = found
            if not is_quoted and in_spans(a, b, skip):
                continue
            if _descriptive(name) or name.lower() in _NOT_NAMES or len(name) < 2:
                continue
            if method == "pattern:the_x_group" and name.split()[-1].lower() in GENERIC_WORDS:
                continue  # "the Somali Islamist group": a description, not a name
            attributes: dict[str, object] = {}
            if type_ == "place":
                place = _place_name(text, a, b, from_end=not first)
                if place is None:
                    continue
                name, a, b = place
                kind = re.search(r"city|town|village|district|province|region|capital|oblast",
                                 m.group(0))  # fmt: skip
                if method in ("pattern:town_in_province", "pattern:building_in",
                              "pattern:attack_in", "pattern:town_of_romance",
                              "pattern:town_appositive_romance", "pattern:town",
                              "pattern:place_in_region", "pattern:town_appositive_de",
                              "pattern:base_named"):
                    attributes["kind"] = "city"
                elif kind:
                    attributes["kind"] = _PLACE_KIND[kind.group()]
            start, end = a, b
            if type_ == "channel":
                if not is_quoted and len(name) < 3:
                    continue
                phrase = _TELEGRAM_CHANNEL.search(m.group(0))
                if phrase:  # the evidence is "the X Telegram channel" / "Telegram channel X"
                    start = min(a, m.start() + phrase.start())
                    end = max(b, m.start() + phrase.end())
            if type_ == "publication" and not is_quoted and name.isupper():
                continue  # "the ISKP magazine": the publisher, not the title
            yield Candidate(type_, name, start, end, method, confidence, name_start=a,
                            name_end=b, attributes=dict(attributes))  # fmt: skip


def _place_name(text: str, a: int, b: int, from_end: bool = False) -> tuple[str, int, int] | None:
    """A place name is 1-3 capitalised words: cut at a connector or a dash (from the start,
    or from the end for "X province"), refuse compounds ("Afghanistan-Pakistan") and names
    with an organisation head."""
    tokens = [(m.group(), a + m.start(), a + m.end()) for m in re.finditer(r"\S+", text[a:b])]
    if from_end:
        tokens.reverse()
    words = []
    for word, wa, wb in tokens:
        if word.lower() in _CONNECTOR_WORDS or word in "–—-" or not word[0].isupper():
            break
        words.append((word, wa, wb))
    if from_end:
        words.reverse()
    if not words or len(words) > 3:
        return None
    if any(
        re.search(r"\w[-‑]\w", w) and not w.lower().startswith(("al-", "el-")) for w, _, _ in words
    ):
        return None
    if any(w.lower() in _ORG_HEADS or w.lower() in _NOT_NAMES for w, _, _ in words):
        return None
    return text[words[0][1] : words[-1][2]], words[0][1], words[-1][2]


_CONNECTOR_WORDS = frozenset(
    [
        "of", "for", "in", "and", "the", "de", "del", "la", "el", "al", "bin", "ibn", "da", "do",
        "dos", "van", "von", "on",
    ]
)  # fmt: skip


def _paren_alias(text: str, end: int) -> str | None:
    """ "Federal Financial Monitoring Service (Rosfinmonitoring)": a one-word name in
    parentheses right after a long name is its short name."""
    m = _PAREN_ALIAS.match(text, end)
    if m and not m.group(1).isdigit() and m.group(1).lower() not in DESCRIPTORS:
        return m.group(1)
    return None


_PAREN_ALIAS = re.compile(rf"\s?\(([{UPPER}][\w-]{{2,30}})\)")


# -- publications with issue numbers --------------------------------------------------------------

_ISSUE_WORD = r"(?:[Ii]ssue|ISSUE|[Ee]dition|[Nn]umber)"
_PUB_HEAD = (
    r"(?:magazine|newsletter|journal|weekly|monthly|bulletin|periodical|publication|newspaper)"
)
_ISSUE_OF = re.compile(
    rf"\b(?:(?P<ord>{_ORDINAL})\s+|(?:latest|new|recent|current|last|next)\s+)?(?:issue|edition)"
    rf"(?:\s+(?:No\.?\s*|#\s*|number\s+)?(?P<num>{_NUM}))?\s+of\s+(?:the\s+)?"
    rf"(?:(?:[\w'’-]+\s+){{0,4}}?{_PUB_HEAD}\s*,?\s*|(?:[\w'’-]+\s+){{0,3}}?(?=[«“„\"'‘]))?"
    rf"(?:{_Q}|(?P<c>{CAPSEQ}))"
)
_NAME_ISSUE = re.compile(
    rf"(?:{_Q}|(?P<c>{CAPSEQ}))\s*[,(]?\s*(?:[Vv]ol(?:ume|\.)?\s*:?\s*(?P<vol>\d{{1,3}})\s*,?\s*)?"
    rf"{_ISSUE_WORD}\s*(?:No\.?\s*|#\s*|number\s+)?:?\s*(?P<num>{_NUM})\)?"
)
_NAME_NO = re.compile(rf"(?P<c>{CAPSEQ})\s+(?:No\.|Nr\.|#)\s?(?P<num>\d{{1,4}})\b")
_WHOSE_ISSUE = re.compile(rf"{_Q}\s*,?\s+whose\s+(?P<ord>{_ORDINAL})\s+(?:issue|edition)")
_POSSESSIVE_ISSUE = re.compile(
    rf"(?:{_Q}|(?P<c>{CAPSEQ}))['’]s?\s+(?:(?P<ord>{_ORDINAL})|latest|new)\s+(?:[Ii]ssue|[Ee]dition)\b"
)
_PUB_CUE = re.compile(rf"\b(?:{_PUB_HEAD}|issue|edition)s?\b", re.I)


def _issue_from(m: re.Match[str]) -> int | None:
    raw = m.groupdict().get("num") or m.groupdict().get("ord")
    return issue_value(raw, NUMBER_WORDS) if raw else None


def _publication_candidates(text: str, skip: list[tuple[int, int]]) -> Iterator[Candidate]:
    for regex, method, first in (
        (_ISSUE_OF, "pattern:issue_of", True),
        (_NAME_ISSUE, "pattern:name_issue", False),
        (_WHOSE_ISSUE, "pattern:whose_issue", False),
        (_POSSESSIVE_ISSUE, "pattern:name_issue", False),
    ):
        for m in regex.finditer(text):
            found = _name_or_quote(m, "c", first) if "c" in regex.groupindex else _quoted_only(m)
            if found is None:
                continue
            name, a, b, is_quoted = found
            vol = m.groupdict().get("vol")
            if (not is_quoted and not vol and in_spans(a, b, skip)) or _descriptive(name):
                continue
            attributes: dict[str, object] = {}
            issue = _issue_from(m)
            if issue is not None:
                attributes["issue"] = issue
            if vol and volume_value(vol):
                attributes["volume"] = volume_value(vol)
            start, end = min(m.start(), a), max(m.end(), b)
            yield Candidate("publication", name, start, end, method, 0.8, name_start=a,
                            name_end=b, attributes=attributes)  # fmt: skip
    for m in _NAME_NO.finditer(text):
        seg = last_segment(text, *m.span("c"))
        if seg is None or in_spans(seg[1], seg[2], skip) or _descriptive(seg[0]):
            continue
        issue = issue_value(m.group("num"))
        if issue is None:
            continue
        lo, hi = sentence_bounds(text, m.start())
        cued = bool(_PUB_CUE.search(text, lo, hi))
        yield Candidate("publication", seg[0], seg[1], m.end(), "pattern:name_number", 0.7,
                        name_start=seg[1], name_end=seg[2], attributes={"issue": issue},
                        needs_link=not cued)  # fmt: skip


def _quoted_only(m: re.Match[str]) -> tuple[str, int, int, bool] | None:
    q = quoted_value(m, "q")
    return (*q, True) if q else None


_ISSUE_MARKERS: list[tuple[re.Pattern[str], bool]] = [
    (re.compile(rf"\b{_ISSUE_WORD}\s*(?:No\.?\s*|#\s*|number\s+)?:?\s*(?P<num>{_NUM})"), False),
    (re.compile(rf"\b(?:the\s+)?(?P<ord>{_ORDINAL})\s+(?:issue|edition)\b"), False),
    (re.compile(r"(?:\bNo\.|\bNr\.|#)\s?(?P<num>\d{1,4})\b"), True),
    (re.compile(r"\b[Vv]ol(?:ume|\.)?\s*:?\s*(?P<vol>\d{1,3})\b"), False),
]


def issues(text: str) -> list[IssueMarker]:
    """Issue and volume numbers: "Issue 35", "issue No. 5", "Issue Five", "the 12th issue",
    "No. 15" / "#363" (only right after a publication name), "Vol. 20"."""
    out: list[IssueMarker] = []
    for regex, adjacent in _ISSUE_MARKERS:
        for m in regex.finditer(text):
            vol = m.groupdict().get("vol")
            if vol:
                value = volume_value(vol)
                if value is not None:
                    out.append(IssueMarker(m.start(), m.end(), None, value))
                continue
            issue = _issue_from(m)
            if issue is not None:
                out.append(IssueMarker(m.start(), m.end(), issue, None, adjacent))
    return out


_HEADLINE = re.compile(rf"\b(?:headlined|headline[sd]?|titled|entitled|title)\s*:?\s*,?\s*{_Q}")


def headlines(text: str) -> list[Headline]:
    """Article titles: "headline 'Sibling Quarrel'", "an article titled \"...\""."""
    return quoted_headlines(_HEADLINE, text)


# -- persons --------------------------------------------------------------------------------------

_CAPN = rf"[{UPPER}](?:[{LOWER}'’]{{1,20}}|\.)(?:[-‑][{UPPER}]?[{LOWER}'’]{{1,20}})?"
_PREFIXED = rf"(?:(?:[Aa]l|[Ee]l|[Aa][dnrstz]|[Aa]sh)[-‑])?{_CAPN}"
_PERSON = rf"{_PREFIXED}(?:[ ](?:bin[ ]|ibn[ ]|de[ ]|van[ ]|von[ ])?{_PREFIXED}){{1,3}}(?![\w-])"
_PERSON1 = rf"{_PREFIXED}(?:[ ](?:bin[ ]|ibn[ ])?{_PREFIXED}){{0,3}}(?![\w-])"
_TITLE_WORDS = (
    r"President|president|Minister|minister|Spokesman|spokesman|Spokesperson|spokesperson|"
    r"Commander|commander|General|general|Leader|leader|Ayatollah|Sheikh|Shaykh|Emir|emir|"
    r"Caliph|caliph|Mullah|Maulana|Mufti|Governor|governor|Chief|chief|Director|director|"
    r"Colonel|Brigadier|Lieutenant|Captain|King|Prince|Senator|Chancellor|Prosecutor|Mayor|"
    r"mayor|Ambassador|ambassador|Dr\.?|Mr\.|Mrs\.|Ms\.|operative|militant|propagandist|"
    r"photographer|analyst|expert|researcher|journalist|correspondent|Officer|officer|"
    r"Secretary|secretary|Inspector|Superintendent|Adviser|adviser|Advisor|advisor|Envoy|"
    r"envoy|Judge|Cleric|cleric|Lawmaker|lawmaker|Spokeswoman|spokeswoman"
)
#: What may follow a title word before the name: "Inspector General of Police Shaukat
#: Abbas", "Chief Minister Mohammad Azam Khan", "District Police Officer (DPO) Nazeer Khan",
#: "Corps Commander Lt Gen Sardar Hassan".
_TITLE_TAIL = (
    r"Police|Minister|General|Officer|Commander|Secretary|Lt\.?|Gen\.?|Maj\.?|Col\.?|Brig\.?|"
    r"\([A-Z]{2,6}\)"
)
_TITLE_PREFIX = (
    r"(?:(?:Interior|Foreign|Defen[cs]e|Intelligence|Prime|Deputy|deputy|Supreme|Vice|vice|"
    r"Former|former|Acting|acting|Top|top|Senior|senior|Regional|regional)\s+)?"
)
_TITLED = re.compile(
    rf"\b(?P<title>{_TITLE_PREFIX}(?:{_TITLE_WORDS})(?:\s+(?:of\s+)?(?:{_TITLE_TAIL}))*)"
    r"(?:\s+(?:Ayatollah|Sheikh|General|Imam|Mullah))?"
    rf"\s+(?P<n>{_PERSON1})"
)
_ROLE = (
    r"(?:(?:deputy|Deputy|former|acting|chief|top|senior|provincial)\s+)?(?:head|Head|spokesman|"
    r"Spokesman|spokesperson|governor|Governor|minister|Minister|commander|Commander|leader|"
    r"Leader|chief|Chief|director|Director|president|President|founder|emir|official|mayor|"
    r"ambassador|prosecutor|teacher|doctor|witness|eyewitness|survivor|cleric|imam|lawmaker|"
    r"activist|researcher|analyst|journalist|professor|officer|secretary|adviser|advisor|"
    r"spokeswoman|representative)\b"
)
#: "Abdul Nafi Takor, a Taliban-appointed spokesman", "Zabihullah Haidari, a teacher at".
_APPOSITIVE = re.compile(
    rf"(?P<n>{_PERSON}),\s+(?:the\s+|a\s+|an\s+)?(?:[\w‑-]+\s+){{0,2}}?{_ROLE}"
)
_REVERSE_APPOSITIVE = re.compile(
    r"\b(?:head|chief|director|leader|spokesman|commander|governor|minister)\s+of\s+(?:the\s+)?"
    rf"[^,\n]{{2,60}},\s+(?P<n>{_PERSON}),"
)
_BYLINE = re.compile(rf"(?m)^By\s+(?P<n>{_PERSON})\s*$")
_KUNYA_NAME = rf"(?:Abu|Abou|Umm)[ ]{_PERSON1}"
_ALIAS = re.compile(
    rf"(?P<n>{_PERSON}|{_KUNYA_NAME}),?\s+\(?(?:also\s+known\s+as|better\s+known\s+as|aka|"
    r"a\.k\.a\.?|alias|nicknamed|codenamed|code-named|known\s+by\s+the\s+(?:nom\s+de\s+guerre|"
    r"name|alias)|whose\s+nom\s+de\s+guerre\s+is|nom\s+de\s+guerre|known\s+as)\s+"
    rf"(?:{_Q}|(?P<a>{_KUNYA_NAME}|{_PERSON1}))"
)
_PERSON_STOP = frozenset(
    w.lower() for w in _NOT_NAMES | _ORG_HEADS | DESCRIPTORS | GENERIC_WORDS
) | frozenset(
    [
        "province", "city", "said", "the", "of", "ministry", "agency", "news", "foundation",
        "media", "dr", "dr.", "mr.", "mrs.", "ms.",
    ]
)


_NAMED_BUILDING = re.compile(
    r"\s+(?:mosque|Mosque|shrine|Shrine|hospital|Hospital|school|School|street|Street|road|Road|"
    r"square|Square|university|University|airport|Airport|cent(?:er|re)|Cent(?:er|re)|"
    r"madrasa|Madrasa|seminary|Seminary|bridge|Bridge|stadium|Stadium|hall|Hall)\b"
)


def _person_name(text: str, a: int, b: int) -> tuple[str, int, int] | None:
    """Trim a captured name: trailing possessive and any word that cannot be a name."""
    name = re.sub(r"['’]s?$", "", text[a:b])
    words = name.split()
    while words and words[-1].lower() in _PERSON_STOP:
        words.pop()
    while words and words[0].lower() in _PERSON_STOP:
        a += len(words[0]) + 1
        words.pop(0)
    if not words:
        return None
    name = " ".join(words)
    return name, a, a + len(name)


#: A military rank inside what a title pattern took for a name: the name is further on.
_INNER_RANK = re.compile(r"\s(?:Lt|Gen|Maj|Col|Brig|Capt|Adm)\b\.?")


def _person_candidates(text: str, skip: list[tuple[int, int]]) -> Iterator[Candidate]:
    for m in _TITLED.finditer(text):
        found = _person_name(text, *m.span("n"))
        if found is None or in_spans(found[1], found[2], skip):
            continue
        name, a, b = found
        if _NAMED_BUILDING.match(text, b):
            continue  # "the Imam Bargah mosque", "Dr Ali Hospital": a building's name
        if _INNER_RANK.search(name):
            continue  # "Corps Commander Peshawar Lt Gen Hidayat ur Rehman": not "Peshawar Lt Gen"
        title = m.group("title")
        single = " " not in name
        if single and (not title[0].isupper() or len(name) < 4):
            continue
        yield Candidate("person", name, a, b, "pattern:title", 0.6 if single else 0.75,
                        attributes={"title": title})  # fmt: skip
    for regex, method in (
        (_APPOSITIVE, "pattern:appositive"),
        (_REVERSE_APPOSITIVE, "pattern:appositive"),
        (_BYLINE, "pattern:byline"),
    ):
        for m in regex.finditer(text):
            found = _person_name(text, *m.span("n"))
            if found is None or " " not in found[0] or in_spans(found[1], found[2], skip):
                continue
            yield Candidate("person", found[0], found[1], found[2], method, 0.7)
    for m in _ALIAS.finditer(text):
        found = _person_name(text, *m.span("n"))
        q = quoted_value(m, "q")
        alias = q[0] if q else (m.group("a") or "").strip()
        if found is None or not alias:
            continue
        name, a, b = found
        words = name.split()
        type_ = "person"
        if any(w.lower() in _ORG_HEADS for w in words) or any(
            w.isupper() and len(w) > 1 for w in words
        ):
            type_ = "organization"
        end = max(b, m.end())  # the mention is the whole "X, also known as Y"
        yield Candidate(type_, name, a, end, "pattern:alias", 0.8, name_start=a, name_end=b,
                        aliases=[alias])  # fmt: skip


#: Russian, Central Asian and Caucasian surnames written in Latin letters: "Mirzoyev",
#: "Fayzov", "Rachabalizoda", "Nurmatova", "Sadykovich", "Akmatbek uulu" is not covered.
_SURNAME = (
    rf"[{UPPER}][{LOWER}'’]{{1,20}}(?:ov|ev|yev|iev|ova|eva|yeva|ovich|evich|ovna|evna|zoda|zade|"
    r"zod)(?![\w'’‑-])"
)
_GIVEN = rf"[{UPPER}][{LOWER}'’]{{1,20}}(?:[-‑][{UPPER}][{LOWER}]{{1,20}})?"
_SURNAMED = re.compile(rf"\b{_GIVEN}(?:[ ]{_GIVEN})?[ ]{_SURNAME}")
_LIST_NAME = rf"{_GIVEN}(?:[ ]{_GIVEN}){{1,2}}(?![\w'’‑-])"
#: "Dalerdzhon Mirzoyev, Shamsidin Fariduni, Saidakrami Rachabalizoda and Muhammadsobir
#: Fayzov": a list of full names.
_NAME_LIST = re.compile(
    rf"\b{_LIST_NAME}(?:,[ ]{_LIST_NAME}){{0,8}},?[ ](?:and|&)[ ]{_LIST_NAME}"
)
_LIST_ITEM = re.compile(_LIST_NAME)
#: Capitalised at the start of a sentence, never a given name ("So Davnov it is").
_SENTENCE_OPENERS = frozenset(
    [
        "so", "but", "and", "or", "if", "when", "then", "as", "at", "in", "on", "by", "to",
        "for", "with", "from", "after", "before", "while", "yes", "no", "oh", "hey", "yet",
        "thus", "also", "meanwhile", "however", "here", "there", "this", "that", "these",
        "those", "why", "how", "what", "who", "where", "all", "some", "many",
    ]
)  # fmt: skip


def _plain_name(text: str, a: int, b: int, skip: list[tuple[int, int]]) -> bool:
    """Words ``text[a:b]`` could be a person's name: no stop word, place word or descriptor."""
    if in_spans(a, b, skip) or text[a:b].split()[0].lower() in _SENTENCE_OPENERS:
        return False
    return not any(
        w.lower() in _PERSON_STOP or w.lower() in DESCRIPTORS for w in text[a:b].split()
    )


def _surname_candidates(text: str, skip: list[tuple[int, int]]) -> Iterator[Candidate]:
    """Full names with a Russian or Central Asian surname ("Dalerdzhon Mirzoyev"), and the
    other full names listed with them ("..., Shamsidin Fariduni and ...")."""
    found: set[tuple[int, int]] = set()
    for m in _SURNAMED.finditer(text):
        if _plain_name(text, m.start(), m.end(), skip):
            found.add(m.span())
            yield Candidate("person", m.group(), m.start(), m.end(), "pattern:surname", 0.7)
    for m in _NAME_LIST.finditer(text):
        items = [i.span() for i in _LIST_ITEM.finditer(text, m.start(), m.end())]
        if not any(span in found for span in items):
            continue
        for a, b in items:
            if (a, b) not in found and _plain_name(text, a, b, skip):
                found.add((a, b))
                yield Candidate("person", text[a:b], a, b, "pattern:name_list", 0.6)


def candidates(text: str) -> list[Candidate]:
    """Every English new-entity candidate in ``text``."""
    skip = title_case_lines(text)
    out: list[Candidate] = []
    out.extend(_head_candidates(text, skip))
    out.extend(_trigger_candidates(text, skip))
    out.extend(_publication_candidates(text, skip))
    out.extend(_person_candidates(text, skip))
    out.extend(_surname_candidates(text, skip))
    out.extend(_bare_channel_candidates(text, skip))
    out.extend(_police_candidates(text, skip))
    return out


#: "the Kabul police chief", "Turkish police said", "KP police": a place's or a nation's police.
_POLICE = re.compile(
    rf"\b(?P<n>(?:[{UPPER}][{LOWER}]+|[{UPPER}]{{2,4}})(?:[ ][{UPPER}][{LOWER}]+)?[ ]"
    r"(?:police|Police)(?:[ ](?:Command|Department|Headquarters|Service|Force))?)\b"
)
_NOT_A_POLICE_OWNER = frozenset(
    ["the", "a", "an", "local", "state", "city", "military", "traffic", "border", "religious",
     "morality", "secret", "riot", "but", "and", "when", "while", "after", "before", "as",
     "although", "though", "however", "since", "because", "if", "then", "so", "yet", "once",
     "where", "until", "unless", "whereas", "meanwhile", "also", "later", "earlier", "today",
     "yesterday", "federal", "national", "regional", "provincial", "district", "municipal"]
)  # fmt: skip


def _police_candidates(text: str, skip: list[tuple[int, int]]) -> Iterator[Candidate]:
    for m in _POLICE.finditer(text):
        a, b = m.span("n")
        first = text[a:b].split()[0]
        if first.lower() in _NOT_A_POLICE_OWNER or in_spans(a, b, skip):
            continue
        yield Candidate("organization", text[a:b], a, b, "pattern:police", 0.6)


_BARE_CHANNEL = re.compile(rf"\bthe\s+(?P<c>{CAPSEQ})\s+channel\b")
_TELEGRAM_NEAR = re.compile(r"Telegram|t\.me/", re.IGNORECASE)


def _bare_channel_candidates(text: str, skip: list[tuple[int, int]]) -> Iterator[Candidate]:
    """ "the Sawt al-Hind channel" where the text speaks of Telegram nearby (a TV channel
    otherwise)."""
    for m in _BARE_CHANNEL.finditer(text):
        if not _TELEGRAM_NEAR.search(text, max(0, m.start() - 300), m.end() + 300):
            continue
        found = _name_or_quote(m, "c", first=False)
        if found is None:
            continue
        name, a, b, _quoted = found
        if in_spans(a, b, skip) or _descriptive(name) or len(name) < 3:
            continue
        yield Candidate("channel", name, a, m.end(), "pattern:bare_channel", 0.65,
                        name_start=a, name_end=b)  # fmt: skip
