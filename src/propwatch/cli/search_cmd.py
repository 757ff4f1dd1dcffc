"""``propwatch search``."""

from __future__ import annotations

from datetime import datetime

import click
from rich.console import Console
from rich.markup import escape

from propwatch.cli.common import db_option, echo_json, parse_when, run_safely
from propwatch.store import SearchQuery, SearchResult, open_store
from propwatch.store.store import RANK_LIMIT

__all__ = ["search_command"]


def _print(result: SearchResult) -> None:
    console = Console(highlight=False)
    shown = len(result.hits)
    order = {"recent": "most recently stored first (too many to rank; add words to narrow)"}
    console.print(
        f"[bold]{result.total}[/] matching item(s); showing {shown}, "
        f"{order.get(result.sort, 'by ' + result.sort)}",
        markup=True,
    )
    for hit in result.hits:
        when = hit.date.strftime("%Y-%m-%d %H:%M") if hit.date else "no date"
        where = hit.channel_name or hit.channel
        console.print(
            f"\n[cyan]{escape(where)}[/] #{escape(hit.message_id)}  {when}  "
            f"[dim]{hit.language}/{hit.script}[/]",
            markup=True,
        )
        console.print("  " + _highlight(hit.snippet), markup=True)
        if hit.propaganda is not None:
            labels = ", ".join(f"{label} {score:.2f}" for label, score, _ in hit.detections[:4])
            flag = (
                "[bold red]propaganda[/]" if hit.stance == "endorse" else "[dim]not propaganda[/]"
            )
            console.print(
                f"  {flag} {hit.propaganda:.2f} · stance {hit.stance} · {escape(labels)}",
                markup=True,
            )


def _highlight(snippet: str) -> str:
    """Bold the [matched] words of a snippet; everything else is printed literally."""
    out = []
    for token in snippet.split(" "):
        if len(token) > 2 and token.startswith("[") and token.endswith("]"):
            out.append(f"[bold yellow]{escape(token[1:-1])}[/]")
        else:
            out.append(escape(token))
    return " ".join(out)


@click.command("search")
@click.argument("query", required=False, default="")
@db_option
@click.option("--lang", "language", help="Only this language (tg, uz, ky, ru, fa, prs, ...).")
@click.option("--channel", help="Only this channel (its name, key or Telegram id).")
@click.option("--since", callback=parse_when, help="From this date (YYYY-MM-DD or ISO time, UTC).")
@click.option("--until", callback=parse_when, help="Before this date (exclusive).")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 10000))
@click.option("--offset", default=0, type=click.IntRange(0), help="Skip this many hits (paging).")
@click.option(
    "--sort",
    type=click.Choice(["auto", "relevance", "newest", "oldest"]),
    default="auto",
    show_default=True,
    help=f"auto: by relevance, or most recently stored first when over {RANK_LIMIT:,} items match "
    "(ranking them all is slow; the output says which). newest/oldest: by message date.",
)
@click.option(
    "--label",
    help="Only items with a detection of this label (e.g. anti_shia; `propaganda`: items judged "
    "propaganda). QUERY may then be left out to list them, newest first.",
)
@click.option(
    "--min-score", type=click.FloatRange(0, 1), default=None,
    help="With --label: the detection's minimum score; alone: minimum propaganda score.",
)
@click.option("--json", "as_json", is_flag=True, help='Print {"total": N, "hits": [...]}.')
def search_command(
    query: str,
    db: str | None,
    language: str | None,
    channel: str | None,
    since: datetime | None,
    until: datetime | None,
    limit: int,
    offset: int,
    sort: str,
    label: str | None,
    min_score: float | None,
    as_json: bool,
) -> None:
    """Search stored items across scripts.

    Words are ANDed and match whatever script they were typed in: a Latin Uzbek query finds
    Cyrillic Uzbek text, Persian finds Arabic-letter spellings, and disguised (homoglyph,
    zero-width) words are found by their plain form. Words of 4+ letters also match as
    prefixes (so suffixes don't hide hits; end a word with = for an exact match).
    Use "quotes" for a phrase, -word to exclude, OR between alternatives.
    """

    def body() -> int:
        q = SearchQuery(
            text=query,
            language=language,
            channel=channel,
            since=since,
            until=until,
            limit=limit,
            offset=offset,
            sort=sort,
            label=label,
            min_score=min_score,
        )
        with open_store(db) as store:
            result = store.search(q)
        if as_json:
            echo_json(result.to_json())
        else:
            _print(result)
        return 0

    run_safely(body)
