"""Written briefs: what the store holds for a period, as an analyst report (HTML or PDF).

::

    from propwatch.store import open_store
    from propwatch.report import collect_brief, write_brief

    with open_store("cases.db") as store:
        brief = collect_brief(store, since=datetime(2024, 1, 1, tzinfo=UTC), top=5)
    write_brief(brief, "brief.html")      # or "brief.pdf" (needs propwatch[pdf])

:func:`collect_brief` (``report.data``) gathers the content into typed records;
``report.html`` renders them with the Jinja2 template ``templates/brief.html`` and the SVG
charts of ``report.charts``; ``report.pdf`` lays the same HTML out with WeasyPrint.
See docs/briefs.md.
"""

from __future__ import annotations

from pathlib import Path

from propwatch.errors import UsageError
from propwatch.report.data import Brief, BriefFilter, ItemRef, collect_brief
from propwatch.report.html import brief_title, render_html, write_html
from propwatch.report.pdf import pdf_available, render_pdf, write_pdf

__all__ = [
    "FORMATS",
    "Brief",
    "BriefFilter",
    "ItemRef",
    "brief_format",
    "brief_title",
    "collect_brief",
    "pdf_available",
    "render_html",
    "render_pdf",
    "write_brief",
    "write_html",
    "write_pdf",
]

#: File name endings and the format each writes.
FORMATS = {".html": "html", ".htm": "html", ".pdf": "pdf"}


def brief_format(path: str | Path) -> str:
    """``html`` or ``pdf`` from the file name; UsageError for anything else."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise UsageError(
            f"cannot tell the format of {Path(path).name!r} from its name",
            hint="Name the output brief.html (HTML) or brief.pdf (PDF).",
        )
    return FORMATS[suffix]


def write_brief(brief: Brief, path: str | Path, *, title: str | None = None) -> int:
    """Write ``brief`` as HTML or PDF, by the file name's ending; return the bytes written."""
    if brief_format(path) == "pdf":
        return write_pdf(brief, path, title=title)
    return write_html(brief, path, title=title)
