"""The HTML view in headless Chromium: it draws, asks for nothing remote, and names stay text.

Needs Debian's /usr/bin/chromium. When it is missing these tests fail, so CI cannot pass without
them by accident; set WEAKTIES_SKIP_BROWSER=1 to skip them on a machine that has no Chromium.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from test_view import ego_graph, karate_people

from weakties.outputs.view import write_html

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOT = "/tmp/weakties-view.png"
# A name that runs code if it ever reaches the page as HTML.
PWN_NAME = '<img src=x onerror="window.__pwned=1">'


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not os.path.exists(CHROMIUM):
        if os.environ.get("WEAKTIES_SKIP_BROWSER") == "1":
            pytest.skip(f"{CHROMIUM} missing and WEAKTIES_SKIP_BROWSER=1")
        pytest.fail(
            f"{CHROMIUM} not found: the HTML view tests need Debian's chromium "
            "(apt-get install chromium); set WEAKTIES_SKIP_BROWSER=1 to skip them instead",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


class Opened:
    """A page showing one graph, with every request and console error it made.

    `csp=False` ignores the page's Content-Security-Policy, to prove that escaping alone keeps
    hostile strings inert, without the policy's second line of defence.
    """

    def __init__(self, browser: Any, G: nx.Graph, path: Path, csp: bool = True,
                 viewport: tuple[int, int] = (1400, 900), **kw: Any):
        write_html(G, path, **kw)
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(
            viewport={"width": viewport[0], "height": viewport[1]}, bypass_csp=not csp
        )
        self.page = self.context.new_page()
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(path.as_uri())
        self.wait("window.weakties && window.weakties.ready", timeout=60.0)

    def close(self) -> None:
        self.context.close()

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def wait(self, expression: str, timeout: float = 10.0) -> None:
        """Poll from outside: Playwright's wait_for_function uses eval, which the CSP forbids."""
        for _ in range(int(timeout / 0.05)):
            if self.js(expression):
                return
            self.page.wait_for_timeout(50)
        raise AssertionError(f"timed out waiting for {expression}")

    def remote_requests(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(("file://", "data:", "about:"))]

    def node_on_screen(self, node_id: int) -> tuple[float, float]:
        """Where a node is on screen, once any focus animation has settled."""
        where = """id => {
            const p = weakties.network.canvasToDOM(weakties.network.getPositions([id])[id]);
            const box = document.getElementById("wt-network").getBoundingClientRect();
            return [p.x + box.left, p.y + box.top];
        }"""
        last = None
        for _ in range(50):
            now = tuple(self.js(where, node_id))
            if now == last:
                return now
            last = now
            self.page.wait_for_timeout(150)
        return last

    def hover(self, node_id: int) -> str:
        """Hover a node and return the tooltip's text."""
        x, y = self.node_on_screen(node_id)
        self.page.mouse.move(x - 30, y - 30)
        self.page.mouse.move(x, y, steps=3)
        self.wait(
            "(() => { const t = document.querySelector('.vis-tooltip');"
            " return !!t && t.style.visibility === 'visible'; })()"
        )
        return self.js("document.querySelector('.vis-tooltip').innerText")

    def people(self) -> int:
        return self.js("weakties.nodes.get({filter: n => n.k !== 'c' && !n.hidden}).length")


def test_karate_map_draws_offline(browser: Any, tmp_path: Path):
    G = karate_people()
    view = Opened(browser, G, tmp_path / "karate.html", title="Karate club")
    # 35 people (the club and a friend of member 11) and the 2 cluster discs are drawn
    assert view.js("network.body.data.nodes.length") == 37
    assert view.people() == 35
    assert view.js("network.body.data.edges.length") == 79
    assert view.remote_requests() == []
    assert view.errors == []  # a blocked script or style would show here (the page has a CSP)
    # the owner is in the middle of the drawing area
    owner = view.js("weakties.nodes.get({filter: n => n.k === 'o'})[0].id")
    x, y = view.node_on_screen(owner)
    box = view.js("document.getElementById('wt-network').getBoundingClientRect().toJSON()")
    assert abs(x - (box["left"] + box["width"] / 2)) < 2
    assert abs(y - (box["top"] + box["height"] / 2)) < 2
    assert "Mr Hi" in view.page.inner_text("aside")
    view.page.screenshot(path=SCREENSHOT)
    view.close()


def test_hostile_names_stay_text(browser: Any, tmp_path: Path):
    G = karate_people()
    G.nodes["33"].update(
        name=PWN_NAME,
        organisation="<script>window.__pwned=2</script>",
        position='"><svg onload="window.__pwned=3">',
    )
    G.graph["clusters"][1] = '<img src=y onerror="window.__pwned=4">'
    title = '<img src=z onerror="window.__pwned=5">'
    view = Opened(browser, G, tmp_path / "hostile.html", csp=False, title=title)
    page = view.page
    assert page.title() == title

    page.fill("#wt-search", "onerror")
    assert PWN_NAME in page.locator("#wt-results li").first.inner_text()
    page.keyboard.press("Enter")
    target = view.js("weakties.network.getSelectedNodes()[0]")
    assert view.js("id => weakties.nodes.get(id).n", target) == PWN_NAME
    assert PWN_NAME in page.inner_text("#wt-details-text")
    tooltip = view.hover(target)
    assert PWN_NAME in tooltip and "<script>window.__pwned=2</script>" in tooltip
    # text only: innerText turns line breaks into <br>, nothing else becomes an element
    assert view.js("document.querySelectorAll('.vis-tooltip *:not(br)').length") == 0

    assert '<img src=y onerror="window.__pwned=4">' in page.inner_text("aside")
    page.select_option("#wt-org", label="<script>window.__pwned=2</script>")
    assert view.people() == 2  # the owner stays; person 33 is the only one at that org
    page.click("#wt-reset")
    assert view.people() == 35

    # no element was made from any of those strings, and none of them ran
    assert view.js("document.querySelectorAll('img, svg:not(aside svg)').length") == 0
    assert view.js("window.__pwned") is None
    assert view.remote_requests() == []
    view.close()


def test_reduced_view_in_the_browser(browser: Any, tmp_path: Path):
    G = ego_graph(3_000)
    view = Opened(browser, G, tmp_path / "big.html", max_nodes=400)
    assert view.js("network.body.data.nodes.length") <= 400
    drawn = view.people()
    assert f"Showing {drawn:,} of 3,001 people" in view.page.inner_text("#wt-summary")
    view.page.select_option("#wt-cluster", index=1)  # the biggest cluster
    assert 1 < view.people() < drawn
    view.page.click(".wt-clusters button >> nth=1")  # the legend filters too
    assert 1 < view.people() < drawn
    view.page.click("#wt-reset")
    assert view.people() == drawn
    assert view.remote_requests() == [] and view.errors == []
    view.close()


SAMPLE_TEAM = Path(__file__).resolve().parent.parent / "sample_exports" / "team"


@pytest.fixture(scope="module")
def team() -> nx.Graph:
    import weakties
    from weakties.analysis import annotate, run

    G, _ = weakties.load([SAMPLE_TEAM])
    annotate(G, run(G))
    return G


@pytest.mark.parametrize("size", [(1280, 720), (1000, 720), (1400, 1000)])
def test_a_clicked_person_and_their_details_are_on_screen(browser: Any, team: nx.Graph,
                                                          tmp_path: Path, size):
    # The details panel once sat below the legend, off-screen below 1000 px of height.
    view = Opened(browser, team, tmp_path / "team.html", viewport=size)
    # every cluster disc is named at the full view, and names are drawn where they fit
    discs = view.js("weakties.nodes.get({filter: n => n.k === 'c'}).length")
    assert view.js("weakties.captions") == discs == 18
    assert view.js("weakties.labelled") > 10
    emma = view.js("weakties.nodes.get({filter: n => n.n === 'Emma Janssens'})[0].id")
    x, y = view.node_on_screen(emma)
    view.page.mouse.click(x, y)
    view.wait("document.getElementById('wt-details-text').innerText.startsWith('Emma')")
    box = view.js("document.getElementById('wt-details').getBoundingClientRect().toJSON()")
    assert 0 <= box["top"] and box["bottom"] <= size[1]  # the whole panel is visible
    # ... and the person is brought to the middle of the map, big enough to read
    x, y = view.node_on_screen(emma)
    area = view.js("document.getElementById('wt-network').getBoundingClientRect().toJSON()")
    assert abs(x - (area["left"] + area["width"] / 2)) < 3
    assert abs(y - (area["top"] + area["height"] / 2)) < 3
    assert view.js("weakties.network.getScale()") >= 1.0
    assert view.errors == []
    view.close()
