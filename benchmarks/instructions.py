"""Instructions a command executes, counted by callgrind in every process it starts.

Wall-clock time on a shared virtual machine moves by a fifth between runs minutes apart;
the instructions a program executes do not. ``count(command)`` runs ``command`` once
under ``valgrind --tool=callgrind --trace-children=yes`` (Python, pandoc, git: every
process) and sums what each executed. It counts neither the kernel's work (page
faults, process start) nor cache misses, so it complements the wall-clock figures; it
does not replace them. A run takes about fifty times as long as without valgrind.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

_RUN = "import sys; from manualctl.cli import main; main(sys.argv[1:])"


def available() -> str | None:
    """None when valgrind can count; otherwise what to do."""
    if shutil.which("valgrind") is None:
        return "valgrind is not installed (Debian: apt-get install valgrind)"
    return None


def count(manualctl_args: Sequence[str], cwd: Path) -> int:
    """Instructions of ``manualctl ARGS`` (a fresh Python, from ``cwd``), all processes."""
    with tempfile.TemporaryDirectory(prefix="manualctl-callgrind-") as folder:
        out = Path(folder)
        done = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                "--trace-children=yes",
                f"--callgrind-out-file={out}/%p.out",
                sys.executable,
                "-c",
                _RUN,
                *manualctl_args,
            ],
            cwd=cwd,
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise SystemExit(f"manualctl {' '.join(manualctl_args)} failed:\n{done.stderr}")
        return sum(_total(path) for path in out.glob("*.out"))


def _total(path: Path) -> int:
    """The instructions one process executed (callgrind's ``summary:`` or ``totals:``)."""
    with path.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            if line.startswith(("summary:", "totals:")):
                return int(line.split()[1])
    return 0
