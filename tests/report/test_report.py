"""Written briefs (`propwatch report`): what an analyst reads, built from the demo corpus.

The demo database is built once per module (ingest of the demo Telegram export and articles);
hostile and payment items go into a small database of their own.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from markupsafe import escape
from tests.conftest import analysed, make_item

from propwatch.api import ingest
from propwatch.cli.report_cmd import report_command
from propwatch.report import Brief, collect_brief, render_html
from propwatch.report.charts import line_chart
from propwatch.report.methods import build_caveats
from propwatch.report.pdf import pdf_available
from propwatch.report.records import F1_TARGET, FPR_TARGET
from propwatch.store import Store, open_store

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "src" / "propwatch" / "data" / "demo"

HOSTILE_CHANNEL = "<img src=x onerror=alert(1)>\u202eNews"
#: A slur from the public reporting the taxonomy quotes, wrapped in markup and bidi overrides.
HOSTILE_TEXT = (
    "Rawafidh are the donkeys of the Jews <script>alert(1)</script> "
    "\u202egnp.exe\u202c \u2066isolated\u2069 end"
)
#: EIP-55 test vector (docs/signals.md), in a news-style sentence.
WALLET = "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"
WALLET_TEXT = f"Police said the channel asked followers for donations to the wallet {WALLET}."


def esc(text: str) -> str:
    """As the brief's template escapes text."""
    return str(escape(text))


def _run(*args: str) -> Result:
    return CliRunner().invoke(report_command, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with open_store(str(path)) as store:
        report = ingest([DEMO / "result.json", DEMO / "articles"], store)
        assert report.totals.ingested > 150
    return str(path)


@pytest.fixture(scope="module")
def demo_brief(demo_db: str) -> Brief:
    with open_store(demo_db) as store:
        return collect_brief(store)


@pytest.fixture(scope="module")
def demo_html(demo_brief: Brief) -> str:
    return render_html(demo_brief)


@pytest.fixture
def hostile_db(db_url: str) -> Iterator[Store]:
    """Hostile and payment items, on SQLite (and PostgreSQL when configured)."""
    day = datetime(2024, 5, 2, 9, 0, tzinfo=UTC)
    items = [
        make_item(HOSTILE_TEXT, "1", "telegram:555", name=HOSTILE_CHANNEL, date=day),
        make_item(WALLET_TEXT, "2", "telegram:555", name=HOSTILE_CHANNEL, date=day),
    ]
    with open_store(db_url) as store:
        store.write(analysed(*items))
        yield store


# -- content ----------------------------------------------------------------------------------


def test_brief_names_the_top_narratives_with_charts(demo_brief: Brief, demo_html: str) -> None:
    names = [n.name for n in demo_brief.narratives]
    assert names[0] == "Anti-Shia" and len(names) == 5
    for name in names:
        assert esc(name) in demo_html
    assert demo_html.count("<svg") >= 2 + len(names)  # overview, narratives, one per row
    assert "<script" not in demo_html and "http://" not in demo_html.split("<body>")[0]
    for section in ("summary", "narratives", "evidence", "timeline", "methods", "caveats"):
        assert f'<section id="{section}">' in demo_html
    assert "Automated output: verify before citing" in demo_html


def test_narrative_counts_agree_with_detection_stats(demo_db: str, demo_brief: Brief) -> None:
    with open_store(demo_db) as store:
        stats = store.detection_stats()
        total = store.stats()["messages"]
    assert demo_brief.corpus.items == total
    assert demo_brief.corpus.propaganda == stats["propaganda"]
    for narrative in demo_brief.narratives:
        assert narrative.items == stats["by_label"][narrative.id]
        assert 0 < narrative.propaganda <= narrative.items
        assert sum(narrative.series) <= narrative.items  # undated items are not charted
    counts = [n.items for n in demo_brief.narratives]
    assert counts == sorted(counts, reverse=True)


def test_events_timeline_lists_figures_with_attribution(demo_brief: Brief, demo_html: str) -> None:
    crocus = [e for e in demo_brief.timeline if "Crocus City Hall" in e.place]
    assert len(crocus) == 1 and crocus[0].date == "2024-03-22"
    figures = {(f.kind, f.value, f.attribution) for f in crocus[0].figures}
    # Conflicting figures stay apart, each with its own attribution.
    assert ("killed", 145, "следствия") in figures
    assert ("killed", 130, "Russian investigators") in figures
    kerman = next(e for e in demo_brief.timeline if e.date == "2024-01-03")
    assert kerman.claimed_by[0].value == "Islamic State" and kerman.source_count >= 3
    assert '<section id="timeline">' in demo_html
    timeline = demo_html.split('<section id="timeline">')[1].split("</section>")[0]
    assert "3 January 2024" in timeline and "22 March 2024" in timeline
    assert "according to <bdi>Russian investigators</bdi>" in timeline
    assert re.search(r"at least\s+<strong>95</strong>", timeline)


def test_evidence_quotes_carry_channel_and_message_id(demo_brief: Brief, demo_html: str) -> None:
    evidence = demo_html.split('<section id="evidence">')[1].split("</section>")[0]
    quoted = 0
    for narrative in demo_brief.narratives:
        assert narrative.evidence, narrative.id
        for item in narrative.evidence:
            ref = item.item
            assert f'href="#item-{ref.pk}"' in evidence
            assert esc(ref.channel) in evidence and ref.raw_sha256 in evidence
            assert f'message <code class="wrap">{esc(ref.message_id)}</code>' in evidence
            for quote in item.quotes:
                assert f">{esc(quote.match)}</mark>" in evidence
                quoted += 1
    assert quoted >= 10


def test_every_link_in_the_brief_resolves(demo_html: str) -> None:
    targets = set(re.findall(r'href="#([^"]+)"', demo_html))
    ids = set(re.findall(r'id="([^"]+)"', demo_html))
    assert targets and targets <= ids, sorted(targets - ids)[:5]
    # Every cited item has its provenance line and a workspace link.
    for pk in re.findall(r'id="item-(\d+)"', demo_html):
        assert f'href="propwatch://item/{pk}"' in demo_html


def test_methods_and_caveats_state_components_and_quality(demo_brief: Brief) -> None:
    methods = demo_brief.methods
    components = {c.component for c in methods.components}
    assert {"detector", "lexicon", "extract", "signals"} <= components
    assert methods.pack_terms > 500 and methods.model is not None
    assert methods.lexicon_versions == [methods.pack_version]
    titles = [c.title for c in demo_brief.caveats]
    assert titles[0] == "Automated output: verify before citing"
    assert any(t.startswith("Detection quality") for t in titles)
    assert "Extraction limits" in titles
    # A language is flagged exactly when its measured quality misses a target; the shipped
    # model meets both in every test set (docs/detection.md), so the brief flags none.
    assert demo_brief.metrics
    for m in demo_brief.metrics:
        assert m.flagged == (m.fpr > FPR_TARGET or m.f1 < F1_TARGET), m
    assert not any(m.flagged for m in demo_brief.metrics)
    assert "Detection quality by language" not in titles


def test_a_language_below_target_gets_its_own_caveat(demo_brief: Brief) -> None:
    weak = dataclasses.replace(demo_brief.metrics[0], fpr=0.147, f1=0.861)
    caveats = build_caveats(demo_brief.corpus, demo_brief.methods, [weak])
    text = {c.title: c.text for c in caveats}["Detection quality by language"]
    assert f"{weak.language}: F1 0.86, false-positive rate 15%" in text


def test_new_entities_are_first_seen_in_the_period(demo_db: str) -> None:
    since = datetime(2024, 3, 1, tzinfo=UTC)
    with open_store(demo_db) as store:
        brief = collect_brief(store, since=since)
    assert brief.new_entity_totals
    for entities in brief.new_entities.values():
        for entity in entities:
            assert entity.first_seen is not None and entity.first_seen >= since.replace(tzinfo=None)
            assert entity.first_item is not None
    names = {e.name for group in brief.new_entities.values() for e in group}
    assert "Crocus City Hall" in names and "Islamic State" not in names  # seen before March


# -- filters ----------------------------------------------------------------------------------


def test_since_until_keep_the_window(demo_db: str, tmp_path: Path) -> None:
    out = tmp_path / "march.html"
    result = _run("--db", demo_db, "--since", "2024-03-01", "--until", "2024-04-01", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert f"wrote brief {out}" in result.stderr
    with open_store(demo_db) as store:
        brief = collect_brief(
            store, since=datetime(2024, 3, 1, tzinfo=UTC), until=datetime(2024, 4, 1, tzinfo=UTC)
        )
    assert 0 < brief.corpus.items < 30
    for item in brief.items.values():
        assert item.date is not None and datetime(2024, 3, 1) <= item.date < datetime(2024, 4, 1)
    assert brief.granularity == "day"
    page = out.read_text(encoding="utf-8")
    assert "Crocus City Hall" in page and "2024-03-01" in page
    assert "Kerman" not in page.split('<section id="timeline">')[1].split("</section>")[0]


def test_channel_filter_keeps_one_channel(demo_db: str, tmp_path: Path) -> None:
    with open_store(demo_db) as store:
        brief = collect_brief(store, channel="Sadoi Khuroson (demo)")
    assert brief.corpus.channel_total == 1 and brief.corpus.items == 20
    assert {item.channel for item in brief.items.values()} == {"telegram:1900000101"}
    out = tmp_path / "sadoi.html"
    result = _run("--db", demo_db, "--channel", "1900000101", "-o", str(out))
    assert result.exit_code == 0 and "20 items, 1 channels" in result.stderr
    assert "Хорасанский вестник" not in out.read_text(encoding="utf-8")


def test_unknown_channel_and_empty_database_say_nothing_was_found(
    demo_db: str, tmp_path: Path
) -> None:
    out = tmp_path / "none.html"
    result = _run("--db", demo_db, "--channel", "no such channel", "-o", str(out))
    assert result.exit_code == 0 and "nothing found" in result.stderr
    page = out.read_text(encoding="utf-8")
    assert "Nothing found" in page and "There is no channel named" in page
    empty = tmp_path / "empty.html"
    result = _run("--db", str(tmp_path / "empty.db"), "-o", str(empty))
    assert result.exit_code == 0, result.output
    page = empty.read_text(encoding="utf-8")
    assert "Nothing found" in page and "No items were found in this database" in page
    assert '<section id="caveats">' in page and "<svg" not in page


def test_wrong_use_exits_2(demo_db: str, tmp_path: Path) -> None:
    result = _run("--db", demo_db, "-o", str(tmp_path / "brief.docx"))
    assert result.exit_code == 2 and "brief.html" in result.stderr
    result = _run(
        "--db", demo_db, "--since", "2024-05-01", "--until", "2024-01-01",
        "-o", str(tmp_path / "b.html"),
    )  # fmt: skip
    assert result.exit_code == 2 and "--since must be before --until" in result.stderr
    result = _run("--db", demo_db, "-o", str(tmp_path / "missing" / "b.html"))
    assert result.exit_code == 2 and "does not exist" in result.stderr
    assert not (tmp_path / "b.html").exists()


# -- hostile input ----------------------------------------------------------------------------


def test_hostile_text_renders_inert(hostile_db: Store) -> None:
    brief = collect_brief(hostile_db)
    assert brief.narratives and brief.narratives[0].evidence  # the hostile item is quoted
    page = render_html(brief)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    for control in ("\u202e", "\u202c", "\u2066", "\u2069"):
        assert control not in page
    assert "[U+202E]gnp.exe[U+202C]" in page
    assert "onerror=alert(1)>" not in page


def test_chart_labels_are_escaped() -> None:
    svg = str(
        line_chart(
            [datetime(2024, 1, 1).date()],
            [("<script>alert(1)</script>\u202e", [3])],
            "day",
            title='"><script>x</script>',
        )
    )
    assert "<script>" not in svg and "\u202e" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;[U+202E]" in svg


def test_wallets_are_listed_with_their_items(hostile_db: Store) -> None:
    brief = collect_brief(hostile_db)
    wallets = [p for p in brief.payments if p.reason == "wallet"]
    assert len(wallets) == 1
    wallet = wallets[0]
    assert wallet.type == "eth_address" and wallet.value.lower() == WALLET
    assert [i.message_id for i in wallet.items] == ["2"]
    assert wallet.value in render_html(brief)


# -- PDF --------------------------------------------------------------------------------------


@pytest.mark.skipif(not pdf_available(), reason="WeasyPrint (propwatch[pdf]) is not installed")
def test_pdf_is_written(demo_db: str, tmp_path: Path) -> None:
    out = tmp_path / "brief.pdf"
    result = _run("--db", demo_db, "--since", "2024-03-01", "--until", "2024-04-01", "-o", str(out))
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 10_000
