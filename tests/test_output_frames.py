"""What the pages draw from (weakties.outputs.frames): plain values and tie ends to rows."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from weakties.outputs.frames import one_line, plain, positions


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


# --- one line of display text: the fast path equals the plain definition ------------------------

_WHITESPACE = (" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u200a\u2028\u2029\u202f"
               "\u205f\u3000")


def _one_line_by_definition(value, limit):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@settings(max_examples=400, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(_WHITESPACE + "aé李\u200b\ufeff\x00"), max_size=8)
       | st.text(max_size=12), limit=st.integers(1, 12))
def test_one_line_is_whitespace_collapsed_and_cut(text, limit):
    assert one_line(text, limit) == _one_line_by_definition(text, limit)


@pytest.mark.parametrize("value", [None, float("nan"), 1.5, 3, True, ["a b"], float("inf")])
def test_one_line_of_a_value_that_is_not_text(value):
    assert one_line(value, 10) == _one_line_by_definition(value, 10)
