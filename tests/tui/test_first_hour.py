"""What a new coordinator meets in the first hour, at 80x24 and on a wide terminal (issue 14)."""

from __future__ import annotations

from support import screen_text

from regietui import ops
from regietui.session import RELOADED
from regietui.store import BoardStore
from regietui.tui.widgets import statusbar

NARROW = (80, 24)
WIDE = (200, 50)


async def test_the_footer_at_80x24_starts_with_help_quit_undo_then_the_panes_actions(make_app):
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        bar = app.board_screen.query_one("#keys")
        assert bar.hints[:5] == [
            ("?", "Help"),
            ("q", "Quit"),
            ("u", "Undo"),
            ("<", "Back"),
            (">", "Forward"),
        ]
        footer = screen_text(app).splitlines()[-1]
        assert footer.startswith("? Help  q Quit  u Undo  < Back  > Forward  n New")
        assert footer.rstrip().endswith("…")  # the rest is in the help, never half a hint
        await pilot.press("r")
        await pilot.pause()
        assert bar.hints[:4] == [("?", "Help"), ("q", "Quit"), ("u", "Undo"), ("n", "New item")]


async def test_the_view_hint_stays_whole_and_a_passing_state_clears(
    make_app, board_fixture, monkeypatch
):
    monkeypatch.setattr(statusbar, "FADE_SECONDS", 0.1)
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("1")  # a municipality filter takes room in the bar too
        other = BoardStore(board_fixture.path)
        board = other.load()
        other.save(ops.move(board, board_fixture["ipad"], "deciding", ops.Actor(author="B")).board)
        app.board_screen.check_disk()
        await pilot.pause()
        assert app.board_screen.session.state == RELOADED
        status = app.board_screen.status
        assert "reloaded" in status.plain
        assert status.plain.endswith("Ambitions · r: Roadmap")
        assert len(status.plain) <= 80
        for _ in range(50):
            if "reloaded" not in status.plain:
                break
            await pilot.pause(0.05)
        assert status.plain.startswith(" Testbord — saved")
