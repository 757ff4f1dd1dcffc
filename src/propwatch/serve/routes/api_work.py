"""Work on the store: uploads to ingest (``/api/ingest``, ``/api/jobs``), the labelling queue
(``/api/labels*``) and exports (``/api/exports/*``).

Uploads (analyst) are streamed to disk and stopped with 413 as soon as they pass
``settings.max_upload_bytes``. Accepted: what ``propwatch ingest`` reads (Telegram JSON/HTML
exports, JSON Lines, CSV, HTML articles, text), judged by content, and ``.zip`` archives of
them. Refused: other types (415), zips whose members would expand past
``settings.max_unzipped_bytes``, compress more than 100:1 (past 64 KiB), hold more than 10,000
members (413), or have absolute, ``..``, or symbolic-link members (400). A zip is extracted
to a private folder; the ingest then runs in one background thread per app, recorded in
``ingest_jobs`` (queued -> running -> done | failed) and polled at ``/api/jobs/<id>``.

Labels (analyst) are one decision per item, label and user (``confirm`` or ``reject``);
``/api/labels/export`` writes them as the ``text,label,lang`` CSV that ``propwatch train
--data F`` reads. Exports (analyst) are the files of ``propwatch export``, streamed as
downloads. Uploads, labels and exports are audited (``ingest``, ``label``, ``export``).
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import stat
import tempfile
import threading
import uuid
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import IO, Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import FileResponse, JSONResponse
from pydantic import BaseModel, Field
from python_multipart import MultipartParser
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import parse_options_header
from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.exc import IntegrityError
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile as StarletteUpload

from propwatch.errors import UnsupportedFormat
from propwatch.serve.deps import get_settings
from propwatch.serve.routes.api_search import (
    Analyst,
    Channel,
    Lang,
    NoNul,
    PageDep,
    Since,
    StoreDep,
    Until,
    Viewer,
    channel_condition,
    hits_of,
    label_json,
    parse_when,
    record,
)
from propwatch.serve.settings import ServeSettings
from propwatch.store import Store, schema
from propwatch.store.store import page_of_hits
from propwatch.store.writer import utc_naive

__all__ = [
    "MAX_ZIP_MEMBERS",
    "MAX_ZIP_RATIO",
    "UploadRefused",
    "check_upload",
    "job_json",
    "router",
    "safe_filename",
]

router = APIRouter(tags=["work"])

#: Members a zip may hold.
MAX_ZIP_MEMBERS = 10_000
#: Largest compression ratio of a zip member (above ``RATIO_FLOOR`` bytes): bombs go far past.
MAX_ZIP_RATIO = 100
RATIO_FLOOR = 64 * 1024
#: Bytes of the request beyond the file that multipart framing may take.
_FRAMING = 1024 * 1024
#: Non-file form fields: total bytes and count.
_MAX_FIELD_BYTES = 64 * 1024
_MAX_PARTS = 20
_CHUNK = 1024 * 1024
_ZIP_METHODS = frozenset(
    {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
)
_READABLE = "JSON (Telegram export or JSON Lines), CSV, HTML, plain text, or a .zip of them"
_EXECUTOR_LOCK = threading.Lock()

SettingsDep = Annotated[ServeSettings, Depends(get_settings)]


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() + "Z" if value is not None else None


# -- receiving an upload ------------------------------------------------------------------------


class UploadRefused(Exception):
    """An upload that is not ingested: ``status`` (400, 413, 415) and a message for the user."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def safe_filename(raw: str) -> str:
    """The last component of a client's file name, printable, without leading dots; at most
    120 characters (keeping the extension). ``upload`` when nothing is left."""
    name = raw.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '<>:"|?*').strip()
    name = name.lstrip(". ")
    if len(name) > 120:
        stem, dot, suffix = name.rpartition(".")
        keep = f".{suffix}" if dot and 0 < len(suffix) <= 10 else ""
        name = (stem if keep else name)[: 120 - len(keep)] + keep
    return name or "upload"


@dataclass(slots=True)
class _Receiver:
    """Multipart callbacks: the one file part goes to ``folder``; fields are capped."""

    folder: Path
    limit: int
    filename: str | None = None
    path: Path | None = None
    size: int = 0
    handle: IO[bytes] | None = None
    pending: list[bytes] = field(default_factory=list)
    parts: int = 0
    field_bytes: int = 0
    in_file: bool = False
    header: bytes = b""
    value: bytes = b""
    disposition: bytes = b""

    def callbacks(self) -> dict[str, Callable[..., None]]:
        return {
            "on_part_begin": self.part_begin,
            "on_part_data": self.part_data,
            "on_part_end": self.part_end,
            "on_header_field": self.header_field,
            "on_header_value": self.header_value,
            "on_header_end": self.header_end,
            "on_headers_finished": self.headers_finished,
        }

    def part_begin(self) -> None:
        self.parts += 1
        if self.parts > _MAX_PARTS:
            raise UploadRefused(400, "Too many form fields: send one file (field `file`).")
        self.disposition, self.in_file = b"", False

    def header_field(self, data: bytes, start: int, end: int) -> None:
        self.header += data[start:end]

    def header_value(self, data: bytes, start: int, end: int) -> None:
        self.value += data[start:end]

    def header_end(self) -> None:
        if self.header.strip().lower() == b"content-disposition":
            self.disposition = self.value
        self.header, self.value = b"", b""

    def headers_finished(self) -> None:
        _, options = parse_options_header(self.disposition)
        raw = options.get(b"filename")
        if raw is None:
            return
        if self.path is not None:
            raise UploadRefused(400, "Send one file per upload.")
        self.filename = safe_filename(raw.decode("utf-8", "replace"))
        self.path = self.folder / self.filename
        self.handle = self.path.open("xb")
        self.in_file = True

    def part_data(self, data: bytes, start: int, end: int) -> None:
        chunk = data[start:end]
        if self.in_file:
            self.size += len(chunk)
            if self.size > self.limit:
                raise UploadRefused(413, _too_large(self.limit))
            self.pending.append(chunk)
        else:
            self.field_bytes += len(chunk)
            if self.field_bytes > _MAX_FIELD_BYTES:
                raise UploadRefused(400, "Form fields are too long: send only the file.")

    def part_end(self) -> None:
        self.in_file = False

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None


def _mb(value: int) -> str:
    return f"{value / (1024 * 1024):,.1f} MB" if value >= 1024 * 1024 else f"{value:,} bytes"


def _too_large(limit: int) -> str:
    return (
        f"The upload is larger than the {_mb(limit)} this server accepts "
        "(PROPWATCH_MAX_UPLOAD). Split it, or ingest it with `propwatch ingest` on the server."
    )


async def _receive(request: Request, receiver: _Receiver) -> None:
    """Stream the multipart body of ``request`` into ``receiver``."""
    ctype, params = parse_options_header(request.headers.get("content-type", ""))
    if ctype != b"multipart/form-data" or not params.get(b"boundary"):
        raise UploadRefused(
            415, "Send the file as multipart/form-data in a field named `file`."
        )
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > receiver.limit + _FRAMING:
        raise UploadRefused(413, _too_large(receiver.limit))
    parser = MultipartParser(params[b"boundary"], receiver.callbacks())  # type: ignore[arg-type]
    try:
        async for chunk in request.stream():
            parser.write(chunk)
            if receiver.pending and receiver.handle is not None:
                data = b"".join(receiver.pending)
                receiver.pending.clear()
                await run_in_threadpool(receiver.handle.write, data)
        parser.finalize()
    except FormParserError as exc:
        raise UploadRefused(400, f"The multipart body cannot be read: {exc}") from None
    except RuntimeError as exc:  # the body was read as a form already (a session's CSRF field)
        if "consumed" not in str(exc):
            raise
        await _from_form(request, receiver)
    finally:
        receiver.close()


async def _from_form(request: Request, receiver: _Receiver) -> None:
    """Take the upload from the form Starlette already parsed (and cached)."""
    form = await request.form()
    try:
        files = [v for _, v in form.multi_items() if isinstance(v, StarletteUpload)]
        if len(files) > 1:
            raise UploadRefused(400, "Send one file per upload.")
        if not files:
            return
        receiver.filename = safe_filename(files[0].filename or "upload")
        receiver.path = receiver.folder / receiver.filename
        with receiver.path.open("xb") as out:
            while chunk := await files[0].read(_CHUNK):
                receiver.size += len(chunk)
                if receiver.size > receiver.limit:
                    raise UploadRefused(413, _too_large(receiver.limit))
                await run_in_threadpool(out.write, chunk)
    finally:
        await form.close()


# -- checking what was uploaded -----------------------------------------------------------------


def _member_path(name: str) -> PurePosixPath:
    """The relative path of a zip member, or UploadRefused for an unsafe name."""
    unsafe = (
        not name
        or len(name) > 1024
        or "\x00" in name
        or name.startswith(("/", "\\"))
        or re.match(r"^[A-Za-z]:", name) is not None
    )
    parts = [p for p in name.replace("\\", "/").split("/") if p not in ("", ".")]
    if unsafe or ".." in parts or not parts:
        raise UploadRefused(
            400, f"The zip holds a member with an unsafe path ({name[:80]!r}): refused."
        )
    return PurePosixPath(*parts)


def _check_zip(archive: zipfile.ZipFile, max_unzipped: int) -> list[zipfile.ZipInfo]:
    """The file members of a zip that passed every check (see the module doc)."""
    infos = archive.infolist()
    if len(infos) > MAX_ZIP_MEMBERS:
        raise UploadRefused(
            413, f"The zip holds {len(infos):,} members; the most accepted is {MAX_ZIP_MEMBERS:,}."
        )
    total = 0
    files = []
    for info in infos:
        _member_path(info.filename)
        if stat.S_ISLNK(info.external_attr >> 16):
            raise UploadRefused(400, f"The zip holds a symbolic link ({info.filename[:80]!r}).")
        if info.is_dir():
            continue
        if info.flag_bits & 0x1:
            raise UploadRefused(415, "The zip is encrypted: upload it without a password.")
        if info.compress_type not in _ZIP_METHODS:
            raise UploadRefused(415, f"The zip uses a compression method propwatch cannot read "
                                     f"({info.compress_type}).")  # fmt: skip
        total += info.file_size
        if total > max_unzipped:
            raise UploadRefused(
                413, f"The zip would expand to more than {_mb(max_unzipped)} "
                "(PROPWATCH_MAX_UNZIPPED): refused.",
            )  # fmt: skip
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR and ratio > MAX_ZIP_RATIO:
            raise UploadRefused(
                413, f"The zip member {info.filename[:80]!r} compresses {ratio:,.0f}:1, more "
                f"than the {MAX_ZIP_RATIO}:1 a real export reaches (a zip bomb?): refused.",
            )  # fmt: skip
        files.append(info)
    return files


def _extract(archive: zipfile.ZipFile, files: list[zipfile.ZipInfo], root: Path,
             max_unzipped: int) -> int:  # fmt: skip
    """Write ``files`` under ``root`` (never outside it), counting the bytes actually
    decompressed; media are not written (ingest skips them). Returns files written."""
    from propwatch.ingest.detect import MEDIA_SUFFIXES

    written = 0
    total = 0
    base = root.resolve()
    for info in files:
        relative = _member_path(info.filename)
        if relative.suffix.lower() in MEDIA_SUFFIXES:
            continue
        target = (base / Path(*relative.parts)).resolve()
        if not target.is_relative_to(base):
            raise UploadRefused(400, f"Unsafe zip member {info.filename[:80]!r}: refused.")
        target.parent.mkdir(parents=True, exist_ok=True)
        size = 0
        with archive.open(info) as source, target.open("wb") as out:
            while chunk := source.read(_CHUNK):
                size += len(chunk)
                total += len(chunk)
                if size > info.file_size or total > max_unzipped:
                    raise UploadRefused(413, "The zip expands past what it declares: refused.")
                out.write(chunk)
        written += 1
    return written


@dataclass(slots=True)
class Checked:
    """What to ingest from an upload: paths, and the format of a single file."""

    paths: list[Path]
    format: str | None
    members: int = 0


def check_upload(path: Path, workdir: Path, max_unzipped: int) -> Checked:
    """Decide whether an uploaded file can be ingested (by its content): a file propwatch
    reads, or a zip extracted to ``workdir / "files"``. Raises :class:`UploadRefused`."""
    from propwatch.ingest.detect import detect_format, discover

    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        root = workdir / "files"
        root.mkdir()
        try:
            with zipfile.ZipFile(path) as archive:
                files = _check_zip(archive, max_unzipped)
                _extract(archive, files, root, max_unzipped)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError) as exc:
            raise UploadRefused(400, f"The zip is damaged or unreadable: {exc}") from None
        except OSError as exc:  # e.g. a member that is both a file and a folder
            reason = exc.strerror or str(exc)
            raise UploadRefused(400, f"The zip cannot be extracted: {reason}") from None
        readable = sum(1 for _, fmt, skipped in discover([root]) if fmt and not skipped)
        if not readable:
            raise UploadRefused(415, f"The zip holds no file propwatch reads ({_READABLE}).")
        return Checked([root], None, readable)
    try:
        fmt = detect_format(path)
    except UnsupportedFormat as exc:
        reason = exc.message.removeprefix(f"{path}: ")
        raise UploadRefused(
            415, f"{path.name}: {reason}. propwatch ingests {_READABLE}."
        ) from None
    return Checked([path], fmt, 1)


# -- ingest jobs --------------------------------------------------------------------------------


def _executor(request: Request) -> ThreadPoolExecutor:
    state = request.app.state
    with _EXECUTOR_LOCK:
        executor = getattr(state, "ingest_executor", None)
        if not isinstance(executor, ThreadPoolExecutor):
            executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="propwatch-ingest")
            state.ingest_executor = executor
    return executor


def _upload_root(settings: ServeSettings) -> Path:
    root = settings.upload_dir or Path(tempfile.gettempdir()) / "propwatch-uploads"
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    return root


def _relative(value: Any, prefix: str) -> Any:
    """``value`` with the job folder ``prefix`` cut from its strings (no server paths)."""
    if isinstance(value, str):
        return value.removeprefix(prefix)
    if isinstance(value, list):
        return [_relative(v, prefix) for v in value]
    if isinstance(value, dict):
        return {k: _relative(v, prefix) for k, v in value.items()}
    return value


def _set_job(store: Store, job_id: str, **values: Any) -> None:
    j = schema.ingest_jobs
    with store.engine.begin() as conn:
        conn.execute(j.update().where(j.c.id == job_id).values(**values))


def run_job(
    store: Store, job_id: str, checked: Checked, workdir: Path, rules: Path | None = None
) -> None:
    """Ingest an upload (in the background thread) and record the outcome; with ``rules``
    (the server's alert rules file), new items are checked against them as they arrive."""
    from propwatch.api import ingest

    dispatcher = None
    try:
        _set_job(store, job_id, status="running")
        on_batch = None
        if rules is not None:
            from propwatch.watch.deliver import Dispatcher
            from propwatch.watch.rules import load_rules
            from propwatch.watch.watcher import alert_hook

            ruleset = load_rules(rules)
            dispatcher = Dispatcher(store, ruleset)
            on_batch = alert_hook(store, ruleset, dispatcher=dispatcher)
        report = ingest(checked.paths, store, force_format=checked.format, on_batch=on_batch)
        folder = checked.paths[0] if checked.format is None else checked.paths[0].parent
        summary = _relative(report.to_json(), f"{folder}{os.sep}")
        read = report.totals.ingested + report.totals.duplicates + report.totals.edits
        failed = bool(report.errors) and not (read or report.totals.rejected)
        error = "; ".join(str(e.get("message", "")) for e in summary["errors"][:3]) or None
        _set_job(store, job_id, status="failed" if failed else "done", summary=summary,
                 error=error, finished_at=_now())  # fmt: skip
    except BaseException as exc:  # recorded: the client polls for it
        _set_job(store, job_id, status="failed", finished_at=_now(),
                 error=f"{type(exc).__name__}: {str(exc)[:500]}")  # fmt: skip
        if not isinstance(exc, Exception):
            raise
    finally:
        if dispatcher is not None:
            dispatcher.close()
        shutil.rmtree(workdir, ignore_errors=True)


def job_json(row: Any) -> dict[str, Any]:
    """An ``ingest_jobs`` row: ``{"id", "user", "filename", "size", "status", "created_at",
    "finished_at", "report", "error", "status_url"}``."""
    return {
        "id": row.id, "user": row.user_name, "filename": row.filename, "size": int(row.size),
        "status": row.status, "created_at": _iso(row.created_at),
        "finished_at": _iso(row.finished_at), "report": row.summary, "error": row.error,
        "status_url": f"/api/jobs/{row.id}",
    }  # fmt: skip


_UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {"file": {"type": "string", "format": "binary"}},
                }
            }
        },
    }
}


@router.post("/api/ingest", status_code=202, openapi_extra=_UPLOAD_BODY)
async def upload(
    request: Request, store: StoreDep, settings: SettingsDep, user: Analyst
) -> JSONResponse:
    """Upload one file (multipart/form-data, field ``file``) to ingest (analyst). Answers 202
    ``{"job", "status", "status_url"}``; poll ``GET /api/jobs/<id>``. Refusals: 413 too
    large, 415 not a type propwatch reads, 400 a malformed upload or an unsafe zip."""
    job_id = str(uuid.uuid4())
    root = await run_in_threadpool(_upload_root, settings)
    workdir = root / job_id
    workdir.mkdir(mode=0o700)
    (workdir / "upload").mkdir()  # the file as sent; a zip is extracted to "files"
    receiver = _Receiver(workdir / "upload", settings.max_upload_bytes)
    try:
        await _receive(request, receiver)
        if receiver.path is None:
            raise UploadRefused(
                400, "No file in the upload: send it as multipart/form-data, field `file`."
            )
        if receiver.size == 0:
            raise UploadRefused(400, f"{receiver.filename}: the file is empty.")
        checked = await run_in_threadpool(
            check_upload, receiver.path, workdir, settings.max_unzipped_bytes
        )
    except UploadRefused as refused:
        shutil.rmtree(workdir, ignore_errors=True)
        await run_in_threadpool(
            record, request, store, user, "ingest", target=receiver.filename,
            detail={"refused": refused.status, "reason": refused.message[:300],
                    "size": receiver.size},
        )  # fmt: skip
        raise HTTPException(status_code=refused.status, detail=refused.message) from None
    except BaseException:
        shutil.rmtree(workdir, ignore_errors=True)
        raise
    filename = receiver.filename or "upload"

    def queue() -> None:
        with store.engine.begin() as conn:
            conn.execute(
                schema.ingest_jobs.insert().values(
                    id=job_id, user_name=user.name, filename=filename, size=receiver.size,
                    status="queued", created_at=_now(),
                )
            )  # fmt: skip
        record(request, store, user, "ingest", target=filename,
               detail={"job": job_id, "size": receiver.size, "format": checked.format or "zip",
                       "files": checked.members})  # fmt: skip

    await run_in_threadpool(queue)
    rules = request.app.state.settings.alert_rules
    _executor(request).submit(run_job, store, job_id, checked, workdir, rules)
    url = f"/api/jobs/{job_id}"
    return JSONResponse(
        {"job": job_id, "status": "queued", "status_url": url},
        status_code=202,
        headers={"Location": url},
    )


@router.get("/api/jobs/{job_id}")
def get_job(job_id: str, store: StoreDep, user: Viewer) -> dict[str, Any]:
    """One ingest job: its status and, when done, the ingest report."""
    j = schema.ingest_jobs
    with store.engine.connect() as conn:
        row = conn.execute(select(j).where(j.c.id == job_id[:36])).first()
    if row is None:
        raise HTTPException(status_code=404, detail="No such job.")
    return job_json(row)


@router.get("/api/jobs")
def list_jobs(
    store: StoreDep,
    user: Viewer,
    page: PageDep,
    status: Literal["queued", "running", "done", "failed"] | None = None,
    by: Annotated[str | None, Query(max_length=100, description="Only this user's."), NoNul] = None,
) -> dict[str, Any]:
    """Ingest jobs, newest first: ``{"total", "limit", "offset", "jobs": [...]}``."""
    j = schema.ingest_jobs
    conditions: list[ColumnElement[bool]] = []
    if status:
        conditions.append(j.c.status == status)
    if by:
        conditions.append(j.c.user_name == by)
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(j).where(*conditions)).scalar_one()
        rows = conn.execute(
            select(j).where(*conditions).order_by(j.c.created_at.desc(), j.c.id)
            .limit(page.limit).offset(page.offset)
        ).all()  # fmt: skip
    return page.wrap(total, "jobs", [job_json(r) for r in rows])


# -- labels -------------------------------------------------------------------------------------

LABEL_PATTERN = r"^[\w.:-]{1,200}$"


class LabelIn(BaseModel):
    """An analyst's decision on one label of one item."""

    item: int = Field(gt=0, lt=2**63, description="The item's id.")
    label: str = Field(pattern=LABEL_PATTERN, description="A detection label or `propaganda`.")
    decision: Literal["confirm", "reject"]
    note: str | None = Field(default=None, max_length=2000)


def _pending_conditions(
    user: str, label: str | None, min_score: float
) -> ColumnElement[bool]:
    """Messages with a detected label (or a propaganda judgement) ``user`` has not decided."""
    m, a, lab = schema.messages, schema.annotations, schema.item_labels

    def undecided(name: Any) -> ColumnElement[bool]:
        return ~(
            select(lab.c.id)
            .where(lab.c.message_pk == a.c.message_pk, lab.c.label == name,
                   lab.c.user_name == user)
            .exists()
        )

    detection = [a.c.message_pk == m.c.id, a.c.kind == "detection", a.c.score >= min_score]
    if label:
        detection.append(a.c.label == label)
    options = []
    if label != "propaganda":
        options.append(select(a.c.id).where(*detection, undecided(a.c.label)).exists())
    if label in (None, "propaganda"):
        options.append(
            select(a.c.id)
            .where(a.c.message_pk == m.c.id, a.c.kind == "stance", a.c.label == "endorse",
                   undecided("propaganda"))
            .exists()
        )  # fmt: skip
    return or_(*options)


def _pending(store: Store, pks: list[int], user: str, min_score: float) -> dict[int, list[Any]]:
    a, lab = schema.annotations, schema.item_labels
    if not pks:
        return {}
    with store.engine.connect() as conn:
        decided = {
            (int(pk), name)
            for pk, name in conn.execute(
                select(lab.c.message_pk, lab.c.label)
                .where(lab.c.message_pk.in_(pks), lab.c.user_name == user)
            )
        }  # fmt: skip
        found = conn.execute(
            select(a.c.message_pk, a.c.kind, a.c.label, a.c.score)
            .where(
                a.c.message_pk.in_(pks),
                or_(and_(a.c.kind == "detection", a.c.score >= min_score),
                    and_(a.c.kind == "judgement")),
            )
            .order_by(a.c.score.desc(), a.c.id)
        ).all()  # fmt: skip
        endorsed = {
            int(pk)
            for (pk,) in conn.execute(
                select(a.c.message_pk).where(
                    a.c.message_pk.in_(pks), a.c.kind == "stance", a.c.label == "endorse"
                )
            )
        }
    out: dict[int, list[Any]] = {}
    for row in found:
        pk = int(row.message_pk)
        name = "propaganda" if row.kind == "judgement" else row.label
        if row.kind == "judgement" and pk not in endorsed:
            continue
        if (pk, name) in decided or any(p["label"] == name for p in out.get(pk, [])):
            continue
        out.setdefault(pk, []).append({"label": name, "score": round(float(row.score), 4)})
    return out


@router.get("/api/labels/queue")
def label_queue(
    store: StoreDep,
    user: Viewer,
    page: PageDep,
    label: Annotated[str | None, Query(pattern=LABEL_PATTERN)] = None,
    lang: Lang = None,
    channel: Channel = None,
    min_score: Annotated[float, Query(ge=0.0, le=1.0, description="Detections from.")] = 0.5,
) -> dict[str, Any]:
    """Items with detections (scoring ``min_score`` or more) or a propaganda judgement that
    the signed-in user has not decided yet, newest first: ``{"total", "limit", "offset",
    "items": [<search hit> + "pending": [{"label", "score"}]]}``."""
    m, c = schema.messages, schema.channels
    stmt = select(m.c.id).select_from(m).where(_pending_conditions(user.name, label, min_score))
    if lang:
        stmt = stmt.where(m.c.language == lang)
    if channel:
        stmt = stmt.where(m.c.channel_id.in_(select(c.c.id).where(channel_condition(channel))))
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(stmt.subquery())).scalar_one()
        ordered = stmt.order_by(m.c.date.desc().nulls_last(), m.c.id.desc())
        rows = page_of_hits(conn, ordered, page.limit, page.offset)
    pending = _pending(store, [int(r.id) for r in rows], user.name, min_score)
    items = hits_of(store, rows)
    for item in items:
        wanted = pending.get(item["id"], [])
        item["pending"] = [p for p in wanted if not label or p["label"] == label]
    return page.wrap(total, "items", items)


@router.post("/api/labels")
def put_label(body: LabelIn, request: Request, store: StoreDep, user: Analyst) -> dict[str, Any]:
    """Record the signed-in analyst's decision on one label of one item (replacing their
    earlier one): ``{"label": {...}, "created": bool}``. Audited as ``label``."""
    m, lab = schema.messages, schema.item_labels
    note = body.note.replace("\x00", "") if body.note else None
    values = {"decision": body.decision, "note": note, "at": _now()}
    where = and_(
        lab.c.message_pk == body.item, lab.c.label == body.label, lab.c.user_name == user.name
    )
    created = False
    for _ in range(2):  # a concurrent insert of the same decision: update it instead
        try:
            with store.engine.begin() as conn:
                if conn.execute(select(m.c.id).where(m.c.id == body.item)).first() is None:
                    raise HTTPException(status_code=404, detail=f"No item {body.item}.")
                if conn.execute(lab.update().where(where).values(**values)).rowcount == 0:
                    conn.execute(
                        lab.insert().values(message_pk=body.item, label=body.label,
                                            user_name=user.name, **values)
                    )  # fmt: skip
                    created = True
                row = conn.execute(select(lab).where(where)).one()
            break
        except IntegrityError:
            created = False
            continue
    else:
        raise HTTPException(status_code=409, detail="The label changed meanwhile; try again.")
    record(request, store, user, "label", target=str(body.item),
           detail={"label": body.label, "decision": body.decision})  # fmt: skip
    return {"label": label_json(row), "created": created}


def _label_conditions(
    by: str | None, label: str | None, decision: str | None, item: int | None,
    since: str | None, until: str | None,
) -> list[ColumnElement[bool]]:  # fmt: skip
    lab = schema.item_labels
    out: list[ColumnElement[bool]] = []
    if by:
        out.append(lab.c.user_name == by)
    if label:
        out.append(lab.c.label == label)
    if decision:
        out.append(lab.c.decision == decision)
    if item is not None:
        out.append(lab.c.message_pk == item)
    if start := parse_when(since, "since"):
        out.append(lab.c.at >= utc_naive(start))
    if end := parse_when(until, "until"):
        out.append(lab.c.at < utc_naive(end))
    return out


ByUser = Annotated[str | None, Query(max_length=100, description="Only this user's."), NoNul]
LabelName = Annotated[str | None, Query(pattern=LABEL_PATTERN)]


@router.get("/api/labels")
def list_labels(
    store: StoreDep,
    user: Viewer,
    page: PageDep,
    by: ByUser = None,
    label: LabelName = None,
    decision: Literal["confirm", "reject"] | None = None,
    item: Annotated[int | None, Query(gt=0, lt=2**63)] = None,
    since: Since = None,
    until: Until = None,
) -> dict[str, Any]:
    """Analyst decisions, newest first: ``{"total", "limit", "offset", "labels": [{"id",
    "item", "label", "decision", "user", "at", "note", "channel", "message_id",
    "language"}]}``; ``since``/``until`` are on the decision time."""
    lab, m, c = schema.item_labels, schema.messages, schema.channels
    conditions = _label_conditions(by, label, decision, item, since, until)
    with store.engine.connect() as conn:
        total = conn.execute(
            select(func.count()).select_from(lab).where(*conditions)
        ).scalar_one()
        rows = conn.execute(
            select(lab, c.c.key, m.c.message_id, m.c.language)
            .select_from(lab.join(m, m.c.id == lab.c.message_pk)
                         .join(c, c.c.id == m.c.channel_id))
            .where(*conditions)
            .order_by(lab.c.at.desc(), lab.c.id.desc())
            .limit(page.limit).offset(page.offset)
        ).all()  # fmt: skip
    labels = [
        {**label_json(r), "channel": r.key, "message_id": r.message_id, "language": r.language}
        for r in rows
    ]
    return page.wrap(total, "labels", labels)


def _temp_file(settings: ServeSettings, suffix: str) -> Path:
    handle, name = tempfile.mkstemp(prefix="export-", suffix=suffix, dir=_upload_root(settings))
    os.close(handle)
    return Path(name)


def _download(path: Path, media_type: str, filename: str) -> FileResponse:
    return FileResponse(
        path, media_type=media_type, filename=filename,
        background=BackgroundTask(path.unlink, missing_ok=True),
    )  # fmt: skip


def write_training_csv(store: Store, out: IO[str], conditions: list[ColumnElement[bool]]) -> int:
    """Write the decisions as ``text,label,lang`` rows, one per item: the labels confirmed
    (comma-separated) or ``none`` when every decision on it is a rejection. Per item and
    label the latest decision (of any user, or of the filtered ones) counts."""
    lab, m = schema.item_labels, schema.messages
    latest: dict[int, dict[str, str]] = {}
    with store.engine.connect() as conn:
        for pk, name, decision in conn.execute(
            select(lab.c.message_pk, lab.c.label, lab.c.decision)
            .where(*conditions)
            .order_by(lab.c.message_pk, lab.c.at, lab.c.id)
        ):
            latest.setdefault(int(pk), {})[name] = decision
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["text", "label", "lang"])
    count = 0
    pks = sorted(latest)
    for start in range(0, len(pks), 500):
        chunk = pks[start : start + 500]
        with store.engine.connect() as conn:
            rows = conn.execute(
                select(m.c.id, m.c.text, m.c.language).where(m.c.id.in_(chunk)).order_by(m.c.id)
            ).all()
        for pk, text, language in rows:
            text = (text or "").replace("\x00", "")
            if not text.strip():
                continue
            confirmed = sorted(n for n, d in latest[int(pk)].items() if d == "confirm")
            writer.writerow([text, ",".join(confirmed) or "none", language])
            count += 1
    return count


@router.get("/api/labels/export")
def export_labels(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    user: Analyst,
    format: Literal["csv"] = "csv",
    by: ByUser = None,
    label: LabelName = None,
    since: Since = None,
    until: Until = None,
) -> FileResponse:
    """The decisions as training data for ``propwatch train --data F --text-col text
    --label-col label`` (``lang`` is read as the language column): one row per item, the
    confirmed labels comma-separated, ``none`` for an item whose labels were all rejected."""
    conditions = _label_conditions(by, label, None, None, since, until)
    path = _temp_file(settings, ".csv")
    try:
        with path.open("w", encoding="utf-8", newline="") as out:
            rows = write_training_csv(store, out, conditions)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    record(request, store, user, "export", target="labels",
           detail={"format": "csv", "rows": rows, "by": by, "label": label})  # fmt: skip
    return _download(path, "text/csv; charset=utf-8", "propwatch-labels.csv")


# -- exports ------------------------------------------------------------------------------------

_EXPORTS: dict[str, tuple[str, str]] = {
    "stix": ("application/json", ".json"),
    "gexf": ("application/gexf+xml", ".gexf"),
    "graphml": ("application/graphml+xml", ".graphml"),
    "csv": ("text/csv; charset=utf-8", ".csv"),
    "ndjson": ("application/x-ndjson", ".ndjson"),
}


def _knowledge_dirs() -> tuple[str, ...]:
    """The knowledge packs the server analyses with (``$PROPWATCH_KNOWLEDGE``)."""
    from propwatch.detect.detector import KNOWLEDGE_ENV

    return tuple(p for p in os.environ.get(KNOWLEDGE_ENV, "").split(os.pathsep) if p)


def _write_export(store: Store, fmt: str, path: Path, options: dict[str, Any]) -> dict[str, Any]:
    """Write one export to ``path``; return what was written (for the audit record)."""
    from propwatch.export import (
        COLUMNS,
        TableFilter,
        detection_rows,
        entity_rows,
        event_rows,
        message_rows,
        write_csv,
        write_gexf,
        write_graphml,
        write_ndjson,
        write_stix,
    )
    from propwatch.graph.load import load_graph

    window = {k: options[k] for k in ("since", "until", "channel")}
    if fmt in ("stix", "gexf", "graphml"):
        graph = load_graph(store, **window, max_items=options["max_items"])
        if fmt == "stix":
            from propwatch.knowledge.gazetteer import load_gazetteer
            from propwatch.knowledge.loader import load_pack

            dirs = _knowledge_dirs()
            summary = write_stix(graph, path, narratives=load_pack(dirs).labels,
                                 gazetteer=load_gazetteer(dirs))  # fmt: skip
            return {"objects": summary.objects}
        nodes, edges = (write_gexf if fmt == "gexf" else write_graphml)(graph, path)
        return {"nodes": nodes, "edges": edges}
    what = options["what"]
    where = TableFilter(language=options["lang"], label=options["label"],
                        min_score=options["min_score"], **window)  # fmt: skip
    if what == "messages":
        rows = message_rows(store, where)
    elif what == "detections":
        rows = detection_rows(store, where)
    else:
        graph = load_graph(store, **window)
        rows = entity_rows(graph) if what == "entities" else event_rows(graph)
    if fmt == "csv":
        with path.open("w", encoding="utf-8", newline="") as text_out:
            count = write_csv(rows, COLUMNS[what], text_out, bom=options["bom"])
    else:
        with path.open("wb") as binary_out:
            count = write_ndjson(rows, binary_out)
    return {"rows": count}


@router.get("/api/exports/{fmt}")
def export(
    fmt: str,
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    user: Analyst,
    since: Since = None,
    until: Until = None,
    channel: Channel = None,
    what: Literal["messages", "detections", "entities", "events"] = "messages",
    lang: Lang = None,
    label: Annotated[str | None, Query(max_length=200), NoNul] = None,
    min_score: Annotated[float | None, Query(ge=0.0, le=1.0)] = None,
    max_items: Annotated[int | None, Query(ge=1, le=100_000_000)] = None,
    bom: Annotated[bool, Query(description="CSV: start with a byte-order mark.")] = False,
) -> FileResponse:
    """Download what ``propwatch export FMT`` writes (analyst): ``stix`` (a STIX 2.1 bundle),
    ``gexf``, ``graphml`` (the knowledge graph; ``max_items`` keeps the newest items), ``csv``,
    ``ndjson`` (``what``: messages, detections, entities, events; ``lang``, ``label``,
    ``min_score`` as the CLI). Audited as ``export``."""
    if fmt not in _EXPORTS:
        raise HTTPException(
            status_code=404, detail=f"No export {fmt[:20]!r}; use {', '.join(_EXPORTS)}."
        )
    media_type, suffix = _EXPORTS[fmt]
    options: dict[str, Any] = {
        "since": parse_when(since, "since"), "until": parse_when(until, "until"),
        "channel": channel or None, "what": what, "lang": lang or None, "label": label or None,
        "min_score": min_score, "max_items": max_items, "bom": bom,
    }  # fmt: skip
    path = _temp_file(settings, suffix)
    try:
        written = _write_export(store, fmt, path, options)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    table = fmt in ("csv", "ndjson")
    filters = {"since": since, "until": until, "channel": channel}
    if table:
        filters.update(what=what, lang=lang, label=label)
    record(request, store, user, "export", target=fmt,
           detail={"filters": {k: v for k, v in filters.items() if v}, **written})  # fmt: skip
    stamp = _now().strftime("%Y%m%d-%H%M%S")
    name = f"propwatch-{what if table else fmt}-{stamp}{suffix}"
    return _download(path, media_type, name)
