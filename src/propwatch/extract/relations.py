"""Relations between what one text mentions, each with the evidence that supports it.

Two bases: ``text`` (the text states it: "claimed by", "also known as", an issue number next
to a publication title, an event's place) and ``gazetteer`` (the gazetteer knows the link and
both ends occur in this text, so the text *mentions* a known relationship; the evidence is the
two mentions). Relation types are :data:`propwatch.extract.model.RELATION_TYPES`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from propwatch.extract.model import Entity, Event, Relation, Span
from propwatch.knowledge.gazetteer_model import Gazetteer

__all__ = ["MAX_RELATIONS", "build_relations"]

#: At most this many relations per text (a hostile text must not explode into millions).
MAX_RELATIONS = 500

#: Gazetteer relation -> extraction relation (source/target kept in the same direction).
_GAZ_TO_TEXT = {
    "publication_of": "published_by",
    "outlet_of": "published_by",
    "channel_of": "published_by",
    "member_of": "member_of",
    "wing_of": "member_of",
    "located_in": "located_in",
}

#: "<person>, a member / leader / commander / spokesman of <org>" (en, ru, fa, ar), and
#: "<org> leader / spokesman <person>". Checked on the text between two mentions.
_MEMBER_BETWEEN = re.compile(
    r"^[\s,(–-]*(?:(?:a|the|an)\s+)?(?:senior\s+|former\s+|top\s+)?"
    r"(?:member|leader|commander|emir|amir|spokesman|spokesperson|founder|head|chief|"
    r"official|militant|fighter|operative|propagandist|ideologue)s?\s+(?:of|in|for|with)\s+"
    r"(?:the\s+)?$"
    r"|^[\s,]*(?:член|лидер|главарь|командир|эмир|представитель|боевик|основатель)\w*\s+$"
    r"|^[\s,،]*(?:عضو|رهبر|سرکرده|فرمانده|سخنگوی|امیر|بنیانگذار)\s+(?:گروه\s+)?$"
    r"|^[\s,،]*(?:عضو|زعيم|قائد|أمير|امير|المتحدث باسم|مؤسس|القيادي في)\s+(?:تنظيم\s+)?$",
    re.IGNORECASE,
)
_LEADER_BETWEEN = re.compile(
    r"^[\s']*(?:s\s+)?(?:leader|chief|emir|amir|commander|spokesman|spokesperson|founder|head)"
    r"[\s,]*$|^[\s,]*(?:leader|spokesman)\s+(?:was|is)\s+$",
    re.IGNORECASE,
)
_PUBLISHED_BETWEEN = re.compile(
    r"(?:published|released|produced|issued|put out)\s+(?:by|through)\s+(?:the\s+)?$"
    r"|(?:издани|выпуска|публику)\w*\s+$|(?:منتشر|تولید)\s*(?:شده)?\s*(?:توسط|از سوی)\s+$"
    r"|(?:صادرة|الصادرة|نشرتها|أصدرتها|تصدرها)\s+(?:عن\s+)?$",
    re.IGNORECASE,
)
_OUTLET_PUBLISHES = re.compile(
    r"(?:'s|’s)?\s*(?:\w+\s+){0,3}?(?:magazine|newsletter|weekly|publication|journal|bulletin|"
    r"журнал|издание|مجله|مجلة|صحيفة|نشرية)\s*,?\s*$",
    re.IGNORECASE,
)

_NEAR = 160  # characters between two mentions for a text relation


def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


def _between(text: str, left: Entity, right: Entity) -> str | None:
    if right.start < left.end or right.start - left.end > _NEAR:
        return None
    return text[left.end : right.start]


def _rel(
    kind: str, src: Entity, dst: Entity, evidence: list[Span], basis: str = "text"
) -> Relation:
    return Relation(
        kind, src.name, dst.name, evidence, src.type, dst.type,
        src.gazetteer_id, dst.gazetteer_id, basis,
    )  # fmt: skip


#: (left type, right type, pattern on the text between, relation, reversed?)
_PAIR_RULES: tuple[tuple[tuple[str, ...], tuple[str, ...], re.Pattern[str], str, bool], ...] = (
    (("person",), ("organization",), _MEMBER_BETWEEN, "member_of", False),
    (("organization",), ("person",), _LEADER_BETWEEN, "member_of", True),
    (("publication",), ("media_outlet", "organization"), _PUBLISHED_BETWEEN, "published_by",
     False),
    (("media_outlet", "organization"), ("publication",), _OUTLET_PUBLISHES, "published_by",
     True),
)  # fmt: skip


def _text_relations(text: str, entities: Sequence[Entity]) -> list[Relation]:
    out: list[Relation] = []
    ordered = sorted(entities, key=lambda e: e.start)
    for i, left in enumerate(ordered):
        for right in ordered[i + 1 : i + 6]:
            between = _between(text, left, right)
            if between is None:
                break
            for left_types, right_types, pattern, kind, flip in _PAIR_RULES:
                if left.type not in left_types or right.type not in right_types:
                    continue
                hit = (
                    pattern.fullmatch(between)
                    if flip and kind == "published_by"
                    else (pattern.search(between))
                )
                if hit:
                    ev = [_span(text, left.start, right.end)]
                    src, dst = (right, left) if flip else (left, right)
                    out.append(_rel(kind, src, dst, ev))
    return out


def _entity_relations(text: str, entities: Sequence[Entity]) -> list[Relation]:
    """What single entities state: aliases, issues of a publication."""
    out: list[Relation] = []
    for ent in entities:
        ev = [_span(text, ent.start, ent.end)]
        if ent.method != "gazetteer":
            for alias in ent.aliases:
                if alias and alias != ent.name:
                    out.append(
                        Relation("alias_of", alias, ent.name, ev, ent.type, ent.type,
                                 None, ent.gazetteer_id)
                    )  # fmt: skip
        issue = ent.attributes.get("issue")
        if ent.type == "publication" and isinstance(issue, int):
            out.append(
                Relation("issue_of", f"{ent.name} #{issue}", ent.name, ev, "publication_issue",
                         "publication", None, ent.gazetteer_id)
            )  # fmt: skip
    return out


def _gazetteer_relations(
    text: str, entities: Sequence[Entity], gazetteer: Gazetteer
) -> list[Relation]:
    first: dict[str, Entity] = {}
    for ent in entities:
        if ent.gazetteer_id and ent.gazetteer_id not in first:
            first[ent.gazetteer_id] = ent
    out: list[Relation] = []
    for gid, ent in first.items():
        entry = gazetteer.get(gid)
        if entry is None:
            continue
        for rel in entry.relations:
            kind = _GAZ_TO_TEXT.get(rel.type)
            other = first.get(rel.target)
            if kind is None or other is None or other is ent:
                continue
            ev = [_span(text, ent.start, ent.end), _span(text, other.start, other.end)]
            out.append(_rel(kind, ent, other, ev, basis="gazetteer"))
    return out


def _names(values: Sequence[str], entities: Sequence[Entity]) -> list[Entity | str]:
    by_name = {e.name: e for e in entities}
    return [by_name.get(v, v) for v in values]


def _event_relations(events: Sequence[Event], entities: Sequence[Entity]) -> list[Relation]:
    out: list[Relation] = []
    for index, event in enumerate(events):
        name = f"event:{index}"
        ev = list(event.evidence[:3])
        for group in event.claimed_by:
            ent = next((e for e in entities if e.name == group), None)
            out.append(
                Relation("claimed_by", name, group, ev, "event", "organization", None,
                         ent.gazetteer_id if ent else None)
            )  # fmt: skip
        if event.place:
            gid = event.place_ids[0] if event.place_ids else None
            out.append(
                Relation("located_in", name, event.place[0], ev, "event", "place", None, gid)
            )
        for actor in [*event.perpetrators, *event.claimed_by][:1]:
            aim = event.target or (event.place[0] if event.place else None)
            if aim:
                ent = next((e for e in entities if e.name == actor), None)
                out.append(
                    Relation("targets", actor, aim, ev, "organization",
                             "target" if event.target else "place",
                             ent.gazetteer_id if ent else None, None)
                )  # fmt: skip
    return out


def _mentions(text: str, entities: Sequence[Entity]) -> list[Relation]:
    """The item mentions a Telegram channel (the channel network's ``mention`` edges)."""
    seen: set[str] = set()
    out: list[Relation] = []
    for ent in entities:
        if ent.type == "channel" and ent.name not in seen:
            seen.add(ent.name)
            out.append(
                Relation("mentions", "item", ent.name, [_span(text, ent.start, ent.end)],
                         "item", "channel", None, ent.gazetteer_id)
            )  # fmt: skip
    return out


def build_relations(
    text: str,
    entities: Sequence[Entity],
    events: Sequence[Event],
    gazetteer: Gazetteer | None = None,
) -> list[Relation]:
    """Every relation the text supports, deduplicated, at most :data:`MAX_RELATIONS`."""
    found = [
        *_entity_relations(text, entities),
        *_text_relations(text, entities),
        *(_gazetteer_relations(text, entities, gazetteer) if gazetteer else []),
        *_event_relations(events, entities),
        *_mentions(text, entities),
    ]
    out: list[Relation] = []
    seen: set[tuple[str, str, str]] = set()
    for rel in found:
        key = (rel.type, rel.source, rel.target)
        if key in seen or rel.source == rel.target:
            continue
        seen.add(key)
        out.append(rel)
        if len(out) >= MAX_RELATIONS:
            break
    return out
