"""Route modules; each exposes ``router`` (an ``APIRouter``). ``ROUTERS`` is the order the app
includes them in."""

from __future__ import annotations

from importlib import import_module

from fastapi import APIRouter

__all__ = ["MODULES", "routers"]

#: Module names under ``propwatch.serve.routes``.
MODULES: tuple[str, ...] = (
    "health",       # /health (no auth)
    "auth_routes",  # /login, /logout, /api/me
    "api_search",   # /api/search, /api/items, /api/items/{id}
    "api_graph",    # /api/entities, /api/events, /api/graph/*
    "api_work",     # /api/ingest (+ jobs), /api/labels, /api/exports/*
    "api_alerts",   # /api/alerts, /api/alert-rules, /api/trends, /api/reference-events
    "api_admin",    # /api/users, /api/tokens, /api/audit
    "ui",           # the web pages
)  # fmt: skip


def routers() -> list[APIRouter]:
    out = []
    for name in MODULES:
        module = import_module(f"propwatch.serve.routes.{name}")
        router: APIRouter = module.router
        out.append(router)
    return out
