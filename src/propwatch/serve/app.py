"""The application: ``create_app(db)`` builds the FastAPI app with the API and the web UI.

One process, one store (SQLAlchemy engine, thread-safe): route functions are plain ``def``
so FastAPI runs them in its thread pool. Static assets ship inside the package
(``serve/static``); nothing is loaded from a CDN.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles

from propwatch import __version__
from propwatch.serve.routes import routers
from propwatch.serve.settings import ServeSettings
from propwatch.store import open_store

__all__ = ["STATIC_DIR", "TEMPLATES_DIR", "create_app"]

STATIC_DIR = Path(__file__).with_name("static")
TEMPLATES_DIR = Path(__file__).with_name("templates")


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
        store.close()

    app = FastAPI(
        title="propwatch",
        version=__version__,
        description="Offline analysis of extremist propaganda: search, detections with "
        "evidence, entities, events, channel networks, alerts, exports. Every route except "
        "/health needs a session or an API token (Authorization: Bearer ...).",
        lifespan=lifespan,
    )
    @app.middleware("http")
    async def no_sniff(request: Request, call_next: Callable[[Request], Awaitable[Response]]
                       ) -> Response:
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response

    app.state.store = store
    app.state.settings = settings
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    for router in routers():
        app.include_router(router)
    return app
