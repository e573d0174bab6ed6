"""Test helpers shared by the core tests: a small valid board built through `ops`, git and CLI
runners. (Fixtures live in conftest.py; importing from a module named conftest is ambiguous once
tests/tui/ has its own.)"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from regietui import ops
from regietui.model import Board, Meta

ROOT = Path(__file__).resolve().parent.parent
REGIETUI = Path(sys.executable).parent / "regietui"
FIXED = datetime(2027, 1, 4, 9, 30, tzinfo=UTC)
Actor = ops.Actor  # the real class, even while a test swaps `ops.Actor` for a factory


def make_actor(seed: int = 1, author: str = "Test", at: datetime = FIXED) -> ops.Actor:
    """An actor whose time and random keys are pinned, so boards and files are reproducible."""
    return Actor(author=author, clock=lambda: at, rng=random.Random(seed))


@dataclass(frozen=True)
class Demo:
    """A small board and the keys of its records."""

    board: Board
    amsterdam: str
    utrecht: str
    ipad: str  # standard
    portal: str  # roadmap item, linked by `portal_wish`
    workplace: str  # roadmap item that depends on `portal`
    portal_wish: str  # ambition in exploring, linked to `portal`
    ipads: str  # ambition in wish that conflicts with the iPad standard
    parked: str  # ambition parked with a review date and a decision


def build_demo(actor: ops.Actor | None = None) -> Demo:
    actor = actor or make_actor()
    board = Board(meta=Meta(name="Coöperatie Test"))

    def add(table: str, fields: dict, key: str | None = None) -> str:
        nonlocal board
        change = ops.add(board, table, fields, actor, key=key)
        board = change.board
        return change.key

    add("themes", {"name": "Dienstverlening"}, key="dienstverlening")
    add("themes", {"name": "Werkplek & mobiel"}, key="werkplek")
    ams = add(
        "municipalities",
        {"name": "Amsterdam", "short": "ADM", "inhabitants": 931298, "cost_share": 0.6},
        key="GM0363",
    )
    utr = add("municipalities", {"name": "Utrecht", "short": "UTR"}, key="GM0344")
    ipad = add("standards", {"title": "Werkplek is Windows; geen iOS-beheer"})
    portal = add(
        "roadmap",
        {"title": "Nieuw e-loket", "start": "2027-Q1", "end": "2027-Q3", "effort": 120},
    )
    workplace = add(
        "roadmap",
        {
            "title": "Werkplek vernieuwen",
            "start": "2027q3",
            "end": "2028-Q2",
            "type": "lifecycle",
            "depends_on": [portal],
        },
    )
    portal_wish = add(
        "ambitions",
        {
            "municipality": ams,
            "title": "Eén loket → alle diensten",
            "theme": "dienstverlening",
            "status": "exploring",
            "priority": "must",
            "value": 4,
            "wanted_by": "2027-Q2",
            "tags": ["burger", "loket"],
        },
    )
    board = ops.link(board, portal_wish, portal, actor).board
    ipads = add(
        "ambitions",
        {
            "municipality": utr,
            "title": "iPads voor raadsleden",
            "theme": "werkplek",
            "conflicts": [ipad],
            "cost_once": 25000,
        },
    )
    parked = add("ambitions", {"municipality": utr, "title": "Chatbot", "effort": 40})
    board = ops.decide(board, parked, "db", "Eerst landelijke pilot afwachten", actor).board
    board = ops.move(board, parked, "parked", actor, review=date(2027, 6, 1)).board
    board = ops.set_capacity(board, "2027-Q1", 400, actor).board
    return Demo(board, ams, utr, ipad, portal, workplace, portal_wish, ipads, parked)


GIT_ENV = {
    **os.environ,
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
}
GIT_ENV.pop("REGIETUI_BOARD", None)


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run real git in `repo`, isolated from the user's and the system's git configuration."""
    return subprocess.run(
        ["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
        cwd=repo,
        env=GIT_ENV,
        capture_output=True,
        text=True,
        check=check,
    )


def regietui(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The installed `regietui` command as a real subprocess."""
    return subprocess.run(
        [str(REGIETUI), *args], cwd=cwd, env=GIT_ENV, capture_output=True, text=True, timeout=30
    )
