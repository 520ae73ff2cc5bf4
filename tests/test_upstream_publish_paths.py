"""Pictures and relative links inside inherited chapters, published in every format.

The template's early-help chapter shows a picture (``../../media/pathway.png``) and links
to two other template chapters by their files. In the council's editions the picture is
the one of the template's edition tag (not its working tree), and each link goes to the
chapter that stands for the template chapter in the council's manual; the local file
filling the chapter's slot links and shows pictures relative to itself, in the council's
folder. Real git repository, fixed dates, real pandoc and Typst.
"""

from __future__ import annotations

import json
import re
import shutil
import struct
import zipfile
from pathlib import Path

from conftest import FIXTURES, commit_all, git
from editions_helpers import replace
from pypdf import PdfReader
from upstream_helpers import template_repo

PATHWAY = FIXTURES / "publishing" / "media" / "diagram.png"  # the template's, at the tag
LATER = FIXTURES / "publishing" / "media" / "logo.png"  # the template's after the tag
TEAM = FIXTURES / "pdf" / "media" / "red-block.png"  # the council's own

EARLY_HELP = """\
Support as soon as a need appears.

![The early help pathway](../../media/pathway.png)

Read [our vision](../all-children/our-vision.md#our-vision) and the
[confidentiality policy](../all-children/confidentiality.md).

::: {.local id=contacts}
Ask the early help team.
:::"""

SLOT = """\
::: {.local id=contacts}
Call us about [our offer](../local-offer.md).

![Our early help team](../../media/team.png)
:::
"""


def _repo(tmp_path: Path) -> Path:
    repo = template_repo(tmp_path)
    template = repo / "manuals" / "template"
    council = repo / "manuals" / "council"
    (template / "media").mkdir()
    shutil.copyfile(PATHWAY, template / "media" / "pathway.png")
    replace(
        template / "chapters" / "family-support" / "early-help.md",
        "Support as soon as a need appears.",
        EARLY_HELP,
    )
    (council / "media").mkdir()
    shutil.copyfile(TEAM, council / "media" / "team.png")
    slot = council / "chapters" / "local" / "early-help.md"
    slot.parent.mkdir(parents=True)
    slot.write_text(SLOT, encoding="utf-8")
    replace(
        council / "manual.yaml",
        "      - inherit: early-help\n",
        "      - inherit: early-help\n        local: chapters/local/early-help.md\n",
    )
    commit_all(repo, "A picture and links in early-help", date="2026-05-03T12:00:00Z")
    git(repo, "tag", "-f", "-a", "template/2026-05", "-m", "May 2026", date="2026-05-03T12:00:00Z")
    # after the tag: another picture under the same name (the council must not see it)
    shutil.copyfile(LATER, template / "media" / "pathway.png")
    commit_all(repo, "Template work for the next edition", date="2026-06-01T12:00:00Z")
    return repo


def _replace_confidentiality(council: Path) -> None:
    """The council's own confidentiality chapter, replacing the template's."""
    (council / "chapters" / "local-confidentiality.md").write_text(
        "---\nid: local-confidentiality\ntitle: Confidentiality in Our Council\n"
        "replaces: confidentiality\nbased_on: 2026-05\nowner: Service Manager\n"
        "review:\n  last: 2026-04-01\n  every_months: 12\n---\n\nAsk the DPO.\n",
        encoding="utf-8",
    )
    replace(
        council / "manual.yaml",
        "      - file: chapters/local-offer.md\n",
        "      - file: chapters/local-offer.md\n      - file: chapters/local-confidentiality.md\n",
    )


def _publish(cli, repo: Path, out: Path) -> dict[str, Path]:  # type: ignore[no-untyped-def]
    result = cli("validate", "manuals/council", cwd=repo)
    assert result.exit_code == 0, result.stdout + result.stderr
    args = ["publish", "-m", "manuals/council", "--format", "docx,pdf,html"]
    result = cli(*args, "--out", str(out), "--json", cwd=repo)
    assert result.exit_code == 0, result.stdout + result.stderr
    return {w["format"]: Path(w["path"]) for w in json.loads(result.stdout)}


def _main(page: Path) -> str:
    """The chapter's own text on its page: from its heading to the end of the page's main."""
    text = page.read_text(encoding="utf-8")
    start = text.index("<h1")
    return text[start : text.index("</main>", start)].strip()


def _size(png: bytes) -> tuple[int, int]:
    return struct.unpack(">II", png[16:24])


def _pdf_pictures(path: Path) -> list[tuple[int, int]]:
    """(width, height) of each picture drawn in the PDF, in page order."""
    out = []
    for page in PdfReader(path).pages:
        objects = page.get("/Resources", {}).get("/XObject", {})
        for name in sorted(objects):
            picture = objects[name].get_object()
            if picture.get("/Subtype") == "/Image":
                out.append((int(picture["/Width"]), int(picture["/Height"])))
    return out


def test_an_inherited_chapters_picture_and_links_in_every_format(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    repo = _repo(tmp_path)
    written = _publish(cli, repo, tmp_path / "out")

    site = written["html"]
    assert _main(site / "early-help.html") == (
        '<h1 id="early-help"><span class="chapter-number">2.1</span> Early Help '
        "Assessment</h1>\n"
        '<h2 id="early-help--what-early-help-is">1. What early help is</h2>\n'
        "<p>Support as soon as a need appears.</p>\n"
        '<figure>\n<img src="images/upstream/media/pathway.png" alt="The early help '
        'pathway" />\n<figcaption aria-hidden="true">The early help pathway</figcaption>\n'
        "</figure>\n"
        '<p>Read <a href="our-vision.html#our-vision--our-vision">our vision</a> and the '
        "<span>confidentiality policy</span>.</p>\n"
        '<div id="contacts" class="local">\n'
        '<p>Call us about <a href="local-offer.html">our offer</a>.</p>\n'
        "<figure>\n"
        '<img src="images/media/team.png" alt="Our early help team" />\n'
        '<figcaption aria-hidden="true">Our early help team</figcaption>\n'
        "</figure>\n"
        "</div>\n"
        "</div>"
    )
    assert (site / "images" / "upstream" / "media" / "pathway.png").read_bytes() == (
        PATHWAY.read_bytes()
    )
    assert (site / "images" / "media" / "team.png").read_bytes() == TEAM.read_bytes()

    with zipfile.ZipFile(written["docx"]) as docx:
        media = sorted(docx.read(n) for n in docx.namelist() if n.startswith("word/media/"))
        xml = docx.read("word/document.xml").decode("utf-8")
    assert media == sorted([PATHWAY.read_bytes(), TEAM.read_bytes()])
    anchors = re.findall(r'w:anchor="([^"]+)"', xml.split("Support as soon as", 1)[1])
    assert anchors == ["our-vision--our-vision", "local-offer"]
    assert "confidentiality policy" in xml

    pictures = _pdf_pictures(written["pdf"])
    assert pictures == [_size(PATHWAY.read_bytes()), _size(TEAM.read_bytes())]
    assert _size(LATER.read_bytes()) != _size(PATHWAY.read_bytes())


def test_a_link_to_a_replaced_template_chapter_goes_to_the_councils_own(
    tmp_path: Path,
    cli,  # type: ignore[no-untyped-def]
) -> None:
    repo = _repo(tmp_path)
    council = repo / "manuals" / "council"
    _replace_confidentiality(council)
    commit_all(repo, "Our own confidentiality policy", date="2026-06-02T12:00:00Z")
    site = _publish(cli, repo, tmp_path / "out")["html"]
    page = _main(site / "early-help.html")
    assert (
        '<p>Read <a href="our-vision.html#our-vision--our-vision">our vision</a> and the '
        '<a href="local-confidentiality.html">confidentiality policy</a>.</p>'
    ) in page


def test_an_inherited_picture_changed_at_the_template_edition_is_not_kept(
    tmp_path: Path,
    cli,  # type: ignore[no-untyped-def]
) -> None:
    """publish keeps an edition built from the same inputs; an inherited chapter's
    picture is one of them, read at the template edition followed, so an edition tag
    that moves to other picture bytes (text unchanged) builds the edition again."""
    repo = _repo(tmp_path)
    out = tmp_path / "editions"

    def kept() -> list[bool]:
        args = ["publish", "-m", "manuals/council", "--format", "docx,html", "--out", str(out)]
        result = cli(*args, "--json", cwd=repo)
        assert result.exit_code == 0, result.stdout + result.stderr
        return [item["kept"] for item in json.loads(result.stdout)]

    assert kept() == [False, False]
    assert kept() == [True, True]
    git(repo, "tag", "-f", "-a", "template/2026-05", "-m", "May 2026", date="2026-06-01T12:00:00Z")
    assert kept() == [False, False]
    assert kept() == [True, True]


def test_a_damaged_template_picture_or_a_file_in_its_way_is_refused(
    tmp_path: Path,
    cli,  # type: ignore[no-untyped-def]
) -> None:
    """The template's picture at the edition is checked as the manual's own are; and a
    file of the manual where publish shows it (upstream/...) is refused, not replaced.
    Nothing is written either way."""
    repo = _repo(tmp_path)
    council = repo / "manuals" / "council"
    mine = council / "upstream" / "media" / "pathway.png"
    mine.parent.mkdir(parents=True)
    shutil.copyfile(TEAM, mine)
    out = tmp_path / "out"
    args = ["publish", "-m", "manuals/council", "--format", "html", "--out", str(out)]
    result = cli(*args, cwd=repo)
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: manuals/council/upstream/media/pathway.png is in the way of the template's "
        "picture media/pathway.png, which publish shows as upstream/media/pathway.png. Move "
        "the manual's own files out of its upstream/ folder.\n"
    )
    mine.unlink()
    template = repo / "manuals" / "template"
    (template / "media" / "pathway.png").write_bytes(PATHWAY.read_bytes()[:40])  # cut short
    commit_all(repo, "A damaged picture", date="2026-06-02T12:00:00Z")
    git(repo, "tag", "-f", "-a", "template/2026-05", "-m", "May 2026", date="2026-06-02T12:00:00Z")
    result = cli(*args, cwd=repo)
    assert result.exit_code == 1
    hint = (
        "Fix the picture in the template manual and release a new template edition, or "
        "stop inheriting the chapter."
    )
    assert result.stderr == (
        "manuals/council/upstream:early-help:1:1: error image-content: the template's "
        'picture "media/pathway.png" cannot be used: the PNG picture is cut short (it has '
        f"no end marker).\n    hint: {hint}\nError: manuals/council cannot be published: 1 "
        f"picture(s) of the template cannot be shown. {hint}\n"
    )
    assert not out.exists() or not any(out.iterdir())


def _lost_links_repo(tmp_path: Path) -> Path:
    """early-help as _repo has it, also linking to the template's referral form (a file
    that is no chapter) and, inside the slot the council fills, to a chapter the council
    does not place (the council's text replaces that link)."""
    repo = _repo(tmp_path)
    template = repo / "manuals" / "template"
    (template / "forms").mkdir()
    (template / "forms" / "referral.pdf").write_bytes(b"%PDF-1.4\n")
    replace(
        template / "chapters" / "family-support" / "early-help.md",
        "Ask the early help team.",
        "Ask the early help team, or read [the policy](chapter:confidentiality).",
    )
    replace(
        template / "chapters" / "family-support" / "early-help.md",
        "Support as soon as a need appears.",
        "Support as soon as a need appears: send [the form](../../forms/referral.pdf).",
    )
    commit_all(repo, "The referral form", date="2026-05-04T12:00:00Z")
    git(repo, "tag", "-f", "-a", "template/2026-05", "-m", "May 2026", date="2026-05-04T12:00:00Z")
    return repo


LOST_LINKS = """\
manuals/council/manual.yaml:15:18: warning inherit-link-file: the inherited chapter \
"early-help" has the link "the form" (../../forms/referral.pdf), to the template file \
forms/referral.pdf, which is no chapter: it leads nowhere in this manual's editions.
    hint: Ask the template's editors to link to a chapter or a web address instead; or \
replace the chapter with a local one ('replaces: early-help') whose link you can write.
manuals/council/manual.yaml:15:18: warning inherit-link-unplaced: the inherited chapter \
"early-help" has the link "confidentiality policy" (../all-children/confidentiality.md), to \
the template chapter "confidentiality" (Confidentiality Policy), which this manual does not \
place: its editions show the link as plain text.
    hint: Place that chapter ('- inherit: confidentiality' where it belongs) or a local \
chapter that replaces it ('replaces: confidentiality'); or leave it, if this manual has no \
such chapter.

Findings by rule:
  inherit-link-file          1 warning
  inherit-link-unplaced      1 warning
"""


def test_validate_warns_of_the_inherited_links_the_editions_lose(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    """The council cannot edit an inherited chapter's text, so a link in it that its
    editions cannot follow is a warning on the inherit entry, saying what to do; the link
    inside the slot the council fills is not in its editions, so it is not reported."""
    repo = _lost_links_repo(tmp_path)
    result = cli("validate", "manuals/council", cwd=repo)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout == LOST_LINKS

    # placed and replaced, both links lead somewhere: nothing left to say of them
    council = repo / "manuals" / "council"
    _replace_confidentiality(council)
    result = cli("validate", "manuals/council", cwd=repo)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "inherit-link-unplaced" not in result.stdout
    assert "inherit-link-file" in result.stdout


def test_a_chapter_id_link_to_a_replaced_template_chapter_goes_to_the_councils_own(
    tmp_path: Path,
    cli,  # type: ignore[no-untyped-def]
) -> None:
    """An inherited chapter whose only link names a template chapter by id: where the
    council replaces that chapter, the link goes to the council's own (it was once left
    naming the template's id, which the council's editions do not have: plain text)."""
    repo = template_repo(tmp_path)
    template = repo / "manuals" / "template"
    council = repo / "manuals" / "council"
    replace(
        template / "chapters" / "family-support" / "early-help.md",
        "Support as soon as a need appears.",
        "Support as soon as a need appears: read [the policy](chapter:confidentiality).",
    )
    commit_all(repo, "A link by id", date="2026-05-03T12:00:00Z")
    git(repo, "tag", "-f", "-a", "template/2026-05", "-m", "May 2026", date="2026-05-03T12:00:00Z")
    _replace_confidentiality(council)
    commit_all(repo, "Our own confidentiality policy", date="2026-06-02T12:00:00Z")
    site = _publish(cli, repo, tmp_path / "out")["html"]
    assert (
        '<p>Support as soon as a need appears: read <a href="local-confidentiality.html">the '
        "policy</a>.</p>"
    ) in _main(site / "early-help.html")
