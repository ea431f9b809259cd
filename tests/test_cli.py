"""The command line, through click's CliRunner: help, version, errors, the report folder."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pandas as pd
import pytest
from click.testing import CliRunner
from helpers import write_team

import weakties
from weakties.cli import cli

BROKEN = Path(__file__).parent / "broken"
BROKEN_CASES = sorted(p.name for p in BROKEN.iterdir()
                      if p.suffix not in (".expected", ".md"))
COMMANDS = sorted(cli.commands)


def run(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="weakties")


# --- help and version ----------------------------------------------------------------------------


def test_every_command_is_tested_here():
    # A new command must get a help example (and so a line below).
    assert COMMANDS == ["analyze", "export", "formats", "intro", "report", "view"]


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)], ids=["weakties", *COMMANDS])
def test_help_ends_with_an_example(command):
    long = run(*command, "--help")
    short = run(*command, "-h")
    assert long.exit_code == 0, long.output
    assert short.output == long.output
    # The description (before "Options:") ends with "Example:" and a weakties command line.
    description = long.output.split("\nOptions:")[0].rstrip().splitlines()
    assert description[-2].strip() == "Example:"
    assert description[-1].strip().startswith("weakties " + (command[0] if command else ""))


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.output == f"weakties, version {weakties.__version__}\n"


def test_formats_lists_every_format():
    from weakties.importers.registry import FORMATS

    result = run("formats")
    assert result.exit_code == 0
    for fmt in FORMATS:
        assert fmt.name in result.output


# --- broken inputs: exit 1, one line, no traceback -----------------------------------------------


def _reading_commands() -> list[pytest.param]:
    """Each command that reads inputs, with the options it needs besides them."""
    return [
        pytest.param(["analyze", "--out", "{tmp}/out"], id="analyze"),
        pytest.param(["view", "-o", "{tmp}/network.html"], id="view"),
        pytest.param(["report", "-o", "{tmp}/report.html"], id="report"),
        pytest.param(["export", "-o", "{tmp}/graph.graphml"], id="export"),
        pytest.param(["intro", "--to", "Acme"], id="intro"),
    ]


@pytest.mark.parametrize("command", _reading_commands())
@pytest.mark.parametrize("name", BROKEN_CASES)
def test_broken_input_is_one_error_line(command, name, tmp_path):
    path = BROKEN / name
    expected = (BROKEN / f"{name}.expected").read_text(encoding="utf-8").rstrip("\n")
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    result = run(*args, str(path))
    assert result.exit_code == 1, result.output
    assert result.output == f"Error: {path}: {expected}\n"
    assert isinstance(result.exception, SystemExit)  # handled, not a crash
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_a_path_that_does_not_exist_is_a_usage_error(tmp_path):
    missing = tmp_path / "missing.zip"
    result = run("analyze", str(missing))
    # click checks the argument before the command runs: exit 2, usage and one error line.
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        f"Error: Invalid value for 'INPUTS...': Path '{missing}' does not exist.")
    assert result.output.startswith("Usage: weakties analyze [OPTIONS] INPUTS...\n")


def test_no_input_is_a_usage_error():
    result = run("analyze")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == "Error: Missing argument 'INPUTS...'."


def test_owner_naming_no_node_of_an_edge_list_is_one_error_line(tmp_path):
    edges = tmp_path / "edges.csv"
    edges.write_text("Source,Target\na,b\nb,c\n", encoding="utf-8")
    for command in (["analyze", str(edges), "--out", str(tmp_path / "out"), "-q"],
                    ["intro", str(edges), "--to", "c"]):
        result = run(*command, "--owner", "zed")
        assert result.exit_code == 1
        assert result.output == (
            f"Error: {edges}: --owner 'zed' names no node of this edge list; expected a node "
            "label as written in the file (e.g. 'a', 'b', 'c'); leave --owner out to analyse "
            "the whole network without an owner\n")
    assert not (tmp_path / "out").exists()


def test_one_owner_name_for_a_persons_several_files(tmp_path):
    # "These are all mine": a contacts CSV and a vCard, one --owner NAME, one owner.
    (tmp_path / "contacts.csv").write_text("Name,Email\nLou Tan,lou@example.org\n",
                                          encoding="utf-8")
    (tmp_path / "phone.vcf").write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Kim Park\nEMAIL:kim@example.org\nEND:VCARD\n",
        encoding="utf-8")
    out = tmp_path / "out"
    result = run("analyze", str(tmp_path / "contacts.csv"), str(tmp_path / "phone.vcf"),
                 "--owner", "Dana Doe", "--out", str(out), "-q")
    assert result.exit_code == 0, result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert len(summary["owners"]) == 1
    assert {o["name"] for o in summary["owner_identities"]} == {"Dana Doe"}
    assert len(summary["owner_identities"]) == 2  # one identity per input, one person


# An organisation's edge list: a-b-c-d is a path, b-e-f a branch, x-y apart.
ORG_EDGES = "Source,Target\na,b\nb,c\nc,d\nb,e\ne,f\nx,y\n"


def test_analyze_edge_list_with_owner_lists_second_degree(tmp_path):
    edges = tmp_path / "edges.csv"
    edges.write_text(ORG_EDGES, encoding="utf-8")
    out = tmp_path / "out"
    result = run("analyze", str(edges), "--owner", "a", "--out", str(out), "-q")
    assert result.exit_code == 0, result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["owners"] == ["a"]
    assert summary["owner_identities"][0]["identified_by"] == "--owner (the edge list's node 'a')"
    import csv

    with open(out / "second_degree.csv", encoding="utf-8-sig", newline="") as fh:
        rows = sorted((r["owner"], r["person"], r["best_introducer"]) for r in csv.DictReader(fh))
    assert rows == [("a", "c", "b"), ("a", "e", "b")]  # two steps from a: c and e, through b


def test_intro_from_an_edge_list_node(tmp_path):
    edges = tmp_path / "edges.csv"
    edges.write_text(ORG_EDGES, encoding="utf-8")
    result = run("intro", str(edges), "--to", "d", "--owner", "a")
    assert result.exit_code == 0, result.output
    # The only path: a -> b -> c -> d.
    hops = [line.split(" (")[0].strip() for line in result.output.splitlines()
            if " -> " in line]
    assert hops == ["1. a -> b", "2. b -> c", "3. c -> d"]


# --- analyze writes the report folder ------------------------------------------------------------


def test_analyze_writes_summary_json(tmp_path):
    team = write_team(tmp_path / "in")
    out = tmp_path / "report"
    result = run("analyze", str(team), "--out", str(out), "--quiet")
    assert result.exit_code == 0, result.output
    assert result.output == ""  # --quiet
    data = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    # The team fixture, counted in test_load.py: 11 people, 14 ties, 3 hidden members.
    assert data["people"] == 11
    assert data["ties"] == 14
    assert data["owners"] == ["Alice Example", "Bob Builder", "carol"]
    assert data["hidden_members"] == 3
    # Three owners' exports merged: the whole-network level.
    assert data["evidence_level"] == "whole network"
    assert isinstance(data["skipped_analyses"], list)
    # Alice: Connections, Endorsement_Received_Info, Profile, messages; Bob: Connections,
    # messages; carol: her Connections file.
    assert len(data["inputs"]) == 7
    by_path = {Path(i["path"]).relative_to(team).as_posix(): i for i in data["inputs"]}
    assert set(by_path) == {
        "alice.zip/Basic_LinkedInDataExport_05-14-2024/Connections.csv",
        "alice.zip/Basic_LinkedInDataExport_05-14-2024/Endorsement_Received_Info.csv",
        "alice.zip/Basic_LinkedInDataExport_05-14-2024/Profile.csv",
        "alice.zip/Basic_LinkedInDataExport_05-14-2024/messages.csv",
        "bob/Connections.csv", "bob/messages.csv", "carol_Connections.csv",
    }
    for entry in data["inputs"]:
        assert {"path", "format", "rows", "skipped"} <= set(entry)
    alice_messages = by_path["alice.zip/Basic_LinkedInDataExport_05-14-2024/messages.csv"]
    assert (alice_messages["format"], alice_messages["rows"], alice_messages["skipped"]) == (
        "linkedin-messages", 5, 3)
    assert (by_path["carol_Connections.csv"]["rows"],
            by_path["carol_Connections.csv"]["skipped"]) == (3, 0)
    for name in ("people.csv", "ties.csv", "network.html"):
        assert (out / name).is_file()


def test_analyze_json_on_stdout(tmp_path):
    team = write_team(tmp_path / "in")
    result = run("analyze", str(team), "--out", str(tmp_path / "report"), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["people"], data["ties"]) == (11, 14)


def test_analyze_writes_nothing_outside_out(tmp_path, monkeypatch):
    team = write_team(tmp_path / "in")
    monkeypatch.chdir(tmp_path)
    before = {p for p in tmp_path.rglob("*")}
    result = run("analyze", str(team), "--out", "report", "-q")
    assert result.exit_code == 0, result.output
    new = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")} - {
        p.relative_to(tmp_path).as_posix() for p in before}
    assert new and all(re.match(r"report(/|$)", p) for p in new), sorted(new)


def test_analyze_prints_a_summary_and_where_the_report_is(tmp_path):
    team = write_team(tmp_path / "in")
    out = tmp_path / "report"
    result = run("analyze", str(team), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert str(out) in result.output.replace("\n", "")
    assert (out / "summary.json").is_file()


def test_anonymize_leaves_no_real_name_in_the_report(tmp_path):
    team = write_team(tmp_path / "in")
    out = tmp_path / "report"
    result = run("analyze", str(team), "--out", str(out), "-q", "--anonymize")
    assert result.exit_code == 0, result.output
    for path in out.iterdir():
        text = path.read_text(encoding="utf-8-sig")
        for real in ("Alice Example", "alice-example", "Anne", "anne-o"):
            assert real not in text, (path.name, real)


SAMPLE_TEAM = Path(__file__).resolve().parent.parent / "sample_exports" / "team"


def test_intro_names_each_hop_and_prefers_the_direct_tie():
    # Sofía Hernández is in Alice's Connections.csv (connected 2024-03-11, six messages), so the
    # warmest path is the direct tie (strength ≈ 0.25 in ties.csv): a two-hop path multiplies
    # Alice's tie to the introducer (her strongest is ≈ 0.37) by the introducer's tie to Sofía
    # (the strongest, Lukas Müller's, is ≈ 0.47), at most ≈ 0.17, and longer paths less.
    result = CliRunner().invoke(cli, ["intro", str(SAMPLE_TEAM), "--to", "Sofía Hernández",
                                      "--owner", "Alice Lindqvist"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "--to 'Sofía Hernández' matched Sofía Hernández."
    assert re.fullmatch(r"Alice Lindqvist, path 1 \(strength 0\.2\d\):", lines[1])
    assert lines[2].startswith("   1. Alice Lindqvist -> Sofía Hernández (strength ")
    assert "messages" in lines[2]  # the evidence of the hop is shown
    assert "https://" not in result.output  # people by name, not by id


def test_intro_to_someone_unknown_is_one_error_line():
    result = CliRunner().invoke(cli, ["intro", str(SAMPLE_TEAM), "--to", "Nobody Here"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "Error: --to 'Nobody Here': no person or organisation of that name in the data (try a "
        "name as it appears in people.csv, or a profile URL)"
    ]


def test_two_runs_write_byte_identical_reports(tmp_path):
    # Clustering and sampling are seeded and every file is sorted: the same input gives the
    # same bytes, so a report can be diffed month to month.
    outs = []
    for run_no in (1, 2):
        out = tmp_path / f"run{run_no}"
        result = CliRunner().invoke(cli, ["analyze", str(SAMPLE_TEAM), "--out", str(out), "-q"])
        assert result.exit_code == 0, result.output
        outs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert outs[0].keys() == outs[1].keys()
    assert {"people.csv", "ties.csv", "summary.json", "network.html", "report.html"} <= set(outs[0])
    for name in outs[0]:
        assert outs[0][name] == outs[1][name], name


def test_every_option_has_help():
    # `-q` once had none: every option a user can give says what it does in --help.
    for name, command in cli.commands.items():
        for param in command.params:
            if isinstance(param, click.Option) and not param.hidden:
                assert param.help, (name, param.name)


@pytest.mark.parametrize("command, name", [("view", "map.html"), ("report", "report.html"),
                                           ("export", "graph.graphml")])
def test_an_output_file_gets_its_missing_folders(command, name, tmp_path):
    team = write_team(tmp_path / "in")
    output = tmp_path / "sub" / "dir" / name
    result = run(command, str(team), "-o", str(output), *(["-q"] if command != "export" else []))
    assert result.exit_code == 0, result.output
    assert output.is_file() and output.stat().st_size > 0


def test_owner_tables_name_the_owner(tmp_path):
    # second_degree.csv, reconnect.csv and introductions.csv name the owner by id (a URL) and,
    # like plan.csv, by name.
    out = tmp_path / "report"
    result = run("analyze", str(SAMPLE_TEAM), "--out", str(out), "-q")
    assert result.exit_code == 0, result.output
    people = pd.read_csv(out / "people.csv", encoding="utf-8-sig")
    names = dict(zip(people["id"], people["name"], strict=True))
    for table in ("second_degree.csv", "reconnect.csv", "introductions.csv", "plan.csv"):
        frame = pd.read_csv(out / table, encoding="utf-8-sig")
        assert list(frame.columns[:2]) == ["owner", "owner_name"], table
        assert len(frame), table
        assert (frame["owner_name"] == frame["owner"].map(names)).all(), table


def test_intro_to_the_readme_example_says_what_it_matched():
    # The sample has no "Acme Robotics": the closest organisation is "Acme, Inc" (its people
    # work at "Acme, Inc" / "Acme Inc."), and the output says so before any path.
    result = run("intro", str(SAMPLE_TEAM), "--to", "Acme Robotics", "--owner",
                 "Alice Lindqvist")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("--to 'Acme Robotics' matched the organisation Acme, Inc (")
    assert "the closest: nothing in the data is spelled so" in lines[0]
    assert lines[1].startswith("Alice Lindqvist, path 1 (strength ")


def test_a_path_through_a_tie_at_strength_zero_is_called_cold():
    # Carol's ties to Acme people are old connections with no recent message (strength 0.00
    # in ties.csv): listed, but not as warm.
    result = run("intro", str(SAMPLE_TEAM), "--to", "Acme", "--owner", "Carol Dubois")
    assert result.exit_code == 0, result.output
    headers = [line for line in result.output.splitlines() if ", path " in line]
    assert headers and all("cold: a tie on the way is at strength 0.00" in h for h in headers)
    assert all("(strength 0.00" not in h for h in headers)


def test_intro_anonymized_names_nobody(tmp_path):
    result = run("intro", str(SAMPLE_TEAM), "--to", "Sofía Hernández", "--owner",
                 "Alice Lindqvist", "--anonymize")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("--to matched Person ")
    for real in ("Sofía", "Hernández", "Alice", "Lindqvist", "Kwame", "linkedin.com"):
        assert real not in result.output


def test_the_console_script_ends_fast_but_keeps_exit_codes_and_exit_handlers(tmp_path):
    """main() ends with os._exit (no interpreter teardown): exit handlers still run, output is
    flushed and the exit code is the one click chose (0, 1 for an input error, 2 for usage)."""
    bad = tmp_path / "bad.csv"
    bad.write_text("garbage\n", encoding="utf-8")
    script = ("import atexit, sys; atexit.register(lambda: print('handlers ran')); "
              "from weakties.cli import main; sys.argv = ['weakties', *sys.argv[1:]]; main()")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-c", script, *args], capture_output=True,
                              text=True, timeout=120, env=env)

    ok = run("formats")
    assert ok.returncode == 0 and "LinkedIn" in ok.stdout
    assert ok.stdout.rstrip().endswith("handlers ran")
    failed = run("analyze", str(bad), "--out", str(tmp_path / "out"), "-q")
    assert failed.returncode == 1 and failed.stdout.strip() == "handlers ran"
    assert failed.stderr.count("Error:") == 1 and "bad.csv" in failed.stderr
    assert run("analyze").returncode == 2
