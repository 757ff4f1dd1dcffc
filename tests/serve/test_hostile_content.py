"""Hostile content over the HTTP interface: message text carrying markup, HTML entities, a bidi
override and a 5,000-character word comes back verbatim in JSON and escaped (inert) in pages;
absurd query strings (10,000 characters, NUL bytes, invalid UTF-8, negative or huge paging)
answer 4xx, never 5xx; uploads over the limit, zip bombs and files of the wrong type are
refused with a message that says why."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from propwatch.api import ingest
from propwatch.serve.accounts import create_token, create_user
from propwatch.serve.app import create_app
from propwatch.serve.settings import ServeSettings
from propwatch.store import open_store, schema

PASSWORD = "a long enough password"
#: A word that occurs only in the hostile item, to find it by search.
PROBE = "pwnprobe"
SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=2">'
ENTITY = "&lt;b&gt;not bold&lt;/b&gt; &amp;amp;"
RLO = "\u202e"
LONG_WORD = "x" * 5000
HOSTILE_TEXT = (
    f"Amaq statement {PROBE} {SCRIPT} {IMG} {ENTITY} "
    f"file {RLO}gpj.exe{chr(0x202C)} end {LONG_WORD} tail"
)
HOSTILE_CHANNEL = '"><script>window.__pwned=3</script>'
HOSTILE_AUTHOR = "<b onmouseover=alert(1)>author</b>"

MAX_UPLOAD = 64 * 1024
MAX_UNZIPPED = 4 * 1024 * 1024


@dataclass
class Served:
    client: TestClient
    session: TestClient
    tokens: dict[str, str]
    hostile_pk: int
    uploads: Path

    def get(self, path: str, role: str = "viewer", **kw: Any) -> Any:
        return self.client.get(path, headers=self.auth(role), **kw)

    def auth(self, role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role]}"}


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("hostile")
    url = f"sqlite:///{folder / 'hostile.db'}"
    source = folder / "hostile.jsonl"
    records = [
        {"id": "h1", "channel": HOSTILE_CHANNEL, "author": HOSTILE_AUTHOR,
         "date": "2024-05-01T10:00:00Z", "text": HOSTILE_TEXT},
        {"id": "h2", "channel": "news", "date": "2024-05-02T10:00:00Z",
         "text": "Islamic State claimed the attack through Amaq, officials said."},
    ]  # fmt: skip
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    tokens: dict[str, str] = {}
    with open_store(url) as store:
        ingest([source], store, workers=0)
        for role in ("viewer", "analyst", "admin"):
            create_user(store, f"{role}1", role, PASSWORD)
            tokens[role] = create_token(store, f"{role}1")
        m = schema.messages
        with store.engine.connect() as conn:
            pk = conn.execute(select(m.c.id).where(m.c.message_id == "h1")).scalar_one()
    settings = ServeSettings(
        db=url, max_upload_bytes=MAX_UPLOAD, max_unzipped_bytes=MAX_UNZIPPED,
        upload_dir=folder / "uploads",
    )  # fmt: skip
    app = create_app(url, settings=settings)
    with TestClient(app) as client:
        session = TestClient(app)
        signed_in = session.post(
            "/login", data={"name": "viewer1", "password": PASSWORD}, follow_redirects=False
        )
        assert signed_in.status_code == 303, signed_in.text
        yield Served(client, session, tokens, int(pk), folder / "uploads")
        session.close()


# -- hostile text: verbatim in JSON, inert in HTML ---------------------------------------------


def test_search_json_returns_hostile_text_verbatim(served: Served) -> None:
    response = served.get(f"/api/search?q={PROBE}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    hits = response.json()["hits"]
    assert [h["id"] for h in hits] == [served.hostile_pk]
    assert hits[0]["text"] == HOSTILE_TEXT
    assert hits[0]["channel_name"] == HOSTILE_CHANNEL or hits[0]["channel"] == HOSTILE_CHANNEL


def test_item_json_returns_hostile_text_verbatim(served: Served) -> None:
    response = served.get(f"/api/items/{served.hostile_pk}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["text"] == HOSTILE_TEXT


class _Page(HTMLParser):
    """Collects script elements, event-handler attributes and the text of the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[dict[str, str | None]] = []
        self.handlers: list[tuple[str, str]] = []
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "script":
            self.scripts.append(dict(attrs))
        self.handlers += [(tag, k) for k, _ in attrs if k.startswith("on")]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


@pytest.mark.parametrize("page", ["search", "item"])
def test_pages_render_hostile_text_as_text(served: Served, page: str) -> None:
    path = f"/search?q={PROBE}" if page == "search" else f"/items/{served.hostile_pk}"
    response = served.session.get(path)
    assert response.status_code == 200, response.text[:500]
    assert "content-security-policy" in response.headers
    html = response.text
    for raw in ("<script>window.__pwned", "<img src=x", "<b onmouseover", '"><script>'):
        assert raw not in html
    parsed = _parse(html)
    # Only the application's own scripts, all from /static, none inline.
    assert parsed.scripts, "the page loads no script at all"
    assert all((s.get("src") or "").startswith("/static/") for s in parsed.scripts)
    assert parsed.handlers == []
    assert "img" not in parsed.tags
    # What the reader sees: the markup and the entities as written in the message.
    text = "".join(parsed.text)
    assert SCRIPT in text
    assert "&lt;b&gt;not bold&lt;/b&gt;" in text
    # The bidi override is shown as a marker, not applied to the text around it.
    assert RLO not in text


def test_item_page_shows_the_whole_long_word(served: Served) -> None:
    html = served.session.get(f"/items/{served.hostile_pk}").text
    assert LONG_WORD in html


# -- absurd query strings: 4xx, never 5xx ------------------------------------------------------

BAD_QUERIES = {
    "10k-chars": "q=" + "a" * 10_000,
    "nul": "q=a%00b",
    "only-nul": "q=%00",
    "invalid-utf8": "q=%ff%fe%fd",
    "lone-surrogate": "q=%ed%a0%80",
    "fts-quote": "q=%22",
    "fts-star": "q=*",
    "fts-near": "q=NEAR(",
    "fts-parens": "q=)(",
    "fts-or": "q=OR",
    "fts-minus": "q=-",
    "fts-column": "q=text:a",
    "negative-limit": "q=amaq&limit=-1",
    "zero-limit": "q=amaq&limit=0",
    "huge-limit": "q=amaq&limit=99999999999999999999",
    "negative-offset": "q=amaq&offset=-5",
    "huge-offset": "q=amaq&offset=99999999999999999999999",
    "text-limit": "q=amaq&limit=ten",
    "bad-date": "q=amaq&since=2024-02-31",
    "year-99999": "q=amaq&since=99999-01-01",
    "nan-score": "q=amaq&min_score=nan",
    "inf-score": "q=amaq&min_score=inf",
    "bad-sort": "q=amaq&sort=%3Cscript%3E",
}


@pytest.mark.parametrize("name", sorted(BAD_QUERIES))
def test_search_api_refuses_absurd_queries_without_a_server_error(
    served: Served, name: str
) -> None:
    response = served.get(f"/api/search?{BAD_QUERIES[name]}")
    assert response.status_code < 500, response.text[:300]
    if name in ("10k-chars", "negative-limit", "zero-limit", "huge-limit", "negative-offset",
                "huge-offset", "text-limit", "bad-date", "year-99999", "bad-sort"):  # fmt: skip
        assert 400 <= response.status_code < 500
        assert response.json()["detail"]


@pytest.mark.parametrize("name", sorted(BAD_QUERIES))
def test_search_page_survives_absurd_queries(served: Served, name: str) -> None:
    response = served.session.get(f"/search?{BAD_QUERIES[name]}")
    assert response.status_code < 500, response.text[:300]
    assert "<script>window" not in response.text


LIST_ROUTES = ["/api/items", "/api/entities", "/api/events", "/api/alerts", "/api/labels",
               "/api/labels/queue", "/api/jobs", "/api/reference-events", "/api/audit",
               "/api/users", "/api/tokens"]  # fmt: skip
BAD_PAGING = ["limit=-1", "limit=0", "limit=501", "limit=1e400", "offset=-1", "limit=%00",
              "offset=%ff"]  # fmt: skip


@pytest.mark.parametrize("route", LIST_ROUTES)
@pytest.mark.parametrize("paging", BAD_PAGING)
def test_list_routes_refuse_bad_paging_with_422(served: Served, route: str, paging: str) -> None:
    response = served.get(f"{route}?{paging}", role="admin")
    assert response.status_code == 422, (route, paging, response.status_code, response.text[:300])


@pytest.mark.parametrize("route", LIST_ROUTES)
def test_list_routes_survive_an_offset_past_64_bits(served: Served, route: str) -> None:
    response = served.get(f"{route}?offset=18446744073709551617", role="admin")
    assert response.status_code < 500, (route, response.status_code)
    if response.status_code == 200:  # an empty page is as good as a refusal
        body = response.json()
        assert not [v for k, v in body.items() if isinstance(v, list) and v], body
    else:
        assert response.status_code == 422


@pytest.mark.parametrize("route", LIST_ROUTES)
def test_list_routes_accept_the_largest_page(served: Served, route: str) -> None:
    response = served.get(f"{route}?limit=500&offset=10000000", role="admin")
    assert response.status_code == 200, response.text[:300]
    assert response.json()["limit"] == 500


@pytest.mark.parametrize("path", ["/api/items/0", "/api/items/-1",
                                  "/api/items/99999999999999999999999", "/api/items/%00",
                                  "/items/0", "/items/-1", "/items/99999999999999999999999",
                                  "/items/%ff", "/entities/%00"])  # fmt: skip
def test_impossible_ids_are_4xx(served: Served, path: str) -> None:
    client = served.session if not path.startswith("/api/") else served.client
    headers = {} if not path.startswith("/api/") else served.auth("viewer")
    response = client.get(path, headers=headers)
    assert 400 <= response.status_code < 500, (path, response.status_code)


# -- uploads: too large, zip bombs, wrong types -------------------------------------------------


def _upload(served: Served, name: str, data: bytes, content_type: str) -> Any:
    return served.client.post(
        "/api/ingest", headers=served.auth("analyst"), files={"file": (name, data, content_type)}
    )


def _detail(response: Any) -> str:
    detail = response.json()["detail"]
    assert isinstance(detail, str)
    return detail


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_small_jsonl_upload_is_accepted(served: Served) -> None:
    line = json.dumps({"id": "u1", "channel": "up", "date": "2024-05-03T10:00:00Z",
                       "text": "A news report on the Kerman bombings."})  # fmt: skip
    response = _upload(served, "ok.jsonl", (line + "\n").encode(), "application/x-ndjson")
    assert response.status_code == 202, response.text
    assert response.json()["status_url"].startswith("/api/jobs/")


@pytest.mark.parametrize("size", [MAX_UPLOAD + 1, 3 * 1024 * 1024])
def test_an_upload_over_the_limit_is_refused_with_413(served: Served, size: int) -> None:
    data = b'{"id": 1, "text": "' + b"a" * size + b'"}\n'
    response = _upload(served, "big.jsonl", data, "application/x-ndjson")
    assert response.status_code == 413
    detail = _detail(response)
    assert "larger than" in detail and "PROPWATCH_MAX_UPLOAD" in detail


def test_a_zip_bomb_is_refused(served: Served) -> None:
    bomb = _zip({"export.json": b"\x20" * (MAX_UNZIPPED - 1024)})  # ~4 MB of spaces
    assert len(bomb) < MAX_UPLOAD
    response = _upload(served, "export.zip", bomb, "application/zip")
    assert response.status_code == 413, response.text
    assert "zip bomb" in _detail(response)


def test_a_zip_that_expands_past_the_limit_is_refused(served: Served) -> None:
    # 70 members of 64 KiB (too small for the ratio check), 4.4 MiB in all: over the limit.
    archive = _zip({f"part{i:02}.txt": b" " * 65536 for i in range(70)})
    assert len(archive) < MAX_UPLOAD
    response = _upload(served, "many.zip", archive, "application/zip")
    assert response.status_code == 413, response.text
    assert "expand to more than" in _detail(response)


def test_a_zip_with_a_path_outside_its_folder_is_refused(served: Served) -> None:
    archive = _zip({"../../evil.txt": b"Islamic State claimed the attack.\n"})
    response = _upload(served, "slip.zip", archive, "application/zip")
    assert response.status_code == 400, response.text
    assert "unsafe" in _detail(response)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8),
        ("program.exe", b"MZ\x90\x00\x03" + b"\x00" * 200),
        ("clip.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 200),
        ("export.json", b"\x00\x01\x02\x03" * 100),
    ],
)
def test_a_file_of_the_wrong_type_is_refused_with_415(
    served: Served, name: str, data: bytes
) -> None:
    response = _upload(served, name, data, "application/octet-stream")
    assert response.status_code == 415, response.text
    detail = _detail(response)
    assert "propwatch ingests" in detail and "JSON" in detail


def test_an_upload_that_is_not_multipart_is_refused_with_415(served: Served) -> None:
    response = served.client.post(
        "/api/ingest", headers={**served.auth("analyst"), "Content-Type": "application/json"},
        content=b'{"text": "hello"}',
    )  # fmt: skip
    assert response.status_code == 415
    assert "multipart/form-data" in _detail(response)


def test_a_viewer_cannot_upload(served: Served) -> None:
    response = served.client.post(
        "/api/ingest", headers=served.auth("viewer"),
        files={"file": ("ok.txt", b"Islamic State claimed the attack.\n", "text/plain")},
    )  # fmt: skip
    assert response.status_code == 403


def test_refused_uploads_leave_nothing_behind(served: Served) -> None:
    response = _upload(served, "photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png")
    assert response.status_code == 415
    leftovers = [p.name for p in served.uploads.rglob("*.png")]
    assert leftovers == []
