"""STIX 2.1 objects built from single graph records (no cross-references resolved here).

Each function returns a JSON-ready dict without the common properties (``spec_version``,
``created``, ``modified``, ``created_by_ref``), which :mod:`propwatch.export.stix` adds.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from propwatch.export.stix_rules import (
    OPENCTI_SCO_EXTENSION,
    OPENCTI_SDO_EXTENSION,
    PROPWATCH_NAMESPACE,
    SCO_NAMESPACE,
)
from propwatch.graph.model import GraphEvent, GraphItem
from propwatch.knowledge.model import Label

__all__ = [
    "MAX_QUOTE",
    "MAX_QUOTES",
    "MAX_TEXT",
    "channel_object",
    "full_date",
    "incident_object",
    "indicator_object",
    "narrative_object",
    "observable_object",
    "quote",
    "quotes_of",
    "report_object",
    "sid",
    "stamp",
]

#: Report descriptions keep this much of the item text.
MAX_TEXT = 4000
#: Quotes per description, and characters per quote.
MAX_QUOTES = 3
MAX_QUOTE = 300
#: Message keys kept per object.
MAX_PKS = 200

_LANG_TAG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*\Z")
_PLATFORMS = {"telegram": "Telegram", "web": "Website", "article": "Website"}
_NEW_SDO = {OPENCTI_SDO_EXTENSION: {"extension_type": "new-sdo"}}


def stamp(value: datetime) -> str:
    """A STIX timestamp with millisecond precision, UTC (naive values are UTC)."""
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def sid(stix_type: str, *parts: object) -> str:
    """A deterministic id: uuid5 of the type and the stable key ``parts``."""
    key = "\x1e".join([stix_type, *(str(p) for p in parts)])
    return f"{stix_type}--{uuid.uuid5(PROPWATCH_NAMESPACE, key)}"


def full_date(value: str | None) -> datetime | None:
    """A ``YYYY-MM-DD`` date as midnight UTC; partial or impossible dates give None."""
    if not value or len(value) != 10:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None
    return datetime(day.year, day.month, day.day)


def quote(text: str) -> str:
    """One line, at most ``MAX_QUOTE`` characters."""
    text = " ".join(text.split())
    return text if len(text) <= MAX_QUOTE else text[: MAX_QUOTE - 1] + "…"


def quotes_of(spans: Iterable[Any]) -> list[str]:
    """The distinct quoted texts of evidence spans (``{"text": ...}``)."""
    out: list[str] = []
    for span in spans:
        if isinstance(span, Mapping) and isinstance(span.get("text"), str):
            text = quote(span["text"])
            if text and text not in out:
                out.append(text)
    return out


def _figures(figures: Iterable[Any]) -> str:
    out = []
    for fig in figures:
        if not isinstance(fig, Mapping):
            continue
        qualifier = str(fig.get("qualifier") or "exact").replace("_", " ")
        value = fig.get("value")
        words = f"{value}" if qualifier == "exact" else f"{qualifier} {value}"
        if fig.get("attribution"):
            words += f" (according to {fig['attribution']})"
        out.append(words)
    return "; ".join(out)


def channel_object(
    key: str,
    name: str | None,
    channel_type: str | None = None,
    messages: int | None = None,
    first_seen: datetime | None = None,
) -> dict[str, Any]:
    """OpenCTI's ``channel`` for a store channel (key ``telegram:100``, a name or @handle)."""
    platform, colon, _ = key.partition(":")
    if not colon:
        platform = "telegram" if key.startswith("@") else ""
    kind = _PLATFORMS.get(platform, platform.title() or "Other")
    desc = f"{kind} source `{key}`" + (f" ({channel_type})" if channel_type else "")
    if messages is not None:
        desc += f"; {messages} stored item(s)"
    display = name or key
    return {
        "type": "channel",
        "id": sid("channel", key),
        "name": display,
        "description": desc + ".",
        "channel_types": [kind],
        "aliases": sorted({key} - {display}),
        "x_propwatch_key": key,
        "x_propwatch_first_seen": stamp(first_seen) if first_seen else None,
        "extensions": _NEW_SDO,
    }


def incident_object(event: GraphEvent, item_key: str) -> tuple[dict[str, Any], list[str]]:
    """An attack event as ``incident`` (figures in the description), and its evidence quotes."""
    data = event.data
    place = event.place[0] if event.place else (event.country or "unknown place")
    what = event.type.replace("_", " ").capitalize()
    lines = [f"{what} reported in item {item_key}."]
    if event.date:
        said = f" (“{event.date_text}”)" if event.date_text else ""
        lines.append(f"Date: {event.date}{said}")
    if event.place:
        lines.append("Place: " + ", ".join(event.place))
    if event.country:
        lines.append(f"Country: {event.country}")
    for label, key in (
        ("Target", "target"),
        ("Perpetrators", "perpetrators"),
        ("Claimed by", "claimed_by"),
        ("Claim outlet", "claim_outlet"),
    ):
        value = data.get(key)
        if value:
            text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
            lines.append(f"{label}: {text}")
    for label, key in (("Killed", "killed"), ("Injured", "injured")):
        figures = _figures(data.get(key) or [])
        if figures:
            lines.append(f"{label}: {figures}")
    quotes = quotes_of(data.get("evidence") or [])[:MAX_QUOTES]
    if quotes:
        lines.append("Evidence: " + " / ".join(f"“{q}”" for q in quotes))
    first = full_date(event.date)
    confidence = data.get("confidence")
    if not isinstance(confidence, int | float) or not 0 <= confidence <= 1:
        confidence = None
    obj = {
        "type": "incident",
        "id": sid("incident", item_key, event.type, event.date, *event.place),
        "name": f"{what}, {place}, {event.date or 'undated'}",
        "description": "\n".join(lines),
        "incident_type": event.type.replace("_", "-"),
        "first_seen": stamp(first) if first else None,
        "source": item_key,
        "confidence": None if confidence is None else round(float(confidence) * 100),
        "x_propwatch_date": event.date,
        "x_propwatch_killed": list(data.get("killed") or []),
        "x_propwatch_injured": list(data.get("injured") or []),
        "x_propwatch_message_pks": [event.message_pk],
    }
    return obj, quotes


def narrative_object(label_id: str, label: Label | None) -> dict[str, Any]:
    """OpenCTI's ``narrative`` for a detection label (definition, DISARM technique)."""
    name = label.name if label else label_id
    refs = []
    if label and label.disarm:
        refs.append(
            {
                "source_name": "DISARM",
                "external_id": label.disarm,
                "description": "closest DISARM Red Framework technique",
            }
        )
    return {
        "type": "narrative",
        "id": sid("narrative", label_id),
        "name": name,
        "description": label.definition if label else f"propwatch label {label_id}",
        "narrative_types": [label.group] if label else [],
        "aliases": [label_id] if name != label_id else [],
        "external_references": refs,
        "x_propwatch_label": label_id,
        "extensions": _NEW_SDO,
    }


def observable_object(sco_type: str, value: str) -> dict[str, Any]:
    """``url`` or OpenCTI's ``cryptocurrency-wallet``, with the STIX deterministic SCO id."""
    canonical = json.dumps(
        {"value": value}, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    obj: dict[str, Any] = {
        "type": sco_type,
        "id": f"{sco_type}--{uuid.uuid5(SCO_NAMESPACE, canonical)}",
        "value": value,
    }
    if sco_type == "cryptocurrency-wallet":
        obj["extensions"] = {OPENCTI_SCO_EXTENSION: {"extension_type": "new-sco"}}
    return obj


def indicator_object(
    sco_type: str,
    value: str,
    label: str,
    items: list[GraphItem],
    where: list[str],
    *,
    now: str,
    propaganda: bool,
) -> dict[str, Any]:
    """An ``indicator`` with a STIX pattern on the observable's value."""
    literal = "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
    dates = [i.date for i in items if i.date is not None]
    more = f" and {len(where) - 5} more" if len(where) > 5 else ""
    return {
        "type": "indicator",
        "id": sid("indicator", sco_type, value),
        "name": f"{label} {value}",
        "description": f"{label} found in {len(items)} stored item(s): "
        f"{', '.join(where[:5])}{more}.",
        "indicator_types": ["attribution"] if propaganda else ["unknown"],
        "pattern": f"[{sco_type}:value = {literal}]",
        "pattern_type": "stix",
        "pattern_version": "2.1",
        "valid_from": stamp(min(dates)) if dates else now,
        "x_opencti_main_observable_type": "Cryptocurrency-Wallet"
        if sco_type == "cryptocurrency-wallet"
        else "Url",
        "x_propwatch_message_pks": sorted(i.pk for i in items)[:MAX_PKS],
    }


def report_object(
    item: GraphItem, channel_name: str, refs: Iterable[str], *, now: str
) -> dict[str, Any]:
    """A source item as ``report``: its text, its date, what it mentions."""
    text = item.text if len(item.text) <= MAX_TEXT else item.text[:MAX_TEXT] + " […]"
    about = f"Channel `{item.channel_key}`, message {item.message_id}"
    about += f", language {item.language}, source {item.source}"
    if item.propaganda is not None:
        about += f", propaganda score {item.propaganda:.2f}"
    return {
        "type": "report",
        "id": sid("report", item.channel_key, item.message_id),
        "name": f"{channel_name} #{item.message_id}",
        "description": f"{text}\n\n— {about}.",
        "report_types": ["threat-report"],
        "published": stamp(item.date) if item.date else now,
        "object_refs": sorted(refs),
        "labels": sorted(set(item.labels)),
        "lang": item.language if _LANG_TAG.match(item.language or "") else None,
        "external_references": [
            {
                "source_name": "propwatch",
                "external_id": f"{item.channel_key}/{item.message_id}",
                "description": f"source file {item.source}",
            }
        ],
        "x_propwatch_message_pk": item.pk,
        "x_propwatch_propaganda": item.propaganda,
    }
