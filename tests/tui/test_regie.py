"""Regie in the TUI: insights and their markers, triage, settings — what the user sees and what
the board file and the settings file hold afterwards."""

from __future__ import annotations

import threading
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

from helpers import git
from support import (
    MARKUP_TITLE,
    TODAY,
    Fixture,
    actor,
    notified,
    palette_offers,
    screen_text,
    until,
)

from regietui import insights, ops, triage
from regietui.model import Board
from regietui.store import BoardStore
from regietui.tui.app import RegieApp, open_app
from regietui.tui.screens.insights import InsightsScreen
from regietui.tui.screens.picker import Picker
from regietui.tui.screens.prompt import TextPrompt
from regietui.tui.screens.settings import SettingsScreen
from regietui.tui.screens.triage import TriageScreen

WIDE = (160, 48)
NARROW = (80, 24)


async def settle(pilot: Any) -> None:
    """Let the findings (worked out in a thread) arrive and show."""
    app = pilot.app
    for _ in range(100):
        await pilot.pause()
        await app.workers.wait_for_complete()
        if app.board_screen.findings.board is app.session.board:
            break
    await pilot.pause()


def change_file(path: Path, *edits: Any) -> dict[str, str]:
    """Apply `(name, make)` edits to the board file before the app opens it; the new keys."""
    store = BoardStore(path)
    board = store.load()
    made: dict[str, str] = {}
    act = actor(seed=21)
    for name, make in edits:
        change = make(board, act)
        board = change.board
        made[name] = change.key
    store.save(board)
    return made


def wish(title: str, muni: str, **fields: Any) -> Any:
    def make(board: Board, act: ops.Actor) -> ops.Change:
        doc = {"municipality": muni, "title": title, **fields}
        return ops.add(board, "ambitions", doc, act)

    return make


def texts(board: Board, key: str) -> set[str]:
    return {event.text or "" for _, event in board.history(key)}


# --- insights ------------------------------------------------------------------------------------


async def test_insights_lists_the_checks_and_enter_jumps_to_the_card(make_app, board_fixture):
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InsightsScreen)
        text = screen_text(app)
        for heading in (
            "Committed without a roadmap link · 1",
            "Roadmap items serving no ambition · 1",
            "Quarters over capacity · 2",
            "Conflicts with standards without a decision · 1",
        ):
            assert heading in text
        assert "5 findings · error 1 · warning 3 · info 1 · today 2026-05-15" in text
        assert "error    Q2 2026: adopted 500 of 800 hours; with proposals 900 — 100 over" in text
        # → three times: to the conflict check; enter goes to the iPad card on the board
        await pilot.press("right", "right", "right")
        await pilot.pause()
        assert screen.highlighted is not None and screen.highlighted.check == "conflict"
        assert "iPads voor de raad" in screen_text(app)  # the whole sentence, below the list
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, InsightsScreen)
        assert app.focused is app.board_screen.kanban
        assert app.board_screen.kanban.cursor_key == board_fixture["ipad"]
        # a capacity finding goes to the roadmap (the narrow layout switches to it)
        await pilot.press("i")
        await settle(pilot)
        await pilot.press("right", "right", "enter")
        await pilot.pause()
        assert app.focused is app.board_screen.roadmap and app.board_screen.roadmap.display
        assert app.board_screen.roadmap.cursor_key in {
            board_fixture["zaak_r"],
            board_fixture["ipad_r"],
        }
        # escape closes without moving anything
        await pilot.press("i")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, InsightsScreen)


async def test_a_card_with_a_finding_shows_its_marker_and_it_updates_after_a_change(
    make_app, board_fixture
):
    path = board_fixture.path
    late = (
        "late",
        lambda board, act: ops.edit(
            board, "ambitions", board_fixture["zaak"], {"wanted_by": "2026-Q3"}, act
        ),
    )
    change_file(path, late)  # wanted by 2026-Q3, linked to an item that ends in 2026-Q4
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "AAD △ must" in text  # a warning about the zaak card (it is late)
        assert "BRG ✗ should" in text  # the conflict keeps its own flag, no second marker
        row = next(line for line in text.splitlines() if "Mobiel beheer iPads" in line)
        assert "△" in row  # the roadmap item serves no ambition
        # the item serves no ambition; the zaak item ends after the card is wanted
        assert app.board_screen.roadmap.marks == {
            board_fixture["ipad_r"]: "warning",
            board_fixture["zaak_r"]: "warning",
        }
        # link the iPad card to the item: the item serves an ambition now, its marker goes
        assert app.board_screen.kanban.set_cursor(board_fixture["ipad"])
        await pilot.press("g")
        await pilot.pause()
        await pilot.press(*"mobiel", "enter")
        await settle(pilot)
        row = next(line for line in screen_text(app).splitlines() if "Mobiel beheer iPads" in line)
        assert "△" not in row and "▲" not in row
        assert board_fixture["ipad_r"] not in app.board_screen.roadmap.marks


async def test_findings_are_worked_out_off_the_ui_thread(make_app, monkeypatch):
    threads: list[threading.Thread] = []
    real = insights.findings

    def spy(board: Board, today: date) -> list[insights.Finding]:
        threads.append(threading.current_thread())
        return real(board, today)

    monkeypatch.setattr(insights, "findings", spy)
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("greater_than_sign")  # a change: the findings are worked out again
        await settle(pilot)
    assert len(threads) == 2
    assert all(thread is not threading.main_thread() for thread in threads)


# --- triage --------------------------------------------------------------------------------------


def triage_board(board_fixture: Fixture) -> dict[str, str]:
    """Three more wishes and a parked card due for review: six cards in the queue."""
    return change_file(
        board_fixture.path,
        ("chat", wish("Chatbot op de website", "GM0002", priority="should")),
        ("wifi", wish("Wifi op de werf", "GM0003", priority="could")),
        ("archive", wish("Archief digitaliseren", "GM0001")),
        ("due", wish("Oud plan", "GM0002", status="parked", review="2026-04-01")),
    )


async def test_triage_walks_the_queue_with_one_key_per_decision(make_app, board_fixture):
    added = triage_board(board_fixture)
    keys = {**board_fixture.keys, **added}
    path = board_fixture.path
    queue = [item.key for item in triage.queue(BoardStore(path).load(), TODAY)]
    assert queue == [
        keys["zaak"],
        keys["chat"],
        keys["wifi"],
        keys["archive"],
        keys["markup"],
        keys["due"],
    ]
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TriageScreen)
        text = screen_text(app)
        assert "Triage 1/6 · 0 decided — New wish" in text
        assert "Zaaksysteem vervangen" in text and "Aadorp (GM0001)" in text
        # explore, with a note for the history
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*"pilot eerst", "enter")
        await pilot.pause()
        assert "Note: pilot eerst" in screen_text(app)
        await pilot.press("x")
        await pilot.pause()
        # plan: pick a roadmap item; the link and the move are one change
        assert "Chatbot op de website" in screen_text(app)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, Picker)
        await pilot.press(*"mobiel", "enter")
        await pilot.pause()
        assert "Triage 3/6 · 2 decided" in screen_text(app)
        assert screen.progress == "Triage 3/6 · 2 decided"
        # for decision
        await pilot.press("d")
        await pilot.pause()
        # park: asks for a review date
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*"2026-11-01", "enter")
        await pilot.pause()
        # reject: asks for a reason
        await pilot.press("r")
        await pilot.pause()
        await pilot.press(*"te duur", "enter")
        await pilot.pause()
        # the parked card due for review: skip it
        text = screen_text(app)
        assert "Triage 6/6 · 5 decided — Parked; its review date 1 April 2026 has come" in text
        await pilot.press("s")
        await pilot.pause()
        assert screen.finished
        assert "5 decided, 1 skipped" in screen_text(app)
        # the end shows what was decided, ready to copy into the minutes
        summary = screen.summary.splitlines()
        assert summary[:3] == [
            "Decided in this triage (5):",
            f"- A-{keys['zaak']} Zaaksysteem vervangen — Explore — Note: pilot eerst",
            f"- A-{keys['chat']} Chatbot op de website — Plan (R-{keys['ipad_r']})",
        ]
        assert summary[3].endswith("— For decision")
        assert summary[4].endswith("— Park (2026-11-01)")
        assert summary[5] == f"- A-{keys['markup']} {MARKUP_TITLE} — Reject (te duur)"
        assert len(summary) == 6  # the skipped card is not a decision
        assert "Decided in this triage (5):" in screen_text(app)
        await pilot.press("c")
        assert app.clipboard == screen.summary
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, TriageScreen)
        assert any("triage ended: 5 decided, 1 skipped" in said for said in notified(app))
        assert len(app.session.undo_stack) == 5  # each decision can be undone from the board too
        await pilot.pause()
    board = BoardStore(path).load()
    amb = board.ambitions
    assert amb[keys["zaak"]].status.value == "exploring"
    assert "triage: explore — pilot eerst" in texts(board, keys["zaak"])
    assert amb[keys["chat"]].status.value == "planned"
    assert amb[keys["chat"]].linked == (keys["ipad_r"],)
    assert f"triage: plan R-{keys['ipad_r']}" in texts(board, keys["chat"])
    assert amb[keys["wifi"]].status.value == "deciding"
    assert "triage: for decision" in texts(board, keys["wifi"])
    assert amb[keys["archive"]].status.value == "parked"
    assert amb[keys["archive"]].review == date(2026, 11, 1)
    assert "triage: park" in texts(board, keys["archive"])
    assert amb[keys["markup"]].status.value == "rejected"
    assert amb[keys["markup"]].status_reason == "te duur"
    assert "te duur; triage: reject" in texts(board, keys["markup"])
    assert amb[keys["due"]].status.value == "parked"  # skipped: unchanged
    assert amb[keys["due"]].review == date(2026, 4, 1)
    marks = [ev for _, ev in board.history() if ev.action == "triage" and ev.table == "meta"]
    assert [ev.text for ev in marks] == ["5 decided, 1 skipped"]
    # the next session holds only what still needs a decision: the skipped review
    assert [item.key for item in triage.queue(board, TODAY)] == [keys["due"]]


async def test_triage_undo_goes_back_to_the_card_and_stopping_early_marks_nothing(
    make_app, board_fixture
):
    path, key = board_fixture.path, board_fixture["zaak"]
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TriageScreen)
        await pilot.press("l")  # solved locally
        await pilot.pause()
        assert BoardStore(path).load().ambitions[key].status.value == "local"
        assert screen.progress == "Triage 2/2 · 1 decided"
        await pilot.press("u")
        await pilot.pause()
        assert screen.progress == "Triage 1/2 · 0 decided"
        assert "Zaaksysteem vervangen" in screen_text(app)
        await pilot.press("u")  # nothing more to undo
        await pilot.pause()
        assert any("no triage decision to undo" in said for said in notified(app))
        await pilot.press("escape")
        await until(pilot, lambda: any("2 still to do" in said for said in notified(app)))
    board = BoardStore(path).load()
    assert board.ambitions[key].status.value == "wish"
    assert triage.last_triage(board) is None


async def test_triage_shows_a_change_from_another_session_on_the_open_card(make_app, board_fixture):
    """The triage screen hears of the board through `BoardChanged`: a title another session
    changed shows on the card at once (the card is not read over by a stale copy)."""
    key, path = board_fixture["zaak"], board_fixture.path
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TriageScreen)
        assert "Zaaksysteem vervangen" in screen_text(app)
        change_file(
            path, ("zaak", lambda b, a: ops.edit(b, "ambitions", key, {"title": "Zaken 2.0"}, a))
        )
        app.board_screen.check_disk()
        await pilot.pause()
        text = screen_text(app)
        assert "Zaken 2.0" in text and "Zaaksysteem vervangen" not in text
        assert "Triage 1/2 · 0 decided" in text  # still on the same card of the same queue


async def test_nothing_to_triage_says_so(make_app, board_fixture):
    for name in ("zaak", "markup"):
        change_file(
            board_fixture.path,
            (name, lambda b, a, k=board_fixture[name]: ops.move(b, k, "exploring", a)),
        )
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert not isinstance(app.screen, TriageScreen)
        assert any("nothing to triage" in said for said in notified(app))


# --- settings ------------------------------------------------------------------------------------


async def test_the_history_credits_the_git_user_of_the_boards_repository_first(
    board_fixture, settings_home
):
    """The settings' name counts where git has none; the settings screen says which wins."""
    folder = board_fixture.path.parent
    git(folder, "init", "-q")
    git(folder, "config", "user.name", "Board Repo")
    config = settings_home / "regietui" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('author = "Uit Instellingen"\n', encoding="utf-8")
    app = open_app(BoardStore(board_fixture.path), None, today=TODAY, watch=False)
    assert app.session.actor.author == "Board Repo"
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("S")
        await pilot.pause()
        await pilot.press("tab", "tab", "ctrl+u", *"Jan Tester", "enter")
        await pilot.pause()
        assert app.session.actor.author == "Board Repo"
        assert notified(app)[-1] == (
            "edits stay credited to Board Repo: the git user.name of the board's repository"
            " comes first"
        )
        git(folder, "config", "--unset", "user.name")
        ops.default_author.cache_clear()
        await pilot.press("ctrl+u", *"Jan", "enter")
        await pilot.pause()
        assert app.session.actor.author == "Jan"
        assert notified(app)[-1] == "edits are now credited to Jan"
    assert tomllib.loads(config.read_text())["author"] == "Jan"


async def test_language_theme_and_author_apply_at_once_and_survive_a_restart(
    board_fixture, settings_home
):
    path = board_fixture.path
    config = settings_home / "regietui" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('board = "elders.json"\n\n[keys]\n"board.new" = "a"\n', encoding="utf-8")
    options = {"today": TODAY, "actor": actor(seed=7), "watch": False}
    app = open_app(BoardStore(path), None, **options)
    assert app.lang == "en"
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert app.board_screen.kanban.titles[0] == "Wish 2"
        await pilot.press("S")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        await pilot.press("enter", "down", "enter")  # the language list: English → Nederlands
        await pilot.pause()
        assert app.lang == "nl"
        text = screen_text(app)
        assert "Instellingen" in text and "Taal" in text  # the settings screen itself
        assert app.board_screen.kanban.titles[0] == "Wens 2"  # and the board behind it
        assert tomllib.loads(config.read_text())["language"] == "nl"
        # the name that the history credits
        await pilot.press("tab", "tab")
        await pilot.press(*"Jan Tester", "enter")
        await pilot.pause()
        assert app.session.actor.author == "Jan Tester"
        await pilot.press("escape")
        await pilot.pause()
        text = screen_text(app)
        assert "Vastgesteld (uren)" in text and "opgeslagen" in text
        assert "Help" in app.query_one("#keys").hints[0][1]
        hints = dict(app.query_one("#keys").hints)
        assert hints["a"] == "Nieuw"  # the key from [keys], the label in Dutch
        # a palette command switches the colour theme
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Kleurenthema: textual-light")
        await palette_offers(pilot, "Kleurenthema: textual-light")
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "textual-light"
        await pilot.press("greater_than_sign")  # an edit, credited to the new name
        await pilot.pause()
    data = tomllib.loads(config.read_text())
    assert data == {
        "language": "nl",
        "theme": "textual-light",
        "author": "Jan Tester",
        "board": "elders.json",
        "keys": {"board.new": "a"},
    }
    board = BoardStore(path).load()
    last = board.history(board_fixture["zaak"])
    assert any(ev.author == "Jan Tester" and ev.action == "move" for _, ev in last)
    # a new session reads the file: Dutch, the light theme, the new name
    again = open_app(BoardStore(path), None, today=TODAY, watch=False)
    assert again.lang == "nl" and again.session.actor.author == "Jan Tester"
    async with again.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert again.board_screen.kanban.titles[0].startswith("Wens")
        assert again.theme == "textual-light"
        assert "Vastgesteld (uren)" in screen_text(again)
    # --lang wins for that session only
    english = open_app(BoardStore(path), "en", today=TODAY, watch=False)
    assert english.lang == "en"
    assert tomllib.loads(config.read_text())["language"] == "nl"


async def test_palette_switches_the_language(make_app, settings_home):
    app: RegieApp = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Language: Nederlands")
        await palette_offers(pilot, "Language: Nederlands")
        await pilot.press("enter")
        await pilot.pause()
        assert app.lang == "nl"
        assert "Ambities · r: Roadmap" in screen_text(app)
    config = settings_home / "regietui" / "config.toml"
    assert tomllib.loads(config.read_text()) == {"language": "nl"}


# --- snapshots -----------------------------------------------------------------------------------


def test_snapshot_insights_80x24(snap_compare: Any, make_app: Any) -> None:
    async def open_insights(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)

    assert snap_compare(make_app(), run_before=open_insights, terminal_size=NARROW)


def test_snapshot_triage_80x24(snap_compare: Any, make_app: Any) -> None:
    async def open_triage(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)

    assert snap_compare(make_app(), run_before=open_triage, terminal_size=NARROW)
