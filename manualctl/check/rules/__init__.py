"""Every validation rule, by its stable code: severity and what it checks.

Rule modules make findings through :func:`finding`, which takes the severity from
here, so a code always has the same severity. The README's rules table lists the same
codes (a test keeps the two in step).
"""

from __future__ import annotations

from manualctl.check.findings import Finding, Severity

E = Severity.ERROR
W = Severity.WARNING


class Rule:
    """A rule: its severity and what it checks (for the README's table). (A plain class:
    making a NamedTuple compiles its ``__new__``, which every command's start-up pays for.)"""

    __slots__ = ("checks", "severity")

    def __init__(self, severity: Severity, checks: str) -> None:
        self.severity = severity
        self.checks = checks


RULES: dict[str, Rule] = {
    # reading files
    "file-unreadable": Rule(E, "a file cannot be read (permissions, a folder of that name)"),
    "file-encoding": Rule(E, "a file is not UTF-8 text (a UTF-8 BOM and CRLF are accepted)"),
    "file-empty": Rule(E, "manual.yaml or a chapter file is empty"),
    "yaml-syntax": Rule(E, "manual.yaml or front matter is not valid YAML (tabs, colons, quotes)"),
    "yaml-alias": Rule(E, "manual.yaml or front matter uses a YAML alias (*name)"),
    "limit-size": Rule(E, "a file bigger than manualctl reads (chapter 5 MB, manual.yaml 50 MB)"),
    "limit-nesting": Rule(E, "lists, quotes and boxes nested more than 12 deep"),
    "limit-word": Rule(E, "a run of more than 1,000 characters with no space (outside code)"),
    "front-matter": Rule(E, "a chapter does not start with front matter between '---' lines"),
    # the schemas
    "schema-unknown-key": Rule(E, "a key the schema does not know (with a did-you-mean)"),
    "schema-missing-key": Rule(E, "a required key is missing (id, title, file, ...)"),
    "schema-entry-kind": Rule(E, "a contents entry is none of file/external/see_also/note/..."),
    "schema-type": Rule(E, "a value of the wrong type (text, number, list, 'key: value' lines)"),
    "schema-choice": Rule(E, "a value outside its list (flag, status, label, kind)"),
    "schema-format": Rule(E, "a value in the wrong form (id, date, edition, number, url)"),
    "schema-empty": Rule(E, "a value or list that must not be empty"),
    "schema-range": Rule(E, "a number out of range (every_months is 1 to 120)"),
    "schema-other": Rule(E, "any other schema error"),
    # manual.yaml contents
    "path-absolute": Rule(E, "a file path is absolute or uses backslashes"),
    "path-outside": Rule(E, "a file path leaves the manual's folder ('../', a symlink)"),
    "missing-file": Rule(E, "a chapter file named in manual.yaml does not exist"),
    "file-not-markdown": Rule(E, "a chapter file is not a .md file"),
    "duplicate-file": Rule(E, "the same chapter file is listed twice"),
    "orphan-file": Rule(E, "a .md file under chapters/ is not in the contents"),
    "number-pinned": Rule(E, "a pinned number does not agree with its position"),
    "duplicate-manual-id": Rule(E, "two manuals checked together have the same id"),
    "tag-format": Rule(E, "edition.tag_format makes tag names git refuses ('../{edition}')"),
    "see-also-unknown": Rule(E, "a see-also names a chapter id that is not in the manual"),
    "external-no-url": Rule(W, "an external chapter has no url"),
    # manuals built on a template (upstream:, inherit:)
    "inherit-no-upstream": Rule(E, "an 'inherit:' entry in a manual that names no upstream"),
    "upstream-unreadable": Rule(E, "the upstream folder is not a manual, or not in git history"),
    "upstream-edition-missing": Rule(E, "the upstream edition has no tag (not released, fetched)"),
    "inherit-unknown": Rule(E, "an inherited or replaced id the upstream edition does not have"),
    "substitution-based-on": Rule(E, "a replacing chapter's based_on is missing or after edition"),
    "substitution-stale": Rule(E, "upstream changed the chapter a substitution replaces"),
    "slot-unknown": Rule(E, "a local slot the template chapter does not have"),
    "inherit-link-unplaced": Rule(
        W, "an inherited chapter links to a template chapter not placed here"
    ),
    "inherit-link-file": Rule(
        W, "an inherited chapter links to a template file that is not a chapter"
    ),
    # upstream status (reported by 'manualctl upstream status')
    "upstream-changed": Rule(W, "an inherited chapter changed in a later upstream edition"),
    "upstream-retitled": Rule(W, "a placed upstream chapter has a new title upstream"),
    "upstream-removed": Rule(E, "a placed upstream chapter is gone from a later edition"),
    "upstream-unplaced": Rule(W, "a new upstream chapter the manual does not place"),
    # upstream update --merge
    "substitution-conflict": Rule(E, "the template and a substitution changed the same lines"),
    # chapter front matter
    "duplicate-id": Rule(E, "two chapters have the same id"),
    "id-retired": Rule(E, "a chapter uses the id of a retired chapter"),
    "amendments-twice": Rule(E, "more than one chapter has 'kind: amendments'"),
    "date-invalid": Rule(E, "a date that does not exist (2026-02-30)"),
    "owner-missing": Rule(W, "a chapter has no owner"),
    "review-missing": Rule(W, "a chapter has no review information"),
    "review-incomplete": Rule(W, "review has no 'next' date, nor 'last' with 'every_months'"),
    "review-order": Rule(W, "review.next is before review.last"),
    "review-overdue": Rule(W, "the next review date has passed (fails with --strict)"),
    "chapter-awaiting-text": Rule(W, "a chapter has no text yet (empty body)"),
    # chapter body
    "link-dangling": Rule(E, "a [link](chapter:ID) or (#ID) names no chapter or heading"),
    "link-missing-file": Rule(E, "a link to a relative path that does not exist"),
    "link-outside": Rule(E, "a link to a file outside the manual's folder"),
    "link-unknown-anchor": Rule(W, "a link's #anchor is not a heading of the chapter it names"),
    "link-url-punctuation": Rule(W, "a web address ends in punctuation (a full stop inside <...>)"),
    "image-missing": Rule(E, "an image file that does not exist"),
    "image-outside": Rule(E, "an image outside the manual's folder, or on the web"),
    "image-alt": Rule(E, "an image without alt text"),
    "image-format": Rule(E, "an image that is not a picture file (png, jpg, gif, svg, ...)"),
    "image-content": Rule(E, "an image file that is not the picture it says (text, damaged)"),
    "image-unsafe": Rule(E, "an SVG with script, event handlers, outside references or a DOCTYPE"),
    "heading-skip": Rule(E, "a heading level is skipped (## then ####)"),
    "raw-markup": Rule(E, "raw HTML, OpenXML, Typst or LaTeX in a chapter body"),
    "raw-comment": Rule(W, "an HTML comment in a chapter body (editions print it as text)"),
    "attribute-refused": Rule(E, "an attribute not in the allow-list ({onclick=...})"),
    "attribute-value": Rule(E, "a lang or dir attribute that says no language or direction"),
    "link-scheme": Rule(E, "a link address whose scheme is refused (javascript:, data:, ...)"),
    "class-reserved": Rule(E, "a class the editions keep for their structure (.chapter)"),
    "box-unbalanced": Rule(E, "a ':::' line that closes no box, or a box never closed"),
    "template-text": Rule(W, "the chapter template's placeholder text is still there"),
    "conflict-markers": Rule(E, "merge conflict markers (<<<<<<<, =======, >>>>>>>) in a file"),
    # web addresses (reported by 'manualctl links', which checks them on the web)
    "link-broken": Rule(E, "a web address answers with an error (404 Not Found, 410, 500, ...)"),
    "link-unreachable": Rule(E, "a web address gives no answer (time-out, refused, TLS error)"),
    "link-redirected": Rule(W, "a web address has moved for good (301/308) to another one"),
    "link-rate-limited": Rule(W, "a site answered 429 Too Many Requests to every try"),
    # editions and publishing (reported by stamp --check, release and publish)
    "flag-stale": Rule(E, "a New/Updated flag in manual.yaml is out of date ('manualctl stamp')"),
    "amendment-missing": Rule(E, "a New or Updated chapter has no amendment summary"),
    "image-path": Rule(E, "an image the PDF edition cannot take in (outside the manual)"),
    "publish-content": Rule(E, "something in a chapter an edition format cannot show"),
    "raw-typst": Rule(E, "raw Typst code in a chapter (the PDF edition runs no code)"),
    "pdf-no-font": Rule(E, "publish --format pdf: a character none of the PDF's fonts has"),
}


def finding(code: str, where: tuple[str, int, int], message: str, hint: str) -> Finding:
    """A finding for rule ``code`` at ``where`` (file, line, column)."""
    file, line, column = where
    return Finding(file, line, column, RULES[code].severity, code, message, hint)
