"""What a document's own date does to the events it reports, and when it only names a month."""

from __future__ import annotations

from datetime import date

from propwatch.extract.dates import find_dates
from propwatch.extract.extractor import default_extractor

CLAIM = (
    "The Islamic State has claimed the attack on Crocus City Hall in Krasnogorsk, "
    "with at least 40 people reported dead."
)


def test_an_undated_event_stays_undated_even_in_a_dated_report() -> None:
    # A follow-up report days later would otherwise date the attack to its own day.
    events = default_extractor().extract(CLAIM, "en", doc_date=date(2024, 3, 25)).events
    assert len(events) == 1 and events[0].date is None


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
    # The month of the document dates "in April" to the right year in an extracted event.
    events = default_extractor().extract(
        "ISKP fired rockets at Termez in April.", "en", doc_date=date(2022, 8, 1),
        doc_precision="month",
    ).events
    assert [e.date.value if e.date else None for e in events] == ["2022-04"]

