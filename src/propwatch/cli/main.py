"""Entry point of the ``propwatch`` command."""

from __future__ import annotations

import click

from propwatch import __version__
from propwatch.cli.analyze_cmd import analyze_command
from propwatch.cli.demo_cmd import demo_command
from propwatch.cli.entities_cmd import entities_command, events_command
from propwatch.cli.export_cmd import export_group
from propwatch.cli.extract_cmd import eval_extraction_command
from propwatch.cli.graph_cmd import graph_group
from propwatch.cli.ingest_cmd import ingest_command
from propwatch.cli.knowledge_cmd import knowledge_group
from propwatch.cli.misc_cmd import eval_group, stages_command, stats_command
from propwatch.cli.report_cmd import report_command
from propwatch.cli.search_cmd import search_command
from propwatch.cli.serve_cmd import serve_command
from propwatch.cli.train_cmd import eval_detection_command, train_command
from propwatch.cli.users_cmd import tokens_group, users_group
from propwatch.cli.watch_cmd import alerts_group, trends_command, watch_command

__all__ = ["cli", "main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="propwatch")
def cli() -> None:
    """propwatch: offline analysis of extremist propaganda in Telegram exports and documents,
    in Tajik, Uzbek, Kyrgyz, Russian, Persian/Dari, Pashto, Arabic, Turkish and English.

    Start with `propwatch demo`, then `propwatch ingest PATH` and `propwatch search QUERY`.
    """


cli.add_command(demo_command)
cli.add_command(ingest_command)
cli.add_command(search_command)
cli.add_command(stats_command)
cli.add_command(eval_group)
cli.add_command(analyze_command)
cli.add_command(train_command)
cli.add_command(knowledge_group)
eval_group.add_command(eval_detection_command)
eval_group.add_command(eval_extraction_command)
cli.add_command(stages_command)
cli.add_command(entities_command)
cli.add_command(events_command)
cli.add_command(export_group)
cli.add_command(graph_group)
cli.add_command(serve_command)
cli.add_command(users_group)
cli.add_command(tokens_group)
cli.add_command(report_command)
cli.add_command(watch_command)
cli.add_command(alerts_group)
cli.add_command(trends_command)


def main() -> None:
    cli()
