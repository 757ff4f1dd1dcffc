"""``propwatch ingest``."""

from __future__ import annotations

from pathlib import Path

import click
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from propwatch.analyze import BASE_PIPELINE, DEFAULT_PIPELINE, Pipeline
from propwatch.api import IngestReport, ingest
from propwatch.cli.common import db_option, echo_json, err_console, run_safely
from propwatch.errors import UsageError
from propwatch.ingest.base import ReaderOptions
from propwatch.ingest.detect import READERS
from propwatch.store import open_store

__all__ = ["ingest_command", "print_report"]


def _column_map(pairs: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        if not sep or not field or not column:
            raise UsageError(f"--map {pair!r} must look like FIELD=COLUMN, e.g. text=body")
        out[field.strip()] = column.strip()
    return out


def print_report(report: IngestReport) -> None:
    t = report.totals
    err_console.print(
        f"[bold]{t.ingested}[/] new items stored, {t.duplicates} already known, "
        f"{t.edits} edits recorded as versions, {t.rejected} rejected "
        f"(kept with their reason), from {len(report.files)} file(s)",
        markup=True,
    )
    if report.skipped:
        err_console.print(f"{len(report.skipped)} file(s) skipped (media or unsupported type)")
    for error in report.errors:
        err_console.print(f"[bold red]error[/] [{error['code']}] {error['message']}", markup=True)
        if error.get("hint"):
            err_console.print(f"  [dim]what to do:[/] {error['hint']}", markup=True)


def _configure_detection(knowledge: tuple[str, ...], model: str | None) -> dict[str, str | None]:
    """Check the pack and model now (a clear error before any file is read), then hand them to
    the detect stage through the environment, which worker processes inherit. Returns the
    previous values, restored when the command ends."""
    import os

    from propwatch.detect.detector import KNOWLEDGE_ENV, MODEL_ENV, Detector

    Detector.from_options(knowledge, model)
    saved = {name: os.environ.get(name) for name in (KNOWLEDGE_ENV, MODEL_ENV)}
    if knowledge:
        os.environ[KNOWLEDGE_ENV] = os.pathsep.join(str(Path(k).resolve()) for k in knowledge)
    if model:
        os.environ[MODEL_ENV] = str(Path(model).resolve())
    return saved


def _stages(no_detect: bool, no_extract: bool) -> tuple[str, ...]:
    if no_detect:
        return BASE_PIPELINE
    if no_extract:
        return tuple(s for s in DEFAULT_PIPELINE if s != "extract")
    return DEFAULT_PIPELINE


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON summary object.")
@click.option(
    "--format",
    "force_format",
    type=click.Choice(sorted(READERS)),
    help="Skip detection and read every file as this format.",
)
@click.option(
    "--map",
    "mapping",
    multiple=True,
    metavar="FIELD=COLUMN",
    help="CSV/JSONL column for a field (text, id, date, channel, author, title). Repeatable.",
)
@click.option("--encoding", help="Force the text encoding of CSV/JSONL/text files (e.g. cp1251).")
@click.option("--channel", help="Channel name for files that carry none (text, CSV, articles).")
@click.option("--batch-size", default=2000, show_default=True, help="Items per transaction.")
@click.option(
    "--workers",
    type=click.IntRange(0, 64),
    default=None,
    help="Processes for analysis (0: none; default: one per core for inputs over 16 MB).",
)
@click.option(
    "--no-detect", is_flag=True,
    help="Store and index only: skip detection and extraction (run `propwatch analyze` later).",
)
@click.option(
    "--no-extract", is_flag=True,
    help="Detection without extraction: no entities, events or relations for the graph.",
)
@click.option(
    "--ner", is_flag=True,
    help="Also run named-entity recognition in extraction (natasha for Russian; spaCy for "
    "English with propwatch[ner-en]): finds names the gazetteer does not know; ~10-50 ms "
    "per Russian or English item.",
)
@click.option(
    "--knowledge", "knowledge", multiple=True, metavar="DIR",
    help="Extra knowledge pack directory for detection, merged over the built-in one.",
)
@click.option("--model", "model", metavar="DIR", help="Detection model made by `propwatch train`.")
@click.option("--quiet", "-q", is_flag=True, help="No progress display.")
def ingest_command(
    paths: tuple[Path, ...],
    db: str | None,
    as_json: bool,
    force_format: str | None,
    mapping: tuple[str, ...],
    encoding: str | None,
    channel: str | None,
    batch_size: int,
    workers: int | None,
    no_detect: bool,
    no_extract: bool,
    ner: bool,
    knowledge: tuple[str, ...],
    model: str | None,
    quiet: bool,
) -> None:
    """Read Telegram exports, JSONL, CSV, HTML articles or text files (or folders of them),
    normalize and store every item with its provenance.

    Ingesting the same file again adds nothing; a newer export adds only new messages and
    records edits as versions. Items that cannot be parsed are stored as rejected records.

    Exit codes: 0 all stored; 3 finished with rejected items; 1 a file failed (damaged,
    unreadable; items before the damage are stored); 2 usage error.
    """

    def body() -> int:
        if ner:
            import os

            os.environ["PROPWATCH_NER"] = "1"
        if not (knowledge or model):
            return run()
        saved = _configure_detection(knowledge, model)
        try:
            return run()
        finally:
            import os

            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value

    def run() -> int:
        options = ReaderOptions(column_map=_column_map(mapping), encoding=encoding, channel=channel)
        with open_store(db) as store:
            show = not quiet and not as_json and err_console.is_terminal
            with Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                TextColumn("{task.completed:,.0f} items"),
                TimeElapsedColumn(),
                console=err_console,
                disable=not show,
                transient=True,
            ) as bar:
                task = bar.add_task("reading", total=None)

                def progress(file: Path, seen: int) -> None:
                    bar.update(task, description=f"reading {file.name}", completed=seen)

                report = ingest(
                    list(paths),
                    store,
                    options=options,
                    force_format=force_format,
                    batch_size=batch_size,
                    progress=progress,
                    workers=workers,
                    pipeline=Pipeline(_stages(no_detect, no_extract)),
                )
        if as_json:
            echo_json(report.to_json())
            for error in report.errors:
                err_console.print(f"error [{error['code']}] {error['message']}", markup=False)
        else:
            print_report(report)
        return report.exit_code

    run_safely(body)
