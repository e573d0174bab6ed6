"""The main screen as a user drives it: what it shows, and what the file holds afterwards."""

from __future__ import annotations

from typing import Any

from support import (
    MARKUP_TITLE,
    OSC_SHOWN,
    actor,
    listed,
    notified,
    palette_offers,
    screen_text,
    status_on_disk,
)
from textual.widgets import Input, Select

from regietui import ops
from regietui.model import Status
from regietui.store import BoardError, BoardStore
from regietui.tui.app import RegieApp
from regietui.tui.screens import Confirm, HelpScreen, Picker, RecordForm, TextPrompt

WIDE = (160, 48)
NARROW = (80, 24)


def column_of(app: RegieApp, key: str) -> str | None:
    """The id of the kanban column showing card `key` (None when not shown)."""
    for layout in app.board_screen.kanban.layouts:
        if key in layout.cards:
            return layout.spec.id
    return None


def visible_cards(app: RegieApp) -> set[str]:
    return {key for layout in app.board_screen.kanban.layouts for key in layout.cards}


def side_section(app: RegieApp, heading: str) -> list[str]:
    """The lines the side column shows under `heading` ("Rejected (1)"), up to the next one."""
    lines = screen_text(app).splitlines()
    column = next(
        i for i, layout in enumerate(app.board_screen.kanban.layouts) if layout.spec.id == "side"
    )
    region = app.board_screen.kanban.query_one(f"#column-{column}").region
    cells = [line[region.x : region.right].strip() for line in lines[region.y : region.bottom]]
    start = cells.index(heading) + 1
    end = next((i for i in range(start, len(cells)) if cells[i].endswith(")")), len(cells))
    return [cell for cell in cells[start:end] if cell]


async def put_cursor(app: RegieApp, pilot: Any, key: str) -> None:
    assert app.board_screen.kanban.set_cursor(key)
    await pilot.pause()
    assert app.board_screen.kanban.cursor_key == key


# --- what the screen shows -----------------------------------------------------------------------


async def test_wide_screen_shows_columns_with_counts_and_the_roadmap(make_app, board_fixture):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        titles = app.board_screen.kanban.titles
        assert titles[0] == "Wish 2"
        assert titles[1] == "Exploring 1"
        assert titles[3] == "Planned 1"
        assert app.board_screen.kanban.visible_columns() == list(range(7))
        assert titles[6] == "Side 1"
        text = screen_text(app)
        # both panes at once: cards on the left, roadmap with quarters and capacity on the right
        assert "Zaaksysteem" in text and "vervangen" in text  # wrapped over two lines
        assert "Nieuw zaaksysteem" in text
        assert "26Q1  26Q2  26Q3" in text  # the quarters, short
        assert app.board_screen.roadmap.display and app.board_screen.kanban.display
        lines = text.splitlines()
        adopted = next(line for line in lines if "Adopted (hours)" in line)
        proposed = next(line for line in lines if "+ proposed (draft)" in line)
        capacity = next(line for line in lines if "▏ Capacity" in line)
        left = next(line for line in lines if "▏ Left" in line)
        # 2026-Q2: 500 adopted + 400 proposed against 800 capacity: 100 over
        column = next(line for line in lines if "26Q2" in line).index("26Q2")
        assert [row[column : column + 4] for row in (adopted, proposed, capacity, left)] == [
            "500 ",
            "400 ",
            "800 ",
            "-100",
        ]
        # the current quarter is marked: the roadmap knows "today"
        assert app.board_screen.roadmap.today.isoformat() == "2026-05-15"
        # the card of a municipality carries its short tag and priority
        assert "AAD must" in text


async def test_markers_for_conflicts_and_missing_links(make_app, board_fixture):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "BRG ✗ should" in text  # iPads conflict with the Windows standard
        assert "CDZ ∅" in text  # planned without a roadmap link


async def test_user_text_is_shown_literally(make_app, board_fixture):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await put_cursor(app, pilot, board_fixture["markup"])
        await pilot.press("v")
        await pilot.pause()
        text = screen_text(app)
        assert MARKUP_TITLE in text  # in the detail panel, literally
        assert "fix [/] now" in text  # and on the card
        assert "\x1b" not in text and "\x07" not in text
        await put_cursor(app, pilot, board_fixture["osc"])
        await pilot.pause()
        text = screen_text(app)
        assert OSC_SHOWN in text
        assert "owned" not in text  # the OSC sequence was stripped, not shown or executed


async def test_narrow_terminal_switches_views_and_truncates(make_app, board_fixture):
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        assert app.board_screen.kanban.display and not app.board_screen.roadmap.display
        assert (
            len(app.board_screen.kanban.visible_columns()) < 7
        )  # a window of the columns that fit
        text = screen_text(app)
        assert all(len(line) <= 80 for line in text.splitlines())
        assert "…" in text  # the long title is cut with an ellipsis, not wrapped into garbage
        assert "Ambitions · r: Roadmap" in text
        await pilot.press("r")
        await pilot.pause()
        assert app.board_screen.roadmap.display and not app.board_screen.kanban.display
        assert app.focused is app.board_screen.roadmap
        text = screen_text(app)
        assert "Nieuw zaaksysteem" in text and "Zaaksysteem vervangen" not in text
        await pilot.press("r")
        await pilot.pause()
        assert app.board_screen.kanban.display and app.focused is app.board_screen.kanban
        # walking right scrolls the window of columns to keep the cursor visible
        for _ in range(6):
            await pilot.press("l")
        await pilot.pause()
        assert app.board_screen.kanban.cursor_column == 6
        assert (
            6 in app.board_screen.kanban.visible_columns()
            and 0 not in app.board_screen.kanban.visible_columns()
        )
        assert app.board_screen.kanban.titles[
            app.board_screen.kanban.visible_columns()[0]
        ].startswith("‹ ")


def status_line(app: RegieApp) -> str:
    """The status bar's line on the screen (above the key bar)."""
    return screen_text(app).splitlines()[-2]


async def test_resize_wide_to_narrow_shows_one_view_and_keeps_the_cursor(make_app, board_fixture):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await put_cursor(app, pilot, board_fixture["ipad"])
        text = screen_text(app)
        assert "Nieuw zaaksysteem" in text and "iPads voor de" in text  # both panes
        assert "r: Roadmap" not in status_line(app)
        await pilot.resize_terminal(*NARROW)
        await pilot.pause()
        text = screen_text(app)
        assert all(len(line) <= 80 for line in text.splitlines())
        assert "iPads voor de" in text  # the board, alone
        assert "Nieuw zaaksysteem" not in text and "Roadmap" not in text.splitlines()[0]
        assert "Ambitions · r: Roadmap" in status_line(app)
        assert app.board_screen.kanban.cursor_key == board_fixture["ipad"]
        assert app.focused is app.board_screen.kanban
        await pilot.press("r")
        await pilot.pause()
        text = screen_text(app)
        assert "Nieuw zaaksysteem" in text and "iPads voor de" not in text
        assert "Roadmap · r: Ambitions" in status_line(app)


async def test_resize_narrow_to_wide_shows_both_panes_and_keeps_the_cursor(make_app, board_fixture):
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("r", "end")  # the roadmap view, on its last item
        await pilot.pause()
        assert app.board_screen.roadmap.cursor_key == board_fixture["ipad_r"]
        assert "Zaaksysteem vervangen" not in screen_text(app)
        await pilot.resize_terminal(200, 50)
        await pilot.pause()
        text = screen_text(app)
        assert "Nieuw zaaksysteem" in text and "Mobiel beheer iPads" in text
        assert "Zaaksysteem" in text and "vervangen" in text  # the board beside it
        assert "Wish 2" in text.splitlines()[0] and "Roadmap" in text.splitlines()[0]
        line = status_line(app)
        assert "Roadmap" in line and "r: Ambitions" not in line
        assert app.board_screen.roadmap.cursor_key == board_fixture["ipad_r"]
        assert app.focused is app.board_screen.roadmap
        await pilot.resize_terminal(*NARROW)  # and back: the view that had the focus
        await pilot.pause()
        text = screen_text(app)
        assert "Mobiel beheer iPads" in text and "Zaaksysteem vervangen" not in text
        assert "Roadmap · r: Ambitions" in status_line(app)


async def test_divider_moves_with_keys(make_app):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        before = app.board_screen.kanban.size.width
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert app.board_screen.share == 80  # from 70% at 160 columns, 5% a step
        assert app.board_screen.kanban.size.width > before
        await pilot.press(*["left_square_bracket"] * 13)
        await pilot.pause()
        assert app.board_screen.share == 20
        assert app.board_screen.kanban.size.width < before


async def test_cursor_keys_walk_the_board(make_app, board_fixture):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        kanban = app.board_screen.kanban
        assert kanban.cursor_key == board_fixture["zaak"]  # must before no priority
        await pilot.press("j")
        assert kanban.cursor_key == board_fixture["markup"]
        await pilot.press("k", "down", "up")
        assert kanban.cursor_key == board_fixture["zaak"]
        await pilot.press("l")
        assert kanban.cursor_key == board_fixture["ipad"]
        await pilot.press("right", "h", "left")
        assert kanban.cursor_key == board_fixture["zaak"]
        await pilot.press("end")
        assert kanban.cursor_key == board_fixture["markup"]
        await pilot.press("home")
        assert kanban.cursor_key == board_fixture["zaak"]
        await pilot.press("pagedown")
        assert kanban.cursor_key == board_fixture["markup"]
        await pilot.press("pageup")
        assert kanban.cursor_key == board_fixture["zaak"]


async def test_a_click_selects_a_card_and_a_roadmap_item(make_app, board_fixture):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.click("#column-1", offset=(3, 2))  # the first card of Exploring
        await pilot.pause()
        assert app.board_screen.kanban.cursor_key == board_fixture["ipad"]
        await pilot.click("#roadmap", offset=(4, 2))  # the second item (after the header)
        await pilot.pause()
        assert app.focused is app.board_screen.roadmap
        assert app.board_screen.roadmap.cursor_key == board_fixture["ipad_r"]


# --- moving cards, undo and redo ------------------------------------------------------------------


async def test_move_right_then_undo_and_redo(make_app, board_fixture):
    path, key = board_fixture.path, board_fixture["zaak"]
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert column_of(app, key) == "exploring"
        assert app.board_screen.kanban.cursor_key == key  # the cursor travels with the card
        assert app.board_screen.kanban.titles[1] == "Exploring 2"
        assert status_on_disk(path, key) == "exploring"
        assert "saved" in app.board_screen.status.plain
        await pilot.press("u")
        await pilot.pause()
        assert column_of(app, key) == "wish"
        assert status_on_disk(path, key) == "wish"
        assert f"undone: move A-{key}" in notified(app)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert column_of(app, key) == "exploring"
        assert status_on_disk(path, key) == "exploring"
        assert f"redone: move A-{key}" in notified(app)
        await pilot.press("u", "u")  # a second undo has nothing left
        await pilot.pause()
        assert status_on_disk(path, key) == "wish"


async def test_move_with_shift_letters_and_edges(make_app, board_fixture):
    path, key = board_fixture.path, board_fixture["ipad"]
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await put_cursor(app, pilot, key)
        await pilot.press("L", "L")
        await pilot.pause()
        assert column_of(app, key) == "planned"
        await pilot.press("H")
        await pilot.pause()
        assert column_of(app, key) == "deciding"
        await pilot.press("less_than_sign", "less_than_sign", "less_than_sign")
        await pilot.pause()
        assert column_of(app, key) == "wish"  # the third step had nowhere to go
        assert status_on_disk(path, key) == "wish"
        history = [ev.action for _, ev in BoardStore(path).load().history(key)]
        assert history.count("move") == 5


async def test_side_card_steps_back_into_the_flow(make_app, board_fixture):
    path, key = board_fixture.path, board_fixture["parked"]
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert column_of(app, key) == "side"
        await put_cursor(app, pilot, key)
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert column_of(app, key) == "wish"
        assert status_on_disk(path, key) == "wish"


async def test_park_asks_for_a_review_date(make_app, board_fixture):
    path, key = board_fixture.path, board_fixture["zaak"]
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*"next year")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)  # not a date: the prompt stays
        app.screen.query_one(Input).value = "2026-12-01"
        await pilot.press("enter")
        await pilot.pause()
        assert column_of(app, key) == "side"
        board = BoardStore(path).load()
        assert board.ambitions[key].status is Status.PARKED
        assert board.ambitions[key].review.isoformat() == "2026-12-01"


async def test_reject_asks_for_a_reason_and_escape_cancels(make_app, board_fixture):
    path, key = board_fixture.path, board_fixture["zaak"]
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert status_on_disk(path, key) == "wish"
        assert column_of(app, key) == "wish"
        await pilot.press("x")
        await pilot.pause()
        await pilot.press(*"past budget", "enter")
        await pilot.pause()
        board = BoardStore(path).load()
        assert board.ambitions[key].status is Status.REJECTED
        assert board.ambitions[key].status_reason == "past budget"
        # on screen: out of Wish, under "Rejected" in the side column
        assert column_of(app, key) == "side"
        assert side_section(app, "Rejected (1)")[:2] == ["Zaaksysteem", "vervangen"]
        header = screen_text(app).splitlines()[0]
        assert "Wish 1" in header and "Side 2" in header


async def test_withdraw_and_delete_ask_first(make_app, board_fixture):
    path = board_fixture.path
    zaak, markup = board_fixture["zaak"], board_fixture["markup"]
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        await pilot.pause()
        assert status_on_disk(path, zaak) == "wish"
        await pilot.press("w")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert status_on_disk(path, zaak) == "withdrawn"
        assert column_of(app, zaak) == "side"
        # delete the card with the markup title (the question quotes it literally)
        await put_cursor(app, pilot, markup)
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert MARKUP_TITLE in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        assert markup not in visible_cards(app)
        assert f"A-{markup}" not in listed(path)
        await pilot.press("u")
        await pilot.pause()
        assert markup in visible_cards(app)
        assert f"A-{markup}" in listed(path)
        await pilot.press("d", "y")
        await pilot.pause()
        assert f"A-{markup}" not in listed(path)


# --- forms, linking -------------------------------------------------------------------------------


async def test_new_ambition_through_the_form(make_app, board_fixture):
    path = board_fixture.path
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("l", "l", "l")  # on Planned: a new card is still a wish
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordForm)
        form.query_one("#field-title", Input).value = "Glasvezel voor de werf"
        form.query_one("#field-municipality", Select).value = "GM0002"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, RecordForm)
        rows = [r for r in listed(path).values() if r["title"] == "Glasvezel voor de werf"]
        assert len(rows) == 1 and rows[0]["status"] == "wish"
        new_key = rows[0]["id"][2:]
        assert column_of(app, new_key) == "wish"
        assert app.board_screen.kanban.cursor_key == new_key
        await pilot.press("u")
        await pilot.pause()
        assert new_key not in visible_cards(app)
        assert rows[0]["id"] not in listed(path)


async def test_edit_with_e_and_enter(make_app, board_fixture):
    path, key = board_fixture.path, board_fixture["zaak"]
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordForm)
        form.query_one("#field-title", Input).value = "Zaaksysteem en archief vervangen"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert listed(path)[f"A-{key}"]["title"] == "Zaaksysteem en archief vervangen"
        assert app.session.board.ambitions[key].title == "Zaaksysteem en archief vervangen"
        assert "en archief" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RecordForm)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, RecordForm)


async def test_link_and_unlink_with_the_picker(make_app, board_fixture):
    path, key, ipad_r = board_fixture.path, board_fixture["zaak"], board_fixture["ipad_r"]
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert app.board_screen.roadmap.linked == {board_fixture["zaak_r"]}
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, Picker)
        await pilot.press(*"ipads", "enter")
        await pilot.pause()
        assert f"R-{ipad_r}" in listed(path)[f"A-{key}"]["links"]
        assert app.board_screen.roadmap.linked == {
            board_fixture["zaak_r"],
            ipad_r,
        }  # highlighted at once
        await pilot.press("g")
        await pilot.pause()
        await pilot.press(*"ipads", "enter")  # choosing a linked item unlinks it
        await pilot.pause()
        assert f"R-{ipad_r}" not in listed(path)[f"A-{key}"]["links"]


# --- both directions, the roadmap pane ---------------------------------------------------------


async def test_roadmap_selection_highlights_and_filters_its_ambitions(make_app, board_fixture):
    zaak_r = board_fixture["zaak_r"]
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert app.focused is app.board_screen.roadmap
        assert app.board_screen.roadmap.cursor_key == zaak_r  # starts first
        assert app.board_screen.kanban.highlight == {board_fixture["zaak"], board_fixture["long"]}
        await pilot.press("j")
        assert app.board_screen.kanban.highlight == frozenset()  # the iPad item serves nothing yet
        await pilot.press("k", "f")
        await pilot.pause()
        assert app.focused is app.board_screen.kanban
        assert visible_cards(app) == {board_fixture["zaak"], board_fixture["long"]}
        assert f"serving R-{zaak_r}" in app.board_screen.status.plain
        await pilot.press("escape")
        await pilot.pause()
        assert len(visible_cards(app)) == 7


async def test_roadmap_new_edit_delete(make_app, board_fixture):
    path = board_fixture.path
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is app.board_screen.roadmap
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordForm) and form.table == "roadmap"
        form.query_one("#field-title", Input).value = "Archief in de cloud"
        await pilot.press("ctrl+s")
        await pilot.pause()
        board = BoardStore(path).load()
        (key,) = [k for k, item in board.roadmap.items() if item.title == "Archief in de cloud"]
        assert str(board.roadmap[key].start) == "2026-Q2"  # the current quarter by default
        assert app.board_screen.roadmap.cursor_key == key
        assert "Archief in de cloud" in screen_text(app)
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#field-effort", Input).value = "50"
        app.screen.query_one("#field-title", Input).value = "Archief in Azure"
        await pilot.press("ctrl+s")
        await pilot.pause()
        item = BoardStore(path).load().roadmap[key]
        assert item.effort == 50 and item.title == "Archief in Azure"
        text = screen_text(app)
        assert "Archief in Azure" in text and "Archief in de cloud" not in text
        await pilot.press("d", "y")
        await pilot.pause()
        assert key not in BoardStore(path).load().roadmap
        text = screen_text(app)
        assert "Archief in Azure" not in text and "Roadmap 2" in text  # the row is gone
        # an item that ambitions still link cannot go: the core says why, nothing changes
        assert app.board_screen.roadmap.set_cursor(board_fixture["zaak_r"])
        await pilot.press("d", "y")
        await pilot.pause()
        assert board_fixture["zaak_r"] in BoardStore(path).load().roadmap
        assert any("still used" in said for said in notified(app))


async def test_roadmap_cursor_keys_and_an_item_serving_nothing(make_app, board_fixture):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("r", "end")
        assert app.board_screen.roadmap.cursor_key == board_fixture["ipad_r"]
        await pilot.press("home")
        assert app.board_screen.roadmap.cursor_key == board_fixture["zaak_r"]
        await pilot.press("pagedown")
        assert app.board_screen.roadmap.cursor_key == board_fixture["ipad_r"]
        await pilot.press("pageup", "down", "f")  # the iPad item serves no ambition yet
        await pilot.pause()
        assert not app.board_screen.filter.active and app.focused is app.board_screen.roadmap
        assert any("serves no ambition" in said for said in notified(app))


async def test_q_quits(make_app):
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


async def test_colour_by_and_quarter_scrolling(make_app, board_fixture):
    # an item running into 2028: twelve quarters, of which 80 columns show nine
    store = BoardStore(board_fixture.path)
    fields = {"title": "Lange looptijd", "start": "2026-Q1", "end": "2028-Q4"}
    store.save(ops.add(store.load(), "roadmap", fields, actor(seed=3)).board)
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert app.board_screen.roadmap.colour_by == "theme"
        await pilot.press("c")
        assert app.board_screen.roadmap.colour_by == "status"
        roadmap = app.board_screen.roadmap
        assert len(roadmap.quarters) == 12 and len(roadmap.visible_quarters()) == 9
        assert roadmap.first_quarter == 0
        header = screen_text(app).splitlines()[0]
        assert header.split()[2:] == [
            "26Q1",
            "26Q2",
            "26Q3",
            "26Q4",
            "27Q1",
            "27Q2",
            "27Q3",
            "27Q4",
            "28Q1",
            "›",
        ]
        await pilot.press("h")  # already at the first quarter: nothing to scroll
        await pilot.pause()
        assert roadmap.first_quarter == 0
        assert screen_text(app).splitlines()[0] == header
        await pilot.press("l", "l")
        await pilot.pause()
        assert roadmap.first_quarter == 2
        shifted = screen_text(app).splitlines()[0]
        assert shifted.split()[2:] == [
            "‹6Q3",
            "26Q4",
            "27Q1",
            "27Q2",
            "27Q3",
            "27Q4",
            "28Q1",
            "28Q2",
            "28Q3",
            "›",
        ]
        await pilot.press("l", "l", "l")  # no further than the last quarter
        await pilot.pause()
        assert roadmap.first_quarter == 3
        last = screen_text(app).splitlines()[0]
        assert last.split()[2:] == [
            "‹6Q4",
            "27Q1",
            "27Q2",
            "27Q3",
            "27Q4",
            "28Q1",
            "28Q2",
            "28Q3",
            "28Q4",
        ]


# --- municipalities, filters, layout toggles ---------------------------------------------------


async def test_municipality_picker_and_number_keys(make_app, board_fixture):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, Picker)
        await pilot.press(*"berg", "enter")
        await pilot.pause()
        assert visible_cards(app) == {board_fixture["ipad"], board_fixture["osc"]}
        assert "BRG Bergum" in app.board_screen.status.plain
        assert app.board_screen.kanban.titles[1].endswith(" 1/1")  # filtered: shown/total
        await pilot.press("0")
        await pilot.pause()
        assert len(visible_cards(app)) == 7
        await pilot.press("3")  # Aadorp, Bergum, Cadzand: the third by name
        await pilot.pause()
        keys = {board_fixture[n] for n in ("nolink", "parked", "long")}
        assert visible_cards(app) == keys
        await pilot.press("9")
        await pilot.pause()
        assert visible_cards(app) == keys  # there is no ninth: nothing changes
        await pilot.press("m")
        await pilot.pause()
        await pilot.press(*"all", "enter")
        await pilot.pause()
        assert len(visible_cards(app)) == 7


async def test_text_filter_as_you_type_and_escape(make_app, board_fixture):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        assert app.focused is app.board_screen.filter_input
        await pilot.press(*"tab")  # matches the tag "tablet" of the iPad card
        await pilot.pause()
        assert visible_cards(app) == {board_fixture["ipad"]}
        app.board_screen.filter_input.value = "einde"  # in the description
        await pilot.press("e", "backspace")
        await pilot.pause()
        assert visible_cards(app) == {board_fixture["zaak"]}
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is app.board_screen.kanban and app.board_screen.filter_input.display
        assert "/einde" in app.board_screen.status.plain
        await pilot.press("escape")
        await pilot.pause()
        assert len(visible_cards(app)) == 7 and not app.board_screen.filter_input.display
        await pilot.press("slash", *f"a-{board_fixture['ipad']}")  # by id
        await pilot.pause()
        assert visible_cards(app) == {board_fixture["ipad"]}
        await pilot.press("escape")
        await pilot.pause()
        assert len(visible_cards(app)) == 7


async def test_theme_filter(make_app, board_fixture):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("T")
        await pilot.pause()
        assert isinstance(app.screen, Picker)
        await pilot.press(*"werkplek", "enter")
        await pilot.pause()
        assert visible_cards(app) == {board_fixture["ipad"]}
        assert app.board_screen.roadmap.order == [board_fixture["ipad_r"]]
        await pilot.press("escape")
        await pilot.pause()
        assert len(app.board_screen.roadmap.order) == 2


async def test_swimlanes_and_side_columns(make_app, board_fixture):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        rows = app.board_screen.kanban.layouts[0].rows
        assert [r.key for r in rows if r.kind == "lane"] == ["GM0001", "GM0002", "GM0003"]
        # lanes line up: every column has the same number of lines
        heights = {len(layout.rows) for layout in app.board_screen.kanban.layouts}
        assert len(heights) == 1
        text = screen_text(app)
        assert "AAD Aadorp" in text
        await pilot.press("s", "c")
        await pilot.pause()
        assert app.board_screen.kanban.column_ids[6:] == [
            "parked",
            "rejected",
            "withdrawn",
            "local",
        ]
        assert app.board_screen.kanban.titles[6].startswith("Parked 1")
        await pilot.press("c")
        await pilot.pause()
        assert app.board_screen.kanban.column_ids[6:] == ["side"]


async def test_detail_panel_shows_everything_and_history(make_app, board_fixture):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("l", "v")
        await pilot.pause()
        assert app.board_screen.detail.display
        text = app.board_screen.detail.text.plain
        assert "iPads voor de raad" in text
        assert "Werkplek is Windows; geen iOS-beheer" in text  # the conflicting standard
        assert "History" in text and "Test: add" in text
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert "moved exploring → for decision" in app.board_screen.detail.text.plain
        await pilot.press("r")
        await pilot.pause()
        assert "Nieuw zaaksysteem" in app.board_screen.detail.text.plain  # the roadmap item now
        assert "Serves (2)" in app.board_screen.detail.text.plain
        await pilot.press("v")
        await pilot.pause()
        assert not app.board_screen.detail.display


# --- help, palette, keymap, language -----------------------------------------------------------


async def test_help_lists_every_binding(make_app):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        ids = {row[2] for row in app.screen.rows}
        assert {"board.move_right", "app.undo", "roadmap.serving", "filter.municipality"} <= ids
        rows = {row[2]: row for row in app.screen.rows}
        assert rows["board.move_right"][0] == ">, L, shift+l"
        # the keys of the modal screens are listed (and remappable) too
        assert rows["form.save"][0] == "^s" and rows["prompt.yes"][0] == "y"
        assert rows["help.close"][0] == "esc, q, ?, f1"
        await pilot.press("escape", "f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_keymap_from_settings_remaps_keys(make_app, board_fixture):
    from regietui.config import Settings

    settings = Settings(keys={"board.move_right": "f", "app.undo": "ctrl+z", "prompt.yes": "j"})
    app = make_app(settings=settings)
    key = board_fixture["zaak"]
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert column_of(app, key) == "exploring"
        await pilot.press("greater_than_sign")  # no longer bound
        await pilot.pause()
        assert column_of(app, key) == "exploring"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert column_of(app, key) == "wish"
        rows = {row[2]: row[0] for row in app.help_rows()}
        assert rows["board.move_right"] == "f"
        assert rows["app.undo"] == "^z"
        # the keys of a modal screen follow the keymap too
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("y")  # no longer bound: the question stays
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("j")
        await pilot.pause()
        assert not isinstance(app.screen, Confirm)
        assert column_of(app, key) == "side"
        assert status_on_disk(board_fixture.path, key) == "withdrawn"


async def test_palette_runs_actions_and_jumps_to_cards(make_app, board_fixture):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"[/] n")  # a markup title as the query: literal, no crash
        await palette_offers(pilot, "fix [/] now")
        await pilot.press("enter")
        await pilot.pause()
        assert app.board_screen.kanban.cursor_key == board_fixture["markup"]
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"mobiel")
        await palette_offers(pilot, "Mobiel beheer iPads")
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is app.board_screen.roadmap
        assert app.board_screen.roadmap.cursor_key == board_fixture["ipad_r"]
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"swimlane")
        await palette_offers(pilot, "wimlane")
        await pilot.press("enter")
        await pilot.pause()
        assert app.board_screen.kanban.swimlanes


async def test_palette_moves_to_a_side_status(make_app, board_fixture):
    path, key = board_fixture.path, board_fixture["zaak"]
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"to solved")
        await palette_offers(pilot, "Solved locally")
        await pilot.press("enter")
        await pilot.pause()
        assert status_on_disk(path, key) == "local"
        assert column_of(app, key) == "side"
        assert side_section(app, "Solved l… (1)")[:2] == ["Zaaksysteem", "vervangen"]


async def test_dutch_interface(make_app):
    app = make_app(lang="nl")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert app.board_screen.kanban.titles[0] == "Wens 2"
        assert (
            app.board_screen.kanban.titles[2].startswith("Ter beslui")
            and app.board_screen.kanban.titles[2][-2:] == " 1"
        )
        text = screen_text(app)
        assert "Vastgesteld (uren)" in text and "Capaciteit" in text
        assert "opgeslagen" in text
        rows = {row[2]: row[1] for row in app.help_rows()}
        assert rows["board.move_right"] == "Naar volgende status"


# --- saving: read-only, errors, outside changes ----------------------------------------------


async def test_read_only_refuses_edits(make_app, board_fixture, monkeypatch):
    monkeypatch.setattr(BoardStore, "read_only", property(lambda self: True))
    path, key = board_fixture.path, board_fixture["zaak"]
    before = path.read_text()
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert "read-only" in app.board_screen.status.plain
        for keys in (["greater_than_sign"], ["n"], ["e"], ["d"], ["u"]):
            await pilot.press(*keys)
            await pilot.pause()
            assert not isinstance(app.screen, (RecordForm, Confirm))
        assert column_of(app, key) == "wish"
        assert any("read-only" in said for said in notified(app))
    assert path.read_text() == before


async def test_save_error_is_shown_in_the_status_bar(make_app, board_fixture, monkeypatch):
    def broken(self, board):
        raise BoardError(f"{self.path}: could not save (No space left on device)")

    monkeypatch.setattr(BoardStore, "save", broken)
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert (
            "NOT SAVED:" in app.board_screen.status.plain
            and "No space left" in app.board_screen.status.plain
        )
        assert column_of(app, board_fixture["zaak"]) == "exploring"  # kept on screen
    assert status_on_disk(board_fixture.path, board_fixture["zaak"]) == "wish"


async def test_outside_changes_are_merged_and_reloaded(make_app, board_fixture):
    path = board_fixture.path
    other = BoardStore(path)
    board = other.load()
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        # someone else moves the iPad card while we move the zaak card: both survive
        other.save(ops.move(board, board_fixture["ipad"], "deciding", actor(9)).board)
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert "merged" in app.board_screen.status.plain
        assert column_of(app, board_fixture["ipad"]) == "deciding"
        on_disk = listed(path)
        assert on_disk[f"A-{board_fixture['ipad']}"]["status"] == "deciding"
        assert on_disk[f"A-{board_fixture['zaak']}"]["status"] == "exploring"
        # a change on disk while we are idle is picked up by the watcher
        board = other.load()
        other.save(ops.move(board, board_fixture["nolink"], "done", actor(10)).board)
        app.board_screen.check_disk()
        await pilot.pause()
        assert column_of(app, board_fixture["nolink"]) == "done"
        assert "reloaded" in app.board_screen.status.plain
