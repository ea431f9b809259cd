"""What the pages draw from (weakties.outputs.frames): plain values and tie ends to rows."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from weakties.outputs.frames import plain, positions


@pytest.mark.parametrize("seed", range(6))
def test_positions_by_arrow_are_those_of_a_pandas_index(seed):
    # pyarrow's lookup (text held by arrow, in several chunks) against pandas' own index on
    # the same values as Python objects: same row for every end, -1 for the unknown and NA
    rng = np.random.default_rng(seed)
    ids = [f"p{i}" for i in rng.permutation(500)]
    wanted = [f"p{i}" if i < 520 else None for i in rng.integers(0, 540, size=2000)]
    people = pd.concat([pd.Series(ids[:200], dtype="str"), pd.Series(ids[200:], dtype="str")],
                       ignore_index=True)
    ends = pd.concat([pd.Series(wanted[:700], dtype="str"),
                      pd.Series(wanted[700:], dtype="str")], ignore_index=True)
    by_arrow = positions(people, ends)
    by_index = pd.Index(ids, dtype=object).get_indexer(pd.Index(wanted, dtype=object))
    assert by_arrow.tolist() == by_index.tolist()
    assert positions(people.astype(object), ends.astype(object)).tolist() == by_index.tolist()


def test_plain_values_are_what_a_graph_attribute_holds():
    # annotate writes plain Python values with None for missing: the pages read the same
    assert plain(pd.Series([1.5, np.nan])) == [1.5, None]
    assert plain(pd.Series([3, None], dtype="Int64")) == [3, None]  # an int stays an int
    assert plain(pd.Series([True, None], dtype="boolean")) == [True, None]
    assert [type(x) for x in plain(pd.Series([True, False]))] == [bool, bool]
    assert plain(pd.Series(["a", None], dtype="str")) == ["a", None]
    assert plain(pd.Series([np.int64(2), float("nan"), "x"], dtype=object)) == [2, None, "x"]
