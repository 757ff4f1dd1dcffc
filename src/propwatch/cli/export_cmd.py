"""``propwatch export``: STIX 2.1 bundles, GEXF/GraphML networks, CSV/NDJSON tables.

Every subcommand prints one summary line to stderr (``wrote 123 STIX objects to b.json``), so
stdout stays clean when a table is written to ``-``. Exit codes: 0 written, 1 a store or
knowledge problem, 2 wrong use.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import IO, Any, TypeVar

import click

from propwatch.cli.common import db_option, err_console, parse_when, run_safely
from propwatch.cli.knowledge_cmd import knowledge_option
from propwatch.errors import UsageError
from propwatch.export import (
    COLUMNS,
    TABLES,
    TableFilter,
    detection_rows,
    entity_rows,
    event_rows,
    message_rows,
    write_csv,
    write_gexf,
    write_graphml,
    write_ndjson,
    write_stix,
)
from propwatch.graph.load import load_graph
from propwatch.graph.model import KnowledgeGraph
from propwatch.store import Store, open_store

__all__ = ["export_group"]

F = TypeVar("F", bound=Callable[..., Any])


def _window_options(func: F) -> F:
    func = click.option("--channel", help="Only this channel (its key, name or Telegram id).")(func)
    func = click.option(
        "--until",
        callback=parse_when,
        metavar="DATE",
        help="Before this date (exclusive; YYYY-MM-DD or ISO).",
    )(func)
    func = click.option(
        "--since",
        callback=parse_when,
        metavar="DATE",
        help="From this date (YYYY-MM-DD or ISO time, UTC).",
    )(func)
    return func


def _graph_options(func: F) -> F:
    func = click.option(
        "--max-items",
        type=click.IntRange(1),
        default=None,
        help="Keep only the newest N items of the graph (entities and events of those).",
    )(func)
    func = _window_options(func)
    func = click.option(
        "-o",
        "--output",
        required=True,
        type=click.Path(dir_okay=False, path_type=Path),
        help="The file to write.",
    )(func)
    return db_option(func)


def _check_parent(path: Path) -> None:
    parent = path.expanduser().resolve().parent
    if not parent.is_dir():
        raise UsageError(f"folder {parent} for {path.name} does not exist")


def _graph(
    store: Store,
    since: datetime | None,
    until: datetime | None,
    channel: str | None,
    max_items: int | None,
) -> KnowledgeGraph:
    return load_graph(store, since=since, until=until, channel=channel, max_items=max_items)


@click.group("export")
def export_group() -> None:
    """Export for other tools: `stix` (OpenCTI), `gexf`/`graphml` (Gephi), `csv`/`ndjson`
    (spreadsheets, scripts). See docs/exports.md."""


@export_group.command("stix")
@_graph_options
@knowledge_option
@click.option(
    "--identity",
    "identity_name",
    default="propwatch",
    show_default=True,
    help="Name of the author identity every object is created by.",
)
def stix_command(
    db: str | None,
    output: Path,
    since: datetime | None,
    until: datetime | None,
    channel: str | None,
    max_items: int | None,
    knowledge_dirs: tuple[Path, ...],
    identity_name: str,
) -> None:
    """Write a STIX 2.1 bundle of the knowledge graph, in the forms OpenCTI imports: groups
    as intrusion sets, outlets and officials as identities, channels and narratives as
    OpenCTI objects, attacks as incidents, wallets and URLs as indicators, items as reports,
    relations with their evidence."""

    def body() -> int:
        from propwatch.knowledge.gazetteer import load_gazetteer
        from propwatch.knowledge.loader import load_pack

        _check_parent(output)
        labels = load_pack(knowledge_dirs).labels
        gazetteer = load_gazetteer(knowledge_dirs)
        with open_store(db) as store:
            graph = _graph(store, since, until, channel, max_items)
        summary = write_stix(
            graph, output, narratives=labels, gazetteer=gazetteer, identity_name=identity_name
        )
        kinds = ", ".join(f"{n} {t}" for t, n in sorted(summary.by_type.items()))
        err_console.print(
            f"wrote {summary.objects} STIX objects to {output} ({kinds})", markup=False
        )
        if summary.skipped:
            left = ", ".join(f"{n} {why.replace('_', ' ')}" for why, n in summary.skipped.items())
            err_console.print(f"  left out: {left}", markup=False)
        return 0

    run_safely(body)


def _network_command(
    name: str, writer: Callable[[KnowledgeGraph, Path], tuple[int, int]], doc: str
) -> click.Command:
    @click.command(name, help=doc)
    @_graph_options
    def command(
        db: str | None,
        output: Path,
        since: datetime | None,
        until: datetime | None,
        channel: str | None,
        max_items: int | None,
    ) -> None:
        def body() -> int:
            _check_parent(output)
            with open_store(db) as store:
                graph = _graph(store, since, until, channel, max_items)
            nodes, edges = writer(graph, output)
            err_console.print(f"wrote {nodes} nodes and {edges} edges to {output}", markup=False)
            return 0

        run_safely(body)

    return command


export_group.add_command(
    _network_command(
        "gexf",
        write_gexf,
        "Write the knowledge graph (entities, events, channels; relations and channel edges) as "
        "GEXF, Gephi's format.",
    )
)
export_group.add_command(
    _network_command(
        "graphml",
        write_graphml,
        "Write the knowledge graph as GraphML (Gephi, yEd, Cytoscape, networkx).",
    )
)


@contextmanager
def _text_out(output: str) -> Iterator[IO[str]]:
    if output == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    path = Path(output)
    _check_parent(path)
    with path.open("w", encoding="utf-8", newline="") as handle:
        yield handle


@contextmanager
def _binary_out(output: str) -> Iterator[IO[bytes]]:
    if output == "-":
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    path = Path(output)
    _check_parent(path)
    with path.open("wb") as handle:
        yield handle


def _table_options(func: F) -> F:
    func = click.option(
        "--min-score",
        type=click.FloatRange(0, 1),
        default=None,
        help="detections: only rows scoring at least this.",
    )(func)
    func = click.option("--label", help="detections: only this label (e.g. anti_shia).")(func)
    func = click.option("--lang", "language", help="messages, detections: only this language.")(
        func
    )
    func = _window_options(func)
    func = click.option(
        "-o",
        "--output",
        required=True,
        metavar="FILE|-",
        help="The file to write, or - for stdout.",
    )(func)
    func = click.option(
        "--what",
        type=click.Choice(TABLES),
        default="messages",
        show_default=True,
        help="Which table.",
    )(func)
    return db_option(func)


def _rows(store: Store, what: str, where: TableFilter) -> Iterator[dict[str, Any]]:
    if what == "messages":
        return message_rows(store, where)
    if what == "detections":
        return detection_rows(store, where)
    graph = load_graph(store, since=where.since, until=where.until, channel=where.channel)
    return entity_rows(graph) if what == "entities" else event_rows(graph)


def _filter(
    since: datetime | None,
    until: datetime | None,
    channel: str | None,
    language: str | None,
    label: str | None,
    min_score: float | None,
) -> TableFilter:
    return TableFilter(
        since=since,
        until=until,
        channel=channel,
        language=language,
        label=label,
        min_score=min_score,
    )


@export_group.command("csv")
@_table_options
@click.option(
    "--bom",
    is_flag=True,
    help="Start with a UTF-8 byte-order mark (Excel needs it for non-Latin text).",
)
@click.option(
    "--no-formula-guard",
    "no_guard",
    is_flag=True,
    help="Write cells starting with = + - @ as they are (unsafe to open in a "
    "spreadsheet; see docs/exports.md).",
)
def csv_command(
    db: str | None,
    what: str,
    output: str,
    since: datetime | None,
    until: datetime | None,
    channel: str | None,
    language: str | None,
    label: str | None,
    min_score: float | None,
    bom: bool,
    no_guard: bool,
) -> None:
    """Write messages, detections, entities or events as CSV (UTF-8, RFC 4180 quoting, cells
    that a spreadsheet would run as formulas prefixed with ')."""

    def body() -> int:
        where = _filter(since, until, channel, language, label, min_score)
        with open_store(db) as store, _text_out(output) as out:
            count = write_csv(
                _rows(store, what, where), COLUMNS[what], out, formula_guard=not no_guard, bom=bom
            )
        err_console.print(f"wrote {count} {what} rows to {_where(output)}", markup=False)
        return 0

    run_safely(body)


@export_group.command("ndjson")
@_table_options
def ndjson_command(
    db: str | None,
    what: str,
    output: str,
    since: datetime | None,
    until: datetime | None,
    channel: str | None,
    language: str | None,
    label: str | None,
    min_score: float | None,
) -> None:
    """Write messages, detections, entities or events as NDJSON (one JSON object a line)."""

    def body() -> int:
        where = _filter(since, until, channel, language, label, min_score)
        with open_store(db) as store, _binary_out(output) as out:
            count = write_ndjson(_rows(store, what, where), out)
        err_console.print(f"wrote {count} {what} rows to {_where(output)}", markup=False)
        return 0

    run_safely(body)


def _where(output: str) -> str:
    return "stdout" if output == "-" else output
