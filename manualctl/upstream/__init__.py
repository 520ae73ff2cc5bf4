"""Manuals built on a template manual: ``upstream:`` in manual.yaml, ``inherit:`` entries.

source: where the template is and its edition tags; resolve: inherited chapters (the
resolver validate, publish and the edition commands take); substitution and slots: a
council's own text in place of a chapter or of marked parts of one; status and update:
what a later template edition changes, and moving to it.
"""
