#!/usr/bin/env bash
# The main job on the sample manuals: set-up, validate, show a contents page, then publish
# their Word and PDF editions into editions/ (<manual id>-<YYYY-MM>.docx and .pdf each).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
export PATH="$PWD/.venv/bin:$PATH"
manualctl validate manuals/
manualctl contents -m manuals/birmingham-main-policies
manualctl publish manuals/ --format docx,pdf --out editions
echo "The Word and PDF editions are in $PWD/editions/"
