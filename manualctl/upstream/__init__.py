"""Manuals built on a template manual: ``upstream:`` in manual.yaml, ``inherit:`` entries."""
