"""The Spark engine (weakties.analysis.spark) against the local engine and networkx, exactly.

Every figure is compared with two independent answers: the single-machine engine (igraph
triangles and bridges) and networkx's own functions (``nx.bridges``, ``nx.local_bridges``,
``nx.common_neighbors``, ``nx.connected_components``), plus the known answers of the graphs
(karate club: the only bridge is 0-11; Florentine families: Medici's betweenness 0.522).
One Spark session serves the whole run (tests/conftest.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

import weakties
from weakties.analysis import second_degree
from weakties.analysis._table import edge_table
from weakties.analysis.engine import Engine, LocalEngine
from weakties.analysis.params import Params
from weakties.cli import cli
from weakties.errors import WeaktiesError

REPO = Path(__file__).resolve().parent.parent
TEAM = REPO / "sample_exports" / "team"
FLORENTINE_CSV = REPO / "sample_exports" / "formats" / "florentine_gephi.csv"


def _str(G: nx.Graph) -> nx.Graph:
    return nx.relabel_nodes(G, str)


def bridges_and_pendants() -> nx.Graph:
    """Two triangles joined by a path (every path tie a bridge), pendant trees (bridges), a
    4-cycle (four local bridges, none a bridge: contracted, it is still a cycle), two triangles
    joined by two disjoint ties (local bridges in parallel between the same two components:
    not bridges), and a tie a-d with no common neighbour whose ends are joined by a chain of
    triangles (a local bridge inside one component: on a cycle, not a bridge)."""
    G = nx.Graph()
    G.add_edges_from([("t1", "t2"), ("t2", "t3"), ("t1", "t3")])          # triangle 1
    G.add_edges_from([("u1", "u2"), ("u2", "u3"), ("u1", "u3")])          # triangle 2
    G.add_edges_from([("t3", "p1"), ("p1", "p2"), ("p2", "u1")])          # path: 3 bridges
    G.add_edges_from([("u2", "leaf1"), ("leaf1", "leaf2"), ("leaf1", "leaf3")])  # a tree
    G.add_edges_from([("t1", "c1"), ("c1", "c2"), ("c2", "c3"), ("c3", "c4"), ("c4", "c1")])
    G.add_edges_from([("x1", "x2"), ("x2", "x3"), ("x1", "x3"),           # two triangles...
                      ("y1", "y2"), ("y2", "y3"), ("y1", "y3"),
                      ("x1", "y1"), ("x2", "y2"),                          # ...joined twice
                      ("x3", "t2")])                                       # and to the rest
    # triangles a-b-x, b-c-y, c-d-z, and the tie a-d closing the chain without a triangle
    G.add_edges_from([("a", "b"), ("b", "ab"), ("a", "ab"), ("b", "c"), ("c", "bc"),
                      ("b", "bc"), ("c", "d"), ("d", "cd"), ("c", "cd"), ("a", "d"),
                      ("d", "u3")])
    return G


def several_components() -> nx.Graph:
    """A path, a triangle with a pendant, a star, a lone tie -- four components -- and a
    person with no tie at all (a component of one)."""
    G = nx.Graph([("p0", "p1"), ("p1", "p2"), ("p2", "p3"),
                  ("k0", "k1"), ("k1", "k2"), ("k0", "k2"), ("k2", "k3"),
                  ("s", "s1"), ("s", "s2"), ("s", "s3"), ("s", "s4"),
                  ("solo1", "solo2")])
    G.add_node("alone")
    return G


GRAPHS = {
    "karate": lambda: _str(nx.karate_club_graph()),
    "florentine": lambda: _str(nx.florentine_families_graph()),
    "bridges and pendants": bridges_and_pendants,
    "several components": several_components,
    "team": lambda: weakties.load([TEAM])[0],
}


@pytest.fixture(scope="module")
def engines(spark):
    from weakties.analysis.spark import SparkEngine

    return SparkEngine(spark), LocalEngine()


@pytest.fixture(scope="module")
def solved(engines):
    """``solve(name)``: (graph, table, the Spark engine's answers, the local engine's answers),
    each graph solved once per run."""
    done: dict[str, tuple] = {}

    def solve(name: str) -> tuple:
        if name not in done:
            G = GRAPHS[name]()
            table = edge_table(G)
            answers = [{"mutual": engine.mutual_contacts(table),
                        "bridges": engine.bridges(table),
                        "components": engine.components(table)} for engine in engines]
            done[name] = (G, table, *answers)
        return done[name]

    return solve


@pytest.fixture(params=list(GRAPHS))
def case(request, solved):
    """(name, graph, table, the Spark engine's answers, the local engine's answers)."""
    return (request.param, *solved(request.param))


def _ties(table, mask) -> set[tuple[str, str]]:
    ids = table.nodes
    return {(ids[a], ids[b]) for a, b in zip(table.s[mask].tolist(), table.t[mask].tolist(),
                                            strict=True)}


def _key(u: str, v: str) -> tuple[str, str]:
    return (u, v) if u < v else (v, u)


def test_engines_follow_the_protocol(engines):
    assert all(isinstance(e, Engine) for e in engines)


def test_mutual_contacts_equal(case):
    name, G, table, spark, local = case
    assert spark["mutual"].dtype == np.int64
    np.testing.assert_array_equal(spark["mutual"], local["mutual"])
    ids = table.nodes
    expected = [len(list(nx.common_neighbors(G, ids[a], ids[b])))
                for a, b in zip(table.s.tolist(), table.t.tolist(), strict=True)]
    assert spark["mutual"].tolist() == expected


def test_local_bridges_equal(case):
    name, G, table, spark, local = case
    assert _ties(table, spark["mutual"] == 0) == _ties(table, local["mutual"] == 0)
    assert _ties(table, spark["mutual"] == 0) == {
        _key(u, v) for u, v in nx.local_bridges(G, with_span=False)}


def test_bridges_equal(case):
    name, G, table, spark, local = case
    np.testing.assert_array_equal(spark["bridges"], local["bridges"])
    assert _ties(table, spark["bridges"]) == {_key(u, v) for u, v in nx.bridges(G)}


def test_components_equal(case):
    name, G, table, spark, local = case
    np.testing.assert_array_equal(spark["components"], local["components"])
    expected = np.empty(table.n, dtype=np.int64)
    for part in nx.connected_components(G):
        at = [table.index[p] for p in part]
        expected[at] = min(at)
    np.testing.assert_array_equal(spark["components"], expected)


def test_known_answers(solved):
    _, karate, spark, _ = solved("karate")
    # Zachary's karate club: member 11 knows only the instructor (0), its one bridge
    assert _ties(karate, spark["bridges"]) == {("0", "11")}
    _, table, spark, _ = solved("bridges and pendants")
    found = _ties(table, spark["bridges"])
    # the path, the tree, the tie into the 4-cycle, and the one tie into each other block
    assert found == {("p1", "t3"), ("p1", "p2"), ("p2", "u1"), ("leaf1", "u2"),
                     ("leaf1", "leaf2"), ("leaf1", "leaf3"), ("c1", "t1"), ("t2", "x3"),
                     ("d", "u3")}
    local_only = _ties(table, spark["mutual"] == 0) - found
    # the 4-cycle, the two parallel ties between the x and y triangles, and a-d: on cycles
    assert local_only == {("c1", "c2"), ("c2", "c3"), ("c3", "c4"), ("c1", "c4"),
                          ("x1", "y1"), ("x2", "y2"), ("a", "d")}
    _, table, spark, _ = solved("several components")
    assert len(set(spark["components"].tolist())) == 5


def test_second_degree_equal(engines):
    """Every owner of the team: the same (introducer, person) pairs as the local engine and as
    networkx's dict-based find_introducers, so the same introducer counts."""
    G = weakties.load([TEAM])[0]
    owners = G.graph["owners"]
    table = edge_table(G)
    skip = [table.index[o] for o in owners]
    spark_engine, local_engine = engines
    pairs = 0
    for owner in owners:
        io = table.index[owner]
        c, x = spark_engine.introducer_pairs(table, io, skip)
        lc, lx = local_engine.introducer_pairs(table, io, skip)
        np.testing.assert_array_equal(c, lc)
        np.testing.assert_array_equal(x, lx)
        expected = second_degree.find_introducers(G, owner, owners)
        found: dict[str, list[str]] = {}
        for a, b in zip(c.tolist(), x.tolist(), strict=True):
            found.setdefault(table.nodes[b], []).append(table.nodes[a])
        assert found == expected
        pairs += len(c)
    assert pairs > 0


def test_betweenness_equal(engines):
    spark_engine, local_engine = engines
    G = _str(nx.florentine_families_graph())
    table = edge_table(G)
    values, info = spark_engine.betweenness(table)
    assert (info["method"], info["k"], info["engine"], info["guarantee"]) == (
        "exact", None, "spark", "exact")
    assert round(float(values[table.index["Medici"]]), 3) == 0.522
    expected = nx.betweenness_centrality(G)
    np.testing.assert_allclose(values, [expected[n] for n in table.nodes], rtol=1e-12)
    # sampled (Spark only; one machine uses KADABRA): networkx's estimator on the same k
    # sources, drawn with the same seed from the sorted nodes, gives the same estimate.
    params = Params(exact_betweenness_max_nodes=10, betweenness_k=6, seed=3)
    values, info = spark_engine.betweenness(table, params)
    assert (info["method"], info["k"]) == ("sampled", 6)
    assert info["guarantee"].startswith("none")
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(G))
    ordered.add_edges_from(G.edges())
    reference = nx.betweenness_centrality(ordered, k=6, seed=3)
    np.testing.assert_allclose(values, [reference[n] for n in table.nodes], rtol=1e-12,
                               atol=1e-15)
    assert local_engine.betweenness(table, params)[1]["method"] == "exact"  # 15 x 20 work


def _self_loop() -> nx.Graph:
    """A triangle, a pendant tie c-d (a bridge) and a self-loop d-d: with a self-loop the
    set-based per-tie code counts mutual contacts, the engine finds the bridges."""
    G = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("c", "d"), ("d", "d")])
    G.graph.update(owners=[], whole_network=True, as_of="")
    return G


@pytest.mark.parametrize("make", [
    lambda: weakties.load([TEAM / "alice.zip"])[0],  # an ego network: bridges among contacts
    _self_loop,
], ids=["ego network", "self-loop"])
def test_run_gives_the_same_ties_on_both_engines(engines, make):
    from weakties.analysis import run

    G = make()
    local = run(G)
    spark = run(G, engine=engines[0])
    assert spark.evidence_level == local.evidence_level
    pd.testing.assert_frame_equal(spark.ties, local.ties)
    assert local.ties["local_bridge"].fillna(False).any()


def _invoke(*args: str):
    result = CliRunner().invoke(cli, list(args), prog_name="weakties")
    assert result.exit_code == 0, result.output + repr(result.exception)
    return result


def test_analyze_engine_spark_writes_the_same_report(spark, tmp_path):
    _invoke("analyze", str(TEAM), "--out", str(tmp_path / "local"), "-q")
    _invoke("analyze", str(TEAM), "--engine", "spark", "--out", str(tmp_path / "spark"), "-q")
    for name in ("ties.csv", "second_degree.csv", "clusters.csv", "reconnect.csv"):
        assert (tmp_path / "spark" / name).read_bytes() == (tmp_path / "local" / name).read_bytes()
    ties = pd.read_csv(tmp_path / "spark" / "ties.csv")
    assert ties["bridge"].sum() > 0 and ties["local_bridge"].sum() > ties["bridge"].sum()
    people = [pd.read_csv(tmp_path / side / "people.csv") for side in ("local", "spark")]
    np.testing.assert_allclose(people[1]["betweenness"], people[0]["betweenness"], rtol=1e-9)
    summary = json.loads((tmp_path / "spark" / "summary.json").read_text(encoding="utf-8"))
    assert summary["figures"]["betweenness"]["engine"] == "spark"


def _edges_with_extras(tmp_path: Path) -> pd.DataFrame:
    """The Florentine families (the Gephi CSV in sample_exports), plus a separate tie whose
    end starts like a formula, a duplicate row with a larger weight and a self-loop."""
    edges = pd.read_csv(FLORENTINE_CSV)
    extra = pd.DataFrame({"Source": ["=cmd", "Medici", "Medici"],
                          "Target": ["Zeta", "Acciaiuoli", "Medici"],
                          "Weight": [1.0, 7.0, 1.0]})
    edges = pd.concat([edges, extra], ignore_index=True)
    edges.to_csv(tmp_path / "edges.csv", index=False)
    return edges


def test_edge_list_read_by_spark(spark, tmp_path):
    edges = _edges_with_extras(tmp_path)
    edges.to_parquet(tmp_path / "edges.parquet", index=False)
    _invoke("analyze", str(tmp_path / "edges.csv"), "--out", str(tmp_path / "local"), "-q")
    _invoke("analyze", str(tmp_path / "edges.parquet"), "--engine", "spark",
            "--out", str(tmp_path / "parquet"), "-q")
    local = pd.read_csv(tmp_path / "local" / "ties.csv", keep_default_na=False)
    local_people = pd.read_csv(tmp_path / "local" / "people.csv", keep_default_na=False)
    figures = ["source", "target", "weight", "mutual_contacts", "overlap", "bridge",
               "local_bridge"]
    for side in ("parquet",):
        ties = pd.read_csv(tmp_path / side / "ties.csv", keep_default_na=False)
        people = pd.read_csv(tmp_path / side / "people.csv", keep_default_na=False)
        assert list(ties.columns) == list(local.columns)
        assert list(people.columns) == [*local_people.columns, "component"]
        pd.testing.assert_frame_equal(ties[figures], local[figures])
        assert (ties["span"] == "").all() and (ties["tie_class"] == "").all()
        assert ties.loc[ties["target"] == "Zeta", "source"].tolist() == ["'=cmd"]
        by_id = people.set_index("id")
        assert by_id.loc["Acciaiuoli", "component"] == "Acciaiuoli"  # the smallest id
        assert by_id.loc["Zeta", "component"] == "'=cmd"
        assert by_id["degree"].to_dict() == local_people.set_index("id")["degree"].to_dict()
        summary = json.loads((tmp_path / side / "summary.json").read_text(encoding="utf-8"))
        assert summary["figures"]["components"] == 2
        assert summary["figures"]["bridges"] == int(local["bridge"].sum())
        assert summary["inputs"][0]["skipped_reasons"] == {"self-loop": 1}


def test_csv_edge_list_read_by_spark(spark, tmp_path):
    """A CSV given as a URL is read by Spark into the same ties as the Parquet file."""
    from weakties.analysis.spark import read_edge_list

    edges = _edges_with_extras(tmp_path)
    edges.to_parquet(tmp_path / "edges.parquet", index=False)
    found = []
    for path in ((tmp_path / "edges.csv").as_uri(), str(tmp_path / "edges.parquet")):
        ties, dropped = read_edge_list(spark, path)
        found.append(ties.orderBy("source", "target").toPandas())
        assert dropped == {"rows": len(edges), "missing_endpoint": 0, "self_loops": 1}
    pd.testing.assert_frame_equal(found[0], found[1])
    ties = found[0].set_index(["source", "target"])
    assert ties.loc[("Acciaiuoli", "Medici"), "weight"] == 7.0  # the larger of a tie listed twice
    assert len(ties) == len(edges) - 2  # less the duplicate and the self-loop


def test_edge_list_without_endpoint_columns(spark, tmp_path):
    pd.DataFrame({"a": [1], "b": [2]}).to_parquet(tmp_path / "bad.parquet")
    result = CliRunner().invoke(cli, ["analyze", str(tmp_path / "bad.parquet"), "--engine",
                                      "spark", "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "expected an edge list with columns Source,Target" in result.output


def test_missing_java_is_one_clear_error(monkeypatch):
    pytest.importorskip("pyspark")
    from weakties.analysis import spark

    monkeypatch.setattr(spark.shutil, "which", lambda name: None)
    monkeypatch.delenv("JAVA_HOME", raising=False)
    with pytest.raises(WeaktiesError, match=r"needs Java .*install weakties\[spark\]"):
        spark.session("local[1]")


def test_missing_pyspark_is_one_clear_error(monkeypatch):
    import sys

    from weakties.analysis import spark

    monkeypatch.setitem(sys.modules, "pyspark.sql", None)
    with pytest.raises(WeaktiesError, match=r"needs pyspark: install weakties\[spark\]"):
        spark.session()


def test_edge_list_read_by_spark_refuses_options_it_cannot_honour(spark, tmp_path):
    # --anonymize silently ignored would leak names: a usage error instead
    pd.DataFrame({"Source": ["a"], "Target": ["b"]}).to_parquet(tmp_path / "e.parquet")
    result = CliRunner().invoke(cli, ["analyze", str(tmp_path / "e.parquet"), "--engine",
                                      "spark", "--anonymize", "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "--anonymize: not available for an edge list Spark reads itself" in result.output
    assert not (tmp_path / "out").exists()


def test_every_engine_choice_has_an_engine():
    from weakties.analysis.engine import ENGINES
    from weakties.analysis.spark import SparkEngine

    option = next(p for p in cli.commands["analyze"].params if p.name == "engine")
    assert tuple(option.type.choices) == ENGINES
    assert (LocalEngine.name, SparkEngine.name) == ENGINES
    assert option.default == ENGINES[0]


def test_spark_master_needs_the_spark_engine():
    result = CliRunner().invoke(cli, ["analyze", str(TEAM), "--spark-master", "local[1]"])
    assert result.exit_code == 2
    assert "--spark-master needs --engine spark" in result.output
