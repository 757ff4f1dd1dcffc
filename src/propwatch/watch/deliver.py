"""Deliver alerts: the inbox (the ``alerts`` table), the log, a signed webhook.

* **inbox**: :func:`~propwatch.watch.rules.evaluate_new` already inserted the alert; an alert
  whose rule does not deliver to the inbox is stored ``closed`` (it is kept for
  de-duplication). :func:`list_alerts`, :func:`get_alert`, :func:`set_status` read and
  update the inbox.
* **log**: one line per alert on the Python logger ``propwatch.alerts`` (level WARNING).
* **webhook**: an HTTP POST of the alert as JSON, signed:
  ``X-Propwatch-Signature: sha256=<hex HMAC-SHA256 of the body with the secret>`` and
  ``X-Propwatch-Timestamp: <unix seconds>`` (the body carries the same ``timestamp``, so it
  is covered by the signature). The secret comes from the environment variable named by the
  rules file's ``webhook.secret_env``. Up to ``tries`` attempts (default 3) with exponential
  backoff (0.5 s, 1 s, ...) on network errors, timeouts, 408, 429 and 5xx; other answers
  (4xx, redirects) are final. No redirects are followed.

The outcome of each channel is recorded in ``alerts.delivered``:
``{"inbox": true, "log": true, "webhook": "ok" | "failed: ..."}``.
:class:`Dispatcher` delivers in a background thread so that a slow or failing endpoint
never blocks ingest.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import queue
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from typing import Any, Final

from sqlalchemy import func, select, update

from propwatch import __version__
from propwatch.store import Store, schema
from propwatch.watch.rules import Alert, RuleSet, Webhook

__all__ = [
    "ALERT_STATUSES",
    "SIGNATURE_HEADER",
    "TIMESTAMP_HEADER",
    "Dispatcher",
    "deliver_alerts",
    "get_alert",
    "list_alerts",
    "post_webhook",
    "set_status",
    "sign",
    "verify_signature",
    "webhook_payload",
]

logger = logging.getLogger("propwatch.alerts")

ALERT_STATUSES: Final = ("new", "seen", "closed")
SIGNATURE_HEADER: Final = "X-Propwatch-Signature"
TIMESTAMP_HEADER: Final = "X-Propwatch-Timestamp"
#: First pause between webhook attempts, seconds (doubled after each failure).
BACKOFF: Final = 0.5
_RETRY_STATUS: Final = frozenset({408, 425, 429, 500, 502, 503, 504})


# --------------------------------------------------------------------------- the inbox


def _alert_select() -> Any:
    return select(schema.alerts)


def list_alerts(
    store: Store,
    *,
    status: str | None = None,
    rule: str | None = None,
    severity: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[int, list[Alert]]:
    """``(total, page)`` of alerts, newest first, optionally by status, rule, severity."""
    al = schema.alerts
    where = []
    if status:
        where.append(al.c.status == status)
    if rule:
        where.append(al.c.rule == rule)
    if severity:
        where.append(al.c.severity == severity)
    limit = max(1, min(int(limit), 500))
    offset = max(0, int(offset))
    with store.engine.connect() as conn:
        total = int(conn.execute(select(func.count()).select_from(al).where(*where)).scalar_one())
        rows = conn.execute(
            _alert_select()
            .where(*where)
            .order_by(al.c.at.desc(), al.c.id.desc())
            .limit(limit)
            .offset(offset)
        ).all()
    return total, [Alert.from_row(r) for r in rows]


def get_alert(store: Store, alert_id: int) -> Alert | None:
    """One alert, or ``None``."""
    al = schema.alerts
    with store.engine.connect() as conn:
        row = conn.execute(_alert_select().where(al.c.id == int(alert_id))).first()
    return Alert.from_row(row) if row is not None else None


def set_status(store: Store, alert_id: int, status: str) -> Alert | None:
    """Mark an alert ``new``, ``seen`` or ``closed``; ``None`` if there is no such alert.
    Raises ``ValueError`` for another status."""
    if status not in ALERT_STATUSES:
        raise ValueError(f"status must be one of {', '.join(ALERT_STATUSES)} (got {status!r})")
    al = schema.alerts
    with store.engine.begin() as conn:
        conn.execute(update(al).where(al.c.id == int(alert_id)).values(status=status))
    return get_alert(store, alert_id)


def _record(store: Store, alert: Alert, outcome: dict[str, Any]) -> None:
    """Merge ``outcome`` into ``alerts.delivered``."""
    al = schema.alerts
    merged = {**(alert.delivered or {}), **outcome}
    alert.delivered = merged
    with store.engine.begin() as conn:
        conn.execute(update(al).where(al.c.id == alert.id).values(delivered=merged))


# --------------------------------------------------------------------------- the webhook


def sign(body: bytes, secret: str) -> str:
    """The signature header value: ``sha256=`` + hex HMAC-SHA256 of ``body``."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def verify_signature(body: bytes, secret: str, header: str | None) -> bool:
    """What a receiver checks (constant-time comparison)."""
    return bool(header) and hmac.compare_digest(sign(body, secret), str(header))


def webhook_payload(alert: Alert, timestamp: int) -> bytes:
    """The JSON body sent for ``alert`` (UTF-8, compact, keys sorted)."""
    body = {
        "event": "alert",
        "timestamp": timestamp,
        "propwatch": __version__,
        "alert": alert.to_json(),
    }
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *_args: Any, **_kwargs: Any) -> None:
        return None  # the 3xx answer becomes an HTTPError: a final failure


_OPENER = urllib.request.build_opener(_NoRedirect())


def post_webhook(
    webhook: Webhook,
    alert: Alert,
    secret: str,
    *,
    backoff: float = BACKOFF,
    sleep: Callable[[float], None] = time.sleep,
) -> str:
    """POST ``alert`` to the webhook; ``"ok"`` or ``"failed: <why>"`` (never raises)."""
    why = "not sent"
    tries = max(1, webhook.tries)
    for attempt in range(1, tries + 1):
        stamp = int(time.time())
        body = webhook_payload(alert, stamp)
        request = urllib.request.Request(
            webhook.url,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "User-Agent": f"propwatch/{__version__}",
                SIGNATURE_HEADER: sign(body, secret),
                TIMESTAMP_HEADER: str(stamp),
            },
        )
        retry = True
        try:
            with _OPENER.open(request, timeout=webhook.timeout) as answer:
                answer.read(4096)
                return "ok"
        except urllib.error.HTTPError as exc:
            why = f"HTTP {exc.code}"
            retry = exc.code in _RETRY_STATUS
            exc.close()
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            why = f"{type(reason).__name__}: {reason}"[:200]
        except Exception as exc:  # a malformed URL or answer: final
            why = f"{type(exc).__name__}: {exc}"[:200]
            retry = False
        if not retry:
            return f"failed: {why}"
        if attempt < tries:
            sleep(backoff * 2 ** (attempt - 1))
    return f"failed: {why} after {tries} tries"


# --------------------------------------------------------------------------- delivery


def deliver_alerts(
    store: Store,
    alerts: Sequence[Alert],
    ruleset: RuleSet,
    *,
    backoff: float = BACKOFF,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Deliver ``alerts`` now (in this thread) to the log and webhook their rules name, and
    record the outcome in ``alerts.delivered``. Never raises for a failed delivery."""
    for alert in alerts:
        rule = ruleset.rule(alert.rule)
        channels = rule.deliver if rule is not None else ("inbox", "log")
        outcome: dict[str, Any] = {}
        if "log" in channels:
            logger.warning(
                "ALERT [%s] %s (alert %d, %s)", alert.severity, alert.title, alert.id, alert.rule
            )
            outcome["log"] = True
        if "webhook" in channels:
            outcome["webhook"] = _webhook(ruleset.webhook, alert, backoff, sleep)
            if outcome["webhook"] != "ok":
                logging.getLogger("propwatch.watch").warning(
                    "webhook delivery of alert %d %s", alert.id, outcome["webhook"]
                )
        if outcome:
            try:
                _record(store, alert, outcome)
            except Exception:
                logging.getLogger("propwatch.watch").exception(
                    "could not record the delivery of alert %d", alert.id
                )


def _webhook(
    webhook: Webhook | None, alert: Alert, backoff: float, sleep: Callable[[float], None]
) -> str:
    if webhook is None:
        return "failed: the rules file has no webhook section"
    secret = os.environ.get(webhook.secret_env, "")
    if not secret:
        return f"failed: the environment variable {webhook.secret_env} (the secret) is not set"
    return post_webhook(webhook, alert, secret, backoff=backoff, sleep=sleep)


class Dispatcher:
    """Delivers alerts in a background thread, in order; :meth:`close` waits for the queue.

    ``submit`` never blocks on the network, so a failing webhook (three tries with backoff)
    never holds up ingest."""

    _STOP = object()

    def __init__(self, store: Store, ruleset: RuleSet, *, backoff: float = BACKOFF) -> None:
        self.store, self.ruleset, self.backoff = store, ruleset, backoff
        self._queue: queue.Queue[Any] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="propwatch-alerts", daemon=True)
        self._thread.start()

    def submit(self, alerts: Sequence[Alert]) -> None:
        if alerts:
            self._queue.put(list(alerts))

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            try:
                if item is self._STOP:
                    return
                deliver_alerts(self.store, item, self.ruleset, backoff=self.backoff)
            except Exception:
                logging.getLogger("propwatch.watch").exception("alert delivery failed")
            finally:
                self._queue.task_done()

    def join(self) -> None:
        """Wait until everything submitted so far is delivered."""
        self._queue.join()

    def close(self, timeout: float | None = 60.0) -> None:
        """Deliver what is queued (waiting at most ``timeout`` seconds), then stop."""
        self._queue.put(self._STOP)
        self._thread.join(timeout)
