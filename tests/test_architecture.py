"""The layout keeps the flow (docs/architecture.md) and start-up stays light."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
#: What a command that reads no file must not import (pandas and numpy alone cost ~0.3 s).
HEAVY = ("pandas", "numpy", "pyarrow", "networkx", "igraph", "matplotlib", "scipy", "pyspark",
         "pyvis", "phonenumbers", "msgspec")


def test_import_contract_keeps_the_flow():
    """import-linter's layers contract (pyproject.toml): no stage imports a later one."""
    lint = Path(sys.executable).with_name("lint-imports")
    if not lint.exists():
        pytest.fail("import-linter is not installed: it is in the test extra")
    done = subprocess.run([str(lint)], cwd=REPO, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 kept, 0 broken" in done.stdout


def _imported(*argv: str, exit_code: int = 0) -> set[str]:
    """Top-level modules imported while the CLI runs ``argv`` (from ``python -X importtime``)."""
    code = ("import sys; from weakties.cli import main; "
            "sys.argv = ['weakties', *sys.argv[1:]]; main()")
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", code, *argv], cwd=REPO,
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == exit_code, done.stderr[-2000:]
    names = set()
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    assert "click" in names  # the measurement itself worked
    return names


@pytest.mark.parametrize("argv", [("--help",), ("analyze", "--help"), ("--version",),
                                  ("formats",), ("formats", "--help"), ("report", "--help")])
def test_commands_that_read_no_file_import_no_heavy_library(argv):
    """'weakties formats' lists every parser's format: the parser modules import pandas (and
    msgspec) only when they parse."""
    assert not _imported(*argv) & set(HEAVY)


def test_option_callbacks_import_no_heavy_library():
    """--columns is checked (and refused here) before any file is read: without pandas."""
    imported = _imported("analyze", str(REPO / "sample_exports" / "team"), "--columns",
                         "nickname=Nick", "--region", "DE", exit_code=2)
    assert "weakties" in imported
    assert not imported & set(HEAVY)


def test_sniffing_a_file_imports_no_heavy_library():
    """The registry recognises every format without the parsers' libraries."""
    code = ("import sys\n"
            "from weakties.importers.registry import FORMATS, sniff\n"
            "assert sniff(b'First Name,Last Name,URL,Email Address,Company,Position,"
            "Connected On\\n', 'Connections.csv').name == 'linkedin-connections'\n"
            "assert sniff(b'BEGIN:VCARD\\nFN:A\\nEND:VCARD\\n', 'a.vcf').name == 'vcard'\n"
            "assert sniff(b'{\"about\": \"x\", \"chats\": {}}', 'result.json').name == "
            "'telegram'\n"
            "print(sorted(set(m.split('.')[0] for m in sys.modules) & set(sys.argv[1:])))")
    done = subprocess.run([sys.executable, "-c", code, *HEAVY], cwd=REPO, capture_output=True,
                          text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[]"
