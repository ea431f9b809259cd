"""Fuzzing every parser with the values that broke them (issue 17): a FileTable or an InputError.

Each example is a real file of the format (from ``sample_exports``) with a few hostile pieces
put in at random places: dates outside pandas' range, numbers of thousands of digits, JSON and
vCards nested thousands deep, URLs urllib refuses, escape sequences, ``inf`` weights, unknown
charsets, long runs of quoted-printable soft breaks or folded lines, dotted strings that made the
address regexes backtrack. Every ``Format.parse`` and the registry's ``sniff`` must answer with a
table or an :class:`InputError`; anything else (ValueError, RecursionError, LookupError …) fails.

Seeded (``derandomize``: the same examples on every run), no example database, and bounded: the
whole file runs in well under 60 s on the 2-core CI machine. :mod:`test_properties` fuzzes the
same entry points with arbitrary bytes; this file aims at the classes of issue 17.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from helpers import samples_by_format
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from weakties.errors import InputError
from weakties.importers.base import FileTable, Format
from weakties.importers.registry import FORMATS, sniff

#: Per format: 8 examples; a deadline far above the ~0.1 s an example takes (a loaded CI
#: machine is slow, not hung: a quadratic parser takes minutes).
FUZZ = settings(max_examples=8, deadline=timedelta(seconds=30), derandomize=True,
                database=None, suppress_health_check=list(HealthCheck))

#: What each class of issue 17 put into files, in several sizes and spellings.
HOSTILE: list[bytes] = [
    # values outside a library's range
    b"14 Feb 1500", b"01 Jan 3000", b"2263-01-01 00:00:00 UTC", b"1/8/99999, 6:14 PM",
    b"9" * 4_400, b"1" * 10_000, b"-" + b"7" * 5_000, b"1e400", b"99999999999999999999",
    b"[" * 3_000, b'{"a":' * 2_500, b"https://[www.linkedin.com/in/x", b"http://[::1",
    b";CHARSET=x-no-such-charset", b";CHARSET=utf-99", b";ENCODING=QUOTED-PRINTABLE;ENCODING=B",
    b"BEGIN:VCARD\r\n" * 400, b"BEGIN:VCARD\nBEGIN:VCARD\nEND:VCARD\n",
    # numbers
    b"inf", b"-inf", b"nan", b"-Infinity", b"NaN", b"1e999",
    # the terminal and XML
    b"\x1b[2J", b"\x1b]8;;http://evil.example\x07x\x1b]8;;\x07", b"\xc2\x9b31m", b"\x00",
    b"\x0b\x0c\x01", b"[bold]x[/]",
    # unbounded work, in sizes a test can afford
    b"=\r\n" * 3_000, b"\r\n x" * 3_000, b"a@" + b"x." * 5_000 + b"@", b"," * 20_000,
    b"\t" * 20_000, b"x" * 70_000, b"\n" * 5_000,
    # structure
    b'"', b"\r", b"\xff\xfe", b"PK\x03\x04", b"END:VCARD\r\n", b"]}", b'"timestamp": -1e308,',
]


SEEDS = samples_by_format(200_000)


def test_every_format_has_a_seed():
    """Each format is fuzzed from a real file of it, not only from noise."""
    assert {f.name for f in FORMATS} <= set(SEEDS), {f.name for f in FORMATS} - set(SEEDS)


def _mutate(data: bytes, edits: list[tuple[float, int, bool]]) -> bytes:
    """Put each hostile piece at a fraction of the file, inserted or replacing as long a run."""
    for where, which, replace in edits:
        piece = HOSTILE[which]
        at = int(where * len(data))
        data = data[:at] + piece + data[at + (len(piece) if replace else 0):]
    return data


def parsed_or_refused(fmt: Format, data: bytes, name: str) -> None:
    """The property: ``parse`` gives a FileTable whose rows are its frame's, or InputError."""
    try:
        table = fmt.parse(data, name)
    except InputError as err:
        assert "\n" not in str(err), repr(str(err))  # one line for the CLI
        return
    assert isinstance(table, FileTable)
    assert table.rows == len(table.frame)


EDITS = st.lists(st.tuples(st.floats(0, 1), st.integers(0, len(HOSTILE) - 1), st.booleans()),
                 min_size=1, max_size=3)


@pytest.mark.parametrize("fmt", FORMATS, ids=[f.name for f in FORMATS])
@FUZZ
@given(data=st.data(), edits=EDITS)
def test_parse_gives_a_table_or_an_input_error(fmt: Format, data, edits):
    name, seed = data.draw(st.sampled_from(SEEDS.get(fmt.name) or [(f"{fmt.name}.csv", b"")]))
    parsed_or_refused(fmt, _mutate(seed, edits), Path(name).name)


@pytest.mark.parametrize("fmt", FORMATS, ids=[f.name for f in FORMATS])
@FUZZ
@given(data=st.data(), edits=EDITS, lone=st.booleans())
def test_sniff_gives_a_format_none_or_an_input_error(fmt: Format, data, edits, lone):
    name, seed = data.draw(st.sampled_from(SEEDS.get(fmt.name) or [(f"{fmt.name}.csv", b"")]))
    mutated = _mutate(seed, edits)
    try:
        found = sniff(mutated, Path(name).name, lone_file=lone)
    except InputError:
        return
    assert found is None or found in FORMATS
    if found is not None:  # what the sniff picked must read it or refuse it, too
        parsed_or_refused(found, mutated, Path(name).name)


@pytest.mark.parametrize("piece", range(len(HOSTILE)), ids=lambda i: f"piece{i}")
def test_each_hostile_piece_alone_in_every_format(piece: int):
    """Every piece once in the middle of one seed of every format: no piece is left untried."""
    for fmt in FORMATS:
        for name, seed in SEEDS.get(fmt.name, [])[:1]:
            parsed_or_refused(fmt, _mutate(seed, [(0.5, piece, False)]), Path(name).name)
