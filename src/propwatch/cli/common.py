"""Shared CLI pieces: the --db option, error reporting, JSON output, dates."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.markup import escape

from propwatch.errors import PropwatchError

__all__ = ["db_option", "echo_json", "err_console", "fail", "parse_when", "run_safely"]

F = TypeVar("F", bound=Callable[..., Any])

err_console = Console(stderr=True, highlight=False, soft_wrap=True)


def db_option(func: F) -> F:
    return click.option(
        "--db",
        "db",
        metavar="URL",
        envvar="PROPWATCH_DB",
        default=None,
        help="Database: a SQLite path or URL (default ./propwatch.db, or $PROPWATCH_DB), "
        "or postgresql://user@host/dbname.",
    )(func)


def echo_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, default=str))


def fail(exc: PropwatchError) -> None:
    err_console.print(f"[bold red]error[/] [{exc.code}] {escape(exc.message)}", markup=True)
    if exc.hint:
        err_console.print(f"  [dim]what to do:[/] {escape(exc.hint)}", markup=True)
    sys.exit(exc.exit_code)


def run_safely(func: Callable[[], int | None]) -> None:
    """Run a command body; turn propwatch errors into a message and their exit code."""
    try:
        code = func()
    except PropwatchError as exc:
        fail(exc)
    else:
        sys.exit(code or 0)


def parse_when(_ctx: Any, _param: Any, value: str | None) -> datetime | None:
    """Parse --since/--until: ``YYYY-MM-DD`` or an ISO 8601 time (UTC unless it has an offset)."""
    if value is None:
        return None
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            return datetime(day.year, day.month, day.day, tzinfo=UTC)
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date; use YYYY-MM-DD or 2024-01-03T10:00:00+00:00"
        ) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
