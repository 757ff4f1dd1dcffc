"""Plain-text documents and HTML news articles."""

from __future__ import annotations

import hashlib
import socket
from datetime import UTC, datetime
from pathlib import Path

import pytest

from propwatch.ingest.base import ReaderOptions
from propwatch.ingest.documents import read_html_article, read_text
from propwatch.model import RawItem, Rejected

FIXTURES = Path(__file__).parent.parent / "fixtures" / "docs"


def only_item(results: list[RawItem | Rejected]) -> RawItem:
    assert len(results) == 1 and isinstance(results[0], RawItem), results
    return results[0]


def test_text_document_with_header() -> None:
    item = only_item(list(read_text(FIXTURES / "statement.txt", ReaderOptions())))
    assert item.kind == "document"
    assert item.title == "Analysts note renewed claims by Khorasan affiliate"
    assert item.date == datetime(2024, 1, 3, tzinfo=UTC)
    assert item.author == "Monitoring desk"
    assert item.channel_key == "file:docs"
    digest = hashlib.sha256(item.text.encode()).hexdigest()
    assert item.message_id == "sha256:" + digest[:16]
    assert "claiming responsibility" in item.text
    assert item.raw_sha256 == hashlib.sha256((FIXTURES / "statement.txt").read_bytes()).hexdigest()


def test_text_without_header_has_no_date_and_first_line_title(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    path = folder / "note.txt"
    long_title = "Monitoring summary " * 20
    path.write_text(f"\n\n{long_title}\nDate: 2024-01-03\nBody text.\n", encoding="utf-8")
    item = only_item(list(read_text(path, ReaderOptions(channel="desk:notes"))))
    assert item.date is None  # "Date:" is not in the leading header block
    assert item.title == long_title.strip()[:200]
    assert item.channel_key == "desk:notes"


def test_unparseable_date_header_keeps_the_document(tmp_path: Path) -> None:
    path = tmp_path / "d.txt"
    path.write_text("Date: the week after the attack\n\nText of the report.\n", encoding="utf-8")
    item = only_item(list(read_text(path, ReaderOptions())))
    assert item.date is None
    assert item.raw["headers"]["date"] == "the week after the attack"
    assert item.title == "Text of the report."


def test_cp1251_text_document(tmp_path: Path) -> None:
    path = tmp_path / "ru.txt"
    text = "Эксперты отмечают рост пропаганды на таджикском и узбекском языках.\n" * 5
    path.write_bytes(text.encode("cp1251"))
    item = only_item(list(read_text(path, ReaderOptions())))
    assert item.text == text
    assert item.raw["encoding"] == "cp1251"


def test_ten_megabyte_document_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    line = "Researchers tracked the outlet's statements across nine languages.\n"
    path.write_text(line * (10 * 1024 * 1024 // len(line) + 1), encoding="utf-8")
    item = only_item(list(read_text(path, ReaderOptions())))
    assert len(item.text.encode()) == path.stat().st_size > 10 * 1024 * 1024


def test_document_over_the_limit_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("x" * 5000, encoding="utf-8")
    (result,) = read_text(path, ReaderOptions(max_item_bytes=1000))
    assert isinstance(result, Rejected) and result.code == "R004"
    assert "5000 bytes" in result.reason


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.mark.usefixtures("no_network")
def test_html_article_main_text_and_metadata() -> None:
    item = only_item(list(read_html_article(FIXTURES / "article.html", ReaderOptions())))
    assert item.kind == "article"
    assert item.title == "Regional group claims market attack, officials say"
    assert item.date == datetime(2024, 3, 22, tzinfo=UTC)
    assert item.author == "Jane Roe"
    url = "https://news.example.org/world/2024/03/22/market-attack-claim"
    assert item.message_id == url
    assert item.channel_key == "web:news.example.org"
    assert "claimed responsibility on Friday" in item.text
    assert "eleven people were killed" in item.text
    for boilerplate in ("Subscribe", "Cookie settings", "All rights reserved", "Most read"):
        assert boilerplate not in item.text
    assert item.raw["extractor"].startswith("trafilatura")


@pytest.mark.usefixtures("no_network")
def test_html_without_main_text_falls_back_to_body(tmp_path: Path) -> None:
    path = tmp_path / "archive" / "page.html"
    path.parent.mkdir()
    path.write_text(
        "<html><head><style>p{}</style></head><body><footer>Statement archive, 2024"
        "</footer></body></html>",
        encoding="utf-8",
    )
    item = only_item(list(read_html_article(path, ReaderOptions())))
    assert item.text == "Statement archive, 2024"
    assert "lxml" in item.raw["extractor"]
    assert item.message_id.startswith("sha256:")
    assert item.channel_key == "file:archive"


def test_html_page_without_any_text_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><body><script>var a = 1;</script></body></html>", encoding="utf-8")
    (result,) = read_html_article(path, ReaderOptions())
    assert isinstance(result, Rejected) and result.code == "R007"
