"""Message totals per language in ``message_counts`` (migration 6).

``SELECT count(*) FROM messages`` walks a whole index: 20 ms or more at a million messages,
paid by every unfiltered item list and dashboard. The writer adds each batch's new messages
(:func:`count_inserted`, one statement per batch) and triggers subtract deleted ones and move
a message whose language changes, all in the same transaction as the messages, so a reader's
snapshot sees totals that match it. Rows inserted into ``messages`` by other means than
propwatch's writer are not counted.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import Connection, func, select

from propwatch.store import schema

__all__ = ["count_inserted", "count_messages"]


def count_messages(conn: Connection, language: str | None = None) -> int:
    """How many messages are stored (in ``language``, if given)."""
    mc = schema.message_counts
    if language is None:
        return int(conn.execute(select(func.coalesce(func.sum(mc.c.n), 0))).scalar_one())
    found = conn.execute(select(mc.c.n).where(mc.c.language == language)).scalar()
    return int(found or 0)


def count_inserted(conn: Connection, by_language: Mapping[str, int]) -> None:
    """Add newly inserted messages (``{language: n}``) to the totals, in ``conn``'s transaction."""
    if not by_language:
        return
    mark = "?" if conn.dialect.name == "sqlite" else "%s"
    conn.exec_driver_sql(
        f"INSERT INTO message_counts (language, n) VALUES ({mark}, {mark}) "
        "ON CONFLICT (language) DO UPDATE SET n = message_counts.n + excluded.n",
        list(by_language.items()),
    )
