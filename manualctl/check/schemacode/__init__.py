"""Generated code: each JSON Schema as fastjsonschema's Python (see manualctl.check.fastcheck)."""
