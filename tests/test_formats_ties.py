"""A ties file: who knows whom among the contacts, matched to the people of the other inputs.

Uses sample_exports/team/alice.zip (58 people: Alice and her 57 connections; 67 ties: 57 to
her and 10 among members of her three group conversations, see sample_exports/README.md) and
sample_exports/formats/alice_ties.csv (6 rows, annotated in make_formats.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import weakties
from weakties.cli import cli
from weakties.errors import WeaktiesError
from weakties.identity import match_people
from weakties.importers.registry import sniff
from weakties.importers.ties import parse_ties

ROOT = Path(__file__).resolve().parent.parent / "sample_exports"
ALICE = ROOT / "team" / "alice.zip"
TIES = ROOT / "formats" / "alice_ties.csv"
IN = "https://www.linkedin.com/in/"
KWAME, WEI, ANNE = IN + "kwame-mensah-ohf", IN + "wei-chen-kelpie", IN + "anne-o’neil-4b2a91"
TOMASZ, RAHUL, INGRID = IN + "tomasz-nowak-", IN + "rahul-iyer-phd", IN + "ingrid-sorensen-design"


def run(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="weakties")


def test_parse_ties_file():
    assert sniff(TIES.read_bytes(), "t.csv").name == "ties"
    table = parse_ties(TIES.read_bytes(), str(TIES))
    # 6 rows; Lukas's has no person_b.
    assert (table.rows, dict(table.skipped)) == (5, {"a person is missing": 1})
    # Strength 3, none (NaN: weight 1.0 in the graph), 1.5.
    assert table.frame["strength"].fillna(-1).tolist()[:3] == [3.0, -1, 1.5]


def test_ties_file_grows_the_ego_network():
    G0, _ = weakties.load(ALICE)
    G, report = weakties.load(ALICE, ties=TIES)
    # Rows 1-3 match (by URL + email, name + URL, name + name): 3 new ties among contacts.
    # Row 4 names "Maria Garcia" (two in the archive), row 5 "Nobody Known": listed.
    assert (G0.number_of_nodes(), G0.number_of_edges()) == (58, 67)
    assert (G.number_of_nodes(), G.number_of_edges()) == (58, 70)
    assert G.edges[KWAME, WEI]["kinds"] == ["ties-file"]
    assert G.edges[KWAME, WEI]["weight"] == 3.0
    assert G.edges[ANNE, TOMASZ]["weight"] == 1.0  # no strength given
    assert G.edges[RAHUL, INGRID]["weight"] == 1.5
    assert report.unmatched_ties == [
        {"source": f"{TIES}:5", "person_a": "Maria Garcia", "person_b": "Kwame Mensah",
         "reason": "person_a: several people fit"},
        {"source": f"{TIES}:6", "person_a": "Wei Chen", "person_b": "Nobody Known",
         "reason": "person_b: no one of this name"},
    ]
    ties_input = [i for i in report.inputs if i["format"] == "ties"]
    assert ties_input == [{"path": str(TIES), "format": "ties", "rows": 5, "skipped": 1,
                           "skipped_reasons": {"a person is missing": 1},
                           "hidden_members": 0, "notes": []}]


def test_a_ties_file_given_as_an_input_is_the_same():
    G1, r1 = weakties.load(ALICE, ties=TIES)
    G2, r2 = weakties.load([ALICE, TIES])
    assert sorted(G1.edges) == sorted(G2.edges)
    assert r1.unmatched_ties == r2.unmatched_ties
    assert r2.owners[0]["name"] == "Alice Lindqvist"  # the ties file is nobody's export


def test_a_ties_file_alone_is_an_error():
    with pytest.raises(WeaktiesError, match="a ties file only links the people of other inputs"):
        weakties.load(TIES)


def test_ties_by_edge_list_id(tmp_path):
    # Node ids of an edge list are exact keys: "0" and "33" of the karate club.
    ties = tmp_path / "ties.csv"
    ties.write_text("person_a,person_b,strength\n0,33,9\n0,34,1\n", encoding="utf-8")
    G, report = weakties.load(ROOT / "formats" / "karate.txt", ties=ties)
    assert G.number_of_edges() == 79
    assert G.edges["0", "33"]["kinds"] == ["ties-file"]
    assert [u["reason"] for u in report.unmatched_ties] == ["person_b: no one of this name"]


def test_same_person_twice_is_listed(tmp_path):
    ties = tmp_path / "ties.csv"
    ties.write_text(f"person_a,person_b\nWei Chen,{WEI}\n", encoding="utf-8")
    _, report = weakties.load(ALICE, ties=ties)
    assert [u["reason"] for u in report.unmatched_ties] == ["both name the same person"]


def test_match_people_by_every_kind_of_reference():
    mentions = pd.DataFrame({
        "name": ['Anne "Annie" O’Neil', "Jan de Vries", "Jan de Vries", "Bo", "Cy"],
        "url": [IN + "anne", "", "", "", "https://mastodon.example/@cy"],
        "email": ["", "jan@a.example ::: jdv@b.example", "", "", ""],
    })
    person = pd.Series(["A", "J1", "J2", "0", "C"])
    refs = pd.Series(["www.linkedin.com/in/Anne/", "JDV@b.example", "Anne O’Neil", "0",
                      "@cy@mastodon.example", "Jan de Vries", "Nobody", IN + "nobody",
                      "x@y.example"])
    pid, why = match_people(refs, mentions, person)
    assert pid.tolist() == ["A", "J1", "A", "0", "C", "", "", "", ""]
    assert why.tolist()[5:] == ["several people fit", "no one of this name",
                                "no one with this URL",
                                "no one with this email or account address"]


def test_summary_and_terminal_show_the_unmatched_rows(tmp_path):
    out = tmp_path / "report"
    result = run("analyze", str(ALICE), "--ties", str(TIES), "--out", str(out))
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "1 ties-file rows not used: several people fit (listed in summary.json)" in text
    assert "1 ties-file rows not used: no one of this name (listed in summary.json)" in text
    data = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert (data["people"], data["ties"]) == (58, 70)
    assert [u["source"] for u in data["unmatched_ties"]] == [f"{TIES}:5", f"{TIES}:6"]


def test_anonymized_report_hides_the_names_of_unmatched_rows(tmp_path):
    out = tmp_path / "report"
    result = run("analyze", str(ALICE), "--ties", str(TIES), "--out", str(out), "-q",
                 "--anonymize")
    assert result.exit_code == 0, result.output
    text = (out / "summary.json").read_text(encoding="utf-8")
    assert "Nobody Known" not in text and "Maria Garcia" not in text


@pytest.mark.parametrize("command", [
    ["analyze", "--out", "{tmp}/out"], ["view", "-o", "{tmp}/n.html"],
    ["export", "-o", "{tmp}/g.graphml"], ["intro", "--to", "Kelpie Labs"],
])
def test_every_reading_command_takes_ties(command, tmp_path):
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    result = run(*args, str(ALICE), "--ties", str(TIES))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(("content", "message"), [
    (b"a,b\nAnne,Bob\n", "{path}: expected a ties file with the header "
     "'person_a,person_b[,strength][,note]', found 'a,b'; add that header line and one row "
     "per pair of people who know each other"),
    (b"", "{path}: expected a ties file with the header 'person_a,person_b[,strength][,note]', "
     "found an empty file; add that header line and one row per pair of people who know each "
     "other"),
    (b"person_a,person_b,strength\n,Bob,\n",
     "{path}: has the ties file header but no usable rows (1 skipped: a person is missing); "
     "add one row per pair of people who know each other"),
])
def test_malformed_ties_file_is_one_error_line(tmp_path, content, message):
    path = tmp_path / "ties.csv"
    path.write_bytes(content)
    result = run("export", str(ALICE), "--ties", str(path), "-o", str(tmp_path / "g.graphml"))
    assert result.exit_code == 1
    assert result.output == "Error: " + message.format(path=path) + "\n"


def test_a_ties_file_input_without_rows_is_one_error_line(tmp_path):
    path = tmp_path / "ties.csv"
    path.write_bytes(b"person_a,person_b,strength\n")
    result = run("export", str(ALICE), str(path), "-o", str(tmp_path / "g.graphml"))
    assert result.exit_code == 1
    assert result.output == (f"Error: {path}: has the ties file (who knows whom among the "
                             "contacts) header but no rows; export it again\n")
