"""Turn the tables of one owner's export into mentions of people and evidence of ties.

A *mention* is one place a file names someone (a connection row, a message sender, an endorser);
identity resolution later decides which mentions are the same person. *Evidence* is one observed
sign of a tie between two mentions (a connection, a message, a shared group conversation, an
endorsement, a recommendation, an invitation), with its date and the file and line it came from.

Beyond LinkedIn: an address book, a friends list or a follow list is the owner's contacts
(evidence ``contact``, ``friend``, ``follow``); an edge list is a whole network without owner
(its node labels are the person ids, evidence ``edge``); a SNAP ego network is the ego's (the
owner's) contacts and the ties among them, with its circles kept for the people report.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from weakties._frames import values
from weakties.errors import InputError
from weakties.identity import (
    EMAILS_SEP,
    map_unique,
    normalise_email,
    normalise_name,
    normalise_url,
    normalise_urls,
)
from weakties.identity.chats import CHAT_FORMATS, chat_participation, to_e164
from weakties.identity.coparticipation import (
    MAX_PARTICIPANTS,
    add_coparticipation,
    event_pairs,
    infer_owner_email,
    over_cap,
    owner_keys_of,
)
from weakties.importers.base import PARTICIPATION_FORMATS, FileTable
from weakties.importers.inputs import RawInput

__all__ = ["Extract", "assemble", "MENTION_COLUMNS", "EVIDENCE_COLUMNS"]

MENTION_COLUMNS = [
    "scope", "name", "url", "email", "phone", "handle", "organisation", "position", "location",
    "anchor", "source", "key",
]
EVIDENCE_COLUMNS = ["a", "b", "kind", "date", "sender", "conversation", "source", "weight",
                    "count"]
OWNER = 0  # mention id of the owner inside one extract

#: Table formats that list the owner's contacts, and the evidence kind each gives.
CONTACT_KINDS = {
    "google-contacts": "contact", "google-contacts-legacy": "contact",
    "outlook-contacts": "contact", "thunderbird-contacts": "contact", "contacts-csv": "contact",
    "vcard": "contact", "facebook-friends": "friend", "mastodon-following": "follow",
    "x-follows": "follow",
}


@dataclass
class Extract:
    """What one input says, in uniform terms (mention ids are local to the extract)."""

    raw: RawInput
    owner_name: str
    owner_url: str
    owner_source: str  # where the owner's identity came from
    mentions: pd.DataFrame
    evidence: pd.DataFrame
    hidden_members: int = 0
    dropped: Counter[str] = field(default_factory=Counter)
    #: False for an edge list: a whole network has no owner (no mention OWNER).
    has_owner: bool = True
    #: The input is (or holds) an edge list of a whole network.
    whole_network: bool = False
    #: SNAP circles: one row per (mention id ``mid``, ``circle`` name).
    circles: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["mid", "circle"]))


class _Builder:
    def __init__(self, scope: str):
        self.scope = scope
        self.mention_frames: list[pd.DataFrame] = []
        self.evidence_frames: list[pd.DataFrame] = []
        self.next_id = 1  # 0 is the owner

    def mentions(self, *, name, source, anchor: bool, url=None, email=None, phone=None,
                 handle=None, organisation=None, position=None, location=None,
                 key=None) -> np.ndarray:
        n = len(name)
        ids = np.arange(self.next_id, self.next_id + n)
        self.next_id += n

        def col(column):
            return [""] * n if column is None else values(column)

        self.mention_frames.append(pd.DataFrame(
            {"scope": self.scope, "name": col(name), "url": col(url), "email": col(email),
             "phone": col(phone), "handle": col(handle), "organisation": col(organisation),
             "position": col(position), "location": col(location), "anchor": anchor,
             "source": col(source), "key": col(key)},
            index=ids,
        ))
        return ids

    def evidence(self, a, b, kind: str, date, source, sender=None, conversation=None,
                 weight=None, kinds=None, count=None) -> None:
        """Evidence rows of one ``kind`` (or, with ``kinds``, one kind per row); ``count`` is
        how many messages each row stands for (1 when not given)."""
        n = len(a)
        if n == 0:
            return
        if date is None:
            dates = pd.Series(pd.NaT, index=range(n), dtype="datetime64[ns]")
        elif isinstance(getattr(date, "dtype", None), np.dtype) and date.dtype.kind == "M":
            # Already dates: a Timestamp object per row (below) took seconds at 600k rows.
            dates = pd.Series(np.asarray(date))
        else:
            dates = pd.to_datetime(pd.Series(list(date), dtype="object"))
        self.evidence_frames.append(pd.DataFrame({
            "a": np.asarray(a, dtype=np.int64), "b": np.asarray(b, dtype=np.int64),
            # Text as object columns: pandas' Arrow strings made every later row filter (a
            # take per column) cost seconds at a million rows (workload E).
            "kind": pd.Series([kind] * n if kinds is None else list(kinds), dtype=object),
            "date": dates,
            "sender": np.full(n, -1) if sender is None else np.asarray(sender, dtype=np.int64),
            "conversation": pd.Series([""] * n if conversation is None else list(conversation),
                                      dtype=object),
            "source": pd.Series(list(source), dtype=object),
            "weight": np.full(n, np.nan) if weight is None else np.asarray(weight, dtype=float),
            "count": np.ones(n, dtype=np.int64) if count is None else np.asarray(count,
                                                                             dtype=np.int64),
        }))


def _sources(table: FileTable) -> list[str]:
    return [f"{table.path}:{line}" for line in values(table.frame["line"])]


def assemble(raw: RawInput, owner: str | None = None, owner_emails: Iterable[str] = (),
             region: str | None = None, *, default_owner: str | None = None) -> Extract:
    """Mentions and evidence of one input.

    ``owner`` (``--owner NAME`` for one input, or ``PATH=NAME``) names its owner, whatever the
    input says; ``default_owner`` (one ``--owner NAME`` for several inputs: "these are all
    mine") names the owner only of an input that names none itself (no Profile.csv, no
    messages sent by the owner, no SNAP ego). On an edge list the name must be a node's label
    (as written, or the same name up to case and accents): that node is the owner. An edge
    list that ``owner`` does not name is refused; ``default_owner`` just leaves it ownerless.
    ``owner_emails`` (``--owner-email``) are the owner's own addresses.
    """
    by_format: dict[str, list[FileTable]] = {}
    for table in raw.tables:
        by_format.setdefault(table.format, []).append(table)
    copart = [t for t in raw.tables if t.format in PARTICIPATION_FORMATS]
    chat_tables = [t for t in raw.tables if t.format in CHAT_FORMATS]
    chats = None
    if chat_tables:
        # Chats become co-participation tables; the WhatsApp owner is told by name, so the
        # name given (--owner, the LinkedIn profile) comes first.
        profile = next((t.frame["name"].iloc[0] for t in by_format.get("linkedin-profile", [])
                        if len(t.frame)), "")
        chats = chat_participation(chat_tables, owner or profile, region)
        region = chats.region
        copart = [*copart, *chats.tables]
        for fmt, note in chats.notes:
            next(t for t in chat_tables if t.format == fmt).notes.append(note)
    given_emails = {normalise_email(e) for e in owner_emails} - {""}
    owner_keys = owner_keys_of(copart, given_emails)
    mail_owner = ""
    if copart and not any(k.startswith("email:") for k in owner_keys):
        mail_owner = infer_owner_email(copart)
        if mail_owner:
            owner_keys.add(f"email:{mail_owner}")
    own_emails = sorted(k.split(":", 1)[1] for k in owner_keys if k.startswith("email:"))
    own_name = _owner_row_name(copart, owner_keys)

    profile_name, location, owner_source = "", "", ""
    for table in by_format.get("linkedin-profile", []):
        if len(table.frame):
            row = table.frame.iloc[0]
            profile_name, location = row["name"], row["location"]
            owner_source = f"{table.path}:{row['line']}"
    messages = by_format.get("linkedin-messages", [])
    owner_url, sender_name = _owner_url(messages, profile_name)
    snap = by_format.get("snap-edges", [])
    ego = _snap_ego(raw, snap, by_format.get("snap-circles", []))
    if default_owner and not (profile_name or sender_name or ego or own_name):
        owner = default_owner
    edge_tables = by_format.get("edgelist", [])
    only_edges = bool(edge_tables) and set(by_format) == {"edgelist"}
    node = _owner_node(edge_tables, owner) if owner and edge_tables else ""
    if owner and only_edges and not node:
        if owner != default_owner:
            raise InputError(str(raw.path), f"--owner {owner!r} names no node of this edge list; "
                             f"expected a node label as written in the file (e.g. "
                             f"{_some_labels(edge_tables)}); leave --owner out to analyse the "
                             "whole network without an owner")
        owner = None  # "these are all mine" does not make a stranger's network mine
    owner_name = node or owner or profile_name or sender_name or ego or own_name or raw.label
    if owner:
        owner_source = f"--owner (the edge list's node {node!r})" if node else "--owner"
    elif ego:
        owner_source = f"the SNAP file name {posixpath.basename(snap[0].path)!r}"
    elif not owner_source:
        owner_source = ("messages sent by the owner" if sender_name or own_name
                        else f"the name {raw.label!r}")
    if mail_owner:
        owner_source += f"; the address on most messages and events ({mail_owner})"
    # An input of edge lists only is a whole network: nobody in it is its owner, unless
    # --owner names one of its nodes.
    has_owner = not only_edges or bool(node)

    b = _Builder(scope=raw.label)
    if has_owner:
        b.mention_frames.append(pd.DataFrame(
            {"scope": b.scope, "name": owner_name, "url": owner_url,
             "email": EMAILS_SEP.join(own_emails), "phone": _first_key(owner_keys, "phone"),
             "handle": _first_key(owner_keys, "handle"), "organisation": "", "position": "",
             "location": location, "anchor": True,
             "source": owner_source, "key": ego or node},
            index=[OWNER],
        ))
    hidden = 0
    dropped: Counter[str] = Counter()
    for table in by_format.get("linkedin-connections", []):
        hidden += table.hidden_members
        f = table.frame
        ids = b.mentions(name=f["name"], url=f["url"], email=f["email"],
                         organisation=f["organisation"], position=f["position"],
                         source=_sources(table), anchor=True)
        b.evidence(np.zeros(len(ids)), ids, "connection", f["connected_on"], _sources(table))
    for table in messages:
        _messages(b, table, normalise_url(owner_url), dropped)
    for table in by_format.get("linkedin-invitations", []):
        _invitations(b, table)
    for fmt, given in (("linkedin-endorsements-received", False),
                       ("linkedin-endorsements-given", True)):
        tables = by_format.get(fmt, [])
        if tables:
            # 2022 archives hold the same endorsements under two file names.
            frame = pd.concat([t.frame.assign(_src=_sources(t)) for t in tables])
            frame = frame.drop_duplicates(subset=["date", "skill", "name", "url"])
            ids = b.mentions(name=frame["name"], url=frame["url"], source=frame["_src"],
                             anchor=False)
            _owner_and(b, ids, "endorsement", frame["date"], frame["_src"], owner_sends=given)
    for fmt, given in (("linkedin-recommendations-received", False),
                       ("linkedin-recommendations-given", True)):
        for table in by_format.get(fmt, []):
            f = table.frame
            ids = b.mentions(name=f["name"], organisation=f["organisation"],
                             position=f["position"], source=_sources(table), anchor=False)
            _owner_and(b, ids, "recommendation", f["date"], _sources(table), owner_sends=given)

    add_coparticipation(b, copart, owner_keys, dropped)
    if chats is not None:
        dropped.update(chats.dropped)
        _direct_address(b, chats.direct, owner_keys)
    for fmt, kind in CONTACT_KINDS.items():
        for table in by_format.get(fmt, []):
            _contacts(b, table, kind, region)
    for table in edge_tables:
        _edges(b, table, owner_node=node)
    circles = pd.DataFrame(columns=["mid", "circle"])
    for table in snap:
        mid_of = _edges(b, table, ego=ego)
        circles = _circles(b, by_format.get("snap-circles", []), mid_of, ego)

    mentions = (pd.concat(b.mention_frames)[MENTION_COLUMNS] if b.mention_frames
                else pd.DataFrame(columns=MENTION_COLUMNS))
    evidence = (pd.concat(b.evidence_frames, ignore_index=True) if b.evidence_frames
                else pd.DataFrame(columns=EVIDENCE_COLUMNS))
    return Extract(raw=raw, owner_name=owner_name if has_owner else "",
                   owner_url=owner_url, owner_source=owner_source if has_owner else "",
                   mentions=mentions, evidence=evidence, hidden_members=hidden, dropped=dropped,
                   has_owner=has_owner, whole_network="edgelist" in by_format, circles=circles)


def _direct_address(b: _Builder, direct: pd.DataFrame, owner_keys: set[str]) -> None:
    """Replies, mentions, reactions and invitations between two contacts: evidence of the
    chat's kind between them, written by ``a`` (the owner's own are already messages of the
    owner's ties)."""
    if direct.empty:
        return
    ends = {}
    for end in ("a", "b"):
        cols = {c: direct[f"{end}_{c}"].astype(str).where(direct[f"{end}_{c}"].notna(), "")
                for c in ("name", "email", "phone", "handle")}
        mine = direct[f"{end}_owner"].astype(bool).to_numpy().copy()
        for c in ("email", "phone", "handle"):
            mine |= (c + ":" + cols[c]).isin(owner_keys).to_numpy()
        nobody = ((cols["name"] == "") & (cols["email"] == "") & (cols["phone"] == "")
                  & (cols["handle"] == "")).to_numpy()
        ends[end] = (cols, mine | nobody)
    keep = ~(ends["a"][1] | ends["b"][1])
    if not keep.any():
        return
    ids = {}
    for end in ("a", "b"):
        cols = {c: v[keep] for c, v in ends[end][0].items()}
        ids[end] = b.mentions(name=cols["name"], email=cols["email"], phone=cols["phone"],
                              handle=cols["handle"], source=direct.loc[keep, "source"],
                              anchor=False)
    rows = direct[keep]
    b.evidence(ids["a"], ids["b"], "", rows["date"], rows["source"], sender=ids["a"],
               kinds=rows["kind"].to_numpy())


def _first_key(keys: set[str], prefix: str) -> str:
    found = sorted(k.split(":", 1)[1] for k in keys if k.startswith(prefix + ":"))
    return found[0] if found else ""


def _owner_row_name(tables: list[FileTable], owner_keys: set[str]) -> str:
    """The name the owner's own rows give (the From of sent mail), the most frequent one."""
    names: Counter[str] = Counter()
    for t in tables:
        f = t.frame
        mine = f["owner"].astype(bool)
        for col in ("email", "phone", "handle"):
            mine |= (col + ":" + f[col]).isin(owner_keys)
        names.update(n for n in values(f.loc[mine, "name"]) if n)
    return names.most_common(1)[0][0] if names else ""


def _contacts(b: _Builder, table: FileTable, kind: str, region: str | None = None) -> None:
    """An address book, friends or follow list: every row is a contact of the owner."""
    f = table.frame
    if f.empty:
        return
    sources = _sources(table)
    key = None
    name = f["name"] if "name" in f else pd.Series("", index=f.index)
    if table.format == "facebook-friends":
        # Facebook gives names only, and a friends list never holds one person twice: two rows
        # of one name are two people (the second gets "#2"), never merged by name elsewhere.
        base = "name:" + map_unique(name, normalise_name) + "@" + b.scope
        nth = base.groupby(base).cumcount()
        key = base.where(nth == 0, base + "#" + (nth + 1).astype(str))
    elif table.format == "mastodon-following":
        name = "@" + f["address"]
    col = f.get
    phone = None
    if "phone" in f:  # every number of the entry in E.164, as identity keys
        phone = map_unique(f["phone"], lambda p: EMAILS_SEP.join(sorted(
            {to_e164(n, region) for n in p.split(EMAILS_SEP.strip())} - {""})) if p else "")
    ids = b.mentions(name=name, url=col("url"), email=col("email"), phone=phone,
                     organisation=col("organisation"), position=col("position"),
                     location=col("location"), key=key, source=sources, anchor=True)
    owners = np.zeros(len(ids), dtype=np.int64)
    sender = owners
    if table.format == "x-follows":  # who follows whom: the owner, or the follower
        sender = np.where(f["direction"] == "follower", ids, owners)
    b.evidence(owners, ids, kind, f["date"] if "date" in f else None, sources, sender=sender)


def _snap_ego(raw: RawInput, snap: list[FileTable], circles: list[FileTable]) -> str:
    """The ego of a SNAP input: the stem of its ``<ego>.edges`` (one ego per input)."""
    if circles and not snap:
        raise InputError(circles[0].path, "a SNAP .circles file needs its .edges file: expected "
                         f"{posixpath.splitext(circles[0].path)[0]}.edges next to it, found none; "
                         "pass the .edges file (its .circles is read with it)")
    if len(snap) > 1:
        raise InputError(str(raw.path), f"expected one SNAP ego per input, found {len(snap)} "
                         ".edges files; unzip them and pass their folder (one input per ego)")
    return posixpath.splitext(posixpath.basename(snap[0].path))[0] if snap else ""


def _edges(b: _Builder, table: FileTable, ego: str = "", owner_node: str = "") -> pd.Series:
    """Edge-list rows as keyed mentions (the labels as written) and ``edge`` evidence.

    A SNAP ego (the owner, keyed by its label) is linked to every alter; an ``owner_node``
    (``--owner`` on an edge list) is the owner mention, with only the ties the file gives it.
    Returns the mention id of each label, for the circles.
    """
    f = table.frame
    sources = pd.Series(_sources(table))
    ends = pd.concat([f["source"], f["target"]], ignore_index=True)
    lines = pd.concat([sources, sources], ignore_index=True)
    first = ~ends.duplicated()
    labels = ends[first]
    lines = lines[first]
    me = ego or owner_node
    if me:
        labels, lines = labels[labels != me], lines[labels != me]
    ids = b.mentions(name=labels, key=labels, source=lines, anchor=True)
    mid_of = pd.Series(ids, index=labels.to_numpy())
    if me:
        mid_of[me] = OWNER
    if ego:
        b.evidence(np.zeros(len(ids)), ids, "edge", None, lines)
    b.evidence(mid_of[f["source"]].to_numpy(), mid_of[f["target"]].to_numpy(), "edge", None,
               sources, weight=f["weight"])
    return mid_of


def _labels(tables: list[FileTable]) -> pd.Series:
    """The distinct node labels of edge-list tables, in file order."""
    ends = [t.frame[c] for t in tables for c in ("source", "target")]
    return pd.concat(ends, ignore_index=True).drop_duplicates() if ends else pd.Series([])


def _owner_node(tables: list[FileTable], owner: str) -> str:
    """The node label ``--owner`` names: the label itself, else the one label with the same
    name up to case, accents and spacing (``"anne jansen"`` names ``Anne Jansen``); "" for
    none. Raises :class:`InputError` when several labels have that name."""
    labels = _labels(tables)
    if (labels == owner).any():
        return owner
    wanted = normalise_name(owner)
    alike = sorted({str(x) for x in labels if normalise_name(str(x)) == wanted}) if wanted else []
    if len(alike) > 1:
        raise InputError(tables[0].path, f"--owner {owner!r} names {len(alike)} nodes "
                         f"({', '.join(repr(x) for x in alike[:3])}); give the label exactly "
                         "as written in the file")
    return alike[0] if alike else ""


def _some_labels(tables: list[FileTable]) -> str:
    return ", ".join(repr(str(x)) for x in _labels(tables)[:3])


def _circles(b: _Builder, tables: list[FileTable], mid_of: pd.Series, ego: str) -> pd.DataFrame:
    """SNAP circles as (mention id, circle); a member with no tie in ``.edges`` is still one of
    the ego's contacts (SNAP lists only ties among alters)."""
    if not tables:
        return pd.DataFrame(columns=["mid", "circle"])
    f = pd.concat([t.frame.assign(_src=_sources(t)) for t in tables], ignore_index=True)
    f = f[f["member"] != ego]
    new = f[~f["member"].isin(mid_of.index)].drop_duplicates("member")
    if len(new):
        ids = b.mentions(name=new["member"], key=new["member"], source=new["_src"], anchor=True)
        b.evidence(np.zeros(len(ids)), ids, "edge", None, new["_src"])
        mid_of = pd.concat([mid_of, pd.Series(ids, index=new["member"].to_numpy())])
    return pd.DataFrame({"mid": mid_of[f["member"]].to_numpy(), "circle": f["circle"].to_numpy()})


def _owner_and(b: _Builder, ids, kind: str, dates, sources, *, owner_sends: bool) -> None:
    owners = np.zeros(len(ids), dtype=np.int64)
    b.evidence(owners, ids, kind, dates, sources, sender=owners if owner_sends else ids)


def _list_codes(lists: list) -> np.ndarray:
    """One integer per value, equal exactly for equal lists (as ``tuple(u)`` would compare them).

    The importer shares one list among the rows that repeat a member list
    (``importers.linkedin._split_urls``), so the lists are compared once per distinct object:
    a tuple per row took 0.1 s for 50,000 messages of 25 members (workload A2).
    """
    ids = np.fromiter(map(id, lists), dtype=np.uint64, count=len(lists))
    by_object, objects = pd.factorize(ids)
    first = np.full(len(objects), len(lists), dtype=np.int64)
    np.minimum.at(first, by_object, np.arange(len(lists)))
    keys = pd.Series([tuple(u) if isinstance(u, list) else u
                      for u in (lists[i] for i in first.tolist())], dtype=object)
    by_value, _ = pd.factorize(keys)
    return by_value[by_object]


def _owner_url(messages: list[FileTable], profile_name: str) -> tuple[str, str]:
    """The owner's profile URL: the sender URL of the messages the owner sent.

    With a profile name, the URL its owner sent from; otherwise the URL that takes part in the
    most conversations (the owner is in every one of them).
    """
    frames = [t.frame for t in messages if len(t.frame)]
    if not frames:
        return "", ""
    every = pd.concat(frames)
    f = every[every["sender_url"] != ""]
    if f.empty:
        # 2018 Messages.csv has no URLs, but its Direction column marks the owner's messages.
        outgoing = every[every["direction"].str.upper() == "OUTGOING"]
        names = outgoing["sender_name"].value_counts()
        return "", (names.index[0] if len(names) else "")
    if profile_name:
        mine = f[map_unique(f["sender_name"], normalise_name) == normalise_name(profile_name)]
        if not mine.empty:
            url = normalise_urls(mine["sender_url"]).value_counts().index[0]
            return url, mine["sender_name"].iloc[0]
    senders = f[["conversation_id", "sender_url"]].rename(columns={"sender_url": "url"})
    # Only the distinct (conversation, recipients) rows: the count below is of distinct pairs,
    # and a long group conversation repeats its member list on every message.
    distinct = ~pd.DataFrame({
        "c": f["conversation_id"], "u": _list_codes(values(f["recipient_urls"])),
    }).duplicated().to_numpy()
    recipients = f.loc[distinct, ["conversation_id", "recipient_urls"]].explode("recipient_urls")
    recipients = recipients.rename(columns={"recipient_urls": "url"}).dropna()
    both = pd.concat([senders, recipients])
    both["url"] = normalise_urls(both["url"])
    counts = both[both["url"] != ""].groupby("url")["conversation_id"].nunique()
    url = counts.sort_values(ascending=False, kind="stable").index[0]
    names = f.loc[normalise_urls(f["sender_url"]) == url, "sender_name"]
    return url, (names.iloc[0] if len(names) else "")


_BARE_COMMA = re.compile(r",(?! )")


def _messages(b: _Builder, table: FileTable, owner_key: str, dropped: Counter[str]) -> None:
    """Messages between the owner and others; shared group conversations between the others.

    Each distinct participant of the file is one mention (keyed by URL, else by name), so a
    contact named in 500 messages is resolved once.
    """
    f = table.frame.reset_index(drop=True)
    if f.empty:
        return
    sources = pd.Series(_sources(table))
    legacy = (f["sender_url"] == "").all() and (f["direction"] != "").any()
    if legacy:
        # 2018 Messages.csv: names only, and a Direction column says who wrote.
        outgoing = f["direction"].str.upper() == "OUTGOING"
        other_name = f["to"].where(outgoing, f["sender_name"])
        part = pd.DataFrame({"row": f.index,
                             "key": "name:" + map_unique(other_name, normalise_name),
                             "name": other_name, "url": ""})
        senders_key = pd.Series(np.where(outgoing, "owner", part["key"]))
    else:
        sender_key = normalise_urls(f["sender_url"])
        senders_key = sender_key.where(sender_key != owner_key, "owner")
        # A long group conversation repeats its member list on every message: explode each
        # distinct (conversation, recipients, TO) once, at its first row (50 conversations of 40
        # members and 50,000 messages: 2 million rows otherwise). The first row of every
        # participant and of every (conversation, participant) stays the same.
        first_of_kind = ~pd.DataFrame({
            "c": f["conversation_id"], "t": f["to"],
            "u": _list_codes(values(f["recipient_urls"])),
        }).duplicated().to_numpy()
        rec = f.loc[first_of_kind, ["recipient_urls", "to"]].explode("recipient_urls").dropna()
        rec = rec[rec["recipient_urls"] != ""]
        n_recipients = np.fromiter(map(len, values(f["recipient_urls"])), dtype=np.int64,
                                   count=len(f))
        rec_name = np.where(n_recipients[rec.index] == 1, rec["to"], "")
        rec_key = normalise_urls(rec["recipient_urls"])
        part = pd.concat([
            pd.DataFrame({"row": f.index, "key": senders_key, "name": f["sender_name"],
                          "url": f["sender_url"]}),
            pd.DataFrame({"row": rec.index, "key": rec_key.where(rec_key != owner_key, "owner"),
                          "name": rec_name, "url": rec["recipient_urls"]}),
        ], ignore_index=True)
        # Before 2023 there are no recipient URLs: the owner's messages in a one-to-one
        # conversation that got no reply name the other person only in TO.
        no_urls = (n_recipients == 0) & (senders_key == "owner").to_numpy()
        if no_urls.any():  # the TO column is read only on these rows (a regex per row)
            to = f.loc[no_urls, "to"]
            bare = to.str.contains(_BARE_COMMA)
            answered = f.loc[senders_key != "owner", "conversation_id"].unique()
            lone = ~bare & (to != "") & ~f.loc[no_urls, "conversation_id"].isin(answered)
            if lone.any():
                part = pd.concat([part, pd.DataFrame({
                    "row": to.index[lone],
                    "key": "name:" + map_unique(to[lone], normalise_name),
                    "name": to[lone], "url": ""})], ignore_index=True)
            silent = int(bare.sum())
            if silent:
                dropped["group messages whose silent members are unknown (no recipient URLs)"] += (
                    silent)
    part = part[(part["key"] != "owner") & (part["key"] != "name:") & (part["key"] != "")]
    if legacy:
        part = part.assign(conversation="row" + part["row"].astype(str))
    else:
        part = part.assign(conversation=f.loc[part["row"], "conversation_id"].to_numpy())
    # One mention per distinct participant.
    first = part.sort_values("row", kind="stable").drop_duplicates("key")
    name_by_key = (part[part["name"] != ""].sort_values("row", kind="stable")
                   .drop_duplicates("key").set_index("key")["name"])
    names = first["key"].map(name_by_key).astype(object).where(lambda s: s.notna(), "")
    ids = b.mentions(name=names, url=first["url"], source=sources[first["row"]].to_numpy(),
                     anchor=False)
    mid_of = pd.Series(ids, index=first["key"].to_numpy())
    part = part.assign(mid=part["key"].map(mid_of).to_numpy())

    # Owner <-> participant: the owner's messages reach every participant of the conversation;
    # another participant's message reaches the owner.
    members = part[["conversation", "mid"]].drop_duplicates()
    f_conv = (pd.Series([f"row{i}" for i in f.index]) if legacy else f["conversation_id"])
    msgs = pd.DataFrame({"row": f.index, "conversation": f_conv, "sender": senders_key,
                         "date": f["date"]})
    # The owner's message to a conversation over the cap is a broadcast, not an exchange with
    # each member (and would be members x messages rows).
    size = members.groupby("conversation").size()
    broadcast = msgs["conversation"].map(size).fillna(0).to_numpy() > MAX_PARTICIPANTS
    mine = msgs[(msgs["sender"] == "owner") & ~broadcast]
    if (broadcast & (msgs["sender"] == "owner")).any():
        dropped[f"your messages to conversations over {MAX_PARTICIPANTS} participants (not "
                "counted per member)"] += int((broadcast & (msgs["sender"] == "owner")).sum())
    # The owner's messages to one conversation as at most two rows that stand for them all
    # (the first with its date, the last with its date and the count of the others): the same
    # counts and first/last dates per member, without messages x members rows.
    g = mine.groupby("conversation", sort=False)
    span = pd.DataFrame({"n": g.size(), "first": g["date"].min(), "last": g["date"].max(),
                         "row": g["row"].min()}).rename_axis("conversation").reset_index()
    rest = span[span["n"] > 1]
    mine = pd.concat([
        pd.DataFrame({"conversation": span["conversation"], "date": span["first"],
                      "row": span["row"], "count": 1}),
        pd.DataFrame({"conversation": rest["conversation"], "date": rest["last"],
                      "row": rest["row"], "count": rest["n"] - 1}),
    ], ignore_index=True).merge(members, on="conversation")
    theirs = msgs[msgs["sender"] != "owner"].copy()
    theirs["mid"] = theirs["sender"].map(mid_of)
    theirs = theirs.dropna(subset=["mid"])
    b.evidence(np.zeros(len(mine)), mine["mid"], "message", mine["date"],
               sources[mine["row"]].to_numpy(), sender=np.zeros(len(mine)),
               count=mine["count"])
    b.evidence(np.zeros(len(theirs)), theirs["mid"], "message", theirs["date"],
               sources[theirs["row"]].to_numpy(), sender=theirs["mid"])

    # Group conversations: every pair of non-owner members is evidence that they know each other
    # (up to the shared cap: a 25,000-member conversation would be 312 million pairs).
    if not legacy:
        conv_code, conv_names = pd.factorize(members["conversation"])
        n_big, pairs_lost = over_cap(conv_code)
        if n_big:
            dropped[f"group conversations over {MAX_PARTICIPANTS} participants (no pairs "
                    "formed)"] += n_big
            dropped[f"pairs not formed (group conversations over {MAX_PARTICIPANTS} "
                    "participants)"] += pairs_lost
        e, mid_x, mid_y, _ = event_pairs(conv_code, members["mid"].to_numpy())
        # Per pair, its conversation's last date and first row, looked up by code.
        by = msgs.groupby("conversation")
        last = by["date"].max().reindex(conv_names).to_numpy()
        first_row = by["row"].min().reindex(conv_names).to_numpy()
        b.evidence(mid_x, mid_y, "group", pd.Series(last[e]), sources[first_row[e]].to_numpy(),
                   conversation=pd.Series(conv_names[e]))


def _invitations(b: _Builder, table: FileTable) -> None:
    f = table.frame
    if f.empty:
        return
    outgoing = f["direction"].str.upper() == "OUTGOING"
    name = f["to_name"].where(outgoing, f["from_name"])
    url = f["to_url"].where(outgoing, f["from_url"])
    ids = b.mentions(name=name, url=url, source=_sources(table), anchor=False)
    owners = np.zeros(len(ids), dtype=np.int64)
    b.evidence(owners, ids, "invitation", f["sent_at"], _sources(table),
               sender=np.where(outgoing, owners, ids))
