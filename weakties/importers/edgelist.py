"""Edge lists (a whole network) and SNAP ego networks (one owner's contacts and their ties).

An edge list is ``u,v[,weight]`` or whitespace-separated, with an optional header (Gephi writes
``Source,Target,Type,Id,Label,timeset,Weight``) and ``#`` (or KONECT's ``%``) comments. SNAP's
``<ego>.edges`` is a whitespace edge list among the ego's contacts (each undirected tie listed
twice, the ego left out: it is linked to everyone), and ``<ego>.circles`` lists the ego's circles
(``name<TAB>id<TAB>id…``). SNAP files are told from other edge lists by their names, which are
part of that format.

The text is cleaned (comments blanked, whitespace turned into tabs, a header added when there
is none) and then read by :func:`weakties.importers._csv.read_table`, so encodings, quoting and
line numbers in messages work as for every other CSV.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import PurePosixPath

from weakties.errors import InputError
from weakties.importers._csv import (
    decode,
    head_lines,
    normalise_cell,
    parse_numbers,
    read_table,
    split_line,
)
from weakties.importers.base import FileTable, Format, make_table, no_header

__all__ = ["EDGELIST_FORMATS", "parse_edgelist", "parse_snap_circles", "parse_snap_edges"]

ONE_NODE = "only one node on the line"
BAD_WEIGHT = "weight is not a number"

SIGNATURES = {
    "edgelist": "Source,Target[,Weight] (Gephi; also u,v / from,to / node1,node2) or no header: "
    "'u v [weight]' or 'u,v[,weight]' lines, # comments",
    "snap-edges": "<ego>.edges: 'alter alter' lines (SNAP ego network; the ego is the file name)",
    "snap-circles": "<ego>.circles: 'circle<TAB>id<TAB>id…' lines (SNAP ground-truth circles)",
}

#: First two header cells that name an edge list's endpoints.
_PAIRS = {("source", "target"), ("u", "v"), ("node1", "node2"), ("src", "dst"), ("from", "to")}
_WEIGHTS = ("weight", "w", "value")
_TRAILING_COMMENT = re.compile(r"(?m)[ \t]+#.*$")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def _is_header(cells: list[str]) -> bool:
    if len(cells) < 2 or (cells[0], cells[1]) not in _PAIRS:
        return False
    # "From,To" alone is an edge list; LinkedIn's Invitations.csv starts with it too.
    return (cells[0], cells[1]) != ("from", "to") or set(cells) <= {"from", "to", *_WEIGHTS}


def _delimiter(line: str) -> str | None:
    """"," / tab / ";" when the line has one, else None (whitespace-separated)."""
    return next((d for d in (",", "\t", ";") if d in line), None)


def _fields(line: str, delimiter: str | None) -> list[str]:
    cells = split_line(line, delimiter) if delimiter else line.split()
    return [c.strip() for c in cells]


def _data_lines(head: bytes) -> list[str]:
    lines = [_TRAILING_COMMENT.sub("", line).strip() for line in head_lines(head)]
    return [line for line in lines if line and not line.startswith(("#", "%"))]


def _is_edge(fields: list[str]) -> bool:
    return (len(fields) in (2, 3) and bool(fields[0]) and bool(fields[1])
            and (len(fields) == 2 or not fields[2] or _NUMBER.fullmatch(fields[2]) is not None))


#: A date (06/03/2017, 06.03.24, 2024-01-02) or a clock time (00:45, 21:25:15, 9:41 AM): node
#: labels are not timestamps, chat exports and logs start every line with one.
_DATE = re.compile(r"(?<![\d.])\d{1,4}[./-]\d{1,2}[./-]\d{1,4}(?![\d.])")
_TIME = re.compile(r"(?<![\d:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:])")
#: Sentence marks a name or an id does not carry: "Name: text", a question, an exclamation.
_SENTENCE = re.compile(r": |[!?](?:\s|$)")
#: Markdown: a list item, a quote, a table cell, a link, emphasis, code.
_MARKUP = re.compile(r"^(?:[-*+>] |\d+\. )|\||\]\(|\*\*|`")
_IPV4 = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")
#: Longest label and most words that still look like an id or a person's name, and the most
#: words a label has on average (names: 1-3; "Maria de la Cruz" is 4).
_MAX_LABEL, _MAX_WORDS, _MEAN_WORDS = 60, 6, 3.5


def _label_problems(label: str) -> set[str]:
    """Why a cell is no node label: ``"time"`` (a date or a clock time), ``"text"`` (long, many
    words, sentence marks, Markdown); empty when it looks like one (a number, an id, an IP
    address, a name of a few words)."""
    if _NUMBER.fullmatch(label) or _IPV4.fullmatch(label):
        return set()
    found = set()
    if _DATE.search(label) or _TIME.search(label):
        found.add("time")
    if (len(label) > _MAX_LABEL or len(label.split()) > _MAX_WORDS or _SENTENCE.search(label)
            or _MARKUP.search(label)):
        found.add("text")
    return found


def sniff_edges(head: bytes) -> tuple[bool, str]:
    """Whether the start of a file is a headerless edge list and, when it is shaped like one
    but is not, what it looks like instead ("" when it is not even shaped like one).

    Shape: the first data line and at least half of the first 30 have two labels and at most a
    numeric weight (a stray bad line is reported by the parser, with its number). Then, to be
    one, in those lines: nine in ten carry no date or time and no free text (long labels, many
    words, "Name: text", questions, Markdown) in their labels, which have at most 3.5 words on
    average, and each column holds numbers or text, not a mix. So a chat export, a log or a
    CSV of something else with a comma on most lines is not read as a network.

    >>> sniff_edges(b"0 1\\n0 2 3.5\\n1 2\\n")
    (True, '')
    >>> sniff_edges(b"06/03/2017, 00:45 - Sam: Hello there!\\n")[1]
    'chat or log lines (a date or time in one column, free text in another)'
    """
    lines = _data_lines(head)
    if not lines or any("\x00" in line or "\ufffd" in line for line in lines):
        return False, ""
    delimiter = _delimiter(lines[0])
    rows = [_fields(line, delimiter) for line in lines]
    fits = [_is_edge(r) for r in rows]
    if not fits[0] or sum(fits) * 2 < len(fits):
        return False, ""
    edges = [r for r, ok in zip(rows, fits, strict=True) if ok]
    problems = [set().union(*(_label_problems(cell) for cell in r[:2])) for r in edges]
    timed = sum("time" in p for p in problems) * 10 > len(edges)
    texty = sum("text" in p for p in problems) * 10 > len(edges)
    words = [len(cell.split()) for r in edges for cell in r[:2]]
    texty = texty or sum(words) > _MEAN_WORDS * len(words)
    if timed and texty:
        return False, "chat or log lines (a date or time in one column, free text in another)"
    if timed:
        return False, "dated records (a date or time where a node label belongs)"
    if texty:
        return False, "text (sentences or markup where node labels belong)"
    for column in (0, 1):
        numeric = sum(_NUMBER.fullmatch(r[column]) is not None for r in edges)
        if len(edges) >= 4 and min(numeric, len(edges) - numeric) * 3 > len(edges):
            return False, (f"a table whose column {column + 1} mixes numbers and text, unlike "
                           "node labels")
    return True, ""


def looks_like_edges(head: bytes) -> bool:
    """:func:`sniff_edges`'s verdict alone."""
    return sniff_edges(head)[0]


def _suffix(path: str) -> str:
    return PurePosixPath(path.replace("\\", "/")).suffix.lower()


def is_headerless_edgelist(head: bytes, path: str) -> bool:
    return _suffix(path) not in (".edges", ".circles") and looks_like_edges(head)


def is_snap_edges(head: bytes, path: str) -> bool:
    return _suffix(path) == ".edges" and looks_like_edges(head)


def is_snap_circles(head: bytes, path: str) -> bool:
    lines = _data_lines(head)
    # A circle may be empty (its name alone on the line), but not every one of them.
    return (_suffix(path) == ".circles" and any(len(line.split()) >= 2 for line in lines)
            and not any("\x00" in line for line in lines))


def _fits_row(cells: list[str], width: int | None) -> bool:
    """A row of an edge list with a header of ``width`` columns, or (None) without a header:
    ``u v [weight]``."""
    if width is None:
        return _is_edge(cells)
    return 2 <= len(cells) <= width and bool(cells[0]) and bool(cells[1])


def _comments(text: str, start: int, delimiter: str | None, width: int | None
              ) -> tuple[str, list[int]]:
    """``text`` with comment lines blanked and trailing ``  # notes`` cut (line numbers kept).

    A line starting with ``#`` or ``%`` is a comment -- unless, after the header, the mark is
    part of a label (``#general,alice``: no space after it, and the line is a row of the
    header's columns): then it is a tie. Without a header that cannot be told apart from a
    commented-out tie, so it stays a comment and its index is returned (the summary says so).
    A trailing comment is cut only where what precedes it is a whole row. ``start`` is the
    index of the first data line (a header or the first tie); lines before it are comments.
    """
    lines = text.split("\n")
    looks: list[int] = []
    for i, line in enumerate(lines):
        if "#" not in line and "%" not in line:
            continue
        bare = line.lstrip(" \t")
        if bare[:1] in ("#", "%"):
            row = bare[1:2] not in ("", " ", "\t") and _fits_row(_fields(bare, delimiter), width)
            if row and width is not None and i > start:
                continue  # a label that starts with the mark: a tie
            if row and width is None:
                looks.append(i)
            lines[i] = ""
            continue
        cut = _TRAILING_COMMENT.search(line)
        if cut and (delimiter is None or _fits_row(_fields(line[:cut.start()], delimiter),
                                                   width)):
            lines[i] = line[:cut.start()]
    return "\n".join(lines), looks


def _prepare(data: bytes, path: str) -> tuple[bytes, int, bool, list[int]]:
    """Text read_table can take: comments blanked (line numbers kept), leading comments cut,
    whitespace separators turned into tabs, a ``source,target,weight`` header when there is
    none. Returns the bytes, the line offset to add back, whether the header was added, and
    the (1-based) lines taken as comments although they look like ties."""
    text = decode(data).text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    first = re.search(r"(?m)^[ \t]*[^\s#%].*$", text)
    if first is None:
        raise InputError(path, "expected edges ('u v' or 'u,v' lines), found only comments or "
                               "blank lines; add the edges, one per line")
    looks: list[int] = []
    if "#" in text or "%" in text:  # a pass over every line: only when there can be comments
        head = _TRAILING_COMMENT.sub("", first.group()).strip()
        mark = _delimiter(head)
        cells = _fields(head, mark)
        header = _is_header([normalise_cell(c) for c in cells])
        text, looks = _comments(text, text[: first.start()].count("\n"), mark,
                                len(cells) if header else None)
        first = re.search(r"(?m)^[ \t]*\S.*$", text)
    cut = text[: first.start()].count("\n")
    text = text[first.start():]
    delimiter = _delimiter(first.group().strip())
    if delimiter is None:
        if re.search(r"(?m)^[ \t]|[ \t]$", text):
            text = re.sub(r"(?m)^[ \t]+|[ \t]+$", "", text)
        if re.search(r"[ \t]{2}", text):
            text = re.sub(r"[ \t]+", "\t", text)
        else:  # one space between fields (SNAP, networkx): a plain replace is much faster
            text = text.replace(" ", "\t")
        delimiter = "\t"
    cells = [normalise_cell(c) for c in _fields(text.split("\n", 1)[0], delimiter)]
    added = not _is_header(cells)
    wide = re.search(rf"(?m)^(?:[^{delimiter}\n]*{delimiter}){{3}}", text)
    if added and wide and '"' not in text:
        raise InputError(
            path, "expected 'u v [weight]' (two node labels and a number), found "
            f"{wide.group().count(delimiter) + 1} or more fields; an edge list has one tie a "
            "line: give the file a header (Source,Target,Weight,…) if it has more columns",
            line=cut + text[: wide.start()].count("\n") + 1)
    if added:
        text = delimiter.join(("source", "target", "weight")) + "\n" + text
    return text.encode("utf-8"), cut - (1 if added else 0), added, [i + 1 for i in looks]


#: The note on a file read by the loose sniff (no header: any two columns could pass).
HEADERLESS_NOTE = ("read as a headerless edge list (two node labels a line, no Source,Target "
                   "header): check that this is what you meant")


def _parse(data: bytes, path: str, fmt: str) -> FileTable:
    import pandas as pd

    prepared, offset, added, looks = _prepare(data, path)
    raw = read_table(prepared, path, _is_header, what="edge list", signature=SIGNATURES[fmt])
    columns = list(raw.frame.columns)
    source, target = raw.frame[columns[0]], raw.frame[columns[1]]
    weight_col = next((c for c in _WEIGHTS if raw.has(c)), None)
    text = raw.col(weight_col) if weight_col else pd.Series("", index=raw.frame.index)
    weight, not_number = parse_numbers(text)  # inf, -inf and nan are no weights either
    one_node = (source == "") | (target == "")
    bad_weight = ~one_node & not_number
    keep = ~(one_node | bad_weight)
    skipped = Counter({ONE_NODE: int(one_node.sum()), BAD_WEIGHT: int(bad_weight.sum())})
    notes = []
    if raw.decoded.replaced:
        notes.append(f"{raw.decoded.replaced} invalid UTF-8 byte(s) replaced")
    if added and fmt == "edgelist":
        notes.append(HEADERLESS_NOTE)
    if looks:
        notes.append(f"{len(looks)} line(s) starting with # or % read as comments although "
                     f"they look like ties (line {', '.join(map(str, looks[:3]))}"
                     f"{', …' if len(looks) > 3 else ''}); if they are ties, give the file a "
                     "header line (source,target): after it, only lines that are not rows are "
                     "comments")
    return make_table(path, fmt, {"source": source, "target": target, "weight": weight},
                      raw.lines + offset, keep, skipped, notes)


def parse_edgelist(data: bytes, path: str) -> FileTable:
    """An edge list: one row per line (a tie listed twice is two rows; the graph keeps one).

    >>> t = parse_edgelist(b"# karate\\n0 1\\n0 2 3.5\\n", "karate.txt")
    >>> t.frame[["source", "target"]].values.tolist(), t.frame["line"].tolist()
    ([['0', '1'], ['0', '2']], [2, 3])
    """
    return _parse(data, path, "edgelist")


def parse_snap_edges(data: bytes, path: str) -> FileTable:
    """SNAP ``<ego>.edges``: the ties among the ego's contacts (the ego is the file's stem)."""
    return _parse(data, path, "snap-edges")


def parse_snap_circles(data: bytes, path: str) -> FileTable:
    """SNAP ``<ego>.circles``: one row per (circle, member)."""
    import pandas as pd

    text = decode(data).text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = pd.Series(text.split("\n"))
    tokens = lines.str.split()
    rows = pd.DataFrame({"tokens": tokens, "line": lines.index + 1})
    rows = rows[rows["tokens"].map(len) >= 1]
    rows = rows[~rows["tokens"].str[0].str.startswith(("#", "%"))]
    if rows.empty:
        raise InputError(path, "expected SNAP circles ('circle<TAB>id<TAB>id…' lines), found no "
                               "such line; pass the <ego>.circles file of the data set")
    rows = rows.assign(circle=rows["tokens"].str[0], member=rows["tokens"].str[1:])
    members = rows.explode("member").dropna(subset=["member"]).reset_index(drop=True)
    return make_table(path, "snap-circles",
                      {"circle": members["circle"], "member": members["member"]},
                      members["line"])


EDGELIST_FORMATS: list[Format] = [
    Format("snap-edges", "SNAP ego network <ego>.edges",
           SIGNATURES["snap-edges"], no_header, parse_snap_edges, sniff_bytes=is_snap_edges),
    Format("snap-circles", "SNAP ego network <ego>.circles",
           SIGNATURES["snap-circles"], no_header, parse_snap_circles,
           sniff_bytes=is_snap_circles),
    Format("edgelist", "edge list (a whole network)",
           SIGNATURES["edgelist"], _is_header, parse_edgelist,
           sniff_bytes=is_headerless_edgelist, lone_only=True),
]
