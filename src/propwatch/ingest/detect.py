"""Which reader a file needs, from its first 64 KB, and which files of a folder to read.

:func:`detect_format` trusts content over names: a binary file called ``.json`` is refused, a
CSV without an extension is found. The extension only breaks ties (``.csv`` with one column,
``.txt`` that happens to contain commas). :func:`discover` walks folders and says, for every
file it does not read, why (media of a Telegram export, hidden file, unsupported format), so a
caller can report what was skipped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from propwatch.errors import InputNotFound, UnsupportedFormat
from propwatch.ingest.base import Reader, ReaderOptions, ReadResult
from propwatch.ingest.csvfile import read_csv, sniff_delimiter
from propwatch.ingest.documents import read_html_article, read_text
from propwatch.ingest.jsonl import read_jsonl
from propwatch.ingest.textio import decode_head

__all__ = ["FORMATS", "MEDIA_DIRS", "MEDIA_SUFFIXES", "READERS", "detect_format", "discover"]

#: Format names, as accepted by ``--format``.
FORMATS = ("telegram_json", "telegram_html", "jsonl", "csv", "text", "html_article")

#: Folders of a Telegram Desktop export that hold media or page assets, not messages.
# fmt: off
MEDIA_DIRS = frozenset({
    "photos", "files", "video_files", "stickers", "voice_messages", "round_video_messages",
    "audio_files", "animations", "profile_pictures", "css", "js", "images",
})
# fmt: on

#: File types skipped wherever they are (media, page assets, archives).
# fmt: off
MEDIA_SUFFIXES = frozenset({
    ".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".heic", ".svg", ".ico",
    ".mp4", ".mov", ".webm", ".mkv", ".avi", ".m4v", ".ogg", ".oga", ".opus", ".mp3", ".m4a",
    ".wav", ".flac", ".tgs", ".pdf", ".zip", ".rar", ".7z", ".gz", ".css", ".js", ".woff",
    ".woff2", ".ttf",
})
# fmt: on

SNIFF_BYTES = 64 * 1024

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive (docx/xlsx/...)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"OggS", "Ogg audio/video"),
    (b"RIFF", "RIFF media (WebP/WAV/AVI)"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x7fELF", "executable"),
)
_TELEGRAM_PAGE = re.compile(r"messages\d*\.html?", re.I)
_EXPORT_MARKERS = ("result.json", "messages.html")


def _looks_like_telegram_json(head: bytes) -> bool:
    from propwatch.ingest.telegram_json import looks_like_telegram_json

    return bool(looks_like_telegram_json(head))


def _looks_like_telegram_html(head: bytes) -> bool:
    from propwatch.ingest.telegram_html import looks_like_telegram_html

    return bool(looks_like_telegram_html(head))


def _read_telegram_json(path: Path, options: ReaderOptions) -> Iterator[ReadResult]:
    from propwatch.ingest.telegram_json import read_telegram_json

    yield from read_telegram_json(path, options)


def _read_telegram_html(path: Path, options: ReaderOptions) -> Iterator[ReadResult]:
    from propwatch.ingest.telegram_html import read_telegram_html

    yield from read_telegram_html(path, options)


#: Reader for each format name (Telegram readers are imported on first use).
READERS: dict[str, Reader] = {
    "telegram_json": _read_telegram_json,
    "telegram_html": _read_telegram_html,
    "jsonl": read_jsonl,
    "csv": read_csv,
    "text": read_text,
    "html_article": read_html_article,
}


def _json_format(path: Path, head: bytes, text: str) -> str:
    if _looks_like_telegram_json(head):
        return "telegram_json"
    if text.startswith("["):
        return "jsonl"
    lines = text.split("\n")
    if len(lines) == 1:
        return "jsonl"  # one (long) line: JSON Lines with a single record
    for line in lines[:-1][:5]:
        try:
            if isinstance(json.loads(line), dict):
                return "jsonl"
        except (ValueError, RecursionError):
            continue
    raise UnsupportedFormat(
        "a JSON document that is neither a Telegram export nor JSON Lines (one object per line)",
        source=str(path),
    )


def _is_html(text: str, suffix: str) -> bool:
    lower = text[:4096].lower()
    if lower.startswith(("<!doctype html", "<html")):
        return True
    if lower.startswith("<") and ("<html" in lower or "<body" in lower or "<head" in lower):
        return True
    return suffix in (".html", ".htm", ".xhtml") and lower.startswith("<")


def _is_csv(text: str, suffix: str) -> bool:
    if suffix in (".csv", ".tsv"):
        return True
    if suffix in (".txt", ".text", ".md") or sniff_delimiter(text) is None:
        return False
    header = text.split("\n", 1)[0]
    cells = re.split(r"[,;\t]", header)
    return all(0 < len(cell.strip().strip('"')) <= 64 for cell in cells)


def detect_format(path: Path) -> str:
    """Return the format name of ``path`` (one of :data:`FORMATS`).

    Raises :class:`UnsupportedFormat` for an empty file, a binary file (NUL bytes, a known
    media/archive signature, bytes that decode in no text encoding) or a JSON document no reader
    understands, and :class:`InputNotFound` if the path does not exist.
    """
    source = str(path)
    try:
        with path.open("rb") as f:
            head = f.read(SNIFF_BYTES)
    except FileNotFoundError:
        raise InputNotFound("no such file", source=source) from None
    except IsADirectoryError:
        raise UnsupportedFormat("a folder, not a file", source=source) from None
    if not head:
        raise UnsupportedFormat("empty file (0 bytes): nothing to read", source=source)
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            raise UnsupportedFormat(f"binary file ({kind}), not text", source=source)
    if len(head) > 8 and head[4:8] == b"ftyp":
        raise UnsupportedFormat("binary file (MP4/MOV video), not text", source=source)
    decoded = decode_head(head)
    if decoded is None or "\x00" in decoded:
        raise UnsupportedFormat(
            "binary file (NUL bytes or bytes that are text in no encoding)", source=source
        )
    text = decoded.lstrip("\ufeff \t\r\n")
    if not text:
        raise UnsupportedFormat("file holds only whitespace: nothing to read", source=source)
    suffix = path.suffix.lower()
    if text.startswith(("{", "[")):
        return _json_format(path, head, text)
    if _is_html(text, suffix):
        return "telegram_html" if _looks_like_telegram_html(head) else "html_article"
    if _is_csv(text, suffix):
        return "csv"
    return "text"


def _is_export_root(folder: Path) -> bool:
    return any((folder / marker).is_file() for marker in _EXPORT_MARKERS)


def _walk(folder: Path, in_export: bool) -> Iterator[tuple[Path, str | None, str | None]]:
    in_export = in_export or _is_export_root(folder)
    html_export = (folder / "messages.html").is_file()
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.startswith("."):
            yield entry, None, "hidden folder" if entry.is_dir() else "hidden file"
        elif entry.is_dir() and not entry.is_symlink():
            if in_export and entry.name.lower() in MEDIA_DIRS:
                for media in sorted(p for p in entry.rglob("*") if p.is_file()):
                    yield media, None, "media file"
            else:
                yield from _walk(entry, in_export)
        elif not entry.is_file():
            yield entry, None, "not a regular file"
        else:
            yield _classify(entry, html_export)


def _classify(path: Path, html_export: bool) -> tuple[Path, str | None, str | None]:
    if path.suffix.lower() in MEDIA_SUFFIXES:
        return path, None, "media file"
    try:
        fmt = detect_format(path)
    except UnsupportedFormat as exc:
        return path, None, exc.message.removeprefix(f"{path}: ")
    except OSError as exc:
        return path, None, f"cannot read: {exc.strerror or exc}"
    if html_export and fmt == "telegram_html" and not _TELEGRAM_PAGE.fullmatch(path.name):
        fmt = "html_article"
    return path, fmt, None


def discover(paths: Sequence[Path]) -> Iterator[tuple[Path, str | None, str | None]]:
    """Yield ``(file, format, None)`` for each readable file and ``(file, None, reason)`` for
    each skipped one, walking folders recursively in name order.

    Skipped: the media folders of a Telegram export (:data:`MEDIA_DIRS`, below a folder holding
    ``result.json`` or ``messages.html``) and media files anywhere (:data:`MEDIA_SUFFIXES`),
    reason ``"media file"``; hidden files and folders (a hidden folder is one entry, not
    entered); files :func:`detect_format` refuses, with its reason. In a Telegram HTML export,
    ``messages.html``, ``messages2.html``, ... are ``telegram_html``; other pages are
    ``html_article``. Raises :class:`InputNotFound` for a path that does not exist.
    """
    for path in paths:
        if path.is_dir():
            yield from _walk(path, False)
        elif path.exists():
            yield _classify(path, False)
        else:
            raise InputNotFound("no such file or folder", source=str(path))
