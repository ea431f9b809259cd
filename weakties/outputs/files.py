"""Safe file writing: atomic replacement, UTF-8 with BOM for Excel, no formula injection."""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import pandas as pd

from weakties._frames import values
from weakties.errors import WeaktiesError

__all__ = ["atomic_write", "neutralise", "safe_frame", "staged_folder", "write_csv", "write_json"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SPACES = " \u00a0\u3000"  # ordinary, no-break and ideographic spaces (not tab and CR)
# A minus sign starts a number; a leading "+" makes Excel store the cell as a formula ("=+1").
_PLAIN_NUMBER = re.compile(r"-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def neutralise(value: object) -> object:
    """Spreadsheet formula injection (OWASP): a text cell that starts with ``= + - @``, tab or
    carriage return gets a leading apostrophe so Excel/LibreOffice show it as text. So does one
    where spaces come first (``" =1+1"``): LibreOffice's CSV import can trim them.

    Numbers stay numbers, including text that is a plain negative number such as ``-12.5``;
    ``+1`` is neutralised (Excel turns it into the formula ``=+1``).

    >>> neutralise('=HYPERLINK("http://x","y")')
    '\\'=HYPERLINK("http://x","y")'
    >>> neutralise("-12.5"), neutralise(3), neutralise("+1"), neutralise("  @SUM(A1)")
    ('-12.5', 3, "'+1", "'  @SUM(A1)")
    """
    if isinstance(value, str) and value.lstrip(_SPACES).startswith(_FORMULA_START):
        if not _PLAIN_NUMBER.fullmatch(value):
            return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells are neutralised (numeric columns are left as they are)."""
    out = frame.copy()
    for col in out.columns:
        if not (pd.api.types.is_numeric_dtype(out[col]) or pd.api.types.is_bool_dtype(out[col])):
            # A plain loop over the distinct values: str.lstrip and str.startswith run in C,
            # where the pandas .str chain loops in Python without pyarrow (30,000 rows:
            # 5.9 s -> 0.1 s), and a 700,000-row file repeats most of its cells.
            if any(isinstance(v, str) and v.lstrip(_SPACES).startswith(_FORMULA_START)
                   for v in _distinct(out[col])):
                out[col] = pd.Series([neutralise(v) for v in values(out[col])],
                                     index=out.index, dtype=object)
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out


def _distinct(column: pd.Series) -> list:
    try:
        return values(column.unique())
    except TypeError:  # unhashable cells (lists): every value
        return values(column)


def atomic_write(path: Path, write: Callable[[IO[str]], None], encoding: str = "utf-8") -> None:
    """Write through a temporary file in the same folder, then rename: a failed run leaves the
    previous file (or nothing), never half a file."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as fh:
            write(fh)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a report is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def staged_folder(out: Path) -> Iterator[Path]:
    """A hidden staging folder *inside* ``out`` to write a whole report into, its files moved
    into place only when the block succeeds: a failed run leaves no partial report, and nothing
    is ever written outside ``out``.

    On success each file written replaces the one of the same name in ``out`` (``out`` and its
    parents are created if needed); on any error the staging folder, and ``out`` itself and any
    parent folder if this run created them, are removed, so ``out`` is exactly as it was.

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "report"
    >>> with staged_folder(out) as stage:
    ...     write_json({"people": 3}, stage / "summary.json")
    >>> sorted(p.name for p in out.iterdir())
    ['summary.json']
    """
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise WeaktiesError(f"{out}: expected a folder for the report, found a file; "
                            "pass another --out")
    made = _missing_ancestor(out)
    out.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(dir=out, prefix=".staging-"))
    try:
        yield stage
        for item in sorted(stage.iterdir()):
            target = out / item.name
            if item.is_dir() and target.is_dir():
                shutil.rmtree(target)
            os.replace(item, target)
        stage.rmdir()
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        if made is not None:
            shutil.rmtree(made, ignore_errors=True)
        raise


def _missing_ancestor(folder: Path) -> Path | None:
    """The outermost folder of ``folder``'s path that does not exist yet (None if it does)."""
    missing = None
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            break
        missing = candidate
    return missing


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """UTF-8 with BOM so Excel shows non-ASCII names correctly."""
    safe = safe_frame(frame)
    atomic_write(path, lambda fh: safe.to_csv(fh, index=False, lineterminator="\r\n"),
                 encoding="utf-8-sig")


def write_json(data: object, path: Path) -> None:
    atomic_write(path, lambda fh: json.dump(data, fh, indent=2, ensure_ascii=False,
                                            default=str))
