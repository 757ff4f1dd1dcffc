"""Message totals read from ``message_counts`` (kept exact by triggers, migration 6).

``SELECT count(*) FROM messages`` walks a whole index: 20 ms or more at a million messages,
paid by every unfiltered item list and dashboard. The triggers update one row per language
in the same transaction as the messages, so a reader's snapshot sees totals that match it.
"""

from __future__ import annotations

from sqlalchemy import Connection, func, select

from propwatch.store import schema

__all__ = ["count_messages"]


def count_messages(conn: Connection, language: str | None = None) -> int:
    """How many messages are stored (in ``language``, if given)."""
    mc = schema.message_counts
    if language is None:
        return int(conn.execute(select(func.coalesce(func.sum(mc.c.n), 0))).scalar_one())
    found = conn.execute(select(mc.c.n).where(mc.c.language == language)).scalar()
    return int(found or 0)
