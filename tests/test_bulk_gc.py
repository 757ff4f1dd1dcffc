"""Ingest runs with the garbage collector's bulk thresholds and gives the process its own back:
an application that embeds propwatch keeps its settings, whatever the ingest did."""

from __future__ import annotations

import gc
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from propwatch.api import ingest
from propwatch.concurrency import BULK_GC_THRESHOLDS, bulk_gc
from propwatch.store import open_store

OWN = (1234, 5, 6)


@pytest.fixture
def own_thresholds() -> Iterator[None]:
    saved = gc.get_threshold()
    gc.set_threshold(*OWN)
    try:
        yield
    finally:
        gc.set_threshold(*saved)


def _export(path: Path, n: int) -> Path:
    messages = [
        {"id": i, "type": "message", "date_unixtime": str(1704268800 + i), "text": f"салом {i}"}
        for i in range(1, n + 1)
    ]
    path.write_text(json.dumps({"name": "c", "id": 9, "messages": messages}), encoding="utf-8")
    return path


@pytest.mark.usefixtures("own_thresholds")
def test_ingest_uses_bulk_thresholds_and_restores_the_process_own(tmp_path: Path) -> None:
    seen: list[tuple[int, int, int]] = []
    with open_store(f"sqlite:///{tmp_path / 'db.sqlite'}") as store:
        report = ingest(
            [_export(tmp_path / "result.json", 30)],
            store,
            workers=0,
            batch_size=10,
            on_batch=lambda pks: seen.append(gc.get_threshold()),
        )
    assert report.totals.ingested == 30
    assert seen == [BULK_GC_THRESHOLDS] * 3
    assert gc.get_threshold() == OWN


@pytest.mark.usefixtures("own_thresholds")
def test_thresholds_come_back_when_the_job_fails() -> None:
    with pytest.raises(RuntimeError), bulk_gc():
        assert gc.get_threshold() == BULK_GC_THRESHOLDS
        raise RuntimeError("a failing job")
    assert gc.get_threshold() == OWN


@pytest.mark.usefixtures("own_thresholds")
def test_overlapping_jobs_restore_only_when_the_last_ends() -> None:
    first_in, second_out = threading.Event(), threading.Event()
    during: list[tuple[int, int, int]] = []

    def first() -> None:
        with bulk_gc():
            first_in.set()
            second_out.wait(10)
            during.append(gc.get_threshold())  # the other job ended: still bulk

    thread = threading.Thread(target=first)
    thread.start()
    first_in.wait(10)
    with bulk_gc():
        pass
    second_out.set()
    thread.join(10)
    assert during == [BULK_GC_THRESHOLDS]
    assert gc.get_threshold() == OWN
