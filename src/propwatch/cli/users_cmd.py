"""``propwatch users ...`` and ``propwatch tokens ...``: accounts of the workspace server.

Passwords come from one line of standard input (``--password-stdin``) or a hidden prompt
asked twice; they are never command-line arguments (those show in ``ps`` and shell history).
``tokens create`` prints a note on standard error and the token alone on standard output, so
the token is the last line either way: ``TOKEN=$(propwatch tokens create --user NAME)``.
Invalid values, duplicate or unknown names exit with code 2 and a message.
"""

from __future__ import annotations

import sys

import click

from propwatch.cli.common import db_option, echo_json, run_safely
from propwatch.errors import UsageError
from propwatch.serve.settings import ROLES
from propwatch.store import open_store

__all__ = ["tokens_group", "users_group"]


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        password = line.removesuffix("\n").removesuffix("\r")
        if not password:
            raise UsageError("no password on standard input",
                             hint="Pipe it in: printf '%s\\n' \"$PASSWORD\" | propwatch ...")
        return password
    value: str = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    return value


@click.group("users")
def users_group() -> None:
    """Accounts of the workspace server (`propwatch serve`): add, list, disable, passwd."""


@users_group.command("add")
@click.argument("name")
@click.option("--role", required=True, type=click.Choice(ROLES),
              help="viewer: read; analyst: also label, ingest, export; admin: also manage users.")
@click.option("--password-stdin", is_flag=True,
              help="Read the password from one line of standard input (else: prompt twice).")
@db_option
def users_add(name: str, role: str, password_stdin: bool, db: str | None) -> None:
    """Add the user NAME with a role and a password (at least 8 characters)."""

    def body() -> int:
        from propwatch.serve.accounts import audit, create_user

        password = _read_password(password_stdin)
        with open_store(db) as store:
            user_id = create_user(store, name, role, password)
            audit(store, "user_add", target=name, detail={"role": role, "via": "cli"})
        click.echo(f"added user {name} ({role}), id {user_id}")
        return 0

    run_safely(body)


@users_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="A JSON list instead of a table.")
@db_option
def users_list(as_json: bool, db: str | None) -> None:
    """The accounts: name, role, disabled, created."""

    def body() -> int:
        from propwatch.serve.accounts import list_users

        with open_store(db) as store:
            rows = list_users(store)
        if as_json:
            echo_json(rows)
            return 0
        if not rows:
            click.echo("no users yet: propwatch users add NAME --role admin", err=True)
        for row in rows:
            state = "disabled" if row["disabled"] else "enabled"
            click.echo(f"{row['name']}\t{row['role']}\t{state}\t{row['created_at']}")
        return 0

    run_safely(body)


def _set_state(name: str, db: str | None, enabled: bool) -> None:
    def body() -> int:
        from propwatch.serve.accounts import audit, disable_user, enable_user

        with open_store(db) as store:
            (enable_user if enabled else disable_user)(store, name)
            audit(store, "user_enable" if enabled else "user_disable", target=name,
                  detail={"via": "cli"})
        click.echo(f"{'enabled' if enabled else 'disabled'} user {name}")
        return 0

    run_safely(body)


@users_group.command("disable")
@click.argument("name")
@db_option
def users_disable(name: str, db: str | None) -> None:
    """Disable NAME: sessions end, API tokens stop working (the last admin cannot be)."""
    _set_state(name, db, enabled=False)


@users_group.command("enable")
@click.argument("name")
@db_option
def users_enable(name: str, db: str | None) -> None:
    """Enable a disabled account again."""
    _set_state(name, db, enabled=True)


@users_group.command("passwd")
@click.argument("name")
@click.option("--password-stdin", is_flag=True,
              help="Read the new password from one line of standard input (else: prompt twice).")
@db_option
def users_passwd(name: str, password_stdin: bool, db: str | None) -> None:
    """Set NAME's password; their browser sessions end (API tokens keep working)."""

    def body() -> int:
        from propwatch.serve.accounts import audit, set_password

        password = _read_password(password_stdin)
        with open_store(db) as store:
            set_password(store, name, password)
            audit(store, "user_password", target=name, detail={"via": "cli"})
        click.echo(f"changed the password of {name}")
        return 0

    run_safely(body)


@click.group("tokens")
def tokens_group() -> None:
    """API tokens for scripts (`Authorization: Bearer TOKEN`): create, list, revoke."""


@tokens_group.command("create")
@click.option("--user", "user_name", required=True, metavar="NAME", help="The token's owner.")
@click.option("--name", "label", default=None, metavar="LABEL", help="What the token is for.")
@db_option
def tokens_create(user_name: str, label: str | None, db: str | None) -> None:
    """Create an API token for a user. The token is printed once, on the last line."""

    def body() -> int:
        from propwatch.serve.accounts import audit, issue_token

        with open_store(db) as store:
            token_id, token = issue_token(store, user_name, label)
            audit(store, "token_create", target=user_name,
                  detail={"id": token_id, "name": label, "via": "cli"})
        click.echo(f"token {token_id} for {user_name}; it is shown only now, keep it secret:",
                   err=True)
        click.echo(token)
        return 0

    run_safely(body)


@tokens_group.command("list")
@click.option("--user", "user_name", default=None, metavar="NAME", help="Only NAME's tokens.")
@click.option("--json", "as_json", is_flag=True, help="A JSON list instead of a table.")
@db_option
def tokens_list(user_name: str | None, as_json: bool, db: str | None) -> None:
    """API tokens (never their values): id, owner, label, created, last used, revoked."""

    def body() -> int:
        from propwatch.serve.accounts import list_tokens

        with open_store(db) as store:
            rows = list_tokens(store, user_name)
        if as_json:
            echo_json(rows)
            return 0
        for row in rows:
            state = "revoked" if row["revoked"] else "active"
            click.echo(f"{row['id']}\t{row['user']}\t{row['name'] or '-'}\t{state}\t"
                       f"created {row['created_at']}\tlast used {row['last_used'] or 'never'}")
        return 0

    run_safely(body)


@tokens_group.command("revoke")
@click.argument("token_id", metavar="ID", type=click.IntRange(1))
@db_option
def tokens_revoke(token_id: int, db: str | None) -> None:
    """Revoke the token with this ID (see `propwatch tokens list`)."""

    def body() -> int:
        from propwatch.serve.accounts import audit, revoke_token

        with open_store(db) as store:
            revoke_token(store, token_id)
            audit(store, "token_revoke", target=token_id, detail={"via": "cli"})
        click.echo(f"revoked token {token_id}")
        return 0

    run_safely(body)
