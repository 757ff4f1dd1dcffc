"""New-entity patterns: shared types, building blocks and the language-neutral patterns.

The gazetteer finds the names propwatch knows; the patterns here find names it does not know
from the way texts introduce them: ``@handle`` and ``t.me`` links, "Long Form (ACR)"
definitions, kunyas (``Abu X al-Y``), issue numbers ("Issue 35", "№ 5", "12-son", "العدد
363"), and per-language trigger phrases in ``patterns_<lang>`` modules ("the X News Agency",
"агентство «X»", "خبرگزاری X", "وكالة X").

Every pattern yields :class:`Candidate` records; :mod:`propwatch.extract.entities` links them
to the gazetteer, resolves overlaps and turns them into :class:`~propwatch.extract.model.
Entity`. Patterns are data (word lists, regular expressions) plus small functions. Every
regular expression here has bounded repetitions and starts at a literal or a small character
class, so the scan is linear in the text length.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from propwatch.detect.signals import extract_signals

__all__ = [
    "ARABIC_SCRIPT_STOP",
    "AR_LETTER",
    "CAPSEQ",
    "CAPW",
    "GENERIC_WORDS",
    "PLACE_NOUN_BEFORE",
    "QUOTED",
    "Candidate",
    "Headline",
    "IssueMarker",
    "acronym_candidates",
    "ar_word",
    "arabic_name_after",
    "capseq_segments",
    "capseqs",
    "channel_candidates",
    "dateline_credit_candidates",
    "first_segment",
    "issue_value",
    "kunya_candidates",
    "last_segment",
    "quoted",
    "quoted_at",
    "quoted_headlines",
    "quoted_value",
    "sentence_bounds",
    "title_case_lines",
]


#: A place noun before a short place name, as the gazetteer lists names that are common words
#: alone ("شهر راسک", "ولایت ننگرهار", "город Раск"); not "Kabul province", a name of its own.
PLACE_NOUN_BEFORE = re.compile(
    r"^(?:شهر|شهرستان|استان|ولایت|ولسوالی|بندر|مدينة|مدينه|محافظة|ولاية|город|шаҳри|shahri|"
    r"шаары)[\s\u200c]+"
)

#: Upper- and lower-case Latin letters (with the diacritics of transliterated names).
UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽ"
LOWER = "a-zß-öø-ÿāăąćčďđēėęěğīįıķĺļľłńņňōőœŕřśşšţťūůűųźżžʼ"
#: A capitalised Latin word, optionally after an Arabic article prefix (``al-Tajiki``).
CAPW = rf"(?:(?:[Aa][lnrstdz]|[Ee]l|[Aa]sh|[Aa]th)[-‑])?[{UPPER}][{UPPER}{LOWER}0-9'’‑-]{{0,40}}"
#: Lower-case words allowed inside a capitalised name ("Ministry of Foreign Affairs",
#: "Islamic State in the Greater Sahara"); "and the" ends a name ("the Committee and the
#: Ministry" are two).
CONNECTORS = (
    r"(?:of the|for the|in the|of|for|in|and|the|de la|de|del|la|el|al|bin|ibn|da|do|dos|van"
    r"|von)"
)
#: A run of capitalised words (at most 8), with connectors and spaced dashes between them.
CAPSEQ = (
    rf"{CAPW}(?:[ \u00a0]{{1,3}}(?:{CONNECTORS}[ \u00a0]{{1,3}})?{CAPW}"
    # "Islamic State – Khorasan Province"; not a dateline's dash before a sentence
    # ("NEW ORLEANS — An American Army veteran ...")
    rf"|[ \u00a0]?[–—][ \u00a0]?(?!(?:An?|The|In|On|At)[ \u00a0]){CAPW}){{0,7}}"
)
_CAPSEQ_RE = re.compile(CAPSEQ)
#: A quoted name: typographic or straight quotes, 2-100 characters, one line.
QUOTED = r"(?:«([^»\n]{2,100})»|“([^”\n]{2,100})”|„([^“”\n]{2,100})[“”]|\"([^\"\n]{2,100})\"|'([^'\n]{2,100})'|‘([^’\n]{2,100})’)"  # noqa: E501


def quoted(prefix: str) -> str:
    """:data:`QUOTED` with named groups ``{prefix}1`` .. ``{prefix}6`` (to embed it twice)."""
    parts = [
        r"«(?P<{p}1>[^»\n]{{2,100}})»",
        r"“(?P<{p}2>[^”\n]{{2,100}})”",
        r"„(?P<{p}3>[^“”\n]{{2,100}})[“”]",
        r"\"(?P<{p}4>[^\"\n]{{2,100}})\"",
        r"(?<![\w])'(?P<{p}5>[^'\n]{{2,100}})'(?![\w])",
        r"‘(?P<{p}6>[^’\n]{{2,100}})’",
    ]
    return "(?:" + "|".join(part.format(p=prefix) for part in parts) + ")"


def quoted_value(match: re.Match[str], prefix: str) -> tuple[str, int, int] | None:
    """``(content, start, end)`` of the group of :func:`quoted` that matched, stripped."""
    groups = match.re.groupindex
    for k in range(1, 7):
        if f"{prefix}{k}" not in groups:
            return None
        value = match.group(f"{prefix}{k}")
        if value:
            return _strip_span(value, match.start(f"{prefix}{k}"))
    return None


#: Words that describe rather than name (dropped from the ends of a name; a name made only of
#: them is no name). Lower case, all languages.
GENERIC_WORDS = frozenset(
    [
        "the", "a", "an", "of", "for", "and", "in", "on", "at", "by", "to", "its", "their", "his",
        "her", "our", "this", "that", "these", "those", "new", "official", "officially",
        "state-run", "semi-official", "latest", "first", "second", "group", "groups",
        "organization", "organisation", "organizations", "movement", "network", "outfit",
        "faction", "militant", "militants", "terrorist", "terrorists", "jihadist", "jihadi",
        "extremist", "extremists", "armed", "insurgent", "rebel", "islamist", "media", "wing",
        "arm", "outlet", "outlets", "unit", "foundation", "agency", "news", "press", "channel",
        "channels", "magazine", "newsletter", "journal", "publication", "weekly", "monthly",
        "bulletin", "issue", "edition", "number", "no", "production", "productions", "center",
        "centre", "office", "telegram", "website", "site", "группировка", "группировки",
        "группировке", "группировку", "организация", "организации", "организацию", "агентство",
        "агентства", "издание", "издания", "канал", "канала", "журнал", "журнала", "газета",
        "газеты", "выпуск", "террористическая", "террористической", "террористической",
        "экстремистской", "запрещенной", "گروه", "سازمان", "خبرگزاری", "کانال", "مجله", "نشریه",
        "تروریستی", "تکفیری", "رسمی", "تنظيم", "جماعة", "وكالة", "مؤسسة", "قناة", "مجلة", "صحيفة",
        "نشرة", "الإرهابي", "الإرهابية", "الرسمية", "الرسمي",
        # "مؤسسة الزلاقة الذراع الدعائي لتنظيم القاعدة": the outlet, called a propaganda arm
        "الذراع", "ذراع", "الدعائي", "الدعائية", "الإعلامي", "الإعلامية",
    ]
)  # fmt: skip

#: Arabic-script words that end a name (prepositions, conjunctions, common verbs and nouns).
ARABIC_SCRIPT_STOP = frozenset(
    [
        "و", "في", "من", "على", "عن", "إلى", "الى", "الي", "مع", "أن", "ان", "إن", "بأن", "بان",
        "التي", "الذي", "الذين", "هو", "هي", "كان", "كانت", "قد", "لقد", "ثم", "أو", "او", "قال",
        "قالت", "وقال", "وقالت", "أعلن", "اعلن", "أعلنت", "أكد", "أكدت", "ذكرت", "أفادت", "نقلت",
        "بحسب", "حسب", "عبر", "بعد", "قبل", "خلال", "حول", "ضد", "منذ", "لدى", "عند", "بين",
        "تابعة", "التابعة", "الرسمية", "الرسمي", "الإيرانية", "الإيراني", "الدولية", "الإعلامية",
        "للأنباء", "للانباء", "الأنباء", "أنباء", "إعلامية", "رسمية", "محلية", "العدد", "عدد",
        "الإصدار", "الاصدار", "المكنى", "المعروف", "الملقب", "الشهير", "المدعو", "المعروفة",
        "الملقبة", "والمكنى", "از", "به", "در", "با", "که", "را", "تا", "برای", "این", "آن", "بر",
        "یک", "هم", "نیز", "است", "شد", "کرد", "گفت", "می", "های", "ها", "روز", "پس", "پیش",
        "اعلام", "گزارش", "نقل", "خبر", "کسب", "سوی", "علیه", "میان", "درباره", "ولی", "اما", "یا",
        "خود", "وی", "او", "ایشان", "داد",
    ]
)  # fmt: skip


@dataclass(slots=True)
class Candidate:
    """A name a pattern found: ``text[start:end]`` is the evidence, ``name_start:name_end``
    the name inside it (linked to the gazetteer when a known entry matches there)."""

    type: str
    name: str
    start: int
    end: int
    method: str
    confidence: float = 0.8
    name_start: int = -1
    name_end: int = -1
    aliases: list[str] = field(default_factory=list)
    attributes: dict[str, Any] = field(default_factory=dict)
    #: Keep only when a gazetteer entry of a compatible type matches the name ("X No. 15").
    needs_link: bool = False

    def __post_init__(self) -> None:
        if self.name_start < 0:
            self.name_start = self.start
        if self.name_end < 0:
            self.name_end = self.end


@dataclass(frozen=True, slots=True)
class IssueMarker:
    """An issue (and/or volume) number; attached to the nearest publication in its sentence.

    ``adjacent``: the marker only counts right after a publication name ("Dabiq No. 15",
    "Al-Naba #363"), never at a distance.
    """

    start: int
    end: int
    issue: int | None
    volume: int | None = None
    adjacent: bool = False


@dataclass(frozen=True, slots=True)
class Headline:
    """An article title ("headline 'Sibling Quarrel'"): attached to the nearest publication."""

    start: int
    end: int
    text: str


def quoted_headlines(pattern: re.Pattern[str], text: str) -> list[Headline]:
    """Headlines a language's ``pattern`` introduces ("titled", "под заголовком", "با عنوان",
    "بعنوان"), the quoted text in its group ``q``."""
    out: list[Headline] = []
    for m in pattern.finditer(text):
        q = quoted_value(m, "q")
        if q:
            out.append(Headline(q[1], q[2], q[0]))
    return out


# -- small helpers --------------------------------------------------------------------------------

_MAX_ISSUE = 1500
_MAX_VOLUME = 300


def issue_value(
    raw: str, words: dict[str, int] | None = None, maximum: int = _MAX_ISSUE
) -> int | None:
    """An issue number from digits of any script or a number/ordinal word; None when it is
    not a plausible issue number (0, or above ``maximum``: years are not issues)."""
    token = raw.strip().lower()
    value: int | None = None
    if token.isdecimal():
        try:
            value = int(token)
        except ValueError:
            return None
    elif words is not None:
        value = words.get(token)
        if value is None:
            stripped = re.sub(r"(?:st|nd|rd|th)$", "", token)
            if stripped.isdecimal():
                value = int(stripped)
    if value is None or value <= 0 or value > maximum:
        return None
    return value


def volume_value(raw: str) -> int | None:
    """A volume number (1-300)."""
    return issue_value(raw, None, _MAX_VOLUME)


def quoted_at(match: re.Match[str], first_group: int = 1) -> tuple[str, int, int] | None:
    """``(content, start, end)`` of the first non-empty group among the six of :data:`QUOTED`
    starting at group ``first_group``, stripped of edge punctuation."""
    for k in range(first_group, first_group + 6):
        value = match.group(k)
        if value:
            start = match.start(k)
            return _strip_span(value, start)
    return None


_EDGE = " \t\u00a0,.;:!?*(){}\"'«»“”„‘’-–—…"


def _strip_span(value: str, start: int) -> tuple[str, int, int] | None:
    left = len(value) - len(value.lstrip(_EDGE))
    stripped = value.strip(_EDGE)
    if stripped.startswith("[") and "]" not in stripped:
        left += 1
        stripped = stripped[1:]
    if stripped.endswith("]") and "[" not in stripped:
        stripped = stripped[:-1]
    if not stripped:
        return None
    return stripped, start + left, start + left + len(stripped)


def sentence_bounds(text: str, pos: int, reach: int = 300) -> tuple[int, int]:
    """The sentence around ``pos`` (``.!?؟`` or a line break end it), at most ``reach``
    characters either side."""
    lo = max(0, pos - reach)
    hi = min(len(text), pos + reach)
    start = lo
    for m in _SENTENCE_END.finditer(text, lo, pos):
        start = m.end()
    m2 = _SENTENCE_END.search(text, pos, hi)
    end = m2.start() + 1 if m2 else hi
    return start, end


# A full stop ends a sentence only before a space and a capital/non-Latin letter or a line end;
# "No. 15", "Vol. 20" and "U.S." do not.
_SENTENCE_END = re.compile(r"[.!?؟](?=\s+[^\sa-z0-9(]|\s*$)|\n")


def title_case_lines(text: str) -> list[tuple[int, int]]:
    """Spans of lines written in Title Case (headlines: "Islamic State Claims Deadly Attack
    On ..."), where capitalised-sequence patterns would see names everywhere."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        words = re.findall(r"[^\W\d_][\w'’-]*", line)
        content = [w for w in words if w.lower() not in _SMALL_WORDS]
        if len(content) >= 4 and sum(w[0].isupper() for w in content) >= 0.8 * len(content):
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


_SMALL_WORDS = frozenset(
    [
        "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "by", "with",
        "from", "as", "vs", "via",
    ]
)  # fmt: skip


def in_spans(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    """Whether ``[start, end)`` lies inside one of ``spans``."""
    return any(a <= start and end <= b for a, b in spans)


def ar_word(word: str) -> str:
    """A regular expression for an Arabic-script word that tolerates the usual spelling
    variants (alef forms, Arabic/Persian yeh and kaf, teh marbuta/heh at the end)."""
    out = []
    for k, ch in enumerate(word):
        if ch in "اأإآ":
            out.append("[اأإآ]")
        elif ch in "يىی":
            out.append("[يىی]")
        elif ch in "كک":
            out.append("[كک]")
        elif ch in "ةه" and k == len(word) - 1:
            out.append("[ةه]")
        else:
            out.append(re.escape(ch))
    return "".join(out)


#: Arabic-script letters (with harakat, tatweel and ZWNJ; without punctuation and digits).
AR_LETTER = "\u0621-\u063a\u0640-\u065f\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f\u200c"
_AR_TOKEN = re.compile(f"[{AR_LETTER}]+")


#: Arabic short-vowel marks, shadda and sukun, and the dagger alif.
_HARAKAT = re.compile("[\u064b-\u0652\u0670]")


def arabic_name_after(
    text: str,
    pos: int,
    *,
    max_words: int = 3,
    definite_tail: bool = True,
    extra_stop: frozenset[str] = frozenset(),
) -> tuple[str, int, int] | None:
    """An Arabic-script name starting at ``pos``: a quoted name, or 1..``max_words`` words up
    to a stop word or punctuation. With ``definite_tail`` only words with the article ``ال``
    may follow the first one (``الدولة الإسلامية``; an Arabic name ends where the
    construct does). Generic trailing adjectives are dropped."""
    rest = text[pos : pos + 200]
    q = re.match(r"\s{0,2}" + QUOTED, rest)
    if q:
        found = quoted_at(q)
        if found:
            value, a, b = found
            return value, pos + a, pos + b
    words: list[tuple[str, int, int]] = []
    k = 0
    while len(words) < max_words:
        m = re.match(r"[ \u00a0]{1,2}", rest[k:]) if words or rest[k : k + 1].isspace() else None
        if m:
            k += m.end()
        t = _AR_TOKEN.match(rest, k)
        if not t:
            break
        word = t.group()
        # ZWNJ and harakat do not make another word: "مسلّحة" (with a shadda) is "مسلحة"
        bare = _HARAKAT.sub("", word.replace("\u200c", ""))
        if bare in ARABIC_SCRIPT_STOP or bare in extra_stop or len(bare) < 2:
            break
        if words and definite_tail and not (bare.startswith("ال") or bare.startswith("لل")):
            break
        words.append((word, pos + t.start(), pos + t.end()))
        k = t.end()
    while words and words[-1][0] in GENERIC_WORDS:
        words.pop()
    if not words:
        return None
    return " ".join(w for w, _, _ in words), words[0][1], words[-1][2]


def capseq_segments(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """Split a capitalised run into name segments: a possessive ends one (``ISKP's`` |
    ``Al-Azaim Foundation``), an adjective compound (``IS-affiliated``) or a dangling dash
    (``MENAFN-``) is dropped; leading function words, months and weekdays and trailing
    connectors are trimmed."""
    segments: list[list[tuple[str, int]]] = [[]]
    for m in re.finditer(r"\S+", text[start:end]):
        tok, at = m.group(), start + m.start()
        if tok.endswith(("-", "‑")) or _ADJ_COMPOUND.search(tok):
            segments.append([])
            continue
        if _POSSESSIVE.search(tok) and len(tok) > 2:
            stripped = _POSSESSIVE.sub("", tok)
            segments[-1].append((stripped, at))
            segments.append([])
            continue
        segments[-1].append((tok, at))
    out: list[tuple[str, int, int]] = []
    for tokens in segments:
        while tokens and (
            tokens[0][0].lower().strip(",") in _LEADING_STOP
            or tokens[0][0] in CONNECTORS_SET
            or tokens[0][0] in "–—"
        ):
            tokens = tokens[1:]
        while tokens and (tokens[-1][0] in CONNECTORS_SET or tokens[-1][0] in "–—"):
            tokens = tokens[:-1]
        if not tokens:
            continue
        last, last_at = tokens[-1]
        trimmed = last.rstrip(".,;:")
        if not trimmed:
            continue
        a, b = tokens[0][1], last_at + len(trimmed)
        out.append((text[a:b], a, b))
    return out


_POSSESSIVE = re.compile(r"['’]s?$")
_ADJ_COMPOUND = re.compile(r"[-‑][a-z]{2,}$")
CONNECTORS_SET = frozenset(
    [
        "of", "for", "in", "and", "the", "de", "del", "la", "el", "al", "bin", "ibn", "da", "do",
        "dos", "van", "von",
    ]
)  # fmt: skip
_LEADING_STOP = frozenset(
    [
        "the", "a", "an", "this", "that", "these", "those", "in", "on", "at", "by", "for", "from",
        "with", "and", "but", "or", "of", "as", "after", "before", "since", "while", "when",
        "where", "according", "its", "his", "her", "their", "our", "it", "he", "she", "they", "we",
        "i", "if", "then", "also", "however", "meanwhile", "although", "though", "so", "yet",
        "still", "both", "all", "some", "many", "several", "most", "other", "january", "february",
        "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "today", "yesterday", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
        "oct", "nov", "dec", "el", "la", "los", "las", "le", "les", "il", "lo", "gli", "o", "os",
        "um", "uma", "una", "un", "der", "die", "das", "see", "read", "watch", "join", "follow",
        "download", "subscribe", "share", "click", "visit", "listen", "note", "photo",
    ]
)  # fmt: skip


def capseqs(text: str, lo: int = 0, hi: int | None = None) -> Iterator[tuple[str, int, int]]:
    """Name segments of the capitalised runs in ``text[lo:hi]`` (:func:`capseq_segments`)."""
    for m in _CAPSEQ_RE.finditer(text, lo, len(text) if hi is None else hi):
        if m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "_@#/"):
            continue
        yield from capseq_segments(text, m.start(), m.end())


def first_segment(text: str, start: int, end: int) -> tuple[str, int, int] | None:
    """The first name segment of a capitalised run (the name right after a trigger)."""
    segments = capseq_segments(text, start, end)
    if not segments:
        return None
    lead = text[start : segments[0][1]]
    if _POSSESSIVE.search(lead.rstrip()) or _ADJ_COMPOUND.search(lead.rstrip()) or "-" in lead:
        return None  # the run began with something else ("ISKP's X": X is not first)
    return segments[0]


def last_segment(text: str, start: int, end: int) -> tuple[str, int, int] | None:
    """The last name segment of a capitalised run (the name right before a head word)."""
    segments = capseq_segments(text, start, end)
    return segments[-1] if segments and segments[-1][2] == end else None


# -- channels (language-neutral: handles and links) -----------------------------------------------

#: Hosts whose presence near a handle says it is not a Telegram handle.
_TWITTER_HINT = re.compile(r"twitter\.com|\btweet|\bTwitter\b|\bx\.com\b|pic\.twitter", re.I)


def channel_candidates(text: str) -> list[Candidate]:
    """Telegram handles (``@name``: 5-32 letters, digits, underscore; never an e-mail), public
    links (``t.me/name``, ``telegram.me/name``) and invites (``t.me/joinchat/...``,
    ``t.me/+...``, attribute ``invite``), via :func:`propwatch.detect.signals.extract_signals`.
    A handle near Twitter markers (a tweet embed: "— Name (@handle) date" near
    ``pic.twitter.com``) is not a Telegram channel and is skipped."""
    out: list[Candidate] = []
    for sig in extract_signals(text):
        attrs = dict(sig.attributes)
        if sig.type == "telegram_link":
            name = attrs.get("username")
            if not name or attrs.get("kind") in ("service", "phone"):
                continue
            url = f"https://t.me/{name}"
            out.append(
                Candidate("channel", name, sig.start, sig.end, "pattern:telegram_link", 0.95,
                          attributes={"handle": name, "url": url})
            )  # fmt: skip
        elif sig.type == "telegram_invite":
            out.append(
                Candidate("channel", sig.value, sig.start, sig.end, "pattern:telegram_invite",
                          0.9, attributes={"url": sig.value, "invite": True})
            )  # fmt: skip
        elif sig.type == "telegram_handle":
            name = sig.value.lstrip("@")
            attributes: dict[str, Any] = {"handle": name, "url": f"https://t.me/{name}"}
            window = text[max(0, sig.start - 300) : sig.end + 300]
            if _TWITTER_HINT.search(window):
                continue  # a tweet embed's author: not a Telegram channel
            out.append(
                Candidate("channel", name, sig.start, sig.end, "pattern:telegram_handle",
                          0.85, attributes=attributes)
            )  # fmt: skip
    return out


# -- "Long Form (ACR)" definitions ----------------------------------------------------------------

#: Head words that make a long form an organisation / a media outlet.
_ORG_HEADS = frozenset(
    [
        "state", "province", "group", "front", "army", "movement", "party", "organization",
        "organisation", "ministry", "committee", "council", "service", "commission", "corps",
        "guard", "guards", "force", "forces", "brigade", "brigades", "union", "nations",
        "intelligence", "directorate", "bureau", "police", "emirate", "jamaat", "tehreek",
        "taliban", "lashkar", "jaish", "hizb", "harakat", "ansar", "battalion", "battalions",
        "network", "coalition", "alliance", "estado", "grupo", "frente", "ejército", "movimiento",
        "partido", "brigadas", "fuerza", "fuerzas", "guarda", "государство", "группа",
        "группировка", "фронт", "армия", "движение", "партия", "организация", "министерство",
        "комитет", "служба", "союз", "вилаят",
    ]
)  # fmt: skip
_MEDIA_HEADS = frozenset(
    [
        "news", "press", "media", "television", "tv", "radio", "broadcasting", "agency", "agencia",
        "агентство", "новости",
    ]
)  # fmt: skip
_ACRONYM_STOP = frozenset(
    [
        "of", "in", "and", "the", "for", "al", "el", "de", "del", "la", "on", "at",
    ]
)  # fmt: skip


def _initials_match(acronym: str, words: list[str]) -> bool:
    """Whether ``acronym`` spells the initials of ``words``: connectors may be skipped, and a
    hyphenated word may give one letter per part ("Inter-Services" -> "IS")."""
    letters = [c for c in acronym.upper() if c.isalpha()]

    def rec(i: int, w: int) -> bool:
        if i == len(letters):
            return w == len(words)
        if w == len(words):
            return False
        word = words[w]
        if word.lower() in _ACRONYM_STOP and rec(i, w + 1):
            return True
        if word[0].upper() != letters[i]:
            return False
        if rec(i + 1, w + 1):
            return True
        parts = [p for p in re.split(r"[-‑]", word) if p]
        if len(parts) < 2 or i + len(parts) > len(letters):
            return False
        if all(part[0].upper() == letters[i + k] for k, part in enumerate(parts)):
            return rec(i + len(parts), w + 1)
        return False

    return rec(0, 0)


_ACR_DEF = re.compile(
    r"\((?:the\s)?([A-ZА-ЯЁ][\w–‑-]{1,11})((?:\s(?:or|/|или)\s[\w–‑-]{2,12}){0,2})\)"
)
_ACR_SHAPE = re.compile(r"[^\W\d_]*[a-zа-яё]{3}")
_LONG_WORD = re.compile(r"[^\W_][\w'’‑-]*")
_LONG_GAP = re.compile(r"[ \u00a0]{1,3}|[ \u00a0]?[–—-][ \u00a0]?")


#: A long form opening on a rank names an officer: "Senior Superintendent of Police (SSP)".
_RANK_WORDS = frozenset(
    ["deputy", "senior", "superintendent", "inspector", "assistant", "additional",
     "commissioner", "spokesman", "spokesperson"]
)  # fmt: skip


def acronym_candidates(text: str) -> list[Candidate]:
    """ "Islamic State Pakistan Province (ISPP)": the long form becomes an entity with the
    acronym as alias, typed by its head words (organisation or media outlet); a long form
    without such a head ("Coordinated Universal Time (UTC)") is skipped."""
    out: list[Candidate] = []
    for m in _ACR_DEF.finditer(text):
        acronym = m.group(1)
        if sum(c.isupper() for c in acronym) < 2 or _ACR_SHAPE.match(acronym):
            continue
        alternates = [a for a in re.split(r"\s(?:or|/|или)\s", m.group(2) or "") if a.strip()]
        span = _find_long_form(text, m.start(), acronym)
        if span is None:
            continue
        a, b = span
        long_form = text[a:b]
        words = _LONG_WORD.findall(long_form)
        if words and words[0].lower() in _RANK_WORDS:
            continue  # "Deputy Inspector General of Police (DIGP)": an officer's rank, no body
        heads = {w.lower() for w in words}
        if heads & _MEDIA_HEADS and not heads & {"state", "province", "ministry", "service"}:
            type_ = "media_outlet"
        elif heads & _ORG_HEADS:
            type_ = "organization"
        else:
            continue
        aliases = [acronym, *(x.strip() for x in alternates)]
        out.append(Candidate(type_, long_form, a, b, "pattern:acronym", 0.8, aliases=aliases))
    return out


def _find_long_form(text: str, paren: int, acronym: str) -> tuple[int, int] | None:
    lo = max(0, paren - 160)
    before = text[lo:paren]
    words = list(_LONG_WORD.finditer(before))
    if not words or before[words[-1].end() :].strip():
        return None
    n_letters = sum(c.isalpha() for c in acronym)
    cyrillic = bool(re.search("[А-ЯЁ]", acronym))
    for take in range(1, min(len(words), n_letters + 4) + 1):
        chosen = words[-take:]
        gap = before[chosen[0].end() : chosen[1].start()] if take > 1 else " "
        if not _LONG_GAP.fullmatch(gap):
            break
        first = chosen[0].group()
        if not first[0].isupper():
            if first.lower() in _ACRONYM_STOP or cyrillic:
                continue  # Russian names are lower case after the first word
            break
        if _initials_match(acronym, [w.group() for w in chosen]):
            return lo + chosen[0].start(), lo + chosen[-1].end()
    return None


# -- kunyas (Latin, Cyrillic, Arabic script) ------------------------------------------------------

_NOT_PERSON_ABU = frozenset(
    (
        "dhabi", "ghraib", "kamal", "musa", "simbel", "sayyaf", "dis", "hamour", "zabi", "zaby",
        "ghurayb", "dhaby", "abu", "umm", "даби", "грейб", "кемаль", "сайяф", "ظبي", "غريب",
        "كمال", "سياف", "ظبى",
    )
)  # fmt: skip
_CAP_LAT = rf"[{UPPER}][{LOWER}'’]{{1,20}}(?![\w'’‑-])"
_NISBA_LAT = rf"(?:[Aa]l|[Ee]l|[Aa][dnrstz]|[Aa]sh)[-‑‐][{UPPER}][{LOWER}'’]{{1,20}}(?![\w'’‑-])"
_KUNYA_LAT = re.compile(
    rf"\b(Abu|Abou|Abū|Umm)[ -‑]({_CAP_LAT}|al-{_CAP_LAT})"
    rf"((?:[ ](?:bin |ibn )?{_CAP_LAT}(?![ ](?:News|Agency|Foundation|Media|Province)\b)){{0,1}})"
    rf"((?:[ ]{_NISBA_LAT}){{0,3}})"
)
_CAP_CYR = r"[А-ЯЁ][а-яё]{1,20}(?![\w-])"
_KUNYA_CYR = re.compile(
    rf"(?<![\w-])(Абу|Умм)[ -‑]({_CAP_CYR})((?:[ ]{_CAP_CYR}){{0,1}})"
    rf"((?:[ ](?:[Аа]ль|[Аа]ш|[Аа]т|[Аа]н|[Аа]с|[Аа]р|[Аа]д|[Аа]з)-{_CAP_CYR}){{0,3}})"
)
_AR_LETTERS = f"[{AR_LETTER}]"
_KUNYA_AR = re.compile(
    rf"(?<!{_AR_LETTERS})(أبو|ابو|أبي|أبا|ابي|ابا|اَبو)[ \u00a0]({_AR_LETTERS}{{2,20}})"
    rf"((?:[ \u00a0]ال{_AR_LETTERS}{{2,20}}){{0,3}})"
)


def kunya_candidates(text: str) -> list[Candidate]:
    """``Abu/Abou/Umm/Абу/أبو`` + a name (+ one more name) + nisbas (``al-Tajiki``): a person
    with attribute ``kunya`` ("Abu Muhammad"). Place names that start with Abu (Abu Dhabi,
    Abu Ghraib...) are excluded."""
    out: list[Candidate] = []
    for regex, script in ((_KUNYA_LAT, "lat"), (_KUNYA_CYR, "cyr"), (_KUNYA_AR, "ar")):
        for m in regex.finditer(text):
            second = m.group(2)
            if re.sub("['’]s$", "", second.lower()) in _NOT_PERSON_ABU:
                continue  # "Abu Dhabi", "The Abu Sayyaf’s Hapilon"
            end = m.end()
            name = text[m.start() : end].rstrip(" ,.")
            if script == "ar":
                # Drop trailing generic words ("أبو بكر الإرهابي" is still Abu Bakr).
                parts = name.split()
                while len(parts) > 2 and parts[-1] in GENERIC_WORDS | ARABIC_SCRIPT_STOP:
                    parts.pop()
                name = " ".join(parts)
            end = m.start() + len(name)
            kunya = f"{m.group(1)} {second}"
            out.append(
                Candidate("person", name, m.start(), end, "pattern:kunya", 0.8,
                          attributes={"kunya": kunya})
            )  # fmt: skip
    return out


#: A wire dateline with the agency's credit after a dash, at the start of a line near the
#: top: "БИШКЕК, 30 авг — Sputnik.", "MOSCOW, March 23 – RIA Novosti." (a city in capitals,
#: a date, the credit ending in a full stop).
_DATELINE_CREDIT = re.compile(
    r"(?m)^[ \t]*[A-ZА-ЯЁҶҲҚҒӮЎ][A-ZА-ЯЁҶҲҚҒӮЎ'’ -]{2,30}, [^\n—–]{1,24}? [—–-] "
    r"(?P<name>[A-ZА-ЯЁ][\w-]+(?: [A-ZА-ЯЁ][\w-]+){0,2})\.(?=\s)"
)


#: ... and with the credit in brackets before the dash: "CAMP SIONGCO, Maguindanao (MindaNews
#: / 18 Feb) – ", "PESHAWAR, (UrduPoint / Pakistan Point News - 19th Jun, 2019 ) :",
#: "TEHRAN (Tasnim) – ".
_DATELINE_BRACKET_CREDIT = re.compile(
    r"(?m)^[ \t]*[A-Z][A-Z'’ .-]{2,30}(?:,[ \t]*[A-Z][\w'’.-]*(?:[ \t][A-Z][\w'’.-]*){0,2})?"
    r"[ \t]*,?[ \t]*\((?P<credit>[^()\n]{2,60})\)[ \t]*[—–:-]"
)
#: One credited outlet inside the brackets: capitalised words, no digits ("Pakistan Point News").
_CREDIT_NAME = re.compile(r"[A-Z][\w'’.]*(?:[ ][A-Z][\w'’.]*){0,3}")


def dateline_credit_candidates(text: str) -> list[Candidate]:
    """The agency credited in a wire dateline ("ДУШАНБЕ, 27 ноя — Sputnik.", "PESHAWAR,
    (UrduPoint / Pakistan Point News - 19th Jun, 2019 ) :"): a media outlet, also where its
    bare name is too common a word for the gazetteer to list ("Sputnik")."""
    out: list[Candidate] = []
    top = min(len(text), 1500)
    for m in _DATELINE_CREDIT.finditer(text, 0, top):
        a, b = m.span("name")
        out.append(Candidate("media_outlet", m.group("name"), a, b, "pattern:dateline_credit",
                             0.8))  # fmt: skip
    for m in _DATELINE_BRACKET_CREDIT.finditer(text, 0, top):
        base = m.start("credit")
        for part in re.finditer(r"[^/|]+", m.group("credit")):
            piece = part.group().split(" - ")[0].strip()
            name = _CREDIT_NAME.fullmatch(piece)
            if name is None or any(ch.isdigit() for ch in piece):
                continue
            a = base + part.start() + part.group().index(piece)
            out.append(Candidate("media_outlet", piece, a, a + len(piece),
                                 "pattern:dateline_credit", 0.8))  # fmt: skip
    return out

