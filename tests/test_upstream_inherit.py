"""Inherited chapters: ``upstream:`` and ``inherit: ID`` read from the template's edition
tag in real git repositories (fixed dates, real tags), validated and published."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import commit_all, copy_fixture, git
from editions_helpers import replace
from upstream_helpers import template_repo


def _council(repo: Path) -> Path:
    return repo / "manuals" / "council"


def test_inherited_chapters_validate_and_list_in_the_contents(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    repo = template_repo(tmp_path)
    result = cli("validate", "manuals/council", cwd=repo)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stderr == "1 manual(s) checked: 0 error(s), 0 warning(s).\n"
    result = cli("contents", "-m", "manuals/council", cwd=repo)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.split("\n\n\n", 1)[1] == (
        "1. All Children\n\n"
        "1.1 Our Vision and Purpose\n"
        "1.2 Our Local Offer\n\n\n"
        "2. Family Support\n\n"
        "2.1 Early Help Assessment\n"
    )


def test_inherited_text_comes_from_the_edition_tag_not_the_working_tree(
    tmp_path: Path,
    cli,  # type: ignore[no-untyped-def]
) -> None:
    repo = template_repo(tmp_path)
    early = repo / "manuals" / "template" / "chapters" / "family-support" / "early-help.md"
    replace(early, "Support as soon as a need appears.", "Text after the edition.")
    commit_all(repo, "Template work for the next edition", date="2026-06-01T12:00:00Z")
    result = cli(
        "publish",
        "-m",
        "manuals/council",
        "--format",
        "html",
        "--out",
        str(tmp_path / "out"),
        cwd=repo,
    )
    assert result.exit_code == 0, result.stderr
    site = tmp_path / "out" / "council-draft-html"
    assert sorted(p.name for p in site.glob("*.html")) == [
        "early-help.html",
        "index.html",
        "local-offer.html",
        "our-vision.html",
    ]
    page = (site / "early-help.html").read_text(encoding="utf-8")
    assert "Support as soon as a need appears." in page
    assert "Text after the edition." not in page
    local = (site / "local-offer.html").read_text(encoding="utf-8")
    assert 'href="early-help.html"' in local
    assert 'href="our-vision.html#our-vision--our-vision"' in local


def test_inherited_chapters_publish_in_every_format(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    repo = template_repo(tmp_path)
    out = tmp_path / "out"
    result = cli(
        "publish",
        "-m",
        "manuals/council",
        "--format",
        "docx,pdf",
        "--out",
        str(out),
        "--json",
        cwd=repo,
    )
    assert result.exit_code == 0, result.stderr
    written = json.loads(result.stdout)
    assert sorted(Path(w["path"]).name for w in written) == [
        "council-draft.docx",
        "council-draft.pdf",
    ]
    import zipfile

    with zipfile.ZipFile(out / "council-draft.docx") as docx:
        text = docx.read("word/document.xml").decode("utf-8")
    assert "Every child safe, healthy and happy." in text  # inherited: our-vision
    assert "Support as soon as a need appears." in text  # inherited: early-help


def _findings(cli, repo: Path) -> tuple[int, list[str]]:  # type: ignore[no-untyped-def]
    result = cli("validate", "manuals/council", "--format", "json", cwd=repo)
    found = json.loads(result.stdout)
    return result.exit_code, [
        f"{f['file']}:{f['line']}:{f['column']} {f['code']}: {f['message']} | {f['hint']}"
        for f in found
    ]


def test_an_unknown_inherited_id_is_named_with_a_did_you_mean(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    repo = template_repo(tmp_path)
    replace(_council(repo) / "manual.yaml", "inherit: our-vision", "inherit: our-visoin")
    code, found = _findings(cli, repo)
    assert code == 1
    assert [f for f in found if "link-dangling" not in f] == [
        "manuals/council/manual.yaml:11:18 inherit-unknown: the upstream edition 2026-05 "
        '(template/2026-05) has no chapter with id "our-visoin". Did you mean "our-vision" '
        "(Our Vision and Purpose)? | Use the id from the template chapter's front matter at "
        "that edition."
    ]


def test_an_edition_without_a_tag_says_to_fetch_or_release_it(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    repo = template_repo(tmp_path)
    replace(_council(repo) / "manual.yaml", "edition: 2026-05", "edition: 2026-11")
    code, found = _findings(cli, repo)
    assert code == 1
    assert found == [
        "manuals/council/manual.yaml:7:12 upstream-edition-missing: the upstream edition "
        '2026-11 does not exist: manuals/template has no tag "template/2026-11" (its '
        "editions: 2026-05). | Check the edition, fetch the template's tags ('git fetch "
        "--tags' in .), or release that edition of the template first ('manualctl release "
        "YYYY-MM -m manuals/template')."
    ]


def test_an_upstream_that_is_not_a_manual(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    repo = template_repo(tmp_path)
    replace(_council(repo) / "manual.yaml", "manual: ../template", "manual: ../chapters")
    code, found = _findings(cli, repo)
    assert code == 1
    assert found == [
        'manuals/council/manual.yaml:6:11 upstream-unreadable: the upstream "../chapters" is '
        "not a manual: there is no manual.yaml in manuals/chapters. | Give the template "
        "manual's folder relative to this manual.yaml (for example ../trix-template), or "
        "clone the template's repository there."
    ]


def test_a_chain_or_cycle_of_upstreams_is_refused(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    repo = template_repo(tmp_path)
    with (repo / "manuals" / "template" / "manual.yaml").open("a", encoding="utf-8") as f:
        f.write("upstream:\n  manual: ../council\n  edition: 2026-05\n")
    code, found = _findings(cli, repo)
    assert code == 1
    assert found == [
        "manuals/council/manual.yaml:6:11 upstream-unreadable: the upstream manuals/template "
        "is itself built on a template: manualctl follows one template, not a chain (or a "
        "cycle) of them. | Name the template at the top of the chain as the upstream."
    ]


def test_inherit_without_an_upstream(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    repo = template_repo(tmp_path)
    replace(
        _council(repo) / "manual.yaml",
        "upstream:\n  manual: ../template\n  edition: 2026-05\n",
        "",
    )
    code, found = _findings(cli, repo)
    assert code == 1
    assert [f.split(" | ")[0] for f in found] == [
        'manuals/council/manual.yaml:8:18 inherit-no-upstream: the chapter "our-vision" is '
        "inherited, but manual.yaml names no upstream manual to inherit it from.",
        'manuals/council/manual.yaml:12:18 inherit-no-upstream: the chapter "early-help" is '
        "inherited, but manual.yaml names no upstream manual to inherit it from.",
    ]


def test_an_upstream_in_a_shallow_clone_is_refused(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    repo = template_repo(tmp_path)
    git(repo, "commit", "-q", "--allow-empty", "-m", "later", date="2026-06-01T12:00:00Z")
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow))
    council = tmp_path / "council"
    git(tmp_path, "init", "-q", str(council))
    (council / "manual.yaml").write_text(
        "id: council\ntitle: Council\nupstream:\n  manual: ../shallow/manuals/template\n"
        "  edition: 2026-05\ncontents:\n  - section: All\n    entries:\n"
        "      - inherit: our-vision\n",
        encoding="utf-8",
    )
    result = cli("validate", str(council), "--format", "json", cwd=tmp_path)
    assert result.exit_code == 1
    (only,) = json.loads(result.stdout)
    assert only["code"] == "upstream-unreadable"
    assert only["message"].startswith("the upstream shallow/manuals/template: The clone in ")
    assert "is shallow" in only["message"]
    assert "git fetch --unshallow --tags" in only["hint"]


def test_a_local_chapter_with_an_inherited_id_is_a_duplicate(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    repo = template_repo(tmp_path)
    replace(_council(repo) / "chapters" / "local-offer.md", "id: local-offer", "id: early-help")
    replace(_council(repo) / "chapters" / "local-offer.md", "(chapter:early-help)", "(#x)")
    code, found = _findings(cli, repo)
    assert code == 1
    assert [f.split(" | ")[0] for f in found if "duplicate-id" in f] == [
        'manuals/council/manual.yaml:15:18 duplicate-id: the inherited chapter "early-help" '
        "has the id of manuals/council/chapters/local-offer.md."
    ]


def test_a_broken_file_link_is_not_pointed_at_an_inherited_chapter(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    """An inherited chapter has no file: "upstream:early-help" is no path to suggest (or
    to accept) for a link written as a file path."""
    repo = template_repo(tmp_path)
    offer = _council(repo) / "chapters" / "local-offer.md"
    replace(
        offer, " first.", " first, or [the form](../early-help) or [this](../upstream:early-help)."
    )
    code, found = _findings(cli, repo)
    assert code == 1
    hint = (
        "Link to chapters as (chapter:ID), with the id from the chapter's front matter: such "
        "links keep working when files move."
    )
    assert found == [
        "manuals/council/chapters/local-offer.md:12:108 link-missing-file: the link "
        '"../early-help" points to early-help, which does not exist. Did you mean '
        f'"chapter:early-help" (inherited from the template)? | {hint}',
        "manuals/council/chapters/local-offer.md:12:133 link-missing-file: the link "
        '"../upstream:early-help" points to upstream:early-help, which does not exist. | '
        f"{hint}",
    ]


def test_a_template_imported_at_an_edition_is_released_at_it(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    """No tag: the template says it was imported at 2026-11 (``edition: imported:``), and
    the commit that set the line is that edition, read by the council as a tag would be;
    until the line is committed, validate says so."""
    repo = tmp_path / "repo"
    template = copy_fixture("tiny", repo / "manuals" / "template")
    replace(template / "manual.yaml", "id: tiny", "id: template")
    council = copy_fixture("upstream/council", repo / "manuals" / "council")
    replace(council / "manual.yaml", "edition: 2026-05", "edition: 2026-11")
    git(repo, "init", "-q")
    commit_all(repo, "The template and the council", date="2026-10-01T12:00:00Z")
    replace(
        template / "manual.yaml", "id: template", 'id: template\nedition:\n  imported: "2026-11"'
    )
    code, found = _findings(cli, repo)
    assert code == 1
    assert found == [
        "manuals/council/manual.yaml:6:11 upstream-unreadable: the upstream manuals/template: "
        "manual.yaml says the manual was imported at its November 2026 edition (edition: "
        "imported:), but no commit has that line yet: the manual as imported must be a "
        "commit. | Commit manual.yaml (and the chapters as imported), then run the command "
        "again."
    ]
    commit_all(repo, "The template as imported", date="2026-11-01T12:00:00Z")
    early = template / "chapters" / "family-support" / "early-help.md"
    replace(early, "Support as soon as a need appears.", "Text after the edition.")
    commit_all(repo, "Template work for the next edition", date="2026-11-20T12:00:00Z")
    assert _findings(cli, repo) == (0, [])
    result = cli("publish", "-m", "manuals/council", "--format", "html", "--out", "out", cwd=repo)
    assert result.exit_code == 0, result.stderr
    page = (repo / "out" / "council-draft-html" / "early-help.html").read_text(encoding="utf-8")
    assert "Support as soon as a need appears." in page
    assert "Text after the edition." not in page
