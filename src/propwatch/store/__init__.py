"""Storage: one schema on SQLite (default) and PostgreSQL, with cross-script full-text search."""

from propwatch.store.engine import DEFAULT_DB, resolve_url
from propwatch.store.search import SearchHit, SearchQuery, SearchResult
from propwatch.store.store import Store, open_store
from propwatch.store.writer import BatchCounts

__all__ = [
    "DEFAULT_DB",
    "BatchCounts",
    "SearchHit",
    "SearchQuery",
    "SearchResult",
    "Store",
    "open_store",
    "resolve_url",
]
