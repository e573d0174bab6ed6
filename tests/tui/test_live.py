"""Live sessions on one file: another process changes the board while the app is open.

What the user sees (the card in its new column, the cursor where it was, a notification naming
who did what) and what the file holds afterwards (nothing lost, whichever side saved first)."""

from __future__ import annotations

import asyncio
import os
import random
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from support import CLOCK, listed, notifications, screen_text, status_on_disk, until

from regietui import history, ops
from regietui.store import BoardError, BoardStore
from regietui.tui.app import RegieApp
from regietui.tui.watch import WATCH_SECONDS

WIDE = (160, 48)
NARROW = (80, 24)
ROOT = Path(__file__).resolve().parents[2]


def column_of(app: RegieApp, key: str) -> str | None:
    for layout in app.board_screen.kanban.layouts:
        if key in layout.cards:
            return layout.spec.id
    return None


def messages(app: RegieApp) -> list[str]:
    return [f"{n.title}\n{n.message}" for n in notifications(app)]


def other_actor(author: str = "Jan", minutes: int = 60, seed: int = 11) -> ops.Actor:
    """Someone else, acting after the fixture board was made (CLOCK), a second per event."""
    ticks = iter(range(10**6))
    start = CLOCK + timedelta(minutes=minutes)
    return ops.Actor(
        author=author, clock=lambda: start + timedelta(seconds=next(ticks)), rng=random.Random(seed)
    )


def test_the_watch_interval_is_at_most_a_second() -> None:
    assert 0 < WATCH_SECONDS <= 1.0


async def test_another_process_moves_a_card_and_the_app_follows(
    make_app: Any, board_fixture: Any, tmp_path: Path
) -> None:
    path, key = board_fixture.path, board_fixture["ipad"]
    gitconfig = tmp_path / "gitconfig"
    gitconfig.write_text("[user]\n\tname = Jan\n")
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": str(gitconfig),
        "GIT_CONFIG_NOSYSTEM": "1",
        "PYTHONPATH": str(ROOT),
    }
    app = make_app(watch=True)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.pause()
        assert app.board_screen.kanban.set_cursor(key)
        await pilot.pause()
        assert column_of(app, key) == "exploring"
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "regietui", "move", f"A-{key}", "planned", "-b", str(path),
            cwd=tmp_path, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        _, err = await process.communicate()
        assert process.returncode == 0, err.decode()

        def shown() -> bool:
            return column_of(app, key) == "planned" and any(
                "Jan" in m and "moved exploring → planned" in m for m in messages(app)
            )

        await until(pilot, shown, 2.0)
        assert app.board_screen.kanban.cursor_key == key  # followed the card to its new column
        assert (
            app.board_screen.kanban.layouts[app.board_screen.kanban.cursor_column].spec.id
            == "planned"
        )
        (note,) = [m for m in messages(app) if "Jan" in m]
        assert f"Jan: A-{key} 'iPads voor de raad' moved exploring → planned" in note
        await until(pilot, lambda: "Changed in another session" in screen_text(app))  # a toast
        assert "reloaded" in app.board_screen.status.plain
    assert status_on_disk(path, key) == "planned"


async def test_a_deleted_card_leaves_the_cursor_on_its_neighbour(
    make_app: Any, board_fixture: Any
) -> None:
    path = board_fixture.path
    zaak, markup = board_fixture["zaak"], board_fixture["markup"]
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert app.board_screen.kanban.column_cards(0) == [zaak, markup]
        assert app.board_screen.kanban.cursor_key == zaak
        other = BoardStore(path)
        other.save(ops.delete(other.load(), "ambitions", zaak, other_actor()).board)
        app.board_screen.check_disk()
        await pilot.pause()
        assert zaak not in app.session.board.ambitions
        assert app.board_screen.kanban.cursor_key == markup  # the card below took its place
        assert any("Jan: A-" in m and "deleted" in m for m in messages(app))


async def test_a_pending_change_and_an_outside_change_both_reach_the_file(
    make_app: Any, board_fixture: Any
) -> None:
    """Our move is adopted on screen and its save is still to come when another session saves:
    the store merges, the screen shows both, and the file holds both."""
    path = board_fixture.path
    zaak, ipad = board_fixture["zaak"], board_fixture["ipad"]
    app = make_app(watch=True)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        app.session.apply(lambda board: ops.move(board, zaak, "exploring", app.session.actor))
        assert app.session.dirty  # on screen, not yet on disk
        app.board_screen.check_disk()  # the watcher leaves the file to the save that is on its way
        other = BoardStore(path)
        other.save(ops.move(other.load(), ipad, "deciding", other_actor()).board)
        await pilot.pause()
        assert not app.session.dirty
        assert "merged" in app.board_screen.status.plain
        assert column_of(app, zaak) == "exploring" and column_of(app, ipad) == "deciding"
        assert app.board_screen.kanban.cursor_key == zaak  # still on the card we moved
        assert any("Jan: A-" in m and "moved exploring → for decision" in m for m in messages(app))
    on_disk = listed(path)
    assert on_disk[f"A-{zaak}"]["status"] == "exploring"
    assert on_disk[f"A-{ipad}"]["status"] == "deciding"


async def test_an_unsaved_change_is_merged_when_the_file_changes(
    make_app: Any, board_fixture: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A save failed (a full disk, say) and the change waits in the app; when another session
    writes the file, the watcher saves again, merging both instead of reading over ours."""
    path = board_fixture.path
    zaak, ipad = board_fixture["zaak"], board_fixture["ipad"]
    real_save = BoardStore.save
    failures = [BoardError(f"{path}: could not save (No space left on device)")]

    def flaky(self: BoardStore, board: Any) -> Any:
        if failures:
            raise failures.pop()
        return real_save(self, board)

    monkeypatch.setattr(BoardStore, "save", flaky)
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert "No space left" in app.board_screen.status.plain
        assert status_on_disk(path, zaak) == "wish"
        app.board_screen.check_disk()  # nothing changed on disk: nothing to do, the change stays
        assert column_of(app, zaak) == "exploring"
        other = BoardStore(path)
        other.save(ops.move(other.load(), ipad, "deciding", other_actor()).board)
        app.board_screen.check_disk()
        await pilot.pause()
        assert "merged" in app.board_screen.status.plain
        assert column_of(app, zaak) == "exploring" and column_of(app, ipad) == "deciding"
    assert status_on_disk(path, zaak) == "exploring"
    assert status_on_disk(path, ipad) == "deciding"


async def test_a_merge_conflict_is_announced(make_app: Any, board_fixture: Any) -> None:
    path, key = board_fixture.path, board_fixture["ipad"]
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        # both sides change the title; the other session's edit is later, so it wins
        app.session.apply(
            lambda board: ops.edit(
                board, "ambitions", key, {"title": "iPads (wij)"}, app.session.actor
            )
        )
        other = BoardStore(path)
        change = ops.edit(other.load(), "ambitions", key, {"title": "iPads (Jan)"}, other_actor())
        other.save(change.board)
        await pilot.pause()
        assert app.session.board.ambitions[key].title == "iPads (Jan)"
        note = next(m for m in messages(app) if "conflict on" in m)
        assert f"conflict on A-{key}, title: kept 'iPads (Jan)'" in note
        assert "review in the changes view (C)" in note
        assert "1 conflicts" in app.board_screen.status.plain
    (open_one,) = history.open_conflicts(BoardStore(path).load())
    assert (open_one.kept, open_one.other) == ("iPads (Jan)", "iPads (wij)")


async def test_an_unreadable_file_is_reported_once_and_picked_up_when_fixed(
    make_app: Any, board_fixture: Any
) -> None:
    path, key = board_fixture.path, board_fixture["ipad"]
    good = path.read_text()
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        path.write_text(good.replace("{", "<<<<<<< ours\n{", 1))
        app.board_screen.check_disk()
        await pilot.pause()
        assert "conflict marker" in app.board_screen.status.plain
        other = BoardStore(path)
        path.write_text(good)
        other.save(ops.move(other.load(), key, "planned", other_actor()).board)
        app.board_screen.check_disk()
        await pilot.pause()
        assert column_of(app, key) == "planned"
        assert "reloaded" in app.board_screen.status.plain


async def test_a_read_only_session_follows_the_file_too(
    make_app: Any, board_fixture: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, key = board_fixture.path, board_fixture["ipad"]
    other = BoardStore(path)
    board = other.load()
    monkeypatch.setattr(BoardStore, "read_only", property(lambda self: self is not other))
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        other.save(ops.move(board, key, "planned", other_actor()).board)
        app.board_screen.check_disk()
        await pilot.pause()
        assert column_of(app, key) == "planned"
        assert "read-only, reloaded" in app.board_screen.status.plain
