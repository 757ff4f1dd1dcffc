"""Single-chat Telegram exports cut at the separators between messages, parsed by orjson.

Telegram Desktop writes ``result.json`` pretty-printed: every element of ``messages`` starts
on a line of its own, at the same indentation, so the bytes ``},`` + newline + that
indentation + ``{`` appear only between two messages. A JSON string cannot hold a raw newline,
and anything nested inside a message is indented further (or, in a file written one message
per line, sits on the message's line). :func:`find_layout` reads that indentation after
``"messages": [``; :func:`pieces` then cuts the file at the separator without parsing it, and
each piece (normally one message) is parsed with orjson only when it is wanted. Two readers of
the same file cut it into the same pieces, which is what striped reading
(:mod:`propwatch.striped`) needs: a worker skips the pieces of the other stripes for the cost of
finding them.

A piece that is not one JSON object (an element that is not an object, a number orjson does not
take, nesting past the limit, damage) is parsed again by the event walk
(:mod:`propwatch.ingest.telegram_walk`), which gives the answers the streamed reader always
gave: every element a record, R005 for nesting too deep, and the file's error where it breaks.

Positions: ``messages[i] (byte ~N)`` with the ``N`` the streamed reader reported (the end of the
16 KiB read that completed the message, see :class:`ReadCursor`), so that a file read again by a
newer propwatch names its rejected records the same way.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import IO, Any, NamedTuple

import ijson
import orjson

from propwatch.ingest.growing import GrowingReader

__all__ = [
    "BEYOND_IJSON",
    "JSON_ERRORS",
    "PIECE_LIMIT",
    "Layout",
    "Piece",
    "ReadCursor",
    "find_layout",
    "parse_object",
    "pieces",
    "split_tail",
    "walk_piece",
]

#: Bytes of the file's start searched for the messages array.
_HEAD = 1 << 20
#: Bytes read at a time while cutting.
_BLOCK = 1 << 20
#: A piece longer than this is not held in memory: it is reported too large (R004) unparsed.
PIECE_LIMIT = 256 << 20
_ARRAY = re.compile(rb'"messages"[ \t\r\n]*:[ \t\r\n]*\[([ \t\r]*\n[ \t]*)\{')


class Layout(NamedTuple):
    """Where the first message starts, and the bytes between two messages."""

    first: int
    separator: bytes


class Piece(NamedTuple):
    """Bytes between two separators: ``data`` is ``{...}`` (one message, normally); the last
    piece runs to the end of the file (the last message, ``]`` and the rest of the root).
    ``data`` is empty when the piece was longer than :data:`PIECE_LIMIT` (``size`` says how
    long)."""

    start: int
    data: bytes
    size: int
    last: bool


def find_layout(fileobj: IO[bytes], start: int) -> Layout | None:
    """The layout of a single-chat export whose messages start on lines of their own, or None
    (the caller then reads the file with ijson). The bytes before ``"messages"`` must complete
    a JSON object on their own: the array is a key of the root, not of something nested. The
    first piece must be JSON ending at a separator in the first MiB."""
    fileobj.seek(start)
    head = fileobj.read(_HEAD)
    m = _ARRAY.search(head)
    if m is None:
        return None
    try:
        root = orjson.loads(head[: m.start()] + b'"messages":[]}')
    except orjson.JSONDecodeError:
        return None
    if not isinstance(root, dict):
        return None
    separator = b"}," + m.group(1) + b"{"
    # A separator must end the first piece within the head, and the piece must be JSON: a
    # file laid out otherwise (a separator before the comma, one long line) is left to ijson
    # rather than cut into a piece as long as the file.
    first = m.end() - 1
    end = head.find(separator, first)
    if end < 0:
        return None
    try:
        orjson.loads(b"[" + head[first : end + 1] + b"]")
    except orjson.JSONDecodeError:
        return None
    return Layout(start + first, separator)


def pieces(fileobj: IO[bytes], layout: Layout, limit: int = PIECE_LIMIT) -> Iterator[Piece]:
    """Cut the messages array at ``layout.separator``, in file order."""
    sep = layout.separator
    n = len(sep)
    fileobj.seek(layout.first)
    buf = bytearray()
    base = layout.first  # file offset of buf[0]
    scan = 0  # where the next search for a separator starts in buf
    skipped = 0  # bytes of an oversize piece dropped from buf
    while True:
        block = fileobj.read(_BLOCK)
        if not block:
            if skipped:
                yield Piece(base - skipped, b"", skipped + len(buf), True)
            else:
                yield Piece(base, bytes(buf), len(buf), True)
            return
        buf += block
        pos = 0
        while (i := buf.find(sep, max(pos, scan))) >= 0:
            end = i + 1  # the message's closing brace is the separator's first byte
            if skipped:
                yield Piece(base - skipped, b"", skipped + end, False)
                skipped = 0
            else:
                yield Piece(base + pos, bytes(memoryview(buf)[pos:end]), end - pos, False)
            pos = i + n - 1  # the next message's opening brace
        if pos:
            del buf[:pos]
            base += pos
        scan = max(0, len(buf) - n + 1)
        if skipped + len(buf) > limit and len(buf) >= n:
            # Too long to hold: keep only what may begin a separator.
            keep = n - 1
            skipped += len(buf) - keep
            base += len(buf) - keep
            del buf[: len(buf) - keep]
            scan = 0


class ReadCursor:
    """Replays the reads of the streamed reader (``GrowingReader`` over 16 KiB windows) to
    give a message the byte offset that reader reported: the end of the read in which the
    message's last byte arrived."""

    def __init__(self, path: str, start: int, window: int) -> None:
        self._file = open(path, "rb")  # noqa: SIM115 - closed by close()
        self._file.seek(start)
        self._reader = GrowingReader(self._file, window)
        self.offset = start

    def at(self, end: int) -> int:
        """The offset reported for a message whose bytes end before ``end``."""
        while self.offset < end:
            data = self._reader.read(1)
            if not data:
                break
            self.offset += len(data)
        return self.offset

    def close(self) -> None:
        self._file.close()


def walk_piece(data: bytes, last: bool, max_depth: int) -> Iterator[Any]:
    """The elements of a piece as the event walk builds them (``TooDeep`` for one nested
    past ``max_depth``); raises ``ijson.JSONError`` (or ``UnicodeDecodeError``) where the
    bytes break, after yielding every element before."""
    from propwatch.ingest.telegram_walk import Item, walk

    doc = b'{"messages": [' + data + (b"" if last else b"]}")
    for event in walk(io.BytesIO(doc), max_depth=max_depth):
        if isinstance(event, Item):
            yield event.value


def parse_object(data: bytes) -> dict[str, Any] | None:
    """``data`` as one JSON object, or None if orjson does not read it as one."""
    try:
        value = orjson.loads(data)
    except orjson.JSONDecodeError:
        return None
    return value if type(value) is dict else None


_TAIL_END = re.compile(rb"\}[ \t\r\n]*\]")


def split_tail(data: bytes) -> tuple[dict[str, Any], bool] | None:
    """The last message of the array and whether the rest of the root after it is sound; None
    when the last piece is not one object followed by ``]`` (the event walk reads it)."""
    for m in _TAIL_END.finditer(data):
        value = parse_object(data[: m.start() + 1])
        if value is not None:
            try:
                orjson.loads(b'{"messages":[]' + data[m.end() :])
            except orjson.JSONDecodeError:
                return value, False
            return value, True
    return None


#: Numbers the streamed reader (yajl) refuses as damage and orjson takes (integers of 19
#: digits or more, exponents of three digits); also matches such digits inside strings,
#: which then only cost the slower parse.
BEYOND_IJSON = re.compile(rb"\d{19}|[eE][+-]?\d{3}")

#: The errors :func:`walk_piece` raises on damage.
JSON_ERRORS = (ijson.JSONError, UnicodeDecodeError)
