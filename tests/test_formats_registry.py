"""Every format: registered, listed by `weakties formats`, shipped as a sample, in the README."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from weakties.cli import cli
from weakties.importers.base import COLUMNS
from weakties.importers.registry import FORMATS, sniff

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_exports" / "formats"


def _sniffed_samples() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(SAMPLES.rglob("*")):
        if path.is_file() and path.suffix not in (".py", ".md"):
            fmt = sniff(path.read_bytes(), str(path), lone_file=True)
            found.setdefault(fmt.name if fmt else "", []).append(path.name)
    return found


def test_every_format_has_its_columns_and_a_unique_name():
    names = [f.name for f in FORMATS]
    assert len(names) == len(set(names))
    assert set(names) == set(COLUMNS)


def test_every_non_linkedin_format_has_a_committed_sample():
    found = _sniffed_samples()
    # custom_columns.csv needs --columns: it is the one sample no format recognises alone.
    assert found.pop("") == ["custom_columns.csv"]
    expected = {f.name for f in FORMATS if not f.name.startswith("linkedin-")}
    assert set(found) == expected


def test_formats_command_says_how_each_is_recognised():
    result = CliRunner().invoke(cli, ["formats"])
    assert result.exit_code == 0
    assert "structure: BEGIN:VCARD" in result.output
    assert "header: person_a,person_b[,strength][,note]" in result.output


def test_readme_has_a_supported_formats_section_naming_each_family():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Supported formats", 1)[1]
    for family in ("Connections.csv", "Google Contacts (current)", "Google Contacts (legacy)",
                   "Outlook", "Thunderbird", "any contacts CSV", "vCard", "Facebook friends",
                   "Mastodon follows", "X/Twitter follows", "edge list", "SNAP ego network",
                   "ties file"):
        assert f"| {family}" in section or f"| LinkedIn `{family}`" in section, family
