"""Chat tables (WhatsApp, Telegram, Slack) as co-participation tables, plus direct address.

The chat parsers keep what each service says (who wrote when in which chat, whom a message
replied to, mentioned or reacted to, the owner and contacts Telegram lists, Slack's users and
members). Here one owner's chat tables become :data:`~weakties.importers.base.PARTICIPATION_COLUMNS`
tables, so :mod:`weakties.identity.coparticipation` makes their ties as it does for mail: a
chat is one event (kind ``chat`` for one-to-one, ``group-chat`` for a group, ``slack`` for a
Slack conversation) with one ``sender`` row per message and one ``member`` row per listed member;
its n non-owner participants add 1/(n-1) per pair, capped like bulk mail.

Who the owner is: Telegram says (``personal_information``); in WhatsApp the owner writes under
their own name in every chat, so it is the name given (``--owner``, the LinkedIn profile), else
the sender found in every chat, else the sender of a one-to-one chat who is not the contact the
file is named after. Slack says nothing: the owner's Slack account is theirs by email.

Identity: phone numbers become E.164 (``phonenumbers``; national numbers need a region: the
``--region`` given, else the owner's own number's); Telegram participants get the phone of the
``contacts.list`` entry with their user id or (within this export) their exact name; Slack users
their ``users.json`` email. WhatsApp senders are the owner's address-book names: a name-only
mention, matched to the owner's own contacts only (never across owners).

Replies, mentions, reactions and invitations between two members who are not the owner are
direct evidence of the event's kind between them (counted as messages of that tie).
"""

from __future__ import annotations

import posixpath
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from weakties._frames import values
from weakties.errors import InputError
from weakties.identity import map_unique, normalise_email, normalise_name
from weakties.importers.base import PARTICIPATION_COLUMNS, FileTable

__all__ = ["CHAT_FORMATS", "ChatParticipation", "chat_participation", "to_e164"]

CHAT_FORMATS = ("whatsapp", "telegram", "slack-users", "slack-channels", "slack-messages")
_DIRECT = ("reply", "mention", "reaction", "invite")


def to_e164(number: str, region: str | None) -> str:
    """``+4917012345678`` for any way a phone number is written; "" when it is no valid number
    (or a national number and no region is known).

    >>> to_e164("+49 (170) 123-4567", None), to_e164("0170 1234567", "DE"), to_e164("12", "DE")
    ('+491701234567', '+491701234567', '')
    """
    text = (number or "").strip()
    if not text or not any(c.isdigit() for c in text):
        return ""
    if text.startswith("00"):
        text = "+" + text[2:]
    import phonenumbers  # here: a run without phone numbers never loads its metadata

    try:
        parsed = phonenumbers.parse(text, None if text.startswith("+") else region)
    except phonenumbers.NumberParseException:
        return ""
    # Short codes and service numbers ("12", "1234") are possible numbers in some plans but
    # never a person's: too short to be a key that joins two people.
    if not phonenumbers.is_possible_number(parsed) or len(str(parsed.national_number)) < 6:
        return ""
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def region_of(number: str) -> str:
    """The region of an international number (``+49…`` -> ``DE``), "" when unknown."""
    import phonenumbers

    try:
        parsed = phonenumbers.parse((number or "").strip(), None)
    except phonenumbers.NumberParseException:
        return ""
    return phonenumbers.region_code_for_number(parsed) or ""


@dataclass
class ChatParticipation:
    """What one owner's chat tables give: participation tables and direct address rows."""

    tables: list[FileTable] = field(default_factory=list)
    #: One row per direct address between two people: ``kind`` (evidence kind), ``date``,
    #: ``source``, and for each end ``a_``/``b_`` + ``name``, ``email``, ``phone``, ``handle``,
    #: ``owner`` (bool). ``a`` wrote.
    direct: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: (format, note): said with the first table of that format.
    notes: list[tuple[str, str]] = field(default_factory=list)
    dropped: Counter[str] = field(default_factory=Counter)
    #: The owner's name as the chats write it ("" when not found), and where it came from.
    owner_name: str = ""
    #: The region of national phone numbers: the one given, else the owner's own number's.
    region: str | None = None


def _obj(items) -> np.ndarray:
    """An object array: pandas would store text as Arrow strings, whose row filters (``take``)
    cost seconds on a million rows where numpy's cost milliseconds."""
    return np.asarray(items, dtype=object)


def _part(table: FileTable, frame: pd.DataFrame) -> FileTable:
    frame = frame.reset_index(drop=True)
    for col in PARTICIPATION_COLUMNS:
        if col not in frame:
            frame[col] = False if col == "owner" else _obj([""] * len(frame))
        elif col not in ("owner", "date", "line"):
            frame[col] = frame[col].astype(object)
    frame["date"] = pd.to_datetime(frame["date"])
    frame["line"] = frame["line"].astype("int64")
    extra = ["source"] if "source" in frame else []
    return FileTable(path=table.path, format=table.format,
                     frame=frame[PARTICIPATION_COLUMNS + extra], rows=len(frame))


def _direct_frame(rows: list[pd.DataFrame]) -> pd.DataFrame:
    return pd.concat(rows, ignore_index=True) if rows else pd.DataFrame()


def chat_participation(tables: list[FileTable], owner_hint: str = "",
                       region: str | None = None) -> ChatParticipation:
    """The co-participation tables and direct address of one owner's chat tables."""
    out = ChatParticipation()
    by_format: dict[str, list[FileTable]] = {}
    for t in tables:
        by_format.setdefault(t.format, []).append(t)
    telegram = by_format.get("telegram", [])
    own_phone = next((p for t in telegram for p in values(
        t.frame.loc[t.frame["kind"] == "owner", "phone"]) if p), "")
    region = (region or region_of(own_phone) or None)
    out.region = region
    direct: list[pd.DataFrame] = []
    if by_format.get("whatsapp"):
        _whatsapp(by_format["whatsapp"], owner_hint, region, out, direct)
    for t in telegram:
        _telegram(t, region, out, direct)
    slack = [t for f in ("slack-users", "slack-channels", "slack-messages")
             for t in by_format.get(f, [])]
    if slack:
        _slack(by_format, out, direct)
    out.direct = _direct_frame(direct)
    return out


# --- WhatsApp ------------------------------------------------------------------------------------


def _whatsapp_owner(frames: list[pd.DataFrame], owner_hint: str) -> tuple[str, str]:
    """The owner's name as the chats write it, and how it was found ("" when not found)."""
    msgs = pd.concat(frames, ignore_index=True)
    msgs = msgs[msgs["kind"] == "message"]
    senders = msgs[["chat", "sender"]].drop_duplicates()
    norm = map_unique(senders["sender"], normalise_name)
    if owner_hint:
        hit = senders.loc[norm == normalise_name(owner_hint), "sender"]
        if len(hit):
            return hit.iloc[0], "the owner's name"
    chats_of = senders.groupby("sender")["chat"].nunique()
    talkative = senders.groupby("chat")["sender"].nunique()
    n_chats = int((talkative >= 2).sum())
    if n_chats >= 2:
        everywhere = chats_of[chats_of >= n_chats]
        if len(everywhere) == 1:
            return everywhere.index[0], "the sender in every chat"
    personal = msgs[(msgs["chat_type"] == "personal") & (msgs["chat_name"] != "")]
    others = {s for s, c in zip(values(personal["sender"]), values(personal["chat_name"]),
                                strict=True) if normalise_name(s) != normalise_name(c)}
    if len(others) == 1:
        return others.pop(), "the other sender of a one-to-one chat named after its contact"
    return "", ""


def _whatsapp(tables: list[FileTable], owner_hint: str, region: str | None,
              out: ChatParticipation, direct: list[pd.DataFrame]) -> None:
    frames = [t.frame for t in tables if len(t.frame)]
    if not frames:
        return
    owner, how = _whatsapp_owner(frames, owner_hint)
    out.owner_name = owner
    if not owner:
        out.notes.append(("whatsapp", "the owner's own name in the chats could not be told (no "
                          "sender is in every chat); give it with --owner NAME as the chats "
                          "write it, else the owner's messages count as a contact's"))
    else:
        out.notes.append(("whatsapp", f"the owner writes as {owner!r} ({how})"))
    owner_key = normalise_name(owner) if owner else None
    # All chat files at once (a table per file made 200 chats cost seconds of pandas overhead):
    # one participation table whose events are the files, each row with its own file:line.
    f = pd.concat([t.frame.assign(_path=t.path) for t in tables if len(t.frame)],
                  ignore_index=True)
    source = _obj([f"{p}:{n}" for p, n in zip(values(f["_path"]), values(f["line"]),
                                               strict=True)])
    phone = map_unique(f["phone"], lambda p: to_e164(p, region))
    is_owner = ((map_unique(f["sender"], normalise_name) == owner_key)
                & (f["phone"] == "")).to_numpy()
    kind = _obj(np.where(f["chat_type"] == "group", "group-chat", "chat"))
    msgs = (f["kind"] == "message").to_numpy()
    name = f["sender"].where(f["phone"] == "", "")
    rows = pd.DataFrame({
        "event": f["chat"], "kind": kind, "role": _obj(["sender"] * len(f)), "name": name,
        "phone": phone, "owner": is_owner, "date": f["date"], "line": f["line"],
        "source": source,
    })[msgs]
    # The contact a one-to-one chat is named after is its member even when silent.
    firsts = f.drop_duplicates("chat")
    firsts = firsts[(firsts["chat_type"] == "personal") & (firsts["chat_name"] != "")]
    if len(firsts):
        as_phone = map_unique(firsts["chat_name"], lambda p: to_e164(p, region))
        rows = pd.concat([rows, pd.DataFrame({
            "event": firsts["chat"], "kind": _obj(["chat"] * len(firsts)),
            "role": _obj(["member"] * len(firsts)),
            "name": firsts["chat_name"].where(as_phone == "", ""), "phone": as_phone,
            "owner": (map_unique(firsts["chat_name"], normalise_name) == owner_key),
            "date": pd.NaT, "line": firsts["line"], "source": source[firsts.index]})],
            ignore_index=True)
    out.tables.append(_part(FileTable(path=tables[0].path, format="whatsapp",
                                      frame=pd.DataFrame()), rows))
    at = np.flatnonzero((f["kind"] == "mention").to_numpy())
    if len(at):
        mentions = f.iloc[at]
        to_phone = map_unique(mentions["to_name"], lambda p: to_e164(p, region)
                              if p.startswith("+") else "")
        direct.append(pd.DataFrame({
            "kind": kind[at], "date": mentions["date"].to_numpy(), "source": source[at],
            "a_name": name.iloc[at].to_numpy(), "a_phone": phone.iloc[at].to_numpy(),
            "a_email": "", "a_handle": "", "a_owner": is_owner[at],
            "b_name": mentions["to_name"].where(to_phone == "", "").to_numpy(),
            "b_phone": to_phone.to_numpy(), "b_email": "", "b_handle": "",
            "b_owner": (map_unique(mentions["to_name"], normalise_name) == owner_key).to_numpy(),
        }))


# --- Telegram ------------------------------------------------------------------------------------


def _telegram(t: FileTable, region: str | None, out: ChatParticipation,
              direct: list[pd.DataFrame]) -> None:
    f = t.frame
    if f.empty:
        return
    f = f.assign(phone=map_unique(f["phone"], lambda p: to_e164(p, region)))
    owner_rows = f[f["kind"] == "owner"]
    owner_id = owner_rows["sender_id"].iloc[0] if len(owner_rows) else ""
    contacts = f[(f["kind"] == "contact") & (f["phone"] != "")]
    phone_of_id = dict(zip(values(contacts["sender_id"]), values(contacts["phone"]),
                           strict=True))
    phone_of_id.pop("", None)
    names = map_unique(contacts["sender"], normalise_name)
    unique = names[~names.duplicated(keep=False)]
    phone_of_name = dict(zip(values(unique), values(contacts.loc[unique.index, "phone"]),
                             strict=True))
    if len(owner_rows):
        phone_of_id[owner_id] = owner_rows["phone"].iloc[0]

    chat = f[f["chat"] != ""]
    name_key = map_unique(chat["sender"], normalise_name)
    # A participant's phone: by user id, else by exact name among the owner's contacts.
    by_id = chat["sender_id"].map(phone_of_id)
    by_name = name_key.map(phone_of_name)
    phone = by_id.where(by_id.notna(), by_name).fillna("")
    linked = int(((phone != "") & chat["kind"].isin(["message", "member"])
                  & (chat["sender_id"] != owner_id)).groupby(chat["sender_id"]).any().sum())
    if linked:
        out.notes.append(("telegram", f"{linked} participant(s) linked to a phone of "
                                      "contacts.list"))
    # Whom a row addresses: its to_id, else (an invitation names the invited) the participant
    # of that name in the same chat.
    id_of_name = (chat[chat["sender_id"] != ""].assign(k=name_key)
                  .drop_duplicates(["chat", "k"]).set_index(["chat", "k"])["sender_id"])
    to_id = chat["to_id"].copy()
    need = (to_id == "") & (chat["to_name"] != "")
    if need.any():
        keys = list(zip(values(chat.loc[need, "chat"]),
                        values(map_unique(chat.loc[need, "to_name"], normalise_name)),
                        strict=True))
        to_id[need] = [id_of_name.get(k, "") for k in keys]
    chat = chat.assign(to_id=to_id)
    kind = _obj(np.where(chat["chat_type"] == "group", "group-chat", "chat"))
    handle = ("telegram:" + chat["sender_id"]).where(chat["sender_id"] != "", "")
    role = _obj(np.where(chat["kind"] == "member", "member", "sender"))
    keep = chat["kind"].isin(["message", "member"]).to_numpy()
    rows = pd.DataFrame({
        "event": chat["chat"], "kind": kind, "role": role, "name": chat["sender"],
        "phone": phone, "handle": handle, "owner": chat["sender_id"] == owner_id,
        "date": chat["date"], "line": chat["line"],
    })[keep]
    invited = chat[(chat["kind"] == "invite") & (chat["to_name"] != "")]
    if len(invited):
        # Members invited (by name) are members of the group, silent or not.
        by_id = invited["to_id"].map(phone_of_id)
        to_phone = by_id.where(by_id.notna(), map_unique(invited["to_name"], normalise_name)
                               .map(phone_of_name)).fillna("")
        rows = pd.concat([rows, pd.DataFrame({
            "event": invited["chat"], "kind": "group-chat", "role": "member",
            "name": invited["to_name"], "phone": to_phone,
            "handle": ("telegram:" + invited["to_id"]).where(invited["to_id"] != "", ""),
            "owner": (invited["to_id"] == owner_id) if owner_id else False,
            "date": invited["date"], "line": invited["line"]})], ignore_index=True)
    if len(owner_rows):
        me = owner_rows.iloc[0]
        rows = pd.concat([rows, pd.DataFrame({
            "event": ["telegram:owner"], "kind": ["chat"], "role": ["member"],
            "name": [me["sender"]], "phone": [me["phone"]],
            "handle": [f"telegram:{owner_id}" if owner_id else ""], "owner": [True],
            "date": [pd.NaT], "line": [int(me["line"])]})], ignore_index=True)
    out.tables.append(_part(t, rows))

    addressed = chat[chat["kind"].isin(_DIRECT)]
    if len(addressed):
        to_id = addressed["to_id"]
        a_phone = phone[addressed.index]
        b_phone = to_id.map(phone_of_id).fillna("")
        direct.append(pd.DataFrame({
            "kind": kind[chat.index.get_indexer(addressed.index)],
            "date": addressed["date"].to_numpy(),
            "source": [f"{t.path}:{n}" for n in values(addressed["line"])],
            "a_name": addressed["sender"].to_numpy(), "a_phone": a_phone.to_numpy(),
            "a_email": "", "a_handle": ("telegram:" + addressed["sender_id"]).where(
                addressed["sender_id"] != "", "").to_numpy(),
            "a_owner": (addressed["sender_id"] == owner_id).to_numpy(),
            "b_name": addressed["to_name"].to_numpy(), "b_phone": b_phone.to_numpy(),
            "b_email": "", "b_handle": ("telegram:" + to_id).where(to_id != "", "").to_numpy(),
            "b_owner": (to_id == owner_id).to_numpy() if owner_id else False,
        }))


# --- Slack ---------------------------------------------------------------------------------------


def _slack(by_format: dict[str, list[FileTable]], out: ChatParticipation,
           direct: list[pd.DataFrame]) -> None:
    users = by_format.get("slack-users", [])
    convs = [*by_format.get("slack-channels", []), *by_format.get("slack-messages", [])]
    if not users:
        # The export itself (the zip or folder), from its conversations list or a day file.
        first = next((t.path for t in convs if t.format == "slack-channels"), None)
        where = (posixpath.dirname(first) if first
                 else posixpath.dirname(posixpath.dirname(convs[0].path)))
        raise InputError(where, "a Slack export without users.json: its people are ids only; "
                                "pass the whole workspace export (the zip, or its folder with "
                                "users.json)")
    u = pd.concat([t.frame for t in users], ignore_index=True).drop_duplicates("sender_id")
    name_of = dict(zip(values(u["sender_id"]), values(u["sender"]), strict=True))
    email_of = dict(zip(values(u["sender_id"]),
                        values(map_unique(u["email"], normalise_email)), strict=True))
    missing: set[str] = set()
    frames = []
    for t in convs:
        f = t.frame
        if f.empty:
            continue
        missing.update(set(values(f["sender_id"].unique())) - set(name_of))
        keep = f["kind"].isin(["message", "member"]).to_numpy()
        rows = pd.DataFrame({
            "event": f["chat"], "kind": "slack",
            "role": _obj(np.where(f["kind"] == "member", "member", "sender")),
            "name": f["sender_id"].map(name_of).fillna(""),
            "email": f["sender_id"].map(email_of).fillna(""),
            "handle": "slack:" + f["sender_id"], "date": f["date"], "line": f["line"],
        })[keep]
        # One conversation is one event across its member list and its day files: each row's
        # file is kept in its line (the table's path is the workspace's).
        frames.append(rows.assign(source=[f"{t.path}:{n}" for n in values(rows["line"])]))
        addressed = f[f["kind"].isin(_DIRECT)]
        if len(addressed):
            missing.update(set(values(addressed["to_id"].unique())) - set(name_of))
            direct.append(pd.DataFrame({
                "kind": "slack", "date": addressed["date"].to_numpy(),
                "source": [f"{t.path}:{n}" for n in values(addressed["line"])],
                "a_name": addressed["sender_id"].map(name_of).fillna("").to_numpy(),
                "a_phone": "", "a_email": addressed["sender_id"].map(email_of).fillna(""
                                                                                    ).to_numpy(),
                "a_handle": ("slack:" + addressed["sender_id"]).to_numpy(), "a_owner": False,
                "b_name": addressed["to_id"].map(name_of).fillna("").to_numpy(),
                "b_phone": "", "b_email": addressed["to_id"].map(email_of).fillna("").to_numpy(),
                "b_handle": ("slack:" + addressed["to_id"]).to_numpy(), "b_owner": False,
            }))
    if frames:
        root = posixpath.dirname(users[0].path.replace("\\", "/")) or users[0].path
        out.tables.append(_part(FileTable(path=root, format="slack-messages",
                                          frame=pd.DataFrame()),
                                pd.concat(frames, ignore_index=True)))
    if missing:
        out.dropped["Slack users missing from users.json (kept by their id, no name)"] += len(
            missing)
