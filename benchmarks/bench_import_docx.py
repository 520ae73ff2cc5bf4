"""Time `import docx --to` on a 300-page Word document against one bare pandoc run.

Run: .venv/bin/python benchmarks/bench_import_docx.py [PAGES] [--runs N] [--no-compile]

The document is made with python-docx: sections (Heading 1) of chapters (Heading 2)
with numbered sub-headings, paragraphs, bullet lists and a table, about 500 words a
page. Floor: one `pandoc -f docx -t json` run on it (the reading the import cannot do
without). The import is timed as one `manualctl import docx` process into a new folder,
CPU time of the process and its children (the machine is shared, so wall time says
little). The two are timed in turn (floor, import, floor, ...) so load slows both
alike; prints the best and the median of each and their ratios (target: 1.5x at most).
manualctl runs from byte-compiled modules, as after a normal ``pip install``
(``--no-compile`` times it the way an editable install with PYTHONDONTWRITEBYTECODE
runs: every module compiled afresh).
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import docx

import manualctl
from manualctl.publish.pandoc import pandoc_binary

WORDS = (
    "The social worker must make sure that the child is seen alone and that their wishes "
    "and feelings are recorded in the case record within one working day of the visit. "
)


def make_document(path: Path, pages: int) -> None:
    document = docx.Document()
    chapters = max(1, pages // 3)  # a chapter is about three pages
    for c in range(chapters):
        if c % 10 == 0:
            document.add_heading(f"{c // 10 + 1}. Section {c // 10 + 1}", 1)
        document.add_heading(f"{c // 10 + 1}.{c % 10 + 1} Chapter {c + 1}", 2)
        for part in range(1, 6):
            document.add_heading(f"{part}. Part {part}", 3)
            for _ in range(4):
                document.add_paragraph(WORDS * 3)
            for item in range(3):
                document.add_paragraph(f"point {item + 1}: " + WORDS, style="List Bullet")
        table = document.add_table(rows=4, cols=2)
        for r in range(4):
            table.cell(r, 0).text = f"Circumstance {r}"
            table.cell(r, 1).text = f"Team {r}"
    document.save(str(path))


def cpu_of(command: list[str], cwd: Path) -> float:
    """CPU seconds (user + system) of ``command`` and its children (pandoc's runtime
    given manualctl's options, :func:`manualctl.pandoc_env.pandoc_env`, floor and
    import alike)."""
    from manualctl.pandoc_env import pandoc_env

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, cwd=cwd, check=True, capture_output=True, env=pandoc_env())
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="?", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-compile", action="store_true")
    args = parser.parse_args()
    if not args.no_compile:
        compileall.compile_dir(Path(manualctl.__file__).parent, quiet=1)
    manualctl_program = str(Path(sys.executable).parent / "manualctl")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        document = work / "booklet.docx"
        make_document(document, args.pages)
        size = os.path.getsize(document) / 1024
        floors, runs = [], []
        for n in range(args.runs):
            floors.append(
                cpu_of(
                    [pandoc_binary(), "-f", "docx", "-t", "json", "-o", os.devnull, str(document)],
                    work,
                )
            )
            runs.append(
                cpu_of([manualctl_program, "import", "docx", str(document), "--to", f"m{n}"], work)
            )
        chapters = len(list((work / "m0" / "chapters").rglob("*.md")))
        floor, took = min(floors), min(runs)
        floor_median, took_median = statistics.median(floors), statistics.median(runs)
        print(f"{args.pages} pages ({size:.0f} KB, {chapters} chapters), {args.runs} runs each")
        print(f"pandoc -f docx -t json: {floor:.2f} s CPU best, {floor_median:.2f} s median")
        print(
            f"manualctl import docx:  {took:.2f} s CPU best, {took_median:.2f} s median; "
            f"ratio {took / floor:.2f}x best, {took_median / floor_median:.2f}x median "
            "(target 1.5x)"
        )


if __name__ == "__main__":
    main()
