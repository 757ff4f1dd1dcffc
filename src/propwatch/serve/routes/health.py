"""``GET /health``: answers 200 without authentication (for load balancers, monitoring)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends

from propwatch import __version__
from propwatch.serve.deps import get_store
from propwatch.store import Store

__all__ = ["router"]

router = APIRouter(tags=["health"])


@router.get("/health")
def health(store: Store = Depends(get_store)) -> dict[str, Any]:  # noqa: B008
    """Liveness and the database's reachability."""
    from sqlalchemy import text

    with store.engine.connect() as conn:
        conn.execute(text("SELECT 1"))
    return {"status": "ok", "version": __version__}
