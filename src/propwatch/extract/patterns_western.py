"""New-place patterns for French, Spanish, Italian, Portuguese and German news.

Reports from the Sahel, Nigeria, Mozambique or Iraq in these languages name a village no list
holds by the region it lies in ("à Tiloua, dans la région d'Ouallam", "en Kodyel, en la
provincia de Komondjari", "a Konkoro, nella regione di", "em Mucojo, na província de Cabo
Delgado") or by an apposition ("in Umarari, einer Siedlung am Rand von Maiduguri"). The name
is a place even when no gazetteer or town list knows it; the region is left to the gazetteer
and the town list. (A settlement noun before the name, "no vilarejo de Fombita", is read by the
English patterns, which these languages also run: ``pattern:town_of_romance``.)
"""

from __future__ import annotations

import re

from propwatch.extract.patterns import UPPER, Candidate

__all__ = ["candidates"]

#: One to three capitalised words, bounded (a hostile string cannot make it backtrack).
_NAME = (
    rf"[{UPPER}][\w'’-]{{1,30}}(?:[ -](?:de |du |el |la |al-)?[{UPPER}][\w'’-]{{1,30}}){{0,2}}"
)
_IN_REGION = re.compile(
    r"(?<![\w-])(?:à|a|en|em|no|na|nel|nella)\s+"
    rf"(?P<n>{_NAME}),\s+"
    r"(?:dans\s+(?:la|le|l['’])\s*(?:région|province|commune|préfecture|localité|cercle|"
    r"département)"
    r"|en\s+la\s+(?:provincia|región|regi[oó]n|comuna|localidad)"
    r"|en\s+el\s+(?:departamento|distrito|municipio|estado)"
    r"|nella\s+(?:provincia|regione)|nel\s+(?:distretto|dipartimento)"
    r"|na\s+(?:província|região|localidade)|no\s+(?:distrito|município|departamento))"
    r"(?![\w-])"
)
#: German apposition: "in Umarari, einer Siedlung am Rand der Millionenstadt Maiduguri".
_DE_APPOSITION = re.compile(
    rf"(?<![\w-])in\s+(?P<n>{_NAME}),\s+(?:einer|einem)\s+(?:\w+\s+)?"
    r"(?:Siedlung|Dorf|Ortschaft|Kleinstadt|Stadt|Gemeinde|Vorort|Viertel)(?![\w-])"
)
#: Capitalised words a sentence may put there that are no place ("à Paris" is found by the
#: town list anyway; these are words the pattern would misread).
_NOT_PLACES = frozenset({
    "La", "Le", "Les", "El", "Los", "Las", "Il", "Lo", "Gli", "O", "Os", "As", "Un", "Una",
})


def candidates(text: str) -> list[Candidate]:
    """Places introduced by the region they lie in or by an apposition."""
    out: list[Candidate] = []
    for rx, method in (
        (_IN_REGION, "pattern:place_in_region"),
        (_DE_APPOSITION, "pattern:place_apposition"),
    ):
        for m in rx.finditer(text):
            a, b = m.span("n")
            name = text[a:b]
            if name.split()[0] in _NOT_PLACES:
                continue
            out.append(Candidate("place", name, m.start(), m.end(), method, 0.75, a, b))
    return out
