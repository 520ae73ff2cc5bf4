"""``manualctl affected``: which manuals a change touches, in a real repository of several."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, commit_all, git
from tests.editions_helpers import append, replace


def _manual(repo: Path, folder: str, manual_id: str) -> Path:
    root = repo / folder
    shutil.copytree(FIXTURES / "tiny", root)
    replace(root / "manual.yaml", "id: tiny", f"id: {manual_id}")
    return root


@pytest.fixture
def fleet(tmp_path: Path) -> Path:
    """A repository with a template, a council manual following it, and one other."""
    repo = tmp_path / "fleet"
    repo.mkdir()
    _manual(repo, "manuals/template", "template")
    council = repo / "manuals" / "council"
    shutil.copytree(FIXTURES / "upstream" / "council", council)
    _manual(repo, "manuals/other", "other")
    (repo / "README.md").write_text("Our manuals.\n")
    git(repo, "init", "-q")
    commit_all(repo, "Three manuals", date="2026-01-01T12:00:00Z")
    return repo


def test_a_template_change_affects_the_manuals_that_follow_it(fleet: Path, cli) -> None:  # type: ignore[no-untyped-def]
    append(fleet / "manuals/template/chapters/all-children/our-vision.md", "More.\n")
    result = cli("affected", "--base", "HEAD", cwd=fleet)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "manuals/council (council): it follows the template manuals/template, which changed\n"
        "manuals/template (template): 1 file(s) changed: chapters/all-children/our-vision.md\n"
    )
    assert result.stderr == "2 of 3 manual(s) affected since HEAD.\n"


def test_only_the_manual_changed_and_nothing_for_other_files(fleet: Path, cli) -> None:  # type: ignore[no-untyped-def]
    append(fleet / "manuals/other/chapters/family-support/early-help.md", "More.\n")
    append(fleet / "README.md", "More.\n")
    (fleet / "manuals/other/media").mkdir()
    (fleet / "manuals/other/media/new.png").write_bytes(b"not tracked yet")
    result = cli("affected", "--base", "HEAD", "--json", cwd=fleet)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == '{"include": [{"name": "other", "paths": "manuals/other"}]}\n'


def test_nothing_changed_is_an_empty_matrix(fleet: Path, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("affected", "--base", "HEAD", "--json", cwd=fleet)
    assert (result.exit_code, result.stdout) == (0, '{"include": []}\n')
    text = cli("affected", "--base", "HEAD", cwd=fleet)
    assert (text.stdout, text.stderr) == ("", "0 of 3 manual(s) affected since HEAD.\n")


def test_a_chapter_moved_between_manuals_affects_both(fleet: Path, cli) -> None:  # type: ignore[no-untyped-def]
    git(fleet, "mv", "manuals/other/chapters/family-support/early-help.md", "manuals/council/")
    commit_all(fleet, "Move a chapter", date="2026-01-02T12:00:00Z")
    result = cli("affected", "--base", "HEAD~1", cwd=fleet)
    assert result.stdout == (
        "manuals/council (council): 1 file(s) changed: early-help.md\n"
        "manuals/other (other): 1 file(s) changed: chapters/family-support/early-help.md\n"
    )


def test_a_pull_request_is_compared_from_where_it_left_its_base(fleet: Path, cli) -> None:  # type: ignore[no-untyped-def]
    git(fleet, "switch", "-q", "-c", "change")
    append(fleet / "manuals/other/manual.yaml", "# a comment\n")
    commit_all(fleet, "Change other", date="2026-01-02T12:00:00Z")
    git(fleet, "switch", "-q", "main")
    append(fleet / "manuals/template/chapters/family-support/early-help.md", "More.\n")
    commit_all(fleet, "Change the template on main", date="2026-01-03T12:00:00Z")
    git(fleet, "switch", "-q", "change")
    result = cli("affected", "--base", "main", "--json", cwd=fleet)
    assert result.stdout == '{"include": [{"name": "other", "paths": "manuals/other"}]}\n'


def test_paths_limit_the_manuals_and_json_paths_are_relative(fleet: Path, cli) -> None:  # type: ignore[no-untyped-def]
    append(fleet / "manuals/template/chapters/all-children/our-vision.md", "More.\n")
    result = cli("affected", "council", "--base", "HEAD", "--json", cwd=fleet / "manuals")
    assert result.stdout == '{"include": [{"name": "council", "paths": "council"}]}\n'


def test_more_manuals_than_jobs_come_in_shards(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    repo = tmp_path / "many"
    for number in range(5):
        _manual(repo, f"manuals/m{number}", f"m{number}")
    _manual(repo, "manuals/with space", "spaced")
    git(repo, "init", "-q")
    commit_all(repo, "Six manuals")
    for chapter in repo.glob("manuals/*/chapters/all-children/our-vision.md"):
        append(chapter, "More.\n")
    result = cli("affected", "--base", "HEAD", "--json", "--jobs", "4", cwd=repo)
    assert json.loads(result.stdout) == {
        "include": [
            {"name": "shard 1 of 4: m0 to m1", "paths": "manuals/m0 manuals/m1"},
            {"name": "shard 2 of 4: m2 to m3", "paths": "manuals/m2 manuals/m3"},
            {"name": "shard 3 of 4: m4", "paths": "manuals/m4"},
            {"name": "shard 4 of 4: spaced", "paths": "'manuals/with space'"},
        ]
    }


def test_manualctls_own_templates_affect_every_manual(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    """In manualctl's own repository its templates are files of the repository."""
    from manualctl.editions.affected import _changes_by_manual

    found = _changes_by_manual(
        ["templates/html/manual.css", "docs/x.md"],
        ["manuals/a", "manuals/b"],
        [("manualctl's templates", "templates")],
        [],
    )
    reason = ["manualctl's templates changed (templates/html/manual.css)"]
    assert found == {"manuals/a": reason, "manuals/b": reason}


def test_a_base_the_clone_does_not_have_says_to_fetch_it(fleet: Path, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("affected", "--base", "origin/nowhere", cwd=fleet)
    assert result.exit_code == 2
    assert "fetch-depth: 0" in result.stderr
    assert cli("affected", cwd=fleet).exit_code == 2


def test_asked_below_the_top_with_diff_relative_set(fleet: Path, cli) -> None:  # type: ignore[no-untyped-def]
    """git runs in the folder asked about; its paths are the repository's all the same."""
    git(fleet, "config", "diff.relative", "true")
    append(fleet / "manuals/template/chapters/all-children/our-vision.md", "More.\n")
    result = cli("affected", "--base", "HEAD", cwd=fleet / "manuals" / "other")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "0 of 1 manual(s) affected since HEAD.\n"
    result = cli("affected", "--base", "HEAD", cwd=fleet / "manuals")
    assert result.stdout == (
        "council (council): it follows the template manuals/template, which changed\n"
        "template (template): 1 file(s) changed: chapters/all-children/our-vision.md\n"
    )
    assert result.stderr == "2 of 3 manual(s) affected since HEAD.\n"


def test_outside_a_repository_says_so(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    root = _manual(tmp_path, "alone", "alone")
    result = cli("affected", "--base", "HEAD", cwd=root)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {root} is not in a git repository: 'affected' compares commits. "
        "Run it in a clone of the manuals' repository.\n"
    )


def test_without_git_it_says_what_it_said_before(
    fleet: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """git missing: the same words as outside a repository (git diff never started)."""
    empty = fleet.parent / "no-programs"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    result = cli("affected", "--base", "HEAD", cwd=fleet)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {fleet.resolve()} is not in a git repository: 'affected' compares commits. "
        "Run it in a clone of the manuals' repository.\n"
    )


def test_its_git_processes_are_started_first_and_taken(
    fleet: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """The command line starts affected's three git processes before it imports the
    command (manualctl.early); the command takes each of them, in the folder asked
    about, below it, or of a file named; a command line that stops before it asks git
    leaves no process behind."""
    from manualctl import early

    taken: list[bool] = []
    pids: list[int] = []
    take, start = early.take, early._start

    def taking(command: tuple[str, ...]) -> early.Spawned | None:
        spawned = take(command)
        taken.append(spawned is not None)
        return spawned

    def starting(command: tuple[str, ...], environment: dict[str, str]) -> None:
        start(command, environment)
        pids.append(early._started[command].pid)

    monkeypatch.setattr(early, "take", taking)
    monkeypatch.setattr(early, "_start", starting)
    append(fleet / "manuals/template/chapters/all-children/our-vision.md", "More.\n")
    for args, cwd in [
        (["--base", "HEAD"], fleet),
        (["--base", "HEAD", "manuals", "--json", "--jobs", "3"], fleet),
        (["council", "--base", "HEAD"], fleet / "manuals"),
        (["--base", "HEAD", "manuals/other/manual.yaml"], fleet),
        (["--base", "origin/nowhere"], fleet),
    ]:
        result = cli("affected", *args, cwd=cwd)
        assert result.exit_code == (2 if "origin/nowhere" in args else 0), result.stderr
        assert taken == [True, True, True], args
        taken.clear()
    assert len(pids) == 15
    result = cli("affected", "--base", "HEAD", "--jobs", "0", cwd=fleet)  # typer says no
    assert (result.exit_code, taken, len(pids), early._started) == (2, [], 18, {})
    for pid in pids:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # each one waited for


@pytest.mark.parametrize("variable", [None, "GIT_GLOB_PATHSPECS", "GIT_NOGLOB_PATHSPECS"])
def test_the_tracked_manual_files_are_those_the_glob_lists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variable: str | None
) -> None:
    """git lists the files whose names end in manual.yaml (a suffix, which it compares
    cheaply) and DiffNames keeps those called manual.yaml: what the glob **/manual.yaml
    lists, also where a variable changes what a star in a pathspec means."""
    from manualctl.git import DiffNames

    names = [
        *("manual.yaml", "xmanual.yaml", "a/manual.yaml", "a/xmanual.yaml", "a/Manual.yaml"),
        *("a/b/manual.yaml", "a/manual.yaml.bak", "c/.hidden/manual.yaml", "d/manual.yaml/x"),
        *("sp ace/manual.yaml", "é/manual.yaml"),
    ]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x\n")
    git(tmp_path, "init", "-q")
    commit_all(tmp_path, "Files")
    if variable:
        monkeypatch.setenv(variable, "1")
    glob = git(tmp_path, "ls-files", "-z", "--full-name", "--", ":(top,glob)**/manual.yaml")
    expected = [p for p in glob.split("\0") if p]
    assert sorted(expected) == sorted(n for n in names if n.rpartition("/")[2] == "manual.yaml")
    with DiffNames(tmp_path / "a", "HEAD", tracked="manual.yaml") as diff:
        assert diff.tracked() == expected
        assert diff.changed() == []


def test_the_outermost_manuals_are_kept() -> None:
    """A manual's own folders hold no further manuals; hidden folders are not searched."""
    from manualctl.editions.affected import _manuals

    files = [
        "a/manual.yaml",
        "a/b/manual.yaml",
        "a/b/c/manual.yaml",
        "ab/manual.yaml",
        "x/y/manual.yaml",
        "x/y/z/manual.yaml",
        "x/.hidden/manual.yaml",
        "x/node_modules/m/manual.yaml",
    ]
    assert _manuals(files) == ["a", "ab", "x/y"]
    assert _manuals([*files, "manual.yaml"]) == [""]
    assert _manuals([]) == []
