"""Load the knowledge pack: the built-in one, merged with the user's ``--knowledge DIR`` packs.

A pack directory holds ``taxonomy.yaml`` and/or ``lexicon/<lang>.yaml`` (see
``docs/knowledge.md``). Packs are applied in order, built-in first; within the merged pack
a label, term or stance cue whose ``id`` equals an earlier one *replaces* it (whole record, in
place, so order stays stable) and a new id is appended. Inside one pack an id may appear only
once: a repeat there is a mistake, not an override.

Loading happens in two rounds so that messages are useful: first every file of every pack is
read and checked on its own (all problems collected); then, on the merged pack, the checks
that need the whole picture: labels named by terms exist, parents exist and do not loop, code
words are paired with the narrative they serve. Either round raises one
:class:`~propwatch.knowledge.validate.KnowledgePackError` (a ``KnowledgeError``, PW400)
listing every problem as ``FILE:LINE: what``.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from propwatch.knowledge.model import LANGUAGES, KnowledgePack, Label, StanceCue, Term
from propwatch.knowledge.validate import (
    CUE_STANCES,
    FP_RISKS,
    GROUPS,
    ParsedCue,
    ParsedLabel,
    ParsedTerm,
    Problems,
    parse_lexicon,
    parse_taxonomy,
    read_yaml,
    suggest,
)

__all__ = ["BUILTIN_NAME", "builtin_dir", "default_pack", "load_pack", "pack_stats"]

#: How the built-in pack is named in ``KnowledgePack.sources`` and in messages.
BUILTIN_NAME = "builtin"
_YAML_SUFFIXES = (".yaml", ".yml")
_DIR_HINT = (
    "Check the --knowledge path: it must be a directory holding taxonomy.yaml, "
    "lexicon/<lang>.yaml and/or gazetteer/*.yaml (see docs/knowledge.md)."
)


def builtin_dir() -> Path:
    """The directory of the built-in pack (inside the installed package)."""
    return Path(str(resources.files("propwatch.knowledge")))


@dataclass(slots=True)
class _Pack:
    """The records of one pack directory, in file order."""

    name: str
    labels: list[ParsedLabel] = field(default_factory=list)
    terms: list[ParsedTerm] = field(default_factory=list)
    cues: list[ParsedCue] = field(default_factory=list)


def _lexicon_order(path: Path) -> tuple[int, str]:
    stem = path.stem
    return (LANGUAGES.index(stem) if stem in LANGUAGES else len(LANGUAGES), path.name)


def _read_pack(root: Path, name: str, display_root: str, problems: Problems) -> _Pack:
    """Read and check every file of one pack directory; duplicates within it are problems."""
    pack = _Pack(name)
    if not root.is_dir():
        what = "is a file, not a directory" if root.exists() else "does not exist"
        problems.add(display_root, None, f"the knowledge directory {what}", hint=_DIR_HINT)
        return pack
    taxonomy = root / "taxonomy.yaml"
    lexicon_dir = root / "lexicon"
    lexicons = (
        sorted(
            (p for p in lexicon_dir.iterdir() if p.suffix in _YAML_SUFFIXES and p.is_file()),
            key=_lexicon_order,
        )
        if lexicon_dir.is_dir()
        else []
    )
    if name != BUILTIN_NAME:
        for stray in sorted(root.iterdir()):
            if stray.suffix in _YAML_SUFFIXES and stray.name != "taxonomy.yaml":
                where = "lexicon/" if stray.stem in LANGUAGES else "taxonomy.yaml or lexicon/"
                problems.add(
                    f"{display_root}/{stray.name}",
                    None,
                    f"is not a pack file: move it to {where} (a pack holds taxonomy.yaml "
                    "and lexicon/<lang>.yaml)",
                )
    if not taxonomy.is_file() and not lexicons and not (root / "gazetteer").is_dir():
        problems.add(
            display_root,
            None,
            "holds no pack files: expected taxonomy.yaml, lexicon/<lang>.yaml and/or "
            "gazetteer/*.yaml",
            hint=_DIR_HINT,
        )
        return pack
    if taxonomy.is_file():
        display = f"{display_root}/taxonomy.yaml"
        node = read_yaml(taxonomy, display, problems)
        if node is not None:
            pack.labels = parse_taxonomy(node, display, problems)
    first: dict[str, ParsedTerm | ParsedCue] = {}
    for path in lexicons:
        display = f"{display_root}/lexicon/{path.name}"
        node = read_yaml(path, display, problems)
        parsed = parse_lexicon(node, display, path.stem, problems) if node is not None else None
        if parsed is None:
            continue
        records: list[ParsedTerm | ParsedCue] = [*parsed.terms, *parsed.cues]
        for record in records:
            ident = record.term.id if isinstance(record, ParsedTerm) else record.cue.id
            if ident in first:
                earlier = first[ident]
                problems.add(
                    record.path,
                    record.line,
                    f"id '{ident}' is already used in this pack "
                    f"({earlier.path}:{earlier.line}); ids must be unique within a pack",
                )
                continue
            first[ident] = record
            if isinstance(record, ParsedTerm):
                pack.terms.append(record)
            else:
                pack.cues.append(record)
    return pack


def _check_merged(
    labels: dict[str, ParsedLabel], terms: dict[str, ParsedTerm], problems: Problems
) -> None:
    """Checks that need the merged pack: label references, parents, code-word pairing."""
    for parsed in labels.values():
        parent = parsed.label.parent
        if parent is None:
            continue
        if parent not in labels:
            problems.add(
                parsed.path,
                parsed.parent_line,
                f"label '{parsed.label.id}', field 'parent': unknown label "
                f"'{parent}'{suggest(parent, labels)}",
            )
            continue
        seen = [parsed.label.id]
        current: str | None = parent
        while current is not None and current in labels:
            if current in seen:
                problems.add(
                    parsed.path,
                    parsed.parent_line,
                    f"label '{parsed.label.id}', field 'parent': parents form a loop "
                    f"({' -> '.join([*seen, current])})",
                )
                break
            seen.append(current)
            current = labels[current].label.parent
    for entry in terms.values():
        term = entry.term
        for label, line in zip(term.labels, entry.label_lines, strict=True):
            if label not in labels:
                problems.add(
                    entry.path,
                    line,
                    f"entry '{term.id}', field 'labels': unknown label "
                    f"'{label}'{suggest(label, labels)}",
                )
        if any(x not in labels for x in term.labels):
            continue  # reported above; the pairing check would only repeat it
        groups = {labels[x].label.group for x in term.labels}
        if "code" in groups and "narrative" not in groups:
            code = next(x for x in term.labels if labels[x].label.group == "code")
            problems.add(
                entry.path,
                entry.label_lines[0],
                f"entry '{term.id}', field 'labels': the code label '{code}' must be paired "
                "with the narrative label the code word serves (e.g. anti_shia)",
            )


def load_pack(extra_dirs: Sequence[str | Path] = (), *, builtin: bool = True) -> KnowledgePack:
    """Load, validate and merge knowledge packs.

    The built-in pack (unless ``builtin=False``) comes first, then each of ``extra_dirs`` in
    order. Raises :class:`~propwatch.errors.KnowledgeError` (PW400) naming file, line and
    field of every problem found.
    """
    problems = Problems()
    packs: list[_Pack] = []
    if builtin:
        packs.append(_read_pack(builtin_dir(), BUILTIN_NAME, "propwatch/knowledge", problems))
    for extra in extra_dirs:
        path = Path(extra)
        packs.append(_read_pack(path.expanduser(), str(path), str(path), problems))
    problems.check()

    labels: dict[str, ParsedLabel] = {}
    terms: dict[str, ParsedTerm] = {}
    cues: dict[str, ParsedCue] = {}
    # Assigning an existing key keeps its position (an override stays in place); a new key
    # is appended.
    for pack in packs:
        labels.update((p.label.id, p) for p in pack.labels)
        terms.update((p.term.id, p) for p in pack.terms)
        cues.update((p.cue.id, p) for p in pack.cues)
    _check_merged(labels, terms, problems)
    problems.check()

    merged_labels: dict[str, Label] = {ident: p.label for ident, p in labels.items()}
    merged_terms: tuple[Term, ...] = tuple(p.term for p in terms.values())
    merged_cues: tuple[StanceCue, ...] = tuple(p.cue for p in cues.values())
    return KnowledgePack(
        labels=merged_labels,
        terms=merged_terms,
        cues=merged_cues,
        sources=tuple(pack.name for pack in packs),
    )


@functools.cache
def default_pack() -> KnowledgePack:
    """The built-in pack, loaded once per process and shared (records are frozen)."""
    return load_pack()


def pack_stats(pack: KnowledgePack) -> dict[str, Any]:
    """Counts that describe a pack's coverage (JSON-ready; every language and label listed).

    Keys: ``totals`` (labels, terms, forms, cues, languages with terms), ``sources``,
    ``labels`` (id -> name, group, propaganda, disarm), ``terms_per_language``,
    ``forms_per_language``, ``terms_per_label``, ``terms_per_language_label``
    (language -> label -> terms), ``fp_risk_per_language`` (language -> low/medium/high),
    ``cues_per_language`` and ``cues_per_language_stance`` (language -> stance -> cues).
    A term with several labels counts once under each.
    """
    used = {t.language for t in pack.terms} | {c.language for c in pack.cues}
    languages = list(LANGUAGES) + sorted(used - set(LANGUAGES))
    label_ids = list(pack.labels)
    terms_per_language = Counter(t.language for t in pack.terms)
    forms_per_language = Counter[str]()
    per_label = Counter[str]()
    per_lang_label: dict[str, Counter[str]] = {lang: Counter() for lang in languages}
    fp: dict[str, Counter[str]] = {lang: Counter() for lang in languages}
    for term in pack.terms:
        forms_per_language[term.language] += len(term.forms)
        fp[term.language][term.fp_risk] += 1
        for label in term.labels:
            per_label[label] += 1
            per_lang_label[term.language][label] += 1
    cues_per_language = Counter(c.language for c in pack.cues)
    cues_stance: dict[str, Counter[str]] = {lang: Counter() for lang in languages}
    for cue in pack.cues:
        cues_stance[cue.language][cue.stance] += 1
    return {
        "totals": {
            "labels": len(pack.labels),
            "terms": len(pack.terms),
            "forms": sum(forms_per_language.values()),
            "cues": len(pack.cues),
            "languages": sum(1 for lang in languages if terms_per_language[lang]),
        },
        "sources": list(pack.sources),
        "labels": {
            ident: {
                "name": label.name,
                "group": label.group,
                "propaganda": label.propaganda,
                "disarm": label.disarm,
            }
            for ident, label in pack.labels.items()
        },
        "labels_per_group": {
            group: sum(1 for x in pack.labels.values() if x.group == group) for group in GROUPS
        },
        "terms_per_language": {lang: terms_per_language[lang] for lang in languages},
        "forms_per_language": {lang: forms_per_language[lang] for lang in languages},
        "terms_per_label": {ident: per_label[ident] for ident in label_ids},
        "terms_per_language_label": {
            lang: {ident: per_lang_label[lang][ident] for ident in label_ids} for lang in languages
        },
        "fp_risk_per_language": {
            lang: {risk: fp[lang][risk] for risk in FP_RISKS} for lang in languages
        },
        "cues_per_language": {lang: cues_per_language[lang] for lang in languages},
        "cues_per_language_stance": {
            lang: {stance: cues_stance[lang][stance] for stance in CUE_STANCES}
            for lang in languages
        },
    }
