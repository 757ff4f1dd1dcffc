"""Typed records of the knowledge pack: labels (the taxonomy), lexicon terms and stance cues.

These are the shapes every other part of propwatch reads; the YAML files under
``propwatch/knowledge/`` (and a user's ``--knowledge DIR``) are validated into them by
:mod:`propwatch.knowledge.loader`. The records are frozen: a loaded pack is shared read-only
between threads and worker processes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "LANGUAGES",
    "MATCH_MODES",
    "STANCES",
    "Example",
    "KnowledgePack",
    "Label",
    "MatchMode",
    "Stance",
    "StanceCue",
    "Term",
]

#: Lexicon languages. ``fa`` covers Persian and Dari (a Dari-only entry says ``dialect: prs``);
#: ``uz`` entries carry both their Latin and Cyrillic forms.
LANGUAGES: tuple[str, ...] = ("tg", "uz", "ky", "ru", "fa", "ps", "ar", "tr", "en")

#: How a form must sit in the text.
#: ``word``: whole word(s), with the usual inflectional suffixes of the language allowed;
#: ``stem``: the form is a stem: any word continuation is allowed (agglutinative morphology);
#: ``exact``: whole word(s), nothing may follow.
MatchMode = Literal["word", "stem", "exact"]
MATCH_MODES: tuple[str, ...] = ("word", "stem", "exact")

Stance = Literal["endorse", "report", "counter", "neutral"]
STANCES: tuple[str, ...] = ("endorse", "report", "counter", "neutral")


@dataclass(frozen=True, slots=True)
class Example:
    """A short illustration of a label, as public reporting quotes it, with its source."""

    text: str
    source: str
    language: str = "en"


@dataclass(frozen=True, slots=True)
class Label:
    """One entry of the taxonomy.

    ``group`` is ``narrative`` (what is claimed), ``behaviour`` (what the item does: recruit,
    fundraise, incite, claim an attack) or ``code`` (derogatory code words, which support a
    narrative). ``propaganda`` says whether a detection of this label, endorsed, makes the item
    propaganda.
    """

    id: str
    name: str
    definition: str
    group: Literal["narrative", "behaviour", "code"]
    propaganda: bool = True
    disarm: str | None = None
    parent: str | None = None
    examples: tuple[Example, ...] = ()
    origin: str = ""


@dataclass(frozen=True, slots=True)
class Term:
    """A lexicon entry: a term with its spelling variants and script forms.

    ``forms`` is the canonical ``term`` followed by every ``variants`` entry; matching runs on
    all of them after normalization, so variants only need to list spellings normalization
    does not already unify (other scripts, other transliterations, inflected forms that
    ``match`` does not cover).
    """

    id: str
    language: str
    term: str
    variants: tuple[str, ...]
    labels: tuple[str, ...]
    weight: float
    match: MatchMode = "word"
    kind: Literal["term", "code_word", "slogan", "phrase", "name"] = "term"
    fp_risk: Literal["low", "medium", "high"] = "low"
    fp_note: str = ""
    source: str = ""
    dialect: str | None = None
    origin: str = ""

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.term, *self.variants)


@dataclass(frozen=True, slots=True)
class StanceCue:
    """A phrase that signals how an item relates to what it mentions.

    ``report`` (news wording: "according to", "police said"), ``counter`` (condemnation,
    counter-speech, "propaganda of ..."), ``endorse`` (praise and exhortation formulas).
    """

    id: str
    language: str
    stance: Stance
    forms: tuple[str, ...]
    weight: float = 1.0
    match: MatchMode = "word"
    note: str = ""
    origin: str = ""


@dataclass(frozen=True, slots=True)
class KnowledgePack:
    """A validated, merged knowledge pack."""

    labels: dict[str, Label]
    terms: tuple[Term, ...]
    cues: tuple[StanceCue, ...]
    sources: tuple[str, ...] = field(default=())

    def terms_for(self, language: str) -> list[Term]:
        return [term for term in self.terms if term.language == language]
