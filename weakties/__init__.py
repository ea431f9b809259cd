"""weakties: find the weak ties, bridges and brokers in the contact data you already own.

The library's entry points are :func:`weakties.load` (graph and load report) and
:func:`weakties.network` (people and ties as DataFrames) in :mod:`weakties.pipeline`; imported on
first use so that ``weakties --help`` does not pay for pandas and networkx.
"""

from __future__ import annotations

from weakties._version import __version__
from weakties.errors import InputError, WeaktiesError

__all__ = ["load", "network", "Network", "LoadReport", "WeaktiesError", "InputError",
           "__version__"]


def __getattr__(name: str):
    if name == "load":
        from weakties.pipeline import load

        return load
    if name == "network":
        from weakties.pipeline import network

        return network
    if name in ("LoadReport", "Network"):
        import weakties.graph.tables

        return getattr(weakties.graph.tables, name)
    raise AttributeError(f"module 'weakties' has no attribute {name!r}")
