"""Stable pseudonyms so a report can be shared without names, URLs or emails."""

from __future__ import annotations

import copy
import re
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from weakties._frames import values
from weakties.graph.model import LoadReport
from weakties.graph.tables import Network, as_network

if TYPE_CHECKING:  # networkx is imported where a graph is built or read
    import networkx as nx

__all__ = ["anonymize", "anonymize_report"]

# Notes quote cells ("dates like 'Anne Jansen'"): a quoted value with a letter in it may be a
# name; delimiters and date shapes (';', '16.09.2021') are kept.
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
_LETTER = re.compile(r"[^\W\d_]")


def _redact_quotes(note: str) -> str:
    return _QUOTED.sub(lambda m: "'…'" if _LETTER.search(m.group()) else m.group(), note)


def anonymize(G: Network | nx.Graph) -> Network | nx.Graph:
    """A copy of the network (tables, or a networkx graph: the same kind back) whose people are
    ``Person 1`` … (owners ``Owner 1`` …), numbered in the order of their ids so the same input
    always gives the same pseudonyms; ``meta["pseudonyms"]`` maps old ids to new. Organisation
    and position stay: they are what the analyses are about. Rows keep their order (as
    networkx's ``relabel_nodes`` keeps the graph's)."""
    if not isinstance(G, Network):
        return anonymize(as_network(G)).to_networkx()
    net = G
    owners = list(net.meta.get("owners", []))
    mapping: dict[str, str] = {}
    ids = values(net.nodes.index)
    for prefix, group in (("Owner", sorted(set(owners))),
                          ("Person", sorted(set(ids) - set(owners)))):
        width = len(str(len(group)))
        for i, pid in enumerate(group, start=1):
            mapping[pid] = f"{prefix} {i:0{width}d}"
    new = [mapping[x] for x in ids]
    nodes = net.nodes.set_axis(pd.Index(new, dtype=object)).assign(
        name=new, url="", email="", sources=[[] for _ in new])
    edges = net.edges.copy()
    u, v = (edges[c].map(mapping).to_numpy(dtype=object) for c in ("source", "target"))
    swap = u > v
    edges["source"], edges["target"] = np.where(swap, v, u), np.where(swap, u, v)
    edges["invited_by"] = [mapping.get(x, "") if x else x for x in values(edges["invited_by"])]
    given = net.given.assign(by=net.given["by"].map(mapping))
    meta = copy.deepcopy(net.meta)
    meta["pseudonyms"] = mapping
    meta["owners"] = [mapping[o] for o in owners]
    meta["as_of_by_owner"] = {mapping[o]: d for o, d in
                              net.meta.get("as_of_by_owner", {}).items() if o in mapping}
    return Network(nodes, edges, given, meta, net.report)


def anonymize_report(report: LoadReport, mapping: dict[str, str]) -> LoadReport:
    """The load report with pseudonyms for owners, inputs named ``input 1`` … (file names such
    as ``alice.zip`` are names too), and ambiguous matches described without the name."""
    out = copy.deepcopy(report)
    roots = {o["input"]: f"input {i}" for i, o in enumerate(report.owners, start=1)}

    def path(p: str) -> str:
        for root, alias in sorted(roots.items(), key=lambda kv: -len(kv[0])):
            if p.startswith(root):
                return alias + p[len(root):].replace(root, alias)
        return "input"

    for owner in out.owners:
        owner.update(name=mapping.get(owner["id"], "Owner"), id=mapping.get(owner["id"], ""),
                     input=roots[owner["input"]], identified_by="(hidden)")
    for entry in out.inputs:
        entry["path"] = path(entry["path"])
        entry["notes"] = [_redact_quotes(note) for note in entry.get("notes", [])]
    out.ignored_files = [path(p) for p in out.ignored_files]
    for entry in out.unmatched_ties:
        entry.update(source=path(entry["source"]), person_a="(hidden)", person_b="(hidden)")
    for entry in out.identities:
        entry.update(person=" ; ".join(mapping.get(p, "(hidden)")
                                       for p in entry["person"].split(" ; ")),
                     value="(hidden)", inputs="(hidden)")
    for entry in out.ambiguous:
        entry["value"] = "(hidden)"
        entry["candidates"] = [mapping.get(c, "(hidden)") for c in entry["candidates"]]
        entry.pop("scope", None)
    return out
