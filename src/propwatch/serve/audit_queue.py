"""Deferred audit rows: written by one background thread per store, in batches.

Every search is audited. Written one transaction per request, those rows made concurrent
searches queue for SQLite's write lock (whose busy handler sleeps 1, 2, 5, 10... ms between
tries), which cost a tenth of the server's throughput at a million messages. Searches now hand
their row to :class:`AuditQueue`; a thread writes what is pending every ``delay`` seconds in one
transaction. Rare, security-relevant actions (sign-ins, exports, media reveals, label and
account changes) are still written before their request answers.

Nothing is dropped: a batch that fails to write stays queued and is tried again; readers of
the audit log in this process (:func:`flush`) write what is pending first; the server flushes
on shutdown and at exit. What a hard kill of the process (``SIGKILL``, power loss) can lose is
the last ``delay`` seconds of search records.
"""

from __future__ import annotations

import atexit
import logging
import threading
from collections.abc import Sequence
from typing import Any

from propwatch.store import Store, schema

__all__ = ["DEFAULT_DELAY", "AuditQueue", "close", "flush", "flush_all", "queue_for"]

log = logging.getLogger(__name__)

#: Seconds a deferred row waits at most (when the database answers) before it is written.
DEFAULT_DELAY = 0.2


class AuditQueue:
    """Pending audit rows of one store and the thread that writes them."""

    def __init__(self, store: Store, delay: float = DEFAULT_DELAY) -> None:
        self.store = store
        self.delay = delay
        self._rows: list[dict[str, Any]] = []
        self._lock = threading.Lock()  # guards _rows
        self._write_lock = threading.Lock()  # one writer at a time: rows keep their order
        self._wake = threading.Event()
        self._stop = threading.Event()  # set by close(): no more queueing, waits cut short
        self._thread = threading.Thread(target=self._run, name="propwatch-audit", daemon=True)
        self._thread.start()

    def add(self, row: dict[str, Any]) -> None:
        """Queue one row (the values of an ``audit_log`` insert)."""
        with self._lock:
            closed = self._stop.is_set()
            if not closed:
                self._rows.append(row)
        if closed:  # after close(): written now, never lost
            self._write([row])
        else:
            self._wake.set()

    @property
    def closed(self) -> bool:
        return self._stop.is_set()

    def pending(self) -> int:
        with self._lock:
            return len(self._rows)

    def flush(self) -> None:
        """Write every pending row now, in the calling thread."""
        with self._write_lock:
            with self._lock:
                rows, self._rows = self._rows, []
            if rows:
                try:
                    self._write(rows)
                except Exception:
                    with self._lock:
                        self._rows[:0] = rows  # keep them, in order, for the next try
                    raise

    def close(self) -> None:
        """Stop the thread after writing what is pending."""
        with self._lock:
            self._stop.set()
        self._wake.set()
        self._thread.join(timeout=30)
        self.flush()

    def _write(self, rows: Sequence[dict[str, Any]]) -> None:
        with self.store.engine.begin() as conn:
            conn.execute(schema.audit_log.insert(), list(rows))

    def _run(self) -> None:
        while True:
            self._wake.wait()
            if not self._stop.is_set():
                # Gather what arrives meanwhile: one transaction for many searches.
                self._stop.wait(self.delay)
            self._wake.clear()
            try:
                self.flush()
            except Exception:  # the database is away or locked: keep the rows, try again
                log.exception("audit rows not written yet; retrying")
                self._wake.set()
                self._stop.wait(max(self.delay, 1.0))
            if self._stop.is_set():
                return  # close() writes whatever is left


#: Each store's queue, until :func:`close` (the server closes its store's queue on shutdown).
_QUEUES: dict[Store, AuditQueue] = {}
_QUEUES_LOCK = threading.Lock()


def queue_for(store: Store) -> AuditQueue:
    """The deferred-audit queue of ``store`` (created on first use)."""
    with _QUEUES_LOCK:
        found = _QUEUES.get(store)
        if found is None or found.closed:
            found = _QUEUES[store] = AuditQueue(store)
        return found


def flush(store: Store) -> None:
    """Write the pending deferred rows of ``store``, if any (before reading the log)."""
    with _QUEUES_LOCK:
        found = _QUEUES.get(store)
    if found is not None:
        found.flush()


def close(store: Store) -> None:
    """Write what is pending and stop the writer thread of ``store``."""
    with _QUEUES_LOCK:
        found = _QUEUES.pop(store, None)
    if found is not None:
        found.close()


def flush_all() -> None:
    """Write every store's pending rows (at interpreter exit)."""
    with _QUEUES_LOCK:
        queues = list(_QUEUES.values())
    for found in queues:
        try:
            found.flush()
        except Exception:
            log.exception("audit rows could not be written at exit")


atexit.register(flush_all)
