"""Run work in a forked child while this process goes on: the second core.

Why: the machine has two cores and most of a run is one Python thread. Two places hand work
to the second core: the report's pages (the one-page report with its plots, the map), drawn
while the CSV files are written (each side takes a couple of seconds at 30,000 contacts,
bench/run.py), and the exact betweenness, computed while the other analyses run (workload B:
4 s of CPU beside the other analyses' 5 s, where both cores used to split it while the run
waited ~2 s for it; :func:`halves`). A forked child shares the parent's data without copying
or pickling it. Where ``fork`` is not offered (Windows, macOS default), ``WEAKTIES_NO_FORK`` is
set, or this process is itself such a child (no child of a child: the two cores are taken),
the work simply runs in this process when waited for.

The child does the work, sends back what it returned (pickled) and exits with ``os._exit``
(no atexit handlers, no flushing of the parent's buffers); an exception in it is sent back and
raised again by :meth:`Task.wait`.
"""

from __future__ import annotations

import os
import pickle
import sys
import traceback
from collections.abc import Callable
from typing import Any, NamedTuple

from weakties.errors import WeaktiesError

__all__ = ["Task", "start", "can_fork", "Split", "Halves", "halves"]

#: True in a child started here: it starts none of its own.
_IN_CHILD = False


def can_fork() -> bool:
    """Whether this system forks for a second core (Linux, no ``WEAKTIES_NO_FORK``). In a
    child started here work is not forked again, but the same parts are computed there: a
    figure summed from two parts is the same sum wherever it runs."""
    return sys.platform == "linux" and hasattr(os, "fork") and not os.environ.get(
        "WEAKTIES_NO_FORK")


def _forks() -> bool:
    return can_fork() and not _IN_CHILD


class Task:
    """Work started by :func:`start`; :meth:`wait` returns its result once it is done."""

    def __init__(self, work: Callable[[], Any], fork: bool = True) -> None:
        self._work: Callable[[], Any] | None = work
        self._pid: int | None = None
        self._read: int | None = None
        if fork and _forks():
            for stream in (sys.stdout, sys.stderr):
                stream.flush()  # else the child would write the parent's pending output again
            read, write = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child
                os.close(read)
                _run_child(work, write)
            os.close(write)
            self._pid, self._read, self._work = pid, read, None

    def wait(self) -> Any:
        """Block until the work is done; return what it returned, raise what it raised."""
        if self._work is not None:
            work, self._work = self._work, None
            return work()
        if self._pid is None:
            return None
        with os.fdopen(self._read, "rb") as fh:
            message = fh.read()
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        if not message:  # killed before it could answer
            raise WeaktiesError(f"a background task stopped unexpectedly (status {status})")
        done, value = pickle.loads(message)
        if not done:
            raise value
        return value

    def cancel(self) -> None:
        """Stop the work if it still runs (the caller failed; its result is not wanted)."""
        self._work = None
        if self._pid is not None:
            try:
                os.kill(self._pid, 9)
            except ProcessLookupError:
                pass
            os.waitpid(self._pid, 0)
            os.close(self._read)
            self._pid = None


def start(work: Callable[[], Any], fork: bool = True) -> Task:
    """Start ``work`` beside the caller; see the module docstring. ``fork=False``: run it here
    when waited for (work that must stay in this process, e.g. with a Spark session)."""
    return Task(work, fork)


def _run_child(work: Callable[[], Any], write: int) -> None:
    global _IN_CHILD
    _IN_CHILD = True
    code = 0
    try:
        try:
            message = pickle.dumps((True, work()))
        except BaseException as err:  # noqa: BLE001 -- every failure goes back to the parent
            code = 1
            try:
                message = pickle.dumps((False, err))
                pickle.loads(message)
            except Exception:  # an exception that does not survive pickling
                message = pickle.dumps((False, WeaktiesError(
                    "".join(traceback.format_exception_only(type(err), err)).strip())))
        with os.fdopen(write, "wb") as fh:
            fh.write(message)
    finally:
        os._exit(code)


class Split(NamedTuple):
    """Work in two halves, as :func:`halves` takes it: the result is
    ``finish(part(0) + part(1))``; with ``part`` None, ``finish(None)`` does it all at once,
    and with ``here`` also True it is done in the process that waits, never in a child
    (NetworKit's OpenMP threads: a child forked after they started would hang in them)."""

    part: Callable[[int], Any] | None
    finish: Callable[[Any], Any]
    here: bool = False


class Halves:
    """Work started by :func:`halves`; :meth:`wait` returns its result once it is done."""

    def __init__(self, prepare: Callable[[], Split], fork: bool = True) -> None:
        self._prepare = prepare
        self._token: int | None = None
        self._task: Task | None = None
        if fork and _forks():
            read, write = os.pipe()
            os.write(write, b"0")  # whoever reads it first computes part 0
            os.close(write)
            os.set_blocking(read, False)
            self._token = read
            self._task = Task(self._child)

    def _claim(self) -> bool:
        """Take part 0 (True), or learn that the other process took it (False: the pipe is
        empty and has no writer left)."""
        try:
            return os.read(self._token, 1) == b"0"
        except BlockingIOError:  # pragma: no cover - the pipe has no writer: never blocks
            return False

    def _child(self) -> tuple[str, Any]:
        job = self._prepare()
        if job.here:
            return "here", None  # the parent does it
        if job.part is None:
            self._claim()  # nothing to share: the parent need not prepare it too
            return "done", job.finish(None)
        theirs = job.part(1)
        if self._claim():
            return "done", job.finish(job.part(0) + theirs)
        return "part", theirs

    def wait(self) -> Any:
        """Block until the work is done (computing part 0 here when the child has not begun
        it); return its result, raise what it raised."""
        if self._task is None:
            job = self._prepare()
            return job.finish(None if job.part is None else job.part(0) + job.part(1))
        task, self._task = self._task, None
        try:
            job = self._prepare() if self._claim() else None
            mine = None if job is None or job.part is None or job.here else job.part(0)
        except BaseException:
            task.cancel()
            raise
        finally:
            self._close()
        kind, value = task.wait()
        if kind == "done":
            return value
        if kind == "part":  # this process took part 0
            return job.finish(mine + value)
        job = job or self._prepare()  # "here"
        return job.finish(None)

    def cancel(self) -> None:
        """Stop the child if it still runs (the caller failed; the result is not wanted)."""
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self._close()

    def _close(self) -> None:
        if self._token is not None:
            os.close(self._token)
            self._token = None


def halves(prepare: Callable[[], Split], fork: bool = True) -> Halves:
    """Start work made of two halves beside the caller, the second core's way: a forked child
    runs ``prepare()`` and computes ``part(1)``, then ``part(0)`` too unless :meth:`Halves.wait`
    has begun it here first, so the caller's own work and the halves share both cores however
    long each takes (workload B: 4 s of betweenness beside 5 s of other analyses; the exact
    betweenness of 20,000 people, ~50 s, still split over both cores once the rest is done).
    ``prepare`` must give the same split in both processes; the result is
    ``finish(part(0) + part(1))`` wherever the parts ran. Without fork (or with ``fork``
    False), everything is computed here when waited for.
    """
    return Halves(prepare, fork)
