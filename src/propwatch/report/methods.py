"""The methods and caveats of a brief: what produced its content, and what to keep in mind.

Detection quality per language comes from the model card of the model detection used
(``$PROPWATCH_MODEL`` or the shipped one), measured on propwatch's written test sets.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Connection, func, select

from propwatch import __version__
from propwatch.knowledge.model import KnowledgePack
from propwatch.report.records import (
    F1_TARGET,
    FPR_TARGET,
    LABEL_THRESHOLD,
    MAX_BUCKETS,
    Caveat,
    ComponentVersion,
    CorpusSummary,
    LanguageMetric,
    Methods,
    ModelInfo,
)
from propwatch.store import Store, schema

__all__ = ["build_caveats", "collect_methods", "language_metrics", "model_card"]

#: Environment variable naming a model directory (as ``propwatch.detect.detector.MODEL_ENV``).
_MODEL_ENV = "PROPWATCH_MODEL"


def model_card() -> tuple[dict[str, Any] | None, str]:
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


def language_metrics(
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


def collect_methods(
    conn: Connection,
    store: Store,
    window: list[ColumnElement[bool]],
    pack: KnowledgePack,
    card: dict[str, Any] | None,
    card_path: str,
) -> Methods:
    """Pipeline components and versions behind the window's annotations, the knowledge
    pack and the model."""
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


def build_caveats(
    corpus: CorpusSummary,
    methods: Methods,
    metrics: list[LanguageMetric],
    *,
    buckets_dropped: int = 0,
) -> list[Caveat]:
    """What a reader must keep in mind, with this brief's own numbers where they matter."""
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
    if buckets_dropped:
        out.append(
            Caveat(
                "Chart range",
                f"The items span more than {MAX_BUCKETS} years; the charts show the last "
                f"{MAX_BUCKETS} ({buckets_dropped} earlier years left out).",
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
