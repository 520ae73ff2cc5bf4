"""Every sample manual's PDF edition passes veraPDF's PDF/UA-1 profile with 0 failed
checks, and every page of every sample site has 0 axe-core violations (WCAG 2.2 A/AA and
best practice) and holds its layout (Next chapter beside Previous chapter at 1280 px,
contents lines hanging from their numbers, no sideways scrolling at 320 px with WCAG 1.4.12
text spacing). Both checkers run once for all files (see tests/checkers.py)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from checkers import axe, verapdf
from conftest import REPO_ROOT
from pypdf import PdfWriter

pytestmark = pytest.mark.slow
MANUALS = sorted(p.parent.name for p in (REPO_ROOT / "manuals").glob("*/manual.yaml"))
EPOCH = "1793779200"  # 2026-11-04


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("editions")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        from manualctl.cli import main

        args = ["publish", str(REPO_ROOT / "manuals"), "--format", "pdf,html", "--out", str(out)]
        with pytest.raises(SystemExit) as done:
            main(args)
    assert done.value.code == 0
    return out


def test_every_pdf_edition_passes_verapdf_pdf_ua_1(editions: Path, tmp_path: Path) -> None:
    pdfs = sorted(editions.glob("*.pdf"))
    assert len(pdfs) == len(MANUALS)
    # a control: an untagged PDF must fail, or the checker is not checking
    untagged = tmp_path / "untagged.pdf"
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.write(untagged)
    results = verapdf([*pdfs, untagged])
    control = results.pop(untagged)
    assert not control.compliant and control.failed > 0
    failures = {p.name: r.rules for p, r in results.items() if r.failed or not r.compliant}
    assert failures == {}


def test_every_site_page_has_no_axe_violations_and_holds_its_layout(
    editions: Path, tmp_path: Path
) -> None:
    sites = sorted(editions.glob("*-html"))
    assert len(sites) == len(MANUALS)
    pages = sorted(p for site in sites for p in site.glob("*.html"))
    # a control: a page with faults axe must find, or the checker is not checking
    control = tmp_path / "control.html"
    control.write_text(
        '<html><body><img src="x.png"><p style="color:#aaa">low</p>'
        f"<p>{'unbreakable' * 8}</p>"
        '<ul><li class="pager-previous">Previous</li><li class="pager-next">Next</li></ul>'
        '<div class="contents-chapter" style="width:12em"><span class="number">1.1</span> '
        '<a href="#">A title long enough to wrap under its number</a></div></body></html>'
    )
    found = axe([*pages, control])
    assert {v["id"] for v in found.violations.pop(str(control))} >= {"image-alt", "color-contrast"}
    # (how wide the control is depends on the browser's fonts)
    control_layout = [re.sub(r" \(\d+ px wide\)$", "", p) for p in found.layout.pop(str(control))]
    assert control_layout == [
        "next chapter not beside previous",
        "contents line not indented under its title: 1.1 A title long enough to wrap under"
        " its number",
        "scrolls sideways at 320 px with text spacing",
    ]
    assert sorted(found.violations) == sorted(map(str, pages))

    def shown(found: dict[str, list[Any]]) -> dict[str, list[Any]]:
        return {Path(p).relative_to(editions).as_posix(): v for p, v in found.items() if v}

    assert shown(found.violations) == {}
    assert shown(found.layout) == {}
