"""The events timeline of a brief: attack events extracted from the window's items, reports
of one event grouped, every casualty figure kept with its wording, attribution and source."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, func, select

from propwatch.report.common import RefCache, as_date
from propwatch.report.records import (
    MAX_ITEMS_PER_FACT,
    Attributed,
    FigureGroup,
    ItemRef,
    ReferenceEvent,
    TimelineEvent,
)
from propwatch.store import schema

__all__ = ["MAX_TIMELINE", "collect_references", "collect_timeline"]

#: Events read, and timeline entries (groups of reports of one event) shown.
MAX_EVENTS = 2000
MAX_TIMELINE = 40


def _text_list(value: Any, cap: int = 20) -> list[str]:
    if not isinstance(value, list):
        return []
    return [v.strip()[:300] for v in value[:cap] if isinstance(v, str) and v.strip()]


@dataclass(slots=True)
class _Cluster:
    date: str | None
    places: list[str]
    country: str | None
    members: list[tuple[int, dict[str, Any], str]] = field(default_factory=list)
    names: set[str] = field(default_factory=set)

    def add(self, pk: int, data: dict[str, Any], etype: str, place: list[str]) -> None:
        self.members.append((pk, data, etype))
        for name in place:
            if name not in self.places and len(self.places) < 10:
                self.places.append(name)
            self.names.add(name.casefold())


def _dates_agree(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return True
    return a.startswith(b) or b.startswith(a)


def _cluster_events(rows: Sequence[Any]) -> list[_Cluster]:
    """Group reports of one attack: same country, the most specific place of one among the
    places of the other, and dates that agree (equal, or one a prefix of the other). An
    undated report joins a dated group only when exactly one group fits."""
    clusters: list[_Cluster] = []
    by_name: dict[str, list[int]] = {}

    def fitting(place: list[str], country: str | None, when: str | None) -> list[int]:
        names = [p.casefold() for p in place]
        found: dict[int, None] = {}
        for name in names:
            for i in by_name.get(name, []):
                cluster = clusters[i]
                if country and cluster.country and country != cluster.country:
                    continue
                overlap = (names[0] in cluster.names) or (cluster.places[0].casefold() in names)
                if overlap and _dates_agree(cluster.date, when):
                    found.setdefault(i, None)
        return list(found)

    for row in rows:
        data = row.data if isinstance(row.data, dict) else {}
        place = _text_list(row.place) or _text_list(data.get("place"))
        when = row.date if isinstance(row.date, str) and row.date else None
        country = row.country if isinstance(row.country, str) else None
        matches = fitting(place, country, when) if place else []
        if when is None and len(matches) > 1:
            undated = [i for i in matches if clusters[i].date is None]
            matches = undated[:1]
        if matches:
            index = matches[0]
            target = clusters[index]
            if when and (target.date is None or len(when) > len(target.date)):
                target.date = when
        else:
            index = len(clusters)
            target = _Cluster(when, [], country)
            clusters.append(target)
        if target.country is None and country:
            target.country = country
        target.add(int(row.message_pk), data, str(row.type), place)
        for name in place:
            entries = by_name.setdefault(name.casefold(), [])
            if index not in entries:
                entries.append(index)
    return clusters


def _attributed(values: dict[str, Attributed], name: str, ref: ItemRef | None) -> None:
    key = name.casefold()
    entry = values.setdefault(key, Attributed(name))
    if ref is not None and ref not in entry.items and len(entry.items) < MAX_ITEMS_PER_FACT:
        entry.items.append(ref)


def _timeline_event(cluster: _Cluster, refs: RefCache) -> TimelineEvent:
    figures: dict[tuple[str, int, str, str], FigureGroup] = {}
    claimed: dict[str, Attributed] = {}
    outlets: dict[str, Attributed] = {}
    perpetrators: dict[str, Attributed] = {}
    types: list[str] = []
    targets: list[str] = []
    date_texts: list[str] = []
    quote: tuple[float, str, int] | None = None
    pks = [pk for pk, _, _ in cluster.members]
    known = {ref.pk: ref for ref in refs.get(pks[: MAX_ITEMS_PER_FACT * 3])}
    for pk, data, etype in cluster.members:
        ref = known.get(pk)
        if etype not in types:
            types.append(etype)
        for target in _text_list([data.get("target")]):
            if target not in targets and len(targets) < 5:
                targets.append(target)
        date_text = data.get("date_text")
        if isinstance(date_text, str) and date_text and date_text not in date_texts:
            date_texts.append(date_text[:100])
        for kind in ("killed", "injured"):
            stated = data.get(kind)
            for fig in stated[:20] if isinstance(stated, list) else []:
                if not isinstance(fig, dict) or not isinstance(fig.get("value"), int):
                    continue
                qualifier = str(fig.get("qualifier") or "exact")
                attribution = fig.get("attribution")
                attribution = attribution[:200] if isinstance(attribution, str) else None
                key = (kind, int(fig["value"]), qualifier, (attribution or "").casefold())
                group = figures.get(key)
                if group is None:
                    text = fig.get("text")
                    group = figures[key] = FigureGroup(
                        kind, int(fig["value"]), qualifier, attribution,
                        text[:300] if isinstance(text, str) else "",
                    )  # fmt: skip
                full = len(group.items) >= MAX_ITEMS_PER_FACT
                if ref is not None and ref not in group.items and not full:
                    group.items.append(ref)
        for name in _text_list(data.get("claimed_by")):
            _attributed(claimed, name, ref)
        for name in _text_list(data.get("claim_outlet")):
            _attributed(outlets, name, ref)
        for name in _text_list(data.get("perpetrators")):
            _attributed(perpetrators, name, ref)
        evidence = data.get("evidence")
        first = evidence[0] if isinstance(evidence, list) and evidence else None
        if isinstance(first, dict) and isinstance(first.get("text"), str):
            confidence = data.get("confidence")
            score = float(confidence) if isinstance(confidence, int | float) else 0.0
            if quote is None or score > quote[0]:
                quote = (score, first["text"][:400], pk)
    ordered = sorted(figures.values(), key=lambda g: (g.kind != "killed", -len(g.items), -g.value))
    sources = [known[pk] for pk in dict.fromkeys(pks) if pk in known][:MAX_ITEMS_PER_FACT]
    return TimelineEvent(
        date=cluster.date,
        date_texts=date_texts[:5],
        types=types,
        place=cluster.places[:5],
        country=cluster.country,
        targets=targets,
        figures=ordered,
        claimed_by=list(claimed.values()),
        claim_outlets=list(outlets.values()),
        perpetrators=list(perpetrators.values()),
        sources=sources,
        source_count=len(set(pks)),
        quote=quote[1] if quote else None,
        quote_item=known.get(quote[2]) if quote else None,
    )


def collect_timeline(
    conn: Connection, window: list[ColumnElement[bool]], refs: RefCache
) -> tuple[list[TimelineEvent], int, int]:
    """Events of the window's items grouped into timeline entries, chronological: (the
    entries shown, events read, entries found)."""
    ev, m = schema.events, schema.messages
    total = int(
        conn.execute(
            select(func.count()).select_from(ev.join(m, m.c.id == ev.c.message_pk)).where(*window)
        ).scalar_one()
    )
    rows = conn.execute(
        select(
            ev.c.id, ev.c.message_pk, ev.c.type, ev.c.date, ev.c.place, ev.c.country, ev.c.data,
            m.c.date.label("message_date"),
        )
        .select_from(ev.join(m, m.c.id == ev.c.message_pk))
        .where(*window)
        .order_by(
            ev.c.date.is_(None), func.length(ev.c.date).desc(), ev.c.date,
            m.c.date.asc().nulls_last(), ev.c.id,
        )
        .limit(MAX_EVENTS)
    ).all()  # fmt: skip
    clusters = _cluster_events(rows)
    shown = sorted(clusters, key=lambda c: -len({pk for pk, _, _ in c.members}))[:MAX_TIMELINE]
    events = [_timeline_event(c, refs) for c in shown]

    def first_report(event: TimelineEvent) -> datetime:
        dated = [s.date for s in event.sources if s.date is not None]
        return min(dated) if dated else datetime.max

    events.sort(key=lambda e: (e.date is None, e.date or "", first_report(e)))
    return events, total, len(clusters)


def collect_references(
    conn: Connection, first: date | None, last: date | None
) -> list[ReferenceEvent]:
    """Reference events (``reference_events``) dated within the charts' range."""
    if first is None or last is None:
        return []
    r = schema.reference_events
    out: list[ReferenceEvent] = []
    rows = conn.execute(
        select(r.c.date, r.c.title, r.c.note)
        .where(r.c.date >= first.isoformat(), r.c.date <= last.isoformat() + "~")
        .order_by(r.c.date, r.c.id)
        .limit(50)
    )
    for row in rows:
        when = as_date(row.date)
        if when is not None and first <= when <= last:
            note = row.note[:500] if isinstance(row.note, str) else None
            out.append(ReferenceEvent(when, str(row.title)[:200], note))
    return out
