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
from weakties.errors import InputError
from weakties.importers.edgelist import (
    HEADERLESS_NOTE,
    parse_edgelist,
    parse_snap_circles,
    sniff_edges,
)
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
    data = b"Acme,Nimbus\nNimbus,Globex\n"
    assert sniff(data, "x/Company Follows.csv") is None
    assert sniff(data, "edges.csv", lone_file=True).name == "edgelist"
    # Company Follows.csv itself (a company and a date) is no edge list even on its own.
    with pytest.raises(InputError, match="dated records"):
        sniff(b"Acme,5/1/20\nNimbus,6/2/21\n", "follows.csv", lone_file=True)


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


# --- the headerless sniff: edge lists in, chats, logs and prose out (issue 19) ---------------

NOT_EDGES = {
    # WhatsApp Android (two locales) and iOS: a timestamp, then "Name: text".
    "whatsapp-android.txt": "06/03/2017, 00:45 - Sample User: This is a test message\n"
                            "06/03/2017, 00:46 - Other Person: Ok see you there\n" * 3,
    "whatsapp-android-24h.txt": "3.6.24, 21:25 - Anne: Kommst du morgen?\n"
                                "3.6.24, 21:26 - Bo: Ja klar\n" * 3,
    "whatsapp-ios.txt": "[06.03.24, 21:25:15] Anne Jansen: Are you coming tomorrow?\n"
                        "[06.03.24, 21:26:02] Bo: yes of course\n" * 3,
    # Telegram / Slack copied as text: a clock time, a name, the message.
    "telegram.txt": "Anne, [06.03.24 21:25]\nAre you coming\n" * 3,
    "slack.txt": "[9:41 AM] Alice: hi, how are you\n[9:42 AM] Bob: fine, thanks\n" * 3,
    # Application logs (Python logging writes a comma before the milliseconds), a web log.
    "app.log": "2024-01-02 12:00:01,123 INFO server: Starting on port 8080\n"
               "2024-01-02 12:00:02,456 WARNING db: slow query took 2s\n" * 3,
    "access.log": '10.0.0.1 - - [10/Oct/2024:13:55:36 -0700] "GET /a.gif HTTP/1.0" 200 2326\n'
                  '10.0.0.2 - - [10/Oct/2024:13:55:38 -0700] "GET / HTTP/1.0" 200 512\n' * 3,
    # A CSV of transactions, with or without its header; a ledger of ids and words.
    "transactions.csv": "2024-01-03,Coffee shop,4.50\n2024-01-04,Groceries,-45.20\n" * 3,
    "transactions-header.csv": "Date,Description,Amount\n2024-01-03,Coffee shop,4.50\n",
    "ledger.csv": "1001,Coffee shop\nRent,2\n1003,Groceries\nSalary,4\n1005,Cinema\n",
    # Markdown with commas, and prose.
    "notes.md": "# Notes\n\nMet Anne at the conference, she works on graphs.\n"
                "- Follow up with Bob, Carol\n- Send slides to Dan, Eve\n"
                "See [the agenda](https://example.org), and the list below.\n",
    "prose.txt": "We met in Lisbon last spring, and then again in Porto\n"
                 "It rained all week, so we stayed in and talked about work\n" * 3,
}


@pytest.mark.parametrize("name", sorted(NOT_EDGES))
def test_sniff_refuses_what_is_no_edge_list(name):
    assert sniff_edges(NOT_EDGES[name].encode())[0] is False


@pytest.mark.parametrize(("name", "looks"), [
    ("app.log", "chat or log lines"), ("transactions.csv", "dated records"),
    ("notes.md", "text (sentences or markup"), ("prose.txt", "text (sentences or markup"),
    ("ledger.csv", "a table whose column 1 mixes numbers and text"),
    ("slack.txt", "chat or log lines")])
def test_a_lookalike_given_alone_is_one_error_line(tmp_path, name, looks):
    path = tmp_path / name
    path.write_text(NOT_EDGES[name], encoding="utf-8")
    result = CliRunner().invoke(cli, ["analyze", str(path), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    (line,) = result.output.splitlines()
    assert line.startswith(f"Error: {path}: not a recognised export: its lines look like {looks}")
    assert "expected an export as its service wrote it" in line
    assert not (tmp_path / "o").exists()


EDGES = {  # file: (text, ties)
    "numbers.txt": ("0 1\n0 2\n1 2\n2 3\n", 4),
    "numbers-weighted.csv": ("1,2,0.5\n2,3,1\n3,1,2.5e-1\n", 3),
    "names.csv": ("Anne Jansen,Bo Chen\nBo Chen,Maria de la Cruz\nMaria de la Cruz,Anne Jansen\n",
                  3),
    "names-tabs.tsv": ("Anne Jansen\tBo Chen\t3\nBo Chen\tCy\t1\n", 2),
    "names-semicolon.csv": ("anne;bo;2\nbo;cy;1\n", 2),
    "ids-spaces.txt": ("u1   u2  4\nu2 u3 1\n# a comment\nu3 u1\n", 3),
    "ips.csv": ("10.0.0.1,10.0.0.2\n10.0.0.2,192.168.1.7\n", 2),
    "handles.csv": ("@anne,@bo\n@bo,@cy\nanne@example.org,bo@example.org\n", 3),
}


@pytest.mark.parametrize("name", sorted(EDGES))
def test_sniff_accepts_plain_edge_lists_and_says_it_guessed(tmp_path, name):
    text, ties = EDGES[name]
    assert sniff_edges(text.encode()) == (True, "")
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    G, report = weakties.load(path)
    assert G.number_of_edges() == ties
    # The guess is visible: a note on the input, in the terminal and summary.json.
    assert report.inputs[0]["format"] == "edgelist"
    assert HEADERLESS_NOTE in report.inputs[0]["notes"]


def test_an_edge_list_with_a_header_carries_no_guess_note(tmp_path):
    path = tmp_path / "edges.csv"
    path.write_text("Source,Target\na,b\n", encoding="utf-8")
    _, report = weakties.load(path)
    assert report.inputs[0]["notes"] == []


# --- ids that start with a comment mark (issue 18) -------------------------------------------


@pytest.mark.parametrize("text", [
    "Source,Target\n#general,alice\nalice,%bob\n%ops,#general\n",
    "source\ttarget\n#general\talice\nalice\t%bob\n%ops\t#general\n",
    "u v\n#general alice\nalice %bob\n%ops #general\n",
    'Source,Target,Weight\n"#general",alice,1\nalice,%bob,2\n%ops,#general,3\n',
])
def test_after_a_header_a_label_may_start_with_a_comment_mark(tmp_path, text):
    # Every line after the header is a row of its columns: three ties, none lost.
    path = tmp_path / "edges.txt"
    path.write_text(text, encoding="utf-8")
    G, report = weakties.load(path)
    assert sorted(map(sorted, G.edges())) == [["#general", "%ops"], ["#general", "alice"],
                                              ["%bob", "alice"]]
    assert report.inputs[0]["rows"] == 3 and report.inputs[0]["skipped"] == 0


@pytest.mark.parametrize("text", [
    "Source,Target\n# exported 2024-01-02\na,b\n#  a comment, with a comma\nb,c\n",
    "% sym unweighted\n% 2 3 3\na b\nb c\n",
    "# Nodes: 3 Edges: 2\n# FromNodeId\tToNodeId\na\tb\nb\tc\n",
])
def test_comments_stay_comments(tmp_path, text):
    path = tmp_path / "edges.txt"
    path.write_text(text, encoding="utf-8")
    G, report = weakties.load(path)
    assert sorted(map(sorted, G.edges())) == [["a", "b"], ["b", "c"]]
    assert not any("look like ties" in n for n in report.inputs[0]["notes"])


def test_headerless_comment_lines_that_look_like_ties_are_counted(tmp_path):
    # Without a header "#general,alice" may be a commented-out tie: it stays a comment, but
    # the summary says how many such lines there were and where.
    path = tmp_path / "edges.csv"
    path.write_text("a,b\n#general,alice\nb,c\n%ops,b,2\n# a real comment\n", encoding="utf-8")
    G, report = weakties.load(path)
    assert G.number_of_edges() == 2
    (note,) = [n for n in report.inputs[0]["notes"] if "look like ties" in n]
    assert note.startswith("2 line(s) starting with # or % read as comments although they "
                           "look like ties (line 2, 4)")


def test_trailing_comment_is_cut_only_after_a_whole_row(tmp_path):
    path = tmp_path / "edges.csv"
    path.write_text("Source,Target\na,b # met at a conference\nc, #tag\n", encoding="utf-8")
    G, report = weakties.load(path)
    assert sorted(map(sorted, G.edges())) == [["#tag", "c"], ["a", "b"]]


def test_a_header_of_three_named_columns_keeps_its_marked_labels(tmp_path):
    # The third column is a label, not a weight: "#team,ann,friend" is still a row.
    path = tmp_path / "edges.csv"
    path.write_text("source,target,label\n#team,ann,friend\nann,bo,colleague\n",
                    encoding="utf-8")
    G, _ = weakties.load(path)
    assert sorted(map(sorted, G.edges())) == [["#team", "ann"], ["ann", "bo"]]
