"""The workspace in a real browser (Debian's chromium, headless, driven by Playwright): sign
in, search, open an item with its evidence highlighted, reveal blurred media, confirm a
detection, draw the channel network, read the alert inbox; a viewer gets no analyst buttons;
right-to-left text is laid out right to left; hostile message text stays inert and readable.

Every page visited is saved as a full-page screenshot in ``test-artifacts/screenshots/``.
Skipped, with the reason, without ``/usr/bin/chromium`` or Python ``playwright``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
from tests.browser.conftest import (
    ALERT_TITLE,
    ANALYST,
    HOSTILE_ENTITY,
    HOSTILE_LONG_WORD,
    HOSTILE_PROBE,
    HOSTILE_SCRIPT,
    VIEWER,
    Shots,
    Workspace,
    api_get,
    missing_browser,
    sign_in,
)

if (_reason := missing_browser()) is not None:
    pytest.skip(_reason, allow_module_level=True)

if TYPE_CHECKING:
    from playwright.sync_api import Page

#: A Tajik word of the demo's propaganda items (its hits carry highlighted evidence).
SEARCH_WORD = "рофизиён"


def test_sign_in_leads_to_the_dashboard(page: Page, shot: Shots) -> None:
    page.goto("/")
    assert "/login" in page.url  # no session: sent to the sign-in form
    shot(page, "login")
    page.fill("input[name=name]", ANALYST)
    page.fill("input[name=password]", "wrong password!")
    page.click("button[type=submit]")
    assert "Wrong name or password" in page.inner_text("[role=alert]")
    shot(page, "login-failed")
    sign_in(page, ANALYST)
    assert urlsplit(page.url).path == "/"
    assert page.get_attribute("body", "data-user") == ANALYST
    assert page.get_attribute("body", "data-role") == "analyst"
    shot(page, "dashboard")


def test_search_finds_items(page: Page, shot: Shots) -> None:
    sign_in(page, ANALYST, next_path="/search")
    shot(page, "search-empty")
    page.fill("#search-q", SEARCH_WORD)
    with page.expect_navigation():
        page.press("#search-q", "Enter")
    hits = page.locator(".hit a")
    hits.first.wait_for()
    assert hits.count() >= 3
    total = int(page.get_attribute("#search-total", "data-total") or 0)
    assert total >= hits.count()
    assert page.input_value("#search-q") == SEARCH_WORD
    shot(page, "search-results")


def test_open_an_item_from_search_shows_its_evidence(page: Page, shot: Shots) -> None:
    sign_in(page, ANALYST, next_path=f"/search?q={SEARCH_WORD}")
    first = page.locator(".hit a").first
    href = first.get_attribute("href") or ""
    with page.expect_navigation():
        first.click()
    assert page.url.endswith(href)
    marks = page.locator("#item-text mark")
    assert marks.count() >= 1
    assert marks.first.inner_text().strip()
    assert page.locator("table.detections tbody tr").count() >= 1
    shot(page, "item")


def test_an_analyst_reveals_blurred_media(page: Page, shot: Shots, workspace: Workspace) -> None:
    sign_in(page, ANALYST, next_path=f"/items/{workspace.items['photo']}")
    assert page.locator(".media-blurred").count() == 1
    assert page.locator(".media-revealed").count() == 0
    shot(page, "item-media-blurred")
    page.click("#reveal-media")
    revealed = page.locator(".media-revealed")
    revealed.wait_for()
    assert "photo" in revealed.inner_text()
    shot(page, "item-media-revealed")


def test_an_analyst_confirms_a_detection(page: Page, shot: Shots, workspace: Workspace) -> None:
    pk = workspace.items["label"]
    sign_in(page, ANALYST, next_path=f"/items/{pk}")
    row = page.locator(".label-row").first
    label = row.get_attribute("data-label") or ""
    assert label
    shot(page, "item-before-label")
    row.locator(".label-confirm").click()
    page.locator(".label-row.label-done").first.wait_for()
    assert "confirmed" in row.inner_text()
    shot(page, "item-labelled")
    stored = api_get(workspace, f"/api/labels?item={pk}&by={ANALYST}")
    decisions = {x["label"]: x["decision"] for x in stored["labels"]}
    assert decisions.get(label) == "confirm", stored
    page.reload()  # the decision is shown after a reload too
    assert page.get_attribute(f'.label-row[data-label="{label}"]', "data-decision") == "confirm"


def test_the_network_view_draws_channels(page: Page, shot: Shots) -> None:
    sign_in(page, ANALYST, next_path="/network")
    canvas = page.locator("#network-canvas[data-nodes]")
    canvas.wait_for()
    assert int(canvas.get_attribute("data-nodes") or 0) > 0
    shot(page, "network")


def test_the_alert_inbox_lists_alerts(page: Page, shot: Shots) -> None:
    sign_in(page, ANALYST, next_path="/alerts")
    inbox = page.locator("#alert-inbox")
    assert ALERT_TITLE in inbox.inner_text()
    alert = inbox.locator(".alert").first
    assert alert.get_attribute("data-status") == "new"
    shot(page, "alerts")
    alert.locator('.alert-status[data-status="seen"]').click()
    page.locator('#alert-inbox .alert[data-status="seen"]').wait_for()
    page.reload()
    assert page.locator("#alert-inbox .alert").first.get_attribute("data-status") == "seen"
    shot(page, "alerts-seen")


def test_a_viewer_gets_no_reveal_or_label_buttons(
    page: Page, shot: Shots, workspace: Workspace
) -> None:
    sign_in(page, VIEWER, next_path=f"/items/{workspace.items['photo']}")
    assert page.locator(".media-blurred").count() == 1
    assert page.locator("#reveal-media").count() == 0
    shot(page, "item-media")
    page.goto(f"/items/{workspace.items['label']}")
    assert page.locator(".label-row").count() >= 1  # decisions are shown...
    assert page.locator(".label-confirm, .label-reject").count() == 0  # ...not offered
    shot(page, "item-labels")


def test_right_to_left_text_is_laid_out_right_to_left(
    page: Page, shot: Shots, workspace: Workspace
) -> None:
    sign_in(page, ANALYST, next_path=f"/items/{workspace.items['rtl']}")
    direction = page.evaluate("getComputedStyle(document.getElementById('item-text')).direction")
    assert direction == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "ltr"  # the page isn't
    shot(page, "item")


def test_hostile_text_is_inert_and_readable(page: Page, shot: Shots, workspace: Workspace) -> None:
    sign_in(page, ANALYST, next_path=f"/items/{workspace.items['hostile']}")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    text = page.inner_text("#item-text")
    assert HOSTILE_SCRIPT in text and HOSTILE_ENTITY in text
    assert HOSTILE_LONG_WORD in text
    assert page.locator("main img, main script, #item-text b").count() == 0
    assert page.locator("#item-text .bidi-ctl").count() >= 1  # the override is shown, inert
    # The 5,000-character word wraps: the page does not scroll sideways.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow} px wider than the window"
    shot(page, "item")
    page.goto(f"/search?q={HOSTILE_PROBE}")
    page.locator(".hit a").first.wait_for()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert HOSTILE_SCRIPT in page.inner_text("#search-hits")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the search page is {overflow} px wider than the window"
    shot(page, "search")
