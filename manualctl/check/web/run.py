"""``manualctl links``: the links of several manuals, inside them and on the web.

Inside the manuals, validate's own rules check ``chapter:`` links, relative links and
anchors (its findings of those rules are shown, and of files that cannot be read, whose
links cannot be checked); with ``offline`` that is all, and no request is sent.
Otherwise every web address of every manual is asked once (lychee,
:mod:`manualctl.check.web.lychee`) unless the cache answered it within ``max_age``,
and each one that fails, has moved or could not be asked becomes one finding at its
first use, naming every place that uses it and since when it fails.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from manualctl import git
from manualctl.check.findings import Finding
from manualctl.check.load import Resolver
from manualctl.check.rules import finding
from manualctl.check.validate import check
from manualctl.check.web import lychee
from manualctl.check.web.state import Answer, State
from manualctl.check.web.uses import Use, collect

#: validate's rules about links inside a manual (and web addresses' spelling)
INTERNAL = frozenset(
    {
        "link-dangling",
        "link-missing-file",
        "link-outside",
        "link-unknown-anchor",
        "link-url-punctuation",
        "see-also-unknown",
    }
)
#: validate's rules about a file that cannot be read: its links are not checked either
UNREAD = frozenset(
    {
        "file-unreadable",
        "file-encoding",
        "file-empty",
        "yaml-syntax",
        "yaml-alias",
        "limit-size",
        "front-matter",
    }
)
#: the folder of manualctl's own files at the top of a repository, and the cache in it
CACHE_FOLDER = ".manualctl"
CACHE_NAME = "links.json"
#: at most this many places are named in one finding (then how many more)
PLACES_SHOWN = 10


@dataclass
class LinkReport:
    """What a links run found, and how much it asked."""

    findings: list[Finding] = field(default_factory=list)
    manuals: int = 0
    addresses: int = 0  # different web addresses in the manuals
    asked: int = 0  # asked on the web in this run
    cached: int = 0  # answered from the cache
    skipped: int = 0  # not checked (lychee leaves them out)
    cache: Path | None = None


def default_cache(roots: Sequence[Path]) -> Path:
    """``.manualctl/links.json`` at the top of the repository of the first manual (the
    current folder when it is not in a git repository)."""
    top = git.toplevel(roots[0]) if roots else None
    return (top or Path.cwd()) / CACHE_FOLDER / CACHE_NAME


def check_links(
    roots: Sequence[Path],
    *,
    now: datetime,
    offline: bool = False,
    max_age: timedelta = timedelta(days=1),
    cache: Path | None = None,
    settings: lychee.Settings | None = None,
    resolver: Resolver | None = None,
) -> LinkReport:
    """Check the links of the manuals at ``roots`` (see the module's docstring)."""
    settings = settings or lychee.Settings()
    out = LinkReport(manuals=len(roots))
    uses: dict[str, list[Use]] = {}
    for root in roots:
        report = check(root, resolver=resolver)
        if report.manual is None:  # what stops it being read is why its links are not checked
            out.findings += report.findings
            continue
        out.findings += [f for f in report.findings if f.code in INTERNAL or f.code in UNREAD]
        collect(report.manual, report.config_text, report.reads, uses)
    out.addresses = len(uses)
    if offline or not uses:
        out.findings.sort()
        return out
    path = cache or default_cache(roots)
    state = State.load(path)
    answers: dict[str, Answer] = {}
    for url in uses:
        kept = state.fresh(url, now, max_age)
        if kept is not None:
            answers[url] = kept
    out.cached = len(answers)
    todo = [url for url in uses if url not in answers]
    out.asked = len(todo)
    for url, outcome in lychee.ask(todo, settings).items():
        answers[url] = state.record(url, outcome, now)
    state.save(now, ignore_folder=cache is None)
    out.cache = path
    accepted = {str(code) for code in settings.accept}
    for url, places in uses.items():
        answer = answers[url]
        out.skipped += answer.outcome.result == "skipped"
        broken = answer.outcome.result == "broken"
        if broken and answer.outcome.detail.partition(" ")[0] in accepted:
            continue  # kept from a run before --accept took its code
        made = _finding(url, answer, places)
        if made is not None:
            out.findings.append(made)
    out.findings.sort()
    return out


def _finding(url: str, answer: Answer, places: list[Use]) -> Finding | None:
    result, detail, moved_to = answer.outcome
    used_in = f"Failing since {answer.failing_since}; used" if answer.failing_since else "Used"
    used = _places(places)
    if result == "broken":
        return finding(
            "link-broken",
            places[0].where,
            f'{url} answers "{detail}". {used_in} in {used}.',
            "Find where the page has gone (search its site, or a web archive) and change "
            "the link everywhere it is used, or remove it; then run 'manualctl links' again.",
        )
    if result == "unreachable":
        secure = "certificate" in detail.lower() or "tls" in detail.lower()
        return finding(
            "link-unreachable",
            places[0].where,
            f'{url} cannot be reached ("{detail}"). {used_in} in {used}.',
            "The site's security certificate is not trusted: tell the site's owner, or "
            "link to another page."
            if secure
            else "Open it in a browser: if the site has gone, change or remove the link; "
            "if it is only down or slow today, a run after --max-age asks it again.",
        )
    if result == "redirected":
        return finding(
            "link-redirected",
            places[0].where,
            f'{url} has moved for good ("{detail}") to {moved_to}. {used_in} in {used}.',
            "Change the link to the new address: readers go straight there, and the link "
            "still works when the old address stops redirecting.",
        )
    if result == "rate-limited":
        return finding(
            "link-rate-limited",
            places[0].where,
            f'{url}: the site answered "{detail}" to every try, so whether the link works '
            f"is not known. {used_in} in {used}.",
            "The next run asks it again. If this keeps happening, ask the site less at "
            "once: --host-concurrency 1 and a longer --host-interval.",
        )
    return None


def _places(places: list[Use]) -> str:
    named = [f"{use.label} ({use.where[0]}:{use.where[1]})" for use in places[:PLACES_SHOWN]]
    more = len(places) - PLACES_SHOWN
    if more > 0:
        named.append(f"{more} more place{'s' if more > 1 else ''}")
    return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
