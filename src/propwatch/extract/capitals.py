"""A capital named through its country: "la capital de Burkina Faso", "столице Ирака",
"پایتخت افغانستان", "Afganistan'ın başkenti", "the capital of Mali".

News names the scene of an attack in the capital this way as often as by the city's name. For
each such phrase before (or, in English and Turkish, after) a country the entities found,
:func:`capital_places` gives a place entity for the capital city, spanning the capital word
("capital de"), so that events read the city; it is no mention of its own (the extractor
passes it to events beside the places inside organisation names). The capitals come from
GeoNames' country table (``knowledge/geo/capitals.tsv``, built by ``scripts/build_capitals.py``);
the city is the gazetteer's entry when it has one, else the GeoNames town.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

from propwatch.extract.model import Entity
from propwatch.knowledge.gazetteer_model import Gazetteer

__all__ = ["capital_places", "capitals"]

#: The capital word right before a country: "the capital of (the)", "la capital de",
#: "la capitale de/d'", "la capitale di", "a capital de/do/da", "die Hauptstadt (von)",
#: "столица/столице/столицу/столицы", "пойтахти", "پایتخت", "عاصمة".
_BEFORE = re.compile(
    r"(?:\bcapital(?:\s+city)?\s+of(?:\s+the)?"
    r"|\bcapita(?:l|le)\s+(?:de(?:l|\s+la)?|du|des|d['’]|di|del(?:la|l['’])?|da|do)"
    r"|\bHauptstadt(?:\s+(?:von|des))?"
    r"|(?<!\w)столиц[аеуыи]|(?<!\w)пойтахти|(?<![\w\u0600-\u06ff])(?:پایتخت|عاصمة))"
    r"(?:\s+|(?<=['’]))$",
    re.IGNORECASE,
)
#: The capital word right after a country: "Mali's capital", "Afganistan'ın başkenti".
_AFTER = re.compile(r"(?:['’]s\s+capital\b|(?:['’]?n?[ıiuü]n)?\s+başkenti\w*)", re.IGNORECASE)
#: A possessive after the country: what follows is the capital's, not the country.
_POSSESSIVE = re.compile(r"['’]s?(?!\w)")
_POSSESSIVE_END = re.compile(r"['’]s?$")
#: How far before a country its capital word may start.
_REACH = 40


@lru_cache(maxsize=1)
def capitals() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code -> capital name (GeoNames)."""
    source = resources.files("propwatch.knowledge").joinpath("geo/capitals.tsv")
    out: dict[str, str] = {}
    for line in source.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code, capital, _country = line.split("\t")
            out[code] = capital
    return out


def _capital_entity(gazetteer: Gazetteer, code: str) -> tuple[str, str | None] | None:
    """The capital of ``code`` as (name, gazetteer id or None)."""
    name = capitals().get(code)
    if not name:
        return None
    folded = name.casefold()
    for entry in gazetteer.by_type("place"):
        if (
            entry.kind == "city" and entry.country.upper() == code
            and any(form.casefold() == folded for _lang, form in entry.all_aliases())
        ):
            return entry.name, entry.id
    return name, None


def capital_places(
    text: str, entities: Sequence[Entity], gazetteer: Gazetteer
) -> list[Entity]:
    """Place entities for the capitals ``text`` names through their countries."""
    out: list[Entity] = []
    for ent in entities:
        if ent.type != "place" or ent.attributes.get("kind") != "country":
            continue
        code = str(ent.attributes.get("country") or "").upper()
        if not code:
            continue
        phrase = _BEFORE.search(text, max(0, ent.start - _REACH), ent.start)
        if phrase is not None and (
            _POSSESSIVE.match(text, ent.end) or _POSSESSIVE_END.search(ent.text)
        ):
            phrase = None  # "the capital of Afghanistan's northern Balkh province": Balkh's
        phrase = phrase or _AFTER.match(text, ent.end)
        if phrase is None:
            continue
        found = _capital_entity(gazetteer, code)
        if found is None:
            continue
        name, gid = found
        start, end = phrase.span()
        attributes = {"kind": "city", "country": code}
        out.append(
            Entity("place", name, text[start:end], start, end, gid, attributes=attributes,
                   method="pattern:capital", confidence=0.8)
        )  # fmt: skip
    return out
