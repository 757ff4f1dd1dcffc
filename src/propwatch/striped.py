"""Striped reading: every analysis worker reads the whole file and analyses every N-th batch.

With the file parsed in the ingest process, that process did the parsing (JSON and mapping,
~20 µs a message), sent items to the workers, took rows back and wrote them, on threads that
share one interpreter lock: at two cores it, not the workers, set the pace. Striped, each of
the N workers reads the file itself (streamed, as every reader does) and analyses only the
batches ``k, k + N, k + 2N, ...`` of its stripe ``k``; the ingest process only receives
finished rows, in batch order, and writes them. A Telegram export as Telegram Desktop writes
it is cut between messages without being parsed (:mod:`propwatch.ingest.telegram_split`), so
a worker parses only its own stripe's messages; other files are parsed whole by every worker.

Batches are ``batch_size`` pieces of the file: a record each, or, in a cut Telegram export, a
piece between two separators (one message, unless the export holds elements that are not
messages). The pieces are the same for every stripe and for every run, so batches are written
in the same order whatever the number of workers, and edits and duplicates are judged the same.
A file that stops a reader (damage, a wrong encoding) stops the batch where it breaks: the
records before it are written, and the stripe that read that batch reports the error, which
the ingest report carries for the file; the other stripes are told to stop.

Only formats whose readers are cheap and stream (:data:`STRIPED_FORMATS`) are read this way;
the others (HTML pages, PDF and text articles) are read once, in the ingest process. A file
that grows while it is read is read up to the first stripe's end.
"""

from __future__ import annotations

import queue
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from propwatch import concurrency
from propwatch.concurrency import BatchAnalyzer
from propwatch.errors import error_record
from propwatch.ingest.base import ReaderOptions, ReadResult
from propwatch.ingest.detect import READERS
from propwatch.model import RawItem, Rejected
from propwatch.model.rows import Prepared

__all__ = ["STRIPED_FORMATS", "StripedBatch", "read_striped", "stripes"]

#: Formats read by every worker (streamed, cheap to parse).
STRIPED_FORMATS = frozenset({"telegram_json", "jsonl", "csv"})

#: One batch as a stripe sends it: records read, rows, rejected records.
StripedBatch = tuple[int, list[Prepared], list[Rejected]]

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

    A batch is ``batch_size`` pieces of the file (:func:`_pieces`: a record each, or for a
    Telegram export cut between messages, normally a message each). Sends ``("batch", index,
    pieces, rows, rejected, error)`` for each batch of the stripe, ``error`` being the error
    record that stopped the reader inside that batch (else None), then ``("end", batches,
    error)``: the number of batches in the file (as far as it could be read) and the error
    that stopped the reader, or None. A stripe that skips a piece does not parse it, so it may
    read on past damage that another stripe's piece holds: the ingest process stops at the
    batch that reports the error.
    """
    out = concurrency._WORKER_QUEUES[stripe]
    stop = concurrency._WORKER_STOP
    index = count_in_batch = 0
    items: list[RawItem] = []
    rejected: list[Rejected] = []
    error: dict[str, Any] | None = None

    def send() -> None:
        if index % count == stripe:
            rows = concurrency.analysed_rows(items) if items else []
            message = ("batch", index, count_in_batch, rows, rejected, error)
            _put(out, stop, message, _POLL)

    def owned(piece: int) -> bool:
        return (piece // batch_size) % count == stripe

    try:
        for piece in _pieces(Path(path), fmt, options, owned):
            if piece is not None and index % count == stripe:
                for record in piece:
                    if isinstance(record, Rejected):
                        rejected.append(record)
                    else:
                        items.append(record)
            count_in_batch += 1
            if count_in_batch >= batch_size:
                send()
                index, count_in_batch, items, rejected = index + 1, 0, [], []
                if stop.is_set():
                    break
    except Exception as exc:  # reported for the file, as the other path does
        error = error_record(exc, path)
    if count_in_batch and not stop.is_set():
        try:
            send()
        except Exception as exc:  # the analysis of the last batch
            error = error or error_record(exc, path)
        index += 1
    _put(out, stop, ("end", index, error), _LAST_WORD)


def _pieces(
    path: Path, fmt: str, options: ReaderOptions, keep: Callable[[int], bool]
) -> Iterator[list[ReadResult] | None]:
    """The file as the stripes count it: Telegram exports by
    :func:`~propwatch.ingest.telegram_json.telegram_pieces` (the pieces of other stripes are
    not parsed), other formats a record a piece."""
    if fmt == "telegram_json":
        from propwatch.ingest.telegram_json import telegram_pieces

        yield from telegram_pieces(path, options, keep)
    else:
        for record in READERS[fmt](path, options):
            yield [record]


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
) -> Generator[StripedBatch, None, dict[str, Any] | None]:
    """Yield the batches of ``path`` in order, analysed by the workers; return the error
    record that stopped the file, or None. Closing the generator early stops the workers
    and waits for them."""
    assert analyzer.pool is not None
    count = stripes(analyzer, fmt)
    analyzer.stop.clear()
    futures = [
        analyzer.pool.submit(_read_stripe, str(path), fmt, options, k, count, batch_size)
        for k in range(count)
    ]
    ended = [False] * count
    error: dict[str, Any] | None = None
    try:
        index = 0
        while True:
            stripe = index % count
            message = _receive(analyzer, stripe, futures[stripe])
            if message[0] == "end":
                ended[stripe] = True
                error = message[2]
                return error
            _, _, records, rows, rejected, error = message
            yield records, [Prepared(*row) for row in rows], rejected
            if error is not None:
                # This stripe's reader stopped inside the batch: the file ends here for all
                # (another stripe, which did not parse these pieces, may have read on).
                return error
            index += 1
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
