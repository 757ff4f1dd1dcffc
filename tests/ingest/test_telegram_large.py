"""Very long messages are read in linear time in both export layouts (regression: ijson
re-scans a token split across small reads, which made a 10 MB message take minutes)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from propwatch.ingest.base import ReaderOptions
from propwatch.ingest.telegram_json import read_telegram_json
from propwatch.model import RawItem


@pytest.mark.parametrize("layout", ["single", "full"])
@pytest.mark.parametrize("ascii_escaped", [True, False])
def test_ten_megabyte_cyrillic_message(tmp_path: Path, layout: str, ascii_escaped: bool) -> None:
    big = ("Хуросон " * 1_300_000)[:10_000_000]
    messages = [
        {"id": 1, "type": "message", "date_unixtime": "1700000000", "text": big},
        {"id": 2, "type": "message", "date_unixtime": "1700000001", "text": "after"},
    ]
    doc: dict[str, object] = {"name": "c", "type": "public_channel", "id": 5, "messages": messages}
    if layout == "full":
        doc = {"about": "", "chats": {"about": "", "list": [doc]}}
    path = tmp_path / "result.json"
    path.write_text(json.dumps(doc, ensure_ascii=ascii_escaped), encoding="utf-8")
    items = [r for r in read_telegram_json(path, ReaderOptions()) if isinstance(r, RawItem)]
    assert [len(i.text) for i in items] == [10_000_000, 5]
