"""new-chapter: golden manual.yaml files, printed numbers and shifts, templates, refusals."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest
from authoring_helpers import golden, snapshot
from conftest import FIXTURES, copy_fixture


@pytest.fixture
def styled(tmp_path: Path) -> Path:
    return copy_fixture("authoring/styled", tmp_path / "styled")


def _valid(cli, root: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("validate", str(root))
    assert result.exit_code == 0, result.stdout + result.stderr


def test_new_chapter_in_subsection(cli, tiny_manual: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli(
        "new-chapter",
        "Children's Rights: Participation",
        "-m",
        str(tiny_manual),
        "--in",
        "1.1",
        "--owner",
        "Head of Participation",
        "--today",
        "2026-06-01",
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "Created 1.1.3 Children's Rights: Participation\n"
        "  file: chapters/all-children/childrens-rights-participation.md\n"
        "No other numbers change.\n"
        "Next: write the chapter in chapters/all-children/childrens-rights-participation.md, "
        "then run 'manualctl validate'.\n"
    )
    assert (tiny_manual / "manual.yaml").read_text() == golden("tiny-new-chapter.yaml")
    new = tiny_manual / "chapters/all-children/childrens-rights-participation.md"
    assert new.read_text() == golden("childrens-rights-participation.md")
    _valid(cli, tiny_manual)


def test_after_a_chapter_lists_the_numbers_that_shift(cli, tiny_manual: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli(
        "new-chapter",
        "Our Values",
        "-m",
        str(tiny_manual),
        "--after",
        "1.1.1",
        "--today",
        "2026-06-01",
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[:5] == [
        "Created 1.1.2 Our Values",
        "  file: chapters/all-children/our-values.md",
        "Numbers that change:",
        "  1.1.2 -> 1.1.3  Confidentiality Policy",
        "Next: write the chapter in chapters/all-children/our-values.md, then run "
        "'manualctl validate'.",
    ]
    original = (FIXTURES / "tiny/manual.yaml").read_text().splitlines(keepends=True)
    expected = [*original[:11], "          - file: chapters/all-children/our-values.md\n"]
    assert (tiny_manual / "manual.yaml").read_text() == "".join(expected + original[11:])
    _valid(cli, tiny_manual)


@pytest.mark.parametrize(
    ("args", "golden_name", "first_line"),
    [
        (["--after", "1.1.3"], "styled-new-after-pinned.yaml", "Created 1.1.4 Placement Orders"),
        (["--in", "1.2"], "styled-new-empty-list.yaml", "Created 1.2.1 Placement Orders"),
        (["--in", "3"], "styled-new-no-entries.yaml", "Created 3.1 Placement Orders"),
        (["--in", "2"], "styled-new-before-note.yaml", "Created 2.2 Placement Orders"),
    ],
)
def test_other_indentation_styles_are_kept(  # type: ignore[no-untyped-def]
    cli, styled: Path, args: list[str], golden_name: str, first_line: str
) -> None:
    result = cli(
        "new-chapter", "Placement Orders", "-m", str(styled), *args, "--today", "2026-06-01"
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == first_line
    assert (styled / "manual.yaml").read_text() == golden(golden_name)
    _valid(cli, styled)


def test_after_a_chapter_with_a_lettered_pin_goes_after_the_pin(cli, styled: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("new-chapter", "Placement Orders", "-m", str(styled), "--after", "1.1.3")
    assert result.stdout.splitlines()[1:5] == [
        "  file: chapters/all-children/placement-orders.md",
        "  1.1.3a belongs with 1.1.3, so the new place is after 1.1.3a.",
        "Numbers that change:",
        "  1.1.4 -> 1.1.5  Role of IRO in Court Proceedings",
    ]


def test_refuses_to_put_a_pinned_number_out_of_place(cli, styled: Path) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(styled)
    result = cli("new-chapter", "Placement Orders", "-m", str(styled), "--after", "1.1.1")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: This would put pinned numbers out of place: the pinned number 1.1.3a "
        '("Legal Planning Meeting Panel Terms of Reference") would have to become 1.1.5 '
        "(or 1.1.4a). Choose another place (for example after the pinned chapter), or first "
        "remove its 'number:' line in manual.yaml so it takes its number from its position.\n"
    )
    assert snapshot(styled) == before


def _args(root: Path, *extra: str) -> list[str]:
    return ["new-chapter", *extra[:1], "-m", str(root), *extra[1:]]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            ("!!!", "--in", "1.1"),
            'Error: The title "!!!" gives an empty id: ids are made of the letters a-z and '
            "digits 0-9 in the title, and it has none (a title in Arabic or Bengali script, "
            "say, is fine, but its id must be given). "
            "Give the chapter an id with --id, for example --id my-chapter.\n",
        ),
        (
            ("New", "--in", "9"),
            "Error: There is no section or sub-section numbered 9 in Tiny Procedures Manual. "
            "Sections and sub-sections: 1 All Children; 1.1 Policy, Values and Principles; "
            "2 Family Support.\n",
        ),
        (
            ("New", "--in", "1.1.1"),
            "Error: 1.1.1 is a chapter, not a section or sub-section. "
            "To put the chapter right after it, use --after 1.1.1.\n",
        ),
        (
            ("New", "--after", "1.1.7"),
            "Error: There is no chapter numbered 1.1.7 in Tiny Procedures Manual. Check the "
            "number in the contents (run 'manualctl validate' to be sure the numbers are as "
            "you expect).\n",
        ),
        (
            ("New", "--in", "2", "--after", "1.1.1"),
            "Error: 1.1.1 is in 1.1 Policy, Values and Principles, not in 2. "
            "Use --in 1.1 --after 1.1.1, or leave out --in.\n",
        ),
        (
            ("New", "--in", "1.1", "--template", "leaflet"),
            'Error: There is no template called "leaflet". Templates you can use: chapter '
            "(see 'manualctl new-chapter --list-templates'); a manual's own templates are the "
            ".md files in its templates/ folder.\n",
        ),
        (
            ("Confidentiality", "--in", "1.1"),
            'Error: The id "confidentiality" is already used by '
            'chapters/all-children/confidentiality.md ("Confidentiality Policy"). '
            "Give the new chapter another id with --id.\n",
        ),
        (
            ("New", "--in", "1.1", "--id", "Not A Slug"),
            'Error: "Not A Slug" is not a valid chapter id. Use lower-case letters, digits and '
            "single hyphens, e.g. placements-in-foster-care.\n",
        ),
        (
            ("New", "--in", "1.1", "--today", "1 June"),
            'Error: "1 June" is not a date. Write it as YYYY-MM-DD, e.g. --today 2026-11-30.\n',
        ),
    ],
)
def test_invalid_input_changes_nothing(  # type: ignore[no-untyped-def]
    cli, tiny_manual: Path, extra: tuple[str, ...], message: str
) -> None:
    before = snapshot(tiny_manual)
    result = cli(*_args(tiny_manual, *extra))
    assert (result.exit_code, result.stderr) == (2, message)
    assert result.stdout == ""
    assert snapshot(tiny_manual) == before


def test_never_overwrites_a_file(cli, tiny_manual: Path) -> None:  # type: ignore[no-untyped-def]
    (tiny_manual / "chapters/all-children/draft.md").write_text("my draft\n")
    before = snapshot(tiny_manual)
    result = cli("new-chapter", "Draft", "-m", str(tiny_manual), "--in", "1.1")
    # the stray file is an orphan: the manual does not validate, so nothing is touched
    assert result.exit_code == 1
    assert "orphan-file" in result.stderr
    assert snapshot(tiny_manual) == before


def test_a_retired_id_is_never_reused(cli, tiny_manual: Path) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(tiny_manual)
    result = cli(
        "new-chapter", "Placement Orders", "-m", str(tiny_manual), "--in", "1.1", "--id", "x"
    )
    assert result.exit_code == 0
    result = cli("retire-chapter", "x", "-m", str(tiny_manual))
    assert result.exit_code == 0
    result = cli("new-chapter", "Again", "-m", str(tiny_manual), "--in", "1.1", "--id", "x")
    assert (result.exit_code, result.stderr) == (
        2,
        'Error: The id "x" belonged to "Placement Orders", which was retired; ids are never '
        "used twice. Give the new chapter another id with --id.\n",
    )
    assert set(snapshot(tiny_manual)) == set(before) | {"retired", "retired/x.md"}


def test_a_file_in_the_way_of_the_section_folder(cli, styled: Path) -> None:  # type: ignore[no-untyped-def]
    (styled / "chapters/appendices").write_text("not a folder\n")
    before = snapshot(styled)
    result = cli("new-chapter", "Glossary", "-m", str(styled), "--in", "3")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: Cannot write ")
    assert result.stderr.endswith(
        "glossary.md: Not a directory. Check the disk has space and "
        "the folder exists, then run the command again.\n"
    )
    assert snapshot(styled) == before


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores modes")
def test_read_only_folder(cli, tiny_manual: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tiny_manual / "chapters/all-children"
    before = snapshot(tiny_manual)
    folder.chmod(0o555)
    try:
        result = cli("new-chapter", "New", "-m", str(tiny_manual), "--in", "1.1")
    finally:
        folder.chmod(0o755)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: Cannot write ")
    assert snapshot(tiny_manual) == before


def test_an_invalid_manual_is_refused_with_its_errors(cli, tiny_manual: Path) -> None:  # type: ignore[no-untyped-def]
    (tiny_manual / "chapters/family-support/early-help.md").unlink()
    before = snapshot(tiny_manual)
    result = cli("new-chapter", "New", "-m", str(tiny_manual), "--in", "1.1")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert "missing-file" in lines[0]
    assert lines[-1].startswith("Error: The manual in ")
    assert snapshot(tiny_manual) == before


def test_held_lock_is_refused(cli, tiny_manual: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import fcntl

    from manualctl import fsutil

    monkeypatch.setattr(fsutil, "LOCK_WAIT", 0.2)
    with open(tiny_manual / ".manualctl.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # as another run holds it
        before = snapshot(tiny_manual)
        result = cli("new-chapter", "New", "-m", str(tiny_manual), "--in", "1.1")
        assert result.exit_code == 2
        assert result.stderr.startswith("Error: Another manualctl command is changing ")
        assert snapshot(tiny_manual) == before


def test_without_in_and_no_terminal_it_does_not_wait(  # type: ignore[no-untyped-def]
    cli, tiny_manual: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("1.1\n"))
    before = snapshot(tiny_manual)
    result = cli("new-chapter", "New", "-m", str(tiny_manual))
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: Say where the chapter goes with --in NUMBER (for example --in 1.1). "
        "Sections and sub-sections: 1 All Children; 1.1 Policy, Values and Principles; "
        "2 Family Support.\n",
    )
    assert snapshot(tiny_manual) == before


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_in_a_terminal_it_asks_for_the_section(  # type: ignore[no-untyped-def]
    cli, tiny_manual: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", _Terminal("7\n2\n"))
    result = cli("new-chapter", "Short Breaks", "-m", str(tiny_manual), "--today", "2026-06-01")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[:7] == [
        "Where does the chapter go?",
        "  1  All Children",
        "    1.1  Policy, Values and Principles",
        "  2  Family Support",
        "Section or sub-section number: 7 is not one of the numbers above.",
        "Section or sub-section number: Created 2.3 Short Breaks",
        "  file: chapters/family-support/short-breaks.md",
    ]
    _valid(cli, tiny_manual)


def test_templates_of_the_manual(cli, tiny_manual: Path) -> None:  # type: ignore[no-untyped-def]
    (tiny_manual / "templates").mkdir()
    (tiny_manual / "templates/procedure.md").write_text(
        "---\nid: {{id}}\ntitle: {{title}}\nowner: {{owner}}\nstatus: to follow\n---\n\n"
        "# {{title}}\n\n## 1. Steps\n"
    )
    result = cli("new-chapter", "--list-templates", "-m", str(tiny_manual))
    assert (result.exit_code, result.stdout) == (
        0,
        "chapter  (manualctl)\nprocedure  (this manual (templates/procedure.md))\n",
    )
    result = cli(
        "new-chapter",
        "Missing: Children",
        "-m",
        str(tiny_manual),
        "--in",
        "2",
        "--template",
        "procedure",
        "--owner",
        "Service Manager",
    )
    assert result.exit_code == 0, result.stderr
    text = (tiny_manual / "chapters/family-support/missing-children.md").read_text()
    assert text == (
        '---\nid: missing-children\ntitle: "Missing: Children"\nowner: Service Manager\n'
        "status: to follow\n---\n\n# Missing: Children\n\n## 1. Steps\n"
    )
    _valid(cli, tiny_manual)


def test_a_template_without_id_is_refused(cli, tiny_manual: Path) -> None:  # type: ignore[no-untyped-def]
    (tiny_manual / "templates").mkdir()
    (tiny_manual / "templates/bad.md").write_text("---\ntitle: {{title}}\n---\n")
    before = snapshot(tiny_manual)
    result = cli("new-chapter", "X", "-m", str(tiny_manual), "--in", "1", "--template", "bad")
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: The template \"bad\" (this manual (templates/bad.md)) must set 'id: {{id}}' "
        "and 'title: {{title}}' in its front matter. Add those two lines to the template, "
        "then retry.\n",
    )
    assert snapshot(tiny_manual) == before


def test_a_long_title_gives_a_short_id(cli, tiny_manual: Path) -> None:  # type: ignore[no-untyped-def]
    """Ids are cut at a word to 60 characters: they appear in links and file names."""
    title = (
        "Practice Standards when Referral to Children's Services is regarding the Family "
        "or a Member of Staff"
    )
    result = cli("new-chapter", title, "-m", str(tiny_manual), "--in", "1.1")
    assert result.exit_code == 0, result.stderr
    short = "practice-standards-when-referral-to-childrens-services-is"
    new = tiny_manual / f"chapters/all-children/{short}.md"
    assert f"id: {short}\ntitle: {title}\n" in new.read_text()
    _valid(cli, tiny_manual)


@pytest.mark.parametrize(
    ("front", "made"),
    [
        ("id: {{id}}\ntitle: {{title}}\nstatus: to follow\n", "status: to follow\n"),
        ("id: {{id}}\ntitle: {{title}}\nowner: Head of Service # the usual one\n", ""),
    ],
    ids=["no-owner-line", "fixed-owner"],
)
def test_the_owner_given_is_set_whatever_the_template_says(  # type: ignore[no-untyped-def]
    cli, tiny_manual: Path, front: str, made: str
) -> None:
    """--owner says who owns the new chapter: a manual's template without ``{{owner}}``
    (no owner line, or one owner written in) does not lose it."""
    (tiny_manual / "templates").mkdir()
    (tiny_manual / "templates/brief.md").write_text(f"---\n{front}---\n\n## 1. Steps\n")
    args = ["new-chapter", "Short Breaks", "-m", str(tiny_manual), "--in", "2"]
    result = cli(*args, "--template", "brief", "--owner", "Service Manager")
    assert result.exit_code == 0, result.stderr
    text = (tiny_manual / "chapters/family-support/short-breaks.md").read_text()
    owner = "owner: Service Manager\n" if made else "owner: Service Manager # the usual one\n"
    assert text == (
        f"---\nid: short-breaks\ntitle: Short Breaks\n{owner}{made}---\n\n## 1. Steps\n"
    )
    _valid(cli, tiny_manual)
