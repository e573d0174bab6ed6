"""The app as a browser tab of `regietui serve` runs it: the board opened read-only, settings
applied to the tab only (the live server is tested in tests/test_serve.py)."""

from __future__ import annotations

from pathlib import Path

from support import TODAY, Fixture, actor, notified, palette_offers, screen_text, until

from regietui import ops
from regietui.model import Status
from regietui.session import BoardSession
from regietui.store import BoardStore
from regietui.tui.app import RegieApp

AS = actor(seed=8)
REFUSED = "the board is read-only: changes are not possible"


def served_app(path: Path) -> RegieApp:
    """What `regietui --served view BOARD` opens."""
    store = BoardStore(path, read_only=True)
    return RegieApp(store, "en", today=TODAY, actor=actor(seed=7), write_settings=False)


async def test_a_served_tab_refuses_edits_and_follows_the_file(
    board_fixture: Fixture, settings_home: Path
) -> None:
    before = board_fixture.path.read_bytes()
    app = served_app(board_fixture.path)
    async with app.run_test(size=(120, 30)) as pilot:
        await until(pilot, lambda: "Testbord — read-only" in screen_text(app))
        for key in ("greater_than_sign", "n", "u", "ctrl+r"):
            app.clear_notifications()
            await pilot.press(key)
            await until(pilot, lambda: REFUSED in notified(app))
        assert board_fixture.path.read_bytes() == before
        # the coordinator moves a card in their own terminal: the tab follows the file
        coordinator = BoardSession.open(BoardStore(board_fixture.path), actor(seed=8))
        coordinator.apply(lambda board: ops.move(board, board_fixture["zaak"], "exploring", AS))
        coordinator.save()
        await until(pilot, lambda: "Testbord — read-only, reloaded" in screen_text(app), 5.0)
        status = app.session.board.ambitions[board_fixture["zaak"]].status
        assert status == Status.EXPLORING


async def test_a_served_tab_keeps_its_language_to_itself(
    board_fixture: Fixture, settings_home: Path
) -> None:
    app = served_app(board_fixture.path)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"Language: Nederlands")
        await palette_offers(pilot, "Language: Nederlands")
        await pilot.press("enter")
        await until(pilot, lambda: "Testbord — alleen-lezen" in screen_text(app))
    assert not (settings_home / "regietui" / "config.toml").exists()
