"""Telegram Desktop HTML exports (``messages.html``, ``messages2.html``, ...).

A page holds up to ~1000 messages; pages are parsed one at a time with lxml. ``path`` may be a
page (only that page is read) or the export folder (every ``messages*.html`` page in number
order; a "joined" message at the top of a page keeps the sender of the previous page).

Structure read (Telegram Desktop's HTML writer)::

    div.page_header div.text                      channel name
    div.message.default#message123                a message ("joined": same sender as before)
      div.body > div.date[title]                  "01.03.2024 15:00:00 UTC+03:00"
      div.body > div.from_name                    sender
      div.body > div.forwarded.body > div.from_name   forwarded from (+ its own div.text)
      div.body > div.reply_to a[href=#go_to_message12]
      div.body > div.media_wrap                   photo / file / placeholder status
      div.body > div.text                         text (<br> = newline, <a> = links)
      div.body > div.signature                    post author signature (kept in raw)
    div.message.service#message10 div.body.details    service text

Dates without a ``UTC+hh:mm`` suffix (older exports) are treated as UTC. Date separators
(service blocks with negative ids) are not messages and are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from lxml import etree, html

from propwatch.errors import REJECT_CODES, InputNotFound
from propwatch.ingest.base import MAX_EXCERPT_CHARS, ReaderOptions, ReadResult
from propwatch.model import RawItem, Rejected

__all__ = ["looks_like_telegram_html", "page_files", "read_telegram_html"]

SOURCE_FORMAT = "telegram_html"
_PAGE = re.compile(r"^messages(\d*)\.html$")
_DATE = re.compile(
    r"(\d{2})\.(\d{2})\.(\d{4}) (\d{2}):(\d{2}):(\d{2})(?: UTC([+-])(\d{2}):(\d{2}))?"
)
_REPLY = re.compile(r"go_to_message(\d+)")
_ID = re.compile(r"^message(-?\d+)$")


def _cls(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


_MESSAGES = f"//div[{_cls('message')} and starts-with(@id, 'message')]"
_BODY = f"./div[{_cls('body')}]"


def looks_like_telegram_html(head: bytes) -> bool:
    """Whether the first bytes of an HTML file look like a Telegram Desktop export page."""
    return b'class="page_header"' in head and (
        b'class="history"' in head or b'class="message ' in head
    )


def page_files(folder: Path) -> list[Path]:
    """``messages.html``, ``messages2.html``, ... of an export folder, in page order."""
    pages = [(m, p) for p in folder.iterdir() if (m := _PAGE.match(p.name))]
    return [p for m, p in sorted(pages, key=lambda mp: int(mp[0].group(1) or 1))]


def read_telegram_html(path: Path, options: ReaderOptions) -> Iterator[ReadResult]:
    """Yield every message of a Telegram Desktop HTML export page or folder."""
    if not path.exists():
        raise InputNotFound("no such file or folder", source=str(path))
    pages = page_files(path) if path.is_dir() else [path]
    last_author: list[str | None] = [None]
    for page in pages:
        yield from _read_page(page, options, last_author)


def _squash(text: str) -> str:
    return " ".join(text.split())


def _text_of(element: Any) -> str:
    """Text with ``<br>`` as newlines, outer whitespace stripped."""
    parts: list[str] = []
    for node in element.iter():
        if node.tag == "br":
            parts.append("\n")
        elif node is not element and node.text:
            parts.append(node.text)
        if node is element and node.text:
            parts.append(node.text)
        if node is not element and node.tail:
            parts.append(node.tail)
    return "".join(parts).strip()


def _date(title: str | None) -> datetime | None:
    """Aware UTC datetime from a date ``title``; ``None`` when absent or unparseable."""
    match = _DATE.search(title) if title else None
    if not match:
        return None
    day, month, year, hour, minute, second, sign, off_h, off_m = match.groups()
    tz = UTC
    if sign:
        offset = timedelta(hours=int(off_h), minutes=int(off_m))
        tz = timezone(-offset if sign == "-" else offset)
    try:
        local = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second))
    except ValueError:
        return None
    return local.replace(tzinfo=tz).astimezone(UTC)


def _first(element: Any, xpath: str) -> Any:
    found = element.xpath(xpath)
    return found[0] if found else None


def _anchors(text_div: Any) -> tuple[list[str], list[str], list[str]]:
    links: list[str] = []
    mentions: list[str] = []
    hashtags: list[str] = []
    for anchor in text_div.iter("a"):
        label = (anchor.text_content() or "").strip()
        href = anchor.get("href") or ""
        if label.startswith("#"):
            hashtags.append(label)
        elif label.startswith("@"):
            mentions.append(label)
        elif href.startswith(("http://", "https://", "tg://")):
            links.append(href)
    return links, mentions, hashtags


def _media(body: Any) -> dict[str, Any] | None:
    wrap = _first(body, f".//div[{_cls('media_wrap')}]")
    if wrap is None:
        return None
    link = _first(wrap, ".//a[@href]")
    classes = " ".join(e.get("class", "") for e in wrap.iter() if isinstance(e.tag, str))
    kind = "file"
    for marker, name in (("photo", "photo"), ("video", "video_file"), ("voice", "voice_message")):
        if marker in classes:
            kind = name
            break
    if "sticker" in classes:
        kind = "sticker"
    media: dict[str, Any] = {"type": kind, "path": link.get("href") if link is not None else None}
    status = _first(wrap, f".//div[{_cls('status')}]")
    if media["path"] is None and status is not None:
        media["note"] = _squash(status.text_content())
    title = _first(wrap, f".//div[{_cls('title')}]")
    if title is not None:
        media["title"] = _squash(title.text_content())
    return media


def _reject(source: str, position: str, code: str, detail: str, raw: dict[str, Any]) -> Rejected:
    return Rejected(
        source=source,
        source_format=SOURCE_FORMAT,
        position=position,
        code=code,
        reason=f"{REJECT_CODES[code]}: {detail}",
        raw_excerpt=str(raw["html"])[:MAX_EXCERPT_CHARS],
    )


def _read_page(
    page: Path, options: ReaderOptions, last_author: list[str | None]
) -> Iterator[ReadResult]:
    tree = html.parse(str(page))
    header = _first(tree, f"//div[{_cls('page_header')}]//div[{_cls('text')}]")
    channel_name = _squash(header.text_content()) if header is not None else None
    key = options.channel or f"telegram_html:{channel_name or page.parent.name}"
    source = str(page)
    for element in tree.xpath(_MESSAGES):
        raw = {"page": page.name, "html": etree.tostring(element, encoding="unicode")}
        position = f"{page.name}#{element.get('id')}"
        id_match = _ID.match(element.get("id", ""))
        if id_match is None:
            yield _reject(source, position, "R001", f"element id {element.get('id')!r}", raw)
            continue
        if id_match.group(1).startswith("-"):
            continue  # a date separator, not a message
        classes = (element.get("class") or "").split()
        body = _first(element, _BODY)
        if body is None:
            body = element
        date_div = _first(body, f"./div[{_cls('date')}]")
        title = date_div.get("title") if date_div is not None else None
        date = _date(title)
        if title and date is None:
            yield _reject(source, position, "R003", f"date title {title!r}", raw)
            continue
        edited = _date(title.split("Edited:", 1)[1]) if title and "Edited:" in title else None
        text_div = _first(body, f"./div[{_cls('text')}]")
        forwarded = _first(body, f"./div[{_cls('forwarded')}]")
        if text_div is None and forwarded is not None:
            text_div = _first(forwarded, f"./div[{_cls('text')}]")
        if "service" in classes:
            kind, author, text = "service", None, _text_of(body)
        else:
            kind, text = "message", _text_of(text_div) if text_div is not None else ""
            from_div = _first(body, f"./div[{_cls('from_name')}]")
            if from_div is not None:
                last_author[0] = _squash(from_div.text_content())
            elif "joined" not in classes:
                last_author[0] = None
            author = last_author[0]
        if len(text.encode("utf-8", "surrogatepass")) > options.max_item_bytes:
            yield _reject(source, position, "R004", f"over {options.max_item_bytes} bytes", raw)
            continue
        fwd_from = None
        if forwarded is not None:
            fwd_name = _first(forwarded, f"./div[{_cls('from_name')}]")
            if fwd_name is not None:
                fwd_from = _squash(fwd_name.text or "")  # the name; a date span follows
        reply = _first(body, f"./div[{_cls('reply_to')}]//a/@href")
        reply_match = _REPLY.search(str(reply)) if reply is not None else None
        signature = _first(body, f"./div[{_cls('signature')}]")
        if signature is not None:
            raw["signature"] = _squash(signature.text_content())
        links, mentions, hashtags = _anchors(text_div) if text_div is not None else ([], [], [])
        yield RawItem(
            source=source,
            source_format=SOURCE_FORMAT,
            position=position,
            channel_key=key,
            message_id=id_match.group(1),
            kind=kind,
            channel_name=channel_name,
            channel_type=None,
            date=date,
            author=author,
            text=text,
            links=links,
            mentions=mentions,
            hashtags=hashtags,
            forwarded_from=fwd_from or None,
            reply_to_message_id=reply_match.group(1) if reply_match else None,
            edited=edited,
            media=_media(body),
            raw=raw,
        )
