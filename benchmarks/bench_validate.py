"""Time ``manualctl validate`` on a 2,000-chapter manual against the floor.

The floor is the least any validator must do: a bare Python loop that reads every
chapter file and parses its front matter with PyYAML's C loader (``yaml.CSafeLoader``).
Two kinds of chapter, each timed against its own floor:

* ``dense``: heavy front matter (amendments, tags, status) and a short body holding one
  of everything the rules look at (links to chapters and anchors, an image, boxes, a
  table, code);
* ``realistic``: front matter as most chapters have it (id, title, owner, review) and
  a body like a council's procedure, about 2.5 KB: numbered sections, lists, a 12-row
  table, a footnote, an external link. Its floor reads less front matter, so more of
  validate's own work shows.

We time, best of several runs:

* ``check()`` called in-process, against the floor loop in-process;
* ``manualctl validate`` as a subprocess, against the floor loop as a subprocess
  (both pay for starting Python and importing what they need).

Both CLIs run from byte-compiled modules, as after a normal ``pip install``: the
benchmark compiles manualctl first, since an editable install with
PYTHONDONTWRITEBYTECODE set would otherwise compile its modules afresh on every run
(about 30 ms that no installed copy pays; PyYAML, which the floor imports, was compiled
by pip).

Run:  .venv/bin/python benchmarks/bench_validate.py [--chapters 2000] [--runs 5]
      [--kind dense|realistic] (default: both)

The target (issue 19) is validate within 2.0x of each floor in wall-clock time, as a
whole process and in-process. CPU time is printed beside it, and its ratio is not the
target: where a CPU is free, validate reads a big manual in two processes
(manualctl.check.parallel), which shortens the wall-clock time and costs more CPU in
all (forking, and pickling each worker's results to send them back), while the floor is
one process. Run alone (``MANUALCTL_WORKERS=1``), CPU and wall-clock are the same.
Each figure is the best of the runs, taken in turn with the floor's; the median is
printed too, since on a shared machine the best run of one and of the other may not
have met the same load.
"""

from __future__ import annotations

import argparse
import compileall
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from statistics import median
from typing import NamedTuple

import yaml

FLOOR = """
import sys, yaml
from pathlib import Path
root = Path(sys.argv[1])
count = 0
for path in sorted((root / "chapters").rglob("*.md")):
    text = path.read_text(encoding="utf-8")
    end = text.index("\\n---", 3)
    yaml.load(text[4:end], Loader=yaml.CSafeLoader)
    count += 1
print(count)
"""

# A tiny valid PNG (1x1 pixel), so image links point at a real file.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000b49444154789c6360000200000500017a5eab3f0000000049454e44ae426082"
)


def realistic_text(index: int, ids: list[str], section: str) -> str:
    """A chapter as councils write them: about 2.5 KB of numbered sections and lists."""
    me = ids[index]
    name = section.replace("-", " ").title()
    rows = "\n".join(
        f"| {stage} | {days} working days | {who} |"
        for stage, days, who in [
            ("Contact received", 1, "Front door"),
            ("Decision on referral", 1, "Team manager"),
            ("Strategy discussion", 2, "Social worker"),
            ("Section 47 enquiry started", 3, "Social worker"),
            ("Visit to the child", 5, "Social worker"),
            ("Initial assessment", 10, "Social worker"),
            ("Child protection conference", 15, "Conference chair"),
            ("Core group meeting", 10, "Key worker"),
            ("Plan shared with family", 5, "Key worker"),
            ("Review of the plan", 60, "Conference chair"),
            ("Case audit", 90, "Practice lead"),
            ("Closure summary", 20, "Team manager"),
        ]
    )
    return f"""---
id: {me}
title: Assessment and Planning for Children in {name} ({index})
owner: Head of Service, {name}
review:
  last: 2026-0{1 + index % 9}-01
  every_months: 12
---

## 1. Introduction

This procedure sets out how staff in {name} assess the needs of a child and plan the
help the family receives. It follows the statutory guidance in
[Working Together to Safeguard Children](https://www.gov.uk/government/publications/working-together-to-safeguard-children--2)
and should be read with the local threshold document.[^1]

## 2. Referrals

When a referral is received, the duty social worker must:

- record the referral on the child's file on the day it arrives;
- check whether the child or family is already known to the service;
- speak to the referrer to clarify any concerns; and
- agree the next steps with the team manager.

Where there are concerns that a child is suffering, or is likely to suffer, significant
harm, a strategy discussion must be held without delay.

## 3. Timescales

The table shows the longest time each stage may take.

| Stage | Timescale | Who is responsible |
|---|---|---|
{rows}

## 4. Assessment

1. The social worker sees the child, alone where appropriate.
2. The parents are told of the assessment and their views are recorded.
3. Other agencies that know the family are asked for what they know.
4. The assessment is discussed in supervision before it is completed.

The assessment must consider the child's developmental needs, the parents' capacity to
respond to those needs, and the wider family and environmental factors.

## 5. Recording and sharing

All decisions, and the reasons for them, are recorded on the child's file within one
working day. When in doubt, staff speak to their manager before sharing information.

[^1]: The threshold document is reviewed every year by the local safeguarding partners.
"""


def chapter_text(index: int, ids: list[str], section: str) -> str:
    me = ids[index]
    other = ids[(index * 7 + 3) % len(ids)]
    neighbour = ids[(index + 1) % len(ids)]
    return f"""---
id: {me}
title: Procedure Number {index} for {section.title()}
owner: Head of Service, {section.title()}
review:
  last: 2026-0{1 + index % 9}-01
  every_months: 12
status: under review
amendments:
  "2026-05": This chapter has been refreshed throughout.
  "2026-11": Section 3, Resolving Disagreements has been updated.
tags: [{section}, procedure]
---

::: scope
This chapter applies to all social workers and managers in {section.title()}.
:::

::: related
[Procedure {index + 1}](chapter:{neighbour}) and the [NICE guideline](https://www.nice.org.uk/).
:::

## 1. Introduction

This procedure sets out what staff must do. It should be read with
[the related procedure](chapter:{other}) and the **Working Together** guidance.

## 2. Roles and responsibilities

- The allocated social worker arranges the visit within *five working days*.
- The team manager records the decision on the child's file.
- The Independent Reviewing Officer is told of any change.

### 2.1 Who decides

1. The team manager.
2. The head of service, where the plan changes.

| Presenting circumstance | Team to assess |
|---|---|
| Child at risk of harm | Assessment team |
| Child with a disability | Disabled children's team |

![Flow chart of the decision](../../media/flow.png)

## 3. Resolving disagreements

See [section 2](#roles-and-responsibilities) above, or write to
<https://example.org/contact>. Staff may use `form CP1`.

```
Code blocks are left alone: [not a link](chapter:nowhere)
```
"""


def build(root: Path, chapters: int, kind: str = "dense") -> None:
    text = realistic_text if kind == "realistic" else chapter_text
    sections = [f"section-{n:02d}" for n in range(1, 21)]
    per_section = max(1, chapters // len(sections))
    ids = [f"procedure-{n:04d}" for n in range(chapters)]
    (root / "media").mkdir(parents=True)
    (root / "media" / "flow.png").write_bytes(PNG)
    lines = [
        "id: big",
        "title: A Large Procedures Manual",
        "organisation: Example Children's Trust",
        "contents:",
    ]
    index = 0
    for section in sections:
        folder = root / "chapters" / section
        folder.mkdir(parents=True)
        lines += [f"  - section: {section.title()}", "    entries:"]
        for sub in range(1, 6):
            lines += [f"      - subsection: Part {sub}", "        entries:"]
            for _ in range(per_section // 5):
                if index >= chapters:
                    break
                rel = f"chapters/{section}/{ids[index]}.md"
                (root / rel).write_text(text(index, ids, section), encoding="utf-8")
                lines.append(f"          - file: {rel}")
                if index % 50 == 0:
                    lines.append("            flag: Updated")
                index += 1
    (root / "manual.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


class Timing(NamedTuple):
    """Seconds of ``runs`` runs: wall-clock and CPU (this process and its children)."""

    wall: float  # best
    cpu: float  # best
    wall_median: float
    cpu_median: float


def interleaved(funcs: dict[str, Callable[[], object]], runs: int) -> dict[str, Timing]:
    """The timings of ``runs`` runs of each function, taken in turn: a busy machine slows
    every figure alike."""
    walls: dict[str, list[float]] = {name: [] for name in funcs}
    cpus: dict[str, list[float]] = {name: [] for name in funcs}
    for _ in range(runs):
        for name, func in funcs.items():
            cpu_before = _cpu()
            start = time.perf_counter()
            func()
            walls[name].append(time.perf_counter() - start)
            cpus[name].append(_cpu() - cpu_before)
    return {
        name: Timing(min(walls[name]), min(cpus[name]), median(walls[name]), median(cpus[name]))
        for name in funcs
    }


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def floor_in_process(root: Path) -> int:
    count = 0
    for path in sorted((root / "chapters").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        end = text.index("\n---", 3)
        yaml.load(text[4:end], Loader=yaml.CSafeLoader)
        count += 1
    return count


def run(cmd: list[str]) -> None:
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")


KINDS = ("dense", "realistic")


def measure(kind: str, chapters: int, runs: int) -> float:
    """Print the figures for one kind of chapter; the worst ratio."""
    from manualctl.check.validate import check

    tmp = Path(tempfile.mkdtemp(prefix="manualctl-bench-"))
    try:
        root = tmp / "big"
        build(root, chapters, kind)
        size = sum(p.stat().st_size for p in (root / "chapters").rglob("*.md")) / chapters
        today = date(2026, 6, 1)
        report = check(root, today=today)  # warm-up; also proves the manual is valid
        errors = [f for f in report.findings if f.severity.value == "error"]
        if errors:
            raise SystemExit("the benchmark manual has errors:\n" + "\n".join(map(str, errors[:5])))
        count = floor_in_process(root)
        manualctl_cmd = str(Path(sys.executable).with_name("manualctl"))
        cli_cmd = [manualctl_cmd, "validate", str(root), "--today", "2026-06-01"]
        floor_cmd = [sys.executable, "-c", FLOOR, str(root)]
        timings = interleaved(
            {
                "floor": lambda: floor_in_process(root),
                "ours": lambda: check(root, today=today),
                "floor_cli": lambda: run(floor_cmd),
                "ours_cli": lambda: run(cli_cmd),
            },
            runs,
        )
        floor, ours, floor_cli, ours_cli = (
            timings[k] for k in ("floor", "ours", "floor_cli", "ours_cli")
        )
    finally:
        shutil.rmtree(tmp)

    print(f"{kind}: {count} chapters of {size / 1000:.1f} KB, {runs} runs; seconds, best (median)")
    rows = [
        ("in-process  floor (read + CSafeLoader front matter)", floor),
        ("in-process  validate.check()", ours),
        ("subprocess  floor (python -c loop)", floor_cli),
        ("subprocess  manualctl validate", ours_cli),
    ]
    for label, t in rows:
        print(
            f"  {label:<52} wall {t.wall:6.3f} ({t.wall_median:6.3f})"
            f"   cpu {t.cpu:6.3f} ({t.cpu_median:6.3f})"
        )
    ratios = {"in-process": (ours, floor), "subprocess": (ours_cli, floor_cli)}
    for label, (a, b) in ratios.items():
        print(
            f"  {label + '  ratio':<52} wall {a.wall / b.wall:5.2f}x "
            f"({a.wall_median / b.wall_median:5.2f}x)"
            f"  cpu {a.cpu / b.cpu:5.2f}x ({a.cpu_median / b.cpu_median:5.2f}x)"
        )
    return max(a.wall / b.wall for a, b in ratios.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chapters", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--kind", choices=KINDS, action="append")
    args = parser.parse_args()

    import manualctl

    compileall.compile_dir(Path(manualctl.__file__).parent, quiet=1)
    worst = max(measure(kind, args.chapters, args.runs) for kind in args.kind or KINDS)
    verdict = "met" if worst <= 2.0 else "NOT met"
    print(f"target 2.00x in wall-clock time: {verdict} (worst best-run ratio {worst:.2f}x)")


if __name__ == "__main__":
    main()
