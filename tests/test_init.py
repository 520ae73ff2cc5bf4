"""`manualctl init`: a new manual that validate accepts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conftest import git

from manualctl.importing.new_manual import EXAMPLE_BODY, plan_init

MANUAL_YAML = """\
# Created by 'manualctl init' on 2026-02-28. Add sections and chapters
# below (or with 'manualctl new-chapter'); numbers come from the order.
id: main-policies
title: Main Policies
organisation: Example Children's Trust
language: en-GB
contents:
  - section: About This Manual
    entries:
      - file: chapters/about-this-manual/introduction.md
  - section: Appendices
    entries:
      - file: chapters/appendices/amendments.md
"""

CHAPTER = (
    """\
---
id: introduction
title: Introduction
owner: Policy Officer
review:
  last: 2026-02-28
  next: 2027-02-28
---

"""
    + EXAMPLE_BODY
)

APPENDIX = """\
---
id: amendments
title: Amendments
owner: Policy Officer
review:
  last: 2026-02-28
  next: 2027-02-28
kind: amendments
---

What changed in each edition of this manual. 'manualctl amendments' writes this page from \
the git history before each edition is released.
"""


def test_plan_init_files() -> None:
    files, ident = plan_init(
        Path("manuals/main-policies"),
        None,
        "Main Policies",
        "Example Children's Trust",
        today=date(2026, 2, 28),
    )
    assert ident == "main-policies"
    assert files == {
        "manual.yaml": MANUAL_YAML,
        "chapters/about-this-manual/introduction.md": CHAPTER,
        "chapters/appendices/amendments.md": APPENDIX,
    }
    assert EXAMPLE_BODY.startswith("::: scope\n")


def test_init_creates_a_valid_manual(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "manuals" / "family-help"
    result = cli("init", str(target), "--organisation", "Example Council")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        f"Created the manual 'family-help' in {target}. Next: edit {target / 'manual.yaml'}, "
        f"then run 'manualctl validate {target}'.\n"
    )
    lines = (target / "manual.yaml").read_text().splitlines()
    assert lines[2:5] == ["id: family-help", "title: Family Help", "organisation: Example Council"]
    checked = cli("validate", "--strict", str(target))
    assert checked.exit_code == 0, checked.stdout + checked.stderr
    shown = cli("contents", "-m", str(target))
    assert shown.stdout.splitlines()[-6:] == [
        "1.1 Introduction",
        "",
        "",
        "2. Appendices",
        "",
        "2.1 Amendments",
    ]


def test_init_with_id_and_title(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "x"
    result = cli("init", str(target), "--id", "main-policies", "--title", "Main Policies")
    assert result.exit_code == 0, result.stderr
    assert (target / "manual.yaml").read_text().splitlines()[2:5] == [
        "id: main-policies",
        "title: Main Policies",
        "language: en-GB",
    ]


def test_init_refuses_a_folder_that_is_not_empty(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "manual.yaml").write_text("id: mine\n")
    result = cli("init", str(tmp_path))
    assert result.exit_code == 2
    assert "already exists and is not empty: nothing was written" in result.stderr
    assert (tmp_path / "manual.yaml").read_text() == "id: mine\n"


def test_init_refuses_a_bad_id(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("init", str(tmp_path / "m"), "--id", "Main_Policies")
    assert result.exit_code == 2
    assert result.stderr == (
        'Error: "Main_Policies" cannot be a manual id: use lower-case letters, digits and '
        "single hyphens. Give one with --id, for example --id main-policies.\n"
    )
    assert not (tmp_path / "m").exists()


def test_init_in_a_fresh_git_repository(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`git init` then `manualctl init .` is how most manuals start."""
    git(tmp_path, "init", "-q")
    result = cli("init", ".", "--id", "test-procedures", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [".git", "chapters", "manual.yaml"]
    assert (tmp_path / "chapters/appendices/amendments.md").is_file()
    assert cli("validate", str(tmp_path)).exit_code == 0


def test_init_refuses_a_folder_with_other_files(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    git(tmp_path, "init", "-q")
    (tmp_path / "notes.txt").write_text("mine\n")
    result = cli("init", ".", cwd=tmp_path)
    assert result.exit_code == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == [".git", "notes.txt"]


def test_init_in_the_current_empty_folder(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("init", ".", "--id", "here", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "Created the manual 'here' in the current folder. Next: edit manual.yaml, "
        "then run 'manualctl validate .'.\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chapters", "manual.yaml"]
