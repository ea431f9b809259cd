"""The monthly plan: picks and reasons on hand-built networks where the right picks are known."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest
from test_analysis_helpers import chat, ego_star, person, tie

from weakties.analysis import run
from weakties.analysis.plan import PLAN_COLUMNS, monthly_plan, read_previous_plan
from weakties.errors import InputError
from weakties.outputs.files import write_csv


def plan_team() -> nx.Graph:
    """Mia, a student (the owner), as of 2024-12-01, in a network whose ties we all know.

    - f1, f2, f3: classmates at Northbridge University, a clique; Mia's strong ties (ten
      messages each way last week).
    - w1 (Northbridge, student), a weak tie who knows f1; d2 (Northbridge, lecturer), a dormant
      tie (connected 2017) who knows f2 and f3. Mia has five ties into that world: neither is
      a pick.
    - a1 (Acme Robotics): a weak tie (one message each way in October) who knows f1 -- one
      mutual contact, the sweet spot for a network this small -- and a2, a3, a clique at Acme.
      Mia's only tie into Acme: **the weak-tie pick**.
    - d1 (Helix Bio): connected in 2018, nothing since (dormant); d1, h1, h2 are a clique at
      Helix. Mia's only tie into Helix: **the dormant pick**.
    - s1 (Kelpie Labs, data analyst) knows only f2, a strong tie: **the introduction pick**
      (via f2), at an organisation where Mia knows no one.
    - g1 (Studio Fjord, designer): a weak tie with no mutual contact -- outside the sweet spot,
      so it ranks after a1, but Mia's only contact there: **the second weak-tie pick**.
    - a2 and a3 are second-degree through a1 (a weak tie), h1 and h2 through d1 (dormant):
      the introducer is not strong, so none of them is an introduction pick.
    """
    G = nx.Graph(owners=["me"], whole_network=True, as_of="2024-12-01")
    for pid, name, org, position in [
        ("me", "Mia", "Northbridge University", "Student"),
        ("f1", "Finn", "Northbridge University", "Student"),
        ("f2", "Fay", "Northbridge University", "Student"),
        ("f3", "Flo", "Northbridge University", "Student"),
        ("w1", "Wes", "Northbridge University", "Student"),
        ("d2", "Dev", "Northbridge University", "Lecturer"),
        ("a1", "Ari", "Acme Robotics", "Robotics Engineer"),
        ("a2", "Abe", "Acme Robotics", "Software Engineer"),
        ("a3", "Amy", "Acme Robotics", "Engineering Manager"),
        ("d1", "Dana", "Helix Bio", "Research Scientist"),
        ("h1", "Hal", "Helix Bio", "Research Scientist"),
        ("h2", "Hana", "Helix Bio", "Lab Technician"),
        ("s1", "Sol", "Kelpie Labs", "Data Analyst"),
        ("g1", "Gus", "Studio Fjord", "Designer"),
    ]:
        person(G, pid, name, org, position, owner=pid == "me")
    for f in ("f1", "f2", "f3"):
        tie(G, "me", f, connected_on="2021-09-01", **chat("me", f, 10, "2024-11-25"))
    tie(G, "me", "w1", connected_on="2024-09-01")
    tie(G, "me", "d2", connected_on="2017-01-01")
    tie(G, "me", "a1", connected_on="2024-06-01", **chat("me", "a1", 1, "2024-10-01"))
    tie(G, "me", "d1", connected_on="2018-03-01")
    tie(G, "me", "g1", connected_on="2024-08-01")
    known = [("f1", "f2"), ("f1", "f3"), ("f2", "f3"), ("w1", "f1"), ("d2", "f2"),
             ("d2", "f3"), ("a1", "f1"), ("a1", "a2"), ("a1", "a3"), ("a2", "a3"),
             ("d1", "h1"), ("d1", "h2"), ("h1", "h2"), ("s1", "f2")]
    for u, v in known:
        tie(G, u, v, kinds=["ties-file"])
    return G


@pytest.fixture(scope="module")
def team():
    G = plan_team()
    return G, run(G)


def test_the_known_picks_in_order(team):
    G, r = team
    plan = monthly_plan(G, r)
    assert list(plan.columns) == PLAN_COLUMNS
    # Round the kinds: best weak tie, best dormant tie, best introduction, next weak tie.
    assert list(plan["person"]) == ["a1", "d1", "s1", "g1"]
    assert list(plan["kind"]) == ["weak tie", "dormant tie", "introduction", "weak tie"]
    assert list(plan["rank"]) == [1, 2, 3, 4]
    assert not plan["matches_target"].any()
    # Nobody Mia already reaches well, nobody behind a weak or dormant introducer.
    assert not {"w1", "d2", "a2", "a3", "h1", "h2", "f1", "f2", "f3"} & set(plan["person"])


def test_the_reasons_say_why_in_plain_words(team):
    G, r = team
    reason = monthly_plan(G, r).set_index("person")["reason"]
    assert reason["a1"] == ("A moderately weak tie (1 mutual contact) and your only contact at "
                            "Acme Robotics.")
    # d1: the only tie into the Helix cluster, the only contact at Helix. (h1 and h2 are not
    # "circles you don't reach": Mia reaches their cluster and organisation -- through d1.)
    # (Helix's label: two of its three are in research, so the label says "2 of 3".)
    assert reason["d1"] == ("Not in touch since Mar 2018; your only tie into the cluster "
                            "“Helix Bio · research/academia (2 of 3)”; your only contact at "
                            "Helix Bio.")
    assert reason["s1"] == ("One introduction away: ask Fay, a strong tie, to introduce you; "
                            "at Kelpie Labs, where you know no one.")
    assert reason["g1"] == ("A weak tie (no mutual contacts) and your only contact at "
                            "Studio Fjord.")
    plan = monthly_plan(G, r).set_index("person")
    assert (plan.at["s1", "via"], plan.at["s1", "via_name"]) == ("f2", "Fay")
    assert plan.at["a1", "via"] == ""


def test_exclude_last_month_never_repeats_a_person(team, tmp_path):
    G, r = team
    first = monthly_plan(G, r)
    path = tmp_path / "plan.csv"
    write_csv(first, path)
    assert read_previous_plan(path) == {"a1", "d1", "s1", "g1"}
    second = monthly_plan(G, r, exclude=read_previous_plan(path))
    # Everyone worth a conversation was in last month's plan: this month has no one new
    # rather than someone twice.
    assert second.empty
    # Without a1 only, g1 becomes the best weak tie and leads.
    assert list(monthly_plan(G, r, exclude={"a1"})["person"]) == ["g1", "d1", "s1"]


def test_target_organisation_comes_first(team):
    G, r = team
    plan = monthly_plan(G, r, target="helix")
    # d1 works at Helix Bio: first and marked; the others only fill the plan up to three.
    assert list(plan["person"]) == ["d1", "a1", "s1"]
    assert list(plan["matches_target"]) == [True, False, False]
    assert plan.at[0, "reason"].endswith("Matches “helix”: works at Helix Bio.")


def test_target_field_matches_the_role_family(team):
    G, r = team
    plan = monthly_plan(G, r, target="data science")
    # "data science" is the role family "data": s1 (Data Analyst) matches; Dana is a research
    # scientist (research/academia), not data.
    assert list(plan["person"]) == ["s1", "a1", "d1"]
    assert plan.at[0, "reason"].endswith("works in data (Data Analyst).")


def test_target_matches_whole_words_only(team):
    G, r = team
    # "Lab" is not a word of "Kelpie Labs": no candidate matches, so the plan is the general one
    # cut to three; "Labs" is, and s1 leads.
    plan = monthly_plan(G, r, target="Lab")
    assert list(plan["person"]) == ["a1", "d1", "s1"] and not plan["matches_target"].any()
    plan = monthly_plan(G, r, target="Labs")
    assert list(plan.loc[plan["matches_target"], "person"]) == ["s1"]


def test_a_dormant_tie_that_leads_to_circles_you_do_not_reach():
    # O lost touch with d (Old Corp, 2015); d knows n1 and n2 at Far Corp, in a cluster and an
    # organisation O has no tie into. w is O's weekly chat partner at Near Corp.
    G = nx.Graph(owners=["O"], whole_network=True, as_of="2024-06-01")
    for pid, org in [("O", "Home"), ("d", "Old Corp"), ("n1", "Far Corp"), ("n2", "Far Corp"),
                     ("w", "Near Corp"), ("m1", "Near Corp")]:
        person(G, pid, pid, org, owner=pid == "O")
    tie(G, "O", "d", connected_on="2015-01-01")
    tie(G, "O", "w", connected_on="2020-01-01", **chat("O", "w", 10, "2024-05-30"))
    for u, v in [("d", "n1"), ("d", "n2"), ("n1", "n2"), ("w", "m1")]:
        tie(G, u, v, kinds=["ties-file"])
    r = run(G)
    plan = monthly_plan(G, r).set_index("person")
    assert plan.at["d", "kind"] == "dormant tie"
    assert plan.at["d", "reason"].endswith(
        "your only contact at Old Corp; could introduce you to 2 people in circles you don't "
        "reach.")
    # A result without the run's counts (built by hand, or older): the plan finds them again.
    r.novel_via = {}
    pd.testing.assert_frame_equal(monthly_plan(G, r).set_index("person"), plan)
    # m1 is one introduction away through w, a strong tie, but at w's organisation: still a
    # pick (an introduction), not a novel one.
    assert plan.at["m1", "reason"] == ("One introduction away: ask w, a strong tie, to "
                                       "introduce you.")


def test_ego_star_weak_ties_qualify_without_mutual_contacts():
    G = ego_star()
    plan = monthly_plan(G, run(G))
    # On a star mutual contacts are unknown. dan (weak, connected in March) is Mia's only
    # contact at Initech: the best weak tie. cat (dormant since 2019) is the only tie into
    # Globex. fay (weak: a 2023 recommendation) shares Leiden University with eve: one of 2.
    # ann is strong; bob (dormant) shares Acme with ann and eve shares Leiden: no bridge.
    assert list(plan["person"]) == ["dan", "cat", "fay"]
    assert plan.at[0, "reason"] == "A weak tie and your only contact at Initech."
    assert plan.at[2, "reason"] == "A weak tie and one of only 2 contacts at Leiden University."


def test_one_pick_per_organisation_unless_the_plan_runs_short():
    # Owner O; x1..x3 all at Acme, each a weak tie that is O's only tie into its own cluster
    # (three separate pairs x_i - y_i). One Acme pick would leave the plan at one: the others
    # come back to reach three.
    G = nx.Graph(owners=["O"], whole_network=True, as_of="2024-06-01")
    person(G, "O", "O", "Home", owner=True)
    for i in (1, 2, 3):
        person(G, f"x{i}", f"X{i}", "Acme", "Engineer")
        person(G, f"y{i}", f"Y{i}", f"Org {i}", "Engineer")
        tie(G, "O", f"x{i}", connected_on="2024-01-01")
        tie(G, f"x{i}", f"y{i}", kinds=["ties-file"])
    plan = monthly_plan(G, run(G))
    assert list(plan["person"]) == ["x1", "x2", "x3"]


def test_one_pick_per_cluster():
    # x1 and x2 (a triangle with y1) are O's two ties into one cluster, each the other's mutual
    # contact with O: sweet-spot ties, the best candidates. x3, x4, x5 each lead into a
    # cluster of their own (no mutual contact). All six work at different places. Two people
    # from one small world bring the same news: x2 waits, the plan has four without it.
    G = nx.Graph(owners=["O"], whole_network=True, as_of="2024-06-01")
    person(G, "O", "O", "Home", owner=True)
    for i in range(1, 6):
        person(G, f"x{i}", f"X{i}", f"Org x{i}", "Engineer")
        person(G, f"y{i}", f"Y{i}", f"Org y{i}", "Engineer")
        tie(G, "O", f"x{i}", connected_on="2024-01-01")
        tie(G, f"x{i}", f"y{i}", kinds=["ties-file"])
    tie(G, "x1", "x2", kinds=["ties-file"])
    tie(G, "x2", "y1", kinds=["ties-file"])
    r = run(G)
    assert r.people.at["x1", "cluster"] == r.people.at["x2", "cluster"]
    plan = monthly_plan(G, r)
    assert list(plan["person"]) == ["x1", "x3", "x4", "x5"]


def test_no_owner_no_plan():
    G = nx.relabel_nodes(nx.karate_club_graph(), str)
    G.graph.update(owners=[], whole_network=True, as_of="")
    plan = monthly_plan(G, run(G))
    assert plan.empty and list(plan.columns) == PLAN_COLUMNS


def test_a_person_is_picked_for_one_owner_only():
    # Two owners A and B share their only contact c at Acme (a weak tie of both).
    G = nx.Graph(owners=["A", "B"], whole_network=True, as_of="2024-06-01")
    for pid in ("A", "B"):
        person(G, pid, pid, "Team", owner=True)
    person(G, "c", "C", "Acme", "Engineer")
    tie(G, "A", "c", connected_on="2024-01-01")
    tie(G, "B", "c", connected_on="2024-01-01")
    plan = monthly_plan(G, run(G))
    assert list(zip(plan["owner"], plan["person"], strict=True)) == [("A", "c")]


def test_previous_plan_must_be_a_plan(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("id,name\nx,X\n", encoding="utf-8")
    with pytest.raises(InputError, match="expected a plan.csv written by weakties"):
        read_previous_plan(path)
    binary = tmp_path / "plan.csv"
    binary.write_bytes(b"\xff\xfe\x00p\x00e")
    with pytest.raises(InputError, match="not UTF-8"):
        read_previous_plan(binary)


def test_previous_plan_undoes_formula_neutralising(tmp_path):
    # An edge-list label such as "+31 6 1234" is written as "'+31 6 1234" (formula injection
    # guard); reading it back must give the id again.
    path = tmp_path / "plan.csv"
    write_csv(pd.DataFrame({"person": ["+31 6 1234", "'quoted", "a"]}), path)
    assert read_previous_plan(path) == {"+31 6 1234", "'quoted", "a"}


def test_the_run_carries_the_plan_and_the_novel_introducers_it_reads(team):
    """run() returns the plan (outputs only render it), and the plan reads the run's count of
    novel people each contact could introduce. By hand: of Mia's second-degree people only s1
    is novel (Kelpie Labs, where she knows no one; a2, a3 are at Acme and h1, h2 at Helix,
    where she has a tie), and f2 is their one introducer."""
    G, r = team
    assert r.plan.equals(monthly_plan(G, r))
    novel = r.second_degree.loc[r.second_degree["novel"], "person"].tolist()
    assert novel == ["s1"]
    assert r.novel_via == {"me": {"f2": 1}}


@pytest.mark.parametrize("include_inferred", [True, False])
def test_plan_lookup_finds_each_owners_ties_by_their_ids(include_inferred):
    # The plan reads each owner's ties by node index: the same rows, ends and owners as the
    # ties frame's ids say, with the inferred ties left out of the result or not.
    from test_analysis_helpers import team

    from weakties.analysis import Params
    from weakties.analysis._table import edge_table
    from weakties.analysis.clusters import people_attributes
    from weakties.analysis.evidence import owners_of
    from weakties.analysis.plan import _Lookup

    G = team()
    tie(G, *sorted(G)[1:3], kinds=["group"], group_conversations=1, inferred=True)
    r = run(G, Params(include_inferred=include_inferred))
    table = edge_table(G)
    owners = owners_of(table)
    assert len(owners) >= 2
    got = _Lookup(r, owners, table, people_attributes(table))
    src, tgt = r.ties["source"].tolist(), r.ties["target"].tolist()
    for o in owners:
        want = [i for i, (a, b) in enumerate(zip(src, tgt, strict=True)) if o in (a, b)]
        assert got.tie_rows[o].tolist() == want and want
    ends = [{table.nodes[a], table.nodes[b]} for a, b in zip(*got.ends, strict=True)]
    assert ends == [{a, b} for a, b in zip(src, tgt, strict=True)]
