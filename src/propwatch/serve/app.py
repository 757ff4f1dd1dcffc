"""The application: ``create_app(db)`` builds the FastAPI app with the API and the web UI.

One process, one store (SQLAlchemy engine, thread-safe): route functions are plain ``def``
so FastAPI runs them in its thread pool. Static assets ship inside the package
(``serve/static``); nothing is loaded from a CDN.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from propwatch import __version__
from propwatch.serve import audit_queue
from propwatch.serve.balance import BALANCE_ENV, ConnectionBalancer
from propwatch.serve.lanes import InteractiveLane
from propwatch.serve.routes import routers
from propwatch.serve.settings import ServeSettings
from propwatch.store import open_store

__all__ = ["STATIC_DIR", "TEMPLATES_DIR", "create_app"]

STATIC_DIR = Path(__file__).with_name("static")
TEMPLATES_DIR = Path(__file__).with_name("templates")


class NoSniff:
    """Adds ``X-Content-Type-Options: nosniff`` to every HTTP response.

    A plain ASGI middleware: Starlette's ``BaseHTTPMiddleware`` (``@app.middleware("http")``)
    runs each request through a task group and memory streams, which cost more CPU than some
    whole API pages."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_header(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if not any(name.lower() == b"x-content-type-options" for name, _ in headers):
                    headers.append((b"x-content-type-options", b"nosniff"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_header)


def create_app(db: str | None = None, *, settings: ServeSettings | None = None) -> FastAPI:
    """The workspace on database ``db`` (SQLite path or URL, PostgreSQL URL)."""
    settings = settings or ServeSettings(db=db)
    if db is not None:
        settings.db = db
    store = open_store(settings.db)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        executor = getattr(app.state, "ingest_executor", None)
        if executor is not None:
            executor.shutdown(wait=True)
        audit_queue.close(store)  # deferred search records are written before the store closes
        store.close()

    app = FastAPI(
        title="propwatch",
        version=__version__,
        description="Offline analysis of extremist propaganda: search, detections with "
        "evidence, entities, events, channel networks, alerts, exports. Every route except "
        "/health needs a session or an API token (Authorization: Bearer ...).",
        lifespan=lifespan,
    )
    app.add_middleware(NoSniff)
    app.add_middleware(InteractiveLane, limit=settings.concurrency)
    balance_dir = os.environ.get(BALANCE_ENV)
    if balance_dir and os.path.isdir(balance_dir):  # several processes: spread connections
        app.add_middleware(ConnectionBalancer, directory=balance_dir)

    app.state.store = store
    app.state.settings = settings
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    for router in routers():
        app.include_router(router)
    return app
