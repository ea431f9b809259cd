"""The report folder of an edge list analysed in Spark alone (``weakties analyze edges.parquet
--engine spark``): ties.csv, people.csv and summary.json with what that path computes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from weakties._version import __version__
from weakties.analysis.schema import PEOPLE_COLUMNS, TIES_COLUMNS
from weakties.analysis.spark import analyse_edge_list
from weakties.outputs.files import staged_folder, write_csv, write_json

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

__all__ = ["edge_list_report"]

#: What the Spark edge-list path leaves out, and the columns that stay empty for it.
SKIPPED = [
    ("tie strength and classes", "tie_class, strength, sweet_spot"),
    ("local-bridge spans", "span"),
    ("betweenness and structural holes", "betweenness, constraint, effective_size"),
    ("clusters", "cluster, cluster_label"),
    ("second-degree contacts, reconnect, introductions", "an edge list names no owner"),
]


def edge_list_report(spark: SparkSession, path: str, out: Path) -> list[Path]:
    """Analyse an edge list in Spark (:func:`analyse_edge_list`) and write ``ties.csv``,
    ``people.csv`` and ``summary.json`` into ``out``; return the paths written.

    The files have the report's column names; what this path does not compute is empty and
    listed under ``skipped_analyses``. ``people.csv`` adds ``component`` (the smallest person
    id of the connected component). The figures (ids and numbers, not the graph) are collected
    to the driver and written like every report file: atomically, UTF-8 with BOM, formula
    cells neutralised.
    """
    result = analyse_edge_list(spark, path)
    ties = result.ties.orderBy("source", "target").toPandas()
    people = result.people.orderBy("id").toPandas()
    ties_out = pd.DataFrame(index=ties.index, columns=TIES_COLUMNS, dtype=object)
    ties_out[["source", "target", "weight", "mutual_contacts", "overlap", "bridge",
              "local_bridge"]] = ties[["source", "target", "weight", "mutual_contacts",
                                       "overlap", "bridge", "local_bridge"]]
    ties_out["source_name"], ties_out["target_name"] = ties["source"], ties["target"]
    ties_out["kinds"] = "edge"
    for col in ("messages", "messages_source_to_target", "messages_target_to_source",
                "group_conversations", "endorsements", "recommendations", "meetings",
                "coparticipation", "shared_events"):
        ties_out[col] = 0
    ties_out["inferred"] = False
    people_out = pd.DataFrame(index=people.index, columns=[*PEOPLE_COLUMNS, "component"],
                              dtype=object)
    people_out[["id", "degree", "component"]] = people[["id", "degree", "component"]]
    people_out["name"] = people["id"]
    people_out["owner"] = False
    f = result.figures
    data = {
        "weakties_version": __version__, "engine": "spark", "people": f["people"],
        "owners": [], "ties": f["ties"], "evidence_level": f["evidence_level"],
        "inputs": [{"path": str(path), "format": "edge list (read by Spark)",
                    "rows": f["dropped"]["rows"],
                    "skipped": f["dropped"]["missing_endpoint"] + f["dropped"]["self_loops"],
                    "skipped_reasons": {k: v for k, v in (
                        ("missing endpoint", f["dropped"]["missing_endpoint"]),
                        ("self-loop", f["dropped"]["self_loops"])) if v}}],
        "skipped_analyses": [
            {"analysis": name, "reason": f"not computed on the Spark edge-list path ({what})",
             "unlock": "run on one machine (weakties analyze with a local edge list) for the "
                       "full report"} for name, what in SKIPPED],
        "figures": {k: v for k, v in f.items() if k != "dropped"},
        "advice": [],
    }
    with staged_folder(out) as stage:
        write_csv(ties_out, stage / "ties.csv")
        write_csv(people_out, stage / "people.csv")
        write_json(data, stage / "summary.json")
    return [Path(out) / name for name in ("ties.csv", "people.csv", "summary.json")]
