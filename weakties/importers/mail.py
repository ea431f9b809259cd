"""Mail: an mbox (Google Takeout, Thunderbird, Apple Mail) or one ``.eml`` message, headers only.

Who was on each message (From, To, Cc, and Bcc in the sender's own copy) and when, as the
co-participation table of :data:`~weakties.importers.base.PARTICIPATION_COLUMNS` (kind ``mail``).
Bodies are never decoded, stored or written: the mbox is read as a stream in large chunks, the
header block of each message is searched for the dozen headers used, and the body is skipped by
looking for the next line that starts with ``From `` (mbox writers escape such lines in bodies
as ``>From ``), without parsing MIME. Memory stays bounded whatever the file's size.

Skipped and counted, never fatal: Gmail's ``Spam``, ``Trash`` (``Bin``) and ``Draft`` labels;
bulk mail (``List-Id``, ``List-Unsubscribe``, ``Precedence: bulk/list/junk``, an
``Auto-Submitted`` other than ``no``, a no-reply or mailer-daemon sender); the same Message-ID
twice; a header block over :data:`MAX_HEADER_BYTES`; a last message cut inside its headers;
malformed addresses and dates (the message is kept without them). RFC 2047 encoded words in
names and labels are decoded with the standard library (``email.header``), addresses split with
``email.utils.getaddresses``. A message Gmail labels ``Sent`` marks its From as the owner.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from email.header import decode_header, make_header
from email.utils import getaddresses, parsedate_to_datetime
from typing import TYPE_CHECKING, BinaryIO

from weakties.errors import InputError
from weakties.importers.base import COLUMNS, FileTable, Format, no_header

if TYPE_CHECKING:  # annotations only: parsers import pandas when they parse (see base.py)
    import pandas as pd

__all__ = ["MAIL_FORMATS", "MAX_HEADER_BYTES", "parse_mbox_stream", "parse_eml",
           "sniff_mbox", "sniff_eml"]

#: A message's header block larger than this is skipped (counted): real ones are a few KB
#: (Gmail's with every Received and ARC line ~10 KB); a 1 MB header is damage or an attack.
MAX_HEADER_BYTES = 256 * 1024
_CHUNK = 8 * 1024 * 1024

_WANTED = (rb"from|to|cc|bcc|date|message-id|list-id|list-unsubscribe|precedence"
           rb"|auto-submitted|x-gmail-labels")
#: A wanted header at a line start ("\n" + name: the regex engine skips to each "\n" with a
#: fast scan, where "^" in MULTILINE mode tries every byte), with its folded continuation lines.
_HEADER = re.compile(rb"\n(" + _WANTED + rb")[ \t]*:[ \t]*([^\n]*(?:\n[ \t][^\n]*)*)",
                     re.IGNORECASE)
_NAMES = {n.encode(): n.lower() for n in ("From", "To", "Cc", "Date", "Message-ID", "Message-Id",
                                  "X-Gmail-Labels", "List-Id", "List-Unsubscribe")}
_FOLD = re.compile(rb"\r?\n[ \t]+")
#: Senders no person writes from: no-reply and bounce addresses, notification robots
#: (``calendar-notification@google.com``, ``notifications@github.com``).
_NO_REPLY = re.compile(r"[^@]*(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer[-_.]daemon"
                       r"|notifications?)[^@]*@|(?:postmaster|bounces?)(?:[-+_.][^@]*)?@",
                       re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
#: One entry of an address list: up to a comma outside quotes and angle brackets (a group's
#: ``name:`` and ``;`` stay with their entries and are handled by ``getaddresses``).
_ENTRY = re.compile(r'(?:"(?:[^"\\]|\\.)*"|<[^>]*>|[^,"<])+')
_BAD = ("", "")  # marker of a malformed entry (never a real result: an address is required)
_SKIP_LABELS = {"spam": "messages labelled Spam", "trash": "messages labelled Trash",
                "bin": "messages labelled Trash", "draft": "drafts (never sent)",
                "drafts": "drafts (never sent)"}
_NO_LABELS: frozenset[str] = frozenset()
_BULK = (b"bulk", b"list", b"junk")
#: The first line of an mbox message: "From " + a sender (or "-", or "MAILER-DAEMON") + a date.
_FROM_LINE = re.compile(rb"From \S+ .*\d")
_HEADER_LINE = re.compile(rb"[!-9;-~]+[ \t]*:")
_MAIL_HEADERS = re.compile(rb"(?im)^(from|date|message-id|received|return-path|delivered-to"
                           rb"|x-gm-thrid|to|subject|mime-version)[ \t]*:")


def _looks_like_headers(block: bytes) -> bool:
    """The lines of ``block`` (up to its first blank line) are RFC 5322 header lines, and at
    least two of them are headers every mail has."""
    lines = block.replace(b"\r\n", b"\n").split(b"\n\n", 1)[0].split(b"\n")[:40]
    if not lines or not lines[0]:
        return False
    ok = all(_HEADER_LINE.match(line) or line[:1] in (b" ", b"\t") for line in lines if line)
    return ok and len(_MAIL_HEADERS.findall(block[:16384])) >= 2


def sniff_mbox(head: bytes, path: str) -> bool:
    """An mbox starts with a ``From sender date`` line followed by a mail's headers.

    >>> sniff_mbox(b"From 1@xxx Mon Jan 01 00:00:00 +0000 2024\\r\\nFrom: a@x\\r\\n"
    ...            b"Date: Mon, 1 Jan 2024 00:00:00 +0000\\r\\n\\r\\nhi\\r\\n", "x.mbox")
    True
    >>> sniff_mbox(b"From the desk of Anne: 2024 plans\\nTo do: more\\n", "notes.txt")
    False
    """
    first, _, rest = head.partition(b"\n")
    return bool(_FROM_LINE.match(first)) and _looks_like_headers(rest)


def sniff_eml(head: bytes, path: str) -> bool:
    """One message saved as a file (``.eml``): header lines from the first line on, with From."""
    return (re.search(rb"(?im)^from[ \t]*:", head[:16384]) is not None
            and _looks_like_headers(head))


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


class _Messages:
    """Accumulates the rows of the messages of one file."""

    def __init__(self, path: str):
        self.path = path
        #: (event, role, name, email, owner, line, date) per participant.
        self.rows: list[tuple] = []
        self.skipped: Counter[str] = Counter()
        self.read = 0
        self.kept = 0
        self.seen_ids: set[int] = set()
        self._header_cache: dict[bytes, tuple[list[tuple[str, str]], int]] = {}
        self._addr_cache: dict[str, tuple[str, str] | tuple[()]] = {}
        self._label_cache: dict[bytes, frozenset[str]] = {}

    def _decode(self, text: str) -> str:
        if "=?" not in text:
            return text
        try:
            return str(make_header(decode_header(text)))
        except (LookupError, UnicodeError, ValueError, AssertionError):
            self.skipped["names with undecodable encoded words (kept as written)"] += 1
            return text

    def _addresses(self, raw: bytes) -> list[tuple[str, str]]:
        """(name, case-folded address) of each entry of an address header, malformed ones
        counted. Entries are split at commas outside quotes and angle brackets, and each
        distinct entry is parsed once with ``email.utils.getaddresses`` (a mailbox names the
        same few thousand people again and again)."""
        whole = self._header_cache.get(raw)  # a From line repeats on every message it sent
        if whole is not None:
            out, bad = whole
            if bad:
                self.skipped["malformed addresses (left out)"] += bad
            return out
        text = _text(_FOLD.sub(b" ", raw)) if b"\n" in raw else _text(raw)
        out = []
        bad = 0
        cache = self._addr_cache
        for item in _ENTRY.findall(text):
            parsed = cache.get(item)
            if parsed is None:
                parsed = self._parse_entry(item)
                if len(cache) > 200_000:
                    cache.clear()
                cache[item] = parsed
            if parsed is _BAD:
                bad += 1
            elif parsed:
                out.append(parsed)
        if bad:
            self.skipped["malformed addresses (left out)"] += bad
        if len(self._header_cache) > 100_000:
            self._header_cache.clear()
        self._header_cache[raw] = (out, bad)
        return out

    def _parse_entry(self, item: str) -> tuple[str, str] | tuple[()]:
        """One entry of an address list; ``()`` for an empty one (``undisclosed-recipients:;``),
        :data:`_BAD` for a malformed one."""
        try:
            pairs = getaddresses([item])
        except (ValueError, IndexError, TypeError):
            return _BAD
        found: tuple[str, str] | tuple[()] = ()
        for name, addr in pairs:
            addr = addr.strip().casefold()
            if not addr and not name:
                continue
            if addr.count("@") != 1 or _CONTROL.search(addr) or " " in addr or \
                    addr.startswith("@") or addr.endswith("@"):
                return _BAD
            name = _CONTROL.sub(" ", self._decode(name)).strip().strip("'\"").strip()
            found = (name, addr)
        return found

    def _labels(self, raw: bytes) -> frozenset[str]:
        cached = self._label_cache.get(raw)
        if cached is None:
            text = self._decode(_text(_FOLD.sub(b" ", raw)))
            cached = frozenset(part.strip().casefold() for part in text.split(","))
            if len(self._label_cache) > 10_000:
                self._label_cache.clear()
            self._label_cache[raw] = cached
        return cached

    def add(self, number: int, line: int, block: bytes) -> None:
        """One message's header block (bytes up to the blank line)."""
        self.read += 1
        names = _NAMES
        # The first of a repeated header wins: build from the last one back.
        fields = {names.get(n) or n.lower().decode("ascii"): v
                  for n, v in reversed(_HEADER.findall(b"\n" + block))}
        get = fields.get
        raw_labels = get("x-gmail-labels")
        labels = self._labels(raw_labels) if raw_labels else _NO_LABELS
        if labels and not labels.isdisjoint(_SKIP_LABELS):
            self.skipped[_SKIP_LABELS[min(labels & _SKIP_LABELS.keys())]] += 1
            return
        if "list-id" in fields or "list-unsubscribe" in fields:
            self.skipped["bulk mail: mailing lists and newsletters (List-Id, "
                         "List-Unsubscribe)"] += 1
            return
        if "precedence" in fields and fields["precedence"].strip().lower() in _BULK:
            self.skipped["bulk mail: Precedence bulk, list or junk"] += 1
            return
        if "auto-submitted" in fields and fields["auto-submitted"].strip().lower() != b"no":
            self.skipped["automatic mail (Auto-Submitted)"] += 1
            return
        raw_from = get("from")
        senders = self._addresses(raw_from) if raw_from else []
        if senders and _NO_REPLY.match(senders[0][1]):
            self.skipped["bulk mail: no-reply or mailer-daemon senders"] += 1
            return
        mid = get("message-id")
        if mid:
            key = hash(mid.strip())
            if key in self.seen_ids:
                self.skipped["the same message twice (same Message-ID)"] += 1
                return
            self.seen_ids.add(key)
        event = str(number)
        raw_date = get("date")
        date = _text(raw_date).strip() if raw_date else ""
        rows = self.rows
        before = len(rows)
        if senders:
            name, addr = senders[0]
            rows.append((event, "from", name, addr, "sent" in labels, line, date))
        else:
            self.skipped["messages without a readable From (kept)"] += 1
        for role in ("to", "cc", "bcc"):
            raw = get(role)
            if raw:
                for name, addr in self._addresses(raw):
                    rows.append((event, role, name, addr, False, line, date))
        if len(rows) > before:
            self.kept += 1
        else:
            self.skipped["messages without any readable address"] += 1

    def table(self, fmt: str) -> FileTable:
        import numpy as np
        import pandas as pd

        n = len(self.rows)
        cols = list(zip(*self.rows, strict=True)) if n else [()] * 7
        self.rows = []
        event, role, name, email, owner, line, dates = cols
        frame = pd.DataFrame({
            "event": pd.Series(event, dtype=object), "kind": "mail",
            "role": pd.Series(role, dtype=object),
            "name": pd.Series(name, dtype=object),
            "email": pd.Series(email, dtype=object),
            "phone": "", "handle": "",
            "owner": np.asarray(owner, dtype=bool),
            "date": self._parse_dates(pd.Series(dates, dtype=object), event),
            "line": np.asarray(line, dtype=np.int64),
        }, index=range(n))
        frame = frame[COLUMNS[fmt]]
        notes = [f"{self.read:,} messages read, {self.kept:,} kept (headers only)"]
        return FileTable(path=self.path, format=fmt, frame=frame, rows=len(frame),
                         skipped=Counter({k: v for k, v in self.skipped.items() if v}),
                         notes=notes)

    def _parse_dates(self, raw: pd.Series, event) -> pd.Series:
        """RFC 5322 dates, vectorised for the common form; the rest one distinct value at a
        time with ``email.utils``. Naive UTC; unreadable ones NaT and counted per message."""
        import pandas as pd

        if raw.empty:
            return pd.Series(pd.NaT, index=raw.index, dtype="datetime64[ns]")
        # Every participant row repeats its message's date: parse each distinct text once.
        codes, uniques = pd.factorize(raw)
        return pd.Series(self._parse_distinct(pd.Series(uniques, dtype=object), event, codes)
                         .to_numpy()[codes], index=raw.index)

    def _parse_distinct(self, raw: pd.Series, event, codes) -> pd.Series:
        import pandas as pd

        clean = raw.str.replace(r"\s*\([^)]*\)\s*$", "", regex=True).str.strip()
        parsed = pd.to_datetime(clean, format="%a, %d %b %Y %H:%M:%S %z", errors="coerce",
                                utc=True)
        missing = parsed.isna() & (clean != "")
        if missing.any():
            fallback = {}
            for text in clean[missing].unique().tolist():
                try:
                    value = pd.Timestamp(parsedate_to_datetime(text))
                    value = value.tz_convert("UTC") if value.tzinfo else value.tz_localize("UTC")
                except (TypeError, ValueError, IndexError, OverflowError):
                    value = pd.NaT
                fallback[text] = value
            parsed = parsed.where(~missing, pd.to_datetime(clean[missing].map(fallback),
                                                            utc=True, errors="coerce"))
        bad = parsed.isna().to_numpy()[codes]
        events = pd.Series(event, dtype=object)
        n_bad = int(events[bad].nunique())
        if n_bad:
            self.skipped["messages with a missing or malformed Date (kept, undated)"] += n_bad
        return parsed.dt.tz_localize(None).astype("datetime64[ns]")


def _blocks(fh: BinaryIO, display: str, out: _Messages) -> Iterator[tuple[int, int, bytes]]:
    """(message number, line of its ``From `` line, header block) of every message of an mbox
    stream; bodies are skipped with ``bytes.find`` over large chunks."""
    buf = b""
    off = 0  # start of the unprocessed part of buf
    line = 1  # line number at buf[off]
    eof = False

    def fill() -> bool:
        nonlocal buf, off, eof
        if eof:
            return False
        more = fh.read(_CHUNK)
        if not more:
            eof = True
            return False
        buf = buf[off:] + more
        off = 0
        return True

    def advance(to: int) -> None:
        nonlocal off, line
        line += buf.count(b"\n", off, to)
        off = to

    fill()
    if not buf.startswith(b"From "):
        raise InputError(display, "not an mbox: expected a first line 'From <sender> <date>'")
    number = 0
    while off < len(buf) or fill():
        number += 1
        start_line = line
        end = -1
        while True:
            nl = buf.find(b"\n", off, off + MAX_HEADER_BYTES)
            if nl != -1:
                # Bounded searches: a CRLF file has no "\n\n", and an unbounded find would scan
                # the rest of the chunk for every message.
                stop = off + MAX_HEADER_BYTES + 3
                # The From line's ending says which blank line to look for first (CRLF in
                # Gmail's, LF in Thunderbird's); the other is looked for only before it.
                if buf[nl - 1:nl] == b"\r":
                    b = buf.find(b"\n\r\n", nl, stop)
                    a = buf.find(b"\n\n", nl, b if b != -1 else stop)
                else:
                    a = buf.find(b"\n\n", nl, stop)
                    b = buf.find(b"\n\r\n", nl, a if a != -1 else stop)
                if a != -1 and (b == -1 or a < b):
                    end = a + 2
                elif b != -1:
                    end = b + 3
            if end != -1 and end - off <= MAX_HEADER_BYTES:
                break
            if end != -1 or len(buf) - off > MAX_HEADER_BYTES:
                out.skipped[f"messages with a header block over {MAX_HEADER_BYTES // 1024} KiB "
                            "(skipped)"] += 1
                end = -2
                break
            if not fill():
                break
        if end == -1:  # the file ends inside this message's headers
            out.skipped["last message cut inside its headers (truncated file; skipped)"] += 1
            advance(len(buf))
            return
        if end >= 0:
            yield number, start_line, buf[nl + 1:end]
            search = end - 1  # an empty body: the next From line follows the blank line
        else:
            search = off
        # Skip the body: the next line starting with "From ".
        while True:
            nxt = buf.find(b"\nFrom ", max(search, off))
            if nxt != -1:
                advance(nxt + 1)
                break
            keep = max(len(buf) - 6, off)
            advance(keep)
            if not fill():
                advance(len(buf))
                return
            search = off


def parse_mbox_stream(fh: BinaryIO, display: str) -> FileTable:
    """The participants of every message of an mbox stream (read once, memory bounded)."""
    out = _Messages(display)
    for number, line, block in _blocks(fh, display, out):
        out.add(number, line, block)
    return out.table("mbox")


def parse_mbox(data: bytes, display: str) -> FileTable:
    import io

    return parse_mbox_stream(io.BytesIO(data), display)


def parse_eml(data: bytes, display: str) -> FileTable:
    """One message saved on its own (``.eml``): its header block, up to the first blank line."""
    out = _Messages(display)
    a, b = data.find(b"\n\n"), data.find(b"\n\r\n")
    ends = [i for i in (a, b) if i != -1]
    block = data[:min(ends) + 1] if ends else data
    if len(block) > MAX_HEADER_BYTES:
        out.read += 1
        out.skipped[f"messages with a header block over {MAX_HEADER_BYTES // 1024} KiB "
                    "(skipped)"] += 1
    else:
        out.add(1, 1, block)
    return out.table("eml")


MAIL_FORMATS = [
    Format("mbox", "mbox mailbox (Google Takeout, Thunderbird, Apple Mail)",
           "first line 'From <sender> <date>', then mail headers", no_header, parse_mbox,
           sniff_bytes=sniff_mbox, parse_stream=parse_mbox_stream),
    Format("eml", "one mail message (.eml)",
           "mail headers from the first line (From:, Date:, …)", no_header, parse_eml,
           sniff_bytes=sniff_eml),
]
