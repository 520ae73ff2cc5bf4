#!/usr/bin/env bash
# The main job on the sample manuals: set-up, validate, show the full-text sample manual's
# contents page (about 50 lines, with its New and Updated flags), then publish
# their Word, PDF and HTML editions into editions/ (<manual id>-draft.docx and .pdf each,
# and the website <manual id>-draft-html/ with its index.html: the working tree is no
# released edition, so each is a labelled draft). Last, the README's "Making an edition"
# walkthrough makes two editions of manuals/sample in a throw-away repository and
# publishes the released one (sample-2026-11.*).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
export PATH="$PWD/.venv/bin:$PATH"
manualctl validate manuals/ --summary
manualctl contents -m manuals/our-support-to-children-and-families
manualctl publish manuals/ --format docx,pdf,html --out editions
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python scripts/walkthrough.py "$work/walkthrough" --publish editions
echo "The Word, PDF and HTML editions are in $PWD/editions/"
echo "Each website is a folder ending in -html: open its index.html in a web browser."
