"""Regenerate weakties' bundled synthetic LinkedIn exports (sample_exports/team/).

Standalone, stdlib only, fixed seed: every run writes the same bytes (zip entries carry a fixed
date_time). Every person is invented; what is real is the byte-level structure of each file,
copied from docs/formats.md §1 (preambles, headers, quoting, date formats per era,
hidden-member rows, percent-encoded URLs, Excel re-saves, UTF-16 legacy files).

    python sample_exports/make_samples.py

prints the designed facts and writes them to sample_exports/facts.json (README.md quotes them).
"""

from __future__ import annotations

import base64
import csv
import io
import json
import random
import unicodedata
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import unquote

HERE = Path(__file__).resolve().parent
TEAM = HERE / "team"
RNG = random.Random(20241216)
ZIP_TIME = (2024, 12, 16, 9, 30, 0)
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
IN = "https://www.linkedin.com/in/"
D = date.fromisoformat

# ---------------------------------------------------------------------------------------------
"""Date formats, one per file and era (docs/formats.md §1.3). English month names, any locale."""


def d_connections(d):  # Connections.csv 2020-2026: two-digit day, "05 Mar 2024"
    return f"{d.day:02d} {MONTHS[d.month - 1]} {d.year}"


def ampm(t, pad=False):
    hour = f"{t.hour % 12 or 12:02d}" if pad else str(t.hour % 12 or 12)
    return f"{hour}:{t.minute:02d} {'AM' if t.hour < 12 else 'PM'}"


def d_2018(t):  # 2018 Connections/Messages, Invitations "Sent At": "1/8/18, 6:14 PM"
    return f"{t.month}/{t.day}/{t.year % 100:02d}, {ampm(t)}"


def d_excel_eu(d):  # Connections re-saved by Excel in a European locale: "16.09.2021"
    return f"{d.day:02d}.{d.month:02d}.{d.year}"


def d_message(t):  # messages.csv 2020+: "2024-05-14 09:12:33 UTC"
    return t.strftime("%Y-%m-%d %H:%M:%S UTC")


def d_endorsement(t):  # Endorsement*Info.csv: "2021/08/11 11:00:31 UTC"
    return t.strftime("%Y/%m/%d %H:%M:%S UTC")


def d_recommendation(t):  # Recommendations*.csv "Creation Date": "08/30/22, 05:51 PM"
    return t.strftime("%m/%d/%y, ") + ampm(t, pad=True)


def between(a, b):
    """A random datetime in [a, b] (dates or datetimes; a date end means the whole day)."""
    a = datetime(a.year, a.month, a.day) if type(a) is date else a
    b = datetime(b.year, b.month, b.day, 23, 59) if type(b) is date else b
    assert a <= b, (a, b)
    return a + timedelta(seconds=RNG.randrange(int((b - a).total_seconds()) + 1))


# ---------------------------------------------------------------------------------------------
"""Ground truth. Each invented person has one identity (`key`); the files are views of these
people as each owner's export shows them (their company/position at the time, a URL or not)."""

ORGS = {  # organisation -> positions (role families: research, founder, engineering, ...)
    "Northbridge University": ["Professor of Sociology", "PhD Candidate", "Postdoctoral Researcher",
                               "MSc Student", "Lecturer in Data Science"],
    "Kelpie Labs": ["Co-Founder & CEO", "Founding Engineer", "Product Designer", "Growth Marketer"],
    "Nimbus Systems": ["Software Engineer", "Staff Software Engineer", "Engineering Manager",
                       "Technical Recruiter", "Account Executive", "UX Researcher"],
    "St. Aurelia Hospital": ["Cardiologist", "Registered Nurse", "Clinical Data Manager"],
    "Banque Lumière": ["Risk Manager", "Financial Analyst", "HR Business Partner"],
    "OpenHarvest Foundation": ["Programme Officer", "Fundraising Manager", "Volunteer Coordinator"],
    "Acme, Inc": ["Account Executive", "Sales Director", "Customer Success Manager"],
    "Studio Fjørd": ["Product Designer", "Creative Director", "Brand Designer"],
    "Brightline Marketing": ["Marketing Manager", "Content Strategist", "Head of Brand"],
    "TalentBridge Recruiting": ["Recruitment Consultant", "Executive Search Partner"],
    "Institut für Netzwerkforschung": ["Research Scientist", "Research Assistant"],
    "Sakura Robotics": ["Robotics Engineer", "Hardware Engineer", "Chief Technology Officer"],
    "Al-Noor Logistics": ["Operations Manager", "Supply Chain Analyst", "Managing Director"],
}
OWNERS = {"alice": ("Alice Lindqvist", IN + "alice-lindqvist-3f9a21"),
          "bob": ("Bob Okafor", IN + "bob-okafor-8812b"),
          "carol": ("Carol Dubois", ""), "dave": ("Dave Kowalczyk", "")}
OWNER_FILES = {"alice": "team/alice.zip", "bob": "team/bob/", "carol": "team/carol.zip",
               "dave": "team/dave_Connections.csv"}


class Person:
    def __init__(self, key, first, last, org, pos, slug, email=""):
        self.key, self.first, self.last, self.org, self.pos = key, first, last, org, pos
        self.slug, self.email, self.seen = slug, email, {}  # seen: owner -> Record

    name = property(lambda self: f"{self.first.strip()} {self.last.strip()}")
    url = property(lambda self: IN + self.slug)


# Designed people (known to 2+ owners, or sharing a name): key|first|last|organisation|position|
# profile slug|e-mail. Anne's slug is the percent-encoded one (uppercase hex); Tomasz's ends in "-".
DESIGNED = [Person(*line.split("|")) for line in """\
anne|Anne "Annie"|O’Neil|Brightline Marketing|Head of Growth Marketing|anne-o%E2%80%99neil-4b2a91|
pieter|Pieter|Jansen, MSc, MBA, PHR|TalentBridge Recruiting|Senior Talent Acquisition Partner|\
pieter-jansen-phr|
sofia|Sofía|Hernández|Acme, Inc|Account Executive|sofia-hernandez-acme|
lukas|Lukas|Müller|Institut für Netzwerkforschung|Research Scientist|lukas-mueller-inf|
tomasz|Tomasz|Nowak|Nimbus Systems|Staff Software Engineer|tomasz-nowak-|
ingrid|Ingrid|Sørensen|Studio Fjørd|Product Designer|ingrid-sorensen-design|
kwame|Kwame|Mensah|OpenHarvest Foundation|Programme Director|kwame-mensah-ohf|
yuki|由紀|佐藤|Sakura Robotics|Robotics Engineer|yuki-sato-8d41f0|
layla|ليلى|حداد|Al-Noor Logistics|Operations Manager|layla-haddad-2b7e19|
emma|Emma|Janssens|Nimbus Systems|Engineering Manager|emma-janssens|
jan_uni|Jan|de Vries|Northbridge University|Professor of Sociology|jan-de-vries-nbu|
jan_bank|Jan|de Vries|Banque Lumière|Risk Manager|jan-de-vries-7c2e|
maria_md|Maria|Garcia|St. Aurelia Hospital|Cardiologist|maria-garcia-md-77f0e1|
maria_np|Maria|Garcia|St. Aurelia Hospital|Nurse Practitioner|maria-garcia-4a1b2c|
chen|Wei|Chen|Kelpie Labs|Co-Founder & CTO|wei-chen-kelpie|wei.chen@kelpielabs.example
fatima|Fatima Zahra|Benali|Kelpie Labs|Co-Founder & CEO|fatima-zahra-benali|
olu|Oluwaseun|Adeyemi|Banque Lumière|Financial Analyst|oluwaseun-adeyemi|seun.adeyemi@example.com
elodie|Élodie|Marchand|Banque Lumière|Head of Compliance|elodie-marchand-bl|
henrik|Henrik|Ødegaard|Nimbus Systems|Sales Director|henrik-odegaard|
rahul|Rahul|Iyer|Northbridge University|Postdoctoral Researcher|rahul-iyer-phd|""".splitlines()]
# Who knows them: owner -> connected on, or (connected on, what that owner's file shows instead).
# Dave's URL variants (percent-decoded, no scheme, trailing slash, host case) normalise to Alice's.
KNOWN_BY = {
    "anne": dict(alice="2023-01-20", dave=("2023-03-02", {"url": IN + "anne-o’neil-4b2a91"})),
    "pieter": dict(alice="2024-01-09",
                   dave=("2021-09-16", {"url": "www.linkedin.com/in/pieter-jansen-phr"})),
    "sofia": dict(alice="2024-03-11", dave=("2022-05-30", {"url": IN + "sofia-hernandez-acme/"})),
    "lukas": dict(alice="2021-11-04", bob=("2019-06-21", {"pos": "Postdoctoral Researcher"}),
                  dave=("2020-02-14", {"url": "https://WWW.LinkedIn.com/in/lukas-mueller-inf"})),
    "tomasz": dict(alice="2019-04-02", dave="2018-10-10"),
    "ingrid": dict(alice="2015-06-18", dave="2017-03-23",
                   carol=("2017-01-08", {"pos": "Junior Designer"})),
    "kwame": dict(alice="2020-11-30", bob="2018-04-12"),
    "yuki": dict(alice="2021-02-17", bob="2020-09-09"),
    "layla": dict(alice="2019-01-15", bob="2020-02-14",
                  carol=("2016-05-03", {"pos": "Logistics Coordinator"})),
    "emma": dict(alice="2020-05-05", bob=("2017-08-28", {"org": "Nimbus Systems "})),  # stray space
    "jan_uni": dict(bob="2014-10-01", carol="2013-03-19"),
    "jan_bank": dict(alice="2022-08-08"),
    "maria_md": dict(alice="2022-02-22", bob=("2021-03-03", {"pos": "Resident Physician"})),
    "maria_np": dict(alice="2023-06-06"),
    "chen": dict(alice=("2021-12-01", {"email": True}), bob=(
        "2019-11-11", {"org": "Nimbus Systems", "pos": "Senior Software Engineer", "email": True})),
    "fatima": dict(alice="2016-09-27", carol=("2017-02-02", {"pos": "Co-Founder"})),
    "olu": dict(bob=("2019-07-07", {"email": True}), carol=(
        "2018-03-05", {"org": "Northbridge University", "pos": "MSc Student", "email": True})),
    "elodie": dict(carol="2015-11-20", dave="2016-12-12"),
    "henrik": dict(bob="2016-01-25", dave="2019-05-17"),
    "rahul": dict(alice="2020-01-10", carol=("2018-09-14", {"pos": "PhD Candidate"})),
}
# Alice-only rows with the odd values of real files: initials, pronouns, credentials, an
# organisation account, a junk company, a very long position, stray spaces, a symbol.
QUIRKS = [
    ("Sam", "R", "Nimbus Systems", "Software Engineer"),
    ("Alex", "Morgan (they/them)", "Studio Fjørd", "UX Researcher"),
    ("Catherine", "Whitfield PhD GAICD", "OpenHarvest Foundation", "Board Member"),
    ("OpenHarvest", "Foundation", "", ""),
    ("Nils", "Holm ✦", ":)", "Dreamer"),
    ("Priya", "Raman", "TalentBridge Recruiting", "Senior Director, Global Talent Strategy, "
     "Workforce Planning & People Analytics – EMEA, APAC and LATAM"),
    ("Lucía ", "Ferreira", " Kelpie Labs", "Founding Engineer"),
]
FIRST = ("Astrid Björn Camille Diego Eun-ji Farah Giulia Hamza Ivana João Kaito Leila Mateo Nadia "
         "Oskar Priyanka Quentin Rosa Sven Thandiwe Umar Valentina Wanjiru Xavier Yusuf Zoë Aiko "
         "Bruno Chiara Dmitri Elif Felix Grace Hugo Isabela Jonas Kofi Lena Malik Nora Omar Paula "
         "Rania Santiago Tariq Ulla Vera Yara Zainab Anaïs Søren Mónica Jürgen Noémie").split()
LAST = ("Andersson Bianchi Costa Dubois Eriksen Fernández Gómez Ivanova Jovanović Kim Larsen "
        "Moreau Nakamura Okonkwo Petrović Quispe Rossi Schäfer Tanaka Weber Yılmaz Zhang Björk "
        "Çelik Øvergaard Mbeki Haugen Lefèvre Novák Oyelaran Pereira Rahman Thorsen Ueda "
        "Villanueva Wójcik Achterberg Brennan O’Sullivan Nyström").split() + ["Van Dijk"]
NATIVE = [("美咲", "高橋", "misaki-takahashi"), ("伟", "王", "wei-wang"),
          ("민준", "이", "minjun-lee"), ("خالد", "العلي", "khalid-alali"),
          ("فاطمة", "منصور", "fatima-mansour"), ("陽菜", "鈴木", "hina-suzuki"),
          ("娜", "李", "na-li"), ("Юлия", "Смирнова", "yulia-smirnova")]
TRANSLIT = str.maketrans({"ø": "o", "Ø": "O", "ı": "i", "ß": "ss", "’": ""})
SPAN = {"alice": ("2012-01-01", "2024-12-10"), "bob": ("2011-01-01", "2021-09-10"),
        "carol": ("2010-01-01", "2018-10-15"), "dave": ("2014-01-01", "2023-10-20")}
HIDDEN = {"alice": ["2021-09-16", "2019-04-30", "2016-02-11"], "bob": ["2020-12-01", "2015-07-19"],
          "carol": [], "dave": ["2021-06-08"]}
PEOPLE = list(DESIGNED)


def slugify(text):
    plain = unicodedata.normalize("NFKD", text.translate(TRANSLIT)).encode("ascii", "ignore")
    return "-".join("".join(c if c.isalnum() else " " for c in plain.decode().lower()).split())


def new_person(owner, n, quirk=None, email=False):
    """An invented person known only to `owner`; names are unique across the team, and Dave's
    (cp1252 file) contacts only use characters cp1252 can encode."""
    names = {p.name for p in PEOPLE}
    while True:
        if quirk:
            first, last, org, pos = quirk
            base = slugify(f"{first} {last.split(' (')[0]}")
        else:
            org = RNG.choice(sorted(ORGS))
            pos = RNG.choice(ORGS[org])
            if owner != "dave" and RNG.random() < 0.12:
                first, last, base = RNG.choice(NATIVE)
            else:
                first, last = RNG.choice(FIRST), RNG.choice(LAST)
                base = slugify(f"{first} {last}")
        p = Person(f"{owner}{n:02d}", first, last, org, pos, f"{base}-{RNG.getrandbits(24):06x}")
        text = p.name + org + pos
        if p.name not in names and (owner != "dave" or text.encode("cp1252", "ignore").decode(
                "cp1252") == text):
            break
    p.email = f"{base.replace('-', '.')}@example.org" if email else ""
    on = max(between(D(SPAN[owner][0]), D(SPAN[owner][1])) for _ in "xx")  # skewed to recent
    KNOWN_BY[p.key] = {owner: (on.date().isoformat(), {"email": email})}
    PEOPLE.append(p)
    return p


ONLY = {"alice": [new_person("alice", i, quirk=q) for i, q in enumerate(QUIRKS)]}
ONLY["alice"] += [new_person("alice", i, email=i in (10, 20)) for i in range(len(QUIRKS), 41)]
ONLY["bob"] = [new_person("bob", i, email=i == 5) for i in range(28)]
ONLY["carol"] = [new_person("carol", i) for i in range(23)]
ONLY["dave"] = [new_person("dave", i, email=i == 3) for i in range(16)]
P = {p.key: p for p in PEOPLE}
assert len({p.slug for p in PEOPLE}) == len(PEOPLE), "two people share a URL"


class Record:
    """One person's row in one owner's Connections.csv, as that export shows them."""

    def __init__(self, owner, p, spec):
        on, over = spec if isinstance(spec, tuple) else (spec, {})
        self.owner, self.person, self.on = owner, p, D(on)
        self.first, self.last = p.first, p.last
        self.org, self.pos = over.get("org", p.org), over.get("pos", p.pos)
        self.url = over.get("url", p.url)
        self.email = p.email if over.get("email") else ""
        p.seen[owner] = self


RECORDS = {o: [Record(o, p, KNOWN_BY[p.key][o]) for p in PEOPLE if o in KNOWN_BY[p.key]]
           for o in OWNERS}
P["carol03"].seen["carol"].email = "urn:li:member:123456"  # 2018: a member URN, not an e-mail

# ---------------------------------------------------------------------------------------------
"""CSV writing: RFC 4180 quoting only where needed, chosen line ends and file ending
(docs/formats.md §1.2: usually no newline after the last row; some files end with one, one real
file with two)."""

PREAMBLE = ('Notes:\n"When exporting your connection data, you may notice that some of the email '
            "addresses are missing. You will only see email addresses for connections who have "
            "allowed their connections to see or download their email address using this setting "
            "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
            'https://www.linkedin.com/help/linkedin/answer/261"\n\n')
CONN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On".split(",")


def csv_text(rows, delimiter=",", eol="\n", ending="\n", quote_all=False):
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator=eol,
               quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL).writerows(rows)
    return buf.getvalue()[: -len(eol)] + ending


def connection_rows(owner, with_url, fmt):
    """Rows newest first; a hidden member has nothing but the date (`,,,,,,16 Sep 2021`)."""
    rows = [(r.on, [r.first, r.last] + ([r.url] if with_url else []) + [r.email, r.org, r.pos])
            for r in RECORDS[owner]]
    rows += [(D(d), [""] * (6 if with_url else 5)) for d in HIDDEN[owner]]
    return [cells + [fmt(d)] for d, cells in sorted(rows, key=lambda x: x[0], reverse=True)]


# ---------------------------------------------------------------------------------------------
"""Messages: conversations are lists of message dicts, written out per era by the owners'
writers. Participants are (key, display name, profile URL); the owner's key is "owner"."""

CONTENT = ["Hi! Great to connect.", "Thanks, that was really helpful.", "Coffee next week?",
           "Sure, Thursday works for me.", "Could you introduce me to your team lead?",
           "Happy to help, send me your CV.", 'Loved your talk on "weak ties", by the way.',
           "Congrats on the new role!", "Sorry for the slow reply, busy month.",
           "Let me check and get back to you.", "Are you going to the meetup in Rotterdam?",
           "Haha, yes, see you there.", "Quick question about your survey, do you have 5 minutes?",
           "Thanks again, I owe you one 🙏", "Merci beaucoup !", "Danke, sehr hilfreich."]
GROUP_CONTENT = ["Adding everyone here so we can plan together.", "Works for me.",
                 "Can we move it to 3pm CET?", "Agenda: intros, budget, next steps.",
                 "I'll bring the dataset, you bring the coffee.", "Great meeting, thanks all!",
                 "Shared the notes in the doc, comments welcome."]
CONVS = {o: [] for o in OWNERS}
COUNTS = {}  # rows of the smaller files, filled in by the writers
ALICE = ("owner", *OWNERS["alice"])
who = lambda k: (k, P[k].name, P[k].url)  # noqa: E731


def new_cid():  # "2-" + base64 of "<uuid>_010", as in real exports
    h = f"{RNG.getrandbits(128):032x}"
    return "2-" + base64.b64encode(
        f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}_010".encode()).decode()


def message(conv, sender, to, t, content, drop="", title="", subject="", cdraft="No", **kw):
    conv.append(dict(cid=conv[0]["cid"] if conv else new_cid(), title=title, sender=sender, to=to,
                     t=t, subject=subject, content=content, folder=kw.get("folder", "INBOX"),
                     draft="Yes" if drop == "draft" else "No", cdraft=cdraft, drop=drop,
                     group=kw.get("group", False)))
    return conv


def conversation(owner, keys, n, start, end, title="", folder="INBOX"):
    """n messages between the owner and the people `keys`, both directions, within [start, end]
    and after every member's connection date. 2+ keys make a group conversation."""
    parts = [("owner", *OWNERS[owner])] + [who(k) for k in keys]
    start = max([D(start)] + [P[k].seen[owner].on + timedelta(days=1) for k in keys])
    senders = parts + [RNG.choice(parts) for _ in range(n - len(parts))]  # everyone writes
    RNG.shuffle(senders)
    conv = []
    for s, t in zip(senders, sorted(between(start, D(end)) for _ in senders), strict=True):
        subject = "Catching up" if t.year < 2020 and RNG.random() < 0.3 else ""
        text = RNG.choice(GROUP_CONTENT if len(keys) > 1 else CONTENT)
        message(conv, s, [x for x in parts if x is not s], t, text, title=title, subject=subject,
                folder=folder, group=len(keys) > 1)
    CONVS[owner].append(conv)
    return conv


def ordered(owner):
    """Rows of a messages file: conversations newest first, messages newest first within."""
    convs = sorted(CONVS[owner], key=lambda c: max(m["t"] for m in c), reverse=True)
    return [m for c in convs for m in sorted(c, key=lambda m: m["t"], reverse=True)]


AS_OF = datetime(2024, 12, 14, 9, 3, 11)  # the newest date anywhere in the data (a kept message)
for key, n, a, b in [("kwame", 14, "2021-03-01", "2024-12-12"), ("emma", 12, "2020-06-01", ""),
                     ("chen", 10, "2022-01-01", ""), ("tomasz", 9, "2019-05-01", "2024-09-30"),
                     ("anne", 8, "2023-02-01", ""), ("pieter", 6, "2024-01-10", ""),
                     ("layla", 5, "2019-03-01", "2023-08-31"), ("maria_md", 4, "2022-03-01", ""),
                     ("yuki", 4, "2021-03-01", "2022-12-31"),
                     ("rahul", 3, "2020-02-01", "2021-05-31"),
                     ("fatima", 4, "2019-02-01", "2020-06-30"),
                     ("ingrid", 3, "2019-03-01", "2020-09-30"), ("lukas", 5, "2022-01-01", ""),
                     ("sofia", 3, "2024-03-12", "")]:
    conv = conversation("alice", [key], n, a, b or "2024-12-12")
    if key == "kwame":
        message(conv, ALICE, [who("kwame")], datetime(2024, 12, 12, 22, 10),
                "Draft: thoughts on the grant proposal, will finish tomorrow", "draft")
    if key == "anne":
        message(conv, who("anne"), [ALICE], AS_OF, "See you at the kickoff on Monday!")
alice_only = sorted(ONLY["alice"][len(QUIRKS):], key=lambda p: p.seen["alice"].on)
dormant, recent = alice_only[:3], [p for p in alice_only[3:] if p.seen["alice"].on.year in
                                   range(2019, 2023)][:7]
for p, n in zip(dormant, (3, 4, 3), strict=True):
    conversation("alice", [p.key], n, "2019-01-01", "2020-11-30", folder="ARCHIVE")
for p, n in zip(recent, (6, 5, 4, 4, 3, 3, 2), strict=True):
    conversation("alice", [p.key], n, "2021-01-01", "2024-12-12")
GROUPS = [conversation("alice", ["pieter", "emma", "tomasz"], 8, "2024-02-01", "2024-06-30"),
          conversation("alice", ["layla", "kwame", "sofia", "lukas"], 10, "2024-04-01",
                       "2024-10-31", title="OpenHarvest × Nimbus volunteers"),
          conversation("alice", ["ingrid", "fatima"], 6, "2020-03-01", "2020-10-31")]
draft_to = next(p for p in alice_only if p not in dormant + recent)
CONVS["alice"] += [
    message([], ALICE, [who(draft_to.key)], datetime(2024, 11, 3, 8, 45, 12),
            "Hi, long time! Would you", "draft", cdraft="Yes"),
    message(message([], ("member", "LinkedIn Member", ""), [ALICE], datetime(2022, 4, 5, 14, 2, 51),
                    "Hello Alice, I saw your post about network analysis.", "linkedin_member"),
            ("member", "LinkedIn Member", ""), [ALICE], datetime(2022, 4, 5, 14, 3, 40),
            "Can we talk about an opportunity?", "linkedin_member"),
    message([], ("sponsor", "Hannah Meyer", ""), [ALICE], datetime(2023, 9, 19, 16, 0, 0),
            '<p class="spinmail-quill-editor__spin-break">Hi %FIRSTNAME%,</p><p class="spinmail-'
            'quill-editor__spin-break">Join our People Analytics Summit, 20% off this week!</p>',
            "sponsored", title="Sponsored Conversation", subject="An invitation, %FIRSTNAME%")]
for key, n in [("kwame", 6), ("layla", 4), ("emma", 5), ("chen", 4), ("lukas", 3), ("henrik", 3),
               ("jan_uni", 2)] + [(p.key, n) for p, n in zip(ONLY["bob"][:4], (3, 2, 3, 2),
                                                             strict=True)]:
    conversation("bob", [key], n, "2018-01-01", "2021-09-10")
for key, n in [("layla", 3), ("fatima", 4), ("ingrid", 2), ("jan_uni", 2), ("olu", 3),
               ("elodie", 2), ("rahul", 2)] + [(p.key, n) for p, n in zip(
                   [p for p in ONLY["carol"] if p.seen["carol"].on.year < 2017][:2], (2, 3),
                   strict=True)]:
    conversation("carol", [key], n, "2016-01-01", "2018-10-15")

# ---------------------------------------------------------------------------------------------
"""Alice: a zip as downloaded. Jul 2023+ Connections (preamble, URL column, no final newline),
Dec 2024 messages (12 columns, drafts, group TO and RECIPIENT PROFILE URLS comma-joined without
spaces), 2024 Invitations with profile URLs, endorsements with scheme-less URLs,
recommendations, Profile.csv, guide_messages.csv sharing the messages header, and irrelevant
files at the root and in a Jobs/ subfolder."""

MSG_HEADER = ("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,"
              "RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,IS MESSAGE DRAFT,"
              "IS CONVERSATION DRAFT").split(",")
PROFILE_HEADER = ("First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,"
                  "Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers").split(",")
REC_HEADER = "First Name,Last Name,Company,Job Title,Text,Creation Date,Status".split(",")


def endorsements(owner, people, role, skills, end, url=True):
    rows = sorted(([between(P[k].seen[owner].on, D(end)), s, P[k].first, P[k].last]
                   + ([P[k].url.replace("https://", "")] if url else []) + ["ACCEPTED"]
                   for k, n in people for s in RNG.sample(skills, n)), reverse=True)
    COUNTS[f"{owner}_endorsements_{role.lower()}"] = len(rows)
    head = ["Endorsement Date", "Skill Name", f"{role} First Name", f"{role} Last Name"]
    return [head + ([f"{role} Public Url"] if url else []) + ["Endorsement Status"]] + [
        [d_endorsement(r[0])] + r[1:] for r in rows]


def recommendations(owner, items):
    COUNTS[f"{owner}_recommendations"] = COUNTS.get(f"{owner}_recommendations", 0) + len(items)
    return csv_text([REC_HEADER] + [[P[k].first, P[k].last, P[k].seen[owner].org,
                                     P[k].seen[owner].pos, text, d_recommendation(t), "VISIBLE"]
                                    for k, text, t in items])


def alice_files():
    f = {"Connections.csv": PREAMBLE + csv_text(
        [CONN_HEADER] + connection_rows("alice", True, d_connections), ending="")}
    f["messages.csv"] = csv_text([MSG_HEADER] + [
        [m["cid"], m["title"], m["sender"][1], m["sender"][2], ",".join(x[1] for x in m["to"]),
         ",".join(x[2] for x in m["to"]), d_message(m["t"]), m["subject"], m["content"],
         m["folder"], m["draft"], m["cdraft"]] for m in ordered("alice")])
    guide = [("LinkedIn Guide", "", *ALICE[1:], "2024-06-02 10:00:05 UTC",
              "Here are three ways to grow your network this week."),
             (*ALICE[1:], "LinkedIn Guide", "", "2024-06-02 09:59:40 UTC",
              "How do I find people in my field?")]
    COUNTS["alice_guide_messages_ignored"] = len(guide)
    f["guide_messages.csv"] = csv_text([MSG_HEADER] + [
        ["2-Z3VpZGUtY29udmVyc2F0aW9uLTAwMQ==", "", s, su, t, tu, d, "", c, "INBOX", "No", "No"]
        for s, su, t, tu, d, c in guide])
    inv = []
    for i, r in enumerate(sorted(RECORDS["alice"], key=lambda r: r.on, reverse=True)[:8]):
        t = between(r.on - timedelta(days=3), r.on - timedelta(days=1))
        text = "" if i % 3 else f"Hi {r.first.split()[0]}, great meeting you, let's stay in touch!"
        a, b = (who(r.person.key), ALICE) if i % 2 else (ALICE, who(r.person.key))
        inv.append([a[1], b[1], d_2018(t), text, "INCOMING" if i % 2 else "OUTGOING", a[2], b[2]])
    COUNTS["alice_invitations"] = len(inv)
    f["Invitations.csv"] = csv_text([["From", "To", "Sent At", "Message", "Direction",
                                      "inviterProfileUrl", "inviteeProfileUrl"]] + inv)
    skills = ["People Analytics", "Network Analysis", "Python", "Recruiting",
              "Stakeholder Management", "Data Visualization"]
    f["Endorsement_Received_Info.csv"] = csv_text(endorsements("alice", [
        ("anne", 2), ("pieter", 2), ("kwame", 3), ("emma", 2), ("tomasz", 1), (recent[0].key, 2)],
        "Endorser", skills, "2024-12-01"))
    f["Endorsement_Given_Info.csv"] = csv_text(endorsements("alice", [
        ("kwame", 1), ("tomasz", 2), ("layla", 1), (recent[1].key, 1)],
        "Endorsee", skills, "2024-12-01"))
    f["Recommendations_Received.csv"] = recommendations("alice", [
        ("kwame", "Alice ran our volunteer analytics, calm, rigorous and generous with time.",
         datetime(2023, 5, 4, 17, 51)),
        ("emma", 'Alice is the person you call when the data says "it depends".',
         datetime(2022, 8, 30, 9, 5))])
    f["Recommendations_Given.csv"] = recommendations("alice", [
        ("tomasz", "Tomasz builds systems that outlive reorgs. Highly recommended.",
         datetime(2021, 3, 15, 20, 12)),
        (recent[2].key, "A thoughtful colleague, always shares credit.",
         datetime(2023, 1, 19, 8, 40))])
    f["Profile.csv"] = csv_text([PROFILE_HEADER, [
        "Alice", "Lindqvist", "", "", "", "People Analytics Lead at Nimbus Systems",
        "I map how work really flows through organisations.", "Software Development", "",
        "Stockholm, Stockholm County, Sweden", "", "", ""]])
    f["Positions.csv"] = csv_text([
        ["Company Name", "Title", "Description", "Location", "Started On", "Finished On"],
        ["Nimbus Systems", "People Analytics Lead", "Org network analysis, hiring analytics",
         "Stockholm, Sweden", "Mar 2021", ""],
        ["Northbridge University", "Research Assistant", "", "Groningen, Netherlands", "Sep 2016",
         "Feb 2021"]])
    f["Jobs/Job Applications.csv"] = csv_text([
        ["Application Date", "Contact Email", "Contact Phone Number", "Company Name", "Job Title",
         "Job Url", "Resume Name", "Question And Answers"],
        ["3/2/24, 9:15 AM", "alice.lindqvist@example.com", "", "Helix Analytics",
         "People Data Scientist", "https://www.linkedin.com/jobs/view/3812345678",
         "Alice_Lindqvist_CV.pdf", ""]])
    f["Jobs/Job Seeker Preferences.csv"] = csv_text([
        ["Locations", "Industries", "Preferred Job Types", "Job Titles", "Open To Recruiters"],
        ["Stockholm, Sweden", "Software Development", "Full-time", "People Analytics Lead", "No"]])
    return f


# ---------------------------------------------------------------------------------------------
"""Bob: an unzipped folder. Dec 2020-May 2023 Connections (preamble, 6 columns, no URL, file
ends with "\\n\\n"), 2020-2022 messages (9 columns, no RECIPIENT PROFILE URLS, 1:1 only), legacy
`Endorsement Received Info.csv`: UTF-16LE with BOM, tab-separated, every field quoted."""


def bob_files():
    header = [h for h in CONN_HEADER if h != "URL"]
    f = {"Connections.csv": PREAMBLE + csv_text(
        [header] + connection_rows("bob", False, d_connections), ending="\n\n")}
    f["messages.csv"] = csv_text([MSG_HEADER[:5] + MSG_HEADER[6:10]] + [
        [m["cid"], m["title"], m["sender"][1], m["sender"][2], m["to"][0][1], d_message(m["t"]),
         m["subject"], m["content"], m["folder"]] for m in ordered("bob")])
    legacy = csv_text(endorsements("bob", [("kwame", 2), ("emma", 2), ("lukas", 1),
                                           (ONLY["bob"][6].key, 2)], "Endorser",
                                   ["Partnerships", "Fundraising", "Public Speaking", "Nonprofits"],
                                   "2021-09-01", url=False), delimiter="\t", quote_all=True)
    f["Endorsement Received Info.csv"] = b"\xff\xfe" + legacy.encode("utf-16-le")
    f["Profile.csv"] = csv_text([PROFILE_HEADER, [
        "Bob", "Okafor", "", "", "", "Partnerships Manager at OpenHarvest Foundation", "",
        "Non-profit Organizations", "", "Lagos, Nigeria", "", "", ""]])
    return f


# ---------------------------------------------------------------------------------------------
"""Carol: a re-zipped nested folder. <=2018 Connections (no preamble, 6 columns, quoted
"1/8/18, 6:14 PM" dates, a urn:li:member in the Email column, ends with "\\n"), 2018
`Messages.csv` (From,To,Date,Subject,Content,Direction,Folder: names only), the old
`Recommendations Received.csv` file name, and NO Profile.csv (the owner is the From of her
OUTGOING messages)."""


def carol_files():
    stamp = lambda d: d_2018(datetime(d.year, d.month, d.day) + timedelta(  # noqa: E731
        minutes=RNG.randrange(1440)))
    f = {"Connections.csv": csv_text([[h for h in CONN_HEADER if h != "URL"]]
                                     + connection_rows("carol", False, stamp))}
    me = OWNERS["carol"][0]
    f["Messages.csv"] = csv_text(
        [["From", "To", "Date", "Subject", "Content", "Direction", "Folder"]]
        + [[m["sender"][1], m["to"][0][1], d_2018(m["t"]), m["subject"], m["content"],
            "OUTGOING" if m["sender"][1] == me else "INCOMING", "INBOX"] for m in ordered("carol")])
    f["Recommendations Received.csv"] = recommendations("carol", [(
        "fatima", "Carol helped us find our first ten customers, with patience and humour.",
        datetime(2018, 2, 14, 11, 20))])
    f["Skills.csv"] = csv_text([["Name"], ["Customer Development"], ["Community Building"]])
    return f


# ---------------------------------------------------------------------------------------------
"""Dave: a lone Connections.csv re-saved by Excel in a European locale: cp1252, ';', CRLF (also
after the last row), the preamble turned into `Notes:;;` and `;;` rows, a `Connected on` header,
dates `16.09.2021`, quotes only where ';' or '"' occur (so `Acme, Inc` is bare)."""


def dave_file():
    header = CONN_HEADER[:-1] + ["Connected on"]
    return ("Notes:;;\r\n;;\r\n;;\r\n" + csv_text(
        [header] + connection_rows("dave", True, d_excel_eu), delimiter=";", eol="\r\n",
        ending="\r\n")).encode("cp1252")


# ---------------------------------------------------------------------------------------------
"""Writing. Zip entries get a fixed date_time and attributes so the zip bytes are stable."""


def write_zip(path, files, dirs=()):
    with zipfile.ZipFile(path, "w") as z:
        for name in [*dirs, *files]:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.create_system = 3
            info.compress_type = zipfile.ZIP_STORED if name in dirs else zipfile.ZIP_DEFLATED
            info.external_attr = (0o40755 << 16 | 0x10) if name in dirs else 0o100644 << 16
            data = files.get(name, b"")
            z.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)


def write_all():
    TEAM.mkdir(exist_ok=True)
    write_zip(TEAM / "alice.zip", alice_files())
    (TEAM / "bob").mkdir(exist_ok=True)
    for name, data in bob_files().items():
        (TEAM / "bob" / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    root = "Carol export/LinkedInDataExport_2018/"
    write_zip(TEAM / "carol.zip", {root + k: v for k, v in carol_files().items()},
              dirs=["Carol export/", root])
    (TEAM / "dave_Connections.csv").write_bytes(dave_file())


# ---------------------------------------------------------------------------------------------
"""Designed facts, from the ground truth (never by re-parsing the files). `merge` replays the
documented key order (normalised URL, then e-mail, then name + company) over the connection
rows and the checks below prove it finds the true identities, except for the one designed
ambiguity (Bob's Maria Garcia), which it must leave unmerged."""


def norm_url(u):
    host, _, path = unquote(u.strip()).split("://", 1)[-1].rstrip("/").partition("/")
    return f"https://{host.lower()}/{path}"


def merge(records):
    node_of, by_email, by_name_org, ambiguous = {}, {}, {}, []
    has_url = lambda r: r.owner in ("alice", "dave")  # noqa: E731  (Bob, Carol: no URL column)
    for r in sorted(records, key=lambda r: (not has_url(r), not r.email)):
        email = r.email.lower() if "@" in r.email else ""
        key = tuple(" ".join(s.casefold().split()) for s in (f"{r.first} {r.last}", r.org))
        candidates = sorted(by_name_org.get(key, ()))
        if has_url(r):
            node = norm_url(r.url)
        elif email in by_email:
            node = by_email[email]
        elif len(candidates) > 1:
            node = f"ambiguous:{key}"
            ambiguous.append((r, candidates))
        else:
            node = candidates[0] if candidates else f"email:{email}" if email else f"name:{key}"
        node_of[id(r)] = node
        if not node.startswith("ambiguous:"):
            by_name_org.setdefault(key, set()).add(node)
            if email:
                by_email.setdefault(email, node)
    return node_of, ambiguous


def facts():
    recs = [r for o in OWNERS for r in RECORDS[o]]
    node_of, ambiguous = merge(recs)
    truth = {}
    for r in recs:
        truth.setdefault(node_of[id(r)], set()).add(r.person.key)
    assert len(ambiguous) == 1 and ambiguous[0][0].person.key == "maria_md"
    assert all(len(keys) == 1 for keys in truth.values()), "a key merged two different people"
    assert len(truth) == len(PEOPLE) + 1, "a person was split (besides the ambiguous row)"
    out = {"as_of": AS_OF.date().isoformat(), "owners": {o: OWNERS[o][0] for o in OWNERS},
           "files": {}}
    for o in OWNERS:
        out["files"][o] = {"path": OWNER_FILES[o], "connections_rows": len(RECORDS[o]) + len(
            HIDDEN[o]), "hidden_members": len(HIDDEN[o]), "people_rows": len(RECORDS[o])}
        msgs = [m for c in CONVS[o] for m in c]
        kept = [m for m in msgs if not m["drop"]]
        if msgs:
            out["files"][o]["messages"] = {
                "rows": len(msgs), "kept": len(kept),
                **{f"dropped_{k}": sum(m["drop"] == k for m in msgs)
                   for k in ("draft", "linkedin_member", "sponsored")},
                "conversations_kept": len({m["cid"] for m in kept}),
                "group_conversations": len({m["cid"] for m in kept if m["group"]})}
    out["other_files_rows"] = dict(sorted(COUNTS.items()))
    out["people_ground_truth"] = len(PEOPLE)
    out["people_after_key_merge"] = len(truth)
    out["people_known_to_2plus_owners_ground_truth"] = sum(len(p.seen) > 1 for p in PEOPLE)
    out["people_known_to_2plus_owners_by_keys"] = sum(
        len({r.owner for r in recs if node_of[id(r)] == n}) > 1 for n in truth)
    out["shared_people"] = {p.name: sorted(p.seen) for p in PEOPLE if len(p.seen) > 1}
    r, candidates = ambiguous[0]
    out["ambiguous"] = {"file": "team/bob/Connections.csv", "name": r.person.name,
                        "company": r.org, "position": r.pos, "candidates": candidates,
                        "truth": norm_url(P["maria_md"].url)}
    out["same_name_different_company"] = ["Jan de Vries|Banque Lumière (alice)",
                                          "Jan de Vries|Northbridge University (bob, carol)"]
    out["group_conversations"] = [sorted(x[1] for x in g[0]["to"] + [g[0]["sender"]]
                                         if x[0] != "owner") for g in GROUPS]
    out["group_contact_pairs"] = sum(len(g) * (len(g) - 1) // 2 for g in out["group_conversations"])
    last = {}
    for m in (m for c in CONVS["alice"] for m in c if not m["drop"]):
        for x in [m["sender"], *m["to"]]:
            if x[0] in P:
                last[x[0]] = max(last.get(x[0], m["t"]), m["t"])
    out["alice_contacts_with_kept_messages"] = len(last)
    out["alice_dormant_ties"] = sorted(P[k].name for k, t in last.items() if t.year < 2021
                                       and P[k].seen["alice"].on.year < 2018)
    out["owner_contact_ties"] = len(recs)
    newest = max([m["t"] for o in OWNERS for c in CONVS[o] for m in c] + [
        datetime.combine(r.on, datetime.min.time()) for r in recs])
    assert newest == AS_OF, newest
    return out


if __name__ == "__main__":
    write_all()
    result = facts()
    text = json.dumps(result, ensure_ascii=False, indent=1)
    (HERE / "facts.json").write_text(text + "\n", encoding="utf-8")
    print(text)
