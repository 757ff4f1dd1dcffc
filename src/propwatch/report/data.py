"""Collect a written brief from the store: :func:`collect_brief`.

It reads one window of the store (``since``/``until``/``channel``, as ``propwatch search`` and
``propwatch export`` read them) and returns a :class:`~propwatch.report.records.Brief`: the
corpus, the top narratives with their counts over time, the strongest evidence quoted with its
provenance, new entities, wallets and other payment signals, the events timeline, methods and
caveats. The records are re-exported here.

Counting rules (also in docs/briefs.md):

* an item *carries* a label when a detection of that label scores at least
  :data:`LABEL_THRESHOLD` (any component, any stance: a news report keeps its narratives);
* an item is *propaganda* when its stored stance is ``endorse``;
* narratives are the taxonomy labels of group ``narrative``, ranked by items carrying them;
  behaviour and code labels are counted separately.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import ColumnElement, Connection, func, or_, select

from propwatch.knowledge.loader import default_pack, load_pack
from propwatch.report.common import (
    RefCache,
    buckets_for,
    endorsed_items,
    language_key,
    series_per_bucket,
    window_conditions,
)
from propwatch.report.facts import collect_new_entities, collect_payments
from propwatch.report.methods import build_caveats, collect_methods, language_metrics, model_card
from propwatch.report.narratives import collect_narratives
from propwatch.report.records import (
    LABEL_THRESHOLD,
    Attributed,
    Brief,
    BriefFilter,
    Caveat,
    ChannelCount,
    ComponentVersion,
    CorpusSummary,
    EvidenceItem,
    FigureGroup,
    Granularity,
    ItemRef,
    LabelCount,
    LanguageCount,
    LanguageMetric,
    Methods,
    ModelInfo,
    Narrative,
    NewEntity,
    PaymentSignal,
    Quote,
    ReferenceEvent,
    TimelineEvent,
)
from propwatch.report.timeline import collect_references, collect_timeline
from propwatch.store import Store, schema
from propwatch.store.writer import utc_naive

__all__ = [
    "LABEL_THRESHOLD",
    "Attributed",
    "Brief",
    "BriefFilter",
    "Caveat",
    "ChannelCount",
    "ComponentVersion",
    "CorpusSummary",
    "EvidenceItem",
    "FigureGroup",
    "Granularity",
    "ItemRef",
    "LabelCount",
    "LanguageCount",
    "LanguageMetric",
    "Methods",
    "ModelInfo",
    "Narrative",
    "NewEntity",
    "PaymentSignal",
    "Quote",
    "ReferenceEvent",
    "TimelineEvent",
    "collect_brief",
    "collect_corpus",
]

#: Channels listed in the corpus table (the count is always complete).
MAX_CHANNELS = 30


def collect_corpus(conn: Connection, window: list[ColumnElement[bool]]) -> CorpusSummary:
    """Items, dates, channels, languages and stances of the window."""
    m, c, a = schema.messages, schema.channels, schema.annotations
    out = CorpusSummary()
    row = conn.execute(
        select(func.count(), func.count(m.c.date), func.min(m.c.date), func.max(m.c.date)).where(
            *window
        )
    ).one()
    out.items, out.dated_items = int(row[0]), int(row[1])
    out.first, out.last = row[2], row[3]
    if out.items == 0:
        return out
    endorsed = endorsed_items()
    out.propaganda = int(
        conn.execute(select(func.count()).where(*window, m.c.id.in_(endorsed))).scalar_one()
    )
    per_channel = conn.execute(
        select(c.c.key, c.c.name, func.count(m.c.id))
        .select_from(m.join(c, c.c.id == m.c.channel_id))
        .where(*window)
        .group_by(c.c.key, c.c.name)
        .order_by(func.count(m.c.id).desc(), c.c.key)
    ).all()
    out.channel_total = len(per_channel)
    propaganda_per_channel: dict[str, int] = dict(
        conn.execute(
            select(c.c.key, func.count(m.c.id))
            .select_from(m.join(c, c.c.id == m.c.channel_id))
            .where(*window, m.c.id.in_(endorsed))
            .group_by(c.c.key)
        ).all()
    )
    out.channels = [
        ChannelCount(str(k), n_ame, int(n), int(propaganda_per_channel.get(k, 0)))
        for k, n_ame, n in per_channel[:MAX_CHANNELS]
    ]
    languages: dict[str, list[int]] = {}
    for lang, script, n in conn.execute(
        select(m.c.language, m.c.script, func.count()).where(*window)
        .group_by(m.c.language, m.c.script)
    ):  # fmt: skip
        languages.setdefault(language_key(lang, script), [0, 0])[0] += int(n)
    for lang, script, n in conn.execute(
        select(m.c.language, m.c.script, func.count()).where(*window, m.c.id.in_(endorsed))
        .group_by(m.c.language, m.c.script)
    ):  # fmt: skip
        languages.setdefault(language_key(lang, script), [0, 0])[1] += int(n)
    out.languages = [
        LanguageCount(lang, counts[0], counts[1])
        for lang, counts in sorted(languages.items(), key=lambda kv: (-kv[1][0], kv[0]))
    ]
    out.stances = {
        str(label): int(n)
        for label, n in conn.execute(
            select(a.c.label, func.count())
            .select_from(a.join(m, m.c.id == a.c.message_pk))
            .where(*window, a.c.kind == "stance")
            .group_by(a.c.label)
            .order_by(func.count().desc())
        )
    }
    out.uncertain_language = int(
        conn.execute(
            select(func.count()).where(
                *window, or_(m.c.language == "und", m.c.language_confidence < 0.5)
            )
        ).scalar_one()
    )
    return out


def _chart_range(where: BriefFilter, corpus: CorpusSummary) -> tuple[date | None, date | None]:
    """The requested window (the items' own range where open), but no more than a year
    beyond the first and last item: ``--since 0001-01-01`` does not chart two millennia."""
    if corpus.first is None or corpus.last is None:
        return None, None
    first, last = corpus.first.date(), corpus.last.date()
    slack = timedelta(days=366)
    if where.since is not None:
        first = max(where.since.date(), _shift(first, -slack))
    if where.until is not None:
        last = min((where.until - timedelta(microseconds=1)).date(), _shift(last, slack))
    return first, max(first, last)


def _shift(day: date, by: timedelta) -> date:
    try:
        return day + by
    except OverflowError:
        return day


def collect_brief(
    store: Store,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    channel: str | None = None,
    top: int = 5,
    knowledge: Sequence[str | Path] = (),
) -> Brief:
    """Read what a brief shows for the window from the store.

    ``since``/``until`` (``until`` exclusive; UTC when naive) and ``channel`` (key, name or
    Telegram id) filter as ``propwatch search`` does; ``top`` is how many narratives get a
    chart and quoted evidence; ``knowledge`` adds knowledge packs (label names, definitions).
    """
    where = BriefFilter(
        utc_naive(since), utc_naive(until), channel.strip() if channel else None,
        max(0, min(int(top), 18)),
    )  # fmt: skip
    pack = load_pack(knowledge) if knowledge else default_pack()
    card, card_path = model_card()
    with store.engine.connect() as conn:
        window, known = window_conditions(conn, where)
        refs = RefCache(conn)
        corpus = collect_corpus(conn, window)
        first, last = _chart_range(where, corpus)
        granularity, buckets, dropped = buckets_for(first, last)
        overall = series_per_bucket(conn, window, buckets, granularity, None).get(
            None, ([0] * len(buckets), [0] * len(buckets))
        )
        narratives, more, behaviours = collect_narratives(
            conn, window, where, pack, buckets, granularity, refs
        )
        entities, entity_totals = collect_new_entities(conn, window, where, refs)
        payments, payment_total = collect_payments(conn, window, refs)
        timeline, event_total, clusters = collect_timeline(conn, window, refs)
        references = collect_references(conn, buckets[0] if buckets else None, last)
        methods = collect_methods(conn, store, window, pack, card, card_path)
    metrics, overall_metric = language_metrics(card, corpus)
    caveats = build_caveats(corpus, methods, metrics, buckets_dropped=dropped)
    return Brief(
        filter=where,
        channel_known=known,
        corpus=corpus,
        granularity=granularity,
        buckets=buckets,
        totals=overall[0],
        propaganda_totals=overall[1],
        buckets_dropped=dropped,
        narratives=narratives,
        other_narratives=more,
        behaviours=behaviours,
        new_entities=entities,
        new_entity_totals=entity_totals,
        payments=payments,
        payment_total=payment_total,
        timeline=timeline,
        event_total=event_total,
        timeline_clusters=clusters,
        references=references,
        methods=methods,
        caveats=caveats,
        metrics=metrics,
        metrics_overall=overall_metric,
        items=dict(refs.known),
    )
