"""A repository of many manuals: ``validate`` of all, ``affected``, against their floors.

Builds one git repository of ``--manuals`` manuals (default 100) of ``--chapters``
realistic chapters each (default 300; the chapters of bench_validate.py), committed with
a fixed date, and times, best of ``--runs`` runs taken in turn (a busy machine slows every
figure alike), as subprocesses from byte-compiled modules (as after ``pip install``):

* ``manualctl validate manuals/`` (every manual) against ``manualctl validate`` of one
  manual, times the number of manuals, divided by the cores the run of all used (its CPU
  time over its wall-clock time, at least 1). Target: within 1.3x.
* ``manualctl affected --base HEAD manuals/`` after a one-chapter change, against one
  ``git diff --name-only HEAD`` (and against that plus ``python -c pass``, the start-up
  any Python command pays). Target: within 2.0x of the git diff.
* ``manualctl publish`` of ``--publish`` of the manuals (default 5: a full publish of all
  would take most of an hour) in ``--formats`` (default docx,pdf,html), first into an
  empty folder (a full publish), then again with nothing changed, which keeps every
  edition. Target: nothing changed within 0.1x of the full publish.

Run:  .venv/bin/python benchmarks/bench_fleet.py [--manuals 100] [--chapters 300] [--runs 3]
      [--publish 5] [--formats docx,pdf,html]
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from bench_validate import build, interleaved

DATE = "2026-01-01T12:00:00Z"
ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@example.org",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@example.org",
    "GIT_AUTHOR_DATE": DATE,
    "GIT_COMMITTER_DATE": DATE,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def make_repo(repo: Path, manuals: int, chapters: int) -> list[Path]:
    """``manuals`` manuals under ``repo/manuals``, committed; their folders."""
    roots = []
    for number in range(manuals):
        root = repo / "manuals" / f"m{number:03d}"
        build(root, chapters, "realistic")
        text = (root / "manual.yaml").read_text(encoding="utf-8")
        (root / "manual.yaml").write_text(text.replace("id: big", f"id: m{number:03d}", 1))
        roots.append(root)
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "Manuals"]):
        subprocess.run(["git", *args], cwd=repo, env=ENV, check=True, capture_output=True)
    return roots


def run(cmd: list[str], cwd: Path, ok: tuple[int, ...] = (0,)) -> Callable[[], None]:
    def go() -> None:
        done = subprocess.run(cmd, cwd=cwd, env=ENV, capture_output=True, text=True)
        if done.returncode not in ok:
            raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr[-2000:]}")

    return go


def row(label: str, figures: tuple[float, float]) -> None:
    print(f"  {label:<58} wall {figures[0]:8.3f}   cpu {figures[1]:8.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--manuals", type=int, default=100)
    parser.add_argument("--chapters", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--publish", type=int, default=5)
    parser.add_argument("--formats", default="docx,pdf,html")
    args = parser.parse_args()

    import manualctl

    compileall.compile_dir(Path(manualctl.__file__).parent, quiet=1)
    manualctl_cmd = str(Path(sys.executable).with_name("manualctl"))
    tmp = Path(tempfile.mkdtemp(prefix="manualctl-bench-fleet-"))
    met = True
    try:
        repo = tmp / "fleet"
        roots = make_repo(repo, args.manuals, args.chapters)
        print(f"{args.manuals} manuals x {args.chapters} chapters, best of {args.runs}; seconds")

        today = ["--today", "2026-06-01", "--summary"]
        timings = interleaved(
            {
                "one": run([manualctl_cmd, "validate", str(roots[0]), *today], repo),
                "all": run([manualctl_cmd, "validate", "manuals", *today], repo),
            },
            args.runs,
        )
        one, every = timings["one"], timings["all"]
        cores = max(1.0, every[1] / every[0])
        floor = one[0] * args.manuals / cores
        ratio = every[0] / floor
        row("manualctl validate (one manual)", one)
        row("manualctl validate manuals/ (all)", every)
        print(
            f"  validate: all / ({args.manuals} x one / {cores:.2f} cores) = "
            f"{every[0]:.3f} / {floor:.3f} = {ratio:.2f}x (target 1.30x)"
        )
        met = met and ratio <= 1.3

        chapter = next((roots[len(roots) // 2] / "chapters").rglob("*.md"))
        with chapter.open("a", encoding="utf-8") as handle:
            handle.write("\nOne more sentence.\n")
        timings = interleaved(
            {
                "diff": run(["git", "diff", "--name-only", "HEAD"], repo),
                "pass": run([sys.executable, "-c", "pass"], repo),
                "affected": run([manualctl_cmd, "affected", "--base", "HEAD", "manuals"], repo),
            },
            max(args.runs, 10),
        )
        diff, start, ours = timings["diff"], timings["pass"], timings["affected"]
        row("git diff --name-only HEAD", diff)
        row("python -c pass", start)
        row("manualctl affected --base HEAD manuals (one chapter changed)", ours)
        ratio = ours[0] / diff[0]
        print(
            f"  affected: {ratio:.2f}x git diff (target 2.00x); "
            f"{ours[0] / (diff[0] + start[0]):.2f}x git diff + python start-up"
        )
        met = met and ratio <= 2.0

        chosen = [str(root) for root in roots[: args.publish]]
        publish = [manualctl_cmd, "publish", *chosen, "--format", args.formats, "--out"]
        full = interleaved({"full": run([*publish, str(tmp / "editions")], repo)}, 1)["full"]
        again = interleaved({"again": run([*publish, str(tmp / "editions")], repo)}, args.runs)
        row(f"manualctl publish of {len(chosen)} manuals ({args.formats}), full", full)
        row("manualctl publish again, nothing changed (every edition kept)", again["again"])
        ratio = again["again"][0] / full[0]
        print(f"  publish: nothing changed / full = {ratio:.3f}x (target 0.10x)")
        met = met and ratio <= 0.1
    finally:
        shutil.rmtree(tmp)
    print(f"targets: {'met' if met else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
