"""Quitting never drops changes silently: when the board on disk became unreadable (here: a newer
regietui wrote it) after an edit, the status bar says the edit is not saved, and `q` asks what to
do — a copy next to the board (the default), keep trying, or quit and lose the changes."""

from __future__ import annotations

import json
import re
from pathlib import Path

from support import until

from regietui.store import BoardStore, loads
from regietui.tui.screens.prompt import Choice

WIDE = (160, 48)


def make_newer(path: Path) -> bytes:
    """Rewrite the board as a newer regietui would (schema_version 999); its bytes."""
    text = re.sub(r'"schema_version": \d+', '"schema_version": 999', path.read_text())
    path.write_text(text)
    return path.read_bytes()


async def edit_then_break(app, pilot, path: Path) -> bytes:
    """Make the file newer, then move the first Wish card: its save is refused."""
    await pilot.pause()
    newer = make_newer(path)
    await pilot.press("greater_than_sign")
    await until(pilot, lambda: app.session.state == "error")
    assert app.session.dirty
    return newer


async def test_unsaved_changes_are_said_plainly_and_quitting_saves_a_copy_by_default(
    make_app, board_fixture
):
    path, key = board_fixture.path, board_fixture["zaak"]
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        newer = await edit_then_break(app, pilot, path)
        assert "NOT SAVED" in app.board_screen.status.plain
        await pilot.press("q")
        await until(pilot, lambda: isinstance(app.screen, Choice))
        assert "not in" in str(app.screen.question) and str(path) in app.screen.question
        await pilot.press("enter")  # the focused answer: a copy
        await until(pilot, lambda: not app.is_running)
    assert path.read_bytes() == newer  # the newer board is not touched
    (copy,) = path.parent.glob("test.unsaved-*.json")
    assert loads(copy.read_text()).ambitions[key].status.value == "exploring"
    assert app.return_code == 0


async def test_keep_trying_stays_and_the_next_quit_saves_once_the_file_is_readable(
    make_app, board_fixture
):
    path, key = board_fixture.path, board_fixture["zaak"]
    good = path.read_text()
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await edit_then_break(app, pilot, path)
        await pilot.press("q")
        await until(pilot, lambda: isinstance(app.screen, Choice))
        await pilot.press("k")
        await until(pilot, lambda: not isinstance(app.screen, Choice))
        assert app.is_running
        path.write_text(good)  # the file is readable again (e.g. the newer version reverted)
        await pilot.press("q")
        await until(pilot, lambda: not app.is_running)
    assert BoardStore(path).load().ambitions[key].status.value == "exploring"
    assert not list(path.parent.glob("*.unsaved-*"))


async def test_quit_and_lose_leaves_the_file_and_writes_no_copy(make_app, board_fixture):
    path = board_fixture.path
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        newer = await edit_then_break(app, pilot, path)
        await pilot.press("q")
        await until(pilot, lambda: isinstance(app.screen, Choice))
        await pilot.press("l")
        await until(pilot, lambda: not app.is_running)
    assert path.read_bytes() == newer
    assert not list(path.parent.glob("*.unsaved-*"))
    assert app.return_code == 1


async def test_quit_without_unsaved_changes_asks_nothing(make_app, board_fixture):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("greater_than_sign")
        await until(pilot, lambda: app.session.state == "saved" and not app.session.dirty)
        await pilot.press("q")
        await until(pilot, lambda: not app.is_running)
    assert json.loads(board_fixture.path.read_text())  # saved, readable
