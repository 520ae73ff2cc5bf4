"""Running per-chapter work in several processes, where that pays.

Reading and scanning a chapter takes about a hundred microseconds, so below
:data:`MIN_ITEMS` items forking and sending results back costs more than it saves, and
the work runs in this process. Above it, this process starts on the items itself and,
between the first few pieces (:data:`SAMPLE` items in all, a few milliseconds), reads
how many tasks are running on the machine right now (``/proc/loadavg``'s running
count, which includes this process). A second process pays only when a CPU is free
(measured on a shared two-CPU machine); the load average says what the last minute was
like, and a run of validate just before this one (a benchmark, a pre-commit hook on the
next file) raises it for a minute, so it is not what is asked. One more process is
forked for each CPU found free at least half the time, up to :data:`MAX_WORKERS` in
all, on Linux only (fork is unsafe on macOS and absent on Windows) and only from a
process with one thread (a fork copies no other thread, and a lock another thread held
stays held in the child).

A worker is a plain ``os.fork`` writing its pickled results to a pipe (no pool, no
management thread, nothing more to import). Should a worker fail in any way, this
process does its share itself: an error in the work is then raised here, as it would
be without workers. ``MANUALCTL_WORKERS=1`` turns parallel work off;
``MANUALCTL_WORKERS=N`` sets the number of processes (and skips the sampling).
:class:`Aside` is one piece of work done by such a worker while this process works on
(the rules of an authoring command's check before its change, while it works out the
change).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 600  # below this, forking and sending results back costs more than it saves
MAX_WORKERS = 4
#: items this process does before deciding, in :data:`PIECES` pieces with a look at the
#: running tasks after each (a few milliseconds of work: enough looks to see through a
#: task that runs for a moment)
SAMPLE = 64
PIECES = 4
#: a worker's share of the items against this process's: a worker also pickles its
#: results (a tenth of the time it takes to read them) and this process unpickles them
#: (in about half that), so this process takes a little more
WORKER_SHARE = 0.9


def run_chunks(
    func: Callable[[list[T]], list[R]],
    items: list[T],
    *,
    min_items: int = MIN_ITEMS,
    sample: int = SAMPLE,
    look_first: bool = False,
) -> list[R]:
    """``func`` over ``items`` in chunks, results in the order of ``items``.

    ``func`` must return one result per item, and its results must pickle. The defaults
    suit items of about a hundred microseconds (a chapter); for heavier items (a whole
    manual) give fewer: ``min_items`` below which nothing is forked, ``sample`` items done
    here in :data:`PIECES` pieces before deciding. ``look_first``: fork at once when one
    look finds a CPU free, and sample only if it finds none (for work whose first item
    reads what the rest share: each process then reads that at the same time).
    """
    setting = _setting()
    if setting == 1 or len(items) < max(min_items if setting is None else 2, 2):
        return func(items)
    if not _can_fork():
        return func(items)
    done: list[R] = []
    if setting is None:
        if look_first:
            workers = _workers([_running()], _cpus())
            if workers > 1:
                return _forked(func, items, workers)
        looks = []
        step = -(-sample // PIECES)
        for start in range(0, sample, step):
            done += func(items[start : start + step])
            looks.append(_running())
        workers = _workers(looks, _cpus())
        rest = items[sample:]
    else:
        workers = min(setting, len(items))
        rest = items
    if workers <= 1:
        return done + func(rest)
    return done + _forked(func, rest, workers)


class Aside(Generic[R]):
    """``func()`` worked out in a forked process while this one goes on with other work,
    when there is a CPU free for it (as :func:`run_chunks` decides, from one look at the
    running tasks); :meth:`result` waits for it. With no CPU free, no fork, or should the
    worker fail in any way, :meth:`result` runs ``func`` here (an error in it is then
    raised here, as without the worker). ``func`` must not depend on what this process
    changes meanwhile, and its result must pickle. ``MANUALCTL_WORKERS=1`` turns it off.
    """

    def __init__(self, func: Callable[[], R]) -> None:
        self.func = func
        self._worker: _Worker | None = None
        self._done: list[R] = []
        setting = _setting()
        if setting == 1 or not _can_fork():
            return
        if setting is None and _workers([_running()], _cpus()) < 2:
            return
        self._worker = _Worker.start(_Once(func), [None])

    @property
    def forked(self) -> bool:
        """Whether ``func`` runs in a worker (so far)."""
        return self._worker is not None

    def result(self) -> R:
        """What ``func()`` returned (the worker's, else worked out here); once only."""
        if not self._done:
            worker, self._worker = self._worker, None
            answer = None
            if worker is not None:
                try:
                    answer = worker.results()
                finally:
                    worker.stop()
            self._done = answer if answer is not None and len(answer) == 1 else [self.func()]
        return self._done[0]


class _Once(Generic[R]):
    """``func()`` as a chunk's work (:class:`_Worker` runs ``func(chunk)``)."""

    def __init__(self, func: Callable[[], R]) -> None:
        self.func = func

    def __call__(self, chunk: list[None]) -> list[R]:
        return [self.func()]


def _setting() -> int | None:
    """``MANUALCTL_WORKERS`` as a number of processes, or None when it is not set."""
    setting = os.environ.get("MANUALCTL_WORKERS", "").strip()
    return int(setting) if setting.isdigit() and int(setting) > 0 else None


def _workers(looks: list[int | None], cpus: int) -> int:
    """How many processes to use on ``cpus`` CPUs, from looks at the number of running
    tasks (each counting this one)."""
    seen = [count for count in looks if count is not None]
    if not seen:
        return 1
    others = sum(seen) / len(seen) - 1
    free = cpus - 1 - others
    return max(1, min(1 + int(free + 0.5), MAX_WORKERS))


def _running() -> int | None:
    """Tasks running or ready to run on the machine now (the fourth field of
    /proc/loadavg, ``running/total``), or None where it cannot be read."""
    try:
        fd = os.open("/proc/loadavg", os.O_RDONLY)
        try:
            raw = os.read(fd, 128)
        finally:
            os.close(fd)
        return int(raw.split()[3].split(b"/")[0])
    except (OSError, IndexError, ValueError):
        return None


def _cpus() -> int:
    """The CPUs this process may run on, fewer where a cgroup's quota allows less."""
    try:
        count = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        count = os.cpu_count() or 1
    try:
        with open("/sys/fs/cgroup/cpu.max", encoding="ascii") as handle:
            quota, period = handle.read().split()[:2]
        if quota != "max":
            count = min(count, max(1, -(-int(quota) // int(period))))
    except (OSError, ValueError):
        pass  # no cgroup v2 quota here
    return count


def _can_fork() -> bool:
    if not sys.platform.startswith("linux"):
        return False  # fork is unsafe on macOS, absent on Windows
    threading = sys.modules.get("threading")
    return threading is None or threading.active_count() == 1


def _forked(func: Callable[[list[T]], list[R]], items: list[T], workers: int) -> list[R]:
    """``func`` over ``items`` in ``workers`` processes, this one among them."""
    mine = max(1, round(len(items) / (1 + (workers - 1) * WORKER_SHARE)))
    rest, others = len(items) - mine, workers - 1
    ends = [mine + rest * share // others for share in range(others + 1)]
    chunks = [items[ends[i] : ends[i + 1]] for i in range(others) if ends[i + 1] > ends[i]]
    children: list[_Worker | None] = []
    try:
        for chunk in chunks:
            children.append(_Worker.start(func, chunk))
        results = func(items[:mine])
        for chunk, child in zip(chunks, children, strict=True):
            answer = child.results() if child is not None else None
            results += func(chunk) if answer is None else answer
    finally:
        for child in children:
            if child is not None:
                child.stop()
    return results


class _Worker:
    """A forked process doing ``func(chunk)`` and writing its pickled results to a pipe."""

    def __init__(self, pid: int, pipe: int) -> None:
        self.pid = pid
        self.pipe = pipe
        self.running = True  # not yet reaped

    @classmethod
    def start(cls, func: Callable[[list[T]], list[R]], chunk: list[T]) -> _Worker | None:
        """The worker, or None when it cannot be started (this process then does the
        chunk)."""
        import gc
        import pickle

        try:
            read_end, write_end = os.pipe()
        except OSError:
            return None
        try:
            pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            return None
        if pid:
            os.close(write_end)
            return cls(pid, read_end)
        status = 1  # in the worker, which leaves only by os._exit
        try:
            os.close(read_end)
            gc.disable()  # it lives a moment: collecting would find nothing to free
            payload = pickle.dumps(func(chunk), protocol=pickle.HIGHEST_PROTOCOL)
            with open(write_end, "wb") as out:
                out.write(payload)
            status = 0
        finally:
            os._exit(status)

    def results(self) -> list[Any] | None:
        """The worker's results, or None when it did not finish its work."""
        import pickle

        from manualctl.model.yamltext.reader import collector_paused

        with open(self.pipe, "rb") as handle:
            self.pipe = -1
            payload = handle.read()
        self.running = False
        try:
            failed = os.waitstatus_to_exitcode(os.waitpid(self.pid, 0)[1]) != 0
        except ChildProcessError:  # reaped already (SIGCHLD ignored): the results say
            failed = False  # (a worker that stopped short wrote none, or a part that
            # does not unpickle)
        if failed or not payload:
            return None
        try:
            with collector_paused():  # unpickling makes many objects and frees none
                answer = pickle.loads(payload)
        except Exception:  # results that do not read: this process does the chunk
            return None
        return answer if isinstance(answer, list) else None

    def stop(self) -> None:
        """End and reap the worker if its results were not taken (an error here)."""
        if self.pipe != -1:
            os.close(self.pipe)
            self.pipe = -1
        if self.running:
            import signal

            self.running = False
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ChildProcessError, ProcessLookupError):
                pass  # reaped already (SIGCHLD ignored)
