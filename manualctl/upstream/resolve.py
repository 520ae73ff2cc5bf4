"""Inherited chapters, read from the upstream edition: :func:`inherited` is the resolver
that validate and publish pass to :func:`manualctl.check.validate.check`.

An entry ``- inherit: ID`` becomes an ordinary chapter of the model (its ``file`` is
``upstream:ID``) whose title, text and amendment sentences are the template's at the
edition tag, so every edition format shows it as it shows any chapter. One ``git
cat-file --batch`` process reads the whole edition, each file once by its object id;
nothing is checked out.
"""

# No `from __future__ import annotations`: a NamedTuple's string annotations are each
# compiled at import, the first compile costing 2 ms (tests/test_cli_startup.py).
from pathlib import Path
from typing import NamedTuple

from manualctl.check.file_problems import read_text
from manualctl.check.findings import Finding, did_you_mean
from manualctl.check.inside import Inside
from manualctl.check.load import LocalReader, display
from manualctl.check.rules import finding
from manualctl.errors import GitError
from manualctl.gitbatch import CatFile
from manualctl.model.chapter import Chapter
from manualctl.model.manual import MANUAL_FILE, Manual
from manualctl.model.yamltext.document import data_at
from manualctl.model.yamltext.position import locate as locate_key
from manualctl.upstream import links
from manualctl.upstream.objects import chapters_at
from manualctl.upstream.source import Upstream, UpstreamError, locate
from manualctl.upstream.substitution import Substitution, substitutions


class Edition(NamedTuple):
    """The template's chapters at one edition: by id, in its contents order."""

    upstream: Upstream
    edition: str
    chapters: dict[str, Chapter]


def read_edition(upstream: Upstream, edition: str | None = None) -> Edition:
    """The template's chapters at ``edition`` (default: the one followed)."""
    edition = edition or upstream.edition
    return read_editions(upstream, [edition])[0]


def read_editions(
    upstream: Upstream, editions: list[str], batch: CatFile | None = None
) -> list[Edition]:
    """The template at each of ``editions``, through one cat-file process (``batch``, or
    one started here); what was read before in this process is not read again
    (:mod:`manualctl.upstream.objects`)."""
    if batch is None:
        with CatFile(upstream.repo.top, files=True) as own:
            return read_editions(upstream, editions, own)
    out = []
    for edition in editions:
        tag = upstream.tag_for(edition)
        try:
            chapters = chapters_at(batch, upstream.repo, tag)
        except GitError as exc:
            raise UpstreamError(
                "upstream-unreadable",
                f"the upstream {display(upstream.root)} at {tag}: {exc.message}",
                hint=exc.hint or "",
            ) from None
        out.append(Edition(upstream, edition, chapters))
    return out


def on_disk(root: Path) -> LocalReader:
    """Reads the manual's own files from its folder (None: missing, unreadable or outside)."""
    inside = Inside(root)

    def read(rel: str) -> str | None:
        real = inside.where(rel)
        if real is None:
            return None
        text, _ = read_text(real, missing_ok=True)
        return text

    return read


def inherited(
    manual: Manual, config_text: str, read: LocalReader | None = None
) -> tuple[dict[str, Chapter], list[Finding]]:
    """The manual's inherited chapters (by entry file) and the findings about its
    upstream references, placed on their lines of manual.yaml. Local slots are filled
    from the files ``read`` gives (default: the manual's folder on disk)."""
    read = read or on_disk(manual.root)
    entries = list(manual.inherited_entries())
    settings = manual.upstream
    if settings is None:
        return {}, []  # inherit: without upstream: is reported by validate's own rules
    shown = display(manual.root / MANUAL_FILE)

    def at(path: tuple[str | int, ...]) -> tuple[str, int, int]:
        line, column = locate_key(config_text, path)
        return shown, line, column

    try:
        upstream = locate(manual.root, settings)
        subs = substitutions(manual, config_text)
        bases = [s.based_on for s in subs if s.based_on in upstream.editions]
        wanted = list(dict.fromkeys([upstream.edition, *(b for b in bases if b)]))
        editions = dict(zip(wanted, read_editions(upstream, wanted), strict=True))
    except UpstreamError as exc:
        key = "edition" if exc.code == "upstream-edition-missing" else "manual"
        return {}, [finding(exc.code, at(("upstream", key)), exc.message, exc.hint or "")]
    edition = editions[upstream.edition]
    out: dict[str, Chapter] = {}
    findings: list[Finding] = []
    reach = links.Reach(edition.chapters, entries, subs)
    for entry in entries:
        cid = entry.inherit or ""
        source = edition.chapters.get(cid)
        if source is None:
            findings.append(_unknown(cid, edition, at((*entry.path, "inherit"))))
            continue
        meta = _with_summary(source, upstream.edition, manual.edition_settings.get("preparing"))
        own = _entry_sentences(manual, entry.path)
        if own:
            given = meta.get("amendments")
            meta = {**meta, "amendments": {**(given if isinstance(given, dict) else {}), **own}}
        body = outside = source.body
        if entry.local is not None:
            # only here: compiling the slot patterns costs a manual without slots 1 %
            from manualctl.upstream import slots

            local = read(entry.local)
            if local is not None:
                findings += _unknown_slots(manual, entry.local, local, source)
                body = slots.fill(body, local)
                outside = slots.fill(source.body, slots.emptied(local))
        findings += reach.lost(source, outside, at, (*entry.path, "inherit"))
        out[entry.file] = Chapter(source.path, entry.file, meta, body, source.body_line)
    for sub in subs:
        problem = _substitution(sub, upstream, editions)
        if problem is not None:
            findings.append(problem)
    return out, findings


def _unknown_slots(manual: Manual, rel: str, local: str, source: Chapter) -> list[Finding]:
    """Slots of the local file that the template chapter does not have."""
    from manualctl.upstream import slots

    offered = slots.find(source.body)
    out = []
    for slot in slots.find(local).values():
        if slot.id in offered:
            continue
        known = ", ".join(sorted(offered)) or "none"
        out.append(
            finding(
                "slot-unknown",
                (display(manual.root / rel), slot.line, 1),
                f'the template chapter "{source.id}" has no local slot "{slot.id}" '
                f"(its slots: {known}).{did_you_mean(slot.id, offered)}",
                "Use the id of a '::: {.local id=ID}' block of the template chapter, as "
                "the template edition followed has it.",
            )
        )
    return out


def _entry_sentences(manual: Manual, path: tuple[str | int, ...]) -> dict[str, str]:
    """The council's own sentences on the inherit entry (``amendments:``), if any."""
    raw = data_at(manual.data, path)
    value = raw.get("amendments") if isinstance(raw, dict) else None
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def _with_summary(source: Chapter, followed: str, preparing: object) -> dict[str, object]:
    """The template chapter's keys, with its newest amendment sentence (up to the edition
    followed) also given for the local edition in preparation: an inherited chapter that
    the template changed says in the council's edition what the template said."""
    if not isinstance(preparing, str) or preparing in source.amendments:
        return source.meta
    written = [k for k in source.amendments if k <= followed]
    if not written:
        return source.meta
    sentences = {**source.amendments, preparing: source.amendments[max(written)]}
    return {**source.meta, "amendments": sentences}


def _substitution(
    sub: Substitution, upstream: Upstream, editions: dict[str, Edition]
) -> Finding | None:
    """What is wrong with a substitution at the edition followed, if anything."""
    followed = editions[upstream.edition]
    name = sub.entry.file
    if sub.replaces not in followed.chapters:
        return _unknown(sub.replaces, followed, sub.replaces_at)
    if sub.based_on is None:
        return finding(
            "substitution-based-on",
            sub.replaces_at,
            f'{name} replaces the template chapter "{sub.replaces}" but does not say which '
            "template edition it was written against.",
            f"Add 'based_on: YYYY-MM' (the template edition you wrote it against; if you are "
            f"not sure, read the template's {upstream.edition} text and write {upstream.edition}).",
        )
    if sub.based_on > upstream.edition:
        return finding(
            "substitution-based-on",
            sub.based_on_at,
            f"{name} is based on the template's {sub.based_on}, after the edition this manual "
            f"follows ({upstream.edition}).",
            "Set based_on to the edition you wrote it against, or move upstream.edition on "
            "('manualctl upstream update --to YYYY-MM').",
        )
    if sub.based_on not in editions:
        return finding(
            "upstream-edition-missing",
            sub.based_on_at,
            f"{name} is based on the template's {sub.based_on}, an edition the template "
            f"does not have (its editions: {', '.join(upstream.editions)}).",
            "Correct based_on, or fetch the template's tags ('git fetch --tags').",
        )
    base = editions[sub.based_on].chapters.get(sub.replaces)
    now = followed.chapters[sub.replaces]
    if base is not None and base.substance() == now.substance():
        return None
    return finding(
        "substitution-stale",
        sub.based_on_at,
        f'{name} replaces "{sub.replaces}" ({now.title}) as it was in {sub.based_on}; the '
        f"template changed that chapter by {upstream.edition}.",
        f"Read the template's change (git diff {upstream.tag_for(sub.based_on)} "
        f"{upstream.tag} -- {upstream.repo.repo_path(now.rel)}), change "
        f"{name} if it needs it, then set based_on: {upstream.edition}.",
    )


def _unknown(cid: str, edition: Edition, where: tuple[str, int, int]) -> Finding:
    guess = did_you_mean(cid, edition.chapters)
    if guess:
        chosen = guess.split('"')[1]
        guess = f' Did you mean "{chosen}" ({edition.chapters[chosen].title})?'
    return finding(
        "inherit-unknown",
        where,
        f"the upstream edition {edition.edition} ({edition.upstream.tag}) has no chapter "
        f'with id "{cid}".{guess}',
        "Use the id from the template chapter's front matter at that edition.",
    )
