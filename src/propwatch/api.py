"""The public Python API: what the CLI (and later the REST API) calls.

from propwatch.api import ingest
from propwatch.store import open_store, SearchQuery

with open_store("sqlite:///cases.db") as store:
    report = ingest(["export/result.json"], store)
    print(report.to_json())
    result = store.search(SearchQuery("хуросон"))
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from propwatch.analyze import DEFAULT_PIPELINE, Pipeline
from propwatch.concurrency import BackgroundWriter, BatchAnalyzer, InOrder, Work, bulk_gc
from propwatch.errors import InputNotFound, PropwatchError, UnsupportedFormat, error_record
from propwatch.ingest.base import ReaderOptions
from propwatch.ingest.detect import READERS, discover
from propwatch.ingest.telegram_json import SKIPPED, read_telegram_json
from propwatch.model import Message, RawItem, Rejected
from propwatch.store import BatchCounts, Store, schema
from propwatch.striped import StripedEnd, read_striped, stripes

__all__ = ["BatchCallback", "FileReport", "IngestReport", "ProgressCallback", "ingest"]

#: Called after each written batch with (file, items read so far in that file).
ProgressCallback = Callable[[Path, int], None]

#: Called after each written batch with the primary keys of the messages it stored or whose
#: current text an edit replaced (not duplicates); in the writer thread, after the commit.
BatchCallback = Callable[[list[int]], None]

#: Exit codes of ``ingest`` (2, a usage error, is raised by the command line before this).
EXIT_OK, EXIT_FAILURE, EXIT_REJECTED = 0, 1, 3

#: Inputs at least this large are analysed in worker processes (see ``ingest(workers=)``).
PARALLEL_MIN_BYTES = 16 * 1024 * 1024


@dataclass(slots=True)
class FileReport:
    path: str
    format: str | None
    counts: BatchCounts = field(default_factory=BatchCounts)
    error: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "format": self.format,
            "ingested": self.counts.ingested,
            "duplicates": self.counts.duplicates,
            "edits": self.counts.edits,
            "rejected": self.counts.rejected,
            "error": self.error,
        }


@dataclass(slots=True)
class IngestReport:
    files: list[FileReport] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    totals: BatchCounts = field(default_factory=BatchCounts)
    pipeline: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        if self.errors:
            return EXIT_FAILURE
        return EXIT_REJECTED if self.totals.rejected else EXIT_OK

    def to_json(self) -> dict[str, Any]:
        return {
            "ingested": self.totals.ingested,
            "duplicates": self.totals.duplicates,
            "edits": self.totals.edits,
            "rejected": self.totals.rejected,
            "files": [f.to_json() for f in self.files],
            "skipped": self.skipped,
            "errors": self.errors,
            "pipeline": self.pipeline,
            "exit_code": self.exit_code,
        }


def _error(exc: BaseException, path: Path) -> dict[str, Any]:
    return error_record(exc, path)


@dataclass(slots=True)
class _FileJob:
    """One file on its way into the store, and what its batches report to."""

    path: Path
    store: Store
    analyzer: BatchAnalyzer
    report: FileReport
    batch_size: int
    progress: ProgressCallback | None
    on_batch: BatchCallback | None

    def writer(self) -> BackgroundWriter:
        store, report, progress, on_batch = self.store, self.report, self.progress, self.on_batch

        def write(work: Work) -> None:
            prepared = work.prepared
            if prepared is None:
                prepared = store.prepare(work.messages)
            counts = store.write_prepared(prepared, work.rejected)
            report.counts.add(counts)
            if on_batch is not None:
                on_batch(_new_pks(store, prepared) if counts.ingested or counts.edits else [])
            if progress:
                progress(self.path, work.seen)

        return BackgroundWriter(write)


def _ingest_striped(job: _FileJob, fmt: str, options: ReaderOptions) -> StripedEnd:
    """Read the file in the workers (``propwatch.striped``) and write what they send; return
    how the read ended."""
    writer = job.writer()
    batches = read_striped(job.analyzer, job.path, fmt, options, job.batch_size)
    seen = 0
    try:
        while True:
            try:
                records, prepared, rejected = next(batches)
            except StopIteration as end:
                ended: StripedEnd = end.value
                return ended
            seen += records
            writer.put(Work([], rejected, seen, prepared=prepared))
    finally:
        # Whatever happens, what was read before is kept.
        try:
            batches.close()
        finally:
            writer.close()


def _resumed(path: Path, options: ReaderOptions, skip: int) -> Iterator[RawItem | Rejected]:
    """The records of a Telegram export from record ``skip`` on, read by the event parser
    alone (where a striped read stopped trusting its cuts)."""
    for record in read_telegram_json(path, options, keep=lambda i: i >= skip, split=False):
        if record is not SKIPPED:
            yield record


def _ingest_file(job: _FileJob, records: Iterable[RawItem | Rejected], seen: int = 0) -> None:
    """Read the file here; analyse it here or in the workers, batch by batch (``seen``:
    records of the file already read, for progress)."""
    writer = job.writer()
    analyzer = job.analyzer
    flow = InOrder(analyzer, writer, window=analyzer.workers + 1, prepare=job.store.prepare)
    batch: list[Message] = []
    rejected: list[Rejected] = []
    try:
        for record in records:
            seen += 1
            if isinstance(record, Rejected):
                rejected.append(record)
            else:
                batch.append(Message(record))
            if len(batch) + len(rejected) >= job.batch_size:
                flow.push(Work(batch, rejected, seen))
                batch, rejected = [], []
    finally:
        # Whatever happens to the file, what was read before is kept.
        try:
            if batch or rejected:
                flow.push(Work(batch, rejected, seen))
            flow.drain()
        finally:
            writer.close()


def _new_pks(store: Store, prepared: Sequence[Any]) -> list[int]:
    """Primary keys of the rows of ``prepared`` the write just inserted or made current: they
    carry this batch's ``ingested_at`` stamp (a duplicate, or an older version kept aside,
    leaves the stored stamp alone). ``write_batch`` has set each row's ``channel_id``."""
    m = schema.messages
    wanted: dict[tuple[int, Any], list[str]] = {}
    for p in prepared:
        row = p.row
        wanted.setdefault((row["channel_id"], row["ingested_at"]), []).append(row["message_id"])
    found: set[int] = set()
    with store.engine.connect() as conn:
        for (channel_pk, stamp), message_ids in wanted.items():
            for start in range(0, len(message_ids), 500):
                found.update(
                    conn.execute(
                        select(m.c.id).where(
                            m.c.channel_id == channel_pk,
                            m.c.message_id.in_(message_ids[start : start + 500]),
                            m.c.ingested_at == stamp,
                        )
                    ).scalars()
                )
    return sorted(int(pk) for pk in found)


def _auto_workers(paths: Sequence[Path]) -> int:
    """Worker processes for analysis: none for small inputs (start-up costs more than it
    saves), one per core for large ones."""
    size = 0
    for path in paths:
        if path.is_file():
            size += path.stat().st_size
        elif path.is_dir():
            size += sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
        if size >= PARALLEL_MIN_BYTES:
            return max(1, os.cpu_count() or 1)
    return 0


def ingest(
    paths: Sequence[str | Path],
    store: Store,
    *,
    options: ReaderOptions | None = None,
    pipeline: Pipeline | None = None,
    force_format: str | None = None,
    batch_size: int = 2000,
    progress: ProgressCallback | None = None,
    workers: int | None = None,
    on_batch: BatchCallback | None = None,
) -> IngestReport:
    """Read every file under ``paths``, analyse and store it. Never stops at a bad file.

    ``workers`` is the number of processes that run the analysis pipeline (0: in this
    process; ``None``: decided from the input size). ``on_batch``, if given, is called after
    each batch is committed with the primary keys of the messages it stored or whose current
    text an edit replaced (possibly none), in the writer thread: keep it short; an exception
    it raises fails that file.
    """
    options = options or ReaderOptions()
    names = tuple(stage.name for stage in pipeline.stages) if pipeline else DEFAULT_PIPELINE
    pipeline = pipeline or Pipeline(names)
    report = IngestReport(pipeline=pipeline.components)
    if workers is None:
        workers = _auto_workers([Path(p) for p in paths])
    analyzer = BatchAnalyzer(pipeline, names, workers, store.dialect)
    try:
        with bulk_gc():
            _ingest_all(
                paths, store, options, analyzer, force_format, batch_size, progress, report,
                on_batch,
            )
    finally:
        analyzer.close()
    return report


def _ingest_all(
    paths: Sequence[str | Path],
    store: Store,
    options: ReaderOptions,
    analyzer: BatchAnalyzer,
    force_format: str | None,
    batch_size: int,
    progress: ProgressCallback | None,
    report: IngestReport,
    on_batch: BatchCallback | None = None,
) -> None:
    run_id = store.start_run([str(p) for p in paths])
    for raw_path in paths:
        path = Path(raw_path)
        if not path.exists():
            exc = InputNotFound("no such file or folder", source=str(path))
            report.errors.append(_error(exc, path))
            continue
        for file, fmt, skipped in discover([path]):
            if skipped and not force_format:
                if file == path:  # named by the user, not met in a folder: that is an error
                    refused = UnsupportedFormat(skipped, source=str(file))
                    report.errors.append(_error(refused, file))
                else:
                    report.skipped.append({"path": str(file), "reason": skipped})
                continue
            fmt = force_format or fmt
            file_report = FileReport(str(file), fmt)
            report.files.append(file_report)
            try:
                if fmt is None or fmt not in READERS:
                    raise PropwatchError(f"{file}: no reader for format {fmt!r}")
                job = _FileJob(
                    file, store, analyzer, file_report, batch_size, progress, on_batch
                )
                if stripes(analyzer, fmt):
                    end = _ingest_striped(job, fmt, options)
                    if end.resume is not None:
                        _ingest_file(job, _resumed(file, options, end.resume), end.resume)
                    elif end.error is not None:
                        file_report.error = end.error
                        report.errors.append(file_report.error)
                else:
                    _ingest_file(job, READERS[fmt](file, options))
            except Exception as exc:
                file_report.error = _error(exc, file)
                report.errors.append(file_report.error)
            report.totals.add(file_report.counts)
    store.finish_run(run_id, report.to_json(), "failed" if report.errors else "ok")
