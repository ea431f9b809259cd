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
