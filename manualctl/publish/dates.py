"""When an edition is dated: SOURCE_DATE_EPOCH when set, else the last commit touching the
manual, else now; so publishing the same commit twice gives the same bytes."""

from __future__ import annotations

import os
import time
from datetime import UTC, date, datetime
from pathlib import Path

from manualctl.errors import UsageError


def source_epoch(root: Path) -> int:
    """Seconds since 1970 for the edition's dates: SOURCE_DATE_EPOCH, else the last
    commit touching the manual, else now."""
    from manualctl.git import commit_time

    env = env_epoch()
    if env is not None:
        return env
    committed = commit_time(root)
    return committed if committed is not None else int(time.time())


def env_epoch() -> int | None:
    env = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not env:
        return None
    hint = "Set it to a Unix time (git log -1 --format=%ct) or unset it."
    if not (env.isascii() and env.isdigit()):  # "１２３" is digits to Python, not to a shell
        raise UsageError(f'SOURCE_DATE_EPOCH is "{env}", not a number of seconds.', hint=hint)
    if int(env) > _LAST_EPOCH:
        raise UsageError(
            f"SOURCE_DATE_EPOCH is {env}, a time after the year 9999 (at most {_LAST_EPOCH}).",
            hint=hint,
        )
    return int(env)


_LAST_EPOCH = 253_402_300_799  # 9999-12-31 23:59:59 UTC


def printed_date(epoch: int) -> date:
    """The date printed on the edition (UTC day of ``epoch``)."""
    return datetime.fromtimestamp(epoch, UTC).date()
