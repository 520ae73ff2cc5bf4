"""Time `import contents` and `contents` on a 2,000-chapter contents page.

Run: .venv/bin/python benchmarks/bench_import_contents.py [CHAPTERS]

Floors (the obvious minimum for the same work):
- import: read the page, split it into lines, and write one small file per chapter
  plus manual.yaml with plain writes;
- contents: read every chapter file and parse its front matter with the C YAML loader
  (what any contents page needs to know the titles), then join the lines.
Prints each time and its ratio to the floor.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import yaml

from manualctl.importing.contents_page import parse
from manualctl.importing.writer import create_manual, plan_import
from manualctl.publish import contents_page as contents_mod


def make_page(chapters: int) -> str:
    lines = ["Big Manual: Contents", "Quick Links:"]
    per_sub, subs = 10, 5
    sections = max(1, chapters // (per_sub * subs))
    lines += [f"  {s}. Section {s}" for s in range(1, sections + 1)]
    for s in range(1, sections + 1):
        lines += ["", f"{s}. Section {s}", ""]
        for u in range(1, subs + 1):
            lines += [f"{s}.{u}", "", f"Sub-section {s}.{u}", "\u00a0"]
            for c in range(1, per_sub + 1):
                flag = " Updated" if c % 7 == 0 else ""
                lines.append(f"{s}.{u}.{c} Chapter {s} {u} {c} - local{flag} \u00a0")
                if c == 3:
                    lines.append(f"\u00a0 See also: Chapter {s} {u} 1 \u00a0")
                    lines.append("\u00a0 and NICE Guideline \u00a0")
    return "\n".join(lines) + "\n"


def best(run, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    chapters = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        page = work / "page.txt"
        page.write_text(make_page(chapters), encoding="utf-8")
        counter = iter(range(1000))

        def do_import() -> Path:
            target = work / f"m{next(counter)}"
            result = parse(page.read_text(encoding="utf-8"))
            files = plan_import(
                result,
                manual_id="big",
                title="Big",
                organisation=None,
                source_name="page.txt",
                today=date(2026, 1, 1),
            )
            create_manual(target, files)
            return target

        def floor_import() -> None:
            target = work / f"f{next(counter)}"
            lines = page.read_text(encoding="utf-8").split("\n")
            (target / "chapters").mkdir(parents=True)
            for n, line in enumerate(lines):
                if line[:1].isdigit() and line.count(".") >= 2:
                    (target / "chapters" / f"c{n}.md").write_text(
                        f"---\nid: c{n}\ntitle: {line}\n---\n", encoding="utf-8"
                    )
            (target / "manual.yaml").write_text("\n".join(lines), encoding="utf-8")

        manual_root = do_import()

        def do_contents() -> str:
            return contents_mod.render(contents_mod.load(manual_root), "text")

        def floor_contents() -> str:
            titles = []
            for path in sorted((manual_root / "chapters").rglob("*.md")):
                text = path.read_text(encoding="utf-8")
                titles.append(yaml.load(text.split("---\n")[1], Loader=yaml.CSafeLoader)["title"])
            return "\n".join(titles)

        n = len(list((manual_root / "chapters").rglob("*.md")))
        t_import, f_import = best(do_import), best(floor_import)
        t_contents, f_contents = best(do_contents), best(floor_contents)
        print(f"{n} chapters")
        print(
            f"import contents: {t_import:.3f}s, floor {f_import:.3f}s, "
            f"ratio {t_import / f_import:.1f}x"
        )
        print(
            f"contents:        {t_contents:.3f}s, floor {f_contents:.3f}s, "
            f"ratio {t_contents / f_contents:.1f}x"
        )


if __name__ == "__main__":
    main()
