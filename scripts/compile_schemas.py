"""Write manualctl/check/schemacode/<name>.py from schemas/<name>.schema.json.

Run after changing a schema:  .venv/bin/python scripts/compile_schemas.py
(tests/test_fastschema.py fails while the code is older than its schema).
"""

from __future__ import annotations

from pathlib import Path

from manualctl.check.fastcheck import generate

OUT = Path(__file__).resolve().parent.parent / "manualctl" / "check" / "schemacode"

for name in ("manual", "chapter"):
    path = OUT / f"{name}.py"
    path.write_text(generate(name), encoding="utf-8")
    print(f"wrote {path.relative_to(OUT.parent.parent.parent)}")
