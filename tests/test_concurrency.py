"""Commands that write, run at the same time, 50 times: each takes the manual's lock
before it reads anything, so one waits for (or is refused by) the other; never a flag on
the wrong chapter, never a summary in the wrong file, never exit code 3."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import commit_all
from editions_helpers import append

MANUALCTL = str(Path(sys.executable).parent / "manualctl")
EARLY = "chapters/family-support/early-help.md"
VISION = "chapters/all-children/our-vision.md"
BUSY = "Another manualctl command is changing"
RUNS = 50


def _together(*commands: list[str]) -> list[subprocess.CompletedProcess[str]]:
    """Start every command at once; wait for all of them."""
    env = {**os.environ, "CI": "true"}
    procs = [
        subprocess.Popen(
            [MANUALCTL, *c], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
        )
        for c in commands
    ]
    out = []
    for proc, command in zip(procs, commands, strict=True):
        stdout, stderr = proc.communicate(timeout=120)
        out.append(subprocess.CompletedProcess(command, proc.returncode, stdout, stderr))
    return out


def _fine(result: subprocess.CompletedProcess[str]) -> bool:
    return result.returncode == 0 or (result.returncode == 2 and BUSY in result.stderr)


def _flags(repo: Path) -> dict[str, str]:
    """Chapter id -> flag, as manual.yaml holds them."""
    data = yaml.safe_load((repo / "manual.yaml").read_text())
    out = {}
    for section in data["contents"]:
        for entry in section["entries"]:
            for item in entry.get("entries", [entry]):
                if "file" in item and "flag" in item:
                    text = (repo / item["file"]).read_text()
                    chapter_id = yaml.safe_load(text.split("---\n")[1])["id"]
                    out[chapter_id] = item["flag"]
    return out


def test_stamp_and_new_chapter_at_the_same_time(edition_repo: Path) -> None:
    append(edition_repo / EARLY, "\nMore help.\n")
    commit_all(edition_repo, "More help")
    m = ["-m", str(edition_repo)]
    started = subprocess.run([MANUALCTL, "stamp", "--edition", "2026-11", *m], check=False)
    assert started.returncode == 0
    codes = set()
    made = []
    for run in range(RUNS):
        new, stamp = _together(
            ["new-chapter", f"Chapter {run}", "--in", "2", "--owner", "Lead", *m],
            ["stamp", *m],
        )
        assert _fine(new) and _fine(stamp), (new.stderr, stamp.stderr)
        codes |= {new.returncode, stamp.returncode}
        if new.returncode == 0:
            made.append(f"chapter-{run}")
        flags = _flags(edition_repo)
        # every flag is on a chapter git calls so: Early Help Updated, new chapters New
        assert flags.get("early-help") == "Updated"
        assert all(v == "New" for k, v in flags.items() if k != "early-help"), flags
        assert all(k.startswith("chapter-") for k in flags if k != "early-help"), flags
    assert 3 not in codes
    final = subprocess.run([MANUALCTL, "stamp", *m], capture_output=True, text=True, check=False)
    assert final.returncode == 0
    flags = _flags(edition_repo)
    assert sorted(flags) == sorted(["early-help", *made])  # each chapter made is flagged New


def test_fill_and_move_chapter_at_the_same_time(edition_repo: Path) -> None:
    m = ["-m", str(edition_repo)]
    vision = edition_repo / VISION
    for run in range(RUNS):
        append(vision, f"\nChange {run}.\n")
        commit_all(edition_repo, f"Change {run}\n\nAmendment: Change {run} was made.")
        moved = (edition_repo / "chapters/family-support/confidentiality.md").exists()
        new_place = ["--in", "1.1"] if moved else ["--in", "2"]
        fill, move = _together(
            ["amendments", "--edition", "2026-11", "--fill", *m],
            ["move-chapter", "confidentiality", *new_place, *m],
        )
        assert _fine(fill) and _fine(move), (fill.stderr, move.stderr)
        assert fill.returncode != 3 and move.returncode != 3
        text = vision.read_text()
        if fill.returncode == 0:
            assert '"2026-11":' in text  # the summary is in Our Vision's own file
        for other in edition_repo.glob("chapters/**/*.md"):
            if other != vision and other.name != "amendments.md":  # the appendix lists it
                assert "was made." not in other.read_text(), other
        # the next run starts from no summary: take it out again
        if '"2026-11":' in text:
            lines = [line for line in text.splitlines(keepends=True) if '"2026-11":' not in line]
            vision.write_text("".join(lines).replace("amendments:\n---", "---"))
        commit_all(edition_repo, f"Run {run}")
