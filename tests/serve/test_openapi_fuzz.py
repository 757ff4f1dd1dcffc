"""Fuzz the JSON API from its own OpenAPI document (schemathesis, in process): whatever a
client sends to any operation, valid (positive) or not (negative), the answer is never a
server error (5xx, or an exception escaping the app).

The app runs on the demo data with an admin API token, so every operation is reached past
authentication and role checks. Excluded, and why:

* ``POST /logout``: ends the caller's session (destructive to the fixture);
* ``DELETE /api/tokens/{token_id}``: small ids are the fixture's own token (destructive);
* ``POST /api/users/{name}/disable``: could disable the fixture's account (destructive);
* ``POST /api/ingest``: every accepted upload starts a background ingest (slow); refusals of
  uploads are tested in ``test_hostile_content.py``.

Examples per operation and mode are bounded (``MAX_EXAMPLES``) and derandomized (no example
database, no shrinking), so a run is repeatable and stays under a minute on two cores.

schemathesis' own pytest integration (``schemathesis.pytest.from_fixture``) fails on pytest 9
(``'Function' object has no attribute '_nodeid'``), so each operation is one parametrized
test that drives ``APIOperation.as_strategy`` with Hypothesis directly.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI, Query
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import APIOperation, BaseSchema, Case, GenerationMode
from schemathesis.core import NotSet
from schemathesis.python import asgi

import propwatch
from propwatch.api import ingest
from propwatch.serve.accounts import create_token, create_user
from propwatch.serve.app import create_app
from propwatch.serve.settings import ServeSettings
from propwatch.store import open_store

DEMO = Path(propwatch.__file__).parent / "data" / "demo"
Operation = APIOperation[Any, Any, Any, Any]
#: Generated requests per operation and mode (positive, negative).
MAX_EXAMPLES = 12
#: Failures kept per operation (the first few say enough).
MAX_REPORTED = 5
#: (method, path) pairs left out of the fuzzing; see the module docstring.
EXCLUDED = {
    ("POST", "/logout"),
    ("DELETE", "/api/tokens/{token_id}"),
    ("POST", "/api/users/{name}/disable"),
    ("POST", "/api/ingest"),
}


def _operations() -> list[str]:
    """``METHOD /path`` of every operation in the app's OpenAPI document (read at collection
    from an app on an empty in-memory database: the document does not depend on data)."""
    app = create_app("sqlite://")
    try:
        document = app.openapi()
    finally:
        app.state.store.close()
    return sorted(
        f"{method.upper()} {path}"
        for path, methods in document["paths"].items()
        for method in methods
        if method.upper() in ("GET", "POST", "PUT", "PATCH", "DELETE")
    )


OPERATIONS = _operations()
FUZZED = [x for x in OPERATIONS if tuple(x.split(" ", 1)) not in EXCLUDED]


def _describe(case: Case[Any], outcome: str) -> str:
    body = None if isinstance(case.body, NotSet) else case.body
    sent = {k: v for k, v in (("path", case.path_parameters), ("query", case.query),
                              ("body", body)) if v}  # fmt: skip
    return f"{outcome} for {str(sent)[:300]}"


def _fuzz_mode(
    operation: Operation, headers: dict[str, str], mode: GenerationMode,
    failures: list[str],
) -> int:  # fmt: skip
    """Run ``MAX_EXAMPLES`` requests of ``mode``; append server errors to ``failures``."""
    calls = 0

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
        phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck),
    )  # fmt: skip
    def run(case: Case[Any]) -> None:
        nonlocal calls
        calls += 1
        try:
            response = case.call(headers=headers)
        except Exception as exc:  # an exception escaping the app: a 500 for the client
            outcome = f"{type(exc).__name__}: {str(exc)[:200]}"
        else:
            if response.status_code < 500:
                return
            outcome = f"{response.status_code} {response.text[:200]}"
        if len(failures) < MAX_REPORTED:
            failures.append(f"{mode.value}: {_describe(case, outcome)}")

    try:
        run()
    except Unsatisfiable:  # nothing to make invalid: no parameters, no body
        if mode is GenerationMode.POSITIVE:
            raise
    return calls


def fuzz(operation: Operation, headers: dict[str, str]) -> tuple[int, list[str]]:
    """Send ``MAX_EXAMPLES`` positive and negative requests to ``operation``: the number of
    calls made and a description of each server error (at most ``MAX_REPORTED``)."""
    failures: list[str] = []
    calls = sum(
        _fuzz_mode(operation, headers, mode, failures)
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    )
    return calls, failures


@pytest.fixture(scope="module")
def admin_token(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """The demo database's URL and an admin's API token."""
    folder = tmp_path_factory.mktemp("fuzz")
    url = f"sqlite:///{folder / 'demo.db'}"
    with open_store(url) as store:
        ingest([DEMO / "result.json", DEMO / "articles"], store, workers=0)
        create_user(store, "fuzzer", "admin", "a long enough password")
        token = create_token(store, "fuzzer")
    return url, token


@pytest.fixture(scope="module")
def api_schema(
    admin_token: tuple[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BaseSchema]:
    url, _ = admin_token
    settings_ = ServeSettings(db=url, upload_dir=tmp_path_factory.mktemp("uploads"))
    app = create_app(url, settings=settings_)
    yield schemathesis.openapi.from_asgi("/openapi.json", app)
    asgi.shutdown_lifespans()


def test_the_fuzzed_operations_cover_the_api() -> None:
    for label in ("GET /api/search", "GET /api/items", "GET /api/items/{item_id}",
                  "GET /api/entities", "GET /api/events", "GET /api/alerts",
                  "POST /api/labels", "GET /api/graph/channels"):  # fmt: skip
        assert label in FUZZED
    assert len(FUZZED) >= 25
    missing = {f"{m} {p}" for m, p in EXCLUDED} - set(OPERATIONS)
    assert not missing, f"excluded operations that no longer exist: {missing}"


def test_the_fuzzer_reports_a_server_error() -> None:
    """The harness itself: a route that fails on some valid input is caught."""
    app = FastAPI()

    @app.get("/fragile")
    def fragile(n: int = Query(0, ge=0)) -> dict[str, int]:
        if n > 3:
            raise RuntimeError("fragile")
        return {"n": n}

    operation = schemathesis.openapi.from_asgi("/openapi.json", app)["/fragile"]["GET"]
    calls, failures = fuzz(operation, {})
    assert calls >= MAX_EXAMPLES
    assert failures and "RuntimeError: fragile" in failures[0]


@pytest.mark.parametrize("label", FUZZED)
def test_api_never_answers_with_a_server_error(
    api_schema: BaseSchema, admin_token: tuple[str, str], label: str
) -> None:
    method, path = label.split(" ", 1)
    operation = api_schema[path][method]
    calls, failures = fuzz(operation, {"Authorization": f"Bearer {admin_token[1]}"})
    assert calls > 0
    assert not failures, f"{label} answered with a server error:\n" + "\n".join(failures)
