"""Alert rules: what fires on which item, de-duplication, thresholds, spikes, and a rules
file's mistakes reported with FILE:LINE."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from tests.conftest import analysed, make_item

from propwatch.store import Store, schema
from propwatch.watch.rules import (
    AlertRulesError,
    check_rules,
    evaluate_new,
    load_rules,
    parse_rules,
)

GENESIS = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"  # the Bitcoin genesis-block address (public)
DAY = datetime(2024, 5, 1, 1, 0, tzinfo=UTC)

ITEMS = {
    "shia": ("Researchers reported that the channel called Shia Muslims rawafidh and donkeys "
             "of the Jews.", "telegram:10"),
    "kerman": ("Islamic State claimed the Kerman bombings through Amaq, the channel said.",
               "telegram:10"),
    "xuroson": ("Xuroson Ovozi kanali yangi xabar tarqatdi.", "telegram:10"),
    "wallet": (f"The post asked for donations to {GENESIS}, analysts said.", "telegram:10"),
    "weather": ("Weather in Dushanbe is sunny today.", "telegram:20"),
}  # fmt: skip

RULES = """
rules:
  - name: anti-shia
    when: {label: anti_shia, min_score: 0.8}
    severity: high
  - name: kerman
    when: {entity: Кирмон}
  - name: khorasan
    when: {term: Хуросон}
  - name: chat
    when: {channel: Dushanbe Chat}
  - name: wallets
    when: {wallet: any}
  - name: genesis
    when: {wallet: 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa}
  - name: switched-off
    enabled: false
    when: {language: en}
"""


def store_items(store: Store) -> dict[str, int]:
    items = []
    for i, (key, (text, channel)) in enumerate(ITEMS.items()):
        name = "Dushanbe Chat" if channel == "telegram:20" else "Monitor"
        items.append(make_item(text, key, channel, name=name, date=DAY + timedelta(minutes=i)))
    store.write(analysed(*items))
    m = schema.messages
    with store.engine.connect() as conn:
        return {str(mid): int(pk) for pk, mid in conn.execute(select(m.c.id, m.c.message_id))}


def alert_count(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(schema.alerts)).scalar_one())


def test_each_kind_of_rule_fires_on_its_item_only(store: Store) -> None:
    pks = store_items(store)
    fired = evaluate_new(store, pks.values(), parse_rules(RULES))
    by_rule: dict[str, set[str]] = {}
    names = {pk: mid for mid, pk in pks.items()}
    for alert in fired:
        assert alert.message_pk is not None
        by_rule.setdefault(alert.rule, set()).add(names[alert.message_pk])
    assert by_rule == {
        "anti-shia": {"shia"},
        "kerman": {"kerman"},  # the gazetteer alias in Tajik Cyrillic finds the entity
        "khorasan": {"xuroson"},  # a Cyrillic term matches the Latin-script item
        "chat": {"weather"},
        "wallets": {"wallet"},
        "genesis": {"wallet"},
    }
    shia = next(a for a in fired if a.rule == "anti-shia")
    assert shia.severity == "high" and shia.status == "new"
    assert shia.detail["message"]["channel"] == "telegram:10"
    assert "label anti_shia >= 0.8" in shia.title


def test_evaluating_twice_adds_no_alert(store: Store) -> None:
    pks = list(store_items(store).values())
    rules = parse_rules(RULES)
    first = evaluate_new(store, pks, rules)
    assert len(first) == 6 and alert_count(store) == 6
    assert evaluate_new(store, pks, rules) == []
    assert evaluate_new(store, pks[:2], rules) == []
    assert alert_count(store) == 6


def test_a_rule_not_delivered_to_the_inbox_is_kept_closed(store: Store) -> None:
    pks = store_items(store)
    rules = parse_rules("- {name: quiet, when: {wallet: any}, deliver: [log]}")
    (alert,) = evaluate_new(store, [pks["wallet"]], rules)
    assert alert.status == "closed"


def test_threshold_fires_once_per_window_as_items_arrive(store: Store) -> None:
    rules = parse_rules(
        "- name: burst\n"
        "  when: {channel: 'telegram:30', language: en}\n"
        "  threshold: {count: 3, within_hours: 24}\n"
    )
    fired = []
    for i in range(5):
        item = make_item(f"Agency report number {i} on the situation in the region.", f"b{i}",
                         "telegram:30", date=DAY + timedelta(hours=i))  # fmt: skip
        store.write(analysed(item))
        with store.engine.connect() as conn:
            pk = conn.execute(select(func.max(schema.messages.c.id))).scalar_one()
        fired.append(evaluate_new(store, [pk], rules))
    assert [len(f) for f in fired] == [0, 0, 1, 0, 0]
    alert = fired[2][0]
    assert alert.detail["count"] == 3 and "3 items" in alert.title


def test_spike_rule_fires_for_the_day_of_the_new_items(store: Store) -> None:
    quiet = [
        make_item(
            f"Agency report on day {i} about the region.",
            f"q{i}",
            "telegram:40",
            date=DAY + timedelta(days=i),
        )
        for i in range(8)
    ]
    store.write(analysed(*quiet))
    burst = [
        make_item(
            f"Agency report {j} about the attack in the region.",
            f"s{j}",
            "telegram:40",
            date=DAY + timedelta(days=8, minutes=j),
        )
        for j in range(7)
    ]
    store.write(analysed(*burst))
    m = schema.messages
    with store.engine.connect() as conn:
        rows = dict(conn.execute(select(m.c.message_id, m.c.id)).all())
    rules = parse_rules("- {name: surge, when: {spike: {by: channel, window: 7, min_count: 5}}}")
    assert evaluate_new(store, [rows["q7"]], rules) == []
    fired = evaluate_new(store, [rows[f"s{j}"] for j in range(7)], rules)
    assert len(fired) == 1
    assert fired[0].dedupe_key == "surge|spike|telegram:40|2024-05-09"
    assert fired[0].detail["spike"]["count"] == 7
    assert evaluate_new(store, [rows["s0"]], rules) == []


BROKEN = """\
webhook:
  url: ftp://example.org/hook
  secret_env: PW_SECRET
  secret: hunter2
rules:
  - name: one
    when: {labl: anti_shia}
  - name: two
    when: {label: anti_shia}
  - name: three
    when: {wallet: 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb}
    severity: urgent
  - name: two
    when: {term: "x"}
  - name: five
    when: {spike: {by: label}, label: anti_shia}
    threshold: {count: 0, within_hours: 2}
  - name: off
    when: {term: "x"}
"""


def test_an_invalid_rules_file_names_each_line(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(AlertRulesError) as info:
        load_rules(path)
    text = str(info.value)
    assert f"{path}:2: webhook: 'url' must start with http:// or https://" in text
    assert f"{path}:4: webhook: unknown field 'secret' (secrets never go in the rules file" in text
    assert f"{path}:7: rule 1 ('one') when: unknown field 'labl' (did you mean 'label'?)" in text
    assert f"{path}:11:" in text and "checksum holds" in text
    assert f"{path}:12:" in text and "'severity' must be one of low, medium, high" in text
    assert f"{path}:13: rule 4: the name 'two' is already used by the rule at line 8" in text
    assert f"{path}:16:" in text and "'spike' cannot be combined with label" in text
    assert f"{path}:17:" in text and "'count' must be between 1 and 100000" in text
    assert f"{path}:18: rule 6: 'name' must be text (got false; YAML reads" in text
    problems, warnings = check_rules(path)
    assert len(problems) == len(info.value.problems) == 10 and warnings == []


def test_yaml_syntax_errors_and_warnings(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("rules:\n  - name: a\n    when: {label: [x\n", encoding="utf-8")
    problems, _ = check_rules(path)
    assert problems and problems[0].line is not None and "YAML syntax error" in str(problems[0])
    ok = tmp_path / "ok.yaml"
    ok.write_text("rules:\n  - name: a\n    when: {label: anti_shiaa}\n", encoding="utf-8")
    problems, warnings = check_rules(ok)
    assert problems == []
    assert [str(w) for w in warnings] == [
        f"{ok}:3: rule 1 ('a') when: label 'anti_shiaa' is not in the built-in taxonomy "
        "(did you mean 'anti_shia'?)"
    ]
    missing = tmp_path / "webhook.yaml"
    missing.write_text("- {name: a, when: {wallet: any}, deliver: [webhook]}\n", encoding="utf-8")
    problems, _ = check_rules(missing)
    assert "no 'webhook: {url, secret_env}' section" in str(problems[0])
