"""The analyses read the table alone: no networkx graph behind it (issue #15, point 1).

The graph stage hands the analyses an :class:`~weakties.analysis._table.EdgeTable` built from
its columns (``network_table``), with no graph to fall back on (``table.G`` is None). Every
analysis that takes the table must then give what :func:`weakties.analysis.run` gave for the
same data: a real export (the bundled team, with a ties file) and an ego network.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from test_analysis_helpers import ego_star, tie

from weakties.analysis import clusters, evidence, reciprocity, reconnect, run, strength, worlds
from weakties.analysis._table import network_table
from weakties.analysis.plan import monthly_plan
from weakties.graph.tables import as_network
from weakties.pipeline import network

SAMPLES = Path(__file__).resolve().parent.parent / "sample_exports"


def _ego_network():
    G = ego_star()
    tie(G, "ann", "bob", kinds=["ties-file"])
    return as_network(G)


@pytest.fixture(scope="module", params=["team", "ego network"])
def analysed(request):
    if request.param == "team":
        net = network([SAMPLES / "team"], ties=SAMPLES / "formats" / "alice_ties.csv")
    else:
        net = _ego_network()
    return net, run(net)


def test_the_analyses_need_no_graph(analysed):
    net, r = analysed
    table = network_table(net)
    assert table.G is None
    owners = evidence.owners_of(table)
    assert owners == evidence.owners_of(net.to_networkx()) and owners
    level = evidence.evidence_level(table)
    assert level == r.evidence_level
    ties = strength.tie_strength(table, owners, level)
    pd.testing.assert_frame_equal(ties, r.ties[ties.columns], check_exact=True)
    attrs = clusters.people_attributes(table)
    assert list(attrs.index) == list(r.people.index)
    membership = r.people["cluster"]
    labels = dict(zip(r.clusters["cluster"], r.clusters["label"], strict=True))
    pd.testing.assert_frame_equal(
        clusters.reach(table, owners, attrs, membership, r.clusters, r.ties), r.reach)
    for o in owners:
        assert clusters.owner_range(table, o, attrs, membership, r.ties) == r.figures["range"][o]
    pd.testing.assert_frame_equal(
        reconnect.reconnect(table, owners, attrs, membership, labels, r.ties,
                            novel_via=r.novel_via), r.reconnect.drop(columns="owner_name"))
    if level != evidence.EGO_STAR:
        pd.testing.assert_frame_equal(
            reconnect.introductions(table, owners, membership, r.clusters, r.reach),
            r.introductions.drop(columns="owner_name"))
    assert worlds.worlds(table, owners, membership, labels) == r.figures["worlds"]
    book = reciprocity.ledger(table, r)
    pd.testing.assert_frame_equal(book, r.ledger)
    pd.testing.assert_frame_equal(reciprocity.give_first(table, r, book), r.give_first)
    pd.testing.assert_frame_equal(monthly_plan(table, r), r.plan)
    assert len(r.plan) and len(book)
    assert table.G is None  # nothing reached for a graph on the way


def test_rows_of_ties_in_table_order_and_in_any_other():
    # Ties listed as the table lists them are recognised without a look-up per id; any
    # other order (or a subset, or one tie swapped) is looked up: the same rows either way.
    import networkx as nx
    import numpy as np

    from weakties.analysis._table import edge_table

    G = nx.relabel_nodes(nx.gnm_random_graph(30, 70, seed=4), lambda n: f"n{n:02d}")
    table = edge_table(G)
    s, t = (x.tolist() for x in table.ids())
    assert table.rows_of(s, t).tolist() == list(range(table.m))
    order = np.random.default_rng(1).permutation(table.m)
    assert table.rows_of([s[i] for i in order], [t[i] for i in order]).tolist() == order.tolist()
    swapped = s[:], t[:]
    swapped[0][3], swapped[1][3] = t[3], s[3]  # one tie written the other way round
    assert table.rows_of(*swapped).tolist() == list(range(table.m))
    assert table.rows_of(s[5:], t[5:]).tolist() == list(range(5, table.m))


def test_rows_in_finds_each_node_in_any_index():
    # An index in node order is an arange; any other order, a subset or strangers are looked
    # up by id (-1: absent); the same Index object asked again gets the same answer.
    import numpy as np

    from weakties.analysis._table import edge_table

    table = edge_table(ego_star())
    nodes = table.nodes
    for dtype in ("str", object):  # arrow-backed text, Python objects
        assert table.rows_in(pd.Index(list(nodes), dtype=dtype)).tolist() == list(
            range(len(nodes)))
        swapped = [nodes[1], nodes[0], *nodes[2:]]
        assert table.rows_in(pd.Index(swapped, dtype=dtype)).tolist()[:3] == [1, 0, 2]
    missing = pd.Index([*nodes[:-1], None], dtype="str")  # as long as the nodes, one absent
    assert table.rows_in(missing).tolist() == [*range(len(nodes) - 1), -1]
    backwards = pd.Index(nodes[::-1])
    assert [backwards[i] for i in table.rows_in(backwards)] == nodes
    some = pd.Index([nodes[2], "stranger", nodes[0]])
    want = [2 if n == nodes[0] else 0 if n == nodes[2] else -1 for n in nodes]
    assert table.rows_in(some).tolist() == want
    assert table.rows_in(some) is table.rows_in(some)
    # same ids, another Index object: found again, equal
    assert np.array_equal(table.rows_in(pd.Index(list(some))), table.rows_in(some))


def test_plan_lookup_by_id_reads_like_a_dict():
    from weakties.analysis._table import edge_table
    from weakties.analysis.plan import _ById

    table = edge_table(ego_star())
    series = pd.Series({n: f"name of {n}" for n in reversed(table.nodes[1:])})
    got = _ById(series, table)
    assert all(got[n] == f"name of {n}" for n in table.nodes[1:])
    assert table.nodes[0] not in got and "stranger" not in got
    with pytest.raises(KeyError):
        got[table.nodes[0]]


def test_by_node_equals_reindex():
    # by_node is reindex(nodes, fill_value) by position: in node order, shuffled, partial,
    # with strangers, empty; ints and texts.
    import numpy as np

    from weakties.analysis._table import edge_table

    table = edge_table(ego_star())
    nodes = table.nodes
    ints = pd.Series(range(len(nodes)), index=pd.Index(nodes), dtype="int64")
    texts = pd.Series([f"t{i}" for i in range(len(nodes))], index=pd.Index(nodes), dtype="str")
    for series, fill, dtype in ((ints, -1, np.int64), (texts, "", object)):
        for s in (series, series.iloc[::-1], series.iloc[2:],
                  pd.concat([series.iloc[:3], pd.Series([fill], index=["stranger"])]),
                  series.iloc[:0]):
            want = s.reindex(nodes, fill_value=fill).to_numpy(dtype=dtype)
            got = table.by_node(s, fill, dtype)
            assert got.dtype == want.dtype and got.tolist() == want.tolist()
