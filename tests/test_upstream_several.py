"""``upstream status`` of several manuals in one run: a publisher's folder of councils."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from editions_helpers import replace
from test_parallel import _children
from test_upstream_status import EXPECTED
from upstream_helpers import two_editions_repo

from manualctl import gitobjects
from manualctl.check import parallel
from manualctl.upstream.placed import Placed
from manualctl.upstream.several import status_of_all
from manualctl.upstream.status import Comparison, Status

#: the second council: the first one's copy under its own id, following the newest edition
#: with its substitution reviewed against it (so it has nothing to decide)
SECOND = """\
council-b follows the template manuals/template at 2026-11; compared with 2026-11.

Unchanged: 5 chapter(s).
Nothing to decide.
"""


def _two_councils(tmp_path: Path) -> Path:
    repo = two_editions_repo(tmp_path)
    second = repo / "manuals" / "council-b"
    shutil.copytree(repo / "manuals" / "council", second)
    replace(second / "manual.yaml", "id: council", "id: council-b")
    replace(second / "manual.yaml", "edition: 2026-05", "edition: 2026-11")
    replace(second / "manual.yaml", "      - inherit: private-fostering\n", "")
    replace(
        second / "chapters" / "local-confidentiality.md", "based_on: 2026-05", "based_on: 2026-11"
    )
    return repo


def test_a_folder_of_councils_in_one_run(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    repo = _two_councils(tmp_path)
    result = cli("upstream", "status", "manuals", cwd=repo)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == EXPECTED + "\n" + SECOND
    # the template itself follows no template: named, left out
    assert result.stderr == (
        "2 manual(s) compared: 1 with something to decide. "
        "Left out, as built on no template: template.\n"
    )
    assert cli("upstream", "status", "manuals", "--check", cwd=repo).exit_code == 1
    assert cli("upstream", "status", "manuals/council-b", "--check", cwd=repo).exit_code == 0


def test_several_as_json_and_github(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    repo = _two_councils(tmp_path)
    result = cli("upstream", "status", "manuals", "-f", "json", cwd=repo)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [(d["manual"], d["edition"], d["needs_decision"], len(d["items"])) for d in data] == [
        ("council", "2026-05", True, 6),
        ("council-b", "2026-11", False, 0),
    ]
    # one manual given by path is a list of one, as the command line asked for folders
    one = json.loads(cli("upstream", "status", "manuals/council", "-f", "json", cwd=repo).stdout)
    assert one == data[:1]
    # -m gives the one manual's object, as before
    single = cli("upstream", "status", "-m", "manuals/council", "-f", "json", cwd=repo)
    assert json.loads(single.stdout) == data[0]
    github = cli("upstream", "status", "manuals", "-f", "github", cwd=repo)
    assert (
        github.stdout
        == cli("upstream", "status", "-m", "manuals/council", "-f", "github", cwd=repo).stdout
    )


def test_a_manual_named_that_follows_no_template_is_refused(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    repo = _two_councils(tmp_path)
    result = cli("upstream", "status", "manuals/council", "manuals/template", cwd=repo)
    assert result.exit_code == 2
    assert result.stdout == EXPECTED  # the other manual named is compared
    assert result.stderr == (
        "Error: manuals/template: manuals/template/manual.yaml names no upstream manual. Add "
        "'upstream:' with "
        "the template's folder and edition (see the README, 'Manuals built on a template').\n"
        "1 manual(s) compared: 1 with something to decide. Not compared, for the errors "
        "above: manuals/template.\n"
    )
    alone = cli("upstream", "status", "manuals/template", cwd=repo)
    assert (alone.exit_code, alone.stdout) == (2, "")
    assert alone.stderr == result.stderr.splitlines(keepends=True)[0].replace(
        "manuals/template: ", "", 1
    )


def _broken_councils(repo: Path) -> None:
    """A council whose manual.yaml does not parse (council-z) and one that follows a
    template edition that does not exist (council-d), beside the two that read."""
    for name, old, new in (
        ("council-z", "contents:", "contents: [oops\n"),
        ("council-d", "edition: 2026-11", "edition: 2025-11"),
    ):
        folder = repo / "manuals" / name
        shutil.copytree(repo / "manuals" / "council-b", folder)
        replace(folder / "manual.yaml", "id: council-b", f"id: {name}")
        replace(folder / "manual.yaml", old, new)


BROKEN = """\
manuals/council-z/manual.yaml:10:12: error yaml-syntax: manual.yaml is not valid YAML: \
while parsing a flow sequence did not find expected ',' or ']'.
    hint: Check the indentation and punctuation of manual.yaml at this line (a ':' after \
each key, '- ' before each list item, quotes around text that holds ': ' or starts with a \
special character).
Error: The manual in manuals/council-z has 1 error(s). Fix them (run 'manualctl validate' \
to see them again), then retry.
"""
MISSING = (
    "Error: manuals/council-d: the upstream edition 2025-11 does not exist: manuals/template "
    'has no tag "template/2025-11" (its editions: 2026-05, 2026-11). Check the edition, fetch '
    "the template's tags ('git fetch --tags' in .), or release that edition of the template "
    "first ('manualctl release YYYY-MM -m manuals/template').\n"
)


GITHUB_FAILED = (
    "::error file=manuals/council-d/manual.yaml,line=5,col=1,title=upstream-edition-missing::"
    + MISSING.removeprefix("Error: manuals/council-d: ")
    + "::error file=manuals/council-z/manual.yaml,line=10,col=12,title=yaml-syntax::manual.yaml "
    "is not valid YAML: while parsing a flow sequence did not find expected ',' or ']'. Check "
    "the indentation and punctuation of manual.yaml at this line (a ':' after each key, '- ' "
    "before each list item, quotes around text that holds ': ' or starts with a special "
    "character).\n"
)


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_manual_that_fails_does_not_stop_the_others(
    tmp_path: Path,
    cli,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
    workers: str,
) -> None:
    """A publisher's folder with one broken manual still shows the others' statuses, then
    each error as the command alone gives it, and exits with the error's code."""
    repo = _two_councils(tmp_path)
    _broken_councils(repo)
    before = {p: p.read_bytes() for p in (repo / "manuals").rglob("*") if p.is_file()}
    monkeypatch.setenv("MANUALCTL_WORKERS", workers)  # (2: council-z is the worker's)
    result = cli("upstream", "status", "manuals", cwd=repo)
    assert result.exit_code == 2  # the missing edition's (a broken manual alone: 1)
    assert result.stdout == EXPECTED + "\n" + SECOND
    assert result.stderr == (
        MISSING + BROKEN + "2 manual(s) compared: 1 with something to decide. Not compared, "
        "for the errors above: manuals/council-d, manuals/council-z. Left out, as built on "
        "no template: template.\n"
    )
    data = json.loads(cli("upstream", "status", "manuals", "-f", "json", cwd=repo).stdout)
    assert [d["manual"] for d in data] == ["council", "council-b"]
    # CI's annotations: each failed manual's at its file and line, with the others', in
    # file order ("manuals/council-d/" before "manuals/council/")
    github = cli("upstream", "status", "manuals", "-f", "github", cwd=repo)
    council = cli("upstream", "status", "-m", "manuals/council", "-f", "github", cwd=repo)
    assert github.exit_code == 2
    assert github.stdout == GITHUB_FAILED + council.stdout
    shutil.rmtree(repo / "manuals" / "council-d")
    alone = cli("upstream", "status", "manuals", "--check", cwd=repo)
    assert alone.exit_code == 1  # the manual's errors: as validate's
    assert alone.stderr.startswith(BROKEN)
    after = {p: p.read_bytes() for p in (repo / "manuals").rglob("*") if p.is_file()}
    assert after == {p: data for p, data in before.items() if "council-d" not in p.parts}


def test_a_folder_with_no_manual_built_on_a_template(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    repo = _two_councils(tmp_path)
    shutil.rmtree(repo / "manuals" / "council")
    shutil.rmtree(repo / "manuals" / "council-b")
    result = cli("upstream", "status", "manuals", cwd=repo)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "Error: None of the manuals found is built on a template (manuals/template): none "
        "names 'upstream:' in its manual.yaml. Give the folders of manuals built on a "
        "template, or add 'upstream:' with the template's folder and edition (see the "
        "README, 'Manuals built on a template').\n"
    )


def test_manuals_read_in_two_processes_give_the_same_status(
    tmp_path: Path,
    cli,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The manuals are read in a forked process when a CPU is free: the same answer."""
    repo = _two_councils(tmp_path)
    monkeypatch.setenv("MANUALCTL_WORKERS", "1")
    alone = cli("upstream", "status", "manuals", "-f", "json", cwd=repo)
    monkeypatch.setenv("MANUALCTL_WORKERS", "2")
    roots = [repo / "manuals" / "council", repo / "manuals" / "council-b"]
    with _forks_counted(monkeypatch) as forks:
        shared = cli("upstream", "status", "manuals", "-f", "json", cwd=repo)
    assert forks == [1]
    assert shared == alone
    assert [s.manual for s in status_of_all(roots).statuses] == ["council", "council-b"]


def test_a_worker_compares_its_share_through_git_processes_of_its_own(
    tmp_path: Path,
    cli,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A worker compares the manuals of its share itself (only their statuses come back),
    and asks what the repository's files do not answer of a git process of its own,
    which it ends before it ends: here the files answer nothing, and the answer is the
    same as in one process, each process closed its own, and none is left behind."""
    repo = _two_councils(tmp_path)
    monkeypatch.setattr(gitobjects, "open_store", lambda top: None)
    monkeypatch.setenv("MANUALCTL_WORKERS", "1")
    alone = cli("upstream", "status", "manuals", "-f", "json", cwd=repo)
    log = tmp_path / "log"
    status, close = Comparison.status, Comparison.close

    def logged(what: str) -> None:
        with log.open("a") as handle:
            handle.write(f"{what} {'worker' if os.getpid() != here else 'here'}\n")

    def compared(self: Comparison, placed: Placed) -> Status:
        logged(placed.id)
        return status(self, placed)

    def closed(self: Comparison) -> None:
        logged("closed")
        close(self)

    monkeypatch.setattr(Comparison, "status", compared)
    monkeypatch.setattr(Comparison, "close", closed)
    monkeypatch.setenv("MANUALCTL_WORKERS", "3")  # council here, council-b, template
    here, before = os.getpid(), _children()
    assert cli("upstream", "status", "manuals", "-f", "json", cwd=repo) == alone
    assert sorted(log.read_text().splitlines()) == [
        "closed here",
        "closed worker",
        "closed worker",
        "council here",
        "council-b worker",  # (the template follows none: left out)
    ]
    assert _children() <= before


@contextmanager
def _forks_counted(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Counts the worker processes :mod:`manualctl.check.parallel` starts."""
    count = [0]
    real = parallel._Worker.start.__func__  # type: ignore[attr-defined]

    def start(cls, func, chunk):  # type: ignore[no-untyped-def]
        count[0] += 1
        return real(cls, func, chunk)

    monkeypatch.setattr(parallel._Worker, "start", classmethod(start))
    yield count
