"""A small knowledge graph modelled on public reporting, shared by the export tests.

Two channels: a pro-group channel (item 1: an attack claim with a BTC wallet and a link) and a
news channel (item 2: a report of the same attack). Names of persons are invented.
"""

from __future__ import annotations

from datetime import datetime

from propwatch.graph.model import (
    ChannelEdge,
    GraphChannel,
    GraphEntity,
    GraphEvent,
    GraphItem,
    GraphRelation,
    KnowledgeGraph,
)

GENESIS = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"
HOSTILE_URL = "https://example.org/a'b\\c"
CLAIM = "Islamic State Khorasan Province claimed the Kerman bombing through Amaq"
REPORT = "State TV said at least 95 people were killed in Kerman; ISKP claimed it"

D1 = datetime(2024, 1, 4, 18, 0)
D2 = datetime(2024, 1, 5, 9, 30)


def entity(
    eid: int,
    etype: str,
    name: str,
    *,
    key: str | None = None,
    gid: str | None = None,
    **attrs: object,
) -> GraphEntity:
    return GraphEntity(
        id=eid,
        key=key or (f"gaz:{gid}" if gid else f"{etype}:{name.lower()}"),
        type=etype,
        name=name,
        gazetteer_id=gid,
        aliases=[name],
        attributes=dict(attrs),
        mention_count=2,
        first_seen=D1,
        last_seen=D2,
        message_pks=[1, 2],
    )


def relation(
    rid: int,
    rtype: str,
    source: str,
    target: str,
    source_id: int | None,
    target_id: int | None,
    pk: int | None = 1,
    quote: str = CLAIM,
) -> GraphRelation:
    return GraphRelation(
        id=rid,
        type=rtype,
        source_entity_id=source_id,
        target_entity_id=target_id,
        source=source,
        target=target,
        message_pk=pk,
        evidence=[{"start": 0, "end": len(quote), "text": quote}],
    )


def sample_graph() -> KnowledgeGraph:
    entities = [
        entity(1, "organization", "Islamic State Khorasan Province", gid="iskp", kind="wing"),
        entity(2, "organization", "Islamic State", gid="islamic_state", kind="group"),
        entity(3, "media_outlet", "Amaq", gid="amaq"),
        entity(4, "publication", "Voice of Khurasan", kind="magazine"),
        entity(5, "person", "Abu Example al-Testi"),
        entity(6, "person", "Karim Officialov"),
        entity(7, "place", "Kerman", kind="city", country="IR"),
        entity(8, "place", "Iran", kind="country", country="IR"),
        entity(9, "place", "Nameless Valley", kind="site"),
        entity(10, "organization", "Ministry of Interior", kind="state_body", country="IR"),
        entity(11, "place", "Central Asia", kind="region"),
    ]
    entities[0].aliases += ["ISKP", "ИГИЛ-Хорасан"]
    event = GraphEvent(
        id=40,
        message_pk=1,
        type="suicide_bombing",
        date="2024-01-03",
        date_text="3 January",
        place=["Kerman"],
        country="IR",
        data={
            "type": "suicide_bombing",
            "date": "2024-01-03",
            "place": ["Kerman"],
            "country": "IR",
            "killed": [
                {
                    "value": 95,
                    "qualifier": "at_least",
                    "attribution": "state TV",
                    "text": "at least 95",
                },
                {"value": 84, "qualifier": "exact", "attribution": None, "text": "84"},
            ],
            "injured": [],
            "claimed_by": ["Islamic State Khorasan Province"],
            "evidence": [{"start": 0, "end": 20, "text": REPORT}],
            "confidence": 0.9,
        },
    )
    relations = [
        relation(1, "claimed_by", "event:0", "Islamic State Khorasan Province", None, 1),
        relation(2, "member_of", "Abu Example al-Testi", "Islamic State Khorasan Province", 5, 1),
        relation(3, "located_in", "Kerman", "Iran", 7, 8, quote="Kerman, Iran"),
        relation(4, "published_by", "Voice of Khurasan", "Amaq", 4, 3),
        relation(5, "member_of", "Karim Officialov", "Ministry of Interior", 6, 10, pk=2),
        relation(6, "wing_of", "Islamic State Khorasan Province", "Islamic State", 1, 2),
        relation(7, "mentions", "Unknown thing", "Somebody", None, None),
    ]
    channels = [
        GraphChannel(1, "telegram:100", "Example Sada channel", "public_channel", 1, D1),
        GraphChannel(2, "telegram:200", "Daily News", "public_channel", 1, D2),
    ]
    edges = [
        ChannelEdge("telegram:100", "telegram:200", "forward", 3, D1, D2),
        ChannelEdge("telegram:100", "@unknown_handle", "mention", 1, D1, D1),
    ]
    items = [
        GraphItem(
            pk=1,
            channel_key="telegram:100",
            message_id="10",
            date=D1,
            language="en",
            text=CLAIM + f" Support: {GENESIS} {HOSTILE_URL}",
            source="result.json",
            propaganda=0.93,
            labels=["attack_claim", "anti_shia"],
            signals=[
                {"type": "btc_address", "value": GENESIS, "network": "BTC", "start": 0, "end": 34},
                {
                    "type": "url",
                    "value": HOSTILE_URL,
                    "host": "example.org",
                    "start": 40,
                    "end": 60,
                },
                {"type": "hashtag", "value": "#news", "start": 1, "end": 5},
            ],
        ),
        GraphItem(
            pk=2,
            channel_key="telegram:200",
            message_id="77",
            date=D2,
            language="en",
            text=REPORT,
            source="news.json",
            propaganda=0.08,
            labels=["attack_claim"],
        ),
    ]
    return KnowledgeGraph(entities, [event], relations, channels, edges, items)
