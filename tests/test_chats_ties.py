"""Ties from chats, checked against hand computation: who the owner is, 1/(n-1) per pair of a
group's members, the owner's messages, direct address, identity by phone and email."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

import weakties
from weakties.errors import WeaktiesError
from weakties.identity.chats import to_e164

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ROOT / "sample_exports" / "formats"


def _write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def test_whatsapp_folder_owner_group_and_one_to_one(tmp_path):
    folder = _write(tmp_path / "eva", {
        # 1:1 with Ben: Ben 2 messages, Eva 1.
        "WhatsApp Chat with Ben.txt": "\n".join([
            "01/03/2024, 10:00 - Messages and calls are end-to-end encrypted. Tap to learn more.",
            "01/03/2024, 10:01 - Ben: hi", "01/03/2024, 10:02 - Ben: there",
            "02/03/2024, 11:00 - Eva: hello"]),
        # Group: Eva, Ben, Cleo and a number not in the address book write once each; the
        # number mentions Cleo. Non-owner members: Ben, Cleo, +4917012345678 -> n = 3.
        "WhatsApp Chat with Climbing.txt": "\n".join([
            "05/03/2024, 18:00 - Eva created group \"Climbing\"",
            "05/03/2024, 18:01 - Eva: wall at 7?", "05/03/2024, 18:02 - Ben: yes",
            "05/03/2024, 18:03 - Cleo: yes",
            "13/03/2024, 18:04 - \u202a+49 170 12345678\u202c: see you @\u2068Cleo\u2069"]),
    })
    G, report = weakties.load(folder)
    assert len(report.owners) == 1
    eva = report.owners[0]["id"]
    assert G.nodes[eva]["name"] == "Eva"
    people = {d["name"]: n for n, d in G.nodes(data=True)}
    ben, cleo, number = people["Ben"], people["Cleo"], "tel:+4917012345678"
    assert number in G
    tie = G.edges[eva, ben]
    assert tie["kinds"] == ["chat", "group-chat"]
    # 3 in the 1:1 chat, Ben's group message to Eva, Eva's group message to each member.
    assert tie["messages"] == 5
    assert tie["sent"] == {ben: 3, eva: 2}
    assert tie["first_message"] == "2024-03-01" and tie["last_message"] == "2024-03-05"
    # Among contacts: 1/(3-1) per pair of the group's three non-owner members.
    for a, b in ((ben, cleo), (ben, number), (cleo, number)):
        assert G.edges[a, b]["coparticipation"] == pytest.approx(0.5)
        assert G.edges[a, b]["shared_events"] == 1
    # The mention is direct address from the number to Cleo: a message of their tie.
    assert G.edges[cleo, number]["messages"] == 1
    assert G.edges[cleo, number]["inferred"] is False
    assert G.edges[ben, cleo]["inferred"] is True
    assert G.number_of_edges() == 6  # Eva to 3 members, 3 pairs


def test_whatsapp_owner_named_by_the_file_name_of_a_one_to_one_chat(tmp_path):
    path = _write(tmp_path, {"WhatsApp Chat with Ben Okoro.txt": "\n".join([
        "[01.03.24, 10:01:00] Ben Okoro: hi", "[01.03.24, 10:02:00] Eva Novak: hi"])})
    G, report = weakties.load(path / "WhatsApp Chat with Ben Okoro.txt")
    assert G.nodes[report.owners[0]["id"]]["name"] == "Eva Novak"
    assert G.number_of_nodes() == 2 and G.number_of_edges() == 1


def test_telegram_sample_links_by_contacts_phone():
    G, report = weakties.load(FORMATS / "telegram" / "result.json")
    owner = report.owners[0]["id"]
    # The owner by their own phone (personal_information), Tomasz by the phone contacts.list
    # gives his name; Ingrid, not in contacts.list, by her Telegram id.
    assert owner == "tel:+46701112233"
    tomasz, ingrid = "tel:+46701234567", "telegram:user5003"
    assert G.edges[owner, tomasz]["kinds"] == ["chat"]
    assert G.edges[owner, tomasz]["messages"] == 2  # one each way
    # Book club: Tomasz and Ingrid invited, Ingrid wrote, a deleted account skipped: n = 2.
    assert G.edges[tomasz, ingrid]["coparticipation"] == pytest.approx(1.0)
    # The channel is not a tie: nobody from it.
    assert G.number_of_nodes() == 3
    assert any("deleted account" in reason for i in report.inputs
               for reason in i["skipped_reasons"])


def test_slack_zip_members_and_missing_users(tmp_path):
    archive = tmp_path / "climbing-slack.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for path in sorted((FORMATS / "slack").rglob("*.json")):
            z.write(path, path.relative_to(FORMATS / "slack").as_posix())
    G, report = weakties.load(archive, owner="Alice Lindqvist")
    alice, tomasz = "email:alice.lindqvist@example.com", "email:tomasz@example.org"
    # #general lists 4 members (one not in users.json): 1/(4-1) per pair.
    assert G.edges[alice, tomasz]["coparticipation"] == pytest.approx(1 / 3)
    assert G.edges[alice, tomasz]["kinds"] == ["slack"]
    # Mention and reaction (Alice -> Tomasz, Tomasz -> Alice) and Tomasz's thread reply.
    assert G.edges[alice, tomasz]["messages"] == 3
    assert report.dropped["Slack users missing from users.json (kept by their id, no name)"] == 1
    assert "slack:U05OTHERWS" in G
    bot = [n for n, d in G.nodes(data=True) if d.get("name") == "Gear bot"]
    assert bot == []

    without = tmp_path / "no-users"
    shutil.copytree(FORMATS / "slack", without)
    (without / "users.json").unlink()
    with pytest.raises(WeaktiesError, match="without users.json"):
        weakties.load(without)


def test_phone_numbers_to_e164():
    assert to_e164("+46 70 123 45 67", None) == "+46701234567"
    assert to_e164("0046701234567", None) == "+46701234567"
    assert to_e164("070-123 45 67", "SE") == "+46701234567"
    assert to_e164("070-123 45 67", None) == ""  # national, no region: not guessed
    assert to_e164("call me", "SE") == ""


def test_region_option_is_checked():
    with pytest.raises(WeaktiesError, match="--region XX"):
        weakties.load(FORMATS / "telegram" / "result.json", region="XX")


def test_telegram_with_another_schema_is_one_error(tmp_path):
    path = tmp_path / "result.json"
    path.write_text(json.dumps({"about": "x", "chats": {"list": "no"}}), encoding="utf-8")
    with pytest.raises(WeaktiesError, match="another JSON schema"):
        weakties.load(path)


def test_address_book_phone_and_email_link_chat_people(tmp_path):
    """Mara is a number in the climbing chat, an email in Slack and one card in the address
    book with both: one person, tied to Ben through the chat and to Cleo through Slack."""
    card = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Mara Lind\r\nTEL;TYPE=CELL:070-555 12 34\r\n"
            "EMAIL:mara@work.example\r\nEND:VCARD\r\n")
    (tmp_path / "eva_contacts.vcf").write_text(card, encoding="utf-8")
    chat = _write(tmp_path / "chats", {"WhatsApp Chat with Climbing.txt": "\n".join([
        "05/03/2024, 18:01 - Eva: wall at 7?", "05/03/2024, 18:02 - Ben: yes",
        "05/03/2024, 18:03 - \u202a+46 70 555 12 34\u202c: yes"])})
    slack = tmp_path / "slack"
    shutil.copytree(FORMATS / "slack", slack)
    users = json.loads((slack / "users.json").read_text(encoding="utf-8"))
    users[1]["profile"]["email"] = "MARA@work.example"  # Tomasz's account is Mara's here
    users[1]["real_name"] = "M. Lind"
    (slack / "users.json").write_text(json.dumps(users, indent=4), encoding="utf-8")
    inputs = [tmp_path / "eva_contacts.vcf", chat, slack]
    owners = {str(p): "Eva" for p in inputs}
    # The card's number is national: without a region it links nothing.
    G, _ = weakties.load(inputs, owner=owners)
    assert "tel:+46705551234" in G and "email:mara@work.example" in G
    G, report = weakties.load(inputs, owner=owners, region="SE")
    mara = "email:mara@work.example"
    assert "tel:+46705551234" not in G
    assert G.nodes[mara]["name"] == "Mara Lind"
    ben = next(n for n, d in G.nodes(data=True) if d["name"] == "Ben")
    assert G.edges[mara, ben]["kinds"] == ["group-chat"]
    assert G.edges[mara, "email:alice.lindqvist@example.com"]["kinds"] == ["slack"]
    eva = report.owners[0]["id"]
    # The owner's tie: the card, the chat, and Slack (the owner of a workspace export is taken
    # to be in its conversations, as for a mailbox).
    assert sorted(G.edges[eva, mara]["kinds"]) == ["contact", "group-chat", "slack"]


def test_a_folder_of_ios_chat_zips_is_one_owner(tmp_path):
    folder = tmp_path / "eva-whatsapp"
    folder.mkdir()
    chats = {"Ben": ["[01.03.24, 10:01:00] Ben: hi", "[01.03.24, 10:02:00] Eva: hi"],
             "Cleo": ["[02.03.24, 10:01:00] Cleo: hi", "[02.03.24, 10:02:00] Eva: hi",
                      "\u200e[02.03.24, 10:03:00] Cleo: \u200eimage omitted"]}
    for who, lines in chats.items():
        with zipfile.ZipFile(folder / f"WhatsApp Chat - {who}.zip", "w") as z:
            z.writestr("_chat.txt", "\n".join(lines) + "\n")
            z.writestr("00000003-PHOTO-2024-03-02-10-03-00.jpg", b"\xff\xd8\xff")
    G, report = weakties.load(folder)
    assert len(report.owners) == 1  # one input, not one per zip
    eva = report.owners[0]["id"]
    assert G.nodes[eva]["name"] == "Eva"
    assert sorted(G.nodes[n]["name"] for n in G[eva]) == ["Ben", "Cleo"]
    assert G.edges[eva, next(n for n in G[eva] if G.nodes[n]["name"] == "Cleo")][
        "messages"] == 3  # the image is a message
    photos = [f for f in report.ignored_files if f.endswith(".jpg")]
    assert len(photos) == 2  # the media files: listed, never read


def test_worlds_say_where_ties_come_from(tmp_path):
    """The Mara setting above: she is the one contact in two worlds (chats and Slack)."""
    from weakties.analysis import run

    test_address_book_phone_and_email_link_chat_people(tmp_path)
    inputs = [tmp_path / "eva_contacts.vcf", tmp_path / "chats", tmp_path / "slack"]
    G, _ = weakties.load(inputs, owner={str(p): "Eva" for p in inputs}, region="SE")
    w = run(G).figures["worlds"]
    assert w["worlds"] == ["Slack", "chats"]  # the address book is a source, not a world
    # Eva's ties: Ben and Mara in the chat; Alice, Mara and the unknown user wrote in Slack
    # (Sam only reacted: a silent member is no interaction with the owner).
    assert w["owner_ties"] == {"Slack": 3, "chats": 2}
    # Among contacts: Ben-Mara in the chat, the six pairs of #general's four members.
    assert w["ties_among_contacts"] == {"Slack": 6, "chats": 1}
    assert w["several_worlds"]["count"] == 1
    assert w["several_worlds"]["people"] == [
        {"id": "email:mara@work.example", "name": "Mara Lind", "worlds": ["Slack", "chats"]}]
    # 1 of the 5 contacts with a world: Ben, Mara, Alice, Sam, the unknown user.
    assert w["several_worlds"]["share"] == pytest.approx(1 / 5)


def test_a_whatsapp_name_never_merges_across_owners(tmp_path):
    """Anna's card of Cleo (with a number) and Bob's chat with a 'Cleo Haas': two people, as a
    name alone never merges across owners; in Anna's own chat the name finds her card."""
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cleo Haas\r\nTEL:+46 70 555 10 02\r\nEND:VCARD\r\n"
    chat = "\n".join(["05/03/2024, 18:01 - Cleo Haas: hi", "05/03/2024, 18:02 - {me}: hi"])
    anna = _write(tmp_path / "anna", {"anna_contacts.vcf": card,
                                      "WhatsApp Chat with Cleo Haas.txt": chat.format(me="Anna")})
    bob = _write(tmp_path / "bob", {"WhatsApp Chat with Cleo Haas.txt": chat.format(me="Bob")})
    G, _ = weakties.load([anna, bob], owner={str(anna): "Anna", str(bob): "Bob"})
    cleos = sorted(n for n, d in G.nodes(data=True) if d["name"] == "Cleo Haas")
    assert cleos == ["name:cleo haas@bob", "tel:+46705551002"]
    assert sorted(G.edges["tel:+46705551002", "name:anna@anna"]["kinds"]) == ["chat", "contact"]


def test_cli_region_and_worlds_in_summary(tmp_path):
    from click.testing import CliRunner

    from weakties.cli import cli

    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["analyze", str(ROOT / "sample_exports" / "eva"),
                                      "--region", "NL", "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    worlds = summary["figures"]["worlds"]
    assert worlds["worlds"] == ["LinkedIn", "Slack", "calendar", "chats", "mail"]
    assert "Noor Haddad" in [p["name"] for p in worlds["several_worlds"]["people"]]
    assert "Where your ties come from" in (out / "report.html").read_text(encoding="utf-8")
    # Message texts are never written: the sample chat's words are in no output.
    for path in out.iterdir():
        text = path.read_text(encoding="utf-8", errors="replace")
        assert "Wall at 7?" not in text and "bring the rope" not in text
