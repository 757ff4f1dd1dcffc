"""Deferred audit rows (searches): written soon, in order, never dropped."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from propwatch.serve import accounts, audit_queue
from propwatch.serve.audit_queue import AuditQueue
from propwatch.store import Store, open_store, schema


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(str(tmp_path / "audit.db")) as opened:
        yield opened
        audit_queue.close(opened)


def stored_targets(store: Store) -> list[str]:
    a = schema.audit_log
    with store.engine.connect() as conn:
        return [str(t) for t in conn.execute(select(a.c.target).order_by(a.c.id)).scalars()]


def test_deferred_rows_are_written_by_the_background_thread_in_order(store: Store) -> None:
    for n in range(30):
        accounts.audit(store, "search", user="kim", target=f"q{n}", detail={"n": n}, defer=True)
    written = threading.Event()
    for _ in range(200):  # the writer waits DEFAULT_DELAY (0.2 s) to gather rows
        if len(stored_targets(store)) == 30:
            written.set()
            break
        threading.Event().wait(0.05)
    assert written.is_set()
    assert stored_targets(store) == [f"q{n}" for n in range(30)]


def test_reading_the_log_first_writes_what_is_pending(store: Store) -> None:
    queue = audit_queue.queue_for(store)
    queue.delay = 60.0  # the thread would wait a minute: only the read can have written them
    accounts.audit(store, "search", user="kim", target="first", defer=True)
    accounts.audit(store, "login", user="kim")  # written at once, after the deferred one
    total, rows = accounts.audit_rows(store)
    assert total == 2 and [r["target"] for r in rows] == [None, "first"]
    # exports list rows in the order they were written
    assert [r["target"] for r in accounts.iter_audit(store)] == [None, "first"]
    assert queue.pending() == 0


def test_a_failed_write_keeps_the_rows_for_the_next_try(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    queue = AuditQueue(store, delay=60.0)
    real = AuditQueue._write
    calls: list[int] = []

    def failing_once(self: AuditQueue, rows: Any) -> None:
        calls.append(len(rows))
        if len(calls) == 1:
            raise OSError("disk full")
        real(self, rows)

    monkeypatch.setattr(AuditQueue, "_write", failing_once)
    row = {"at": datetime(2026, 1, 1), "user_name": "kim", "action": "search", "target": None,
           "detail": None, "ip": None}  # fmt: skip
    queue.add({**row, "target": "a"})
    queue.add({**row, "target": "b"})
    with pytest.raises(OSError):
        queue.flush()
    assert queue.pending() == 2
    queue.add({**row, "target": "c"})
    queue.close()  # writes a, b, c in order and stops the thread
    assert stored_targets(store) == ["a", "b", "c"]
    queue.add({**row, "target": "d"})  # after close: written at once
    assert stored_targets(store) == ["a", "b", "c", "d"]
