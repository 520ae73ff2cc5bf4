"""Time the PDF edition of a 300-chapter manual against the floor, and report peak memory.

The floor is one bare pandoc run (Markdown -> Typst, pandoc's own template, no filter)
of the same chapters joined into one Markdown text, then one Typst compile: what any
PDF of that text must cost. The measured run is what `manualctl publish --format pdf`
does for one manual: read and validate it, build the document model, refuse raw Typst,
one pandoc run with the pinned filters, one Typst compile (tagged, PDF/UA-1).

    python benchmarks/bench_pdf.py [--chapters 300] [--repeat 3]

Each run happens in a fresh Python process, so its peak memory (its own, plus pandoc's)
is measured alone. Target: within 1.5x of the floor.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SECTIONS = 10
SUBSECTIONS = 3


def chapter_body(index: int, total: int) -> str:
    """A realistic chapter: boxes, numbered headings, lists, a table, footnotes, links."""
    other = f"chapter-{(index + 7) % total:03d}"
    rows = "\n".join(
        f"| Circumstance {index}.{row} that needs assessing | Team {row} | Within {row + 1} days |"
        for row in range(1, 13)
    )
    paragraphs = "\n\n".join(
        f"Practitioners must record the decision and the reasons for it on the child's "
        f"file within {n + 2} working days, and tell the family in writing.[^n{n}] "
        f"Managers review the plan at least every {n + 4} weeks; see "
        f"[the related chapter](chapter:{other}) and "
        f"[national guidance](https://www.gov.uk/guidance/{index}-{n})."
        for n in range(4)
    )
    notes = "\n".join(f"[^n{n}]: Children Act 1989, section {n + 17}." for n in range(4))
    return f"""::: scope
This chapter applies to all staff working with children and families in the Trust.
:::

::: related
[Related procedure](chapter:{other})
:::

## 1. Introduction

{paragraphs}

## 2. What to do

1. Talk to the child and the family.
2. Check the records held by partner agencies.
   - Health
   - Education
   - Police
3. Agree a plan and who will do what.

### 2.1 Who to contact

| Presenting Circumstance | Team to Assess | Timescale |
|---|---|---|
{rows}

## 3. Recording

*Every* contact is recorded on the same day. **Decisions** are signed by a manager.

{notes}
"""


def build_manual(root: Path, chapters: int) -> Path:
    """A manual with ``chapters`` chapters in sections and sub-sections."""
    per_section = chapters // SECTIONS
    lines = [
        "id: bench",
        "title: Benchmark Procedures Manual",
        "organisation: Example Children's Trust",
        "contents:",
    ]
    index = 0
    for s in range(SECTIONS):
        lines += [f"  - section: Section {s + 1}", "    entries:"]
        per_sub = per_section // SUBSECTIONS
        for sub in range(SUBSECTIONS):
            lines += [f"      - subsection: Sub-section {s + 1}.{sub + 1}", "        entries:"]
            count = per_sub if sub < SUBSECTIONS - 1 else per_section - per_sub * sub
            for _ in range(count):
                cid = f"chapter-{index:03d}"
                rel = f"chapters/s{s + 1}/{cid}.md"
                flag = "\n            flag: Updated" if index % 10 == 0 else ""
                lines.append(f"          - file: {rel}{flag}")
                path = root / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                amendment = (
                    '\namendments:\n  "2026-11": Section 2 has been updated.'
                    if index % 10 == 0
                    else ""
                )
                path.write_text(
                    f"---\nid: {cid}\ntitle: Chapter {index} Procedure\nowner: Head of Service\n"
                    f"review:\n  last: 2026-05-01\n  every_months: 12{amendment}\n---\n\n"
                    + chapter_body(index, chapters),
                    encoding="utf-8",
                )
                index += 1
    (root / "manual.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def joined_markdown(root: Path) -> str:
    """The floor's input: every chapter's title and body, joined, links left as they are."""
    from manualctl.validate import open_manual

    manual = open_manual(root)
    parts = []
    for entry in manual.chapter_entries():
        chapter = manual.chapter_for(entry)
        assert chapter is not None
        body = chapter.body.replace("[^n", f"[^c{entry.number.replace('.', '-')}n")
        parts.append(f"# {chapter.title}\n\n{body}")
    return "\n\n".join(parts)


def run_floor(root: Path) -> None:
    import pypandoc
    import typst

    markdown = joined_markdown(root)
    start = time.perf_counter()
    proc = subprocess.run(
        [pypandoc.get_pandoc_path(), "-f", "markdown", "-t", "typst", "-s"],
        input=markdown.encode("utf-8"),
        capture_output=True,
        check=True,
    )
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "main.typ").write_bytes(proc.stdout)
        data = typst.compile(str(Path(tmp) / "main.typ"), root=tmp, ignore_system_fonts=True)
    report(time.perf_counter() - start, data)


def run_publish(root: Path) -> None:
    from datetime import date

    from manualctl.publish.document import build_document
    from manualctl.publish.pdf import render_for_publish
    from manualctl.validate import open_manual

    start = time.perf_counter()
    manual = open_manual(root)
    document = build_document(manual, edition="2026-11", printed_on=date(2026, 11, 4))
    data = render_for_publish(document, epoch=1793779200, standard="ua-1")
    report(time.perf_counter() - start, data)


def report(seconds: float, data: object) -> None:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    size = len(data) if isinstance(data, bytes) else 0
    print(json.dumps({"seconds": seconds, "peak_mb": max(own, children) / 1024, "bytes": size}))


def measure(kind: str, root: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--one", kind, str(root)],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chapters", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--one", nargs=2, metavar=("KIND", "ROOT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        kind, root = args.one
        (run_floor if kind == "floor" else run_publish)(Path(root))
        return
    with tempfile.TemporaryDirectory(prefix="manualctl-bench-") as tmp:
        root = build_manual(Path(tmp) / "manual", args.chapters)
        runs: dict[str, list[dict[str, float]]] = {"floor": [], "publish": []}
        for _ in range(args.repeat):
            for kind in runs:
                runs[kind].append(measure(kind, root))
    floor = statistics.median(r["seconds"] for r in runs["floor"])
    ours = statistics.median(r["seconds"] for r in runs["publish"])
    print(f"PDF edition of a {args.chapters}-chapter manual (median of {args.repeat} runs)")
    for kind, label in (("floor", "floor: bare pandoc -> Typst -> compile"), ("publish", "")):
        seconds = statistics.median(r["seconds"] for r in runs[kind])
        peak = max(r["peak_mb"] for r in runs[kind])
        pages = runs[kind][0]["bytes"] / 1024
        name = label or "manualctl publish --format pdf"
        print(f"  {name:<42} {seconds:7.2f} s   peak {peak:6.0f} MB   {pages:7.0f} KB")
    ratio = ours / floor
    verdict = "within" if ratio <= 1.5 else "OVER"
    print(f"  ratio {ratio:.2f}x the floor ({verdict} the 1.5x target)")


if __name__ == "__main__":
    main()
