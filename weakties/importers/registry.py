"""Which parser reads a file: sniffed from its header (and, for one pair, its name)."""

from __future__ import annotations

import posixpath

from weakties.errors import InputError
from weakties.importers._csv import describe_head, head_lines, header_candidates
from weakties.importers.base import Format
from weakties.importers.linkedin import LINKEDIN_FORMATS, LINKEDIN_NAME_HINTS

__all__ = ["FORMATS", "NAME_HINTS", "describe_header", "sniff"]

#: Every format weakties reads, in the order they are tried (other importers append theirs).
FORMATS: list[Format] = [*LINKEDIN_FORMATS]

#: Format name -> words of which one must be in the file's base name (lower case). Consulted
#: only when more than one format accepts a header: LinkedIn writes Recommendations_Received.csv
#: and Recommendations_Given.csv with the same header, so there the file name decides.
NAME_HINTS: dict[str, tuple[str, ...]] = dict(LINKEDIN_NAME_HINTS)


def sniff(data: bytes, path: str) -> Format | None:
    """The format of a file, from the first line among its first 30 that a format accepts.

    Reads only the start of ``data``. Returns None when no format accepts any line. Raises
    :class:`InputError` when several formats accept the header and the file name does not say
    which (a renamed Recommendations file).

    >>> sniff(b"From,To,Sent At,Message,Direction\\n", "Invitations.csv").name
    'linkedin-invitations'
    """
    for cells in header_candidates(data):
        candidates = [fmt for fmt in FORMATS if fmt.matches(cells)]
        if len(candidates) == 1:
            return candidates[0]
        if candidates:
            return _by_name(candidates, path)
    return None


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
