"""Date windows in search: planned as index tokens on SQLite, exact on every backend."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text
from tests.conftest import analysed, make_item

from propwatch.normalize import match_key
from propwatch.store import SearchQuery, Store, open_store
from propwatch.store.facets import DatePlan, date_tokens, facets, plan_dates

D = datetime


def test_message_tokens_name_its_year_month_and_day() -> None:
    assert date_tokens(D(2024, 3, 7, 23, 59)) == "zy2024 zm202403 zd20240307"
    assert date_tokens(None) == ""
    assert facets("uz-Cyrl", 4, D(999, 1, 2)) == "zluz-Cyrl zc4 zy0999 zm099901 zd09990102"
    assert facets("ru", 1) == "zlru zc1"


def test_window_of_whole_days_is_whole_years_months_and_days() -> None:
    plan = plan_dates(D(2023, 12, 30), D(2025, 3, 2), D(2020, 1, 1), D(2026, 1, 1))
    assert plan == DatePlan(
        ("zd20231230", "zd20231231", "zy2024", "zm202501", "zm202502", "zd20250301"), ()
    )


def test_a_month_covered_by_most_of_its_days_is_the_month_minus_the_others() -> None:
    plan = plan_dates(D(2024, 3, 4), D(2024, 5, 1), D(2020, 1, 1), D(2026, 1, 1))
    assert plan.whole == ("(zm202403 NOT (zd20240301 OR zd20240302 OR zd20240303))", "zm202404")


def test_bound_with_a_time_of_day_leaves_a_partial_edge_day() -> None:
    since, until = D(2024, 3, 30, 18, 5), D(2024, 4, 2, 6)
    plan = plan_dates(since, until, D(2024, 1, 1), D(2024, 12, 31))
    assert plan.whole == ("zd20240331", "zd20240401")
    assert plan.partial == (("zd20240330", since, None), ("zd20240402", None, until))


def test_window_inside_one_day_is_one_partial_day() -> None:
    since, until = D(2024, 3, 30, 8), D(2024, 3, 30, 9)
    plan = plan_dates(since, until, D(2024, 1, 1), D(2024, 12, 31))
    assert plan == DatePlan((), (("zd20240330", since, until),))


def test_open_bounds_are_clamped_to_the_stored_dates() -> None:
    plan = plan_dates(None, D(2024, 3, 1), D(2023, 11, 20, 10), D(2024, 12, 31))
    # Nothing is stored before the first date: the open side starts at its New Year.
    assert plan.whole == ("zy2023", "zm202401", "zm202402")
    assert plan_dates(D(2025, 1, 1), None, D(2023, 1, 1), D(2024, 12, 31)).empty
    assert plan_dates(D(2024, 5, 1), D(2024, 4, 1), D(2023, 1, 1), D(2024, 12, 31)).empty
    assert plan_dates(None, None, None, None).empty
    # Before the first stored date: nothing to check row by row.
    assert plan_dates(D(1900, 1, 1, 12), None, D(2024, 1, 1, 9), D(2024, 1, 1, 10)) == DatePlan(
        ("zy2024",), ()
    )
    # The calendar's last year has no New Year after it.
    end = plan_dates(D(9999, 12, 30, 6), None, D(9999, 1, 1), D(9999, 12, 31, 23))
    assert [token for token, _, _ in end.partial] == ["zd99991230", "zd99991231"]


START = D(2023, 12, 20, tzinfo=UTC)
Dated = tuple[Store, dict[str, datetime]]


@pytest.fixture
def dated(store: Store) -> Dated:
    rng = random.Random(5)
    dates: dict[str, datetime] = {}
    items = []
    for n in range(240):
        when = START + timedelta(minutes=rng.randrange(0, 60 * 24 * 500))
        words = "хабар дар бораи обу ҳаво" if n % 3 else "news about the weather today"
        dates[str(n)] = when
        items.append(make_item(f"{words} {n}", str(n), f"telegram:{n % 3}", date=when))
    items.append(replace(make_item("хабар бе сана", "undated", "telegram:0"), date=None))
    store.write(analysed(*items))
    return store, dates


def _expected(dates: dict[str, datetime], since: datetime | None, until: datetime | None,
              parity: bool) -> set[str]:
    return {
        mid
        for mid, when in dates.items()
        if (int(mid) % 3 != 0) == parity
        and (since is None or when >= since)
        and (until is None or when < until)
    }


def test_date_windows_find_exactly_the_messages_inside(dated: Dated) -> None:
    store, dates = dated
    rng = random.Random(11)
    span = 60 * 24 * 520
    windows: list[tuple[datetime | None, datetime | None]] = [
        (D(2024, 1, 1, tzinfo=UTC), D(2025, 1, 1, tzinfo=UTC)),  # a whole year
        (None, D(2024, 2, 29, 13, 30, tzinfo=UTC)),
        (D(2024, 2, 29, 13, 30, tzinfo=UTC), None),
        (D(2024, 6, 1, 8, tzinfo=UTC), D(2024, 6, 1, 20, tzinfo=UTC)),  # inside one day
        (D(2030, 1, 1, tzinfo=UTC), None),  # after the last message
    ]
    for _ in range(25):
        a = START + timedelta(minutes=rng.randrange(-600, span))
        b = a + timedelta(minutes=rng.choice((30, 60 * 20, 60 * 24 * 3, 60 * 24 * 70, span)))
        windows.append((a, b))
    for since, until in windows:
        for word, parity in (("хабар", True), ("weather", False)):
            want = _expected(dates, since, until, parity)
            got = store.search(SearchQuery(word, since=since, until=until, limit=500))
            assert got.total == len(want), (word, since, until)
            assert {h.message_id for h in got.hits} == want, (word, since, until)
            # Pages of a dated search tile the result without gaps or repeats.
            seen: list[str] = []
            for offset in range(0, len(want) + 7, 7):
                page = store.search(
                    SearchQuery(word, since=since, until=until, limit=7, offset=offset)
                )
                seen += [h.message_id for h in page.hits]
            assert sorted(seen) == sorted(want), (word, since, until)


def test_undated_messages_are_outside_every_window(dated: Dated) -> None:
    store, _ = dated
    assert store.search(SearchQuery("сана")).total == 1
    assert store.search(SearchQuery("сана", since=D(1970, 1, 1, tzinfo=UTC))).total == 0


def test_a_database_from_before_date_tokens_is_migrated(tmp_path: object) -> None:
    path = f"sqlite:///{tmp_path}/old.db"
    store = open_store(path)
    when = D(2024, 4, 14, 20, tzinfo=UTC)
    store.write(analysed(make_item("Ҳамла ба Кирмон", "1", "telegram:1", date=when)))
    with store.engine.begin() as conn:  # what version 4 wrote: no date tokens
        conn.exec_driver_sql("DROP TRIGGER messages_fts_au")
        conn.execute(text("UPDATE messages SET facets = 'zltg zc1'"))
        conn.exec_driver_sql("INSERT INTO messages_fts(messages_fts) VALUES ('rebuild')")
        conn.execute(text("DELETE FROM schema_migrations WHERE version >= 5"))
    store.engine.dispose()
    old = open_store(path)
    assert old.search(SearchQuery("кирмон", since=D(2024, 4, 14, tzinfo=UTC))).total == 1
    assert old.search(SearchQuery("кирмон", until=D(2024, 4, 14, tzinfo=UTC))).total == 0
    with old.engine.connect() as conn:
        assert conn.execute(text("SELECT facets FROM messages")).scalar_one() == (
            "zltg zc1 zy2024 zm202404 zd20240414"
        )
    # The update trigger is back: an edit re-indexes the row.
    with old.engine.begin() as conn:
        conn.execute(text("UPDATE messages SET match_key = :k"), {"k": match_key("boshqa")})
    assert old.search(SearchQuery("кирмон")).total == 0
    assert old.search(SearchQuery("boshqa", since=D(2024, 4, 1, tzinfo=UTC))).total == 1
