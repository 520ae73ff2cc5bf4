"""The CI the README shows: the example workflow passes actionlint, and its steps are
manualctl's real commands and options."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.checkers import actionlint
from tests.conftest import FIXTURES, REPO_ROOT, commit_all, git

WORKFLOW = REPO_ROOT / "examples" / "github-actions.yml"


def test_the_example_workflow_passes_actionlint(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text().replace("needs: validate", "needs: checks", 1))
    found = actionlint([WORKFLOW, broken])
    assert found[str(WORKFLOW)] == []
    assert found[str(broken)][0] == {  # the checker does find mistakes
        "line": 41,
        "column": 3,
        "kind": "job-needs",
        "message": 'job "publish" needs job "checks" which does not exist in this workflow',
    }


def _runs(job: dict[str, object]) -> list[str]:
    steps = job["steps"]
    assert isinstance(steps, list)
    return [" ".join(step["run"].split()) for step in steps if "run" in step]


def test_the_workflow_runs_validate_affected_publish_and_release() -> None:
    jobs = yaml.safe_load(WORKFLOW.read_text())["jobs"]
    assert sorted(jobs) == ["links", "publish", "release", "validate"]
    assert _runs(jobs["validate"])[1:] == [
        "manualctl validate --strict --format github manuals/",
        'echo "matrix=$(manualctl affected --base "$BASE" manuals/ --json)" >> "$GITHUB_OUTPUT"',
    ]
    assert jobs["publish"]["strategy"]["matrix"] == "${{ fromJSON(needs.validate.outputs.matrix) }}"
    assert _runs(jobs["publish"])[1:] == [
        "manualctl publish ${{ matrix.paths }} --format docx,pdf,html --out editions --json"
    ]
    assert _runs(jobs["release"])[1:] == [
        'manualctl publish -m "manuals/${TAG%/*}" --edition "${TAG#*/}" '
        "--format docx,pdf,html --out editions --json"
    ]


def test_the_scheduled_links_job_keeps_its_answers() -> None:
    """Every Monday (or by hand) links asks the web; the cache folder is restored before
    and saved after, also when a link is broken (the dates of failures are kept then)."""
    workflow = yaml.safe_load(WORKFLOW.read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key "on" as true
    assert triggers["schedule"] == [{"cron": "17 6 * * 1"}] and "workflow_dispatch" in triggers
    job = workflow["jobs"]["links"]
    assert (
        job["if"] == "github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'"
    )
    assert _runs(job)[1:] == ["manualctl links --format github manuals/"]
    restore, save = (s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/cache"))
    assert restore["with"]["path"] == save["with"]["path"] == ".manualctl"
    assert save["if"] == "always()"


def test_the_workflows_command_lines_parse(cli) -> None:  # type: ignore[no-untyped-def]
    """Every manualctl command line in the workflow is one manualctl accepts (--help of
    the same words and options: a misspelt option is a usage error)."""
    for run in [
        r for job in yaml.safe_load(WORKFLOW.read_text())["jobs"].values() for r in _runs(job)
    ]:
        for part in run.replace("$(", "\n").replace(")", "\n").split("\n"):
            words = shlex.split(part.strip()) if part.strip().startswith("manualctl ") else []
            if not words:
                continue
            options = [w for w in words[1:] if w.startswith("--")]
            result = cli(words[1], "--help")
            assert result.exit_code == 0, words
            for option in options:
                assert option in result.stdout, (words, option)


@pytest.mark.slow
def test_pre_commit_try_repo_validates_a_sample_manual(tmp_path: Path) -> None:
    """As a pre-commit user: the hook this repository offers, installed by pre-commit
    itself (its own virtualenv, manualctl installed into it by pip), on a sample manual."""
    pre_commit = shutil.which("pre-commit", path=str(Path(sys.executable).parent))
    assert pre_commit is not None, "pre-commit is a dev dependency: bash scripts/setup.sh"
    repo = tmp_path / "manuals-repo"
    shutil.copytree(FIXTURES / "tiny", repo / "manuals" / "tiny")
    git(repo, "init", "-q")
    commit_all(repo, "A manual", date="2026-01-01T12:00:00Z")
    env = dict(
        os.environ,
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit"),
        # pip's downloads kept between runs (the hook's environment is made afresh)
        PIP_CACHE_DIR=str(REPO_ROOT / ".venv" / "cache" / "pip"),
    )
    command = [pre_commit, "try-repo", str(REPO_ROOT), "manualctl-validate", "--all-files"]

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            command, cwd=repo, env=env, capture_output=True, text=True, timeout=1800
        )

    good = run()
    assert good.returncode == 0, good.stdout + good.stderr
    assert re.search(r"^manualctl validate\.+Passed$", good.stdout, re.MULTILINE), good.stdout
    vision = repo / "manuals/tiny/chapters/all-children/our-vision.md"
    vision.write_text(vision.read_text() + "\nSee [nothing](chapter:no-such-chapter).\n")
    bad = run()
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert re.search(r"^manualctl validate\.+Failed$", bad.stdout, re.MULTILINE), bad.stdout
    assert "error link-dangling" in bad.stdout
