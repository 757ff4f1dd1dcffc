"""Server settings, from arguments and ``PROPWATCH_*`` environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["ROLES", "ServeSettings", "default_concurrency"]

#: Roles, weakest first: a role may do everything the roles before it may.
ROLES: tuple[str, ...] = ("viewer", "analyst", "admin")


def _int_env(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


def default_concurrency() -> int:
    """Interactive requests a server process works on at once by default: the machine's CPU
    cores shared among the server's processes (``$PROPWATCH_WORKERS``, set by ``propwatch
    serve --workers``), at least one; ``$PROPWATCH_CONCURRENCY`` overrides it."""
    cores = os.cpu_count() or 2
    workers = max(1, _int_env("PROPWATCH_WORKERS", 1))
    return max(1, _int_env("PROPWATCH_CONCURRENCY", max(1, cores // workers)))


@dataclass(slots=True)
class ServeSettings:
    db: str | None = None
    #: Interactive requests (API pages, searches, item and entity pages) this process works
    #: on at once; the others wait their turn, first come first served. The work is
    #: CPU-bound Python and SQLite: with more requests at once than cores, each takes longer
    #: and the slowest the longest; queued in order, the same throughput comes with a much
    #: shorter tail (benchmarks/RESULTS.md, workspace API). Long requests (graph, trends,
    #: exports, uploads) are not queued: see ``propwatch.serve.lanes``.
    concurrency: int = field(default_factory=default_concurrency)
    #: Largest accepted upload (``POST /api/ingest``), bytes.
    max_upload_bytes: int = field(
        default_factory=lambda: _int_env("PROPWATCH_MAX_UPLOAD", 512 * 1024 * 1024)
    )
    #: Largest total size an uploaded zip may expand to (zip bombs are refused).
    max_unzipped_bytes: int = field(
        default_factory=lambda: _int_env("PROPWATCH_MAX_UNZIPPED", 2 * 1024 * 1024 * 1024)
    )
    #: Where uploads are kept while they are ingested (default: a temporary directory).
    upload_dir: Path | None = None
    #: Session lifetime, hours.
    session_hours: int = 12
    #: Mark the session cookie Secure (set when served over HTTPS behind a proxy).
    secure_cookies: bool = field(
        default_factory=lambda: os.environ.get("PROPWATCH_SECURE_COOKIES") == "1"
    )
    #: Alert rules file (YAML); None: ``$PROPWATCH_ALERT_RULES`` or no rules.
    alert_rules: Path | None = field(
        default_factory=lambda: Path(p) if (p := os.environ.get("PROPWATCH_ALERT_RULES")) else None
    )
