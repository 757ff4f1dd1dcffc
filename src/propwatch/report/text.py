"""Text helpers for briefs: making hostile text inert to read, and formatting values.

:func:`clean` runs on every value a brief template prints (the Jinja2 ``finalize`` hook) and on
every label of a chart, before escaping. It does not change what HTML escaping already handles
(``<script>`` stays text); it handles what escaping cannot: characters that reorder or hide
the text around them.
"""

from __future__ import annotations

import re
from datetime import date, datetime

__all__ = [
    "clean",
    "event_type",
    "long_date",
    "qualifier",
    "short",
    "when",
]

#: Embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069): shown as
#: ``[U+202E]`` so a quoted message cannot reverse the brief's text around it. The marks
#: U+200E/U+200F/U+061C are kept: they only nudge neutral characters, and Persian text uses them.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
#: C0/C1 controls other than tab and newlines, and non-characters: the replacement character.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
_SEPARATORS = re.compile("[\u2028\u2029]")

_QUALIFIERS = {
    "exact": "",
    "at_least": "at least",
    "over": "more than",
    "about": "about",
    "up_to": "up to",
}


def clean(text: str) -> str:
    """``text`` safe to show: direction controls made visible, control characters replaced."""
    text = _BIDI.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)
    text = _CONTROLS.sub("\ufffd", text)
    return _SEPARATORS.sub(" ", text)


def short(text: object, limit: int = 48) -> str:
    """At most ``limit`` characters, an ellipsis marking the cut."""
    value = str(text)
    return value if len(value) <= limit else value[: limit - 1] + "…"


def when(value: datetime | date | None, *, time: bool = True) -> str:
    """``2024-01-04 10:47 UTC`` (or the date alone); ``undated`` for None."""
    if value is None:
        return "undated"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M UTC") if time else value.date().isoformat()
    return value.isoformat()


def long_date(value: datetime | date | str | None) -> str:
    """``3 January 2024``; partial ISO dates as ``March 2024`` or ``2024``."""
    if value is None:
        return "date not stated"
    if isinstance(value, str):
        parts = value.split("-")
        try:
            if len(parts) == 1:
                return str(int(parts[0]))
            if len(parts) == 2:
                return date(int(parts[0]), int(parts[1]), 1).strftime("%B %Y")
            parsed = date.fromisoformat(value[:10])
        except ValueError:
            return value
        return f"{parsed.day} {parsed.strftime('%B %Y')}"
    day = value.date() if isinstance(value, datetime) else value
    return f"{day.day} {day.strftime('%B %Y')}"


def qualifier(value: str) -> str:
    """``at_least`` → ``at least``; ``exact`` → nothing."""
    return _QUALIFIERS.get(value, value.replace("_", " "))


def event_type(value: str) -> str:
    """``suicide_bombing`` → ``suicide bombing``."""
    return value.replace("_", " ")
