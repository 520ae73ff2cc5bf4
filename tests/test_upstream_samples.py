"""The council samples in manuals/ are built on the template sample (manuals/trix-template,
released at its imported edition, 2026-11): every chapter whose title and front matter
are the template chapter's is inherited; a chapter of their own standing for a template
chapter (the template's "can be substituted here" chapters, and those whose title or
status differ from the template's) replaces it; Bath fills a local slot. Each still
validates and has, line for line, the contents page it had when every chapter was a
file of its own (tests/fixtures/upstream/samples/, made before the change), and its
editions show the inherited chapters.

Checked in a copy of manuals/ committed into a new repository (the template's edition is
the commit that recorded ``edition: imported:``), so the project's own clone does not
matter."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO_ROOT, commit_all, git

from manualctl.check.load import read
from manualctl.upstream.resolve import inherited

#: council -> (inherited, substituted: own chapter id -> the template chapter it replaces)
BUILT = {
    "birmingham-main-policies": (
        76,
        {
            "our-vision-and-purpose": "childrens-services-policies-values-and-principles",
            "threshold-document-right-help-right-time": (
                "threshold-document-continuum-of-help-and-support"
            ),
            # the template's is "local"; Birmingham's has no status
            "allocation-of-work-and-transfer-between-teams": (
                "allocation-of-work-and-transfer-between-teams"
            ),
            # "Year Olds ... Require" where the template writes "year olds ... require"
            "prevention-of-homelessness-and-provision-of-accommodation-for-16-and-17-year-"
            "olds-who-may-be-homeless-and-or-require-accommodation-and-duty-to-refer": (
                "prevention-of-homelessness-and-provision-of-accommodation-for-16-and-17-"
                "year-olds-who-may-be-homeless-and-or-require-accommodation-and-duty-to-refer"
            ),
        },
    ),
    "bath-ne-somerset": (
        65,
        {
            # written with a typographic apostrophe
            "childrens-services-policies-values-and-principles": (
                "childrens-services-policies-values-and-principles"
            ),
            "early-help-strategy": "early-help-framework",
        },
    ),
    "bedford-borough": (
        85,
        {
            "early-help-strategy": "early-help-framework",
            # Bedford's own status: under review, or to follow
            "access-to-birth-records-and-adoption-case-records": (
                "access-to-birth-records-and-adoption-case-records"
            ),
            "assessment-and-approvals-of-foster-carers": (
                "assessment-and-approvals-of-foster-carers"
            ),
            "review-and-termination-of-approval-of-foster-carers": (
                "review-and-termination-of-approval-of-foster-carers"
            ),
            "financial-arrangements-for-care-leavers": "financial-arrangements-for-care-leavers",
            # "Children involved" where the template writes "Children Involved"
            "children-involved-in-the-youth-justice-system-additional-national-guidance": (
                "children-involved-in-the-youth-justice-system-additional-national-guidance"
            ),
        },
    ),
}
SLOT = "Children and young people in Bath and North East Somerset can reach the participation"


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    top = tmp_path_factory.mktemp("samples")
    shutil.copytree(REPO_ROOT / "manuals", top / "manuals")
    git(top, "init", "-q")
    commit_all(top, "The samples", date="2026-11-04T10:00:00Z")
    return top


@pytest.mark.parametrize("name", sorted(BUILT))
def test_a_council_sample_is_built_on_the_template(name: str, repo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    council = repo / "manuals" / name
    result = cli("validate", str(council), "--summary", cwd=repo)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert " 0 error(s)" in result.stderr
    shown = cli("contents", "-m", str(council), cwd=repo)
    assert shown.exit_code == 0, shown.stderr
    before = FIXTURES / "upstream" / "samples" / f"{name}.contents.txt"
    assert shown.stdout == before.read_text(encoding="utf-8")

    loaded = read(council, resolver=inherited)
    manual = loaded.manual
    assert manual is not None and manual.upstream == {
        "manual": "../trix-template",
        "edition": "2026-11",
    }
    count, replaced = BUILT[name]
    assert len(list(manual.inherited_entries())) == count
    found = {
        c.id: (c.meta.get("replaces"), c.meta.get("based_on"))
        for c in manual.chapters.values()
        if "replaces" in c.meta
    }
    assert found == {own: (theirs, "2026-11") for own, theirs in replaced.items()}
    template = read(repo / "manuals" / "trix-template").manual
    assert template is not None
    titles = {c.id: c.title for c in template.chapters.values()}
    for entry in manual.inherited_entries():
        assert manual.chapters[entry.file].title == titles[entry.inherit or ""]


def test_a_local_slot_and_the_inherited_chapters_in_the_edition(
    repo: Path,
    tmp_path: Path,
    cli,  # type: ignore[no-untyped-def]
) -> None:
    args = ["publish", "-m", "manuals/bath-ne-somerset", "--format", "html"]
    result = cli(*args, "--out", str(tmp_path / "out"), cwd=repo)
    assert result.exit_code == 0, result.stderr
    site = tmp_path / "out" / "bath-ne-somerset-draft-html"
    slotted = (site / "childrens-consultation-and-participation.html").read_text("utf-8")
    assert f'<div id="participation-contacts" class="local">\n<p>{SLOT}' in slotted
    inherited_page = (site / "confidentiality-policy.html").read_text("utf-8")
    assert "The text of this chapter is to follow." in inherited_page
    manual = read(repo / "manuals" / "bath-ne-somerset", resolver=inherited).manual
    assert manual is not None
    pages = sorted(p.name for p in site.glob("*.html"))
    assert pages == sorted(["index.html", *(f"{c.id}.html" for c in manual.chapters.values())])
