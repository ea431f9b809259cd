"""The columns of the report's people.csv and ties.csv: one list each, used by the analyses,
the report writer and the Spark edge-list report alike.

``*_BASE`` columns describe what the import found (names, evidence counts and dates; defined
with the tables that hold them, :mod:`weakties.graph.tables`);
``*_ANALYSIS`` columns are what :func:`weakties.analysis.run` computes (``docs/concepts.md``).
"""

from weakties.graph.tables import PEOPLE_BASE, TIES_BASE

PEOPLE_ANALYSIS = ["cluster", "cluster_label", "role_family", "betweenness", "constraint",
                   "effective_size", "efficiency", "tie_class"]
PEOPLE_COLUMNS = PEOPLE_BASE + PEOPLE_ANALYSIS

TIES_ANALYSIS = ["strength", "interaction", "mutual_contacts", "overlap", "tie_class",
                 "sweet_spot", "bridge", "local_bridge", "span"]
TIES_COLUMNS = TIES_BASE + TIES_ANALYSIS

__all__ = ["PEOPLE_BASE", "PEOPLE_ANALYSIS", "PEOPLE_COLUMNS", "TIES_BASE", "TIES_ANALYSIS",
           "TIES_COLUMNS"]
