"""Benchmark: stamp and amendments on a 500-chapter manual with 20,000 commits since the
last edition, against the floor (one ``git log --name-status`` over the same range) and
against the naive approach (git processes per chapter).

    .venv/bin/python benchmarks/bench_history.py [--chapters 500] [--commits 20000]

The repository is built with ``git fast-import`` in a temporary folder (a few seconds).
Figures: best of three runs, taken in turn, in seconds; peak Python memory from
tracemalloc. Target: each command within 1.5x of the floor. The new-process run uses
byte-compiled modules, as after ``pip install`` (see bench_validate.py).
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

PREFIX = "manuals/bench"
TAG = "bench/2026-05"
ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@example.org",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def chapter_text(index: int, version: int) -> str:
    lines = [
        "---",
        f"id: chapter-{index}",
        f"title: Chapter {index}",
        "owner: Head of Service",
        "review:",
        f"  last: 2026-{1 + version % 12:02d}-01",
        "  every_months: 12",
        "---",
        "",
        "## 1. Purpose",
        "",
        "This chapter explains a procedure for social care staff. " * 8,
        "",
        f"Revision {version}." if version % 3 else "Revision 0.",
        "",
    ]
    return "\n".join(lines)


def manual_yaml(chapters: int) -> str:
    out = ["id: bench", "title: Benchmark Manual", "contents:"]
    for section in range(chapters // 50):
        out.append(f"  - section: Section {section + 1}")
        out.append("    entries:")
        for index in range(section * 50, section * 50 + 50):
            out.append(f"      - file: chapters/s{section}/chapter-{index}.md")
    out.append("  - section: Appendices")
    out.append("    entries:")
    out.append("      - file: chapters/amendments.md")
    return "\n".join(out) + "\n"


APPENDIX = "---\nid: amendments\ntitle: Amendments\nkind: amendments\n---\n\nText.\n"


def build(repo: Path, chapters: int, commits: int) -> None:
    subprocess.run(["git", "init", "-q", str(repo)], check=True, env=ENV)
    proc = subprocess.Popen(
        ["git", "fast-import", "--quiet"], cwd=repo, stdin=subprocess.PIPE, env=ENV
    )
    assert proc.stdin is not None
    write = proc.stdin.write
    when = 1767268800  # 2026-01-01

    def data(text: str) -> None:
        raw = text.encode()
        write(b"data %d\n" % len(raw) + raw + b"\n")

    def path(index: int) -> str:
        return f"{PREFIX}/chapters/s{index // 50}/chapter-{index}.md"

    write(f"commit refs/heads/main\nmark :1\ncommitter Bench <b@x> {when} +0000\n".encode())
    data("The manual")
    write(f"M 100644 inline {PREFIX}/manual.yaml\n".encode())
    data(manual_yaml(chapters))
    write(f"M 100644 inline {PREFIX}/chapters/amendments.md\n".encode())
    data(APPENDIX)
    for index in range(chapters):
        write(f"M 100644 inline {path(index)}\n".encode())
        data(chapter_text(index, 0))
    write(f"tag {TAG}\nfrom :1\ntagger Bench <b@x> {when} +0000\n".encode())
    data("May 2026")
    for number in range(1, commits + 1):
        index = (number * 7) % chapters
        message = f"Change {number}"
        if number % 4 == 0:
            message += "\n\nManual-Change: editorial"
        elif number % 5 == 0:
            message += f"\n\nAmendment: Change {number} to chapter {index}."
        write(f"commit refs/heads/main\ncommitter Bench <b@x> {when + number} +0000\n".encode())
        data(message)
        write(f"M 100644 inline {path(index)}\n".encode())
        data(chapter_text(index, number))
    write(b"done\n")
    proc.stdin.close()
    if proc.wait() != 0:
        sys.exit("git fast-import failed")
    subprocess.run(["git", "reset", "-q", "--hard", "main"], cwd=repo, check=True, env=ENV)


def best(fn: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chapters", type=int, default=500)
    parser.add_argument("--commits", type=int, default=20000)
    parser.add_argument("--naive-sample", type=int, default=20, help="chapters timed naively")
    args = parser.parse_args()
    os.environ.update(ENV)

    import manualctl
    from manualctl.editions.amendments import amendments
    from manualctl.editions.stamp import stamp
    from manualctl.editions.window import scan
    from manualctl.git import require_history

    compileall.compile_dir(Path(manualctl.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory(prefix="manualctl-bench-") as tmp:
        repo = Path(tmp) / "repo"
        start = time.perf_counter()
        build(repo, args.chapters, args.commits)
        print(
            f"built {args.chapters} chapters, {args.commits} commits since {TAG} "
            f"in {time.perf_counter() - start:.1f} s"
        )
        root = repo / PREFIX
        log = ["git", "log", "--name-status", f"{TAG}..HEAD", "--", PREFIX]
        cli = [sys.executable, "-m", "manualctl", "stamp", "-m", str(root), "-e", "2026-11"]
        runs: dict[str, Callable[[], object]] = {
            "floor": lambda: subprocess.run(log, cwd=repo, stdout=subprocess.DEVNULL, check=True),
            "stamp": lambda: stamp(root, edition="2026-11", check=True),
            "amendments": lambda: amendments(root, edition="2026-11", check=True),
            "cli": lambda: subprocess.run(
                [*cli, "--check"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            ),
            # writing: validates the manual fully; the flags are written before the runs
            "write": lambda: stamp(root, edition="2026-11"),
        }
        stamp(root, edition="2026-11")
        best_of: dict[str, float] = {}
        for _ in range(3):  # interleaved, so a busy machine slows every figure alike
            for name, fn in runs.items():
                best_of[name] = min(best_of.get(name, float("inf")), best(fn, runs=1))
        floor, t_stamp, t_amend, t_cli, t_write = (best_of[k] for k in runs)

        def naive() -> None:
            for index in range(args.naive_sample):
                rel = f"{PREFIX}/chapters/s{index // 50}/chapter-{index}.md"
                subprocess.run(["git", "show", f"{TAG}:{rel}"], cwd=repo, capture_output=True)
                subprocess.run(
                    [
                        "git",
                        "log",
                        "--format=%(trailers:key=Manual-Change)",
                        f"{TAG}..HEAD",
                        "--",
                        rel,
                    ],
                    cwd=repo,
                    capture_output=True,
                )

        t_naive = best(naive, runs=1) * args.chapters / args.naive_sample
        info, _ = require_history(root)
        tracemalloc.start()
        scan(info, TAG, f"HEAD~{args.commits * 3 // 4}")
        small = tracemalloc.get_traced_memory()[1]
        tracemalloc.reset_peak()
        scan(info, TAG, "HEAD")
        large = tracemalloc.get_traced_memory()[1]
        tracemalloc.reset_peak()
        stamp(root, edition="2026-11", check=True)
        peak_stamp = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"floor: git log --name-status over the range     {floor:7.3f} s")
    rows = [
        ("stamp --check (in process)", t_stamp),
        ("amendments --check (in process)", t_amend),
        ("manualctl stamp --check (new Python process)", t_cli),
        ("stamp, writing (after the full validation)", t_write),
    ]
    for label, seconds in rows:
        print(f"{label:<47}{seconds:7.3f} s  = {seconds / floor:.2f}x the floor")
    worst = max(seconds for _, seconds in rows) / floor
    print(f"target 1.50x: {'met' if worst <= 1.5 else 'NOT met'} (worst ratio {worst:.2f}x)")
    print(
        f"naive, 2 git processes per chapter (estimated from {args.naive_sample}) "
        f"{t_naive:7.3f} s  = {t_naive / t_stamp:.1f}x slower than stamp"
    )
    print(
        f"peak Python memory, history scan: {args.commits // 4} commits {small / 1e6:.2f} MB, "
        f"{args.commits} commits {large / 1e6:.2f} MB"
    )
    print(
        f"peak Python memory, stamp --check: {peak_stamp / 1e6:.2f} MB; "
        f"process max RSS {rss:.0f} MB"
    )


if __name__ == "__main__":
    main()
