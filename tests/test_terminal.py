"""The terminal summary: whole lines in a pipe, one paragraph per skip cause, what to open."""

from __future__ import annotations

import io

from rich.console import Console

from weakties.analysis.evidence import EGO_STAR, skipped_analyses
from weakties.outputs.terminal import print_summary

LONG = "team/carol.zip/Carol export/LinkedInDataExport_2018/Recommendations Received.csv"


def summary(**extra) -> dict:
    data = {"people": 3, "ties": 2, "owners": ["Carol"], "evidence_level": EGO_STAR,
            "inputs": [{"path": LONG, "format": "linkedin-recommendations-received", "rows": 1,
                        "skipped": 0, "skipped_reasons": {}, "hidden_members": 1,
                        "notes": []}],
            "hidden_members": 1, "people_in_several_inputs": 0, "ambiguous": [], "dropped": {},
            "skipped_analyses": skipped_analyses(EGO_STAR, 1), "advice": []}
    return data | extra


def printed(data: dict, terminal: bool, **kw) -> str:
    buf = io.StringIO()
    print_summary(data, Console(file=buf, width=80, force_terminal=terminal), **kw)
    return buf.getvalue()


def test_a_pipe_gets_every_input_whole_on_one_line():
    text = printed(summary(), terminal=False)
    assert (f"  {LONG}: linkedin-recommendations-received, 1 row, 0 skipped, 1 hidden"
            in text.splitlines())
    assert "…" not in text and "┃" not in text


def test_one_hidden_member_is_singular():
    assert "1 hidden member (" in printed(summary(), terminal=False)
    assert "2 hidden members (" in printed(summary(hidden_members=2), terminal=False)


def test_a_cause_shared_by_seven_skipped_analyses_is_said_once():
    text = printed(summary(), terminal=False)
    star = "a single export is a star: no ties among your contacts are observed"
    assert text.lower().count(star) == 1
    lines = text.splitlines()
    # ... and every analysis it skips is still listed, with its own consequence.
    assert "    - betweenness: every path runs through you" in lines
    assert sum(line.startswith("    - ") for line in lines) == 9  # 7 + 2 beyond the contacts


def test_the_last_line_says_what_to_open_first():
    text = printed(summary(), terminal=False, out_dir="out",
                   files=["people.csv", "report.html", "network.html"])
    assert text.splitlines()[-1] == ("Open out/network.html (the map) first, then "
                                     "out/report.html (the one-page report) in a browser.")
