#!/usr/bin/env bash
# The main job on the sample manuals: set-up, validate, show a contents page.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
export PATH="$PWD/.venv/bin:$PATH"
manualctl validate manuals/
manualctl contents -m manuals/birmingham-main-policies
