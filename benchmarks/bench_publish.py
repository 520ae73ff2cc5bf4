"""Time `manualctl publish --format docx` (or html) on a 300-chapter manual against its floor.

The floor is one bare pandoc run (the same bundled binary) converting the same chapter
Markdown, joined into one file, to docx (or html). For docx publish adds validation, the
document model, our Lua filters, python-docx finishing and the reproducible zip; for html
the same model and filters, the site template, cutting the output into one page per
chapter and copying the stylesheets and pictures. Target: within 1.5x. The HTML edition
is a searchable site, so its floor is the bare pandoc run plus the search index
(Pagefind) built over the site's pages, which no site can be searched without: the two
programs' own work. The ratio to the bare pandoc run alone is printed beside it (the
floor before the site had a search box).

    .venv/bin/python benchmarks/bench_publish.py [--chapters 300] [--repeat 3] [--format html]

Prints the best wall-clock and CPU (user + system, pandoc included) time of each, the
ratios, the median CPU times and their ratio, and the peak memory (max resident set
size), Python and pandoc separately. For docx it also times publish's own pandoc run
alone (its input, filter and arguments), so the report says how much is pandoc and how
much manualctl's Python; for html, the site's search index (Pagefind) alone, and the
ratio without it. On a busy machine trust the CPU ratio: wall-clock time then mostly
measures the other load. The two are timed in turn (floor, publish, floor, ...) so load
slows both alike, and manualctl runs from byte-compiled modules, as after a normal
``pip install`` (``--no-compile`` times it the way an editable install with
PYTHONDONTWRITEBYTECODE runs).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

SECTIONS = 12


def chapter_text(n: int, chapters: int) -> str:
    other = f"chapter-{(n * 7 + 3) % chapters:03d}"
    return f"""---
id: chapter-{n:03d}
title: Procedure {n} for Children in Care and Care Leavers
owner: Head of Service, Children in Care
review:
  last: 2026-05-01
  every_months: 12
---

::: scope
This chapter sets out how practitioners arrange and review placements (chapter {n}).
:::

::: related
[The linked procedure](chapter:{other}) and the
[statutory guidance](https://www.gov.uk/government/publications/children-act-1989-care-planning).
:::

## 1. Introduction

When a child becomes looked after, the social worker must make sure that a care plan is
in place before the first placement or, where this is not practicable, within ten
working days.[^1] The plan must be reviewed at the first statutory review.

See also [the linked procedure](chapter:{other}) and the
[government guidance](https://www.gov.uk/government/collections/statutory-guidance-schools).

## 2. Responsibilities

1. The social worker arranges the placement and records the decision.
2. The team manager approves the plan and checks the placement meets the child's needs:
   - health and education needs are met;
   - contact with family is arranged where it is safe;
   - the child's wishes and feelings are recorded.
3. The Independent Reviewing Officer is told within **one working day**.

### 2.1 Timescales

| Task | Who | Timescale |
|---|---|---|
| Placement plan | Social worker | Before the placement |
| Health assessment | Health team | Within 20 working days |
| First review | IRO | Within 20 working days |
| Second review | IRO | Within 3 months |

## 3. Recording

All decisions must be recorded on the child's electronic record with the reasons for
them, the views of the child and the people consulted.[^2] *Records are shared only as
the law allows.*

[^1]: Care Planning, Placement and Case Review (England) Regulations 2010.
[^2]: See the Recording Policy and Guidelines.
"""


def build_manual(root: Path, chapters: int) -> None:
    lines = ["id: bench", "title: Benchmark Procedures Manual", "organisation: Bench Trust"]
    lines.append("contents:")
    per = -(-chapters // SECTIONS)
    for s in range(SECTIONS):
        numbers = range(s * per, min(chapters, (s + 1) * per))
        if not numbers:
            break
        lines.append(f"  - section: Section {s + 1}")
        lines.append("    entries:")
        lines.append(f"      - subsection: Sub-section {s + 1}")
        lines.append("        entries:")
        for n in numbers:
            rel = f"chapters/s{s + 1:02d}/chapter-{n:03d}.md"
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(chapter_text(n, chapters), encoding="utf-8")
            lines.append(f"          - file: {rel}")
    (root / "manual.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def joined_markdown(root: Path) -> str:
    parts = []
    for path in sorted((root / "chapters").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        parts.append(text.split("---\n", 2)[2])
    return "\n\n".join(parts)


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
    subprocess.run(cmd, check=True)
elapsed = time.perf_counter() - start
me = resource.getrusage(resource.RUSAGE_SELF)
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
print(elapsed, cpu, me.ru_maxrss, kids.ru_maxrss)
"""


def inner_pandoc_command(root: Path, work: Path, pandoc: str) -> list[str]:
    """The one pandoc run ``publish --format docx`` makes (same input, filter and
    arguments), to time on its own: the rest of publish is manualctl's Python."""
    from datetime import date

    from manualctl.check.validate import open_manual
    from manualctl.publish.document import build_document
    from manualctl.publish.docx import reference_docx

    doc = build_document(open_manual(root), edition="2026-11", printed_on=date(2026, 11, 4))
    markdown, args = doc.prelinked_input()
    (work / "inner.md").write_text(markdown, encoding="utf-8")
    return [pandoc, "inner.md", "--to=docx", *args, f"--reference-doc={reference_docx()}",
            "-o", "inner.docx"]  # fmt: skip


def search_command(out: Path) -> list[str]:
    """The Pagefind run ``publish --format html`` makes on the site it wrote into ``out``
    (into a folder of its own, so the site stays as published)."""
    from manualctl.publish.search import pagefind_binary

    (site,) = out.glob("*-html")
    return [pagefind_binary(), "--site", str(site), "--output-subdir", "timed-index", "--silent"]


def compile_manualctl() -> None:
    """Write manualctl's .pyc files, as pip does when it installs a package."""
    import compileall

    import manualctl

    compileall.compile_dir(Path(manualctl.__file__).parent, quiet=1)


def measure(cmd: list[str], cwd: Path, script: str = _MEASURE) -> tuple[float, float, int, int]:
    """Wall-clock and CPU seconds, and peak memory (KiB) of the process and its children,
    of ``script`` (it prints them) running ``cmd`` in a fresh Python. In the environment
    manualctl gives pandoc (:func:`manualctl.pandoc_env.pandoc_env`: its runtime's
    options), so that a floor's bare pandoc run is the same program as publish's."""
    from manualctl.pandoc_env import pandoc_env

    out = subprocess.run(
        [sys.executable, "-c", script, *cmd],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=pandoc_env(),
    )
    if out.returncode != 0:
        raise SystemExit(f"{cmd[0]} failed:\n{out.stderr}")
    elapsed, cpu, me, kids = out.stdout.split()[-4:]
    return float(elapsed), float(cpu), int(me), int(kids)


def medians(
    floors: list[tuple[float, float, int, int]], runs: list[tuple[float, float, int, int]]
) -> dict[str, float]:
    """The median CPU seconds of the floor's runs and of publish's, and their ratio (on a
    busy machine the best of a few runs can be a lucky one)."""
    from statistics import median

    floor, publish = median(f[1] for f in floors), median(r[1] for r in runs)
    return {
        "floor_cpu": round(floor, 2),
        "publish_cpu": round(publish, 2),
        "cpu_ratio": round(publish / floor, 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chapters", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--format", choices=("docx", "html"), default="docx")
    parser.add_argument("--no-compile", action="store_true", help="Do not byte-compile first.")
    args = parser.parse_args()
    if not args.no_compile:
        compile_manualctl()
    from manualctl.publish.pandoc import pandoc_binary

    pandoc = pandoc_binary()  # the very pandoc publish runs
    with tempfile.TemporaryDirectory(prefix="manualctl-bench-") as tmp:
        work = Path(tmp)
        root = work / "manual"
        root.mkdir()
        build_manual(root, args.chapters)
        (work / "joined.md").write_text(joined_markdown(root), encoding="utf-8")
        floor_cmd = [pandoc, "joined.md", "-o", f"floor.{args.format}"]
        # --force: every run builds (publish keeps an edition whose inputs are unchanged)
        out = str(work / "out")
        publish_cmd = ["publish", str(root), "--format", args.format, "--out", out, "--force"]
        inner_cmd = inner_pandoc_command(root, work, pandoc) if args.format == "docx" else []
        floors, runs, inners, searches = [], [], [], []
        for _ in range(args.repeat):
            floors.append(measure(floor_cmd, work))
            runs.append(measure(publish_cmd, work))
            if inner_cmd:
                inners.append(measure(inner_cmd, work))
            if args.format == "html":  # the site's search index, timed on its own
                searches.append(measure(search_command(work / "out"), work))
    pandoc_floors = floors
    if searches:  # a searchable site's floor: pandoc's run and the search index, each round
        floors = [
            (f[0] + i[0], f[1] + i[1], f[2], f[3]) for f, i in zip(floors, searches, strict=True)
        ]
    floor, floor_cpu = min(f[0] for f in floors), min(f[1] for f in floors)
    best, best_cpu = min(r[0] for r in runs), min(r[1] for r in runs)
    alone, alone_cpu = min(f[0] for f in pandoc_floors), min(f[1] for f in pandoc_floors)
    result = {
        "format": args.format,
        "chapters": args.chapters,
        "floor_pandoc_seconds": {"wall": round(alone, 2), "cpu": round(alone_cpu, 2)},
        "publish_seconds": {"wall": round(best, 2), "cpu": round(best_cpu, 2)},
        "ratio": {"wall": round(best / floor, 2), "cpu": round(best_cpu / floor_cpu, 2)},
        "median": medians(floors, runs),
        "target_ratio": 1.5,
        "peak_rss_mib": {
            "pandoc_floor": round(max(f[3] for f in floors) / 1024, 1),
            "publish_python": round(max(r[2] for r in runs) / 1024, 1),
            "publish_pandoc": round(max(r[3] for r in runs) / 1024, 1),
        },
    }
    if searches:
        search, search_cpu = min(i[0] for i in searches), min(i[1] for i in searches)
        result["floor_seconds"] = {
            "what": "pandoc, then Pagefind over the site",
            "wall": round(floor, 2),
            "cpu": round(floor_cpu, 2),
        }
        result["search_index"] = {
            "pagefind_seconds": {"wall": round(search, 2), "cpu": round(search_cpu, 2)},
            "ratio_to_pandoc_alone": {
                "wall": round(best / alone, 2),
                "cpu": round(best_cpu / alone_cpu, 2),
            },
            "ratio_without_it": {
                "wall": round((best - search) / alone, 2),
                "cpu": round((best_cpu - search_cpu) / alone_cpu, 2),
            },
        }
    if inners:
        inner, inner_cpu = min(i[0] for i in inners), min(i[1] for i in inners)
        result["where_the_time_goes"] = {
            "pandoc_run_of_publish_seconds": {"wall": round(inner, 2), "cpu": round(inner_cpu, 2)},
            "pandoc_run_ratio_to_floor": round(inner / floor, 2),
            "rest_of_publish_seconds": round(best - inner, 2),
        }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
