"""The board file in real git: one-line diffs, and plain `git merge` of concurrent additions."""

from __future__ import annotations

import dataclasses
import difflib
import json
from pathlib import Path

import pytest
from helpers import Demo, build_demo, git, make_actor, regietui

from regietui import ops
from regietui.store import BoardStore, board_text, loads

BOARD = "boards/coop.json"


def _key_of(line: str) -> str:
    return line.split('"')[1]


def _assert_one_card_moved(repo: Path, old_text: str, card: str) -> None:
    """`git diff` shows the card's line changed and one event line added, and nothing else.

    One exception is forced by JSON (no comma after the last entry): when the new event's random
    key sorts last, the previous last event gains a comma, so that line shows as changed too.
    """
    new_text = (repo / BOARD).read_text(encoding="utf-8")
    old_board, new_board = loads(old_text), loads(new_text)
    [event_key] = set(new_board.events) - set(old_board.events)
    assert new_board.events[event_key].record == card
    old_lines, new_lines = old_text.splitlines(), new_text.splitlines()

    def line(lines: list[str], key: str) -> str:
        return next(ln for ln in lines if ln.startswith(f'"{key}": '))

    removed = [line(old_lines, card)]
    added = [line(new_lines, card), line(new_lines, event_key)]
    if event_key > max(old_board.events):
        previous = line(old_lines, max(old_board.events))
        removed.append(previous)
        added.append(previous + ",")

    diff = git(repo, "diff", "-U0", "--no-color", "--", BOARD).stdout.splitlines()
    assert sorted(ln[1:] for ln in diff if ln.startswith("-") and not ln.startswith("---")) == (
        sorted(removed)
    )
    assert sorted(ln[1:] for ln in diff if ln.startswith("+") and not ln.startswith("+++")) == (
        sorted(added)
    )
    numstat = git(repo, "diff", "--numstat").stdout
    assert numstat == f"{len(added)}\t{len(removed)}\t{BOARD}\n"
    assert git(repo, "status", "--porcelain").stdout == f" M {BOARD}\n"  # no other file


def test_moving_a_card_changes_one_line_and_adds_one_event(repo: Path, demo: Demo, run, seeded):
    seeded(3)
    old_text = (repo / BOARD).read_text(encoding="utf-8")
    result = run("move", f"A-{demo.ipads}", "exploring", "-b", repo / BOARD)
    assert result.code == 0, result.err
    assert git(repo, "diff", "--numstat").stdout == f"2\t1\t{BOARD}\n"
    _assert_one_card_moved(repo, old_text, demo.ipads)


def test_moving_a_card_with_the_installed_command_is_a_one_line_change(repo: Path, demo: Demo):
    old_text = (repo / BOARD).read_text(encoding="utf-8")
    done = regietui(repo, "move", f"A-{demo.portal_wish}", "deciding", "-b", BOARD)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"A-{demo.portal_wish}: moved exploring → for decision\n"
    _assert_one_card_moved(repo, old_text, demo.portal_wish)


# --- plain git merge of additions on two branches -------------------------------------------------


def _changed(base: list[str], side: list[str]) -> list[tuple[int, int]]:
    """The base line ranges [start, end) a side changed (an insertion is an empty range)."""
    matcher = difflib.SequenceMatcher(a=base, b=side, autojunk=False)
    return [(i1, i2) for tag, i1, i2, _, _ in matcher.get_opcodes() if tag != "equal"]


def _touching(base_text: str, a_text: str, b_text: str) -> list[tuple[int, int]]:
    """Where the two sides' changes overlap or touch in the base file: git merges changes only
    when at least one unchanged line separates them. (A new last entry of a table also changes
    the line before it, which gains a comma.)"""
    base = base_text.splitlines()
    return [
        (min(a1, b1), max(a2, b2))
        for a1, a2 in _changed(base, a_text.splitlines())
        for b1, b2 in _changed(base, b_text.splitlines())
        if a1 <= b2 and b1 <= a2
    ]


def _conflict_regions(text: str) -> list[list[str]]:
    regions: list[list[str]] = []
    inside = False
    for line in text.splitlines():
        if line.startswith("<<<<<<< "):
            inside = True
            regions.append([])
        elif line.startswith(">>>>>>> "):
            inside = False
        elif inside and line != "=======":
            regions[-1].append(line)
    return regions


def _new_lines(base_text: str, side_text: str) -> set[str]:
    return {ln.rstrip(",") for ln in side_text.splitlines()} - {
        ln.rstrip(",") for ln in base_text.splitlines()
    }


def _two_branches(repo: Path, add_a, add_b) -> tuple[str, str, str, bool]:
    """Branch `a` and `b` off main, each adding through `add_*`; merge `a` into `b` with git."""
    path = repo / BOARD
    assert git(repo, "check-attr", "merge", BOARD).stdout.endswith(": unspecified\n")
    base_text = path.read_text(encoding="utf-8")
    texts = []
    for branch, add in (("a", add_a), ("b", add_b)):
        git(repo, "checkout", "-q", "-b", branch, "main")
        add()
        texts.append(path.read_text(encoding="utf-8"))
        git(repo, "commit", "-q", "-am", f"add on {branch}")
    merged = git(repo, "merge", "--no-edit", "a", check=False)
    return base_text, texts[0], texts[1], merged.returncode == 0


def _check_merge(repo: Path, run, base: str, a: str, b: str, clean: bool, titles: list[str]):
    """A clean merge must happen exactly when the additions do not touch; either way, the end is
    a valid board with both ambitions (after `regietui resolve` when git gave up)."""
    path = repo / BOARD
    touching = _touching(base, a, b)
    merged_text = path.read_text(encoding="utf-8")
    if clean:
        assert not touching
        assert "<<<<<<<" not in merged_text
        # git's line merge equals the board merge: every line either side added is there
        assert _new_lines(base, a) | _new_lines(base, b) <= _new_lines(base, merged_text)
        # and the file is still exactly what regietui writes: the next save is a one-line change
        assert board_text(loads(merged_text)) == merged_text
    else:
        assert touching, "git refused a merge of additions that do not touch"
        assert git(repo, "diff", "--name-only", "--diff-filter=U").stdout == f"{BOARD}\n"
        # the conflicted lines are exactly the additions that landed next to each other
        inside = {ln.rstrip(",") for region in _conflict_regions(merged_text) for ln in region}
        base_lines = {ln.rstrip(",") for ln in base.splitlines()}
        assert inside & _new_lines(base, a) and inside & _new_lines(base, b)
        assert inside <= _new_lines(base, a) | _new_lines(base, b) | base_lines
        refused = run("validate", "-b", path)
        assert refused.code == 1 and "regietui resolve" in refused.err
        resolved = run("resolve", "-b", path)
        assert resolved.code == 0, resolved.err
    checked = run("validate", "-b", path)
    assert checked.code == 0, checked.err
    listed = {row["title"] for row in json.loads(run("list", "--json", "-b", path).out)}
    assert set(titles) <= listed
    return touching


def _new_repo(root: Path, demo: Demo) -> Path:
    root.mkdir()
    BoardStore(root / BOARD).create(demo.board)
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "board")
    return root


def _add_with_core(repo: Path, actor: ops.Actor, municipality: str, title: str):
    def add() -> None:
        store = BoardStore(repo / BOARD)
        fields = {"municipality": municipality, "title": title}
        store.save(ops.add(store.load(), "ambitions", fields, actor).board)

    return add


def test_additions_on_two_branches_merge_with_plain_git_unless_adjacent(
    tmp_path: Path, demo: Demo, run
) -> None:
    outcomes = []
    for seed in range(12):
        repo = _new_repo(tmp_path / f"seed{seed}", demo)
        titles = [f"Wens van Ad {seed}", f"Wens van Bea {seed}"]
        add_a = _add_with_core(repo, make_actor(100 + seed, "Ad"), demo.amsterdam, titles[0])
        add_b = _add_with_core(repo, make_actor(200 + seed, "Bea"), demo.utrecht, titles[1])
        base, a, b, clean = _two_branches(repo, add_a, add_b)
        _check_merge(repo, run, base, a, b, clean, titles)
        outcomes.append(clean)
    # the seeds cover both cases, so neither branch of the check goes untested
    assert outcomes.count(True) >= 4 and outcomes.count(False) >= 1, outcomes


@pytest.mark.parametrize(("seed", "apart"), [(3, True), (1, False)])
def test_additions_through_the_cli_merge_with_plain_git(
    tmp_path: Path, demo: Demo, run, seeded, seed: int, apart: bool
) -> None:
    """`regietui add` on two branches (pinned keys): seed 3 lands apart and git merges it; seed 1
    lands side by side, git stops, and `regietui resolve` finishes the merge."""
    seeded(seed)
    repo = _new_repo(tmp_path / "repo", demo)

    def add(short: str, title: str):
        def go() -> None:
            result = run("add", "-b", repo / BOARD, "--municipality", short, "--title", title)
            assert result.code == 0, result.err
            assert result.out.startswith("A-")

        return go

    titles = ["Digitale raadsvergadering", "Glasvezel buitengebied"]
    base, a, b, clean = _two_branches(repo, add("ADM", titles[0]), add("UTR", titles[1]))
    assert clean is apart
    _check_merge(repo, run, base, a, b, clean, titles)


def _big_demo(count: int) -> Demo:
    """The demo board with `count` more ambitions: random keys then rarely land side by side."""
    demo = build_demo()
    board, actor = demo.board, make_actor(42)
    for i in range(count):
        fields = {"municipality": demo.amsterdam, "title": f"Bestaande wens {i}"}
        board = ops.add(board, "ambitions", fields, actor).board
    return dataclasses.replace(demo, board=board)


def test_additions_by_the_installed_command_merge_with_plain_git(tmp_path: Path, run) -> None:
    """Real `regietui add` processes (random keys): retried until the lines land apart, which on a
    board of 40 cards happens nearly always at once; every outcome is checked against adjacency."""
    demo = _big_demo(40)
    for attempt in range(4):
        repo = _new_repo(tmp_path / f"try{attempt}", demo)
        titles = [f"Van Ad {attempt}", f"Van Bea {attempt}"]

        def add(short: str, title: str, repo: Path = repo):
            def go() -> None:
                done = regietui(repo, "add", "-b", BOARD, "--municipality", short, "--title", title)
                assert done.returncode == 0, done.stderr
                assert done.stdout.startswith("A-")

            return go

        base, a, b, clean = _two_branches(repo, add("ADM", titles[0]), add("UTR", titles[1]))
        _check_merge(repo, run, base, a, b, clean, titles)
        if clean:
            done = regietui(repo, "validate", "-b", BOARD)
            assert done.returncode == 0 and done.stdout.startswith(f"{BOARD}: valid — 45 ambitions")
            return
    pytest.fail("four pairs of additions all landed next to each other")
