"""The HTML edition: what `manualctl publish --format html` writes, read back as files."""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from manualctl.errors import UsageError
from manualctl.publish.folder import replace_folder
from manualctl.upstream.resolve import inherited
from tests.conftest import FIXTURES, REPO_ROOT, git
from tests.htmlcheck import broken_links, read_page, read_site
from tests.htmlsafety import site_problems

COMMITTED = "2026-11-04T10:00:00Z"
GOLDEN = FIXTURES / "html"
SITE = "example-procedures-2026-11-html"
DRAFT = "example-procedures-draft-html"  # a chapter changed after the release: a draft
CHAPTER_PAGES = ["amendments.html", "confidentiality.html", "early-help.html", "our-vision.html"]

pytestmark = pytest.mark.slow


def make_repo(tmp: Path, fixture: str, name: str, *, description: str | None = None) -> Path:
    """tests/fixtures/FIXTURE committed in a fresh git repository, as manuals/NAME (with
    manual.yaml's ``description:`` when given)."""
    root = tmp / "repo" / "manuals" / name
    shutil.copytree(FIXTURES / fixture, root)
    if description is not None:
        yaml = root / "manual.yaml"
        text = yaml.read_text(encoding="utf-8")
        yaml.write_text(text.replace("\ntitle: ", f"\ndescription: {description}\ntitle: ", 1))
    git(tmp / "repo", "init", "-q")
    git(tmp / "repo", "add", ".")
    git(tmp / "repo", "commit", "-q", "-m", "The manual", date=COMMITTED)
    git(tmp / "repo", "tag", "-a", f"{name}/2026-11", "-m", "November 2026")
    return root


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path, "publishing", "example-procedures")


def _publish(cli, root: Path, out: Path, *extra: str):  # type: ignore[no-untyped-def]
    return cli("publish", str(root), "--format", "html", "--out", str(out), *extra)


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_site_files_and_json_listing(cli, repo: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "editions"
    result = _publish(cli, repo, out, "--json")
    assert result.exit_code == 0, result.stderr
    site = out / SITE
    files = _files(site)
    assert sorted(n for n in files if not n.startswith("pagefind/")) == [
        "amendments.html",
        "confidentiality.html",
        "early-help.html",
        "external--2-2.html",
        "fonts/LICENSE.txt",
        "fonts/LiberationSans-Bold.ttf",
        "fonts/LiberationSans-BoldItalic.ttf",
        "fonts/LiberationSans-Italic.ttf",
        "fonts/LiberationSans-Regular.ttf",
        "images/media/diagram.png",
        "images/media/logo.png",
        "index.html",
        "manual.css",
        "our-vision.html",
        "print.css",
        "search.js",
    ]
    # the search index: one fragment per chapter page, Pagefind's script, its wasm
    index = sorted(n.removeprefix("pagefind/") for n in files if n.startswith("pagefind/"))
    shapes = sorted(re.sub(r"_[0-9a-f]+\.|\.en-gb_[0-9a-f]+\.", "_*.", n) for n in index)
    assert shapes == [
        *["fragment/en-gb_*.pf_fragment"] * 5,
        "index/en-gb_*.pf_index",
        "pagefind-entry.json",
        "pagefind-worker.js",
        "pagefind.js",
        "pagefind_*.pf_meta",
        "wasm.en-gb.pagefind",
        "wasm.unknown.pagefind",
    ]
    # pictures and stylesheets are copied byte for byte
    assert files["images/media/diagram.png"] == (repo / "media" / "diagram.png").read_bytes()
    assert files["manual.css"] == (REPO_ROOT / "templates" / "html" / "manual.css").read_bytes()
    # the font every edition uses ships with the site, with its licence
    for name in ("LiberationSans-Regular.ttf", "LICENSE.txt"):
        assert files[f"fonts/{name}"] == (REPO_ROOT / "templates" / "fonts" / name).read_bytes()
    manifest = "".join(f"{hashlib.sha256(files[n]).hexdigest()}  {n}\n" for n in sorted(files))
    assert json.loads(result.stdout) == [
        {
            "manual": "example-procedures",
            "format": "html",
            "edition": "2026-11",
            "draft": False,
            "chapter": None,
            "path": str(site),
            "bytes": sum(len(data) for data in files.values()),
            "sha256": hashlib.sha256(manifest.encode()).hexdigest(),
            "kept": False,
        }
    ]
    # nothing left beside it but the record of what it was built from
    assert sorted(p.name for p in out.iterdir()) == [SITE, f"{SITE}.inputs.json"]
    # no path of the machine that built it leaks into a page
    assert not [n for n, data in files.items() if str(tmp_path).encode() in data]


@pytest.mark.parametrize("page", ["index.html", "our-vision.html", "confidentiality.html"])
def test_pages_are_the_golden_files(cli, repo: Path, tmp_path: Path, page: str) -> None:  # type: ignore[no-untyped-def]
    assert _publish(cli, repo, tmp_path).exit_code == 0
    written = (tmp_path / SITE / page).read_text(encoding="utf-8")
    assert written == (GOLDEN / "publishing" / page).read_text(encoding="utf-8")


def test_tiny_contents_page_is_the_golden_file(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # the manual's description is shown under its title, as on the Word and PDF covers
    root = make_repo(tmp_path, "tiny", "tiny", description="How we work with children & families.")
    result = _publish(cli, root, tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    site = tmp_path / "out" / "tiny-2026-11-html"
    assert result.stdout == f"Wrote {site} (HTML, {_kb(site)} KB)\n"
    written = (site / "index.html").read_text(encoding="utf-8")
    assert written == (GOLDEN / "tiny" / "index.html").read_text(encoding="utf-8")


def _kb(site: Path) -> int:
    return sum(len(data) for data in _files(site).values()) // 1024 + 1


def _check_site(site: Path, chapters: list[str]) -> None:
    """Every chapter has a page; links resolve; every page is accessible by construction."""
    pages = read_site(site)
    # and each chapter hosted elsewhere has its stub page
    assert sorted(p for p in pages if not p.startswith("external--")) == sorted(
        ["index.html", *chapters]
    )
    assert broken_links(site, pages) == []
    for page in pages.values():
        assert page.lang, page.name
        assert [level for level, _ in page.headings].count(1) == 1, page.name
        levels = [level for level, _ in page.headings]
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), page.name
        assert page.first_link == "#main" and "main" in page.ids, page.name
        assert {"header", "main", "footer"} <= set(page.landmarks), page.name
        assert len(page.ids) == len(set(page.ids)), page.name
        assert all(alt for _, alt in page.images), page.name
        assert page.scripts == 1  # search.js, the search box (hidden until its index loads)
        assert page.stylesheets == ["manual.css", "print.css"]
    assert site_problems(site) == {}


def test_site_links_and_accessibility(cli, repo: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert _publish(cli, repo, tmp_path).exit_code == 0
    site = tmp_path / SITE
    _check_site(site, CHAPTER_PAGES)
    pages = read_site(site)
    # chapter order: previous/next run through the chapters, the Amendments appendix last
    assert _pager(site / "our-vision.html") == ["index.html", "confidentiality.html"]
    assert _pager(site / "early-help.html") == [
        "confidentiality.html",
        "index.html",
        "external--2-2.html",
    ]
    assert _pager(site / "amendments.html") == ["external--2-2.html", "index.html"]
    # links between chapters are links between pages
    assert "early-help.html#early-help--what-early-help-is" in pages["confidentiality.html"].links
    assert pages["amendments.html"].links.count("confidentiality.html") == 1
    assert pages["amendments.html"].headings == [
        (1, "3.1 Amendments"),
        (2, "November 2026"),
        (3, "Updated Chapters"),
        (3, "New Chapters and Features"),
    ]
    assert pages["index.html"].title == "Example Procedures Manual (November 2026)"
    assert pages["early-help.html"].title == "2.1 Early Help Assessment - Example Procedures Manual"


def _pager(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    nav = text[text.index('<nav class="pager"') : text.index("</nav>", text.index('"pager"'))]
    return re.findall(r'href="([^"]+)"', nav)


def test_sample_manuals_publish_as_working_sites(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The repository's own sample manuals: every chapter a page, every link working."""
    manuals = tmp_path / "manuals"
    shutil.copytree(REPO_ROOT / "manuals", manuals)
    git(tmp_path, "init", "-q")  # the council samples inherit from the template's edition
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "The samples", date="2026-11-04T10:00:00Z")
    out = tmp_path / "out"
    result = cli("publish", str(manuals), "--format", "html", "--out", str(out), "--json")
    assert result.exit_code == 0, result.stderr
    written = json.loads(result.stdout)
    assert len(written) == len(list(manuals.glob("*/manual.yaml")))
    from manualctl.check.validate import open_manual

    for item in written:
        manual = open_manual(manuals / item["manual"], resolver=inherited)
        ids = sorted(f"{c.id}.html" for c in manual.chapters.values())
        _check_site(Path(item["path"]), ids)


def test_same_commit_same_bytes(cli, repo: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first, second = tmp_path / "one", tmp_path / "two"
    assert _publish(cli, repo, first).exit_code == 0
    assert _publish(cli, repo, second).exit_code == 0
    assert _files(first / SITE) == _files(second / SITE)
    before = _files(first / SITE)
    assert _publish(cli, repo, first).exit_code == 0  # again over the same folder
    assert _files(first / SITE) == before
    times = {p.stat().st_mtime for p in (first / SITE).rglob("*") if p.is_file()}
    assert times == {1793786400.0}  # the commit's time, 2026-11-04 10:00 UTC


def test_republishing_replaces_the_whole_site(cli, repo: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert _publish(cli, repo, tmp_path).exit_code == 0
    (tmp_path / SITE / "stale.html").write_text("from an older edition")
    assert _publish(cli, repo, tmp_path).exit_code == 0
    assert "stale.html" not in _files(tmp_path / SITE)
    assert sorted(p.name for p in tmp_path.iterdir()) == [SITE, f"{SITE}.inputs.json", "repo"]


def test_failed_publish_leaves_the_previous_site(cli, repo: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "editions"
    assert _publish(cli, repo, out).exit_code == 0
    before = _files(out / SITE)
    chapter = repo / "chapters" / "family-support" / "early-help.md"
    chapter.write_text(chapter.read_text() + "\n::: scope\nNever closed.\n")
    result = _publish(cli, repo, out)
    assert result.exit_code == 1
    assert "error box-unbalanced: this '::: ...' box is never closed" in result.stderr
    assert "Traceback" not in result.stderr
    assert _files(out / SITE) == before
    assert sorted(p.name for p in out.iterdir()) == [SITE, f"{SITE}.inputs.json"]


def test_replace_folder_keeps_the_old_folder_when_building_fails(tmp_path: Path) -> None:
    target = tmp_path / "site"

    def old_site(folder: Path) -> bytes:
        (folder / "index.html").write_bytes(b"old")
        return b""

    replace_folder(target, old_site)

    def half_then_fail(folder: Path) -> bytes:
        (folder / "index.html").write_bytes(b"new, half written")
        raise UsageError("disk full")

    with pytest.raises(UsageError):
        replace_folder(target, half_then_fail)
    assert _files(target) == {"index.html": b"old"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_file_in_the_way_is_a_usage_error(cli, repo: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / SITE).write_text("not a folder")
    result = _publish(cli, repo, tmp_path)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: Cannot write the site to {tmp_path / SITE}: a file of that name is in the "
        "way. Move or delete that file, or choose another folder with --out.\n"
    )
    assert (tmp_path / SITE).read_text() == "not a folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == [SITE, "repo"]


def test_one_chapter_site(cli, repo: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = _publish(cli, repo, tmp_path, "--chapter", "confidentiality")
    assert result.exit_code == 0, result.stderr
    site = tmp_path / "example-procedures-2026-11-confidentiality-html"
    pages = read_site(site)
    assert sorted(pages) == ["confidentiality.html", "index.html"]
    assert broken_links(site, pages) == []
    main = _main(site / "index.html")
    assert main == (
        '<main id="main" tabindex="-1">\n<h1>Example Procedures Manual</h1>\n'
        '<h2 id="section--1">1. All Children</h2>\n'
        '<h3 id="section--1-1">1.1 Policy, Values and Principles</h3>\n<ul>\n'
        '<li><a href="confidentiality.html">1.1.2 Confidentiality Policy</a></li>\n</ul>\n</main>'
    )
    # the links to chapters outside this edition keep only their text
    assert [link for link in pages["confidentiality.html"].links if ".html" in link] == [
        "index.html",  # the manual's title in the header
        "index.html",  # breadcrumbs
        "index.html#section--1",
        "index.html#section--1-1",
        "index.html",  # back to contents
    ]


def _main(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text[text.index("<main") : text.index("</main>") + len("</main>")]


def test_chapter_text_cannot_add_markup_or_pages(cli, repo: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    chapter = repo / "chapters" / "family-support" / "early-help.md"
    chapter.write_text(
        chapter.read_text()
        + "\n<!-- manualctl-page evil.html -->\n\nA picture with a space in its name:\n\n"
        + "![A red square](<../../media/red square.png>)\n"
    )
    shutil.copyfile(repo / "media" / "diagram.png", repo / "media" / "red square.png")
    result = _publish(cli, repo, tmp_path)
    assert result.exit_code == 0, result.stderr
    site = tmp_path / DRAFT
    assert sorted(read_site(site)) == sorted(["index.html", "external--2-2.html", *CHAPTER_PAGES])
    main = _main(site / "early-help.html")
    assert "<p>&lt;!– manualctl-page evil.html –&gt;</p>" in main  # text ("--": a dash)
    assert read_page(site / "early-help.html").images == [
        ("images/media/red%20square.png", "A red square")
    ]
    assert (site / "images" / "media" / "red square.png").is_file()


def test_stylesheet_colours_have_enough_contrast() -> None:
    """WCAG 2.2 AA: 4.5:1 for text on the backgrounds manual.css puts it on."""
    css = (REPO_ROOT / "templates" / "html" / "manual.css").read_text()
    colour = dict(re.findall(r"--([a-z]+): (#[0-9a-f]{3,6});", css))
    colour["white"] = "#ffffff"
    pairs = [
        ("text", "white"),
        ("link", "white"),
        ("visited", "white"),
        ("secondary", "white"),
        ("text", "panel"),
        ("link", "panel"),
        ("secondary", "panel"),
        ("flag", "white"),
        ("flag", "panel"),
        ("white", "text"),
        ("text", "focus"),
    ]
    low = [(a, b, round(_contrast(colour[a], colour[b]), 2)) for a, b in pairs]
    assert [p for p in low if p[2] < 4.5] == []


def _contrast(one: str, two: str) -> float:
    def luminance(hex_colour: str) -> float:
        digits = hex_colour.lstrip("#")
        if len(digits) == 3:
            digits = "".join(d * 2 for d in digits)
        channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((luminance(one), luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_links_in_footnotes_and_to_headings_go_to_their_page(
    cli, repo: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    chapter = repo / "chapters" / "family-support" / "early-help.md"
    chapter.write_text(
        chapter.read_text()
        + "\n## Scope\n\nAs in the rules[^2] and [values](chapter:our-vision#our-values).\n\n"
        + "[^2]: See [Confidentiality](chapter:confidentiality#sharing-information).\n"
    )
    assert _publish(cli, repo, tmp_path).exit_code == 0
    site = tmp_path / DRAFT
    assert broken_links(site, read_site(site)) == []
    main = _main(site / "early-help.html")
    footnotes = main[main.index('<div class="footnotes">') :]
    assert footnotes == (
        '<div class="footnotes">\n'
        '<h2 id="early-help--footnotes" class="footnotes-title">Footnotes</h2>\n<ol>\n'
        '<li><div id="early-help--footnote-1">\n<p>See Right Help, Right Time. '
        '<a href="#early-help--footnote-ref-1" class="footnote-back" role="doc-backlink" '
        'aria-label="Back to the text of footnote 1">↩︎</a></p>\n</div></li>\n'
        '<li><div id="early-help--footnote-2">\n<p>See <a href="confidentiality.html'
        '#confidentiality--sharing-information">Confidentiality</a>. '
        '<a href="#early-help--footnote-ref-2" class="footnote-back" role="doc-backlink" '
        'aria-label="Back to the text of footnote 2">↩︎</a></p>\n</div></li>\n'
        "</ol>\n</div>\n</div>\n</main>"
    )
    assert '<a href="our-vision.html#our-vision--our-values">values</a>' in main
    assert '<h2 id="early-help--scope">Scope</h2>' in main


def test_a_chapter_called_index_does_not_replace_the_contents_page(
    cli, repo: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    for path in [repo / "manual.yaml", *repo.glob("chapters/*/*.md")]:
        text = path.read_text().replace("id: early-help", "id: index")
        text = text.replace("chapter: early-help", "chapter: index")
        path.write_text(text.replace("chapter:early-help", "chapter:index"))
    assert _publish(cli, repo, tmp_path).exit_code == 0
    site = tmp_path / DRAFT
    _check_site(
        site, ["amendments.html", "confidentiality.html", "index-2.html", "our-vision.html"]
    )
    assert read_page(site / "index.html").title == "Example Procedures Manual (Draft)"
    assert read_page(site / "index-2.html").title == (
        "2.1 Early Help Assessment - Example Procedures Manual"
    )


def test_links_to_the_headings_of_a_simple_chapter_go_to_its_page(
    cli, repo: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    # early-help stays simple (data-ready "links headings": manual.lua lists its
    # identifiers for html.lua, which does not walk it for them); its heading "Scope"
    # takes the name its scope box's title would have had, as when it is walked
    chapter = repo / "chapters" / "family-support" / "early-help.md"
    chapter.write_text(
        chapter.read_text().replace(
            "## 1. What early help is",
            "::: scope\nFamilies with children.\n:::\n\n## Scope\n\nWho.\n\n"
            "## 1. What early help is",
        )
    )
    other = repo / "chapters" / "all-children" / "confidentiality.md"
    other.write_text(
        other.read_text()
        + "\n\nSee [the scope](chapter:early-help#scope) and [what it is]"
        + "(../family-support/early-help.md#what-early-help-is).\n"
    )
    from manualctl.check.validate import open_manual
    from manualctl.publish.document import build_document

    doc = build_document(open_manual(repo), edition="2026-11", printed_on=date(2026, 11, 4))
    assert 'data-id="early-help"' in doc.prelinked
    simple = doc.prelinked.split('data-id="early-help"', 1)[1].split("}", 1)[0]
    assert 'data-ready="boxes links headings pages"' in simple
    assert _publish(cli, repo, tmp_path).exit_code == 0
    site = tmp_path / DRAFT
    assert broken_links(site, read_site(site)) == []
    main = _main(site / "confidentiality.html")
    assert '<a href="early-help.html#early-help--scope">the scope</a>' in main
    assert '<a href="early-help.html#early-help--what-early-help-is">what it is</a>' in main
    page = _main(site / "early-help.html")
    assert '<h2 id="early-help--scope-2" class="box-title">Scope of this chapter</h2>' in page
    assert '<h2 id="early-help--scope">Scope</h2>' in page


def test_a_chapter_html_lua_does_not_walk_gets_the_page_it_gets_walked(repo: Path) -> None:
    # early-help without its footnote (data-ready "pages": no footnote, no link to a
    # chapter, no picture): html.lua leaves it as it is; the pages are the ones the
    # document model without hints makes (every chapter walked)
    import tempfile

    from manualctl.check.validate import open_manual
    from manualctl.publish import html
    from manualctl.publish.document import build_document
    from manualctl.publish.pandoc import run_pandoc
    from manualctl.publish.site_pages import assemble

    chapter = repo / "chapters" / "family-support" / "early-help.md"
    chapter.write_text(
        chapter.read_text()
        .replace("appears.[^1]", "appears ([guidance](https://example.org/help)).")
        .replace("[^1]: See Right Help, Right Time.", "| Who | When |\n|---|---|\n| You | Now |")
    )
    doc = build_document(open_manual(repo), edition="2026-11", printed_on=date(2026, 11, 4))
    simple = doc.prelinked.split('data-id="early-help"', 1)[1].split("}", 1)[0]
    assert 'data-ready="boxes links headings pages"' in simple

    def pages(markdown: str, base: list[str]) -> dict[str, str]:
        with tempfile.TemporaryDirectory() as data:
            args = html.pandoc_args(doc, Path(data), base)
            out = run_pandoc(markdown, "html5", args, root=doc.root).decode()
        return assemble(out, html.template("site.html"), expected=1 + len(doc.chapters))

    fast = html.render_pages(doc)  # (its links and notes made by site_notes)
    assert fast == pages(doc.markdown, doc.pandoc_args())
    assert '<a href="https://example.org/help">guidance</a>' in fast["early-help.html"]
