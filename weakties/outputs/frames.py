"""What the pages draw from: a people frame, a ties frame and the graph's facts (``meta``).

The report's pages (:mod:`.onepage`, :mod:`.view`) render the tables people.csv and ties.csv
are written from (:func:`weakties.outputs.report.people_frame` / ``ties_frame``): one row per
person with ``id``, one row per tie with ``source`` and ``target``, the columns of
:mod:`weakties.analysis.schema`. ``meta`` holds what ``G.graph`` holds for a graph (``owners``,
``as_of``, ``clusters`` ``{id: label}``, ``cluster_method``; docs/graph-model.md).

:func:`graph_frames` turns a networkx graph into the same three, so a library user's graph
(``render_html(nx.karate_club_graph())``) takes the one rendering path too.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from weakties.analysis.schema import PEOPLE_ANALYSIS, TIES_ANALYSIS

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["PEOPLE_SHOWN", "TIES_SHOWN", "graph_frames", "plain", "positions", "with_clusters"]

#: The people columns the pages read (node attributes of the same name in a graph).
PEOPLE_SHOWN = ["id", "name", "organisation", "position", "owner", "degree", *PEOPLE_ANALYSIS]
#: The tie columns the pages read (edge attributes of the same name in a graph).
TIES_SHOWN = ["source", "target", "connected_on", "messages", "last_interaction",
              *TIES_ANALYSIS]


def graph_frames(G: nx.Graph) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """``(people, ties, meta)`` of a networkx graph: node attributes become people rows,
    edge attributes tie rows (:data:`PEOPLE_SHOWN`, :data:`TIES_SHOWN`; None where a node or
    edge lacks one), ``G.graph`` the meta. A multigraph counts each pair of people once.

    >>> import networkx as nx
    >>> G = nx.Graph(owners=["o"])
    >>> G.add_node("o", name="Olga", owner=True)
    >>> G.add_edge("o", "p", tie_class="weak")
    >>> people, ties, meta = graph_frames(G)
    >>> people[["id", "name", "owner", "degree"]].values.tolist()
    [['o', 'Olga', True, 1], ['p', None, None, 1]]
    >>> ties[["source", "target", "tie_class"]].values.tolist(), meta["owners"]
    ([['o', 'p', 'weak']], ['o'])
    """
    import networkx as nx

    if G.is_multigraph():
        G = nx.Graph(G)
    ids = list(G)
    attrs = [G._node[n] for n in ids]
    people: dict[str, list] = {"id": ids}
    for col in PEOPLE_SHOWN[1:]:
        people[col] = [d.get(col) for d in attrs]
    people["degree"] = [k for _, k in G.degree(ids)]
    edges = list(G.edges(data=True))
    ties: dict[str, list] = {"source": [u for u, _, _ in edges],
                             "target": [v for _, v, _ in edges]}
    for col in TIES_SHOWN[2:]:
        ties[col] = [d.get(col) for _, _, d in edges]
    return (_frame(people, PEOPLE_SHOWN), _frame(ties, TIES_SHOWN), dict(G.graph))


def one_line(value: Any, limit: int) -> str:
    """An export value as one line of display text ('' for missing), cut to ``limit``
    characters: runs of whitespace become one space, ends trimmed.

    A printable string can hold no whitespace but the ASCII space (``str.isprintable``), so
    one without double, leading or trailing spaces is already one line: returned as it is,
    without splitting it (the map's 80,000 labels and titles of twenty owners: 0.25 -> 0.1 s).

    >>> one_line("  Ann\\tLee\\n ", 20), one_line(float("nan"), 20), one_line("Zoë Ünal", 4)
    ('Ann Lee', '', 'Zoë…')
    """
    if type(value) is str and value.isprintable() and "  " not in value \
            and value[:1] != " " and value[-1:] != " ":
        text = value
    elif value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    else:
        text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def with_clusters(meta: dict, analysis=None) -> dict:
    """``meta`` with the analysis' clusters as the pages name them: ``clusters``
    ``{id: label}`` and ``cluster_method`` (what :func:`weakties.analysis.annotate` writes on
    ``G.graph``); ``meta`` itself without an analysis.

    >>> with_clusters({"owners": ["o"]})
    {'owners': ['o']}
    """
    if analysis is None:
        return meta
    table = analysis.clusters
    labels = dict(zip((int(c) for c in table["cluster"].tolist()),
                      (str(x) for x in table["label"].tolist()), strict=True))
    return {**meta, "clusters": labels,
            "cluster_method": analysis.figures.get("cluster_method") or ""}


def _frame(columns: dict[str, list], names: list[str]) -> pd.DataFrame:
    """Object columns: every value as the graph held it (an int id stays an int)."""
    return pd.DataFrame({k: pd.Series(columns[k], dtype=object) for k in names}, columns=names)


def plain(column: pd.Series) -> list[Any]:
    """The column's values as plain Python values, None for missing (NaN, NA, None).

    What a graph attribute would hold: :func:`weakties.analysis.annotate` writes these, so a
    page drawn from the tables reads the same values as one drawn from the annotated graph.
    """
    if isinstance(column.dtype, pd.api.extensions.ExtensionDtype) or column.dtype == object:
        out = column.to_numpy(dtype=object, na_value=None).tolist()
        return [x.item() if isinstance(x, np.generic) else x for x in out]
    values = column.to_numpy()
    if values.dtype.kind == "f":  # NaN for missing
        out = np.array(values.tolist(), dtype=object)
        out[np.isnan(values)] = None
        return out.tolist()
    return values.tolist()  # integers and booleans: nothing missing


def positions(ids: pd.Series, of: pd.Series) -> np.ndarray:
    """Row number in ``ids`` (unique) of each value of ``of`` (-1 when absent): tie ends to
    people.

    Text held by pyarrow (pandas' ``str`` dtype) is looked up by pyarrow itself: a million tie
    ends in 0.03 s, where a pandas index converts them to Python strings first (0.17 s).

    >>> positions(pd.Series(["a", "b", "c"]), pd.Series(["c", "x", "a"])).tolist()
    [2, -1, 0]
    """
    if _arrow_text(ids) and _arrow_text(of):
        import pyarrow as pa
        import pyarrow.compute as pc

        def arrow(column: pd.Series) -> pa.ChunkedArray:
            data = pa.array(column)  # the column's own arrow data, chunked or not
            return data if isinstance(data, pa.ChunkedArray) else pa.chunked_array([data])

        found = pc.index_in(arrow(of), value_set=arrow(ids).combine_chunks())
        return found.fill_null(-1).to_numpy().astype(np.intp)
    index = pd.Index(ids, tupleize_cols=False)
    return index.get_indexer(pd.Index(of, tupleize_cols=False)).astype(np.intp)


def _arrow_text(column: pd.Series) -> bool:
    dtype = column.dtype
    return isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow"
