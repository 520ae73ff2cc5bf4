#!/usr/bin/env bash
# The whole test suite: set-up, lint, types, tests, and manualctl checking its own manuals.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
export PATH="$PWD/.venv/bin:$PATH"
ruff check manualctl tests benchmarks scripts templates
ruff format --check manualctl tests benchmarks scripts templates
mypy
manualctl validate manuals/ --summary
pytest "$@"
