"""Safe file writing: atomic replacement, UTF-8 with BOM for Excel, no formula injection."""

from __future__ import annotations

import codecs
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import numpy as np
import pandas as pd

from weakties._frames import values
from weakties.errors import WeaktiesError

__all__ = [
    "atomic_write", "csv_chunks", "neutralise", "safe_frame", "staged_folder", "write_csv",
    "write_json",
]

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
    out = frame.copy(deep=False)  # columns are replaced, never changed in place
    for col in out.columns:
        if not (pd.api.types.is_numeric_dtype(out[col]) or pd.api.types.is_bool_dtype(out[col])):
            if _may_hold_formulas(out[col]):
                out[col] = pd.Series([neutralise(v) for v in values(out[col])],
                                     index=out.index, dtype=object)
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out


_FORMULA_RE = f"^[{_SPACES}]*[=+\\-@\t\r]"  # what neutralise looks for, as a regex
#: The UTF-8 bytes a cell :func:`neutralise` changes can start with (spaces first, or a sign).
_FORMULA_FIRST_BYTES = np.frombuffer(
    bytes({(c.encode()[0]) for c in _SPACES + "".join(_FORMULA_START)}), dtype=np.uint8)


def _first_bytes(cells) -> np.ndarray:
    """The first UTF-8 byte of each cell of a pyarrow string array (0 for an empty cell)."""
    offsets = np.frombuffer(cells.buffers()[1], dtype=np.int32, count=len(cells) + 1,
                            offset=cells.offset * 4)
    data = cells.buffers()[2]
    data = np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, np.uint8)
    if data.size == 0:  # every cell empty
        return np.zeros(len(cells), dtype=np.uint8)
    starts = offsets[:-1]
    present = offsets[1:] > starts
    return np.where(present, data[np.where(present, starts, 0)], 0).astype(np.uint8)


def _may_hold_formulas(column: pd.Series) -> bool:
    """Whether some cell starts like a formula (then :func:`neutralise` decides, per cell)."""
    if isinstance(column.dtype, pd.StringDtype) and column.dtype.storage == "pyarrow":
        import pyarrow as pa
        import pyarrow.compute as pc

        # A formula's first byte is one of a few; only cells starting so are searched by regex,
        # in C (30,000 names: 0.1 s of Python -> 2 ms; 700,000 cells of B: 0.3 s -> 0.02 s).
        cells = pc.fill_null(pa.array(column.array, type=pa.string()), "")
        if isinstance(cells, pa.ChunkedArray):
            cells = cells.combine_chunks()
        first = _first_bytes(cells)
        maybe = pa.array(np.isin(first, _FORMULA_FIRST_BYTES))
        return bool(pc.any(pc.match_substring_regex(cells.filter(maybe), _FORMULA_RE)).as_py())
    # A plain loop over the distinct values: str.lstrip and str.startswith run in C, where the
    # pandas .str chain loops in Python on objects, and a 700,000-row file repeats its cells.
    return any(isinstance(v, str) and v.lstrip(_SPACES).startswith(_FORMULA_START)
               for v in _distinct(column))


def _distinct(column: pd.Series) -> list:
    try:
        return values(column.unique())
    except TypeError:  # unhashable cells (lists): every value
        return values(column)


def atomic_write(path: Path, write: Callable[[IO], None], encoding: str | None = "utf-8") -> None:
    """Write through a temporary file in the same folder, then rename: a failed run leaves the
    previous file (or nothing), never half a file. ``encoding=None``: ``write`` gets the file
    in binary mode."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with (os.fdopen(fd, "wb") if encoding is None
              else os.fdopen(fd, "w", encoding=encoding, newline="")) as fh:
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
    """UTF-8 with BOM so Excel shows non-ASCII names correctly; the same bytes as pandas'
    ``to_csv(index=False, lineterminator="\\r\\n")`` (see :func:`csv_chunks`)."""
    safe = safe_frame(frame)

    def write(fh: IO[bytes]) -> None:
        fh.write(codecs.BOM_UTF8)
        for chunk in csv_chunks(safe):
            fh.write(chunk)

    atomic_write(path, write, encoding=None)


#: Rows per piece of CSV text: bounds the extra memory of writing a 700,000-row table.
CSV_CHUNK_ROWS = 1 << 16
#: Tables shorter than this are written by pandas itself: pyarrow's fixed cost per column is
#: larger there (100 rows x 15 columns: 2.0 ms against 0.9 ms; 1,000 rows: 4.9 against 6.2).
CSV_PANDAS_ROWS = 500
#: Text joined with 32-bit offsets up to this many bytes (pyarrow's ``string``), beyond it with
#: 64-bit ones (``large_string``): a piece of rows holding a huge cell many times over.
CSV_SMALL_OFFSETS = 1 << 30


def csv_chunks(frame: pd.DataFrame) -> Iterator[bytes]:
    """The UTF-8 bytes of ``frame.to_csv(index=False, lineterminator="\\r\\n")``, in pieces.

    pandas writes through the ``csv`` module a field at a time: 8 s for the 1.2 million rows of
    a 20-owner team's report, most of its writing. Here each column becomes text as pandas
    makes it (numbers by numpy's ``astype(str)``, as pandas does; other types by pandas' own
    ``_get_values_for_csv``), the quoting is the ``csv`` module's minimal quoting (a cell
    holding a comma, a double quote, CR or LF goes in double quotes, its quotes doubled; a row
    that is one empty cell is ``""``) and rows are joined in pyarrow, in C.

    >>> frame = pd.DataFrame({"name": ['Ann "A", Lee', None], "n": [1.5, float("nan")]})
    >>> b"".join(csv_chunks(frame)).decode()
    'name,n\\r\\n"Ann ""A"", Lee",1.5\\r\\n,\\r\\n'
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    single = len(frame.columns) == 1
    if frame.columns.nlevels != 1 or len(frame.columns) == 0 or len(frame) < CSV_PANDAS_ROWS:
        yield frame.to_csv(index=False, lineterminator="\r\n").encode()  # small, odd shapes
        return
    header = [_quoted_cell(str(label)) for label in frame.columns]
    yield ((",".join(header) if header != [""] else '""') + "\r\n").encode()
    columns = [frame.iloc[:, i] for i in range(len(frame.columns))]
    for start in range(0, len(frame), CSV_CHUNK_ROWS):
        # a piece of each column (slicing the frame first and then taking its columns: 2x)
        part = [column.iloc[start:start + CSV_CHUNK_ROWS] for column in columns]
        cells = [_csv_cells(column, single) for column in part]
        if sum(c.nbytes for c in cells) > CSV_SMALL_OFFSETS:  # a row piece over 2 GiB of text
            cells = [c.cast(pa.large_string()) for c in cells]
        # CR LF after the last cell, then the cells joined by commas: each byte copied once
        text = cells[0].type
        cells[-1] = pc.binary_join_element_wise(
            cells[-1], pa.array([""] * len(part[0]), type=text), pa.scalar("\r\n", type=text))
        yield _concatenated(pc.binary_join_element_wise(*cells, pa.scalar(",", type=text)))


def _csv_cells(column: pd.Series, single: bool):
    """One column as a pyarrow string array of CSV cells: text as pandas writes it, quoted."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    dtype, numbers = column.dtype, None
    if isinstance(dtype, np.dtype) and dtype.kind in "iu":
        numbers = pc.cast(pa.array(column.to_numpy()), pa.string())  # str(int), in C
    elif isinstance(dtype, np.dtype) and dtype.kind == "b":
        numbers = pc.if_else(pa.array(column.to_numpy()), "True", "False")
    elif isinstance(dtype, np.dtype) and dtype.kind == "f":
        # numpy's text of each distinct number (pandas' own; arrow's float text differs)
        distinct, where = np.unique(column.to_numpy(), return_inverse=True)
        text = pa.array(distinct.astype(str), mask=np.isnan(distinct))
        numbers = pc.fill_null(text.take(pa.array(where.reshape(-1))), "")
    if numbers is not None:  # digits, signs, points and letters: never quoted
        return pc.if_else(pc.equal(numbers, ""), '""', numbers) if single else numbers
    try:  # text (pyarrow strings, or objects that are all str or missing)
        objects = isinstance(dtype, np.dtype) and dtype.kind == "O"
        cells = pa.array(column.to_numpy() if objects else column.array, type=pa.string(),
                         from_pandas=True)
    except (pa.ArrowException, TypeError, ValueError):
        # other objects, dates, categories, nullable numbers: pandas' own text of each cell
        text = column.to_frame()._get_values_for_csv(
            float_format=None, date_format=None, decimal=".", na_rep="", quoting=None)
        cells = pa.array(["" if v is None else str(v) for v in next(text._iter_column_arrays())],
                         type=pa.string())
    if isinstance(cells, pa.ChunkedArray):
        cells = cells.combine_chunks()
    cells = pc.fill_null(cells, "")
    whole = _concatenated(cells).to_pybytes() if len(cells) else b""
    if any(char in whole for char in (b",", b'"', b"\r", b"\n")):  # one memchr per column
        special = pc.match_substring_regex(cells, '[,"\r\n]')
        some = cells.filter(special)  # quote only those (names with ", MSc": a few in ten)
        quoted = pc.binary_join_element_wise('"', pc.replace_substring(some, '"', '""'), '"', "")
        cells = pc.replace_with_mask(cells, special, quoted)
    if single:
        cells = pc.if_else(pc.equal(cells, ""), '""', cells)
    return cells


def _quoted_cell(text: str) -> str:
    """One cell quoted as the ``csv`` module's ``QUOTE_MINIMAL`` quotes it."""
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _concatenated(strings):
    """The UTF-8 bytes of every value of a pyarrow string array, one after the other (a
    buffer, not a copy: a fresh array keeps its values back to back in its data buffer)."""
    import pyarrow as pa

    if len(strings) == 0:
        return b""
    width = np.int64 if strings.type == pa.large_string() else np.int32
    bounds = np.frombuffer(strings.buffers()[1], dtype=width, count=len(strings) + 1,
                           offset=strings.offset * np.dtype(width).itemsize)
    return strings.buffers()[2].slice(int(bounds[0]), int(bounds[-1] - bounds[0]))


def write_json(data: object, path: Path) -> None:
    atomic_write(path, lambda fh: json.dump(data, fh, indent=2, ensure_ascii=False,
                                            default=str))
