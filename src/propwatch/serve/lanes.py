"""Interactive requests wait their turn: at most ``limit`` at once per server process.

The workspace's requests are CPU-bound (Python, SQLite's full-text index). Starlette runs up
to 40 route functions at once in its thread pool; on a two-core machine under 20 clients that
means ten requests sharing one core, each taking ten times its own cost, and the heaviest
searches (30 ms of work) taking 300 ms. Admitted a few at a time, first come first served,
each request runs at full speed once admitted and the total work is the same: the tail
shortens (p95 at a million messages went from ~210 to ~170 ms, benchmarks/RESULTS.md).

Long requests are not queued in this lane, so that an analyst computing the channel network
(seconds at a million messages) or downloading an export never holds up everyone's searches:
the graph, trends, exports, uploads and job status, the dashboard and network pages, static
files and ``/health`` pass straight through (:data:`UNQUEUED`).
"""

from __future__ import annotations

import asyncio

from starlette.types import ASGIApp, Receive, Scope, Send

__all__ = ["UNQUEUED", "InteractiveLane", "queued"]

#: Path prefixes (and exact paths ending without ``/``) that bypass the queue.
UNQUEUED: tuple[str, ...] = (
    "/api/graph/",
    "/api/trends",
    "/api/exports/",
    "/api/audit/export",
    "/api/labels/export",
    "/api/ingest",
    "/api/jobs",
    "/static/",
    "/health",
    "/network",
)
#: Exact paths that bypass the queue (the dashboard computes series over every item).
UNQUEUED_EXACT: frozenset[str] = frozenset({"/"})


def queued(path: str) -> bool:
    """Whether a request for ``path`` waits in the interactive lane."""
    return path not in UNQUEUED_EXACT and not path.startswith(UNQUEUED)


class InteractiveLane:
    """ASGI middleware: HTTP requests for queued paths run at most ``limit`` at a time, in
    the order they arrived (``asyncio.Semaphore`` wakes waiters first in, first out)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = max(1, limit)
        # One semaphore per event loop (tests run several apps, each in its own loop).
        self._gates: dict[asyncio.AbstractEventLoop, asyncio.Semaphore] = {}

    def _gate(self) -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()
        gate = self._gates.get(loop)
        if gate is None:
            for old in [other for other in self._gates if other.is_closed()]:
                del self._gates[old]
            gate = self._gates[loop] = asyncio.Semaphore(self.limit)
        return gate

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not queued(scope.get("path", "")):
            await self.app(scope, receive, send)
            return
        async with self._gate():
            await self.app(scope, receive, send)
