"""Round trip: import each seed contents page, render it, and get the page back.

Seeds live in tests/fixtures/seeds (copies of real contents pages). The comparison is
of the WHOLE page, line by line, after normalising white space only: runs of spaces and
non-breaking spaces become one space, lines are trimmed, blank lines dropped, and known
page chrome ("Top of page", "Caption: ...", the Quick Links sentence, ...) dropped.
The page header (the lines above "Quick Links:") is compared with what the page said,
as written out per seed below; the quick links are regenerated from the headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
CHROME = re.compile(
    r"^(?:Top of page|Skip to (?:main )?content|Logo Alt Text will go here|End|Contents"
    r"|Size: .*|Caption: .*|This contents list is sub divided .*)$"
)
LINK = re.compile(r"^(\d+)\. (.+)$")


@dataclass(frozen=True)
class Sample:
    seed: str
    folder: str  # the folder under manuals/ the sample manual lives in
    args: tuple[str, ...]
    seed_header: tuple[str, ...]  # the page's own header lines, after chrome is dropped
    header: tuple[str, ...]  # the header manualctl renders for it


SAMPLES = [
    Sample(
        "000_7ddd704be86cb68b.txt",
        "birmingham-main-policies",
        ("--organisation", "Birmingham Children's Trust", "--edition", "2026-11"),
        ("Main Policies",),
        ("Main Policies", "Birmingham Children's Trust"),
    ),
    Sample(
        "001_563af01f5a32317a.txt",
        "trix-template",
        (
            "--title",
            "Tri.x Template Children's Services Procedures Manual",
            "--organisation",
            "Tri.x",
        ),
        ("Tri.x TemplateChildren's Services Procedures Manual",),  # a space lost in copying
        ("Tri.x Template Children's Services Procedures Manual", "Tri.x"),
    ),
    Sample(
        "003_33c1f6264037878e.txt",
        "bath-ne-somerset",
        ("--edition", "2026-11"),
        (
            "Bath and North East Somerset",
            "Bath and North East Somerset Children’s Services Procedure Manual: Contents",
            "December 2017",  # kept as a comment in manual.yaml
        ),
        (
            "Bath and North East Somerset Children’s Services Procedure Manual",
            "Bath and North East Somerset",
        ),
    ),
    Sample(
        "004_03aaf0f831cab526.txt",
        "bedford-borough",
        (
            "--title",
            "Bedford Borough Children's Services Procedures Manual",
            "--organisation",
            "Bedford Borough Council",
            "--edition",
            "2026-11",
        ),
        (),
        ("Bedford Borough Children's Services Procedures Manual", "Bedford Borough Council"),
    ),
]


def clean(line: str) -> str:
    return " ".join(line.replace("\u00a0", " ").split())


@dataclass
class Page:
    header: list[str]
    quick_links: list[str]
    body: list[str]

    def lines(self) -> list[str]:
        return [*self.header, "Quick Links:", *self.quick_links, *self.body]


def normalise(text: str) -> Page:
    """White space normalised, chrome dropped, cut into header, quick links and body."""
    lines = [clean(line) for line in text.split("\n")]
    lines = [line for line in lines if line and not CHROME.match(line)]
    at = lines.index("Quick Links:")
    header, rest = lines[:at], lines[at + 1 :]
    links: list[str] = []
    while rest and (m := LINK.match(rest[0])) and m[1] == str(len(links) + 1):
        links.append(rest.pop(0))
    return Page(header, links, rest)


def import_and_render(cli, sample: Sample, target: Path) -> str:  # type: ignore[no-untyped-def]
    result = cli("import", "contents", str(SEEDS / sample.seed), "--to", str(target), *sample.args)
    assert result.exit_code == 0, result.stderr
    shown = cli("contents", "-m", str(target))
    assert shown.exit_code == 0, shown.stderr
    return shown.stdout


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.folder for s in SAMPLES])
def test_round_trip_reproduces_the_whole_page(cli, tmp_path: Path, sample: Sample) -> None:  # type: ignore[no-untyped-def]
    seed = normalise((SEEDS / sample.seed).read_text(encoding="utf-8"))
    assert seed.header == list(sample.seed_header)
    links = list(seed.quick_links)
    if sample.folder == "bedford-borough":
        # The page's quick link says "Adoption and Permanence", its heading "Adoption":
        # quick links are regenerated from the headings, so the heading wins.
        assert links[2] == "3. Adoption and Permanence"
        links[2] = "3. Adoption"
    expected = Page(list(sample.header), links, seed.body)

    rendered = normalise(import_and_render(cli, sample, tmp_path / sample.folder))

    assert rendered.lines() == expected.lines()


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.folder for s in SAMPLES])
def test_imported_seed_validates(cli, tmp_path: Path, sample: Sample) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / sample.folder
    import_and_render(cli, sample, target)
    result = cli("validate", str(target))
    assert result.exit_code == 0, result.stdout + result.stderr


def test_seed_import_reports_the_quick_link_that_differs(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sample = SAMPLES[3]
    result = cli(
        "import", "contents", str(SEEDS / sample.seed), "--to", str(tmp_path / "m"), *sample.args
    )
    assert result.exit_code == 0
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning")]
    assert warnings == [
        f"warning: {SEEDS / sample.seed}:271: the quick link "
        '"3. Adoption and Permanence" differs from the heading "3. Adoption"; '
        "the heading is used (quick links are regenerated)."
    ]


@pytest.mark.parametrize("sample", SAMPLES[:3], ids=[s.folder for s in SAMPLES[:3]])
def test_seed_import_has_no_unrecognised_lines(cli, tmp_path: Path, sample: Sample) -> None:  # type: ignore[no-untyped-def]
    result = cli(
        "import", "contents", str(SEEDS / sample.seed), "--to", str(tmp_path / "m"), *sample.args
    )
    assert result.exit_code == 0
    assert [line for line in result.stderr.splitlines() if line.startswith("warning")] == []
