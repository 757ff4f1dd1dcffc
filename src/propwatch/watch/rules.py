"""Alert rules: read a YAML rules file strictly, evaluate the rules on newly stored items.

The format is documented in ``docs/alerts.md``. In short::

    webhook: {url: https://hooks.example.org/propwatch, secret_env: PROPWATCH_WEBHOOK_SECRET}
    rules:
      - name: anti-shia-high
        when: {label: anti_shia, min_score: 0.8}
        severity: high
        deliver: [inbox, webhook, log]
      - name: burst-in-channel
        when: {channel: "telegram:1900000101", label: propaganda}
        threshold: {count: 5, within_hours: 6}
      - name: entity-spike
        when: {spike: {by: entity, window: 14, z: 3, min_count: 5}}

The file is composed with PyYAML's safe loader into line-numbered nodes
(:func:`propwatch.knowledge.validate.read_yaml`), so every problem names ``FILE:LINE``;
all problems of a file are reported at once (:class:`AlertRulesError`).

:func:`evaluate_new` checks the rules against the items just stored and inserts the alerts
into the ``alerts`` table (the inbox). Each alert has a ``dedupe_key`` (unique in the table):
``RULE|m<message pk>`` for an item, ``RULE|w<window start>`` for a threshold, ``RULE|spike|
<key>|<day>`` for a spike, so evaluating the same items again never adds an alert.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, Final, cast

from sqlalchemy import ColumnElement, String, and_, exists, func, literal_column, or_, select
from sqlalchemy.dialects import postgresql, sqlite

from propwatch.errors import PropwatchError
from propwatch.knowledge.validate import MAX_PROBLEMS, Node, Problem, Problems, read_yaml, suggest
from propwatch.normalize import match_key
from propwatch.store import Store, schema
from propwatch.watch.trends import PROPAGANDA, By, daily_series, spikes_in

__all__ = [
    "DELIVERIES",
    "MAX_ALERTS_PER_RULE",
    "SEVERITIES",
    "SPIKE_BY",
    "WALLET_TYPES",
    "Alert",
    "AlertRulesError",
    "Condition",
    "Rule",
    "RuleSet",
    "SpikeSpec",
    "Threshold",
    "Webhook",
    "channel_ids",
    "check_rules",
    "entity_ids",
    "evaluate_new",
    "gazetteer_ids",
    "load_rules",
    "parse_rules",
]

log = logging.getLogger("propwatch.watch")

SEVERITIES: Final = ("low", "medium", "high", "critical")
DELIVERIES: Final = ("inbox", "webhook", "log")
SPIKE_BY: Final = ("label", "channel", "entity", "language")
WALLET_TYPES: Final = ("btc_address", "eth_address", "tron_address", "xmr_address")

#: One rule adds at most this many alerts per evaluation (one more alert says how many
#: matches were left out); evaluating again picks up where it stopped.
MAX_ALERTS_PER_RULE: Final = 1000
#: Largest rules file read, bytes.
MAX_FILE_BYTES: Final = 1 << 20
MAX_RULES: Final = 1000
_MAX_NAME: Final = 100
_MAX_TEXT: Final = 200
_CHUNK: Final = 500

# field name -> required?
FILE_FIELDS: Final[Mapping[str, bool]] = {"version": False, "webhook": False, "rules": True}
WEBHOOK_FIELDS: Final[Mapping[str, bool]] = {
    "url": True, "secret_env": True, "timeout": False, "tries": False,
}  # fmt: skip
RULE_FIELDS: Final[Mapping[str, bool]] = {
    "name": True, "when": True, "threshold": False, "severity": False, "deliver": False,
    "description": False, "enabled": False,
}  # fmt: skip
WHEN_FIELDS: Final[Mapping[str, bool]] = {
    "label": False, "min_score": False, "entity": False, "term": False, "whole_word": False,
    "channel": False, "wallet": False, "language": False, "spike": False,
}  # fmt: skip
SPIKE_FIELDS: Final[Mapping[str, bool]] = {
    "by": True, "key": False, "window": False, "z": False, "min_count": False, "top": False,
    "min_score": False,
}  # fmt: skip
THRESHOLD_FIELDS: Final[Mapping[str, bool]] = {"count": True, "within_hours": True}

_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,100}")
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z]{4})?")


# --------------------------------------------------------------------------- errors


class AlertRulesError(PropwatchError):
    """A rules file that does not validate; ``problems`` lists every problem (FILE:LINE)."""

    code = "PW402"
    hint = "Fix the named lines of the rules file (the format is in docs/alerts.md)."

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        shown = [str(p) for p in self.problems[:MAX_PROBLEMS]]
        if len(shown) == 1:
            message = shown[0]
        else:
            lines = [f"the rules file has {len(self.problems)} problems:"]
            lines += [f"  {text}" for text in shown]
            if len(self.problems) > len(shown):
                lines.append(f"  ... and {len(self.problems) - len(shown)} more")
            message = "\n".join(lines)
        super().__init__(message)


# --------------------------------------------------------------------------- the model


@dataclass(frozen=True, slots=True)
class SpikeSpec:
    """``when: {spike: ...}``: a day far above the trailing baseline of a daily series."""

    by: str
    key: str | None = None
    window: int = 14
    z: float = 3.0
    min_count: int = 5
    #: Without ``key``: the ``top`` keys by volume are watched.
    top: int = 20
    min_score: float = 0.5

    def to_json(self) -> dict[str, Any]:
        return {
            "by": self.by, "key": self.key, "window": self.window, "z": self.z,
            "min_count": self.min_count, "top": self.top, "min_score": self.min_score,
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class Condition:
    """What a rule looks for; every field given must hold (they are ANDed)."""

    label: str | None = None
    #: For ``label``: the least detection score (default 0.5); for ``propaganda``: the least
    #: judgement score (default: the detector's own verdict, stance ``endorse``).
    min_score: float | None = None
    entity: str | None = None
    term: str | None = None
    whole_word: bool = False
    channel: str | None = None
    #: ``any``, a wallet type (``btc_address``...) or a canonical address.
    wallet: str | None = None
    language: str | None = None
    spike: SpikeSpec | None = None

    @property
    def term_key(self) -> str:
        return match_key(self.term) if self.term else ""

    def describe(self) -> str:
        """A short human form: ``label anti_shia >= 0.8 and channel X``."""
        parts = []
        if self.label:
            score = f" >= {self.min_score:g}" if self.min_score is not None else ""
            parts.append(f"label {self.label}{score}")
        if self.entity:
            parts.append(f"entity {self.entity}")
        if self.term:
            parts.append(f"term {self.term!r}")
        if self.channel:
            parts.append(f"channel {self.channel}")
        if self.wallet:
            parts.append("a wallet" if self.wallet == "any" else f"wallet {self.wallet}")
        if self.language:
            parts.append(f"language {self.language}")
        if self.spike:
            s = self.spike
            parts.append(f"spike by {s.by}" + (f" {s.key}" if s.key else ""))
        return " and ".join(parts)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in ("label", "min_score", "entity", "term", "channel", "wallet", "language"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        if self.term and self.whole_word:
            out["whole_word"] = True
        if self.spike:
            out["spike"] = self.spike.to_json()
        return out


@dataclass(frozen=True, slots=True)
class Threshold:
    """Fire when ``count`` matching items fall within ``within_hours`` (by item date)."""

    count: int
    within_hours: float


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    when: Condition
    threshold: Threshold | None = None
    severity: str = "medium"
    deliver: tuple[str, ...] = ("inbox", "log")
    description: str | None = None
    enabled: bool = True
    #: Where the rule starts in its file (for messages).
    line: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "when": self.when.to_json(),
            "summary": self.when.describe(),
            "threshold": (
                {"count": self.threshold.count, "within_hours": self.threshold.within_hours}
                if self.threshold
                else None
            ),
            "severity": self.severity,
            "deliver": list(self.deliver),
            "description": self.description,
            "enabled": self.enabled,
            "line": self.line,
        }


@dataclass(frozen=True, slots=True)
class Webhook:
    """Where ``deliver: [webhook]`` alerts are POSTed; the HMAC secret is read from the
    environment variable ``secret_env`` when sending (never from the file)."""

    url: str
    secret_env: str
    timeout: float = 5.0
    tries: int = 3

    def to_json(self) -> dict[str, Any]:
        """The settings without the URL's path and query (they often hold a token)."""
        from urllib.parse import urlsplit

        parts = urlsplit(self.url)
        return {
            "url": f"{parts.scheme}://{parts.hostname or ''}"
            + (f":{parts.port}" if parts.port else "")
            + ("/..." if parts.path not in ("", "/") or parts.query else ""),
            "secret_env": self.secret_env,
            "timeout": self.timeout,
            "tries": self.tries,
        }


@dataclass(frozen=True, slots=True)
class RuleSet:
    rules: tuple[Rule, ...] = ()
    webhook: Webhook | None = None
    path: str | None = None
    #: Things that are allowed but probably wrong (an unknown label...), as FILE:LINE.
    warnings: tuple[Problem, ...] = ()

    def rule(self, name: str) -> Rule | None:
        return next((r for r in self.rules if r.name == name), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "webhook": self.webhook.to_json() if self.webhook else None,
            "rules": [r.to_json() for r in self.rules],
            "warnings": [w.to_json() for w in self.warnings],
        }


@dataclass(slots=True)
class Alert:
    """One row of the ``alerts`` table (the inbox)."""

    id: int
    rule: str
    dedupe_key: str
    at: datetime
    severity: str
    title: str
    message_pk: int | None = None
    detail: dict[str, Any] = field(default_factory=dict)
    status: str = "new"
    delivered: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "rule": self.rule,
            "dedupe_key": self.dedupe_key,
            "at": self.at.replace(tzinfo=UTC).isoformat().replace("+00:00", "Z"),
            "severity": self.severity,
            "title": self.title,
            "message_pk": self.message_pk,
            "detail": self.detail,
            "status": self.status,
            "delivered": self.delivered,
        }

    @classmethod
    def from_row(cls, row: Any) -> Alert:
        return cls(
            id=int(row.id), rule=row.rule, dedupe_key=row.dedupe_key, at=row.at,
            severity=row.severity, title=row.title,
            message_pk=int(row.message_pk) if row.message_pk is not None else None,
            detail=dict(row.detail or {}), status=row.status,
            delivered=dict(row.delivered) if row.delivered else None,
        )  # fmt: skip


# --------------------------------------------------------------------------- parsing


class _Reader:
    """Typed access to one YAML mapping, recording problems (see knowledge.validate)."""

    def __init__(
        self, node: Node, fields: Mapping[str, bool], where: str, display: str, problems: Problems
    ) -> None:
        self.node, self.where, self.display, self.problems = node, where, display, problems
        self.ok = isinstance(node.value, dict)
        self.values: dict[str, Node] = node.value if self.ok else {}
        if not self.ok:
            self.add(node.line, f"{where} must be a mapping (got {node.describe()})")
            return
        for name in self.values:
            if name not in fields:
                hint = suggest(name, fields)
                if name in ("secret", "password", "token"):
                    hint = " (secrets never go in the rules file: put it in an environment "
                    hint += "variable and name it with secret_env)"
                self.add(node.key_lines.get(name, node.line), f"{where}: unknown field "
                         f"'{name}'{hint}")  # fmt: skip
        for name, required in fields.items():
            if required and name not in self.values:
                self.add(node.line, f"{where}: the field '{name}' is missing")

    def add(self, line: int | None, message: str) -> None:
        self.problems.add(self.display, line, message)

    def line(self, name: str) -> int:
        return self.node.key_lines.get(name, self.node.line)

    def text(self, name: str, limit: int = _MAX_TEXT) -> str | None:
        node = self.values.get(name)
        if node is None:
            return None
        value = node.value
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            why = node.describe()
            if isinstance(value, bool):
                why += "; YAML reads yes/no/on/off/true/false as such: quote the text"
            self.add(node.line, f"{self.where}: '{name}' must be text (got {why})")
            return None
        text = str(value).strip()
        if not text:
            self.add(node.line, f"{self.where}: '{name}' is empty")
            return None
        if len(text) > limit:
            self.add(node.line, f"{self.where}: '{name}' is longer than {limit} characters")
            return None
        return text

    def number(
        self, name: str, low: float, high: float, *, integer: bool = False
    ) -> float | int | None:
        node = self.values.get(name)
        if node is None:
            return None
        value = node.value
        kind = "a whole number" if integer else "a number"
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or (integer and not isinstance(value, int))
            or (isinstance(value, float) and not math.isfinite(value))
        ):
            self.add(node.line, f"{self.where}: '{name}' must be {kind} (got {node.describe()})")
            return None
        if not low <= value <= high:
            self.add(node.line, f"{self.where}: '{name}' must be between {low:g} and {high:g} "
                     f"(got {value})")  # fmt: skip
            return None
        return value

    def boolean(self, name: str) -> bool | None:
        node = self.values.get(name)
        if node is None:
            return None
        if not isinstance(node.value, bool):
            self.add(node.line, f"{self.where}: '{name}' must be true or false")
            return None
        return node.value

    def choice(self, name: str, choices: Sequence[str]) -> str | None:
        text = self.text(name)
        if text is None:
            return None
        if text not in choices:
            self.add(self.line(name), f"{self.where}: '{name}' must be one of "
                     f"{', '.join(choices)} (got {text!r}){suggest(text, choices)}")  # fmt: skip
            return None
        return text


def _known_labels() -> set[str]:
    try:
        from propwatch.knowledge import default_pack

        return set(default_pack().labels) | {PROPAGANDA}
    except Exception:  # a broken pack must not break the rules check
        return set()


def _wallet(reader: _Reader) -> str | None:
    text = reader.text("wallet", 120)
    if text is None:
        return None
    if text.lower() == "any":
        return "any"
    if text in WALLET_TYPES:
        return text
    from propwatch.detect.wallets import classify_wallet

    info = classify_wallet(text)
    if info is None:
        reader.add(reader.line("wallet"), f"{reader.where}: 'wallet' must be any, a wallet type "
                   f"({', '.join(WALLET_TYPES)}) or an address whose checksum holds "
                   f"(got {text!r})")  # fmt: skip
        return None
    return info.value


def _spike(node: Node, where: str, display: str, problems: Problems) -> SpikeSpec | None:
    r = _Reader(node, SPIKE_FIELDS, f"{where} spike", display, problems)
    if not r.ok:
        return None
    before = len(problems)
    by = r.choice("by", SPIKE_BY)
    key = r.text("key", 512)
    window = r.number("window", 3, 365, integer=True)
    z = r.number("z", 0.5, 100)
    min_count = r.number("min_count", 1, 1_000_000, integer=True)
    top = r.number("top", 1, 200, integer=True)
    min_score = r.number("min_score", 0, 1)
    if by is None or len(problems) > before:
        return None
    return SpikeSpec(
        by=by, key=key,
        window=int(window) if window is not None else 14,
        z=float(z) if z is not None else 3.0,
        min_count=int(min_count) if min_count is not None else 5,
        top=int(top) if top is not None else 20,
        min_score=float(min_score) if min_score is not None else 0.5,
    )  # fmt: skip


def _condition(
    node: Node, where: str, display: str, problems: Problems, warnings: Problems
) -> Condition | None:
    r = _Reader(node, WHEN_FIELDS, f"{where} when", display, problems)
    if not r.ok:
        return None
    before = len(problems)
    label = r.text("label")
    min_score = r.number("min_score", 0, 1)
    entity = r.text("entity", 512)
    term = r.text("term")
    whole_word = r.boolean("whole_word")
    channel = r.text("channel", 512)
    wallet = _wallet(r) if "wallet" in r.values else None
    language = r.text("language", 16)
    spike = _spike(r.values["spike"], where, display, problems) if "spike" in r.values else None
    if language is not None and not _LANGUAGE.fullmatch(language):
        r.add(r.line("language"), f"{where} when: 'language' must be a code such as ru, "
              f"uz or uz-Cyrl (got {language!r})")  # fmt: skip
    if term is not None and not match_key(term).strip():
        r.add(r.line("term"), f"{where} when: 'term' {term!r} has no letters or digits to match")
    if min_score is not None and label is None:
        r.add(r.line("min_score"), f"{where} when: 'min_score' applies to 'label'; add a label "
              "(or put min_score inside spike)")  # fmt: skip
    if whole_word is not None and term is None:
        r.add(r.line("whole_word"), f"{where} when: 'whole_word' applies to 'term'")
    item_fields = [n for n in ("label", "entity", "term", "channel", "wallet", "language")
                   if n in r.values]  # fmt: skip
    if "spike" in r.values and item_fields:
        r.add(r.line("spike"), f"{where} when: 'spike' cannot be combined with "
              f"{', '.join(item_fields)}; use a spike's 'key' to watch one key")  # fmt: skip
    if "spike" not in r.values and not item_fields and r.values:
        r.add(node.line, f"{where} when: name at least one of label, entity, term, channel, "
              "wallet, language or spike")  # fmt: skip
    if not r.values:
        r.add(node.line, f"{where} when: is empty")
    if label is not None:
        known = _known_labels()
        if known and label not in known:
            warnings.add(display, r.line("label"), f"{where} when: label {label!r} is not in "
                         f"the built-in taxonomy{suggest(label, known)}")  # fmt: skip
    if len(problems) > before:
        return None
    return Condition(
        label=label, min_score=float(min_score) if min_score is not None else None,
        entity=entity, term=term, whole_word=bool(whole_word), channel=channel,
        wallet=wallet, language=language, spike=spike,
    )  # fmt: skip


def _rule(
    node: Node, index: int, display: str, problems: Problems, warnings: Problems
) -> Rule | None:
    where = f"rule {index + 1}"
    if isinstance(node.value, dict) and isinstance(node.value.get("name"), Node):
        name_value = node.value["name"].value
        if isinstance(name_value, str) and name_value.strip():
            where = f"rule {index + 1} ({name_value.strip()[:_MAX_NAME]!r})"
    r = _Reader(node, RULE_FIELDS, where, display, problems)
    if not r.ok:
        return None
    before = len(problems)
    name = r.text("name", _MAX_NAME)
    if name is not None and "|" in name:
        r.add(r.line("name"), f"{where}: 'name' cannot contain '|'")
    when = (
        _condition(r.values["when"], where, display, problems, warnings)
        if "when" in r.values
        else None
    )
    threshold = None
    if "threshold" in r.values:
        t = _Reader(r.values["threshold"], THRESHOLD_FIELDS, f"{where} threshold", display,
                    problems)  # fmt: skip
        count = t.number("count", 1, 100_000, integer=True) if t.ok else None
        hours = t.number("within_hours", 0.01, 24 * 366) if t.ok else None
        if count is not None and hours is not None:
            threshold = Threshold(int(count), float(hours))
        if when is not None and when.spike is not None:
            r.add(r.line("threshold"), f"{where}: a spike rule takes no threshold (its "
                  "window, z and min_count are the threshold)")  # fmt: skip
    severity = r.choice("severity", SEVERITIES) if "severity" in r.values else "medium"
    deliver: tuple[str, ...] = ("inbox", "log")
    if "deliver" in r.values:
        dnode = r.values["deliver"]
        items = dnode.value if isinstance(dnode.value, list) else [dnode]
        chosen: list[str] = []
        for item in items:
            if not isinstance(item.value, str) or item.value not in DELIVERIES:
                r.add(item.line, f"{where}: 'deliver' takes {', '.join(DELIVERIES)} "
                      f"(got {item.describe()})")  # fmt: skip
            elif item.value not in chosen:
                chosen.append(item.value)
        if not items:
            r.add(dnode.line, f"{where}: 'deliver' is empty; name inbox, webhook or log")
        deliver = tuple(chosen)
    description = r.text("description", 2000)
    enabled = r.boolean("enabled")
    if len(problems) > before or name is None or when is None:
        return None
    return Rule(
        name=name, when=when, threshold=threshold, severity=severity or "medium",
        deliver=deliver, description=description,
        enabled=True if enabled is None else enabled, line=node.line,
    )  # fmt: skip


def _webhook(node: Node, display: str, problems: Problems) -> Webhook | None:
    r = _Reader(node, WEBHOOK_FIELDS, "webhook", display, problems)
    if not r.ok:
        return None
    before = len(problems)
    url = r.text("url", 2000)
    if url is not None and not re.match(r"https?://[^/\s?#]+", url):
        r.add(r.line("url"), f"webhook: 'url' must start with http:// or https:// (got {url!r})")
    secret_env = r.text("secret_env", 101)
    if secret_env is not None and not _ENV_NAME.fullmatch(secret_env):
        r.add(r.line("secret_env"), "webhook: 'secret_env' must be the NAME of an environment "
              f"variable holding the secret (got {secret_env!r})")  # fmt: skip
    timeout = r.number("timeout", 0.1, 60)
    tries = r.number("tries", 1, 10, integer=True)
    if len(problems) > before or url is None or secret_env is None:
        return None
    return Webhook(
        url, secret_env,
        timeout=float(timeout) if timeout is not None else 5.0,
        tries=int(tries) if tries is not None else 3,
    )  # fmt: skip


def _parse(root: Node | None, display: str, problems: Problems, warnings: Problems) -> RuleSet:
    if root is None:
        return RuleSet(path=display)
    webhook = None
    if isinstance(root.value, list):
        rule_nodes = root
    else:
        r = _Reader(root, FILE_FIELDS, "the file", display, problems)
        if not r.ok:
            return RuleSet(path=display)
        if "webhook" in r.values:
            webhook = _webhook(r.values["webhook"], display, problems)
        rule_nodes = r.values.get("rules") or Node([], root.line)
    if not isinstance(rule_nodes.value, list):
        problems.add(
            display,
            rule_nodes.line,
            f"'rules' must be a list of rules (got {rule_nodes.describe()})",
        )
        return RuleSet(path=display)
    if len(rule_nodes.value) > MAX_RULES:
        problems.add(display, rule_nodes.line, f"more than {MAX_RULES} rules")
        return RuleSet(path=display)
    rules: list[Rule] = []
    seen: dict[str, int | None] = {}
    for i, node in enumerate(rule_nodes.value):
        rule = _rule(node, i, display, problems, warnings)
        if rule is None:
            continue
        if rule.name in seen:
            problems.add(display, rule.line, f"rule {i + 1}: the name {rule.name!r} is already "
                         f"used by the rule at line {seen[rule.name]}")  # fmt: skip
            continue
        seen[rule.name] = rule.line
        if (
            "webhook" in rule.deliver
            and webhook is None
            and not any(p.message.startswith("webhook") for p in problems.items)
        ):
            problems.add(
                display,
                rule.line,
                f"rule {i + 1} ({rule.name!r}) delivers to the "
                "webhook, but the file has no 'webhook: {url, secret_env}' section",
            )
        rules.append(rule)
    return RuleSet(tuple(rules), webhook, display, tuple(warnings.items))


def parse_rules(text: str, display: str = "<rules>") -> RuleSet:
    """Parse the text of a rules file; raises :class:`AlertRulesError` listing every problem."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "rules.yaml"
        path.write_text(text, encoding="utf-8")
        return _load(path, display)


def _load(path: Path, display: str) -> RuleSet:
    problems, warnings = Problems(), Problems()
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise AlertRulesError(
            [Problem(display, None, f"cannot read the rules file ({exc.strerror or exc})")]
        ) from None
    if size > MAX_FILE_BYTES:
        raise AlertRulesError([Problem(display, None, "the rules file is larger than 1 MB")])
    root = read_yaml(path, display, problems)
    ruleset = _parse(root, display, problems, warnings)
    if problems.items:
        raise AlertRulesError(sorted(problems.items, key=lambda p: p.line or 0))
    return ruleset


def load_rules(path: str | Path) -> RuleSet:
    """Read and validate a rules file; raises :class:`AlertRulesError` (FILE:LINE: what)."""
    return _load(Path(path), str(path))


def check_rules(path: str | Path) -> tuple[list[Problem], list[Problem]]:
    """``(problems, warnings)`` of a rules file, without raising."""
    try:
        ruleset = load_rules(path)
    except AlertRulesError as exc:
        return list(exc.problems), []
    return [], list(ruleset.warnings)


# --------------------------------------------------------------------------- evaluation


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _naive(value: datetime) -> datetime:
    return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value


@functools.cache
def _gazetteer_index() -> dict[str, tuple[str, ...]]:
    """Cross-script match key of every gazetteer name and alias -> the entry ids."""
    try:
        from propwatch.knowledge.gazetteer import default_gazetteer

        entries = default_gazetteer().entries
    except Exception:  # a broken gazetteer must not break alerting
        log.exception("the gazetteer did not load; entity rules match stored names only")
        return {}
    index: dict[str, set[str]] = {}
    for entry in entries.values():
        index.setdefault(entry.id, set()).add(entry.id)
        for _, form in entry.all_aliases():
            key = match_key(form)
            if key:
                index.setdefault(key, set()).add(entry.id)
    return {k: tuple(sorted(v)) for k, v in index.items()}


def gazetteer_ids(wanted: str) -> tuple[str, ...]:
    """Gazetteer entries an ``entity:`` value names: its id, its name or any alias, in any
    script (``Кирмон``, ``Kerman`` and ``کرمان`` all name ``ir_kerman``)."""
    index = _gazetteer_index()
    return tuple(sorted(set(index.get(wanted, ())) | set(index.get(match_key(wanted), ()))))


def entity_ids(store: Store, wanted: str) -> list[int]:
    """Entities an ``entity:`` condition names: by gazetteer id, or a gazetteer name or
    alias (any script), entity key, stored name (any case) or stored alias."""
    e = schema.entities
    key = match_key(wanted)
    terms: list[ColumnElement[bool]] = [
        e.c.gazetteer_id == wanted,
        e.c.key == wanted,
        e.c.key == f"gaz:{wanted}",
        func.lower(e.c.name) == wanted.lower(),
    ]
    known = gazetteer_ids(wanted)
    if known:
        terms.append(e.c.gazetteer_id.in_(list(known)))
    if key:
        terms.append(e.c.search_key.contains(f"|{key}|", autoescape=True))
    with store.engine.connect() as conn:
        return [int(pk) for pk in conn.execute(select(e.c.id).where(or_(*terms))).scalars()]


def _channel_match(wanted: str) -> ColumnElement[bool]:
    c = schema.channels
    return or_(c.c.key == wanted, c.c.name == wanted, c.c.key == f"telegram:{wanted}")


def channel_ids(store: Store, wanted: str) -> list[int]:
    """Channels a ``channel:`` condition names: by key, name, or Telegram id."""
    c = schema.channels
    with store.engine.connect() as conn:
        return [int(pk) for pk in conn.execute(select(c.c.id).where(_channel_match(wanted)))
                .scalars()]  # fmt: skip


def _clauses(store: Store, cond: Condition) -> list[ColumnElement[bool]] | None:
    """SQL conditions on ``messages`` for an item condition; ``None``: nothing can match."""
    m, a, c = schema.messages, schema.annotations, schema.channels
    out: list[ColumnElement[bool]] = []
    if cond.label:
        if cond.label == PROPAGANDA and cond.min_score is None:
            note = and_(a.c.kind == "stance", a.c.label == "endorse")
        elif cond.label == PROPAGANDA:
            note = and_(a.c.kind == "judgement", a.c.label == PROPAGANDA,
                        a.c.score >= cond.min_score)  # fmt: skip
        else:
            minimum = 0.5 if cond.min_score is None else cond.min_score
            note = and_(a.c.kind == "detection", a.c.label == cond.label, a.c.score >= minimum)
        out.append(exists().where(a.c.message_pk == m.c.id, note))
    if cond.entity:
        ids = entity_ids(store, cond.entity)
        if not ids:
            return None
        em = schema.entity_mentions
        out.append(exists().where(em.c.message_pk == m.c.id, em.c.entity_id.in_(ids)))
    if cond.term:
        key = cond.term_key
        padded: Any = literal_column("' '", String) + m.c.match_key + literal_column("' '", String)
        out.append(padded.contains(f" {key} " if cond.whole_word else f" {key}", autoescape=True))
    if cond.channel:
        out.append(m.c.channel_id.in_(select(c.c.id).where(_channel_match(cond.channel))))
    if cond.wallet:
        types = [cond.wallet] if cond.wallet in WALLET_TYPES else list(WALLET_TYPES)
        sig = and_(a.c.kind == "signal", a.c.label.in_(types))
        if cond.wallet != "any" and cond.wallet not in WALLET_TYPES:
            sig = and_(sig, a.c.data["value"].as_string() == cond.wallet)
        out.append(exists().where(a.c.message_pk == m.c.id, sig))
    if cond.language:
        out.append(or_(m.c.language == cond.language, m.c.language.like(f"{cond.language}-%")))
    return out


def _chunks(values: Sequence[int], size: int = _CHUNK) -> Iterable[list[int]]:
    for start in range(0, len(values), size):
        yield list(values[start : start + size])


def _facts(store: Store, pks: Sequence[int]) -> dict[int, dict[str, Any]]:
    """What an alert shows about an item: channel, date, language, a short excerpt."""
    m, c = schema.messages, schema.channels
    out: dict[int, dict[str, Any]] = {}
    with store.engine.connect() as conn:
        for chunk in _chunks(pks):
            for row in conn.execute(
                select(
                    m.c.id, m.c.message_id, m.c.date, m.c.language, m.c.text,
                    c.c.key.label("channel"), c.c.name.label("channel_name"),
                )
                .select_from(m.join(c, c.c.id == m.c.channel_id))
                .where(m.c.id.in_(chunk))
            ):  # fmt: skip
                text = " ".join((row.text or "")[:600].split())
                out[int(row.id)] = {
                    "pk": int(row.id),
                    "message_id": row.message_id,
                    "channel": row.channel,
                    "channel_name": row.channel_name,
                    "date": row.date.isoformat() + "Z" if row.date else None,
                    "language": row.language,
                    "excerpt": text[:280] + ("…" if len(text) > 280 else ""),
                }
    return out


def _dedupe(*parts: str) -> str:
    key = "|".join(parts)
    if len(key) <= 300:
        return key
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:40]
    return f"{parts[0][:250]}|h{digest}"


def _existing(store: Store, keys: Sequence[str]) -> set[str]:
    al = schema.alerts
    found: set[str] = set()
    with store.engine.connect() as conn:
        for start in range(0, len(keys), _CHUNK):
            found.update(
                conn.execute(
                    select(al.c.dedupe_key).where(
                        al.c.dedupe_key.in_(list(keys[start : start + _CHUNK]))
                    )
                ).scalars()
            )
    return found


def _insert(store: Store, rows: list[dict[str, Any]]) -> list[Alert]:
    """Insert alerts, skipping dedupe keys already there; returns those inserted."""
    if not rows:
        return []
    al = schema.alerts
    made: list[Alert] = []
    with store.engine.begin() as conn:
        for row in rows:
            if store.dialect == "postgresql":
                stmt: Any = postgresql.insert(al)
            else:
                stmt = sqlite.insert(al)
            stmt = stmt.values(**row).on_conflict_do_nothing(index_elements=["dedupe_key"])
            pk = conn.execute(stmt.returning(al.c.id)).scalar()
            if pk is not None:
                made.append(Alert(id=int(pk), **row))
    return made


def _row(rule: Rule, key: str, title: str, now: datetime, pk: int | None,
         detail: dict[str, Any]) -> dict[str, Any]:  # fmt: skip
    return {
        "rule": rule.name,
        "dedupe_key": key,
        "at": now,
        "severity": rule.severity,
        "title": title[:1000],
        "message_pk": pk,
        "detail": {"rule": rule.to_json(), **detail},
        "status": "new" if "inbox" in rule.deliver else "closed",
        "delivered": {"inbox": "inbox" in rule.deliver},
    }


def _matching(
    store: Store, clauses: Sequence[ColumnElement[bool]], pks: Sequence[int]
) -> list[int]:
    m = schema.messages
    found: list[int] = []
    with store.engine.connect() as conn:
        for chunk in _chunks(pks):
            found.extend(
                int(pk)
                for pk in conn.execute(
                    select(m.c.id).where(m.c.id.in_(chunk), *clauses).order_by(m.c.id)
                ).scalars()
            )
    return found


def _where(facts: Mapping[str, Any]) -> str:
    name = facts.get("channel_name") or facts.get("channel") or "?"
    day = (facts.get("date") or "")[:10]
    return f"{name}" + (f", {day}" if day else "")


def _item_alerts(store: Store, rule: Rule, pks: Sequence[int], now: datetime) -> list[Alert]:
    clauses = _clauses(store, rule.when)
    if clauses is None:
        return []
    matches = _matching(store, clauses, pks)
    if not matches:
        return []
    keys = {pk: _dedupe(rule.name, f"m{pk}") for pk in matches}
    done = _existing(store, list(keys.values()))
    fresh = [pk for pk in matches if keys[pk] not in done]
    left_out = fresh[MAX_ALERTS_PER_RULE:]
    fresh = fresh[:MAX_ALERTS_PER_RULE]
    facts = _facts(store, fresh)
    rows = []
    what = rule.when.describe()
    for pk in fresh:
        info = facts.get(pk, {"pk": pk})
        rows.append(_row(rule, keys[pk], f"{rule.name}: {what} ({_where(info)})", now, pk,
                         {"kind": "item", "message": info}))  # fmt: skip
    if left_out:
        log.warning("rule %s: %d more matches not alerted in this pass", rule.name, len(left_out))
        rows.append(_row(
            rule, _dedupe(rule.name, "more", f"m{left_out[0]}"),
            f"{rule.name}: {len(left_out)} more matching items were not listed "
            f"(at most {MAX_ALERTS_PER_RULE} alerts per rule and pass)", now, None,
            {"kind": "overflow", "left_out": len(left_out), "first_pk": left_out[0]},
        ))  # fmt: skip
    return _insert(store, rows)


def _threshold_alerts(store: Store, rule: Rule, pks: Sequence[int], now: datetime) -> list[Alert]:
    assert rule.threshold is not None
    clauses = _clauses(store, rule.when)
    if clauses is None:
        return []
    matches = _matching(store, clauses, pks)
    if not matches:
        return []
    m = schema.messages
    when = func.coalesce(m.c.date, m.c.ingested_at)
    span = timedelta(hours=rule.threshold.within_hours)
    seconds = span.total_seconds()
    with store.engine.connect() as conn:
        times = {
            int(pk): t
            for chunk in _chunks(matches)
            for pk, t in conn.execute(select(m.c.id, when).where(m.c.id.in_(chunk)))
        }
    # At most one alert per window of `within_hours` (windows counted from 1970-01-01 UTC),
    # when `count` matching items fall in the `within_hours` up to a new matching item.
    buckets: dict[int, tuple[datetime, int]] = {}
    for pk in sorted(times, key=lambda p: (times[p], p)):
        t = times[pk]
        if t is None:
            continue
        bucket = int((t - datetime(1970, 1, 1)).total_seconds() // seconds)
        # the latest new item of the window: the trailing count up to it is the largest
        buckets[bucket] = (t, pk)
    keys = {b: _dedupe(rule.name, f"w{b}") for b in buckets}
    done = _existing(store, list(keys.values()))
    rows = []
    for bucket, (t, pk) in sorted(buckets.items())[:MAX_ALERTS_PER_RULE]:
        if keys[bucket] in done:
            continue
        with store.engine.connect() as conn:
            count = int(
                conn.execute(
                    select(func.count()).select_from(m).where(when > t - span, when <= t, *clauses)
                ).scalar_one()
            )
        if count < rule.threshold.count:
            continue
        start = datetime(1970, 1, 1) + timedelta(seconds=bucket * seconds)
        info = _facts(store, [pk]).get(pk, {"pk": pk})
        rows.append(_row(
            rule, keys[bucket],
            f"{rule.name}: {count} items with {rule.when.describe()} within "
            f"{rule.threshold.within_hours:g} h (up to {t.isoformat(' ', 'minutes')} UTC)",
            now, pk,
            {"kind": "threshold", "count": count, "window_start": start.isoformat() + "Z",
             "last": t.isoformat() + "Z", "message": info},
        ))  # fmt: skip
    return _insert(store, rows)


def _days_of(store: Store, pks: Sequence[int]) -> list[date]:
    m = schema.messages
    days: set[date] = set()
    with store.engine.connect() as conn:
        for chunk in _chunks(pks):
            for value in conn.execute(
                select(m.c.date).where(m.c.id.in_(chunk), m.c.date.is_not(None))
            ).scalars():
                if 1900 <= value.year <= 2200:  # the years trends accept
                    days.add(value.date())
    return sorted(days)


def _spike_alerts(store: Store, rule: Rule, pks: Sequence[int], now: datetime) -> list[Alert]:
    spec = rule.when.spike
    assert spec is not None
    days = _days_of(store, pks)
    if not days:
        return []
    series = daily_series(
        store,
        by=cast(By, spec.by),
        since=days[0] - timedelta(days=spec.window),
        until=days[-1],
        top=spec.top,
        min_score=spec.min_score,
        keys=[spec.key] if spec.key else None,
    )
    touched = {d.isoformat() for d in days}
    rows = []
    for entry in series["series"]:
        for spike in spikes_in(
            series["days"], entry["counts"], key=entry["key"], name=entry["name"],
            window=spec.window, z=spec.z, min_count=spec.min_count,
        ):  # fmt: skip
            if spike.day not in touched:
                continue
            rows.append(_row(
                rule, _dedupe(rule.name, "spike", spike.key, spike.day),
                f"{rule.name}: spike in {spec.by} {spike.name} on {spike.day}: {spike.count} "
                f"items (baseline {spike.mean:.1f} ± {spike.std:.1f}, z {spike.z:.1f})",
                now, None, {"kind": "spike", "spike": spike.to_json(), "by": spec.by},
            ))  # fmt: skip
    keys = [r["dedupe_key"] for r in rows]
    done = _existing(store, keys)
    rows = [r for r in rows if r["dedupe_key"] not in done][:MAX_ALERTS_PER_RULE]
    return _insert(store, rows)


def evaluate_new(
    store: Store,
    message_pks: Iterable[int],
    rules: RuleSet | Sequence[Rule],
    *,
    now: datetime | None = None,
) -> list[Alert]:
    """Evaluate ``rules`` on the items ``message_pks`` (just stored) and insert the alerts
    they fire into the inbox; returns the alerts *added* (dedupe keys already present are
    skipped, so evaluating the same items twice adds nothing the second time).

    * an item rule fires once per matching item;
    * a threshold rule fires when ``count`` matching items (any, not only new ones) fall
      within ``within_hours`` before a new matching item, at most once per window;
    * a spike rule fires for each spike on a day that received new items.

    A rule that fails (a database error) is logged and skipped; the others still run.
    """
    at = _naive(now) if now is not None else _now()
    pks = sorted({int(pk) for pk in message_pks})
    if not pks:
        return []
    chosen = rules.rules if isinstance(rules, RuleSet) else tuple(rules)
    fired: list[Alert] = []
    for rule in chosen:
        if not rule.enabled:
            continue
        try:
            if rule.when.spike is not None:
                fired += _spike_alerts(store, rule, pks, at)
            elif rule.threshold is not None:
                fired += _threshold_alerts(store, rule, pks, at)
            else:
                fired += _item_alerts(store, rule, pks, at)
        except Exception:
            log.exception("alert rule %r failed; the other rules still ran", rule.name)
    return fired
