"""The garbage collector around reading a board (`regietui.memory`): off while a board is built,
everything built at start frozen once the app is up, a board read again frozen in its turn."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from regietui import memory, store
from regietui.store import BoardStore


@pytest.fixture
def collector() -> Iterator[None]:
    """Start with nothing frozen; leave the collector on."""
    gc.unfreeze()
    yield
    gc.enable()


def test_held_stops_collecting_and_restores_what_was_there(collector: None) -> None:
    with memory.held():
        assert not gc.isenabled()
        with memory.held():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block leaves it off: the outer one is still reading
    assert gc.isenabled()
    gc.disable()
    with memory.held():
        pass
    assert not gc.isenabled()  # held from the start of the process: it stays held


def test_reading_a_board_holds_the_collector(
    collector: None, board_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []
    real = store._reload

    def watched(*args: Any) -> Any:
        seen.append(gc.isenabled())
        return real(*args)

    monkeypatch.setattr(store, "_reload", watched)
    BoardStore(board_file).load()
    assert seen == [False] and gc.isenabled()


def test_settle_freezes_what_the_start_built_only_after_hold(collector: None) -> None:
    memory.settle()
    assert gc.get_freeze_count() == 0  # never held (a test, a script): nothing to settle
    memory.hold()
    assert not gc.isenabled()
    built = [[index] for index in range(1000)]  # what the start builds
    memory.settle()
    assert gc.isenabled() and gc.get_freeze_count() >= len(built)
