"""Search in the HTML edition: Pagefind's index, searched in Chromium from a plain server."""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.checkers import search_in_browser
from tests.conftest import FIXTURES, git

pytestmark = pytest.mark.slow
SITE = "example-procedures-2026-11-html"


@pytest.fixture
def site(cli, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """The publishing fixture's released site."""
    root = tmp_path / "repo" / "manuals" / "example-procedures"
    shutil.copytree(FIXTURES / "publishing", root)
    git(tmp_path / "repo", "init", "-q")
    git(tmp_path / "repo", "add", ".")
    git(tmp_path / "repo", "commit", "-q", "-m", "The manual", date="2026-11-04T10:00:00Z")
    git(tmp_path / "repo", "tag", "-a", "example-procedures/2026-11", "-m", "November 2026")
    out = tmp_path / "editions"
    result = cli("publish", str(root), "--format", "html", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    return out / SITE


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def served(site: Path) -> Iterator[str]:
    """The site on a plain static file server (any web server of files will do)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_the_index_holds_every_chapter_page_and_only_them(site: Path) -> None:
    index = site / "pagefind"
    assert (index / "pagefind.js").is_file() and (index / "pagefind-entry.json").is_file()
    assert len(list((index / "fragment").glob("*.pf_fragment"))) == 5  # 4 chapters + 1 stub
    assert not list(index.glob("pagefind-ui.*"))  # Pagefind's own interfaces are left out


def test_a_word_typed_in_the_search_box_finds_its_chapter(site: Path, served: str) -> None:
    found = search_in_browser(served, site, "fostering")
    assert found["status"] == '1 chapter found for "fostering".'
    assert found["results"] == [
        {
            "title": "1.1.2 Confidentiality Policy",
            "href": "/confidentiality.html",
            "excerpt": "safe. 1 See Early Help and the GOV.UK guidance. Presenting "
            "Circumstance Team to Assess Private Fostering Assessments. SGO Team. Families "
            "with children and no recourse to public funds. NRPF Team.",
        }
    ]
    assert found["violations"] == []
    assert found["opened"] == {
        "path": "/confidentiality.html",
        "h1": "1.1.2 Confidentiality Policy",
    }
    assert found["consoleErrors"] == []
    for how in ("fileWithScript", "fileWithoutScript"):
        assert found[how] == {
            "searchShown": False,
            "links": 6,
            "firstLinkOpens": "1.1.1 Our Vision and Purpose",
        }, how
