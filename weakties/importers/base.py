"""The contract between file parsers and the rest of weakties.

A *parser* turns the bytes of one file into a :class:`FileTable`: a pandas DataFrame with the
standard columns of its format (listed in :data:`COLUMNS`), plus the counts that make the import
honest (rows read, rows skipped and why, hidden members, notes such as "re-saved by Excel").
Parsers never merge people, guess owners or print; the registry sniffs which parser to use from
the header (or the structure, for vCard, JSON and SNAP files), and
:mod:`weakties.identity.assemble` turns the tables of one input into people and tie evidence.

A parser module imports pandas and numpy (and msgspec) inside the functions that parse, never at
module level: the registry imports every parser module to sniff a file, and sniffing, option
checks and ``weakties formats`` must not pay ~0.3 s for them (``tests/test_startup.py``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:  # annotations only: parsers import pandas when they parse (see base.py)
    import pandas as pd


#: The standard table of every co-participation format (mail, calendar, chats): one row per
#: (event, participant), read by :mod:`weakties.identity.coparticipation`, which turns it into
#: ties (Newman's 1/(n-1) per pair of an event's n non-owner participants) and the owner's
#: interactions. Columns:
#:
#: - ``event`` (str): id of the event, unique within the file: a message number or Message-ID,
#:   a VEVENT UID (+ RECURRENCE-ID), a chat's name, a chat message's id.
#: - ``kind`` (str): the evidence kind the event gives: ``mail``, ``meeting``, ``chat`` (1:1),
#:   ``group-chat``, ``slack``. All rows of one event have the same kind.
#: - ``role`` (str): ``from``, ``to``, ``cc``, ``bcc``, ``organizer``, ``attendee``, ``sender``,
#:   ``member``, ``mention``, ``reply``. :data:`SENDING_ROLES` (``from``, ``sender``) wrote the
#:   event: their rows are the owner's interactions (one per row, so a chat member who wrote 40
#:   messages gives 40 rows with role ``sender`` in the chat's event, each with its date).
#: - ``name`` (str, "" when unknown), ``email`` (str, case-folded, "" when none), ``phone``
#:   (E.164 such as ``+31612345678``, or ""), ``handle`` (a platform id such as
#:   ``telegram:user123`` or ``slack:T01/U123``, or ""): who the participant is. Email, phone and
#:   handle are identity keys; a participant with none of them is matched by name, only within
#:   the owner's own data.
#: - ``owner`` (bool): the file itself says this participant is its owner (the From of a message
#:   Gmail labels ``Sent``; Telegram's ``personal_information``). Participants sharing a key
#:   (email, phone, handle) with an owner row, or named by ``--owner-email``, are the owner too.
#: - ``date`` (datetime64, NaT when unknown), ``line`` (int, file line or message number).
PARTICIPATION_COLUMNS = [
    "event", "kind", "role", "name", "email", "phone", "handle", "owner", "date", "line",
]
#: Format names whose table has :data:`PARTICIPATION_COLUMNS` (chat importers add theirs here).
PARTICIPATION_FORMATS = ("mbox", "eml", "icalendar")
#: Roles whose rows wrote the event (a message's author).
SENDING_ROLES = frozenset({"from", "sender"})

#: Standard columns of each format's DataFrame. Every frame also has ``line``: the 1-based
#: physical line of the file on which the row starts (so a message reads "file:line").
#: Text columns are ``str`` ("" when absent, stripped of stray spaces); dates are pandas
#: ``datetime64[ns]`` (NaT when absent or unparseable), naive, in UTC where the file says UTC.
COLUMNS: dict[str, list[str]] = {
    # One row per connection of the archive's owner (the owner is not in the file).
    "linkedin-connections": [
        "first_name", "last_name", "name", "url", "email", "organisation", "position",
        "connected_on", "line",
    ],
    # One row per message. recipient_urls is a list[str] (split on ","); `to` is the raw TO text
    # (never split: names contain ", "). direction is "INCOMING"/"OUTGOING" in the 2018 era and
    # "" after it. Drafts, "LinkedIn Member" senders and sponsored conversations are skipped.
    "linkedin-messages": [
        "conversation_id", "title", "sender_name", "sender_url", "to", "recipient_urls",
        "date", "direction", "folder", "line",
    ],
    "linkedin-invitations": [
        "from_name", "to_name", "from_url", "to_url", "sent_at", "direction", "line",
    ],
    # name/url are the *other* person (endorser for received, endorsee for given).
    "linkedin-endorsements-received": ["date", "skill", "name", "url", "status", "line"],
    "linkedin-endorsements-given": ["date", "skill", "name", "url", "status", "line"],
    # name/organisation/position are the *other* person (recommender / recommendee).
    "linkedin-recommendations-received": [
        "name", "organisation", "position", "date", "status", "line",
    ],
    "linkedin-recommendations-given": [
        "name", "organisation", "position", "date", "status", "line",
    ],
    # The owner of the archive: one row.
    "linkedin-profile": ["name", "headline", "industry", "location", "line"],
    # --- Beyond LinkedIn (docs/formats.md §2-5) ---
    # Address books, one row per contact of the file's owner. ``email`` holds every address of
    # the contact joined by " ::: " (Google's own multi-value separator; identity resolution
    # splits it), ``url`` a LinkedIn profile URL when the address book has one, ``phone`` every
    # phone number as written, joined likewise (identity normalises them to E.164).
    **{fmt: ["name", "email", "organisation", "position", "location", "url", "phone", "line"]
       for fmt in ("google-contacts", "google-contacts-legacy", "outlook-contacts",
                   "thunderbird-contacts", "contacts-csv", "vcard")},
    # Facebook friends: names only (no ids); date = when the friendship began.
    "facebook-friends": ["name", "date", "line"],
    # Mastodon accounts the owner follows: ``address`` user@domain, ``url`` https://domain/@user.
    "mastodon-following": ["address", "url", "line"],
    # X/Twitter follows: ids only (strings); direction "following" (the owner follows them) or
    # "follower" (they follow the owner); ``url`` https://x.com/i/user/<id>.
    "x-follows": ["account_id", "url", "direction", "line"],
    # Edge lists: node labels as written; weight NaN when the file gives none.
    "edgelist": ["source", "target", "weight", "line"],
    # SNAP ego network: <ego>.edges (the ego is the file stem, linked to every alter) and
    # <ego>.circles (one row per circle membership).
    "snap-edges": ["source", "target", "weight", "line"],
    "snap-circles": ["circle", "member", "line"],
    # Chats (WhatsApp, Telegram, Slack): one row per message, direct address or directory entry.
    # ``kind`` is "message" (a person wrote; media included), "reply" / "mention" / "reaction" /
    # "invite" (``sender`` addressed ``to_id`` or ``to_name`` directly), "member" (listed as a
    # member of the chat), or a directory entry with ``chat`` "": "owner" (Telegram's
    # personal_information), "contact" (Telegram's contacts.list), "user" (Slack's users.json).
    # ``chat`` identifies the chat within the input; ``chat_type`` is "personal", "group" or
    # "channel"; ``sender_id`` is the service's own id ("user123", "U024BE7LH"; "" for
    # WhatsApp, whose senders are names or phone numbers). Message texts are never kept.
    **{fmt: ["chat", "chat_name", "chat_type", "kind", "sender", "sender_id", "phone", "email",
             "to_id", "to_name", "date", "line"]
       for fmt in ("whatsapp", "telegram", "slack-users", "slack-channels", "slack-messages")},
    # The user's own knowledge of who knows whom: each person is a URL, an email, a node id or a
    # name; strength NaN when not given.
    "ties": ["person_a", "person_b", "strength", "note", "line"],
    # Co-participation (mail, calendar, chats): see PARTICIPATION_COLUMNS.
    **{fmt: PARTICIPATION_COLUMNS for fmt in PARTICIPATION_FORMATS},
}


@dataclass
class FileTable:
    """One parsed file: its rows in standard columns and what happened to the rest."""

    path: str
    format: str
    frame: pd.DataFrame
    rows: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    hidden_members: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())


def no_header(cells: list[str]) -> bool:
    """``Format.matches`` of a format recognised by structure only (vCard, JSON, SNAP)."""
    return False


@dataclass(frozen=True)
class Format:
    """A file format the registry can recognise from its header or, failing that, its structure."""

    name: str
    description: str
    #: The header that identifies it, as shown by ``weakties formats`` and in the README.
    signature: str
    #: Given the header cells (stripped, lower-cased), does this format apply?
    matches: Callable[[list[str]], bool]
    #: bytes of the whole file + display path -> FileTable; raises InputError on bad content.
    parse: Callable[[bytes, str], FileTable]
    #: For files without a CSV header (vCard, JSON, a headerless edge list): given the first
    #: 64 KiB and the display path, is it this format? Tried only when no header matched.
    sniff_bytes: Callable[[bytes, str], bool] | None = None
    #: ``sniff_bytes`` is so loose (any 2-column CSV looks like a headerless edge list) that it
    #: is tried only on a file given on its own, never on the files inside an archive or folder.
    lone_only: bool = False
    #: A catch-all (any CSV with name and email/organisation columns): its header is tried only
    #: after every specific format failed on every line, so it never takes a file from them.
    generic: bool = False
    #: For files too large to hold in memory (a 20 GB mbox): a readable binary stream + display
    #: path -> FileTable, reading the stream once, memory bounded. When set, inputs hand the
    #: format an open stream (a file, or a zip member) instead of its bytes.
    parse_stream: Callable[[BinaryIO, str], FileTable] | None = None


def make_table(
    path: str,
    fmt: str,
    columns: dict[str, object],
    lines: object,
    keep: pd.Series | None = None,
    skipped: Counter[str] | None = None,
    notes: list[str] | None = None,
) -> FileTable:
    """A :class:`FileTable` of the kept rows in ``COLUMNS[fmt]`` order.

    ``columns`` maps each standard column (but ``line``) to values aligned with ``lines`` (the
    1-based physical line of every row read); ``keep`` (default: all) says which rows stay.
    """
    import pandas as pd

    frame = pd.DataFrame({name: columns[name] for name in COLUMNS[fmt] if name != "line"})
    frame["line"] = pd.Series(lines, index=frame.index).astype("int64")
    if keep is not None:
        frame = frame.loc[keep.to_numpy(dtype=bool)]
    frame = frame[COLUMNS[fmt]].reset_index(drop=True)
    return FileTable(
        path=path,
        format=fmt,
        frame=frame,
        rows=len(frame),
        skipped=Counter({reason: n for reason, n in (skipped or Counter()).items() if n}),
        notes=list(notes or []),
    )
