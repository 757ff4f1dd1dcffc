"""A file wrapper that reads bigger chunks while the parser is inside one long string.

ijson's C backend re-scans a token that spans several reads, so a string of n bytes read in
chunks of k bytes costs O(n²/k): a 10 MB message read 16 KB at a time takes minutes. A chunk
with no ``"`` byte lies wholly inside one string, so this wrapper doubles the next read (up to
``max_size``) after such a chunk and returns to ``size`` after any chunk holding a quote.
Memory stays bounded by ``max_size``; ordinary files are read exactly as before.
"""

from __future__ import annotations

from typing import IO

__all__ = ["GrowingReader"]


class GrowingReader:
    def __init__(self, fileobj: IO[bytes], size: int = 64 * 1024, max_size: int = 8 << 20) -> None:
        self._file = fileobj
        self._base = size
        self._size = size
        self._max = max_size

    def next_size(self, data: bytes) -> None:
        """Adapt the next read size to the chunk just read."""
        if data and b'"' not in data:
            self._size = min(self._size * 2, self._max)
        else:
            self._size = self._base

    def read(self, size: int = -1) -> bytes:
        if size == 0:  # ijson probes the type of read(0)
            return b""
        data = self._file.read(self._size)
        self.next_size(data)
        return data

    def tell(self) -> int:
        return self._file.tell()

    @property
    def name(self) -> str:
        return str(getattr(self._file, "name", ""))
