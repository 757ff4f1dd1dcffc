"""``/api/ingest`` and ``/api/jobs``, ``/api/labels*`` and ``/api/exports/*``: uploads are
ingested in the background, hostile uploads refused with a clear message, decisions export
as training data, exports download and parse."""

from __future__ import annotations

import csv
import io
import json
import stat
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from tests.serve.served import DEMO, role_tokens
from tests.serve.served import Served as BaseServed

from propwatch.api import ingest
from propwatch.detect.dataset import read_table
from propwatch.export import COLUMNS
from propwatch.serve.accounts import create_session
from propwatch.serve.app import create_app
from propwatch.serve.auth import CSRF_FIELD, CSRF_HEADER, SESSION_COOKIE
from propwatch.serve.settings import ServeSettings
from propwatch.store import open_store, schema

MAX_UPLOAD = 256 * 1024
MAX_UNZIPPED = 1024 * 1024
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
ELF = b"\x7fELF\x02\x01\x01" + bytes(500)


def jsonl(word: str, n: int = 3) -> bytes:
    lines = [
        {"id": i, "date": f"2024-05-0{i + 1}T10:00:00Z", "channel": "upload_feed",
         "text": f"Officials said the {word} statement number {i} was published online."}
        for i in range(n)
    ]  # fmt: skip
    return "\n".join(json.dumps(x) for x in lines).encode() + b"\n"


class Served(BaseServed):
    """Uploads and jobs: posts are an analyst's unless told otherwise."""

    def __init__(self, client: TestClient, url: str, tokens: dict[str, str], uploads: Path):
        super().__init__(client, url, tokens)
        self.uploads = uploads

    def post(self, path: str, role: str | None = "analyst", **kw: Any) -> Any:
        return super().post(path, role, **kw)

    def upload(self, name: str, data: bytes, role: str | None = "analyst") -> Any:
        return self.post("/api/ingest", role, files={"file": (name, data)})

    def wait(self, job: str) -> dict[str, Any]:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            found: dict[str, Any] = self.get(f"/api/jobs/{job}").json()
            if found["status"] in ("done", "failed"):
                return found
            time.sleep(0.2)
        raise AssertionError(f"job {job} did not finish")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("work")
    url = f"sqlite:///{folder / 'demo.db'}"
    with open_store(url) as store:
        ingest([DEMO / "result.json", DEMO / "articles"], store, workers=0)
        tokens = role_tokens(store)
    uploads = folder / "uploads"
    settings = ServeSettings(db=url, max_upload_bytes=MAX_UPLOAD, max_unzipped_bytes=MAX_UNZIPPED,
                             upload_dir=uploads)  # fmt: skip
    with TestClient(create_app(url, settings=settings)) as client:
        yield Served(client, url, tokens, uploads)


def leftovers(served: Served) -> list[Path]:
    return [p for p in served.uploads.iterdir()] if served.uploads.exists() else []


def zipped(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=method)
    return buffer.getvalue()


# -- roles ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["/api/jobs", "/api/labels", "/api/labels/queue", "/api/jobs/nope"],
)
def test_reading_needs_sign_in(served: Served, path: str) -> None:
    assert served.get(path, role=None).status_code == 401


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/api/ingest"),
        ("post", "/api/labels"),
        ("get", "/api/labels/export"),
        ("get", "/api/exports/stix"),
        ("get", "/api/exports/csv"),
    ],
)
def test_work_needs_the_analyst_role(served: Served, method: str, path: str) -> None:
    call = served.client.get if method == "get" else served.client.post
    assert call(path).status_code == 401
    refused = call(path, headers=served.auth("viewer"))
    assert refused.status_code == 403
    assert "analyst" in refused.json()["detail"]


def test_viewers_may_read_jobs_labels_and_their_queue(served: Served) -> None:
    for path in ("/api/jobs", "/api/labels", "/api/labels/queue"):
        response = served.get(path, role="viewer")
        assert response.status_code == 200
        assert {"total", "limit", "offset"} <= set(response.json())


# -- uploads ---------------------------------------------------------------------------------


def test_upload_is_ingested_in_the_background_and_searchable(served: Served) -> None:
    response = served.upload("feed.jsonl", jsonl("quokkaferry"))
    assert response.status_code == 202
    body = response.json()
    assert body["status_url"] == f"/api/jobs/{body['job']}"
    assert response.headers["location"] == body["status_url"]
    job = served.wait(body["job"])
    assert job["status"] == "done", job
    assert job["user"] == "analyst1" and job["filename"] == "feed.jsonl"
    assert job["report"]["ingested"] == 3
    assert [f["path"] for f in job["report"]["files"]] == ["feed.jsonl"]
    assert str(served.uploads) not in json.dumps(job)  # no server paths in the report
    hits = served.get("/api/search", params={"q": "quokkaferry"}).json()
    assert hits["total"] == 3
    a = schema.audit_log
    audited = served.rows(select(a).where(a.c.action == "ingest", a.c.target == "feed.jsonl"))
    assert audited and audited[0].detail["job"] == body["job"]
    assert leftovers(served) == []


def test_zip_of_files_is_ingested_and_media_skipped(served: Served) -> None:
    data = zipped({"export/posts.jsonl": jsonl("wombatlantern"), "export/photo.png": PNG})
    response = served.upload("export.zip", data)
    assert response.status_code == 202, response.text
    job = served.wait(response.json()["job"])
    assert job["status"] == "done", job
    assert [f["path"] for f in job["report"]["files"]] == ["export/posts.jsonl"]
    assert served.get("/api/search", params={"q": "wombatlantern"}).json()["total"] == 3


def test_jobs_list_pages(served: Served) -> None:
    for word in ("pageone", "pagetwo"):
        served.wait(served.upload(f"{word}.jsonl", jsonl(word, 1)).json()["job"])
    listed = served.get("/api/jobs", params={"limit": 1}).json()
    assert listed["total"] >= 2 and len(listed["jobs"]) == 1
    assert listed["jobs"][0]["filename"] == "pagetwo.jsonl"  # newest first
    after = served.get("/api/jobs", params={"limit": 1, "offset": 1}).json()
    assert after["jobs"][0]["filename"] == "pageone.jsonl"
    done = served.get("/api/jobs", params={"status": "done", "by": "analyst1"}).json()
    assert done["total"] == listed["total"]
    assert served.get("/api/jobs/no-such-job").status_code == 404


def test_over_the_limit_upload_is_refused_with_413(served: Served) -> None:
    response = served.upload("big.jsonl", jsonl("big", 1) * (MAX_UPLOAD // 100))
    assert response.status_code == 413
    assert "larger than" in response.json()["detail"]
    huge = served.upload("huge.jsonl", b"x" * (MAX_UPLOAD + 2 * 1024 * 1024))
    assert huge.status_code == 413
    assert leftovers(served) == []
    a = schema.audit_log
    refused = served.rows(select(a).where(a.c.action == "ingest", a.c.target == "big.jsonl"))
    assert refused[0].detail["refused"] == 413


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("image.png", PNG, "PNG image"),
        ("program", ELF, "executable"),
        ("disguised.json", PNG, "PNG image"),
        ("only-media.zip", zipped({"a.png": PNG, "b.jpg": b"\xff\xd8\xff" + bytes(100)}),
         "no file propwatch reads"),
    ],
)  # fmt: skip
def test_wrong_types_are_refused_with_415(served: Served, name: str, data: bytes,
                                          words: str) -> None:  # fmt: skip
    response = served.upload(name, data)
    assert response.status_code == 415
    assert words in response.json()["detail"]
    assert leftovers(served) == []


@pytest.mark.parametrize(
    ("max_unzipped", "words"),
    [(MAX_UNZIPPED, "would expand to more than"), (10**9, "a zip bomb?")],
)
def test_zip_bomb_is_refused(served: Served, max_unzipped: int, words: str) -> None:
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("zeros.jsonl", "w") as member,
    ):
        for _ in range(50):
            member.write(bytes(1024 * 1024))  # 50 MB of zeros
    assert len(buffer.getvalue()) < MAX_UPLOAD
    settings = served.client.app.state.settings  # type: ignore[attr-defined]
    settings.max_unzipped_bytes = max_unzipped
    try:
        response = served.upload("bomb.zip", buffer.getvalue())
    finally:
        settings.max_unzipped_bytes = MAX_UNZIPPED
    assert response.status_code == 413
    assert words in response.json()["detail"]
    assert leftovers(served) == []


@contextmanager
def upload_limit(served: Served, limit: int) -> Iterator[None]:
    settings = served.client.app.state.settings  # type: ignore[attr-defined]
    settings.max_upload_bytes = limit
    try:
        yield
    finally:
        settings.max_upload_bytes = MAX_UPLOAD


def test_zip_expanding_past_the_limit_is_refused(served: Served) -> None:
    text = jsonl("x", 1) * 3000  # ~250 KB each, stored: no compression at all
    data = zipped({f"part{i}.jsonl": text for i in range(5)}, zipfile.ZIP_STORED)
    with upload_limit(served, 4 * MAX_UNZIPPED):
        response = served.upload("parts.zip", data)
    assert response.status_code == 413
    assert "expand to more than" in response.json()["detail"]
    assert leftovers(served) == []


def test_zip_with_many_members_is_refused(served: Served) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for i in range(10_001):
            archive.writestr(f"{i}.txt", b"")
    with upload_limit(served, 4 * MAX_UNZIPPED):
        response = served.upload("many.zip", buffer.getvalue())
    assert response.status_code == 413
    assert "10,000" in response.json()["detail"]


def test_a_zip_named_like_the_extraction_folder_is_ingested(served: Served) -> None:
    response = served.upload("files", zipped({"posts.jsonl": jsonl("numbatkettle")}))
    assert response.status_code == 202, response.text
    assert served.wait(response.json()["job"])["status"] == "done"
    assert served.get("/api/search", params={"q": "numbatkettle"}).json()["total"] == 3


@pytest.mark.parametrize("member", ["../evil.jsonl", "/etc/evil.jsonl", "a/../../evil.jsonl",
                                    "C:\\evil.jsonl"])  # fmt: skip
def test_zip_with_path_traversal_is_refused(served: Served, member: str) -> None:
    response = served.upload("traversal.zip", zipped({member: jsonl("evil")}))
    assert response.status_code == 400
    assert "unsafe path" in response.json()["detail"]
    assert not (served.uploads.parent / "evil.jsonl").exists()
    assert leftovers(served) == []


def test_zip_with_a_symlink_is_refused(served: Served) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        info = zipfile.ZipInfo("link.jsonl")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(info, "/etc/passwd")
    response = served.upload("link.zip", buffer.getvalue())
    assert response.status_code == 400
    assert "symbolic link" in response.json()["detail"]


def test_malformed_uploads_are_refused_clearly(served: Served) -> None:
    not_multipart = served.post("/api/ingest", json={"file": "x"})
    assert not_multipart.status_code == 415
    assert "multipart/form-data" in not_multipart.json()["detail"]
    no_file = served.post("/api/ingest", files={"note": (None, "hello")})
    assert no_file.status_code == 400 and "No file" in no_file.json()["detail"]
    empty = served.upload("empty.jsonl", b"")
    assert empty.status_code == 400 and "empty" in empty.json()["detail"]
    two = served.post("/api/ingest", files=[("file", ("a.txt", b"one")), ("file", ("b.txt", b"2"))])
    assert two.status_code == 400 and "one file" in two.json()["detail"]
    assert leftovers(served) == []


def test_browser_sessions_upload_with_their_csrf_token(served: Served) -> None:
    u = schema.users
    user_id = int(served.rows(select(u.c.id).where(u.c.name == "analyst1"))[0][0])
    with open_store(served.url) as store:
        cookie, csrf = create_session(store, user_id, 1)
    browser = TestClient(served.client.app, cookies={SESSION_COOKIE: cookie})
    files = {"file": ("session.jsonl", jsonl("sessionword", 1))}
    assert browser.post("/api/ingest", json={}).status_code == 403  # no CSRF token
    by_header = browser.post("/api/ingest", files=files, headers={CSRF_HEADER: csrf})
    assert by_header.status_code == 202
    # an upload is not read before the CSRF check: the token must come in the header
    by_field = browser.post("/api/ingest", files=files, data={CSRF_FIELD: csrf})
    assert by_field.status_code == 403, by_field.text
    assert CSRF_HEADER in by_field.json()["detail"]
    assert served.wait(by_header.json()["job"])["status"] == "done"


# -- labels ----------------------------------------------------------------------------------


def pending_item(served: Served, label: str) -> dict[str, Any]:
    queue = served.get("/api/labels/queue", role="analyst",
                       params={"label": label, "limit": 1}).json()  # fmt: skip
    assert queue["total"] > 0
    item: dict[str, Any] = queue["items"][0]
    assert [p["label"] for p in item["pending"]] == [label]
    return item


def test_labelling_decisions_are_upserted_per_user_and_leave_the_queue(served: Served) -> None:
    item = pending_item(served, "anti_shia")
    before = served.get("/api/labels/queue", role="analyst",
                        params={"label": "anti_shia"}).json()["total"]  # fmt: skip
    sent = {"item": item["id"], "label": "anti_shia", "decision": "confirm", "note": "clear"}
    first = served.post("/api/labels", json=sent)
    assert first.status_code == 200 and first.json()["created"] is True
    assert first.json()["label"]["user"] == "analyst1"
    second = served.post("/api/labels", json={**sent, "decision": "reject"})
    assert second.json()["created"] is False
    listed = served.get("/api/labels", params={"item": item["id"]}).json()
    assert listed["total"] == 1 and listed["labels"][0]["decision"] == "reject"
    after = served.get("/api/labels/queue", role="analyst",
                       params={"label": "anti_shia"}).json()  # fmt: skip
    assert after["total"] == before - 1
    assert item["id"] not in [i["id"] for i in after["items"]]
    admin_queue = served.get("/api/labels/queue", role="admin",
                             params={"label": "anti_shia", "limit": 500}).json()  # fmt: skip
    assert item["id"] in [i["id"] for i in admin_queue["items"]]
    detail = served.get(f"/api/items/{item['id']}").json()
    assert [(x["label"], x["decision"]) for x in detail["labels"]] == [("anti_shia", "reject")]
    a = schema.audit_log
    assert served.rows(select(func.count()).where(a.c.action == "label"))[0][0] >= 2


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"item": 999999999, "label": "anti_shia", "decision": "confirm"}, 404),
        ({"item": 1, "label": "a,b", "decision": "confirm"}, 422),
        ({"item": 1, "label": "anti_shia", "decision": "maybe"}, 422),
        ({"item": 1, "label": "x" * 300, "decision": "confirm"}, 422),
        ({"item": -1, "label": "anti_shia", "decision": "confirm"}, 422),
        ({"item": 1, "label": "anti_shia", "decision": "confirm", "note": "n" * 5000}, 422),
    ],
)
def test_bad_labels_are_refused(served: Served, body: dict[str, Any], status: int) -> None:
    assert served.post("/api/labels", json=body).status_code == status


def test_labels_list_pages_and_filters(served: Served) -> None:
    queue = served.get("/api/labels/queue", role="admin", params={"limit": 3}).json()
    for item in queue["items"]:
        served.post("/api/labels", role="admin",
                    json={"item": item["id"], "label": "propaganda", "decision": "confirm"})
    mine = served.get("/api/labels", params={"by": "admin1", "limit": 2}).json()
    assert mine["total"] == 3 and len(mine["labels"]) == 2
    rest = served.get("/api/labels", params={"by": "admin1", "limit": 2, "offset": 2}).json()
    assert len(rest["labels"]) == 1
    assert all(x["user"] == "admin1" for x in mine["labels"] + rest["labels"])
    confirmed = served.get("/api/labels", params={"decision": "confirm", "by": "admin1"}).json()
    assert confirmed["total"] == 3


def test_label_export_is_training_data_for_propwatch_train(served: Served, tmp_path: Path) -> None:
    queue = served.get("/api/labels/queue", role="admin", params={"label": "antisemitic"}).json()
    yes, no = queue["items"][0]["id"], queue["items"][1]["id"]
    for item, decision in ((yes, "confirm"), (no, "reject")):
        served.post("/api/labels", role="admin",
                    json={"item": item, "label": "antisemitic", "decision": decision})
    response = served.get("/api/labels/export", role="analyst", params={"by": "admin1"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert list(rows[0]) == ["text", "label", "lang"]
    texts = {served.get(f"/api/items/{pk}").json()["text"]: pk for pk in (yes, no)}
    by_item = {texts.get(r["text"]): r["label"] for r in rows}
    assert "antisemitic" in by_item[yes].split(",")
    assert "antisemitic" not in by_item[no].split(",")
    path = tmp_path / "labels.csv"
    path.write_bytes(response.content)
    table = read_table(path, "text", "label")
    assert "antisemitic" in table.targets and any(table.targets["antisemitic"])
    assert len(table.texts) == len(rows)


# -- exports ---------------------------------------------------------------------------------


def test_stix_export_is_a_bundle(served: Served) -> None:
    import stix2

    response = served.get("/api/exports/stix", role="analyst")
    assert response.status_code == 200
    assert 'filename="propwatch-stix-' in response.headers["content-disposition"]
    bundle = response.json()
    assert bundle["type"] == "bundle" and bundle["objects"]
    parsed = stix2.parse(response.text, allow_custom=True)
    assert len(parsed.objects) == len(bundle["objects"])
    a = schema.audit_log
    audited = served.rows(select(a).where(a.c.action == "export", a.c.target == "stix"))
    assert audited[-1].detail["objects"] == len(bundle["objects"])


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_network_exports_are_xml(served: Served, fmt: str) -> None:
    response = served.get(f"/api/exports/{fmt}", role="admin", params={"since": "2024-01-01"})
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    assert root.tag.endswith(fmt)
    assert len(list(root.iter())) > 10


def test_table_exports_parse_and_filter(served: Served) -> None:
    m = schema.messages
    count = served.rows(select(func.count()).select_from(m))[0][0]
    messages = served.get("/api/exports/csv", role="analyst")
    assert messages.status_code == 200
    rows = list(csv.reader(io.StringIO(messages.text)))
    assert tuple(rows[0]) == COLUMNS["messages"]
    assert len(rows) - 1 == count
    tg = served.get("/api/exports/csv", role="analyst", params={"lang": "tg"}).text
    assert all(r["language"] == "tg" for r in csv.DictReader(io.StringIO(tg)))
    detections = served.get("/api/exports/ndjson", role="analyst",
                            params={"what": "detections", "label": "anti_shia"})  # fmt: skip
    lines = [json.loads(x) for x in detections.text.splitlines()]
    assert lines and all(x["label"] == "anti_shia" for x in lines)
    events = served.get("/api/exports/csv", role="analyst", params={"what": "events"})
    assert tuple(next(csv.reader(io.StringIO(events.text)))) == COLUMNS["events"]
    assert "propwatch-events-" in events.headers["content-disposition"]
    assert served.get("/api/exports/pdf", role="analyst").status_code == 404
    assert served.get("/api/exports/csv", role="analyst",
                      params={"what": "passwords"}).status_code == 422  # fmt: skip
    assert leftovers(served) == []
