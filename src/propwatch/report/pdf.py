"""Write a brief as PDF: the HTML brief laid out by WeasyPrint (``pip install 'propwatch[pdf]'``).

WeasyPrint is optional. :func:`pdf_available` says whether it can be imported here; without it
:func:`render_pdf` raises :class:`~propwatch.errors.UsageError` saying to install the extra or
to write HTML instead. Nothing is fetched while laying out: the HTML has no external assets and
WeasyPrint's URL fetcher is replaced by one that refuses every URL.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from propwatch.errors import UsageError
from propwatch.report.data import Brief
from propwatch.report.html import render_html

__all__ = ["PDF_HINT", "pdf_available", "render_pdf", "require_weasyprint", "write_pdf"]

PDF_HINT = "Install the PDF extra (pip install 'propwatch[pdf]'), or write HTML: -o brief.html"


def require_weasyprint() -> Any:
    """The ``weasyprint`` module; UsageError (with the install hint) when it cannot load."""
    try:
        with warnings.catch_warnings():
            # WeasyPrint warns at import when the system lacks HarfBuzz-Subset (needed by its
            # future versions, not this one): not the user's concern while making a brief.
            warnings.simplefilter("ignore", DeprecationWarning)
            import weasyprint  # type: ignore[import-untyped, unused-ignore]
    except (ImportError, OSError) as exc:  # OSError: the Pango/Cairo libraries are missing
        raise UsageError(
            f"PDF output needs WeasyPrint, which cannot be loaded here ({exc})", hint=PDF_HINT
        ) from exc
    return weasyprint


def pdf_available() -> bool:
    """True when WeasyPrint (the ``pdf`` extra) can be imported."""
    try:
        require_weasyprint()
    except UsageError:
        return False
    return True


def _no_fetch(url: str, *_args: Any, **_kwargs: Any) -> dict[str, Any]:
    """Refuse every URL: a brief is self-contained and propwatch never downloads."""
    raise ValueError(f"propwatch briefs fetch nothing ({url[:80]})")


def render_pdf(brief: Brief, *, title: str | None = None) -> bytes:
    """The brief as PDF bytes (A4, page numbers in the footer)."""
    weasyprint = require_weasyprint()
    html = render_html(brief, title=title)
    document = weasyprint.HTML(string=html, base_url=None, url_fetcher=_no_fetch)
    data = document.write_pdf()
    return bytes(data)


def write_pdf(brief: Brief, path: str | Path, *, title: str | None = None) -> int:
    """Write the brief as PDF; return the bytes written."""
    data = render_pdf(brief, title=title)
    Path(path).write_bytes(data)
    return len(data)
