"""What a document's own date does to the events it reports, and when it only names a month."""

from __future__ import annotations

from datetime import UTC, date, datetime

from tests.conftest import analysed, make_item

from propwatch.extract.dates import find_dates
from propwatch.extract.extractor import default_extractor
from propwatch.store import Store
from propwatch.store.graph_queries import list_events
from propwatch.store.graph_writer import REPORT_DATE_TEXT

CLAIM = (
    "The Islamic State has claimed the attack on Crocus City Hall in Krasnogorsk, "
    "with at least 40 people reported dead."
)
BACKGROUND = (
    "Officials met in Dushanbe to discuss border trade. Prices of flour rose again. "
    "The weather stayed dry. Analysts also recalled the bombing in Kabul that killed 12 people."
)


def test_an_undated_event_in_the_lead_takes_the_report_date_and_says_so() -> None:
    events = default_extractor().extract(CLAIM, "en", doc_date=date(2024, 3, 22)).events
    assert len(events) == 1 and events[0].date is not None
    assert (events[0].date.value, events[0].date.resolution) == ("2024-03-22", "document")


def test_without_a_document_date_the_event_stays_undated() -> None:
    events = default_extractor().extract(CLAIM, "en").events
    assert len(events) == 1 and events[0].date is None


def test_an_event_told_deep_in_the_text_is_not_dated_by_the_report() -> None:
    events = default_extractor().extract(BACKGROUND, "en", doc_date=date(2024, 3, 22)).events
    assert events and all(e.date is None for e in events)


def test_a_date_in_the_text_wins_over_the_report_date() -> None:
    text = "On 3 January 2024 two bombs exploded in Kerman, killing 84 people."
    events = default_extractor().extract(text, "en", doc_date=date(2024, 1, 5)).events
    assert events[0].date is not None
    assert (events[0].date.value, events[0].date.resolution) == ("2024-01-03", "explicit")


def test_a_document_known_to_the_month_resolves_months_but_not_weekdays() -> None:
    text = "Rockets hit Termez in April. The shrine was attacked on Wednesday."
    month = [d.value for d in find_dates(text, "en", date(2022, 8, 1), doc_precision="month")]
    assert month == ["2022-04"]
    day = [d.value for d in find_dates(text, "en", date(2022, 8, 1))]
    assert day == ["2022-04", "2022-07-27"]
    # No report date from a month: the lead's undated event stays undated.
    events = default_extractor().extract(
        CLAIM, "en", doc_date=date(2024, 3, 1), doc_precision="month"
    ).events
    assert events[0].date is None


def test_the_store_shows_a_report_dated_event_as_such(store: Store) -> None:
    when = datetime(2024, 3, 22, 21, 30, tzinfo=UTC)
    store.write(analysed(make_item(CLAIM, "7", "telegram:9", date=when)))
    (event,) = list_events(store)
    assert (str(event.date), event.date_text) == ("2024-03-22", REPORT_DATE_TEXT)
