"""The reciprocity ledger and the give-first list, against an archive whose exchanges we wrote."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest
from helpers import (
    ENDORSEMENTS_RECEIVED_2023,
    IN,
    MESSAGES_2024,
    connections,
    csv_bytes,
    messages,
    profile,
    write_zip,
)
from test_analysis_helpers import person, tie

import weakties
from weakties.analysis import Params, run
from weakties.analysis.reciprocity import GIVE_FIRST_COLUMNS, LEDGER_COLUMNS, give_first, ledger
from weakties.graph.anonymize import anonymize

OLIVIA = IN + "olivia-owner"
ANA, BEN, CAI, DEE, EVE = (IN + s for s in ("ana-alves", "ben-brandt", "cai-chen", "dee-diaz",
                                             "eve-evans"))
ENDORSEMENTS_GIVEN = ["Endorsement Date", "Skill Name", "Endorsee First Name",
                      "Endorsee Last Name", "Endorsee Public Url", "Endorsement Status"]
RECOMMENDATIONS = ["First Name", "Last Name", "Company", "Job Title", "Text", "Creation Date",
                   "Status"]
INVITATIONS = ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl",
               "inviteeProfileUrl"]


def _msg(cid: str, sender: str, sender_url: str, to: str, to_url: str, date: str) -> list[str]:
    return [cid, "", sender, sender_url, to, to_url, date, "", "Hello", "INBOX", "No", "No"]


def _www(url: str) -> str:
    """Endorsement files write profile URLs without the scheme."""
    return url.removeprefix("https://")


#: Olivia Owner's archive. What went each way, by design:
#:
#: | contact | endorsements O→/←them | recommendations O→/←them | invitation | messages O→/←them |
#: |---------|-----------------------|--------------------------|------------|-------------------|
#: | Ana     | 0 / 2                 | 0 / 1                    | from Ana   | 0 / 0             |
#: | Ben     | 3 / 1                 | 1 / 0                    | from Olivia| 0 / 0             |
#: | Cai     | 1 / 1                 | 0 / 0                    |            | 2 / 3             |
#: | Dee     | 0 / 0                 | 0 / 0                    |            | 1 / 2             |
#: | Eve     | 0 / 1                 | 0 / 0                    |            | 0 / 0             |
ARCHIVE = {
    "Profile.csv": profile("Olivia", "Owner", "Data Analyst"),
    "Connections.csv": connections([
        ["Ana", "Alves", ANA, "", "Acme", "Data Scientist", "01 Oct 2024"],
        ["Ben", "Brandt", BEN, "", "Globex", "Software Engineer", "15 Sep 2024"],
        ["Cai", "Chen", CAI, "", "Initech", "Product Manager", "01 Jun 2024"],
        ["Dee", "Diaz", DEE, "", "Umbrella", "Analyst", "01 May 2024"],
        ["Eve", "Evans", EVE, "", "Hooli", "Designer", "01 Apr 2024"],
    ]),
    "Endorsement_Received_Info.csv": csv_bytes([
        ENDORSEMENTS_RECEIVED_2023,
        ["2024/10/20 10:00:00 UTC", "SQL", "Ana", "Alves", _www(ANA), "ACCEPTED"],
        ["2024/10/21 10:00:00 UTC", "Python", "Ana", "Alves", _www(ANA), "ACCEPTED"],
        ["2024/10/22 10:00:00 UTC", "Python", "Ben", "Brandt", _www(BEN), "ACCEPTED"],
        ["2024/10/23 10:00:00 UTC", "Tableau", "Cai", "Chen", _www(CAI), "ACCEPTED"],
        ["2024/10/24 10:00:00 UTC", "SQL", "Eve", "Evans", _www(EVE), "ACCEPTED"],
    ]),
    "Endorsement_Given_Info.csv": csv_bytes([
        ENDORSEMENTS_GIVEN,
        ["2024/10/25 10:00:00 UTC", "Go", "Ben", "Brandt", _www(BEN), "ACCEPTED"],
        ["2024/10/26 10:00:00 UTC", "Kubernetes", "Ben", "Brandt", _www(BEN), "ACCEPTED"],
        ["2024/10/27 10:00:00 UTC", "Rust", "Ben", "Brandt", _www(BEN), "ACCEPTED"],
        ["2024/10/28 10:00:00 UTC", "Roadmaps", "Cai", "Chen", _www(CAI), "ACCEPTED"],
    ]),
    # No URL in recommendation files: they match by name and company.
    "Recommendations_Received.csv": csv_bytes([
        RECOMMENDATIONS,
        ["Ana", "Alves", "Acme", "Data Scientist", "Olivia is a joy to work with.",
         "10/30/24, 09:00 AM", "VISIBLE"],
    ]),
    "Recommendations_Given.csv": csv_bytes([
        RECOMMENDATIONS,
        ["Ben", "Brandt", "Globex", "Software Engineer", "Ben ships.", "10/31/24, 09:00 AM",
         "VISIBLE"],
    ]),
    "Invitations.csv": csv_bytes([
        INVITATIONS,
        ["Ana Alves", "Olivia Owner", "9/30/24, 8:00 AM", "", "INCOMING", ANA, OLIVIA],
        ["Olivia Owner", "Ben Brandt", "9/14/24, 8:00 AM", "", "OUTGOING", OLIVIA, BEN],
    ]),
    "messages.csv": messages([
        _msg("c1", "Olivia Owner", OLIVIA, "Cai Chen", CAI, "2024-11-01 09:00:00 UTC"),
        _msg("c1", "Cai Chen", CAI, "Olivia Owner", OLIVIA, "2024-11-02 09:00:00 UTC"),
        _msg("c1", "Olivia Owner", OLIVIA, "Cai Chen", CAI, "2024-11-03 09:00:00 UTC"),
        _msg("c1", "Cai Chen", CAI, "Olivia Owner", OLIVIA, "2024-11-04 09:00:00 UTC"),
        _msg("c1", "Cai Chen", CAI, "Olivia Owner", OLIVIA, "2024-11-05 09:00:00 UTC"),
        _msg("c2", "Dee Diaz", DEE, "Olivia Owner", OLIVIA, "2024-11-06 09:00:00 UTC"),
        _msg("c2", "Olivia Owner", OLIVIA, "Dee Diaz", DEE, "2024-11-07 09:00:00 UTC"),
        _msg("c2", "Dee Diaz", DEE, "Olivia Owner", OLIVIA, "2024-11-08 09:00:00 UTC"),
    ], header=MESSAGES_2024),
}


@pytest.fixture(scope="module")
def olivia(tmp_path_factory):
    path = write_zip(tmp_path_factory.mktemp("in") / "olivia.zip", ARCHIVE)
    G, _ = weakties.load([path])
    return G, run(G)


def test_the_graph_keeps_who_gave_what(olivia):
    G, _ = olivia
    [me] = G.graph["owners"]
    assert me == OLIVIA
    ben = G[me][BEN]
    assert ben["endorsed_by"] == {me: 3, BEN: 1} and ben["endorsements"] == 4
    assert ben["recommended_by"] == {me: 1} and ben["invited_by"] == me
    assert G[me][ANA]["recommended_by"] == {ANA: 1} and G[me][ANA]["invited_by"] == ANA
    # every LinkedIn endorsement and recommendation has a known giver
    for _, _, d in G.edges(data=True):
        assert sum(d["endorsed_by"].values()) == d["endorsements"]
        assert sum(d["recommended_by"].values()) == d["recommendations"]


def test_ledger_matches_the_archive(olivia):
    G, r = olivia
    book = ledger(G, r)
    assert list(book.columns) == LEDGER_COLUMNS
    rows = {row["person"]: row for row in book.to_dict("records")}
    cols = ["endorsements_given", "endorsements_received", "recommendations_given",
            "recommendations_received", "invited_by", "messages_sent", "messages_received"]
    assert {p: [rows[p][c] for c in cols] for p in rows} == {
        ANA: [0, 2, 0, 1, "them", 0, 0],
        BEN: [3, 1, 1, 0, "you", 0, 0],
        CAI: [1, 1, 0, 0, "", 2, 3],
        DEE: [0, 0, 0, 0, "", 1, 2],
        EVE: [0, 1, 0, 0, "", 0, 0],
    }
    # favours = endorsements + 3 x recommendations; balance = received - given
    assert {p: (rows[p]["given"], rows[p]["received"], rows[p]["balance"]) for p in rows} == {
        ANA: (0, 5, 5), BEN: (6, 1, -5), CAI: (1, 1, 0), DEE: (0, 0, 0), EVE: (0, 1, 1)}
    # largest debt first; Cai and Dee are even, Cai exchanged more (7 things to Dee's 3)
    assert list(book["person"]) == [ANA, EVE, CAI, DEE, BEN]
    assert set(book["owner_name"]) == {"Olivia Owner"}
    assert rows[DEE]["tie_class"] == "weak"


def test_give_first_returns_favours_then_helps_a_weak_tie(olivia):
    G, r = olivia
    give = give_first(G, r)
    assert list(give.columns) == GIVE_FIRST_COLUMNS
    got = list(zip(give["action"], give["person"], give["reason"], strict=True))
    assert got == [
        # Ana recommended Olivia: a recommendation back is the fitting return.
        ("recommend", ANA, "gave you a recommendation and 2 endorsements; you gave nothing"),
        ("endorse", EVE, "gave you an endorsement; you gave nothing"),
        # Dee: a weak tie, three messages both ways, never endorsed. Cai was endorsed already;
        # Ben is owed nothing (Olivia gave more).
        ("endorse", DEE, "a weak tie you have talked with (3 messages) and never endorsed: "
                         "endorse a skill you have seen them use"),
    ]
    assert list(give["rank"]) == [1, 2, 3]
    # A single export is an ego star: a missing tie between contacts is unknown, so no
    # introductions are suggested.
    assert "introduce" not in set(give["action"])


def test_introduction_pairs_a_weak_tie_with_a_peer_across_a_hole():
    # Owner O (an ego network, as of 2024-06-01). Two triangles among O's contacts, no tie
    # between them: A = a1, a2, a3 and B = b1, b2, b3. O's ties: a1 (weak: connected in March,
    # nothing since), b1 (strong: ten messages each way last week), b2 (weak). a1 and b2 are
    # both in data (Data Scientist, Data Analyst); b1 is an engineer. So O can introduce a1 to
    # b2 -- a peer -- rather than to b1, the strongest contact over there. b2 could be
    # introduced only to a1, already used: one suggestion.
    G = nx.Graph(owners=["O"], whole_network=False, as_of="2024-06-01")
    person(G, "O", "O", "Home", "Student", owner=True)
    for pid, org, pos in [("a1", "Acme", "Data Scientist"), ("a2", "Acme", "Engineer"),
                          ("a3", "Acme", "Engineer"), ("b1", "Globex", "Engineer"),
                          ("b2", "Globex", "Data Analyst"), ("b3", "Globex", "Engineer")]:
        person(G, pid, pid.upper(), org, pos)
    tie(G, "O", "a1", connected_on="2024-03-01")
    tie(G, "O", "b2", connected_on="2024-02-01")
    tie(G, "O", "b1", connected_on="2020-01-01", kinds=["connection", "message"], messages=20,
        sent={"O": 10, "b1": 10}, last_message="2024-05-28", last_interaction="2024-05-28")
    for side in "ab":
        m = [f"{side}{i}" for i in (1, 2, 3)]
        for u, v in [(m[0], m[1]), (m[0], m[2]), (m[1], m[2])]:
            tie(G, u, v, kinds=["ties-file"])
    r = run(G)
    give = give_first(G, r)
    intro = give[give["action"] == "introduce"]
    assert list(zip(intro["person"], intro["with_person"], strict=True)) == [("a1", "b2")]
    reason = intro["reason"].iloc[0]
    assert reason.startswith("no tie links the clusters “Acme")
    assert reason.endswith("B2 works in data too")


def test_anonymize_renames_the_givers(olivia):
    G, r = olivia
    H = anonymize(G)
    [me] = H.graph["owners"]
    assert me == "Owner 1"
    givers = {k for _, _, d in H.edges(data=True)
              for key in ("sent", "endorsed_by", "recommended_by") for k in d[key]}
    assert givers and all(k.startswith(("Owner ", "Person ")) for k in givers)
    book = ledger(H, run(H))
    assert book["balance"].tolist() == [5, 1, 0, 0, -5]


def test_ledger_without_owner_is_empty():
    G = nx.relabel_nodes(nx.karate_club_graph(), str)
    G.graph.update(owners=[], whole_network=True, as_of="")
    r = run(G)
    assert ledger(G, r).empty and give_first(G, r).empty


def test_ledger_of_two_owners_by_hand():
    # O1 and O2 both own exports and know each other: their tie is in each owner's ledger,
    # seen from that owner's side. An edge-list tie records no exchange; a tie the result
    # left out (inferred, excluded) has no class; no date on record: dormant.
    G = nx.Graph(owners=["O1", "O2"], whole_network=True, as_of="2024-06-01")
    for pid in ("O1", "O2"):
        person(G, pid, f"Owner {pid[-1]}", owner=True)
    person(G, "c", "Cem", "  Acme ")
    person(G, "e", "Eli")
    tie(G, "O1", "O2", endorsed_by={"O1": 2, "O2": 1}, recommended_by={"O2": 1},
        invited_by="O2", sent={"O1": 4, "O2": 1}, messages=5, kinds=["connection", "message"])
    tie(G, "O1", "c", endorsed_by={"c": 1})
    tie(G, "O2", "c", kinds=["group"], inferred=True)
    tie(G, "O1", "e", kinds=["edge"])
    r = run(G, Params(include_inferred=False))
    book = ledger(G, r)
    cols = ["owner", "person", "organisation", "tie_class", "endorsements_given",
            "endorsements_received", "recommendations_given", "recommendations_received",
            "invited_by", "messages_sent", "messages_received", "given", "received", "balance"]
    assert book[cols].values.tolist() == [
        ["O1", "O2", "", "dormant", 2, 1, 0, 1, "them", 4, 1, 2, 4, 2],
        ["O1", "c", "  Acme ", "dormant", 0, 1, 0, 0, "", 0, 0, 0, 1, 1],
        ["O2", "c", "  Acme ", "", 0, 0, 0, 0, "", 0, 0, 0, 0, 0],
        ["O2", "O1", "", "dormant", 1, 2, 1, 0, "you", 1, 4, 4, 2, -2],
    ]
    assert list(book["owner_name"]) == ["Owner 1", "Owner 1", "Owner 2", "Owner 2"]
    assert list(book["name"]) == ["Owner 2", "Cem", "Cem", "Owner 1"]


@pytest.mark.parametrize("seed", range(3))
def test_peers_by_cluster_and_role_family_equal_the_loop(seed):
    # _peers groups an owner's contacts on arrays; the plain loop over the contacts is the
    # reference: contacts without a role family (or outside the result) left out, ids in order.
    import random

    import numpy as np
    import pandas as pd

    from weakties.analysis._table import edge_table
    from weakties.analysis.reciprocity import _peers, _roles

    rng = random.Random(seed)
    G = nx.relabel_nodes(nx.gnm_random_graph(80, 300, seed=seed), lambda n: f"p{n:02d}")
    table = edge_table(G)
    people = pd.DataFrame({
        "cluster": [rng.choice([-1, 0, 1, 2]) for _ in table.nodes],
        "role_family": [rng.choice(["", "sales", "engineering", np.nan]) for _ in table.nodes],
    }, index=pd.Index(table.nodes, dtype=object)).drop(index=["p03", "p17"])  # not analysed
    for owner in ("p00", "p05", "p40"):
        membership = people["cluster"].to_dict()
        roles = {k: ("" if pd.isna(v) else v) for k, v in people["role_family"].items()}
        want: dict = {}
        for c in sorted(G[owner]):
            if roles.get(c, ""):
                want.setdefault((int(membership.get(c, -1)), roles[c]), []).append(c)
        assert _peers(table, owner, _roles(table, people)) == want
    # give_first's look-ups by id read like the dicts of people (the same in another order)
    from weakties.analysis.reciprocity import _ById

    for frame in (people, people.iloc[::-1]):
        grouped = _roles(table, frame)
        cluster, role = _ById(grouped.cluster, table), _ById(grouped.role, table)
        membership = frame["cluster"].to_dict()
        roles = {k: ("" if pd.isna(v) else v) for k, v in frame["role_family"].items()}
        for n in [*table.nodes, "stranger"]:
            assert cluster.get(n, -1) == membership.get(n, -1)
            assert role.get(n, "") == roles.get(n, "")


@pytest.mark.parametrize("seed", range(3))
def test_ledger_order_is_owner_then_debt_then_exchanged_then_id(seed):
    # The order by its definition (a stable sort of the whole frame), on random exchanges
    # with many ties in balance and in things exchanged, owners listed out of order.
    import random

    rng = random.Random(seed)
    owners = ["zoe", "O1", "mia"]
    G = nx.Graph(owners=owners, whole_network=True, as_of="2024-06-01")
    for o in owners:
        person(G, o, o.title(), owner=True)
    for _ in range(40):
        c = f"c{rng.randrange(1000):03d}"
        person(G, c, c.upper())
        for o in rng.sample(owners, rng.randint(1, 3)):
            tie(G, o, c, endorsed_by={o: rng.randint(0, 2), c: rng.randint(0, 2)},
                recommended_by={c: rng.randint(0, 1)}, sent={o: rng.randint(0, 3)},
                kinds=["connection"])
    book = ledger(G, run(G))
    assert len(book) > 40 and book["balance"].nunique() > 2
    exchanged = book[["endorsements_given", "endorsements_received", "recommendations_given",
                      "recommendations_received", "messages_sent", "messages_received"]
                     ].sum(axis=1)
    want = book.assign(_x=exchanged).sort_values(
        ["owner", "balance", "_x", "person"], ascending=[True, False, False, True],
        kind="stable").drop(columns="_x").reset_index(drop=True)
    pd.testing.assert_frame_equal(book, want)


@pytest.mark.parametrize("rows", [0, 1, 2, 5])
def test_rows_read_a_chunk_at_a_time_are_the_frames_rows(rows):
    from weakties.analysis.reciprocity import _Row, _rows

    keys = list(_Row._fields)
    frame = pd.DataFrame({k: [f"{k}{i}" for i in range(rows)] for k in [*keys, "other"]},
                         index=range(10, 10 + rows))
    want = [_Row(*(frame.at[i, k] for k in keys)) for i in frame.index]
    assert list(_rows(frame, keys, chunk=2)) == want
    assert list(_rows(frame, keys)) == want
