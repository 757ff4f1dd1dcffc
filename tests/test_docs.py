"""Documentation stays complete: every error and rejection code, every CLI command."""

from __future__ import annotations

import inspect
from pathlib import Path

import click

from propwatch import errors
from propwatch.cli.main import cli

DOCS = Path(__file__).resolve().parents[1] / "docs"
README = Path(__file__).resolve().parents[1] / "README.md"


def test_every_error_code_is_documented() -> None:
    text = (DOCS / "errors.md").read_text(encoding="utf-8")
    classes = [
        cls
        for _, cls in inspect.getmembers(errors, inspect.isclass)
        if issubclass(cls, errors.PropwatchError) and cls is not errors.PropwatchError
    ]
    for cls in classes:
        assert f"| {cls.code} | `{cls.__name__}` |" in text, cls.__name__
    for code in errors.REJECT_CODES:
        assert f"| {code} |" in text, code


def test_every_command_is_in_the_readme_or_docs() -> None:
    text = README.read_text(encoding="utf-8")
    assert isinstance(cli, click.Group)
    names = cli.list_commands(click.Context(cli))
    assert len(names) >= 20  # subcommands load lazily: listed, not yet in cli.commands
    for name in names:
        assert f"propwatch {name}" in text, name
