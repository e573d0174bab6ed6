"""What a new coordinator meets in the first hour, at 80x24 and on a wide terminal (issue 14)."""

from __future__ import annotations

from datetime import date

from helpers import ROOT
from support import screen_text, status_on_disk

from regietui import ops
from regietui.session import RELOADED
from regietui.store import BoardStore
from regietui.tui.screens import Confirm, HelpScreen, TextPrompt
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
        monkeypatch.setattr(statusbar, "FADE_SECONDS", 0.05)
        other.save(ops.move(other.load(), board_fixture["ipad"], "wish", ops.Actor()).board)
        app.board_screen.check_disk()
        await pilot.pause()
        for _ in range(50):
            if "reloaded" not in status.plain:
                break
            await pilot.pause(0.05)
        assert status.plain.startswith(" Testbord — saved")


# --- safer actions -------------------------------------------------------------------------------


async def test_enter_on_a_delete_or_withdraw_question_answers_no(make_app, board_fixture):
    path, zaak = board_fixture.path, board_fixture["zaak"]
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        for key in ("w", "d"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, Confirm)
            assert app.screen.focused.id == "confirm-no"
            await pilot.press("enter")
            await pilot.pause()
            assert not isinstance(app.screen, Confirm)
            assert status_on_disk(path, zaak) == "wish"
        await pilot.press("w", "tab", "enter")  # on Yes it is a yes
        await pilot.pause()
        assert status_on_disk(path, zaak) == "withdrawn"


async def test_parking_with_a_review_date_in_the_past_asks_once_more(make_app, board_fixture):
    path, zaak = board_fixture.path, board_fixture["zaak"]
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("p", *"2026-01-05", "enter")  # TODAY is 2026-05-15
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert "2026-01-05 is in the past" in screen_text(app)
        await pilot.press("n")  # no: the date is asked again
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        assert status_on_disk(path, zaak) == "wish"
        await pilot.press(*"2026-01-05", "enter", "y")
        await pilot.pause()
        assert status_on_disk(path, zaak) == "parked"
        assert BoardStore(path).load().ambitions[zaak].review == date(2026, 1, 5)
        await pilot.press("u")
        await pilot.pause()
        await pilot.press("p", *"2026-09-01", "enter")  # a future date asks nothing more
        await pilot.pause()
        assert not isinstance(app.screen, Confirm)
        assert BoardStore(path).load().ambitions[zaak].review == date(2026, 9, 1)


def card_in_view(app, key: str) -> bool:
    """Whether all three lines of card `key` are on screen in its column."""
    kanban = app.board_screen.kanban
    for position, layout in enumerate(kanban.layouts):
        if key in layout.cards:
            column = kanban.query_one(f"#column-{position}")
            top = column.card_top(layout.cards.index(key)) - round(column.scroll_offset.y)
            return column.display and 0 <= top <= column.scrollable_content_region.height - 3
    return False


async def test_after_park_reject_withdraw_and_undo_the_card_is_in_view(make_app, tmp_path):
    demo = tmp_path / "demo.json"
    demo.write_bytes((ROOT / "boards" / "demo.json").read_bytes())
    app = make_app(path=demo)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        kanban = app.board_screen.kanban
        for keys in (["p", "enter"], ["x", *"Geen budget", "enter"], ["w", "y"]):
            await pilot.press(*"jjjjj")
            key = kanban.cursor_key
            assert card_in_view(app, key)
            await pilot.press(*keys)
            await pilot.pause()
            assert app.board_screen.session.board.ambitions[key].status != "wish"
            assert kanban.cursor_key == key and card_in_view(app, key)
            await pilot.press("u")
            await pilot.pause()
            assert kanban.cursor_key == key and card_in_view(app, key)
            await pilot.press("home")


async def test_the_quick_filters_say_which_municipality_each_number_is(make_app):
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = {ident: text for _keys, text, ident in app.screen.rows}
        assert rows["filter.municipality_1"] == "Municipality 1: AAD Aadorp"
        assert rows["filter.municipality_0"] == "All municipalities"
        await pilot.press("escape", "1")
        await pilot.pause()
        assert "AAD Aadorp (1)" in app.board_screen.status.plain


async def test_a_text_filter_highlights_the_matched_words_on_the_cards(make_app, board_fixture):
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"SYST", "enter")
        await pilot.pause()
        kanban = app.board_screen.kanban
        column = kanban.query_one("#column-0")
        assert kanban.layouts[0].cards == [board_fixture["zaak"]]
        segments = list(column.render_line(column.card_top(0)))
        assert "".join(s.text for s in segments).startswith(" Zaaksysteem")
        underlined = [s.text for s in segments if s.style and s.style.underline]
        assert underlined == ["syst"]


# --- the roadmap without colour ----------------------------------------------------------------


async def test_roadmap_bars_are_characters_and_the_effort_is_per_quarter(make_app, board_fixture):
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        text = screen_text(app)
        board = app.session.board
        rows = {item.title: item.status for item in board.roadmap.values()}
        shown = [line for line in text.splitlines() if any(t[:12] in line for t in rows)]
        assert shown and all(any(c in line for c in "░▒▓█╌") for line in shown)
        await pilot.press("n")
        await pilot.pause()
        assert "Effort per quarter" in screen_text(app)
