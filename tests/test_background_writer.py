"""The ingest writer thread: once a write fails, nothing more is written."""

from __future__ import annotations

import time

import pytest

from propwatch.concurrency import BackgroundWriter, Work


def test_after_a_failed_write_later_batches_are_not_written() -> None:
    written: list[int] = []

    def write(work: Work) -> None:
        if work.seen == 2:
            raise RuntimeError("disk full")
        written.append(work.seen)

    writer = BackgroundWriter(write)
    writer.put(Work([], [], 1))
    writer.put(Work([], [], 2))
    deadline = time.monotonic() + 10
    with pytest.raises(RuntimeError, match="disk full"):
        # The error reaches the caller on a later put (or, at the latest, on close).
        while time.monotonic() < deadline:
            writer.put(Work([], [], 0))
            time.sleep(0.01)
        writer.close()
    # The error has been handed over; what is put or still queued afterwards is dropped, not
    # written behind the caller's back.
    writer.put(Work([], [], 3))
    writer.close()
    assert written == [1]
