"""The HTML edition's search index: Pagefind, run on the finished site, no server needed.

Pagefind (the ``pagefind[bin]`` package ships its binary) reads the site's pages and
writes a static index into ``pagefind/`` inside the site; ``search.js`` (from
``templates/html/``) loads it in the browser. Only chapter pages are indexed: their
``<main>`` carries ``data-pagefind-body``, so the header, navigation and contents page
are left out. Pagefind runs offline, reads only the site folder, and the same pages give
the same index.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

from manualctl import proc
from manualctl.errors import ProcessError

INDEX_FOLDER = "pagefind"
#: Pagefind's own search interfaces, which the site does not use (search.js is its own)
_UNUSED = (
    "pagefind-ui.*",
    "pagefind-component-ui.*",
    "pagefind-modular-ui.*",
    "pagefind-highlight.js",
)
REINSTALL_HINT = "Reinstall manualctl (pip install --force-reinstall manualctl), then retry."


class SearchIndexError(ProcessError):
    """Pagefind is missing or could not index the site."""


def pagefind_binary() -> str:
    """The pagefind binary shipped in the pagefind_bin wheel (never one on PATH)."""
    spec = importlib.util.find_spec("pagefind_bin")
    if spec is not None and spec.origin is not None:
        for name in ("pagefind_extended", "pagefind"):
            path = Path(spec.origin).parent / (name + (".exe" if os.name == "nt" else ""))
            if path.is_file() and os.access(path, os.X_OK):
                return str(path)
    raise SearchIndexError(
        "Pagefind is not available: the pagefind-bin package is missing or broken.",
        hint=REINSTALL_HINT,
    )


def index_site(folder: Path) -> list[Path]:
    """Write the search index of the site in ``folder``; return the files it wrote."""
    command = [pagefind_binary(), "--site", ".", "--output-subdir", INDEX_FOLDER]
    done = proc.run(
        [*command, "--silent"], cwd=folder, error=SearchIndexError, missing_hint=REINSTALL_HINT
    )
    if done.returncode != 0:
        raise proc.failed(done, error=SearchIndexError, shown_as="pagefind", hint=REINSTALL_HINT)
    index = folder / INDEX_FOLDER
    for pattern in _UNUSED:
        for path in index.glob(pattern):
            path.unlink()
    return sorted(p for p in index.rglob("*") if p.is_file())
