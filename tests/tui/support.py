"""Helpers for the main-screen tests: the fixture board (built through `ops`), reading the file
back through the CLI, and the text on the screen."""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.command import CommandList
from textual.notifications import Notification
from textual.strip import Strip

from regietui import cli, ops
from regietui.model import Board, Meta

TODAY = date(2026, 5, 15)
"""The app's "today" in every test: the current quarter is 2026-Q2."""
CLOCK = datetime(2026, 5, 15, 9, 0, tzinfo=UTC)
MARKUP_TITLE = "fix [/] now [$accent]x"
OSC_TITLE = "Evil \x1b]0;owned\x07 title"
OSC_SHOWN = "Evil  title"


def actor(seed: int = 1) -> ops.Actor:
    return ops.Actor(author="Test", clock=lambda: CLOCK, rng=random.Random(seed))


@dataclass(frozen=True)
class Fixture:
    """The board file and the keys of its records, by nickname."""

    path: Path
    keys: dict[str, str]

    def __getitem__(self, name: str) -> str:
        return self.keys[name]


def build_board() -> tuple[Board, dict[str, str]]:
    """Three municipalities, two roadmap items (one quarter over capacity), seven ambitions."""
    act = actor()
    board = Board(meta=Meta(name="Testbord"))
    keys: dict[str, str] = {}

    def add(name: str, table: str, fields: dict[str, Any], key: str | None = None) -> str:
        nonlocal board
        change = ops.add(board, table, fields, act, key=key)
        board = change.board
        keys[name] = change.key
        return change.key

    add("dienst", "themes", {"name": "Dienstverlening"}, key="dienstverlening")
    add("werkplek", "themes", {"name": "Werkplek & mobiel"}, key="werkplek")
    add("aad", "municipalities", {"name": "Aadorp", "short": "AAD"}, key="GM0001")
    add("brg", "municipalities", {"name": "Bergum", "short": "BRG"}, key="GM0002")
    add("cdz", "municipalities", {"name": "Cadzand", "short": "CDZ"}, key="GM0003")
    add("windows", "standards", {"title": "Werkplek is Windows; geen iOS-beheer"})
    add(
        "zaak_r",
        "roadmap",
        {
            "title": "Nieuw zaaksysteem",
            "start": "2026-Q1",
            "end": "2026-Q4",
            "effort": 500,
            "theme": "dienstverlening",
            "status": "adopted",
        },
    )
    add(
        "ipad_r",
        "roadmap",
        {
            "title": "Mobiel beheer iPads",
            "start": "2026-Q2",
            "end": "2026-Q3",
            "effort": 400,
            "theme": "werkplek",
        },
    )
    for quarter, amount in (("2026-Q1", 1000), ("2026-Q2", 800), ("2026-Q3", 1000)):
        board = ops.set_capacity(board, quarter, amount, act).board
    add(
        "zaak",
        "ambitions",
        {
            "municipality": "GM0001",
            "title": "Zaaksysteem vervangen",
            "description": "Het oude zaaksysteem is einde levensduur.",
            "priority": "must",
            "theme": "dienstverlening",
            "links": [{"roadmap": keys["zaak_r"]}],
            "tags": ["zaken"],
        },
    )
    add(
        "ipad",
        "ambitions",
        {
            "municipality": "GM0002",
            "title": "iPads voor de raad",
            "status": "exploring",
            "priority": "should",
            "theme": "werkplek",
            "conflicts": [keys["windows"]],
            "tags": ["tablet"],
        },
    )
    add(
        "nolink",
        "ambitions",
        {"municipality": "GM0003", "title": "Gepland zonder koppeling", "status": "planned"},
    )
    add("markup", "ambitions", {"municipality": "GM0001", "title": MARKUP_TITLE})
    add("osc", "ambitions", {"municipality": "GM0002", "title": OSC_TITLE, "status": "deciding"})
    add(
        "parked",
        "ambitions",
        {"municipality": "GM0003", "title": "Later misschien", "status": "parked",
         "review": "2026-09-01"},
    )  # fmt: skip
    add(
        "long",
        "ambitions",
        {
            "municipality": "GM0003",
            "title": "Een heel lange titel die nooit op één regel past in een smalle kolom",
            "status": "in_progress",
            "links": [{"roadmap": keys["zaak_r"]}],
        },
    )
    return board, keys


def listed(path: Path) -> dict[str, dict[str, Any]]:
    """`regietui list --json -b PATH`, as id → row: what the file on disk holds."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli.main(["list", "--json", "-b", str(path)]) == 0
    return {row["id"]: row for row in json.loads(out.getvalue())}


def status_on_disk(path: Path, key: str) -> str | None:
    row = listed(path).get(f"A-{key}")
    return row["status"] if row else None


def screen_strips(app: App) -> list[Strip]:
    """The lines the screen sends to the terminal, as strips of segments.

    Textual offers the screen only as an SVG (`App.export_screenshot`), not as text or strips:
    this is the one place the tests read the private compositor."""
    return app.screen._compositor.render_strips()


def screen_text(app: App) -> str:
    """The characters on the screen, line by line (what the user sees, without colours)."""
    return "\n".join(strip.text for strip in screen_strips(app))


def notifications(app: App) -> list[Notification]:
    """The notifications the app shows now, oldest first.

    Textual has no public way to read them, and `run_test` does not draw the toasts, so they are
    not in `screen_text` either: this is the one place the tests read `App._notifications`."""
    return list(app._notifications)


def notified(app: App) -> list[str]:
    """The messages of the notifications the app shows now."""
    return [note.message for note in notifications(app)]


async def until(pilot: Any, condition: Any, seconds: float = 2.0) -> float:
    """Let the app run in small steps until `condition()` holds; fail after `seconds`."""
    loop = asyncio.get_running_loop()
    start = loop.time()
    while not condition():
        if loop.time() - start > seconds:
            pytest.fail(f"not within {seconds} s")
        await pilot.pause(0.01)
    return loop.time() - start


async def palette_offers(pilot: Any, wanted: str, seconds: float = 2.0) -> None:
    """Wait until the command palette's highlighted hit reads `wanted` (its search runs in the
    background, so a fixed pause would be too short on a busy machine or too long elsewhere)."""

    def offered() -> bool:
        found = pilot.app.screen.query(CommandList)
        if not found:
            return False
        hits = found.first()
        index = hits.highlighted
        if index is None or index >= hits.option_count:
            return False
        prompt = hits.get_option_at_index(index).prompt
        return wanted in getattr(prompt, "plain", str(prompt))

    await until(pilot, offered, seconds)
