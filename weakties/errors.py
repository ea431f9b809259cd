"""The only exceptions the library raises; the CLI turns them into one-line messages."""

from __future__ import annotations


class WeaktiesError(Exception):
    """Base class: anything the user can fix (bad input, bad option)."""


class InputError(WeaktiesError):
    """An input file is missing, unreadable or not in a format weakties knows.

    The message names the file (and line where it helps), says what was expected and what was
    found, and suggests what to do.
    """

    def __init__(self, path: str, message: str, line: int | None = None):
        self.path = path
        self.line = line
        self.reason = message
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")

    def __reduce__(self):
        # pickled whole (a report writer running in another process sends it back)
        return type(self), (self.path, self.reason, self.line)
