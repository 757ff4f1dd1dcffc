"""Shared fixtures: a store on every backend the machine offers.

PostgreSQL tests run when ``PROPWATCH_TEST_PG`` holds a URL (CI sets it) and skip otherwise.
Each PostgreSQL test gets its own schema, dropped afterwards.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from propwatch.analyze import Pipeline
from propwatch.model import Message, RawItem
from propwatch.store import Store, open_store

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def _pg_url(schema: str) -> str:
    base = os.environ["PROPWATCH_TEST_PG"]
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{schema}"


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database URL for an empty database on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    if not os.environ.get("PROPWATCH_TEST_PG"):
        pytest.skip("PROPWATCH_TEST_PG is not set")
    import sqlalchemy as sa

    from propwatch.store.engine import resolve_url

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(resolve_url(os.environ["PROPWATCH_TEST_PG"]))
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    try:
        yield _pg_url(schema)
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with open_store(db_url) as s:
        yield s


def make_item(
    text: str,
    message_id: str = "1",
    channel: str = "telegram:100",
    *,
    name: str | None = "Test channel",
    date: datetime | None = None,
    edited: datetime | None = None,
    **extra: Any,
) -> RawItem:
    raw = {"id": message_id, "text": text, "edited": str(edited) if edited else None}
    return RawItem(
        source="test.json",
        source_format="telegram_json",
        position=f"messages[{message_id}]",
        channel_key=channel,
        channel_name=name,
        message_id=message_id,
        date=date or datetime(2024, 1, 3, 12, 0, tzinfo=UTC),
        edited=edited,
        text=text,
        raw=raw,
        **extra,
    )


def analysed(*items: RawItem) -> list[Message]:
    batch = [Message(item) for item in items]
    return Pipeline()(batch)


#: The benchmarks' synthetic export generator (not a package: loaded from its file).
GENERATE_PY = Path(__file__).resolve().parents[1] / "benchmarks" / "generate.py"


def load_module(name: str, path: Path) -> ModuleType:
    """A script of the repository (``benchmarks/``, ``scripts/``: not packages) as module
    ``name``, loaded once."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod  # dataclasses look their module up while the class is built
    spec.loader.exec_module(mod)
    return mod


def load_generator() -> ModuleType:
    """``benchmarks/generate.py`` as a module, loaded once."""
    return load_module("propwatch_bench_generate", GENERATE_PY)
