"""`git setup` and the merge driver against hostile paths, revisions and files."""

from __future__ import annotations

import os
import shlex
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from helpers import FIXED, GIT_ENV, Demo, git, make_actor

from regietui import gitrepo, ops
from regietui.store import BoardStore, loads

BOARD = "boards/coop.json"


def _attr(repo: Path, path: str) -> str:
    return git(repo, "check-attr", "merge", "--", path).stdout.rsplit(": ", 1)[-1].strip()


def _delete_against_link(repo: Path, board: str, demo: Demo) -> str:
    """On branch `theirs` Bob links the iPads card to the workplace item; on main Ann deletes
    that item; then git merges `theirs` into main. Returns git's stderr (the driver's say)."""
    path = repo / board
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "start")
    for branch, change in (
        ("theirs", lambda b: ops.link(b, demo.ipads, demo.workplace, make_actor(3, "Bob"))),
        ("main", lambda b: ops.delete(b, "roadmap", demo.workplace, make_actor(2, "Ann"))),
    ):
        git(repo, "checkout", "-q", *(["-b"] if branch == "theirs" else []), branch)
        store = BoardStore(path)
        store.save(change(store.load()).board)
        git(repo, "commit", "-q", "-am", branch)
    merged = git(repo, "merge", "--no-edit", "theirs", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert demo.workplace in loads(path.read_text(encoding="utf-8")).ambitions[demo.ipads].linked
    return merged.stderr


def test_setup_for_a_board_outside_boards_writes_its_own_pattern(
    tmp_path: Path, demo: Demo, run, monkeypatch
) -> None:
    """A board anywhere in the repository (here under a folder with a space and glob characters)
    gets a pattern for exactly its path, and git then merges it with the driver."""
    repo = tmp_path / "repo"
    name = "plan [v2]/board *1*.json"
    BoardStore(repo / name).create(demo.board)
    BoardStore(repo / "plan [v2]/board x1y.json").create(demo.board)  # must not match
    git(repo, "init", "-q")
    monkeypatch.chdir(repo)
    done = run("git", "setup", "-b", name)
    assert done.code == 0, done.err
    # the glob characters escaped, each space matched by ? (a space would end the pattern)
    attributes = (repo / ".gitattributes").read_text(encoding="utf-8")
    assert attributes == "plan?\\[v2]/board?\\*1\\*.json merge=regietui\n"
    assert _attr(repo, name) == "regietui"
    assert _attr(repo, "plan [v2]/board x1y.json") == "unspecified"
    again = run("git", "setup", "-b", name)
    assert (again.code, again.out) == (0, "git is already set up for regietui boards\n")

    assert "still used by" in _delete_against_link(repo, name, demo)


def test_setup_of_a_board_at_the_top_anchors_the_pattern(tmp_path: Path, demo: Demo, run) -> None:
    repo = tmp_path / "repo"
    BoardStore(repo / "coop.json").create(demo.board)
    git(repo, "init", "-q")
    done = run("git", "setup", "-b", repo / "coop.json")
    assert done.code == 0, done.err
    assert (repo / ".gitattributes").read_text() == "/coop.json merge=regietui\n"
    assert _attr(repo, "coop.json") == "regietui"
    assert _attr(repo, "sub/coop.json") == "unspecified"


def test_a_pattern_that_would_inject_a_line_is_refused(repo: Path, run, monkeypatch) -> None:
    monkeypatch.chdir(repo)
    for pattern in ("boards/*.json\n* -merge", "my board.json", ""):
        refused = run("git", "setup", "--pattern", pattern)
        assert refused.code == 1
        assert "a .gitattributes pattern has no spaces or control characters" in refused.err
    assert not (repo / ".gitattributes").exists()


def test_setup_appends_to_a_gitattributes_that_is_not_utf8(repo: Path, run, monkeypatch) -> None:
    old = b"*.txt text\n# caf\xe9 in Latin-1\n*.bin binary"
    (repo / ".gitattributes").write_bytes(old)
    monkeypatch.chdir(repo)
    done = run("git", "setup")
    assert done.code == 0, done.err
    assert (repo / ".gitattributes").read_bytes() == old + b"\nboards/*.json merge=regietui\n"
    assert run("git", "setup").out == "git is already set up for regietui boards\n"


def test_the_driver_command_quotes_a_hostile_interpreter_path(
    repo: Path, demo: Demo, run, monkeypatch
) -> None:
    """A venv under a folder named with `$(...)`, quotes and spaces: git runs the driver command
    through the shell, and the quoting keeps that path a path."""
    folder = repo.parent / "venv $(touch PWNED) 'q\" `touch PWNED2`"
    folder.mkdir()
    python = folder / "python"
    python.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} "$@"\n')
    python.chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(python))
    monkeypatch.setenv("PATH", os.defpath)  # no regietui on PATH: the interpreter's path is used
    monkeypatch.chdir(repo)
    assert run("git", "setup").code == 0
    command = git(repo, "config", "--get", "merge.regietui.driver").stdout.strip()
    assert command == gitrepo.driver_command(str(python))
    assert shlex.split(command)[0] == str(python)

    # the driver ran (through the quoted path): it reports the reference conflict
    assert "still used by" in _delete_against_link(repo, BOARD, demo)
    assert not list(repo.parent.rglob("PWNED*"))


VENV_BIN = Path(sys.prefix) / "bin"


@pytest.mark.skipif(not (VENV_BIN / "regietui").exists(), reason="regietui is not installed")
def test_setup_writes_the_regietui_on_path_when_it_is_this_program(
    repo: Path, demo: Demo, run, monkeypatch
) -> None:
    """`regietui` found on PATH survives a rebuilt or moved venv, where an interpreter's path
    would not; git finds it on its own PATH when it merges."""
    path = f"{VENV_BIN}{os.pathsep}{os.defpath}"
    monkeypatch.setenv("PATH", path)
    monkeypatch.setitem(GIT_ENV, "PATH", path)
    monkeypatch.chdir(repo)
    assert run("git", "setup").code == 0
    command = git(repo, "config", "--get", "merge.regietui.driver").stdout
    assert command == "regietui merge-driver %O %A %B %P\n"
    assert "still used by" in _delete_against_link(repo, BOARD, demo)


def test_setup_does_not_trust_another_regietui_on_path(repo: Path, run, monkeypatch) -> None:
    other = repo.parent / "other"
    other.mkdir()
    (other / "regietui").write_text("#!/bin/sh\nexit 1\n")
    (other / "regietui").chmod(0o755)
    monkeypatch.setenv("PATH", f"{other}{os.pathsep}{VENV_BIN}{os.pathsep}{os.defpath}")
    monkeypatch.chdir(repo)
    assert run("git", "setup").code == 0
    command = git(repo, "config", "--get", "merge.regietui.driver").stdout.strip()
    assert command == f"{shlex.quote(sys.executable)} -m regietui merge-driver %O %A %B %P"


def test_validate_and_check_say_when_git_would_merge_without_the_driver(
    repo: Path, run, monkeypatch
) -> None:
    board, root = repo / BOARD, repo.resolve()
    monkeypatch.chdir(repo)
    # a fresh clone: .gitattributes asks for the driver, this clone's .git/config has none
    (repo / ".gitattributes").write_text("boards/*.json merge=regietui\n")
    done = run("validate", "-b", board)
    assert done.code == 0 and done.out.startswith(f"{board}: valid")
    assert done.err == (
        f"regietui: warning: git merges {board} without regietui's merge driver, which is not"
        f" set up in this clone ({root}): run `regietui git setup`\n"
    )
    # the venv the driver ran from was moved or deleted
    gone = "/gone/venv $(x)/bin/python"
    driver = f"{shlex.quote(gone)} -m regietui merge-driver %O %A %B %P"
    git(repo, "config", "merge.regietui.driver", driver)
    gone_text = (
        f"regietui: warning: the merge driver in {root}/.git/config runs {gone}, which no longer"
        " exists (a moved or rebuilt venv?): run `regietui git setup` again\n"
    )
    assert run("validate", "-b", board).err == gone_text
    assert run("check", "-b", board).err == gone_text
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    assert run("check", "-b", board).err.startswith(
        f"regietui: waarschuwing: de merge-driver in {root}/.git/config start {gone}, dat niet"
    )
    assert run("git", "setup").code == 0
    assert run("validate", "-b", board).err == ""
    assert run("check", "-b", board).err == ""


def test_validate_says_nothing_about_git_for_a_board_outside_git(board_file: Path, run) -> None:
    assert run("validate", "-b", board_file).err == ""


@pytest.mark.parametrize("rev", ["--output=/tmp/regietui-pwned", "-p", "--no-index"])
def test_a_revision_that_looks_like_an_option_is_refused(repo: Path, run, rev: str) -> None:
    done = run("diff", "-b", repo / BOARD, "--", rev)
    assert done.code == 1
    assert done.err == f"regietui: {rev!r} is not a git revision\n"
    assert not Path("/tmp/regietui-pwned").exists()


def test_revisions_are_passed_after_end_of_options(repo: Path, monkeypatch) -> None:
    """Even a revision that got past the check cannot be read as an option by git."""
    calls = []
    real = gitrepo.git

    def spy(folder: Path, *args: str) -> str:
        calls.append(args)
        return real(folder, *args)

    monkeypatch.setattr(gitrepo, "git", spy)
    assert loads(gitrepo.show(repo / BOARD, "HEAD")).ambitions
    assert calls == [("show", "--end-of-options", "HEAD:./coop.json")]


def test_the_driver_explains_a_missing_or_binary_version(board_file: Path, run) -> None:
    folder = board_file.parent
    binary = folder / "theirs.bin"
    binary.write_bytes(b"\x00\x01PNG\xff")
    cases = [
        (folder / "gone", board_file, board_file, "the base version git gave"),
        (board_file, board_file, binary, "the theirs version is binary, not a board"),
        (board_file, folder / "gone", board_file, "the ours version git gave"),
    ]
    for base, ours, theirs, message in cases:
        before = board_file.read_bytes()
        done = run("merge-driver", base, ours, theirs, "boards/coop.json")
        assert done.code == 1
        assert done.err.startswith("regietui: boards/coop.json: ") and message in done.err
        assert done.err.count("\n") == 1 and "Traceback" not in done.err
        assert board_file.read_bytes() == before


def test_the_driver_merges_with_an_empty_base(board_file: Path, demo: Demo, run) -> None:
    """Both branches added the board (git gives an empty base): the two merge, nothing is lost."""
    empty = board_file.parent / "empty"
    empty.write_text("")
    theirs = board_file.parent / "theirs.json"
    later = make_actor(5, at=FIXED + timedelta(hours=1))
    changed = ops.move(demo.board, demo.ipads, "exploring", later).board
    BoardStore(theirs).create(changed)
    done = run("merge-driver", empty, board_file, theirs, "boards/coop.json")
    assert done.code == 0, done.err
    board = loads(board_file.read_text(encoding="utf-8"))
    assert board.ambitions[demo.ipads].status == "exploring"
    assert set(board.events) >= set(changed.events)


def test_resolve_without_markers_and_conflicts_says_there_is_nothing(board_file, run) -> None:
    done = run("resolve", "-b", board_file)
    assert done.code == 0
    assert "nothing to resolve (no conflict markers, no merge conflict to review)" in done.out


def test_git_setup_outside_a_repository_is_one_sentence(tmp_path: Path, run, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    done = run("git", "setup")
    assert done.code == 1 and done.err.startswith("regietui: git rev-parse")
    assert "not a git repository" in done.err
    assert os.listdir(tmp_path) == []


def test_setup_for_a_board_the_default_pattern_covers_adds_nothing(
    repo: Path, run, monkeypatch
) -> None:
    monkeypatch.chdir(repo)
    assert run("git", "setup").code == 0
    before = (repo / ".gitattributes").read_bytes()
    again = run("git", "setup", "-b", BOARD)
    assert (again.code, again.out) == (0, "git is already set up for regietui boards\n")
    assert (repo / ".gitattributes").read_bytes() == before


def test_a_board_that_was_binary_at_a_revision_is_one_sentence(repo: Path, run) -> None:
    (repo / BOARD).write_bytes(b'{"meta": {\xff\xfe}}\n')
    git(repo, "commit", "-q", "-am", "broken")
    done = run("diff", "-b", repo / BOARD, "HEAD")
    assert done.code == 1
    assert done.err == f"regietui: {repo / BOARD} at HEAD: not UTF-8 text (byte 10)\n"
