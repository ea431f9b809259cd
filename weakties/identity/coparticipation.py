"""Ties from co-participation: the people on one message, in one meeting or in one chat.

Every mail, calendar and chat importer produces the same table
(:data:`~weakties.importers.base.PARTICIPATION_COLUMNS`: one row per event and participant);
this module turns those tables into mentions and evidence, the same way for all of them:

- **Among contacts** (the owner left out): an event with n distinct non-owner participants adds
  ``1/(n-1)`` to each of its n(n-1)/2 pairs (Newman's collaboration weighting, Phys. Rev. E 64,
  016132, 2001: a two-person message is a strong sign, one of fifty people a faint one). Each
  pair's evidence row carries that weight and the event; the graph sums the weights
  (``coparticipation``) and counts the events (``shared_events``).
- **With the owner** (interaction strength): a participant's own message (role ``from`` or
  ``sender``) reached the owner; the owner's message reached every other participant of the
  event; an event nobody wrote (a meeting, a chat's member list) links the owner with every
  participant once. These rows carry no weight: they count as messages (``mail``, ``chat``,
  ``group-chat``, ``slack``) or meetings (``meeting``) of the owner's tie.
- **Too many participants**: an event with more than :data:`MAX_PARTICIPANTS` non-owner
  participants (a mailing list, an all-hands meeting, a 25,000-member group) forms no pairs and
  no owner-to-everyone interaction; it is counted in the load report with the pairs not formed.
  Only where the owner also wrote in that event does a participant's own message count as an
  interaction with the owner (a real exchange inside a big thread). The same cap applies to
  LinkedIn group conversations (:mod:`weakties.identity.assemble`).

Pairs are made per event size with numpy (an array of the events of size n, indexed by the
upper triangle of an n x n matrix), so memory is bounded by the cap: a 25,000-member event is
never expanded.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from weakties._frames import values
from weakties.identity import map_unique, normalise_email, normalise_name
from weakties.importers.base import PARTICIPATION_COLUMNS, SENDING_ROLES, FileTable

if TYPE_CHECKING:
    from weakties.identity.assemble import _Builder

__all__ = ["MAX_PARTICIPANTS", "COPARTICIPATION_KINDS", "MESSAGE_KINDS", "event_pairs",
           "add_coparticipation", "owner_keys_of"]

#: The one cap on participants of an event (a message, a meeting, a chat, a LinkedIn group
#: conversation), owner excluded. Above it, an event is a broadcast, not a sign that its
#: participants know each other: Dunbar's "clan" layer (~50) is the largest group whose members
#: typically all know one another, and 50 keeps the pairs of one event at most 1,225.
MAX_PARTICIPANTS = 50

#: Evidence kinds of co-participation (their rows with a weight are pairs among contacts).
COPARTICIPATION_KINDS = frozenset({"mail", "meeting", "chat", "group-chat", "slack"})
#: Kinds whose owner rows are messages (counted in a tie's ``messages``, ``sent``).
MESSAGE_KINDS = frozenset({"mail", "chat", "group-chat", "slack"})


def event_pairs(event: np.ndarray, member: np.ndarray, cap: int = MAX_PARTICIPANTS
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Every pair of members of each event of 2..``cap`` members.

    ``event`` and ``member`` are int arrays, one row per distinct (event, member). Returns
    ``(event, a, b, n)`` arrays, one entry per pair (``a < b``), with the event's member count n.
    Events of more than ``cap`` members give no pairs (count them with :func:`event_sizes`).

    >>> e, a, b, n = event_pairs(np.array([7, 7, 7, 8, 8]), np.array([1, 2, 3, 4, 5]))
    >>> sorted(zip(e.tolist(), a.tolist(), b.tolist(), n.tolist()))
    [(7, 1, 2, 3), (7, 1, 3, 3), (7, 2, 3, 3), (8, 4, 5, 2)]
    """
    event = np.asarray(event, dtype=np.int64)
    member = np.asarray(member, dtype=np.int64)
    empty = np.zeros(0, dtype=np.int64)
    if not len(event):
        return empty, empty, empty, empty
    order = np.lexsort((member, event))
    e, m = event[order], member[order]
    starts = np.flatnonzero(np.r_[True, e[1:] != e[:-1]])
    sizes = np.diff(np.r_[starts, len(e)])
    out_e, out_a, out_b, out_n = [], [], [], []
    for n in np.unique(sizes).tolist():
        if n < 2 or n > cap:
            continue
        first = starts[sizes == n]
        block = m[first[:, None] + np.arange(n)]  # events of size n x their members
        i, j = np.triu_indices(n, 1)
        out_a.append(block[:, i].ravel())
        out_b.append(block[:, j].ravel())
        out_e.append(np.repeat(e[first], len(i)))
        out_n.append(np.full(len(first) * len(i), n, dtype=np.int64))
    if not out_e:
        return empty, empty, empty, empty
    return (np.concatenate(out_e), np.concatenate(out_a), np.concatenate(out_b),
            np.concatenate(out_n))


def over_cap(event: np.ndarray, cap: int = MAX_PARTICIPANTS) -> tuple[int, int]:
    """(events with more than ``cap`` members, the pairs they would have formed)."""
    sizes = pd.Series(np.asarray(event)).value_counts()
    big = sizes[sizes > cap].astype("int64")
    return len(big), int((big * (big - 1) // 2).sum())


def _participant_keys(frame: pd.DataFrame) -> pd.Series:
    """The identity key of each row: email, else phone, else handle, else name ("" if none)."""
    name = "name:" + map_unique(frame["name"], normalise_name)
    key = name.where(name != "name:", "")
    for col in ("handle", "phone", "email"):  # strongest last: it wins
        key = ("" + col + ":" + frame[col]).where(frame[col] != "", key)
    return key


def owner_keys_of(tables: list[FileTable], owner_emails: set[str]) -> set[str]:
    """The owner's identity keys (``email:…``, ``phone:…``, ``handle:…``): the addresses given
    (``--owner-email``) and every key of a row its file marks as the owner's."""
    keys = {f"email:{e}" for e in owner_emails if e}
    for t in tables:
        f = t.frame
        mine = f[f["owner"].astype(bool)]
        for col in ("email", "phone", "handle"):
            keys.update(f"{col}:{v}" for v in values(mine[col].unique()) if v)
    return keys


def infer_owner_email(tables: list[FileTable]) -> str:
    """The mailbox owner's address when nothing names it: the address on most messages, if it
    is on at least half of them and on more than any other (a mailbox holds its owner's mail;
    a forwarded archive of someone else's has no such address)."""
    frames = [t.frame[["event", "email"]].assign(_t=i) for i, t in enumerate(tables)
              if t.format in ("mbox", "eml", "icalendar") and len(t.frame)]
    if not frames:
        return ""
    f = pd.concat(frames, ignore_index=True)
    f = f[f["email"] != ""].drop_duplicates()
    events = f[["_t", "event"]].drop_duplicates()
    if not len(events):
        return ""
    counts = f.groupby("email").size().sort_values(ascending=False, kind="stable")
    if len(counts) > 1 and counts.iloc[1] == counts.iloc[0]:
        return ""  # two addresses on as many messages: which is the owner's is a guess
    return counts.index[0] if counts.iloc[0] * 2 >= len(events) else ""


def _spans(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """The messages of each ``keys`` group as at most two rows that stand for them all: the
    first (its date and source, count 1) and the last (its date, the count of the others).
    Counts, first and last dates per tie are those of one row per message, without messages x
    members rows (a chat owner's 10,000 messages to a 40-member group: 400,000 rows)."""
    g = rows.groupby(keys, sort=False, dropna=False)
    span = g.agg(n=("date", "size"), first=("date", "min"), last=("date", "max"),
                 source=("source", "first")).reset_index()
    rest = span[span["n"] > 1]
    return pd.concat([span.assign(date=span["first"], count=1),
                      rest.assign(date=rest["last"], count=rest["n"] - 1)], ignore_index=True)


def add_coparticipation(b: _Builder, tables: list[FileTable], owner_keys: set[str],
                        dropped: Counter[str]) -> dict[str, str]:
    """Mentions and evidence of every co-participation table of one input (see the module
    docstring). Returns the owner's own email, phone and handle found in the tables (the first
    of each, for the owner's mention: they link the owner across inputs)."""
    frames = []
    for t in tables:
        if t.frame.empty:
            continue
        f = t.frame[PARTICIPATION_COLUMNS].copy()
        # A table gathered from several files (a Slack workspace) says each row's own file.
        # Object columns, not pandas' Arrow strings (which a list or an object array becomes):
        # every filter below takes rows of these, and an Arrow take of a million strings cost
        # seconds (workload E).
        f["source"] = pd.Series(t.frame["source"].tolist() if "source" in t.frame
                                else [f"{t.path}:{line}" for line in values(f["line"])],
                                index=f.index, dtype=object)
        f["_ev"] = pd.Series([f"{t.path}#{e}" for e in values(f["event"])], index=f.index,
                             dtype=object)
        frames.append(f)
    if not frames:
        return {}
    f = pd.concat(frames, ignore_index=True)
    f["email"] = map_unique(f["email"], normalise_email)
    f["key"] = _participant_keys(f)
    is_owner = f["owner"].astype(bool).to_numpy().copy()
    for col in ("email", "phone", "handle"):
        is_owner |= (col + ":" + f[col]).isin(owner_keys).to_numpy()
    f["is_owner"] = is_owner
    own = {col: next((v for v in values(f.loc[is_owner, col]) if v), "")
           for col in ("email", "phone", "handle")}
    nobody = (f["key"] == "") & ~f["is_owner"]
    if nobody.any():
        dropped["participants with no name, address, phone or handle"] += int(nobody.sum())
    f = f[~nobody]
    ev_code, ev_names = pd.factorize(f["_ev"])
    f["ev"] = ev_code
    f["date"] = pd.to_datetime(f["date"])

    # Events over the cap: counted with the pairs they would have formed. Only the rows that
    # still give evidence (a participant's own message in an event the owner also wrote in)
    # stay, so a 25,000-member group names only the people who talked with the owner.
    distinct = f.loc[~f["is_owner"], ["ev", "key", "kind"]].drop_duplicates(["ev", "key"])
    size = distinct.groupby("ev").size()
    big_ev = set(size.index[size > MAX_PARTICIPANTS].tolist())
    in_big = f["ev"].isin(big_ev)
    for kind, rows in distinct[distinct["ev"].isin(big_ev)].groupby("kind"):
        n_big, pairs_lost = over_cap(rows["ev"])
        dropped[f"{kind}: events over {MAX_PARTICIPANTS} participants (no pairs formed)"] += (
            n_big)
        dropped[f"{kind}: pairs not formed (events over {MAX_PARTICIPANTS} "
                "participants)"] += pairs_lost
    sending = f["role"].isin(SENDING_ROLES)
    owner_wrote = f.loc[f["is_owner"] & sending, "ev"].unique()
    talked = in_big & sending & ~f["is_owner"] & f["ev"].isin(owner_wrote)
    lost = int((in_big & sending & ~f["is_owner"] & ~talked).sum())
    if lost:
        dropped["messages in events over the cap the owner did not write in (not "
                "interactions)"] += lost
    f = f[~in_big | talked]

    # One mention per distinct participant of this input, with the first value of each field.
    others = f[~f["is_owner"]]
    first = others.drop_duplicates("key")
    fields = {}
    for col in ("name", "email", "phone", "handle"):
        filled = others[others[col] != ""].drop_duplicates("key").set_index("key")[col]
        mapped = first["key"].map(filled).astype(object)
        fields[col] = mapped.where(mapped.notna(), "")
    ids = b.mentions(name=fields["name"], email=fields["email"], phone=fields["phone"],
                     handle=fields["handle"], source=first["source"], anchor=False)
    mid_of = pd.Series(ids, index=first["key"].to_numpy())
    f["mid"] = f["key"].map(mid_of).fillna(0).astype(np.int64).where(~f["is_owner"], 0)

    events = f.groupby("ev").agg(kind=("kind", "first"), date=("date", "min"),
                                 source=("source", "first"))
    big = pd.Series(events.index.isin(list(big_ev)), index=events.index)
    members = f[~f["is_owner"] & ~f["ev"].isin(big_ev)].drop_duplicates(["ev", "mid"])[
        ["ev", "mid"]]
    sending = f["role"].isin(SENDING_ROLES)
    authored = f.loc[sending, "ev"].unique()

    # Among contacts: 1/(n-1) per pair of each event.
    e, a, c, n = event_pairs(members["ev"].to_numpy(), members["mid"].to_numpy())
    if len(e):
        ev_rows = events.loc[e]
        b.evidence(a, c, "", ev_rows["date"], ev_rows["source"],
                   conversation=ev_names[e], weight=1.0 / (n - 1),
                   kinds=ev_rows["kind"].to_numpy())

    # With the owner. (a) a participant's own message reached the owner.
    theirs = _spans(f[sending & ~f["is_owner"]], ["ev", "mid", "kind"])
    b.evidence(np.zeros(len(theirs)), theirs["mid"], "", theirs["date"], theirs["source"],
               sender=theirs["mid"], kinds=theirs["kind"].to_numpy(),
               conversation=ev_names[theirs["ev"].to_numpy()], count=theirs["count"])
    # (b) the owner's message reached every other participant of the event.
    mine = _spans(f[sending & f["is_owner"] & ~f["ev"].map(big).to_numpy(dtype=bool)],
                  ["ev", "kind"])
    mine = mine[["ev", "kind", "date", "source", "count"]].merge(members, on="ev")
    b.evidence(np.zeros(len(mine)), mine["mid"], "", mine["date"], mine["source"],
               sender=np.zeros(len(mine)), kinds=mine["kind"].to_numpy(),
               conversation=ev_names[mine["ev"].to_numpy()], count=mine["count"])
    # (c) an event nobody wrote (a meeting): the owner met every participant once.
    silent = members[~members["ev"].isin(authored) & ~members["ev"].map(big).to_numpy(bool)]
    ev_rows = events.loc[silent["ev"]]
    b.evidence(np.zeros(len(silent)), silent["mid"], "", ev_rows["date"], ev_rows["source"],
               kinds=ev_rows["kind"].to_numpy(), conversation=ev_names[silent["ev"].to_numpy()])
    return own
