"""weakties._frames: plain Python views of pandas columns."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from weakties._frames import texts


@pytest.mark.parametrize("dtype", ["str", "string[python]", "string[pyarrow]", object])
def test_texts_reads_like_str_of_an_attribute(dtype):
    # What str(d.get(name) or "") reads: "" for NaN, None, NA and empty, the text otherwise;
    # the same for every storage of text pandas has.
    raw = ["Acme", None, "", " Globex ", "Ünïcode", None]
    frame = pd.DataFrame({"org": pd.array(raw, dtype=dtype)})
    assert texts(frame, "org") == ["Acme", "", "", " Globex ", "Ünïcode", ""]
    assert all(type(x) is str for x in texts(frame, "org"))


def test_texts_of_other_values_and_no_column():
    frame = pd.DataFrame({"n": [1.5, math.nan, 0.0], "o": np.array([3, None, "x"], dtype=object)})
    assert texts(frame, "n") == ["1.5", "", ""]
    assert texts(frame, "o") == ["3", "", "x"]
    assert texts(frame, "absent") == ["", "", ""]
