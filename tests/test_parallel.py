"""Per-chapter work in several processes (manualctl.check.parallel): the same results,
in order, whatever happens to a worker; processes only where a CPU is free."""

from __future__ import annotations

import os

import pytest

from manualctl.check import parallel


def _square(items: list[int]) -> list[int]:
    return [item * item for item in items]


@pytest.mark.parametrize("workers", ["2", "3", "7"])
@pytest.mark.parametrize("count", [2, 3, 10, 1001])
def test_results_come_back_in_order(
    monkeypatch: pytest.MonkeyPatch, workers: str, count: int
) -> None:
    monkeypatch.setenv("MANUALCTL_WORKERS", workers)
    seen: list[int] = []

    def work(items: list[int]) -> list[tuple[int, int]]:
        seen.extend(items)  # in this process only: a worker's list is its own
        return [(item, os.getpid()) for item in items]

    before = _children()
    results = parallel.run_chunks(work, list(range(count)))
    assert [item for item, _ in results] == list(range(count))
    others = {pid for _, pid in results} - {os.getpid()}
    assert len(others) == min(int(workers), count) - 1  # this process did its share too
    assert len(seen) < count
    for pid in others:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # every worker was reaped
    assert _children() <= before


def test_a_worker_that_fails_has_its_share_done_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MANUALCTL_WORKERS", "3")
    parent = os.getpid()

    def work(items: list[int]) -> list[int]:
        if os.getpid() != parent and items[0] > 50:
            os.kill(os.getpid(), 9)  # one worker is killed, the other raises
        if os.getpid() != parent:
            raise MemoryError
        return _square(items)

    assert parallel.run_chunks(work, list(range(100))) == _square(list(range(100)))


def test_an_error_in_the_work_is_raised_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MANUALCTL_WORKERS", "2")

    def work(items: list[int]) -> list[int]:
        if 7 in items:
            raise ValueError("item 7")
        return items

    before = _children()
    with pytest.raises(ValueError, match="item 7"):
        parallel.run_chunks(work, list(range(10)))  # 7 is in the worker's share
    with pytest.raises(ValueError, match="item 7"):
        parallel.run_chunks(work, list(range(7, 40)))  # in this process's: the worker ends
    assert _children() <= before  # every worker was reaped


def test_small_or_turned_off_work_stays_in_this_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def work(items: list[int]) -> list[int]:
        return [os.getpid()] * len(items)

    monkeypatch.delenv("MANUALCTL_WORKERS", raising=False)
    assert set(parallel.run_chunks(work, list(range(parallel.MIN_ITEMS - 1)))) == {os.getpid()}
    monkeypatch.setenv("MANUALCTL_WORKERS", "1")
    assert set(parallel.run_chunks(work, list(range(5000)))) == {os.getpid()}


@pytest.mark.parametrize(
    ("looks", "cpus", "workers"),
    [
        ([1, 1, 1, 1], 2, 2),  # only this process runs: the other CPU is free
        ([2, 2, 2, 2], 2, 1),  # something else runs on the other CPU
        ([1, 2, 1, 2], 2, 2),  # free half the time: a worker still gains
        ([2, 2, 1, 2], 2, 1),  # free a quarter of the time: no
        ([5, 6, 5, 5], 2, 1),
        ([1, 1, 1, 1], 1, 1),
        ([1, 1, 1, 1], 8, parallel.MAX_WORKERS),
        ([3, 3, 3, 3], 8, parallel.MAX_WORKERS),
        ([6, 6, 6, 6], 8, 3),
        ([None, None, None, None], 2, 1),  # /proc/loadavg cannot be read
        ([None, 1, None, 1], 2, 2),
    ],
)
def test_processes_are_used_for_the_cpus_free_now(
    looks: list[int | None], cpus: int, workers: int
) -> None:
    assert parallel._workers(looks, cpus) == workers


def test_the_running_tasks_are_read_and_count_this_one() -> None:
    running = parallel._running()
    if not os.path.exists("/proc/loadavg"):
        assert running is None
    else:
        assert running is not None and running >= 1


def test_workers_reaped_by_the_system_still_give_their_results(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With SIGCHLD ignored, a finished worker is reaped before it is waited for: its
    results are still taken (or its share done here when it wrote none)."""
    import signal

    monkeypatch.setenv("MANUALCTL_WORKERS", "3")
    parent = os.getpid()

    def work(items: list[int]) -> list[int]:
        if os.getpid() != parent and items[0] > 50:
            os._exit(0)  # a worker that writes nothing
        return _square(items)

    previous = signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    try:
        assert parallel.run_chunks(work, list(range(100))) == _square(list(range(100)))
    finally:
        signal.signal(signal.SIGCHLD, previous)


@pytest.mark.parametrize(("running", "forked"), [(1, True), (2, False)])
def test_a_big_run_samples_the_machine_then_shares_the_rest(
    monkeypatch: pytest.MonkeyPatch, running: int, forked: bool
) -> None:
    """This process reads the first SAMPLE items itself, in PIECES pieces with a look at
    the running tasks after each; a worker takes a share of the rest only when the looks
    found a CPU free (here: as if only this process ran, or one more task besides)."""
    looks = _machine(monkeypatch, running)
    count = parallel.MIN_ITEMS + 100
    results = parallel.run_chunks(
        lambda items: [(i, os.getpid()) for i in items], list(range(count))
    )
    assert [item for item, _ in results] == list(range(count))
    assert len(looks) == parallel.PIECES
    mine = {item for item, pid in results if pid == os.getpid()}
    assert set(range(parallel.SAMPLE)) <= mine
    assert (len(mine) < count) == forked


@pytest.mark.parametrize(("running", "forked"), [(1, True), (2, False)])
def test_work_that_looks_first_forks_before_any_item(
    monkeypatch: pytest.MonkeyPatch, running: int, forked: bool
) -> None:
    """``look_first``: one look at the running tasks before any item is done; a CPU free,
    and the worker starts at once, this process doing the first share (no sample); none
    free, and the items are sampled as without it."""
    looks = _machine(monkeypatch, running)
    results = parallel.run_chunks(
        lambda items: [(i, os.getpid()) for i in items],
        list(range(40)),
        min_items=10,
        sample=8,
        look_first=True,
    )
    assert [item for item, _ in results] == list(range(40))
    mine = [item for item, pid in results if pid == os.getpid()]
    if forked:
        assert looks == [1]
        assert mine == list(range(round(40 / (1 + parallel.WORKER_SHARE))))
    else:
        assert len(looks) == 1 + parallel.PIECES
        assert mine == list(range(40))


def _machine(monkeypatch: pytest.MonkeyPatch, running: int) -> list[int]:
    """Two CPUs and ``running`` tasks at every look (this process's among them), no
    MANUALCTL_WORKERS: the looks taken are counted in the list returned."""
    monkeypatch.delenv("MANUALCTL_WORKERS", raising=False)
    looks: list[int] = []

    def look() -> int:
        looks.append(running)
        return running

    monkeypatch.setattr(parallel, "_running", look)
    monkeypatch.setattr(parallel, "_cpus", lambda: 2)
    return looks


def _children() -> set[int]:
    """This process's child processes, reaped or not yet (Linux's /proc), whatever else
    the test run has started: a waitpid(-1) would see those too."""
    found: set[int] = set()
    for task in os.listdir(f"/proc/{os.getpid()}/task"):
        with open(f"/proc/{os.getpid()}/task/{task}/children") as handle:
            found.update(int(pid) for pid in handle.read().split())
    return found
