"""Robust CSV reading for exports that spreadsheets have re-saved: encoding, delimiter, header.

Hostile or mangled files end in an :class:`InputError`, never in a traceback or a hang: binary
data and NUL bytes are refused (with the line when the header was readable), a field longer than
:data:`MAX_FIELD_CHARS` is refused with its line and column, a file of more than
:data:`MAX_LINES` lines is refused before parsing, and rows are read in chunks of
:data:`CHUNK_ROWS` with empty rows dropped per chunk, so a file of a million empty rows costs
memory for the rows that hold something, not for every line. The size of a whole file is bounded
before it gets here (:mod:`weakties.importers.inputs`).
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import re
import unicodedata
import warnings
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from weakties.errors import InputError

if TYPE_CHECKING:  # annotations only: parsers import pandas when they parse (see base.py)
    import numpy as np
    import pandas as pd

__all__ = [
    "CHUNK_BYTES",
    "CHUNK_ROWS",
    "DATE_FORMATS",
    "HEAD_LINES",
    "MAX_COLUMNS",
    "MAX_FIELD_CHARS",
    "MAX_HEADER_CHARS",
    "MAX_LINES",
    "RESAVED_DATE_FORMATS",
    "Decoded",
    "RawTable",
    "any_match",
    "map_distinct",
    "as_ns_dates",
    "decode",
    "describe_head",
    "find_header",
    "head_lines",
    "header_candidates",
    "normalise_cell",
    "parse_dates",
    "parse_dates_counted",
    "parse_numbers",
    "read_table",
    "sniff_delimiter",
    "split_line",
    "strip_spaces",
]

#: How many physical lines the header may be preceded by (LinkedIn's preamble is 3 lines; Excel
#: re-saves keep or shrink it). The registry reads no further than this.
HEAD_LINES = 30
#: Bytes decoded to find the header: enough for 30 lines of any real export header.
_HEAD_BYTES = 64 * 1024
#: Most columns a header may have. Google's contacts export, the widest, has ~90 to ~200
#: (its column groups repeat as far as the widest contact needs); a line of 20,000 commas
#: before a real header is no header, and pandas' per-column work on it took minutes.
MAX_COLUMNS = 2_000
#: Longest line taken as a header, in characters: what the sniffing window holds. Google's
#: widest contacts header is ~3,000 characters.
MAX_HEADER_CHARS = _HEAD_BYTES

#: Longest field accepted, in characters. LinkedIn's longest fields (a message's CONTENT, a
#: profile summary, a recommendation's text) stay under ~8,000 characters; a field 100 times
#: longer is not an export as LinkedIn wrote it, and every later step (identity keys, labels)
#: does per-character work on the values it keeps.
MAX_FIELD_CHARS = 1024 * 1024
#: Most physical lines a file may have. A heavy LinkedIn user's messages.csv has a few million
#: (a message's CONTENT may span lines), Connections.csv at most 30,000 rows, and a graph of
#: this many ties is already more than networkx holds in this machine's memory. Counted before
#: parsing, so a file of blank lines is refused at once instead of parsed for minutes.
MAX_LINES = 25_000_000
#: Rows parsed at a time: empty rows are dropped per chunk, so they never pile up in memory.
CHUNK_ROWS = 500_000
#: Bytes of a file parsed at a time, roughly (rows per chunk from the file's mean line length).
#: pandas holds a chunk's cells as Python strings (up to 4 bytes a character, plus ~50 each)
#: before they go to pyarrow: 63 MB of group-conversation messages in one chunk took ~150 MB
#: more at the peak than in chunks of 16 MiB, for the same time.
CHUNK_BYTES = 16 * 1024 * 1024

#: Bytes of a file pyarrow's CSV reader parses at a time (:func:`_read_arrow`). 16 MiB blocks
#: took A2's peak memory (the system allocator: see ``cli._system_arrow_allocator``) from 325 to
#: 430 MB; 4 MiB keeps it near pandas' chunks, for the same time (1 MiB: +10% of CPU).
ARROW_BLOCK_BYTES = 4 * 1024 * 1024

_DELIMITERS = (",", "\t", ";")  # ties go to the earlier one: "," is LinkedIn's own

# Encodings a spreadsheet may re-save a CSV in; the order breaks ties in the heuristic.
_LEGACY_ENCODINGS = ("cp1252", "mac_roman")


@dataclass(frozen=True)
class Decoded:
    """Text of a file and how it was decoded (so a summary can say "re-saved as cp1252")."""

    text: str
    #: Python codec used: utf-8, utf-8-sig, utf-16-le, utf-16-be, cp1252 or mac_roman.
    encoding: str
    #: Invalid UTF-8 bytes replaced by U+FFFD (a mostly-UTF-8 file with a few broken bytes).
    replaced: int = 0

    @property
    def legacy(self) -> bool:
        """Decoded with a single-byte code page: the file was re-saved, not as LinkedIn wrote it."""
        return self.encoding in _LEGACY_ENCODINGS


def _decode_with(data: bytes, encoding: str, errors: str, partial: bool) -> str:
    # An incremental decoder keeps a multi-byte character cut at the end of a partial read
    # from counting as an encoding error.
    if partial:
        return codecs.getincrementaldecoder(encoding)(errors).decode(data, final=False)
    return data.decode(encoding, errors)


def _looks_utf16(sample: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII text has a NUL in every other byte."""
    if len(sample) < 8:
        return None
    half = len(sample) // 2
    odd_nuls, even_nuls = sample[1::2].count(0), sample[0::2].count(0)
    if odd_nuls > 0.6 * half and even_nuls < 0.1 * half:
        return "utf-16-le"
    if even_nuls > 0.6 * half and odd_nuls < 0.1 * half:
        return "utf-16-be"
    return None


def _oddness(text: str) -> int:
    """Count characters that a wrong code page typically produces.

    Used to choose between cp1252 and Mac Roman, which both decode almost any byte. A wrong
    choice turns accented letters into symbols (``ø`` → ``¯``, ``ü`` → ``¸``), control
    characters, or capitals in the middle of a lower-case word (``José`` → ``JosÈ``); the right
    one gives letters and typographic punctuation. The lower score wins; ties go to cp1252.
    """
    score = 0
    for match in re.finditer(r"[^\x00-\x7f]", text[:200_000]):
        char, i = match.group(), match.start()
        category = unicodedata.category(char)
        if category[0] == "C" or category in ("Sm", "Sk", "So"):
            score += 1
        elif char.isupper() and i > 0 and text[i - 1].isalpha():
            after = text[i + 1] if i + 1 < len(text) else ""
            if text[i - 1].islower() or after.islower():
                score += 1
    return score


def decode(data: bytes, *, partial: bool = False) -> Decoded:
    """Decode an export's bytes, whatever a spreadsheet did to them.

    BOM first (UTF-8, UTF-16LE/BE: the legacy ``Endorsement Received Info.csv`` is UTF-16LE),
    then strict UTF-8 (what LinkedIn writes), then UTF-8 with a few bad bytes replaced when the
    rest is clearly UTF-8, else cp1252 or Mac Roman, whichever reads more like text
    (see :func:`_oddness`). ``partial=True`` decodes a prefix of a file.
    """
    if data.startswith(codecs.BOM_UTF8):
        inner = decode(data[len(codecs.BOM_UTF8) :], partial=partial)
        encoding = "utf-8-sig" if inner.encoding == "utf-8" else inner.encoding
        return Decoded(inner.text, encoding, inner.replaced)
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            text = _decode_with(data[len(bom) :], encoding, "replace", partial)
            return Decoded(text, encoding)
    utf16 = _looks_utf16(data[:4096])
    if utf16:
        return Decoded(_decode_with(data, utf16, "replace", partial), utf16)
    try:
        return Decoded(_decode_with(data, "utf-8", "strict", partial), "utf-8")
    except UnicodeDecodeError:
        pass
    lenient = _decode_with(data, "utf-8", "replace", partial)
    replaced = lenient.count("\ufffd") - data.count("\ufffd".encode())
    valid_non_ascii = sum(1 for _ in re.finditer(r"[^\x00-\x7f\ufffd]", lenient))
    if valid_non_ascii >= replaced:
        # Real multi-byte characters outnumber the broken bytes: a UTF-8 file with damage,
        # not a code-page file (which almost never forms valid UTF-8 sequences by chance).
        return Decoded(lenient, "utf-8", replaced)
    candidates: list[tuple[int, int, str, str]] = []
    for rank, encoding in enumerate(_LEGACY_ENCODINGS):
        try:
            text = _decode_with(data, encoding, "strict", partial)
        except UnicodeDecodeError:  # cp1252 leaves five bytes undefined
            continue
        candidates.append((_oddness(text), rank, encoding, text))
    _, _, encoding, text = min(candidates)
    return Decoded(text, encoding)


def _check_text(data: bytes, path: str) -> None:
    """Refuse a zip early, with a message that says what to do with it."""
    if data.startswith(b"PK\x03\x04"):
        raise InputError(
            path,
            "expected a CSV file, found a zip archive; pass the archive as an input of its own "
            "or unzip it and pass the CSV inside",
        )


def _check_nul(text: str, path: str, header_line: int | None) -> None:
    """Refuse NUL bytes: binary data before (or instead of) a header, damage after it.

    Decoded text never holds a NUL otherwise (UTF-16 is decoded first), and pandas' C parser
    would silently cut a field at one.
    """
    at = text.find("\x00")
    if at < 0:
        return
    line = text.count("\n", 0, at) + 1
    if header_line is None or line <= header_line:
        raise InputError(
            path,
            "expected a CSV text file, found binary data (NUL bytes); "
            "pass the .csv file from the export, not a spreadsheet or another file",
        )
    raise InputError(
        path,
        "expected text, found a NUL byte (binary data) on this line: the file is damaged; "
        "export it again, or delete that row",
        line=line,
    )


def sniff_delimiter(line: str) -> str:
    """The delimiter of a header line: the most frequent of ``,`` tab ``;`` outside quotes.

    Excel in many European locales re-saves with ``;``; the legacy endorsements file uses tabs.
    """
    unquoted = re.sub(r'"[^"]*"', "", line)
    counts = [(unquoted.count(d), -i, d) for i, d in enumerate(_DELIMITERS)]
    count, _, delimiter = max(counts)
    return delimiter if count else ","


def split_line(line: str, delimiter: str | None = None) -> list[str]:
    """Cells of one physical line (quotes honoured), for header detection only."""
    delimiter = delimiter or sniff_delimiter(line)
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return line.split(delimiter)


def normalise_cell(cell: str) -> str:
    """Header cell as formats compare it: no BOM or quotes, single spaces, lower case."""
    return " ".join(cell.replace("\ufeff", "").strip().strip('"').split()).lower()


def head_lines(data: bytes, max_lines: int = HEAD_LINES) -> list[str]:
    """The first physical lines of a file, decoded from its first 64 KiB only (cheap).

    A line the 64 KiB window cuts is left out, even the first: a "header" longer than the
    window (a million columns) is no export's header, and reading it as one would make the
    parser build a million-column table.
    """
    text = decode(data[:_HEAD_BYTES], partial=len(data) > _HEAD_BYTES).text
    parts = _normalise_newlines(text).split("\n", max_lines)
    if len(data) > _HEAD_BYTES and len(parts) <= max_lines:
        parts = parts[:-1]  # the read stopped inside this line
    return parts[:max_lines]


def header_candidates(data: bytes, max_lines: int = HEAD_LINES) -> list[list[str]]:
    """Normalised cells of each of the first lines: what a format's ``matches`` is shown."""
    cells = (split_line(line) for line in head_lines(data, max_lines))
    return [[normalise_cell(c) for c in row] if len(row) <= MAX_COLUMNS else [] for row in cells]


def find_header(
    lines: list[str], matches: Callable[[list[str]], bool]
) -> tuple[int, str, list[str]] | None:
    """Locate the header by content: ``(0-based line index, delimiter, raw cells)`` or None.

    Never a fixed skip: LinkedIn's 3-line preamble may be intact, turned into ``Notes:,,``
    rows by a spreadsheet, or deleted.
    """
    for index, line in enumerate(lines):
        if len(line) > MAX_HEADER_CHARS or not line.strip():
            continue  # longer than the sniffing window: never a header (see head_lines)
        delimiter = sniff_delimiter(line)
        cells = split_line(line, delimiter)
        if len(cells) > MAX_COLUMNS:
            continue  # pandas works column by column: 20,000 columns took minutes
        if matches([normalise_cell(c) for c in cells]):
            return index, delimiter, cells
    return None


def describe_head(lines: list[str]) -> str:
    """The first header-like line (two or more non-empty cells), shortened, for messages."""
    printable = [re.sub(r"[\x00-\x08\x0b-\x1f\x7f\ufffd]", "?", line).strip() for line in lines]
    for line in printable:
        if sum(1 for cell in split_line(line) if cell.strip()) >= 2:
            return _shorten(line)
    return next((_shorten(line) for line in printable if line), "")


def _shorten(text: str, width: int = 100) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _normalise_newlines_bytes(text: bytes) -> bytes:
    """:func:`_normalise_newlines` on text encoded in UTF-8 (CR and LF are single bytes)."""
    if b"\n" not in text:
        return text.replace(b"\r", b"\n")
    text = text.replace(b"\r\n", b"\n")
    return text.replace(b"\r", b"\n") if b"\r" in text else text


def _normalise_newlines(text: str) -> str:
    # A file with no LF at all is a classic-Mac re-save: its CRs are the line ends.
    if "\n" not in text:
        return text.replace("\r", "\n")
    text = text.replace("\r\n", "\n")
    # A stray CR ends a line for pandas' parser too: make it one here, or the header found on
    # "\rName,…" is not the one pandas reads (it saw an empty line, and no columns).
    return text.replace("\r", "\n") if "\r" in text else text


@dataclass
class RawTable:
    """A CSV read as strings under normalised header names, before any format logic."""

    #: One column per header cell, named by :func:`normalise_cell`; values stripped, "" if empty.
    frame: pd.DataFrame
    #: 1-based physical line on which each row of ``frame`` starts.
    lines: np.ndarray
    #: Header cells as written (stripped), and the 1-based line they are on.
    header: list[str]
    header_line: int
    delimiter: str
    decoded: Decoded
    crlf: bool
    #: Physical lines before the header (LinkedIn's preamble or what a spreadsheet left of it).
    preamble: list[str] = field(default_factory=list)
    #: Rows empty in every cell that were dropped (blank lines, a spreadsheet's ``,,,,`` rows).
    empty_rows: int = 0

    def col(self, name: str) -> pd.Series:
        """A column by normalised name; a column deleted in a spreadsheet reads as all ""."""
        import pandas as pd

        if name in self.frame.columns:
            return self.frame[name]
        return pd.Series([""] * len(self.frame), index=self.frame.index, dtype=str)

    def has(self, name: str) -> bool:
        return name in self.frame.columns

    def label(self, name: str) -> str:
        """A column's header as the file writes it ("Connected On"), for messages."""
        return next((cell for cell in self.header if normalise_cell(cell) == name), name)

    def resave_signs(self, *, crlf_is_sign: bool = False, bom_is_sign: bool = False) -> list[str]:
        """What suggests a spreadsheet re-saved the file (LinkedIn writes UTF-8, ``,``, LF)."""
        signs = []
        if self.delimiter == ";":
            signs.append("';' delimiter")
        if self.decoded.legacy:
            signs.append(f"{self.decoded.encoding} encoding")
        if self.decoded.replaced:
            signs.append(f"{self.decoded.replaced} invalid UTF-8 byte(s) replaced")
        if bom_is_sign and self.decoded.encoding == "utf-8-sig":
            signs.append("UTF-8 BOM")
        if crlf_is_sign and self.crlf:
            signs.append("CRLF")
        if any(re.fullmatch(r"(notes:)?[,;\t]+", line.strip().lower()) for line in self.preamble):
            signs.append("preamble turned into 'Notes:,,' rows")
        return signs


def read_table(
    data: bytes,
    path: str,
    matches: Callable[[list[str]], bool],
    *,
    what: str,
    signature: str,
    drop: Collection[str] = (),
) -> RawTable:
    """Decode ``data``, find the header ``matches`` accepts, read every row as strings.

    Columns named in ``drop`` (normalised names) are read and checked like the others (they
    count for line numbers, empty rows and the field limit) but left out of the table chunk by
    chunk: message bodies and subjects are never kept, so they never pile up in memory either.

    Rows that are empty in every cell (blank lines, a spreadsheet's ``,,,,`` rows) are dropped
    here: they hold nothing to count. Raises :class:`InputError` for binary data, a missing
    header, more than :data:`MAX_LINES` lines, a field longer than :data:`MAX_FIELD_CHARS` and
    CSV that pandas cannot tokenise (with the line where it breaks).
    """
    _check_text(data, path)
    plain = _plain_utf8(data)
    if plain is not None:
        decoded, raw_text, text_at, crlf = plain
        lines = _first_lines_bytes(raw_text, text_at, HEAD_LINES)
        found = find_header(lines, matches)
    else:
        decoded = decode(data)
        crlf = decoded.text.count("\r\n") * 2 > decoded.text.count("\n")
        text = _normalise_newlines(decoded.text)
        lines = _first_lines(text, HEAD_LINES)
        found = find_header(lines, matches)
        _check_nul(text, path, found[0] + 1 if found else None)
    if found and decoded.encoding not in ("utf-16-le", "utf-16-be"):
        # On the bytes as read, before the text is copied again: "\n" and the delimiters are
        # the same single bytes in UTF-8 and the code pages.
        has_lf = b"\n" in data if plain is not None else "\n" in decoded.text
        newline = b"\n" if has_lf else b"\r"
        _check_line_widths(data, path, found[1], len(found[2]), newline=newline)
    if found is None:
        seen = describe_head(lines)
        raise InputError(
            path,
            f"expected a {what} header like '{signature}' in the first {HEAD_LINES} lines, "
            f"found {f'{seen!r}' if seen else 'no text'}; pass the {what} file of the export "
            "as LinkedIn wrote it",
        )
    index, delimiter, cells = found
    header_line = index + 1
    if plain is not None:
        offset = text_at + sum(len(line.encode("utf-8")) + 1 for line in lines[:index])
        n_lines = raw_text.count(b"\n", offset) + 1
    else:
        offset = sum(len(line) + 1 for line in lines[:index])
        n_lines = text.count("\n", offset) + 1
    if n_lines > MAX_LINES:
        raise InputError(
            path,
            f"expected at most {MAX_LINES:,} lines (LinkedIn exports have far fewer), found "
            f"{n_lines:,}; if most are empty a spreadsheet added them: delete them and save "
            "again, or split the file",
        )
    if plain is not None:
        body = raw_text[offset:] if offset else raw_text  # no decoded copy of the file
        del raw_text, plain  # a copy with normalised line ends is not kept twice
    else:
        body = text[offset:].encode("utf-8")  # the C parser is fastest on UTF-8 bytes
        # Only the encoding is kept: the decoded text would stay in memory while pandas reads.
        decoded = Decoded("", decoded.encoding, decoded.replaced)
        del text
    if decoded.encoding in ("utf-16-le", "utf-16-be"):
        _check_line_widths(body, path, delimiter, len(cells), first_line=header_line)
    frame, line_numbers, empty_rows = _read_rows(body, path, delimiter, header_line, len(cells),
                                                 chunk_rows=_chunk_rows(len(body), n_lines),
                                                 drop=frozenset(drop))
    return RawTable(
        frame=frame,
        lines=line_numbers,
        header=[c.strip() for c in cells],
        header_line=header_line,
        delimiter=delimiter,
        decoded=decoded,
        crlf=crlf,
        preamble=lines[:index],
        empty_rows=empty_rows,
    )


#: Bytes of a file scanned for newlines at a time by :func:`_check_line_widths`.
_WIDTH_WINDOW = 16 * 1024 * 1024


def _strict_utf8(data: bytes, start: int = 0) -> bool:
    """Is ``data[start:]`` strict UTF-8, as ``bytes.decode("utf-8")`` would accept it?

    Checked by pyarrow on the bytes in place (one string over the whole buffer): no decoded
    copy, and ~10x faster than Python's decoder (63 MB: 0.01 s). It refuses what Python's
    strict decoder refuses (surrogates, overlong forms, code points past U+10FFFF, cut
    sequences; tests/test_linkedin_parsers.py checks them against each other).
    """
    import numpy as np
    import pyarrow as pa

    if data.isascii():
        return True
    offsets = pa.py_buffer(np.array([start, len(data)], dtype=np.int64).tobytes())
    text = pa.Array.from_buffers(pa.large_string(), 1, [None, offsets, pa.py_buffer(data)])
    try:
        text.validate(full=True)
    except pa.ArrowInvalid:
        return False
    return True


def _plain_utf8(data: bytes) -> tuple[Decoded, bytes, int, bool] | None:
    """A file as LinkedIn writes it, read without decoding it whole: ``(how it decodes, its
    bytes with LF line ends, where the text starts in them, whether it used CRLF)``; None for
    anything else.

    Strict UTF-8 (BOM allowed) with no NUL byte decodes to the same characters as its bytes
    split at ``\n``, and CR and LF are single bytes in it, so :func:`read_table` can normalise
    line ends, find the header on the first lines and hand pandas the bytes as read
    (:func:`_strict_utf8` checks them without decoding; a file with CRs is copied once to
    normalise them). Decoding, normalising and re-encoding a 63 MB messages.csv took 0.3 s and
    two more copies of it (the text, 2 or 4 bytes a character once one is not Latin-1).
    Everything else (code pages, UTF-16, NULs, bad bytes) takes :func:`decode`'s path, which
    counts and reports it.
    """
    start = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    head = data[start:start + 4096]
    if (
        head.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        or _looks_utf16(head)
        or b"\x00" in data
        or not _strict_utf8(data, start)
    ):
        return None
    decoded = Decoded("", "utf-8-sig" if start else "utf-8")
    if b"\r" not in data:
        return decoded, data, start, False
    crlf = data.count(b"\r\n") * 2 > data.count(b"\n")
    return decoded, _normalise_newlines_bytes(data[start:]), 0, crlf


def _first_lines_bytes(text: bytes, start: int, n: int) -> list[str]:
    """The first ``n`` lines of UTF-8 ``text`` from ``start``, decoded (as :func:`_first_lines`)."""
    lines: list[str] = []
    while len(lines) < n:
        end = text.find(b"\n", start)
        if end < 0:
            lines.append(text[start:].decode("utf-8"))
            break
        lines.append(text[start:end].decode("utf-8"))
        start = end + 1
    return lines


def _first_lines(text: str, n: int) -> list[str]:
    """The first ``n`` lines of ``text``, without copying the rest of it."""
    end = -1
    for _ in range(n):
        end = text.find("\n", end + 1)
        if end < 0:
            return text.split("\n")
    return text[:end].split("\n")


def _check_line_widths(body: bytes, path: str, delimiter: str, width: int, *,
                       first_line: int = 1, newline: bytes = b"\n") -> None:
    """Refuse a physical line with more than :data:`MAX_FIELD_CHARS` delimiters before pandas
    reads it.

    pandas' tokenizer keeps ~18 bytes per field, so a 200 MB line of commas took 3.6 GB before
    it could say the row is too wide. Such a line is wrong either way: unquoted, it has far more
    fields than the header; quoted, one field is longer than :data:`MAX_FIELD_CHARS`. Only
    lines longer than that are counted, found with numpy over 16 MiB windows, and only when
    :func:`_may_hold_long_line` says such a line may exist.
    """
    import numpy as np

    if len(body) <= MAX_FIELD_CHARS or not _may_hold_long_line(body, newline):
        return
    window = _WIDTH_WINDOW
    raw = np.frombuffer(body, dtype=np.uint8)
    start, seen = 0, 0  # where the current line starts; newlines before it
    for at in range(0, len(body), window):
        ends = np.flatnonzero(raw[at:at + window] == newline[0]) + at
        if at + window >= len(body):  # the last line may have no newline
            ends = np.append(ends, len(body))
        starts = np.concatenate(([start], ends[:-1] + 1))
        for k in np.flatnonzero(ends - starts > MAX_FIELD_CHARS).tolist():
            first, end = int(starts[k]), int(ends[k])
            found = body.count(delimiter.encode(), first, end) + 1
            if found > MAX_FIELD_CHARS:
                raise _too_many_fields(path, width, found, first_line + seen + k)
        if len(ends):
            start = int(ends[-1]) + 1
        seen += len(ends)


def _may_hold_long_line(body: bytes, newline: bytes) -> bool:
    """Might a line of ``body`` be longer than :data:`MAX_FIELD_CHARS` bytes?

    Such a line holds no newline over its whole length, so it covers one of the aligned
    windows of half that size entirely; when every window holds a newline (``bytes.find``
    stops at the first), no line can be that long. A 63 MB messages.csv: 0.06 s of numpy
    scanning -> 0.0001 s.
    """
    half = (MAX_FIELD_CHARS + 1) // 2
    return any(body.find(newline, at, at + half) < 0
               for at in range(0, len(body) - half + 1, half))


def _chunk_rows(size: int, lines: int) -> int:
    """Rows per chunk: :data:`CHUNK_ROWS`, fewer when lines are long (see :data:`CHUNK_BYTES`)."""
    if size <= CHUNK_BYTES:
        return CHUNK_ROWS
    return max(1, min(CHUNK_ROWS, CHUNK_BYTES * lines // size))


def _read_rows(
    body: bytes, path: str, delimiter: str, header_line: int, width: int, *,
    chunk_rows: int | None = None, drop: frozenset[str] = frozenset(),
) -> tuple[pd.DataFrame, np.ndarray, int]:
    """The rows under the header as stripped strings, the physical line each starts on, and
    how many empty rows were dropped.

    Read in chunks of ``chunk_rows`` rows (default :data:`CHUNK_ROWS`): empty rows are dropped
    from each chunk as it comes, so memory follows the rows that hold something. When the first
    row has more fields than the header, pandas would silently drop the extra ones from every
    row (with ``index_col=False`` it only warns): that is an error unless the extra fields are
    all empty (a trailing delimiter).
    """
    import pandas as pd

    fast = _read_arrow(body, path, header_line, delimiter, drop)
    if fast is not None:
        return fast
    try:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", pd.errors.ParserWarning)
                return _read_chunks(body, path, header_line, delimiter, chunk_rows, drop)
        except pd.errors.ParserWarning as warning:
            lost = _extra_fields(path, body.decode("utf-8"), delimiter, header_line, width)
            if lost is not None:
                raise lost from warning
            with warnings.catch_warnings():  # only empty trailing fields are dropped
                warnings.simplefilter("ignore", pd.errors.ParserWarning)
                return _read_chunks(body, path, header_line, delimiter, chunk_rows, drop)
    except pd.errors.ParserError as err:
        text = body.decode("utf-8")
        raise _broken_csv(path, text, delimiter, header_line, width, err) from err


def _read_arrow(
    body: bytes, path: str, header_line: int, delimiter: str, drop: frozenset[str],
) -> tuple[pd.DataFrame, np.ndarray, int] | None:
    """:func:`_read_rows` by pyarrow's CSV reader, for a file it reads as pandas would; None
    when pandas must read it.

    pyarrow parses straight into its strings, where pandas makes a Python string of every
    cell first: A2's 63 MB messages.csv 0.30 -> 0.09 s of CPU, A's two files 0.12 -> 0.04 s.
    The two tokenisers agree on quoting (doubled quotes, a quote inside an unquoted field
    taken as text, text after a closing quote appended, newlines in quoted fields, blank
    lines as empty rows: tests/test_linkedin_parsers.py checks them against each other);
    where pyarrow refuses a file that pandas reads or reports (a row of more or fewer fields
    than the header, a quote left open, a row longer than a block), or the header has an
    empty or repeated name (pandas renames those), or a field is over the limit (the error
    names what pandas reads first), None hands the file to pandas, whose result or error
    stays the reference. Blocks of :data:`ARROW_BLOCK_BYTES` keep memory near pandas' chunks.
    """
    import numpy as np
    import pandas as pd
    import pyarrow as pa
    import pyarrow.csv as pacsv

    end = body.find(b"\n")
    parse = pacsv.ParseOptions(delimiter=delimiter, quote_char='"', double_quote=True,
                               escape_char=False, newlines_in_values=True,
                               ignore_empty_lines=False)
    try:
        header = pacsv.read_csv(io.BytesIO(body if end < 0 else body[:end + 1]),
                                read_options=pacsv.ReadOptions(use_threads=False),
                                parse_options=parse).column_names
        if not all(header) or len(set(header)) < len(header):
            return None
        reader = pacsv.open_csv(
            pa.BufferReader(body),  # no copy
            read_options=pacsv.ReadOptions(use_threads=False, block_size=ARROW_BLOCK_BYTES),
            parse_options=parse,
            convert_options=pacsv.ConvertOptions(
                column_types={name: pa.large_string() for name in header},
                strings_can_be_null=False, quoted_strings_can_be_null=False,
                check_utf8=False,  # UTF-8 already: read_table checked or encoded it
            ),
        )
        if reader.schema.names != header:
            return None
        names = [normalise_cell(name) for name in header]
        keep = [i for i, name in enumerate(names) if name not in drop]
        frames: list[pd.DataFrame] = []
        numbers: list[np.ndarray] = []
        next_line = header_line + 1
        empty_rows = 0
        last = ""
        for batch in reader:
            if batch.num_rows:
                last = batch.column(batch.num_columns - 1)[batch.num_rows - 1].as_py()
            columns = [pa.chunked_array([column]) for column in batch.columns]
            kept, lines, next_line = _clean_columns(columns, batch.num_rows, next_line)
            empty_rows += batch.num_rows - len(lines)
            frame = _frame(kept, names, _arrow_strings())
            _check_field_lengths(frame, lines, path)
            frames.append(frame.iloc[:, keep] if len(keep) < len(names) else frame)
            numbers.append(lines)
    except (pa.ArrowInvalid, InputError):
        return None
    if body.endswith(b'"' + last.replace('"', '""').encode()):
        # pyarrow takes a quote left open at the end as closed there, where pandas says "EOF
        # inside string": the last field then runs from that quote to the end (a last field
        # that merely looks so, like '""', is read by pandas too).
        return None
    if not frames:  # no rows under the header
        frame = _frame([pa.chunked_array([], pa.large_string()) for _ in names], names,
                       _arrow_strings())
        return frame.iloc[:, keep], np.zeros(0, dtype=np.int64), 0
    frame = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
    del batch, reader, columns, kept
    # The blocks' memory back to the system (malloc_trim with the system allocator the command
    # line uses): A2's peak 365 -> 345 MB, as the analyses' arrays come after it.
    pa.default_memory_pool().release_unused()
    return frame.reset_index(drop=True), np.concatenate(numbers), empty_rows


def _read_chunks(
    body: bytes, path: str, header_line: int, delimiter: str, chunk_rows: int | None = None,
    drop: frozenset[str] = frozenset(),
) -> tuple[pd.DataFrame, np.ndarray, int]:
    import numpy as np
    import pandas as pd

    reader = pd.read_csv(
        io.BytesIO(body),
        encoding="utf-8",
        sep=delimiter,
        # Python strings, made pyarrow strings once by _clean_chunk: dtype=str had pandas
        # check and convert every value itself first, twice the time (A2's 63 MB
        # messages.csv: 0.42 -> 0.21 s of CPU); the values are the same.
        dtype=object,
        na_filter=False,  # "NA", "null", "" are text here, never missing values
        skip_blank_lines=False,  # blank lines must stay rows, or line numbers drift
        index_col=False,
        engine="c",
        chunksize=chunk_rows or CHUNK_ROWS,
    )
    frames: list[pd.DataFrame] = []
    numbers: list[np.ndarray] = []
    next_line = header_line + 1
    empty_rows = 0
    with reader:
        for chunk in reader:
            frame, lines, next_line = _clean_chunk(chunk, next_line)
            empty_rows += len(chunk) - len(frame)
            _check_field_lengths(frame, lines, path)
            if drop:
                frame = frame.loc[:, [name not in drop for name in frame.columns]]
            frames.append(frame)
            numbers.append(lines)
    frame = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
    return frame.reset_index(drop=True), np.concatenate(numbers), empty_rows


def _extra_fields(
    path: str, body: str, delimiter: str, header_line: int, width: int
) -> InputError | None:
    """The first row with a non-empty field past the header's width, as an error (or None)."""
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, MAX_FIELD_CHARS + 1))
    try:
        reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter)
        previous_end = 0
        for record in reader:
            if len(record) > width and any(field.strip() for field in record[width:]):
                return _too_many_fields(path, width, len(record), header_line + previous_end)
            previous_end = reader.line_num
    except csv.Error:
        return None  # pandas read it; the csv module's stricter quoting is no reason to refuse
    finally:
        csv.field_size_limit(limit)
    return None


def _too_many_fields(path: str, width: int, found: int, line: int) -> InputError:
    return InputError(
        path,
        f"expected at most {width} fields as in the header, found {found}; a field with a "
        "delimiter or quote in it is probably not quoted: fix that row or re-export the file",
        line=line,
    )


def _clean_chunk(chunk: pd.DataFrame, first_line: int) -> tuple[pd.DataFrame, np.ndarray, int]:
    """Normalise the column names, strip the values and drop empty rows of one chunk.

    Every step runs on the columns' pyarrow arrays (:func:`_text_array`): the earlier checks
    joined each column into one Python string first, which for a messages.csv whose group
    conversations repeat a 1 KB member list on every row cost a second and several copies of
    the file (issue 15, workload A2).
    """
    names = [normalise_cell(str(c)) for c in chunk.columns]
    columns = [_text_array(chunk.iloc[:, i]) for i in range(chunk.shape[1])]
    columns, line_numbers, next_line = _clean_columns(columns, len(chunk), first_line)
    return _frame(columns, names, _arrow_strings()), line_numbers, next_line


def _clean_columns(columns: list, n_rows: int, first_line: int) -> tuple[list, np.ndarray, int]:
    """The :func:`_text_array` columns of ``n_rows`` rows stripped, without the rows empty in
    every cell; the physical line each kept row starts on, and the line after the last row."""
    import pyarrow.compute as pc

    line_numbers, next_line = _row_lines(columns, n_rows, first_line)
    # pyarrow's whitespace is Python's (str.isspace), so this strips what str.strip() would.
    columns = [pc.utf8_trim_whitespace(column) for column in columns]
    empty = None
    for column in columns:
        blank = pc.equal(pc.binary_length(column), 0)
        empty = blank if empty is None else pc.and_(empty, blank)
    if empty is not None and pc.any(empty).as_py():
        columns = [column.filter(pc.invert(empty)) for column in columns]
        line_numbers = line_numbers[~empty.to_numpy()]
    return columns, line_numbers, next_line


@functools.cache
def _arrow_strings() -> bool:
    """Does pandas keep ``str`` columns in pyarrow (pandas 3 with pyarrow)? The table's
    columns are then pyarrow strings, as ``read_csv(dtype=str)`` would give; else objects."""
    import pandas as pd

    return hasattr(pd.array([""], dtype="str"), "__arrow_array__")


def _text_array(values: pd.Series):
    """A text column as a pyarrow ``ChunkedArray`` of strings, missing values as "".

    pandas 3 keeps its ``str`` columns in pyarrow: this is the array itself, no copy. A column
    of Python objects (pandas without pyarrow strings) is converted once.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    array = values.array
    if hasattr(array, "__arrow_array__"):
        arrow = array.__arrow_array__()
    else:
        arrow = pa.array(values.to_numpy(dtype=object), type=pa.large_string(), from_pandas=True)
    if not isinstance(arrow, pa.ChunkedArray):
        arrow = pa.chunked_array([arrow])
    if not pa.types.is_large_string(arrow.type):
        arrow = arrow.cast(pa.large_string())
    return pc.fill_null(arrow, "") if arrow.null_count else arrow


def _frame(columns: list, names: list[str], arrow: bool = True) -> pd.DataFrame:
    """A frame of text columns over pyarrow arrays (pandas 3's ``str``: no copy), names kept
    even if repeated; ``arrow=False`` gives object columns, as pandas without pyarrow strings
    would have read them."""
    import pandas as pd

    def column(values):
        return pd.array(values, dtype="str") if arrow else values.to_numpy()

    frame = pd.DataFrame(
        {i: column(values) for i, values in enumerate(columns)},
        index=pd.RangeIndex(len(columns[0]) if columns else 0),
    )
    frame.columns = names
    return frame


def _holds_newline(column) -> bool:
    """Might a value of ``column`` hold a newline? A byte scan of its data buffers with numpy
    (a false yes only costs the exact count): pyarrow's per-value count_substring took 0.08 s
    on a 63 MB messages.csv where no value holds one."""
    import numpy as np

    for chunk in column.chunks:
        data = chunk.buffers()[2]
        if data is not None and (np.frombuffer(data, dtype=np.uint8) == ord("\n")).any():
            return True
    return False


def _check_field_lengths(frame: pd.DataFrame, lines: np.ndarray, path: str) -> None:
    """Refuse a field longer than :data:`MAX_FIELD_CHARS` (see there why), naming where it is."""
    import numpy as np
    import pyarrow.compute as pc

    for i, name in enumerate(frame.columns):
        column = _text_array(frame.iloc[:, i])
        if (pc.max(pc.binary_length(column)).as_py() or 0) <= MAX_FIELD_CHARS:
            continue  # no field has more bytes than the limit has characters
        lengths = pc.utf8_length(column).to_numpy(zero_copy_only=False)
        if lengths.max(initial=0) > MAX_FIELD_CHARS:
            row = int(np.argmax(lengths > MAX_FIELD_CHARS))
            raise InputError(
                path,
                f"expected fields of at most {MAX_FIELD_CHARS:,} characters, found one of "
                f"{int(lengths[row]):,} in column '{name}'; LinkedIn writes nothing that long: "
                "the file is damaged or not an export, fix that row or export it again",
                line=int(lines[row]),
            )


def _row_lines(columns: list, n_rows: int, first_line: int) -> tuple[np.ndarray, int]:
    """1-based physical start line of each row, vectorised, and the line after the last row.

    A row takes one line plus one per newline inside its quoted fields (2026 messages.csv has
    real newlines in CONTENT), so row i starts at ``first_line`` plus the lines of rows < i.
    ``columns`` are the rows' :func:`_text_array` columns.
    """
    import numpy as np
    import pyarrow.compute as pc

    per_row = np.ones(n_rows, dtype=np.int64)
    for column in columns:
        if _holds_newline(column):
            newlines = pc.count_substring(column, "\n")
            per_row += newlines.to_numpy(zero_copy_only=False).astype(np.int64)
    starts = np.empty(n_rows, dtype=np.int64)
    if n_rows:
        starts[0] = 0
        np.cumsum(per_row[:-1], out=starts[1:])
    return first_line + starts, first_line + int(per_row.sum())


def _joined(values: pd.Series) -> str:
    """All values in one string, each between NULs (decoded text never holds a NUL)."""
    return "\x00" + "\x00".join(values.tolist()) + "\x00"


def map_distinct(values: pd.Series, fn: Callable[[str], str]) -> pd.Series:
    """``values.map(fn)`` computed once per distinct value, always text: pandas maps an
    empty column (a header-only file) to float64, on which every ``.str`` step fails."""
    import pandas as pd

    distinct = values.unique()
    mapped = values.map(dict(zip(distinct, map(fn, distinct), strict=True)))
    return mapped.astype(object) if len(values) else pd.Series([], index=values.index,
                                                               dtype=object)


def any_match(values: pd.Series, pattern: str) -> bool:
    """Does any value contain ``pattern`` (a regex; ``\\x00`` matches a value's start or end)?

    One C-speed search over all values joined.
    The ``.str`` methods run Python per value when pyarrow is absent; most columns need no
    stripping or newline counting at all, and checking first is far cheaper than doing it.
    """
    return re.search(pattern, _joined(values)) is not None


def strip_spaces(values: pd.Series) -> pd.Series:
    """Collapse runs of whitespace to one space and strip, touching only values that need it."""
    if not any_match(values, r"\s\s|[^\S ]") and not _needs_strip(values):
        return values
    return values.str.replace(r"\s+", " ", regex=True).str.strip()


def _needs_strip(values: pd.Series) -> bool:
    """Does any value start or end with whitespace? (pyarrow's whitespace is Python's.)"""
    import pyarrow.compute as pc

    column = _text_array(values)
    trimmed = pc.utf8_trim_whitespace(column)
    return pc.sum(pc.binary_length(column)).as_py() != pc.sum(
        pc.binary_length(trimmed)).as_py()


def _broken_csv(
    path: str, body: str, delimiter: str, header_line: int, width: int, err: Exception
) -> InputError:
    """Turn a pandas tokenising error into a one-line message with the physical line.

    pandas counts records, not physical lines, so the error path re-reads with the csv module
    (slow, but only when the file is broken anyway). The csv module's field limit is raised to
    ours meanwhile, so a long but legal field is not mistaken for the break.
    """
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, MAX_FIELD_CHARS + 1))
    try:
        return _find_break(path, body, delimiter, header_line, width, err)
    finally:
        csv.field_size_limit(limit)


def _find_break(
    path: str, body: str, delimiter: str, header_line: int, width: int, err: Exception
) -> InputError:
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter, strict=True)
    previous_end = 0
    try:
        for record in reader:
            start = header_line + previous_end
            if len(record) > width:
                return _too_many_fields(path, width, len(record), start)
            previous_end = reader.line_num
    except csv.Error:
        start = header_line + previous_end
        return InputError(
            path,
            "expected every quoted field to end with a closing '\"', found a quote that is "
            "never closed from here on; fix the quotes on that row or re-export the file",
            line=start,
        )
    detail = " ".join(str(err).split())
    return InputError(
        path, f"expected CSV, found text pandas cannot read ({detail}); re-export the file"
    )


def parse_numbers(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Numeric cells (a weight, a strength) as floats, and which non-empty cells are not finite
    numbers (text, ``inf``, ``-inf``, ``nan``, ``1e999``): those are NaN and counted by the
    caller as skipped, never written (``-inf`` in a CSV is a formula to a spreadsheet).

    >>> import pandas as pd
    >>> parse_numbers(pd.Series(["2", "", "inf", "x"]))[1].tolist()
    [False, False, True, True]
    """
    import numpy as np
    import pandas as pd

    values = pd.to_numeric(text.where(text != ""), errors="coerce").astype(float)
    with np.errstate(invalid="ignore", over="ignore"):
        values = values.where(np.isfinite(values))
    return values, values.isna() & (text != "")


#: Date formats seen in LinkedIn exports and their spreadsheet re-saves, tried in this order.
#: Each maps to an example; a value is parsed by the first format that fits it whole.
DATE_FORMATS: dict[str, str] = {
    "%d %b %Y": "14 Feb 2020",  # Connections 2020+
    "%Y-%m-%d %H:%M:%S UTC": "2024-05-01 10:00:00 UTC",  # messages 2020+
    "%m/%d/%y, %I:%M %p": "1/8/18, 6:14 PM",  # Connections <= 2018, messages 2018, invitations
    "%Y/%m/%d %H:%M:%S UTC": "2021/08/11 11:00:31 UTC",  # endorsements
    "%d-%b-%y": "9-Sep-22",  # Excel re-save (also Spanish months, see below)
    "%d.%m.%Y": "16.09.2021",  # Excel re-save, European locale
    "%b %Y": "Jun 2018",  # Positions
    "%Y-%m-%d": "2021-09-16",
    "%Y-%m-%d %H:%M:%S": "2021-09-16 10:00:00",
}
#: Formats that only a spreadsheet writes: seeing them means the file was re-saved.
RESAVED_DATE_FORMATS = frozenset({"%d-%b-%y", "%d.%m.%Y"})

# Excel in a Spanish locale writes "30-oct-09", "5-ene-10", sometimes with a dot ("ene.").
# Half the abbreviations equal the English ones, which %b (case-insensitive) already reads.
_SPANISH_MONTHS = {
    "ene": "Jan",
    "feb": "Feb",
    "mar": "Mar",
    "abr": "Apr",
    "may": "May",
    "jun": "Jun",
    "jul": "Jul",
    "ago": "Aug",
    "sep": "Sep",
    "sept": "Sep",
    "oct": "Oct",
    "nov": "Nov",
    "dic": "Dec",
}
_SPANISH_RE = (
    r"(?i)(?<=-)(" + "|".join(sorted(_SPANISH_MONTHS, key=len, reverse=True)) + r")\.?(?=-)"
)


@functools.lru_cache(maxsize=8)
def _outsiders(formats: tuple[str, ...], lang: tuple[str | None, str | None]) -> dict[str, str]:
    """Per format pandas reads with strptime's regex, a character class of the separators no
    value it parses can hold.

    Formats that do not start with ``%Y`` (not ISO) are parsed with the regex of Python's
    ``_strptime.TimeRE`` in the current locale, which pandas uses too. Such a regex matches only
    digits, whitespace and the characters written in it (the format's literals, the month and
    AM/PM names): a value holding a separator the regex never names never fits, so it is not
    tried (50,000 message dates like "2024-05-01 10:00:00 UTC" against "%d %b %Y": 0.03 s).
    Cached per ``lang``, the LC_TIME locale the names come from.
    """
    import _strptime

    time_re = _strptime.TimeRE()
    found = {}
    for fmt in formats:
        if fmt.startswith("%Y"):
            continue
        written = time_re.pattern(fmt)
        outside = "".join("\\" + c for c in "-:/.," if c not in written)
        if outside:
            found[fmt] = f"[{outside}]"
    return found


def as_ns_dates(values: pd.Series) -> pd.Series:
    """Dates as ``datetime64[ns]``, those outside its range (1677-09-21 to 2262-04-11) NaT.

    pandas parses "14 Feb 1500" or "9999-01-01" at a coarser unit, and every later step
    (``astype("datetime64[ns]")``, comparisons with the other files' dates) would raise on
    them: such a value is no contact date, so it is counted like one not understood.
    """
    import pandas as pd

    if values.dtype == "datetime64[ns]":
        return values
    values = pd.to_datetime(values, errors="coerce")
    inside = (values >= pd.Timestamp.min) & (values <= pd.Timestamp.max)
    return values.where(inside).astype("datetime64[ns]")


def parse_dates_counted(values: pd.Series) -> tuple[pd.Series, Counter[str]]:
    """Parse a column of date strings in any known format; count values per format used.

    Each format is tried on all distinct values at once (vectorised), only on those no earlier
    format parsed; a 30,000-row export has a few thousand distinct dates, so parsing them once
    is several times faster. Unparseable or empty values give NaT. Returns ``datetime64[ns]``,
    naive (UTC where the file says UTC).
    """
    import locale

    import numpy as np
    import pandas as pd

    codes, distinct = pd.factorize(values.fillna("").astype(str))
    # pandas' pyarrow strings: strip, endswith and slicing run in C, not a Python call per value
    # as on objects (pyarrow's whitespace is Python's).
    text = pd.Series(pd.array(np.asarray(distinct, dtype=object), dtype="str"))
    weights = np.bincount(codes, minlength=len(text))
    if any_match(text, "[\u202f\u00a0]"):  # newer exports put U+202F before "AM"/"PM"
        text = text.str.replace("[\u202f\u00a0]", " ", regex=True)
    text = text.str.strip()
    parsed_distinct = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
    used: Counter[str] = Counter()
    todo = text != ""
    outsiders = _outsiders(tuple(DATE_FORMATS), locale.getlocale(locale.LC_TIME))  # strptime's
    # Last: Spanish month names mapped to English (Excel in a Spanish locale, "30-ene-09").
    for fmt, spanish in [*((fmt, False) for fmt in DATE_FORMATS), ("%d-%b-%y", True)]:
        if not todo.any():
            break
        candidates = text[todo]
        if spanish:
            candidates = candidates.str.replace(
                _SPANISH_RE, lambda m: _SPANISH_MONTHS[m.group(1).lower()], regex=True
            )
        if fmt in outsiders:
            candidates = candidates[~candidates.str.contains(outsiders[fmt])]
        pattern = fmt
        if fmt.endswith(" UTC"):
            # pandas parses "%Y-%m-%d %H:%M:%S" on its ISO fast path, but falls back to strptime
            # per value once " UTC" follows: 50,000 message dates 0.37 s -> 0.05 s without it.
            candidates = candidates[candidates.str.endswith(" UTC")].str[:-4]
            pattern = fmt[:-4]
        if candidates.empty:  # nothing can fit: no call into pandas (a small file: 4 -> 2 ms)
            continue
        parsed = as_ns_dates(pd.to_datetime(candidates, format=pattern, errors="coerce"))
        hit = parsed.notna()
        if hit.any():
            index = hit[hit].index
            parsed_distinct.loc[index] = parsed[index].astype("datetime64[ns]")
            todo.loc[index] = False
            used[fmt] += int(weights[index.to_numpy()].sum())
    result = pd.Series(
        parsed_distinct.to_numpy()[codes], index=values.index, dtype="datetime64[ns]"
    )
    return result, used


def parse_dates(values: pd.Series) -> pd.Series:
    """Parse a column of date strings in any format of :data:`DATE_FORMATS`; NaT if none fits.

    >>> import pandas as pd
    >>> parse_dates(pd.Series(["14 Feb 2020", "1/8/18, 6:14 PM", "?"])).dt.strftime("%F").tolist()
    ['2020-02-14', '2018-01-08', nan]
    """
    return parse_dates_counted(values)[0]
