"""How much an input may make weakties read, and the readers that keep to it.

Contact data comes from strangers and from spreadsheets, so every byte read from an input goes
through here. A file is read only when it is a regular file no larger than its limit; a zip is
read in memory, member by member, and never extracted, so a member's name is a label and nothing
more. The limits, and why:

- :data:`MAX_FILE_BYTES` (1 GiB): a lone file, or a file in a folder, is refused above it from
  its size on disk, before a byte is read (and reading stops there if the file grows meanwhile).
  LinkedIn caps connections at 30,000 (~3 MB); a heavy user's messages.csv is a few hundred MB.
- :data:`MAX_MEMBER_BYTES` (1 GiB): the same bound for one file inside a zip, uncompressed.
- :data:`MAX_INPUT_BYTES` (2 GiB): all the files read for one input (an archive with the zips
  nested in it, or a folder), uncompressed. Parsing needs a few times the bytes in memory, and
  the machine this runs on has 24 GiB.
- :data:`MAX_RATIO` (100 to 1) for members larger than :data:`RATIO_FLOOR` (1 MiB): CSV text
  deflates 3 to 10 times; a member that deflates more than 100 times (Apache POI's default
  guard) is a zip bomb. Deflate reaches ~1,000 to 1, so a few MB could otherwise claim GBs.
- :data:`MAX_DEPTH` (3): zips nested in zips. Users re-zip their archive (``.zip.zip``), so 2
  is common and 3 is slack; a zip that contains itself stops here.
- :data:`MAX_MEMBERS` (10,000): entries in one archive. A LinkedIn archive holds a few dozen.

Sizes are checked first in the zip's own headers (``ZipInfo.file_size``, ``compress_size``),
so a bomb is refused without decompressing it, and again on the bytes actually decompressed,
because headers can lie. Only members whose names say they may be an export (``.csv``,
``.json``, a nested ``.zip``, …) are decompressed at all; the rest are listed as ignored.

Names and links:

- A member named ``../../x.csv`` or ``/etc/x.csv`` is read like any other (in memory, nothing is
  written anywhere); messages show the name with control characters replaced, so an error
  stays one line.
- A symlink stored in a zip is not followed (its content would be the link's target path); it
  is listed as ignored.
- A symlink the user names on the command line is followed: they chose it. Inside a folder, a
  symlink to a file in that folder is read like the file; one that points outside the folder
  given (or nowhere) is listed as ignored and not read, so a folder received from someone else
  cannot pull in ``~/.ssh`` or another of the user's files; a symlinked folder is never entered
  (no loops). FIFOs, sockets and devices are refused or ignored: reading one could block or
  never end.
"""

from __future__ import annotations

import io
import lzma
import os
import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from weakties.errors import InputError

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_INPUT_BYTES",
    "MAX_MEMBERS",
    "MAX_MEMBER_BYTES",
    "MAX_RATIO",
    "RATIO_FLOOR",
    "Budget",
    "Entry",
    "check_regular",
    "list_folder",
    "printable",
    "read_file",
    "walk_folder",
    "zip_entries",
]

GiB = 1024**3
MiB = 1024**2

MAX_FILE_BYTES = 1 * GiB
MAX_MEMBER_BYTES = 1 * GiB
MAX_INPUT_BYTES = 2 * GiB
MAX_RATIO = 100
RATIO_FLOOR = 1 * MiB
MAX_DEPTH = 3
MAX_MEMBERS = 10_000

_CHUNK = 1 * MiB
_CONTROL = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")
#: What zipfile and its decompressors raise on a damaged archive or member.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    EOFError,
    zlib.error,
    lzma.LZMAError,
    NotImplementedError,  # a compression method Python cannot read
    struct.error,
    UnicodeDecodeError,  # a member name flagged UTF-8 that is not
    ValueError,
    OverflowError,
    OSError,  # bz2 reports a bad stream as OSError
)


def printable(text: str) -> str:
    """``text`` with control characters (newlines too) as ``?``: names in messages stay on
    one line.

    >>> printable("Connections.csv\\nError: fake")
    'Connections.csv?Error: fake'
    """
    return _CONTROL.sub("?", text)


def _size(n: int) -> str:
    if n >= GiB:
        return f"{n / GiB:,.1f} GiB"
    if n >= MiB:
        return f"{n / MiB:,.1f} MiB"
    return f"{n:,} bytes"


class Budget:
    """Bytes one input may still read (:data:`MAX_INPUT_BYTES` in all)."""

    def __init__(self, display: str, limit: int | None = None):
        self.display = display
        self.limit = MAX_INPUT_BYTES if limit is None else limit
        self.used = 0

    @property
    def left(self) -> int:
        return self.limit - self.used

    def check(self, n: int) -> None:
        """Refuse when ``n`` more bytes would pass the limit."""
        if n > self.left:
            raise InputError(
                self.display,
                f"expected at most {_size(self.limit)} of files in one input, found more "
                f"({_size(self.used + n)} so far); weakties reads one export per input, and "
                "an export is far smaller: pass the export's files, not a whole disk",
            )

    def take(self, n: int) -> None:
        self.check(n)
        self.used += n


def check_regular(path: Path, display: str | None = None) -> os.stat_result:
    """The stat of ``path`` (following a symlink) when it is a regular file; else InputError.

    A FIFO would block the read and a device (``/dev/zero``) would never end.
    """
    shown = display or printable(str(path))
    try:
        info = path.stat()
    except OSError as err:
        raise InputError(shown, f"cannot be read ({err.strerror}); check the path") from err
    if not stat.S_ISREG(info.st_mode):
        raise InputError(
            shown,
            "expected a file or a folder, found a special file (a pipe, socket or device); "
            "save the export to a file and pass that",
        )
    return info


def read_file(path: Path, display: str | None = None, budget: Budget | None = None) -> bytes:
    """The bytes of a regular file no larger than :data:`MAX_FILE_BYTES`, opened read-only.

    The file is opened without blocking and checked on the open descriptor (a FIFO swapped in
    after a check by name cannot block the read); its size is checked before reading, and the
    read stops one byte past the limit in case the file grows meanwhile.
    """
    shown = display or printable(str(path))
    limit = MAX_FILE_BYTES
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as err:
        raise InputError(shown, f"cannot be read ({err.strerror}); check the path") from err
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(
                shown,
                "expected a file or a folder, found a special file (a pipe, socket or device); "
                "save the export to a file and pass that",
            )
        if info.st_size > limit:
            size = info.st_size
            found = _size(size) if _size(size) != _size(limit) else f"{size:,} bytes"
            raise InputError(
                shown,
                f"expected a file of at most {_size(limit)}, found {found}; not read: an "
                "export file is far smaller (LinkedIn's largest, messages.csv, is a few "
                "hundred MB)",
            )
        if budget is not None:
            budget.check(info.st_size)
        try:
            data = fh.read(limit + 1)
        except OSError as err:
            raise InputError(shown, f"cannot be read ({err.strerror})") from err
    if len(data) > limit:
        raise InputError(shown, f"grew past {_size(limit)} while being read; not read")
    if budget is not None:
        budget.take(len(data))
    return data


# --- folders -----------------------------------------------------------------------------------


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


def _classify(path: Path, root: Path) -> tuple[str, str]:
    """``("file" | "dir" | "skip", why)`` for one folder entry under the symlink policy."""
    try:
        if path.is_symlink():
            target = path.resolve()
            if not target.exists():
                return "skip", "broken symlink"
            if target.is_dir():
                return "skip", "symlinked folder: not entered"
            if not _inside(target, root):
                return "skip", "symlink to a file outside the folder given: not followed"
        if path.is_dir():
            return "dir", ""
        if not stat.S_ISREG(path.stat().st_mode):
            return "skip", "not a regular file"
    except OSError as err:  # a symlink loop, a file removed meanwhile, no permission
        return "skip", f"cannot be read: {err.strerror or err}"
    return "file", ""


def list_folder(folder: Path, root: Path | None = None) -> tuple[list[Path], list[Path], list[str]]:
    """Regular files, folders and ``"path (why)"`` skipped entries right inside ``folder``.

    Names starting with ``.`` are left out (``.DS_Store``, ``.git``), as a file browser would.
    """
    root = (root or folder).resolve()
    files: list[Path] = []
    dirs: list[Path] = []
    skipped: list[str] = []
    for child in sorted(p for p in folder.iterdir() if not p.name.startswith(".")):
        kind, why = _classify(child, root)
        if kind == "file":
            files.append(child)
        elif kind == "dir":
            dirs.append(child)
        else:
            skipped.append(f"{printable(str(child))} ({why})")
    return files, dirs, skipped


def walk_folder(folder: Path) -> Iterator[tuple[Path | None, str]]:
    """Every file under ``folder`` in path order, as ``(path, display)``; ``path`` is None for
    an entry the symlink policy skips, and ``display`` then says why.

    Unlike ``Path.rglob`` this never reads a file outside ``folder`` through a symlink.
    """
    root = folder.resolve()
    base = str(folder)
    entries: list[tuple[Path, Path | None, str]] = []
    todo = [folder]
    while todo:
        current = todo.pop()
        try:
            children = list(current.iterdir())
        except OSError as err:
            shown = f"{base}/{printable(current.relative_to(folder).as_posix())}"
            entries.append((current, None, f"{shown} (cannot be read: {err.strerror})"))
            continue
        for child in children:
            kind, why = _classify(child, root)
            shown = f"{base}/{printable(child.relative_to(folder).as_posix())}"
            if kind == "dir":
                todo.append(child)
            elif kind == "file":
                entries.append((child, child, shown))
            else:
                entries.append((child, None, f"{shown} ({why})"))
    for _, path, shown in sorted(entries, key=lambda e: e[0]):
        yield path, shown


# --- zips --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One member of an archive: its bytes, or why it was not read (``data`` is None)."""

    display: str
    data: bytes | None = None
    why: str = ""


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16) if info.create_system == 3 else False


def _damaged(display: str, err: BaseException) -> InputError:
    if "encrypted" in str(err).lower():  # zipfile's RuntimeError for a password
        return InputError(
            display,
            "the archive is password-protected; unzip it yourself and pass the folder",
        )
    detail = printable(" ".join(str(err).split())) or type(err).__name__
    return InputError(
        display,
        f"not a readable zip archive ({detail}); download it again, or unzip it and pass the "
        "folder",
    )


def _check_header(info: zipfile.ZipInfo, shown: str, budget: Budget) -> None:
    """Refuse a member from what the zip's headers say, before decompressing anything."""
    if info.file_size > MAX_MEMBER_BYTES:
        raise InputError(
            shown,
            f"expected a file of at most {_size(MAX_MEMBER_BYTES)} uncompressed, found "
            f"{_size(info.file_size)} (from the zip's header; not decompressed): an export "
            "file is far smaller",
        )
    _check_ratio(info.file_size, info.compress_size, shown, "header says")
    budget.check(info.file_size)


def _check_ratio(size: int, compressed: int, shown: str, how: str) -> None:
    if size > RATIO_FLOOR and size > MAX_RATIO * max(compressed, 1):
        raise InputError(
            shown,
            f"expected at most {MAX_RATIO} to 1 compression, found {size / max(compressed, 1):,.0f}"
            f" to 1 ({how} {_size(compressed)} -> {_size(size)}): a zip bomb, not an export; "
            "not decompressed further",
        )


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, shown: str,
                 budget: Budget) -> bytes:
    """Decompress one member in chunks, counting the bytes that actually come out."""
    _check_header(info, shown, budget)
    limit = min(MAX_MEMBER_BYTES, budget.left)
    chunks: list[bytes] = []
    n = 0
    with archive.open(info) as fh:
        while chunk := fh.read(_CHUNK):
            n += len(chunk)
            if n > limit:
                if n > MAX_MEMBER_BYTES:
                    raise InputError(
                        shown,
                        f"expected a file of at most {_size(MAX_MEMBER_BYTES)} uncompressed, "
                        "found more than the zip's header said; not decompressed further",
                    )
                budget.check(n)
            _check_ratio(n, info.compress_size, shown, "decompressing")
            chunks.append(chunk)
    budget.take(n)
    return b"".join(chunks)


def zip_entries(
    source: Path | bytes,
    display: str,
    budget: Budget,
    wanted: Callable[[str], bool],
    *,
    depth: int = 1,
) -> Iterator[Entry]:
    """The members of a zip (and of the zips nested in it) in name order, read in memory.

    ``wanted(basename)`` says which members to decompress; the others come back without data,
    as do directories' hidden files (``.DS_Store``, ``__MACOSX/._x``: left out altogether) and
    symlink entries (``why`` says so). A member whose name ends in ``.zip`` and holds a zip is
    opened in turn, up to :data:`MAX_DEPTH` levels.
    """
    if depth > MAX_DEPTH:
        raise InputError(
            display,
            f"expected zip archives nested at most {MAX_DEPTH} deep, found deeper (a zip in a "
            "zip in a zip…); unzip it yourself and pass the folder",
        )
    try:
        fh = source.open("rb") if isinstance(source, Path) else io.BytesIO(source)
    except OSError as err:
        raise InputError(display, f"cannot be read ({err.strerror}); check the path") from err
    with fh:
        try:
            archive = zipfile.ZipFile(fh)
        except (*_ZIP_ERRORS, RuntimeError) as err:
            raise _damaged(display, err) from err
        with archive:
            infos = archive.infolist()
            if len(infos) > MAX_MEMBERS:
                raise InputError(
                    display,
                    f"expected at most {MAX_MEMBERS:,} files in an archive, found "
                    f"{len(infos):,}; a LinkedIn export holds a few dozen: pass the export",
                )
            for info in sorted(infos, key=lambda i: i.filename):
                name = info.filename.replace("\\", "/")
                base = PurePosixPath(name).name
                if info.is_dir() or not base or base.startswith("."):
                    continue
                shown = f"{display}/{printable(info.filename)}"
                if _is_symlink(info):
                    yield Entry(shown, why="symlink entry: not followed")
                    continue
                nested = base.lower().endswith(".zip")
                if not (nested or wanted(base)):
                    yield Entry(shown)
                    continue
                try:
                    data = _read_member(archive, info, shown, budget)
                except (*_ZIP_ERRORS, RuntimeError) as err:
                    raise _damaged(shown, err) from err
                if nested and zipfile.is_zipfile(io.BytesIO(data)):
                    yield from zip_entries(data, shown, budget, wanted, depth=depth + 1)
                else:
                    yield Entry(shown, data)
