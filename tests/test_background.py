"""The forked report writer: its files, its errors and its cancellation reach the parent."""

from __future__ import annotations

import os
import sys
import time

import pytest

from weakties.errors import InputError, WeaktiesError
from weakties.outputs import background

forks = pytest.mark.skipif(sys.platform != "linux", reason="fork is used on Linux only")


def _write_pid(path):
    def work():
        path.write_text(str(os.getpid()))
    return work


@forks
def test_the_writer_runs_in_another_process_and_is_done_after_wait(tmp_path):
    out = tmp_path / "page.html"
    task = background.start(_write_pid(out))
    task.wait()
    assert int(out.read_text()) != os.getpid()


def test_without_fork_the_writer_runs_here_when_waited_for(tmp_path, monkeypatch):
    monkeypatch.setenv("WEAKTIES_NO_FORK", "1")
    out = tmp_path / "page.html"
    task = background.start(_write_pid(out))
    assert not out.exists()  # deferred to wait(), so the order of writes stays the caller's
    task.wait()
    assert int(out.read_text()) == os.getpid()


@forks
def test_an_error_in_the_child_is_raised_again_in_the_parent():
    def work():
        raise InputError("people.csv", "cannot write (disk full)", line=3)

    task = background.start(work)
    with pytest.raises(InputError, match="people.csv:3: cannot write") as caught:
        task.wait()
    assert (caught.value.path, caught.value.line) == ("people.csv", 3)


@forks
def test_an_error_that_cannot_be_pickled_still_arrives_as_one_line():
    class Odd(Exception):
        def __init__(self, a, b):  # pickling re-calls __init__ with one argument: fails
            super().__init__(f"{a}/{b}")

    def work():
        raise Odd("x", "y")

    with pytest.raises(WeaktiesError, match="Odd: x/y"):
        background.start(work).wait()


@forks
def test_cancel_stops_a_running_writer_at_once(tmp_path):
    out = tmp_path / "never"

    def work():
        time.sleep(30)
        out.write_text("late")

    task = background.start(work)
    pid = task._pid
    task.cancel()  # returns only once the child is reaped; were it not killed, 30 s later
    with pytest.raises(ProcessLookupError):  # the child is gone, killed and reaped
        os.kill(pid, 0)
    task.wait()  # nothing left to wait for
    assert not out.exists()
