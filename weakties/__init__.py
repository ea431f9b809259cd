"""weakties: find the weak ties, bridges and brokers in the contact data you already own.

The library's entry point is :func:`weakties.load` (:mod:`weakties.pipeline`); it is imported on
first use so that ``weakties --help`` does not pay for pandas and networkx.
"""

from __future__ import annotations

from weakties._version import __version__
from weakties.errors import InputError, WeaktiesError

__all__ = ["load", "LoadReport", "WeaktiesError", "InputError", "__version__"]


def __getattr__(name: str):
    if name == "load":
        from weakties.pipeline import load

        return load
    if name == "LoadReport":
        from weakties.graph import LoadReport

        return LoadReport
    raise AttributeError(f"module 'weakties' has no attribute {name!r}")
