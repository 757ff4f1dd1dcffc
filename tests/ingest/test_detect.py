"""Format detection from content, the reader registry and folder discovery."""

from __future__ import annotations

import importlib.util
import json
import sys
import types
from pathlib import Path

import pytest

from propwatch.errors import InputNotFound, UnsupportedFormat
from propwatch.ingest.base import ReaderOptions
from propwatch.ingest.detect import FORMATS, READERS, detect_format, discover
from propwatch.model import RawItem

FIXTURES = Path(__file__).parent.parent / "fixtures" / "docs"

TELEGRAM_JSON = {
    "name": "Example Channel",
    "type": "public_channel",
    "id": 1234567890,
    "messages": [
        {
            "id": 1,
            "type": "message",
            "date": "2024-01-03T10:00:00",
            "date_unixtime": "1704276000",
            "from": "Example Channel",
            "from_id": "channel1234567890",
            "text": "Statement published by the outlet.",
            "text_entities": [{"type": "plain", "text": "Statement published by the outlet."}],
        }
    ],
}

TELEGRAM_HTML = """<!DOCTYPE html>
<html>
 <head>
  <meta charset="utf-8"/>
<title>Exported Data</title>
  <link href="css/style.css" rel="stylesheet"/>
  <script src="js/script.js" type="text/javascript"></script>
 </head>
 <body onload="CheckLocation();">
  <div class="page_wrap">
   <div class="page_header"><div class="content"><div class="text bold">
Example Channel
   </div></div></div>
   <div class="page_body chat_page">
    <div class="history">
     <div class="message service" id="message-1"><div class="body details">
3 January 2024
     </div></div>
     <div class="message default clearfix" id="message2">
      <div class="body">
       <div class="pull_right date details" title="03.01.2024 10:00:00 UTC+03:00">10:00</div>
       <div class="from_name">Example Channel</div>
       <div class="text">Statement published by the outlet.</div>
      </div>
     </div>
    </div>
   </div>
  </div>
 </body>
</html>
"""


@pytest.fixture(autouse=True)
def telegram_probes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stand-ins for Telegram modules another engineer has not written yet (tests only)."""
    probes = {
        "telegram_json": lambda head: b'"messages"' in head and b'"type"' in head,
        "telegram_html": lambda head: b'class="page_wrap"' in head and b'class="history"' in head,
    }
    for name, probe in probes.items():
        module_name = f"propwatch.ingest.{name}"
        if importlib.util.find_spec(module_name) is None:
            stub = types.ModuleType(module_name)
            setattr(stub, f"looks_like_{name}", probe)
            monkeypatch.setitem(sys.modules, module_name, stub)


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


JSONL = '{"id": 1, "text": "Statement by the outlet."}\n{"id": 2, "text": "Weather report."}\n'


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("result.json", json.dumps(TELEGRAM_JSON, indent=1), "telegram_json"),
        ("renamed.txt", json.dumps(TELEGRAM_JSON, indent=1), "telegram_json"),
        ("messages.html", TELEGRAM_HTML, "telegram_html"),
        ("posts.jsonl", JSONL, "jsonl"),
        ("posts.json", JSONL, "jsonl"),
        ("no_extension", JSONL, "jsonl"),
        ("array.json", json.dumps([{"id": 1, "text": "a"}], indent=2), "jsonl"),
        ("table.csv", "id,text\n1,hello\n", "csv"),
        ("single_column.csv", "text\nhello\nworld\n", "csv"),
        ("export.dat", "id;date;text\n1;2024-01-03;a, b\n2;2024-01-04;c\n", "csv"),
        ("export.tsv", "id\ttext\n1\tVilояти\n", "csv"),
        ("prose.txt", "id,text\n1,hello\n", "text"),  # a .txt with commas stays text
        ("prose", "The outlet, a known channel, posted again.\nNo table here, really.\n", "text"),
        ("report.md", "# Report\n\nThe group claimed the attack.\n", "text"),
        (
            "article.htm",
            "<html><head><title>T</title></head><body><p>x</p></body></html>",
            "html_article",
        ),
        ("page", "<!doctype html><html><body><p>News</p></body></html>", "html_article"),
    ],
)
def test_detect_format(tmp_path: Path, name: str, content: str, expected: str) -> None:
    assert detect_format(write(tmp_path / name, content)) == expected


def test_detect_fixtures() -> None:
    assert detect_format(FIXTURES / "article.html") == "html_article"
    assert detect_format(FIXTURES / "posts.jsonl") == "jsonl"
    assert detect_format(FIXTURES / "statement.txt") == "text"
    assert detect_format(FIXTURES / "posts_cp1251.csv") == "csv"


def test_utf16_csv_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "excel.txt"
    path.write_text("id\tmessage\n1\tВилояти Хуросон\n", encoding="utf-16")
    assert detect_format(path) == "text"  # .txt: content is read as text, never refused
    path = path.rename(tmp_path / "excel.csv")
    assert detect_format(path) == "csv"


@pytest.mark.parametrize(
    "content",
    [
        bytes(range(256)) * 10,  # NUL bytes and noise
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 32,
    ],
)
def test_binary_file_renamed_json_is_refused(tmp_path: Path, content: bytes) -> None:
    path = write(tmp_path / "result.json", content)
    with pytest.raises(UnsupportedFormat, match="binary file") as info:
        detect_format(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize(("content", "words"), [(b"", "empty file"), (b" \n\t\n", "whitespace")])
def test_empty_file_is_refused_clearly(tmp_path: Path, content: bytes, words: str) -> None:
    path = write(tmp_path / "empty.jsonl", content)
    with pytest.raises(UnsupportedFormat, match=words):
        detect_format(path)


def test_pretty_printed_json_object_that_is_not_telegram(tmp_path: Path) -> None:
    path = write(tmp_path / "config.json", json.dumps({"a": 1, "b": [1, 2]}, indent=2))
    with pytest.raises(UnsupportedFormat, match="neither a Telegram export nor JSON Lines"):
        detect_format(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputNotFound):
        detect_format(tmp_path / "nope.csv")


def test_every_format_has_a_reader() -> None:
    assert set(READERS) == set(FORMATS)
    results = list(READERS["csv"](FIXTURES / "posts_cp1251.csv", ReaderOptions()))
    assert all(isinstance(r, RawItem) for r in results) and len(results) == 3


def test_discover_telegram_exports_and_documents(tmp_path: Path) -> None:
    root = tmp_path / "collection"
    json_export = root / "ChatExport_2024-01-05"
    write(json_export / "result.json", json.dumps(TELEGRAM_JSON, indent=1))
    write(json_export / "photos" / "photo_1@03-01-2024_10-00-00.jpg", b"\xff\xd8\xff\xe0")
    write(json_export / "files" / "statement.txt", "A file attached to a message.\n")
    write(json_export / "video_files" / "clip.mp4", b"\x00\x00\x00\x18ftypmp42")
    write(json_export / "voice_messages" / "audio_1.ogg", b"OggS\x00")
    html_export = root / "html_export"
    write(html_export / "messages.html", TELEGRAM_HTML)
    write(html_export / "messages2.html", TELEGRAM_HTML)
    write(html_export / "css" / "style.css", "body { color: red }\n")
    write(html_export / "js" / "script.js", "function CheckLocation() {}\n")
    write(html_export / "images" / "back.png", b"\x89PNG\r\n\x1a\n")
    write(html_export / "about.html", "<html><body><p>About this export</p></body></html>")
    write(root / "notes" / "report.txt", "The group claimed the attack.\n")
    write(root / "notes" / "table.csv", "id,text\n1,a\n")
    write(root / "notes" / "files" / "list.jsonl", JSONL)  # "files" outside an export is read
    write(root / "notes" / "empty.txt", b"")
    write(root / ".DS_Store", b"\x00\x00\x00\x01Bud1")
    write(root / ".git" / "config", "[core]\n")

    found = {p.relative_to(root).as_posix(): (fmt, why) for p, fmt, why in discover([root])}
    assert found == {
        ".DS_Store": (None, "hidden file"),
        ".git": (None, "hidden folder"),
        "ChatExport_2024-01-05/files/statement.txt": (None, "media file"),
        "ChatExport_2024-01-05/photos/photo_1@03-01-2024_10-00-00.jpg": (None, "media file"),
        "ChatExport_2024-01-05/result.json": ("telegram_json", None),
        "ChatExport_2024-01-05/video_files/clip.mp4": (None, "media file"),
        "ChatExport_2024-01-05/voice_messages/audio_1.ogg": (None, "media file"),
        "html_export/about.html": ("html_article", None),
        "html_export/css/style.css": (None, "media file"),
        "html_export/images/back.png": (None, "media file"),
        "html_export/js/script.js": (None, "media file"),
        "html_export/messages.html": ("telegram_html", None),
        "html_export/messages2.html": ("telegram_html", None),
        "notes/empty.txt": (None, "empty file (0 bytes): nothing to read"),
        "notes/files/list.jsonl": ("jsonl", None),
        "notes/report.txt": ("text", None),
        "notes/table.csv": ("csv", None),
    }
    order = [p.relative_to(root).as_posix() for p, _, _ in discover([root])]
    assert order == sorted(order, key=lambda s: s.split("/"))


def test_discover_single_file_and_missing_path(tmp_path: Path) -> None:
    path = write(tmp_path / "one.jsonl", JSONL)
    assert list(discover([path])) == [(path, "jsonl", None)]
    with pytest.raises(InputNotFound):
        list(discover([tmp_path / "missing"]))
