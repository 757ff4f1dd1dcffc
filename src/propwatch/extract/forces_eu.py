"""National armies and police named by an adjective of nationality, in French, Spanish,
Italian, Portuguese and German: "l'armée malienne", "la policía afgana", "l'esercito
nigeriano", "o exército moçambicano", "der pakistanischen Armee".

News in these languages names a country's forces this way far more often than by the country
("l'armée du Mali"). Each is found as an organisation of kind ``state_body`` named in English
("Malian army"), so that mentions in every language meet in the graph, as
:func:`propwatch.extract.state_bodies.forces` does for English, Arabic, Turkish, Uzbek,
Persian, Pashto and Russian. Only countries in the English demonym table are listed.

The adjectives are stems (their endings for gender and number follow), and the stems are
chosen to be unambiguous: French "nigérian-" is Nigeria and "nigérien-" Niger; Italian
"nigerian-" Nigeria, "nigerin-" Niger.
"""

from __future__ import annotations

import re

__all__ = ["FORCE_LANGS", "find_forces"]

#: English demonym (a key of ``state_bodies.DEMONYMS``) -> stems per language: (fr, es, it,
#: pt, de). A stem is completed by the language's endings (below); "" = not listed.
_STEMS: dict[str, tuple[str, str, str, str, str]] = {
    "afghan": ("afghan", "afgan", "afghan", "afeg(?:ão|ã|ãos|ãs)", "afghanisch"),
    "pakistani": ("pakistanais", "pakistan[ií]|paquistan[ií]", "pakistan", "paquistan[eê]s",
                  "pakistanisch"),
    "iranian": ("iranien", "iran[ií]", "iranian", "iranian", "iranisch"),
    "iraqi": ("irakien", "iraqu[ií]|irak[ií]", "irachen", "iraquian", "irakisch"),
    "syrian": ("syrien", "siri", "sirian", "s[ií]ri", "syrisch"),
    "nigerian": ("nig[ée]rian", "nigerian", "nigerian", "nigerian", "nigerianisch"),
    "nigerien": ("nig[ée]rien", "nigerin", "nigerin", "nigerin", "nigrisch"),
    "malian": ("malien", "maliense", "malian", "malian", "malisch"),
    "burkinabe": ("burkinab[èée]", "burkin[ée]s", "burkinab[èée]", "burquinense",
                  "burkinisch"),
    "somali": ("somalien", "somal[ií]", "somal", "somali", "somalisch"),
    "kenyan": ("k[ée]nyan", "kenian|keniat", "keniot", "quenian", "kenianisch"),
    "mozambican": ("mozambicain", "mozambiqueñ", "mozambican", "moçambican", "mosambikanisch"),
    "egyptian": ("[ée]gyptien", "egipci", "egizian", "eg[ií]pci", "ägyptisch"),
    "russian": ("russe", "rus", "russ", "russ", "russisch"),
    "turkish": ("turc|turque", "turc|turca", "turc|turch", "turc|turca", "türkisch"),
    "tajik": ("tadjik", "tayik", "tagik", "tajique", "tadschikisch"),
    "uzbek": ("ouzb[ée]k", "uzbek", "uzbek", "uzbeque", "usbekisch"),
    "kyrgyz": ("kirghiz", "kirgu[ií]s", "kirghis", "quirguiz", "kirgisisch"),
    "kazakh": ("kazakh", "kazaj", "kazak", "cazaque", "kasachisch"),
    "philippine": ("philippin", "filipin", "filippin", "filipin", "philippinisch"),
    "indonesian": ("indon[ée]sien", "indonesi", "indonesian", "indon[ée]si", "indonesisch"),
    "yemeni": ("y[ée]m[ée]nite", "yemen[ií]", "yemenit", "iemenit", "jemenitisch"),
    "saudi": ("saoudien", "saud[ií]", "saudit", "saudit", "saudisch"),
    "libyan": ("libyen", "libi", "libic", "l[ií]bi", "libysch"),
    "tunisian": ("tunisien", "tunecin", "tunisin", "tunisian", "tunesisch"),
    "algerian": ("alg[ée]rien", "argelin", "algerin", "argelin", "algerisch"),
    "moroccan": ("marocain", "marroqu[ií]", "marocchin", "marroquin", "marokkanisch"),
    "cameroonian": ("camerounais", "camerun[ée]s", "camerunese", "camaron[eê]s", "kamerunisch"),
    "chadian": ("tchadien", "chadian", "ciadian", "chadian", "tschadisch"),
    "ugandan": ("ougandais", "ugand[ée]s", "ugandese", "ugand[eê]s", "ugandisch"),
    "french": ("fran[çc]ais", "franc[ée]s", "frances", "franc[eê]s", "französisch"),
    "german": ("allemand", "alem[áa]n", "tedesc", "alem(?:ão|ã|ães|ãs)", "deutsch"),
    "spanish": ("espagnol", "español", "spagnol", "espanhol", "spanisch"),
    "italian": ("italien", "italian", "italian", "italian", "italienisch"),
    "belgian": ("belge", "belga", "belga", "belga", "belgisch"),
    "british": ("britannique", "brit[áa]nic", "britannic", "brit[âa]nic", "britisch"),
    "american": ("am[ée]ricain", "estadounidense|norteamerican", "american|statunitens",
                 "americano|americana|norte-american", "amerikanisch"),
    "indian": ("indien", "indi", "indian", "indian", "indisch"),
    "bangladeshi": ("bangladais", "bangladesí", "bengales", "bengal[ií]", "bangladeschisch"),
    "israeli": ("isra[ée]lien", "israel[ií]", "israelian", "israel[ei]", "israelisch"),
    "jordanian": ("jordanien", "jordan", "giordan", "jordanian", "jordanisch"),
    "lebanese": ("libanais", "liban[ée]s", "libanese", "liban[eê]s", "libanesisch"),
    "ukrainian": ("ukrainien", "ucranian", "ucrain", "ucranian", "ukrainisch"),
}  # fmt: skip

#: Endings after a stem, per language (gender and number; German case endings).
_ENDINGS = {
    "fr": r"(?:ne|nes|s|e|es)?",
    "es": r"(?:o|a|os|as|es|e|s|esa|esas)?",
    "it": r"(?:o|a|i|e|ese|esi)?",
    "pt": r"(?:o|a|os|as|es|e|s|esa|esas)?",
    "de": r"(?:e|en|er|es|em)",
}

#: Force nouns -> the English word, per language.
_NOUNS: dict[str, dict[str, str]] = {
    "fr": {"armée": "army", "police": "police", "gendarmerie": "gendarmerie",
           "forces armées": "armed forces", "armée de l'air": "air force"},
    "es": {"ejército": "army", "policía": "police", "fuerzas armadas": "armed forces",
           "gendarmería": "gendarmerie", "fuerza aérea": "air force"},
    "it": {"esercito": "army", "polizia": "police", "forze armate": "armed forces",
           "gendarmeria": "gendarmerie", "aeronautica": "air force"},
    "pt": {"exército": "army", "polícia": "police", "forças armadas": "armed forces",
           "força aérea": "air force"},
    "de": {"armee": "army", "polizei": "police", "streitkräfte": "armed forces",
           "streitkräften": "armed forces", "militär": "military", "militärs": "military",
           "luftwaffe": "air force", "gendarmerie": "gendarmerie"},
}  # fmt: skip

#: The languages this module reads.
FORCE_LANGS = frozenset(_NOUNS)

_COLUMN = {"fr": 0, "es": 1, "it": 2, "pt": 3, "de": 4}


def _alternation(words: list[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


def _compile(lang: str) -> tuple[re.Pattern[str], dict[str, str]]:
    """The regex of ``lang`` and a map from each stem alternative's group name to its demonym.
    Romance: noun, then (optionally "nationale", "regular"...) the adjective; German: the
    adjective, then the noun."""
    col = _COLUMN[lang]
    groups: list[str] = []
    names: dict[str, str] = {}
    for i, (demonym, stems) in enumerate(_STEMS.items()):
        stem = stems[col]
        if stem:
            groups.append(f"(?P<d{i}>(?:{stem}){_ENDINGS[lang]})")
            names[f"d{i}"] = demonym
    adjective = "(?:" + "|".join(groups) + ")"
    nouns = _alternation([re.escape(n).replace(r"\ ", r"\s+") for n in _NOUNS[lang]])
    if lang == "de":
        rx = rf"(?<![^\W\d_])(?i:{adjective})\s+(?P<noun>(?i:{nouns}))(?![^\W\d_])"
    else:
        middle = r"(?:\s+(?:nationale?s?|nacional(?:es)?|nazionale|regular(?:es)?|regolare))?"
        rx = rf"(?<![^\W\d_])(?P<noun>(?i:{nouns})){middle}\s+(?i:{adjective})(?![^\W\d_])"
    return re.compile(rx), names


_COMPILED = {lang: _compile(lang) for lang in _NOUNS}


def find_forces(text: str, lang: str) -> list[tuple[int, int, str, str]]:
    """``(start, end, demonym, force)`` for each national force in ``text`` (``lang`` one of
    :data:`FORCE_LANGS`): "l'armée malienne" -> ``(.., .., "malian", "army")``."""
    compiled = _COMPILED.get(lang)
    if compiled is None:
        return []
    rx, names = compiled
    out: list[tuple[int, int, str, str]] = []
    nouns = _NOUNS[lang]
    for m in rx.finditer(text):
        demonym = next(names[k] for k, v in m.groupdict().items() if v and k in names)
        noun = " ".join(m.group("noun").lower().split())
        out.append((m.start(), m.end(), demonym, nouns[noun]))
    return out
