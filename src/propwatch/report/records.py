"""The records a written brief is made of (filled by :func:`propwatch.report.collect_brief`).

Every fact keeps the stored items it comes from (:class:`ItemRef`: channel, message id, date,
source file and position, SHA-256 of the raw record), and ``Brief.items`` holds every item the
brief cites. The ``MAX_*`` constants cap each list; the records say how many more there were.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Literal

__all__ = [
    "F1_TARGET",
    "FPR_TARGET",
    "LABEL_THRESHOLD",
    "MAX_BUCKETS",
    "MAX_ITEMS_PER_FACT",
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
]

#: A detection scoring at least this makes its item carry the label (as ``detection_stats``).
LABEL_THRESHOLD = 0.5
#: Buckets a trend chart holds at most: the finest of day/week/month/year that fits.
MAX_BUCKETS = 120
#: Items listed per fact (a figure, a claim, a signal, a behaviour label).
MAX_ITEMS_PER_FACT = 10
#: Detection quality below these targets (docs/detection.md) is flagged in the caveats.
FPR_TARGET = 0.10
F1_TARGET = 0.85

Granularity = Literal["day", "week", "month", "year"]


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
    #: the first; see :func:`propwatch.report.common.trend_direction`).
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
