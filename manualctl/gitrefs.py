"""A repository's top folder, whether it is shallow, and its tags, read from its files
as ``git rev-parse --show-toplevel --is-shallow-repository --symbolic-full-name --tags``
gives them, without starting git (a git process costs an edition command more than
reading a few small files does).

Only the plain layout is read: a ``.git`` folder, or a ``.git`` file naming one (as
``git worktree add`` makes), loose tags under ``refs/tags`` and ``packed-refs``.
Anything else gives None and :func:`manualctl.git.require_history` asks git: ``GIT_*``
variables that could move the repository, a config naming a work tree, another ref
storage or an include, a folder owned by another user (git's ``safe.directory`` check),
a file-system boundary before the ``.git``, a tag name or file git would warn about.
``tests/test_gitrefs.py`` holds this equal to git.

One difference is left to git: a tag whose object is missing from a broken repository,
which git leaves out of its list, is listed here; the history read after it then fails
with git's own error.
"""

import os
from pathlib import Path

#: Variables that change who commits or how git talks to people, never which repository
#: or refs it reads; any other ``GIT_*`` variable means: ask git.
_HARMLESS = frozenset(
    (
        "GIT_CONFIG_NOSYSTEM",
        "GIT_TERMINAL_PROMPT",
        "GIT_ASKPASS",
        "GIT_EDITOR",
        "GIT_PAGER",
        "GIT_SSH",
        "GIT_SSH_COMMAND",
        "GIT_FLUSH",
    )
)
_HARMLESS_PREFIXES = ("GIT_AUTHOR_", "GIT_COMMITTER_", "GIT_SSL_")

_HEX = b"0123456789abcdef"


def read(folder: Path) -> tuple[Path, bool, list[str]] | None:
    """The top folder, the shallow flag and the tag names (``refs/tags/`` removed, in
    git's order) of the repository holding ``folder``; None: ask git."""
    if any(_moves_git(name) for name in os.environ):
        return None
    here = folder.resolve()
    try:
        device = here.stat().st_dev
        for top in (here, *here.parents):
            if top.stat().st_dev != device:
                return None  # git stops at a file-system boundary
            dotgit = top / ".git"
            if os.path.lexists(dotgit):
                return _read_repository(top, dotgit)
            if (top / "HEAD").exists() and (top / "objects").exists():
                return None  # perhaps a bare repository: git's to say
    except (OSError, UnicodeDecodeError):
        return None
    return None  # not in a repository: git says so, in its words


def _moves_git(name: str) -> bool:
    return (
        name.startswith("GIT_")
        and name not in _HARMLESS
        and not name.startswith(_HARMLESS_PREFIXES)
    )


def _read_repository(top: Path, dotgit: Path) -> tuple[Path, bool, list[str]] | None:
    found = _folders(top, dotgit)
    if found is None:
        return None
    tags = _tags(found[1])
    if tags is None:
        return None
    return top, (found[1] / "shallow").exists(), tags


def folders(top: Path) -> tuple[Path, Path] | None:
    """The git folder and the common folder (objects and refs: another one for a work
    tree ``git worktree add`` made) of the repository whose top folder is ``top``, when
    it is of the plain layout :func:`read` reads; None: ask git."""
    if any(_moves_git(name) for name in os.environ):
        return None
    try:
        return _folders(top, top / ".git")
    except (OSError, UnicodeDecodeError):
        return None


def _folders(top: Path, dotgit: Path) -> tuple[Path, Path] | None:
    if dotgit.is_symlink():
        return None
    if dotgit.is_dir():
        gitdir = dotgit
    else:
        text = dotgit.read_text(encoding="utf-8")
        if not text.startswith("gitdir: ") or text.count("\n") > 1:
            return None
        gitdir = (top / text[len("gitdir: ") :].strip()).resolve()
    common = gitdir
    if (gitdir / "commondir").exists():
        common = (gitdir / (gitdir / "commondir").read_text(encoding="utf-8").strip()).resolve()
    if not _plain(top, gitdir, common):
        return None
    return gitdir, common


def _plain(top: Path, gitdir: Path, common: Path) -> bool:
    """A repository of the usual layout, owned by this user, whose refs are files."""
    user = os.geteuid()
    for folder in {top, gitdir, common}:
        if folder.stat().st_uid != user:
            return False  # git's safe.directory check decides
    if not ((gitdir / "HEAD").is_file() and (common / "objects").is_dir()):
        return False
    if (gitdir / "config.worktree").exists() or (common / "reftable").exists():
        return False
    config = (common / "config").read_text(encoding="utf-8").lower()
    if "worktree" in config or "refstorage" in config or "include" in config:
        return False  # a work tree elsewhere, refs not in files, other config files
    for line in config.splitlines():
        key, _, value = line.partition("=")
        if key.strip() == "bare" and value.strip() in ("", "true", "yes", "on", "1"):
            return False
    return True


def _tags(common: Path) -> list[str] | None:
    """Every tag name, loose and packed; None when one is of a kind git would warn about."""
    names: set[str] = set()
    try:
        packed = (common / "packed-refs").read_bytes()
    except FileNotFoundError:
        packed = b""
    for line in packed.split(b"\n"):
        if not line or line[:1] in (b"#", b"^"):
            continue
        _, _, name = line.partition(b" ")
        if name.startswith(b"refs/tags/"):
            names.add(name[len(b"refs/tags/") :].decode("utf-8"))
    loose = common / "refs" / "tags"
    for folder, dirs, files in os.walk(loose):
        for entry in (*dirs, *files):
            if os.path.islink(os.path.join(folder, entry)):
                return None
        for file in files:
            path = Path(folder) / file
            if not _object_id(path.read_bytes()):
                return None  # a symbolic or broken ref: git's to judge
            names.add(path.relative_to(loose).as_posix())
    if not all(plain_name(name) for name in names):
        return None
    return sorted(names)  # as git: by name, byte for byte (UTF-8 keeps that order)


def _object_id(content: bytes) -> bool:
    """A loose ref holding an object id (SHA-1 or SHA-256) and a newline."""
    oid = content.removesuffix(b"\n")
    return len(oid) in (40, 64) and content.endswith(b"\n") and not oid.strip(_HEX)


def plain_name(name: str) -> bool:
    """A tag name git takes as it is (the rules of ``git check-ref-format``); a name
    git refuses or warns about makes git be asked."""
    if any(ord(char) <= 32 or char in "\x7f~^:?*[\\" for char in name):
        return False
    if ".." in name or "@{" in name or name.endswith("."):
        return False
    return all(
        part and not part.startswith(".") and not part.endswith(".lock") for part in name.split("/")
    )
