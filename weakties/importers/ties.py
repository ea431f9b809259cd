"""A ties file: the user's own knowledge of who knows whom among their contacts.

``person_a,person_b[,strength][,note]``, one row per pair. A person is written as a LinkedIn URL,
an email, a node id or a name; identity resolution matches them to the people of the other
inputs (:func:`weakties.identity.match_people`). This is how one LinkedIn export grows from an
ego star into an ego network: the export cannot show which contacts know each other, the user can.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from typing import TYPE_CHECKING

from weakties.errors import InputError
from weakties.importers._csv import (
    describe_head,
    find_header,
    head_lines,
    parse_numbers,
    read_table,
)
from weakties.importers.base import FileTable, Format, make_table

if TYPE_CHECKING:  # annotations only: parsers import pandas when they parse (see base.py)
    import pandas as pd

__all__ = ["TIES_FORMATS", "parse_ties", "read_ties", "read_aliases"]

SIGNATURE = "person_a,person_b[,strength][,note]"
MISSING = "a person is missing"
BAD_STRENGTH = "strength is not a number"

_A = ("person_a", "person a", "person 1", "person1")
_B = ("person_b", "person b", "person 2", "person2")


def _is_ties(cells: list[str]) -> bool:
    return any(a in cells for a in _A) and any(b in cells for b in _B)


def parse_ties(data: bytes, path: str) -> FileTable:
    """Parse a ties file; rows missing a person or with a non-numeric strength are skipped.

    >>> t = parse_ties(b"person_a,person_b,strength\\nAnne Jansen,bob@x.example,2\\n", "t.csv")
    >>> t.frame.loc[0, ["person_a", "person_b"]].tolist(), float(t.frame.loc[0, "strength"])
    (['Anne Jansen', 'bob@x.example'], 2.0)
    """
    raw = read_table(data, path, _is_ties, what="ties file", signature=SIGNATURE)
    columns = raw.frame.columns
    a = raw.col(next(c for c in _A if c in columns))
    b = raw.col(next(c for c in _B if c in columns))
    strength, not_number = parse_numbers(raw.col("strength"))
    missing = (a == "") | (b == "")
    bad = ~missing & not_number
    keep = ~(missing | bad)
    skipped = Counter({MISSING: int(missing.sum()), BAD_STRENGTH: int(bad.sum())})
    return make_table(path, "ties", {"person_a": a, "person_b": b, "strength": strength,
                                     "note": raw.col("note")}, raw.lines, keep, skipped)


def read_ties(data: bytes, path: str) -> FileTable:
    """A file given with ``--ties``: it must have the ties header (say so plainly if not)."""
    lines = head_lines(data)
    if not data.strip() or find_header(lines, _is_ties) is None:
        found = describe_head(lines) if data.strip() else ""
        raise InputError(
            path, f"expected a ties file with the header '{SIGNATURE}', found "
            f"{f'{found!r}' if found else 'an empty file'}; add that header line and one row per "
            "pair of people who know each other")
    table = parse_ties(data, path)
    if table.rows == 0:
        why = "; ".join(f"{n} skipped: {reason}" for reason, n in sorted(table.skipped.items()))
        raise InputError(path, "has the ties file header but no usable rows"
                               f"{f' ({why})' if why else ''}; add one row per pair of people "
                               "who know each other")
    return table


def read_aliases(data: bytes, path: str) -> pd.DataFrame:
    r"""An ``--aliases`` file: two identifiers of one person a row (an email, a profile URL, a
    node id as in people.csv, or a name only one person has), comma-separated, an optional
    header. Returns columns ``a``, ``b``, ``source`` ("file:line"); raises InputError when no
    row has two identifiers.

    >>> read_aliases(b"a,b\nann@home.example,ann@work.example\n", "aliases.csv").values.tolist()
    [['ann@home.example', 'ann@work.example', 'aliases.csv:2']]
    """
    import pandas as pd

    text = data.decode("utf-8-sig", "replace")
    rows = []
    for number, cells in enumerate(csv.reader(io.StringIO(text)), 1):
        cells = [" ".join(c.split()) for c in cells]
        if number == 1 and [c.casefold() for c in cells[:2]] in _ALIAS_HEADERS:
            continue
        if len(cells) >= 2 and cells[0] and cells[1]:
            rows.append((cells[0], cells[1], f"{path}:{number}"))
    if not rows:
        raise InputError(path, "expected two identifiers of one person a row (email, profile "
                         "URL, node id or name; e.g. 'ann@home.example,ann@work.example'), "
                         "found none")
    return pd.DataFrame(rows, columns=["a", "b", "source"])


_ALIAS_HEADERS = [["a", "b"], ["person_a", "person_b"], ["identifier_a", "identifier_b"],
                  ["alias", "of"], ["from", "to"]]


TIES_FORMATS: list[Format] = [
    Format("ties", "ties file (who knows whom among the contacts)",
           SIGNATURE, _is_ties, parse_ties),
]
