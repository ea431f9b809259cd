"""The hostile-input corpus: what strangers and spreadsheets make of contact files.

Small cases whose message has no line number are committed in ``tests/broken/`` with their
expected message. The rest are built here, at test time, by :func:`build`: the big ones (a
50 MB field, a million empty rows, zip bombs claiming gigabytes), and the ones a repository
holds badly (symlinks, a FIFO, zip members named ``../``). Every person is invented.

``python tests/make_corpus.py DIR`` writes them all into DIR to look at. Building takes about
2 s and 70 MB of disk (the 2 GiB bomb is 2 MB: see :func:`deflate_bomb`).
"""

from __future__ import annotations

import os
import shutil
import struct
import sys
import zipfile
import zlib
from pathlib import Path

from helpers import (
    ALICE_MESSAGES,
    CONNECTIONS_2023,
    IN,
    alice_archive,
    connections,
    csv_bytes,
    write_files,
    write_zip,
    zip_bytes,
)

GiB = 1024**3
MiB = 1024**2

HEADER = ",".join(CONNECTIONS_2023)
ANNE = ["Anne", "Jansen", IN + "anne-jansen", "", "Acme", "CTO", "14 Feb 2020"]
BRAM = ["Bram", "de Wit", IN + "bram-de-wit", "", "Nimbus", "Engineer", "02 Jan 2021"]
#: Connections.csv with the preamble and two people: what most "correct result" cases hold.
TWO_PEOPLE = connections([ANNE, BRAM])


def row(cells: list[str]) -> bytes:
    return csv_bytes([cells])


# --- zips made byte by byte (zipfile cannot write a member it did not compress) -----------------


def raw_zip(members: list[dict]) -> bytes:
    """A zip from members given as dicts: ``name``, ``data`` (the bytes stored), ``crc``,
    ``size`` (uncompressed, as the headers say), ``method`` (8 deflate, 0 stored), ``flags``,
    ``mode`` (Unix mode bits, for symlinks). Headers may say what the data is not: that is
    the point."""
    out = bytearray()
    central = bytearray()
    for m in members:
        name = m["name"].encode("utf-8")
        offset = len(out)
        fields = (20, m.get("flags", 0) | 0x800, m.get("method", 8), 0, 0x5990, m["crc"],
                  len(m["data"]), m["size"], len(name))
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, 0) + name + m["data"]
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, (3 << 8) | 20, *fields, 0, 0, 0, 0,
            m.get("mode", 0o100644) << 16, offset,
        ) + name
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central),
                      len(out), 0)
    return bytes(out + central + end)


def deflate_bomb(head: bytes, size: int, *, claimed: int | None = None) -> dict:
    """A deflated member of ``head`` then newlines up to ``size`` bytes, made in a blink.

    After a full flush deflate starts afresh, so 1 MiB of newlines compresses to the same
    ~1 KB every time: the stream is that block repeated. ``claimed`` is the size the headers
    state (default: the true one).
    """
    chunk = b"\n" * MiB
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = c.compress(head) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    blocks = (size - len(head)) // MiB
    crc = zlib.crc32(head)
    for _ in range(blocks):
        crc = zlib.crc32(chunk, crc)
    data = first + block * blocks + c.flush(zlib.Z_FINISH)
    true_size = len(head) + blocks * MiB
    return {"name": "Connections.csv", "data": data, "crc": crc,
            "size": true_size if claimed is None else claimed}


def deflated(name: str, payload: bytes, **extra) -> dict:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = c.compress(payload) + c.flush()
    return {"name": name, "data": data, "crc": zlib.crc32(payload), "size": len(payload),
            **extra}


def nested_zip(levels: int, inner: dict[str, bytes]) -> bytes:
    """A zip holding a zip … ``levels`` deep (1: just the zip of ``inner``)."""
    data = zip_bytes(inner)
    for level in range(levels - 1, 0, -1):
        data = zip_bytes({f"level{level}.zip": data})
    return data


# --- the corpus ---------------------------------------------------------------------------------


def build(root: Path) -> dict[str, Path]:
    """Write every generated case under ``root``; return case name -> path to pass."""
    root.mkdir(parents=True, exist_ok=True)
    cases: dict[str, Path] = {}

    def file(name: str, data: bytes) -> Path:
        path = root / name
        path.write_bytes(data)
        cases[name] = path
        return path

    # Lone files.
    file("nul_bytes_Connections.csv",
         HEADER.encode() + b"\n" + row(ANNE) + b"\nBram,de\x00Wit,,,Nimbus,Engineer,02 Jan 2021")
    file("invalid_utf8_Connections.csv",
         HEADER.encode() + b"\n" + row(ANNE) + b"\nBr\xe2\x28am,de Wit,,,Nimbus,Engineer,"
         b"02 Jan 2021\nSof\xc3\xada,Hern\xc3\xa1ndez,,,Acme,Analyst,03 Mar 2022")
    file("utf16_no_bom_Connections.csv", TWO_PEOPLE.decode().encode("utf-16-le"))
    file("unbalanced_quotes_Connections.csv",
         HEADER.encode() + b"\n" + row(ANNE) + b'\nBram,"de Wit,,,Nimbus,Engineer,02 Jan 2021\n'
         + row(["Cas", "Li", "", "", "Acme", "CTO", "01 Jan 2022"]))
    # One 50 MB field (a company): a pasted file, or a CSV whose quotes went wrong.
    file("big_field_Connections.csv", HEADER.encode() + b"\nAnne,Jansen,,,\"" + b"x" * 50_000_000
         + b'",CTO,14 Feb 2020\n' + row(BRAM))
    # A spreadsheet's "used range" run long: two people, then a million empty rows.
    file("million_empty_rows_Connections.csv",
         TWO_PEOPLE + b"\n" + b",,,,,,\n" * 500_000 + b"\n" * 500_000)
    # Larger than the 1 GiB limit, on disk: sparse, so it takes no space and no time to make.
    big = root / "too_big_Connections.csv"
    with big.open("wb") as fh:
        fh.write(TWO_PEOPLE + b"\n")
        fh.truncate(GiB + 1)
    cases[big.name] = big
    fifo = root / "fifo_Connections.csv"
    os.mkfifo(fifo)
    cases[fifo.name] = fifo
    target = file("linked_target.csv", TWO_PEOPLE)
    link = root / "symlink_Connections.csv"
    link.symlink_to(target)
    cases[link.name] = link

    # Zips.
    file("bomb.zip", raw_zip([deflate_bomb(HEADER.encode() + b"\n", 2 * GiB)]))
    file("bomb_ratio.zip", raw_zip([deflate_bomb(HEADER.encode() + b"\n", 300 * MiB)]))
    file(
        "bomb_lying.zip",
        raw_zip([deflate_bomb(HEADER.encode() + b"\n", 256 * MiB, claimed=64 * 1024)]))
    file("nested_ok.zip", nested_zip(2, alice_archive()))
    file("nested_too_deep.zip", nested_zip(4, {"Connections.csv": TWO_PEOPLE}))
    file("traversal.zip", raw_zip([
        deflated("../../../../tmp/weakties-evil/Connections.csv", TWO_PEOPLE),
        deflated("/etc/weakties-evil/messages.csv", ALICE_MESSAGES),
        deflated("..\\..\\windows\\Profile.csv", b"not read: no known header"),
    ]))
    file("symlink_entry.zip", raw_zip([
        deflated("Connections.csv", TWO_PEOPLE),
        deflated("messages.csv", b"/etc/passwd", mode=0o120777),
    ]))
    many = root / "many_members.zip"
    with zipfile.ZipFile(many, "w") as archive:
        for i in range(10_001):
            archive.writestr(f"f{i}.txt", b"")
    cases[many.name] = many
    file("encrypted.zip", raw_zip([deflated("Connections.csv", TWO_PEOPLE, flags=0x1)]))
    file("unsupported_method.zip", raw_zip([deflated("Connections.csv", TWO_PEOPLE, method=99)]))
    corrupt = deflated("Connections.csv", TWO_PEOPLE)
    corrupt["data"] = b"\xff" * len(corrupt["data"])
    file("corrupt_deflate.zip", raw_zip([corrupt]))
    file("duplicate_names.zip", raw_zip([deflated("Connections.csv", TWO_PEOPLE)] * 2))
    file("control_chars_name.zip",
         raw_zip([deflated("Connections\nError: all good.csv", HEADER.encode() + b'\n"x')]))

    # Folders.
    outside = write_files(root / "elsewhere", {"messages.csv": ALICE_MESSAGES,
                                               "alice.zip": zip_bytes(alice_archive())})

    def folder(name: str, files: dict[str, bytes]) -> Path:
        path = write_files(root / name, files)
        cases[name] = path
        return path

    link_out = folder("symlink_outside", {"Connections.csv": TWO_PEOPLE})
    (link_out / "messages.csv").symlink_to(outside / "messages.csv")
    link_in = folder("symlink_inside", {"Connections.csv": TWO_PEOPLE})
    (link_in / "Connections (1).csv").symlink_to(link_in / "Connections.csv")
    loop = folder("symlink_loop", {"Connections.csv": TWO_PEOPLE})
    (loop / "loop").symlink_to(loop, target_is_directory=True)
    only_link = root / "team_of_symlinks"
    only_link.mkdir()
    (only_link / "alice.zip").symlink_to(outside / "alice.zip")
    cases[only_link.name] = only_link
    with_fifo = folder("fifo_inside", {"Connections.csv": TWO_PEOPLE})
    os.mkfifo(with_fifo / "pipe.csv")

    # The same owner twice.
    alice = write_zip(root / "dup" / "alice.zip", alice_archive())
    cases["alice.zip"] = alice
    copy = root / "dup" / "alice (1).zip"
    shutil.copyfile(alice, copy)
    cases["alice (1).zip"] = copy
    team = root / "team_zip_and_folder"
    write_zip(team / "alice.zip", alice_archive())
    write_files(team / "alice", alice_archive())
    cases[team.name] = team
    extracted = write_files(root / "dup", {
        "alice_Connections.csv": alice_archive()[
            "Basic_LinkedInDataExport_05-14-2024/Connections.csv"]})
    cases["alice_Connections.csv"] = extracted / "alice_Connections.csv"
    other = dict(alice_archive())
    other["Basic_LinkedInDataExport_05-14-2024/messages.csv"] = ALICE_MESSAGES.replace(
        b"Hello", b"Hi there")
    cases["alice_other_messages.zip"] = write_zip(root / "dup" / "alice_other_messages.zip", other)
    return cases


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/make_corpus.py DIR")
    for name, path in build(Path(sys.argv[1])).items():
        print(f"{name:40} {path}")
