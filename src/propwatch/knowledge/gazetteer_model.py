"""The gazetteer: named things propwatch knows (groups, wings, outlets, publications, channels,
leaders, places), each with its aliases in every script it is written in, typed relations
between entries, and a source.

Loaded from ``gazetteer/*.yaml`` in a knowledge pack (see ``docs/knowledge.md``) by
:func:`propwatch.knowledge.gazetteer.load_gazetteer`. The gazetteer holds *names*, never
events: what happened where is extracted from text, not looked up.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "ENTRY_TYPES",
    "GAZ_RELATION_TYPES",
    "PLACE_KINDS",
    "GazAlias",
    "GazEntry",
    "GazRelation",
    "Gazetteer",
]

#: Entity types, shared with extraction output (``propwatch analyze --json`` ``entities[].type``).
EntityType = Literal["organization", "media_outlet", "channel", "publication", "person", "place"]
ENTRY_TYPES: tuple[str, ...] = (
    "organization", "media_outlet", "channel", "publication", "person", "place",
)  # fmt: skip

#: Typed relations between gazetteer entries.
GAZ_RELATION_TYPES: tuple[str, ...] = (
    "wing_of",         # organization -> organization (ISKP wing_of Islamic State)
    "outlet_of",       # media_outlet -> organization (Al-Azaim outlet_of ISKP)
    "publication_of",  # publication -> media_outlet or organization (Voice of Khurasan -> Al-Azaim)
    "successor_of",    # any -> same type (a renamed outlet or group)
    "member_of",       # person -> organization
    "located_in",      # place -> place (Shiraz located_in Fars province located_in Iran)
    "channel_of",      # channel -> media_outlet or organization
)

#: ``kind`` values for places (most specific last).
PLACE_KINDS: tuple[str, ...] = (
    "region", "country", "province", "city", "district", "site",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class GazRelation:
    type: str
    target: str  # a GazEntry id
    source: str = ""  # where this relation is documented


@dataclass(frozen=True, slots=True)
class GazEntry:
    """One named thing. ``aliases`` maps a language code (``LANGUAGES`` of the knowledge
    model, plus ``"any"`` for script-neutral forms such as acronyms) to its written forms;
    ``name`` (the canonical English name) is always an alias too."""

    id: str
    type: str  # one of ENTRY_TYPES
    name: str
    aliases: dict[str, tuple[str, ...]]
    #: Finer type: organizations ``group``/``wing``/``state_body``/``agency``...; places
    #: one of PLACE_KINDS; publications ``magazine``/``newsletter``/``video_series``...
    kind: str = ""
    #: ISO 3166-1 alpha-2 country code for places and state bodies ("IR", "AF", ...).
    country: str = ""
    relations: tuple[GazRelation, ...] = ()
    #: Free attributes: ``kunya``, ``handle`` (Telegram, without @), ``language`` of a
    #: publication, ``wikidata`` id, ``founded``...
    attributes: dict[str, Any] = field(default_factory=dict)
    #: Words that often mean something else ("Khorasan" is also an Iranian province).
    fp_note: str = ""
    #: True when an alias alone is too ambiguous to count without context (a common word).
    ambiguous: bool = False
    source: str = ""
    #: Which pack the entry came from (``builtin`` or the user's directory).
    pack: str = "builtin"
    #: Forms matched only in texts of some languages (form -> language codes): German
    #: writes the Islamic State "IS", where in English "IS" is a word of every headline in
    #: capitals. A form not listed here is matched in a text of any language.
    only_in: dict[str, frozenset[str]] = field(default_factory=dict)

    def allowed_in(self, form: str, language: str) -> bool:
        """Whether ``form`` of this entry counts in a text of ``language``."""
        languages = self.only_in.get(form)
        return languages is None or language in languages

    def all_aliases(self) -> Iterator[tuple[str, str]]:
        """``(language, form)`` for the name and every alias, without repeats."""
        seen: set[str] = set()
        for lang, form in [("en", self.name)] + [
            (lang, form) for lang, forms in self.aliases.items() for form in forms
        ]:
            if form not in seen:
                seen.add(form)
                yield lang, form

    def related(self, rel_type: str) -> tuple[str, ...]:
        return tuple(r.target for r in self.relations if r.type == rel_type)


@dataclass(frozen=True, slots=True)
class GazAlias:
    """One gazetteer form as a :class:`propwatch.detect.matcher.Pattern`."""

    id: str  # the GazEntry id
    language: str
    match: str  # "word" (suffix-tolerant) or "exact" (acronyms, handles)
    forms: tuple[str, ...]


@dataclass(slots=True)
class Gazetteer:
    entries: dict[str, GazEntry] = field(default_factory=dict)
    sources: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, entry_id: str) -> GazEntry | None:
        return self.entries.get(entry_id)

    def by_type(self, entry_type: str) -> list[GazEntry]:
        return [e for e in self.entries.values() if e.type == entry_type]

    def ancestors(self, entry_id: str, rel_type: str = "located_in") -> list[GazEntry]:
        """Follow ``rel_type`` upwards (first target each step), nearest first; stops on a
        loop, so a broken user gazetteer cannot hang it."""
        out: list[GazEntry] = []
        seen = {entry_id}
        current = self.entries.get(entry_id)
        while current is not None:
            targets = current.related(rel_type)
            if not targets or targets[0] in seen:
                break
            seen.add(targets[0])
            current = self.entries.get(targets[0])
            if current is not None:
                out.append(current)
        return out

    def country_by_code(self, code: str) -> GazEntry | None:
        """The country entry with ISO code ``code`` ("PK"), if the gazetteer has one."""
        code = code.upper()
        return next(
            (e for e in self.entries.values() if e.kind == "country" and e.country == code), None
        )

    def country_of(self, entry_id: str) -> GazEntry | None:
        """The country a place (or a state body) belongs to, if known."""
        entry = self.entries.get(entry_id)
        if entry is None:
            return None
        if entry.type == "place" and entry.kind == "country":
            return entry
        for parent in self.ancestors(entry_id):
            if parent.kind == "country":
                return parent
        if entry.country:
            for candidate in self.entries.values():
                if candidate.kind == "country" and candidate.country == entry.country:
                    return candidate
        return None
