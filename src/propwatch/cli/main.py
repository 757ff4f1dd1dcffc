"""Entry point of the ``propwatch`` command.

Subcommands are imported when they run (or when ``--help`` lists them), not when the command
starts: ``propwatch search`` does not pay for the web server's or the exports' imports, and
neither does every ingest worker process, which imports this module again (``multiprocessing``
starts workers by re-running the ``propwatch`` script; importing every command cost each
worker 0.5 s of CPU before it read a message).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

import click

from propwatch import __version__

__all__ = ["cli", "main"]


def _command(module: str, attr: str) -> Callable[[], click.Command]:
    def load() -> click.Command:
        command = getattr(importlib.import_module(f"propwatch.cli.{module}"), attr)
        assert isinstance(command, click.Command)
        return command

    return load


def _eval_group() -> click.Command:
    from propwatch.cli.extract_cmd import eval_extraction_command
    from propwatch.cli.misc_cmd import eval_group
    from propwatch.cli.train_cmd import eval_detection_command

    eval_group.add_command(eval_detection_command)
    eval_group.add_command(eval_extraction_command)
    return eval_group


#: Subcommand name -> how to load it.
_COMMANDS: dict[str, Callable[[], click.Command]] = {
    "alerts": _command("watch_cmd", "alerts_group"),
    "analyze": _command("analyze_cmd", "analyze_command"),
    "demo": _command("demo_cmd", "demo_command"),
    "entities": _command("entities_cmd", "entities_command"),
    "eval": _eval_group,
    "events": _command("entities_cmd", "events_command"),
    "export": _command("export_cmd", "export_group"),
    "graph": _command("graph_cmd", "graph_group"),
    "ingest": _command("ingest_cmd", "ingest_command"),
    "knowledge": _command("knowledge_cmd", "knowledge_group"),
    "report": _command("report_cmd", "report_command"),
    "search": _command("search_cmd", "search_command"),
    "serve": _command("serve_cmd", "serve_command"),
    "stages": _command("misc_cmd", "stages_command"),
    "stats": _command("misc_cmd", "stats_command"),
    "tokens": _command("users_cmd", "tokens_group"),
    "train": _command("train_cmd", "train_command"),
    "trends": _command("watch_cmd", "trends_command"),
    "users": _command("users_cmd", "users_group"),
    "watch": _command("watch_cmd", "watch_command"),
}


class _LazyGroup(click.Group):
    """A group whose subcommands are imported on first use (click's documented pattern)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in _COMMANDS:
            command = _COMMANDS[cmd_name]()
            if command.name != cmd_name:
                raise RuntimeError(f"command {cmd_name!r} loaded as {command.name!r}")
            self.add_command(command)
        return super().get_command(ctx, cmd_name)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="propwatch")
def cli() -> None:
    """propwatch: offline analysis of extremist propaganda in Telegram exports and documents,
    in Tajik, Uzbek, Kyrgyz, Russian, Persian/Dari, Pashto, Arabic, Turkish and English.

    Start with `propwatch demo`, then `propwatch ingest PATH` and `propwatch search QUERY`.
    """


def main() -> None:
    cli()
