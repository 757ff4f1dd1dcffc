"""Striped reading: every analysis worker reads the whole file and analyses every N-th batch.

With the file parsed in the ingest process, that process did the parsing (JSON and mapping,
~20 µs a message), sent items to the workers, took rows back and wrote them, on threads that
share one interpreter lock: at two cores it, not the workers, set the pace. Striped, each of
the N workers parses the file itself (streamed, as every reader does) and analyses only the
batches ``k, k + N, k + 2N, ...`` of its stripe ``k``; the ingest process only receives
finished rows, in batch order, and writes them. Parsing is repeated N times, but a streamed
parse is cheap beside analysis, and it now runs beside the writer instead of against it.

Batches are the same as in :func:`propwatch.api.ingest`'s other path (``batch_size``
records, items and rejected ones counted together), written in the same order, so edits and
duplicates are judged the same. A file that stops a reader (damage, a wrong encoding) stops
every stripe at the same record: the records before it are written, and each stripe reports
the same error, which the ingest report carries for the file.

A Telegram export is cut at message starts without parsing other stripes' messages
(:mod:`propwatch.ingest.telegram_split`). If a stripe finds that a message of its own does
not parse, the other stripes, which did not parse it, cannot know whether their cuts after it
are right: that stripe marks the batch, and the file is read on from the next batch in the
ingest process, by the event parser (:class:`StripedEnd` ``resume``).

Only formats whose readers are cheap and stream (:data:`STRIPED_FORMATS`) are read this way;
the others (HTML pages, PDF and text articles) are read once, in the ingest process. A file
that grows while it is read is read up to the first stripe's end.
"""

from __future__ import annotations

import queue
from collections.abc import Generator
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from propwatch import concurrency
from propwatch.concurrency import BatchAnalyzer
from propwatch.errors import error_record
from propwatch.ingest.base import ReaderOptions
from propwatch.ingest.detect import READERS
from propwatch.model import RawItem, Rejected
from propwatch.model.rows import Prepared

__all__ = ["STRIPED_FORMATS", "StripedBatch", "StripedEnd", "read_striped", "stripes"]

#: Formats read by every worker (streamed, cheap to parse).
STRIPED_FORMATS = frozenset({"telegram_json", "jsonl", "csv"})

#: One batch as a stripe sends it: records read, rows, rejected records.
StripedBatch = tuple[int, list[Prepared], list[Rejected]]



@dataclass(frozen=True, slots=True)
class StripedEnd:
    """How a striped read ended: the error record that stopped the file, or None; and
    ``resume``, the number of records read when the rest must be read in the ingest process
    (a stripe's own message did not parse in the cutting pass), else None."""

    error: dict[str, Any] | None = None
    resume: int | None = None


#: Seconds between checks that a stripe's worker is still alive while waiting for it.
_POLL = 0.5
#: Seconds to wait for a stripe's last messages once its task has returned.
_LAST_WORD = 120.0


def stripes(analyzer: BatchAnalyzer, fmt: str | None) -> int:
    """How many stripes a file of format ``fmt`` is read in (0: read it once, here)."""
    if analyzer.pool is None or analyzer.workers < 2 or fmt not in STRIPED_FORMATS:
        return 0
    return analyzer.workers


def _read_stripe(
    path: str, fmt: str, options: ReaderOptions, stripe: int, count: int, batch_size: int
) -> None:
    """In a worker: read ``path`` whole, analyse the batches of ``stripe``, send them.

    Sends ``("batch", index, records, rows, rejected, marked)`` for each batch of the stripe,
    then ``("end", batches, error)``: the number of batches in the file (as far as it could
    be read) and the error record that stopped the reader, or None. ``marked``: a message of
    this batch did not parse in the cutting pass (see the module's note).
    """
    out = concurrency._WORKER_QUEUES[stripe]
    stop = concurrency._WORKER_STOP
    index = records = 0
    items: list[RawItem] = []
    rejected: list[Rejected] = []
    error: dict[str, Any] | None = None
    marked = False

    def send() -> None:
        nonlocal marked
        if index % count == stripe:
            rows = concurrency.analysed_rows(items) if items else []
            _put(out, stop, ("batch", index, records, rows, rejected, marked), _POLL)
            marked = False

    def mark(message: int) -> None:
        nonlocal marked
        marked = True

    def owned(message: int) -> bool:  # messages are records in the single-chat fast path
        return (message // batch_size) % count == stripe

    if fmt == "telegram_json":  # others' messages are not mapped (a tenth of the reading)
        from propwatch.ingest.telegram_json import read_telegram_json

        reader = read_telegram_json(Path(path), options, keep=owned, on_owned_fallback=mark)
    else:
        reader = READERS[fmt](Path(path), options)
    try:
        for record in reader:
            if index % count != stripe:
                pass
            elif isinstance(record, Rejected):
                rejected.append(record)
            else:
                items.append(record)
            records += 1
            if records >= batch_size:
                send()
                index, records, items, rejected = index + 1, 0, [], []
                if stop.is_set():
                    break
    except Exception as exc:  # reported for the file, as the other path does
        error = error_record(exc, path)
    if records and not stop.is_set():
        try:
            send()
        except Exception as exc:  # the analysis of the last batch
            error = error or error_record(exc, path)
        index += 1
    _put(out, stop, ("end", index, error), _LAST_WORD)


def _put(out: Any, stop: Any, message: tuple[Any, ...], after_stop: float) -> None:
    """Put ``message`` on a stripe's bounded queue; once the ingest process has said stop,
    give up after ``after_stop`` seconds (nobody may be taking from the queue any more: an
    interrupted ingest must not leave its workers blocked, or closing the pool would hang)."""
    waited = 0.0
    while True:
        try:
            out.put(message, timeout=_POLL)
            return
        except queue.Full:
            if stop.is_set():
                waited += _POLL
                if waited >= after_stop:
                    return


def _receive(analyzer: BatchAnalyzer, stripe: int, future: Future[None]) -> tuple[Any, ...]:
    """The next message of ``stripe``; raises if its worker failed instead of sending."""
    source = analyzer.queues[stripe]
    quiet = 0.0  # seconds waited since the stripe's task returned
    while True:
        try:
            message: tuple[Any, ...] = source.get(timeout=_POLL)
            return message
        except queue.Empty:
            if future.done():
                future.result()  # a worker that died or raised: its error, here
                # Returned: what it put is still on its way (a queue sends from a thread of
                # the worker; a 10 MB message takes a moment), unless the worker is gone.
                quiet += _POLL
                if quiet >= _LAST_WORD:
                    raise RuntimeError(f"stripe {stripe} ended without a word") from None


def read_striped(
    analyzer: BatchAnalyzer, path: Path, fmt: str, options: ReaderOptions, batch_size: int
) -> Generator[StripedBatch, None, StripedEnd]:
    """Yield the batches of ``path`` in order, analysed by the workers; return how the read
    ended. Closing the generator early stops the workers and waits for them."""
    assert analyzer.pool is not None
    count = stripes(analyzer, fmt)
    analyzer.stop.clear()
    futures = [
        analyzer.pool.submit(_read_stripe, str(path), fmt, options, k, count, batch_size)
        for k in range(count)
    ]
    ended = [False] * count
    try:
        index = seen = 0
        while True:
            stripe = index % count
            message = _receive(analyzer, stripe, futures[stripe])
            if message[0] == "end":
                ended[stripe] = True
                return StripedEnd(message[2])
            _, _, records, rows, rejected, marked = message
            yield records, [Prepared(*row) for row in rows], rejected
            index += 1
            seen += records
            if records < batch_size or marked:
                # A short batch is its stripe's last; a marked one may be the last stripe
                # all stripes agree on. Its stripe's next word says which.
                after = _receive(analyzer, stripe, futures[stripe])
                if after[0] == "end":
                    ended[stripe] = True
                    if after[1] == index:  # the file ended with this batch
                        return StripedEnd(after[2])
                if not marked:  # pragma: no cover - a stripe sends nothing after a short batch
                    raise RuntimeError(f"stripe {stripe} went on after a short batch")
                return StripedEnd(resume=seen)
    finally:
        # The other stripes have nothing more to send (or, if this ended early, must stop):
        # take what they still send until each says it has ended.
        analyzer.stop.set()
        for stripe in range(count):
            while not ended[stripe]:
                try:
                    ended[stripe] = _receive(analyzer, stripe, futures[stripe])[0] == "end"
                except Exception:  # a dead worker: its error is raised below
                    ended[stripe] = True
        for future in futures:
            future.result()
