"""The report folder: UTF-8 with BOM, no spreadsheet formulas, atomic, nothing written elsewhere."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from helpers import ANNE_ID, tree_hashes, write_report_of, write_team

import weakties
import weakties.outputs.files as files
from weakties.graph import LoadReport
from weakties.graph.tables import people_table, ties_table
from weakties.outputs.files import csv_chunks, neutralise, safe_frame, write_csv, write_json
from weakties.outputs.report import people_frame, summary, ties_frame

BOM = b"\xef\xbb\xbf"


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a report CSV as text, exactly as a spreadsheet would receive them."""
    data = path.read_bytes()
    assert data.startswith(BOM)
    return list(csv.DictReader(io.StringIO(data[len(BOM):].decode("utf-8"), newline="")))


@pytest.fixture
def team_report(tmp_path):
    G, report = weakties.load([write_team(tmp_path / "in")])
    out = tmp_path / "out"
    written = write_report_of(G, report, None, out)
    return G, report, out, written


def test_report_files_are_utf8_with_bom(team_report):
    G, _, out, written = team_report
    assert [p.name for p in written] == ["people.csv", "ties.csv", "identities.csv",
                                        "summary.json"]
    people = read_csv(out / "people.csv")
    ties = read_csv(out / "ties.csv")
    # 11 people and 14 ties in the team fixture (counted in test_load.py).
    assert (len(people), len(ties)) == (11, 14)
    names = {row["name"] for row in people}
    # Non-ASCII names survive the round trip (the BOM is what makes Excel read them as UTF-8).
    assert {'Anne "Annie" O’Neil', "Björn Ødegaard", "Sofía Hernández"} <= names
    anne = next(row for row in people if row["id"] == ANNE_ID)
    assert anne["owners"] == "Alice Example; Bob Builder; carol"
    assert anne["degree"] == "5"  # 3 owners + Pieter and Björn from the group conversation
    # CRLF rows, as Excel writes CSV.
    assert (out / "people.csv").read_bytes().count(b"\r\n") == 12  # header + 11 rows


def test_summary_json(team_report):
    G, report, out, _ = team_report
    data = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert data["people"] == 11
    assert data["ties"] == 14
    assert data["owners"] == ["Alice Example", "Bob Builder", "carol"]
    assert data["hidden_members"] == 3
    assert data["evidence_level"] is None  # no analysis was run
    assert data["skipped_analyses"] == []
    assert data["as_of"] == "2024-08-11"
    # Alice: Connections, Endorsements, Profile, messages; Bob: Connections, messages; carol: 1.
    assert len(data["inputs"]) == 7
    for entry in data["inputs"]:
        assert {"path", "format", "rows", "skipped"} <= set(entry)
    assert data == json.loads(json.dumps(summary(people_table(G), ties_table(G), G.graph,
                                                 report), default=str))


# --- formula injection ---------------------------------------------------------------------------

DANGEROUS = {
    '=HYPERLINK("http://x","y")': '\'=HYPERLINK("http://x","y")',
    "@SUM(A1)": "'@SUM(A1)",
    "+1": "'+1",  # Excel stores "+1" as the formula =+1
    "-cmd": "'-cmd",
    "\tTab": "'\tTab",
    "\rCR": "'\rCR",
    "-12.5": "-12.5",  # a plain negative number is data, not a formula
    "Ann -Lee": "Ann -Lee",  # only the first character matters
}


@pytest.mark.parametrize(("value", "expected"), DANGEROUS.items())
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_safe_frame_leaves_numbers_alone():
    frame = pd.DataFrame({"name": ["-cmd", "-12.5", "+1"], "delta": [-3, -12.5, 1],
                          "flag": [True, False, True]})
    safe = safe_frame(frame)
    assert safe["name"].tolist() == ["'-cmd", "-12.5", "'+1"]
    assert safe["delta"].tolist() == [-3, -12.5, 1]
    assert pd.api.types.is_numeric_dtype(safe["delta"])
    assert safe["flag"].tolist() == [True, False, True]
    assert frame["name"].tolist() == ["-cmd", "-12.5", "+1"]  # the input is not modified


def _graph_with_names(names: list[str]) -> nx.Graph:
    G = nx.Graph(owners=["owner"], whole_network=False, as_of="2024-01-01")
    G.add_node("owner", name="Owner", owner=True, sources=["a.csv:1"])
    for i, name in enumerate(names):
        node = f"p{i}"
        G.add_node(node, name=name, organisation=name, position="", location="", url="",
                   email="", owner=False, sources=["a.csv:2"])
        G.add_edge("owner", node, kinds=["connection"], messages=i, sent={}, weight=1.0,
                   inferred=False)
    return G


def test_people_and_ties_csv_are_neutralised(tmp_path):
    names = list(DANGEROUS)
    G = _graph_with_names(names)
    write_report_of(G, LoadReport(), None, tmp_path)
    people = {row["id"]: row for row in read_csv(tmp_path / "people.csv")}
    for i, name in enumerate(names):
        assert people[f"p{i}"]["name"] == DANGEROUS[name]
        assert people[f"p{i}"]["organisation"] == DANGEROUS[name]
        assert people[f"p{i}"]["degree"] == "1"
    ties = {row["target"]: row for row in read_csv(tmp_path / "ties.csv")}
    for i, name in enumerate(names):
        assert ties[f"p{i}"]["target_name"] == DANGEROUS[name]
        assert ties[f"p{i}"]["messages"] == str(i)  # numbers stay numbers, no apostrophe
    # No cell anywhere starts with a formula character except a plain negative number.
    text = (tmp_path / "people.csv").read_bytes()[len(BOM):].decode()
    for row in csv.reader(io.StringIO(text, newline="")):
        for cell in row:
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
            assert not cell.startswith("-") or cell == "-12.5", cell


# --- CSV text: the bytes pandas' to_csv writes -------------------------------------------------

_AWKWARD = ["plain", "", "a,b", 'say "hi"', "line\nbreak", "cr\rhere", "crlf\r\n", ",", '"',
            " lead", "tab\tin", "nul\x00in", "Zoë Ünal 李", "emoji 🙂", "\u2028sep", "'=1"]


@pytest.fixture
def arrow_csv(monkeypatch):
    """Every table through the pyarrow path, however short (pandas writes short ones)."""
    monkeypatch.setattr(files, "CSV_PANDAS_ROWS", 0)


def _frames():
    """Frames of every column type the report writes, and the awkward shapes."""
    n = len(_AWKWARD)
    yield pd.DataFrame({"text": _AWKWARD, "n": range(n)})
    yield pd.DataFrame({"text": pd.array(_AWKWARD, dtype="string[pyarrow]"),
                        "objects": pd.Series(_AWKWARD, dtype=object)})
    yield pd.DataFrame({"missing": pd.Series([None, float("nan"), pd.NA, "x"] * 4, dtype=object),
                        "str_na": pd.array([None, "a", None, "b,c"] * 4, dtype="str")})
    floats = [0.1, 1 / 3, 1e16, 1e-05, -0.0, float("inf"), float("-inf"), float("nan"),
              123456789.125, 2.5e-300, 1e22, 0.30000000000000004, 7.0, -12.5, 1e15, 5e-324]
    yield pd.DataFrame({"float": floats, "int": [-(2**63), 2**63 - 1, 0, -7] * 4,
                        "bool": [True, False] * 8, "uint": pd.array(range(16), dtype="uint8")})
    yield pd.DataFrame({"Int64": pd.array([1, None] * 8, dtype="Int64"),
                        "boolean": pd.array([True, None] * 8, dtype="boolean"),
                        "when": pd.to_datetime(["2024-05-01 10:00", None] * 8),
                        "category": pd.Categorical(["a", "b,c"] * 8),
                        "mixed": pd.Series([1, "a", [2, 3], 1.5] * 4, dtype=object),
                        "float32": np.arange(16, dtype="float32") / 3})
    yield pd.DataFrame({"only": ["", "x", None, ""]})  # a row of one empty cell is ""
    yield pd.DataFrame({"only": [1.5, float("nan")]})
    yield pd.DataFrame({"a,b": [1], 'say "x"': [2], "": [3]})  # labels are quoted the same way
    yield pd.DataFrame({"empty": pd.Series([], dtype=object), "n": pd.Series([], dtype=int)})
    yield pd.DataFrame({"": ["x"]})
    yield pd.DataFrame(index=range(3))  # no columns


@pytest.mark.parametrize("frame", list(_frames()), ids=lambda f: ",".join(map(str, f.columns)))
def test_csv_text_is_what_pandas_writes(frame, arrow_csv):
    expected = frame.to_csv(index=False, lineterminator="\r\n").encode()
    assert b"".join(csv_chunks(frame)) == expected


def test_csv_text_of_a_table_longer_than_a_chunk(monkeypatch, arrow_csv):
    monkeypatch.setattr(files, "CSV_CHUNK_ROWS", 7)
    rng = np.random.default_rng(3)
    frame = pd.DataFrame({"name": [_AWKWARD[i] for i in rng.integers(0, len(_AWKWARD), 50)],
                          "x": rng.normal(size=50), "k": rng.integers(-5, 5, 50)})
    chunks = list(csv_chunks(frame))
    assert len(chunks) == 1 + 8  # the header, then 50 rows in pieces of 7
    assert b"".join(chunks) == frame.to_csv(index=False, lineterminator="\r\n").encode()


def test_csv_file_reads_back_as_the_frame(tmp_path, arrow_csv):
    frame = pd.DataFrame({"name": _AWKWARD, "n": range(len(_AWKWARD))})
    write_csv(frame, tmp_path / "x.csv")
    raw = (tmp_path / "x.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with (tmp_path / "x.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert [r[0] for r in rows[1:]] == [neutralise(v) for v in _AWKWARD]


# --- atomic writes -------------------------------------------------------------------------------


def _fail_half_way(monkeypatch):
    """Make every CSV file's writing write part of its text, then fail (a full disk)."""
    real = files.csv_chunks

    def broken(frame):
        text = b"".join(real(frame))
        yield text[: len(text) // 2]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files, "csv_chunks", broken)


def test_failed_write_keeps_the_previous_file(tmp_path, monkeypatch):
    frame = pd.DataFrame({"name": ["Anne", "Björn"], "degree": [1, 2]})
    path = tmp_path / "people.csv"
    write_csv(frame, path)
    before = path.read_bytes()
    _fail_half_way(monkeypatch)
    with pytest.raises(OSError, match="No space left"):
        write_csv(pd.DataFrame({"name": ["Someone else"] * 100, "degree": 7}), path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["people.csv"]  # no temp file left


def test_failed_write_leaves_no_partial_file(tmp_path, monkeypatch):
    _fail_half_way(monkeypatch)
    with pytest.raises(OSError):
        write_csv(pd.DataFrame({"name": ["Anne"] * 100}), tmp_path / "people.csv")
    assert list(tmp_path.iterdir()) == []


def test_failed_json_write_keeps_the_previous_file(tmp_path, monkeypatch):
    path = tmp_path / "summary.json"
    write_json({"people": 1}, path)

    def boom(data, fh, **kwargs):
        fh.write('{"people": ')
        raise ValueError("cannot serialise")

    monkeypatch.setattr("weakties.outputs.files.json.dump", boom)
    with pytest.raises(ValueError):
        write_json({"people": 2}, path)
    assert json.loads(path.read_text()) == {"people": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["summary.json"]


def test_failed_report_keeps_the_previous_report(team_report, monkeypatch):
    G, report, out, _ = team_report
    before = tree_hashes(out)
    _fail_half_way(monkeypatch)
    with pytest.raises(OSError):
        write_report_of(G, report, None, out)
    assert tree_hashes(out) == before


# --- nothing written outside the out folder ------------------------------------------------------


def test_nothing_is_written_outside_the_out_folder(tmp_path, monkeypatch):
    team = write_team(tmp_path / "in")
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    before = tree_hashes(tmp_path)
    G, report = weakties.load([team])
    write_report_of(G, report, None, tmp_path / "out")
    after = tree_hashes(tmp_path)
    new = sorted(set(after) - set(before))
    assert new == ["out/identities.csv", "out/people.csv", "out/summary.json", "out/ties.csv"]
    assert {k: after[k] for k in before} == before  # inputs untouched


def test_frames_do_not_change_the_graph(team_report):
    G, _, _, _ = team_report
    nodes, edges = dict(G.nodes(data=True)), list(G.edges(data=True))
    people_frame(G)
    ties_frame(G)
    assert dict(G.nodes(data=True)) == nodes
    assert list(G.edges(data=True)) == edges


# --- the report is drawn from tables (issue #15): no networkx graph on the way -------------------


@pytest.mark.parametrize("command", ["analyze", "report", "view"])
def test_commands_write_the_report_without_a_networkx_graph(tmp_path, monkeypatch, command):
    # once the analyses have run (some still read a graph), writing the CSV files and drawing
    # both pages reads the network's tables and the result only
    from click.testing import CliRunner

    import weakties.pipeline as pipeline
    from weakties.cli import cli
    from weakties.graph.tables import Network

    def refuse(self):
        raise AssertionError("the networkx graph was asked for while writing the report")

    analyse = pipeline.analyse

    def analyse_then_refuse(*args, **kwargs):
        result = analyse(*args, **kwargs)
        monkeypatch.setattr(Network, "to_networkx", refuse)
        return result

    monkeypatch.setattr(pipeline, "analyse", analyse_then_refuse)
    monkeypatch.setenv("WEAKTIES_NO_FORK", "1")  # the pages drawn here, where the patch holds
    team = write_team(tmp_path / "in")
    where = {"analyze": ["--out", str(tmp_path / "out")],
             "report": ["-o", str(tmp_path / "report.html")],
             "view": ["-o", str(tmp_path / "network.html")]}[command]
    result = CliRunner().invoke(cli, [command, str(team), *where, "-q"])
    assert result.exit_code == 0, result.output
    assert result.exception is None
    written = tmp_path / ("out/network.html" if command == "analyze" else where[1])
    assert written.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("cells, rows, expected", [
    (["=x", "a", "b"], slice(1, None), False),  # a slice: pyarrow offsets start past 0
    (["a", "b", "@x"], slice(1, None), True),
    (["a", "", None, "\u00a0=1"], slice(None), True),  # a 2-byte space first
    (["", None, ""], slice(None), False),  # no bytes at all
    (["x=1", "a-b", "é@"], slice(None), False),  # the signs inside, not first
])
def test_formula_search_reads_each_cells_first_byte(cells, rows, expected):
    column = pd.Series(cells, dtype="str").iloc[rows]
    assert files._may_hold_formulas(column) is expected
    assert files._may_hold_formulas(column.astype(object)) is expected


def test_analysis_columns_join_by_key_whatever_their_order(team_report):
    # the analysis' rows side by side with the network's when in the same order, else merged
    # by key: the frames are the same either way (shuffled rows, a missing row)
    G, _, _, _ = team_report
    net = weakties.network([Path(__file__).parent.parent / "sample_exports" / "team"])
    result = weakties.analysis.run(net)
    aligned = people_frame(net.people, result), ties_frame(net.ties, result)

    class Shuffled:
        people = result.people.sample(frac=1, random_state=1)
        ties = result.ties.sample(frac=1, random_state=1)

    for got, want in zip((people_frame(net.people, Shuffled), ties_frame(net.ties, Shuffled)),
                         aligned, strict=True):
        pd.testing.assert_frame_equal(got, want, check_exact=True)

    class Missing:
        people = result.people.iloc[1:]
        ties = result.ties.iloc[1:]

    people, ties = people_frame(net.people, Missing), ties_frame(net.ties, Missing)
    assert people["cluster"].isna().sum() == 1 and ties["strength"].isna().sum() == 1


def test_csv_text_past_two_gib_of_a_piece_is_joined_with_wide_offsets(monkeypatch, arrow_csv):
    # pyarrow's string holds 2 GiB per array: a piece of rows beyond it is joined as
    # large_string (the threshold lowered here so that a small frame takes that path)
    monkeypatch.setattr(files, "CSV_SMALL_OFFSETS", 10)
    frame = pd.DataFrame({"name": _AWKWARD * 3, "n": range(3 * len(_AWKWARD)),
                          "x": [0.5, float("nan"), 1e16] * len(_AWKWARD)})
    assert b"".join(csv_chunks(frame)) == frame.to_csv(index=False,
                                                       lineterminator="\r\n").encode()
