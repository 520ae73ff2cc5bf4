"""Whether a page of the HTML edition could run script: read with html.parser, not regex.

A page is safe when no element has an ``on*`` attribute, no address (href, src, ...)
uses a scheme other than https, http, mailto or tel (``javascript:``, ``vbscript:``,
``data:`` however written: the parser decodes character references as a browser does),
no ``<script>`` is inline or from outside the site, nothing embeds another document
(iframe, object, embed, base, form), and the page carries a Content-Security-Policy that
forbids inline script.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "xlink:href", "poster", "data", "background",
    "cite", "srcset", "longdesc", "manifest", "ping", "icon",
}  # fmt: skip
SAFE_SCHEMES = {"https", "http", "mailto", "tel"}
FORBIDDEN_TAGS = {"iframe", "object", "embed", "base", "form", "frame", "frameset", "applet"}
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


def scheme(url: str) -> str | None:
    text = re.sub(r"^[\x00-\x20]+", "", re.sub(r"[\t\n\r]", "", url))
    match = _SCHEME.match(text)
    return match.group(1).lower() if match else None


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.csp: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag}> has the event handler {name}={value!r}")
            if name in URL_ATTRIBUTES and value is not None:
                for url in value.split(",") if name == "srcset" else [value]:
                    found = scheme(url.strip())
                    if found is not None and found not in SAFE_SCHEMES:
                        self.problems.append(f"<{tag} {name}={value!r}> uses {found}:")
            if name == "style" and value and re.search(r"url\s*\(|expression", value, re.I):
                self.problems.append(f"<{tag}> has the style {value!r}")
        a = dict(attrs)
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}> in the page")
        if tag == "script":
            src = a.get("src")
            if not src or scheme(src) is not None or src.startswith(("/", "\\")):
                self.problems.append(f"<script> that is not one of the site's files: {a}")
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp.append(a.get("content") or "")


def page_problems(text: str) -> list[str]:
    """What could run script in one page (empty when it is safe)."""
    reader = _Reader()
    reader.feed(text)
    reader.close()
    problems = reader.problems
    if len(reader.csp) != 1:
        problems.append(f"{len(reader.csp)} Content-Security-Policy meta elements (want 1)")
    else:
        policy = {
            part.split()[0]: part.split()[1:] for part in reader.csp[0].split(";") if part.strip()
        }
        script = policy.get("script-src", policy.get("default-src"))
        if script is None or "'unsafe-inline'" in script or "'unsafe-eval'" in script:
            problems.append(f"the Content-Security-Policy allows inline script: {reader.csp[0]}")
        if policy.get("object-src", policy.get("default-src")) != ["'none'"]:
            problems.append("the Content-Security-Policy allows plugins (object-src)")
    return problems


def site_problems(site: Path) -> dict[str, list[str]]:
    """Every page of a site (its .html files) with what could run script in it."""
    found = {}
    for path in sorted(site.rglob("*.html")):
        problems = page_problems(path.read_text(encoding="utf-8"))
        if problems:
            found[path.relative_to(site).as_posix()] = problems
    return found
