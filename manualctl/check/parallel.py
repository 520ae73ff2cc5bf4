"""Running per-chapter work in several processes, where that pays.

Reading and scanning a chapter takes a few hundred microseconds, so for a few hundred
chapters starting processes and sending results back costs more than it saves. Work
runs in this process below :data:`MIN_ITEMS` items, when fewer than two CPUs are idle
(measured on a shared two-CPU machine: a second process only helped when a CPU was
free), or where processes cannot be forked (Windows, macOS). ``MANUALCTL_WORKERS=1``
turns parallel work off; ``MANUALCTL_WORKERS=N`` sets the number of processes.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 600  # below this, forking and sending results back costs more than it saves
MAX_WORKERS = 4


def workers_for(count: int) -> int:
    """How many processes to use for ``count`` items (1: this process only)."""
    setting = os.environ.get("MANUALCTL_WORKERS", "").strip()
    if setting.isdigit() and int(setting) > 0:
        return min(int(setting), max(count, 1))
    if count < MIN_ITEMS or not _can_fork():
        return 1
    idle = _cpus() - os.getloadavg()[0]
    return max(1, min(int(idle + 0.5), MAX_WORKERS))


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _can_fork() -> bool:
    return sys.platform.startswith("linux")  # fork is unsafe on macOS, absent on Windows


def run_chunks(func: Callable[[list[T]], list[R]], items: list[T]) -> list[R]:
    """``func`` over ``items`` in chunks, results in the order of ``items``."""
    workers = workers_for(len(items))
    if workers <= 1 or not _can_fork():
        return func(items)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    size = -(-len(items) // workers)
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=len(chunks) - 1 or 1, mp_context=context) as pool:
        futures = [pool.submit(func, chunk) for chunk in chunks[1:]]
        results = func(chunks[0])  # this process takes a share too
        for future in futures:
            results.extend(future.result())
    return results
