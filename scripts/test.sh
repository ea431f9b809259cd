#!/usr/bin/env bash
# The whole test suite from a fresh checkout: a venv, the package with its test extra, Debian's
# chromium and poppler-utils for the browser tests and Java 17 for the Spark engine's (apt-get
# when missing and root), pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
# Debian packages the browser tests need: chromium, and pdftoppm (poppler-utils) to look at the
# one-page report printed to PDF.
missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
command -v pdftoppm >/dev/null || missing="$missing poppler-utils"
if [ -n "$missing" ] && [ -z "${WEAKTIES_SKIP_BROWSER:-}" ]; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
    else
        echo "missing Debian packages:$missing (sudo apt-get install$missing, or WEAKTIES_SKIP_BROWSER=1)" >&2
        exit 1
    fi
fi
# Java for the Spark engine's tests (pyspark itself comes with the test extra).
if ! command -v java >/dev/null; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null
    else
        echo "no java: the Spark engine's tests are skipped (sudo apt-get install openjdk-17-jre-headless; under CI they fail)" >&2
    fi
fi
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'
.venv/bin/python -m pytest "$@"
