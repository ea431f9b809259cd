"""The planted structure of sample_exports/eva (one person's LinkedIn zip + Google Takeout).

sample_exports/make_eva.py plants three circles among Eva's contacts (work, climbing, family),
one broker (Noor Haddad: work mail and the climbing sessions), and one local bridge (the single
message to Clara Martens and Ben Carter, the only tie between family and climbing). The checks
below use networkx on the contacts graph as the independent reference.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

import weakties
from weakties.analysis import run
from weakties.cli import cli

EVA = Path(__file__).resolve().parent.parent / "sample_exports" / "eva"
NW = "northwind.example"
WORK = {"Jonas Berg", "Priya Raman", "Tom Keller", "Lena Vogt", "Omar Saleh", "Ines Duarte",
        "Mark Olsen", "Sara Quint", "Felix Brandt"}
CLIMBING = {"Sofia Lind", "Ben Carter", "Yuki Tanaka", "Marta Nowak", "Leo Fischer"}
FAMILY = {"Clara Martens", "Paul Martens", "Anna Martens"}


@pytest.fixture(scope="module")
def eva():
    G, report = weakties.load([EVA])
    return G, report


def contacts_graph(G: nx.Graph) -> nx.Graph:
    """Eva's contacts (all of them) and the ties among them, relabelled by name where the name
    is unique (the three Alex Kims keep their ids)."""
    owner = G.graph["owners"][0]
    C = nx.Graph(G.subgraph(n for n in G if n != owner))
    names = [G.nodes[n]["name"] for n in C]
    return nx.relabel_nodes(C, {n: G.nodes[n]["name"] for n in C
                                if names.count(G.nodes[n]["name"]) == 1})


def test_one_owner_and_an_ego_network(eva):
    G, report = eva
    assert [o["name"] for o in report.owners] == ["Eva Martens"]
    # One input, read as one person's exports.
    assert {o["input"] for o in report.owners} == {str(EVA)}
    r = run(G)
    assert r.evidence_level == "ego network"


def test_circles_are_separate_groups(eva):
    G, _ = eva
    C = contacts_graph(G)
    # Within each circle everyone is connected; between circles only the planted ties.
    for circle in (WORK, CLIMBING, FAMILY):
        assert nx.is_connected(C.subgraph(circle))
    between = {frozenset((u, v)) for u, v in C.edges()
               if not any({u, v} <= c for c in (WORK, CLIMBING | {"Noor Haddad"}, FAMILY))}
    noor = {frozenset(e) for e in C.edges("Noor Haddad")}
    assert between - noor == {frozenset(("Clara Martens", "Ben Carter"))}
    # Noor is the only contact with ties into both work and climbing.
    both = [n for n in C if n not in WORK and set(C[n]) & WORK and set(C[n]) & CLIMBING]
    assert both == ["Noor Haddad"]


def test_clusters_find_the_three_circles(eva):
    G, _ = eva
    r = run(G)
    names = {n: G.nodes[n]["name"] for n in G}
    cluster = {names[n]: c for n, c in r.people["cluster"].items()}
    for circle in (WORK, CLIMBING, FAMILY):
        assert len({cluster[p] for p in circle}) == 1, circle
    assert len({cluster[next(iter(c))] for c in (WORK, CLIMBING, FAMILY)}) == 3
    labels = dict(zip(r.clusters["cluster"], r.clusters["label"], strict=True))
    assert labels[cluster["Jonas Berg"]] == "Northwind Labs"
    assert labels[cluster["Clara Martens"]] == "familymail.example"  # a mail domain


def test_the_broker_is_noor(eva):
    G, _ = eva
    r = run(G)
    names = {n: G.nodes[n]["name"] for n in G}
    top = r.people["betweenness"].dropna().sort_values(ascending=False)
    assert names[top.index[0]] == "Noor Haddad"
    reference = nx.betweenness_centrality(contacts_graph(G))
    assert max(reference, key=reference.get) == "Noor Haddad"
    assert top.iloc[0] == pytest.approx(reference["Noor Haddad"])


def test_the_local_bridge_is_clara_ben(eva):
    G, _ = eva
    r = run(G)
    names = {n: G.nodes[n]["name"] for n in G}
    local = r.ties[r.ties["local_bridge"].fillna(False).astype(bool)]
    found = {frozenset((names[s], names[t])) for s, t in zip(local["source"], local["target"],
                                                             strict=True)}
    assert found == {frozenset(("Clara Martens", "Ben Carter"))}
    # networkx agrees: the only local bridge among contacts (no common neighbour).
    assert {frozenset(e) for e in nx.local_bridges(contacts_graph(G), with_span=False)} == found


def test_identity_and_drops(eva):
    G, report = eva
    priya = "https://www.linkedin.com/in/priya-raman-22"
    merged = {(r["key"], r["value"]) for r in report.identities
              if r["kind"] == "merge" and r["person"] == priya}
    assert ("email", "priya.r@familymail.example") in merged
    near = [r for r in report.identities if r["kind"] == "near miss"]
    assert [r["value"] for r in near] == ["alex kim"]
    assert report.dropped["mail: events over 50 participants (no pairs formed)"] == 1
    assert f"email:staff01@{NW}" not in G  # named only by the all-hands mail
    (mail,) = [i for i in report.inputs if i["format"] == "mbox"]
    assert mail["skipped_reasons"]["messages labelled Spam"] == 1
    assert mail["skipped_reasons"]["bulk mail: no-reply or mailer-daemon senders"] == 2
    assert any("YouTube and YouTube Music (2 files" in f for f in report.ignored_files)


def test_cli_reports_the_ego_network(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["analyze", str(EVA), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Evidence level: ego network" in result.output
    assert "ties among your contacts from" in result.output
    assert "messages" in result.output and "meetings" in result.output
    # The method follows the label ("exact" at this size, or the estimate's guarantee).
    assert re.search(r"Top brokers \(betweenness[^)]*\): Noor Haddad", result.output)
    with (out / "identities.csv").open(encoding="utf-8-sig") as fh:
        kinds = {r["kind"] for r in csv.DictReader(fh)}
    assert kinds == {"merge", "near miss"}


def test_takeout_and_linkedin_given_apart_are_one_owner():
    # The first command: the two zips as downloaded, no folder, no flags. The owner of
    # the mailbox (From of her Sent mail) and of the archive (Profile.csv) share a name.
    G, report = weakties.load([EVA / "takeout-20261201T101010Z-001.zip",
                               EVA / "Basic_LinkedInDataExport_12-01-2026.zip"])
    assert len(G.graph["owners"]) == 1
    assert {o["name"] for o in report.owners} == {"Eva Martens"}
    assert run(G).evidence_level == "ego network"
