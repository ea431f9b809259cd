"""Edge lists (a whole network) and SNAP ego networks, checked against known answers.

The karate club and the Florentine families come from networkx (docs/concepts.md §13): 34 nodes and
78 ties, 15 families and 20 marriages.
"""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

import weakties
from weakties.cli import cli
from weakties.importers.edgelist import parse_edgelist, parse_snap_circles
from weakties.importers.registry import sniff

SAMPLES = Path(__file__).resolve().parent.parent / "sample_exports" / "formats"
KARATE_IDS = {str(i) for i in range(34)}


def run(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="weakties")


# --- whole networks ------------------------------------------------------------------------------


def test_karate_club_sample_is_34_people_and_78_ties():
    G, report = weakties.load(SAMPLES / "karate.txt")
    # Whitespace-separated "u v weight" with two "#" comment lines: ids as written.
    assert (G.number_of_nodes(), G.number_of_edges()) == (34, 78)
    assert set(G) == KARATE_IDS
    assert G.graph["whole_network"] is True
    assert G.graph["owners"] == []
    assert report.owners == []
    K = nx.karate_club_graph()
    assert {frozenset((str(u), str(v))) for u, v in K.edges} == {frozenset(e) for e in G.edges}
    # The weights of the file (interaction counts), e.g. 0-1 is 4.
    assert G.edges["0", "1"]["weight"] == K.edges[0, 1]["weight"] == 4
    assert G.edges["0", "1"]["kinds"] == ["edge"]
    # The line each row came from: 2 comment lines, so edge 0-1 is line 3.
    assert report.inputs[0]["rows"] == 78
    assert G.nodes["0"]["sources"][0].endswith("karate.txt:3")


@pytest.mark.parametrize(("text", "delimiter"), [
    ("{u},{v}", ","), ("{u}\t{v}", "tab"), ("  {u}   {v}  ", "spaces"), ("{u};{v}", ";"),
])
def test_karate_club_in_any_separator(tmp_path, text, delimiter):
    K = nx.karate_club_graph()
    lines = ["# karate club", ""] + [text.format(u=u, v=v) for u, v in K.edges]
    path = tmp_path / "karate.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    G, _ = weakties.load(path)
    assert (G.number_of_nodes(), G.number_of_edges(), set(G)) == (34, 78, KARATE_IDS)
    assert all(w == 1.0 for _, _, w in G.edges(data="weight"))  # none given


def test_gephi_header_florentine_families():
    assert sniff((SAMPLES / "florentine_gephi.csv").read_bytes(), "f.csv").name == "edgelist"
    G, _ = weakties.load(SAMPLES / "florentine_gephi.csv")
    F = nx.florentine_families_graph()
    assert (G.number_of_nodes(), G.number_of_edges()) == (15, 20)
    assert set(G) == set(F)
    from weakties.analysis import run as analyse

    result = analyse(G)
    # Padgett's broker: the Medici have the highest betweenness (0.522).
    assert result.people["betweenness"].idxmax() == "Medici"
    assert round(result.people["betweenness"].max(), 3) == 0.522


def test_parse_counts_and_skips():
    data = (b"% KONECT-style comment\nsource,target,weight\n"
            b"a,b,2\nb,a,5\n"  # the same tie twice: one edge, the largest weight
            b"c,,1\n"  # one node only: skipped
            b"c,d,heavy\n"  # a weight that is no number: skipped
            b"d,e\n")
    table = parse_edgelist(data, "e.csv")
    assert table.rows == 3
    assert dict(table.skipped) == {"only one node on the line": 1,
                                   "weight is not a number": 1}
    assert table.frame["line"].tolist() == [3, 4, 7]


def test_a_tie_listed_twice_keeps_the_largest_weight(tmp_path):
    path = tmp_path / "e.csv"
    path.write_text("Source,Target,Weight\na,b,2\nb,a,5\nb,c,\n", encoding="utf-8")
    G, _ = weakties.load(path)
    assert G.edges["a", "b"]["weight"] == 5.0
    assert G.edges["b", "c"]["weight"] == 1.0


def test_a_self_loop_is_dropped_and_counted(tmp_path):
    path = tmp_path / "e.txt"
    path.write_text("a b\nb b\n", encoding="utf-8")
    G, report = weakties.load(path)
    assert G.number_of_edges() == 1
    assert report.dropped == {"evidence linking a person to themselves": 1}


def test_a_headerless_two_column_file_inside_an_archive_is_not_an_edge_list():
    # LinkedIn's Company Follows.csv has two columns too: only a file given on its own is read
    # as a headerless edge list.
    data = b"Acme,5/1/20\nNimbus,6/2/21\n"
    assert sniff(data, "x/Company Follows.csv") is None
    assert sniff(data, "edges.csv", lone_file=True).name == "edgelist"


def test_whole_network_through_the_cli(tmp_path):
    out = tmp_path / "report"
    result = run("analyze", str(SAMPLES / "karate.txt"), "--out", str(out), "-q")
    assert result.exit_code == 0, result.output
    with (out / "people.csv").open(encoding="utf-8-sig") as fh:
        people = list(csv.DictReader(fh))
    assert {p["id"] for p in people} == KARATE_IDS
    assert "circles" not in people[0]  # only SNAP inputs have circles


# --- SNAP ego networks ---------------------------------------------------------------------------


def test_snap_ego_network_with_circles():
    G, report = weakties.load(SAMPLES / "snap" / "0.edges")
    # 0.edges lists 10 ties among alters 1..10, each twice (20 lines). 0.circles adds alter 11
    # (circle2), who has no tie among alters. People: the ego + 11 alters = 12. Ties: 10 among
    # alters + the ego's 11 = 21.
    assert (G.number_of_nodes(), G.number_of_edges()) == (12, 21)
    assert G.graph["owners"] == ["0"]
    assert G.graph["whole_network"] is False
    assert G.nodes["0"]["owner"] is True
    assert {i["format"] for i in report.inputs} == {"snap-edges", "snap-circles"}
    # Circles as a node attribute; 4 is in two circles; the ego and alter 10 in none.
    assert G.nodes["4"]["circles"] == ["circle0", "circle2"]
    assert G.nodes["11"]["circles"] == ["circle2"]
    assert "circles" not in G.nodes["10"]
    from weakties.analysis.evidence import evidence_level

    assert evidence_level(G) == "ego network"  # ties among the ego's contacts are observed


def test_snap_circles_survive_into_the_people_report(tmp_path):
    out = tmp_path / "report"
    result = run("analyze", str(SAMPLES / "snap" / "0.edges"), "--out", str(out), "-q")
    assert result.exit_code == 0, result.output
    with (out / "people.csv").open(encoding="utf-8-sig") as fh:
        circles = {row["id"]: row["circles"] for row in csv.DictReader(fh)}
    assert circles["4"] == "circle0; circle2"
    assert circles["8"] == "circle1"
    assert circles["0"] == circles["10"] == ""


def test_circles_given_as_an_input_are_read_with_their_edges():
    G, report = weakties.load([SAMPLES / "snap" / "0.edges", SAMPLES / "snap" / "0.circles"])
    assert (G.number_of_nodes(), len(report.inputs)) == (12, 2)


def test_a_folder_of_two_egos_is_two_owners(tmp_path):
    folder = tmp_path / "facebook"
    folder.mkdir()
    (folder / "0.edges").write_text("1 2\n2 1\n", encoding="utf-8")
    (folder / "0.circles").write_text("circle0\t1\t2\n", encoding="utf-8")
    (folder / "7.edges").write_text("2 3\n3 2\n", encoding="utf-8")
    (folder / "0.feat").write_text("1 0 1\n", encoding="utf-8")  # not read
    G, _ = weakties.load(folder)
    # Egos 0 and 7; alters 1, 2, 3 (2 is in both networks: same label, one person).
    assert sorted(G.graph["owners"]) == ["0", "7"]
    assert sorted(G) == ["0", "1", "2", "3", "7"]
    # 0-1, 0-2, 1-2 and 7-2, 7-3, 2-3.
    assert G.number_of_edges() == 6
    assert G.nodes["1"]["circles"] == ["circle0"]


def test_parse_snap_circles():
    table = parse_snap_circles(b"circle0\t1\t2\ncircle1\t3\ncircle2\n", "0.circles")
    assert table.frame[["circle", "member"]].values.tolist() == [
        ["circle0", "1"], ["circle0", "2"], ["circle1", "3"]]


# --- malformed files: one line, exit 1 -----------------------------------------------------------


@pytest.mark.parametrize(("name", "content", "message"), [
    ("wide.txt", b"0 1\n1 2 3 4\n",
     "{path}:2: expected 'u v [weight]' (two node labels and a number), found 4 or more "
     "fields; an edge list has one tie a line: give the file a header (Source,Target,Weight,…) "
     "if it has more columns"),
    ("gephi.csv", b"Source,Target,Weight\n",
     "{path}: has the edge list (a whole network) header but no rows; export it again"),
    ("3.circles", b"circle0\t1\t2\n",
     "{path}: a SNAP .circles file needs its .edges file: expected {stem}.edges next to it, "
     "found none; pass the .edges file (its .circles is read with it)"),
])
def test_malformed_edge_list_is_one_error_line(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    result = run("export", str(path), "-o", str(tmp_path / "g.graphml"))
    assert result.exit_code == 1
    expected = message.format(path=path, stem=path.with_suffix(""))
    assert result.output == "Error: " + expected + "\n"
