"""The words manualctl starts git with (:data:`GIT`), and the commands of
:class:`manualctl.git.DiffNames`, in a module that imports only :mod:`os`: the command
line starts those before it imports anything else (:mod:`manualctl.early`), and
``DiffNames`` asks for the same words.
"""

import os

GIT = ("git", "-c", "core.quotepath=off")


def diff_names(folder: str, base: str, tracked: str) -> tuple[tuple[str, ...], ...]:
    """``git diff --name-only`` against ``base``, ``git ls-files`` of the files called
    ``tracked`` and ``git rev-parse --show-toplevel``, run in ``folder`` (``-C``)."""
    here = (*GIT, "-C", folder)
    diff = ("diff", "--name-only", "-z", "--no-relative", "--no-renames", "--no-ext-diff")
    return (
        (*here, *diff, "--merge-base", base),
        (*here, "ls-files", "-z", "--full-name", "--", _anywhere(tracked)),
        (*here, "rev-parse", "--show-toplevel"),
    )


def _anywhere(name: str) -> str:
    """A pathspec for every file whose name ends with ``name``, in any folder.

    ``*NAME``, one leading star and the rest literal, git matches as a suffix (a string
    compare per index entry): half the instructions of ``git ls-files`` that the glob
    ``**/NAME`` costs. The caller keeps the files called ``NAME`` itself. Where
    GIT_GLOB_PATHSPECS or GIT_NOGLOB_PATHSPECS is set, the star would not cross folders:
    the glob then.
    """
    if "GIT_GLOB_PATHSPECS" in os.environ or "GIT_NOGLOB_PATHSPECS" in os.environ:
        return f":(top,glob)**/{name}"
    return f":(top)*{name}"
