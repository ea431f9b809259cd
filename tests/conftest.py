"""Shared fixtures: one Spark session for the whole run (the Spark engine's tests)."""

from __future__ import annotations

import importlib.util
import os
import shutil

import pytest

#: Test settings on top of the engine's local ones, for graphs of a few hundred ties where a job's
#: fixed cost is everything: one shuffle partition, no adaptive re-planning between stages, no
#: whole-stage code generation (compiling a plan costs more than running it).
SPARK_TEST_CONF = {
    "spark.sql.shuffle.partitions": "1",
    "spark.default.parallelism": "1",
    "spark.sql.adaptive.enabled": "false",
    "spark.sql.codegen.wholeStage": "false",
}


def _spark_missing() -> str | None:
    if importlib.util.find_spec("pyspark") is None:
        return "pyspark is not installed (pip install -e '.[test]' installs weakties[spark])"
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        return "no Java runtime (apt-get install openjdk-17-jre-headless)"
    return None


def _unavailable(reason: str):
    """Skip where Spark cannot run -- but never in CI, where its tests must run."""
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        pytest.fail(f"the Spark engine's tests must run in CI: {reason}")
    pytest.skip(f"Spark engine not testable here: {reason}")


@pytest.fixture(scope="session")
def spark():
    """A local[2] Spark session shared by every test that asks for it."""
    reason = _spark_missing()
    if reason:
        _unavailable(reason)
    from weakties.analysis.spark import session
    from weakties.errors import WeaktiesError

    try:
        s = session("local[2]", conf=SPARK_TEST_CONF)
    except WeaktiesError as err:
        _unavailable(str(err))
    yield s
    s.stop()
