"""Run the README's "Making an edition" walkthrough word for word, in a throw-away clone.

The sample manual (manuals/sample) is committed to a new repository, pushed to a bare
"origin" and cloned fresh; then every shell block of the README's section runs as
written, in order, with what the section's prose says authors do between the two
editions done in between (a substantive change with an ``Amendment:`` line, an editorial
one, a new chapter whose summary the release lead writes). Commits and tags get fixed
dates, so the editions are the same bytes each time. Afterwards the README's CI steps
(the ``run:`` lines of its "In CI" example, but for the installation) run in the clone.

    python scripts/walkthrough.py WORK [--publish OUT]

WORK is made (it must not exist); with ``--publish`` the CI steps' publish writes the
sample's November 2026 edition into OUT. ``tests/test_readme_editions.py`` runs this and
checks the result; ``scripts/demo.sh`` runs it to publish a released edition.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"^```(bash|yaml)\n(.*?)^```\n", re.S | re.M)
#: the README blocks of "Making an edition", in order, and the exit code each must end with
EXPECTED_EXITS = (0, 0, 0, 1, 0, 0)
IDENTITY = {
    "GIT_AUTHOR_NAME": "Release Lead",
    "GIT_AUTHOR_EMAIL": "release.lead@example.org",
    "GIT_COMMITTER_NAME": "Release Lead",
    "GIT_COMMITTER_EMAIL": "release.lead@example.org",
}


@dataclass
class Step:
    what: str  # the block's text, or what the author did
    returncode: int
    output: str


@dataclass
class Walkthrough:
    clone: Path  # the fresh clone the steps ran in
    origin: Path  # the bare repository it pushed to
    steps: list[Step] = field(default_factory=list)
    ok: bool = False  # every step ended as the README says


def section(readme: str, title: str) -> str:
    start = readme.index(f"\n## {title}\n")
    end = readme.find("\n## ", start + 1)
    return readme[start : end if end != -1 else None]


def blocks(readme: str, title: str, kind: str = "bash") -> list[str]:
    return [text for lang, text in BLOCK.findall(section(readme, title)) if lang == kind]


def ci_steps(readme: str) -> list[str]:
    """The CI example's ``run:`` commands, but for installing manualctl (the section's
    first YAML block; the later ones are other files, such as pre-commit's)."""
    workflow = blocks(readme, "In CI", "yaml")[0]
    runs = [line.split("run:", 1)[1].strip() for line in workflow.splitlines() if "run:" in line]
    return [run for run in runs if not run.startswith("pip install")]


def _env(day: str) -> dict[str, str]:
    stamp = f"{day}T10:00:00Z"
    env = {**os.environ, **IDENTITY, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["SOURCE_DATE_EPOCH"] = "1793527200"  # 2026-11-01: published files are reproducible
    env.pop("GIT_DIR", None)
    return env


def _git(cwd: Path, *args: str, day: str = "2026-04-01") -> None:
    subprocess.run(["git", *args], cwd=cwd, env=_env(day), check=True, capture_output=True)


def shell(cwd: Path, script: str, day: str) -> tuple[int, str, Path]:
    """Run ``script`` with bash -e in ``cwd``; return its exit code, output and final cwd."""
    marker = "__WALKTHROUGH_PWD__"
    done = subprocess.run(
        ["bash", "-e", "-c", f"{script}\necho {marker}$PWD"],
        cwd=cwd,
        env=_env(day),
        capture_output=True,
        text=True,
        check=False,
    )
    out = done.stdout + done.stderr
    where = cwd
    for line in done.stdout.splitlines():
        if line.startswith(marker):
            where = Path(line[len(marker) :])
    return done.returncode, out.replace(f"{marker}{where}\n", ""), where


def _author(walk: Walkthrough, what: str, day: str, rel: str, old: str, new: str) -> None:
    """An author changes ``old`` to ``new`` in a chapter and commits with message ``what``."""
    sample = walk.clone / "manuals" / "sample"
    path = sample / rel
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise SystemExit(f"manuals/sample/{rel} no longer says {old!r}: update the walkthrough.")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    _git(sample, "commit", "-q", "-am", what, day=day)
    walk.steps.append(Step(f"(an author) git commit: {what.splitlines()[0]}", 0, ""))


def between_editions(walk: Walkthrough) -> None:
    """What the README's prose says happens between the two editions."""
    sample = walk.clone / "manuals" / "sample"
    _author(
        walk,
        "Early help: the Hub replies within three working days\n\n"
        "Amendment: This chapter was updated: the Early Help Hub now replies within three "
        "working days.",
        "2026-06-15",
        "chapters/family-support/early-help.md",
        "within five\nworking days",
        "within three\nworking days",
    )
    _author(
        walk,
        "Short breaks: a word corrected\n\nManual-Change: editorial",
        "2026-07-01",
        "chapters/family-support/short-breaks.md",
        "a night or more.",
        "a night or longer.",
    )
    new = subprocess.run(
        ["manualctl", "new-chapter", "Young Carers", "--in", "2", "--owner", "Head of Early Help"],
        cwd=sample,
        env=_env("2026-08-03"),
        capture_output=True,
        text=True,
        check=False,
    )
    walk.steps.append(Step("(an author) manualctl new-chapter", new.returncode, new.stderr))
    if new.returncode != 0:
        raise SystemExit(new.stdout + new.stderr)
    chapter = sample / "chapters/family-support/young-carers.md"
    front = chapter.read_text(encoding="utf-8").split("\n---\n", 1)[0]
    chapter.write_text(
        front + "\n---\n\n## 1. Who young carers are\n\nA young carer is a child who looks "
        "after a member of their family who is ill or disabled.\n\n## 2. What we do\n\n"
        "Offer every young carer an assessment of their own needs.\n",
        encoding="utf-8",
    )
    _git(sample, "add", "-A", day="2026-08-03")
    _git(sample, "commit", "-q", "-m", "A chapter on young carers", day="2026-08-03")
    walk.steps.append(Step("(an author) git commit: A chapter on young carers", 0, ""))


def write_missing_summary(walk: Walkthrough) -> None:
    """The release lead writes the summary the check asked for (in the front matter)."""
    chapter = walk.clone / "manuals/sample/chapters/family-support/young-carers.md"
    text = chapter.read_text(encoding="utf-8")
    text = re.sub(
        r"^amendments:.*?(?=^\S)",
        'amendments:\n  "2026-11": This chapter was added.\n',
        text,
        count=1,
        flags=re.S | re.M,
    )
    chapter.write_text(text, encoding="utf-8")
    walk.steps.append(Step("(the release lead) wrote the summary of Young Carers", 0, ""))


def run(work: Path, readme_text: str | None = None, publish: Path | None = None) -> Walkthrough:
    readme = readme_text if readme_text is not None else (ROOT / "README.md").read_text("utf-8")
    work.mkdir(parents=True)
    source = work / "source"
    shutil.copytree(ROOT / "manuals" / "sample", source / "manuals" / "sample")
    _git(source, "init", "-q", "-b", "main")
    _git(source, "add", "-A")
    _git(source, "commit", "-q", "-m", "The sample manual")
    origin = work / "origin.git"
    _git(work, "clone", "-q", "--bare", str(source), str(origin))
    clone = work / "clone"
    _git(work, "clone", "-q", str(origin), str(clone))
    walk = Walkthrough(clone, origin)
    days = ("2026-04-20", "2026-04-27", "2026-05-01", "2026-10-20", "2026-10-21", "2026-11-02")
    cwd = clone
    steps = blocks(readme, "Making an edition")
    if len(steps) != len(EXPECTED_EXITS):
        raise SystemExit(
            f"The README's 'Making an edition' has {len(steps)} shell blocks; this script "
            f"knows {len(EXPECTED_EXITS)}: update scripts/walkthrough.py with the README."
        )
    for number, (script, day) in enumerate(zip(steps, days, strict=True)):
        if number == 3:
            between_editions(walk)
        code, out, cwd = shell(cwd, script, day)
        walk.steps.append(Step(script, code, out))
        if code != EXPECTED_EXITS[number]:
            return walk
        if number == 4:
            write_missing_summary(walk)
    for command in ci_steps(readme):
        if publish is not None:
            command = command.replace("--out editions", f"--out {publish}")
        code, out, _ = shell(clone, command, "2026-11-02")
        walk.steps.append(Step(command, code, out))
        if code != 0:
            return walk
    walk.ok = True
    return walk


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("work", type=Path, help="a folder to make (must not exist)")
    parser.add_argument("--publish", type=Path, help="where CI's publish step writes")
    args = parser.parse_args()
    walk = run(args.work.resolve(), publish=args.publish.resolve() if args.publish else None)
    if not walk.ok:
        bad = walk.steps[-1]
        sys.stderr.write(f"The walkthrough stopped at (exit code {bad.returncode}):\n")
        sys.stderr.write(f"{bad.what}\n{bad.output}")
        raise SystemExit(1)
    print(
        f"The README's edition walkthrough ran in {walk.clone}: the sample's May 2026 and "
        "November 2026 editions were released."
    )


if __name__ == "__main__":
    main()
