"""Deciding on the demo board in the TUI: the iPad card's precedent in triage, bundling the
chatbot finding into one roadmap item (and undoing it), and the board as it was, read-only."""

from __future__ import annotations

import asyncio
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from support import actor, notified, screen_text

from regietui import triage
from regietui.model import Board
from regietui.session import BoardSession
from regietui.store import BoardStore
from regietui.tui.app import RegieApp
from regietui.tui.messages import FindingsReady
from regietui.tui.screens.form import RecordForm
from regietui.tui.screens.insights import InsightsScreen
from regietui.tui.screens.triage import TriageScreen

ROOT = Path(__file__).resolve().parent.parent.parent
DEMO_DAY = date(2026, 11, 29)
IPADS = "mvh2z"
MAC = "f74hq"
CHATBOTS = {"r4dhd", "n4fmc", "977bf", "ujycj"}


@pytest.fixture
def demo_copy(tmp_path: Path) -> Path:
    path = tmp_path / "boards" / "demo.json"
    path.parent.mkdir()
    shutil.copy(ROOT / "boards" / "demo.json", path)
    return path


def _app(path: Path, **options: Any) -> RegieApp:
    return RegieApp(
        BoardStore(path), "en", today=DEMO_DAY, actor=actor(seed=5), watch=False, **options
    )


async def _until(pilot: Any, condition: Any, seconds: float = 20.0) -> None:
    """Wait for a condition (findings and saves come from workers and timers)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("the screen never got there")
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()


async def test_the_ipad_cards_triage_shows_the_rejected_mac_workstations(demo_copy: Path):
    app = _app(demo_copy)
    async with app.run_test(size=(200, 50)) as pilot:
        queue = [item.key for item in triage.queue(app.session.board, DEMO_DAY)]
        await pilot.press("t")
        await _until(pilot, lambda: isinstance(app.screen, TriageScreen))
        for _ in range(queue.index(IPADS)):
            await pilot.press("s")
        await _until(pilot, lambda: "iPads voor de gemeenteraad" in screen_text(app))
        text = screen_text(app)
        assert "Earlier decisions (2)" in text
        line = next(ln for ln in text.splitlines() if f"A-{MAC}" in ln)
        assert "Mac-werkplekken voor de afdeling communicatie" in line
        assert "Rejected" in line and "same standard" in line  # S-phzz2 wraps to the next line
        assert "DB houdt vast aan de standaardwerkplek" in text


async def test_bundling_the_chatbot_finding_links_all_four_and_undo_takes_it_back(
    demo_copy: Path,
):
    app = _app(demo_copy)
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.press("i")
        await _until(pilot, lambda: isinstance(app.screen, InsightsScreen) and app.screen.found)
        screen = app.screen
        assert isinstance(screen, InsightsScreen)
        # not on a finding of another check
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, InsightsScreen)
        row = next(i for i, f in enumerate(screen.rows) if f and f.check == "bundling")
        screen.query_one("#insights-list").highlighted = row  # type: ignore[attr-defined]
        await pilot.press("b")
        await _until(pilot, lambda: isinstance(app.screen, RecordForm))
        form = app.screen
        assert isinstance(form, RecordForm)
        assert form.title == "Shared roadmap item for 4 ambitions"
        assert form.value_of("title") == "Chatbot op de website"
        assert (form.value_of("start"), form.value_of("effort")) == ("2027-Q2", "120")
        assert form.value_of("theme") == "dienstverlening"
        # the form is editable: a better title
        form.query_one("#field-title").value = "Gezamenlijke chatbot"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await _until(pilot, lambda: not isinstance(app.screen, RecordForm))
        await _until(pilot, lambda: not app.session.dirty)
        saved = BoardStore(demo_copy).load()
        [item] = [k for k, r in saved.roadmap.items() if r.title == "Gezamenlijke chatbot"]
        assert set(saved.serving(item)) == CHATBOTS
        assert app.board_screen.roadmap.cursor_key == item
        await pilot.press("u")
        await _until(pilot, lambda: not app.session.dirty)
        undone = BoardStore(demo_copy).load()
        assert item not in undone.roadmap
        assert all(item not in undone.ambitions[k].linked for k in CHATBOTS)
        assert all(not undone.ambitions[k].links for k in CHATBOTS)


async def test_the_bundle_key_in_triage_bundles_the_card_with_its_similar_cards(demo_copy: Path):
    app = _app(demo_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        board = app.session.board
        items = [triage.Item("r4dhd", triage.WISH)]
        app.push_screen(TriageScreen(items, "en", app.session))
        await _until(pilot, lambda: isinstance(app.screen, TriageScreen))
        await pilot.press("b")
        await _until(pilot, lambda: isinstance(app.screen, RecordForm))
        await pilot.press("ctrl+s")
        await _until(pilot, lambda: isinstance(app.screen, TriageScreen))
        added = set(app.session.board.roadmap) - set(board.roadmap)
        assert len(added) == 1
        assert set(app.session.board.serving(added.pop())) == CHATBOTS


async def test_the_board_as_it_was_is_shown_read_only(demo_copy: Path, tmp_path: Path):
    store = BoardStore(demo_copy)
    older: Board = store.load()
    older = older.with_record(
        "ambitions", IPADS, older.ambitions[IPADS].model_copy(update={"title": "Oude titel"})
    )
    before = demo_copy.read_bytes()
    past = BoardSession.past(older, "HEAD~1 (abc1234, 2026-11-20)")
    app = _app(demo_copy, past=past)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        # at 80 columns the board's name gives way; what the board is stays whole
        assert "— as of HEAD~1 (abc1234, 2026-11-20) — read-only  │  Ambitions" in text
        await pilot.press("t")
        await pilot.pause()
        assert not isinstance(app.screen, TriageScreen)
        said = notified(app)  # the refusal says why
        assert said == [
            "this is the board as of HEAD~1 (abc1234, 2026-11-20): nothing can be changed"
        ]
        assert app.session.board is older
    assert demo_copy.read_bytes() == before


async def test_cards_marked_on_the_board_are_bundled_into_one_item(demo_copy: Path):
    app = _app(demo_copy)
    async with app.run_test(size=(200, 50)) as pilot:
        kanban = app.board_screen.kanban
        for key in ("r4dhd", "n4fmc"):
            assert kanban.set_cursor(key)
            await pilot.press("space")
        assert kanban.picked == {"r4dhd", "n4fmc"}
        assert kanban.set_cursor("n4fmc")
        await pilot.press("space")  # unmarks
        assert kanban.picked == {"r4dhd"}
        await pilot.press("space")
        await pilot.pause()
        assert "●" in screen_text(app)
        await pilot.press("B")
        await _until(pilot, lambda: isinstance(app.screen, RecordForm))
        assert app.screen.title == "Shared roadmap item for 2 ambitions"
        await pilot.press("ctrl+s")
        await _until(pilot, lambda: not isinstance(app.screen, RecordForm))
        await _until(pilot, lambda: not app.session.dirty)
        saved = BoardStore(demo_copy).load()
        [item] = set(saved.roadmap) - set(BoardStore(ROOT / "boards" / "demo.json").load().roadmap)
        assert set(saved.serving(item)) == {"r4dhd", "n4fmc"}
        assert kanban.picked == frozenset()


async def test_insights_opened_while_the_findings_are_on_their_way_still_get_them(
    demo_copy: Path,
):
    """The findings thread posts to the screens on the stack; one pushed just after that hears
    of them from the board screen (it used to say "Working out the findings…" for ever)."""
    app = _app(demo_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        board = app.session.board
        await _until(pilot, lambda: app.board_screen.findings.board is board)
        found = app.board_screen.findings.found
        assert found
        screen = InsightsScreen("en", DEMO_DAY, None)
        await app.push_screen(screen)
        assert screen.found is None
        app.board_screen.post_message(FindingsReady(board, DEMO_DAY, found, {}, app.session))
        await _until(pilot, lambda: screen.found is not None)
        assert "Working out" not in screen_text(app)
