"""The one reader of pandoc Markdown: what a chapter body holds, with its positions.

:mod:`~manualctl.check.markdown.scan` finds headings (with their identifiers, from
:mod:`~manualctl.check.markdown.ids`), links, images and raw markup, code left out.
validate's rules and every edition read chapters through it, so they agree on what a
chapter says; tests/test_mdscan.py holds it to pandoc's own reading of hundreds of
samples. Nothing else in manualctl reads Markdown with patterns of its own.
"""
