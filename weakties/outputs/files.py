"""Safe file writing: atomic replacement, UTF-8 with BOM for Excel, no formula injection."""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

import pandas as pd

__all__ = ["atomic_write", "neutralise", "safe_frame", "write_csv", "write_json"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A minus sign starts a number; a leading "+" makes Excel store the cell as a formula ("=+1").
_PLAIN_NUMBER = re.compile(r"-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def neutralise(value: object) -> object:
    """Spreadsheet formula injection (OWASP): a text cell that starts with ``= + - @``, tab or
    carriage return gets a leading apostrophe so Excel/LibreOffice show it as text.

    Numbers stay numbers, including text that is a plain negative number such as ``-12.5``;
    ``+1`` is neutralised (Excel turns it into the formula ``=+1``).

    >>> neutralise('=HYPERLINK("http://x","y")')
    '\\'=HYPERLINK("http://x","y")'
    >>> neutralise("-12.5"), neutralise(3), neutralise("+1")
    ('-12.5', 3, "'+1")
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        if not _PLAIN_NUMBER.fullmatch(value):
            return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells are neutralised (numeric columns are left as they are)."""
    out = frame.copy()
    for col in out.columns:
        if not (pd.api.types.is_numeric_dtype(out[col]) or pd.api.types.is_bool_dtype(out[col])):
            out[col] = out[col].map(neutralise)
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out


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
