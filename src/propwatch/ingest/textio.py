"""Open input files as text: encoding detection and bounded, line-by-line decoding.

Detection order (:func:`detect_encoding`):

1. ``options.encoding`` if the user forced one (an unknown name is an ``InputEncodingError``);
2. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE);
3. strict UTF-8 on the first :data:`SNIFF_BYTES` bytes;
4. charset-normalizer on the same bytes (cp1251 Russian CSV from Excel, cp1256 Arabic, ...);
5. otherwise an :class:`~propwatch.errors.InputEncodingError` that names the file.

Detection sees only the head of a file, so bytes further on may still fail to decode: readers
built on :func:`iter_lines` get those as per-line problems (``R006``) for ASCII-compatible
encodings, or as damage (``R008``) for UTF-16/32 where a stream cannot resynchronise.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from charset_normalizer import from_bytes

from propwatch.errors import InputEncodingError
from propwatch.ingest.base import MAX_EXCERPT_CHARS, ReaderOptions

__all__ = [
    "SNIFF_BYTES",
    "Line",
    "decode_head",
    "detect_encoding",
    "is_ascii_compatible",
    "iter_lines",
    "open_text",
]

#: How many bytes encoding detection looks at.
SNIFF_BYTES = 1024 * 1024

_CHUNK = 64 * 1024

#: BOMs, longest first (the UTF-32 LE BOM starts with the UTF-16 LE one).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _bom_encoding(head: bytes) -> str | None:
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    return None


def _valid_utf8_prefix(head: bytes, complete: bool) -> bool:
    """True if ``head`` is UTF-8 (a character cut at the end is fine unless ``complete``)."""
    try:
        codecs.getincrementaldecoder("utf-8")("strict").decode(head, final=complete)
    except UnicodeDecodeError:
        return False
    return True


def _normalise(name: str, source: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise InputEncodingError(
            f"unknown encoding {name!r}", source=source, hint="Use a Python codec name."
        ) from None


def detect_encoding(path: Path, forced: str | None = None) -> str:
    """Return the Python codec name to read ``path`` with (see the module docstring)."""
    source = str(path)
    if forced:
        return _normalise(forced, source)
    with path.open("rb") as f:
        head = f.read(SNIFF_BYTES + 1)
    complete = len(head) <= SNIFF_BYTES
    head = head[:SNIFF_BYTES]
    bom = _bom_encoding(head)
    if bom is not None:
        return bom
    if _valid_utf8_prefix(head, complete):
        return "utf-8"
    if b"\x00" not in head:
        best = from_bytes(head).best()
        if best is not None and best.encoding:
            return _normalise(best.encoding, source)
    raise InputEncodingError(
        "cannot tell the text encoding (not UTF-8, no byte-order mark, no likely charset)",
        source=source,
    )


def decode_head(head: bytes) -> str | None:
    """Decode a sniffed head (no user override): BOM, UTF-8, charset-normalizer; None if binary."""
    bom = _bom_encoding(head)
    if bom is not None:
        return codecs.getincrementaldecoder(bom)("replace").decode(head, final=False)
    if b"\x00" in head:
        return None
    try:
        return codecs.getincrementaldecoder("utf-8")("strict").decode(head, final=False)
    except UnicodeDecodeError:
        pass
    best = from_bytes(head).best()
    return str(best) if best is not None else None


def is_ascii_compatible(encoding: str) -> bool:
    """True if ASCII bytes (and so ``\\n``) mean the same in ``encoding``: lines split on bytes."""
    name = codecs.lookup(encoding).name
    if name.startswith(("utf-16", "utf-32")):
        return False
    try:
        return '\n,;\t{}[]"az09'.encode(name) == b'\n,;\t{}[]"az09'
    except UnicodeEncodeError:
        return False


def open_text(path: Path, options: ReaderOptions, *, newline: str | None = "") -> TextIO:
    """Open ``path`` as strict text in the detected (or forced) encoding; caller closes it."""
    encoding = detect_encoding(path, options.encoding)
    return path.open("r", encoding=encoding, errors="strict", newline=newline)


@dataclass(frozen=True, slots=True)
class Line:
    """One physical line. ``problem`` is ``R004`` (too long), ``R006`` or ``R008`` (damage)."""

    number: int
    text: str
    problem: str | None = None
    excerpt: str = ""


def _excerpt(data: bytes, encoding: str) -> str:
    return data[: MAX_EXCERPT_CHARS * 4].decode(encoding, "replace")[:MAX_EXCERPT_CHARS]


def _binary_lines(path: Path, encoding: str, max_bytes: int) -> Iterator[Line]:
    codec = "utf-8" if encoding == "utf-8-sig" else encoding
    with path.open("rb") as f:
        if encoding == "utf-8-sig" and f.read(3) != codecs.BOM_UTF8:
            f.seek(0)
        number = 0
        while True:
            data = f.readline(max_bytes + 1)
            if not data:
                return
            number += 1
            if len(data) > max_bytes and not data.endswith(b"\n"):
                excerpt = _excerpt(data, codec)
                del data
                while (rest := f.readline(_CHUNK)) and not rest.endswith(b"\n"):
                    pass
                yield Line(number, "", "R004", excerpt)
                continue
            try:
                yield Line(number, data.decode(codec, "strict"))
            except UnicodeDecodeError as exc:
                yield Line(
                    number,
                    "",
                    "R006",
                    f"{exc.reason} at byte {exc.start}: " + _excerpt(data, codec),
                )


def _text_lines(path: Path, encoding: str, max_bytes: int) -> Iterator[Line]:
    max_chars = max(1, max_bytes // 2)  # UTF-16/32: at least 2 bytes per character
    with path.open("r", encoding=encoding, errors="strict", newline="") as f:
        number = 0
        while True:
            try:
                text = f.readline(max_chars + 1)
            except UnicodeDecodeError as exc:
                yield Line(number + 1, "", "R008", f"undecodable {encoding} bytes: {exc.reason}")
                return
            if not text:
                return
            number += 1
            if len(text) > max_chars and not text.endswith("\n"):
                excerpt = text[:MAX_EXCERPT_CHARS]
                del text
                try:
                    while (rest := f.readline(_CHUNK)) and not rest.endswith("\n"):
                        pass
                except UnicodeDecodeError as exc:
                    yield Line(number, "", "R008", f"undecodable {encoding} bytes: {exc.reason}")
                    return
                yield Line(number, "", "R004", excerpt)
                continue
            yield Line(number, text)


def iter_lines(path: Path, options: ReaderOptions, encoding: str | None = None) -> Iterator[Line]:
    """Yield the lines of ``path`` (line endings kept), never holding more than one in memory.

    Lines longer than ``options.max_item_bytes`` come back empty with problem ``R004`` and are
    skipped without being read into memory whole.
    """
    enc = encoding or detect_encoding(path, options.encoding)
    if is_ascii_compatible(enc):
        yield from _binary_lines(path, enc, options.max_item_bytes)
    else:
        yield from _text_lines(path, enc, options.max_item_bytes)
