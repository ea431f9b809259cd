"""GraphML / GEXF export: Gephi and networkx read the graph back with its figures and types."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from weakties.cli import cli

TEAM = Path(__file__).resolve().parent.parent / "sample_exports" / "team"


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("export")
    paths = {}
    for suffix in ("graphml", "gexf"):
        paths[suffix] = out / f"team.{suffix}"
        result = CliRunner().invoke(cli, ["export", str(TEAM), "-o", str(paths[suffix])])
        assert result.exit_code == 0, result.output
    return paths


@pytest.mark.parametrize("suffix,read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_export_reads_back_with_typed_figures(exported, suffix, read):
    H = read(exported[suffix])
    # The sample team is 129 contacts + 4 owners and 149 owner ties + 10 group ties
    # (sample_exports/README.md, designed facts).
    assert H.number_of_nodes() == 133
    assert H.number_of_edges() == 159
    alice = "https://www.linkedin.com/in/alice-lindqvist-3f9a21"
    node = H.nodes[alice]
    assert node["name"] == "Alice Lindqvist"
    assert node["owner"] is True
    assert isinstance(node["betweenness"], float)
    # lists (sources) are flattened to text so Gephi can show them
    assert isinstance(node["sources"], str)
    tie = next(d for _, _, d in H.edges(alice, data=True))
    assert isinstance(tie["strength"], float) and 0.0 <= tie["strength"] <= 1.0
    assert tie["tie_class"] in {"strong", "weak", "dormant"}


def test_export_refuses_an_unknown_suffix(tmp_path):
    result = CliRunner().invoke(cli, ["export", str(TEAM), "-o", str(tmp_path / "g.dot")])
    assert result.exit_code == 1
    assert "unknown export format '.dot'; use .graphml or .gexf" in result.output
    assert not (tmp_path / "g.dot").exists()


@pytest.mark.parametrize("suffix,read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_gephi_shows_names_as_labels(exported, suffix, read):
    # Opened as Gephi users do (networkx reads both formats back): every node's label is the
    # person's name, not the profile URL that is its id.
    H = read(exported[suffix])
    assert H.nodes["https://www.linkedin.com/in/alice-lindqvist-3f9a21"]["label"] == (
        "Alice Lindqvist")
    assert all(d["label"] == d["name"] for _, d in H.nodes(data=True))
    assert not any(d["label"].startswith(("http", "email:", "name:"))
                   for _, d in H.nodes(data=True))


def test_per_person_counts_are_numbers_for_each_end(exported):
    # A tie's {person: count} dicts (messages sent, endorsements, recommendations by each
    # side) are two numbers, for the edge's source and target as written, never '{}' text.
    import xml.etree.ElementTree as ET

    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.parse(exported["graphml"]).getroot()
    keys = {k.get("id"): k.get("attr.name") for k in root.iterfind("g:key", ns)}
    edges = {}
    for e in root.iterfind(".//g:edge", ns):
        data = {keys[d.get("key")]: d.text for d in e.iterfind("g:data", ns)}
        edges[(e.get("source"), e.get("target"))] = data
    assert not any(v.startswith("{") for d in edges.values() for v in d.values() if v)
    # Alice and Kwame Mensah: 19 messages, Alice sent 11 and Kwame 8; Alice endorsed him once
    # and he endorsed her three times (reciprocity.csv of the sample: 1 / 3, messages 11 / 8).
    alice = "https://www.linkedin.com/in/alice-lindqvist-3f9a21"
    kwame = "https://www.linkedin.com/in/kwame-mensah-ohf"
    (s, t), d = next((st, d) for st, d in edges.items() if set(st) == {alice, kwame})
    by = {s: "source", t: "target"}
    assert int(d["messages"]) == 19
    assert (int(d[f"sent_{by[alice]}"]), int(d[f"sent_{by[kwame]}"])) == (11, 8)
    assert (int(d[f"endorsed_by_{by[alice]}"]), int(d[f"endorsed_by_{by[kwame]}"])) == (1, 3)
