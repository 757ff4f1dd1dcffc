"""Telegram Desktop JSON exports (``result.json``), streamed with ijson.

Two layouts are read (see the schema notes in the shared data folder):

* a single chat, ``{"name", "type", "id", "messages": [...]}``. Read with
  ``ijson.items(f, "messages.item")`` (C backend) after a short pre-scan of the root keys. If
  ``name``/``type``/``id`` come *after* the messages, a metadata-only scan finds them first.
* a full account export, ``{"about", ..., "chats": {"list": [...]}, "left_chats": {...}}``.
  Read event by event (:mod:`propwatch.ingest.telegram_walk`), tracking each chat's metadata.

Nesting: ``ijson.items`` keeps a prefix string per open level, so 100k nested arrays would need
gigabytes. The fast pass therefore reads through a guard that counts ``[`` and ``{`` since the
last complete message; past a bound it stops and the rest of the file is read by the event walk,
which builds at most :data:`MAX_NESTING` levels and rejects deeper messages (R005).

Damage (truncated or corrupt JSON, binary data, an empty file): every message before the damage
is yielded, then a ``Rejected`` R008 naming the message index and byte offset, then
:class:`InputDamaged` is raised. A valid JSON file that is not an export raises
:class:`UnsupportedFormat`. Message mapping and dates: :mod:`propwatch.ingest.telegram_map`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import IO, Any

import ijson

from propwatch.errors import REJECT_CODES, InputDamaged, InputNotFound, UnsupportedFormat
from propwatch.ingest.base import ReaderOptions, ReadResult
from propwatch.ingest.growing import GrowingReader
from propwatch.ingest.telegram_map import (
    MAX_NESTING,
    SOURCE_FORMAT,
    ChatContext,
    map_message,
    reject,
)
from propwatch.ingest.telegram_split import split_messages
from propwatch.ingest.telegram_walk import META_KEYS, SECTIONS, Meta, TooDeep, walk
from propwatch.model import Rejected

__all__ = ["SKIPPED", "looks_like_telegram_json", "read_telegram_json"]

#: Bytes handed to the parser per read in the fast pass.
_WINDOW = 16 * 1024
#: ``[``/``{`` bytes read since the last complete message before the fast pass gives way.
#: ijson's prefix memory grows with the square of the depth: 3000 levels is about 22 MB.
_FAST_OPEN_LIMIT = 3000
_BOM = b"\xef\xbb\xbf"
_NAMELESS_TYPES = ("saved_messages", "replies")
_JSON_ERRORS = (ijson.JSONError, UnicodeDecodeError)
_DIALOG_TYPE = re.compile(
    rb'"type"\s*:\s*"(?:saved_messages|replies|personal_chat|bot_chat|private_group|'
    rb'private_supergroup|public_supergroup|private_channel|public_channel)"'
)
_MESSAGES = re.compile(rb'"messages"\s*:\s*\[')
_ACCOUNT = re.compile(rb'^\{\s*"about"\s*:')

#: Stands for a message ``read_telegram_json``'s ``keep`` refused (never stored).
SKIPPED = Rejected(source="", source_format=SOURCE_FORMAT, position="", code="", reason="skipped")


def looks_like_telegram_json(head: bytes) -> bool:
    """Whether the first bytes (up to 64 KB) of a file look like a Telegram Desktop export."""
    text = head[:65536].removeprefix(_BOM).lstrip()
    if not text.startswith(b"{"):
        return False
    if _MESSAGES.search(text) and (_DIALOG_TYPE.search(text) or b'"date_unixtime"' in text):
        return True
    return bool(_ACCOUNT.match(text)) and any(
        key in text for key in (b'"personal_information"', b'"chats"', b'"contacts"')
    )


class _Fallback(Exception):
    """Raised by the guard: the fast pass stops; the event walk takes over."""


class _Damaged(Exception):
    def __init__(self, position: str, cause: BaseException) -> None:
        super().__init__(position)
        self.position = position
        self.detail = f"{type(cause).__name__}: {cause}"[:500]


class _Guard:
    """File wrapper for the fast pass: bounds the nesting the parser can reach (see above)."""

    def __init__(self, fileobj: IO[bytes], offset: int) -> None:
        self._file = fileobj
        self.offset = offset
        self._since = 0
        self._last = 0
        self._growing = GrowingReader(fileobj, _WINDOW)

    def read(self, size: int = -1) -> bytes:
        if size == 0:  # ijson probes the type of read(0)
            return b""
        data = self._growing.read(_WINDOW)
        opens = data.count(b"[") + data.count(b"{")
        self._since += opens
        self._last = opens
        if self._since > _FAST_OPEN_LIMIT:
            raise _Fallback
        self.offset += len(data)
        return data

    def mark(self) -> None:
        """A message just ended (depth 2) inside the last window read."""
        self._since = self._last


def read_telegram_json(
    path: Path,
    options: ReaderOptions,
    keep: Callable[[int], bool] | None = None,
    *,
    split: bool = True,
    on_owned_fallback: Callable[[int], None] | None = None,
) -> Iterator[ReadResult]:
    """Yield every message of a Telegram Desktop JSON export (the ``Reader`` signature).

    ``keep`` (for ``propwatch.striped``): messages whose index it refuses may be yielded as
    :data:`SKIPPED` instead of being mapped (one record per message all the same).
    ``split``: try the cutting pass (:mod:`propwatch.ingest.telegram_split`) first.
    ``on_owned_fallback`` is called with the message index when that pass gave way on a
    message only this reader parsed (one ``keep`` accepted), before that message is yielded.
    """
    source = str(path)
    try:
        fileobj = path.open("rb")
    except (FileNotFoundError, IsADirectoryError) as err:
        raise InputNotFound("no such file", source=source) from err
    with fileobj:
        try:
            yield from _read(fileobj, source, options, keep, split, on_owned_fallback)
        except _Damaged as damage:
            yield Rejected(
                source=source,
                source_format=SOURCE_FORMAT,
                position=damage.position,
                code="R008",
                reason=f"{REJECT_CODES['R008']} ({damage.detail})",
            )
            raise InputDamaged(
                f"truncated or corrupt JSON ({damage.detail})",
                source=source,
                position=damage.position,
            ) from damage


def _read(
    fileobj: IO[bytes],
    source: str,
    options: ReaderOptions,
    keep: Callable[[int], bool] | None,
    split: bool = True,
    on_owned_fallback: Callable[[int], None] | None = None,
) -> Iterator[ReadResult]:
    start = len(_BOM) if fileobj.read(len(_BOM)) == _BOM else 0
    layout, meta = _prescan(fileobj, start, source)
    if layout == "full":
        fileobj.seek(start)
        yield from _walk_all(fileobj, source, options, {}, skip=0)
        return
    if _incomplete(meta):
        fileobj.seek(start)
        meta.update(_scan_meta(fileobj).get("", {}))
    ctx = _context(meta, source, options, "")
    if ctx is None:
        raise UnsupportedFormat("a JSON file with messages but no chat id", source=source)
    skip = 0
    if split:
        resumed = yield from split_messages(fileobj, start, ctx, keep, SKIPPED)
        if resumed is None:
            return
        if resumed.owned and on_owned_fallback is not None:
            on_owned_fallback(resumed.index)
        skip = resumed.index
    fileobj.seek(start)
    resume = yield from _fast(fileobj, start, ctx, keep, skip)
    if resume is not None:  # (the guard may stop ijson before the messages already read)
        fileobj.seek(start)
        yield from _walk_all(fileobj, source, options, {"": ctx}, max(resume, skip), keep)


def _prescan(fileobj: IO[bytes], start: int, source: str) -> tuple[str, dict[str, Any]]:
    """Layout (``single``/``full``) and the root metadata seen before the messages."""
    fileobj.seek(start)
    meta: dict[str, Any] = {}
    try:
        events = iter(ijson.basic_parse(fileobj, use_float=True))
        first = next(events, ("", None))
        if first[0] != "start_map":
            raise UnsupportedFormat("JSON whose root is not an object", source=source)
        key = None
        depth = 0
        for event, value in events:
            if depth:
                depth += event in ("start_map", "start_array")
                depth -= event in ("end_map", "end_array")
            elif event == "map_key":
                key = value
            elif event == "end_map":
                break
            elif key == "messages":
                if event == "start_array":
                    return "single", meta
                break
            elif key in SECTIONS and event == "start_map":
                return "full", meta
            elif event in ("start_map", "start_array"):
                depth = 1
            elif key in META_KEYS:
                meta[key] = value
    except _JSON_ERRORS as err:
        raise _Damaged(f"root (byte ~{fileobj.tell()})", err) from err
    raise UnsupportedFormat("JSON without a Telegram messages list or chats list", source=source)


def _incomplete(meta: dict[str, Any]) -> bool:
    if "id" not in meta or "type" not in meta:
        return True
    return "name" not in meta and meta["type"] not in _NAMELESS_TYPES


def _scan_meta(fileobj: IO[bytes]) -> dict[str, dict[str, Any]]:
    """Every chat's metadata, from a scan that skips all messages (damage ends the scan)."""
    metas: dict[str, dict[str, Any]] = {}
    try:
        for event in walk(GrowingReader(fileobj), max_depth=MAX_NESTING, collect_only=True):
            if isinstance(event, Meta):
                metas.setdefault(event.chat, {})[event.key] = event.value
    except _JSON_ERRORS:
        pass
    return metas


def _context(
    meta: dict[str, Any], source: str, options: ReaderOptions, chat: str
) -> ChatContext | None:
    chat_id = meta.get("id")
    if chat_id is not None and not isinstance(chat_id, dict | list):
        key = f"telegram:{chat_id}"
    elif options.channel:
        key = options.channel
    elif chat:
        key = f"telegram:unknown:{source}#{chat}"
    else:
        return None
    name, kind = meta.get("name"), meta.get("type")
    return ChatContext(
        source=source,
        channel_key=key,
        channel_name=name if isinstance(name, str) else None,
        channel_type=kind if isinstance(kind, str) else None,
        max_item_bytes=options.max_item_bytes,
    )


def _fast(
    fileobj: IO[bytes],
    start: int,
    ctx: ChatContext,
    keep: Callable[[int], bool] | None = None,
    skip: int = 0,
) -> Generator[ReadResult, None, int | None]:
    """The single-chat messages via ``ijson.items`` from message ``skip`` on; the index to
    resume at after a fallback."""
    guard = _Guard(fileobj, start)
    index = 0
    try:
        for msg in ijson.items(guard, "messages.item", use_float=True, buf_size=_WINDOW):
            guard.mark()
            if index < skip:
                pass
            elif keep is None or keep(index):
                yield map_message(msg, ctx, f"messages[{index}] (byte ~{guard.offset})")
            else:
                yield SKIPPED
            index += 1
    except _Fallback:
        return index
    except _JSON_ERRORS as err:
        raise _Damaged(f"messages[{index}] (byte ~{guard.offset})", err) from err
    return None


def _walk_all(
    fileobj: IO[bytes],
    source: str,
    options: ReaderOptions,
    contexts: dict[str, ChatContext],
    skip: int,
    keep: Callable[[int], bool] | None = None,
) -> Iterator[ReadResult]:
    """Messages of either layout via the event walk (chat metadata tracked per chat).
    ``keep`` as in :func:`read_telegram_json`, for a single chat only (the indices it takes
    are those of the chat's messages)."""
    metas: dict[str, dict[str, Any]] = {}
    scanned: dict[str, dict[str, Any]] | None = None
    where = f"messages[{skip}]" if skip else "root"
    try:
        for event in walk(GrowingReader(fileobj), max_depth=MAX_NESTING, skip=skip):
            if isinstance(event, Meta):
                metas.setdefault(event.chat, {})[event.key] = event.value
                continue
            prefix = f"{event.chat}.messages" if event.chat else "messages"
            where = f"{prefix}[{event.index + 1}]"
            ctx = contexts.get(event.chat)
            if ctx is None:
                meta = metas.get(event.chat, {})
                if _incomplete(meta):
                    if scanned is None:
                        with open(fileobj.name, "rb") as again:
                            scanned = _scan_meta(_skip_bom(again))
                    meta = {**scanned.get(event.chat, {}), **meta}
                ctx = _context(meta, source, options, event.chat)
                assert ctx is not None  # chats inside a full export always get a key
                contexts[event.chat] = ctx
            position = f"{prefix}[{event.index}] (byte ~{fileobj.tell()})"
            if keep is not None and not keep(event.index):
                yield SKIPPED
            elif isinstance(event.value, TooDeep):
                detail = f"more than {MAX_NESTING} levels"
                yield reject(ctx, position, "R005", detail, event.value.partial)
            else:
                yield map_message(event.value, ctx, position)
    except _JSON_ERRORS as err:
        raise _Damaged(f"{where} (byte ~{fileobj.tell()})", err) from err


def _skip_bom(fileobj: IO[bytes]) -> IO[bytes]:
    if fileobj.read(len(_BOM)) != _BOM:
        fileobj.seek(0)
    return fileobj
