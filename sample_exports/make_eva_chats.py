"""Add Eva Martens' chats to sample_exports/eva/ (run after make_eva.py, which makes the rest).

Her chats, next to her LinkedIn zip and Takeout in the same folder (one owner):

- ``WhatsApp Chat with Tuesday Climbing.txt``: the climbing group, Android export (system lines,
  a photo left out, an @-mention, continuation lines). The five climbers write under the names
  Eva's phone has for them; **Noor Haddad** writes under her bare number (``+31 6 12340010``:
  not saved in the phone), so only the Takeout address book, whose card for Noor has that number
  *and* her Northwind address, makes the chat's Noor the colleague of the work mail: the planted
  person in two circles, reachable only through the address book's phone + email;
- ``WhatsApp Chat - Paul Martens.zip``: a one-to-one chat with her brother, iOS export
  (``_chat.txt`` and a photo);
- ``Telegram/result.json``: Telegram Desktop export: Eva (her ``+31`` number), contacts.list
  (climbers by phone), a one-to-one chat with Marta and the "Crag trips" group;
- ``northwind-slack.zip``: a small Slack workspace export of her product team (users by their
  Northwind addresses).

None of them adds a tie between two circles: Noor stays the only contact in work and climbing,
and Clara Martens - Ben Carter the only tie between family and climbing (tests/test_sample_eva.py,
tests/test_sample_eva_chats.py). Standalone apart from make_eva's names, fixed dates: every
run writes the same bytes.

    python sample_exports/make_eva.py && python sample_exports/make_eva_chats.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_eva import CLIMBING, EVA, EVA_DIR, FAMILY, NOOR, WORK, write_zip  # noqa: E402

NNBSP, LRM = "\u202f", "\u200e"
NOOR_SHOWN = "\u202a+31 6 12340010\u202c"  # as WhatsApp shows an unsaved number


def whatsapp_group() -> str:
    climbers = [c[0] for c in CLIMBING]
    lines = [
        "03/03/2026, 19:02 - Messages and calls are end-to-end encrypted. No one outside of this "
        "chat, not even WhatsApp, can read or listen to them. Tap to learn more.",
        f"03/03/2026, 19:02 - {EVA[0]} created group \"Tuesday Climbing\"",
        f"03/03/2026, 19:03 - {EVA[0]} added {climbers[0]}",
        f"03/03/2026, 19:04 - {NOOR_SHOWN} joined using this group's invite link",
    ]
    writers = [EVA[0], *climbers, NOOR_SHOWN]
    for i in range(42):
        who = writers[i % len(writers)]
        day = 3 + 7 * (i // 14)
        text = ["Wall at 7?", "in", "I'll bring the rope", "<Media omitted>", "see you there",
                f"@\u2068{climbers[0]}\u2069 can you book the lane?"][i % 6]
        lines.append(f"{day:02d}/03/2026, {19 + i % 3}:{10 + i:02d} - {who}: {text}")
        if i % 10 == 0:
            lines.append("(and a second line)")
    return "\n".join(lines) + "\n"


def whatsapp_ios() -> bytes:
    paul = FAMILY[1][0]
    chat = "\n".join([
        f"[3/1/26, 10:01:11{NNBSP}AM] {paul}: {LRM}Messages and calls are end-to-end "
        "encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.",
        f"[3/1/26, 10:01:11{NNBSP}AM] {paul}: Lunch on Sunday?",
        f"[3/1/26, 10:05:40{NNBSP}AM] {EVA[0]}: yes!",
        f"{LRM}[3/1/26, 10:06:02{NNBSP}AM] {paul}: {LRM}image omitted",
        f"[3/15/26, 7:15:00{NNBSP}PM] {EVA[0]}: call you later",
    ]) + "\n"
    return chat.encode()


def telegram() -> str:
    by_name = {c[0]: c for c in CLIMBING}
    ids = {EVA[0]: 9000, **{name: 9020 + i for i, name in enumerate(by_name, start=1)}}
    marta, leo, yuki = "Marta Nowak", "Leo Fischer", "Yuki Tanaka"

    def message(k: int, who: str, day: int, **extra) -> dict:
        return {"id": k, "type": "message", "date": f"2026-03-{day:02d}T20:{k:02d}:00",
                "date_unixtime": str(1772654400 + day * 86400 + k * 60), "from": who,
                "from_id": f"user{ids[who]}", "text": "…",
                "text_entities": [{"type": "plain", "text": "…"}], **extra}

    trips = [{"id": 1, "type": "service", "date": "2026-03-05T20:00:00",
              "date_unixtime": "1772740800", "actor": EVA[0], "actor_id": "user9000",
              "action": "invite_members", "members": [marta, leo, yuki], "text": ""}]
    for k, who in enumerate([leo, marta, yuki, EVA[0], leo, yuki], start=2):
        trips.append(message(k, who, 5 + k, **({"reply_to_message_id": k - 1} if k > 2 else {})))
    export = {
        "about": "Here is the data you requested. Remember: Telegram is ad free, it doesn't "
                 "collect or use your data for advertising.",
        "personal_information": {"user_id": 9000, "first_name": "Eva", "last_name": "Martens",
                                 "phone_number": "+31 6 12340000", "username": "@evam",
                                 "bio": ""},
        "contacts": {"about": "", "list": [
            {"first_name": n.split()[0], "last_name": n.split()[1],
             "phone_number": by_name[n][3], "date": "2025-05-01T12:00:00",
             "date_unixtime": "1746100800"} for n in (marta, leo, yuki)]},
        "chats": {"about": "", "list": [
            {"name": marta, "type": "personal_chat", "id": ids[marta], "messages": [
                message(1, marta, 4), message(2, EVA[0], 4, reply_to_message_id=1)]},
            {"name": "Crag trips", "type": "private_group", "id": 9100, "messages": trips},
        ]},
    }
    return json.dumps(export, indent=1, ensure_ascii=False) + "\n"


def slack() -> dict[str, bytes]:
    team = [p for p in WORK if p[0] in ("Jonas Berg", "Priya Raman", "Tom Keller", "Lena Vogt")]
    people = [(EVA[0], EVA[1]), *((p[0], p[1]) for p in team)]
    users = [{"id": f"U09NW{i:05d}", "team_id": "T09NORTHW", "name": n.split()[0].lower(),
              "deleted": False, "real_name": n, "is_bot": False,
              "profile": {"real_name": n, "email": e}} for i, (n, e) in enumerate(people)]
    users.append({"id": "U09NWBOT01", "team_id": "T09NORTHW", "name": "standup", "deleted": False,
                  "is_bot": True, "profile": {"real_name": "Standup bot", "bot_id": "B09STAND"}})
    ids = [u["id"] for u in users[:-1]]
    channels = [{"id": "C09PRODUCT", "name": "product", "created": 1772323200,
                 "creator": ids[0], "is_archived": False, "is_general": False, "members": ids}]
    day = [{"type": "message", "user": ids[i % len(ids)],
            "text": f"<@{ids[(i + 1) % len(ids)]}> roadmap {i}",
            "ts": f"{1772704800 + i * 300}.000100"} for i in range(10)]
    day.append({"type": "message", "subtype": "bot_message", "bot_id": "B09STAND",
                "text": "standup", "ts": "1772708000.000100"})
    return {"users.json": json.dumps(users, indent=4).encode(),
            "channels.json": json.dumps(channels, indent=4).encode(),
            "product/2026-03-05.json": json.dumps(day, indent=4).encode()}


def main() -> None:
    (EVA_DIR / "WhatsApp Chat with Tuesday Climbing.txt").write_text(whatsapp_group(),
                                                                    encoding="utf-8")
    write_zip(EVA_DIR / f"WhatsApp Chat - {FAMILY[1][0]}.zip", {
        "_chat.txt": whatsapp_ios(), "00000004-PHOTO-2026-03-01-10-06-02.jpg": b"\xff\xd8\xff"})
    (EVA_DIR / "Telegram").mkdir(exist_ok=True)
    (EVA_DIR / "Telegram" / "result.json").write_text(telegram(), encoding="utf-8")
    write_zip(EVA_DIR / "northwind-slack.zip", slack())
    print(f"wrote Eva's chats in {EVA_DIR}; {NOOR[0]} in the climbing chat by number only")


if __name__ == "__main__":
    main()
