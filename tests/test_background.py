"""Work in a forked child: results, errors and cancellation reach the parent; halves split
over both processes (the report writer, the betweenness beside the other analyses)."""

from __future__ import annotations

import os
import sys
import time

import numpy as np
import pytest

from weakties import _background as background
from weakties.errors import InputError, WeaktiesError

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


# --- results and work in halves (the betweenness beside the other analyses) ---------------

def _where(half: int) -> list[int]:
    """Part ``half`` of a result that says which process computed each part."""
    out = [0, 0]
    out[half] = os.getpid()
    return out


def _split(slow_child: float = 0.0):
    from weakties._background import Split

    def part(half: int):
        if half == 1:
            time.sleep(slow_child)
        return np.array(_where(half))

    return Split(part, lambda total: total.tolist())


@forks
def test_a_task_returns_what_the_child_returned():
    assert background.start(lambda: {"pid": os.getpid()}).wait()["pid"] != os.getpid()


def test_without_fork_a_task_returns_its_value_when_waited_for(monkeypatch):
    monkeypatch.setenv("WEAKTIES_NO_FORK", "1")
    assert background.start(lambda: os.getpid()).wait() == os.getpid()


@forks
def test_a_child_forks_no_child_of_its_own():
    outer = background.start(lambda: background.start(lambda: os.getpid()).wait())
    child = outer._pid
    assert outer.wait() == child  # the inner work ran in the first child itself


@forks
def test_halves_waited_for_late_are_both_computed_in_the_child():
    task = background.halves(lambda: _split())
    time.sleep(1.0)  # the caller's own work, longer than the child's
    first, second = task.wait()
    assert first == second != os.getpid()


@forks
def test_halves_waited_for_early_split_over_both_processes():
    task = background.halves(lambda: _split(slow_child=1.0))
    first, second = task.wait()  # the child is still on part 1: part 0 is taken here
    assert first == os.getpid() and second not in (0, os.getpid())


def test_halves_without_fork_are_computed_here(monkeypatch):
    monkeypatch.setenv("WEAKTIES_NO_FORK", "1")
    assert background.halves(lambda: _split()).wait() == [os.getpid()] * 2


@forks
def test_work_in_one_piece_runs_in_the_child_and_is_not_prepared_here():
    from weakties._background import Split

    prepared = []

    def prepare():
        prepared.append(os.getpid())
        return Split(None, lambda _: os.getpid())

    task = background.halves(prepare)
    time.sleep(0.5)
    assert task.wait() != os.getpid()
    assert prepared == []  # the child took the token: nothing was prepared in this process


@forks
def test_an_error_in_a_half_is_raised_again_here():
    from weakties._background import Split

    def part(half: int):
        raise InputError("graph", f"half {half} failed")

    task = background.halves(lambda: Split(part, lambda total: total))
    with pytest.raises(InputError, match="half"):
        task.wait()


@forks
def test_cancelled_halves_leave_no_child():
    task = background.halves(lambda: _split(slow_child=30))
    pid = task._task._pid
    task.cancel()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
