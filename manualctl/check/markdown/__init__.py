"""The one reader of pandoc Markdown: what a chapter body holds, with its positions.

:mod:`~manualctl.check.markdown.scan` finds headings (with their identifiers, from
:mod:`~manualctl.check.markdown.ids`), links, images and raw markup, code left out;
:mod:`~manualctl.check.markdown.blocks` cuts a chapter between its top-level blocks.
validate's rules and every edition read chapters through it, so they agree on what a
chapter says; tests/test_mdscan.py holds it to pandoc's own reading of hundreds of
samples. Nothing else in manualctl reads Markdown with patterns of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache


def compiled_later(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """``re.compile(pattern, flags)``, made at the first call and kept: for the patterns
    most bodies never reach (compiling every pattern at import cost validate of a small
    manual more than scanning its chapters)."""
    return cache(lambda: re.compile(pattern, flags))
