"""``propwatch demo``: build a database from the sample corpus shipped with propwatch."""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from propwatch.api import ingest
from propwatch.cli.common import echo_json, run_safely
from propwatch.store import SearchQuery, Store, open_store

__all__ = ["DEMO_QUERIES", "demo_command", "demo_corpus"]

DEMO_DB = "propwatch-demo.db"

#: Searches the demo runs to show cross-script matching: (query, what it shows).
DEMO_QUERIES: tuple[tuple[str, str], ...] = (
    ("rofiziy", "Latin Uzbek query, finds Cyrillic and Latin Uzbek posts"),
    ("рафизи", "Cyrillic query, finds a word disguised with a Latin 'a'"),
    ("خراسان", "Arabic-script query across Persian, Dari, Pashto and Arabic"),
    ("Kerman", "a place name across scripts and languages"),
)


def demo_corpus() -> Path:
    """The folder holding the demo export (inside the installed package)."""
    return Path(str(resources.files("propwatch") / "data" / "demo"))


def _summary(store: Store, console: Console) -> None:
    stats = store.stats()
    console.print(
        f"\n[bold]{stats['messages']}[/] items in {stats['channels']} channels; "
        f"{stats['forwards']} forwards, {stats['versions']} earlier versions of edited "
        f"messages, {stats['rejected']} rejected records kept with their reason.",
        markup=True,
    )
    langs = Table(title="Items by language", show_edge=False)
    langs.add_column("language")
    langs.add_column("items", justify="right")
    for lang, n in stats["by_language"].items():
        langs.add_row(lang, str(n))
    console.print(langs)
    chans = Table(title="Items by channel", show_edge=False)
    chans.add_column("channel")
    chans.add_column("key", style="dim")
    chans.add_column("items", justify="right")
    for row in stats["by_channel"]:
        chans.add_row(row["name"] or "", row["channel"], str(row["messages"]))
    console.print(chans)


def _detections(store: Store, console: Console) -> dict[str, Any]:
    """Print what detection found, and how it compares with the demo's answer key."""
    found = store.detection_stats()
    console.print(
        f"\n[bold]Detection[/]: {found['propaganda']} of {found['judged']} items judged "
        f"propaganda; stances: "
        + ", ".join(f"{k} {v}" for k, v in found["by_stance"].items()),
        markup=True,
    )
    labels = Table(title="Items per detected label (score >= 0.5)", show_edge=False)
    labels.add_column("label")
    labels.add_column("items", justify="right")
    for label, n in list(found["by_label"].items())[:12]:
        labels.add_row(label, str(n))
    console.print(labels)
    if found["signals"]:
        console.print(
            "Signals: " + ", ".join(f"{k} {v}" for k, v in found["signals"].items())
        )
    key = _answer_key(store)
    if key:
        found["answer_key"] = key
        console.print(
            f"Against the demo's answer key (labels.csv, {key['items']} messages): "
            f"precision {key['precision']:.2f}, recall {key['recall']:.2f}, "
            f"{key['false_positives']} hard negatives flagged."
        )
    example = store.search(SearchQuery("", label="propaganda", min_score=0.9, limit=1))
    for hit in example.hits:
        console.print(
            f"\nExample: {hit.channel_name or hit.channel} #{hit.message_id} "
            f"(propaganda {hit.propaganda or 0:.2f}, stance {hit.stance}): "
            + ", ".join(f"{label} {score:.2f}" for label, score, _ in hit.detections[:4]),
            markup=False,
        )
        console.print(f"  {hit.text[:160]}", markup=False)
    console.print("`propwatch analyze FILE` shows each detection's evidence in the text.")
    return found


def _graph(store: Store, console: Console) -> dict[str, Any]:
    """What extraction put in the knowledge graph, and the channel network."""
    from propwatch.graph.network import channel_network, network_summary
    from propwatch.store.graph_queries import count_entities, count_events, list_entities

    by_type = {
        kind: count_entities(store, type=kind)
        for kind in ("organization", "media_outlet", "channel", "publication", "person", "place")
    }
    events = count_events(store)
    console.print(
        "\n[bold]Knowledge graph[/]: "
        + ", ".join(f"{n} {kind.replace('_', ' ')}s" for kind, n in by_type.items())
        + f"; {events} attack events",
        markup=True,
    )
    top = list_entities(store, type="organization", limit=5)
    if top:
        console.print(
            "Most mentioned organisations: "
            + ", ".join(f"{e.name} ({e.mention_count})" for e in top),
            markup=False,
        )
    summary = network_summary(channel_network(store), top=3)
    hubs = ", ".join(
        f"{c.get('name') or c['channel']} (PageRank {c['pagerank']:.2f})"
        for c in summary["channels"][:3]
    )
    console.print(
        f"Channel network: {summary['nodes']} channels, {summary['edges']} links "
        f"(forwards, mentions, t.me links); most central: {hubs}",
        markup=False,
    )
    return {"entities": by_type, "events": events, "network": {
        "nodes": summary["nodes"], "edges": summary["edges"]}}


def _first_admin(store: Store) -> dict[str, str] | None:
    """A first admin account for the workspace on the demo database (a new random password
    each time the demo database is built); None if the database already has users."""
    import secrets

    from propwatch.serve.accounts import create_user, list_users

    if list_users(store):
        return None
    password = secrets.token_urlsafe(12)
    create_user(store, "admin", "admin", password)
    return {"user": "admin", "password": password}


def _answer_key(store: Store) -> dict[str, Any] | None:
    """Precision and recall of the stored judgement on the demo's labels.csv."""
    path = demo_corpus() / "labels.csv"
    if not path.is_file():
        return None
    with path.open(encoding="utf-8", newline="") as handle:
        gold = {
            (f"telegram:{row['chat_id']}", row["message_id"]): row["label"] == "propaganda"
            for row in csv.DictReader(handle)
            if row["kind"] == "message" and row["label"] in ("propaganda", "hard_negative",
                                                               "neutral", "none")
        }
    judged = store.judgements()
    tp = fp = fn = 0
    for key, is_propaganda in gold.items():
        predicted = judged.get(key)
        if predicted is None:
            continue
        tp += predicted and is_propaganda
        fp += predicted and not is_propaganda
        fn += (not predicted) and is_propaganda
    return {
        "items": len(gold),
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "false_positives": fp,
    }


@click.command("demo")
@click.option(
    "--db",
    default=DEMO_DB,
    show_default=True,
    help="Where to build the demo database (rebuilt from scratch if it is the default file).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def demo_command(db: str, as_json: bool) -> None:
    """Build a database from the bundled multilingual sample corpus and show what it holds."""

    def body() -> int:
        if db == DEMO_DB:
            for suffix in ("", "-wal", "-shm"):
                Path(DEMO_DB + suffix).unlink(missing_ok=True)
        console = Console(stderr=as_json, highlight=False)
        corpus = demo_corpus()
        console.print(f"Ingesting the sample corpus from {corpus} into {db} ...")
        with open_store(db) as store:
            first = ingest([corpus / "result.json", corpus / "articles"], store)
            update = corpus / "update" / "result.json"
            second = ingest([update], store) if update.exists() else None
            if second is not None:
                console.print(
                    f"Then a newer export of one channel: {second.totals.ingested} new "
                    f"messages, {second.totals.edits} edits kept as versions, "
                    f"{second.totals.duplicates} already known."
                )
            _summary(store, console)
            detection = _detections(store, console)
            graph = _graph(store, console)
            searches = []
            for query, why in DEMO_QUERIES:
                result = store.search(SearchQuery(query, limit=3))
                searches.append({"query": query, "shows": why, **result.to_json()})
                console.print(f"\n[bold]search {query!r}[/] ({why}): {result.total} hit(s)")
                for hit in result.hits:
                    console.print(
                        f"  {hit.channel_name or hit.channel} #{hit.message_id} "
                        f"[{hit.language}/{hit.script}] {hit.snippet[:110]}",
                        markup=False,
                    )
            stats = store.stats()
            admin = _first_admin(store)
        console.print(
            f"\nTry: propwatch search 'xuroson' --db {db}\n"
            f"     propwatch search 'rofiziy' --db {db} --json\n"
            f"     propwatch search --label anti_shia --db {db}\n"
            f"     propwatch search --label propaganda --lang uz --db {db}\n"
            f"     propwatch entities --db {db}        propwatch events --db {db}\n"
            f"     propwatch graph channels --db {db}  propwatch graph clusters --db {db}\n"
            f"     propwatch export stix --db {db} -o bundle.json"
        )
        console.print(
            f"\n[bold]Open the workspace on the demo data[/]: propwatch serve --db {db}\n"
            "then browse to http://127.0.0.1:8000/ and sign in"
            + (
                f" as [bold]{admin['user']}[/] with password [bold]{admin['password']}[/] "
                "(a first admin account made for the demo; change it with "
                f"`propwatch users passwd admin --db {db}`)."
                if admin
                else " with an account of this database (`propwatch users list`)."
            ),
            markup=True,
        )
        if as_json:
            echo_json(
                {
                    "db": db,
                    "ingest": first.to_json(),
                    "stats": stats,
                    "detection": detection,
                    "graph": graph,
                    "workspace": {
                        "command": f"propwatch serve --db {db}",
                        "url": "http://127.0.0.1:8000/",
                        **(admin or {}),
                    },
                    "searches": searches,
                }
            )
        return first.exit_code if first.exit_code != 3 else 0

    run_safely(body)
