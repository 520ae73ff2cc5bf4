"""Start-up: quick commands against ``python -c pass`` (and stamp against its git log).

Authors run ``validate`` on every save and in a pre-commit hook, so start-up is most of
what they wait for. Timed, best of ``--runs`` runs taken in turn (a busy machine slows
every figure alike), wall-clock and CPU seconds of the new process:

* ``manualctl --version`` and ``manualctl validate`` of the 10-chapter sample manual,
  against ``python -c pass``. Target: within 5.0x (50 ms where ``python -c pass``
  takes 10 ms).
* ``manualctl stamp --check`` on a 50-chapter manual with 300 commits since its last
  edition, against one ``git log --name-status`` over the same range plus
  ``python -c pass``. Target: within 3.0x.

Both run from byte-compiled modules, as after ``pip install`` (see bench_validate.py).

The targets are on wall-clock time, as issue 19 states them (its figures are the time an
author waits), like bench_validate's. CPU time is printed beside each with its ratio, and
is not the target: it counts the CPU of every process the command starts and of every
thread, added up, so for ``stamp --check`` it includes git's own processes (``git
status`` and ``git cat-file`` beside the ``git log`` the floor has too) and the thread
that reads the history on the other core while the chapters are read: work that
overlaps the main thread, which the wall-clock time does not wait for and the CPU time
adds in. The median of the runs is printed beside each best (for the floor: the sum of
the medians): on a shared machine the best run of a command and the best of its floor
may not have met the same load.

Run:  .venv/bin/python benchmarks/bench_startup.py [--runs 20]
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
from pathlib import Path
from statistics import median
from typing import NamedTuple

from bench_history import ENV, PREFIX, TAG, build

SAMPLE = Path(__file__).resolve().parent.parent / "manuals" / "our-support-to-children-and-families"


class Timing(NamedTuple):
    """Seconds of a command's runs: wall-clock and CPU (its process and its children)."""

    wall: float  # best
    cpu: float  # best
    wall_median: float
    cpu_median: float


def best_of(commands: dict[str, list[str]], runs: int, cwd: Path) -> dict[str, Timing]:
    """The timings of ``runs`` runs of each command, the commands taken in turn."""
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            before = _children_cpu()
            start = time.perf_counter()
            proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
            walls[name].append(time.perf_counter() - start)
            cpus[name].append(_children_cpu() - before)
            if proc.returncode != 0:
                raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr}")
    return {
        name: Timing(min(walls[name]), min(cpus[name]), median(walls[name]), median(cpus[name]))
        for name in commands
    }


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    os.environ.update(ENV)

    import manualctl

    compileall.compile_dir(Path(manualctl.__file__).parent, quiet=1)
    manualctl_cmd = str(Path(sys.executable).with_name("manualctl"))
    with tempfile.TemporaryDirectory(prefix="manualctl-bench-") as tmp:
        repo = Path(tmp) / "repo"
        build(repo, 50, 300)
        root = repo / PREFIX
        stamp = [manualctl_cmd, "stamp", "-m", str(root), "-e", "2026-11"]
        subprocess.run(stamp, capture_output=True, check=True)
        subprocess.run(["git", "commit", "-qam", "Stamp"], cwd=repo, check=True)
        timings = best_of(
            {
                "pass": [sys.executable, "-c", "pass"],
                "version": [manualctl_cmd, "--version"],
                "validate": [manualctl_cmd, "validate", str(SAMPLE)],
                "log": ["git", "log", "--name-status", f"{TAG}..HEAD", "--", PREFIX],
                "stamp": [*stamp, "--check"],
            },
            args.runs,
            repo,
        )
    pass_, log = timings["pass"], timings["log"]
    floor = Timing(*(a + b for a, b in zip(pass_, log, strict=True)))
    print(f"{args.runs} runs; milliseconds of wall-clock and of CPU, best (median)")
    rows = [
        ("python -c pass", pass_, None),
        ("manualctl --version", timings["version"], (pass_, 5.0)),
        ("manualctl validate (10 chapters)", timings["validate"], (pass_, 5.0)),
        ("git log --name-status (50 chapters, 300 commits)", log, None),
        ("  + python -c pass (the floor of stamp --check)", floor, None),
        ("manualctl stamp --check", timings["stamp"], (floor, 3.0)),
    ]
    worst = []
    for label, t, against in rows:
        line = (
            f"{label:<50} wall {t.wall * 1000:5.1f} ({t.wall_median * 1000:5.1f})"
            f"   cpu {t.cpu * 1000:5.1f} ({t.cpu_median * 1000:5.1f})"
        )
        if against is not None:
            base, target = against
            worst.append(t.wall / base.wall / target)
            line += (
                f"   wall {t.wall / base.wall:.2f}x ({t.wall_median / base.wall_median:.2f}x)"
                f" target {target:.1f}x; cpu {t.cpu / base.cpu:.2f}x"
                f" ({t.cpu_median / base.cpu_median:.2f}x)"
            )
        print(line)
    verdict = "met" if max(worst) <= 1.0 else "NOT met"
    print(f"targets (wall-clock time): {verdict}; CPU beside, not judged (see the docstring)")


if __name__ == "__main__":
    main()
