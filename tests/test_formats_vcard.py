"""vCard 2.1 / 3.0 / 4.0 address books, read with vobject.

The samples are written by sample_exports/formats/make_formats.py; the counts below come from
the cards spelled out there.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import weakties
from weakties.cli import cli
from weakties.importers.registry import sniff
from weakties.importers.vcard import parse_vcard

SAMPLES = Path(__file__).resolve().parent.parent / "sample_exports" / "formats"


def _read(name: str) -> tuple[bytes, str]:
    path = SAMPLES / name
    return path.read_bytes(), str(path)


def run(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="weakties")


@pytest.mark.parametrize("name", ["alice_contacts.vcf", "contacts_android_21.vcf",
                                  "contacts_v40.vcf"])
def test_recognised_by_structure_whatever_the_file_name(name):
    data, _ = _read(name)
    assert sniff(data, "whatever.txt").name == "vcard"


def test_version_30_apple():
    table = parse_vcard(*_read("alice_contacts.vcf"))
    # 8 cards; the last holds nothing but VERSION/PRODID: 7 contacts, 1 skipped.
    assert (table.rows, dict(table.skipped)) == (7, {"no name, email or organisation": 1})
    f = table.frame.set_index("name")
    # item1.URL with Apple's escaped colon "https\://".
    assert f.loc["Pieter Jansen", "url"] == "https://www.linkedin.com/in/pieter-jansen-phr"
    # A folded EMAIL line ("wei.home@exam" + "ple.net").
    assert f.loc["Wei Chen", "email"] == "wei.home@example.net"
    # No FN: the name comes from N; "Acme\, Inc;Sales" is the organisation "Acme, Inc".
    assert f.loc["Sofía Hernández", "organisation"] == "Acme, Inc"
    # A blank line inside Lukas's card does not end it.
    assert f.loc["Lukas Müller", "email"] == "lukas@privat.example"
    # A folded base64 photo is skipped, the rest of the card read.
    assert f.loc["Grace Kim", "email"] == "grace.kim@example.com"
    # Each row's line is its BEGIN:VCARD line (cards are 8-9 lines apart in the sample).
    assert table.frame["line"].tolist()[:3] == [1, 10, 18]


def test_version_21_quoted_printable_with_soft_line_breaks():
    data, path = _read("contacts_android_21.vcf")
    assert b"\r\n" in data and b"Lag=\r\nos" in data  # CRLF, and a "=" soft line break
    table = parse_vcard(data, path)
    # 3 cards; the third has an empty N and only a phone number.
    assert (table.rows, table.skipped_total) == (2, 1)
    mette, tunde = table.frame.to_dict("records")
    assert (mette["name"], mette["organisation"]) == ("Mette Østergaard", "Københavns Kommune")
    assert tunde["name"] == "Tunde Ade (“TJ”) of the Lagos office"
    assert tunde["email"] == "tunde.ade@example.com ::: tj@ade.example"


def test_version_40_group_cards_are_not_people():
    table = parse_vcard(*_read("contacts_v40.vcf"))
    assert (table.rows, dict(table.skipped)) == (
        2, {"a group card (KIND:group), not a person": 1})
    nadia = table.frame.iloc[0]
    assert (nadia["organisation"], nadia["position"], nadia["location"], nadia["url"]) == (
        "Zagros Health", "Epidemiologist", "Utrecht", "https://www.linkedin.com/in/nadia-rahimi")


def test_crlf_and_lf_read_alike():
    lf, _ = _read("alice_contacts.vcf")
    crlf = lf.replace(b"\n", b"\r\n")
    a = parse_vcard(lf, "a.vcf").frame
    b = parse_vcard(crlf, "b.vcf").frame
    assert a.equals(b)


def test_a_vcard_file_is_the_owners_contacts():
    G, report = weakties.load(SAMPLES / "contacts_android_21.vcf", owner="Me")
    # The owner and the 2 contacts.
    assert (G.number_of_nodes(), G.number_of_edges()) == (3, 2)
    assert report.inputs[0]["format"] == "vcard"
    assert G.edges["name:me@contacts_android_21", "email:mette@oestergaard.example"][
        "kinds"] == ["contact"]


@pytest.mark.parametrize(("content", "message"), [
    # Cut short: the last card is never closed.
    (b"BEGIN:VCARD\nVERSION:3.0\nFN:Anne\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Bob\n",
     "{path}:5: expected END:VCARD to close the card that starts here, found the end of the "
     "file; the file is cut short: export the address book again"),
    # A line that is no property.
    (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anne\r\nthis is not a property\r\nEND:VCARD\r\n",
     "{path}:4: expected a vCard property line (NAME:value), found text vobject cannot read "
     "(Failed to parse line: this is not a property); fix or delete that line, or export the "
     "address book again"),
])
def test_malformed_vcard_is_one_error_line(tmp_path, content, message):
    path = tmp_path / "contacts.vcf"
    path.write_bytes(content)
    result = run("export", str(path), "-o", str(tmp_path / "g.graphml"))
    assert result.exit_code == 1
    assert result.output == "Error: " + message.format(path=path) + "\n"
