"""CSV and TSV files with a header row.

The delimiter (``,``, ``;`` or tab) is sniffed from the first 64 KB; the encoding comes from
:mod:`propwatch.ingest.textio` (so Excel's cp1251 exports and UTF-16 "Unicode text" files read
correctly). Columns map to fields exactly as for JSON Lines
(:data:`~propwatch.ingest.fieldmap.FIELD_DEFAULTS`, ``options.column_map``). Positions are
spreadsheet rows: the header is ``row 1``, the first record ``row 2``; a quoted field spanning
several lines is still one row.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from propwatch.errors import REJECT_CODES, InputDamaged, UnsupportedFormat, UsageError
from propwatch.ingest.base import MAX_EXCERPT_CHARS, ReaderOptions, ReadResult
from propwatch.ingest.fieldmap import RecordError, record_to_item, resolve_columns
from propwatch.ingest.textio import Line, detect_encoding, iter_lines
from propwatch.model import Rejected

__all__ = ["DELIMITERS", "read_csv", "sniff_delimiter"]

#: Delimiters the sniffer chooses between, in order of preference on a tie.
DELIMITERS = (",", ";", "\t")

_SNIFF_CHARS = 64 * 1024
_SNIFF_ROWS = 50


def sniff_delimiter(sample: str) -> str | None:
    """Pick the delimiter that splits the sample's rows into the same number (>1) of fields.

    The last line is ignored when ``sample`` may be cut. Returns None when no delimiter gives a
    consistent table (prose, a single column).
    """
    lines = sample.splitlines(keepends=True)
    if len(lines) > 1 and not lines[-1].endswith(("\n", "\r")):
        lines = lines[:-1]
    lines = [line for line in lines[: _SNIFF_ROWS + 1] if line.strip()]
    best: tuple[int, str] | None = None
    for delimiter in DELIMITERS:
        try:
            widths = [len(row) for row in csv.reader(lines, delimiter=delimiter) if row]
        except csv.Error:
            continue
        if not widths or widths[0] < 2:
            continue
        consistent = sum(1 for w in widths if w == widths[0]) / len(widths)
        if consistent >= 0.9 and (best is None or widths[0] > best[0]):
            best = (widths[0], delimiter)
    return best[1] if best else None


def _fallback_delimiter(header_line: str) -> str:
    return max(DELIMITERS, key=lambda d: (header_line.count(d), -DELIMITERS.index(d)))


def _reject(path: Path, position: str, code: str, reason: str, excerpt: str) -> Rejected:
    return Rejected(
        source=str(path),
        source_format="csv",
        position=position,
        code=code,
        reason=reason,
        raw_excerpt=excerpt[:MAX_EXCERPT_CHARS],
    )


def _sample(path: Path, options: ReaderOptions, encoding: str) -> str:
    parts: list[str] = []
    size = 0
    for line in iter_lines(path, options, encoding):
        if line.problem is not None:
            break
        parts.append(line.text)
        size += len(line.text)
        if size > _SNIFF_CHARS or len(parts) > _SNIFF_ROWS:
            break
    return "".join(parts)


def _header(path: Path, row: list[str] | None, options: ReaderOptions) -> list[str]:
    if not row or not any(cell.strip() for cell in row):
        raise UnsupportedFormat("CSV file without a header row", source=str(path))
    header = [cell.strip().lstrip("\ufeff") for cell in row]
    for field, column in options.column_map.items():
        if column not in header:
            raise UsageError(
                f"column {column!r} (mapped to {field}) is not in the header of {path}: "
                + ", ".join(header)
            )
    return header


def read_csv(path: Path, options: ReaderOptions) -> Iterator[ReadResult]:
    """Read a delimited file row by row; a malformed row is rejected (``R007``) and skipped."""
    encoding = detect_encoding(path, options.encoding)
    csv.field_size_limit(max(csv.field_size_limit(), options.max_item_bytes))
    sample = _sample(path, options, encoding)
    delimiter = sniff_delimiter(sample) or _fallback_delimiter(sample.partition("\n")[0])
    problems: list[Line] = []

    def text_lines() -> Iterator[str]:
        for line in iter_lines(path, options, encoding):
            if line.problem is not None:
                problems.append(line)
                if line.problem == "R008":
                    return
                continue
            yield line.text

    reader = csv.reader(text_lines(), delimiter=delimiter)
    header = _header(path, next(reader, None), options)
    columns = resolve_columns(header, options.column_map)
    if columns["text"] is None:
        raise UnsupportedFormat(
            "no text column found (looked for text, message, content, body); header: "
            + ", ".join(header),
            source=str(path),
            hint="Name the text column with --map text=NAME.",
        )
    row_number = 1
    while True:
        try:
            row = next(reader)
            error: str | None = None
        except StopIteration:
            break
        except csv.Error as exc:
            row, error = [], str(exc)
        row_number += 1
        position = f"row {row_number}"
        for line in problems:
            if line.problem == "R008":
                break
            reason = REJECT_CODES[line.problem or "R007"]
            yield _reject(path, f"line {line.number}", line.problem or "R007", reason, line.excerpt)
        damage = [line for line in problems if line.problem == "R008"]
        problems.clear()
        if error is not None:
            code = "R004" if "field limit" in error else "R007"
            yield _reject(path, position, code, f"CSV error: {error}", "")
        elif row and any(cell.strip() for cell in row):
            yield _row_result(path, position, header, columns, row, options)
        if damage:
            yield _reject(path, position, "R008", damage[0].excerpt, "")
            raise InputDamaged(damage[0].excerpt, source=str(path), position=position)
    for line in problems:
        if line.problem == "R008":
            yield _reject(path, f"line {line.number}", "R008", line.excerpt, "")
            raise InputDamaged(line.excerpt, source=str(path), position=f"line {line.number}")
        reason = REJECT_CODES[line.problem or "R007"]
        yield _reject(path, f"line {line.number}", line.problem or "R007", reason, line.excerpt)


def _row_result(
    path: Path,
    position: str,
    header: list[str],
    columns: dict[str, str | None],
    row: list[str],
    options: ReaderOptions,
) -> ReadResult:
    excerpt = "\t".join(row)
    extra = row[len(header) :]
    if len(row) < len(header) or any(cell.strip() for cell in extra):
        reason = f"{len(row)} fields where the header has {len(header)}"
        return _reject(path, position, "R007", reason, excerpt)
    record = dict(zip(header, row, strict=False))
    try:
        return record_to_item(
            record,
            columns,
            path=path,
            source_format="csv",
            position=position,
            options=options,
            raw=record,
        )
    except RecordError as exc:
        return _reject(path, position, exc.code, exc.reason, excerpt)
