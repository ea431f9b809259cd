"""Seeded benchmark workloads in the real export formats, generated once and cached in bench/cache/.

- **A** ``A_30000_50000.zip``: one owner at LinkedIn's cap -- 30,000 connections and 50,000
  messages (6,000 conversations, every tenth a group conversation of the owner and two contacts),
  a 2024 archive (``Connections.csv`` with its ``Notes:`` preamble, ``messages.csv``).
- **A2** ``A2_30000_50000.zip``: A's 30,000 connections with its 50,000 messages in 50 long
  group conversations of 6 to 40 members (the owner and 5-39 contacts): the owner's messages
  reach every member, so per-message pairing multiplies them by the conversation's size.
- **B** ``B_20x5000/``: a team folder of 20 archives (``owner_XX.zip``), each 5,000 connections
  with ``Profile.csv``, ``messages.csv`` (1:1 and group conversations) and ``Invitations.csv``.
  Contacts overlap the way a team's do: everyone draws from a shared pool (the company and its
  customers) and from a personal circle (past jobs, school), and the owners know each other.
- **C** ``C_1000000.csv``: a Gephi edge list (``Source,Target,Weight``) of 1,000,000 ties among
  200,000 people: Holme & Kim's power-law graph with clustering
  (``nx.powerlaw_cluster_graph(200_000, 5, 0.3, seed=7)``, 999,938 ties) plus 62 random ties
  to make the round million; weights are heavy-tailed (geometric).

- **D** ``D_1x_takeout.zip``: one person's Google Takeout, an mbox of 100,000 messages (~300
  MB: Gmail-like headers, filler bodies, some base64 attachments) among 3,000 correspondents in
  60 circles, a 2,000-event calendar and a vCard; **D4** the same with 400,000 messages (~1.2 GB).
- **E** ``E_200_500000/``: one person's chats, 500,000 messages: 200 WhatsApp chats (Android
  ``.txt``, 150 one-to-one and 50 groups of 3-80) and a Telegram Desktop ``result.json`` (300
  chats, 2,000 contacts with phones).

Every generator uses its own ``random.Random(seed)``: the same bytes on every machine with the
same Python (zip entries carry a fixed date).
"""

from __future__ import annotations

import csv
import io
import random
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
CACHE = ROOT / "cache"

PREAMBLE = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email '
    'addresses are missing. You will only see email addresses for connections who have allowed '
    "their connections to see or download their email address using this setting "
    'https://www.linkedin.com/psettings/privacy/email. You can learn more about email visibility '
    'here https://www.linkedin.com/help/linkedin/answer/261"\n\n'
)
FIRST = ["Anne", "Jan", "Wei", "Maria", "Kwame", "Sofia", "Lukas", "Aisha", "Mateo", "Yuki",
         "Søren", "Zoë", "Óscar", "Fatima", "Ravi", "Chloé"]
LAST = ["Jansen", "Chen", "Garcia", "Mensah", "Rossi", "Müller", "Khan", "López", "Tanaka",
        "O’Neil", "Novak", "Dubois", "Smit, MSc", "Okafor", "Silva", "Berg"]
ORGS = [f"Org {i}" for i in range(400)] + ["Acme, Inc", "Northbridge University"]
TITLES = ["Software Engineer", "Account Executive", "Recruiter", "Professor", "Founder & CEO",
          "Student", "Product Designer", "Nurse", "Data Scientist", "Marketing Manager"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MESSAGE_HEADER = ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
                  "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER"]
CONNECTION_HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
                     "Connected On"]
PROFILE_HEADER = ["First Name", "Last Name", "Maiden Name", "Address", "Birth Date", "Headline",
                  "Summary", "Industry", "Zip Code", "Geo Location", "Twitter Handles",
                  "Websites", "Instant Messengers"]
FIXED_DATE = (2024, 12, 16, 9, 30, 0)


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _zip(path: Path, files: dict[str, str]) -> None:
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            z.writestr(zipfile.ZipInfo(name, FIXED_DATE), text,
                       compress_type=zipfile.ZIP_DEFLATED)
    tmp.replace(path)


def _connections(rng: random.Random, n: int) -> tuple[list[tuple], str]:
    """``n`` seeded people (first, last, url, organisation, title) and their Connections.csv."""
    people = []
    for i in range(n):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        people.append((first, last, f"https://www.linkedin.com/in/p{i:05d}-{rng.randrange(16**6):06x}",
                       rng.choice(ORGS), rng.choice(TITLES)))
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(CONNECTION_HEADER)
    for first, last, url, org, title in people:
        day = rng.randrange(1, 28)
        w.writerow([first, last, url, "", org, title,
                    f"{day:02d} {rng.choice(['Jan', 'Mar', 'Sep'])} {rng.randrange(2008, 2025)}"])
    return people, PREAMBLE + out.getvalue().rstrip("\n")


#: The owner of workloads A and A2 (name, profile URL).
OWNER = ("Owner Person", "https://www.linkedin.com/in/owner-person")


def _one_owner(seed: int, n_connections: int) -> tuple[random.Random, list[tuple], str]:
    """The seeded generator, people and Connections.csv of a one-owner workload (A, A2)."""
    CACHE.mkdir(exist_ok=True)
    rng = random.Random(seed)
    people, connections = _connections(rng, n_connections)
    return rng, people, connections


def owner_circle(rng: random.Random, population: int, shared: list[int], contacts: int
                 ) -> set[int]:
    """One team member's contacts as workload B draws them: 30% from the team's shared pool,
    the rest from a window of the population around the member's own past."""
    centre = rng.randrange(population)
    chosen: set[int] = set()
    while len(chosen) < int(contacts * 0.3):
        chosen.add(rng.choice(shared))
    while len(chosen) < contacts - 12:
        chosen.add(int(centre + rng.gauss(0, 6_000)) % population)
    return chosen


def workload_a(n_connections: int = 30_000, n_messages: int = 50_000) -> Path:
    """One owner at LinkedIn's cap, as a zip in the 2024 formats (seeded, cached)."""
    path = CACHE / f"A_{n_connections}_{n_messages}.zip"
    if path.exists():
        return path
    rng, people, connections = _one_owner(6, n_connections)
    owner = OWNER
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(MESSAGE_HEADER)
    talkers = rng.sample(people, 3_000)
    for m in range(n_messages):
        conv = m % 6_000
        group = [talkers[conv % 3_000]] + ([talkers[(conv * 7) % 3_000]] if conv % 10 == 0 else [])
        ts = (f"{rng.randrange(2015, 2025)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 28):02d}"
              f" {rng.randrange(24):02d}:{rng.randrange(60):02d}:00 UTC")
        names = ",".join(f"{p[0]} {p[1]}" for p in group)
        urls = ",".join(p[2] for p in group)
        if m % 2 == 0:
            w.writerow([f"conv-{conv}", "", owner[0], owner[1], names, urls, ts, "", "hi", "INBOX"])
        else:
            p = group[0]
            w.writerow([f"conv-{conv}", "", f"{p[0]} {p[1]}", p[2], owner[0], owner[1], ts, "",
                        "hello", "INBOX"])
    _zip(path, {"Connections.csv": connections, "messages.csv": out.getvalue()})
    return path


def workload_a2(n_connections: int = 30_000, n_messages: int = 50_000,
                n_conversations: int = 50) -> Path:
    """A's connections with its messages in a few long group conversations (seeded, cached)."""
    path = CACHE / f"A2_{n_connections}_{n_messages}.zip"
    if path.exists():
        return path
    rng, people, connections = _one_owner(62, n_connections)
    owner = OWNER
    groups = [rng.sample(people, rng.randrange(5, 40)) for _ in range(n_conversations)]
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(MESSAGE_HEADER)
    for m in range(n_messages):
        conv = m % n_conversations
        group = groups[conv]
        ts = (f"{rng.randrange(2015, 2025)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 28):02d}"
              f" {rng.randrange(24):02d}:{rng.randrange(60):02d}:00 UTC")
        if m % 2 == 0:
            sender, to = owner, group
        else:
            p = rng.choice(group)
            sender = (f"{p[0]} {p[1]}", p[2])
            to = [q for q in group if q is not p]
        names = ",".join(f"{q[0]} {q[1]}" for q in to)
        urls = ",".join(q[2] for q in to)
        if sender is not owner:
            names, urls = f"{names},{owner[0]}", f"{urls},{owner[1]}"
        w.writerow([f"group-{conv}", f"Group {conv}", sender[0], sender[1], names, urls, ts, "",
                    "hi all", "INBOX"])
    _zip(path, {"Connections.csv": connections, "messages.csv": out.getvalue()})
    return path


def workload_b(owners: int = 20, connections: int = 5_000, seed: int = 11) -> Path:
    """A team folder: ``owners`` archives of ``connections`` each, with realistic overlap.

    The population is 60,000 people in 150 organisations. Each owner's contacts: 30% from the
    team's shared pool (6,000 colleagues, customers and partners, whom many owners know), 70%
    from a personal circle (a window of the population around the owner's own past: their
    previous employers and school), so circles of owners with nearby windows overlap too. Every
    owner is connected to 6-12 teammates. ~0.3% of rows are hidden members (``,,,,,,date``).
    Each owner has ~4,000 messages in ~600 conversations (one in eight a group conversation
    with 2-4 contacts) and an ``Invitations.csv`` for their 150 newest connections.
    """
    folder = CACHE / f"B_{owners}x{connections}"
    done = folder / ".complete"
    if done.exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    n_people = 60_000
    orgs = [f"Company {i}" for i in range(148)] + ["Acme, Inc", "Northbridge University"]
    people = []
    for i in range(n_people):
        org = orgs[min(int(rng.paretovariate(1.2)) - 1, len(orgs) - 1)] if i % 3 else \
            orgs[(i // 400) % len(orgs)]
        people.append((rng.choice(FIRST), rng.choice(LAST),
                       f"https://www.linkedin.com/in/m{i:05d}-{rng.randrange(16**6):06x}", org,
                       rng.choice(TITLES)))
    team = [(f"Owner{k:02d}", rng.choice(LAST).replace(", MSc", ""),
             f"https://www.linkedin.com/in/owner-{k:02d}-{rng.randrange(16**6):06x}",
             "Acme, Inc", rng.choice(TITLES)) for k in range(owners)]
    shared = rng.sample(range(n_people), 6_000)
    for k, me in enumerate(team):
        chosen = owner_circle(rng, n_people, shared, connections)
        mates = rng.sample([j for j in range(owners) if j != k], rng.randrange(6, 13))
        rows = []
        contacts = sorted(chosen)
        rng.shuffle(contacts)
        for i in contacts:
            first, last, url, org, title = people[i]
            date = f"{rng.randrange(1, 29):02d} {rng.choice(MONTHS)} {rng.randrange(2010, 2025)}"
            rows.append([first, last, url, "", org, title, date])
        for j in mates:
            first, last, url, org, title = team[j]
            rows.append([first, last, url, "", org, title,
                         f"{rng.randrange(1, 29):02d} {rng.choice(MONTHS)} 2023"])
        for _ in range(connections // 300):  # hidden members: opted out of exports
            rows.insert(rng.randrange(len(rows)), ["", "", "", "", "", "",
                                                   f"{rng.randrange(1, 29):02d} Jan 2019"])
        rows.sort(key=lambda r: r[6][-4:], reverse=True)  # newest years first, as exported
        conn = PREAMBLE + _csv([CONNECTION_HEADER, *rows]).rstrip("\n")
        # messages: 1:1 and group conversations with some of the contacts
        known = [people[i] for i in contacts] + [team[j] for j in mates]
        talk = rng.sample(known, 400)
        msgs = [MESSAGE_HEADER]
        for c in range(600):
            group = [talk[c % 400]]
            if c % 8 == 0:
                group += rng.sample(talk, rng.randrange(1, 4))
            names = ",".join(f"{p[0]} {p[1]}" for p in group)
            urls = ",".join(p[2] for p in group)
            for m in range(rng.randrange(1, 14)):
                ts = (f"{rng.randrange(2016, 2025)}-{rng.randrange(1, 13):02d}-"
                      f"{rng.randrange(1, 28):02d} {rng.randrange(24):02d}:"
                      f"{rng.randrange(60):02d}:{rng.randrange(60):02d} UTC")
                conv = f"2-b{k:02d}c{c:04d}"
                if m % 2 == 0:
                    msgs.append([conv, "", f"{me[0]} {me[1]}", me[2], names, urls, ts, "",
                                 "Coffee next week?", "INBOX"])
                else:
                    p = rng.choice(group)
                    others = [q for q in group if q is not p] + [me]
                    msgs.append([conv, "", f"{p[0]} {p[1]}", p[2],
                                 ",".join(f"{q[0]} {q[1]}" for q in others),
                                 ",".join(q[2] for q in others), ts, "", "Thanks!", "INBOX"])
        invitations = [["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl",
                        "inviteeProfileUrl"]]
        for r in rows[:150]:
            if not r[2]:
                continue
            when = f"{rng.randrange(1, 13)}/{rng.randrange(1, 29)}/24, {rng.randrange(1, 13)}:" \
                   f"{rng.randrange(60):02d} {'AM' if rng.random() < 0.5 else 'PM'}"
            if rng.random() < 0.5:
                invitations.append([f"{me[0]} {me[1]}", f"{r[0]} {r[1]}", when, "", "OUTGOING",
                                    me[2], r[2]])
            else:
                invitations.append([f"{r[0]} {r[1]}", f"{me[0]} {me[1]}", when, "", "INCOMING",
                                    r[2], me[2]])
        profile = _csv([PROFILE_HEADER, [me[0], me[1], "", "", "", f"{me[4]} at {me[3]}", "",
                                         "Software Development", "", "Lisbon, Portugal", "", "",
                                         ""]])
        _zip(folder / f"owner_{k:02d}.zip", {
            "Connections.csv": conn, "messages.csv": _csv(msgs),
            "Invitations.csv": _csv(invitations), "Profile.csv": profile,
        })
    done.write_text("ok\n")
    return folder


def workload_c(n: int = 200_000, m: int = 5, ties: int = 1_000_000, seed: int = 7) -> Path:
    """An edge list of ``ties`` ties (power-law, clustered), Gephi's ``Source,Target,Weight``."""
    path = CACHE / f"C_{ties}.csv"
    if path.exists():
        return path
    import networkx as nx
    import numpy as np

    CACHE.mkdir(exist_ok=True)
    G = nx.powerlaw_cluster_graph(n, m, 0.3, seed=seed)
    rng = random.Random(seed)
    while G.number_of_edges() < ties:  # a few random long-range ties: weak ties between groups
        a, b = rng.randrange(n), rng.randrange(n)
        if a != b:
            G.add_edge(a, b)
    edges = np.array(list(G.edges()), dtype=np.int64)
    weights = np.random.default_rng(seed).geometric(0.35, size=len(edges))
    order = np.random.default_rng(seed + 1).permutation(len(edges))  # file order: no structure
    out = io.StringIO()
    out.write("Source,Target,Weight\n")
    for (a, b), w in zip(edges[order].tolist(), weights[order].tolist(), strict=True):
        out.write(f"{a},{b},{w}\n")
    tmp = path.with_suffix(".tmp")
    tmp.write_text(out.getvalue(), encoding="utf-8")
    tmp.replace(path)
    return path


def workload_e(whatsapp_chats: int = 200, total_messages: int = 500_000, seed: int = 14
               ) -> Path:
    """One person's chats: ``whatsapp/`` with 200 Android chat exports (150 one-to-one, 50
    groups of 3-80 members, a few with numbers not in the address book) and
    ``telegram/result.json`` (Telegram Desktop, 300 chats, 2,000 contacts with phones), 500,000
    messages in all (150,000 WhatsApp, 350,000 Telegram). Texts are filler words."""
    folder = CACHE / f"E_{whatsapp_chats}_{total_messages}"
    done = folder / ".complete"
    if done.exists():
        return folder
    import json

    rng = random.Random(seed)
    (folder / "whatsapp").mkdir(parents=True, exist_ok=True)
    (folder / "telegram").mkdir(parents=True, exist_ok=True)
    people = [(f"{FIRST[i % 16]} {LAST[(i // 16) % 16].split(',')[0]} {i}", f"+4670{i:07d}")
              for i in range(3_000)]
    words = ["ok", "see", "you", "at", "the", "wall", "tomorrow", "great", "thanks", "lunch"]
    owner = "Eva Novak"
    wa_total = total_messages * 3 // 10
    start = 1_704_067_200  # 2024-01-01

    def when(k: int, n: int) -> int:
        return start + int(k * (330 * 86_400) / max(n, 1)) + rng.randrange(60)

    import time as _time

    def wa_date(t: int) -> str:
        return _time.strftime("%d/%m/%Y, %H:%M", _time.gmtime(t))

    sizes = [wa_total // whatsapp_chats] * whatsapp_chats
    for c in range(whatsapp_chats):
        group = c >= whatsapp_chats * 3 // 4
        if group:
            n_members = rng.choice([3, 5, 8, 12, 20, 35, 60, 80])
            members = rng.sample(people, n_members)
            title = f"Group {c}"
        else:
            members = [people[c]]
            title = members[0][0]
        # A member not in the owner's address book is shown by number.
        shown = [m[1][:3] + " " + m[1][3:5] + " " + m[1][5:] if rng.random() < 0.1 else m[0]
                 for m in members]
        lines = [f"{wa_date(start)} - Messages and calls are end-to-end encrypted. No one "
                 "outside of this chat, not even WhatsApp, can read or listen to them. Tap to "
                 "learn more."]
        if group:
            lines.append(f"{wa_date(start)} - {owner} created group \"{title}\"")
        for k in range(sizes[c]):
            sender = owner if rng.random() < 0.3 else rng.choice(shown)
            if "+" in sender:
                sender = "\u202a" + sender + "\u202c"
            text = " ".join(rng.choices(words, k=rng.randrange(1, 8)))
            if rng.random() < 0.05:
                text = "<Media omitted>"
            lines.append(f"{wa_date(when(k, sizes[c]))} - {sender}: {text}")
            if rng.random() < 0.05:
                lines.append(" ".join(rng.choices(words, k=4)))  # a continuation line
        (folder / "whatsapp" / f"WhatsApp Chat with {title}.txt").write_text(
            "\n".join(lines) + "\n", encoding="utf-8")

    tg_total = total_messages - wa_total
    contacts = people[1_000:3_000]
    chats = []
    n_chats = 300
    for c in range(n_chats):
        group = c >= 250
        members = rng.sample(contacts, rng.choice([3, 6, 10, 25, 40, 70])) if group else [
            contacts[c]]
        uid = {m[1]: 10_000 + int(m[1][-7:]) for m in members}
        messages = []
        n = tg_total // n_chats
        for k in range(n):
            if rng.random() < 0.3:
                who, fid = owner, "user1"
            else:
                m = rng.choice(members)
                who, fid = m[0], f"user{uid[m[1]]}"
            msg = {"id": k + 1, "type": "message",
                   "date": _time.strftime("%Y-%m-%dT%H:%M:%S", _time.gmtime(when(k, n))),
                   "date_unixtime": str(when(k, n)), "from": who, "from_id": fid,
                   "text": " ".join(rng.choices(words, k=rng.randrange(1, 8))),
                   "text_entities": [{"type": "plain", "text": "…"}]}
            if k and rng.random() < 0.1:
                msg["reply_to_message_id"] = rng.randrange(1, k + 1)
            messages.append(msg)
        chats.append({"name": f"Telegram group {c}" if group else members[0][0],
                      "type": "private_supergroup" if group else "personal_chat",
                      "id": 50_000 + c if group else 10_000 + int(members[0][1][-7:]),
                      "messages": messages})
    export = {
        "about": "Here is the data you requested.",
        "personal_information": {"user_id": 1, "first_name": "Eva", "last_name": "Novak",
                                 "phone_number": "+46 70 999 99 99", "bio": ""},
        "contacts": {"about": "", "list": [
            {"first_name": name.split(" ", 1)[0], "last_name": name.split(" ", 1)[1],
             "phone_number": phone, "date": "2023-01-01T00:00:00"}
            for name, phone in contacts]},
        "chats": {"about": "", "list": chats},
    }
    (folder / "telegram" / "result.json").write_text(json.dumps(export, indent=1,
                                                                ensure_ascii=False),
                                                     encoding="utf-8")
    done.write_text("ok\n")
    return folder


def workload_team() -> Path:
    """The bundled team of four (sample_exports/team): the everyday case."""
    return ROOT.parent / "sample_exports" / "team"



def _mbox_path(scale: int) -> Path:
    return CACHE / f"D_{scale}x.mbox"


def workload_d(scale: int = 1, seed: int = 13) -> Path:
    """One person's Google Takeout: an mbox of ``100,000 x scale`` messages (~300 MB a 100,000)
    among 3,000 correspondents, a Calendar ``.ics`` of 2,000 events and a Contacts vCard.

    Correspondents fall into 60 circles of 50 (a team, a club, a customer); a message goes to
    1-5 people of one circle (sometimes one from another), a third are the owner's sent mail.
    10% are newsletters (List-Unsubscribe) and 1% Spam. Gmail-like headers (Received, DKIM,
    ARC: ~1.5 KB), filler bodies (0.5-4 KB) and, on 3% of messages, a 40 KB base64 attachment.
    The plain mbox is kept next to the zip (``D_<scale>x.mbox``) for the header-scan figure.
    """
    path = CACHE / f"D_{scale}x_takeout.zip"
    if path.exists() and _mbox_path(scale).exists():
        return path
    import base64
    import time as _time

    rng = random.Random(seed)
    CACHE.mkdir(exist_ok=True)
    owner = ("Dana Owner", "dana.owner@mail.example")
    people = [(f"{FIRST[i % 16]} {LAST[(i // 16) % 16].split(',')[0]}",
               f"p{i:04d}.{LAST[(i // 16) % 16][:3].lower()}@c{i // 50:02d}.example")
              for i in range(3_000)]
    words = ("the meeting notes are attached please review before thursday thanks for your "
             "help with the draft budget numbers and the schedule for next quarter").split()
    attachments = [base64.encodebytes(rng.randbytes(30_000)).decode("ascii")
                   for _ in range(4)]
    dkim = "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=c00.example; s=s1;\n" + \
        "".join(f"\t{base64.b64encode(rng.randbytes(57)).decode()}\n" for _ in range(5))
    start = 1_577_836_800  # 2020-01-01
    n_messages = 100_000 * scale
    mbox = _mbox_path(scale)
    tmp = mbox.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as out:
        for k in range(n_messages):
            t = start + k * (6 * 365 * 86_400) // n_messages + rng.randrange(3600)
            stamp = _time.strftime("%a, %d %b %Y %H:%M:%S +0000", _time.gmtime(t))
            circle = rng.randrange(60)
            members = rng.sample(people[circle * 50:(circle + 1) * 50], rng.randint(1, 5))
            if rng.random() < 0.05:
                members.append(rng.choice(people))
            labels = "Inbox"
            extra = ""
            roll = rng.random()
            if roll < 0.33:
                sender, to, labels = owner, members, "Sent"
            else:
                sender, to = members[0], [owner, *members[1:]]
                if roll > 0.99:
                    labels = "Spam"
                elif roll > 0.89:
                    extra = "List-Unsubscribe: <mailto:unsubscribe@list.example>\n"
            to_line = ",\n ".join(f"{n} <{a}>" for n, a in to[:3])
            cc = to[3:]
            head = (f"From {1_700_000_000_000 + k}@xxx {_time.strftime('%a %b %d %H:%M:%S +0000 %Y', _time.gmtime(t))}\n"  # noqa: E501
                    f"X-GM-THRID: {1_700_000_000_000 + k // 3}\nX-Gmail-Labels: {labels}\n"
                    f"Delivered-To: {owner[1]}\n"
                    f"Received: by 2002:a05:6000:{k % 9999:x}::{k:x} with SMTP id x{k};\n"
                    f"        {stamp}\n"
                    f"Received: from mail.c{circle:02d}.example (mail.c{circle:02d}.example. "
                    f"[192.0.2.{k % 250}])\n        by mx.mail.example with ESMTPS id "
                    f"y{k}\n        for <{owner[1]}>; {stamp}\n"
                    f"{dkim}From: {sender[0]} <{sender[1]}>\nTo: {to_line}\n"
                    + (f"Cc: {', '.join(f'{n} <{a}>' for n, a in cc)}\n" if cc else "")
                    + f"Date: {stamp}\nMessage-ID: <m{k}.{seed}@mail.example>\n"
                    f"Subject: {' '.join(rng.choices(words, k=6))}\n{extra}"
                    "MIME-Version: 1.0\n")
            body_lines = [" ".join(rng.choices(words, k=12)) for _ in range(rng.randint(6, 50))]
            if rng.random() < 0.03:
                boundary = f"b{k}"
                body = (f"Content-Type: multipart/mixed; boundary=\"{boundary}\"\n\n"
                        f"--{boundary}\nContent-Type: text/plain\n\n" + "\n".join(body_lines)
                        + f"\n--{boundary}\nContent-Type: application/pdf\n"
                        "Content-Transfer-Encoding: base64\n\n"
                        + attachments[k % 4] + f"--{boundary}--\n")
            else:
                body = "Content-Type: text/plain; charset=UTF-8\n\n" + "\n".join(body_lines)
            out.write((head + body + "\n\n").replace("\n", "\r\n"))
    tmp.replace(mbox)

    cal = ["BEGIN:VCALENDAR", "VERSION:2.0", f"X-WR-CALNAME:{owner[1]}"]
    for e in range(2_000):
        t = start + e * (6 * 365 * 86_400) // 2_000
        circle = rng.randrange(60)
        cal += ["BEGIN:VEVENT", f"UID:ev{e}@google.com",
                f"DTSTART:{_time.strftime('%Y%m%dT%H%M%SZ', _time.gmtime(t))}",
                f"ORGANIZER;CN={owner[0]}:mailto:{owner[1]}"]
        if e % 10 == 0:
            cal.append("RRULE:FREQ=WEEKLY")
        for n, a in rng.sample(people[circle * 50:(circle + 1) * 50], rng.randint(2, 10)):
            cal.append(f"ATTENDEE;CN={n};PARTSTAT=ACCEPTED:mailto:{a}")
        cal.append("END:VEVENT")
    cal.append("END:VCALENDAR")
    cards = "".join(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{n}\r\nEMAIL:{a}\r\nEND:VCARD\r\n"
                    for n, a in people[:500])
    tmpzip = path.with_suffix(".tmp")
    with zipfile.ZipFile(tmpzip, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        info = zipfile.ZipInfo("Takeout/Mail/All mail Including Spam and Trash.mbox",
                               FIXED_DATE)
        info.compress_type = zipfile.ZIP_DEFLATED
        with mbox.open("rb") as src, z.open(info, "w", force_zip64=True) as dst:
            while chunk := src.read(8 << 20):
                dst.write(chunk)
        z.writestr(zipfile.ZipInfo(f"Takeout/Calendar/{owner[1]}.ics", FIXED_DATE),
                   "\r\n".join(cal) + "\r\n", compress_type=zipfile.ZIP_DEFLATED)
        z.writestr(zipfile.ZipInfo("Takeout/Contacts/All Contacts/All Contacts.vcf",
                                   FIXED_DATE), cards, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr(zipfile.ZipInfo("Takeout/archive_browser.html", FIXED_DATE),
                   "<html></html>", compress_type=zipfile.ZIP_DEFLATED)
    tmpzip.replace(path)
    return path


WORKLOADS = {"team": workload_team, "A": workload_a, "A2": workload_a2, "B": workload_b,
             "C": workload_c, "D": workload_d, "D4": lambda: workload_d(scale=4),
             "E": workload_e}
