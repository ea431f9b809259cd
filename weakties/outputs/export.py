"""GraphML / GEXF for Gephi: attributes flattened to types both Gephi and networkx read back,
and text kept to the characters XML 1.0 allows (:func:`xml_text`)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx

from weakties.errors import WeaktiesError
from weakties.outputs.files import atomic_write

__all__ = ["export_graph", "FORMATS", "xml_text"]

FORMATS = {".graphml": nx.write_graphml, ".gexf": nx.write_gexf}


#: Characters XML 1.0 forbids even escaped (C0 controls but tab and newlines, lone
#: surrogates, U+FFFE/U+FFFF): one in a name made a GraphML/GEXF file no parser reads.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    r"""``text`` with every character XML 1.0 cannot hold replaced by U+FFFD.

    >>> xml_text("Anne\x1b[2J\x00")
    'Anne\ufffd[2J\ufffd'
    """
    return _NOT_XML.sub("\ufffd", text)


def _flat(value: object) -> str | int | float | bool:
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return xml_text(value)
    if value is None:
        return ""
    if isinstance(value, dict):
        return xml_text(json.dumps(value, sort_keys=True, ensure_ascii=False))
    if isinstance(value, list | tuple | set):
        return xml_text("; ".join(str(v) for v in value))
    try:
        return float(value)  # numpy scalars
    except (TypeError, ValueError):
        return xml_text(str(value))


def _node_ids(G: nx.Graph) -> dict:
    """Node id -> an XML-safe id, kept distinct (``~2`` when two ids differ only there)."""
    ids: dict = {}
    used: set[str] = set()
    for n in G.nodes:
        safe = xml_text(str(n)) if isinstance(n, str) else n
        if safe != n:
            base, k = safe, 2
            while safe in used or (safe != n and safe in G):
                safe, k = f"{base}~{k}", k + 1
        ids[n] = safe
        used.add(safe if isinstance(safe, str) else str(safe))
    return ids


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
    H.graph.update({xml_text(str(k)): _flat(v) for k, v in G.graph.items() if k != "clusters"})
    ids = _node_ids(G)
    for n, d in G.nodes(data=True):
        attrs = {xml_text(str(k)): _flat(v) for k, v in d.items() if not _missing(v)}
        # Gephi (and networkx's GEXF writer) label a node by its "label": the person's name,
        # not the profile URL that is their id.
        attrs["label"] = xml_text(str(d.get("name") or n))
        H.add_node(ids[n], **attrs)
    for u, v, d in G.edges(data=True):
        attrs = {}
        for k, x in d.items():
            k = xml_text(str(k))
            if isinstance(x, dict):  # {endpoint id: count}: one number per end of the tie
                attrs[f"{k}_source"], attrs[f"{k}_target"] = x.get(u, 0), x.get(v, 0)
            elif not _missing(x):
                attrs[k] = _flat(x)
        H.add_edge(ids[u], ids[v], **attrs)
    atomic_write(path, lambda fh: fh.write("\n".join(nx.generate_graphml(H))
                                           if writer is nx.write_graphml
                                           else "\n".join(nx.generate_gexf(H))))


def _missing(value: object) -> bool:
    try:
        return value != value  # NaN
    except Exception:  # noqa: BLE001 - arrays and odd types are never "missing"
        return False
