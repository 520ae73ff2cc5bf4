"""Where a manual's upstream (template) manual is, and its edition tag.

manual.yaml names the template's folder (relative to manual.yaml: in the same repository,
or in another clone on disk) and the edition it follows::

    upstream:
      manual: ../trix-template
      edition: 2026-05

The edition is read from git at the template's edition tag, never from its working tree:
what a council inherits is what the template released. A template published before it
came into manualctl is released at its imported edition (``edition: imported:``), read
at the commit that recorded it.
"""

# No `from __future__ import annotations`: a NamedTuple's string annotations are each
# compiled at import, the first compile costing 2 ms (tests/test_cli_startup.py).
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from manualctl import git
from manualctl.check.load import display
from manualctl.editions.tags import edition_tags, imported_edition
from manualctl.errors import GitError, UsageError
from manualctl.model.chapter import decode
from manualctl.model.manual import DEFAULT_TAG_FORMAT, MANUAL_FILE, tag_name
from manualctl.model.yamltext.reader import YamlSyntaxError, load_fast


class UpstreamError(UsageError):
    """The upstream cannot be used; ``code`` is the finding's rule code for validate."""

    def __init__(self, code: str, message: str, *, hint: str) -> None:
        super().__init__(message, hint=hint)
        self.code = code


class Upstream(NamedTuple):
    """The template manual at the edition a manual follows. (A NamedTuple, not a
    dataclass: importing dataclasses costs validate of a manual built on a template
    75 M instructions.)"""

    root: Path  # the template's folder
    repo: git.RepoInfo
    manual_id: str
    tag_format: str
    edition: str
    tag: str  # what git reads the edition at: its tag (or an imported edition's commit)
    editions: tuple[str, ...]  # every released edition of the template, oldest first
    #: editions released without a tag: imported ones (``edition: imported:``) -> commit
    commits: Mapping[str, str]

    def tag_for(self, edition: str) -> str:
        """The tag of ``edition`` (for an imported edition: the commit that recorded it)."""
        return self.commits.get(edition) or tag_name(self.tag_format, self.manual_id, edition)

    def at(self, edition: str) -> "Upstream":
        """The same template at another of its editions (no git process)."""
        tag = self.tag_for(edition)
        if edition not in self.editions:
            known = ", ".join(self.editions)
            raise UpstreamError(
                "upstream-edition-missing",
                f"the upstream edition {edition} does not exist: {display(self.root)} has no "
                f'tag "{tag}"' + (f" (its editions: {known})." if known else " (no editions yet)."),
                hint=_missing_hint(self.repo, self.root),
            )
        return self._replace(edition=edition, tag=tag)


def locate(manual_root: Path, settings: dict[str, Any], edition: str | None = None) -> Upstream:
    """The upstream named by ``settings`` (manual.yaml's ``upstream:``) at its edition, or
    at ``edition`` when given. Raises :class:`UpstreamError`. Two git processes."""
    folder = str(settings.get("manual") or "")
    wanted = edition or str(settings.get("edition") or "")
    return template(manual_root, folder).at(wanted)


def template(manual_root: Path, folder: str) -> Upstream:
    """The template manual in ``folder`` (relative to ``manual_root``), with its editions;
    :meth:`Upstream.at` gives it at one of them. Raises :class:`UpstreamError`."""
    root = (manual_root / folder).resolve()
    shown = display(root)
    config = root / MANUAL_FILE
    if root == manual_root.resolve():
        raise UpstreamError(
            "upstream-unreadable",
            "upstream.manual names this manual itself: a manual cannot be its own template.",
            hint="Name the template manual's folder, relative to this manual.yaml.",
        )
    if not config.is_file():
        raise UpstreamError(
            "upstream-unreadable",
            f'the upstream "{folder}" is not a manual: there is no {MANUAL_FILE} in {shown}.',
            hint="Give the template manual's folder relative to this manual.yaml "
            "(for example ../trix-template), or clone the template's repository there.",
        )
    data = _config(config)
    if isinstance(data.get("upstream"), dict):
        raise UpstreamError(
            "upstream-unreadable",
            f"the upstream {shown} is itself built on a template: manualctl follows one "
            "template, not a chain (or a cycle) of them.",
            hint="Name the template at the top of the chain as the upstream.",
        )
    try:
        repo, tag_names = git.require_history(root)
    except GitError as exc:
        raise UpstreamError(
            "upstream-unreadable", f"the upstream {shown}: {exc.message}", hint=exc.hint or ""
        ) from None
    manual_id = str(data.get("id") or "")
    settings_ = data.get("edition")
    tag_format = DEFAULT_TAG_FORMAT
    if isinstance(settings_, dict) and settings_.get("tag_format"):
        tag_format = str(settings_["tag_format"])
    tags = edition_tags(tag_names, tag_format, manual_id)
    # a template published before manualctl is released at its imported edition, the
    # commit that recorded it (as for the template's own edition commands)
    imported = imported_edition(settings_) if isinstance(settings_, dict) else None
    if imported is not None and not any(t.edition == imported for t in tags):
        from manualctl.editions.imported import imported_tag  # a rare template's only

        try:
            tags = sorted([*tags, imported_tag(repo, imported)], key=lambda t: t.edition)
        except UsageError as exc:
            raise UpstreamError(
                "upstream-unreadable", f"the upstream {shown}: {exc.message}", hint=exc.hint or ""
            ) from None
    editions = tuple(t.edition for t in tags)
    commits = {t.edition: t.tag for t in tags if t.imported}
    return Upstream(root, repo, manual_id, tag_format, "", "", editions, commits)


def _missing_hint(repo: git.RepoInfo, root: Path) -> str:
    fetch = f"fetch the template's tags ('git fetch --tags' in {display(repo.top)})"
    release = (
        "release that edition of the template first "
        f"('manualctl release YYYY-MM -m {display(root)}')"
    )
    return f"Check the edition, {fetch}, or {release}."


#: each template manual.yaml read from its folder: its bytes -> its data. An edition read
#: from git whose manual.yaml is the same file is not parsed again
#: (:func:`manualctl.upstream.objects.chapters_at`).
read_from_folder: dict[bytes, dict[str, Any]] = {}


def _config(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
        data = load_fast(decode(raw))
    except (OSError, UnicodeDecodeError, YamlSyntaxError) as exc:
        raise UpstreamError(
            "upstream-unreadable",
            f"the upstream's {display(path)} cannot be read: {exc}.",
            hint="Run 'manualctl validate' in the template's folder and fix what it reports.",
        ) from None
    if not isinstance(data, dict):
        raise UpstreamError(
            "upstream-unreadable",
            f"the upstream's {display(path)} is not a manual.",
            hint="Name the folder of the template manual (the one holding its manual.yaml).",
        )
    read_from_folder[raw] = data
    return data
