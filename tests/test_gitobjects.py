"""Git objects read from the repository's files (manualctl/gitobjects.py) are git's:
every object and every "TAG:PATH" of generated repositories, loose, packed (deltas by
offset and by id, deep chains), both, and a work tree's, answered as `git cat-file
--batch` answers; what this reader does not read is asked of git."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from conftest import commit_all, git
from upstream_helpers import two_editions_repo

from manualctl import gitobjects, proc
from manualctl.gitbatch import CatFile
from manualctl.upstream import objects


def _history(tmp_path: Path, seed: int) -> Path:
    """A repository, ``tmp_path``/repo: commits of files in nested folders, edited a
    little each time (deltas when packed), a big file (copies of 64 KiB in a delta), and
    tags of each kind."""
    rng = random.Random(seed)
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    words = [rng.randbytes(4).hex() for _ in range(200)]
    files = [f"{rng.choice(['', 'a/', 'a/b/', 'c/'])}f{n}.md" for n in range(25)]
    lines = [" ".join(rng.choices(words, k=12)) for _ in range(60)]
    for n in range(6):
        for rel in rng.sample(files, 12):
            path = repo / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            old = path.read_text() if path.exists() else ""
            path.write_text(old + " ".join(rng.choices(words, k=40)) + "\n")
        big = repo / "big.bin"
        big.write_bytes((big.read_bytes() if big.exists() else b"") + rng.randbytes(70_000))
        for step in range(4):  # a line changed in every commit: long delta chains
            lines[rng.randrange(len(lines))] = " ".join(rng.choices(words, k=12))
            (repo / "a" / "log.md").write_text("\n".join(lines) + "\n")
            commit_all(repo, f"commit {n}.{step}", date=f"2026-0{n + 1}-0{step + 1}T12:00:00Z")
        git(repo, "tag", "-a", f"m/2026-0{n + 1}", "-m", f"edition {n}")
    git(repo, "tag", "light/one", "m/2026-03")  # a tag that is no object
    git(repo, "tag", "-a", "m/of-a-tag", "-m", "a tag of a tag", "m/2026-02")
    return repo


def _specs(repo: Path) -> list[str]:
    """Every object id, and every path (and some that are not there) at every tag."""
    out = git(repo, "cat-file", "--batch-all-objects", "--batch-check=%(objectname)").split()
    for tag in git(repo, "tag", "--list").split():
        out.append(f"{tag}:")
        for line in git(repo, "ls-tree", "-r", "-t", tag).splitlines():
            path = line.split("\t")[1]
            out += [f"{tag}:{path}", f"{tag}:{path}/nothing"]
        out += [f"{tag}:missing.md", f"{tag}:a/missing/f1.md", f"{tag}:f0.md/x"]
    return out


def _answers(repo: Path, specs: list[str], *, files: bool) -> list[tuple[str, str, bytes] | None]:
    with CatFile(repo, files=files) as batch:
        found = batch.objects(specs)
        assert (batch.proc is None) == files  # everything answered from the files
    return [None if o is None else (o.oid, o.kind, o.data) for o in found]


@pytest.mark.parametrize(
    "state",
    ["loose", "packed", "packed by id", "deep chains", "packed and loose"],
)
def test_objects_read_from_the_files_are_gits(tmp_path: Path, state: str) -> None:
    repo = _history(tmp_path, seed=len(state))
    if state == "packed":
        git(repo, "gc", "-q")
    elif state == "packed by id":
        git(repo, "-c", "repack.useDeltaBaseOffset=false", "repack", "-a", "-d", "-f", "-q")
    elif state == "deep chains":
        git(repo, "repack", "-a", "-d", "-f", "-q", "--depth=250", "--window=50")
    elif state == "packed and loose":
        git(repo, "gc", "-q")
        (repo / "a" / "late.md").write_text("Late.\n")
        commit_all(repo, "a late commit", date="2026-09-01T12:00:00Z")
        git(repo, "tag", "-a", "m/2026-09", "-m", "late")
    packs = list((repo / ".git" / "objects" / "pack").glob("*.pack"))
    assert bool(packs) == (state != "loose")
    specs = _specs(repo)
    assert _answers(repo, specs, files=True) == _answers(repo, specs, files=False)


def test_a_work_tree_reads_the_common_folders_objects(tmp_path: Path) -> None:
    repo = _history(tmp_path, seed=3)
    git(repo, "gc", "-q")
    other = tmp_path / "other"
    git(repo, "worktree", "add", "-q", str(other), "m/2026-04")
    assert (other / ".git").is_file()
    specs = _specs(repo)
    assert _answers(other, specs, files=True) == _answers(repo, specs, files=False)


def test_what_the_files_do_not_answer_is_asked_of_git(tmp_path: Path) -> None:
    repo = _history(tmp_path, seed=4)
    git(repo, "branch", "m/2026-05-fixes", "m/2026-02")
    head = git(repo, "rev-parse", "HEAD").strip()
    specs = [
        "HEAD:a",  # not a tag name
        "m/2026-05-fixes:f0.md",  # a branch
        f"{head[:10]}:a",  # a short id
        "m/2026-02~1:a",  # not a plain name
        "m/2026-02:./a",  # relative to the folder git runs in
        "refs/tags/m/2026-02:a",  # a full ref name
        "0" * 40,  # no such object
    ]
    store = gitobjects.open_store(repo)
    assert store is not None
    for spec in specs:
        with pytest.raises(gitobjects.AskGit):
            store.answer(spec)
    with CatFile(repo, files=True) as batch:
        found = batch.objects(["m/2026-02:a", *specs])
        assert batch.proc is not None
    expected = _answers(repo, ["m/2026-02:a", *specs], files=False)
    assert [None if o is None else (o.oid, o.kind, o.data) for o in found] == expected


def test_a_name_git_finds_before_the_tag_is_left_to_git(tmp_path: Path) -> None:
    repo = _history(tmp_path, seed=5)
    store = gitobjects.open_store(repo)
    assert store is not None and store.answer("m/2026-03:a") is not None
    # refs/m/2026-03 comes before refs/tags/m/2026-03 in git's order
    git(repo, "update-ref", "refs/m/2026-03", "m/2026-01")
    with pytest.raises(gitobjects.AskGit):
        store.answer("m/2026-03:a")
    spec = ["m/2026-03:a"]
    assert (
        _answers(repo, spec, files=False)[0]
        != _answers(repo, ["refs/tags/m/2026-03:a"], files=False)[0]
    )
    with CatFile(repo, files=True) as batch:
        found = batch.objects(spec)[0]
    assert (
        found is not None
        and (found.oid, found.kind, found.data) == _answers(repo, spec, files=False)[0]
    )


def test_replace_refs_and_extensions_are_left_to_git(tmp_path: Path) -> None:
    repo = _history(tmp_path, seed=6)
    assert gitobjects.open_store(repo) is not None
    first = git(repo, "rev-parse", "m/2026-01^{commit}").strip()
    second = git(repo, "rev-parse", "m/2026-02^{commit}").strip()
    git(repo, "replace", first, second)
    assert gitobjects.open_store(repo) is None
    sha256 = tmp_path / "sha256"
    sha256.mkdir()
    git(sha256, "init", "-q", "--object-format=sha256")
    assert gitobjects.open_store(sha256) is None


def test_validate_of_a_manual_built_on_a_template_starts_no_program(
    tmp_path: Path,
    cli,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    repo = two_editions_repo(tmp_path)
    (repo / "manuals" / "template" / "chapters" / "all-children" / "our-vision.md").write_text(
        "Edited since.\n"
    )  # read from git: the folder no longer holds it as released
    expected = cli("validate", "manuals/council", cwd=repo)
    assert expected.exit_code == 0, expected.stdout

    def refused(*args: object, **kwargs: object) -> proc.Process:
        raise AssertionError("a program was started")

    monkeypatch.setattr(proc, "start", refused)
    monkeypatch.setattr(proc, "run", refused)
    objects.forget()  # as a new process: nothing read yet
    again = cli("validate", "manuals/council", cwd=repo)
    assert (again.exit_code, again.stdout) == (expected.exit_code, expected.stdout)


def test_a_broken_tree_is_left_to_git(tmp_path: Path) -> None:
    """A tree whose entries do not parse (written by hand, as git never would) is git's
    to report, not an error inside manualctl."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    broken = tmp_path / "tree"
    broken.write_bytes(b"100644 no-nul-after-this-name")
    oid = git(repo, "hash-object", "-t", "tree", "--literally", "-w", str(broken)).strip()
    store = gitobjects.open_store(repo)
    assert store is not None
    with pytest.raises(gitobjects.AskGit):
        store.answer(f"{oid}:a.md")
