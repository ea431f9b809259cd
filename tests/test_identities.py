"""Identity across one person's sources: merges with their keys, near misses, --aliases."""

from __future__ import annotations

import csv

import pytest
from click.testing import CliRunner
from helpers import IN, connections, profile, write_zip

import weakties
from weakties.cli import cli

EVA_URL = IN + "eva-example"
ANN_URL = IN + "ann-smith-1a"


def folder_of_eva(tmp_path):
    """Eva's LinkedIn zip, her mbox and her address book, in one folder: one owner.

    - Ann: a LinkedIn connection (URL + ann@work.example), in the address book with that URL
      and a second address ann@home.example, and on mail from ann@home.example: one person,
      joined by url and by email.
    - John Smith: john@a.example on mail, john@b.example in the address book: one name, two
      keys: a near miss, not merged.
    """
    eva = tmp_path / "eva"
    write_zip(eva / "Basic_LinkedInDataExport.zip", {
        "Profile.csv": profile("Eva", "Example"),
        "Connections.csv": connections([
            ["Ann", "Smith", ANN_URL, "ann@work.example", "Acme", "Engineer", "01 Feb 2020"]]),
    })
    (eva / "contacts.vcf").write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ann Smith\nEMAIL:ann@work.example\n"
        "EMAIL:ann@home.example\nURL:https://www.linkedin.com/in/ann-smith-1a/\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:John Smith\nEMAIL:john@b.example\nEND:VCARD\n")
    (eva / "mail.mbox").write_text(
        "From 1@xxx Mon Jan 01 10:00:00 +0000 2024\nX-Gmail-Labels: Sent\n"
        "From: Eva Example <eva@example.org>\nTo: Ann <ann@home.example>, "
        "John Smith <john@a.example>\nDate: Mon, 1 Jan 2024 10:00:00 +0000\n\nbody\n")
    return eva


def test_one_persons_folder_is_one_owner_and_merges_by_key(tmp_path):
    G, report = weakties.load([folder_of_eva(tmp_path)])
    # No messages.csv gives her URL: her address from the Sent label is her id.
    assert G.graph["owners"] == ["email:eva@example.org"]
    owner = G.graph["owners"][0]
    assert G.nodes[owner]["name"] == "Eva Example"
    # Ann is one person (her URL is her id), with the mail tie and the connection.
    assert sorted(G.edges[owner, ANN_URL]["kinds"]) == ["connection", "contact", "mail"]
    merges = [r for r in report.identities if r["kind"] == "merge" and r["person"] == ANN_URL]
    assert {r["key"] for r in merges} == {"url", "email"}
    assert {r["value"] for r in merges if r["key"] == "email"} <= {"ann@home.example",
                                                                  "ann@work.example"}
    near = [r for r in report.identities if r["kind"] == "near miss"]
    assert near == [{"kind": "near miss", "person": "email:john@a.example ; email:john@b.example",
                     "key": "same name, different keys: not merged", "value": "john smith",
                     "records": 2, "inputs": "eva"}]


def test_aliases_merge_what_the_keys_do_not(tmp_path):
    eva = folder_of_eva(tmp_path)
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("a,b\njohn@a.example,email:john@b.example\nnobody@x.example,Ann Smith\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["analyze", str(eva), "--aliases", str(aliases),
                                      "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    with (out / "identities.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    alias = [r for r in rows if r["kind"].startswith("alias")]
    assert [(r["kind"], r["person"], r["value"]) for r in alias] == [
        ("alias", "email:john@a.example", "john@a.example = email:john@b.example"),
        ("alias not applied", ANN_URL, "nobody@x.example = Ann Smith")]
    assert "no one with this email" in alias[1]["inputs"]
    assert not [r for r in rows if r["kind"] == "near miss"]  # John is one person now
    with (out / "people.csv").open(encoding="utf-8-sig") as fh:
        people = [r["id"] for r in csv.DictReader(fh)]
    assert "email:john@a.example" in people and "email:john@b.example" not in people


def test_a_name_alone_never_merges_across_owners(tmp_path):
    # Two owners' mailboxes each name a "Kim Lee" with a different address: two people.
    for who in ("ana", "ben"):
        (tmp_path / f"{who}.mbox").write_text(
            f"From 1@xxx Mon Jan 01 10:00:00 +0000 2024\nX-Gmail-Labels: Sent\n"
            f"From: {who} <{who}@example.org>\nTo: Kim Lee <kim@{who}.example>, x@{who}.example\n"
            "Date: Mon, 1 Jan 2024 10:00:00 +0000\n\nbody\n")
    G, report = weakties.load([tmp_path / "ana.mbox", tmp_path / "ben.mbox"])
    assert "email:kim@ana.example" in G and "email:kim@ben.example" in G
    (near,) = [r for r in report.identities if r["kind"] == "near miss"]
    assert near["value"] == "kim lee" and near["inputs"] == "ana ; ben"


@pytest.mark.parametrize("text", ["", "a,b\n", "just one column\n"])
def test_aliases_file_without_pairs_is_one_error(tmp_path, text):
    (tmp_path / "x.mbox").write_text(
        "From 1@xxx Mon Jan 01 10:00:00 +0000 2024\nFrom: a@x.example\nTo: b@x.example\n"
        "Date: Mon, 1 Jan 2024 10:00:00 +0000\n\nbody\n")
    aliases = tmp_path / "aliases.csv"
    aliases.write_text(text)
    result = CliRunner().invoke(cli, ["analyze", str(tmp_path / "x.mbox"), "--aliases",
                                      str(aliases), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {aliases}: expected two identifiers")
    assert result.output.count("\n") == 1
