"""Time and memory of ``manualctl validate`` on inputs built to exhaust it (issue 13).

Each input runs in a process of its own, measured with the operating system's accounting
(``getrusage`` of a child that runs only that command): wall seconds, CPU seconds and
peak memory. The target for each is under 10 s of CPU and under 500 MB; wall time is
shown beside the machine's load average (on 2 cores shared by many, wall time measures
the others' work as much as this one's).

* ``entries``: a manual.yaml of 200,000 contents entries whose files are missing
  (validate must say so for each, quickly);
* ``alias-bomb``: nine levels of YAML aliases, nine each (a billion strings if expanded);
* ``deep``: a chapter nested 5,000 deep (a list, a quote and boxes);
* ``huge``: a 50 MB chapter.

Run:  .venv/bin/python benchmarks/bench_hostile.py [--entries 200000]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

FIXTURE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "tiny"
CHAPTER = "chapters/all-children/our-vision.md"
MEASURE = """
import json, resource, subprocess, sys, time
start = time.monotonic()
proc = subprocess.run(sys.argv[1:], capture_output=True)
wall = time.monotonic() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"code": proc.returncode, "wall": wall,
                  "cpu": usage.ru_utime + usage.ru_stime, "mb": usage.ru_maxrss / 1024,
                  "lines": proc.stdout.count(b"\\n") + proc.stderr.count(b"\\n")}))
"""


def entries(root: Path, count: int) -> None:
    root.mkdir()
    lines = ["id: big", "title: Big", "contents:", "  - section: All", "    entries:"]
    lines += [f"      - file: chapters/c{i}.md" for i in range(count)]
    (root / "manual.yaml").write_text("\n".join(lines) + "\n")


def alias_bomb(root: Path, _: int) -> None:
    shutil.copytree(FIXTURE, root)
    levels = ["  a: &a [" + ", ".join(["lol"] * 9) + "]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        levels.append(f"  {name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    with (root / "manual.yaml").open("a") as handle:
        handle.write("bomb:\n" + "\n".join(levels) + "\n")


def deep(root: Path, _: int) -> None:
    shutil.copytree(FIXTURE, root)
    body = "- " * 5000 + "list\n\n" + "> " * 5000 + "quote\n\n"
    body += "::: box\n" * 5000 + "boxed\n" + ":::\n" * 5000
    with (root / CHAPTER).open("a") as handle:
        handle.write("\n" + body)


def huge(root: Path, _: int) -> None:
    shutil.copytree(FIXTURE, root)
    line = b"All work with children is done in a way that keeps them safe. " * 16 + b"\n\n"
    with (root / CHAPTER).open("ab") as handle:
        for _ in range(50_000_000 // len(line) + 1):
            handle.write(line)


CASES: dict[str, Callable[[Path, int], None]] = {
    "entries": entries,
    "alias-bomb": alias_bomb,
    "deep": deep,
    "huge": huge,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=200_000)
    args = parser.parse_args()
    manualctl = Path(sys.executable).with_name("manualctl")
    with tempfile.TemporaryDirectory(prefix="bench-hostile-") as tmp:
        for name, make in CASES.items():
            root = Path(tmp) / name
            make(root, args.entries)
            cmd = [sys.executable, "-c", MEASURE, str(manualctl), "validate", "--format", "json"]
            done = subprocess.run(cmd, cwd=root, capture_output=True, text=True, check=True)
            got = json.loads(done.stdout)
            ok = got["cpu"] < 10 and got["mb"] < 500 and got["code"] in (0, 1)
            print(
                f"{name:11} exit {got['code']}  wall {got['wall']:6.2f} s  cpu {got['cpu']:6.2f} s"
                f"  peak {got['mb']:6.0f} MB  load {os.getloadavg()[0]:5.1f}"
                f"  {'ok' if ok else 'OVER THE LIMIT'}"
            )


if __name__ == "__main__":
    main()
