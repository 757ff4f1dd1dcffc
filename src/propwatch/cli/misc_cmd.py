"""``propwatch stats``, ``propwatch eval langid``, ``propwatch stages``."""

from __future__ import annotations

from pathlib import Path

import click

from propwatch.cli.common import db_option, echo_json, run_safely
from propwatch.store import open_store

__all__ = ["eval_group", "stages_command", "stats_command"]


@click.command("stats")
@db_option
@click.option("--json", "as_json", is_flag=True)
def stats_command(db: str | None, as_json: bool) -> None:
    """Counts of stored items by language, channel and kind."""

    def body() -> int:
        with open_store(db) as store:
            stats = store.stats()
        if as_json:
            echo_json(stats)
        else:
            click.echo(
                f"{stats['messages']} items, {stats['channels']} channels, "
                f"{stats['versions']} earlier versions, {stats['rejected']} rejected "
                f"({stats['backend']}, schema v{stats['schema_version']})"
            )
            for lang, n in stats["by_language"].items():
                click.echo(f"  {lang:5} {n}")
        return 0

    run_safely(body)


@click.group("eval", invoke_without_command=True)
@click.option("--data", type=click.Path(exists=True, dir_okay=False), default=None,
              help="A labelled CSV/TSV to score the detector (or --model) on.")
@click.option("--text-col", default="text", show_default=True)
@click.option("--label-col", default="label", show_default=True)
@click.option("--lang-col", default=None, help="Language column (default: `lang` if present).")
@click.option("--model", default=None, metavar="DIR",
              help="Score this trained model alone instead of the whole detector.")
@click.option("--knowledge", multiple=True, metavar="DIR")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def eval_group(
    ctx: click.Context, data: str | None, text_col: str, label_col: str, lang_col: str | None,
    model: str | None, knowledge: tuple[str, ...], as_json: bool,
) -> None:
    """Measure propwatch on labelled data: `eval --data FILE.csv` prints precision, recall and
    F1 per label and per language; subcommands score the bundled test sets."""
    if ctx.invoked_subcommand is not None:
        return
    if data is None:
        click.echo(ctx.get_help())
        return
    from propwatch.cli.train_cmd import data_options_eval

    run_safely(
        lambda: data_options_eval(data, text_col, label_col, lang_col, model, knowledge, as_json)
    )


@eval_group.command("langid")
@click.option(
    "--data",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="TSV with lang, script, text, note columns (default: the bundled test set).",
)
@click.option("--json", "as_json", is_flag=True)
def eval_langid(data: Path | None, as_json: bool) -> None:
    """Accuracy of language identification per language (>= 5 words and shorter)."""

    def body() -> int:
        from propwatch.normalize.langid_eval import evaluate, format_report

        report = evaluate(data)
        if as_json:
            echo_json(report.to_json())
        else:
            click.echo(format_report(report))
        return 0

    run_safely(body)


@click.command("stages")
def stages_command() -> None:
    """List the registered analysis stages with what they require and assign."""
    from propwatch.analyze.pipeline import DEFAULT_PIPELINE, registered

    for name, stage in registered().items():
        mark = "*" if name in DEFAULT_PIPELINE else " "
        click.echo(
            f"{mark} {name}@{stage.version}: requires {sorted(stage.requires)} "
            f"assigns {sorted(stage.assigns)}  {stage.doc}"
        )
