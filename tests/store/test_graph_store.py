"""The knowledge graph in the store, on SQLite and (with ``PROPWATCH_TEST_PG``) PostgreSQL.

Messages carry hand-made ``entity``/``event``/``relation`` annotations in the shapes the
extraction stage writes (``Entity/Event/Relation.to_json()`` plus merge keys), so these tests
check the store alone: merging across items and scripts, edits, listings, filters, paging,
the ``entities``/``events`` commands and ``load_graph``.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
import sqlalchemy as sa
from click.testing import CliRunner, Result
from tests.conftest import make_item

from propwatch.cli.entities_cmd import entities_command, events_command
from propwatch.extract.model import DateValue, Entity, Event, Figure, Relation, Span
from propwatch.graph.load import load_graph
from propwatch.model import Annotation, Message, RawItem
from propwatch.normalize import match_key
from propwatch.store import Store, open_store
from propwatch.store import schema as s
from propwatch.store.graph_queries import (
    count_entities,
    count_events,
    entity_mentions,
    get_entity,
    list_entities,
    list_events,
)
from propwatch.store.migrations import MIGRATIONS

CYRILLIC = "Ислом давлати масъулиятни ўз зиммасига олди, деб хабар берди агентлик."
LATIN = "Agentlik xabariga ko'ra, Islom davlati mas'uliyatni o'z zimmasiga oldi."
KABUL = "Kabul: police said an explosion near a school killed 12 people on 5 March 2024."
CLAIM = "Islamic State Khorasan Province claimed the bombing in Kabul, police said."
DAY = datetime(2024, 3, 5, 9, 0, tzinfo=UTC)


def at(day: int, hour: int = 9) -> datetime:
    return datetime(2024, 3, day, hour, 0, tzinfo=UTC)


def org_key(name: str) -> str:
    """The merge key extraction gives an organisation without a gazetteer id."""
    return f"organization:{match_key(name)}"


def entity(
    text: str,
    surface: str,
    *,
    key: str | None = None,
    name: str | None = None,
    type: str = "organization",
    gazetteer_id: str | None = None,
    aliases: tuple[str, ...] = (),
) -> Annotation:
    start = text.index(surface)
    ent = Entity(
        type, name or surface, surface, start, start + len(surface), gazetteer_id, list(aliases)
    )
    data = ent.to_json() | {"key": key or org_key(name or surface)}
    return Annotation("extract", "1", "entity", type, 1.0, start, start + len(surface), data)


def event(
    type: str = "bombing",
    *,
    date: str | None = "2024-03-05",
    place: tuple[str, ...] = ("Kabul",),
    country: str | None = "Afghanistan",
    killed: tuple[int, ...] = (12,),
    claimed_by: tuple[str, ...] = (),
) -> Annotation:
    ev = Event(
        type,
        date=DateValue(date, date, 0, 1) if date else None,
        place=list(place),
        country=country,
        killed=[Figure(v, "exact", str(v), 0, 1) for v in killed],
        claimed_by=list(claimed_by),
        evidence=[Span(0, 5, "Kabul")],
    )
    return Annotation("extract", "1", "event", type, 1.0, 0, 5, ev.to_json())


def relation(
    type: str, source: str, target: str, source_key: str | None, target_key: str | None
) -> Annotation:
    rel = Relation(type, source, target, [Span(0, 4, "text")], "event", "organization")
    data = rel.to_json() | {"source_key": source_key, "target_key": target_key}
    return Annotation("extract", "1", "relation", type, 1.0, 0, 4, data)


def judged(propaganda: bool) -> list[Annotation]:
    """What detection writes about an item (detect.detector.to_annotations)."""
    stance = "endorse" if propaganda else "report"
    return [
        Annotation(
            "detector", "1", "judgement", "propaganda", 0.9 if propaganda else 0.1,
            data={"label": propaganda, "stance": stance, "stance_evidence": []},
        ),
        Annotation("detector", "1", "stance", stance, 1.0),
    ]  # fmt: skip


def message(item: RawItem, *annotations: Annotation) -> Message:
    return Message(
        item,
        norm_text=item.text.lower(),
        match_key=match_key(item.text),
        script="Latn",
        language="uz",
        language_confidence=1.0,
        annotations=list(annotations),
    )


def write(store: Store, *messages: Message) -> None:
    store.write(list(messages))


def two_scripts(store: Store) -> None:
    """The same organisation in Cyrillic (channel 100) and Latin (channel 200) Uzbek."""
    write(
        store,
        message(make_item(CYRILLIC, "1", date=at(1)), entity(CYRILLIC, "Ислом давлати")),
        message(
            make_item(LATIN, "7", "telegram:200", name="Other channel", date=at(4)),
            entity(LATIN, "Islom davlati"),
        ),
    )


def test_same_key_in_two_scripts_is_one_entity(store: Store) -> None:
    two_scripts(store)
    (found,) = list_entities(store)
    assert found.key == "organization:islom davlati"
    assert found.mention_count == 2
    assert set(found.aliases) == {"Ислом давлати", "Islom davlati"}
    assert (found.first_seen, found.last_seen) == (datetime(2024, 3, 1, 9), datetime(2024, 3, 4, 9))
    # Both messages are traceable, oldest first, with the mention's text and offsets.
    mentions = entity_mentions(store, found.id)
    assert [(m.message.channel, m.message.message_id) for m in mentions] == [
        ("telegram:100", "1"),
        ("telegram:200", "7"),
    ]
    assert CYRILLIC[mentions[0].start : mentions[0].end] == "Ислом давлати"
    assert LATIN[mentions[1].start : mentions[1].end] == mentions[1].text == "Islom davlati"
    assert len(found.message_pks) == 2
    assert get_entity(store, found.key) == get_entity(store, found.id) == found


def test_name_filter_matches_across_scripts_and_substrings(store: Store) -> None:
    two_scripts(store)
    write(store, message(make_item(KABUL, "2", date=at(5)), entity(KABUL, "police")))
    assert [e.name for e in list_entities(store, name="ИСЛОМ ДАВЛАТИ")] == ["Ислом давлати"]
    assert [e.name for e in list_entities(store, name="davlat")] == ["Ислом давлати"]
    assert [e.name for e in list_entities(store, name="organization:islom davlati")] == [
        "Ислом давлати"
    ]
    assert list_entities(store, name="police")[0].mention_count == 1
    assert list_entities(store, name="50%_") == []  # LIKE wildcards are literal


def test_gazetteer_key_merges_different_names(store: Store) -> None:
    text1 = "ISKP claimed the attack through Amaq."
    text2 = "Islamic State Khorasan Province said it carried out the attack."
    iskp: dict[str, Any] = {
        "key": "gaz:org-iskp", "gazetteer_id": "org-iskp", "name": "Islamic State Khorasan",
    }  # fmt: skip
    # Two batches: the second merges into the stored row, and its older date moves first_seen.
    write(store, message(make_item(text1, "1", date=at(3)),
                         entity(text1, "ISKP", aliases=("ISIS-K",), **iskp)))  # fmt: skip
    write(store, message(make_item(text2, "2", date=at(2)),
                         entity(text2, "Islamic State Khorasan Province", **iskp)))  # fmt: skip
    (found,) = list_entities(store)
    assert (found.first_seen, found.last_seen) == (datetime(2024, 3, 2, 9), datetime(2024, 3, 3, 9))
    assert (found.key, found.gazetteer_id, found.mention_count) == ("gaz:org-iskp", "org-iskp", 2)
    assert found.name == "Islamic State Khorasan"
    assert {"ISKP", "ISIS-K", "Islamic State Khorasan Province"} <= set(found.aliases)
    # The alias finds it (the gazetteer's aliases are part of its names).
    assert [e.id for e in list_entities(store, name="isis-k")] == [found.id]


def test_two_mentions_in_one_message_count_twice(store: Store) -> None:
    text = "Islom davlati ... Islom davlati"
    ann2 = entity(text, "Islom davlati")
    ann2.start, ann2.end = 18, 31
    write(store, message(make_item(text, "1"), entity(text, "Islom davlati"), ann2))
    (found,) = list_entities(store)
    assert found.mention_count == 2
    assert found.message_pks == [found.message_pks[0]]  # one message, listed once
    assert [m.start for m in entity_mentions(store, found.id)] == [0, 18]


def test_reingesting_adds_nothing(store: Store) -> None:
    two_scripts(store)
    two_scripts(store)
    (found,) = list_entities(store)
    assert found.mention_count == 2
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(s.entity_mentions)).scalar() == 2


def test_an_edit_replaces_mentions_events_and_relations(store: Store) -> None:
    other = "Islom davlati bayonot tarqatdi."
    write(
        store,
        message(
            make_item(KABUL, "1", date=at(5)),
            entity(KABUL, "police"),
            event(),
            relation("claimed_by", "event:0", "police", None, org_key("police")),
        ),
        message(make_item(other, "2", date=at(6)), entity(other, "Islom davlati")),
    )
    corrected = "Kabul: Islom davlati said it was behind the explosion."
    write(
        store,
        message(
            make_item(corrected, "1", date=at(5), edited=at(7)),
            entity(corrected, "Islom davlati"),
            event("shooting", date="2024-03"),
        ),
    )
    listed = list_entities(store)
    assert [(e.name, e.mention_count) for e in listed] == [("Islom davlati", 2)]
    # The first mention is now the edited message (5 March), the other one stays.
    assert listed[0].first_seen == datetime(2024, 3, 5, 9)
    assert listed[0].last_seen == datetime(2024, 3, 6, 9)
    police = get_entity(store, org_key("police"))
    assert police is not None and police.mention_count == 0 and police.first_seen is None
    assert [(e.type, e.date) for e in list_events(store)] == [("shooting", "2024-03")]
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(s.relations)).scalar() == 0
    # An older export of the message arriving afterwards changes nothing.
    write(store, message(make_item(KABUL, "1", date=at(5)), entity(KABUL, "police"), event()))
    assert [(e.name, e.mention_count) for e in list_entities(store)] == [("Islom davlati", 2)]
    assert [e.type for e in list_events(store)] == ["shooting"]


def test_channel_time_and_type_filters_and_paging(store: Store) -> None:
    two_scripts(store)
    write(
        store,
        message(make_item(KABUL, "2", date=at(5)), entity(KABUL, "Kabul", type="place")),
    )
    assert [e.type for e in list_entities(store, type="place")] == ["place"]
    assert [e.name for e in list_entities(store, channel="Other channel")] == ["Ислом давлати"]
    assert [e.name for e in list_entities(store, channel="200")] == ["Ислом давлати"]
    assert list_entities(store, channel="no such channel") == []
    assert {e.name for e in list_entities(store, since=at(4, 0))} == {"Ислом давлати", "Kabul"}
    assert [e.name for e in list_entities(store, since=at(5, 0))] == ["Kabul"]
    assert [e.name for e in list_entities(store, until=at(2, 0))] == ["Ислом давлати"]
    assert count_entities(store) == 2 and count_entities(store, type="person") == 0
    first = list_entities(store, limit=1)
    second = list_entities(store, limit=1, offset=1)
    assert [e.name for e in first + second] == ["Ислом давлати", "Kabul"]  # most mentioned first
    assert list_entities(store, limit=5, offset=2) == []


def events_fixture(store: Store) -> None:
    iskp = entity(CLAIM, "Islamic State Khorasan Province", key="gaz:org-iskp",
                  gazetteer_id="org-iskp", aliases=("ISKP", "ИГИЛ-Хорасан"))  # fmt: skip
    write(
        store,
        message(
            make_item(CLAIM, "1", date=at(5)),
            iskp,
            event(claimed_by=("Islamic State Khorasan Province",)),
        ),
        message(
            make_item("Взрыв в Кабуле", "2", date=at(20)),
            event("suicide_bombing", date="2024-03", place=("Кабул",), killed=(3, 5)),
        ),
        message(
            make_item("Moscow", "3", date=at(22)),
            event("shooting", date=None, place=("Krasnogorsk",), country="Russia", killed=()),
        ),
    )


def test_event_filters(store: Store) -> None:
    events_fixture(store)

    def types(**filters: Any) -> list[str]:
        found = list_events(store, **filters)
        assert count_events(store, **filters) == len(found)
        return [e.type for e in found]

    # Newest first by event date ("2024-03" after the days of March), undated last.
    assert types() == ["bombing", "suicide_bombing", "shooting"]
    assert types(type="shooting") == ["shooting"]
    assert types(country="russia") == ["shooting"]
    assert types(place="kabul") == ["bombing", "suicide_bombing"]  # Кабул is Kabul too
    assert types(place="КАБУЛ") == ["bombing", "suicide_bombing"]
    assert types(place="Afghanistan") == ["bombing", "suicide_bombing"]  # the country counts
    assert types(claimed_by="ISKP") == ["bombing"]  # through the entity's aliases
    assert types(claimed_by="Khorasan") == ["bombing"]
    assert types(claimed_by="nobody") == []
    # A partial date overlaps every window touching its month; undated events use the message.
    assert types(since=at(6)) == ["suicide_bombing", "shooting"]
    assert types(until=at(6, 0)) == ["bombing", "suicide_bombing"]
    assert types(since=datetime(2024, 4, 1, tzinfo=UTC)) == []
    (two,) = list_events(store, type="suicide_bombing")
    assert two.place == ["Кабул"] and two.data["killed"][1]["value"] == 5


def test_impossible_values_are_dropped_quietly(store: Store) -> None:
    text = "Report"
    bad = event(date="2024-02-31", killed=(10**12,))
    flood = entity(text, "Report", aliases=tuple(f"alias {i}" for i in range(500)))
    junk = [
        Annotation("extract", "1", "entity", "person", data={"type": "person"}),  # no name
        Annotation("extract", "1", "entity", "person", data={"name": ["not", "text"]}),
        Annotation("extract", "1", "relation", "mentions", data={"type": "mentions"}),
        Annotation("extract", "1", "event", "bombing", data={"type": "bombing", "place": "x"}),
    ]
    write(store, message(make_item(text, "1"), bad, flood, *junk))
    junk_event, found = list_events(store)  # newest id first; the junk one is kept, placeless
    assert junk_event.place == [] and junk_event.type == "bombing"
    assert found.date is None and found.place == ["Kabul"]  # 31 February is no date
    (ent,) = list_entities(store)
    assert len(ent.aliases) == 50
    result = invoke(events_command, store, "--json")
    assert result["events"][0]["killed_max"] is None


def test_relations_point_at_entities_and_messages(store: Store) -> None:
    events_fixture(store)
    assert load_graph(store).relations == []
    text = "ISKP claimed it through Amaq."
    write(
        store,
        message(
            make_item(text, "9", date=at(21)),
            entity(text, "ISKP", key="gaz:org-iskp", gazetteer_id="org-iskp"),
            entity(text, "Amaq", type="media_outlet", key="gaz:outlet-amaq"),
            relation("published_by", "ISKP", "Amaq", "gaz:org-iskp", "gaz:outlet-amaq"),
            relation("claimed_by", "event:0", "ISKP", None, "gaz:org-iskp"),
        ),
    )
    graph = load_graph(store)
    by_key = {e.key: e for e in graph.entities}
    published, claimed = graph.relations
    assert (published.source_entity_id, published.target_entity_id) == (
        by_key["gaz:org-iskp"].id,
        by_key["gaz:outlet-amaq"].id,
    )
    assert claimed.source_entity_id is None and claimed.source == "event:0"
    assert claimed.target_entity_id == by_key["gaz:org-iskp"].id
    item = {i.pk: i for i in graph.items}[claimed.message_pk or 0]
    assert item.message_id == "9" and claimed.evidence == [{"start": 0, "end": 4, "text": "text"}]


def test_load_graph(store: Store) -> None:
    # Channel 100 has items; channel 200 forwards from 100, mentions and links others.
    write(
        store,
        message(make_item(KABUL, "1", date=at(5)), entity(KABUL, "police"), event()),
        message(
            make_item("Propaganda-style slogan", "2", date=at(6)),
            *judged(True),
            Annotation("lexicon", "1", "detection", "anti_shia", 0.8, 0, 5, {"evidence": []}),
            Annotation("model", "1", "detection", "glorification", 0.2),
            Annotation("signals", "1", "signal", "telegram_link", 1.0, 0, 4, {"value": "t.me/x"}),
        ),
        message(make_item("Weather today", "3", date=at(7)), *judged(False)),
        # Judged propaganda by the judgement alone (no stance annotation).
        message(make_item("Older slogan", "8", date=at(4)), judged(True)[0]),
        message(
            make_item("forwarded", "4", "telegram:200", name="Relay", date=at(8),
                      forwarded_from="Test channel", forwarded_from_id="channel100"),
        ),
        message(
            make_item("again", "5", "telegram:200", name="Relay", date=at(9),
                      forwarded_from="Test channel", forwarded_from_id="channel100",
                      mentions=["@Example_Channel"], links=["https://t.me/example_channel/15",
                                                            "https://t.me/joinchat/abc"]),
        ),
        # A channel forwarding its own post is no edge.
        message(
            make_item("own post", "6", "telegram:200", name="Relay", date=at(10),
                      forwarded_from="Relay", forwarded_from_id="channel200"),
        ),
        message(
            make_item("from elsewhere", "7", "telegram:200", name="Relay", date=at(11),
                      forwarded_from="Unknown source", forwarded_from_id="channel999"),
        ),
    )  # fmt: skip
    graph = load_graph(store)
    assert [e.name for e in graph.entities] == ["police"]
    assert graph.entities[0].mention_count == 1 and len(graph.events) == 1
    items = {i.message_id: i for i in graph.items}
    assert sorted(items) == ["1", "2", "8"]  # items with graph facts, and propaganda items
    assert items["2"].propaganda == pytest.approx(0.9)
    assert items["2"].labels == ["anti_shia"]  # low-scoring detections are no labels
    assert items["2"].signals[0]["type"] == "telegram_link"
    assert items["2"].signals[0]["value"] == "t.me/x"
    assert items["1"].channel_key == "telegram:100" and items["1"].text == KABUL
    assert graph.events[0].message_pk == items["1"].pk
    counts = {(c.key, c.messages) for c in graph.channels}
    assert counts == {("telegram:100", 4), ("telegram:200", 4)}
    edges = {(e.source, e.target, e.kind): e for e in graph.channel_edges}
    assert set(edges) == {
        ("telegram:200", "telegram:100", "forward"),
        ("telegram:200", "Unknown source", "forward"),
        ("telegram:200", "@example_channel", "mention"),
        ("telegram:200", "@example_channel", "link"),
    }
    forward = edges[("telegram:200", "telegram:100", "forward")]
    assert (forward.weight, forward.first, forward.last) == (
        2, datetime(2024, 3, 8, 9), datetime(2024, 3, 9, 9),
    )  # fmt: skip

    # Windows and caps.
    newest = load_graph(store, max_items=1)
    assert [i.message_id for i in newest.items] == ["2"] and newest.entities == []
    early = load_graph(store, until=at(6, 0))
    assert [i.message_id for i in early.items] == ["8", "1"]  # oldest first
    assert [c.key for c in early.channels] == ["telegram:100"] and early.channel_edges == []
    relay = load_graph(store, channel="Relay")
    assert relay.items == [] and len(relay.channel_edges) == 4


def invoke(command: Any, store: Store, *args: str) -> dict[str, Any]:
    url = store.engine.url.render_as_string(hide_password=False)
    result: Result = CliRunner().invoke(command, [*args, "--db", url], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    value: dict[str, Any] = json.loads(result.stdout)
    return value


def test_entities_command(store: Store) -> None:
    two_scripts(store)
    write(store, message(make_item(KABUL, "2", date=at(5)), entity(KABUL, "Kabul", type="place")))
    out = invoke(entities_command, store, "--json")
    assert out["total"] == 2
    top = out["entities"][0]
    assert (top["name"], top["mention_count"], top["type"]) == ("Ислом давлати", 2, "organization")
    assert [(m["channel"], m["message_id"]) for m in top["messages"]] == [
        ("telegram:100", "1"),
        ("telegram:200", "7"),
    ]
    assert top["first_seen"].startswith("2024-03-01")
    assert invoke(entities_command, store, "--json", "--type", "PLACE")["total"] == 1
    paged = invoke(entities_command, store, "--json", "--limit", "1", "--offset", "1")
    assert paged["total"] == 2 and [e["name"] for e in paged["entities"]] == ["Kabul"]
    found = invoke(entities_command, store, "--json", "--name", "islom", "--channel", "200")
    assert [e["id"] for e in found["entities"]] == [top["id"]]
    assert invoke(entities_command, store, "--json", "--since", "2024-03-05")["total"] == 1

    detail = invoke(entities_command, store, str(top["id"]), "--json")
    assert detail["entity"]["key"] == top["key"] and detail["total"] == 2
    assert [m["text"] for m in detail["mentions"]] == ["Ислом давлати", "Islom davlati"]

    url = store.engine.url.render_as_string(hide_password=False)
    table = CliRunner().invoke(entities_command, ["--db", url])
    assert table.exit_code == 0
    assert "2 entities" in table.stdout and "Ислом давлати" in table.stdout
    assert "Islom davlati" in table.stdout  # an alias column
    for unknown in ("gaz:nothing", "999", "99999999999999999999999"):
        missing = CliRunner().invoke(entities_command, [unknown, "--db", url])
        assert missing.exit_code == 2 and "no entity" in missing.stderr
    wrong = CliRunner().invoke(entities_command, ["--type", "planet", "--db", url])
    assert wrong.exit_code == 2


def test_events_command(store: Store) -> None:
    events_fixture(store)
    out = invoke(events_command, store, "--json")
    assert out["total"] == 3
    first, second = out["events"][:2]
    assert first["type"] == "bombing" and first["killed_max"] == 12
    assert first["message"]["message_id"] == "1" and first["message"]["channel"] == "telegram:100"
    assert first["date"] == "2024-03-05" and first["country"] == "Afghanistan"
    assert second["date"] == "2024-03" and second["place"] == ["Кабул"]
    assert second["killed_max"] == 5
    assert [f["value"] for f in second["killed"]] == [3, 5]  # every figure is kept
    claimed = invoke(events_command, store, "--json", "--claimed-by", "ИГИЛ-Хорасан")
    assert [e["type"] for e in claimed["events"]] == ["bombing"]
    assert claimed["events"][0]["claimed_by"] == ["Islamic State Khorasan Province"]
    page = invoke(events_command, store, "--json", "--limit", "2", "--offset", "2")
    assert page["total"] == 3 and [e["type"] for e in page["events"]] == ["shooting"]
    dated = invoke(events_command, store, "--json", "--since", "2024-03-06", "--country", "Russia")
    assert [e["type"] for e in dated["events"]] == ["shooting"]
    url = store.engine.url.render_as_string(hide_password=False)
    table = CliRunner().invoke(events_command, ["--db", url, "--type", "bombing"])
    assert table.exit_code == 0 and "1 event(s)" in table.stdout and "Kabul" in table.stdout


def test_graph_tables_come_from_migration_2(db_url: str) -> None:
    with open_store(db_url) as store, store.engine.connect() as conn:
        names = set(sa.inspect(conn).get_table_names())
        versions = conn.execute(sa.select(s.schema_migrations.c.version)).scalars().all()
    assert {"entities", "entity_mentions", "events", "relations"} <= names
    assert sorted(versions) == [m.version for m in MIGRATIONS]


def test_a_version_1_database_is_upgraded(db_url: str) -> None:
    with open_store(db_url) as store:
        write(store, message(make_item(CYRILLIC, "1")))
        with store.engine.begin() as conn:  # back to what propwatch 1 left behind
            for table in reversed((*s.GRAPH_TABLES, *s.WORKSPACE_TABLES)):
                table.drop(conn)
            conn.execute(s.schema_migrations.delete().where(s.schema_migrations.c.version >= 2))
    with open_store(db_url) as store:
        assert store.schema_version == MIGRATIONS[-1].version
        assert load_graph(store).entities == [] and list_events(store) == []
        write(store, message(make_item(LATIN, "2"), entity(LATIN, "Islom davlati")))
        assert [e.mention_count for e in list_entities(store)] == [1]
        assert store.stats()["messages"] == 2


def test_each_listed_entity_gets_its_own_first_messages_up_to_the_sample(store: Store) -> None:
    # Three entities over six messages; the sample keeps each entity's messages in the order
    # they were stored, distinct, capped, and never mixes two entities' messages.
    texts = [f"Islom davlati va Al-Azaim, Amaq {i}" for i in range(6)]
    for i, text in enumerate(texts):
        notes = [entity(text, "Islom davlati"), entity(text, "Al-Azaim", type="media_outlet")]
        if i % 2:
            notes.append(entity(text, "Amaq", type="media_outlet"))
        write(store, message(make_item(text, str(i), date=at(i + 1)), *notes))
    found = {e.name: e for e in list_entities(store)}
    pks = found["Islom davlati"].message_pks
    assert len(pks) == 6 and pks == sorted(pks)
    assert found["Al-Azaim"].message_pks == pks
    assert found["Amaq"].message_pks == pks[1::2]
    capped = {e.name: e.message_pks for e in list_entities(store, sample=2)}
    assert capped == {"Islom davlati": pks[:2], "Al-Azaim": pks[:2], "Amaq": pks[1:4:2]}
    assert all(e.message_pks == [] for e in list_entities(store, sample=0))
