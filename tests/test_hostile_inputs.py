"""Hostile inputs: each gives a correct result or one ``Error: …`` line with exit 1.

Never a traceback, never a hang, never unbounded memory. The corpus is ``tests/broken/`` (small
files, checked by ``test_cli.py`` with every command) and the cases ``tests/make_corpus.py``
builds once per session in a temporary folder; :data:`ERRORS` and :data:`RESULTS` below list
what each of those gives. The limits themselves are documented in
:mod:`weakties.importers.limits` and :mod:`weakties.importers._csv`.
"""

from __future__ import annotations

import bz2
import csv
import io
import json
import lzma
import os
import resource
import signal
import struct
import subprocess
import sys
import textwrap
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner, Result
from helpers import (
    ALICE_URL,
    CONNECTIONS_2023,
    IN,
    alice_archive,
    connections,
    write_team,
    write_zip,
    zip_bytes,
)
from make_corpus import ANNE, BRAM, HEADER, TWO_PEOPLE, build, deflated, raw_zip, row

import weakties
from weakties.cli import cli
from weakties.errors import InputError
from weakties.importers import _csv, contacts, limits, social
from weakties.importers.linkedin import parse_connections
from weakties.importers.registry import sniff
from weakties.importers.social import parse_facebook
from weakties.importers.vcard import parse_vcard

#: Watchdog, not a speed test: a case still running after this many seconds has hung (the
#: test fails instead of stalling CI). No test here asserts how long anything took.
DEADLINE = 120


@pytest.fixture(autouse=True)
def no_hang() -> Iterator[None]:
    """Turn a hang (a FIFO opened for reading, a zip bomb inflating) into a failure."""

    def hung(signum, frame):
        raise TimeoutError(f"no answer within {DEADLINE} s: a hostile input made weakties hang")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(DEADLINE)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The generated corpus, built once per session (about 2 s, 56 MB of disk)."""
    return build(tmp_path_factory.mktemp("corpus"))


def analyze(*args: str | Path, out: Path) -> Result:
    return CliRunner().invoke(
        cli, ["analyze", "--out", str(out), "--json", *map(str, args)], prog_name="weakties"
    )


def one_error_line(result: Result) -> str:
    """The message of a handled error: exit 1, one line, no traceback."""
    assert result.exit_code == 1, (result.exit_code, result.output, result.exception)
    assert isinstance(result.exception, SystemExit), result.exception  # handled, not a crash
    assert result.output.count("\n") == 1 and result.output.startswith("Error: "), result.output
    assert "Traceback" not in result.output
    return result.output[len("Error: "):-1]


# --- cases that end in one error line ------------------------------------------------------------

LINE_RULE = ("expected every quoted field to end with a closing '\"', found a quote that is never "
             "closed from here on; fix the quotes on that row or re-export the file")
DAMAGED = "; download it again, or unzip it and pass the folder"

#: case id -> (case names to pass, the message with {0}, {1} for their paths). The message is
#: what follows ``Error: ``.
ERRORS: dict[str, tuple[list[str], str]] = {
    "nul-byte-in-a-row": (
        ["nul_bytes_Connections.csv"],
        "{0}:3: expected text, found a NUL byte (binary data) on this line: the file is "
        "damaged; export it again, or delete that row"),
    "unbalanced-quotes": (["unbalanced_quotes_Connections.csv"], "{0}:3: " + LINE_RULE),
    "fifo-given": (
        ["fifo_Connections.csv"],
        "{0}: expected a file or a folder, found a special file (a pipe, socket or device); "
        "save the export to a file and pass that"),
    "zip-nested-4-deep": (
        ["nested_too_deep.zip"],
        "{0}/level1.zip/level2.zip/level3.zip: expected zip archives nested at most 3 deep, "
        "found deeper (a zip in a zip in a zip…); unzip it yourself and pass the folder"),
    "zip-10001-members": (
        ["many_members.zip"],
        "{0}: expected at most 10,000 files in an archive, found 10,001; a LinkedIn export "
        "holds a few dozen: pass the export"),
    "zip-encrypted": (
        ["encrypted.zip"],
        "{0}/Connections.csv: the archive is password-protected; unzip it yourself and pass "
        "the folder"),
    "zip-unknown-compression": (
        ["unsupported_method.zip"],
        "{0}/Connections.csv: not a readable zip archive (That compression method is not "
        "supported)" + DAMAGED),
    "zip-corrupt-data": (
        ["corrupt_deflate.zip"],
        "{0}/Connections.csv: not a readable zip archive (Error -3 while decompressing data: "
        "invalid block type)" + DAMAGED),
    "zip-member-name-with-newline": (
        # The name is "Connections\nError: all good.csv": shown with "?", on one line.
        ["control_chars_name.zip"], "{0}/Connections?Error: all good.csv:2: " + LINE_RULE),
    "folder-of-symlinks-pointing-out": (
        ["team_of_symlinks"],
        "{0}: no export found in this folder; expected a LinkedIn archive (.zip or its CSV "
        "files) or one export per team member; 1 symlink(s) there point outside it and were "
        "not followed: pass their targets instead"),
    "lone-file-then-its-archive": (
        ["alice_Connections.csv", "alice.zip"],
        "{1}: holds {1}/Basic_LinkedInDataExport_05-14-2024/Connections.csv with the same bytes "
        "as {0}, but other files differ: the same owner's data would be counted twice; pass "
        "only {1}, which holds all of them"),
    "two-archives-sharing-a-file": (
        ["alice.zip", "alice_other_messages.zip"],
        "{1}: holds {1}/Basic_LinkedInDataExport_05-14-2024/Connections.csv with the same bytes "
        "as {0}/Basic_LinkedInDataExport_05-14-2024/Connections.csv, but other files differ: "
        "the same owner's data would be counted twice; pass each owner's export once"),
}


@pytest.mark.parametrize("case", sorted(ERRORS))
def test_hostile_input_is_one_error_line(case: str, corpus: dict[str, Path], tmp_path: Path):
    names, message = ERRORS[case]
    paths = [corpus[n] for n in names]
    result = analyze(*paths, out=tmp_path / "report")
    assert one_error_line(result) == message.format(*paths)
    assert not (tmp_path / "report").exists()  # a failed run writes no report


# --- cases that give a correct result -------------------------------------------------------------

#: case id -> (case names to pass, people expected in people.csv besides the owners, text each
#: of which must be in summary.json's ignored_files).
RESULTS: dict[str, tuple[list[str], set[str], list[str]]] = {
    # 2 invalid bytes ("\xe2(" is a broken 3-byte sequence) become U+FFFD; noted as re-saved.
    "invalid-utf8": (["invalid_utf8_Connections.csv"],
                     {"Anne Jansen", "Br\ufffd(am de Wit", "Sofía Hernández"}, []),
    "utf16-without-bom": (["utf16_no_bom_Connections.csv"], {"Anne Jansen", "Bram de Wit"}, []),
    "symlink-given-is-followed": (["symlink_Connections.csv"], {"Anne Jansen", "Bram de Wit"},
                                  []),
    "zip-in-a-zip": (["nested_ok.zip"], set(), ["guide_messages.csv"]),
    # Read in memory: names with ../ and absolute paths are labels; nothing is written.
    # The messages.csv (Alice's, from helpers) adds the people she wrote to; Björn is named
    # only by his URL there.
    "zip-member-names-with-dotdot": (["traversal.zip"],
                                     {"Anne Jansen", "Bram de Wit", 'Anne "Annie" O’Neil',
                                      "Pieter Jansen, MSc, MBA, PHR", "bjorn-odegaard"},
                                     ["..\\..\\windows\\Profile.csv"]),
    "zip-symlink-entry": (["symlink_entry.zip"], {"Anne Jansen", "Bram de Wit"},
                          ["/messages.csv (symlink entry: not followed)"]),
    "zip-same-name-twice": (["duplicate_names.zip"], {"Anne Jansen", "Bram de Wit"},
                            ["/Connections.csv (same bytes as "]),
    "folder-symlink-pointing-out": (["symlink_outside"], {"Anne Jansen", "Bram de Wit"},
                                    ["messages.csv (symlink to a file outside the folder given: "
                                     "not followed)"]),
    "folder-symlink-to-a-file-inside": (["symlink_inside"], {"Anne Jansen", "Bram de Wit"},
                                        ["(same bytes as "]),
    "folder-symlink-loop": (["symlink_loop"], {"Anne Jansen", "Bram de Wit"},
                            ["/loop (symlinked folder: not entered)"]),
    "folder-with-a-fifo": (["fifo_inside"], {"Anne Jansen", "Bram de Wit"},
                           ["/pipe.csv (not a regular file)"]),
}


def people_names(out: Path) -> set[str]:
    with (out / "people.csv").open(encoding="utf-8-sig", newline="") as fh:
        return {r["name"] for r in csv.DictReader(fh) if r["owner"] == "False"}


@pytest.mark.parametrize("case", sorted(RESULTS))
def test_hostile_input_gives_a_correct_result(case: str, corpus: dict[str, Path],
                                              tmp_path: Path):
    names, people, ignored = RESULTS[case]
    out = tmp_path / "report"
    result = analyze(*[corpus[n] for n in names], out=out)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    if people:
        assert people_names(out) == people
    else:  # the test fixture's archive: Alice and her 5 contacts (test_load.py)
        assert (data["owners"], data["people"]) == (["Alice Example"], 6)
    for text in ignored:
        assert any(text in entry for entry in data["ignored_files"]), (text, data["ignored_files"])


def test_invalid_utf8_is_noted_as_replaced(corpus: dict[str, Path]):
    _, report = weakties.load([corpus["invalid_utf8_Connections.csv"]])
    (entry,) = report.inputs
    assert entry["rows"] == 3
    assert any("1 invalid UTF-8 byte(s) replaced" in note for note in entry["notes"])


def test_zip_member_names_write_nothing_anywhere(corpus: dict[str, Path], tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch):
    # The names point at /tmp/weakties-evil and /etc/weakties-evil: nothing may appear there,
    # in the working folder, or next to the archive.
    monkeypatch.chdir(tmp_path)
    before = listing(corpus["traversal.zip"].parent)
    result = analyze(corpus["traversal.zip"], out=tmp_path / "report")
    assert result.exit_code == 0, result.output
    assert not Path("/tmp/weakties-evil").exists() and not Path("/etc/weakties-evil").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]
    assert listing(corpus["traversal.zip"].parent) == before


def listing(folder: Path) -> dict[str, tuple[int, int]]:
    """Size and mtime of everything under ``folder`` (the corpus holds a sparse 1 GiB file:
    hashing it would take seconds)."""
    return {str(p): (p.lstat().st_size, p.lstat().st_mtime_ns) for p in folder.rglob("*")}


# --- the same owner given twice: read once, never counted twice ----------------------------------


def report_files(out: Path) -> dict[str, str]:
    return {name: (out / name).read_text(encoding="utf-8-sig")
            for name in ("people.csv", "ties.csv")}


@pytest.mark.parametrize(
    ("names", "note"),
    [
        (["alice.zip", "alice.zip"], "{0} (given twice: read once)"),
        (["alice.zip", "alice (1).zip"], "{1} (the same files as {0}: read once)"),
        (["alice.zip", "alice_Connections.csv"], "{1} (the same files as {0}: read once)"),
        (["team_zip_and_folder"], "{0}/alice.zip (the same files as {0}/alice/"
                                  "Basic_LinkedInDataExport_05-14-2024: read once)"),
    ],
    ids=["same-path-twice", "a-copy", "a-file-extracted-from-it", "zip-next-to-its-folder"],
)
def test_the_same_export_twice_is_read_once(names: list[str], note: str,
                                            corpus: dict[str, Path], tmp_path: Path):
    once = analyze(corpus["alice.zip"], out=tmp_path / "once")
    paths = [corpus[n] for n in names]
    twice = analyze(*paths, out=tmp_path / "twice")
    assert (once.exit_code, twice.exit_code) == (0, 0), twice.output
    data = json.loads(twice.stdout)
    assert note.format(*paths) in data["ignored_files"]
    assert data["owners"] == ["Alice Example"]
    # Same people and ties, and each tie with the same message counts as from one copy.
    assert report_files(tmp_path / "twice") == report_files(tmp_path / "once")


# --- big cases, in a process whose memory is capped ----------------------------------------------

#: case -> the message (after "Error: {path}"), or None for a correct result.
BIG: dict[str, str | None] = {
    "big_field_Connections.csv": (
        ":2: expected fields of at most 1,048,576 characters, found one of 50,000,000 in column "
        "'company'; LinkedIn writes nothing that long: the file is damaged or not an export, "
        "fix that row or export it again"),
    "million_empty_rows_Connections.csv": None,
    "too_big_Connections.csv": (
        ": expected a file of at most 1.0 GiB, found 1,073,741,825 bytes; not read: an export "
        "file is far smaller (LinkedIn's largest, messages.csv, is a few hundred MB)"),
    "bomb.zip": (
        "/Connections.csv: expected a file of at most 1.0 GiB uncompressed, found 2.0 GiB (from "
        "the zip's header; not decompressed): an export file is far smaller"),
    "bomb_ratio.zip": (
        "/Connections.csv: expected at most 100 to 1 compression, found 1,010 to 1 (header says "
        "310,432 bytes -> 299.0 MiB): a zip bomb, not an export; not decompressed further"),
    # The headers say 64 KiB; the data inflates to 256 MiB. Reading stops at 64 KiB and the
    # checksum (of the whole) fails.
    "bomb_lying.zip": (
        "/Connections.csv: not a readable zip archive (Bad CRC-32 for file 'Connections.csv')"
        + DAMAGED),
}
MEMORY_CAP = 1024**3  # address space: a 2 GiB bomb cannot be inflated inside it
PEAK_RSS = 1024**3  # what the run may actually use


def test_big_cases_stay_within_memory_and_time(corpus: dict[str, Path], tmp_path: Path):
    """Run the big cases in a child process whose address space is capped, and measure it."""
    script = textwrap.dedent(f"""
        import json, resource, sys, time
        resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_CAP}, {MEMORY_CAP}))
        from click.testing import CliRunner
        from weakties.cli import cli
        results = {{}}
        for path in sys.argv[1:]:
            started = time.monotonic()
            r = CliRunner().invoke(cli, ["export", "-o", {str(tmp_path / "g.graphml")!r}, path])
            results[path] = [r.exit_code, r.output, type(r.exception).__name__,
                             time.monotonic() - started]
        # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the forking parent.
        status = open("/proc/self/status").read()
        peak = int(status.split("VmHWM:")[1].split()[0]) * 1024
        print(json.dumps({{"results": results, "peak": peak}}))
    """)
    paths = [str(corpus[name]) for name in BIG]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(weakties.__file__).parents[1]),
                                                        os.environ.get("PYTHONPATH", "")])}
    run = subprocess.run([sys.executable, "-c", script, *paths], capture_output=True,
                         text=True, timeout=DEADLINE - 5, env=env)
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout.splitlines()[-1])
    for name, path in zip(BIG, paths, strict=True):
        code, output, exception, seconds = data["results"][path]
        if BIG[name] is None:
            assert (code, output) == (0, f"Wrote {tmp_path / 'g.graphml'}\n"), (name, output)
        else:
            assert (code, exception) == (1, "SystemExit"), (name, output)
            assert output == f"Error: {path}{BIG[name]}\n"
    assert data["peak"] < PEAK_RSS, f"peak memory {data['peak'] / 2**20:.0f} MiB"


def test_a_million_empty_rows_are_dropped_not_counted_as_people(corpus: dict[str, Path]):
    G, report = weakties.load([corpus["million_empty_rows_Connections.csv"]])
    assert (G.number_of_nodes(), report.inputs[0]["rows"], report.inputs[0]["skipped"]) == (
        3, 2, 0)


# --- each limit, with the limit made small --------------------------------------------------------


def test_total_uncompressed_bytes_of_one_input_are_capped(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch):
    # Three members of 400 KB: each under the member limit, together over a 1 MB budget.
    monkeypatch.setattr(limits, "MAX_INPUT_BYTES", 1_000_000)
    rows = (row(["X", "Y", "", "", "Z", "W", "01 Jan 2020"]) + b"\n") * 18_000  # 396 KB
    path = write_zip(tmp_path / "big.zip", {f"part{i}/Connections.csv": TWO_PEOPLE + b"\n" + rows
                                            for i in range(3)})
    with pytest.raises(InputError) as err:
        weakties.load([path])
    assert str(err.value).startswith(
        f"{path}: expected at most 1,000,000 bytes of files in one input, found more (1.1 MiB "
        "so far); ")


def test_total_bytes_of_a_folder_are_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(limits, "MAX_INPUT_BYTES", 1_000)
    folder = tmp_path / "export"
    folder.mkdir()
    for name in ("Connections.csv", "messages.csv"):
        (folder / name).write_bytes(TWO_PEOPLE)
    with pytest.raises(InputError, match=r"expected at most 1,000 bytes of files in one input"):
        weakties.load([folder])


def test_a_member_is_cut_off_when_it_inflates_past_what_its_header_said(
    monkeypatch: pytest.MonkeyPatch,
):
    # zipfile itself stops at the header's size; this is the second guard, on bytes counted.
    monkeypatch.setattr(limits, "MAX_MEMBER_BYTES", 2 * 1024**2)

    class Lying:
        def open(self, info: zipfile.ZipInfo) -> io.BytesIO:
            return io.BytesIO(b"\n" * 10 * 1024**2)

    info = zipfile.ZipInfo("Connections.csv")
    info.file_size, info.compress_size = 100, 1024**2  # a ratio of 10 to 1 as it inflates
    with pytest.raises(InputError) as err:
        limits._read_member(Lying(), info, "x.zip/Connections.csv", limits.Budget("x.zip"))
    assert str(err.value) == (
        "x.zip/Connections.csv: expected a file of at most 2.0 MiB uncompressed, found more "
        "than the zip's header said; not decompressed further")


def test_a_member_compressing_too_well_is_stopped_while_inflating():
    # The header claims an honest ratio; the data does not keep to it.
    class Bomb:
        def open(self, info: zipfile.ZipInfo) -> io.BytesIO:
            return io.BytesIO(b"\n" * 4 * 1024**2)

    info = zipfile.ZipInfo("Connections.csv")
    info.file_size, info.compress_size = 100, 10_000
    with pytest.raises(InputError, match=r"expected at most 100 to 1 compression, found "
                                         r"210 to 1 \(decompressing 10,000 bytes -> 2.0 MiB\)"):
        limits._read_member(Bomb(), info, "x.zip/Connections.csv", limits.Budget("x.zip"))


def test_a_deflated_member_inflated_at_once_is_what_zipfile_reads(tmp_path: Path):
    # ISA-L inflates a member in one call only when it is what its header says; anything else
    # (a size or CRC the data does not match, a cut stream, a stored member) is left to the
    # chunked zipfile path, whose result or error stays the reference.
    import copy

    text = b"".join(b"g%d,Owner,https://www.linkedin.com/in/p%05d,%s\n"
                    % (i % 50, i, b"x" * (i % 97)) for i in range(20_000))
    path = tmp_path / "x.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("messages.csv", text)
        z.writestr("stored.csv", text[:1000], compress_type=zipfile.ZIP_STORED)
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("messages.csv")
        assert limits._inflate_at_once(archive, info) == text == archive.read(info)
        assert limits._read_member(archive, info, "x.zip/m", limits.Budget("x.zip")) == text
        assert limits._inflate_at_once(archive, archive.getinfo("stored.csv")) is None

        def lying(**fields) -> zipfile.ZipInfo:
            other = copy.copy(info)
            for key, value in fields.items():
                setattr(other, key, value)
            return other

        for other in (lying(CRC=info.CRC ^ 1), lying(file_size=info.file_size + 1),
                      lying(file_size=info.file_size - 1), lying(compress_size=1000),
                      lying(flag_bits=info.flag_bits | 0x1)):
            assert limits._inflate_at_once(archive, other) is None
        with pytest.raises(zipfile.BadZipFile, match="Bad CRC-32"):
            limits._read_member(archive, lying(CRC=info.CRC ^ 1), "x.zip/m",
                                limits.Budget("x.zip"))


def test_too_many_lines_are_refused_before_parsing(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(_csv, "MAX_LINES", 1_000)
    data = TWO_PEOPLE + b"\n" * 2_000
    with pytest.raises(InputError) as err:
        parse_connections(data, "Connections.csv")
    assert str(err.value) == (
        "Connections.csv: expected at most 1,000 lines (LinkedIn exports have far fewer), found "
        "2,003; if most are empty a spreadsheet added them: delete them and save again, or "
        "split the file")


def test_a_field_at_the_limit_is_read(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(_csv, "MAX_FIELD_CHARS", 50)
    ok = parse_connections((HEADER + "\nAnne,Jansen,,," + "x" * 50 + ",CTO,").encode(), "c.csv")
    assert ok.frame.loc[0, "organisation"] == "x" * 50
    with pytest.raises(InputError, match=r"^c\.csv:2: expected fields of at most 50 char"):
        parse_connections((HEADER + "\nAnne,Jansen,,," + "x" * 51 + ",CTO,").encode(), "c.csv")


def test_rows_read_in_chunks_keep_their_line_numbers(monkeypatch: pytest.MonkeyPatch):
    # Chunks of 3 rows; blank rows and a row spanning two lines in between.
    monkeypatch.setattr(_csv, "CHUNK_ROWS", 3)
    lines = [HEADER, ",".join(["A", "a", "", "", "Acme", "CTO", "14 Feb 2020"]), "", ",,,,,,",
             '"B","b","","","Acme","two\nlines","14 Feb 2020"', "", "", "C,c,,,Acme,CTO,",
             ",,,,,,", "D,d,,,Acme,CTO,"]
    table = parse_connections("\n".join(lines).encode(), "c.csv")
    # A on line 2, B on 5 (to 6), C on 9, D on 11.
    assert table.frame["name"].tolist() == ["A a", "B b", "C c", "D d"]
    assert table.frame["line"].tolist() == [2, 5, 9, 11]


def test_long_lines_are_read_in_smaller_chunks_with_the_same_lines_and_errors(
    monkeypatch: pytest.MonkeyPatch,
):
    # CHUNK_BYTES of 100 and ~31-byte lines: 3 rows a chunk (312 bytes, 10 lines).
    monkeypatch.setattr(_csv, "CHUNK_BYTES", 100)
    rows = [f"P{i},p,,,Acme,CTO,14 Feb 2020" for i in range(8)]
    rows[4] = '"P4","p","","","Acme","two\nlines","14 Feb 2020"'  # lines 6-7
    data = "\n".join([HEADER, *rows]).encode()
    assert _csv._chunk_rows(len(data), data.count(b"\n") + 1) == 3
    table = parse_connections(data, "c.csv")
    assert table.frame["line"].tolist() == [2, 3, 4, 5, 6, 8, 9, 10]
    # A row with an extra non-empty field in the third chunk (line 9) is refused at its line.
    broken = data.replace(b"P6,p,,,Acme,CTO,", b"P6,p,,,Acme,CTO,x,")
    with pytest.raises(InputError) as err:
        parse_connections(broken, "c.csv")
    assert err.value.line == 9
    # So is a field over the limit there (monkeypatched to 20 characters).
    monkeypatch.setattr(_csv, "MAX_FIELD_CHARS", 20)
    with pytest.raises(InputError, match=r"^c\.csv:10: expected fields of at most 20 char"):
        parse_connections(data.replace(b"P7,p,,,Acme", b"P7,p,,," + b"A" * 21), "c.csv")


def test_a_zip_bomb_is_refused_from_its_header_without_inflating(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
):
    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def spy(self, name, *args, **kwargs):
        opened.append(getattr(name, "filename", name))
        return real_open(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    member = deflated("Connections.csv", TWO_PEOPLE)
    member["size"] = 4_000_000_000  # what the header claims
    path = tmp_path / "claims.zip"
    path.write_bytes(raw_zip([member]))
    with pytest.raises(InputError, match="found 3.7 GiB .from the zip's header; not decompressed"):
        weakties.load([path])
    assert opened == []


def test_only_members_that_may_be_exports_are_inflated(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "export.zip"
    path.write_bytes(zip_bytes({"Connections.csv": TWO_PEOPLE, "Rich_Media/video.mp4": b"\0" * 99,
                                "photo.jpg": b"\xff\xd8"}))
    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def spy(self, name, *args, **kwargs):
        opened.append(getattr(name, "filename", name))
        return real_open(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    _, report = weakties.load([path])
    assert opened == ["Connections.csv"]
    assert sorted(report.ignored_files) == [f"{path}/Rich_Media/video.mp4", f"{path}/photo.jpg"]


def test_a_device_given_as_input_is_refused():
    with pytest.raises(InputError) as err:
        weakties.load([os.devnull])
    assert str(err.value) == (
        f"{os.devnull}: expected a file or a folder, found a special file (a pipe, socket or "
        "device); save the export to a file and pass that")


def test_a_broken_symlink_given_as_input_is_missing(tmp_path: Path):
    link = tmp_path / "Connections.csv"
    link.symlink_to(tmp_path / "gone.csv")
    with pytest.raises(InputError, match="no such file or folder; check the path"):
        weakties.load([link])


def test_a_symlinked_team_member_inside_the_folder_is_followed(tmp_path: Path):
    # team/alice.zip -> team/archive/alice-export.zip: inside the folder given, so read.
    team = tmp_path / "team"
    write_zip(team / "archive" / "alice-export.zip", {"Connections.csv": TWO_PEOPLE,
                                                      "Profile.csv": b""})
    (team / "alice.zip").symlink_to(team / "archive" / "alice-export.zip")
    G, report = weakties.load([team])
    # The zip in archive/ and its symlink are one file, read once.
    assert len(G.graph["owners"]) == 1
    assert f"{team}/archive/alice-export.zip (given twice: read once)" in report.ignored_files


def test_file_limit_for_a_lone_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 100)
    path = tmp_path / "Connections.csv"
    path.write_bytes(TWO_PEOPLE)
    with pytest.raises(InputError) as err:
        weakties.load([path])
    assert str(err.value).startswith(f"{path}: expected a file of at most 100 bytes, found "
                                     f"{len(TWO_PEOPLE):,} bytes; not read")


def test_owner_of_each_duplicate_is_reported_once(corpus: dict[str, Path]):
    G, report = weakties.load([corpus["alice.zip"], corpus["alice (1).zip"]])
    assert [o["name"] for o in report.owners] == ["Alice Example"]
    assert G.nodes[ALICE_URL]["owner"] is True


# --- no row lost silently -------------------------------------------------------------------------


def test_every_skipped_row_is_counted_by_reason_in_summary_and_terminal(tmp_path: Path):
    # Alice's messages.csv (helpers.py) holds a draft, a "LinkedIn Member" without URL and a
    # sponsored conversation: 3 rows skipped, each under its reason.
    team = write_team(tmp_path / "in")
    data = json.loads(analyze(team, out=tmp_path / "report").stdout)
    result = CliRunner(env={"COLUMNS": "1000"}).invoke(
        cli, ["analyze", str(team), "--out", str(tmp_path / "again")])
    assert result.exit_code == 0, result.output
    terminal = " ".join(result.output.split())
    reasons_seen = 0
    for entry in data["inputs"]:
        # Every row of a file is read, skipped under a reason, or a hidden member.
        assert sum(entry["skipped_reasons"].values()) == entry["skipped"], entry
        for reason, n in entry["skipped_reasons"].items():
            reasons_seen += 1
            assert f"skipped in {entry['path']}: {reason}" in terminal, reason
            assert f"{n}" in terminal
    assert reasons_seen == 3
    messages = next(e for e in data["inputs"] if e["path"].endswith("/messages.csv")
                    and "alice.zip" in e["path"])
    assert messages["skipped_reasons"] == {
        "draft message": 1, "sender 'LinkedIn Member' without profile URL": 1,
        "sponsored conversation": 1}


# === Round two (issue 17): values outside a library's range ======================================
# Each class is tested with variants of its own (other sizes, formats and spellings than the
# corpus that found it); the fuzzing pass (test_fuzz_parsers.py) adds them at random places.


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("date", ["01 Jan 1601", "14 Feb 2263", "31 Dec 9999"])
def test_dates_outside_pandas_range_are_counted_not_a_traceback(date: str, tmp_path: Path):
    people = [["Old", "Date", IN + "old-date", "", "Acme", "CTO", date],
              ["New", "Date", IN + "new-date", "", "Acme", "CTO", "14 Feb 2020"]]
    path = write(tmp_path, "Connections.csv", connections(people))
    G, report = weakties.load([path])
    (entry,) = report.inputs
    assert entry["rows"] == 2  # both people kept; the one date is left empty and noted
    assert any(f"1 'Connected On' value(s) not understood as dates (first on line 5: '{date}')"
               in note for note in entry["notes"]), entry["notes"]


def test_message_dates_and_facebook_timestamps_outside_the_range(tmp_path: Path):
    assert _csv.parse_dates(pd.Series(["2300-05-01 10:00:00 UTC", "1500-01-01"])).isna().all()
    friends = {"friends_v2": [{"name": "Far Future", "timestamp": 10**12},
                              {"name": "Far Past", "timestamp": -(10**12)},
                              {"name": "Now", "timestamp": 1_700_000_000}]}
    table = parse_facebook(json.dumps(friends).encode(), "your_friends.json")
    assert table.frame["date"].isna().tolist() == [True, True, False]


@pytest.mark.parametrize("url", ["https://[www.linkedin.com/in/anne", "http://[::1",
                                 "linkedin.com/in/x]"])
def test_a_url_urllib_refuses_is_a_key_not_a_traceback(url: str, tmp_path: Path):
    rows = [["Anne", "Jansen", url, "", "Acme", "CTO", "14 Feb 2020"], ANNE[:2] + BRAM[2:]]
    path = write(tmp_path, "Connections.csv", connections(rows))
    G, _ = weakties.load([path])
    assert G.number_of_nodes() == 3  # the owner and two people, the odd URL kept as its text


@pytest.mark.parametrize(("data", "name", "rows"), [
    # Integers past Python's int-string limit (4,300 digits): text, not a ValueError.
    (b'{"friends_v2": [{"name": "A", "timestamp": ' + b"9" * 4_400 + b'}]}', "friends.json", 1),
    (b'window.YTD.follower.part0 = [{"follower": {"accountId": ' + b"7" * 9_000 + b"}}]",
     "follower.js", 1),
])
def test_json_integers_of_thousands_of_digits(data: bytes, name: str, rows: int):
    fmt = sniff(data, name)
    assert fmt.parse(data, name).rows == rows


@pytest.mark.parametrize(("data", "name"), [
    (b'{"friends": [' + b"[" * 5_000 + b"]" * 5_000 + b"]}", "friends.json"),
    (b'window.YTD.following.part0 = [{"following": ' + b'{"a":' * 50_000 + b"1"
     + b"}" * 50_000 + b"}]", "following.js"),
])
def test_json_nested_deeper_than_python_reads_is_one_error(data: bytes, name: str):
    with pytest.raises(InputError, match=r"found values nested deeper than [\d,]+ levels"):
        sniff(data, name).parse(data, name)


@pytest.mark.parametrize(("card", "reason"), [
    (b"FN;CHARSET=x-mac-klingon;ENCODING=QUOTED-PRINTABLE:=41nne\r\n", "a value in a charset"),
    (b"N;CHARSET=utf-99;ENCODING=QUOTED-PRINTABLE:Jansen;=41nne\r\n", "a value in a charset"),
    (b"NOTE;ENCODING=QUOTED-PRINTABLE;ENCODING=BASE64:=41\r\nFN:Anne\r\n", "a value in a charset"),
    (b"BEGIN:VCARD\r\n" * 40 + b"FN:x\r\n" + b"END:VCARD\r\n" * 40, "cards nested more than"),
    (b"BEGIN:VCARD\r\n" * 5_000 + b"FN:x\r\n" + b"END:VCARD\r\n" * 5_000,
     "cards nested more than"),
])
def test_vcard_values_vobject_cannot_decode_are_skipped_and_counted(card: bytes, reason: str):
    good = b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Bram de Wit\r\nEND:VCARD\r\n"
    data = good + b"BEGIN:VCARD\r\nVERSION:2.1\r\n" + card + b"END:VCARD\r\n" + good.replace(
        b"Bram de Wit", b"Cas Li")
    table = parse_vcard(data, "c.vcf")
    assert table.frame["name"].tolist() == ["Bram de Wit", "Cas Li"]
    assert [n for r, n in table.skipped.items() if r.startswith(reason)] == [1], table.skipped
    assert table.frame["line"].tolist() == [1, data.count(b"\n", 0, data.rindex(b"BEGIN")) + 1]


def test_quoted_printable_soft_breaks_and_folds_are_joined_as_vobject_would():
    data = (b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;ENCODING=QUOTED-PRINTABLE:=41n=\r\nne Jan=\r\n"
            b"sen\r\nORG:Ac\r\n me\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:2.1\r\nFN:Bram\r\n"
            b"END:VCARD\r\n")
    table = parse_vcard(data, "c.vcf")
    assert table.frame[["name", "organisation"]].values.tolist() == [["Anne Jansen", "Acme"],
                                                                     ["Bram", ""]]
    assert table.frame["line"].tolist() == [1, 9]


@pytest.mark.parametrize("header", [b"Display Name,Company\n", b"Full Name,Organization,Title",
                                    b"First Name,Last Name,Primary Email,Display Name\r\n"])
def test_header_only_contacts_csv_is_an_error_line_not_a_traceback(header: bytes,
                                                                   tmp_path: Path):
    path = write(tmp_path, "people.csv", header)
    result = analyze(path, out=tmp_path / "report")
    assert one_error_line(result).endswith("header but no rows; export it again")
    table = sniff(header, "people.csv").parse(header, "people.csv")  # in an archive: no rows
    assert table.rows == 0


# === Round two: filesystem shapes =================================================================


def test_a_loop_of_symlinks_inside_a_folder_is_skipped_and_listed(tmp_path: Path):
    folder = write(tmp_path, "export/Connections.csv", TWO_PEOPLE).parent
    for a, b in (("a.csv", "b.csv"), ("b.csv", "c.csv"), ("c.csv", "a.csv"), ("self.csv",
                                                                             "self.csv")):
        (folder / a).symlink_to(b)
    G, report = weakties.load([folder])
    assert G.number_of_nodes() == 3
    for name in ("a.csv", "b.csv", "c.csv", "self.csv"):
        assert f"{folder}/{name} (symlink loop)" in report.ignored_files, report.ignored_files


@pytest.mark.parametrize(("name", "levels", "owner"), [
    ("d", 1_500, "d"),  # deeper than Python's recursion limit (1,000 frames)
    ("data", 780, "deep"),  # a name that says nothing: the owner's label climbs every level
    ("data", 1_000, None),  # past PATH_MAX (4,096 bytes): the file cannot even be opened
])
def test_a_folder_deeper_than_python_recurses_is_walked(name: str, levels: int,
                                                        owner: str | None, tmp_path: Path):
    # Made with relative names (os.makedirs itself recurses).
    top = tmp_path / "deep"
    top.mkdir()
    fd = os.open(top, os.O_RDONLY)
    try:
        for _ in range(levels):
            os.mkdir(name, dir_fd=fd)
            inner = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
        with open(os.open("Connections.csv", os.O_WRONLY | os.O_CREAT, dir_fd=fd), "wb") as fh:
            fh.write(TWO_PEOPLE)
    finally:
        os.close(fd)
    try:
        if owner is None:
            result = analyze(top, out=tmp_path / "report")
            assert one_error_line(result).startswith(f"{top}: no export found in this folder")
            return
        G, report = weakties.load([top])
    finally:
        _remove_deep(top, name, levels)  # pytest's own cleanup (shutil.rmtree) recurses
    assert G.number_of_nodes() == 3
    assert report.owners[0]["name"] == owner


def _remove_deep(top: Path, name: str, levels: int) -> None:
    """Remove top/name/name/…/Connections.csv bottom up, without recursion."""
    fds = [os.open(top, os.O_RDONLY)]
    try:
        for _ in range(levels):
            fds.append(os.open(name, os.O_RDONLY, dir_fd=fds[-1]))
        os.unlink("Connections.csv", dir_fd=fds[-1])
        for parent in reversed(fds[:-1]):
            os.close(fds.pop())
            os.rmdir(name, dir_fd=parent)
    finally:
        for fd in fds:
            os.close(fd)


def test_one_unreadable_file_in_a_folder_is_skipped_and_counted(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch):
    folder = write(tmp_path, "export/Connections.csv", TWO_PEOPLE).parent
    secret = write(folder, "messages.csv", b"not for us")
    later = write(folder, "sub/Invitations.csv", b"not for us either")
    real_open = os.open

    def refuse(path, flags, *args, **kwargs):  # chmod 000 means nothing to root: say EACCES
        if Path(path) in (secret, later):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    G, report = weakties.load([folder])
    assert G.number_of_nodes() == 3
    assert f"{folder}/messages.csv (cannot be read: Permission denied)" in report.ignored_files
    assert f"{folder}/sub/Invitations.csv (cannot be read: Permission denied)" in (
        report.ignored_files)


# === Round two: quadratic or unbounded work =======================================================


@pytest.mark.parametrize("dots", [20_000, 200_000])
def test_address_regexes_do_not_backtrack_on_dotted_text(dots: int):
    # Quadratic before (8,000 dots: 1 s; 200,000: ~10 minutes): the watchdog would fire.
    from weakties.identity.resolve import _ACCOUNT

    text = "a@" + "x." * dots + "@"
    assert social._ADDRESS.fullmatch(text) is None and _ACCOUNT.fullmatch(text) is None
    assert social._ADDRESS.fullmatch("anne@mastodon.example.org").groups() == (
        "anne", "mastodon.example.org")
    head = ("\n".join(["b@" + "y." * 2_000 + "z"] * 30)).encode()
    assert not social.is_mastodon_headerless(head, "notes.csv")


@pytest.mark.parametrize("delimiter", [b",", b"\t", b";"])
def test_a_first_line_longer_than_the_sniffing_window_is_never_a_header(delimiter: bytes):
    wide = delimiter.join([b"name", b"email"] + [b"c%d" % i for i in range(20_000)])
    data = wide + b"\nAnne," * 2
    assert _csv.head_lines(data) == []  # the window cut it: not a candidate at all
    assert sniff(data, "people.csv") is None
    with pytest.raises(InputError, match="expected a contacts CSV header"):
        contacts.parse_generic(data, "people.csv")


def test_a_header_of_thousands_of_columns_is_not_a_header():
    data = b"," * 5_000 + b"First Name,Last Name,URL\nAnne,Jansen,x\n"
    assert _csv.header_candidates(data)[0] == []
    with pytest.raises(InputError, match="expected a LinkedIn Connections.csv header"):
        parse_connections(data, "Connections.csv")


@pytest.mark.parametrize(("line", "delimiter"), [(b";" * 3_000, b";"), (b"\t" * 3_000, b"\t")])
def test_a_line_of_more_delimiters_than_any_field_can_hold_is_refused_before_pandas(
    line: bytes, delimiter: bytes, monkeypatch: pytest.MonkeyPatch,
):
    monkeypatch.setattr(_csv, "MAX_FIELD_CHARS", 1_000)
    header = delimiter.join(c.encode() for c in CONNECTIONS_2023)
    good = delimiter.join(c.encode() for c in ANNE)
    data = header + b"\n" + good + b"\n" + line + b"\n" + good
    seen: list[int] = []
    real = _csv._read_rows
    monkeypatch.setattr(_csv, "_read_rows", lambda body, *a: seen.append(1) or real(body, *a))
    with pytest.raises(InputError) as err:
        parse_connections(data, "Connections.csv")
    assert str(err.value) == (
        "Connections.csv:3: expected at most 7 fields as in the header, found 3,001; a field "
        "with a delimiter or quote in it is probably not quoted: fix that row or re-export the "
        "file").replace("3,001", "3001")
    assert seen == []  # refused before pandas tokenised anything


def _bomb_member(method: int, size: int, claimed: int) -> bytes:
    """A zip with one member of ``size`` newlines compressed by ``method``, whose headers say
    ``claimed`` bytes."""
    if method == zipfile.ZIP_BZIP2:
        c = bz2.BZ2Compressor(9)
        data = b"".join(c.compress(b"\n" * 2**20) for _ in range(size // 2**20)) + c.flush()
    else:
        c = lzma.LZMACompressor(lzma.FORMAT_RAW,
                                filters=[{"id": lzma.FILTER_LZMA1, "preset": 1}])
        props = lzma._encode_filter_properties({"id": lzma.FILTER_LZMA1, "preset": 1})
        body = b"".join(c.compress(b"\n" * 2**20) for _ in range(size // 2**20)) + c.flush()
        data = struct.pack("<BBH", 9, 4, len(props)) + props + body
    crc = 0
    for _ in range(size // 2**20):
        crc = zlib.crc32(b"\n" * 2**20, crc)
    return raw_zip([{"name": "Connections.csv", "data": data, "crc": crc, "size": claimed,
                     "method": method}])


@pytest.mark.parametrize("method", [zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA], ids=["bzip2", "lzma"])
def test_a_bzip2_or_lzma_bomb_is_stopped_while_it_inflates(method: int, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch):
    # 48 MiB of newlines in a few KB, the headers claiming 300 KB (below the ratio floor):
    # zipfile would inflate all 48 MiB in one call; here no call gives more than 1 MiB.
    path = tmp_path / "export.zip"
    path.write_bytes(_bomb_member(method, 48 * 2**20, 300_000))
    biggest: list[int] = []
    real = limits._Decompressor.decompress

    def spy(self, data, max_length):
        out = real(self, data, max_length)
        biggest.append(len(out))
        return out

    monkeypatch.setattr(limits._Decompressor, "decompress", spy)
    with pytest.raises(InputError) as err:
        weakties.load([path])
    assert str(err.value) == (f"{path}/Connections.csv: expected 300,000 bytes uncompressed as "
                              "the zip's header says, found more; not decompressed further")
    assert max(biggest) <= 2**20 and sum(biggest) <= 2 * 2**20


@pytest.mark.parametrize("method", [zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA], ids=["bzip2", "lzma"])
def test_honest_bzip2_and_lzma_archives_are_read(method: int, tmp_path: Path):
    path = tmp_path / "alice.zip"
    with zipfile.ZipFile(path, "w", compression=method) as archive:
        for name, data in alice_archive().items():
            archive.writestr(name, data)
    G, report = weakties.load([path])
    assert (report.owners[0]["name"], G.number_of_nodes()) == ("Alice Example", 6)


def test_nested_zips_of_ignored_files_are_counted_not_listed(tmp_path: Path):
    inner = zip_bytes({f"photos/p{i}.jpg": b"" for i in range(3_000)})
    path = tmp_path / "export.zip"
    path.write_bytes(zip_bytes({"Connections.csv": TWO_PEOPLE,
                                **{f"part{i}.zip": inner for i in range(8)}}))
    out = tmp_path / "report"
    result = analyze(path, out=out)
    assert result.exit_code == 0, result.output
    ignored = json.loads(result.stdout)["ignored_files"]
    # Per archive MAX_LISTED names and one line counting the rest (8 * 21 lines), of which the
    # input lists 100 and counts the other 68.
    assert ignored[:21] == [f"{path}/part0.zip/photos/p{i}.jpg" for i in sorted(
        range(3_000), key=str)[:20]] + [f"{path}/part0.zip (2,980 more files in it that are "
                                        "not exports: not read, not listed)"]
    assert ignored[100:] == [f"{path}: 68 more entries not read, not listed"]
    assert (out / "summary.json").stat().st_size < 100_000


def test_too_many_entries_in_nested_zips_is_one_error(tmp_path: Path, corpus):
    inner = zip_bytes({f"p{i}.jpg": b"" for i in range(9_000)})
    path = tmp_path / "export.zip"
    path.write_bytes(zip_bytes({"Connections.csv": TWO_PEOPLE,
                                **{f"part{i}.zip": inner for i in range(6)}}))
    result = analyze(path, out=tmp_path / "report")
    assert one_error_line(result).startswith(
        f"{path}: expected at most 50,000 files in the archives of one input, found more")


def test_an_archive_claiming_too_many_entries_is_refused_before_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
):
    member = deflated("Connections.csv", TWO_PEOPLE)
    data = bytearray(raw_zip([member]))
    data[-12:-8] = struct.pack("<HH", 60_000, 60_000)  # the end record's entry counts
    path = tmp_path / "claims.zip"
    path.write_bytes(bytes(data))
    parsed: list[int] = []
    real = zipfile.ZipFile._RealGetContents
    monkeypatch.setattr(zipfile.ZipFile, "_RealGetContents",
                        lambda self: parsed.append(1) or real(self))
    with pytest.raises(InputError, match="expected at most 10,000 files in an archive, found "
                                         "60,000"):
        weakties.load([path])
    assert parsed == []


# === Round two: numbers ===========================================================================


@pytest.mark.parametrize("bad", ["inf", "-inf", "nan", "-Infinity", "1e999", "NaN"])
def test_non_finite_weights_and_strengths_are_skipped_and_counted(bad: str, tmp_path: Path):
    edges = write(tmp_path, "edges.csv", f"Source,Target,Weight\na,b,{bad}\nb,c,2\n".encode())
    ties = write(tmp_path, "ties.csv",
                 f"person_a,person_b,strength\nAnne Jansen,Bram de Wit,{bad}\n".encode())
    table = sniff(edges.read_bytes(), "edges.csv", lone_file=True).parse(
        edges.read_bytes(), "edges.csv")
    assert (table.rows, dict(table.skipped)) == (1, {"weight is not a number": 1})
    conn = write(tmp_path, "Connections.csv", TWO_PEOPLE)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no numpy RuntimeWarning either
        result = analyze(conn, "--ties", ties, out=tmp_path / "report")
    assert one_error_line(result) == (f"{ties}: has the ties file header but no usable rows "
                                      "(1 skipped: strength is not a number); add one row per "
                                      "pair of people who know each other")
    result = analyze(edges, out=tmp_path / "report")
    assert result.exit_code == 0, result.output
    with (tmp_path / "report" / "ties.csv").open(encoding="utf-8-sig", newline="") as fh:
        cells = [v.lower().lstrip("'") for r in csv.DictReader(fh) for v in r.values()]
    assert len(cells) > 0 and not {"inf", "-inf", "nan", "infinity", "-infinity"} & set(cells)


# === Round two: the output folder and the inputs ================================================


def _sums(folder: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_out_at_the_folder_holding_an_input_is_refused(tmp_path: Path):
    inputs = tmp_path / "in"
    conn = write(inputs, "Connections.csv", TWO_PEOPLE)
    ties = write(inputs, "ties.csv", b"person_a,person_b\nAnne Jansen,Bram de Wit\n")
    before = _sums(inputs)
    result = analyze(conn, "--ties", ties, out=inputs)
    assert one_error_line(result).startswith(f"{conn}: is an input in the --out folder {inputs}")
    result = analyze(inputs, out=inputs)
    assert one_error_line(result).startswith(f"{inputs}: is the input folder {inputs}")
    for command, output in (("report", ties), ("view", conn), ("export", inputs / "x.csv")):
        if command == "export":
            output.write_bytes(b"a file of the input folder")
            before = _sums(inputs)
        result = CliRunner().invoke(cli, [command, str(inputs), "-o", str(output)])
        assert result.exit_code == 1, result.output
        assert result.output.startswith(f"Error: {output}: is a file of the input folder")
    plan = write(tmp_path, "plan.csv", b"name,url\n")
    result = CliRunner().invoke(cli, ["report", str(conn), "--exclude", str(plan), "-o",
                                      str(plan)])
    assert one_error_line(result) == (f"{plan}: is an input; writing it would overwrite it: "
                                      "pass another -o")
    assert _sums(inputs) == before


def test_a_second_run_inside_the_input_folder_skips_the_first_report(tmp_path: Path):
    inputs = tmp_path / "in"
    write(inputs, "Connections.csv", TWO_PEOPLE)
    write(inputs, "ties.csv", b"person_a,person_b\nAnne Jansen,Bram de Wit\n")
    first = analyze(inputs, out=inputs / "report")
    second = analyze(inputs, out=inputs / "report")
    third = analyze(inputs, out=inputs / "report" / "again")
    for result in (first, second, third):
        assert result.exit_code == 0, result.output
    data = json.loads(third.stdout)
    assert f"{inputs}/report (a report weakties wrote: not read as input)" in (
        data["ignored_files"])
    assert (data["people"], data["ties"]) == (3, 3)
    result = analyze(inputs / "report", out=tmp_path / "x")
    assert one_error_line(result) == (f"{inputs}/report: expected an export, found a report "
                                      "weakties wrote; pass the exports it was made from")


@pytest.mark.parametrize("command", ["analyze", "report", "view", "export"])
def test_out_of_the_wrong_kind_is_one_error_line(command: str, tmp_path: Path):
    conn = write(tmp_path, "Connections.csv", TWO_PEOPLE)
    if command == "analyze":
        wrong = write(tmp_path, "a_file", b"")
        args = ["analyze", str(conn), "--out", str(wrong)]
        message = f"{wrong}: expected a folder for the report, found a file; pass another --out"
    else:
        wrong = tmp_path / "a_folder"
        wrong.mkdir()
        args = [command, str(conn), "-o", str(wrong)]
        message = (f"{wrong}: expected a file to write, found a folder; pass a file name, e.g. "
                   "-o report.html")
    assert one_error_line(CliRunner().invoke(cli, args)) == message


# === Round two: the terminal and exports ==========================================================

ESCAPES = ["\x1b[2J", "\x1b]8;;http://evil.example/\x07", "\x9b31m", "\x1b]0;title\x07",
           "\u202e"]


def test_nothing_from_the_data_reaches_the_terminal_as_an_escape(tmp_path: Path):
    rows = [["Eve\x1b]8;;http://evil.example/\x07", "Osc\x1b[2J", IN + "eve", "",
             "[bold]Acme[/]", "CTO\x9b31m", "14 Feb 2020"], BRAM]
    conn = write(tmp_path, "x\x1b]0;title\x07_Connections.csv", connections(rows))
    card = write(tmp_path, "mallory\u202e_contacts.vcf",
                 b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Mal\x1b[2Jlory\r\nEND:VCARD\r\n")
    outputs = []
    for args in (["analyze", str(conn), str(card), "--out", str(tmp_path / "r")],
                 ["analyze", str(conn), str(card), "--out", str(tmp_path / "r"), "--json"],
                 ["intro", str(conn), "--to", "Acme"],
                 ["intro", str(conn), "--to", "Acme", "--json"],
                 ["export", str(conn), "-o", str(tmp_path / "g.gexf")]):
        result = CliRunner(env={"COLUMNS": "300"}).invoke(cli, args)
        outputs.append(result.output)
    broken = write(tmp_path, "bad\x1b[2J_Connections.csv", b"\x00\x01binary")
    outputs.append(one_error_line(analyze(broken, out=tmp_path / "r2")))
    for text in outputs:
        assert not any(e in text for e in ESCAPES), text
        assert not any(c in text for c in "\x1b\x9b\x07\u202e"), text
    assert "[bold]Acme[/]" in outputs[0]  # rich markup in a name is printed as written
    # A terminal (rich's own styles allowed): still none of the data's sequences.
    from rich.console import Console

    from weakties.outputs.terminal import print_summary

    buffer = io.StringIO()
    data = json.loads(outputs[1])
    print_summary(data, Console(file=buffer, force_terminal=True, width=200))
    assert not any(e in buffer.getvalue() for e in ESCAPES)
    assert "[bold]Acme[/]" in buffer.getvalue()


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_exports_with_control_characters_in_names_are_read_back(suffix: str, tmp_path: Path):
    rows = [["An\x01ne", "Jan\x08sen", IN + "anne", "", "Ac\x1fme", "C\x1bTO", "14 Feb 2020"],
            ["An\x02ne", "Jan\x08sen", IN + "anne2", "", "Acme", "CTO", "14 Feb 2020"], BRAM]
    conn = write(tmp_path, "Connections.csv", connections(rows))
    out = tmp_path / f"g{suffix}"
    result = CliRunner().invoke(cli, ["export", str(conn), "-o", str(out)])
    assert result.exit_code == 0, result.output
    ElementTree.parse(out)  # well-formed XML
    H = nx.read_graphml(out) if suffix == ".graphml" else nx.read_gexf(out)
    assert H.number_of_nodes() == 4
    names = sorted(d.get("name", "") for _, d in H.nodes(data=True))
    assert names.count("An\ufffdne Jan\ufffdsen") == 2  # two people, still two nodes


# === Round two: the watched runs (a child process: 1 GiB of address space, a watchdog) ==========

RLIMIT = 1024**3


def run_capped(*args: str | Path, env: dict[str, str] | None = None,
               cwd: Path | None = None) -> tuple[int, str, str, int]:
    """Run the CLI in a child limited to :data:`RLIMIT` bytes of address space; return its exit
    code, stdout, stderr and peak resident memory (VmHWM)."""
    script = textwrap.dedent("""
        import atexit, sys
        def peak():
            status = open("/proc/self/status").read()
            kb = int(status.split("VmHWM:")[1].split()[0])
            sys.stderr.write(f"\\nPEAK {kb * 1024}\\n")
        atexit.register(peak)
        from weakties.cli import main
        sys.argv = ["weakties", *sys.argv[1:]]
        main()
    """)
    base = {**os.environ, **(env or {})}
    base["PYTHONPATH"] = os.pathsep.join([str(Path(weakties.__file__).parents[1]),
                                          base.get("PYTHONPATH", "")])
    run = subprocess.run(
        [sys.executable, "-c", script, *map(str, args)], capture_output=True, text=True,
        timeout=DEADLINE, env=base, cwd=cwd,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (RLIMIT, RLIMIT)))
    err, _, peak = run.stderr.rpartition("\nPEAK ")
    return run.returncode, run.stdout, err.strip("\n"), int(peak or 0)


def _capped_error(path: Path, *args: str | Path, out: Path) -> str:
    code, stdout, stderr, peak = run_capped("analyze", path, *args, "--out", out, "-q")
    assert (code, stdout) == (1, ""), (code, stdout, stderr)
    assert stderr.count("\n") == 0 and stderr.startswith(f"Error: {path}"), stderr
    assert 0 < peak < RLIMIT
    assert not out.exists()
    return stderr


def test_capped_a_line_of_60_million_tabs(tmp_path: Path):
    header = "\t".join(CONNECTIONS_2023).encode()
    path = write(tmp_path, "Connections.tsv.csv",
                 header + b"\n" + "\t".join(ANNE).encode() + b"\n" + b"\t" * 60_000_000 + b"\n")
    message = _capped_error(path, out=tmp_path / "r")
    assert message.startswith(f"Error: {path}:3: expected at most 7 fields as in the header, "
                              "found 60000001;")


def test_capped_a_header_of_200_000_columns(tmp_path: Path):
    wide = ",".join(["Name", "Email", *(f"x{i}" for i in range(200_000))]).encode()
    path = write(tmp_path, "people.csv", wide + b"\nAnne,anne@x.example\n")
    assert "not a recognised export" in _capped_error(path, out=tmp_path / "r")


@pytest.mark.parametrize("shape", ["qp", "folded"])
def test_capped_a_vcard_value_over_300_000_lines(shape: str, tmp_path: Path):
    if shape == "qp":
        note = b"NOTE;ENCODING=QUOTED-PRINTABLE:" + b"=41=\r\n" * 300_000 + b"B\r\n"
    else:
        note = b"NOTE:x" + b"\r\n y" * 300_000 + b"\r\n"
    card = b"BEGIN:VCARD\r\nVERSION:2.1\r\n" + note + b"FN:Anne Jansen\r\nEND:VCARD\r\n"
    path = write(tmp_path, "alice_contacts.vcf", card + card.replace(b"Anne Jansen", b"Bram"))
    out = tmp_path / "r"
    code, stdout, stderr, peak = run_capped("analyze", path, "--out", out, "--json")
    assert code == 0, stderr
    assert json.loads(stdout)["people"] == 3
    assert 0 < peak < RLIMIT


def test_capped_a_fresh_home_gets_nothing_written(tmp_path: Path):
    home, temp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    temp.mkdir()
    conn = write(tmp_path / "in", "Connections.csv", TWO_PEOPLE)
    env = {"HOME": str(home), "TMPDIR": str(temp), "MPLCONFIGDIR": "", "XDG_CACHE_HOME": "",
           "XDG_CONFIG_HOME": ""}
    code, _, stderr, peak = run_capped("analyze", conn, "--out", tmp_path / "r", "-q",
                                       env=env, cwd=tmp_path)
    assert code == 0, stderr
    assert "<svg" in (tmp_path / "r" / "report.html").read_text(encoding="utf-8")  # plots drawn
    assert list(home.iterdir()) == [] and list(temp.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "in", "r", "tmp"]


def test_the_long_line_precheck_never_misses_a_long_line(monkeypatch: pytest.MonkeyPatch):
    # MAX_FIELD_CHARS 20: lines of 9 bytes pass the precheck; a line of 21 bytes inserted at any
    # offset (at the start, across window edges, at the end) must not.
    monkeypatch.setattr(_csv, "MAX_FIELD_CHARS", 20)
    short = b"\n".join([b"x" * 9] * 10)
    assert not _csv._may_hold_long_line(short, b"\n")
    for at in range(len(short) + 1):
        body = short[:at] + b"y" * 21 + short[at:]
        assert max(map(len, body.split(b"\n"))) > 20
        assert _csv._may_hold_long_line(body, b"\n"), at
