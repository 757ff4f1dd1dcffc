"""Attack events from text: what happened, when, where, to whom, how many, and who claimed it.

:func:`find_events` reads one text (a news article, a Telegram post) with the entities another
stage found in it, and returns :class:`~propwatch.extract.model.Event` records. It is a rule
system over a small multilingual lexicon (en, ru, fa, ar, tr, tg, uz, ky, ps, and basic es, pt,
it, fr, de), built so every field points back to the sentence that supports it:

1. The text is split into sentences (offsets kept; ``. ! ? ؟ ؛`` and newlines; common
   abbreviations such as "Jan." and "U.S." do not end a sentence; hard-wrapped lines are
   joined back).
2. Each sentence is searched, on a folded copy (lower case, Arabic-script letter variants and
   diacritics folded, ZWNJ as space) mapped back to the original offsets, for attack triggers
   (type from the trigger: ``suicide_bombing`` > ``hostage_taking`` > ``rocket_attack`` >
   ``bombing`` > ``shooting`` > ``stabbing`` > ``arson`` > ``attack``; "foiled", "prevented",
   "предотвратили", "خنثی", "أحبط" make it ``foiled_attack``), casualty figures, claims of
   responsibility (negated claims such as "no group has claimed" are not claims) and their
   channel, perpetrators, targets, dates (:func:`propwatch.extract.dates.find_dates`) and
   places (place entities; "Tajikistan-born", "the Afghanistan branch", "Iran's president"
   are not the scene). Ordinary words ("attack", "explosion") need a violence word nearby
   ("killed", "terrorist", a group) to start an event; talk about attacks in general
   ("countering terrorist attacks"), accidents ("gas explosion") and metaphors ("killed it",
   "heart attack") are not triggers.
3. A casualty figure is a number (:func:`propwatch.extract.numbers.find_numbers`, digits and
   words) tied to a death or injury word either after it ("15 people were killed", "15 شهيدا")
   or before it ("killing 15", "death toll rose to 20", "مقتل 15", "погибли 145"), with its
   qualifier ("at least", "более", "دستکم", "على الأقل" after the noun, "40+") and its
   attribution when the sentence says who gave it ("according to IRNA", "state TV said",
   "وفق ما أفاد التلفزيون", "по данным МЧС", "(Tasnim, October 26, 2022)"). Conflicting
   figures are all kept, in text order, each with its own attribution; exact repeats (same
   value, qualifier and source) are listed once. "Two of the dead", "3 gunmen", years and
   footnote markers are not tolls.
4. Sentences are grouped into events. Each trigger takes the dates, places, figures and
   claims nearest to it in its sentence; neighbouring triggers merge ("was attacked by two
   bomb explosions"), and a trigger naming several countries ("rocket attacks against
   Uzbekistan in April and Tajikistan in May") is split per country. A trigger joins the
   event the narrative is about unless its date (another day) or place (another country or
   city) says otherwise; then it joins an earlier event with the same day, city or target
   ("the shrine attack"), or starts a new one, so a background paragraph about a 2008
   bombing neither absorbs nor is absorbed by the main attack. An event named only for
   comparison ("the deadliest since the Beslan school siege in 2004") is kept but does not
   take the sentences that follow. A sentence with figures or a claim but no trigger
   belongs to the event the narrative is about, unless its own date points elsewhere; an
   infobox or headline before the first trigger joins the first event.
5. Without ``doc_date``, a short dateline near the top ("خبرگزاری فارس , 5 آبان 1401 00:03")
   dates the text for weekday and relative dates. The event date is the most precise of its
   dates, explicit or stated before weekday guesses, and the earliest of those (captions
   and reports come after the attack).

Events with no date, no place and no figures are dropped. ``confidence`` grows with the
evidence found (trigger strength, date, place, figures, claim).

Hostile input is bounded: the text is cut at :data:`MAX_TEXT_CHARS`, overlong "sentences" are
cut into chunks, and figures, triggers and events are capped.
"""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import functools
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from propwatch.extract.dates import find_dates
from propwatch.extract.model import DateValue, Entity, Event, Figure, Span
from propwatch.extract.numbers import ABLATIVE_MORE, DATIVE, NumberSpan, find_numbers
from propwatch.knowledge.gazetteer_model import Gazetteer

__all__ = ["MAX_EVENTS", "MAX_FIGURES", "MAX_TEXT_CHARS", "find_events", "may_report_attack"]

#: Longest text read (characters); the rest is ignored.
MAX_TEXT_CHARS = 200_000
#: At most this many events per text, and figures per event and kind.
MAX_EVENTS = 50
MAX_FIGURES = 30
_MAX_SENTENCE = 1_500
_MAX_TRIGGERS = 2_000
_MAX_EVIDENCE = 30
_MAX_ENTITY = 300  # longest entity mention looked back for (characters)
#: How many sentences back a headline, infobox or weak mention may wait for its event.
_LOOK_BACK = 12

# --------------------------------------------------------------------------------------------
# Folding: a lower-cased copy for matching, with a map back to original offsets.

_FOLD_MAP: dict[str, str] = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ې": "ي", "ۍ": "ي",
    "ك": "ک", "ۀ": "ه", "ە": "ه", "ـ": "", "\u200c": " ", "\u200d": "", "\u200f": "",
    "\u200e": "", "\u00ad": "", "ё": "е", "’": "'", "ʻ": "'", "‘": "'", "ʼ": "'", "`": "'",
    "٪": "%", "\u00a0": " ",
}  # fmt: skip
_AR_MARKS = {chr(c) for c in range(0x064B, 0x0660)} | {"\u0670"}


def _fold_char(ch: str) -> str:
    mapped = _FOLD_MAP.get(ch)
    if mapped is not None:
        return mapped
    if ch in _AR_MARKS:
        return ""
    low = ch.lower()
    return low if len(low) == 1 else ch


def _fold_pattern(pattern: str) -> str:
    """Fold the letters of a pattern written in ordinary script (regex syntax untouched)."""
    return "".join(_FOLD_MAP.get(ch, "" if ch in _AR_MARKS else ch) for ch in pattern)


class _FoldTable(dict[int, str | None]):
    """``str.translate`` table built on demand from :func:`_fold_char` (None deletes)."""

    def __missing__(self, code: int) -> str | None:
        folded = _fold_char(chr(code))
        value = folded or None
        self[code] = value
        return value


_FOLD_TABLE = _FoldTable()


@dataclass(slots=True)
class _Folded:
    """``text`` folded; ``pos[i]`` is the original index of folded character ``i``."""

    text: str
    pos: list[int]

    @classmethod
    def of(cls, text: str) -> _Folded:
        # Fast path (C speed): every character folds to exactly one character, so
        # positions are the identity; characters that vanish (marks, tatweel) need the loop.
        fast = text.translate(_FOLD_TABLE)
        if len(fast) == len(text):
            return cls(fast, list(range(len(text) + 1)))
        chars: list[str] = []
        pos: list[int] = []
        for i, ch in enumerate(text):
            folded = _fold_char(ch)
            if folded:
                chars.append(folded)
                pos.append(i)
        pos.append(len(text))
        return cls("".join(chars), pos)

    def orig(self, start: int, end: int) -> tuple[int, int]:
        """Original span of folded ``[start, end)``."""
        if end <= start:
            return self.pos[start], self.pos[start]
        return self.pos[start], self.pos[end - 1] + 1

    def at(self, orig_offset: int) -> int:
        """Folded index of the first character at or after an original offset."""
        return bisect.bisect_left(self.pos, orig_offset)


# --------------------------------------------------------------------------------------------
# Lexicon. Patterns are written lower case in ordinary script and folded when compiled.

_AR = r"(?:[وف])?(?:[بلک])?(?:ال)?"  # Arabic clitics: wa-/fa- + bi-/li-/ka- + al-


def _rx(*alternatives: str, left: bool = True) -> re.Pattern[str]:
    """One pattern for many alternatives, starting at a word start; an alternative that does
    not end in ``\\w*``/``\\w+`` must also end at a word end."""
    parts = [
        (_AR if "\u0600" <= a[:1] <= "\u06ff" else "")  # Arabic-script clitics
        + _fold_pattern(a)
        + ("" if a.endswith(("\\w*", "\\w+", "'?", "(?=\\w)")) else r"(?!\w)")
        for a in alternatives
    ]
    return re.compile((r"(?<!\w)" if left else "") + "(?:" + "|".join(parts) + ")")


@dataclass(frozen=True, slots=True)
class _TriggerRule:
    pattern: re.Pattern[str]
    type: str
    strong: bool  # opens an event without any other violence word in the sentence
    languages: frozenset[str] = frozenset()  # empty: any language


def _rule(type_: str, strong: bool, *alts: str, langs: str = "") -> _TriggerRule:
    return _TriggerRule(_rx(*alts), type_, strong, frozenset(langs.split()))


_TRIGGERS: tuple[_TriggerRule, ...] = (
    # suicide bombing
    _rule("suicide_bombing", True,
          r"suicid(?:e|al)[\s-]+(?:bomb\w*|attack\w*|blast\w*|vest\w*|belt\w*|explosion\w*|"
          r"operation\w*|car bomb\w*)", r"self[\s-]detonat\w+", r"blew (?:himself|themselves) up",
          r"detonated (?:his|their|an?) explosive (?:vest|belt)s?",
          # "armed with an automatic rifle and a fake explosive vest" (Vienna 2020): no bombing
          r"(?<!fake )(?<!hoax )(?<!dummy )explosive (?:vest|belt)s?",
          r"смертни\w+", r"самоподрыв\w*", r"террорист\w*[\s-]смертни\w+",
          # "один из которых подорвал себя" (one of whom blew himself up)
          r"(?:подорвал|взорвал)\w* себя",
          r"عملي(?:ة|ات) (?:انتحاري|استشهادي)\w*", r"انتحاري\w*", r"حزام\w* (?:ال)?ناسف\w*",
          # "فجر سترته الناسفة" (detonated his explosive vest)
          r"ستر(?:ه|ة|ت)\w* (?:ال)?ناسف\w*",
          r"عمليات\s?(?:انتحاري|استشهادي)", r"بمب\s?گذار\s?انتحاري", r"عمليات استشهادي\w*",
          r"انتحاري", r"ځانمرگ\w*", r"ځانمرګ\w*",
          # "فجر نفسه" (blew himself up), "فجرت نفسها", "خود را منفجر کرد"
          r"[وف]?[يت]?فجر\w* نفس\w*", r"خود(?:ش)? را منفجر\w*",
          r"intihar saldır\w*", r"canlı bomba\w*", r"xudkush\w*", r"o'zini portlat\w*",
          r"маргталаб\w*", r"худкуш\w*", r"ҳамлаи интиҳорӣ",
          # Tajik "суъиқасди интиҳорӣ" (a suicide attack)
          r"суъ?иқасди интиҳорӣ", r"жанкечти\w*",
          r"atentado suicida", r"ataque suicida", r"homem[\s-]bomba", r"kamikazes?",
          r"attentato suicida", r"attentat[\s-]suicide", r"selbstmordanschlag\w*",
          # "um casal de terroristas suicidas ativou seus cintos explosivos", "camicazes",
          # "se fizeram explodir", "s'est fait exploser", "si è fatto esplodere"
          r"(?:terroristas?|bombistas?) suicidas?", r"camicazes?", r"terroristes? kamikazes?",
          r"cintos? explosivos?", r"cinturon(?:es)? explosivos?", r"ceintures? explosives?",
          r"gilets? explosifs?", r"cintur[ae] esplosiv[ae]", r"sprengstoff(?:gürtel|weste)\w*",
          r"se (?:fez|fizeram) explodir", r"se (?:hizo|hicieron) (?:estallar|explotar)",
          r"s['’]est fait exploser", r"se sont fait exploser",
          r"si (?:è|sono) fatt[oi] esplodere", r"sprengte\w* sich", r"kendini patlat\w*"),
    # rocket / mortar
    _rule("rocket_attack", True,
          r"rocket (?:attack|assault|strike|fire|barrage)s?", r"rockets? (?:were|was) fired",
          r"fired rockets?", r"mortar (?:attack|shell\w*|fire|round)s?",
          r"missile (?:attack|strike)s?", r"ракетн\w+ (?:удар|обстрел|атак)\w*",
          r"минометн\w+ обстрел\w*", r"حمله\s?(?:ي)?\s?(?:موشکي|راکتي)",
          r"(?:هجوم|قصف) صاروخي\w*", r"قصف\w* ب(?:ال)?صواريخ", r"roketli saldır\w*",
          r"raketa hujum\w*", r"ракета\w* ҳуҷум\w*", r"ҳамлаи мушакӣ", r"ракетал\w* чабуул\w*",
          r"raketa\w* otil\w*", r"ракета\w* отил\w*", r"ракета\w* ҳужум\w*",
          r"ракета\w* партоб\w*", r"ракета\w* атыл\w*",
          r"راکټي برید\w*", r"ataque con cohetes", r"ataque com foguetes"),
    _rule("rocket_attack", False, r"shelling", r"обстрел\w*", r"خمپاره", r"قصف\w*"),
    # hostage taking
    _rule("hostage_taking", True,
          r"hostage[\s-]taking", r"took (?:\w+ )?hostages?", r"taken hostage", r"hostage crisis",
          r"захват\w* заложник\w*", r"взяли? в заложник\w*",
          r"захват\w* (?:[^\s.,;]+ ){0,3}в заложник\w*", r"گروگان\s?گيري",
          r"احتجاز (?:ال)?رهائن", r"rehine (?:aldı|alma\w*)", r"garovga ol\w*", r"гаравгон\w*",
          r"барымтага ал\w*", r"toma de rehenes", r"presa de ostaggi", r"prise d'otages",
          r"tom\w+ (?:\w+ ){0,2}(?:como )?rehenes", r"fizeram (?:\w+ ){0,2}reféns",
          r"tomada de reféns", r"pris\w* en otages?", r"pres[oi] in ostaggio",
          r"geiselnahme\w*", r"geiseln? genommen"),
    _rule("hostage_taking", False, r"siege", r"осад\w*", r"hostages?", r"rehenes", r"reféns",
          r"otages?", r"ostaggi\w*", r"geiseln"),
    # bombing
    _rule("bombing", True,
          r"(?:car |truck |roadside |twin |double |nail |pipe )?bombings?", r"car bombs?",
          r"bomb (?:attack|blast|explosion)s?", r"improvised explosive devices?", r"ieds?",
          r"bombed", r"(?:twin|double) (?:blasts|explosions)", r"взрывн\w+ устройств\w*",
          r"теракт\w* с (?:применением|использованием) взрывчатк\w*", r"подрыв\w*",
          r"بمب\s?گذاري\w*", r"انفجار\w* (?:بمب|تروريستي|انتحاري)", r"تفجير\w*",
          r"عبو\w* (?:ال)?ناسف\w*",
          r"سيار\w* (?:ال)?مفخخ\w*", r"bombalı saldır\w*", r"bomba\w* (?:patla\w*|saldır\w*)",
          r"bombali hujum\w*", r"бомбгузор\w*", r"bombardeo\w*", r"atentado con bomba",
          # Uzbek "бомба портлади", Kyrgyz "бомба жарылды" (a bomb went off)
          r"bomba portla\w*", r"бомба портла\w*", r"бомба жарыл\w*",
          # Persian and Dari car bombs: "یک موتر بمب", "خودروی بمب‌گذاری‌شده", "موتر مملو از
          # مواد انفجاری"
          r"(?:موتر|ماشين|خودرو)\w* بمب\w*", r"(?:موتر|ماشين|خودرو)\w* (?:مملو|پر) از مواد انفجاري",
          r"bombas? explod\w*", r"bombe? esplos\w*", r"attentato dinamitardo",
          r"bombenanschlag\w*"),
    _rule("bombing", False,
          r"blasts?", r"explosions?", r"exploded", r"detonat\w+", r"взрыв\w*", r"взорва\w*",
          r"انفجار\w*",
          r"patlama\w*", r"patlat\w*", r"portlash\w*", r"portla\w+", r"портлаш\w*",
          r"таркиш\w*", r"инфиҷор\w*", r"жарыл\w*", r"жардыр\w*", r"چاودن\w*",
          # Kyrgyz "Миналанган автоунаа" (a mined car: a car bomb)
          r"миналанган (?:авто)?унаа\w*", r"миналанган машина\w*",
          # Tajik "бумби ... мунфаҷир шудааст" (a bomb went off)
          r"мунфаҷир\w*", r"бумб\w*",
          # Persian and Dari "منفجر شد" (went off), "منفجر گردید"
          r"منفجر (?:شد|شده|شدند|گرديد|گرديده)\w*",
          r"و?الوځ\w*", r"explosi[oó]n\w*",
          r"explosão", r"explosões", r"esplosion\w*", r"explosion\w*", r"explosion",
          r"explosiones", r"bomba", r"bombe?", r"bombs?",
          # "explodierten ... Sprengsätze" (explosive devices went off)
          r"explodiert\w*", r"sprengs[aä]tz\w*",
          # "o terrorista detonou um caminhão", "detonó su chaleco", "a fait exploser"
          r"deton(?:ou|aram|ó|aron|ò|arono|ato|ata|é|èrent)", r"(?:a|ont|ha|hanno) fatto esplodere",
          r"(?:a|ont) fait exploser", r"fez explodir", r"hizo estallar",
          # mines and roadside devices: "askerleri taşıyan araç mayına çarptı", "un véhicule
          # détruit par une mine", "a roadside mine", "engin explosif improvisé"
          r"landmines?", r"roadside mines?", r"(?:hit|struck|ran over) an? (?:land|roadside )?mine",
          r"mayın\w*", r"el yapımı patlayıcı\w*", r"engins? explosifs?(?: improvisés?)?",
          r"(?:sauté|sautés|sautée|sautées) sur une mine", r"(?:détruit|touché)e?s? par une mine",
          r"minas? terrestres?", r"artefactos? explosivos?", r"engenhos? explosivos?",
          r"ordign\w* esplosiv\w*", r"фугас\w*", r"подорва\w* на мин\w*",
          # Iranian "مین" and Dari "ماین" (a planted or roadside mine)
          r"م(?:ا)?ين\s?(?:کنار جاده|جاسازي|کنار جاده اي)\w*"),
    # shooting
    _rule("shooting", True,
          r"mass shootings?", r"(?:opened|open|opening) fire", r"gun (?:attack|assault)s?",
          r"shooting (?:attack|spree|rampage)s?", r"gunmen (?:attack\w*|storm\w*|kill\w*)",
          r"shot dead", r"открыл\w* (?:огонь|стрельбу)", r"расстрел\w*",
          r"تيراندازي\s?(?:ي)?\s?(?:تروريستي|مسلحانه)", r"شليک (?:کرد|کردند|کرده)\w*",
          r"گلوله\s?باري", r"[ايت]?طلق\w* (?:ال)?(?:نار|رصاص)",
          # Persian "مراسم رژه را به رگبار بستند" (sprayed the parade with gunfire), "به گلوله
          # بستند" (shot at)
          r"به\s+(?:رگبار|گلوله)\s+(?:بست|بسته|مي\s?بند)\w*",
          r"اطلاق (?:ال)?نار",
          r"فتح\w* (?:ال)?نار", r"اطلاق (?:ال)?رصاص", r"هجوم\w* مسلح\w*", r"هجوم\w* بالرصاص",
          r"silahlı saldır\w*", r"ateş açt\w*", r"o't ochdi\w*", r"o'qqa tut\w*", r"ўққа тут\w*",
          r"o'q uzdi\w*", r"ўқ уз\w*",
          r"тирпаронӣ", r"ок атышуу", r"ډزې? وکړ\w*", r"tiroteo\w*", r"tiroteio\w*",
          r"sparatoria\w*", r"fusillade\w*", r"schießerei\w*",
          # "avait ouvert le feu", "abrió fuego", "ha aperto il fuoco", "abriu fogo"
          r"ouv\w+ le feu", r"abri\w+ (?:el )?fuego", r"apert\w+ il fuoco", r"aprì il fuoco",
          r"abri\w+ fogo",
          r"feuer (?:auf (?:\w+ ){1,3})?eröffne\w*", r"eröffnete\w* (?:\w+ ){0,3}das feuer"),
    _rule("shooting", False,
          r"shootings?", r"gunfire", r"стрельб\w*", r"перестрелк\w*", r"تيراندازي",
          r"otishma\w*", r"отишма\w*", r"атышуу", r"ډزې", r"тирандозӣ", r"тирпаронӣ"),
    # stabbing
    _rule("stabbing", True,
          r"stabbings?", r"stabbed", r"knife (?:attack|assault)s?", r"slashing attacks?",
          r"hacked to death", r"нападени\w* с нож\w*", r"поножовщин\w*", r"резня",
          r"حمله\s?(?:ي)?\s?با چاقو", r"چاقو\s?(?:کشي|زد\w*)", r"طعن\w*", r"هجوم\w* بسکين",
          r"bıçaklı saldır\w*", r"bıçakla\w*", r"pichoq\w*", r"пичоқ\w*", r"корд\w*",
          r"бычак\w*", r"apuñal\w*", r"esfaque\w*", r"accoltell\w*", r"messerangriff\w*",
          r"messerattacke\w*", r"(?:ein|nieder)gestochen", r"erstochen",
          r"attaques? au couteau", r"ataques? con (?:un )?cuchillo", r"ataques? com (?:uma )?faca",
          r"attacc(?:o|hi) con (?:un )?coltello",
          r"напал\w* с нож\w*"),
    # vehicle ramming: "a van ploughed into pedestrians", "camion-bélier", "atropello masivo"
    _rule("vehicle_ramming", True,
          r"(?:vehicle|car|truck|lorry|van)[\s-]ramming(?: attack)?s?", r"ramming attacks?",
          r"(?:truck|lorry|van) (?:attack|rampage)s?",
          r"(?:drove|driven|driving|ploughed|plowed|ploughing|plowing|rammed|ramming|smashed|"
          r"careered|careening|mowed|mowing) (?:\w+ ){0,4}(?:into|through|down) (?:a |the )?"
          r"(?:crowds?|pedestrians|people|passers-by|revellers|shoppers|worshippers)",
          r"rammed (?:a|the) (?:group|crowd)\w*",
          r"наезд\w* (?:\w+ )?на (?:толпу|людей|пешеходов)", r"въехал\w* в толпу",
          r"عملي\w* دهس", r"(?:kamyon|tır|araç)(?:la|lа) (?:düzenlenen )?saldırı\w*",
          r"atropello\w* (?:masivo|múltiple)\w*",
          r"(?:arroll|atropell)\w* a (?:decenas|cientos|centenares|una multitud|la multitud|"
          r"la muchedumbre)", r"ataque con (?:una |un )?(?:furgoneta|camión|vehículo)",
          r"atentado con (?:una |un )?(?:furgoneta|camión|vehículo)",
          r"camion[\s-]bélier", r"voiture[\s-]bélier", r"attentat au camion",
          r"fonc\w* (?:\w+ ){0,3}sur la foule", r"(?:lkw|lastwagen)[\s-]?anschlag\w*",
          r"(?:in|durch) (?:die|eine) menschenmenge (?:\w+ ){0,4}(?:gerast|gefahren|rast|fuhr)",
          r"amokfahrt\w*", r"(?:camion|furgone) (?:\w+ )?sulla folla",
          r"atropel\w* (?:a |uma )?(?:multidão|dezenas|centenas)",
          # Uzbek "yuk mashinasi ... odamlarni bosib ketgan" (ran people over), "одамларни
          # машинасига бостириб" (ramming people with his car)
          r"odamlarni (?:\w+ ){0,2}bos(?:ib|tirib)\w*",
          r"одамларни (?:\w+ ){0,2}бос(?:иб|тириб)\w*",
          # Tajik "ронандаи боркаш ... чанде аз дучархасароёнро пахш кард" (the truck driver ran
          # over several cyclists), Kyrgyz "жүк ташуучу унаа менен элди тебелетип" (trampled the
          # people with a truck)
          r"(?:дучархасар|одам|пиёдагард|мардум|велосипедрон)\w* (?:\w+ ){0,2}пахш\w*",
          r"(?:элди|адамдарды|жөө\s?жүргүнчүлөрдү) (?:\w+ ){0,2}тебел\w*",
          # Turkish "minibüs hızla kalabalığın arasına daldı" (a minibus sped into the crowd),
          # "yayaların arasına dalan kamyon"
          r"(?:kalabalığ|yayalar|insanlar)\w* (?:arasına |içine |üzerine )?(?:dal|sür)\w*"),
    # arson
    _rule("arson", False,
          r"arson", r"set (?:fire to|on fire|ablaze)", r"torched", r"firebomb\w*", r"поджог\w*",
          r"подожгл\w*", r"آتش\s?زد\w*", r"اضرام (?:ال)?نار", r"احراق\w*", r"kundaklama\w*",
          r"o't qo'y\w*", r"incendi[oó] provocado", r"in brand gesteckt", r"in brand gesetzt"),
    # generic attack
    _rule("attack", True,
          r"terror(?:ist)? (?:attack|assault|act|plot|operation|incident)s?",
          r"acts? of terror(?:ism)?", r"massacres?", r"terrorist bombings?",
          r"теракт\w*", r"террористическ\w+ (?:акт|атак|нападени|акци)\w*", r"бойн\w+",
          r"حمله\s?(?:ي)?\s?(?:تروريستي|مسلحانه)\w*", r"حادثه\s?(?:ي)?\s?تروريستي",
          r"عمليات\s?(?:ي)?\s?تروريستي", r"اقدام\s?(?:ي)?\s?تروريستي", r"کشتار\w*",
          r"هجوم\w* (?:ال)?ارهابي\w*", r"اعتداء\w* (?:ال)?ارهابي\w*",
          r"(?:ال)?عمل\w* (?:ال)?ارهابي\w*",
          r"عملي\w* (?:ال)?ارهابي\w*", r"مجزر\w*", r"جريم\w* (?:ال)?ارهابي\w*",
          r"terör saldırı\w*", r"terör eylem\w*", r"katliam\w*", r"terakt\w*",
          # massacre: "Massaker", "masacre", "strage", "Египеттеги кыргын", "qirg'in"
          r"massaker\w*", r"masacres?", r"massacro", r"massacri", r"strag[ei]",
          # a killing spree: "la tuerie de l'école Ozar-Hatorah", "la matanza", "l'eccidio"
          r"tueries?", r"matanzas?", r"eccidi[oi]", r"chacinas?",
          r"кыргын\w*", r"qirg['‘’ʻ]in\w*", r"қирғин\w*",
          r"terroristik hujum\w*", r"террористик ҳужум\w*", r"террорчилик ҳужум\w*",
          # Uzbek "Террорчилик ҳаракати ... юз берди" (the terrorist act took place)
          r"террорчилик ҳаракат\w*", r"terrorchilik harakat\w*",
          r"ҳамлаи те(?:р)?рористӣ", r"амали те(?:р)?рористӣ",
          r"терро(?:р)?дук (?:чабуул|кол салуу)\w*",
          r"ترهګر\w* برید\w*", r"ترهگر\w* برید\w*",
          r"atentados?", r"attentat[io]?", r"attentats", r"anschlag\w*", r"anschläge\w*",
          r"(?:doppel|terror|spreng|messer|brand)anschl[aä]g\w*",
          # "The bomber struck on Sunday at a gathering"
          r"(?:suicide )?(?:bombers?|attackers?|gunm[ae]n|assailants?) (?:\w+ )?struck",
          # "days after an attacker killed three people at a church in Nice"
          r"an? (?:attacker|assailant|gunman|knifeman) (?:\w+ )?(?:killed|stabbed|shot)",
          # "the insurgents ... beheaded more than 50 people" (Muidumbe, 2020): killings by
          # beheading, which news reports tell without any attack word
          r"beheaded", r"beheadings", r"decapitated", r"décapité(?:e|s|es)?", r"decapitad[oa]s?",
          r"decapitat[ie]", r"enthauptet\w*", r"обезглавил\w*", r"обезглавлен\w*"),
    _rule("attack", False,
          r"attack(?:s|ed|ing)?", r"assault(?:s|ed)?", r"ambush(?:es|ed)?", r"stormed",
          r"(?:drone|air|missile) ?strikes?", r"airstrikes?",
          r"нападени\w*", r"напал\w*", r"атак\w*", r"штурм\w*",
          r"حمله\w*", r"حملات", r"يورش", r"هجوم\w*", r"هجمات", r"هاجم\w*", r"اعتداء\w*",
          # Iranian reports: "در درگیری مرزبانان ... با اشرار" (a clash with armed bandits)
          r"درگيري\w*",
          r"saldırı\w*", r"saldır(?!gan)\w*", r"hujum(?!chi)\w*", r"ҳужум(?!чи)\w*",
          r"хужум(?!чи)\w*", r"ҳамла(?!гар)\w*", r"суъ?иқасд\w*",
          # Uzbek "қуролли хуруж" (an armed assault)
          r"хуруж\w*", r"xuruj\w*",
          r"кол салуу\w*", r"кол салды\w*", r"кол салыш\w*", r"чабуул(?!чу)\w*", r"ataque\w*",
          r"attacc\w*",
          r"attaqu\w*", r"angriff\w*", r"angegriffen", r"attacken?",
          # "die Überlebenden des Überfalls", "Kämpfer überfielen das Dorf", "massakriert"
          r"überf[aä]ll\w*", r"überfiel\w*", r"massakriert\w*",
          # "stürmte der Usbeke Masharipov den Istanbuler Club Reina" (stormed)
          r"stürmte\w*", r"gestürmt",
          # "insurgentes atacaram", "atacaron", "una emboscada", "une embuscade", "Hinterhalt"
          r"atac(?:a|ó|ou|aram|aron|ado|ada|ados|adas|ando|ar)", r"emboscad\w*",
          r"embuscade\w*", r"imboscat\w*", r"hinterhalt\w*",
          # "la incursión en la localidad de Kodyel", "une incursion jihadiste"
          r"incursi(?:ón|ones|on|ons|one|oni|ão|ões)",
          # "avaient pris pour cible l'université", Turkish "Yemen'i de dün kana buladı"
          # (bathed Yemen in blood)
          r"(?:pris|prend|prennent|prenant|pris) pour cibles?", r"kana bula\w*",
          # "The killing occurred in Shuwarin ... on Thursday": the event itself
          r"(?:the|this|these) killings? (?:occurred|happened|took place)",
          # "في كمين", "در کمین", "попали в засаду", "pusuya düşürüldü"
          r"كمين\w*", r"کمین\w*", r"засад\w*", r"pusu\w*", r"pistirma\w*",
          # "the two operations carried out on Friday, November 24, against two military camps"
          r"operations? (?:carried out|conducted|launched)(?= (?:[^\s.;]+ ){0,6}?against)"),
    _rule("attack", False, r"برید\w*", langs="ps"),
    # not an attack: a crowd crush reported beside one ("a stampede at the 2020 funeral killed
    # 56") is its own event, so that its toll is not given to the attack (see _event_type)
    _rule("stampede", True,
          r"stampedes?", r"давк[аеиу]", r"давкой", r"تدافع", r"ازدحام\s?(?:ي)?\s?جمعيت",
          r"izdiham\w*", r"estampida\w*", r"bousculade\w*", r"massenpanik\w*"),
)  # fmt: skip

#: Type ranking when an event has several kinds of trigger (most specific first).
_TYPE_RANK: tuple[str, ...] = (
    "suicide_bombing", "hostage_taking", "rocket_attack", "bombing", "shooting", "stabbing",
    "vehicle_ramming", "arson", "attack", "stampede",
)  # fmt: skip

#: Metaphors and accidents that look like triggers.
#: Indefinite articles ("a suicide bombing by ISPP": maybe another attack). French "a"
#: ("a revendiqué l'attaque") and Spanish, Portuguese, Italian "a" ("to") are no articles.
_INDEFINITE: dict[str, frozenset[str]] = {
    "en": frozenset({"a", "an", "another"}),
    "fr": frozenset({"un", "une", "autre"}),
    "es": frozenset({"un", "una", "otro", "otra"}),
    "pt": frozenset({"um", "uma", "outro", "outra"}),
    "it": frozenset({"un", "una", "uno", "un'altro", "un'altra"}),
    "de": frozenset({"ein", "eine", "einen", "einem", "einer", "weiterer", "weiteren"}),
    # "یک مهاجم انتحاری" (a suicide attacker): Persian "one" is its indefinite article
    "fa": frozenset({"یک", "يک"}),
}
_NOT_TRIGGER = _rx(
    r"heart attacks?", r"panic attacks?", r"cyber[\s-]?attacks?", r"asthma attacks?",
    r"verbal (?:attack|assault)s?", r"sexual(?:ly)? assault\w*",
    r"(?:gas|boiler|methane|mine|" r"industrial|factory|chemical plant) (?:explosion|blast)s?",
    r"(?:gas |lpg |cooking gas |oxygen )?cylinder (?:explosion|blast)s?",
    r"(?:transformer|fireworks?|firecracker) (?:explosion|blast)s?",
    r"взрыв\w* (?:газового )?баллона", r"انفجار\w* (?:سيلندر|کپسول|اسطوانه|قنينه)\S*",
    r"tüp patlama\w*", r"doğalgaz patlama\w*",
    r"взрыв\w* (?:газа|бытового газа)", r"انفجار\w* (?:گاز|ال?غاز)", r"сердечн\w+ приступ\w*",
    r"attack(?:ing|ed)? (?:line|midfield\w*)",
)  # fmt: skip
_FOILED = _rx(
    r"foil(?:ed|s|ing)?", r"thwart(?:ed|s|ing)?", r"prevent(?:ed|s|ing)?", r"avert(?:ed|s)?",
    r"disrupt(?:ed|s)?", r"plot(?:s|ted)?", r"planned", r"planning", r"предотвра\w+", r"пресек\w+",
    r"пресеч\w+", r"готовивш\w+", r"готовил\w*", r"планир\w+", r"خنثي", r"ناکام", r"جلوگيري",
    r"احبط\w*", r"احباط", r"افشل\w*", r"engellen\w*", r"önlen\w*", r"oldi olin\w*",
    r"олди олин\w*", r"пешгирӣ", r"алдын ал\w*", r"frustr\w*", r"sventat\w*", r"déjou\w*",
    r"vereitelt\w*",
)  # fmt: skip
#: Words that make an ordinary trigger ("attack", "explosion") about political violence.
_CONTEXT = _rx(
    r"terror\w*", r"militant\w*", r"gunm[ae]n", r"jihad\w*", r"extremis\w*", r"insurgen\w*",
    r"suicide", r"bomb\w*", r"explosive\w*", r"armed", r"hostage\w*", r"islamic state", r"isis",
    r"isil", r"daesh", r"iskp", r"is-k", r"takfir\w*", r"shrine", r"mosque", r"террор\w*",
    r"теракт\w*", r"боевик\w*", r"вооруж\w+", r"взрывчат\w*", r"игил", r"игил\w*", r"تروريست\w*",
    r"مسلح\w*", r"داعش", r"تکفيري\w*", r"ارهاب\w*", r"تکفيري\w*", r"انتحاري\w*", r"terör\w*",
    r"terror\w*", r"террор\w*", r"ترهګر\w*", r"ترهگر\w*", r"терроризм\w*",
    # "اشرار": Iranian official usage for armed militants ("درگیری ... با اشرار")
    r"اشرار",
    # "armed" in Tajik, Uzbek, Kyrgyz and Turkish ("як гурӯҳи мусаллаҳ ... ҳамла кард")
    r"мусаллаҳ\w*", r"qurolli", r"қуролли", r"куралдуу", r"куралчан\w*", r"silahlı",
    # ... and in Romance languages and German: "Grupos armados ... ataques", "hommes armés"
    r"armad[oa]s", r"armés", r"armées", r"armat[ie]", r"bewaffnet\w*",
    # places of worship, as "shrine" and "mosque" in English
    r"мечет\w*", r"святын\w*", r"مسجد\w*", r"حرم", r"مرقد\w*", r"ضريح\w*", r"masjid\w*",
    r"cami\w*", r"türbe\w*", r"масҷид\w*", r"масжид\w*", r"мечит\w*", r"جومات\w*",
    r"church\w*", r"synagogue\w*", r"gurdwara\w*", r"церк\w*", r"синагог\w*", r"كنيس\w*",
    r"كليسا", r"کليسا", r"کنيسه", r"kilise\w*", r"sinagog\w*", r"iglesia\w*", r"igreja\w*",
    r"chiesa", r"église\w*", r"kirche\w*",
    # "place of worship" and "temple" in Persian and Arabic ("بر عبادتگاه سیک‌ها ... حمله")
    r"عبادتگاه\w*", r"معبد", r"گوردواره", r"گردواره",
)  # fmt: skip

# Casualty words. KILLED/INJURED match after a number ("15 killed") or before it ("killing 15").
_KILLED_WORDS = (
    r"killed", r"kill(?:s|ing)?", r"dead", r"deaths?", r"died", r"dying", r"fatalit(?:y|ies)",
    r"death toll", r"lives", r"martyr(?:s|ed)?", r"perished", r"slain", r"lost their lives",
    r"shot dead", r"stabbed to death", r"burned to death", r"hacked to death",
    r"shot and (?:hacked|stabbed|beaten) to death", r"beheaded", r"bodies", r"toll", r"погиб\w*",
    r"жизн\w*", r"убит\w*", r"убил\w*", r"убив", r"убиты\w*", r"жертв\w*", r"скончал\w*",
    r"смерт\w*",
    r"кушта\w*", r"кушт(?:анд|ем|ед|ам)?", r"ҳалок\w*", r"ҷон бохт\w*", r"фавтид\w*", r"шаҳид\w*",
    # Tajik "30 нафар ... ба қатл расонида шуданд" (were put to death)
    r"ба қатл расон\w*",
    r"کشته\s?ها\w*", r"کشته\w*", r"کشت(?:ند)?", r"شهيد\w*", r"مرگ",
    r"شهدا\w*", r"جان (?:خود را )?(?:باخت|از دست دا)\w*", r"جانباخت\w*", r"قرباني\w*", r"فوت\w*",
    _AR + r"قتيل\w*", _AR + r"قتلي", r"(?:[وف])?قتل\w*", r"(?:[وفب])?مقتل\w*",
    _AR + r"شهداء",
    _AR + r"ضحايا", _AR + r"ضحي[هة]", r"(?:[وف])?استشهد\w*", _AR + r"استشهاد",
    # "قال مسئولون إن 12 جندياً سقطوا السبت" (12 soldiers fell on Saturday)
    r"سقطوا",
    r"لقي\w* (?:حتف|مصرع)\w*", r"(?:[وف])?راح\w* ضحيت\w*", r"(?:[وف])?سقط\w* ضحيت\w*",
    _AR + r"وفا\w*", r"(?:[وف])?مصرع", r"öldü\w*", r"ölü sayısı\w*", r"ölü\w*", r"ölüm\w*",
    r"hayatını kaybe[td]\w*",  # "kaybetti", "kaybeden", "kaybederken"
    r"can verdi\w*", r"yaşamını yitir\w*", r"şehit\w*", r"halok\w*", r"o'ld\w*", r"o'lim\w*",
    r"qurbon\w*", r"ҳалок\w*",
    # Uzbek and Tajik "4 kishi vafot etdi" (4 people died)
    r"vafot et\w*", r"вафот эт\w*", r"вафот кард\w*", r"вафот ёфт\w*", r"ўлди\w*", r"ўлим\w*",
    r"қурбон\w*", r"каза (?:бол|тап)\w*",
    # Kyrgyz "11 адамдын өмүрү кыйылды" (the lives of 11 were cut short), "154 адамды жок
    # кылышкан" (wiped out 154 people)
    r"өмүр\w* кыйыл\w*", r"өмүр\w* кый\w*", r"жок кыл\w*",
    # "талиптердин чабуулунан 151 адам жан берген" (151 people gave their lives)
    r"курман бол\w*", r"жан бер(?:ген|ди|иш)\w*", r"өлд\w*", r"өлүп", r"өлтүр\w*",
    r"өлгөн\w*", r"набыт бол\w*", r"набыт кет\w*", r"мерт\w*",
    # "терродук кол салууда 270 адам көз жумду" (270 people closed their eyes: died)
    r"көз жум\w*",
    r"وژل\w*", r"ووژل\w*",
    r"مړه", r"مړي", r"muert[oa]s?", r"muerte", r"murieron", r"fallecid\w*", r"fallecieron",
    r"falleció", r"mort[oia]s?",
    r"morte", r"morreram", r"morirono", r"uccis\w*", r"vittime", r"víctimas mortales",
    r"tuée?s?", r"morts?",
    # "a fait 15 victimes et 20 blessés": victims beside the wounded are the dead
    r"victimes(?=\s+et\s+\S+\s+bless)",
    r"tote\w*", r"مقتل (?:شخص|مواطن|رجل|امراه|طفل|جندي|شرطي)",
    r"(?:به )?شهادت رسيد\w*",
    # "لقي 29 شخصا على الأقل حتفهم" (29 people met their death)
    r"حتف\w*", r"اود(?:ي|ى)\w* بحيا\w*", r"هلاک", r"(?:[وف])?هلک\w*",
    # "منابع از شهادت 2 نیروی پولیس خبر دادند" (the martyrdom of 2 policemen); not "شهادت
    # داد" (testified)
    r"شهادت(?! (?:داد|مي\s?ده|بده))",
    r"getötet", r"tuant", r"matando", r"mató", r"mataron", r"murió",
    # Spanish "habrían asesinado al menos a una decena de personas", "civiles asesinados"
    r"asesinad[oa]s?", r"asesinaron", r"asesinó",
    r"morreu", r"matou", r"mataram", r"vitim(?:ou|aram|ando)",
    # "outras três pessoas foram decapitadas", "décapités", "enthauptet", "обезглавлены"
    r"decapitad[oa]s?", r"décapité(?:e|s|es)?", r"decapitat[oiae]", r"enthauptet",
    r"обезглавлен\w*",
    r"uccidendo", r"uccid(?:e|ono)", r"todesopfer\w*", r"ums leben", r"starben",
    r"tötete\w*", r"(?:das )?leben gekostet",
    # "hatte der Täter 39 Menschen erschossen", "ermordet"
    r"erschossen", r"erschoss", r"ermordet\w*",
    # "costato la vita a 7 persone", "hanno perso la vita"
    r"costat\w*\s+la\s+vita", r"pers[oe]\w*\s+la\s+vita",
    # "Zwei Bomben rissen mindestens 26 Menschen in den Tod"
    r"(?:\w+ )?in den tod(?! \w)",
)  # fmt: skip
_INJURED_WORDS = (
    r"injured", r"injur(?:y|ies|ing)", r"wounded", r"wounding", r"wounds", r"hurt",
    r"hospitali[sz]ed", r"ранен\w*", r"ранил\w*", r"ранив", r"пострада\w*", r"госпитализ\w*",
    r"травм\w*", r"ранени[яй] получил\w*", r"травмы получил\w*",
    # "Еще двое полицейских доставлены в больницу с ранениями" (taken to hospital)
    r"доставлен\w* в (?:больниц|госпитал)\w*",
    r"захмӣ\w*", r"маҷрӯҳ\w*", r"زخمي\s?ها\w*", r"زخمي\w*", r"مجروح\w*", r"مصدوم\w*",
    _AR + r"جريح\w*",
    _AR + r"جرحي", r"(?:[وف])?اصيب\w*", _AR + r"اصاب\w*", _AR + r"مصاب\w*", r"بجروح",
    r"yaralan\w*", r"yaralı sayısı\w*", r"yaralı\w*", r"yarador\w*", r"jarohat\w*",
    r"яралан\w*", r"жароҳат\w*",
    # Uzbek "65 га яқин киши шифохонага ётқизилди" (were taken to hospital)
    r"шифохонага ётқизил\w*", r"(?:shifoxonaga|kasalxonaga) yotqizil\w*",
    r"касалхонага ётқизил\w*",
    r"ярадор\w*", r"ярадар\w*", r"яродор\w*", r"yaradar\w*", r"jarodor\w*",
    r"жарадар\w*", r"jabrlan\w*", r"жабрлан\w*", r"жаракат\w*", r"жабыркад\w*",
    # Kyrgyz "эки күзөт кызматкери жабыркаган" (two guards were hurt), Tajik "ду нафари
    # дигар осеб диданд", Persian "آسیب دیدند" (suffered harm)
    r"жабыркаг\w*", r"осеб дид\w*", r"آسيب\s?(?:ديد|ديده)\w*",
    r"жараат\w*", r"жараттар менен",
    # "Жараат алган 15 кишинин ону ооруканада" (of the 15 wounded, ten are in hospital)
    r"жараат ал\w*", r"жаракат ал\w*",
    r"ټپي\w*", r"ټپيان", r"زخمي",
    # Dari "۱۸ تن دیگر زخم برداشتند" (18 others sustained wounds)
    r"زخم\s?برداشت\w*",
    r"herid[oa]s?", r"ferid[oa]s?", r"ferit[oiae]", r"blessée?s?", r"verletzt\w*",
    r"verwundet\w*", r"blessant", r"verletz\w*",
    r"hiriendo", r"ferindo", r"ferendo", r"hiri[óo]", r"hirieron", r"feriu", r"feriram",
    r"ferisc\w+", r"ferì", r"blesse\w*", r"ferimento", r"ferimenti",
)  # fmt: skip
_KILLED = _rx(*_KILLED_WORDS)
_INJURED = _rx(*_INJURED_WORDS)
#: Killing words that leave no doubt (not "death", "victims" or "died"): context for a weak
#: attack word in a sentence without a number.
_KILLED_PEOPLE = _rx(
    r"убит\w*", r"убил\w*", r"погиб\w*", r"کشته\w*", r"(?:[وف])?قتل\w*", r"(?:[وف])?مقتل\w*",
    r"muert[oa]s", r"mort[oa]s", r"uccis[ie]", r"tuée?s", r"getötet", r"erschossen", r"ermordet",
    r"öldürül\w*", r"öldürdü\w*",
    r"o'ldirildi\w*", r"ўлдирилди\w*", r"кушта\w*", r"өлтүрүлд\w*", r"وژل\w*",
    r"decapitad[oa]s?", r"décapité(?:e|s|es)?", r"beheaded",
)  # fmt: skip
#: "killed it" and friends are not casualties.
_IDIOM = _rx(
    r"kill(?:ed|s|ing)? it\b", r"dead(?:line|lock|pan)", r"killer (?:app|feature)", r"dying to",
    r"die[\s-]hard",
)  # fmt: skip
#: "the death toll rose to N": the toll phrase may be far from N.
_TOLL_KILLED = _rx(
    r"death toll", r"toll", r"number of (?:the )?(?:dead|deaths|victims)",
    r"число (?:погибш|жертв)\w*", r"количеств\w+ (?:погибш|жертв)\w*",
    r"عدد (?:ال)?(?:شهداء|قتلي|ضحايا)", r"حصيل\w*", r"شمار (?:کشته|شهدا|قربانيان|جان\s?باختگان)\w*",
    r"آمار (?:کشته|شهدا|قربانيان|جانباختگان)\w*", r"ölü sayısı\w*", r"шумораи кушта\w*",
    r"put (?:the )?(?:death )?(?:toll|number|figure)(?! of (?:the )?(?:injured|wounded))",
    r"halok bo['‘’ʻ]?lganlar(?:ning)? soni", r"qurbonlar(?:ning)? soni",
    r"ҳалок бўлганлар(?:нинг)? сони", r"қурбонлар(?:нинг)? сони",
    # "теракт қурбонлари сони 25 нафарни ташкил қилмоқда" (the number of its victims)
    r"қурбонлари сони", r"qurbonlari soni",
    # "ҳужумда ўлганлар сони 41 киши" (the number of those who died in the attack)
    r"o['‘’ʻ]?lganlar(?:ning)? soni", r"ўлганлар(?:нинг)? сони",
    r"шумораи (?:қурбониён|кушташудагон|ҳалокшудагон|ҷонбохтагон)\w*",
    r"(?:каза|курман) болгондордун саны", r"өлгөндөрдүн саны",
    # "каза тапкандардын саны 56га жетти", "набыт болгондордун саны"
    r"каза тапкандардын саны", r"набыт болгондордун саны", r"жан бергендердин саны",
    r"ölenlerin sayısı",
    r"hayatını kaybedenlerin sayısı", r"yaşamını yitirenlerin sayısı", r"can kaybı",
    r"жертвами", r"(?:el )?número de (?:muertos|víctimas|mortos|vítimas)",
    r"(?:la )?cifra de (?:muertos|víctimas)", r"(?:il )?numero (?:dei|delle) (?:morti|vittime)",
    r"(?:le )?bilan", r"(?:le )?nombre de (?:morts|victimes)", r"zahl der (?:todesopfer|toten)",
)  # fmt: skip
_TOLL_INJURED = _rx(
    r"number of (?:the )?(?:injured|wounded)", r"число (?:ранен|пострадавш)\w*",
    r"عدد (?:ال)?(?:جرحي|مصابين)", r"شمار (?:زخمي|مجروح)\w*", r"آمار (?:زخمي|مجروح)\w*",
    r"yaralı sayısı\w*", r"yaralananların sayısı",
    # Kyrgyz, Uzbek, Tajik: "the number of those who were wounded"
    r"жаракат алгандардын саны", r"жарадар болгондордун саны", r"yaralanganlar(?:ning)? soni",
    r"jarohat olganlar(?:ning)? soni", r"яраланганлар(?:нинг)? сони",
    r"жароҳат олганлар(?:нинг)? сони", r"шумораи (?:захмиён|маҷрӯҳон|захмишудагон)\w*",
    r"zahl der (?:verletzten|verwundeten)", r"(?:el )?número de (?:heridos|feridos)",
    r"(?:il )?numero dei feriti", r"(?:le )?nombre de blessés",
)  # fmt: skip
#: Characters before a number read for its casualty word (a toll phrase may be this far).
_LEFT_WINDOW = 200
_RISE_TO = _rx(
    r"to", r"до", r"ба", r"الي", r"به", r"a", r"para", r"sa", r"auf", r"à", r"стал[иао]?",
    r"(?:stood|stands|standing|put|puts|putting|estimated|placed|placing)"
    r"(?: (?:the|its|their) (?:death )?(?:toll|number|figure))? at",
    # headlines: "Death toll in Garissa University terror strike hits 147"
    r"hits", r"reaches", r"tops", r"passes", r"climbs",
)  # fmt: skip
#: Words allowed between a number and the casualty word after it.
_PERSON = _rx(
    r"people", r"persons?", r"others?", r"more", r"civilians?", r"worshipp?ers?", r"pilgrims?",
    r"children", r"kids", r"women", r"men", r"victims", r"mourners", r"concertgoers?",
    r"spectators", r"individuals", r"soldiers", r"troops", r"police(?:men)?", r"officers",
    r"security", r"personnel", r"guards", r"members", r"visitors", r"students", r"citizens",
    r"passengers", r"shoppers", r"attendees", r"clerics", r"worshippers", r"were", r"was", r"have",
    r"has", r"had", r"been", r"are", r"is", r"being", r"reportedly", r"also", r"all", r"now",
    r"later", r"confirmed", r"in total", r"total", r"человек\w*", r"люд\w*", r"мирн\w*",
    r"жител\w*", r"граждан\w*", r"дет\w*", r"ещ[её]", r"был\w*", r"уже", r"посетител\w*",
    r"зрител\w*", r"военн\w*", r"полицейск\w*", r"сотрудник\w*", r"получил\w*", r"нафар\w*",
    r"кас(?:ро|он|онро)?", r"одам\w*", r"نفر", r"تن", r"شخص", r"نيز", r"هم", r"ديگر",
    r"زائر\w*", r"نمازگزار\w*",
    r"کودک\w*", r"شهروند\w*", r"نور",
    # "یک عضو نیروی انتظامی کشته شد", "۱۱ عضو این نیرو را کشت" (11 members of this force)
    r"عضو", r"اعضا\w*", r"نیرو(?:ی|های)?", r"انتظامی", r"پلیس", r"پولیس", r"سرباز\w*",
    r"نظامی\w*", r"امنیتی", r"مرزبان\w*", r"مامور\w*", r"مأمور\w*", r"این", r"ايراني\w*",
    r"(?:[وف])?(?:ال)?اشخاص", r"(?:[وف])?شخص\w*",
    _AR + r"اخري?ن", _AR + r"مدني\w*", _AR + r"زوار", _AR + r"زائر\w*", _AR + r"مصلي\w*",
    _AR + r"مواطن\w*", _AR + r"طفل\w*", _AR + r"اطفال", _AR + r"نساء", _AR + r"ايراني\w*",
    r"عل(?:ي|ى) الاقل", r"kişi\w*", r"insan", r"sivil\w*", r"daha", r"kishi", r"nafar", r"odam",
    r"кишин?и?", r"адам", r"کسان", r"تنه", r"personas", r"pessoas", r"persone", r"personnes",
    r"menschen", r"otras", r"outras", r"altre", r"altri", r"other", r"shia", r"shiite", r"sunni",
    r"sono", r"rimast[eiao]", r"sont", r"ont été", r"wurden", r"fueron", r"resultaron", r"foram",
    # "22 teils schwer Verletzte", "drei lebensgefährlich verletzt"
    r"teils", r"zum teil", r"schwer", r"leicht", r"lebensgefährlich",
    r"ficaram", r"autres",
    # "دست‌کم ۴۶ تن در این رویداد جان باخته": "in this incident" between count and verb
    r"در (?:این|آن) (?:رویداد|حادثه|حمله|انفجار|رخداد|واقعه|حملات|انفجارها)",
    r"دانش\s?آموز\w*", r"دانشجو\w*", r"شاگرد\w*", r"را",
    # Romance nouns and the copula: "una quarantina di guardie forestali è stata uccisa"
    r"guardie", r"gardes", r"guardias", r"guardas", r"soldati", r"soldats", r"soldados",
    r"poliziotti", r"policiers", r"policías", r"policiais", r"civili", r"civils", r"civiles",
    r"civis", r"militari", r"militaires", r"militares", r"agenti", r"agents", r"bambini",
    r"enfants", r"niños", r"crianças", r"è stat[aoie]", r"sono stat[aoie]", r"a été",
    r"ha sido", r"han sido", r"foi", r"forestali", r"forestiers",
    # German nouns: "mehr als 100 Soldaten und Zivilisten getötet wurden"
    r"soldaten", r"zivilisten", r"polizisten", r"kinder", r"frauen", r"männer", r"personen",
    r"sicherheitskräfte", r"einsatzkräfte", r"besucher", r"gläubige", r"bewohner",
    r"dorfbewohner", r"passanten", r"schüler",
)  # fmt: skip
#: Numbers of these are never casualty counts, even next to a casualty word.
_NOT_PERSONS = _rx(
    r"gunm[ae]n", r"attackers?", r"assailants?", r"terrorists?", r"militants?", r"bombers?",
    r"suspects?", r"perpetrators?", r"shooters?", r"jihadists?", r"fighters?", r"explosions?",
    r"blasts?", r"bombs?", r"times", r"years?", r"months?", r"weeks?", r"days?", r"hours?",
    r"patlama\w*", r"saldırı\w*",  # "iki patlamada hayatını kaybedenlerin sayısı 97'ye"
    r"minutes?", r"percent", r"per cent", r"meters?", r"metres?", r"km", r"kilomet\w+", r"miles?",
    r"боевик\w*", r"террорист\w*", r"нападавш\w*", r"подозреваем\w*", r"лет", r"год\w*",
    r"взрыв\w*", r"бомб\w*", r"смертник\w*", r"нападени\w*", r"теракт\w*", r"час\w*",
    r"минут\w*", r"дн\w*", r"انفجار\w*", r"بمب\w*", _AR + r"تفجير\w*", _AR + r"انفجار\w*",
    r"мусаллаҳ\w*", r"تروريست\w*", r"مهاجم\w*", r"ضارب\w*", _AR + r"ارهابي\w*", _AR + r"مسلح\w*",
    _AR + r"مهاجم\w*", r"سال", r"ساعت", r"روز",
)  # fmt: skip
#: A second object of the same claim verb: ", and the October 2022 shooting".
_COORDINATED_OBJECT = re.compile(
    r"(?:,\s*|\s)(?:and|as well as)\s+(?:the|an?)\s+"
    r"(?:(?:[A-Z0-9][\w'’-]*|twin|double|deadly|suicide|mass|car|truck|bomb|gun|knife|"
    r"terror(?:ist)?)\s+){0,3}$"
    # Arabic: "تبنى التنظيم تفجيرين ...، وهجوم مطار كابل" (the attack noun carries the "و")
    r"|[،,]\s*(?:كما\s+)?و?$"
)
#: A place opening its sentence ("In Burkina Faso, ...", "В Дагестане ..."): the scene of the
#: whole sentence.
_OPENING_IN = re.compile(
    r"\s*(?:in|en|à|au|nel|nella|im|em|no|na|в|во)\s+(?:the\s+|la\s+|le\s+|l['’]\s*)?",
    re.IGNORECASE,
)
#: Languages whose verb (and often the attack noun) ends the sentence, far from its place.
_VERB_FINAL = frozenset({"fa", "prs", "ps", "tr", "uz", "tg", "ky"})
#: Persian prepositions that open a place phrase between a count and its verb.
_FA_LOCATIVE = frozenset({"در", "طی", "حین", "هنگام"})
#: German prepositions that open a place phrase between a count and its participle.
_DE_LOCATIVE = frozenset({"in", "im", "bei", "beim", "auf", "an", "am", "nahe", "während", "vor"})
#: Uzbek, Kyrgyz, Tajik: a cause phrase ending in "as a result of" / "during" before the verb,
#: in the same clause (no digit, no comma, no sentence end).
_TURKIC_CAUSE = re.compile(
    r"[^\d,;.!?\n،؛]{1,120}?\s(?:oqibatida|natijasida|paytida|vaqtida|оқибатида|натижасида|"
    r"пайтида|вақтида|кесепетинен|натыйжасында|учурунда|дар натиҷаи|ҳангоми)\s+",
    re.IGNORECASE,
)
#: The (up to three) words of a Tajik cause after its preposition, each with its space.
_TG_CAUSE_WORD = re.compile(r"[^\s\d,;.!?()\[\]\"«»]+\s+")
#: Up to the agent of a passive killing, in Persian, Dari and Tajik: "سرباز به دست ", "нафар
#: аҳолии ғайринизомӣ аз дасти ".
_AGENT_BETWEEN = re.compile(
    r"[^\d,;.!?\n،؛]{0,60}?(?<!\w)(?:به\s?دست|بدست|توسط|аз дасти)\s+", re.IGNORECASE
)
#: A short Persian relative clause up to its comma ("که بیشتر آنها دانشجو بودند،").
_RELATIVE_TO_COMMA = re.compile(r"[^\d\n.!?؟,،;؛]{1,60}[,،]\s*")
#: Longest date span looked back for when a sentence's dates are sliced out (characters).
_MAX_DATE_SPAN = 200
#: Before a year used as an adjective: "the 2020 killing", "its 2017 bombing".
_YEAR_BEFORE = re.compile(r"(?<!\w)(?:the|its|his|her|their|this|that)\s+$|['’]s\s+$", re.I)
#: Between two conjoined counts of victims: "three Spaniards and three Afghans".
_CONJOINED = re.compile(
    # "three Spaniards and three Afghans", "tres españoles y tres ciudadanos afganos"; Arabic
    # "اثنين من موظفي السفارة الروسية وأربعة من المدنيين" (and glued to the second count)
    r"\s+(?:[^\W\d_][\w.'’-]*\s+){1,3}(?:and|y|e|et|und|и)\s+(?:(?:at least|some)\s+)?"
    r"|\s+(?:[\u0621-\u064a]+\s+){1,5}و",
)
#: "15 victimes et 20 blessés": victims beside a count of the wounded.
_VICTIMS_AND = re.compile(
    r"\s+(victimes|victims|víctimas|vittime|vítimas)\s+(?:et|and|y|e)\s+", re.IGNORECASE
)
#: The noun after a count, up to three words: "13 U.S. service members".
_NOUN_PHRASE = re.compile(r"(?:\s+(?:[A-Z]\.){2,}|\s+[\w'’-]+){1,3}")
#: "and" / "or" between a killed and an injured word (Arabic and Persian "و" may be glued).
_AND_OR = r"(?:and|or|&|и|или|а также|و|va|ва|ve|veya|e|y|et|und|ou|o|وی)"
_KILLED_END = re.compile(rf"(?:{_KILLED.pattern})\s*(?:{_AND_OR}\s*)?$")
_INJURED_END = re.compile(rf"(?:{_INJURED.pattern})\s*(?:{_AND_OR}\s*)?$")
_KILLED_NEXT = re.compile(rf"\s*(?:{_AND_OR}\s*)?(?:{_KILLED.pattern})")
_INJURED_NEXT = re.compile(rf"\s*(?:{_AND_OR}\s*)?(?:{_INJURED.pattern})")


def _combined_before(left: str, kind: str) -> bool:
    """The casualty word before a number is the second of "killing and wounding" (not of "15
    were killed and 10 injured": ``left`` starts after the previous number)."""
    m = (_KILLED_END if kind == "injured" else _INJURED_END).search(left, max(0, len(left) - 40))
    return m is not None and bool(left[: m.start()].strip())


def _combined_after(right: str, kind: str) -> bool:
    """The casualty word after a number is the first of "killed and wounded" (not of "قتلوا
    وأصيب 110 آخرون", "killed, and injured 110": the second word has a number of its own)."""
    m = (_INJURED_NEXT if kind == "killed" else _KILLED_NEXT).match(right)
    return m is not None and not _OWN_NUMBER.match(right, m.end())


#: A number within two words: "وأصيب 110", "ранены ещё 40".
_OWN_NUMBER = re.compile(r"\s*(?:[^\W\d]+\s+){0,2}[\d٠-٩۰-۹]")


#: Killed, these are not the attack's victims ("fighters" and "soldiers" may be).
_ATTACKERS = _rx(
    r"militants?", r"attackers?", r"assailants?", r"terrorists?", r"gunm[ae]n", r"suspects?",
    r"perpetrators?", r"insurgents?", r"jihadists?", r"боевик\w*", r"террорист\w*",
    r"нападавш\w*", r"تروريست\w*", r"مهاجم\w*", _AR + r"ارهابي\w*",
)  # fmt: skip
#: Words between a number and an attacker noun: "100 suspected militants".
_ATTACKER_MOD = _rx(
    r"suspected", r"alleged", r"armed", r"other", r"more", r"of", r"the", r"предполагаем\w*",
    r"вооруженн\w*", r"مظنون", r"مسلح\w*",
)  # fmt: skip
#: "N of the dead": a part, not the toll.
_PARTITIVE = _rx(r"of", r"из", r"از", r"аз", r"من", r"among", r"среди", r"بين", r"ميان")
#: Vague quantities a number finder may read as numbers.
_VAGUE = _rx(
    r"dozens", r"scores", r"hundreds", r"thousands", r"десятк\w*", r"сотн\w*", r"عشرات", r"مئات",
    r"ده\s?ها", r"صدها", r"onlarca", r"yüzlerce", r"o'nlab", r"yuzlab", r"даҳҳо", r"ондогон",
    r"لسګون", r"decenas", r"dezenas", r"decine",
)  # fmt: skip

_QUAL_PRE: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("at_least", _rx(
        r"at least", r"at minimum", r"no (?:fewer|less) than", r"a minimum of", r"не менее",
        r"по меньшей мере", r"как минимум", r"минимум", r"حداقل", r"دست\s?کم", r"ما لا يقل عن",
        r"لا يقل عن", r"عل(?:ي|ى) الاقل", r"en az", r"kamida", r"eng kamida", r"камида",
        r"кеминде", r"ақаллан", r"ҳадди ақал", r"дастикам", r"дасти кам", r"لږ تر لږه",
        r"al menos(?: a)?", r"por lo menos(?: a)?",
        r"pelo menos", r"ao menos", r"almeno", r"au moins", r"mindestens",
    )),
    ("over", _rx(
        r"more than", r"over", r"upwards of", r"in excess of", r"above", r"более", r"больше",
        r"свыше", r"بيش از", r"بيشتر از", r"بالغ بر", r"اکثر من", r"ما يزيد (?:عن|عل(?:ي|ى))",
        r"يزيد (?:عن|عل(?:ي|ى))", r"ازيد من", r"беш аз", r"зиёда аз", r"зиёд аз", r"más de",
        r"mais de", r"oltre", r"plus de", r"mehr als", r"über",
    )),
    ("about", _rx(
        r"about", r"around", r"approximately", r"roughly", r"nearly", r"almost", r"some",
        r"close to", r"an estimated", r"около", r"почти", r"порядка", r"примерно",
        r"приблизительно", r"حدود", r"نزديک به", r"قريب به", r"تقريبا", r"حوالي", r"نحو",
        r"قراب\w+", r"زهاء", r"ما يقارب", r"ما يقرب من", r"yaklaşık", r"tahminen", r"qariyb",
        r"taxminan", r"тақрибан", r"қариб", r"тахминан", r"болжол менен", r"شاوخوا", r"نږدې",
        r"cerca de", r"alrededor de", r"unos", r"unas", r"quase", r"circa", r"quasi", r"environ",
        r"près de", r"etwa", r"rund", r"fast",
    )),
    ("up_to", _rx(
        r"up to", r"as many as", r"ما يصل (?:الي|ل)", r"hasta", r"até", r"fino a", r"jusqu'à",
        r"bis zu",
    )),
)  # fmt: skip
_QUAL_POST: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("at_least", _rx(
        r"عل(?:ي|ى) الاقل", r"at least", r"как минимум", r"دست\s?کم",
    )),
    ("over", _rx(
        r"'?(?:den|dan|tan|ten) (?:fazla|ortiq|ziyod|ko'p)", r"дан (?:ортиқ|зиёд)",
        r"(?:дан|дөн|ден|тан|төн|тен) (?:ашык|ашуун)", r"ашык", r"ашуун", r"زيات", r"و اکثر",
        r"['’]?(?:y?[üuıi]|n?[ıi]n üzerinde) aşkın", r"['’]?n?[uüıi]n üzerinde",
        r"و بيشتر",
        r"and more(?! than)", r"or more(?! than)", r"и более(?! чем)", left=False,
    )),
)  # fmt: skip
#: A negation right before a number word: "no one", "not one", "ни один", "hech bir", "hiç bir".
_NEGATED_NUMBER = re.compile(
    r"(?<!\w)(?:no|not|ни|hech|hiç|hic|ҳеҷ|хеч|эч|هیچ)[ \u00a0]+$", re.IGNORECASE
)
_QUAL_POST_ANY = re.compile("|".join(f"(?:{rx.pattern})" for _, rx in _QUAL_POST))
_FILLER_LEFT = _rx(
    r"of", r"to", r"at", r"rose", r"risen", r"rising", r"reached", r"climbed", r"stood", r"stands",
    r"is", r"was", r"now", r"by", r"has", r"have", r"had", r"the", r"further", r"increased",
    r"jumped", r"until", r"hits", r"reaches", r"tops", r"passes", r"climbs", r"habe", r"hat",
    r"sei", r"ist",
    # "the number of injured persons was 150"
    r"persons", r"people",
    r"до", r"составил\w*", r"составля\w+", r"достиг\w*", r"возросл\w*",
    r"выросл\w*", r"увеличил\w*", r"уже", r"е[щш]е", r"ещё", r"الي", r"عن", r"بلغ\w*",
    r"ارتفع\w*", r"وصل\w*", r"به",
    r"رسيد\w*", r"بر", r"کرد", r"sa", r"a", r"para", r"de", r"auf", r"à", r"стал[иао]?",
    r"فيه", r"فيها", r"ба", r"را", r"s'élève", r"est passé", r"passé", r"salito", r"aumentado",
    r"ascendido",
    r"subido",
    # "از مرگ ۱۲ نفر و زخمی شدن ۴۰ تن" (the death of 12 and the wounding of 40), Tajik
    # "аз кушта шудани 14 тан"
    r"شدن", r"шудани",
    # Uzbek "as for": "жароҳатланганлар эса 70 нафарга етган" (the injured reached 70)
    r"эса", r"esa",
    # "mató al menos a 60", "hirió a otras 140", "ferì altre 20", "feriu outras 30",
    # "injured another 18 service members"
    r"al", r"otr[oa]s", r"outr[oa]s", r"altr[ie]", r"menos", r"another",
    # "la morte di 16 persone e il ferimento di altre 34"
    r"di", r"della", r"delle", r"dei", r"degli",
    # Arabic verb, subject, object: "قتل رجل امرأتين" (a man killed two women), "قتل مسلحون
    # خمسة أشخاص"
    r"رجل", r"مسلح", r"مسلحون", r"مهاجم", r"مهاجمون", r"انتحاري", r"مجهول", r"مجهولون",
)  # fmt: skip

# Claims of responsibility and the channel they came through.
_CLAIM = _rx(
    r"claim(?:ed|s|ing)? (?:the )?(?:responsibility|credit)",
    r"claim(?:ed|s|ing)? (?:the|this|that|its|an?|two|twin|both) (?:\w+ ){0,3}?"
    r"(?:attacks?|bombings?|blasts?|explosions?|shootings?|operations?|assault)",
    r"claimed by", r"claim of responsibility", r"claim(?:ed|s)? (?:it|them|both)",
    # "a rocket attack it claimed to have conducted on a base in Khost"
    r"claim(?:ed|s|ing)? to have (?:carried out|conducted|staged|launched|committed|"
    r"perpetrated|killed|attacked)",
    # "A website associated with al-Shabab said it was responsible for the attack"
    r"(?:said|says|announced|stated) (?:that )?it (?:was|is|had been) (?:responsible for|"
    r"behind)",
    # "Amaq said an Islamic State fighter carried out the bombing": the group's own account
    r"(?:said|says|reported|announced|claimed|claims|claiming)(?: that)? (?:an? |its |two |three |"
    r"the )?(?:[\w-]+ ){0,3}?[\"“']?(?:fighters?|members?|soldiers?|mujahid\w*|bombers?)[\"”']?"
    r" (?:had |have )?"
    r"(?:carried out|detonated|stormed|attacked|targeted|blew up|killed|ambushed)",
    # "the Tahreek-e-Jihad Pakistan (TJP) ... said its militants carried out the attack": only
    # with "its" ("police said militants attacked" is no claim)
    r"(?:said|says|announced|claimed|claims)(?: that)? its (?:[\w-]+ ){0,2}?(?:militants|men|"
    r"cadres|gunmen) (?:had |have )?(?:carried out|detonated|stormed|attacked|targeted|"
    r"blew up|killed|ambushed)",
    # "al-Shabaab military spokesperson, confirmed the group's responsibility for the attack"
    r"confirm\w* (?:the group's |its |their )?responsibility",
    # the same in Persian, Arabic and Russian: "گروه داعش گفته است که یک بمبگذار انتحاری ...
    # حمله را انجام داد", "قال التنظيم إن أحد عناصره نفذ", "ИГ заявило, что его боевик совершил"
    # "داعش اعلام کرد که یکی از نیروهایش عامل عملیات انتحاری بوده است" (one of its forces was
    # the perpetrator)
    r"اعلام (?:کرد|کرده|نمود)\w* که (?:\S+ ){0,4}?(?:نيروها|اعضا|جنگجويان|افراد)\S* عامل",
    # "داعش تأیید کرد که حملۀ روز جمعه ... کار این گروه بوده است" (was this group's work)
    r"(?:تاييد|اعلام) (?:کرد|کرده|نمود)\w* که (?:\S+ ){0,14}?کار (?:اين|آن|خود) (?:گروه|تنظيم)",
    r"(?:گفته (?:است|اند)|اعلام (?:کرد|کرده|نمود)\w*) که (?:\S+ ){0,6}?"
    r"(?:بمب\s?گذار|بمگذار|انتحاري|عضو|جنگجو|مهاجم)\S*(?: \S+){0,16}? (?:را )?"
    r"(?:انجام (?:داد|داده)|شليک کرد|حمله کرد|منفجر کرد)\w*",
    r"(?:قال|اعلن|ذكر)\w* (?:\S+ ){0,12}?(?:ان|أن|إن) (?:\S+ ){0,3}?"
    r"(?:عناصر|مقاتل|انتحاري|اتباع|جندي|جنود)\w*"
    r" (?:\S+ ){0,3}?(?:نفذ|فجر)\w*",
    r"заяв\w+,? что (?:\S+ ){0,4}?(?:боевик|член|смертник|бо[ей]ц)\w* (?:\S+ ){0,3}?"
    r"(?:соверш|осуществ|взорв|атаков)\w*",
    r"(?:took|taken|take|taking|takes|assumed|accepted|admitted) (?:\w+ )?responsibility",
    r"responsibility (?:was|has been) claimed", r"claimed(?=\s*(?:[.,;)]|$))",
    # Islamic State's own claim formula: "the attacker was a soldier of the Islamic State",
    # "est un soldat de Daesh", "ein Soldat des IS", "солдат «Исламского государства»"
    r"(?:is|was|were) (?:a |one of the )?soldiers? of (?:the )?(?:islamic state|caliphate|"
    r"khilafah?|daesh|isis|is)(?!\w)",
    r"(?:est|était|sont|étaient) (?:un |des )?soldats? (?:de |du |des )(?:l['’]|la )?"
    r"(?:[ée]tat islamique|daesh|ei|califat)(?!\w)",
    r"(?:ist|war|sei|seien|waren) (?:ein |einer der )?soldat\w* des (?:is|islamischen staates|"
    r"kalifats)(?!\w)",
    r"(?:являлся|является|был|были|являются) (?:\S+ )?(?:солдат|воин|бо[йе]ц)\w* [«\"]?"
    r"(?:исламского государства|иг|халифата)(?!\w)",
    r"(?:كان|هو|هم|كانوا) (?:من )?(?:جنود|جندي|احد جنود) (?:الخلافه|الدوله الاسلاميه)",
    r"взял\w* (?:на себя )?ответственност\w*", r"взяв\w* (?:на себя )?ответственност\w*",
    # "группировка взяла на себя нападение на посольство": took the attack upon itself
    r"взял\w* на себя (?:нападени|теракт|атак|взрыв|подрыв|убийств|захват|обстрел)\w*",
    r"ответственност\w* (?:\S+ ){0,2}взял\w*(?: на себя)?",
    r"ответственност\w*(?: \S+){0,5} за", r"заявил\w* о (?:своей )?причастност\w*",
    # "группировка ... заявила о нескольких нападениях в Мали" (announced its attacks)
    r"заявил\w* о (?:нескольких |серии |новых |ряде )?(?:нападени|атак|теракт|подрыв)\w*",
    r"مسئوليت\w*",
    r"مسوليت\w*", r"مسووليت\w*", r"(?:[وف])?تبن(?:ي|ى|ت|اه|اها)\w*", r"مسوولي\w*", r"مسؤولي\w*",
    r"المسووليه", r"مسؤليت\w*", r"üstlen\w*", r"mas'uliyat\w*", r"масъулият\w*", r"масъулиятро",
    # Kyrgyz "жоопкерчилигин ... моюндаганын" (that it admitted the responsibility): the "к"
    # of "жоопкерчилик" becomes "г" before a vowel
    r"жоопкерчилик\w*", r"жоопкерчилиг\w*", r"мойнуна ал\w*", r"javobgarlik\w*",
    r"жавобгарлик\w*", r"zimmasiga ol\w*",
    r"зиммасига ол\w*", r"مسووليت\w*", r"مسؤوليت\w*", r"reivindic\w*", r"reinvidic\w*",
    r"reinvindic\w*",
    r"assum\w+ (?:a )?autoria", r"rivendic\w*", r"revendiqu\w*", r"bekannt\w* sich",
    # "bekennt sich zu", "hat sich zu dem tödlichen Anschlag ... bekannt"
    r"bekenn\w* sich",
    # ... and "hat sich nach Angaben der Nachrichtenagentur Reuters zum Bombenanschlag bekannt"
    r"(?:hat|haben) sich (?:\S+ ){0,6}?zu\w* (?:\S+ ){0,12}?bekannt",
    # "hat ... die Verantwortung für die Axt-Attacke ... übernommen", "übernahm die Verantwortung"
    r"verantwortung (?:[^\s.;]+ ){0,12}?übernomm\w*",
    r"übern(?:ahm|immt|ehmen|ahmen)\w* (?:\S+ ){0,2}?verantwortung",
    # Uzbek "hujumlarni amalga oshirganini da'vo qilayapti" (claims to have carried them out)
    r"amalga oshirgan\w* da'vo qil\w*", r"амалга оширган\w* даъво қил\w*",
    r"reklamiert\w*",
    # "Die Terrormiliz IS steckt nach eigenen Angaben hinter einer Attacke" (by its own account)
    r"steck\w* nach eigenen angaben hinter", r"nach eigenen angaben (?:\S+ ){0,4}?verantwortlich",
    # "hat sich als Urheber des Anschlags ... zu erkennen gegeben"
    r"als urheber (?:\S+ ){0,12}?zu erkennen gegeben",
    # "l'EI a déclaré samedi que quatre de ses combattants avaient mené l'attaque"
    r"(?:déclar|affirm|annonc|indiqu|revendiqu)\w* (?:\S+ ){0,2}?que (?:\S+ ){0,4}?"
    r"(?:ses|leurs) (?:combattants|membres|hommes|soldats|kamikazes?)"
    r" (?:\S+ ){0,2}?(?:avaient|avait|ont|a) (?:mené|perpétré|commis|attaqué|tué|lancé)",
    # Turkish "saldırıyı ... gerçekleştirdiklerini açıkladı" (announced they carried it out)
    r"(?:gerçekleştir|düzenle)di(?:klerini|ğini) (?:\S+ ){0,2}?(?:açıkla|duyur|iddia et)\w*",
    # French "a affirmé avoir attaqué jeudi des positions de l'armée" (said it attacked)
    r"(?:affirm|déclar|assur|annonc)\w* avoir (?:attaqué|mené|perpétré|commis|tué|lancé|ciblé)",
    # German "hat den Anschlag für sich in Anspruch genommen"
    r"für sich in anspruch genomm\w*", r"nahm\w* (?:\S+ ){0,6}?für sich in anspruch",
    # "se atribuyó la responsabilidad", "asumió la responsabilidad", "si è assunto la
    # responsabilità", "a assumé la responsabilité", "assumiu a responsabilidade"
    r"se atribu\w+", r"se (?:ha|han|había|habían) atribuido",
    r"atribu\w+ (?:la |a )?(?:responsabilidad|responsabilidade|autor[ií]a)",
    # "ha reclamado la autoría del ataque"
    r"reclam\w+ (?:la |a )?(?:autor[ií]a|responsabilidad|responsabilidade)",
    r"(?:asum|assum|assunt)\w* (?:la |a |toda la |toda a )?(?:responsabilidad|responsabilidade|"
    r"responsabilità|responsabilité|paternit[àé])",
)  # fmt: skip
#: Allegiance, not a claim: "un homme se réclamant du groupe État islamique", "il se revendique
#: de l'EI", "Täter bekennt sich in Video zur Terrororganisation IS".
_ALLEGIANCE = re.compile(
    r"(?:\bse |\bs['’])(?:revendiqu|r[ée]clam)\w*\s+(?:de|du|des|d['’])"
    r"|bekenn\w* sich (?:\S+ ){0,6}?zu[mr] (?:terrororganisation |terrormiliz |miliz |gruppe )?"
    r"(?:is|islamischen staat|al-qaida|terrororganisation|terrormiliz)\b",
    re.IGNORECASE,
)
#: Weaker claim context (used for the claim channel when the event already has a claim).
_CLAIM_CONTEXT = _rx(
    r"claim\w*", r"statement", r"announced", r"posted", r"released", r"published", r"заявлени\w*",
    r"сообщени\w*", r"опубликова\w*", r"об этом (?:сообщил|заявил|говорит)\w*", r"بيانيه",
    r"اطلاعيه", r"بيان\w*", r"اعلن\w*",
    r"açıklama\w*", r"bayonot\w*", r"изҳорот\w*", r"билдирүү\w*",
)  # fmt: skip
_TELEGRAM = _rx(
    r"telegram\w*", r"телеграм\w*", r"تلگرام", r"تلغرام", r"تيليجرام", r"تيلغرام", r"تليغرام",
    r"تلگرام\w*",
)  # fmt: skip
_CHANNEL_CUE = _rx(
    r"through", r"via", r"on", r"in", r"by", r"its", r"their", r"через", r"в своем", r"в своём",
    r"по", r"از طريق", r"در", r"عبر", r"علي", r"في", r"من خلال", r"aracılığıyla", r"orqali",
    r"тавассути", r"аркылуу",
)  # fmt: skip
#: Perpetrator cues: group named after ("carried out by X") or before ("X carried out").
_PERP_AFTER = _rx(
    r"(?:carried out|perpetrated|committed|conducted|staged|orchestrated|masterminded|"
    r"executed|organi[sz]ed) by",
    r"blam(?:ed|ing|es) (?:the (?:\w+ )?attack |it )?on", r"attributed to", r"linked to",
    r"associated with", r"affiliated with", r"belonging to", r"members? of",
    r"(?:suicide )?bombing by", r"attack by", r"(?:suicide )?bombers? (?:of|from)",
    r"совершил\w*", r"совершен\w*", r"осуществил\w*",
    r"организова\w*", r"причастност\w*", r"стоит", r"стоят", r"боевик\w*", r"(?:[وف])?نفذ\w*",
    r"من تنفيذ", r"قام\w* به\w*", r"ينتم\w* (?:الي|ل)", r"اتهم\w*", r"توسط", r"به دست",
    r"منتسب به", r"وابسته به", r"عاملان", r"аз ҷониби", r"by",
)  # fmt: skip
_PERP_BEFORE = _rx(
    r"carried out", r"perpetrated", r"conducted", r"staged", r"launched", r"committed",
    r"operatives?", r"militants?", r"fighters?", r"gunm[ae]n", r"suicide bombers?", r"tarafından",
    r"tomonidan", r"тарабынан", r"له لوري", r"совершил\w*", r"нафар\w* аз",
)  # fmt: skip
#: The end of a clause between a speaker and a claim: a stop or a "that" clause.
_CLAUSE_END = re.compile(r"[.!?؟\n]|(?<!\w)(?:إن|أن|ان|that|که|что)(?!\w)")
#: Organization kinds that report on attacks rather than claim them.
#: One victim named by a singular noun: "An 84-year-old priest was killed", "a police
#: officer was shot dead" (English; in a sentence that gives no toll).
_ONE_KILLED = re.compile(
    r"\b(?:[Aa]n?|[Oo]ne)\s+(?:[\w-]+\s+){0,2}?(?:man|woman|child|boy|girl|priest|imam|"
    r"policeman|policewoman|police officer|officer|soldier|guard|security guard|teacher|"
    r"worshipper|civilian|person|pilgrim|journalist|passer-by|student|doctor|nurse)\s+"
    r"(?:was|has been|had been)\s+(?:also\s+)?(?:killed|shot dead|stabbed to death|"
    r"beheaded|murdered)\b"
)
#: The same in French: "Une fonctionnaire de police a été tuée", "un prêtre a été égorgé".
_ONE_KILLED_FR = re.compile(
    r"\b(?:[Uu]ne?)\s+(?:[\w-]+\s+){0,3}?(?:policier|policière|fonctionnaire|gendarme|soldat|"
    r"militaire|enseignant|enseignante|professeur|prêtre|homme|femme|enfant|touriste|passant|"
    r"passante|journaliste|agent)(?:\s+(?:de|du|des)\s+[\w-]+)?\s+a\s+été\s+"
    r"(?:tuée?|abattue?|égorgée?|assassinée?|poignardée? à mort|décapitée?)\b"
)
#: The same in Russian: "погиб 12-летний ребенок", "был убит полицейский".
_ONE_KILLED_RU = re.compile(
    r"(?<!\w)(?:погиб(?:ла)?|(?:был[аи]?\s+)?убит[аы]?|скончал(?:ся|ась))\s+(?:[\w-]+\s+){0,2}?"
    r"(?:ребенок|ребёнок|мальчик|девочка|мужчина|женщина|полицейский|военнослужащий|"
    r"священник|имам|охранник|прохожий|подросток|школьник|школьница|сотрудник)(?!\w)"
    # "подтвердили факт гибели сотрудника полиции": the death of one
    r"|(?<!\w)гибел[иь]\s+(?:одного\s+)?(?:сотрудника|полицейского|военнослужащего|человека|"
    r"ребенка|ребёнка|мужчины|женщины|охранника|священника|имама|прохожего)(?!\w)"
)
#: Gazetteer kinds of the groups whose killings are attacks (not a state's forces).
_ARMED_GROUP_KINDS = frozenset({"group", "wing", "movement"})
#: Active killing verbs ("killed", not "were killed"; Persian "کشتند", not "کشته شدند").
_GROUP_KILLED = _rx(
    r"killed", r"kills", r"shot dead", r"gunned down", r"убили", r"убил", r"расстреляли",
    r"کشتند", r"کشته اند", r"به قتل رساندند", r"öldürdü\w*", r"o'ldirdi\w*", r"ўлдирди\w*",
    r"куштанд", r"өлтүрүштү", r"mataron", r"mataram", r"ont tué", r"a tué", r"hanno ucciso",
    r"töteten",
)
#: The agent of a passive killing, in Persian, Dari and Tajik: "به دست طالبان" (at the hands
#: of the Taliban), "توسط داعش" (by ISIS), "аз дасти ҷангиёни Давлати исломӣ".
_BY_GROUP = re.compile(r"(?<![^\W\d_])(?:به\s?دست|بدست|توسط|аз дасти)\s+(?:\w+\s+)?$")
#: A passive killing verb after that agent: "کشته شدند", "به قتل رسیدند", "ба қатл
#: расонида шуданд", "кушта шуданд".
_KILLED_BY_GROUP = _rx(r"کشته", r"به قتل رسید\w*", r"кушта\w*", r"ба қатл расон\w*", r"ҳалок\w*")
_PASSIVE_BEFORE = re.compile(
    r"\b(?:were|was|been|being|are|is|got|get)\s+(?:\w+\s+)?$|\bof\s+those\s+$"
)
#: (``research``: monitors and think tanks that report claims: SITE, ISW, Crisis Group)
#: Words of a state's forces or offices in a name no list knows.
_STATE_FORCE = re.compile(
    r"\b(?:Defen[cs]e|Security|Police|Ministry|Government|Armed Forces|Military|Gendarmerie|"
    # not "Army": the Balochistan Liberation Army, the Free Syrian Army claim attacks
    r"Air Force|Navy|Coast Guard|Border Guards?|"
    r"Défense|Sécurité|Forças|Fuerzas Armadas|Polizei|Ministerium|Министерств\w*|полици\w*)\b"
    r"|(?:وزارة|الشرطة|الجيش|وزارت|پلیس|ارتش)",
    re.IGNORECASE,
)
_NOT_CLAIMANT_KINDS = frozenset(
    {"state_body", "intergovernmental", "company", "agency", "ngo", "research"}
)
#: "No group has claimed", "ни одна группировка не взяла", "لم تتبن", "بر عهده نگرفته".
_NEGATION = _rx(
    r"no (?:group|one|organi[sz]ation|faction|militant\w*|claim\w*)", r"not", r"yet to", r"never",
    r"none", r"nobody", r"denied", r"denies", r"deny", r"without", r"не", r"ни", r"нет", r"هيچ",
    r"نگرفت\w*", r"نپذيرفت\w*", r"لم", r"لا", r"ينف\w*", r"نفي", r"hiçbir", r"üstlenmedi", r"hech",
    r"ҳеҷ", r"ninguno", r"ninguna", r"nenhum", r"nenhuma", r"nessun\w*", r"aucun\w*", r"kein\w*",
    # "Saldırıyı üstlenen olmadı" (nobody claimed), "эч бир топ ... ала элек" (no group yet)
    r"olmadı", r"çıkmadı", r"эч", r"элек", r"нагирифт\w*", r"olmadi", r"олмади",
    # "ISWA no ha reclamado", "n'a pas revendiqué", "não reivindicou", "non ha rivendicato"
    r"no ha", r"no han", r"no se ha", r"pas", r"não", r"non ha", r"non hanno", r"nicht",
    # Pashto "هېڅ ډلې ... مسوولیت نه دی منلی" (no group has accepted responsibility)
    r"هېڅ", r"هيڅ", r"نه دی", r"نه ده", r"نه دي",
)  # fmt: skip
_PERP_VERB = _rx(
    r"carried out",
    r"perpetrated",
    r"conducted",
    r"staged",
    r"launched",
    r"committed",
    r"совершил\w*",
)
#: After a perpetrating verb: other attacks than the one reported ("has carried out similar
#: attacks", "launched several attacks").
_OTHER_ATTACKS = re.compile(
    r"\s+(?:\w+\s+)?(?:similar|other|previous|earlier|such|several|many|numerous|dozens of|"
    r"a series of|a string of|multiple|past|frequent|repeated)\b",
    re.IGNORECASE,
)
_ARTICLE = re.compile(r"^(?:The|the|O|A|El|La|Los|Las|Os|As|Il|Lo|Le|Les|Der|Die|Das)\s+")
_TAKFIRI = _rx(r"takfir\w*", r"تکفيري\w*", r"التکفيري\w*", r"تکفيريون", r"такфир\w*")

# Attributions of a figure.
_ATTR_FWD = _rx(
    r"according to", r"citing", r"quoting", r"per", r"по данным", r"по словам", r"по информации",
    r"согласно(?: данным)?",
    r"как (?:сообщил|сообщает|сообщают|передает|" r"передаёт|пишет|заявил)\w*", r"со ссылкой на",
    r"به گزارش", r"به نقل از", r"به گفته", r"طبق گزارش", r"بنا بر گزارش", r"بر اساس گزارش",
    r"بحسب", r"حسب", r"وفقا ل(?=\w)", r"وفقا ل", r"وفق ما" r" (?:افاد|اعلن|ذکر|نقل|اورد)\w*",
    r"نقلا عن", r"طبقا ل(?=\w)", r"ba gozorish", r"ба гузориши", r"ба иттилои", r"тибқи маълумоти",
    r"ба қавли", r"segundo", r"según", r"secondo", r"selon", r"laut",
)  # fmt: skip
_ATTR_VERB = _rx(
    r"said", r"says", r"say", r"reported", r"reports", r"confirmed", r"confirms", r"announced",
    r"announces", r"told", r"stated", r"put", r"gave", r"added", r"сообщил\w*", r"заявил\w*",
    r"сообща(?:ет|ют|ло|ла|ли|л)", r"заявля(?:ет|ют|ло|ла|ли|л)",
    r"передает", r"передаёт", r"пишет", r"уточнил\w*", r"подтвердил\w*", r"گزارش (?:داد|کرد)\w*",
    r"اعلام (?:کرد|شد)\w*", r"گفت",
    r"(?:[وف])?(?:قال|قالت|ذکر|ذکرت|افاد|افادت|اعلن|اعلنت|اکد|اکدت|اوضح|اوضحت|نقل|نقلت|"
    r"اشار|اشارت|تحدثت|اورد|اوردت)",
)  # fmt: skip
_AR_VERB_FIRST = re.compile(r"[\u0600-\u06ff]")
_SOURCE_NOUN = _rx(
    r"tv", r"television", r"media", r"agency", r"news", r"officials?", r"authorit\w+", r"ministry",
    r"minister", r"police", r"committee", r"service", r"governor", r"spokes\w+", r"sources?",
    r"investigators", r"government", r"channel", r"website", r"judiciary", r"reports?",
    r"statement", r"witness\w*", r"correspondent", r"state", r"officer\w*", r"red crescent",
    r"red cross", r"hospital", r"emergenc\w+",
)  # fmt: skip

#: Persian / Pashto: the subject at the start of a clause, up to an adverb, a toll word, the
#: object marker or a number (folded text).
_FA_SUBJECT = re.compile(
    _fold_pattern(
        r"\s*((?:[\u0600-\u06ff\u200c]+\s+){0,4}?[\u0600-\u06ff\u200c]+)"
        r"(?=\s+(?:پیش‌تر|پیشتر|قبلا|امروز|دیروز|روز|آمار|شمار|تعداد|را|در|که|نیز|هم|[0-9۰-۹]))"
    )
)
_FA_SOURCE_NOUN = _rx(
    r"سخنگو\w*", r"خبرگزاري\w*", r"وزارت\w*", r"وزير\w*", r"پليس", r"اورژانس", r"مقام\w*",
    r"منابع", r"رسانه\w*", r"استاندار\w*", r"فرماندار\w*", r"سازمان\w*", r"رئيس\w*",
    r"رييس\w*", r"مسئول\w*", r"تلويزيون", r"صدا و سيما", r"دادستان\w*", r"ویاند\w*",
)  # fmt: skip

# Targets: places and people attacked.
_TARGET_NOUNS = _rx(
    r"shrines?", r"mosques?", r"mausoleums?", r"church(?:es)?", r"synagogues?", r"temples?",
    r"gurdwaras?", r"cathedral", r"concert (?:hall|venue)s?", r"music venue", r"venues?",
    r"city hall", r"cemeter(?:y|ies)", r"tombs?", r"graves?", r"ceremon(?:y|ies)",
    r"commemorations?", r"memorial", r"procession", r"gathering", r"crowds?", r"rally", r"wedding",
    r"funeral", r"market", r"bazaar", r"school", r"university", r"hospital", r"checkpoint",
    r"police station", r"military base", r"convoy", r"bus", r"train", r"airport", r"hotel",
    r"embassy", r"consulate", r"parliament", r"worshipp?ers", r"pilgrims", r"concertgoers",
    r"mourners", r"holy site", r"мечет\w*", r"церк\w+", r"храм\w*", r"синагог\w*",
    r"концертн\w+ зал\w*", r"кладбищ\w*", r"рын(?:ок|ка|ке)", r"школ\w*", r"посетител\w*",
    r"молящ\w*", r"паломник\w*", r"حرم", r"مسجد", r"زيارتگاه", r"آرامگاه", r"مزار", r"گلزار",
    r"مراسم", r"تجمع", r"کليسا", r"کنيسه", r"بازار", r"مدرسه", r"زائران", r"نمازگزاران",
    r"ضريح\w{0,2}", r"مرقد\w{0,2}", r"مقام\w{0,2}", r"مزار\w{0,2}", r"مسجد\w{0,2}", r"حسيني\w+",
    r"کنيس\w+", r"معبد\w{0,2}", r"قاع\w+", r"حفل\w{0,2}", r"تجمع\w{0,2}", r"موکب\w{0,2}",
    r"مقبر\w+", r"سوق\w{0,2}", r"مدرس\w+", r"زوار", r"مصلين", r"türbe\w*", r"cami\w*",
    r"kilise\w*", r"masjid\w*", r"maqbara\w*", r"масҷид\w*", r"мечит\w*", r"جومات", r"مزار",
    r"santuario", r"mesquita", r"moschea", r"mezquita",
)  # fmt: skip
_TARGET_CUE = _rx(
    r"at", r"on", r"targeting", r"targeted", r"targetted", r"against", r"inside", r"into",
    r"stormed", r"attacked", r"hit", r"struck", r"near", r"на", r"в", r"علي", r"استهدف\w*", r"در",
    r"به", r"به سمت",
)  # fmt: skip
_TARGET_MOD = _rx(
    r"shia", r"shiite", r"shi'ite", r"sunni", r"sikh", r"sufi", r"hindu", r"christian", r"jewish",
    r"religious", r"holy", r"major", r"crowded", r"packed", r"main", r"concert", r"music",
    r"memorial", r"commemorative", r"funeral", r"burial", r"wedding", r"busy",
)  # fmt: skip
_STOP_AR = _rx(
    r"في", r"علي", r"الي", r"من", r"عن", r"مع", r"ب", r"و", r"ثم", r"حيث", r"عليه", r"عليها",
    r"عليهم", r"السلام", r"کې", r"په", r"د", r"الذي", r"التي", r"در", r"به", r"از", r"با", r"که",
    r"را", r"تا", r"و",
)  # fmt: skip

#: Words of the text before an attack word: spaces and commas (Arabic ones are often written
#: without a space after them) part them.
_TOKEN_SPLIT = re.compile(r"[\s,،؛]+")

# Dates that are not the event's own.
_NON_EVENT_DATE_CUE = _rx(
    r"since", r"until", r"till", r"before", r"following", r"after", r"с", r"после", r"до", r"منذ",
    r"حتي", r"بعد", r"قبل", r"از", r"پس از", r"تا", r"ahead of",
)  # fmt: skip
#: Talk about attacks in general, not about one: "countering terrorist attacks".
_GENERIC = re.compile(
    _fold_pattern(
        r"(?<!\w)(?:counter(?:ing)?|prevent(?:ing|ion of)?|combat(?:ing)?|fight(?:ing)? against|"
        r"deter(?:ring)?|protect\w* (?:\w+ )?against|threat of|risk of|in case of|vulnerable to|"
        r"warn\w* (?:of|about)|future|possible|potential|any|resilience to|preparedness for|"
        r"(?:intended|aimed|meant|designed|planned|plotting|sought|seeking|tried|trying|vowed|"
        r"threatened|threatening|calls?|called|urged|urging) to|"
        r"противодейств\w+|профилактик\w+|угроз\w+|مقابله با|مبارزه با|مكافحة|التصدي ل|"
        # "призывает сторонников к терактам", "ruft zu Anschlägen auf", "appelle à des attentats"
        r"призыва\w* (?:\w+ )?к|призыв\w* к|ruft (?:\w+ )?zu|aufruf\w* zu|appel\w* (?:\w+ )?à|"
        r"calls? (?:\w+ )?for|called (?:\w+ )?for|urg\w+ (?:\w+ )?to carry out)"
        r"(?:[\s-]+[\w-]+){0,2}?[\s-]+$"
    )
)
#: Words after a source's name before its verb ("... had put the toll at 103").
_TRAILING_AUXILIARY = re.compile(
    r"(?:\s+(?:had|has|have|was|were|is|also|later|earlier|then|now))+$"
    # ... or a time: "وسائل إعلام إيرانية رسمية اليوم الخميس", "state media on Thursday"
    r"|\s+(?:(?:on|today|yesterday|сегодня|вчера|امروز|دیروز|اليوم|أمس|مساء|صباح)"
    r"(?:\s+\S+)?)$"
)
#: Arabic "من قبل" ("by", the agent of a passive verb), folded.
_AGENT_MIN_QABL = re.compile(_fold_pattern(r"(?<!\w)من قبل(?!\w)"))
#: An earlier attack than the one reported: its date is not the event's.
_EARLIER = _rx(
    r"previously", r"earlier attack\w*", r"also (?:been )?(?:attacked|targeted|hit)",
    r"last (?:attacked|targeted)", r"(?:ранее|прежде|уже) (?:подвергал\w*|атакова\w*)",
    r"قبلا", r"پیش از این", r"سابقا", r"avval ham", r"daha önce",
)  # fmt: skip
_REFERENCE = _rx(
    r"since", r"than", r"like", r"including", r"unlike", r"such as", r"similar to",
    r"reminiscent of", r"recalling", r"со времен\w*", r"منذ", r"مثل", r"بما في ذلک", r"از زمان",
    r"مانند", r"beri", r"buyan",
)  # fmt: skip
#: "including women", "including two children": a list of victims (folded text), whose
#: "including" frames no other event.
_INCLUDING_PEOPLE = re.compile(
    r"\b(?:including|among them)\s+(?:(?:[\w-]+)\s+){0,2}?(?:women|children|men|girls|boys|"
    r"soldiers|policemen|police officers|civilians|students|worshippers|pilgrims|villagers|"
    r"foreigners|tourists|a woman|a child|a soldier|a policeman)\b"
)
#: "after they stormed", "after the gunmen opened fire": a clause of the attack itself.
_AFTER_THE_ATTACKERS = re.compile(
    r"\b(?:after|before)\s+(?:they|the (?:attackers|assailants|gunmen|militants|terrorists|"
    r"bomber|attacker|gunman)|(?:gunmen|militants|terrorists|attackers))\s+(?!had\b)\w+ed\b"
)
#: A sentence opening on an earlier attack told as background ("before this", "previously").
_BACKGROUND_OPEN = re.compile(
    r"\s*(?:аз ин пеш|пеш аз ин|до этого|previously|in the past|پیش از این|قبل از این|"
    r"قبلا|سابقا|bundan önce|bundan once|бундан олдин|bundan oldin)(?![^\W\d_])",
    re.IGNORECASE,
)
#: "two days before the city marks the sixth anniversary of the Manchester Arena bombing": the
#: attack after it is remembered, not reported (the sentence's weekday is the anniversary's).
_ANNIVERSARY = _rx(
    r"anniversary", r"годовщин\w*", r"سالگرد", r"ذكري", r"yıldönüm\w*", r"aniversario",
    r"anniversaire", r"anniversario", r"jahrestag\w*", r"aniversário",
    # "3 ans jour pour jour après la tuerie", "two years after the attack": a commemoration
    r"jour pour jour", r"(?:ans|années) après", r"years? after", r"лет (?:спустя|после)",
    r"años después", r"anni dopo", r"jahre nach", r"yıl sonra",
)  # fmt: skip
#: Attacks counted or joined before their word: "a spate of three attacks", "coordinated".
_ATTACKS_COUNTED = re.compile(
    r"\b(?:two|three|four|five|six|twin|multiple|coordinated|simultaneous|series of|spate of|"
    r"wave of)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
#: Words that make "another attack" one feared or expected, not one that happened.
_EXPECTED = _rx(
    r"fear\w*", r"warn\w*", r"threat\w*", r"could", r"may", r"might", r"expect\w*",
    r"plan\w*", r"possib\w*", r"prevent\w*", r"craint\w*", r"crain\w+", r"menace\w*",
    r"redout\w*", r"pourrait", r"tem\w+", r"amenaz\w*", r"podría", r"possibil\w*",
    r"potrebbe", r"befürcht\w*", r"droh\w*", r"könnte", r"опаса\w*", r"угроз\w*", r"может",
    r"могут", r"korku\w*", r"tehdit\w*",
)  # fmt: skip
#: "Ещё один теракт", "another attack", "un autre attentat": the attack word is a second
#: attack, so an explosion told just before it was an attack of its own.
_ANOTHER = _rx(
    r"another", r"a second", r"ещ[её] (?:один|одна|одно|одним|одной)", r"друг\w+", r"un autre",
    r"une autre", r"otro", r"otra", r"outro", r"outra", r"un altro", r"un'altra",
    r"ein weiterer", r"eine weitere", r"einen weiteren", r"başka bir", r"yana bir", r"دیگر",
    r"آخر", r"أخرى",
)

_ANAPHOR = _rx(
    r"the", r"this", r"that", r"these", r"those", r"its", r"their", r"yesterday's", r"этот",
    r"этого", r"этом", r"данн\w+", r"اين", r"آن", r"هذا", r"هذه", r"ذلک", r"بهذا", r"لهذا", r"bu",
    r"ushbu", r"бу",
)  # fmt: skip

#: "Tajikistan-born", "Afghanistan-based", "Chaman-bound" (a train's destination): a place that
#: describes someone or something, not the scene.
_ADJECTIVAL = re.compile(
    r"[-\s]?(?:born|based|backed|linked|registered|made|bred|bound)\b|"
    r"\s(?:branch|wing|faction|affiliate|offshoot|chapter)\b",
    re.I,
)

#: What may stand between coordinated countries: "against Uzbekistan in April and ...".
_COORDINATION = re.compile(
    r"(?:[\s,]|and|or|as well as|in|on|at|against|into|targeting|on both|both|"
    r"и|а также|в|на|по|و|در|به|ва|va|ve|hem|ham|жана|менен)*",
    re.I,
)

#: A company named after a place: "New Kabul Bank in Kandahar", "Ariana Afghan Airlines",
#: "Кабул-банк". Capitals only: "a Kabul bank" is a bank in Kabul.
_NAMED_AFTER = re.compile(r"[\s-]+(?:Bank|Airlines|Airways)\b|-банк", re.UNICODE)

_BASED_IN = re.compile(
    r"(?:(?:based|headquartered|born|stationed|published|printed|базирующ\w*|родом|уроженц\w*|"
    r"выход\w*|издающ\w*)\s+(?:in|в|из)"
    # a newspaper "printed in Kabul" (Tajik "рӯзномаи 8 субҳ чопи Кобул", Persian "چاپ کابل")
    r"|чопи|چاپ"
    # "جماعة ... التي تتخذ من سيناء معقلا" (which takes Sinai as its stronghold)
    r"|(?:ت|ي)?تخذ\w*\s+من|اتخذ\w*\s+من)\s*$",
    re.I,
)
#: A motive, not a scene: "to avenge Muslims in Palestine", "in retaliation for ... in Syria",
#: "in solidarity with Gaza", "отомстить за мусульман в Сирии".
_MOTIVE_BEFORE = re.compile(
    r"(?:\bavenge|\brevenge for|\bretaliation for|\bsolidarity with|\bin support of|"
    r"\bvengeance for|отомстить за|месть за|venger|vengar|vendicare|rächen)"
    r"(?:\s+[\w'’-]+){0,4}?\s+(?:in|of|for|в|за|en|à|in)?\s*$",
    re.I,
)
#: Who backs someone, not the scene: "يواجه هجمات تدعمها الولايات المتحدة" (faces attacks the
#: United States backs), "forces backed by Turkey", "при поддержке России".
_BACKER_BEFORE = re.compile(
    r"(?:\b(?:backed|supported|funded|armed|sponsored) by(?: the)?|(?<![\w\u0600-\u06ff])"
    r"(?:ت|ي)دعم\w*|بدعم من|مدعوم\w* من|المدعوم\w* من|при поддержке|поддерживаем\w*|"
    # Persian "تروریست تحت حمایت هند" (terrorists backed by India), "وابسته به" (tied to)
    r"(?:تحت|مورد)\s+حما[یي]ت|حما[یي]ت[\s\u200c]*شده[\s\u200c]*(?:از\s+سو[یي]|توسط)|"
    r"وابسته\s+به)\s*$",
    re.I,
)
#: Where a Persian agency reported from: "به گزارش ... خبرگزاری صدا و سیما از اسلام آباد".
_REPORTED_FROM = re.compile(r"(?:به|بنا بر)\s+گزارش[^.,:;!?،؛\n]{0,80}\sاز\s+$")
#: Where people come from, not the scene: "most of them from the towns of ... in Idlib",
#: "معظمهم من أبناء بلدتي ... في ريف إدلب", "hailing from", "natives of".
_ORIGIN_BEFORE = re.compile(
    r"(?:\b(?:most|many|all|some) of (?:them|whom) (?:were )?(?:from|natives? of)|\bhailing from|"
    r"\bnatives? of|\boriginally from|من أبناء|من ابناء|ينحدر\w* من|المنحدر\w* من)"
    r"[^.;:!?،؛]{0,80}$",
    re.I,
)
#: A destination, not a scene: "a train to travel to the garrison city of Rawalpindi",
#: "a bus bound for Kabul", "on their way to Mecca".
_DESTINATION_BEFORE = re.compile(
    r"\b(?:travel(?:l?ing)? to|bound for|head(?:ed|ing) (?:to|for)|en route to|on (?:its|their|"
    r"his|her|the) way to|destined for)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:of\s+)?$",
    re.I,
)
#: Where someone went to fight, not a scene: "convicted for attempting to join the so-called
#: Islamic State extremist group in Syria".
_JOINED_IN = re.compile(r"\bjoin(?:ed|ing|s)?\s+(?:[\w'’-]+\s+){0,6}?in\s+(?:the\s+)?$", re.I)
#: Someone's past, not a scene: "a former US Army service member who served in Afghanistan",
#: "had lived in Germany", "moved to France from Chechnya", "studied in Cairo".
_BIOGRAPHY_BEFORE = re.compile(
    r"\b(?:served|deployed|stationed|lived|studied|grew up|worked|moved|emigrated|immigrated|"
    r"fled|resettled|settled)\s+(?:\w+\s+){0,3}?(?:in|to|from)\s+(?:the\s+)?$"
    r"|(?<!\w)(?:служил|проживал|жил|учился|переехал|эмигрировал)\w*\s+(?:\w+\s+){0,2}?"
    r"(?:в|во|из)\s+$",
    re.I,
)
#: Born: "Ош шаарында туулган", "Andijonda tug'ilgan", "родился в", "born in 1995".
_BORN_AFTER = re.compile(
    r"(?:\s+[^\s,;.]+){0,2}?\s+(?:туулган|tug['‘’ʻ]ilgan|туғилган|таваллуд|родил(?:ся|ась)|"
    r"doğ(?:du|an|muş)\w*|متولد|ولد)(?![^\W\d_])",
    re.IGNORECASE,
)
_BORN_BEFORE = re.compile(
    r"(?:\bborn|родил(?:ся|ась|ись)|уроженец|уроженк\w*|уроженц\w*|выход(?:ец|ц\w*)|"
    r"\bnatives? of)\s+(?:(?:in|on|в|из)\s+)?(?:the\s+)?$",
    re.I,
)


def _birth(text: str, start: int, end: int) -> bool:
    """A date or place of someone's birth, not of an attack."""
    return bool(
        _BORN_AFTER.match(text, end) or _BORN_BEFORE.search(text, max(0, start - 25), start)
    )


#: A Turkic genitive country name followed by an institution: "Кыргызстандын Улуттук
#: коопсуздук мамлекеттик комитети", "O'zbekiston Ichki ishlar vazirligi".
_INSTITUTION_AFTER = re.compile(
    r"(?:[^\W\d_]{0,4})?(?:\s+[^\s,.;:()]+){0,3}?\s+(?:комитет\w*|министрлиг\w*|"
    r"министрлик\w*|вазирлиг\w*|вазорат\w*|кызмат\w*|президент\w*|өкмөт\w*|ҳукумат\w*|"
    r"hukumat\w*|vazirlig\w*|bakanlığı\w*|hükümet\w*|elçiliğ\w*|элчилиг\w*|элчихона\w*|"
    r"elchixona\w*|консулдуг\w*|qo['‘’ʻ]mita\w*|қўмита\w*|кумита\w*)(?![^\W\d_])",
    re.IGNORECASE,
)
#: A distance from a place: "150 km south of", "в 50 км от", "20 miles from".
_DISTANCE_FROM = re.compile(
    r"(?:\bkm|\bkilomet(?:er|re)s?|\bmiles?|\bкм|\bкилометр\w*)\s+(?:\w+[ -]?){0,2}"
    r"(?:of|from|от|из|аз)\s+(?:the\s+)?(?:city\s+of\s+|capital\s+)?$",
    re.IGNORECASE,
)
#: The same in French, Spanish, Italian, Portuguese and German: "à environ 70 kilomètres au
#: nord-ouest de la capitale nationale Islamabad", "rund 130 Kilometer von der Hauptstadt".
_DISTANCE_FROM_ROMANCE = re.compile(
    r"(?:\bkm|\bkilom[eè]tres?|\bkil[oó]metros?|\bchilometri|\bquil[oô]metros?|\bkilometern?)"
    r"\s+(?:[\w'’-]+\s+){0,3}?(?:de|du|da|di|del|dal|von|vom)\s+"
    r"(?:(?:la|el|le|l['’]|a|o|der|dem)\s*)?"
    r"(?:(?:capitale|capital|ville|ciudad|città|cidade|hauptstadt|stadt)\s+(?:[\w-]+\s+)?"
    r"(?:de\s+|di\s+)?)?$",
    re.IGNORECASE,
)
#: Turkish, Uzbek, Kyrgyz: the landmark a distance is from comes before it, in the dative
#: ("Maiduguri'ye 12 kilometre uzaklıkta", "Toshkentdan 30 kilometr uzoqlikda").
_DISTANCE_AFTER = re.compile(
    r"['’]?(?:y|n)?[ae]?(?:dan|den|tan|ten|дан|ден|тан|тен)?"
    # "Карачи шаарынан 470 чакырым түндүктөгү Шикарпур" (470 km north of the city of Karachi)
    r"(?:\s+(?:шаарынан|шаҳридан|shahridan|şehrinden|kentinden))?\s+(?:\d+|[^\W\d_]+)\s+"
    r"(?:kilometre|kilometr|km|километр|чакырым)\w*\s+"
    r"(?:uzaklıkta|uzaklıktaki|mesafede|uzoqlikda|алыстыкта|узоқликда|түндүк\w*|түштүк\w*|"
    r"батыш\w*|чыгыш\w*|kuzey\w*|güney\w*|doğu\w*|batı\w*|shimol\w*|janub\w*|sharq\w*|"
    r"шимол\w*|жануб\w*)"
    # Turkish and Uzbek postpositions: "başkent Mogadişu’nun kuzeybatısında bulunan Afgoye
    # kentinde" (in Afgoye, northwest of the capital Mogadishu), "Mogadişu’nun yakınlarında"
    r"|['’]?(?:n?[ıiuü]n|ning)?\s+(?:kuzey|güney|doğu|batı|kuzeybatı|kuzeydoğu|güneybatı|"
    r"güneydoğu)s[ıi]nda(?:ki)?\b|['’]?(?:n?[ıiuü]n)?\s+yakın(?:lar)?[ıi]nda(?:ki)?\b",
    re.IGNORECASE,
)
#: A bearing from a landmark: "south of Kabul", "جنوبي العاصمة السورية دمشق" (south of the
#: Syrian capital Damascus). Not "in the south of Afghanistan", "في جنوب أفغانستان" (a part of it).
#: "(just) before 11:00pm", "shortly after 3 a.m.": a cue word before a clock time.
_CLOCK_CUE = re.compile(
    r"\b(?:before|after|до|после|قبل|بعد|پیش از|پس از)\s+(?:\d{1,2}(?:[:.]\d{2})?\s?"
    r"(?:[ap]\.?\s?m\b\.?|h\b|hrs?\b|o'clock)|\d{1,2}[:.]\d{2})"
    # Persian and Dari "بعد از ظهر" (afternoon), "قبل از ظهر" (forenoon), folded: a time of
    # day, not "after" or "from" a date
    r"|(?:بعد|قبل|پيش)\s?از\s?ظهر"
    # "shortly before dawn on Tuesday": a time of day too
    r"|\b(?:before|after) (?:dawn|dusk|daybreak|sunrise|sunset|noon|midday|midnight)\b",
    re.IGNORECASE,
)
_BEARING_FROM = re.compile(
    r"(?<!the )(?<!The )\b(?:south|north|east|west)(?:-?(?:east|west))? of\s+(?:the\s+)?"
    # "southwest of the Somali capital Mogadishu"
    r"(?:[A-Z][\w-]+\s+)?"
    r"(?:(?:capital|provincial capital|port|capital city|city|town)(?:\s+of)?\s+)?$"
    # "in Al-Shawla village southwest the eastern city of Deir Ezzor" (no "of")
    r"|(?<!the )(?<!The )\b(?:south|north|east|west)(?:-?(?:east|west))?\s+the\s+(?:[\w-]+\s+)?"
    r"(?:city|town|capital)\s+of\s+$"
    # "ولایت شرقی غزنی", "ایالت شمالی کندوز": after a place noun the adjective says which
    # (the eastern province of Ghazni), not a bearing
    r"|(?<!في )(?<!در )(?<!ولایت )(?<!ایالت )(?<!استان )(?<!شهر )(?<!ولسوالی )(?<![\w])"
    r"(?:جنوب|شمال|شرق|غرب)[يی]\s+$"
    # "بمحافظة صلاح الدين شمالي العاصمة بغداد" (north of the capital Baghdad)
    r"|(?<![\w])(?:جنوب|شمال|شرق|غرب)[يی]?\s+(?:ال)?(?:عاصمة|مدينة)\s+$"
)
#: "a town near Paris", "une commune près de Paris": the city is a landmark for a place the
#: sentence does not name.
_TOWN_NEAR = re.compile(
    r"\b(?:an?|the|une|la|le|un|una|uma|eine[mn]?|einer)\s+(?:small\s+|petite\s+)?"
    r"(?:town|village|city|suburb|commune|ville|localité|banlieue|comune|paese|pueblo|"
    r"localidad|cidade|vila|ort|stadt|gemeinde|kleinstadt)\s+(?:[\w-]+\s+)?"
    r"(?:near|outside|close to|près de|proche de|non loin de|vicino a|nei pressi di|cerca de|"
    r"perto de|nahe|bei)\s+$",
    re.IGNORECASE,
)
#: An institution or people of a country named before it: the country is no scene.
_INSTITUTION_OF = re.compile(
    r"(?:\b(?:МИД|МВД|ФСБ|СК|Минобороны|посольств\w*|консульств\w*|генконсульств\w*|"
    r"президент\w*|правительств\w*|министерств\w*|ведомств\w*|лидер\w*|граждан\w*|"
    r"уроженц\w*|уроженец|уроженк\w*|выходец|выходц\w*)"
    r"|\b(?:embassy|consulate|president|government|ministry|citizens?|nationals?|natives?)"
    r"\s+of(?:\s+the)?"
    # "la Embajada de Israel", "l'ambassade d'Israël", "l'ambasciata di Israele",
    # "die Botschaft Israels", "a Embaixada de Israel", "İsrail Büyükelçiliği" (after it)
    r"|\b(?:embajada|consulado|ambassade|consulat|ambasciata|consolato|embaixada)\s+"
    r"(?:(?:de(?:\s+la|l)?|d['’]|di|da|do)\s*)?"
    r"|\b(?:botschaft|konsulat)(?:\s+(?:von|des))?"
    # Persian and Arabic: "تبعه تاجیکستان" (a national of Tajikistan), "من مواطني طاجيكستان"
    r"|(?<!\w)(?:تبعه|اتباع|شهروند|شهروندان|مواطن\w*|رعايا|سفارت|سفارة|وزارت خارجه)"
    r")(?:\s+|(?<=['’]))$",
    re.I,
)
_GEO_NOUN = re.compile(
    r"(?:(?:south|north|east|west)\w*\s+)?(?:city|capital|province|region|"
    r"town|village|district|south|north|east|west|border)\b",
    re.I,
)

_ABBREV = frozenset((
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mr",
    "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "capt", "maj", "u.s", "u.k", "u.n", "no",
    "vs", "etc", "inc", "co", "corp", "jr", "sr", "prof", "rep", "sen", "gov", "e.g", "i.e",
    "approx", "fig", "al", "dept", "г", "гг", "ул", "т.е", "им", "тыс", "млн",
))  # fmt: skip
_SENT_END = re.compile(
    r"([.!?؟؛…]+[\"»”'’)\]]*(?:\[[^\]\n]{1,8}\])*)(?=\s)"
    # Arabic web text often glues the next sentence to the full stop: "في شمال مصر.وفي بيان"
    r"|(?<=[\u0621-\u064a\u0671-\u06d3])(\.)(?=[\u0621-\u064a\u0671-\u06d3])"
)


# --------------------------------------------------------------------------------------------
# Sentences


_FUNCTION_END = re.compile(
    r"\b(?:the|a|an|of|in|on|at|to|for|by|with|from|and|or|its|their|"
    r"his|her|that|which|who|as|into|near|during)\s*$",
    re.I,
)
_LIST_LINE = re.compile(r"\s*(?:[-*•=#|]|\d+[.)]\s|[\u06f0-\u06f9\u0660-\u0669]+\s*-)")


_LINE_END = '.!?؟:;»"”)]|…'


def _blocks(text: str) -> list[tuple[int, int]]:
    """Lines, with hard-wrapped lines joined back ("... in the\nIranian city of Kerman")."""
    out: list[tuple[int, int]] = []
    lines = [m for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    wrapped_text = _hard_wrapped(text, lines)
    for line in lines:
        prev_blank = not out or "\n" in text[out[-1][1] : line.start()].replace("\n", "", 1)
        if (
            out
            and not prev_blank
            and _wrapped(text[out[-1][0] : out[-1][1]], line.group(), wrapped_text)
        ):
            out[-1] = (out[-1][0], line.end())
        else:
            out.append((line.start(), line.end()))
    return out


def _hard_wrapped(text: str, lines: list[re.Match[str]]) -> bool:
    """Whether the text is hard-wrapped: half the lines that a paragraph continues after (six
    at least) are prose that stops without a sentence's end ("Gunmen struck and killed a
    National\nPolice Reservist in a raid in the Iressuki area"). A page whose paragraphs
    are one line each ends such lines on a full stop; a menu's lines are short."""
    inner = [
        line.group().rstrip()
        for line, nxt in itertools.pairwise(lines)
        if text.count("\n", line.end(), nxt.start()) == 1
    ]
    if len(inner) < 6:
        return False
    open_prose = sum(1 for ln in inner if len(ln) >= 25 and ln[-1] not in _LINE_END)
    return open_prose >= 0.5 * len(inner)


def _wrapped(prev: str, line: str, wrapped_text: bool = False) -> bool:
    last = prev.rstrip()
    if not last or last[-1] in _LINE_END or " | " in prev or " | " in line:
        return False
    if _LIST_LINE.match(line) or _LIST_LINE.match(prev.split("\n")[-1]):
        return False
    first = line.lstrip()[:1]
    return (
        wrapped_text or first.islower() or first.isdigit() or bool(_FUNCTION_END.search(last))
    )


def _in_quote(text: str, start: int, pos: int) -> bool:
    """Whether ``pos`` is inside a “...” or «...» quotation opened in ``text[start:pos]`` and
    closed after it within its paragraph (a quote mark that opens a paragraph of wire copy
    and never closes, "“بنغازي – وكالات – قتل 45 شخصا ...", quotes no speaker)."""
    before = text[start:pos]
    end = text.find("\n", pos)
    after = text[pos : end if end >= 0 else len(text)]
    return (before.count("“") > before.count("”") and "”" in after) or (
        before.count("«") > before.count("»") and "»" in after
    )


_ORDINAL_DAY = re.compile(r"(?<!\d)\d{1,2}\.\s*$")
_MONTH_AFTER = re.compile(
    r"\s*(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|"
    r"Dezember)\b"
)


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (trimmed of surrounding white space)."""
    raw: list[tuple[int, int]] = []
    for block_start, block_end in _blocks(text):
        start = block_start
        block = text[block_start:block_end]
        for m in _SENT_END.finditer(block):
            cut = block_start + (m.end(1) if m.group(1) else m.end(2))
            # the sentence's tail is enough to read its last word (and keeps a long run of
            # "... погибли 5. В ..." linear)
            before = text[max(start, cut - 80) : cut]
            word = re.search(r"([\w.]+)[.]+\W*$", before)
            nxt = text[cut : cut + 3].lstrip()
            if word and (word.group(1).lower().rstrip(".") in _ABBREV or len(word.group(1)) == 1):
                continue
            if nxt and nxt[0].islower() and nxt[0].isascii():
                continue
            if _ORDINAL_DAY.search(before) and _MONTH_AFTER.match(text, cut):
                continue  # "vom 11. Juni", "am 3. März": a German ordinal day, not an end
            raw.append((start, cut))
            start = cut
        raw.append((start, block_end))
    out: list[tuple[int, int]] = []
    for start, end in raw:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        while end - start > _MAX_SENTENCE:  # cut runaway "sentences" at white space
            cut = text.rfind(" ", start + _MAX_SENTENCE // 2, start + _MAX_SENTENCE)
            cut = cut if cut > start else start + _MAX_SENTENCE
            out.append((start, cut))
            start = cut + 1
        if end > start:
            out.append((start, end))
    return out


# --------------------------------------------------------------------------------------------
# Per-sentence findings


@dataclass(slots=True)
class _Trigger:
    start: int
    end: int
    type: str
    strong: bool
    foiled: bool = False
    anaphoric: bool = False
    indefinite: bool = False
    #: "since the Beslan school siege", "including a mass shooting in Shiraz": an event named
    #: for comparison; it does not become the event the next sentences talk about.
    reference: bool = False
    #: The attack word as written, case-folded ("explosions").
    word: str = ""
    #: "another attack", "ещё один теракт" (see ``_ANOTHER``).
    another: bool = False


@dataclass(slots=True)
class _Fig:
    figure: Figure
    kind: str  # killed / injured
    anchor: int  # original offset of the number


@dataclass(slots=True)
class _Claim:
    pos: int
    claimed_by: list[str]
    outlets: list[str]
    #: False for a channel named in a statement without a claim verb ("in a statement on
    #: Telegram"): kept only when the event has a claim.
    cue: bool = True
    #: "a Pakistani Taliban group claimed": a kind of group, not which one; dropped when
    #: another claim of the event names the group.
    vague: bool = False


@dataclass(slots=True)
class _Attribution:
    start: int
    end: int
    source: str
    direction: str  # fwd: applies to figures after it; back: to figures before it


@dataclass(slots=True)
class _Sentence:
    index: int
    start: int
    end: int
    triggers: list[_Trigger] = field(default_factory=list)
    figures: list[_Fig] = field(default_factory=list)
    dates: list[DateValue] = field(default_factory=list)
    places: list[Entity] = field(default_factory=list)
    claims: list[_Claim] = field(default_factory=list)
    perps: list[tuple[int, str]] = field(default_factory=list)
    targets: list[tuple[int, str, int]] = field(default_factory=list)  # pos, text, score
    context: bool = False
    #: "The incident took place in the Khar area of Bajaur district": says where, no trigger.
    scene: bool = False


class _Reader:
    """Finds triggers, figures, claims... in one text; offsets are original."""

    def __init__(
        self,
        text: str,
        language: str,
        entities: Sequence[Entity],
        gazetteer: Gazetteer | None,
        folded: _Folded | None = None,
    ) -> None:
        self.text = text
        self.language = language
        self.folded = folded if folded is not None else _Folded.of(text)
        self.entities = sorted(
            (e for e in entities if 0 <= e.start < e.end <= len(text)), key=lambda e: e.start
        )
        self._starts = [e.start for e in self.entities]
        self.gazetteer = gazetteer
        #: The last claim with a named claimant: (where its cue is, the names).
        self.last_claim: tuple[int, list[str]] | None = None

    # -- helpers --------------------------------------------------------------------------
    def fold_slice(self, start: int, end: int) -> tuple[str, int]:
        """Folded text of an original span, and its folded start index."""
        fs, fe = self.folded.at(start), self.folded.at(end)
        return self.folded.text[fs:fe], fs

    def entities_in(self, start: int, end: int, types: Iterable[str]) -> list[Entity]:
        """Entities of these types overlapping ``[start, end)``."""
        wanted = set(types)
        lo = bisect.bisect_left(self._starts, start - _MAX_ENTITY)
        hi = bisect.bisect_left(self._starts, end)
        return [e for e in self.entities[lo:hi] if e.type in wanted and e.end > start]

    # -- triggers -------------------------------------------------------------------------
    def triggers(self, s_start: int, s_end: int) -> list[_Trigger]:
        seg, base = self.fold_slice(s_start, s_end)
        found: list[tuple[int, int, _TriggerRule]] = []
        for rule in _TRIGGERS:
            if rule.languages and self.language not in rule.languages:
                continue
            for m in rule.pattern.finditer(seg):
                end = m.end()
                while end > m.start() and not seg[end - 1].isalnum():
                    end -= 1
                if end > m.start():
                    found.append((m.start(), end, rule))
        blocked = [(m.start(), m.end()) for m in _NOT_TRIGGER.finditer(seg)]
        found.sort(key=lambda f: (f[0], -(f[1] - f[0]), _TYPE_RANK.index(f[2].type)))
        out: list[_Trigger] = []
        last_end = -1
        for fs, fe, rule in found:
            if fs < last_end or any(bs <= fs < be for bs, be in blocked):
                continue
            if _GENERIC.search(seg[max(0, fs - 45) : fs]):
                continue  # "preventing attacks", "the threat of terrorist attacks"
            last_end = fe
            start, end = self.folded.orig(base + fs, base + fe)
            before = seg[max(0, fs - 60) : fs]
            after = seg[fe : fe + 40]
            clause = re.split(r"[,;:.،؛]", before)[-1]
            foiled = bool(_FOILED.search(clause) or _FOILED.match(after.lstrip()))
            # "به گزارش آژانس خبری فرحت،این انفجار": a comma written without its space
            tokens = _TOKEN_SPLIT.split(before.strip())
            anaphoric = bool(tokens) and bool(_ANAPHOR.fullmatch(tokens[-1]))
            articles = _INDEFINITE.get(self.language, _INDEFINITE["en"])
            indefinite = any(t in articles for t in tokens[-3:])
            reference = (
                bool(_REFERENCE.search(" ".join(tokens[-5:])))
                or bool(_ANNIVERSARY.search(" ".join(tokens[-5:])))
                # a sentence that opens on the past: "Аз ин пеш соли 2004 ... 330 нафар кушта
                # шуд" (before this, in 2004, ...): the report goes on about its own attack
                or bool(_BACKGROUND_OPEN.match(seg))
            )
            another = bool(_ANOTHER.search(" ".join(tokens[-3:]))) or bool(
                _ANOTHER.match(after.lstrip())  # "حمله دیگر", "هجوم آخر"
            )
            out.append(
                _Trigger(
                    start, end, rule.type, rule.strong, foiled, anaphoric, indefinite, reference,
                    seg[fs:fe].casefold(), another,
                )
            )
        return out

    def group_killings(self, s_start: int, s_end: int) -> list[_Trigger]:
        """ "Taliban fighters killed at least 25 members of an uprising force in Baghlan",
        "طالبان ... دست کم ۲۵ عضو ... را کشتند": an armed group the subject of an active
        killing verb is an attack, though no attack word is written."""
        groups = [o for o in self.entities_in(s_start, s_end, ("organization",))
                  if self.kind_of(o) in _ARMED_GROUP_KINDS]  # fmt: skip
        if not groups:
            return []
        seg, base = self.fold_slice(s_start, s_end)
        for m in _GROUP_KILLED.finditer(seg):
            start, end = self.folded.orig(base + m.start(), base + m.end())
            if _PASSIVE_BEFORE.search(seg[max(0, m.start() - 20) : m.start()]):
                continue  # "were killed": the group's own men, or the group named as victims
            subject = [g for g in groups if 0 <= start - g.end <= 150]
            if not subject:
                continue
            between = self.entities_in(subject[-1].end, start, ("organization",))
            if any(self.kind_of(o) not in _ARMED_GROUP_KINDS for o in between):
                continue  # "ISIS fighters whom the army killed"
            return [_Trigger(start, end, "attack", True, word=seg[m.start() : m.end()].casefold())]
        for g in groups:  # "ده سرباز به دست طالبان کشته شدند", "аз дасти ҷангиёни ... ба қатл"
            if not _BY_GROUP.search(self.text, max(s_start, g.start - 30), g.start):
                continue
            seg, base = self.fold_slice(g.end, min(s_end, g.end + 60))
            verb = _KILLED_BY_GROUP.search(seg)
            if verb:
                start, end = self.folded.orig(base + verb.start(), base + verb.end())
                return [_Trigger(start, end, "attack", True, word=verb.group())]
        return []

    # -- figures --------------------------------------------------------------------------
    def figures(
        self, s_start: int, s_end: int, numbers: list[NumberSpan], date_spans: list[tuple[int, int]]
    ) -> list[_Fig]:
        out: list[_Fig] = []
        added: set[int] = set()
        # the dates of this sentence only (``date_spans`` is sorted): a long text has thousands
        d_lo = bisect.bisect_left(date_spans, (s_start - _MAX_DATE_SPAN, 0))
        d_hi = bisect.bisect_right(date_spans, (s_end, s_end))
        date_spans = [(ds, de) for ds, de in date_spans[d_lo:d_hi] if de > s_start]
        lo = bisect.bisect_left(numbers, s_start, key=lambda n: n.start)
        hi = bisect.bisect_left(numbers, s_end, key=lambda n: n.start)
        # a date's numbers ("23 июня") are no boundary: "Число погибших ... 23 июня выросло до 22"
        seg_numbers = [
            n for n in numbers[lo:hi]
            if n.end <= s_end and not any(ds <= n.start and n.end <= de for ds, de in date_spans)
        ]  # fmt: skip
        for i, num in enumerate(seg_numbers):
            if self._not_a_count(num, date_spans):
                continue
            prev_end = seg_numbers[i - 1].end if i else s_start
            next_start = seg_numbers[i + 1].start if i + 1 < len(seg_numbers) else s_end
            if i + 1 < len(seg_numbers) and _ASIDE_OPENS.search(self.text, num.end, next_start):
                # "20 people, including 10 children, were killed": read past the aside's number
                next_start = seg_numbers[i + 2].start if i + 2 < len(seg_numbers) else s_end
                aside_end = _fa_list_end(self.text, num.end, s_end, self.language)
                if aside_end is not None:  # "۱۱ غیر نظامی شامل ۵ کودک، ۵ زن و یک مرد در ..."
                    after = [n.start for n in seg_numbers[i + 1 :] if n.start >= aside_end]
                    next_start = after[0] if after else s_end
            if num.start in added:
                continue  # added into the figure before: "three Spaniards and three Afghans"
            if i and _ASIDE_OPENS.search(self.text, seg_numbers[i - 1].end, num.start):
                continue  # the count inside an aside: "141 نفر از جمله 132 دانش‌آموز"
            if i >= 2 and self.language in ("fa", "prs") and any(
                _FA_LIST_ASIDE.search(self.text, seg_numbers[k].end, num.start)
                and not _KILLED.search(self.text, seg_numbers[k].end, num.start)
                and not _INJURED.search(self.text, seg_numbers[k].end, num.start)
                for k in range(max(0, i - 3), i - 1)
            ):
                continue  # a later count of the same aside: "... ۵ زن و یک مرد"
            fig = self._figure(num, max(s_start, prev_end), min(s_end, next_start))
            if fig is None and i + 1 < len(seg_numbers):
                fig = self._victims_beside_wounded(num, seg_numbers[i + 1], s_end)
            if fig is None and i + 1 < len(seg_numbers):
                after_next = seg_numbers[i + 2].start if i + 2 < len(seg_numbers) else s_end
                fig = self._conjoined_subject(
                    num, seg_numbers[i + 1], max(s_start, prev_end), after_next, date_spans
                )
                if fig is not None:
                    added.add(seg_numbers[i + 1].start)
            if fig is not None and i + 1 < len(seg_numbers):
                joined = self._add_conjoined(fig, num, seg_numbers[i + 1], s_end, date_spans)
                if joined is not fig:
                    added.add(seg_numbers[i + 1].start)
                    fig = joined
            if fig is not None:
                out.append(fig)
        one_rx = {"en": _ONE_KILLED, "ru": _ONE_KILLED_RU, "fr": _ONE_KILLED_FR}.get(
            self.language or ""
        )
        if one_rx is not None and not any(f.kind == "killed" for f in out):
            one = one_rx.search(self.text, s_start, s_end)
            if one:  # "An 84-year-old priest was killed": a toll of one
                text = self.text[one.start() : one.end()]
                out.append(_Fig(Figure(1, "exact", text, one.start(), one.end()), "killed",
                                one.start()))  # fmt: skip
        return out

    def _victims_beside_wounded(self, num: NumberSpan, nxt: NumberSpan, hi: int) -> _Fig | None:
        """ "a fait 15 victimes et 20 blessés": victims counted beside the wounded are the
        dead."""
        between = _VICTIMS_AND.fullmatch(self.text, num.end, nxt.start)
        if between is None:
            return None
        second = self._figure(nxt, num.end, hi)
        if second is None or second.kind != "injured" or second.figure.start < num.end:
            return None
        left, _ = self.fold_slice(max(0, num.start - _LEFT_WINDOW), num.start)
        end = num.end + between.end(1) - between.start()
        figure = Figure(num.value, self._qualifier_before(left), self.text[num.start : end],
                        num.start, end)  # fmt: skip
        return _Fig(figure, "killed", num.start)

    def _conjoined_subject(
        self, num: NumberSpan, nxt: NumberSpan, lo: int, hi: int,
        date_spans: list[tuple[int, int]],
    ) -> _Fig | None:
        """ "At least 13 US troops and 170 Afghan civilians were killed", "Three Spaniards and
        three Afghans were killed": one toll (183, 6) when the casualty word follows the
        second count only."""
        if self._not_a_count(nxt, date_spans):
            return None
        if not _CONJOINED.fullmatch(self.text, num.end, nxt.start):
            return None
        if self._counts_attackers(self.text[num.end : nxt.start]):
            return None  # "two attackers and 20 worshippers were killed"
        second = self._figure(nxt, num.end, hi)
        if second is None or second.figure.start < num.end:
            return None
        first = self.text[num.end : nxt.start].split(None, 1)[0].lower()
        if _PARTITIVE.fullmatch(_fold_pattern(first)):
            return None
        left, l_base = self.fold_slice(max(lo, num.start - _LEFT_WINDOW), num.start)
        qualifier = self._qualifier_before(left)
        start = num.start
        if qualifier != "exact":
            q_start = self._qualifier_start(left)
            if q_start is not None:
                start = self.folded.orig(l_base + q_start, l_base + q_start)[0]
        else:
            qualifier = second.figure.qualifier
        end = second.figure.end
        joined = Figure(num.value + nxt.value, qualifier, self.text[start:end], start, end)
        return _Fig(joined, second.kind, num.start)

    def _add_conjoined(
        self,
        fig: _Fig,
        num: NumberSpan,
        nxt: NumberSpan,
        s_end: int,
        date_spans: list[tuple[int, int]],
    ) -> _Fig:
        """ "killing three Spaniards and three Afghans": one toll of six. Only after a verb
        before the first number, when the second has no casualty word of its own."""
        if fig.figure.end != num.end or self._not_a_count(nxt, date_spans):
            return fig
        between = self.text[num.end : nxt.start]
        if not _CONJOINED.fullmatch(between):
            return fig
        if self._figure(nxt, num.end, s_end) is not None:
            return fig  # "killing 5 and wounding 10"
        after = self.text[nxt.end : min(s_end, nxt.end + 60)]
        noun = _NOUN_PHRASE.match(after)
        if noun is None or self._counts_attackers(after):
            return fig  # "killed 5 soldiers and 3 attackers"
        first = after.split(None, 1)[0].lower() if after.strip() else ""
        lead = between.split(None, 1)[0].lower() if between.strip() else ""
        if _PARTITIVE.fullmatch(_fold_pattern(first)) and first != lead:
            # "5 soldiers and 3 of the attackers"; but both counts with it are parallel, as
            # Arabic writes them: "اثنين من موظفي السفارة وأربعة من المدنيين" (two staff and
            # four civilians)
            return fig
        f = fig.figure
        end = nxt.end + noun.end()
        joined = Figure(f.value + nxt.value, f.qualifier, self.text[f.start : end], f.start, end)
        return _Fig(joined, fig.kind, fig.anchor)

    def _not_a_count(self, num: NumberSpan, date_spans: list[tuple[int, int]]) -> bool:
        text = self.text
        if num.value <= 0 or num.value > 10_000_000:
            return True
        if any(ds < num.end and num.start < de for ds, de in date_spans):
            return True
        if _VAGUE.fullmatch(_fold_pattern(num.text.lower()).strip()):
            return True
        if _NEGATED_NUMBER.search(text, max(0, num.start - 8), num.start):
            return True  # "no one was hurt", "ни один человек не пострадал"
        if 1900 <= num.value <= 2100 and len(num.text) == 4 and _YEAR_BEFORE.search(
            text, max(0, num.start - 8), num.start
        ):
            return True  # "the 2020 killing of Soleimani": a year

        before = text[max(0, num.start - 1) : num.start]
        after = text[num.end : num.end + 2]
        if before == "[" or after[:1] == "]" or before in {"+", "#", "№", "$", "€", "£"}:
            return True
        if after[:1] in {"%", "٪", ":", "°", "/"} and not after[1:2].isspace():
            return True
        if ABLATIVE_MORE.match(text, num.end) or DATIVE.match(text, num.end):
            return False  # Kyrgyz/Uzbek "500дөн ашык": over 500; "137ге жетти": reached 137
        if (after[:1].isalpha() and after[:1].isascii()) or re.match(r"[а-яА-Я]", after[:1]):
            return True
        return bool(after[:1] in "-–" and re.match(r"[-–]\s*(?:year|летн|ساله)", text[num.end :]))

    def _figure(self, num: NumberSpan, lo: int, hi: int) -> _Fig | None:
        """A casualty figure for ``num`` if a casualty word sits next to it."""
        right, r_base = self.fold_slice(num.end, min(hi, num.end + 90))
        left, l_base = self.fold_slice(max(lo, num.start - _LEFT_WINDOW), num.start)
        kind_r, r_end = self._scan_right(right)
        kind_l, l_start, qual_l = self._scan_left(left)
        if kind_l is not None and self._counts_attackers(right):
            return None  # "the army said it had killed more than 100 suspected militants"
        if kind_r is not None and kind_l is not None and kind_r != kind_l:
            first = re.match(r"\s*[^\s,;:.()]+", right)
            # the word before is another count's noun ("31 قتيلاً وما لا يقل عن 169 جريحًا")
            head = left[:l_start]
            owned = re.search(r"\d\s*$", head) is not None or (
                not head.strip() and lo > 0 and self.text[lo - 1].isdigit()
            )
            if first is not None and r_end <= first.end() and owned:
                # the word right after the number names it
                kind_l = None
            elif self.language in _VERB_FINAL:
                # the verb before closes the clause before: Tajik "100 нафарро куштанду беш аз
                # 120 касро маҷрӯҳ намуданд" (killed 100 and wounded over 120)
                kind_l = None
        if kind_l is not None:
            after_count = lo > 0 and self.text[lo - 1].isdigit() and num.start - lo < 60
            if not after_count and _combined_before(left[:l_start], kind_l):
                return None  # "killing and wounding about 50": killed and injured together
            kind, f_end = kind_l, num.end
            f_start = self.folded.orig(l_base + l_start, l_base + l_start)[0]
        elif kind_r is not None:
            # read past the next number: "32 قتلوا وأصيب 110" is two figures, not one
            unbounded, _ = self.fold_slice(num.end, num.end + 90)
            if _combined_after(unbounded[r_end:], kind_r):
                return None  # "50 killed and wounded", "50 قتيلا وجريحا"
            kind, f_start, f_end = kind_r, num.start, self.folded.orig(r_base, r_base + r_end)[1]
        else:
            return None
        qualifier = qual_l or self._qualifier_before(left)
        post = self._qualifier_after(right)
        if post is not None and qualifier == "exact":
            qualifier = post
        if qualifier != "exact" and kind_l is None:
            q_start = self._qualifier_start(left)
            if q_start is not None:
                f_start = self.folded.orig(l_base + q_start, l_base + q_start)[0]
        if num.form == "collective" and qualifier == "exact":
            qualifier = "about"  # "une centaine de blessés"
        figure = Figure(num.value, qualifier, self.text[f_start:f_end], f_start, f_end)
        return _Fig(figure, kind, num.start)

    @staticmethod
    def _counts_attackers(right: str) -> bool:
        """The words after a number name attackers or militants, not victims."""
        words = right.split(None, 3)[:3]
        for word in words:
            word = word.strip(",.;:()\"«»")
            if _ATTACKERS.fullmatch(word):
                return True
            if not _ATTACKER_MOD.fullmatch(word):
                return False
        return False

    def _scan_right(self, right: str) -> tuple[str | None, int]:
        """Casualty class of the first casualty word after the number, within its phrase."""
        pos = 0
        unknown = 0
        partitive = False  # "دو نفر از زائران و خادمان به شهادت رسیدند", "two of the pilgrims"
        after_partitive = -1  # where the words after "of (the)" start
        located = False  # a Persian locative phrase before the verb was skipped
        if self.language in ("uz", "ky", "tg"):
            # verb-final, the cause between: "37 kishi "Boko Xaram" guruhi jangarilarining
            # hujumi oqibatida halok bo'ldi" (37 people died as a result of the attack)
            cause = _TURKIC_CAUSE.match(right)
            if cause is not None:
                # Tajik puts the cause after its preposition: "ду судяи зан дар натиҷаи
                # тирандозӣ кушта ... шуданд" (two judges were killed as a result of a shooting)
                starts = [cause.end()]
                while self.language == "tg" and len(starts) < 4:
                    cause_word = _TG_CAUSE_WORD.match(right, starts[-1])
                    if cause_word is None:
                        break
                    starts.append(cause_word.end())
                for start in starts:
                    for kind, rx in (("killed", _KILLED), ("injured", _INJURED)):
                        m = rx.match(right, start)
                        if m and (m.end() == len(right) or not right[m.end()].isalnum()):
                            return kind, m.end()
        if self.language in ("fa", "prs", "tg"):
            # the agent between: "۱۰ سرباز به دست طالبان در کندز کشته شدند", "30 нафар аз
            # дасти ҷангиёни Давлати исломӣ ба қатл расонида шуданд" (at the hands of)
            agent = _AGENT_BETWEEN.match(right)
            if agent is not None:
                for w in re.finditer(r"(?<=\s)(?=\S)", right[: agent.end() + 90]):
                    if w.start() <= agent.end():
                        continue
                    if re.search(r"[\d,;.!?\n،؛]", right[agent.end() : w.start()]):
                        break
                    for kind, rx in (("killed", _KILLED), ("injured", _INJURED)):
                        m = rx.match(right, w.start())
                        if m and (m.end() == len(right) or not right[m.end()].isalnum()):
                            return kind, m.end()
        steps = 18 if self.language in ("fa", "prs") else 14 if self.language == "de" else 9
        for _ in range(steps):
            while pos < len(right) and right[pos] in " \t+":
                pos += 1
            if pos >= len(right):
                return None, 0
            if right[pos] in ',(':
                aside = _ASIDE.match(right, pos)  # "20 people, including 10 children, were killed"
                if aside:
                    pos = aside.end()
                    continue
            if right[pos] in ',;:.!?()[]،؛"«»':
                return None, 0
            rest = right[pos:]
            if _IDIOM.match(rest):
                return None, 0
            for kind, rx in (("killed", _KILLED), ("injured", _INJURED)):
                m = rx.match(rest)
                if m and (m.end() == len(rest) or not rest[m.end()].isalnum()):
                    if partitive and pos == after_partitive:
                        return None, 0  # "۳ نفر از شهدا", "3 of the dead": some of the victims
                    return kind, pos + m.end()
            word_m = re.match(r"[^\s,;:.!?()\[\]،؛\"«»]+", rest)
            word = word_m.group() if word_m else rest[:1]
            if (_NOT_PERSONS.fullmatch(word) or _ATTACKERS.fullmatch(word)) and not located:
                # inside "در انفجار بمب ..." (in the bomb blast) the words are the cause, not
                # what is counted ("دو انفجار", two blasts)
                return None, 0
            if word == "شامل" and self.language in ("fa", "prs"):
                aside_end = _fa_list_end(right, pos - 1, len(right), self.language)
                if aside_end is not None:  # "۱۱ غیر نظامی شامل ۵ کودک، ۵ زن و یک مرد در ..."
                    pos = aside_end
                    continue
            if _PARTITIVE.fullmatch(word):
                if partitive or pos == 0:
                    return None, 0
                partitive = True  # the people of whom the count is: up to three words more
                unknown = -1
                pos += len(word)
                while pos < len(right) and right[pos] in " \t":
                    pos += 1
                after_partitive = pos
                continue
            if word == "که" and unknown <= 0 and not partitive:
                # "۲۲ نفر که بیشترشان دانشجو بودند کشته": a relative clause about the victims;
                # "۲۲ نفر دیگر که بیشتر آنها دانشجو بودند، مجروح شدند": to its comma
                unknown = -3
                pos += len(word)
                clause = _RELATIVE_TO_COMMA.match(right, pos)
                if clause:
                    pos = clause.end()
                    unknown = 0
                continue
            if (
                (
                    word in _FA_LOCATIVE or (self.language == "tg" and word.lower() == "дар")
                    # Pashto "درې دیرش تنه نور د دې حملې په ترڅ کې ټپيان شوې دي" (33 others
                    # were wounded in the course of this attack)
                    or (self.language == "ps" and word in {"په", "د", "پر", "له"})
                )
                and not partitive and not located and pos > 0
            ):
                # verb-final: "سی نفر در حمله به یک بیمارستان ... در کابل کشته شده‌اند",
                # Tajik "12 нафар дар шимолу ғарби Покистон кушта шуданд"
                located = True
                unknown = -8
                pos += len(word)
                continue
            if (
                self.language == "de" and word.lower() in _DE_LOCATIVE and not partitive
                and not located and pos > 0
            ):
                # the participle closes the clause: "bei dem mehr als 100 Soldaten in der
                # Region Mansila getötet wurden"
                located = True
                unknown = -6
                pos += len(word)
                continue
            if pos == 0 and word.lower() in {"di", "de", "d'", "d’"}:
                pos += len(word)  # "una quarantina di", "une vingtaine de": of the count
                continue
            if word in {"and", "or", "و", "и", "va", "ва", "ve", "y", "e", "und", "et"}:
                after = right[pos + len(word):].lstrip(" \t")
                noun = _PERSON.match(after)
                if not partitive and not (
                    pos > 0 and noun and noun.end() < len(after) and not after[noun.end()].isalnum()
                    and not after[:1].isdigit()
                ):
                    # "100 Soldaten und Zivilisten getötet": two nouns of one count go on
                    return None, 0
                pos += len(word)
                continue
            if partitive and word.lower() in {"the", "these", "those"}:
                pos += len(word)
                while pos < len(right) and right[pos] in " \t":
                    pos += 1
                after_partitive = pos
                continue
            post = _QUAL_POST_ANY.match(rest)  # "على الأقل", "dan ortiq" between number and noun
            if post:
                pos += post.end()
                continue
            multi = _PERSON.match(rest)
            if multi and (multi.end() == len(rest) or not rest[multi.end()].isalnum()):
                pos += multi.end()
                continue
            unknown += 1
            if unknown > 2:  # "four foreign cyclists were killed"
                return None, 0
            pos += len(word)
        return None, 0

    def _scan_left(self, left: str) -> tuple[str | None, int, str | None]:
        """Casualty word before the number ("killing at least 15", "death toll rose to 20")."""
        cur = left.rstrip()
        qualifier: str | None = None
        rose = False
        for _ in range(8):
            if not cur:
                return None, 0, None
            if cur[-1] in ":|-–=(":
                cur = cur[:-1].rstrip()
                continue
            if cur[-1] in ',;.!?،؛"»)':
                if rose and cur[-1] not in ".!?":  # «Крокус Сити Холле» выросло до 143
                    break
                return None, 0, None
            if qualifier is None:
                for name, rx in _QUAL_PRE:
                    m = _ends_with(rx, cur)
                    if m is not None:
                        qualifier = name
                        cur = cur[:m].rstrip()
                        break
                else:
                    qualifier = ""
                if qualifier:
                    continue
            if _IDIOM.search(cur[-20:]):
                return None, 0, None
            for kind, rx in (("killed", _KILLED), ("injured", _INJURED)):
                m = _ends_with(rx, cur)
                if m is not None:
                    return kind, m, qualifier or None
            # verb-final languages: "halok bo'lganlar soni 137 nafarga yetdi" (the toll reached)
            for kind, rx in (("killed", _TOLL_KILLED), ("injured", _TOLL_INJURED)):
                m = _ends_with(rx, cur)
                # (German too: "Die Zahl der Verletzten habe 91 erreicht")
                if m is not None and (self.language in _VERB_FINAL or self.language == "de"):
                    return kind, m, qualifier or None
            m = _ends_with(_FILLER_LEFT, cur)
            if m is None and self.language == "ru":
                # a place or cause between the verb and the number: "погибли при взрыве 12
                # человек", "убил в клубе 50 человек", "погибли в результате взрыва 8"
                tail = cur[-60:]
                pp = _RU_PHRASE_END.search(tail)
                if pp is not None:
                    head = cur[: len(cur) - len(tail) + pp.start()].rstrip()
                    for kind, rx in (("killed", _KILLED), ("injured", _INJURED)):
                        k = _ends_with(rx, head)
                        if k is not None:
                            return kind, k, qualifier or None
            if m is None:
                break
            if _ends_with(_RISE_TO, cur) is not None:
                rose = True
            cur = cur[:m].rstrip()
        if rose:  # "ارتفع عدد الشهداء ... إلى 20": the toll phrase earlier in the clause
            clause = re.split(r"[,;.،؛]", cur)[-1]
            # ... or the subject before asides: "The death toll from a bombing at the shrine
            # in Sehwan, in Sindh province, rose to 88" (no other number in between)
            for offset in (len(cur) - len(clause), 0):
                for kind, rx in (("killed", _TOLL_KILLED), ("injured", _TOLL_INJURED)):
                    found = list(rx.finditer(cur, offset))
                    if found:
                        return kind, found[-1].start(), qualifier or None
        return None, 0, None

    @staticmethod
    def _qualifier_before(left: str) -> str:
        cur = left.rstrip()
        for name, rx in _QUAL_PRE:
            if _ends_with(rx, cur) is not None:
                if name == "up_to" and re.search(r"(?:rose|risen|возросл|выросл)\w* \S+$", cur):
                    continue
                return name
        return "exact"

    @staticmethod
    def _qualifier_start(left: str) -> int | None:
        cur = left.rstrip()
        for _name, rx in _QUAL_PRE:
            m = _ends_with(rx, cur)
            if m is not None:
                return m
        return None

    @staticmethod
    def _qualifier_after(right: str) -> str | None:
        head = right[:40]
        if re.match(r"\s*\+", head):
            return "at_least"
        stop = re.search(r"[,;.،؛]", head)
        head = head[: stop.start()] if stop else head
        for name, rx in _QUAL_POST:
            m = rx.search(head)
            if m:
                return name
        return None

    # -- dates, places --------------------------------------------------------------------
    def date_is_local(self, d: DateValue, trig: _Trigger) -> bool:
        """False for dates that frame something else ("since 16 September", "after 2020"), or
        that date an earlier attack ("the shrine was previously attacked in October 2022")."""
        before, _ = self.fold_slice(max(0, d.start - 40), d.start)
        clause = before.split(".")[-1]
        earlier = _EARLIER.search(clause)
        if earlier is not None and not (
            # ... unless the clause opens on the earlier attack and goes on to tell it, its
            # attack word after the date: "پیش از این نیز (جمعه، ۱۶ مهرماه) یک حمله انتحاری"
            # (before this, on Friday 16 Mehr, a suicide attack ...)
            trig.start > d.end and not clause[: earlier.start()].strip().strip(",(«\"'")
        ):
            return False
        left, _ = self.fold_slice(max(0, d.start - 14), d.start)
        tokens = left.split()
        if tokens and _NON_EVENT_DATE_CUE.fullmatch(tokens[-1]):
            gap = self.text[d.end : trig.start] if trig.start >= d.end else "x" * 9
            return len(gap.strip(" '’s")) <= 2
        if d.start >= trig.end:  # "... killed 84, the deadliest since the Revolution in 1979"
            between, _ = self.fold_slice(trig.end, d.start)
            # Arabic "من قبل" is "by" (the agent of a passive verb), not "before".
            # "just before 11:00pm local time on Friday": "before" a clock time frames no date
            between = _CLOCK_CUE.sub(" ", between)
            # "killed at least 20 people including women in Borno yesterday": the list is of
            # the victims, not of other events
            between = _INCLUDING_PEOPLE.sub(" ", between)
            # "killed in an attack after they tried to force their way into Bannu Cantonment
            # on Monday": the attackers' own acts, told in a clause of the same attack
            between = _AFTER_THE_ATTACKERS.sub(" ", between)
            words = re.sub(_AGENT_MIN_QABL, " ", between).split()
            return not any(
                _NON_EVENT_DATE_CUE.fullmatch(t) or _REFERENCE.fullmatch(t) for t in words
            )
        return True

    # -- claims ---------------------------------------------------------------------------
    def claims(self, s_start: int, s_end: int, attributions: list[_Attribution]) -> list[_Claim]:
        seg, base = self.fold_slice(s_start, s_end)
        cues = [
            self.folded.orig(base + m.start(), base + m.end())
            for m in _CLAIM.finditer(seg)
            if not _NEGATION.search(seg[max(0, m.start() - 30) : m.end() + 20])
            and not _ALLEGIANCE.search(seg[max(0, m.start() - 4) : m.end() + 60])
        ]
        lead = self._outlet_lead(s_start, s_end) if not cues else None
        if lead is not None:  # "Amaq Agency: Islamic State fighters targeted ...": a claim
            cues = [(lead[0], lead[0])]
        if not cues and not _CLAIM_CONTEXT.search(seg):
            return []
        outlets = self._claim_outlets(s_start, s_end, attributions)
        if not cues:
            return [_Claim(s_start, [], outlets, cue=False)] if outlets else []
        orgs = [
            e
            for e in self.entities_in(s_start, s_end, ("organization",))
            # a source that speaks ("قال تنظيم داعش إن ...", "داعش اعلام کرد که ...") claims
            # when its words are the cue
            if (
                not any(a.start <= e.start < a.end for a in attributions)
                or any(c0 - 3 <= e.end and e.start < c1 for c0, c1 in cues)
                # "أعلنت حركة (الشباب) الصومالية المتطرفة، اليوم السبت، مسئوليتها": the speaker
                # and its claim in one clause, a description and a day between them
                # "أعلن تنظيم داعش عبر وكالة أعماق ... على تطبيق تليغرام مسؤوليته": the channel
                # it spoke through between them
                or any(
                    0 <= c0 - e.end <= 120 and not _CLAUSE_END.search(self.text, e.end, c0)
                    for c0, _c1 in cues
                )
            )
            and self.kind_of(e) not in _NOT_CLAIMANT_KINDS
            # a state's forces the gazetteer does not know ("the Mozambican Defense and
            # Security Forces had intensified operations") claim nothing
            and not (e.gazetteer_id is None and _STATE_FORCE.search(e.name))
            and not _LINKED_TO.search(self.text, max(s_start, e.start - 90), e.start)
            # "The al-Qaida-linked group ... has claimed": a modifier of the claimant
            and not _LINKED_AFTER.match(self.text, e.end)
        ]
        out: list[_Claim] = []
        for c_start, c_end in cues:
            best: Entity | None = None
            best_d = 10**9
            for org in orgs:
                if org.start < c_end and org.end > c_start:
                    dist = 0  # inside the cue: "об ответственности "ИГИЛ-Хорасан" за"
                elif org.end <= c_start:
                    dist = c_start - org.end
                else:
                    dist = int((org.start - c_end) * 1.2)
                # verb-final languages: the subject opening the sentence, the claim verb
                # closing it ("IŞİD terör örgütü bugün yaptığı açıklamada ... sorumluluğunu
                # üstlendi")
                reach = 240 if self.language in _VERB_FINAL and org.start - s_start <= 30 else 140
                if dist > reach:
                    continue
                if dist < best_d:
                    best, best_d = org, dist
            # "Jamaat-ul-Ahrar, a faction of the Tehrik-i-Taliban Pakistan, claimed": the
            # group before the appositive, not the one it names
            if best is not None and best.end <= c_start:
                for org in orgs:
                    if org.end <= best.start and _APPOSITIVE_OF.fullmatch(
                        self.text, org.end, best.start
                    ):
                        best = org
                        break
            # Arabic: "يعد تنظيم X من أخطر فروع Y، وقد تبنى الهجوم": a clause with no subject of
            # its own goes on with the sentence's topic, not the nearer Y
            if (
                best is not None
                and best.end <= c_start
                and orgs[0] is not best
                and _AR_CLAUSE_ON.search(self.text, best.end, c_start)
                and not any(c_end <= o.start <= c_end + 30 for o in orgs)
            ):
                best = orgs[0]
            # verb-final: Pashto "د دغه برید مسوولیت له پاکستاني طالبانو بېلې شوې ډلې جماعت
            # الاحرار منلې ده": the group right before the closing verb accepted it ("a group
            # split from the Pakistani Taliban, Jamaat-ul-Ahrar, has accepted responsibility");
            # Tajik "Масъулияти ҳамларо ба толоре, ки дар он гурӯҳи “Пикник” ҳунарнамоӣ мекард,
            # гурӯҳи “Давлати исломӣ” ба дӯш гирифт" (a band played there; IS claimed it)
            closing = _CLAIM_VERB_LAST.get(self.language)
            if closing is not None:
                verb = closing.search(self.text, c_end, s_end)
                before_verb = [
                    o for o in orgs
                    if verb is not None and c_end <= o.start and o.end <= verb.start()
                ]
                if before_verb:
                    best = before_verb[-1]
            if best is None and lead is not None:
                names = [lead[1]] if lead[1] else []
            else:
                names = [best.name] if best else self._claimant_text(c_start, c_end)
            if not names:
                names = self._claimant_before(s_start, c_start, c_end)
            if names:
                self.last_claim = (c_start, names)
            vague = best is not None and _VAGUE_GROUP.fullmatch(
                self.text[max(s_start, best.start - 3) : best.start] + "|"
                + self.text[best.end : best.end + 12]
            ) is not None
            out.append(_Claim(c_start, names, outlets, vague=vague))
        return out

    def _outlet_lead(self, s_start: int, s_end: int) -> tuple[int, str] | None:
        """A group's own outlet opening the sentence as its speaker ("Amaq Agency: ...",
        "وكالة أعماق: ...", "Агентство «Амак»: ..."): where its words start, and the group
        it speaks for ("" when the gazetteer does not say)."""
        for ent in self.entities_in(s_start, min(s_end, s_start + 60), ("media_outlet",)):
            m = _LEAD_COLON.match(self.text, ent.end)
            if m is None or not self._outlet_of_group(ent):
                continue
            group = ""
            gaz = self.gazetteer
            entry = gaz.get(ent.gazetteer_id) if gaz is not None and ent.gazetteer_id else None
            if entry is not None and gaz is not None:
                parents = [gaz.get(gid) for gid in entry.related("outlet_of")]
                group = next((p.name for p in parents if p is not None), "")
            return m.end(), group
        return None

    def _claimant_before(self, s_start: int, c_start: int, c_end: int) -> list[str]:
        """ "ISKP has grown more ambitious. It claimed the bombings ...": a pronoun or "the
        group" right before the claim verb (in Arabic, "التنظيم" right after it) stands for
        the one group named in the sentence before (none when it names several)."""
        after = _ANAPHORIC_SUBJECT_AFTER.match(self.text, c_end)
        if not (_ANAPHORIC_SUBJECT.search(self.text, max(s_start, c_start - 40), c_start) or after):
            return []
        if after and self.last_claim is not None:
            # Arabic "تبناها التنظيم" ("the organisation claimed it"): the group that claimed
            # before, not whichever group the sentence before happens to name
            return list(self.last_claim[1])
        lo = max(0, s_start - 400)
        prev_start = max(
            (m.end() for m in re.finditer(r"[.!?]\s", self.text[lo : max(lo, s_start - 2)])),
            default=0,
        )
        # "Almeno 13 persone sono state uccise nell'attacco di al-Shabaab ... Secondo al-Jazeera
        # un kamikaze ... Il gruppo jihadista ha rivendicato": the one group of the sentences
        # before, when the last names none
        groups = self._groups_in(lo + prev_start, s_start) or self._groups_in(lo, s_start)
        last = self.last_claim
        if len(groups) > 1 and last is not None and last[0] >= lo + prev_start:
            # "X, one of Y's branches, claimed ... . The group also claimed ...": the claimant
            # of the sentence before, not the other group it names
            return list(last[1])
        return list(groups) if len(groups) == 1 else []

    def _groups_in(self, start: int, end: int) -> set[str]:
        """The names of the organisations between ``start`` and ``end`` that may claim."""
        return {
            e.name
            for e in self.entities_in(start, end, ("organization",))
            if self.kind_of(e) not in _NOT_CLAIMANT_KINDS
        }

    def _claimant_text(self, c_start: int, c_end: int) -> list[str]:
        """Fallback without entities: a capitalised name before/after an English claim verb.
        Not in German, where every noun is capitalised ("Der Minister übernahm die
        Verantwortung")."""
        if self.language in {"de", "tr"}:
            return []  # nor in Turkish, where the word before the verb is its object
        before = self.text[max(0, c_start - 60) : c_start]
        m = re.search(
            # a name does not run over a line break ("International\n\nIS Claims ...")
            r"((?:[A-Z][\w'’-]*|al-\w+)(?:[ \t\u00a0]+(?:[A-Z][\w'’-]*|of|al-\w+))*)"
            r"(?:\s*\([^)]{1,12}\))?(?:\s+(?:group|has|have|had|also|on \w+))*\s*$",
            before,
        )
        object_of = m is not None and (
            re.search(
                r"\b(?:on|in|via|through|at|from|to|by|with|of|do|da|de|del|du|des|di|della|"
                r"dello|no|na|em|en|dans|nel|nella|au|aux|ao)\s+(?:the\s+|its\s+|their\s+)?$",
                before[: m.start()],
            )
            or _LINKED_TO.search(before[: m.start()])
        )
        name = _ARTICLE.sub("", m.group(1) + " ").strip() if m else ""
        if (
            m
            and name  # an article alone is no name: "La rivendicazione ..."
            and not object_of
            and m.group(1) not in {"The", "It", "He", "She", "They"}
            and not _TELEGRAM.fullmatch(m.group(1).lower())
        ):
            return [name]
        after = self.text[c_end : c_end + 60]
        m = re.match(r"\s*(?:by\s+)?(?:the\s+)?((?:[A-Z][\w'’-]*)(?:[ \t\u00a0]+[A-Z][\w'’-]*)*)",
                     after)  # fmt: skip
        if m and self.text[c_start:c_end].lower().endswith("by"):
            return [m.group(1)]
        return []

    def _claim_outlets(
        self, s_start: int, s_end: int, attributions: list[_Attribution]
    ) -> list[str]:
        out: list[str] = []
        for ent in self.entities_in(s_start, s_end, ("media_outlet", "channel")):
            if any(a.start <= ent.start < a.end for a in attributions) and not (
                self._outlet_of_group(ent)  # "Amaq said its fighters ...": the claim's channel
            ):
                continue
            left, _ = self.fold_slice(max(s_start, ent.start - 30), ent.start)
            cue = any(_CHANNEL_CUE.fullmatch(t) for t in left.split()[-4:])
            if cue or ent.type == "channel" or self._outlet_of_group(ent):
                out.append(ent.name)
        seg, _ = self.fold_slice(s_start, s_end)
        if _TELEGRAM.search(seg) and "Telegram" not in out:
            out.append("Telegram")
        return out

    def kind_of(self, ent: Entity) -> str:
        return _entity_kind(ent, self.gazetteer)

    def _outlet_of_group(self, ent: Entity) -> bool:
        if ent.attributes.get("outlet_of"):
            return True
        if self.gazetteer is None or ent.gazetteer_id is None:
            return False
        entry = self.gazetteer.get(ent.gazetteer_id)
        return entry is not None and bool(entry.related("outlet_of") or entry.related("channel_of"))

    # -- perpetrators ---------------------------------------------------------------------
    def perpetrators(self, s_start: int, s_end: int) -> list[tuple[int, str]]:
        seg, base = self.fold_slice(s_start, s_end)
        orgs = [
            o
            for o in self.entities_in(s_start, s_end, ("organization",))
            if self.kind_of(o) not in _NOT_CLAIMANT_KINDS
        ]
        out: list[tuple[int, str]] = []
        for m in _PERP_AFTER.finditer(seg):
            if m.group() in {"د", "by"} and self.language != "ps":
                continue
            c_start, c_end = self.folded.orig(base + m.start(), base + m.end())
            window_end = min(s_end, c_end + 60)
            stop = re.search(r"[.;!?،؛]", self.text[c_end:window_end])
            window_end = c_end + stop.start() if stop else window_end
            found: list[tuple[int, int, str]] = [
                (o.start, o.end, o.name) for o in orgs if c_end - 2 <= o.start < window_end
            ]
            tail, t_base = self.fold_slice(c_end, window_end)
            tk = _TAKFIRI.search(tail)
            if tk:
                ts, te = self.folded.orig(t_base + tk.start(), t_base + tk.end())
                found.append((ts, te, self.text[ts:te].strip("\"'«»“”")))
            found.sort()
            for i, (start, _end, name) in enumerate(found[:2]):
                if i and start - found[0][1] > 5:
                    break
                out.append((start, name))
        for m in _PERP_BEFORE.finditer(seg):
            c_start, _ = self.folded.orig(base + m.start(), base + m.end())
            # verbs may be far from their subject; "ISIS operative" must be adjacent
            reach = 60 if _PERP_VERB.fullmatch(m.group()) else 4
            near = [o for o in orgs if 0 <= c_start - o.end <= reach]
            if _OTHER_ATTACKS.match(seg, m.end()):
                continue  # "the group has carried out similar attacks": not this one
            if near and not _CLAIM.search(self.fold_slice(near[-1].end, c_start)[0]):
                out.append((near[-1].start, near[-1].name))
        return out

    # -- targets --------------------------------------------------------------------------
    def targets(self, s_start: int, s_end: int) -> list[tuple[int, str, int]]:
        seg, base = self.fold_slice(s_start, s_end)
        out: list[tuple[int, str, int]] = []
        for m in _TARGET_NOUNS.finditer(seg):
            fs, fe = m.start(), m.end()
            if fe < len(seg) and seg[fe].isalnum():
                continue
            latin = bool(re.match(r"[a-z]", seg[fs:fe]))
            cyr = bool(re.match(r"[а-яіїұқңғүөһәӣӯҷҳ]", seg[fs:fe]))
            if latin:
                fs, fe = self._extend_latin(seg, fs, fe, base)
            elif cyr:
                fe = self._extend_following(seg, fe, quoted_only=True)
            else:
                fe = self._extend_following(seg, fe, quoted_only=False)
            before = seg[max(0, fs - 25) : fs].split()
            score = 1 + (2 if before and _TARGET_CUE.fullmatch(before[-1]) else 0)
            score += 1 if before[-2:-1] and _TARGET_CUE.fullmatch(before[-2]) else 0
            start, end = self.folded.orig(base + fs, base + fe)
            text = self.text[start:end].strip(" \"'«»“”,.:;()")
            if text:
                out.append((start, text, score))
        return out

    def _extend_latin(self, seg: str, fs: int, fe: int, base: int) -> tuple[int, int]:
        """ "the Shah Cheragh shrine", "shrine of Shah Cheragh", "Kabul's Sikh temple"."""
        orig_text = self.text
        tokens = list(re.finditer(r"[\w'’-]+", seg[max(0, fs - 60) : fs]))
        offset = max(0, fs - 60)
        start = fs
        for tok in reversed(tokens[-4:]):
            o_start = self.folded.orig(base + offset + tok.start(), base + offset + tok.end())[0]
            word = orig_text[o_start : o_start + len(tok.group())]
            gap = seg[offset + tok.end() : start]
            if gap.strip(' "“”') or not (word[:1].isupper() or _TARGET_MOD.fullmatch(tok.group())):
                break
            start = offset + tok.start()
        m = re.match(r"\s+of\s+((?:the\s+)?(?:[\w'’-]+\s?){1,4})", seg[fe:])
        if m:
            words = m.group(1).split()
            keep = 0
            o_base = self.folded.orig(base + fe + m.start(1), base + fe + m.start(1))[0]
            o_words = orig_text[o_base:].split()[: len(words)]
            for w in o_words:
                if w[:1].isupper() or w in {"the"}:
                    keep += 1
                else:
                    break
            if keep and o_words[keep - 1] != "the":
                fe = fe + m.start(1) + len(" ".join(words[:keep]))
        return start, fe

    @staticmethod
    def _extend_following(seg: str, fe: int, quoted_only: bool) -> int:
        """Arabic/Persian idafa ("مرقد شاهجراغ"), or a quoted name ("Крокус Сити Холл")."""
        rest = seg[fe : fe + 60]
        q = re.match(r"\s*[\"«“]([^\"»”]{1,40})[\"»”]", rest)
        if q:
            return fe + q.end()
        if quoted_only:
            return fe
        end = fe
        for tok in list(re.finditer(r"\S+", rest))[:2]:
            word = tok.group().strip('"«»“”()')
            if _STOP_AR.fullmatch(word) or re.search(r"[,.;:،؛()]", tok.group()[:1]):
                break
            if word.startswith("و") and len(word) > 3:
                break
            end = fe + tok.end()
            if re.search(r"[,.;:،؛)]$", tok.group()):
                end -= 1
                break
        return end

    # -- attributions ---------------------------------------------------------------------
    def attributions(self, s_start: int, s_end: int) -> list[_Attribution]:
        seg, base = self.fold_slice(s_start, s_end)
        out: list[_Attribution] = []
        for m in _ATTR_FWD.finditer(seg):
            tail = seg[m.end() :]
            stop = re.search(r"[,.;:()،؛\n]|\s(?:and|that|which|who|و)\s|\s\d", tail)
            x_end = m.end() + (stop.start() if stop else min(len(tail), 60))
            x_end = min(x_end, m.end() + 80)
            start, end = self.folded.orig(base + m.start(), base + x_end)
            src_start = self.folded.orig(base + m.end(), base + x_end)[0]
            source = self._source(src_start, end)
            if source is None:
                continue
            lead = seg[: m.start()].strip()
            comma = seg[x_end : x_end + 1] in {",", "،"}
            direction = "fwd" if len(lead) <= 3 or (comma and len(lead) <= 25) else "back"
            if seg[m.start() : m.end()].startswith(_fold_pattern("به")) or "ссылк" in m.group():
                direction = "fwd"
            out.append(_Attribution(start, end, source, direction))
        for m in _ATTR_VERB.finditer(seg):
            if m.end() < len(seg) and seg[m.end()].isalnum():
                continue
            if _CLAIM.search(seg[m.end() : m.end() + 50]):
                continue  # "أعلن تنظيم داعش مسؤوليته": the verb brings a claim, not a source
            verb = m.group()
            if (
                _AR_VERB_FIRST.match(verb)
                and not verb.startswith(_fold_pattern("گ"))
                and not verb.startswith(_fold_pattern("اعلام"))
                and not verb.startswith(_fold_pattern("گزارش"))
            ):
                tail = seg[m.end() : m.end() + 90]
                stop = re.search(r"\s(?:ان|بان|انه|انها)\s|[«\"“:،,]", tail)
                x_end = m.end() + (stop.start() if stop else min(len(tail), 40))
                s_o, e_o = self.folded.orig(base + m.end(), base + x_end)
                source = self._source(s_o, e_o)
                if source is not None:
                    a_start = self.folded.orig(base + m.start(), base + m.start())[0]
                    out.append(_Attribution(a_start, e_o, source, "fwd"))
                continue
            head = seg[: m.start()]
            cut = max(head.rfind(c) for c in ',;:"“”(«»')
            for conj in (" and ", " that ", " while ", " but ", " as ", " и ", " что "):
                cut = max(cut, head.rfind(conj) + len(conj) - 1 if conj in head else -1)
            x_start = cut + 1
            words = head[x_start:].split()
            if not words:
                # inverted: ", said the Interior Ministry."
                tail = seg[m.end() : m.end() + 70]
                stop = re.search(r"[,.;:()،؛]", tail)
                if seg[: m.start()].rstrip()[-1:] in {",", '"', "”"} and stop:
                    s_o, e_o = self.folded.orig(base + m.end(), base + m.end() + stop.start())
                    source = self._source(s_o, e_o)
                    if source is not None:
                        out.append(_Attribution(s_o, e_o, source, "back"))
                continue
            if len(words) > 7:
                x_start = len(head) - len(" ".join(words[-7:])) - (len(head) - len(head.rstrip()))
            s_o, e_o = self.folded.orig(base + x_start, base + m.start())
            source = self._source(s_o, e_o, require_source_like=True)
            if source is None and self.language in {"fa", "prs", "ps"}:
                # verb-final: "سخنگوی اورژانس ... آمار شهدا را ۱۰۳ نفر اعلام کرده بود": the
                # subject opens the clause
                subject = _FA_SUBJECT.match(head, cut + 1)
                if subject is not None and _FA_SOURCE_NOUN.search(subject.group(1)):
                    s_o, e_o = self.folded.orig(base + subject.start(1), base + subject.end(1))
                    source = self._source(s_o, e_o)
            if source is None:
                continue
            after = seg[m.end() : m.end() + 3].strip()
            direction = "back" if not after or after[:1] in {".", ",", ";", "!"} else "fwd"
            end = self.folded.orig(base + m.start(), base + m.end())[1]
            out.append(_Attribution(s_o, end, source, direction))
        # "(Tasnim, October 26, 2022)": a parenthesis naming an outlet
        for m in re.finditer(r"\(([^()]{2,70})\)", self.text[s_start:s_end]):
            p_start, p_end = s_start + m.start(1), s_start + m.end(1)
            ents = self.entities_in(p_start, p_end, ("media_outlet",))
            if ents and not any(a.start <= p_start < a.end for a in out):
                out.append(_Attribution(p_start - 1, p_end + 1, ents[0].name, "back"))
        out.sort(key=lambda a: a.start)
        return out

    def _source(self, start: int, end: int, require_source_like: bool = False) -> str | None:
        text = self.text[start:end].strip(" \"'«»“”,.:;")
        if not text or len(text) > 90:
            return None
        for types in (("media_outlet",), ("organization",), ("channel",), ("person",)):
            ents = self.entities_in(start, end, types)
            if ents:
                return ents[0].name
        folded = _Folded.of(text).text
        if require_source_like:
            tokens = text.split()
            if not (
                _SOURCE_NOUN.search(folded)
                or any(t[:1].isupper() for t in tokens[1:])
                or (
                    tokens
                    and tokens[0][:1].isupper()
                    and tokens[0]
                    not in {"The", "He", "She", "They", "It", "We", "I", "This", "That"}
                )
            ):
                return None
            if len(tokens) == 1 and tokens[0] in {"He", "She", "They", "It", "We", "I"}:
                return None
        text = re.sub(r"^(?:the|The)\s+", "", text)
        text = re.sub(r"\s+", " ", text)
        # "the head of the emergency services had put the toll at 103": not part of the name
        text = _TRAILING_AUXILIARY.sub("", text)
        return text if len(text) >= 2 else None


def _entity_kind(ent: Entity, gazetteer: Gazetteer | None) -> str:
    """``kind`` of an entity: its own attribute, else its gazetteer entry's."""
    kind = str(ent.attributes.get("kind") or "")
    if not kind and gazetteer is not None and ent.gazetteer_id:
        entry = gazetteer.get(ent.gazetteer_id)
        kind = entry.kind if entry is not None else ""
    return kind


_END_ANCHORED: dict[str, re.Pattern[str]] = {}


#: Russian: a prepositional phrase (one to three words) closing the text before a number.
_RU_PHRASE_END = re.compile(
    r"(?<![^\W\d_])(?:в результате|в ходе|во время|из-за|в|во|на|при|у|под)"
    r"(?:\s+[^\W\d_][\w-]*){1,3}\Z",
    re.IGNORECASE,
)


def _ends_with(rx: re.Pattern[str], text: str) -> int | None:
    """Start index of the earliest match of ``rx`` that ends exactly at the end of ``text``."""
    anchored = _END_ANCHORED.get(rx.pattern)
    if anchored is None:
        anchored = _END_ANCHORED[rx.pattern] = re.compile(f"(?:{rx.pattern})\\Z")
    tail = text[-60:]
    m = anchored.search(tail)
    return None if m is None else len(text) - len(tail) + m.start()


# --------------------------------------------------------------------------------------------
# Places


_KIND_RANK = {"site": 6, "district": 5, "city": 4, "province": 3, "region": 1, "country": 2}


@dataclass(slots=True)
class _PlaceInfo:
    entity: Entity
    kind: str
    country: str  # ISO code or ""
    country_name: str | None
    ancestors: tuple[str, ...]  # gazetteer ids, nearest first
    ancestor_names: tuple[tuple[str, str], ...]  # (gazetteer id, name) below country level

    @property
    def key(self) -> str:
        return self.entity.gazetteer_id or self.entity.name.casefold()

    @property
    def rank(self) -> int:
        return _KIND_RANK.get(self.kind, 4)


class _Places:
    def __init__(self, entities: Sequence[Entity], gazetteer: Gazetteer | None) -> None:
        self.gazetteer = gazetteer
        self.country_names: dict[str, str] = {}
        for ent in entities:
            if ent.type == "place" and self._kind(ent) == "country":
                code = self._code(ent)
                if code:
                    self.country_names.setdefault(code, ent.name)
        self.cache: dict[int, _PlaceInfo] = {}

    def _kind(self, ent: Entity) -> str:
        return _entity_kind(ent, self.gazetteer)

    def _code(self, ent: Entity) -> str:
        code = str(ent.attributes.get("country") or "")
        if not code and self.gazetteer is not None and ent.gazetteer_id:
            entry = self.gazetteer.get(ent.gazetteer_id)
            code = entry.country if entry is not None else ""
        return code.upper()

    def info(self, ent: Entity) -> _PlaceInfo:
        cached = self.cache.get(id(ent))
        if cached is not None:
            return cached
        kind = self._kind(ent)
        code = self._code(ent)
        country_name: str | None = None
        anc_ids: tuple[str, ...] = ()
        anc_names: tuple[tuple[str, str], ...] = ()
        if self.gazetteer is not None and ent.gazetteer_id:
            country = self.gazetteer.country_of(ent.gazetteer_id)
            if country is not None:
                country_name = country.name
                code = code or country.country.upper()
            ancestors = self.gazetteer.ancestors(ent.gazetteer_id)
            anc_ids = tuple(a.id for a in ancestors)
            anc_names = tuple(
                (a.id, a.name) for a in ancestors if a.kind not in {"country", "region"}
            )
        if kind == "country":
            country_name = country_name or ent.name
        if country_name is None and code:
            country_name = self.country_names.get(code)
            if country_name is None and self.gazetteer is not None:
                entry = self.gazetteer.country_by_code(code)
                country_name = entry.name if entry is not None else None
            country_name = country_name or code
        info = _PlaceInfo(ent, kind, code, country_name, anc_ids, anc_names)
        self.cache[id(ent)] = info
        return info

    def related(self, a: _PlaceInfo, b: _PlaceInfo) -> bool:
        """Same place, or one contains the other."""
        if a.key == b.key or a.entity.name.casefold() == b.entity.name.casefold():
            return True
        a_id, b_id = a.entity.gazetteer_id, b.entity.gazetteer_id
        return bool((a_id and a_id in b.ancestors) or (b_id and b_id in a.ancestors))

    def conflict(self, a: _PlaceInfo, b: _PlaceInfo) -> bool:
        """Clearly different places: other countries, or two different cities (a site counts
        as its city when the gazetteer knows it)."""
        if a.country and b.country and a.country != b.country:
            return True
        if self.related(a, b):
            return False
        for rural, city in ((a, b), (b, a)):
            if (
                self._rural(rural) and city.kind == "city"
                and (province := self._province(rural)) is not None
                and province == self._province(city)
                and self._named_after(province, city)
            ):
                # "د کندهار د میوند ولسوالۍ" (Kandahar's Maywand district): the provincial
                # capital's name stands for its province
                return False
        city_a, city_b = self._city(a), self._city(b)
        if city_a is not None and city_b is not None and city_a != city_b:
            # "in Khyber Pakhtunkhwa's Bajaur district ... in the town of Khar": a town no
            # gazetteer entry places may lie in a district that is no city's
            return not (
                (self._rural(a) and b.entity.gazetteer_id is None)
                or (self._rural(b) and a.entity.gazetteer_id is None)
            )
        # two provinces of a country: "the attack in Inates in the western Tillaberi region
        # ... another army post in the western Tahoua region"
        province_a, province_b = self._province(a), self._province(b)
        return province_a is not None and province_b is not None and province_a != province_b

    def _named_after(self, province: str, city: _PlaceInfo) -> bool:
        """Whether the gazetteer's ``province`` bears ``city``'s name (Kandahar province)."""
        entry = self.gazetteer.get(province) if self.gazetteer is not None else None
        name = city.entity.name.casefold()
        return entry is not None and entry.name.casefold().startswith(name)

    def _province(self, info: _PlaceInfo) -> str | None:
        """The gazetteer province a place is or lies in."""
        if info.entity.gazetteer_id is None or self.gazetteer is None:
            return None
        if info.kind == "province":
            return info.entity.gazetteer_id
        for anc in info.ancestors:
            entry = self.gazetteer.get(anc)
            if entry is not None and entry.kind == "province":
                return anc
        return None

    def _rural(self, info: _PlaceInfo) -> bool:
        """A gazetteer district in no gazetteer city (Bajaur District, not Karte Parwan)."""
        if info.kind != "district" or info.entity.gazetteer_id is None:
            return False
        return self.gazetteer is None or not any(
            (entry := self.gazetteer.get(anc)) is not None and entry.kind == "city"
            for anc in info.ancestors
        )

    def _city(self, info: _PlaceInfo) -> str | None:
        if info.entity.gazetteer_id is None and (info.kind == "district" or not info.country):
            return None  # "Gaziantep'in Şahinbey ilçesinde": a district the gazetteer lacks may
            # be in the city named with it; so may a village no list knows ("Al-Shawla
            # village southwest of Deir Ezzor")
        if info.kind in {"city", "district"}:
            return info.key
        if self.gazetteer is not None:
            for anc in info.ancestors:
                entry = self.gazetteer.get(anc)
                if entry is not None and entry.kind in {"city", "district"}:
                    return anc
        return None


# --------------------------------------------------------------------------------------------
# Grouping into events


@dataclass(slots=True)
class _Unit:
    """Triggers of one sentence that describe one event, with what belongs to them."""

    sentence: int
    triggers: list[_Trigger]
    dates: list[DateValue] = field(default_factory=list)
    places: list[_PlaceInfo] = field(default_factory=list)
    figures: list[_Fig] = field(default_factory=list)
    claims: list[_Claim] = field(default_factory=list)
    perps: list[tuple[int, str]] = field(default_factory=list)
    targets: list[tuple[int, str, int]] = field(default_factory=list)
    can_open: bool = False
    #: "The bombing came a week after an IS bomber killed 46 in Kunduz": the unit after the
    #: offset is another event, this many days after (negative: before) the current one;
    #: ``offset_span`` is where the offset is written.
    offset_days: int | None = None
    offset_span: tuple[int, int, str] = (0, 0, "")
    #: The sentence opens on this other attack ("On the same day ..."): what follows is
    #: about it, unlike an earlier attack named in a subordinate clause.
    new_topic: bool = False

    @property
    def foiled(self) -> bool:
        return any(t.foiled for t in self.triggers)

    @property
    def anaphoric(self) -> bool:
        return all(t.anaphoric for t in self.triggers)

    @property
    def indefinite(self) -> bool:
        return all(t.indefinite for t in self.triggers)

    @property
    def reference(self) -> bool:
        return all(t.reference for t in self.triggers)

    @property
    def another(self) -> bool:
        return any(t.another for t in self.triggers)


@dataclass(slots=True)
class _Draft:
    units: list[_Unit] = field(default_factory=list)
    dates: list[DateValue] = field(default_factory=list)
    places: list[_PlaceInfo] = field(default_factory=list)
    figures: list[_Fig] = field(default_factory=list)
    claims: list[_Claim] = field(default_factory=list)
    perps: list[tuple[int, str]] = field(default_factory=list)
    targets: list[tuple[int, str, int]] = field(default_factory=list)
    sentences: set[int] = field(default_factory=set)
    foiled: bool = False
    #: ``anchor()``'s running tally: place key -> (mentions, best (rank, -start), place), and
    #: how many of ``places`` it has read (a long text merges thousands of units into a draft).
    _tally: dict[str, tuple[int, tuple[int, int], _PlaceInfo]] = field(default_factory=dict)
    _read: int = 0
    #: ``best_date()`` and ``target_heads()`` kept the same way: (items read, value).
    _best: tuple[int, DateValue | None] = (0, None)
    _heads: tuple[int, set[str]] = field(default_factory=lambda: (0, set()))

    def best_date(self) -> DateValue | None:
        """``_best_date(self.dates)``, kept up to date as dates are added."""
        read, best = self._best
        if read > len(self.dates):
            read, best = 0, None
        if read < len(self.dates):
            best = _best_date([*([best] if best is not None else []), *self.dates[read:]])
            self._best = (len(self.dates), best)
        return best

    def target_heads(self) -> set[str]:
        """The head words of the draft's targets ("shrine", "mosque")."""
        read, heads = self._heads
        if read > len(self.targets):
            read, heads = 0, set()
        if read < len(self.targets):
            heads = heads | {_head(t[1]) for t in self.targets[read:]}
            self._heads = (len(self.targets), heads)
        return heads

    def anchor(self) -> _PlaceInfo | None:
        """``_anchor(self.places)``, kept up to date as places are added."""
        if self._read > len(self.places):  # the list was replaced
            self._tally, self._read = {}, 0
        for p in self.places[self._read :]:
            n, best, place = self._tally.get(p.key, (0, (-1, 0), p))
            mine = (p.rank, -p.entity.start)
            self._tally[p.key] = (n + 1, *((mine, p) if mine > best else (best, place)))
        self._read = len(self.places)
        if not self._tally:
            return None
        return max(self._tally.values(), key=lambda t: (t[1][0], t[0], t[1][1]))[2]

    def absorb(self, unit: _Unit) -> None:
        self.units.append(unit)
        self.dates.extend(unit.dates)
        self.places.extend(unit.places)
        self.figures.extend(unit.figures)
        self.claims.extend(unit.claims)
        self.perps.extend(unit.perps)
        self.targets.extend(unit.targets)
        self.sentences.add(unit.sentence)
        self.foiled = self.foiled or unit.foiled


def _precision(d: DateValue) -> int:
    return d.value.count("-") + 1


def _best_date(dates: Sequence[DateValue]) -> DateValue | None:
    if not dates:
        return None
    # most precise; a weekday guess last; then the earliest (reports and captions come later)
    return min(dates, key=lambda d: (-_precision(d), d.resolution == "weekday", d.value))


def _to_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _dates_conflict(a: DateValue, b: DateValue) -> bool:
    pa, pb = a.value.split("-"), b.value.split("-")
    n = min(len(pa), len(pb))
    if pa[:n] == pb[:n]:
        return False
    if n == 3:
        da, db = _to_date(a.value), _to_date(b.value)
        if da is not None and db is not None:
            # a weekday guess may be a week off; "yesterday" is exact to a night that spans
            # midnight or so; two written days ("29 декабря", "30 декабря") are two days;
            # two weekdays counted back from one document date ("on Tuesday", "late on
            # Sunday") are two days unless they follow each other (a night attack)
            if a.resolution == b.resolution == "weekday":
                slack = 1
            elif "weekday" in (a.resolution, b.resolution):
                # ... by a whole week: "on Sunday" (21 March) is not "On March 15", a Monday
                # six days before it (a night attack may still span two days)
                return abs((da - db).days) not in (0, 1, 7)
            elif _written_day(a) and _written_day(b):
                slack = 0
            else:
                slack = 2
            return abs((da - db).days) > slack
    return True


def _written_day(d: DateValue) -> bool:
    """A day written with its number ("29 декабря", "۲۶ اسد"), not "yesterday"."""
    return d.resolution != "weekday" and any(ch.isdigit() for ch in d.text)


def _dates_equal_day(a: DateValue, b: DateValue) -> bool:
    return _precision(a) == 3 and a.value == b.value


def _other_kind(unit: _Unit, draft: _Draft) -> bool:
    """Whether ``unit``'s attack words name only kinds of attack ``draft``'s do not (generic
    "attack" words name every kind)."""
    kinds = {t.type for t in unit.triggers} - {"attack"}
    known = {t.type for u in draft.units for t in u.triggers} - {"attack"}
    return bool(kinds) and bool(known) and not kinds & known


class _Grouper:
    def __init__(self, places: _Places, doc_date: date | None = None) -> None:
        self.places = places
        #: The document's year: a unit dated years before it is background to an undated
        #: event the document reports ("was the site of Kazakhstan's first suicide bombing in
        #: 2011" in a report of 2016).
        self.doc_year = doc_date.year if doc_date is not None else None
        self.events: list[_Draft] = []
        self.touched: dict[int, list[_Draft]] = {}  # sentence index -> events touched
        self.pending: list[_Unit] = []
        self.orphans: list[_Sentence] = []
        #: A sentence before the first attack word that says where (and when) something
        #: "took place": "1 сентября 2004 года в школе №1 Беслана произошла трагедия.
        #: Террористы взяли в заложники ...". The first event, opened in the next sentence
        #: with no place or date of its own, takes them.
        self.lead_scene: _Sentence | None = None

    def primary(self) -> _Draft | None:
        if not self.events:
            return None
        return max(self.events, key=lambda d: (len(d.units), -self.events.index(d)))

    def current(self, sentence: int) -> _Draft | None:
        """The event a sentence without its own date/place continues."""
        prev = self.touched.get(sentence) or self.touched.get(sentence - 1) or []
        primary = self.primary()
        if primary is None:
            return None
        if not prev or primary in prev:
            return primary
        return prev[-1]

    def compatible(self, unit: _Unit, draft: _Draft) -> bool:
        if unit.foiled != draft.foiled:
            return False
        d_date = draft.best_date()
        if d_date is not None:
            for d in unit.dates:
                if _dates_conflict(d, d_date):
                    return False
        elif (
            self.doc_year is not None and unit.dates
            and all(d.resolution == "explicit" and int(d.value[:4]) <= self.doc_year - 3
                    for d in unit.dates)
            and draft.sentences and min(draft.sentences) < unit.sentence
            # ... but "the sixth anniversary of the Manchester Arena bombing" is that bombing
            and not all(t.reference for u in draft.units for t in u.triggers)
            # ... and a trial's "Anschlag" is the attack of 2020 it tries: only an attack of
            # another kind (a suicide bombing after a shooting) after the toll of the one
            # reported is surely another
            and bool(draft.figures) and _other_kind(unit, draft)
        ):
            return False  # an attack years before the report is not the one it reports
        if unit.places and draft.places:
            u_anchor = _anchor(unit.places)
            d_anchor = draft.anchor()
            if (
                u_anchor is not None
                and d_anchor is not None
                and self.places.conflict(u_anchor, d_anchor)
            ):
                same_country = u_anchor.country and u_anchor.country == d_anchor.country
                if not (same_country and unit.anaphoric and not unit.dates):
                    return False
        return True

    def positive(self, unit: _Unit, draft: _Draft) -> bool:
        d_date = draft.best_date()
        if d_date is not None and any(_dates_equal_day(d, d_date) for d in unit.dates):
            return True
        u_anchor, d_anchor = _anchor(unit.places), draft.anchor()
        if u_anchor and d_anchor and u_anchor.rank >= 4 and self.places.related(u_anchor, d_anchor):
            return True
        # "the shrine attack" after a paragraph about another event
        heads = {_head(t[1]) for t in unit.targets} - {""}
        return bool(heads & draft.target_heads())

    def add_unit(self, unit: _Unit) -> None:
        current = self._same_word(unit) or self.current(unit.sentence)
        if unit.offset_days is not None:
            self._add_offset(unit, current)
            return
        target: _Draft | None = None
        usable = (
            current is not None
            and self.compatible(unit, current)
            and not self._other_actor(unit, current)
        )
        if current is not None and usable and self.positive(unit, current):
            target = current
        if target is None and (unit.dates or unit.places or unit.targets):
            for draft in reversed(self.events):
                if (
                    draft is not current
                    and self.compatible(unit, draft)
                    and self.positive(unit, draft)
                ):
                    target = draft
                    break
        if target is None and usable:
            target = current
        if target is None:
            if not unit.can_open:  # "attacks" with no violence word: wait for a stronger one
                self.pending = [p for p in self.pending if p.sentence >= unit.sentence - _LOOK_BACK]
                self.pending.append(unit)
                return
            if len(self.events) >= MAX_EVENTS:
                return
            target = _Draft()
            earlier: list[_Draft] = []
            target.absorb(unit)
            for waiting in self.pending:
                if waiting.sentence < unit.sentence - _LOOK_BACK:
                    continue
                if self.compatible(waiting, target):
                    target.absorb(waiting)
                elif unit.another and (waiting.dates or waiting.places):
                    # "Взорвалась бомба 29 декабря ... Ещё один теракт 30 декабря": the
                    # explosion before "another attack" was an attack too
                    home = next((d for d in earlier if self.compatible(waiting, d)), None)
                    if home is None:
                        home = _Draft()
                        earlier.append(home)
                    home.absorb(waiting)
                    self.touched.setdefault(waiting.sentence, []).append(home)
            lead = self.lead_scene
            if (
                lead is not None and not self.events and not earlier
                and lead.index == unit.sentence - 1 and not target.dates
                and all(p.kind == "country" for p in target.places)
            ):
                self._scene_into(target, lead)
                target.dates.extend(lead.dates)
            self.events.extend(earlier[: max(0, MAX_EVENTS - len(self.events) - 1)])
            self.events.append(target)
            self.pending = []
            for orphan in self.orphans:
                if orphan.index >= unit.sentence - _LOOK_BACK:
                    # the toll after an earlier explosion is that explosion's
                    before = [d for d in earlier if min(u.sentence for u in d.units) < orphan.index]
                    self._attach_to(before[-1] if before else target, orphan, mark=False)
            self.orphans = []
        else:
            target.absorb(unit)
        if not unit.reference:
            self.touched.setdefault(unit.sentence, []).append(target)

    def _same_word(self, unit: _Unit) -> _Draft | None:
        """ "... a week after the suicide attack in Kunduz, explosions hit a mosque in Kandahar.
        At least 32 people were killed in the explosions.": of the events the sentence before
        told, the one with the same attack word."""
        prev = self.touched.get(unit.sentence - 1) or []
        if len(prev) < 2 or not unit.anaphoric:
            return None
        words = {t.word for t in unit.triggers}
        same = [d for d in prev if any(t.word in words for u in d.units for t in u.triggers)]
        return same[0] if len(same) == 1 else None

    def _add_offset(self, unit: _Unit, current: _Draft | None) -> None:
        """An event dated from the current one ("a week after"): its own draft, unless its
        text gives a full date of its own."""
        base = current.best_date() if current is not None else None
        day = _to_date(base.value) if base is not None and _precision(base) == 3 else None
        if day is not None and not unit.dates:
            start, end, text = unit.offset_span
            value = (day + timedelta(days=unit.offset_days or 0)).isoformat()
            unit.dates = [DateValue(value, text, start, end, resolution="relative")]
        if len(self.events) >= MAX_EVENTS:
            return
        draft = _Draft()
        self.events.append(draft)
        draft.absorb(unit)
        if unit.new_topic:
            self.touched.setdefault(unit.sentence, []).append(draft)

    @staticmethod
    def _other_actor(unit: _Unit, draft: _Draft) -> bool:
        """ "... a suicide bombing by ISPP" after an ISKP attack: an indefinite mention with
        another perpetrator or claimant is another event."""
        if not unit.indefinite or unit.dates or unit.places:
            return False
        names = {n.casefold() for _, n in unit.perps} | {
            n.casefold() for c in unit.claims for n in c.claimed_by
        }
        known = {n.casefold() for _, n in draft.perps} | {
            n.casefold() for c in draft.claims for n in c.claimed_by
        }
        # an event with no actor yet is not another's ("lslamic State militants have claimed
        # ... a suicide bombing", the name misspelt, then "the bomber carried out ... with an
        # explosive vest", in IS's statement)
        return bool(names) and bool(known) and not names & known

    def attach(self, sentence: int, s: _Sentence) -> None:
        """A sentence without triggers: its figures, claims and perpetrators go to the event
        the narrative is about, unless its own date points elsewhere; the places of a sentence
        that says where "it took place" go to an event that has none, or only their country."""
        if s.scene and s.places:
            self._scene(sentence, s)
            if not self.events and self.current(sentence) is None:
                self.lead_scene = s
        if not (s.figures or s.claims or s.perps):
            return
        draft = self.current(sentence)
        if draft is None and (self._claimed(s) or self._toll_after_attack(sentence, s)):
            draft = self._open_pending(sentence)
            if draft is not None and s.scene and s.places and not s.dates:
                self._scene_into(draft, s)
        if draft is None:  # an infobox or a headline before the first trigger
            self.orphans.append(s)
            return
        self._attach_to(draft, s)

    def _scene(self, sentence: int, s: _Sentence) -> None:
        draft = self.current(sentence)
        if draft is None and s.dates and len(self.events) == 1:
            # "В десятую годовщину двойного теракта ... Ровно десять лет прошло со дня
            # трагедии, которая произошла в Кизляре 31 марта 2010 года": the one attack named
            # so far (an anniversary's: it touches no sentence) is the one that took place
            draft = self.events[0]
        if draft is None:
            return
        if not s.dates:
            self._scene_into(draft, s)
            return
        if draft.best_date() is not None:
            return
        anchor = draft.anchor()
        same = anchor is not None and all(
            not self.places.conflict(self.places.info(e), anchor) for e in s.places
        )
        if self._scene_into(draft, s) or same:
            # "... трагедии, которая произошла в Кизляре 31 марта 2010 года": where and when
            # the attack the text is about took place, when nothing had dated it yet
            draft.dates.extend(s.dates)

    def _scene_into(self, draft: _Draft, s: _Sentence) -> bool:
        """Add the places of scene sentence ``s`` to ``draft`` if they fit it; say if they did."""
        anchor = draft.anchor()
        infos = [self.places.info(ent) for ent in s.places]
        if anchor is None or (
            anchor.kind == "country"
            # a place no list knows ("la base di Bosle") has no country to contradict it
            and all(i.country in (anchor.country, "") for i in infos)
        ):
            draft.places.extend(infos)
            return True
        if all(i.rank > anchor.rank and not self.places.conflict(i, anchor) for i in infos):
            # "В Ингушетии боевики совершили нападение ... Инцидент произошел недалеко от
            # селения Даттых": the scene sentence names the village within the region
            draft.places.extend(infos)
            return True
        return False

    def _toll_after_attack(self, sentence: int, s: _Sentence) -> bool:
        """ "Une attaque armée a eu lieu au Niger ce mercredi soir. Un poste militaire ... a été
        visé : au moins onze morts.": a death toll in the sentence right after an attack word
        that waited makes it an attack (not after an explosion alone, which may be an
        accident)."""
        return any(f.kind == "killed" for f in s.figures) and any(
            p.sentence == sentence - 1 and all(t.type == "attack" for t in p.triggers)
            for p in self.pending
        )

    @staticmethod
    def _claimed(s: _Sentence) -> bool:
        return any(c.cue and c.claimed_by for c in s.claims)

    def _open_pending(self, sentence: int) -> _Draft | None:
        """ "У здания МИД прогремел взрыв. ... ИГИЛ-Хорасан взял ответственность на себя.": a
        group's claim makes the explosion before it an attack (an explosion alone may be an
        accident, so it waited)."""
        waiting = [p for p in self.pending if p.sentence >= sentence - _LOOK_BACK]
        if not waiting or len(self.events) >= MAX_EVENTS:
            return None
        draft = _Draft()
        self.events.append(draft)
        for unit in waiting:
            if not draft.units or self.compatible(unit, draft):
                draft.absorb(unit)
                self.touched.setdefault(unit.sentence, []).append(draft)
        self.pending = []
        for orphan in self.orphans:
            if orphan.index >= sentence - _LOOK_BACK:
                self._attach_to(draft, orphan, mark=False)
        self.orphans = []
        return draft

    def _attach_to(self, draft: _Draft, s: _Sentence, mark: bool = True) -> None:
        sentence = s.index
        d_date = draft.best_date()
        if d_date is not None and any(_dates_conflict(d, d_date) for d in s.dates):
            return
        if s.places and draft.places:
            s_anchor = _anchor([self.places.info(p) for p in s.places])
            d_anchor = draft.anchor()
            if (
                s_anchor
                and d_anchor
                and s_anchor.country
                and d_anchor.country
                and s_anchor.country != d_anchor.country
                and s.figures
            ):
                return
        draft.figures.extend(s.figures)
        draft.claims.extend(s.claims)
        draft.perps.extend(s.perps)
        draft.sentences.add(sentence)
        if not mark and s.scene and s.places and not s.dates:
            # a scene sentence that waited for its event ("Un poste militaire dans le
            # département de Ouallam a été visé ... onze morts"): where, as in ``_scene``
            self._scene_into(draft, s)
        if not draft.places and (s.figures or s.claims):
            # "... claimed responsibility for the nighttime raid in the Khyber district": the
            # toll's or the claim's place, for an event that has none
            draft.places.extend(self.places.info(p) for p in s.places)
        elif s.figures and s.places and (anchor := draft.anchor()) and not anchor.country:
            # "18 человек были убиты в деревне на территории штата Адамава ... деревню Дабне":
            # where a village no list knows lies, from the toll's sentence
            infos = [self.places.info(p) for p in s.places]
            draft.places.extend(i for i in infos if i.rank < anchor.rank)
        if mark:
            self.touched.setdefault(sentence, []).append(draft)


#: The verb that closes a claim in verb-final languages: Pashto "مسوولیت یې ومانه", "مسوولیت
#: ... منلی دی"; Persian "... را بر عهده گرفت"; Tajik "... ба ӯҳда гирифт"; Uzbek "... o'z
#: zimmasiga oldi"; Kyrgyz "... өз мойнуна алды".
_CLAIM_VERB_LAST: dict[str, re.Pattern[str]] = {
    lang: re.compile(rf"(?<![\w])(?:{pattern})(?![\w])", re.IGNORECASE)
    for langs, pattern in (
        (("ps",), r"و?منل\w*|ومانه|و?مني|پر غاړه اخیست\w*"),
        (("fa", "prs"), r"(?:بر|به)\s?عهده\s(?:گرفت|گرفته)\w*"),
        (("tg",), r"ба\s(?:ӯҳда|уҳда|дӯш|души\sхуд)\s(?:гирифт|гирифта)\w*"),
        (("uz",), r"(?:o['‘’ʻ]z|ўз)\s(?:zimmasiga|зиммасига)\s(?:ol|ол)\w*"),
        (("ky",), r"(?:өз|озу)\s(?:мойнуна|моюнуна)\s(?:ал)\w*"),
    )
    for lang in langs
}


def _head(target: str) -> str:
    """The target noun of a target phrase, folded ("the Shah Cheragh shrine" -> "shrine")."""
    m = _TARGET_NOUNS.search(_Folded.of(target).text)
    return m.group().rstrip("s") if m else ""


def _anchor(places: Sequence[_PlaceInfo]) -> _PlaceInfo | None:
    if not places:
        return None
    counts: dict[str, int] = {}
    for p in places:
        counts[p.key] = counts.get(p.key, 0) + 1
    return max(places, key=lambda p: (p.rank, counts[p.key], -p.entity.start))


# --------------------------------------------------------------------------------------------
# Public function


_META = set("\\()[].*+?{}|^$")


def _top_alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a ``(?<!\\w)(?:a|b|...)`` pattern made by :func:`_rx`."""
    body = pattern.removeprefix(r"(?<!\w)")
    if body.startswith("(?:") and body.endswith(")"):
        body = body[3:-1]
    out, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(body):
        ch = body[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(body[start:i])
            start = i + 1
        i += 1
    out.append(body[start:])
    return out


def _literal_stem(alternative: str) -> str:
    """The literal characters an alternative starts with (after optional Arabic clitics)."""
    alt = alternative.removeprefix(_AR)
    stem: list[str] = []
    for i, ch in enumerate(alt):
        if ch in _META:
            if ch in "?*{" and stem:
                stem.pop()  # the last literal is optional
            break
        nxt = alt[i + 1 : i + 2]
        if nxt in ("?", "*") or nxt == "{":
            break
        stem.append(ch)
    return "".join(stem)


@functools.lru_cache(maxsize=32)
def _trigger_gate(language: str) -> tuple[Any, re.Pattern[str] | None]:
    """A fast pre-check for ``language``: an Aho-Corasick automaton over the literal stems
    the trigger alternatives start with (any hit means "look closer"), plus one pattern for
    the few alternatives without a usable stem."""
    from ahocorasick_rs import AhoCorasick

    stems: set[str] = set()
    slow: list[str] = []
    patterns = [r.pattern for r in _TRIGGERS if not r.languages or language in r.languages]
    for rule_pattern in [*patterns, _GROUP_KILLED, _KILLED_BY_GROUP]:
        for alt in _top_alternatives(rule_pattern.pattern):
            stem = _literal_stem(alt)
            if len(stem) >= 3:
                stems.add(stem)
            else:
                slow.append(alt)
    automaton = AhoCorasick(sorted(stems)) if stems else None
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(slow) + ")") if slow else None
    return automaton, pattern


def _any_trigger(folded: str, language: str) -> bool:
    """Whether an attack trigger of ``language`` may occur in the folded text (a superset:
    the sentence-level search decides)."""
    automaton, slow = _trigger_gate(language)
    if automaton is not None and automaton.find_matches_as_indexes(folded):
        return True
    return slow is not None and slow.search(folded) is not None


@functools.lru_cache(maxsize=16)
def may_report_attack(text: str, language: str) -> bool:
    """Whether ``text`` may report an attack: a superset test (an attack word of ``language``
    occurs), the gate :func:`find_events` starts with; remembered for the last few texts, as
    entity extraction asks it first about the same text."""
    lang = (language or "").split("-")[0].lower()
    lang = "fa" if lang == "prs" else lang
    return _any_trigger(text[:MAX_TEXT_CHARS].translate(_FOLD_TABLE), lang)


#: Russian media's legal notice after a banned group's name: "(запрещена в РФ)",
#: "(признана террористической и запрещена в России)".
_BANNED_IN = re.compile(
    r"(?:признан\w*\s+(?:\w+\s+){0,3})?запрещ\w+(?:\s+\w+){0,3}?\s+в\s+(?:РФ|России|Росс\w+)",
    re.IGNORECASE,
)


def find_events(
    text: str,
    language: str,
    entities: Sequence[Entity],
    *,
    doc_date: date | None = None,
    doc_precision: str = "day",
    gazetteer: Gazetteer | None = None,
) -> list[Event]:
    """Attack events that ``text`` reports, in order of first mention.

    ``entities`` are the entities found in ``text`` (offsets into it): places (with
    ``gazetteer_id`` and/or ``attributes`` ``kind`` and ``country``), organizations, media
    outlets and channels. ``doc_date`` resolves weekday and relative dates ("on Wednesday");
    with ``doc_precision="month"`` it is known to the month only and resolves only yearless
    months ("in April"); ``gazetteer`` orders places most specific first and gives the
    country of a place. An event the text does not date stays undated, even in a dated
    document: a follow-up report days later would otherwise date the attack to its own day.
    Two exceptions for the text's first attack, each quoting what it reads: the day its source
    spoke ("..., officials said on Saturday", ``resolution="reported"``) and, in a document
    dated to the day, the time of day it happened ("saat 10.20'de", "около 11:00":
    the report's day, ``resolution="relative"``; a later report says which day).
    """
    if not text or not text.strip():
        return []
    if not may_report_attack(text, language or ""):
        return []  # most messages mention no attack: skip sentences, numbers and dates
    text = text[:MAX_TEXT_CHARS]
    lang = (language or "").split("-")[0].lower()
    lang = "fa" if lang == "prs" else lang
    folded = _Folded.of(text)
    banned = [m.span() for m in _BANNED_IN.finditer(text)] if lang == "ru" else []
    if banned:  # "(запрещена в РФ)": the legal notice names no scene
        entities = [e for e in entities if not any(a <= e.start < b for a, b in banned)]
    reader = _Reader(text, lang, entities, gazetteer, folded)
    places = _Places(reader.entities, gazetteer)
    sentences = _read_sentences(reader, text, language or "en", doc_date, doc_precision)
    grouper = _Grouper(places, doc_date)
    for s in sentences:
        if not s.triggers:
            grouper.attach(s.index, s)
            continue
        for unit in _units(s, places, reader):
            if not unit.places and s.index and lang == "en" and _THERE.search(text, s.start, s.end):
                # "... to hit Peshawar, a city of 2 million. In 2014, nine Taliban gunmen killed
                # more than 140 people at the Army Public School there.": the places before
                unit.places = [places.info(e) for e in sentences[s.index - 1].places]
            grouper.add_unit(unit)
    _same_place(grouper.events, sentences, text)
    _series_claim(grouper.events, sentences, text)
    _dateline_place(grouper.events, text, places, reader.entities)
    _compared_country(grouper.events, text, places, reader.entities)
    captions = _captions(sentences, text)
    events = [_finish(d, sentences, places, text, captions) for d in grouper.events]
    found = [e for e in events if e is not None]
    if found and doc_date is not None and doc_precision == "day":
        _dated_by_the_clock(found[0], text, doc_date)
    return found


#: A time of day, with its minutes unless a.m./p.m. say it: "at 10 a.m. local time", "saat
#: 10.20", "около 11:00", "примерно в 18-00 по московскому времени", "соат 07:15", "ساعت
#: ۱۰:۳۰", "vers 9h30", "gegen 14.30 Uhr", "a las 10:30", "Toshkent vaqti bilan 00.30da".
_CLOCK = re.compile(
    r"(?<![\d:./-])(?:"
    r"\d{1,2}(?:[:.]\d{2})?\s?(?:a\.m\.|p\.m\.|am|pm)(?!\w)(?:\s+local time)?"
    r"|\d{1,2}[:.]\d{2}\s?(?:hrs|GMT|UTC|local time)\b"
    r"|\d{1,2}h\d{2}\b"
    r"|(?:saat|soat|соат|ساعت|الساعة|около|примерно в|примерно|vers|gegen|um|a las|às|"
    r"alle ore|alle|vaqti bilan|вақти билан)\s+\d{1,2}(?:[:.]\d{2}|-00)(?!\d|[.,]\d)"
    # "18-00" is a time only on the hour or with its time zone ("около 20-30 человек" is a
    # count)
    r"|(?<!\w)(?:в|около|примерно в)\s+\d{1,2}[:.\-]\d{2}(?=\s+по\s+\w+\s+времени)"
    r"|\d{1,2}[:.]\d{2}\s*(?:Uhr|بجې|بجه|horas|heures)(?!\w)"
    r")",
    re.IGNORECASE,
)
_YEAR_NEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)|\|")
#: How far after a lead event's first sentence starts its clock time may stand (its lead
#: paragraphs).
_CLOCK_REACH = 700


def _dated_by_the_clock(event: Event, text: str, doc_date: date) -> None:
    """ "The blast went off at 10.20 in Sultanahmet Square": a lead event its text dates
    nowhere, told with the time of day it happened, happened on the report's day (a later
    report says which day). The date quotes the clock time, ``resolution="relative"``."""
    if event.date is not None or not event.evidence:
        return
    start = event.evidence[0].start
    for m in _CLOCK.finditer(text, start, start + _CLOCK_REACH):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line = text[line_start : line_end if line_end != -1 else len(text)]
        if len(line.strip()) < 40 or _YEAR_NEAR.search(
            text, max(line_start, m.start() - 25), m.end() + 25
        ):
            continue  # "05:23 PM | 30 Jan, 2023": the page's time stamp, not the attack's
        event.date = DateValue(doc_date.isoformat(), m.group(), m.start(), m.end(),
                               resolution="relative")  # fmt: skip
        return


#: "there" as a place ("... at the school there."), not "there were", "there is".
_THERE = re.compile(r" there(?=[.,;])")
#: What a claim covers when it covers several attacks: "claimed responsibility for a series of
#: deadly attacks", "claimed the three attacks", "заявила о нескольких нападениях",
#: "a revendiqué une série d'attaques", "تبنى سلسلة هجمات".
_SERIES = re.compile(
    r"\b(?:a |the )?series of (?:\w+ ){0,2}?(?:attacks|bombings|assaults|raids)\b"
    r"|\b(?:the |these |those )?(?:two|three|four|five|six|several|multiple|coordinated|twin)"
    r" (?:\w+ ){0,2}?(?:attacks|bombings|assaults|raids|blasts)\b"
    r"|(?<!\w)(?:нескольк\w+|сери\w+|ряд\w*) (?:\w+ ){0,1}?(?:нападени|теракт|атак|взрыв)\w*"
    r"|\b(?:une série d['’]|plusieurs )(?:attaques|attentats)\b"
    r"|\b(?:zwei|drei|vier|fünf|mehrere[nr]?|eine[rn]? serie von) (?:\w+ ){0,1}?"
    r"(?:angriff|anschläg|anschlag|attack)\w*"
    r"|\b(?:una serie de|varios|la cadena de|una cadena de|una ola de|la ola de|seis|cinco|"
    r"cuatro|tres|dos) (?:ataques|atentados)\b"
    r"|\b(?:una serie di|una catena di|un'ondata di|diversi) (?:attacchi|attentati)\b"
    r"|\b(?:uma série de|uma onda de|vários) (?:ataques|atentados)\b"
    r"|(?<!\w)سلسل[ةه] (?:من )?(?:ال)?(?:هجمات|تفجيرات)",
    re.IGNORECASE,
)


def _series_claim(drafts: list[_Draft], sentences: list[_Sentence], text: str) -> None:
    """ "The TTP claimed responsibility for a series of deadly attacks ... Eleven troops were
    killed in the Khyber district, while seven policemen died ... in Dera Ismail Khan": a claim
    of several attacks holds for the attacks the text reports right after it (within
    :data:`_SERIES_REACH` sentences, as many as it counts, up to an event with a claim of its
    own). Other events of the text keep no claim."""
    series: _Claim | None = None
    left = 0
    until = -1
    for draft in drafts:
        own = [c for c in draft.claims if c.cue and c.claimed_by]
        if own:
            series, left = None, 0
            for c in own:
                at = next((i for i, x in enumerate(sentences) if x.end > c.pos), 0)
                end = sentences[at].end if sentences else len(text)
                m = _SERIES.search(text, c.pos, min(end, c.pos + 90))  # in the claim's sentence
                if m is not None and not _SERIES_EXAMPLES.search(text, m.end(), end):
                    series, left = c, _series_size(m.group()) - 1
                    until = at + _SERIES_REACH
            continue
        first = min(draft.sentences, default=until + 1)
        if series is not None and left > 0 and first <= until:
            draft.claims.append(_Claim(series.pos, list(series.claimed_by), list(series.outlets)))
            left -= 1


#: "several recent assaults, including a May 24 attack on a base in Dioura": the claim's own
#: sentence names what it covers; the attacks reported after it are not said to be among them.
_SERIES_EXAMPLES = re.compile(
    r"\b(?:including|among them|such as|notamment|dont|incluido|incluyendo|inclusive|tra cui)\b"
    r"|(?<!\w)(?:в том числе|включая|من بينها|بما في ذلك)(?!\w)",
    re.IGNORECASE,
)
#: How many sentences after a claim of several attacks the attacks it covers are looked for.
_SERIES_REACH = 6
_SERIES_COUNTS = {"two": 2, "twin": 2, "three": 3, "four": 4, "five": 5, "six": 6, "zwei": 2,
                  "drei": 3, "vier": 4, "fünf": 5, "dos": 2, "tres": 3, "cuatro": 4,
                  "cinco": 5, "seis": 6}


def _series_size(phrase: str) -> int:
    """How many attacks a series phrase counts ("three attacks" 3; "a series of" 4 at most)."""
    for word in phrase.casefold().split():
        if word in _SERIES_COUNTS:
            return _SERIES_COUNTS[word]
    return 4


#: "at the same shrine", "в той же мечети", "في المسجد نفسه", "در همان حرم": the place of the
#: attack reported before.
_SAME_PLACE = re.compile(
    r"\b(?:the same|that same)\s+(?:shrine|mosque|church|synagogue|city|town|site|place|venue|"
    r"hall|spot|area|location|market|school|cemetery|district|square|street|station|hotel|"
    r"hospital|airport|university|prison|village|neighbou?rhood|building|compound|region|"
    r"province|county|governorate)\b"
    r"|\bin (?:the|that) (?:area|neighbou?rhood)\b"
    r"|(?<!\w)в (?:том же|той же)\s+\w+|(?<!\w)(?:در|به) همان\s+\S+"
    r"|\S+ (?:نفسه|نفسها|ذاته|ذاتها)(?!\w)"
    # "في نفس المنطقة" (in the same area)
    r"|(?<!\w)(?:في|ب)\s?نفس\s+ال\S+"
    # "حمله مهر ۱۴۰۱ به این حرم" ("the attack of Mehr 1401 on this shrine")
    r"|(?<!\w)(?:در|به|از) (?:این|آن) (?:حرم|مسجد|زیارتگاه|مکان|محل|مدرسه|مکتب)(?!\w)"
    # "در همین منطقه" (in this very area)
    r"|(?<!\w)(?:در|به|از) همین (?:منطقه|شهر|محل|مکان|ناحیه|ساحه|حرم|مسجد|مکتب)(?!\w)",
    re.IGNORECASE,
)


#: The place kinds "the same region" and the like refer to.
_SAME_PLACE_KINDS: dict[str, frozenset[str]] = {
    **dict.fromkeys(("region", "province", "county", "governorate"),
                    frozenset({"province", "region"})),
    **dict.fromkeys(("city", "town"), frozenset({"city"})),
    "district": frozenset({"district"}),
}


def _same_place(drafts: list[_Draft], sentences: list[_Sentence], text: str) -> None:
    """An event without a place of its own, reported "at the same shrine", takes the place of
    the event before it that has one."""
    for i, draft in enumerate(drafts):
        if draft.places or i == 0:
            continue
        found = [
            m for k in sorted(draft.sentences)
            if (m := _SAME_PLACE.search(text, sentences[k].start, sentences[k].end))
        ]  # fmt: skip
        if not found:
            continue
        noun = found[0].group().split()[-1].lower()
        with_places = [d for d in reversed(drafts[:i]) if d.places]
        # "The same hospital was targeted in March 2017": the event at a hospital, not merely
        # the last one named
        earlier = next((d for d in with_places if noun in d.target_heads()), None)
        # "in the same region": the event before in a region, not a city it named after
        kinds = _SAME_PLACE_KINDS.get(noun)
        if earlier is None and kinds:
            earlier = next(
                (d for d in with_places if (a := d.anchor()) is not None and a.kind in kinds),
                None,
            )
        earlier = earlier or next(iter(with_places), None)
        if earlier is not None:
            draft.places = list(earlier.places)


#: "the deadliest attack in the country since the Cinema Rex attack of 1978": the earlier
#: attack took place in the country of the one it is compared with.
_IN_THE_COUNTRY_SINCE = re.compile(
    r"\bin the country(?:['’]s (?:\w+ )?history)?,?\s+since\s+(?:the\s+)?[^.;:!?]{0,40}$"
    r"|(?<!\w)в стране (?:с|со времен\w*)\s+[^.;:!?]{0,40}$"
    r"|(?<!\w)في (?:البلاد|البلد) منذ\s+[^.;:!?]{0,40}$",
    re.IGNORECASE,
)


def _compared_country(
    drafts: list[_Draft], text: str, places: _Places, entities: Sequence[Entity]
) -> None:
    """An earlier attack named only in a comparison ("the deadliest ... in the country since
    the Cinema Rex attack of 1978") takes the country, not the city, of the event before it."""
    for i, draft in enumerate(drafts):
        if draft.places or i == 0 or not all(u.reference for u in draft.units):
            continue
        first = draft.units[0].triggers[0]
        if not _IN_THE_COUNTRY_SINCE.search(text, max(0, first.start - 120), first.start):
            continue
        earlier = next((d.anchor() for d in reversed(drafts[:i]) if d.places), None)
        if earlier is None or not earlier.country:
            continue
        country = next(
            (
                info
                for ent in entities
                if ent.type == "place"
                for info in (places.info(ent),)
                if info.kind == "country" and info.country == earlier.country
            ),
            None,
        )
        if country is not None:
            draft.places = [country]


_HEADING = re.compile(r"[^\W\d_][\w'’-]*(?: [^\W\d_][\w'’-]*){0,3}")


def _heading(text: str, start: int, end: int) -> bool:
    """A section heading on a line of its own ("Attack", "Perpetrators", "Теракт"): a title,
    not a mention of an attack that would take over the sentences below it."""
    if not _HEADING.fullmatch(text, start, end) or not text[start].isupper():
        return False
    before = text[max(0, start - 1) : start]
    after = text[end : end + 1]
    return before in ("", "\n") and after in ("", "\n")


#: What a date-and-place stamp holds besides its place: weekdays, months, AM/PM.
_STAMP_WORDS = re.compile(
    r"(?i)\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|"
    r"oct|nov|dec)[a-z]*\b|\b[AP]\.?M\.?\b|\b(?:updated|published|posted)\b"
)


def _read_sentences(
    reader: _Reader, text: str, lang: str, doc_date: date | None, doc_precision: str = "day"
) -> list[_Sentence]:
    """Sentences with everything found in them; ``lang`` goes to the number and date finders
    as given (they know "prs", "uz-Cyrl")."""
    spans = _sentences(text)
    try:
        numbers = find_numbers(text, lang)
    except (ValueError, OverflowError, RecursionError):
        numbers = []
    try:
        dates = find_dates(text, lang, doc_date, doc_precision=doc_precision)
    except (ValueError, OverflowError, RecursionError):
        dates = []
    numbers.sort(key=lambda n: n.start)
    dates = sorted((d for d in dates if _valid_date(d)), key=lambda d: d.start)
    if doc_date is None:  # a dateline ("خبرگزاری فارس , 5 آبان 1401 00:03") dates the text
        doc_date = _dateline(spans, dates)
        if doc_date is not None:
            with contextlib.suppress(ValueError, OverflowError, RecursionError):
                dates = sorted(
                    (d for d in find_dates(text, lang, doc_date) if _valid_date(d)),
                    key=lambda d: d.start,
                )
    date_spans = sorted((d.start, d.end) for d in dates)
    line_start, line_end = _dateline_date_span(text)
    if line_end:  # "BAKU, Azerbaijan, January 4.", "August 1:": the day of the report
        dates = [d for d in dates if not line_start <= d.start < line_end]
    starts = [s for s, _ in spans]
    out = [_Sentence(i, s, e) for i, (s, e) in enumerate(spans)]

    def bucket(offset: int) -> _Sentence | None:
        i = bisect.bisect_right(starts, offset) - 1
        if i < 0 or offset >= out[i].end:
            return None
        return out[i]

    for d in dates:
        target = bucket(d.start)
        if target is not None and not (
            d.resolution == "relative"
            and not any(ch.isdigit() for ch in d.text)
            and _in_quote(text, target.start, d.start)
        ):
            # "“Our attackers carried out the attack today,” said Mansoor": a quote's "today"
            # is the day its speaker spoke, not the report's
            target.dates.append(d)
    org_starts = {e.start for e in reader.entities if e.type == "organization"}
    for ent in reader.entities:
        target = bucket(ent.start)
        if (
            target is not None
            and ent.type == "place"
            and _scene_place(text, ent, reader.kind_of(ent))
            and not _describes_group(text, ent, org_starts)
        ):
            target.places.append(ent)
    for sent in out[:8]:
        # "Wed, 02-08-2023 01:02 PM, Aden": a short stamp of the report's date and place
        if sent.places and sent.dates and sent.end - sent.start <= 60 and not re.search(
            r"[^\W\d_]{4,}", _STAMP_WORDS.sub(" ", text[sent.start : sent.end])
        ):
            sent.places = []
            sent.dates = []
    dateline_start, dateline_end = _dateline_place_span(text)
    if dateline_end and out:
        # "KABUL, Afghanistan (AP) — A bomber struck a mosque in northern Afghanistan": the
        # dateline says where the report was filed; a place in the sentence says where it was.
        # With no other place in the sentence, the lead event still falls back on the
        # dateline city (``_dateline_place``), or on a place of its country named before it.
        first = bucket(dateline_end - 1) or out[0]
        first.places = [p for p in first.places
                        if not dateline_start <= p.start < dateline_end]  # fmt: skip
    n_triggers = 0
    for s in out:
        if n_triggers < _MAX_TRIGGERS and not _heading(text, s.start, s.end):
            s.triggers = reader.triggers(s.start, s.end)
            if not s.triggers and (s.places or s.dates):
                s.triggers = reader.group_killings(s.start, s.end)
            n_triggers += len(s.triggers)
        seg, _ = reader.fold_slice(s.start, s.end)
        # "Special forces had surrounded the church in Saint-Etienne-du-Rouvray" says where
        in_building = any(
            _BUILDING_IN.search(text, max(0, p.start - 40), p.start) for p in s.places
        )
        s.scene = not s.triggers and bool(s.places) and (
            bool(_TOOK_PLACE.search(seg)) or in_building or bool(_SCENE_ACTOR.search(seg))
        )
        s.context = bool(_CONTEXT.search(seg)) or bool(
            reader.entities_in(s.start, s.end, ("organization",))
        )
        if s.triggers or _KILLED.search(seg) or _INJURED.search(seg):
            s.figures = reader.figures(s.start, s.end, numbers, date_spans)
            plain = _IDIOM.sub(" ", seg)
            s.context = (
                s.context
                or bool(s.figures)
                or bool(re.search(r"\b(?:killed|dead|wounded|injured)\b", plain))
                # "dezenas de pessoas foram mortas no ataque a Palma": people killed, in any
                # language, make "attack" an attack
                or (lang != "en" and bool(_KILLED_PEOPLE.search(plain)))
            )
        attributions = reader.attributions(s.start, s.end) if s.figures or s.triggers else []
        _attribute(s.figures, attributions)
        s.claims = reader.claims(s.start, s.end, attributions)
        s.context = s.context or any(c.cue for c in s.claims)
        s.perps = reader.perpetrators(s.start, s.end)
        if s.triggers:
            s.targets = reader.targets(s.start, s.end)
    return out


#: A news dateline: "KABUL, Afghanistan (AP) — ", "PESHAWAR, Pakistan, Jan. 31 (Reuters) - ",
#: "(MENAFN- Trend News Agency) BAKU, Azerbaijan, January 4. ", "TEHRAN, Jan. 4 (Xinhua) -- ",
#: "МОСКВА, 22 марта - ", "МОСКВА, 22 марта. /ТАСС/. ".
_DATELINE_PLACE = re.compile(
    r"[ \t\n]{0,5}(?:\([^)\n]{1,60}\)[ \t\n]{0,5})?"
    r"[A-ZА-ЯЁ][A-ZА-ЯЁ'’.-]{2,25}(?:[ -][A-ZА-ЯЁ][A-ZА-ЯЁ'’.-]{1,25}){0,2}"
    # the country may be written with accents: "BEIRUT, Líbano (AP) —"
    # ... or in lower case: "PESHAWAR, pakistan - "
    r"(?:,[ \t]{0,3}[A-Za-z][A-Za-z\u00c0-\u024f'’.-]{1,25}"
    r"(?: [A-Z][A-Za-z\u00c0-\u024f'’.-]{1,25}){0,2})?"
    # "JAKARTA, Indonesia, Sunday, Oct. 2 - ": the weekday of the report's date
    r"(?:,[ \t]{0,3}(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)?"
    r"(?:,?[ \t]{0,3}(?:[A-Z][a-z]{2,8}\.? {1,3}\d{1,2}|\d{1,2} [a-zа-яё]{3,9})"
    r"(?:, {0,3}\d{4})?)?"
    r"[ \t]{0,3}(?:\([^)\n]{1,30}\)|/[^/\n]{1,20}/)?"
    r"[ \t]{0,3}(?:—|–|-{1,2}|:|\.|\|)\s"  # "NAIROBI, Kenya | The heavily armed men ..."
)


#: Arabic-script datelines: "إسلام آباد - ", "قندهار (أفغانستان) - ", and the Arabic press's
#: byline with the city the report was filed from: "نبيل شرف الدين من القاهرة : ",
#: "الرباط: لحسن مقنع" ("Rabat:").
_DATELINE_PLACE_ARAB = re.compile(
    r"[ \t\n]{0,5}(?:[\u0600-\u06ff]{2,15}(?: [\u0600-\u06ff]{2,15}){0,2}"
    r"[ \t]{0,3}(?:\([^)\n]{1,30}\))?[ \t]{0,3}(?:—|–|-{1,2})\s"
    # Xinhua's Arabic "انقرة 22 أغسطس 2016 /ارتفع ...": the city and the day, then a slash
    r"|[\u0600-\u06ff]{2,15}(?: [\u0600-\u06ff]{2,15}){0,2}[ \t]+\d{1,2}[ \t]+[\u0600-\u06ff]{3,10}"
    r"[ \t]+\d{4}[ \t]*/"
    r"|(?:[\u0600-\u06ff]{2,15} ){1,4}من [\u0600-\u06ff]{2,15}(?: [\u0600-\u06ff]{2,15})?"
    r"[ \t]{0,3}:\s"
    r"|[\u0600-\u06ff]{2,15}(?: [\u0600-\u06ff]{2,15})?:[ \t]{1,3}(?=[\u0600-\u06ff]))"
)


#: Title-case datelines before a dash: "Бишкек — ", "Душанбе — ", "Kabul – ".
_DATELINE_PLACE_TITLE = re.compile(
    r"[ \t\n]{0,5}[A-ZА-ЯЁ][^\W\d_]{2,25}(?:[ -][A-ZА-ЯЁ][^\W\d_]{2,25}){0,2}"
    r"(?:[ \t]{0,3}(?:\([^)\n]{1,30}\))?[ \t]{1,3}(?:—|–)\s"
    # AP's title-case "Maputo, Mozambique – Reports of more than 50 beheadings ..."
    r"|,[ \t]{1,3}[A-Z][^\W\d_]{2,25}(?:[ -][A-Z][^\W\d_]{2,25}){0,2}[ \t]{1,3}(?:—|–)\s"
    # the Portuguese and Spanish wires' "Kano (Nigéria) - Pelo menos quatro fiéis ..."
    r"|[ \t]{0,3}\([^)\n]{1,30}\)[ \t]{1,3}-{1,2}[ \t]"
    # the Indian agencies' "Peshawar, Jul 20 (PTI) Four policemen were killed ..."
    # ... and EFE's "Cairo, Oct 16 (EFE).- Islamic State claimed ..."
    # ... and ANI's "Islamabad [Pakistan], January 31 (ANI): The toll ..."
    r"|(?:[ \t]{0,3}\[[^\]\n]{1,30}\])?"
    r",[ \t]{1,3}[A-Z][a-z]{2,8}\.?[ \t]{1,3}\d{1,2}[ \t]{1,3}\([A-Z][A-Za-z/ ]{1,20}\)"
    r"(?:\.?-{1,2}|\.?[ \t]?[—–]|:)?\s"
    # EFE's and ANSA's day-first "Niamey, 16 may (EFE).- El grupo ..."
    r"|,[ \t]{1,3}\d{1,2}[ \t]{1,3}[a-zé]{3,10}\.?[ \t]{1,3}\([A-Z][A-Za-z/ ]{1,20}\)"
    r"(?:\.?-{1,2}|\.?[ \t]?[—–]|:)?\s"
    # Russian agencies' "Дакка, 24 октября. Боевики ..."
    r"|,[ \t]{1,3}\d{1,2}[ \t]{1,3}[а-яё]{3,8}\.\s"
    # "Jakarta: A suicide bomber launched an attack on the Medan City police headquarters"
    r"|:[ \t]{1,3}(?=[A-ZА-ЯЁ]))"
)


def _dateline_place(
    drafts: list[_Draft], text: str, places: _Places, entities: Sequence[Entity]
) -> None:
    """ "МОСКВА, 29 марта. Москвичи приносят цветы на станции, где ровно год назад ...": the
    lead event, when the text names no place for it but its country, took place where the
    report was filed (a city of that country; a dateline country says too little), unless a
    caption or headline before the dateline names a place of that country: "... bodies at a
    quarry in Mandera, Kenya ... NAIROBI, Kenya | The heavily armed men ..." is Mandera."""
    if not drafts or any(p.kind != "country" for p in drafts[0].places):
        return
    start, end = _dateline_place_span(text)
    if not end:
        return
    countries = {p.country_name or p.entity.name for p in drafts[0].places}
    before = next(
        (
            other for e in entities
            if e.type == "place" and e.end <= start
            and (other := places.info(e)).kind in ("city", "district", "province")
            and (not countries or other.country_name in countries)
            and _scene_place(text, e, other.kind)
        ),
        None,
    )  # fmt: skip
    if before is not None:
        drafts[0].places.append(before)  # appended: the anchor tally reads new places only
        return
    found = [e for e in entities if e.type == "place" and start <= e.start and e.end <= end]
    # "SOLINGEN, Germany (AP) —": the city, with or without its country
    cities = [info for e in found if (info := places.info(e)).kind == "city"]
    if len(cities) == 1 and len(found) - 1 <= sum(
        places.info(e).kind == "country" for e in found
    ):
        info = cities[0]
        if not countries or countries == {info.country_name}:
            drafts[0].places.append(info)


#: "the church in X", "a mosque in X": the building an attack report is about stands in X.
_BUILDING_IN = re.compile(
    r"\bthe\s+(?:church|mosque|shrine|temple|gurdwara|synagogue|cathedral|school|hospital|"
    r"market|hotel|stadium|airport|police station|checkpoint)\s+in\s+$",
    re.IGNORECASE,
)
#: "The incident took place in ...": a sentence without an attack word that says where.
_TOOK_PLACE = re.compile(
    r"\b(?:took place|occurred|happened|unfolded)\b|(?<!\w)произош\w+|(?<!\w)случил\w+"
    r"|\b(?:tuvo lugar|ocurri[oó]|ocorreu|aconteceu|avvenut[oa]|si è verificat[oa]|a eu lieu"
    r"|s'est produit\w*|est survenu\w*|ereignete sich|geschah|meydana geldi|yaşandı"
    r"|gerçekleşti)\b|(?<![\w\u0600-\u06ff])(?:رخ|روی) داد"
    # Tajik "рух додааст", "ба вуқӯъ пайваст"
    r"|(?<!\w)(?:рух дод\w*|ба вуқӯъ пайваст\w*)"
    # Uzbek "рўй берган", "sodir bo'ldi"
    r"|(?<!\w)(?:рўй бер\w*|ro['‘’ʻ]y ber\w*|содир бўл\w*|sodir bo['‘’ʻ]l\w*)"
    # Pashto "رامنځ ته شوې ده" (came about), Persian "اتفاق افتاد" (happened)
    r"|(?<![\w\u0600-\u06ff])(?:رامنځ ?ته شو\w*|اتفاق افتاد\w*)",
    re.IGNORECASE,
)


#: The attackers, or their targets under fire, in a sentence without an attack word: "the
#: attackers in the town of Mpeketoni spoke Somali", "gli aggressori hanno preso il controllo
#: della base di Bosle", "a patrol in Nowshera came under fire" also say where it happened.
_SCENE_ACTOR = re.compile(
    r"\b(?:attackers|assailants|gunmen|came under (?:fire|attack)|aggressori|assalitori|"
    r"assaillants|atacantes|agresores|angreifer|selbstmordattentäter\w*|"
    # "un poste militaire dans le département de Ouallam a été visé" (was targeted)
    r"(?:a|ont) été (?:visée?s?|ciblée?s?|pris pour cible))\b"
    r"|(?<!\w)нападавш\w+",
    re.IGNORECASE,
)
#: A dateline that is only a date: "August 1: The terrorist group ... has claimed", "12 марта —";
#: or a first line that is only the page's date ("29 septembre 2017", "Published 2020-08-27").
_DATELINE_DATE = re.compile(
    r"[ \t\n]{0,5}(?:(?i:date|published|updated|posted|publié le|publicado|pubblicato)"
    r"[ \t]{0,3}:?[ \t]{0,3})?"
    r"(?:(?:[A-ZА-ЯЁ][a-zа-яё]{2,8}\.? {1,3}\d{1,2}|\d{1,2} [A-Za-zА-ЯЁа-яёéèûô]{3,9})"
    r"(?:, {0,3}\d{4})?[ \t]{0,3}(?:—|–|-{1,2}|:)\s"
    # a line that is only the page's date: "29 septembre 2017", "date 2020-08-27 Maputo —"
    r"|(?:\d{1,2} [A-Za-zА-ЯЁа-яёéèûô]{3,9},? \d{4}|[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}"
    r"|\d{4}-\d{2}-\d{2})[ \t]*(?:\n|(?= [A-Z][\w-]+(?: [A-Z][\w-]+)? [—–-] ))"
    # a page's labelled date before its first words: "date 2025-09-06 El grupo yihadista"
    r"|(?<=[a-z:] )\d{4}-\d{2}-\d{2}(?= ))"
)


def _dateline_date_span(text: str) -> tuple[int, int]:
    """Where a dateline at the top of ``text`` starts and ends ((0, 0): none): a date in it
    is the report's, not the attack's (a headline's date before it stays)."""
    m = _DATELINE_DATE.match(text)
    return (0, m.end()) if m else _dateline_place_span(text)


def _dateline_place_span(text: str) -> tuple[int, int]:
    """Where a news dateline near the top of ``text`` starts and ends ((0, 0): none): at the
    start of the text or of one of its first lines, after a headline or a photo caption
    ("Daesh Claims Deadly Mosque Attack in Oman\\n\\nTEHRAN (Tasnim) – At least six ...")."""
    for pos in _top_line_starts(text):
        m = (
            _DATELINE_PLACE.match(text, pos)
            or _DATELINE_PLACE_ARAB.match(text, pos)
            or _DATELINE_PLACE_TITLE.match(text, pos)
        )
        if m and not _NOT_DATELINE.match(text, pos):
            return pos, m.end()
    return 0, 0


#: Capitalised labels of web pages that look like datelines ("READ ALSO: ...").
_NOT_DATELINE = re.compile(
    r"\s*(?:READ|ALSO|SEE|WATCH|RELATED|PHOTO|PHOTOS|VIDEO|UPDATE|UPDATED|BREAKING|EXCLUSIVE|"
    r"ADVERTISEMENT|SPONSORED|LIVE|OPINION|EDITORIAL|ANALYSIS|LIRE|LEER|LEIA|LEGGI|LESEN|"
    # a page's labels: "Source: Xinhua| 2017-12-09 17:44:41|Editor: ..."
    r"Source|Sources|Editor|Photo|Published|Updated|Posted|Quelle|Fuente|Источник|"
    r"ЧИТАЙТЕ|СМОТРИТЕ|ФОТО|ВИДЕО)\b"
)


def _top_line_starts(text: str, chars: int = 600, lines: int = 6) -> Iterator[int]:
    yield 0
    pos = text.find("\n", 0, chars)
    while pos != -1 and lines > 0:
        if text[pos + 1 : pos + 2].strip():
            yield pos + 1
            lines -= 1
        pos = text.find("\n", pos + 1, chars)


def _dateline(spans: list[tuple[int, int]], dates: list[DateValue]) -> date | None:
    """The date of a short line near the top that is mostly a date (a dateline)."""
    for start, end in spans[:8]:
        if end - start > 60:
            continue
        for d in dates:
            if (
                start <= d.start
                and d.end <= end
                and d.resolution == "explicit"
                and _precision(d) == 3
            ):
                return _to_date(d.value)
    return None


#: "the camp, near the border with Mali", "from neighbouring Mali", "на границе с Афганистаном",
#: "الحدود مع العراق", "مرز با پاکستان": the country across a border is a landmark.
_BORDER_WITH = re.compile(
    r"\b(?:border|frontier)s?\s+with\s+(?:the\s+)?$|\bfrom\s+neighbou?ring\s+$"
    r"|\b(?:frontière|frontera|fronteira|frontiera|grenze)\s+(?:avec|con|com|zu|mit)\s+"
    r"(?:l[ae']\s?)?$"
    r"|(?<!\w)границ\w*\s+с(?:о)?\s+$|(?<!\w)الحدود\s+مع\s+$|(?<!\w)مرز\s+(?:با|مشترک با)\s+$",
    re.IGNORECASE,
)
#: German "Radfahrer aus der Schweiz, den USA und den Niederlanden": where people are from.
_FROM_DE = re.compile(
    r"(?<!\w)aus (?:(?:der|den|dem) )?"
    r"(?:[^\W\d_][\w-]*(?:,| und| sowie) (?:(?:der|den|dem) )?){0,4}$"
)
#: "to overthrow the internationally backed government in Mogadishu": a seat of power.
_SEAT_OF = re.compile(
    r"\b(?:government|regime|administration|authorities)\s+in\s+$", re.IGNORECASE
)
#: A military unit or base named after a place: "قرارگاه منطقه‌ای قدس نیروی زمینی سپاه" (the
#: IRGC ground force's Quds regional headquarters), "لشکر ۴۱ ثارالله", "تیپ ...": the name
#: is the unit's, not where anything happened.
_UNIT_NAMED = re.compile(
    r"(?:قرارگاه|لشکر|تیپ|پادگان)(?:\s?\u200c?(?:منطقه\s?\u200c?ا?ی|عملیاتی|تاکتیکی))?\s+$"
)
#: Words right before a place (within so many characters) that make it no scene: a landmark
#: ("about 150 km south of Dushanbe", "south of Kabul", "جنوبي دمشق"), a motive ("to avenge
#: Muslims in Palestine"), where victims came from ("معظمهم من أبناء بلدتي ... في ريف إدلب") or
#: where they were going ("a train to travel to ... Rawalpindi").
_NOT_SCENE: tuple[tuple[re.Pattern[str], int], ...] = (
    (_DISTANCE_FROM, 40),
    (_DISTANCE_FROM_ROMANCE, 80),
    (_BEARING_FROM, 40),
    (_MOTIVE_BEFORE, 50),
    (_ORIGIN_BEFORE, 100),
    (_DESTINATION_BEFORE, 50),
    (_BIOGRAPHY_BEFORE, 40),
    (_JOINED_IN, 70),
    (_BACKER_BEFORE, 30),
    (_REPORTED_FROM, 110),
    (_TOWN_NEAR, 60),
    (_BORDER_WITH, 30),
    (_SEAT_OF, 40),
    (_FROM_DE, 70),
    (_UNIT_NAMED, 30),
)


#: A Turkic relative suffix ("-dagi", "-даги", "-daki", "-дагы": "the one in ...").
_RELATIVE_SUFFIX = re.compile(r"(?:[дтdt][аaeеыo][гgk][иiıы])$", re.IGNORECASE)


def _describes_group(text: str, ent: Entity, org_starts: set[int]) -> bool:
    """ "ИШИДнинг Афғонистондаги “Вилоят Хуросон” бўлими", "Afganistan'daki IŞİD": a place
    with a relative suffix right before a group's name says which branch, not where."""
    if not _RELATIVE_SUFFIX.search(ent.text):
        return False
    gap = re.match(r"[\s\"“”«»„']{0,3}", text[ent.end : ent.end + 3])
    return ent.end + (gap.end() if gap else 0) in org_starts


#: A place noun right before a quote mark: the quoted name is the place ("در شهر «پلخمری»",
#: "ولایت «بغلان»", "в городе «Кундуз»", "in the city of “Kunduz”").
_PLACE_NOUN_BEFORE_QUOTE = re.compile(
    r"(?:شهر|ولایت|استان|ولسوالی|منطقه|روستای|قریه|مدينة|محافظة|منطقة|город[еа]?|провинци[ия]|"
    r"city of|town of|village of|province of)\s*[\"«„“]$",
    re.IGNORECASE,
)


def _scene_place(text: str, ent: Entity, kind: str) -> bool:
    """False for places that describe someone or something rather than where it happened:
    "Tajikistan-born", "the Afghanistan branch", "based in Afghanistan", "Iran's president"."""
    if _ADJECTIVAL.match(text, ent.end) or _NAMED_AFTER.match(text, ent.end) or _BASED_IN.search(
        text[max(0, ent.start - 30) : ent.start]
    ):
        return False
    if any(rx.search(text, max(0, ent.start - window), ent.start) for rx, window in _NOT_SCENE):
        return False  # a landmark, a motive, a home town or a destination
    if _birth(text, ent.start, ent.end):
        return False  # "1995-жылы Ош шаарында туулган": where someone was born
    if _DISTANCE_AFTER.match(text, ent.end):
        return False  # "Maiduguri'ye 12 kilometre uzaklıkta bulunan Kayamla köyüne": a landmark
    if kind in {"city", "country", "province", "region"} and text[
        max(0, ent.start - 1) : ent.start
    ] in {'"', "«", "„", "“"} and not _PLACE_NOUN_BEFORE_QUOTE.search(
        text, max(0, ent.start - 14), ent.start
    ):
        # a quoted name: the bank "كابل الجديد" (New Kabul Bank), «Кабул-банк»; but "در شهر
        # «پلخمری»" (in the city of «Pul-e Khumri»), "в городе «...»" quote the place itself
        return False
    if _GIVEN_NAME_AFTER.match(text, ent.end):
        return False  # "Aden Ahmed Hersi" (a Somali official), not the Yemeni port
    if _BANK_AFTER.match(text, ent.end):
        return False  # "کابل بانک کندز" (the Kabul Bank branch in Kunduz), "Kabul Bank"
    if kind == "country" and _INSTITUTION_OF.search(text[max(0, ent.start - 40) : ent.start]):
        return False  # "МИД России", "посольства России", "the embassy of Russia"
    if kind == "country" and _TARGETED_BEFORE.search(text, max(0, ent.start - 30), ent.start):
        return False  # "l'attaque visait la Suède": the country aimed at, not where
    if kind == "country" and _BORDER_OF.search(text, max(0, ent.start - 12), ent.start):
        return False  # "در نقطه صفر مرزی پاکستان" (at the zero point of Pakistan's border)
    if kind == "country" and _INSTITUTION_AFTER.match(text, ent.end):
        return False  # "Кыргызстандын Улуттук коопсуздук ... комитети"
    if kind in {"city", "country"} and (
        _SPEAKS_AFTER.match(text, ent.end)
        or _SPEAKS_BEFORE.search(text, max(0, ent.start - 12), ent.start)
    ):
        return False  # "Washington said", "أعلنت موسكو مقتل": a government speaking
    if kind in {"city", "country"} and _condemning_subject(text, ent):
        return False
    possessive = ent.text.endswith(("'s", "’s")) or text.startswith(("'s", "’s"), ent.end)
    if possessive and kind in {"country", "region", ""}:
        nxt = text[ent.end : ent.end + 40].lstrip("'’s ")
        return bool(_GEO_NOUN.match(nxt)) or nxt[:1].isupper()
    return True


#: A country's border as a landmark: "مرز پاکستان", "مرزی پاکستان" (Pakistan's border).
_BORDER_OF = re.compile(r"(?<![\u0620-\u06ff])مرز(?:ی)?[\s\u200c]+$")
#: A country as what an attack aimed at: "l'attaque visait la Suède", "the attack targeted
#: Sweden", "el ataque iba dirigido contra España".
_TARGETED_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:visait|visaient|visant|vise|ciblait|ciblant|targeted|targeting|"
    r"aimed at|directed at|dirigido contra|dirigida contra|mirava|mirata a|richtete sich gegen)"
    r"\s+(?:la |le |l['’]|les |the |a |contra |gegen )?$",
    re.IGNORECASE,
)
#: A place name that is a person's first name, with a common given name and a surname after
#: it: "Aden Ahmed Hersi".
_GIVEN_NAME_AFTER = re.compile(
    r" (?:Ahmed|Ahmad|Mohamed|Mohammed|Muhammad|Mohamud|Ali|Hassan|Hussein|Abdi|Abdullahi|"
    r"Omar|Osman|Ibrahim|Yusuf|Abdirahman|Abdulkadir) [A-Z][a-z]+"
)
#: A bank named after a place: "Kabul Bank", "کابل بانک", "Кабул-банк".
_BANK_AFTER = re.compile(r"[\s\u200c-]?(?:بانک|بانک|Bank|bank|банк|Банк)(?![^\W\d_])")


#: A capital or country that speaks is its government, not a scene: "Moscow confirmed",
#: "Вашингтон заявил", "أعلنت واشنطن مقتل 12 عسكريا", "توعدت واشنطن".
_SPEAKS_AFTER = re.compile(
    r"\s+(?:has\s+|had\s+)?(?:said|says|confirmed|announced|denied|vowed|warned|blamed|accused|"
    r"condemned|claimed|insisted|stated|responded)\b"
    r"|\s+(?:заявил\w*|сообщил\w*|подтвердил\w*|объявил\w*|обвинил\w*|осудил\w*|пообещал\w*)"
)
_SPEAKS_BEFORE = re.compile(
    r"(?<!\w)[وف]?(?:أعلنت|اعلنت|أعلن|اعلن|قالت|أكدت|اكدت|ذكرت|نفت|اتهمت|توعدت|أدانت|ادانت)\s+$"
)


def _condemning_subject(text: str, ent: Entity) -> bool:
    """ "Бишкек Мазари-Шариф шаарындагы мечитте ... жардырууну айыптап": a capital or country
    opening the sentence whose clause condemns the attack is the government, not the scene."""
    if not _OPENS_SENTENCE.search(text, max(0, ent.start - 3), ent.start):
        return False
    verb = _CONDEMNS.search(text, ent.end, min(len(text), ent.end + 200))
    return verb is not None and not _CLAUSE_END.search(text, ent.end, verb.start())


_OPENS_SENTENCE = re.compile(r"(?:^|[.!?]\s|\n)\s*$")
#: Condemning: "condemned", "осудил", "айыптап", "qoraladi", "kınadı", "محکوم کرد", "أدان".
_CONDEMNS = re.compile(
    r"(?<![^\W\d_])(?:condemn\w*|осуди\w*|осужда\w*|айыпта\w*|qorala\w*|қорала\w*|"
    r"kına\w*|маҳкум\w*|محکوم|أدان\w*|ادان\w*|يدين|تدين|verurteil\w*|condann\w*|"
    r"condamn\w*|conden\w*)",
    re.IGNORECASE,
)


def _valid_date(d: DateValue) -> bool:
    parts = d.value.split("-")
    if not parts or not parts[0].isdigit() or not 1000 <= int(parts[0]) <= 2200:
        return False
    if len(parts) == 3:
        return _to_date(d.value) is not None
    return len(parts) < 3 and all(p.isdigit() for p in parts)


def _attribute(figures: list[_Fig], attributions: list[_Attribution]) -> None:
    """Give each figure the source the sentence names for it (see module docstring)."""
    if not attributions:
        return
    for fig in figures:
        pos = fig.anchor
        candidates: list[tuple[int, _Attribution]] = []
        after = [a for a in attributions if a.start >= fig.figure.end and a.direction == "back"]
        if after:
            a = after[0]
            between = [b for b in attributions if fig.figure.end <= b.start < a.start]
            if not between:
                candidates.append((a.start - fig.figure.end, a))
        before = [a for a in attributions if a.end <= fig.figure.start and a.direction == "fwd"]
        if before:
            a = before[-1]
            between = [b for b in attributions if a.end <= b.start and b.end <= fig.figure.start]
            if not between:
                candidates.append((pos - a.end, a))
        if not candidates and len(attributions) == 1:
            candidates.append((0, attributions[0]))
        if candidates:
            source = min(candidates, key=lambda c: c[0])[1].source
            fig.figure = Figure(
                fig.figure.value,
                fig.figure.qualifier,
                fig.figure.text,
                fig.figure.start,
                fig.figure.end,
                source,
            )


def _units(s: _Sentence, places: _Places, reader: _Reader) -> list[_Unit]:
    """Split a trigger sentence into units (usually one)."""
    triggers = s.triggers

    def nearest(pos: int, prefer_after: bool = False) -> int:
        best, best_d = 0, float("inf")
        for i, t in enumerate(triggers):
            if t.start <= pos < t.end:
                return i
            d = float(pos - t.end if pos >= t.end else t.start - pos)
            if prefer_after and pos < t.start:
                gap = reader.text[pos : t.start]
                compound = len(gap.split()) <= 3 and not re.search(r"[,;:.()،؛]", gap)
                d = d / 3 if compound else d * 1.5  # "the Beslan school massacre"
            elif prefer_after and not re.search(r"[,;:.()،؛]", reader.text[t.end : pos]):
                d = d / 2  # "the suicide attack in a Shiite mosque in Afghanistan's Kunduz"
            if d < best_d:
                best, best_d = i, d
        return best

    per: list[_Unit] = [_Unit(s.index, [t]) for t in triggers]
    # "A car bomb exploded ...": attack words side by side are one mention for how far a date
    # may be from it
    single = all(
        not reader.text[a.end : b.start].strip(" -") and b.start - a.end <= 3
        for a, b in itertools.pairwise(triggers)
    )
    # a date at the start of the sentence dates all its attacks, unless it qualifies the noun
    # right after it: "ISKP claimed the August 2021 bombing ... and the October 2022 shooting"
    sentence_initial = [
        d for d in s.dates
        if d.start - s.start <= 25 and not any(
            0 <= t.start - d.end <= 12
            and not re.search(r"[,;:.()،؛]", reader.text[d.end : t.start])
            for t in triggers
        )
    ]  # fmt: skip
    for d in s.dates:
        i = nearest(d.start)
        t = triggers[i]
        dist = d.start - t.end if d.start >= t.end else t.start - d.end
        if d in sentence_initial and len({t.foiled for t in triggers}) == 1:
            if len(d.value) == 10 and _claim_date(reader, s, d):
                # "The Islamic State group yesterday claimed ... a suicide bombing" (a year or
                # a month covers both the claim and the attack)
                continue
            for u in per:
                if u.triggers[0].reference and d.resolution == "weekday":
                    continue
                if (
                    reader.date_is_local(d, u.triggers[0])
                    and not _report_date(reader.text, d, u.triggers[0], reach=60)
                    and not _since_date(reader.text, d, u.triggers[0])
                    and not _other_fact_date(reader.text, d)
                ):
                    u.dates.append(d)
            continue
        # one trigger: a date before it may be far (verb-final fa/tr/uz...), one after it not
        # ("... near the tomb of Soleimani, killed in 2020")
        limit = 45 if t.anaphoric else (250 if single and d.end <= t.start else 90)
        if single and not t.anaphoric and d.resolution == "weekday":
            limit = 200  # "Two explosions tore through a crowd marking ... on Wednesday"
        if any(
            u.end <= min(t.end, d.start) and d.start - u.end <= 300
            and _WHICH_OCCURRED.match(reader.text, u.end)
            and not re.search(r"[;:.!?؛]", reader.text[u.end : d.start])
            for u in triggers
        ):
            # "injured in the attack, which occurred when an explosive device was detonated at
            # the gathering ... in the Bajaur tribal district ... on Sunday"
            limit = 300
        elif t.anaphoric and t.end <= d.start and not re.search(
            r"[,;:.()،؛]", _ABBREVIATION.sub("", reader.text[t.end : d.start])
        ):
            limit = 90  # "the attack on the Jaffar Express train in Bolan on 11 March 2025"
            if _RELATIVE_AFTER.match(reader.text, t.end):
                # "the attack that targeted the St. Peter and St. Paul Church which left 25
                # dead and 49 injured during mass on Sunday"
                limit = 160
        elif (
            single and t.end <= d.start and d.start - t.end <= 160
            and not re.search(r"[;:.!?؛]", reader.text[t.end : d.start])
            and _TOOK_PLACE.search(reader.text, t.end, d.start)
        ):
            limit = 160  # "The massacre in Solhan, northern Burkina Faso, took place ... in June"
        elif single and t.end <= d.start and not re.search(
            r"[,;:.()،؛]", _LIST_COMMA.sub(" ", reader.text[t.end : d.start])
        ):
            # one clause: "A suicide bombing struck an education center in a predominantly
            # Shi'ite neighborhood of the Afghan capital on September 30, killing 19"; a list's
            # commas end none: "attacks on Orthodox churches, synagogues, and a police station
            # in Derbent and Makhachkala on Sunday, June 23"
            limit = 160
        if t.reference and d.resolution == "weekday":
            continue  # "the anniversary of the bombing" on Saturday: not the bombing's day
        if (
            dist <= limit
            and reader.date_is_local(d, t)
            and not _since_date(reader.text, d, t)
            and not _claim_date(reader, s, d)
            and not _report_date(reader.text, d, t, reach=60)
            and not _birth(reader.text, d.start, d.end)
            and not _other_fact_date(reader.text, d)
        ):
            per[i].dates.append(d)
    # "حمله انتحاری" (a suicide attack): adjacent attack words are one phrase, one trigger
    one_phrase = all(triggers[k].start - triggers[k - 1].end <= 2 for k in range(1, len(triggers)))
    for ent in s.places:
        i = nearest(ent.start, prefer_after=True)
        t = triggers[i]
        if t.anaphoric and not _near_anaphor(reader.text, t, ent):
            continue  # "the attack" takes "in Shiraz" after it, not a place named earlier
        far = 250 if reader.language in _VERB_FINAL and one_phrase else 80
        if one_phrase and _OPENING_IN.fullmatch(reader.text, s.start, ent.start):
            far = 250  # "In Burkina Faso, nella provincia di Gourma, ... in un attacco"
        if ent.end <= t.start and t.start - ent.end > far:
            continue  # "... faction in Syria and Iraq claimed ... the deadliest attack"
        per[i].places.append(places.info(ent))
    for fig in s.figures:
        owner = _relative_owner(reader.text, triggers, fig.figure.start)
        if owner is None:
            owner = _clause_owner(reader.text, triggers, fig.figure.start, fig.figure.end)
        per[nearest(fig.anchor) if owner is None else owner].figures.append(fig)
    for claim in s.claims:
        owner = nearest(claim.pos)
        if len(triggers) > 1 and _SERIES_OF.search(
            reader.text, max(0, triggers[owner].start - 40), triggers[owner].start
        ):  # "the latest in a string of attacks claimed by ISKP": this one is claimed too
            series = owner
            owner = min(
                (i for i in range(len(triggers)) if i != series),
                key=lambda i: abs(triggers[i].start - triggers[series].start),
            )
        per[owner].claims.append(claim)
        for j in range(owner + 1, len(triggers)):  # "claimed the 2021 bombing ..., and the
            adjacent = triggers[j].start - triggers[j - 1].end <= 2  # "تفجيرين انتحاريين"
            if not adjacent and not _COORDINATED_OBJECT.search(  # October 2022 shooting ..."
                reader.text, max(0, triggers[j].start - 60), triggers[j].start
            ):
                break
            per[j].claims.append(claim)
    for perp in s.perps:
        per[nearest(perp[0])].perps.append(perp)
    for target in s.targets:
        per[nearest(target[0])].targets.append(target)
    for u in per:
        t = u.triggers[0]
        # "Une autre attaque a été menée ... à Tounté le 02 décembre", "Another attack was
        # carried out in Arbinda on 2 December": another attack, with its own day, is one
        # "the Aktobe shootings were a spate of three attacks ... in Aktobe, Kazakhstan on 5
        # June 2016": a shooting, or attacks counted, with a day and a town of their own are
        # an attack without a word of violence
        dated_town = (
            not t.reference
            # not "the team's attack", nor a blast that may be an accident; but "a spate of
            # three attacks", "coordinated attacks"
            and any(
                x.type not in ("attack", "bombing")
                or _ATTACKS_COUNTED.search(reader.text, max(0, x.start - 30), x.start)
                for x in u.triggers
            )
            and any(_precision(d) >= 3 and d.resolution != "weekday" for d in u.dates)
            and any(p.rank >= 4 for p in u.places)
        )
        u.can_open = t.strong or s.context or t.foiled or (
            (t.another or dated_town) and bool(u.dates) and bool(u.places)
            and not _EXPECTED.search(reader.text, s.start, t.start)
        )
    # merge neighbouring triggers ("was attacked by two bomb explosions"); others go to the
    # grouper one by one, so "the attack ... since the Beslan school siege in 2004" stays apart
    units: list[_Unit] = []
    for u in per:
        prev = units[-1] if units else None
        if (
            prev is not None
            and not u.triggers[0].reference
            and u.triggers[0].start - prev.triggers[-1].end <= 30
            and not re.search(r"[;:()]", reader.text[prev.triggers[-1].end : u.triggers[0].start])
            and _same_unit(u, prev, places)
        ):
            _merge(prev, u)
        else:
            units.append(u)
    units = _since_when_units(_offset_units(units, s, reader), s, reader)
    units = _separate_units(units, s, reader)
    out: list[_Unit] = []
    for u in units:
        _drop_contradicted_weekdays(u)
        for part in _split_countries(u, reader.text):
            out.extend(_split_cities(part, reader))
    return out


def _drop_contradicted_weekdays(unit: _Unit) -> None:
    """A weekday resolved from the document date that a written month or day of the same
    attack contradicts is not its day: "in October 2021, ... explosions hit a mosque in
    Kandahar during the Friday prayers", read in April 2022."""
    written = [d for d in unit.dates if d.resolution == "explicit" and _precision(d) >= 2]
    if written:
        unit.dates = [
            d for d in unit.dates
            if d.resolution != "weekday" or all(d.value.startswith(w.value) for w in written)
        ]  # fmt: skip


#: "came exactly a week after", "two days before": an offset from the reported event.
_OFFSET = re.compile(
    r"\b(?:exactly |just |only |nearly |almost |barely )?(?P<n>a|one|two|three|four|five|six|"
    r"\d{1,2}) (?P<unit>days?|weeks?) (?P<dir>after|before)\s+(?P<head>an?|the|\d[\d,]*)\s",
    re.IGNORECASE,
)
_SMALL = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


#: "since 15 January 2018, when ...", "منذ 15 كانون الثاني 2018، عندما ...", "с 2010 года,
#: когда ...": the words before the date and after it (original text).
_SINCE_BEFORE = re.compile(r"(?:\bsince|منذ|\bс|\bсо)\s+$", re.IGNORECASE)
_WHEN_AFTER = re.compile(
    r"\s*[,،]?\s*(?:when|cuando|quand|lorsque|quando|als|когда|عندما|حين|حينما|وقتی)(?!\w)",
    re.IGNORECASE,
)


#: "since", as the start of a period the attack is measured against.
_SINCE_WORD = re.compile(
    r"(?<!\w)(?:since|depuis|desde|seit|dal|dalla|dall['’]|с тех пор как|со времени|с момента|"
    r"منذ|از زمان)(?!\w)",
    re.IGNORECASE,
)


#: "since" written after the date: Pashto "راهیسې", Turkish "'den beri", "bu yana", Uzbek
#: "buyon", Kyrgyz "бери", Tajik "инҷониб", Persian "به این سو".
_SINCE_AFTER = re.compile(
    r"(?:['’]?(?:d[ae]n|t[ae]n|dan|дан|тан))?\s*(?:\S+\s+)?"
    r"(?:راهیسې|راهيسې|راهیسی|beri|bu yana|buyon|буён|бери|инҷониб|به این سو|به اینسو)(?!\w)"
)


#: A count's rise just before a date: "The death toll ... rose to 45 on Monday", "число
#: погибших выросло до 22 в понедельник".
#: A toll's rise, in English and Russian (the words both patterns below read).
_ROSE_EN = r"rose|risen|climbed|increased|jumped"
_ROSE_RU = r"выросл|возросл|увеличил"
_TOLL_ROSE_BEFORE = re.compile(
    rf"(?:\b(?:{_ROSE_EN}|reached|hit|stood at|stands at)\s+(?:to\s+)?"
    rf"|(?<!\w)(?:{_ROSE_RU}|достиг)\w*\s+(?:до\s+)?)"
    r"(?:at least\s+|more than\s+)?\d[\d,]*(?:\s+(?:people|persons|человек))?"
    r"\s+(?:on|by|в|во)?\s*$",
    re.IGNORECASE,
)
#: A toll that rose, anywhere in a sentence: the report is an update, days after the attack.
_TOLL_UPDATE = re.compile(
    rf"\b(?:{_ROSE_EN}|gestiegen|angestiegen|erhöht|s['’]élève|salito|aumentado|ascendido|"
    r"subido|yükseldi)\b"
    rf"|(?<!\w)(?:{_ROSE_RU}|ارتفع|افزایش|афзоиш|ortdi|ошти|өстү)\w*",
    re.IGNORECASE,
)


#: The commas of a list of nouns: "churches, synagogues, and a police station".
_LIST_COMMA = re.compile(
    r",(?=\s+(?:and|or)\s)|,(?=\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?\s*(?:,|\s(?:and|or)\s))"
    r"|(?<=day),(?=\s*$)"  # "on Sunday, June 23": the weekday before the date read
)
#: Abbreviations whose dot ends no clause: "the St. Peter and St. Paul Church".
_ABBREVIATION = re.compile(r"\b(?:St|Mt|Dr|Mr|Mrs|Gen|Col|Lt|Sgt|Capt|Jr|Sr|Ft)\.")
#: A relative clause right after an attack word: "the attack that targeted ...".
_RELATIVE_AFTER = re.compile(r"\s+(?:that|which)\s", re.IGNORECASE)
#: A relative clause of when an attack happened: "the attack, which occurred when ...".
_WHICH_OCCURRED = re.compile(
    r",?\s*(?:which|that)\s+(?:occurred|took place|happened|was carried out)\b", re.IGNORECASE
)


#: A town's capture right before a date: "the city that government forces recaptured last
#: month", "which the group seized in 2014".
_CAPTURE_BEFORE = re.compile(
    r"\b(?:that|which|after)\s+(?:[\w'’-]+\s+){0,4}?(?:recaptured|retook|captured|seized|"
    r"liberated|took control of|overran)\s+(?:(?:it|the city|the town|the area)\s+)?"
    r"(?:in|on|since)?\s*$",
    re.IGNORECASE,
)


def _other_fact_date(text: str, d: DateValue) -> bool:
    """Whether ``d`` dates another fact, not the attack: a rise of the toll ("the death toll
    from a suicide bombing at a political rally rose to 45 on Monday": the rally was on
    Sunday), a town's capture ("the city that government forces recaptured last month")."""
    lo = max(0, d.start - 60)
    return (
        _TOLL_ROSE_BEFORE.search(text, lo, d.start) is not None
        or _CAPTURE_BEFORE.search(text, lo, d.start) is not None
        or _VICTIMS_FUNERAL.search(text, max(0, d.start - 40), min(len(text), d.end + 40))
        is not None
    )


#: The victims' funeral: "a assisté hier à l’enterrement des victimes de l’attentat", "the
#: funeral on Monday of those killed", "похороны погибших", "تشييع جثامين الضحايا". Not a
#: funeral that was attacked ("a suicide bomber struck a funeral on Sunday").
_VICTIMS_FUNERAL = re.compile(
    r"(?<!\w)(?:funerals?|burials?|enterrements?|obsèques|funérailles|funerales|funerais|"
    r"funerali|beerdigung\w*|beisetzung\w*|похорон\w*|cenaze\w*|تشييع|جنازة)\s+"
    r"(?:\w+\s+){0,3}?(?:of\s+(?:the\s+)?(?:victims|those killed|the dead)|des\s+victimes|"
    r"de\s+las\s+víctimas|das\s+vítimas|delle\s+vittime|der\s+opfer|погибших|жертв|"
    r"(?:جثامين\s+)?(?:الضحايا|الشهداء|القتلى))",
    re.IGNORECASE,
)


def _since_date(text: str, d: DateValue, t: _Trigger | None) -> bool:
    """Whether ``d`` dates the start of a period, not the attack ``t``: "the first attack on a
    diplomatic mission since the Taliban returned to power in August 2021", "depuis le retour
    au pouvoir des Taliban en août 2021". Not when the attack word itself follows "since"
    ("since the bombing of 3 May": that bombing's date)."""
    if _SINCE_AFTER.match(text, d.end):
        return True  # "د ۲۰۲۱ کال د اګست میاشتې راهیسې", "Ağustos 2021'den beri"
    window_start = max(0, d.start - 70)
    found = list(_SINCE_WORD.finditer(text, window_start, d.start))
    if not found:
        return False
    since = found[-1]
    if re.search(r"[.;:!?]", text[since.end() : d.start]) or _WHEN_AFTER.match(text, d.end):
        return False  # "since 11 March 2004, when 191 people died": that attack's date
    return t is None or not since.end() <= t.start < d.start


def _since_when_units(units: list[_Unit], s: _Sentence, reader: _Reader) -> list[_Unit]:
    """ "the first major bombing in Baghdad since 15 January 2018, when at least 38 people
    were killed in twin suicide bombings in the same square": what follows "when" is the
    earlier attack, on that date."""
    if len(units) < 2:
        return units
    for d in s.dates:
        if _precision(d) < 2 or not _SINCE_BEFORE.search(reader.text, max(0, d.start - 8), d.start):
            continue
        when = _WHEN_AFTER.match(reader.text, d.end)
        if when is None:
            continue
        after = [u for u in units if u.triggers[0].start >= when.end()]
        if after and len(after) < len(units):
            return _earlier_event(units, after, [d], 0, (d.start, d.end, d.text))
    return units


#: "On the same day a suicide bomber struck a funeral in Kuz Kunar", "In a separate attack",
#: "Separately, ...": another attack than the one the text is about.
_SEPARATE = re.compile(
    r"\s*(?:(?:On|on) (?:the )?same day|The same day|(?:In|in) (?:a )?separate (?:attack|incident)"
    r"|(?:In|in) another (?:attack|incident)|Separately|Elsewhere)\b,?"
)


def _separate_units(units: list[_Unit], s: _Sentence, reader: _Reader) -> list[_Unit]:
    """A sentence that opens with "On the same day" or "In a separate attack" reports another
    attack: its own event, on the day of the current one unless it gives its own date."""
    if reader.language != "en" or not units or any(u.offset_days is not None for u in units):
        return units
    m = _SEPARATE.match(reader.text, s.start)
    if m is None:
        return units
    explicit = [d for u in units for d in u.dates if d.resolution == "explicit"]
    out = _earlier_event(units, units, explicit, 0, (m.start(), m.end(), m.group().strip(" ,")))
    out[-1].new_topic = True
    return out


def _earlier_event(
    units: list[_Unit], after: list[_Unit], dates: list[DateValue], days: int,
    span: tuple[int, int, str],
) -> list[_Unit]:
    """``units`` with those in ``after`` merged into one earlier event of its own, with
    ``dates``, ``days`` after the current event (see ``_Grouper._add_offset``)."""
    merged = after[0]
    for u in after[1:]:
        _merge(merged, u)
    merged.dates = dates
    merged.offset_days = days
    merged.offset_span = span
    return [u for u in units if u not in after] + [merged]


def _offset_units(units: list[_Unit], s: _Sentence, reader: _Reader) -> list[_Unit]:
    """ "The bombing came exactly a week after an Islamic State suicide bomber killed at least
    46 people at a mosque in Kunduz during Friday prayers": everything after the offset is one
    earlier event, dated from the one before it (its own weekday is not a date of its own)."""
    if reader.language != "en" or not units:
        return units
    m = _OFFSET.search(reader.text, s.start, s.end)
    if m is None:
        return units
    if len(units) == 1:  # "The assault came just a week after a suicide attack ..."
        units = _split_unit(units[0], m.start(), m.start("head"))
    before = [u for u in units if u.triggers[-1].end <= m.start()]
    after = [u for u in units if u.triggers[0].start >= m.start("head")]
    if not before or not after or not before[-1].anaphoric:
        return units
    head = m.start("head")
    for u in before:  # "... a week after 55 people were killed in a suicide attack": theirs
        after[0].figures.extend(f for f in u.figures if f.anchor >= head)
        u.figures = [f for f in u.figures if f.anchor < head]
    n = m.group("n").lower()
    days = (_SMALL[n] if n in _SMALL else int(n)) * (7 if m.group("unit").lower()[0] == "w" else 1)
    # its own date ("on 9 October"), not a weekday (that is the current event's)
    explicit = [d for u in after for d in u.dates if d.resolution != "weekday"]
    text = m.group().rsplit(None, 1)[0]  # without the article after it
    return _earlier_event(
        units, after, explicit, -days if m.group("dir").lower() == "after" else days,
        (m.start(), m.start() + len(text), text),
    )


#: "the latest in a string of attacks claimed by ...": a series the reported attack is in.
_SERIES_OF = re.compile(
    r"\b(?:latest|last|newest|one|another)\s+(?:\w+\s+){0,2}in\s+an?\s+(?:\w+\s+)?"
    r"(?:string|series|wave|spate|chain|number|line)\s+of\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
#: An aside between a number and its verb (folded text): ", including 10 children,",
#: "(among them 3 police officers)", ", среди них 5 детей,".
_ASIDE_WORDS = (
    r"(?:including|among them|among whom|of whom|среди них|в том числе|بينهم|من بينهم|از جمله|"
    r"(?:shu )?jumladan|(?:шу )?жумладан|аз ҷумла|"
    # "Au moins 11 personnes, dont trois soldats, ont été tuées"
    r"dont|parmi (?:eux|elles|lesquels|lesquelles)|entre (?:ellos|ellas|eles|elas)|"
    r"incluid[oa]s|incluyendo|incluindo|entre os quais|tra cui|tra i quali|darunter|"
    r"unter ihnen)"
)
_ASIDE = re.compile(
    rf"(?:,\s*{_ASIDE_WORDS}\s[^,;.()]{{1,40}},|\(\s*{_ASIDE_WORDS}\s[^,;.()]{{1,40}}\))\s*"
    # Uzbek "284 kishi, jumladan, bolalar yaralangan" (284 people, children among them, were
    # wounded): the aside's one or two words run on to the verb
    r"|,\s*(?:shu\s+)?(?:jumladan|жумладан),\s*(?:[^\W\d_]+\s+){1,2}(?=[^\W\d_])"
    # Tajik "18 нафар, аз ҷумла чанд кӯдак кушта шуданд" (children among them) likewise
    r"|,\s*аз ҷумла\s+(?:[^\W\d_]+\s+){1,2}(?=[^\W\d_])"
    # ... and with its own count: "12 нафар, аз ҷумла 9 коргари чинӣ дар ... кушта шуд"
    r"|,\s*аз ҷумла\s+\d+\s+(?:[^\W\d_]+\s+){1,2}(?=[^\W\d_])"
)
#: Where an aside opens, between a number and the next number ("20 people, including ").
_ASIDE_OPENS = re.compile(
    rf"[,(]\s*{_ASIDE_WORDS}\s[^,;.()\d]{{0,20}}$"
    r"|\s(?:از جمله|شامل|بينهم|من بينهم|в том числе)\s+$",
    re.IGNORECASE,
)  # "۱۴۱ نفر از جمله ۱۳۲ دانش‌آموز": the aside needs no comma in Persian and Arabic
#: A Persian aside with no comma that lists several counts: "۱۱ غیر نظامی شامل ۵ کودک، ۵ زن و
#: یک مرد در انفجار ... کشته شده‌اند" (11 civilians, 5 children, 5 women and a man among them).
_FA_LIST_ASIDE = re.compile(r"\s(?:از جمله|شامل)\s[^.!?؟\n]{0,60}$")
#: Where such a list ends: at the locative that opens the cause, or at the verb.
_FA_LIST_END = re.compile(
    r"\s(?=(?:در|ط[یي]|ح[یي]ن|هنگام)\s)|\s(?=(?:[کك]شته|زخم[یي]|مجروح|جان)\w*)"
)  # original or folded letters: read on both


_FA_LIST_OPENS = re.compile(r"\sشامل\s")


def _fa_list_end(text: str, start: int, end: int, language: str) -> int | None:
    """Where a Persian list aside that opens right after ``start`` ("شامل ۵ کودک، ۵ زن و یک
    مرد") ends, or None when there is none (within 80 characters, no sentence end)."""
    if language not in ("fa", "prs"):
        return None
    # the list opens after the counted noun: "۱۱ غیر نظامی شامل ..."
    opener = _FA_LIST_OPENS.search(text, start, min(end, start + 40))
    if opener is None or re.search(r"\d", text[start : opener.start()]):
        return None
    stop = _FA_LIST_END.search(text, opener.end(), min(end, opener.end() + 80))
    if stop is None or re.search(r"[.!?؟\n]", text[opener.end() : stop.start()]):
        return None
    return stop.start()
#: Between a group and the larger group its appositive names: ", a faction of the ".
_APPOSITIVE_OF = re.compile(
    r"\)?(?:,\s+(?:a|an|the|one of the)\s+(?:[\w-]+\s+){0,2}(?:faction|factions|branch|branches|"
    r"wing|wings|offshoot|splinter group|affiliate|affiliates|arm|unit|cell|ally|allies)\s+"
    r"(?:of|to)\s+(?:the\s+)?"
    # ("the group linked to al-Qaeda": _LINKED_TO keeps such a group out of the claimants)
    # "JNIM, rama de la organización terrorista Al Qaeda", "GSIM, groupe terroriste affilié à",
    # "branche d'Al-Qaïda", "braço da", "ramo di"
    r"|,\s+(?:(?:la|el|une?|le|o|a|il)\s+)?(?:rama|filial|facción|brazo|branche|filiale|"
    r"faction|ramo|braço|fazione|costola|groupe|grupo|gruppo)\b[^,.;]{0,60}?"
    r"(?:\s(?:de|del|da|do|di|della|dello|des|du|à|a|al|ao|alla)|\sd['’]|\s(?:de|à)\sl['’])"
    r"\s*(?:(?:la|el|le|les|o|a|il)\s+)?(?:(?:organización|organisation|organização|"
    r"organizzazione|red|réseau|rede|rete)\s+(?:terrorista|terroriste|yihadista|djihadiste|"
    r"jihadista)\s+)?)"
    # Tajik "Гурӯҳи Ҳофиз Гул Баҳодур, як шохаи хурди “Толибон”-и Покистон": a small branch of
    r"|,\s+(?:як\s+)?(?:шохаи|ҷиноҳи|бахши)\s+(?:\w+\s+){0,2}?[“\"«]?",
    re.IGNORECASE,
)
#: Before a group named only as what another group is linked to: "the Somali Islamist group
#: linked to al-Qaeda, claimed", "um grupo rebelde ligado à Al Qaeda ... reivindicou", "groupe
#: terroriste affilié à Al-Qaïda": that group is not the claimant ("a website associated with
#: al-Shabab said it was responsible" is al-Shabab's own claim).
_LINKED_TO = re.compile(
    r"(?:(?:group|grupo|groupe|gruppo|gruppe|faction|facción|organi[sz]ation|organización|"
    r"organização|movement|movimiento|militants|rebels|insurgents|outfit|network|cell|branch|"
    r"affiliate|jihadistes|yihadistas|jihadistas)\w*(?:\s+[\w-]+){0,3}?,?\s+"
    # "JNIM, affiliated with al-Qaeda, has claimed": a participle right after a comma
    r"|[,(]\s*)"
    r"(?:(?:linked|tied|allied|affiliated|aligned|connected|loyal)\s+(?:to|with)|associated with"
    r"|(?:backed|inspired) by|(?:ligad|vinculad|afiliad|affiliat|legat|collegat)[oa]s?\s+"
    r"(?:à|a|ao|al|alla|all['’]|com|con)|(?:affilié|lié|proche)e?s?\s+(?:à|au|aux|de)"
    r"|nahe\w*|verbunden\w*\s+mit"
    # "Jamaat-ul-Ahrar, a splinter group of the banned Tehreek-i-Taliban Pakistan, claimed"
    r"|(?:an?\s+)?(?:splinter|breakaway|off-?shoot)\s+(?:group|faction|outfit)\s+of"
    r"|(?:an?\s+)?(?:offshoot|faction)\s+of"
    # "ISWA, la filial de Estado Islámico escindida de Boko Haram, ha reivindicado"
    r"|(?:escindid|disident|dissident|issu)[aoe]?s?\s+(?:de|del|d['’]|du|della|dello)"
    r"|abgespalten\w*\s+von)"
    r"\s+(?:the\s+|la\s+|l['’]\s?|el\s+)?(?:banned\s+|outlawed\s+|proscribed\s+)?$"
    # "حركة الشباب المرتبطة بتنظيم القاعدة", "گروه ... وابسته به القاعده" (a group, not an
    # outlet: "وكالة أعماق التابعة لتنظيم الدولة" is the group's own claim)
    r"|(?<!\w)[وف]?(?:ال)?(?:حركة|جماعة|تنظيم|فصيل|ميليشيا|مجموعة|گروه|جنبش)(?:\s+\S+){0,3}?\s+"
    r"(?:ال)?(?:مرتبط|تابع|موالي|مقرب|متحالف|منشق|وابسته|نزدیک)[ةه]?\s+"
    r"(?:ب|ل|لل|من\s+|مع\s+|عن\s+|به\s+|با\s+)?(?:تنظيم\s+|جماعة\s+|گروه\s+)?[«\"“]?$"
    # "JNIM, die mit Al-Qaida verbunden ist": a German relative clause names the other group
    r"|(?<!\w)(?:die|der|das|welche[rs]?)\s+mit\s+(?:der\s+|dem\s+|den\s+)?$"
    # "группировка X, являющаяся частью запрещенного в Пакистане движения «Техрик-и-Талибан»"
    r"|(?<!\w)(?:являющ\w+\s+частью|входящ\w+\s+в(?:\s+состав)?|связанн\w+\s+с|"
    r"аффилированн\w+\s+с|имеющ\w+\s+связ\w+\s+с|отколовш\w+\s+от)"
    r"(?:\s+[^\s.;!?]+){0,6}?\s*[«\"„]?$",
    re.IGNORECASE,
)
#: A group named as what another is linked to, as a compound modifier: "al-Qaida-linked".
_LINKED_AFTER = re.compile(
    r"(?:['’]s)?[\s-]?(?:linked|affiliated|aligned|allied|backed|inspired|tied)\b",
    re.IGNORECASE,
)
#: A subject that stands for a group named before: "It claimed", "The group later claimed".
_ANAPHORIC_SUBJECT = re.compile(
    r"(?<!\w)(?:It|it|The group|the group|The militants|The militant group|"
    r"The jihadist group|The affiliate)(?:\s+(?:has|had|have|also|later|quickly|swiftly|"
    r"then|soon|subsequently|reportedly))*\s+$"
    # Persian "این گروه پیش‌تر نیز مسئولیت ... را پذیرفته بود" ("this group had also ...")
    r"|(?<!\w)(?:ا[یي]ن|آن) گروه(?:\s+[\u0600-\u06ff\u200c]+){0,3}\s+$"
    # Russian "Также группировка взяла на себя ...", "Она взяла ..."
    r"|(?<!\w)(?:[Гг]руппировка|[Оо]рганизация|[Оо]на|[Оо]н)(?:\s+(?:также|затем|позже|"
    r"уже|тогда|ранее))*\s+$"
    # "Il gruppo jihadista ha rivendicato", "Le groupe a revendiqué", "El grupo yihadista
    # reivindicó", "O grupo reivindicou", "Die Terrormiliz hat sich ... bekannt"
    r"|(?<!\w)(?:[Ii]l gruppo|[Ll]e groupe|[Ee]l grupo|[Oo] grupo|[Ll]a milizia|[Dd]ie Gruppe|"
    r"[Dd]ie Terrormiliz|[Dd]ie Miliz)(?:\s+(?:jihadista|terroristico|islamista|djihadiste|"
    r"jihadiste|terroriste|yihadista|terrorista|jihadista|dschihadistische|islamistische))?"
    r"(?:\s+(?:ha|a|hat|también|aussi|anche|também|poi|ensuite|luego|depois))*\s+$"
)
#: After an outlet's name, the colon that makes it the speaker: "Amaq Agency: ...".
_LEAD_COLON = re.compile(r"[»\"”]?\s{0,2}[:：]\s")
#: An Arabic clause that goes on with the sentence's topic: "، وقد تبنى", "، كما تبنى".
_AR_CLAUSE_ON = re.compile(r"[،,]\s*(?:وقد|وكان قد|كما|ثم|و)\s*$")
#: Arabic puts the subject after the verb: "تبنى فيه التنظيم الهجوم" ("the organisation
#: claimed the attack in it").
_ANAPHORIC_SUBJECT_AFTER = re.compile(
    r"\s+(?:(?:فيه|فيها|عليه)\s+)?(?:التنظيم|الجماعة|المجموعة|الحركة)(?!\w)"
    # "Another such attack claimed by the terrorist group took place ..."
    r"|(?<=by)\s+the (?:terrorist |militant |jihadist |extremist |armed )?"
    r"(?:group|organi[sz]ation)\b"
)
#: A relative clause or participle after an attack noun: "..., which killed", ", killing".
_RELATIVE_TAIL = re.compile(r"(?:,\s*(?:which\s+|that\s+)?|\s(?:which|that|and)\s+)$")
_RELATIVE_HEAD = re.compile(r"(?:killed|killing|left|leaving|wounded|wounding|injured|injuring)\b")


def _clause_owner(text: str, triggers: Sequence[_Trigger], start: int, end: int) -> int | None:
    """A figure after one attack and before another, with a clause break only before the
    second, belongs to the first: "... bombings in Kerman that left about 90 dead, and the
    attack on Kabul airport ..."."""
    before = [i for i, t in enumerate(triggers) if t.end <= start]
    after = [i for i, t in enumerate(triggers) if t.start >= end]
    if not before or not after:
        return None
    prev, nxt = triggers[before[-1]], triggers[after[0]]
    if _CLAUSE_BREAK.search(text, end, nxt.start) and not _CLAUSE_BREAK.search(
        text, prev.end, start
    ):
        return before[-1]
    return None


def _relative_owner(text: str, triggers: Sequence[_Trigger], start: int) -> int | None:
    """The trigger a figure's relative clause hangs on: "the bombings in Kerman on 3 January
    2024, which killed 95 people, and the assault on ..." gives 95 to the bombings even though
    the assault is nearer. None when the figure is not worded so."""
    if not _RELATIVE_HEAD.match(text, start):
        return None
    before = [i for i, t in enumerate(triggers) if t.end <= start]
    if not before or not _RELATIVE_TAIL.search(text, max(0, start - 12), start):
        return None
    return before[-1]


def _near_anaphor(text: str, trig: _Trigger, ent: Entity) -> bool:
    """A place that can belong to "the attack": "the Shiraz attack", "the attack in Shiraz"."""
    if ent.end <= trig.start:
        return trig.start - ent.end <= 3
    gap = text[trig.end : ent.start]
    capital = _CAPITAL_APPOSITIVE.search(gap)
    if capital is not None:
        # "the attack ... in the capital of Burkina Faso, Ouagadougou": the capital's name
        gap = gap[: capital.start()]
    return len(gap) <= 150 and not _GAP_BREAK.search(gap)


_CAPITAL_APPOSITIVE = re.compile(
    r"\b(?:capital|capital city) of (?:the )?[^,;:.]{2,40}, $|(?<!\w)столиц\w* [^,;:.]{2,40}, $",
    re.IGNORECASE,
)


#: A clause break between an attack word and a place; not the period of "St." or "U.S.".
_GAP_BREAK = re.compile(r"[,;:،؛]|(?<!\bSt)(?<!\bMt)(?<!\bFt)(?<!\bDr)(?<![A-Z])\.")


#: The attack itself, named between a claim and a date or right after the date.
_ATTACK_NOUN = _rx(
    r"attacks?", r"bombings?", r"blasts?", r"assault", r"massacre", r"теракт\w*", r"нападени\w*",
    r"взрыв\w*", r"حمله\w*", r"انفجار\w*", r"هجوم\w*", r"الهجوم", r"تفجير\w*", r"hujum\w*",
    r"ҳужум\w*", r"ҳамла\w*", r"saldırı\w*", r"برید\w*", r"چاودن\w*", r"ataque\w*",
    r"atentado\w*", r"attacco", r"attacchi", r"attentat\w*", r"attaque\w*", r"anschlag\w*",
)  # fmt: skip
#: A comma or semicolon, Latin or Arabic-script: "... on 8 October 2021, and IS claimed it".
_CLAUSE_BREAK = re.compile(r"[,;،؛]")
#: "a Pakistani Taliban group", "an al-Qaeda faction" (the text around the name, split by |)
_VAGUE_GROUP = re.compile(r"(?:^|.*\s)an? \|\s(?:group|faction|splinter group|offshoot)\b.*",
                          re.IGNORECASE | re.DOTALL)
_PARENTHETICAL_DATE = re.compile(r"[,،] ?$")


_WEEKDAY_BEFORE = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+$")


#: A claim told as "announced ... its responsibility": the noun, and the verb before the date.
_RESPONSIBILITY_NOUN = re.compile(r"(?:مسؤولي|مسئولي|مسؤوليت|مسئولیت)")
_ANNOUNCED_BEFORE = re.compile(r"(?<![^\W\d_])(?:[وف]?(?:أعلن|اعلن|أعلنت|اعلنت))(?![^\W\d_])")


def _claim_date(reader: _Reader, s: _Sentence, d: DateValue) -> bool:
    """ "IS on Thursday claimed ...": the date of the claim, not of the attack."""
    for claim in s.claims:
        lo, hi = (d.end, claim.pos) if claim.pos >= d.end else (claim.pos, d.start)
        gap = reader.text[lo:hi]
        if claim.pos < d.start and (
            _ATTACK_NOUN.search(reader.fold_slice(lo, hi)[0])
            or _noun_after(reader.fold_slice(d.end, d.end + 40)[0], reader.text[d.start : d.end])
        ):
            # "claimed the Friday attack", "claimed Tuesday's double suicide bombing",
            # "مسئولیت حمله ... روز جمعه": the attack's date
            continue
        possessed = reader.language == "ps" and re.match(r"[\s)]*د\s", gap) is not None
        if (
            claim.pos >= d.end
            and not possessed
            and (
                _noun_dated(reader, d)
                or _ATTACK_NOUN.search(reader.fold_slice(d.end, claim.pos)[0])
            )
        ):
            # "في 21 شباط 2016 سلسلة تفجيرات تبناها": the bombings' date (but Pashto "د سه شنبې
            # په ورځ (سپټمبر ۳) د هغه ... برید مسئولیت ... واخیست": the attack is the claim's
            # possessed object, "that attack's responsibility", and the date the claim's)
            continue
        if claim.pos >= d.end:
            # "Today, Al-Qaeda in the Arabian Peninsula (AQAP) claimed": the claimant's name
            # between them does not count
            for org in reversed(reader.entities_in(lo, hi, ("organization",))):
                if lo <= org.start and org.end <= hi:
                    gap = gap[: org.start - lo] + gap[org.end - lo :]
            gap = re.sub(r"\(\w{0,12}\)", "", gap)
            # "On Thursday, January 4, Islamic State (ISIS) claimed": the weekday before
            weekday = _WEEKDAY_BEFORE.search(reader.text, max(0, d.start - 16), d.start)
            opening = d.start if weekday is None else weekday.start()
            if _sentence_opening(reader.text, opening):
                gap = gap.lstrip(" ,")  # "Today, AQAP claimed": the opening date's comma
            elif _PARENTHETICAL_DATE.search(reader.text, max(0, d.start - 3), d.start) and (
                not gap.strip(" ,،")
            ):
                # "أعلن تنظيم «داعش»، أول من أمس، مسؤوليته": a date set off by commas between
                # the claimant and its responsibility is the claim's
                gap = ""
        if len(gap) <= 30 and not _CLAUSE_BREAK.search(gap):
            return True
        if (
            claim.pos >= d.end
            and not gap.strip(" ,،")
            and _RESPONSIBILITY_NOUN.match(reader.text, claim.pos)
            and _ANNOUNCED_BEFORE.search(reader.text, s.start, d.start)
        ):
            # "وأعلن تنظيم داعش عبر حسابه على موقع تليجرام أمس الجمعة، مسؤوليته عن اغتيال"
            # (IS announced on its Telegram account yesterday, Friday, its responsibility)
            return True
    seg = reader.text[d.end : d.end + 16]
    return bool(re.match(r"\s*(?:claimed|claims|взял|заявил|تبن|اعلن)", seg)) and not _noun_dated(
        reader, d
    )


_MODIFIERS = re.compile(r"(?:[^\W\d_][\w-]*\s+){0,2}")


def _noun_after(after: str, date_text: str) -> bool:
    """An attack noun right after a date; after a possessive date, up to two words between
    ("Tuesday's double suicide bombing"; but "claimed on Tuesday the bombing" dates the
    claim)."""
    after = after.lstrip()
    if _ATTACK_NOUN.match(after):
        return True
    if not date_text.endswith(("'s", "’s")):
        return False
    words = _MODIFIERS.match(after)
    return bool(words and words.end() and _ATTACK_NOUN.match(after, words.end()))


def _noun_dated(reader: _Reader, d: DateValue) -> bool:
    """An attack noun right before ``d`` in its clause: "Ответственность за теракт в Кундузе
    8 октября взял на себя ...", where the date is the attack's, not the claim's."""
    before, _ = reader.fold_slice(max(0, d.start - 40), d.start)
    noun = list(_ATTACK_NOUN.finditer(before))
    return bool(noun) and not _CLAUSE_BREAK.search(before, noun[-1].end())


def _same_unit(a: _Unit, b: _Unit, places: _Places) -> bool:
    if a.foiled != b.foiled:
        return False
    for da in a.dates:
        for db in b.dates:
            if _dates_conflict(da, db):
                return False
    pa, pb = _anchor(a.places), _anchor(b.places)
    return not (pa and pb and pa.country and pb.country and pa.country != pb.country)


def _split_unit(unit: _Unit, cut: int, resume: int) -> list[_Unit]:
    """``unit`` as two: what lies before ``cut`` and what lies from ``resume`` on (everything
    in between goes with the first); ``[unit]`` unless both halves have a trigger."""
    first = [t for t in unit.triggers if t.end <= cut]
    second = [t for t in unit.triggers if t.start >= resume]
    if not first or not second or len(first) + len(second) != len(unit.triggers):
        return [unit]
    a = _Unit(unit.sentence, first, can_open=unit.can_open)
    b = _Unit(unit.sentence, second, can_open=unit.can_open)
    for d in unit.dates:
        (b if d.start >= resume else a).dates.append(d)
    for p in unit.places:
        (b if p.entity.start >= resume else a).places.append(p)
    for f in unit.figures:
        (b if f.anchor >= resume else a).figures.append(f)
    for c in unit.claims:
        (b if c.pos >= resume else a).claims.append(c)
    for perp in unit.perps:
        (b if perp[0] >= resume else a).perps.append(perp)
    for target in unit.targets:
        (b if target[0] >= resume else a).targets.append(target)
    return [a, b]


def _merge(into: _Unit, other: _Unit) -> None:
    into.triggers.extend(other.triggers)
    into.dates.extend(other.dates)
    into.places.extend(other.places)
    into.figures.extend(other.figures)
    into.claims.extend(other.claims)
    into.perps.extend(other.perps)
    into.targets.extend(other.targets)
    into.can_open = into.can_open or other.can_open


def _split_countries(unit: _Unit, text: str) -> list[_Unit]:
    """ "rocket attacks against Uzbekistan in April and Tajikistan in May": one per country.

    Only a coordinated list right after the trigger splits ("X in April and Y in May");
    countries named elsewhere in the sentence ("despite its fighting in Syria") do not."""
    countries = sorted(
        (p for p in unit.places if p.kind == "country"), key=lambda p: p.entity.start
    )
    if not countries or any(p.kind != "country" and p.rank >= 3 for p in unit.places):
        return [unit]
    last = max(t.end for t in unit.triggers)
    chain: list[_PlaceInfo] = []
    for p in countries:
        if p.entity.start < last:
            continue
        gap_from = chain[-1].entity.end if chain else last
        gap = text[gap_from : p.entity.start]
        for d in unit.dates:  # a date between two countries is part of the list
            if gap_from <= d.start and d.end <= p.entity.start:
                gap = gap.replace(text[d.start : d.end], " ")
        limit = 40 if not chain else 60
        if len(gap) > limit or not _COORDINATION.fullmatch(gap):
            break
        chain.append(p)
    codes = {p.country or p.entity.name for p in chain}
    if len(codes) < 2:
        if chain:  # "beyond Afghanistan ... with rocket attacks against Uzbekistan"
            unit.places = [p for p in unit.places if p.kind != "country" or p in chain]
        return [unit]
    out: list[_Unit] = []
    seen: set[str] = set()
    for i, p in enumerate(chain):
        code = p.country or p.entity.name
        if code in seen:
            continue
        seen.add(code)
        nxt = chain[i + 1].entity.start if i + 1 < len(chain) else p.entity.end + 40
        dates = [d for d in unit.dates if p.entity.end <= d.start < nxt]
        part = _Unit(unit.sentence, list(unit.triggers), dates, [p], can_open=unit.can_open)
        part.perps = list(unit.perps)
        if not out:
            part.figures, part.claims, part.targets = unit.figures, unit.claims, unit.targets
        out.append(part)
    return out


#: A plural attack noun: "attacks", "bombings", "تفجيرين" (two bombings), "هجمات", "حملات"
#: (not a verb: "боевики напали на синагоги в Дербенте и Махачкале" was one coordinated
#: attack, and its toll is the whole toll).
_PLURAL_TRIGGER = re.compile(r"(?:[^s]s|ين|ات|ها)$")


def _split_cities(unit: _Unit, reader: _Reader) -> list[_Unit]:
    """ "attacks on Shi'ite mosques in Kunduz and Kandahar in October", "تفجيرين استهدفا
    كنيستين في مدينتي طنطا والإسكندرية": one attack per city, when a plural attack word is
    followed closely by cities joined by "and"."""
    text = reader.text
    if not any(_PLURAL_TRIGGER.search(text[t.start : t.end]) for t in unit.triggers):
        return [unit]
    last = max(t.end for t in unit.triggers)
    cities = sorted(
        (p for p in unit.places if p.kind == "city" and p.entity.start >= last),
        key=lambda p: p.entity.start,
    )
    chain: list[_PlaceInfo] = []
    for p in cities:
        if not chain:
            gap = text[last : p.entity.start]
            if len(gap) > 45 or re.search(r"[,;:.()،؛]", gap):
                break
        else:
            gap = text[chain[-1].entity.end : p.entity.start]
            if len(gap) > 8 or not _COORDINATION.fullmatch(gap):
                break
        chain.append(p)
    if len({p.key for p in chain}) < 2 or any(
        a.key in b.ancestors or b.key in a.ancestors for a in chain for b in chain
    ):
        return [unit]
    out: list[_Unit] = []
    for p in chain:
        part = _Unit(unit.sentence, list(unit.triggers), list(unit.dates), [p],
                     can_open=unit.can_open)  # fmt: skip
        part.perps, part.claims = list(unit.perps), list(unit.claims)
        if not out:
            part.figures, part.targets = unit.figures, unit.targets
        out.append(part)
    return out


# --------------------------------------------------------------------------------------------
# Finishing an event

#: A photo's credit, which makes its sentence a caption: "... en Somalie ©AFP", "... the
#: Balkh province. — AFP", "(Photo: Reuters)", "File photo", "Getty Images".
_PHOTO_CREDIT = re.compile(
    r"©|(?:—|–|-)\s*(?:AFP|Reuters|AP|EPA|Anadolu|Xinhua)\b[\s./]*$|\(Photo\b|\bPhoto\s*:|"
    r"\bFile photo\b|\bGetty Images\b|\bfoto\s*:",
    re.IGNORECASE,
)


def _captions(sentences: list[_Sentence], text: str) -> list[tuple[int, int]]:
    """The spans of the sentences that are photo captions (a credit in them)."""
    return [(s.start, s.end) for s in sentences if _PHOTO_CREDIT.search(text, s.start, s.end)]


def _in_caption(d: DateValue, captions: list[tuple[int, int]]) -> bool:
    return any(start <= d.start < end for start, end in captions)



def _finish(
    draft: _Draft, sentences: list[_Sentence], places: _Places, text: str,
    captions: list[tuple[int, int]] | None = None,
) -> Event | None:
    date_value = draft.best_date()
    if date_value is not None and captions and _in_caption(date_value, captions):
        # "Des ambulances sur les lieux d'un attentat, le 28 septembre 2017 à Mogadiscio
        # ©AFP": a photo's caption may show another day (a file picture); the report's own
        # sentences date the event when they can
        own = [d for d in draft.dates if not _in_caption(d, captions)]
        date_value = _best_date(own) or date_value
    if date_value is None or _precision(date_value) < 3:
        date_value = _refine_date(date_value, draft, sentences, text)
    anchor = draft.anchor()
    place_names: list[str] = []
    place_ids: list[str] = []
    country: str | None = None
    if anchor is not None:
        country = anchor.country_name
        same = [
            p
            for p in draft.places
            if not places.conflict(p, anchor)
            and (not anchor.country or not p.country or p.country == anchor.country)
        ]
        chain: list[tuple[str, str | None]] = [(anchor.entity.name, anchor.entity.gazetteer_id)]
        chain.extend((name, gid) for gid, name in anchor.ancestor_names)
        others = sorted(
            (
                p for p in same
                if (p.kind != "country" or anchor.kind == "country")
                # "Europe" beside Ampara: a region of no country that does not hold the scene
                and not (p.kind == "region" and not p.country and anchor.country
                         and p.entity.gazetteer_id not in anchor.ancestors)
            ),
            key=lambda p: (-p.rank, p.entity.start),
        )  # fmt: skip
        chain.extend((p.entity.name, p.entity.gazetteer_id) for p in others)
        if anchor.kind == "country":
            chain = [(anchor.entity.name, anchor.entity.gazetteer_id)]
        seen: set[str] = set()
        for name, gid in chain:
            if name.casefold() in seen:
                continue
            seen.add(name.casefold())
            place_names.append(name)
            if gid:
                place_ids.append(gid)
        if country is None:
            for p in same:
                if p.kind == "country":
                    country = p.entity.name
                    break
        if country is None:  # an unknown anchor ("Derbent") beside a known city of the event
            country = next((p.country_name for p in draft.places if p.country_name), None)
    killed = _figures(draft.figures, "killed")
    injured = _figures(draft.figures, "injured")
    if date_value is None and not place_names and not killed and not injured:
        return None
    if (
        not place_names
        and not killed
        and not injured
        and date_value is not None
        and _precision(date_value) == 1
        and not any(t.strong for u in draft.units for t in u.triggers)
        and not any(c.claimed_by for c in draft.claims)
    ):
        return None  # "cells still carry out sporadic attacks" after "late 2017": no event
    if not killed and not injured and all(
        t.type == "stampede" for u in draft.units for t in u.triggers
    ):
        return None  # a crowd crush matters here for its toll: "a stampede of buyers" is none
    named = [c for c in draft.claims if c.claimed_by and not c.vague]
    claimed_by = _unique(n for c in (named or draft.claims) for n in c.claimed_by)
    outlets = _unique(o for c in draft.claims for o in c.outlets if c.cue or claimed_by)
    perps = _unique(name for _, name in sorted(draft.perps))
    targets = sorted(draft.targets, key=lambda t: (-t[2], t[0]))
    event = Event(
        type=_event_type(draft),
        date=date_value,
        place=place_names,
        country=country,
        target=targets[0][1] if targets else None,
        killed=killed,
        injured=injured,
        perpetrators=perps,
        claimed_by=claimed_by,
        claim_outlet=outlets,
        evidence=[
            Span(sentences[i].start, sentences[i].end, text[sentences[i].start : sentences[i].end])
            for i in sorted(draft.sentences)[:_MAX_EVIDENCE]
        ],
        place_ids=place_ids,
        confidence=_confidence(draft, date_value, place_names, killed or injured),
    )
    return event


#: A source's speaking verb: the date next to it is when it spoke, not when the attack was.
#: "was made public only today, Thursday 19 February": the day the news came out (only
#: before the date: "compiuto sabato ma è stato reso noto" keeps Saturday).
_MADE_PUBLIC = re.compile(
    r"(?<![^\W\d_])(?:made public|made known|reso not[oa]|res[oa] pubblic[oa]|rendu public|"
    r"bekanntgegeben|bekannt gegeben|dado a conocer|divulgad[oa])(?![^\W\d_])",
    re.IGNORECASE,
)
#: "today," before a date in apposition ("oggi, giovedì 19 febbraio").
_TODAY_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:today|oggi|aujourd['’]hui|heute|hoy|hoje|сегодня|bugün|اليوم|امروز)\s*,\s*$",
    re.IGNORECASE,
)
_REPORT_VERB = re.compile(
    r"(?<![^\W\d_])(?:said|says|told|reported|announced|confirmed|stated|added|bekannt|"
    r"teilt\w*|sagte\w*|berichtet\w*|erklärt\w*|meldet\w*|"
    r"сообщ\w*|заяви\w*|рассказа\w*|переда\w*|"
    r"indiqu\w*|déclar\w*|annonc\w*|précis\w*|affirm\w*|afirm\w*|affermat\w*|"
    # a verb, not "il ministero dell'informazione"
    r"inform(?:ó|ou|ed|s|a|an|aron|aram|ato|ata|ait|e|é|aient)|dijo|disse|declar\w*|anunci\w*|"
    r"detto|dichiarat\w*|annunciat\w*|riferit\w*|"
    r"قال\w*|أعلن\w*|اعلن\w*|ذكر\w*|صرح\w*|أفاد\w*|افاد\w*|"
    r"گفت\w*|اعلام|گزارش|açıkla\w*|bildir\w*|dedi)(?![^\W\d_])",
    re.IGNORECASE,
)


#: A statement's own date: "in a statement on Thursday", "a press conference on 5 May".
_STATEMENT_ON = re.compile(
    r"\b(?:statement|communiqu[ée]|press release|press conference|briefing)\s+"
    r"(?:(?:issued|released|published|posted)\s+)?on\s+(?:\w+,?\s+)?$",
    re.IGNORECASE,
)


#: What opens a reported clause after a speaking verb: "that", its fighters as the subject.
_EMBEDDED = re.compile(
    r"(?<![^\W\d_])(?:that|که|أن|ان|что|que|dass|its (?:fighters|forces|militants|men)|"
    r"نیروهایش|نيروهايش|نیروهای\s?این\s?گروه|مقاتليه|عناصره|его боевики)(?![^\W\d_])"
)


def _report_date(text: str, d: DateValue, trig: _Trigger | None = None, reach: int = 30) -> bool:
    """Whether ``d`` dates a source's words, not the attack: a speaking verb next to it in its
    clause ("officials said on Monday"), with the attack word ``trig``, if given, not between
    them ("Başbakan bugün ... yaptığı açıklamada, iki canlı bombacıdan ...")."""
    clause_start = d.start - len(re.split(r"[,;:.،؛]", text[max(0, d.start - 45) : d.start])[-1])
    if _TODAY_BEFORE.search(text, max(0, clause_start - 20), clause_start):
        # "è stato reso noto solo oggi, giovedì 19 febbraio": the date is today's, in apposition
        lo = max(0, clause_start - 70)
        clause_start = lo + len(re.split(r"[;:.،؛]|,(?!\s*$)", text[lo : clause_start - 1])[0])
        clause_start = max(clause_start, lo)
    if _STATEMENT_ON.search(text, max(0, d.start - 50), d.start):
        return True  # "In a statement on Thursday, January 11, the ministry said ..."
    verbs = [
        *_REPORT_VERB.finditer(text, clause_start, d.start),
        *_MADE_PUBLIC.finditer(text, clause_start, d.start),
    ]
    verbs.sort(key=lambda m: m.start())
    if (
        verbs
        and trig is not None
        and trig.start >= d.end
        and _EMBEDDED.search(text, verbs[-1].end(), d.start)
    ):
        # "گفت نیروهایش ساعت دو بامداد جمعه ۲۴ آذر به این مقر حمله کرده‌اند" (said its forces
        # attacked at 2 a.m. on Friday), "said that on Friday militants attacked": the date is
        # in what was said, before its attack word
        verbs = []
    if verbs and (trig is None or not verbs[-1].end() <= trig.start < d.start):
        return True
    # "Yesterday, the Southern forces announced that they had repelled an attack": the comma
    # after a sentence-opening date does not end its clause
    lead = len(text[d.end : d.end + 3]) - len(text[d.end : d.end + 3].lstrip(" ,"))
    opening = lead > 0 and "," in text[d.end : d.end + lead] and _sentence_opening(text, d.start)
    start = d.end + lead if opening else d.end
    after = re.split(r"[,;:.،؛]", text[start : start + reach])[0]
    m = _REPORT_VERB.search(after)
    return m is not None and (trig is None or not d.end <= trig.start < start + m.start())


def _sentence_opening(text: str, pos: int) -> bool:
    """Whether only an opening word ("On", "Early") or nothing precedes ``pos`` in its
    sentence."""
    before = text[max(0, pos - 12) : pos]
    return re.search(r"(?:^|[.!?\n]\s*)(?:[A-Z]\w{0,5}\s+)?$", before) is not None


def _refine_date(
    current: DateValue | None, draft: _Draft, sentences: list[_Sentence], text: str = ""
) -> DateValue | None:
    """A vague or missing date made precise by a compatible date near the event's sentences."""
    near: set[int] = set()
    for i in draft.sentences:
        near.update({i - 1, i, i + 1})
    candidates: list[DateValue] = []
    for i in sorted(near):
        if 0 <= i < len(sentences) and (i in draft.sentences or not sentences[i].triggers):
            candidates.extend(sentences[i].dates)
    if current is None:
        # only dates in the event's own sentences, never a neighbour's, and not the day a
        # source spoke ("..., teilten die Behörden am Samstag mit", "officials said on Monday")
        own = [
            d for i in draft.sentences for d in sentences[i].dates
            if not sentences[i].triggers and not _report_date(text, d)
            and not _since_date(text, d, None) and not _other_fact_date(text, d)
        ]  # fmt: skip
        if own:
            return _best_date(own) if len({d.value for d in own}) == 1 else None
        return _reported_date(draft, sentences, text)
    better = [
        d
        for d in candidates
        if _precision(d) > _precision(current) and d.value.startswith(current.value)
    ]
    return _best_date(better) or current


#: How many sentences after a lead event's first its source may say when it spoke: a
#: headline, a caption and the lead come before "..., said the official on Tuesday".
_REPORTED_WITHIN = 4


def _reported_date(draft: _Draft, sentences: list[_Sentence], text: str) -> DateValue | None:
    """ "At least 26 people were killed ..., officials said on Saturday": a lead event that the
    text dates no other way gets the day its source spoke, marked ``reported`` (breaking news
    reports an attack the day it happens; an earlier day would have been written)."""
    if not draft.sentences:
        return None
    # the lead: among the text's first three sentences, or its first attack (a page's date
    # lines and menus before the headline are sentences too)
    first = min(draft.sentences)
    if first > 2 and any(sentences[i].triggers for i in range(first)):
        return None
    if any(_TOLL_UPDATE.search(text, sentences[i].start, sentences[i].end)
           for i in draft.sentences):  # fmt: skip
        return None  # "die Zahl der Todesopfer ist auf 115 gestiegen": a later day's update
    spoken = [
        d for i in sorted(draft.sentences) if i <= first + _REPORTED_WITHIN
        for d in sentences[i].dates if _precision(d) >= 3 and _report_date(text, d)
    ]  # fmt: skip
    if len({d.value for d in spoken}) != 1:
        return None
    return dataclasses.replace(spoken[0], resolution="reported")


def _figures(figs: list[_Fig], kind: str) -> list[Figure]:
    out: list[Figure] = []
    seen: set[tuple[int, str, str | None]] = set()
    for fig in sorted((f for f in figs if f.kind == kind), key=lambda f: f.figure.start):
        key = (fig.figure.value, fig.figure.qualifier, fig.figure.attribution)
        if key in seen:
            continue
        seen.add(key)
        out.append(fig.figure)
        if len(out) >= MAX_FIGURES:
            break
    return out


def _event_type(draft: _Draft) -> str:
    counts: dict[str, int] = {}
    for unit in draft.units:
        for t in unit.triggers:
            counts[t.type] = counts.get(t.type, 0) + 1
    if set(counts) == {"stampede"}:
        return "stampede"
    counts.pop("stampede", None)  # "the blasts set off a stampede": the attack's own
    if draft.foiled:
        return "foiled_attack"
    if counts.get("suicide_bombing"):
        return "suicide_bombing"
    specific = {k: v for k, v in counts.items() if k != "attack"}
    if not specific:
        return "attack"
    return max(specific, key=lambda k: (specific[k], -_TYPE_RANK.index(k)))


def _confidence(
    draft: _Draft, when: DateValue | None, where: list[str], has_figures: list[Figure]
) -> float:
    strong = any(t.strong for u in draft.units for t in u.triggers)
    score = 0.35 + (0.15 if strong else 0.0)
    score += 0.15 if when is not None else 0.0
    score += 0.15 if where else 0.0
    score += 0.15 if has_figures else 0.0
    score += 0.05 if any(c.claimed_by for c in draft.claims) or draft.perps else 0.0
    score += 0.05 if len(draft.units) > 1 else 0.0
    return min(1.0, round(score, 3))


def _unique(items: Iterable[str]) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for item in items:
        key = item.casefold()
        if item and key not in seen:
            seen.add(key)
            out.append(item)
    return out
