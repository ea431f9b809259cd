"""Mixed inputs: Alice's LinkedIn archive, her Google Contacts CSV and her phone's vCard file.

The address books (sample_exports/formats/alice_contacts.csv and .vcf, see make_formats.py)
name people of her archive (sample_exports/team/alice.zip: 58 people, 67 ties). Expected, by
hand:

Google CSV, 7 contacts:
  Wei Chen       second e-mail = his Connections.csv e-mail      -> merged (e-mail)
  Eun-ji Björk   e-mail = her Connections.csv e-mail (case aside) -> merged (e-mail)
  Anne O’Neil    website = her LinkedIn URL (encoded, slash)      -> merged (URL)
  Maria Garcia   St. Aurelia Hospital: two Marias there, two URLs -> ambiguous, a node of her own
  Kwame Mensah   OpenHarvest Foundation                           -> merged (name + organisation)
  Jonas Weber    not on LinkedIn                                  -> new
  Mum            two addresses in one cell                        -> new
vCard, 7 cards:
  Pieter Jansen  item1.URL = his LinkedIn URL                     -> merged (URL)
  Wei Chen       e-mail = his Google home address                 -> merged (e-mail, via Google)
  Jonas Weber    e-mail = his Google address                      -> merged with Google's Jonas
  Sofía Hernández  no FN; ORG "Acme\\, Inc"                        -> merged (name + organisation)
  Lukas Müller   Institut für Netzwerkforschung                   -> merged (name + organisation)
  Jan de Vries   Northbridge University (Alice's is at a bank)    -> new
  Grace Kim                                                       -> new

New people: Maria (Google), Jonas, Mum, Jan (NBU), Grace = 5 -> 63 people.
New ties: Alice to each of them = 5 -> 72 ties.
Named with --owner "Alice Lindqvist", the two address books are Alice's own: one owner.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import weakties
from weakties.cli import cli

ROOT = Path(__file__).resolve().parent.parent / "sample_exports"
ALICE = ROOT / "team" / "alice.zip"
GOOGLE = ROOT / "formats" / "alice_contacts.csv"
VCARD = ROOT / "formats" / "alice_contacts.vcf"
IN = "https://www.linkedin.com/in/"
ALICE_ID = IN + "alice-lindqvist-3f9a21"
OWNERS = {str(GOOGLE): "Alice Lindqvist", str(VCARD): "Alice Lindqvist"}


@pytest.fixture(scope="module")
def mixed():
    return weakties.load([ALICE, GOOGLE, VCARD], owner=OWNERS)


def test_counts(mixed):
    G, report = mixed
    assert (G.number_of_nodes(), G.number_of_edges()) == (63, 72)
    assert [i["format"] for i in report.inputs if not i["path"].startswith(str(ALICE))] == [
        "google-contacts", "vcard"]


def test_one_owner_for_her_three_inputs(mixed):
    G, report = mixed
    assert G.graph["owners"] == [ALICE_ID]
    assert [o["id"] for o in report.owners] == [ALICE_ID] * 3
    assert [o["identified_by"] for o in report.owners][1:] == ["--owner", "--owner"]


@pytest.mark.parametrize(("pid", "files"), [
    (IN + "wei-chen-kelpie", {"Connections.csv", "alice_contacts.csv", "alice_contacts.vcf"}),
    (IN + "eun-ji-bjork-767c44", {"Connections.csv", "alice_contacts.csv"}),
    (IN + "anne-o’neil-4b2a91", {"Connections.csv", "alice_contacts.csv"}),
    (IN + "kwame-mensah-ohf", {"Connections.csv", "alice_contacts.csv"}),
    (IN + "pieter-jansen-phr", {"Connections.csv", "alice_contacts.vcf"}),
    (IN + "sofia-hernandez-acme", {"Connections.csv", "alice_contacts.vcf"}),
    (IN + "lukas-mueller-inf", {"Connections.csv", "alice_contacts.vcf"}),
    ("email:jonas.weber@example.com", {"alice_contacts.csv", "alice_contacts.vcf"}),
])
def test_one_node_each_where_url_email_or_name_and_organisation_match(mixed, pid, files):
    G, _ = mixed
    seen = {s.rsplit(":", 1)[0].rsplit("/", 1)[-1] for s in G.nodes[pid]["sources"]}
    assert files <= seen
    assert G.has_edge(ALICE_ID, pid)


def test_people_in_several_inputs(mixed):
    _, report = mixed
    # Counted per extra input a person is found in: Alice 2, Wei 2, Eun-ji, Anne, Kwame,
    # Pieter, Sofía, Lukas, Jonas 1 each.
    assert report.merges == 11


def test_the_ambiguous_maria_is_listed_not_guessed(mixed):
    G, report = mixed
    assert report.ambiguous == [{
        "key": "name + organisation", "value": "maria garcia|st aurelia hospital",
        "candidates": [IN + "maria-garcia-4a1b2c", IN + "maria-garcia-md-77f0e1"],
        "mentions": 1,
    }]
    marias = sorted(n for n, name in G.nodes(data="name") if name == "Maria Garcia")
    assert marias == [IN + "maria-garcia-4a1b2c", IN + "maria-garcia-md-77f0e1",
                      "name:maria garcia|st aurelia hospital"]


def test_new_people(mixed):
    G, _ = mixed
    G0, _ = weakties.load(ALICE)
    assert sorted(set(G) - set(G0)) == [
        "email:grace.kim@example.com", "email:jonas.weber@example.com",
        "email:mum.work@example.net", "name:jan de vries|northbridge university",
        "name:maria garcia|st aurelia hospital"]
    assert G.edges[ALICE_ID, "email:mum.work@example.net"]["kinds"] == ["contact"]
    # A tie seen in LinkedIn and in an address book has both kinds of evidence.
    assert G.edges[ALICE_ID, IN + "wei-chen-kelpie"]["kinds"] == [
        "connection", "contact", "message"]


def test_without_owner_names_the_address_books_have_owners_of_their_own():
    G, _ = weakties.load([ALICE, GOOGLE, VCARD])
    # Both address books are named after their files ("alice"), made distinct from alice.zip's
    # label: alice-2 and alice-3, two more owners. Their contacts still merge as above.
    names = sorted(G.nodes[o]["name"] for o in G.graph["owners"])
    assert names == ["Alice Lindqvist", "alice-2", "alice-3"]
    # 63 people + 2 owners = 65. Ties: Alice's archive 67, the Google owner's 7 contacts, the
    # vCard owner's 7 cards = 81 (no address-book contact is tied to Alice herself now).
    assert (G.number_of_nodes(), G.number_of_edges()) == (65, 81)


def test_mixed_through_the_cli(tmp_path):
    out = tmp_path / "report"
    result = CliRunner().invoke(cli, [
        "analyze", str(ALICE), str(GOOGLE), str(VCARD), "--out", str(out), "-q",
        "--owner", f"{GOOGLE}=Alice Lindqvist", "--owner", f"{VCARD}=Alice Lindqvist"])
    assert result.exit_code == 0, result.output
    data = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert (data["people"], data["ties"], data["owners"]) == (63, 72, ["Alice Lindqvist"])
    assert [a["value"] for a in data["ambiguous"]] == ["maria garcia|st aurelia hospital"]
