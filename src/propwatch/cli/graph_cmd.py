"""``propwatch graph channels`` and ``propwatch graph clusters``: networks and propagation.

The analysis modules (networkx, scipy, datasketch) are imported when a command runs, so they
do not slow down the rest of the CLI.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from propwatch.cli.common import db_option, echo_json, parse_when, run_safely
from propwatch.errors import UsageError
from propwatch.store import open_store

__all__ = ["graph_group"]

_KINDS = ("forward", "mention", "link")
_SPREAD_SHOWN = 10


def _console() -> Console:
    return Console(highlight=False, soft_wrap=False)


def _when(value: str | None) -> str:
    """``2024-01-04T11:05:00Z`` -> ``2024-01-04 11:05``."""
    return value[:16].replace("T", " ") if value else "no date"


def _parse_aliases(values: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for value in values:
        handle, sep, channel = value.partition("=")
        if not sep or not handle.strip() or not channel.strip():
            raise UsageError(
                f"--alias {value!r} is not @HANDLE=CHANNEL",
                hint="e.g. --alias @demo_sadoi_khuroson=telegram:1900000101",
            )
        out[handle.strip()] = channel.strip()
    return out


@click.group("graph")
def graph_group() -> None:
    """Networks and propagation: who spreads whose content, and how one text travelled.

    `graph channels`: the channel network from forwards, @mentions and t.me links, with
    centrality and communities. `graph clusters`: near-duplicate texts across channels (also
    across scripts), each with where it was first seen and the order it spread in.
    """


def _print_network(summary: dict[str, Any]) -> None:
    console = _console()
    kinds = summary["by_kind"]
    console.print(
        f"[bold]{summary['nodes']}[/] channel(s) ({summary['known_channels']} in the database, "
        f"{summary['unknown_channels']} seen only as a forward source, @mention or t.me link), "
        f"[bold]{summary['edges']}[/] link(s): {kinds['forward']} forward(s), "
        f"{kinds['mention']} mention(s), {kinds['link']} t.me link(s)",
        markup=True,
    )
    if not summary["edges"]:
        console.print("No channel reposts, mentions or links another one.")
        return
    table = Table(
        title="Channels by PageRank (whose content others spread)", title_justify="left",
        caption="? = not in the database (only a forward source, @mention or t.me link); "
        "in/out: channels; w.in: times reposted, mentioned or linked",
        caption_justify="left",
    )
    table.add_column("#", justify="right")
    table.add_column("channel", ratio=1, overflow="fold")
    for name in ("items", "in", "out", "w.in", "PageRank", "betw.", "comm."):
        table.add_column(name, justify="right", no_wrap=True)
    for rank, node in enumerate(summary["channels"], 1):
        label = escape(str(node["name"] or node["channel"])) + ("" if node["known"] else " ?")
        table.add_row(
            str(rank), label, str(node["messages"]), str(node["in_degree"]),
            str(node["out_degree"]), str(node["weighted_in_degree"]),
            f"{node['pagerank']:.3f}", f"{node['betweenness']:.3f}",
            str(node["community"] or "–"),
        )
    console.print(table)
    edges = Table(title="Strongest links (source reposted / mentioned / linked target)",
                  title_justify="left")
    edges.add_column("source", ratio=1, overflow="fold")
    edges.add_column("target", ratio=1, overflow="fold")
    for name in ("fwd", "@", "t.me"):
        edges.add_column(name, no_wrap=True, justify="right")
    edges.add_column("first", no_wrap=True)
    edges.add_column("last", no_wrap=True)
    for edge in summary["edges_top"]:
        edges.add_row(
            escape(str(edge["source_name"] or edge["source"])),
            escape(str(edge["target_name"] or edge["target"])),
            str(edge["forward"]), str(edge["mention"]), str(edge["link"]),
            (edge["first"] or "")[:10], (edge["last"] or "")[:10],
        )
    console.print(edges)
    for group in summary["communities"]:
        names = ", ".join(escape(str(m["name"] or m["channel"])) for m in group["members"])
        more = group["size"] - len(group["members"])
        console.print(
            f"[bold]community {group['id']}[/] ({group['size']} channels): {names}"
            + (f" and {more} more" if more > 0 else ""),
            markup=True,
        )


@graph_group.command(
    "channels", short_help="Channel network from forwards, mentions, links; centrality."
)
@db_option
@click.option("--since", callback=parse_when, help="From this date (YYYY-MM-DD or ISO time, UTC).")
@click.option("--until", callback=parse_when, help="Before this date (exclusive).")
@click.option(
    "--kind", "kinds", multiple=True, type=click.Choice(_KINDS),
    help="Edges from these only (repeatable; default: forward, mention and link).",
)
@click.option("--top", default=20, show_default=True, type=click.IntRange(1, 100_000),
              help="Channels, links and community members listed.")
@click.option(
    "--alias", "aliases", multiple=True, metavar="@HANDLE=CHANNEL",
    help="A stored channel's own @username (exports do not include it), so mentions and "
    "t.me links of it join that channel (repeatable).",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def channels_command(
    db: str | None,
    since: datetime | None,
    until: datetime | None,
    kinds: tuple[str, ...],
    top: int,
    aliases: tuple[str, ...],
    as_json: bool,
) -> None:
    """The channel network: an edge A -> B when channel A forwarded, @mentioned or t.me-linked
    channel B. Ranks channels by PageRank (weighted by how often), betweenness and degree,
    and finds communities (Louvain) of channels that spread each other's content."""

    def body() -> int:
        from propwatch.graph.network import channel_network, network_summary

        with open_store(db) as store:
            graph = channel_network(
                store, since=since, until=until, kinds=kinds or _KINDS,
                aliases=_parse_aliases(aliases),
            )
        summary = network_summary(graph, top=top)
        if as_json:
            echo_json(summary)
        else:
            _print_network(summary)
        return 0

    run_safely(body)


def _print_clusters(found: dict[str, Any]) -> None:
    console = _console()
    params = found["parameters"]
    scope = "across channels" if params["cross_channel_only"] else "in any channel"
    console.print(
        f"[bold]{found['total']}[/] cluster(s) of near-duplicates {scope} "
        f"(showing {len(found['clusters'])}); {found['messages_hashed']} of "
        f"{found['messages_scanned']} item(s) long enough to compare "
        f"(>= {params['min_words']} words), similarity >= {params['threshold']}",
        markup=True,
    )
    for cluster in found["clusters"]:
        first = cluster["first_seen"]
        console.print(
            f"\n[bold]#{cluster['id']}[/]  {cluster['size']} item(s) in "
            f"{cluster['channel_count']} channel(s) · first seen in "
            f"[cyan]{escape(str(first['channel_name'] or first['channel']))}[/] "
            f"#{escape(first['message_id'])} on {_when(first['date'])} UTC",
            markup=True,
        )
        console.print("  " + escape(cluster["excerpt"]), markup=True)
        table = Table(show_header=True, box=None, padding=(0, 2, 0, 2))
        for name in ("when (UTC)", "channel", "message", "forwarded from"):
            table.add_column(name)
        for member in cluster["spread"][:_SPREAD_SHOWN]:
            table.add_row(
                _when(member["date"]),
                escape(str(member["channel_name"] or member["channel"])),
                escape(member["message_id"]),
                escape(member["forwarded_from"] or ""),
            )
        console.print(table)
        more = cluster["size"] - min(len(cluster["spread"]), _SPREAD_SHOWN)
        if more > 0:
            console.print(f"  [dim]... and {more} more (--json lists them)[/]", markup=True)


@graph_group.command(
    "clusters", short_help="Near-duplicate texts across channels and scripts, and their spread."
)
@db_option
@click.option("--since", callback=parse_when, help="From this date (YYYY-MM-DD or ISO time, UTC).")
@click.option("--until", callback=parse_when, help="Before this date (exclusive).")
@click.option("--threshold", default=0.7, show_default=True, type=click.FloatRange(0.1, 1.0),
              help="Estimated Jaccard similarity of the texts' shingles to count as copies.")
@click.option("--min-words", default=8, show_default=True, type=click.IntRange(1, 10_000),
              help="Skip shorter texts (greetings and one-liners repeat by chance).")
@click.option("--all-channels", is_flag=True,
              help="Also clusters inside a single channel (default: across 2+ channels).")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 100_000),
              help="Clusters listed (most channels first, then largest).")
@click.option("--num-perm", default=64, show_default=True, type=click.Choice(["64", "128"]),
              help="MinHash permutations: 128 is more precise near the threshold, slower.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def clusters_command(
    db: str | None,
    since: datetime | None,
    until: datetime | None,
    threshold: float,
    min_words: int,
    all_channels: bool,
    limit: int,
    num_perm: str,
    as_json: bool,
) -> None:
    """Near-duplicate texts: the same statement reposted, forwarded or lightly edited, also in
    another script (Cyrillic and Latin Uzbek meet), with the channel and time it was first
    seen and the order it spread in."""

    def body() -> int:
        from propwatch.graph.clusters import near_duplicate_clusters

        with open_store(db) as store:
            result = near_duplicate_clusters(
                store, since=since, until=until, threshold=threshold, min_words=min_words,
                num_perm=int(num_perm), cross_channel_only=not all_channels, limit=limit,
            )
        if as_json:
            echo_json(result.to_json())
        else:
            _print_clusters(result.to_json())
        return 0

    run_safely(body)
