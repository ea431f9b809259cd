"""vCard address books (.vcf) 2.1, 3.0 and 4.0, read with vobject: the owner's contacts.

Android and Outlook write 2.1 (quoted-printable with ``=`` soft line breaks, a charset per
property), Apple and Google 3.0 (``item1.`` groups, ``\\:`` escapes, folded lines, big base64
photos), some tools 4.0. vobject does the unfolding, decoding and unescaping; this module picks
the fields a contact graph needs and says which card (by its ``BEGIN:VCARD`` line) was bad.
"""

from __future__ import annotations

import binascii
import re
from collections import Counter

import pandas as pd
import vobject
from vobject.base import ParseError

from weakties.errors import InputError
from weakties.importers._csv import decode, head_lines
from weakties.importers.base import FileTable, Format, make_table, no_header

__all__ = ["VCARD_FORMATS", "parse_vcard", "is_vcard"]

MULTI = " ::: "
NO_KEY = "no name, email or organisation"
GROUP_CARD = "a group card (KIND:group), not a person"
SIGNATURE = "BEGIN:VCARD / VERSION:2.1, 3.0 or 4.0 … END:VCARD"

_BEGIN = re.compile(r"(?im)^[ \t]*begin[ \t]*:[ \t]*vcard[ \t]*$")
_END = re.compile(r"(?im)^[ \t]*end[ \t]*:[ \t]*vcard[ \t]*$")
# Photos, logos and sounds are base64 (often 100 KiB a card): blanked before parsing, since
# vobject would decode every one of them for nothing.
_BINARY = re.compile(r"^(?:[\w-]+\.)?(photo|logo|sound|key)[;:]", re.IGNORECASE)


def is_vcard(head: bytes, path: str) -> bool:
    """A file whose first non-blank line is ``BEGIN:VCARD``."""
    lines = [line.strip() for line in head_lines(head) if line.strip()]
    return bool(lines) and "\x00" not in lines[0] and _BEGIN.fullmatch(lines[0]) is not None


def _strip_binary(lines: list[str]) -> list[str]:
    """Blank binary properties and their continuation lines (line numbers stay the same)."""
    out = list(lines)
    inside = False
    for i, line in enumerate(lines):
        if inside and line[:1] in (" ", "\t"):
            out[i] = ""
            continue
        inside = bool(_BINARY.match(line))
        if inside:
            out[i] = ""
    return out


def _card_starts(lines: list[str], path: str) -> list[int]:
    """1-based line of each top-level ``BEGIN:VCARD``; a card never closed is an error."""
    starts, depth = [], 0
    for i, line in enumerate(lines, start=1):
        if _BEGIN.fullmatch(line):
            if depth == 0:
                starts.append(i)
            depth += 1
        elif _END.fullmatch(line) and depth:
            depth -= 1
    if depth:
        raise InputError(
            path,
            "expected END:VCARD to close the card that starts here, found the end of the file; "
            "the file is cut short: export the address book again",
            line=starts[-1] if starts else None,
        )
    return starts


def _text(value: object) -> str:
    """A property value as one string (ORG is a list of units; N a Name object)."""
    if isinstance(value, list | tuple):
        value = next((str(v) for v in value if str(v).strip()), "")
    return " ".join(str(value or "").split())


def _values(card: vobject.base.Component, name: str) -> list[str]:
    return [_text(line.value) for line in card.contents.get(name, [])]


def _name_from_n(card: vobject.base.Component) -> str:
    for line in card.contents.get("n", []):
        n = line.value
        if isinstance(n, vobject.vcard.Name):
            parts = [n.prefix, n.given, n.additional, n.family, n.suffix]
            return " ".join(" ".join(_text(p) for p in parts).split())
        return " ".join(str(n).replace(";", " ").split())
    return ""


def _linkedin(card: vobject.base.Component) -> str:
    """The first LinkedIn URL among URL and X-SOCIALPROFILE properties (any ``itemN.`` group).

    Apple escapes the colon (``https\\://``) although URL values are not text: unescape it.
    """
    for name in ("url", "x-socialprofile"):
        for line in card.contents.get(name, []):
            value = str(line.value or "").replace("\\:", ":").replace("\\,", ",").strip()
            if "linkedin.com/" in value.lower():
                return value
    return ""


def _location(card: vobject.base.Component) -> str:
    for line in card.contents.get("adr", []):
        city = getattr(line.value, "city", "")
        if _text(city):
            return _text(city)
    return ""


def parse_vcard(data: bytes, path: str) -> FileTable:
    """Every card of a .vcf file as one contact row (``line`` is its ``BEGIN:VCARD`` line).

    The display name is FN, else the parts of N, else the organisation, else the first email.

    >>> t = parse_vcard(b"BEGIN:VCARD\\r\\nVERSION:3.0\\r\\nN:Jansen;Anne;;;\\r\\n"
    ...                 b"EMAIL:anne@acme.example\\r\\nEND:VCARD\\r\\n", "c.vcf")
    >>> t.frame.loc[0, ["name", "email"]].tolist(), int(t.frame.loc[0, "line"])
    (['Anne Jansen', 'anne@acme.example'], 1)
    """
    text = decode(data).text.replace("\r\n", "\n").replace("\r", "\n")
    lines = _strip_binary(text.split("\n"))
    starts = _card_starts(lines, path)
    if not starts:
        raise InputError(path, "expected vCards (BEGIN:VCARD … END:VCARD), found none; "
                               "export the address book as vCard (.vcf) again")
    try:
        cards = list(vobject.readComponents("\n".join(lines) + "\n", allowQP=True))
    except ParseError as err:
        detail = re.sub(r"^At line \d+: ", "", " ".join(str(err).split()))
        raise InputError(
            path, f"expected a vCard property line (NAME:value), found text vobject cannot read "
            f"({detail}); fix or delete that line, or export the address book again",
            line=getattr(err, "lineNumber", None)) from err
    except (ValueError, UnicodeError, binascii.Error) as err:
        raise InputError(path, f"expected vCard values in their declared encoding, found "
                               f"undecodable data ({err}); export the address book again") from err
    cards = [c for c in cards if c.name.upper() == "VCARD"]
    rows = []
    for card in cards:
        emails = list(dict.fromkeys(e for e in _values(card, "email") if "@" in e))
        rows.append({
            "fn": next((v for v in _values(card, "fn") if v), ""),
            "n": _name_from_n(card),
            "email": MULTI.join(emails),
            "organisation": next((v for v in _values(card, "org") if v), ""),
            "position": next((v for v in _values(card, "title") + _values(card, "role") if v),
                             ""),
            "location": _location(card),
            "url": _linkedin(card),
            "phone": MULTI.join(dict.fromkeys(" ".join(t.split()) for t in _values(card, "tel")
                                              if sum(c.isdigit() for c in t) >= 5)),
            "kind": next((v.lower() for v in _values(card, "kind") if v), ""),
        })
    f = pd.DataFrame(rows, columns=["fn", "n", "email", "organisation", "position", "location",
                                    "url", "phone", "kind"])
    name = f["fn"].where(f["fn"] != "", f["n"])
    name = name.where(name != "", f["organisation"])
    name = name.where(name != "", f["email"].str.split(MULTI, regex=False).str[0].fillna(""))
    group = f["kind"] == "group"
    empty = (name == "") & (f["url"] == "")
    skipped = Counter({GROUP_CARD: int(group.sum()), NO_KEY: int((empty & ~group).sum())})
    line_numbers = starts[: len(f)] if len(starts) >= len(f) else [1] * len(f)
    columns = {"name": name, "email": f["email"], "organisation": f["organisation"],
               "position": f["position"], "location": f["location"], "url": f["url"],
               "phone": f["phone"]}
    return make_table(path, "vcard", columns, line_numbers, ~(group | empty), skipped)


VCARD_FORMATS: list[Format] = [
    Format("vcard", "vCard address book (.vcf 2.1, 3.0, 4.0)", SIGNATURE,
           no_header, parse_vcard, sniff_bytes=is_vcard),
]
