"""Fixtures for the browser tests: the workspace served by uvicorn on a loopback port over a
database built from the demo corpus (plus one hostile item and one alert), and Debian's
chromium driven by Playwright (never a downloaded browser).

Everything here is session-scoped: the database is built and the server started once. The
tests skip, with the reason, when ``/usr/bin/chromium`` or Python ``playwright`` is missing.
Each page a test visits is saved as a full-page screenshot under
``test-artifacts/screenshots/<test>-<page>.png`` (relative to the repository root).
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from sqlalchemy import select

import propwatch
from propwatch.api import ingest
from propwatch.serve.accounts import create_token, create_user
from propwatch.serve.app import create_app
from propwatch.store import open_store, schema

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
DEMO = Path(propwatch.__file__).parent / "data" / "demo"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PASSWORD = "a long enough password"
ANALYST, VIEWER = "analyst1", "viewer1"

#: The hostile item: markup, entities, a bidi override and a 5,000-character word.
HOSTILE_PROBE = "pwnprobe"
HOSTILE_SCRIPT = "<script>window.__pwned=1</script>"
HOSTILE_IMG = '<img src=x onerror="window.__pwned=2">'
HOSTILE_ENTITY = "&lt;b&gt;not bold&lt;/b&gt;"
HOSTILE_LONG_WORD = "w" * 5000
HOSTILE_TEXT = (
    f"Amaq statement {HOSTILE_PROBE} {HOSTILE_SCRIPT} {HOSTILE_IMG} {HOSTILE_ENTITY} "
    f"file \u202egpj.exe\u202c end {HOSTILE_LONG_WORD} tail"
)
HOSTILE_CHANNEL = '"><script>window.__pwned=3</script>'
ALERT_TITLE = "Kerman claim reposted in 3 channels"


def missing_browser() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is not installed (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Python playwright is not installed (pip install playwright)"
    return None


@dataclass
class Workspace:
    """The served database: base URL, users' API tokens and the items the tests need."""

    url: str
    db: str
    tokens: dict[str, str]
    items: dict[str, int] = field(default_factory=dict)


def _free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


def _pick_items(db: str) -> dict[str, int]:
    """Primary keys of the items the tests open, chosen from the data (not hard-coded)."""
    m, a = schema.messages, schema.annotations
    with open_store(db) as store, store.engine.connect() as conn:
        rows = conn.execute(select(m.c.id, m.c.media, m.c.language, m.c.message_id)
                            .order_by(m.c.id)).all()  # fmt: skip
        judged = {
            int(pk) for (pk,) in conn.execute(
                select(a.c.message_pk).where(a.c.kind == "judgement", a.c.score >= 0.5)
            )
        }  # fmt: skip
    photo = next(int(r.id) for r in rows
                 if isinstance(r.media, dict) and r.media.get("type") == "photo")  # fmt: skip
    arabic = next(int(r.id) for r in rows if r.language in ("ar", "fa") and int(r.id) in judged)
    labelled = next(int(r.id) for r in rows if int(r.id) in judged and r.id != arabic)
    hostile = next(int(r.id) for r in rows if r.message_id == "hostile-1")
    return {"photo": photo, "rtl": arabic, "label": labelled, "hostile": hostile}


def _add_alert(db: str, message_pk: int) -> None:
    with open_store(db) as store, store.engine.begin() as conn:
        conn.execute(schema.alerts.insert().values(
            rule="kerman-claims", dedupe_key=f"kerman-claims:{message_pk}",
            at=datetime(2024, 1, 4, 18, 0), severity="high", title=ALERT_TITLE,
            message_pk=message_pk, detail={"channels": 3}, status="new",
        ))  # fmt: skip


@pytest.fixture(scope="session")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    """The demo corpus plus a hostile item and an alert, served on 127.0.0.1:<free port>."""
    reason = missing_browser()
    if reason:
        pytest.skip(reason)
    import uvicorn

    folder = tmp_path_factory.mktemp("browser")
    db = f"sqlite:///{folder / 'workspace.db'}"
    hostile = folder / "hostile.jsonl"
    record = {"id": "hostile-1", "channel": HOSTILE_CHANNEL, "date": "2024-05-01T10:00:00Z",
              "text": HOSTILE_TEXT}  # fmt: skip
    hostile.write_text(json.dumps(record) + "\n", encoding="utf-8")
    tokens: dict[str, str] = {}
    with open_store(db) as store:
        ingest([DEMO / "result.json", DEMO / "articles", hostile], store, workers=0)
        for name, role in ((ANALYST, "analyst"), (VIEWER, "viewer")):
            create_user(store, name, role, PASSWORD)
            tokens[name] = create_token(store, name)
    items = _pick_items(db)
    _add_alert(db, items["photo"])

    sock = _free_socket()
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(db), log_level="warning", access_log=False,
                            lifespan="on")  # fmt: skip
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True,
                              name="uvicorn-browser-tests")  # fmt: skip
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield Workspace(f"http://127.0.0.1:{port}", db, tokens, items)
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    reason = missing_browser()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    manager = sync_playwright()
    instance = manager.start()
    try:
        yield instance
    finally:
        instance.stop()


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    """Debian's chromium, headless."""
    chromium = playwright_instance.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    try:
        yield chromium
    finally:
        chromium.close()


@pytest.fixture
def page(browser: Browser, workspace: Workspace) -> Iterator[Page]:
    """A fresh browser context (no cookies) and page. JavaScript errors and Content Security
    Policy violations (an inline script or style the page tried to use) fail the test."""
    context = browser.new_context(base_url=workspace.url, viewport={"width": 1280, "height": 900},
                                  locale="en-US")  # fmt: skip
    context.set_default_timeout(10_000)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error"
           and "Content Security Policy" in msg.text else None)  # fmt: skip
    try:
        yield tab
        assert errors == [], f"errors in the browser: {errors}"
    finally:
        context.close()


class Shots:
    """Full-page screenshots named ``<test>-<page>.png``."""

    def __init__(self, test_name: str) -> None:
        self.prefix = re.sub(r"[^A-Za-z0-9_.-]+", "_", test_name).strip("_")
        self.saved: list[Path] = []

    def __call__(self, tab: Page, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{self.prefix}-{name}.png"
        tab.screenshot(path=str(path), full_page=True)
        self.saved.append(path)
        return path


@pytest.fixture
def shot(request: pytest.FixtureRequest) -> Shots:
    """``shot(page, "search")`` saves the page as test-artifacts/screenshots/<test>-search.png."""
    return Shots(request.node.name)


def sign_in(tab: Page, name: str, password: str = PASSWORD, next_path: str = "/") -> None:
    """Sign in through the form at /login; lands on ``next_path``."""
    tab.goto(f"/login?next={next_path}")
    tab.fill("input[name=name]", name)
    tab.fill("input[name=password]", password)
    with tab.expect_navigation():
        tab.click("button[type=submit]")


def api_get(workspace: Workspace, path: str, user: str = ANALYST) -> Any:
    """GET a JSON API route with ``user``'s token (outside the browser)."""
    import httpx

    response = httpx.get(workspace.url + path, timeout=30,
                         headers={"Authorization": f"Bearer {workspace.tokens[user]}"})  # fmt: skip
    response.raise_for_status()
    return response.json()
