"""Eva Martens' chats in sample_exports/eva (sample_exports/make_eva_chats.py): WhatsApp (Android
group, iOS one-to-one), Telegram and Slack read with her mail, calendar, address book and
LinkedIn as one owner. Noor Haddad writes in the climbing chat under her bare number: only the
address book's card (that number and her Northwind address) makes her the colleague of the work
mail. The circles and the broker of tests/test_sample_eva.py stay as planted."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

import weakties
from weakties.analysis import run

EVA = Path(__file__).resolve().parent.parent / "sample_exports" / "eva"
NOOR_MAIL, NOOR_PHONE = "noor.haddad@northwind.example", "+31612340010"


@pytest.fixture(scope="module")
def eva():
    G, report = weakties.load([EVA])
    return G, report, run(G)


def _node(G, name):
    found = [n for n, d in G.nodes(data=True) if d["name"] == name]
    assert len(found) == 1, (name, found)
    return found[0]


def test_every_chat_is_read_for_the_one_owner(eva):
    G, report, _ = eva
    assert [o["name"] for o in report.owners] == ["Eva Martens"]
    formats = {i["format"] for i in report.inputs}
    assert {"whatsapp", "telegram", "slack-users", "slack-channels", "slack-messages"} <= formats
    owner = G.graph["owners"][0]
    paul, marta = _node(G, "Paul Martens"), _node(G, "Marta Nowak")
    assert "chat" in G.edges[owner, paul]["kinds"]  # iOS one-to-one
    assert "chat" in G.edges[owner, marta]["kinds"]  # Telegram one-to-one
    jonas, priya = _node(G, "Jonas Berg"), _node(G, "Priya Raman")
    assert "slack" in G.edges[jonas, priya]["kinds"]  # the product channel, users by email


def test_noor_is_one_person_only_through_the_cards_phone_and_email(eva):
    G, _, result = eva
    noor = _node(G, "Noor Haddad")
    assert f"tel:{NOOR_PHONE}" not in G
    owner = G.graph["owners"][0]
    assert {"group-chat", "mail", "meeting"} <= set(G.edges[owner, noor]["kinds"])
    sofia = _node(G, "Sofia Lind")
    assert "group-chat" in G.edges[noor, sofia]["kinds"]
    worlds = {p["name"]: p["worlds"] for p in
              result.figures["worlds"]["several_worlds"]["people"]}
    assert {"chats", "mail"} <= set(worlds["Noor Haddad"])


def test_without_the_address_book_the_chats_noor_is_a_stranger(tmp_path):
    """The Takeout without its Contacts: the climbing chat's number is someone else."""
    folder = tmp_path / "eva"
    shutil.copytree(EVA, folder)
    takeout = next(folder.glob("takeout-*.zip"))
    with zipfile.ZipFile(takeout) as z:
        files = {i.filename: z.read(i) for i in z.infolist() if "/Contacts/" not in i.filename}
    with zipfile.ZipFile(takeout, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    G, _ = weakties.load([folder])
    assert f"tel:{NOOR_PHONE}" in G
    assert f"email:{NOOR_MAIL}" in G or any(
        d["name"] == "Noor Haddad" for _, d in G.nodes(data=True))
