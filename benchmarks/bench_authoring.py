"""Time new-chapter, move-chapter and retire-chapter on a large synthetic manual.

The floor is one `validate` of the same manual (warm: after a first run). Every edit
must validate before it changes anything and after (the check after reads again only
what the edit touched), so the target is a ratio of at most 2.0.
Figures: best of --runs runs (each run adds, moves and retires a chapter of its own).
Run: .venv/bin/python benchmarks/bench_authoring.py [CHAPTERS] [--runs 3]

For counting instructions, ``--upto STEP`` builds the manual and checks it, then runs
validate alone, or new-chapter and the commands after it up to STEP, once each and
timing nothing: a step's count is the difference from the run up to the step before
(validate's and new-chapter's, from the run up to ``build``), with MANUALCTL_WORKERS=1:
valgrind --tool=callgrind .venv/bin/python benchmarks/bench_authoring.py --upto move-chapter
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path

from manualctl.authoring.commands import move_chapter, new_chapter, retire_chapter
from manualctl.check.validate import check


def build(root: Path, chapters: int) -> None:
    lines = ["# synthetic manual", "id: big", "title: Big Manual", "contents:"]
    per_sub = 20
    subs = max(1, chapters // per_sub)
    for s in range((subs + 4) // 5):
        lines += [f"  - section: Section {s + 1}", "    entries:"]
        for u in range(5):
            n = s * 5 + u
            if n >= subs:
                break
            lines += [f"      - subsection: Sub {n + 1}  # comment", "        entries:"]
            folder = root / "chapters" / f"section-{s + 1}"
            folder.mkdir(parents=True, exist_ok=True)
            for c in range(per_sub):
                cid = f"chapter-{n}-{c}"
                (folder / f"{cid}.md").write_text(
                    f"---\nid: {cid}\ntitle: Chapter {n} {c}\nowner: Someone\n"
                    "review:\n  last: 2026-01-01\n  every_months: 12\n---\n\n## 1. Text\n\nBody.\n"
                )
                lines.append(f"          - file: chapters/section-{s + 1}/{cid}.md")
    (root / "manual.yaml").write_text("\n".join(lines) + "\n")


STEPS = ("build", "validate", "new-chapter", "move-chapter", "retire-chapter")


def once(root: Path, upto: str, today: date) -> None:
    """The steps up to ``upto``, once each (see the module's docstring)."""
    if upto == "validate":
        check(root, today=today)
        return
    for step in STEPS[2 : STEPS.index(upto) + 1]:
        if step == "new-chapter":
            new_chapter(root, "New One", in_number="1.1", after=None, today=today)
        elif step == "move-chapter":
            move_chapter(root, "new-one", in_number="2", after=None)
        else:
            retire_chapter(root, "new-one", today=today)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("chapters", type=int, nargs="?", default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--upto", choices=STEPS, help="run the steps once, up to this one")
    args = parser.parse_args()
    today = date(2026, 6, 1)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        build(root, args.chapters)
        report = check(root, today=today)
        assert not report.failed(), report.findings[:3]
        if args.upto is not None:
            once(root, args.upto, today)
            return
        best: dict[str, float] = {}

        def timed(label: str, action: Callable[[], object]) -> None:
            start = time.perf_counter()
            action()
            best[label] = min(best.get(label, float("inf")), time.perf_counter() - start)

        for run in range(args.runs):  # in turn, so a busy machine slows every figure alike
            cid = f"new-one-{run}"
            timed("validate", lambda: check(root))
            timed(
                "new-chapter",
                partial(
                    new_chapter, root, f"New One {run}", in_number="1.1", after=None, today=today
                ),
            )
            timed("move-chapter", partial(move_chapter, root, cid, in_number="2", after=None))
            timed("retire-chapter", partial(retire_chapter, root, cid, today=today))
    floor = best.pop("validate")
    print(f"{args.chapters} chapters; best of {args.runs} runs")
    print(f"{'validate (the floor)':<22}{floor:7.3f} s")
    for label, took in best.items():
        print(f"{label:<22}{took:7.3f} s  = {took / floor:.2f}x validate")
    worst = max(best.values()) / floor
    print(f"target 2.00x: {'met' if worst <= 2.0 else 'NOT met'} (worst ratio {worst:.2f}x)")


if __name__ == "__main__":
    main()
