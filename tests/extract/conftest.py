"""Fixtures and helpers shared by the extraction tests."""

from __future__ import annotations

from datetime import date

import pytest

from propwatch.extract.extractor import Extractor
from propwatch.extract.model import Event
from propwatch.knowledge.gazetteer import default_gazetteer


def one_event(extractor: Extractor, text: str, lang: str, day: date | None = None) -> Event:
    """The one event ``extractor`` finds in ``text`` (fails if it finds none or several)."""
    (event,) = extractor.extract(text, lang, doc_date=day).events
    return event


def place_names(extractor: Extractor, text: str, lang: str) -> list[str]:
    """The names of the places ``extractor`` finds in ``text``, in text order."""
    return [e.name for e in extractor.extract(text, lang).entities if e.type == "place"]


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """The full extractor with the built-in gazetteer, without the Russian NER (a module may
    define its own ``extractor``, as test_state_bodies.py does)."""
    return Extractor(default_gazetteer(), use_ner=False)
