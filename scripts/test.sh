#!/usr/bin/env bash
# The whole test suite from a fresh checkout: a venv, the package with its test extra, Debian's
# chromium for the browser tests (installed with apt-get when missing and we are root), pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/chromium ] && [ -z "${WEAKTIES_SKIP_BROWSER:-}" ]; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        echo "chromium is missing: sudo apt-get install chromium (or WEAKTIES_SKIP_BROWSER=1)" >&2
        exit 1
    fi
fi
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'
.venv/bin/python -m pytest "$@"
