"""Which parser reads a file: sniffed from its header, else from its structure.

Header first, in three passes over the first 30 lines: the specific formats (LinkedIn, Google,
Outlook, Thunderbird, Mastodon, Gephi edge lists, ties files), then a ``--columns`` mapping, then
the catch-all contacts CSV, so a catch-all never takes a file a specific format reads. Files
without a CSV header (vCard, Facebook JSON, X's ``.js``, SNAP, headerless edge lists) are then
recognised by :attr:`Format.sniff_bytes`.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence

from weakties.errors import InputError
from weakties.importers._csv import describe_head, head_lines, header_candidates
from weakties.importers.base import Format
from weakties.importers.contacts import CONTACT_FORMATS
from weakties.importers.edgelist import EDGELIST_FORMATS, sniff_edges
from weakties.importers.ical import ICAL_FORMATS
from weakties.importers.linkedin import LINKEDIN_FORMATS, LINKEDIN_NAME_HINTS
from weakties.importers.mail import MAIL_FORMATS
from weakties.importers.slack import SLACK_FORMATS
from weakties.importers.social import SOCIAL_FORMATS
from weakties.importers.telegram import TELEGRAM_FORMATS
from weakties.importers.ties import TIES_FORMATS
from weakties.importers.vcard import VCARD_FORMATS
from weakties.importers.whatsapp import WHATSAPP_FORMATS

__all__ = ["FORMATS", "NAME_HINTS", "describe_header", "sniff"]

#: Every format weakties reads, in the order they are tried (LinkedIn's first, as before).
FORMATS: list[Format] = [
    *LINKEDIN_FORMATS,
    *CONTACT_FORMATS,
    *VCARD_FORMATS,
    *MAIL_FORMATS,
    *ICAL_FORMATS,
    # Chats before the edge lists: a chat line must never be read as 'u v' pairs.
    *WHATSAPP_FORMATS,
    *TELEGRAM_FORMATS,
    *SLACK_FORMATS,
    *SOCIAL_FORMATS,
    *TIES_FORMATS,
    *EDGELIST_FORMATS,
]

#: Format name -> words of which one must be in the file's base name (lower case). Consulted
#: only when more than one format accepts a header: LinkedIn writes Recommendations_Received.csv
#: and Recommendations_Given.csv with the same header, so there the file name decides.
NAME_HINTS: dict[str, tuple[str, ...]] = dict(LINKEDIN_NAME_HINTS)

_HEAD_BYTES = 64 * 1024


def sniff(
    data: bytes, path: str, extra: Sequence[Format] = (), *, lone_file: bool = False
) -> Format | None:
    """The format of a file, from its header (the first of its first 30 lines that a format
    accepts) or, when it has none, its structure.

    Reads only the start of ``data``. ``extra`` formats (a ``--columns`` mapping) are tried after
    the specific ones; ``lone_file`` allows the loose structural sniffs (a headerless edge list)
    that would misread the odd 2-column file inside an archive. Returns None when no format
    accepts the file. Raises :class:`InputError` when several formats accept the header and the
    file name does not say which (a renamed Recommendations file).

    >>> sniff(b"From,To,Sent At,Message,Direction\\n", "Invitations.csv").name
    'linkedin-invitations'
    >>> sniff(b"BEGIN:VCARD\\nVERSION:3.0\\nFN:Anne\\nEND:VCARD\\n", "contacts.vcf").name
    'vcard'
    """
    lines = header_candidates(data)
    specific = [fmt for fmt in FORMATS if not fmt.generic]
    generic = [fmt for fmt in FORMATS if fmt.generic]
    for formats in (specific, list(extra), generic):
        for cells in lines:
            candidates = [fmt for fmt in formats if fmt.matches(cells)]
            if len(candidates) == 1:
                return candidates[0]
            if candidates:
                return _by_name(candidates, path)
    head = data[:_HEAD_BYTES]
    for fmt in FORMATS:
        if fmt.sniff_bytes and (lone_file or not fmt.lone_only) and fmt.sniff_bytes(head, path):
            return fmt
    if lone_file:
        _refuse_lookalike(head, path)
    return None


def _refuse_lookalike(head: bytes, path: str) -> None:
    """A lone file shaped like a headerless edge list (a comma on most lines) that is not one
    -- a chat export, a log, a CSV of transactions, prose: one line that says what it looks
    like, rather than the generic "not a recognised export" (or, before, a graph of dates and
    sentence fragments)."""
    shaped, looks = sniff_edges(head)
    if shaped or not looks:
        return
    lines = [line.strip() for line in head_lines(head)]
    sample = next((line for line in lines if line and not line.startswith(("#", "%"))), "")
    raise InputError(
        path,
        f"not a recognised export: its lines look like {looks}, e.g. "
        f"{describe_head([sample])!r}, not an edge list of node labels ('u,v[,weight]'); "
        "expected an export as its service wrote it (LinkedIn Connections.csv or messages.csv, a "
        "contacts CSV or vCard, a chat export, an edge list, …); run 'weakties formats' to see "
        "every format weakties reads and how it is recognised",
    )


def _by_name(candidates: list[Format], path: str) -> Format:
    """Pick among formats sharing a header by the words of :data:`NAME_HINTS`."""
    base = posixpath.basename(path.replace("\\", "/")).lower()
    named = [f for f in candidates if any(word in base for word in NAME_HINTS.get(f.name, ()))]
    if len(named) == 1:
        return named[0]
    words = " or ".join(f"'{w}'" for f in candidates for w in NAME_HINTS.get(f.name, ()))
    raise InputError(
        path,
        f"the header fits {' and '.join(f.name for f in candidates)}, so the file name must say "
        f"which: expected {words or 'a distinguishing word'} in it, found '{base}'; rename the "
        "file as LinkedIn named it (e.g. Recommendations_Received.csv)",
    )


def describe_header(data: bytes) -> str:
    """The first header-like line of a file, shortened, for messages ("found header '…'")."""
    if data.startswith(b"PK\x03\x04"):
        return "a zip archive"
    lines = head_lines(data)
    if any("\x00" in line for line in lines):
        return "binary data"
    return describe_head(lines)
