"""Address books as CSV: Google Contacts (both layouts), Outlook, Thunderbird, any CSV, --columns.

Counts come from the committed samples (sample_exports/formats/make_formats.py writes them; the
rows are spelled out there) or from the small files built here; each is derived in a comment.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import weakties
from weakties.cli import cli
from weakties.errors import WeaktiesError
from weakties.importers.contacts import (
    parse_columns,
    parse_generic,
    parse_google,
    parse_google_legacy,
    parse_outlook,
    parse_thunderbird,
)
from weakties.importers.registry import sniff

SAMPLES = Path(__file__).resolve().parent.parent / "sample_exports" / "formats"


def _read(name: str) -> tuple[bytes, str]:
    path = SAMPLES / name
    return path.read_bytes(), str(path)


def run(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="weakties")


# --- recognised by header ------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "expected"), [
    ("alice_contacts.csv", "google-contacts"),
    ("google_contacts_legacy.csv", "google-contacts-legacy"),
    ("outlook_contacts.csv", "outlook-contacts"),
    ("outlook_desktop_contacts.csv", "outlook-contacts"),
    ("thunderbird_contacts.csv", "thunderbird-contacts"),
    ("crm_people.csv", "contacts-csv"),
])
def test_each_sample_is_recognised_by_its_header(name, expected):
    assert sniff(*_read(name)).name == expected


def test_a_header_with_a_name_but_no_email_or_organisation_is_not_a_contacts_csv():
    # tests/broken/unknown_header.csv must stay unrecognised.
    assert sniff(b"Name,Phone,Notes\nAnn Example,555-0100,met at a fair\n", "x.csv") is None


def test_linkedin_connections_stay_linkedin():
    # Its header also has a name, an email and a company: the catch-all must not take it.
    header = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    assert sniff(header + b"Anne,Jansen,,,Acme,CTO,14 Feb 2020\n", "c.csv").name == (
        "linkedin-connections")


# --- Google Contacts -----------------------------------------------------------------------------


def test_google_current_layout():
    table = parse_google(*_read("alice_contacts.csv"))
    # 8 data rows; the last has only a phone number: 7 kept, 1 skipped.
    assert (table.rows, dict(table.skipped)) == (7, {"no name, email or organisation": 1})
    f = table.frame.set_index("name")
    # The BOM does not reach the first header cell: "First Name" is read.
    assert list(f.index) == ["Wei Chen", "Eun-ji Björk", "Anne O’Neil", "Maria Garcia",
                             "Kwame Mensah", "Jonas Weber", "Mum"]
    # E-mail 1 and E-mail 2 of one contact, in number order.
    assert f.loc["Wei Chen", "email"] == "wei.home@example.net ::: wei.chen@kelpielabs.example"
    # Google's " ::: " inside one cell: both addresses.
    assert f.loc["Mum", "email"] == "mum@family.example ::: mum.work@example.net"
    # Only a LinkedIn web page is kept as the URL.
    assert f.loc["Anne O’Neil", "url"] == (
        "https://www.linkedin.com/in/anne-o%E2%80%99neil-4b2a91/")
    assert f.loc["Kwame Mensah", ["organisation", "position"]].tolist() == [
        "OpenHarvest Foundation", "Programme Director"]
    # CRLF line ends; the header is line 1, so Mum's row is line 8.
    assert int(f.loc["Mum", "line"]) == 8


def test_google_legacy_layout():
    table = parse_google_legacy(*_read("google_contacts_legacy.csv"))
    # 5 rows; the last has neither a name, an email nor an organisation.
    assert (table.rows, table.skipped_total) == (4, 1)
    f = table.frame.set_index("name")
    # "Name" empty: Given + Additional + Family. Three addresses over two groups, one cell
    # holding two of them.
    assert f.loc["Tomás J. Reyes", "email"] == (
        "tomas@reyes.example ::: tj.reyes@example.net ::: t.reyes@example.org")
    # Only the second organisation group is filled: found by its name, not its position.
    assert f.loc["Ines Duarte", ["organisation", "position", "location"]].tolist() == [
        "Atlântico Labs", "Founder", "Lisbon"]
    assert f.loc["Ines Duarte", "url"] == "https://www.linkedin.com/in/ines-duarte-pt"
    # No person, only an organisation: named after it (as Google's File As does).
    assert f.loc["Northwind Catering", "email"] == "orders@northwind.example"


def test_google_groups_are_matched_by_name_wherever_they_are():
    # E-mail 10 sorts after E-mail 2 by number, not as text; groups sit in any order.
    data = (b"First Name,Last Name,File As,Labels,E-mail 10 - Value,Organization Name,"
            b"E-mail 2 - Value,E-mail 1 - Value\n"
            b"Anne,Jansen,,* myContacts,ten@x.example,Acme,two@x.example,one@x.example\n")
    table = parse_google(data, "contacts.csv")
    assert table.frame.loc[0, "email"] == "one@x.example ::: two@x.example ::: ten@x.example"


# --- Outlook, Thunderbird ------------------------------------------------------------------------


def test_outlook_com():
    table = parse_outlook(*_read("outlook_contacts.csv"))
    # 4 rows, the last one empty but for a note.
    assert (table.rows, table.skipped_total) == (3, 1)
    f = table.frame.set_index("name")
    assert f.loc["Piotr K. Zieliński", "email"] == "piotr@zielinski.example ::: pz@example.org"
    # "Title" is the honorific (Dr.), "Job Title" the position.
    assert f.loc["Lea Hoffmann", "position"] == "Researcher"
    assert f.loc["Lea Hoffmann", "url"] == "https://de.linkedin.com/in/lea-hoffmann-inf"
    assert f.loc["Grace Mwangi", "location"] == "Nairobi"


def test_outlook_desktop_all_quoted_in_a_windows_code_page():
    data, path = _read("outlook_desktop_contacts.csv")
    assert b"\xe7" in data  # "ç" as cp1252 writes it: not UTF-8
    table = parse_outlook(data, path)
    assert table.rows == 3
    f = table.frame.set_index("name")
    assert f.loc["François Lemaître", ["organisation", "position", "location"]].tolist() == [
        "Crédit Côtier", "Directeur financier", "Nantes"]
    # The Exchange X.500 path in "E-mail Address" is not an address: only E-mail 2 is kept.
    assert f.loc["Søren Bækgaard", "email"] == "soren@nordlys.example"
    assert f.loc["Zoë Ångström", "email"] == ""


def test_thunderbird():
    table = parse_thunderbird(*_read("thunderbird_contacts.csv"))
    assert table.rows == 3
    f = table.frame.set_index("name")
    # Display Name first; first + last when it is empty.
    assert f.loc["Kenji Mori", "email"] == "kenji.mori@example.com ::: kmori@example.net"
    assert f.loc["Aroha Ngata", ["organisation", "location"]].tolist() == [
        "Kōwhai Design", "Wellington"]
    assert f.loc["Build Server", "email"] == "ci@example.org"


# --- any CSV, and --columns ----------------------------------------------------------------------


def test_generic_csv_by_the_mapping_table():
    table = parse_generic(*_read("crm_people.csv"))
    # 4 rows: two people, an organisation only (named after it), one with only a phone.
    assert (table.rows, table.skipped_total) == (3, 1)
    f = table.frame.set_index("name")
    assert f.loc["Marco Bellini", "email"] == (
        "marco.bellini@example.com ::: marco@bellini.example")  # "; " separates addresses
    assert f.loc["Olga Petrenko", ["organisation", "position"]].tolist() == [
        "Dnipro Data", "Data Scientist"]
    assert "Vela Consulting" in f.index


def test_columns_option_reads_a_header_no_mapping_guesses(tmp_path):
    path = SAMPLES / "custom_columns.csv"
    with pytest.raises(WeaktiesError, match="not a recognised export"):
        weakties.load(path, owner="Me")
    G, report = weakties.load(
        path, owner="Me", columns="name=Contact Person,organisation=Works At,email=Reach Me At")
    # The owner and 2 contacts, each tied to the owner.
    assert (G.number_of_nodes(), G.number_of_edges()) == (3, 2)
    assert report.inputs[0]["format"] == "contacts-csv"
    yara = G.nodes["email:yara@cedar.example"]
    assert (yara["name"], yara["organisation"]) == ("Yara Haddad", "Cedar Health")
    assert G.edges["name:me@custom_columns", "email:yara@cedar.example"]["kinds"] == ["contact"]


def test_columns_option_through_the_cli(tmp_path):
    out = tmp_path / "report"
    result = run("analyze", str(SAMPLES / "custom_columns.csv"), "--out", str(out), "-q",
                 "--columns", "name=Contact Person, organization=Works At")
    assert result.exit_code == 0, result.output
    data = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert (data["people"], data["ties"]) == (3, 2)


@pytest.mark.parametrize(("spec", "expected"), [
    ("name=Full Name,organisation=Company", {"name": "Full Name", "organisation": "Company"}),
    # Aliases, spaces, and a comma inside a header (no field name follows it).
    (" Organization = Acme, Inc. unit , e-mail=Mail", {"organisation": "Acme, Inc. unit",
                                                      "email": "Mail"}),
    (None, {}),
])
def test_parse_columns(spec, expected):
    assert parse_columns(spec) == expected


def test_a_bad_columns_option_is_a_usage_error():
    result = run("export", str(SAMPLES / "custom_columns.csv"), "-o", "g.graphml",
                 "--columns", "nickname=Nick")
    assert result.exit_code == 2
    assert "Invalid value for '--columns': expected FIELD=HEADER pairs" in result.output


# --- the owner's contacts in the graph -----------------------------------------------------------


def test_an_address_book_is_the_owners_contacts():
    G, report = weakties.load(SAMPLES / "google_contacts_legacy.csv")
    # No --owner: the owner is named after the file (a trailing "_contacts" would be left out,
    # as in test_contacts_file_named_after_its_owner; here it is not at the end).
    (owner,) = G.graph["owners"]
    assert G.nodes[owner]["name"] == "google_contacts_legacy"
    # 4 contacts + the owner; a star of 4 "contact" ties.
    assert (G.number_of_nodes(), G.number_of_edges()) == (5, 4)
    assert {tuple(d["kinds"]) for _, _, d in G.edges(data=True)} == {("contact",)}
    assert G.graph["whole_network"] is False
    # Tomás's id is his smallest address (sorted: stable whatever the order in the file); the
    # node shows the address the file lists first.
    tomas = G.nodes["email:t.reyes@example.org"]
    assert (tomas["name"], tomas["email"]) == ("Tomás J. Reyes", "tomas@reyes.example")


def test_contacts_file_named_after_its_owner(tmp_path):
    path = tmp_path / "dave_contacts.csv"
    path.write_bytes((SAMPLES / "crm_people.csv").read_bytes())
    G, _ = weakties.load(path)
    assert [G.nodes[o]["name"] for o in G.graph["owners"]] == ["dave"]


# --- malformed files: one line, exit 1 -----------------------------------------------------------


@pytest.mark.parametrize(("content", "message"), [
    # A quote never closed on row 2.
    (b'First Name,Last Name,File As,Labels,E-mail 1 - Value\nAnne,"Jansen,,x\nBob,B,,,b@x\n',
     "{path}:2: expected every quoted field to end with a closing '\"', found a quote that is "
     "never closed from here on; fix the quotes on that row or re-export the file"),
    # A header and no rows.
    (b"First Name,Last Name,Display Name,Primary Email\n",
     "{path}: has the Thunderbird address book CSV header but no rows; export it again"),
    (b"First Name,Middle Name,Last Name,E-mail Address,Job Title,Company\n,,,,,\n",
     "{path}: has the Outlook.com or desktop Outlook contacts CSV header but no rows; "
     "export it again"),
])
def test_malformed_contacts_file_is_one_error_line(tmp_path, content, message):
    path = tmp_path / "contacts.csv"
    path.write_bytes(content)
    result = run("export", str(path), "-o", str(tmp_path / "g.graphml"))
    assert result.exit_code == 1
    assert result.output == "Error: " + message.format(path=path) + "\n"
