"""No board can attack the terminal through the TUI: every screen, opened on a board full of
escape sequences, bidi overrides and C1 controls, draws none of them (issue 8, point 5)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hostile import BIDI, hostile_board, leaks
from support import notifications, screen_strips, screen_text, until
from textual.app import App

from regietui.store import BoardError, BoardStore

WIDE = (160, 48)


def drawn(app: App[Any]) -> str:
    """Every character the screen would send to the terminal, besides Textual's own styling
    sequences (which are not text): the text of each segment of each line."""
    return "\n".join(
        segment.text for strip in screen_strips(app) for segment in strip if not segment.control
    )


class Visit:
    """Walks the app from screen to screen and checks each one it sees."""

    def __init__(self, app: App[Any], pilot: Any) -> None:
        self.app, self.pilot = app, pilot
        self.home = app.screen
        """The board's screen, where each dialog returns to."""
        self.seen: dict[str, str] = {}

    def check(self, name: str) -> str:
        text = drawn(self.app)
        assert leaks(text) == [], (name, leaks(text), screen_text(self.app))
        self.seen[name] = text
        return text

    async def press(self, name: str, *keys: str, screen: str | None = None) -> str:
        await self.pilot.press(*keys)
        if screen is not None:
            await until(self.pilot, lambda: type(self.app.screen).__name__ == screen)
        await self.pilot.pause()
        return self.check(name)

    async def close(self, *keys: str) -> None:
        await self.pilot.press(*keys)
        await until(self.pilot, lambda: self.app.screen is self.home)


@pytest.mark.parametrize("size", [WIDE, (80, 24)])
async def test_every_screen_draws_a_hostile_board_inert(
    make_app: Any, tmp_path: Path, size: tuple[int, int]
) -> None:
    path = tmp_path / "boards" / "evil.json"
    hostile_board(path)
    app = make_app(path=path)
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.pause()
        visit = Visit(app, pilot)
        board = visit.check("board")
        assert "evil" in board and "\ufffd" in board  # shown, as visible characters
        await visit.press("edit form", "e", screen="RecordForm")  # the first card's
        await visit.close("escape")
        await visit.press("moved", "greater_than_sign")  # a move, and its notification
        await visit.press("undone", "u")
        for step, key in enumerate(("v", "j", "l", "l", "l", "l")):
            await visit.press(f"details {step}", key)
        await visit.press("roadmap", "r")
        for step in range(3):
            await visit.press(f"roadmap details {step}", "j")
        await visit.press("roadmap form", "e", screen="RecordForm")
        await visit.close("escape")
        await visit.press("board again", "r")

        await visit.press("insights", "i", screen="InsightsScreen")
        for step in range(3):
            await visit.press(f"insight {step}", "down")
        await visit.close("escape")

        await visit.press("triage", "t", screen="TriageScreen")
        await visit.press("triage next", "s")
        await visit.close("escape")

        await visit.press("changes", "C", screen="ChangesScreen")
        await visit.press("changes since a date", "2")
        await until(pilot, lambda: "pwned" in drawn(app))
        assert "␛]0;pwned␇" in visit.check("changes since a date, listed")  # shown, not run
        await visit.press("merge conflicts", "3")
        await visit.press("since the last commit", "1")
        await visit.close("escape")

        await visit.press("settings", "S", screen="SettingsScreen")
        await visit.close("escape")

        await visit.press("help", "question_mark", screen="HelpScreen")
        await visit.close("escape")

        await visit.press("palette", "ctrl+p", screen="CommandPalette")
        await visit.press("palette hits", *"loket")
        await until(pilot, lambda: "alle diensten" in drawn(app))
        assert "\ufffd" in visit.check("palette hits, listed")
        await visit.close("escape", "escape")

        for key in ("m", "T"):
            await visit.press(f"picker {key}", key, screen="Picker")
            await visit.press(f"picker {key} filtered", "e")
            await visit.close("escape")
        await visit.press("link picker", "g", screen="Picker")
        await visit.close("escape")
    assert len(visit.seen) > 25


async def test_a_form_shows_a_hostile_title_inert_and_an_untouched_field_keeps_it(
    make_app: Any, tmp_path: Path
) -> None:
    path = tmp_path / "boards" / "evil.json"
    demo = hostile_board(path)
    stored = BoardStore(path).load().ambitions[demo.ipads]
    assert BIDI in stored.title
    app = make_app(path=path)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.pause()
        visit = Visit(app, pilot)
        form = await visit.press("form", "e", screen="RecordForm")
        assert stored.title.replace(BIDI, "\ufffd").replace("\u2066", "\ufffd") in form
        await pilot.click("#field-owner")
        await pilot.press("end", *" en Jan", "ctrl+s")
        await until(pilot, lambda: app.screen is visit.home)
    saved = BoardStore(path).load().ambitions[demo.ipads]
    assert saved.title == stored.title  # untouched: the stored text, not what was shown
    assert saved.owner.endswith(" en Jan")


async def test_every_notification_is_literal_and_inert(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        app.notify("[b]fix[/] \x1b]0;pwned\x07 \u202e", title="\x9b31m", markup=True)
        await pilot.pause()
        [note] = notifications(app)
        assert (note.message, note.title) == ("[b]fix[/] ␛]0;pwned␇ \ufffd", "\ufffd31m")
        assert not note.markup
        await until(pilot, lambda: "[b]fix[/]" in screen_text(app))  # the toast, literally
        assert leaks(drawn(app)) == []


async def test_hostile_keys_never_reach_the_screen_raw(make_app: Any, tmp_path: Path) -> None:
    """Keys outside the key alphabet: refused on load (then the CLI says so, see
    tests/test_terminal.py), or, where a board with them opens, shown inert."""
    path = tmp_path / "boards" / "keys.json"
    hostile_board(path, bad_keys=True)
    try:
        BoardStore(path).load()
    except BoardError:
        return
    app = make_app(path=path)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.pause()
        visit = Visit(app, pilot)
        for step, key in enumerate(("v", *"llllll")):
            await visit.press(f"details {step}", key)
        assert "A-ab␛[2Jc" in visit.seen["details 6"]  # the parked card, in the side column
        await visit.press("edit form", "e", screen="RecordForm")
        await visit.close("escape")
        for key, screen in (("C", "ChangesScreen"), ("i", "InsightsScreen"), ("t", "TriageScreen")):
            await visit.press(screen, key, screen=screen)
            await visit.press(f"{screen} 2", "2")
            await visit.close("escape")
