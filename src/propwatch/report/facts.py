"""New entities and payment signals of a brief, each with the items it comes from."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, func, or_, select

from propwatch.report.common import RefCache, chunks, endorsed_items
from propwatch.report.records import (
    LABEL_THRESHOLD,
    MAX_ITEMS_PER_FACT,
    BriefFilter,
    NewEntity,
    PaymentSignal,
)
from propwatch.store import schema

__all__ = [
    "CONTACT_SIGNALS",
    "FUNDRAISING_LABEL",
    "WALLET_SIGNALS",
    "collect_new_entities",
    "collect_payments",
]

#: New entities listed per type, and payment signals listed.
MAX_ENTITIES_PER_TYPE = 15
MAX_PAYMENTS = 100
WALLET_SIGNALS = ("btc_address", "eth_address", "tron_address", "xmr_address")
#: Contact signals that count as payment signals when their item carries ``fundraising``.
CONTACT_SIGNALS = ("phone", "email", "telegram_invite", "telegram_link", "telegram_handle")
FUNDRAISING_LABEL = "fundraising"

_ENTITY_ORDER = ("organization", "person", "media_outlet", "publication", "channel", "place")


def collect_new_entities(
    conn: Connection, window: list[ColumnElement[bool]], where: BriefFilter, refs: RefCache
) -> tuple[dict[str, list[NewEntity]], dict[str, int]]:
    """Entities first seen (anywhere in the store) within the window and mentioned in it."""
    e, em, m = schema.entities, schema.entity_mentions, schema.messages
    conditions: list[ColumnElement[bool]] = [e.c.mention_count > 0]
    if where.since is not None:
        conditions.append(e.c.first_seen >= where.since)
    if where.until is not None:
        conditions.append(e.c.first_seen < where.until)
    if window:
        conditions.append(
            select(em.c.id)
            .select_from(em.join(m, m.c.id == em.c.message_pk))
            .where(em.c.entity_id == e.c.id, *window)
            .exists()
        )
    totals = {
        str(t): int(n)
        for t, n in conn.execute(
            select(e.c.type, func.count()).where(*conditions).group_by(e.c.type)
        )
    }
    types = [t for t in _ENTITY_ORDER if t in totals] + sorted(set(totals) - set(_ENTITY_ORDER))
    listed: dict[str, list[Any]] = {}
    for etype in types:
        listed[etype] = list(
            conn.execute(
                select(e)
                .where(*conditions, e.c.type == etype)
                .order_by(e.c.mention_count.desc(), e.c.first_seen.asc().nulls_last(), e.c.id)
                .limit(MAX_ENTITIES_PER_TYPE)
            ).all()
        )
    ids = [int(row.id) for rows in listed.values() for row in rows]
    first: dict[int, tuple[int, str | None]] = {}
    mentions: dict[int, int] = {}
    if ids:
        pairs = (
            select(
                em.c.entity_id, em.c.message_pk, em.c.text,
                func.row_number().over(
                    partition_by=em.c.entity_id,
                    order_by=(m.c.date.asc().nulls_last(), em.c.message_pk, em.c.start),
                ).label("rank"),
            )
            .select_from(em.join(m, m.c.id == em.c.message_pk))
            .where(em.c.entity_id.in_(ids), *window)
            .subquery()
        )  # fmt: skip
        for row in conn.execute(select(pairs).where(pairs.c.rank == 1)):
            first[int(row.entity_id)] = (int(row.message_pk), row.text)
        mentions = {
            int(pk): int(n)
            for pk, n in conn.execute(
                select(em.c.entity_id, func.count())
                .select_from(em.join(m, m.c.id == em.c.message_pk))
                .where(em.c.entity_id.in_(ids), *window)
                .group_by(em.c.entity_id)
            )
        }
    refs.get(pk for pk, _ in first.values())
    out: dict[str, list[NewEntity]] = {}
    for etype, rows in listed.items():
        out[etype] = []
        for row in rows:
            pk, text = first.get(int(row.id), (None, None))
            aliases = [a for a in (row.aliases or []) if isinstance(a, str) and a != row.name]
            out[etype].append(
                NewEntity(
                    int(row.id), row.key, row.type, row.name, aliases[:6], row.first_seen,
                    mentions.get(int(row.id), 0), refs.one(pk) if pk is not None else None,
                    text if isinstance(text, str) else None,
                )
            )  # fmt: skip
    return out, totals


#: Signal rows read at most (wallets are rare; contacts only count in fundraising items).
_MAX_SIGNAL_ROWS = 20_000


def collect_payments(
    conn: Connection, window: list[ColumnElement[bool]], refs: RefCache
) -> tuple[list[PaymentSignal], int]:
    """Wallet addresses anywhere, and contacts in items carrying ``fundraising``, grouped by
    value with their items (the listed signals and how many there were)."""
    m, a = schema.messages, schema.annotations
    f = schema.annotations.alias("f")
    fundraising = (
        select(f.c.id)
        .where(
            f.c.message_pk == a.c.message_pk,
            f.c.kind == "detection",
            f.c.label == FUNDRAISING_LABEL,
            f.c.score >= LABEL_THRESHOLD,
        )
        .exists()
    )
    written = func.substr(m.c.text, a.c.start + 1, a.c.end - a.c.start)
    rows = conn.execute(
        select(a.c.message_pk, a.c.label, a.c.data, m.c.date, written.label("written"))
        .select_from(a.join(m, m.c.id == a.c.message_pk))
        .where(
            *window,
            a.c.kind == "signal",
            or_(
                a.c.label.in_(WALLET_SIGNALS),
                and_(a.c.label.in_(CONTACT_SIGNALS), fundraising),
            ),
        )
        .order_by(m.c.date.asc().nulls_last(), a.c.message_pk)
        .limit(_MAX_SIGNAL_ROWS)
    ).all()
    endorsed = {
        int(pk)
        for chunk in chunks(sorted({int(r.message_pk) for r in rows}))
        for pk in conn.execute(
            endorsed_items().where(schema.annotations.c.message_pk.in_(list(chunk)))
        ).scalars()
    }
    groups: dict[tuple[str, str], PaymentSignal] = {}
    group_items: dict[tuple[str, str], dict[int, None]] = {}
    for row in rows:
        data = row.data if isinstance(row.data, dict) else {}
        value = data.get("value")
        if not isinstance(value, str) or not value:
            continue
        key = (str(row.label), value)
        signal = groups.get(key)
        if signal is None:
            network = data.get("network")
            signal = groups[key] = PaymentSignal(
                type=str(row.label),
                value=value[:300],
                network=network if isinstance(network, str) else None,
                reason="wallet" if row.label in WALLET_SIGNALS else "contact in a fundraising item",
                item_count=0,
                propaganda_items=0,
                first=row.date,
                last=row.date,
                as_written=row.written if isinstance(row.written, str) else None,
            )
            group_items[key] = {}
        pk = int(row.message_pk)
        if pk not in group_items[key]:
            group_items[key][pk] = None
            signal.item_count += 1
            signal.propaganda_items += pk in endorsed
        if row.date is not None:
            signal.first = row.date if signal.first is None else min(signal.first, row.date)
            signal.last = row.date if signal.last is None else max(signal.last, row.date)
    ordered = sorted(
        groups.items(),
        key=lambda kv: (kv[1].reason != "wallet", -kv[1].item_count, kv[1].type, kv[1].value),
    )
    out: list[PaymentSignal] = []
    for key, signal in ordered[:MAX_PAYMENTS]:
        signal.items = refs.get(list(group_items[key])[:MAX_ITEMS_PER_FACT])
        out.append(signal)
    return out, len(groups)
