"""Interactive HTML map of the contact graph: one offline page drawn with pyvis' vis-network."""

from __future__ import annotations

import base64
import hashlib
import html
import importlib.util
import json
import math
import random
import re
from collections import Counter
from collections.abc import Hashable
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from weakties.analysis.clusters import GROUPS
from weakties.errors import WeaktiesError
from weakties.outputs.files import atomic_write
from weakties.outputs.frames import graph_frames, one_line, plain, positions

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["render_html", "write_html"]

# Why the page is written here rather than by pyvis' own template (measured with pyvis 0.3.2):
# - `Network.add_node` checks a list, so building is quadratic (24 s for 5,000 people);
# - its template loads Bootstrap (and tom-select / vis-network unless `in_line`) from CDNs;
# - it inserts the heading and the filter menus unescaped, and switches to `innerHTML`
#   tooltips as soon as any title contains "href" (a job title can).
# So we keep what pyvis ships that matters, the vis-network 9.1.2 bundle, inline it, and build
# the node and edge lists as plain dicts handed over as one JSON block.
_VIS_JS = ("templates", "lib", "vis-9.1.2", "vis-network.min.js")

# Twenty cluster colours, each pair at least 27 apart in CIELAB (ΔE*76; 35 for the first
# twelve) and as far from red and orange, which mark bridges and local bridges, and from the
# grey of "other clusters": picked greedily (max-min) from matplotlib's qualitative palettes.
# Each disc also carries its cluster's number, so colour is never the only identity.
PALETTE = (
    "#1f77b4", "#2ca02c", "#9932cc", "#e5c494", "#e78ac3", "#00ced1", "#843c39", "#bcbd22",
    "#ff1493", "#556b2f", "#a6761d", "#a1d99b", "#7b4173", "#ff9896", "#009e73", "#6b6ecf",
    "#008080", "#00bfff", "#800080", "#9e9ac8",
)  # fmt: skip
OTHER_COLOUR = "#b3b3b3"
OWNER_COLOUR = "#1f1f1f"
BRIDGE_COLOUR = "#d62728"
LOCAL_BRIDGE_COLOUR = "#ff7f0e"
STRONG_COLOUR = "#3d4148"
TIE_COLOUR = "#8a8f98"

MAX_GROUPS = len(PALETTE)  # clusters with their own colour; smaller ones share a grey disc
MAX_EDGES = 15_000  # ties drawn; more slows every redraw without adding anything readable
MAX_ORGS = 150  # organisations offered in the filter menu
LABEL_PX = 11  # people's names on screen (drawn where they fit, the strongest brokers first)
CAPTION_PX = 11  # smallest cluster caption on screen: names stay readable at every zoom
QUOTA = 3  # in the reduced view, each cluster keeps at least this many of its top brokers
FR_LIMIT = 1_500  # bigger groups keep the spiral layout (force layout is O(n²) per step)
MIN_SIZE, MAX_SIZE = 6.0, 26.0  # dot radius of the weakest and the strongest broker
UNIT = 44.0  # canvas units of disc radius per √person
TEXT_LIMIT = 160  # characters kept of any one string from an export
SEED = 20240917


def render_html(people: pd.DataFrame | nx.Graph, ties: pd.DataFrame | None = None,
                meta: dict | None = None, *, title: str = "weakties",
                max_nodes: int = 1500) -> str:
    """Return a self-contained HTML page (no network request) showing the contact graph.

    ``people`` and ``ties`` are the tables people.csv and ties.csv are written from (one row
    per person with ``id``, one per tie with ``source`` and ``target``; of the other columns
    read, :data:`~weakties.outputs.frames.PEOPLE_SHOWN` and ``TIES_SHOWN``, any may be
    missing: the base tables without the analysis' columns draw an unclustered map),
    ``meta`` the graph's facts (``owners``, ``clusters`` ``{id: label}``, ``cluster_method``).
    Or ``people`` is a networkx graph, read as those tables
    (:func:`~weakties.outputs.frames.graph_frames`).

    Owners sit in the centre, each cluster in its own coloured disc around them, bridges and
    local bridges in red and orange, strong ties thick, weak ties thin, dormant ties dashed, and
    people sized by betweenness (or by degree when there is none). Up to `max_nodes`
    people everyone is drawn; above it the page shows the owners, the contacts with the highest
    brokerage, and every cluster as a disc sized by its members, and says so. Positions are
    computed here with a seeded layout (physics stays off in the browser: it took minutes above
    a thousand nodes), so the same graph always gives the same bytes.

    >>> import networkx as nx
    >>> G = nx.karate_club_graph()
    >>> page = render_html(nx.relabel_nodes(G, str), title="Karate club")
    >>> page.startswith("<!DOCTYPE html>") and "cdn" not in page.split("<script")[0]
    True
    """
    if max_nodes < 10:
        raise WeaktiesError(f"max_nodes must be at least 10 for a readable map, got {max_nodes}")
    if not isinstance(people, pd.DataFrame):
        people, ties, meta = graph_frames(people)
    elif ties is None:
        raise TypeError("render_html(people, ties, meta): the ties frame is missing")
    view = _View.build(people, ties, meta or {}, max_nodes)
    return _page(view, title)


def write_html(people: pd.DataFrame | nx.Graph, *where: Any, **kw: Any) -> None:
    """Write :func:`render_html` to a path atomically, so a reader never sees half a page:
    ``write_html(people, ties, meta, path, **kw)`` or ``write_html(G, path, **kw)``."""
    if not where:
        raise TypeError("write_html(people, ties, meta, path): the path is missing")
    *tables, path = where
    page = render_html(people, *tables, **kw)
    try:
        atomic_write(Path(path), lambda out: out.write(page))
    except OSError as err:
        raise WeaktiesError(f"{path}: cannot write the HTML view ({err.strerror})") from err


# --------------------------------------------------------------------------------------------
# What is drawn


@dataclass
class _Group:
    """A cluster drawn as a disc: how many members, the ones drawn, and where the disc sits."""

    index: int
    label: str
    colour: str
    size: int  # members (all of them, drawn or not)
    number: str = ""  # the cluster's id, as in clusters.csv and the terminal ("" for "other")
    clusters: int = 1  # clusters merged into it (the grey "other" group has many)
    owner_ties: int = 0  # ties from the owners to its members
    shown: list[Hashable] = field(default_factory=list)
    radius: float = 0.0
    x: float = 0.0
    y: float = 0.0
    font: float = 0.0  # caption size in canvas units (0: no caption)


@dataclass
class _View:
    """The people, groups and positions of one page, independent of HTML.

    Only the people drawn (at most ``max_nodes``) and the ties among them are held as Python
    values; everyone else is counted with array operations over the two tables.
    """

    people: int  # how many people the tables hold
    meta: dict
    owners: list[Hashable]
    groups: list[_Group]
    group_of: dict[Hashable, int]  # the group of each person drawn
    shown: list[Hashable]
    attrs: dict[Hashable, dict[str, Any]]  # the columns of each person drawn
    score: dict[Hashable, float]  # brokerage of each person drawn
    score_name: str
    reduced: bool
    has_clusters: bool
    ties: list[tuple[Hashable, Hashable, dict[str, Any]]] = field(default_factory=list)
    adj: dict[Hashable, set[Hashable]] = field(default_factory=dict)  # among the drawn
    owner_tie: dict[tuple[Hashable, Hashable], Any] = field(default_factory=dict)
    cluster_ties: Counter[tuple[int, int]] = field(default_factory=Counter)
    pos: dict[Hashable, tuple[float, float]] = field(default_factory=dict)
    extent: float = 1.0  # half-width of the map around the owners, in canvas units
    peak: float | None = None  # highest brokerage among the people drawn

    @classmethod
    def build(cls, people: pd.DataFrame, ties: pd.DataFrame, meta: dict,
              max_nodes: int) -> _View:
        """Choose who is drawn and where, deterministically (whatever the tables' row order)."""
        ids = plain(people["id"]) if "id" in people else []
        n = len(ids)
        flagged = [i for i, own in enumerate(_column(people, "owner")) if own is True]
        known = set(ids)
        listed = {o for o in meta.get("owners", []) or [] if o in known}
        owners = sorted(listed | {ids[i] for i in flagged}, key=str)
        is_owner = np.zeros(n, dtype=bool)
        is_owner[positions(people["id"], pd.Series(owners, dtype=object))] = True
        src, tgt = _ends(people, ties)
        score, score_name = _brokerage(people)
        # discs count towards max_nodes too: a small budget gets fewer of them
        limit = min(MAX_GROUPS, max(1, max_nodes // 10))
        sid = pd.Series([str(x) for x in ids], dtype=object)
        groups, gidx, has_clusters = _groups(people, sid, is_owner, meta, limit)
        if owners:  # ties from the owners, per group
            for a, b in ((src, tgt), (tgt, src)):
                mine = (a >= 0) & (b >= 0)
                mine[mine] = is_owner[a[mine]] & ~is_owner[b[mine]]
                for g, k in enumerate(np.bincount(gidx[b[mine]], minlength=len(groups))):
                    groups[g].owner_ties += int(k)
        reduced = n > max_nodes
        if reduced:
            rows = _choose(sid, score, gidx, is_owner, src, tgt, len(groups), len(owners),
                           max_nodes)
            shown = owners + sorted((ids[i] for i in rows), key=str)
        else:
            shown = sorted(ids, key=str)
        shown_rows = positions(people["id"], pd.Series(shown, dtype=object))
        group_of = {node: int(gidx[i]) for node, i in zip(shown, shown_rows.tolist(),
                                                          strict=True) if gidx[i] >= 0}
        drawn = people.iloc[shown_rows]
        attrs = [dict(zip(PERSON_FIELDS, row, strict=True))
                 for row in zip(*(_column(drawn, c) for c in PERSON_FIELDS), strict=True)]
        view = cls(n, meta, owners, groups, group_of, shown, dict(zip(shown, attrs, strict=True)),
                   dict(zip(shown, score[shown_rows].tolist(), strict=True)), score_name,
                   reduced, has_clusters)
        view._ties(ties, src, tgt, shown_rows, is_owner, ids)
        if reduced:
            view.cluster_ties = _cluster_ties(gidx, src, tgt)
        for node in view.shown:
            if node in group_of:
                groups[group_of[node]].shown.append(node)
        view.pos = _layout(view)
        view.extent = max(
            [abs(c) for xy in view.pos.values() for c in xy]
            + [max(abs(g.x), abs(g.y)) + g.radius for g in view.groups if g.size],
            default=1.0,
        )
        return view

    def _ties(self, ties: pd.DataFrame, src: np.ndarray, tgt: np.ndarray,
              shown_rows: np.ndarray, is_owner: np.ndarray, ids: list[Hashable]) -> None:
        """The ties among the people drawn, and which of those people each owner is tied to."""
        drawn = np.zeros(len(is_owner) + 1, dtype=bool)  # the extra False: ends not in people
        drawn[shown_rows] = True
        among = drawn[src] & drawn[tgt] & (src != tgt)
        owner = np.append(is_owner, False)
        to_owner = ((owner[src] & drawn[tgt]) | (owner[tgt] & drawn[src])) & (src != tgt)
        rows = np.flatnonzero(among | to_owner)
        picked = ties.iloc[rows]
        columns = [_column(picked, c) for c in TIE_FIELDS]
        for k, (s, t) in enumerate(zip(src[rows].tolist(), tgt[rows].tolist(), strict=True)):
            u, v = ids[s], ids[t]
            attrs = {c: values[k] for c, values in zip(TIE_FIELDS, columns, strict=True)}
            if owner[s]:
                self.owner_tie[(u, v)] = attrs["tie_class"]
            if owner[t]:
                self.owner_tie[(v, u)] = attrs["tie_class"]
            if among[rows[k]]:
                self.ties.append((u, v, attrs))
                self.adj.setdefault(u, set()).add(v)
                self.adj.setdefault(v, set()).add(u)

    def size(self, node: Hashable) -> float:
        """Dot radius: area grows with brokerage, relative to the strongest broker drawn."""
        if self.peak is None:
            owners = set(self.owners)
            self.peak = max((self.score.get(n, 0.0) for n in self.shown if n not in owners),
                            default=0.0) or 1.0  # fmt: skip
        share = max(self.score.get(node, 0.0), 0.0) / self.peak
        return round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt(share), 1)

    def rank_key(self, node: Hashable) -> tuple[float, str]:
        """Higher brokerage first, then by id so ties never depend on row order."""
        return (-self.score.get(node, 0.0), str(node))


#: The people columns the map shows (besides ``id``), and the tie columns.
PERSON_FIELDS = ["name", "organisation", "position", "role_family", "cluster", "cluster_label",
                 "betweenness", "constraint", "effective_size", "tie_class", "degree"]
TIE_FIELDS = ["bridge", "local_bridge", "tie_class", "strength", "span", "messages",
              "last_interaction", "mutual_contacts"]


def _column(frame: pd.DataFrame, name: str) -> list[Any]:
    """The column's plain values (None for missing), all None when the frame has no such
    column (a graph without the analysis' attributes)."""
    return plain(frame[name]) if name in frame else [None] * len(frame)


def _numbers(frame: pd.DataFrame, name: str) -> np.ndarray:
    """The column as floats, NaN for missing or not a finite number (:func:`_number`)."""
    if name not in frame:
        return np.full(len(frame), np.nan)
    column = frame[name]
    if column.dtype.kind in "fiu" and not isinstance(column.dtype,
                                                      pd.api.extensions.ExtensionDtype):
        out = column.to_numpy(dtype=float)
        return np.where(np.isfinite(out), out, np.nan)
    return np.array([np.nan if (x := _number(v)) is None else x for v in plain(column)],
                    dtype=float)


def _ends(people: pd.DataFrame, ties: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Each tie's ends as people's row numbers (-1: not in the people table)."""
    if not len(ties) or "id" not in people:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    return (positions(people["id"], ties["source"]).astype(np.intp),
            positions(people["id"], ties["target"]).astype(np.intp))


def _brokerage(people: pd.DataFrame) -> tuple[np.ndarray, str]:
    """Betweenness when the analysis gave it, else degree (still shows the hubs)."""
    betweenness = _numbers(people, "betweenness")
    if (~np.isnan(betweenness)).any():
        return np.where(np.isnan(betweenness), 0.0, betweenness) + 0.0, "betweenness"
    degree = _numbers(people, "degree")
    return np.where(np.isnan(degree), 0.0, degree) + 0.0, "number of ties"


def _groups(people: pd.DataFrame, sid: pd.Series, is_owner: np.ndarray, meta: dict,
            limit: int) -> tuple[list[_Group], np.ndarray, bool]:
    """Group people by ``cluster``: the biggest clusters get a colour, the rest share grey.

    Returns the groups, each person's group (-1 for owners) and whether there were clusters.
    """
    labels = meta.get("clusters") or {}
    others = ~is_owner
    key = pd.Series(_column(people, "cluster"), dtype=object)
    gidx = np.full(len(people), -1, dtype=np.intp)
    clustered = others & key.notna().to_numpy()
    no_cluster = int((others & ~clustered).sum())
    if not clustered.any():
        if no_cluster:
            gidx[others] = 0
            return [_Group(0, "", PALETTE[0], no_cluster, clusters=0)], gidx, False
        return [], gidx, False

    mine = pd.DataFrame({"key": key[clustered].to_numpy(), "sid": sid[clustered].to_numpy(),
                         "row": np.flatnonzero(clustered)})
    sizes = mine.groupby("key", sort=False).size()
    # each cluster's first member by id: their cluster_label stands in for a missing label
    first = mine.sort_values("sid", kind="stable").drop_duplicates("key")
    first_row = dict(zip(first["key"].tolist(), first["row"].tolist(), strict=True))
    size = dict(zip(sizes.index.tolist(), sizes.tolist(), strict=True))
    order = sorted(size, key=lambda k: (-size[k], str(k)))
    cluster_label = people["cluster_label"] if "cluster_label" in people else None
    groups: list[_Group] = []
    number: dict[Any, int] = {}
    for k in order[:limit]:
        own = (None if cluster_label is None
               else plain(cluster_label.iloc[[first_row[k]]])[0])
        label = _text(labels.get(k, labels.get(str(k))) or own or "") or f"Cluster {_text(k)}"
        number[k] = len(groups)
        groups.append(_Group(len(groups), label, PALETTE[len(groups)], size[k],
                             number=_text(k)))
    rest = order[limit:]
    if rest or no_cluster:
        if rest and no_cluster:
            label = f"Other clusters ({len(rest):,}) and no cluster"
        elif rest:
            label = f"Other clusters ({len(rest):,})"
        else:
            label = "No cluster"
        other = len(groups)
        groups.append(_Group(other, label, OTHER_COLOUR, no_cluster + sum(size[k] for k in rest),
                             clusters=len(rest)))
        gidx[others] = other
    gidx[mine["row"].to_numpy()] = mine["key"].map(number).fillna(len(groups) - 1).to_numpy(
        dtype=np.intp)
    return groups, gidx, True


def _choose(sid: pd.Series, score: np.ndarray, gidx: np.ndarray, is_owner: np.ndarray,
            src: np.ndarray, tgt: np.ndarray, n_groups: int, n_owners: int,
            max_nodes: int) -> np.ndarray:
    """The rows of the contacts drawn beside the owners: each cluster's top brokers, then the
    best of the rest; the owners' own contacts first (the view is about their network).

    One sort of everyone, then array selections: a Python loop over every person took seconds
    at a million ties.
    """
    contact = np.zeros(len(score) + 1, dtype=bool)
    owner = np.append(is_owner, False)
    contact[tgt[owner[src]]] = True
    contact[src[owner[tgt]]] = True
    rows = np.flatnonzero(~is_owner)
    ranked = pd.DataFrame({"far": ~contact[rows], "score": -score[rows],
                           "sid": sid.to_numpy()[rows], "row": rows})
    ranked = ranked.sort_values(["far", "score", "sid"], kind="stable")
    budget = max(max_nodes - n_groups - n_owners, 0)
    group = pd.Series(gidx[ranked["row"].to_numpy()])
    # a few per cluster, so every disc has faces in it (in rank order, within the budget)
    quota = (group.groupby(group).cumcount() < QUOTA).to_numpy()
    order = ranked["row"].to_numpy()
    first = order[quota][:budget]
    return np.concatenate([first, order[~quota][:budget - len(first)]])


def _cluster_ties(gidx: np.ndarray, src: np.ndarray, tgt: np.ndarray) -> Counter[tuple[int, int]]:
    """Ties between two groups, per pair of groups (owners and people outside the tables
    belong to none)."""
    group = np.append(gidx, -1)
    a, b = group[src], group[tgt]
    keep = (a >= 0) & (b >= 0) & (a != b)
    lo, hi = np.minimum(a[keep], b[keep]), np.maximum(a[keep], b[keep])
    size = int(group.max()) + 1  # at most MAX_GROUPS + 1 groups: a small square of counts
    counts = np.bincount(lo * size + hi, minlength=size * size)
    return Counter({(k // size, k % size): int(counts[k]) for k in np.flatnonzero(counts).tolist()})


# --------------------------------------------------------------------------------------------
# Layout: owners at the origin, one disc per group around them, a force layout inside each disc


def _layout(view: _View) -> dict[Hashable, tuple[float, float]]:
    """Place owners, discs and people; all in canvas units, rounded, reproducible."""
    pos: dict[Hashable, tuple[float, float]] = {}
    k = len(view.owners)
    # Owners' names are drawn large: give each about 220 canvas units of the ring.
    ring = 0.0 if k <= 1 else max(80.0, 220.0 * k / (2 * math.pi))
    for i, owner in enumerate(view.owners):
        angle = 2 * math.pi * i / max(k, 1) - math.pi / 2
        pos[owner] = (ring * math.cos(angle), ring * math.sin(angle))
    hole = ring + 70.0 if k else 0.0

    groups = [g for g in view.groups if g.shown or g.size]
    total_members = sum(g.size for g in groups) or 1
    total_shown = sum(len(g.shown) for g in groups)
    # Disc area follows members; when only some are drawn, the scale follows what is drawn.
    unit = UNIT * math.sqrt(total_shown / total_members) if view.reduced else UNIT
    for g in groups:
        g.radius = max(unit * math.sqrt(g.size), UNIT * math.sqrt(len(g.shown))) + 40.0
    _place_discs(groups, hole)

    for g in groups:
        inner = hole if (len(groups) == 1 and k) else 0.0
        # The caption gets the top of the disc to itself (people go in a circle below it),
        # except around the owners, where the disc's middle is taken.
        g.font = max(10.0, g.radius / 7.0) if g.label and not inner else 0.0
        for node, (x, y) in _disc_layout(view, g, inner).items():
            pos[node] = (g.x + x, g.y + y)
    return {n: (round(x, 1), round(y, 1)) for n, (x, y) in pos.items()}


def _place_discs(groups: list[_Group], hole: float) -> None:
    """Pack the discs around the owners like bubbles: pulled in, pushed apart, never overlapping.

    Start on a golden-angle spiral (biggest first), then alternate a pull towards the origin
    with pairwise separation, keeping every disc out of the owners' hole. Balanced on all
    sides, so the owners end up in the middle of the map. ≤ 21 discs: a few ms, no randomness.
    """
    if len(groups) == 1:
        return  # one disc around the owners
    gap = 30.0
    golden = math.pi * (3 - math.sqrt(5))
    for i, g in enumerate(groups):
        d = hole + g.radius + gap + 20.0 * i
        g.x, g.y = d * math.cos(-math.pi / 2 + i * golden), d * math.sin(-math.pi / 2 + i * golden)
    for step in range(500):
        if step < 400:
            for g in groups:
                g.x *= 0.97
                g.y *= 0.97
        moved = _separate(groups, gap)
        for g in groups:  # stay out of the owners' hole
            d = math.hypot(g.x, g.y)
            need = hole + g.radius + gap if hole else 0.0
            if d < need:
                ux, uy = (g.x / d, g.y / d) if d else (0.0, -1.0)
                g.x, g.y = ux * need, uy * need
                moved = True
        if step >= 400 and not moved:
            break


def _separate(groups: list[_Group], gap: float) -> bool:
    """Push overlapping discs apart, the smaller one moving more; True if any moved.

    Pair by pair, each move seen by the next pair (the map's bytes depend on that order), on
    plain lists rather than the groups' attributes: 500 rounds of 21 discs 0.10 -> 0.04 s.
    """
    moved = False
    xs = [g.x for g in groups]
    ys = [g.y for g in groups]
    radii = [g.radius for g in groups]
    hypot = math.hypot
    n = len(groups)
    for i in range(n):
        ra = radii[i]
        for j in range(i + 1, n):
            dx, dy = xs[j] - xs[i], ys[j] - ys[i]
            d = hypot(dx, dy)
            rb = radii[j]
            need = ra + rb + gap
            if d >= need - 1e-6:
                continue
            ux, uy = (dx / d, dy / d) if d else (1.0, 0.0)
            push = need - d
            share = ra**2 / (ra**2 + rb**2)  # b's share of the move
            xs[i] -= ux * push * (1 - share)
            ys[i] -= uy * push * (1 - share)
            xs[j] += ux * push * share
            ys[j] += uy * push * share
            moved = True
    for g, x, y in zip(groups, xs, ys, strict=True):
        g.x, g.y = x, y
    return moved


def _disc_layout(view: _View, g: _Group, inner: float) -> dict[Hashable, tuple[float, float]]:
    """Lay the drawn members of one group inside its disc (offsets from the disc centre).

    People tied to others in the group: a sunflower spiral with the strongest brokers in the
    middle, then Fruchterman-Reingold pulls tied people together. People whose only tie here is
    the owner go evenly round the outside (left in, the force layout flings them anywhere and
    drags the rest off-centre). Owners are left out of the layout (they tie to everyone and
    would crush it into a ball), as LinkedIn's InMaps did.
    """
    nodes = sorted(g.shown, key=view.rank_key)
    n = len(nodes)
    if n == 0:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    edges = sorted(
        (i, index[v]) for i, u in enumerate(nodes) for v in view.adj.get(u, ())
        if index.get(v, -1) > i
    )
    tied = sorted({i for edge in edges for i in edge})
    alone = sorted(set(range(n)) - set(tied))

    golden = math.pi * (3 - math.sqrt(5))
    k = len(tied)
    radii = [math.sqrt((i + 0.5) / max(k, 1)) for i in range(k)]
    coords = [(r * math.cos(i * golden), r * math.sin(i * golden)) for i, r in enumerate(radii)]
    if 3 <= k <= FR_LIMIT:
        local = {old: new for new, old in enumerate(tied)}
        seed = [(x * math.sqrt(k), y * math.sqrt(k)) for x, y in coords]
        import igraph as ig

        with _igraph_seed(SEED):
            layout = ig.Graph(n=k, edges=[(local[i], local[j]) for i, j in edges])
            coords = layout.layout_fruchterman_reingold(
                seed=seed, niter=100 if k <= 400 else 50, grid="nogrid" if k <= 1000 else "grid"
            ).coords
    # (distance from the centre, angle) per person: the tied by their layout, the rest outside
    cx = sum(x for x, _ in coords) / max(k, 1)
    cy = sum(y for _, y in coords) / max(k, 1)
    polar = {i: (math.hypot(x - cx, y - cy), math.atan2(y - cy, x - cx))
             for i, (x, y) in zip(tied, coords, strict=True)}  # fmt: skip
    order = sorted(tied, key=lambda i: (polar[i][0], i)) + alone
    angles = [polar[i][1] if i in polar else (rank * golden) for rank, i in enumerate(order)]

    cap = 2.6 * g.font
    room = g.radius - 25.0 - cap / 2
    placed = _fit_disc(angles, room, inner)
    sizes = [view.size(nodes[i]) for i in order]
    if n >= 2:
        placed = _collide(placed, sizes, room, inner)
    return {nodes[i]: (x, y + cap / 2) for i, (x, y) in zip(order, placed, strict=True)}


def _fit_disc(angles: list[float], radius: float, inner: float) -> list[tuple[float, float]]:
    """Spread points evenly over a disc (an annulus around the owners), inside out.

    The i-th of n points goes at radius √(i / n) in its direction: the force layout's shape
    stays, while its dense cores and the isolates it flings to the edges give way to an even
    density, so dots and labels overlap less.
    """
    n = len(angles)
    if n == 1 and not inner:
        return [(0.0, 0.0)]
    out = []
    for rank, angle in enumerate(angles):
        r = math.sqrt((rank + 0.5) / n)
        if inner:  # between the owners' hole and the rim, with the same even density
            r = math.sqrt(inner**2 + r * r * (radius**2 - inner**2))
        else:
            r *= radius
        out.append((r * math.cos(angle), r * math.sin(angle)))
    return out


def _collide(
    coords: list[tuple[float, float]], sizes: list[float], radius: float, inner: float
) -> list[tuple[float, float]]:
    """Push overlapping dots apart (a few relaxation steps over near pairs), staying in the disc."""
    xy = np.array(coords, dtype=float)
    r = np.array(sizes, dtype=float)
    n = len(r)
    pad = 16.0  # room for a label line under each dot
    reach = 2 * float(r.max()) + pad
    # a fixed nudge per index: points that coincide still get a direction to part in
    xy += np.stack([np.cos(np.arange(n)), np.sin(np.arange(n))], axis=1) * 1e-3
    far = np.maximum(radius - r, 1.0)
    near = np.minimum(inner + r, far) if inner else np.zeros(n)
    for _ in range(40):
        pairs = _near_pairs(xy, reach)
        if not len(pairs):
            break
        pairs = pairs[np.lexsort((pairs[:, 1], pairs[:, 0]))]  # fixed order, same float sums
        i, j = pairs[:, 0], pairs[:, 1]
        diff = xy[i] - xy[j]
        dist = np.maximum(np.hypot(diff[:, 0], diff[:, 1]), 1e-9)
        overlap = np.clip(r[i] + r[j] + pad - dist, 0.0, None)
        if overlap.max() < 1.0:
            break
        push = (0.25 * overlap / dist)[:, None] * diff
        move = np.zeros_like(xy)
        np.add.at(move, i, push)
        np.add.at(move, j, -push)
        xy += move
        d = np.maximum(np.hypot(xy[:, 0], xy[:, 1]), 1e-9)
        xy *= (np.clip(d, near, far) / d)[:, None]
    return list(map(tuple, xy.tolist()))  # Python floats, one list call (30,000: 40 -> 5 ms)


def _near_pairs(xy: np.ndarray, reach: float) -> np.ndarray:
    """The index pairs ``(i, j)``, ``i < j``, of the points at most ``reach`` apart.

    What a k-d tree's ``query_pairs`` returns, by a sweep along x: each point is compared only
    with the points after it in x order within ``reach`` in x. ``scipy.spatial`` would import
    SciPy's linear algebra and special functions with its k-d tree, 0.1-0.3 s of every run.

    >>> points = np.array([[0.0, 0.0], [3.0, 4.0], [0.0, 9.0], [1.0, 1.0]])
    >>> sorted(_near_pairs(points, 5.0).tolist())
    [[0, 1], [0, 3], [1, 3]]
    """
    n = len(xy)
    order = np.argsort(xy[:, 0], kind="stable")
    x, y = xy[order, 0], xy[order, 1]
    after = np.searchsorted(x, x + reach, side="right") - np.arange(1, n + 1)
    # the k-th candidate of point i (k = 0, 1, …) is the point k + 1 places after it in x order
    first = np.repeat(np.arange(n), after)
    k = np.arange(len(first)) - np.repeat(np.cumsum(after) - after, after)
    second = first + 1 + k
    dx, dy = x[second] - x[first], y[second] - y[first]
    near = dx * dx + dy * dy <= reach * reach
    a, b = order[first[near]], order[second[near]]
    return np.stack([np.minimum(a, b), np.maximum(a, b)], axis=1)


@contextmanager
def _igraph_seed(seed: int):
    """igraph's force layout draws from a global RNG even when given start positions."""
    import igraph as ig

    ig.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        ig.set_random_number_generator(random)  # igraph's default generator


# --------------------------------------------------------------------------------------------
# Nodes and edges as plain dicts for vis-network


def _vis_data(view: _View) -> dict[str, Any]:
    """Build what the page script needs: nodes, edges, the organisation menu, owner ids."""
    ids: dict[Hashable, int] = {}
    nodes: list[dict[str, Any]] = []
    for g in view.groups:  # discs first: vis draws nodes in ascending id order
        if not (g.size or g.shown):
            continue
        nodes.append(_disc_node(view, g, len(nodes)))

    orgs = Counter(_text(view.attrs[n]["organisation"]) for n in view.shown)
    orgs.pop("", None)
    org_list = [o for o, _ in sorted(orgs.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_ORGS]]
    org_index = {o: i for i, o in enumerate(org_list)}

    owner_set = set(view.owners)
    drawn = [n for n in view.shown if n not in owner_set]
    # names are painted by the page script where they fit, in this order (brokers first)
    rank = {n: i for i, n in enumerate(sorted(drawn, key=view.rank_key))}
    for node in view.shown:
        ids[node] = len(nodes)
        nodes.append(_person_node(view, node, ids[node], rank.get(node, -1), org_index))

    edges, total_ties, kinds = _edges(view, ids)
    return {
        "nodes": nodes,
        "edges": edges,
        "orgs": org_list,
        "totalTies": total_ties,
        "tieKinds": sorted(kinds),
        "owners": [ids[o] for o in view.owners],
        "labelPx": LABEL_PX,
        "captionPx": CAPTION_PX,
    }


def _disc_node(view: _View, g: _Group, node_id: int) -> dict[str, Any]:
    """A cluster as a translucent disc sized by its members, drawn under its people."""
    r, gr, b = (int(g.colour[i : i + 2], 16) for i in (1, 3, 5))
    members = g.size
    lines = [_named(g) or "Everyone", f"{members:,} people" if members != 1 else "1 person"]
    if g.clusters > 1:
        lines.append(f"{g.clusters:,} small clusters together")
    if view.reduced:
        lines.append(f"{len(g.shown):,} of them drawn (the strongest brokers)")
    if view.owners:
        lines.append(f"Ties from the owner{'s' if len(view.owners) > 1 else ''}: "
                     f"{g.owner_ties:,}")
    return {
        "id": node_id,
        "k": "c",
        "c": g.index,
        "x": round(g.x, 1),
        "y": round(g.y, 1),
        "size": round(g.radius, 1),
        "caption": [f"#{g.number}" if g.number else "", g.label, f"{members:,}"] if g.font
        else [],
        "font": round(g.font, 1),
        "title": "\n".join(lines),
        "fixed": True,
        "chosen": False,
        "borderWidth": 1,
        "color": {
            "background": f"rgba({r},{gr},{b},0.13)",
            "border": f"rgba({r},{gr},{b},0.55)",
        },
        "ink": _darker(g.colour),
    }


def _person_node(
    view: _View,
    node: Hashable,
    node_id: int,
    rank: int,
    org_index: dict[str, int],
) -> dict[str, Any]:
    """A person: colour of their cluster, size by brokerage, figures in the tooltip."""
    attrs = view.attrs[node]
    name = _text(attrs["name"]) or _text(node)
    org = _text(attrs.get("organisation"))
    g = view.group_of.get(node)
    out: dict[str, Any] = {
        "id": node_id,
        "k": "p",
        "c": -1 if g is None else g,
        "o": org_index.get(org, -1),
        "n": name,
        "org": org,
        "x": view.pos[node][0],
        "y": view.pos[node][1],
        "title": _person_title(view, node, name, org),
    }
    if node in view.owners:
        # big enough to find at once, however large the map around them
        size = max(30.0, view.extent / 30.0)
        # (their name is painted by the page script, above the cluster captions)
        out.update(k="o", shape="star", size=round(size, 1), color=OWNER_COLOUR)
        return out
    out["size"] = view.size(node)
    out["color"] = view.groups[g].colour if g is not None else PALETTE[0]
    out["r"] = rank
    return out


def _person_title(view: _View, node: Hashable, name: str, org: str) -> str:
    """Plain-text tooltip (vis-network shows strings as text, never as HTML)."""
    a = view.attrs[node]
    lines = [name + ("  (owner)" if node in view.owners else "")]
    for key, what in (("position", "Position"), ("role_family", "Role family")):
        if value := _text(a.get(key)):
            lines.append(f"{what}: {value}")
    if org:
        lines.insert(1, f"Organisation: {org}")
    g = view.group_of.get(node)
    if g is not None and view.has_clusters:
        own = _text(a.get("cluster_label"))
        number = _text(a["cluster"]) if own else view.groups[g].number
        lines.append(f"Cluster: {'#' + number + ' ' if number else ''}"
                     f"{own or view.groups[g].label}")
    for key, what in (("betweenness", "Betweenness"), ("constraint", "Constraint"),
                      ("effective_size", "Effective size")):  # fmt: skip
        value = _number(a.get(key))
        if value is not None:
            lines.append(f"{what}: {value:.3g}")
    # With several owners "strong" means nothing without "to whom": one line per owner.
    mine = [o for o in view.owners if o != node and (o, node) in view.owner_tie]
    for o in mine:
        owner = _text(view.attrs[o]["name"]) or _text(o)
        if tie := _text(view.owner_tie[(o, node)]):
            lines.append(f"Tie to {owner}: {tie}")
    if not mine and (tie := _text(a.get("tie_class"))):
        lines.append(f"Tie class: {tie}")
    lines.append(f"Ties: {_degree(a):,}")
    return "\n".join(lines)


def _edges(view: _View, ids: dict[Hashable, int]) -> tuple[list[dict[str, Any]], int, set[str]]:
    """Ties among the people drawn (most telling first if capped), plus cluster-to-cluster sums.

    Also returns how many ties there were among them, and which styles were used (the legend
    shows those only).
    """
    owner_set = set(view.owners)
    ties = []
    for u, v, attrs in view.ties:
        i, j = ids[u], ids[v]
        if i > j:
            u, v, i, j = v, u, j, i
        # A (local) bridge to someone with no other tie says nothing: colour only those
        # that join two groups (both ends have other ties).
        joins = _degree(view.attrs[u]) > 1 and _degree(view.attrs[v]) > 1
        bridge = attrs["bridge"] is True and joins
        local = attrs["local_bridge"] is True and joins
        tie = _text(attrs["tie_class"]).lower()
        strength = _number(attrs["strength"]) or 0.0
        rank = (
            not bridge,
            not local,
            not (u in owner_set or v in owner_set),
            tie != "strong",
            -strength,
            i,
            j,
        )
        ties.append((rank, u, v, i, j, attrs, bridge, local, tie))
    total = len(ties)
    # Hundreds of owner ties are a fan of spokes hiding the ties among contacts: draw them faint
    # (bridges and local bridges keep their colour).
    spokes = sum(1 for t in ties if not t[0][2])
    fade = spokes > 150
    if total > MAX_EDGES:
        ties.sort(key=lambda t: t[0])
        ties = ties[:MAX_EDGES]
    ties.sort(key=lambda t: (t[3], t[4]))  # same bytes whatever order the graph was built in
    edges = []
    kinds = {"weak tie"}
    for _rank, u, v, i, j, attrs, bridge, local, tie in ties:
        edge: dict[str, Any] = {"from": i, "to": j}
        if bridge:
            edge.update(color={"color": BRIDGE_COLOUR, "opacity": 0.95}, width=5)
            kinds.add("bridge")
        elif local:
            edge.update(color={"color": LOCAL_BRIDGE_COLOUR, "opacity": 0.9}, width=3.5)
            kinds.add("local bridge")
        elif tie == "strong":
            edge.update(color={"color": STRONG_COLOUR, "opacity": 0.75}, width=3)
            kinds.add("strong tie")
        if fade and not (bridge or local) and (u in owner_set or v in owner_set):
            faint = 0.3 if tie == "strong" else 0.12
            edge.update(color={"color": STRONG_COLOUR if tie == "strong" else TIE_COLOUR,
                               "opacity": faint})  # fmt: skip
            edge["width"] = 1.5 if tie == "strong" else 1
        if tie == "dormant":
            edge["dashes"] = [6, 6]
            kinds.add("dormant tie")
        edge["title"] = _tie_title(view, u, v, attrs, bridge, local, tie)
        edges.append(edge)
    if view.reduced:
        edges.extend(_cluster_edges(view))
    for n, edge in enumerate(edges):
        edge["id"] = n
    return edges, total, kinds


def _tie_title(
    view: _View, u: Hashable, v: Hashable, attrs: dict[str, Any], bridge: bool, local: bool,
    tie: str,
) -> str:  # fmt: skip
    """What the tie is and the evidence for it, as plain text."""
    names = [_text(view.attrs[x]["name"]) or _text(x) for x in (u, v)]
    lines = [f"{names[0]} — {names[1]}"]
    kind = []
    if bridge:
        kind.append("bridge: a tie whose loss splits the network in two")
    elif local:
        span = _number(attrs.get("span"))
        extra = f" (else {span:.0f} steps apart)" if span is not None else ""
        kind.append("local bridge: its two ends have no contact in common" + extra)
    if tie:
        kind.append(f"{tie} tie")
    lines.extend(kind)
    facts = []
    if (messages := _number(attrs.get("messages"))) is not None and messages:
        facts.append(f"{messages:,.0f} messages")
    if last := _text(attrs.get("last_interaction")):
        facts.append(f"last {last}")
    if (mutual := _number(attrs.get("mutual_contacts"))) is not None:
        facts.append(f"{mutual:,.0f} mutual contacts")
    if facts:
        lines.append(", ".join(facts))
    return "\n".join(lines)


def _cluster_edges(view: _View) -> list[dict[str, Any]]:
    """In the reduced view, one grey line per pair of discs, as wide as their ties are many."""
    counts = view.cluster_ties
    disc_id = {}
    k = 0
    for g in view.groups:
        if g.size or g.shown:
            disc_id[g.index] = k
            k += 1
    edges = []
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:300]
    for (a, b), n in sorted(top):
        labels = (_named(view.groups[a]), _named(view.groups[b]))
        edges.append(
            {
                "from": disc_id[a],
                "to": disc_id[b],
                "width": round(1.0 + 2.5 * math.log10(n), 1),
                "color": {"color": "#9b9b9b", "opacity": 0.35},
                "title": f"{n:,} ties between\n{labels[0]}\nand {labels[1]}",
            }
        )
    return edges


# --------------------------------------------------------------------------------------------
# The page


def _page(view: _View, title: str) -> str:
    """Assemble the page: static parts escaped here, data as one JSON block, scripts inline."""
    data = _vis_data(view)
    summary = _summary(view, data.pop("totalTies"))
    legend = _legend(view, set(data.pop("tieKinds")))
    data["options"] = _options(len(data["nodes"]), len(data["edges"]))
    payload = _script_json(data)
    vis_js = _vis_js()
    app_js = _APP_JS
    csp = "; ".join(
        [
            "default-src 'none'",
            f"script-src {_csp_hash(vis_js)} {_csp_hash(app_js)}",
            "style-src 'unsafe-inline'",
            "img-src data:",
        ]
    )
    e = _esc
    title_text = _text(title, limit=200) or "weakties"
    return _PAGE.format(
        csp=e(csp),
        title=e(title_text),
        css=_CSS,
        summary=e(summary),
        cluster_options=_cluster_options(view),
        org_options="".join(
            f'<option value="{i}">{e(o)}</option>' for i, o in enumerate(data["orgs"])
        ),
        legend=legend,
        data=payload,
        vis_js=vis_js,
        app_js=app_js,
    )


def _summary(view: _View, total_ties: int) -> str:
    """One sentence saying what the page shows and what it leaves out."""
    n = view.people
    people = len(view.shown)
    groups = [g for g in view.groups if g.size]
    if n == 0:
        return "The graph is empty: there is nobody to draw."
    clusters = f"{len(groups):,} cluster discs" if view.has_clusters else "no clusters in the data"
    if view.has_clusters and view.meta.get("cluster_method") == GROUPS:
        clusters = (f"{len(groups):,} discs of organisation/role groups (no ties among the "
                    "contacts to find clusters by)")
    if not view.reduced:
        text = f"Showing all {n:,} people and {total_ties:,} ties; {clusters}."
    else:
        owners = len(view.owners)
        who = f"the owner{'s' if owners > 1 else ''}, " if owners else ""
        rest = people - owners
        text = (
            f"Showing {people:,} of {n:,} people: {who}the {rest:,} contacts with the highest "
            f"{view.score_name}"
            + (f" (at least {QUOTA} per cluster)" if view.has_clusters else "")
            + (
                f"; the other {n - people:,} are counted in {len(groups):,} cluster discs sized "
                "by their members."
                if view.has_clusters
                else f"; the other {n - people:,} are not drawn."
            )
            + " Search and filters cover the people drawn."
        )
    if total_ties > MAX_EDGES:
        text += (
            f" Drawing {MAX_EDGES:,} of their {total_ties:,} ties (bridges, local bridges, "
            "owner ties and strong ties first)."
        )
    return text


def _cluster_options(view: _View) -> str:
    if not view.has_clusters:
        return ""
    return "".join(
        f'<option value="{g.index}">{_esc(_named(g))} ({g.size:,})</option>'
        for g in view.groups
        if g.size
    )


def _legend(view: _View, present: set[str]) -> str:
    """Legend in HTML, every label escaped; cluster entries double as filter buttons."""
    e = _esc
    grouped = view.meta.get("cluster_method") == GROUPS  # a star: no ties to cluster by
    parts = ["<h2>Organisation/role groups</h2>" if grouped else "<h2>Clusters</h2>"]
    if view.has_clusters:
        parts.append('<ul class="wt-clusters">')
        for g in view.groups:
            if not g.size:
                continue
            parts.append(
                f'<li><button type="button" data-group="{g.index}" title="Show only this '
                f'cluster"><span class="wt-sw" style="background:{g.colour}"></span>'
                f'<span class="wt-no">{e("#" + g.number if g.number else "")}</span>'
                f'<span class="wt-name">{e(g.label)}</span>'
                f'<span class="wt-count">{g.size:,}</span></button></li>'
            )
        parts.append("</ul>")
    else:
        parts.append("<p>No clusters in the data (run the analysis to colour them).</p>")
    owners = "<li><span class='wt-star'>★</span>owner</li>" if view.owners else ""
    parts.append(
        f"<h2>People</h2><ul class='wt-key'>{owners}"
        f"<li><span class='wt-dot'></span>size: {e(view.score_name)}"
        f"{' (brokerage)' if view.score_name == 'betweenness' else ''}</li>"
        + (
            "<li><span class='wt-disc'></span>cluster, area by members</li>"
            if view.has_clusters
            else ""
        )
        + "</ul>"
    )
    styles = {
        "bridge": (BRIDGE_COLOUR, 5, ""),
        "local bridge": (LOCAL_BRIDGE_COLOUR, 3.5, ""),
        "strong tie": (STRONG_COLOUR, 3, ""),
        "weak tie": (TIE_COLOUR, 1.2, ""),
        "dormant tie": (TIE_COLOUR, 1.2, "5,4"),
    }
    # the words of docs/concepts.md §8.1; only bridges between two groups are coloured
    words = {"bridge": "bridge between groups (its loss splits the network)",
             "local bridge": "local bridge between groups (no contact in common)"}
    items = []
    for what, (colour, width, dash) in styles.items():
        if what not in present:
            continue
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        items.append(
            f'<li><svg width="40" height="10" aria-hidden="true"><line x1="1" y1="5" x2="39" '
            f'y2="5" stroke="{colour}" stroke-width="{width}"{dashes}/></svg>'
            f"{words.get(what, what)}</li>"
        )
    parts.append("<h2>Ties</h2><ul class='wt-key'>" + "".join(items) + "</ul>")
    return "".join(parts)


def _degree(attrs: dict[str, Any]) -> int:
    """A person's number of ties (0 when the table does not say)."""
    return int(_number(attrs["degree"]) or 0)


def _named(g: _Group) -> str:
    """A group as people read it: its number (unique, as in clusters.csv) and its label."""
    return f"#{g.number} {g.label}" if g.number else g.label


def _options(n_nodes: int, n_edges: int) -> dict[str, Any]:
    """vis-network options: physics off (positions are precomputed), light drawing."""
    busy = n_nodes + n_edges > 3_000
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "nodes": {
            "shape": "dot",
            "borderWidth": 1,
            "font": {
                "size": 15,
                "face": "system-ui, sans-serif",
                "strokeWidth": 4,
                "strokeColor": "#ffffff",
            },
        },
        "edges": {
            "smooth": False,
            "width": 1.2,
            "selectionWidth": 2,
            "color": {
                "color": TIE_COLOUR,
                "highlight": "#1f3b73",
                "hover": "#1f3b73",
                "opacity": 0.5,
                "inherit": False,
            },
        },
        "interaction": {
            "hover": False,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": busy,
            "hideEdgesOnZoom": busy,
            "multiselect": False,
        },
    }


@lru_cache(maxsize=1)
def _vis_js() -> str:
    """The vis-network bundle pyvis ships (what its `in_line` mode inlines)."""
    try:
        # Located, not imported: importing pyvis loads IPython and jinja2 (0.2-0.5 s).
        spec = importlib.util.find_spec("pyvis")
        if spec is None or not spec.submodule_search_locations:
            raise ModuleNotFoundError("pyvis")
        folder = Path(next(iter(spec.submodule_search_locations)))
        text = folder.joinpath(*_VIS_JS).read_text(encoding="utf-8")
    except (ModuleNotFoundError, OSError) as err:
        raise WeaktiesError(
            "pyvis' copy of vis-network is missing; reinstall pyvis (pip install 'pyvis>=0.3.2')"
        ) from err
    # "</script" would end the inline block early and "<!--" can stop the real end tag from
    # ending it; the map comment would make DevTools look for a file next to the page.
    if "</script" in text.lower() or "<!--" in text:
        raise WeaktiesError("this vis-network bundle cannot be inlined safely; reinstall pyvis")
    return re.sub(r"\n//# sourceMappingURL=\S*\s*$", "\n", text)


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _script_json(data: Any) -> str:
    """JSON that is safe inside <script>: no '<', '>' or '&' can end the block or open a tag."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for raw, escaped in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


def _darker(colour: str) -> str:
    """The cluster colour darkened enough to be read as text on white."""
    r, g, b = (int(colour[i : i + 2], 16) * 0.55 for i in (1, 3, 5))
    return f"rgb({r:.0f},{g:.0f},{b:.0f})"


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _text(value: Any, limit: int = TEXT_LIMIT) -> str:
    """Any export value as one line of display text ('' for missing), cut to `limit`."""
    return one_line(value, limit)


def _number(value: Any) -> float | None:
    """A finite float, or None for missing / NaN / not a number."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


_CSS = """
*{box-sizing:border-box}
html,body{margin:0;height:100%;font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;
color:#222;background:#fafafa}
body{display:flex;flex-direction:column}
header{padding:8px 14px;border-bottom:1px solid #ddd;background:#fff;position:relative}
h1{font-size:18px;margin:0 0 2px}
#wt-summary{margin:0 0 6px;color:#444}
.wt-controls{display:flex;gap:8px;flex-wrap:wrap;align-items:center}
.wt-controls input,.wt-controls select,.wt-controls button{font:inherit;padding:3px 6px;
border:1px solid #bbb;border-radius:4px;background:#fff;max-width:320px}
#wt-search{width:19em}
#wt-results{position:absolute;z-index:10;margin:2px 0 0;padding:0;list-style:none;background:#fff;
border:1px solid #bbb;border-radius:4px;box-shadow:0 4px 12px rgba(0,0,0,.15);max-height:320px;
overflow:auto;min-width:240px;max-width:520px}
#wt-results:empty{display:none}
#wt-results li{padding:4px 8px;cursor:pointer;white-space:nowrap;overflow:hidden;
text-overflow:ellipsis}
#wt-results li:hover,#wt-results li.wt-active{background:#e8eef8}
main{flex:1;display:flex;min-height:0}
#wt-network{flex:1;position:relative;min-width:0;background:#fff}
aside{width:280px;overflow:auto;border-left:1px solid #ddd;padding:8px 12px;background:#fff}
aside h2{font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:#666;margin:12px 0 4px}
aside ul{list-style:none;margin:0;padding:0}
.wt-clusters button{display:flex;align-items:center;gap:6px;width:100%;border:0;
background:none;padding:2px 2px;font:inherit;text-align:left;cursor:pointer;border-radius:3px}
.wt-clusters button:hover,.wt-clusters button.wt-on{background:#eef2f7}
.wt-name{flex:1;min-width:0;overflow-wrap:anywhere}
.wt-no{flex:none;min-width:2.1em;color:#555;font-size:12px;font-variant-numeric:tabular-nums}
.wt-count{color:#777;font-size:12px}
.wt-sw{width:12px;height:12px;border-radius:50%;flex:none;border:1px solid rgba(0,0,0,.25)}
.wt-clusters button{align-items:flex-start}.wt-clusters .wt-sw{margin-top:4px}
#wt-details{background:#f6f8fb;border:1px solid #dde3ea;border-radius:6px;padding:4px 8px 6px;
margin:4px 0 8px}
#wt-details h2{margin-top:2px}
.wt-key li{display:flex;align-items:center;gap:8px;padding:1px 0}
.wt-key svg{flex:none}
.wt-disc{width:40px;height:18px;flex:none;background:radial-gradient(circle at 20px 9px,
rgba(78,121,167,.15) 8px,rgba(78,121,167,.6) 9px,transparent 10px)}
.wt-star{width:40px;text-align:center;font-size:18px;color:#1f1f1f}
.wt-dot{width:40px;height:14px;flex:none;background:radial-gradient(circle at 8px 7px,#4e79a7 4px,
transparent 5px),radial-gradient(circle at 26px 7px,#4e79a7 7px,transparent 8px)}
#wt-details-text{white-space:pre-wrap;margin:0;font:inherit;word-break:break-word}
.vis-tooltip{position:absolute;visibility:hidden;padding:6px 9px;white-space:nowrap;
font:13px/1.4 system-ui,sans-serif;color:#111;background:#fffdf2;border:1px solid #999;
border-radius:4px;box-shadow:2px 3px 10px rgba(0,0,0,.2);pointer-events:none;z-index:5}
"""

# The page script: reads the JSON block, draws, wires search / filters / details. Every string
# from the data reaches the DOM through textContent or vis-network's text tooltips, never HTML.
_APP_JS = """
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("wt-data").textContent);
  var LABEL_PX = DATA.labelPx, CAPTION_PX = DATA.captionPx;
  var nodes = new vis.DataSet(DATA.nodes);
  var edges = new vis.DataSet(DATA.edges);
  var container = document.getElementById("wt-network");
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, DATA.options);
  var people = DATA.nodes.filter(function (n) { return n.k !== "c"; });
  var api = {network: network, nodes: nodes, edges: edges, ready: false, readyAt: null};
  window.network = network;
  window.weakties = api;

  function home() {
    if (!DATA.owners.length) { network.fit({animation: false}); return; }
    var ox = 0, oy = 0, dx = 1, dy = 1;
    DATA.owners.forEach(function (id) {
      var p = network.getPositions([id])[id]; ox += p.x; oy += p.y;
    });
    ox /= DATA.owners.length; oy /= DATA.owners.length;
    DATA.nodes.forEach(function (n) {
      var s = (n.size || 10) + (n.k === "c" ? 0 : 10);
      dx = Math.max(dx, Math.abs(n.x - ox) + s); dy = Math.max(dy, Math.abs(n.y - oy) + s);
    });
    var w = container.clientWidth || 800, h = container.clientHeight || 600;
    var scale = 0.96 * Math.min(w / (2 * dx), h / (2 * dy));
    network.moveTo({position: {x: ox, y: oy}, scale: scale, animation: false});
  }
  home();

  // Cluster names in the cap the layout kept free at the top of each disc, painted on the
  // canvas (so an export string only ever becomes pixels): never smaller than CAPTION_PX on
  // screen, whatever the zoom, wrapped to the disc's width (three lines at most).
  var discs = DATA.nodes.filter(function (n) { return n.k === "c" && n.caption.length; });
  var owners = DATA.nodes.filter(function (n) { return n.k === "o"; });
  var named = DATA.nodes.filter(function (n) { return n.k === "p"; })
    .sort(function (a, b) { return a.r - b.r; });
  function wrapText(ctx, text, width, most) {
    var words = text.split(" "), lines = [], line = "";
    for (var i = 0; i < words.length; i++) {
      var next = line ? line + " " + words[i] : words[i];
      if (line && ctx.measureText(next).width > width) { lines.push(line); line = words[i]; }
      else line = next;
    }
    if (line) lines.push(line);
    if (lines.length > most) {
      lines = lines.slice(0, most);
      lines[most - 1] += "\u2026";
    }
    return lines;
  }
  function paint(ctx, text, x, y) { ctx.strokeText(text, x, y); ctx.fillText(text, x, y); }
  var widths = {};  // a person's name width at 100 px, measured once
  function labelNames(ctx, scale, placed) {
    // Names where they fit, strongest brokers first; one that would overlap a name already
    // drawn is left to the tooltip, so zooming in shows more of them.
    var px = LABEL_PX / scale, pad = 2 / scale, taken = placed.length;
    var at = network.getViewPosition();
    var w = container.clientWidth / scale / 2, h = container.clientHeight / scale / 2;
    ctx.font = "100px system-ui, sans-serif";
    for (var i = 0; i < named.length && placed.length < taken + 400; i++) {
      var p = named[i], n = nodes.get(p.id);
      if (!n || n.hidden || Math.abs(p.x - at.x) > w || Math.abs(p.y - at.y) > h) continue;
      if (!(p.id in widths)) widths[p.id] = ctx.measureText(p.n).width / 100;
      var half = widths[p.id] * px / 2 + pad, top = p.y + p.size + pad, bottom = top + px + pad;
      var clash = false;
      for (var j = 0; j < placed.length && !clash; j++) {
        var b = placed[j];
        clash = p.x - half < b.x1 && p.x + half > b.x0 && top < b.y1 && bottom > b.y0;
      }
      if (!clash) placed.push({x0: p.x - half, y0: top, x1: p.x + half, y1: bottom, p: p});
    }
    ctx.font = px + "px system-ui, sans-serif";
    ctx.textBaseline = "top";
    ctx.lineWidth = 3 / scale;
    ctx.strokeStyle = "rgba(255,255,255,0.9)";
    ctx.fillStyle = "#222";
    placed.slice(taken).forEach(function (b) { paint(ctx, b.p.n, b.p.x, b.y0 + pad); });
    ctx.textBaseline = "middle";
    api.labelled = placed.length - taken;
  }
  network.on("afterDrawing", function (ctx) {
    var scale = network.getScale();
    ctx.save();
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.lineJoin = "round";
    var boxes = [];  // captions and owners' names: people's names keep clear of them
    owners.forEach(function (o) {
      var p = network.getPositions([o.id])[o.id], size = 17 / scale;
      if (!p) return;
      ctx.font = "700 " + size + "px system-ui, sans-serif";
      var half = ctx.measureText(o.n).width / 2, y = p.y + o.size + 0.9 * size;
      boxes.push({x0: p.x - half, y0: p.y - o.size, x1: p.x + half, y1: y + size});
    });
    discs.forEach(function (d) {
      var n = nodes.get(d.id);
      if (!n || n.hidden) return;
      var size = Math.max(d.font, CAPTION_PX / scale);
      ctx.font = "600 " + size + "px system-ui, sans-serif";
      var lines = wrapText(ctx, (d.caption[0] ? d.caption[0] + " " : "") + d.caption[1],
                           2 * d.size, 4);
      var wide = Math.max.apply(null, lines.map(function (l) {
        return ctx.measureText(l).width; }));
      var y = d.y - d.size + Math.min(size, d.size / 3) + 6 / scale;
      ctx.lineWidth = Math.min(4 / scale, size / 4);
      ctx.strokeStyle = "rgba(255,255,255,0.9)";
      ctx.fillStyle = d.ink;
      lines.forEach(function (line, i) { paint(ctx, line, d.x, y + 1.1 * size * i); });
      ctx.font = (0.8 * size) + "px system-ui, sans-serif";
      paint(ctx, d.caption[2] + (d.caption[2] === "1" ? " person" : " people"), d.x,
            y + 1.1 * size * lines.length);
      boxes.push({x0: d.x - wide / 2, y0: y - size / 2, x1: d.x + wide / 2,
                  y1: y + 1.1 * size * lines.length + 0.5 * size});
    });
    api.captions = boxes.length - owners.length;
    labelNames(ctx, scale, boxes);
    owners.forEach(function (o) {
      var n = nodes.get(o.id), p = network.getPositions([o.id])[o.id];
      if (!n || !p) return;
      var size = 17 / scale;
      ctx.font = "700 " + size + "px system-ui, sans-serif";
      ctx.lineWidth = 5 / scale;
      ctx.strokeStyle = "rgba(255,255,255,0.95)";
      ctx.fillStyle = "#111";
      ctx.strokeText(o.n, p.x, p.y + o.size + 0.9 * size);
      ctx.fillText(o.n, p.x, p.y + o.size + 0.9 * size);
    });
    ctx.restore();
  });
  network.once("afterDrawing", function () {
    api.ready = true;
    api.readyAt = performance.now();
  });

  var details = document.getElementById("wt-details-text");
  var aside = document.querySelector("aside");
  function showDetails(id) {
    var n = nodes.get(id);
    details.textContent = n ? n.title : "Click a person or a cluster to see their figures.";
    if (n) aside.scrollTop = 0;  // the details sit at the top of the side panel
  }
  function bringIntoView(id) {
    // centre a clicked person, zoomed in enough for their name to show
    network.focus(id, {scale: Math.max(network.getScale(), 1.0),
                       animation: {duration: 300, easingFunction: "easeInOutQuad"}});
  }
  function focusNode(id) {
    var n = nodes.get(id);
    if (!n) return;
    if (n.hidden) { resetFilters(); }
    network.selectNodes([id]);
    network.focus(id, {scale: Math.max(network.getScale(), 1.2), animation: {duration: 300}});
    showDetails(id);
  }
  network.on("click", function (params) {
    if (!params.nodes.length) { showDetails(null); return; }
    var n = nodes.get(params.nodes[0]);
    if (n && n.k === "c") { network.unselectAll(); }
    else if (n) { bringIntoView(n.id); }
    showDetails(params.nodes[0]);
  });
  api.focusNode = focusNode;

  var search = document.getElementById("wt-search");
  var results = document.getElementById("wt-results");
  var found = [];
  function runSearch() {
    var q = search.value.trim().toLowerCase();
    results.textContent = "";
    found = [];
    if (!q) return;
    var starts = [], contains = [];
    for (var i = 0; i < people.length; i++) {
      var p = people[i], name = p.n.toLowerCase();
      if (name.indexOf(q) === 0) starts.push(p);
      else if (name.indexOf(q) > 0 || p.org.toLowerCase().indexOf(q) >= 0) contains.push(p);
      if (starts.length >= 30) break;
    }
    found = starts.concat(contains).slice(0, 30);
    found.forEach(function (p, i) {
      var li = document.createElement("li");
      li.textContent = p.org ? p.n + " \\u2014 " + p.org : p.n;
      li.setAttribute("data-id", String(p.id));
      if (i === 0) li.className = "wt-active";
      li.addEventListener("click", function () { results.textContent = ""; focusNode(p.id); });
      results.appendChild(li);
    });
    if (!found.length) {
      var none = document.createElement("li");
      none.textContent = "Nobody drawn matches.";
      results.appendChild(none);
    }
  }
  search.addEventListener("input", runSearch);
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && found.length) { results.textContent = ""; focusNode(found[0].id); }
    if (ev.key === "Escape") { results.textContent = ""; }
  });

  var clusterSel = document.getElementById("wt-cluster");
  var orgSel = document.getElementById("wt-org");
  var buttons = document.querySelectorAll(".wt-clusters button");
  function applyFilters(fit) {
    var c = clusterSel.value === "" ? null : Number(clusterSel.value);
    var o = orgSel.value === "" ? null : Number(orgSel.value);
    var changes = [], visible = [];
    DATA.nodes.forEach(function (n) {
      var show;
      if (n.k === "o") show = true;
      else if (n.k === "c") show = o === null && (c === null || n.c === c);
      else show = (c === null || n.c === c) && (o === null || n.o === o);
      if (show) visible.push(n.id);
      if (!!n.hidden === show) { n.hidden = !show; changes.push({id: n.id, hidden: !show}); }
    });
    if (changes.length) nodes.update(changes);
    buttons.forEach(function (b) {
      b.classList.toggle("wt-on", c !== null && Number(b.getAttribute("data-group")) === c);
    });
    if (fit) {
      if (c === null && o === null) home();
      else network.fit({nodes: visible, animation: {duration: 300}});
    }
  }
  function resetFilters() {
    clusterSel.value = ""; orgSel.value = "";
    applyFilters(false);
  }
  clusterSel.addEventListener("change", function () { applyFilters(true); });
  orgSel.addEventListener("change", function () { applyFilters(true); });
  buttons.forEach(function (b) {
    b.addEventListener("click", function () {
      var g = b.getAttribute("data-group");
      clusterSel.value = clusterSel.value === g ? "" : g;
      applyFilters(true);
    });
  });
  document.getElementById("wt-reset").addEventListener("click", function () {
    search.value = ""; results.textContent = ""; resetFilters();
    network.unselectAll(); showDetails(null); home();
  });
})();
"""

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="weakties">
<title>{title}</title>
<style>{css}</style>
</head>
<body>
<header>
<h1>{title}</h1>
<p id="wt-summary">{summary}</p>
<div class="wt-controls">
<input id="wt-search" type="search" placeholder="Search a name or organisation" \
autocomplete="off" spellcheck="false" aria-label="Search people by name or organisation">
<select id="wt-cluster" aria-label="Filter by cluster"><option value="">All clusters</option>\
{cluster_options}</select>
<select id="wt-org" aria-label="Filter by organisation"><option value="">All organisations\
</option>{org_options}</select>
<button id="wt-reset" type="button">Reset</button>
</div>
<ul id="wt-results" role="listbox"></ul>
</header>
<main>
<div id="wt-network"></div>
<aside>
<section id="wt-details" aria-live="polite">
<h2>Details</h2>
<p id="wt-details-text">Click a person or a cluster to see their figures.</p>
</section>
{legend}
</aside>
</main>
<script type="application/json" id="wt-data">{data}</script>
<script>{vis_js}</script>
<script>{app_js}</script>
</body>
</html>
"""
