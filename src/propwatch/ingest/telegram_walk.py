"""Event-level walk over a Telegram Desktop JSON export, with bounded memory and nesting.

Works on ``ijson.basic_parse`` events (which, unlike ``ijson.parse``/``ijson.items``, keep no
per-level prefix strings, so 100k nested arrays cost no memory) and tracks the path itself. It
understands both layouts:

* single chat: ``{"name", "type", "id", "messages": [...]}``
* full account: ``{"chats": {"list": [<chat>...]}, "left_chats": {"list": [...]}}``

and yields :class:`Meta` (a chat's ``name``/``type``/``id``, wherever it appears in the chat
object) and :class:`Item` (one element of a ``messages`` array: the built object, or
:class:`TooDeep` when it nests deeper than the limit, in which case the rest of it is skipped).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

import ijson

from propwatch.ingest.growing import GrowingReader

__all__ = ["META_KEYS", "SECTIONS", "Item", "Meta", "TooDeep", "walk"]

META_KEYS = frozenset(("name", "type", "id"))
SECTIONS = ("chats", "left_chats")
_STARTS = frozenset(("start_map", "start_array"))
_ENDS = frozenset(("end_map", "end_array"))


class TooDeep:
    """Marker for a message that nests deeper than the walk's limit."""

    def __init__(self) -> None:
        self.partial: Any = None


@dataclass(slots=True)
class Meta:
    """``chat`` (``""`` at the root, or ``"chats.list[3]"``) has ``key`` = ``value``."""

    chat: str
    key: str
    value: Any


@dataclass(slots=True)
class Item:
    """Element ``index`` of ``chat``'s messages array."""

    chat: str
    index: int
    value: Any


def _chat_of(stack: list[list[Any]]) -> str | None:
    """The chat a path is inside (``""`` = root chat), when the path is a chat's direct child."""
    if len(stack) == 1 and not stack[0][0]:
        return ""
    if (
        len(stack) == 4
        and not stack[0][0]
        and stack[0][1] in SECTIONS
        and stack[1][1] == "list"
        and stack[2][0]
        and not stack[3][0]
    ):
        return f"{stack[0][1]}.list[{stack[2][1]}]"
    return None


def _skip(events: Iterator[tuple[str, Any]]) -> None:
    """Consume events up to the end of a container whose start was just read."""
    depth = 1
    for event, _ in events:
        if event in _STARTS:
            depth += 1
        elif event in _ENDS:
            depth -= 1
            if depth == 0:
                return


def _build(first: str, events: Iterator[tuple[str, Any]], max_depth: int) -> Any:
    """Build the container whose ``first`` event was read; TooDeep past ``max_depth`` levels."""
    root: Any = {} if first == "start_map" else []
    stack: list[Any] = [root]
    keys: list[Any] = [None]
    for event, value in events:
        if event == "map_key":
            keys[-1] = value
            continue
        if event in _ENDS:
            stack.pop()
            keys.pop()
            if not stack:
                return root
            continue
        if event == "start_map":
            value = {}
        elif event == "start_array":
            value = []
        top = stack[-1]
        if type(top) is list:
            top.append(value)
        else:
            top[keys[-1]] = value
        if event in _STARTS:
            if len(stack) >= max_depth:
                _skip(events)
                for _ in stack:
                    _skip(events)
                marker = TooDeep()
                marker.partial = root
                return marker
            stack.append(value)
            keys.append(None)
    return root  # pragma: no cover - basic_parse raises on a premature end


def walk(
    fileobj: IO[bytes] | GrowingReader, *, max_depth: int, skip: int = 0, collect_only: bool = False
) -> Iterator[Meta | Item]:
    """Yield chat metadata and messages in file order.

    ``skip``: root-chat messages with a smaller index are skipped, not built (used to resume
    after a faster pass). ``collect_only``: skip every message (a metadata-only scan).
    Raises ``ijson.JSONError`` / ``UnicodeDecodeError`` on damage.
    """
    events: Iterator[tuple[str, Any]] = iter(ijson.basic_parse(fileobj, use_float=True))
    # One frame per open container: [is_array, current key or index].
    stack: list[list[Any]] = []
    for event, value in events:
        if event == "map_key":
            stack[-1][1] = value
            continue
        if event in _ENDS:
            stack.pop()
            continue
        if stack and stack[-1][0]:
            stack[-1][1] += 1
            if len(stack) >= 2 and stack[-2][1] == "messages" and not stack[-2][0]:
                chat = _chat_of(stack[:-1])
                if chat is not None:
                    index = stack[-1][1]
                    if collect_only or (chat == "" and index < skip):
                        if event in _STARTS:
                            _skip(events)
                        continue
                    if event in _STARTS:
                        value = _build(event, events, max_depth)
                    yield Item(chat, index, value)
                    continue
        elif stack and stack[-1][1] in META_KEYS and event not in _STARTS:
            chat = _chat_of(stack)
            if chat is not None:
                yield Meta(chat, stack[-1][1], value)
        if event == "start_map":
            stack.append([False, None])
        elif event == "start_array":
            stack.append([True, -1])
