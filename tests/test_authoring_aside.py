"""On a big manual with a CPU free, an authoring command works out its change while the
rules of its check before run in a worker (manualctl.check.parallel.Aside): what it
does, what it refuses and the findings it refuses with must be exactly those of the
same command with the rules run in the command's own process (MANUALCTL_WORKERS=1)."""

from __future__ import annotations

import shutil
import sys
from datetime import date
from pathlib import Path

import pytest

from manualctl.authoring.commands import move_chapter, new_chapter, retire_chapter
from manualctl.check import parallel
from manualctl.errors import ManualctlError, ManualInvalid
from tests.authoring_helpers import snapshot

TODAY = date(2026, 6, 1)
CHAPTERS = parallel.MIN_ITEMS + 20  # enough for the rules to go aside

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork: Linux")


def _build(root: Path) -> None:
    lines = ["id: big", "title: Big Manual", "contents:"]
    for s in range(CHAPTERS // 40):
        lines += [f"  - section: Section {s + 1}", "    entries:"]
        folder = root / "chapters" / f"section-{s + 1}"
        folder.mkdir(parents=True)
        for c in range(40):
            cid = f"chapter-{s}-{c}"
            (folder / f"{cid}.md").write_text(
                f"---\nid: {cid}\ntitle: Chapter {s} {c}\nowner: Someone\n"
                "review:\n  last: 2026-01-01\n  every_months: 12\n---\n\n## 1. Text\n\n"
                f"See [the next](chapter:chapter-{s}-{(c + 1) % 40}).\n"
            )
            lines.append(f"      - file: chapters/section-{s + 1}/{cid}.md")
    (root / "manual.yaml").write_text("\n".join(lines) + "\n")


def _steps(root: Path) -> list[object]:
    """new, move and retire in turn: each one's result, or the error it raised."""
    out: list[object] = []
    steps = [
        lambda: new_chapter(root, "New One", in_number="1", after=None, today=TODAY),
        lambda: move_chapter(root, "new-one", in_number="2", after=None),
        lambda: move_chapter(root, "no-such-chapter", in_number="2", after=None),
        lambda: retire_chapter(root, "new-one", today=TODAY),
    ]
    for step in steps:
        try:
            out.append(step())
        except ManualctlError as exc:
            out.append((type(exc), str(exc), getattr(exc, "findings", None)))
    return out


class Forks:
    """How many times the rules went to a worker."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        start = parallel._Worker.start

        def counted(func: object, chunk: list[object]) -> object:
            if isinstance(func, parallel._Once):
                self.count += 1
            return start(func, chunk)  # type: ignore[arg-type]

        monkeypatch.setattr(parallel._Worker, "start", counted)


def _both(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spoil: object = None) -> None:
    outcomes, files = [], []
    for workers in ("1", "2"):
        root = tmp_path / "big"  # the same folder each time: messages name it
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir()
        _build(root)
        if callable(spoil):
            spoil(root)
        monkeypatch.setenv("MANUALCTL_WORKERS", workers)
        forks = Forks(monkeypatch)
        outcomes.append(_steps(root))
        files.append(snapshot(root))
        assert (forks.count > 0) == (workers == "2")
        monkeypatch.undo()
    assert outcomes[0] == outcomes[1]
    assert files[0] == files[1]


def test_changes_as_without_the_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _both(tmp_path, monkeypatch)


def _orphan(root: Path) -> None:
    (root / "chapters/section-1/stray.md").write_text("---\nid: stray\ntitle: Stray\n---\n")


def _duplicate(root: Path) -> None:
    path = root / "chapters/section-2/chapter-1-3.md"
    path.write_text(path.read_text().replace("id: chapter-1-3", "id: chapter-1-4"))


@pytest.mark.parametrize("spoil", [_orphan, _duplicate])
def test_refuses_as_without_the_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spoil: object
) -> None:
    """A rule's error (found in the worker) refuses every command, before the command's
    own refusal (no such chapter) and before anything is written."""
    _both(tmp_path, monkeypatch, spoil)
    root = tmp_path / "big"
    before = snapshot(root)
    monkeypatch.setenv("MANUALCTL_WORKERS", "2")
    with pytest.raises(ManualInvalid):
        move_chapter(root, "no-such-chapter", in_number="2", after=None)
    assert snapshot(root) == before


def test_a_failed_worker_is_done_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MANUALCTL_WORKERS", "2")
    monkeypatch.setattr(parallel._Worker, "results", lambda self: None)
    aside = parallel.Aside(lambda: [1, 2])
    assert aside.forked
    assert aside.result() == [1, 2]
    assert aside.result() == [1, 2]
    monkeypatch.setenv("MANUALCTL_WORKERS", "1")
    assert not parallel.Aside(lambda: 3).forked
