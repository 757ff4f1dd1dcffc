"""The STIX 2.1 export: a bundle stix2 parses back, in the forms OpenCTI imports, with every
reference resolving, evidence quoted, and the same ids on every export."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import stix2
from click.testing import CliRunner
from tests.export.graphs import CLAIM, GENESIS, HOSTILE_URL, sample_graph
from tests.export.stored import fill

from propwatch.cli.export_cmd import export_group
from propwatch.export import to_stix_bundle, write_stix
from propwatch.export.stix_rules import OPENCTI_SDO_EXTENSION
from propwatch.graph.model import GraphItem, KnowledgeGraph
from propwatch.knowledge.gazetteer_model import Gazetteer
from propwatch.store import open_store

CREATED = datetime(2024, 2, 1, tzinfo=UTC)


def bundle_of(graph: KnowledgeGraph | None = None, **options: Any) -> dict[str, Any]:
    options.setdefault("gazetteer", Gazetteer())
    options.setdefault("created", CREATED)
    return to_stix_bundle(graph or sample_graph(), **options)


def parsed(bundle: dict[str, Any]) -> Any:
    return stix2.parse(json.dumps(bundle), allow_custom=True)


def by_type(bundle: dict[str, Any], stix_type: str) -> list[dict[str, Any]]:
    return [o for o in bundle["objects"] if o["type"] == stix_type]


def named(bundle: dict[str, Any], name: str) -> dict[str, Any]:
    found: list[dict[str, Any]] = [o for o in bundle["objects"] if o.get("name") == name]
    assert len(found) == 1, (name, found)
    return found[0]


def relationships(bundle: dict[str, Any], relation: str) -> list[dict[str, Any]]:
    return [o for o in by_type(bundle, "relationship") if o["x_propwatch_relation"] == relation]


def test_bundle_parses_back_and_every_reference_resolves(tmp_path: Path) -> None:
    path = tmp_path / "bundle.json"
    summary = write_stix(sample_graph(), path, gazetteer=Gazetteer(), created=CREATED)
    bundle = json.loads(path.read_text(encoding="utf-8"))
    back = parsed(bundle)
    assert len(back.objects) == summary.objects == len(bundle["objects"])
    ids = {o["id"] for o in bundle["objects"]}
    assert len(ids) == len(bundle["objects"])  # no id twice
    for obj in bundle["objects"]:
        refs = [obj.get("created_by_ref"), obj.get("source_ref"), obj.get("target_ref")]
        refs += obj.get("object_refs", [])
        assert {r for r in refs if r} <= ids, obj["id"]
    counts = Counter(o["type"] for o in bundle["objects"])
    assert summary.by_type == dict(counts)
    assert counts["intrusion-set"] == 2 and counts["threat-actor"] == 1
    assert counts["incident"] == 1 and counts["report"] == 2 and counts["indicator"] == 2
    assert counts["location"] == 3  # Kerman, Iran, Central Asia; not the valley
    assert summary.skipped["place_without_country"] == 1
    assert summary.skipped["unresolved_relation"] == 1


def test_groups_outlets_persons_and_places_take_the_expected_forms() -> None:
    bundle = bundle_of()
    iskp = named(bundle, "Islamic State Khorasan Province")
    assert iskp["type"] == "intrusion-set"
    assert set(iskp["aliases"]) == {"ISKP", "ИГИЛ-Хорасан"}
    assert iskp["first_seen"] == "2024-01-04T18:00:00.000Z"
    amaq = named(bundle, "Amaq")
    assert amaq["type"] == "identity" and amaq["identity_class"] == "organization"
    assert amaq["roles"] == ["media-outlet"]
    ministry = named(bundle, "Ministry of Interior")
    assert ministry["type"] == "identity" and ministry["identity_class"] == "organization"
    member = named(bundle, "Abu Example al-Testi")
    assert member["type"] == "threat-actor" and member["resource_level"] == "individual"
    official = named(bundle, "Karim Officialov")
    assert official["type"] == "identity" and official["identity_class"] == "individual"
    kerman = named(bundle, "Kerman")
    assert (kerman["type"], kerman["country"], kerman["city"]) == ("location", "IR", "Kerman")
    assert kerman["x_opencti_location_type"] == "City"
    assert named(bundle, "Iran")["x_opencti_location_type"] == "Country"
    assert named(bundle, "Central Asia")["region"] == "central-asia"
    assert not [o for o in bundle["objects"] if o.get("name") == "Nameless Valley"]


def test_channels_publications_and_narratives_use_the_opencti_objects() -> None:
    bundle = bundle_of()
    channels = {o["name"]: o for o in by_type(bundle, "channel")}
    assert {"Example Sada channel", "Daily News", "Voice of Khurasan"} <= set(channels)
    sada = channels["Example Sada channel"]
    assert sada["channel_types"] == ["Telegram"]
    assert sada["extensions"] == {OPENCTI_SDO_EXTENSION: {"extension_type": "new-sdo"}}
    narratives = {o["x_propwatch_label"]: o for o in by_type(bundle, "narrative")}
    assert set(narratives) == {"anti_shia", "attack_claim"}
    anti_shia = narratives["anti_shia"]
    assert anti_shia["name"] == "Anti-Shia" and "Shia" in anti_shia["description"]
    assert anti_shia["external_references"][0]["external_id"] == "T0079"
    # Only the channel whose item was judged propaganda "uses" the narratives.
    uses = by_type(bundle, "relationship")
    uses = [r for r in uses if r["relationship_type"] == "uses"]
    assert {r["source_ref"] for r in uses} == {sada["id"]}
    assert {r["target_ref"] for r in uses} == {n["id"] for n in narratives.values()}


def test_incident_carries_figures_and_is_attributed_with_evidence() -> None:
    bundle = bundle_of()
    [incident] = by_type(bundle, "incident")
    assert incident["name"] == "Suicide bombing, Kerman, 2024-01-03"
    assert "Killed: at least 95 (according to state TV); 84" in incident["description"]
    assert incident["first_seen"] == "2024-01-03T00:00:00.000Z"
    assert incident["x_propwatch_killed"][0]["value"] == 95
    iskp = named(bundle, "Islamic State Khorasan Province")
    [claim] = relationships(bundle, "claimed_by")
    assert claim["relationship_type"] == "attributed-to"
    assert (claim["source_ref"], claim["target_ref"]) == (incident["id"], iskp["id"])
    assert CLAIM in claim["description"] and claim["x_propwatch_message_pks"] == [1]
    [place] = [r for r in relationships(bundle, "located_in") if r["source_ref"] == incident["id"]]
    assert place["relationship_type"] == "targets"
    assert place["target_ref"] == named(bundle, "Kerman")["id"]


def test_relationship_types_fall_back_to_related_to_where_opencti_refuses_them() -> None:
    bundle = bundle_of()
    kinds = {
        (r["x_propwatch_relation"], r["relationship_type"]) for r in by_type(bundle, "relationship")
    }
    assert ("located_in", "located-at") in kinds  # city -> country
    assert ("member_of", "part-of") in kinds  # official -> ministry (identities)
    assert ("member_of", "related-to") in kinds  # threat actor -> intrusion set
    assert ("wing_of", "related-to") in kinds  # intrusion set -> intrusion set
    assert ("published_by", "belongs-to") in kinds  # publication (channel) -> outlet
    assert ("forward", "amplifies") in kinds


def test_wallets_and_urls_become_indicators_with_valid_patterns() -> None:
    bundle = bundle_of()
    patterns = {o["pattern"]: o for o in by_type(bundle, "indicator")}
    wallet = patterns[f"[cryptocurrency-wallet:value = '{GENESIS}']"]
    assert wallet["indicator_types"] == ["attribution"]  # seen in an item judged propaganda
    assert "[url:value = 'https://example.org/a\\'b\\\\c']" in patterns
    observables = {o["value"]: o for o in by_type(bundle, "url")}
    assert observables[HOSTILE_URL]["id"] == stix2.URL(value=HOSTILE_URL).id
    assert by_type(bundle, "cryptocurrency-wallet")[0]["value"] == GENESIS
    based = [r for r in by_type(bundle, "relationship") if r["relationship_type"] == "based-on"]
    assert len(based) == 2
    back = parsed(bundle)  # stix2 validates every indicator pattern
    assert sum(1 for o in back.objects if o["type"] == "indicator") == 2


def test_reports_are_the_source_items_with_what_they_mention() -> None:
    bundle = bundle_of()
    reports = {r["x_propwatch_message_pk"]: r for r in by_type(bundle, "report")}
    claim = reports[1]
    assert claim["published"] == "2024-01-04T18:00:00.000Z"
    assert claim["name"] == "Example Sada channel #10"
    assert claim["external_references"][0]["external_id"] == "telegram:100/10"
    assert claim["description"].startswith(CLAIM)
    assert claim["labels"] == ["anti_shia", "attack_claim"]
    refs = set(claim["object_refs"])
    for name in ("Islamic State Khorasan Province", "Example Sada channel", "Anti-Shia"):
        assert named(bundle, name)["id"] in refs
    assert by_type(bundle, "incident")[0]["id"] in refs
    assert {i["id"] for i in by_type(bundle, "indicator")} <= refs
    assert relationships(bundle, "claimed_by")[0]["id"] in refs
    assert by_type(bundle, "incident")[0]["id"] not in set(reports[2]["object_refs"])


def test_ids_are_the_same_on_every_export() -> None:
    first = bundle_of(created=datetime(2024, 2, 1, tzinfo=UTC))
    again = bundle_of(created=datetime(2025, 6, 1, tzinfo=UTC))
    assert [o["id"] for o in first["objects"]] == [o["id"] for o in again["objects"]]
    assert first["id"] == again["id"]
    assert first["objects"][1]["created"] != again["objects"][1]["created"]


def test_hostile_text_survives_the_round_trip() -> None:
    graph = sample_graph()
    hostile = 'Line one\n"quoted" =cmd()|\' \u202eevil.exe\u202c العربية \x00 end'
    graph.items.append(
        GraphItem(3, "telegram:100", "11", None, "fa", hostile, "x.json", None, ["anti_shia"])
    )
    bundle = bundle_of(graph)
    back = parsed(bundle)
    [report] = [o for o in back.objects if o["type"] == "report" and o["name"].endswith("#11")]
    assert report["description"].startswith(hostile)
    assert report["lang"] == "fa"
    assert report["published"] == stix2.utils.parse_into_datetime("2024-02-01T00:00:00.000Z")


def test_an_empty_graph_is_a_valid_bundle_with_only_the_author() -> None:
    bundle = bundle_of(KnowledgeGraph(), identity_name="Research desk")
    assert [o["type"] for o in bundle["objects"]] == ["identity"]
    assert bundle["objects"][0]["name"] == "Research desk"
    assert len(parsed(bundle).objects) == 1


@pytest.mark.parametrize("date_value", ["2024-02-31", "2024-01", "99999-01-01", None])
def test_impossible_or_partial_event_dates_give_no_first_seen(date_value: str | None) -> None:
    graph = sample_graph()
    graph.events[0].date = date_value
    [incident] = by_type(bundle_of(graph), "incident")
    assert "first_seen" not in incident
    assert incident.get("x_propwatch_date") == date_value


def test_cli_writes_a_bundle_of_the_stored_graph(db_url: str, tmp_path: Path) -> None:
    with open_store(db_url) as store:
        fill(store)
    out = tmp_path / "bundle.json"
    result = CliRunner().invoke(
        export_group, ["stix", "--db", db_url, "-o", str(out)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    bundle = json.loads(out.read_text(encoding="utf-8"))
    assert f"wrote {len(bundle['objects'])} STIX objects to {out}" in result.stderr
    back = parsed(bundle)
    types = Counter(o["type"] for o in back.objects)
    assert types["report"] == 2 and types["incident"] == 1 and types["indicator"] == 1
    # The built-in gazetteer gives Kerman its country, so it is a location.
    kerman = named(bundle, "Kerman")
    assert (kerman["country"], kerman["x_opencti_location_type"]) == ("IR", "City")
    iskp = named(bundle, "Islamic State Khorasan Province")
    assert iskp["type"] == "intrusion-set"  # it claimed an attack
    [claim] = relationships(bundle, "claimed_by")
    assert claim["relationship_type"] == "attributed-to"
    assert claim["source_ref"] == by_type(bundle, "incident")[0]["id"]
    # Exporting again gives the same ids (OpenCTI updates instead of duplicating).
    CliRunner().invoke(export_group, ["stix", "--db", db_url, "-o", str(tmp_path / "b2.json")])
    again = json.loads((tmp_path / "b2.json").read_text(encoding="utf-8"))
    assert {o["id"] for o in again["objects"]} == {o["id"] for o in bundle["objects"]}


def test_cli_refuses_an_output_in_a_missing_folder(tmp_path: Path) -> None:
    out = tmp_path / "missing" / "bundle.json"
    result = CliRunner().invoke(
        export_group, ["stix", "--db", str(tmp_path / "x.db"), "-o", str(out)]
    )
    assert result.exit_code == 2 and "does not exist" in result.stderr
