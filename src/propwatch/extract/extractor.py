"""The extractor: entities, attack events and relations of one text, with evidence.

``Extractor.extract(text)`` runs the three steps in order (entities from the gazetteer,
patterns and Russian NER; events over those entities; relations over both) and returns an
:class:`~propwatch.extract.model.Extraction`. :func:`to_annotations` gives its stored form,
which the store turns into the merged knowledge graph.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from propwatch.extract.capitals import capital_places
from propwatch.extract.entities import EntityExtractor, entity_key
from propwatch.extract.events import find_events
from propwatch.extract.model import Entity, Extraction, Relation, Span
from propwatch.extract.relations import build_relations
from propwatch.knowledge.gazetteer import default_gazetteer, load_gazetteer
from propwatch.knowledge.gazetteer_model import Gazetteer
from propwatch.model import Annotation
from propwatch.normalize import fold_homoglyphs, identify

__all__ = [
    "COMPONENT",
    "GEO_ENV",
    "MAX_EXTRACT_CHARS",
    "NER_ENV",
    "VERSION",
    "Extractor",
    "default_extractor",
    "forwarded_relation",
    "to_annotations",
]

COMPONENT = "extract"
VERSION = "1"
#: Extraction reads at most this many characters of an item (as detection does).
MAX_EXTRACT_CHARS = 200_000
KNOWLEDGE_ENV = "PROPWATCH_KNOWLEDGE"


class Extractor:
    """Entities, events and relations; one instance is reusable and thread-compatible."""

    def __init__(
        self, gazetteer: Gazetteer, *, use_ner: bool = True, ner_min_chars: int = 0,
        use_geo: bool = True,
    ) -> None:
        self.gazetteer = gazetteer
        self.entities = EntityExtractor(
            gazetteer, use_ner=use_ner, ner_min_chars=ner_min_chars, use_geo=use_geo
        )

    @classmethod
    def from_options(
        cls, knowledge: Sequence[str | Path] = (), *, use_ner: bool = True,
        ner_min_chars: int = 0, use_geo: bool = True,
    ) -> Extractor:
        """``ner_min_chars``: NER (natasha for Russian, spaCy for English) only on texts at
        least this long;
        ``use_geo``: also towns from the GeoNames list (:mod:`propwatch.extract.geo_places`)."""
        gazetteer = load_gazetteer(knowledge) if knowledge else default_gazetteer()
        return cls(gazetteer, use_ner=use_ner, ner_min_chars=ner_min_chars, use_geo=use_geo)

    def extract(
        self,
        text: str,
        language: str | None = None,
        *,
        doc_date: date | datetime | None = None,
        doc_precision: str = "day",
    ) -> Extraction:
        """Everything extraction finds in ``text``. ``language`` defaults to propwatch's own
        language identification; ``doc_date`` resolves "on Wednesday" and "yesterday";
        ``doc_precision="month"`` when only the month of the document is known (see
        :func:`~propwatch.extract.dates.find_dates`)."""
        text = text[:MAX_EXTRACT_CHARS]
        folded = fold_homoglyphs(text)
        if folded != text and len(folded) == len(text):
            # "В aфгaнcкoм гopoдe Аcaдaбaд" (Latin look-alikes in Russian words): read the
            # folded text, quote the original (folding keeps every offset)
            return _quoting(self._extract(folded, language, doc_date, doc_precision), text)
        return self._extract(text, language, doc_date, doc_precision)

    def _extract(
        self, text: str, language: str | None, doc_date: date | datetime | None,
        doc_precision: str,
    ) -> Extraction:
        lang = language if language and language != "und" else identify(text).lang
        day = doc_date.date() if isinstance(doc_date, datetime) else doc_date
        nested: list[Entity] = []
        entities = self.entities.extract(text, lang, nested=nested)
        # "la capital de Burkina Faso": events read the capital; it is no mention of its own
        nested += capital_places(text, entities, self.gazetteer)
        # events also read the places inside organisation names ("the Kabul police
        # headquarters"); they are not mentions of their own
        seen = sorted([*entities, *nested], key=lambda e: (e.start, e.end)) if nested else entities
        events = find_events(
            text, lang, seen, doc_date=day, doc_precision=doc_precision,
            gazetteer=self.gazetteer,
        )
        relations = build_relations(text, entities, events, self.gazetteer)
        return Extraction(entities, events, relations)


def _quoting(found: Extraction, text: str) -> Extraction:
    """``found`` (read from a homoglyph-folded copy of ``text``) quoting ``text`` itself."""

    def span(s: Span) -> Span:
        return Span(s.start, s.end, text[s.start : s.end])

    for ent in found.entities:
        ent.text = text[ent.start : ent.end]
    for event in found.events:
        if event.date is not None:
            d = event.date
            event.date = dataclasses.replace(d, text=text[d.start : d.end])
        event.killed = [dataclasses.replace(f, text=text[f.start : f.end]) for f in event.killed]
        event.injured = [dataclasses.replace(f, text=text[f.start : f.end]) for f in event.injured]
        event.evidence = [span(s) for s in event.evidence]
    for rel in found.relations:
        rel.evidence = [span(s) for s in rel.evidence]
    return found


#: ``$PROPWATCH_NER=1`` (``propwatch ingest --ner``) turns NER on in ingest: natasha for
#: Russian, spaCy for English (:mod:`propwatch.extract.ner_en`, if ``propwatch[ner-en]`` is
#: installed). It is off by default there: each model costs 10-50 ms per item of its
#: language, more than everything else extraction does (docs/extraction.md). ``analyze``
#: and ``eval extraction`` use it.
NER_ENV = "PROPWATCH_NER"
#: ``$PROPWATCH_GEO=0`` turns the GeoNames town list off in ingest (about 12 MB less per
#: analysis worker; towns the gazetteer lacks are then found only by the place patterns).
GEO_ENV = "PROPWATCH_GEO"


def default_extractor() -> Extractor:
    """The process-wide extractor used by ingest: the built-in gazetteer plus the packs that
    ``$PROPWATCH_KNOWLEDGE`` names; Russian NER only if ``$PROPWATCH_NER`` is ``1``; the
    GeoNames towns unless ``$PROPWATCH_GEO`` is ``0``. Built on first use, once per
    configuration."""
    knowledge = tuple(p for p in os.environ.get(KNOWLEDGE_ENV, "").split(os.pathsep) if p)
    return _extractor_for(
        knowledge, os.environ.get(NER_ENV) == "1", os.environ.get(GEO_ENV) != "0"
    )


@lru_cache(maxsize=4)
def _extractor_for(knowledge: tuple[str, ...], ner: bool, geo: bool = True) -> Extractor:
    return Extractor.from_options(knowledge, use_ner=ner, use_geo=geo)


def _keys(entities: Sequence[Entity]) -> dict[str, str]:
    out: dict[str, str] = {}
    for ent in entities:
        out.setdefault(ent.name, entity_key(ent))
        for alias in ent.aliases:
            out.setdefault(alias, entity_key(ent))
    return out


def forwarded_relation(channel: str, forwarded_from: str) -> Relation:
    """``channel`` reposted an item first published by ``forwarded_from``."""
    return Relation(
        "forwarded_from", channel, forwarded_from, [], "channel", "channel",
        basis="metadata",
    )  # fmt: skip


def to_annotations(extraction: Extraction) -> list[Annotation]:
    """Stored form: one ``entity`` annotation per mention (``data`` = the entity JSON plus
    its merge ``key``), one ``event`` per event, one ``relation`` per relation (with the
    merge keys of its ends, or null for events and free-text ends)."""
    out: list[Annotation] = []
    for ent in extraction.entities:
        data = ent.to_json()
        data["key"] = entity_key(ent)
        out.append(
            Annotation(COMPONENT, VERSION, "entity", ent.type, ent.confidence, ent.start,
                       ent.end, data)
        )  # fmt: skip
    for event in extraction.events:
        first = event.evidence[0] if event.evidence else None
        out.append(
            Annotation(COMPONENT, VERSION, "event", event.type, event.confidence,
                       first.start if first else None, first.end if first else None,
                       event.to_json())
        )  # fmt: skip
    keys = _keys(extraction.entities)
    for rel in extraction.relations:
        data = rel.to_json()
        data["source_key"] = keys.get(rel.source)
        data["target_key"] = keys.get(rel.target)
        first = rel.evidence[0] if rel.evidence else None
        out.append(
            Annotation(COMPONENT, VERSION, "relation", rel.type, 1.0,
                       first.start if first else None, first.end if first else None, data)
        )  # fmt: skip
    return out
