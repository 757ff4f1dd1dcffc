"""Read one knowledge-pack file (taxonomy or lexicon) into model records, strictly.

Why not ``yaml.safe_load``: its plain Python values forget where they came from, and every
problem must be reported with the FILE, LINE and FIELD a person has to fix. So the file is
*composed* with PyYAML's ``SafeLoader`` (same safety: no Python tags, no code) into nodes that
keep their line numbers; scalars are then built with the safe constructor, one node at a time.

Every problem is collected (not raised at once) so that an editor sees all the mistakes of a
file in one run; :class:`KnowledgePackError` carries up to :data:`MAX_PROBLEMS` of them.

The accepted fields of each record are declared once, in the ``*_FIELDS`` tables below
(field name -> required?). They drive the unknown-field check (typo protection with a
did-you-mean suggestion), and ``tests/knowledge/test_loader.py`` compares them with the JSON
Schemas in ``schema/`` so the editor schemas cannot drift from what the loader accepts.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Literal, cast

import yaml

from propwatch.errors import KnowledgeError
from propwatch.knowledge.model import (
    LANGUAGES,
    MATCH_MODES,
    Example,
    Label,
    MatchMode,
    Stance,
    StanceCue,
    Term,
)

__all__ = [
    "CUE_FIELDS",
    "CUE_STANCES",
    "ENTRY_FIELDS",
    "EXAMPLE_FIELDS",
    "FP_RISKS",
    "GROUPS",
    "KINDS",
    "LABEL_FIELDS",
    "LEXICON_FIELDS",
    "MAX_PROBLEMS",
    "SCRIPTS",
    "TAXONOMY_FIELDS",
    "KnowledgePackError",
    "LexiconFile",
    "Node",
    "ParsedCue",
    "ParsedLabel",
    "ParsedTerm",
    "Problem",
    "Problems",
    "parse_lexicon",
    "parse_taxonomy",
    "read_yaml",
    "suggest",
]

#: At most this many problems are listed in one error message.
MAX_PROBLEMS: Final = 20
#: Pack files are shallow (at most 5 levels); deeper nesting is a mistake or an alias loop.
_MAX_DEPTH: Final = 12
#: Guards against alias expansion bombs (``&a [*a, *a, ...]``).
_MAX_NODES: Final = 500_000

GROUPS: Final = ("narrative", "behaviour", "code")
KINDS: Final = ("term", "code_word", "slogan", "phrase", "name")
FP_RISKS: Final = ("low", "medium", "high")
#: Stances a lexicon cue may declare (``neutral`` is an outcome of detection, not a cue).
CUE_STANCES: Final = ("report", "counter", "endorse")
SCRIPTS: Final = ("Latn", "Cyrl", "Arab")

# field name -> required?
TAXONOMY_FIELDS: Final[Mapping[str, bool]] = {"version": True, "labels": True}
LABEL_FIELDS: Final[Mapping[str, bool]] = {
    "id": True,
    "name": True,
    "group": True,
    "propaganda": False,
    "disarm": False,
    "parent": False,
    "definition": True,
    "examples": False,
}
EXAMPLE_FIELDS: Final[Mapping[str, bool]] = {"text": True, "source": True, "language": False}
LEXICON_FIELDS: Final[Mapping[str, bool]] = {
    "version": False,
    "language": True,
    "entries": False,
    "stance_cues": False,
}
ENTRY_FIELDS: Final[Mapping[str, bool]] = {
    "id": True,
    "term": True,
    "variants": False,
    "labels": True,
    "weight": True,
    "match": False,
    "kind": False,
    "fp_risk": False,
    "fp_note": False,  # required when fp_risk is medium or high
    "source": True,
    "dialect": False,
    "script": False,
}
CUE_FIELDS: Final[Mapping[str, bool]] = {
    "id": True,
    "stance": True,
    "forms": True,
    "weight": False,
    "match": False,
    "note": False,
}

LabelGroup = Literal["narrative", "behaviour", "code"]
TermKind = Literal["term", "code_word", "slogan", "phrase", "name"]
FpRisk = Literal["low", "medium", "high"]

_LABEL_ID = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
_SLUG = r"[a-z0-9]+(?:[-_][a-z0-9]+)*"
_DISARM_ID = re.compile(r"T\d{4}(?:\.\d{3})?")
_DIALECT = re.compile(r"[a-z]{2,3}")


# --------------------------------------------------------------------------- problems


@dataclass(frozen=True, slots=True)
class Problem:
    """One validation problem: where (file and line) and what."""

    path: str
    line: int | None
    message: str
    #: what to do, when it is more specific than KnowledgeError's generic hint
    hint: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"

    def to_json(self) -> dict[str, Any]:
        return {"file": self.path, "line": self.line, "message": self.message}


class KnowledgePackError(KnowledgeError):
    """A :class:`~propwatch.errors.KnowledgeError` listing every problem found (code PW400).

    ``problems`` holds them all; the message shows the first :data:`MAX_PROBLEMS`, one per
    line, each as ``FILE:LINE: what``.
    """

    def __init__(self, problems: Sequence[Problem], *, hint: str | None = None) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        shown = [str(p) for p in self.problems[:MAX_PROBLEMS]]
        hidden = len(self.problems) - len(shown)
        if len(self.problems) == 1:
            message = shown[0]
        else:
            lines = [f"the knowledge pack has {len(self.problems)} problems:"]
            lines += [f"  {text}" for text in shown]
            if hidden:
                lines.append(f"  ... and {hidden} more")
            message = "\n".join(lines)
        super().__init__(message, hint=hint)


@dataclass(slots=True)
class Problems:
    """Collects problems while a pack is read; :meth:`check` raises if there are any."""

    items: list[Problem] = field(default_factory=list)

    def add(self, path: str, line: int | None, message: str, *, hint: str | None = None) -> None:
        self.items.append(Problem(path, line, message, hint))

    def check(self) -> None:
        """Raise if any problem was found: files in reading order, lines in file order.

        The error's hint is the problems' own when they all share one (e.g. a wrong
        directory), else KnowledgeError's generic "fix the named field" hint.
        """
        if not self.items:
            return
        order: dict[str, int] = {}
        for problem in self.items:
            order.setdefault(problem.path, len(order))
        ranked = sorted(self.items, key=lambda p: (order[p.path], p.line or 0))
        hints = {p.hint for p in ranked}
        raise KnowledgePackError(ranked, hint=hints.pop() if len(hints) == 1 else None)

    def __len__(self) -> int:
        return len(self.items)


def suggest(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest choice, or nothing."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


# --------------------------------------------------------------------------- YAML nodes


@dataclass(slots=True)
class Node:
    """A YAML value with its (1-based) line.

    ``value`` is a plain scalar (str, int, float, bool, None, date...), a ``list[Node]`` or a
    ``dict[str, Node]``; for a mapping, ``key_lines`` gives the line of each key.
    """

    value: Any
    line: int
    key_lines: dict[str, int] = field(default_factory=dict)

    def describe(self) -> str:
        """The value as a message quotes it: ``'high'``, ``a list``, ``true``..."""
        v = self.value
        if isinstance(v, dict):
            return "a mapping"
        if isinstance(v, list):
            return "a list"
        if v is None:
            return "nothing (null)"
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, str):
            short = v if len(v) <= 60 else v[:57] + "..."
            return repr(short)
        return str(v)


#: libyaml's parser when PyYAML was built with it: ten times faster than the pure-Python one
#: (the full pack loads well under the 0.5 s budget), same safe constructor, same line marks.
_Loader: type[yaml.SafeLoader] | type[yaml.CSafeLoader] = getattr(
    yaml, "CSafeLoader", yaml.SafeLoader
)


_PLAIN_TAGS: Final = frozenset({"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})


class _Builder:
    """Turns composed PyYAML nodes into :class:`Node` trees, recording problems."""

    def __init__(
        self, loader: yaml.SafeLoader | yaml.CSafeLoader, path: str, problems: Problems
    ) -> None:
        self.loader = loader
        self.path = path
        self.problems = problems
        self.count = 0

    def build(self, node: yaml.Node, depth: int = 0) -> Node | None:
        line = node.start_mark.line + 1
        self.count += 1
        if depth > _MAX_DEPTH or self.count > _MAX_NODES:
            self.problems.add(self.path, line, "the YAML is nested too deeply or too large")
            return None
        if isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.tag not in _PLAIN_TAGS:
            self.problems.add(self.path, line, f"unsupported YAML tag {node.tag}")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, depth, line)
        if isinstance(node, yaml.SequenceNode):
            items = [self.build(item, depth + 1) for item in node.value]
            return Node([item for item in items if item is not None], line)
        try:
            value = self.loader.construct_object(node)
        except yaml.YAMLError as exc:
            self.problems.add(self.path, line, f"unsupported YAML value ({_first_line(exc)})")
            return None
        return Node(value, line)

    def _mapping(self, node: yaml.MappingNode, depth: int, line: int) -> Node:
        out: dict[str, Node] = {}
        key_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            key = self.build(key_node, depth + 1) if isinstance(key_node, yaml.ScalarNode) else None
            if key is None or not isinstance(key.value, str):
                shown = key.describe() if key is not None else "a list or mapping"
                self.problems.add(
                    self.path, key_line, f"field names must be text (got {shown}); quote it"
                )
                continue
            if key.value in out:
                self.problems.add(
                    self.path,
                    key_line,
                    f"field '{key.value}' appears twice (first at line {key_lines[key.value]})",
                )
                continue
            value = self.build(value_node, depth + 1)
            if value is not None:
                out[key.value] = value
                key_lines[key.value] = key_line
        return Node(out, line, key_lines)


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def read_yaml(path: Path, display: str, problems: Problems) -> Node | None:
    """Parse one pack file; ``None`` (with problems recorded) if it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.add(display, None, f"cannot read the file ({exc.strerror or exc})")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        problems.add(display, line, "the file is not UTF-8 text; save it as UTF-8")
        return None
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = mark.line + 1 if mark is not None else None
        detail = exc.problem or "not valid YAML"
        context = f" ({exc.context})" if exc.context and exc.problem else ""
        problems.add(display, where, f"YAML syntax error: {detail}{context}")
        loader.dispose()
        return None
    except yaml.YAMLError as exc:
        problems.add(display, None, f"YAML syntax error: {_first_line(exc)}")
        loader.dispose()
        return None
    try:
        if root is None:
            problems.add(display, None, "the file is empty")
            return None
        return _Builder(loader, display, problems).build(root)
    finally:
        loader.dispose()


# --------------------------------------------------------------------------- records


class _Fields:
    """Typed, checked access to the fields of one YAML mapping.

    Every accessor returns a usable default when the field is missing or wrong, after
    recording the problem, so one pass over a file finds all of its problems.
    """

    def __init__(
        self,
        node: Node,
        what: str,
        allowed: Mapping[str, bool],
        path: str,
        problems: Problems,
    ) -> None:
        self.node = node
        self.values: dict[str, Node] = node.value
        self.what = what
        self.allowed = allowed
        self.path = path
        self.problems = problems
        self.failed = False
        #: fields already reported, so a second check does not report them again
        self.bad: set[str] = set()

    def check_names(self) -> None:
        """Report unknown fields (with a suggestion) and missing required ones."""
        for name in self.values:
            if name not in self.allowed:
                self.fail_at(
                    self.node.key_lines.get(name, self.node.line),
                    f"{self.what}: unknown field '{name}'{suggest(name, self.allowed)}",
                )
        for name, required in self.allowed.items():
            if required and name not in self.values:
                self.fail_at(self.node.line, f"{self.what}: missing required field '{name}'")

    def fail_at(self, line: int | None, message: str) -> None:
        self.failed = True
        self.problems.add(self.path, line, message)

    def fail(self, name: str, message: str, node: Node | None = None) -> None:
        self.bad.add(name)
        target = node or self.values.get(name)
        line = target.line if target is not None else self.node.line
        self.fail_at(line, f"{self.what}, field '{name}': {message}")

    def line(self, name: str) -> int:
        found = self.values.get(name)
        return found.line if found is not None else self.node.line

    def has(self, name: str) -> bool:
        return name in self.values and self.values[name].value is not None

    def text(self, name: str, default: str = "", *, allow_empty: bool = False) -> str:
        found = self.values.get(name)
        if found is None:
            return default
        if not isinstance(found.value, str):
            self.fail(name, f"must be text (got {found.describe()}{_quote_hint(found)})")
            return default
        value = found.value.strip()
        if not value and not allow_empty:
            self.fail(name, "must not be empty")
            return default
        return value

    def optional_text(self, name: str) -> str | None:
        if not self.has(name):
            return None
        value = self.text(name)
        return value or None

    def number(self, name: str, default: float) -> float:
        found = self.values.get(name)
        if found is None:
            return default
        v = found.value
        if isinstance(v, bool) or not isinstance(v, int | float) or not 0.0 <= float(v) <= 1.0:
            self.fail(name, f"must be a number between 0 and 1 (got {found.describe()})")
            return default
        return float(v)

    def boolean(self, name: str, default: bool) -> bool:
        found = self.values.get(name)
        if found is None:
            return default
        if not isinstance(found.value, bool):
            self.fail(name, f"must be true or false (got {found.describe()})")
            return default
        return found.value

    def choice(self, name: str, choices: Sequence[str], default: str) -> str:
        found = self.values.get(name)
        if found is None:
            return default
        v = found.value
        if not isinstance(v, str) or v not in choices:
            hint = suggest(v, choices) if isinstance(v, str) else ""
            self.fail(name, f"must be one of {', '.join(choices)} (got {found.describe()}){hint}")
            return default
        return v

    def text_list(self, name: str, *, at_least: int) -> tuple[tuple[str, int], ...]:
        """A list of non-empty, distinct strings, each with its line."""
        found = self.values.get(name)
        if found is None:
            return ()
        items = found.value
        if isinstance(items, str) and at_least:
            self.fail(name, f"must be a list, e.g. [{items!r}] (got {found.describe()})")
            return ()
        if not isinstance(items, list):
            self.fail(name, f"must be a list of text (got {found.describe()})")
            return ()
        if len(items) < at_least:
            self.fail(name, "must list at least one item")
            return ()
        out: list[tuple[str, int]] = []
        seen: dict[str, int] = {}
        for item in items:
            if not isinstance(item.value, str):
                self.fail(
                    name, f"items must be text (got {item.describe()}{_quote_hint(item)})", item
                )
                continue
            value = item.value.strip()
            if not value:
                self.fail(name, "items must not be empty", item)
                continue
            if value in seen:
                self.fail(name, f"{value!r} is listed twice (first at line {seen[value]})", item)
                continue
            seen[value] = item.line
            out.append((value, item.line))
        return tuple(out)


def _quote_hint(node: Node) -> str:
    if isinstance(node.value, bool | int | float) or node.value is None:
        return "; YAML reads unquoted yes/no/on/off/true/false/null and numbers as such, quote it"
    return ""


def _mapping_items(parent: _Fields, name: str, kind: str) -> list[tuple[int, Node]]:
    """The items of a list-of-mappings field (``labels``, ``entries``...), problems recorded."""
    found = parent.values.get(name)
    if found is None or found.value is None:
        return []
    if not isinstance(found.value, list):
        parent.fail(name, f"must be a list of {kind} (got {found.describe()})")
        return []
    out: list[tuple[int, Node]] = []
    for number, item in enumerate(found.value, start=1):
        if not isinstance(item.value, dict):
            parent.fail_at(
                item.line, f"{kind} #{number} must be a mapping of fields (got {item.describe()})"
            )
            continue
        out.append((number, item))
    return out


def _record_id(node: Node, fallback: str) -> str:
    raw = node.value.get("id")
    if raw is not None and isinstance(raw.value, str) and raw.value.strip():
        return f"'{raw.value.strip()}'"
    return fallback


def _top(
    root: Node, display: str, allowed: Mapping[str, bool], what: str, problems: Problems
) -> _Fields | None:
    if not isinstance(root.value, dict):
        keys = " and ".join(f"'{k}'" for k, required in allowed.items() if required)
        problems.add(
            display,
            root.line,
            f"the file must be a mapping with {keys} at the top (got {root.describe()})",
        )
        return None
    fields = _Fields(root, what, allowed, display, problems)
    fields.check_names()
    if fields.has("version") and fields.values["version"].value != 1:
        fields.fail("version", f"must be 1 (got {fields.values['version'].describe()})")
    return fields


# --------------------------------------------------------------------------- taxonomy


@dataclass(frozen=True, slots=True)
class ParsedLabel:
    """A validated label with where it was defined (for cross-file checks)."""

    label: Label
    path: str
    line: int
    parent_line: int


def parse_taxonomy(root: Node, display: str, problems: Problems) -> list[ParsedLabel]:
    """Validate ``taxonomy.yaml``; duplicate ids inside the file are problems."""
    top = _top(root, display, TAXONOMY_FIELDS, "taxonomy", problems)
    if top is None:
        return []
    items = _mapping_items(top, "labels", "label")
    if "labels" in top.values and not items and not top.failed:
        top.fail("labels", "must list at least one label")
    out: list[ParsedLabel] = []
    first_line: dict[str, int] = {}
    for number, node in items:
        parsed = _parse_label(node, f"label {_record_id(node, f'#{number}')}", display, problems)
        if parsed is None:
            continue
        ident = parsed.label.id
        if ident in first_line:
            problems.add(
                display,
                parsed.line,
                f"label '{ident}': duplicate id (first defined at line {first_line[ident]})",
            )
            continue
        first_line[ident] = parsed.line
        out.append(parsed)
    return out


def _parse_label(node: Node, what: str, display: str, problems: Problems) -> ParsedLabel | None:
    f = _Fields(node, what, LABEL_FIELDS, display, problems)
    f.check_names()
    ident = f.text("id")
    if ident and not _LABEL_ID.fullmatch(ident):
        f.fail("id", f"must be snake_case ASCII, e.g. anti_shia (got {ident!r})")
    name = f.text("name")
    group = f.choice("group", GROUPS, "narrative")
    propaganda = f.boolean("propaganda", True)
    disarm = f.optional_text("disarm")
    if disarm is not None and not _DISARM_ID.fullmatch(disarm):
        f.fail("disarm", f"must be a DISARM technique id like T0022 or T0023.001 (got {disarm!r})")
    parent = f.optional_text("parent")
    definition = f.text("definition")
    examples: list[Example] = []
    for number, item in _mapping_items(f, "examples", "example"):
        e = _Fields(item, f"{what}, example #{number}", EXAMPLE_FIELDS, display, problems)
        e.check_names()
        text, source = e.text("text"), e.text("source")
        language = e.choice("language", LANGUAGES, "en")
        f.failed = f.failed or e.failed
        examples.append(Example(text=text, source=source, language=language))
    if f.failed:
        return None
    label = Label(
        id=ident,
        name=name,
        definition=definition,
        group=cast(LabelGroup, group),  # checked by choice()
        propaganda=propaganda,
        disarm=disarm,
        parent=parent,
        examples=tuple(examples),
        origin=f"{display}:{node.line}",
    )
    return ParsedLabel(label, display, node.line, f.line("parent"))


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True, slots=True)
class ParsedTerm:
    """A validated lexicon entry with the line of each label it names."""

    term: Term
    path: str
    line: int
    label_lines: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class ParsedCue:
    cue: StanceCue
    path: str
    line: int


@dataclass(frozen=True, slots=True)
class LexiconFile:
    language: str
    terms: tuple[ParsedTerm, ...]
    cues: tuple[ParsedCue, ...]


def parse_lexicon(root: Node, display: str, stem: str, problems: Problems) -> LexiconFile | None:
    """Validate one ``lexicon/<lang>.yaml``.

    ``stem`` is the file name without extension: when it is a language code it must agree
    with the ``language`` field (a copied file whose header was not updated).
    """
    top = _top(root, display, LEXICON_FIELDS, "lexicon", problems)
    if top is None:
        return None
    language = top.choice("language", LANGUAGES, "")
    if language and stem in LANGUAGES and stem != language:
        top.fail("language", f"is {language!r} but the file is named {stem!r}")
    if not top.has("entries") and not top.has("stance_cues"):
        top.fail_at(root.line, "lexicon: the file has neither 'entries' nor 'stance_cues'")
    if not language:
        return None
    terms = [
        parsed
        for number, node in _mapping_items(top, "entries", "entry")
        if (parsed := _parse_term(node, number, language, display, problems)) is not None
    ]
    cues = [
        cue
        for number, node in _mapping_items(top, "stance_cues", "stance cue")
        if (cue := _parse_cue(node, number, language, display, problems)) is not None
    ]
    return LexiconFile(language, tuple(terms), tuple(cues))


def _parse_term(
    node: Node, number: int, language: str, display: str, problems: Problems
) -> ParsedTerm | None:
    f = _Fields(node, f"entry {_record_id(node, f'#{number}')}", ENTRY_FIELDS, display, problems)
    f.check_names()
    ident = f.text("id")
    if ident:
        if not re.fullmatch(rf"{language}-{_SLUG}", ident):
            f.fail("id", f"must look like '{language}-<ascii-slug>', e.g. {language}-rofizi")
        elif ident.startswith(f"{language}-cue-"):
            f.fail("id", f"'{language}-cue-...' ids are reserved for stance cues")
    term = f.text("term")
    variants = f.text_list("variants", at_least=0)
    if term and any(v == term for v, _ in variants):
        f.fail("variants", f"repeats the term {term!r}")
    labels = f.text_list("labels", at_least=1)
    weight = f.number("weight", 0.0)
    match = f.choice("match", MATCH_MODES, "word")
    kind = f.choice("kind", KINDS, "term")
    fp_risk = f.choice("fp_risk", FP_RISKS, "low")
    fp_note = f.text("fp_note", allow_empty=True)
    if fp_risk in ("medium", "high") and not fp_note and "fp_note" not in f.bad:
        f.fail(
            "fp_note",
            f"is required when fp_risk is {fp_risk}: say when the term is innocent",
            f.values.get("fp_note") or f.values.get("fp_risk"),
        )
    source = f.text("source")
    dialect = f.optional_text("dialect")
    if dialect is not None and not _DIALECT.fullmatch(dialect):
        f.fail("dialect", f"must be a language code such as prs (got {dialect!r})")
    f.choice("script", SCRIPTS, "")
    if f.failed:
        return None
    record = Term(
        id=ident,
        language=language,
        term=term,
        variants=tuple(v for v, _ in variants),
        labels=tuple(label for label, _ in labels),
        weight=weight,
        match=_match(match),
        kind=cast(TermKind, kind),  # checked by choice()
        fp_risk=cast(FpRisk, fp_risk),
        fp_note=fp_note,
        source=source,
        dialect=dialect,
        origin=f"{display}:{node.line}",
    )
    return ParsedTerm(record, display, node.line, tuple(line for _, line in labels))


def _parse_cue(
    node: Node, number: int, language: str, display: str, problems: Problems
) -> ParsedCue | None:
    what = f"stance cue {_record_id(node, f'#{number}')}"
    f = _Fields(node, what, CUE_FIELDS, display, problems)
    f.check_names()
    ident = f.text("id")
    stance = f.choice("stance", CUE_STANCES, "")
    if ident and stance and not re.fullmatch(rf"{language}-cue-{stance}-{_SLUG}", ident):
        f.fail("id", f"must look like '{language}-cue-{stance}-<ascii-slug>' (got {ident!r})")
    forms = f.text_list("forms", at_least=1)
    weight = f.number("weight", 1.0)
    match = f.choice("match", MATCH_MODES, "word")
    note = f.text("note", allow_empty=True)
    if f.failed:
        return None
    cue = StanceCue(
        id=ident,
        language=language,
        stance=_stance(stance),
        forms=tuple(form for form, _ in forms),
        weight=weight,
        match=_match(match),
        note=note,
        origin=f"{display}:{node.line}",
    )
    return ParsedCue(cue, display, node.line)


def _match(value: str) -> MatchMode:
    if value == "stem":
        return "stem"
    if value == "exact":
        return "exact"
    return "word"


def _stance(value: str) -> Stance:
    if value == "report":
        return "report"
    if value == "counter":
        return "counter"
    return "endorse"
