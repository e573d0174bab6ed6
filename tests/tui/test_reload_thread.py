"""A large board's outside change is read in a worker thread: the event loop only swaps it in.

The fixture board is small, so these tests lower the size from which the screen reads in a
thread (`READ_IN_THREAD_FROM`) to nothing; what the user sees must be what the direct read
shows: the card in its new column, `reloaded`, and no change lost to a key pressed meanwhile."""

from __future__ import annotations

from typing import Any

import pytest
from support import actor, until

from regietui import ops
from regietui.store import BoardStore
from regietui.tui.screens import board as board_module

WIDE = (160, 48)


@pytest.fixture(autouse=True)
def read_in_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(board_module, "READ_IN_THREAD_FROM", 0)


def column_of(app: Any, key: str) -> str | None:
    for layout in app.board_screen.kanban.layouts:
        if key in layout.cards:
            return layout.spec.id
    return None


async def test_an_outside_change_read_in_a_thread_is_shown(make_app, board_fixture) -> None:
    other = BoardStore(board_fixture.path)
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        before = app.session.board
        other.save(ops.move(other.load(), board_fixture["nolink"], "done", actor(10)).board)
        app.board_screen.check_disk()
        assert app.session.board is before  # read in the thread, not here
        await until(pilot, lambda: column_of(app, board_fixture["nolink"]) == "done")
        assert "reloaded" in app.board_screen.status.plain
        kept = set(before.ambitions) - {board_fixture["nolink"]}
        assert all(app.session.board.ambitions[k] is before.ambitions[k] for k in kept)


async def test_a_key_while_the_thread_reads_loses_neither_change(make_app, board_fixture) -> None:
    """The user moves a card while the thread reads the file: whichever comes first, the read
    is taken or dropped (then the save merges), and both changes end up on screen and disk."""
    other = BoardStore(board_fixture.path)
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        other.save(ops.move(other.load(), board_fixture["ipad"], "deciding", actor(9)).board)
        app.board_screen.check_disk()
        await pilot.press("greater_than_sign")  # the zaak card, under the cursor, to exploring
        await until(pilot, lambda: not app.board_screen._reading)
        await until(pilot, lambda: column_of(app, board_fixture["ipad"]) == "deciding")
        assert column_of(app, board_fixture["zaak"]) == "exploring"
        on_disk = BoardStore(board_fixture.path).load()
        assert on_disk.ambitions[board_fixture["ipad"]].status == "deciding"
        assert on_disk.ambitions[board_fixture["zaak"]].status == "exploring"
