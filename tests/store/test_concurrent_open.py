"""Several processes opening the same new database at once (``serve --workers N``) all get
a migrated store: the one that loses a migration race reads the version again."""

from __future__ import annotations

import multiprocessing as mp
from pathlib import Path
from typing import Any

from propwatch.store import open_store
from propwatch.store.migrations import MIGRATIONS


def _open(db: str, barrier: Any, results: Any) -> None:
    barrier.wait()
    try:
        store = open_store(db)
        results.put(store.schema_version)
        store.close()
    except Exception as exc:  # reported to the test, which fails on it
        results.put(repr(exc))


def test_processes_opening_a_new_database_at_once_all_succeed(tmp_path: Path) -> None:
    ctx = mp.get_context("spawn")
    latest = MIGRATIONS[-1].version
    for round_ in range(3):
        db = str(tmp_path / f"race{round_}.db")
        barrier, results = ctx.Barrier(6), ctx.Queue()
        procs = [ctx.Process(target=_open, args=(db, barrier, results)) for _ in range(6)]
        for p in procs:
            p.start()
        got = [results.get(timeout=120) for _ in procs]
        for p in procs:
            p.join(timeout=60)
        assert got == [latest] * 6, got
