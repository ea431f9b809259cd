"""The chats sample person (sample_exports/chats/eva/, made by make_chats.py): the planted
structure of its facts.json is what weakties finds -- Mara Lind, a colleague in the mailbox and
a climber known to the chats only by her number, is one person only through the address book's
card (phone + email), and then the one contact in two worlds and the broker between them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import networkx as nx
import pytest

import weakties
from weakties.analysis import run

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_exports" / "chats"
FACTS = json.loads((SAMPLE / "facts.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def eva():
    G, report = weakties.load(SAMPLE / "eva", owner=FACTS["owner"])
    return G, report, run(G)


def test_one_owner_from_every_file(eva):
    G, report, _ = eva
    assert [o["name"] for o in report.owners] == [FACTS["owner"]]
    formats = {i["format"] for i in report.inputs}
    assert {"whatsapp", "telegram", "slack-users", "vcard", "mbox"} <= formats
    # The iOS zip's photo is listed, never read.
    assert any(f.endswith(".jpg") for f in report.ignored_files)


def test_mara_is_one_person_in_two_worlds_and_the_broker(eva):
    G, _, result = eva
    mara = FACTS["broker"]["id"]
    assert G.nodes[mara]["name"] == "Mara Lind"
    names = [d["name"] for _, d in G.nodes(data=True)]
    assert names.count("Mara Lind") == 1 and "Mara L." not in names
    w = result.figures["worlds"]
    several = {p["id"]: p["worlds"] for p in w["several_worlds"]["people"]}
    assert several[mara] == FACTS["broker"]["worlds"]
    # Among contacts (Eva removed), every path from work to climbing goes through Mara.
    owner = G.graph["owners"][0]
    contacts = G.subgraph(n for n in G if n != owner)
    work = {n for n, d in G.nodes(data=True) if d["name"] in FACTS["work"]} - {mara}
    climbing = {n for n, d in G.nodes(data=True) if d["name"] in FACTS["climbing"]}
    assert work and climbing
    for w_node in work:
        for c_node in climbing:
            if nx.has_path(contacts, w_node, c_node):
                assert all(mara in path for path in nx.all_shortest_paths(
                    contacts, w_node, c_node))
    cut = contacts.copy()
    cut.remove_node(mara)
    assert not any(nx.has_path(cut, a, b) for a in work for b in climbing)
    # The top broker among contacts by betweenness.
    top = result.people["betweenness"].drop(owner).idxmax()
    assert top == mara


def test_without_the_card_mara_is_two_people(tmp_path):
    folder = tmp_path / "eva"
    shutil.copytree(SAMPLE / "eva", folder)
    (folder / "eva_contacts.vcf").unlink()
    G, _ = weakties.load(folder, owner=FACTS["owner"])
    mail_mara = FACTS["broker"]["id"]
    chat_mara = "tel:" + FACTS["broker"]["phone"]
    assert mail_mara in G and chat_mara in G  # the address and the number: two people
    w = run(G).figures["worlds"]
    assert all(p["name"] != "Mara Lind" for p in w["several_worlds"]["people"])


def test_the_chat_circles_and_the_family_chat(eva):
    G, _, _ = eva
    owner = G.graph["owners"][0]
    ben = next(n for n, d in G.nodes(data=True) if d["name"] == "Ben Okoro")
    assert G.edges[owner, ben]["kinds"] == ["chat", "contact"]
    assert G.degree(ben) == 1  # family: his own circle of one
    cleo = next(n for n, d in G.nodes(data=True) if d["name"] == "Cleo Haas")
    dani = next(n for n, d in G.nodes(data=True) if d["name"] == "Dani Ortiz")
    # In the WhatsApp group, the Telegram group and the Slack channel together.
    assert G.edges[cleo, dani]["kinds"] == ["group-chat", "slack"]
    assert G.edges[cleo, dani]["shared_events"] == 3
