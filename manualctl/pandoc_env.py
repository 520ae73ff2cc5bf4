"""The environment every pandoc run of manualctl has (publish, redline, import).

* No user data folder: pandoc would take filters, templates and reference documents from
  one (``~/.local/share/pandoc``), so the same manual would publish differently on
  another machine; and no ``PANDOC_*`` variable of the user's.
* The GHC runtime's settings (``GHCRTS``, :data:`RUNTIME`): the pinned pandoc is built
  with a suggested heap of 64 MB (``-H64m``), which sizes its allocation area to it,
  so a run touches (and the kernel faults in) 64 MB before it has read a page, and
  collects the old generation while it is still small. A 4 MB allocation area and no
  major collection below 64 MB take a quarter off each run and use less memory
  (pandoc alone on publish's input, measured 2026-12-06: 30 chapters to Word 0.29 s ->
  0.22 s; 300 chapters 2.0 s -> 1.6 s, 209 -> 199 MB resident).
* ``SOURCE_DATE_EPOCH`` when a date is given, so that the files pandoc writes carry it.
"""

from __future__ import annotations

import os

#: the GHC runtime's options for pandoc (see the module docstring)
RUNTIME = "-H1m -A4m -O64m"
#: where pandoc looks for a user data folder: nowhere
NO_DATA_FOLDER = "/nonexistent-manualctl"


def pandoc_env(epoch: int | None = None) -> dict[str, str]:
    """The environment for a pandoc run (``epoch``: seconds, as SOURCE_DATE_EPOCH)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PANDOC")}
    env["XDG_DATA_HOME"] = NO_DATA_FOLDER
    env["GHCRTS"] = RUNTIME
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = str(epoch)
    return env
