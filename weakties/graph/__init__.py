"""The contact graph built from resolved identities (the third stage of the flow).

:mod:`weakties.graph.model` aggregates evidence into one tie per pair of people;
:mod:`weakties.graph.anonymize` replaces names with stable pseudonyms. The graph's attributes
are the contract with the analyses: ``docs/graph-model.md``.
"""

from weakties.graph.model import LoadReport, build_graph

__all__ = ["LoadReport", "build_graph"]
