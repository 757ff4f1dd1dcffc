"""Entities in text: the names the gazetteer knows, and the ones it does not.

:class:`EntityExtractor` finds, in one text:

1. **Gazetteer names** in all nine languages through :class:`~propwatch.detect.matcher.
   Matcher` (normalized text and the cross-script key; homoglyph, zero-width and leetspeak
   robust; suffix-tolerant with the text language's endings). Short all-capital forms
   (``IS``, ``AP``, ``ИГ``) must be written in capitals; an entry marked ``ambiguous`` needs a
   cue nearby ("magazine", "channel", "province", a place preposition...).
2. **New names** from :mod:`propwatch.extract.patterns` and ``patterns_<lang>``: Telegram
   handles and links, "Long Form (ACR)", kunyas, head-noun and trigger phrases,
   publications with issue numbers and headlines, titled persons, aliases; for Russian also
   natasha NER, for English spaCy NER (:mod:`propwatch.extract.ner_en`; both optional).
3. **Resolution**: a pattern whose name is a gazetteer name (or a gazetteer name plus generic
   words: "the Islamic State group", "Al-Azaim Foundation for Media Production") enriches
   the gazetteer entity (issue numbers, aliases); otherwise overlapping candidates are
   resolved longest first, the gazetteer before patterns before NER.
4. **Issue numbers and headlines** attach to the nearest publication in the sentence.
5. **Further mentions** of the new names and aliases found in 2 are found again, so every
   mention gives one :class:`~propwatch.extract.model.Entity` ("ISPP" after "Islamic State
   Pakistan Province (ISPP)").

Limits: texts are cut at :data:`MAX_CHARS`; at most :data:`MAX_ENTITIES` entities per text.
"""

from __future__ import annotations

import bisect
import re
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from propwatch.detect.matcher import Match, Matcher
from propwatch.extract import (
    geo_places,
    ner_en,
    patterns_ar,
    patterns_en,
    patterns_fa,
    patterns_ru,
    patterns_turkic,
    state_bodies,
)
from propwatch.extract.events import may_report_attack
from propwatch.extract.model import Entity
from propwatch.extract.patterns import (
    GENERIC_WORDS,
    PLACE_NOUN_BEFORE,
    Candidate,
    Headline,
    IssueMarker,
    acronym_candidates,
    channel_candidates,
    dateline_credit_candidates,
    kunya_candidates,
    sentence_bounds,
)
from propwatch.knowledge.gazetteer_model import GazAlias, GazEntry, Gazetteer
from propwatch.normalize import match_key

__all__ = [
    "MAX_CHARS",
    "MAX_ENTITIES",
    "EntityExtractor",
    "entity_key",
    "gazetteer_aliases",
]

#: Extraction reads at most this many characters of a text.
MAX_CHARS = 200_000
#: At most this many entities per text (the first ones, in text order).
MAX_ENTITIES = 3_000
#: Candidates of each source kept before resolution (bounds the work on hostile input).
_MAX_CANDIDATES = 20_000
#: New names whose further mentions are searched.
_MAX_PROPAGATED = 300

#: Text language -> the language whose suffixes gazetteer forms may take.
_SUFFIX_LANGUAGE = {
    "en": "en-names", "ru": "ru", "uz": "uz", "tg": "tg", "ky": "ky", "tr": "tr", "fa": "fa",
    "prs": "fa", "ps": "ps", "ar": "ar",
}  # fmt: skip

_SOURCE_RANK = {"gazetteer": 0, "pattern": 1, "ner": 2}
#: Types that may be the same thing written two ways (the gazetteer's type wins).
_COMPATIBLE = {
    frozenset({"organization", "media_outlet"}),
    frozenset({"media_outlet", "publication"}),
}

#: Words near a mention that confirm an ambiguous gazetteer entry of a type (lower case,
#: matched as word prefixes).
_CUES: dict[str, tuple[str, ...]] = {
    "media_outlet": (
        "news", "agency", "reported", "reports", "report", "according", "correspondent",
        "tv", "television", "channel", "newspaper", "outlet", "website", "told", "said",
        "агентств", "сообщ", "издани", "пишет", "писал", "переда", "телеканал",
        "خبرگزاری", "گزارش", "نقل", "وكالة", "وكاله", "ذكرت", "أفادت", "قالت", "قناة",
        # "disse à Lusa uma fonte", "selon l'Afp", "ha riferito all'Ansa", "laut dpa"
        "agência", "agencia", "agence", "agenzia", "agentur", "ajans", "disse", "dijo",
        "dit", "detto", "sagte", "segundo", "según", "selon", "secondo", "laut", "informa",
        "relat", "rapport", "riport", "riferi", "bericht", "fontes", "fuentes", "fonti",
        "ouvid", "göre", "haber",
    ),
    "organization": (
        "group", "organization", "organisation", "militant", "claimed", "fighters",
        "терро", "группировк", "организаци", "боевик", "گروه", "تروریست", "تنظيم", "جماعة",
    ),
    "publication": (
        "magazine", "issue", "newsletter", "weekly", "edition", "article", "журнал", "выпуск",
        "номер", "мажалла", "маҷалла", "jurnal", "dergi", "مجله", "شماره", "مجلة", "العدد",
        "صحيفة", "نشرة",
    ),
    "channel": ("telegram", "channel", "канал", "телеграм", "kanal", "کانال", "قناة", "تلغرام"),
    "person": ("said", "leader", "commander", "minister", "spokesman", "заяв", "сказал"),
    "place": (
        "in", "city", "province", "region", "town", "near", "capital", "в", "город",
        "провинц", "области", "шахр", "shahr", "viloyat", "در", "شهر", "استان", "ولایت", "في",
        "مدينة", "محافظة", "ب",
        # Pashto "په یمن کې", "د یمن په پلازمېنه صنعا کې"; Tajik "дар Яман", "шаҳри"
        "په", "کې", "ښار", "پلازمېن", "پلازمین", "дар", "шаҳр", "ایالت",
        # "the resort of Dahab", "курорт Шарм-эш-Шейх", "منتجع دهب"
        "resort", "курорт", "منتجع",
    ),
}  # fmt: skip
_CUE_WORD = re.compile(r"[^\W\d_]+")


def _nisba(surface: str, form: str) -> bool:
    """An Arabic-script place name with only the adjective ending ی/ي after it ("فارسی",
    "کابلی", "الشيرازي"): a language, a demonym or a surname, not the place."""
    if not _has_arabic(form):
        return False
    letters = surface.rstrip()
    return (
        len(letters) == len(form) + 1
        and letters[-1] in "یيى"
        and form[-1:] not in "اآهةوی"
    )

_TITLES = frozenset(
    [
        "president", "minister", "spokesman", "spokesperson", "commander", "general", "leader",
        "ayatollah", "sheikh", "shaykh", "emir", "caliph", "mullah", "maulana", "mufti", "imam",
        "governor", "chief", "director", "colonel", "brigadier", "lieutenant", "captain", "king",
        "prince", "senator", "chancellor", "prosecutor", "mayor", "ambassador", "dr", "dr.", "mr",
        "mr.", "mrs", "mrs.", "ms", "ms.", "supreme", "interior", "foreign", "defence", "defense",
        "deputy", "former", "acting", "top", "senior", "the", "президент", "министр", "генерал",
        "командир", "лидер", "шейх", "эмир", "халиф", "имам", "губернатор", "глава", "رئیس",
        "رئيس", "الرئيس", "وزير", "وزیر", "الشيخ", "الشیخ", "شيخ", "سردار", "سرلشکر", "سرتیپ",
        "آیت\u200cالله", "آیت", "الله", "امیر", "أمير", "الأمير", "اللواء", "العميد", "الجنرال",
        "المرشد", "الخليفة", "خليفه", "ملا", "مولوی",
    ]
)  # fmt: skip


def entity_key(entity: Entity) -> str:
    """A merge key for the same entity across texts and scripts: ``gaz:<id>`` when the
    gazetteer knows it, else ``<type>:<match_key(name)>`` (a person's leading titles and a
    leading "the" are dropped: "President Ebrahim Raisi" == "Ebrahim Raisi")."""
    if entity.gazetteer_id:
        return "gaz:" + entity.gazetteer_id
    name = entity.name.strip()
    words = name.split()
    if entity.type == "person":
        while len(words) > 1 and words[0].lower().strip(",") in _TITLES:
            words = words[1:]
    elif len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    return f"{entity.type}:{match_key(' '.join(words))}"


# -- gazetteer forms ------------------------------------------------------------------------------


def _letters(form: str) -> str:
    return "".join(c for c in form if c.isalpha())


#: A word-final heh before another word of an Arabic-script name: Persian may write the
#: ezafe on it as "ۀ", which normalization keeps (it is also a Pashto letter).
_EZAFE_HEH = re.compile("(?<=[\u0620-\u06ff])ه(?= [\u0620-\u06ff])")


def gazetteer_aliases(gazetteer: Gazetteer, language: str = "en") -> list[GazAlias]:
    """Every gazetteer form as a matcher pattern with ``language``'s suffixes: ``word`` mode
    (suffix-tolerant), ``exact`` for forms of one or two letters."""
    out: list[GazAlias] = []
    for entry in gazetteer.entries.values():
        word: list[str] = []
        exact: list[str] = []
        for _, form in entry.all_aliases():
            (exact if len(_letters(form)) <= 2 else word).append(form)
            for m in _EZAFE_HEH.finditer(form):  # "شاخه خراسان" written "شاخۀ خراسان"
                word.append(form[: m.start()] + "ۀ" + form[m.end() :])
            if "'" in form or "’" in form:
                # French and Italian texts are read with "l'islam" as "l islam" (one matcher
                # serves every Latin-script language but English's own words)
                unelided = _ELISION.sub(_unelide, form)
                if unelided != form:
                    word.append(unelided)
            if language == "ru":
                word.extend(_russian_stem(form))
                word.extend(patterns_ru.case_forms(form))
                if entry.type == "place" and entry.kind in _ADJECTIVE_KINDS:
                    word.extend(russian_adjectives(form))
        handle = entry.attributes.get("handle")
        if isinstance(handle, str) and handle:
            exact.append("@" + handle)
        if word:
            out.append(GazAlias(entry.id, language, "word", tuple(word)))
        if exact:
            out.append(GazAlias(entry.id, language, "exact", tuple(exact)))
    return out


_RU_FINAL = re.compile(r"[А-ЯЁа-яё-]{4,}[аяоеьй]$")


def _russian_stem(form: str) -> list[str]:
    """A Cyrillic form whose last word ends in a vowel (or ь/й) also as its stem, so that the
    Russian endings reach the cases that replace the vowel ("Москва" -> "Москве", "Москвы",
    "Грозный" -> "Грозном")."""
    if _RU_FINAL.search(form) and not form.isupper():
        if _RU_ADJECTIVE_FINAL.search(form):
            # an adjective's name ("Грозный"): its cases replace both letters ("в Грозном")
            return [form[:-1], form[:-2]]
        return [form[:-1]]
    return []


_RU_ADJECTIVE_FINAL = re.compile(r"[А-ЯЁа-яё-]{3,}[ыио]й$")


#: Places whose Russian adjective names the place ("в кабульском аэропорту"); a country's
#: ("иранский генерал") names a nationality more often than a scene.
_ADJECTIVE_KINDS = frozenset({"city", "district", "province", "region"})
_RU_PLACE_WORD = re.compile(r"[А-ЯЁ][а-яё]{3,}")
#: Adjectives not formed by the rule below.
_RU_IRREGULAR_ADJECTIVES = {
    "москва": "московск", "душанбе": "душанбинск", "махачкала": "махачкалинск",
    "грозный": "грозненск", "баку": "бакинск", "подмосковье": "подмосковн",
}  # fmt: skip


def russian_adjectives(form: str) -> list[str]:
    """The Russian adjective of a one-word Cyrillic place name, as a stem that takes the
    adjective endings, and its nominative: "Кабул" -> "кабульск", "кабульский" (matched in
    "в кабульском аэропорту"); "Петербург" -> "петербургск"; "Казань" -> "казанск"; known
    irregular ones from a table ("Москва" -> "московск"). Names ending in other vowels give
    none."""
    if not _RU_PLACE_WORD.fullmatch(form):
        return []
    low = form.lower()
    if low in _RU_IRREGULAR_ADJECTIVES:
        stems = [_RU_IRREGULAR_ADJECTIVES[low]]
    elif low[-1] in "ая":
        stems = [low[:-1] + "ск"]
    elif low[-1] == "ь":
        stems = [low + "ск", low[:-1] + "ск"]
    elif low[-1] == "л":
        stems = [low + "ьск"]
    elif low[-1] in "бвгджзйкмнпрстфхцчшщ":
        stems = [low + "ск"]
    else:
        return []
    return [form for stem in stems for form in (stem, stem + "ий")]


def _caps_only(form: str) -> bool:
    """Whether ``form`` is a short all-capital acronym (``IS``, ``IRGC``, ``ИГИЛ``) that must
    be written in capitals to count ("is", "ap" are words)."""
    letters = _letters(form)
    return 2 <= len(letters) <= 5 and letters.isupper() and not _has_arabic(form)


def _has_arabic(text: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f" for c in text)


#: How Italian, Spanish, Portuguese and French papers write the group's acronyms ("dall'Isis",
#: "el Isis"); in English "Isis" is also a given name and a goddess.
#: Acronyms the Latin press of these languages writes in title case ("l'Isis", "Afp").
_PRESS_CASE = frozenset({"Isis", "Isil", "Afp", "Ansa", "Efe", "Iswap", "Jnim", "Aqmi", "Aqim"})
_PRESS_CASE_LANGS = frozenset({"it", "es", "pt", "fr"})
#: How Italian and Spanish papers write a suffixed acronym: "Isis-K", "Isil-K".
_PRESS_ACRONYM = re.compile(r"[A-Z][a-z]{2,4}-[A-Z]{1,2}")


def _written_in_caps(found: str, form: str) -> bool:
    """The form's letters in capitals, any ending in small letters ("ISKP's", "ИГИЛа"; not
    "ISIS" for the form "ISI"); or a suffixed acronym as the press writes it ("Isis-K")."""
    if "-" in form and _PRESS_ACRONYM.fullmatch(found):
        return True
    n = len(_letters(form))
    letters = [c for c in found if c.isalpha()]
    head, rest = letters[:n], letters[n:]
    return len(head) == n and all(c.isupper() for c in head) and not any(c.isupper() for c in rest)


#: What a place name written in small letters needs before it in Russian: "в москве",
#: "из кабула", "в секторе газа".
_RU_PLACE_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:в|во|из|под|около|близ|возле|у|город\w*|сектор\w*|провинци\w*|"
    r"област\w*|район\w*|столиц\w*|сел\w*|деревн\w*)\s+$",
    re.IGNORECASE,
)


def _has_cue(text: str, start: int, end: int, type_: str) -> bool:
    window = text[max(0, start - 60) : end + 60].lower()
    words = _CUE_WORD.findall(window)
    cues = _CUES.get(type_, ())
    return any(w.startswith(cue) if len(cue) > 2 else w == cue for w in words for cue in cues)


# -- the extractor --------------------------------------------------------------------------------


@dataclass(slots=True)
class _Item:
    """An entity under construction, with its name span and where it came from."""

    entity: Entity
    name_start: int
    name_end: int
    source: str  # gazetteer / pattern / ner
    entry: GazEntry | None = None
    extra_aliases: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _LanguagePatterns:
    candidates: tuple[Callable[[str], list[Candidate]], ...]
    issues: tuple[Callable[[str], list[IssueMarker]], ...]
    headlines: tuple[Callable[[str], list[Headline]], ...]


_COMMON = (channel_candidates, acronym_candidates, kunya_candidates, dateline_credit_candidates)
_EN = _LanguagePatterns(
    (*_COMMON, patterns_en.candidates), (patterns_en.issues,), (patterns_en.headlines,)
)
_PATTERNS: dict[str, _LanguagePatterns] = {
    "en": _EN,
    "ru": _LanguagePatterns(
        (*_COMMON, patterns_ru.candidates), (patterns_ru.issues,), (patterns_ru.headlines,)
    ),
    "fa": _LanguagePatterns(
        (*_COMMON, patterns_fa.candidates), (patterns_fa.issues,), (patterns_fa.headlines,)
    ),
    "ps": _LanguagePatterns(
        (*_COMMON, patterns_fa.candidates_ps), (patterns_fa.issues_ps,), (patterns_fa.headlines,)
    ),
    "ar": _LanguagePatterns(
        (*_COMMON, patterns_ar.candidates), (patterns_ar.issues,), (patterns_ar.headlines,)
    ),
    **{
        lang: _LanguagePatterns(
            (*_COMMON, patterns_turkic.CANDIDATES[lang]), (patterns_turkic.ISSUES[lang],), ()
        )
        for lang in ("uz", "tg", "ky", "tr")
    },
}
_PATTERNS["prs"] = _PATTERNS["fa"]


#: Latin-script languages whose names can collide with Uzbek Latin aliases ("Tunis").
_WESTERN = frozenset({"en", "fr", "es", "pt", "it", "de"})


class EntityExtractor:
    """Finds entities in texts (see the module docstring). Reusable and thread-compatible:
    the per-language matchers are built on first use, under a lock."""

    def __init__(
        self, gazetteer: Gazetteer, *, use_ner: bool = True, ner_min_chars: int = 0,
        use_geo: bool = True,
    ) -> None:
        self.gazetteer = gazetteer
        self.use_ner = use_ner
        #: Towns the gazetteer lacks, from the GeoNames list, after a locative word
        #: (:mod:`propwatch.extract.geo_places`), in texts that may report an attack.
        self.use_geo = use_geo
        #: NER (natasha for Russian, spaCy for English; ~10 ms per short message) runs on
        #: texts at least this long.
        self.ner_min_chars = ner_min_chars
        self._matchers: dict[str, Matcher[GazAlias]] = {}
        self._by_key: dict[str, GazEntry] | None = None
        self._lock = threading.Lock()

    def _index(self) -> dict[str, GazEntry]:
        """Every gazetteer form's match key -> its entry (keys two entries share are left
        out, and forms the entry's ``only_in`` keeps to some languages), to link names that
        patterns and NER bring in another inflection."""
        if self._by_key is None:
            with self._lock:
                if self._by_key is None:
                    by_key: dict[str, GazEntry] = {}
                    clashes: set[str] = set()
                    for entry in self.gazetteer.entries.values():
                        for _, form in entry.all_aliases():
                            key = match_key(form)
                            if not key or form in entry.only_in:
                                continue
                            if key in by_key and by_key[key].id != entry.id:
                                clashes.add(key)
                            by_key.setdefault(key, entry)
                    for key in clashes:
                        del by_key[key]
                    self._by_key = by_key
        return self._by_key

    def _matcher(self, language: str) -> Matcher[GazAlias]:
        suffixes = _SUFFIX_LANGUAGE.get(language, "en-names")
        matcher = self._matchers.get(suffixes)
        if matcher is None:
            with self._lock:
                matcher = self._matchers.get(suffixes)
                if matcher is None:
                    matcher = Matcher(gazetteer_aliases(self.gazetteer, suffixes))
                    self._matchers[suffixes] = matcher
        return matcher

    # -- public ---------------------------------------------------------------------------

    def extract(
        self, text: str, language: str, *, nested: list[Entity] | None = None
    ) -> list[Entity]:
        """Every entity mention in ``text`` (written in ``language``, a code such as ``en``,
        ``ru``, ``fa``, ``prs``, ``ar``, ``ps``, ``tg``, ``uz``, ``ky``, ``tr``), sorted by
        start; one :class:`Entity` per mention, overlaps resolved.

        ``nested``, if given, receives the gazetteer places inside a new organisation name
        ("Kabul" in "the Kabul police headquarters", "Diyarbakır" in "Diyarbakır Emniyet
        Müdürlüğü"): not mentions of their own, but where such a body is, which events read."""
        if not isinstance(text, str) or not text.strip():
            return []
        text = text[:MAX_CHARS]
        lang = (language or "").lower().split("-")[0].split("_")[0]
        patterns = _PATTERNS.get(lang, _EN)
        gazetteer_items = self._gazetteer_items(text, lang)
        heads = [h for find in patterns.headlines for h in find(text)][:_MAX_CANDIDATES]
        # a headline ("под заголовком «Тираны Душанбе»") is a title, not an organisation or a
        # person a pattern or the NER finds in it; the gazetteer's places in it stay
        countries = [
            state_bodies.Country(it.name_start, it.name_end, it.entry.name, it.entry.country)
            for it in gazetteer_items
            if it.entry is not None and it.entry.type == "place" and it.entry.kind == "country"
        ]
        found = self._candidates(text, lang, patterns) + state_bodies.find(text, lang, countries)
        found += state_bodies.forces(text, lang, countries)
        if self.use_geo and may_report_attack(text, lang):
            # towns matter where the text may report an attack (cost: only those texts)
            covered = [(it.name_start, it.name_end) for it in gazetteer_items]
            context = [
                it.entry.country for it in gazetteer_items
                if it.entry is not None and it.entry.type == "place" and it.entry.country
            ]  # fmt: skip
            towns = geo_places.find(text, lang, countries, covered, context=context)
            found += geo_places.merge(found, towns)
        candidates = [
            c for c in found if not any(h.start <= c.start and c.end <= h.end for h in heads)
        ]
        items = _resolve(text, gazetteer_items, candidates, self._index())
        items = _merge_provinces(text, items, self.gazetteer)
        if lang == "ar":
            _attach_aliases(text, items, patterns_ar.alias_spans(text))
        markers = [m for find in patterns.issues for m in find(text)][:_MAX_CANDIDATES]
        _attach_issues(text, items, markers)
        _attach_headlines(text, items, heads)
        items = self._propagate(text, lang, items)
        _towns_the_gazetteer_named(items)
        _corefer_persons(items)
        _harmonize_types(items)
        items.sort(key=lambda it: (it.entity.start, it.entity.end))
        if nested is not None:
            nested.extend(_nested_places(gazetteer_items, items))
        return [it.entity for it in items[:MAX_ENTITIES]]

    # -- gazetteer ------------------------------------------------------------------------

    def _gazetteer_items(self, text: str, lang: str) -> list[_Item]:
        if not self.gazetteer.entries:
            return []
        by_span: dict[tuple[int, int], list[Match[GazAlias]]] = defaultdict(list)
        view = _ELISION.sub(_unelide, text) if lang in _ELIDING else text
        for match in self._matcher(lang).find(view):
            by_span[match.start, match.end].append(match)
            if len(by_span) >= _MAX_CANDIDATES:
                break
        # "شهر کویته" is Persian "the city of Quetta", not Kuwait City ("شهر کویت") with a
        # suffix: a form that needs a suffix to reach a word's end loses to a form that is
        # that word exactly
        exact_ends = {
            (end, start) for (start, end), matches in by_span.items()
            if any(_ends_as_written(m) for m in matches)
        }  # fmt: skip
        if exact_ends:
            for (start, end), matches in list(by_span.items()):
                if any(e == end and s >= start for e, s in exact_ends):
                    kept = [m for m in matches if _ends_as_written(m)]
                    if kept:
                        by_span[start, end] = kept
                    else:
                        del by_span[start, end]
        unambiguous_ids = {
            m.pattern.id
            for matches in by_span.values()
            for m in matches
            if (entry := self.gazetteer.get(m.pattern.id)) is not None and not entry.ambiguous
        }
        items: list[_Item] = []
        for (start, end), matches in by_span.items():
            if lang in _WESTERN and len({m.pattern.id for m in matches}) > 1:
                # English "Tunis" is the city; the country's Uzbek alias "Tunis" is not what
                # an English text means: a name written in the text's language wins
                own = {m.pattern.id for m in matches if self._own_form(m, lang)}
                if own:
                    matches = [m for m in matches if m.pattern.id in own]
            best: tuple[float, _Item] | None = None
            for match in matches:
                entry = self.gazetteer.get(match.pattern.id)
                if entry is None:
                    continue
                scored = self._score(text, match, entry, unambiguous_ids, lang)
                if scored is None:
                    continue
                if best is None or scored > best[0]:
                    best = (scored, _gazetteer_item(text, entry, start, end, scored))
            if best is not None:
                items.append(best[1])
        return items

    def _own_form(self, match: Match[GazAlias], lang: str) -> bool:
        """Whether the matched form is one the gazetteer lists in ``lang`` (or, in English,
        the entry's own name)."""
        entry = self.gazetteer.get(match.pattern.id)
        if entry is None:
            return False
        return match.form in entry.aliases.get(lang, ()) or (
            lang == "en" and match.form == entry.name
        )

    def _score(
        self, text: str, match: Match[GazAlias], entry: GazEntry, unambiguous: set[str],
        lang: str = "",
    ) -> float | None:
        """How sure a gazetteer match is (None: dropped)."""
        form = match.form.lstrip("@")
        if _script_of(match.text) != _script_of(form):
            # one form stands for all the forms of a key: Turkish "Maskat'ın" met as the
            # Cyrillic "Маскат" is the entry's own Latin "Maskat"
            key = match_key(form)
            form = next(
                (f for _lang, f in entry.all_aliases()
                 if _script_of(f) == _script_of(match.text) and match_key(f) == key),
                form,
            )  # fmt: skip
        if entry.type == "place" and _nisba(match.text, form):
            return None  # "فارسی" (Persian), "کرمانی" (from Kerman, a surname): not the place
        if form.startswith("capital of ") and (
            match.text.endswith(("'s", "’s")) or text.startswith(("'s", "’s"), match.end)
        ):
            return None  # "the capital of Russia's Chechnya region" is Grozny, not Moscow
        if not entry.allowed_in(form, lang):
            return None  # the gazetteer's only_in: German "IS", Pashto and Persian "بنو"
        if _caps_only(form) and not _written_in_caps(match.text, form) and not (
            lang in _PRESS_CASE_LANGS and match.text in _PRESS_CASE
            and form.casefold() == match.text.casefold()
        ) and not (
            # German papers credit an agency in small letters in parentheses: "(afp)",
            # "(dpa/afp)", "(ap)"
            lang == "de" and match.text.islower() and form.casefold() == match.text
            and text[match.start - 1 : match.start] in ("(", "/")
            and text[match.end : match.end + 1] in (")", "/")
        ) and not (
            # the British press writes "Isis"; a given name and a goddess too, so only where
            # a group's words are near ("Isis claimed the attack", "Isis militants")
            lang == "en" and match.text == "Isis" and form == "ISIS"
            and _has_cue(text, match.start, match.end, "organization")
        ):
            return None
        cased = match.text[:1].isalpha() and not _has_arabic(match.text)
        lowercase = cased and match.text[:1].islower() and form[:1].isupper()
        if not entry.ambiguous:
            if lowercase and _script_of(match.text) != _script_of(form):
                return None  # "ранним утром" (early morning) is not Rann through the key
            if (
                # Tajik "коргари чини" / "чинӣ" (a Chinese worker): a lower-case place name
                # with the adjective ending is the adjective, not the place
                lowercase and lang == "tg" and entry.type == "place"
                and match.text[-1:] in ("ӣ", "и") and not form.endswith(("ӣ", "и"))
            ):
                return None
            if (
                lowercase and lang == "ru" and entry.type == "place" and " " not in form
                and not _RU_PLACE_BEFORE.search(text, max(0, match.start - 30), match.start)
            ):
                # Russian capitalises every name: a lowercase "газа" (of gas) is not Gaza,
                # unless a preposition or place noun says it is a place ("в москве")
                return None
            return 0.8 if lowercase and " " not in form else 1.0
        if lowercase or _script_of(match.text) != _script_of(form):
            # an ambiguous name met only through the cross-script key: Latin "Komanda" (a
            # Congolese town) in Russian "Команда спасателей" ("the rescue team")
            return None
        if entry.id in unambiguous or _has_cue(text, match.start, match.end, entry.type):
            return 0.9
        if entry.type == "place" and cased:
            return 0.7  # a capitalised place name
        return None

    # -- patterns -------------------------------------------------------------------------

    def _candidates(self, text: str, lang: str, patterns: _LanguagePatterns) -> list[Candidate]:
        out: list[Candidate] = []
        for find in patterns.candidates:
            out.extend(find(text)[:_MAX_CANDIDATES])
        if self.use_ner and lang == "ru" and len(text) >= self.ner_min_chars:
            out.extend(patterns_ru.ner_candidates(text)[:_MAX_CANDIDATES])
        if self.use_ner and lang == "en" and len(text) >= self.ner_min_chars:
            out.extend(ner_en.ner_candidates(text)[:_MAX_CANDIDATES])
        return _merge_same_span(out)

    # -- further mentions -----------------------------------------------------------------

    def _propagate(self, text: str, lang: str, items: list[_Item]) -> list[_Item]:
        """Find the other mentions of names and aliases that patterns introduced."""
        forms: dict[str, tuple[_Item, str]] = {}
        for item in items:
            ent = item.entity
            if ent.type == "channel" or item.source == "ner":
                continue
            new_forms: list[str] = []
            if item.entry is None:
                new_forms.append(ent.name)
                new_forms.extend(ent.aliases)
                if ent.type == "person":
                    new_forms.append(_surname(ent.name))
            else:
                new_forms.extend(item.extra_aliases)
                if ent.type == "person":
                    new_forms.append(_surname(ent.text))
            for form in filter(None, new_forms):
                key = match_key(form)
                if len(_letters(form)) >= 2 and key and key not in forms:
                    forms[key] = (item, form)
            if len(forms) >= _MAX_PROPAGATED:
                break
        if not forms:
            return items
        suffixes = _SUFFIX_LANGUAGE.get(lang, "en-names")
        patterns = [
            GazAlias(key, suffixes, "exact" if len(_letters(form)) <= 2 else "word", (form,))
            for key, (_, form) in forms.items()
        ]
        taken = bytearray(len(text) + 1)
        for item in items:
            taken[item.entity.start : item.entity.end] = b"\x01" * (
                item.entity.end - item.entity.start
            )
        out = list(items)
        for match in Matcher(patterns).find(text):
            if taken.find(1, match.start, match.end) != -1 or len(out) >= MAX_ENTITIES:
                continue
            source, form = forms[match.pattern.id]
            if _caps_only(form) and not _written_in_caps(match.text, form):
                continue
            if match.text[:1].isalpha() and match.text[:1].islower() and form[:1].isupper():
                continue
            ent = source.entity
            attributes = {
                k: v for k, v in ent.attributes.items() if k not in ("issue", "headline", "volume")
            }
            copy = Entity(
                ent.type, ent.name, match.text, match.start, match.end, ent.gazetteer_id,
                list(ent.aliases), attributes, ent.method if source.entry else "pattern:mention",
                round(ent.confidence * (1.0 if source.entry else 0.9), 3),
            )  # fmt: skip
            taken[match.start : match.end] = b"\x01" * (match.end - match.start)
            out.append(_Item(copy, match.start, match.end, source.source, source.entry))
        return out


def _script_of(text: str) -> str:
    """``cyrillic``, ``arabic`` or ``latin``: the script of the first letter of ``text``."""
    for ch in text:
        if ch.isalpha():
            if "\u0400" <= ch <= "\u04ff":
                return "cyrillic"
            if "\u0600" <= ch <= "\u06ff":
                return "arabic"
            return "latin"
    return ""


def _ends_as_written(match: Match[GazAlias]) -> bool:
    """Whether the matched word ends where the form does (a prefix such as Arabic "و" may
    come before it; no suffix after it)."""
    return match_key(match.text).endswith(match_key(match.form))


def _surname(name: str) -> str:
    """The last word of a capitalised (Latin or Cyrillic) two-or-more-word name, when long
    enough to be searched alone ("Soleimani"); else ""."""
    words = name.split()
    if len(words) < 2:
        return ""
    last = words[-1].strip(",.;:'’")
    if len(_letters(last)) < 4 or not last[:1].isupper() or _has_arabic(last):
        return ""
    return last


def _gazetteer_item(text: str, entry: GazEntry, start: int, end: int, confidence: float) -> _Item:
    attributes: dict[str, Any] = {}
    if entry.type == "place":
        if entry.kind:
            attributes["kind"] = entry.kind
        if entry.country:
            attributes["country"] = entry.country
    handle = entry.attributes.get("handle")
    if entry.type == "channel" and isinstance(handle, str):
        attributes["handle"] = handle.lower()
        attributes["url"] = f"https://t.me/{handle.lower()}"
    ent = Entity(entry.type, entry.name, text[start:end], start, end, entry.id, [], attributes,
                 "gazetteer", confidence)  # fmt: skip
    return _Item(ent, start, end, "gazetteer", entry)


#: A group's branch named by the group and a place: "the Islamic State's Khorasan branch",
#: "Islomiy davlat guruhining Xuroson bo'limi", "хорасанское отделение ИГ" (a place id and
#: the parent's id -> the branch's id, all in the gazetteer).
_PROVINCES: dict[tuple[str, str], str] = {
    ("khorasan_historical", "islamic_state"): "iskp",
    ("pk", "islamic_state"): "ispp",
    ("so", "islamic_state"): "is_somalia",
    ("mz", "islamic_state"): "is_mozambique",
}
_BRANCH_WORD = re.compile(
    r"(?<![^\W\d_])(?:branch(?:es)?|province|affiliate|wing|chapter|faction|offshoot|"
    r"отделени\w*|филиал\w*|ветв\w*|крыл\w*|вилаят\w*|"
    r"bo['’ʻ`]?lim\w*|bo['’ʻ`]?linma\w*|shoxobcha\w*|qanot\w*|filial\w*|бўлим\w*|шохобча\w*|"
    r"шоха\w*|бөлүм\w*|канат\w*|"
    r"شاخه\w*|شعبه\w*|څانګ\w*|څانگ\w*|فرع|جناح|"
    r"kolu\w*|şube\w*|kanad\w*)(?![^\W\d_])",
    re.IGNORECASE,
)
#: "отделение «Исламского государства» в Хорасане": the branch word before the group.
_BRANCH_BEFORE = re.compile(_BRANCH_WORD.pattern + r"[\s«\"“„']*$", re.IGNORECASE)
#: Russian "хорасанское отделение ИГ": the place as an adjective before the branch word.
_RU_KHORASAN_BRANCH = re.compile(
    r"(?<![^\W\d_])хорасанск\w+\s+(?:отделени|филиал|ветв|крыл)\w*\s+[«\"“„]?$", re.IGNORECASE
)
#: What may stand between the group and the place: "Islamic State's", "guruhining", "ИГ в".
_PROVINCE_GAP = re.compile(r"[^.;!?\n]{0,40}")


def _merge_provinces(text: str, items: list[_Item], gazetteer: Gazetteer) -> list[_Item]:
    """The group and the place of "the Islamic State's Khorasan branch" become the branch
    (ISKP), with the whole phrase as its text, instead of a group and a scene."""
    groups = [it for it in items if it.entry is not None and it.entry.type == "organization"]
    if not groups:
        return items
    places = [it for it in items if it.entry is not None and it.entry.type == "place"]
    drop: set[int] = set()
    merged: list[_Item] = []
    for place in places:
        for group in groups:
            assert place.entry is not None and group.entry is not None
            wing_id = _PROVINCES.get((place.entry.id, group.entry.id))
            wing = gazetteer.get(wing_id) if wing_id else None
            if wing is None or id(place) in drop or id(group) in drop:
                continue
            first, last = sorted((place, group), key=lambda it: it.entity.start)
            gap = text[first.entity.end : last.entity.start]
            if first.entity.end > last.entity.start or not _PROVINCE_GAP.fullmatch(gap):
                continue
            after = _BRANCH_WORD.match(text, last.entity.end + _spaces(text, last.entity.end))
            inside = _BRANCH_WORD.search(gap)
            before = _BRANCH_BEFORE.search(text, max(0, first.entity.start - 30),
                                           first.entity.start)  # fmt: skip
            if after is None and inside is None and before is None:
                continue
            start = before.start() if before is not None and inside is None else first.entity.start
            end = after.end() if after is not None else last.entity.end
            merged.append(_gazetteer_item(text, wing, start, end, place.entity.confidence))
            drop.update((id(place), id(group)))
    iskp = gazetteer.get("iskp")
    for group in groups:
        assert group.entry is not None
        if iskp is None or group.entry.id != "islamic_state" or id(group) in drop:
            continue
        ru = _RU_KHORASAN_BRANCH.search(text, max(0, group.entity.start - 40), group.entity.start)
        if ru is not None:
            merged.append(_gazetteer_item(text, iskp, ru.start(), group.entity.end,
                                          group.entity.confidence))  # fmt: skip
            drop.add(id(group))
    if not merged:
        return items
    return sorted([it for it in items if id(it) not in drop] + merged,
                  key=lambda it: (it.entity.start, it.entity.end))  # fmt: skip


def _spaces(text: str, at: int) -> int:
    """How many spaces (plain, no-break or zero-width non-joiner) follow ``at``."""
    n = 0
    while at + n < len(text) and text[at + n] in " \u00a0\u200c":
        n += 1
    return n


#: French and Italian elided articles and prepositions: "L'État islamique", "dall'Isis".
#: The gazetteer is matched with the apostrophe read as a space (same offsets).
_ELIDING = frozenset({"fr", "it"})
_ELISION = re.compile(
    r"(?<![^\W\d_])(?:l|d|j|n|s|c|qu|jusqu|lorsqu|puisqu|dell|dall|nell|all|sull|coll|quell|"
    r"un|dev|tutt)['’](?=[^\W\d_])",
    re.IGNORECASE,
)


def _unelide(m: re.Match[str]) -> str:
    return m.group()[:-1] + " "


def _merge_same_span(candidates: Iterable[Candidate]) -> list[Candidate]:
    """One candidate per (type, name span): the most confident, with everyone's aliases and
    attributes."""
    best: dict[tuple[str, int, int], Candidate] = {}
    for cand in candidates:
        key = (cand.type, cand.name_start, cand.name_end)
        have = best.get(key)
        if have is None:
            best[key] = cand
            continue
        keep, other = (cand, have) if cand.confidence > have.confidence else (have, cand)
        keep.aliases.extend(a for a in other.aliases if a not in keep.aliases)
        for k, v in other.attributes.items():
            keep.attributes.setdefault(k, v)
        keep.start, keep.end = min(keep.start, other.start), max(keep.end, other.end)
        best[key] = keep
    return list(best.values())


# -- resolution -----------------------------------------------------------------------------------


def _compatible(a: str, b: str) -> bool:
    return a == b or frozenset({a, b}) in _COMPATIBLE


_WORD = re.compile(r"[^\W_][\w'’-]*")


def _only_generic(words: Iterable[str]) -> bool:
    return all(
        w.lower().strip("'’") in GENERIC_WORDS or w.lower() in patterns_en.DESCRIPTORS
        for w in words
    )


def _candidate_item(text: str, cand: Candidate) -> _Item:
    source = "ner" if cand.method.startswith("ner:") else "pattern"
    ent = Entity(cand.type, cand.name, text[cand.start : cand.end], cand.start, cand.end, None,
                 list(dict.fromkeys(cand.aliases)), dict(cand.attributes), cand.method,
                 cand.confidence)  # fmt: skip
    return _Item(ent, cand.name_start, cand.name_end, source)


def _enrich(text: str, item: _Item, cand: Candidate) -> None:
    """Merge what a pattern found about a gazetteer entity into it."""
    ent = item.entity
    for k, v in cand.attributes.items():
        ent.attributes.setdefault(k, v)
    known = {f for _, f in item.entry.all_aliases()} if item.entry else set()
    for alias in [*cand.aliases, cand.name]:
        if alias not in ent.aliases and alias not in known and alias != ent.name:
            if alias != cand.name or item.entry is None:
                ent.aliases.append(alias)
            if alias not in item.extra_aliases:
                item.extra_aliases.append(alias)
    if cand.start < ent.start or cand.end > ent.end:
        ent.start, ent.end = min(ent.start, cand.start), max(ent.end, cand.end)
        ent.text = text[ent.start : ent.end]


def _resolve(
    text: str,
    gazetteer_items: list[_Item],
    candidates: list[Candidate],
    index: dict[str, GazEntry] | None = None,
) -> list[_Item]:
    """Link candidates to gazetteer entities, then keep non-overlapping items (longest first,
    gazetteer before patterns before NER)."""
    starts = sorted((it.name_start, k) for k, it in enumerate(gazetteer_items))
    keys = [s for s, _ in starts]
    pool: list[_Item] = list(gazetteer_items)
    for cand in candidates:
        # Gazetteer entities inside or around the candidate's name.
        lo = bisect.bisect_left(keys, cand.name_start - 200)
        hi = bisect.bisect_right(keys, cand.name_end)
        inside = [
            gazetteer_items[k]
            for _, k in starts[lo:hi]
            if gazetteer_items[k].name_end > cand.name_start
            and gazetteer_items[k].name_start < cand.name_end
        ]
        if cand.method == "pattern:acronym":
            linked = _acronym_link(text, cand, gazetteer_items, starts, keys)
            if linked is not None:
                pool.append(linked)
                continue
        if _link(text, cand, inside):
            continue
        if cand.method == "ner:spacy" and any(
            it.entity.type in ("organization", "media_outlet")
            or (cand.type == "person" and it.entity.type == "place")
            for it in inside
        ):
            # "MENAFN- Trend News Agency": the gazetteer's two outlets, not one name;
            # "Sambisa Forest", "Kurram Agency": a place, not a person
            continue
        if cand.method == "pattern:ar_place" and any(
            it.entity.type == "place" and it.name_start == cand.name_start
            and it.name_end < cand.name_end for it in inside
        ):
            continue  # "مدينة كربلاء إضافة إلى": the gazetteer's Karbala, not a two-word name
        if cand.needs_link:
            continue
        item = _candidate_item(text, cand)
        entry = index.get(match_key(cand.name)) if index else None
        if entry is None and index and cand.method == "pattern:state_body":
            # a ministry the gazetteer knows under another of its English names
            entry = next(filter(None, (index.get(match_key(a)) for a in cand.aliases)), None)
        if entry is not None and (
            cand.type == entry.type or {cand.type, entry.type} == {"organization", "media_outlet"}
        ):
            # A name the gazetteer knows in another inflection ("Москве" -> "Москва").
            _to_gazetteer(item, entry)
        pool.append(item)
    return _select(text, pool)


def _to_gazetteer(item: _Item, entry: GazEntry) -> None:
    ent = item.entity
    if ent.name != entry.name and ent.name not in ent.aliases:
        item.extra_aliases.append(ent.name)
    ent.type, ent.name, ent.gazetteer_id = entry.type, entry.name, entry.id
    if entry.type == "place":
        if entry.kind:
            ent.attributes.setdefault("kind", entry.kind)
        if entry.country:
            ent.attributes.setdefault("country", entry.country)
    item.entry = entry


def _acronym_link(
    text: str, cand: Candidate, items: list[_Item], starts: list[tuple[int, int]], keys: list[int]
) -> _Item | None:
    """ "Long Form (ACR)" where the gazetteer knows ACR: the long form is a mention of that
    entry (and a new alias of it)."""
    lo = bisect.bisect_left(keys, cand.end)
    hi = bisect.bisect_right(keys, cand.end + 4)
    wanted = {match_key(a) for a in cand.aliases}
    for _, k in starts[lo:hi]:
        item = items[k]
        if item.entry is not None and match_key(item.entity.text) in wanted:
            ent = Entity(item.entry.type, item.entry.name, text[cand.start : cand.end],
                         cand.start, cand.end, item.entry.id, [cand.name], {},
                         "pattern:acronym", 0.9)  # fmt: skip
            return _Item(ent, cand.start, cand.end, "gazetteer", item.entry, [cand.name])
    return None


#: A parenthesised acronym after a name (its closing quote before it).
_ACRONYM_AFTER = re.compile(r"^[\s\"»”']*\(\s*[A-ZА-ЯЁ]{2,8}\s*\)\s*$")


def _link(text: str, cand: Candidate, inside: list[_Item]) -> bool:
    """Merge ``cand`` into a gazetteer entity when its name is that entity's name (maybe with
    generic words around it); True when merged or when the candidate contradicts the
    gazetteer (a "magazine" that the gazetteer knows as a group)."""
    if not inside:
        return False
    name_len = cand.name_end - cand.name_start
    for item in sorted(inside, key=lambda it: it.name_start - it.name_end):
        covered_start = max(item.name_start, cand.name_start)
        covered_end = min(item.name_end, cand.name_end)
        outside = text[cand.name_start : covered_start] + " " + text[covered_end : cand.name_end]
        # "Джамаат Нусрат аль-Ислам валь-Муслимин" (JNIM)": the name, then its acronym
        leftover = _WORD.findall(_ACRONYM_AFTER.sub(" ", outside))
        whole = item.name_start <= cand.name_start + 1 and item.name_end >= cand.name_end - 1
        generic = _only_generic(leftover) and covered_end - covered_start >= name_len // 3
        if not (whole or generic):
            continue
        if (
            cand.type == "publication"
            and item.entity.type == "media_outlet"
            and ("issue" in cand.attributes or "volume" in cand.attributes)
        ):
            return False  # "Terrorism Monitor Vol. 20 Issue 12": a publication of the outlet
        if _compatible(cand.type, item.entity.type):
            _enrich(text, item, cand)
            return True
        if cand.method == "pattern:bare_channel" and item.entity.type != "place":
            return True  # "the Al Jazeera channel": the broadcaster the gazetteer knows
        if cand.type == "channel":
            if item.entity.type != "place":  # "Khurasan Media" is not the channel of a region
                cand.attributes.setdefault("of", item.entity.name)
            return False
        return whole  # the gazetteer says it is something else
    return False


def _nested_places(gazetteer_items: list[_Item], kept: list[_Item]) -> list[Entity]:
    """Gazetteer places that lost to a longer organisation name the gazetteer does not know."""
    orgs = [it.entity for it in kept
            if it.entity.type == "organization" and it.entity.gazetteer_id is None]  # fmt: skip
    if not orgs:
        return []
    kept_ids = {id(it.entity) for it in kept}
    return [
        it.entity
        for it in gazetteer_items
        if it.entity.type == "place"
        and id(it.entity) not in kept_ids
        and any(o.start <= it.entity.start and it.entity.end <= o.end for o in orgs)
    ]


def _select(text: str, pool: list[_Item]) -> list[_Item]:
    """Greedy non-overlapping selection: longest span first, then gazetteer, pattern, NER,
    then confidence."""
    pool.sort(
        key=lambda it: (
            -(it.entity.end - it.entity.start),
            _SOURCE_RANK[it.source],
            -it.entity.confidence,
            it.entity.start,
        )
    )
    taken = bytearray(len(text) + 1)
    kept: list[_Item] = []
    for item in pool:
        s, e = item.entity.start, item.entity.end
        if s >= e or taken.find(1, s, e) != -1:
            continue
        taken[s:e] = b"\x01" * (e - s)
        kept.append(item)
        if len(kept) >= MAX_ENTITIES:
            break
    return kept


# -- issues, headlines, aliases -------------------------------------------------------------------


def _attach_issues(text: str, items: list[_Item], markers: Sequence[IssueMarker]) -> None:
    """Give each issue marker to the nearest publication in its sentence (an ``adjacent``
    marker only to the publication right before it)."""
    pubs = sorted(
        (it for it in items if it.entity.type == "publication"), key=lambda it: it.entity.start
    )
    if not pubs or not markers:
        return
    spans = sorted((it.entity.start, it.entity.end) for it in items)
    used: set[tuple[int, int]] = set()
    for marker in sorted(markers, key=lambda m: (m.start, -m.end)):
        if any(a <= marker.start and marker.end <= b for a, b in used) or any(
            it.entity.start <= marker.start and marker.end <= it.entity.end for it in pubs
        ):
            continue  # already used, or part of a publication phrase
        lo, hi = sentence_bounds(text, marker.start)
        best: tuple[int, _Item] | None = None
        for item in pubs:
            ent = item.entity
            if ent.end <= lo or ent.start >= hi:
                continue
            gap = marker.start - ent.end if ent.end <= marker.start else ent.start - marker.end
            if gap < 0:
                continue
            if marker.adjacent and (
                ent.end > marker.start or not _close(text, ent.end, marker.start)
            ):
                continue
            if gap > 120:
                continue
            if best is None or gap < best[0]:
                best = (gap, item)
        if best is None and not marker.adjacent:
            # "The magazine's latest edition, Issue Five": the publication named before.
            prior = [
                it
                for it in pubs
                if it.entity.end <= marker.start and marker.start - it.entity.end <= 600
            ]
            if prior and not any(
                "issue" in it.entity.attributes
                for it in pubs
                if it.entity.gazetteer_id == prior[-1].entity.gazetteer_id
                and it.entity.name == prior[-1].entity.name
            ):
                best = (10_000, prior[-1])
        if best is None:
            continue
        gap, item = best
        ent = item.entity
        key = "issue" if marker.issue is not None else "volume"
        value = marker.issue if marker.issue is not None else marker.volume
        if key in ent.attributes:
            continue
        ent.attributes[key] = value
        used.add((marker.start, marker.end))
        lo2, hi2 = min(ent.start, marker.start), max(ent.end, marker.end)
        between = [s for s in spans if lo2 < s[0] < hi2 and (s[0], s[1]) != (ent.start, ent.end)]
        if gap <= 20 and not between:
            ent.start, ent.end = lo2, hi2
            ent.text = text[lo2:hi2]


_CLOSE_GAP = re.compile(r"[\s»”\"'’),(]*(?:[^\W\d_]+[\s»”\"'’,(]*){0,1}")


def _close(text: str, end: int, start: int) -> bool:
    """Whether a "No. 15" / "#363" / "№ 7" marker is right after a publication name: at most a
    closing quote and one word ("«Дабик» журналынын № 7") in between."""
    gap = text[end:start]
    return len(gap) <= 25 and _CLOSE_GAP.fullmatch(gap) is not None


def _attach_headlines(text: str, items: list[_Item], heads: Sequence[Headline]) -> None:
    """Give each headline to the nearest publication before it (within 600 characters) or
    after it in the same sentence."""
    pubs = sorted(
        (it.entity for it in items if it.entity.type == "publication"), key=lambda e: e.start
    )
    if not pubs:
        return
    for head in heads:
        if any(e.start <= head.start and head.end <= e.end for e in pubs):
            continue
        before = [e for e in pubs if e.end <= head.start and head.start - e.end <= 600]
        _, hi = sentence_bounds(text, head.start)
        after = [e for e in pubs if e.start >= head.end and e.start < hi]
        target = before[-1] if before else (after[0] if after else None)
        if target is not None and "headline" not in target.attributes:
            target.attributes["headline"] = head.text


def _attach_aliases(text: str, items: list[_Item], aliases: Sequence[tuple[int, int, str]]) -> None:
    """ "X, المكنى أبو Y": Y is an alias of the person X right before; the kunya inside the
    alias phrase is not a person of its own."""
    persons = [it for it in items if it.entity.type == "person"]
    for start, end, alias in aliases:
        owner = next((p for p in persons if 0 <= start - p.entity.end <= 3), None)
        if owner is None:
            continue
        if alias not in owner.entity.aliases:
            owner.entity.aliases.append(alias)
        for p in persons:
            if start <= p.entity.start and p.entity.end <= end + 1 and p is not owner:
                items.remove(p)
        owner.entity.end = max(owner.entity.end, end)  # the mention is "X المكنى Y"
        owner.entity.text = text[owner.entity.start : owner.entity.end]


def _corefer_persons(items: list[_Item]) -> None:
    """A new person whose words all occur, in order, in one longer person name of the same
    text ("Soleimani" / "Qasem Soleimani", "Abu Ibrahim Al-Qurayshi" / "Abu Ibrahim
    Al-Hashimi Al-Qurayshi") is that person."""
    persons = [it for it in items if it.entity.type == "person"]
    if len(persons) < 2 or len(persons) > 2000:
        return
    names: dict[tuple[str, ...], _Item] = {}
    for it in persons:
        words = tuple(match_key(w) for w in it.entity.name.split())
        if words not in names or it.entry is not None:
            names[words] = it
    for it in persons:
        if it.entry is not None:
            continue
        mine = tuple(match_key(w) for w in it.entity.name.split())
        owners = {
            (other.entity.gazetteer_id, other.entity.name)
            for words, other in names.items()
            if len(words) > len(mine) and _subsequence(mine, words)
        }
        if len(owners) != 1:
            continue
        owner = next(
            o for w, o in names.items() if (o.entity.gazetteer_id, o.entity.name) in owners
        )
        ent = it.entity
        ent.name, ent.gazetteer_id = owner.entity.name, owner.entity.gazetteer_id
        it.entry = owner.entry


def _subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    it = iter(long)
    return all(any(w == x for x in it) for w in short)


def _towns_the_gazetteer_named(items: list[_Item]) -> None:
    """A GeoNames town written as a mention the gazetteer resolved elsewhere in the text is
    that entry: "شهرستان راسک" is Rask (the gazetteer's), so the bare "راسک" is Rask too, not
    GeoNames' "Rasak" (one town, two spellings, two places otherwise)."""
    known: dict[str, _Item] = {}
    for item in items:
        ent = item.entity
        if ent.type == "place" and item.entry is not None:
            known.setdefault(match_key(ent.text), item)
            bare = PLACE_NOUN_BEFORE.sub("", ent.text)
            if bare != ent.text:
                known.setdefault(match_key(bare), item)
    if not known:
        return
    for item in items:
        ent = item.entity
        if ent.type != "place" or item.entry is not None or "geonames_id" not in ent.attributes:
            continue
        same = known.get(match_key(ent.text))
        if same is None or same.entity.attributes.get("country") != ent.attributes.get("country"):
            continue
        item.entry = same.entry
        item.source = same.source
        item.entity = Entity(
            "place", same.entity.name, ent.text, ent.start, ent.end, same.entity.gazetteer_id,
            list(same.entity.aliases), dict(same.entity.attributes), same.entity.method,
            same.entity.confidence,
        )


def _harmonize_types(items: list[_Item]) -> None:
    """A new name found with two types in one text ("al-Azaim Foundation" as outlet and as
    organisation) gets the type most of its confident mentions have."""
    votes: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for item in items:
        if item.entry is None and item.entity.type in ("organization", "media_outlet"):
            votes[match_key(item.entity.name)][item.entity.type] += item.entity.confidence
    outlets = {match_key(it.entity.name) for it in items if it.entity.type == "media_outlet"} | {
        match_key(it.entity.text) for it in items if it.entity.type == "media_outlet"
    }
    for item in items:
        if item.entry is None and item.entity.type in ("organization", "media_outlet"):
            counter = votes[match_key(item.entity.name)]
            if len(counter) > 1:
                item.entity.type = max(counter, key=lambda t: counter[t])
            elif item.entity.type == "organization":
                key = match_key(item.entity.name)
                # "Al-Azaim Foundation" when "Al-Azaim Foundation for Media Production" is an
                # outlet of the same text
                if any(o.startswith(key + " ") for o in outlets):
                    item.entity.type = "media_outlet"
