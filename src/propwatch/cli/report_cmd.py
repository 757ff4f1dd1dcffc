"""``propwatch report``: write a brief (HTML or PDF) of what the store holds for a period.

The format comes from the output's name (``.html``/``.htm`` or ``.pdf``). One summary line goes
to stderr. Exit codes: 0 written, 1 a store, knowledge-pack or file problem, 2 wrong use (an
unknown format, ``--since`` not before ``--until``, a missing folder, PDF without WeasyPrint).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from propwatch.cli.common import db_option, err_console, parse_when, run_safely
from propwatch.cli.knowledge_cmd import knowledge_option
from propwatch.errors import PropwatchError, UsageError
from propwatch.store import open_store

__all__ = ["report_command"]


def _check_output(path: Path) -> str:
    from propwatch.report import brief_format

    kind = brief_format(path)
    parent = path.expanduser().resolve().parent
    if not parent.is_dir():
        raise UsageError(
            f"folder {parent} for {path.name} does not exist",
            hint="Create the folder first, or write the brief elsewhere with -o.",
        )
    if kind == "pdf":
        from propwatch.report.pdf import require_weasyprint

        require_weasyprint()  # fail before reading the store, with the install hint
    return kind


@click.command("report")
@db_option
@click.option("--since", callback=parse_when, metavar="DATE", help="From this date (UTC).")
@click.option("--until", callback=parse_when, metavar="DATE", help="Before this date (exclusive).")
@click.option("--channel", help="Only this channel (its key, name or Telegram id).")
@click.option(
    "--top",
    type=click.IntRange(1, 18),
    default=5,
    show_default=True,
    help="Narratives charted and quoted.",
)
@click.option("--title", help="The brief's title (default: period and channel).")
@knowledge_option
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="brief.html or brief.pdf (PDF needs: pip install 'propwatch[pdf]').",
)
def report_command(
    db: str | None,
    since: datetime | None,
    until: datetime | None,
    channel: str | None,
    top: int,
    title: str | None,
    knowledge_dirs: tuple[Path, ...],
    output: Path,
) -> None:
    """Write a brief: top narratives and their trends as charts, key evidence quoted with its
    provenance, the events timeline, new entities, wallets and payment signals, the corpus,
    methods and caveats. Every number and quote links to its source item. See docs/briefs.md.
    """

    def body() -> int:
        from propwatch.report import collect_brief, write_brief

        if since is not None and until is not None and since >= until:
            raise UsageError("--since must be before --until")
        _check_output(output)
        with open_store(db) as store:
            brief = collect_brief(
                store, since=since, until=until, channel=channel, top=top,
                knowledge=knowledge_dirs,
            )  # fmt: skip
        try:
            size = write_brief(brief, output, title=title)
        except OSError as exc:
            raise PropwatchError(
                f"cannot write {output}: {exc.strerror or exc}",
                hint="Check that the folder is writable and the file not open elsewhere.",
            ) from exc
        corpus = brief.corpus
        if brief.empty:
            what = "nothing found"
            if channel and not brief.channel_known:
                what += f" (no channel {channel!r})"
        else:
            what = (
                f"{corpus.items} items, {corpus.channel_total} channels, "
                f"{len(brief.narratives)} narratives, {brief.timeline_clusters} events, "
                f"{sum(brief.new_entity_totals.values())} new entities, "
                f"{len(brief.payments)} payment signals"
            )
        err_console.print(f"wrote brief {output} ({size:,} bytes): {what}", markup=False)
        return 0

    run_safely(body)
