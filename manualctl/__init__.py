"""manualctl: write and publish procedures manuals from a git repository."""

from __future__ import annotations

__version__ = "0.1.0.dev0"
