"""Load the gazetteer: the built-in ``gazetteer/*.yaml`` merged with the user's packs.

Each pack directory (the built-in one, then every ``--knowledge DIR`` in order) may hold a
``gazetteer/`` folder of YAML files, each an ``entries:`` list (format: ``docs/gazetteer.md``,
editor schema: ``schema/gazetteer.schema.json``). The merge follows the knowledge-pack rules:
an entry whose ``id`` equals an earlier one *replaces* it (whole entry, same position), a new id
is appended, and inside one pack an id may appear only once.

One addition: an entry with ``same_as: OTHER_ID`` is not an entry of its own but *adds* its
aliases (and relations, and its ``name`` as an English alias) to ``OTHER_ID``; chains
(``a same_as b``, ``b same_as c``) resolve to the end. Additions apply to the merged entry, so
they survive a later pack that redefines the target.

Checks (all collected, then raised as one :class:`~propwatch.knowledge.validate.
KnowledgePackError`, PW400, ``FILE:LINE: what``): fields and their types, ``type`` in
``ENTRY_TYPES``, place ``kind`` in ``PLACE_KINDS``, alias languages, non-empty aliases, a
``source`` on every entry, relation types and the kinds of entries they may join, relation and
``same_as`` targets that exist after the merge, and no loop through ``same_as`` or through
``located_in``/``wing_of``/``successor_of``. Every walk is iterative and visits each entry a
bounded number of times, so a user file with a 10 000-entry chain or loop is reported, not
followed forever.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Final

from propwatch.knowledge.gazetteer_model import (
    ENTRY_TYPES,
    GAZ_RELATION_TYPES,
    PLACE_KINDS,
    GazEntry,
    Gazetteer,
    GazRelation,
)
from propwatch.knowledge.loader import BUILTIN_NAME, builtin_dir
from propwatch.knowledge.model import LANGUAGES
from propwatch.knowledge.validate import (
    Node,
    Problems,
    _Fields,
    _mapping_items,
    _top,
    read_yaml,
    suggest,
)

__all__ = [
    "ACYCLIC_RELATIONS",
    "ALIAS_LANGUAGES",
    "GAZ_ENTRY_FIELDS",
    "GAZ_FILE_FIELDS",
    "GAZ_RELATION_FIELDS",
    "RELATION_ENDS",
    "default_gazetteer",
    "gazetteer_stats",
    "load_gazetteer",
]

#: Languages an alias may be filed under: the lexicon languages, Dari (``prs``, when a form is
#: Dari-only) and ``any`` for script-neutral forms (acronyms, Latin brand names).
ALIAS_LANGUAGES: Final[tuple[str, ...]] = (*LANGUAGES[:5], "prs", *LANGUAGES[5:], "any")

# field name -> required?
GAZ_FILE_FIELDS: Final[Mapping[str, bool]] = {"version": False, "entries": True}
GAZ_ENTRY_FIELDS: Final[Mapping[str, bool]] = {
    "id": True,
    "type": False,  # required unless same_as
    "name": False,  # required unless same_as
    "same_as": False,
    "kind": False,  # required for places
    "country": False,  # required for state bodies
    "aliases": False,
    "relations": False,
    "attributes": False,
    "fp_note": False,
    "ambiguous": False,
    "only_in": False,
    "source": True,
}
GAZ_RELATION_FIELDS: Final[Mapping[str, bool]] = {"type": True, "target": True, "source": False}
#: What a ``same_as`` entry may carry besides ``id`` and ``source``.
_SAME_AS_FIELDS: Final = frozenset(
    {"id", "same_as", "type", "name", "aliases", "relations", "only_in", "source"}
)

#: relation type -> (entry types it may start from, entry types it may point to); ``None``
#: for "the same type as the start" (``successor_of``).
RELATION_ENDS: Final[Mapping[str, tuple[frozenset[str], frozenset[str] | None]]] = {
    "wing_of": (frozenset({"organization"}), frozenset({"organization"})),
    "outlet_of": (frozenset({"media_outlet"}), frozenset({"organization", "media_outlet"})),
    "publication_of": (frozenset({"publication"}), frozenset({"media_outlet", "organization"})),
    "successor_of": (frozenset(ENTRY_TYPES), None),
    "member_of": (frozenset({"person"}), frozenset({"organization", "media_outlet"})),
    "located_in": (frozenset({"place"}), frozenset({"place"})),
    "channel_of": (
        frozenset({"channel"}),
        frozenset({"media_outlet", "organization", "publication", "person"}),
    ),
}
#: Relations that must not loop (a place inside itself, a group its own wing).
ACYCLIC_RELATIONS: Final[tuple[str, ...]] = ("located_in", "wing_of", "successor_of")

_ID = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
_KIND = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
_COUNTRY = re.compile(r"[A-Z]{2}")
_LANG_CODE = re.compile(r"[a-z]{2,3}")
_WIKIDATA = re.compile(r"Q[1-9][0-9]*")
_HANDLE = re.compile(r"[A-Za-z][A-Za-z0-9_]{3,31}")
#: An alias must have at least this many characters (one letter would match everywhere).
_MIN_ALIAS: Final = 2
_MAX_ALIAS: Final = 200
#: How many entries of a loop a message spells out.
_SHOW_LOOP: Final = 6
_DIR_HINT: Final = (
    "Check the --knowledge path: it must be a directory; its gazetteer files go in "
    "gazetteer/*.yaml (see docs/gazetteer.md)."
)


# --------------------------------------------------------------------------- parsing


@dataclass(slots=True)
class _Parsed:
    """One entry as read from its file, with the lines messages need."""

    entry: GazEntry
    path: str
    line: int
    same_as: str | None = None
    same_as_line: int = 0
    #: (relation, path, line) for each relation, so a merged entry still knows where each
    #: relation was written
    relations: list[tuple[GazRelation, str, int]] = field(default_factory=list)


def _entry_label(node: Node, number: int) -> str:
    raw = node.value.get("id")
    if raw is not None and isinstance(raw.value, str) and raw.value.strip():
        return f"entry '{raw.value.strip()}'"
    return f"entry #{number}"


def _aliases(f: _Fields, what: str) -> dict[str, tuple[str, ...]]:
    """The ``aliases`` mapping: known language -> non-empty list of distinct forms."""
    node = f.values.get("aliases")
    if node is None or node.value is None:
        return {}
    if not isinstance(node.value, dict):
        f.fail(
            "aliases",
            f"must be a mapping of language to names, e.g. {{ru: [ИГИЛ]}} (got {node.describe()})",
        )
        return {}
    sub = _Fields(node, f"{what}, aliases", {}, f.path, f.problems)
    out: dict[str, tuple[str, ...]] = {}
    for lang in node.value:
        if lang not in ALIAS_LANGUAGES:
            f.fail_at(
                node.key_lines.get(lang, node.line),
                f"{what}, field 'aliases': unknown language '{lang}'"
                f"{suggest(lang, ALIAS_LANGUAGES)}; use one of {', '.join(ALIAS_LANGUAGES)}",
            )
            continue
        forms = sub.text_list(lang, at_least=1)
        for form, line in forms:
            if not _MIN_ALIAS <= len(form) <= _MAX_ALIAS:
                sub.fail_at(
                    line,
                    f"{what}, aliases '{lang}': {form[:40]!r} must be {_MIN_ALIAS} to "
                    f"{_MAX_ALIAS} characters long",
                )
        out[lang] = tuple(form for form, _ in forms)
    f.failed = f.failed or sub.failed
    return out


def _only_in(
    f: _Fields, what: str, forms: set[str]
) -> dict[str, frozenset[str]]:
    """The ``only_in`` mapping: one of the entry's forms -> the language codes of the texts
    it is matched in (any code, not only the alias languages: German ``de`` for "IS")."""
    node = f.values.get("only_in")
    if node is None or node.value is None:
        return {}
    if not isinstance(node.value, dict):
        f.fail("only_in", f"must be a mapping of a form to languages, e.g. {{IS: [de]}} "
               f"(got {node.describe()})")  # fmt: skip
        return {}
    out: dict[str, frozenset[str]] = {}
    for form, langs in node.value.items():
        line = node.key_lines.get(form, node.line)
        if form not in forms:
            f.fail_at(line, f"{what}, field 'only_in': {str(form)[:40]!r} is not one of the "
                      "entry's names or aliases (list it under 'aliases' too)")  # fmt: skip
            continue
        codes = langs.value if isinstance(langs.value, list) else None
        if not codes or not all(
            isinstance(c.value, str) and _LANG_CODE.fullmatch(c.value) for c in codes
        ):
            f.fail_at(line, f"{what}, field 'only_in', {form!r}: must be a list of language "
                      "codes such as [ps, fa]")  # fmt: skip
            continue
        out[form] = frozenset(str(c.value) for c in codes)
    return out


def _plain(node: Node) -> Any:
    """A node as JSON-ready Python data: dates become ISO text (the node tree is
    depth-limited by ``read_yaml``)."""
    if isinstance(node.value, dict):
        return {key: _plain(value) for key, value in node.value.items()}
    if isinstance(node.value, list):
        return [_plain(item) for item in node.value]
    if isinstance(node.value, date):
        return node.value.isoformat()
    return node.value


def _attributes(f: _Fields, what: str) -> dict[str, Any]:
    node = f.values.get("attributes")
    if node is None or node.value is None:
        return {}
    if not isinstance(node.value, dict):
        f.fail("attributes", f"must be a mapping, e.g. {{kunya: Abu Bakr}} (got {node.describe()})")
        return {}
    attrs: dict[str, Any] = _plain(node)

    def bad(key: str, message: str) -> None:
        f.fail_at(node.key_lines.get(key, node.line), f"{what}, attribute '{key}': {message}")

    for key in ("kunya", "handle", "wikidata"):
        if key in attrs and not (isinstance(attrs[key], str) and attrs[key].strip()):
            bad(key, "must be text")
    if isinstance(attrs.get("handle"), str) and not _HANDLE.fullmatch(attrs["handle"]):
        bad("handle", "must be a Telegram username without @ (5-32 letters, digits, _)")
    if isinstance(attrs.get("wikidata"), str) and not _WIKIDATA.fullmatch(attrs["wikidata"]):
        bad("wikidata", f"must be a Wikidata id like Q123 (got {attrs['wikidata']!r})")
    if "founded" in attrs:
        year = attrs["founded"]
        if isinstance(year, bool) or not isinstance(year, int) or not 600 <= year <= 2100:
            bad("founded", f"must be a year between 600 and 2100 (got {year!r})")
    if "language" in attrs:
        langs = attrs["language"] if isinstance(attrs["language"], list) else [attrs["language"]]
        if not langs or not all(isinstance(x, str) and _LANG_CODE.fullmatch(x) for x in langs):
            bad("language", "must be a language code such as ps, or a list of them")
    return attrs


def _relations(
    f: _Fields, what: str, path: str, problems: Problems
) -> list[tuple[GazRelation, str, int]]:
    out: list[tuple[GazRelation, str, int]] = []
    seen: set[tuple[str, str]] = set()
    for number, item in _mapping_items(f, "relations", "relation"):
        r = _Fields(item, f"{what}, relation #{number}", GAZ_RELATION_FIELDS, path, problems)
        r.check_names()
        rel_type = r.choice("type", GAZ_RELATION_TYPES, "")
        target = r.text("target")
        if target and not _ID.fullmatch(target):
            r.fail("target", f"must be an entry id such as islamic_state (got {target!r})")
        source = r.text("source", allow_empty=True)
        f.failed = f.failed or r.failed
        if r.failed or (rel_type, target) in seen:
            continue
        seen.add((rel_type, target))
        out.append((GazRelation(rel_type, target, source), path, item.line))
    return out


def _parse_entry(
    node: Node, number: int, path: str, pack: str, problems: Problems
) -> _Parsed | None:
    what = _entry_label(node, number)
    f = _Fields(node, what, GAZ_ENTRY_FIELDS, path, problems)
    f.check_names()
    ident = f.text("id")
    if ident and not _ID.fullmatch(ident):
        f.fail("id", f"must be snake_case ASCII, e.g. islamic_state (got {ident!r})")
    same_as = f.optional_text("same_as")
    if same_as is not None and not _ID.fullmatch(same_as):
        f.fail("same_as", f"must be an entry id such as islamic_state (got {same_as!r})")
    if same_as is not None:
        for name in node.value:
            if name not in _SAME_AS_FIELDS and name in GAZ_ENTRY_FIELDS:
                f.fail(
                    name,
                    f"cannot be used with same_as (it only adds aliases and relations to "
                    f"'{same_as}'; to change '{same_as}' itself, redefine it with its own id)",
                )
    else:
        for name in ("type", "name"):
            if name not in f.values:
                f.fail_at(node.line, f"{what}: missing required field '{name}'")
    entry_type = f.choice("type", ENTRY_TYPES, "")
    name = f.text("name")
    kind = f.text("kind")
    if kind and entry_type == "place" and kind not in PLACE_KINDS:
        f.fail("kind", f"must be one of {', '.join(PLACE_KINDS)} for a place (got {kind!r})"
               f"{suggest(kind, PLACE_KINDS)}")  # fmt: skip
    elif kind and not _KIND.fullmatch(kind):
        f.fail("kind", f"must be a snake_case word such as state_body (got {kind!r})")
    elif not kind and entry_type == "place" and same_as is None and "kind" not in f.bad:
        f.fail_at(node.line, f"{what}: a place needs 'kind' ({', '.join(PLACE_KINDS)})")
    country = f.text("country")
    if country and not _COUNTRY.fullmatch(country):
        f.fail("country", f"must be an ISO 3166 two-letter code such as IR (got {country!r})")
    elif not country and kind == "state_body" and "country" not in f.bad:
        f.fail_at(node.line, f"{what}: a state body needs 'country' (ISO code such as RU)")
    aliases = _aliases(f, what)
    relations = _relations(f, what, path, problems)
    attributes = _attributes(f, what)
    fp_note = f.text("fp_note", allow_empty=True)
    ambiguous = f.boolean("ambiguous", False)
    forms = {form for group in aliases.values() for form in group} | ({name} if name else set())
    only_in = _only_in(f, what, forms)
    source = f.text("source")
    if same_as is not None and not aliases and not relations and not name:
        f.fail_at(node.line, f"{what}: a same_as entry must add aliases, relations or a name")
    if f.failed:
        return None
    entry = GazEntry(
        id=ident, type=entry_type, name=name, aliases=aliases, kind=kind, country=country,
        relations=tuple(rel for rel, _, _ in relations), attributes=attributes,
        fp_note=fp_note, ambiguous=ambiguous, source=source, pack=pack, only_in=only_in,
    )  # fmt: skip
    return _Parsed(entry, path, node.line, same_as, f.line("same_as"), relations)


def _parse_file(root: Node, path: str, pack: str, problems: Problems) -> list[_Parsed]:
    top = _top(root, path, GAZ_FILE_FIELDS, "gazetteer", problems)
    if top is None:
        return []
    items = _mapping_items(top, "entries", "entry")
    return [
        parsed
        for number, node in items
        if (parsed := _parse_entry(node, number, path, pack, problems)) is not None
    ]


def _read_pack(root: Path, name: str, display_root: str, problems: Problems) -> list[_Parsed]:
    """Every entry of one pack's ``gazetteer/`` folder; a repeated id there is a problem."""
    if not root.is_dir():
        what = "is a file, not a directory" if root.exists() else "does not exist"
        problems.add(display_root, None, f"the knowledge directory {what}", hint=_DIR_HINT)
        return []
    folder = root / "gazetteer"
    if not folder.exists():
        return []
    if not folder.is_dir():
        problems.add(f"{display_root}/gazetteer", None, "must be a directory of *.yaml files")
        return []
    files = sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    out: list[_Parsed] = []
    first: dict[str, _Parsed] = {}
    for file in files:
        display = f"{display_root}/gazetteer/{file.name}"
        node = read_yaml(file, display, problems)
        if node is None:
            continue
        for parsed in _parse_file(node, display, name, problems):
            ident = parsed.entry.id
            if ident in first:
                earlier = first[ident]
                problems.add(
                    parsed.path,
                    parsed.line,
                    f"id '{ident}' is already used in this pack ({earlier.path}:{earlier.line});"
                    " ids must be unique within a pack",
                )
                continue
            first[ident] = parsed
            out.append(parsed)
    return out


# --------------------------------------------------------------------------- merging


def _loop_text(ids: Sequence[str]) -> str:
    """``a -> b -> c -> a``, shortened for long loops."""
    shown = list(ids) if len(ids) <= _SHOW_LOOP else [*ids[:3], "...", *ids[-2:]]
    return " -> ".join([*shown, ids[0]]) + (f", {len(ids)} entries" if len(ids) > 1 else "")


def _resolve_same_as(
    regular: Mapping[str, _Parsed], redirects: Mapping[str, _Parsed], problems: Problems
) -> dict[str, str]:
    """Redirect id -> the regular entry it ends at. Iterative; each id is walked once."""
    resolved: dict[str, str | None] = {}
    for start in redirects:
        path: list[str] = []
        on_path: set[str] = set()
        current = start
        result: str | None
        while True:
            if current in resolved:
                result = resolved[current]
                break
            if current in regular:
                result = current
                break
            if current not in redirects:
                last = redirects[path[-1]]
                problems.add(
                    last.path,
                    last.same_as_line,
                    f"entry '{last.entry.id}', field 'same_as': unknown entry "
                    f"'{current}'{suggest(current, [*regular, *redirects])}",
                )
                result = None
                break
            if current in on_path:
                loop = path[path.index(current) :]
                head = redirects[loop[0]]
                problems.add(
                    head.path,
                    head.same_as_line,
                    f"entry '{head.entry.id}', field 'same_as': same_as forms a loop "
                    f"({_loop_text(loop)}); one of them must be a real entry",
                )
                result = None
                break
            path.append(current)
            on_path.add(current)
            target = redirects[current].same_as
            assert target is not None  # redirects only hold same_as entries
            current = target
        for ident in path:
            resolved[ident] = result
    return {ident: target for ident, target in resolved.items() if target is not None}


@dataclass(slots=True)
class _Merged:
    """A merged entry being assembled: its record, plus aliases and relations added to it."""

    parsed: _Parsed
    aliases: dict[str, list[str]]
    relations: list[tuple[GazRelation, str, int]]
    only_in: dict[str, frozenset[str]] = field(default_factory=dict)

    def add_alias(self, lang: str, form: str) -> None:
        forms = self.aliases.setdefault(lang, [])
        if form not in forms and form != self.parsed.entry.name:
            forms.append(form)


def _apply_redirects(
    merged: dict[str, _Merged],
    redirects: Mapping[str, _Parsed],
    targets: Mapping[str, str],
    problems: Problems,
) -> None:
    for ident, parsed in redirects.items():
        target = targets.get(ident)
        if target is None:
            continue  # reported while resolving
        into = merged[target]
        entry = parsed.entry
        if entry.type and entry.type != into.parsed.entry.type:
            problems.add(
                parsed.path,
                parsed.line,
                f"entry '{ident}': type {entry.type!r} differs from the type "
                f"{into.parsed.entry.type!r} of '{target}' it is the same_as",
            )
            continue
        if entry.name:
            into.add_alias("en", entry.name)
        for lang, forms in entry.aliases.items():
            for form in forms:
                into.add_alias(lang, form)
        into.relations.extend(parsed.relations)
        for form, langs in entry.only_in.items():
            into.only_in[form] = into.only_in.get(form, frozenset()) | langs


def _check_relations(
    merged: Mapping[str, _Merged],
    targets: Mapping[str, str],
    broken: set[str],
    problems: Problems,
) -> None:
    """Targets exist (redirect ids followed) and join the right kinds of entries.

    Relations that fail are dropped, so the loop check can run in the same round. A target
    that is a broken ``same_as`` entry was reported already."""
    for ident, item in merged.items():
        kept: list[tuple[GazRelation, str, int]] = []
        seen: set[tuple[str, str]] = set()
        start_type = item.parsed.entry.type
        for rel, path, line in item.relations:
            target = targets.get(rel.target, rel.target)
            what = f"entry '{ident}', relation {rel.type} -> '{rel.target}'"
            other = merged.get(target)
            if other is None and target in broken:
                continue
            if other is None:
                problems.add(
                    path, line, f"{what}: unknown entry{suggest(rel.target, [*merged, *targets])}"
                )
                continue
            starts, ends = RELATION_ENDS[rel.type]
            end_types = ends if ends is not None else frozenset({start_type})
            if start_type not in starts:
                allowed = ", ".join(sorted(starts))
                problems.add(path, line, f"{what}: {rel.type} starts from {allowed} entries, "
                             f"not from a {start_type}")  # fmt: skip
                continue
            if other.parsed.entry.type not in end_types:
                problems.add(path, line, f"{what}: {rel.type} must point to "
                             f"{' or '.join(sorted(end_types))}, not to a "
                             f"{other.parsed.entry.type}")  # fmt: skip
                continue
            if (rel.type, target) in seen:
                continue
            seen.add((rel.type, target))
            kept.append((dataclasses.replace(rel, target=target), path, line))
        item.relations = kept


def _check_cycles(merged: Mapping[str, _Merged], problems: Problems) -> None:
    """No loop through any relation of ``ACYCLIC_RELATIONS`` (iterative depth-first walk)."""
    for rel_type in ACYCLIC_RELATIONS:
        edges: dict[str, list[tuple[str, str, int]]] = {
            ident: [(r.target, p, ln) for r, p, ln in item.relations if r.type == rel_type]
            for ident, item in merged.items()
        }
        state: dict[str, int] = {}  # 1 = on the current path, 2 = done
        for start in edges:
            if state.get(start):
                continue
            stack: list[tuple[str, int]] = [(start, 0)]
            state[start] = 1
            while stack:
                node, index = stack[-1]
                out = edges[node]
                if index == len(out):
                    stack.pop()
                    state[node] = 2
                    continue
                stack[-1] = (node, index + 1)
                target, path, line = out[index]
                mark = state.get(target, 0)
                if mark == 0:
                    state[target] = 1
                    stack.append((target, 0))
                elif mark == 1:
                    ids = [n for n, _ in stack]
                    loop = ids[ids.index(target) :]
                    problems.add(
                        path,
                        line,
                        f"entry '{node}', relation {rel_type} -> '{target}': {rel_type} forms "
                        f"a loop ({_loop_text(loop)})",
                    )


def _build(item: _Merged) -> GazEntry:
    entry = item.parsed.entry
    aliases = {lang: tuple(forms) for lang, forms in item.aliases.items() if forms}
    relations = tuple(rel for rel, _, _ in item.relations)
    return dataclasses.replace(
        entry, aliases=aliases, relations=relations, only_in=dict(item.only_in)
    )


def load_gazetteer(extra_dirs: Sequence[str | Path] = (), *, builtin: bool = True) -> Gazetteer:
    """Load, validate and merge the gazetteer of the built-in pack (unless ``builtin=False``)
    and of each of ``extra_dirs`` in order.

    A pack directory without a ``gazetteer/`` folder adds nothing (it may hold only lexicons).
    Raises :class:`~propwatch.knowledge.validate.KnowledgePackError` (PW400) listing every
    problem as ``FILE:LINE: what``.
    """
    problems = Problems()
    packs: list[list[_Parsed]] = []
    names: list[str] = []
    if builtin:
        packs.append(_read_pack(builtin_dir(), BUILTIN_NAME, "propwatch/knowledge", problems))
        names.append(BUILTIN_NAME)
    for extra in extra_dirs:
        path = Path(extra)
        packs.append(_read_pack(path.expanduser(), str(path), str(path), problems))
        names.append(str(path))
    problems.check()

    records: dict[str, _Parsed] = {}
    for pack in packs:
        records.update((p.entry.id, p) for p in pack)
    regular = {ident: p for ident, p in records.items() if p.same_as is None}
    redirects = {ident: p for ident, p in records.items() if p.same_as is not None}
    targets = _resolve_same_as(regular, redirects, problems)
    merged = {
        ident: _Merged(
            p, {k: list(v) for k, v in p.entry.aliases.items()}, list(p.relations),
            dict(p.entry.only_in),
        )
        for ident, p in regular.items()
    }
    _apply_redirects(merged, redirects, targets, problems)
    _check_relations(merged, targets, set(redirects) - set(targets), problems)
    _check_cycles(merged, problems)
    problems.check()
    return Gazetteer(
        entries={ident: _build(item) for ident, item in merged.items()},
        sources=tuple(names),
    )


@functools.cache
def default_gazetteer() -> Gazetteer:
    """The built-in gazetteer, loaded once per process and shared (treat it as read-only)."""
    return load_gazetteer()


def gazetteer_stats(gazetteer: Gazetteer) -> dict[str, Any]:
    """Counts that describe a gazetteer (JSON-ready; every type and alias language listed).

    Keys: ``entries``, ``aliases`` (distinct written forms, names included), ``ambiguous``
    (entries flagged so), ``sources``, ``entries_per_type``, ``entries_per_kind``
    (type -> kind -> entries), ``entries_per_language`` (entries with at least one form in
    that language; the canonical ``name`` counts as English) and ``aliases_per_language``.
    """
    found = {e.type for e in gazetteer.entries.values()}
    types = list(ENTRY_TYPES) + sorted(found - set(ENTRY_TYPES))
    per_type = Counter(e.type for e in gazetteer.entries.values())
    per_kind: dict[str, Counter[str]] = {t: Counter() for t in types}
    per_lang_entries = Counter[str]()
    per_lang_forms = Counter[str]()
    for entry in gazetteer.entries.values():
        per_kind[entry.type][entry.kind or "-"] += 1
        langs = Counter(lang for lang, _ in entry.all_aliases())
        per_lang_forms.update(langs)
        per_lang_entries.update(langs.keys())
    languages = list(ALIAS_LANGUAGES) + sorted(set(per_lang_forms) - set(ALIAS_LANGUAGES))
    return {
        "entries": len(gazetteer.entries),
        "aliases": sum(per_lang_forms.values()),
        "ambiguous": sum(1 for e in gazetteer.entries.values() if e.ambiguous),
        "sources": list(gazetteer.sources),
        "entries_per_type": {t: per_type[t] for t in types},
        "entries_per_kind": {t: dict(sorted(per_kind[t].items())) for t in types},
        "entries_per_language": {lang: per_lang_entries[lang] for lang in languages},
        "aliases_per_language": {lang: per_lang_forms[lang] for lang in languages},
    }
