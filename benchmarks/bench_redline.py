"""Time `manualctl redline` (Word) on a 300-chapter manual with 30 chapters changed, against
one Word publish of a manual of those 30 chapters.

The manual is bench_publish's (tables, lists, footnotes, boxes, links), in a git
repository released as 2026-05; then 30 chapters change (a word, a sentence added, a
table cell) and it is released as 2026-11. The redline reads both editions from git
(300 chapters each), builds the 30 changed chapters twice, runs pandoc on both, compares
them and writes the Word file; the reference publishes the same 30 chapters once.
Target: within 1.5x.

    .venv/bin/python benchmarks/bench_redline.py [--chapters 300] [--changed 30] [--repeat 3]
        [--instructions]

Each is run in a new process, in turn (reference, redline, reference, ...), so load slows
both alike; prints the best and the median wall-clock and CPU (user + system, pandoc
included) times and their ratios. On a busy machine trust the CPU ratio, and count
instructions, which load does not change: ``--instructions`` also runs each command
once under callgrind, every process counted (:mod:`instructions`; a few minutes).
manualctl is byte-compiled first, as pip installs it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import instructions
from bench_publish import build_manual, compile_manualctl

_MEASURE = """
import resource, sys, time
start = time.perf_counter()
from manualctl.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exc:
    assert exc.code == 0, exc.code
elapsed = time.perf_counter() - start
me = resource.getrusage(resource.RUSAGE_SELF)
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
print(elapsed, me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime)
"""


def git(repo: Path, *args: str, when: str) -> None:
    env = dict(
        os.environ,
        GIT_AUTHOR_DATE=when,
        GIT_COMMITTER_DATE=when,
        GIT_AUTHOR_NAME="Bench",
        GIT_AUTHOR_EMAIL="bench@example.org",
        GIT_COMMITTER_NAME="Bench",
        GIT_COMMITTER_EMAIL="bench@example.org",
    )
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def change(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    text = text.replace("within ten\nworking days.", "within five\nworking days.", 1)
    text = text.replace("| Within 3 months |", "| Within 12 weeks |", 1)
    text = text.replace(
        "## 3. Recording\n", "## 3. Recording\n\nThe manager checks the record every month.\n", 1
    )
    path.write_text(text, encoding="utf-8")


def measure(cmd: list[str]) -> tuple[float, float]:
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, *cmd], check=True, capture_output=True, text=True
    )
    wall, cpu = done.stdout.split()[-2:]
    return float(wall), float(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chapters", type=int, default=300)
    parser.add_argument("--changed", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--instructions", action="store_true", help="Also count instructions (callgrind)."
    )
    options = parser.parse_args()
    if options.instructions and (missing := instructions.available()) is not None:
        raise SystemExit(f"--instructions: {missing}")
    compile_manualctl()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        repo = work / "bench"
        repo.mkdir()
        build_manual(repo, options.chapters)
        git(repo, "init", "-q", when="2026-01-01T12:00:00Z")
        git(repo, "add", "-A", when="2026-01-01T12:00:00Z")
        git(repo, "commit", "-q", "-m", "bench", when="2026-01-01T12:00:00Z")
        git(repo, "tag", "-a", "bench/2026-05", "-m", "May", when="2026-05-01T12:00:00Z")
        files = sorted((repo / "chapters").rglob("*.md"))
        step = max(1, len(files) // options.changed)
        changed = files[::step][: options.changed]
        for path in changed:
            change(path)
        git(repo, "commit", "-q", "-am", "changes", when="2026-10-01T12:00:00Z")
        git(repo, "tag", "-a", "bench/2026-11", "-m", "November", when="2026-11-01T12:00:00Z")
        small = work / "small"
        small.mkdir()
        build_manual(small, options.changed)
        for index, path in enumerate(sorted((small / "chapters").rglob("*.md"))):
            change(path)  # the same kind of chapter, as changed
            assert index < options.changed
        redline = ["redline", "2026-05", "2026-11", "-m", str(repo), "--out", str(work / "r")]
        publish = ["publish", str(small), "--out", str(work / "p")]
        runs: dict[str, list[tuple[float, float]]] = {"publish": [], "redline": []}
        for _ in range(options.repeat):
            for name, cmd in (("publish", publish), ("redline", redline)):
                runs[name].append(measure(cmd))
        counted = (
            [instructions.count(cmd, work) for cmd in ([*publish, "--force"], redline)]
            if options.instructions
            else []
        )
    paired = [
        (r[0] / p[0], r[1] / p[1]) for p, r in zip(runs["publish"], runs["redline"], strict=True)
    ]
    print(
        f"median of the {options.repeat} rounds' own ratios (each round: publish, then "
        f"redline): {statistics.median(w for w, _ in paired):.2f}x wall, "
        f"{statistics.median(c for _, c in paired):.2f}x CPU"
    )
    for how, pick in (("best", min), ("median", statistics.median)):
        (pw, pc), (rw, rc) = (
            (pick(w for w, _ in runs[name]), pick(c for _, c in runs[name]))
            for name in ("publish", "redline")
        )
        print(f"{how} of {options.repeat}:")
        print(
            f"  publish --format docx, {options.changed} chapters: {pw:6.2f} s wall {pc:6.2f} s CPU"
        )
        print(
            f"  redline, {options.chapters} chapters, {options.changed} changed: "
            f"{rw:6.2f} s wall {rc:6.2f} s CPU"
        )
        print(f"  ratio: {rw / pw:.2f}x wall, {rc / pc:.2f}x CPU (target 1.50x)")
    if counted:
        print(
            f"instructions (callgrind, every process): publish {counted[0] / 1e9:.3f} G, "
            f"redline {counted[1] / 1e9:.3f} G, ratio {counted[1] / counted[0]:.2f}x"
        )


if __name__ == "__main__":
    main()
