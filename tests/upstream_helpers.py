"""A repository holding a template manual (released as 2026-05) and a council's manual
built on it: manuals/template (tests/fixtures/tiny, id "template") and manuals/council
(tests/fixtures/upstream/council)."""

from __future__ import annotations

from pathlib import Path

from conftest import commit_all, copy_fixture, git
from editions_helpers import replace


def template_repo(tmp_path: Path) -> Path:
    """The repository's top folder; the template's 2026-05 tag exists."""
    repo = tmp_path / "repo"
    template = copy_fixture("tiny", repo / "manuals" / "template")
    replace(template / "manual.yaml", "id: tiny", "id: template")
    copy_fixture("upstream/council", repo / "manuals" / "council")
    git(repo, "init", "-q")
    commit_all(repo, "The template and the council's manual", date="2026-05-01T12:00:00Z")
    git(repo, "tag", "-a", "template/2026-05", "-m", "May 2026", date="2026-05-01T12:00:00Z")
    return repo


def _chapter(path: Path, cid: str, title: str, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"---\nid: {cid}\ntitle: {title}\nowner: Service Manager\nreview:\n"
        f"  last: 2026-04-01\n  every_months: 12\n---\n\n{body}\n",
        encoding="utf-8",
    )


def two_editions_repo(tmp_path: Path) -> Path:
    """A template released as 2026-05 and 2026-11, and a council following 2026-05.

    Between the editions the template edits our-vision (inherited by the council; with an
    amendment sentence for 2026-11), confidentiality (which the council substitutes) and
    family-time (inherited with its local slot ``contact`` filled by the council, edited
    outside the slot; with an amendment sentence), retitles early-help, removes
    private-fostering, and adds children-missing; short-breaks stays as it was.
    """
    repo = template_repo(tmp_path)
    template = repo / "manuals" / "template"
    council = repo / "manuals" / "council"
    extra = (
        "      - file: chapters/family-support/short-breaks.md\n"
        "      - file: chapters/family-support/family-time.md\n"
        "      - file: chapters/family-support/private-fostering.md\n"
    )
    replace(
        template / "manual.yaml",
        "      - file: chapters/family-support/early-help.md\n",
        "      - file: chapters/family-support/early-help.md\n" + extra,
    )
    folder = template / "chapters" / "family-support"
    _chapter(folder / "short-breaks.md", "short-breaks", "Short Breaks", "Breaks for carers.")
    _chapter(
        folder / "family-time.md",
        "family-time",
        "Family Time",
        "Plan family time with the child.\n\n::: {.local id=contact}\nAsk the contact "
        "service.\n:::",
    )
    _chapter(
        folder / "private-fostering.md", "private-fostering", "Private Fostering", "Notify us."
    )
    replace(
        council / "manual.yaml",
        "      - file: chapters/local-offer.md\n",
        "      - file: chapters/local-offer.md\n      - file: chapters/local-confidentiality.md\n",
    )
    replace(
        council / "manual.yaml",
        "      - inherit: early-help\n",
        "      - inherit: early-help\n"
        "      - inherit: short-breaks\n"
        "      - inherit: family-time\n"
        "        local: chapters/local/family-time.md\n"
        "      - inherit: private-fostering\n",
    )
    (council / "chapters" / "local").mkdir(exist_ok=True)
    (council / "chapters" / "local" / "family-time.md").write_text(
        "::: {.local id=contact}\nOur contact centre is at the Civic Hall.\n:::\n",
        encoding="utf-8",
    )
    local = council / "chapters" / "local-confidentiality.md"
    _chapter(local, "local-confidentiality", "Confidentiality in Our Council", "Ask the DPO.")
    replace(local, "owner:", "replaces: confidentiality\nbased_on: 2026-05\nowner:")
    commit_all(repo, "Template: two more chapters", date="2026-05-02T12:00:00Z")
    git(repo, "tag", "-f", "-a", "template/2026-05", "-m", "May 2026", date="2026-05-02T12:00:00Z")

    replace(
        template / "chapters" / "all-children" / "our-vision.md",
        "Every child safe, healthy and happy.",
        "Every child safe, healthy, happy and heard.",
    )
    replace(
        template / "chapters" / "all-children" / "our-vision.md",
        "owner:",
        'amendments:\n  "2026-11": The vision now says that every child is heard.\nowner:',
    )
    replace(
        template / "chapters" / "all-children" / "confidentiality.md",
        "Share information when it keeps a child safe.",
        "Share information when it keeps a child safe, and record why.",
    )
    replace(
        folder / "family-time.md",
        "Plan family time with the child.",
        "Plan family time with the child and their carers.",
    )
    replace(
        folder / "family-time.md",
        "owner:",
        'amendments:\n  "2026-11": Carers now help plan family time.\nowner:',
    )
    replace(folder / "early-help.md", "title: Early Help Assessment", "title: Early Help")
    replace(
        template / "manual.yaml",
        "      - file: chapters/family-support/private-fostering.md\n",
        "      - file: chapters/family-support/children-missing.md\n",
    )
    (folder / "private-fostering.md").unlink()
    _chapter(
        folder / "children-missing.md", "children-missing", "Children Missing from Home", "Act."
    )
    commit_all(repo, "Template: the November 2026 changes", date="2026-10-01T12:00:00Z")
    git(repo, "tag", "-a", "template/2026-11", "-m", "November 2026", date="2026-11-01T12:00:00Z")
    return repo
