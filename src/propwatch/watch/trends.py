"""Daily series of items per label, channel, language or entity; spikes; before/after counts.

:func:`daily_series` counts *items* (distinct messages) per day and per key, zero-filled,
with SQL ``GROUP BY`` on the day of ``messages.date`` (UTC): ``date()`` on SQLite, a cast to
``DATE`` on PostgreSQL. Keys:

* ``label``: taxonomy labels of ``detection`` annotations scoring at least ``min_score``, plus
  ``propaganda``: items the detector judged propaganda (stance ``endorse``, the model's own
  threshold; the same count as ``propwatch stats``);
* ``channel``: the channel key (the name is returned beside it);
* ``language``: the identified language;
* ``entity``: merged entities of the knowledge graph (``entity_mentions``), by entity key.

:func:`spikes` flags days far above a trailing baseline; :func:`before_after` compares the
days before a reference date with the days after it.

Day ranges are inclusive on both ends and capped at :data:`MAX_DAYS` days (the most recent
ones are kept), so an outlier date (1970, 2099) cannot make a series of a million days.
Items without a date are not counted.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Literal, get_args

from sqlalchemy import Date, Select, cast, func, literal_column, select

from propwatch.store import Store, schema

__all__ = [
    "BY_VALUES",
    "MAX_DAYS",
    "PROPAGANDA",
    "By",
    "Spike",
    "before_after",
    "counts_by_key",
    "daily_series",
    "parse_day",
    "spikes",
    "spikes_in",
]

By = Literal["label", "channel", "language", "entity"]
BY_VALUES: tuple[str, ...] = get_args(By)

#: The key of the item-level judgement in ``by="label"`` series.
PROPAGANDA = "propaganda"

#: Longest series returned, days (about ten years).
MAX_DAYS = 3660

#: Most keys a series or a comparison returns.
MAX_TOP = 200

#: Years accepted in dates given by users (anything else is refused as impossible).
_YEARS = (1900, 2200)


def parse_day(value: str | date | datetime | None) -> date | None:
    """A day from ``YYYY-MM-DD`` (or an ISO time, or a date); ``None`` stays ``None``.

    Raises ``ValueError`` with a readable message for text that is no real day (31 February)
    or a year outside 1900-2200."""
    if value is None:
        return None
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    else:
        text = str(value).strip()[:40]
        try:
            day = (
                date.fromisoformat(text)
                if len(text) == 10
                else datetime.fromisoformat(text.replace("Z", "+00:00")).date()
            )
        except ValueError:
            raise ValueError(f"{text!r} is not a day; use YYYY-MM-DD") from None
    if not _YEARS[0] <= day.year <= _YEARS[1]:
        raise ValueError(f"{day.isoformat()} is out of range (years {_YEARS[0]}-{_YEARS[1]})")
    return day


def _check(by: str, top: int) -> int:
    if by not in BY_VALUES:
        raise ValueError(f"by must be one of {', '.join(BY_VALUES)} (got {by!r})")
    return max(1, min(int(top), MAX_TOP))


def _day_column(store: Store) -> Any:
    m = schema.messages
    if store.dialect == "sqlite":
        return func.date(m.c.date)
    return cast(m.c.date, Date)


def _as_day(value: Any) -> str:
    return value.isoformat()[:10] if isinstance(value, date) else str(value)[:10]


def _start(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


def _sources(by: str, min_score: float) -> list[Select[Any]]:
    """One SELECT per source of keys, each yielding ``(mid, key, name)`` rows."""
    m, a, c = schema.messages, schema.annotations, schema.channels
    if by == "label":
        joined = m.join(a, a.c.message_pk == m.c.id)
        return [
            select(m.c.id.label("mid"), a.c.label.label("key"), a.c.label.label("name"))
            .select_from(joined)
            .where(a.c.kind == "detection", a.c.score >= min_score),
            select(
                m.c.id.label("mid"),
                # a constant, written into the SQL (an untyped parameter would puzzle PostgreSQL)
                literal_column(f"'{PROPAGANDA}'").label("key"),
                literal_column(f"'{PROPAGANDA}'").label("name"),
            )
            .select_from(joined)
            .where(a.c.kind == "stance", a.c.label == "endorse"),
        ]
    if by == "channel":
        return [
            select(m.c.id.label("mid"), c.c.key.label("key"), c.c.name.label("name")).select_from(
                m.join(c, c.c.id == m.c.channel_id)
            )
        ]
    if by == "language":
        return [select(m.c.id.label("mid"), m.c.language.label("key"), m.c.language.label("name"))]
    em, e = schema.entity_mentions, schema.entities
    return [
        select(m.c.id.label("mid"), e.c.key.label("key"), e.c.name.label("name")).select_from(
            m.join(em, em.c.message_pk == m.c.id).join(e, e.c.id == em.c.entity_id)
        )
    ]


def _range(since: date | None, until: date | None) -> list[Any]:
    m = schema.messages
    out: list[Any] = [m.c.date.is_not(None)]
    if since is not None:
        out.append(m.c.date >= _start(since))
    if until is not None:
        out.append(m.c.date < _start(until + timedelta(days=1)))
    return out


@dataclass(frozen=True, slots=True)
class _Row:
    day: str
    key: str
    name: str
    items: int


def _grouped(
    store: Store,
    by: str,
    min_score: float,
    since: date | None,
    until: date | None,
    *,
    per_day: bool,
    keys: Sequence[str] | None = None,
    message_filter: Any = None,
) -> list[_Row]:
    """Items per ``(day, key)`` (``per_day``) or per key; ``keys`` restricts the keys."""
    out: list[_Row] = []
    day = _day_column(store)
    for source in _sources(by, min_score):
        stmt = source.where(*_range(since, until))
        if message_filter is not None:
            stmt = stmt.where(message_filter)
        if keys is not None:
            stmt = stmt.where(stmt.selected_columns.key.in_(list(keys)))
        if per_day:
            stmt = stmt.add_columns(day.label("day"))
        sub = stmt.subquery()
        grouping: list[Any] = [sub.c.day, sub.c.key] if per_day else [sub.c.key]
        query = select(
            *grouping,
            func.max(sub.c.name).label("name"),
            func.count(func.distinct(sub.c.mid)).label("n"),
        ).group_by(*grouping)
        with store.engine.connect() as conn:
            for row in conn.execute(query):
                key = str(row.key)
                out.append(
                    _Row(
                        _as_day(row.day) if per_day else "",
                        key,
                        str(row.name) if row.name is not None else key,
                        int(row.n),
                    )
                )
    return out


def counts_by_key(
    store: Store,
    *,
    by: By = "label",
    since: str | date | datetime | None = None,
    until: str | date | datetime | None = None,
    min_score: float = 0.5,
    keys: Sequence[str] | None = None,
) -> dict[str, tuple[str, int]]:
    """Items per key between two days (inclusive): ``{key: (name, items)}``."""
    _check(by, 1)
    rows = _grouped(
        store, by, min_score, parse_day(since), parse_day(until), per_day=False, keys=keys
    )
    return {r.key: (r.name, r.items) for r in rows}


def _bounds(store: Store, since: date | None, until: date | None) -> tuple[date, date] | None:
    """The day range to show: given bounds, else the first/last dated item; capped."""
    if since is None or until is None:
        m = schema.messages
        stmt = select(func.min(m.c.date), func.max(m.c.date)).where(*_range(since, until))
        with store.engine.connect() as conn:
            first, last = conn.execute(stmt).one()
        if first is None:
            return None
        since = since or first.date()
        until = until or last.date()
    assert since is not None and until is not None
    # Stored dates outside the accepted years (a hostile or broken export) are not charted.
    since = max(since, date(_YEARS[0], 1, 1))
    until = min(until, date(_YEARS[1], 12, 31))
    if until < since:
        return None
    if (until - since).days + 1 > MAX_DAYS:
        since = until - timedelta(days=MAX_DAYS - 1)
    return since, until


def daily_series(
    store: Store,
    *,
    by: By = "label",
    since: str | date | datetime | None = None,
    until: str | date | datetime | None = None,
    top: int = 10,
    min_score: float = 0.5,
    keys: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Items per day for the ``top`` keys of ``by`` (most items first), zero-filled.

    ``since``/``until`` are days (inclusive; default: the first and last dated item);
    ``keys`` picks the keys instead of ``top``. Returns::

        {"by", "since", "until", "min_score",
         "days": ["2023-10-01", ...],
         "all": [items per day, any key],
         "series": [{"key", "name", "total", "counts": [per day]}, ...]}
    """
    top = _check(by, top)
    bounds = _bounds(store, parse_day(since), parse_day(until))
    result: dict[str, Any] = {
        "by": by,
        "since": None,
        "until": None,
        "min_score": min_score,
        "days": [],
        "all": [],
        "series": [],
    }
    if bounds is None:
        return result
    first, last = bounds
    days = [(first + timedelta(days=i)).isoformat() for i in range((last - first).days + 1)]
    index = {d: i for i, d in enumerate(days)}
    if keys is None:
        totals = _grouped(store, by, min_score, first, last, per_day=False)
        totals.sort(key=lambda r: (-r.items, r.key))
        chosen = [r.key for r in totals[:top]]
    else:
        chosen = list(dict.fromkeys(keys))[:MAX_TOP]
    names: dict[str, str] = {k: k for k in chosen}
    counts: dict[str, list[int]] = {k: [0] * len(days) for k in chosen}
    if chosen:
        for row in _grouped(store, by, min_score, first, last, per_day=True, keys=chosen):
            if row.day in index and row.key in counts:
                counts[row.key][index[row.day]] += row.items
                names[row.key] = row.name
    everything = [0] * len(days)
    day = _day_column(store)
    with store.engine.connect() as conn:
        for value, n in conn.execute(
            select(day.label("day"), func.count()).where(*_range(first, last)).group_by(day)
        ):
            i = index.get(_as_day(value))
            if i is not None:
                everything[i] += int(n)
    result.update(
        since=days[0],
        until=days[-1],
        days=days,
        all=everything,
        series=[
            {"key": k, "name": names[k], "total": sum(counts[k]), "counts": counts[k]}
            for k in chosen
        ],
    )
    return result


@dataclass(frozen=True, slots=True)
class Spike:
    """A day whose count stands far above the trailing baseline of its series."""

    key: str
    name: str
    day: str
    count: int
    #: Mean and standard deviation of the ``window`` days before (the day excluded).
    mean: float
    std: float
    z: float

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "name": self.name,
            "day": self.day,
            "count": self.count,
            "mean": round(self.mean, 3),
            "std": round(self.std, 3),
            "z": round(self.z, 2),
        }


def spikes_in(
    days: Sequence[str],
    counts: Sequence[int],
    *,
    key: str = "",
    name: str | None = None,
    window: int = 14,
    z: float = 3.0,
    min_count: int = 5,
) -> list[Spike]:
    """Spikes of one series: days with ``count >= min_count`` and a z-score ``>= z`` against
    the ``window`` days before (the day itself excluded).

    The z-score divides by the baseline's standard deviation, but by at least the square
    root of its mean (counts are Poisson-like: 14 after a steady 10 is noise) and at least
    1 (a quiet series jumping from 0 to ``min_count`` is a spike). A day needs at least
    ``max(3, window // 2)`` earlier days in the series to be judged."""
    window = max(1, int(window))
    need = max(3, window // 2) if window >= 3 else window
    out: list[Spike] = []
    for i, count in enumerate(counts):
        if count < min_count or i < need:
            continue
        base = counts[max(0, i - window) : i]
        mean = sum(base) / len(base)
        std = math.sqrt(sum((c - mean) ** 2 for c in base) / len(base))
        score = (count - mean) / max(std, math.sqrt(mean), 1.0)
        if score >= z:
            out.append(Spike(key, name or key, days[i], int(count), mean, std, score))
    return out


def spikes(
    series: Mapping[str, Any],
    *,
    window: int = 14,
    z: float = 3.0,
    min_count: int = 5,
) -> list[Spike]:
    """Spikes in every series of a :func:`daily_series` result, by day then key."""
    days = series.get("days") or []
    found: list[Spike] = []
    for entry in series.get("series") or []:
        found.extend(
            spikes_in(
                days,
                entry["counts"],
                key=str(entry["key"]),
                name=str(entry.get("name") or entry["key"]),
                window=window,
                z=z,
                min_count=min_count,
            )
        )
    found.sort(key=lambda s: (s.day, -s.z, s.key))
    return found


def before_after(
    store: Store,
    event_date: str | date | datetime,
    days: int = 14,
    by: By = "label",
    *,
    top: int = 10,
    min_score: float = 0.5,
) -> dict[str, Any]:
    """Items per key in the ``days`` days before ``event_date`` and in the ``days`` days from
    it (the event's own day counts as *after*), with ``ratio`` = after / before (``None`` when
    nothing came before) and ``change`` = after - before. Keys: the ``top`` by both periods
    together. ``all`` compares every dated item."""
    top = _check(by, top)
    day = parse_day(event_date)
    assert day is not None
    days = max(1, min(int(days), MAX_DAYS))
    before = (day - timedelta(days=days), day - timedelta(days=1))
    after = (day, day + timedelta(days=days - 1))
    old = {r.key: r for r in _grouped(store, by, min_score, *before, per_day=False)}
    new = {r.key: r for r in _grouped(store, by, min_score, *after, per_day=False)}
    keys = sorted(
        set(old) | set(new),
        key=lambda k: (-((old[k].items if k in old else 0) + (new[k].items if k in new else 0)), k),
    )[:top]

    def row(key: str) -> dict[str, Any]:
        b = old[key].items if key in old else 0
        a = new[key].items if key in new else 0
        name = (new.get(key) or old[key]).name
        return {"key": key, "name": name, "before": b, "after": a, **_compare(b, a)}

    m = schema.messages
    with store.engine.connect() as conn:
        n_before, n_after = (
            int(
                conn.execute(select(func.count()).select_from(m).where(*_range(*span))).scalar_one()
            )
            for span in (before, after)
        )
    return {
        "date": day.isoformat(),
        "days": days,
        "by": by,
        "min_score": min_score,
        "before": {"since": before[0].isoformat(), "until": before[1].isoformat()},
        "after": {"since": after[0].isoformat(), "until": after[1].isoformat()},
        "all": {"before": n_before, "after": n_after, **_compare(n_before, n_after)},
        "rows": [row(k) for k in keys],
    }


def _compare(before: int, after: int) -> dict[str, Any]:
    return {
        "ratio": round(after / before, 3) if before else None,
        "change": after - before,
    }
