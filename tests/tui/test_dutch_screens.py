"""Dutch throughout, on the screen (issue 10): every screen at 80x24 in Dutch holds none of the
words only untranslated English uses, every screen in English none of the Dutch-only words, and
the toasts the other tests trigger (a move, an undo, a change from another session) are Dutch.

The word lists and `foreign` (which takes the board's own text out first) are the commands'
(`tests/test_language.py`)."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

import pytest
from support import CLOCK, screen_text, until
from test_language import DUTCH_ONLY, ENGLISH_ONLY, board_words, foreign

from regietui import ops
from regietui.store import BoardStore
from regietui.tui.app import RegieApp

SMALL = (80, 24)

SCREENS: tuple[tuple[str, str, str], ...] = (
    ("details", "v", "v"),
    ("insights", "i", "escape"),
    ("triage", "t", "escape"),
    ("changes", "C", "escape"),
    ("roadmap", "r", "r"),
    ("new ambition form", "n", "escape"),
    ("settings", "S", "escape"),
    ("help", "question_mark", "escape"),
    ("palette", "ctrl+p", "escape"),
    ("what-if", "W", "escape"),
)
"""(name, key that opens it, key that closes it): every screen a user reaches from the board."""


def notes(app: RegieApp) -> list[str]:
    return [f"{n.title}\n{n.message}" for n in app._notifications]


async def walk(app: RegieApp, pilot: Any) -> dict[str, str]:
    """The text of the board and of every screen in SCREENS, opened from the board in turn."""
    await pilot.pause()
    seen = {"board": screen_text(app)}
    board_screen = app.screen
    for name, opening, closing in SCREENS:
        await pilot.press(opening)
        await until(pilot, lambda: screen_text(app) != seen["board"])
        await pilot.pause()
        seen[name] = screen_text(app)
        await pilot.press(closing)
        if app.screen is not board_screen:
            await pilot.press("escape")
        await until(pilot, lambda: app.screen is board_screen)
    return seen


@pytest.mark.parametrize(("lang", "words"), [("nl", ENGLISH_ONLY), ("en", DUTCH_ONLY)])
async def test_every_screen_speaks_one_language(
    make_app: Any, board_fixture: Any, lang: str, words: tuple[str, ...]
) -> None:
    board = BoardStore(board_fixture.path).load()
    # a title cut short on a narrow card cannot be taken out whole: its words are the board's
    own = {word for text in board_words(board) for word in text.split()}
    judged = tuple(word for word in words if word not in own)
    app = make_app(lang=lang)
    async with app.run_test(size=SMALL) as pilot:
        seen = await walk(app, pilot)
    assert set(seen) == {"board", *(name for name, _, _ in SCREENS)}
    found = {name: foreign(text, judged, board) for name, text in seen.items()}
    assert found == {name: [] for name in seen}


async def test_the_toasts_of_a_move_an_undo_and_an_outside_change_are_dutch(
    make_app: Any, board_fixture: Any
) -> None:
    path, key = board_fixture.path, board_fixture["ipad"]
    app = make_app(lang="nl", watch=True)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await pilot.pause()
        assert app.board_screen.kanban.set_cursor(key)
        await pilot.press("greater_than_sign")  # exploring → for decision
        await until(pilot, lambda: app.session.board.ambitions[key].status == "deciding")
        await pilot.press("u")
        await until(pilot, lambda: any("ongedaan gemaakt" in n for n in notes(app)))
        assert app.session.board.ambitions[key].status == "exploring"
        ticks = iter(range(10**6))
        jan = ops.Actor(
            author="Jan",
            clock=lambda: CLOCK + timedelta(hours=1, seconds=next(ticks)),
            rng=random.Random(11),
        )
        store = BoardStore(path)
        outside = ops.move(store.load(), key, "planned", jan)
        store.save(outside.board)
        await until(pilot, lambda: any("Jan" in n for n in notes(app)), 3.0)
        await until(pilot, lambda: "Gewijzigd in een andere sessie" in screen_text(app))
        said = notes(app)
    board = BoardStore(path).load()
    assert [n for n in said if foreign(n, ENGLISH_ONLY, board)] == []
    assert any(f"A-{key}" in n and "verplaatst verkennen → gepland" in n for n in said)
