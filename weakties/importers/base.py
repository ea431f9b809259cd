"""The contract between file parsers and the rest of weakties.

A *parser* turns the bytes of one file into a :class:`FileTable`: a pandas DataFrame with the
standard columns of its format (listed in :data:`COLUMNS`), plus the counts that make the import
honest (rows read, rows skipped and why, hidden members, notes such as "re-saved by Excel").
Parsers never merge people, guess owners or print; the registry sniffs which parser to use from
the header, and :mod:`weakties.importers.linkedin` / :mod:`weakties.sources` assemble the tables of
one input into people and tie evidence.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

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


@dataclass(frozen=True)
class Format:
    """A file format the registry can recognise from its header."""

    name: str
    description: str
    #: The header that identifies it, as shown by ``weakties formats`` and in the README.
    signature: str
    #: Given the header cells (stripped, lower-cased), does this format apply?
    matches: Callable[[list[str]], bool]
    #: bytes of the whole file + display path -> FileTable; raises InputError on bad content.
    parse: Callable[[bytes, str], FileTable]
