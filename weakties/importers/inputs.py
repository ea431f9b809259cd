"""Turn the paths a user gives into inputs (one per owner) and read every file they hold.

A path may be a LinkedIn zip (any folder nesting inside, even a zip inside the zip), an unzipped
archive folder, a lone CSV, or a folder holding one export per team member. Files are recognised
by their header, never by name; the one exception is LinkedIn's ``guide_messages.csv`` /
``coach_messages.csv`` and similar, which share the messages header but are not the owner's
conversations. Files are opened read-only and never modified.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from weakties.errors import InputError
from weakties.importers.base import FileTable
from weakties.importers.registry import describe_header, sniff

__all__ = ["RawInput", "expand", "read_input"]

_TABLE_SUFFIXES = {".csv", ".tsv", ".txt"}
_NOT_OWNERS_MESSAGES = re.compile(r".+_messages\.csv$", re.IGNORECASE)


@dataclass
class RawInput:
    """One owner's export (or one lone file) and the tables read from it."""

    path: Path
    label: str  # how the input is named in messages and as a fallback owner name
    tables: list[FileTable] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # files in an archive with no known header


def expand(paths: list[str | Path]) -> list[RawInput]:
    """One RawInput per owner: a folder of exports becomes one input per member."""
    inputs: list[RawInput] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError(str(raw), "no such file or folder; check the path")
        if path.is_dir():
            inputs.extend(_expand_folder(path))
        else:
            inputs.append(RawInput(path=path, label=_label(path)))
    return inputs


def _expand_folder(folder: Path, *, top: bool = True) -> list[RawInput]:
    children = sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    direct_tables = [p for p in children if p.is_file() and p.suffix.lower() in _TABLE_SUFFIXES]
    if any(_sniff_path(p) for p in direct_tables) and not _holds_members(children):
        # CSVs right inside: this folder is one unzipped archive (with its subfolders).
        return [RawInput(path=folder, label=_label(folder))]
    found: list[RawInput] = []
    for child in children:
        if child.is_dir():
            # A subfolder without an export (``__MACOSX/``, ``notes/``) is not an error.
            found.extend(_expand_folder(child, top=False))
        elif child.suffix.lower() == ".zip" or child.suffix.lower() in _TABLE_SUFFIXES:
            found.append(RawInput(path=child, label=_label(child)))
    if not found and top:
        raise InputError(
            str(folder),
            "no export found in this folder; expected a LinkedIn archive (.zip or its CSV files) "
            "or one export per team member",
        )
    return found


def _label(path: Path) -> str:
    """``alice.zip`` -> ``alice``; ``dave_Connections.csv`` -> ``dave``; ``Connections.csv`` ->
    its folder's name."""
    stem = path.name
    while Path(stem).suffix.lower() in {".zip", ".csv"}:
        stem = Path(stem).stem
    stem = re.sub(r"(?i)[ _-]*\(\d+\)$", "", stem)
    stem = re.sub(r"(?i)[ _-]*(connections|messages)$", "", stem)
    if not stem or re.match(r"(?i)(basic_|complete_)?linkedindataexport", stem):
        parent = path.resolve().parent
        return _label(parent) if parent != path.resolve() and parent.name else path.name
    return stem


def _sniff_path(path: Path) -> str | None:
    """The format name of a file, from its first 64 KiB (None when not recognised)."""
    with path.open("rb") as fh:
        fmt = sniff(fh.read(64 * 1024), str(path))
    return fmt.name if fmt else None


_MEMBER_CONNECTIONS = re.compile(r"(?i).*[^ _-][ _-]*connections")


def _holds_members(children: list[Path]) -> bool:
    """Does a folder with CSVs right inside hold team members' exports rather than one archive?

    A team folder may mix ``alice.zip``, ``bob/`` and ``carol_Connections.csv``; a LinkedIn
    archive never holds a zip, a subfolder with its own ``Connections.csv``, or a
    ``Connections.csv`` whose name starts with an owner's name.
    """
    for child in children:
        if child.is_dir():
            inner = [p for p in child.iterdir() if p.is_file() and not p.name.startswith(".")
                     and p.suffix.lower() in _TABLE_SUFFIXES]
            if any(_sniff_path(p) == "linkedin-connections" for p in inner):
                return True
        elif child.suffix.lower() == ".zip":
            return True
        elif child.suffix.lower() in _TABLE_SUFFIXES and _MEMBER_CONNECTIONS.fullmatch(
            re.sub(r"[ _-]*\(\d+\)$", "", child.stem)
        ) and _sniff_path(child) == "linkedin-connections":
            return True
    return False


def read_input(raw: RawInput) -> RawInput:
    """Read every recognised file of one input into ``raw.tables``."""
    if raw.path.is_dir():
        for file in sorted(p for p in raw.path.rglob("*") if p.is_file()):
            _read_member(raw, file.read_bytes(), str(file), in_archive=True)
    elif zipfile.is_zipfile(raw.path):
        _read_zip(raw, raw.path.read_bytes(), str(raw.path))
    elif raw.path.suffix.lower() == ".zip":
        raise InputError(
            str(raw.path),
            "not a readable zip archive (truncated or damaged?); download it again, "
            "or unzip it and pass the folder",
        )
    else:
        _read_member(raw, raw.path.read_bytes(), str(raw.path), in_archive=False)
    if not raw.tables:
        raise InputError(
            str(raw.path),
            "no LinkedIn export file found inside (expected Connections.csv, messages.csv, …); "
            "run 'weakties formats' to see what can be read",
        )
    return raw


def _read_zip(raw: RawInput, data: bytes, display: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in sorted(archive.infolist(), key=lambda i: i.filename):
                if info.is_dir() or PurePosixPath(info.filename).name.startswith("."):
                    continue
                member = archive.read(info)
                name = f"{display}/{info.filename}"
                if info.filename.lower().endswith(".zip") and zipfile.is_zipfile(
                    io.BytesIO(member)
                ):
                    _read_zip(raw, member, name)
                else:
                    _read_member(raw, member, name, in_archive=True)
    except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile) as err:
        raise InputError(
            display,
            f"not a readable zip archive ({err}); download it again, or unzip it and pass the "
            "folder",
        ) from err


def _read_member(raw: RawInput, data: bytes, display: str, *, in_archive: bool) -> None:
    name = PurePosixPath(display).name
    if in_archive and (
        PurePosixPath(name).suffix.lower() not in _TABLE_SUFFIXES
        or _NOT_OWNERS_MESSAGES.match(name)
    ):
        raw.ignored.append(display)
        return
    if not data.strip():
        if in_archive:
            raw.ignored.append(display)
            return
        raise InputError(display, "the file is empty; expected a CSV export with a header row")
    fmt = sniff(data, display)
    if fmt is None:
        if in_archive:
            raw.ignored.append(display)
            return
        # One short line: the full list of headers (``weakties formats``) would not fit one.
        found = describe_header(data)
        if found not in ("binary data", "a zip archive"):
            found = f"the header {found!r}"
        raise InputError(
            display,
            f"not a recognised export: found {found}; expected a file of a LinkedIn export "
            "(Connections.csv, messages.csv, …) as LinkedIn wrote it; run 'weakties formats' "
            "to see every format weakties reads and its header",
        )
    table = fmt.parse(data, display)
    if not in_archive and table.rows == 0 and table.hidden_members == 0:
        raise InputError(
            display, f"has the {fmt.description} header but no rows; export it again"
        )
    raw.tables.append(table)
