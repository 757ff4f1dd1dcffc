"""Shared pieces of brief collection: the window's SQL conditions, buckets, item provenance."""

from __future__ import annotations

import shlex
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, false, func, select

from propwatch.report.records import (
    LABEL_THRESHOLD,
    MAX_BUCKETS,
    BriefFilter,
    Granularity,
    ItemRef,
)
from propwatch.store import schema

__all__ = [
    "CHUNK",
    "RefCache",
    "as_date",
    "bucket_start",
    "buckets_for",
    "chunks",
    "endorsed_items",
    "language_key",
    "search_command",
    "series_per_bucket",
    "trend_direction",
    "window_conditions",
]

#: Primary keys per ``IN (...)`` list.
CHUNK = 500


def chunks(values: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(values), size):
        yield values[i : i + size]


def as_date(value: Any) -> date | None:
    """A SQL ``date(...)`` result: a string on SQLite, a date on PostgreSQL."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def bucket_start(day: date, granularity: Granularity) -> date:
    """The first day of the bucket ``day`` falls in (weeks start on Monday)."""
    if granularity == "day":
        return day
    if granularity == "week":
        return day - timedelta(days=day.weekday())
    if granularity == "month":
        return day.replace(day=1)
    return day.replace(month=1, day=1)


def _next_bucket(start: date, granularity: Granularity) -> date | None:
    try:
        if granularity == "day":
            return start + timedelta(days=1)
        if granularity == "week":
            return start + timedelta(days=7)
        if granularity == "month":
            return (start.replace(day=28) + timedelta(days=4)).replace(day=1)
        return start.replace(year=start.year + 1)
    except (OverflowError, ValueError):
        return None


def _bucket_list(first: date, last: date, granularity: Granularity, cap: int) -> list[date]:
    out: list[date] = []
    current: date | None = bucket_start(first, granularity)
    while current is not None and current <= last and len(out) <= cap:
        out.append(current)
        current = _next_bucket(current, granularity)
    return out


def buckets_for(first: date | None, last: date | None) -> tuple[Granularity, list[date], int]:
    """The finest granularity with at most MAX_BUCKETS buckets (the newest kept beyond)."""
    if first is None or last is None or last < first:
        return "day", [], 0
    span = (last - first).days
    order: tuple[Granularity, ...] = ("day", "week", "month", "year")
    estimate = {"day": span + 1, "week": span // 7 + 2, "month": span // 28 + 2}
    for granularity in order:
        if granularity == "year" or estimate[granularity] <= MAX_BUCKETS * 2:
            buckets = _bucket_list(first, last, granularity, MAX_BUCKETS)
            if len(buckets) <= MAX_BUCKETS:
                return granularity, buckets, 0
    start = max(first, date(max(1, last.year - MAX_BUCKETS + 1), 1, 1))
    buckets = _bucket_list(start, last, "year", MAX_BUCKETS)
    return "year", buckets, max(0, last.year - first.year + 1 - len(buckets))


def trend_direction(series: Sequence[int]) -> str:
    """``rising``/``falling`` when the second half of the buckets holds at least 1.5 times the
    items of the first (or the reverse) and differs by 3 or more; ``too few`` under 5 items."""
    total = sum(series)
    if total < 5 or len(series) < 2:
        return "too few"
    half = len(series) // 2
    early, late = sum(series[:half]), sum(series[len(series) - half :])
    if late >= 1.5 * early and late - early >= 3:
        return "rising"
    if early >= 1.5 * late and early - late >= 3:
        return "falling"
    return "steady"


def _channel_ids(conn: Connection, wanted: str) -> list[int]:
    c = schema.channels
    rows = conn.execute(
        select(c.c.id).where(
            (c.c.key == wanted) | (c.c.name == wanted) | (c.c.key == f"telegram:{wanted}")
        )
    )
    return [int(pk) for pk in rows.scalars()]


def window_conditions(
    conn: Connection, where: BriefFilter
) -> tuple[list[ColumnElement[bool]], bool]:
    """Conditions on ``messages`` for the filter, and whether the channel exists."""
    m = schema.messages
    out: list[ColumnElement[bool]] = []
    known = True
    if where.channel:
        ids = _channel_ids(conn, where.channel)
        known = bool(ids)
        out.append(m.c.channel_id.in_(ids) if ids else false())
    if where.since is not None:
        out.append(m.c.date >= where.since)
    if where.until is not None:
        out.append(m.c.date < where.until)
    return out, known


def endorsed_items() -> Select[Any]:
    a = schema.annotations
    return select(a.c.message_pk).where(a.c.kind == "stance", a.c.label == "endorse")


def language_key(language: str, script: str) -> str:
    if language == "uz" and script in ("Cyrl", "Latn"):
        return f"uz-{script}"
    return language


def search_command(label: str, where: BriefFilter) -> str:
    parts = ["propwatch", "search", "--label", label, "--min-score", str(LABEL_THRESHOLD)]
    parts += ["--limit", "10000"]
    if where.since is not None:
        parts += ["--since", where.since.isoformat()]
    if where.until is not None:
        parts += ["--until", where.until.isoformat()]
    if where.channel:
        parts += ["--channel", where.channel]
    return " ".join(shlex.quote(p) for p in parts)


# -- items ----------------------------------------------------------------------------------------


class RefCache:
    """Item provenance, fetched once per item and kept for ``Brief.items``."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.known: dict[int, ItemRef] = {}

    def get(self, pks: Iterable[int]) -> list[ItemRef]:
        wanted = list(dict.fromkeys(int(pk) for pk in pks))
        missing = sorted(pk for pk in wanted if pk not in self.known)
        m, c, a = schema.messages, schema.channels, schema.annotations
        for chunk in chunks(missing):
            for row in self.conn.execute(
                select(
                    m.c.id, c.c.key, c.c.name, m.c.message_id, m.c.date, m.c.language,
                    m.c.script, m.c.source, m.c.position, m.c.raw_sha256,
                )
                .select_from(m.join(c, c.c.id == m.c.channel_id))
                .where(m.c.id.in_(list(chunk)))
            ):  # fmt: skip
                self.known[int(row.id)] = ItemRef(
                    int(row.id), row.key, row.name, row.message_id, row.date, row.language,
                    row.script, row.source, row.position, row.raw_sha256,
                )  # fmt: skip
            for pk, kind, label, score in self.conn.execute(
                select(a.c.message_pk, a.c.kind, a.c.label, a.c.score).where(
                    a.c.message_pk.in_(list(chunk)), a.c.kind.in_(["judgement", "stance"])
                )
            ):
                ref = self.known.get(int(pk))
                if ref is None:
                    continue
                if kind == "judgement":
                    ref.propaganda = float(score)
                else:
                    ref.stance = str(label)
        return [self.known[pk] for pk in wanted if pk in self.known]

    def one(self, pk: int) -> ItemRef | None:
        found = self.get([pk])
        return found[0] if found else None


def series_per_bucket(
    conn: Connection,
    window: list[ColumnElement[bool]],
    buckets: list[date],
    granularity: Granularity,
    labels: Sequence[str] | None,
) -> dict[str | None, tuple[list[int], list[int]]]:
    """Items per bucket (all, propaganda): per label, or for the whole window (key None)."""
    m, a = schema.messages, schema.annotations
    index = {b: i for i, b in enumerate(buckets)}
    out: dict[str | None, tuple[list[int], list[int]]] = {}
    if not buckets:
        return out
    day = func.date(m.c.date)
    for propaganda in (False, True):
        extra = [m.c.id.in_(endorsed_items())] if propaganda else []
        stmt: Select[Any]
        if labels is None:
            stmt = (
                select(day, func.count(m.c.id))
                .where(*window, *extra, m.c.date.is_not(None))
                .group_by(day)
            )
            rows: Iterable[Any] = ((None, d, n) for d, n in conn.execute(stmt))
        else:
            if not labels:
                return out
            stmt = (
                select(a.c.label, day, func.count(func.distinct(a.c.message_pk)))
                .select_from(a.join(m, m.c.id == a.c.message_pk))
                .where(
                    *window,
                    *extra,
                    m.c.date.is_not(None),
                    a.c.kind == "detection",
                    a.c.score >= LABEL_THRESHOLD,
                    a.c.label.in_(list(labels)),
                )
                .group_by(a.c.label, day)
            )
            rows = conn.execute(stmt)
        for label, raw_day, n in rows:
            found = as_date(raw_day)
            if found is None:
                continue
            slot = index.get(bucket_start(found, granularity))
            if slot is None:
                continue
            key = None if labels is None else str(label)
            series = out.setdefault(key, ([0] * len(buckets), [0] * len(buckets)))
            series[1 if propaganda else 0][slot] += int(n)
    return out
