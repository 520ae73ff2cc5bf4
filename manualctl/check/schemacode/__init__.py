"""Generated code: each JSON Schema as fastjsonschema's Python (see manualctl.check.fastcheck)."""


class SchemaNo(ValueError):
    """Raised by the generated code when data does not pass its schema (only the "no" is
    used: jsonschema explains why)."""
