"""A real client: LibreOffice opens every Word edition the tests make and prints it to PDF.

One LibreOffice run converts all the files (a module-scoped fixture); the tests read
the PDFs back with pdfinfo/pdftotext. Skipped, with the reason, without LibreOffice.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from manualctl.check.validate import open_manual
from manualctl.cli import main
from manualctl.publish.document import build_document
from manualctl.upstream.resolve import inherited
from tests.conftest import REPO_ROOT
from tests.test_publish_docx import make_repo

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        SOFFICE is None or PDFTOTEXT is None,
        reason="LibreOffice (soffice) and poppler-utils (pdftotext) are not installed; "
        "CI installs them: apt-get install libreoffice-writer-nogui poppler-utils",
    ),
]
SAMPLES = sorted(p.parent for p in (REPO_ROOT / "manuals").glob("*/manual.yaml"))


def _publish(root: Path, out: Path) -> None:
    try:
        main(["publish", str(root), "--out", str(out)])
    except SystemExit as exc:
        assert exc.code == 0


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """Every Word edition the tests make (the fixture, each sample manual) as PDF."""
    work = tmp_path_factory.mktemp("libreoffice")
    env = {
        "GIT_AUTHOR_NAME": "Test Author",
        "GIT_AUTHOR_EMAIL": "author@example.org",
        "GIT_COMMITTER_NAME": "Test Committer",
        "GIT_COMMITTER_EMAIL": "committer@example.org",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(work),
    }
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    try:
        repo = make_repo(work)
        out = work / "editions"
        _publish(repo, out)
        _publish(REPO_ROOT / "manuals", out)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    files = sorted(out.glob("*.docx"))
    assert len(files) == len(SAMPLES) + 1
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                str(SOFFICE),
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work / "pdf"),
                *map(str, files),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    yield {f.stem: work / "pdf" / f"{f.stem}.pdf" for f in files}


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    line = next(x for x in info.stdout.splitlines() if x.startswith("Pages:"))
    return int(line.split()[1])


def _text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


def _squeeze(text: str) -> str:
    return "".join(text.split()).replace("-", "")


def _in_order(text: str, titles: list[str], start: int) -> list[str]:
    """The titles found in ``text`` one after another from ``start``."""
    found = []
    position = start
    for title in titles:
        position = text.find(title, position)
        if position < 0:
            break
        found.append(title)
        position += len(title)
    return found


def test_fixture_edition_opens_in_libreoffice(printed: dict[str, Path]) -> None:
    pdf = printed["example-procedures-2026-11"]
    # cover, Contents, then one page per chapter (and chapter hosted elsewhere) at least
    assert 7 <= _pages(pdf) <= 10
    text = _text(pdf)
    assert text.startswith("Example Children's Trust Example Procedures Manual November 2026")
    # the contents shows each heading's page number as LibreOffice lays the pages out
    contents = text[text.index("Contents") : text.index("Page 2 of")]
    # one page number per section, sub-section, chapter and chapter hosted elsewhere
    assert [int(n) for n in re.findall(r"\.{3,} ?(\d+)", contents)] == [3, 3, 3, 4, 5, 5, 6, 7, 7]
    assert re.search(r"1\.1\.1 Our Vision and Purpose New\.{3,} ?3", contents)
    titles = [
        "1.1.1 Our Vision and Purpose",
        "1.1.2 Confidentiality Policy",
        "2.1 Early Help Assessment",
        "3.1 Amendments",
    ]
    # on the first chapter's page: section, sub-section and chapter titles, then its box
    body = text.index(
        "1.1 Policy, Values and Principles 1.1.1 Our Vision and Purpose New Amendment"
    )
    assert _in_order(text, titles, body) == titles
    assert "In November 2026, this chapter was added to the manual." in text
    printed = re.search(r"Uncontrolled copy printed on (.*?): valid for 72 hours\.", text)
    assert printed is not None, text
    assert printed[1] == ""  # a print-date field: never printed yet, so no date is claimed
    assert "Page 4 of" in text
    assert "Families with children and no recourse to public funds NRPF Team" in text


def test_sample_manual_edition_opens_in_libreoffice(printed: dict[str, Path]) -> None:
    [name] = [n for n in printed if n.startswith("our-support-to-children-and-families-")]
    pdf = printed[name]
    assert 20 <= _pages(pdf) <= 40
    text = _text(pdf)
    titles = [
        "1.1 Purpose",
        "1.2 The Children and Young People We Support",
        "1.3 Connections Count – Our Practice Model",
        "2.1.1 Our ‘Front Door’ Teams",
        "2.1.2 Our Teams Providing Direct Support to Children, Young People and Families",
        "2.1.3 Our Teams Providing Independent Review, Provider and Support Services",
        "3.1 Principles",
        "3.2 Transfer Process and Standards",
        "3.3 Keeping Families at the Heart of Involvement",
        "4.1 Interface Between Early Help and Children’s Social Care",
        "5.1 Amendments",
    ]
    body = text.index("Scope of this chapter")
    assert _in_order(text, titles[1:], body) == titles[1:]
    assert "Presenting Circumstance Team to Assess" in text
    assert "See Right Help Right Time for explanation of the different levels of need." in text


@pytest.mark.parametrize("root", SAMPLES, ids=lambda p: p.name)
def test_every_sample_edition_opens_with_its_chapters_in_order(
    printed: dict[str, Path], root: Path
) -> None:
    manual = open_manual(root, resolver=inherited)
    [name] = [n for n in printed if n.startswith(f"{manual.id}-")]
    doc = build_document(manual, edition="2026-11", printed_on=date(2026, 11, 4))
    headings = [f"{c.number} {c.title}" for c in doc.chapters]
    pdf = printed[name]
    # cover, a contents page at least, then a page per chapter at least
    assert len(headings) + 2 <= _pages(pdf) <= 4 * len(headings) + 10
    # compared without white space and hyphens: long titles wrap, lines may break after a
    # hyphen, and pdftotext loses the hyphens of bold headings in LibreOffice's PDFs
    text = _squeeze(_text(pdf))
    squeezed = [_squeeze(h) for h in headings]
    # every chapter is listed in the contents with its page number (no field to update)
    listed = re.findall(r"\.{3,}(\d+)", text[: text.index(squeezed[0], text.index(squeezed[-1]))])
    assert len(listed) >= len(headings)
    # then every chapter heading in the body, in order
    body = text.index(squeezed[0], text.index(squeezed[0]) + 1)
    assert _in_order(text, squeezed, body) == squeezed
