"""``propwatch entities`` and ``propwatch events``: the stored knowledge graph, filtered."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import click
from rich.console import Console
from rich.markup import escape

from propwatch.cli.common import db_option, echo_json, parse_when, run_safely
from propwatch.errors import UsageError
from propwatch.extract.model import ENTITY_TYPES, EVENT_TYPES
from propwatch.graph.model import GraphEntity, GraphEvent, GraphRelation
from propwatch.store import Store, open_store
from propwatch.store.graph_queries import (
    EntityMention,
    MessageRef,
    count_entities,
    count_events,
    entity_mentions,
    entity_relations,
    get_entity,
    list_entities,
    list_events,
    message_refs,
)
from propwatch.store.graph_writer import max_figure

__all__ = ["entities_command", "entity_json", "event_json", "events_command"]

#: Message references printed per entity with --json.
_REFS_PER_ENTITY = 10
_ALIASES_SHOWN = 3


def _day(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d") if value else "-"


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def entity_json(entity: GraphEntity, refs: dict[int, MessageRef]) -> dict[str, Any]:
    """The JSON of one entity, with references to (a sample of) its messages."""
    return {
        "id": entity.id,
        "key": entity.key,
        "type": entity.type,
        "name": entity.name,
        "gazetteer_id": entity.gazetteer_id,
        "aliases": entity.aliases,
        "attributes": entity.attributes,
        "mention_count": entity.mention_count,
        "first_seen": _iso(entity.first_seen),
        "last_seen": _iso(entity.last_seen),
        "messages": [
            refs[pk].to_json() for pk in entity.message_pks[:_REFS_PER_ENTITY] if pk in refs
        ],
    }


def event_json(event: GraphEvent, ref: MessageRef | None) -> dict[str, Any]:
    """The JSON of one event: every field extraction gave, its id and its message."""
    out = dict(event.data)
    out.update(
        id=event.id,
        message=ref.to_json() if ref else {"pk": event.message_pk},
        type=event.type,
        date=event.date,
        date_text=event.date_text,
        place=event.place,
        country=event.country,
        killed_max=max_figure(event.data.get("killed")),
        injured_max=max_figure(event.data.get("injured")),
    )
    return out


def _relation_json(rel: GraphRelation, refs: dict[int, MessageRef]) -> dict[str, Any]:
    ref = refs.get(rel.message_pk) if rel.message_pk is not None else None
    return {
        "id": rel.id,
        "type": rel.type,
        "source": rel.source,
        "target": rel.target,
        "source_entity_id": rel.source_entity_id,
        "target_entity_id": rel.target_entity_id,
        "basis": rel.basis,
        "evidence": rel.evidence,
        "message": ref.to_json() if ref else None,
    }


def _where(ref: MessageRef | None) -> str:
    if ref is None:
        return "-"
    return f"{ref.channel_name or ref.channel} #{ref.message_id}"


def _print_entities(total: int, found: list[GraphEntity], offset: int) -> None:
    """One record per entity (a grid squeezes mixed-script names on 80-column terminals)."""
    console = Console(highlight=False)
    console.print(f"[bold]{total}[/] entit{'y' if total == 1 else 'ies'}; showing {len(found)}"
                  + (f" from #{offset + 1}" if offset else ""), markup=True)  # fmt: skip
    for e in found:
        gazetteer = f" · gazetteer {escape(e.gazetteer_id)}" if e.gazetteer_id else ""
        console.print(
            f"[bold]{e.id:>5}[/]  [cyan]{escape(e.name)}[/] [dim]{e.type}[/] · "
            f"{e.mention_count} mention(s) · {_day(e.first_seen)} .. {_day(e.last_seen)}"
            f"{gazetteer}",
            markup=True,
        )
        aliases = [a for a in e.aliases if a != e.name]
        if aliases:
            more = len(aliases) - _ALIASES_SHOWN
            shown = ", ".join(aliases[:_ALIASES_SHOWN]) + (f" (+{more})" if more > 0 else "")
            console.print(f"       [dim]also:[/] {escape(shown)}", markup=True)


def _show_entity(store: Store, id_or_key: str, limit: int, offset: int, as_json: bool) -> None:
    entity = get_entity(store, id_or_key)
    if entity is None:
        raise UsageError(
            f"no entity {id_or_key!r} in the database",
            hint="List entities with `propwatch entities` and use an id or key it prints.",
        )
    mentions = entity_mentions(store, entity.id, limit=limit, offset=offset)
    relations = entity_relations(store, entity.id, limit=limit)
    refs = message_refs(
        store,
        [*entity.message_pks, *(r.message_pk for r in relations if r.message_pk is not None)],
    )
    if as_json:
        echo_json(
            {
                "entity": entity_json(entity, refs),
                "total": entity.mention_count,
                "mentions": [m.to_json() for m in mentions],
                "relations": [_relation_json(r, refs) for r in relations],
            }
        )
        return
    _print_entity(entity, mentions, relations, refs)


def _print_entity(
    entity: GraphEntity,
    mentions: list[EntityMention],
    relations: list[GraphRelation],
    refs: dict[int, MessageRef],
) -> None:
    console = Console(highlight=False)
    console.print(
        f"[bold]{escape(entity.name)}[/] [dim]{entity.type} · id {entity.id} · "
        f"{escape(entity.key)}[/]",
        markup=True,
    )
    if entity.gazetteer_id:
        console.print(f"  gazetteer: {escape(entity.gazetteer_id)}")
    console.print(
        f"  {entity.mention_count} mention(s), "
        f"{_day(entity.first_seen)} .. {_day(entity.last_seen)}"
    )
    if entity.aliases:
        console.print("  aliases: " + escape(", ".join(entity.aliases)))
    for mention in mentions:
        console.print(
            f"  [cyan]{escape(_where(mention.message))}[/] {_day(mention.message.date)}  "
            f"{escape(mention.text or '')} [dim]@{mention.start}-{mention.end}[/]",
            markup=True,
        )
    for rel in relations:
        ref = refs.get(rel.message_pk) if rel.message_pk is not None else None
        console.print(
            f"  {escape(rel.source)} [bold]{rel.type}[/] {escape(rel.target)} "
            f"[dim]({rel.basis}; {escape(_where(ref))})[/]",
            markup=True,
        )


@click.command("entities")
@click.argument("entity", required=False, metavar="[ID|KEY]")
@db_option
@click.option(
    "--type",
    "entity_type",
    type=click.Choice(ENTITY_TYPES, case_sensitive=False),
    help="Only entities of this type.",
)
@click.option("--name", help="Name or alias contains this (any script: Cyrillic finds Latin).")
@click.option("--channel", help="Only entities mentioned in this channel (name, key or id).")
@click.option("--since", callback=parse_when, help="Mentioned from this date (YYYY-MM-DD, UTC).")
@click.option("--until", callback=parse_when, help="Mentioned before this date (exclusive).")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10000))
@click.option("--offset", default=0, type=click.IntRange(0), help="Skip this many (paging).")
@click.option("--json", "as_json", is_flag=True,
              help='Print {"total": N, "entities": [...]} (with ID|KEY: the entity, its '
                   "mentions and relations).")  # fmt: skip
def entities_command(
    entity: str | None,
    db: str | None,
    entity_type: str | None,
    name: str | None,
    channel: str | None,
    since: datetime | None,
    until: datetime | None,
    limit: int,
    offset: int,
    as_json: bool,
) -> None:
    """List the entities found in stored items, merged across items and scripts.

    An organisation written "Ислом давлати" in one channel and "Islom davlati" in another is
    one entity (so are a gazetteer entry's aliases); each entity counts its mentions and keeps
    the messages they are in.
    Most mentioned first. With ID or KEY: that entity, where it is mentioned, and its relations.

    Exit codes: 0 listed (even if nothing matched), 1 database problem, 2 usage error
    (including an unknown ID or KEY).
    """

    def body() -> int:
        with open_store(db) as store:
            if entity is not None:
                _show_entity(store, entity, limit, offset, as_json)
                return 0
            filters: dict[str, Any] = {
                "type": entity_type, "name": name, "channel": channel, "since": since,
                "until": until,
            }  # fmt: skip
            total = count_entities(store, **filters)
            found = list_entities(
                store, **filters, limit=limit, offset=offset, sample=_REFS_PER_ENTITY
            )
            refs = (
                message_refs(store, [pk for e in found for pk in e.message_pks[:_REFS_PER_ENTITY]])
                if as_json
                else {}
            )
        if as_json:
            echo_json({"total": total, "entities": [entity_json(e, refs) for e in found]})
        else:
            _print_entities(total, found, offset)
        return 0

    run_safely(body)


def _print_events(
    total: int, found: list[GraphEvent], refs: dict[int, MessageRef], offset: int
) -> None:
    console = Console(highlight=False)
    console.print(f"[bold]{total}[/] event(s); showing {len(found)}"
                  + (f" from #{offset + 1}" if offset else ""), markup=True)  # fmt: skip
    for ev in found:
        where = ", ".join([*ev.place[:3], *([ev.country] if ev.country else [])]) or "place ?"
        killed, injured = max_figure(ev.data.get("killed")), max_figure(ev.data.get("injured"))
        figures = "".join(
            f" · {word} {value}"
            for word, value in (("killed", killed), ("injured", injured))
            if value is not None
        )
        console.print(
            f"[bold]{ev.id:>5}[/]  {ev.date or 'date ?'}  [cyan]{ev.type}[/]  "
            f"{escape(where)}{figures}",
            markup=True,
        )
        claimed = ev.data.get("claimed_by")
        claimants = [c for c in claimed if isinstance(c, str)] if isinstance(claimed, list) else []
        claim = f"claimed by {', '.join(claimants)} · " if claimants else ""
        console.print(
            f"       [dim]{escape(claim)}from {escape(_where(refs.get(ev.message_pk)))}[/]",
            markup=True,
        )


@click.command("events")
@db_option
@click.option(
    "--type",
    "event_type",
    type=click.Choice(EVENT_TYPES, case_sensitive=False),
    help="Only events of this type.",
)
@click.option("--country", help="Only events in this country.")
@click.option("--place", help="A place of the event (city, province, site; any script).")
@click.option("--claimed-by", help="Claimed by this group (its name or a known alias).")
@click.option(
    "--since",
    callback=parse_when,
    help="From this date (YYYY-MM-DD, UTC): the event's date, else its message's.",
)
@click.option("--until", callback=parse_when, help="Before this date (exclusive).")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10000))
@click.option("--offset", default=0, type=click.IntRange(0), help="Skip this many (paging).")
@click.option("--json", "as_json", is_flag=True, help='Print {"total": N, "events": [...]}.')
def events_command(
    db: str | None,
    event_type: str | None,
    country: str | None,
    place: str | None,
    claimed_by: str | None,
    since: datetime | None,
    until: datetime | None,
    limit: int,
    offset: int,
    as_json: bool,
) -> None:
    """List the attack events found in stored items, newest first.

    Each event keeps the message it was read from, its (possibly partial) date, places,
    casualty figures as the text gives them, and who claimed it. A partial date ("March
    2024") matches every --since/--until window that overlaps it.

    Exit codes: 0 listed (even if nothing matched), 1 database problem, 2 usage error.
    """

    def body() -> int:
        filters: dict[str, Any] = {
            "type": event_type, "country": country, "place": place, "claimed_by": claimed_by,
            "since": since, "until": until,
        }  # fmt: skip
        with open_store(db) as store:
            total = count_events(store, **filters)
            found = list_events(store, **filters, limit=limit, offset=offset)
            refs = message_refs(store, [ev.message_pk for ev in found])
        if as_json:
            events = [event_json(ev, refs.get(ev.message_pk)) for ev in found]
            echo_json({"total": total, "events": events})
        else:
            _print_events(total, found, refs, offset)
        return 0

    run_safely(body)
