"""What a new coordinator meets in the first hour, at 80x24 and on a wide terminal (issue 14)."""

from __future__ import annotations

from datetime import date

from helpers import ROOT
from support import actor, screen_text, status_on_disk, until
from textual.geometry import Region
from textual.widgets import Button
from textual.widgets._select import SelectOverlay

from regietui import ops
from regietui.i18n import tr
from regietui.session import RELOADED
from regietui.store import BoardStore
from regietui.tui.screens import Confirm, HelpScreen, TextPrompt
from regietui.tui.screens.triage import TriageScreen
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
        for _ in range(250):  # 2.5 s at most
            if "reloaded" not in status.plain:
                break
            await pilot.pause(0.01)
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


async def test_a_municipality_filter_filters_the_roadmap_too_and_clears_with_it(
    make_app, board_fixture
):
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        roadmap = app.board_screen.roadmap
        both = [board_fixture["zaak_r"], board_fixture["ipad_r"]]
        assert sorted(roadmap.order) == sorted(both)
        await pilot.press("1")  # Aadorp: its Zaaksysteem is served by the new zaaksysteem
        await pilot.pause()
        assert roadmap.order == [board_fixture["zaak_r"]]
        assert "AAD Aadorp (1), roadmap too" in app.board_screen.status.plain
        await pilot.press("r")
        await pilot.pause()
        text = screen_text(app)
        assert "Roadmap 1" in text and "Nieuw zaaksysteem" in text
        assert "Mobiel beheer iPads" not in text
        await pilot.press("escape")  # the way back: the filter goes, on both panes
        await pilot.pause()
        assert sorted(roadmap.order) == sorted(both)
        assert "roadmap too" not in app.board_screen.status.plain
        await pilot.press("2", "0")  # Bergum's iPads serve no item yet; 0 is all again
        await pilot.pause()
        assert sorted(roadmap.order) == sorted(both)
        app.set_language("nl", save=False)
        await pilot.press("1")
        await pilot.pause()
        assert "AAD Aadorp (1), ook roadmap" in app.board_screen.status.plain


async def test_a_link_made_under_a_municipality_filter_shows_its_item(make_app, board_fixture):
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("2")  # Bergum: no item serves it
        await pilot.pause()
        roadmap = app.board_screen.roadmap
        assert roadmap.order == []
        ipad_r = board_fixture["ipad_r"]
        app.board_screen.kanban.set_cursor(board_fixture["ipad"])
        await pilot.press("g", *"Mobiel", "enter")
        await until(pilot, lambda: roadmap.order == [ipad_r])


async def test_the_details_history_scrolls_from_the_board(make_app, board_fixture):
    store = BoardStore(board_fixture.path)
    board = store.load()
    for number in range(30):  # a long history: more than the details pane shows at 80x24
        change = ops.edit(
            board, "ambitions", board_fixture["zaak"], {"owner": f"o{number}"}, actor()
        )
        board = change.board
    store.save(board)
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        bar = app.board_screen.query_one("#keys")
        assert ("J", "Details ↓") not in bar.hints  # nothing to scroll while they are hidden
        await pilot.press("J")
        await pilot.pause()
        assert not app.board_screen.detail.display
        await pilot.press("v")
        await pilot.pause()
        detail = app.board_screen.detail
        assert app.board_screen.kanban.cursor_key == board_fixture["zaak"]
        assert bar.hints[3] == ("J", "Details ↓")  # right after help, quit and undo
        last = detail.text.plain.rstrip().splitlines()[-1]  # the history's last line
        assert "owner" in last and last not in screen_text(app)
        for _ in range(20):
            await pilot.press("J")
        await pilot.pause()
        assert detail.scroll_offset.y == detail.max_scroll_y > 0
        assert last in screen_text(app)
        assert app.board_screen.kanban.cursor_key == board_fixture["zaak"]  # the cursor stays
        await pilot.press("K")
        await pilot.pause()
        assert detail.scroll_offset.y < detail.max_scroll_y
        await pilot.press("question_mark")
        await pilot.pause()
        rows = {ident: (keys, text) for keys, text, ident in app.screen.rows}
        assert rows["app.detail_down"][0].startswith("J")
        assert rows["app.detail_down"][1] == "Scroll the details down"
        assert rows["app.detail_up"][0].startswith("K")
        assert rows["app.detail_up"][1] == "Scroll the details up"


# --- dialogs -------------------------------------------------------------------------------------


def cell(app, x: int, y: int) -> str:
    """The character on the screen at (x, y)."""
    return screen_text(app).splitlines()[y][x]


async def test_the_focused_form_field_has_a_visible_border(make_app):
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        title, municipality = (
            app.screen.query_one("#row-title"),
            app.screen.query_one("#row-municipality"),
        )
        assert app.screen.focused.id == "field-title"
        assert cell(app, title.region.x, title.region.y) != " "
        assert cell(app, municipality.region.x, municipality.region.y) == " "
        await pilot.press("tab")
        await pilot.pause()
        assert cell(app, title.region.x, title.region.y) == " "
        assert cell(app, municipality.region.x, municipality.region.y) != " "


async def test_the_settings_theme_list_stays_inside_its_dialog(make_app):
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("S", "tab", "enter")
        await pilot.pause()
        box = app.screen.query_one("#settings-box").content_region
        (shown,) = [o for o in app.screen.query(SelectOverlay) if o.display]
        assert shown.region.height >= 3
        assert box.contains_region(shown.region)


async def test_a_dialog_key_hint_never_meets_its_buttons_in_either_language(make_app):
    for lang in ("en", "nl"):
        app = make_app(lang=lang)
        async with app.run_test(size=NARROW) as pilot:
            await pilot.pause()
            for keys, box_id, hint_key in (
                (["e"], "#form-box", "ui.form_keys"),
                (["p"], "#prompt-box", "ui.prompt_keys"),
            ):
                await pilot.press(*keys)
                await pilot.pause()
                box = app.screen.query_one(box_id).region
                hint = tr(hint_key, lang)
                lines = screen_text(app).splitlines()
                rows = [y for y in range(box.y, box.bottom) if hint in lines[y]]
                assert rows, f"{hint!r} not shown whole ({lang})"
                x = lines[rows[0]].index(hint)
                shown = Region(x, rows[0], len(hint), 1)
                for button in app.screen.query(Button):
                    assert not shown.overlaps(button.region), (lang, button.id)
                await pilot.press("escape")
                await pilot.pause()


# --- triage at 80x24 -----------------------------------------------------------------------------


async def test_triage_at_80x24_keeps_the_card_and_every_key_on_screen(make_app, tmp_path):
    demo = tmp_path / "demo.json"
    demo.write_bytes((ROOT / "boards" / "demo.json").read_bytes())
    for lang in ("en", "nl"):
        app = make_app(path=demo, lang=lang, today=date(2026, 11, 29))
        async with app.run_test(size=NARROW) as pilot:
            await pilot.pause()
            await pilot.press("t")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, TriageScreen)
            card = screen.query_one("#triage-card")
            body = screen.query_one("#triage-body")
            keys = screen.query_one("#triage-keys")
            where = card.region
            assert where.height >= 3 and where.bottom <= body.region.y < keys.region.y
            assert keys.region.bottom <= NARROW[1] - 1  # above the dialog's bottom border
            text = screen_text(app)
            for binding in TriageScreen.BINDINGS:  # every decision key, whole
                label = tr(f"key.{binding.id}", lang)
                assert label in text, (lang, label)
            if lang == "nl":  # the Dutch context is longer than its room: it scrolls
                assert body.max_scroll_y > 0
            await pilot.press("pagedown", "pagedown")
            await pilot.pause()
            assert card.region == where  # the card stays put
            assert body.scroll_offset.y == body.max_scroll_y


async def test_tab_moves_between_the_panes_at_every_width(make_app):
    for size in (NARROW, (160, 48), WIDE):
        app = make_app()
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            screen = app.board_screen
            side_by_side = size[0] >= 120
            for pane, widget in (("roadmap", screen.roadmap), ("board", screen.kanban)):
                await pilot.press("tab")
                await pilot.pause()
                assert screen.pane == pane and app.focused is widget, size
                assert screen.kanban.display == (side_by_side or pane == "board")
                assert screen.roadmap.display == (side_by_side or pane == "roadmap")
            await pilot.press("slash", "tab")  # from the filter, tab goes back to the pane
            await pilot.pause()
            assert app.focused is screen.kanban


async def test_a_long_error_never_cuts_the_view_hint(make_app):
    for lang, hint in (("en", "Ambitions · r: Roadmap"), ("nl", "Ambities · r: Roadmap")):
        app = make_app(lang=lang)
        async with app.run_test(size=NARROW) as pilot:
            await pilot.pause()
            await pilot.press("1")
            status = app.board_screen.status
            problem = "the board file changed on disk and could not be read: " + "x" * 120
            status.set_state(statusbar.ERROR, f"{tr('ui.not_saved', lang)}: {problem}")
            await pilot.pause()
            assert status.plain.startswith(f" {tr('ui.not_saved', lang)}: the board")
            assert status.plain.endswith(hint) and len(status.plain) <= NARROW[0]
            assert screen_text(app).splitlines()[-2].rstrip().endswith(hint)


# --- wide terminals ------------------------------------------------------------------------------


async def wide_look(make_app, demo, size: tuple[int, int]) -> tuple[int, str]:
    """(the kanban's column width, the screen's text) on the demo board at `size`."""
    app = make_app(path=demo, today=date(2026, 11, 29))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.pause()
        column = app.board_screen.kanban.query_one("#column-0")
        return column.region.width, screen_text(app)


async def test_wide_terminals_give_wider_cards_and_the_roadmap_titles_room(make_app, tmp_path):
    demo = tmp_path / "demo.json"
    demo.write_bytes((ROOT / "boards" / "demo.json").read_bytes())
    narrow, narrow_text = await wide_look(make_app, demo, (160, 48))
    wide, wide_text = await wide_look(make_app, demo, WIDE)
    assert wide >= narrow + 4
    # a title that fits a 200-column card takes one line; at 160 it is broken over two
    assert " Nieuw zaaksysteem " in wide_text and " Nieuw zaaksysteem " not in narrow_text
    assert " Vroegsignalering " in wide_text and "Vroegsignale-" in narrow_text
    # the roadmap's titles get the room it has beside the kanban
    assert "Selfserviceportaal servicedesk " in wide_text
    assert "Haal Centraal BRP" in narrow_text
    assert "Haal Centraal BRP" in wide_text and "Haal Centraal BRP bevragen aan" in wide_text
    lines = wide_text.splitlines()
    assert all(len(line) == WIDE[0] for line in lines[:-2])  # nothing runs off the screen
