"""The knowledge pack: taxonomy of propaganda labels, per-language lexicons and stance cues.

``load_pack()`` reads the built-in pack (``taxonomy.yaml`` and ``lexicon/<lang>.yaml`` next to
this module) and merges user packs given with ``--knowledge DIR``; ``default_pack()`` is the
built-in pack, cached. See ``docs/knowledge.md`` for the format and the merge rules.
"""

from __future__ import annotations

from propwatch.knowledge.loader import (
    BUILTIN_NAME,
    builtin_dir,
    default_pack,
    load_pack,
    pack_stats,
)
from propwatch.knowledge.model import (
    LANGUAGES,
    MATCH_MODES,
    STANCES,
    Example,
    KnowledgePack,
    Label,
    MatchMode,
    Stance,
    StanceCue,
    Term,
)
from propwatch.knowledge.validate import KnowledgePackError, Problem

__all__ = [
    "BUILTIN_NAME",
    "LANGUAGES",
    "MATCH_MODES",
    "STANCES",
    "Example",
    "KnowledgePack",
    "KnowledgePackError",
    "Label",
    "MatchMode",
    "Problem",
    "Stance",
    "StanceCue",
    "Term",
    "builtin_dir",
    "default_pack",
    "load_pack",
    "pack_stats",
]
