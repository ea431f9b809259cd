"""Turn the paths a user gives into inputs (one per owner) and read every file they hold.

A path may be a LinkedIn zip (any folder nesting inside, even a zip inside the zip), an unzipped
archive folder, a lone CSV, a folder holding one export per team member, or a folder of one
person's exports of several kinds (their mailbox or calendar, alone or in a Google Takeout zip,
next to at most one LinkedIn archive, address books and chats: one input, one owner; see
:func:`_one_persons_exports`). Files are recognised
by their header, never by name; the one exception is LinkedIn's ``guide_messages.csv`` /
``coach_messages.csv`` and similar, which share the messages header but are not the owner's
conversations. Other exports (vCard, Facebook JSON, X's ``.js``, SNAP) are recognised by their
structure; SNAP's ``<ego>.circles`` is read with its ``<ego>.edges``, and a folder of several
egos' files holds one input per ego. Files are opened read-only and never modified.

Every byte goes through :mod:`weakties.importers.limits` (file, archive and nesting limits, the
symlink policy; see there). The same content is never counted twice: within one input a file
with the same bytes as one already read is read once, and an input all of whose files were
already read in another (the same export given twice, or a folder holding an unzipped archive
next to its zip) is read once, with a note in the load report's ignored files. Two inputs that
share some files but not others are an error: which one is right cannot be guessed. Two lone
files are exempt (their owner is named by ``--owner`` or the file name, not by the file).
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from weakties.errors import InputError
from weakties.importers import limits
from weakties.importers.base import FileTable, Format
from weakties.importers.contacts import mapped_format
from weakties.importers.registry import describe_header, sniff
from weakties.importers.whatsapp import chat_name

__all__ = ["RawInput", "expand", "read_input"]

_TABLE_SUFFIXES = {".csv", ".tsv", ".txt"}
#: Exports that are not CSV. Inside a folder or archive they are read only when recognised (a
#: Facebook or X archive holds hundreds of other .json/.js files), never an error when not.
_OTHER_SUFFIXES = {".vcf", ".vcard", ".json", ".js", ".edges", ".circles", ".edgelist",
                   ".mbox", ".mbx", ".eml", ".ics", ".ical"}
_READABLE = _TABLE_SUFFIXES | _OTHER_SUFFIXES
#: Entries not read listed by name in one input's load report; the rest are counted.
_MAX_IGNORED_LISTED = 100
_NOT_OWNERS_MESSAGES = re.compile(r".+_messages\.csv$", re.IGNORECASE)


@dataclass
class RawInput:
    """One owner's export (or one lone file) and the tables read from it."""

    path: Path
    label: str  # how the input is named in messages and as a fallback owner name
    tables: list[FileTable] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # files in an archive with no known header
    #: SHA-256 of each file read into a table with rows -> where it was read (finds the same
    #: file given twice, in this input or another).
    digests: dict[str, str] = field(default_factory=dict)
    #: A folder of one person's exports of several kinds (their LinkedIn zip, Takeout zip,
    #: mbox, calendar, address book): every file and zip in it is read as this one input.
    personal: bool = False
    #: The inputs given together with this one (set by :func:`expand`), to compare digests.
    batch: list[RawInput] | None = field(default=None, repr=False, compare=False)


def _display(path: Path) -> str:
    return limits.printable(str(path))


def expand(paths: list[str | Path]) -> list[RawInput]:
    """One RawInput per owner: a folder of exports becomes one input per member.

    A path given twice (or a file given on its own and inside a folder given too) is one input.
    A symlink given here is followed; inside a folder, see :mod:`weakties.importers.limits`.
    """
    inputs: list[RawInput] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError(_display(path), "no such file or folder; check the path")
        if path.is_dir():
            if limits.is_report(path):
                raise InputError(_display(path), "expected an export, found a report weakties "
                                                 "wrote; pass the exports it was made from")
            found, skipped = _expand_folder(path)
            found[0].ignored.extend(skipped)
            inputs.extend(found)
        elif not _read_with_its_edges(path):
            limits.check_regular(path)
            inputs.append(RawInput(path=path, label=_label(path)))
    unique: dict[Path, RawInput] = {}
    for item in inputs:
        key = item.path.resolve()
        if key in unique:
            unique[key].ignored.append(f"{_display(item.path)} (given twice: read once)")
        else:
            unique[key] = item
    batch = list(unique.values())
    for item in batch:
        item.batch = batch
    return batch


def _read_with_its_edges(path: Path) -> bool:
    """A SNAP ``<ego>.circles`` next to its ``<ego>.edges`` is read as part of that input."""
    return path.suffix.lower() == ".circles" and path.with_suffix(".edges").is_file()


def _expand_folder(folder: Path) -> tuple[list[RawInput], list[str]]:
    """The inputs in a folder given by the user, and the entries left out of them.

    A ``.txt`` is an input only when its header is recognised (a README is not an export);
    a ``.csv`` always is (``--columns`` may map an unknown header), so a broken one is an error.
    Walked with a stack, not by recursion: a folder 1,500 levels deep is only a long walk.
    """
    root = folder
    found: list[RawInput] = []
    skipped: list[str] = []
    # Depth first, in name order: a folder is replaced by its children where it stood.
    todo: list[Path | RawInput] = [folder]
    while todo:
        item = todo.pop()
        if isinstance(item, RawInput):
            found.append(item)
            continue
        files, dirs, left_out = limits.list_folder(item, root)
        if item == root and _one_persons_exports(files, dirs, root):
            found.append(RawInput(path=item, label=_label(item), personal=True))
            skipped.extend(left_out)
            continue
        direct_tables = [p for p in files if p.suffix.lower() in _READABLE]
        if ((any(_sniff_path(p) for p in direct_tables) or any(map(_chat_zip, files)))
                and not _holds_members(files, dirs, root)):
            # CSVs right inside: this folder is one unzipped archive (with its subfolders).
            found.append(RawInput(path=item, label=_label(item)))
            continue
        skipped.extend(left_out)
        folders = set(dirs)
        children: list[Path | RawInput] = []
        for child in sorted(files + dirs):
            suffix = child.suffix.lower()
            if child in folders:
                # A subfolder without an export (``__MACOSX/``, ``notes/``) is not an error.
                children.append(child)
            elif suffix == ".zip" or (suffix in _TABLE_SUFFIXES and suffix != ".txt"):
                children.append(RawInput(path=child, label=_label(child)))
            elif (suffix in _READABLE and not _read_with_its_edges(child)
                  and _sniff_path(child)):
                children.append(RawInput(path=child, label=_label(child)))
            elif not _read_with_its_edges(child):
                skipped.append(_display(child))
        todo.extend(reversed(children))
    if not found:
        outside = sum("outside the folder" in s for s in skipped)
        seen = (f"; {outside} symlink(s) there point outside it and were not followed: pass "
                "their targets instead") if outside else ""
        raise InputError(
            _display(folder),
            "no export found in this folder; expected a LinkedIn archive (.zip or its CSV files) "
            f"or one export per team member{seen}",
        )
    return found, skipped


#: Names exports give their files and folders: no owner's name in them (``contacts.vcf``,
#: ``your_friends.json``, ``data/following.js``), so the owner is named after the folder above.
_GENERIC_NAMES = (r"connections|messages|contacts|address[ _-]?book|friends|your[ _-]friends"
                  r"|following[ _-]accounts|following|followers?|data")


def _label(path: Path) -> str:
    """``alice.zip`` -> ``alice``; ``dave_Connections.csv`` -> ``dave``; ``Connections.csv`` ->
    its folder's name (likewise ``alice_contacts.vcf`` -> ``alice``)."""
    resolved: Path | None = None
    while True:  # up the folders while the name says nothing (a loop: data/data/… is deep)
        stem = path.name
        while Path(stem).suffix.lower() in {".zip", ".csv", *_OTHER_SUFFIXES}:
            stem = Path(stem).stem
        stem = re.sub(r"(?i)[ _-]*\(\d+\)$", "", stem)
        stem = re.sub(rf"(?i)[ _-]*({_GENERIC_NAMES})$", "", stem)
        if stem and not re.match(r"(?i)(basic_|complete_)?linkedindataexport", stem):
            return stem
        resolved = path.resolve() if resolved is None else path  # once: each costs the depth
        parent = resolved.parent
        if parent == resolved or not parent.name:
            return path.name
        path = parent


def _sniff_path(path: Path) -> str | None:
    """The format name of a file inside a folder, from its first 64 KiB (None when not
    recognised)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(64 * 1024)
    except OSError:  # gone or unreadable since it was listed: read_input says so
        return None
    fmt = sniff(head, str(path))
    return fmt.name if fmt else None


_MAILBOX_FORMATS = {"mbox", "eml", "icalendar"}


def _zip_kinds(path: Path) -> set[str]:
    """What a zip holds, from its member names only: ``linkedin`` (Connections.csv or
    Profile.csv), ``mail`` (an mbox, an .ics, a Takeout Mail or Calendar folder)."""
    try:
        with zipfile.ZipFile(path) as archive:
            if len(archive.infolist()) > limits.MAX_MEMBERS:
                return set()
            names = [n.replace("\\", "/") for n in archive.namelist()]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return set()
    kinds = set()
    for name in names:
        base = PurePosixPath(name).name.lower()
        if base in ("connections.csv", "profile.csv"):
            kinds.add("linkedin")
        elif (PurePosixPath(base).suffix in (".mbox", ".ics") or "/Mail/" in name
              or "/Calendar/" in name):
            kinds.add("mail")
    return kinds


def _one_persons_exports(files: list[Path], dirs: list[Path], root: Path) -> bool:
    """Is this folder one person's exports of several kinds, to be read as one input?

    Decided by content: it holds that person's own mailbox or calendar (an mbox, ``.eml`` or
    ``.ics`` file, or a zip holding one, such as a Google Takeout), or their own chats (WhatsApp
    chat exports, an iOS chat zip, Telegram's ``result.json``), next to at most one LinkedIn
    archive (a zip, or a subfolder with its ``Connections.csv``). A team folder holds several
    LinkedIn archives (one owner each), and a folder of mixed lone exports without a mailbox
    keeps one input per file. Subfolders (a chat export's) are read with the rest.
    """
    mail = linkedin = 0
    for child in dirs:
        inner = limits.list_folder(child, root)[0]
        linkedin += any(p.name.lower() in ("connections.csv", "profile.csv") for p in inner)
    for child in files:
        suffix = child.suffix.lower()
        if suffix == ".zip":
            if _chat_zip(child):
                mail += 1
                continue
            kinds = _zip_kinds(child)
            mail += "mail" in kinds
            linkedin += "linkedin" in kinds
        elif suffix in _READABLE or not suffix:
            fmt = _sniff_path(child)
            mail += fmt in _MAILBOX_FORMATS or fmt in _OWN_CHAT_FORMATS
            linkedin += fmt == "linkedin-connections"
    return mail > 0 and linkedin <= 1


#: Chat exports that are one person's own (a Slack workspace export is everyone's).
_OWN_CHAT_FORMATS = ("whatsapp", "telegram")

_MEMBER_CONNECTIONS = re.compile(r"(?i).*[^ _-][ _-]*connections")


def _holds_members(files: list[Path], dirs: list[Path], root: Path) -> bool:
    """Does a folder with CSVs right inside hold team members' exports rather than one archive?

    A team folder may mix ``alice.zip``, ``bob/`` and ``carol_Connections.csv``; a LinkedIn
    archive never holds a zip, a subfolder with its own ``Connections.csv``, or a
    ``Connections.csv`` whose name starts with an owner's name.
    """
    if sum(1 for child in files if child.suffix.lower() == ".edges") > 1:
        return True  # SNAP: one <ego>.edges per ego, each ego an owner
    # Lone exports of different kinds side by side (an address book, an edge list, a friends
    # list …) and no LinkedIn file: a folder of separate inputs, not one archive. One export's
    # own files share a format (X's following.js and follower.js).
    formats = {_sniff_path(child) for child in files
               if child.suffix.lower() in _READABLE and not _read_with_its_edges(child)} - {None}
    # A Slack export's files have several formats (users.json, channels.json, day files).
    formats = {"slack" if f.startswith("slack-") else f for f in formats}
    if len(formats) > 1 and not any(f.startswith("linkedin-") for f in formats):
        return True
    for child in dirs:
        inner = [p for p in limits.list_folder(child, root)[0]
                 if p.suffix.lower() in _TABLE_SUFFIXES]
        if any(_sniff_path(p) == "linkedin-connections" for p in inner):
            return True
    for child in files:
        if child.suffix.lower() == ".zip" and not _chat_zip(child):
            return True
        elif child.suffix.lower() in _TABLE_SUFFIXES and _MEMBER_CONNECTIONS.fullmatch(
            re.sub(r"[ _-]*\(\d+\)$", "", child.stem)
        ) and _sniff_path(child) == "linkedin-connections":
            return True
    return False


def read_input(raw: RawInput, columns: dict[str, str] | None = None) -> RawInput:
    """Read every recognised file of one input into ``raw.tables``.

    ``columns`` (the ``--columns`` option) maps contact fields to the headers of a CSV that no
    format recognises. When every file of ``raw`` was already read for an earlier input of the
    same :func:`expand` call, ``raw.tables`` is left empty and the earlier input notes it.
    """
    extra = [mapped_format(columns)] if columns else []
    shown = _display(raw.path)
    budget = limits.Budget(shown)
    if raw.path.is_dir():
        for file, display in limits.walk_folder(raw.path):
            if file is None:
                raw.ignored.append(display)  # a symlink out of the folder, a FIFO, …
            elif _chat_zip(file) or (raw.personal and file.suffix.lower() == ".zip"
                                     and zipfile.is_zipfile(file)):
                # An iOS WhatsApp chat (_chat.txt and its media) among the owner's files.
                _read_zip(raw, file, display, budget)
            elif not _wanted(file.name):
                raw.ignored.append(display)  # not read at all: a photo, a PDF, …
            elif _read_streamed(raw, file, display):
                continue
            elif not file.suffix:
                raw.ignored.append(display)  # sniffed only as a stream (Apple Mail's mbox)
            else:
                try:
                    data = limits.read_file(file, display, budget)
                except limits.Unreadable as err:  # no permission: skipped like a FIFO
                    raw.ignored.append(f"{display} ({err.reason.split(';')[0]})")
                    continue
                _read_member(raw, data, display, in_archive=True, extra=extra)
    elif zipfile.is_zipfile(raw.path):
        limits.check_regular(raw.path, shown)
        _read_zip(raw, raw.path, shown, budget)
    elif raw.path.suffix.lower() == ".zip":
        raise InputError(
            shown,
            "not a readable zip archive (truncated or damaged?); download it again, "
            "or unzip it and pass the folder",
        )
    elif not _read_streamed(raw, raw.path, shown):
        data = limits.read_file(raw.path, shown, budget)
        _read_member(raw, data, shown, in_archive=False, extra=extra)
        circles = raw.path.with_suffix(".circles")
        if raw.path.suffix.lower() == ".edges" and circles.is_file():
            data = limits.read_file(circles, _display(circles), budget)
            _read_member(raw, data, _display(circles), in_archive=True)
    products = _takeout_products(raw)
    if not raw.tables:
        if products:
            raise InputError(
                shown,
                "a Google Takeout archive without Mail, Calendar or Contacts (found "
                f"{', '.join(sorted(products))}); export again with Mail, Calendar and Contacts "
                "selected at takeout.google.com",
            )
        if any(name.endswith(("/xl/workbook.xml", "/META-INF/manifest.xml"))
               for name in raw.ignored):
            # A spreadsheet file is a zip too: Connections.csv opened and saved as a workbook.
            raise InputError(
                shown,
                "expected a CSV export, found a spreadsheet workbook (.xlsx or .ods); open it "
                "and save it as 'CSV UTF-8', then pass the .csv file",
            )
        raise InputError(
            shown,
            "no LinkedIn export file found inside (expected Connections.csv, messages.csv, …); "
            "run 'weakties formats' to see what can be read",
        )
    _read_once(raw)
    if len(raw.ignored) > _MAX_IGNORED_LISTED:
        more = len(raw.ignored) - _MAX_IGNORED_LISTED
        raw.ignored[_MAX_IGNORED_LISTED:] = [f"{shown}: {more:,} more entries not read, not "
                                             "listed"]
    return raw


def _read_zip(raw: RawInput, path: Path, shown: str, budget: limits.Budget) -> None:
    for entry in limits.zip_entries(path, shown, budget, _wanted,
                                    streamed=_streamed_format_of):
        if entry.stream is not None:
            _parse_stream(raw, entry.stream, entry.display)
        elif entry.data is None:
            raw.ignored.append(f"{entry.display} ({entry.why})" if entry.why else entry.display)
        else:
            _read_member(raw, entry.data, entry.display, in_archive=True)


def _chat_zip(path: Path) -> bool:
    """Is this the zip iOS shares a WhatsApp chat as (``_chat.txt`` plus media)? Several of them
    in a folder are one owner's chats, not one input each."""
    if path.suffix.lower() != ".zip" or not path.is_file():
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    return len(names) <= limits.MAX_MEMBERS and any(
        PurePosixPath(n).name == "_chat.txt" for n in names)


_TAKEOUT = re.compile(r"^(.*?/Takeout/)([^/]+)/")


def _takeout_products(raw: RawInput) -> dict[str, int]:
    """Google Takeout products weakties does not read (YouTube, Drive, …), each folded into one
    ignored-files line with its file count (a Takeout holds thousands of files)."""
    products: dict[tuple[str, str], int] = {}
    kept: list[str] = []
    for entry in raw.ignored:
        m = _TAKEOUT.match(entry)
        if m and m.group(2) not in ("Mail", "Calendar", "Contacts"):
            key = (m.group(1), m.group(2))
            products[key] = products.get(key, 0) + 1
        else:
            kept.append(entry)
    raw.ignored = kept + [f"{base}{name} ({n:,} files of a Takeout product weakties does not "
                          "read)" for (base, name), n in sorted(products.items())]
    return {name: n for (_, name), n in products.items()}


def _streamed_format_of(head: bytes, display: str) -> Format | None:
    """The format of a file read as a stream (an mbox), sniffed from its first bytes."""
    fmt = sniff(head, display)
    return fmt if fmt is not None and fmt.parse_stream is not None else None


def _read_streamed(raw: RawInput, path: Path, display: str) -> bool:
    """Read ``path`` as a stream when its first bytes say it is a streamed format (a many-GB
    mbox: never read whole, so the file size limit does not apply). False when it is not."""
    limits.check_regular(path, display)
    try:
        with path.open("rb") as fh:
            if _streamed_format_of(fh.read(limits.HEAD_BYTES), display) is None:
                return False
            fh.seek(0)
            _parse_stream(raw, fh, display)
    except OSError as err:
        raise InputError(display, f"cannot be read ({err.strerror or err})") from err
    return True


def _parse_stream(raw: RawInput, fh, display: str) -> None:
    """Parse an open stream with its format; the digest (same file given twice) is the size
    and the SHA-256 of the first MiB, so the stream is read only once."""
    head = fh.read(limits.HEAD_BYTES)
    fmt = _streamed_format_of(head, display)
    if fmt is None:  # zip_entries sniffed it already; keep the two in step
        raw.ignored.append(display)
        return
    hasher = hashlib.sha256(head)
    counted = _Counting(head, fh, hasher)
    table = fmt.parse_stream(counted, display)
    digest = f"{fmt.name}:{counted.n}:{hasher.hexdigest()}"
    if digest in raw.digests:
        raw.ignored.append(f"{display} (same bytes as {raw.digests[digest]}: read once)")
        return
    if table.rows:
        raw.digests[digest] = display
    raw.tables.append(table)


class _Counting:
    """A stream that replays ``head``, then reads on; counts bytes, hashes the first MiB."""

    def __init__(self, head: bytes, fh, hasher):
        self.head, self.fh, self.hasher, self.n = head, fh, hasher, len(head)

    def read(self, size: int = -1) -> bytes:
        if self.head:
            if size is None or size < 0 or size >= len(self.head):
                out, self.head = self.head, b""
            else:
                out, self.head = self.head[:size], self.head[size:]
            return out
        data = self.fh.read(size)
        if self.n < limits.MiB:
            self.hasher.update(data[:limits.MiB - self.n])
        self.n += len(data)
        return data


def _is_archive(raw: RawInput) -> bool:
    return raw.path.is_dir() or zipfile.is_zipfile(raw.path)


def _wanted(name: str) -> bool:
    """Is a file inside an archive or folder worth reading (decompressing) at all? Names
    without a suffix are sniffed too: Apple Mail's ``Inbox.mbox/mbox``, Thunderbird's
    ``Inbox``."""
    return (PurePosixPath(name).suffix.lower() in _READABLE | {""}
            and not _NOT_OWNERS_MESSAGES.match(name)
    )


def _read_once(raw: RawInput) -> None:
    """Compare ``raw`` with the inputs of its batch read before it (see the module docstring)."""
    mine = set(raw.digests)
    if not mine or raw.batch is None:
        return
    for other in raw.batch:
        if other is raw:
            break
        if not (_is_archive(raw) or _is_archive(other)):
            # Two lone files have no owner identity of their own (--owner or the file name
            # names it): read them as given, even alike.
            continue
        theirs = set(other.digests)
        shared = mine & theirs
        if not shared:
            continue
        if mine <= theirs:
            other.ignored.append(
                f"{_display(raw.path)} (the same files as {_display(other.path)}: read once)"
            )
            raw.tables = []
            raw.digests = {}
            return
        digest = min(shared, key=lambda d: raw.digests[d])
        if theirs < mine:
            hint = f"pass only {_display(raw.path)}, which holds all of them"
        else:
            hint = "pass each owner's export once"
        raise InputError(
            _display(raw.path),
            f"holds {raw.digests[digest]} with the same bytes as {other.digests[digest]}, but "
            f"other files differ: the same owner's data would be counted twice; {hint}",
        )


def _read_member(raw: RawInput, data: bytes, display: str, *, in_archive: bool,
                 extra: list[Format] | None = None) -> None:
    name = PurePosixPath(display).name
    if in_archive and (
        PurePosixPath(name).suffix.lower() not in _READABLE
        or _NOT_OWNERS_MESSAGES.match(name)
    ):
        raw.ignored.append(display)
        return
    if not data or data.isspace():  # no copy of a large file, unlike data.strip()
        if in_archive:
            raw.ignored.append(display)
            return
        raise InputError(display, "the file is empty; expected a CSV export with a header row")
    fmt = sniff(data, display, extra or (), lone_file=not in_archive)
    if fmt is None:
        if chat_name(display) or PurePosixPath(display).name == "_chat.txt":
            # A chat of a locale no header pattern knows: said, never guessed (and its first
            # line, a message, is not quoted).
            why = ("named like a WhatsApp chat export, but no line starts with a date and time "
                   "as WhatsApp writes them ('12/03/2024, 19:05 - Name: text' or '[06.03.24, "
                   "21:25:15] Name: text')")
            if in_archive:
                raw.ignored.append(f"{display} ({why})")
                return
            raise InputError(display, f"{why}; export the chat again, or report the phone's "
                                      "language and the first line's date format")
        if in_archive:
            raw.ignored.append(display)
            return
        # One short line: the full list of headers (``weakties formats``) would not fit one.
        found = describe_header(data)
        if found not in ("binary data", "a zip archive"):
            found = f"the header {found!r}"
        if extra:
            raise InputError(
                display,
                f"not a recognised export: found {found}; expected a CSV with every header named "
                f"by --columns ({extra[0].signature}); give the headers as the file writes them",
            )
        raise InputError(
            display,
            f"not a recognised export: found {found}; expected an export as its service wrote it "
            "(LinkedIn Connections.csv or messages.csv, a contacts CSV or vCard, an edge list, …); "
            "run 'weakties formats' to see every format weakties reads and how it is recognised",
        )
    digest = f"{fmt.name}:{hashlib.sha256(data).hexdigest()}"
    if digest in raw.digests:
        # Connections.csv next to "Connections (1).csv", or a zip listing one name twice.
        raw.ignored.append(f"{display} (same bytes as {raw.digests[digest]}: read once)")
        return
    table = fmt.parse(data, display)
    if not in_archive and table.rows == 0 and table.hidden_members == 0:
        raise InputError(
            display, f"has the {fmt.description} header but no rows; export it again"
        )
    if table.rows or table.hidden_members:
        # Header-only files are alike in every export: they tell no copy apart.
        raw.digests[digest] = display
    raw.tables.append(table)
