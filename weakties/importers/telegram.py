"""Telegram Desktop's machine-readable export: ``result.json`` (all chats) or one chat's export.

The whole export holds ``personal_information`` (the owner: ``user_id``, names, phone),
``contacts.list`` (the owner's address book: names, phones) and ``chats.list`` / ``left_chats``
(each chat with its ``type`` and ``messages``). One chat's export is a chat object alone
(``name``, ``type``, ``id``, ``messages``). Chats of type ``personal_chat`` are one-to-one (their
``id`` is the other person's user id), ``private_group`` and the supergroups are groups;
channels, bots and saved messages are not ties (counted). A message's ``from_id`` is
``user<id>``; ``from`` is null for a deleted account (counted). Service messages give members
invited (``invite_members``: the inviter and the names invited) and who joined by whose link
(``join_group_by_link``). Replies (``reply_to_message_id``), ``mention_name`` entities and
reactions are direct address between two members.

The file is decoded with msgspec into only the fields used: message texts are never decoded,
let alone kept, and a 500,000-message export takes a fraction of the memory a full parse would.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Any

from weakties.errors import InputError
from weakties.importers._csv import decode
from weakties.importers.base import FileTable, Format, make_table, no_header

if TYPE_CHECKING:  # msgspec's Structs: imported when a file is parsed (see _telegram_json)
    from weakties.importers._telegram_json import Person

__all__ = ["TELEGRAM_FORMATS", "parse_telegram", "is_telegram"]

SIGNATURE = ('{"about": …, "personal_information": …, "contacts": {"list": …}, "chats": {"list": '
             '[{"name", "type", "id", "messages": […]}]}} (Telegram Desktop result.json, JSON '
             'format; or one chat\'s export {"name", "type", "id", "messages"})')

DELETED = "from a deleted account (from: null)"
AS_CHANNEL = "posted in the name of a channel"
NO_DATE = "no valid date"

_GROUP_TYPES = {"private_group", "private_supergroup", "public_supergroup"}
_CHAT_TYPES = {"personal_chat", *_GROUP_TYPES, "private_channel", "public_channel", "bot_chat",
               "saved_messages"}
_WHOLE = re.compile(r'\A\s*\{\s*"about"\s*:\s*"(?:[^"\\]|\\.)*"\s*,\s*"(personal_information|'
                    r'profile_pictures|contacts|frequent_contacts|chats|left_chats|sessions|'
                    r'other_data|stories)"')
_ONE_CHAT = re.compile(r'\A\s*\{\s*"name"\s*:\s*(?:"(?:[^"\\]|\\.)*"|null)\s*,\s*"type"\s*:\s*"('
                       + "|".join(sorted(_CHAT_TYPES)) + r')"')
#: Where each message object starts in the file, in file order (for "file:line").
_MESSAGE_AT = re.compile(rb'\{\s*"id":\s*-?\d+,\s*"type":\s*"(?:message|service)"')


def is_telegram(head: bytes, path: str) -> bool:
    text = decode(head[: 64 * 1024], partial=len(head) > 64 * 1024).text.lstrip("\ufeff")
    return bool(_WHOLE.match(text) or _ONE_CHAT.match(text))


def _text(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _user(value: Any) -> str:
    """``user123`` for an id given as ``user123`` or as the number 123."""
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int):
        return f"user{value}"
    return value.strip() if isinstance(value, str) else ""


def _name(person: Person) -> str:
    return " ".join(f"{_text(person.first_name)} {_text(person.last_name)}".split())


class _Rows:
    """Column lists of the table being built (a row per message, address or directory entry)."""

    names = ("chat", "chat_name", "chat_type", "kind", "sender", "sender_id", "phone", "to_id",
             "to_name", "date", "line")

    def __init__(self) -> None:
        #: One tuple per row in :attr:`names` order (a tuple per message is the fast way).
        self.rows: list[tuple] = []

    def add(self, **values: Any) -> None:
        self.rows.append(tuple(values.get(name, "") for name in self.names))

    @property
    def cols(self) -> dict[str, list]:
        if not self.rows:
            return {name: [] for name in self.names}
        return dict(zip(self.names, map(list, zip(*self.rows, strict=True)), strict=True))


def parse_telegram(data: bytes, path: str) -> FileTable:
    """A Telegram export: one row per message, reply, mention, reaction and invitation, plus
    the owner and the owner's contacts (``chat`` "")."""
    import pandas as pd

    from weakties.importers._telegram_json import Chat, load

    doc = load(data, path)
    if doc.messages is not None:
        chats = [Chat(name=doc.name, type=doc.type, id=doc.id, messages=doc.messages)]
    else:
        chats = [*(doc.chats.items or [] if doc.chats else []),
                 *(doc.left_chats.items or [] if doc.left_chats else [])]
        if doc.personal_information is None and doc.contacts is None and doc.chats is None:
            raise InputError(path, "expected a Telegram Desktop export with personal_information, "
                                   "contacts or chats, found none of them; export again with "
                                   "'Export Telegram data', format JSON")
    starts = [m.start() for m in _MESSAGE_AT.finditer(data)]
    lines: list[int] = []
    line, at = 1, 0
    for start in starts:
        line += data.count(b"\n", at, start)
        at = start
        lines.append(line)

    rows = _Rows()
    skipped: Counter[str] = Counter()
    not_ties: Counter[str] = Counter()
    me = doc.personal_information
    if me is not None:
        rows.add(kind="owner", sender=_name(me), sender_id=_user(me.user_id),
                 phone=_text(me.phone_number), line=1)
    for person in (doc.contacts.items or [] if doc.contacts else []):
        rows.add(kind="contact", sender=_name(person), sender_id=_user(person.user_id),
                 phone=_text(person.phone_number), line=1)
    texts: dict[str, str] = {}  # sender names repeat: cleaned once each
    seen = 0
    total = sum(len(chat.messages or []) for chat in chats)
    exact = len(lines) == total  # a minified or reordered file: every row on line 1
    for chat in chats:
        ctype = chat.type if isinstance(chat.type, str) else ""
        messages = chat.messages or []
        first = seen
        seen += len(messages)
        if ctype != "personal_chat" and ctype not in _GROUP_TYPES:
            not_ties[ctype or "unknown type"] += 1
            continue
        kind = "personal" if ctype == "personal_chat" else "group"
        chat_id = f"telegram:{chat.id}"
        name = _text(chat.name)
        common = {"chat": chat_id, "chat_name": name, "chat_type": kind}
        if kind == "personal" and _user(chat.id):
            rows.add(**common, kind="member", sender=name, sender_id=_user(chat.id),
                     line=lines[first] if exact and messages else 1)
        author: dict[int, str] = {}
        for i, m in enumerate(messages):
            where = lines[first + i] if exact else 1
            if m.type == "service":
                actor, actor_id = _text(m.actor), _user(m.actor_id)
                if m.action == "invite_members" and isinstance(m.members, list):
                    for member in m.members:
                        if _text(member) and (actor or actor_id):
                            rows.add(**common, kind="invite", sender=actor, sender_id=actor_id,
                                     to_name=_text(member), date=m.date, line=where)
                elif m.action == "join_group_by_link":
                    inviter = _text(m.inviter)
                    if inviter and inviter != name and (actor or actor_id):
                        rows.add(**common, kind="invite", sender=inviter, to_id=actor_id,
                                 to_name=actor, date=m.date, line=where)
                continue
            sender_id = _user(m.from_id)
            if m.from_ is None:
                skipped[DELETED] += 1
                continue
            if sender_id.startswith("channel"):
                skipped[AS_CHANNEL] += 1
                continue
            if isinstance(m.id, int):
                author[m.id] = sender_id
            sender = texts.get(m.from_) if isinstance(m.from_, str) else None
            if sender is None:
                sender = texts[m.from_] = _text(m.from_)
            rows.rows.append((chat_id, name, kind, "message", sender, sender_id, "", "", "",
                              m.date, where))
            reply = m.reply_to_message_id
            target = author.get(reply, "") if isinstance(reply, int) else ""
            if target and target != sender_id:
                rows.rows.append((chat_id, name, kind, "reply", sender, sender_id, "", target,
                                  "", m.date, where))
            for entity in m.text_entities or ():
                mentioned = _user(entity.user_id) if entity.type == "mention_name" else ""
                if mentioned and mentioned != sender_id:
                    rows.rows.append((chat_id, name, kind, "mention", sender, sender_id, "",
                                      mentioned, "", m.date, where))
            for reaction in m.reactions or ():
                for recent in reaction.recent or ():
                    by = _user(recent.from_id)
                    if by and by != sender_id:
                        rows.rows.append((chat_id, name, kind, "reaction", _text(recent.from_),
                                          by, "", sender_id, "", m.date, where))

    # The decoded export is no longer needed: free it before the columns are built (a
    # 500,000-message export peaked 150 MB higher with both alive).
    doc = chats = me = None
    cols = rows.cols
    rows.rows.clear()
    dates = pd.to_datetime(pd.Series([d if isinstance(d, str) else None for d in cols["date"]],
                                     dtype=object), format="ISO8601", errors="coerce")
    is_message = pd.Series(cols["kind"], dtype=object) == "message"
    bad = dates.isna() & is_message
    skipped[NO_DATE] += int(bad.sum())
    notes = []
    if not_ties:
        listed = ", ".join(f"{n} {t}" for t, n in sorted(not_ties.items()))
        notes.append(f"chats that are not ties, not read: {listed}")
    columns = {name: pd.Series(cols[name], dtype=object) for name in rows.names
               if name not in ("date", "line")}
    columns["email"] = pd.Series([""] * len(cols["kind"]), dtype=object)
    columns["date"] = dates.astype("datetime64[ns]")
    return make_table(path, "telegram", columns, cols["line"], ~bad, skipped, notes)


TELEGRAM_FORMATS: list[Format] = [
    Format("telegram", "Telegram Desktop export (result.json, JSON format)", SIGNATURE,
           no_header, parse_telegram, sniff_bytes=is_telegram),
]
