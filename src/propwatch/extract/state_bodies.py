"""Government ministries, in every language propwatch reads, named the same way.

News attributes its figures and statements to ministries: "Afghanistan's interior ministry
said", "МИД России", "Вазорати корҳои дохилии Афғонистон", "وزارة الداخلية العراقية",
"İçişleri Bakanlığı", "le ministère afghan de l'Intérieur". The gazetteer knows the
ministries that matter most, in their usual spellings; this finds every ministry of a known
kind (foreign affairs, interior, defence, health, justice, emergencies, information,
intelligence), lower-case and inflected forms included, and names it in English ("Ministry of
Interior of Afghanistan") with the country when the text gives one next to it, so that
mentions in different languages merge into one entity in the graph. A ministry with no country
in the text stays "Ministry of Interior": propwatch does not guess whose it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from propwatch.extract.forces_eu import FORCE_LANGS, find_forces
from propwatch.extract.patterns import Candidate

__all__ = ["DEMONYMS", "KINDS", "Country", "find", "forces"]


class Country(NamedTuple):
    """A country the gazetteer found in the text: span, English name, ISO code."""

    start: int
    end: int
    name: str
    code: str


#: Kind -> (canonical "Ministry of ..." words, short English form, other English names).
KINDS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "foreign": ("Foreign Affairs", "Foreign", ()),
    "interior": ("Interior", "Interior", ("Internal Affairs", "Interior Affairs")),
    "defence": ("Defence", "Defence", ("Defense",)),
    "health": ("Health", "Health", ("Public Health",)),
    "justice": ("Justice", "Justice", ()),
    "emergency": ("Emergency Situations", "Emergencies", ()),
    "information": ("Information", "Information", ("Information and Culture",)),
    "intelligence": ("Intelligence", "Intelligence", ()),
}

#: English demonyms (and "U.S.") -> country name, ISO code.
DEMONYMS: dict[str, tuple[str, str]] = {
    "afghan": ("Afghanistan", "AF"), "iranian": ("Iran", "IR"), "iraqi": ("Iraq", "IQ"),
    "pakistani": ("Pakistan", "PK"), "syrian": ("Syria", "SY"), "russian": ("Russia", "RU"),
    "tajik": ("Tajikistan", "TJ"), "uzbek": ("Uzbekistan", "UZ"),
    "kyrgyz": ("Kyrgyzstan", "KG"), "kazakh": ("Kazakhstan", "KZ"),
    "turkish": ("Turkey", "TR"), "egyptian": ("Egypt", "EG"), "saudi": ("Saudi Arabia", "SA"),
    "israeli": ("Israel", "IL"), "indian": ("India", "IN"), "chinese": ("China", "CN"),
    "american": ("United States", "US"), "u.s.": ("United States", "US"),
    "us": ("United States", "US"), "british": ("United Kingdom", "GB"),
    "french": ("France", "FR"), "german": ("Germany", "DE"), "somali": ("Somalia", "SO"),
    "nigerian": ("Nigeria", "NG"), "malian": ("Mali", "ML"), "nigerien": ("Niger", "NE"),
    "burkinabe": ("Burkina Faso", "BF"), "mozambican": ("Mozambique", "MZ"),
    "libyan": ("Libya", "LY"), "tunisian": ("Tunisia", "TN"), "yemeni": ("Yemen", "YE"),
    "lebanese": ("Lebanon", "LB"), "jordanian": ("Jordan", "JO"),
    "philippine": ("Philippines", "PH"), "indonesian": ("Indonesia", "ID"),
    "bangladeshi": ("Bangladesh", "BD"), "kenyan": ("Kenya", "KE"),
    "ugandan": ("Uganda", "UG"), "belgian": ("Belgium", "BE"), "austrian": ("Austria", "AT"),
    "spanish": ("Spain", "ES"), "italian": ("Italy", "IT"), "dutch": ("Netherlands", "NL"),
    "swedish": ("Sweden", "SE"), "ukrainian": ("Ukraine", "UA"),
    "azerbaijani": ("Azerbaijan", "AZ"), "turkmen": ("Turkmenistan", "TM"),
    "algerian": ("Algeria", "DZ"), "moroccan": ("Morocco", "MA"),
    "cameroonian": ("Cameroon", "CM"), "chadian": ("Chad", "TD"),
}  # fmt: skip

#: Arabic nisba adjectives after "وزارة X" -> country.
_AR_NISBA: dict[str, tuple[str, str]] = {
    "الأفغانية": ("Afghanistan", "AF"), "الافغانية": ("Afghanistan", "AF"),
    "الإيرانية": ("Iran", "IR"), "الايرانية": ("Iran", "IR"), "العراقية": ("Iraq", "IQ"),
    "الباكستانية": ("Pakistan", "PK"), "السورية": ("Syria", "SY"), "الروسية": ("Russia", "RU"),
    "الطاجيكية": ("Tajikistan", "TJ"), "الأوزبكية": ("Uzbekistan", "UZ"),
    "التركية": ("Turkey", "TR"), "المصرية": ("Egypt", "EG"), "السعودية": ("Saudi Arabia", "SA"),
    "الإسرائيلية": ("Israel", "IL"), "الأمريكية": ("United States", "US"),
    "الأميركية": ("United States", "US"), "الامريكية": ("United States", "US"),
    "البريطانية": ("United Kingdom", "GB"), "الفرنسية": ("France", "FR"),
    "الألمانية": ("Germany", "DE"), "الصومالية": ("Somalia", "SO"),
    "النيجيرية": ("Nigeria", "NG"), "الليبية": ("Libya", "LY"), "التونسية": ("Tunisia", "TN"),
    "اليمنية": ("Yemen", "YE"), "اللبنانية": ("Lebanon", "LB"), "الأردنية": ("Jordan", "JO"),
    "الجزائرية": ("Algeria", "DZ"), "المغربية": ("Morocco", "MA"), "الهندية": ("India", "IN"),
    "الصينية": ("China", "CN"), "الموريتانية": ("Mauritania", "MR"), "المالية": ("Mali", "ML"),
    "الكينية": ("Kenya", "KE"), "الأوغندية": ("Uganda", "UG"), "الاوغندية": ("Uganda", "UG"),
    "الموزمبيقية": ("Mozambique", "MZ"), "الفلبينية": ("Philippines", "PH"),
    "الإندونيسية": ("Indonesia", "ID"), "الاندونيسية": ("Indonesia", "ID"),
    "البنغلاديشية": ("Bangladesh", "BD"), "النيجرية": ("Niger", "NE"),
    "البوركينية": ("Burkina Faso", "BF"),
}  # fmt: skip

_S = r"[\s\u200c]+"  # Persian and Pashto texts join words with a ZWNJ as often as a space
_KE = "[کك]"
_YE = "[یيى]"

#: (kind, regex of the ministry phrase) per language group. Every group is tried on a text of
#: its languages; the English one on every text (Latin names inside other languages).
_PATTERNS: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("foreign", r"\b[Mm]inistry of (?i:foreign|external) (?i:affairs)\b"),
        ("interior", r"\b[Mm]inistry of (?:the )?(?i:interior(?: affairs)?|internal affairs|"
                     r"home affairs)\b"),
        ("defence", r"\b[Mm]inistry of (?:national )?(?i:defen[cs]e)\b"),
        ("health", r"\b[Mm]inistry of (?:public )?(?i:health)\b"),
        ("justice", r"\b[Mm]inistry of (?i:justice)\b"),
        ("emergency", r"\b[Mm]inistry of (?i:emergency situations|emergencies)\b"),
        ("information", r"\b[Mm]inistry of (?i:information(?: and culture)?)\b"),
        ("intelligence", r"\b[Mm]inistry of (?i:intelligence)\b"),
        ("foreign", r"\b[Ff]oreign [Mm]inistry\b"),
        ("interior", r"\b(?:[Ii]nterior|[Hh]ome) [Mm]inistry\b"),
        ("defence", r"\b[Dd]efen[cs]e [Mm]inistry\b"),
        ("health", r"\b[Hh]ealth [Mm]inistry\b"),
        ("justice", r"\b[Jj]ustice [Mm]inistry\b"),
        ("emergency", r"\b[Ee]mergenc(?:y|ies) [Mm]inistry\b"),
        ("information", r"\b[Ii]nformation [Mm]inistry\b"),
        ("intelligence", r"\b[Ii]ntelligence [Mm]inistry\b"),
    ],
    "ru": [
        ("foreign", r"\b[Мм]инистерств[оаеуы]м?\s+иностранных\s+дел\b|\bМИД(?:а|е|ом|у)?\b"),
        ("interior", r"\b[Мм]инистерств[оаеуы]м?\s+внутренних\s+дел\b|\bМВД\b"),
        ("defence", r"\b[Мм]инистерств[оаеуы]м?\s+обороны\b|\bМинобороны\b"),
        ("health", r"\b[Мм]инистерств[оаеуы]м?\s+здравоохранения"
                   r"(?:\s+и\s+социального\s+развития)?\b|\bМинздрав(?:а|е|ом|у)?\b"),
        ("justice", r"\b[Мм]инистерств[оаеуы]м?\s+юстиции\b|\bМинюст(?:а|е|ом|у)?\b"),
        ("emergency", r"\b[Мм]инистерств[оаеуы]м?\s+(?:Российской\s+Федерации\s+)?по\s+"
                      r"(?:чрезвычайным\s+ситуациям|делам\s+гражданской\s+обороны,\s+"
                      r"чрезвычайным\s+ситуациям(?:\s+и\s+ликвидации\s+последствий\s+"
                      r"стихийных\s+бедствий)?)\b|\bМЧС\b"),
    ],
    "tg": [
        ("foreign", r"\b[Вв]азорати\s+(?:корҳои|умури)\s+хориҷ\w*"),
        ("interior", r"\b[Вв]азорати\s+(?:корҳои|умури)\s+дохил\w*|\bВКД\b"),
        ("defence", r"\b[Вв]азорати\s+мудофиа\w*"),
        ("health", r"\b[Вв]азорати\s+тандурустӣ\w*|\b[Вв]азорати\s+тандурустии\b"),
        ("justice", r"\b[Вв]азорати\s+адлия\w*"),
        ("emergency", r"\b[Кк]умитаи\s+ҳолатҳои\s+фавқулодда\w*"),
    ],
    "uz": [
        ("foreign", r"\b[Tt]ashqi\s+ishlar\s+vazirlig\w*|\b[Тт]ашқи\s+ишлар\s+вазирлиг\w*"),
        ("interior", r"\b[Ii]chki\s+ishlar\s+vazirlig\w*|\b[Ии]чки\s+ишлар\s+вазирлиг\w*"
                     r"|\bI[Ii]V\b|\bИИВ\b"),
        ("defence", r"\b[Mm]udofaa\s+vazirlig\w*|\b[Мм]удофаа\s+вазирлиг\w*"),
        ("health", r"\b[Ss]og['ʻ‘’`]liqni\s+saqlash\s+vazirlig\w*"
                   r"|\b[Сс]оғлиқни\s+сақлаш\s+вазирлиг\w*"),
        ("justice", r"\b[Aa]dliya\s+vazirlig\w*|\b[Аа]длия\s+вазирлиг\w*"),
        ("emergency", r"\b[Ff]avqulodda\s+vaziyatlar\s+vazirlig\w*"
                      r"|\b[Фф]авқулодда\s+вазиятлар\s+вазирлиг\w*"),
    ],
    "ky": [
        ("foreign", r"\b[Тт]ышкы\s+иштер\s+министрлиг\w*"),
        ("interior", r"\b[Ии]чки\s+иштер\s+министрлиг\w*|\bИИМ\b"),
        ("defence", r"\b[Кк]оргоо\s+министрлиг\w*"),
        ("health", r"\b[Сс]аламаттык\s+сактоо\s+министрлиг\w*"),
        ("justice", r"\b[Юю]стиция\s+министрлиг\w*"),
        ("emergency", r"\b[Өө]згөчө\s+кырдаалдар\s+министрлиг\w*"),
    ],
    "tr": [
        ("foreign", r"\bDışişleri\s+Bakanlığ\w*"),
        ("interior", r"\bİçişleri\s+Bakanlığ\w*"),
        ("defence", r"\b(?:Milli|Millî)\s+Savunma\s+Bakanlığ\w*"),
        ("health", r"\bSağlık\s+Bakanlığ\w*"),
        ("justice", r"\bAdalet\s+Bakanlığ\w*"),
    ],
    "fa": [
        ("foreign", rf"وزارت{_S}(?:امور{_S})?خارجه"),
        ("interior", rf"وزارت{_S}(?:{_KE}شور|(?:امور{_S})?داخله)"),
        ("defence", rf"وزارت{_S}دفاع(?:{_S}مل{_YE})?"),
        ("health", rf"وزارت{_S}(?:بهداشت|صحت{_S}عامه)"),
        ("justice", rf"وزارت{_S}(?:دادگستر{_YE}|عدل{_YE}ه)"),
        ("information", rf"وزارت{_S}اطلاعات{_S}و{_S}فرهنگ"),
        ("intelligence", rf"وزارت{_S}اطلاعات(?!{_S}و{_S}فرهنگ)"),
    ],
    "ps": [
        ("foreign", rf"(?:د{_S})?بهرن{_YE}و{_S}چارو{_S}وزارت"),
        ("interior", rf"(?:د{_S})?{_KE}ورن{_YE}و{_S}چارو{_S}وزارت"),
        ("defence", rf"(?:د{_S})?(?:مل{_YE}{_S})?دفاع{_S}وزارت"),
        ("health", rf"(?:د{_S})?(?:عامې{_S})?روغت{_YE}ا{_S}وزارت"),
        ("justice", rf"(?:د{_S})?عدل{_YE}ې{_S}وزارت"),
    ],
    "ar": [
        ("foreign", r"وزارة\s+(?:ال)?خارجية"),
        ("interior", r"وزارة\s+الداخلية"),
        ("defence", r"وزارة\s+الدفاع"),
        ("health", r"وزارة\s+الصحة"),
        ("justice", r"وزارة\s+العدل"),
        ("information", r"وزارة\s+الإعلام"),
        ("intelligence", r"وزارة\s+الاستخبارات"),
    ],
    "es": [
        ("foreign", r"\b[Mm]inisterio\s+de\s+(?:Asuntos|Relaciones)\s+Exteriores\b"),
        ("interior", r"\b[Mm]inisterio\s+del\s+Interior\b"),
        ("defence", r"\b[Mm]inisterio\s+de\s+(?:la\s+)?Defensa\b"),
        ("health", r"\b[Mm]inisterio\s+de\s+(?:Sanidad|Salud(?:\s+Pública)?)\b"),
        ("justice", r"\b[Mm]inisterio\s+de\s+Justicia\b"),
    ],
    "pt": [
        ("foreign", r"\b[Mm]inistério\s+(?:das\s+Relações\s+Exteriores|dos\s+Negócios\s+"
                    r"Estrangeiros)\b|\bItamaraty\b"),
        ("interior", r"\b[Mm]inistério\s+(?:do\s+Interior|da\s+Administração\s+Interna)\b"),
        ("defence", r"\b[Mm]inistério\s+da\s+Defesa\b"),
        ("health", r"\b[Mm]inistério\s+da\s+Saúde\b"),
        ("justice", r"\b[Mm]inistério\s+da\s+Justiça\b"),
    ],
    "fr": [
        ("foreign", r"\b[Mm]inistère\s+(?:[a-zé]+\s+)?des\s+Affaires\s+étrangères\b"),
        ("interior", r"\b[Mm]inistère\s+(?:[a-zé]+\s+)?de\s+l['’]Intérieur\b"),
        ("defence", r"\b[Mm]inistère\s+(?:[a-zé]+\s+)?(?:de\s+la\s+Défense|des\s+Armées)\b"),
        ("health", r"\b[Mm]inistère\s+(?:[a-zé]+\s+)?de\s+la\s+Santé\b"),
        ("justice", r"\b[Mm]inistère\s+(?:[a-zé]+\s+)?de\s+la\s+Justice\b"),
    ],
    "it": [
        ("foreign", r"\b[Mm]inistero\s+degli\s+(?:Affari\s+)?[Ee]steri\b|\bFarnesina\b"),
        ("interior", r"\b[Mm]inistero\s+dell['’][Ii]nterno\b|\bViminale\b"),
        ("defence", r"\b[Mm]inistero\s+della\s+[Dd]ifesa\b"),
        ("health", r"\b[Mm]inistero\s+della\s+[Ss]alute\b"),
        ("justice", r"\b[Mm]inistero\s+della\s+[Gg]iustizia\b"),
    ],
    "de": [
        ("foreign", r"\b(?:[a-zäöü]+ische[nrs]?\s+)?(?:Außenministeri(?:um|ums)"
                    r"|Auswärtige[ns]?\s+Amt(?:es|s)?)\b"),
        ("interior", r"\b(?:[a-zäöü]+ische[nrs]?\s+)?Innenministeri(?:um|ums)\b"),
        ("defence", r"\b(?:[a-zäöü]+ische[nrs]?\s+)?Verteidigungsministeri(?:um|ums)\b"),
        ("health", r"\b(?:[a-zäöü]+ische[nrs]?\s+)?Gesundheitsministeri(?:um|ums)\b"),
        ("justice", r"\b(?:[a-zäöü]+ische[nrs]?\s+)?Justizministeri(?:um|ums)\b"),
    ],
}  # fmt: skip

_GROUP = {"prs": "fa", "uzc": "uz"}
#: Lower-case stems one of which must be in a text before any regex of a group is tried (a
#: substring test per stem is far cheaper than one case-insensitive alternation).
_TRIGGER_STEMS = (
    "minist", "минист", "вазор", "вазир", "vazir", "bakanl", "auswärt",
    "farnesina", "viminale", "itamaraty", "وزار", "мид", "мвд", "мчс", "минобор", "минздрав",
    "минюст", "вкд", "иив", "iiv", "иим", "кумитаи",
)
_COMPILED: dict[str, list[tuple[str, re.Pattern[str]]]] = {
    group: [(kind, re.compile(rx)) for kind, rx in rxs] for group, rxs in _PATTERNS.items()
}

#: Text allowed between a ministry and the country after it ("of", "de", "in", a genitive
#: needs nothing); between a country and the ministry after it ("'s", Pashto "د").
#: Spaces within a line: a headline's last word is not the country of the next line's body
#: ("... аз Афғонистон\n\nВазорати корҳои хориҷии Тоҷикистон").
#: After the ministry, one line break may be a wrapped line ("the Ministry of Interior of\n
#: Pakistan"), not a blank line.
_SP = r"[ \t\u00a0\u200c]"
_SPN = rf"(?:{_SP}|(?<!\n)\n(?![ \t]*\n))"
_AFTER_GAP = re.compile(
    rf"{_SPN}*(?:\(|,{_SPN}+)?(?:(?:of|de|du|des|del|da|do|das|dos|di|in|в|در|في){_SPN}+)?"
    rf"(?:(?:the|la|el|le|l['’]){_SPN}*)?"
)
_BEFORE_GAP = re.compile(rf"(?:['’]s|['’]?n[iıuü]n|['’]?[iıuü]n)?{_SP}*(?:د{_SP}+)?")
_DEMONYM = re.compile(r"(?:\b|^)(U\.S\.|US|[A-Z][a-z]+)\s+$")
_AR_AFTER = re.compile(r"\s+(ال[\u0621-\u064a]+)")


def find(text: str, lang: str, countries: Sequence[Country] = ()) -> list[Candidate]:
    """The ministries in ``text`` (written in ``lang``), each an organisation candidate named
    in English, with the country next to it when the text gives one (``countries``: the
    gazetteer's country mentions in ``text``)."""
    low = text.lower()
    if not any(stem in low for stem in _TRIGGER_STEMS):
        return []
    group = _GROUP.get(lang, lang)
    groups = ["en"] if group == "en" or group not in _COMPILED else ["en", group]
    out: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for g in groups:
        for kind, rx in _COMPILED[g]:
            for m in rx.finditer(text):
                a, b = m.span()
                if any(a < y and x < b for x, y in taken):
                    continue
                taken.append((a, b))
                out.append(_candidate(text, kind, a, b, countries))
    return out


def _demonym(country: str) -> str | None:
    """The English demonym of ``country`` ("Kenya" -> "Kenyan"), if listed."""
    return next((d.title() for d, (n, _) in DEMONYMS.items()
                 if n == country and d.isalpha() and d != "us"), None)  # fmt: skip


def _candidate(
    text: str, kind: str, a: int, b: int, countries: Sequence[Country]
) -> Candidate:
    country: tuple[str, str] | None = None
    start, end = a, b
    for c in countries:
        if c.start >= b and c.start - b <= 14:
            gap = _AFTER_GAP.fullmatch(text, b, c.start)
            if gap:
                country, end = (c.name, c.code), c.end + (1 if text[c.end : c.end + 1] == ")"
                                                           and "(" in text[b : c.start] else 0)
                break
        if c.end <= a and a - c.end <= 8 and _BEFORE_GAP.fullmatch(text, c.end, a):
            country, start = (c.name, c.code), c.start
            break
    if country is None:
        dem = _DEMONYM.search(text, max(0, a - 20), a)
        if dem and dem.group(1).lower() in DEMONYMS:
            country, start = DEMONYMS[dem.group(1).lower()], dem.start(1)
        else:
            nisba = _AR_AFTER.match(text, b)
            if nisba and nisba.group(1) in _AR_NISBA:
                country, end = _AR_NISBA[nisba.group(1)], nisba.end(1)
    words, short, others = KINDS[kind]
    name = f"Ministry of {words}"
    aliases = [f"{short} Ministry"]
    attributes: dict[str, str] = {"kind": "state_body"}
    if country is not None:
        cname, code = country
        demonym = _demonym(cname)
        name = f"Ministry of {words} of {cname}"
        aliases = [f"Ministry of {w} of {cname}" for w in others]
        aliases.append(f"{short} Ministry of {cname}")
        if demonym:
            aliases += [f"{demonym} {short} Ministry", f"{demonym} Ministry of {words}"]
        attributes["country"] = code
    return Candidate("organization", name, start, end, "pattern:state_body", 0.85,
                     aliases=aliases, attributes=attributes)  # fmt: skip


# -- national forces ------------------------------------------------------------------------------

#: A country's army, military or police named by its demonym: "the Nigerian military", "the
#: Kenyan army", "Malian troops" is people, not a body. English, and Arabic with the
#: masculine nisba ("الجيش الكيني", "الجيش المالي"); named in English ("Kenyan army").
#: ("security forces" is a description, not a body: keys do not list it)
#: (Soldiers, "troops" and "security forces" are people or a description, not a body.)
_FORCE_WORDS = (
    r"army|military|armed forces|police|air force|navy|intelligence services?|border guards?|"
    r"gendarmerie"
)
#: English force words named otherwise: "Afghan intelligence services".
_EN_FORCE_NAME = {"intelligence services": "intelligence service",
                  "border guards": "border guard"}  # fmt: skip
_EN_FORCE = re.compile(
    r"\b(" + "|".join(sorted((re.escape(d.title()) for d in DEMONYMS if d.isalpha()
                                and d not in ("us",)), key=len, reverse=True))
    + r")\s+(" + _FORCE_WORDS + r")\b"
)  # fmt: skip
#: ... and the feminine nisba after a feminine noun: "الشرطة الباكستانية" (the Pakistani police).
_AR_FORCE = re.compile(
    r"(?<![\w])(?:[وف]?(?:ب|ل)?)(الجيش|الشرطة|القوات المسلحة|حرس الحدود)\s+(ال\w+?ي)(ة?)(?!\w)"
)
_AR_FORCE_NAME = {"الجيش": "army", "الشرطة": "police", "القوات المسلحة": "armed forces",
                  "حرس الحدود": "border guard"}  # fmt: skip


#: Languages that name a force by the country's name next to it, with the force's words and
#: whether the country comes before them: Turkish "Umman polisi", "Suriye ordusu"; Uzbek
#: "Pokiston armiyasi"; Persian and Pashto "پلیس پاکستان", "ارتش افغانستان"; Russian "полиция
#: Пакистана", "армия Мали" (the country in the genitive after it).
_NAMED_FORCE: dict[str, tuple[re.Pattern[str], bool]] = {
    "tr": (re.compile(r"\s(polisi|ordusu|silahlı kuvvetleri|jandarması)(?![^\W\d_])"), True),
    "uz": (re.compile(r"\s(politsiyasi|armiyasi|полицияси|армияси)(?![^\W\d_])"), True),
    # Dari "اردوی پاکستان" (the army of Pakistan), "نیروهای مسلح پاکستان" (armed forces)
    "fa": (re.compile(r"(?<![\w\u0600-\u06ff])(پلیس|ارتش|پولیس|اردوی|نیروهای مسلح)\s$"),
           False),
    # "the Niger army", "Pakistan's army" (a country's name before the force)
    "en": (re.compile(r"(?:['’]s)?\s(army|military|police|armed forces)(?![^\W\d_])"), True),
    "ps": (re.compile(r"(?<![\w\u0600-\u06ff])(پولیس|پوځ|اردو)\s(?:د\s)?$"), False),
    "ru": (re.compile(r"(?<![\w])(полиция|полиции|армия|армии)\s$", re.IGNORECASE), False),
    # "l'armée du Mali", "el ejército de Nigeria", "l'esercito dell'Iraq", "Exército do Iraque"
    "fr": (re.compile(r"(?<![\w])(armée|police|gendarmerie|forces armées)\s+(?:du|de la|de l['’]|"
                      r"des|d['’]|de)\s*$", re.IGNORECASE), False),
    "es": (re.compile(r"(?<![\w])(ejército|policía|fuerzas armadas)\s+(?:del|de la|de)\s+$",
                      re.IGNORECASE), False),
    "it": (re.compile(r"(?<![\w])(esercito|polizia|forze armate)\s+(?:del|della|dell['’]|"
                      r"dei|di)\s*$", re.IGNORECASE), False),
    "pt": (re.compile(r"(?<![\w])(exército|polícia|forças armadas)\s+(?:do|da|de|dos)\s+$",
                      re.IGNORECASE), False),
}
_NAMED_FORCE["prs"] = _NAMED_FORCE["fa"]
_FORCE_ENGLISH = {
    "polisi": "police", "ordusu": "army", "silahlı kuvvetleri": "armed forces",
    "jandarması": "gendarmerie", "politsiyasi": "police", "armiyasi": "army",
    "полицияси": "police", "армияси": "army", "پلیس": "police", "پولیس": "police",
    "ارتش": "army", "پوځ": "army", "اردو": "army", "اردوی": "army",
    "نیروهای مسلح": "armed forces", "army": "army", "military": "military",
    "armed forces": "armed forces", "полиция": "police", "полиции": "police",
    "армия": "army", "армии": "army",
    "armée": "army", "police": "police", "gendarmerie": "gendarmerie",
    "forces armées": "armed forces", "ejército": "army", "policía": "police",
    "fuerzas armadas": "armed forces", "esercito": "army", "polizia": "police",
    "forze armate": "armed forces", "exército": "army", "polícia": "police",
    "forças armadas": "armed forces",
}


def forces(text: str, lang: str, countries: Sequence[Country] = ()) -> list[Candidate]:
    """National armies and police forces named by their country: "the Nigerian military",
    "الجيش الكيني" (the Kenyan army), Turkish "Umman polisi", Persian "پلیس پاکستان".
    Organisations, kind ``state_body`` (never a claimant), named "<Demonym>
    <army|military|police...>" with the country's code (``countries``: the gazetteer's
    country mentions in ``text``)."""
    out: list[Candidate] = []
    named = _NAMED_FORCE.get(lang)
    if named is not None:
        rx, country_first = named
        for c in countries:
            if country_first:
                m = rx.match(text, c.end)
            else:
                m = rx.search(text, max(0, c.start - 30), c.start)
            if m is None:
                continue
            start, end = (c.start, m.end(1)) if country_first else (m.start(1), c.end)
            force = _FORCE_ENGLISH[" ".join(m.group(1).lower().split())]
            name = f"{_demonym(c.name) or c.name} {force}"
            out.append(Candidate("organization", name, start, end, "pattern:state_body", 0.8,
                                 attributes={"kind": "state_body", "country": c.code}))  # fmt: skip
    for m in _EN_FORCE.finditer(text):
        code = DEMONYMS[m.group(1).lower()][1]
        force = m.group(2).lower()
        force = _EN_FORCE_NAME.get(force, force)
        out.append(Candidate("organization", f"{m.group(1)} {force}", m.start(), m.end(),
                             "pattern:state_body", 0.8,
                             attributes={"kind": "state_body", "country": code}))  # fmt: skip
    if lang in FORCE_LANGS:
        for start, end, adjective, force in find_forces(text, lang):
            attributes = {"kind": "state_body", "country": DEMONYMS[adjective][1]}
            out.append(Candidate("organization", f"{adjective.title()} {force}", start, end,
                                 "pattern:state_body", 0.8, attributes=attributes))  # fmt: skip
    if lang == "ar":
        for m in _AR_FORCE.finditer(text):
            country = _AR_NISBA.get(m.group(2) + "ة")
            if country is None:
                continue
            demonym = _demonym(country[0])
            if demonym is None:
                continue
            name = f"{demonym} {_AR_FORCE_NAME[m.group(1)]}"
            attributes = {"kind": "state_body", "country": country[1]}
            out.append(Candidate("organization", name, m.start(1), m.end(3),
                                 "pattern:state_body", 0.8, attributes=attributes))  # fmt: skip
    return out
