"""Time new-chapter, move-chapter and retire-chapter on a large synthetic manual.

The floor is one `validate` of the same manual: every edit must validate before and
after it changes anything, so a ratio near 2 means the edit itself costs little.
Run: .venv/bin/python benchmarks/bench_authoring.py [CHAPTERS]
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from manualctl.authoring import move_chapter, new_chapter, retire_chapter
from manualctl.validate import check


def build(root: Path, chapters: int) -> None:
    lines = ["# synthetic manual", "id: big", "title: Big Manual", "contents:"]
    per_sub = 20
    subs = max(1, chapters // per_sub)
    for s in range((subs + 4) // 5):
        lines += [f"  - section: Section {s + 1}", "    entries:"]
        for u in range(5):
            n = s * 5 + u
            if n >= subs:
                break
            lines += [f"      - subsection: Sub {n + 1}  # comment", "        entries:"]
            folder = root / "chapters" / f"section-{s + 1}"
            folder.mkdir(parents=True, exist_ok=True)
            for c in range(per_sub):
                cid = f"chapter-{n}-{c}"
                (folder / f"{cid}.md").write_text(
                    f"---\nid: {cid}\ntitle: Chapter {n} {c}\nowner: Someone\n"
                    "review:\n  last: 2026-01-01\n  every_months: 12\n---\n\n## 1. Text\n\nBody.\n"
                )
                lines.append(f"          - file: chapters/section-{s + 1}/{cid}.md")
    (root / "manual.yaml").write_text("\n".join(lines) + "\n")


def timed(label: str, action: object, floor: float) -> None:
    start = time.perf_counter()
    action()  # type: ignore[operator]
    took = time.perf_counter() - start
    print(f"{label:<16} {took:7.3f}s  {took / floor:5.1f}x validate")


def main() -> None:
    chapters = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        build(root, chapters)
        start = time.perf_counter()
        report = check(root)
        floor = time.perf_counter() - start
        assert not report.failed(), report.findings[:3]
        print(f"{chapters} chapters; validate {floor:.3f}s (the floor)")
        today = date(2026, 6, 1)
        timed(
            "new-chapter",
            lambda: new_chapter(root, "New One", in_number="1.1", after=None, today=today),
            floor,
        )
        timed(
            "move-chapter", lambda: move_chapter(root, "new-one", in_number="2", after=None), floor
        )
        timed("retire-chapter", lambda: retire_chapter(root, "new-one", today=today), floor)


if __name__ == "__main__":
    main()
