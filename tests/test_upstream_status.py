"""``upstream status`` and substituted chapters, on a template with two real editions."""

from __future__ import annotations

import json
from pathlib import Path

from editions_helpers import replace
from upstream_helpers import template_repo, two_editions_repo

EXPECTED = """\
council follows the template manuals/template at 2026-05; compared with 2026-11.

Changed upstream: inherited, so Updated in your next edition (2):
  1.1 our-vision: Our Vision and Purpose
  2.3 family-time: Family Time

Stale substitutions: the template changed the chapter they replace (1):
  1.3 confidentiality: Confidentiality Policy; replaced by chapters/local-confidentiality.md, \
based on 2026-05

Retitled upstream (1):
  2.1 early-help: Early Help; was "Early Help Assessment"

Removed upstream (1):
  2.4 private-fostering: Private Fostering; the template has no such chapter at 2026-11

New upstream chapters not placed (1):
  children-missing: Children Missing from Home; new in 2026-11

Unchanged: 1 chapter(s).
Next: read the template's change to each stale substitution's chapter, change yours if \
needed and set its based_on to the edition you checked it against; place, drop or keep the \
chapters above, then set upstream.edition to 2026-11 in manual.yaml.
"""


def test_status_reports_each_upstream_change_by_category(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    repo = two_editions_repo(tmp_path)
    result = cli("upstream", "status", "-m", "manuals/council", cwd=repo)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == EXPECTED
    assert cli("upstream", "status", "-m", "manuals/council", "--check", cwd=repo).exit_code == 1


def test_status_json_and_github(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    repo = two_editions_repo(tmp_path)
    result = cli("upstream", "status", "-m", "manuals/council", "-f", "json", cwd=repo)
    data = json.loads(result.stdout)
    assert (data["edition"], data["compared_with"], data["unchanged"]) == ("2026-05", "2026-11", 1)
    assert data["needs_decision"] is True
    assert [(i["category"], i["id"], i["file"], i["line"]) for i in data["items"]] == [
        ("changed", "our-vision", "manuals/council/manual.yaml", 11),
        ("changed", "family-time", "manuals/council/manual.yaml", 18),
        ("stale", "confidentiality", "manuals/council/chapters/local-confidentiality.md", 4),
        ("retitled", "early-help", "manuals/council/manual.yaml", 16),
        ("removed", "private-fostering", "manuals/council/manual.yaml", 20),
        ("unplaced", "children-missing", "manuals/council/manual.yaml", 7),
    ]
    result = cli("upstream", "status", "-m", "manuals/council", "-f", "github", cwd=repo)
    lines = result.stdout.splitlines()
    assert [line.split("::")[1] for line in lines] == [
        "error file=manuals/council/chapters/local-confidentiality.md,line=4,col=11,"
        "title=substitution-stale",
        "warning file=manuals/council/manual.yaml,line=7,col=12,title=upstream-unplaced",
        "warning file=manuals/council/manual.yaml,line=11,col=18,title=upstream-changed",
        "warning file=manuals/council/manual.yaml,line=16,col=18,title=upstream-retitled",
        "warning file=manuals/council/manual.yaml,line=18,col=18,title=upstream-changed",
        "error file=manuals/council/manual.yaml,line=20,col=18,title=upstream-removed",
    ]


def test_status_against_the_followed_edition_has_nothing_to_decide(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    repo = two_editions_repo(tmp_path)
    result = cli(
        "upstream", "status", "-m", "manuals/council", "--to", "2026-05", "--check", cwd=repo
    )
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout == (
        "council follows the template manuals/template at 2026-05; compared with 2026-05.\n"
        "\nUnchanged: 6 chapter(s).\nNothing to decide.\n"
    )


def test_status_to_an_edition_the_template_does_not_have(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    repo = two_editions_repo(tmp_path)
    result = cli("upstream", "status", "-m", "manuals/council", "--to", "2027-05", cwd=repo)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert 'has no tag "template/2027-05" (its editions: 2026-05, 2026-11).' in result.stderr


def test_a_substitution_is_stale_once_the_manual_follows_the_changed_edition(
    tmp_path: Path,
    cli,  # type: ignore[no-untyped-def]
) -> None:
    repo = two_editions_repo(tmp_path)
    council = repo / "manuals" / "council"
    replace(council / "manual.yaml", "edition: 2026-05", "edition: 2026-11")
    replace(council / "manual.yaml", "      - inherit: private-fostering\n", "")
    result = cli("validate", "manuals/council", "-f", "json", cwd=repo)
    assert result.exit_code == 1
    (stale,) = json.loads(result.stdout)
    assert (stale["file"], stale["line"], stale["code"]) == (
        "manuals/council/chapters/local-confidentiality.md",
        5,
        "substitution-stale",
    )
    assert stale["message"] == (
        'chapters/local-confidentiality.md replaces "confidentiality" (Confidentiality '
        "Policy) as it was in 2026-05; the template changed that chapter by 2026-11."
    )
    assert stale["hint"] == (
        "Read the template's change (git diff template/2026-05 template/2026-11 -- "
        "manuals/template/chapters/all-children/confidentiality.md), change "
        "chapters/local-confidentiality.md if it needs it, then set based_on: 2026-11."
    )
    # the author has read the change: moving based_on marks the substitution reviewed
    replace(
        council / "chapters" / "local-confidentiality.md", "based_on: 2026-05", "based_on: 2026-11"
    )
    assert cli("validate", "manuals/council", cwd=repo).exit_code == 0


def test_substitution_references_are_checked(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    repo = template_repo(tmp_path)
    offer = repo / "manuals" / "council" / "chapters" / "local-offer.md"
    replace(offer, "owner:", "replaces: confidentialty\nowner:")
    result = cli("validate", "manuals/council", "-f", "json", cwd=repo)
    found = [(f["line"], f["code"], f["message"]) for f in json.loads(result.stdout)]
    assert found == [
        (
            4,
            "inherit-unknown",
            "the upstream edition 2026-05 (template/2026-05) has no chapter with id "
            '"confidentialty". Did you mean "confidentiality" (Confidentiality Policy)?',
        )
    ]
    replace(offer, "replaces: confidentialty", "replaces: confidentiality")
    result = cli("validate", "manuals/council", "-f", "json", cwd=repo)
    ((code, message),) = [(f["code"], f["message"]) for f in json.loads(result.stdout)]
    assert code == "substitution-based-on"
    assert message == (
        'chapters/local-offer.md replaces the template chapter "confidentiality" but does '
        "not say which template edition it was written against."
    )
    replace(offer, "replaces: confidentiality", "replaces: confidentiality\nbased_on: 2026-11")
    result = cli("validate", "manuals/council", "-f", "json", cwd=repo)
    ((code, line),) = [(f["code"], f["line"]) for f in json.loads(result.stdout)]
    assert (code, line) == ("substitution-based-on", 5)
