"""GEXF and GraphML exports: readable back by networkx with every node and edge, attributes
intact, hostile text (control characters, bidi, quotes) written as valid XML."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import networkx as nx
import pytest
from click.testing import CliRunner
from tests.export.graphs import CLAIM, sample_graph
from tests.export.stored import fill

from propwatch.cli.export_cmd import export_group
from propwatch.export import to_networkx, write_gexf, write_graphml
from propwatch.graph.model import KnowledgeGraph
from propwatch.store import open_store

# 11 entities + 1 event + 2 channels + the @handle a channel mentions + 2 unresolved names
NODES = 17
# 7 relations + 2 channel edges (the event's claim and place are already relations or added)
EDGES = 10


def test_nodes_and_edges_of_the_graph() -> None:
    net = to_networkx(sample_graph())
    assert net.number_of_nodes() == NODES
    assert net.number_of_edges() == EDGES
    iskp = net.nodes["entity:1"]
    assert (iskp["label"], iskp["type"], iskp["category"]) == (
        "Islamic State Khorasan Province",
        "organization",
        "entity",
    )
    assert json.loads(iskp["aliases"]) == [
        "Islamic State Khorasan Province",
        "ISKP",
        "ИГИЛ-Хорасан",
    ]
    event = net.nodes["event:40"]
    assert event["type"] == "event" and event["killed"] == 95 and event["date"] == "2024-01-03"
    claims = net.get_edge_data("event:40", "entity:1")
    assert [d["relation"] for d in claims.values()] == ["claimed_by"]
    [claim] = claims.values()
    assert json.loads(claim["evidence"])[0]["text"] == CLAIM
    # The event names its place; no relation said so, so the export links it.
    [place] = net.get_edge_data("event:40", "entity:7").values()
    assert (place["relation"], place["category"]) == ("located_in", "event")
    [forward] = net.get_edge_data("channel:telegram:100", "channel:telegram:200").values()
    assert (forward["relation"], forward["weight"]) == ("forward", 3)
    assert net.nodes["name:unknown thing"]["type"] == "unresolved"


def test_every_attribute_has_one_scalar_type() -> None:
    net = to_networkx(sample_graph())
    for _, data in net.nodes(data=True):
        assert all(isinstance(v, str | int | float) for v in data.values())
    types: dict[str, set[type]] = {}
    for _, data in net.nodes(data=True):
        for name, value in data.items():
            types.setdefault(name, set()).add(type(value))
    assert all(len(found) == 1 for found in types.values()), types


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_files_read_back_with_the_same_counts(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"graph.{fmt}"
    writer = write_gexf if fmt == "gexf" else write_graphml
    nodes, edges = writer(sample_graph(), path)
    assert (nodes, edges) == (NODES, EDGES)
    back = nx.read_gexf(path) if fmt == "gexf" else nx.read_graphml(path)
    assert back.number_of_nodes() == NODES
    assert back.number_of_edges() == EDGES
    label = back.nodes["entity:1"].get("label")
    assert label == "Islamic State Khorasan Province"
    assert back.nodes["event:40"]["killed"] == 95


def test_gexf_edges_keep_gexf_reserved_attributes_free(tmp_path: Path) -> None:
    path = tmp_path / "graph.gexf"
    write_gexf(sample_graph(), path)
    root = ElementTree.parse(path).getroot()
    edges = [e for e in root.iter() if e.tag.endswith("}edge")]
    assert len(edges) == EDGES
    assert {e.get("type") for e in edges} <= {None, "directed"}  # not "claimed_by"


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_hostile_names_are_written_as_valid_xml(tmp_path: Path, fmt: str) -> None:
    graph = sample_graph()
    hostile = 'Канал "<b>&amp;</b>" \x00\x07\x1b =cmd() \u202eexe.txt\u202c عربي \ufffe'
    graph.entities[0].name = hostile
    graph.entities[0].aliases.append("\x0c form feed")
    path = tmp_path / f"graph.{fmt}"
    (write_gexf if fmt == "gexf" else write_graphml)(graph, path)
    back = nx.read_gexf(path) if fmt == "gexf" else nx.read_graphml(path)
    label = back.nodes["entity:1"]["label"]
    assert label == 'Канал "<b>&amp;</b>"  =cmd() \u202eexe.txt\u202c عربي '
    assert "form feed" in back.nodes["entity:1"]["aliases"]


def test_empty_graph_writes_an_empty_file_gephi_can_open(tmp_path: Path) -> None:
    assert write_gexf(KnowledgeGraph(), tmp_path / "g.gexf") == (0, 0)
    assert nx.read_gexf(tmp_path / "g.gexf").number_of_nodes() == 0


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_cli_writes_the_stored_graph(db_url: str, tmp_path: Path, fmt: str) -> None:
    with open_store(db_url) as store:
        fill(store)
    out = tmp_path / f"graph.{fmt}"
    result = CliRunner().invoke(
        export_group,
        [fmt, "--db", db_url, "-o", str(out), "--channel", "telegram:100"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    back = nx.read_gexf(out) if fmt == "gexf" else nx.read_graphml(out)
    assert f"wrote {back.number_of_nodes()} nodes and {back.number_of_edges()} edges" in (
        result.stderr
    )
    labels = {d.get("label") for _, d in back.nodes(data=True)}
    assert {"Islamic State Khorasan Province", "Kerman", "Amaq", "Demo channel"} <= labels
    claims = [d for _, _, d in back.edges(data=True) if d.get("relation") == "claimed_by"]
    assert len(claims) == 1
