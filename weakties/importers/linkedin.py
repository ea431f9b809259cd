"""Parsers for the CSV files of a LinkedIn "Get a copy of your data" export, every era."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from weakties.importers._csv import (
    DATE_FORMATS,
    RESAVED_DATE_FORMATS,
    RawTable,
    any_match,
    parse_dates_counted,
    read_table,
    strip_spaces,
)
from weakties.importers.base import COLUMNS, FileTable, Format

if TYPE_CHECKING:  # annotations only: parsers import pandas when they parse (see base.py)
    import pandas as pd

__all__ = [
    "LINKEDIN_FORMATS",
    "LINKEDIN_NAME_HINTS",
    "parse_connections",
    "parse_endorsements_given",
    "parse_endorsements_received",
    "parse_invitations",
    "parse_messages",
    "parse_profile",
    "parse_recommendations_given",
    "parse_recommendations_received",
]

Matcher = Callable[[list[str]], bool]

# Skip reasons, as counted in FileTable.skipped and shown in summaries.
NO_NAME = "no first or last name"
DRAFT = "draft message"
SPONSORED = "sponsored conversation"
LINKEDIN_MEMBER = "sender 'LinkedIn Member' without profile URL"
NO_SENDER = "no sender"

#: The identifying header of each format as LinkedIn writes it ([…] = only in some eras).
SIGNATURES = {
    "linkedin-connections": "First Name,Last Name,[URL,]Email Address,Company,Position,"
    "Connected On",
    "linkedin-messages": "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,"
    "[RECIPIENT PROFILE URLS,]DATE,SUBJECT,CONTENT,FOLDER,…",
    "linkedin-invitations": "From,To,Sent At,Message,Direction[,inviterProfileUrl,"
    "inviteeProfileUrl]",
    "linkedin-endorsements-received": "Endorsement Date,Skill Name,Endorser First Name,"
    "Endorser Last Name,[Endorser Public Url,]Endorsement Status",
    "linkedin-endorsements-given": "Endorsement Date,Skill Name,Endorsee First Name,"
    "Endorsee Last Name,[Endorsee Public Url,]Endorsement Status",
    "linkedin-recommendations-received": "First Name,Last Name,Company,Job Title,Text,"
    "Creation Date,Status",
    "linkedin-recommendations-given": "First Name,Last Name,Company,Job Title,Text,"
    "Creation Date,Status",
    "linkedin-profile": "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,"
    "Industry,Zip Code,Geo Location,…",
}

#: Words in a file's base name (lower case) that pick one format when several accept the same
#: header. Only the recommendations pair needs it: LinkedIn gives both files one header.
LINKEDIN_NAME_HINTS: dict[str, tuple[str, ...]] = {
    "linkedin-recommendations-received": ("received",),
    "linkedin-recommendations-given": ("given",),
}


# --- header predicates (cells are stripped and lower-cased) -------------------------------------


def _is_connections(cells: list[str]) -> bool:
    # A spreadsheet may delete columns, so either the date or company+position will do.
    # "job title" / "headline" keep out Recommendations.csv, Profile.csv and Outlook contacts.
    found = set(cells)
    return (
        {"first name", "last name"} <= found
        and ("connected on" in found or {"company", "position"} <= found)
        and not {"job title", "headline", "maiden name"} & found
    )


def _is_messages(cells: list[str]) -> bool:
    found = set(cells)
    return {"from", "to", "date"} <= found and bool({"conversation id", "content"} & found)


def _is_invitations(cells: list[str]) -> bool:
    return {"from", "to", "sent at"} <= set(cells)


def _is_endorsements_received(cells: list[str]) -> bool:
    found = set(cells)
    return "skill name" in found and bool({"endorser first name", "endorser last name"} & found)


def _is_endorsements_given(cells: list[str]) -> bool:
    found = set(cells)
    return "skill name" in found and bool({"endorsee first name", "endorsee last name"} & found)


def _is_recommendations(cells: list[str]) -> bool:
    return {"first name", "last name", "text", "creation date"} <= set(cells)


def _is_profile(cells: list[str]) -> bool:
    return {"first name", "last name", "headline"} <= set(cells)


# --- shared helpers ------------------------------------------------------------------------------


#: Free text no parser keeps (message bodies and subjects are never stored): read_table checks
#: these columns (line numbers, empty rows, the field limit) and leaves them out of the table,
#: so a heavy user's hundreds of MB of message bodies are never held whole.
_BODIES: dict[str, tuple[str, ...]] = {
    "linkedin-messages": ("subject", "content"),
    "linkedin-invitations": ("message",),
    "linkedin-recommendations-received": ("text",),
    "linkedin-recommendations-given": ("text",),
}


def _read(data: bytes, path: str, fmt: str, matches: Matcher, what: str) -> RawTable:
    return read_table(data, path, matches, what=what, signature=SIGNATURES[fmt],
                      drop=_BODIES.get(fmt, ()))


def _full_name(first: pd.Series, last: pd.Series) -> pd.Series:
    """``first + " " + last`` without stray or doubled spaces (either part may be empty)."""
    name = (first + " " + last).where((first != "") & (last != ""), first + last)
    return strip_spaces(name)


def _is(values: pd.Series, text: str) -> pd.Series:
    """``values.str.lower() == text`` computed once per distinct value (few: Yes/No, titles)."""
    import numpy as np
    import pandas as pd

    codes, distinct = pd.factorize(values)
    hits = np.array([str(v).lower() == text for v in distinct] + [False], dtype=bool)
    return pd.Series(hits[codes], index=values.index)


def _dates(
    raw: RawTable, keep: pd.Series, column: str, notes: list[str]
) -> tuple[pd.Series, Counter[str]]:
    """Parse the date column of the kept rows; note how many non-empty dates did not parse."""
    text = raw.col(column)[keep]
    dates, used = parse_dates_counted(text)
    failed = dates.isna() & (text != "")
    if failed.any():
        first = failed.idxmax()
        line = int(raw.lines[first])
        notes.append(
            f"{int(failed.sum())} '{raw.label(column)}' value(s) not understood as dates "
            f"(first on line {line}: {text[first]!r}); left empty"
        )
    return dates, used


def _table(
    path: str,
    fmt: str,
    raw: RawTable,
    keep: pd.Series,
    columns: dict[str, pd.Series],
    skipped: Counter[str],
    notes: list[str],
    *,
    hidden: int = 0,
    signs: list[str] | None = None,
) -> FileTable:
    """Assemble the standard frame from the kept rows, in ``COLUMNS[fmt]`` order."""
    import pandas as pd

    full = pd.DataFrame(
        {name: columns[name] for name in COLUMNS[fmt] if name != "line"}, index=raw.frame.index
    )
    full["line"] = raw.lines.astype("int64")
    frame = full.loc[keep.to_numpy(), COLUMNS[fmt]].reset_index(drop=True)
    signs = raw.resave_signs() if signs is None else signs
    if signs:
        notes.append(f"looks re-saved by a spreadsheet ({', '.join(signs)})")
    return FileTable(
        path=path,
        format=fmt,
        frame=frame,
        rows=len(frame),
        skipped=Counter({reason: n for reason, n in skipped.items() if n}),
        hidden_members=hidden,
        notes=notes,
    )


def _count_skips(
    reasons: list[tuple[str, pd.Series]], index: pd.Index
) -> tuple[pd.Series, Counter[str]]:
    """Apply skip reasons in order (a row counts under its first reason); return rows kept."""
    import pandas as pd

    keep = pd.Series(True, index=index)
    skipped: Counter[str] = Counter()
    for reason, mask in reasons:
        hit = mask & keep
        skipped[reason] += int(hit.sum())
        keep &= ~hit
    return keep, skipped


# --- Connections.csv -----------------------------------------------------------------------------

# The columns LinkedIn wrote in every era before the URL column (2023); missing ones were deleted.
_CONNECTION_COLUMNS = (
    "First Name",
    "Last Name",
    "Email Address",
    "Company",
    "Position",
    "Connected On",
)


def parse_connections(data: bytes, path: str) -> FileTable:
    """Parse ``Connections.csv`` of any era (2018–2026), also after a spreadsheet re-saved it.

    Hidden members (rows empty but for the date) are counted, not returned; rows with no first
    or last name are skipped. A ``urn:li:member:…`` in the email column (2018) is not an email.

    >>> t = parse_connections(b"First Name,Last Name,Email Address,Company,Position,"
    ...     b"Connected On\\nAnne,Jansen,,Acme,CTO,14 Feb 2020\\n,,,,,15 Feb 2020", "c.csv")
    >>> t.frame.loc[0, "name"], t.rows, t.hidden_members
    ('Anne Jansen', 1, 1)
    """
    fmt = "linkedin-connections"
    raw = _read(data, path, fmt, _is_connections, "LinkedIn Connections.csv")
    first, last = raw.col("first name"), raw.col("last name")
    # read_table dropped all-empty rows, so a row empty but for the date is a hidden member.
    others = raw.frame.drop(columns=[c for c in ("connected on",) if raw.has(c)])
    hidden = (others == "").all(axis=1)
    keep, skipped = _count_skips(
        [("hidden", hidden), (NO_NAME, (first == "") & (last == ""))], raw.frame.index
    )
    hidden_members = skipped.pop("hidden")
    notes: list[str] = []
    dates, used = _dates(raw, keep, "connected on", notes)
    email = raw.col("email address")
    signs = raw.resave_signs(crlf_is_sign=True, bom_is_sign=True)
    if raw.has("url") and raw.header_line == 1:
        signs.append("preamble deleted")  # every export with URLs (2023+) has the preamble
    missing = [c for c in _CONNECTION_COLUMNS if not raw.has(c.lower())]
    if missing:
        signs.append(f"column(s) deleted: {', '.join(missing)}")
    if "Connected on" in raw.header:
        signs.append("'Connected on' header")
    resaved_dates = [f for f in used if f in RESAVED_DATE_FORMATS]
    if resaved_dates:
        signs.append("dates like " + ", ".join(f"'{DATE_FORMATS[f]}'" for f in resaved_dates))
    columns = {
        "first_name": first,
        "last_name": last,
        "name": _full_name(first, last),
        "url": raw.col("url"),
        # 2018 exports put urn:li:member:NNN here: an id, not an address.
        "email": email.where(email.str.contains("@", regex=False), ""),
        "organisation": raw.col("company"),
        "position": raw.col("position"),
        "connected_on": dates,
    }
    return _table(path, fmt, raw, keep, columns, skipped, notes, hidden=hidden_members, signs=signs)


# --- messages.csv --------------------------------------------------------------------------------


def _split_urls(urls: pd.Series) -> pd.Series:
    """RECIPIENT PROFILE URLS → list of URLs (comma-joined in group conversations).

    Each distinct text is split once and its list shared by the rows that repeat it: a group
    conversation repeats its member list on every message (50,000 messages of 25 members:
    1.25 million strings otherwise). The distinct texts come from ``pd.factorize`` (hashing in
    pyarrow), not from a Python dict over every row's 1 KB text (0.45 s on workload A2).
    """
    import numpy as np
    import pandas as pd

    codes, distinct = pd.factorize(urls)
    texts = pd.Series(distinct, dtype=str)
    if any_match(texts, r"\s"):
        texts = texts.str.replace(r"\s+", "", regex=True)
    lists = np.empty(len(texts) + 1, dtype=object)  # the last: a missing value (none after
    for i, joined in enumerate(texts.tolist()):        # read_table), as an empty text
        lists[i] = [u for u in joined.split(",") if u]
    lists[-1] = []
    return pd.Series(lists[codes], index=urls.index, dtype=object)


def parse_messages(data: bytes, path: str) -> FileTable:
    """Parse ``messages.csv`` of any era (2018 ``Messages.csv`` to the all-quoted 2026 file).

    Drafts, sponsored InMail and senders shown as "LinkedIn Member" (no URL) are skipped and
    counted. ``to`` is kept whole (names contain ", "); ``recipient_urls`` is split.
    """
    fmt = "linkedin-messages"
    raw = _read(data, path, fmt, _is_messages, "LinkedIn messages.csv")
    sender, sender_url = raw.col("from"), raw.col("sender profile url")
    title = raw.col("conversation title")
    keep, skipped = _count_skips(
        [
            (DRAFT, _is(raw.col("is message draft"), "yes")),
            (SPONSORED, _is(title, "sponsored conversation")),
            (LINKEDIN_MEMBER, _is(sender, "linkedin member") & (sender_url == "")),
            (NO_SENDER, (sender == "") & (sender_url == "")),
        ],
        raw.frame.index,
    )
    notes: list[str] = []
    dates, _ = _dates(raw, keep, "date", notes)
    columns = {
        "conversation_id": raw.col("conversation id"),
        "title": title,
        "sender_name": sender,
        "sender_url": sender_url,
        "to": raw.col("to"),
        "recipient_urls": _split_urls(raw.col("recipient profile urls")),
        "date": dates,
        "direction": raw.col("direction").str.upper(),  # 2018 only; "" after
        "folder": raw.col("folder"),
    }
    return _table(path, fmt, raw, keep, columns, skipped, notes)


# --- Invitations.csv -----------------------------------------------------------------------------


def parse_invitations(data: bytes, path: str) -> FileTable:
    """Parse ``Invitations.csv``: who invited whom (URLs from 2024; 2023 URNs are not URLs)."""
    fmt = "linkedin-invitations"
    raw = _read(data, path, fmt, _is_invitations, "LinkedIn Invitations.csv")
    from_name, to_name = raw.col("from"), raw.col("to")
    keep, skipped = _count_skips([(NO_NAME, (from_name == "") & (to_name == ""))], raw.frame.index)
    notes: list[str] = []
    dates, _ = _dates(raw, keep, "sent at", notes)
    columns = {
        "from_name": from_name,
        "to_name": to_name,
        "from_url": raw.col("inviterprofileurl"),
        "to_url": raw.col("inviteeprofileurl"),
        "sent_at": dates,
        "direction": raw.col("direction").str.upper(),
    }
    return _table(path, fmt, raw, keep, columns, skipped, notes)


# --- Endorsement_*_Info.csv ----------------------------------------------------------------------


def _parse_endorsements(data: bytes, path: str, fmt: str, role: str, matches: Matcher) -> FileTable:
    kind = "Received" if role == "endorser" else "Given"
    what = f"LinkedIn Endorsement_{kind}_Info.csv"
    raw = _read(data, path, fmt, matches, what)
    first, last = raw.col(f"{role} first name"), raw.col(f"{role} last name")
    url = raw.col(f"{role} public url")
    keep, skipped = _count_skips(
        [(NO_NAME, (first == "") & (last == "") & (url == ""))], raw.frame.index
    )
    notes: list[str] = []
    dates, _ = _dates(raw, keep, "endorsement date", notes)
    columns = {
        "date": dates,
        "skill": raw.col("skill name"),
        "name": _full_name(first, last),
        "url": url,
        "status": raw.col("endorsement status"),
    }
    return _table(path, fmt, raw, keep, columns, skipped, notes)


def parse_endorsements_received(data: bytes, path: str) -> FileTable:
    """Parse ``Endorsement_Received_Info.csv`` (also the legacy UTF-16LE, tab-separated one)."""
    return _parse_endorsements(
        data, path, "linkedin-endorsements-received", "endorser", _is_endorsements_received
    )


def parse_endorsements_given(data: bytes, path: str) -> FileTable:
    """Parse ``Endorsement_Given_Info.csv``: the owner's endorsements of others."""
    return _parse_endorsements(
        data, path, "linkedin-endorsements-given", "endorsee", _is_endorsements_given
    )


# --- Recommendations_*.csv -----------------------------------------------------------------------


def _parse_recommendations(data: bytes, path: str, fmt: str, what: str) -> FileTable:
    raw = _read(data, path, fmt, _is_recommendations, what)
    first, last = raw.col("first name"), raw.col("last name")
    keep, skipped = _count_skips([(NO_NAME, (first == "") & (last == ""))], raw.frame.index)
    notes: list[str] = []
    dates, _ = _dates(raw, keep, "creation date", notes)
    columns = {
        "name": _full_name(first, last),
        "organisation": raw.col("company"),
        "position": raw.col("job title"),
        "date": dates,
        "status": raw.col("status"),
    }
    return _table(path, fmt, raw, keep, columns, skipped, notes)


def parse_recommendations_received(data: bytes, path: str) -> FileTable:
    """Parse ``Recommendations_Received.csv`` (same header as Given: the registry uses the name)."""
    return _parse_recommendations(
        data, path, "linkedin-recommendations-received", "LinkedIn Recommendations_Received.csv"
    )


def parse_recommendations_given(data: bytes, path: str) -> FileTable:
    """Parse ``Recommendations_Given.csv`` (same header as Received: the registry uses the name)."""
    return _parse_recommendations(
        data, path, "linkedin-recommendations-given", "LinkedIn Recommendations_Given.csv"
    )


# --- Profile.csv ---------------------------------------------------------------------------------


def parse_profile(data: bytes, path: str) -> FileTable:
    """Parse ``Profile.csv``: the archive owner's name, headline, industry and location."""
    import pandas as pd

    fmt = "linkedin-profile"
    raw = _read(data, path, fmt, _is_profile, "LinkedIn Profile.csv")
    keep = pd.Series(True, index=raw.frame.index)
    columns = {
        "name": _full_name(raw.col("first name"), raw.col("last name")),
        "headline": raw.col("headline"),
        "industry": raw.col("industry"),
        "location": raw.col("geo location"),
    }
    return _table(path, fmt, raw, keep, columns, Counter(), [])


#: The LinkedIn formats, most specific first (the registry tries them in this order).
LINKEDIN_FORMATS: list[Format] = [
    Format(
        "linkedin-connections",
        "LinkedIn Connections.csv (the owner's contacts)",
        SIGNATURES["linkedin-connections"],
        _is_connections,
        parse_connections,
    ),
    Format(
        "linkedin-messages",
        "LinkedIn messages.csv (one row per message; also 2018's Messages.csv: "
        "From,To,Date,Subject,Content,Direction,Folder)",
        SIGNATURES["linkedin-messages"],
        _is_messages,
        parse_messages,
    ),
    Format(
        "linkedin-invitations",
        "LinkedIn Invitations.csv (who invited whom)",
        SIGNATURES["linkedin-invitations"],
        _is_invitations,
        parse_invitations,
    ),
    Format(
        "linkedin-endorsements-received",
        "LinkedIn Endorsement_Received_Info.csv (endorsements received)",
        SIGNATURES["linkedin-endorsements-received"],
        _is_endorsements_received,
        parse_endorsements_received,
    ),
    Format(
        "linkedin-endorsements-given",
        "LinkedIn Endorsement_Given_Info.csv (endorsements given)",
        SIGNATURES["linkedin-endorsements-given"],
        _is_endorsements_given,
        parse_endorsements_given,
    ),
    Format(
        "linkedin-recommendations-received",
        "LinkedIn Recommendations_Received.csv (same header as Given: told apart by the file name)",
        SIGNATURES["linkedin-recommendations-received"],
        _is_recommendations,
        parse_recommendations_received,
    ),
    Format(
        "linkedin-recommendations-given",
        "LinkedIn Recommendations_Given.csv (same header as Received: told apart by the file name)",
        SIGNATURES["linkedin-recommendations-given"],
        _is_recommendations,
        parse_recommendations_given,
    ),
    Format(
        "linkedin-profile",
        "LinkedIn Profile.csv (the archive's owner)",
        SIGNATURES["linkedin-profile"],
        _is_profile,
        parse_profile,
    ),
]
