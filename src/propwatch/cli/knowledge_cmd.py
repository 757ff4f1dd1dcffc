"""``propwatch knowledge validate`` and ``propwatch knowledge stats``.

Both load the built-in pack merged with every ``--knowledge DIR`` (in order), exactly as the
analysis commands do, so "validate" answers the question "will my pack load?". The gazetteer
(``gazetteer/*.yaml`` of the same directories) is loaded and reported too; problems of the
pack and of the gazetteer are listed together.

Errors are printed here rather than by :func:`propwatch.cli.common.fail` because a pack
problem quotes the user's YAML, which may contain ``[...]`` that rich would read as markup; the
format is the same (``error [PW400] ...`` then ``what to do: ...`` on stderr, exit 1).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from propwatch.cli.common import echo_json, err_console, run_safely
from propwatch.errors import KnowledgeError
from propwatch.knowledge import KnowledgePack, KnowledgePackError, load_pack, pack_stats
from propwatch.knowledge.gazetteer import gazetteer_stats, load_gazetteer
from propwatch.knowledge.gazetteer_model import Gazetteer

__all__ = ["knowledge_group", "knowledge_option", "load_all_or_report", "load_or_report"]

F = TypeVar("F", bound=Callable[..., Any])


def knowledge_option(func: F) -> F:
    """``--knowledge DIR`` (repeatable): user packs merged over the built-in one, in order."""
    return click.option(
        "--knowledge",
        "knowledge_dirs",
        multiple=True,
        metavar="DIR",
        type=click.Path(path_type=Path),  # existence is checked by the loader (PW400)
        help="A knowledge pack directory (taxonomy.yaml, lexicon/<lang>.yaml, gazetteer/*.yaml) "
        "merged over the built-in pack; same ids replace built-in entries. Repeatable; later "
        "packs win.",
    )(func)


def _error_json(exc: KnowledgeError) -> dict[str, Any]:
    problems = exc.problems if isinstance(exc, KnowledgePackError) else ()
    return {
        "ok": False,
        "error": {
            "code": exc.code,
            "message": exc.message,
            "hint": exc.hint,
            "problems": [problem.to_json() for problem in problems],
        },
    }


def _print_error(exc: KnowledgeError) -> None:
    err_console.print(
        f"[bold red]error[/] [{exc.code}] {escape(exc.message)}", markup=True, soft_wrap=True
    )
    if exc.hint:
        err_console.print(f"  [dim]what to do:[/] {escape(exc.hint)}", markup=True, soft_wrap=True)


def load_or_report(dirs: tuple[Path, ...], as_json: bool) -> KnowledgePack | None:
    """Load the merged pack; on a pack error print it (and its JSON form) and return None."""
    try:
        return load_pack(dirs)
    except KnowledgeError as exc:
        if as_json:
            echo_json(_error_json(exc))
        _print_error(exc)
        return None


def load_all_or_report(
    dirs: tuple[Path, ...], as_json: bool
) -> tuple[KnowledgePack, Gazetteer] | None:
    """Load the merged pack and gazetteer; on errors print every problem of both (as one
    PW400 error, and its JSON form) and return None."""
    pack: KnowledgePack | None = None
    gazetteer: Gazetteer | None = None
    failures: list[KnowledgeError] = []
    try:
        pack = load_pack(dirs)
    except KnowledgeError as exc:
        failures.append(exc)
    try:
        gazetteer = load_gazetteer(dirs)
    except KnowledgeError as exc:
        failures.append(exc)
    if pack is not None and gazetteer is not None:
        return pack, gazetteer
    error = failures[0]
    if len(failures) == 2 and all(isinstance(x, KnowledgePackError) for x in failures):
        first, second = (getattr(x, "problems", ()) for x in failures)
        seen = {str(p) for p in first}
        extra = [p for p in second if str(p) not in seen]
        if extra:  # a wrong directory, reported by both loaders, is listed once
            hints = {x.hint for x in failures}
            error = KnowledgePackError(
                [*first, *extra], hint=hints.pop() if len(hints) == 1 else None
            )
    if as_json:
        echo_json(_error_json(error))
    _print_error(error)
    return None


def _per_type(gazetteer: Gazetteer) -> str:
    stats = gazetteer_stats(gazetteer)["entries_per_type"]
    return ", ".join(f"{n} {kind}" for kind, n in stats.items() if n)


@click.group("knowledge")
def knowledge_group() -> None:
    """Check and describe the knowledge pack: the label taxonomy, the per-language lexicons,
    the stance cues and the gazetteer, built-in and your own (--knowledge DIR)."""


@knowledge_group.command("validate")
@knowledge_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def validate_command(knowledge_dirs: tuple[Path, ...], as_json: bool) -> None:
    """Load the built-in pack and every --knowledge DIR and report every problem with its
    file, line and field.

    Exit codes: 0 the pack is valid; 1 it is not (PW400).
    """

    def body() -> int:
        loaded = load_all_or_report(knowledge_dirs, as_json)
        if loaded is None:
            return 1
        pack, gazetteer = loaded
        summary = {
            "ok": True,
            "labels": len(pack.labels),
            "terms": len(pack.terms),
            "cues": len(pack.cues),
            "sources": list(pack.sources),
            "gazetteer_entries": len(gazetteer),
        }
        if as_json:
            echo_json(summary)
        else:
            click.echo(
                f"knowledge pack OK: {summary['labels']} labels, {summary['terms']} terms, "
                f"{summary['cues']} cues (sources: {', '.join(pack.sources) or 'none'})"
            )
            click.echo(f"gazetteer OK: {len(gazetteer)} gazetteer entries ({_per_type(gazetteer)})")
        return 0

    run_safely(body)


def _language_table(stats: dict[str, Any]) -> Table:
    table = Table(title="Lexicon by language", show_edge=False)
    for name in ("language", "terms", "forms", "cues", "report", "counter", "endorse", "fp high"):
        table.add_column(name, justify="left" if name == "language" else "right")
    totals = [0] * 7
    for lang, terms in stats["terms_per_language"].items():
        stances = stats["cues_per_language_stance"][lang]
        row = [
            terms,
            stats["forms_per_language"][lang],
            stats["cues_per_language"][lang],
            stances["report"],
            stances["counter"],
            stances["endorse"],
            stats["fp_risk_per_language"][lang]["high"],
        ]
        totals = [a + b for a, b in zip(totals, row, strict=True)]
        table.add_row(lang, *(str(n) for n in row))
    table.add_section()
    table.add_row("total", *(str(n) for n in totals), style="bold")
    return table


def _label_table(stats: dict[str, Any]) -> Table:
    languages = list(stats["terms_per_language"])
    table = Table(title="Terms by label and language", show_edge=False)
    table.add_column("label", no_wrap=True)
    for lang in languages:
        table.add_column(lang, justify="right")
    table.add_column("total", justify="right", style="bold")
    per = stats["terms_per_language_label"]
    group = None
    for ident, info in stats["labels"].items():
        if group is not None and info["group"] != group:
            table.add_section()
        group = info["group"]
        cells = [str(per[lang][ident]) if per[lang][ident] else "·" for lang in languages]
        table.add_row(ident, *cells, str(stats["terms_per_label"][ident]))
    return table


def _gazetteer_tables(stats: dict[str, Any]) -> tuple[Table, Table]:
    types = Table(title="Gazetteer entries by type", show_edge=False)
    types.add_column("type")
    types.add_column("entries", justify="right")
    types.add_column("kinds")
    for kind in stats["entries_per_type"]:
        kinds = stats["entries_per_kind"][kind]
        types.add_row(
            kind,
            str(stats["entries_per_type"][kind]),
            ", ".join(f"{k} {n}" for k, n in kinds.items()),
        )
    types.add_section()
    types.add_row("total", str(stats["entries"]), "", style="bold")
    langs = Table(title="Gazetteer aliases by language", show_edge=False)
    for name in ("language", "entries", "aliases"):
        langs.add_column(name, justify="left" if name == "language" else "right")
    for lang in stats["entries_per_language"]:
        langs.add_row(
            lang,
            str(stats["entries_per_language"][lang]),
            str(stats["aliases_per_language"][lang]),
        )
    langs.add_section()
    langs.add_row("total", "", str(stats["aliases"]), style="bold")
    return types, langs


@knowledge_group.command("stats")
@knowledge_option
@click.option("--json", "as_json", is_flag=True, help="Print the statistics as one JSON object.")
def stats_command(knowledge_dirs: tuple[Path, ...], as_json: bool) -> None:
    """Coverage of the merged pack: terms, spelling forms and stance cues per language, and
    terms per label and language; gazetteer entries per type and aliases per language.

    Exit codes: 0 done; 1 the pack does not validate (PW400).
    """

    def body() -> int:
        loaded = load_all_or_report(knowledge_dirs, as_json)
        if loaded is None:
            return 1
        pack, gazetteer = loaded
        stats = pack_stats(pack)
        gaz_stats = gazetteer_stats(gazetteer)
        if as_json:
            echo_json({**stats, "gazetteer": gaz_stats})
            return 0
        # Piped output gets room for the widest table instead of rich's 80-column default.
        width = None if sys.stdout.isatty() else 120
        console = Console(file=sys.stdout, highlight=False, width=width)
        totals = stats["totals"]
        console.print(
            f"{totals['labels']} labels, {totals['terms']} terms ({totals['forms']} forms) in "
            f"{totals['languages']} languages, {totals['cues']} stance cues; "
            f"sources: {', '.join(stats['sources']) or 'none'}",
            markup=False,
            soft_wrap=True,
        )
        console.print(_language_table(stats))
        console.print(_label_table(stats))
        console.print(
            f"gazetteer: {gaz_stats['entries']} entries, {gaz_stats['aliases']} aliases",
            markup=False,
        )
        for table in _gazetteer_tables(gaz_stats):
            console.print(table)
        return 0

    run_safely(body)
