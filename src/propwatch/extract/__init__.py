"""Extraction: entities, attack events and relations from text (see ``docs/extraction.md``)."""
