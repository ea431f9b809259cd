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
from typing import TYPE_CHECKING

from weakties.errors import InputError
from weakties.importers._csv import decode, head_lines
from weakties.importers.base import FileTable, Format, make_table, no_header

if TYPE_CHECKING:  # vobject is imported when a card is read (see base.py)
    import vobject

__all__ = ["VCARD_FORMATS", "parse_vcard", "is_vcard"]

MULTI = " ::: "
NO_KEY = "no name, email or organisation"
GROUP_CARD = "a group card (KIND:group), not a person"
SIGNATURE = "BEGIN:VCARD / VERSION:2.1, 3.0 or 4.0 … END:VCARD"
UNREADABLE_VALUE = "a value in a charset or encoding that cannot be decoded"
TOO_DEEP = "cards nested more than 3 deep (vCard 2.1's AGENT nests one)"
#: Cards nested in a card (vCard 2.1's AGENT holds one): more is no address book, and vobject
#: reads nesting by recursion.
MAX_NESTING = 3

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


def _unfold(lines: list[str]) -> list[str]:
    """Join folded lines (a continuation starts with a space or tab) and quoted-printable soft
    line breaks (a QP value ending in ``=``) into their first line, in one pass; the lines
    taken become blank, so line numbers stay those of the file.

    vobject does this itself by copying the logical line so far at every physical line: a
    value folded over 500,000 lines took hours. A blank line ends a logical line, as there.
    """
    out = list(lines)
    head = -1  # index of the logical line being built, -1 when none
    parts: list[str] = []
    qp = is_qp = False

    def close() -> None:
        if head >= 0 and len(parts) > 1:
            out[head] = "".join(parts)

    for i, line in enumerate(lines):
        if not line.strip():
            close()
            head, parts, qp = -1, [], False
            continue
        if head >= 0 and qp:
            parts[-1] = parts[-1][:-1]  # the soft break's "=": QP decoding would drop it too
            parts.append(line)
            out[i] = ""
        elif head >= 0 and line[0] in " \t":
            parts.append(line[1:])
            out[i] = ""
        else:
            close()
            head, parts = i, [line]
            is_qp = "quoted-printable" in line.split(":", 1)[0].lower()
        qp = is_qp and line.endswith("=")
    close()
    return out


def _cards(lines: list[str], path: str) -> list[tuple[int, int, int]]:
    """``(first, last, depth)`` 0-based line range of each top-level card and how deep cards
    nest in it; a card never closed is an error."""
    cards, depth, deepest, start = [], 0, 0, 0
    for i, line in enumerate(lines):
        if _BEGIN.fullmatch(line):
            if depth == 0:
                start, deepest = i, 0
            depth += 1
            deepest = max(deepest, depth)
        elif _END.fullmatch(line) and depth:
            depth -= 1
            if depth == 0:
                cards.append((start, i, deepest))
    if depth:
        raise InputError(
            path,
            "expected END:VCARD to close the card that starts here, found the end of the file; "
            "the file is cut short: export the address book again",
            line=start + 1,
        )
    return cards


def _text(value: object) -> str:
    """A property value as one string (ORG is a list of units; N a Name object)."""
    if isinstance(value, list | tuple):
        value = next((str(v) for v in value if str(v).strip()), "")
    return " ".join(str(value or "").split())


def _values(card: vobject.base.Component, name: str) -> list[str]:
    return [_text(line.value) for line in card.contents.get(name, [])]


def _name_from_n(card: vobject.base.Component) -> str:
    import vobject

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


def _read_card(lines: list[str], first: int, last: int,
               path: str) -> vobject.base.Component | None:
    """One card (already unfolded) read by vobject; None when a value cannot be decoded (a
    charset Python does not know, two ENCODING parameters, bad base64 or QP): that card is
    counted as skipped. A line that is no property at all is an error with its line."""
    import vobject
    from vobject.base import ParseError

    numbers = [i for i in range(first, last + 1) if lines[i]]  # blank lines cost vobject time
    try:
        return vobject.readOne("\n".join(lines[i] for i in numbers) + "\n", allowQP=True)
    except ParseError as err:
        detail = re.sub(r"^At line \d+: ", "", " ".join(str(err).split()))
        number = getattr(err, "lineNumber", None)
        raise InputError(
            path, f"expected a vCard property line (NAME:value), found text vobject cannot read "
            f"({detail}); fix or delete that line, or export the address book again",
            line=numbers[min(number, len(numbers)) - 1] + 1 if number else first + 1) from err
    except (ValueError, UnicodeError, binascii.Error, LookupError, TypeError, AttributeError):
        # LookupError: CHARSET=x-unknown; TypeError: ENCODING given twice (vobject passes the
        # list of both to bytes.decode).
        return None


def parse_vcard(data: bytes, path: str) -> FileTable:
    """Every card of a .vcf file as one contact row (``line`` is its ``BEGIN:VCARD`` line).

    The display name is FN, else the parts of N, else the organisation, else the first email.

    >>> t = parse_vcard(b"BEGIN:VCARD\\r\\nVERSION:3.0\\r\\nN:Jansen;Anne;;;\\r\\n"
    ...                 b"EMAIL:anne@acme.example\\r\\nEND:VCARD\\r\\n", "c.vcf")
    >>> t.frame.loc[0, ["name", "email"]].tolist(), int(t.frame.loc[0, "line"])
    (['Anne Jansen', 'anne@acme.example'], 1)
    """
    import pandas as pd

    text = decode(data).text.replace("\r\n", "\n").replace("\r", "\n")
    lines = _unfold(_strip_binary(text.split("\n")))
    found = _cards(lines, path)
    if not found:
        raise InputError(path, "expected vCards (BEGIN:VCARD … END:VCARD), found none; "
                               "export the address book as vCard (.vcf) again")
    cards, starts = [], []
    damaged: Counter[str] = Counter()
    for first, last, depth in found:
        if depth > MAX_NESTING:
            damaged[TOO_DEEP] += 1
            continue
        card = _read_card(lines, first, last, path)
        if card is None:
            damaged[UNREADABLE_VALUE] += 1
        elif card.name.upper() == "VCARD":
            cards.append(card)
            starts.append(first + 1)
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
    skipped = Counter({GROUP_CARD: int(group.sum()), NO_KEY: int((empty & ~group).sum()),
                       **damaged})
    line_numbers = starts
    columns = {"name": name, "email": f["email"], "organisation": f["organisation"],
               "position": f["position"], "location": f["location"], "url": f["url"],
               "phone": f["phone"]}
    return make_table(path, "vcard", columns, line_numbers, ~(group | empty), skipped)


VCARD_FORMATS: list[Format] = [
    Format("vcard", "vCard address book (.vcf 2.1, 3.0, 4.0)", SIGNATURE,
           no_header, parse_vcard, sniff_bytes=is_vcard),
]
