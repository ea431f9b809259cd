"""Chat exports read line by line: WhatsApp (every header family and locale variant, system
lines), Telegram Desktop's result.json and a Slack workspace export. Every chat here is written
by hand; the expected senders, dates and counts are read off the lines next to each test."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from weakties.errors import InputError
from weakties.importers.registry import sniff
from weakties.importers.slack import (
    parse_slack_channels,
    parse_slack_messages,
    parse_slack_users,
)
from weakties.importers.telegram import parse_telegram
from weakties.importers.whatsapp import chat_name, parse_whatsapp

NNBSP, NBSP, LRM, RLM = "\u202f", "\u00a0", "\u200e", "\u200f"


def _wa(lines: list[str], path: str = "WhatsApp Chat with Ben Okoro.txt"):
    data = "\n".join(lines).encode("utf-8")
    fmt = sniff(data, path, lone_file=True)
    assert fmt is not None and fmt.name == "whatsapp"
    return parse_whatsapp(data, path)


def _messages(table) -> pd.DataFrame:
    return table.frame[table.frame["kind"] == "message"]


# Each variant: two messages by Ben then Eva; the first on 13 March 2024 at 19:05 (seconds where
# the header has them), the second on 14 March 2024 at 07:06 or 19:06.
VARIANTS = {
    "android, UK": ["13/03/2024, 19:05 - Ben: hi", "14/03/2024, 19:06 - Eva: yo"],
    "android, US 12-hour": ["3/13/24, 7:05 PM - Ben: hi", "3/14/24, 7:06 PM - Eva: yo"],
    "android, German dots": ["13.03.24, 19:05 - Ben: hi", "14.03.24, 19:06 - Eva: yo"],
    "android, dashes": ["13-03-2024 19:05 - Ben: hi", "14-03-2024 19:06 - Eva: yo"],
    "android, year first": ["2024-03-13 19:05 - Ben: hi", "2024-03-14 19:06 - Eva: yo"],
    "android, Spanish p. m. with NBSP": [f"13/3/24, 7:05{NBSP}p.{NBSP}m. - Ben: hi",
                                         f"14/3/24, 7:06{NBSP}p.{NBSP}m. - Eva: yo"],
    "android, a.m. with U+202F": [f"3/13/24, 7:05{NNBSP}p.m. - Ben: hi",
                                  f"3/14/24, 7:06{NNBSP}a.m. - Eva: yo"],
    "android, Finnish klo": ["13.3.2024 klo 19.05 - Ben: hi", "14.3.2024 klo 19.06 - Eva: yo"],
    "ios, dots with seconds": ["[13.03.24, 19:05:15] Ben: hi", "[14.03.24, 19:06:00] Eva: yo"],
    "ios, US 12-hour U+202F": [f"[3/13/24, 7:05:15{NNBSP}PM] Ben: hi",
                               f"{LRM}[3/14/24, 7:06:00{NNBSP}PM] Eva: yo"],
    "ios, Finnish klo": ["[13.3.2024 klo 19.05.15] Ben: hi", "[14.3.2024 klo 19.06.00] Eva: yo"],
    "android, Chinese 下午 before the time": ["2024/3/13 下午7:05 - Ben: hi",
                                             "2024/3/14 下午7:06 - Eva: yo"],
}


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_whatsapp_header_variants(name):
    table = _wa(VARIANTS[name])
    m = _messages(table)
    assert m["sender"].tolist() == ["Ben", "Eva"]
    first, second = m["date"].tolist()
    assert (first.year, first.month, first.day, first.hour, first.minute) == (2024, 3, 13, 19, 5)
    assert (second.month, second.day, second.minute) == (3, 14, 6)
    # "a.m." in one variant: 7:06 in the morning.
    assert second.hour == (7 if "a.m." in name else 19)
    if "seconds" in name or "U+202F" in name and "ios" in name:
        assert first.second == 15
    assert m["line"].tolist() == [1, 2]
    assert table.skipped_total == 0


def test_day_month_order_from_the_whole_file():
    # Only the last line has a day above 12, and it is in the first place: day/month throughout,
    # so the first line is 2 March, not 3 February.
    table = _wa(["02/03/2024, 10:00 - Ben: a", "05/03/2024, 10:00 - Eva: b",
                 "13/03/2024, 10:00 - Ben: c"])
    assert [d.month for d in _messages(table)["date"]] == [3, 3, 3]
    # No day above 12: the dates must run forward, which only month/day does here
    # (10 Feb -> 1 Mar -> 5 Mar, where day/month would go back from 2 October to 3 January).
    table = _wa(["02/10/2024, 10:00 - Ben: a", "03/01/2024, 10:00 - Eva: b",
                 "03/05/2024, 10:00 - Ben: c"])
    assert [(d.month, d.day) for d in _messages(table)["date"]] == [(2, 10), (3, 1), (3, 5)]
    # Nothing decides: said in a note.
    table = _wa(["03/03/2024, 10:00 - Ben: a"])
    assert any("day/month" in note for note in table.notes)


def test_continuation_lines_and_marks():
    table = _wa([
        "13/03/2024, 19:05 - Ben: first line",
        "second line of Ben's message",
        "",
        "12/03/2024 is a date in the text, not a header",
        f"14/03/2024, 19:06 - {RLM}Eva{LRM}: yo",
    ])
    m = _messages(table)
    assert m["sender"].tolist() == ["Ben", "Eva"]
    assert m["line"].tolist() == [1, 5]


SYSTEM_LINES = [
    "13/03/2024, 19:00 - Messages and calls are end-to-end encrypted. No one outside of this "
    "chat, not even WhatsApp, can read or listen to them. Tap to learn more.",
    "13/03/2024, 19:00 - Eva created group \"Climbing: Tuesdays\"",
    "13/03/2024, 19:00 - Eva added Ben",
    "13/03/2024, 19:00 - Cleo left",
    "13/03/2024, 19:00 - Eva removed Dan",
    "13/03/2024, 19:00 - Finn joined using this group's invite link",
    "13/03/2024, 19:00 - Your security code with Ben changed. Tap to learn more.",
    "13/03/2024, 19:00 - Eva changed the subject from \"Climbing\" to \"Climbing: Tue\"",
    "13/03/2024, 19:00 - Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt.",
    "13/03/2024, 19:00 - Eva hat Ben hinzugefügt",
    "13/03/2024, 19:00 - Eva a ajouté Ben",
    "13/03/2024, 19:00 - Eva añadió a Ben",
    "13/03/2024, 19:00 - Eva lisäsi käyttäjän Ben",
]


@pytest.mark.parametrize("line", SYSTEM_LINES)
def test_system_lines_are_never_messages(line):
    table = _wa([line, "13/03/2024, 19:05 - Ben: hi"])
    assert _messages(table)["sender"].tolist() == ["Ben"]
    assert any("1 system line" in note for note in table.notes)


def test_ios_system_lines_carry_a_name_and_a_mark():
    # iOS attributes system text to the group (or, in a 1:1 chat, the contact) after U+200E.
    table = _wa([
        f"[13.03.24, 19:00:00] Climbing: {LRM}Messages and calls are end-to-end encrypted.",
        f"[13.03.24, 19:00:01] Climbing: {LRM}Eva created this group",
        f"[13.03.24, 19:00:02] Climbing: {LRM}Eva added Ben",
        f"{LRM}[13.03.24, 19:05:00] Ben: {LRM}image omitted",
        "[13.03.24, 19:06:00] Eva: hi",
    ], path="WhatsApp Chat - Climbing.zip/_chat.txt")
    m = _messages(table)
    assert m["sender"].tolist() == ["Ben", "Eva"]
    assert m["chat_name"].iloc[0] == "Climbing"
    # Only two senders, but "created this group" says it is a group.
    assert m["chat_type"].iloc[0] == "group"
    assert any("1 media message" in note for note in table.notes)


def test_groups_phone_senders_media_and_mentions():
    table = _wa([
        "13/03/2024, 19:05 - Ben: <Media omitted>",
        "13/03/2024, 19:06 - \u202a+49 170 1234567\u202c: hi @\u2068Ben\u2069 and @4915112345",
        "13/03/2024, 19:07 - Cleo: hi",
    ], path="WhatsApp Chat with Climbing.txt")
    f = table.frame
    assert _messages(table)["sender"].tolist() == ["Ben", "+49 170 1234567", "Cleo"]
    assert _messages(table)["phone"].tolist() == ["", "+49 170 1234567", ""]
    assert f.loc[f["kind"] == "mention", "to_name"].tolist() == ["Ben", "+4915112345"]
    assert set(f["chat_type"]) == {"group"}  # three senders
    # A 1:1 chat: the file name says with whom, two senders.
    table = _wa(VARIANTS["android, UK"])
    assert set(table.frame["chat_type"]) == {"personal"}
    assert set(table.frame["chat_name"]) == {"Ben Okoro"}


def test_chat_names_from_file_names():
    assert chat_name("WhatsApp Chat with Ben Okoro (1).txt") == "Ben Okoro"
    assert chat_name("WhatsApp-Chat mit Oma.txt") == "Oma"
    assert chat_name("a/WhatsApp Chat - Climbing.zip/_chat.txt") == "Climbing"
    assert chat_name("notes.txt") == ""


def test_text_before_the_first_header_and_bad_dates_are_counted():
    table = _wa(["13/03/2024, 19:05 - Ben: hi", "13/03/2024, 19:06 - Eva: yo"])
    assert table.skipped_total == 0
    # 31/02 is no date in day/month order: skipped with its reason, the rest kept.
    table = _wa(["13/03/2024, 19:05 - Ben: hi", "31/02/2024, 19:06 - Eva: yo"])
    assert _messages(table)["sender"].tolist() == ["Ben"]
    assert table.skipped["date not valid in the file's day/month order"] == 1


def test_not_a_chat_is_not_sniffed_as_one():
    for text in ("Shopping list\n- milk\n", "a b\nb c\nc d\n", "12/03/2024 a note\n",
                 "13/03/2024 19:05 Ben: no dash\n"):
        fmt = sniff(text.encode(), "notes.txt", lone_file=True)
        assert fmt is None or fmt.name != "whatsapp"
    # An edge list of dates is not a chat either, and a chat is never an edge list.
    chat = "\n".join(VARIANTS["android, year first"]).encode()
    assert sniff(chat, "x.txt", lone_file=True).name == "whatsapp"
    with pytest.raises(InputError):
        parse_whatsapp(b"no header here\n", "x.txt")


# --- Telegram ------------------------------------------------------------------------------------

def _telegram() -> dict:
    msg = {"id": 1, "type": "message", "date": "2024-03-01T10:00:00", "from": "Ben Okoro",
           "from_id": "user200", "text": "never kept"}
    return {
        "about": "Here is the data you requested.",
        "personal_information": {"user_id": 100, "first_name": "Eva", "last_name": "Novak",
                                 "phone_number": "+49 151 1111111"},
        "contacts": {"about": "", "list": [
            {"first_name": "Ben", "last_name": "Okoro", "phone_number": "+491702222222",
             "date": "2020-01-01T00:00:00"}]},
        "chats": {"about": "", "list": [
            {"name": "Ben Okoro", "type": "personal_chat", "id": 200, "messages": [
                msg,
                {**msg, "id": 2, "from": "Eva Novak", "from_id": "user100",
                 "reply_to_message_id": 1,
                 "text": ["hi ", {"type": "mention_name", "text": "Ben", "user_id": 200}],
                 "text_entities": [{"type": "plain", "text": "hi "},
                                   {"type": "mention_name", "text": "Ben", "user_id": 200}]},
            ]},
            {"name": "News", "type": "public_channel", "id": 300, "messages": [
                {**msg, "from": "News", "from_id": "channel300"}]},
            {"name": "Climbers", "type": "private_supergroup", "id": 400, "messages": [
                {"id": 1, "type": "service", "date": "2024-03-02T10:00:00", "actor": "Eva Novak",
                 "actor_id": "user100", "action": "invite_members",
                 "members": ["Ben Okoro", "Cleo"]},
                {**msg, "id": 2, "from": None, "from_id": "user999"},
                {**msg, "id": 3, "from": "Cleo", "from_id": "user500", "reactions": [
                    {"type": "emoji", "count": 1, "emoji": "+",
                     "recent": [{"from": "Ben Okoro", "from_id": "user200"}]}]},
            ]},
        ]},
    }


def test_telegram_export():
    data = json.dumps(_telegram(), indent=1).encode()
    assert sniff(data, "result.json").name == "telegram"
    table = parse_telegram(data, "result.json")
    f = table.frame
    assert b"never kept" not in f.to_csv().encode()
    rows = list(zip(f["kind"], f["sender_id"], f["to_id"], f["to_name"], strict=True))
    assert rows == [
        ("owner", "user100", "", ""), ("contact", "", "", ""),
        ("member", "user200", "", ""),  # the other person of a personal chat
        ("message", "user200", "", ""), ("message", "user100", "", ""),
        ("reply", "user100", "user200", ""), ("mention", "user100", "user200", ""),
        # The channel is not read; the group's invitation names the invited.
        ("invite", "user100", "", "Ben Okoro"), ("invite", "user100", "", "Cleo"),
        ("message", "user500", "", ""), ("reaction", "user200", "user500", ""),
    ]
    assert f.loc[0, "phone"] == "+49 151 1111111"
    assert table.skipped == {"from a deleted account (from: null)": 1}
    assert any("1 public_channel" in note for note in table.notes)
    # Line of each message: where its object starts in the pretty-printed file.
    lines = data.decode().splitlines()
    for line in f.loc[f["kind"] == "message", "line"]:
        assert lines[line - 1].strip() == "{"


def test_telegram_single_chat_and_bad_schema():
    chat = _telegram()["chats"]["list"][0]
    data = json.dumps(chat).encode()
    assert sniff(data, "result.json").name == "telegram"
    f = parse_telegram(data, "result.json").frame
    assert (f["kind"] == "message").sum() == 2
    bad = json.dumps({"about": "x", "chats": {"list": [{"name": "a", "type": "private_group",
                                                        "messages": "not a list"}]}}).encode()
    with pytest.raises(InputError, match="another JSON schema"):
        parse_telegram(bad, "result.json")
    with pytest.raises(InputError, match="invalid JSON"):
        parse_telegram(data[:-10], "result.json")


# --- Slack ---------------------------------------------------------------------------------------

U1, U2, U3, U9 = "U0AAA0001", "U0AAA0002", "U0AAA0003", "U0AAA0009"


def _slack_json(entries: list) -> bytes:
    return json.dumps(entries, indent=4).encode()


def test_slack_files():
    users = _slack_json([
        {"id": U1, "name": "eva", "deleted": False, "real_name": "Eva Novak",
         "profile": {"real_name": "Eva Novak", "email": "eva@example.org"}, "is_bot": False},
        {"id": U2, "name": "ben", "deleted": True, "real_name": "Ben Okoro",
         "profile": {"email": "ben@example.org"}, "is_bot": False},
        {"id": U3, "name": "bot", "profile": {"bot_id": "B1"}, "is_bot": True},
    ])
    assert sniff(users, "ws.zip/users.json").name == "slack-users"
    t = parse_slack_users(users, "ws.zip/users.json")
    assert t.frame["sender_id"].tolist() == [U1, U2]
    assert t.frame["email"].tolist() == ["eva@example.org", "ben@example.org"]
    text = users.decode().splitlines()
    assert [text[n - 1] for n in t.frame["line"]] == ["    {", "    {"]
    assert t.frame["line"].iloc[0] == 2 and t.skipped == {"bot": 1}

    channels = _slack_json([{"id": "C0AAA0001", "name": "general", "members": [U1, U2, U9]}])
    assert sniff(channels, "ws.zip/channels.json").name == "slack-channels"
    t = parse_slack_channels(channels, "ws.zip/channels.json")
    assert set(t.frame["chat"]) == {"ws.zip/general"}
    assert t.frame["sender_id"].tolist() == [U1, U2, U9]
    dms = _slack_json([{"id": "D0AAA0001", "members": [U1, U2]}])
    t = parse_slack_channels(dms, "ws.zip/dms.json")
    assert set(t.frame["chat"]) == {"ws.zip/D0AAA0001"} and set(t.frame["chat_type"]) == {
        "personal"}

    day = _slack_json([
        {"type": "message", "user": U1, "text": f"hi <@{U2}>", "ts": "1709280000.000100",
         "reactions": [{"name": "+1", "users": [U2, U9], "count": 2}]},
        {"type": "message", "subtype": "channel_join", "user": U9, "ts": "1709280001.0001"},
        {"type": "message", "subtype": "bot_message", "bot_id": "B1", "ts": "1709280001.0002"},
        {"type": "message", "user": U2, "text": "secret", "ts": "1709280002.000100",
         "thread_ts": "1709280000.000100", "parent_user_id": U1},
    ])
    assert sniff(day, "ws.zip/general/2024-03-01.json").name == "slack-messages"
    t = parse_slack_messages(day, "ws.zip/general/2024-03-01.json")
    f = t.frame
    assert list(zip(f["kind"], f["sender_id"], f["to_id"], strict=True)) == [
        ("message", U1, ""), ("mention", U1, U2), ("reaction", U2, U1), ("reaction", U9, U1),
        ("message", U2, ""), ("reply", U2, U1)]
    assert set(f["chat"]) == {"ws.zip/general"}
    assert f["date"].iloc[0] == pd.Timestamp("2024-03-01 08:00:00")
    assert t.skipped == {"join/leave/topic notice (not a message from a person)": 1,
                         "bot or app message": 1}
    assert "secret" not in f.to_csv()


def test_hostile_json_is_one_error():
    # Nested 200,000 deep inside a message, and a chat id of 5,000 digits.
    head = (b'{"about": "x", "chats": {"list": [{"name": "a", "type": "private_group", "id": 1, '
            b'"messages": [{"id": 1, "type": "message", "from": "a", "from_id": "user1", "x": ')
    deep = head + b"[" * 200_000 + b"]" * 200_000 + b"}]}]}}"
    with pytest.raises(InputError, match="nested too deep"):
        parse_telegram(deep, "result.json")
    big = (b'{"about": "x", "chats": {"list": [{"name": "a", "type": "private_group", "id": '
           + b"9" * 5000 + b', "messages": []}]}}')
    with pytest.raises(InputError, match="another JSON schema"):
        parse_telegram(big, "result.json")
    users = b'[{"id": "U0AAA0001", "profile": ' + b"[" * 100_000 + b"]" * 100_000 + b"}]"
    with pytest.raises(InputError, match="nested too deep"):
        parse_slack_users(users, "ws.zip/users.json")
