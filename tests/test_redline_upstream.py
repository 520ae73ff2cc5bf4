"""``manualctl redline`` of a council's manual built on a template: its inherited chapters
are read at each tag as the template edition it followed then had them, so a template
change the council took on shows word by word like any other."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import commit_all, git
from editions_helpers import replace
from test_redline import _chapter_xml, _document, _run
from test_upstream_update import _released_council


@pytest.fixture
def followed(tmp_path: Path, cli) -> Path:  # type: ignore[no-untyped-def]
    """The council released as 2026-06 on the template's 2026-05, then moved on to the
    template's 2026-11 (its substitution reviewed) and tagged 2026-12."""
    repo, council = _released_council(tmp_path)
    moved = cli("upstream", "update", "--to", "2026-11", "-m", "manuals/council", cwd=repo)
    assert moved.exit_code == 0, moved.stderr
    replace(
        council / "chapters" / "local-confidentiality.md", "based_on: 2026-05", "based_on: 2026-11"
    )
    commit_all(repo, "Council follows the template's 2026-11", date="2026-12-01T12:00:00Z")
    git(repo, "tag", "-a", "council/2026-12", "-m", "December 2026", date="2026-12-02T12:00:00Z")
    return council


LISTED = [
    "  Updated: our-vision",
    "  Updated: early-help (Retitled: Early Help Assessment → Early Help.)",
    "  Updated: family-time",
]


@pytest.mark.parametrize("target", [("2026-12",), ()])
def test_inherited_chapters_are_compared_at_each_tag(
    followed: Path,
    cli,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    target: tuple[str, ...],
) -> None:
    out = tmp_path / "out"
    done = cli("redline", "2026-06", *target, "-m", str(followed), "--out", str(out))
    assert done.exit_code == 0, done.stderr
    to = "December 2026 (council/2026-12)" if target else "the working tree"
    stem = "2026-06-to-2026-12" if target else "2026-06-to-draft"
    path = out / f"council-redline-{stem}.docx"
    assert done.stdout.splitlines() == [
        f"Changes from June 2026 (council/2026-06) to {to}: 3 chapter(s).",
        *LISTED,
        f"Wrote {path} ({path.stat().st_size // 1024 + 1} KB)",
    ]

    # the template's new words, as tracked changes of the council's redline
    def change(kind: str, ident: int, text: str) -> str:
        t = "delText" if kind == "del" else "t"
        return (
            f'<w:{kind} w:id="{ident}" w:author="manualctl" w:date="2026-12-01T12:00:00Z">'
            f'<w:r><w:{t} xml:space="preserve">{text}</w:{t}></w:r></w:{kind}>'
        )

    assert _chapter_xml(_document(path), "Our Vision and Purpose") == "\n".join(
        [
            _para("Heading3", _run("Scope of this chapter")),
            _para("FirstParagraph", _run("This chapter sets out what we are for.")),
            _para("Heading3", _run("1. Our vision")),
            _para(
                "FirstParagraph",
                _run("Every child safe, ")
                + change("del", 1000000, "healthy")
                + change("ins", 1000001, "healthy, happy")
                + _run(" and ")
                + change("del", 1000002, "happy.")
                + change("ins", 1000003, "heard."),
            ),
        ]
    )


def _para(style: str, content: str) -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{content}</w:p>'
