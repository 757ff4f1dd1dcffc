"""What every reader is: a function from a path to a stream of items.

A reader yields :class:`RawItem` for each item it can parse and :class:`Rejected` for each
item it cannot (missing id, text of the wrong type, a date that does not parse, ...), then keeps
going. When the file itself is damaged (truncated JSON, a binary file) it first yields every item
before the damage, then a ``Rejected`` with code ``R008`` naming the position, then raises
:class:`propwatch.errors.InputDamaged`. Readers stream: memory stays flat in file size.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from propwatch.model import RawItem, Rejected

__all__ = ["MAX_ITEM_BYTES", "ReadResult", "Reader", "ReaderOptions"]

#: Items whose text is larger than this are rejected (R004) rather than stored.
MAX_ITEM_BYTES = 32 * 1024 * 1024

#: Raw excerpts kept on rejected records are cut to this many characters.
MAX_EXCERPT_CHARS = 4096

ReadResult = RawItem | Rejected


@dataclass(frozen=True, slots=True)
class ReaderOptions:
    """Options a user can set on the command line.

    ``column_map`` maps propwatch fields (``text``, ``id``, ``date``, ``channel``, ``author``,
    ``title``) to column / key names in CSV and JSONL input. ``encoding`` forces a text encoding
    (otherwise UTF-8 with BOM detection, then charset detection).
    ``channel`` overrides the channel key for formats that have none (text, articles, CSV).
    """

    column_map: dict[str, str] = field(default_factory=dict)
    encoding: str | None = None
    channel: str | None = None
    max_item_bytes: int = MAX_ITEM_BYTES


Reader = Callable[[Path, ReaderOptions], Iterator[ReadResult]]
