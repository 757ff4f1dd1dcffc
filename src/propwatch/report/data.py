"""What a written brief says, collected from the store into typed records.

:func:`collect_brief` reads one window of the store (``since``/``until``/``channel``, as
``propwatch search`` and ``propwatch export`` read them) and returns a :class:`Brief`: the
corpus, the top narratives with their counts over time, the strongest evidence quoted with its
provenance, new entities, wallets and other payment signals, the events timeline, methods and
caveats. Every fact keeps the stored items it comes from (:class:`ItemRef`), and
``Brief.items`` holds the provenance of every item the brief cites.

Counting rules (also in docs/briefs.md):

* an item *carries* a label when a detection of that label scores at least
  :data:`LABEL_THRESHOLD` (any component, any stance: a news report keeps its narratives);
* an item is *propaganda* when its stored stance is ``endorse``;
* narratives are the taxonomy labels of group ``narrative``, ranked by items carrying them;
  behaviour and code labels are counted separately.

Everything is bounded: the lists are capped (see the ``MAX_*`` constants) and say how many
more there were.
"""

from __future__ import annotations

import json
import os
import shlex
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import ColumnElement, Connection, Select, and_, case, false, func, or_, select

from propwatch import __version__
from propwatch.knowledge.loader import default_pack, load_pack
from propwatch.knowledge.model import KnowledgePack
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
    "bucket_start",
    "collect_brief",
]

#: A detection scoring at least this makes its item carry the label (as ``detection_stats``).
LABEL_THRESHOLD = 0.5
#: Buckets a trend chart holds at most: the finest of day/week/month/year that fits.
MAX_BUCKETS = 120
#: Items listed per narrative in the brief's source index (the count is always complete).
MAX_NARRATIVE_ITEMS = 100
#: Items quoted per narrative, and candidates looked at to pick them.
EVIDENCE_PER_NARRATIVE = 3
_EVIDENCE_CANDIDATES = 40
#: Quoted spans per item, and characters of context either side of a span.
QUOTES_PER_ITEM = 2
CONTEXT_CHARS = 140
#: New entities listed per type; payment signals listed; items listed per signal.
MAX_ENTITIES_PER_TYPE = 15
MAX_PAYMENTS = 100
MAX_ITEMS_PER_FACT = 10
#: Events read, and timeline entries (clusters of reports of one event) shown.
MAX_EVENTS = 2000
MAX_TIMELINE = 40
MAX_CHANNELS = 30
_CHUNK = 500

WALLET_SIGNALS = ("btc_address", "eth_address", "tron_address", "xmr_address")
#: Contact signals that count as payment signals when their item carries ``fundraising``.
CONTACT_SIGNALS = ("phone", "email", "telegram_invite", "telegram_link", "telegram_handle")
FUNDRAISING_LABEL = "fundraising"
#: Detection FPR above this in a language is flagged in the caveats (docs/detection.md target).
FPR_TARGET = 0.10
F1_TARGET = 0.85

Granularity = Literal["day", "week", "month", "year"]


# -- records --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BriefFilter:
    """The window a brief covers: naive-UTC ``since`` (inclusive) and ``until`` (exclusive)."""

    since: datetime | None = None
    until: datetime | None = None
    channel: str | None = None
    top: int = 5


@dataclass(slots=True)
class ItemRef:
    """A stored item, with everything needed to find and verify it again."""

    pk: int
    channel: str
    channel_name: str | None
    message_id: str
    date: datetime | None
    language: str
    script: str
    source: str
    position: str
    raw_sha256: str
    propaganda: float | None = None
    stance: str | None = None

    @property
    def anchor(self) -> str:
        """The HTML id of the item's provenance entry in the brief."""
        return f"item-{self.pk}"

    @property
    def uri(self) -> str:
        """A link the propwatch workspace resolves to the item."""
        return f"propwatch://item/{self.pk}"


@dataclass(slots=True)
class ChannelCount:
    key: str
    name: str | None
    items: int
    propaganda: int


@dataclass(slots=True)
class LanguageCount:
    #: Language code, with the script for Uzbek (``uz-Cyrl``/``uz-Latn``), as the model card.
    language: str
    items: int
    propaganda: int


@dataclass(slots=True)
class CorpusSummary:
    items: int = 0
    dated_items: int = 0
    propaganda: int = 0
    first: datetime | None = None
    last: datetime | None = None
    channel_total: int = 0
    channels: list[ChannelCount] = field(default_factory=list)  # capped, most items first
    languages: list[LanguageCount] = field(default_factory=list)
    stances: dict[str, int] = field(default_factory=dict)
    #: Items whose language is unknown (``und``) or identified with confidence under 0.5.
    uncertain_language: int = 0


@dataclass(slots=True)
class Quote:
    """One evidence span in its context: ``before`` + ``match`` + ``after`` is a slice of the
    item's original text (``start``/``end`` are the span's offsets)."""

    before: str
    match: str
    after: str
    start: int
    end: int
    component: str
    term: str | None = None
    clipped_before: bool = False
    clipped_after: bool = False


@dataclass(slots=True)
class EvidenceItem:
    item: ItemRef
    score: float  # the label's strongest detection score on this item
    component: str  # which component scored it
    quotes: list[Quote] = field(default_factory=list)


@dataclass(slots=True)
class Narrative:
    id: str
    name: str
    definition: str
    group: str
    disarm: str | None
    parent: str | None
    items: int
    propaganda: int
    #: Items carrying the label per bucket of ``Brief.buckets`` (dated items only).
    series: list[int] = field(default_factory=list)
    propaganda_series: list[int] = field(default_factory=list)
    first: datetime | None = None
    last: datetime | None = None
    #: ``rising``, ``falling``, ``steady`` or ``too few`` (second half of the buckets against
    #: the first; see :func:`_direction`).
    direction: str = "too few"
    evidence: list[EvidenceItem] = field(default_factory=list)
    item_pks: list[int] = field(default_factory=list)  # capped, newest first
    #: A ``propwatch search`` command that lists every item counted.
    search_command: str = ""

    @property
    def peak(self) -> tuple[int, int] | None:
        """(bucket index, items) of the busiest bucket, or None without dated items."""
        if not self.series or max(self.series) == 0:
            return None
        best = max(range(len(self.series)), key=lambda i: (self.series[i], -i))
        return best, self.series[best]


@dataclass(slots=True)
class LabelCount:
    id: str
    name: str
    group: str
    items: int
    propaganda: int
    item_pks: list[int] = field(default_factory=list)
    search_command: str = ""


@dataclass(slots=True)
class NewEntity:
    id: int
    key: str
    type: str
    name: str
    aliases: list[str]
    first_seen: datetime | None
    mentions: int  # within the brief's window
    first_item: ItemRef | None
    mention_text: str | None  # how the first mention in the window is written


@dataclass(slots=True)
class PaymentSignal:
    type: str
    value: str
    network: str | None
    #: ``wallet``, or ``contact in a fundraising item``.
    reason: str
    item_count: int
    propaganda_items: int
    first: datetime | None
    last: datetime | None
    as_written: str | None
    items: list[ItemRef] = field(default_factory=list)


@dataclass(slots=True)
class Attributed:
    """A value (a claimant, an outlet, a place) and the items that state it."""

    value: str
    items: list[ItemRef] = field(default_factory=list)


@dataclass(slots=True)
class FigureGroup:
    """One casualty figure as stated (value, qualifier, attribution) and who states it."""

    kind: str  # ``killed`` or ``injured``
    value: int
    qualifier: str
    attribution: str | None
    text: str
    items: list[ItemRef] = field(default_factory=list)


@dataclass(slots=True)
class TimelineEvent:
    """One attack as the items of the window report it (reports of the same place and date
    grouped; figures are never merged, each keeps its wording, attribution and source)."""

    date: str | None  # ISO, possibly partial
    date_texts: list[str]
    types: list[str]
    place: list[str]
    country: str | None
    targets: list[str]
    figures: list[FigureGroup]
    claimed_by: list[Attributed]
    claim_outlets: list[Attributed]
    perpetrators: list[Attributed]
    sources: list[ItemRef]
    source_count: int
    quote: str | None = None
    quote_item: ItemRef | None = None

    @property
    def type(self) -> str:
        """The most specific type reported (``attack`` only when nothing else is)."""
        specific = [t for t in self.types if t != "attack"]
        return specific[0] if specific else (self.types[0] if self.types else "attack")


@dataclass(slots=True)
class ReferenceEvent:
    date: date
    title: str
    note: str | None


@dataclass(slots=True)
class ComponentVersion:
    component: str
    version: str
    kind: str
    annotations: int


@dataclass(slots=True)
class ModelInfo:
    name: str
    version: str
    created: str | None
    training_items: int | None
    format: str | None
    card_path: str


@dataclass(slots=True)
class LanguageMetric:
    """Detection quality on propwatch's test set for one language (from the model card)."""

    language: str
    items_in_brief: int
    n: int
    precision: float
    recall: float
    f1: float
    fpr: float

    @property
    def flagged(self) -> bool:
        return self.fpr > FPR_TARGET or self.f1 < F1_TARGET


@dataclass(slots=True)
class Methods:
    propwatch_version: str
    generated_at: datetime
    database: str
    schema_version: int
    components: list[ComponentVersion]
    pack_sources: list[str]
    pack_labels: int
    pack_terms: int
    pack_cues: int
    pack_languages: int
    pack_version: str
    lexicon_versions: list[str]  # lexicon versions the stored detections name
    model: ModelInfo | None
    threshold: float = LABEL_THRESHOLD


@dataclass(slots=True)
class Caveat:
    title: str
    text: str


@dataclass(slots=True)
class Brief:
    """Everything a brief shows; see the module docstring for the counting rules."""

    filter: BriefFilter
    channel_known: bool
    corpus: CorpusSummary
    granularity: Granularity
    buckets: list[date]
    #: Items per bucket: all dated items, and those judged propaganda.
    totals: list[int]
    propaganda_totals: list[int]
    buckets_dropped: int
    narratives: list[Narrative]
    other_narratives: list[LabelCount]
    behaviours: list[LabelCount]
    new_entities: dict[str, list[NewEntity]]
    new_entity_totals: dict[str, int]
    payments: list[PaymentSignal]
    payment_total: int
    timeline: list[TimelineEvent]
    event_total: int
    timeline_clusters: int
    references: list[ReferenceEvent]
    methods: Methods
    caveats: list[Caveat]
    metrics: list[LanguageMetric]
    metrics_overall: LanguageMetric | None
    items: dict[int, ItemRef]

    @property
    def empty(self) -> bool:
        """True when the window holds no item at all."""
        return self.corpus.items == 0

    @property
    def period_start(self) -> datetime | None:
        return self.filter.since or self.corpus.first

    @property
    def period_end(self) -> datetime | None:
        """The last moment covered (``until`` is exclusive, so a day before it)."""
        if self.filter.until is not None:
            return self.filter.until - timedelta(microseconds=1)
        return self.corpus.last

    def cited_items(self) -> list[ItemRef]:
        """Every item the brief refers to, oldest first (undated last)."""
        return sorted(
            self.items.values(), key=lambda i: (i.date is None, i.date or datetime.min, i.pk)
        )


# -- helpers --------------------------------------------------------------------------------------


def _chunks(values: Sequence[Any], size: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(values), size):
        yield values[i : i + size]


def _as_date(value: Any) -> date | None:
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


def _buckets(first: date | None, last: date | None) -> tuple[Granularity, list[date], int]:
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


def _direction(series: Sequence[int]) -> str:
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


def _window(conn: Connection, where: BriefFilter) -> tuple[list[ColumnElement[bool]], bool]:
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


def _endorsed() -> Select[Any]:
    a = schema.annotations
    return select(a.c.message_pk).where(a.c.kind == "stance", a.c.label == "endorse")


def _script_language(language: str, script: str) -> str:
    if language == "uz" and script in ("Cyrl", "Latn"):
        return f"uz-{script}"
    return language


def _search_command(label: str, where: BriefFilter) -> str:
    parts = ["propwatch", "search", "--label", label, "--min-score", str(LABEL_THRESHOLD)]
    if where.since is not None:
        parts += ["--since", where.since.isoformat()]
    if where.until is not None:
        parts += ["--until", where.until.isoformat()]
    if where.channel:
        parts += ["--channel", where.channel]
    return " ".join(shlex.quote(p) for p in parts)


# -- corpus ---------------------------------------------------------------------------------------


def _corpus(conn: Connection, window: list[ColumnElement[bool]]) -> CorpusSummary:
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
    endorsed = _endorsed()
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
        languages.setdefault(_script_language(lang, script), [0, 0])[0] += int(n)
    for lang, script, n in conn.execute(
        select(m.c.language, m.c.script, func.count()).where(*window, m.c.id.in_(endorsed))
        .group_by(m.c.language, m.c.script)
    ):  # fmt: skip
        languages.setdefault(_script_language(lang, script), [0, 0])[1] += int(n)
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


def _series(
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
        extra = [m.c.id.in_(_endorsed())] if propaganda else []
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
            found = _as_date(raw_day)
            if found is None:
                continue
            slot = index.get(bucket_start(found, granularity))
            if slot is None:
                continue
            key = None if labels is None else str(label)
            series = out.setdefault(key, ([0] * len(buckets), [0] * len(buckets)))
            series[1 if propaganda else 0][slot] += int(n)
    return out


# -- items ----------------------------------------------------------------------------------------


class _Refs:
    """Item provenance, fetched once per item and kept for ``Brief.items``."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.known: dict[int, ItemRef] = {}

    def get(self, pks: Iterable[int]) -> list[ItemRef]:
        wanted = list(dict.fromkeys(int(pk) for pk in pks))
        missing = sorted(pk for pk in wanted if pk not in self.known)
        m, c, a = schema.messages, schema.channels, schema.annotations
        for chunk in _chunks(missing):
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


# -- narratives and evidence ----------------------------------------------------------------------


def _label_counts(
    conn: Connection, window: list[ColumnElement[bool]]
) -> dict[str, tuple[int, int]]:
    """label -> (items carrying it, of which judged propaganda)."""
    m, a = schema.messages, schema.annotations
    out: dict[str, tuple[int, int]] = {}
    for propaganda in (False, True):
        extra = [m.c.id.in_(_endorsed())] if propaganda else []
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
    stance = m.c.id.in_(_endorsed()) if endorsed else m.c.id.not_in(_endorsed())
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


def _quote(text: str, start: int, end: int, component: str, term: str | None) -> Quote:
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
                _quote(text, span[0], span[1], str(row.component),
                       source if isinstance(source, str) else None)
            )  # fmt: skip
    return float(best.score), str(best.component), quotes


def _evidence(
    conn: Connection, window: list[ColumnElement[bool]], label: str, refs: _Refs
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


def _narratives(
    conn: Connection,
    window: list[ColumnElement[bool]],
    where: BriefFilter,
    pack: KnowledgePack,
    buckets: list[date],
    granularity: Granularity,
    refs: _Refs,
) -> tuple[list[Narrative], list[LabelCount], list[LabelCount]]:
    counts = _label_counts(conn, window)
    labels = pack.labels

    def ranked(ids: Iterable[str]) -> list[str]:
        return sorted(ids, key=lambda i: (-counts[i][0], -counts[i][1], i))

    narrative_ids = ranked(i for i in counts if i in labels and labels[i].group == "narrative")
    others = ranked(i for i in counts if i not in narrative_ids)
    top = narrative_ids[: max(0, where.top)]
    series = _series(conn, window, buckets, granularity, top)
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
                direction=_direction(all_series),
                evidence=_evidence(conn, window, label_id, refs),
                item_pks=pks,
                search_command=_search_command(label_id, where),
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
            _search_command(label_id, where),
        )

    more = [count(i) for i in narrative_ids[len(top) :]]
    behaviours = [count(i) for i in others]
    return narratives, more, behaviours


# -- new entities ---------------------------------------------------------------------------------

_ENTITY_ORDER = ("organization", "person", "media_outlet", "publication", "channel", "place")


def _new_entities(
    conn: Connection, window: list[ColumnElement[bool]], where: BriefFilter, refs: _Refs
) -> tuple[dict[str, list[NewEntity]], dict[str, int]]:
    """Entities first seen (anywhere in the store) within the window and mentioned in it."""
    e, em, m = schema.entities, schema.entity_mentions, schema.messages
    conditions: list[ColumnElement[bool]] = [e.c.mention_count > 0]
    if where.since is not None:
        conditions.append(e.c.first_seen >= where.since)
    if where.until is not None:
        conditions.append(e.c.first_seen < where.until)
    if window:
        conditions.append(
            select(em.c.id)
            .select_from(em.join(m, m.c.id == em.c.message_pk))
            .where(em.c.entity_id == e.c.id, *window)
            .exists()
        )
    totals = {
        str(t): int(n)
        for t, n in conn.execute(
            select(e.c.type, func.count()).where(*conditions).group_by(e.c.type)
        )
    }
    types = [t for t in _ENTITY_ORDER if t in totals] + sorted(set(totals) - set(_ENTITY_ORDER))
    listed: dict[str, list[Any]] = {}
    for etype in types:
        listed[etype] = list(
            conn.execute(
                select(e)
                .where(*conditions, e.c.type == etype)
                .order_by(e.c.mention_count.desc(), e.c.first_seen.asc().nulls_last(), e.c.id)
                .limit(MAX_ENTITIES_PER_TYPE)
            ).all()
        )
    ids = [int(row.id) for rows in listed.values() for row in rows]
    first: dict[int, tuple[int, str | None]] = {}
    mentions: dict[int, int] = {}
    if ids:
        pairs = (
            select(
                em.c.entity_id, em.c.message_pk, em.c.text,
                func.row_number().over(
                    partition_by=em.c.entity_id,
                    order_by=(m.c.date.asc().nulls_last(), em.c.message_pk, em.c.start),
                ).label("rank"),
            )
            .select_from(em.join(m, m.c.id == em.c.message_pk))
            .where(em.c.entity_id.in_(ids), *window)
            .subquery()
        )  # fmt: skip
        for row in conn.execute(select(pairs).where(pairs.c.rank == 1)):
            first[int(row.entity_id)] = (int(row.message_pk), row.text)
        mentions = {
            int(pk): int(n)
            for pk, n in conn.execute(
                select(em.c.entity_id, func.count())
                .select_from(em.join(m, m.c.id == em.c.message_pk))
                .where(em.c.entity_id.in_(ids), *window)
                .group_by(em.c.entity_id)
            )
        }
    refs.get(pk for pk, _ in first.values())
    out: dict[str, list[NewEntity]] = {}
    for etype, rows in listed.items():
        out[etype] = []
        for row in rows:
            pk, text = first.get(int(row.id), (None, None))
            aliases = [a for a in (row.aliases or []) if isinstance(a, str) and a != row.name]
            out[etype].append(
                NewEntity(
                    int(row.id), row.key, row.type, row.name, aliases[:6], row.first_seen,
                    mentions.get(int(row.id), 0), refs.one(pk) if pk is not None else None,
                    text if isinstance(text, str) else None,
                )
            )  # fmt: skip
    return out, totals


# -- payment signals ------------------------------------------------------------------------------

#: Signal rows read at most (wallets are rare; contacts only count in fundraising items).
_MAX_SIGNAL_ROWS = 20_000


def _payments(
    conn: Connection, window: list[ColumnElement[bool]], refs: _Refs
) -> tuple[list[PaymentSignal], int]:
    m, a = schema.messages, schema.annotations
    f = schema.annotations.alias("f")
    fundraising = (
        select(f.c.id)
        .where(
            f.c.message_pk == a.c.message_pk,
            f.c.kind == "detection",
            f.c.label == FUNDRAISING_LABEL,
            f.c.score >= LABEL_THRESHOLD,
        )
        .exists()
    )
    written = func.substr(m.c.text, a.c.start + 1, a.c.end - a.c.start)
    rows = conn.execute(
        select(a.c.message_pk, a.c.label, a.c.data, m.c.date, written.label("written"))
        .select_from(a.join(m, m.c.id == a.c.message_pk))
        .where(
            *window,
            a.c.kind == "signal",
            or_(
                a.c.label.in_(WALLET_SIGNALS),
                and_(a.c.label.in_(CONTACT_SIGNALS), fundraising),
            ),
        )
        .order_by(m.c.date.asc().nulls_last(), a.c.message_pk)
        .limit(_MAX_SIGNAL_ROWS)
    ).all()
    endorsed = {
        int(pk)
        for chunk in _chunks(sorted({int(r.message_pk) for r in rows}))
        for pk in conn.execute(
            _endorsed().where(schema.annotations.c.message_pk.in_(list(chunk)))
        ).scalars()
    }
    groups: dict[tuple[str, str], PaymentSignal] = {}
    group_items: dict[tuple[str, str], dict[int, None]] = {}
    for row in rows:
        data = row.data if isinstance(row.data, dict) else {}
        value = data.get("value")
        if not isinstance(value, str) or not value:
            continue
        key = (str(row.label), value)
        signal = groups.get(key)
        if signal is None:
            network = data.get("network")
            signal = groups[key] = PaymentSignal(
                type=str(row.label),
                value=value[:300],
                network=network if isinstance(network, str) else None,
                reason="wallet" if row.label in WALLET_SIGNALS else "contact in a fundraising item",
                item_count=0,
                propaganda_items=0,
                first=row.date,
                last=row.date,
                as_written=row.written if isinstance(row.written, str) else None,
            )
            group_items[key] = {}
        pk = int(row.message_pk)
        if pk not in group_items[key]:
            group_items[key][pk] = None
            signal.item_count += 1
            signal.propaganda_items += pk in endorsed
        if row.date is not None:
            signal.first = row.date if signal.first is None else min(signal.first, row.date)
            signal.last = row.date if signal.last is None else max(signal.last, row.date)
    ordered = sorted(
        groups.items(),
        key=lambda kv: (kv[1].reason != "wallet", -kv[1].item_count, kv[1].type, kv[1].value),
    )
    out: list[PaymentSignal] = []
    for key, signal in ordered[:MAX_PAYMENTS]:
        signal.items = refs.get(list(group_items[key])[:MAX_ITEMS_PER_FACT])
        out.append(signal)
    return out, len(groups)


# -- events timeline ------------------------------------------------------------------------------


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


def _timeline_event(cluster: _Cluster, refs: _Refs) -> TimelineEvent:
    figures: dict[tuple[str, int, str, str], FigureGroup] = {}
    claimed: dict[str, Attributed] = {}
    outlets: dict[str, Attributed] = {}
    perpetrators: dict[str, Attributed] = {}
    types: list[str] = []
    targets: list[str] = []
    date_texts: list[str] = []
    quote: tuple[float, str, int] | None = None
    pks = [pk for pk, _, _ in cluster.members]
    known = {ref.pk: ref for ref in refs.get(pks[:MAX_ITEMS_PER_FACT * 3])}
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
    ordered = sorted(
        figures.values(), key=lambda g: (g.kind != "killed", -len(g.items), -g.value)
    )
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


def _timeline(
    conn: Connection, window: list[ColumnElement[bool]], refs: _Refs
) -> tuple[list[TimelineEvent], int, int]:
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


def _references(conn: Connection, first: date | None, last: date | None) -> list[ReferenceEvent]:
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
        when = _as_date(row.date)
        if when is not None and first <= when <= last:
            note = row.note[:500] if isinstance(row.note, str) else None
            out.append(ReferenceEvent(when, str(row.title)[:200], note))
    return out


# -- methods and caveats --------------------------------------------------------------------------

#: Environment variable naming a model directory (as ``propwatch.detect.detector.MODEL_ENV``).
_MODEL_ENV = "PROPWATCH_MODEL"


def _model_card() -> tuple[dict[str, Any] | None, str]:
    """The card of the model detection used: ``$PROPWATCH_MODEL`` or the shipped one."""
    custom = os.environ.get(_MODEL_ENV)
    folder = (
        Path(custom)
        if custom
        else Path(str(resources.files("propwatch") / "data" / "models" / "default"))
    )
    path = folder / "card.json"
    try:
        if path.stat().st_size > 5_000_000:
            return None, str(path)
        card = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None, str(path)
    return (card if isinstance(card, dict) else None), str(path)


def _model_info(card: dict[str, Any] | None, path: str) -> ModelInfo | None:
    if card is None:
        return None
    n_train = card.get("n_train")
    return ModelInfo(
        name=str(card.get("name") or "unnamed model"),
        version=str(card.get("version") or "?"),
        created=str(card["created"]) if card.get("created") else None,
        training_items=n_train if isinstance(n_train, int) else None,
        format=str(card["format"]) if card.get("format") else None,
        card_path=path,
    )


def _metric(language: str, items: int, raw: Any) -> LanguageMetric | None:
    if not isinstance(raw, dict):
        return None
    try:
        return LanguageMetric(
            language, items, int(raw.get("n", 0)), float(raw["precision"]), float(raw["recall"]),
            float(raw["f1"]), float(raw["fpr"]),
        )  # fmt: skip
    except (KeyError, TypeError, ValueError):
        return None


def _metrics(
    card: dict[str, Any] | None, corpus: CorpusSummary
) -> tuple[list[LanguageMetric], LanguageMetric | None]:
    """Per-language detection quality for the languages of the brief (Dari counts as Persian,
    the model card's ``fa`` set holding both)."""
    metrics = card.get("metrics") if card else None
    if not isinstance(metrics, dict):
        return [], None
    per_language = metrics.get("propaganda_by_language")
    per_language = per_language if isinstance(per_language, dict) else {}
    items: dict[str, int] = {}
    for row in corpus.languages:
        key = "fa" if row.language == "prs" else row.language
        items[key] = items.get(key, 0) + row.items
    out = [
        found
        for lang, n in sorted(items.items(), key=lambda kv: (-kv[1], kv[0]))
        if (found := _metric(lang, n, per_language.get(lang))) is not None
    ]
    return out, _metric("all", corpus.items, metrics.get("propaganda_overall"))


def _database(store: Store) -> str:
    url = store.engine.url
    name = Path(url.database).name if url.database and store.dialect == "sqlite" else url.database
    return f"{store.dialect}: {name or '(in memory)'}"


def _methods(conn: Connection, store: Store, window: list[ColumnElement[bool]],
             pack: KnowledgePack, card: dict[str, Any] | None, card_path: str) -> Methods:
    from propwatch.detect.detector import pack_version

    m, a = schema.messages, schema.annotations
    components = [
        ComponentVersion(str(comp), str(version), str(kind), int(n))
        for comp, version, kind, n in conn.execute(
            select(a.c.component, a.c.component_version, a.c.kind, func.count())
            .select_from(a.join(m, m.c.id == a.c.message_pk))
            .where(*window)
            .group_by(a.c.component, a.c.component_version, a.c.kind)
            .order_by(a.c.component, a.c.kind, a.c.component_version)
        )
    ]
    lexicon = sorted({c.version for c in components if c.component == "lexicon"})
    languages = {t.language for t in pack.terms}
    return Methods(
        propwatch_version=__version__,
        generated_at=datetime.now(UTC).replace(tzinfo=None, microsecond=0),
        database=_database(store),
        schema_version=store.schema_version,
        components=components,
        pack_sources=list(pack.sources),
        pack_labels=len(pack.labels),
        pack_terms=len(pack.terms),
        pack_cues=len(pack.cues),
        pack_languages=len(languages),
        pack_version=pack_version(pack),
        lexicon_versions=lexicon,
        model=_model_info(card, card_path),
    )  # fmt: skip


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "0%"


def _caveats(brief_parts: dict[str, Any]) -> list[Caveat]:
    corpus: CorpusSummary = brief_parts["corpus"]
    methods: Methods = brief_parts["methods"]
    metrics: list[LanguageMetric] = brief_parts["metrics"]
    out = [
        Caveat(
            "Automated output: verify before citing",
            "Every count, label, quote selection, entity and casualty figure in this brief was "
            "produced automatically by propwatch. Open the quoted item in its source (the "
            "provenance line gives file, position and SHA-256 of the raw record) and read it "
            "in full before citing it.",
        ),
        Caveat(
            "What the counts mean",
            f"An item carries a narrative when a detection of it scores at least "
            f"{LABEL_THRESHOLD}, whatever the item's stance: news reports and counter-speech "
            "that describe a narrative are counted too. Only items whose stance is "
            "\u201cendorse\u201d are counted as propaganda. Counts are of items, not of "
            "readers or reach.",
        ),
    ]
    if corpus.items:
        out.append(
            Caveat(
                "Language identification",
                f"{corpus.uncertain_language} of {corpus.items} items "
                f"({_percent(corpus.uncertain_language, corpus.items)}) have an unknown "
                "language or were identified with confidence under 0.5. Dari and Persian are "
                "hard to tell apart, mixed-language messages get one language, and "
                "romanized or Arabic-script Tajik and Uzbek are not handled specially "
                "(docs/langid.md). Detection matches every lexicon on every item, so a wrong "
                "language label does not hide a detection, but per-language figures inherit "
                "the error.",
            )
        )
    weak = [x for x in metrics if x.flagged]
    if methods.model is None:
        out.append(
            Caveat(
                "Detection quality",
                "No model card was found, so detection quality cannot be stated; detections "
                "may come from the lexicon alone.",
            )
        )
    elif weak:
        listed = "; ".join(
            f"{x.language}: F1 {x.f1:.2f}, false-positive rate {100 * x.fpr:.0f}%" for x in weak
        )
        out.append(
            Caveat(
                "Detection quality by language",
                "Measured on propwatch's own written test sets, not on this corpus. Below "
                f"target (F1 {F1_TARGET}, false-positive rate under {100 * FPR_TARGET:.0f}%) "
                f"in languages of this brief: {listed}. In these languages expect some news, "
                "counter-speech and ordinary talk among the items judged propaganda.",
            )
        )
    else:
        out.append(
            Caveat(
                "Detection quality",
                "Measured on propwatch's own written test sets, not on this corpus (table "
                "below). Behaviour labels phrased in many ways (incitement, threats, "
                "fundraising) are detected less reliably than the main narratives "
                "(docs/detection.md).",
            )
        )
    out.append(
        Caveat(
            "Extraction limits",
            "Events are found only where an attack word occurs; dates are never guessed (a "
            "weekday without a document date stays undated) and a relative date (\u201cone "
            "year ago today\u201d) can be resolved wrongly; conflicting casualty figures are "
            "listed side by side with their attribution, never reconciled. Reports are "
            "grouped into one timeline entry by place and date, which can split one attack "
            "or join two. Entity names are merged across scripts by the gazetteer and by "
            "transliteration, which can join different people of the same name "
            "(docs/extraction.md).",
        )
    )
    undated = corpus.items - corpus.dated_items
    if undated:
        out.append(
            Caveat(
                "Undated items",
                f"{undated} item(s) have no date: they are in the totals and the evidence but "
                "not in the charts, and a --since/--until window leaves them out.",
            )
        )
    if brief_parts["buckets_dropped"]:
        out.append(
            Caveat(
                "Chart range",
                f"The items span more than {MAX_BUCKETS} years; the charts show the last "
                f"{MAX_BUCKETS} ({brief_parts['buckets_dropped']} earlier years left out).",
            )
        )
    stale = [v for v in methods.lexicon_versions if v != methods.pack_version]
    if stale:
        out.append(
            Caveat(
                "Knowledge pack changed",
                f"Stored detections name lexicon version(s) {', '.join(stale)}; the current "
                f"knowledge pack is {methods.pack_version}. Items analysed before the change "
                "were not re-read with the current lexicon.",
            )
        )
    out.append(
        Caveat(
            "Long items",
            "Detection reads the first 200,000 characters of an item and the model the first "
            "2,000; a long document's later pages may carry narratives not counted here.",
        )
    )
    return out


# -- the brief ------------------------------------------------------------------------------------


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
    card, card_path = _model_card()
    with store.engine.connect() as conn:
        window, known = _window(conn, where)
        refs = _Refs(conn)
        corpus = _corpus(conn, window)
        first = corpus.first.date() if corpus.first else None
        last = corpus.last.date() if corpus.last else None
        if where.since is not None and first is not None:
            first = max(first, where.since.date())
        granularity, buckets, dropped = _buckets(first, last)
        overall = _series(conn, window, buckets, granularity, None).get(
            None, ([0] * len(buckets), [0] * len(buckets))
        )
        narratives, more, behaviours = _narratives(
            conn, window, where, pack, buckets, granularity, refs
        )
        entities, entity_totals = _new_entities(conn, window, where, refs)
        payments, payment_total = _payments(conn, window, refs)
        timeline, event_total, clusters = _timeline(conn, window, refs)
        references = _references(conn, buckets[0] if buckets else None, last)
        methods = _methods(conn, store, window, pack, card, card_path)
    metrics, overall_metric = _metrics(card, corpus)
    caveats = _caveats(
        {"corpus": corpus, "methods": methods, "metrics": metrics, "buckets_dropped": dropped}
    )
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
