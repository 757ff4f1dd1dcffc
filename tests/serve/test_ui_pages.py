"""The web pages: every page renders for a signed-in viewer, evidence is highlighted, media stay
blurred, hostile text renders inert, right-to-left text is isolated, assets ship offline."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import insert, select
from tests.conftest import REPO, analysed, make_item

from propwatch.api import ingest
from propwatch.graph.model import GraphEvent
from propwatch.serve import accounts
from propwatch.serve.app import STATIC_DIR, TEMPLATES_DIR, create_app
from propwatch.serve.routes.ui import bar_chart, time_chart
from propwatch.serve.ui_queries import (
    Series,
    dashboard,
    group_events,
    label_queue,
    segments,
    snippet_segments,
)
from propwatch.store import Store, schema
from propwatch.store.graph_queries import MessageRef

DEMO = REPO / "src" / "propwatch" / "data" / "demo" / "result.json"
PASSWORD = "correct horse battery"
LONG_WORD = "W" * 5000
HOSTILE = (
    "<script>alert(1)</script> &lt;b&gt;bold&lt;/b&gt; "
    "\u202eevil\u202c normal text " + LONG_WORD + " end"
)
ARABIC = "أعلنت الدولة الإسلامية مسؤوليتها عن الهجوم عبر وكالة أعماق"
MEDIA_PATH = "photos/secret_photo_17@2024.jpg"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    db = f"sqlite:///{tmp_path_factory.mktemp('ui') / 'ui.db'}"
    application = create_app(db)
    store: Store = application.state.store
    ingest([DEMO], store, workers=0)
    store.write(
        analysed(
            make_item(HOSTILE, "9001", "telegram:999", name="<b>Hostile</b> \u202echannel"),
            make_item(ARABIC, "9002", "telegram:999", name="<b>Hostile</b> \u202echannel"),
            make_item(
                "Amaq: the Islamic State claimed the attack.",
                "9003",
                "telegram:999",
                name="<b>Hostile</b> \u202echannel",
                media={"type": "photo", "path": MEDIA_PATH, "width": 800, "height": 600},
            ),
        )
    )
    for name, role in (("vera", "viewer"), ("ana", "analyst"), ("adam", "admin")):
        accounts.create_user(store, name, role, PASSWORD)
    with TestClient(application) as client:
        client.get("/health")
        yield application


def _client(app: FastAPI, name: str | None) -> TestClient:
    client = TestClient(app, follow_redirects=False)
    if name:
        response = client.post("/login", data={"name": name, "password": PASSWORD, "next": "/"})
        assert response.status_code == 303, response.text
    return client


@pytest.fixture(scope="module")
def viewer(app: FastAPI) -> TestClient:
    return _client(app, "vera")


@pytest.fixture(scope="module")
def analyst(app: FastAPI) -> TestClient:
    return _client(app, "ana")


@pytest.fixture(scope="module")
def admin(app: FastAPI) -> TestClient:
    return _client(app, "adam")


def _store(app: FastAPI) -> Store:
    store: Store = app.state.store
    return store


def _pk(app: FastAPI, message_id: str, channel: str = "telegram:999") -> int:
    m, c = schema.messages, schema.channels
    with _store(app).engine.connect() as conn:
        return int(
            conn.execute(
                select(m.c.id)
                .join(c, c.c.id == m.c.channel_id)
                .where(m.c.message_id == message_id, c.c.key == channel)
            ).scalar_one()
        )


class _Tree(HTMLParser):
    """Records, for each text node, the attributes of every element enclosing it."""

    VOID = frozenset({"meta", "link", "input", "br", "img", "hr", "source", "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.texts: list[tuple[str, list[tuple[str, dict[str, str | None]]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.stack.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data: str) -> None:
        self.texts.append((data, list(self.stack)))


def _enclosing(html: str, needle: str) -> list[tuple[str, dict[str, str | None]]]:
    tree = _Tree()
    tree.feed(html)
    for data, stack in tree.texts:
        if needle in data:
            return stack
    raise AssertionError(f"{needle[:30]!r} not in the page text")


# -- access -----------------------------------------------------------------------------------


def test_page_without_session_redirects_to_login(app: FastAPI) -> None:
    response = _client(app, None).get("/search?q=amaq")
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=%2Fsearch%3Fq%3Damaq"


def test_every_page_renders_for_a_viewer(app: FastAPI, viewer: TestClient) -> None:
    with _store(app).engine.connect() as conn:
        entity_id = int(conn.execute(select(schema.entities.c.id).limit(1)).scalar_one())
    pages = [
        "/", "/search", "/search?q=amaq", "/search?label=anti_shia",
        f"/items/{_pk(app, '9003')}", "/entities", f"/entities/{entity_id}", "/events",
        "/network", "/alerts", "/labels",
    ]  # fmt: skip
    for page in pages:
        response = viewer.get(page)
        assert response.status_code == 200, page
        assert response.headers["content-type"].startswith("text/html")
        assert '<meta name="csrf-token" content="' in response.text
        assert "default-src 'self'" in response.headers["content-security-policy"]
        assert "vera" in response.text  # the signed-in user, in the header


def test_admin_page_is_for_admins_only(viewer: TestClient, admin: TestClient) -> None:
    refused = viewer.get("/admin")
    assert refused.status_code == 403
    assert "admin role" in refused.text and "<html" in refused.text
    page = admin.get("/admin")
    assert page.status_code == 200
    users = page.text[page.text.index('id="admin-users"') :]
    assert "vera" in users and "analyst" in users
    assert re.search(r"<td>login</td>", page.text)  # the sign-ins are in the audit log
    assert "password_hash" not in page.text and "$argon2" not in page.text


def test_missing_item_is_a_404_page(viewer: TestClient) -> None:
    for path in ("/items/987654321", "/items/99999999999999999999999", "/items/abc"):
        response = viewer.get(path)
        assert response.status_code == 404, path
        assert "Not found" in response.text


# -- items ------------------------------------------------------------------------------------


def test_item_page_marks_the_evidence(app: FastAPI, viewer: TestClient) -> None:
    a, m = schema.annotations, schema.messages
    with _store(app).engine.connect() as conn:
        row = conn.execute(
            select(a.c.message_pk, a.c.data, m.c.text)
            .join(m, m.c.id == a.c.message_pk)
            .where(a.c.kind == "detection", a.c.score >= 0.9)
            .order_by(a.c.id)
            .limit(1)
        ).one()
    span = row.data["evidence"][0]
    evidence = row.text[span["start"] : span["end"]]
    html = viewer.get(f"/items/{row.message_pk}").text
    assert re.search(r"<mark[^>]*>" + re.escape(evidence) + "</mark>", html)
    assert "Detections" in html and "Provenance" in html
    assert re.search(r"<code class=\"hash\">[0-9a-f]{64}</code>", html)  # raw SHA-256


def test_media_stays_blurred_and_only_analysts_can_reveal(
    app: FastAPI, viewer: TestClient, analyst: TestClient
) -> None:
    pk = _pk(app, "9003")
    seen = viewer.get(f"/items/{pk}").text
    assert 'class="media-blurred"' in seen and "800×600" in seen
    assert "secret_photo" not in seen and MEDIA_PATH not in seen
    assert 'id="reveal-media"' not in seen
    as_analyst = analyst.get(f"/items/{pk}").text
    assert 'id="reveal-media"' in as_analyst and "secret_photo" not in as_analyst


def test_hostile_text_renders_inert(app: FastAPI, viewer: TestClient) -> None:
    pk = _pk(app, "9001")
    for html in (viewer.get(f"/items/{pk}").text, viewer.get("/search?q=normal+text").text):
        assert "<script>alert(1)" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "&amp;lt;b&amp;gt;bold" in html  # shown as typed, not decoded
        assert "<b>Hostile</b>" not in html and "&lt;b&gt;Hostile&lt;/b&gt;" in html
        # Bidi overrides from the data are shown as markers, never applied.
        assert 'class="bidi-ctl" title="U+202E RIGHT-TO-LEFT OVERRIDE">RLO</span>' in html
        assert "\u202e" not in html and "[RLO]channel" in html  # the channel's name
        # our own scripts are the only ones
        assert html.count("<script") == html.count('<script src="/static/')
    item = viewer.get(f"/items/{pk}").text
    assert LONG_WORD in item  # the long word is there in full (the CSS wraps it)
    stack = _enclosing(item, "normal text")
    assert any(attrs.get("dir") == "auto" for _, attrs in stack)


def test_arabic_text_sits_in_a_dir_auto_element(app: FastAPI, viewer: TestClient) -> None:
    html = viewer.get(f"/items/{_pk(app, '9002')}").text
    stack = _enclosing(html, "أعلنت")
    assert stack[-1][1].get("dir") == "auto"
    found = viewer.get("/search?q=" + "أعماق").text
    assert any(a.get("dir") == "auto" for _, a in _enclosing(found, "الدولة"))


# -- search, dashboard, entities, events ------------------------------------------------------


def test_search_highlights_the_matching_words(viewer: TestClient) -> None:
    html = viewer.get("/search", params={"q": "хуросон"}).text
    assert 'id="search-form"' in html and 'id="search-q"' in html
    hits = re.findall(r'<li class="hit" data-id="(\d+)">', html)
    assert hits
    assert re.search(
        r'<li class="hit"[^>]*>\s*<div class="hit-head">\s*<a href="/items/\d+">', html
    )
    marked = re.findall(r"<mark>([^<]+)</mark>", html)
    assert marked and all("хуросон" in w.lower() or "xuroson" in w.lower() for w in marked[:3])


def test_search_reports_bad_input_without_failing(viewer: TestClient) -> None:
    html = viewer.get("/search", params={"q": "amaq", "since": "99999-01-01"}).text
    assert "is not a date" in html
    html = viewer.get("/search", params={"q": "!!! ---"}).text
    assert 'class="error"' in html


def test_dashboard_draws_volumes_over_time(viewer: TestClient) -> None:
    html = viewer.get("/").text
    assert html.count('<svg class="chart-svg"') == 3
    assert "anti_shia" in html and "<polyline" in html and "<rect" in html
    assert "showing the data's own range" in html  # the demo data is older than 90 days


def test_dashboard_counts_follow_the_window(app: FastAPI) -> None:
    store = _store(app)
    data = dashboard(store, 30, today=date(2024, 1, 31))
    assert not data.shifted and data.start == date(2024, 1, 2) and len(data.days) == 30
    m = schema.messages
    with store.engine.connect() as conn:
        expected = conn.execute(
            select(m.c.id).where(m.c.date >= datetime(2024, 1, 2), m.c.date < datetime(2024, 2, 1))
        ).all()
    assert sum(s.total for s in data.languages) == len(expected) == data.totals["messages"]
    assert sum(s.total for s in data.channels) == len(expected)
    assert len(data.channels) <= 9


def test_entity_page_groups_aliases_by_script(app: FastAPI, viewer: TestClient) -> None:
    e = schema.entities
    with _store(app).engine.connect() as conn:
        rows = conn.execute(
            select(e.c.id, e.c.aliases).where(e.c.mention_count > 1).order_by(e.c.id)
        ).all()
    entity_id = next(
        r.id
        for r in rows
        if any(re.search("[а-я]", a) for a in r.aliases or [])
        and any(re.search("[a-z]", a) for a in r.aliases or [])
    )
    html = viewer.get(f"/entities/{entity_id}").text
    assert 'data-script="Cyrl"' in html and 'data-script="Latn"' in html
    assert "Mentions per month" in html and "<rect" in html
    listing = viewer.get("/entities", params={"name": "Khorasan"}).text
    assert 'href="/entities/' in listing


def test_events_put_different_figures_side_by_side() -> None:
    ref_a = MessageRef(1, "telegram:1", "Agency A", "10", datetime(2024, 1, 4))
    ref_b = MessageRef(2, "telegram:2", "Channel B", "20", datetime(2024, 1, 5))

    def event(pk: int, killed: int, qualifier: str, attribution: str | None) -> GraphEvent:
        data = {
            "killed": [{"value": killed, "qualifier": qualifier, "attribution": attribution}],
            "injured": [], "claimed_by": ["Islamic State"],
        }  # fmt: skip
        return GraphEvent(pk, pk, "attack", "2024-01-03", None, ["Kerman"], "Iran", data)

    groups = group_events(
        [event(1, 84, "at_least", "health ministry"), event(2, 95, "exact", None)],
        {1: ref_a, 2: ref_b},
    )
    assert len(groups) == 1 and groups[0].conflict
    rows = groups[0].rows
    assert [(r.killed, r.qualifier, r.attribution) for r in rows] == [
        ("84", "at least", "health ministry"),
        ("95", "exactly", ""),
    ]


def test_events_group_reports_of_one_event_only() -> None:
    def ref(pk: int, day: int) -> MessageRef:
        return MessageRef(pk, "telegram:1", "A", str(pk), datetime(2024, 3, day, 9))

    def event(pk: int, kind: str, when: str | None, places: list[str]) -> GraphEvent:
        return GraphEvent(pk, pk, kind, when, None, places, "Russia", {})

    events = [
        event(1, "attack", "2024-03-22", ["Crocus City Hall", "Krasnogorsk"]),
        event(2, "shooting", None, ["Krasnogorsk"]),  # reported two days later: the same
        event(3, "attack", "2024-03-02", ["Krasnogorsk"]),  # the same town, another day
        event(4, "attack", None, ["Russia"]),  # only the country: not enough
        event(5, "attack", None, ["Crocus City Hall"]),  # a month later, no date
    ]
    refs = {1: ref(1, 22), 2: ref(2, 24), 3: ref(3, 2), 4: ref(4, 23), 5: ref(5, 30)}
    refs[5] = MessageRef(5, "telegram:1", "A", "5", datetime(2024, 4, 25))
    groups = group_events(events, refs)
    together = {tuple(r.event.id for r in g.rows) for g in groups}
    assert together == {(1, 2), (3,), (4,), (5,)}
    first = next(g for g in groups if len(g.rows) == 2)
    assert first.date == "2024-03-22" and first.type in ("attack, shooting", "shooting, attack")
    assert [g.rows[0].event.id for g in groups] == [5, 4, 1, 3]  # newest first


def test_a_reported_day_does_not_split_an_event() -> None:
    """ "..., officials said on Saturday": a report dated only by the day its source spoke
    joins the attack another report dates to the Friday."""

    def ref(pk: int, day: int) -> MessageRef:
        return MessageRef(pk, "telegram:1", "A", str(pk), datetime(2024, 11, day, 9))

    events = [
        GraphEvent(1, 1, "bombing", "2024-11-08", "Friday", ["Quetta"], "Pakistan",
                   {"date_resolution": "weekday"}),
        GraphEvent(2, 2, "bombing", "2024-11-09", "Saturday", ["Quetta"], "Pakistan",
                   {"date_resolution": "reported"}),
    ]  # fmt: skip
    groups = group_events(events, {1: ref(1, 9), 2: ref(2, 9)})
    assert [len(g.rows) for g in groups] == [2]
    assert groups[0].date == "2024-11-08"


def test_events_page_lists_the_demo_events(viewer: TestClient) -> None:
    html = viewer.get("/events").text
    assert 'id="event-timeline"' in html
    assert "Shah Cheragh shrine" in html and re.search(r'<td class="n">13</td>', html)


# -- network, alerts, labels ------------------------------------------------------------------


def test_network_page_loads_its_script(viewer: TestClient) -> None:
    html = viewer.get("/network").text
    assert 'id="network-canvas"' in html and 'data-src="/api/graph/channels"' in html
    assert '<script src="/static/network.js"></script>' in html


def test_alert_inbox_lists_alerts(app: FastAPI, viewer: TestClient, analyst: TestClient) -> None:
    with _store(app).engine.begin() as conn:
        conn.execute(
            insert(schema.alerts).values(
                rule="spike", dedupe_key="spike:test", at=datetime(2024, 5, 1, 12, 0),
                severity="high", title="<img src=x onerror=alert(1)> spike in anti_shia",
                message_pk=_pk(app, "9003"), status="new",
            )
        )  # fmt: skip
    html = viewer.get("/alerts").text
    inbox = html[html.index('id="alert-inbox"') :]
    assert "&lt;img src=x onerror=alert(1)&gt; spike" in inbox and "<img src=x" not in html
    assert 'class="alert-status"' not in html  # viewers only read
    assert 'class="alert-status"' in analyst.get("/alerts?status=new").text
    assert 'id="alert-badge"' in html


def test_labelling_queue(app: FastAPI, viewer: TestClient, analyst: TestClient) -> None:
    shown = viewer.get("/labels").text
    assert 'id="label-queue"' in shown and "label-confirm" not in shown
    html = analyst.get("/labels").text
    first = re.search(r'<div class="label-row" data-item="(\d+)" data-label="([^"]+)"', html)
    assert first and 'class="label-confirm"' in html and 'class="label-reject"' in html
    store = _store(app)
    total, items = label_queue(store, "ana")
    item = next(i for i in items if i.pk == int(first.group(1)))
    with store.engine.begin() as conn:
        for label, _, _ in item.detections:
            conn.execute(
                insert(schema.item_labels).values(
                    message_pk=item.pk,
                    label=label,
                    decision="confirm",
                    user_name="ana",
                    at=datetime.now(UTC).replace(tzinfo=None),
                )
            )
    after, rest = label_queue(store, "ana")
    assert after == total - 1 and item.pk not in {i.pk for i in rest}
    assert label_queue(store, "vera")[0] == total  # decisions are per analyst
    page = analyst.get(f"/items/{item.pk}").text
    assert 'label-row label-done" data-item' in page and "confirmed" in page


def test_label_buttons_post_to_the_api_and_viewers_are_refused(
    app: FastAPI, viewer: TestClient, analyst: TestClient
) -> None:
    def csrf(client: TestClient) -> str:
        found = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/labels").text)
        assert found
        return found.group(1)

    html = analyst.get("/labels").text
    row = re.search(r'<div class="label-row" data-item="(\d+)" data-label="([^"]+)"', html)
    assert row
    body = {"item": int(row.group(1)), "label": row.group(2), "decision": "reject"}
    refused = viewer.post("/api/labels", json=body, headers={"X-CSRF-Token": csrf(viewer)})
    assert refused.status_code == 403
    done = analyst.post("/api/labels", json=body, headers={"X-CSRF-Token": csrf(analyst)})
    assert done.status_code == 200, done.text
    page = analyst.get(f"/items/{row.group(1)}").text
    assert f'data-label="{row.group(2)}" data-decision="reject"' in page


# -- assets -----------------------------------------------------------------------------------


def test_static_files_are_served(viewer: TestClient) -> None:
    for name, kind in (("app.css", "text/css"), ("app.js", "javascript"),
                       ("network.js", "javascript")):  # fmt: skip
        response = viewer.get(f"/static/{name}")
        assert response.status_code == 200 and kind in response.headers["content-type"]


def test_no_asset_is_loaded_from_the_network() -> None:
    files = [*Path(TEMPLATES_DIR).rglob("*.html"), *Path(STATIC_DIR).rglob("*")]
    assert len(files) >= 12
    for path in files:
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            assert "http://" not in text and "https://" not in text, path.name
            assert "//cdn" not in text and "@import" not in text, path.name


# -- pure helpers -----------------------------------------------------------------------------


def test_segments_merge_overlapping_evidence_and_expose_controls() -> None:
    text = "ab\u202ecdefgh"
    pieces = segments(text, [(1, 5, "x"), (4, 7, "y"), (50, 60, "z"), (6, 2, "bad")])
    assert "".join(p.text for p in pieces if not p.control) == "ab" + "cdefgh"
    marked = [(p.text, p.labels) for p in pieces if p.evidence and not p.control]
    assert marked == [("b", ("x",)), ("c", ("x",)), ("d", ("x", "y")), ("ef", ("y",))]
    control = next(p for p in pieces if p.control)
    assert control.control == "RLO" and control.text.startswith("U+202E")


def test_snippet_shortens_long_words_and_marks_hits() -> None:
    pieces = snippet_segments("one " + LONG_WORD + " khurasan two", ["khurasan"])
    assert any(p.evidence and p.text == "khurasan" for p in pieces)
    assert max(len(p.text) for p in pieces) <= 201


def test_charts_switch_to_weekly_bars_for_long_ranges() -> None:
    days = [date(2024, 1, 1) + (date(2024, 1, 2) - date(2024, 1, 1)) * i for i in range(200)]
    chart = time_chart(days, [Series("en", "en", [1] * 200)], stacked=True)
    assert chart.bucket == "week" and len(chart.series[0].bars) == 29
    assert chart.y_ticks[-1][1] == "10"  # 7 a week, rounded up to a nice 10
    short = time_chart(days[:30], [Series("en", "en", [0] * 30)], stacked=False)
    assert short.bucket == "day" and short.empty
    bars = bar_chart([("2024-01", 3), ("2024-02", 0), ("2024-03", 5)])
    assert len(bars.series[0].bars) == 2 and bars.series[0].total == 8
