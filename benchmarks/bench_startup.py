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

from bench_history import ENV, PREFIX, TAG, build

SAMPLE = Path(__file__).resolve().parent.parent / "manuals" / "our-support-to-children-and-families"


def best_of(commands: dict[str, list[str]], runs: int, cwd: Path) -> dict[str, tuple[float, float]]:
    """Best wall-clock and best CPU seconds of each command, the commands taken in turn."""
    walls: dict[str, float] = dict.fromkeys(commands, float("inf"))
    cpus: dict[str, float] = dict.fromkeys(commands, float("inf"))
    for _ in range(runs):
        for name, cmd in commands.items():
            before = _children_cpu()
            start = time.perf_counter()
            proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
            walls[name] = min(walls[name], time.perf_counter() - start)
            cpus[name] = min(cpus[name], _children_cpu() - before)
            if proc.returncode != 0:
                raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr}")
    return {name: (walls[name], cpus[name]) for name in commands}


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
    (pass_wall, pass_cpu), log = timings["pass"], timings["log"]
    floor = (pass_wall + log[0], pass_cpu + log[1])
    print(f"best of {args.runs} runs; milliseconds of wall-clock and of CPU")
    rows = [
        ("python -c pass", timings["pass"], None),
        ("manualctl --version", timings["version"], (timings["pass"], 5.0)),
        ("manualctl validate (10 chapters)", timings["validate"], (timings["pass"], 5.0)),
        ("git log --name-status (50 chapters, 300 commits)", log, None),
        ("  + python -c pass (the floor of stamp --check)", floor, None),
        ("manualctl stamp --check", timings["stamp"], (floor, 3.0)),
    ]
    worst = []
    for label, (wall, cpu), against in rows:
        line = f"{label:<50} wall {wall * 1000:6.1f}   cpu {cpu * 1000:6.1f}"
        if against is not None:
            (base_wall, base_cpu), target = against
            ratio = (wall / base_wall, cpu / base_cpu)
            worst.append(max(ratio) / target)
            line += f"   = {ratio[0]:.2f}x / {ratio[1]:.2f}x (target {target:.1f}x)"
        print(line)
    print(f"targets: {'met' if max(worst) <= 1.0 else 'NOT met'}")


if __name__ == "__main__":
    main()
