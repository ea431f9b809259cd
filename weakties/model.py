"""The contact graph: people as nodes, ties with their evidence as edges (see docs/graph-model.md).

Organisations stay attributes of people: linking every pair of colleagues would invent exactly
the structure the analyses measure (and a 1,000-person employer would add half a million edges).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field

import networkx as nx
import numpy as np
import pandas as pd

from weakties.identity import resolve
from weakties.importers.assemble import Extract

__all__ = ["LoadReport", "build_graph"]

_INTERACTIONS = ["message", "endorsement", "recommendation", "invitation"]


@dataclass
class LoadReport:
    """What was read, what was skipped and why: the honest part of an import."""

    inputs: list[dict] = field(default_factory=list)
    owners: list[dict] = field(default_factory=list)
    hidden_members: int = 0
    merges: int = 0
    ambiguous: list[dict] = field(default_factory=list)
    ignored_files: list[str] = field(default_factory=list)
    dropped: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def _iso(value) -> str:
    return "" if pd.isna(value) else pd.Timestamp(value).date().isoformat()


def build_graph(extracts: list[Extract]) -> tuple[nx.Graph, LoadReport]:
    """Resolve identities across all extracts and build one graph."""
    report = LoadReport()
    mention_frames, evidence_frames, owner_mids = [], [], []
    offset = 0
    dropped: Counter[str] = Counter()
    for ex in extracts:
        mention_frames.append(ex.mentions.set_axis(ex.mentions.index + offset))
        ev = ex.evidence.copy()
        for col in ("a", "b"):
            ev[col] = ev[col].astype(np.int64) + offset
        ev["sender"] = np.where(ev["sender"] >= 0, ev["sender"] + offset, -1)
        evidence_frames.append(ev)
        owner_mids.append(offset)
        offset += int(ex.mentions.index.max()) + 1
        dropped.update(ex.dropped)
        report.hidden_members += ex.hidden_members
        report.ignored_files.extend(ex.raw.ignored)
        for t in ex.raw.tables:
            report.inputs.append({
                "path": t.path, "format": t.format, "rows": t.rows,
                "skipped": t.skipped_total, "skipped_reasons": dict(sorted(t.skipped.items())),
                "hidden_members": t.hidden_members, "notes": list(t.notes),
            })
    mentions = pd.concat(mention_frames)
    evidence = pd.concat(evidence_frames, ignore_index=True)
    res = resolve(mentions)
    person = res.person_of
    report.merges = res.merges
    report.ambiguous = res.ambiguous

    G = nx.Graph()
    G.graph["owners"] = []
    G.graph["whole_network"] = False
    _add_people(G, mentions, person)
    for ex, mid in zip(extracts, owner_mids, strict=True):
        pid = person.loc[mid]
        G.nodes[pid]["owner"] = True
        if pid not in G.graph["owners"]:
            G.graph["owners"].append(pid)
        report.owners.append({"name": ex.owner_name, "id": pid, "input": str(ex.raw.path),
                              "identified_by": ex.owner_source})

    evidence["u"] = evidence["a"].map(person)
    evidence["v"] = evidence["b"].map(person)
    evidence["by"] = evidence["sender"].map(person).fillna("")
    unresolved = (evidence["u"] == "") | (evidence["v"] == "")
    if unresolved.any():
        dropped["evidence naming someone who could be one of several people"] += int(
            unresolved.sum())
    self_ties = ~unresolved & (evidence["u"] == evidence["v"])
    if self_ties.any():
        dropped["evidence linking a person to themselves"] += int(self_ties.sum())
    evidence = evidence[~unresolved & ~self_ties]
    _add_ties(G, evidence)
    dates = evidence["date"].dropna()
    G.graph["as_of"] = _iso(dates.max()) if len(dates) else ""
    report.dropped = dict(sorted(dropped.items()))
    return G, report


def _add_people(G: nx.Graph, mentions: pd.DataFrame, person: pd.Series) -> None:
    """One node per person; attributes from the most authoritative mention that has them.

    Connections (anchors) come first, then mentions with a URL, in file order.
    """
    m = mentions.assign(pid=person, has_url=mentions["url"] != "")
    m = m[m["pid"] != ""].sort_values(["pid", "anchor", "has_url"], ascending=[True, False, False],
                                      kind="stable")
    attrs = {}
    for col in ("name", "url", "email", "organisation", "position", "location"):
        filled = m[m[col] != ""].drop_duplicates("pid").set_index("pid")[col]
        attrs[col] = filled
    sources = m.groupby("pid", sort=True)["source"].agg(lambda s: sorted(set(s)))
    from weakties.identity import normalise_url
    for pid, srcs in sources.items():
        node = {col: str(values.get(pid, "")) for col, values in attrs.items()}
        node["url"] = normalise_url(node["url"])
        if not node["name"]:
            node["name"] = node["url"].rsplit("/", 1)[-1] or node["email"] or pid
        node["owner"] = False
        node["sources"] = srcs
        G.add_node(pid, **node)


def _add_ties(G: nx.Graph, ev: pd.DataFrame) -> None:
    """Aggregate evidence rows into one edge per pair of people."""
    if ev.empty:
        return
    lo = np.where(ev["u"] < ev["v"], ev["u"], ev["v"])
    hi = np.where(ev["u"] < ev["v"], ev["v"], ev["u"])
    ev = ev.assign(lo=lo, hi=hi)
    keys = ["lo", "hi"]
    kinds = ev.groupby(keys)["kind"].agg(lambda s: sorted(set(s)))
    by_kind = ev.groupby(keys + ["kind"]).size().unstack(fill_value=0)
    conn = ev[ev["kind"] == "connection"].groupby(keys)["date"].min()
    msg = ev[ev["kind"] == "message"]
    first_msg = msg.groupby(keys)["date"].min()
    last_msg = msg.groupby(keys)["date"].max()
    sent = msg.groupby(keys + ["by"]).size()
    groups = ev[ev["kind"] == "group"].groupby(keys)["conversation"].nunique()
    inv = ev[ev["kind"] == "invitation"].sort_values("date").groupby(keys)["by"].first()
    last_int = ev[ev["kind"].isin(_INTERACTIONS)].groupby(keys)["date"].max()
    sent_dicts: dict[tuple[str, str], dict[str, int]] = {}
    for (a, b, by), n in sent.items():
        sent_dicts.setdefault((a, b), {})[by] = int(n)
    for key, kind_list in kinds.items():
        counts = by_kind.loc[key]
        G.add_edge(
            key[0], key[1],
            kinds=kind_list,
            connected_on=_iso(conn.get(key)),
            messages=int(counts.get("message", 0)),
            sent=sent_dicts.get(key, {}),
            first_message=_iso(first_msg.get(key)),
            last_message=_iso(last_msg.get(key)),
            group_conversations=int(groups.get(key, 0)),
            endorsements=int(counts.get("endorsement", 0)),
            recommendations=int(counts.get("recommendation", 0)),
            invited_by=str(inv.get(key, "")),
            last_interaction=_iso(last_int.get(key)),
            weight=1.0,
            inferred=kind_list == ["group"],
        )
