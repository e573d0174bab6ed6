"""Shared fixtures: the helper board and its file, the CLI in-process, pinned actors, git repos."""

from __future__ import annotations

import gc
import os
import random
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
import textual._wait
import textual.screen
from helpers import FIXED, Actor, Demo, build_demo, git

from regietui import cli, ops
from regietui.store import BoardStore


def pytest_configure(config: pytest.Config) -> None:
    """Young collections less often: a Textual test makes millions of small objects (every line
    drawn is a `Strip` with seven little caches), and at the default threshold of 700 the
    collector ran some 13,000 times in one TUI file, half of its CPU time."""
    gc.set_threshold(50_000, 20, 100)


def _pilot_waits_in_short_steps() -> None:
    """Pilot's `pause()` and `press()` wait until the app is idle: they sleep in steps of 20 ms
    until a step passed with (almost) no CPU used, so every pause cost at least 20 ms, some 650
    times in the main-screen tests alone. Here a step is 5 ms, with the same idle ratio (5 %),
    and a screen repaints every 4 ms instead of 16.7 ms, so that a repaint (and what waits for
    it, like a save `call_after_refresh`) still falls within one step, as it did before.

    Textual offers no setting for either (its `TEXTUAL_FPS` is read when textual is imported,
    before any conftest), hence the two module constants; if they are gone, fail loudly rather
    than quietly wait in long steps again."""
    assert textual._wait.SLEEP_GRANULARITY == 1 / 50, "Textual changed its idle wait"
    assert hasattr(textual.screen, "UPDATE_PERIOD"), "Textual changed its screen updates"
    textual._wait.SLEEP_GRANULARITY = 0.005
    textual._wait.SLEEP_IDLE = 0.005 / 20
    textual.screen.UPDATE_PERIOD = 0.004  # type: ignore[misc]  # Final in Textual


_pilot_waits_in_short_steps()


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> None:
    """After each test (its fixtures torn down): collect its garbage (an app is one big cycle)
    and freeze what is left, so that no later collection walks the modules, the session's
    fixtures or Textual's caches again. Without this, every full collection walked those and
    the apps of earlier tests: half the time of the TUI tests went to the collector."""
    gc.collect()
    gc.freeze()


@pytest.fixture
def demo() -> Demo:
    return build_demo()


@pytest.fixture
def board_file(tmp_path: Path, demo: Demo) -> Path:
    """The demo board written to `boards/coop.json` in a fresh folder."""
    path = tmp_path / "boards" / "coop.json"
    BoardStore(path).create(demo.board)
    return path


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]):
    """`run("list", "--json", ...)`: the CLI in-process, with its exit code and output."""

    def invoke(*argv: object) -> Run:
        capsys.readouterr()
        code = cli.main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return Run(code, out, err)

    return invoke


@pytest.fixture
def seeded(monkeypatch: pytest.MonkeyPatch):
    """Make the CLI act as a pinned actor (`seeded(7)`), so its keys are reproducible."""

    def pin(seed: int = 1, author: str = "Test", at: datetime = FIXED) -> None:
        rng = random.Random(seed)
        monkeypatch.setattr(
            ops, "Actor", lambda **_: Actor(author=author, clock=lambda: at, rng=rng)
        )

    return pin


@pytest.fixture
def repo(tmp_path: Path, board_file: Path) -> Path:
    """A git repository holding the demo board, committed on `main`."""
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "board")
    return tmp_path


@pytest.fixture(autouse=True)
def _own_settings(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Every test gets an empty settings folder, no git configuration and an English locale: never
    the developer's own config.toml, git user.name (which the history would credit) or LANG."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
