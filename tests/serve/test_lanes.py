"""The interactive lane: queued requests run a few at a time, in order; long ones bypass it."""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
from typing import Any

import pytest

from propwatch.serve.lanes import InteractiveLane, queued
from propwatch.serve.settings import ServeSettings, default_concurrency


def test_which_paths_wait_in_the_lane() -> None:
    for path in ("/api/search", "/api/items", "/api/entities/12", "/search", "/items/3", "/api/me"):
        assert queued(path), path
    for path in ("/", "/health", "/api/graph/channels", "/api/trends", "/api/exports/csv",
                 "/api/ingest", "/api/jobs/4", "/static/app.css", "/network"):  # fmt: skip
        assert not queued(path), path


def _run(limit: int, paths: list[str]) -> tuple[int, list[str]]:
    """Send requests for ``paths`` at once through the lane; (most inside the app at the same
    time, order in which they entered the app)."""
    inside = 0
    most = 0
    entered: list[str] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        nonlocal inside, most
        inside += 1
        most = max(most, inside)
        entered.append(scope["path"])
        await asyncio.sleep(0.02)
        inside -= 1

    lane = InteractiveLane(app, limit=limit)

    async def main() -> None:
        async def nothing() -> dict[str, Any]:
            return {"type": "http.request"}

        async def drop(message: Any) -> None:
            return None

        await asyncio.gather(
            *(lane({"type": "http", "path": p}, nothing, drop) for p in paths)
        )

    # In a thread of its own: the browser tests' Playwright keeps an event loop running in
    # the main thread, where asyncio.run() refuses to start another.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, main()).result()
    return most, entered


def test_queued_requests_run_at_most_limit_at_once_in_arrival_order() -> None:
    paths = [f"/api/item{i}" for i in range(6)]
    most, entered = _run(2, paths)
    assert most == 2
    assert entered == paths


def test_long_requests_do_not_wait_for_the_lane() -> None:
    paths = [f"/api/items{i}" for i in range(3)] + ["/api/graph/channels", "/api/exports/csv"]
    most, entered = _run(1, paths)
    # Only one queued request inside at a time, but the graph and the export got in at once.
    assert most == 3
    assert entered[:3] == ["/api/items0", "/api/graph/channels", "/api/exports/csv"]


def test_default_concurrency_shares_the_cores_among_the_server_processes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 8)
    monkeypatch.delenv("PROPWATCH_CONCURRENCY", raising=False)
    monkeypatch.delenv("PROPWATCH_WORKERS", raising=False)
    assert default_concurrency() == 8
    monkeypatch.setenv("PROPWATCH_WORKERS", "2")
    assert default_concurrency() == 4
    monkeypatch.setenv("PROPWATCH_WORKERS", "16")
    assert default_concurrency() == 1
    monkeypatch.setenv("PROPWATCH_CONCURRENCY", "3")
    assert default_concurrency() == ServeSettings().concurrency == 3
