"""What STIX object each propwatch thing becomes, and which relationship types OpenCTI accepts.

OpenCTI refuses a relationship whose type it does not allow between the two entity types
(``related-to`` is allowed between anything). :func:`relationship_type` picks the specific
type when OpenCTI allows it for the pair and falls back to ``related-to`` otherwise; the
propwatch relation type always stays in the relationship (``x_propwatch_relation``).
The allowed pairs below are a conservative subset of OpenCTI's relationship schema.
"""

from __future__ import annotations

import uuid

__all__ = [
    "GROUP_KINDS",
    "OPENCTI_SCO_EXTENSION",
    "OPENCTI_SDO_EXTENSION",
    "PROPWATCH_NAMESPACE",
    "RELATION_TYPES",
    "SCO_NAMESPACE",
    "URL_SIGNALS",
    "WALLET_SIGNALS",
    "location_type",
    "relationship_type",
]

#: uuid5 namespace of every propwatch STIX id: the same thing gets the same id in every export,
#: so re-importing a later export into OpenCTI updates objects instead of duplicating them.
PROPWATCH_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "propwatch:stix:2.1")
#: The STIX 2.1 namespace for deterministic cyber-observable ids (spec section 2.9).
SCO_NAMESPACE = uuid.UUID("00abedb4-aa42-466c-9c01-fed23315a9b7")
#: OpenCTI's extension definitions for its own SDOs (channel, narrative) and SCOs (wallets).
OPENCTI_SDO_EXTENSION = "extension-definition--ea279b3e-5c71-4632-ac08-831c66a786ba"
OPENCTI_SCO_EXTENSION = "extension-definition--f93e2c80-4231-4f9a-af8b-95c9bd566a82"

#: Organization kinds (gazetteer ``kind``) exported as ``intrusion-set``; other organizations
#: (state bodies, agencies, parties, companies, unknown kinds) are ``identity`` objects.
GROUP_KINDS = frozenset(
    {
        "group",
        "wing",
        "movement",
        "faction",
        "affiliate",
        "branch",
        "network",
        "cell",
        "militia",
        "insurgent_group",
        "terrorist_group",
        "armed_group",
    }
)

#: Signal types exported as indicators: wallets -> ``cryptocurrency-wallet`` (OpenCTI's SCO),
#: URLs and Telegram links -> ``url``. Value: (observable type, label for names).
WALLET_SIGNALS: dict[str, str] = {
    "btc_address": "BTC",
    "eth_address": "ETH",
    "tron_address": "TRON",
    "xmr_address": "XMR",
}
URL_SIGNALS = frozenset({"url", "telegram_link", "telegram_invite"})

#: propwatch relation type -> the STIX relationship type wanted (if allowed for the pair).
RELATION_TYPES: dict[str, str] = {
    "claimed_by": "attributed-to",
    "published_by": "belongs-to",
    "channel_of": "belongs-to",
    "publication_of": "belongs-to",
    "issue_of": "related-to",
    "outlet_of": "related-to",
    "alias_of": "related-to",
    "successor_of": "related-to",
    "member_of": "part-of",
    "wing_of": "part-of",
    "located_in": "located-at",
    "targets": "targets",
    "forwarded_from": "amplifies",
    "forward": "amplifies",
    "mentions": "related-to",
    "mention": "related-to",
    "link": "related-to",
}

_IDENTITY = ("Identity-Individual", "Identity-Organization")
_LOCATION = (
    "Location-City",
    "Location-Country",
    "Location-Region",
    "Location-Administrative-Area",
)
_ACTOR = ("Intrusion-Set", "Threat-Actor")


def _pairs(sources: tuple[str, ...], targets: tuple[str, ...]) -> set[tuple[str, str]]:
    return {(s, t) for s in sources for t in targets}


_ALLOWED: dict[str, set[tuple[str, str]]] = {
    "attributed-to": _pairs(("Incident",), _ACTOR)
    | {("Intrusion-Set", "Threat-Actor")}
    | _pairs(("Threat-Actor",), _IDENTITY),
    "targets": _pairs(("Incident", "Channel", *_ACTOR), _IDENTITY + _LOCATION),
    "located-at": _pairs((*_IDENTITY, "Threat-Actor"), _LOCATION)
    | _pairs(("Location-City",), ("Location-Country", "Location-Region"))
    | _pairs(("Location-Administrative-Area",), ("Location-Country", "Location-Region"))
    | {("Location-Country", "Location-Region"), ("Location-Region", "Location-Region")},
    "part-of": _pairs(_IDENTITY, ("Identity-Organization",))
    | {("Identity-Individual", "Identity-Individual"), ("Threat-Actor", "Threat-Actor")},
    "belongs-to": _pairs(("Channel",), _IDENTITY + _ACTOR),
    "amplifies": {("Channel", "Channel")},
    "uses": {("Channel", "Narrative")},
    "based-on": {("Indicator", "Observable")},
    "indicates": _pairs(("Indicator",), (*_ACTOR, "Incident")),
}


def relationship_type(wanted: str, source_kind: str, target_kind: str) -> str:
    """``wanted`` when OpenCTI allows it from ``source_kind`` to ``target_kind``, else
    ``related-to``. Kinds are OpenCTI entity types (``Intrusion-Set``, ``Location-City``...)."""
    if (source_kind, target_kind) in _ALLOWED.get(wanted, set()):
        return wanted
    return "related-to"


def location_type(kind: str) -> str:
    """OpenCTI's location type for a gazetteer place kind."""
    return {
        "country": "Country",
        "region": "Region",
        "province": "Administrative-Area",
    }.get(kind, "City")
