"""Server settings, from arguments and ``PROPWATCH_*`` environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["ROLES", "ServeSettings"]

#: Roles, weakest first: a role may do everything the roles before it may.
ROLES: tuple[str, ...] = ("viewer", "analyst", "admin")


def _int_env(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


@dataclass(slots=True)
class ServeSettings:
    db: str | None = None
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
