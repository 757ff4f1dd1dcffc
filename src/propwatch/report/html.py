"""Render a :class:`~propwatch.report.data.Brief` as one self-contained HTML file.

The page has inline CSS and inline SVG charts, no JavaScript and no external assets, so it
opens offline, prints, and converts to PDF (:mod:`propwatch.report.pdf`) unchanged. The
template (``templates/brief.html``) is rendered with autoescape on; every printed value also
goes through :func:`propwatch.report.text.clean` (Jinja2's ``finalize``), which makes
direction-overriding characters visible. Text of unknown direction sits in ``<bdi>`` or
``dir="auto"`` elements.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from propwatch.report import charts
from propwatch.report.data import Brief
from propwatch.report.text import clean, event_type, long_date, qualifier, short, when

__all__ = ["brief_title", "render_html", "write_html"]

_SLUG = re.compile(r"[^A-Za-z0-9_-]+")


def _finalize(value: Any) -> Any:
    """Every ``{{ value }}``: None prints nothing, text is cleaned (then autoescaped)."""
    if value is None:
        return ""
    if isinstance(value, str) and not isinstance(value, Markup):
        return clean(value)
    return value


def slug(value: object) -> str:
    """An HTML id fragment for a label id or a key."""
    return _SLUG.sub("-", str(value)).strip("-")[:80] or "x"


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "0%"


def _thousands(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")


def _items(value: int, noun: str = "item") -> str:
    """``1 item``, ``2 items``, ``12 345 items``."""
    return f"{_thousands(value)} {noun}{'' if value == 1 else 's'}"


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("propwatch.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        when=when,
        day=lambda v: when(v, time=False),
        long_date=long_date,
        qualifier=qualifier,
        short=short,
        event_type=event_type,
        slug=slug,
        n=_thousands,
        items=_items,
    )
    env.globals["percent"] = _percent
    return env


def brief_title(brief: Brief) -> str:
    """``Propaganda brief: all channels, 1 October 2023 – 18 November 2024``."""
    scope = brief.filter.channel or "all channels"
    start, end = brief.period_start, brief.period_end
    if start is None and end is None:
        return f"Propaganda brief: {scope}"
    first, last = long_date(start), long_date(end)
    return f"Propaganda brief: {scope}, {first}" + ("" if first == last else f" – {last}")


def _charts(brief: Brief) -> dict[str, Any]:
    markers = [(r.date, r.title) for r in brief.references]
    unit = {"day": "day", "week": "week", "month": "month", "year": "year"}[brief.granularity]
    out: dict[str, Any] = {"overview": None, "narratives": None, "spark": {}, "languages": None}
    if brief.buckets and any(brief.totals):
        out["overview"] = charts.bar_chart(
            brief.buckets, brief.totals, brief.propaganda_totals, brief.granularity,
            title=f"Items per {unit}, and those judged propaganda", markers=markers,
        )  # fmt: skip
    if brief.buckets and brief.narratives:
        out["narratives"] = charts.line_chart(
            brief.buckets,
            [(n.name, n.series) for n in brief.narratives],
            brief.granularity,
            title=f"Items carrying each top narrative, per {unit}",
            markers=markers,
        )
        for n in brief.narratives:
            out["spark"][n.id] = charts.sparkline(
                n.series, n.propaganda_series,
                title=f"{n.name}: items per {unit} (dark: judged propaganda)",
            )  # fmt: skip
    if brief.corpus.languages:
        out["languages"] = charts.hbar_chart(
            [(x.language, x.items, x.propaganda) for x in brief.corpus.languages[:14]],
            title="Items per language, and those judged propaganda",
        )
    return out


def render_html(brief: Brief, *, title: str | None = None) -> str:
    """The brief as an HTML document (a string)."""
    template = _environment().get_template("brief.html")
    bucket_names: list[str] = [
        (f"week of {b.isoformat()}" if brief.granularity == "week" else _bucket(b, brief))
        for b in brief.buckets
    ]
    return template.render(
        brief=brief,
        title=title or brief_title(brief),
        charts=_charts(brief),
        bucket_names=bucket_names,
        granularity=brief.granularity,
    )


def _bucket(day: date, brief: Brief) -> str:
    if brief.granularity == "year":
        return str(day.year)
    if brief.granularity == "month":
        return day.strftime("%B %Y")
    return day.isoformat()


def write_html(brief: Brief, path: str | Path, *, title: str | None = None) -> int:
    """Write the brief as HTML (UTF-8); return the bytes written."""
    data = render_html(brief, title=title).encode("utf-8")
    Path(path).write_bytes(data)
    return len(data)
