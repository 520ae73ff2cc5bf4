"""A real client: LibreOffice opens the redline, lists its tracked changes, and its own
"accept all" gives the TO edition's text, "reject all" the FROM edition's, whole.

Skipped, with the reason, without LibreOffice. The texts are compared without empty
lines: LibreOffice keeps an empty paragraph where the last paragraph mark of a table
cell or of the document cannot go.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import copy_fixture
from lo_redline import SOFFICE, round_trip
from test_redline import _may, _november

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        SOFFICE is None,
        reason="LibreOffice (soffice) is not installed; CI installs it: "
        "apt-get install libreoffice-writer-nogui",
    ),
]

COVER = [
    "Example Children's Trust",
    "Sample Procedures Manual",
    "Changes from May 2026 to November 2026",
    "This is an uncontrolled copy, printed on . It is valid for 72 hours from printing: "
    "check the online manual for the current version.",
]
#: the contents lines of the chapters kept; a New chapter's line is an insertion and a
#: Removed one's a deletion, so each goes with its chapter (their page numbers, after a
#: tab, are left out: LibreOffice updates them as it lays the pages out, in its own time)
CONTENTS = [
    "Contents",
    "1. All Children",
    "1.1 Policy, Values and Principles",
    "1.1.1 Our Vision Updated",
    "1.1.2 Confidentiality Policy Updated",
    "2. Family Support",
    "2.1 Early Help Updated",
]
RETITLED = (
    "2.3 Working Together Safely Updated (Retitled: Working Together → Working Together Safely.)"
)
NOVEMBER = [
    *COVER,
    *CONTENTS,
    "2.2 Staying Put New",
    RETITLED,
    "1. All Children",
    "1.1 Policy, Values and Principles",
    "1.1.1 Our Vision",
    "1. Our vision",
    "Every child safe, well and happy. Children are heard.",
    "1.1.2 Confidentiality Policy",
    "N.B. A local policy can be substituted here",
    "1. Sharing information",
    "Share information lawfully when it keeps a child safe.",
    "2. Family Support",
    "2.1 Early Help",
    "1. What early help is",
    "Support as soon as a problem emerges.",
    "A brand new paragraph here.",
    "2.2 Staying Put",
    "1. Staying put",
    "Young people may stay with their foster carers.",
    "2.3 Working Together Safely",
    "1. Who does what",
    "• The social worker visits.",
    "• The team meets weekly.",
    "• The manager checks.",
    "Role",
    "Task",
    "Worker",
    "Visits the child monthly",
    "Manager",
    "Signs off",
    "Panel",
    "Decides",
    "Consent is needed.1",
]
MAY = [
    *COVER,
    *CONTENTS,
    "2.2 Short Breaks Removed",
    RETITLED,
    "1. All Children",
    "1.1 Policy, Values and Principles",
    "1.1.1 Our Vision",
    "1. Our vision",
    "Every child safe, healthy and happy.",
    "1.1.2 Confidentiality Policy",
    "N.B. A local policy can be substituted here",
    "1. Sharing information",
    "Share information when it keeps a child safe.",
    "2. Family Support",
    "2.1 Early Help",
    "1. What early help is",
    "Support as soon as a problem emerges.",
    "2.2 Short Breaks",
    "1. Short breaks",
    "Short breaks give families a rest from caring.",
    "2.3 Working Together",
    "1. Who does what",
    "• The social worker visits.",
    "• The manager checks.",
    "• The team meets weekly.",
    "Role",
    "Task",
    "Worker",
    "Visits the child",
    "Manager",
    "Signs off",
    "Consent is needed.1",
    "This paragraph goes.",
]


def _lines(text: str) -> list[str]:
    return [line.split("\t")[0].strip() for line in text.splitlines() if line.strip()]


def test_libreoffice_accepts_and_rejects_every_change(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    repo = _may(copy_fixture("editions", tmp_path / "sample"))
    _november(repo)
    out = tmp_path / "out"
    assert cli("redline", "2026-05", "2026-11", "-m", str(repo), "--out", str(out)).exit_code == 0
    path = out / "sample-redline-2026-05-to-2026-11.docx"
    found = round_trip([path], tmp_path)
    count, accepted = found[(path, "accept")]
    assert count == 17
    assert _lines(accepted) == NOVEMBER
    assert _lines(found[(path, "reject")][1]) == MAY
    kept_count, kept = found[(path, "keep")]
    assert kept_count == count
    assert "healthywell" in kept  # both words are there until the change is decided
