"""The top narratives of a brief: items per label, counts over time, the strongest evidence.

Evidence is picked per narrative: items judged propaganda first, items whose lexicon matched
first (a matched term explains itself, a model n-gram less so), then by score, one item per
channel while other channels have candidates. Each quote is a slice of the item's original
text around a stored evidence span.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, case, func, select

from propwatch.knowledge.model import KnowledgePack
from propwatch.report.common import (
    RefCache,
    endorsed_items,
    search_command,
    series_per_bucket,
    trend_direction,
)
from propwatch.report.records import (
    LABEL_THRESHOLD,
    MAX_ITEMS_PER_FACT,
    BriefFilter,
    EvidenceItem,
    Granularity,
    LabelCount,
    Narrative,
    Quote,
)
from propwatch.store import schema

__all__ = ["CONTEXT_CHARS", "EVIDENCE_PER_NARRATIVE", "collect_narratives", "quote_at"]

#: Items listed per narrative in the brief's source index (the count is always complete).
MAX_NARRATIVE_ITEMS = 100
#: Items quoted per narrative, and candidates looked at to pick them.
EVIDENCE_PER_NARRATIVE = 3
_EVIDENCE_CANDIDATES = 40
#: Quoted spans per item, and characters of context either side of a span.
QUOTES_PER_ITEM = 2
CONTEXT_CHARS = 140


def _label_counts(
    conn: Connection, window: list[ColumnElement[bool]]
) -> dict[str, tuple[int, int]]:
    """label -> (items carrying it, of which judged propaganda)."""
    m, a = schema.messages, schema.annotations
    out: dict[str, tuple[int, int]] = {}
    for propaganda in (False, True):
        extra = [m.c.id.in_(endorsed_items())] if propaganda else []
        for label, n in conn.execute(
            select(a.c.label, func.count(func.distinct(a.c.message_pk)))
            .select_from(a.join(m, m.c.id == a.c.message_pk))
            .where(*window, *extra, a.c.kind == "detection", a.c.score >= LABEL_THRESHOLD)
            .group_by(a.c.label)
        ):
            items, prop = out.get(str(label), (0, 0))
            out[str(label)] = (items, int(n)) if propaganda else (int(n), prop)
    return out


def _label_items(
    conn: Connection, window: list[ColumnElement[bool]], label: str, limit: int
) -> list[int]:
    """Newest items carrying ``label`` (undated last)."""
    m, a = schema.messages, schema.annotations
    carrying = select(a.c.message_pk).where(
        a.c.kind == "detection", a.c.label == label, a.c.score >= LABEL_THRESHOLD
    )
    rows = conn.execute(
        select(m.c.id)
        .where(*window, m.c.id.in_(carrying))
        .order_by(m.c.date.desc().nulls_last(), m.c.id.desc())
        .limit(limit)
    ).scalars()
    return [int(pk) for pk in rows]


def _label_span(
    conn: Connection, window: list[ColumnElement[bool]], label: str
) -> tuple[datetime | None, datetime | None]:
    m, a = schema.messages, schema.annotations
    carrying = select(a.c.message_pk).where(
        a.c.kind == "detection", a.c.label == label, a.c.score >= LABEL_THRESHOLD
    )
    row = conn.execute(
        select(func.min(m.c.date), func.max(m.c.date)).where(*window, m.c.id.in_(carrying))
    ).one()
    return row[0], row[1]


def _candidates(
    conn: Connection, window: list[ColumnElement[bool]], label: str, endorsed: bool
) -> list[tuple[int, float]]:
    m, a = schema.messages, schema.annotations
    best = func.max(a.c.score)
    # Items with lexicon evidence first: a matched term explains itself, a model n-gram less.
    lexicon = func.max(case((a.c.component == "lexicon", 1), else_=0))
    stance = m.c.id.in_(endorsed_items()) if endorsed else m.c.id.not_in(endorsed_items())
    rows = conn.execute(
        select(a.c.message_pk, best)
        .select_from(a.join(m, m.c.id == a.c.message_pk))
        .where(*window, stance, a.c.kind == "detection", a.c.label == label)
        .group_by(a.c.message_pk)
        .having(best >= LABEL_THRESHOLD)
        .order_by(lexicon.desc(), best.desc(), a.c.message_pk)
        .limit(_EVIDENCE_CANDIDATES)
    ).all()  # fmt: skip
    return [(int(pk), float(score)) for pk, score in rows]


def _span_in(text: str, start: Any, end: Any, said: Any) -> tuple[int, int] | None:
    """The span's offsets if they still point at its text (else where the text is found)."""
    wanted = said if isinstance(said, str) else None
    valid = isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)
    if valid and (wanted is None or text[start:end] == wanted):
        return int(start), int(end)
    if wanted:
        found = text.find(wanted)
        if found >= 0:
            return found, found + len(wanted)
    return None


def quote_at(text: str, start: int, end: int, component: str, term: str | None) -> Quote:
    """The span with up to CONTEXT_CHARS of context either side, cut at whitespace."""
    left = max(0, start - CONTEXT_CHARS)
    before = text[left:start]
    if left > 0:
        cut = before.find(" ")
        before = before[cut + 1 :] if 0 <= cut < len(before) - 1 else before
    right = min(len(text), end + CONTEXT_CHARS)
    after = text[end:right]
    if right < len(text):
        cut = after.rfind(" ")
        after = after[:cut] if cut > 0 else after
    return Quote(
        before, text[start:end][:1000], after, start, end, component, term, left > 0,
        right < len(text),
    )  # fmt: skip


def _quotes(text: str, rows: Sequence[Any]) -> tuple[float, str, list[Quote]]:
    """Best score, its component, and up to QUOTES_PER_ITEM non-overlapping quotes (lexicon
    evidence first: a matched term explains itself, a model n-gram less so)."""
    ordered = sorted(rows, key=lambda r: (r.component != "lexicon", -float(r.score)))
    best = max(rows, key=lambda r: float(r.score))
    taken: list[tuple[int, int]] = []
    quotes: list[Quote] = []
    for row in ordered:
        data = row.data if isinstance(row.data, dict) else {}
        evidence = data.get("evidence")
        for ev in evidence if isinstance(evidence, list) else []:
            if len(quotes) >= QUOTES_PER_ITEM:
                break
            if not isinstance(ev, dict):
                continue
            span = _span_in(text, ev.get("start"), ev.get("end"), ev.get("text"))
            if span is None or any(span[0] < e and s < span[1] for s, e in taken):
                continue
            # Two spans in one sentence read better as one quote: skip spans already shown.
            if any(q.start - CONTEXT_CHARS <= span[0] <= q.end + CONTEXT_CHARS for q in quotes):
                continue
            taken.append(span)
            source = ev.get("source")
            quotes.append(
                quote_at(text, span[0], span[1], str(row.component),
                       source if isinstance(source, str) else None)
            )  # fmt: skip
    return float(best.score), str(best.component), quotes


def _evidence(
    conn: Connection, window: list[ColumnElement[bool]], label: str, refs: RefCache
) -> list[EvidenceItem]:
    """The strongest items for ``label``: judged propaganda first, then by score, one per
    channel while other channels have candidates."""
    candidates = _candidates(conn, window, label, True)
    if len(candidates) < EVIDENCE_PER_NARRATIVE:
        candidates += _candidates(conn, window, label, False)
    known = {ref.pk: ref for ref in refs.get(pk for pk, _ in candidates)}
    chosen: list[int] = []
    channels: set[str] = set()
    for diverse in (True, False):
        for pk, _ in candidates:
            ref = known.get(pk)
            if ref is None or pk in chosen or len(chosen) >= EVIDENCE_PER_NARRATIVE:
                continue
            if diverse and ref.channel in channels:
                continue
            chosen.append(pk)
            channels.add(ref.channel)
    if not chosen:
        return []
    m, a = schema.messages, schema.annotations
    texts = dict(conn.execute(select(m.c.id, m.c.text).where(m.c.id.in_(chosen))).all())
    rows: dict[int, list[Any]] = {}
    for row in conn.execute(
        select(a.c.message_pk, a.c.component, a.c.score, a.c.data).where(
            a.c.message_pk.in_(chosen), a.c.kind == "detection", a.c.label == label
        )
    ):
        rows.setdefault(int(row.message_pk), []).append(row)
    out: list[EvidenceItem] = []
    for pk in chosen:
        if pk not in rows:
            continue
        score, component, quotes = _quotes(str(texts.get(pk) or ""), rows[pk])
        out.append(EvidenceItem(known[pk], score, component, quotes))
    return out


def collect_narratives(
    conn: Connection,
    window: list[ColumnElement[bool]],
    where: BriefFilter,
    pack: KnowledgePack,
    buckets: list[date],
    granularity: Granularity,
    refs: RefCache,
) -> tuple[list[Narrative], list[LabelCount], list[LabelCount]]:
    """The top ``where.top`` narratives (counts, series, evidence, item index), the other
    narratives, and the behaviour and code labels."""
    counts = _label_counts(conn, window)
    labels = pack.labels

    def ranked(ids: Iterable[str]) -> list[str]:
        return sorted(ids, key=lambda i: (-counts[i][0], -counts[i][1], i))

    narrative_ids = ranked(i for i in counts if i in labels and labels[i].group == "narrative")
    others = ranked(i for i in counts if i not in narrative_ids)
    top = narrative_ids[: max(0, where.top)]
    series = series_per_bucket(conn, window, buckets, granularity, top)
    narratives: list[Narrative] = []
    for label_id in top:
        label = labels[label_id]
        items, propaganda = counts[label_id]
        all_series, prop_series = series.get(label_id, ([0] * len(buckets), [0] * len(buckets)))
        first, last = _label_span(conn, window, label_id)
        pks = _label_items(conn, window, label_id, MAX_NARRATIVE_ITEMS)
        refs.get(pks)
        narratives.append(
            Narrative(
                id=label_id,
                name=label.name,
                definition=label.definition,
                group=label.group,
                disarm=label.disarm,
                parent=label.parent,
                items=items,
                propaganda=propaganda,
                series=all_series,
                propaganda_series=prop_series,
                first=first,
                last=last,
                direction=trend_direction(all_series),
                evidence=_evidence(conn, window, label_id, refs),
                item_pks=pks,
                search_command=search_command(label_id, where),
            )
        )

    def count(label_id: str) -> LabelCount:
        label = labels.get(label_id)
        pks = _label_items(conn, window, label_id, MAX_ITEMS_PER_FACT)
        refs.get(pks)
        return LabelCount(
            label_id,
            label.name if label else label_id,
            label.group if label else "unknown",
            counts[label_id][0],
            counts[label_id][1],
            pks,
            search_command(label_id, where),
        )

    more = [count(i) for i in narrative_ids[len(top) :]]
    behaviours = [count(i) for i in others]
    return narratives, more, behaviours
