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

import pandas as pd

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
_COMMENT_LINE = re.compile(r"(?m)^[ \t]*[#%].*$")
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


def looks_like_edges(head: bytes) -> bool:
    """The first data line and at least half of the first 30 have two labels and at most a numeric
    weight (a stray bad line is then reported by the parser, with its number)."""
    lines = _data_lines(head)
    if not lines or any("\x00" in line or "\ufffd" in line for line in lines):
        return False
    delimiter = _delimiter(lines[0])
    fits = [_is_edge(_fields(line, delimiter)) for line in lines]
    return fits[0] and sum(fits) * 2 >= len(fits)


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


def _prepare(data: bytes, path: str) -> tuple[bytes, int, bool]:
    """Text read_table can take: comments blanked (line numbers kept), leading comments cut,
    whitespace separators turned into tabs, a ``source,target,weight`` header when there is
    none. Returns the bytes, the line offset to add back, and whether the header was added."""
    text = decode(data).text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if "#" in text or "%" in text:  # the regexes cost seconds on a million lines
        text = _TRAILING_COMMENT.sub("", _COMMENT_LINE.sub("", text))
    first = re.search(r"(?m)^[ \t]*\S.*$", text)
    if first is None:
        raise InputError(path, "expected edges ('u v' or 'u,v' lines), found only comments or "
                               "blank lines; add the edges, one per line")
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
    return text.encode("utf-8"), cut - (1 if added else 0), added


def _parse(data: bytes, path: str, fmt: str) -> FileTable:
    prepared, offset, added = _prepare(data, path)
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
