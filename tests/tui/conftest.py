"""Fixtures for the main-screen tests: the small board of `support.build_board` written to a
temporary file, and a factory for the app on it (fixed "today", seeded actor, no file watching)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from support import TODAY, Fixture, actor, build_board

from regietui.store import BoardStore
from regietui.tui.app import RegieApp


@pytest.fixture(autouse=True)
def settings_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every TUI test gets its own settings folder: nothing reads or writes the real home."""
    home = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    return home


@pytest.fixture
def board_fixture(tmp_path: Path) -> Fixture:
    board, keys = build_board()
    path = tmp_path / "boards" / "test.json"
    BoardStore(path).create(board)
    return Fixture(path, keys)


@pytest.fixture
def make_app(board_fixture: Fixture) -> Callable[..., RegieApp]:
    def make(**options: Any) -> RegieApp:
        options.setdefault("lang", "en")
        options.setdefault("today", TODAY)
        options.setdefault("actor", actor(seed=7))
        options.setdefault("watch", False)
        store = BoardStore(options.pop("path", board_fixture.path))
        return RegieApp(store, **options)

    return make
