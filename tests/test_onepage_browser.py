"""report.html in headless Chromium: plots drawn, no request, names stay text, prints to A4 PDF.

Needs Debian's /usr/bin/chromium and poppler's pdftoppm (apt-get install chromium
poppler-utils). When either is missing these tests fail, so CI cannot pass without them by
accident; set WEAKTIES_SKIP_BROWSER=1 to skip them on a machine that has neither.

The PDF pages are left as PNG files in /tmp/weakties-report-page-*.png to look at.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from helpers import tables, write_report_of
from PIL import Image
from test_onepage import SAMPLES, nx_karate
from test_plan import plan_team
from test_view_browser import ARGS, CHROMIUM

import weakties
from weakties.analysis import run
from weakties.outputs.onepage import _plain, plot_data, write_onepage

pytestmark = pytest.mark.browser

PAGES = "/tmp/weakties-report-page"
PWN = '<img src=x onerror="window.__pwned=1">'


def _require(path: str | None, what: str) -> None:
    if path and os.path.exists(path):
        return
    if os.environ.get("WEAKTIES_SKIP_BROWSER") == "1":
        pytest.skip(f"{what} missing and WEAKTIES_SKIP_BROWSER=1")
    pytest.fail(f"{what} not found: the report page tests need it (apt-get install chromium "
                "poppler-utils); set WEAKTIES_SKIP_BROWSER=1 to skip them instead",
                pytrace=False)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    _require(CHROMIUM, CHROMIUM)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


class Opened:
    """A report page in a fresh context, with every request and console error it made."""

    def __init__(self, browser: Any, path: Path, csp: bool = True):
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(viewport={"width": 1200, "height": 900},
                                           bypass_csp=not csp)
        self.page = self.context.new_page()
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(path.as_uri(), wait_until="load")

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def close(self) -> None:
        self.context.close()


def test_page_draws_its_plots_and_asks_for_nothing(browser, tmp_path):
    G = plan_team()
    r = run(G)
    path = tmp_path / "report.html"
    write_onepage(*tables(G, r), r, path)
    view = Opened(browser, path)
    # the page itself and nothing else: no remote request, not even a local one
    assert view.requests == [path.as_uri()]
    assert view.errors == []  # a CSP violation would show here
    boxes = view.js("""[...document.querySelectorAll('figure.wt-plot')].map(f => {
        const s = f.querySelector('svg'); const b = s && s.getBoundingClientRect();
        return [f.dataset.plot, b ? Math.round(b.width) : 0, b ? Math.round(b.height) : 0];
    })""")
    assert [b[0] for b in boxes] == ["growth", "organisations", "roles", "ties", "diversity",
                                     "second_degree"]
    assert all(w > 300 and h > 60 for _, w, h in boxes), boxes
    # the numbers the browser sees are the plots' numbers
    seen = view.js("Object.fromEntries([...document.querySelectorAll('figure.wt-plot')]"
                   ".map(f => [f.dataset.plot, JSON.parse(f.dataset.values)]))")
    assert seen == json.loads(json.dumps(_plain(plot_data(*tables(G, r), r))))
    labels = view.js("document.querySelector('#plot-organisations svg').textContent")
    assert "Northbridge University" in labels and "Studio Fjord" in labels
    # the SVG text is drawn, not just present: the label box has a size
    width = view.js("""[...document.querySelectorAll('#plot-organisations svg text')]
        .filter(t => t.textContent === 'Acme Robotics')[0].getBBox().width""")
    assert width > 20
    view.close()


TEXT_BOXES = """[...document.querySelectorAll('figure.wt-plot svg')].map(s => {
    const v = s.viewBox.baseVal, r = s.getBoundingClientRect(), k = v.width / r.width;
    return [s.closest('figure').dataset.plot, v.width, v.height,
            [...s.querySelectorAll('text')].map(t => {  // in viewBox units, after rotation
                const b = t.getBoundingClientRect();
                return [t.textContent, (b.x - r.x) * k, (b.y - r.y) * k, b.width * k,
                        b.height * k];
            })];
})"""


@pytest.mark.parametrize("sample", ["team", "eva"])
def test_plot_text_is_inside_its_plot_and_never_overlaps(browser, tmp_path, sample):
    """Labels are sized from character counts, not the browser's font: in the browser's font,
    every text lies inside its plot's viewBox (nothing cut) and no two texts overlap."""
    G, report = weakties.load([SAMPLES.parent / sample])
    out = tmp_path / "report"
    write_report_of(G, report, run(G), out)
    view = Opened(browser, out / "report.html")
    plots = view.js(TEXT_BOXES)
    assert len(plots) >= 4
    for name, width, height, texts in plots:
        assert texts, name
        for text, x, y, w, h in texts:
            assert w > 0 and h > 0, (name, text)  # drawn
            assert x >= 0 and y >= 0 and x + w <= width and y + h <= height, (name, text)
        for i, (a, ax, ay, aw, ah) in enumerate(texts):
            for b, bx, by, bw, bh in texts[i + 1:]:
                apart = (ax + aw <= bx + 0.5 or bx + bw <= ax + 0.5
                         or ay + ah <= by + 0.5 or by + bh <= ay + 0.5)
                assert apart, (name, a, b)
    view.close()


def test_hostile_names_stay_text_in_the_browser(browser, tmp_path):
    G = plan_team()
    G.nodes["a1"].update(name=PWN, position='"><svg onload="window.__pwned=2">')
    G.nodes["d1"]["organisation"] = "<script>window.__pwned=3</script>"
    r = run(G, target='<img src=y onerror="window.__pwned=4">')
    path = tmp_path / "hostile.html"
    write_onepage(*tables(G, r), r, path)
    view = Opened(browser, path, csp=False)  # escaping alone must hold, without the CSP
    text = view.page.inner_text("body")
    assert PWN in text and "<script>window.__pwned=3</script>" in text
    assert '<img src=y onerror="window.__pwned=4">' in text
    assert view.js("document.querySelectorAll('img, script, body svg svg').length") == 0
    assert view.js("window.__pwned") is None
    assert view.errors == []
    view.close()


def test_whole_network_page_without_owner(browser, tmp_path):
    G = nx_karate()
    path = tmp_path / "karate.html"
    r = run(G)
    write_onepage(*tables(G, r), r, path)
    view = Opened(browser, path)
    # an edge list has no dates, organisations or positions: only the tie classes are drawn,
    # every other plot says why it is missing
    assert view.js("document.querySelectorAll('figure.wt-plot svg').length") == 1
    assert view.js("document.querySelectorAll('figure.wt-plot p.note').length") == 5
    assert "no owner" in view.page.inner_text("header")
    assert view.requests == [path.as_uri()] and view.errors == []
    view.close()


def test_prints_to_a4_pdf(tmp_path):
    _require(CHROMIUM, CHROMIUM)
    _require(shutil.which("pdftoppm"), "pdftoppm")
    G, report = weakties.load([SAMPLES])
    out = tmp_path / "report"
    write_report_of(G, report, run(G), out)
    pdf = tmp_path / "report.pdf"
    subprocess.run([CHROMIUM, *ARGS, "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                    (out / "report.html").as_uri()],
                   check=True, capture_output=True, timeout=180)
    assert pdf.read_bytes().startswith(b"%PDF-")
    for old in Path("/tmp").glob("weakties-report-page-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), PAGES], check=True, timeout=120)
    pages = sorted(Path("/tmp").glob("weakties-report-page-*.png"))
    # the four-owner sample team: figures and plots, then plan, give-first and ledger
    assert len(pages) >= 3
    for page in pages:
        with Image.open(page) as im:
            w, h = im.size
            assert abs(h / w - 297 / 210) < 0.01  # A4 portrait
    with Image.open(pages[0]) as first:
        rgb = np.asarray(first.convert("RGB")).astype(int)
    # plots printed: many pixels of the palette's blue (#0072B2) on page one
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    blue = int(((r < 40) & (g > 90) & (g < 140) & (b > 150) & (b < 210)).sum())
    assert blue > 2000, blue
