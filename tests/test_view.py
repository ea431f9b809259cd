"""The HTML view without a browser: offline, escaped, labelled, reduced when large, reproducible."""

from __future__ import annotations

import json
import math
import os
import random
import re

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from scipy.spatial import cKDTree

from weakties.errors import WeaktiesError
from weakties.outputs import view
from weakties.outputs.view import render_html, write_html

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "</script><script>alert(2)</script>",
    '"><svg onload=alert(3)>',
]

FIRST = "Ada Ben Chloé Dmitri Esra Farid Grace Hiro Ines Jonas Kemi Lars Mona Nils Olu Uma".split()
ORGS = ["Acme Robotics", "Northwind", "Globex", "Initech", "Umbrella Health", "Stark Labs"]


def karate_people() -> nx.Graph:
    """Zachary's karate club as person "0"'s ego network, with the analysis attributes set,
    plus a 35th person ("34") who knows only member 11.

    Clusters are the two factions of the split (the club's known answer). In the club the only
    bridge is 0–11, because member 11 knows nobody but the instructor; with "34" hanging off
    11, both 0–11 and 11–34 are bridges, but only 0–11 joins two groups (11–34 reaches a
    person with no other tie, which the map leaves uncoloured).
    """
    K = nx.karate_club_graph()
    K.add_node(34, club="Officer")
    K.add_edge(11, 34, weight=1)
    G = nx.relabel_nodes(K, str)
    G.graph.update(owners=["0"], clusters={0: "Mr Hi's side", 1: "Officer's side"})
    betweenness = nx.betweenness_centrality(G)
    for n in G:
        i = int(n)
        G.nodes[n].update(
            name=f"{FIRST[i % 16]} {chr(65 + i % 26)}.",
            organisation=ORGS[i % 6],
            position="Engineer" if i % 2 else "Designer",
            owner=n == "0",
            cluster=0 if K.nodes[i]["club"] == "Mr. Hi" else 1,
            betweenness=betweenness[n],
            constraint=0.5,
        )
    bridges = {frozenset({"0", "11"}), frozenset({"11", "34"})}
    assert set(map(frozenset, nx.bridges(G))) == bridges
    for u, v in G.edges:
        G.edges[u, v].update(
            bridge=frozenset({u, v}) in bridges,
            local_bridge=frozenset({u, v}) in bridges,
            tie_class="strong" if K.edges[int(u), int(v)]["weight"] >= 5 else "weak",
        )
    G.edges["0", "8"]["tie_class"] = "dormant"
    return G


def ego_graph(contacts: int, seed: int = 1) -> nx.Graph:
    """An owner and `contacts` people in 30 clusters of uneven size, with a few ties each."""
    rnd = random.Random(seed)
    G = nx.Graph(owners=["me"], clusters={c: f"Team {c}" for c in range(30)})
    G.add_node("me", name="Me", owner=True)
    people = [f"p{i}" for i in range(contacts)]
    for i, p in enumerate(people):
        c = min(int(rnd.paretovariate(1.2)) - 1, 29)
        G.add_node(p, name=f"Person {i}", organisation=f"Org {i % 97}", cluster=c)
        G.add_edge("me", p, tie_class="weak")
    by_cluster: dict[int, list[str]] = {}
    for p in people:
        by_cluster.setdefault(G.nodes[p]["cluster"], []).append(p)
    for members in by_cluster.values():
        for p in members:
            q = rnd.choice(members)
            if q != p:
                G.add_edge(p, q, tie_class="strong")
    for p in people:
        G.nodes[p]["betweenness"] = G.degree(p) * rnd.random() / contacts
    return G


def page_data(page: str) -> dict:
    """The JSON block the page script draws from."""
    match = re.search(r'<script type="application/json" id="wt-data">(.*?)</script>', page, re.S)
    assert match, "no data block"
    return json.loads(match.group(1))


def people(data: dict) -> list[dict]:
    return [n for n in data["nodes"] if n["k"] != "c"]


def test_page_is_offline():
    page = render_html(karate_people())
    # every script and stylesheet is inline: no <script src>, no <link>, no remote src/href
    assert not re.search(r"<script\b[^>]*\bsrc\s*=", page, re.I)
    assert not re.search(r"<link\b", page, re.I)
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"@import|url\(\s*['\"]?(?:https?:)?//", page, re.I)
    # and the browser is told to refuse any request, should anything try
    assert "default-src &#x27;none&#x27;" in page
    assert "vis.Network" in page  # vis-network itself is inlined


@pytest.mark.parametrize("hostile", HOSTILE)
def test_export_strings_never_appear_raw(hostile: str):
    G = karate_people()
    G.nodes["33"].update(name=hostile, organisation=hostile, position=hostile, role_family=hostile)
    G.graph["clusters"][1] = hostile
    page = render_html(G, title=hostile)
    assert hostile not in page
    # only our own three <script> blocks open and close (vis-network's code holds one
    # "<script>" in a string, which cannot open anything inside a script block)
    assert page.lower().count("<script") == 3 + view._vis_js().count("<script")
    assert page.lower().count("</script") == 3
    # the string is kept, as text, for tooltips and search
    person = next(n for n in people(page_data(page)) if n["n"] == hostile)
    assert person["org"] == hostile
    assert f"Position: {hostile}" in person["title"]


def test_legend_and_filter_name_the_clusters():
    G = karate_people()
    G.graph["clusters"] = {0: "Mr Hi's side", 1: "Officer & friends"}
    page = render_html(G)
    legend = page[page.index("<aside>") : page.index("</aside>")]
    assert "Mr Hi&#x27;s side" in legend
    assert "Officer &amp; friends" in legend
    # the owner is left out of the clusters they sit in the middle of: 18 and 16 people; each
    # cluster goes by its number (as in clusters.csv) and its label
    assert re.search(r'<option value="\d+">#1 Officer &amp; friends \(18\)</option>', page)
    assert re.search(r'<option value="\d+">#0 Mr Hi&#x27;s side \(16\)</option>', page)
    # the colour key for ties lists what this graph has: a bridge, strong, weak and dormant ties
    for kind in ("bridge between groups (its loss splits the network)", "strong tie",
                 "weak tie", "dormant tie"):
        assert f"/></svg>{kind}</li>" in legend


def test_owner_in_the_centre_and_ties_styled():
    data = page_data(render_html(karate_people()))
    by_name = {n["n"]: n for n in people(data)}
    owner = next(n for n in people(data) if n["k"] == "o")
    assert (owner["x"], owner["y"]) == (0, 0)
    assert owner["shape"] == "star"
    # the bridge 0–11 is red and wide; the 0–8 tie is dormant, so dashed
    ids = {n["id"]: n["n"] for n in people(data)}
    styled = {frozenset((ids[e["from"]], ids[e["to"]])): e for e in data["edges"]}
    bridge = styled[frozenset((owner["n"], by_name[karate_people().nodes["11"]["name"]]["n"]))]
    assert bridge["color"]["color"] == view.BRIDGE_COLOUR and bridge["width"] >= 4
    # 11–34 is a bridge too, but to someone with no other tie: drawn as an ordinary tie
    leaf = styled[frozenset((by_name[karate_people().nodes["11"]["name"]]["n"],
                             by_name[karate_people().nodes["34"]["name"]]["n"]))]
    assert "color" not in leaf or leaf["color"]["color"] != view.BRIDGE_COLOUR
    assert any("dashes" in e for e in data["edges"])
    # the biggest broker (besides the owner) is the biggest dot
    sizes = sorted((n["size"], n["n"]) for n in people(data) if n["k"] == "p")
    assert sizes[-1][1] == karate_people().nodes["33"]["name"]


def test_renders_without_analysis_attributes():
    G = nx.relabel_nodes(nx.karate_club_graph(), str)  # an edge list: no names, no analysis
    page = render_html(G)
    data = page_data(page)
    assert len(people(data)) == 34
    assert "No clusters in the data" in page
    assert "size: number of ties" in page
    assert people(data)[0]["n"] == "0"  # the node id stands in for a missing name


def test_missing_and_odd_values_do_not_break_the_page():
    G = karate_people()
    G.nodes["1"].update(name=math.nan, betweenness=math.nan, constraint=None, cluster=math.nan)
    G.nodes["2"].update(name="  Line\nbreak\tname ", position="x" * 10_000)
    data = page_data(render_html(G))
    names = {n["n"] for n in people(data)}
    assert "1" in names and "Line break name" in names
    assert max(len(n["title"]) for n in people(data)) < 1_000


def test_reduced_view_says_what_is_shown():
    G = ego_graph(2_000)
    page = render_html(G, max_nodes=300)
    data = page_data(page)
    assert len(data["nodes"]) <= 300  # people and cluster discs together
    shown = len(people(data))
    summary = re.search(r'<p id="wt-summary">(.*?)</p>', page, re.S).group(1)
    assert f"Showing {shown:,} of 2,001 people" in summary
    assert "highest betweenness" in summary and "cluster discs sized by their members" in summary
    # every cluster is a disc whose tooltip counts all its members, drawn or not
    discs = [n for n in data["nodes"] if n["k"] == "c"]
    counted = sum(int(re.search(r"\n([\d,]+) (?:people|person)", d["title"]).group(1)
                      .replace(",", "")) for d in discs)  # fmt: skip
    assert counted == 2_000
    assert any(n["k"] == "o" for n in people(data))


def test_full_view_below_max_nodes():
    page = render_html(ego_graph(400), max_nodes=401)
    assert "Showing all 401 people" in page
    assert len(people(page_data(page))) == 401


def test_30k_contacts_render_reduced():
    """LinkedIn's cap on connections (render time is measured by hand, never asserted)."""
    G = ego_graph(30_000)
    data = page_data(render_html(G))
    assert len(data["nodes"]) <= 1500
    assert len(data["edges"]) <= view.MAX_EDGES + 300


def test_ties_are_capped_and_the_page_says_so(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(view, "MAX_EDGES", 40)
    page = render_html(karate_people())
    data = page_data(page)
    assert len(data["edges"]) == 40
    assert "Drawing 40 of their 79 ties" in page
    # the bridge is kept first
    assert any(e.get("color", {}).get("color") == view.BRIDGE_COLOUR for e in data["edges"])


def test_same_graph_same_bytes():
    G = karate_people()
    first = render_html(G, title="Karate")
    assert render_html(G, title="Karate") == first
    # built in another order, it is the same graph: same page
    H = nx.Graph()
    H.graph.update(G.graph)
    H.add_nodes_from(reversed(list(G.nodes(data=True))))
    H.add_edges_from(reversed([(v, u, d) for u, v, d in G.edges(data=True)]))
    assert render_html(H, title="Karate") == first


def test_reduced_view_is_reproducible():
    G = ego_graph(3_000, seed=5)
    assert render_html(G, max_nodes=400) == render_html(G, max_nodes=400)


def test_too_small_max_nodes_is_refused():
    with pytest.raises(WeaktiesError, match="max_nodes"):
        render_html(karate_people(), max_nodes=3)


def test_empty_graph():
    page = render_html(nx.Graph())
    assert "The graph is empty" in page
    assert page_data(page)["nodes"] == []


def test_write_html_is_atomic(tmp_path, monkeypatch: pytest.MonkeyPatch):
    target = tmp_path / "network.html"
    write_html(karate_people(), target, title="Karate")
    assert target.read_text(encoding="utf-8") == render_html(karate_people(), title="Karate")
    assert os.listdir(tmp_path) == ["network.html"]

    # a failure while replacing leaves the old page and no temporary file behind
    def fail(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(WeaktiesError, match="No space left"):
        write_html(nx.path_graph(3), target)
    assert os.listdir(tmp_path) == ["network.html"]
    assert "Karate" in target.read_text(encoding="utf-8")


def test_write_html_into_a_missing_folder(tmp_path):
    with pytest.raises(WeaktiesError, match="cannot write"):
        write_html(karate_people(), tmp_path / "nowhere" / "network.html")


def _lab(colour: str) -> tuple[float, float, float]:
    """CIELAB (D65) of an sRGB hex colour, by the textbook formulas."""
    rgb = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb)
    xyz = ((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b,
           (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883)
    fx, fy, fz = (t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in xyz)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def test_cluster_colours_are_far_apart_and_from_the_bridge_colours():
    # Two yellows and two teals once shared one map: every pair of cluster colours, and each
    # against the bridge red, the local-bridge orange and the grey of "other clusters", must be
    # clearly apart (ΔE*76 >= 25; about 2.3 is a just-noticeable difference).
    colours = list(view.PALETTE)
    assert len(set(colours)) == len(colours) == view.MAX_GROUPS
    reserved = [view.BRIDGE_COLOUR, view.LOCAL_BRIDGE_COLOUR, view.OTHER_COLOUR]
    for i, a in enumerate(colours):
        for b in colours[i + 1:] + reserved:
            assert math.dist(_lab(a), _lab(b)) >= 25, (a, b)


SAMPLE_TEAM = os.path.join(os.path.dirname(__file__), "..", "sample_exports", "team")


@pytest.fixture(scope="module")
def team_page() -> str:
    import weakties
    from weakties.analysis import annotate, run

    G, _ = weakties.load([SAMPLE_TEAM])
    annotate(G, run(G))
    return render_html(G)


def test_every_cluster_has_its_own_colour_number_and_whole_name(team_page):
    legend = team_page[team_page.index('<ul class="wt-clusters">'):]
    legend = legend[:legend.index("</ul>")]
    entries = re.findall(r'background:(#[0-9a-f]{6})"></span><span class="wt-no">([^<]*)</span>'
                         r'<span class="wt-name">([^<]*)</span>', legend)
    assert len(entries) == 18  # the team's 18 clusters, each with its own disc
    assert len({c for c, _, _ in entries}) == 18  # no colour twice
    assert [n for _, n, _ in entries] == [f"#{i}" for i in range(18)]  # ids as in clusters.csv
    # "other contacts" names two clusters: the number tells them apart
    assert [(n, lab) for _, n, lab in entries if lab == "other contacts"] == [
        ("#16", "other contacts"), ("#17", "other contacts")]
    # names are whole (the legend wraps them instead of cutting them)
    assert ("#3", "Nimbus Systems · engineering (7 of 10)") in [(n, lab) for _, n, lab in entries]
    assert "text-overflow:ellipsis}" not in team_page.split(".wt-name{")[1].split("\n")[0]
    # each disc carries its number for the canvas caption
    discs = [n for n in page_data(team_page)["nodes"] if n["k"] == "c"]
    assert sorted(d["caption"][0] for d in discs) == sorted(f"#{i}" for i in range(18))


def test_tie_class_says_to_which_owner(team_page):
    # Emma Janssens is in Alice's and Bob's exports: a strong tie to Alice (weekly messages),
    # a weak one to Bob (a connection and little else) -- see ties.csv of the sample.
    emma = next(n for n in people(page_data(team_page)) if n["n"] == "Emma Janssens")
    assert "Tie to Alice Lindqvist: strong" in emma["title"]
    assert "Tie to Bob Okafor: weak" in emma["title"]
    assert "Tie class:" not in emma["title"]


@pytest.mark.parametrize("seed", range(40))
def test_near_pairs_are_those_of_a_kd_tree(seed):
    """The dots are pushed apart over the pairs closer than a reach: the same pairs as scipy's
    k-d tree finds, with ties in x and pairs at exactly the reach (integer coordinates)."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 1600))
    xy = rng.normal(size=(n, 2)) * rng.uniform(1, 500)
    if seed % 2:
        xy = np.round(xy)  # many equal x, and 3-4-5 triangles at the reach
    reach = float(rng.integers(1, 60)) if seed % 2 else float(rng.uniform(0.5, 60))
    want = {tuple(p) for p in cKDTree(xy).query_pairs(reach, output_type="ndarray").tolist()}
    got = view._near_pairs(xy, reach).tolist()
    assert len(got) == len(set(map(tuple, got)))  # each pair once
    assert {tuple(p) for p in got} == want
    assert all(i < j for i, j in got)


# --- drawn from tables: the report's people and ties frames, in any row order --------------------


def test_tables_and_annotated_graph_draw_the_same_page():
    # the report draws the map from people.csv's and ties.csv's tables; a library user's graph
    # goes through graph_frames: both are the same data, so the same bytes (full and reduced)
    import weakties
    from weakties.analysis import annotate, run
    from weakties.outputs.report import people_frame, ties_frame

    G, _ = weakties.load([SAMPLE_TEAM])
    result = run(G)
    annotate(G, result)
    people, ties = people_frame(G, result), ties_frame(G, result)
    for max_nodes in (1500, 40):
        assert render_html(people, ties, G.graph, max_nodes=max_nodes) == render_html(
            G, max_nodes=max_nodes)
    # shuffled rows, as another table builder might hand them over: the same page
    assert render_html(people.sample(frac=1, random_state=3),
                       ties.sample(frac=1, random_state=4), G.graph, max_nodes=40) == (
        render_html(G, max_nodes=40))


def test_graph_frames_hold_the_attributes():
    people, ties, meta = view.graph_frames(karate_people())
    assert len(people) == 35 and len(ties) == 79
    assert meta["owners"] == ["0"]
    row = people.set_index("id").loc["11"]
    assert (row["degree"], row["cluster"], row["owner"]) == (2, 0, False)
    bridge = ties[(ties["source"] == "0") & (ties["target"] == "11")].iloc[0]
    assert bridge["bridge"] is True and bridge["tie_class"] == "weak"
    # an attribute a node lacks is None, not 0 or ""
    assert people.set_index("id").loc["34", "role_family"] is None


def _choose_by_loop(ids, score, group, owners, contacts, budget):
    """The selection as first written, one person at a time (the reference)."""
    ranked = sorted((n for n in ids if n not in owners),
                    key=lambda n: (n not in contacts, -score[n], str(n)))
    chosen, taken, per_group = [], set(), {}
    for n in ranked:
        g = group[n]
        if per_group.get(g, 0) < view.QUOTA and len(chosen) < budget:
            per_group[g] = per_group.get(g, 0) + 1
            chosen.append(n)
            taken.add(n)
    for n in ranked:
        if len(chosen) >= budget:
            break
        if n not in taken:
            chosen.append(n)
            taken.add(n)
    return sorted(chosen, key=str)


@pytest.mark.parametrize("seed", range(12))
def test_reduced_selection_is_the_loops(seed):
    """The array selection of the people drawn picks who the loop over everyone picked: the
    owners' contacts first, at least QUOTA per group, then by brokerage and id."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(30, 400))
    ids = [f"p{i}" for i in range(n)]
    owners = {"p0"} if seed % 3 else {"p0", "p1"}
    score = {p: float(rng.integers(0, 5)) for p in ids}  # many equal scores: the id decides
    group = {p: int(rng.integers(0, 6)) for p in ids}
    ties = [(o, p) for o in sorted(owners) for p in ids if rng.random() < 0.5 and p != o]
    ties += [(ids[a], ids[b]) for a, b in rng.integers(0, n, size=(n, 2)) if a != b]
    contacts = ({t for s, t in ties if s in owners} | {s for s, t in ties if t in owners}) - owners
    budget = int(rng.integers(0, n))
    position = {p: i for i, p in enumerate(ids)}
    rows = view._choose(
        pd.Series(ids, dtype=object), np.array([score[p] for p in ids]),
        np.array([-1 if p in owners else group[p] for p in ids]),
        np.array([p in owners for p in ids]),
        np.array([position[s] for s, _ in ties], dtype=np.intp),
        np.array([position[t] for _, t in ties], dtype=np.intp),
        0, 0, budget)
    assert sorted((ids[i] for i in rows), key=str) == _choose_by_loop(
        ids, score, group, owners, contacts, budget)


def test_base_tables_draw_the_map_of_the_plain_graph():
    # without an analysis the report's tables have no cluster or brokerage columns at all;
    # the map is the one of the graph without those attributes: no clusters, sized by degree
    import weakties
    from weakties.graph.tables import people_table, ties_table

    G, _ = weakties.load([SAMPLE_TEAM])
    page = render_html(people_table(G), ties_table(G), G.graph, max_nodes=60)
    assert page == render_html(G, max_nodes=60)
    assert "No clusters in the data" in page and "size: number of ties" in page
