"""`propwatch users` and `propwatch tokens`: passwords from stdin, the token on the last line."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from propwatch.cli.users_cmd import tokens_group, users_group
from propwatch.serve import accounts
from propwatch.store import open_store

PASSWORD = "correct horse battery"


@click.group()
def cli() -> None:
    """The two groups as `propwatch` registers them."""


cli.add_command(users_group)
cli.add_command(tokens_group)


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'users.db'}"


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)


def test_users_add_reads_the_password_from_stdin(db: str) -> None:
    result = run("users", "add", "alice", "--role", "admin", "--password-stdin", "--db", db,
                 stdin=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    assert "added user alice (admin)" in result.stdout
    with open_store(db) as store:
        user = accounts.verify_password(store, "alice", PASSWORD)
        assert user is not None and user.role == "admin"
        assert accounts.verify_password(store, "alice", PASSWORD + "\n") is None


def test_users_add_prompts_twice_without_the_flag(db: str) -> None:
    result = run("users", "add", "bob", "--role", "viewer", "--db", db,
                 stdin=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output  # hidden input is not echoed
    with open_store(db) as store:
        assert accounts.verify_password(store, "bob", PASSWORD) is not None


def test_duplicate_user_exits_2_with_a_clear_message(db: str) -> None:
    assert run("users", "add", "alice", "--role", "admin", "--password-stdin", "--db", db,
               stdin=PASSWORD).exit_code == 0
    again = run("users", "add", "alice", "--role", "viewer", "--password-stdin", "--db", db,
                stdin=PASSWORD)
    assert again.exit_code == 2
    assert "a user named 'alice' already exists" in again.stderr


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["--role", "viewer"], "short\n", "at least 8"),
        (["--role", "viewer"], "\n", "no password on standard input"),
        (["--role", "root"], PASSWORD, "Invalid value for '--role'"),
    ],
)
def test_users_add_refuses_bad_values(db: str, args: list[str], stdin: str, message: str) -> None:
    result = run("users", "add", "carol", *args, "--password-stdin", "--db", db, stdin=stdin)
    assert result.exit_code == 2 and message in result.stderr
    assert json.loads(run("users", "list", "--json", "--db", db).stdout) == []


def test_users_list_disable_and_passwd(db: str) -> None:
    for name, role in (("alice", "admin"), ("dan", "analyst")):
        run("users", "add", name, "--role", role, "--password-stdin", "--db", db, stdin=PASSWORD)
    assert run("users", "disable", "dan", "--db", db).exit_code == 0
    listed = json.loads(run("users", "list", "--json", "--db", db).stdout)
    assert [(u["name"], u["role"], u["disabled"]) for u in listed] == [
        ("alice", "admin", False), ("dan", "analyst", True),
    ]  # fmt: skip
    assert "dan\tanalyst\tdisabled" in run("users", "list", "--db", db).stdout
    last_admin = run("users", "disable", "alice", "--db", db)
    assert last_admin.exit_code == 2 and "last enabled admin" in last_admin.stderr
    changed = run("users", "passwd", "alice", "--password-stdin", "--db", db,
                  stdin="another password\n")
    assert changed.exit_code == 0
    with open_store(db) as store:
        assert accounts.verify_password(store, "alice", PASSWORD) is None
        assert accounts.verify_password(store, "alice", "another password") is not None
    unknown = run("users", "passwd", "zed", "--password-stdin", "--db", db, stdin=PASSWORD)
    assert unknown.exit_code == 2 and "no user named 'zed'" in unknown.stderr


def test_tokens_create_prints_the_token_on_the_last_line(db: str) -> None:
    run("users", "add", "alice", "--role", "analyst", "--password-stdin", "--db", db,
        stdin=PASSWORD)
    result = run("tokens", "create", "--user", "alice", "--name", "nightly", "--db", db)
    assert result.exit_code == 0
    token = result.output.strip().splitlines()[-1]
    assert token.startswith("pw_") and result.stdout.strip() == token
    assert "shown only now" in result.stderr
    with open_store(db) as store:
        user = accounts.user_for_token(store, token)
        assert user is not None and user.name == "alice"
    listed = json.loads(run("tokens", "list", "--user", "alice", "--json", "--db", db).stdout)
    assert [(t["user"], t["name"], t["revoked"]) for t in listed] == [("alice", "nightly", False)]
    assert token not in run("tokens", "list", "--db", db).stdout
    assert run("tokens", "revoke", str(listed[0]["id"]), "--db", db).exit_code == 0
    with open_store(db) as store:
        assert accounts.user_for_token(store, token) is None
        actions = [r["action"] for r in accounts.audit_rows(store)[1]]
    assert actions == ["token_revoke", "token_create", "user_add"]


def test_tokens_for_unknown_users_or_ids_fail_clearly(db: str) -> None:
    missing = run("tokens", "create", "--user", "ghost", "--db", db)
    assert missing.exit_code == 2 and "no user named 'ghost'" in missing.stderr
    assert missing.stdout == ""
    revoke = run("tokens", "revoke", "42", "--db", db)
    assert revoke.exit_code == 2 and "no token with id 42" in revoke.stderr
