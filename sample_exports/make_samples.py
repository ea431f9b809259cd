"""Regenerate weakties' bundled synthetic LinkedIn exports (sample_exports/team/).

Standalone, stdlib only, fixed seed: every run writes the same bytes (zip entries carry a fixed
date_time). Every person is invented. The files copy the byte-level structure described in
docs FORMATS.md §1 (preambles, headers, quoting, date formats per era, hidden-member rows,
percent-encoded URLs, Excel re-saves, UTF-16 legacy files). Run:  python make_samples.py
It prints the designed facts and writes them to facts.json (README.md quotes the same numbers).
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

# ---------------------------------------------------------------------------------------------
"""Date formats, one per file and era (FORMATS.md §1)."""


def d_connections(d):  # 2020-2026 Connections.csv: two-digit day, English month: "05 Mar 2024"
    return f"{d.day:02d} {MONTHS[d.month - 1]} {d.year}"


def d_2018(t):  # 2018 Connections/Messages and Invitations "Sent At": "1/8/18, 6:14 PM"
    return f"{t.month}/{t.day}/{t.year % 100:02d}, {t.hour % 12 or 12}:{t.minute:02d} " + (
        "AM" if t.hour < 12 else "PM")


def d_excel_eu(d):  # Connections re-saved by Excel in a European locale: "16.09.2021"
    return f"{d.day:02d}.{d.month:02d}.{d.year}"


def d_message(t):  # messages.csv 2020+: "2024-05-14 09:12:33 UTC"
    return t.strftime("%Y-%m-%d %H:%M:%S UTC")


def d_endorsement(t):  # Endorsement*Info.csv: "2021/08/11 11:00:31 UTC"
    return t.strftime("%Y/%m/%d %H:%M:%S UTC")


def d_recommendation(t):  # Recommendations*.csv "Creation Date": "08/30/22, 05:51 PM"
    return t.strftime("%m/%d/%y, ") + f"{t.hour % 12 or 12:02d}:{t.minute:02d} " + (
        "AM" if t.hour < 12 else "PM")


def between(a, b):
    """A random datetime in [a, b] (dates or datetimes)."""
    a = datetime(a.year, a.month, a.day) if type(a) is date else a
    b = datetime(b.year, b.month, b.day, 23, 59) if type(b) is date else b
    return a + timedelta(seconds=RNG.randrange(max(1, int((b - a).total_seconds()))))


# ---------------------------------------------------------------------------------------------
"""Ground truth: organisations, owners and people. Each person has one identity (`key`); the
files below are views of these people, as each owner's export would show them."""

ORGS = {
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
OWNERS = {  # key: (display name, profile URL or "", file)
    "alice": ("Alice Lindqvist", IN + "alice-lindqvist-3f9a21", "team/alice.zip"),
    "bob": ("Bob Okafor", IN + "bob-okafor-8812b", "team/bob/"),
    "carol": ("Carol Dubois", "", "team/carol.zip"),
    "dave": ("Dave Kowalczyk", "", "team/dave_Connections.csv"),
}


class Person:
    def __init__(self, key, first, last, org, pos, slug, email=""):
        self.key, self.first, self.last, self.org, self.pos = key, first, last, org, pos
        self.slug, self.email = slug, email
        self.seen = {}  # owner -> Record (this person's row in that owner's Connections.csv)

    @property
    def name(self):
        return f"{self.first} {self.last}"

    @property
    def url(self):
        return IN + self.slug


# Designed people (known to 2+ owners, plus the duplicate-name cases). Columns: key, first, last,
# organisation, position, slug, email. Then who knows them: owner -> (connected on, overrides).
DESIGNED = [
    ("anne", 'Anne "Annie"', "O’Neil", "Brightline Marketing", "Head of Growth Marketing",
     "anne-o%E2%80%99neil-4b2a91", ""),
    ("pieter", "Pieter", "Jansen, MSc, MBA, PHR", "TalentBridge Recruiting",
     "Senior Talent Acquisition Partner", "pieter-jansen-phr", ""),
    ("sofia", "Sofía", "Hernández", "Acme, Inc", "Account Executive", "sofia-hernandez-acme", ""),
    ("lukas", "Lukas", "Müller", "Institut für Netzwerkforschung", "Research Scientist",
     "lukas-mueller-inf", ""),
    ("tomasz", "Tomasz", "Nowak", "Nimbus Systems", "Staff Software Engineer", "tomasz-nowak-", ""),
    ("ingrid", "Ingrid", "Sørensen", "Studio Fjørd", "Product Designer", "ingrid-sorensen-design", ""),
    ("kwame", "Kwame", "Mensah", "OpenHarvest Foundation", "Programme Director",
     "kwame-mensah-ohf", ""),
    ("yuki", "由紀", "佐藤", "Sakura Robotics", "Robotics Engineer", "yuki-sato-8d41f0", ""),
    ("layla", "ليلى", "حداد", "Al-Noor Logistics", "Operations Manager", "layla-haddad-2b7e19", ""),
    ("emma", "Emma", "Janssens", "Nimbus Systems", "Engineering Manager", "emma-janssens", ""),
    ("jan_uni", "Jan", "de Vries", "Northbridge University", "Professor of Sociology",
     "jan-de-vries-nbu", ""),
    ("jan_bank", "Jan", "de Vries", "Banque Lumière", "Risk Manager", "jan-de-vries-7c2e", ""),
    ("maria_md", "Maria", "Garcia", "St. Aurelia Hospital", "Cardiologist",
     "maria-garcia-md-77f0e1", ""),
    ("maria_np", "Maria", "Garcia", "St. Aurelia Hospital", "Nurse Practitioner",
     "maria-garcia-4a1b2c", ""),
    ("chen", "Wei", "Chen", "Kelpie Labs", "Co-Founder & CTO", "wei-chen-kelpie",
     "wei.chen@kelpielabs.example"),
    ("fatima", "Fatima Zahra", "Benali", "Kelpie Labs", "Co-Founder & CEO", "fatima-zahra-benali", ""),
    ("olu", "Oluwaseun", "Adeyemi", "Banque Lumière", "Financial Analyst", "oluwaseun-adeyemi",
     "seun.adeyemi@example.com"),
    ("elodie", "Élodie", "Marchand", "Banque Lumière", "Head of Compliance", "elodie-marchand-bl", ""),
    ("henrik", "Henrik", "Ødegaard", "Nimbus Systems", "Sales Director", "henrik-odegaard", ""),
    ("rahul", "Rahul", "Iyer", "Northbridge University", "Postdoctoral Researcher", "rahul-iyer-phd", ""),
]
D = date.fromisoformat
KNOWN_BY = {  # Dave's URL variants must normalise to Alice's URL
    "anne": {"alice": (D("2023-01-20"), {}),
             "dave": (D("2023-03-02"), {"url": IN + "anne-o’neil-4b2a91"})},  # percent-decoded
    "pieter": {"alice": (D("2024-01-09"), {}),
               "dave": (D("2021-09-16"), {"url": "www.linkedin.com/in/pieter-jansen-phr"})},
    "sofia": {"alice": (D("2024-03-11"), {}),
              "dave": (D("2022-05-30"), {"url": IN + "sofia-hernandez-acme/"})},
    "lukas": {"alice": (D("2021-11-04"), {}),
              "dave": (D("2020-02-14"), {"url": "https://WWW.LinkedIn.com/in/lukas-mueller-inf"}),
              "bob": (D("2019-06-21"), {"pos": "Postdoctoral Researcher"})},
    "tomasz": {"alice": (D("2019-04-02"), {}), "dave": (D("2018-10-10"), {})},
    "ingrid": {"alice": (D("2015-06-18"), {}), "dave": (D("2017-03-23"), {}),
               "carol": (D("2017-01-08"), {"pos": "Junior Designer"})},
    "kwame": {"alice": (D("2020-11-30"), {}), "bob": (D("2018-04-12"), {})},
    "yuki": {"alice": (D("2021-02-17"), {}), "bob": (D("2020-09-09"), {})},
    "layla": {"alice": (D("2019-01-15"), {}), "bob": (D("2020-02-14"), {}),
              "carol": (D("2016-05-03"), {"pos": "Logistics Coordinator"})},
    "emma": {"alice": (D("2020-05-05"), {}),
             "bob": (D("2017-08-28"), {"org": "Nimbus Systems "})},  # stray space
    "jan_uni": {"bob": (D("2014-10-01"), {}), "carol": (D("2013-03-19"), {})},
    "jan_bank": {"alice": (D("2022-08-08"), {})},
    "maria_md": {"alice": (D("2022-02-22"), {}), "bob": (D("2021-03-03"), {"pos": "Resident Physician"})},
    "maria_np": {"alice": (D("2023-06-06"), {})},
    "chen": {"alice": (D("2021-12-01"), {}),
             "bob": (D("2019-11-11"), {"org": "Nimbus Systems", "pos": "Senior Software Engineer"})},
    "fatima": {"alice": (D("2016-09-27"), {}), "carol": (D("2017-02-02"), {"pos": "Co-Founder"})},
    "olu": {"bob": (D("2019-07-07"), {}),
            "carol": (D("2018-03-05"), {"org": "Northbridge University", "pos": "MSc Student"})},
    "elodie": {"carol": (D("2015-11-20"), {}), "dave": (D("2016-12-12"), {})},
    "henrik": {"bob": (D("2016-01-25"), {}), "dave": (D("2019-05-17"), {})},
    "rahul": {"alice": (D("2020-01-10"), {}), "carol": (D("2018-09-14"), {"pos": "PhD Candidate"})},
}
EMAIL_IN = {("chen", "alice"), ("chen", "bob"), ("olu", "bob"), ("olu", "carol")}

# Alice-only rows reproducing the odd values of real files (initials, pronouns, credentials,
# an organisation account, a junk company, a very long position, stray spaces, symbols).
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
LAST = ("Andersson Bianchi Costa Dubois Eriksen Fernández Gómez Ivanova Jovanović Kim Larsen Moreau "
        "Nakamura Okonkwo Petrović Quispe Rossi Schäfer Tanaka Weber Yılmaz Zhang Björk Çelik "
        "Øvergaard Mbeki Haugen Lefèvre Novák Oyelaran Pereira Rahman Thorsen Ueda Villanueva "
        "Wójcik Achterberg Brennan O’Sullivan Nyström").split() + ["Van Dijk"]
NATIVE = [("美咲", "高橋", "misaki-takahashi"), ("伟", "王", "wei-wang"), ("민준", "이", "minjun-lee"),
          ("خالد", "العلي", "khalid-alali"), ("فاطمة", "منصور", "fatima-mansour"),
          ("陽菜", "鈴木", "hina-suzuki"), ("娜", "李", "na-li"), ("Юлия", "Смирнова", "yulia-smirnova")]
TRANSLIT = str.maketrans({"ø": "o", "Ø": "O", "ı": "i", "ß": "ss", "æ": "ae", "’": ""})


def slugify(text):
    ascii_ = unicodedata.normalize("NFKD", text.translate(TRANSLIT)).encode("ascii", "ignore")
    words = "".join(c if c.isalnum() else " " for c in ascii_.decode().lower()).split()
    return "-".join(words) + f"-{RNG.getrandbits(24):06x}"


PEOPLE = [Person(*row) for row in DESIGNED]
USED_NAMES = {p.name for p in PEOPLE}
SPAN = {"alice": (D("2012-01-01"), D("2024-12-10")), "bob": (D("2011-01-01"), D("2021-09-10")),
        "carol": (D("2010-01-01"), D("2018-10-15")), "dave": (D("2014-01-01"), D("2023-10-20"))}


def new_person(owner, n, cp1252=False, quirk=None, email=False):
    """An invented person known only to `owner` (names unique across the whole team)."""
    while True:
        if quirk:
            first, last, org, pos = quirk
            slug = slugify(f"{first} {last.split(' (')[0]}")
        else:
            org = RNG.choice(sorted(ORGS))
            pos = RNG.choice(ORGS[org])
            if not cp1252 and RNG.random() < 0.12:
                first, last, slug = RNG.choice(NATIVE)
                slug += f"-{RNG.getrandbits(24):06x}"
            else:
                first, last = RNG.choice(FIRST), RNG.choice(LAST)
                slug = slugify(f"{first} {last}")
        name = f"{first.strip()} {last.strip()}"
        ok = not cp1252 or all(c.encode("cp1252", "ignore") for c in name + org + pos)
        if name not in USED_NAMES and ok:
            break
        quirk = None if quirk is None else quirk
    USED_NAMES.add(name)
    mail = f"{slug.rsplit('-', 1)[0].replace('-', '.')}@example.org" if email else ""
    p = Person(f"{owner}{n:02d}", first, last, org, pos, slug, mail)
    KNOWN_BY[p.key] = {owner: (between(*SPAN[owner]).date(), {})}
    if email:
        EMAIL_IN.add((p.key, owner))
    PEOPLE.append(p)
    return p


ONLY = {"alice": [new_person("alice", i, quirk=q) for i, q in enumerate(QUIRKS)]}
ONLY["alice"] += [new_person("alice", i, email=i in (10, 20)) for i in range(len(QUIRKS), 41)]
ONLY["bob"] = [new_person("bob", i, email=i == 5) for i in range(28)]
ONLY["carol"] = [new_person("carol", i, email=i == 7) for i in range(23)]
ONLY["dave"] = [new_person("dave", i, cp1252=True, email=i == 3) for i in range(16)]
BY_KEY = {p.key: p for p in PEOPLE}


class Record:
    """One person's row in one owner's Connections.csv (as that export shows them)."""

    def __init__(self, owner, p, on, over):
        self.owner, self.person, self.on = owner, p, on
        self.first, self.last = p.first, p.last
        self.org, self.pos = over.get("org", p.org), over.get("pos", p.pos)
        self.url = over.get("url", p.url)
        self.email = p.email if (p.key, owner) in EMAIL_IN else ""
        p.seen[owner] = self


RECORDS = {o: [] for o in OWNERS}
for p in PEOPLE:
    for owner, (on, over) in KNOWN_BY[p.key].items():
        RECORDS[owner].append(Record(owner, p, on, over))
BY_KEY["carol07"].seen["carol"].email = ""  # her e-mail cell holds a member URN instead
BY_KEY["carol03"].seen["carol"].email = "urn:li:member:123456"
HIDDEN = {"alice": [D("2021-09-16"), D("2019-04-30"), D("2016-02-11")],
          "bob": [D("2020-12-01"), D("2015-07-19")], "carol": [], "dave": [D("2021-06-08")]}

# ---------------------------------------------------------------------------------------------
"""CSV writing: RFC 4180 quoting only where needed, LF, and a chosen ending (FORMATS.md §1:
usually no newline after the last row; some end with one, one real file with two)."""

PREAMBLE = ('Notes:\n"When exporting your connection data, you may notice that some of the email '
            "addresses are missing. You will only see email addresses for connections who have "
            "allowed their connections to see or download their email address using this setting "
            "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
            'https://www.linkedin.com/help/linkedin/answer/261"\n\n')


def csv_text(rows, delimiter=",", eol="\n", ending="\n", quote_all=False):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator=eol,
                   quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    w.writerows(rows)
    return buf.getvalue()[: -len(eol)] + ending


def connection_rows(owner, cells):
    """Rows newest first; hidden members are rows with nothing but the date."""
    recs = [(r.on, cells(r)) for r in RECORDS[owner]]
    recs += [(d, None) for d in HIDDEN[owner]]
    recs.sort(key=lambda x: x[0], reverse=True)
    return recs


# ---------------------------------------------------------------------------------------------
"""Messages: conversations as lists of message dicts, written per era afterwards."""

CONTENT = ["Hi! Great to connect.", "Thanks, that was really helpful.", "Coffee next week?",
           "Sure, Thursday works for me.", "Could you introduce me to your team lead?",
           "Happy to help, send me your CV.", 'Loved your talk on "weak ties", by the way.',
           "Congrats on the new role!", "Sorry for the slow reply, busy month.",
           "Let me check and get back to you.", "Sending the slides now, see attachment link.",
           "Are you going to the meetup in Rotterdam?", "Haha, yes, see you there.",
           "Quick question about your survey method, do you have 5 minutes?",
           "Thanks again, I owe you one 🙏", "Merci beaucoup !", "Danke, sehr hilfreich."]
GROUP_CONTENT = ["Adding everyone here so we can plan together.", "Works for me.",
                 "Can we move it to 3pm CET?", "Agenda: intros, budget, next steps.",
                 "I'll bring the dataset, you bring the coffee.", "Great meeting, thanks all!",
                 "Shared the notes in the doc, comments welcome."]
ALL_MSGS = {o: [] for o in OWNERS}


def conversation(owner, members, n, start, end, title="", folder="INBOX", group=False):
    """n messages between the owner and `members` (persons), both directions, in [start, end]."""
    me = OWNERS[owner]
    parts = [("owner", me[0], me[1])] + [(m.key, m.name, m.url) for m in members]
    start = max([start] + [m.seen[owner].on + timedelta(days=1) for m in members])
    cid = f"{RNG.getrandbits(128):032x}"
    cid = "2-" + base64.b64encode(
        f"{cid[:8]}-{cid[8:12]}-{cid[12:16]}-{cid[16:20]}-{cid[20:]}_010".encode()).decode()
    senders = parts[:] + [RNG.choice(parts) for _ in range(n - len(parts))]
    RNG.shuffle(senders)
    times = sorted(between(start, end) for _ in range(n))
    msgs = []
    for s, t in zip(senders, times, strict=True):
        to = [x for x in parts if x is not s]
        pool = GROUP_CONTENT if group else CONTENT
        subject = "Catching up" if (t.year < 2020 and RNG.random() < 0.3) else ""
        msgs.append(dict(cid=cid, title=title, sender=s, to=to, t=t, subject=subject,
                         content=RNG.choice(pool), folder=folder, draft="No", cdraft="No",
                         drop="", group=group))
    ALL_MSGS[owner].append(msgs)
    return msgs


def extra(owner, msgs_or_none, sender, to, t, content, drop, title="", subject="", cdraft="No"):
    """A hand-made row (draft, 'LinkedIn Member', sponsored) appended to a conversation."""
    conv = msgs_or_none if msgs_or_none is not None else []
    cid = conv[0]["cid"] if conv else "2-" + base64.b64encode(
        f"{RNG.getrandbits(128):032x}_010".encode()).decode()
    conv.append(dict(cid=cid, title=title, sender=sender, to=to, t=t, subject=subject,
                     content=content, folder="INBOX", draft="Yes" if drop == "draft" else "No",
                     cdraft=cdraft, drop=drop, group=False))
    if msgs_or_none is None:
        ALL_MSGS[owner].append(conv)


def ordered(owner):
    """Rows of messages.csv: conversations newest first, messages newest first within."""
    convs = sorted(ALL_MSGS[owner], key=lambda c: max(m["t"] for m in c), reverse=True)
    return [m for c in convs for m in sorted(c, key=lambda m: m["t"], reverse=True)]


P = BY_KEY
ALICE = ("owner", *OWNERS["alice"][:2])
W = (D("2019-01-01"), D("2024-12-12"))
for key, n, a, b in [("kwame", 14, "2021-03-01", "2024-12-12"), ("emma", 12, "2020-06-01", None),
                     ("chen", 10, "2022-01-01", None), ("tomasz", 9, "2019-05-01", "2024-09-30"),
                     ("anne", 8, "2023-02-01", None), ("pieter", 6, "2024-01-10", None),
                     ("layla", 5, "2019-03-01", "2023-08-31"), ("maria_md", 4, "2022-03-01", None),
                     ("yuki", 4, "2021-03-01", "2022-12-31"), ("rahul", 3, "2020-02-01", "2021-05-31"),
                     ("fatima", 4, "2019-02-01", "2020-06-30"), ("ingrid", 3, "2019-03-01", "2020-09-30"),
                     ("lukas", 5, "2022-01-01", None), ("sofia", 3, "2024-03-12", None)]:
    conversation("alice", [P[key]], n, D(a), D(b) if b else W[1])
alice_only = sorted(ONLY["alice"][len(QUIRKS):], key=lambda p: p.seen["alice"].on)
dormant = alice_only[:3]
recent = [p for p in alice_only if D("2019-01-01") < p.seen["alice"].on < D("2023-06-01")][:7]
for p, n in zip(dormant, (3, 4, 3), strict=True):
    conversation("alice", [p], n, D("2019-01-01"), D("2020-11-30"), folder="ARCHIVE")
for p, n in zip(recent, (6, 5, 4, 4, 3, 3, 2), strict=True):
    conversation("alice", [p], n, D("2021-01-01"), W[1])
GROUPS = [conversation("alice", [P["pieter"], P["emma"], P["tomasz"]], 8, D("2024-02-01"),
                       D("2024-06-30"), group=True),
          conversation("alice", [P["layla"], P["kwame"], P["sofia"], P["lukas"]], 10,
                       D("2024-04-01"), D("2024-10-31"), title="OpenHarvest × Nimbus volunteers",
                       group=True),
          conversation("alice", [P["ingrid"], P["fatima"]], 6, D("2020-03-01"), D("2020-10-31"),
                       group=True)]
kwame_conv = next(c for c in ALL_MSGS["alice"] if c[0]["to"][0][0] == "kwame" or
                  c[0]["sender"][0] == "kwame")
AS_OF = datetime(2024, 12, 14, 9, 3, 11)
anne_conv = next(c for c in ALL_MSGS["alice"] if "anne" in {c[0]["sender"][0], c[0]["to"][0][0]})
anne_conv.append(dict(anne_conv[0], sender=("anne", P["anne"].name, P["anne"].url), to=[ALICE],
                      t=AS_OF, content="See you at the kickoff on Monday!", subject=""))
draft_target = next(p for p in alice_only if p not in dormant + recent)
p_ = lambda k: (k, P[k].name, P[k].url)  # noqa: E731
extra("alice", kwame_conv, ALICE, [p_("kwame")], datetime(2024, 12, 12, 22, 10, 0),
      "Draft: thoughts on the grant proposal, will finish tomorrow", "draft")
extra("alice", None, ALICE, [p_(draft_target.key)], datetime(2024, 11, 3, 8, 45, 12),
      "Hi, long time! Would you", "draft", cdraft="Yes")
member = ("member", "LinkedIn Member", "")
extra("alice", None, member, [ALICE], datetime(2022, 4, 5, 14, 2, 51),
      "Hello Alice, I saw your post about network analysis.", "member")
extra("alice", ALL_MSGS["alice"][-1], member, [ALICE], datetime(2022, 4, 5, 14, 3, 40),
      "Can we talk about an opportunity?", "member")
extra("alice", None, ("sponsor", "Hannah Meyer", ""), [ALICE], datetime(2023, 9, 19, 16, 0, 0),
      '<p class="spinmail-quill-editor__spin-break">Hi %FIRSTNAME%,</p><p class="spinmail-'
      'quill-editor__spin-break">Join our People Analytics Summit, 20% off this week!</p>',
      "sponsored", title="Sponsored Conversation", subject="An invitation for you, %FIRSTNAME%")

for key, n in [("kwame", 6), ("layla", 4), ("emma", 5), ("chen", 4), ("lukas", 3), ("henrik", 3),
               ("jan_uni", 2)]:
    conversation("bob", [P[key]], n, D("2019-01-01"), D("2021-09-10"))
for p, n in zip(ONLY["bob"][:4], (3, 2, 3, 2), strict=True):
    conversation("bob", [p], n, D("2018-01-01"), D("2021-09-10"))
for key, n in [("layla", 3), ("fatima", 4), ("ingrid", 2), ("jan_uni", 2), ("olu", 3),
               ("elodie", 2), ("rahul", 2)]:
    conversation("carol", [P[key]], n, D("2016-01-01"), D("2018-10-15"))
for p, n in zip([p for p in ONLY["carol"] if p.seen["carol"].on < D("2017-06-01")][:2], (2, 3),
                strict=True):
    conversation("carol", [p], n, D("2016-01-01"), D("2018-10-15"))


# ---------------------------------------------------------------------------------------------
"""Alice: zip as downloaded, Jul 2023+ Connections (preamble + URL column, no final newline),
Dec 2024 messages (12 columns, drafts, group TO/URLs comma-joined without spaces), 2024
Invitations with profile URLs, endorsements with scheme-less URLs, recommendations, Profile.csv,
guide_messages.csv sharing the messages header, irrelevant files in a Jobs/ subfolder."""

MSG_HEADER_2024 = ("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE "
                   "URLS,DATE,SUBJECT,CONTENT,FOLDER,IS MESSAGE DRAFT,IS CONVERSATION DRAFT").split(",")
PROFILE_HEADER = ("First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,"
                  "Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers").split(",")
REC_HEADER = "First Name,Last Name,Company,Job Title,Text,Creation Date,Status".split(",")


def alice_files():
    f = {}
    rows = connection_rows("alice", lambda r: [r.first, r.last, r.url, r.email, r.org, r.pos])
    f["Connections.csv"] = PREAMBLE + csv_text(
        [["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]]
        + [(c or [""] * 6) + [d_connections(d)] for d, c in rows], ending="")
    f["messages.csv"] = csv_text([MSG_HEADER_2024] + [
        [m["cid"], m["title"], m["sender"][1], m["sender"][2], ",".join(x[1] for x in m["to"]),
         ",".join(x[2] for x in m["to"]), d_message(m["t"]), m["subject"], m["content"],
         m["folder"], m["draft"], m["cdraft"]] for m in ordered("alice")])
    f["guide_messages.csv"] = csv_text([MSG_HEADER_2024] + [
        ["2-Z3VpZGUtY29udmVyc2F0aW9uLTAwMQ==", "", s, u, t, tu, d, "", c, "INBOX", "No", "No"]
        for s, u, t, tu, d, c in [
            ("LinkedIn Guide", "", ALICE[1], ALICE[2], "2024-06-02 10:00:05 UTC",
             "Here are three ways to grow your network this week."),
            (ALICE[1], ALICE[2], "LinkedIn Guide", "", "2024-06-02 09:59:40 UTC",
             "How do I find people in my field?")]]])
    newest = sorted(RECORDS["alice"], key=lambda r: r.on, reverse=True)[:8]
    inv = []
    for i, r in enumerate(newest):
        t = between(r.on - timedelta(days=3), r.on - timedelta(days=1))
        msg = "" if i % 3 else f"Hi {r.first.split()[0]}, great meeting you at the summit, let's stay in touch!"
        me, them = (ALICE[1], ALICE[2]), (r.person.name, r.url)
        a, b = (them, me) if i % 2 else (me, them)
        inv.append([a[0], b[0], d_2018(t), msg, "INCOMING" if i % 2 else "OUTGOING", a[1], b[1]])
    f["Invitations.csv"] = csv_text([["From", "To", "Sent At", "Message", "Direction",
                                      "inviterProfileUrl", "inviteeProfileUrl"]] + inv)
    skills = ["People Analytics", "Network Analysis", "Python", "Recruiting",
              "Stakeholder Management", "Data Visualization"]

    def endorsements(people, role):
        rows = []
        for key, n in people:
            p = P[key]
            for s in RNG.sample(skills, n):
                rows.append([between(p.seen["alice"].on, D("2024-12-01")), s, p.first, p.last,
                             p.url.replace("https://", ""), "ACCEPTED"])
        rows.sort(key=lambda r: r[0], reverse=True)
        return csv_text([["Endorsement Date", "Skill Name", f"{role} First Name",
                          f"{role} Last Name", f"{role} Public Url", "Endorsement Status"]]
                        + [[d_endorsement(r[0])] + r[1:] for r in rows])

    f["Endorsement_Received_Info.csv"] = endorsements(
        [("anne", 2), ("pieter", 2), ("kwame", 3), ("emma", 2), ("tomasz", 1), (recent[0].key, 2)],
        "Endorser")
    f["Endorsement_Given_Info.csv"] = endorsements(
        [("kwame", 1), ("tomasz", 2), ("layla", 1), (recent[1].key, 1)], "Endorsee")

    def recommendations(items):
        return csv_text([REC_HEADER] + [
            [P[k].first, P[k].last, P[k].org, P[k].pos, text, d_recommendation(t), "VISIBLE"]
            for k, text, t in items])

    f["Recommendations_Received.csv"] = recommendations([
        ("kwame", "Alice ran our volunteer analytics, calm, rigorous and generous with time.",
         datetime(2023, 5, 4, 17, 51)),
        ("emma", 'Alice is the person you call when the data says "it depends".',
         datetime(2022, 8, 30, 9, 5))])
    f["Recommendations_Given.csv"] = recommendations([
        ("tomasz", "Tomasz builds systems that outlive reorgs. Highly recommended.",
         datetime(2021, 3, 15, 20, 12)),
        (recent[2].key, "A thoughtful colleague, always shares credit.", datetime(2022, 1, 19, 8, 40))])
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
"""Bob: unzipped folder, Dec 2020-May 2023 Connections (preamble, 6 columns, no URL, ends with
"\\n\\n"), 2020-2022 messages (9 columns, no RECIPIENT PROFILE URLS), legacy
`Endorsement Received Info.csv` in UTF-16LE with BOM, tab-separated, every field quoted."""


def bob_files():
    f = {}
    rows = connection_rows("bob", lambda r: [r.first, r.last, r.email, r.org, r.pos])
    f["Connections.csv"] = PREAMBLE + csv_text(
        [["First Name", "Last Name", "Email Address", "Company", "Position", "Connected On"]]
        + [(c or [""] * 5) + [d_connections(d)] for d, c in rows], ending="\n\n")
    f["messages.csv"] = csv_text(
        [MSG_HEADER_2024[:5] + MSG_HEADER_2024[6:10]] + [
            [m["cid"], m["title"], m["sender"][1], m["sender"][2], ",".join(x[1] for x in m["to"]),
             d_message(m["t"]), m["subject"], m["content"], m["folder"]] for m in ordered("bob")])
    rows = []
    for key, n in [("kwame", 2), ("emma", 2), ("lukas", 1), (ONLY["bob"][6].key, 2)]:
        p = P[key]
        for s in RNG.sample(["Partnerships", "Fundraising", "Public Speaking", "Nonprofits"], n):
            rows.append([between(p.seen["bob"].on, D("2021-09-01")), s, p.first, p.last])
    rows.sort(key=lambda r: r[0], reverse=True)
    legacy = csv_text([["Endorsement Date", "Skill Name", "Endorser First Name",
                        "Endorser Last Name", "Endorsement Status"]]
                      + [[d_endorsement(r[0])] + r[1:] + ["ACCEPTED"] for r in rows],
                      delimiter="\t", quote_all=True)
    f["Endorsement Received Info.csv"] = b"\xff\xfe" + legacy.encode("utf-16-le")
    f["Profile.csv"] = csv_text([PROFILE_HEADER, [
        "Bob", "Okafor", "", "", "", "Partnerships Manager at OpenHarvest Foundation", "",
        "Non-profit Organizations", "", "Lagos, Nigeria", "", "", ""]])
    return f


# ---------------------------------------------------------------------------------------------
"""Carol: re-zipped nested folder, <=2018 Connections (no preamble, 6 columns, quoted
"1/8/18, 6:14 PM" dates, a urn:li:member in the Email column, ends with "\\n"), 2018
`Messages.csv` (From,To,Date,Subject,Content,Direction,Folder; names only), the old
`Recommendations Received.csv` file name, and NO Profile.csv."""


def carol_files():
    f = {}
    rows = connection_rows("carol", lambda r: [r.first, r.last, r.email, r.org, r.pos])
    f["Connections.csv"] = csv_text(
        [["First Name", "Last Name", "Email Address", "Company", "Position", "Connected On"]]
        + [c + [d_2018(datetime(d.year, d.month, d.day) + timedelta(minutes=RNG.randrange(1440)))]
           for d, c in rows])
    me = OWNERS["carol"][0]
    f["Messages.csv"] = csv_text([["From", "To", "Date", "Subject", "Content", "Direction", "Folder"]]
                                 + [[m["sender"][1], m["to"][0][1], d_2018(m["t"]), m["subject"],
                                     m["content"], "OUTGOING" if m["sender"][1] == me else "INCOMING",
                                     "INBOX"] for m in ordered("carol")])
    f["Recommendations Received.csv"] = csv_text([REC_HEADER, [
        "Fatima Zahra", "Benali", "Kelpie Labs", "Co-Founder",
        "Carol helped us find our first ten customers, with patience and humour.",
        d_recommendation(datetime(2018, 2, 14, 11, 20)), "VISIBLE"]])
    f["Skills.csv"] = csv_text([["Name"], ["Customer Development"], ["Community Building"]])
    return f


# ---------------------------------------------------------------------------------------------
"""Dave: a lone Connections.csv re-saved by Excel in a European locale: cp1252, ';', CRLF
(also after the last row), preamble turned into `Notes:;;` and `;;` rows, `Connected on`
header, dates 16.09.2021, quotes only where ';' or '"' occur (so `Acme, Inc` is bare)."""


def dave_file():
    rows = connection_rows("dave", lambda r: [r.first, r.last, r.url, r.email, r.org, r.pos])
    text = "Notes:;;\r\n;;\r\n;;\r\n" + csv_text(
        [["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected on"]]
        + [(c or [""] * 6) + [d_excel_eu(d)] for d, c in rows], delimiter=";", eol="\r\n",
        ending="\r\n")
    return text.encode("cp1252")


# ---------------------------------------------------------------------------------------------
"""Writing: fixed zip timestamps and attributes so the zip bytes are stable."""


def write_zip(path, files, dirs=()):
    with zipfile.ZipFile(path, "w") as z:
        for name in list(dirs) + list(files):
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.create_system, info.compress_type = 3, zipfile.ZIP_DEFLATED
            info.external_attr = (0o40755 << 16 | 0x10) if name.endswith("/") else 0o100644 << 16
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
"""Designed facts, from the ground truth (not by re-parsing). The merge below replays the
documented key order -- normalised URL, then e-mail, then name+company -- over the records, and
checks that it agrees with the true identities everywhere except the one designed ambiguity."""


def norm_url(u):
    u = unquote(u.strip()).split("://", 1)[-1].rstrip("/")
    host, _, path = u.partition("/")
    return "https://" + host.lower() + "/" + path if u else ""


def norm(s):
    return " ".join(s.casefold().split())


def merge(records):
    node_of, by_url, by_email, by_nc, ambiguous = {}, {}, {}, {}, []
    order = sorted(records, key=lambda r: (not r.url or r.owner in ("bob", "carol"), not r.email))
    for r in order:
        url = norm_url(r.url) if r.owner in ("alice", "dave") else ""
        email = r.email.lower() if "@" in r.email else ""
        nc = (norm(f"{r.first} {r.last}"), norm(r.org))
        if url:
            node = by_url.setdefault(url, url)
        elif email and email in by_email:
            node = by_email[email]
        else:
            cands = sorted(by_nc.get(nc, set()))
            if len(cands) > 1:
                ambiguous.append((r, cands))
                node = f"ambiguous:{nc}"
            else:
                node = cands[0] if cands else (f"email:{email}" if email else f"name:{nc}")
        node_of[id(r)] = node
        if email:
            by_email.setdefault(email, node)
        if not node.startswith("ambiguous:"):
            by_nc.setdefault(nc, set()).add(node)
    return node_of, ambiguous


def facts():
    recs = [r for o in OWNERS for r in RECORDS[o]]
    node_of, ambiguous = merge(recs)
    truth = {}
    for r in recs:
        if not node_of[id(r)].startswith("ambiguous:"):
            truth.setdefault(node_of[id(r)], set()).add(r.person.key)
    assert all(len(v) == 1 for v in truth.values()), "a key merged two different people"
    assert len(truth) == len({k for v in truth.values() for k in v}), "one person split in two"
    assert len(ambiguous) == 1 and ambiguous[0][0].person.key == "maria_md"
    shared = sorted((p for p in PEOPLE if len(p.seen) > 1), key=lambda p: p.key)
    out = {"owners": {o: OWNERS[o][0] for o in OWNERS}, "files": {}, "as_of": AS_OF.date().isoformat()}
    for o in OWNERS:
        out["files"][o] = {"connections_rows": len(RECORDS[o]) + len(HIDDEN[o]),
                           "hidden_members": len(HIDDEN[o]), "people_rows": len(RECORDS[o])}
        msgs = [m for c in ALL_MSGS[o] for m in c]
        if msgs:
            drops = {k: sum(m["drop"] == k for m in msgs) for k in ("draft", "member", "sponsored")}
            kept = [m for m in msgs if not m["drop"]]
            out["files"][o]["messages"] = {
                "rows": len(msgs), "kept": len(kept), "dropped_draft": drops["draft"],
                "dropped_linkedin_member": drops["member"], "dropped_sponsored": drops["sponsored"],
                "conversations_kept": len({m["cid"] for m in kept}),
                "group_conversations": len({m["cid"] for m in kept if m["group"]})}
    out["guide_messages_rows_ignored"] = 2
    out["invitations_rows"] = 8
    out["endorsements"] = {"alice_received": 12, "alice_given": 5, "bob_received_legacy": 7}
    out["recommendations"] = {"alice_received": 2, "alice_given": 2, "carol_received": 1}
    out["people_ground_truth"] = len(PEOPLE)
    out["nodes_after_key_merge"] = len(truth) + len(ambiguous)
    out["people_known_to_2plus_owners_ground_truth"] = len(shared)
    out["people_known_to_2plus_owners_by_keys"] = sum(
        len({r.owner for r in recs if node_of[id(r)] == n}) > 1 for n in truth)
    out["shared_people"] = {p.name: sorted(p.seen) for p in shared}
    r, cands = ambiguous[0]
    out["ambiguous"] = {"file": "team/bob/Connections.csv", "name": r.person.name,
                        "company": r.org, "position_in_bob_file": r.pos, "candidates": cands,
                        "truth": P["maria_md"].url}
    pairs = []
    for g in GROUPS:
        names = sorted({x[1] for m in g for x in [m["sender"]] + m["to"] if x[0] != "owner"})
        pairs += [(a, b) for i, a in enumerate(names) for b in names[i + 1:]]
    out["group_contact_pairs"] = len(pairs)
    last = {}
    for c in ALL_MSGS["alice"]:
        for m in c:
            if not m["drop"]:
                for x in [m["sender"]] + m["to"]:
                    if x[0] in BY_KEY:
                        last[x[0]] = max(last.get(x[0], m["t"]), m["t"])
    out["alice_dormant_ties"] = sorted(
        P[k].name for k, t in last.items() if t < datetime(2021, 1, 1)
        and P[k].seen["alice"].on < D("2018-01-01"))
    out["alice_contacts_messaged"] = len(last)
    out["owner_contact_ties"] = sum(len(RECORDS[o]) for o in OWNERS)
    newest = max([m["t"] for o in OWNERS for c in ALL_MSGS[o] for m in c]
                 + [datetime(r.on.year, r.on.month, r.on.day) for r in recs])
    assert newest == AS_OF, newest
    return out


if __name__ == "__main__":
    write_all()
    result = facts()
    (HERE / "facts.json").write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n",
                                     encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=1))
