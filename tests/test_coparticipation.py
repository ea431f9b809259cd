"""Co-participation ties (mail, meetings, chats): Newman's 1/(n-1), the cap, owner interactions."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from helpers import IN, csv_bytes, write_zip

from weakties.analysis.evidence import EGO_NETWORK, evidence_level
from weakties.graph import build_graph
from weakties.identity.assemble import assemble
from weakties.identity.coparticipation import MAX_PARTICIPANTS, event_pairs
from weakties.importers.base import PARTICIPATION_COLUMNS, FileTable
from weakties.importers.inputs import RawInput


def table(rows, fmt="mbox", path="m.mbox") -> FileTable:
    """Rows of (event, kind, role, name, email, owner, date); phone/handle empty."""
    f = pd.DataFrame(
        [(e, k, r, n, m, "", "", o, d, i + 1) for i, (e, k, r, n, m, o, d) in enumerate(rows)],
        columns=PARTICIPATION_COLUMNS)
    f["date"] = pd.to_datetime(f["date"])
    return FileTable(path=path, format=fmt, frame=f, rows=len(f))


def graph(*tables, owner_emails=()):
    raw = RawInput(path=Path("eva"), label="eva", tables=list(tables))
    ex = assemble(raw, owner_emails=owner_emails)
    return build_graph([ex])


def test_event_pairs_match_combinations():
    rng = random.Random(7)
    event, member = [], []
    for e in range(40):
        people = rng.sample(range(100), rng.randint(1, 12))
        event += [e] * len(people)
        member += people
    e, a, b, n = event_pairs(np.array(event), np.array(member), cap=8)
    got = sorted(zip(e.tolist(), a.tolist(), b.tolist(), n.tolist(), strict=True))
    want = []
    for ev in range(40):
        people = sorted(m for x, m in zip(event, member, strict=True) if x == ev)
        if 2 <= len(people) <= 8:
            want += [(ev, p, q, len(people)) for p, q in itertools.combinations(people, 2)]
    assert got == sorted(want)


def test_newman_weights_sum_over_events():
    G, _ = graph(table([
        # m1: eva -> ann, bob. Non-owner participants {ann, bob}: n=2, ann-bob += 1.
        ("m1", "mail", "from", "Eva", "eva@x.org", True, "2024-01-01"),
        ("m1", "mail", "to", "Ann", "ann@x.org", False, "2024-01-01"),
        ("m1", "mail", "to", "Bob", "bob@x.org", False, "2024-01-01"),
        # m2: ann -> eva, bob, cat: {ann, bob, cat}, n=3: each pair += 1/2.
        ("m2", "mail", "from", "Ann", "ANN@x.org", False, "2024-03-01"),
        ("m2", "mail", "to", "Eva", "eva@x.org", False, "2024-03-01"),
        ("m2", "mail", "cc", "Bob", "bob@x.org", False, "2024-03-01"),
        ("m2", "mail", "cc", "Cat", "cat@x.org", False, "2024-03-01"),
    ]))
    ann, bob, cat, eva = "email:ann@x.org", "email:bob@x.org", "email:cat@x.org", \
        "email:eva@x.org"
    assert G.graph["owners"] == [eva]
    # ann-bob: 1 + 1/2 over two events, 2024-01-01 .. 2024-03-01.
    t = G.edges[ann, bob]
    assert (t["coparticipation"], t["shared_events"]) == (1.5, 2)
    assert (t["first_seen"], t["last_seen"]) == ("2024-01-01", "2024-03-01")
    assert t["kinds"] == ["mail"] and t["inferred"] is True and t["messages"] == 0
    assert t["weight"] == 1.0  # not an edge-list weight
    assert G.edges[ann, cat]["coparticipation"] == 0.5
    assert G.edges[bob, cat]["coparticipation"] == 0.5
    # Owner: m1 reached ann and bob (sent by eva); m2 came from ann. Cat wrote nothing and eva
    # wrote nothing to her: no tie with the owner.
    assert G.edges[eva, ann]["sent"] == {eva: 1, ann: 1}
    assert G.edges[eva, ann]["messages"] == 2
    assert G.edges[eva, ann]["last_interaction"] == "2024-03-01"
    assert G.edges[eva, bob]["sent"] == {eva: 1}
    assert not G.has_edge(eva, cat)
    assert G.edges[eva, ann]["inferred"] is False
    # Ties among contacts: one person's mail is an ego network, not a star.
    assert evidence_level(G) == EGO_NETWORK


def test_meeting_links_owner_with_every_attendee():
    # A meeting nobody "wrote": the owner met ann and bob once; ann-bob += 1 (n=2).
    G, _ = graph(table([
        ("uid1", "meeting", "organizer", "Eva", "eva@x.org", False, "2024-05-01"),
        ("uid1", "meeting", "attendee", "Ann", "ann@x.org", False, "2024-05-01"),
        ("uid1", "meeting", "attendee", "Bob", "bob@x.org", False, "2024-05-01"),
    ], fmt="icalendar", path="c.ics"), owner_emails=["Eva@X.org"])
    eva = "email:eva@x.org"
    assert G.edges[eva, "email:ann@x.org"]["meetings"] == 1
    assert G.edges[eva, "email:ann@x.org"]["messages"] == 0
    assert G.edges["email:ann@x.org", "email:bob@x.org"]["coparticipation"] == 1.0


def test_events_over_the_cap_form_no_pairs_and_are_counted():
    n = MAX_PARTICIPANTS + 10
    rows = [("big", "mail", "from", "List", "boss@x.org", False, "2024-01-01")]
    rows += [("big", "mail", "to", f"P{i}", f"p{i}@x.org", False, "2024-01-01")
             for i in range(n - 1)]
    rows += [("small", "mail", "from", "Eva", "eva@x.org", True, "2024-02-01"),
             ("small", "mail", "to", "P1", "p1@x.org", False, "2024-02-01"),
             ("small", "mail", "to", "P2", "p2@x.org", False, "2024-02-01")]
    G, report = graph(table(rows))
    assert report.dropped[f"mail: events over {MAX_PARTICIPANTS} participants (no pairs "
                          "formed)"] == 1
    assert report.dropped[f"mail: pairs not formed (events over {MAX_PARTICIPANTS} "
                          "participants)"] == n * (n - 1) // 2
    # Only the small message's pair; the boss's broadcast is no tie with the owner either.
    contact_ties = [(u, v) for u, v in G.edges if "email:eva@x.org" not in (u, v)]
    assert contact_ties == [("email:p1@x.org", "email:p2@x.org")] or contact_ties == [
        ("email:p2@x.org", "email:p1@x.org")]
    assert not G.has_edge("email:eva@x.org", "email:boss@x.org")
    # Nobody only named by the broadcast becomes a person (no isolated nodes from it).
    assert "email:p5@x.org" not in G and "email:boss@x.org" not in G


def test_huge_event_is_not_expanded():
    # 25,000 participants: 312,487,500 pairs if expanded; counted instead.
    n = 25_000
    e, a, b, _ = event_pairs(np.zeros(n, dtype=np.int64), np.arange(n))
    assert len(e) == len(a) == len(b) == 0


def _linkedin_group_zip(tmp_path, members: int) -> Path:
    """Alice writes once to a group conversation of ``members`` others; one of them answers."""
    alice = IN + "alice"
    urls = [IN + f"m{i}" for i in range(members)]
    header = ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
              "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER"]
    rows = [header,
            ["c1", "big", "Alice A", alice, "many", ",".join(urls), "2024-01-01 10:00:00 UTC",
             "", "hi", "INBOX"],
            ["c1", "big", "M Zero", urls[0], "many", ",".join([alice, *urls[1:]]),
             "2024-01-02 10:00:00 UTC", "", "hello", "INBOX"]]
    return write_zip(tmp_path / "alice.zip", {"messages.csv": csv_bytes(rows)})


def test_linkedin_group_conversation_over_the_cap(tmp_path):
    import weakties

    members = MAX_PARTICIPANTS + 1
    G, report = weakties.load([_linkedin_group_zip(tmp_path, members)])
    assert report.dropped[f"group conversations over {MAX_PARTICIPANTS} participants (no pairs "
                          "formed)"] == 1
    assert report.dropped[f"pairs not formed (group conversations over {MAX_PARTICIPANTS} "
                          "participants)"] == members * (members - 1) // 2
    assert not any("group" in d["kinds"] for _, _, d in G.edges(data=True))
    # M Zero's message reached Alice; Alice's broadcast is not an exchange with each member.
    assert G.edges[IN + "alice", IN + "m0"]["sent"] == {IN + "m0": 1}
    assert not G.has_edge(IN + "alice", IN + "m5")


@pytest.mark.parametrize("members", [2, MAX_PARTICIPANTS])
def test_linkedin_group_conversation_at_the_cap_is_paired(tmp_path, members):
    import weakties

    G, report = weakties.load([_linkedin_group_zip(tmp_path, members)])
    group = [(u, v) for u, v, d in G.edges(data=True) if d["kinds"] == ["group"]]
    assert len(group) == members * (members - 1) // 2
    assert not any("over" in k for k in report.dropped)
