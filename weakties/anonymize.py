"""Stable pseudonyms so a report can be shared without names, URLs or emails."""

from __future__ import annotations

import networkx as nx

__all__ = ["anonymize"]


def anonymize(G: nx.Graph) -> nx.Graph:
    """A copy of ``G`` whose people are ``Person 1`` … (owners ``Owner 1`` …), numbered in the
    order of their ids so the same input always gives the same pseudonyms. Organisation and
    position stay: they are what the analyses are about."""
    owners = set(G.graph.get("owners", []))
    mapping: dict[str, str] = {}
    for prefix, group in (("Owner", sorted(owners)), ("Person", sorted(set(G) - owners))):
        width = len(str(len(group)))
        for i, pid in enumerate(group, start=1):
            mapping[pid] = f"{prefix} {i:0{width}d}"
    H = nx.relabel_nodes(G, mapping, copy=True)
    H.graph["owners"] = [mapping[o] for o in G.graph.get("owners", [])]
    for pid, d in H.nodes(data=True):
        d.update(name=pid, url="", email="", sources=[])
    for _, _, d in H.edges(data=True):
        d["sent"] = {mapping[k]: v for k, v in d.get("sent", {}).items()}
        if d.get("invited_by"):
            d["invited_by"] = mapping.get(d["invited_by"], "")
    return H
