"""report.html without a browser: the plots' numbers, the figures, escaping, CSP, determinism."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import tables, write_report_of, write_team
from test_plan import plan_team

import weakties
from weakties.analysis import run
from weakties.cli import cli
from weakties.outputs.onepage import CSP, _plain, plot_data, render_onepage, write_onepage

SAMPLES = Path(__file__).resolve().parent.parent / "sample_exports" / "team"
PWN = '<img src=x onerror="window.__pwned=1">'


class Page(HTMLParser):
    """Every element (tag, attributes) and every piece of text of a page."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.texts: list[str] = []
        self.svg_texts: dict[str, list[str]] = {}
        self._plot: str | None = None
        self._in_text = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        self.elements.append((tag, a))
        if tag == "figure":
            self._plot = a.get("data-plot")
            self.svg_texts[self._plot] = []
        self._in_text = tag == "text"

    def handle_endtag(self, tag):
        if tag == "figure":
            self._plot = None
        if tag == "text":
            self._in_text = False

    def handle_data(self, data):
        self.texts.append(data)
        if self._in_text and self._plot:
            self.svg_texts[self._plot].append(data)

    def find(self, tag: str, **attrs: str) -> list[dict[str, str]]:
        return [a for t, a in self.elements if t == tag
                and all(a.get(k.replace("_", "-")) == v for k, v in attrs.items())]

    def plots(self) -> dict[str, dict]:
        return {a["data-plot"]: json.loads(a["data-values"]) for a in self.find("figure")}

    def cards(self) -> dict[str, object]:
        return {a["data-figure"]: json.loads(a["data-value"]) for a in self.find("div")
                if "data-figure" in a and "data-value" in a}


@pytest.fixture(scope="module")
def mia():
    G = plan_team()
    return G, run(G)


@pytest.fixture(scope="module")
def mia_page(mia) -> str:
    """Mia's page, rendered once (drawing six plots takes a second or two)."""
    G, r = mia
    return render_onepage(*tables(G, r), r)


def test_plot_numbers_are_the_known_ones(mia, mia_page):
    G, r = mia
    # plan_team (tests/test_plan.py): Mia's eight ties were made in 2017 (d2), 2018 (d1),
    # 2021 (f1, f2, f3) and 2024 (w1, a1, g1).
    page = Page(mia_page)
    assert page.plots() == _plain(plot_data(*tables(G, r), r))
    plots = page.plots()
    assert plots["growth"]["years"] == list(range(2017, 2025))
    assert plots["growth"]["series"] == {"Mia": [1, 1, 0, 0, 3, 0, 0, 3]}
    # Five contacts at Northbridge (f1-f3, w1, d2), one each at Acme, Helix and Studio Fjord.
    assert plots["organisations"]["labels"] == ["Northbridge University", "Acme Robotics",
                                                "Helix Bio", "Studio Fjord"]
    assert plots["organisations"]["counts"] == [5, 1, 1, 1]
    # Students f1-f3 and w1; a lecturer (d2) and a research scientist (d1); a designer; a
    # robotics engineer.
    assert plots["roles"]["labels"] == ["student", "research/academia", "design", "engineering"]
    assert plots["roles"]["counts"] == [4, 2, 1, 1]
    # Strong: f1-f3 (weekly messages); weak: w1, a1, g1; dormant: d1, d2 (nothing for years).
    assert {k: plots["ties"][k] for k in ("owners", "strong", "weak", "dormant")} == {
        "owners": ["Mia"], "strong": [3], "weak": [3], "dormant": [2]}
    # Clusters: 0 = Northbridge {f1, f2, f3, w1, d2, s1} (orgs 5 + 1: Blau 1 - 26/36 = 0.2778;
    # roles student 4, research 1, data 1: 1 - 18/36 = 0.5); 1 = Acme {a1, a2, a3} (one org, all
    # engineering: 0, 0); 2 = Helix {d1, h1, h2} (one org; research 2, other 1: 1 - 5/9).
    # g1 alone is left out (size 1).
    d = plots["diversity"]
    assert (d["clusters"], d["size"]) == ([0, 1, 2], [6, 3, 3])
    assert d["blau_organisation"] == [0.2778, 0.0, 0.0]
    assert d["blau_role"] == [0.5, 0.0, 0.4444]
    # Second degree: a2, a3 in Acme and h1, h2 in Helix (clusters Mia reaches), s1 in
    # Northbridge, at Kelpie Labs where she knows no one (novel). Biggest first.
    s = plots["second_degree"]
    assert (s["clusters"], s["novel"], s["known"]) == ([1, 2, 0], [0, 0, 1], [2, 2, 0])


def test_every_plot_with_data_is_an_inline_svg_with_its_labels(mia_page):
    page = Page(mia_page)
    assert [a["data-plot"] for a in page.find("figure")] == [
        "growth", "organisations", "roles", "ties", "diversity", "second_degree"]
    assert len(page.find("svg")) == 6
    assert all(a["role"] == "img" for a in page.find("svg"))
    svg = page.svg_texts
    assert {"Northbridge University", "Acme Robotics", "5"} <= set(svg["organisations"])
    assert {"student", "4"} <= set(svg["roles"])
    assert {"strong", "weak", "dormant", "Mia"} <= set(svg["ties"])
    assert "0.28" in [t.strip() for t in svg["diversity"]]
    # ids are salted per plot: no two elements of the page share one
    ids = [a["id"] for _, a in page.elements if "id" in a]
    assert len(ids) == len(set(ids))


def test_headline_figures(mia_page):
    cards = Page(mia_page).cards()
    assert cards["size"] == 8
    assert cards["evidence"] == "whole network"
    # organisations of the eight contacts: 5, 1, 1, 1 -> Blau 1 - 28/64
    assert cards["range"] == pytest.approx(1 - 28 / 64, abs=1e-4)
    assert cards["ties"] == {"strong": 3, "weak": 3, "dormant": 2}
    # Acme (a1), Helix (d1) and g1's group are each reached through one person
    assert cards["fragile"] == 3


def test_plan_give_and_ledger_sections(mia_page):
    page = Page(mia_page)
    picks = [(a["data-person"], a["data-kind"]) for a in page.find("li") if "data-kind" in a]
    assert picks == [("a1", "weak tie"), ("d1", "dormant tie"), ("s1", "introduction"),
                     ("g1", "weak tie")]
    text = " ".join(page.texts)
    assert "never for a job" in text
    assert "Via Fay." in text


def test_a_plot_without_data_says_why():
    G = nx_karate()
    r = run(G)
    page = Page(render_onepage(*tables(G, r), r))
    assert page.plots()["ties"]["owners"] == ["all ties"]  # whole network, no owner
    notes = {a["data-plot"]: json.loads(a["data-values"]).get("note") for a in page.find("figure")}
    assert notes["growth"].startswith("No connection dates")
    assert notes["organisations"] == "No organisation is known for these contacts."
    assert notes["second_degree"].startswith("Not available")


def nx_karate():
    import networkx as nx

    G = nx.relabel_nodes(nx.karate_club_graph(), str)
    for n in G:
        G.nodes[n].clear()
        G.nodes[n]["name"] = f"member {n}"
    G.graph.clear()
    G.graph.update(owners=[], whole_network=True, as_of="")
    for u, v in G.edges:
        G[u][v].clear()
        G[u][v].update(kinds=["edge"], weight=1.0)
    return G


ALLOWED = {
    "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p", "section",
    "div", "figure", "figcaption", "strong", "span", "br", "ol", "ul", "li", "table", "thead",
    "tbody", "tr", "th", "td", "a", "code", "footer",
    # the plots (weakties.outputs.charts)
    "svg", "defs", "pattern", "rect", "line", "text",
}


def test_hostile_export_strings_stay_text(mia):
    G, r = mia
    G = G.copy()
    G.nodes["a1"]["name"] = PWN
    G.nodes["d1"]["organisation"] = "<script>window.__pwned=2</script>"
    G.nodes["a1"]["position"] = '"><svg onload="window.__pwned=3">'
    G.nodes["g1"]["organisation"] = "$x^2$ & <b>Co</b>"
    G.nodes["d2"]["organisation"] = 'Co onerror="alert(1)"'  # text in the SVG, not a handler
    r = run(G, target='<img src=y onerror="window.__pwned=4">')
    text = render_onepage(*tables(G, r), r)
    page = Page(text)
    assert "<script" not in text.lower()  # the page has no script at all
    tags = {t for t, _ in page.elements}
    assert tags <= ALLOWED, tags - ALLOWED
    assert not [a for _, a in page.elements if any(k.startswith("on") for k in a)]
    joined = "".join(page.texts)
    for hostile in (PWN, "<script>window.__pwned=2</script>", '"><svg onload="window.__pwned=3">',
                    '<img src=y onerror="window.__pwned=4">'):
        assert hostile in joined  # shown as the text it is
    # in the plots too, as SVG text; a dollar sign is not maths
    assert "<script>window.__pwned=2</script>" in page.svg_texts["organisations"]
    assert "$x^2$ & <b>Co</b>" in page.svg_texts["organisations"]
    assert 'Co onerror="alert(1)"' in page.svg_texts["organisations"]


def test_csp_and_no_remote_reference(mia_page):
    page = Page(mia_page)
    [meta] = page.find("meta", http_equiv="Content-Security-Policy")
    assert meta["content"] == CSP
    assert CSP.startswith("default-src 'none';") and "script-src" not in CSP
    for _, a in page.elements:
        for key in ("src", "href", "xlink:href"):
            value = a.get(key, "")
            assert not re.match(r"\s*(https?:|//|data:text/html|javascript:)", value, re.I), value


RENDER = """
import hashlib, sys
sys.path.insert(0, sys.argv[1])
from helpers import tables
from test_plan import plan_team
from weakties.analysis import run
from weakties.outputs.onepage import render_onepage
G = plan_team()
r = run(G)
print(hashlib.sha256(render_onepage(*tables(G, r), r).encode()).hexdigest())
"""


def test_same_input_same_bytes(mia, mia_page):
    G, r = mia
    assert render_onepage(*tables(G, r), r) == mia_page
    assert "Date" not in mia_page and "<metadata" not in mia_page and "<?xml" not in mia_page
    # and in other processes, whatever the order of their sets and dicts
    here = Path(__file__).resolve().parent
    digests = set()
    for seed in ("1", "2"):
        done = subprocess.run([sys.executable, "-c", RENDER, str(here)], capture_output=True,
                              text=True, timeout=300,
                              env={**os.environ, "PYTHONHASHSEED": seed,
                                   "PYTHONPATH": str(here.parent)})
        assert done.returncode == 0, done.stderr[-2000:]
        digests.add(done.stdout.strip())
    assert digests == {hashlib.sha256(mia_page.encode()).hexdigest()}


def test_rows_in_any_order_same_page(mia, mia_page):
    # the page is drawn from the people and ties tables: another table builder's row order
    # must not show
    G, r = mia
    people, ties, meta = tables(G, r)
    assert render_onepage(people.sample(frac=1, random_state=1),
                          ties.sample(frac=1, random_state=2), meta, r) == mia_page


def test_write_report_writes_the_ledger_plan_and_page(tmp_path):
    G, report = weakties.load([SAMPLES])
    r = run(G, target="Acme")
    written = write_report_of(G, report, r, tmp_path)
    names = [p.name for p in written]
    assert {"reciprocity.csv", "plan.csv", "report.html"} <= set(names)
    page = Page((tmp_path / "report.html").read_text(encoding="utf-8"))
    links = {a["href"] for a in page.find("a")}
    assert {"network.html", "plan.csv", "reciprocity.csv", "people.csv", "ties.csv"} <= links
    plan = (tmp_path / "plan.csv").read_text(encoding="utf-8-sig")
    assert plan.startswith("owner,owner_name,rank,kind,person,")
    assert "Matches “Acme”" in plan
    # the sample team's Alice: Kwame Mensah endorsed her 3 times and recommended her once
    ledger = (tmp_path / "reciprocity.csv").read_text(encoding="utf-8-sig").splitlines()
    kwame = next(line for line in ledger if "Kwame Mensah" in line and "Alice" in line)
    assert ",1,3,0,1," in kwame


def test_write_onepage_is_atomic(mia, tmp_path):
    G, r = mia
    path = tmp_path / "report.html"
    write_onepage(*tables(G, r), r, path)
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_report_command_writes_one_page(tmp_path):
    team = write_team(tmp_path / "in")
    out = tmp_path / "page.html"
    result = CliRunner().invoke(cli, ["report", str(team), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output == f"Wrote {out}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "page.html"]
    page = Page(out.read_text(encoding="utf-8"))
    assert page.find("a") == []  # a lone page: no links to files that are not there
    assert "weakties analyze INPUT --out FOLDER" in "".join(page.texts)


def test_analyze_with_exclude_never_repeats_last_months_plan(tmp_path):
    from weakties.analysis.plan import read_previous_plan

    runner = CliRunner()
    alice = SAMPLES / "alice.zip"
    first, second = tmp_path / "nov", tmp_path / "dec"
    result = runner.invoke(cli, ["analyze", str(alice), "--out", str(first), "-q"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["analyze", str(alice), "--out", str(second), "-q",
                                 "--exclude", str(first / "plan.csv")])
    assert result.exit_code == 0, result.output
    before, after = read_previous_plan(first / "plan.csv"), read_previous_plan(second / "plan.csv")
    assert len(before) == 3 and after and not before & after


def test_exclude_must_be_a_plan(tmp_path):
    bad = tmp_path / "people.csv"
    bad.write_text("id,name\n", encoding="utf-8")
    team = write_team(tmp_path / "in")
    result = CliRunner().invoke(cli, ["report", str(team), "-o", str(tmp_path / "r.html"),
                                      "--exclude", str(bad)])
    assert result.exit_code == 1
    assert result.output == (f"Error: {bad}: expected a plan.csv written by weakties (a 'person' "
                             "column), found: id, name; pass the plan.csv of an earlier report\n")
    assert not (tmp_path / "r.html").exists()


@pytest.fixture(scope="module")
def team_page():
    G, _ = weakties.load([SAMPLES])
    r = run(G)
    return G, r, render_onepage(*tables(G, r), r)


def test_diversity_plot_draws_only_what_varies(team_page):
    # The bundled team's twelve biggest clusters are contacts grouped by their shared
    # employer: organisation diversity is 0 in each by construction, so only role families
    # are drawn and the caption says why.
    G, r, page = team_page
    d = Page(page).plots()["diversity"]
    assert d["blau_organisation"] == [0.0] * len(d["clusters"])
    assert d["drawn"] == ["blau_role"]
    assert any(d["blau_role"])
    assert "role families are what varies" in d["remark"]
    svg = Page(page).svg_texts["diversity"]
    assert "role families" in svg and "organisations" not in svg


def test_second_degree_legend_lists_only_colours_drawn(team_page):
    # No second-degree contact of the team is in a cluster they do not reach: no red bar, so
    # no red legend entry either.
    _, _, page = team_page
    s = Page(page).plots()["second_degree"]
    assert not any(s["novel"]) and s["remark"].startswith("None of them")
    svg = Page(page).svg_texts["second_degree"]
    assert "where you already know someone" in svg
    assert "in a circle you don't reach" not in svg


def test_team_ledger_says_whose_figures(team_page):
    G, _, page = team_page
    ledger = page[page.index('id="ledger"'):]
    intro = ledger[ledger.index('class="intro">'):ledger.index("</p>")]
    # Alice's export holds 5 endorsements given (Endorsement_Given_Info.csv, 5 rows); on a
    # team page the figure is hers, not "you gave".
    assert "Alice Lindqvist gave 5 endorsements" in intro
    assert "you gave" not in intro


# --------------------------------------------------------------------------------------------
# The plots' SVG (weakties.outputs.charts): bars measure their numbers, text stays text

SVG = "{http://www.w3.org/2000/svg}"


def svgs(page: str) -> dict[str, ET.Element]:
    """Each plot's <svg>, parsed as XML (so it is well-formed on its own), by plot name."""
    found = {}
    for figure in re.finditer(r'<figure class="wt-plot" id="plot-(\w+)".*?</figure>', page, re.S):
        svg = re.search(r"<svg.*?</svg>", figure.group(0), re.S)
        if svg:
            found[figure.group(1)] = ET.fromstring(svg.group(0))
    return found


def bars(svg: ET.Element) -> list[dict[str, float]]:
    return [{k: float(r.get(k)) for k in ("x", "y", "width", "height")}
            for r in svg.iter(f"{SVG}rect") if r.get("class") == "bar"]


def rows(found: list[dict[str, float]]) -> list[list[dict[str, float]]]:
    """Bars grouped by their vertical position, top to bottom, each row left to right."""
    by: dict[float, list[dict[str, float]]] = {}
    for b in found:
        by.setdefault(b["y"], []).append(b)
    return [sorted(by[y], key=lambda b: b["x"]) for y in sorted(by)]


def assert_proportional(lengths: list[float], values: list[float]) -> None:
    assert len(lengths) == len(values) and values
    longest = max(range(len(values)), key=values.__getitem__)
    unit = lengths[longest] / values[longest]  # coordinates have 2 decimals: least error
    assert unit > 0
    for length, value in zip(lengths, values, strict=True):
        assert length == pytest.approx(value * unit, abs=0.02), (lengths, values)


@pytest.mark.parametrize("name", ["organisations", "roles"])
def test_bar_lengths_are_the_counts(team_page, name):
    _, _, page = team_page
    data = Page(page).plots()[name]
    values = data["counts"] + ([data["other"]] if data["other"] else [])
    found = bars(svgs(page)[name])
    assert len(data["labels"]) == 12 and data["other"]  # the sample has "all others"
    assert_proportional([b["width"] for b in found], values)
    assert len({b["x"] for b in found}) == 1  # from one baseline
    assert [b["y"] for b in found] == sorted(b["y"] for b in found)  # biggest on top


def test_stacked_tie_bars_are_the_class_counts(team_page):
    _, _, page = team_page
    data = Page(page).plots()["ties"]
    assert len(data["owners"]) == 4
    found = rows(bars(svgs(page)["ties"]))
    expected = [[data[c][i] for c in ("strong", "weak", "dormant") if data[c][i]]
                for i in range(len(data["owners"]))]
    assert [len(r) for r in found] == [len(e) for e in expected]
    assert_proportional([b["width"] for r in found for b in r], [v for e in expected for v in e])
    for row in found:  # laid end to end from one baseline
        assert row[0]["x"] == found[0][0]["x"]
        for left, right in zip(row, row[1:], strict=False):
            assert right["x"] == pytest.approx(left["x"] + left["width"], abs=0.02)
    hatched = [r for r in svgs(page)["ties"].iter(f"{SVG}rect") if r.get("class") == "bar"
               and r.get("fill") == "url(#ties-hatch)"]
    assert len(hatched) == sum(1 for v in data["dormant"] if v)  # dormant ties are hatched


def test_column_heights_are_the_connections_per_year(team_page):
    _, _, page = team_page
    data = Page(page).plots()["growth"]
    found = bars(svgs(page)["growth"])
    values = [v for counts in data["series"].values() for v in counts if v]
    assert_proportional([b["height"] for b in found], values)
    # stacked: in each year the columns touch, and the total height is the year's total
    by_x: dict[float, list[dict[str, float]]] = {}
    for b in found:
        by_x.setdefault(b["x"], []).append(b)
    unit = max(b["height"] for b in found) / max(values)
    totals = [sum(c) for c in zip(*data["series"].values(), strict=True)]
    assert sorted(round(sum(b["height"] for b in col) / unit) for col in by_x.values()) == \
        sorted(t for t in totals if t)
    assert len({round(b["y"] + b["height"], 1) for col in by_x.values() for b in col[:1]}) == 1


def test_diversity_bars_are_the_blau_index(mia, mia_page):
    data = Page(mia_page).plots()["diversity"]
    found = bars(svgs(mia_page)["diversity"])
    values = [v for key in data["drawn"] for v in data[key] if v]
    assert_proportional([b["width"] for b in found], values)
    # the axis runs 0 to 1: a bar of 1 would be as long as the axis line
    svg = svgs(mia_page)["diversity"]
    axis = max(float(ln.get("x2")) - float(ln.get("x1")) for ln in svg.iter(f"{SVG}line"))
    assert found[0]["width"] == pytest.approx(values[0] * axis, abs=0.02)


def test_hostile_labels_stay_text_in_the_svg():
    from weakties.outputs import charts

    hostile = ['"><svg onload="alert(1)">', "$x$", 'Co onerror="alert(2)"', "</text><script>",
               "a & b", "\x01bell"]
    text = charts.hbars("organisations", hostile, [1, 2, 3, 4, 5, 6], ["#0072B2"] * 6,
                        xlabel="<b>contacts</b>")
    svg = ET.fromstring(text)  # well-formed: nothing broke out of its <text>
    tags = {e.tag.removeprefix(SVG) for e in svg.iter()}
    assert tags <= {"svg", "rect", "line", "text"}, tags
    assert not [k for e in svg.iter() for k in e.attrib if k.lower().startswith("on")]
    texts = [e.text for e in svg.iter(f"{SVG}text")]
    assert set(hostile[:5]) | {"bell", "<b>contacts</b>"} <= set(texts)
    assert "<script" not in text and "<svg onload" not in text


def test_plot_ids_are_unique_prefixed_and_resolve(team_page, mia_page):
    for page in (team_page[2], mia_page):
        ids = re.findall(r'\sid="([^"]*)"', page)
        assert len(ids) == len(set(ids))
        for name, svg in svgs(page).items():
            inner = [e.get("id") for e in svg.iter() if e.get("id")]
            assert all(i.startswith(f"{name}-") for i in inner), inner
            refs = re.findall(r"url\(#([^)]*)\)", ET.tostring(svg, encoding="unicode"))
            assert set(refs) <= set(inner)
            assert svg.get("aria-labelledby") == f"cap-{name}" and svg.get("role") == "img"
            assert svg.get("viewBox") and svg.get("width") == "100%"
    assert "ties-hatch" in re.findall(r'\sid="([^"]*)"', team_page[2])


def test_label_column_fits_the_longest_label():
    from weakties.outputs import charts

    labels = ["#12 Institut für Netzwerkforschung · research/academia (12 of 13)", "W" * 44,
              "漢字のラベル", "i"]
    svg = ET.fromstring(charts.hbars("roles", labels, [3, 2, 1, 0], ["#0072B2"] * 4,
                                     xlabel="contacts"))
    width = float(svg.get("viewBox").split()[2])
    start = min(float(b["x"]) for b in bars(svg))
    for e in svg.iter(f"{SVG}text"):
        if e.get("text-anchor") == "end":  # a row label, ending left of the bars
            assert float(e.get("x")) - charts.text_width(e.text) >= 0
            assert float(e.get("x")) < start
    assert width > charts.WIDTH  # labels this long make the chart wider, never cut


def test_text_width_is_never_below_dejavu_sans():
    """The estimate is an upper bound of the real width in DejaVu Sans (read with Pillow's
    FreeType, an independent measure), the font the plots ask for first."""
    font_file = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not font_file.exists():
        pytest.skip("DejaVu Sans not installed")
    from PIL import ImageFont

    from weakties.outputs.charts import text_width

    font = ImageFont.truetype(str(font_file), 100)
    samples = ["OpenHarvest Foundation", "Institut für Netzwerkforschung", "WWW MMM mmm",
               "#14 Nimbus Systems (2 of 3) · engineering (2 of…", "Ærøskøbing Ltd.",
               "HR/recruiting", "0.72", "2024", "iiiii llll", "Şirket ĞÜÇ", "Σύλλογος Ωμέγα",
               "Научный центр", "$x^2$ & <b>Co</b>",
               '"><svg onload=…>', "ABCDEFGHIJKLMNOPQRSTUVXYZ",
               "abcdefghijklmnopqrstuvwxyz 0123456789"]
    for text in samples:
        assert font.getlength(text) <= text_width(text, 100) + 0.5, text


@pytest.mark.parametrize("years", [1, 7, 15, 60, 400])
def test_year_labels_never_overlap(years):
    from weakties.outputs import charts

    span = [str(1990 + i) for i in range(years)]
    series = [charts.Series("Ann", [i % 3 for i in range(years)], "#0072B2"),
              charts.Series("Bo", [1] * years, "#E69F00")]
    svg = ET.fromstring(charts.columns_stacked("growth", span, series, ylabel="connections made"))
    width = float(svg.get("viewBox").split()[2])
    shown = [(float(e.get("x")), e.text) for e in svg.iter(f"{SVG}text")
             if e.get("text-anchor") == "middle" and e.text in span]
    assert shown and (years > 1 or shown[0][1] == "1990")  # a lone year is labelled
    for (x, text), (x2, _) in zip(shown, shown[1:], strict=False):
        assert x2 - x >= charts.text_width(text)  # centred labels: a whole width apart
    assert all(charts.text_width(t) / 2 <= x <= width - charts.text_width(t) / 2
               for x, t in shown)
    assert len(bars(svg)) == sum(1 for i in range(years) if i % 3) + years


def test_growth_counts_each_owners_ties_once():
    # Two owners tied to each other (the tie counts for both), a self-tie (once), a tie with
    # no date (left out): One made ties in 2018 (self), 2019 (Two) and 2020 (a); Two in 2019
    # (One) and 2021 (b).
    import networkx as nx

    from weakties.outputs import onepage
    from weakties.outputs.frames import graph_frames

    G = nx.Graph(owners=["o1", "o2"])
    G.add_node("o1", name="One", owner=True)
    G.add_node("o2", name="Two", owner=True)
    G.add_edge("o1", "o2", connected_on="2019-05-01")
    G.add_edge("o1", "a", connected_on="2020-01-01")
    G.add_edge("o2", "b", connected_on="2021-03-03")
    G.add_edge("o1", "o1", connected_on="2018-02-02")
    G.add_edge("o2", "a", connected_on="")
    G.add_edge("a", "b", connected_on="2017-01-01")  # no owner: not counted
    years = onepage._Tables(*graph_frames(G)).years()
    assert years == {"o1": {2018: 1, 2019: 1, 2020: 1}, "o2": {2019: 1, 2021: 1}}


def test_tie_classes_count_each_owners_ties_once():
    # o1–o2 strong (counts for both owners), o1–o1 weak (once), o1–a dormant, o2–b weak, a–b
    # strong (no owner: not counted), o2–c with no class (not counted)
    import pandas as pd

    from weakties.outputs.onepage import _classes_per_owner

    ties = pd.DataFrame({"source": ["o1", "o1", "a", "b", "a", "c"],
                         "target": ["o2", "o1", "o1", "o2", "b", "o2"],
                         "tie_class": ["strong", "weak", "dormant", "weak", "strong", None]})
    assert _classes_per_owner(ties, ["o1", "o2"]) == {
        "o1": {"strong": 1, "weak": 1, "dormant": 1}, "o2": {"strong": 1, "weak": 1}}
