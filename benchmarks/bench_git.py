"""Benchmark: GitPython against manualctl's own runner (manualctl.git) for what manualctl
asks of git, to decide which one manualctl uses.

    .venv/bin/python benchmarks/bench_git.py [--rounds 30] [--files 300] [--runs 5]

GitPython is not a dependency of manualctl; install it to run this
(``pip install GitPython``, or ``pip install -e .[dev]``). Three measures, best of
``--runs``, each side in turn:

* import: a new Python process importing ``git`` (GitPython) or ``manualctl.git``, less
  a process that imports nothing (the cost every command touching git would pay);
* writes: ``--rounds`` times what ``release`` does: status of the manual's folder
  (uncommitted changes?), stage and commit one file, make an annotated tag;
* reads: ``--files`` files at a tag through one persistent ``git cat-file --batch``
  (GitPython's ``Git.get_object_data`` against ``manualctl.gitbatch.CatFile.read_many``).

Each prints GitPython's time over the runner's (above 1 means the runner is faster).
Measured on the development machine (2 cores shared with other jobs, so figures moved
between runs; git 2.39, GitPython 3.2.1, two runs with --runs 5 and 7): import 1.5x and
2.5x (GitPython 181 and 256 ms against 120 and 101 ms, process start included), writes
1.15x and 1.64x, reads 1.43x and 0.81x (both are one ``git cat-file --batch`` process;
the difference is noise). GitPython starts the same git processes for status, commit and
tag (its pure-Python ``index.commit`` would skip commit hooks, which a release must run),
so it saves no work and adds its import: manualctl keeps its runner.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ENV = {
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@example.org",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def best(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def import_cost(module: str, runs: int) -> float:
    def once(code: str) -> float:
        return best(runs, lambda: subprocess.run([sys.executable, "-c", code], check=True))

    return once(f"import {module}") - once("pass")


def make_repo(folder: Path, files: int) -> Path:
    repo = folder / "repo"
    (repo / "chapters").mkdir(parents=True)
    for index in range(files):
        (repo / "chapters" / f"c{index}.md").write_text(f"Chapter {index}\n" * 40)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run(["git", "commit", "-q", "-m", "start"], cwd=repo, check=True)
    subprocess.run(["git", "tag", "-a", "-m", "start", "start"], cwd=repo, check=True)
    return repo


def writes_gitpython(repo: Path, rounds: int, label: str) -> None:
    import git as gitpython

    handle = gitpython.Repo(repo)
    for index in range(rounds):
        (repo / "appendix.md").write_text(f"{label} {index}\n")
        handle.is_dirty(index=True, working_tree=True, untracked_files=True, path="chapters")
        handle.git.add("--", "appendix.md")
        handle.git.commit("-q", "-m", f"{label} {index}", "--", "appendix.md")
        handle.create_tag(f"{label}-{index}", message=f"{label} {index}")
    handle.close()


def writes_runner(repo: Path, rounds: int, label: str) -> None:
    from manualctl import git

    for index in range(rounds):
        (repo / "appendix.md").write_text(f"{label} {index}\n")
        git.changed_paths(repo, "chapters")
        git.commit_paths(repo, ["appendix.md"], f"{label} {index}")
        git.create_tag(repo, f"{label}-{index}", f"{label} {index}")


def reads_gitpython(repo: Path, specs: list[str]) -> None:
    import git as gitpython

    handle = gitpython.Repo(repo)
    for spec in specs:
        handle.git.get_object_data(spec)
    handle.close()


def reads_runner(repo: Path, specs: list[str]) -> None:
    from manualctl.gitbatch import CatFile

    with CatFile(repo) as batch:
        batch.read_many(specs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    try:
        import git  # noqa: F401
    except ImportError:
        sys.exit("GitPython is not installed: pip install GitPython, then run this again.")
    os.environ.update(ENV)
    ours = import_cost("manualctl.git", args.runs)
    theirs = import_cost("git", args.runs)
    print(
        f"import   GitPython {theirs * 1000:6.1f} ms  runner {ours * 1000:6.1f} ms  "
        f"ratio {theirs / ours:.2f}"
    )
    with tempfile.TemporaryDirectory(prefix="bench-git-") as tmp:
        repo = make_repo(Path(tmp), args.files)
        counter = iter(range(1_000_000))
        run_theirs = best(
            args.runs, lambda: writes_gitpython(repo, args.rounds, f"gp{next(counter)}")
        )
        run_ours = best(args.runs, lambda: writes_runner(repo, args.rounds, f"rn{next(counter)}"))
        print(
            f"writes   GitPython {run_theirs:6.3f} s   runner {run_ours:6.3f} s   "
            f"ratio {run_theirs / run_ours:.2f}  ({args.rounds} x status, commit, tag)"
        )
        specs = [f"start:chapters/c{index}.md" for index in range(args.files)]
        read_theirs = best(args.runs, lambda: reads_gitpython(repo, specs))
        read_ours = best(args.runs, lambda: reads_runner(repo, specs))
        print(
            f"reads    GitPython {read_theirs:6.3f} s   runner {read_ours:6.3f} s   "
            f"ratio {read_theirs / read_ours:.2f}  ({args.files} files at a tag)"
        )


if __name__ == "__main__":
    main()
