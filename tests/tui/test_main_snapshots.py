"""Snapshots of the main screen with a fixed "today" (2026-05-15) and the fixture board.

Update after an intended change of the look: `pytest tests/tui --snapshot-update`.
"""

from __future__ import annotations

from typing import Any


async def settle(pilot: Any) -> None:
    """Let the findings (worked out in a thread) arrive, so the markers are always drawn."""
    app = pilot.app
    for _ in range(100):
        await pilot.pause()
        await app.workers.wait_for_complete()
        if app.board_screen.findings.board is app.session.board:
            break
    await pilot.pause()


def test_snapshot_main_screen_80x24(snap_compare: Any, make_app: Any) -> None:
    assert snap_compare(make_app(), run_before=settle, terminal_size=(80, 24))


def test_snapshot_roadmap_view_80x24(snap_compare: Any, make_app: Any) -> None:
    assert snap_compare(make_app(), run_before=settle, press=["r"], terminal_size=(80, 24))


def test_snapshot_main_screen_160x48(snap_compare: Any, make_app: Any) -> None:
    assert snap_compare(make_app(), run_before=settle, terminal_size=(160, 48))


def test_snapshot_swimlanes_and_details_160x48(snap_compare: Any, make_app: Any) -> None:
    app = make_app(lang="nl")
    assert snap_compare(app, run_before=settle, press=["s", "l", "v"], terminal_size=(160, 48))
