"""import docx: Word documents made the ways councils make them, compared whole.

Each document of tests/docx_makers.py (python-docx, with Word's own XML where it has no
call) and each ready-made one under tests/fixtures/docx/ (LibreOffice from an ODT) is
imported into a copy of tests/fixtures/docx/host, and what the command printed and every
file it wrote are compared with tests/fixtures/docx/expected/NAME.txt. After a change
that is meant, ``MANUALCTL_UPDATE_DOCX=1 pytest tests/test_import_docx.py`` writes them
again: read the diff before committing it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import docx_makers
import pytest
from authoring_helpers import snapshot
from conftest import FIXTURES, copy_fixture

EXPECTED = FIXTURES / "docx" / "expected"
TODAY = "2026-11-04"
READY_MADE = sorted((FIXTURES / "docx").glob("*.docx"))

#: what each document is imported with (default: new chapters at the end of section 2)
OPTIONS = {
    "cover_and_sections": ["--in", "2", "--split-level", "2"],
    "tracked_changes": ["--in", "2", "--accept-changes"],
    "kinship_care_one_chapter": ["--chapter", "kinship-care"],
}


@pytest.fixture
def host(tmp_path: Path) -> Path:
    return copy_fixture("docx/host", tmp_path / "host")


def _imported(cli, host: Path, document: Path, options: list[str]) -> str:  # type: ignore[no-untyped-def]
    """What the import printed, then every file it added or changed, as one text."""
    options = [*options, "--today", TODAY]  # the review dates count from it
    before = snapshot(host)
    result = cli("import", "docx", str(document), "-m", str(host), *options)

    def hide(text: str) -> str:
        return text.replace(str(host), "HOST").replace(os.path.relpath(host), "HOST").rstrip()

    out = [
        f"$ manualctl import docx {document.name} {' '.join(options)}",
        f"exit code {result.exit_code}",
        hide(result.stdout),
        hide(result.stderr),
    ]
    after = snapshot(host)
    for rel in sorted(after):
        if after[rel] != before.get(rel) and after[rel] != "dir":
            path = host / rel
            if path.suffix in (".md", ".yaml"):
                out += [f"==> {rel} <==", path.read_text(encoding="utf-8").rstrip()]
            else:
                out.append(f"==> {rel} <== {path.stat().st_size} bytes")
    return "\n".join(out) + "\n"


def _compare(name: str, text: str) -> None:
    golden = EXPECTED / f"{name}.txt"
    if os.environ.get("MANUALCTL_UPDATE_DOCX"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(docx_makers.MAKERS))
def test_word_made_document(cli, host: Path, tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    document = docx_makers.MAKERS[name](tmp_path)
    options = OPTIONS.get(name, ["--in", "2"])
    _compare(name, _imported(cli, host, document, options))
    result = cli("validate", str(host))
    codes = {
        line.split()[2].rstrip(":") for line in result.stdout.splitlines() if " error " in line
    }
    assert codes <= {"image-alt"}, result.stdout


@pytest.mark.parametrize("document", READY_MADE, ids=[p.stem for p in READY_MADE])
def test_ready_made_document(cli, host: Path, document: Path) -> None:  # type: ignore[no-untyped-def]
    options = OPTIONS.get(document.stem, ["--in", "2"])
    _compare(document.stem, _imported(cli, host, document, options))
    assert cli("validate", str(host)).exit_code == 0


def test_into_one_chapter(cli, host: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """--chapter fills a chapter awaiting its text; its heading (the title) is left out."""
    document = docx_makers.headings_and_text(tmp_path)
    _compare(
        "kinship_care_one_chapter",
        _imported(cli, host, document, OPTIONS["kinship_care_one_chapter"]),
    )
    assert cli("validate", str(host)).exit_code == 0


def test_a_chapter_with_text_is_not_filled(cli, host: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    document = docx_makers.headings_and_text(tmp_path)
    before = snapshot(host)
    result = cli("import", "docx", str(document), "-m", str(host), "--chapter", "early-help")
    assert result.exit_code == 2
    assert "already has text: nothing was written" in result.stderr
    assert snapshot(host) == before


def test_dry_run_changes_nothing(cli, host: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    document = docx_makers.typed_numbers(tmp_path)
    before = snapshot(host)
    result = cli("import", "docx", str(document), "-m", str(host), "--in", "1.1", "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "Would write 1.1.3 Placements in Foster Care  "
        "(chapters/all-children/placements-in-foster-care.md)\n"
        "Would write 1.1.4 Placement Planning  (chapters/all-children/placement-planning.md)\n"
        "  The new chapters have no owner: validate warns (owner-missing) until each has a "
        "line 'owner: ...' (a role or team), or import with --owner.\n"
        "Nothing was changed (--dry-run).\n"
    )
    assert snapshot(host) == before


def test_numbers_that_shift_are_listed(cli, host: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    document = docx_makers.typed_numbers(tmp_path)
    result = cli("import", "docx", str(document), "-m", str(host), "--in", "1")
    assert result.exit_code == 0, result.stderr
    assert "Wrote 1.2 Placements in Foster Care" in result.stdout
    assert "Wrote 1.3 Placement Planning" in result.stdout


def test_chapter_and_in_together_are_refused(cli, host: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    document = docx_makers.typed_numbers(tmp_path)
    result = cli("import", "docx", str(document), "-m", str(host), "--in", "1", "--chapter", "x")
    assert result.exit_code == 2
    assert "--chapter ID (one chapter), --in NUMBER (new chapters) or --to DIR" in result.stderr


def test_readme_commands_run(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """The README's "import docx" commands, word for word, on the manual its "import
    contents" commands make."""
    from test_readme_contents import SEED_000, commands, run

    monkeypatch.chdir(tmp_path)
    shutil.copy(SEED_000, tmp_path / "contents.txt")
    for line in commands("import contents"):
        run(cli, line)
    shutil.copy(docx_makers.typed_numbers(tmp_path), tmp_path / "foster-care.docx")
    shutil.copy(docx_makers.cover_and_sections(tmp_path), tmp_path / "family-support.docx")
    lines = commands("import docx")
    assert len(lines) == 6
    for line in lines:
        run(cli, line)
    chapter = tmp_path / "manuals/birmingham-main-policies/chapters/children-in-care"
    assert "## 1.1 Purpose" in (chapter / "placements-in-foster-care.md").read_text()
    assert (chapter / "assessment.md").is_file()
    made = tmp_path / "manuals/family-support"
    assert (made / "chapters/assessment/early-help.md").is_file()


def _front_matter(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("\n---\n", 1)[0] + "\n---\n"


def _warnings(cli, root: Path, rel: str) -> set[str]:  # type: ignore[no-untyped-def]
    """The rule codes validate reports for the file ``rel``."""
    lines = cli("validate", str(root)).stdout.splitlines()
    mine = [line for line in lines if line.split(":", 1)[0].endswith(f"{root.name}/{rel}")]
    return {line.split()[2].rstrip(":") for line in mine}


def test_owner_and_review_of_new_chapters(cli, host: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """--owner and --reviewed fill the new chapters' front matter as new-chapter's
    template does (the manual's own template, when it has one)."""
    (host / "templates").mkdir()
    (host / "templates" / "chapter.md").write_text(
        "---\nid: {{id}}\ntitle: {{title}}\nowner: {{owner}}\nreview:\n"
        "  last: {{today}}\n  every_months: 24\ntags: [imported]\n---\n\nNot used.\n",
        encoding="utf-8",
    )
    document = docx_makers.amendment(tmp_path)
    options = ["--owner", "Head of Service:  Family Support", "--reviewed", "2026-03-31"]
    result = cli("import", "docx", str(document), "-m", str(host), "--in", "2", *options)
    assert result.exit_code == 0, result.stderr
    assert "no owner" not in result.stdout
    rel = "chapters/family-support/missing-children.md"
    assert (host / rel).read_text(encoding="utf-8") == (
        "---\n"
        "id: missing-children\n"
        "title: Missing Children\n"
        'owner: "Head of Service: Family Support"\n'
        "review:\n"
        "  last: 2026-03-31\n"
        "  every_months: 24\n"
        "tags: [imported]\n"
        "amendments:\n"
        '  "2024-11": "This chapter was updated to add the return interview."\n'
        "---\n"
        "\n"
        "## 1. Procedure\n"
        "\n"
        "Report a missing child to the police at once.\n"
    )
    assert _warnings(cli, host, rel) == set()


def test_new_chapters_without_an_owner_are_reported(cli, host: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    document = docx_makers.amendment(tmp_path)
    result = cli("import", "docx", str(document), "-m", str(host), "--in", "2")
    assert result.exit_code == 0, result.stderr
    assert "The new chapters have no owner" in result.stdout
    assert _warnings(cli, host, "chapters/family-support/missing-children.md") == {"owner-missing"}


def test_an_owner_the_manuals_template_gives_is_not_missing(
    cli, host: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    (host / "templates").mkdir()
    (host / "templates" / "chapter.md").write_text(
        "---\nid: {{id}}\ntitle: {{title}}\nowner: Policy Team\nreview:\n"
        "  last: {{today}}\n  every_months: 12\n---\n",
        encoding="utf-8",
    )
    document = docx_makers.amendment(tmp_path)
    result = cli("import", "docx", str(document), "-m", str(host), "--in", "2")
    assert result.exit_code == 0, result.stderr
    assert "no owner" not in result.stdout
    rel = "chapters/family-support/missing-children.md"
    assert "\nowner: Policy Team\n" in _front_matter(host / rel)
    assert _warnings(cli, host, rel) == set()


def test_a_filled_chapter_gets_the_owner_and_review_given(cli, host: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    document = docx_makers.headings_and_text(tmp_path)
    options = ["--chapter", "kinship-care", "--owner", "Kinship Team", "--reviewed", "2026-01-31"]
    result = cli("import", "docx", str(document), "-m", str(host), *options)
    assert result.exit_code == 0, result.stderr
    assert (
        "  Its owner 'Fostering Service Manager' is now 'Kinship Team' (--owner).\n"
        "  Its review dates count from 2026-01-31.\n"
    ) in result.stdout
    rel = "chapters/family-support/kinship-care.md"
    assert _front_matter(host / rel) == (
        "---\nid: kinship-care\ntitle: Kinship Care\nowner: Kinship Team\n"
        "review:\n  last: 2026-01-31\n  next: 2027-01-31\n---\n"
    )
    assert _warnings(cli, host, rel) == set()


def test_a_new_manual_gets_the_owner_and_review_given(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    document = docx_makers.cover_and_sections(tmp_path)
    made = tmp_path / "made"
    options = ["--owner", "Policy Officer", "--reviewed", "2026-06-30"]
    result = cli("import", "docx", str(document), "--to", str(made), *options)
    assert result.exit_code == 0, result.stderr
    assert "no owner" not in result.stdout
    assert _front_matter(made / "chapters/assessment/early-help.md") == (
        "---\nid: early-help\ntitle: Early Help\nowner: Policy Officer\n"
        "review:\n  last: 2026-06-30\n  every_months: 12\n---\n"
    )
    codes = {line.split()[2] for line in cli("validate", str(made)).stdout.splitlines()[:-1]}
    assert not codes & {"owner-missing:", "review-missing:", "review-incomplete:"}


def test_a_review_date_that_is_not_a_date_is_refused(cli, host: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    document = docx_makers.amendment(tmp_path)
    before = snapshot(host)
    options = ["--in", "2", "--reviewed", "31/03/2026"]
    result = cli("import", "docx", str(document), "-m", str(host), *options)
    assert result.exit_code == 2
    assert '--reviewed "31/03/2026" is not a date.' in result.stderr
    assert snapshot(host) == before
