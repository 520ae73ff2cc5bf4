#!/usr/bin/env bash
# Creates .venv (Python 3.11 or newer) and installs manualctl with its test tools.
# Sourced by scripts/demo.sh and scripts/test.sh; safe to run again. pip's own output
# goes to .venv/setup.log and is shown only when the installation fails.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PY=${PYTHON:-}
if [ -z "$PY" ]; then
  for candidate in python3.11 python3.12 python3.13 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      PY=$candidate; break
    fi
  done
fi
if [ -z "$PY" ]; then
  echo "manualctl needs Python 3.11 or newer: install it, then run this again." >&2
  exit 2
fi
if [ ! -x .venv/bin/python ]; then
  echo "Setting up .venv (the first time takes a minute or two)..."
  "$PY" -m venv .venv
fi
log=.venv/setup.log
if ! { .venv/bin/python -m pip install --disable-pip-version-check --upgrade pip &&
       .venv/bin/python -m pip install --disable-pip-version-check -e '.[dev]'; } >"$log" 2>&1; then
  tail -n 40 "$log" >&2
  echo "Installing manualctl into .venv failed (the lines above are the end of $log)." >&2
  exit 1
fi
# Byte-compile the package, as pip does for a normal install: an editable install is
# otherwise compiled afresh on every run where PYTHONDONTWRITEBYTECODE is set (about
# 30 ms of start-up per command). A later edit makes Python compile that module again.
.venv/bin/python -m compileall -q manualctl >/dev/null
# The accessibility checker of the HTML editions (tests/a11y): axe-core and puppeteer-core,
# at the versions in its lockfile. Only when npm is there (the tests say what is missing).
if command -v npm >/dev/null 2>&1 &&
   ! cmp -s tests/a11y/package-lock.json tests/a11y/node_modules/.manualctl-lock; then
  npm ci --prefix tests/a11y --no-audit --no-fund --loglevel=error >/dev/null
  cp tests/a11y/package-lock.json tests/a11y/node_modules/.manualctl-lock
fi
