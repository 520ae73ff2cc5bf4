"""Page images of the Word and PDF editions, compared with reviewed references.

The fixture manual is published (fixed commit date) as Word and PDF; LibreOffice prints
the Word file to PDF; pdftoppm renders the cover, the contents page and the first
chapter's page of each at 30 dpi in grey. Each render must match its reference in
tests/fixtures/pages/ (a PGM image a person looked at before it was committed) within a
small threshold: the mean difference per pixel, and the share of pixels that differ a
lot. After a change to the layout that is meant, render them again with
``MANUALCTL_UPDATE_PAGES=1 pytest tests/test_page_images.py``, look at them (pdftoppm
-png makes viewable copies) and commit them with the change.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile

import pytest
from checkers import require

from manualctl.cli import main
from tests.conftest import FIXTURES
from tests.test_publish_docx import make_repo

pytestmark = pytest.mark.slow
REFERENCES = FIXTURES / "pages"
PAGES = {"cover": 1, "contents": 2, "chapter": 3}
DPI = "30"
MEAN_LIMIT = 3.0  # mean difference per pixel, of 255
CHANGED_LIMIT = 0.01  # share of pixels that differ by more than a quarter of the range


def _fonts_present() -> bool:
    fc = shutil.which("fc-list")
    if fc is None:
        return False
    out = subprocess.run([fc, "Liberation Sans"], capture_output=True, text=True).stdout
    return "Liberation" in out


@pytest.fixture(scope="module")
def renders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    require(soffice, "LibreOffice (libreoffice-writer-nogui)")
    require(shutil.which("pdftoppm"), "pdftoppm (poppler-utils)")
    require(_fonts_present(), "Liberation Sans for LibreOffice (fonts-liberation2)")
    work = tmp_path_factory.mktemp("pages")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", str(work))
        patch.setenv("GIT_CONFIG_NOSYSTEM", "1")
        for key in ("AUTHOR", "COMMITTER"):
            patch.setenv(f"GIT_{key}_NAME", "Test")
            patch.setenv(f"GIT_{key}_EMAIL", "test@example.org")
        root = make_repo(work)
        with pytest.raises(SystemExit) as done:
            main(["publish", str(root), "--format", "docx,pdf", "--out", str(work / "out")])
    assert done.value.code == 0
    [word] = (work / "out").glob("*.docx")
    [pdf] = (work / "out").glob("*.pdf")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                str(soffice),
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work / "word"),
                str(word),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    printed = {"word": work / "word" / f"{word.stem}.pdf", "pdf": pdf}
    found: dict[str, bytes] = {}
    for edition, path in printed.items():
        for name, page in PAGES.items():
            out = work / f"{edition}-{name}"
            subprocess.run(
                [
                    "pdftoppm",
                    "-r",
                    DPI,
                    "-gray",
                    "-f",
                    str(page),
                    "-l",
                    str(page),
                    "-singlefile",
                    str(path),
                    str(out),
                ],
                check=True,
                capture_output=True,
            )
            found[f"{edition}-{name}"] = out.with_suffix(".pgm").read_bytes()
    if os.environ.get("MANUALCTL_UPDATE_PAGES"):
        REFERENCES.mkdir(exist_ok=True)
        for key, data in found.items():
            (REFERENCES / f"{key}.pgm").write_bytes(data)
    return found


def _pixels(pgm: bytes) -> tuple[int, int, bytes]:
    magic, width, height, _, data = pgm.split(maxsplit=4)
    assert magic == b"P5"
    return int(width), int(height), data[: int(width) * int(height)]


@pytest.mark.parametrize(
    "key", [f"{e}-{n}" for e in ("word", "pdf") for n in PAGES], ids=lambda k: k
)
def test_page_matches_its_reviewed_reference(renders: dict[str, bytes], key: str) -> None:
    width, height, got = _pixels(renders[key])
    ref_width, ref_height, want = _pixels((REFERENCES / f"{key}.pgm").read_bytes())
    assert (width, height) == (ref_width, ref_height)
    diffs = [abs(a - b) for a, b in zip(got, want, strict=True)]
    mean = sum(diffs) / len(diffs)
    changed = sum(1 for d in diffs if d > 64) / len(diffs)
    assert mean <= MEAN_LIMIT and changed <= CHANGED_LIMIT, (key, round(mean, 2), changed)
    # and the page is not blank: a reference of an empty page would prove nothing
    assert sum(1 for p in got if p < 128) / len(got) > 0.002


def test_the_comparison_tells_pages_apart(renders: dict[str, bytes]) -> None:
    """The threshold is small enough to fail: the cover is not the contents page, and the
    Word chapter page is not the PDF's."""
    for one, two in (("word-cover", "word-contents"), ("pdf-cover", "pdf-contents")):
        _, _, a = _pixels(renders[one])
        _, _, b = _pixels(renders[two])
        diffs = [abs(x - y) for x, y in zip(a, b, strict=True)]
        assert sum(1 for d in diffs if d > 64) / len(diffs) > CHANGED_LIMIT
