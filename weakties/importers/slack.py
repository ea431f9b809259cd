"""Slack workspace export (the zip an admin downloads, or its folder).

Its files are read one by one and put together by :mod:`weakties.identity.assemble`, as a SNAP
``.edges`` with its ``.circles``:

- ``users.json``: every member (``id`` ``U…``/``W…``, ``real_name``, ``profile.email``);
  bots are left out (counted), deleted users kept (they were members);
- ``channels.json`` (public), ``groups.json`` (private), ``mpims.json`` (group DMs),
  ``dms.json`` (one-to-one): each conversation with its ``members``;
- ``<conversation>/YYYY-MM-DD.json``: that day's messages in the folder of the conversation (its
  ``name``, or its ``id`` for a DM): ``user``, ``ts``, thread replies (``parent_user_id``),
  ``reactions`` (``users``) and ``<@U…>`` mentions in the text.

Join/leave notices and bot messages are not messages from a person (counted). Message texts are
scanned for ``<@U…>`` and never kept.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections import Counter

from weakties.errors import InputError
from weakties.importers import limits
from weakties.importers._csv import decode
from weakties.importers.base import FileTable, Format, make_table, no_header

__all__ = ["SLACK_FORMATS", "parse_slack_users", "parse_slack_channels", "parse_slack_messages"]

SIGNATURES = {
    "slack-users": 'users.json: [{"id": "U…", "name", "real_name", "deleted", "is_bot", '
                   '"profile": {"email", …}}, …] (Slack workspace export)',
    "slack-channels": 'channels.json / groups.json / mpims.json / dms.json: [{"id": "C…", '
                      '"name", "members": ["U…", …]}, …] (Slack workspace export)',
    "slack-messages": '<conversation>/YYYY-MM-DD.json: [{"type": "message", "user": "U…", '
                      '"ts": "1700000000.000100", …}, …] (Slack workspace export)',
}

BOT = "bot"
BOT_MESSAGE = "bot or app message"
NOTICE = "join/leave/topic notice (not a message from a person)"
NO_USER = "no user id"
NO_ID = "no id"
NOT_OBJECT = "entry is not a JSON object"

_USERS = re.compile(r'\A\s*\[\s*\{\s*"id"\s*:\s*"[UW][A-Z0-9]{2,}"')
_CONVERSATIONS = re.compile(r'\A\s*\[\s*\{\s*"id"\s*:\s*"[CGD][A-Z0-9]{2,}"')
_MESSAGES = re.compile(r'\A\s*\[\s*\{')
_TS = re.compile(r'"ts"\s*:\s*"\d{9,}\.\d+"')
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}\.json$")
_MENTION = re.compile(r"<@([UW][A-Z0-9]{2,})(?:\|[^>]*)?>")
#: Conversation files and the kind of chat each lists.
_KINDS = {"channels.json": "channel", "groups.json": "group", "mpims.json": "group",
          "dms.json": "personal"}
_NOTICES = {"channel_join", "channel_leave", "group_join", "group_leave", "channel_topic",
            "channel_purpose", "channel_name", "channel_archive", "channel_unarchive",
            "group_topic", "group_purpose", "group_name", "pinned_item", "unpinned_item"}


def _head(head: bytes) -> str:
    return decode(head[: 64 * 1024], partial=len(head) > 64 * 1024).text.lstrip("\ufeff")


def _base(path: str) -> str:
    return posixpath.basename(path.replace("\\", "/")).lower()


def is_slack_users(head: bytes, path: str) -> bool:
    text = _head(head)
    return bool(_USERS.match(text)) and '"profile"' in text and (
        '"real_name"' in text or '"is_bot"' in text)


def is_slack_channels(head: bytes, path: str) -> bool:
    return _base(path) in _KINDS and bool(_CONVERSATIONS.match(_head(head)))


def is_slack_messages(head: bytes, path: str) -> bool:
    text = _head(head)
    return (bool(_DAY.search(_base(path))) and bool(_MESSAGES.match(text))
            and bool(_TS.search(text)) and '"type"' in text)


def _load(data: bytes, path: str, what: str) -> list:
    try:  # limits' decoder: an integer of thousands of digits stays text (no ValueError)
        doc = limits.json_decoder().decode(decode(data).text.lstrip("\ufeff"))
    except json.JSONDecodeError as err:
        raise InputError(path, f"expected Slack {what} JSON, found invalid JSON ({err.msg}); the "
                               "file is damaged or cut short: export the workspace again",
                         line=err.lineno) from err
    except RecursionError as err:
        raise InputError(path, f"expected Slack {what} JSON, found JSON nested too deep to be "
                               "an export") from err
    if not isinstance(doc, list):
        raise InputError(path, f"expected Slack {what}: a JSON list, found another value; pass "
                               "the workspace export as Slack wrote it")
    return doc


def _lines(data: bytes, n: int) -> list[int]:
    """The line of each top-level entry of a JSON list Slack pretty-printed (``    {`` at the
    start of a line), or 1 for every entry when the file is written otherwise."""
    starts = [m.start() for m in re.finditer(rb"(?m)^    \{", data)]
    if len(starts) != n:
        return [1] * n
    out, line, at = [], 1, 0
    for start in starts:
        line += data.count(b"\n", at, start)
        at = start
        out.append(line)
    return out


def _text(value) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _table(path: str, fmt: str, rows: dict[str, list], skipped: Counter[str],
           notes: list[str] | None = None) -> FileTable:
    import pandas as pd

    n = len(rows["line"])
    columns = {}
    for name in ("chat", "chat_name", "chat_type", "kind", "sender", "sender_id", "phone",
                 "email", "to_id", "to_name"):
        columns[name] = pd.Series(rows.get(name, [""] * n), dtype=object)
    dates = rows.get("date")
    columns["date"] = (pd.Series(pd.to_datetime(pd.Series(dates, dtype=float), unit="s",
                                                errors="coerce"), dtype="datetime64[ns]")
                       if dates is not None else pd.Series(pd.NaT, index=range(n),
                                                           dtype="datetime64[ns]"))
    return make_table(path, fmt, columns, rows["line"], None, skipped, notes)


def parse_slack_users(data: bytes, path: str) -> FileTable:
    """``users.json``: one row per person (``kind`` "user"); bots left out."""
    entries = _load(data, path, "users.json")
    lines = _lines(data, len(entries))
    rows: dict[str, list] = {k: [] for k in ("kind", "sender", "sender_id", "email", "line")}
    skipped: Counter[str] = Counter()
    deleted = 0
    for entry, line in zip(entries, lines, strict=True):
        if not isinstance(entry, dict):
            skipped[NOT_OBJECT] += 1
            continue
        uid = _text(entry.get("id"))
        if not uid:
            skipped[NO_ID] += 1
            continue
        profile = entry.get("profile") if isinstance(entry.get("profile"), dict) else {}
        if entry.get("is_bot") or entry.get("is_app_user") or uid == "USLACKBOT" or \
                profile.get("bot_id"):
            skipped[BOT] += 1
            continue
        deleted += bool(entry.get("deleted"))
        name = (_text(entry.get("real_name")) or _text(profile.get("real_name"))
                or _text(profile.get("display_name")) or _text(entry.get("name")))
        rows["kind"].append("user")
        rows["sender"].append(name)
        rows["sender_id"].append(uid)
        rows["email"].append(_text(profile.get("email")))
        rows["line"].append(line)
    notes = [f"{deleted} deactivated user(s) kept (they were members)"] if deleted else []
    return _table(path, "slack-users", rows, skipped, notes)


def parse_slack_channels(data: bytes, path: str) -> FileTable:
    """``channels.json`` & co.: one row per (conversation, member) (``kind`` "member")."""
    entries = _load(data, path, _base(path))
    lines = _lines(data, len(entries))
    chat_type = _KINDS.get(_base(path), "group")
    root = posixpath.dirname(path.replace("\\", "/"))
    rows: dict[str, list] = {k: [] for k in ("chat", "chat_name", "chat_type", "kind",
                                             "sender_id", "line")}
    skipped: Counter[str] = Counter()
    for entry, line in zip(entries, lines, strict=True):
        if not isinstance(entry, dict):
            skipped[NOT_OBJECT] += 1
            continue
        cid, name = _text(entry.get("id")), _text(entry.get("name"))
        if not cid:
            skipped[NO_ID] += 1
            continue
        folder = name if chat_type != "personal" and name else cid
        members = entry.get("members") if isinstance(entry.get("members"), list) else []
        for member in members:
            if _text(member):
                rows["chat"].append(f"{root}/{folder}")
                rows["chat_name"].append(name or cid)
                rows["chat_type"].append(chat_type)
                rows["kind"].append("member")
                rows["sender_id"].append(_text(member))
                rows["line"].append(line)
    return _table(path, "slack-channels", rows, skipped)


def parse_slack_messages(data: bytes, path: str) -> FileTable:
    """One day of one conversation: rows for messages, thread replies, mentions, reactions."""
    entries = _load(data, path, "messages")
    lines = _lines(data, len(entries))
    chat = posixpath.dirname(path.replace("\\", "/"))
    rows: dict[str, list] = {k: [] for k in ("kind", "sender_id", "to_id", "date", "line")}
    skipped: Counter[str] = Counter()

    def add(kind: str, sender: str, to: str, ts: float, line: int) -> None:
        rows["kind"].append(kind)
        rows["sender_id"].append(sender)
        rows["to_id"].append(to)
        rows["date"].append(ts)
        rows["line"].append(line)

    for m, line in zip(entries, lines, strict=True):
        if not isinstance(m, dict):
            skipped[NOT_OBJECT] += 1
            continue
        subtype = m.get("subtype")
        if subtype in _NOTICES:
            skipped[NOTICE] += 1
            continue
        if subtype == "bot_message" or m.get("bot_id") and not m.get("user"):
            skipped[BOT_MESSAGE] += 1
            continue
        user = _text(m.get("user"))
        if not user:
            skipped[NO_USER] += 1
            continue
        try:
            ts = float(int(float(m.get("ts"))))
        except (TypeError, ValueError):
            ts = float("nan")
        add("message", user, "", ts, line)
        parent = _text(m.get("parent_user_id"))
        if parent and parent != user and m.get("thread_ts") != m.get("ts"):
            add("reply", user, parent, ts, line)
        text = m.get("text")
        if isinstance(text, str) and "<@" in text:
            for mentioned in set(_MENTION.findall(text)) - {user}:
                add("mention", user, mentioned, ts, line)
        for reaction in m.get("reactions") or []:
            users = reaction.get("users") if isinstance(reaction, dict) else None
            for by in users if isinstance(users, list) else []:
                if _text(by) and by != user:
                    add("reaction", _text(by), user, ts, line)
    n = len(rows["line"])
    rows["chat"] = [chat] * n
    rows["chat_name"] = [posixpath.basename(chat)] * n
    return _table(path, "slack-messages", rows, skipped)


SLACK_FORMATS: list[Format] = [
    Format("slack-users", "Slack workspace export users.json", SIGNATURES["slack-users"],
           no_header, parse_slack_users, sniff_bytes=is_slack_users),
    Format("slack-channels", "Slack workspace export channels.json, groups.json, mpims.json, "
           "dms.json", SIGNATURES["slack-channels"], no_header, parse_slack_channels,
           sniff_bytes=is_slack_channels),
    Format("slack-messages", "Slack workspace export <conversation>/YYYY-MM-DD.json",
           SIGNATURES["slack-messages"], no_header, parse_slack_messages,
           sniff_bytes=is_slack_messages),
]
