"""The lock is released by the operating system when its process dies, and nothing a killed
run leaves behind (the lock file, temporary files and folders) blocks or misleads the next
run: it is deleted (and said), or a site moved aside is put back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO_ROOT, commit_all, git
from editions_helpers import append, replace

from manualctl import fsutil
from manualctl.errors import UsageError

EARLY = "chapters/family-support/early-help.md"
HOLD = (
    "import sys, time\n"
    "from pathlib import Path\n"
    "from manualctl.fsutil import manual_lock\n"
    "with manual_lock(Path(sys.argv[1])):\n"
    "    print('held', flush=True)\n"
    "    time.sleep(60)\n"
)


def _holder(folder: Path) -> subprocess.Popen[str]:
    """Another process holding the folder's lock (it says so on stdout)."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(folder)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO_ROOT,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline() == "held\n"
    return holder


def test_a_held_lock_makes_the_next_run_wait_then_fail(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    holder = _holder(tmp_path)
    try:
        monkeypatch.setattr(fsutil, "LOCK_WAIT", 0.3)
        start = time.monotonic()
        with pytest.raises(UsageError) as caught, fsutil.manual_lock(tmp_path):
            pass  # pragma: no cover - never reached
        assert time.monotonic() - start >= 0.3
        assert str(caught.value) == (
            f"Another manualctl command is changing {tmp_path} (it holds "
            f"{tmp_path / '.manualctl.lock'}). Wait for it to finish, then run the command again."
        )
    finally:
        holder.kill()
        holder.wait()


def test_kill_9_releases_the_lock(tmp_path: Path) -> None:
    holder = _holder(tmp_path)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    assert (tmp_path / ".manualctl.lock").exists()  # left behind, but not held
    with fsutil.manual_lock(tmp_path, wait=0) as lock:
        assert lock.cleared == []
    assert not (tmp_path / ".manualctl.lock").exists()


def test_a_waiting_run_gets_the_lock_when_the_holder_ends(tmp_path: Path) -> None:
    holder = _holder(tmp_path)
    subprocess.Popen(["sh", "-c", f"sleep 0.3; kill {holder.pid}"])
    with fsutil.manual_lock(tmp_path, wait=20):
        assert holder.wait() != 0


def test_new_chapter_clears_what_a_killed_run_left(cli, tiny_manual: Path) -> None:  # type: ignore[no-untyped-def]
    left = [
        tiny_manual / ".manual.yaml.k3j2_9ab.tmp",
        tiny_manual / "chapters" / "all-children" / ".our-vision.md.zz81qp0x.tmp",
        tiny_manual / ".manualctl.lock",
    ]
    for path in left:
        path.write_text("half")
    result = cli("new-chapter", "Short Breaks", "-m", str(tiny_manual), "--in", "1.1")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "".join(
        f"Removed {path}: a manualctl run that was interrupted left it behind.\n"
        for path in sorted(left[:2])
    )
    assert [p for p in left if p.exists()] == []
    assert cli("validate", str(tiny_manual)).exit_code == 0


def test_publish_puts_back_a_site_left_aside_and_clears_temporary_folders(
    tmp_path: Path,
) -> None:
    out = tmp_path / "editions"
    aside = out / ".sample-2026-11-html.old-ab12cd34"
    (aside / "site").mkdir(parents=True)
    (aside / "site" / "index.html").write_text("the last good site")
    half = out / ".sample-2026-11-html.new-zz99yy88"
    half.mkdir()
    (half / "index.html").write_text("half a site")
    (out / ".sample-2026-11.pdf.0123abcd.tmp").write_text("half a PDF")
    with fsutil.manual_lock(out, whole_tree=False) as lock:
        assert lock.cleared == sorted([aside, half, out / ".sample-2026-11.pdf.0123abcd.tmp"])
    assert sorted(p.name for p in out.iterdir()) == ["sample-2026-11-html"]
    assert (out / "sample-2026-11-html" / "index.html").read_text() == "the last good site"


def test_release_is_not_refused_for_what_a_killed_run_left(edition_repo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    append(edition_repo / EARLY, "\nMore.\n")
    replace(edition_repo / EARLY, "---\n\n##", 'amendments:\n  "2026-11": Expanded.\n---\n\n##')
    commit_all(edition_repo, "More early help")
    assert cli("stamp", "-m", str(edition_repo), "-e", "2026-11").exit_code == 0
    commit_all(edition_repo, "Stamp")
    (edition_repo / ".manualctl.lock").write_text("12345\n")
    tmp = edition_repo / "chapters" / "family-support" / ".early-help.md.a1b2c3d4.tmp"
    tmp.write_text("half")
    result = cli("release", "2026-11", "-m", str(edition_repo))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        f"Removed {tmp}: a manualctl run that was interrupted left it behind.\n"
    )
    assert git(edition_repo, "status", "--porcelain", "--untracked-files=all") == ""


def test_own_files_are_named() -> None:
    own = [
        ".manualctl.lock",
        ".manual.yaml.k3j2_9ab.tmp",
        ".our-vision.md.zz81qp0x.tmp",
        ".sample-2026-11-html.new-ab12cd34",
        ".sample-2026-11-html.old-ab12cd34",
        "manualctl-pdf-x7_3kk2a",
        "manualctl-publish-0a1b2c3d",
    ]
    others = ["manual.yaml", "our-vision.md", ".gitignore", "notes.tmp", "manualctl-notes"]
    assert [name for name in own + others if fsutil.is_own_file(name)] == own
