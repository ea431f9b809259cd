"""Hostile inputs: each gives a correct result or one ``Error: …`` line with exit 1.

Never a traceback, never a hang, never unbounded memory. The corpus is ``tests/broken/`` (small
files, checked by ``test_cli.py`` with every command) and the cases ``tests/make_corpus.py``
builds once per session in a temporary folder; :data:`ERRORS` and :data:`RESULTS` below list
what each of those gives. The limits themselves are documented in
:mod:`weakties.importers.limits` and :mod:`weakties.importers._csv`.
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from helpers import ALICE_URL, write_team, write_zip, zip_bytes
from make_corpus import HEADER, TWO_PEOPLE, build, deflated, raw_zip, row

import weakties
from weakties.cli import cli
from weakties.errors import InputError
from weakties.importers import _csv, limits
from weakties.importers.linkedin import parse_connections

#: No case may take longer than this (seconds); a hang fails the test instead of stalling CI.
DEADLINE = 60


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
    started = time.monotonic()
    result = analyze(*paths, out=tmp_path / "report")
    assert one_error_line(result) == message.format(*paths)
    assert time.monotonic() - started < 10
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
MEMORY_CAP = 3 * 1024**3  # address space: a 2 GiB bomb cannot be inflated inside it
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
        assert seconds < 15, (name, seconds)
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
