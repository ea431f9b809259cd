"""The report folder: summary.json, people.csv, ties.csv and the analysis tables."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from weakties import _background as background
from weakties._version import __version__
from weakties.analysis.schema import PEOPLE_ANALYSIS, TIES_ANALYSIS
from weakties.graph import LoadReport
from weakties.graph.tables import people_table, ties_table
from weakties.outputs.files import write_csv, write_json
from weakties.outputs.frames import with_clusters

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["people_frame", "ties_frame", "summary", "write_report"]


def people_frame(people: pd.DataFrame | nx.Graph, analysis=None) -> pd.DataFrame:
    """people.csv: one row per person of the base table ``people``
    (:func:`weakties.graph.tables.people_table`, or a graph to take it from) with the
    analysis' columns, owners first."""
    frame = people if isinstance(people, pd.DataFrame) else people_table(people)
    if analysis is not None and len(analysis.people):
        extra = analysis.people.reindex(columns=PEOPLE_ANALYSIS)
        joined = _joined(frame, extra, [frame["id"]], [extra.index])
        frame = joined if joined is not None else frame.merge(
            extra, left_on="id", right_index=True, how="left")
    return frame.sort_values(["owner", "name", "id"], ascending=[False, True, True],
                             kind="stable").reset_index(drop=True)


def ties_frame(ties: pd.DataFrame | nx.Graph, analysis=None) -> pd.DataFrame:
    """ties.csv: one row per tie of the base table ``ties``
    (:func:`weakties.graph.tables.ties_table`, or a graph to take it from) with the
    analysis' columns; ``source`` < ``target`` and sorted, so the file is stable across runs."""
    frame = ties if isinstance(ties, pd.DataFrame) else ties_table(ties)
    if analysis is not None and len(analysis.ties):
        extra = analysis.ties.reindex(columns=["source", "target", *TIES_ANALYSIS])
        keys = ["source", "target"]
        joined = _joined(frame, extra.drop(columns=keys), [frame[k] for k in keys],
                         [extra[k] for k in keys])
        frame = joined if joined is not None else frame.merge(extra, on=keys, how="left")
    return frame.sort_values(["source", "target"], kind="stable").reset_index(drop=True)


def _joined(frame: pd.DataFrame, extra: pd.DataFrame, keys: list, extra_keys: list
            ) -> pd.DataFrame | None:
    """``frame`` with ``extra``'s columns side by side when both list the same keys in the same
    order (the analysis keeps the network's order), as the left merge would give them; else
    None (then merge). Comparing the keys is a tenth of hashing them (B's ties: 0.13 s)."""
    if len(frame) != len(extra) or set(frame.columns) & set(extra.columns):
        return None
    for mine, theirs in zip(keys, extra_keys, strict=True):
        if not np.array_equal(np.asarray(mine, dtype=object), np.asarray(theirs, dtype=object)):
            return None
    return frame.assign(**{col: extra[col].array for col in extra.columns})


IDENTITY_COLUMNS = ["kind", "person", "key", "value", "records", "inputs"]


def identities_frame(report: LoadReport) -> pd.DataFrame:
    """``identities.csv``: every merge (``kind`` merge, ``key`` the key that made it: email,
    url, phone, handle, name + organisation, name within one owner's data, the owner named
    alike), every ``--aliases`` row (alias / alias not applied) and every near miss (one name,
    several people, not merged)."""
    return pd.DataFrame(report.identities, columns=IDENTITY_COLUMNS)


def summary(people: pd.DataFrame, ties: pd.DataFrame, meta: dict, report: LoadReport,
            analysis=None) -> dict:
    """The figures of ``summary.json`` (and of ``--json`` on stdout), from the people and ties
    tables (base or with the analysis' columns) and the graph's facts ``meta``."""
    owners = meta.get("owners", [])
    mine = people[people["id"].isin(owners)]
    names = dict(zip(mine["id"].tolist(), mine["name"].tolist(), strict=True))
    data = {
        "weakties_version": __version__,
        "people": len(people),
        "owners": [names[o] for o in owners],
        "ties": len(ties),
        "hidden_members": report.hidden_members,
        "evidence_level": analysis.evidence_level if analysis else None,
        "as_of": meta.get("as_of", ""),
        "inputs": [
            {k: i[k] for k in ("path", "format", "rows", "skipped", "skipped_reasons",
                               "hidden_members", "notes")}
            for i in report.inputs
        ],
        "skipped_analyses": list(analysis.skipped) if analysis else [],
        "owner_identities": report.owners,
        "people_in_several_inputs": report.merges,
        "ambiguous": report.ambiguous,
        "dropped": report.dropped,
        "ignored_files": report.ignored_files,
        "unmatched_ties": report.unmatched_ties,
    }
    if analysis is not None:
        data["figures"] = analysis.figures
        data["advice"] = list(analysis.advice)
    return data


def write_report(people: pd.DataFrame, ties: pd.DataFrame, meta: dict, report: LoadReport,
                 analysis, out: Path, *, with_map: bool = False) -> list[Path]:
    """Write every report file into ``out`` (created if needed); return the paths written.

    ``people`` and ``ties`` are the base tables (``Network.people`` / ``Network.ties``),
    ``meta`` the graph's facts (``Network.meta``, ``G.graph``: owners, as_of …; the pages
    name clusters by the analysis' labels, :func:`~weakties.outputs.frames.with_clusters`).
    people.csv and ties.csv are those tables with the analysis' columns
    (:func:`people_frame`, :func:`ties_frame`), made once and drawn by the pages too.
    With an analysis, also its reciprocity ledger and this month's plan, and ``report.html``,
    the page that shows them all (:mod:`weakties.outputs.onepage`; it links ``network.html``,
    which :func:`weakties.outputs.view.write_html` writes; ``with_map`` writes it too, as
    ``network.html``).

    The pages (plots, map) are drawn in a forked child while this process writes the CSV
    files (:mod:`.background`): at 30,000 contacts, and with twenty owners, each side then
    takes about as long as the other (B: 1.4 s of pages, 1.3 s of CSV text).
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    report_page = [out / "report.html"] if analysis is not None else []
    map_page = [out / "network.html"] if with_map else []

    people = people_frame(people, analysis)
    ties = ties_frame(ties, analysis)
    meta = with_clusters(meta, analysis)
    tables = {"people.csv": people, "ties.csv": ties}
    if analysis is not None:
        tables.update({"clusters.csv": analysis.clusters,
                       "second_degree.csv": analysis.second_degree,
                       "reconnect.csv": analysis.reconnect,
                       "introductions.csv": analysis.introductions,
                       "reciprocity.csv": analysis.ledger, "plan.csv": analysis.plan})
    tables["identities.csv"] = identities_frame(report)

    def draw_pages() -> None:
        if analysis is not None:
            from weakties.outputs.onepage import write_onepage

            write_onepage(people, ties, meta, analysis, out / "report.html")
        if with_map:
            from weakties.outputs.view import write_html

            write_html(people, ties, meta, out / "network.html")

    page = background.start(draw_pages) if report_page or map_page else None
    try:
        for name, frame in tables.items():
            write_csv(frame, out / name)
        write_json(summary(people, ties, meta, report, analysis), out / "summary.json")
        if page is not None:
            page.wait()
    except BaseException:
        if page is not None:
            page.cancel()
        raise
    written = [out / name for name in tables]
    return written + report_page + [out / "summary.json"] + map_page
