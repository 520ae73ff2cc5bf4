"""Bounded time and memory: validate of inputs built to exhaust it.

Each run is a separate process, measured with the operating system's own accounting
(``getrusage`` of a child that runs only that command): CPU seconds and peak memory.
The limits are those of issue 13: under 10 s and 500 MB each. CPU time, not wall time,
is compared, so a busy machine does not fail the test; wall time is bounded by a
timeout of its own. benchmarks/bench_hostile.py does the same for a 200,000-entry
manual.yaml (too slow for the suite on a shared machine) and prints the figures.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES

MEASURE = """
import json, resource, subprocess, sys
proc = subprocess.run(sys.argv[1:], capture_output=True, text=True)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"code": proc.returncode, "out": proc.stdout, "err": proc.stderr,
                  "cpu": usage.ru_utime + usage.ru_stime, "kb": usage.ru_maxrss}))
"""


def measure(*args: str, cwd: Path, timeout: float = 120) -> dict[str, object]:
    """Run ``manualctl ARGS`` in its own process; exit code, output, CPU s, peak KB."""
    manualctl = Path(sys.executable).with_name("manualctl")
    cmd = [sys.executable, "-c", MEASURE, str(manualctl), *args]
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    result: dict[str, object] = json.loads(done.stdout)
    return result


def _tiny(tmp_path: Path) -> Path:
    return shutil.copytree(FIXTURES / "tiny", tmp_path / "tiny")


BOMB = "".join(
    f"  {name}: &{name} [{', '.join([f'*{prev}'] * 9) if prev else ', '.join(['lol'] * 9)}]\n"
    for prev, name in zip(["", *"abcdefgh"], "abcdefghi", strict=True)
)


def _bomb(root: Path) -> None:
    path = root / "manual.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "bomb:\n" + BOMB, encoding="utf-8")


def _deep_list(root: Path) -> None:
    path = root / "chapters/all-children/our-vision.md"
    path.write_text(path.read_text() + "\n" + "- " * 5000 + "deep\n\n" + "> " * 5000 + "q\n")


def _deep_boxes(root: Path) -> None:
    path = root / "chapters/all-children/our-vision.md"
    path.write_text(path.read_text() + "\n" + "::: box\n" * 5000 + "x\n" + ":::\n" * 5000)


def _huge_chapter(root: Path) -> None:
    path = root / "chapters/all-children/our-vision.md"
    line = b"All work with children is done in a way that keeps them safe. " * 16 + b"\n\n"
    with path.open("ab") as handle:
        for _ in range(50_000_000 // len(line) + 1):
            handle.write(line)


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (_bomb, "error yaml-alias"),
        (_deep_list, "error limit-nesting"),
        (_deep_boxes, "error limit-nesting"),
        (_huge_chapter, "error limit-size"),
    ],
    ids=["alias-bomb", "5000-deep-list-and-quote", "5000-deep-boxes", "50-MB-chapter"],
)
def test_validate_stays_bounded(make, code: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = _tiny(tmp_path)
    make(root)
    result = measure("validate", cwd=root)
    output = str(result["out"]) + str(result["err"])
    assert result["code"] == 1, output
    assert code in output
    assert "Traceback" not in output
    assert float(str(result["cpu"])) < 10, result
    assert int(str(result["kb"])) < 500_000, result


def test_a_20000_entry_manual_lists_100_missing_files_and_counts_the_rest(tmp_path: Path) -> None:
    root = tmp_path / "big"
    root.mkdir()
    lines = ["id: big", "title: Big", "contents:", "  - section: All", "    entries:"]
    lines += [f"      - file: chapters/c{i}.md" for i in range(20_000)]
    (root / "manual.yaml").write_text("\n".join(lines) + "\n")
    result = measure("validate", "--format", "json", cwd=root)
    assert result["code"] == 1, result["err"]
    findings = json.loads(str(result["out"]))
    # the first 100 are listed, at their lines; one more finding counts the rest
    assert [f["line"] for f in findings] == [*range(6, 106), 106]
    assert {f["code"] for f in findings} == {"missing-file"}
    assert findings[99]["message"] == 'the chapter file "chapters/c99.md" does not exist.'
    assert findings[-1]["message"] == (
        "... and 19,900 more missing-file errors in this file from this line on, not listed "
        "(validate lists the first 100 of a rule in each file)."
    )
    assert float(str(result["cpu"])) < 10, result
    assert int(str(result["kb"])) < 500_000, result
