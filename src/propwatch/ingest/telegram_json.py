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
from collections.abc import Callable, Generator, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import ijson

from propwatch.errors import REJECT_CODES, InputDamaged, InputNotFound, UnsupportedFormat
from propwatch.ingest import telegram_split
from propwatch.ingest.base import ReaderOptions, ReadResult
from propwatch.ingest.growing import GrowingReader
from propwatch.ingest.telegram_map import (
    MAX_NESTING,
    SOURCE_FORMAT,
    ChatContext,
    map_message,
    reject,
)
from propwatch.ingest.telegram_walk import META_KEYS, SECTIONS, Meta, TooDeep, walk
from propwatch.model import Rejected

__all__ = ["Pieces", "looks_like_telegram_json", "read_telegram_json", "telegram_pieces"]

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

#: One piece of an export after another: its records, or None for a piece ``keep`` refused.
Pieces = Iterator[list[ReadResult] | None]


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
    def __init__(
        self, position: str, cause: BaseException, partial: Sequence[ReadResult] = ()
    ) -> None:
        super().__init__(position)
        self.position = position
        self.detail = f"{type(cause).__name__}: {cause}"[:500]
        #: Records of the damaged piece read before the damage.
        self.partial = list(partial)


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


def read_telegram_json(path: Path, options: ReaderOptions) -> Iterator[ReadResult]:
    """Yield every message of a Telegram Desktop JSON export (the ``Reader`` signature)."""
    for piece in telegram_pieces(path, options):
        if piece:
            yield from piece


def telegram_pieces(
    path: Path, options: ReaderOptions, keep: Callable[[int], bool] | None = None
) -> Pieces:
    """The records of a Telegram Desktop JSON export, piece by piece, in file order.

    A single-chat export whose messages start on lines of their own (as Telegram Desktop
    writes them) is cut between messages (:mod:`propwatch.ingest.telegram_split`): a piece is
    normally one message. Any other file is read by ijson, one record a piece. ``keep`` (for
    :mod:`propwatch.striped`): a piece whose index it refuses is yielded as None, unparsed.
    On damage, the last piece ends with a rejected record (R008) and :class:`InputDamaged`
    is raised."""
    source = str(path)
    try:
        fileobj = path.open("rb")
    except (FileNotFoundError, IsADirectoryError) as err:
        raise InputNotFound("no such file", source=source) from err
    with fileobj:
        try:
            yield from _read(fileobj, source, options, keep)
        except _Damaged as damage:
            yield [
                *damage.partial,
                Rejected(
                    source=source,
                    source_format=SOURCE_FORMAT,
                    position=damage.position,
                    code="R008",
                    reason=f"{REJECT_CODES['R008']} ({damage.detail})",
                ),
            ]
            raise InputDamaged(
                f"truncated or corrupt JSON ({damage.detail})",
                source=source,
                position=damage.position,
            ) from damage


def _read(
    fileobj: IO[bytes], source: str, options: ReaderOptions, keep: Callable[[int], bool] | None
) -> Pieces:
    start = len(_BOM) if fileobj.read(len(_BOM)) == _BOM else 0
    layout, meta = _prescan(fileobj, start, source)
    if layout == "full":
        fileobj.seek(start)
        yield from _one_a_piece(_walk_all(fileobj, source, options, {}, skip=0), keep)
        return
    if _incomplete(meta):
        fileobj.seek(start)
        meta.update(_scan_meta(fileobj).get("", {}))
    ctx = _context(meta, source, options, "")
    if ctx is None:
        raise UnsupportedFormat("a JSON file with messages but no chat id", source=source)
    cut = telegram_split.find_layout(fileobj, start)
    if cut is not None:
        yield from _split(fileobj, start, ctx, cut, keep)
        return
    fileobj.seek(start)
    resume = yield from _fast(fileobj, start, ctx, keep)
    if resume is not None:
        fileobj.seek(start)
        walked = _walk_all(fileobj, source, options, {"": ctx}, skip=resume)
        yield from _one_a_piece(walked, keep, first=resume)


def _one_a_piece(
    records: Iterator[ReadResult], keep: Callable[[int], bool] | None, first: int = 0
) -> Pieces:
    for index, record in enumerate(records, first):
        yield [record] if keep is None or keep(index) else None


def _split(
    fileobj: IO[bytes],
    start: int,
    ctx: ChatContext,
    layout: telegram_split.Layout,
    keep: Callable[[int], bool] | None,
) -> Pieces:
    """The pieces of a cut export (see :mod:`propwatch.ingest.telegram_split`). A message's
    index counts the elements before it as every reader of the file counts them, from the
    separators between elements, without parsing the pieces it does not keep."""
    between = re.compile(re.escape(layout.separator[1:-1]) + rb"[^ \t\r\n]")
    comma = layout.separator[1:-1]
    cursor: telegram_split.ReadCursor | None = None
    index = 0
    try:
        for number, piece in enumerate(telegram_split.pieces(fileobj, layout, _piece_limit(ctx))):
            data = piece.data
            elements = 1 + (len(between.findall(data)) if comma in data else 0)
            if keep is None or keep(number):
                if cursor is None:
                    cursor = telegram_split.ReadCursor(ctx.source, start, _WINDOW)
                yield _parse_piece(piece, index, ctx, cursor)
            else:
                yield None
            index += elements
    finally:
        if cursor is not None:
            cursor.close()


def _piece_limit(ctx: ChatContext) -> int:
    return max(telegram_split.PIECE_LIMIT, 8 * ctx.max_item_bytes)


def _parse_piece(
    piece: telegram_split.Piece, index: int, ctx: ChatContext, cursor: telegram_split.ReadCursor
) -> list[ReadResult]:
    """The records of one piece: orjson for one object, the event walk for anything else."""
    end = piece.start + piece.size
    if not piece.data:
        position = f"messages[{index}] (byte ~{cursor.at(end)})"
        detail = f"{piece.size} bytes without a message boundary, over the limit; not read"
        return [reject(ctx, position, "R004", detail, {"bytes": piece.size})]
    if telegram_split.BEYOND_IJSON.search(piece.data):
        pass  # numbers ijson refuses and orjson takes: read as the streamed reader reads them
    elif not piece.last:
        msg = telegram_split.parse_object(piece.data)
        if msg is not None:
            return [map_message(msg, ctx, f"messages[{index}] (byte ~{cursor.at(end)})")]
    else:
        tail = telegram_split.split_tail(piece.data)
        if tail is not None:
            msg, sound = tail
            record = map_message(msg, ctx, f"messages[{index}] (byte ~{cursor.at(end)})")
            if not sound:
                raise _Damaged(
                    f"messages[{index + 1}] (byte ~{end})",
                    ValueError("the file breaks after its last message"),
                    [record],
                )
            return [record]
    return _walk_piece(piece, index, ctx, cursor)


def _walk_piece(
    piece: telegram_split.Piece, index: int, ctx: ChatContext, cursor: telegram_split.ReadCursor
) -> list[ReadResult]:
    """A piece orjson does not read as one object, element by element through the event
    walk: elements that are not objects, numbers beyond 64 bits, nesting too deep, damage."""
    out: list[ReadResult] = []
    end = piece.start + piece.size
    try:
        for value in telegram_split.walk_piece(piece.data, piece.last, MAX_NESTING):
            position = f"messages[{index + len(out)}] (byte ~{cursor.at(end)})"
            if isinstance(value, TooDeep):
                detail = f"more than {MAX_NESTING} levels"
                out.append(reject(ctx, position, "R005", detail, value.partial))
            else:
                out.append(map_message(value, ctx, position))
    except telegram_split.JSON_ERRORS as err:
        where = f"messages[{index + len(out)}] (byte ~{cursor.at(end)})"
        raise _Damaged(where, err, out) from err
    return out


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
    fileobj: IO[bytes], start: int, ctx: ChatContext, keep: Callable[[int], bool] | None = None
) -> Generator[list[ReadResult] | None, None, int | None]:
    """The single-chat messages via ``ijson.items``; the index to resume at after a fallback."""
    guard = _Guard(fileobj, start)
    index = 0
    try:
        for msg in ijson.items(guard, "messages.item", use_float=True, buf_size=_WINDOW):
            guard.mark()
            if keep is None or keep(index):
                yield [map_message(msg, ctx, f"messages[{index}] (byte ~{guard.offset})")]
            else:
                yield None
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
) -> Iterator[ReadResult]:
    """Messages of either layout via the event walk (chat metadata tracked per chat)."""
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
            if isinstance(event.value, TooDeep):
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
