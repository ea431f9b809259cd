"""GraphML / GEXF for Gephi: attributes flattened to types both Gephi and networkx read back."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from weakties.errors import WeaktiesError
from weakties.outputs.files import atomic_write

__all__ = ["export_graph", "FORMATS"]

FORMATS = {".graphml": nx.write_graphml, ".gexf": nx.write_gexf}


def _flat(value: object) -> str | int | float | bool:
    if isinstance(value, bool | int | float | str):
        return value
    if value is None:
        return ""
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    if isinstance(value, list | tuple | set):
        return "; ".join(str(v) for v in value)
    try:
        return float(value)  # numpy scalars
    except (TypeError, ValueError):
        return str(value)


def export_graph(G: nx.Graph, path: Path) -> None:
    """Write ``G`` as GraphML or GEXF, chosen by the file suffix.

    Every node has a ``label`` (the person's name; Gephi shows it). A tie's per-person counts
    (``sent``, ``endorsed_by``, ``recommended_by``: ``{person id: n}``) become two numbers,
    ``<key>_source`` and ``<key>_target``, for the edge's two ends as written (GraphML's
    ``source`` / ``target``, GEXF's likewise); other dicts (graph-level) are JSON text and
    lists are joined with ``"; "``.
    """
    path = Path(path)
    writer = FORMATS.get(path.suffix.lower())
    if writer is None:
        raise WeaktiesError(
            f"{path}: unknown export format {path.suffix!r}; use .graphml or .gexf"
        )
    H = nx.Graph()
    H.graph.update({k: _flat(v) for k, v in G.graph.items() if k != "clusters"})
    for n, d in G.nodes(data=True):
        attrs = {k: _flat(v) for k, v in d.items() if not _missing(v)}
        # Gephi (and networkx's GEXF writer) label a node by its "label": the person's name,
        # not the profile URL that is their id.
        attrs["label"] = str(d.get("name") or n)
        H.add_node(n, **attrs)
    for u, v, d in G.edges(data=True):
        attrs = {}
        for k, x in d.items():
            if isinstance(x, dict):  # {endpoint id: count}: one number per end of the tie
                attrs[f"{k}_source"], attrs[f"{k}_target"] = x.get(u, 0), x.get(v, 0)
            elif not _missing(x):
                attrs[k] = _flat(x)
        H.add_edge(u, v, **attrs)
    atomic_write(path, lambda fh: fh.write("\n".join(nx.generate_graphml(H))
                                           if writer is nx.write_graphml
                                           else "\n".join(nx.generate_gexf(H))))


def _missing(value: object) -> bool:
    try:
        return value != value  # NaN
    except Exception:  # noqa: BLE001 - arrays and odd types are never "missing"
        return False
