"""Filter tokens indexed beside the match key, so SQLite's full-text index applies filters.

Every message row carries ``facets``, a short string of tokens in the FTS5 table next to its
match key: ``zl<language>``, ``zc<channel id>`` and, for a dated message, ``zy<YYYY>``,
``zm<YYYYMM>`` and ``zd<YYYYMMDD>`` (its UTC year, month and day). A search for ``--lang``,
``--channel``, ``--since`` or ``--until`` then becomes one full-text query: a date range is
written as the fewest whole years, months and days that cover it, so a word and a date
window are intersected inside the index instead of by looking up every matching row (at a
million messages, 30-60 ms instead of 0.5-2.5 s for a common word and a half-open range).

A bound with a time of day (``--since 2024-03-22T18:00``) leaves a *partial* day at the edge:
those days are searched by their day token and then checked row by row against the exact
bound, which costs one day's matches, not the whole window's.

PostgreSQL stores the same column but does not read it (its planner combines the GIN index
with the date index itself).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

__all__ = ["DatePlan", "date_tokens", "facets", "plan_dates"]


def date_tokens(when: datetime | None) -> str:
    """``zy2024 zm202403 zd20240322`` for a (UTC, naive) message date; ``""`` without one."""
    if when is None:
        return ""
    y, m, d = when.year, when.month, when.day
    return f"zy{y:04d} zm{y:04d}{m:02d} zd{y:04d}{m:02d}{d:02d}"


def facets(language: str, channel_pk: int, when: datetime | None = None) -> str:
    """All filter tokens of one message (see ``schema.messages.facets``)."""
    tokens = f"zl{language} zc{channel_pk}"
    dated = date_tokens(when)
    return f"{tokens} {dated}" if dated else tokens


@dataclass(frozen=True, slots=True)
class DatePlan:
    """How to search ``since <= date < until`` with date tokens.

    ``whole`` are tokens (or ``(month NOT (days))`` groups) whose every message is inside the
    window (OR them); ``partial`` are edge days, each with the exact bounds its rows must be
    checked against. Both empty: the window holds no messages.
    """

    whole: tuple[str, ...]
    partial: tuple[tuple[str, datetime | None, datetime | None], ...]

    @property
    def empty(self) -> bool:
        return not self.whole and not self.partial


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time())


def _next_month(day: date) -> date:
    return date(day.year + 1, 1, 1) if day.month == 12 else date(day.year, day.month + 1, 1)


def _year_after(when: datetime) -> datetime:
    """New Year after ``when`` (the last representable moment in year 9999)."""
    return datetime(when.year + 1, 1, 1) if when.year < 9999 else datetime.max


def _cover(first: date, end: date) -> list[str]:
    """The fewest year, month and day tokens covering the days ``first <= day < end``."""
    out: list[str] = []
    day = first
    while day < end:
        last_year = day.year == 9999  # no New Year after it to step to
        if not last_year and day.month == 1 and day.day == 1 and date(day.year + 1, 1, 1) <= end:
            out.append(f"zy{day.year:04d}")
            day = date(day.year + 1, 1, 1)
        elif not (last_year and day.month == 12) and day.day == 1 and _next_month(day) <= end:
            out.append(f"zm{day.year:04d}{day.month:02d}")
            day = _next_month(day)
        else:
            out.append(f"zd{day.year:04d}{day.month:02d}{day.day:02d}")
            if day == date.max:
                break
            day += timedelta(days=1)
    return out


def _compact(tokens: list[str]) -> list[str]:
    """Write a month covered by most of its days as the month minus the others:
    ``(zm202306 NOT (zd20230601 OR zd20230602))`` instead of 28 day tokens. Ranking costs
    per phrase of the query, so fewer phrases answer faster."""
    out: list[str] = []
    days: dict[str, list[str]] = {}
    for token in tokens:
        if token.startswith("zd"):
            days.setdefault(token[2:8], []).append(token)
    done: set[str] = set()
    for token in tokens:
        month = token[2:8] if token.startswith("zd") else ""
        if not month:
            out.append(token)
            continue
        if month in done:
            continue
        done.add(month)
        inside = days[month]
        year, number = int(month[:4]), int(month[4:])
        length = calendar.monthrange(year, number)[1]
        outside = [
            f"zd{month}{d:02d}" for d in range(1, length + 1) if f"zd{month}{d:02d}" not in inside
        ]
        if len(outside) + 1 < len(inside):
            out.append(f"(zm{month} NOT ({' OR '.join(outside)}))")
        else:
            out.extend(inside)
    return out


def _day_token(day: date) -> str:
    return f"zd{day.year:04d}{day.month:02d}{day.day:02d}"


def plan_dates(
    since: datetime | None,
    until: datetime | None,
    first: datetime | None,
    last: datetime | None,
) -> DatePlan:
    """Plan the window ``since <= date < until`` (naive UTC; ``None`` is open) over a store
    whose dated messages run from ``first`` to ``last`` (``None``: it has none)."""
    if first is None or last is None:
        return DatePlan((), ())
    lo = since if since is not None and since > first else None
    hi = until if until is not None and until <= last else None
    # An open side reaches past the stored dates to a year boundary (nothing is stored
    # there), so it is covered by whole years instead of months and days.
    start = lo if lo is not None else datetime(first.year, 1, 1)
    stop = hi if hi is not None else _year_after(last)
    if start >= stop:
        return DatePlan((), ())
    partial: list[tuple[str, datetime | None, datetime | None]] = []
    first_whole = start.date()
    if start != _midnight(start.date()):
        first_whole = start.date() + timedelta(days=1)
        same_day = stop <= _midnight(first_whole)
        partial.append((_day_token(start.date()), start, stop if same_day else None))
        if same_day:
            return DatePlan((), tuple(partial))
    end_whole = stop.date()
    if stop != _midnight(stop.date()):
        partial.append((_day_token(stop.date()), None, stop))
    return DatePlan(tuple(_compact(_cover(first_whole, end_whole))), tuple(partial))
