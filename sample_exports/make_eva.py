"""Regenerate sample_exports/eva/: one person's own exports, with a planted structure.

Eva Martens, a product lead at Northwind Labs who climbs on Tuesdays, downloads her LinkedIn
archive and her Google Takeout (Mail, Calendar, Contacts; YouTube too, which weakties ignores).
Everything is invented (domains ``*.example``); what is real is each file's structure (mbox with
CRLF, ``X-Gmail-Labels``, ``X-GM-THRID``; Google Calendar's .ics; Google's vCard export).
Standalone, stdlib only, fixed seed and zip dates: every run writes the same bytes.

    python sample_exports/make_eva.py

The planted structure (tests/test_sample_eva.py checks it against networkx):

- three circles among Eva's contacts: **work** (Northwind Labs, 9 people, mail and meetings),
  **climbing** (5 people, the Tuesday session in the calendar and a few mails), **family**
  (3 people, mail);
- **the broker**: Noor Haddad works at Northwind and climbs: she is on work mail and in the
  climbing sessions, the only contact linking those two circles (top betweenness among contacts);
- **the local bridge**: one message from Eva to her sister Clara Martens and Ben Carter (about a
  climbing trip) is the only tie between the family and the climbing circle;
- **identity**: Priya Raman writes from her work and her private address; the address book
  (and LinkedIn) link both and her profile URL: one person. Two people named Alex Kim (one at
  Northwind, one a neighbour) write to Eva from different addresses: a near miss, not merged;
- **dropped**: newsletters (List-Id, List-Unsubscribe), a no-reply sender, an automatic reply,
  Spam and Trash, and a Northwind all-hands mail to 60 people (over the cap of 50).

The chats of the same person (WhatsApp, Telegram, Slack) go in this folder too, next to the two
zips: the folder is read as one owner (docs/formats.md). Contacts carry phone numbers in the
address book for that.
"""

from __future__ import annotations

import io
import random
import sys
import zipfile
from datetime import datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

# LinkedIn's Connections.csv preamble, as the team sample writes it.
from make_samples import PREAMBLE  # noqa: E402

EVA_DIR = HERE / "eva"
RNG = random.Random(20261201)
ZIP_TIME = (2026, 12, 1, 10, 10, 10)
IN = "https://www.linkedin.com/in/"

EVA = ("Eva Martens", "eva.martens@example.com", IN + "eva-martens-7c1d")
NW = "northwind.example"
WORK = [  # name, work address, LinkedIn slug, phone
    ("Jonas Berg", f"jonas.berg@{NW}", "jonas-berg-11", "+31612340001"),
    ("Priya Raman", f"priya.raman@{NW}", "priya-raman-22", "+31612340002"),
    ("Tom Keller", f"tom.keller@{NW}", "tom-keller-33", "+31612340003"),
    ("Lena Vogt", f"lena.vogt@{NW}", "lena-vogt-44", "+31612340004"),
    ("Omar Saleh", f"omar.saleh@{NW}", "omar-saleh-55", "+31612340005"),
    ("Ines Duarte", f"ines.duarte@{NW}", "ines-duarte-66", "+31612340006"),
    ("Mark Olsen", f"mark.olsen@{NW}", "mark-olsen-77", "+31612340007"),
    ("Sara Quint", f"sara.quint@{NW}", "sara-quint-88", "+31612340008"),
    ("Felix Brandt", f"felix.brandt@{NW}", "felix-brandt-99", "+31612340009"),
]
NOOR = ("Noor Haddad", f"noor.haddad@{NW}", "noor-haddad-1b", "+31612340010")
CLIMBING = [
    ("Sofia Lind", "sofia.lind@cragmail.example", "", "+31612340021"),
    ("Ben Carter", "ben.carter@cragmail.example", "", "+31612340022"),
    ("Yuki Tanaka", "yuki.tanaka@cragmail.example", "", "+31612340023"),
    ("Marta Nowak", "marta.nowak@cragmail.example", "", "+31612340024"),
    ("Leo Fischer", "leo.fischer@cragmail.example", "", "+31612340025"),
]
FAMILY = [
    ("Clara Martens", "clara.martens@familymail.example", "", "+31612340031"),
    ("Paul Martens", "paul.martens@familymail.example", "", "+31612340032"),
    ("Anna Martens", "anna.martens@familymail.example", "", "+31612340033"),
]
PRIYA_PRIVATE = "priya.r@familymail.example"
ALEX_WORK = ("Alex Kim", f"alex.kim@{NW}")
ALEX_NEIGHBOUR = ("Alex Kim", "alexkim@neighbours.example")
BROKER, BRIDGE = NOOR[0], ("Clara Martens", "Ben Carter")
START = datetime(2026, 3, 2, 9, 0)


def addr(person) -> str:
    name, email = person[0], person[1]
    return f'"{name}" <{email}>' if "," in name else f"{name} <{email}>"


class Mailbox:
    """Messages of Eva's Gmail, in Takeout's mbox form (CRLF, Gmail's own headers)."""

    def __init__(self):
        self.parts: list[str] = []
        self.n = 0

    def add(self, sender, to, cc=(), *, when: datetime, labels="Inbox", extra="",
            body_lines=6) -> None:
        self.n += 1
        thrid = 1800000000000000000 + self.n
        headers = [
            f"From {thrid}@xxx {when.strftime('%a %b %d %H:%M:%S +0000 %Y')}",
            f"X-GM-THRID: {thrid}", f"X-Gmail-Labels: {labels}",
            f"Delivered-To: {EVA[1]}",
            f"Received: by 2002:a05:6000:1::{self.n:x} with SMTP id x{self.n}; "
            f"{format_datetime(when)}",
            f"From: {addr(sender)}", "To: " + ",\n ".join(addr(p) for p in to),
        ]
        if cc:
            headers.append("Cc: " + ", ".join(addr(p) for p in cc))
        headers += [f"Date: {format_datetime(when.replace(tzinfo=None))} +0100",
                    f"Message-ID: <{thrid}.{self.n}@mail.example.com>",
                    "Subject: (not read by weakties)", "MIME-Version: 1.0"]
        if extra:
            headers.append(extra)
        headers.append("Content-Type: text/plain; charset=\"UTF-8\"")
        words = ("the plan for next week looks fine to me, see the notes below and let us "
                 "know what you think about it before Friday").split()
        body = [" ".join(RNG.sample(words, 9)) for _ in range(body_lines)]
        body.insert(2, ">From the quoted earlier message, escaped as mbox writers do")
        self.parts.append("\n".join(headers) + "\n\n" + "\n".join(body) + "\n\n")

    def data(self) -> bytes:
        return "".join(self.parts).replace("\n", "\r\n").encode("utf-8")


def mailbox() -> Mailbox:
    mb = Mailbox()
    when = START

    def later(hours=20):
        nonlocal when
        when += timedelta(hours=RNG.randint(1, hours))
        return when

    team = WORK + [NOOR]
    # Work: 60 threads among 2-4 colleagues, Eva writing half of them; Noor on some.
    for i in range(60):
        people = RNG.sample(WORK, RNG.randint(2, 4))
        if i % 6 == 0:
            people[-1] = NOOR
        if i % 2 == 0:
            mb.add(EVA, people[:2], people[2:], when=later(), labels="Sent")
        else:
            mb.add(people[0], [EVA] + people[1:2], people[2:], when=later(),
                   labels="Inbox,Category Updates" if i % 5 else "Inbox,Important")
    # Priya from her private address, to Eva and Jonas (her work address is in the rest).
    mb.add(("Priya Raman", PRIYA_PRIVATE), [EVA, WORK[0]], when=later(), labels="Inbox")
    # Climbing: mails among the club, Noor in some.
    for i in range(15):
        people = RNG.sample(CLIMBING, RNG.randint(2, 3))
        if i % 3 == 0:
            people.append(NOOR)
        if i % 2:
            mb.add(EVA, people, when=later(), labels="Sent")
        else:
            mb.add(people[0], [EVA] + people[1:], when=later())
    # Family: mails among the three.
    for i in range(12):
        people = RNG.sample(FAMILY, RNG.randint(2, 3))
        if i % 2:
            mb.add(EVA, people, when=later(), labels="Sent,Family")
        else:
            mb.add(people[0], [EVA] + people[1:], when=later(), labels="Inbox,Family")
    # The local bridge: Eva introduces her sister Clara to Ben about a climbing trip.
    mb.add(EVA, [FAMILY[0], CLIMBING[1]], when=later(), labels="Sent")
    # Two Alex Kims write to Eva alone (no ties among contacts): a near miss.
    mb.add(ALEX_WORK, [EVA], when=later(), labels="Inbox")
    mb.add(ALEX_NEIGHBOUR, [EVA], when=later(), labels="Inbox")
    # Dropped and counted: bulk, automatic, spam, trash, and an all-hands over the cap.
    mb.add(("Northwind News", f"news@{NW}"), [EVA, WORK[0]], when=later(), labels="Inbox",
           extra=f"List-Id: <news.{NW}>")
    mb.add(("Gear Shop", "deals@shop.example"), [EVA, CLIMBING[0]], when=later(),
           extra="List-Unsubscribe: <mailto:unsub@shop.example>")
    mb.add(("Calendar", "calendar-notification@google.example"), [EVA, WORK[1]], when=later())
    mb.add(("No Reply", "no-reply@bank.example"), [EVA, FAMILY[1]], when=later())
    mb.add(WORK[2], [EVA, WORK[3]], when=later(), extra="Auto-Submitted: auto-replied")
    mb.add(("Prize", "winner@spam.example"), [EVA, FAMILY[2]], when=later(), labels="Spam")
    mb.add(WORK[4], [EVA, CLIMBING[2]], when=later(), labels="Trash")
    staff = [(f"Staff {i:02d}", f"staff{i:02d}@{NW}") for i in range(58)]
    mb.add(("Northwind CEO", f"ceo@{NW}"), [EVA, *staff, *team[:1]], when=later())
    return mb


def calendar() -> str:
    """Eva's Google Calendar: weekly team meetings, the Tuesday climbing session (a series
    with a moved occurrence), one-off meetings; a declined attendee, a room, an alarm."""
    lines = ["BEGIN:VCALENDAR", "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
             "VERSION:2.0", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"X-WR-CALNAME:{EVA[1]}", "X-WR-TIMEZONE:Europe/Amsterdam"]

    def attendee(person, status="ACCEPTED") -> list[str]:
        line = (f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT={status};"
                f"CN={person[0]};X-NUM-GUESTS=0:mailto:{person[1]}")
        return [line[:75]] + [" " + line[i:i + 74] for i in range(75, len(line), 74)]

    def event(uid, start, people, *, organizer=EVA, rrule="", extra=(), declined=()):
        out = ["BEGIN:VEVENT", f"DTSTART:{start:%Y%m%dT%H%M%S}Z",
               f"DTEND:{start + timedelta(hours=1):%Y%m%dT%H%M%S}Z"]
        if rrule:
            out.append(f"RRULE:{rrule}")
        out += ["DTSTAMP:20261130T120000Z",
                f"ORGANIZER;CN={organizer[0]}:mailto:{organizer[1]}", f"UID:{uid}@google.com"]
        out += attendee(EVA)
        for p in people:
            out += attendee(p)
        for p in declined:
            out += attendee(p, "DECLINED")
        out += list(extra) + ["SUMMARY:(not read)", "STATUS:CONFIRMED", "END:VEVENT"]
        return out

    room = ["ATTENDEE;CUTYPE=RESOURCE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Room Fjord (8)"
            ";X-NUM-GUESTS=0:mailto:c_18841@resource.calendar.google.com"]
    alarm = ["BEGIN:VALARM", "ACTION:EMAIL", "DESCRIPTION:reminder",
             f"ATTENDEE:mailto:{EVA[1]}", "TRIGGER:-P0DT0H10M0S", "END:VALARM"]
    when = START
    for i in range(20):  # one-off work meetings of 2-5 colleagues
        when += timedelta(days=RNG.randint(1, 4))
        people = RNG.sample(WORK, RNG.randint(2, 5))
        if i % 5 == 0:
            people.append(NOOR)
        lines += event(f"work{i:02d}", when, people, extra=room if i % 2 else alarm,
                       declined=[WORK[-1]] if i % 7 == 0 else ())
    lines += event("weekly-product", START, WORK[:4], rrule="FREQ=WEEKLY;BYDAY=MO",
                   organizer=WORK[0])
    # The Tuesday session: a series and one moved occurrence (same UID: one event).
    tuesday = CLIMBING[:4] + [NOOR]
    lines += event("tuesday-bouldering", START + timedelta(days=1, hours=9), tuesday,
                   rrule="FREQ=WEEKLY;BYDAY=TU", organizer=CLIMBING[0])
    moved = ["RECURRENCE-ID:20260317T180000Z"]
    lines += event("tuesday-bouldering", START + timedelta(days=15, hours=10), tuesday,
                   organizer=CLIMBING[0], extra=moved)
    for i in range(4):  # weekend trips
        lines += event(f"trip{i}", START + timedelta(days=30 + 14 * i),
                       RNG.sample(CLIMBING, 3) + ([NOOR] if i == 1 else []),
                       organizer=CLIMBING[1])
    lines += event("family-dinner", START + timedelta(days=40), FAMILY, organizer=FAMILY[1])
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"


def vcards() -> str:
    """Google Contacts' vCard export: names, addresses, phones; Priya with both addresses and
    her LinkedIn URL."""
    cards = []
    for name, email, slug, phone in WORK + [NOOR] + CLIMBING + FAMILY:
        first, last = name.split(" ", 1)
        card = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{name}", f"N:{last};{first};;;",
                f"EMAIL;TYPE=INTERNET;TYPE=WORK:{email}", f"TEL;TYPE=CELL:{phone}"]
        if name == "Priya Raman":
            card += [f"EMAIL;TYPE=INTERNET;TYPE=HOME:{PRIYA_PRIVATE}",
                     f"item1.URL:https\\://www.linkedin.com/in/{slug}/",
                     "item1.X-ABLabel:LinkedIn"]
        if email.endswith(NW):
            card.append("ORG:Northwind Labs")
        cards.append("\r\n".join(card + ["END:VCARD"]))
    return "\r\n".join(cards) + "\r\n"


def linkedin() -> dict[str, bytes]:
    """Eva's LinkedIn archive: her profile and her connections (her colleagues, Noor, Alex Kim
    of Northwind, and a few former colleagues she never mails: the star part)."""
    rows = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    positions = ["Engineer", "Designer", "Data Scientist", "Engineering Manager",
                 "Product Manager"]
    day = 1
    for name, email, slug, _ in WORK + [NOOR]:
        first, last = name.split(" ", 1)
        shown = email if name in ("Priya Raman", "Jonas Berg") else ""
        rows.append(f"{first},{last},{IN}{slug},{shown},Northwind Labs,"
                    f"{positions[day % 5]},{day:02d} Feb 2024")
        day += 1
    rows.append(f"Alex,Kim,{IN}alex-kim-4f,,Northwind Labs,Recruiter,20 Feb 2024")
    for i, (first, last, org) in enumerate([("Rosa", "Diaz", "Globex"),
                                            ("Karl", "Jensen", "Initech"),
                                            ("Mei", "Chen", "Umbrella Health")]):
        rows.append(f"{first},{last},{IN}{first.lower()}-{last.lower()}-{i}c,,{org},"
                    f"Consultant,0{i + 1} Mar 2019")
    profile = ("First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,"
               "Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\n"
               "Eva,Martens,,,,Product lead at Northwind Labs,,Software Development,,"
               "Amsterdam,,,\n")
    return {"Connections.csv": (PREAMBLE + "\n".join(rows)).encode(),
            "Profile.csv": profile.encode()}


def write_zip(path: Path, files: dict[str, bytes]) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    path.write_bytes(buf.getvalue())


def main() -> None:
    EVA_DIR.mkdir(exist_ok=True)
    mb = mailbox()
    write_zip(EVA_DIR / "takeout-20261201T101010Z-001.zip", {
        "Takeout/archive_browser.html": b"<html><body>Takeout archive</body></html>\n",
        "Takeout/Mail/All mail Including Spam and Trash.mbox": mb.data(),
        f"Takeout/Calendar/{EVA[1]}.ics": calendar().encode(),
        "Takeout/Contacts/All Contacts/All Contacts.vcf": vcards().encode(),
        "Takeout/YouTube and YouTube Music/history/watch-history.json": b"[]\n",
        "Takeout/YouTube and YouTube Music/subscriptions/subscriptions.csv":
            b"Channel Id,Channel Url,Channel Title\n",
    })
    write_zip(EVA_DIR / "Basic_LinkedInDataExport_12-01-2026.zip", linkedin())
    print(f"wrote {EVA_DIR}: {mb.n} messages; broker {BROKER}; local bridge {BRIDGE}")


if __name__ == "__main__":
    main()
