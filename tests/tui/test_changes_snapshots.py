"""Snapshot of the changes view: the fixture board (fixed "today" 2026-05-15) with one merge
conflict made by two sessions with pinned clocks, at 80x24.

Update after an intended change of the look: `pytest tests/tui --snapshot-update`.
"""

from __future__ import annotations

from typing import Any

from test_changes_view import make_conflict, settle


def test_snapshot_changes_view_with_a_conflict_80x24(
    snap_compare: Any, make_app: Any, board_fixture: Any
) -> None:
    make_conflict(board_fixture.path, board_fixture["ipad"])

    async def open_view(pilot: Any) -> None:
        await pilot.press("C")
        await settle(pilot)

    assert snap_compare(make_app(), run_before=open_view, terminal_size=(80, 24))
