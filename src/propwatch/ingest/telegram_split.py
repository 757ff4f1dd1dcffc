"""The fast pass over a single-chat export: cut it between messages, parse only what is kept.

Telegram Desktop writes its export indented: every element of ``messages`` starts on a line of
its own at one indentation (``\n  {``), and everything inside an element is indented deeper.
In JSON a raw line break can only be whitespace between tokens (inside a string it is written
``\n``), so in a file laid out this way a line at that indentation that does not start with
a closing bracket starts an element. This pass reads the file in 1 MiB blocks, finds those
lines with one regular-expression scan in C, and parses each piece with orjson. A message
``keep`` refuses (another stripe's, :mod:`propwatch.striped`) is counted, not parsed: with
striped reading each worker used to parse every message of the export with ijson and map only
its own.

The cut is checked, never trusted: a piece is taken only if it parses as one JSON value followed
by the comma between elements (pieces that are each one complete value joined by commas are
exactly the array's elements); after the last element the rest of the file must close the root
object. What orjson refuses (a lone surrogate escape, nesting past its limit) is parsed by ijson
on that piece alone, as the event parser would read it. Whatever still does not check out (a
file laid out otherwise, a piece over :data:`MAX_PIECE`, damage, a cut inside a message) ends
this pass at that element, and :mod:`propwatch.ingest.telegram_json` reads on from there with
its event parser, which reports damage as it always has.

Every decision but one is taken on bytes every stripe reads alike. The exception is a piece
``keep`` accepted that failed to parse: only that stripe knows, so it is returned as
:class:`Resume` with ``owned=True`` and striped reading stops trusting the other stripes' cuts
after it (:mod:`propwatch.striped`).

One reading differs from ijson's: an integer beyond 64 bits, which ijson's C backend reports as
damage (the rest of the file is then not read), is read by orjson as a float, and the message
and the file go on.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import IO, Any

import ijson
import orjson

from propwatch.ingest.base import ReadResult
from propwatch.ingest.telegram_map import ChatContext, map_message
from propwatch.model import Rejected

__all__ = ["MAX_OPENS", "MAX_PIECE", "Resume", "split_messages"]

#: Bytes read at a time.
_BLOCK = 1 << 20
#: Bytes without a message start after which this pass gives way to the event parser (a
#: compact export on one line, or one enormous message: the event parser streams those).
MAX_PIECE = 64 << 20
#: ``[`` and ``{`` in a piece orjson refused past which ijson is not tried on it either (its
#: memory grows with the square of the depth; the event walk bounds it).
MAX_OPENS = 3000
#: Bytes of the file's head searched for the messages key.
_HEAD = 1 << 16
_MESSAGES = re.compile(rb'"messages"\s*:\s*\[')
_SPACE = b" \t\r\n"


@dataclass(frozen=True, slots=True)
class Resume:
    """Where the event parser takes over: message ``index``; ``owned`` when the reason is a
    message only this reader parsed (see the module's note)."""

    index: int
    owned: bool = False


def _array_start(fileobj: IO[bytes], start: int) -> tuple[int, re.Pattern[bytes]] | None:
    """Offset of the line break before the first message and the pattern of the line start
    that marks every message (a line break, the first message's indentation, then anything
    but more space or a closing bracket), or None when the layout is not one to cut."""
    fileobj.seek(start)
    head = fileobj.read(_HEAD)
    found = _MESSAGES.search(head)
    if found is None:
        return None
    before = head[: found.start()].rstrip(_SPACE)
    # The match is the root's own "messages" key only if what precedes it is a complete
    # object prefix (not, say, a channel name holding those characters).
    try:
        root = orjson.loads(before.removesuffix(b",") + b"}")
    except orjson.JSONDecodeError:
        return None
    if type(root) is not dict or "messages" in root:
        return None
    gap_end = found.end()
    while gap_end < len(head) and head[gap_end] in _SPACE:
        gap_end += 1
    gap = head[found.end() : gap_end]
    if gap_end >= len(head) or head[gap_end : gap_end + 1] != b"{" or b"\n" not in gap:
        return None
    indent = gap[gap.rindex(b"\n") + 1 :]
    marker = re.compile(b"\n" + re.escape(indent) + rb"[^\s}\]]")
    return start + found.end() + gap.rindex(b"\n"), marker


_FAILED = object()


def _parse(piece: bytes) -> Any:
    """The one JSON value ``piece`` holds, or ``_FAILED``. orjson first; what it refuses
    (a lone surrogate escape, nesting past its limit) is parsed by ijson as the event parser
    would, so that both passes read a message alike."""
    try:
        return orjson.loads(piece)
    except orjson.JSONDecodeError:
        pass
    if piece.count(b"[") + piece.count(b"{") > MAX_OPENS:
        return _FAILED
    try:
        values = list(ijson.items(io.BytesIO(b"[" + piece + b"]"), "item", use_float=True))
    except (ijson.JSONError, UnicodeDecodeError):
        return _FAILED
    return values[0] if len(values) == 1 else _FAILED


def _last_message(rest: bytes) -> tuple[object, bytes] | None:
    """The last message and what follows the array, when ``rest`` is ``{...} ] ...``."""
    at = rest.find(b"]")
    while at >= 0:
        head = rest[:at].rstrip(_SPACE)
        if head.endswith(b"}"):
            try:
                return orjson.loads(head), rest[at + 1 :]
            except orjson.JSONDecodeError:
                pass
        at = rest.find(b"]", at + 1)
    return None


def _closes_root(tail: bytes) -> bool:
    """Whether ``tail`` (after the array) validly ends the root object, with no second
    ``messages`` key (the event parser would read that one too)."""
    try:
        root = orjson.loads(b'{"":[]' + tail)
    except orjson.JSONDecodeError:
        return False
    return type(root) is dict and "messages" not in root


def split_messages(
    fileobj: IO[bytes],
    start: int,
    ctx: ChatContext,
    keep: Callable[[int], bool] | None,
    skipped: Rejected,
) -> Generator[ReadResult, None, Resume | None]:
    """Yield the messages of a single-chat export; return None when the whole file was read
    and checked, else where the event parser must take over (no message yielded twice).

    ``keep`` as in :func:`propwatch.ingest.telegram_json.read_telegram_json`; a refused message
    is yielded as ``skipped``.
    """
    found = _array_start(fileobj, start)
    if found is None:
        return Resume(0)
    offset, marker = found
    fileobj.seek(offset)
    buf = fileobj.read(_BLOCK)
    base = offset  # file offset of buf[0]
    at = 0  # the current message's line break in buf
    index = 0
    search = 1
    eof = False
    while True:
        hit = marker.search(buf, search)
        if hit is None:
            if eof:
                break
            if len(buf) - at > MAX_PIECE:
                return Resume(index)
            block = fileobj.read(_BLOCK)
            eof = not block
            # A marker cut by the block's end is searched for again.
            search = max(at + 1, len(buf) - len(marker.pattern)) - at
            buf = buf[at:] + block
            base += at
            at = 0
            continue
        nxt = hit.start()
        if keep is None or keep(index):
            piece = buf[at + 1 : nxt].rstrip(_SPACE)
            msg = _parse(piece[:-1]) if piece.endswith(b",") else _FAILED
            if msg is _FAILED:
                return Resume(index, owned=keep is not None)
            yield map_message(msg, ctx, f"messages[{index}] (byte ~{base + nxt})")
        else:
            yield skipped
        index += 1
        at = nxt
        search = nxt + 1
    last = _last_message(buf[at + 1 :])
    if last is None or not _closes_root(last[1]):
        return Resume(index)
    if keep is None or keep(index):
        yield map_message(last[0], ctx, f"messages[{index}] (byte ~{base + len(buf)})")
    else:
        yield skipped
    return None
