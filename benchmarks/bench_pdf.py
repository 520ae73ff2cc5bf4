"""Time `manualctl publish --format pdf` on a 300-chapter manual against its floor.

The floor is one bare pandoc run (the same bundled binary, pandoc's own Typst template,
no filter) converting the same chapter Markdown, joined into one file, to Typst, then
one Typst compile of it (the same `typst` package, in-process): what any PDF of that
text costs. publish adds validation, the document model, the pinned Lua filters, our
template (cover, contents with page numbers, boxes, header and footer, a new page per
chapter) and PDF/UA-1 tagging. Target: within 1.5x.

    .venv/bin/python benchmarks/bench_pdf.py [--chapters 300] [--repeat 3]

The synthetic manual is the one benchmarks/bench_publish.py builds (realistic chapters:
boxes, headings, lists, a table, footnotes, links); the floor's Markdown is each
chapter's title and body, joined. Prints the best wall-clock and CPU
(user + system, pandoc included) time of each, the ratios, the median CPU times and
their ratio, and the peak memory (max
resident set size: Python with Typst in it, and pandoc, separately). On a busy machine
trust the CPU ratio: wall-clock time then mostly measures the other load.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_publish
from bench_publish import build_manual, compile_manualctl

_MEASURE = """
import resource, subprocess, sys, time
cmd = sys.argv[1:]
start = time.perf_counter()
if cmd[0] == "publish":
    from manualctl.cli import main
    try:
        main(cmd)
    except SystemExit as exc:
        assert exc.code == 0, exc.code
else:
    import typst
    pandoc, joined, out = cmd
    subprocess.run([pandoc, joined, "-t", "typst", "-s", "-o", "floor.typ"], check=True)
    typst.compile("floor.typ", output=out, root=".", ignore_system_fonts=True)
elapsed = time.perf_counter() - start
me = resource.getrusage(resource.RUSAGE_SELF)
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
print(elapsed, cpu, me.ru_maxrss, kids.ru_maxrss)
"""


def joined_markdown(root: Path) -> str:
    """The chapters' titles and bodies joined into one Markdown text, in file order.

    Footnote labels get a prefix per chapter (as the document model does), so the floor
    PDF has every footnote too: with repeated labels pandoc keeps only the first.
    """
    from manualctl.model.chapter import read
    from manualctl.publish.markdown import scope_labels

    parts = []
    for index, path in enumerate(sorted((root / "chapters").rglob("*.md"))):
        chapter = read(path, root)
        parts.append(f"# {chapter.title}\n\n{scope_labels(chapter.body, f'c{index}-')}")
    return "\n\n".join(parts)


def measure(cmd: list[str], cwd: Path) -> tuple[float, float, int, int]:
    return bench_publish.measure(cmd, cwd, _MEASURE)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chapters", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-compile", action="store_true", help="Do not byte-compile first.")
    args = parser.parse_args()
    if not args.no_compile:
        compile_manualctl()  # as after a normal pip install
    from manualctl.publish.pandoc import pandoc_binary

    pandoc = pandoc_binary()  # the very pandoc publish runs
    with tempfile.TemporaryDirectory(prefix="manualctl-bench-pdf-") as tmp:
        work = Path(tmp)
        root = work / "manual"
        root.mkdir()
        build_manual(root, args.chapters)
        (work / "joined.md").write_text(joined_markdown(root), encoding="utf-8")
        floor_cmd = [pandoc, "joined.md", "floor.pdf"]
        # --force: every run builds (publish keeps an edition whose inputs are unchanged)
        out = str(work / "out")
        publish_cmd = ["publish", str(root), "--format", "pdf", "--out", out, "--force"]
        floors, runs = [], []
        for _ in range(args.repeat):  # in turn, so load slows both alike
            floors.append(measure(floor_cmd, work))
            runs.append(measure(publish_cmd, work))
        sizes = {
            "floor_pdf_kib": (work / "floor.pdf").stat().st_size // 1024,
            "publish_pdf_kib": sum(p.stat().st_size for p in (work / "out").iterdir()) // 1024,
        }
    floor, floor_cpu = min(f[0] for f in floors), min(f[1] for f in floors)
    best, best_cpu = min(r[0] for r in runs), min(r[1] for r in runs)
    result = {
        "chapters": args.chapters,
        "floor_pandoc_typst_seconds": {"wall": round(floor, 2), "cpu": round(floor_cpu, 2)},
        "publish_pdf_seconds": {"wall": round(best, 2), "cpu": round(best_cpu, 2)},
        "ratio": {"wall": round(best / floor, 2), "cpu": round(best_cpu / floor_cpu, 2)},
        "median": bench_publish.medians(floors, runs),
        "target_ratio": 1.5,
        "peak_rss_mib": {
            "floor_python_typst": round(max(f[2] for f in floors) / 1024, 1),
            "floor_pandoc": round(max(f[3] for f in floors) / 1024, 1),
            "publish_python_typst": round(max(r[2] for r in runs) / 1024, 1),
            "publish_pandoc": round(max(r[3] for r in runs) / 1024, 1),
        },
        **sizes,
    }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
