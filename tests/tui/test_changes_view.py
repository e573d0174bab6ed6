"""The changes view (C): since the last commit, since a date, and merge conflicts to review.

Each test drives the app as a user would and checks what the screen lists and what the file holds.
"""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path
from typing import Any

from helpers import git
from support import CLOCK, listed, screen_text

from regietui import history, ops
from regietui.store import BoardStore
from regietui.tui.app import RegieApp
from regietui.tui.screens.board import BoardScreen
from regietui.tui.screens.changes import COMMIT, CONFLICTS, DATE, ChangesScreen
from regietui.tui.screens.prompt import TextPrompt

WIDE = (160, 48)
NARROW = (80, 24)


def other_actor(author: str, minutes: int, seed: int = 11) -> ops.Actor:
    ticks = iter(range(10**6))
    start = CLOCK + timedelta(minutes=minutes)
    return ops.Actor(
        author=author, clock=lambda: start + timedelta(seconds=next(ticks)), rng=random.Random(seed)
    )


def make_conflict(path: Path, key: str) -> None:
    """Two sessions on the file change the same title; the later one (Bob) wins the merge."""
    ann, bob = BoardStore(path), BoardStore(path)
    a_board, b_board = ann.load(), bob.load()
    a = ops.edit(a_board, "ambitions", key, {"title": "iPads (Ann)"}, other_actor("Ann", 10, 1))
    b = ops.edit(b_board, "ambitions", key, {"title": "iPads (Bob)"}, other_actor("Bob", 20, 2))
    ann.save(a.board)
    assert bob.save(b.board).conflicts


async def open_changes(pilot: Any) -> ChangesScreen:
    await pilot.press("C")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ChangesScreen)
    return screen


async def settle(pilot: Any) -> None:
    """Let the view's worker (git, the diff) finish and its result show."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def shown(screen: ChangesScreen) -> list[str]:
    return [entry.prompt.plain for entry in screen.entries]


async def test_since_the_last_commit_lists_what_changed_after_it(
    make_app: Any, board_fixture: Any
) -> None:
    path = board_fixture.path
    repo = path.parent.parent
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "board")
    zaak, ipad = board_fixture["zaak"], board_fixture["ipad"]
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("greater_than_sign")  # in the app: zaak to exploring
        await pilot.pause()
        other = BoardStore(path)  # and from another session: the iPads to deciding
        other.save(ops.move(other.load(), ipad, "deciding", other_actor("Jan", 60)).board)
        app.board_screen.check_disk()
        await pilot.pause()
        screen = await open_changes(pilot)
        assert screen.mode == COMMIT
        lines = shown(screen)
        assert lines == [
            f"A-{ipad} 'iPads voor de raad' moved exploring → for decision — Jan, 2026-05-15",
            f"A-{zaak} 'Zaaksysteem vervangen' moved wish → exploring — Test, 2026-05-15",
        ]
        text = screen_text(app)
        assert "1 Since last commit 2" in text
        assert "since the last commit" in text and "test.json" in text
        assert f"A-{ipad} 'iPads voor de raad' moved exploring → for decision — Jan" in text
        # enter on an entry closes the view and puts the cursor on that card
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ChangesScreen)
        assert app.board_screen.kanban.cursor_key == ipad
        # after a commit there is nothing left to list
        git(repo, "commit", "-q", "-am", "moves")
        screen = await open_changes(pilot)
        assert screen.entries == []
        assert "No changes since the last commit." in screen_text(app)


async def test_outside_git_the_view_says_so(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        screen = await open_changes(pilot)
        await pilot.press("1")
        await pilot.pause()
        assert screen.mode == COMMIT
        text = screen_text(app)
        assert "test.json is not in a git repository" in text
        assert "1 Since last commit –" in text


async def test_since_a_date_lists_the_events_after_it_newest_first(
    make_app: Any, board_fixture: Any
) -> None:
    path, ipad, nolink = board_fixture.path, board_fixture["ipad"], board_fixture["nolink"]
    other = BoardStore(path)
    board = other.load()
    board = ops.move(board, ipad, "deciding", other_actor("Jan", 60 * 24 * 10)).board  # 05-25
    board = ops.move(board, nolink, "done", other_actor("Els", 60 * 24 * 12)).board  # 05-27
    other.save(board)
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = await open_changes(pilot)
        await pilot.press("2")
        await pilot.pause()
        assert screen.mode == DATE
        before = len(screen.entries)
        assert before == len(app.session.board.events)  # since 2026-05-08: all of them
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*"2026-05-20", "enter")
        await settle(pilot)
        assert app.screen is screen and screen.since.isoformat() == "2026-05-20"
        assert shown(screen) == [
            f"A-{nolink} 'Gepland zonder koppeling' moved planned → done — Els, 2026-05-27 09:00",
            f"A-{ipad} 'iPads voor de raad' moved exploring → for decision — Jan, 2026-05-25 09:00",
        ]
        text = screen_text(app)
        assert "2 Since 2026-05-20 2" in text
        assert "— Els, 2026-05-27 09:00" in text
        # a date that is no date is refused where it is typed
        await pilot.press("d")
        await pilot.pause()
        await pilot.press(*"20-05", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt) and "not a date" in app.screen.error
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.since.isoformat() == "2026-05-20"


async def test_a_merge_conflict_is_listed_with_both_values_and_can_be_flipped(
    make_app: Any, board_fixture: Any
) -> None:
    path, key = board_fixture.path, board_fixture["ipad"]
    make_conflict(path, key)
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        screen = await open_changes(pilot)
        assert screen.mode == CONFLICTS  # opens where the work is
        (entry,) = screen.entries
        assert entry.prompt.plain.splitlines() == [
            f"A-{key} 'iPads (Bob)' · Title · 2026-05-15 09:20",
            "  kept:  'iPads (Bob)'  — Bob",
            "  other: 'iPads (Ann)'  — Ann",
        ]
        text = screen_text(app)
        assert "3 Conflicts 1" in text and "'iPads (Ann)'" in text
        await pilot.press("f")
        await settle(pilot)
        assert listed(path)[f"A-{key}"]["title"] == "iPads (Ann)"  # saved at once
        assert history.open_conflicts(BoardStore(path).load()) == []
        assert screen.entries == []
        assert "No conflicts to review." in screen_text(app)
        (event,) = [ev for _, ev in app.session.board.history(key) if ev.action == "resolve"]
        assert event.text == "conflict resolved: kept 'iPads (Ann)'"
        assert event.changes == {"title": ("iPads (Bob)", "iPads (Ann)")}
        # the flip is an ordinary change: undo puts the merge's value back
        await pilot.press("u")
        await settle(pilot)
        assert listed(path)[f"A-{key}"]["title"] == "iPads (Bob)"


async def test_keeping_the_merge_value_marks_the_conflict_reviewed(
    make_app: Any, board_fixture: Any
) -> None:
    path, key = board_fixture.path, board_fixture["ipad"]
    make_conflict(path, key)
    app = make_app(lang="nl")
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        screen = await open_changes(pilot)
        assert "3 Conflicten 1" in screen_text(app)
        await pilot.press("k")
        await settle(pilot)
        assert screen.entries == []
        board = BoardStore(path).load()
        assert board.ambitions[key].title == "iPads (Bob)"
        assert history.open_conflicts(board) == []
        # enter on a conflict would have jumped to the card; escape closes the view
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ChangesScreen)


async def test_a_conflict_arriving_while_the_view_is_open_shows_up(
    make_app: Any, board_fixture: Any
) -> None:
    path, key = board_fixture.path, board_fixture["ipad"]
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        screen = await open_changes(pilot)
        assert screen.mode == DATE  # the board is not in git: no list since a commit
        make_conflict(path, key)
        app.board_screen.check_disk()
        await settle(pilot)  # the view follows the board from its `BoardChanged` message
        await pilot.press("3")
        await pilot.pause()
        assert len(screen.entries) == 1
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ChangesScreen)
        assert app.board_screen.kanban.cursor_key == key


def test_the_changes_key_is_bound_once_and_every_key_of_the_view_has_labels() -> None:
    from regietui.i18n import EN, NL

    seen: dict[str, str] = {}
    for binding in [*RegieApp.BINDINGS, *BoardScreen.BINDINGS]:
        for key in binding.key.split(","):  # type: ignore[union-attr]
            assert key not in seen, f"{key} bound twice"
            seen[key] = binding.id  # type: ignore[union-attr]
    assert seen["C"] == seen["shift+c"] == "app.changes"
    for binding in ChangesScreen.BINDINGS:
        assert f"key.{binding.id}" in EN and f"key.{binding.id}" in NL  # type: ignore[union-attr]
