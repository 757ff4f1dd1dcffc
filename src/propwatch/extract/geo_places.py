"""Towns the gazetteer does not know, found where the text says they are places.

"A suicide bomber struck a rally in Mastung", "взрыв в Шымкенте", "انفجار در شهر اسپین بولدک",
"Mastung'da saldırı": the place is a small town that no curated gazetteer lists, but the
sentence puts it after a locative word (a preposition, "the town of", a locative suffix). Each
such name is looked up in the GeoNames list (:mod:`propwatch.extract.geo_index`); a name found
there becomes a place candidate with its country, method ``geonames``.

Guards against common words: a Latin or Cyrillic name must start with a capital; a name that is a
common word of the text's language is not taken ("in Man", "в Мире"); in Arabic script, where
there are no capitals, a bare preposition ("في", "در") needs a town of 5,000 or more, and a place
noun ("مدينة", "شهر", "ولسوالی") any town. Where a name fits several places, a place in a country
the text names wins, else the most populous. The gazetteer and the patterns win over these
candidates wherever they overlap (lower rank in :func:`propwatch.extract.entities._select`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from propwatch.extract.geo_index import GeoIndex, GeoPlace, default_geo_index
from propwatch.extract.patterns import Candidate
from propwatch.extract.state_bodies import Country

__all__ = ["METHOD", "find", "merge"]

METHOD = "geonames"
_CONFIDENCE = 0.6
_MAX_WORDS = 3
_MAX_CANDIDATES = 200
#: A town reached through a bare Arabic-script preposition must be at least this large.
_BARE_ARABIC_MIN_POP = 5_000

_UP = r"A-ZÀ-ÖØ-ÞĀ-ſƠƯȘȚ"  # Latin capitals (incl. Turkish İ, Ş, Ç, Ğ, Ö, Ü; Romanian Ș, Ț)
#: Words are bounded (30 letters, three hyphens) so that no hostile string ("Aa-Aa-Aa-...")
#: makes the patterns backtrack without end.
_LAT_WORD = rf"[{_UP}][\w'’]{{0,30}}(?:-[\w'’]{{1,30}}){{0,3}}"
_LAT_LINK = r"(?:al|el|e|i|ul|ud|ad|ar|as|ash|at|az|de|del|des|do|da|di|du|la|le|los|las|sur|" \
    r"am|an|der|bin|bani|y)"
_LAT_NAME = rf"{_LAT_WORD}(?:[ -](?:{_LAT_LINK}[ -])?{_LAT_WORD}){{0,{_MAX_WORDS - 1}}}"

_LATIN_CUES = {
    "en": r"(?i:in)|near|outside|around|(?:the )?(?:town|city|village|district|locality) of|"
          r"(?:in|near|outside) the (?:\w+ )?capital,?",
    # and the place nouns: "dans le département de Ouallam", "nella provincia di", "in der
    # Stadt"
    "fr": r"à|près de|dans|non loin de|aux environs de|(?:ville|commune|localité|région|"
          r"province|département|préfecture|village|garnison|cercle) de",
    "es": r"en|cerca de|a las afueras de|(?:provincia|ciudad|localidad|región|departamento|"
          r"pueblo|aldea|municipio) de",
    "pt": r"em|perto de|nos arredores de|(?:província|cidade|localidade|vila|distrito|aldeia|"
          r"município) de",
    "it": r"a|in|presso|vicino a|nei pressi di|(?:provincia|città|regione|villaggio|distretto|"
          r"località|cittadina) di",
    "de": r"in|bei|nahe|nahe von|nahe der Stadt|(?:Stadt|Ort|Dorf|Ortschaft|Provinz|Region|"
          r"Bezirk)",
    "tr": r"",  # suffixes, below
    "uz": r"",
}
_LATIN_CUE = {
    lang: re.compile(rf"(?<![\w-])(?:{cues})\s+(?P<n>{_LAT_NAME})")
    for lang, cues in _LATIN_CUES.items() if cues
}  # fmt: skip
#: "MASTUNG, Pakistan (AP) —": a dateline in capitals at the start of a line.
_DATELINE = re.compile(
    r"(?m)^[ \t]{0,8}(?P<n>[A-Z][A-Z'’]{1,30}(?:[ -][A-Z][A-Z'’]{1,30}){0,2})(?=\s{0,3}[,(—–])"
)
#: English, in headlines above all: "ISIS Claims Credit for Garland Shooting", "NAS Pensacola
#: mass shooting": a town right before an attack noun. Frequent names are taken here (the
#: cue is not a bare preposition), towns of 20,000 or more only, and never the words below.
_EN_BEFORE_ATTACK = re.compile(
    r"(?<![\w-])(?P<n>[A-Z][a-z]{2,30}(?:[ -][A-Z][a-z]{2,30})?)\s+"
    r"(?i:(?:(?:mass|suicide|twin|car|bomb|terror|terrorist|knife|gun)\s+)?"
    r"(?:shootings?|attacks?|bombings?|blasts?|massacre|siege))\b"
)
_EN_BEFORE_ATTACK_MIN_POP = 20_000
#: Words before an attack noun that name no place: days, feasts, venues, weapons, attackers.
_NOT_SCENES = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "christmas",
    "easter", "marathon", "arena", "church", "mosque", "market", "embassy", "airport", "hotel",
    "station", "concert", "festival", "parade", "school", "university", "temple", "shrine",
    "campus", "stadium", "suicide", "terror", "knife", "truck", "bomb", "rocket", "drone",
    "mortar", "militant", "taliban", "islamist", "jihadist", "isis", "qaeda", "shabaab", "haram",
    "state", "army", "police", "new", "last", "first", "second", "third", "deadly", "major",
    "recent", "latest",
})
#: Turkish: "Mastung'da", "Mastung'daki"; "Kuetta kentinde", "Bayraktar köyünde".
_TURKISH = re.compile(
    rf"(?P<n>{_LAT_NAME})(?:['’](?:d|t)[ae](?:ki|n)?(?!\w)|\s+(?:ilçesi|köyü|kenti|ili|kasabası|"
    # ... but not "kentin", "ilin" (of the city): "Patlama kentin büyük bölümünde duyuldu" (the
    # blast was heard across much of the city) names no town "Patlama"
    r"mahallesi|bölgesi|şehri)(?!n(?!\w))\w*)"
)
#: Uzbek (Latin): "Toshkentda", "Mastung shahrida", "Qo'rg'ontepa tumanida".
_UZBEK = re.compile(
    # the name's words are taken lazily ("{0,2}?"), so the suffix can end the last one
    rf"(?P<n>{_LAT_NAME}?)(?:da(?:gi)?|dan)(?!\w)|(?P<m>{_LAT_NAME})\s+(?:shahr|tuman|qishlog|"
    # ... and the postpositions "near" and "around": "Sangin yaqinidagi nazorat punkti"
    r"viloyat|tumani|shahri|qishlog'i|yaqini|atrofi)\w*"
)

_CYR_UP = "А-ЯЁЎҚҒҲӢӮҶҢӨҮІ"
_CYR_WORD = rf"[{_CYR_UP}]\w{{0,30}}(?:-\w{{1,30}}){{0,3}}"
_CYR_NAME = rf"{_CYR_WORD}(?:[ -]{_CYR_WORD}){{0,{_MAX_WORDS - 1}}}"
_RUSSIAN = re.compile(
    rf"(?<![\w-])(?P<p>[вВ]о?|[пП]од|около|близ|возле|недалеко от|в районе|в городе|в посёлке|"
    rf"в поселке|в селе|в деревне|в кишлаке|в ауле|в провинции|в округе|в уезде)\s+"
    rf"(?P<n>{_CYR_NAME})(?!\s+(?:район|округ|микрорайон|област|край|улиц|проспект|переул|"
    r"площад|шоссе|станц|поселени)\w*)"
)
#: Tajik "дар шаҳри X", "дар X"; Kyrgyz, Kazakh, Uzbek Cyrillic "Бишкекте", "Кобулда".
_TAJIK = re.compile(
    rf"(?<![\w-])дар\s+(?:(?:шаҳри|ноҳияи|деҳаи|вилояти|шаҳраки|маҳаллаи)\s+)?(?P<n>{_CYR_NAME})"
)
_TURKIC_CYR = re.compile(rf"(?P<n>{_CYR_NAME}?)(?:да|де|та|те|до|дө|даги|дагы)(?!\w)")
#: Kyrgyz, Kazakh, Uzbek: the place noun after the name ("Ош шаарында"); Tajik puts it before.
_TURKIC_CYR_NOUN = re.compile(
    rf"(?P<n>{_CYR_NAME})\s+(?:шаар|шаҳр|шаҳар|район|туман|кишлак|қишлоқ|айыл|облус|вилоят)\w*"
)
#: Capitalised function words that a cue pattern can take for a name ("Дар шаҳри ...": "in").
_NOT_NAMES = frozenset({
    "дар", "аз", "ба", "бо", "ва", "ин", "он", "бу", "ал", "ки", "то", "ҳам", "шу", "бул",
    "ушбу", "мазкур", "бир", "ошбу", "the", "this", "that", "le", "la", "les", "el", "los", "las",
    "der", "die", "das", "il", "lo", "de", "du", "des", "del", "bu", "şu", "o",
    # Arabic script: place nouns (the noun patterns take the name after them) and pronouns
    "مدينة", "بلدة", "قرية", "منطقة", "محافظة", "ولاية", "مديرية", "ناحية", "قضاء", "مخيم",
    "شهر", "شهرستان", "ولسوالی", "ولسوالي", "ولسوالۍ", "ولایت", "استان", "روستای", "روستا",
    "قریه", "منطقه", "بخش", "ناحیه", "حومه", "بندر", "ښار", "کلي", "سیمه", "این", "آن", "هذه",
    "هذا", "تلك", "ذلك", "مسجد", "مسجدی", "جریان", "حال", "حالی",
})
#: Case endings a town's name takes after each kind of preposition: "в Шымкенте" (locative),
#: "около Кизляра" (genitive), "под Донецком" (instrumental). "в Дзержинском районе" is an
#: adjective before a district noun, left alone by the pattern.
_RU_LOCATIVE = ("е", "и", "у", "ю")
_RU_GENITIVE = ("а", "я", "ы", "и", "ов", "ей")
_RU_INSTRUMENTAL = ("ом", "ем", "ой", "ей", "ью")
_RU_RESTORE = ("", "а", "я", "ь", "ы", "и")

_AR_WORD = r"[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff]{1,30}"
_AR_NAME = rf"{_AR_WORD}(?:[ \u200c]{_AR_WORD}){{0,{_MAX_WORDS - 1}}}"
#: Place nouns: any town after them.
_AR_NOUN = re.compile(
    r"(?<![\u0600-\u06ff])(?:[وف])?(?:[بل])?(?:مدينة|بلدة|قرية|منطقة|محافظة|ولاية|مديرية|ناحية|"
    r"قضاء|مخيم|شهر|شهرستان|ولسوالی|ولسوالي|ولسوالۍ|ولایت|استان|روستای|قریه|قريه|منطقه|بخش|"
    r"ناحیه|حومه|بندر|ښار|کلي|سیمه)\s+(?:ی\s+)?"
    rf"(?P<n>{_AR_NAME})"
)
#: Bare prepositions: a town of some size after them.
_AR_PREP = re.compile(
    r"(?<![\u0600-\u06ff])(?:[وف])?(?:في|فى|قرب|بالقرب من|ضواحي|در|نزدیک|نزديک|حوالی|په)\s+"
    rf"(?P<n>{_AR_NAME})"
)
#: Pashto "د X ښار/ولسوالۍ" (the city/district of X).
_PS_OF = re.compile(
    rf"(?<![\u0600-\u06ff])د\s+(?P<n>{_AR_NAME})\s+(?:ښار|ولسوالۍ|ولسوالی|ولایت|ولسوالي)"
)

_LATIN_LANGS = frozenset({"en", "fr", "es", "pt", "it", "de", "tr", "uz", "id", "ms"})
_CYRILLIC_LANGS = frozenset({"ru", "tg", "ky", "uz", "kk", "uk", "bg"})
_ARABIC_LANGS = frozenset({"ar", "fa", "prs", "ps", "ur"})


def find(
    text: str,
    language: str,
    countries: Sequence[Country] = (),
    covered: Sequence[tuple[int, int]] = (),
    index: GeoIndex | None = None,
    context: Sequence[str] = (),
) -> list[Candidate]:
    """Place candidates for towns named after a locative word in ``text``. ``countries``: the
    countries the gazetteer found (to choose between places of one name); ``covered``: spans
    already taken by gazetteer entities (not looked up again); ``context``: the countries of
    the other places the gazetteer found (preferred after ``countries``; a town in one of
    them is never filtered out)."""
    geo = index if index is not None else default_geo_index()
    codes = {c.code.upper() for c in countries if c.code}
    around = frozenset(code.upper() for code in context if code) - codes
    out: list[Candidate] = []
    seen: set[tuple[int, int]] = set()
    taken = sorted(covered)
    for cue in _spans(text, language):
        if len(out) >= _MAX_CANDIDATES:
            break
        if not cue.words or (
            not cue.end_anchored and _overlaps(cue.words[0][0], cue.words[0][1], taken)
        ):
            continue  # "in Kabul": the gazetteer's already
        found = _longest(geo, text, cue, language, codes, around)
        if found is None:
            continue
        place, a, b = found
        if (a, b) in seen or _overlaps(a, b, taken):
            continue
        if codes and place.country not in codes and place.country not in around:
            # "the attack in Boma, Lac province" of a text about Chad is not Boma in the DR
            # Congo: a town of a country the text never names, where it names others. A
            # country is named by its places too: "د بادغیس ولایت د مقر ولسوالۍ" (Muqur
            # district of Badghis) in a text naming only "امریکا غږ" (the Voice of America)
            continue
        if not codes and around and place.country not in around:
            # "ولسوالی دامان کندهار" (Daman district of Kandahar) is not Daman in India: with
            # no country named, the countries of the gazetteer's places stand for them
            continue
        seen.add((a, b))
        admin = _ADMIN_AFTER.match(text, b)
        kind = "city" if admin is None else _ADMIN_KIND.get(admin[1].lower(), "province")
        out.append(
            Candidate(
                "place", place.name, a, b, METHOD, _CONFIDENCE,
                attributes={"kind": kind, "country": place.country,
                            "geonames_id": place.geonames_id},
            )
        )  # fmt: skip
    return out


#: "Ondo State", "Tahoua Region", "Kasese District": the unit named after its chief town
#: (GeoNames' list holds the town), not the town itself.
_ADMIN_AFTER = re.compile(
    r"\s(State|Province|Region|Governorate|Prefecture|District|province|region|district)\b"
)
_ADMIN_KIND = {"district": "district"}


def merge(found: list[Candidate], geo: list[Candidate]) -> list[Candidate]:
    """Give a place that a pattern found without a country ("ولسوالی نرنگ") the GeoNames
    place named at the same position (its English name, country, id); return the GeoNames
    candidates no pattern found."""
    by_start = {(c.name_start, c.name_end): c for c in geo}
    used: set[int] = set()
    for cand in found:
        if cand.type != "place" or cand.attributes.get("country"):
            continue
        hit = by_start.get((cand.name_start, cand.name_end))
        if hit is None:
            continue
        used.add(id(hit))
        if cand.name != hit.name and cand.name not in cand.aliases:
            cand.aliases.append(cand.name)
        cand.name = hit.name
        for key in ("country", "geonames_id"):
            cand.attributes[key] = hit.attributes[key]
        cand.attributes.setdefault("kind", hit.attributes["kind"])
    return [c for c in geo if id(c) not in used]


def _overlaps(a: int, b: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s < b and a < e for s, e in spans)


class _Cue(NamedTuple):
    """Where a place name may start, and how sure the cue is."""

    script: str  # L, C or A
    start: int
    words: list[tuple[int, int]]
    min_pop: int = 0
    endings: tuple[str, ...] = ()  # Russian case endings the name may carry
    suffixed: bool = False  # marked by a suffix without an apostrophe ("Toshkentda")
    bare: bool = True  # after a bare preposition (frequent words are not taken)
    dateline: bool = False
    #: The name ends at the cue (a suffix or a noun after it: "Кечээ Баткенде"), so shorter
    #: runs drop words from the start, not the end.
    end_anchored: bool = False


def _words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + m.start(), start + m.end()) for m in re.finditer(r"[^ \u200c]+",
                                                                      text[start:end])]


def _spans(text: str, language: str) -> Iterator[_Cue]:
    """Every cue of the text's language and script."""
    lang = language.lower()
    if lang in _LATIN_LANGS or lang not in _CYRILLIC_LANGS | _ARABIC_LANGS:
        cue = _LATIN_CUE.get(lang, _LATIN_CUE["en"] if lang not in ("tr", "uz") else None)
        regexes = [r for r in (cue, _TURKISH if lang == "tr" else None,
                               _UZBEK if lang == "uz" else None) if r is not None]
        for rx in regexes:
            for m in rx.finditer(text):
                group = "n" if m.group("n") else "m"
                if m.groupdict().get(group):
                    a, b = m.span(group)
                    bare = rx is not _TURKISH and group == "n"
                    yield _Cue("L", a, _words(text, a, b), suffixed=rx is _UZBEK and bare,
                               bare=bare, end_anchored=rx is not cue)
        for m in _DATELINE.finditer(text):
            a, b = m.span("n")
            yield _Cue("L", a, _words(text, a, b), dateline=True)
        if lang == "en":
            for m in _EN_BEFORE_ATTACK.finditer(text):
                a, b = m.span("n")
                if text[a:b].split()[-1].casefold() in _NOT_SCENES:
                    continue
                yield _Cue("L", a, _words(text, a, b), _EN_BEFORE_ATTACK_MIN_POP, bare=False,
                           end_anchored=True)  # fmt: skip
    if lang in _CYRILLIC_LANGS:
        if lang in ("ru", "uk", "bg"):
            rxs = [_RUSSIAN]
        elif lang == "tg":
            rxs = [_RUSSIAN, _TAJIK, _TURKIC_CYR]
        else:
            rxs = [_RUSSIAN, _TAJIK, _TURKIC_CYR, _TURKIC_CYR_NOUN]
        for rx in rxs:
            for m in rx.finditer(text):
                group = "n" if m.groupdict().get("n") else "m"
                if m.groupdict().get(group):
                    a, b = m.span(group)
                    endings: tuple[str, ...] = ()
                    if rx is _RUSSIAN:
                        prep = m.group("p").casefold()
                        endings = (_RU_INSTRUMENTAL if prep == "под" else
                                   _RU_LOCATIVE if prep in ("в", "во") else _RU_GENITIVE)
                    suffix = rx in (_TURKIC_CYR, _TURKIC_CYR_NOUN)
                    yield _Cue("C", a, _words(text, a, b), 0, endings, rx is _TURKIC_CYR,
                               bare=rx is not _TURKIC_CYR_NOUN, end_anchored=suffix)
    if lang in _ARABIC_LANGS:
        for rx, min_pop in ((_AR_NOUN, 0), (_PS_OF, 0), (_AR_PREP, _BARE_ARABIC_MIN_POP)):
            for m in rx.finditer(text):
                a, b = m.span("n")
                yield _Cue("A", a, _words(text, a, b), min_pop, bare=rx is _AR_PREP,
                           end_anchored=rx is _PS_OF)


_SENTENCE_START = re.compile(r"(?:^|[.!?…:]\s*|\n\s*)$")
#: Latin-script languages that write common nouns in lower case.
_LOWERCASE_NOUNS = frozenset({"fr", "es", "pt", "it"})


def _longest(
    geo: GeoIndex,
    text: str,
    cue: _Cue,
    language: str,
    codes: set[str],
    around: frozenset[str] = frozenset(),
) -> tuple[GeoPlace, int, int] | None:
    """The longest run of words from the cue that names a place."""
    words = cue.words
    if not words:
        return None
    runs = (
        [words[k:] for k in range(max(0, len(words) - _MAX_WORDS), len(words))]
        if cue.end_anchored else [words[:n] for n in range(min(len(words), _MAX_WORDS), 0, -1)]
    )
    for run in runs:
        a, b = run[0][0], run[-1][1]
        if text[a : run[0][1]].casefold() in _NOT_NAMES:
            continue
        if cue.suffixed and (
            _SENTENCE_START.search(text, max(0, a - 3), a) is not None or b - a < 4
        ):
            continue  # "Bundan" (uz: "from this") starts a sentence: not "Bun" + "-dan"
        name = text[a:b].rstrip("'’-")
        if name.isupper() and len(name) <= 5 and not cue.dateline:
            continue  # "İBB", "NATO": an acronym, not Ibb
        # a capitalised name after "à", "in", "en" mid-sentence in a language that does not
        # capitalise its nouns is a name even if the word list counts it frequent ("à
        # Rambouillet"); German capitalises every noun ("in Essen") and stays strict
        strict = cue.bare and not (
            cue.script == "L" and language in _LOWERCASE_NOUNS
            and _SENTENCE_START.search(text, max(0, a - 8), a) is None
        ) and not (
            # English too, outside headlines written in title case ("in Pensacola", "in
            # Islamabad": names the word list counts frequent), after "in", "near"...
            cue.script == "L" and language == "en" and not cue.end_anchored
            and _SENTENCE_START.search(text, max(0, a - 8), a) is None
            and not _title_case_line(text, a)
        ) and not (
            # Russian capitalises names only: "в Магнитогорске" mid-sentence is the town,
            # though the word list counts the name frequent
            cue.script == "C" and language == "ru" and not cue.end_anchored
            and _SENTENCE_START.search(text, max(0, a - 8), a) is None
        )
        for form in _forms(name, cue.endings):
            places = [
                p for p in geo.lookup(cue.script, form, language, strict=strict)
                if p.population >= cue.min_pop
            ]
            chosen = _choose(places, codes, language, around) if places else None
            if chosen is not None:
                return chosen, a, a + len(name)
    return None


_LONG_WORD = re.compile(r"[^\W\d_]{4,}")


def _title_case_line(text: str, at: int) -> bool:
    """Whether the line around ``at`` is a headline in title case (most long words capitalised:
    "Suicide Bomber Kills 12 In Mobile Market")."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    words = _LONG_WORD.findall(text, start, end if end >= 0 else len(text))
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _forms(name: str, endings: tuple[str, ...]) -> Iterator[str]:
    yield name
    # "в Шымкенте", "в Мазари-Шарифе", "под Донецком": the name in the nominative
    for ending in endings:
        if name.endswith(ending) and len(name) - len(ending) >= 3:
            stem = name[: -len(ending)]
            for tail in _RU_RESTORE:
                yield stem + tail


#: Where a text in this language most likely is, when it names no country ("Dang'ara tumani"
#: in Uzbek is the Uzbek district, not Danghara in Tajikistan).
_HOME = {"uz": ("UZ",), "tg": ("TJ",), "ky": ("KG",), "kk": ("KZ",), "ps": ("AF", "PK"),
         "prs": ("AF",), "fa": ("IR", "AF"), "tr": ("TR",), "ru": ("RU",)}  # fmt: skip


#: A town in none of the countries a text names is taken only if it is this large ("شهر باما"
#: in a Persian report on Nigeria is Bama, which the list lacks, not Pama in Burkina Faso).
_FOREIGN_MIN_POP = 100_000


def _choose(
    places: list[GeoPlace], codes: set[str], language: str, context: frozenset[str] = frozenset()
) -> GeoPlace | None:
    """A place in a country the text names, else in a country its known places are in
    (``context``: "په کوهستان کې" of a text about Khyber Pakhtunkhwa is Kohistan in Pakistan,
    not Kuhsan in Afghanistan), else in the language's home country, else the most populous
    (if the text names countries, only a large one)."""
    home = _HOME.get(language, ())
    for wanted in (codes, context, [c for c in home if not context or c in context]):
        for place in places:  # most populous first
            if place.country in wanted:
                return place
    if codes and places[0].population < _FOREIGN_MIN_POP:
        return None
    if context and places[0].country in home:
        return None  # a namesake at home, where none of the text's places is
    return places[0]
