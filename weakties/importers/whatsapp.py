"""WhatsApp chat exports: Android's ``WhatsApp Chat with NAME.txt`` and iOS's ``_chat.txt``.

Both are one chat a file, one message a line group: a header (date, time, sender) and the text,
whose further lines follow without a header. Android writes ``12/03/2024, 19:05 - Name: text``,
iOS ``[06.03.24, 21:25:15] Name: text``; the phone's locale decides the date order, the
separators (``/ . -``), the clock (``7:05 PM``, ``7:05 p. m.``, with U+202F or U+00A0 before the
suffix) and words between date and time (Finnish ``klo``). The day/month order is decided from
the whole file (a day above 12 settles it; else the order in which the dates run forward).

A line whose header is followed by no ``Name: `` is a system line (group created, member added
or left, the encryption notice): never a message from a person. iOS attributes system lines to
the group (or the contact) and marks their text with U+200E, so known phrases in several
languages are recognised there too. Media (``<Media omitted>``, ``image omitted``) is a message
whose file is not read. Message texts are never kept: only who wrote when, in which chat, and
whom a message @-mentions.

The chat's name comes from the file name (``WhatsApp Chat with Climbing Club.txt``, or the
``WhatsApp Chat - NAME.zip`` around an iOS ``_chat.txt``); a chat is a group when it has more than
two senders or a group event (created, added, joined by link, subject changed).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from weakties.errors import InputError
from weakties.importers._csv import decode
from weakties.importers.base import FileTable, Format, make_table, no_header

if TYPE_CHECKING:  # annotations only: parsers import pandas when they parse (see base.py)
    import numpy as np

__all__ = ["WHATSAPP_FORMATS", "parse_whatsapp", "is_whatsapp"]

SIGNATURE = ("'12/03/2024, 19:05 - Name: text' (Android 'WhatsApp Chat with NAME.txt') or "
             "'[06.03.24, 21:25:15] Name: text' (iOS _chat.txt, alone or in its .zip); any "
             "locale's date order, separators and clock")

BEFORE_FIRST = "text before the first message header"
BAD_DATE = "date not valid in the file's day/month order"

#: Direction and isolation marks WhatsApp puts around names, phone numbers and system text.
_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067"
                                "\u2068\u2069\ufeff"))
_SPACES = {0x202F: " ", 0x00A0: " ", 0x2007: " "}
_CLEAN = {**_MARKS, **_SPACES}

_DATE = r"(?P<d1>\d{1,4})(?P<sep>[./-])(?P<d2>\d{1,2})(?P=sep)(?P<d3>\d{2,4})\.?"
_JOIN = r",?\s(?:klo\s|kl\.?\s|um\s|à\s|om\s|a las\s|alle\s|às\s|o\s)?"
# Chinese and Japanese write the half of the day before the time (下午7:05, 午後7:05).
_TIME = r"(?P<ap2>上午|下午|午前|午後)?(?P<h>\d{1,2})[:.](?P<m>\d{2})(?:[:.](?P<s>\d{2}))?"
_AMPM = r"(?:\s?(?P<ap>[aApP])\.?\s?[mM]\.?)?"
_ANDROID = re.compile(rf"{_DATE}{_JOIN}{_TIME}{_AMPM}\s[-–]\s(?P<rest>.*)", re.DOTALL)
_IOS = re.compile(rf"\[{_DATE}{_JOIN}{_TIME}{_AMPM}\]\s(?P<rest>.*)", re.DOTALL)

#: Group events, in the languages WhatsApp most often exports (lower case).
_GROUP_EVENTS = re.compile("|".join((
    r"created group", r"created this group", r"\badded\b", r"\bleft$", r"\bremoved\b",
    r"joined using", r"invite link", r"changed the subject", r"changed this group",
    r"changed the group", r"now an admin", r"deleted this group",
    r"hat die gruppe", r"gruppe .*erstellt", r"hinzugefügt", r"verlassen", r"entfernt",
    r"einladungslink", r"a créé le groupe", r"a ajouté", r"est parti", r"a retiré",
    r"lien d.invitation", r"creó el grupo", r"añadió", r"\bsalió\b", r"eliminó a",
    r"enlace de invitación", r"loi ryhmän", r"lisäsi", r"poistui", r"poisti", r"kutsulinki",
    r"heeft groep", r"aangemaakt", r"toegevoegd", r"is vertrokken", r"verwijderd",
    r"uitnodigingslink", r"criou o grupo", r"adicionou", r"\bsaiu\b", r"removeu",
    r"link de convite", r"ha creato il gruppo", r"ha aggiunto", r"è uscit", r"ha rimosso",
    r"link d.invito", r"skapade gruppen", r"lade till", r"lämnade", r"tog bort",
    r"inbjudningslänk",
)))
#: Notices that are no group event (they appear in one-to-one chats too).
_NOTICES = re.compile("|".join((
    r"end-to-end", r"ende-zu-ende", r"de bout en bout", r"de extremo a extremo",
    r"päästä päähän", r"de ponta a ponta", r"crittografat", r"security code",
    r"sicherheitsnummer", r"sicherheitscode", r"code de sécurité", r"código de seguridad",
    r"turvakoodi", r"beveiligingscode", r"código de segurança", r"codice di sicurezza",
    r"säkerhetskod", r"changed their phone number", r"changed to \+", r"disappearing messages",
    r"is a contact", r"tap to learn more", r"blocked this contact", r"unblocked this contact",
)))
_QUOTES = re.compile('["“”«»]')
_HALF = {"上午": "a", "午前": "a", "下午": "p", "午後": "p"}
_MEDIA = re.compile(r"^<[^<>]{3,60}>$|\bomitted$|^<attached: |^<angehängt: |"
                    r"ausgelassen>?$|omitido>?$|omis>?$|weggelaten>?$")
_PHONE = re.compile(r"\+?\d[\d \-().]{5,}\d")
_MENTION_NAME = re.compile("@\u2068([^\u2069\n]{1,80})\u2069")
_MENTION_PHONE = re.compile(r"@(\d{7,15})\b")
_CHAT_FILE = re.compile(
    r"(?i)^(?:whatsapp[ -]chat(?: with| mit| met| med| -| con|:)?|chat de whatsapp con|"
    r"discussion whatsapp avec|conversa do whatsapp com|chat whatsapp con|"
    r"whatsapp-keskustelu(?: käyttäjän)?)\s*(.+?)(?:\s*\(\d+\))?$")


def _clean(line: str) -> str:
    return line if line.isascii() else line.translate(_CLEAN)


def _header(line: str) -> re.Match[str] | None:
    """The header of a message line; ``rest`` keeps the marks (U+200E flags iOS system text,
    U+2068/U+2069 enclose @-mentioned names)."""
    if not line.isascii():  # most lines are: translating each cost a second per 150,000
        line = line.translate(_SPACES).lstrip("\u200e\u200f\ufeff ")
    return (_IOS if line.startswith("[") else _ANDROID).match(line)


def is_whatsapp(head: bytes, path: str) -> bool:
    """The first non-blank line is a WhatsApp message header (and so are more of the first)."""
    text = decode(head[: 64 * 1024], partial=len(head) > 64 * 1024).text
    if "\x00" in text[:4096]:
        return False
    lines = [line for line in text.lstrip("\ufeff").splitlines()[:30] if line.strip()]
    return bool(lines) and _header(lines[0]) is not None


def chat_name(path: str) -> str:
    """The chat's name from Android's ``WhatsApp Chat with X.txt`` or the zip of an iOS
    ``_chat.txt`` (``WhatsApp Chat - X.zip/_chat.txt``); "" when the name says nothing.

    >>> chat_name("exports/WhatsApp Chat with Climbing Club.txt")
    'Climbing Club'
    >>> chat_name("x/WhatsApp Chat - Ben Okoro.zip/_chat.txt")
    'Ben Okoro'
    """
    parts = PurePosixPath(path.replace("\\", "/")).parts
    for part in reversed(parts[-2:]):
        stem = re.sub(r"(?i)\.(txt|zip)$", "", part)
        match = _CHAT_FILE.match(_clean(stem).strip())
        if match:
            return match.group(1).strip()
    return ""


def _order(d1: np.ndarray, d2: np.ndarray, d3: np.ndarray, sep: str, twelve_hour: bool
           ) -> tuple[str, str]:
    """"ymd", "dmy" or "mdy" for the whole file, and a note when the dates could not say."""
    import numpy as np

    if (d1 > 31).any():
        return "ymd", ""
    day_first = (d1 > 12).any()
    month_first = (d2 > 12).any()
    if day_first != month_first:
        return ("dmy" if day_first else "mdy"), ""
    if not day_first:
        # No day above 12: the order in which the dates run forward (messages are in order).
        def backwards(first: np.ndarray, second: np.ndarray) -> int:
            key = d3 * 10_000 + second * 100 + first
            return int((np.diff(key) < 0).sum())

        dmy, mdy = backwards(d1, d2), backwards(d2, d1)
        if dmy != mdy:
            return ("dmy" if dmy < mdy else "mdy"), ""
        guess = "mdy" if sep == "/" and twelve_hour else "dmy"
        shown = "month/day" if guess == "mdy" else "day/month"
        return guess, (f"no date says whether it is day/month or month/day; read as {shown} "
                       f"({'12-hour clock with /' if guess == 'mdy' else 'the usual order'})")
    # Days above 12 in both places: the order that fits more lines; the rest are skipped.
    return ("dmy" if int((d2 > 12).sum()) < int((d1 > 12).sum()) else "mdy"), ""


def parse_whatsapp(data: bytes, path: str) -> FileTable:
    """One WhatsApp chat export: one row per message (media included) and per @-mention."""
    import numpy as np
    import pandas as pd

    decoded = decode(data)
    text = decoded.text.lstrip("\ufeff")
    lines = text.splitlines()
    header_rows: list[tuple[int, re.Match[str]]] = []
    before = 0
    for number, line in enumerate(lines, start=1):
        if not line or (line[0] not in "[0123456789\u200e\u200f\u202a\u2068 "):
            if not header_rows and line.strip():
                before += 1
            continue  # a continuation line: more text of the message above
        match = _header(line)
        if match is not None:
            header_rows.append((number, match))
        elif not header_rows and line.strip():
            before += 1
    if not header_rows:
        raise InputError(path, "expected a WhatsApp chat export ('12/03/2024, 19:05 - Name: "
                               "text' or '[06.03.24, 21:25:15] Name: text' lines), found no "
                               "message header; export the chat again from WhatsApp")
    n = len(header_rows)
    d1 = np.fromiter((int(m["d1"]) for _, m in header_rows), dtype=np.int64, count=n)
    d2 = np.fromiter((int(m["d2"]) for _, m in header_rows), dtype=np.int64, count=n)
    d3 = np.fromiter((int(m["d3"]) for _, m in header_rows), dtype=np.int64, count=n)
    aps = [(m["ap"] or _HALF.get(m["ap2"] or "", "")).lower() for _, m in header_rows]
    seps = Counter(m["sep"] for _, m in header_rows)
    order, order_note = _order(d1, d2, d3, seps.most_common(1)[0][0], any(aps))
    if order == "ymd":
        year, month, day = d1, d2, d3
    elif order == "dmy":
        year, month, day = d3, d2, d1
    else:
        year, month, day = d3, d1, d2
    year = np.where(year < 100, year + 2000, year)
    hour = np.fromiter((int(m["h"]) for _, m in header_rows), dtype=np.int64, count=n)
    pm = np.array([a == "p" for a in aps], dtype=bool)
    am = np.array([a == "a" for a in aps], dtype=bool)
    hour = np.where(pm & (hour < 12), hour + 12, np.where(am & (hour == 12), 0, hour))
    minute = np.fromiter((int(m["m"]) for _, m in header_rows), dtype=np.int64, count=n)
    second = np.fromiter((int(m["s"] or 0) for _, m in header_rows), dtype=np.int64, count=n)
    dates = pd.to_datetime(pd.DataFrame({"year": year, "month": month, "day": day, "hour": hour,
                                         "minute": minute, "second": second}), errors="coerce")

    name = chat_name(path)
    senders, phones, kinds, to_names, row_of = [], [], [], [], []
    system = media = 0
    group_event = False
    for i, (_, match) in enumerate(header_rows):
        rest = match["rest"]
        cut = rest.find(": ")
        if cut <= 0:
            system += 1
            group_event = group_event or bool(_GROUP_EVENTS.search(_clean(rest).lower()))
            continue
        raw_sender, body = rest[:cut], rest[cut + 2:]
        sender = _clean(raw_sender)
        if "  " in sender or sender != sender.strip():
            sender = " ".join(sender.split())
        if _QUOTES.search(sender) and (
                _GROUP_EVENTS.search(sender.lower()) or _NOTICES.search(sender.lower())):
            system += 1  # 'Eva changed the subject to "Climbing: Tuesdays"'
            group_event = True
            continue
        body_clean = _clean(body).strip()
        if body.startswith("\u200e") and not _MEDIA.search(body_clean):
            lowered = body_clean.lower()
            grouped = bool(_GROUP_EVENTS.search(lowered))
            if grouped or _NOTICES.search(lowered) or (name and sender == name):
                system += 1  # iOS: a system line attributed to the group or the contact
                group_event = group_event or grouped
                continue
        if not sender or len(sender) > 100:
            system += 1
            continue
        if _MEDIA.search(body_clean):
            media += 1
        phone = sender if _PHONE.fullmatch(sender) else ""
        senders.append(sender)
        phones.append(phone)
        kinds.append("message")
        to_names.append("")
        row_of.append(i)
        if "@" in body:
            for mention in _MENTION_NAME.findall(body):
                senders.append(sender)
                phones.append(phone)
                kinds.append("mention")
                to_names.append(" ".join(_clean(mention).split()))
                row_of.append(i)
            for digits in _MENTION_PHONE.findall(body):
                senders.append(sender)
                phones.append(phone)
                kinds.append("mention")
                to_names.append("+" + digits)
                row_of.append(i)

    rows = np.asarray(row_of, dtype=np.int64)
    row_dates = dates.iloc[rows].reset_index(drop=True) if len(rows) else dates.iloc[:0]
    bad = row_dates.isna().to_numpy()
    distinct = {s for s, k in zip(senders, kinds, strict=True) if k == "message"}
    chat_type = "group" if group_event or len(distinct) > 2 else "personal"
    line_numbers = np.array([header_rows[i][0] for i in row_of], dtype=np.int64)
    notes = []
    if order_note:
        notes.append(order_note)
    if system:
        notes.append(f"{system} system line(s) (encryption notice, members added or left, …): "
                     "not messages from a person")
    if media:
        notes.append(f"{media} media message(s) counted as messages (the media files are not "
                     "read)")
    if decoded.replaced:
        notes.append(f"{decoded.replaced} invalid UTF-8 byte(s) replaced")
    k = len(senders)
    columns = {
        "chat": path, "chat_name": name, "chat_type": chat_type,
        "kind": pd.Series(kinds, dtype=object), "sender": pd.Series(senders, dtype=object),
        "sender_id": "", "phone": pd.Series(phones, dtype=object), "email": "", "to_id": "",
        "to_name": pd.Series(to_names, dtype=object),
        "date": row_dates.astype("datetime64[ns]"),
    }
    columns = {key: (pd.Series([value] * k, dtype=object) if isinstance(value, str) else value)
               for key, value in columns.items()}
    skipped = Counter({BEFORE_FIRST: before,
                       BAD_DATE: int(bad[np.asarray(kinds, dtype=object) == "message"].sum())
                       if k else 0})
    return make_table(path, "whatsapp", columns, line_numbers, pd.Series(~bad), skipped, notes)


WHATSAPP_FORMATS: list[Format] = [
    Format("whatsapp", "WhatsApp chat export (Android .txt, iOS _chat.txt or its .zip)",
           SIGNATURE, no_header, parse_whatsapp, sniff_bytes=is_whatsapp),
]
