"""What-if in the TUI: a scenario on the same board screen, marked, whose edits (and undos) go into
the scenario and never into the plan; adopting it is one undoable decision."""

from __future__ import annotations

from typing import Any

from support import actor, palette_offers, screen_text, status_on_disk
from support import until as wait_until

from regietui import ops, scenario
from regietui.store import BoardStore
from regietui.tui.screens.prompt import TextPrompt
from regietui.tui.screens.scenario import CompareScreen, ScenarioScreen

NARROW = (80, 24)


async def until(pilot: Any, condition: Any) -> None:
    """Wait for `condition()` (a what-if saves and works out findings twice: room for that)."""
    await wait_until(pilot, condition, 5.0)


async def open_first(pilot: Any) -> ScenarioScreen:
    """Open the first scenario of the board the way a user does: W, then enter in the picker."""
    app = pilot.app
    await pilot.press("W")
    await until(pilot, lambda: type(app.screen).__name__ == "Picker")
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, ScenarioScreen))
    return app.screen


def _with_scenario(path, keys) -> str:
    """Add scenario "iPads later" to the file: the draft iPad item a quarter later, which takes
    2026-Q2 from 100 over capacity to 300 left."""
    board = BoardStore(path).load()
    change = scenario.new(board, "iPads later", actor(3))
    key = change.key
    board = change.board
    seen = scenario.apply(board, board.scenarios[key])
    fields = {"start": "2026-Q3", "end": "2026-Q4"}
    edited = ops.edit(seen, "roadmap", keys["ipad_r"], fields, actor(4)).board
    board = scenario.save_edit(board, key, edited, actor(4), "edit").board
    BoardStore(path).save(board)
    return key


async def test_a_new_what_if_takes_the_edits_and_undos_and_leaves_the_plan_alone(
    make_app, board_fixture
):
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("W")
        await until(pilot, lambda: isinstance(app.screen, TextPrompt))
        await pilot.press(*"Zonder iPads", "enter")
        await until(pilot, lambda: isinstance(app.screen, ScenarioScreen))
        what_if = app.screen
        assert "What-if: Zonder iPads" in screen_text(app).splitlines()[0]
        assert "WHAT-IF, not the plan — Zonder iPads" in screen_text(app)
        key = board_fixture["nolink"]
        what_if.jump_to("ambitions", key)
        await pilot.press("greater_than_sign")
        await until(pilot, lambda: what_if.session.board.ambitions[key].status == "in_progress")
        on_disk = BoardStore(board_fixture.path).load()
        [(recorded_key, recorded)] = on_disk.scenarios.items()
        assert [(c.record, c.fields) for c in recorded.changes] == [
            (key, {"status": ("planned", "in_progress")})
        ]
        assert status_on_disk(board_fixture.path, key) == "planned"  # the plan is untouched
        await pilot.press("u")
        await until(pilot, lambda: what_if.session.board.ambitions[key].status == "planned")
        await until(pilot, lambda: BoardStore(board_fixture.path).load().scenarios == {
            recorded_key: recorded.model_copy(update={"changes": ()})
        })  # fmt: skip
        await pilot.press("W")
        await until(pilot, lambda: app.screen is app.board_screen)
        assert app.session.board.ambitions[key].status == "planned"


async def test_the_what_if_shows_capacity_and_findings_against_the_plan_and_adopts_with_undo(
    make_app, board_fixture
):
    key = _with_scenario(board_fixture.path, board_fixture.keys)
    item = board_fixture["ipad_r"]
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        what_if = await open_first(pilot)
        await until(pilot, lambda: "findings 5 → 4" in screen_text(app))
        await pilot.press("r")
        await until(pilot, lambda: "Left in the what-if" in screen_text(app))
        lines = screen_text(app).splitlines()
        header = next(line for line in lines if "2026-Q2" in line)
        column = header.index("2026-Q2")
        plan_row = next(line for line in lines if line.startswith(" Left in the plan"))
        what_if_row = next(line for line in lines if line.startswith(" Left in the what-if"))
        assert plan_row[column : column + 4] == "-100"
        assert what_if_row[column : column + 4] == "300 "
        await pilot.press("D")
        await until(pilot, lambda: isinstance(app.screen, CompareScreen))
        assert "2026-Q2  −100 → +300" in screen_text(app)
        await pilot.press("escape")
        await pilot.press("A")
        await until(pilot, lambda: isinstance(app.screen, TextPrompt))
        await pilot.press(*"AB 2027-01-15 roadmap", "enter")
        assert "write the decision like" in app.screen.error
        await pilot.press("ctrl+u", *"AB 2027-01-15: roadmap vastgesteld", "enter")
        await until(pilot, lambda: app.screen is app.board_screen)
        assert what_if.closing
        adopted = BoardStore(board_fixture.path).load()
        assert key not in adopted.scenarios
        assert str(adopted.roadmap[item].start) == "2026-Q3"
        events = [e for e in adopted.events.values() if e.action == "adopt"]
        assert {(e.table, e.text) for e in events} == {
            ("scenarios", "AB 2027-01-15: roadmap vastgesteld (scenario 'iPads later')"),
            ("roadmap", "AB 2027-01-15: roadmap vastgesteld (scenario 'iPads later')"),
        }
        await pilot.press("u")
        await until(pilot, lambda: key in BoardStore(board_fixture.path).load().scenarios)
        assert str(BoardStore(board_fixture.path).load().roadmap[item].start) == "2026-Q2"


async def test_discard_removes_the_scenario_after_a_yes(make_app, board_fixture):
    _with_scenario(board_fixture.path, board_fixture.keys)
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await open_first(pilot)
        await pilot.press("X")
        await until(pilot, lambda: type(app.screen).__name__ == "Confirm")
        await pilot.press("y")
        await until(pilot, lambda: app.screen is app.board_screen)
        assert BoardStore(board_fixture.path).load().scenarios == {}


async def test_the_palette_opens_a_what_if_and_then_offers_its_commands(make_app, board_fixture):
    key = _with_scenario(board_fixture.path, board_fixture.keys)
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("ctrl+p", *"what-if: open")
        await palette_offers(pilot, "What-if: open or start a scenario", 5.0)
        await pilot.press("enter")
        await until(pilot, lambda: type(app.screen).__name__ == "Picker")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ScenarioScreen))
        assert app.screen.key == key
        await pilot.press("ctrl+p", *"adopt the")
        await palette_offers(pilot, "Adopt the scenario as a decision", 5.0)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, TextPrompt))


async def test_a_field_the_plan_changed_since_shows_as_stale(make_app, board_fixture):
    _with_scenario(board_fixture.path, board_fixture.keys)
    store = BoardStore(board_fixture.path)
    item = board_fixture["ipad_r"]
    store.save(ops.edit(store.load(), "roadmap", item, {"start": "2026-Q1"}, actor(5)).board)
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await open_first(pilot)
        await until(pilot, lambda: "stale: 1 (D)" in screen_text(app).splitlines()[0])
        await pilot.press("D")
        await until(pilot, lambda: isinstance(app.screen, CompareScreen))
        assert (
            f"roadmap item R-{item}, field start: the plan changed it from Q2 2026 to"
            " Q1 2026; the scenario has Q3 2026"
        ) in app.screen.text.plain


async def test_a_dutch_what_if_refuses_a_decision_and_compares_in_dutch(make_app, board_fixture):
    _with_scenario(board_fixture.path, board_fixture.keys)
    app = make_app(lang="nl")
    async with app.run_test(size=NARROW) as pilot:
        await open_first(pilot)
        await pilot.press("D")
        await until(pilot, lambda: isinstance(app.screen, CompareScreen))
        assert "Q2–Q2 2026" not in screen_text(app)  # one quarter reads as one
        assert "uren per kwartaal · concept" in screen_text(app)
        await pilot.press("escape")
        await pilot.press("A")
        await until(pilot, lambda: isinstance(app.screen, TextPrompt))
        await pilot.press(*"AB 15-01-2027: ja", "enter")
        assert app.screen.error == "'15-01-2027' is geen datum zoals 2027-01-15"
