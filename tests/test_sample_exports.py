"""The bundled team loads to the facts its generator computed from its own ground truth.

``sample_exports/facts.json`` is written by ``make_samples.py`` from the fake people it invents
(who each person is, which owners know them), never by reading the files back with weakties.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import weakties
from weakties.outputs.report import people_frame

SAMPLES = Path(__file__).resolve().parent.parent / "sample_exports"
FACTS = json.loads((SAMPLES / "facts.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def team():
    return weakties.load([SAMPLES / "team"])


def test_people_ties_and_hidden_members(team):
    G, report = team
    owners = len(FACTS["owners"])
    # Contacts after merging by URL, email and name + organisation, plus the owners (who are in
    # no Connections.csv of their own).
    assert G.number_of_nodes() == FACTS["people_after_key_merge"] + owners
    assert report.hidden_members == sum(f["hidden_members"] for f in FACTS["files"].values())
    assert G.graph["as_of"] == FACTS["as_of"]
    assert len(G.graph["owners"]) == owners


def test_messages_kept_and_dropped_by_reason(team):
    _, report = team
    alice = FACTS["files"]["alice"]["messages"]
    messages = next(i for i in report.inputs
                    if i["path"].endswith("alice.zip/messages.csv"))
    assert messages["rows"] == alice["kept"]
    assert sum(messages["skipped_reasons"].values()) == (
        alice["dropped_draft"] + alice["dropped_linkedin_member"] + alice["dropped_sponsored"])


def test_people_known_to_several_owners_are_one_node_each(team):
    G, _ = team
    people = people_frame(G)
    shared = people[people["owners"].str.contains(";")]
    # 18 in the ground truth, of whom one (Bob's Maria Garcia row) is ambiguous by the keys an
    # export holds and is rightly kept apart.
    assert len(shared) == FACTS["people_known_to_2plus_owners_by_keys"]


def test_the_designed_ambiguity_is_listed_not_guessed(team):
    _, report = team
    assert [(a["key"], a["value"]) for a in report.ambiguous] == [
        ("name + organisation", "maria garcia|st aurelia hospital")]
    assert len(report.ambiguous[0]["candidates"]) == 2
