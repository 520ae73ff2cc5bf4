"""The one process runner: its errors carry the command, its exit code and stderr, and a
time limit stops a program or in-process work with a clear error.

(That only manualctl/proc.py imports subprocess, and nothing GitPython, is checked in
test_layers.py.)"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from manualctl import early, proc
from manualctl.errors import ProcessError


def test_a_failing_program_names_command_exit_code_and_stderr() -> None:
    code = "import sys; sys.stderr.write('no such thing\\n'); sys.exit(4)"
    done = proc.run([sys.executable, "-c", code])
    error = proc.failed(done, error=ProcessError, shown_as="python -c ...", hint="Do X.")
    assert (error.returncode, error.stderr) == (4, "no such thing")
    assert error.command == (sys.executable, "-c", code)
    assert str(error) == "python -c ... failed (exit code 4): no such thing Do X."
    assert error.exit_code == 2


def test_a_missing_program() -> None:
    with pytest.raises(ProcessError) as caught:
        proc.run(["manualctl-no-such-program", "--version"], missing_hint="Install it.")
    assert str(caught.value) == (
        "manualctl-no-such-program is not installed (or not on PATH), so "
        "'manualctl-no-such-program --version' could not run. Install it."
    )
    assert caught.value.command == ("manualctl-no-such-program", "--version")


def test_the_time_limit_stops_a_program_and_in_process_work() -> None:
    start = time.monotonic()
    with proc.time_limit(0.3), pytest.raises(ProcessError) as caught:
        proc.run([sys.executable, "-c", "import time; time.sleep(30)"])
    assert time.monotonic() - start < 10
    assert str(caught.value).startswith(
        f"{Path(sys.executable).name} did not finish within the time limit (0.3 s)"
    )
    with proc.time_limit(0.3), pytest.raises(ProcessError) as late:
        proc.within_limit(lambda: time.sleep(5), "The PDF compile")
    assert str(late.value).startswith(
        "The PDF compile did not finish within the time limit (0.3 s) and was stopped."
    )
    with proc.time_limit(5):
        assert proc.within_limit(lambda: 42, "Nothing") == 42
    assert proc.within_limit(lambda: 7, "No limit") == 7


def test_a_program_run_in_the_background_keeps_the_time_limit() -> None:
    sleep = [sys.executable, "-c", "import time; time.sleep(30)"]
    start = time.monotonic()
    with proc.time_limit(0.3):
        wait = proc.in_background(lambda: proc.run(sleep))
    with pytest.raises(ProcessError) as caught:  # raised where it is waited for
        wait()
    assert time.monotonic() - start < 10
    assert "did not finish within the time limit (0.3 s)" in str(caught.value)
    quick = [sys.executable, "-c", "print(6 * 7)"]
    assert proc.in_background(lambda: proc.run(quick).stdout)() == b"42\n"


#: What a started program sees of how it was started: its working folder, its input, the
#: files it inherited, its signals, its environment (one variable)
SEEN = (
    "import os, signal, sys\n"
    "fds = sorted(int(n) for n in os.listdir('/proc/self/fd'))\n"
    "print(os.getcwd(), os.path.realpath('/proc/self/fd/0'), fds[:3], len(fds),\n"
    "      signal.getsignal(signal.SIGPIPE), signal.getsignal(signal.SIGXFSZ),\n"
    "      os.environ.get('MANUALCTL_SEEN'), sys.argv[1:])\n"
    "sys.stderr.write('to stderr')\n"
    "sys.exit(3)\n"
)


@pytest.mark.parametrize("env", [None, {"MANUALCTL_SEEN": "yes"}])
def test_a_program_without_input_starts_as_popen_starts_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, env: dict[str, str] | None
) -> None:
    """proc.start starts a program that needs no input and no folder of its own with
    manualctl.early.spawn (no subprocess import): what the program sees, what it writes
    and its exit code are as with subprocess.Popen (and a file this process left
    inheritable is not inherited)."""
    import os
    import subprocess

    monkeypatch.chdir(tmp_path)
    command = [sys.executable, "-c", SEEN, "a b", ""]
    environment = None if env is None else proc.environ(**env)
    leaked = os.open(os.devnull, os.O_RDONLY)
    os.set_inheritable(leaked, True)
    try:
        running = proc.start(command, env=environment)
        assert isinstance(running._popen, early.Spawned)
        out = running.stdout.read()
        done = running.finish()
        popen = subprocess.Popen(
            command,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        expected, expected_err = popen.communicate()
    finally:
        os.close(leaked)
    assert (out, done.stderr, done.returncode) == (expected, expected_err, popen.returncode)
    assert out.split()[-1] == b"'']" and done.stderr == b"to stderr" and done.returncode == 3


def test_a_missing_program_started_to_be_read() -> None:
    with pytest.raises(ProcessError) as caught:
        proc.start(["manualctl-no-such-program", "--version"], missing_hint="Install it.")
    assert str(caught.value).startswith("manualctl-no-such-program is not installed")


def test_a_program_whose_environment_has_another_path_is_looked_up_there(
    tmp_path: Path,
) -> None:
    """As subprocess.Popen does, the program is looked up on the PATH of the environment
    it is given, not on this process's."""
    import os

    folder = tmp_path / "bin"
    folder.mkdir()
    program = folder / "manualctl-test-program"
    program.write_text("#!/bin/sh\necho found\n")
    program.chmod(0o755)
    env = proc.environ(PATH=f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")
    running = proc.start(["manualctl-test-program"], env=env)
    assert (running.stdout.read(), running.finish().returncode) == (b"found\n", 0)
