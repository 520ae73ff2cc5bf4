"""``manualctl affected``: the manuals whose editions a change touches, for CI to fan out.

A repository may hold a hundred manuals; CI should build only those a change can alter.
A manual is affected when, between the base commit and the working tree, a file changed
in its own folder (manual.yaml, chapters, media, its templates), in the folder of the
template manual it follows (manual.yaml ``upstream: manual:``), or in manualctl's own
templates or code when those are in the same repository (manualctl's repository itself).

It costs three small git processes, whatever the number of manuals, run side by side
(:class:`manualctl.git.DiffNames`): ``git diff --name-only`` against the base, ``git
ls-files`` for the tracked ``manual.yaml`` files and the repository's top; the manuals
are found and their manual.yaml files read while git diff compares the working tree.
Only the manual.yaml of an affected manual (for its id) or of one that names a template
is parsed.
Manuals and changes git does not track are not seen: commit or ``git add`` them.
"""

# No `from __future__ import annotations` and no dataclasses: they cost a quick command
# Python's compiler at import (see manualctl/cli/fast.py); NamedTuples do not.
import os
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from manualctl import git
from manualctl.errors import UsageError
from manualctl.model.discovery import MANUAL_FILE, skipped_folder
from manualctl.model.yamltext.reader import YamlSyntaxError, load_fast
from manualctl.resources import templates_dir

#: GitHub Actions runs at most 256 jobs from one matrix.
MAX_JOBS = 256


class Affected(NamedTuple):
    """A manual whose editions may change, and why (in reading order)."""

    root: Path  # the manual's folder
    prefix: str  # the folder relative to the repository's top ("" at the top)
    id: str
    reasons: tuple[str, ...]


class AffectedReport(NamedTuple):
    """What ``affected`` found: the manuals to build, out of how many."""

    base: str
    manuals: list[Affected]
    checked: int  # manuals found under the paths given


def affected(paths: Sequence[Path], base: str) -> AffectedReport:
    """The manuals at or below ``paths`` whose editions differ between ``base`` and now."""
    folders = [p.resolve() for p in paths] or [Path.cwd().resolve()]
    for folder in folders:
        if not folder.exists():
            raise UsageError(
                f"{folder} does not exist.", hint="Give folders that hold manuals, or none."
            )
    start = folders[0] if folders[0].is_dir() else folders[0].parent
    with git.DiffNames(start, base, tracked=MANUAL_FILE) as diff:
        if diff.top is None:
            raise UsageError(
                f"{start} is not in a git repository: 'affected' compares commits.",
                hint="Run it in a clone of the manuals' repository.",
            )
        top = diff.top.resolve()
        wanted = [_relative(folder, top) for folder in folders]
        manuals = _manuals(diff.tracked())  # while git diff compares the working tree
        where = str(top)
        files = {prefix: os.path.join(where, prefix, MANUAL_FILE) for prefix in manuals}
        templates = _templates(files, set(manuals))
        own = _own_prefixes(top)
        changed = diff.changed()
    found = _changes_by_manual(changed, manuals, own, templates)
    result = [
        Affected(top / prefix, prefix, _manual_id(prefix or top.name, files[prefix]), tuple(why))
        for prefix, why in sorted(found.items())
        if _wanted(prefix, wanted)
    ]
    return AffectedReport(base, result, sum(1 for p in manuals if _wanted(p, wanted)))


def _wanted(prefix: str, wanted: Sequence[str]) -> bool:
    return any(_under(prefix, folder) for folder in wanted)


def _relative(folder: Path, top: Path) -> str:
    try:
        rel = folder.relative_to(top).as_posix()
    except ValueError:
        raise UsageError(
            f"{folder} is not in the repository at {top}.",
            hint="Give folders of one repository (run the command in it).",
        ) from None
    return "" if rel == "." else rel


def _under(path: str, prefix: str) -> bool:
    return not prefix or path == prefix or path.startswith(prefix + "/")


def _manuals(manual_files: Iterable[str]) -> list[str]:
    """The manuals' folders (relative to the top), outermost kept: a manual's own folders
    hold no further manuals, as for :func:`manualctl.model.discovery.find_manuals`."""
    prefixes = []
    for name in manual_files:
        prefix = name.rpartition("/")[0]  # git's paths: no "." or "//" in them
        parts = prefix.split("/") if prefix else []
        if any(skipped_folder(part) for part in parts):  # as find_manuals skips them
            continue
        prefixes.append(prefix)
    kept: set[str] = set()
    for prefix in sorted(prefixes, key=lambda p: (p.count("/"), p) if p else (-1, p)):
        if "" in kept:
            break  # a manual at the top holds no further manuals
        parts = prefix.split("/")
        if not any("/".join(parts[:depth]) in kept for depth in range(1, len(parts))):
            kept.add(prefix)
    return sorted(kept)


def _own_prefixes(top: Path) -> list[tuple[str, str]]:
    """manualctl's templates and code, when they are files of this repository."""
    own = []
    for what, folder in (
        ("manualctl's templates", templates_dir()),
        ("manualctl's code", Path(__file__).resolve().parent.parent),
    ):
        try:
            own.append((what, folder.resolve().relative_to(top).as_posix()))
        except ValueError:
            continue
    return own


def _owner(path: str, manuals: set[str]) -> str | None:
    """The manual whose folder holds ``path`` (the nearest manual.yaml above it)."""
    prefix = path.rpartition("/")[0]  # git's paths: no "." or "//" in them
    while True:
        if prefix in manuals:
            return prefix
        if not prefix:
            return None
        prefix = prefix.rpartition("/")[0]


def _mentions(path: str, word: bytes) -> bool:
    """Whether manual.yaml's bytes hold ``word`` (ASCII: in its text then too); False
    when it cannot be read."""
    try:
        with open(path, "rb", buffering=0) as file:  # read whole: no buffer needed
            return word in file.read()
    except OSError:
        return False


def _read(path: str) -> str | None:
    """manual.yaml's text; None when it cannot be read (validate says why)."""
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None


def _changes_by_manual(
    changed: Sequence[str],
    manuals: Sequence[str],
    own: Sequence[tuple[str, str]],
    templates: Sequence[tuple[str, str]],
) -> dict[str, list[str]]:
    """Why each manual is affected; ``templates``: (follower, template) pairs."""
    known = set(manuals)
    files: dict[str, list[str]] = {}
    everything: list[str] = []
    for path in changed:
        for what, prefix in own:
            if _under(path, prefix):
                everything.append(f"{what} changed ({path})")
                break
        else:
            owner = _owner(path, known)
            if owner is not None:
                rel = path[len(owner) + 1 :] if owner else path
                files.setdefault(owner, []).append(rel)
    found = {prefix: [_files_changed(names)] for prefix, names in files.items()}
    if everything:
        for prefix in manuals:
            found.setdefault(prefix, []).append(everything[0])
    for follower, template in templates:
        if template in files and follower != template:
            found.setdefault(follower, []).append(
                f"it follows the template {template or '.'}, which changed"
            )
    return found


def _files_changed(names: Sequence[str]) -> str:
    shown = ", ".join(sorted(names)[:3]) + (", ..." if len(names) > 3 else "")
    return f"{len(names)} file(s) changed: {shown}"


def _templates(files: dict[str, str], known: set[str]) -> list[tuple[str, str]]:
    """(follower, template) for each manual whose manual.yaml (``files``, by prefix) names
    a template manual found here. Only manual.yaml files that mention ``upstream:`` are
    read as text and parsed."""
    pairs = []
    for prefix, path in files.items():
        if not _mentions(path, b"upstream:"):
            continue
        text = _read(path)
        if text is None or "upstream:" not in text:
            continue
        data = _parsed(text)
        upstream = data.get("upstream") if isinstance(data, dict) else None
        folder = upstream.get("manual") if isinstance(upstream, dict) else None
        if not isinstance(folder, str):
            continue
        joined = PurePosixPath(prefix or ".") / folder
        template = _normal(joined.as_posix())
        if template is not None and template in known:
            pairs.append((prefix, template))
    return pairs


def _normal(path: str) -> str | None:
    """``a/b/../c`` -> ``a/c``; None when it leaves the repository."""
    parts: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                return None
            parts.pop()
        else:
            parts.append(part)
    return "/".join(parts)


def _parsed(text: str) -> object:
    """manual.yaml's data; None when it is not YAML (validate reports that)."""
    try:
        return load_fast(text)
    except YamlSyntaxError:
        return None


def _manual_id(folder: str, path: str) -> str:
    """The manual's id; its folder's name when manual.yaml gives none it can read."""
    text = _read(path)
    data = _parsed(text) if text is not None else None
    value = data.get("id") if isinstance(data, dict) else None
    return value if isinstance(value, str) else PurePosixPath(folder).name


def matrix(report: AffectedReport, cwd: Path, jobs: int = MAX_JOBS) -> dict[str, object]:
    """A GitHub Actions matrix (``strategy: matrix: ${{ fromJSON(...) }}``): one job per
    affected manual, or, when there are more than ``jobs``, ``jobs`` shards of several.

    Each job has ``name`` and ``paths`` (the manuals' folders, quoted for a shell, relative
    to ``cwd`` when inside it): ``manualctl publish ${{ matrix.paths }}``."""
    import shlex  # only for --json

    if jobs < 1:
        raise UsageError(f"--jobs {jobs} is not a number of jobs.", hint="Give 1 or more.")
    shown = [(a.id, _shown(a.root, cwd)) for a in report.manuals]
    if len(shown) <= jobs:
        return {"include": [{"name": name, "paths": shlex.quote(path)} for name, path in shown]}
    size, extra = divmod(len(shown), jobs)
    include = []
    at = 0
    for number in range(jobs):
        count = size + (1 if number < extra else 0)
        part = shown[at : at + count]
        at += count
        names = part[0][0] if len(part) == 1 else f"{part[0][0]} to {part[-1][0]}"
        include.append(
            {
                "name": f"shard {number + 1} of {jobs}: {names}",
                "paths": shlex.join(path for _, path in part),
            }
        )
    return {"include": include}


def _shown(path: Path, cwd: Path) -> str:
    try:
        rel = path.relative_to(cwd.resolve())
    except ValueError:
        return str(path)
    return rel.as_posix() if rel.parts else "."
