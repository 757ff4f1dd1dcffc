"""``propwatch watch``, ``propwatch alerts ...`` and ``propwatch trends``."""

from __future__ import annotations

import json
import logging
import sys
import threading
from datetime import datetime
from pathlib import Path
from typing import Any, cast

import click
from rich.markup import escape
from rich.table import Table

from propwatch.cli.common import db_option, echo_json, err_console, run_safely
from propwatch.errors import UsageError
from propwatch.store import Store, open_store
from propwatch.watch.deliver import (
    ALERT_STATUSES,
    Dispatcher,
    deliver_alerts,
    list_alerts,
    set_status,
)
from propwatch.watch.reference import list_events
from propwatch.watch.rules import SEVERITIES, Alert, RuleSet, evaluate_new, load_rules
from propwatch.watch.trends import BY_VALUES, By, before_after, daily_series, parse_day, spikes
from propwatch.watch.watcher import FileResult, Watcher

__all__ = ["alerts_group", "trends_command", "watch_command"]

_SPARK = " ▁▂▃▄▅▆▇█"


def _log_to(path: Path | None) -> None:
    """Send the ``propwatch.alerts`` log (one line per alert) to ``path`` or stderr."""
    logger = logging.getLogger("propwatch.alerts")
    handler: logging.Handler = (
        logging.FileHandler(path, encoding="utf-8") if path else logging.StreamHandler(sys.stderr)
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    watch_log = logging.getLogger("propwatch.watch")
    if not watch_log.handlers:
        watch_log.addHandler(logging.StreamHandler(sys.stderr))


def _alert_line(alert: Alert) -> str:
    return f"ALERT [{alert.severity}] {alert.title}"


def _rules(path: Path | None) -> RuleSet | None:
    return load_rules(path) if path is not None else None


# --------------------------------------------------------------------------- watch


@click.command("watch")
@click.argument(
    "directory", type=click.Path(exists=True, file_okay=False, path_type=Path), metavar="DIR"
)
@db_option
@click.option(
    "--rules",
    "rules_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    envvar="PROPWATCH_ALERT_RULES",
    help="Alert rules (YAML, see docs/alerts.md); default $PROPWATCH_ALERT_RULES, or none.",
)
@click.option(
    "--interval",
    type=click.FloatRange(0.1, 3600),
    default=2.0,
    show_default=True,
    help="Seconds between scans of DIR.",
)
@click.option(
    "--settle",
    type=click.FloatRange(0, 3600),
    default=2.0,
    show_default=True,
    help="Seconds a new or changed file must stay unchanged before it is read.",
)
@click.option("--once", is_flag=True, help="Read what is in DIR now, deliver alerts, exit.")
@click.option(
    "--log",
    "log_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the alert log here instead of to stderr.",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per file (JSON lines).")
def watch_command(
    directory: Path,
    db: str | None,
    rules_path: Path | None,
    interval: float,
    settle: float,
    once: bool,
    log_path: Path | None,
    as_json: bool,
) -> None:
    """Ingest the files in DIR, then new and grown files as they appear; evaluate the alert
    rules on the new items and deliver the alerts (inbox, webhook, log).

    Files are read once they stop changing (--settle), so half-written files are not read;
    reading a file again stores only its new items. Prints one line per file and per alert.
    Stop with Ctrl-C. Exit codes: 0 done; 1 a file failed (with --once); 2 usage error.
    """

    def body() -> int:
        ruleset = _rules(rules_path)
        _log_to(log_path)
        failed = False

        def show(result: FileResult) -> None:
            nonlocal failed
            failed = failed or result.error is not None
            if as_json:
                echo_json(result.to_json())
                return
            click.echo(result.summary())
            for alert in result.alerts:
                click.echo(_alert_line(alert))

        with open_store(db) as store:
            dispatcher = Dispatcher(store, ruleset) if ruleset else None
            watcher = Watcher(
                store,
                directory,
                ruleset=ruleset,
                dispatcher=dispatcher,
                settle=settle,
                on_file=show,
            )
            if not as_json:
                rules = f"{len(ruleset.rules)} alert rules" if ruleset else "no alert rules"
                err_console.print(f"watching {escape(str(directory))} with {rules}")
            try:
                if once:
                    watcher.run_once(max_wait=max(30.0, settle * 10))
                else:
                    stop = threading.Event()
                    try:
                        watcher.run(interval=interval, stop=stop)
                    except KeyboardInterrupt:
                        stop.set()
            finally:
                if dispatcher is not None:
                    dispatcher.close()
        return 1 if (once and failed) else 0

    run_safely(body)


# --------------------------------------------------------------------------- alerts


@click.group("alerts")
def alerts_group() -> None:
    """The alert inbox and alert rules files."""


@alerts_group.command("list")
@db_option
@click.option(
    "--status",
    type=click.Choice([*ALERT_STATUSES, "all"]),
    default="all",
    show_default=True,
    help="Only alerts with this status.",
)
@click.option("--rule", help="Only alerts of this rule.")
@click.option("--severity", type=click.Choice(SEVERITIES), help="Only this severity.")
@click.option("--limit", type=click.IntRange(1, 500), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def alerts_list(
    db: str | None,
    status: str,
    rule: str | None,
    severity: str | None,
    limit: int,
    offset: int,
    as_json: bool,
) -> None:
    """List alerts, newest first."""

    def body() -> int:
        with open_store(db) as store:
            total, page = list_alerts(
                store,
                status=None if status == "all" else status,
                rule=rule,
                severity=severity,
                limit=limit,
                offset=offset,
            )
        if as_json:
            echo_json(
                {
                    "total": total,
                    "limit": limit,
                    "offset": offset,
                    "alerts": [a.to_json() for a in page],
                }
            )
            return 0
        if not page:
            err_console.print("no alerts")
            return 0
        for alert in page:
            when = alert.at.isoformat(" ", "minutes")
            click.echo(
                f"{alert.id:>6}  {when}  {alert.status:<6}  [{alert.severity}] {alert.title}"
            )
        if total > offset + len(page):
            err_console.print(f"{total - offset - len(page)} more (use --offset)")
        return 0

    run_safely(body)


@alerts_group.command("mark")
@click.argument("alert_ids", nargs=-1, required=True, type=int, metavar="ID...")
@click.option("--status", type=click.Choice(ALERT_STATUSES), required=True)
@db_option
def alerts_mark(alert_ids: tuple[int, ...], status: str, db: str | None) -> None:
    """Set the status of alerts (new, seen, closed)."""

    def body() -> int:
        missing = []
        with open_store(db) as store:
            for alert_id in alert_ids:
                if set_status(store, alert_id, status) is None:
                    missing.append(alert_id)
        if missing:
            raise UsageError(f"no alert with id {', '.join(map(str, missing))}")
        click.echo(f"{len(alert_ids)} alert(s) marked {status}")
        return 0

    run_safely(body)


@alerts_group.command("check")
@click.option(
    "--rules",
    "rules_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The rules file to check.",
)
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def alerts_check(rules_path: Path, db: str | None, as_json: bool) -> None:
    """Validate an alert rules file: exit 0 if it is valid, 1 with FILE:LINE problems.

    With --db (or $PROPWATCH_DB), also warn about entities and channels the database does
    not know yet.
    """
    from propwatch.watch.rules import AlertRulesError

    def body() -> int:
        try:
            ruleset = load_rules(rules_path)
        except AlertRulesError as exc:
            if as_json:
                echo_json({"ok": False, "problems": [p.to_json() for p in exc.problems]})
            else:
                for problem in exc.problems:
                    err_console.print(f"[bold red]error[/] {escape(str(problem))}", markup=True)
            return 1
        warnings = [str(w) for w in ruleset.warnings]
        if db is not None:
            with open_store(db) as store:
                warnings += _unknown_in_db(store, ruleset)
        if as_json:
            echo_json(
                {
                    "ok": True,
                    "rules": len(ruleset.rules),
                    "warnings": warnings,
                    "ruleset": ruleset.to_json(),
                }
            )
        else:
            for warning in warnings:
                err_console.print(f"[yellow]warning[/] {escape(warning)}", markup=True)
            click.echo(f"{rules_path}: {len(ruleset.rules)} rule(s), valid")
        return 0

    run_safely(body)


def _unknown_in_db(store: Store, ruleset: RuleSet) -> list[str]:
    from propwatch.watch.rules import channel_ids, entity_ids

    out = []
    for rule in ruleset.rules:
        where = f"{ruleset.path}:{rule.line}"
        if rule.when.entity and not entity_ids(store, rule.when.entity):
            out.append(
                f"{where}: rule {rule.name!r}: no entity {rule.when.entity!r} in the "
                "database yet (the rule fires once one is extracted)"
            )
        if rule.when.channel and not channel_ids(store, rule.when.channel):
            out.append(
                f"{where}: rule {rule.name!r}: no channel {rule.when.channel!r} in the database yet"
            )
    return out


@alerts_group.command("run")
@click.option(
    "--rules",
    "rules_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@db_option
@click.option("--since", help="Only items stored (ingested) on or after this day (YYYY-MM-DD).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def alerts_run(rules_path: Path, db: str | None, since: str | None, as_json: bool) -> None:
    """Evaluate a rules file on items already stored (e.g. after `propwatch ingest`) and
    deliver the alerts. Alerts already raised are not raised again."""
    from sqlalchemy import select

    from propwatch.store import schema

    def body() -> int:
        ruleset = load_rules(rules_path)
        _log_to(None)
        try:
            first = parse_day(since)
        except ValueError as exc:
            raise UsageError(f"--since: {exc}") from None
        m = schema.messages
        fired: list[Alert] = []
        with open_store(db) as store:
            stmt = select(m.c.id).order_by(m.c.id)
            if first is not None:
                stmt = stmt.where(m.c.ingested_at >= datetime(first.year, first.month, first.day))
            with store.engine.connect() as conn:
                pks = [int(pk) for pk in conn.execute(stmt).scalars()]
            for start in range(0, len(pks), 5000):
                batch = evaluate_new(store, pks[start : start + 5000], ruleset)
                deliver_alerts(store, batch, ruleset)
                fired += batch
        if as_json:
            echo_json({"items": len(pks), "alerts": [a.to_json() for a in fired]})
        else:
            for alert in fired:
                click.echo(_alert_line(alert))
            err_console.print(f"{len(pks)} items checked, {len(fired)} new alert(s)")
        return 0

    run_safely(body)


# --------------------------------------------------------------------------- trends


def _day_option(_ctx: Any, _param: Any, value: str | None) -> str | None:
    try:
        day = parse_day(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    return day.isoformat() if day else None


def _spark(counts: list[int], width: int = 40) -> str:
    if not counts:
        return ""
    if len(counts) > width:  # fold into `width` buckets (sums)
        size = -(-len(counts) // width)
        counts = [sum(counts[i : i + size]) for i in range(0, len(counts), size)]
    top = max(counts) or 1
    return "".join(_SPARK[0 if c == 0 else max(1, round(c / top * 8))] for c in counts)


@click.command("trends")
@db_option
@click.option("--by", type=click.Choice(BY_VALUES), default="label", show_default=True)
@click.option("--since", callback=_day_option, help="First day (YYYY-MM-DD, inclusive).")
@click.option("--until", callback=_day_option, help="Last day (YYYY-MM-DD, inclusive).")
@click.option("--top", type=click.IntRange(1, 200), default=10, show_default=True)
@click.option(
    "--min-score",
    type=click.FloatRange(0, 1),
    default=0.5,
    show_default=True,
    help="Least detection score counted for labels.",
)
@click.option(
    "--window",
    type=click.IntRange(3, 365),
    default=14,
    show_default=True,
    help="Days of trailing baseline for spikes.",
)
@click.option(
    "--z",
    "z",
    type=click.FloatRange(0.5, 100),
    default=3.0,
    show_default=True,
    help="Least z-score of a spike.",
)
@click.option(
    "--min-count",
    type=click.IntRange(1),
    default=5,
    show_default=True,
    help="Least items on a spike day.",
)
@click.option(
    "--before-after",
    "event_day",
    callback=_day_option,
    metavar="DAY",
    help="Instead: compare the --days before DAY with the --days from DAY.",
)
@click.option("--days", type=click.IntRange(1, 3660), default=14, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def trends_command(
    db: str | None,
    by: str,
    since: str | None,
    until: str | None,
    top: int,
    min_score: float,
    window: int,
    z: float,
    min_count: int,
    event_day: str | None,
    days: int,
    as_json: bool,
) -> None:
    """Items per day by label, channel, language or entity, with spikes (days far above
    the trailing baseline) and the reference events of the period."""

    def body() -> int:
        with open_store(db) as store:
            if event_day:
                result = before_after(
                    store,
                    event_day,
                    days,
                    cast(By, by),
                    top=top,
                    min_score=min_score,
                )
                events = list_events(store, event_day, event_day)
                result["reference_events"] = [e.to_json() for e in events]
                _print_before_after(result, as_json)
                return 0
            series = daily_series(
                store,
                by=cast(By, by),
                since=since,
                until=until,
                top=top,
                min_score=min_score,
            )
            found = spikes(series, window=window, z=z, min_count=min_count)
            events = list_events(store, series["since"], series["until"]) if series["days"] else []
        if as_json:
            echo_json(
                {
                    **series,
                    "spikes": [s.to_json() for s in found],
                    "reference_events": [e.to_json() for e in events],
                }
            )
            return 0
        _print_series(series, found, events)
        return 0

    run_safely(body)


def _print_series(series: dict[str, Any], found: list[Any], events: list[Any]) -> None:
    if not series["days"]:
        err_console.print("no dated items in this period")
        return
    table = Table(
        title=f"items per day by {series['by']}, {series['since']} to {series['until']}",
        title_justify="left",
    )
    table.add_column(series["by"])
    table.add_column("items", justify="right")
    table.add_column("per day")
    for entry in series["series"]:
        name = (
            entry["name"] if entry["name"] == entry["key"] else f"{entry['name']} ({entry['key']})"
        )
        table.add_row(escape(name), str(entry["total"]), _spark(entry["counts"]))
    table.add_row("[dim]all items[/]", str(sum(series["all"])), _spark(series["all"]))
    err_console.print(table)
    if found:
        click.echo("spikes:")
        for spike in found:
            click.echo(
                f"  {spike.day}  {spike.name}: {spike.count} items "
                f"(baseline {spike.mean:.1f} ± {spike.std:.1f}, z {spike.z:.1f})"
            )
    else:
        click.echo("no spikes")
    if events:
        click.echo("reference events:")
        for event in events:
            click.echo(f"  {event.date}  {event.title}")


def _print_before_after(result: dict[str, Any], as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, default=str))
        return
    b, a = result["before"], result["after"]
    click.echo(
        f"{result['days']} days before {result['date']} ({b['since']} to {b['until']}) "
        f"vs from it ({a['since']} to {a['until']}), by {result['by']}"
    )
    for event in result.get("reference_events", []):
        click.echo(f"  reference event: {event['title']}")
    rows = [{"key": "all items", "name": "all items", **result["all"]}, *result["rows"]]
    for row in rows:
        ratio = f"x{row['ratio']:g}" if row["ratio"] is not None else "new"
        click.echo(f"  {row['name'][:50]:<50} {row['before']:>6} -> {row['after']:>6}  {ratio}")
