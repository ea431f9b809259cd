"""Stable pseudonyms so a report can be shared without names, URLs or emails."""

from __future__ import annotations

import copy
import re

import networkx as nx

from weakties.graph.model import LoadReport

__all__ = ["anonymize", "anonymize_report"]

# Notes quote cells ("dates like 'Anne Jansen'"): a quoted value with a letter in it may be a
# name; delimiters and date shapes (';', '16.09.2021') are kept.
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
_LETTER = re.compile(r"[^\W\d_]")


def _redact_quotes(note: str) -> str:
    return _QUOTED.sub(lambda m: "'…'" if _LETTER.search(m.group()) else m.group(), note)


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
    H.graph["pseudonyms"] = mapping
    H.graph["owners"] = [mapping[o] for o in G.graph.get("owners", [])]
    H.graph["as_of_by_owner"] = {mapping[o]: d for o, d in
                                 G.graph.get("as_of_by_owner", {}).items() if o in mapping}
    for pid, d in H.nodes(data=True):
        d.update(name=pid, url="", email="", sources=[])
    for _, _, d in H.edges(data=True):
        d["sent"] = {mapping[k]: v for k, v in d.get("sent", {}).items()}
        for key in ("endorsed_by", "recommended_by"):  # keyed by node id, like "sent"
            if key in d:
                d[key] = {mapping[k]: v for k, v in d[key].items()}
        if d.get("invited_by"):
            d["invited_by"] = mapping.get(d["invited_by"], "")
    return H


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
