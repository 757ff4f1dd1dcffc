"""Shared pieces of the API tests: the demo corpus, one account and API token per role, and a
test client that sends a role's token."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from fastapi.testclient import TestClient

import propwatch
from propwatch.api import ingest
from propwatch.cli.main import cli
from propwatch.serve.accounts import create_token, create_user
from propwatch.serve.app import create_app
from propwatch.store import Store, open_store

DEMO = Path(propwatch.__file__).parent / "data" / "demo"
ROLES = ("viewer", "analyst", "admin")


def role_tokens(store: Store) -> dict[str, str]:
    """A user ``<role>1`` for each role, and its API token."""
    tokens = {}
    for role in ROLES:
        create_user(store, f"{role}1", role, "a long enough password")
        tokens[role] = create_token(store, f"{role}1")
    return tokens


class Served:
    """A running app on a database at ``url``; ``get``/``post`` send ``role``'s token."""

    def __init__(self, client: TestClient, url: str, tokens: dict[str, str]) -> None:
        self.client, self.url, self.tokens = client, url, tokens

    def auth(self, role: str | None) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role]}"} if role else {}

    def get(self, path: str, role: str | None = "viewer", **kw: Any) -> Any:
        return self.client.get(path, headers=self.auth(role), **kw)

    def post(self, path: str, role: str | None = "viewer", **kw: Any) -> Any:
        return self.client.post(path, headers=self.auth(role), **kw)

    def rows(self, stmt: Any) -> list[Any]:
        with open_store(self.url) as store, store.engine.connect() as conn:
            return list(conn.execute(stmt).all())


def serve_demo(folder: Path) -> Iterator[Served]:
    """The workspace on the demo corpus (export and articles) in a database in ``folder``."""
    url = f"sqlite:///{folder / 'demo.db'}"
    with open_store(url) as store:
        ingest([DEMO / "result.json", DEMO / "articles"], store, workers=0)
        tokens = role_tokens(store)
    with TestClient(create_app(url)) as client:
        yield Served(client, url, tokens)


def cli_json(*args: str) -> Any:
    """What a ``propwatch`` command prints with ``--json``, parsed (the command must succeed)."""
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)
