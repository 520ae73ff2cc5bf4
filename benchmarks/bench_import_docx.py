"""Time `import docx --to` on a 300-page Word document against one bare pandoc run.

Run: .venv/bin/python benchmarks/bench_import_docx.py [PAGES]

The document is made with python-docx: sections (Heading 1) of chapters (Heading 2)
with numbered sub-headings, paragraphs, bullet lists and a table, about 500 words a
page. Floor: one `pandoc -f docx -t json` run on it (the reading the import cannot do
without). The import is timed as one `manualctl import docx` process into a new folder,
CPU time of the process and its children, best of 3 (the machine is shared, so wall
time says little). Prints both and the ratio (target: 1.5x at most).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

import docx

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
    """CPU seconds (user + system) of ``command`` and its children."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    pages = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    manualctl = str(Path(sys.executable).parent / "manualctl")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        document = work / "booklet.docx"
        make_document(document, pages)
        size = os.path.getsize(document) / 1024
        floor = min(
            cpu_of(
                [pandoc_binary(), "-f", "docx", "-t", "json", "-o", os.devnull, str(document)], work
            )
            for _ in range(3)
        )
        runs = []
        for n in range(3):
            runs.append(cpu_of([manualctl, "import", "docx", str(document), "--to", f"m{n}"], work))
        chapters = len(list((work / "m0" / "chapters").rglob("*.md")))
        took = min(runs)
        print(f"{pages} pages ({size:.0f} KB, {chapters} chapters)")
        print(f"pandoc -f docx -t json: {floor:.2f} s CPU")
        print(f"manualctl import docx:  {took:.2f} s CPU, ratio {took / floor:.2f}x (target 1.5x)")


if __name__ == "__main__":
    main()
