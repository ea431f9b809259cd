"""Run one writer in a forked child while the parent writes the others: the second core.

Why: the report's pages (the one-page report with its plots, the map) and its CSV files
read the same finished analysis and write different files, and each side takes a couple of
seconds at 30,000 contacts (bench/run.py). A forked child shares the analysis without copying
or pickling it. Where ``fork`` is not offered (Windows, macOS default) or
``WEAKTIES_NO_FORK`` is set, the writer simply runs in the parent when waited for.

The child writes its file(s) and exits with ``os._exit`` (no atexit handlers, no flushing of
the parent's buffers); an exception in it is sent back and raised again by :meth:`Task.wait`.
"""

from __future__ import annotations

import os
import pickle
import sys
import traceback
from collections.abc import Callable

from weakties.errors import WeaktiesError

__all__ = ["Task", "start"]


def _can_fork() -> bool:
    return sys.platform == "linux" and hasattr(os, "fork") and not os.environ.get(
        "WEAKTIES_NO_FORK")


class Task:
    """A writer started by :func:`start`; :meth:`wait` returns once it is done."""

    def __init__(self, work: Callable[[], None]) -> None:
        self._work: Callable[[], None] | None = work
        self._pid: int | None = None
        self._read: int | None = None
        if _can_fork():
            for stream in (sys.stdout, sys.stderr):
                stream.flush()  # else the child would write the parent's pending output again
            read, write = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child
                os.close(read)
                _run_child(work, write)
            os.close(write)
            self._pid, self._read, self._work = pid, read, None

    def wait(self) -> None:
        """Block until the writer is done; raise what it raised."""
        if self._work is not None:
            work, self._work = self._work, None
            work()
            return
        if self._pid is None:
            return
        with os.fdopen(self._read, "rb") as fh:
            message = fh.read()
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        if message:
            raise pickle.loads(message)
        if os.waitstatus_to_exitcode(status) != 0:
            raise WeaktiesError(f"a report writer stopped unexpectedly (status {status})")

    def cancel(self) -> None:
        """Stop the writer if it still runs (the caller failed; its files will be discarded)."""
        self._work = None
        if self._pid is not None:
            try:
                os.kill(self._pid, 9)
            except ProcessLookupError:
                pass
            os.waitpid(self._pid, 0)
            os.close(self._read)
            self._pid = None


def start(work: Callable[[], None]) -> Task:
    """Start ``work`` (a function writing files) beside the caller; see the module docstring."""
    return Task(work)


def _run_child(work: Callable[[], None], write: int) -> None:
    code = 0
    try:
        try:
            work()
        except BaseException as err:  # noqa: BLE001 -- every failure goes back to the parent
            code = 1
            try:
                message = pickle.dumps(err)
                pickle.loads(message)
            except Exception:  # an exception that does not survive pickling
                message = pickle.dumps(WeaktiesError(
                    "".join(traceback.format_exception_only(type(err), err)).strip()))
            with os.fdopen(write, "wb") as fh:
                fh.write(message)
    finally:
        os._exit(code)
