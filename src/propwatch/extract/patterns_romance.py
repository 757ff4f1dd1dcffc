"""New-place patterns for French, Spanish, Italian and Portuguese news.

Reports from the Sahel, Mozambique or Iraq in these languages name a village no list holds by
the region it lies in: "à Tiloua, dans la région d'Ouallam", "en Kodyel, en la provincia de
Komondjari", "a Konkoro, nella regione di", "em Mucojo, na província de Cabo Delgado". The
name before the comma is a place even when no gazetteer or town list knows it; the region is
left to the gazetteer and the town list.
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
#: Capitalised words a sentence may put there that are no place ("à Paris" is found by the
#: town list anyway; these are words the pattern would misread).
_NOT_PLACES = frozenset({
    "La", "Le", "Les", "El", "Los", "Las", "Il", "Lo", "Gli", "O", "Os", "As", "Un", "Una",
})


def candidates(text: str) -> list[Candidate]:
    """Places introduced by the region they lie in."""
    out: list[Candidate] = []
    for m in _IN_REGION.finditer(text):
        a, b = m.span("n")
        name = text[a:b]
        if name.split()[0] in _NOT_PLACES:
            continue
        out.append(
            Candidate("place", name, m.start(), m.end(), "pattern:place_in_region", 0.75, a, b)
        )
    return out
