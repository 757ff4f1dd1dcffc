"""``propwatch analyze PATH|-``: detections, stance, signals, entities, events and relations
for texts, with evidence.

Input: a text file (one item), a ``.jsonl`` file with ``text`` (and optional ``id`` and
``date``, the document date that resolves "on Wednesday" in events) per line, or ``-`` for
standard input (JSON Lines if every non-blank line is a JSON object with ``text``, otherwise
one item). ``--json`` prints NDJSON, one object per item, in input order. A line that cannot
be analyzed (not JSON, no ``text``) prints ``{"id", "line", "error": {"code", "message"}}``
in its place and the command exits 3; the other lines are still analyzed.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape

from propwatch.cli.common import echo_json, run_safely
from propwatch.errors import InputEncodingError, InputNotFound, UsageError

__all__ = ["analyze_command"]

BATCH = 256
MAX_ITEM_BYTES = 16 * 1024 * 1024


@dataclass(slots=True)
class _Item:
    id: Any
    text: str | None
    line: int | None = None
    error: str | None = None
    #: Document date (a JSONL ``date``), for "on Wednesday" and "yesterday" in events.
    date: date | None = None


def _doc_date(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _decode(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputEncodingError(
            f"invalid UTF-8 at byte {exc.start} ({exc.reason})",
            source=where,
            hint="Save the file as UTF-8, or ingest it with `propwatch ingest --encoding`.",
        ) from None


def _jsonl_item(raw: bytes, where: str, number: int) -> _Item:
    try:
        value = json.loads(_decode(raw, f"{where} line {number}"))
    except (ValueError, InputEncodingError) as exc:
        return _Item(None, None, number, f"{where} line {number}: not a JSON object ({exc})")
    if not isinstance(value, dict) or not isinstance(value.get("text"), str):
        return _Item(
            value.get("id") if isinstance(value, dict) else None, None, number,
            f"{where} line {number}: needs a \"text\" string",
        )
    return _Item(value.get("id", number), value["text"], number, date=_doc_date(value.get("date")))


def _looks_jsonl(data: bytes) -> bool:
    lines = [line for line in data.splitlines() if line.strip()]
    if not lines:
        return False
    for line in lines[:20]:
        try:
            value = json.loads(line)
        except ValueError:
            return False
        if not isinstance(value, dict) or "text" not in value:
            return False
    return True


def _items(path: str) -> Iterator[_Item]:
    if path == "-":
        data = sys.stdin.buffer.read()
        where = "<stdin>"
        jsonl = _looks_jsonl(data)
    else:
        file = Path(path)
        if not file.is_file():
            raise InputNotFound("no such file", source=path, hint="Give a text or .jsonl file.")
        if file.stat().st_size > MAX_ITEM_BYTES and file.suffix.lower() != ".jsonl":
            raise UsageError(
                f"{path}: {file.stat().st_size} bytes is too large for one item "
                f"(limit {MAX_ITEM_BYTES})",
                hint="Split it, or ingest it with `propwatch ingest` (documents are chunked).",
            )
        where = path
        if file.suffix.lower() in {".jsonl", ".ndjson"}:
            with file.open("rb") as handle:
                for number, raw in enumerate(handle, 1):
                    if raw.strip():
                        yield _jsonl_item(raw, where, number)
            return
        data = file.read_bytes()
        jsonl = False
    if jsonl:
        for number, raw in enumerate(data.splitlines(), 1):
            if raw.strip():
                yield _jsonl_item(raw, where, number)
    else:
        yield _Item(Path(path).name if path != "-" else 0, _decode(data, where))


def _batches(items: Iterator[_Item]) -> Iterator[list[_Item]]:
    batch: list[_Item] = []
    for item in items:
        batch.append(item)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _render(console: Console, text: str, result: dict[str, Any]) -> None:
    verdict = result["propaganda"]
    flag = "[bold red]PROPAGANDA[/]" if verdict["label"] else "[green]not propaganda[/]"
    console.print(
        f"[bold]{escape(str(result['id']))}[/]  {result['language']}/{result['script']}  "
        f"{flag} score {verdict['score']:.2f}  stance [bold]{result['stance']}[/]"
    )
    spans = sorted(
        {(e["start"], e["end"]) for d in result["detections"] for e in d["evidence"]}
        | {(e["start"], e["end"]) for e in result["stance_evidence"]}
    )
    shown, pos = [], 0
    for start, end in spans:
        if start < pos:
            continue
        shown.append(escape(text[pos:start]))
        shown.append(f"[reverse]{escape(text[start:end])}[/reverse]")
        pos = end
    shown.append(escape(text[pos:]))
    console.print("  " + "".join(shown)[:4000])
    for det in result["detections"]:
        ev = ", ".join(f"{e['text']!r}@{e['start']}" for e in det["evidence"][:5])
        comp = det["component"]
        console.print(
            f"  - {det['label']:28} {det['score']:.2f}  {comp['name']}@{comp['version']}  "
            f"{escape(ev)}"
        )
    for cue in result["stance_evidence"]:
        console.print(f"  ~ stance cue {escape(repr(cue['text']))}@{cue['start']}")
    for sig in result["signals"]:
        console.print(f"  * {sig['type']:16} {escape(sig['value'])}")
    for ent in result.get("entities", []):
        extra = " ".join(f"{k}={v}" for k, v in ent["attributes"].items() if k != "kind")
        console.print(
            f"  @ {ent['type']:14} {escape(ent['name'])}  ({escape(repr(ent['text']))}"
            f"@{ent['start']}) {escape(extra)}"
        )
    for ev in result.get("events", []):
        killed = ", ".join(f"{f['qualifier']} {f['value']}" for f in ev["killed"]) or "-"
        injured = ", ".join(f"{f['qualifier']} {f['value']}" for f in ev["injured"]) or "-"
        console.print(
            f"  ! {ev['type']} {ev['date'] or '?'} {escape(', '.join(ev['place']) or '?')}  "
            f"killed {killed}  injured {injured}  claimed by "
            f"{escape(', '.join(ev['claimed_by']) or '-')}"
        )
    for rel in result.get("relations", []):
        console.print(
            f"  > {escape(rel['source'])} --{rel['type']}--> {escape(rel['target'])}"
        )
    console.print()


@click.command("analyze")
@click.argument("path", metavar="PATH|-")
@click.option("--json", "as_json", is_flag=True, help="NDJSON, one object per item.")
@click.option(
    "--knowledge", "knowledge", multiple=True, metavar="DIR",
    help="Extra knowledge pack directory merged over the built-in one (repeatable).",
)
@click.option("--model", "model", metavar="DIR", help="A model made by `propwatch train`.")
@click.option("--no-model", is_flag=True, help="Lexicon, cues and signals only.")
@click.option("--no-extract", is_flag=True, help="Detection only: no entities, events, relations.")
def analyze_command(
    path: str, as_json: bool, knowledge: tuple[str, ...], model: str | None, no_model: bool,
    no_extract: bool,
) -> None:
    """Detect propaganda, narratives, stance and signals in a text or a .jsonl file.

    Exit codes: 0 every item analyzed, 3 some items could not be read (their error is printed
    in place), 1 failure, 2 usage error.
    """

    def body() -> int:
        from propwatch.detect.detector import Detector

        detector = Detector.from_options(knowledge, model, use_model=not no_model)
        extractor = None
        if not no_extract:
            from propwatch.extract.extractor import Extractor

            extractor = Extractor.from_options(knowledge)
        console = Console(highlight=False, soft_wrap=True)
        failed = 0
        for batch in _batches(_items(path)):
            good = [item for item in batch if item.text is not None]
            results = iter(
                detector.analyze([item.text or "" for item in good], [i.id for i in good])
            )
            for item in batch:
                if item.text is None:
                    failed += 1
                    error = {"code": "PW100", "message": item.error or "unreadable item"}
                    if as_json:
                        echo_json({"id": item.id, "line": item.line, "error": error})
                    else:
                        click.echo(f"error [{error['code']}] {error['message']}", err=True)
                    continue
                result = next(results)
                out = result.to_json()
                if extractor is not None:
                    found = extractor.extract(
                        item.text, out["language"], doc_date=item.date
                    )
                    out.update(found.to_json())
                if as_json:
                    echo_json(out)
                else:
                    _render(console, item.text, out)
        return 3 if failed else 0

    run_safely(body)
