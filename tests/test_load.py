"""weakties.load(): paths in, one contact graph and an honest report out.

The expected figures are counted by hand from the rows in tests/helpers.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import (
    ALICE_FILES,
    ALICE_URL,
    ANNE_ID,
    BJORN_URL,
    BOB_FILES,
    BOB_URL,
    CAROL_CONNECTIONS,
    CONNECTIONS_2020,
    IN,
    MARIA_B_URL,
    MARIA_C_URL,
    MESSAGES_2021,
    PIETER_URL,
    SOFIA_URL,
    WEI_URL,
    alice_archive,
    connections,
    csv_bytes,
    messages,
    tree_hashes,
    write_files,
    write_team,
    write_zip,
    zip_bytes,
)

import weakties
from weakties.outputs.report import people_frame, ties_frame

# Alice's archive alone: Alice + Anne, Pieter, Björn, Wei, Sofía = 6 people. Ties: 5 owner ties
# (her 5 connections) + 3 among Anne, Pieter and Björn, who were in group conversation c2 = 8.
ALICE_PEOPLE, ALICE_TIES, ALICE_HIDDEN = 6, 8, 2


def _owner(G, name: str) -> str:
    (node,) = [o for o in G.graph["owners"] if G.nodes[o]["name"] == name]
    return node


# --- one archive, however it is packed -----------------------------------------------------------


def _check_alice(G, report) -> None:
    assert G.number_of_nodes() == ALICE_PEOPLE
    assert G.number_of_edges() == ALICE_TIES
    assert report.hidden_members == ALICE_HIDDEN
    # Profile.csv names her; her URL is the sender URL of the messages she sent.
    assert G.graph["owners"] == [ALICE_URL]
    assert G.nodes[ALICE_URL]["name"] == "Alice Example"
    assert G.nodes[ALICE_URL]["owner"] is True
    assert [o["name"] for o in report.owners] == ["Alice Example"]


def test_zip_with_a_nested_folder(tmp_path):
    path = write_zip(tmp_path / "Basic_LinkedInDataExport_05-14-2024.zip", alice_archive())
    G, report = weakties.load([path])
    _check_alice(G, report)


def test_zip_with_an_odd_name(tmp_path):
    path = write_zip(tmp_path / "x (1).zip", alice_archive("a/b/c/"))
    _check_alice(*weakties.load([path]))


def test_zip_inside_a_zip(tmp_path):
    inner = zip_bytes(alice_archive())
    path = write_zip(tmp_path / "export.zip.zip",
                     {"Complete_LinkedInDataExport_05-14-2024.zip": inner})
    _check_alice(*weakties.load([path]))


def test_unzipped_folder(tmp_path):
    folder = write_files(tmp_path / "alice", alice_archive())
    G, report = weakties.load([folder])
    _check_alice(G, report)
    # One input: the archive folder, not one per subfolder.
    assert [o["input"] for o in report.owners] == [
        str(folder / "Basic_LinkedInDataExport_05-14-2024")]


def test_load_accepts_a_single_path(tmp_path):
    path = write_zip(tmp_path / "alice.zip", alice_archive())
    _check_alice(*weakties.load(path))
    _check_alice(*weakties.load(str(path)))


# --- the evidence in Alice's archive -------------------------------------------------------------


@pytest.fixture
def alice(tmp_path):
    return weakties.load([write_zip(tmp_path / "alice.zip", alice_archive())])


def test_messages_kept_and_dropped(alice):
    G, report = alice
    (msgs,) = [i for i in report.inputs if i["format"] == "linkedin-messages"]
    # 8 rows: 5 kept (c1: 3, c2: 2); a draft, a "LinkedIn Member" and a sponsored one dropped.
    assert (msgs["rows"], msgs["skipped"]) == (5, 3)
    assert msgs["path"].endswith("alice.zip/Basic_LinkedInDataExport_05-14-2024/messages.csv")
    # Alice's 3 messages in c1 and her 1 in c2 reach Anne; Anne wrote 1 -> 4 with Anne.
    anne = G.edges[ALICE_URL, ANNE_ID]
    assert anne["messages"] == 4
    assert anne["sent"] == {ALICE_URL: 3, ANNE_ID: 1}
    assert (anne["first_message"], anne["last_message"]) == ("2024-03-01", "2024-04-01")
    assert anne["kinds"] == ["connection", "message"]
    assert anne["connected_on"] == "2024-02-14"
    # Pieter: Alice's c2 message reached him and he wrote one (to the group, so to Alice).
    assert G.edges[ALICE_URL, PIETER_URL]["sent"] == {ALICE_URL: 1, PIETER_URL: 1}
    assert G.edges[ALICE_URL, BJORN_URL]["messages"] == 1
    # The draft to Sofía was dropped: a connection only.
    sofia = G.edges[ALICE_URL, SOFIA_URL]
    assert (sofia["kinds"], sofia["messages"], sofia["last_interaction"]) == (
        ["connection"], 0, "")
    # 7 messages in all: 4 + 2 + 1.
    assert sum(d["messages"] for _, _, d in G.edges(data=True)) == 7
    # Nobody from the dropped rows became a person.
    assert IN + "acme-recruiter" not in G


def test_group_conversation_gives_inferred_contact_ties(alice):
    G, _ = alice
    contacts = [(ANNE_ID, PIETER_URL), (ANNE_ID, BJORN_URL), (PIETER_URL, BJORN_URL)]
    for u, v in contacts:
        tie = G.edges[u, v]
        assert tie["kinds"] == ["group"]
        assert tie["inferred"] is True
        assert tie["group_conversations"] == 1
        assert tie["messages"] == 0  # messages count only where one end is an owner
    # The owner's own ties are observed, never inferred.
    assert not any(G.edges[ALICE_URL, c]["inferred"] for c in G.neighbors(ALICE_URL))
    inferred = sorted(tuple(sorted((u, v))) for u, v, d in G.edges(data=True) if d["inferred"])
    assert inferred == sorted(tuple(sorted(p)) for p in contacts)


def test_endorsement_url_without_scheme_finds_the_contact(alice):
    G, _ = alice
    # Wei's endorsement writes www.linkedin.com/in/wei-chen-kelpie: same person as the row.
    tie = G.edges[ALICE_URL, WEI_URL]
    assert tie["kinds"] == ["connection", "endorsement"]
    assert tie["endorsements"] == 1
    assert tie["last_interaction"] == "2023-06-01"
    assert G.nodes[WEI_URL]["email"] == "wei.chen@kelpie.example"


def test_guide_messages_are_ignored(alice):
    G, report = alice
    assert IN + "linkedin-guide" not in G
    assert any(p.endswith("/guide_messages.csv") for p in report.ignored_files)
    assert any(p.endswith("/Jobs/Job Applications.csv") for p in report.ignored_files)
    # The guide's message (2025-01-01) and the sponsored one (2024-12-01) do not move as_of:
    # the newest kept date is Pieter's c2 message of 2024-04-02.
    assert G.graph["as_of"] == "2024-04-02"


def test_people_attributes(alice):
    G, _ = alice
    anne = G.nodes[ANNE_ID]
    assert anne["name"] == 'Anne "Annie" O’Neil'
    assert anne["organisation"] == "Acme, Inc"
    assert anne["url"] == ANNE_ID
    assert anne["owner"] is False
    # Connections.csv: preamble on lines 1-3, header on 4, Anne's row on 5.
    assert any(s.endswith("/Connections.csv:5") for s in anne["sources"])
    assert G.nodes[PIETER_URL]["name"] == "Pieter Jansen, MSc, MBA, PHR"
    assert G.nodes[ALICE_URL]["location"] == "Amsterdam, Netherlands"


# --- a lone Connections.csv and its owner --------------------------------------------------------


LONE = connections([
    ["Sam", "Lee", IN + "sam-lee", "", "Acme", "Sales", "06 Jun 2020"],
    ["", "", "", "", "", "", "05 Jun 2020"],
])


def test_lone_file_owner_from_file_name(tmp_path):
    path = write_files(tmp_path, {"dave_Connections.csv": LONE}) / "dave_Connections.csv"
    G, report = weakties.load([path])
    (owner,) = G.graph["owners"]
    assert G.nodes[owner]["name"] == "dave"
    assert report.owners[0]["identified_by"] == "the name 'dave'"
    # Dave and Sam; one hidden member.
    assert (G.number_of_nodes(), G.number_of_edges(), report.hidden_members) == (2, 1, 1)
    assert G.edges[owner, IN + "sam-lee"]["connected_on"] == "2020-06-06"


def test_bare_connections_file_owner_from_parent_folder(tmp_path):
    path = write_files(tmp_path / "dave", {"Connections.csv": LONE}) / "Connections.csv"
    G, _ = weakties.load([path])
    (owner,) = G.graph["owners"]
    assert G.nodes[owner]["name"] == "dave"


def test_owner_option_names_the_owner(tmp_path):
    path = write_files(tmp_path, {"dave_Connections.csv": LONE}) / "dave_Connections.csv"
    G, report = weakties.load([path], owner="Dave Kowalczyk")
    (owner,) = G.graph["owners"]
    assert G.nodes[owner]["name"] == "Dave Kowalczyk"
    assert report.owners[0]["identified_by"] == "--owner"


@pytest.mark.parametrize(
    ("name", "owner"),
    [("x (1).zip", "x"), ("erin.zip.zip", "erin"), ("erin_Connections (2).csv", "erin"),
     ("Basic_LinkedInDataExport_05-14-2024.zip", "erin-folder")],
)
def test_owner_name_from_odd_file_names(tmp_path, name, owner):
    folder = tmp_path / "erin-folder"
    if name.endswith(".zip"):
        path = write_zip(folder / name, {"Export/Connections.csv": LONE})
    else:
        path = write_files(folder, {name: LONE}) / name
    G, _ = weakties.load([path])
    assert [G.nodes[o]["name"] for o in G.graph["owners"]] == [owner]


def test_owner_for_each_input_by_path(tmp_path):
    a = write_files(tmp_path, {"a_Connections.csv": LONE}) / "a_Connections.csv"
    b = write_files(tmp_path, {"b_Connections.csv": LONE}) / "b_Connections.csv"
    G, _ = weakties.load([a, b], owner={str(a): "Ann A", str(b): "Ben B"})
    assert sorted(G.nodes[o]["name"] for o in G.graph["owners"]) == ["Ann A", "Ben B"]
    # Sam is in both files with the same URL: one person, two owners.
    assert G.degree(IN + "sam-lee") == 2


VCARD = b"BEGIN:VCARD\nVERSION:3.0\nFN:Kim Park\nEMAIL:kim@example.org\nEND:VCARD\n"
CONTACTS = b"Name,Email\nLou Tan,lou@example.org\nKim Park,kim@example.org\n"


def test_one_owner_name_owns_every_input_that_names_none(tmp_path):
    # "These are all mine": a contacts CSV and a vCard of one person, one --owner NAME.
    files = write_files(tmp_path, {"contacts.csv": CONTACTS, "phone.vcf": VCARD})
    G, report = weakties.load([files / "contacts.csv", files / "phone.vcf"], owner="Dana Doe")
    (owner,) = G.graph["owners"]
    assert G.nodes[owner]["name"] == "Dana Doe"
    assert sorted(o["input"] for o in report.owners) == sorted(
        str(files / n) for n in ("contacts.csv", "phone.vcf"))
    assert {o["identified_by"] for o in report.owners} == {"--owner"}
    # Kim (same email in both) and Lou: Dana's two contacts, nobody else.
    assert sorted(G.nodes[n]["name"] for n in G[owner]) == ["Kim Park", "Lou Tan"]
    assert G.number_of_nodes() == 3


def test_one_owner_name_leaves_inputs_that_name_their_owner(tmp_path):
    # Alice's archive names her (Profile.csv), Bob's folder by the messages he sent; only
    # carol_Connections.csv names nobody, so the name is hers.
    team = write_team(tmp_path)
    G, report = weakties.load([team], owner="Carol Dubois")
    assert sorted(G.nodes[o]["name"] for o in G.graph["owners"]) == [
        "Alice Example", "Bob Builder", "Carol Dubois"]
    by_input = {Path(o["input"]).name: o["identified_by"] for o in report.owners}
    assert by_input["carol_Connections.csv"] == "--owner"
    assert by_input["alice.zip"] != "--owner" and by_input["bob"] != "--owner"


def test_one_owner_name_that_no_input_takes_is_refused(tmp_path):
    team = write_team(tmp_path)
    with pytest.raises(weakties.WeaktiesError, match="names no input's owner"):
        weakties.load([team / "alice.zip", team / "bob"], owner="Zoe")


# --- an edge list with an owner ------------------------------------------------------------------

EDGES = b"Source,Target\nAnne Jansen,Bo\nBo,Cy\nCy,Di\nBo,Ed\nEd,Fay\nGus,Hal\n"


@pytest.mark.parametrize("given", ["Anne Jansen", "anne  JANSEN", "Anne Jansen (she/her)"])
def test_owner_names_a_node_of_an_edge_list(tmp_path, given):
    path = write_files(tmp_path, {"org.csv": EDGES}) / "org.csv"
    G, report = weakties.load(path, owner=given)
    assert G.graph["owners"] == ["Anne Jansen"]  # the node's id as written, not a new person
    assert G.nodes["Anne Jansen"]["owner"] is True
    assert G.number_of_nodes() == 8 and G.number_of_edges() == 6  # nothing added
    assert report.owners[0]["identified_by"] == "--owner (the edge list's node 'Anne Jansen')"


def test_edge_list_owner_gets_second_degree_contacts(tmp_path):
    import networkx as nx

    from weakties.analysis import run

    path = write_files(tmp_path, {"org.csv": EDGES}) / "org.csv"
    G, _ = weakties.load(path, owner="Anne Jansen")
    r = run(G)
    # Two steps from Anne: Bo's other contacts Cy and Ed (networkx: distance exactly 2).
    reach = nx.single_source_shortest_path_length(G, "Anne Jansen", cutoff=2)
    assert sorted(r.second_degree["person"]) == sorted(n for n, d in reach.items() if d == 2)
    assert set(r.second_degree["best_introducer"]) == {"Bo"}


@pytest.mark.parametrize("owner", ["Zed", {"org.csv": "Zed"}])
def test_owner_naming_no_node_of_an_edge_list_is_refused(tmp_path, owner):
    path = write_files(tmp_path, {"org.csv": EDGES}) / "org.csv"
    if isinstance(owner, dict):
        owner = {str(path): "Zed"}
    with pytest.raises(weakties.InputError, match=r"--owner 'Zed' names no node of this edge "
                       r"list; expected a node label as written in the file \(e.g. 'Anne "
                       r"Jansen', 'Bo', 'Cy'\)"):
        weakties.load(path, owner=owner)


def test_owner_naming_two_nodes_alike_is_refused(tmp_path):
    path = write_files(tmp_path, {"org.csv": b"u,v\nAnne Jansen,b\nanne jansen,c\n"}) / "org.csv"
    with pytest.raises(weakties.InputError, match="names 2 nodes"):
        weakties.load(path, owner="ANNE JANSEN")
    G, _ = weakties.load(path, owner="anne jansen")  # exactly as written: that one
    assert G.graph["owners"] == ["anne jansen"]


def test_one_owner_name_with_an_edge_list_and_a_vcard(tmp_path):
    files = write_files(tmp_path, {"org.csv": EDGES, "phone.vcf": VCARD})
    # The name is a node of the edge list: one owner, the node, who also has the vCard's Kim.
    G, _ = weakties.load([files / "org.csv", files / "phone.vcf"], owner="Anne Jansen")
    (owner,) = G.graph["owners"]
    assert owner == "Anne Jansen"
    assert sorted(G.nodes[n]["name"] for n in G[owner]) == ["Bo", "Kim Park"]
    # Not a node: the vCard is Zed's, the edge list stays a network without owner.
    G, report = weakties.load([files / "org.csv", files / "phone.vcf"], owner="Zed")
    assert [G.nodes[o]["name"] for o in G.graph["owners"]] == ["Zed"]
    assert [Path(o["input"]).name for o in report.owners] == ["phone.vcf"]


# --- a team folder -------------------------------------------------------------------------------


@pytest.fixture
def team(tmp_path):
    return write_team(tmp_path)


def test_team_folder_is_three_owners(team):
    G, report = weakties.load([team])
    # alice.zip, bob/ and carol_Connections.csv: three inputs, three owners.
    assert sorted(o["input"] for o in report.owners) == sorted(
        str(team / n) for n in ("alice.zip", "bob", "carol_Connections.csv"))
    assert [G.nodes[o]["name"] for o in G.graph["owners"]] == [
        "Alice Example", "Bob Builder", "carol"]
    # Bob has no Profile.csv: his URL is the sender in both his conversations, his name is
    # the FROM of those messages.
    assert _owner(G, "Bob Builder") == BOB_URL
    assert report.owners[1]["identified_by"] == "messages sent by the owner"
    # carol_Connections.csv says nothing about its owner: no URL, so a name-keyed id.
    assert _owner(G, "carol").startswith("name:carol@")


def test_team_counts(team):
    G, report = weakties.load([team])
    # People: Alice's 6 + Bob, his Maria Garcia, Jan (Anne is already counted) + carol and her
    # Maria Garcia (Anne, Sofía already counted) = 11.
    assert G.number_of_nodes() == 11
    # Ties: Alice's 8 + Bob's 3 connections + carol's 3 connections = 14.
    assert G.number_of_edges() == 14
    # Hidden members: Alice 2, Bob 1, carol 0.
    assert report.hidden_members == 3
    # Anne is in all three inputs, Sofía in two: (3 - 1) + (2 - 1) = 3 merges across inputs.
    assert report.merges == 3
    assert report.ambiguous == []
    assert report.dropped == {}
    # Bob's messages: 4 rows, none dropped, 2 with Jan, 2 with Maria.
    bob_msgs = [i for i in report.inputs if i["path"] == str(team / "bob" / "messages.csv")]
    assert [(i["rows"], i["skipped"]) for i in bob_msgs] == [(4, 0)]
    assert G.edges[BOB_URL, MARIA_B_URL]["messages"] == 2
    # Newest kept date: Bob's last message to Maria, 2024-08-11 (after Bob's newest
    # connection, 20 Jul 2024).
    assert G.graph["as_of"] == "2024-08-11"


def test_a_person_known_to_two_owners_is_one_node(team):
    G, _ = weakties.load([team])
    alice, bob, carol = (_owner(G, n) for n in ("Alice Example", "Bob Builder", "carol"))
    assert set(G.neighbors(ANNE_ID)) == {alice, bob, carol, PIETER_URL, BJORN_URL}
    assert G.edges[bob, ANNE_ID]["connected_on"] == "2024-07-20"
    people = people_frame(G).set_index("id")
    # The owners column lists, by name, the owners tied to that person.
    assert people.loc[ANNE_ID, "owners"] == "Alice Example; Bob Builder; carol"
    assert people.loc[SOFIA_URL, "owners"] == "Alice Example; carol"
    assert people.loc[PIETER_URL, "owners"] == "Alice Example"
    # Owners come first in the people table.
    assert people["owner"].tolist() == [True] * 3 + [False] * 8


def test_same_name_and_hospital_with_two_urls_stay_two_people(team):
    G, _ = weakties.load([team])
    assert G.nodes[MARIA_B_URL]["position"] == "Nurse"
    assert G.nodes[MARIA_C_URL]["position"] == "Cardiologist"
    marias = sorted(n for n, d in G.nodes(data=True) if d["name"] == "Maria Garcia")
    assert marias == [MARIA_C_URL, MARIA_B_URL]  # maria-garcia-1, maria-garcia-2


def test_ties_frame_of_the_team(team):
    G, _ = weakties.load([team])
    ties = ties_frame(G)
    assert len(ties) == 14
    assert (ties["source"] < ties["target"]).all()
    assert int(ties["inferred"].sum()) == 3
    assert int(ties["messages"].sum()) == 7 + 4


def test_inputs_are_never_modified(team):
    before = tree_hashes(team)
    weakties.load([team])
    assert tree_hashes(team) == before


def test_team_folder_of_lone_files(tmp_path):
    # Two members' lone files side by side are two owners, not one archive with two files.
    folder = write_files(tmp_path / "team", {"carol_Connections.csv": CAROL_CONNECTIONS,
                                             "dave_Connections.csv": LONE})
    G, report = weakties.load([folder])
    assert sorted(G.nodes[o]["name"] for o in G.graph["owners"]) == ["carol", "dave"]
    assert G.number_of_nodes() == 2 + 3 + 1


def test_team_folder_of_subfolders(tmp_path):
    team = tmp_path / "team"
    write_files(team / "alice", alice_archive())
    write_files(team / "bob", BOB_FILES)
    G, _ = weakties.load([team])
    assert [G.nodes[o]["name"] for o in G.graph["owners"]] == ["Alice Example", "Bob Builder"]


# --- ambiguity and pre-2023 archives -------------------------------------------------------------


def test_name_only_mention_with_two_candidates_is_listed_and_its_evidence_dropped(tmp_path):
    files = {
        "Connections.csv": connections([
            ["Sam", "Lee", IN + "sam-lee-1", "", "Acme", "Sales", "06 Jun 2022"],
            ["Sam", "Lee", IN + "sam-lee-2", "", "Kelpie Labs", "CTO", "07 Jun 2022"],
            ["Pieter", "Jansen, MSc", PIETER_URL, "", "Nimbus Systems", "Engineer",
             "08 Jun 2022"],
        ]),
        # The 2022 endorsements file has no URL column: names only.
        "Endorsement_Received_Info.csv": csv_bytes([
            ["Endorsement Date", "Skill Name", "Endorser First Name", "Endorser Last Name",
             "Endorsement Status"],
            ["2022/08/11 11:00:31 UTC", "Python", "Sam", "Lee", "ACCEPTED"],
            ["2022/08/12 11:00:31 UTC", "SQL", "Pieter", "Jansen", "ACCEPTED"],
        ]),
    }
    path = write_zip(tmp_path / "erin.zip", files)
    G, report = weakties.load([path])
    # Sam Lee could be either contact: listed, and the endorsement is not attached to a guess.
    assert [(a["value"], a["candidates"]) for a in report.ambiguous] == [
        ("sam lee", [IN + "sam-lee-1", IN + "sam-lee-2"])]
    assert report.dropped == {"evidence naming someone who could be one of several people": 1}
    owner = G.graph["owners"][0]
    assert G.edges[owner, IN + "sam-lee-1"]["endorsements"] == 0
    assert G.edges[owner, IN + "sam-lee-2"]["endorsements"] == 0
    # Pieter Jansen is unique in erin's archive ("Jansen, MSc" folds to "jansen").
    assert G.edges[owner, PIETER_URL]["endorsements"] == 1
    # Owner + 3 contacts; nobody new from the endorsements.
    assert G.number_of_nodes() == 4


def test_name_alone_never_merges_across_owners(tmp_path):
    # Erin's endorsement names "Sam Lee" (no URL) and Erin has no Sam Lee; dave has one.
    erin = write_zip(tmp_path / "erin.zip", {
        "Connections.csv": connections([
            ["Kim", "Park", IN + "kim-park", "", "Acme", "Sales", "06 Jun 2022"]]),
        "Endorsement_Received_Info.csv": csv_bytes([
            ["Endorsement Date", "Skill Name", "Endorser First Name", "Endorser Last Name",
             "Endorsement Status"],
            ["2022/08/11 11:00:31 UTC", "Python", "Sam", "Lee", "ACCEPTED"],
        ]),
    })
    dave = write_files(tmp_path, {"dave_Connections.csv": LONE}) / "dave_Connections.csv"
    G, report = weakties.load([erin, dave])
    # erin, Kim, erin's unknown Sam Lee, dave, dave's Sam Lee (sam-lee URL): 5 people.
    assert G.number_of_nodes() == 5
    assert G.degree(IN + "sam-lee") == 1
    assert report.ambiguous == []


#: Erin's archive of the Dec 2020 - May 2023 era: her profile URL, and a Connections.csv
#: without URLs (Jan at Northbridge University, Sam at Acme).
ERIN = IN + "erin-example"
ERIN_2020_CONNECTIONS = connections([
    ["Jan", "de Vries", "", "Northbridge University", "Lecturer", "05 May 2021"],
    ["Sam", "Lee", "", "Acme", "Sales", "06 Jun 2020"],
], era="2020", ending="\n\n")


def test_pre_2023_archive_message_senders_are_the_connections(tmp_path):
    # Dec 2020 - May 2023: Connections.csv has no URL column, messages.csv has sender URLs
    # but no recipient URLs. Each sender is one of the owner's connections, not a new person.
    files = {
        "Connections.csv": ERIN_2020_CONNECTIONS,
        "messages.csv": messages([
            ["e1", "", "Erin Example", ERIN, "Jan de Vries", "2021-06-01 09:00:00 UTC", "",
             "Hi", "INBOX"],
            ["e1", "", "Jan de Vries", IN + "jan-de-vries-nbu", "Erin Example",
             "2021-06-02 09:00:00 UTC", "", "Hi", "INBOX"],
            ["e1", "", "Erin Example", ERIN, "Jan de Vries", "2021-06-03 09:00:00 UTC", "",
             "Hi", "INBOX"],
            # Never answered: Sam is named only in TO.
            ["e2", "", "Erin Example", ERIN, "Sam Lee", "2021-07-01 09:00:00 UTC", "", "Hi",
             "INBOX"],
        ], header=MESSAGES_2021),
    }
    G, report = weakties.load([write_files(tmp_path / "erin", files)])
    # Erin, Jan, Sam: no duplicate for the URL'd sender.
    assert G.number_of_nodes() == 3
    assert G.graph["owners"] == [ERIN]
    jan = G.edges[ERIN, IN + "jan-de-vries-nbu"]
    assert jan["kinds"] == ["connection", "message"]
    assert jan["sent"] == {ERIN: 2, IN + "jan-de-vries-nbu": 1}
    assert G.nodes[IN + "jan-de-vries-nbu"]["organisation"] == "Northbridge University"
    sam = G.edges[ERIN, "name:sam lee|acme"]
    assert (sam["kinds"], sam["messages"]) == (["connection", "message"], 1)
    assert report.dropped == {}
    assert report.ambiguous == []


def test_pre_2023_group_messages_without_replies_are_counted_not_guessed(tmp_path):
    # Without recipient URLs, the owner's unanswered message to "Jan de Vries,Sam Lee" (a
    # comma without a space: two people) names nobody for sure: it is counted as dropped. A
    # message to one name ("Sam Lee") is evidence with that connection.
    files = {
        "Connections.csv": ERIN_2020_CONNECTIONS,
        "messages.csv": messages([
            ["g1", "", "Erin Example", ERIN, "Jan de Vries,Sam Lee",
             "2021-06-01 09:00:00 UTC", "", "Hi", "INBOX"],
            ["g1", "", "Erin Example", ERIN, "Jan de Vries,Sam Lee",
             "2021-06-02 09:00:00 UTC", "", "Hi again", "INBOX"],
            ["s1", "", "Erin Example", ERIN, "Sam Lee", "2021-07-01 09:00:00 UTC", "",
             "Hi", "INBOX"],
        ], header=MESSAGES_2021),
    }
    G, report = weakties.load([write_files(tmp_path / "erin", files)])
    assert G.number_of_nodes() == 3
    assert report.dropped == {
        "group messages whose silent members are unknown (no recipient URLs)": 2}
    sam = G.edges[ERIN, "name:sam lee|acme"]
    assert (sam["kinds"], sam["messages"]) == (["connection", "message"], 1)
    jan = G.edges[ERIN, "name:jan de vries|northbridge university"]
    assert (jan["kinds"], jan["messages"]) == (["connection"], 0)


def test_input_paths_are_reported_as_given(tmp_path):
    folder = write_files(tmp_path / "bob", BOB_FILES)
    _, report = weakties.load([folder])
    assert sorted(i["path"] for i in report.inputs) == [
        str(folder / "Connections.csv"), str(folder / "messages.csv")]


def test_alice_files_fixture_is_what_the_tests_assume():
    # Guard the fixture itself: 7 connection rows (5 people + 2 hidden) after the 4 head lines.
    lines = ALICE_FILES["Connections.csv"].decode().split("\n")
    assert lines[3].startswith("First Name,Last Name,URL,")
    assert len(lines) == 4 + 7
    assert not ALICE_FILES["Connections.csv"].endswith(b"\n")


def test_path_objects_and_strings_give_the_same_graph(tmp_path):
    path: Path = write_zip(tmp_path / "alice.zip", alice_archive())
    G1, _ = weakties.load([path])
    G2, _ = weakties.load([str(path)])
    assert sorted(G1.nodes) == sorted(G2.nodes)
    assert sorted(G1.edges) == sorted(G2.edges)


def test_team_folder_with_unrelated_subfolders(tmp_path):
    # A Mac's __MACOSX/ and a notes/ folder hold no export: skipped, not an error.
    team = write_team(tmp_path)
    write_files(team, {"__MACOSX/._alice.zip": b"\x00\x05\x16\x07", "notes/a.pdf": b"%PDF-1.4"})
    G, _ = weakties.load([team])
    assert (G.number_of_nodes(), len(G.graph["owners"])) == (11, 3)


def test_a_folder_without_any_export_is_an_error(tmp_path):
    folder = write_files(tmp_path / "empty", {"notes/a.pdf": b"%PDF-1.4"})
    with pytest.raises(weakties.InputError) as err:
        weakties.load([folder])
    assert str(err.value) == (
        f"{folder}: no export found in this folder; expected a LinkedIn archive (.zip or its CSV "
        "files) or one export per team member")


def test_no_input_is_an_error():
    with pytest.raises(weakties.WeaktiesError, match="^no input given"):
        weakties.load([])


def test_a_file_of_hidden_members_only(tmp_path):
    path = write_files(tmp_path, {"x_Connections.csv": connections([
        ["", "", "", "", "", "", "01 Jan 2020"]])}) / "x_Connections.csv"
    G, report = weakties.load([path])
    # The owner alone, no ties, no dates: as_of is empty.
    assert (G.number_of_nodes(), G.number_of_edges(), report.hidden_members) == (1, 0, 1)
    assert G.graph["as_of"] == ""


def test_2018_archive_names_only(tmp_path):
    # <= 2018: no preamble, no URL column, "1/8/18, 6:14 PM" dates, a member URN in the Email
    # column; Messages.csv has names only and a Direction column; no Profile.csv.
    root = "Carol export/LinkedInDataExport_2018/"
    path = write_zip(tmp_path / "carol.zip", {
        root + "Connections.csv": csv_bytes([
            CONNECTIONS_2020,
            ["Fatima", "Benali", "urn:li:member:12345", "Kelpie Labs", "Designer",
             "1/8/18, 6:14 PM"],
            ["Jan", "Smit", "", "", "", "2/9/17, 9:00 AM"],
        ], ending="\n"),
        root + "Messages.csv": csv_bytes([
            ["From", "To", "Date", "Subject", "Content", "Direction", "Folder"],
            ["Carol Dubois", "Fatima Benali", "10/16/18, 8:36 AM", "Hi", "Hello", "OUTGOING",
             "INBOX"],
            ["Fatima Benali", "Carol Dubois", "10/17/18, 9:00 AM", "Re: Hi", "Hello",
             "INCOMING", "INBOX"],
            ["Carol Dubois", "Jan Smit", "10/18/18, 9:00 AM", "Hi", "Hello", "OUTGOING",
             "INBOX"],
        ], ending="\n"),
    })
    G, report = weakties.load([path])
    # The owner is the From of the OUTGOING messages; Carol, Fatima and Jan.
    (owner,) = G.graph["owners"]
    assert G.nodes[owner]["name"] == "Carol Dubois"
    assert G.number_of_nodes() == 3
    fatima = "name:fatima benali|kelpie labs"  # no URL, no email: name + organisation
    assert G.nodes[fatima]["email"] == ""  # a urn:li:member is not an address
    tie = G.edges[owner, fatima]
    assert (tie["messages"], tie["sent"]) == (2, {owner: 1, fatima: 1})
    assert tie["connected_on"] == "2018-01-08"
    # Jan has no company: his message goes to the one Jan Smit of Carol's archive.
    (jan,) = [n for n, d in G.nodes(data=True) if d["name"] == "Jan Smit"]
    assert G.edges[owner, jan]["messages"] == 1
    assert G.graph["as_of"] == "2018-10-18"
    assert report.dropped == {} and report.ambiguous == []


def test_owner_for_a_path_that_is_no_input_is_an_error(tmp_path):
    a = write_files(tmp_path, {"a_Connections.csv": LONE}) / "a_Connections.csv"
    with pytest.raises(weakties.WeaktiesError) as err:
        weakties.load([a], owner={str(tmp_path / "b.csv"): "Ben B"})
    assert str(err.value) == (
        f"--owner {tmp_path / 'b.csv'}=Ben B: {tmp_path / 'b.csv'} is not one of the inputs "
        f"({a}); give the path of an input as listed")


def test_owner_for_a_member_of_a_team_folder(team):
    G, _ = weakties.load([team], owner={str(team / "carol_Connections.csv"): "Carol Dubois"})
    assert [G.nodes[o]["name"] for o in G.graph["owners"]] == [
        "Alice Example", "Bob Builder", "Carol Dubois"]
