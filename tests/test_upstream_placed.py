"""What ``upstream status`` reads of a manual (:mod:`manualctl.upstream.placed`): the fast
read gives what the full read gives, and a manual it cannot use is read in full, with
the full read's message (file and line, exit 1)."""

from __future__ import annotations

from pathlib import Path

import pytest
from editions_helpers import replace
from upstream_helpers import two_editions_repo

from manualctl.check.load import read
from manualctl.errors import ManualInvalid
from manualctl.model.manual import MANUAL_FILE
from manualctl.upstream import placed

SAMPLES = Path(__file__).resolve().parents[1] / "manuals"


def _full(root: Path) -> placed.Placed:
    loaded = read(root)
    assert loaded.manual is not None
    return placed.from_manual(loaded.manual, loaded.texts[MANUAL_FILE])


@pytest.mark.parametrize(
    "name", ["bath-ne-somerset", "bedford-borough", "birmingham-main-policies"]
)
def test_the_fast_read_of_a_sample_is_the_full_read(name: str) -> None:
    root = SAMPLES / name
    fast = placed._fast(root.resolve())  # the fast read itself, not its fall-back
    assert fast == _full(root)
    assert len(fast.inherited) >= 65 and fast.substitutions


def test_the_fast_read_with_pins_subsections_and_substitutions(tmp_path: Path) -> None:
    repo = two_editions_repo(tmp_path)
    council = repo / "manuals" / "council"
    replace(
        council / MANUAL_FILE,
        "      - inherit: early-help\n",
        "      - subsection: Early help\n"
        "        entries:\n"
        "          - note: Our own first\n"
        "          - inherit: early-help\n"
        "            number: 2.1.1\n"
        "          - file: chapters/local-offer.md\n"
        "            replaces: short-breaks\n"
        "            based_on: 2026-05\n"
        "          - file: chapters/not-there.md\n"
        "          - file: ../outside.md\n",
    )
    (repo / "manuals" / "outside.md").write_text("not read", encoding="utf-8")
    fast = placed._fast(council.resolve())
    assert fast == _full(council)
    assert [(cid, number) for cid, number, _ in fast.inherited] == [
        ("our-vision", "1.1"),
        ("early-help", "2.1.1"),
        ("short-breaks", "2.2"),
        ("family-time", "2.3"),
        ("private-fostering", "2.4"),
    ]
    assert [(s.entry.file, s.replaces, s.based_on, s.entry.number) for s in fast.substitutions] == [
        ("chapters/local-confidentiality.md", "confidentiality", "2026-05", "1.3"),
        ("chapters/local-offer.md", "short-breaks", "2026-05", "2.1.2"),
    ]


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        # manual.yaml that does not parse: the full read's syntax error, with its line
        (
            MANUAL_FILE,
            "contents:\n",
            "contents:\n  - section: [\n",
            "manual.yaml:10:3: error yaml-syntax",
        ),
        # an entry whose value is not text: the schema's message, at its line
        (
            MANUAL_FILE,
            "- inherit: our-vision",
            "- inherit: [our-vision]",
            "manual.yaml:11:18: error schema-type",
        ),
        (
            MANUAL_FILE,
            "  edition: 2026-05",
            "  edition: [2026-05]",
            "manual.yaml:7:12: error schema-type",
        ),
        # a chapter file whose front matter does not parse, or says replaces: as a list
        (
            "chapters/local-offer.md",
            "owner:",
            "owner: [",
            "chapters/local-offer.md:5:7: error yaml",
        ),
        (
            "chapters/local-confidentiality.md",
            "replaces: confidentiality",
            "replaces: [a]",
            "chapters/local-confidentiality.md:4:11: error schema-type",
        ),
    ],
)
def test_a_manual_the_fast_read_cannot_use_gets_the_full_reads_message(
    tmp_path: Path,
    cli,  # type: ignore[no-untyped-def]
    file: str,
    old: str,
    new: str,
    expected: str,
) -> None:
    repo = two_editions_repo(tmp_path)
    council = repo / "manuals" / "council"
    replace(council / file, old, new)
    with pytest.raises(ManualInvalid):
        placed.read_placed(council)
    result = cli("upstream", "status", "-m", "manuals/council", cwd=repo)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"manuals/council/{expected}" in result.stderr
    assert "The manual in manuals/council has" in result.stderr


def test_a_manual_yaml_linked_from_outside_is_left_to_the_full_read(tmp_path: Path) -> None:
    repo = two_editions_repo(tmp_path)
    council = repo / "manuals" / "council"
    kept = council / "kept.yaml"
    (council / MANUAL_FILE).rename(kept)
    (council / MANUAL_FILE).symlink_to(kept)  # a link that stays inside: read fast
    assert placed._fast(council.resolve()) == _full(council)
    outside = repo / "manuals" / "elsewhere.yaml"
    kept.rename(outside)
    (council / MANUAL_FILE).unlink()
    (council / MANUAL_FILE).symlink_to(outside)  # a link leading out: not read fast
    with pytest.raises(placed._Unusual):
        placed._fast(council.resolve())
