"""Reference events: the dates drawn on trend charts (7 October 2023, the 2024 Iran-Israel
strikes...), for before/after comparisons.

Built-in events ship in ``propwatch/data/reference_events.yaml``; users add, edit and delete
their own, stored in the ``reference_events`` table. :func:`list_events` merges both, by day.
Built-in events have no ``id`` and cannot be edited or deleted.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from importlib import resources
from typing import Any

import yaml
from sqlalchemy import delete, select, update

from propwatch.errors import UsageError
from propwatch.store import Store, schema
from propwatch.watch.trends import parse_day

__all__ = [
    "MAX_NOTE",
    "MAX_TITLE",
    "ReferenceEvent",
    "ReferenceEventError",
    "add_event",
    "builtin_events",
    "delete_event",
    "get_event",
    "list_events",
    "update_event",
]

MAX_TITLE = 300
MAX_NOTE = 2000


class ReferenceEventError(UsageError):
    """A reference event with an impossible date, an empty or too long title..."""

    hint = "Give a day as YYYY-MM-DD and a title of 1 to 300 characters."


@dataclass(frozen=True, slots=True)
class ReferenceEvent:
    """One reference event; ``id`` is ``None`` for built-in ones."""

    date: str
    title: str
    note: str | None = None
    id: int | None = None
    created_by: str | None = None

    @property
    def builtin(self) -> bool:
        return self.id is None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.date,
            "title": self.title,
            "note": self.note,
            "builtin": self.builtin,
            "created_by": self.created_by,
        }


def _clean(text: Any, limit: int, what: str, *, required: bool) -> str | None:
    if text is None or (isinstance(text, str) and not text.strip()):
        if required:
            raise ReferenceEventError(f"the {what} is empty")
        return None
    if not isinstance(text, str):
        raise ReferenceEventError(f"the {what} must be text")
    # Control characters (other than tab/newline in notes) are dropped, not stored.
    kept = "".join(
        ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs")
    ).strip()
    if not kept and required:
        raise ReferenceEventError(f"the {what} is empty")
    if len(kept) > limit:
        raise ReferenceEventError(f"the {what} is longer than {limit} characters")
    return kept or None


def _day(value: str | date | datetime) -> str:
    try:
        day = parse_day(value)
    except ValueError as exc:
        raise ReferenceEventError(str(exc)) from None
    if day is None:
        raise ReferenceEventError("the date is missing")
    return day.isoformat()


@functools.cache
def _builtin() -> tuple[ReferenceEvent, ...]:
    source = resources.files("propwatch").joinpath("data", "reference_events.yaml")
    data = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
    out = []
    for entry in data.get("events") or []:
        out.append(
            ReferenceEvent(
                date=_day(entry["date"]),
                title=str(entry["title"]),
                note=str(entry["note"]) if entry.get("note") else None,
            )
        )
    return tuple(sorted(out, key=lambda e: (e.date, e.title)))


def builtin_events() -> list[ReferenceEvent]:
    """The reference events shipped with propwatch, by date."""
    return list(_builtin())


def _from_row(row: Any) -> ReferenceEvent:
    return ReferenceEvent(
        date=str(row.date), title=str(row.title), note=row.note, id=int(row.id),
        created_by=row.created_by,
    )  # fmt: skip


def list_events(
    store: Store,
    since: str | date | datetime | None = None,
    until: str | date | datetime | None = None,
    *,
    builtin: bool = True,
) -> list[ReferenceEvent]:
    """Built-in and user events between two days (inclusive), by date then title."""
    first, last = parse_day(since), parse_day(until)
    r = schema.reference_events
    stmt = select(r.c.id, r.c.date, r.c.title, r.c.note, r.c.created_by)
    if first is not None:
        stmt = stmt.where(r.c.date >= first.isoformat())
    if last is not None:
        stmt = stmt.where(r.c.date <= last.isoformat())
    with store.engine.connect() as conn:
        events = [_from_row(row) for row in conn.execute(stmt)]
    if builtin:
        events += [
            e
            for e in _builtin()
            if (first is None or e.date >= first.isoformat())
            and (last is None or e.date <= last.isoformat())
        ]
    events.sort(key=lambda e: (e.date, e.title, e.id or 0))
    return events


def get_event(store: Store, event_id: int) -> ReferenceEvent | None:
    """The user event ``event_id``, or ``None``."""
    r = schema.reference_events
    with store.engine.connect() as conn:
        row = conn.execute(
            select(r.c.id, r.c.date, r.c.title, r.c.note, r.c.created_by).where(
                r.c.id == int(event_id)
            )
        ).first()
    return _from_row(row) if row is not None else None


def add_event(
    store: Store,
    day: str | date | datetime,
    title: str,
    note: str | None = None,
    *,
    created_by: str | None = None,
) -> ReferenceEvent:
    """Store a user event; raises :class:`ReferenceEventError` for impossible values."""
    iso = _day(day)
    clean_title = _clean(title, MAX_TITLE, "title", required=True)
    clean_note = _clean(note, MAX_NOTE, "note", required=False)
    r = schema.reference_events
    with store.engine.begin() as conn:
        result = conn.execute(
            r.insert().values(
                date=iso, title=clean_title, note=clean_note,
                created_by=created_by[:100] if created_by else None,
            )
        )  # fmt: skip
        pk = result.inserted_primary_key
        new_id = int(pk[0]) if pk else 0
    return ReferenceEvent(iso, clean_title or "", clean_note, new_id, created_by)


def update_event(
    store: Store,
    event_id: int,
    *,
    day: str | date | datetime | None = None,
    title: str | None = None,
    note: str | None = None,
) -> ReferenceEvent | None:
    """Change a user event (only the values given; ``note=""`` clears the note); returns it,
    or ``None`` when there is no such user event."""
    values: dict[str, Any] = {}
    if day is not None:
        values["date"] = _day(day)
    if title is not None:
        values["title"] = _clean(title, MAX_TITLE, "title", required=True)
    if note is not None:
        values["note"] = _clean(note, MAX_NOTE, "note", required=False)
    r = schema.reference_events
    if values:
        with store.engine.begin() as conn:
            conn.execute(update(r).where(r.c.id == int(event_id)).values(**values))
    return get_event(store, event_id)


def delete_event(store: Store, event_id: int) -> bool:
    """Delete a user event; ``False`` if there was none with this id."""
    r = schema.reference_events
    with store.engine.begin() as conn:
        result = conn.execute(delete(r).where(r.c.id == int(event_id)))
    return bool(result.rowcount)
