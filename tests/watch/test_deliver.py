"""Delivery: the signed webhook (verified by a local receiver), retries, failures recorded,
the log line, the inbox, and a background dispatcher that never blocks."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from tests.conftest import analysed, make_item

from propwatch.store import Store
from propwatch.watch.deliver import (
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    Dispatcher,
    deliver_alerts,
    get_alert,
    list_alerts,
    set_status,
    verify_signature,
)
from propwatch.watch.rules import Alert, RuleSet, evaluate_new, parse_rules

SECRET = "s3cret-for-tests"
GENESIS = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"


class Receiver:
    """A tiny webhook endpoint on 127.0.0.1 answering the given statuses in turn."""

    def __init__(self, statuses: list[int], delay: float = 0.0) -> None:
        self.statuses, self.delay = list(statuses), delay
        self.requests: list[tuple[dict[str, str], bytes]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                receiver.requests.append((dict(self.headers.items()), body))
                time.sleep(receiver.delay)
                status = receiver.statuses.pop(0) if len(receiver.statuses) > 1 else (
                    receiver.statuses[0])  # fmt: skip
                self.send_response(status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *_args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook?token=abc"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver_factory() -> Iterator[Any]:
    made: list[Receiver] = []

    def make(statuses: list[int], delay: float = 0.0) -> Receiver:
        made.append(Receiver(statuses, delay))
        return made[-1]

    yield make
    for receiver in made:
        receiver.close()


def ruleset(url: str, deliver: str = "[inbox, webhook, log]", tries: int = 3) -> RuleSet:
    return parse_rules(
        f"webhook: {{url: '{url}', secret_env: PW_TEST_SECRET, timeout: 2, tries: {tries}}}\n"
        f"rules:\n  - {{name: wallets, when: {{wallet: any}}, severity: high, "
        f"deliver: {deliver}}}\n"
    )


def fire(store: Store, rules: RuleSet) -> list[Alert]:
    store.write(analysed(make_item(f"The post asked for donations to {GENESIS}, analysts said.")))
    alerts = evaluate_new(store, [1], rules)
    assert len(alerts) == 1
    return alerts


def test_the_webhook_body_is_signed_with_the_secret(
    store: Store, receiver_factory: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PW_TEST_SECRET", SECRET)
    receiver = receiver_factory([200])
    rules = ruleset(receiver.url)
    alerts = fire(store, rules)
    deliver_alerts(store, alerts, rules, backoff=0.01)
    (headers, body), = receiver.requests  # fmt: skip
    expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    assert headers[SIGNATURE_HEADER] == expected
    assert verify_signature(body, SECRET, headers[SIGNATURE_HEADER])
    assert not verify_signature(body + b" ", SECRET, headers[SIGNATURE_HEADER])
    assert not verify_signature(body, "another secret", headers[SIGNATURE_HEADER])
    payload = json.loads(body)
    assert str(payload["timestamp"]) == headers[TIMESTAMP_HEADER]
    assert payload["alert"]["rule"] == "wallets" and payload["alert"]["severity"] == "high"
    assert GENESIS in payload["alert"]["detail"]["message"]["excerpt"]
    stored = get_alert(store, alerts[0].id)
    assert stored is not None and stored.delivered == {"inbox": True, "log": True, "webhook": "ok"}
    # The API shows where alerts go, but not the URL's path and token.
    assert rules.to_json()["webhook"]["url"].endswith("/...")
    assert "abc" not in json.dumps(rules.to_json())


def test_a_500_is_retried_then_succeeds(
    store: Store, receiver_factory: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PW_TEST_SECRET", SECRET)
    receiver = receiver_factory([500, 503, 200])
    rules = ruleset(receiver.url, "[webhook]")
    alerts = fire(store, rules)
    deliver_alerts(store, alerts, rules, backoff=0.01)
    assert len(receiver.requests) == 3
    stored = get_alert(store, alerts[0].id)
    assert stored is not None and stored.delivered == {"inbox": False, "webhook": "ok"}


def test_a_failing_endpoint_is_tried_three_times_and_recorded(
    store: Store, receiver_factory: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PW_TEST_SECRET", SECRET)
    receiver = receiver_factory([500])
    rules = ruleset(receiver.url, "[inbox, webhook]")
    alerts = fire(store, rules)
    pauses: list[float] = []
    deliver_alerts(store, alerts, rules, backoff=0.5, sleep=pauses.append)
    assert len(receiver.requests) == 3 and pauses == [0.5, 1.0]  # exponential backoff
    stored = get_alert(store, alerts[0].id)
    assert stored is not None
    assert stored.delivered == {"inbox": True, "webhook": "failed: HTTP 500 after 3 tries"}
    forbidden = receiver_factory([403])  # a refusal is final: no retry
    deliver_alerts(store, alerts, ruleset(forbidden.url), backoff=0.01)
    assert len(forbidden.requests) == 1
    stored = get_alert(store, alerts[0].id)
    assert stored is not None and stored.delivered is not None
    assert stored.delivered["webhook"] == "failed: HTTP 403"


def test_no_secret_no_request(
    store: Store, receiver_factory: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PW_TEST_SECRET", raising=False)
    receiver = receiver_factory([200])
    rules = ruleset(receiver.url)
    alerts = fire(store, rules)
    deliver_alerts(store, alerts, rules)
    assert receiver.requests == []
    stored = get_alert(store, alerts[0].id)
    assert stored is not None and "PW_TEST_SECRET" in stored.delivered["webhook"]  # type: ignore[index]


def test_an_unreachable_endpoint_fails_after_retries(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PW_TEST_SECRET", SECRET)
    rules = ruleset("http://127.0.0.1:9/nothing-listens-here", "[webhook]", tries=2)
    alerts = fire(store, rules)
    deliver_alerts(store, alerts, rules, backoff=0.01)
    stored = get_alert(store, alerts[0].id)
    assert stored is not None
    assert stored.delivered["webhook"].startswith("failed: ")  # type: ignore[index]
    assert stored.delivered["webhook"].endswith("after 2 tries")  # type: ignore[index]


def test_one_log_line_per_alert(store: Store, caplog: pytest.LogCaptureFixture) -> None:
    rules = parse_rules("- {name: wallets, when: {wallet: any}, deliver: [inbox, log]}")
    alerts = fire(store, rules)
    with caplog.at_level(logging.INFO, logger="propwatch.alerts"):
        deliver_alerts(store, alerts, rules)
    lines = [r.getMessage() for r in caplog.records if r.name == "propwatch.alerts"]
    assert len(lines) == 1 and lines[0].startswith("ALERT [medium] wallets: a wallet")
    assert get_alert(store, alerts[0].id).delivered == {"inbox": True, "log": True}  # type: ignore[union-attr]


def test_the_dispatcher_does_not_block_on_a_slow_failing_endpoint(
    store: Store, receiver_factory: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PW_TEST_SECRET", SECRET)
    receiver = receiver_factory([500], delay=0.3)
    rules = ruleset(receiver.url, "[inbox, webhook]")
    alerts = fire(store, rules)
    dispatcher = Dispatcher(store, rules, backoff=0.01)
    started = time.monotonic()
    dispatcher.submit(alerts)
    assert time.monotonic() - started < 0.2
    dispatcher.close()
    assert len(receiver.requests) == 3
    stored = get_alert(store, alerts[0].id)
    assert stored is not None and stored.delivered["webhook"].startswith("failed: HTTP 500")  # type: ignore[index]


def test_inbox_listing_and_status(store: Store) -> None:
    rules = parse_rules("- {name: wallets, when: {wallet: any}}")
    (alert,) = fire(store, rules)
    total, page = list_alerts(store, status="new")
    assert total == 1 and page[0].id == alert.id
    changed = set_status(store, alert.id, "seen")
    assert changed is not None and changed.status == "seen"
    assert list_alerts(store, status="new")[0] == 0
    assert set_status(store, 999, "seen") is None
    with pytest.raises(ValueError, match="status must be"):
        set_status(store, alert.id, "deleted")
