"""Friends and follows from social networks: Facebook friends, Mastodon follows, X/Twitter follows.

Each is the owner's list of contacts with almost nothing else: Facebook gives names only
(mojibake: UTF-8 bytes written as Latin-1 escapes), X gives numeric account ids only, Mastodon
gives ``user@domain`` addresses. Facebook and X are JSON (X wraps it in ``window.YTD…= [...]``):
both are recognised by structure, not by a CSV header.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import TYPE_CHECKING

from weakties.errors import InputError
from weakties.importers import limits
from weakties.importers._csv import as_ns_dates, decode, head_lines, map_distinct, read_table
from weakties.importers.base import FileTable, Format, make_table, no_header

if TYPE_CHECKING:  # annotations only: parsers import pandas when they parse (see base.py)
    import numpy as np

__all__ = ["SOCIAL_FORMATS", "parse_facebook", "parse_mastodon", "parse_x", "repair_mojibake"]

NO_NAME = "no name"
NO_ID = "no accountId"
NOT_ADDRESS = "not a user@domain account address"

SIGNATURES = {
    "facebook-friends": '{"friends_v2": [{"name": …, "timestamp": …}, …]} (also key "friends"; '
    "connections/friends/your_friends.json, friends_and_followers/friends.json, "
    "friends/friends.json)",
    "mastodon-following": "Account address,Show boosts[,Notify on new posts,Languages] "
    "(2017: no header, one user@domain a line)",
    "x-follows": "window.YTD.following.part0 = [{\"following\": {\"accountId\": …}}, …] "
    "(data/following.js; data/follower.js likewise)",
}

_FACEBOOK = re.compile(r'\A\s*\{\s*"(friends_v2|friends)"\s*:\s*\[')
_X = re.compile(r"\A\s*window\.YTD\.(following|follower)\.part\d+\s*=\s*\[")
#: ``user@domain.tld``. The domain is dot-separated labels that hold no dot, so there is one
#: way to match and no backtracking: ``[^.]+\.[^.]+`` over "x.x.x.…" tried every split of
#: the dots (a 64 KiB line took minutes). :data:`MAX_ADDRESS_CHARS` bounds the rest.
ACCOUNT = r"@?([^@\s,;/]+)@([^@\s,;/.]+(?:\.[^@\s,;/.]+)+)"
_ADDRESS = re.compile(ACCOUNT)
#: Longest ``user@domain`` address tried (an email address is at most 254 characters).
MAX_ADDRESS_CHARS = 320


def _head_text(head: bytes) -> str:
    text = decode(head[: 64 * 1024], partial=len(head) > 64 * 1024).text
    return "" if "\x00" in text[:4096] else text.lstrip("\ufeff")


_BETWEEN = re.compile(r"[\s,]*")


def _entry_lines(text: str, list_start: int, n: int) -> np.ndarray:
    """1-based line on which each of the ``n`` entries of the JSON list opening at
    ``list_start`` (the index of its ``[``) begins, so a message can say "file:line"."""
    import numpy as np

    decoder, pos, starts = limits.json_decoder(), list_start + 1, []
    try:
        while len(starts) < n:
            pos = _BETWEEN.match(text, pos).end()
            starts.append(pos)
            _, pos = decoder.raw_decode(text, pos)
    except (json.JSONDecodeError, RecursionError):
        return np.ones(n, dtype=np.int64)
    newlines = np.array([m.start() for m in re.finditer("\n", text)], dtype=np.int64)
    return np.searchsorted(newlines, np.array(starts, dtype=np.int64)) + 1


def _load_json(text: str, path: str, what: str):
    return limits.load_json(text, path, what)


# --- Facebook ------------------------------------------------------------------------------------


def is_facebook(head: bytes, path: str) -> bool:
    return _FACEBOOK.match(_head_text(head)) is not None


def repair_mojibake(text: str) -> str:
    """Facebook writes each UTF-8 byte as its own ``\\u00XX``: undo that, leave real text alone.

    >>> repair_mojibake("Ren\\u00c3\\u00a9e"), repair_mojibake("Renée")
    ('Renée', 'Renée')
    """
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def parse_facebook(data: bytes, path: str) -> FileTable:
    """Facebook friends (``your_friends.json`` and its older names): one row per friend."""
    import numpy as np
    import pandas as pd

    fmt = "facebook-friends"
    text = decode(data).text.lstrip("\ufeff")
    doc = _load_json(text, path, "Facebook friends")
    key = next((k for k in ("friends_v2", "friends") if isinstance(doc, dict) and k in doc), None)
    if key is None or not isinstance(doc[key], list):
        found = f"keys {', '.join(sorted(doc))[:80]}" if isinstance(doc, dict) else "no object"
        raise InputError(path, f"expected a Facebook friends file with a \"friends_v2\" or "
                               f"\"friends\" list, found {found}; pass "
                               "connections/friends/your_friends.json from the export")
    entries = [e if isinstance(e, dict) else {} for e in doc[key]]
    names = pd.Series([str(e.get("name") or "") for e in entries], dtype=object)
    names = map_distinct(names, lambda n: " ".join(repair_mojibake(n).split()))
    stamps = pd.to_numeric(pd.Series([e.get("timestamp") for e in entries], dtype=object),
                           errors="coerce")
    dates = as_ns_dates(pd.to_datetime(stamps.where(stamps > 0), unit="s", errors="coerce"))
    keep = names != ""
    opening = _FACEBOOK.match(text)
    lines = (_entry_lines(text, opening.end() - 1, len(entries)) if opening
             else np.ones(len(entries), dtype=np.int64))
    return make_table(path, fmt, {"name": names, "date": dates},
                      lines, keep,
                      Counter({NO_NAME: int((~keep).sum())}))


# --- X / Twitter ---------------------------------------------------------------------------------


def is_x(head: bytes, path: str) -> bool:
    return _X.match(_head_text(head)) is not None


def parse_x(data: bytes, path: str) -> FileTable:
    """X/Twitter archive ``data/following.js`` or ``data/follower.js``: account ids, as strings
    (a JavaScript number cannot hold every 64-bit id)."""
    import pandas as pd

    fmt = "x-follows"
    text = decode(data).text.lstrip("\ufeff")
    match = _X.match(text)
    if match is None:
        raise InputError(path, "expected an X archive file starting 'window.YTD.following.part0 "
                               "= [', found something else; pass data/following.js or "
                               "data/follower.js from the archive")
    direction = match.group(1)
    body = text[match.end() - 1:]
    entries = _load_json(body, path, "X archive")
    if not isinstance(entries, list):
        raise InputError(path, "expected a list after 'window.YTD…=', found another value; pass "
                               "data/following.js or data/follower.js from the archive")
    ids = []
    for entry in entries:
        inner = entry.get(direction) if isinstance(entry, dict) else None
        value = inner.get("accountId") if isinstance(inner, dict) else None
        ids.append(str(value).strip() if value not in (None, "") else "")
    account = pd.Series(ids, dtype=object)
    keep = account != ""
    lines = _entry_lines(text, match.end() - 1, len(entries))
    columns = {"account_id": account, "url": ("https://x.com/i/user/" + account).where(keep, ""),
               "direction": direction}
    return make_table(path, fmt, columns, lines, keep, Counter({NO_ID: int((~keep).sum())}))


# --- Mastodon ------------------------------------------------------------------------------------


def _is_mastodon(cells: list[str]) -> bool:
    return bool(cells) and cells[0] == "account address"


def is_mastodon_headerless(head: bytes, path: str) -> bool:
    """Mastodon's 2017 export: no header, one ``user@domain`` a line."""
    lines = [line.strip() for line in head_lines(head) if line.strip()]
    return bool(lines) and all(len(line) <= MAX_ADDRESS_CHARS and _ADDRESS.fullmatch(line)
                               for line in lines)


def parse_mastodon(data: bytes, path: str) -> FileTable:
    """Mastodon ``following_accounts.csv``, every era: ``Account address,Show boosts,Notify on new
    posts,Languages``, the older two columns, or (2017) one address a line without a header."""
    fmt = "mastodon-following"
    decoded = decode(data).text.lstrip("\ufeff")
    synthetic = not any(
        _is_mastodon([c.strip().strip('"').lower() for c in line.split(",")])
        for line in decoded.split("\n", 30)[:30])
    if synthetic:  # the 2017 export has no header: give it the one later exports write
        data = ("Account address\n" + decoded).encode("utf-8")
    raw = read_table(data, path, _is_mastodon, what="Mastodon following_accounts.csv",
                     signature=SIGNATURES[fmt])
    address = raw.col("account address").str.lstrip("@")
    short = address.where(address.str.len() <= MAX_ADDRESS_CHARS, "")
    parts = short.str.extract(f"^{_ADDRESS.pattern}$")
    keep = parts[0].notna()
    user, domain = parts[0].fillna("").str.lower(), parts[1].fillna("").str.lower()
    columns = {"address": (user + "@" + domain).where(keep, address),
               "url": ("https://" + domain + "/@" + user).where(keep, "")}
    lines = raw.lines - 1 if synthetic else raw.lines
    return make_table(path, fmt, columns, lines, keep, Counter({NOT_ADDRESS: int((~keep).sum())}))


SOCIAL_FORMATS: list[Format] = [
    Format("facebook-friends", "Facebook friends list (JSON)",
           SIGNATURES["facebook-friends"], no_header, parse_facebook, sniff_bytes=is_facebook),
    Format("mastodon-following", "Mastodon following_accounts.csv",
           SIGNATURES["mastodon-following"], _is_mastodon, parse_mastodon,
           sniff_bytes=is_mastodon_headerless),
    Format("x-follows", "X/Twitter archive following.js / follower.js",
           SIGNATURES["x-follows"], no_header, parse_x, sniff_bytes=is_x),
]
