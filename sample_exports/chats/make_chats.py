"""Regenerate the chats sample person (sample_exports/chats/eva/): one person's own exports with
a planted structure the tests check (tests/test_sample_chats.py).

Everyone is invented; e-mail domains are *.example, phone numbers in +46 70 555 xx xx. What is
real is each file's structure (docs/formats.md §6): an Android WhatsApp group export, an iOS
WhatsApp zip (``_chat.txt`` plus a photo), Telegram Desktop's ``result.json``, a Slack
workspace zip, a vCard address book and a work mailbox (mbox, headers only matter).

The planted structure (also written to ``facts.json``):

- **Work** (the mailbox): Eva and five colleagues at Northwind; they mail each other in
  threads of 2-4 people.
- **Climbing** (the WhatsApp group "Climbing Tuesdays" and the Telegram group "Boulder
  crew"): Eva and five climbers; they never mail.
- **Mara Lind** is in both: a colleague in the mailbox (``mara.lind@northwind.example``) and a
  climber whose WhatsApp shows only her number (``+46 70 555 12 34``, not saved in the phone)
  and whose Telegram name is "Mara L." (linked by contacts.list to the same number). Only the
  address book's card for Mara, with that number *and* that address, makes her one person:
  then she is the one contact in two worlds and the broker between work and climbing.
- **Family**: a one-to-one iOS chat with Ben Okoro (his own circle of one).
- **Slack** (a small climbing-community workspace): three climbers and a member missing from
  users.json.

    python sample_exports/chats/make_chats.py
"""

from __future__ import annotations

import io
import json
import random
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
EVA = HERE / "eva"
SEED = 13
FIXED_DATE = (2024, 12, 16, 9, 30, 0)
NNBSP, LRM = "\u202f", "\u200e"

WORK = {  # name -> work address
    "Eva Novak": "eva.novak@northwind.example",
    "Jonas Berg": "jonas.berg@northwind.example",
    "Priya Raman": "priya.raman@northwind.example",
    "Tomas Eklund": "tomas.eklund@northwind.example",
    "Lea Wong": "lea.wong@northwind.example",
    "Mara Lind": "mara.lind@northwind.example",
}
CLIMBERS = ["Cleo Haas", "Dani Ortiz", "Finn Larsen", "Ines Duarte", "Sami Koski"]
MARA_PHONE = "+46 70 555 12 34"
PHONES = {"Ben Okoro": "+46 70 555 10 01", "Cleo Haas": "+46 70 555 10 02",
          "Dani Ortiz": "+46 70 555 10 03", "Finn Larsen": "+46 70 555 10 04",
          "Ines Duarte": "+46 70 555 10 05", "Sami Koski": "+46 70 555 10 06",
          "Jonas Berg": "+46 70 555 20 01", "Mara Lind": MARA_PHONE}
WORDS = ["ok", "see", "you", "at", "the", "wall", "tomorrow", "great", "thanks", "plan"]


def write(name: str, data: str | bytes) -> None:
    path = EVA / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


def zipped(files: dict[str, str | bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(zipfile.ZipInfo(name, FIXED_DATE), data)
    return buf.getvalue()


def vcard() -> None:
    """Eva's address book: the climbers by phone, a few colleagues, and Mara with both."""
    cards = []
    for name in ["Ben Okoro", *CLIMBERS, "Jonas Berg", "Mara Lind"]:
        lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{name}",
                 f"N:{name.split()[1]};{name.split()[0]};;;",
                 # The card writes the number as Swedes dial it: national, needs --region SE
                 # or (here) the owner's own number in Telegram.
                 f"TEL;TYPE=CELL:0{PHONES[name][4:].replace(' ', '')[:2]}-"
                 f"{PHONES[name][4:].replace(' ', '')[2:]}"]
        if name in WORK:
            lines.append(f"EMAIL;TYPE=WORK:{WORK[name]}")
        elif name in CLIMBERS:  # the address their Slack account has
            lines.append(f"EMAIL;TYPE=HOME:{name.split()[0].lower()}@climb.example")
        cards.append("\r\n".join([*lines, "END:VCARD"]))
    write("eva_contacts.vcf", "\r\n".join(cards) + "\r\n")


def mailbox(rng: random.Random) -> None:
    """Work mail: threads of 2-4 colleagues, Eva on most (a Thunderbird-style mbox)."""
    colleagues = [n for n in WORK if n != "Eva Novak"]
    messages = []
    for i in range(40):
        people = rng.sample(colleagues, rng.choice([1, 2, 3]))
        if i % 4 == 0 and "Mara Lind" not in people:
            people.append("Mara Lind")
        sender = "Eva Novak" if i % 3 else people.pop(0)
        to = [p for p in ["Eva Novak", *people] if p != sender]
        day = 4 + i % 20
        messages.append("\n".join([
            f"From - Mon Mar {day:02d} 09:{i:02d}:00 2024",
            f"From: {sender} <{WORK[sender]}>",
            "To: " + ", ".join(f"{p} <{WORK[p]}>" for p in to),
            f"Date: Mon, {day:02d} Mar 2024 09:{i:02d}:00 +0100",
            f"Message-ID: <work-{i}@northwind.example>",
            "Subject: (sample)", "", "Body text is never read.", ""]))
    write("work.mbox", "\n".join(messages))


def whatsapp_group(rng: random.Random) -> None:
    """Android: the climbing group, Mara shown by her number (not saved in the phone)."""
    shown = ["Eva Novak", *CLIMBERS, f"\u202a{MARA_PHONE}\u202c"]
    lines = ["05/03/2024, 18:02 - Messages and calls are end-to-end encrypted. No one outside of "
             "this chat, not even WhatsApp, can read or listen to them. Tap to learn more.",
             "05/03/2024, 18:02 - Eva Novak created group \"Climbing Tuesdays\"",
             "05/03/2024, 18:03 - Eva Novak added Cleo Haas",
             f"05/03/2024, 18:04 - \u202a{MARA_PHONE}\u202c joined using this group's invite link"]
    for i in range(60):
        who = shown[i % len(shown)] if i < len(shown) else rng.choice(shown)
        text = " ".join(rng.choices(WORDS, k=rng.randrange(1, 6)))
        if i == 7:
            text = "<Media omitted>"
        if i == 11:
            text = "ropes for @\u2068Cleo Haas\u2069?"
        lines.append(f"{5 + i // 5:02d}/03/2024, {18 + i % 4}:{10 + i:02d} - {who}: {text}")
        if i % 9 == 0:
            lines.append("a second line of the same message")
    write("WhatsApp Chat with Climbing Tuesdays.txt", "\n".join(lines) + "\n")


def whatsapp_ios() -> None:
    """iOS: a one-to-one chat with Ben, zipped with a photo (counted, never read)."""
    chat = "\n".join([
        f"[3/2/24, 10:01:11{NNBSP}AM] Ben Okoro: {LRM}Messages and calls are end-to-end "
        "encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.",
        f"[3/2/24, 10:01:11{NNBSP}AM] Ben Okoro: Sunday lunch at mum's?",
        f"[3/2/24, 10:05:40{NNBSP}AM] Eva Novak: yes!",
        f"{LRM}[3/2/24, 10:06:02{NNBSP}AM] Ben Okoro: {LRM}image omitted",
        f"[3/14/24, 7:15:00{NNBSP}PM] Eva Novak: call you later",
    ]) + "\n"
    write("WhatsApp Chat - Ben Okoro.zip",
          zipped({"_chat.txt": chat, "00000004-PHOTO-2024-03-02-10-06-02.jpg": b"\xff\xd8\xff"}))


def telegram(rng: random.Random) -> None:
    """Telegram Desktop: the bouldering group (Mara as "Mara L."), a channel (not a tie)."""
    ids = {"Eva Novak": 7001, "Cleo Haas": 7002, "Dani Ortiz": 7003, "Finn Larsen": 7004,
           "Mara L.": 7005}

    def message(k: int, who: str, **extra) -> dict:
        return {"id": k, "type": "message", "date": f"2024-03-{10 + k % 15:02d}T19:{k:02d}:00",
                "date_unixtime": str(1710097200 + k * 60), "from": who,
                "from_id": f"user{ids[who]}", "text": "…",
                "text_entities": [{"type": "plain", "text": "…"}], **extra}

    group = [{"id": 1, "type": "service", "date": "2024-03-10T19:00:00",
              "date_unixtime": "1710097200", "actor": "Eva Novak", "actor_id": "user7001",
              "action": "create_group", "title": "Boulder crew",
              "members": ["Eva Novak", "Cleo Haas", "Dani Ortiz", "Finn Larsen", "Mara L."],
              "text": ""}]
    for k in range(2, 30):
        who = rng.choice(list(ids))
        extra = {"reply_to_message_id": k - 1} if k % 5 == 0 else {}
        group.append(message(k, who, **extra))
    export = {
        "about": "Here is the data you requested. Remember: Telegram is ad free, it doesn't "
                 "collect or use your data for advertising.",
        "personal_information": {"user_id": 7001, "first_name": "Eva", "last_name": "Novak",
                                 "phone_number": "+46 70 555 00 00", "username": "@eva_n",
                                 "bio": ""},
        # The phone's address book as Telegram synced it (Mara saved as "Mara L." there).
        "contacts": {"about": "", "list": [
            {"first_name": "Mara", "last_name": "L.", "phone_number": MARA_PHONE.replace(" ", ""),
             "date": "2023-05-01T12:00:00", "date_unixtime": "1682942400"},
            *({"first_name": n.split()[0], "last_name": n.split()[1],
               "phone_number": PHONES[n], "date": "2023-05-01T12:00:00",
               "date_unixtime": "1682942400"} for n in CLIMBERS[:3])]},
        "chats": {"about": "", "list": [
            {"name": "Boulder crew", "type": "private_group", "id": 8001, "messages": group},
            {"name": "Gym news", "type": "public_channel", "id": 8002, "messages": [
                {"id": 1, "type": "message", "date": "2024-03-01T08:00:00",
                 "date_unixtime": "1709280000", "from": "Gym news", "from_id": "channel8002",
                 "text": "…", "text_entities": []}]},
        ]},
    }
    write("Telegram/result.json", json.dumps(export, indent=1, ensure_ascii=False) + "\n")


def slack() -> None:
    """A climbing-community Slack: three climbers write in #general, one member unknown."""
    users = [{"id": f"U07{n.split()[0].upper():0<7}"[:10], "team_id": "T07CLIMB",
              "name": n.split()[0].lower(), "deleted": False, "real_name": n, "is_bot": False,
              "profile": {"real_name": n, "email": f"{n.split()[0].lower()}@climb.example"}}
             for n in ["Cleo Haas", "Dani Ortiz", "Sami Koski"]]
    ids = [u["id"] for u in users]
    channels = [{"id": "C07GENERAL", "name": "general", "created": 1704067200,
                 "creator": ids[0], "is_archived": False, "is_general": True,
                 "members": [*ids, "U07UNKNOWN"]}]
    day = [{"type": "message", "user": ids[i % 3], "text": f"<@{ids[(i + 1) % 3]}> {i}",
            "ts": f"{1709287200 + i * 60}.000100"} for i in range(6)]
    day.append({"type": "message", "user": "U07UNKNOWN", "text": "hi",
                "ts": "1709288000.000100"})
    write("climbing-community Slack export.zip", zipped({
        "users.json": json.dumps(users, indent=4), "channels.json": json.dumps(channels, indent=4),
        "general/2024-03-01.json": json.dumps(day, indent=4)}))


FACTS = {
    "owner": "Eva Novak",
    "broker": {"name": "Mara Lind", "id": "email:mara.lind@northwind.example",
               "worlds": ["chats", "mail"], "phone": "+46705551234"},
    "work": sorted(n for n in WORK if n != "Eva Novak"),
    "climbing": sorted(CLIMBERS),
    "family": ["Ben Okoro"],
    "run": "weakties analyze sample_exports/chats/eva --owner 'Eva Novak'",
}


def main() -> None:
    rng = random.Random(SEED)
    vcard()
    mailbox(rng)
    whatsapp_group(rng)
    whatsapp_ios()
    telegram(rng)
    slack()
    (HERE / "facts.json").write_text(json.dumps(FACTS, indent=1) + "\n", encoding="utf-8")
    print(f"wrote the chats sample person under {EVA}")


if __name__ == "__main__":
    main()
