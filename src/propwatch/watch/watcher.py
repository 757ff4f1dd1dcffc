"""Watch a folder: ingest files as they appear or grow, evaluate alert rules on new items.

Polling, with a stability check: a file is read once its size and modification time have
stayed the same for ``settle`` seconds (or it was last modified at least ``settle`` seconds
ago), so a file still being copied or exported is not read half-written. A file that grows
or changes later is ingested again; ingest is idempotent, so only its new items (and edits)
are stored. Hidden files and folders, media files and the media folders of Telegram exports
are not looked at.

Rules are evaluated after each written batch (:func:`alert_hook`, through
``ingest(on_batch=...)``); alerts are delivered by a :class:`~propwatch.watch.deliver.
Dispatcher` thread, so a slow webhook does not hold up ingest.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from propwatch.api import BatchCallback, ingest
from propwatch.ingest.base import ReaderOptions
from propwatch.ingest.detect import MEDIA_DIRS, MEDIA_SUFFIXES, discover
from propwatch.store import Store
from propwatch.watch.deliver import Dispatcher
from propwatch.watch.rules import Alert, RuleSet, evaluate_new

__all__ = ["MAX_FILES", "FileResult", "Watcher", "alert_hook"]

log = logging.getLogger("propwatch.watch")

#: At most this many files are looked at per scan (the rest wait for the next scans).
MAX_FILES: Final = 100_000

#: Files that make a folder a Telegram export (its media folders are then not looked at).
_EXPORT_MARKERS: Final = frozenset({"result.json", "messages.html"})


def alert_hook(
    store: Store,
    ruleset: RuleSet,
    *,
    dispatcher: Dispatcher | None = None,
    sink: list[Alert] | None = None,
) -> BatchCallback:
    """An ``ingest(on_batch=...)`` callback: evaluate ``ruleset`` on each batch's new items,
    hand the alerts to ``dispatcher`` (log, webhook) and append them to ``sink``. Errors are
    logged, never raised (a broken rule must not fail ingest)."""

    def on_batch(pks: list[int]) -> None:
        if not pks or not ruleset.rules:
            return
        try:
            alerts = evaluate_new(store, pks, ruleset)
        except Exception:
            log.exception("alert evaluation failed for %d items", len(pks))
            return
        if sink is not None:
            sink.extend(alerts)
        if dispatcher is not None:
            dispatcher.submit(alerts)

    return on_batch


@dataclass(slots=True)
class FileResult:
    """What happened to one file in one pass."""

    path: str
    format: str | None = None
    ingested: int = 0
    duplicates: int = 0
    edits: int = 0
    rejected: int = 0
    skipped: str | None = None
    error: dict[str, Any] | None = None
    alerts: list[Alert] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "format": self.format,
            "ingested": self.ingested,
            "duplicates": self.duplicates,
            "edits": self.edits,
            "rejected": self.rejected,
            "skipped": self.skipped,
            "error": self.error,
            "alerts": [a.to_json() for a in self.alerts],
        }

    def summary(self) -> str:
        if self.skipped:
            return f"{self.path}: skipped ({self.skipped})"
        text = (
            f"{self.path}: {self.ingested} new, {self.duplicates} already known, "
            f"{self.edits} edits, {self.rejected} rejected"
        )
        if self.error:
            text += f"; error [{self.error.get('code')}] {self.error.get('message')}"
        return text


Signature = tuple[int, int]  # size, mtime in ns


class Watcher:
    """Ingests the files of ``root`` (recursively) when they are new or changed."""

    def __init__(
        self,
        store: Store,
        root: Path,
        *,
        ruleset: RuleSet | None = None,
        dispatcher: Dispatcher | None = None,
        settle: float = 2.0,
        options: ReaderOptions | None = None,
        workers: int | None = None,
        on_file: Callable[[FileResult], None] | None = None,
    ) -> None:
        self.store, self.root = store, Path(root)
        self.ruleset = ruleset
        self.dispatcher = dispatcher
        self.settle = max(0.0, settle)
        self.options = options
        self.workers = workers
        self.on_file = on_file
        self._observed: dict[Path, tuple[Signature, float]] = {}
        self._done: dict[Path, Signature] = {}

    # -- finding files -------------------------------------------------------------------
    def _files(self) -> list[Path]:
        found: list[Path] = []
        in_export: dict[str, bool] = {}
        for folder, dirs, files in os.walk(self.root):
            export = in_export.get(folder, False) or bool(_EXPORT_MARKERS & set(files))
            dirs[:] = sorted(
                d
                for d in dirs
                if not d.startswith(".") and not (export and d.lower() in MEDIA_DIRS)
            )
            for d in dirs:
                in_export[os.path.join(folder, d)] = export
            for name in sorted(files):
                if name.startswith(".") or Path(name).suffix.lower() in MEDIA_SUFFIXES:
                    continue
                found.append(Path(folder) / name)
                if len(found) >= MAX_FILES:
                    return found
        return found

    def ready(self) -> list[Path]:
        """Files new or changed since they were last read, and stable (see the module doc)."""
        now, wall = time.monotonic(), time.time()
        out: list[Path] = []
        present = set()
        for path in self._files():
            try:
                st = path.stat()
            except OSError:
                continue
            present.add(path)
            sig: Signature = (st.st_size, st.st_mtime_ns)
            if self._done.get(path) == sig or st.st_size == 0:
                continue
            seen = self._observed.get(path)
            if seen is None or seen[0] != sig:
                self._observed[path] = (sig, now)
                if wall - st.st_mtime >= self.settle:
                    out.append(path)  # untouched for a while: no need to wait
                continue
            if now - seen[1] >= self.settle or wall - st.st_mtime >= self.settle:
                out.append(path)
        for gone in set(self._observed) - present:
            self._observed.pop(gone, None)
        return out

    def pending(self) -> int:
        """Files seen changed but not read yet (waiting to settle)."""
        return sum(1 for p, (sig, _) in self._observed.items() if self._done.get(p) != sig)

    # -- reading -------------------------------------------------------------------------
    def process(self, path: Path) -> FileResult:
        """Ingest one file now and evaluate the rules on its new items."""
        try:
            st = path.stat()
            sig: Signature = (st.st_size, st.st_mtime_ns)
        except OSError as exc:
            return FileResult(str(path), skipped=f"cannot read: {exc.strerror or exc}")
        result = FileResult(str(path))
        try:
            _, fmt, skipped = next(iter(discover([path])))
        except Exception as exc:  # vanished between the scan and now
            result.skipped = f"cannot read: {exc}"
            self._done[path] = sig
            return result
        result.format = fmt
        if skipped:
            result.skipped = skipped
            self._done[path] = sig
            return result
        alerts: list[Alert] = []
        hook = (
            alert_hook(self.store, self.ruleset, dispatcher=self.dispatcher, sink=alerts)
            if self.ruleset is not None and self.ruleset.rules
            else None
        )
        try:
            report = ingest(
                [path],
                self.store,
                options=self.options,
                force_format=fmt,
                workers=self.workers,
                on_batch=hook,
            )
        except Exception as exc:
            log.exception("ingest of %s failed", path)
            result.error = {"code": "PW100", "message": f"{type(exc).__name__}: {exc}"}
        else:
            t = report.totals
            result.ingested, result.duplicates = t.ingested, t.duplicates
            result.edits, result.rejected = t.edits, t.rejected
            if report.errors:
                result.error = report.errors[0]
        result.alerts = alerts
        # Recorded even after an error: the file is read again only once it changes.
        self._done[path] = sig
        return result

    def poll(self) -> list[FileResult]:
        """One pass: read every file that is ready."""
        results = []
        for path in self.ready():
            result = self.process(path)
            results.append(result)
            if self.on_file is not None:
                self.on_file(result)
        return results

    def run_once(self, *, max_wait: float = 60.0) -> list[FileResult]:
        """Read what is there, waiting (at most ``max_wait`` s) for files still changing."""
        deadline = time.monotonic() + max(0.0, max_wait)
        results = self.poll()
        while self.pending() and time.monotonic() < deadline:
            time.sleep(min(0.2, max(self.settle / 4, 0.02)))
            results += self.poll()
        return results

    def run(self, *, interval: float = 2.0, stop: threading.Event | None = None) -> None:
        """Poll every ``interval`` seconds until ``stop`` is set (or KeyboardInterrupt)."""
        stop = stop or threading.Event()
        while not stop.is_set():
            self.poll()
            stop.wait(max(0.05, interval))
