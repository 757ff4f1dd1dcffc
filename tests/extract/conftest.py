"""Fixtures shared by the extraction tests."""

from __future__ import annotations

import pytest

from propwatch.extract.extractor import Extractor
from propwatch.knowledge.gazetteer import default_gazetteer


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """The full extractor with the built-in gazetteer, without the Russian NER (a module may
    define its own ``extractor``, as test_state_bodies.py does)."""
    return Extractor(default_gazetteer(), use_ner=False)
