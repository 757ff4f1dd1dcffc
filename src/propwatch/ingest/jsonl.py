"""JSON Lines (one object per line) and JSON arrays of objects.

Fields map as described in :mod:`propwatch.ingest.fieldmap` (ids, content ids, dates). A JSON
array is streamed with ijson's event parser and rebuilt one element at a time, with nesting
limited to :data:`MAX_DEPTH` (deeper elements are rejected with ``R005``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

import ijson

from propwatch.errors import REJECT_CODES, InputDamaged
from propwatch.ingest.base import MAX_EXCERPT_CHARS, ReaderOptions, ReadResult
from propwatch.ingest.fieldmap import RecordError, record_to_item, resolve_columns
from propwatch.ingest.textio import decode_head, detect_encoding, iter_lines
from propwatch.model import Rejected

__all__ = ["MAX_DEPTH", "read_json_array", "read_jsonl"]

#: Deepest nesting accepted inside one element of a JSON array.
MAX_DEPTH = 200


def _reject(path: Path, fmt: str, position: str, code: str, reason: str, excerpt: str) -> Rejected:
    return Rejected(
        source=str(path),
        source_format=fmt,
        position=position,
        code=code,
        reason=reason,
        raw_excerpt=excerpt[:MAX_EXCERPT_CHARS],
    )


def _object_to_result(
    obj: Any, path: Path, fmt: str, position: str, options: ReaderOptions, excerpt: str
) -> ReadResult:
    if not isinstance(obj, dict):
        return _reject(path, fmt, position, "R009", f"a JSON {type(obj).__name__}", excerpt)
    columns = resolve_columns(obj.keys(), options.column_map)
    try:
        return record_to_item(
            obj, columns, path=path, source_format=fmt, position=position, options=options, raw=obj
        )
    except RecordError as exc:
        return _reject(path, fmt, position, exc.code, exc.reason, excerpt)


class _Utf8Reader:
    """Bytes view of a text file for ijson: any input encoding is fed to it as UTF-8."""

    def __init__(self, text: TextIO) -> None:
        self._text = text
        self._size = 64 * 1024

    def read(self, size: int = -1) -> bytes:
        if size == 0:
            return b""
        data = self._text.read(self._size).encode("utf-8", "surrogatepass")
        # Inside one long string (no quote in the chunk) read more at once: ijson re-scans a
        # token that spans reads, so small reads make long strings quadratic (see growing.py).
        self._size = min(self._size * 2, 8 << 20) if data and b'"' not in data else 64 * 1024
        return data


def _starts_with_array(path: Path) -> bool:
    with path.open("rb") as f:
        head = decode_head(f.read(4096)) or ""
    return head.lstrip("\ufeff \t\r\n").startswith("[")


def read_jsonl(path: Path, options: ReaderOptions) -> Iterator[ReadResult]:
    """Read JSON Lines; a file starting with ``[`` is read as a JSON array instead.

    Positions are ``line N`` (1-based). A last line that is cut off (no newline, not JSON)
    is damage: ``R008`` then :class:`InputDamaged`.
    """
    encoding = detect_encoding(path, options.encoding)
    if _starts_with_array(path):
        yield from read_json_array(path, options)
        return
    for line in iter_lines(path, options, encoding):
        position = f"line {line.number}"
        if line.problem == "R008":
            yield _reject(path, "jsonl", position, "R008", line.excerpt, "")
            raise InputDamaged(line.excerpt, source=str(path), position=position)
        if line.problem is not None:
            yield _reject(
                path, "jsonl", position, line.problem, REJECT_CODES[line.problem], line.excerpt
            )
            continue
        stripped = line.text.strip()
        if not stripped:
            continue
        try:
            obj = json.loads(stripped)
        except RecursionError:
            yield _reject(path, "jsonl", position, "R005", REJECT_CODES["R005"], stripped)
            continue
        except json.JSONDecodeError as exc:
            if not line.text.endswith("\n"):
                reason = f"file ends inside a JSON line ({exc.msg})"
                yield _reject(path, "jsonl", position, "R008", reason, stripped)
                raise InputDamaged(reason, source=str(path), position=position) from None
            reason = f"not JSON: {exc.msg} at column {exc.colno}"
            yield _reject(path, "jsonl", position, "R007", reason, stripped)
            continue
        yield _object_to_result(obj, path, "jsonl", position, options, stripped)


class _TooDeep:
    """Stands in for an array element nested deeper than :data:`MAX_DEPTH`."""


def _elements(events: Iterator[tuple[str, Any]]) -> Iterator[Any]:
    """Rebuild the elements of a top-level JSON array from ijson ``basic_parse`` events."""
    first = next(events, None)
    if first is None or first[0] != "start_array":
        raise ijson.JSONError("the file is not a JSON array")
    stack: list[Any] = []
    keys: list[Any] = []
    skip = 0
    for event, value in events:
        if skip:
            skip += event in ("start_map", "start_array")
            skip -= event in ("end_map", "end_array")
            if not skip:
                yield _TooDeep()
            continue
        if event in ("start_map", "start_array"):
            if len(stack) >= MAX_DEPTH:
                skip, stack, keys = len(stack) + 1, [], []
                continue
            value = {} if event == "start_map" else []
        elif event == "map_key":
            keys[-1] = value
            continue
        elif event in ("end_map", "end_array"):
            if not stack:  # end of the top-level array: nothing may follow
                for _ in events:
                    raise ijson.JSONError("data after the end of the JSON array")
                return
            value = stack.pop()
            keys.pop()
            if not stack:
                yield value
            continue
        if stack:
            parent = stack[-1]
            if isinstance(parent, dict):
                parent[keys[-1]] = value
            else:
                parent.append(value)
        elif not isinstance(value, dict | list):
            yield value
        if isinstance(value, dict | list):
            stack.append(value)
            keys.append(None)


def read_json_array(path: Path, options: ReaderOptions) -> Iterator[ReadResult]:
    """Stream a JSON array of objects; positions are ``item N`` (1-based).

    Each element is built whole, so memory is bounded by the largest element, not the file.
    A truncated or corrupt array yields every element before the damage, then ``R008`` and
    :class:`InputDamaged`.
    """
    encoding = detect_encoding(path, options.encoding)
    number = 0
    with path.open("r", encoding=encoding, errors="strict", newline="") as text:
        try:
            events = ijson.basic_parse(_Utf8Reader(text), use_float=True)
            for number, obj in enumerate(_elements(events), start=1):
                position = f"item {number}"
                if isinstance(obj, _TooDeep):
                    yield _reject(path, "jsonl", position, "R005", REJECT_CODES["R005"], "")
                    continue
                excerpt = json.dumps(obj, ensure_ascii=False, default=str)[:MAX_EXCERPT_CHARS]
                yield _object_to_result(obj, path, "jsonl", position, options, excerpt)
        except (ijson.JSONError, UnicodeDecodeError) as exc:
            position = f"item {number + 1}"
            reason = f"JSON array breaks off: {exc}"[:500]
            yield _reject(path, "jsonl", position, "R008", reason, "")
            raise InputDamaged(reason, source=str(path), position=position) from None
