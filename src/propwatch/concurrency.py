"""Run analysis in worker processes and database writes in a background thread.

Ingest has three kinds of work: parsing (Python), analysis (Python, pure functions of a
message: easy to run in other processes) and writing (mostly inside SQLite's or psycopg's C
code, which releases the GIL: a thread overlaps it with the rest). Parsing happens in the main
process, or in every worker for the formats read striped (``propwatch.striped``). Workers also
turn analysed messages into the rows the writer inserts, so that the main process, whose
threads share one interpreter lock, does as little Python work per message as it can. Order
is kept: batches are written in the order they were read, so edits and duplicates are judged
the same as in a sequential run.
"""

from __future__ import annotations

import dataclasses
import gc
import multiprocessing
import operator
import queue
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any

from propwatch.analyze import Pipeline
from propwatch.model import Message, RawItem, Rejected
from propwatch.model.rows import Prepared, prepare, slim, with_raw

__all__ = ["BULK_GC_THRESHOLDS", "BackgroundWriter", "BatchAnalyzer", "Work", "bulk_gc"]

#: What a worker sends back for each message: ``Prepared.row``, ``.params`` and
#: ``.annotations`` (tuples pickle several times faster than dataclasses).
_Result = tuple[dict[str, Any], tuple[Any, ...], list[tuple[Any, ...]]]

_WORKER_PIPELINE: Pipeline | None = None
_WORKER_DIALECT = "sqlite"
#: One queue per stripe and the stop flag of striped reading (``propwatch.striped``).
_WORKER_QUEUES: Sequence[Any] = ()
_WORKER_STOP: Any = None


#: The cyclic garbage collector's thresholds while a bulk job runs (CPython's are 700, 10, 10).
#: Ingest allocates some fifty containers a message (the raw record's dicts and lists, rows)
#: that live as long as their batch of 2,000 and hold no cycles. At the default, the collector
#: ran every ~14 messages and promoted each batch to the oldest generation, whose collections
#: walk every live object (models, gazetteer, caches): 11-15% of the CPU time of the ingest
#: process and of each worker (100k messages, 2026-12-02, ``benchmarks/RESULTS.md``).
BULK_GC_THRESHOLDS = (20_000, 10, 10)

_bulk_lock = threading.Lock()
_bulk_depth = 0
_bulk_saved: tuple[int, int, int] = (700, 10, 10)


@contextmanager
def bulk_gc() -> Iterator[None]:
    """Run a bulk job with :data:`BULK_GC_THRESHOLDS`; the process's own thresholds come back
    when the last bulk job running in it ends (cycles are still collected, less often)."""
    global _bulk_depth, _bulk_saved
    with _bulk_lock:
        if _bulk_depth == 0:
            _bulk_saved = gc.get_threshold()
            gc.set_threshold(*BULK_GC_THRESHOLDS)
        _bulk_depth += 1
    try:
        yield
    finally:
        with _bulk_lock:
            _bulk_depth -= 1
            if _bulk_depth == 0:
                gc.set_threshold(*_bulk_saved)


def _init_worker(names: Sequence[str], dialect: str, queues: Sequence[Any], stop: Any) -> None:
    global _WORKER_PIPELINE, _WORKER_DIALECT, _WORKER_QUEUES, _WORKER_STOP
    _WORKER_PIPELINE = Pipeline(names)
    _WORKER_DIALECT = dialect
    _WORKER_QUEUES, _WORKER_STOP = queues, stop
    # The pipeline (models, gazetteer, tables) lives as long as the worker: the collector
    # need not walk it again. A worker only ever runs bulk work.
    gc.freeze()
    gc.set_threshold(*BULK_GC_THRESHOLDS)


def analysed_rows(items: list[RawItem]) -> list[tuple[Any, ...]]:
    """In a worker: analyse ``items`` (with their raw records) and return their rows as
    tuples of :class:`Prepared`'s fields."""
    assert _WORKER_PIPELINE is not None
    batch = _WORKER_PIPELINE([Message(item) for item in items])
    return [
        (p.channel_key, p.channel_name, p.channel_type, p.row, p.params, p.annotations)
        for p in map(slim, prepare(batch, _WORKER_DIALECT))
    ]


def _analyse_in_worker(items: list[tuple[Any, ...]]) -> list[_Result]:
    assert _WORKER_PIPELINE is not None
    batch = _WORKER_PIPELINE([Message(_rebuild(values)) for values in items])
    # The rows the store writes are built here (annotation JSON included), not in the
    # ingest process; the raw record, which stayed there, is added by ``finish``.
    return [(p.row, p.params, p.annotations) for p in prepare(batch, _WORKER_DIALECT)]


@dataclasses.dataclass(slots=True)
class Work:
    """One batch on its way through analysis to the writer."""

    messages: list[Message]
    rejected: list[Rejected]
    seen: int
    future: Future[list[_Result]] | None = None
    prepared: list[Any] | None = None


#: The fields a worker receives: all but the raw record (workers need the text, not the
#: provenance). Tuples pickle about three times faster than the dataclasses.
_ITEM_FIELDS = tuple(f.name for f in dataclasses.fields(RawItem) if f.name != "raw")
_light = operator.attrgetter(*_ITEM_FIELDS)


def _rebuild(values: tuple[Any, ...]) -> RawItem:
    """The item a worker analyses, from the values of :data:`_ITEM_FIELDS`."""
    item = object.__new__(RawItem)
    for name, value in zip(_ITEM_FIELDS, values, strict=True):
        setattr(item, name, value)
    item.raw = None
    return item


class BatchAnalyzer:
    """Analyses batches in order, in ``workers`` processes (0: in this process)."""

    def __init__(
        self, pipeline: Pipeline, names: Sequence[str], workers: int, dialect: str = "sqlite"
    ) -> None:
        """``dialect`` is the store's (``Store.dialect``): workers build its rows."""
        self.pipeline = pipeline
        self.workers = workers
        self.pool: ProcessPoolExecutor | None = None
        #: Striped reading (``propwatch.striped``): a bounded queue per worker, a stop flag.
        self.queues: list[Any] = []
        self.stop: Any = None
        if workers > 0:
            context = multiprocessing.get_context("forkserver")
            self.queues = [context.Queue(maxsize=2) for _ in range(workers)]
            self.stop = context.Event()
            self.pool = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=context,
                initializer=_init_worker,
                initargs=(tuple(names), dialect, self.queues, self.stop),
            )

    def submit(self, work: Work) -> None:
        if self.pool is None or not work.messages:
            return
        # The raw record stays here: workers need the text, not the provenance.
        light: list[tuple[Any, ...]] = [_light(m.item) for m in work.messages]
        work.future = self.pool.submit(_analyse_in_worker, light)

    def finish(self, work: Work) -> None:
        """Block until ``work`` is analysed. From a worker, its rows come back ready to
        write (``work.prepared``) and its analysis is also set on its messages."""
        if work.future is None:
            self.pipeline(work.messages)
            return
        prepared: list[Prepared] = []
        for message, (row, params, rows) in zip(
            work.messages, work.future.result(), strict=True
        ):
            item = message.item
            message.norm_text, message.match_key = row["norm_text"], row["match_key"]
            message.script, message.language = row["script"], row["language"]
            message.language_confidence = row["language_confidence"]
            message.annotation_rows = rows
            ready = Prepared(
                item.channel_key, item.channel_name, item.channel_type, row, params, rows
            )
            prepared.append(with_raw(ready, item.raw))
        work.prepared = prepared

    def close(self) -> None:
        if self.stop is not None:
            self.stop.set()  # stripes still reading (an interrupted ingest) stop and return
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
        for q in self.queues:
            q.close()
            q.join_thread()


class BackgroundWriter:
    """Writes batches in a thread, in order; re-raises its error in the caller."""

    _STOP = object()

    def __init__(self, write: Callable[[Work], None], depth: int = 2) -> None:
        self._write = write
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=depth)
        self._error: BaseException | None = None
        # Set once a write fails and never cleared: after a failure nothing more is written,
        # even once the error has been handed to the caller.
        self._failed = False
        self._thread = threading.Thread(target=self._run, name="propwatch-writer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            work = self._queue.get()
            if work is self._STOP:
                return
            if not self._failed:
                try:
                    self._write(work)
                except BaseException as exc:  # handed to the caller
                    self._failed = True
                    self._error = exc

    def put(self, work: Work) -> None:
        self._raise()
        self._queue.put(work)

    def close(self) -> None:
        self._queue.put(self._STOP)
        self._thread.join()
        self._raise()

    def _raise(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error


class InOrder:
    """A bounded window of batches in flight between the analyzer and the writer."""

    def __init__(
        self,
        analyzer: BatchAnalyzer,
        writer: BackgroundWriter,
        window: int,
        prepare: Callable[[list[Message]], list[Any]],
    ) -> None:
        self.analyzer, self.writer, self.window = analyzer, writer, window
        self.prepare = prepare
        self._pending: deque[Work] = deque()

    def push(self, work: Work) -> None:
        self.analyzer.submit(work)
        self._pending.append(work)
        while len(self._pending) > self.window:
            self._forward()

    def _forward(self) -> None:
        work = self._pending.popleft()
        self.analyzer.finish(work)
        if work.prepared is None:
            # Analysed in this process: rows are built here, not in the writer thread (the
            # writer should spend its time in the database driver, which runs without the GIL).
            work.prepared = self.prepare(work.messages)
        self.writer.put(work)

    def drain(self) -> None:
        while self._pending:
            self._forward()
