"""Small inline SVG charts for briefs: no JavaScript, no external assets, every label escaped.

Each function returns :class:`markupsafe.Markup` holding one ``<svg>`` element, so a Jinja2
template with autoescape includes it as is; every piece of text inside (names, dates, tooltips)
went through :func:`svg_text` first. Charts carry a ``<title>`` and each bar or point its own
tooltip, so the numbers can be read without the picture.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from markupsafe import Markup, escape

from propwatch.report.text import clean

__all__ = ["PALETTE", "bar_chart", "hbar_chart", "line_chart", "sparkline", "svg_text"]

#: Colour-blind-safe palette (Okabe–Ito, then Tol's muted), cycled for series.
PALETTE = (
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#882255", "#44AA99",
    "#999933", "#AA4499",
)  # fmt: skip
_INK = "#333333"
_GRID = "#dddddd"
_LIGHT = "#c6d4e1"
_DARK = "#1f4e79"
_FONT = 'font-family="DejaVu Sans, Helvetica, Arial, sans-serif"'


def svg_text(value: object, limit: int = 120) -> str:
    """Data as SVG text: invisible and direction-overriding characters made visible, cut to
    ``limit`` characters, XML-escaped."""
    text = clean(str(value))
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return str(escape(text))


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _open(width: int, height: int, title: str, css: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{css}" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" {_FONT} '
        f'font-size="11">',
        f"<title>{svg_text(title, 300)}</title>",
    ]


def _label(day: date, granularity: str) -> str:
    if granularity == "year":
        return str(day.year)
    if granularity == "month":
        return day.strftime("%Y-%m")
    return day.isoformat()


def _bucket_name(day: date, granularity: str) -> str:
    if granularity == "week":
        return f"week of {day.isoformat()}"
    return _label(day, granularity)


def _axes(
    out: list[str], left: int, top: int, width: int, height: int, peak: int,
    buckets: Sequence[date], granularity: str,
) -> None:  # fmt: skip
    """Gridlines at 0, half and the peak; dates under the first, middle and last bucket."""
    for fraction in (0.0, 0.5, 1.0):
        y = top + height - fraction * height
        value = round(peak * fraction)
        if fraction and value == 0:
            continue
        out.append(
            f'<line x1="{left}" y1="{_num(y)}" x2="{left + width}" y2="{_num(y)}" '
            f'stroke="{_GRID}" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{left - 4}" y="{_num(y + 4)}" text-anchor="end" fill="{_INK}">{value}</text>'
        )
    if not buckets:
        return
    step = width / len(buckets)
    marks = sorted({0, len(buckets) // 2, len(buckets) - 1})
    for i in marks:
        x = left + step * (i + 0.5)
        anchor = "start" if i == 0 and len(buckets) > 1 else "end" if i == marks[-1] else "middle"
        if len(marks) == 1:
            anchor = "middle"
        out.append(
            f'<text x="{_num(x)}" y="{top + height + 14}" text-anchor="{anchor}" '
            f'fill="{_INK}">{svg_text(_label(buckets[i], granularity))}</text>'
        )


def _markers(
    out: list[str], left: int, top: int, width: int, height: int,
    buckets: Sequence[date], markers: Sequence[tuple[date, str]],
) -> None:  # fmt: skip
    """Dashed vertical lines for reference events, numbered; the numbers are explained under
    the chart by the template."""
    if not buckets:
        return
    step = width / len(buckets)
    for n, (when, title) in enumerate(markers, 1):
        index = sum(1 for b in buckets if b <= when) - 1
        if index < 0:
            continue
        x = left + step * (index + 0.5)
        out.append(
            f"<g><title>{svg_text(f'{when.isoformat()}: {title}', 300)}</title>"
            f'<line x1="{_num(x)}" y1="{top}" x2="{_num(x)}" y2="{top + height}" '
            f'stroke="#888888" stroke-dasharray="3 3"/>'
            f'<text x="{_num(x + 2)}" y="{top + 9}" fill="#555555" font-size="9">{n}</text></g>'
        )


def bar_chart(
    buckets: Sequence[date],
    totals: Sequence[int],
    highlighted: Sequence[int],
    granularity: str,
    *,
    title: str,
    names: tuple[str, str] = ("items", "judged propaganda"),
    markers: Sequence[tuple[date, str]] = (),
    width: int = 720,
    height: int = 190,
) -> Markup:
    """Bars of ``totals`` per bucket, ``highlighted`` (a part of each total) drawn over them."""
    left, top, right, bottom = 34, 10, 8, 40
    inner_w, inner_h = width - left - right, height - top - bottom
    peak = max([*totals, *highlighted, 1])
    out = _open(width, height, title, "chart bars")
    _axes(out, left, top, inner_w, inner_h, peak, buckets, granularity)
    step = inner_w / max(1, len(buckets))
    bar = min(36.0, max(1.0, step * 0.8))
    for i, day in enumerate(buckets):
        total = totals[i] if i < len(totals) else 0
        part = highlighted[i] if i < len(highlighted) else 0
        x = left + step * i + (step - bar) / 2
        tip = svg_text(
            f"{_bucket_name(day, granularity)}: {total} {names[0]}, {part} {names[1]}", 300
        )
        out.append(f"<g><title>{tip}</title>")
        for value, colour in ((total, _LIGHT), (part, _DARK)):
            if value:
                h = inner_h * value / peak
                out.append(
                    f'<rect x="{_num(x)}" y="{_num(top + inner_h - h)}" width="{_num(bar)}" '
                    f'height="{_num(h)}" fill="{colour}"/>'
                )
        out.append("</g>")
    _markers(out, left, top, inner_w, inner_h, buckets, markers)
    legend_y = height - 8
    for j, (name, colour) in enumerate(((names[0], _LIGHT), (names[1], _DARK))):
        x = left + j * 160
        out.append(
            f'<rect x="{x}" y="{legend_y - 9}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{x + 14}" y="{legend_y}" fill="{_INK}">{svg_text(name, 40)}</text>'
        )
    out.append("</svg>")
    return Markup("".join(out))


def line_chart(
    buckets: Sequence[date],
    series: Sequence[tuple[str, Sequence[int]]],
    granularity: str,
    *,
    title: str,
    markers: Sequence[tuple[date, str]] = (),
    width: int = 720,
    height: int = 230,
) -> Markup:
    """One line per series (name, values per bucket), with a legend under the plot."""
    rows = (len(series) + 2) // 3
    left, top, right, bottom = 34, 10, 8, 36 + 16 * rows
    inner_w, inner_h = width - left - right, height - top - bottom
    peak = max([v for _, values in series for v in values] + [1])
    out = _open(width, height, title, "chart lines")
    _axes(out, left, top, inner_w, inner_h, peak, buckets, granularity)
    step = inner_w / max(1, len(buckets))
    for n, (name, values) in enumerate(series):
        colour = PALETTE[n % len(PALETTE)]
        points = [
            (left + step * (i + 0.5), top + inner_h - inner_h * (values[i] if i < len(values)
                                                                  else 0) / peak)
            for i in range(len(buckets))
        ]  # fmt: skip
        path = " ".join(f"{_num(x)},{_num(y)}" for x, y in points)
        out.append(
            f'<g><title>{svg_text(name)}</title><polyline points="{path}" fill="none" '
            f'stroke="{colour}" stroke-width="1.8" stroke-linejoin="round"/></g>'
        )
        for i, (x, y) in enumerate(points):
            value = values[i] if i < len(values) else 0
            if value:
                tip = svg_text(f"{name}, {_bucket_name(buckets[i], granularity)}: {value}", 300)
                out.append(
                    f'<circle cx="{_num(x)}" cy="{_num(y)}" r="2.2" fill="{colour}">'
                    f"<title>{tip}</title></circle>"
                )
        x0 = left + (n % 3) * (inner_w / 3)
        y0 = top + inner_h + 38 + 16 * (n // 3)
        out.append(
            f'<rect x="{_num(x0)}" y="{y0 - 9}" width="14" height="4" fill="{colour}"/>'
            f'<text x="{_num(x0 + 18)}" y="{y0 - 4}" fill="{_INK}">{svg_text(name, 38)}</text>'
        )
    _markers(out, left, top, inner_w, inner_h, buckets, markers)
    out.append("</svg>")
    return Markup("".join(out))


def sparkline(
    values: Sequence[int], highlighted: Sequence[int], *, title: str,
    width: int = 220, height: int = 34,
) -> Markup:  # fmt: skip
    """A tiny bar chart (no axes) for a table cell."""
    peak = max([*values, 1])
    out = _open(width, height, title, "spark")
    step = width / max(1, len(values))
    bar = max(1.0, step * 0.8)
    for i, value in enumerate(values):
        part = highlighted[i] if i < len(highlighted) else 0
        for v, colour in ((value, _LIGHT), (part, _DARK)):
            if v:
                h = (height - 2) * v / peak
                out.append(
                    f'<rect x="{_num(step * i)}" y="{_num(height - h)}" width="{_num(bar)}" '
                    f'height="{_num(h)}" fill="{colour}"/>'
                )
    out.append(f'<line x1="0" y1="{height}" x2="{width}" y2="{height}" stroke="{_GRID}"/>')
    out.append("</svg>")
    return Markup("".join(out))


def hbar_chart(
    rows: Sequence[tuple[str, int, int]], *, title: str,
    names: tuple[str, str] = ("items", "judged propaganda"), width: int = 520,
) -> Markup:  # fmt: skip
    """Horizontal bars: (label, total, highlighted part) per row."""
    row_h, left, right = 18, 120, 60
    height = row_h * len(rows) + 24
    peak = max([t for _, t, _ in rows] + [1])
    inner = width - left - right
    out = _open(width, height, title, "chart hbars")
    for i, (label, total, part) in enumerate(rows):
        y = 4 + i * row_h
        out.append(
            f"<g><title>{svg_text(f'{label}: {total} {names[0]}, {part} {names[1]}')}</title>"
        )
        out.append(
            f'<text x="{left - 6}" y="{y + 12}" text-anchor="end" fill="{_INK}">'
            f"{svg_text(label, 18)}</text>"
        )
        for value, colour in ((total, _LIGHT), (part, _DARK)):
            if value:
                out.append(
                    f'<rect x="{left}" y="{y + 2}" width="{_num(inner * value / peak)}" '
                    f'height="{row_h - 5}" fill="{colour}"/>'
                )
        out.append(
            f'<text x="{_num(left + inner * total / peak + 4)}" y="{y + 12}" fill="{_INK}">'
            f"{total}</text></g>"
        )
    legend_y = height - 6
    for j, (name, colour) in enumerate(((names[0], _LIGHT), (names[1], _DARK))):
        x = left + j * 130
        out.append(
            f'<rect x="{x}" y="{legend_y - 9}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{x + 14}" y="{legend_y}" fill="{_INK}">{svg_text(name, 40)}</text>'
        )
    out.append("</svg>")
    return Markup("".join(out))
