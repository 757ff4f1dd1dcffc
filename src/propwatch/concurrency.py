"""Run analysis in worker processes and database writes in a background thread.

Ingest has three kinds of work: parsing (Python, in the main process), analysis (Python, pure
functions of a message: easy to run in other processes) and writing (mostly inside SQLite's or
psycopg's C code, which releases the GIL: a thread overlaps it with parsing). Order is kept:
batches are written in the order they were read, so edits and duplicates are judged the same
as in a sequential run.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import queue
import threading
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from propwatch.analyze import Pipeline
from propwatch.model import Message, RawItem, Rejected
from propwatch.model.rows import annotation_params

__all__ = ["BackgroundWriter", "BatchAnalyzer", "Work"]

#: What a worker sends back for each message: the fields the stages assigned.
_Result = tuple[str, str, str, str, float, list[Any], set[str]]

_WORKER_PIPELINE: Pipeline | None = None


def _init_worker(names: Sequence[str]) -> None:
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = Pipeline(names)


def _analyse_in_worker(items: list[RawItem]) -> list[_Result]:
    assert _WORKER_PIPELINE is not None
    batch = _WORKER_PIPELINE([Message(item) for item in items])
    # Annotations go back as the rows the store writes (tuples pickle several times faster
    # than dataclasses, and their JSON is encoded here rather than in the ingest process).
    return [
        (
            m.norm_text,
            m.match_key,
            m.script,
            m.language,
            m.language_confidence,
            annotation_params(m),
            m.assigned,
        )
        for m in batch
    ]


@dataclasses.dataclass(slots=True)
class Work:
    """One batch on its way through analysis to the writer."""

    messages: list[Message]
    rejected: list[Rejected]
    seen: int
    future: Future[list[_Result]] | None = None
    prepared: list[Any] | None = None


def _light(item: RawItem) -> RawItem:
    """A copy without the raw record (faster to send to a worker than ``dataclasses.replace``)."""
    copy = object.__new__(RawItem)
    for name in _ITEM_FIELDS:
        object.__setattr__(copy, name, getattr(item, name))
    object.__setattr__(copy, "raw", None)
    return copy


_ITEM_FIELDS = tuple(f.name for f in dataclasses.fields(RawItem) if f.name != "raw")


class BatchAnalyzer:
    """Analyses batches in order, in ``workers`` processes (0: in this process)."""

    def __init__(self, pipeline: Pipeline, names: Sequence[str], workers: int) -> None:
        self.pipeline = pipeline
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None
        if workers > 0:
            self._pool = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=multiprocessing.get_context("forkserver"),
                initializer=_init_worker,
                initargs=(tuple(names),),
            )

    def submit(self, work: Work) -> None:
        if self._pool is None or not work.messages:
            return
        # The raw record stays here: workers need the text, not the provenance.
        light = [_light(m.item) for m in work.messages]
        work.future = self._pool.submit(_analyse_in_worker, light)

    def finish(self, work: Work) -> None:
        """Block until ``work`` is analysed and its results are on its messages."""
        if work.future is None:
            self.pipeline(work.messages)
            return
        for message, result in zip(work.messages, work.future.result(), strict=True):
            (
                message.norm_text,
                message.match_key,
                message.script,
                message.language,
                message.language_confidence,
                message.annotation_rows,
                message.assigned,
            ) = result

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)


class BackgroundWriter:
    """Writes batches in a thread, in order; re-raises its error in the caller."""

    _STOP = object()

    def __init__(self, write: Callable[[Work], None], depth: int = 2) -> None:
        self._write = write
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=depth)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="propwatch-writer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            work = self._queue.get()
            if work is self._STOP:
                return
            if self._error is None:
                try:
                    self._write(work)
                except BaseException as exc:  # handed to the caller
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
        # Rows are built here, not in the writer thread: the writer should spend its time in
        # the database driver, which runs without the GIL.
        work.prepared = self.prepare(work.messages)
        self.writer.put(work)

    def drain(self) -> None:
        while self._pending:
            self._forward()
