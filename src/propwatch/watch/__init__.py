"""Trends and alerts: daily series and spikes, reference events, alert rules, delivery, and
a folder watcher that ingests new files and evaluates the rules on their items.

See ``docs/alerts.md``. Modules: :mod:`~propwatch.watch.trends`,
:mod:`~propwatch.watch.reference`, :mod:`~propwatch.watch.rules`,
:mod:`~propwatch.watch.deliver`, :mod:`~propwatch.watch.watcher`.
"""

from __future__ import annotations

from propwatch.watch.deliver import Dispatcher, deliver_alerts, list_alerts, set_status
from propwatch.watch.reference import ReferenceEvent, add_event, delete_event, list_events
from propwatch.watch.rules import Alert, AlertRulesError, Rule, RuleSet, evaluate_new, load_rules
from propwatch.watch.trends import Spike, before_after, daily_series, spikes
from propwatch.watch.watcher import FileResult, Watcher, alert_hook

__all__ = [
    "Alert",
    "AlertRulesError",
    "Dispatcher",
    "FileResult",
    "ReferenceEvent",
    "Rule",
    "RuleSet",
    "Spike",
    "Watcher",
    "add_event",
    "alert_hook",
    "before_after",
    "daily_series",
    "delete_event",
    "deliver_alerts",
    "evaluate_new",
    "list_alerts",
    "list_events",
    "load_rules",
    "set_status",
    "spikes",
]
