"""Finding manuals on disk: the one a command works on, and every manual below a folder.

A manual is a folder holding ``manual.yaml``. A command names it with ``--manual/-m``
or runs inside it (:func:`find_manual`); ``validate`` and ``publish`` also take folders
and find every manual below them (:func:`find_manuals`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from manualctl.errors import ManualNotFound

#: The file that makes a folder a manual (defined here, not with the model, so that
#: finding manuals, as ``affected`` does, does not load the model)
MANUAL_FILE = "manual.yaml"

_SKIP_DIRS = {"node_modules", "venv", "__pycache__"}


def skipped_folder(name: str) -> bool:
    """Whether a folder of this name is never searched for manuals or their files: hidden
    folders (``.git``, ``.venv``, ``.tox``...) and the tool folders of other programs."""
    return name in _SKIP_DIRS or name.startswith(".")


def find_manual(explicit: Path | None = None, start: Path | None = None) -> Path:
    """The manual's folder: ``explicit`` (a folder or its manual.yaml), else the nearest
    folder holding a manual.yaml at or above ``start`` (the working directory)."""
    if explicit is not None:
        candidate = explicit.parent if explicit.name == MANUAL_FILE else explicit
        if (candidate / MANUAL_FILE).is_file():
            return candidate.resolve()
        raise ManualNotFound(
            f"No manual found at {explicit}: there is no {MANUAL_FILE} there.",
            hint="Give the folder that holds manual.yaml with --manual/-m "
            "(for example: -m manuals/my-manual), or create one with 'manualctl init DIR'.",
        )
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / MANUAL_FILE).is_file():
            return folder
    raise ManualNotFound(
        f"No manual found: there is no {MANUAL_FILE} in {here} or any folder above it.",
        hint="Run the command inside a manual's folder, or say which manual with "
        "--manual/-m DIR. To start a new manual, run 'manualctl init DIR'.",
    )


def find_manuals(paths: list[Path]) -> list[Path]:
    """Every manual at or below ``paths`` (default: the working directory), sorted.

    A manual's own folders are not searched for further manuals.
    """
    found: list[Path] = []
    for given in paths or [Path.cwd()]:
        if given.name == MANUAL_FILE and given.is_file():
            found.append(given.parent.resolve())
            continue
        if not given.exists():
            raise ManualNotFound(
                f"{given} does not exist.",
                hint="Check the path, or run the command without a path to check the "
                "manuals in the current folder.",
            )
        found.extend(_search(given.resolve()))
    unique = sorted(set(found))
    if not unique:
        where = ", ".join(str(p) for p in paths) if paths else str(Path.cwd())
        raise ManualNotFound(
            f"No manual found in {where}: no {MANUAL_FILE} there or in any folder below.",
            hint="Give the folder that holds manual.yaml, or create one with 'manualctl init DIR'.",
        )
    return unique


def _search(folder: Path) -> Iterator[Path]:
    if (folder / MANUAL_FILE).is_file():
        yield folder
        return
    try:
        children = sorted(p for p in folder.iterdir() if p.is_dir() and not p.is_symlink())
    except OSError:
        return
    for child in children:
        if skipped_folder(child.name):
            continue
        yield from _search(child)
