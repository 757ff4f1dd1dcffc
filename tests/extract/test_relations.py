"""Relations: what a text states, and what the gazetteer knows when both ends occur."""

from __future__ import annotations

from propwatch.extract.model import DateValue, Entity, Event, Figure, Span
from propwatch.extract.relations import MAX_RELATIONS, build_relations
from propwatch.knowledge.gazetteer_model import GazEntry, Gazetteer, GazRelation


def _ent(text: str, source: str, kind: str, name: str | None = None, gid: str | None = None,
         **attrs: object) -> Entity:
    start = text.index(source)
    return Entity(kind, name or source, source, start, start + len(source), gid,
                  attributes=dict(attrs), method="gazetteer" if gid else "pattern:test")


def _gaz() -> Gazetteer:
    entries = [
        GazEntry("is", "organization", "Islamic State", {"any": ("IS", "ISIS")}),
        GazEntry("iskp", "organization", "Islamic State Khorasan Province", {"any": ("ISKP",)},
                 relations=(GazRelation("wing_of", "is"),)),
        GazEntry("azaim", "media_outlet", "Al-Azaim Foundation", {},
                 relations=(GazRelation("outlet_of", "iskp"),)),
        GazEntry("vok", "publication", "Voice of Khurasan", {},
                 relations=(GazRelation("publication_of", "azaim"),)),
    ]
    return Gazetteer({e.id: e for e in entries})


def test_publication_issue_and_gazetteer_publisher() -> None:
    text = "Al-Azaim Foundation released issue 35 of Voice of Khurasan this week."
    ents = [
        _ent(text, "Al-Azaim Foundation", "media_outlet", gid="azaim"),
        _ent(text, "Voice of Khurasan", "publication", gid="vok", issue=35),
    ]
    rels = {(r.type, r.source, r.target, r.basis) for r in build_relations(text, ents, [], _gaz())}
    assert ("issue_of", "Voice of Khurasan #35", "Voice of Khurasan", "text") in rels
    assert ("published_by", "Voice of Khurasan", "Al-Azaim Foundation", "gazetteer") in rels


def test_gazetteer_relation_needs_both_ends_in_the_text() -> None:
    text = "Voice of Khurasan is an English-language magazine."
    ents = [_ent(text, "Voice of Khurasan", "publication", gid="vok")]
    assert not [r for r in build_relations(text, ents, [], _gaz()) if r.type == "published_by"]


def test_member_of_stated_in_text_with_evidence() -> None:
    text = "Abu Omar, a senior commander of ISKP, was named in the report."
    ents = [_ent(text, "Abu Omar", "person"), _ent(text, "ISKP", "organization",
                                                     "Islamic State Khorasan Province", "iskp")]
    (rel,) = [r for r in build_relations(text, ents, []) if r.type == "member_of"]
    assert (rel.source, rel.target) == ("Abu Omar", "Islamic State Khorasan Province")
    assert rel.evidence[0].text == "Abu Omar, a senior commander of ISKP"


def test_unrelated_neighbours_are_not_members() -> None:
    text = "Abu Omar met reporters; ISKP was not mentioned by him."
    ents = [_ent(text, "Abu Omar", "person"), _ent(text, "ISKP", "organization")]
    assert not [r for r in build_relations(text, ents, []) if r.type == "member_of"]


def test_alias_of_from_a_pattern_entity() -> None:
    text = "Sanaullah Ghafari, also known as Shahab al-Muhajir, leads the group."
    ent = _ent(text, "Sanaullah Ghafari", "person")
    ent.aliases = ["Shahab al-Muhajir"]
    rels = build_relations(text, [ent], [])
    assert [(r.type, r.source, r.target) for r in rels] == [
        ("alias_of", "Shahab al-Muhajir", "Sanaullah Ghafari")
    ]


def test_event_relations_claim_place_target() -> None:
    text = "Islamic State claimed the bombing in Kerman that killed 84."
    ents = [_ent(text, "Islamic State", "organization", gid="is"),
            _ent(text, "Kerman", "place", gid="ir_kerman")]
    event = Event(
        "bombing", DateValue("2024-01-03", "3 January", 0, 1), ["Kerman"], "Iran",
        killed=[Figure(84, "exact", "84", 56, 58)], claimed_by=["Islamic State"],
        evidence=[Span(0, len(text), text)], place_ids=["ir_kerman"],
    )
    rels = {(r.type, r.source, r.target) for r in build_relations(text, ents, [event])}
    assert ("claimed_by", "event:0", "Islamic State") in rels
    assert ("located_in", "event:0", "Kerman") in rels
    assert ("targets", "Islamic State", "Kerman") in rels


def test_channel_mentions_and_cap() -> None:
    text = " ".join(f"@chan{i:05d}" for i in range(2000))
    ents = [Entity("channel", f"chan{i:05d}", f"@chan{i:05d}", i * 11, i * 11 + 10)
            for i in range(2000)]
    rels = build_relations(text, ents, [])
    assert len(rels) == MAX_RELATIONS
    assert rels[0].type == "mentions" and rels[0].target == "chan00000"
