"""Editing a roadmap item's cost allocation in its form: the file on disk gets the key, a key that
does not read is refused under the field, and the form shows the key in the reader's language."""

from __future__ import annotations

from support import screen_text, until
from textual.widgets import Input, Static

from regietui.model import Basis, Payers
from regietui.store import BoardStore
from regietui.tui.screens import RecordForm


async def open_form(app, pilot, key: str) -> RecordForm:
    if app.focused is not app.board_screen.roadmap:
        await pilot.press("r")
    await until(pilot, lambda: app.focused is app.board_screen.roadmap)
    assert app.board_screen.roadmap.set_cursor(key)
    await pilot.press("e")
    await until(pilot, lambda: isinstance(app.screen, RecordForm))
    return app.screen


async def test_the_allocation_typed_in_the_form_lands_in_the_file(make_app, board_fixture):
    path, zaak = board_fixture.path, board_fixture["zaak_r"]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(app, pilot, zaak)
        field = form.query_one("#field-allocation", Input)
        assert field.value == "" and "empty: the board's key (share)" in field.placeholder
        # a key that does not read: said under the field, the form stays, the file is unchanged
        field.value = "30% foo"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: form.query_one("#error-allocation", Static).display)
        assert isinstance(app.screen, RecordForm)
        error = str(form.query_one("#error-allocation", Static).render())
        assert "'30% foo' is not a basis" in error
        assert BoardStore(path).load().roadmap[zaak].allocation is None
        # a plus package by inhabitants
        field.value = "30% equal + 70% inhabitants over served"
        form.query_one("#field-cost_once", Input).value = "1001"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, RecordForm))
        # the details show who pays what: the two municipalities served (nobody's inhabitants
        # are known, so equally), the odd euro to the lower code
        await pilot.press("v")
        await until(pilot, lambda: "plus package" in screen_text(app))
        shown = screen_text(app)
        assert "Cost allocation: plus package (30% equal + 70% inhabitants over served)" in shown
        assert "AAD  € 501 / € 0" in shown and "CDZ  € 500 / € 0" in shown
        saved = BoardStore(path).load()
        assert saved.roadmap[zaak].allocation.weights == {Basis.EQUAL: 30, Basis.INHABITANTS: 70}
        assert saved.roadmap[zaak].allocation.payers is Payers.SERVED
        assert saved.meta.schema_version == 2
        text = path.read_text(encoding="utf-8")
        assert '"payers": "served", "weights": {"equal": 30.0, "inhabitants": 70.0}' in text


async def test_the_form_shows_the_key_in_dutch_and_keeps_it_when_untouched(make_app, board_fixture):
    path, zaak = board_fixture.path, board_fixture["zaak_r"]
    app = make_app(lang="nl")
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(app, pilot, zaak)
        form.query_one("#field-allocation", Input).value = "werkplekken over AAD, BRG"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, RecordForm))
        form = await open_form(app, pilot, zaak)
        field = form.query_one("#field-allocation", Input)
        assert field.value == "werkplekken over GM0001, GM0002"
        form.query_one("#field-effort", Input).value = "450"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, RecordForm))
    item = BoardStore(path).load().roadmap[zaak]
    assert item.effort == 450
    assert item.allocation.members == ("GM0001", "GM0002")
    assert item.allocation.weights == {Basis.WORKSTATIONS: 1}
