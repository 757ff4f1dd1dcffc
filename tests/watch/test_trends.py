"""Daily series, spikes and before/after comparisons, on items stored through the pipeline."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from tests.conftest import analysed, make_item

from propwatch.store import Store
from propwatch.watch.reference import (
    ReferenceEventError,
    add_event,
    builtin_events,
    delete_event,
    list_events,
    update_event,
)
from propwatch.watch.trends import (
    before_after,
    daily_series,
    parse_day,
    spikes,
    spikes_in,
)

START = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
NEWS = "Следователи в Москве сообщили, что расследование нападения продолжается."
CLAIM = "Islamic State claimed the Crocus City Hall attack through Amaq, analysts said."


def fill(store: Store) -> None:
    """20 quiet days with one Russian news item each, then a day with 9 English reports."""
    items = [
        make_item(f"{NEWS} Day {i}.", f"n{i}", "telegram:1", date=START + timedelta(days=i))
        for i in range(20)
    ]
    spike_day = START + timedelta(days=20)
    items += [
        make_item(f"{CLAIM} Report {j}.", f"c{j}", "telegram:2", name="Monitor",
                  date=spike_day + timedelta(minutes=j))
        for j in range(9)
    ]  # fmt: skip
    store.write(analysed(*items))


# -- spikes on constructed series ----------------------------------------------------------

DAYS = [(datetime(2024, 1, 1) + timedelta(days=i)).date().isoformat() for i in range(30)]


def test_a_jump_above_a_noisy_baseline_is_a_spike() -> None:
    counts = [2, 3, 1, 2, 2, 3, 2, 1, 2, 3, 2, 2, 1, 3, 2, 2, 3, 2, 1, 2, 25, 3, 2, 2, 1, 2, 3,
              2, 2, 2]  # fmt: skip
    found = spikes_in(DAYS, counts, key="anti_shia", window=14, z=3.0, min_count=5)
    assert [s.day for s in found] == [DAYS[20]]
    spike = found[0]
    assert spike.count == 25 and spike.z > 10
    assert 1.5 < spike.mean < 2.5  # the 14 days before, the spike day excluded


def test_a_flat_series_has_no_spike() -> None:
    assert spikes_in(DAYS, [6] * 30, window=14, z=3.0, min_count=5) == []


def test_poisson_noise_and_small_counts_are_not_spikes() -> None:
    steady = [10] * 20 + [14] + [10] * 9  # +4 on a steady 10 is noise, not news
    assert spikes_in(DAYS, steady) == []
    quiet = [0] * 20 + [4] + [0] * 9  # below min_count
    assert spikes_in(DAYS, quiet, min_count=5) == []
    assert [s.day for s in spikes_in(DAYS, quiet, min_count=3)] == [DAYS[20]]


def test_days_without_enough_history_are_not_judged() -> None:
    counts = [9] + [0] * 29
    assert spikes_in(DAYS, counts, window=14) == []


# -- daily series from the database --------------------------------------------------------


def test_daily_series_by_language_is_zero_filled_and_finds_the_spike(store: Store) -> None:
    fill(store)
    series = daily_series(store, by="language")
    assert series["since"] == "2024-03-01" and series["until"] == "2024-03-21"
    assert len(series["days"]) == 21
    by_key = {s["key"]: s for s in series["series"]}
    assert by_key["ru"]["counts"][:20] == [1] * 20 and by_key["ru"]["counts"][20] == 0
    assert by_key["en"]["counts"] == [0] * 20 + [9]
    assert sum(series["all"]) == 29
    found = spikes(series, window=14, z=3.0, min_count=5)
    assert [(s.key, s.day, s.count) for s in found] == [("en", "2024-03-21", 9)]


def test_daily_series_by_channel_entity_and_label(store: Store) -> None:
    fill(store)
    channels = daily_series(store, by="channel", since="2024-03-15", until="2024-03-21")
    assert channels["days"][0] == "2024-03-15" and len(channels["days"]) == 7
    names = {s["key"]: (s["name"], s["total"]) for s in channels["series"]}
    assert names["telegram:2"] == ("Monitor", 9)
    assert names["telegram:1"][1] == 6
    entities = daily_series(store, by="entity", top=50)
    keys = {s["key"]: s for s in entities["series"]}
    assert keys["gaz:islamic_state"]["counts"][-1] == 9
    assert keys["gaz:islamic_state"]["name"] == "Islamic State"
    labels = daily_series(store, by="label", min_score=0.0, top=50)
    assert "attack_claim" in {s["key"] for s in labels["series"]}
    assert daily_series(store, by="label", top=1)["series"][0]["total"] >= 1


def test_series_of_an_empty_range_and_bad_input(store: Store) -> None:
    fill(store)
    empty = daily_series(store, by="language", since="2030-01-01", until="2030-01-31")
    assert len(empty["days"]) == 31 and empty["series"] == []
    assert daily_series(store, by="language", since="2024-03-10", until="2024-03-01")["days"] == []
    with pytest.raises(ValueError, match="not a day"):
        daily_series(store, by="language", since="2024-02-31")
    with pytest.raises(ValueError, match="by must be"):
        daily_series(store, by="colour")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="out of range"):
        parse_day("1800-01-01")
    with pytest.raises(ValueError, match="not a day"):
        parse_day("99999-01-01T00:00:00")


def test_before_after_compares_the_days_around_an_event(store: Store) -> None:
    fill(store)
    result = before_after(store, "2024-03-21", days=7, by="language")
    assert result["before"] == {"since": "2024-03-14", "until": "2024-03-20"}
    assert result["after"] == {"since": "2024-03-21", "until": "2024-03-27"}
    rows = {r["key"]: r for r in result["rows"]}
    assert (rows["ru"]["before"], rows["ru"]["after"], rows["ru"]["ratio"]) == (7, 0, 0.0)
    assert (rows["en"]["before"], rows["en"]["after"], rows["en"]["ratio"]) == (0, 9, None)
    assert result["all"]["before"] == 7 and result["all"]["after"] == 9


# -- reference events ----------------------------------------------------------------------


def test_builtin_reference_events_are_the_documented_dates() -> None:
    events = {e.date: e.title for e in builtin_events()}
    assert events["2023-10-07"] == "Hamas attack on Israel"
    assert "2024-04-13" in events and "2024-10-01" in events and "2024-10-26" in events
    assert all(e.builtin and e.id is None for e in builtin_events())


def test_user_reference_events_are_merged_edited_and_deleted(store: Store) -> None:
    event = add_event(store, "2024-03-21", "  Monitor report published ", created_by="ana")
    assert event.title == "Monitor report published" and event.id
    march = list_events(store, "2024-03-01", "2024-03-31")
    assert [e.title for e in march] == [
        "Monitor report published",
        "Crocus City Hall attack, Krasnogorsk (Moscow region)",
    ]
    assert [e.builtin for e in march] == [False, True]
    changed = update_event(store, event.id, title="Report", note="from the monitor")
    assert changed is not None and (changed.title, changed.note) == ("Report", "from the monitor")
    assert [e.title for e in list_events(store, "2024-03-21", "2024-03-21")] == ["Report"]
    assert delete_event(store, event.id) and not delete_event(store, event.id)
    assert [e.title for e in list_events(store, "2024-03-21", "2024-03-21", builtin=False)] == []
    for bad in ("2024-02-31", "99999-01-01", ""):
        with pytest.raises(ReferenceEventError):
            add_event(store, bad, "x")
    with pytest.raises(ReferenceEventError, match="empty"):
        add_event(store, "2024-01-01", " \u0000 ")


def test_absurd_stored_dates_do_not_break_the_series(store: Store) -> None:
    store.write(analysed(
        make_item("Report one.", "a", date=datetime(1899, 1, 1, tzinfo=UTC)),
        make_item("Report two.", "b", date=datetime(2024, 3, 1, tzinfo=UTC)),
        make_item("Report three.", "c", date=datetime(9999, 12, 31, tzinfo=UTC)),
    ))  # fmt: skip
    series = daily_series(store, by="language")
    assert series["until"] == "2200-12-31" and len(series["days"]) <= 3660
    assert list_events(store, series["since"], series["until"]) == []
