"""Whole-file documents: plain text and HTML news articles (one item per file).

Both readers give ``message_id = "sha256:" + the first 16 hex digits of the SHA-256 of the
text`` (for articles, the canonical URL when the page has one), so the same document ingested
twice is one item. ``raw_sha256`` is the SHA-256 of the file's bytes. A file larger than
``options.max_item_bytes`` is rejected (``R004``) without being read.

HTML articles go through trafilatura (main text without navigation, footer or comments; title,
author, date, canonical URL), which works on the bytes it is given and never fetches anything.
When trafilatura finds no main text, the text of ``<body>`` is used and ``raw["extractor"]``
says so. Dates come only from the page's metadata and markup, never guessed from its text
(a footer's copyright year is not a publication date); they have day precision, in UTC.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import lxml.html
from lxml.etree import ParserError

from propwatch.ingest.base import MAX_EXCERPT_CHARS, ReaderOptions, ReadResult
from propwatch.ingest.fieldmap import parse_date
from propwatch.ingest.textio import detect_encoding
from propwatch.model import RawItem, Rejected

__all__ = ["MAX_TITLE_CHARS", "read_html_article", "read_text"]

#: Titles taken from a document's first line are cut to this length.
MAX_TITLE_CHARS = 200

_HEADER = re.compile(r"^\s*(title|date|author|source|url|published)\s*:\s*(.*?)\s*$", re.I)
_HEADER_LINES = 10
_META_KEYS = (
    "title",
    "author",
    "url",
    "hostname",
    "sitename",
    "date",
    "description",
    "categories",
    "tags",
    "language",
)


def _content_id(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def _too_large(path: Path, fmt: str, options: ReaderOptions) -> Rejected | None:
    size = path.stat().st_size
    if size <= options.max_item_bytes:
        return None
    with path.open("rb") as f:
        excerpt = f.read(MAX_EXCERPT_CHARS).decode("utf-8", "replace")
    reason = f"file is {size} bytes, more than the {options.max_item_bytes} allowed for one item"
    return Rejected(str(path), fmt, "document", "R004", reason, excerpt)


def _headers(text: str) -> tuple[dict[str, str], str | None]:
    """Leading ``Key: value`` lines (Title, Date, Author, ...) and the first other line."""
    headers: dict[str, str] = {}
    first: str | None = None
    for number, line in enumerate(text.splitlines()):
        if not line.strip():
            continue
        match = _HEADER.match(line) if number < _HEADER_LINES and first is None else None
        if match is None:
            first = line.strip()
            break
        headers.setdefault(match.group(1).lower(), match.group(2))
    return headers, first


def read_text(path: Path, options: ReaderOptions) -> Iterator[ReadResult]:
    """Read a plain-text file as one ``document``.

    ``title`` is a ``Title:`` header or the first non-empty line (cut to 200 characters);
    ``date`` comes from a ``Date:`` header in the first lines (None when absent or unparseable,
    the header stays in ``raw``); ``channel_key`` is ``options.channel`` or ``file:<folder>``.
    """
    if (rejected := _too_large(path, "text", options)) is not None:
        yield rejected
        return
    encoding = detect_encoding(path, options.encoding)
    try:
        with path.open("r", encoding=encoding, errors="strict") as f:
            text = f.read()
    except UnicodeDecodeError as exc:
        reason = f"undecodable {encoding} bytes at byte {exc.start}: {exc.reason}"
        yield Rejected(str(path), "text", "document", "R006", reason)
        return
    text = text.lstrip("\ufeff")
    headers, first_line = _headers(text)
    try:
        date = parse_date(headers.get("date") or headers.get("published"))
    except ValueError:
        date = None
    title = headers.get("title") or first_line
    yield RawItem(
        source=str(path),
        source_format="text",
        position="document",
        channel_key=options.channel or f"file:{path.parent.name or path.name}",
        message_id=_content_id(text),
        kind="document",
        date=date,
        author=headers.get("author") or None,
        text=text,
        title=title[:MAX_TITLE_CHARS] if title else None,
        raw={"file": path.name, "encoding": encoding, "headers": headers},
        raw_sha256=_file_sha256(path),
    )


def _day(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        day = datetime.strptime(value[:10], "%Y-%m-%d")
    except ValueError:
        return None
    return day.replace(tzinfo=UTC)


def _body_text(html: str | bytes) -> str:
    try:
        root = lxml.html.document_fromstring(html)
    except (ParserError, ValueError):
        return ""
    for bad in list(root.iter("script", "style", "noscript")):
        if isinstance(bad, lxml.html.HtmlElement):
            bad.drop_tree()
    body = root.find("body")
    target = body if isinstance(body, lxml.html.HtmlElement) else root
    if not isinstance(target, lxml.html.HtmlElement):
        return ""
    text = str(target.text_content())
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def read_html_article(path: Path, options: ReaderOptions) -> Iterator[ReadResult]:
    """Read an HTML page as one ``article`` (see the module docstring)."""
    if (rejected := _too_large(path, "html_article", options)) is not None:
        yield rejected
        return
    # Imported here: trafilatura takes half a second to import and only articles need it.
    import trafilatura
    from trafilatura.settings import set_date_params

    data = path.read_bytes()
    html: str | bytes = data
    if options.encoding:
        html = data.decode(detect_encoding(path, options.encoding), "replace")
    document = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        date_extraction_params=set_date_params(extensive=False),
    )
    meta: dict[str, Any] = {}
    text = ""
    if document is not None:
        found = document if isinstance(document, dict) else document.as_dict()
        meta = {key: found.get(key) for key in _META_KEYS if found.get(key)}
        text = found.get("text") or ""
    raw: dict[str, Any] = {"file": path.name, "extractor": "trafilatura " + trafilatura.__version__}
    if not text.strip():
        text = _body_text(html)
        raw["extractor"] = "lxml <body> text (trafilatura found no main text)"
    raw.update(meta)
    title = meta.get("title")
    if not text.strip() and not title:
        yield Rejected(str(path), "html_article", "document", "R007", "HTML page without text")
        return
    url = meta.get("url") if isinstance(meta.get("url"), str) else None
    host = urlsplit(url).hostname if url else None
    yield RawItem(
        source=str(path),
        source_format="html_article",
        position="document",
        channel_key=options.channel or (f"web:{host}" if host else f"file:{path.parent.name}"),
        message_id=url or _content_id(text),
        kind="article",
        channel_name=meta.get("sitename") or host,
        date=_day(meta.get("date")),
        author=meta.get("author"),
        text=text,
        title=title,
        links=[url] if url else [],
        raw=raw,
        raw_sha256=hashlib.sha256(data).hexdigest(),
    )
