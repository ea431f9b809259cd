from __future__ import annotations

import pytest
from test_analysis_helpers import ego_star, team

from weakties.analysis import annotate, intro_paths, run
from weakties.errors import WeaktiesError


@pytest.fixture(scope="module")
def result():
    return run(team())


def test_team_second_degree_ranking(result):
    mine = result.second_degree[result.second_degree["owner"] == "A"]
    # p has two introducers (x1, x2): first. Then one introducer each, by A's tie to it:
    # q via x1 (strongest), y via B, then s and r via x3 (A's weakest tie, connected 2023
    # with nothing since). s and r tie on that; s is at Initech, where A knows no one (novel),
    # r at Globex, where A knows x3: s first. C is a teammate (an owner), never listed;
    # z is three steps away.
    assert list(mine["person"]) == ["p", "q", "y", "s", "r"]
    assert list(mine["rank"]) == [1, 2, 3, 4, 5]
    rows = mine.set_index("person")
    assert rows.at["p", "introducers"] == 2 and rows.at["p", "best_introducer"] == "x1"
    assert rows.at["y", "best_introducer"] == "B"  # a teammate can introduce
    assert rows.at["s", "novel"] and "Initech" in rows.at["s", "novelty_reason"]
    assert not rows.at["r", "novel"]
    # y sits in a cluster (with no tie among contacts) A does not reach.
    assert rows.at["y", "novel"] and "cluster" in rows.at["y", "novelty_reason"]


def test_best_introducer_strength_is_the_owners_tie(result):
    ties = result.ties.set_index(["source", "target"])
    mine = result.second_degree.set_index(["owner", "person"])
    assert mine.at[("A", "q"), "best_introducer_strength"] == ties.at[("A", "x1"), "strength"]


def test_warm_introduction_path(result):
    # To z: A-B-C-z (teammates who message a lot, strong ties all along) beats A-x3-s-z
    # (A's dormant-ish tie to x3, then two ties-file ties with no overlap: strength 0,
    # floored at 0.01). The product of strengths decides.
    G = team()
    annotate(G, result)
    paths = intro_paths(G, "A", "z")
    first = paths[paths["path"] == 1]
    assert list(first["to"]) == ["B", "C", "z"]
    second = paths[paths["path"] == 2]
    assert list(second["to"]) == ["x3", "s", "z"]
    assert first["path_strength"].iloc[0] > second["path_strength"].iloc[0]
    # The evidence of each hop comes from the edge: B-C exchanged 40 messages.
    assert first.iloc[1]["evidence"].startswith("40 messages, last 2024-05-30")


def test_intro_path_to_an_organisation_and_by_name():
    G = team()
    # Acme: x1 and x2 are A's own contacts; p and q are further. One path per person, the
    # warmest first: x1 (A's strongest tie) directly.
    paths = intro_paths(G, "A", "Acme")
    assert paths[paths["path"] == 1]["to"].tolist() == ["x1"]
    assert paths["path"].nunique() == 3
    # A name works as well as an id, and without annotate() strengths are computed afresh.
    by_name = intro_paths(G, "A", "Person q")
    assert by_name[by_name["path"] == 1]["to"].tolist() == ["x1", "q"]


def test_intro_path_errors():
    G = team()
    with pytest.raises(WeaktiesError, match="no person or organisation"):
        intro_paths(G, "A", "Nobody Ltd")
    G.add_node("hermit", name="Hermit", organisation="Cave")
    with pytest.raises(WeaktiesError, match="no path"):
        intro_paths(G, "A", "Hermit")
    with pytest.raises(WeaktiesError, match="owner"):
        intro_paths(G, "Nobody", "z")


def test_no_second_degree_below_whole_network():
    # A single export shows only the owner's contacts, not theirs.
    r = run(ego_star())
    assert r.second_degree.empty
    assert "second-degree contacts" in {s["analysis"] for s in r.skipped}
